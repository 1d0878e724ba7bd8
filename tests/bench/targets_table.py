#!/usr/bin/env python3
"""The tables and verdicts of targets.sh, from worst.sh's raw runs.

    targets_table.py WORST.tsv

WORST.tsv as worst_table.py reads it (case, size, run, tool, status, wall,
user, sys, peak KiB, input bytes).  Times are user + sys CPU seconds,
medians over the runs; a ratio to git, or to the normal pair, is the
median over the runs of the ratio of the two CPU times in the same run
(worst.sh runs every case and tool of a size in each run).  Prints the
normal pair's table, the worst cases' table and the verdicts:

    json <= 1.5x git and stat <= 1.0x git, on the normal pair of the
        largest size
    peak RSS <= 4x the input (old + new bytes), on the normal pair of the
        largest size (and, for information, the highest of every case,
        size and normdiff command)
    growth exponent log(t2 / t1) / log(input2 / input1), first size to
        last, <= 1.1 for every case and normdiff command
    every worst case's CPU <= 3x the normal pair's of the same size

Standard library only.  Figures that used a time below 0.005 s a run
are in parentheses (GNU time counts in 0.01 s steps; a pair under 4 MB
runs ten times in one timed loop).
"""

import math
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from worst_table import CASES, SMALL, in_same_runs, median  # noqa: E402

ND = ["normdiff-json", "normdiff-stat"]
TARGETS = {"json": 1.5, "stat": 1.0, "rss": 4.0, "exp": 1.1, "worst": 3.0}


def fmt(x, small=False, d=2):
    s = "%.*f" % (d, x)
    return "(%s)" % s if small else s


def load(path):
    runs, bad, inb, sizes = {}, {}, {}, []
    for line in open(path):
        c, s, r, t, st, wall, u, sy, kb, b = line.rstrip("\n").split("\t")
        inb[(c, s)] = int(b)
        if s not in sizes:
            sizes.append(s)
        if st != "ok":
            bad.setdefault((c, s, t), st)
            continue
        runs.setdefault((c, s, t), {})[int(r)] = (float(u) + float(sy), int(kb), float(sy))
    return runs, bad, inb, sizes


class M:
    def __init__(self, path):
        self.runs, self.bad, self.inb, self.sizes = load(path)

    def cpu(self, c, s, t):
        rs = self.runs.get((c, s, t))
        return median([x[0] for x in rs.values()]) if rs and (c, s, t) not in self.bad else None

    def sys_cpu(self, c, s, t):
        rs = self.runs.get((c, s, t))
        return median([x[2] for x in rs.values()]) if rs and (c, s, t) not in self.bad else None

    def peak(self, c, s, t):
        rs = self.runs.get((c, s, t))
        return max(x[1] for x in rs.values()) if rs and (c, s, t) not in self.bad else None

    def paired(self, c, s, t, c0, t0):
        """The median over the runs of (c, s, t)'s CPU over (c0, s, t0)'s
        in the same run, and whether a time was too small to trust."""
        if (c, s, t) in self.bad or (c0, s, t0) in self.bad:
            return None, False
        r, least = in_same_runs(
            {r: x[0] for r, x in self.runs.get((c, s, t), {}).items()},
            {r: x[0] for r, x in self.runs.get((c0, s, t0), {}).items()})
        return (r, least < SMALL) if r is not None else (None, False)

    def to_git(self, c, s, t):
        return self.paired(c, s, t, c, "git-word-diff")

    def to_normal(self, c, s, t):
        return self.paired(c, s, t, "normal", t)

    def cell(self, c, s, t):
        v = self.cpu(c, s, t)
        return fmt(v, v < SMALL, 3) if v is not None else self.bad.get((c, s, t), "-")

    def exponent(self, c, t):
        s1, s2 = self.sizes[0], self.sizes[-1]
        a, b = self.cpu(c, s1, t), self.cpu(c, s2, t)
        if s1 == s2 or a is None or b is None:
            return None, False
        q = self.inb[(c, s2)] / self.inb[(c, s1)]
        return math.log(max(b, 0.001) / max(a, 0.001)) / math.log(q), min(a, b) < SMALL


def normal_table(m):
    print("Normal pair (generate.py): median user + sys CPU s, ratios to git's word diff in the same runs;")
    print("json -o sys: the part of json -o that is system time (most of it writing the report's pages)")
    print()
    print("| size | input MB | json -o | json -o sys | stat | git | wdiff | dwdiff | json / git "
          "| stat / git | json peak / input | stat peak / input |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for s in m.sizes:
        if ("normal", s) not in m.inb:
            continue
        cells = [m.cell("normal", s, t) for t in
                 ("normdiff-json", "normdiff-stat", "git-word-diff", "wdiff", "dwdiff")]
        v = m.sys_cpu("normal", s, "normdiff-json")
        cells.insert(1, fmt(v, v < SMALL, 3) if v is not None else "-")
        for t in ND:
            r, small = m.to_git("normal", s, t)
            cells.append(fmt(r, small) if r is not None else "-")
        for t in ND:
            p = m.peak("normal", s, t)
            cells.append("%.2f" % (p * 1024 / m.inb[("normal", s)]) if p else "-")
        print("| %s | %.1f | %s |" % (s, m.inb[("normal", s)] / 1e6, " | ".join(cells)))


def worst_table(m):
    s1, s2 = m.sizes[0], m.sizes[-1]
    print()
    growth = ("growth exponent %s->%s of CPU, log(t2/t1) / log(input2/input1)" % (s1, s2)
              if s1 != s2 else "no growth exponent (one size only)")
    print("Worst cases: median user + sys CPU s; ratio to git in the same runs; %s; "
          "CPU over the normal pair's of the same size in the same runs" % growth)
    print()
    print("| case | size | input MB | json CPU | stat CPU | git CPU | json / git | stat / git "
          "| json exp | stat exp | json / normal | stat / normal | peak / input |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for c in CASES[1:]:
        for s in m.sizes:
            if (c, s) not in m.inb:
                continue
            cells = [m.cell(c, s, t) for t in ND + ["git-word-diff"]]
            for t in ND:
                r, small = m.to_git(c, s, t)
                cells.append(fmt(r, small) if r is not None else "-")
            for t in ND:
                e, small = m.exponent(c, t)
                cells.append(fmt(e, small) if e is not None and s == s2 else "")
            for t in ND:
                r, small = m.to_normal(c, s, t)
                cells.append(fmt(r, small) if r is not None else "-")
            ps = [m.peak(c, s, t) for t in ND]
            ps = [p for p in ps if p]
            cells.append("%.2f" % (max(ps) * 1024 / m.inb[(c, s)]) if ps else "-")
            print("| %s | %s | %.1f | %s |" % (c, s, m.inb[(c, s)] / 1e6, " | ".join(cells)))


def verdicts(m):
    s2 = m.sizes[-1]
    rows = []

    def add(name, target, value, where, small=False, missing=None, info=False):
        if value is None:
            rows.append((name, "<= %.1f" % target, "-", missing or "not measured",
                         "not measured"))
            return
        ok = value <= target
        rows.append((name, "<= %.1f" % target, fmt(value, small), where,
                     "(for information)" if info else "met" if ok else "NOT met"))

    for key, t in (("json", "normdiff-json"), ("stat", "normdiff-stat")):
        r, small = m.to_git("normal", s2, t)
        add("%s / git CPU" % key, TARGETS[key], r, "normal %s" % s2, small)
    # the target is the normal pair's of the largest size; the highest of
    # every case and size is shown too (a small pair's is mostly the
    # program's own 9 MB)
    for name, cases, sizes, info in (
            ("peak RSS / input, normal pair", ["normal"], [s2], False),
            ("peak RSS / input (highest of all)", CASES, m.sizes, True)):
        worst = None
        for (c, s) in m.inb:
            if c not in cases or s not in sizes:
                continue
            for t in ND:
                p = m.peak(c, s, t)
                if p:
                    v = p * 1024 / m.inb[(c, s)]
                    if worst is None or v > worst[0]:
                        worst = (v, "%s %s %s" % (c, s, t))
        add(name, TARGETS["rss"], worst and worst[0], worst and worst[1], info=info)
    worst = None
    if len(m.sizes) > 1:
        for c in CASES:
            for t in ND:
                e, small = m.exponent(c, t)
                if e is not None and (worst is None or e > worst[0]):
                    worst = (e, "%s %s" % (c, t), small)
    add("growth exponent %s->%s (highest)" % (m.sizes[0], s2), TARGETS["exp"],
        worst and worst[0], worst and worst[1], worst and worst[2],
        missing="one size only")
    worst = None
    for c in CASES[1:]:
        for s in m.sizes:
            for t in ND:
                v, small = m.to_normal(c, s, t)
                if v is not None and (worst is None or v > worst[0]):
                    worst = (v, "%s %s %s" % (c, s, t), small)
    add("worst case / normal CPU (highest)", TARGETS["worst"], worst and worst[0],
        worst and worst[1], worst and worst[2])
    print()
    print("Targets")
    print()
    print("| target | limit | measured | where | verdict |")
    print("|---|---|---|---|---|")
    for r in rows:
        print("| %s |" % " | ".join(r))
    failed = sorted(set(k[:2] for k in m.bad))
    for c, s in failed:
        print("note: %s %s: %s" % (c, s, ", ".join("%s %s" % (t, st) for (cc, ss, t), st
                                                  in m.bad.items() if (cc, ss) == (c, s))))
    print()
    print("In parentheses: a time below %.3f s went into it (GNU time counts in 0.01 s steps;"
          " a pair under 4 MB runs ten times in one timed loop)." % SMALL)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: targets_table.py WORST.tsv")
    m = M(sys.argv[1])
    normal_table(m)
    worst_table(m)
    verdicts(m)


if __name__ == "__main__":
    main()
