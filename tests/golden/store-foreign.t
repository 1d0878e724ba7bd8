# A store is a repository made by `normdiff init`: any other git
# repository is refused, and none of its branches moves.
git init -q -b main project
echo 'Article 1' >project/a.txt
git -C project add a.txt
git -C project -c user.name=A -c user.email=a@example.org commit -q -m first
head=$(git -C project rev-parse main)
run normdiff --store project/.git add "$DRAFTS/2011-A-66-359.txt" --label 2011
run normdiff --store project/.git log
run normdiff --store project/.git show main
run normdiff --store project log
git clone -q --bare project bare.git
run normdiff --store bare.git add "$DRAFTS/2011-A-66-359.txt" --label 2011
git init -q --bare -b main empty.git
run normdiff --store empty.git add "$DRAFTS/2011-A-66-359.txt" --label 2011
[ "$(git -C project rev-parse main)" = "$head" ] && echo "project: main unchanged"
[ "$(git --git-dir=bare.git rev-parse main)" = "$head" ] && echo "bare.git: main unchanged"
git --git-dir=empty.git rev-parse -q --verify main || echo "empty.git: still no branch"
# what `normdiff init` writes marks the store
run normdiff --store store init
git --git-dir=store config normdiff.store
run normdiff --store store add "$DRAFTS/2011-A-66-359.txt" --label 2011 --date 2011-09-14
# a store made by an earlier `normdiff init`, without the mark, is known by
# its versions
git --git-dir=store config --unset normdiff.store
run normdiff --store store add "$DRAFTS/2015-A-69-723.txt" --label 2015 --date 2015-01-13
run normdiff --store store log
git --git-dir=store fsck --no-progress && echo "store: git fsck is clean"
