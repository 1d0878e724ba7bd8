#!/usr/bin/env bash
# Opening a huge provision and scrolling to its end keeps no cell per
# character and no record per line (two blocks of cells, a chunk of lines):
# on worst.py's huge pair of 4 MB a side (one
# paragraph of 2 MB a side) the peak RSS of `jj<Enter><End>` may exceed
# that of the first screen by less than the input's size. A cell and an
# offset per character laid out the whole paragraph: +36 MB.
#
#   memory.sh NORMDIFF SRCDIR
set -u
bin=$(realpath "$1")
src=$(cd "$2" && pwd)
[ -x /usr/bin/time ] || { echo "SKIP: needs GNU time (/usr/bin/time)"; exit 77; }
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
python3 "$src/tests/bench/worst.py" --case huge --size 4m --seed 1 \
	--out "$work" >/dev/null || exit 2

# rss KEYS: the peak RSS (KB) of a dump after KEYS
rss() {
	/usr/bin/time -f '%M' -o "$work/time" "$bin" tui "$work/old.txt" \
		"$work/new.txt" --dump 120x40 --keys "$1" >/dev/null || exit 2
	tail -1 "$work/time"
}
first=$(rss q)
opened=$(rss 'jj<Enter><End>')
input=$(( ($(stat -c %s "$work/old.txt") + $(stat -c %s "$work/new.txt")) / 1024 ))
echo "first screen $first KB, opened and at its end $opened KB, input $input KB"
if [ $((opened - first)) -ge "$input" ]; then
	echo "FAIL: opening the huge provision adds $((opened - first)) KB"
	exit 1
fi
