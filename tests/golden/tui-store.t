# The UI over the store: with no versions named it compares the two newest
# of the series; with one, that version and the one before it; `v` picks
# two others from the history, and the header names label, symbol, date.
export NORMDIFF_STORE=$PWD/store
normdiff init >/dev/null
normdiff add "$DRAFTS/2011-A-66-359.txt" --meta "$DRAFTS/2011-A-66-359.meta" >/dev/null
normdiff add "$DRAFTS/2015-A-69-723.txt" --meta "$DRAFTS/2015-A-69-723.meta" >/dev/null
sed 's/voluntary and open to all States/open to all States and voluntary/' "$DRAFTS/2015-A-69-723.txt" >rev.txt
normdiff add rev.txt --series code-of-conduct.txt --label 2015-rev --date 2015-06-01 \
	--symbol A/69/723/Rev.1 >/dev/null
export NO_COLOR=1
run normdiff tui --dump 100x12
run normdiff tui 2015 --dump 100x12
run normdiff tui --dump 100x20 --keys 'v<Dump>j<Enter><Dump><Enter><Dump>'
run normdiff tui 2011 2015 --dump 100x20 --keys 'v<Enter><Enter>'
run normdiff tui 2011
