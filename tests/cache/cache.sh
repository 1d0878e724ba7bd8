#!/usr/bin/env bash
# The store's cache of alignments, through cli_changeset() as the series
# commands call it (cache_run: the text and JSON reports of one pair):
#
#  - a cold and a warm run print the same reports; the warm run reads the
#    entry and does not rewrite it; other options, another grammar are
#    other entries (--grammar - too, keyed by its text); files on the command line make none;
#  - a damaged entry (truncated at many lengths, bytes flipped, a
#    directory in its place) is ignored: the reports are the same and the
#    entry is rewritten, sound;
#  - a failed write (the cache directory is a file; each file-system step
#    of a put failed in turn with the fault shim, or the process killed
#    there) leaves the store as it was (or with a whole entry), the
#    command succeeds, with at most one note;
#  - with entries in the store, `git fsck` is clean and `normdiff log`,
#    `show` and `diff LABEL1 LABEL2` print what they printed before.
#
#   cache.sh CACHE_RUN NORMDIFF SHIM SRCDIR
set -u
run=$(realpath "$1") bin=$(realpath "$2") shim=$(realpath "$3") src=$(realpath "$4")
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-cache.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
export GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
unset NORMDIFF_STORE
mkdir -p "$HOME"
failures=0 checks=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
check() { checks=$((checks + 1)); }

store="$work/store"
cache="$store/normdiff-cache"
"$bin" --store "$store" init >/dev/null &&
	"$bin" --store "$store" add "$src/drafts/2011-A-66-359.txt" --label 2011 \
		--date 2011-09-14 >/dev/null &&
	"$bin" --store "$store" add "$src/drafts/2015-A-69-723.txt" --label 2015 \
		--date 2015-01-13 >/dev/null || { echo "cannot make the store"; exit 1; }

# What the commands that must not change print, and what git says.
observe() {
	"$bin" --store "$1" log
	"$bin" --store "$1" show 2011
	"$bin" --store "$1" show 2015 --raw | cksum
	"$bin" --store "$1" diff 2011 2015 --format json
	"$bin" --store "$1" diff 2011 2015 --width 80
	git --git-dir="$1" fsck --no-progress 2>&1
}
# Every file of the store with its content's checksum.
snapshot() { (cd "$1" && find . -print0 | sort -z | xargs -0 -n1 sh -c \
	'if [ -f "$0" ]; then printf "%s " "$0"; cksum <"$0"; else echo "$0"; fi'); }
# entries and temporary files in the cache of store $1 (default: $store)
entries() { ls "${1:-$store}/normdiff-cache" 2>/dev/null | grep -v '^tmp-' | wc -l; }
temps() { ls "${1:-$store}/normdiff-cache" 2>/dev/null | grep -c '^tmp-'; }

observe "$store" >"$work/observed-before" 2>&1
snapshot "$store" >"$work/snap-empty"

# ---- cold, warm --------------------------------------------------------
"$run" "$store" 2011 2015 >"$work/cold" 2>"$work/err"; status=$?
check; [ $status -eq 0 ] || fail "cold run: exit $status: $(cat "$work/err")"
check; [ -s "$work/cold" ] && grep -q '"format"' "$work/cold" ||
	fail "cold run printed no report"
check; [ ! -s "$work/err" ] || fail "cold run said: $(cat "$work/err")"
check; [ "$(entries)" -eq 1 ] || fail "cold run: $(entries) entries, not 1"
entry=$(ls "$cache" | head -1)
cp "$cache/$entry" "$work/entry-good"
inode=$(stat -c %i "$cache/$entry")
"$run" "$store" 2011 2015 >"$work/warm" 2>"$work/err"; status=$?
check; [ $status -eq 0 ] || fail "warm run: exit $status"
check; cmp -s "$work/cold" "$work/warm" || fail "the warm run's reports differ from the cold run's"
check; [ ! -s "$work/err" ] || fail "warm run said: $(cat "$work/err")"
check; [ "$(stat -c %i "$cache/$entry")" = "$inode" ] ||
	fail "the warm run rewrote the entry (it did not read it)"
check; [ "$(entries)" -eq 1 ] || fail "warm run: $(entries) entries, not 1"

# the reverse pair, other options, another grammar: other entries, each
# warm run the same as its cold run
printf 'include default\n' >"$work/my.grammar"
n=1
for args in "2015 2011" "2011 2015 -i" "2011 2015 -i -p" \
	"2011 2015 --grammar $work/my.grammar"; do
	# shellcheck disable=SC2086
	"$run" "$store" $args >"$work/c1" 2>&1
	# shellcheck disable=SC2086
	"$run" "$store" $args >"$work/c2" 2>&1
	n=$((n + 1))
	check; [ "$(entries)" -eq $n ] || fail "$args: $(entries) entries, not $n"
	check; cmp -s "$work/c1" "$work/c2" || fail "$args: warm and cold runs differ"
done
# files are never cached
"$run" "$store" "$src/drafts/2011-A-66-359.txt" "$src/drafts/2015-A-69-723.txt" \
	>"$work/files" 2>&1
check; [ "$(entries)" -eq $n ] || fail "files on the command line made an entry"
"$run" "$store" 2011 "$src/drafts/2015-A-69-723.txt" >/dev/null 2>&1
check; [ "$(entries)" -eq $n ] || fail "a label and a file made an entry"
# a grammar from standard input or a pipe is keyed by the text that was
# compiled, as a file is (its name is in the key too): one entry each, and
# the same text again is a hit
"$run" "$store" 2011 2015 --grammar - <"$work/my.grammar" >"$work/g1" 2>&1
n=$((n + 1))
check; [ "$(entries)" -eq $n ] || fail "--grammar - made no entry"
"$run" "$store" 2011 2015 --grammar - <"$work/my.grammar" >"$work/g2" 2>&1
check; [ "$(entries)" -eq $n ] || fail "--grammar - again made another entry"
check; cmp -s "$work/g1" "$work/g2" || fail "--grammar -: warm and cold runs differ"
# the reports of the files are those of the labels but for the names
check; diff <(grep -v -e '2011\|2015' "$work/files") <(grep -v -e '2011\|2015' "$work/cold") \
	>/dev/null || fail "the files' reports differ from the labels' beyond their names"

# ---- entries change nothing else -----------------------------------------
observe "$store" >"$work/observed-after" 2>&1
check; cmp -s "$work/observed-before" "$work/observed-after" ||
	fail "log, show, diff or git fsck changed with cache entries: $(diff "$work/observed-before" "$work/observed-after" | head -20)"
check; grep -Eiq '^(error|fatal|broken|missing|bad|warning)' "$work/observed-after" &&
	fail "git fsck complains: $(cat "$work/observed-after" | tail -5)"

# ---- damaged entries -----------------------------------------------------
# One damaged entry: the reports are the cold run's, the entry is
# rewritten whole, and the next run reads it without rewriting it.
damaged() {
	local what=$1
	"$run" "$store" 2011 2015 >"$work/out" 2>"$work/err"; status=$?
	check; [ $status -eq 0 ] || fail "$what: exit $status: $(cat "$work/err")"
	check; cmp -s "$work/out" "$work/cold" || fail "$what: the reports differ"
	check; [ ! -s "$work/err" ] || fail "$what: said $(cat "$work/err")"
	check; cmp -s "$cache/$entry" "$work/entry-good" || fail "$what: the entry was not rewritten"
	inode=$(stat -c %i "$cache/$entry")
	"$run" "$store" 2011 2015 >/dev/null 2>&1
	check; [ "$(stat -c %i "$cache/$entry")" = "$inode" ] || fail "$what: the rewritten entry is not read"
	check; [ "$(temps)" -eq 0 ] || fail "$what: a temporary file was left"
}
size=$(stat -c %s "$work/entry-good")
for cut in 0 1 16 17 40 100 300 400 $((size / 2)) $((size - 2)) $((size - 1)); do
	head -c "$cut" "$work/entry-good" >"$cache/$entry"
	damaged "entry truncated to $cut bytes"
done
for at in 0 5 17 20 60 200 320 350 $((size / 2)) $((size - 5)) $((size - 1)); do
	cp "$work/entry-good" "$cache/$entry"
	printf '\x5a' | dd of="$cache/$entry" bs=1 seek="$at" conv=notrunc status=none
	cmp -s "$cache/$entry" "$work/entry-good" ||
		damaged "entry with byte $at changed"
done
cp "$work/entry-good" "$cache/$entry"; printf 'more' >>"$cache/$entry"
damaged "entry with bytes appended"
# an entry that is a directory cannot be read nor replaced: a note, and
# the reports all the same
rm -f "$cache/$entry"; mkdir "$cache/$entry"
"$run" "$store" 2011 2015 >"$work/out" 2>"$work/err"; status=$?
check; [ $status -eq 0 ] || fail "entry a directory: exit $status"
check; cmp -s "$work/out" "$work/cold" || fail "entry a directory: the reports differ"
check; [ "$(wc -l <"$work/err")" -eq 1 ] && grep -q 'not kept' "$work/err" ||
	fail "entry a directory: not one note: $(cat "$work/err")"
check; [ "$(temps)" -eq 0 ] || fail "entry a directory: a temporary file was left"
rmdir "$cache/$entry"

# ---- failed writes -------------------------------------------------------
fresh="$work/fresh"
rm -rf "$fresh"; cp -a "$store" "$fresh"; rm -rf "$fresh/normdiff-cache"
snapshot "$fresh" >"$work/snap-fresh"
# the cache directory is a file: no entry can be written
s="$work/s"
rm -rf "$s"; cp -a "$fresh" "$s"; printf 'not a directory\n' >"$s/normdiff-cache"
snapshot "$s" >"$work/snap-s"
"$run" "$s" 2011 2015 >"$work/out" 2>"$work/err"; status=$?
check; [ $status -eq 0 ] || fail "cache a file: exit $status"
check; cmp -s "$work/out" "$work/cold" || fail "cache a file: the reports differ"
check; [ "$(wc -l <"$work/err")" -eq 1 ] || fail "cache a file: not one note: $(cat "$work/err")"
check; snapshot "$s" | cmp -s - "$work/snap-s" || fail "cache a file: the store changed"

# a read-only cache directory (permissions stop only a user who is not
# root; root is stopped by the shim below)
if [ "$(id -u)" -ne 0 ]; then
	rm -rf "$s"; cp -a "$fresh" "$s"; mkdir "$s/normdiff-cache"; chmod a-w "$s/normdiff-cache"
	snapshot "$s" >"$work/snap-s"
	"$run" "$s" 2011 2015 >"$work/out" 2>"$work/err"; status=$?
	check; [ $status -eq 0 ] && cmp -s "$work/out" "$work/cold" ||
		fail "read-only cache: exit $status or other reports"
	check; [ "$(wc -l <"$work/err")" -eq 1 ] || fail "read-only cache: not one note: $(cat "$work/err")"
	check; snapshot "$s" | cmp -s - "$work/snap-s" || fail "read-only cache: the store changed"
	chmod u+w "$s/normdiff-cache"
fi

# every file-system step of a cold run, failed in turn, then killed there
rm -rf "$s"; cp -a "$fresh" "$s"
env ND_FAULT_DIR="$s" ND_FAULT_LOG="$work/steps" LD_PRELOAD="$shim" \
	"$run" "$s" 2011 2015 >/dev/null 2>&1 || { echo "the run under the shim failed"; exit 1; }
steps=$(wc -l <"$work/steps")
echo "a cold run takes $steps file-system steps in the store:"
cat "$work/steps"
[ "$steps" -ge 3 ] || { echo "too few steps counted: the shim is not working"; exit 1; }
for mode in fail kill; do
	for ((i = 1; i <= steps; i++)); do
		what="$mode at step $i ($(sed -n "${i}p" "$work/steps" | cut -d' ' -f2))"
		rm -rf "$s"; cp -a "$fresh" "$s"
		if [ $mode = kill ]; then
			env ND_FAULT_DIR="$s" ND_FAULT_AT=$i ND_FAULT_KILL=1 LD_PRELOAD="$shim" \
				"$run" "$s" 2011 2015 >"$work/out" 2>"$work/err"
		else
			env ND_FAULT_DIR="$s" ND_FAULT_AT=$i LD_PRELOAD="$shim" \
				"$run" "$s" 2011 2015 >"$work/out" 2>"$work/err"
		fi
		status=$?
		if [ $mode = fail ]; then
			check; [ $status -eq 0 ] || fail "$what: exit $status: $(cat "$work/err")"
			check; cmp -s "$work/out" "$work/cold" || fail "$what: the reports differ"
			check; [ "$(wc -l <"$work/err")" -eq 1 ] &&
				grep -q 'No space left on device' "$work/err" ||
				fail "$what: not one note naming the failure: $(cat "$work/err")"
			check; snapshot "$s" | cmp -s - "$work/snap-fresh" ||
				fail "$what: the store changed: $(snapshot "$s" | diff "$work/snap-fresh" - | head)"
		else
			check; [ $status -eq 137 ] || fail "$what: exit $status"
			# as it was, or with the whole entry; a temporary file may stay
			check; [ "$(entries "$s")" -eq 0 ] || cmp -s "$s/normdiff-cache/$entry" "$work/entry-good" ||
				fail "$what: a partial entry"
		fi
		check; observe "$s" 2>&1 | cmp -s - "$work/observed-before" ||
			fail "$what: log, show, diff or git fsck changed"
		# the next run is sound and leaves the whole entry
		"$run" "$s" 2011 2015 >"$work/out" 2>"$work/err"; status=$?
		check; [ $status -eq 0 ] && cmp -s "$work/out" "$work/cold" && [ ! -s "$work/err" ] ||
			fail "$what: the next run: exit $status, $(cat "$work/err")"
		check; cmp -s "$s/normdiff-cache/$entry" "$work/entry-good" ||
			fail "$what: the next run left no sound entry"
	done
done

echo "$((checks - failures)) of $checks checks passed"
[ $failures -eq 0 ]
