# Moving around the bundled pair: next and previous change (n skips
# unchanged provisions), the end and the start, the focus on the text and
# scrolling it, a provision opened across the screen and closed again.
# (copies with short names, so no path of this machine shows on a screen)
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
A=2011.txt B=2015.txt
export NO_COLOR=1
run normdiff tui "$A" "$B" --dump 100x30 --keys 'n<Dump>nn<Dump>N<Dump>'
run normdiff tui "$A" "$B" --dump 100x30 --keys 'G<Dump>n<Dump>g'
run normdiff tui "$A" "$B" --dump 80x24 --keys '/purpose of the present<Enter><Tab>jj<Dump><Enter><Dump><Esc>'
run normdiff tui "$A" "$B" --dump 100x30 --keys '<Click 5 20><Dump><WheelDown 5 20><Dump>'
