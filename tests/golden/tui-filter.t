# The filter: f cycles all, changed, each kind, moved, passing over the
# kinds with nothing to list (this pair has nothing removed or merged);
# the header and the footer count what it lists, and the headings above
# the listed provisions stay as context rows, dimmed (style d) and never
# selected.
# (copies with short names, so no path of this machine shows on a screen)
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
A=2011.txt B=2015.txt
export NO_COLOR=1
run normdiff tui "$A" "$B" --dump 100x18 --keys 'f<Dump>f<Dump>f<Dump>f<Dump>f<Dump>f<Dump>f'
# added: from the top, j passes over the context rows (Code of conduct,
# its ¶1 and (7) above (7)(a))
run normdiff tui "$A" "$B" --dump 100x14 --color=always --styles --keys 'ffffgjj'
