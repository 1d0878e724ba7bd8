#!/usr/bin/env bash
# The bash completion (completions/normdiff.bash), without a terminal: it
# is sourced, and _normdiff is called with COMP_WORDS and COMP_CWORD set
# as bash sets them (a word split at "=", as COMP_WORDBREAKS does), then
# COMPREPLY is read. Labels come from a store made here, through
# `normdiff log --labels`. Every long option that a command's --help names
# must be offered for it, so the completion cannot fall behind.
#
#   bash.sh NORMDIFF SRCDIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-compl.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
mkdir "$work/bin" "$work/cwd"
ln -s "$bin" "$work/bin/normdiff"
export PATH="$work/bin:$PATH" HOME=$work LC_ALL=C.UTF-8
unset NORMDIFF_STORE
cd "$work/cwd" || exit 2
normdiff init >/dev/null
normdiff add "$src/drafts/2011-A-66-359.txt" --label 2011 >/dev/null
normdiff add "$src/drafts/2015-A-69-723.txt" --label 2015 >/dev/null
normdiff --store "$work/other" init >/dev/null
normdiff --store "$work/other" add "$src/tests/data/series/v1.txt" --label rev-1 >/dev/null
touch notes.txt 2015-copy.txt

# shellcheck source=/dev/null
source "$src/completions/normdiff.bash" || { echo "FAIL: cannot source the completion"; exit 1; }
complete -p normdiff >/dev/null 2>&1 || fail "no 'complete -F _normdiff normdiff'"

# complete WORDS...: the line is WORDS, the cursor at the end of the last
# one (give '' for a new word); prints COMPREPLY sorted, one a line
complete_line() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_normdiff normdiff "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	printf '%s\n' "${COMPREPLY[@]}" | sort
}
# expect "WANT (words, space-separated, sorted)" WORDS...
expect() {
	local want=$1 got
	shift
	got=$(complete_line "$@" | tr '\n' ' ' | sed 's/ $//')
	[ "$got" = "$want" ] || fail "normdiff ${*:2}|: got '$got', want '$want'"
}
# offers "WORD" WORDS...: WORD is among the candidates
offers() {
	local want=$1
	shift
	complete_line "$@" | grep -qxF -- "$want" || fail "normdiff ${*:2}|: '$want' not offered ($(complete_line "$@" | tr '\n' ' '))"
}

# commands, and global options
expect "diff" normdiff di
expect "help history" normdiff h
expect "show synopsis" normdiff s
expect "--no-pager" normdiff --no
expect "tui" normdiff --store x --no-pager tu
expect "tui" normdiff --store = x tu
expect "grammar" normdiff help gr
# each command's options
expect "--stat" normdiff diff --sta
expect "--labels" normdiff log --la
expect "--raw" normdiff show --r
expect "--baseline" normdiff synopsis --base
expect "--force" normdiff add --fo
expect "--format=" normdiff outline --form
offers "--no-pager" normdiff diff --no
# values of options
expect "json text" normdiff outline --format ''
expect "csv" normdiff synopsis --format = c
expect "html" normdiff diff --format = h
expect "always auto never" normdiff diff --color = ''
expect "modified moved" normdiff diff --fail-on = mo
expect "" normdiff add x --label ''
# labels of the store where a version is asked for, and files
expect "2011 2015 2015-copy.txt" normdiff diff 20
expect "2011 2015" normdiff show ''
expect "2011 2015" normdiff synopsis --baseline 201
expect "2011" normdiff history 2015 2011
offers "notes.txt" normdiff diff 2011 no
expect "rev-1" normdiff --store "$work/other" show ''
expect "rev-1" normdiff --store = "$work/other" outline re
expect "rev-1" normdiff outline --store "$work/other" re
# add takes a file, not a label
expect "2015-copy.txt" normdiff add 20
# no store: no labels, no error
got=$(cd "$work" && complete_line normdiff show '' 2>&1)
[ -z "$got" ] || fail "show with no store: got '$got'"

# every long option a command's --help names is offered for it
for cmd in diff tui history synopsis outline init add log show grammar; do
	for opt in $(normdiff "$cmd" --help | sed -n '/^usage:/,/^$/p' |
		grep -o -- '--[a-z][a-z-]*' | sort -u); do
		complete_line normdiff "$cmd" "$opt" | sed 's/=$//' | grep -qxF -- "$opt" ||
			fail "normdiff $cmd: $opt (in its --help) is not completed"
	done
done
for opt in $(normdiff --help | sed -n 1p | grep -o -- '--[a-z][a-z-]*'); do
	complete_line normdiff "$opt" | grep -qxF -- "$opt" ||
		fail "the global option $opt (in --help) is not completed"
done

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "bash completion: all checks passed"
