# A path that one revision holds and the other does not was added or
# deleted in between: that side is a version without provisions. A path
# that neither holds is a mistake.
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
git init -q -b main repo
cd repo
printf 'Title\n\n1. First provision.\n\n2. Second provision.\n' >code.txt
git add code.txt && commit -m first
git rm -q code.txt && printf 'Other\n\n1. Other.\n' >other.txt && git add other.txt
commit -m 'code.txt deleted'
run normdiff diff HEAD~1:code.txt HEAD:code.txt
run normdiff diff --stat HEAD HEAD~1 -- code.txt
run normdiff diff --stat HEAD~1 HEAD -- code.txt
run normdiff diff --stat HEAD~1:code.txt :code.txt
run normdiff diff --stat HEAD~1 HEAD -- cod.txt
run normdiff diff --stat HEAD~1:cod.txt HEAD:cod.txt
run normdiff diff --stat HEAD:code.txt HEAD:other.txt
run normdiff diff --stat HEAD:code.txt other.txt
run normdiff diff --stat HEAD~1:code.txt HEAD~5:code.txt
echo '*.txt diff=normdiff' >.gitattributes
echo '$ git diff HEAD~1 HEAD (git passes /dev/null for the deleted and the added file)'
git -c diff.normdiff.command="$NORMDIFF_BIN diff --stat" diff HEAD~1 HEAD; echo "[exit $?]"
