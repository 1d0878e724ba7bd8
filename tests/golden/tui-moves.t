# A moved provision's old place: o selects the row of the provision that
# stood just before it there (PP4 of 2011 stood after PP3, and moved to
# PP10), says where it moved from and to, and o again comes back. On a
# provision that did not move o says so; with a filter that lists nothing
# before the old place, that is said too.
# (copies with short names, so no path of this machine shows on a screen)
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
A=2011.txt B=2015.txt
export NO_COLOR=1
run normdiff tui "$A" "$B" --dump 100x16 --keys '/enhanced coordination<Enter><Esc><Dump>o<Dump>o'
run normdiff tui "$A" "$B" --dump 100x10 --keys 'o'
run normdiff tui "$A" "$B" --dump 100x10 --keys 'ffffffo'
