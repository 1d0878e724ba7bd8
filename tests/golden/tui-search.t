# Searching with a regular expression: the first match from the selection,
# n and N to the next and previous match (going round the list), a search
# that matches nothing, a pattern that is not a regular expression, and Esc
# ending the search so n goes from change to change again.
# (copies with short names, so no path of this machine shows on a screen)
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
A=2011.txt B=2015.txt
export NO_COLOR=1
run normdiff tui "$A" "$B" --dump 100x30 --keys '/States?<Dump><Enter><Dump>n<Dump>N'
run normdiff tui "$A" "$B" --dump 100x30 --keys '/Telecommunication<Enter><Dump>nN'
run normdiff tui "$A" "$B" --dump 100x30 --keys '/cyberwarfare<Enter><Dump>/(<Enter><Dump><Esc><Esc>n'
# matches are marked in the text (*)
run normdiff tui "$A" "$B" --dump 100x30 --color=always --styles --keys '/information space<Enter>'
