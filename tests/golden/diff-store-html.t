# Versions from the store: the title block names title, label, symbol,
# date and sponsors of each. --stat keeps the title block and the counts.
export NORMDIFF_STORE=$PWD/store
normdiff init >/dev/null
normdiff add "$DRAFTS/2011-A-66-359.txt" --meta "$DRAFTS/2011-A-66-359.meta" >/dev/null
normdiff add "$DRAFTS/2015-A-69-723.txt" --meta "$DRAFTS/2015-A-69-723.meta" >/dev/null
run normdiff diff 2011 2015 --format=html
run normdiff diff 2011 2015 --format=html --stat
