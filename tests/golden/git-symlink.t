# git's external diff for a symbolic link (mode 120000) passes the path
# it points to as the file's text; that is no draft, so it is said to be
# not compared and git goes on, as for a binary file. A file that became
# a link is shown removed, then the link not compared.
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
git init -q -b main repo
cd repo
echo '*.txt diff=normdiff' >.gitattributes
printf 'Title\n\n(a) First item;\n' >a.txt
printf 'Title\n\n(a) Other item;\n' >b.txt
git add . && commit -m one
ln -s a.txt link.txt
rm b.txt && ln -s a.txt b.txt
git add . && commit -m two
drv="$NORMDIFF_BIN diff --stat"
echo '$ git diff HEAD~1 HEAD (a new link, and a file that became a link)'
git -c diff.normdiff.command="$drv" diff HEAD~1 HEAD; echo "[exit $?]"
