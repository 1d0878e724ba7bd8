# REV:PATH as git reads it: PATH from the top of the repository, ./PATH and
# ../PATH from the current directory, :PATH from the index; the PATH of
# REV1 REV2 -- PATH from the current directory, as git's pathspecs.
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
top=$PWD
git init -q -b main repo
cd repo
mkdir -p drafts/sub
printf 'Top\n\n1. The top file.\n' >code.txt
printf 'Drafts\n\n1. The old draft.\n' >drafts/code.txt
printf 'Notes\n\n1. Only in drafts/.\n' >drafts/notes.txt
git add . && commit -m first
printf 'Drafts\n\n1. The new draft.\n' >drafts/code.txt
commit -am second
printf 'Drafts\n\n1. The staged draft.\n' >drafts/code.txt
git add drafts/code.txt
printf 'Drafts\n\n1. The working draft.\n' >drafts/code.txt
echo '$ git show HEAD:./code.txt (in drafts/, for comparison)'
(cd drafts && git show HEAD:./code.txt)
cd drafts
run normdiff outline HEAD:code.txt
run normdiff outline HEAD:./code.txt
run normdiff outline HEAD:../code.txt
run normdiff outline HEAD:./sub/../code.txt
run normdiff outline HEAD:drafts/code.txt
run normdiff outline :code.txt
run normdiff outline :./code.txt
run normdiff outline :0:drafts/code.txt
run normdiff outline HEAD:../../code.txt
run normdiff outline HEAD:nothing.txt
run normdiff outline :nothing.txt
run normdiff outline HEAD:notes.txt
run normdiff diff --stat HEAD~1 HEAD -- code.txt
run normdiff diff --stat HEAD~1 HEAD -- ../code.txt
run normdiff diff --stat HEAD:./code.txt :./code.txt
run normdiff diff --stat :./code.txt code.txt
cd sub
run normdiff diff --stat HEAD~1 HEAD -- ../code.txt
run normdiff diff --stat HEAD~1:../code.txt HEAD:drafts/code.txt
cd ../../.git
run normdiff outline HEAD:./code.txt
# the stages of an unmerged path
cd "$top"
git init -q -b main conflict
cd conflict
printf 'Title\n\n1. Base.\n' >f.txt && git add f.txt && commit -m base
git checkout -q -b other && printf 'Title\n\n1. Theirs.\n' >f.txt && commit -am theirs
git checkout -q main && printf 'Title\n\n1. Ours.\n' >f.txt && commit -am ours
git -c user.name=t -c user.email=t@example.org merge -q other >/dev/null 2>&1
run normdiff diff :2:f.txt :3:f.txt --width 60
run normdiff outline :f.txt
