#!/usr/bin/env python3
"""same_records.py A.json B.json - do two `normdiff diff --format=json`
reports hold the same records: kind, flags, and the labels and paths of
the provisions on each side, and the same summary? Prints the first
difference and exits 1 if not."""
import json
import sys


def records(path):
    with open(path, encoding='utf-8') as f:
        j = json.load(f)
    recs = [(c['kind'], c['moved'], c['renumbered'], c['editorial'],
             c['xref_only'], c['layout'],
             [(o['label'], o['path']) for o in c.get('old') or []],
             [(o['label'], o['path']) for o in c.get('new') or []])
            for c in j['changes']]
    return j['summary'], recs


(sa, ra), (sb, rb) = records(sys.argv[1]), records(sys.argv[2])
if sa != sb:
    print('summaries differ: %s / %s' % (sa, sb))
    sys.exit(1)
for k, (a, b) in enumerate(zip(ra, rb)):
    if a != b:
        print('record %d differs: %s / %s' % (k, a, b))
        sys.exit(1)
if len(ra) != len(rb):
    print('%d records, not %d' % (len(ra), len(rb)))
    sys.exit(1)
print('%d records alike' % len(ra))
