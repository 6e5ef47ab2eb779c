#!/usr/bin/env python3
"""Every relative link in README.md and docs/*.md resolves: the file exists, and a #fragment names a
heading of that Markdown file (GitHub's anchors: lower case, punctuation dropped, spaces to hyphens)."""
import os
import re
import sys

LINK = re.compile(r'\]\(([^)\s]+)\)|<img[^>]*\bsrc="([^"]+)"')


def anchors(path):
    found = set()
    with open(path, encoding="utf-8") as f:
        in_code = False
        for line in f:
            if line.startswith("```"):
                in_code = not in_code
            if in_code or not line.startswith("#"):
                continue
            title = line.lstrip("#").strip().lower()
            title = re.sub(r"[^\w\- ]", "", title)
            found.add(title.replace(" ", "-"))
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    pages = [os.path.join(root, "README.md")]
    docs = os.path.join(root, "docs")
    pages += sorted(os.path.join(docs, n) for n in os.listdir(docs) if n.endswith(".md"))
    problems, checked = [], 0
    for page in pages:
        with open(page, encoding="utf-8") as f:
            text = re.sub(r"```.*?```", "", f.read(), flags=re.S)
        for match in LINK.finditer(text):
            target = match.group(1) or match.group(2)
            if re.match(r"^[a-z]+:", target) or target.startswith("#") and not target[1:]:
                continue  # a web address, mailto:, or an empty fragment
            path, _, fragment = target.partition("#")
            full = os.path.normpath(os.path.join(os.path.dirname(page), path)) if path else page
            name = os.path.relpath(page, root)
            checked += 1
            if not os.path.exists(full):
                problems.append(f"{name}: {target} does not exist")
            elif fragment and full.endswith(".md") and fragment not in anchors(full):
                problems.append(f"{name}: {target} names no heading of {os.path.relpath(full, root)}")
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"{checked} relative links in {len(pages)} pages resolve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
