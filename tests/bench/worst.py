#!/usr/bin/env python3
"""Worst-case pairs of drafts for normdiff, and the table of their times.

    worst.py gen --case CASE --size 1m --seed 1 --out DIR
    worst.py table RESULTS.tsv

`gen` writes DIR/old.txt and DIR/new.txt (no truth: these pairs measure
time and memory, not what is found).  Standard library only; the same
case, size and seed always give the same bytes.  The cases:

    normal      generate.py's default pair (about 3% of provisions edited)
    modified    every provision modified: generate.py --light (every
                provision of the new version has a word replaced and one
                inserted, on top of the true edits)
    no-ident    no identical provisions: every operative paragraph is one
                30-word sentence with five slots filled, so that no two
                are the same but any two share most of their words; the new
                version changes one slot word in every paragraph, and no
                new text equals any old or other new one
    huge        one huge provision: generate.py's default pair of half the
                size, with one preambular paragraph of the other half (0.5
                MB at 1m, 5 MB at 10m) put first in both versions, eight
                words of it replaced in the new version
    tiny        short provisions: chapeaux of 20 to 26 lettered items of
                about 12 words ("(a) To strengthen ...;"), about 10,000
                items a megabyte; 3% of items get a word replaced, 1%
                removed, 1% added
    vocab       a 45,000-word vocabulary: operative paragraphs of 15 to 80
                words drawn uniformly from 45,000 made-up words, so few
                words repeat; 3% of paragraphs modified, 1% removed, 1%
                added, 0.5% moved

`table` reads the measurements worst.sh writes (one line a run) and prints
the table of medians, the growth exponents from the smallest to the
largest size, and each case's ratio to the normal pair of the same size.
"""

import argparse
import math
import os
import random
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import generate as g  # noqa: E402

CASES = ["normal", "modified", "no-ident", "huge", "tiny", "vocab"]


def write(out, old, new):
    os.makedirs(out, exist_ok=True)
    for name, text in (("old.txt", old), ("new.txt", new)):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(text)


def run_generate(size, seed, out, light=False):
    cmd = [sys.executable, os.path.join(here, "generate.py"), "--size", str(size),
           "--seed", str(seed), "--out", out] + (["--light"] if light else [])
    subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL)
    return [open(os.path.join(out, n), encoding="utf-8").read() for n in ("old.txt", "new.txt")]


def render(title, ops, heading_every=40):
    """ops: [(text, [item texts] or None)], texts without end punctuation.
    Operative paragraphs numbered 1., 2., ..., items (a), (b), ...;
    an unnumbered heading every heading_every paragraphs."""
    out = [title, "", "The General Assembly,", ""]
    for i, (text, items) in enumerate(ops):
        if heading_every and i % heading_every == 0:
            out += [g.HEADING_WORDS[(i // heading_every) % len(g.HEADING_WORDS)], ""]
        last = i == len(ops) - 1
        if items:
            out += ["%d. %s:" % (i + 1, text), ""]
            for j, s in enumerate(items):
                end = "." if last and j == len(items) - 1 else ";"
                out += ["(%s) %s%s" % (g.letters(j + 1), s, end), ""]
        else:
            out += ["%d. %s%s" % (i + 1, text, "." if last else ";"), ""]
    return "\n".join(out[:-1]) + "\n"


# --------------------------------------------------------------------------
# no-ident: near-duplicate paragraphs, each changed by one word

NOIDENT = ("Calls upon {0} to {1} the {2} {3} of {4} in accordance with the Charter "
           "of the United Nations and international law, as appropriate, within "
           "existing resources and in close cooperation with the relevant partners")


def no_ident(rng, size):
    slots = [g.OWNERS, g.INF_VERBS, g.ADJECTIVES, g.NOUNS, g.NOUNS]
    seen, old, total = set(), [], 0
    while total < size:
        v = tuple(rng.randrange(len(s)) for s in slots)
        if v in seen:
            continue
        seen.add(v)
        old.append(v)
        total += len(NOIDENT) + 30
    new, taken = [], set(seen)
    for v in old:
        while True:
            k = rng.randrange(len(slots))
            w = list(v)
            w[k] = rng.randrange(len(slots[k]))
            w = tuple(w)
            if w not in taken:
                break
        taken.add(w)
        new.append(w)

    def text(v):
        return NOIDENT.format(*(s[i] for s, i in zip(slots, v)))
    title = "Draft resolution on near-identical paragraphs"
    return (render(title, [(text(v), None) for v in old]),
            render(title, [(text(v), None) for v in new]))


# --------------------------------------------------------------------------
# huge: one preambular paragraph of half the size

def huge(rng, size, seed, tmp):
    old, new = run_generate(size // 2, seed, tmp)
    w = g.Writer(rng)
    words, n = ["Recalling"], 9
    while n < size - size // 2:
        seg = w.predicate(rng.choice(["np", "that", "to"]))
        if len(words) > 1:
            words[-1] += ","
            seg = ["and"] + seg
        words += seg
        n += sum(len(x) + 1 for x in seg)
    # eight replacements spread through the paragraph
    edited = list(words)
    step = len(words) // 9
    for k in range(1, 9):
        i = k * step
        while edited[i] not in g.NOUNS:
            i += 1
        edited[i] = rng.choice([x for x in g.NOUNS if x != edited[i]])
    head = "The General Assembly,\n\n"

    def put(text, ws):
        return text.replace(head, head + " ".join(ws) + ",\n\n", 1)
    return put(old, words), put(new, edited)


# --------------------------------------------------------------------------
# tiny: many short lettered items

TINY_TAILS = ["as appropriate", "within existing resources", "on a voluntary basis",
              "in this regard", "as a matter of priority", "in accordance with international law",
              "at the national, regional and international levels",
              "in close cooperation with Member States", "upon their request"]


def tiny_item(rng):
    r = rng.random()
    if r < 0.5:
        ws = ["To", rng.choice(g.INF_VERBS), rng.choice(g.ADJECTIVES), rng.choice(g.NOUNS),
              rng.choice(["of", "for", "among", "by"])] + rng.choice(g.OWNERS).split()
    elif r < 0.8:
        ws = ["The", rng.choice(g.ADJECTIVES), rng.choice(g.NOUNS), "of"] + \
            rng.choice(g.FIXED_NPS).split()
    else:
        ws = [rng.choice(g.GERUNDS).capitalize(), rng.choice(g.ADJECTIVES),
              rng.choice(g.NOUNS), "and", rng.choice(g.NOUNS)]
    if rng.random() < 0.8:
        ws[-1] += ","
        ws += rng.choice(TINY_TAILS).split()
    return ws


def tiny(rng, size):
    ops, total = [], 0
    while total < size:
        items = []
        for _ in range(rng.randint(20, 26)):
            ws = tiny_item(rng)
            items.append(ws)
            total += sum(len(x) + 1 for x in ws) + 6
        ops.append((rng.choice(g.CHAPEAUX), items))
    new_ops = []
    for chapeau, items in ops:
        out = []
        for ws in items:
            r = rng.random()
            if r < 0.01:
                continue                      # removed
            if r < 0.04:                      # one word replaced
                ws = list(ws)
                i = rng.randrange(1, len(ws))
                ws[i] = rng.choice(g.NOUNS)
            out.append(ws)
            if rng.random() < 0.01 and len(out) < 26:
                out.append(tiny_item(rng))    # added
        new_ops.append((chapeau, out[:26]))
    title = "Draft resolution on many short measures"
    join = lambda o: [(c, [" ".join(ws) for ws in items]) for c, items in o]
    return render(title, join(ops), 10), render(title, join(new_ops), 10)


# --------------------------------------------------------------------------
# vocab: 45,000 made-up words

def vocabulary(rng, n=45000):
    onsets = "b c d f g h j k l m n p r s t v w z br cr dr fr gr pl pr st tr".split()
    vowels = "a e i o u ai ea io ou".split()
    codas = ["", "", "n", "r", "s", "l", "m", "nt", "st"]
    seen, out = set(), []
    while len(out) < n:
        w = "".join(rng.choice(onsets) + rng.choice(vowels) for _ in range(rng.randint(2, 4)))
        w += rng.choice(codas)
        if w not in seen:
            seen.add(w)
            out.append(w)
    return out


def vocab(rng, size):
    words = vocabulary(rng)
    paras, total = [], 0
    while total < size:
        ws = [rng.choice(words) for _ in range(rng.randint(15, 80))]
        ws[0] = ws[0].capitalize()
        paras.append(ws)
        total += sum(len(x) + 1 for x in ws) + 8
    new = []
    for ws in paras:
        r = rng.random()
        if r < 0.01:
            continue                          # removed
        if r < 0.04:                          # modified: one or two words
            ws = list(ws)
            for _ in range(rng.randint(1, 2)):
                ws[rng.randrange(1, len(ws))] = rng.choice(words)
        new.append(ws)
        if rng.random() < 0.01:               # added
            ws = [rng.choice(words) for _ in range(rng.randint(15, 80))]
            ws[0] = ws[0].capitalize()
            new.append(ws)
    for _ in range(len(new) // 200):          # moved: 0.5%, at least 3 places
        i = rng.randrange(len(new))
        p = new.pop(i)
        j = (i + rng.randint(3, 50)) % len(new)
        new.insert(j, p)
    title = "Draft resolution on a large vocabulary"
    join = lambda o: [(" ".join(ws), None) for ws in o]
    return render(title, join(paras)), render(title, join(new))


def gen(a):
    size = g.parse_size(a.size)
    rng = random.Random("normdiff-worst:%s:%d:%d" % (a.case, a.seed, size))
    if a.case in ("normal", "modified"):
        run_generate(size, a.seed, a.out, a.case == "modified")
        return
    if a.case == "no-ident":
        old, new = no_ident(rng, size)
    elif a.case == "huge":
        old, new = huge(rng, size, a.seed, a.out)
    elif a.case == "tiny":
        old, new = tiny(rng, size)
    else:
        old, new = vocab(rng, size)
    write(a.out, old, new)
    for n in ("truth.json",):
        p = os.path.join(a.out, n)
        if os.path.exists(p):
            os.remove(p)


# --------------------------------------------------------------------------
# table

def median(xs):
    xs = sorted(xs)
    n = len(xs)
    return xs[n // 2] if n % 2 else (xs[n // 2 - 1] + xs[n // 2]) / 2


SMALL = 0.05   # seconds: below this, GNU time's 0.01 s steps dominate


def rat(a, b, d=1):
    """a / b, in parentheses when either is too small to trust."""
    s = "%.*f" % (d, a / max(b, 0.01))
    return "(%s)" % s if min(a, b) < SMALL else s


def exponent(a, b, q):
    """log(b / a) / log(q), in parentheses when a time is too small."""
    e = "%.2f" % (math.log(max(b, 0.01) / max(a, 0.01)) / math.log(q))
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
                ratios = [x[2] / max(git[x[0]], 0.01) for x in rs
                          if t != "git-word-diff" and x[0] in git]
                ratio = "%.1f" % median(ratios) if ratios else ""
                if ratios and min(git.values()) < SMALL:
                    ratio = "(%s)" % ratio
                print("| %s | %s | %s | %.2f | %.2f | %.1f | %s | %.1f |"
                      % (c, s, t, w, cpu, kb / 1024, ratio, kb * 1024 / inb[(c, s)]))
    if len(order_sizes) >= 2:
        exponents(cases, tools, order_sizes, inb, med)
    print()
    print("In parentheses: a time below %.2f s went into it (GNU time counts"
          " in 0.01 s steps)." % SMALL)
    if "normal" in cases:
        print()
        print("Ratio to the normal pair of the same size (median wall, median CPU)")
        print()
        print("| case | size | tool | wall / normal's | CPU / normal's |")
        print("|---|---|---|---|---|")
        for c in cases:
            if c == "normal":
                continue
            for s in order_sizes:
                for t in tools:
                    a, b = med.get(("normal", s, t)), med.get((c, s, t))
                    if not a or not b:
                        continue
                    print("| %s | %s | %s | %s | %s |"
                          % (c, s, t, rat(b[0], a[0]), rat(b[1], a[1])))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("gen")
    a.add_argument("--case", choices=CASES, required=True)
    a.add_argument("--size", default="1m")
    a.add_argument("--seed", type=int, default=1)
    a.add_argument("--out", required=True)
    t = sub.add_parser("table")
    t.add_argument("results")
    a = ap.parse_args()
    if a.cmd == "gen":
        gen(a)
    else:
        table(a.results)


if __name__ == "__main__":
    main()
