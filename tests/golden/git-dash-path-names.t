# REV1 REV2 -- PATH takes PATH from the current directory, as git does, and
# names each side REV:PATH with PATH from the top of the repository: in the
# report's header and in every error alike (never the REV:./PATH it is read
# as). A PATH that leaves the repository, or with no repository, is named
# as typed.
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
top=$PWD
git init -q -b main repo
cd repo
mkdir drafts
printf 'Drafts\n\n1. The old draft.\n' >drafts/code.txt
printf 'Bin\n\n1. Text.\n' >drafts/bin.txt
git add . && commit -m first
printf 'Drafts\n\n1. The new draft.\n' >drafts/code.txt
printf 'Bin\000\n' >drafts/bin.txt
git add . && commit -m second
cd drafts
run normdiff diff --stat HEAD~1 HEAD -- code.txt
run normdiff diff --stat HEAD~1 HEAD -- nothing.txt
run normdiff diff --stat HEAD~1 HEAD -- bin.txt
run normdiff diff --stat nowhere HEAD -- code.txt
run normdiff diff --stat HEAD~1 HEAD -- ./sub/../code.txt
run normdiff diff --stat HEAD~1 HEAD -- ../../code.txt
cd "$top"
mkdir plain
cd plain
run normdiff diff --stat HEAD~1 HEAD -- code.txt
