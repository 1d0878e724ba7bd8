#!/usr/bin/env python3
"""draft_html.py TEXT OUT.html [scan|shy] - a draft as an HTML page to print to
PDF: A5 pages in a large enough type to take several pages, justified,
with a running header that holds the sheet number, a page number alone
at the foot, and a paragraph broken over pages now and then. The header
is of no shape the normaliser knows, so it must be found from the page.
With `shy`, a soft hyphen in the middle of every word of nine letters
or more, so that lines end in words broken at a hyphen (Chromium then
writes U+2010 HYPHEN at the break and keeps the soft hyphens elsewhere);
the real compounds of the drafts break at their own hyphens anyway.
With `scan`, a page that is only a drawing: no text at all, as a
scan without its OCR layer. With `alt`, A6 pages whose running header
alternates, one text on left-hand pages and another on right-hand ones,
as a book's do."""
import html
import re
import sys

src, out = sys.argv[1], sys.argv[2]
style = '''@page { size: A5; margin: 22mm 16mm 20mm 16mm;
  @top-center { content: "Informal consultations, sheet " counter(page); font: 9pt serif; }
  @bottom-center { content: counter(page); font: 9pt serif; } }
body { font: 12pt/1.3 serif; margin: 0; }
p { margin: 0 0 0.8em 0; text-align: justify; }'''
if len(sys.argv) > 3 and sys.argv[3] == 'alt':
    # a book's headers: one text on left-hand pages, another on right-hand
    style = ('@page :left { @top-left { content: "Draft code of conduct"; '
             'font: 9pt serif; } }\n'
             '@page :right { @top-right { content: "Informal consultations, '
             'second reading"; font: 9pt serif; } }\n'
             '@page { size: 105mm 148mm; margin: 18mm 12mm 16mm 12mm;\n'
             '  @bottom-center { content: counter(page); font: 9pt serif; } }\n'
             'body { font: 11pt/1.3 serif; margin: 0; }\n'
             'p { margin: 0 0 0.8em 0; text-align: justify; }')
if len(sys.argv) > 3 and sys.argv[3] == 'scan':
    style = '@page { size: A5; margin: 10mm; } body { margin: 0; }'
    body = ('<canvas id="c" width="400" height="500"></canvas><script>'
            'var x = document.getElementById("c").getContext("2d");'
            'for (var i = 0; i < 20; i++) x.fillRect(20, 20 + i * 22, 300 - i % 3 * 40, 10);'
            '</script>')
else:
    text = open(src, encoding='utf-8').read()
    paras = [p.strip() for p in text.split('\n\n') if p.strip()]
    body = '\n'.join('<p>%s</p>' % html.escape(p) for p in paras)
    if len(sys.argv) > 3 and sys.argv[3] == 'shy':
        body = re.sub(r'\b([a-z]{5})([a-z]{4,})\b', r'\1&shy;\2', body)
with open(out, 'w', encoding='utf-8') as f:
    f.write('<!doctype html><meta charset="utf-8"><style>%s</style>'
            '<body lang="en">%s</body>\n' % (style, body))
