# The help screen, generated from the key table, at 120x40 and on a small
# terminal where it scrolls; any other key closes it.
# (copies with short names, so no path of this machine shows on a screen)
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
A=2011.txt B=2015.txt
export NO_COLOR=1
run normdiff tui "$A" "$B" --dump 120x40 --keys '?'
run normdiff tui "$A" "$B" --dump 80x16 --keys '?<Dump>jjj<Dump>x'
