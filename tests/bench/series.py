#!/usr/bin/env python3
"""A series of versions for the history benchmark (tests/bench/series.sh).

    series.py --base OLD.txt --count 20 --seed 1 --out DIR

writes DIR/v01.txt ... DIR/vNN.txt: v01 is OLD.txt, each later version
the one before with about 1% of its paragraphs edited: a word replaced
in some, a paragraph dropped, one copied with a word changed (so the
structure moves too). Standard library only; the same arguments always
give the same bytes.
"""
import argparse
import os
import random


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--base', required=True)
    ap.add_argument('--count', type=int, default=20)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--out', required=True)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    with open(a.base, encoding='utf-8') as f:
        paras = f.read().split('\n\n')
    os.makedirs(a.out, exist_ok=True)
    for k in range(1, a.count + 1):
        if k > 1:
            n = max(1, len(paras) // 100)
            for _ in range(n):
                i = rnd.randrange(2, len(paras))
                words = paras[i].split(' ')
                if len(words) > 6:
                    j = rnd.randrange(3, len(words))
                    words[j] = rnd.choice(['further', 'effective', 'regional',
                                           'national', 'timely', 'appropriate'])
                    paras[i] = ' '.join(words)
            if len(paras) > 10:
                del paras[rnd.randrange(2, len(paras))]
        with open(os.path.join(a.out, 'v%02d.txt' % k), 'w', encoding='utf-8') as f:
            f.write('\n\n'.join(paras))


if __name__ == '__main__':
    main()
