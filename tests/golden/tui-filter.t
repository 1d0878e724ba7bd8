# The filter: f cycles all, changed, each kind, moved; a kind with nothing
# to list says so.
# (copies with short names, so no path of this machine shows on a screen)
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
A=2011.txt B=2015.txt
export NO_COLOR=1
run normdiff tui "$A" "$B" --dump 100x30 --keys 'f<Dump>f<Dump>ff<Dump>ff<Dump>f<Dump>f'
