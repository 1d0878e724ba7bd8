# Labels that git would read as a revision are refused: the store's
# branch, HEAD and the other special names, names git treats specially.
export NORMDIFF_STORE=$PWD/store
run normdiff init
for label in main HEAD FETCH_HEAD ORIG_HEAD head Main v1.lock a..b -x 'v@{1}' \
	0123456789abcdef0123456789abcdef01234567; do
	run normdiff add "$DRAFTS/2011-A-66-359.txt" --label "$label"
done
printf 'Label: HEAD\n' >head.meta
run normdiff add "$DRAFTS/2011-A-66-359.txt" --meta head.meta
run normdiff log
run normdiff add "$DRAFTS/2011-A-66-359.txt" --label main-2011 --date 2011-09-14
run normdiff log
