# --baseline: every cell's edits against one version's cell in the same
# row, by index, label or spec as given; the baseline column itself is
# plain text.
S=$DATA/series
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" --baseline 3
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" --baseline "$S/v1.txt" --format=csv
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" --baseline 2 --format=json
