# REV:PATH reads from the git repository around the working directory,
# without writing to it.
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
git init -q -b main repo
cd repo
cp "$DRAFTS/2011-A-66-359.txt" code.txt
git add code.txt && commit -m first
cp "$DRAFTS/2015-A-69-723.txt" code.txt
commit -am second
mkdir sub && : >sub/keep && git add sub/keep && commit -m sub
state() { git for-each-ref; git status --porcelain; git count-objects -v | grep -v size; find .git -newer code.txt -type f | grep -v -e index -e logs | sort; }
before=$(state)
run normdiff outline HEAD~2:code.txt --width 60
run normdiff outline HEAD:code.txt --width 60
run normdiff outline HEAD~5:code.txt
run normdiff outline HEAD:nothing.txt
run normdiff outline HEAD:sub
cd sub
run normdiff outline HEAD:code.txt --width 40
cd ..
[ "$before" = "$(state)" ] && echo "repository unchanged" || echo "repository CHANGED"
