#!/usr/bin/env python3
"""paged_pdf.py DIR - two versions of a short draft resolution as PDFs,
DIR/old.pdf and DIR/new.pdf, whose lines stand where this script puts
them (text_pdf.py's writer), so that the pages of every provision are
known here: A4 pages in Helvetica 11 of at most LINES lines of text and a
page number alone at the foot, paragraphs wrapped at WIDTH characters and
flowed from page to page, so that some run onto the next page. In the new
version a paragraph comes in on page 1 and pushes the rest down a page.
The pages of each paragraph are also written, one per line, to
DIR/old.pages and DIR/new.pages ("2. 1-2"), to be read beside the
reports (tests/golden/diff-pdf-pages.t), and the new version as text,
a paragraph a line, to DIR/new.txt."""
import os
import sys
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from text_pdf import pdf  # noqa: E402

LINES = 7
WIDTH = 84
TOP, STEP, GAP = 780, 14, 12

OLD = [
    ('', 'Draft resolution on shared river basins'),
    ('', 'The General Assembly,'),
    ('', 'Recalling its earlier resolutions on the shared use of '
         'watercourses and their basins,'),
    ('1.', 'Decides that the States of a shared basin shall take all '
           'appropriate measures to prevent significant harm to other '
           'States of the same basin;'),
    ('2.', 'Requests the Secretary-General to prepare, in consultation '
           'with the States of each basin, a report on the measures taken '
           'to keep the rivers clean, on the data shared between the '
           'States concerned and on the disputes that arose between them '
           'in the period under review, and to submit it at the next '
           'session;'),
    ('3.', 'Invites the States of each basin to exchange data on the flow '
           'of their rivers at least once a year;'),
    ('4.', 'Encourages regional organizations to assist States in '
           'settling disputes over the use of watercourses by peaceful '
           'means;'),
    ('5.', 'Decides to remain seized of the matter.'),
]

NEW = OLD[:3] + [
    ('1.', 'Welcomes the entry into force of the Convention on the Law of '
           'the Non-navigational Uses of International Watercourses;'),
    ('2.', OLD[3][1]),
    ('3.', OLD[4][1].replace('at the next session', 'at its next session')),
    ('4.', OLD[5][1].replace('at least once a year', 'twice a year')),
    ('5.', OLD[6][1].replace('settling disputes', 'settling their disputes')),
    ('6.', OLD[7][1]),
]


def flow(paras):
    """The pages, each a list of (x, y, text), and each paragraph's pages."""
    pages, where, y, used = [[]], [], TOP, 0
    for marker, text in paras:
        lines = textwrap.wrap((marker + ' ' if marker else '') + text, WIDTH)
        first = None
        if used and used < LINES:
            y -= GAP
        for t in lines:
            if used == LINES:
                pages.append([])
                y, used = TOP, 0
            first = first or len(pages)
            pages[-1].append((60, y, t.encode('latin-1')))
            y -= STEP
            used += 1
        where.append((marker or text.split()[0], first, len(pages)))
    for no, page in enumerate(pages, 1):
        page.append((290, 40, b'%d' % no))
    return pages, where


def main():
    out = sys.argv[1]
    for name, paras in (('old', OLD), ('new', NEW)):
        pages, where = flow(paras)
        with open(os.path.join(out, name + '.pdf'), 'wb') as f:
            f.write(pdf(pages))
        with open(os.path.join(out, name + '.pages'), 'w') as f:
            for label, a, b in where:
                f.write('%s %d-%d\n' % (label, a, b))
    with open(os.path.join(out, 'new.txt'), 'w') as f:
        f.write('\n\n'.join((m + ' ' if m else '') + t for m, t in NEW) + '\n')


main()
