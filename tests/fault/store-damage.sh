#!/usr/bin/env bash
# A damaged loose object (a truncated commit, tree or blob file) gives
# "store is damaged: object X ...; run git fsck", exit 2, never a hang:
# each command runs under a deadline.
#
#   store-damage.sh NORMDIFF SRCDIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-damage.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
export GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC
unset NORMDIFF_STORE
mkdir -p "$HOME"
failures=0 tests=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

base="$work/base"
"$bin" --store "$base" init >/dev/null &&
	"$bin" --store "$base" add "$src/drafts/2011-A-66-359.txt" --label 2011 \
		--date 2011-09-14 >/dev/null &&
	"$bin" --store "$base" add "$src/drafts/2015-A-69-723.txt" --label 2015 \
		--date 2015-01-13 >/dev/null || { echo "cannot make the store"; exit 1; }

# truncate object REV of a copy of the store to half its size
damage() {
	local oid
	rm -rf "$work/s"; cp -a "$base" "$work/s"
	oid=$(git --git-dir="$work/s" rev-parse --verify "$1") || exit 1
	obj="$work/s/objects/${oid:0:2}/${oid:2}"
	chmod u+w "$obj"
	truncate -s $(($(stat -c %s "$obj") / 2)) "$obj"
	damaged=$oid
}

# run a command in the damaged store under a deadline
check() {
	tests=$((tests + 1))
	(cd "$work" && timeout 10 "$bin" --store "$work/s" "$@" >"$work/out" 2>"$work/err")
	local status=$?
	if [ $status -eq 124 ]; then
		fail "$what: normdiff $*: still running after 10 s (a hang)"
	elif [ $status -ne 2 ]; then
		fail "$what: normdiff $*: exit $status, not 2: $(cat "$work/err")"
	elif ! grep -Eq "^normdiff: (store|2015|diff|signed|long|again|[0-9a-f]+): store is damaged: object $damaged .*; run git fsck in $work/s" "$work/err"; then
		fail "$what: normdiff $*: $(cat "$work/err")"
	elif [ "$(wc -l <"$work/err")" -ne 1 ]; then
		fail "$what: normdiff $*: not one line: $(cat "$work/err")"
	fi
}

for rev in 'main' 'main~1' 'main^{tree}' 'main:draft.txt'; do
	what="truncated $rev"
	damage "$rev"
	case $rev in
	*:*) check log; check show 2015; check diff "$src/drafts/2011-A-66-359.txt" 2015 ;;
	*)
		check log
		check show 2015
		check add "$src/drafts/2015-A-69-723.txt" --label again
		check diff "$src/drafts/2011-A-66-359.txt" 2015 ;;
	esac
done
# a tree of a series whose directory has a name longer than a file name
# may be (git trees allow it)
what="truncated tree of a long directory"
rm -rf "$work/s"; cp -a "$base" "$work/s"
long=$(printf 'd%.0s' $(seq 300))
"$bin" --store "$work/s" add "$src/drafts/2015-A-69-723.txt" --label long \
	--series "$long/draft.txt" >/dev/null || exit 1
damaged=$(git --git-dir="$work/s" rev-parse --verify "long:$long") || exit 1
obj="$work/s/objects/${damaged:0:2}/${damaged:2}"
truncate -s $(($(stat -c %s "$obj") / 2)) "$obj"
check show long
check diff "$src/drafts/2011-A-66-359.txt" long
check add "$src/drafts/2011-A-66-359.txt" --label again --series "$long/draft.txt"

# a commit no branch reaches (as a failed add leaves), named by its id
what="truncated commit off the branch"
rm -rf "$work/s"; cp -a "$base" "$work/s"
damaged=$(GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@b GIT_COMMITTER_NAME=a GIT_COMMITTER_EMAIL=a@b \
	git --git-dir="$work/s" commit-tree -p main -m off 'main^{tree}') || exit 1
obj="$work/s/objects/${damaged:0:2}/${damaged:2}"
truncate -s $(($(stat -c %s "$obj") / 2)) "$obj"
check show "$damaged"
check show "${damaged:0:12}"
check diff "${damaged:0:12}" 2015
# an annotated tag (made with git) of such a commit: the tag is read to
# find the commit, which is then checked too
what="truncated commit of an annotated tag"
rm -rf "$work/s"; cp -a "$base" "$work/s"
damaged=$(GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@b GIT_COMMITTER_NAME=a GIT_COMMITTER_EMAIL=a@b \
	git --git-dir="$work/s" commit-tree -p main -m off 'main^{tree}') || exit 1
GIT_COMMITTER_NAME=a GIT_COMMITTER_EMAIL=a@b \
	git --git-dir="$work/s" tag -a -m signed signed "$damaged" || exit 1
obj="$work/s/objects/${damaged:0:2}/${damaged:2}"
truncate -s $(($(stat -c %s "$obj") / 2)) "$obj"
check log
check show 2015
check show signed
check add "$src/drafts/2015-A-69-723.txt" --label signed
echo "$((tests - failures)) of $tests commands on damaged stores behaved"
[ $failures -eq 0 ]
