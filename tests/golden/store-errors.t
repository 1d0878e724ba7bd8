# Store errors: each names the thing and what to do, exits 2, and leaves
# the store as it was.
export NORMDIFF_STORE=$PWD/store
run normdiff log
run normdiff show 2011
run normdiff outline 2011
run normdiff init
run normdiff init
run normdiff add "$DRAFTS/2011-A-66-359.txt"
run normdiff add "$DRAFTS/2011-A-66-359.txt" --label 2011 --date 2011-02-30
run normdiff add "$DRAFTS/2011-A-66-359.txt" --label 'bad label'
run normdiff add "$DRAFTS/2011-A-66-359.txt" --label 2011 --date 2011-09-14
run normdiff add "$DRAFTS/2015-A-69-723.txt" --label 2011
printf 'Caf\xe9\n' >latin1.txt
run normdiff add latin1.txt --label bad
: >empty.txt
run normdiff add empty.txt --label empty
run normdiff add missing.txt --label missing
printf 'Label: x\nColour: blue\n' >bad.meta
run normdiff add "$DRAFTS/2011-A-66-359.txt" --meta bad.meta
run normdiff log
run normdiff show 2099
run normdiff add "$DRAFTS/2015-A-69-723.txt" --label 2011 --date 2015-01-13 --force
run normdiff log
mkdir plain
run normdiff --store plain log
run normdiff --store nowhere log
unset NORMDIFF_STORE
run normdiff log
# a lock left by another process: refused, store unchanged, works once gone
export NORMDIFF_STORE=$PWD/store
: >store/refs/heads/main.lock
printf 'Title\n\n(a) Another text;\n' >other.txt
run normdiff add other.txt --label 2016 --date 2016-01-01
rm store/refs/heads/main.lock
run normdiff log
# a damaged store
cp -r store broken
echo garbage >broken/refs/heads/main
run normdiff --store broken log
run normdiff --store broken outline 2011
