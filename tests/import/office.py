#!/usr/bin/env python3
"""Word and OpenDocument files written here with zipfile, then read by
normdiff: the labels automatic numbering shows, tables, footnotes, tracked
changes (accepted and rejected; the same changes in both formats read the
same), headings; the bundled pair as DOCX diffs as the .txt files do; every
bad file is refused with one line and exit 2.

    office.py NORMDIFF SRCDIR            run the checks
    office.py --corpus DIR               write the fuzz seeds into DIR
    office.py --files DIR                ... and the zip bomb
    office.py --props DIR                files with titles and dates in
                                         their properties (store-props)
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
      'openxmlformats.org/package/2006/content-types"><Default Extension="xml"'
      ' ContentType="application/xml"/></Types>')


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run(t):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % esc(t)


def para(body, num=None, style=None, mark=None):
    ppr = ""
    if style:
        ppr += '<w:pStyle w:val="%s"/>' % style
    if num:
        ppr += ('<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>'
                % (num[1], num[0]))
    if mark:  # the paragraph mark inserted or deleted as a tracked change
        ppr += '<w:rPr><w:%s w:id="9" w:author="x"/></w:rPr>' % mark
    return "<w:p>%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % ppr if ppr else "", body)


def put(z, name, data, method=zipfile.ZIP_DEFLATED):
    """A member with a fixed time, so the same file is the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = method
    z.writestr(info, data)


def docx(path, paras, numbering=None, footnotes=None, styles=None,
         document=None, extra=None):
    doc = document or ('<?xml version="1.0" encoding="UTF-8"?><w:document '
                       'xmlns:w="%s"><w:body>%s<w:sectPr/></w:body></w:document>'
                       % (W, "".join(paras)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        put(z, "[Content_Types].xml", CT)
        put(z, "word/document.xml", doc)
        if numbering:
            put(z, "word/numbering.xml", '<w:numbering xmlns:w="%s">%s'
                       '</w:numbering>' % (W, numbering))
        if styles:
            put(z, "word/styles.xml", '<w:styles xmlns:w="%s">%s'
                       '</w:styles>' % (W, styles))
        if footnotes:
            put(z, "word/footnotes.xml", '<w:footnotes xmlns:w="%s">'
                       '<w:footnote w:type="separator" w:id="-1"><w:p><w:r>'
                       '<w:separator/></w:r></w:p></w:footnote>%s'
                       '</w:footnotes>' % (W, "".join(
                           '<w:footnote w:id="%d">%s</w:footnote>'
                           % (k + 1, para(run(f))) for k, f in
                           enumerate(footnotes))))
        for name, data in (extra or {}).items():
            put(z, name, data)


def lvl(ilvl, fmt, text, start=1):
    return ('<w:lvl w:ilvl="%d"><w:start w:val="%d"/><w:numFmt w:val="%s"/>'
            '<w:lvlText w:val="%s"/></w:lvl>' % (ilvl, start, fmt, text))


# abstractNum 1: "1." then "(a)"; 2: "Article I"; num 3 restarts 1 at 1.
NUMBERING = (
    '<w:abstractNum w:abstractNumId="1">' + lvl(0, "decimal", "%1.") +
    lvl(1, "lowerLetter", "(%2)") + lvl(2, "lowerRoman", "(%3)") +
    '</w:abstractNum><w:abstractNum w:abstractNumId="2">' +
    lvl(0, "upperRoman", "Article %1") + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="3">' + lvl(0, "bullet", "\uf0b7") +
    '</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride '
    'w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>')
STYLES = ('<w:style w:type="paragraph" w:styleId="Heading1"><w:name '
          'w:val="heading 1"/></w:style>'
          '<w:style w:type="paragraph" w:styleId="ArticleHead"><w:pPr>'
          '<w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>')

SAMPLE_PARAS = [
    para(run("General provisions"), style="Heading1"),
    para(run("The Parties agree:") + '<w:r><w:drawing><w:txbxContent>' +
         para(run("BOX")) + '</w:txbxContent></w:drawing></w:r><w:r>'
         '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/'
         'markup-compatibility/2006"><mc:Choice>' + run("CHOICE") +
         '</mc:Choice></mc:AlternateContent></w:r>'),
    para(run("first") + "<w:r><w:tab/></w:r>" + run("point"), num=(1, 0)),
    para(run("sub one"), num=(1, 1)),
    para(run("sub two") + '<w:r><w:footnoteReference w:id="1"/></w:r>',
         num=(1, 1)),
    para(run("deeper"), num=(1, 2)),
    para(run("second point"), num=(1, 0)),
    para(run("sub again"), num=(1, 1)),
    para('<w:del w:id="3" w:author="x"><w:r><w:delText>dropped sub'
         '</w:delText></w:r></w:del>', num=(1, 1), mark="del"),
    para('<w:ins w:id="4" w:author="x">' + run("inserted sub") + '</w:ins>',
         num=(1, 1), mark="ins"),
    para(run("joined ") + '<w:ins w:id="5" w:author="x">' + run("half")
         + '</w:ins>', mark="ins"),
    para(run("to this"), num=(1, 1)),
    para(run("Scope"), style="ArticleHead"),
    para(run("Duration"), style="ArticleHead"),
    para(run("restarted"), num=(3, 0)),
    para(run("a bullet"), num=(4, 0)),
    para(run("Text ") + '<w:ins w:id="1" w:author="x">' + run("newly ") +
         '</w:ins><w:del w:id="2" w:author="x"><w:r><w:delText>formerly '
         '</w:delText></w:r></w:del>' + run("added.") +
         '<w:r><w:br/></w:r>' + run("same paragraph.")),
    '<w:tbl><w:tr><w:tc>%s</w:tc><w:tc>%s</w:tc></w:tr><w:tr><w:tc>%s'
    '</w:tc><w:tc>%s%s</w:tc></w:tr></w:tbl>' % (
        para(run("State")), para(run("Date")), para(run("Norway")),
        para(run("1 May")), para(run("2015"))),
]
SAMPLE_ACCEPT = """General provisions

The Parties agree:

1. first point

(a) sub one

(b) sub two

(i) deeper

2. second point

(a) sub again

(b) inserted sub

joined half

(c) to this

Article I Scope

Article II Duration

1. restarted

\u2022 a bullet

Text newly added. same paragraph.

State | Date

Norway | 1 May 2015

A footnote.
"""

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')
ODT_STYLES = (
    '<text:list-style style:name="L1"><text:list-level-style-number '
    'text:level="1" style:num-format="1" style:num-suffix="."/>'
    '<text:list-level-style-number text:level="2" style:num-format="a" '
    'style:num-prefix="(" style:num-suffix=")"/></text:list-style>'
    '<text:list-style style:name="L2"><text:list-level-style-number '
    'text:level="1" style:num-format="A" style:num-prefix="Part " '
    'text:start-value="3"/></text:list-style>')


def odt(path, body, content=None, styles_in_styles_xml=False,
        mimetype_method=zipfile.ZIP_STORED, meta=None):
    auto = "" if styles_in_styles_xml else ODT_STYLES
    content = content or (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content %s>'
        '<office:automatic-styles>%s</office:automatic-styles><office:body>'
        '<office:text>%s</office:text></office:body></office:document-content>'
        % (ODT_NS, auto, body))
    with zipfile.ZipFile(path, "w") as z:
        put(z, "mimetype", "application/vnd.oasis.opendocument.text",
            mimetype_method)
        put(z, "content.xml", content)
        if styles_in_styles_xml:
            put(z, "styles.xml", '<office:document-styles %s><office:styles>'
                       '%s</office:styles></office:document-styles>'
                       % (ODT_NS, ODT_STYLES), zipfile.ZIP_DEFLATED)
        if meta is not None:
            put(z, "meta.xml", meta, zipfile.ZIP_DEFLATED)


def p(t, tag="p"):
    return "<text:%s>%s</text:%s>" % (tag, t, tag)


def item(*parts):
    return "<text:list-item>%s</text:list-item>" % "".join(parts)


ODT_BODY = (
    '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
    + p("gone") + '</text:deletion></text:changed-region></text:tracked-changes>'
    + p("Definitions", "h") + p("For the purposes:")
    + '<text:list text:style-name="L1">' + item(p("one<text:tab/>thing"))
    + item(p("two"), '<text:list>' + item(p("two a")) + item(p("two b"))
           + '</text:list>')
    + item(p("three")) + '</text:list>'
    + '<text:list text:style-name="L1">' + item(p("again one")) + '</text:list>'
    + p("Between.")
    + '<text:list text:style-name="L1" text:continue-numbering="true">'
    + item(p("again two")) + '</text:list>'
    + '<text:list text:style-name="L2">' + item(p("final")) + '</text:list>'
    + p('spaced<text:s text:c="3"/>words<office:annotation><text:p>COMMENT'
        '</text:p></office:annotation><draw:frame><draw:text-box><text:p>BOX'
        '</text:p></draw:text-box></draw:frame><text:line-break/>broken'
        '<text:note><text:note-citation>1</text:note-citation><text:note-body>'
        + p("note") + '</text:note-body></text:note>.')
    + '<table:table><table:table-row><table:table-cell>' + p("A")
    + '</table:table-cell><table:table-cell>' + p("B")
    + '</table:table-cell></table:table-row></table:table>')
ODT_TEXT = """Definitions

For the purposes:

1. one thing

2. two

(a) two a

(b) two b

3. three

1. again one

Between.

2. again two

Part C final

spaced words broken.

A | B
"""



# Tracked changes as LibreOffice records them: the log (text:changed-region,
# with both ids) holds each deletion's content; the body marks insertions
# with change-start/change-end (across paragraphs too) and deletions with a
# point. The same changes in a Word file read the same.
def region(i, kind, content=""):
    return ('<text:changed-region xml:id="ct%d" text:id="ct%d"><text:%s>'
            '<office:change-info><dc:creator>x</dc:creator><dc:date>'
            '2026-01-01T00:00:00</dc:date></office:change-info>%s</text:%s>'
            '</text:changed-region>' % (i, i, kind, content, kind))


def cs(i):
    return '<text:change-start text:change-id="ct%d"/>' % i


def ce(i):
    return '<text:change-end text:change-id="ct%d"/>' % i


def cp(i):
    return '<text:change text:change-id="ct%d"/>' % i


ODT_CHANGES = (
    '<text:tracked-changes>' + region(1, "insertion")
    + region(2, "deletion", p("formerly "))
    + region(3, "deletion", p("Whole deleted paragraph.") + "<text:p/>")
    + region(4, "insertion")
    + region(5, "deletion", p("deleted") + p("he"))
    + region(6, "insertion")
    + region(7, "deletion", '<text:list text:style-name="L1">'
             + item(p("second item")) + item("<text:p/>") + '</text:list>')
    + region(8, "insertion") + region(9, "format-change")
    + '</text:tracked-changes>'
    + p("Keep " + cs(9) + "one." + ce(9))
    + p("Text " + cs(1) + "newly " + ce(1) + cp(2) + "added.")
    + p(cp(3) + "Start " + cs(4) + "inserted end")
    + p("inserted begin " + ce(4) + "rest.")
    + p("Keep last, with a break " + cp(5) + "re." + cs(6))
    + p("New last." + ce(6))
    + '<text:list text:style-name="L1">' + item(p("first item"))
    + item(p(cp(7) + "third item" + cs(8))) + item(p("new item" + ce(8)))
    + item(p("fourth item")) + '</text:list>')
CHANGES_ACCEPT = """Keep one.

Text newly added.

Start inserted end

inserted begin rest.

Keep last, with a break re.

New last.

1. first item

2. third item

3. new item

4. fourth item
"""
CHANGES_REJECT = """Keep one.

Text formerly added.

Whole deleted paragraph.

Start rest.

Keep last, with a break deleted

here.

1. first item

2. second item

3. third item

4. fourth item
"""


def wins(t):
    return '<w:ins w:id="1" w:author="x">%s</w:ins>' % run(t)


def wdel(t):
    return ('<w:del w:id="2" w:author="x"><w:r><w:delText xml:space="preserve">'
            '%s</w:delText></w:r></w:del>' % esc(t))


DOCX_CHANGES = [
    para(run("Keep one.")),
    para(run("Text ") + wins("newly ") + wdel("formerly ") + run("added.")),
    para(wdel("Whole deleted paragraph."), mark="del"),
    para(run("Start ") + wins("inserted end"), mark="ins"),
    para(wins("inserted begin ") + run("rest.")),
    para(run("Keep last, with a break ") + wdel("deleted"), mark="del"),
    para(wdel("he") + run("re."), mark="ins"),
    para(wins("New last.")),
    para(run("first item"), num=(1, 0)),
    para(wdel("second item"), num=(1, 0), mark="del"),
    para(run("third item"), num=(1, 0), mark="ins"),
    para(wins("new item"), num=(1, 0)),
    para(run("fourth item"), num=(1, 0)),
]

# A hostile log: a deletion pointed at twice (put back once) whose content
# points at itself (not read again), marks of regions the log lacks, an
# end before its start; a region whose two ids differ, begun by one and
# ended by the other.
ODT_ODD = (
    '<text:tracked-changes>' + region(1, "deletion", p("back" + cp(1)))
    + region(2, "insertion") + '<text:changed-region xml:id="ca" '
    'text:id="cb"><text:insertion/></text:changed-region>'
    '</text:tracked-changes>'
    + p("one " + cp(1) + cp(1) + " two" + cp(7) + cs(8) + ce(2) + " three")
    + p("four" + cs(2) + " dropped" + ce(2) + cs(2)) + p("dropped too" + ce(2))
    + p("five" + '<text:change-start text:change-id="cb"/> gone'
        '<text:change-end text:change-id="ca"/>') + p("six"))
# Deletions with tables, and deletions put back in a table cell (where a
# paragraph's end is a space)
def cells(*texts):
    return ('<table:table><table:table-row>%s</table:table-row></table:table>'
            % "".join("<table:table-cell>%s</table:table-cell>" % p(t)
                      for t in texts))


ODT_TABLES = (
    '<text:tracked-changes>' + region(1, "deletion", p("x") + p("y"))
    + region(2, "deletion", cells("T1", "T2"))
    + region(3, "deletion", p("in") + cells("nested") + p("cell"))
    + '</text:tracked-changes>'
    + p("before " + cp(2) + "after") + cells("A" + cp(1) + "B", "C" + cp(3)))
TABLES_ACCEPT = "before after\n\nAB | C\n"
TABLES_REJECT = "before\n\nT1 | T2\n\nafter\n\nAx yB | Cin nested cell\n"
ODD_REJECT = "one back two three\n\nfour\n\nfive\n\nsix\n"
ODD_ACCEPT = ("one two three\n\nfour dropped\n\ndropped too\n\nfive gone"
              "\n\nsix\n")

# Document properties: Word's docProps/core.xml, OpenDocument's meta.xml.
def core_xml(title=None, created=None, modified=None, raw=None):
    if raw is not None:
        return raw
    body = "".join(x for x in (
        title is not None and "<dc:title>%s</dc:title>" % esc(title),
        created and '<dcterms:created xsi:type="dcterms:W3CDTF">%s'
                    '</dcterms:created>' % created,
        modified and '<dcterms:modified xsi:type="dcterms:W3CDTF">%s'
                     '</dcterms:modified>' % modified) if x)
    return ('<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties xmlns:cp='
            '"http://schemas.openxmlformats.org/package/2006/metadata/core-'
            'properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.'
            'w3.org/2001/XMLSchema-instance">%s</cp:coreProperties>' % body)


def meta_xml(title=None, date=None, created=None):
    body = "".join(x for x in (
        title is not None and "<dc:title>%s</dc:title>" % esc(title),
        created and "<meta:creation-date>%s</meta:creation-date>" % created,
        date and "<dc:date>%s</dc:date>" % date) if x)
    return ('<?xml version="1.0" encoding="UTF-8"?><office:document-meta '
            'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
            'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/"><office:meta>%s'
            '</office:meta></office:document-meta>' % body)


PROPS_PARAS = [para(run("1. The first provision.")),
               para(run("2. The second provision."))]
PROPS_BODY = p("1. The first provision.") + p("2. The second provision.")


def write_props(d):
    """The files of the store-props transcript."""
    os.makedirs(d, exist_ok=True)
    j = os.path.join
    docx(j(d, "props.docx"), PROPS_PARAS, extra={"docProps/core.xml": core_xml(
        "Code of conduct for\n  information security", "2023-01-05T08:00:00Z",
        "2024-03-01T23:30:00Z")})
    odt(j(d, "props.odt"), PROPS_BODY + p("3. Added."), meta=meta_xml(
        "Arms trade treaty", "2024-04-02T09:15:00.123456789",
        "2023-02-01T10:00:00"))
    odt(j(d, "created.odt"), PROPS_BODY + p("3. Created only."),
        meta=meta_xml(created="2023-06-30T12:00:00"))
    # a modified date that is no day (30 February), a created one that is
    docx(j(d, "baddate.docx"), PROPS_PARAS + [para(run("3. Bad date."))],
         extra={"docProps/core.xml": core_xml(
             "Bad date", "2022-12-24T00:00:00Z", "2024-02-30T10:00:00Z")})
    # no title but white space, dates that are not dates at all
    docx(j(d, "nodate.docx"), PROPS_PARAS + [para(run("3. No date."))],
         extra={"docProps/core.xml": core_xml(" \t ", "2024", "yesterday")})
    # properties that are not XML: the document is added all the same
    docx(j(d, "broken.docx"), PROPS_PARAS + [para(run("3. Broken."))],
         extra={"docProps/core.xml": core_xml(raw="<cp:coreProperties>")})
    # a title meant to fool a terminal: bidi override, a C1 CSI
    docx(j(d, "hostile.docx"), PROPS_PARAS + [para(run("3. Hostile."))],
         extra={"docProps/core.xml": core_xml(
             "Evil \u202eTXT.EXE\u202c \u009b2J title", None,
             "2024-05-05T00:00:00Z")})
    odt(j(d, "toolong.odt"), PROPS_BODY + p("3. Long."), meta=meta_xml(
        "x" * 1001, "2024-07-07"))


failures = 0
checks = 0


def check(ok, what, detail=""):
    global failures, checks
    checks += 1
    if not ok:
        failures += 1
        print("FAIL: %s%s" % (what, ("\n" + detail) if detail else ""))


def nd(args, cwd=None):
    r = subprocess.run([NORMDIFF] + args, capture_output=True, cwd=cwd)
    return r.returncode, r.stdout.decode("utf-8", "replace"), \
        r.stderr.decode("utf-8", "replace")


def outline(path, *opts):
    rc, out, err = nd(["outline", "--format=json"] + list(opts) + [path])
    if rc != 0:
        check(False, "outline %s" % path, err)
        return []
    flat = []

    def walk(ps):
        for q in ps:
            flat.append((q["label"], q["text"]))
            walk(q["children"])
    walk(json.loads(out)["provisions"])
    return flat


def as_text(path, *opts):
    """The text normdiff reads from path, through outline of a text copy:
    compared against outline of the expected text written as .txt."""
    return outline(path, *opts)


def same_as_text(path, expected, tmp, *opts):
    txt = os.path.join(tmp, "expected.txt")
    with open(txt, "w", encoding="utf-8") as f:
        f.write(expected)
    got, want = outline(path, *opts), outline(txt)
    check(got == want and want, "%s %s reads as expected" % (
        os.path.basename(path), " ".join(opts)),
        "got:  %r\nwant: %r" % (got, want))


def docx_from_txt(src, dst):
    """A .txt draft as DOCX, one paragraph per provision, with the labels
    "(a)" and "1." made by automatic numbering, each run of them a list of
    its own (a new w:num restarting at 1)."""
    with open(src, encoding="utf-8") as f:
        blocks = [b.replace("\n", " ") for b in f.read().split("\n\n")
                  if b.strip()]
    nums, paras, prev = [], [], None
    for b in blocks:
        m = re.match(r"^(\(([a-z])\)|([0-9]+)\.) (.*)$", b, re.S)
        kind = None if not m else ("letter" if m.group(2) else "decimal")
        if kind and kind != prev:
            nums.append(kind)
        prev = kind
        if kind:
            paras.append(para(run(m.group(4)), num=(len(nums), 0)))
        else:
            paras.append(para(run(b)))
    numbering = ('<w:abstractNum w:abstractNumId="1">%s</w:abstractNum>'
                 '<w:abstractNum w:abstractNumId="2">%s</w:abstractNum>'
                 % (lvl(0, "lowerLetter", "(%1)"), lvl(0, "decimal", "%1.")))
    numbering += "".join(
        '<w:num w:numId="%d"><w:abstractNumId w:val="%d"/><w:lvlOverride '
        'w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        % (k + 1, 1 if kind == "letter" else 2) for k, kind in enumerate(nums))
    docx(dst, paras, numbering=numbering)
    return sum(1 for b in blocks if re.match(r"^(\([a-z]\)|[0-9]+\.) ", b))


def records(old, new):
    rc, out, err = nd(["diff", "--format=json", old, new])
    check(rc in (0, 1), "diff %s %s" % (old, new), err)
    try:
        doc = json.loads(out)
    except ValueError:
        return None
    recs = doc.get("records", doc.get("changes", []))
    return [(r["kind"], r["moved"], r["renumbered"],
             [q["label"] for q in r["old"]], [q["label"] for q in r["new"]])
            for r in recs]


def bad_files(tmp, secret=None):
    """(file, option, expected message part) for every file that must be
    refused; the external entity names `secret` (a file made in tmp)."""
    out = []
    f = os.path.join(tmp, "notzip.docx")
    with open(f, "wb") as h:
        h.write(b"PK\3\4" + b"\0" * 60)
    out.append((f, "--from=docx", "is not a readable Word file"))
    f = os.path.join(tmp, "nodoc.docx")
    with zipfile.ZipFile(f, "w") as z:
        put(z, "[Content_Types].xml", CT)
    out.append((f, None, "no word/document.xml"))
    f = os.path.join(tmp, "bomb.docx")
    with zipfile.ZipFile(f, "w") as z:
        put(z, "[Content_Types].xml", CT)
        put(z, "word/document.xml", "<a>" + " " * (8 << 20) + "</a>")
    out.append((f, None, "would inflate"))
    f = os.path.join(tmp, "huge.docx")  # a size past the limit, declared
    with zipfile.ZipFile(f, "w") as z:
        put(z, "[Content_Types].xml", CT)
        put(z, "word/document.xml", "<a>" + " " * (2 << 20) + "</a>")
    with open(f, "r+b") as h:
        d = bytearray(h.read())
        at = d.rfind(b"PK\1\2")  # the central entry of word/document.xml
        assert d[at + 46:at + 63] == b"word/document.xml"
        d[at + 24:at + 28] = (300 << 20).to_bytes(4, "little")
        h.seek(0)
        h.write(d)
    out.append((f, None, "would inflate to 314572800 bytes"))
    f = os.path.join(tmp, "deep.docx")
    docx(f, [], document='<w:document xmlns:w="%s">%s%s</w:document>' % (
        W, "<w:sdt>" * 300, "</w:sdt>" * 300))
    out.append((f, None, "nested"))
    f = os.path.join(tmp, "laughs.docx")
    lol = "".join('<!ENTITY l%d "&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;&l%d;'
                  '&l%d;&l%d;">' % ((k,) + (k - 1,) * 10) for k in range(1, 10))
    docx(f, [], document='<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY '
         'l0 "lol">%s]><w:document xmlns:w="%s"><w:body><w:p><w:r><w:t>&l9;'
         '</w:t></w:r></w:p></w:body></w:document>' % (lol, W))
    out.append((f, None, "DOCTYPE"))
    if not secret:
        secret = os.path.join(tmp, "secret.txt")
        with open(secret, "w") as h:
            h.write("SECRET-CONTENT")
    f = os.path.join(tmp, "external.docx")
    docx(f, [], document='<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY '
         'x SYSTEM "file://%s">]><w:document xmlns:w="%s"><w:body><w:p><w:r>'
         '<w:t>&x;</w:t></w:r></w:p></w:body></w:document>' % (secret, W))
    out.append((f, None, "DOCTYPE"))
    f = os.path.join(tmp, "broken.docx")
    docx(f, [], document="<w:document")
    out.append((f, None, "not well-formed XML"))
    f = os.path.join(tmp, "nocontent.odt")
    with zipfile.ZipFile(f, "w") as z:
        put(z, "mimetype", "application/vnd.oasis.opendocument.text",
            zipfile.ZIP_STORED)
    out.append((f, None, "no content.xml"))
    f = os.path.join(tmp, "notzip.odt")
    with open(f, "wb") as h:
        h.write(b"garbage")
    out.append((f, "--from=odt", "is not a readable OpenDocument file"))
    return out


def write_corpus(d):
    os.makedirs(d, exist_ok=True)
    docx(os.path.join(d, "sample.docx"), SAMPLE_PARAS, NUMBERING,
         ["A footnote."], STYLES)
    odt(os.path.join(d, "sample.odt"), ODT_BODY)
    odt(os.path.join(d, "changes.odt"), ODT_CHANGES)
    docx(os.path.join(d, "changes.docx"), DOCX_CHANGES, NUMBERING)
    with tempfile.TemporaryDirectory() as tmp:
        write_props(tmp)
        for name in ("props.docx", "props.odt", "hostile.docx"):
            shutil.move(os.path.join(tmp, name), os.path.join(d, name))
    for name, part in (("sample.docx", "word/document.xml"),
                       ("sample.odt", "content.xml"),
                       ("changes.odt", "content.xml"),
                       ("props.odt", "meta.xml")):
        with zipfile.ZipFile(os.path.join(d, name)) as z, open(os.path.join(
                d, name.replace(".", "-") + ("-meta" if part == "meta.xml"
                                             else "") + ".xml"), "wb") as o:
            o.write(z.read(part))
    with tempfile.TemporaryDirectory() as tmp:
        for f, _, _ in bad_files(tmp, "/nonexistent/secret.txt"):
            if os.path.getsize(f) < 20000:
                with open(f, "rb") as h, open(os.path.join(
                        d, "bad-" + os.path.basename(f)), "wb") as o:
                    o.write(h.read())


def main():
    global NORMDIFF
    if sys.argv[1] == "--corpus":
        write_corpus(sys.argv[2])
        return 0
    if sys.argv[1] == "--props":
        write_props(sys.argv[2])
        return 0
    if sys.argv[1] == "--files":  # the seeds and the zip bomb
        write_corpus(sys.argv[2])
        for f, _, _ in bad_files(sys.argv[2], "/nonexistent/secret.txt"):
            if "bomb" in f or "huge" in f:
                os.rename(f, os.path.join(sys.argv[2], "bad-" +
                                          os.path.basename(f)))
            elif not os.path.basename(f).startswith("bad-"):
                os.remove(f)
        return 0
    NORMDIFF, src = os.path.realpath(sys.argv[1]), sys.argv[2]
    drafts = os.path.join(src, "drafts")
    with tempfile.TemporaryDirectory() as tmp:
        s = os.path.join(tmp, "sample.docx")
        docx(s, SAMPLE_PARAS, NUMBERING, ["A footnote."], STYLES)
        same_as_text(s, SAMPLE_ACCEPT, tmp)
        same_as_text(s, SAMPLE_ACCEPT, tmp, "--changes=accept")
        same_as_text(s, SAMPLE_ACCEPT.replace("newly ", "formerly ").replace(
            "(b) inserted sub\n\njoined half\n\n(c) to this",
            "(b) dropped sub\n\n(c) joined to this"), tmp, "--changes=reject")
        labels = [l for l, _ in outline(s)]
        check("(b)" in labels and "(i)" in labels and "2." in labels,
              "sample.docx labels", repr(labels))
        c = os.path.join(tmp, "controls.docx")  # XML 1.0 allows DEL and C1
        docx(c, [para(run("a\x7fb\x85c")), para(run("x"), num=(1, 0))],
             NUMBERING.replace('"%1."', '"%1.\x85&#127;"'))
        same_as_text(c, "a b c\n\n1. x\n", tmp)
        n = os.path.join(tmp, "nested.docx")  # deep, but within the limit
        docx(n, [], document='<w:document xmlns:w="%s"><w:body>%s%s%s</w:body>'
             '</w:document>' % (W, "<w:sdt>" * 240, para(run("deep text")),
                                "</w:sdt>" * 240))
        same_as_text(n, "deep text\n", tmp)
        r = os.path.join(tmp, "restart.docx")  # (a) never restarts
        docx(r, [para(run(t), num=(1, k)) for t, k in (
            ("one", 0), ("x", 1), ("two", 0), ("y", 1))],
            '<w:abstractNum w:abstractNumId="1">' + lvl(0, "decimal", "%1.")
            + lvl(1, "lowerLetter", "(%2)").replace(
                '<w:numFmt', '<w:lvlRestart w:val="0"/><w:numFmt')
            + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="1"/>'
            '</w:num>')
        same_as_text(r, "1. one\n\n(a) x\n\n2. two\n\n(b) y\n", tmp)
        ls = os.path.join(tmp, "liststyle.docx")  # levels through a list style
        docx(ls, [para(run("one"), num=(2, 0)), para(run("sub"), num=(2, 1))],
             '<w:abstractNum w:abstractNumId="1"><w:styleLink w:val="Legal"/>'
             + lvl(0, "decimal", "Article %1") + lvl(1, "decimal", "%1.%2")
             + '</w:abstractNum><w:abstractNum w:abstractNumId="2">'
             '<w:numStyleLink w:val="Legal"/></w:abstractNum>'
             '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>'
             '<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>',
             styles='<w:style w:type="numbering" w:styleId="Legal"><w:pPr>'
             '<w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>')
        same_as_text(ls, "Article 1 one\n\n1.1 sub\n", tmp)
        o = os.path.join(tmp, "sample.odt")
        odt(o, ODT_BODY)
        same_as_text(o, ODT_TEXT, tmp)
        o2 = os.path.join(tmp, "styles.odt")
        odt(o2, ODT_BODY, styles_in_styles_xml=True)
        same_as_text(o2, ODT_TEXT, tmp)
        # a writer that compressed the mimetype member (against the
        # standard's advice) still makes an OpenDocument text
        o3 = os.path.join(tmp, "deflated-mimetype.odt")
        odt(o3, ODT_BODY, mimetype_method=zipfile.ZIP_DEFLATED)
        same_as_text(o3, ODT_TEXT, tmp)

        lf = os.path.join(tmp, "last-joined.docx")  # runs on past the body
        docx(lf, [para(run("body")), para(run("last"), mark="del")],
             footnotes=["note"])
        same_as_text(lf, "body\n\nlast\n\nnote\n", tmp)
        # tracked changes in OpenDocument, accepted and rejected, read as
        # the same changes in a Word file
        oc, dc = os.path.join(tmp, "changes.odt"), os.path.join(tmp, "changes.docx")
        odt(oc, ODT_CHANGES)
        docx(dc, DOCX_CHANGES, NUMBERING)
        for opts, want in (((), CHANGES_ACCEPT), (("--changes=accept",), CHANGES_ACCEPT),
                           (("--changes=reject",), CHANGES_REJECT)):
            same_as_text(oc, want, tmp, *opts)
            same_as_text(dc, want, tmp, *opts)
            got_o, got_d = outline(oc, *opts), outline(dc, *opts)
            check(got_o == got_d and got_o, "changes.odt %s reads as changes.docx"
                  % " ".join(opts), "odt:  %r\ndocx: %r" % (got_o, got_d))
        same_as_text(o, ODT_TEXT, tmp, "--changes=reject")  # no point: not back
        oo = os.path.join(tmp, "odd-changes.odt")
        odt(oo, ODT_ODD)
        same_as_text(oo, ODD_ACCEPT, tmp)
        same_as_text(oo, ODD_REJECT, tmp, "--changes=reject")
        ot = os.path.join(tmp, "table-changes.odt")
        odt(ot, ODT_TABLES)
        same_as_text(ot, TABLES_ACCEPT, tmp)
        same_as_text(ot, TABLES_REJECT, tmp, "--changes=reject")

        # the bundled pair as DOCX diffs as the .txt files do
        old, new = (os.path.join(drafts, n + ".txt")
                    for n in ("2011-A-66-359", "2015-A-69-723"))
        dold, dnew = os.path.join(tmp, "old.docx"), os.path.join(tmp, "new.docx")
        numbered = docx_from_txt(old, dold) + docx_from_txt(new, dnew)
        check(numbered >= 10, "the bundled pair has numbered paragraphs",
              str(numbered))
        with zipfile.ZipFile(dold) as z:
            check(b"(a)" not in z.read("word/document.xml"),
                  "labels in old.docx come from numbering, not typed")
        want, got = records(old, new), records(dold, dnew)
        check(want and got == want, "bundled pair as DOCX: same diff records",
              "got:  %r\nwant: %r" % (got, want))
        check(outline(dold) == outline(old), "bundled old as DOCX: same outline")

        for f, opt, msg in bad_files(tmp):
            rc, out, err = nd(["outline"] + ([opt] if opt else []) + [f])
            check(rc == 2 and out == "" and err.count("\n") == 1 and msg in err,
                  "%s is refused with one line" % os.path.basename(f),
                  "exit %d: %r" % (rc, err))
            check("SECRET" not in out + err and "lollol" not in out + err,
                  "%s: no entity expanded" % os.path.basename(f))
    print("%d checks, %d failed" % (checks, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
