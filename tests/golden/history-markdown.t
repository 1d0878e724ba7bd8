# The history as Markdown: a table of every provision, or one provision
# with a heading per version, <del>/<ins> edits and the blame.
cd "$DATA/series"
run normdiff history v1.txt v2.txt v3.txt --format markdown
run normdiff history v1.txt v2.txt v3.txt --format markdown --provision 1.
