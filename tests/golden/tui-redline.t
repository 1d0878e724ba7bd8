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
# A merge: the old column shows each merged provision under its label.
printf 'Code of conduct\n\n(a) To cooperate in combating criminal activities;\n\n(b) To share information on threats;\n\n(c) To keep the peace;\n' >m-old.txt
printf 'Code of conduct\n\n(a) To cooperate in combating criminal activities and to share information on threats;\n\n(b) To keep the peace;\n' >m-new.txt
run normdiff tui m-old.txt m-new.txt --dump 100x14 --keys 'n<Dump>s'
