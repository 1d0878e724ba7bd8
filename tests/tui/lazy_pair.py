#!/usr/bin/env python3
"""A pair with one long provision, for the screens of tests/tui/lazy.sh.

    lazy_pair.py OUTDIR

The provision is a few thousand lines on screen and holds what the text
pane must draw alike wherever it starts: wide and combining characters,
control and bidi characters, words longer than a line, runs of
spaces, and word edits all along. The new version splits it in two, so a
part lines up with the old words it came from. Deterministic: a fixed
seed, no dependency on the Python version's hash order.
"""
import os
import random
import sys

WORDS = ("the State Party shall take measures to ensure that each person "
         "within its jurisdiction enjoys protection against unlawful "
         "interference with privacy family home correspondence").split()
ODD = ["日本語の条約", "naïve", "e\u0301te\u0301", "Ω\u0308\u0301\u0327",
       "a\x1bb", "x\u202ey", "tab\there", "\u3000wide\u3000space",
       "supercalifragilisticexpialidociousmeasuresofprotectionandcare" * 2,
       "   ", "\u0301lone", "ｆｕｌｌｗｉｄｔｈ", "❤️", "\u200b"]


def sentence(rng, n):
    out = []
    for _ in range(n):
        r = rng.random()
        out.append(rng.choice(ODD) if r < 0.06 else rng.choice(WORDS))
    return " ".join(out)


def main():
    out = sys.argv[1]
    rng = random.Random(7)
    first = sentence(rng, 9000)
    second = sentence(rng, 6000)
    words = (first + " " + second).split(" ")
    new = []
    for w in words:
        r = rng.random()
        if r < 0.02:
            continue  # deleted
        new.append(w)
        if r > 0.985:
            new.append(rng.choice(WORDS).upper())  # inserted
    cut = len(first.split(" "))
    old_text = ("Convention on privacy\n\n(a) A short first provision.\n\n"
                "(b) " + first + " " + second + ".\n\n(c) A short last one.\n")
    new_text = ("Convention on privacy\n\n(a) A short first provision.\n\n"
                "(b) " + " ".join(new[:cut]) + ".\n\n(b bis) " +
                " ".join(new[cut:]) + ".\n\n(c) A short last one.\n")
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "old.txt"), "wb") as f:
        f.write(old_text.encode("utf-8"))
    with open(os.path.join(out, "new.txt"), "wb") as f:
        f.write(new_text.encode("utf-8"))


main()
