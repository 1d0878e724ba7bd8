#!/usr/bin/env bash
# The history benchmark: a series of N versions of a generated draft
# (generate.py's old version, then series.py's edits), stored, and
#   - one pair compared (normdiff diff --format=json),
#   - the whole history computed the first time (no cache),
#   - again in another format (every pair from the store's cache of
#     alignments, the report made anew),
#   - and again as the first time (the whole report from the cache),
# each the median wall time of --runs runs, with peak memory.
#
#   tests/bench/series.sh [--size 1m] [--count 20] [--runs 3]
#                         [--normdiff PATH] [--dir DIR]
#
# A measurement, not a test: it exits 0 whatever the numbers, 2 only when
# it cannot run. Needs GNU time and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
size=1m count=20 runs=3 nd="$here/../../build/src/cli/normdiff" dir=
while [ $# -gt 0 ]; do
	case $1 in
	--size) size=$2; shift 2 ;;
	--count) count=$2; shift 2 ;;
	--runs) runs=$2; shift 2 ;;
	--normdiff) nd=$2; shift 2 ;;
	--dir) dir=$2; shift 2 ;;
	*) echo "series.sh: unknown option $1" >&2; exit 2 ;;
	esac
done
[ -x /usr/bin/time ] || { echo "series.sh: needs GNU time (apt install time)" >&2; exit 2; }
nd=$(realpath "$nd")
dir=${dir:-$(mktemp -d "${TMPDIR:-/tmp}/normdiff-series.XXXXXX")}
mkdir -p "$dir"
python3 "$here/generate.py" --size "$size" --seed 1 --out "$dir/pair" >/dev/null 2>&1
python3 "$here/series.py" --base "$dir/pair/old.txt" --count "$count" --out "$dir/v"
export NORMDIFF_STORE="$dir/store"
rm -rf "$NORMDIFF_STORE"
"$nd" init >/dev/null
for f in "$dir"/v/v*.txt; do
	"$nd" add "$f" --label "$(basename "$f" .txt)" --series bench.txt >/dev/null
done

# median wall time and highest peak RSS (MB) of $runs runs of "$@"
measure() {
	local k times=() peak=0 t m
	for ((k = 0; k < runs; k++)); do
		[ -n "${before:-}" ] && eval "$before"
		/usr/bin/time -f '%e %M' -o "$dir/time" "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
		read -r t m < <(tail -n 1 "$dir/time")
		times+=("$t")
		[ "$m" -gt "$peak" ] && peak=$m
	done
	printf '%s %d\n' "$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")" $((peak / 1024))
}
before=
read -r pair pairm < <(measure "$nd" diff v01 v02 --format=json)
before="rm -rf '$NORMDIFF_STORE/normdiff-cache'"
read -r cold coldm < <(measure "$nd" history --series bench.txt --format=json)
"$nd" history --series bench.txt --format=json >/dev/null
# each run another width, so that only the pairs are cached
width=100
before='width=$((width + 1)); rm -f "$dir/w"; echo $width > "$dir/w"'
read -r pairs pairsm < <(measure sh -c '"$0" history --series bench.txt --width "$(cat "$1")"' "$nd" "$dir/w")
before=
read -r warm warmm < <(measure "$nd" history --series bench.txt --format=json)
printf '%-34s %10s %10s\n' "$count versions of $size" "wall s" "peak MB"
printf '%-34s %10s %10s\n' "one pair: diff --format=json" "$pair" "$pairm"
printf '%-34s %10s %10s\n' "history, cold (no cache)" "$cold" "$coldm"
printf '%-34s %10s %10s\n' "history, pairs cached (text)" "$pairs" "$pairsm"
printf '%-34s %10s %10s\n' "history, warm (report cached)" "$warm" "$warmm"
awk -v p="$pair" -v c="$cold" -v q="$pairs" -v w="$warm" -v n="$count" 'BEGIN {
	printf "cold = %.1f pair comparisons (%d pairs); pairs cached = %.1f; warm = %.2f of one\n",
	       c / p, n - 1, q / p, w / p }'
echo "(series, store and outputs in $dir)"
