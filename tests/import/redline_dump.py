#!/usr/bin/env python3
"""Print a Word file's text as a reviewer reads its tracked changes, for
the golden tests of the redline (--format=docx).

One line per paragraph: its style and the tracked change of its mark in
brackets, then its runs, deletions as [-..-], insertions as {+..+},
moved-away text as [<..<] and moved-here text as {>..>}, with the name
of the move. Before them: the zip's members and the document properties;
after them, the revisions' authors and dates, counted.
"""
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

W = '{http://schemas.openxmlformats.org/wordprocessingml/2006/main}'
MARKS = {'ins': ('{+', '+}'), 'del': ('[-', '-]'),
         'moveFrom': ('[<', '<]'), 'moveTo': ('{>', '>}')}


def local(tag):
    return tag.split('}', 1)[1] if '}' in tag else tag


def runs(node, out, stamps):
    for child in node:
        name = local(child.tag)
        if name in MARKS:
            stamps.append((child.get(W + 'author'), child.get(W + 'date')))
            inner = []
            runs(child, inner, stamps)
            out.append(MARKS[name][0] + ''.join(inner) + MARKS[name][1])
        elif name in ('t', 'delText'):
            out.append(child.text or '')
        elif name == 'br':
            out.append('<page break>' if child.get(W + 'type') == 'page' else '<br>')
        elif name in ('moveFromRangeStart', 'moveToRangeStart'):
            stamps.append((child.get(W + 'author'), child.get(W + 'date')))
            out.append('<%s %s>' % (name[:-10], child.get(W + 'name')))
        elif name == 'r':
            runs(child, out, stamps)


def main(path):
    z = zipfile.ZipFile(path)
    print('members: ' + ', '.join(i.filename for i in z.infolist()))
    core = ET.fromstring(z.read('docProps/core.xml'))
    for e in core:
        print('%s: %s' % (local(e.tag), e.text))
    doc = ET.fromstring(z.read('word/document.xml'))
    stamps = []
    for p in doc.iter(W + 'p'):
        ppr = p.find(W + 'pPr')
        style = ppr.find(W + 'pStyle') if ppr is not None else None
        mark = ppr.find(W + 'rPr') if ppr is not None else None
        tags = [style.get(W + 'val')] if style is not None else []
        for m in (mark if mark is not None else []):
            tags.append('mark ' + local(m.tag))
            stamps.append((m.get(W + 'author'), m.get(W + 'date')))
        out = []
        runs(p, out, stamps)
        print('[%s] %s' % (', '.join(tags), ''.join(out)))
    seen = {}
    for s in stamps:
        seen[s] = seen.get(s, 0) + 1
    for (author, date), n in sorted(seen.items(), key=lambda x: str(x)):
        print('revisions by %s dated %s: %d' % (author, date, n))


if __name__ == '__main__':
    main(sys.argv[1])
