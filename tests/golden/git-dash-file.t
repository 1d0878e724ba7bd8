# git's external diff passes the working copy of a draft by its path, and a
# draft may be called "-": that is the file, never standard input (here an
# empty one, which would read as no text).
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
git init -q -b main repo
cd repo
echo '* diff=normdiff' >.gitattributes
printf 'Title\n\n(a) First item;\n' >./-
git add . && commit -m one
printf 'Title\n\n(a) First item changed;\n' >./-
echo '$ git diff (the working copy of a draft named -)'
git -c diff.normdiff.command="$NORMDIFF_BIN diff" diff -- ./- </dev/null; echo "[exit $?]"
