# Drafts in git: REV1 REV2 -- PATH, git's external diff and difftool.
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
git init -q -b main repo
cd repo
cp "$DRAFTS/2011-A-66-359.txt" code.txt
git add code.txt && commit -m 2011
cp "$DRAFTS/2015-A-69-723.txt" code.txt
commit -am 2015
run normdiff diff --stat HEAD~1 HEAD -- code.txt
run normdiff diff --stat HEAD~1 -- code.txt
run normdiff diff --stat HEAD~1 HEAD -- code.txt other.txt
run normdiff diff HEAD~1:code.txt HEAD:code.txt --stat
echo '*.txt diff=normdiff' >.gitattributes
echo '$ git diff HEAD~1 HEAD (diff.normdiff.command)'
git -c diff.normdiff.command="$NORMDIFF_BIN diff --stat" diff HEAD~1 HEAD; echo "[exit $?]"
echo '$ GIT_EXTERNAL_DIFF git diff --ext-diff (a new file)'
cp code.txt new.txt && git add new.txt
GIT_EXTERNAL_DIFF="$NORMDIFF_BIN diff --stat" git diff --cached --ext-diff -- new.txt; echo "[exit $?]"
git rm -q --cached new.txt && rm new.txt
echo '$ git diff -M (a renamed file: nine arguments)'
git mv code.txt renamed.txt && commit -m rename
git -c diff.normdiff.command="$NORMDIFF_BIN diff --stat" diff -M HEAD~1 HEAD; echo "[exit $?]"
echo '$ git difftool'
git -c difftool.nd.cmd="$NORMDIFF_BIN diff --stat \"\$LOCAL\" \"\$REMOTE\"" difftool --tool=nd --no-prompt HEAD~2 HEAD~1 -- code.txt; echo "[exit $?]"
