#!/usr/bin/env bash
# Golden transcripts: run one case and compare what a user would see with
# the reviewed transcript beside it.
#
#   run.sh NORMDIFF SRCDIR CASE
#
# tests/golden/CASE.t is a bash script run in an empty temporary directory.
# It calls `run CMD ARGS...` for each command a user would type; `run`
# records the command line, its standard output, its standard error (each
# line prefixed "stderr: ") and its exit status. `normdiff` inside a case is
# the binary under test ($NORMDIFF_BIN for commands run by git). $DRAFTS is the bundled drafts, $DATA is
# tests/data. Paths, temporary directories and commit ids (which carry the
# time of the commit) are masked so the transcript is stable.
#
# The transcript must equal tests/golden/CASE.out. To accept a change on
# purpose, run with ND_UPDATE_GOLDEN=1 and review the diff before committing.
set -u
bin=$(realpath "$1") src=$(realpath "$2") case=$3
expected="$src/tests/golden/$case.out"
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-golden.XXXXXX") || exit 2
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
export GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC
unset NORMDIFF_STORE NO_COLOR
mkdir -p "$HOME" "$work/cwd"
export DRAFTS="$src/drafts" DATA="$src/tests/data"

# the binary under test, for cases that hand it to git as a command line
export NORMDIFF_BIN=$bin
normdiff() { "$bin" "$@"; }
run() {
	printf '$ %s\n' "$*"
	"$@" >"$work/stdout" 2>"$work/stderr"
	local status=$?
	cat "$work/stdout"
	sed 's/^/stderr: /' "$work/stderr"
	printf '[exit %d]\n' "$status"
}
export -f normdiff 2>/dev/null

actual=$(
	cd "$work/cwd" &&
	source "$src/tests/golden/$case.t" 2>&1
)
actual=$(printf '%s\n' "$actual" | sed -E \
	-e "s#$bin#normdiff#g" -e "s#$src/drafts#\$DRAFTS#g" -e "s#$src/tests/data#\$DATA#g" \
	-e "s#$work/cwd#.#g" -e "s#$work#\$TMP#g" \
	-e 's/\b[0-9a-f]{40}\b/<commit>/g' -e 's#/tmp/git-blob-[A-Za-z0-9]+/#$GITTMP/#g' \
	-e 's/ as [0-9a-f]{7} / as <oid> /g' \
	-e 's/  [0-9a-f]{7}  /  <oid>    /g' \
	-e "s#'[0-9a-f]{7}'#'<oid>'#g" -e 's/version [0-9a-f]{7}/version <oid>/g')

if [ "${ND_UPDATE_GOLDEN:-0}" = 1 ]; then
	printf '%s\n' "$actual" >"$expected"
	echo "updated $expected"
	exit 0
fi
if [ ! -f "$expected" ]; then
	echo "no transcript $expected; create it with ND_UPDATE_GOLDEN=1 and review it"
	printf '%s\n' "$actual"
	exit 1
fi
if ! diff -u "$expected" <(printf '%s\n' "$actual"); then
	echo "transcript of $case differs from $expected (see the diff above)"
	exit 1
fi
