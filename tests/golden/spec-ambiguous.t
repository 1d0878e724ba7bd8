# A bare name that is both a file here and a version in the store is
# refused, naming both; ./NAME is the file, label:NAME the stored version.
export NORMDIFF_STORE=$PWD/store
normdiff init >/dev/null
normdiff add "$DRAFTS/2011-A-66-359.txt" --meta "$DRAFTS/2011-A-66-359.meta" >/dev/null
normdiff add "$DRAFTS/2015-A-69-723.txt" --meta "$DRAFTS/2015-A-69-723.meta" >/dev/null
cp "$DRAFTS/2011-A-66-359.txt" 2015
run normdiff diff 2011 2015 --stat
run normdiff diff 2011 ./2015 --stat
run normdiff diff 2011 label:2015 --stat
run normdiff diff label:nope 2015
run normdiff outline 2015
# a file whose name no stored version has is read as it is
cp "$DRAFTS/2011-A-66-359.txt" draft
run normdiff diff draft ./2015
