#!/usr/bin/env bash
# The worst-case benchmark: pairs of drafts shaped to be hard for normdiff
# (worst.py: every provision modified, no identical provisions, one huge
# provision, many short provisions, a 45,000-word vocabulary) and
# generate.py's normal pair, at each size, each compared by
#   normdiff-json  normdiff diff --format=json OLD NEW
#   normdiff-stat  normdiff diff --stat OLD NEW
#   git-word-diff  git diff --no-index --word-diff=porcelain OLD NEW
# interleaved (at each size, run 1 of every case and tool, then run 2,
# ...), under `/usr/bin/time -f '%e %U %S %M'`.
#
#   tests/bench/worst.sh [--sizes 1m,10m] [--runs N] [--normdiff PATH]
#                        [--seed N] [--timeout SEC] [--dir DIR]
#                        [--cases LIST] [--targets]
#
# --targets (for targets.sh): normdiff-json writes its report with -o FILE
# instead of to standard output, and on the normal pair wdiff and dwdiff
# (when installed) run too, interleaved with the others.
#
# Prints the tables (worst_table.py): per case, size and tool the median
# wall time, the median user + sys CPU time, the highest peak RSS, the
# median over the runs of normdiff's CPU time over git's in the same run,
# and the peak RSS over the input (old + new bytes); then the growth
# exponent of each case and tool from the first size to the last, and
# each case's times over the normal pair's of the same size (the median
# over the runs of the two in the same run, as for git's).
#
# A pair under 4 MB (old + new) runs each command ten times in one timed
# loop (the times divided by ten): GNU time counts in steps of 0.01 s, and
# a 1 MB comparison takes a few of them.
#
# A measurement, not a test: it exits 0 whatever the numbers, 2 only when
# it cannot run. A run past --timeout seconds (default 600) is stopped,
# reported as "timeout >SECs", and the tool's later runs of that pair are
# skipped; a run that fails (normdiff exits above 1, or is killed by a
# signal) is reported with its exit status and its first lines of stderr.
#
# Pairs are generated once into DIR/pairs/ (DIR is build/bench, or
# $TMPDIR/normdiff-bench when there is no writable build/) and reused while
# generate.py, worst.py and the seed stay the same; the normal and
# every-modified pairs are run.sh's own (DIR/pairs/SIZE-seedN and
# SIZE-seedN-light). Raw runs go to DIR/worst.tsv, the last outputs to
# DIR/out/worst/CASE-SIZE/.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

sizes=1m,10m
runs=3
normdiff=$root/build/src/cli/normdiff
seed=1
tmo=600
dir=
cases=normal,modified,no-ident,huge,tiny,vocab
targets=

usage() {
	sed -n '12,14p' "$0" | sed 's/^# *//' >&2
	exit 2
}

bench_option() {
	case $1 in
	--cases) cases=${2:?}; bench_shift=2 ;;
	--cases=*) cases=${1#*=}; bench_shift=1 ;;
	--targets) targets=1; bench_shift=1 ;;
	*) return 1 ;;
	esac
}

. "$here/lib.sh"
bench_parse worst.sh "$@"
IFS=, read -r -a size_list <<<"$sizes"
IFS=, read -r -a case_list <<<"$cases"
for c in "${case_list[@]}"; do
	case $c in
	normal|modified|no-ident|huge|tiny|vocab) ;;
	*) echo "worst.sh: unknown case '$c' (normal, modified, no-ident, huge, tiny, vocab)" >&2; exit 2 ;;
	esac
done


if [ ! -x /usr/bin/time ] || ! /usr/bin/time -f '%e %U %S %M' -o /dev/null true 2>/dev/null; then
	echo "worst.sh: GNU time (/usr/bin/time) is needed; install it with: bash tests/bench/setup" >&2
	exit 2
fi
for t in python3 git timeout; do
	command -v $t >/dev/null || { echo "worst.sh: $t is needed: bash tests/bench/setup" >&2; exit 2; }
done
if [ ! -x "$normdiff" ]; then
	echo "worst.sh: no normdiff at $normdiff; build it (ninja -C build) or pass --normdiff PATH" >&2
	exit 2
fi

export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null LC_ALL=C.UTF-8
gen_stamp=$(sha256sum <"$here/generate.py" | cut -c1-16)
worst_stamp=$(cat "$here/generate.py" "$here/worst.py" | sha256sum | cut -c1-16)
results=$dir/worst.tsv
: >"$results"

pair_dir() { # CASE SIZE: the pair's directory and stamp, in pair and stamp
	case $1 in
	normal) pair=$dir/pairs/$2-seed$seed stamp="$gen_stamp $2 $seed" ;;
	modified) pair=$dir/pairs/$2-seed$seed-light stamp="$gen_stamp $2 $seed light" ;;
	*) pair=$dir/pairs/worst-$1-$2-seed$seed stamp="$worst_stamp $1 $2 $seed" ;;
	esac
}

make_pair() { # CASE SIZE
	pair_dir "$1" "$2"
	[ -f "$pair/new.txt" ] && [ "$(cat "$pair/stamp" 2>/dev/null)" = "$stamp" ] && return 0
	rm -rf "$pair"
	local start end
	start=$(date +%s%N)
	case $1 in
	normal) python3 "$here/generate.py" --size "$2" --seed "$seed" --out "$pair" ;;
	modified) python3 "$here/generate.py" --size "$2" --seed "$seed" --light --out "$pair" ;;
	*) python3 "$here/worst.py" --case "$1" --size "$2" --seed "$seed" --out "$pair" ;;
	esac 2>"$dir/generate.log" || {
		cat "$dir/generate.log" >&2
		echo "worst.sh: generating the $1 $2 pair failed" >&2
		exit 2
	}
	# run.sh's pairs are checked against their truth as run.sh does
	if [ -f "$pair/truth.json" ] && ! python3 "$here/check_truth.py" "$pair" >"$dir/check.log"; then
		cat "$dir/check.log" >&2
		echo "worst.sh: the $1 $2 pair does not agree with its truth" >&2
		exit 2
	fi
	echo "$stamp" >"$pair/stamp"
	end=$(date +%s%N)
	echo "$1 $2: generated in $(awk -v ns=$((end - start)) 'BEGIN {printf "%.1f", ns / 1e9}') s"
}

tool_cmd() { # TOOL OLD NEW: the command line, in the array cmd
	case $1 in
	normdiff-json)
		if [ -n "$targets" ]; then
			cmd=("$normdiff" diff --format=json -o "$out/normdiff-json.@N@.json" "$2" "$3")
		else
			cmd=("$normdiff" diff --format=json "$2" "$3")
		fi ;;
	wdiff|dwdiff) cmd=("$1" -w $'\x01' -x $'\x02' -y $'\x03' -z $'\x04' "$2" "$3") ;;
	normdiff-stat) cmd=("$normdiff" diff --stat "$2" "$3") ;;
	git-word-diff) cmd=(git diff --no-index --no-color --no-ext-diff --word-diff=porcelain "$2" "$3") ;;
	esac
}

# Run "$@" REPS times, its output into OUT, @N@ in its arguments the
# run's number (so that no report is renamed over the last); the last
# status above 1, or the last one.
repeat() {
	local reps=$1 outfile=$2 i rc=0
	shift 2
	for ((i = 0; i < reps; i++)); do
		"${@//@N@/$i}" >"$outfile"
		rc=$?
		[ $rc -gt 1 ] && return $rc
	done
	return $rc
}
export -f repeat

tools=(normdiff-json normdiff-stat git-word-diff)
normal_tools=("${tools[@]}")
if [ -n "$targets" ]; then
	for t in wdiff dwdiff; do
		command -v $t >/dev/null && normal_tools+=("$t")
	done
fi
echo "normdiff worst cases: sizes $sizes, cases $cases, $runs run(s) each, seed $seed, timeout ${tmo}s, in $dir"
for size in "${size_list[@]}"; do
	# every pair of this size first, then round after round of every case
	# and tool: a case and the normal pair run next to each other, so that
	# their ratio in a round does not carry the machine's changes of pace
	declare -A failed=() case_in=()
	for c in "${case_list[@]}"; do
		make_pair "$c" "$size"
		case_in[$c]=$(($(stat -c %s "$pair/old.txt") + $(stat -c %s "$pair/new.txt")))
		mkdir -p "$dir/out/worst/$c-$size"
	done
	for ((r = 1; r <= runs; r++)); do
		for c in "${case_list[@]}"; do
			pair_dir "$c" "$size"
			old=$pair/old.txt new=$pair/new.txt out=$dir/out/worst/$c-$size
			in_bytes=${case_in[$c]}
			reps=$((in_bytes < 4000000 ? 10 : 1))
			case_tools=("${tools[@]}")
			[ "$c" = normal ] && case_tools=("${normal_tools[@]}")
			for tool in "${case_tools[@]}"; do
				[ -n "${failed[$c/$tool]:-}" ] && continue
				tool_cmd "$tool" "$old" "$new"
				# the last run's reports go first, outside the timing,
				# as the shell's ">" truncates the others' before they run:
				# dropping a 45 MB file is no part of writing the next
				rm -f "$out"/normdiff-json.*.json
				if [ $reps -eq 1 ]; then
					/usr/bin/time -f '%e %U %S %M' -o "$out/$tool.time" \
						timeout -k 10 "$tmo" "${cmd[@]//@N@/0}" >"$out/$tool.out" 2>"$out/$tool.err"
				else
					/usr/bin/time -f '%e %U %S %M' -o "$out/$tool.time" \
						timeout -k 10 "$tmo" bash -c 'repeat "$@"' _ "$reps" "$out/$tool.out" \
						"${cmd[@]}" 2>"$out/$tool.err"
				fi
				rc=$?
				st=ok
				case $rc in
				0|1) ;;
				124|137) st="timeout >${tmo}s" ;;
				13[0-9]|1[4-9][0-9]) st="killed by signal $((rc - 128))" ;;
				*) st="error (exit $rc)" ;;
				esac
				read -r e u s m < <(tail -n 1 "$out/$tool.time" |
					awk -v r=$reps '{printf "%.4f %.4f %.4f %s\n", $1 / r, $2 / r, $3 / r, $4}')
				if [ "$st" = ok ]; then
					printf '  %-9s %-4s run %d %-14s %6ss wall, %5.2fs CPU, %6d MB\n' \
						"$c" "$size" "$r" "$tool" "$e" "$(awk -v u="$u" -v s="$s" 'BEGIN {print u + s}')" \
						"$((m / 1024))"
				else
					failed[$c/$tool]=1
					echo "  $c $size run $r $tool: $st after ${e}s; see $out/$tool.err" >&2
					head -n 3 "$out/$tool.err" | sed 's/^/    /' >&2
				fi
				printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$c" "$size" "$r" "$tool" "$st" \
					"$e" "$u" "$s" "$m" "$in_bytes" >>"$results"
			done
		done
	done
	unset failed case_in
done

echo
python3 "$here/worst_table.py" "$results"
exit 0
