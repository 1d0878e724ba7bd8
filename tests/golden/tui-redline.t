# Side by side and the inline redline: the split of (b) into (2) and (3),
# the added (10), and the paragraph that moved from PP4 to PP10.
# (copies with short names, so no path of this machine shows on a screen)
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
A=2011.txt B=2015.txt
export NO_COLOR=1
run normdiff tui "$A" "$B" --dump 110x40 --keys '/hostile activities<Enter><Dump>s'
run normdiff tui "$A" "$B" --dump 110x30 --keys '/confidence-building<Enter><Dump>s'
run normdiff tui "$A" "$B" --dump 110x30 --keys '/coordination and cooperation<Enter>' --redline
