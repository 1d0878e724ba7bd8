#!/usr/bin/env bash
# -o to a new file never replaces a file that another process creates under
# that name while the report is being written: the shim creates it at the
# step that puts the report in place. The report is refused, the other
# file is kept, and no temporary file is left.
#
#   output-race.sh NORMDIFF SHIM SRCDIR
set -u
bin=$(realpath "$1") shim=$(realpath "$2") src=$(realpath "$3")
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-race.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" LC_ALL=C.UTF-8
# the shim is preloaded before the sanitizer runtime of a sanitizer build
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
mkdir -p "$HOME" "$work/out"
failures=0

for fmt in text json; do
	rm -f "$work/out/"* "$work/out/".* 2>/dev/null
	target="$work/out/report.$fmt"
	LD_PRELOAD="$shim" ND_FAULT_DIR="$work/out" ND_FAULT_AT=1 \
		ND_FAULT_PLANT="$target" timeout 20 "$bin" outline --format "$fmt" \
		"$src/drafts/2011-A-66-359.txt" -o "$target" >"$work/stdout" 2>"$work/err"
	status=$?
	if [ $status -ne 2 ]; then
		echo "FAIL ($fmt): exit $status, not 2: $(cat "$work/err")"
		failures=$((failures + 1))
	fi
	if [ "$(cat "$target" 2>/dev/null)" != planted ]; then
		echo "FAIL ($fmt): the file made meanwhile was replaced"
		failures=$((failures + 1))
	fi
	if ! grep -q "^normdiff: $target: changed while the report was written; nothing was written; try again$" "$work/err" ||
	   [ "$(wc -l <"$work/err")" -ne 1 ]; then
		echo "FAIL ($fmt): not the one-line error: $(cat "$work/err")"
		failures=$((failures + 1))
	fi
	if ls -A "$work/out" | grep -q normdiff-tmp; then
		echo "FAIL ($fmt): a temporary file was left: $(ls -A "$work/out")"
		failures=$((failures + 1))
	fi
done
# without the other process, the report is written
rm -f "$work/out/"*
LD_PRELOAD="$shim" ND_FAULT_DIR="$work/out" "$bin" outline \
	"$src/drafts/2011-A-66-359.txt" -o "$work/out/report.txt" 2>"$work/err" &&
	"$bin" outline "$src/drafts/2011-A-66-359.txt" -o "$work/expected" &&
	cmp -s "$work/expected" "$work/out/report.txt" &&
	[ "$(ls -A "$work/out")" = report.txt ] ||
	{ echo "FAIL: the report was not written alone: $(cat "$work/err")"; failures=$((failures + 1)); }
[ $failures -eq 0 ]
