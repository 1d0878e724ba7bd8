#!/usr/bin/env python3
"""check_pages.py OUTLINE.json FILE.pdf - are the pages that `normdiff
outline --format=json` gives each provision of a PDF the pages its words
are on? Each page's text is taken apart with pdftotext (poppler-utils),
not with normdiff: a provision's first words must be on its `page` and its
last words on its `last_page`, and wherever they are on one page only,
on that one. Some provision must start on page 1, one on page 2, one
must end on the last page, and one must run from a page onto the
next. Prints what it
checked, or the first thing wrong and exits 1."""
import json
import re
import subprocess
import sys

WORDS = 5


def norm(s):
    return ' '.join(s.split())


def page_texts(pdf):
    info = subprocess.run(['pdfinfo', pdf], capture_output=True, text=True,
                          check=True).stdout
    n = int(re.search(r'^Pages:\s+(\d+)', info, re.M).group(1))
    return [norm(subprocess.run(['pdftotext', '-f', str(k), '-l', str(k),
                                 '-raw', '-enc', 'UTF-8', pdf, '-'],
                                capture_output=True, text=True,
                                check=True).stdout)
            for k in range(1, n + 1)]


def provisions(nodes):
    for p in nodes:
        yield p
        yield from provisions(p['children'])


def check(what, words, page, texts):
    on = [k + 1 for k, t in enumerate(texts) if words in t]
    if page not in on:
        return '%s "%s" is not on page %d (it is on %s)' % (what, words, page, on)
    if len(on) == 1 and on[0] != page:
        return '%s "%s" is on page %d only' % (what, words, on[0])
    return None


def main():
    outline = json.load(open(sys.argv[1], encoding='utf-8'))
    texts = page_texts(sys.argv[2])
    firsts, lasts, spans, n = set(), set(), 0, 0
    for p in provisions(outline['provisions']):
        words = p['text'].split()
        if not words:
            continue
        n += 1
        if 'page' not in p or 'last_page' not in p:
            print('%s has no pages' % p['path'])
            return 1
        why = (check('the start of %s' % p['path'], ' '.join(words[:WORDS]),
                     p['page'], texts) or
               check('the end of %s' % p['path'], ' '.join(words[-WORDS:]),
                     p['last_page'], texts))
        if why:
            print(why)
            return 1
        firsts.add(p['page'])
        lasts.add(p['last_page'])
        spans += p['last_page'] > p['page']
    if not {1, 2} <= firsts:
        print('no provision starts on page(s) %s' % sorted({1, 2} - firsts))
        return 1
    if len(texts) not in lasts:
        print('no provision ends on the last page, %d' % len(texts))
        return 1
    if not spans:
        print('no provision runs onto a next page')
        return 1
    print('%d provisions on the pages of their words (%d pages, %d running '
          'onto the next)' % (n, len(texts), spans))
    return 0


sys.exit(main())
