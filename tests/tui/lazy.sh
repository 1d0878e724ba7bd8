#!/usr/bin/env bash
# The text pane on a long provision draws what it drew when the whole
# provision was laid out at once: the screens after opening it, paging,
# jumping to either end, searching inside it, moving from edit to edit,
# in both layouts, with and without colour, on a narrow screen and
# through a resize, compared with tests/tui/lazy.out (made before the
# layout became lazy).
#
#   lazy.sh NORMDIFF SRCDIR [--update]
set -u
bin=$(realpath "$1")
src=$(cd "$2" && pwd)
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
python3 "$src/tests/tui/lazy_pair.py" "$work" || exit 2
cd "$work" || exit 2

# run TITLE ARGS...: a case's screens, under its title
run() {
	local title=$1
	shift
	printf '=== %s\n' "$title"
	"$bin" tui old.txt new.txt "$@" 2>&1
	printf '[exit %d]\n' $?
}
cases() {
	run 'page down, end, page up, home' --dump 100x30 --color=always --styles \
		--keys 'jj<Enter><Dump><PgDn><Dump><PgDn><PgDn><PgDn><Dump><End><Dump><PgUp><Dump><Home><Dump>'
	run 'line by line, the wheel' --dump 100x30 --color=always --styles \
		--keys 'jj<Tab>jjj<Dump><WheelDown 70 12><WheelDown 70 12><Dump>G<Dump>kk<Dump>'
	run 'search inside' --dump 100x30 --color=always --styles \
		--keys '/ITS<Enter><Dump>n<Dump>/日本語<Enter><Dump>/e.te.<Enter><Dump><End><Dump>'
	run 'a search through every line' --dump 100x30 --color=always --styles \
		--keys 'jj<Enter>/ <Enter><Dump><PgDn><Dump>'
	run 'word edits' --dump 100x30 --color=always --styles \
		--keys 'jj<Enter>]<Dump>]]]]]]]]]]<Dump>[<Dump><End>[[<Dump>s<Dump>'
	run 'redline' --dump 100x30 --color=always --styles \
		--keys 'jj<Enter>s<Dump><PgDn><PgDn><Dump><End><Dump>'
	NO_COLOR=1 run 'markers, no colour' --dump 100x30 \
		--keys 'jj<Enter><PgDn><Dump><End><Dump>s<PgDn><Dump><End><Dump>'
	NO_COLOR=1 run 'narrow, then a resize' --dump 60x20 \
		--keys 'jj<Tab><PgDn><Dump><Resize 80x24><Dump><End><Dump><Resize 44x12><Dump><Home><Dump>'
}

if [ "${3:-}" = --update ]; then
	cases >"$src/tests/tui/lazy.out"
	exit 0
fi
cases >screens.out
if ! cmp -s screens.out "$src/tests/tui/lazy.out"; then
	echo "FAIL: the screens differ from tests/tui/lazy.out:"
	diff -u "$src/tests/tui/lazy.out" screens.out | head -80
	exit 1
fi
