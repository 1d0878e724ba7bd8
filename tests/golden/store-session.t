# The draft store: init, add with metadata, log, show, labels as specs.
export NORMDIFF_STORE=$PWD/store
run normdiff init
run normdiff log
run normdiff add "$DRAFTS/2011-A-66-359.txt" --meta "$DRAFTS/2011-A-66-359.meta"
run normdiff add "$DRAFTS/2015-A-69-723.txt" --meta "$DRAFTS/2015-A-69-723.meta"
run normdiff log
run normdiff show 2011
run normdiff outline 2015
run normdiff outline main~1
run normdiff show --raw 2015
