# From word edit to word edit inside a provision: ] and [ go to the next
# and previous run of deleted and inserted words, give the text the focus,
# scroll the edit into view in both columns (and in the redline, where s
# keeps the same edit), put ▸ before its first line in each column and
# say "edit N of M"; at the last (first) edit they stay and say so. In the
# styles the current edit's words are < (deleted) and > (inserted).
# (copies with short names, so no path of this machine shows on a screen)
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
A=2011.txt B=2015.txt
export NO_COLOR=1
# the split of (b): five edits; the fifth is below the first screen
run normdiff tui "$A" "$B" --dump 100x16 --keys '/hostile activities<Enter>]<Dump>]]<Dump>]]<Dump>]<Dump>[s'
# [ with no edit yet goes to the last; the styles mark the current edit
run normdiff tui "$A" "$B" --dump 100x16 --color=always --styles --keys '/hostile activities<Enter>[[[[['
# an added provision is one edit, all its words; an unchanged one has none
run normdiff tui "$A" "$B" --dump 100x12 --keys 'nnn]'
run normdiff tui "$A" "$B" --dump 100x10 --keys ']'
