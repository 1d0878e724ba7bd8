#!/usr/bin/env python3
"""Score normdiff's provision trees against the trees written by hand.

    score_trees.py --normdiff PATH [--corpus DIR] [--min SHARE] [--verbose]
                   [NAME ...]

For each expected tree (DIR/expected/*.tree, or only the NAMEs given, as
"GPL-2.0", "GPL-2.0.tree" or "GPL/GPL-2.0"), the text DIR/<SERIES>/NAME.txt
is read by `PATH outline --format=json` and normdiff's provisions are
compared with the expected ones (the file format and the conventions are in
DIR/EXPECTED.md; DIR defaults to ../data/corpus next to this script).

An expected provision is right when normdiff has a provision starting on the
same line with the same label, the same heading (an empty expected heading
matches null or ""; whitespace is collapsed before comparing; a title whose
JSON heading is null is compared by its text) and a parent starting on the
same line as the expected parent (top level matching top level). A wrong one
is counted once, under the first test it fails, in this order: missing (no
normdiff provision starts on that line), label, heading, parent. normdiff
provisions starting on a line where the expected tree has none are "extra"
(a paragraph split, a decoration kept).

share = right / (expected + extra), per document and in total.

Exit status: 0 when the total share (a percentage) is at least --min
(default 0), 1 when below, 2 on trouble (normdiff missing or failing, a text
or tree not found, a malformed tree line, reported as file:line).
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys

KINDS = {"title", "heading", "item", "paragraph", "intro", "preambular",
         "operative"}


class Trouble(Exception):
    pass


def collapse(s):
    return re.sub(r"\s+", " ", s or "").strip()


def read_tree(path):
    """Expected provisions: list of dicts with line, depth, kind, label,
    heading, parent (the parent's start line, or None at the top level)."""
    rows = []
    stack = []          # (depth, line) of the open ancestors
    prev_line = 0
    prev_depth = -1
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        raise Trouble(f"{path}: cannot read: {e}")
    if lines and lines[-1] == "":
        lines.pop()
    for n, raw in enumerate(lines, 1):
        raw = raw.rstrip("\r")
        where = f"{path}:{n}"
        if raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) != 5:
            raise Trouble(f"{where}: {len(fields)} TAB-separated field(s), "
                          "expected 5 (LINE DEPTH KIND LABEL HEADING)")
        line_s, depth_s, kind, label, heading = fields
        if not re.fullmatch(r"[0-9]+", line_s) or int(line_s) < 1:
            raise Trouble(f"{where}: LINE '{line_s}' is not a positive "
                          "integer")
        if not re.fullmatch(r"[0-9]+", depth_s):
            raise Trouble(f"{where}: DEPTH '{depth_s}' is not an integer "
                          ">= 0")
        line, depth = int(line_s), int(depth_s)
        if line <= prev_line:
            raise Trouble(f"{where}: LINE {line} does not ascend (the line "
                          f"before names line {prev_line})")
        if depth > prev_depth + 1:
            raise Trouble(f"{where}: DEPTH {depth} is more than the "
                          f"previous depth + 1 ({prev_depth + 1})")
        if kind not in KINDS:
            raise Trouble(f"{where}: KIND '{kind}' is not one of "
                          + ", ".join(sorted(KINDS)))
        while stack and stack[-1][0] >= depth:
            stack.pop()
        parent = stack[-1][1] if stack else None
        stack.append((depth, line))
        rows.append({"line": line, "depth": depth, "kind": kind,
                     "label": label, "heading": heading, "parent": parent,
                     "where": where})
        prev_line, prev_depth = line, depth
    return rows


def run_normdiff(normdiff, text):
    try:
        p = subprocess.run([normdiff, "outline", "--format=json", text],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=300)
    except OSError as e:
        raise Trouble(f"cannot run {normdiff}: {e}")
    except subprocess.TimeoutExpired:
        raise Trouble(f"{normdiff} outline {text}: no answer after 300 s")
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip()
        raise Trouble(f"{normdiff} outline {text}: exit {p.returncode}: {err}")
    try:
        doc = json.loads(p.stdout.decode("utf-8"))
        provisions = doc["provisions"]
    except (ValueError, KeyError, TypeError) as e:
        raise Trouble(f"{normdiff} outline {text}: unreadable JSON: {e}")
    flat = []

    def walk(ps, parent):
        for p in ps:
            try:
                heading = p.get("heading")
                if heading is None and p.get("kind") == "title":
                    heading = p.get("text")
                item = {"line": int(p["line"]),
                        "last_line": int(p.get("last_line") or p["line"]),
                        "kind": p.get("kind"), "label": p.get("label") or "",
                        "heading": heading, "parent": parent}
                children = p.get("children") or []
            except (KeyError, TypeError, ValueError) as e:
                raise Trouble(f"{normdiff} outline {text}: a provision "
                              f"without a usable line: {e}")
            flat.append(item)
            walk(children, item["line"])

    walk(provisions, None)
    return flat


def find_text(corpus, name):
    hits = sorted(glob.glob(os.path.join(glob.escape(corpus), "*",
                                         glob.escape(name) + ".txt")))
    if not hits:
        raise Trouble(f"no text {name}.txt in a series folder of {corpus}")
    if len(hits) > 1:
        raise Trouble(f"{name}.txt is in several series folders: "
                      + ", ".join(hits))
    return hits[0]


def describe(label, heading, parent):
    s = f"'{label}'"
    if collapse(heading):
        s += f" \"{collapse(heading)}\""
    return s + (f" under line {parent}" if parent is not None
                else " at the top level")


def score(name, tree_path, corpus, normdiff, verbose):
    expected = read_tree(tree_path)
    text = find_text(corpus, name)
    with open(text, encoding="utf-8", errors="replace") as f:
        nlines = len(f.read().split("\n"))
    for e in expected:
        if e["line"] > nlines:
            raise Trouble(f"{e['where']}: LINE {e['line']} is past the end "
                          f"of {text}")
    got = run_normdiff(normdiff, text)
    by_line = {}
    for g in got:
        by_line.setdefault(g["line"], []).append(g)
    counts = {"expected": len(expected), "right": 0, "label": 0,
              "heading": 0, "parent": 0, "missing": 0, "extra": 0}
    notes = []
    exp_lines = set()
    for e in expected:
        exp_lines.add(e["line"])
        cands = by_line.get(e["line"], [])
        want = describe(e["label"], e["heading"], e["parent"])
        if not cands:
            counts["missing"] += 1
            inside = [g for g in got if g["line"] <= e["line"] <= g["last_line"]]
            has = (f"nothing starts here; the line is inside "
                   f"'{inside[-1]['label']}' (lines {inside[-1]['line']}-"
                   f"{inside[-1]['last_line']})" if inside
                   else "nothing starts here (the line is in no provision)")
            notes.append((e["line"], f"missing: expected {want}; {has}"))
            continue
        same = [g for g in cands if collapse(g["label"]) == collapse(e["label"])]
        g = same[0] if same else cands[0]
        if len(cands) > 1:
            counts["extra"] += len(cands) - 1
            for other in cands:
                if other is not g:
                    notes.append((e["line"], "extra: normdiff also starts "
                                  + describe(other["label"], other["heading"],
                                             other["parent"]) + " here"))
        has = describe(g["label"], g["heading"], g["parent"])
        if collapse(g["label"]) != collapse(e["label"]):
            what = "label"
        elif collapse(g["heading"]) != collapse(e["heading"]):
            what = "heading"
        elif g["parent"] != e["parent"]:
            what = "parent"
        else:
            counts["right"] += 1
            continue
        counts[what] += 1
        notes.append((e["line"], f"wrong {what}: expected {want}; "
                      f"normdiff has {has}"))
    for g in got:
        if g["line"] not in exp_lines:
            counts["extra"] += 1
            notes.append((g["line"], "extra: normdiff has "
                          + describe(g["label"], g["heading"], g["parent"])
                          + f" ({g['kind']}), not in the expected tree"))
    if verbose:
        notes.sort(key=lambda n: n[0])
        counts["notes"] = [f"  {name}:{line}  {msg}" for line, msg in notes]
    return counts


def share(right, whole):
    return 100.0 * right / whole if whole else 100.0


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(
        description="Score normdiff's provision trees against the trees "
                    "written by hand (expected/*.tree).")
    ap.add_argument("--normdiff", required=True, metavar="PATH",
                    help="the normdiff binary")
    ap.add_argument("--corpus", metavar="DIR",
                    default=os.path.normpath(os.path.join(here, "..", "data",
                                                          "corpus")),
                    help="the corpus folder (default: %(default)s)")
    ap.add_argument("--min", metavar="SHARE", default="0",
                    help="lowest total share right, a percentage as printed "
                         "(75 or 75%%); below it the exit status is 1")
    ap.add_argument("--verbose", action="store_true",
                    help="print every wrong, missing and extra provision")
    ap.add_argument("names", nargs="*", metavar="NAME",
                    help="documents to score (default: every expected tree)")
    a = ap.parse_args()

    try:
        minimum = float(a.min.rstrip("%"))
    except ValueError:
        print(f"score_trees: --min '{a.min}' is not a number", file=sys.stderr)
        return 2
    if not (os.path.isfile(a.normdiff) and os.access(a.normdiff, os.X_OK)):
        print(f"score_trees: no normdiff program at {a.normdiff} (build it: "
              "ninja -C build)", file=sys.stderr)
        return 2
    normdiff = os.path.abspath(a.normdiff)
    expdir = os.path.join(a.corpus, "expected")
    if a.names:
        names = []
        for n in a.names:
            n = os.path.basename(n)
            for ext in (".tree", ".txt"):
                if n.endswith(ext):
                    n = n[:-len(ext)]
            names.append(n)
    else:
        names = sorted(os.path.basename(p)[:-5] for p in
                       glob.glob(os.path.join(glob.escape(expdir), "*.tree")))
        if not names:
            print(f"score_trees: no expected trees in {expdir}",
                  file=sys.stderr)
            return 2

    results = []
    try:
        for n in names:
            tree = os.path.join(expdir, n + ".tree")
            if not os.path.isfile(tree):
                raise Trouble(f"no expected tree {tree}")
            results.append((n, score(n, tree, a.corpus, normdiff, a.verbose)))
    except Trouble as e:
        print(f"score_trees: {e}", file=sys.stderr)
        return 2

    cols = ["expected", "right", "share", "label", "heading", "parent",
            "missing", "extra"]
    total = {c: 0 for c in cols if c != "share"}
    table = []
    for n, c in results:
        for k in total:
            total[k] += c[k]
        table.append([n] + [c[k] if k != "share" else
                            f"{share(c['right'], c['expected'] + c['extra']):.1f}%"
                            for k in cols])
    table.append(["total"] + [total[k] if k != "share" else
                              f"{share(total['right'], total['expected'] + total['extra']):.1f}%"
                              for k in cols])
    head = ["document"] + cols
    widths = [max(len(str(r[i])) for r in table + [head])
              for i in range(len(head))]

    def fmt(r):
        return "  ".join(str(v).ljust(widths[0]) if i == 0
                         else str(v).rjust(widths[i])
                         for i, v in enumerate(r))

    print(fmt(head))
    for r in table[:-1]:
        print(fmt(r))
    print(fmt(table[-1]))
    if a.verbose:
        for n, c in results:
            if c["notes"]:
                print()
                print("\n".join(c["notes"]))
    total_share = share(total["right"], total["expected"] + total["extra"])
    return 0 if total_share >= minimum else 1


if __name__ == "__main__":
    sys.exit(main())
