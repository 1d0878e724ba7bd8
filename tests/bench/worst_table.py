#!/usr/bin/env python3
"""The tables of worst.sh's measurements.

    worst_table.py RESULTS.tsv

RESULTS.tsv: one line a run, tab-separated: case, size, run, tool, status
("ok", "timeout >300s", "error (exit 2)", "killed by signal 11"), wall,
user and sys seconds, peak RSS in KiB, input bytes (old + new).  Prints
per case, size and tool the median wall and CPU (user + sys) times, the
highest peak RSS, normdiff's CPU time over git's in the same run (median
over the runs) and the peak over the input; then the growth exponents of
each case and tool from the first size to the last (and from each size to
the next when there are more than two), and each case's times over the
normal pair's of the same size.  Standard library only.
"""

import math
import sys

CASES = ["normal", "modified", "no-ident", "huge", "tiny", "vocab"]


def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


SMALL = 0.005  # seconds a run: below this, GNU time's 0.01 s steps (over
               # the ten runs of a timed loop of a small pair) dominate


def in_same_runs(a, b):
    """The median over the runs of a's time over b's in the same run (a and
    b: run -> seconds), and the smallest time of either; (None, 0) when no
    run is in both."""
    rs = [a[r] / max(b[r], 0.001) for r in a if r in b]
    if not rs:
        return None, 0
    return median(rs), min(min(a.values()), min(b.values()))


def exponent(a, b, q):
    """log(b / a) / log(q), in parentheses when a time is too small."""
    e = "%.2f" % (math.log(max(b, 0.001) / max(a, 0.001)) / math.log(q))
    return "(%s)" % e if min(a, b) < SMALL else e


def exponents(cases, tools, sizes, inb, med):
    """Growth exponents from the first size to the last (wall and CPU),
    and with more than two sizes from each to the next (CPU)."""
    s1, s2 = sizes[0], sizes[-1]
    steps = list(zip(sizes, sizes[1:])) if len(sizes) > 2 else []
    print()
    print("Growth exponent log(t2 / t1) / log(input2 / input1), t the median wall"
          " or CPU time, input old + new bytes")
    print()
    print("| case | tool | input %s / %s | wall %s->%s | CPU %s->%s |" % (s2, s1, s1, s2, s1, s2)
          + "".join(" CPU %s->%s |" % st for st in steps))
    print("|---|---|---|---|---|" + "---|" * len(steps))
    for c in cases:
        if (c, s1) not in inb or (c, s2) not in inb:
            continue
        q = inb[(c, s2)] / inb[(c, s1)]
        for t in tools:
            a, b = med.get((c, s1, t)), med.get((c, s2, t))
            cells = [exponent(a[0], b[0], q), exponent(a[1], b[1], q)] if a and b else ["-", "-"]
            for x, y in steps:
                a, b = med.get((c, x, t)), med.get((c, y, t))
                cells.append(exponent(a[1], b[1], inb[(c, y)] / inb[(c, x)]) if a and b else "-")
            print("| %s | %s | %.1f | %s |" % (c, t, q, " | ".join(cells)))


def table(path):
    """Lines: case size run tool status wall user sys maxrss_kb in_bytes."""
    runs = {}       # (case, size, tool) -> [(run, wall, cpu, kb)]
    status = {}     # (case, size, tool) -> first status other than ok
    inb = {}
    order_sizes = []
    with open(path) as f:
        for line in f:
            c, s, r, t, st, wall, u, sy, kb, b = line.rstrip("\n").split("\t")
            inb[(c, s)] = int(b)
            if s not in order_sizes:
                order_sizes.append(s)
            key = (c, s, t)
            runs.setdefault(key, [])
            if st != "ok":
                status.setdefault(key, st)
                continue
            runs[key].append((int(r), float(wall), float(u) + float(sy), int(kb)))
    cases = [c for c in CASES if any(k[0] == c for k in runs)]
    tools = ["normdiff-json", "normdiff-stat", "git-word-diff"]
    med = {}
    print("| case | size | tool | median wall s | median CPU s | peak MB | CPU / git's | peak / input |")
    print("|---|---|---|---|---|---|---|---|")
    for c in cases:
        for s in order_sizes:
            if (c, s) not in inb:
                continue
            git = {r: cpu for r, _, cpu, _ in runs.get((c, s, "git-word-diff"), [])}
            for t in tools:
                rs = runs.get((c, s, t), [])
                if (c, s, t) in status or not rs:
                    st = status.get((c, s, t), "not run")
                    print("| %s | %s | %s | %s | | | | |" % (c, s, t, st))
                    continue
                w = median([x[1] for x in rs])
                cpu = median([x[2] for x in rs])
                kb = max(x[3] for x in rs)
                med[(c, s, t)] = (w, cpu)
                r, _ = in_same_runs({x[0]: x[2] for x in rs}, git) \
                    if t != "git-word-diff" else (None, 0)
                ratio = "%.1f" % r if r is not None else ""
                if r is not None and min(git.values()) < SMALL:
                    ratio = "(%s)" % ratio
                print("| %s | %s | %s | %.3f | %.3f | %.1f | %s | %.1f |"
                      % (c, s, t, w, cpu, kb / 1024, ratio, kb * 1024 / inb[(c, s)]))
    if len(order_sizes) >= 2:
        exponents(cases, tools, order_sizes, inb, med)
    print()
    print("In parentheses: a time below %.3f s went into it (GNU time counts"
          " in 0.01 s steps; a pair under 4 MB runs ten times in one timed"
          " loop)." % SMALL)
    if "normal" in cases:
        print()
        print("Ratio to the normal pair of the same size (the median over the"
              " runs of the two in the same run, wall and CPU)")
        print()
        print("| case | size | tool | wall / normal's | CPU / normal's |")
        print("|---|---|---|---|---|")
        for c in cases:
            if c == "normal":
                continue
            for s in order_sizes:
                for t in tools:
                    if (c, s, t) in status or ("normal", s, t) in status:
                        continue
                    cells = []
                    for i in (1, 2):  # wall, CPU
                        r, least = in_same_runs(
                            {x[0]: x[i] for x in runs.get((c, s, t), [])},
                            {x[0]: x[i] for x in runs.get(("normal", s, t), [])})
                        if r is not None:
                            cells.append("(%.1f)" % r if least < SMALL else "%.1f" % r)
                    if len(cells) == 2:
                        print("| %s | %s | %s | %s | %s |" % ((c, s, t) + tuple(cells)))




def main():
    if len(sys.argv) != 2:
        sys.exit("usage: worst_table.py RESULTS.tsv")
    table(sys.argv[1])


if __name__ == "__main__":
    main()
