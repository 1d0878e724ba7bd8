#!/usr/bin/env bash
# Every command of docs/guide.md runs as written, so the guide cannot drift
# from the program. The commands are the "$ ..." lines of its code blocks
# and the normdiff/cd lines of its sh blocks (a line ending in \ goes on);
# `tui` runs as a dump of its first screen, since a test has no terminal.
# A command must exit 0, or 1 (a diff that found changes); where the guide
# shows an error after it ("normdiff: ..." lines), it must print exactly
# those lines on standard error (and may then exit 2, as errors do).
#
# What the guide assumes is set up here, in a temporary git repository
# that is the working directory at the start of every block (the store is
# its .normdiff, made by the guide's own `normdiff init`):
#   drafts/               the bundled drafts and their .meta files
#   v1.txt v2.txt v3.txt  tests/data/series (section 9's rivers.txt)
#   draft-v3.txt          a third version for section 2 (the series' v3)
#   rules.grammar, rules.txt  section 5's grammar and a text in its style
#   latin1.txt            a Latin-1 text, its é at offset 14 (section 11)
#   my-treaty-repo/       a git repository with treaty.txt over four
#                         commits and chapters/ch3.txt at tag v2.0
#
#   guide-session.sh NORMDIFF SRC
set -u
bin=$(realpath "$1") src=$(realpath "$2")
guide=$src/docs/guide.md
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-guide.XXXXXX") || exit 2
trap 'cd / && rm -rf "$work"' EXIT
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC
unset NORMDIFF_STORE NORMDIFF_PAGER PAGER
top=$work/repo
mkdir -p "$HOME" "$top"
commit() { git -c user.name=t -c user.email=t@example.org commit -qm "$@"; }
cd "$top" || exit 2
cp -r "$src/drafts" .
cp "$src"/tests/data/series/v[123].txt .
cp v3.txt draft-v3.txt
printf 'include default\nfamily rule number item ^Rule\\s+(?<n>\\d+)\\s+\n' >rules.grammar
printf 'Rules of procedure\n\nRule 1 The Conference shall meet in public.\n\nRule 2 The President shall open the meetings.\n' >rules.txt
printf 'Resolution\nThe\351 text of a provision.\n' >latin1.txt
git init -q . && git add -A && commit drafts || exit 2
mkdir my-treaty-repo && (
	cd my-treaty-repo && git init -q . &&
	for k in 1 2 3 4; do
		printf 'Treaty\n\nArticle 1\n\n1. The Parties agree, version %d.\n' "$k" >treaty.txt
		git add treaty.txt && commit "v$k" || exit 2
	done &&
	mkdir chapters &&
	printf 'Chapter 3\n\n1. Of the Parties.\n' >chapters/ch3.txt &&
	git add chapters && commit ch3 && git tag v2.0
) || exit 2
normdiff() { "$bin" "$@"; }

# the commands: records "LINE<TAB>COMMAND" then the error lines the guide
# shows after it, each "<TAB>LINE", and a block's start as "BLOCK"
python3 - "$guide" >"$work/commands" <<'PY' || exit 2
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
block = None
i = 0
while i < len(lines):
    l = lines[i]
    i += 1
    if l.startswith("```"):
        block = None if block is not None else l[3:].strip()
        if block is not None:
            print("BLOCK")
        continue
    if block is None:
        continue
    start = i
    if l.startswith("$ "):
        cmd = l[2:]
    elif block == "sh" and re.match(r"(normdiff|cd) ", l):
        cmd = l
    else:
        continue
    while cmd.endswith("\\") and i < len(lines):
        cmd = cmd[:-1] + " " + lines[i].strip()
        i += 1
    print("%d\t%s" % (start, cmd))
    # what the guide shows after it, up to the next command
    while i < len(lines) and not lines[i].startswith(("$ ", "```")) and \
            not (block == "sh" and re.match(r"(normdiff|cd) ", lines[i])):
        if lines[i].startswith("normdiff: "):
            print("\t" + lines[i])
        i += 1
PY

n=0 failed=0
fail() { echo "FAIL: guide.md:$1: $2"; failed=$((failed + 1)); }
# check the command read last: $line, $cmd, $errors (expected lines)
check() {
	local status=$1
	if [ -n "$errors" ]; then
		printf '%s' "$errors" | diff - "$work/err" >/dev/null ||
			{ fail "$line" "$cmd: the guide shows"; printf '%s' "$errors" | sed 's/^/    | /'
			  echo "  but it printed"; sed 's/^/    | /' "$work/err" | head -5; }
	elif [ "$status" -gt 1 ]; then
		fail "$line" "$cmd: exit $status"
		sed 's/^/    stderr: /' "$work/err" | head -5
	fi
}
line= cmd= errors=
run_pending() {
	local status
	[ -n "$cmd" ] || return 0
	n=$((n + 1))
	local c=${cmd%%  #*}
	case $c in
	"normdiff tui"*) c="$c --dump 100x30" ;;
	esac
	[ -n "${ND_GUIDE_VERBOSE:-}" ] && echo "guide.md:$line: $c"
	eval "$c" >"$work/out" 2>"$work/err" </dev/null
	status=$?
	check "$status"
	cmd= errors=
}
while IFS= read -r rec; do
	case $rec in
	BLOCK) run_pending; cd "$top" || exit 2 ;;
	$'\t'*) errors+="${rec#$'\t'}"$'\n' ;;
	*) run_pending; line=${rec%%$'\t'*} cmd=${rec#*$'\t'} ;;
	esac
done <"$work/commands"
run_pending
echo "$n commands of docs/guide.md run, $failed failed"
[ "$failed" -eq 0 ] && [ "$n" -ge 30 ]
