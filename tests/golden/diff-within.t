# A provision whose own words are unchanged but that holds changes says
# how many (tests/data/within): the heading "Section 1. Membership" is the
# same in both versions while its paragraph 1. and the item 2.(b) under
# the unchanged chapeau 2. changed; "Section 2." changed itself and holds
# a change and a removal. Every report says "N changes within" where the
# JSON says changed_within, --changed-only too (the heading lines stay).
A="$DATA/within/old.txt" B="$DATA/within/new.txt"
run normdiff diff "$A" "$B"
run normdiff diff --changed-only "$A" "$B"
run normdiff diff --format=markdown "$A" "$B"
run normdiff diff --format=markdown --changed-only "$A" "$B"
# the HTML page without its styles and script: the list of changes and
# the provisions
run normdiff diff --format=html -o report.html "$A" "$B"
sed -n '/^<main>/,/^<\/main>/p' report.html
# the terminal UI: the outline's counts and the selected provision's
# (copies with short names, so the header shows no path)
cp "$A" old.txt
cp "$B" new.txt
NO_COLOR=1 run normdiff tui old.txt new.txt --dump 80x24 --keys 'j'
NO_COLOR=1 run normdiff tui old.txt new.txt --dump 100x16 --keys 'jjj'
