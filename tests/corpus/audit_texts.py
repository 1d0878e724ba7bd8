#!/usr/bin/env python3
"""Audit every corpus text for two parse failures a reader sees at once.

    audit_texts.py --normdiff PATH [--corpus DIR]

For every DIR/<SERIES>/*.txt (DIR defaults to ../data/corpus next to this
script), `PATH outline --format=json` is read and each provision checked:

  swallowed marker  a source line inside the provision (after its first
                    line) opens with a marker ("b)", "(c)", "3.", "ii.",
                    "- ", "Section 4") right after a line that ended a
                    sentence or a clause (".", ";" or ":"): the item was
                    glued into the provision before it;
  decoration kept   the provision's text holds a rule ("=====", "-----",
                    "*****", "____", "~~~~").

Each finding is printed as file:line with the text; the last line counts
them. Exit status: 0 when there is none, 1 when there are findings, 2 on
trouble (normdiff missing or failing, no texts found).
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys

MARKER = re.compile(r"^\s*(\(?[0-9]{1,3}[.)]|\(?[a-z][.)]\s|\([a-z]{1,4}\)|"
                    r"\(?[ivx]{1,5}[.)]\s|[•▪◦‣∙*−–—-]\s|"
                    r"(Article|Section|ARTICLE|SECTION)\s+[0-9])")
RULE = re.compile(r"(={3,}|-{4,}|\*{3,}|_{4,}|~{3,})")


def audit(normdiff, path):
    """The findings of one text, as printable lines."""
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    run = subprocess.run([normdiff, "outline", "--format=json", path],
                         capture_output=True, text=True)
    if run.returncode:
        raise RuntimeError("%s: normdiff failed: %s" % (path, run.stderr.strip()))
    found = []
    for p in json.loads(run.stdout)["provisions"]:
        first, last = p["line"], p["last_line"]
        if RULE.search(p["text"]):
            found.append("%s:%d: decoration kept: %s" % (path, first, p["text"][:80]))
        for k in range(first + 1, last + 1):
            before, line = lines[k - 2].rstrip(), lines[k - 1]
            if before and before[-1] in ".;:" and MARKER.match(line):
                found.append("%s:%d: swallowed marker (inside %s of line %d): %s"
                             % (path, k, p["label"] or p["kind"], first,
                                line.strip()[:80]))
    return found


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--normdiff", required=True)
    ap.add_argument("--corpus", default=os.path.join(here, "..", "data", "corpus"))
    a = ap.parse_args()
    texts = sorted(glob.glob(os.path.join(a.corpus, "*", "*.txt")))
    if not texts:
        print("audit_texts.py: no texts under %s" % a.corpus, file=sys.stderr)
        return 2
    findings = []
    try:
        for t in texts:
            findings += audit(a.normdiff, t)
    except (OSError, RuntimeError, ValueError, KeyError) as e:
        print("audit_texts.py: %s" % e, file=sys.stderr)
        return 2
    for f in findings:
        print(f)
    print("%d texts, %d findings" % (len(texts), len(findings)))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
