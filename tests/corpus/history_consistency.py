#!/usr/bin/env python3
"""History is consistent with pairwise diffs, on every corpus series.

For every series of three or more versions in tests/data/corpus, run
`normdiff history --format json` over all its versions (oldest first, by
version number) and `normdiff diff --format json` over each consecutive
pair, and check, for every provision of the history (those of the newest
version and those removed on the way):

- the versions listed in "changed" are exactly the versions v after the
  one that introduced it whose pair (v-1, v) has a record holding one of
  its provisions in v (matched by source line) that is not "unchanged",
  "added" or "removed";
- it exists in "introduced" and every version up to its last one, and
  the pair into "introduced" (if any) adds it;
- "removed", when set, is a version whose pair removes its last state.

Exits 1 naming the series, the provision and the version on the first
disagreement; prints a line per series otherwise.
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, '..', 'data', 'corpus')


def version_key(name):
    return [int(x) for x in re.findall(r'\d+', name)]


def run_json(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit('%s: exit %d: %s' % (' '.join(cmd), p.returncode, p.stderr))
    return json.loads(p.stdout)


def records_by_new_line(diff):
    """new source line -> kinds of the records holding it; and the old
    lines of removed records."""
    by_line, removed = {}, set()
    for c in diff['changes']:
        for p in c['new']:
            by_line.setdefault(p['line'], set()).add(c['kind'])
        if not c['new']:
            for p in c['old']:
                removed.add(p['line'])
    return by_line, removed


def check_series(normdiff, name, files):
    hist = run_json([normdiff, 'history', '--format', 'json'] + files)
    diffs = [records_by_new_line(run_json(
        [normdiff, 'diff', '--format', 'json', files[k], files[k + 1]]))
        for k in range(len(files) - 1)]
    n = len(files)
    count = 0
    for p in hist['provisions']:
        where = '%s: %s (%s)' % (name, p['label'], p['text'][:40])
        states = p['states']
        intro = p['introduced']
        last = n - 1 if p['removed'] is None else p['removed'] - 1
        for v in range(n):
            if (states[v] is not None) != (intro <= v <= last):
                sys.exit('%s: state in version %d does not match '
                         'introduced %d, last %d' % (where, v, intro, last))
        if intro > 0:
            kinds = set()
            for line in states[intro]['lines']:
                kinds |= diffs[intro - 1][0].get(line, set())
            if 'added' not in kinds:
                sys.exit('%s: introduced in %d, but that pair does not add '
                         'it (%s)' % (where, intro, kinds))
        expect = []
        for v in range(intro + 1, last + 1):
            kinds = set()
            for line in states[v]['lines']:
                kinds |= diffs[v - 1][0].get(line, set())
            if not kinds:
                sys.exit('%s: no record holds line(s) %s in version %d'
                         % (where, states[v]['lines'], v))
            if kinds - {'unchanged', 'added', 'removed'}:
                expect.append(v)
        if p['changed'] != expect:
            sys.exit('%s: "changed" is %s, the pairwise diffs say %s'
                     % (where, p['changed'], expect))
        if p['removed'] is not None:
            r = p['removed']
            if not set(states[r - 1]['lines']) & diffs[r - 1][1]:
                sys.exit('%s: removed in %d, but that pair does not remove '
                         'it' % (where, r))
        count += 1
    return count


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--normdiff', required=True)
    args = ap.parse_args()
    total = 0
    for name in sorted(os.listdir(CORPUS)):
        d = os.path.join(CORPUS, name)
        if not os.path.isdir(d) or name in ('expected', 'pairs'):
            continue
        files = sorted((os.path.join(d, f) for f in os.listdir(d)
                        if f.endswith('.txt')), key=lambda f: version_key(os.path.basename(f)))
        if len(files) < 3:
            continue
        n = check_series(args.normdiff, name, files)
        total += n
        print('%s: %d versions, %d provisions consistent with the pairwise '
              'diffs' % (name, len(files), n))
    if not total:
        sys.exit('no series of three or more versions found in ' + CORPUS)


if __name__ == '__main__':
    main()
