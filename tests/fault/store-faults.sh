#!/usr/bin/env bash
# `normdiff add` is all-or-nothing under faults: each file-system step of
# an add (every write, file creation, rename, link and unlink in the
# store) is made to fail with ENOSPC in turn, and then the process is
# SIGKILLed at each step in turn, in a store whose refs are packed, in one
# whose branch is a loose file, and for add --force of a loose label.
# After each: `git fsck` is clean, `normdiff log` shows exactly the versions
# before (or after), a failure says "No space left on device", no lock is
# left by a failure, a lock left by a kill is named in the error of the
# next add, and a retry (after removing the lock it names) leaves exactly
# one new version.
#
#   store-faults.sh NORMDIFF SHIM SRCDIR
set -u
bin=$(realpath "$1") shim=$(realpath "$2") src=$(realpath "$3")
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-faults.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
export GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
unset NORMDIFF_STORE
mkdir -p "$HOME"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

labels() { "$bin" --store "$1" log 2>/dev/null | awk 'NR > 1 { print $1 }' | tr '\n' ' '; }

# add FILE LABEL in store $1 with the shim; extra environment in "$@"
add_in() {
	local store=$1
	shift
	env ND_FAULT_DIR="$store" LD_PRELOAD="$shim" "$@" \
		"$bin" --store "$store" add "$src/drafts/2015-A-69-723.txt" \
		--label 2015 --date 2015-01-13 $force >"$work/out" 2>"$work/err"
}

check_fsck() {
	git --git-dir="$1" fsck --no-progress >"$work/fsck" 2>&1 ||
		fail "$2: git fsck: $(tr '\n' ' ' <"$work/fsck")"
	# dangling objects (of a failed add) are no damage; their ids may
	# contain any word
	if grep -v '^dangling ' "$work/fsck" | grep -Eiq '^(error|fatal|broken|missing|bad|warning)'; then
		fail "$2: git fsck: $(tr '\n' ' ' <"$work/fsck")"
	fi
}

base="$work/base"
"$bin" --store "$base" init >/dev/null &&
	"$bin" --store "$base" add "$src/drafts/2011-A-66-359.txt" --label 2011 \
		--date 2011-09-14 >/dev/null || { echo "cannot make the base store"; exit 1; }
before="2011 " after="2015 2011 "

# fault every step of an add of 2015 to a copy of store $1
fault_all() {
	# count the steps of one add
	rm -rf "$work/count" "$work/steps"; cp -a "$1" "$work/count"
	add_in "$work/count" ND_FAULT_LOG="$work/steps" ||
		{ echo "the add without faults failed: $(cat "$work/err")"; exit 1; }
	[ "$(labels "$work/count")" = "$after" ] || { echo "the add without faults did not add"; exit 1; }
	steps=$(wc -l <"$work/steps")
	echo "an add takes $steps steps:"
	cat "$work/steps"
	[ "$steps" -ge 5 ] || { echo "too few steps counted: the shim is not working"; exit 1; }

	for mode in fail kill; do
		for ((i = 1; i <= steps; i++)); do
			what="$mode at step $i ($(sed -n "${i}p" "$work/steps" | cut -d' ' -f2))"
			s="$work/s"
			rm -rf "$s"; cp -a "$1" "$s"
			if [ "$mode" = kill ]; then
				add_in "$s" ND_FAULT_AT=$i ND_FAULT_KILL=1
			else
				add_in "$s" ND_FAULT_AT=$i
			fi
			status=$?
			now=$(labels "$s")
			check_fsck "$s" "$what"
			case "$mode:$status" in
			fail:0)
				[ "$now" = "$after" ] || fail "$what: exit 0 but log shows '$now'" ;;
			fail:2)
				[ "$now" = "$before" ] || fail "$what: exit 2 but log shows '$now'"
				grep -q 'No space left on device' "$work/err" ||
					fail "$what: the error does not say 'No space left on device': $(cat "$work/err")"
				locks=$(find "$s" -name '*.lock')
				[ -z "$locks" ] || fail "$what: a failed add left $locks" ;;
			kill:137)
				[ "$now" = "$before" ] || [ "$now" = "$after" ] ||
					fail "$what: log shows '$now'" ;;
			*)
				fail "$what: exit $status: $(cat "$work/err")" ;;
			esac
			# a retry of an add --force that got through would move the
			# label once more
			[ -n "$force" ] && [ "$now" = "$after" ] && continue
			# retry the same add: a lock it names is removed first, as its
			# message says
			add_in "$s"
			status=$?
			for ((tries = 0; tries < 4; tries++)); do
				[ $status -ne 0 ] && grep -q 'is locked' "$work/err" || break
				lock=$(grep -o "[^ ]*\.lock" "$work/err" | head -1)
				[ -f "$lock" ] || fail "$what: the lock error names '$lock', no such file"
				rm -f "$lock"
				add_in "$s"
				status=$?
			done
			now=$(labels "$s")
			[ "$now" = "$after" ] || fail "$what: after a retry (exit $status) log shows '$now': $(cat "$work/err")"
			[ $status -eq 0 ] || grep -q "label '2015' already names version" "$work/err" ||
				fail "$what: retry: exit $status: $(cat "$work/err")"
			check_fsck "$s" "$what, retried"
		done
	done
	tests=$((tests + 2 * steps))
}

tests=0 force=
echo "== a store whose refs are packed (as normdiff writes them)"
fault_all "$base"
# a store whose branch is a loose file (as an earlier normdiff wrote it):
# the add first packs it, without changing its value
tip=$(git --git-dir="$base" rev-parse main) || exit 1
echo "$tip" >"$base/refs/heads/main"
echo "== a store whose branch is a loose file"
fault_all "$base"
# add --force moves a label that is a loose file to the new version
"$bin" --store "$base" add "$src/drafts/2015-A-69-723.txt" --label 2015 \
	--date 2015-01-13 >/dev/null || exit 1
tip=$(git --git-dir="$base" rev-parse main) || exit 1
echo "$tip" >"$base/refs/heads/main"
echo "$tip" >"$base/refs/tags/2015"
before="2015 2011 " after="2015 (2015) 2011 " force=--force
echo "== add --force in a store whose branch and label are loose files"
fault_all "$base"
echo "$((tests - failures)) of $tests faulted adds behaved"
[ $failures -eq 0 ]
