# Which pane has the focus: the outline's selected row in reverse (style
# =), or, once Tab, Enter or ] gives it to the text, the provision's title
# row (= on its blanks, the row ~ in the outline) and "text ·" before the
# position in the footer, whose hints then name ] and [. With the text
# focused Space and PgDn scroll it a page, b and PgUp back, as in a pager.
# (copies with short names, so no path of this machine shows on a screen)
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
A=2011.txt B=2015.txt
export NO_COLOR=1
run normdiff tui "$A" "$B" --dump 100x14 --keys '/confidence-building<Enter><Dump><Tab><Dump><Space><Dump><Space><Dump>b<Dump><PgDn>'
run normdiff tui "$A" "$B" --dump 100x10 --color=always --styles --keys '/confidence-building<Enter><Tab>'
# opened across the screen, Space pages the text too; Esc gives the focus back
run normdiff tui "$A" "$B" --dump 80x12 --keys '/confidence-building<Enter><Enter><Space><Dump><Esc>'
