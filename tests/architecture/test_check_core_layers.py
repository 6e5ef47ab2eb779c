#!/usr/bin/env python3
"""The layering check itself: it finds a circle between units and a forbidden include between areas,
and passes a tree that keeps the rules."""
import os
import subprocess
import sys
import tempfile

CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_core_layers.py")


def tree(files, layers):
    root = tempfile.mkdtemp()
    os.makedirs(os.path.join(root, "core"))
    with open(os.path.join(root, "core", "layers.txt"), "w") as f:
        f.write(layers)
    for path, text in files.items():
        full = os.path.join(root, "core", path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as f:
            f.write(text)
    return root


def run(root):
    r = subprocess.run([sys.executable, CHECK, root], capture_output=True, text=True)
    return r.returncode, r.stdout.strip().splitlines()


layers = "common:\nbudget: common\n"
code, out = run(tree({"common/money.h": "", "budget/budget.h": '#include "money.h"\n'}, layers))
assert code == 0 and out == ["core/ is layered: 2 units in 2 areas, no circle, no forbidden include"], out

code, out = run(tree({"common/money.h": '#include "budget.h"\n', "budget/budget.h": '#include "money.h"\n'}, layers))
assert code == 1, out
assert out == ["common/money includes budget.h (budget), which common may not include",
               "include circle: budget/budget <-> common/money",
               "2 layering problem(s) in core/ (rules: core/layers.txt)"], out

# A .cpp and its .h are one unit: a.cpp -> b.h -> a.h is a circle.
code, out = run(tree({"budget/a.h": "", "budget/a.cpp": '#include "b.h"\n', "budget/b.h": '#include "a.h"\n'}, layers))
assert code == 1 and out[0] == "include circle: budget/a <-> budget/b", out

code, out = run(tree({"extra/x.h": ""}, layers))
assert code == 1 and out[0] == "core/extra/ is not in core/layers.txt", out
root = tree({"common/money.h": ""}, layers)
os.makedirs(os.path.join(root, "budget-server"))
with open(os.path.join(root, "budget-server", "api.cpp"), "w") as f:
    f.write('if (format == "pb-ballot' + '-vote")\n')
code, out = run(root)
assert code == 1 and out[0] == "budget-server/api.cpp names the vote format; only core/ may", out
print("the layering check finds circles, forbidden includes, unlisted areas and the vote format outside core/")

# The docs' link check: a missing file and a missing heading are both found.
DOCS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check_doc_links.py")
root = tempfile.mkdtemp()
os.makedirs(os.path.join(root, "docs"))
with open(os.path.join(root, "README.md"), "w") as f:
    f.write("[ok](docs/a.md#two-words) [gone](docs/b.md) [bad](docs/a.md#three) [web](https://example.org/x)\n")
with open(os.path.join(root, "docs", "a.md"), "w") as f:
    f.write("# Two words\n")
r = subprocess.run([sys.executable, DOCS, root], capture_output=True, text=True)
assert r.returncode == 1, r.stdout
assert r.stdout.splitlines() == ["README.md: docs/b.md does not exist",
                                 "README.md: docs/a.md#three names no heading of docs/a.md"], r.stdout
print("the docs' link check finds a missing file and a missing heading")
