# The synopsis as one self-contained HTML page (the same bytes every run):
# the older cell of the split and the newer cell of the merge span two
# rows (rowspan).
S=$DATA/series
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" --format=html
