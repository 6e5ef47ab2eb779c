#!/usr/bin/env python3
"""Checks the tree keeps its floors: in core/, no include circle between units (a .cpp and its .h are
one unit) and no include between areas that core/layers.txt does not allow; outside it, no program that
spells out the vote format (core decides what a submission is), and nothing in workbook/ that includes
storage/ (the workbook library reads no database). Exit 0 when all holds."""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def read_layers(path):
    allowed = {}
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if ":" not in line:
                sys.exit(f"{path}:{number}: expected 'area: areas it may include'")
            area, below = line.split(":", 1)
            allowed[area.strip()] = set(below.split())
    for area, below in allowed.items():
        for b in below - allowed.keys():
            sys.exit(f"{path}: {area} may include {b}, which is not an area")
    return allowed


def read_units(core):
    """unit name -> (area, set of included header names); header name -> unit."""
    units, header_unit = {}, {}
    for area in sorted(os.listdir(core)):
        folder = os.path.join(core, area)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            stem, ext = os.path.splitext(name)
            if ext not in (".h", ".cpp"):
                continue
            unit = f"{area}/{stem}"
            if name.endswith(".h"):
                if name in header_unit and header_unit[name] != unit:
                    sys.exit(f"two headers named {name}: {header_unit[name]} and {unit}")
                header_unit[name] = unit
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                includes = {os.path.basename(i) for i in INCLUDE.findall(f.read())}
            entry = units.setdefault(unit, (area, set()))
            entry[1].update(includes)
    return units, header_unit


def circles(graph):
    """Strongly connected components of more than one unit (Tarjan, iterative)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], [0]
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter[0]; counter[0] += 1
        stack.append(start); on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter[0]; counter[0] += 1
                    stack.append(child); on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    top = stack.pop(); on_stack.discard(top); component.append(top)
                    if top == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


# Only core/ knows what a vote's envelope says; programs build and read votes through it.
ENVELOPE = "pb-ballot" + "-vote"
PROGRAMS = ("wasm", "budget-server", "budget-tool", "storage", "workbook", "site")


def envelope_outside_core(root):
    found = []
    for folder in PROGRAMS:
        for here, _, names in os.walk(os.path.join(root, folder)):
            for name in sorted(names):
                path = os.path.join(here, name)
                with open(path, encoding="utf-8", errors="replace") as f:
                    if ENVELOPE in f.read():
                        found.append(f"{os.path.relpath(path, root)} names the vote format; only core/ may")
    return found


def includes_across(root, folder, forbidden):
    """Files in `folder` that include a header of `forbidden` (the workbook library reads no database)."""
    theirs = {n for n in os.listdir(os.path.join(root, forbidden)) if n.endswith(".h")} if os.path.isdir(os.path.join(root, forbidden)) else set()
    found = []
    here = os.path.join(root, folder)
    for name in sorted(os.listdir(here)) if os.path.isdir(here) else []:
        if not name.endswith((".h", ".cpp")):
            continue
        with open(os.path.join(here, name), encoding="utf-8") as f:
            for header in INCLUDE.findall(f.read()):
                if os.path.basename(header) in theirs:
                    found.append(f"{folder}/{name} includes {header} from {forbidden}/")
    return found


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
    core = os.path.join(root, "core")
    allowed = read_layers(os.path.join(core, "layers.txt"))
    units, header_unit = read_units(core)
    problems = []
    graph = {u: set() for u in units}
    for unit, (area, includes) in sorted(units.items()):
        if area not in allowed:
            problems.append(f"core/{area}/ is not in core/layers.txt")
            continue
        for header in sorted(includes):
            target = header_unit.get(header)
            if target is None or target == unit:
                continue  # not one of core's headers, or its own
            graph[unit].add(target)
            target_area = units[target][0]
            if target_area != area and target_area not in allowed[area]:
                problems.append(f"{unit} includes {header} ({target_area}), which {area} may not include")
    for component in circles(graph):
        problems.append("include circle: " + " <-> ".join(component))
    problems += envelope_outside_core(root)
    problems += includes_across(root, "workbook", "storage")
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} layering problem(s) in core/ (rules: core/layers.txt)")
        return 1
    print(f"core/ is layered: {len(units)} units in {len(allowed)} areas, no circle, no forbidden include")
    return 0


if __name__ == "__main__":
    sys.exit(main())
