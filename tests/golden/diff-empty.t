# An empty side is a version without provisions: /dev/null or an empty file
# (git difftool passes /dev/null for an added or deleted file). Empty
# standard input stays an error: it is more often a failed command.
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
printf 'Title\n\n1. First provision.\n\n2. Second provision.\n' >new.txt
: >empty.txt
printf '\n\n   \n' >blank.txt
run normdiff diff /dev/null new.txt
run normdiff diff --stat new.txt /dev/null
run normdiff diff --stat empty.txt new.txt
run normdiff diff --stat empty.txt /dev/null
run normdiff diff --stat --fail-on=added new.txt empty.txt
run normdiff diff --stat new.txt - <empty.txt
run normdiff diff --stat new.txt blank.txt
run normdiff outline empty.txt
git init -q -b main repo
cd repo
cp "$DRAFTS/2011-A-66-359.txt" code.txt
git add code.txt && commit -m 2011
cp "$DRAFTS/2015-A-69-723.txt" added.txt && git add added.txt && git rm -q code.txt
commit -m 'add one, remove one'
tool="$NORMDIFF_BIN diff --stat -- \"\$LOCAL\" \"\$REMOTE\""
echo '$ git difftool HEAD~1 HEAD (an added and a deleted file)'
git -c difftool.nd.cmd="$tool" difftool --tool=nd --no-prompt HEAD~1 HEAD; echo "[exit $?]"
