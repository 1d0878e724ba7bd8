# Bad inputs to diff: one line naming the thing, exit 2, nothing written.
run normdiff diff "$DRAFTS/2011-A-66-359.txt"
run normdiff diff a b c
run normdiff diff missing.txt "$DRAFTS/2011-A-66-359.txt"
: >empty.txt
run normdiff diff "$DRAFTS/2011-A-66-359.txt" - <empty.txt
printf 'x\0y' >bin.dat
run normdiff diff "$DRAFTS/2011-A-66-359.txt" bin.dat
run normdiff diff - - </dev/null
run normdiff diff --format=pdf "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt"
run normdiff diff -o no/dir/r.txt "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt"
ls no 2>&1
# draft text is data: escape sequences are shown, never obeyed
printf 'Title\n\n(a) Evil \033[2J text <script>alert(1)</script>;\n' >evil.txt
printf 'Title\n\n(a) Evil \033[2J text, **now** [x](javascript:alert(1)) | changed;\n' >evil2.txt
run normdiff diff evil.txt evil2.txt
run normdiff diff --format=markdown --changed-only evil.txt evil2.txt
run normdiff diff --format=json --changed-only evil.txt evil2.txt
# an option after "--" is a name; one that names no file was an option
cp "$DRAFTS/2011-A-66-359.txt" old.txt
cp "$DRAFTS/2015-A-69-723.txt" new.txt
run normdiff diff -- old.txt new.txt --stat
run normdiff diff -- --stat old.txt new.txt
run normdiff diff --stat -- old.txt -q
# a file really named like an option, after --, is that file
cp old.txt ./-x
run normdiff diff --stat -- -x new.txt
rm -- -x
