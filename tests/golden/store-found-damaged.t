# A store found by looking up from here (.normdiff) that cannot be opened
# is reported as damaged by every command that reads a version from it,
# never as "no store".
unset NORMDIFF_STORE
run normdiff init
run normdiff add "$DRAFTS/2011-A-66-359.txt" --label 2011 --date 2011-09-14
echo garbage >.normdiff/HEAD
run normdiff show 2011
run normdiff diff "$DRAFTS/2011-A-66-359.txt" 2011
run normdiff outline 2011
