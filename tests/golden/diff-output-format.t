# -o FILE without --format picks the format from the file's extension;
# a --format that contradicts the extension is refused and writes nothing.
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
first() { head -n 1 "$1" | cut -c1-60; }
run normdiff diff --stat -o r.html 2011.txt 2015.txt
first r.html
run normdiff diff --stat -o r.md 2011.txt 2015.txt
first r.md
run normdiff diff --stat -o R.JSON 2011.txt 2015.txt
first R.JSON
run normdiff diff --stat -o r.txt 2011.txt 2015.txt
first r.txt
# no extension that names a format, or a dot only in a directory: text
mkdir d.json
run normdiff diff --stat -o r.out 2011.txt 2015.txt
first r.out
run normdiff diff --stat -o d.json/report 2011.txt 2015.txt
first d.json/report
# --format agreeing with the extension, and contradicting it
run normdiff diff --stat --format=html -o s.html 2011.txt 2015.txt
first s.html
run normdiff diff --stat --format=json -o t.html 2011.txt 2015.txt
ls t.html 2>&1
run normdiff diff --stat --format=pdf -o u.html 2011.txt 2015.txt
