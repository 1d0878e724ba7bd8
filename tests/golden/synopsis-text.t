# The synopsis of a three-version series for a terminal: one block per
# row, one line per version. v1 -> v2 splits 1. into 1. + 2., adds 6. and
# edits the preamble; v2 -> v3 merges 4. + 5., removes 6. and edits 1., 3.
# and 7. The older cell of the split and the newer cell of the merge
# continue the row above ("〃 as above").
S=$DATA/series
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt"
# wrapped to 60 columns; coloured edits
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" --width 60 --color=always
# no wrapping at all
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" --width 0 --color=never
