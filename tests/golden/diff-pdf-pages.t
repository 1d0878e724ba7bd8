# Pages of a PDF pair (written by tests/import/paged_pdf.py, which also
# writes where it put each paragraph: old.pages, new.pages): by each
# provision of the outline, text and JSON, and by each change heading of
# the text, Markdown, JSON and HTML reports, "pp. 1–2" for a paragraph
# that runs onto the next page; against a text (new.txt), the PDF's side
# alone; and in the terminal UI's header of the selected provision.
python3 "$DATA/../import/paged_pdf.py" .
run cat old.pages new.pages
run normdiff outline old.pdf
run normdiff outline --format=json new.pdf
run normdiff diff old.pdf new.pdf
run normdiff diff --format=markdown old.pdf new.pdf
run normdiff diff --format=json old.pdf new.pdf
normdiff diff --format=html old.pdf new.pdf -o report.html
run grep -o '<h4>.*</h4>\|<span class="pl">[^/]*</span></span>' report.html
run normdiff diff old.pdf new.txt
run normdiff diff --format=json new.txt old.pdf
NO_COLOR=1 run normdiff tui old.pdf new.pdf --dump 100x20 --keys 'nn<Dump>n'
