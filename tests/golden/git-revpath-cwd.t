# REV:PATH as git reads it: PATH from the top of the repository, ./PATH and
# ../PATH from the current directory, :PATH from the index; the PATH of
# REV1 REV2 -- PATH from the current directory, as git's pathspecs.
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
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
