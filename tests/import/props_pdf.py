#!/usr/bin/env python3
"""props_pdf.py [--xmp TITLE CREATED MODIFIED] TITLE [CREATED [MODIFIED]]
- a one-page PDF of two provisions whose Info dictionary holds TITLE
(Python escapes such as \\x1b read as characters, written as UTF-16BE, so
any character can be in it) and the PDF dates CREATED and MODIFIED
("D:20240105093000+01'00'"), to standard output; "-" leaves a key out.
With --xmp, an XMP metadata stream holds that dc:title, xmp:CreateDate
and xmp:ModifyDate (W3C dates; "-" leaves one out). For the store-props
transcript."""
import sys


def pdf_string(t):
    return b"<FEFF" + t.encode("utf-16-be").hex().upper().encode() + b">"


def xmp_packet(title, created, modified):
    def esc(t):
        return t.replace("&", "&amp;").replace("<", "&lt;")
    attrs = ' xmp:ModifyDate="%s"' % modified if modified != "-" else ""
    body = ""
    if title != "-":
        body += ('<dc:title><rdf:Alt><rdf:li xml:lang="fr">Titre</rdf:li>'
                 '<rdf:li xml:lang="x-default">%s</rdf:li></rdf:Alt>'
                 '</dc:title>' % esc(title))
    if created != "-":
        body += "<xmp:CreateDate>%s</xmp:CreateDate>" % created
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://'
            'www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about'
            '="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http'
            '://ns.adobe.com/xap/1.0/"%s>%s</rdf:Description></rdf:RDF>'
            '</x:xmpmeta><?xpacket end="w"?>' % (attrs, body)).encode()


def pdf(title, created, modified, xmp=None):
    ops = (b"BT /F1 11 Tf 1 0 0 1 60 700 Tm (1. The first provision.) Tj "
           b"1 0 0 1 60 660 Tm (2. The second provision.) Tj ET")
    info = b"<<"
    if title != "-":
        info += b" /Title " + pdf_string(title)
    if created and created != "-":
        info += b" /CreationDate (" + created.encode() + b")"
    if modified and modified != "-":
        info += b" /ModDate (" + modified.encode() + b")"
    objs = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"),
        4: b"<< /Length %d >>\nstream\n%s\nendstream" % (len(ops), ops),
        5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        6: info + b" >>",
    }
    if xmp:
        objs[1] = b"<< /Type /Catalog /Pages 2 0 R /Metadata 7 0 R >>"
        objs[7] = (b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n"
                   b"%s\nendstream" % (len(xmp), xmp))
    out, offs = b"%PDF-1.4\n", {}
    for k in sorted(objs):
        offs[k] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (k, objs[k])
    xref, size = len(out), max(objs) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offs[k] for k in range(1, size))
    out += (b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n"
            b"%d\n%%%%EOF\n" % (size, xref))
    return out


def unescape(t):
    return t.encode("latin-1", "backslashreplace").decode("unicode_escape")


args, xmp = sys.argv[1:], None
if args[0] == "--xmp":
    xmp = xmp_packet(unescape(args[1]), args[2], args[3])
    args = args[4:]
args += [None, None]
sys.stdout.buffer.write(pdf(unescape(args[0]), args[1], args[2], xmp))
