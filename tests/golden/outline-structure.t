# Real documents' layouts, one small hand-written fixture per failure class
# (tests/data/structure): a heading line above its body and "; and" items
# (run-in), hard-wrapped text with few blank lines (wrapped), "N. Title."
# and "Section N." headings, a bare "ARTICLE N" above its title, a long
# heading in capitals (headings), nesting by list and by dotted number
# (nesting), more markers and one bullet family (markers), rules and
# underlines (decoration), a quoted notice line (notice), furniture-like
# lines kept without evidence and dropped at a page break (furniture), a
# notice wrapped by hand inside a text of one paragraph per line
# (hand-wrapped), "Section N" headings under a heading that repeats the
# title (title-repeat).
for f in run-in wrapped headings nesting markers decoration notice furniture furniture-paged hand-wrapped title-repeat; do
	run normdiff outline --width 100 "$DATA/structure/$f.txt"
done
# headings and run-in titles as JSON
run normdiff outline --format=json "$DATA/structure/headings.txt"
run normdiff outline --format=json "$DATA/structure/notice.txt"
