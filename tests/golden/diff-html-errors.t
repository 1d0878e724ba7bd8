# Writing the HTML report where it cannot go: one line, exit 2, and no
# file, whole or partial, left behind.
run normdiff diff --format=html -o no/dir/report.html "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt"
ls no 2>&1
mkdir out
run normdiff diff --format=html -o out "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt"
ls -A out
ls -A
