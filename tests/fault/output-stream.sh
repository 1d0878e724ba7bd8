#!/usr/bin/env bash
# A report too large to hold whole is written in pieces as it is made
# (about a mebibyte each), and every promise of the output still holds:
# -o FILE is all or nothing, whether a write fails, a signal comes or
# memory runs out midway: the old file is kept and no temporary file is
# left; the pieces joined are the report. On standard output the pieces
# written before running out of memory are out: the message says the
# report is cut short, and the status is 2.
#
#   output-stream.sh NORMDIFF FAULT_SHIM OOM_SHIM|"" SRCDIR
set -u
bin=$(realpath "$1") shim=$(realpath "$2") src=$(realpath "$4")
oom=${3:+$(realpath "$3")}
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-stream.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" LC_ALL=C.UTF-8
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
mkdir -p "$HOME" "$work/out"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

python3 "$src/tests/bench/generate.py" --size 1m --seed 3 --out "$work/pair" \
	>/dev/null || exit 2
old="$work/pair/old.txt" new="$work/pair/new.txt"
"$bin" diff --format=json --no-pager "$old" "$new" >"$work/expected.json"
[ $? -eq 1 ] || fail "diff to standard output: exit $?"
size=$(wc -c <"$work/expected.json")
[ "$size" -gt 3000000 ] || fail "the report is too small to come in pieces: $size"

# -o: complete, and the same bytes as standard output, in several writes
target="$work/out/report.json"
LD_PRELOAD="$shim" ND_FAULT_DIR="$work/out" ND_FAULT_TMP=1 ND_FAULT_LOG="$work/log" \
	"$bin" diff --format=json "$old" "$new" -o "$target" 2>"$work/err"
[ $? -eq 1 ] || fail "-o: exit not 1: $(cat "$work/err")"
cmp -s "$work/expected.json" "$target" || fail "-o: not the report"
writes=$(grep -c ' write ' "$work/log")
[ "$writes" -ge 3 ] || fail "-o: written in $writes writes, not in pieces"
[ "$(ls -A "$work/out")" = report.json ] || fail "-o: left $(ls -A "$work/out")"

# a write that fails midway (the second piece: step 2): nothing was
# written
check_kept() { # what, status, wanted status
	[ "$2" -eq "$3" ] || fail "$1: exit $2, not $3: $(cat "$work/err")"
	[ "$(cat "$target")" = old ] || fail "$1: the old file was changed"
	[ "$(ls -A "$work/out")" = report.json ] ||
		fail "$1: left $(ls -A "$work/out")"
}
echo old >"$target"
LD_PRELOAD="$shim" ND_FAULT_DIR="$work/out" ND_FAULT_TMP=1 ND_FAULT_AT=2 \
	"$bin" diff --format=json "$old" "$new" -o "$target" 2>"$work/err"
check_kept "a failed write" $? 2
grep -qx "normdiff: $target: cannot write: No space left on device; nothing was written" \
	"$work/err" && [ "$(wc -l <"$work/err")" -eq 1 ] ||
	fail "a failed write: not the one-line error: $(cat "$work/err")"

# a signal midway: the temporary file is removed as the program ends
for sig in TERM INT HUP; do
	LD_PRELOAD="$shim" ND_FAULT_DIR="$work/out" ND_FAULT_TMP=1 ND_FAULT_AT=2 \
		ND_FAULT_SIGNAL=$(kill -l $sig) \
		"$bin" diff --format=json "$old" "$new" -o "$target" 2>"$work/err"
	check_kept "SIG$sig" $? $((128 + $(kill -l $sig)))
done

# memory running out midway, after the first piece (the HTML report
# allocates as it goes; the JSON one, warmed up, hardly ever does)
if [ -n "$oom" ]; then
	"$bin" diff --format=html "$old" "$new" >"$work/expected.html"
	size=$(wc -c <"$work/expected.html")
	target="$work/out/report.html"
	mv "$work/out/report.json" "$target"
	LD_PRELOAD="$oom" ND_OOM_AFTER_WRITES=1 \
		"$bin" diff "$old" "$new" -o "$target" 2>"$work/err"
	status=$?
	[ "$(ls -A "$work/out")" = report.html ] || fail "out of memory, -o: left $(ls -A "$work/out")"
	[ $status -eq 2 ] && [ "$(cat "$target")" = old ] &&
		grep -qx "normdiff: diff: out of memory" "$work/err" ||
		fail "out of memory, -o: exit $status, $(cat "$work/err")"
	LD_PRELOAD="$oom" ND_OOM_AFTER_WRITES=1 "$bin" diff --format=html \
		"$old" "$new" >"$work/cut.html" 2>"$work/err"
	status=$?
	[ $status -eq 2 ] || fail "out of memory, standard output: exit $status"
	grep -qx "normdiff: diff: out of memory; the report written before it is cut short" \
		"$work/err" || fail "out of memory, standard output: $(cat "$work/err")"
	cut=$(wc -c <"$work/cut.html")
	[ "$cut" -gt 0 ] && [ "$cut" -lt "$size" ] &&
		cmp -s -n "$cut" "$work/cut.html" "$work/expected.html" ||
		fail "out of memory, standard output: $cut bytes, not the report's start"
fi
[ $failures -eq 0 ]
