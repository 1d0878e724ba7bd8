# A resize redraws for the new size: wide (outline left of the text),
# narrow (outline above), and back; the selection stays where it was.
# (copies with short names, so no path of this machine shows on a screen)
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
A=2011.txt B=2015.txt
export NO_COLOR=1
run normdiff tui "$A" "$B" --dump 120x30 --keys 'nnnnn<Dump><Resize 80x24><Dump><Resize 100x20>'
