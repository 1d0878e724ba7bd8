# Bad inputs to diff: one line naming the thing, exit 2, nothing written.
run normdiff diff "$DRAFTS/2011-A-66-359.txt"
run normdiff diff a b c
run normdiff diff missing.txt "$DRAFTS/2011-A-66-359.txt"
: >empty.txt
run normdiff diff empty.txt "$DRAFTS/2011-A-66-359.txt"
printf 'x\0y' >bin.dat
run normdiff diff "$DRAFTS/2011-A-66-359.txt" bin.dat
run normdiff diff - - </dev/null
run normdiff diff --format=pdf "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt"
run normdiff diff -o no/dir/r.txt "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt"
ls no 2>&1
printf 'Title\n\n(a) Evil \033[2J text;\n' >evil.txt
run normdiff diff evil.txt "$DRAFTS/2011-A-66-359.txt" --changed-only --stat
run normdiff diff --format=markdown evil.txt evil.txt
