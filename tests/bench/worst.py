#!/usr/bin/env python3
"""Worst-case pairs of drafts for normdiff (worst.sh measures them).

    worst.py --case CASE --size 1m --seed 1 --out DIR

writes DIR/old.txt and DIR/new.txt (no truth: these pairs measure
time and memory, not what is found).  Standard library only; the same
case, size and seed always give the same bytes.  The cases:

    normal      generate.py's default pair (about 3% of provisions edited)
    modified    every provision modified: generate.py --light (every
                provision of the new version has a word replaced and one
                inserted, on top of the true edits)
    no-ident    no identical provisions: every operative paragraph is one
                35-word sentence with five slots filled, so that no two
                are the same but any two share most of their words; the new
                version changes one slot word in every paragraph, and no
                new text equals any old or other new one
    huge        one huge provision: generate.py's default pair of half the
                size, with one preambular paragraph of the other half (0.5
                MB at 1m, 5 MB at 10m) put first in both versions, eight
                words of it replaced in the new version
    tiny        short provisions: chapeaux of 20 to 26 lettered items of
                about 12 words ("(a) To strengthen ...;"), about 11,600
                items a megabyte; 3% of items get a word replaced, 1%
                removed, 1% added
    vocab       a 45,000-word vocabulary: operative paragraphs of 15 to 80
                words drawn uniformly from 45,000 made-up words, so few
                words repeat; 3% of paragraphs modified, 1% removed, 1%
                added, 0.5% moved
"""

import argparse
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


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--case", choices=CASES, required=True)
    ap.add_argument("--size", default="1m")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    gen(ap.parse_args())


if __name__ == "__main__":
    main()
