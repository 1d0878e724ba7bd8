# The terminal UI on the bundled pair: the first screen as a person sees it,
# printed as text by --dump (the same model and drawing as on a terminal).
# Without colours (NO_COLOR) edits carry [-..-] and {+..+} markers.
# (copies with short names, so no path of this machine shows on a screen)
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
A=2011.txt B=2015.txt
NO_COLOR=1 run normdiff tui "$A" "$B" --dump 120x40
NO_COLOR=1 run normdiff tui "$A" "$B" --dump 80x24
# With colours: the second row of each line gives the style of each cell
# (docs/tui.md): M modified, A added, S split, U unchanged, - deleted,
# + inserted, = the selected row.
run normdiff tui "$A" "$B" --dump 120x40 --color=always --styles --keys 'nn'
