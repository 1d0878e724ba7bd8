#!/usr/bin/env bash
# PDF read as text (src/import/pdf.c), on PDFs made here: the bundled
# drafts written as HTML (tests/import/draft_html.py: A5 pages, a running
# header with the sheet number, page numbers alone at the foot) and
# printed by headless Chromium.
#
#  - each prints to three pages or more;
#  - `normdiff diff a.pdf b.pdf --format=json` holds the records (kinds,
#    flags, labels and paths) of the diff of the .txt files, and the text
#    report is the same but for the names in its first two lines and the
#    pages in its headings;
#  - so do the PDFs of the drafts with soft hyphens in their long words,
#    whose lines end in words broken at a hyphen;
#  - `normdiff outline x.pdf` lists the provisions of the text, line
#    numbers and pages aside (lines count the lines of the text read from
#    the PDF);
#  - the pages `normdiff outline --format=json` gives the provisions of
#    a.pdf and b.pdf are those pdftotext finds their first and last words
#    on, page by page (check_pages.py): some start on pages 1 and 2, some
#    end on the last, some run onto a next page;
#  - in a PDF whose lines stand where text_pdf.py puts them, the running
#    header and the page numbers are left out, a heading in the top band
#    of one page and a body line repeated on every page stay: the outline
#    is geometry.golden (ND_UPDATE_GOLDEN=1 writes it);
#  - `normdiff add` of a PDF printed from HTML with a <title> (which
#    Chromium writes as the PDF's Title, and the time of printing as its
#    CreationDate) stores that title and that day; --title wins;
#  - a PDF of a page with only a drawing, a truncated one, an encrypted
#    one and a text given as `--from pdf` each fail with their one-line
#    message and exit 2, and nothing else reaches standard error, not
#    even poppler's own reports with G_MESSAGES_DEBUG=all.
#
# Skipped (77) where no Chromium is installed.
#
#   pdf.sh NORMDIFF SOURCE_ROOT
set -u
bin=$(realpath "$1")
root=$(realpath "$2")
here=$root/tests/import
chrome=
for c in chromium chromium-browser google-chrome; do
	command -v "$c" >/dev/null && { chrome=$c; break; }
done
[ -n "$chrome" ] || { echo "no Chromium: skipped"; exit 77; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-pdf.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
export HOME=$work
# poppler reports a damaged file through glib's log at the level shown
# only with this set: normdiff must keep it off the terminal all the same.
export G_MESSAGES_DEBUG=all
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

print_pdf() { # HTML OUT
	timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$work/profile" --no-pdf-header-footer \
		--print-to-pdf="$2" "file://$work/$1" >chrome.log 2>&1
	[ -s "$2" ] || { cat chrome.log; fail "Chromium printed no $2"; }
}

# A text report without the pages of its headings (" · p. 3 → pp. 3–4").
unpaged() {
	sed -E 's/ · pp?\. [0-9]+(–[0-9]+)?( → pp?\. [0-9]+(–[0-9]+)?)?//'
}

# An outline without its line and page columns.
outline_rows() {
	python3 -c 'import re, sys
rows = sys.stdin.read().splitlines()
lead = [re.match(r" *[0-9]+  ", r) for r in rows]
page = [m and re.match(r"pp?\. [0-9]+(–[0-9]+)?", r[m.end():]) for r, m in zip(rows, lead)]
w = max([len(p.group(0)) + 2 for p in page if p] or [0])
for r, m in zip(rows, lead):
    print(r[m.end() + w:] if m else r)'
}

pages() { python3 -c 'import re, sys
print(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", open(sys.argv[1], "rb").read())))' "$1"; }

# One failure: exit 2 and exactly the line `want` on standard error.
refused() { # WANT ARGS...
	local want=$1 st
	shift
	"$bin" "$@" >out 2>err
	st=$?
	if [ "$st" = 2 ] && [ "$(cat err)" = "$want" ] && [ ! -s out ]; then
		ok "$* -> $want"
	else
		fail "$*: exit $st, stderr: $(head -c 400 err)"
	fi
}

cp "$root/drafts/2011-A-66-359.txt" a.txt
cp "$root/drafts/2015-A-69-723.txt" b.txt
python3 "$here/draft_html.py" a.txt a.html &&
	python3 "$here/draft_html.py" b.txt b.html &&
	python3 "$here/draft_html.py" a.txt ah.html shy &&
	python3 "$here/draft_html.py" b.txt bh.html shy &&
	python3 "$here/draft_html.py" - scan.html scan || exit 2
print_pdf a.html a.pdf
print_pdf b.html b.pdf
print_pdf ah.html ah.pdf
print_pdf bh.html bh.pdf
print_pdf scan.html scan.pdf
[ -s a.pdf ] && [ -s b.pdf ] && [ -s ah.pdf ] && [ -s bh.pdf ] && [ -s scan.pdf ] || { echo "$fails failed"; exit 1; }
for f in a b ah bh; do
	n=$(pages $f.pdf)
	[ "$n" -ge 3 ] && ok "$f.pdf has $n pages" || fail "$f.pdf has $n pages, not 3 or more"
done

"$bin" diff a.txt b.txt --format=json >txt.json
"$bin" diff a.txt b.txt | tail -n +3 >txt.txt
for p in a.pdf:b.pdf ah.pdf:bh.pdf; do
	"$bin" diff ${p%:*} ${p#*:} --format=json >pdf.json 2>err
	st=$?
	[ "$st" = 1 ] && [ ! -s err ] || fail "diff $p exited $st: $(head -c 400 err)"
	if python3 "$here/same_records.py" pdf.json txt.json >same; then
		ok "diff of ${p/:/ and }: $(cat same), as of the texts"
	else
		fail "diff of ${p/:/ and } and of the texts: $(cat same)"
	fi
	"$bin" diff ${p%:*} ${p#*:} | tail -n +3 | unpaged >pdf.txt
	if cmp -s pdf.txt txt.txt; then
		ok "text report of ${p/:/ and } is that of the texts"
	else
		fail "text reports of ${p/:/ and } and of the texts differ:"
		diff pdf.txt txt.txt | head -20
	fi
done
for f in a b ah bh; do
	"$bin" outline --width 0 $f.pdf | outline_rows >pdf.outline
	"$bin" outline --width 0 ${f%h}.txt | outline_rows >txt.outline
	if cmp -s pdf.outline txt.outline && [ -s pdf.outline ]; then
		ok "outline of $f.pdf: $(head -1 pdf.outline | tr -d '#'), as of ${f%h}.txt"
	else
		fail "outline of $f.pdf differs from ${f%h}.txt:"
		diff pdf.outline txt.outline | head -20
	fi
	if grep -q "Informal consultations" pdf.outline; then
		fail "the running header of $f.pdf is in its text"
	fi
done

# a book's alternating headers, one text on the left-hand pages and
# another on the right-hand ones: both left out, and every provision's
# text read in order (on pages this narrow a paragraph that ends a page
# with a full line cannot be told from one that goes on, so two may join)
python3 "$here/draft_html.py" a.txt alt.html alt || exit 2
print_pdf alt.html alt.pdf
"$bin" outline --format=json alt.pdf >alt.json
"$bin" outline --format=json a.txt >a.json
if python3 - alt.json a.json <<'PY'
import json, sys
def texts(f):
    out = []
    def walk(ps):
        for p in ps:
            out.append(p['text'])
            walk(p['children'])
    walk(json.load(open(f))['provisions'])
    return out
got, want = ' '.join(texts(sys.argv[1])), texts(sys.argv[2])
at = 0
for t in want:
    k = got.find(t, at)
    if k < 0:
        sys.exit('not read in order: ' + t[:80])
    at = k + len(t)
for header in ('Draft code of conduct', 'second reading'):
    if header in got:
        sys.exit('a running header is in the text: ' + header)
PY
then
	ok "alt.pdf ($(pages alt.pdf) pages): both alternating headers left out, every provision read in order"
else
	fail "alt.pdf: alternating headers or text"
fi

# footnotes at the foot of the page, in a smaller type: after the body,
# each its own paragraph; the provision broken by the page runs on
python3 "$here/notes_html.py" notes.html notes.txt || exit 2
print_pdf notes.html notes.pdf
"$bin" outline --width 0 notes.pdf | outline_rows >pdf.outline
"$bin" outline --width 0 notes.txt | outline_rows >txt.outline
if [ "$(pages notes.pdf)" = 3 ] && cmp -s pdf.outline txt.outline && [ -s pdf.outline ]; then
	ok "outline of notes.pdf: the footnotes after the body, as notes.txt"
else
	fail "outline of notes.pdf ($(pages notes.pdf) pages) differs from notes.txt:"
	diff pdf.outline txt.outline | head -20
fi
if command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null; then
	for f in a b; do
		"$bin" outline --format=json $f.pdf >$f.outline.json
		if python3 "$here/check_pages.py" $f.outline.json $f.pdf >same; then
			ok "pages of $f.pdf: $(cat same)"
		else
			fail "pages of $f.pdf: $(cat same)"
		fi
	done
else
	fail "no pdftotext to check the pages with (install poppler-utils)"
fi

python3 "$here/text_pdf.py" >geometry.pdf
"$bin" outline geometry.pdf >geometry.out 2>err
st=$?
if [ "${ND_UPDATE_GOLDEN:-}" = 1 ]; then
	cp geometry.out "$here/geometry.golden"
	ok "geometry.golden written"
elif [ "$st" = 0 ] && cmp -s geometry.out "$here/geometry.golden"; then
	ok "outline of geometry.pdf is geometry.golden"
else
	fail "outline of geometry.pdf (exit $st) is not geometry.golden:"
	diff geometry.out "$here/geometry.golden" | head -20
fi

# the title and the day of printing, from the PDF's Info dictionary
printf '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Code of conduct \xc3\xa9 draft</title></head><body><p>1. The first provision.</p><p>2. The second provision.</p></body></html>\n' >titled.html
before=$(TZ=UTC date +%F)
TZ=UTC print_pdf titled.html titled.pdf
after=$(TZ=UTC date +%F)
export NORMDIFF_STORE=$work/store
"$bin" init >/dev/null
TZ=UTC "$bin" add titled.pdf --label t1 >add.out 2>err
st=$?
"$bin" log >log.out
day=$(awk '$1 == "t1" { print $2 }' log.out)
if [ "$st" = 0 ] && [ ! -s err ] && grep -q 'Code of conduct é draft$' log.out &&
	{ [ "$day" = "$before" ] || [ "$day" = "$after" ]; } &&
	grep -q "^title from the document (Title in the PDF's Info dictionary): Code of conduct é draft$" add.out; then
	ok "add titled.pdf: title and date ($day) from its properties"
else
	fail "add titled.pdf (exit $st): $(cat add.out err log.out)"
fi
"$bin" add titled.pdf --label t2 --title Mine --force >add.out 2>err
if "$bin" log | grep -q '^t2 .* Mine$' && ! grep -q '^title from' add.out; then
	ok "add titled.pdf --title: the option wins"
else
	fail "add titled.pdf --title: $(cat add.out err)"
fi
unset NORMDIFF_STORE

refused "normdiff: scan.pdf: has no text layer; run OCR first, e.g. ocrmypdf" \
	outline scan.pdf
head -c 3000 a.pdf >truncated.pdf
refused "normdiff: truncated.pdf: is not a readable PDF" outline truncated.pdf
refused "normdiff: truncated.pdf: is not a readable PDF" diff truncated.pdf b.pdf
python3 "$here/encrypted_pdf.py" >encrypted.pdf
refused "normdiff: encrypted.pdf: is an encrypted PDF (it needs a password); save a copy without one first, e.g. qpdf --decrypt" \
	outline encrypted.pdf
refused "normdiff: a.txt: is not a readable PDF" --from pdf outline a.txt

[ "$fails" = 0 ] || { echo "$fails failed"; exit 1; }
echo "all passed"
