#!/usr/bin/env python3
"""notes_html.py OUT.html EXPECTED.txt - a draft with footnotes, as an HTML
page to print to PDF, and the text normdiff must read from that PDF.

Three A5 pages, each a box of the page's height: numbered provisions at
the top in 12pt, and at the foot of the page, in 8pt under a short rule,
the page's footnotes ("1 ", "2 ", ...). The second provision of page one
runs on to page two, past page one's notes. The expected text holds the
provisions in order, the broken one whole, and then every footnote as a
paragraph of its own, as normdiff writes a Word file's footnotes."""
import html
import sys

out, expected = sys.argv[1], sys.argv[2]
pages = [
    (['1. The Parties shall cooperate in the exchange of information on '
      'threats to the security of networks.',
      '2. Each Party shall designate a contact point that is available at '
      'all times and shall notify the depositary of its'],
     ['1 See the report of the Group of Governmental Experts.',
      '2 Contact points may be shared by several Parties.']),
    (['name and address within three months of the entry into force of '
      'this Agreement.',
      '3. Requests for assistance shall be answered without delay.'],
     ['3 Including requests made by electronic means.']),
    (['4. This Agreement shall enter into force on the thirtieth day after '
      'the deposit of the second instrument of ratification.'],
     ['4 Article 12 of the Vienna Convention applies.',
      '5 The depositary is the Secretary-General.']),
]
style = '''@page { size: A5; margin: 20mm 16mm 20mm 16mm; }
body { margin: 0; }
.page { position: relative; height: 168mm; break-after: page; overflow: hidden; }
.page p { font: 12pt/1.3 serif; margin: 0 0 0.8em 0; text-align: justify; }
.page p.runs { text-align-last: justify; }
.notes { position: absolute; bottom: 0; left: 0; right: 0; border-top: 0.5pt solid; width: 40%; padding-top: 2mm; }
.notes p { font: 8pt/1.2 serif; margin: 0 0 1mm 0; width: 250%; text-align: left; }'''
body = []
for k, (paras, notes) in enumerate(pages):
    ps = ''.join('<p%s>%s</p>' % (' class="runs"' if k == 0 and i == 1 else '',
                                  html.escape(p)) for i, p in enumerate(paras))
    ns = ''.join('<p>%s</p>' % html.escape(n) for n in notes)
    body.append('<div class="page">%s<div class="notes">%s</div></div>' % (ps, ns))
with open(out, 'w', encoding='utf-8') as f:
    f.write('<!doctype html><meta charset="utf-8"><style>%s</style>'
            '<body lang="en">%s</body>\n' % (style, ''.join(body)))
text = [p for paras, _ in pages for p in paras]
text[1:3] = [text[1] + ' ' + text[2]]
text += [n for _, notes in pages for n in notes]
with open(expected, 'w', encoding='utf-8') as f:
    f.write('\n\n'.join(text) + '\n')
