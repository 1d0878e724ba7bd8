#!/usr/bin/env python3
"""Count the change regions in the output of a word-diff tool.

    count_regions.py git|wdiff FILE

A change region is a maximal run of deleted and inserted words with no
word between them that the tool reports as common.  Whitespace and line
ends do not separate regions; one common word does.  So a reworded phrase
is one region, a removed paragraph is one region, and a renumbered
paragraph ("12." -> "11.") is one region.

git   `git diff --no-index --word-diff=porcelain` output: "-" and "+" lines
      are deleted and inserted words, " " lines are common text, "~" is a
      line end; "diff", "index", "---", "+++" and "@@" lines are headers.
      A run of "-"/"+" lines ends at a " " line holding a word or at an
      "@@" hunk header.
wdiff wdiff-style markup, as written by `wdiff`, `dwdiff` and
      difflib_words.py when given the markers below
      (-w $'\\x01' -x $'\\x02' -y $'\\x03' -z $'\\x04'):
      \\x01 deleted \\x02 and \\x03 inserted \\x04.  Segments separated only
      by whitespace belong to one region.

Prints the number of regions.
"""

import re
import sys


def count_git(f):
    regions = 0
    in_run = False
    header = True
    for line in f:
        if header:
            # the file header ends at the first hunk
            if line.startswith(b"@@"):
                header = False
                in_run = False
            continue
        c = line[:1]
        if c == b"-" or c == b"+":
            if not in_run:
                regions += 1
                in_run = True
        elif c == b" ":
            if line[1:].strip():
                in_run = False
        elif c == b"~":
            pass
        elif line.startswith(b"@@"):
            in_run = False
        elif line.startswith(b"diff --git"):
            header = True
            in_run = False
    return regions


SEGMENT = re.compile(rb"\x01[^\x02]*\x02?|\x03[^\x04]*\x04?")


def count_wdiff(data):
    regions = 0
    last_end = None   # where the previous change segment ended
    for m in SEGMENT.finditer(data):
        if last_end is None or data[last_end:m.start()].strip():
            regions += 1
        last_end = m.end()
    return regions


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("git", "wdiff"):
        raise SystemExit("usage: count_regions.py git|wdiff FILE")
    with open(sys.argv[2], "rb") as f:
        if sys.argv[1] == "git":
            print(count_git(f))
        else:
            print(count_wdiff(f.read()))


if __name__ == "__main__":
    main()
