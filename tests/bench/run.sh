#!/usr/bin/env bash
# The normdiff benchmark: generated pairs of drafts of about 100 KB, 1 MB
# and 10 MB, compared by normdiff and by four word-diff tools; wall time,
# peak memory, change records, and normdiff scored against the true edits.
#
#   tests/bench/run.sh [--sizes 100k,1m,10m] [--runs N] [--normdiff PATH]
#                      [--seed N] [--timeout SEC] [--dir DIR] [--light]
#
# Needs GNU time, git, wdiff, dwdiff and python3 (tests/bench/setup
# installs them). A measurement, not a test: it exits 0 whether or not
# normdiff meets its targets, 2 only when the benchmark itself cannot run.
#
# Each tool runs N times per size (default 3) under
# `/usr/bin/time -f '%e %M'`; the table shows the median wall time and the
# highest peak resident set size of the N runs. A run past --timeout
# seconds (default 600) is stopped, and the tool's later runs at that size
# are skipped.
#
# The commands, and how their change records are counted:
#
#   normdiff       normdiff diff --format=json OLD NEW
#                  every change whose kind is not "unchanged", plus the
#                  unchanged ones flagged "moved", less the modified ones
#                  flagged "xref_only" and not moved (score.py records)
#   git-word-diff  git diff --no-index --word-diff=porcelain OLD NEW
#   wdiff          wdiff -w ^A -x ^B -y ^C -z ^D OLD NEW
#   dwdiff         dwdiff -w ^A -x ^B -y ^C -z ^D OLD NEW
#   difflib        python3 difflib_words.py -w ^A -x ^B -y ^C -z ^D OLD NEW
#                  (one difflib.SequenceMatcher over the words of each file)
#                  for these four: change regions, a region being a maximal
#                  run of deleted and inserted words with no common word
#                  between them (count_regions.py: "-"/"+" lines of git's
#                  porcelain up to a " " line holding a word or a hunk
#                  header; marked segments of the others separated only by
#                  whitespace count once)
#
# Pairs and outputs are kept under build/bench/ (or $TMPDIR/normdiff-bench
# when there is no writable build/), the pairs reused while generate.py and
# the seed stay the same. The results are in DIR/results.tsv and
# DIR/out/SIZE/.
#
# --light: light-edit mode. The pairs are made with generate.py --light
# (every provision of the new version also lightly edited, which is not a
# true edit) and kept apart from the others: DIR/pairs/SIZE-seedN-light/,
# DIR/out/SIZE-light/, DIR/results-light.tsv, DIR/score-SIZE-light.json.
# normdiff's modified records on kept provisions are then expected, and
# the structural noise (score.py) is what is measured.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

sizes=100k,1m,10m
runs=3
normdiff=$root/build/src/cli/normdiff
seed=1
tmo=600
dir=
light=

usage() {
	sed -n '6,7p' "$0" | sed 's/^# *//' >&2
	exit 2
}

bench_option() {
	case $1 in
	--light) light=1; bench_shift=1 ;;
	*) return 1 ;;
	esac
}

. "$here/lib.sh"
bench_parse run.sh "$@"

# What is there to run
if [ ! -x /usr/bin/time ] || ! /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
	echo "run.sh: GNU time (/usr/bin/time) is needed; install it with: bash tests/bench/setup" >&2
	exit 2
fi
command -v python3 >/dev/null || { echo "run.sh: python3 is needed: bash tests/bench/setup" >&2; exit 2; }
command -v timeout >/dev/null || { echo "run.sh: timeout (coreutils) is needed" >&2; exit 2; }

declare -A missing=()
if [ ! -x "$normdiff" ]; then
	missing[normdiff]="missing (no $normdiff; build it or pass --normdiff PATH)"
else
	probe=$("$normdiff" diff 2>&1 >/dev/null)
	case $probe in
	*"unknown command"*) missing[normdiff]="missing (this build has no 'diff' command)" ;;
	esac
fi
for t in git wdiff dwdiff; do
	command -v "$t" >/dev/null || missing[$t]="missing ($t not installed: bash tests/bench/setup)"
done
[ -n "${missing[git]:-}" ] && missing[git-word-diff]=${missing[git]}

# Markers for the wdiff-style tools: control characters no draft contains.
A=$'\x01' B=$'\x02' C=$'\x03' D=$'\x04'

tool_cmd() { # TOOL OLD NEW: the command line, in the array cmd
	case $1 in
	normdiff) cmd=("$normdiff" diff --format=json "$2" "$3") ;;
	git-word-diff) cmd=(git diff --no-index --no-color --no-ext-diff --word-diff=porcelain "$2" "$3") ;;
	wdiff) cmd=(wdiff -w "$A" -x "$B" -y "$C" -z "$D" "$2" "$3") ;;
	dwdiff) cmd=(dwdiff -w "$A" -x "$B" -y "$C" -z "$D" "$2" "$3") ;;
	difflib) cmd=(python3 "$here/difflib_words.py" -w "$A" -x "$B" -y "$C" -z "$D" "$2" "$3") ;;
	esac
}

count_records() { # TOOL OUTPUT
	case $1 in
	normdiff) python3 "$here/score.py" records "$2" ;;
	git-word-diff) python3 "$here/count_regions.py" git "$2" ;;
	*) python3 "$here/count_regions.py" wdiff "$2" ;;
	esac
}

median() { sort -n | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }

gen_stamp=$(sha256sum <"$here/generate.py" | cut -c1-16)
# light-edit mode keeps its pairs, outputs and results apart
sfx= gen_light=() table_light=()
if [ -n "$light" ]; then
	sfx=-light gen_light=(--light) table_light=(--light)
fi
results=$dir/results$sfx.tsv
: >"$results"
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null LC_ALL=C.UTF-8

echo "normdiff benchmark${light:+ (light-edit mode)}: sizes $sizes, $runs run(s) each, seed $seed, timeout ${tmo}s, in $dir"
[ -n "${missing[normdiff]:-}" ] && echo "normdiff: ${missing[normdiff]}; measuring the other tools only"
for t in git-word-diff wdiff dwdiff; do
	[ -n "${missing[$t]:-}" ] && echo "$t: ${missing[$t]}"
done

IFS=, read -r -a size_list <<<"$sizes"
for size in "${size_list[@]}"; do
	pair=$dir/pairs/$size-seed$seed$sfx
	stamp="$gen_stamp $size $seed${light:+ light}"
	if [ ! -f "$pair/truth.json" ] || [ "$(cat "$pair/stamp" 2>/dev/null)" != "$stamp" ]; then
		rm -rf "$pair"
		start=$(date +%s%N)
		if ! python3 "$here/generate.py" --size "$size" --seed "$seed" "${gen_light[@]}" --out "$pair" 2>"$dir/generate.log"; then
			cat "$dir/generate.log" >&2
			echo "run.sh: generating the $size pair failed" >&2
			exit 2
		fi
		end=$(date +%s%N)
		echo "$size: generated in $(awk -v ns=$((end - start)) 'BEGIN {printf "%.1f", ns / 1e9}') s"
		if ! python3 "$here/check_truth.py" "$pair" >"$dir/check.log"; then
			cat "$dir/check.log" >&2
			echo "run.sh: the $size pair does not agree with its truth" >&2
			exit 2
		fi
		echo "$stamp" >"$pair/stamp"
	fi
	old=$pair/old.txt new=$pair/new.txt
	in_bytes=$(($(stat -c %s "$old") + $(stat -c %s "$new")))
	true_edits=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["counts"]["total"])' "$pair/truth.json")
	echo "$size: old $(stat -c %s "$old") bytes, new $(stat -c %s "$new") bytes, $true_edits true edits"
	out=$dir/out/$size$sfx
	mkdir -p "$out"

	for tool in normdiff git-word-diff wdiff dwdiff difflib; do
		if [ -n "${missing[$tool]:-}" ]; then
			printf '%s\t%s\t\t\t\t%s\t%s\t%s\n' "$tool" "$size" "missing" "$in_bytes" "$true_edits" >>"$results"
			continue
		fi
		tool_cmd "$tool" "$old" "$new"
		status=ok times=() peak=0
		for ((r = 1; r <= runs; r++)); do
			/usr/bin/time -f '%e %M' -o "$out/$tool.time" \
				timeout "$tmo" "${cmd[@]}" >"$out/$tool.out" 2>"$out/$tool.err"
			rc=$?
			if [ $rc -eq 124 ]; then
				status="timeout >${tmo}s"
				break
			fi
			if [ $rc -ge 2 ]; then
				status="error (exit $rc)"
				break
			fi
			read -r e m < <(tail -n 1 "$out/$tool.time")
			times+=("$e")
			[ "$m" -gt "$peak" ] && peak=$m
		done
		if [ "$status" = ok ]; then
			med=$(printf '%s\n' "${times[@]}" | median)
			records=$(count_records "$tool" "$out/$tool.out") || { status="unreadable output"; records=; }
		else
			med='' records=''
			echo "  $tool: $status; see $out/$tool.err" >&2
			head -n 3 "$out/$tool.err" | sed 's/^/    /' >&2
		fi
		if [ "$status" = ok ]; then
			printf '  %-14s %ss, peak %s MB, %s records\n' "$tool" "$med" "$((peak / 1024))" "$records"
		else
			printf '  %-14s %s\n' "$tool" "$status"
		fi
		printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$size" "$med" "$peak" "$records" "$status" "$in_bytes" "$true_edits" >>"$results"
		[ "$tool" = normdiff ] && rm -f "$dir/score-$size$sfx.json"
		if [ "$tool" = normdiff ] && [ "$status" = ok ]; then
			python3 "$here/score.py" score "$out/normdiff.out" "$pair/truth.json" \
				--json "$dir/score-$size$sfx.json" | sed 's/^/    /' ||
				echo "    normdiff's report could not be scored" >&2
		fi
	done
done

echo
python3 "$here/score.py" table "$results" --scores "$dir" "${table_light[@]}"
[ -n "${missing[normdiff]:-}" ] && echo && echo "normdiff: ${missing[normdiff]}"
exit 0
