# Versions from the store, by label: the header names label, symbol, date.
export NORMDIFF_STORE=$PWD/store
normdiff init >/dev/null
normdiff add "$DRAFTS/2011-A-66-359.txt" --meta "$DRAFTS/2011-A-66-359.meta" >/dev/null
normdiff add "$DRAFTS/2015-A-69-723.txt" --meta "$DRAFTS/2015-A-69-723.meta" >/dev/null
run normdiff diff 2011 2015 --stat
run normdiff diff 2011 2015 --changed-only --width 80
run normdiff diff 2015 2015 --stat
