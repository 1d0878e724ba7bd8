#!/usr/bin/env python3
"""text_pdf.py - a PDF whose lines stand where this script puts them, to
test what page geometry decides (pdf.sh), written to standard output:
three A4 pages in Helvetica, each with a running header at the top
("Sheet N of the draft"), a page number alone at the foot, and in the
middle of the page the same body line on every page; on page 2 only, a
heading in the top band of the page, which must stay. Its writer, pdf(),
is paged_pdf.py's too."""
import sys


def pdf(pages):
    objs, kids, n = {}, [], 3
    font = 3 + 2 * len(pages)
    for lines in pages:
        ops = b"BT /F1 11 Tf "
        for (x, y, t) in lines:
            ops += b"1 0 0 1 %d %d Tm (%s) Tj " % (x, y, t)
        ops += b"ET"
        objs[n] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                   b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                   % (font, n + 1))
        objs[n + 1] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops)
        kids.append(n)
        n += 2
    objs[font] = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
    objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
    objs[2] = (b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids)
               + b"] /Count %d >>" % len(kids))
    out, offs = b"%PDF-1.4\n", {}
    for k in sorted(objs):
        offs[k] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (k, objs[k])
    xref, size = len(out), max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offs[k] for k in range(1, size))
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (size, xref))
    return out


def page(no):
    lines = [(250, 815, b"Sheet %d of the draft" % no)]
    if no == 2:
        lines.append((60, 780, b"Only once at the top"))
    paras = [[b"%d. Decides that the matter on this page, the page numbered" % no,
              b"%d in the draft, shall be considered at the next session;" % no],
             [b"Repeated body line."],
             [b"Notes with appreciation the report on the matter of page %d and" % no,
              b"requests that it be circulated to all members."]]
    y = 700
    for para in paras:
        for t in para:
            lines.append((60, y, t))
            y -= 14
        y -= 12
    lines.append((290, 30, b"%d" % no))
    return lines


if __name__ == '__main__':
    sys.stdout.buffer.write(pdf([page(1), page(2), page(3)]))
