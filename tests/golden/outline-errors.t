# Every bad input: one line on stderr naming the thing and what to do,
# exit status 2, nothing written.
run normdiff outline missing.txt
mkdir adir
run normdiff outline adir
: >empty.txt
run normdiff outline empty.txt
printf '  \n\n\t\n' >blank.txt
run normdiff outline blank.txt
printf 'Some text\n\0binary\n' >binary.bin
run normdiff outline binary.bin
printf 'First line\nCaf\xe9 au lait\n' >latin1.txt
run normdiff outline latin1.txt
printf '\xef\xbb\xbfAb\xe9c\n' >bom-latin1.txt
run normdiff outline bom-latin1.txt
printf '\xff\xfeT\0i\0' >utf16.txt
run normdiff outline utf16.txt
run normdiff outline
run normdiff outline a.txt b.txt
run normdiff outline --format=yaml "$DRAFTS/2011-A-66-359.txt"
run normdiff outline --width=-3 "$DRAFTS/2011-A-66-359.txt"
run normdiff outline --bogus "$DRAFTS/2011-A-66-359.txt"
run normdiff outline -o no/such/dir/out.txt "$DRAFTS/2011-A-66-359.txt"
ls no 2>&1
printf 'family broken number item ^(unclosed\n' >bad.grammar
run normdiff --grammar bad.grammar outline "$DRAFTS/2011-A-66-359.txt"
run normdiff --grammar missing.grammar outline "$DRAFTS/2011-A-66-359.txt"
run normdiff outline HEAD:draft.txt
# standard output that cannot be written (a full disk)
echo '$ normdiff outline $DRAFTS/2011-A-66-359.txt >/dev/full'
normdiff outline "$DRAFTS/2011-A-66-359.txt" >/dev/full 2>err.txt
status=$?; sed 's/^/stderr: /' err.txt; echo "[exit $status]"
