# add takes the title and the date a Word, OpenDocument or PDF file
# declares in its properties for those the user did not give (--title,
# --date and --meta win), and says where each came from; properties that
# are absent, damaged or no real date are left out, never an error; a
# title is data: shown escaped, its controls never reaching the terminal.
export NORMDIFF_STORE=$PWD/store
python3 "$DATA/../import/office.py" --props . >/dev/null
pdf() { python3 "$DATA/../import/props_pdf.py" "$@"; }
pdf 'Treaty on \x1b[31mred\x1b[0m text\x07 \u00e9' "D:20240105003000+01'00'" \
	"D:20250101000000Z" >hostile.pdf
pdf 'Plain title' - "D:20240610120000Z" >moddate.pdf
# what the Info dictionary lacks, from the XMP packet; a creation date
# before a modification date, wherever each is
pdf --xmp 'XMP title' 2024-08-09T23:00:00-05:00 2025-01-01 - >xmp.pdf
pdf --xmp 'Not this' - 2025-02-03T10:00:00Z 'Info title' - >xmpdate.pdf
pdf - "D:20241345000000Z" "yesterday" >nothing.pdf
# show's metadata, without the stored file
meta() { run normdiff show "$1" | sed -n '/^\$ /p;/^commit/,/^$/p;/^\[exit/p'; }
normdiff init >/dev/null
run normdiff add props.docx --label docx
run normdiff add props.odt --label odt
run normdiff add created.odt --label created
run normdiff add hostile.pdf --label pdf
run normdiff add moddate.pdf --label moddate
run normdiff add xmp.pdf --label xmp
run normdiff add xmpdate.pdf --label xmpdate
run normdiff log
meta docx
meta pdf
# explicit metadata wins: options, then the --meta file
run normdiff add props.docx --label mine --title 'My title' --date 2020-01-01 --force
printf 'Title: From the meta file\n' >v.meta
run normdiff add props.odt --label metafile --meta v.meta --force
run normdiff add props.odt --label both --meta v.meta --title 'Option' --force
# bad or absent properties: left out (a version without a date is dated
# the day it is added, shown here as <today>)
run normdiff add baddate.docx --label baddate
run normdiff add toolong.odt --label toolong
run normdiff add hostile.docx --label hostile
run normdiff log
meta hostile
export NORMDIFF_STORE=$PWD/bad
normdiff init >/dev/null
t0=$(date -u +%F)
run normdiff add nodate.docx --label nodate
run normdiff add broken.docx --label broken
run normdiff add nothing.pdf --label nothing
t1=$(date -u +%F)
run normdiff log | sed -e "s/$t0/<today>   /" -e "s/$t1/<today>   /"
# read as text (--from=text), a file has no properties
run normdiff --from=text add "$DRAFTS/2011-A-66-359.txt" --label text --date 2011-09-14
