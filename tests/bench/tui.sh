#!/usr/bin/env bash
# The terminal UI on large drafts: what a key costs, measured through
# `normdiff tui --dump`, which replays keys on the real model and drawing.
#
#   tests/bench/tui.sh [--sizes 1m,10m] [--normdiff PATH] [--seed N]
#                      [--searches N (1000)] [--dir DIR]
#
# For each size, on generate.py's pair and on worst.py's "huge" pair (one
# preambular paragraph of half the size), under /usr/bin/time -f '%U %S %M':
#   first screen  `tui --dump 120x40 --keys q` against `diff --stat`: user
#                 and system CPU seconds and peak RSS (KB)
#   search miss   N searches for a pattern in neither text
#                 ('/zzqqxj<Enter>' N times) against the same keys with Esc
#                 for Enter (the prompt typed, no search): the difference
#                 over N is the search itself, in ms. The first '/' also
#                 builds the search's trigram index once; its cost is
#                 shown apart ('/<Esc>' against 'q').
#   open huge     peak RSS with the huge paragraph opened ('jj<Enter>', the
#                 third row) and scrolled to its end ('<End>'), against the
#                 first screen of the same pair.
# A measurement, not a test: it exits 0 whatever the numbers, 2 only when
# it cannot run. Pairs go to DIR/pairs/ (DIR is build/bench, or
# $TMPDIR/normdiff-bench) and are reused.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
sizes=1m,10m
nd=$root/build/src/cli/normdiff
seed=1
searches=1000
dir=
while [ $# -gt 0 ]; do
	case $1 in
	--sizes) sizes=$2; shift 2 ;;
	--normdiff) nd=$2; shift 2 ;;
	--seed) seed=$2; shift 2 ;;
	--searches) searches=$2; shift 2 ;;
	--dir) dir=$2; shift 2 ;;
	*) echo "tui.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
[ -x "$nd" ] || { echo "tui.sh: no normdiff at $nd (ninja -C build)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "tui.sh: needs GNU time (tests/bench/setup)" >&2; exit 2; }
if [ -z "$dir" ]; then
	if [ -w "$root/build" ]; then dir=$root/build/bench; else dir=${TMPDIR:-/tmp}/normdiff-bench; fi
fi
mkdir -p "$dir/pairs" || exit 2

# measure KEYS OLD NEW: "user sys rss" of one dump
measure() {
	/usr/bin/time -f '%U %S %M' -o "$dir/tui.time" "$nd" tui "$2" "$3" \
		--dump 120x40 --keys "$1" >/dev/null 2>"$dir/tui.err"
	[ $? -le 1 ] || { echo "tui.sh: normdiff failed:" >&2; head -3 "$dir/tui.err" >&2; }
	tail -1 "$dir/tui.time"
}
pair() { # NAME GENERATOR-ARGS...: the pair's directory, made once
	local p=$dir/pairs/tui-$1-seed$seed
	shift
	[ -s "$p/new.txt" ] || python3 "$@" --seed "$seed" --out "$p" >/dev/null 2>&1 ||
		{ echo "tui.sh: cannot generate $p" >&2; exit 2; }
	echo "$p"
}
repeat() { local k out=; for ((k = 0; k < searches; k++)); do out+=$1; done; echo "$out"; }

for size in ${sizes//,/ }; do
	p=$(pair "$size" "$here/generate.py" --size "$size")
	h=$(pair "huge-$size" "$here/worst.py" --case huge --size "$size")
	echo "== $size ($(du -sh "$p/old.txt" | cut -f1) + $(du -sh "$p/new.txt" | cut -f1))"
	read -r su ss sm < <(/usr/bin/time -f '%U %S %M' "$nd" diff --stat "$p/old.txt" \
		"$p/new.txt" 2>&1 >/dev/null | tail -1)
	read -r tu ts tm < <(measure q "$p/old.txt" "$p/new.txt")
	printf 'first screen  diff --stat  %5.2f s user %5.2f s sys %7d KB\n' "$su" "$ss" "$sm"
	printf 'first screen  tui --dump   %5.2f s user %5.2f s sys %7d KB\n' "$tu" "$ts" "$tm"
	read -r iu is _ < <(measure '/<Esc>' "$p/old.txt" "$p/new.txt")
	printf 'search index  built once   %5.0f ms\n' \
		"$(echo "($iu + $is - $tu - $ts) * 1000" | bc -l)"
	read -r au as _ < <(measure "$(repeat '/zzqqxj<Enter>')" "$p/old.txt" "$p/new.txt")
	read -r bu bs _ < <(measure "$(repeat '/zzqqxj<Esc>')" "$p/old.txt" "$p/new.txt")
	printf 'search miss   per search   %7.2f ms (%d searches)\n' \
		"$(echo "($au + $as - $bu - $bs) * 1000 / $searches" | bc -l)" "$searches"
	read -r _ _ hm < <(measure q "$h/old.txt" "$h/new.txt")
	read -r ou os om < <(measure 'jj<Enter>' "$h/old.txt" "$h/new.txt")
	read -r eu es em < <(measure 'jj<Enter><End>' "$h/old.txt" "$h/new.txt")
	printf 'huge pair     first screen            %7d KB\n' "$hm"
	printf 'huge opened   +%6d KB  (%5.2f s user)  scrolled to its end +%6d KB\n' \
		"$((om - hm))" "$ou" "$((em - hm))"
done
exit 0
