# git's external diff: git's arguments are file names, never options (a
# draft may be called -notes.txt); a file that is not a draft's text is
# said to be not compared and git goes on with the next; git log -p and
# git show use the driver only with --ext-diff.
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
git init -q -b main repo
cd repo
echo '*.txt diff=normdiff' >.gitattributes
cp "$DRAFTS/2011-A-66-359.txt" code.txt
cp "$DRAFTS/2011-A-66-359.txt" ./-notes.txt
git add . && commit -m 2011
cp "$DRAFTS/2015-A-69-723.txt" code.txt
cp "$DRAFTS/2015-A-69-723.txt" ./-notes.txt
printf 'Title\n\n1. A\0B\n' >binary.txt
printf '\xff\xfeT\0i\0t\0l\0e\0\n\0' >utf16.txt
printf 'Title\n\n1. Caf\xe9 au lait.\n' >latin1.txt
git add . && commit -m 2015
drv="$NORMDIFF_BIN diff --stat"
echo '$ git diff HEAD~1 HEAD (a draft named -notes.txt; binary, UTF-16 and Latin-1 files)'
git -c diff.normdiff.command="$drv" diff HEAD~1 HEAD; echo "[exit $?]"
echo '$ git diff HEAD~1 HEAD -- binary.txt code.txt latin1.txt utf16.txt'
git -c diff.normdiff.command="$drv" diff HEAD~1 HEAD -- binary.txt code.txt latin1.txt utf16.txt; echo "[exit $?]"
echo '$ git diff HEAD~1 HEAD (the command ends with --)'
git -c diff.normdiff.command="$drv --" diff HEAD~1 HEAD -- ./-notes.txt; echo "[exit $?]"
echo '$ git diff (the working copy of -notes.txt: git passes the file itself)'
cp "$DRAFTS/2011-A-66-359.txt" ./-notes.txt
git -c diff.normdiff.command="$drv" diff; echo "[exit $?]"
git checkout -q -- ./-notes.txt
echo '$ GIT_EXTERNAL_DIFF git diff --ext-diff --cached (added -notes.txt, new file passed as it is)'
cp "$DRAFTS/2011-A-66-359.txt" ./-new.txt && git add ./-new.txt
GIT_EXTERNAL_DIFF="$drv" git diff --cached --ext-diff; echo "[exit $?]"
git rm -q --cached ./-new.txt && rm ./-new.txt
echo '$ git log -p (no --ext-diff: git shows its own diff)'
git -c diff.normdiff.command="$drv" log -p --format='commit %s' -- code.txt | grep -e '^commit' -e '^diff' -e '^summary'
echo '$ git log -p --ext-diff'
git -c diff.normdiff.command="$drv" log -p --ext-diff --format='commit %s' -- code.txt; echo "[exit $?]"
echo '$ git show (no --ext-diff)'
git -c diff.normdiff.command="$drv" show --format='commit %s' -- code.txt | grep -e '^commit' -e '^diff' -e '^summary'
echo '$ git show --ext-diff'
git -c diff.normdiff.command="$drv" show --ext-diff --format='commit %s' -- code.txt; echo "[exit $?]"
# outside git's call, names starting with - come after --, and a file that
# is not text is trouble
run normdiff diff --stat -- ./-notes.txt code.txt
run normdiff diff --stat -- -notes.txt code.txt
run normdiff diff --stat -notes.txt code.txt
run normdiff diff --stat code.txt binary.txt
run normdiff diff --stat code.txt utf16.txt
run normdiff diff --stat latin1.txt code.txt
