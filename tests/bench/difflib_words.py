#!/usr/bin/env python3
"""A word diff with Python's difflib, the baseline of the benchmark.

    difflib_words.py [-w S] [-x S] [-y S] [-z S] OLD NEW

Splits both files into words at whitespace (as wdiff does) and runs one
difflib.SequenceMatcher over the two word lists, with difflib's defaults
(autojunk on: in lists of 200 words or more, words making up more than 1%
of the new text are not used to anchor matches).  This is a word-level
SequenceMatcher diff, not ndiff on paragraphs.  Its running time grows
faster than linearly with the size of the text.

Writes the new text in wdiff's style: common words as they are, deleted
words between S1 and S2 and inserted ones between S3 and S4 (default
"[-", "-]", "{+", "+}", as wdiff), all separated by single spaces (line
structure is not kept).  Exit status as wdiff: 0 same, 1 different.
"""

import argparse
import difflib
import sys


def main():
    ap = argparse.ArgumentParser(description="word-level difflib diff")
    ap.add_argument("-w", default="[-", help="start of a deletion")
    ap.add_argument("-x", default="-]", help="end of a deletion")
    ap.add_argument("-y", default="{+", help="start of an insertion")
    ap.add_argument("-z", default="+}", help="end of an insertion")
    ap.add_argument("old")
    ap.add_argument("new")
    a = ap.parse_args()
    with open(a.old, encoding="utf-8", errors="surrogateescape") as f:
        old = f.read().split()
    with open(a.new, encoding="utf-8", errors="surrogateescape") as f:
        new = f.read().split()
    sm = difflib.SequenceMatcher(None, old, new)
    out = sys.stdout
    changed = False
    chunk = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            chunk.append(" ".join(new[j1:j2]))
        else:
            changed = True
            if i2 > i1:
                chunk.append(a.w + " ".join(old[i1:i2]) + a.x)
            if j2 > j1:
                chunk.append(a.y + " ".join(new[j1:j2]) + a.z)
        if len(chunk) > 1000:
            out.write(" ".join(chunk) + " ")
            chunk = []
    out.write(" ".join(chunk) + "\n")
    out.flush()
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
