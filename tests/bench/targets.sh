#!/usr/bin/env bash
# The speed targets of normdiff, measured: worst.sh's pairs (the normal
# generated pair and the five worst cases) at 1 MB and 10 MB, each compared
# by normdiff diff --format=json -o FILE, normdiff diff --stat and git's
# word diff (and wdiff, dwdiff on the normal pair when installed),
# interleaved in the same run, median of N runs of user + sys CPU time;
# then a verdict table against the targets (targets_table.py):
#   json <= 1.5x git, stat <= 1.0x git (normal pair, largest size),
#   peak RSS <= 4x the input (old + new bytes),
#   every growth exponent from the first size to the last <= 1.1,
#   every worst case <= 3x the normal pair of the same size.
#
#   tests/bench/targets.sh [--sizes 1m,10m] [--runs N] [--normdiff PATH]
#                          [--quick] [--seed N] [--timeout SEC] [--dir DIR]
#
# --quick: 1m only (no growth exponents). A measurement, not a test: it
# exits 0 whatever the numbers (2 only when it cannot run at all).
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
args=()
sizes=1m,10m
while [ $# -gt 0 ]; do
	case $1 in
	--quick) sizes=1m; shift ;;
	--sizes) sizes=${2:?}; shift 2 ;;
	--sizes=*) sizes=${1#*=}; shift ;;
	--cases|--cases=*|--targets) echo "targets.sh: unknown argument '$1'" >&2; exit 2 ;;
	-h|--help) sed -n '13,14p' "$0" | sed 's/^# *//' >&2; exit 2 ;;
	*) args+=("$1"); shift ;;
	esac
done

root=$(cd "$here/../.." && pwd)
dir=
for ((i = 0; i < ${#args[@]}; i++)); do
	case ${args[i]} in
	--dir) dir=${args[i + 1]:-} ;;
	--dir=*) dir=${args[i]#*=} ;;
	esac
done
if [ -z "$dir" ]; then
	if [ -d "$root/build" ] && [ -w "$root/build" ]; then
		dir=$root/build/bench
	else
		dir=${TMPDIR:-/tmp}/normdiff-bench
	fi
	args+=(--dir "$dir")
fi

# worst.sh parses and checks the other options (--runs, --normdiff, --seed,
# --timeout, --dir) and runs everything; its exit status 2 means it could
# not run
bash "$here/worst.sh" --targets --sizes "$sizes" "${args[@]}"
rc=$?
[ $rc -ne 0 ] && exit 2
echo
python3 "$here/targets_table.py" "$dir/worst.tsv"
exit 0
