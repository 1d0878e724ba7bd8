#!/usr/bin/env bash
# Every command of the README's "A first session" runs as written, in a
# temporary git repository holding the files it names (the drafts and the
# test series), so the README cannot drift from the program: each must
# exit 0, or 1 for a diff that found changes; `tui` runs as a dump of its
# first screen, since a test has no terminal.
#
#   readme-session.sh NORMDIFF SRC
set -u
bin=$(realpath "$1") src=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-readme.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC
unset NORMDIFF_STORE
mkdir -p "$HOME" "$work/repo/tests/data/corpus"
cd "$work/repo" || exit 2
cp -r "$src/drafts" .
cp -r "$src/tests/data/series" tests/data/
cp -r "$src/tests/data/corpus/OSL" tests/data/corpus/
git init -q . && git add -A &&
	git -c user.name=t -c user.email=t@example.org commit -qm drafts || exit 2

# the lines of the block under "## A first session", but the nd= line and
# comment-only continuation lines
commands=$(awk '/^## A first session/ {s = 1; next}
	s == 1 && /^```sh/ {s = 2; next}
	s == 2 && /^```/ {exit}
	s == 2 && !/^nd=/ && !/^[[:space:]]*#/ {print}' "$src/README.md")
[ -n "$commands" ] || { echo "no first session found in README.md"; exit 1; }

n=0 failed=0
while IFS= read -r line; do
	cmd=${line%%  #*}          # the comment after two spaces
	cmd=${cmd//\$nd/\"$bin\"}
	case $cmd in
	*" tui"*) cmd="$cmd --dump 100x30" ;;
	esac
	n=$((n + 1))
	bash -c "$cmd" >"$work/out" 2>"$work/err"
	status=$?
	if [ "$status" -gt 1 ]; then
		echo "FAIL (exit $status): $line"
		sed 's/^/  stderr: /' "$work/err" | head -5
		failed=$((failed + 1))
	fi
done <<<"$commands"
echo "$n commands of the README's first session run, $failed failed"
[ "$failed" -eq 0 ] && [ "$n" -ge 10 ]
