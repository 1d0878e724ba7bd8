#!/usr/bin/env bash
# `meson install --destdir` into a temporary directory installs exactly
# the program, the man page, the JSON schemas, the shell completions (bash
# and zsh, where each shell looks for them) and every docs/*.md.
#
#   install.sh SRCDIR BUILDDIR
set -u
src=$(realpath "$1") build=$(realpath "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-install.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
opt() { # the value of meson option $1 in the build
	meson introspect --buildoptions "$build" | python3 -c '
import json, sys
print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == sys.argv[1]))' "$1"
}
prefix=$(opt prefix) datadir=$(opt datadir) bindir=$(opt bindir) mandir=$(opt mandir)
meson install -C "$build" --destdir "$work/dest" --no-rebuild --quiet >"$work/log" 2>&1 ||
	{ echo "FAIL: meson install failed:"; cat "$work/log"; exit 1; }
root=$work/dest$prefix
# options may be absolute or relative to the prefix
under() { case $1 in /*) echo "$work/dest$1" ;; *) echo "$root/$1" ;; esac; }
bin=$(under "$bindir") share=$(under "$datadir") man=$(under "$mandir")
want=(
	"$bin/normdiff"
	"$man/man1/normdiff.1"
	"$share/normdiff/report.schema.json"
	"$share/normdiff/history.schema.json"
	"$share/normdiff/synopsis.schema.json"
	"$share/bash-completion/completions/normdiff"
	"$share/zsh/site-functions/_normdiff"
)
for md in "$src"/docs/*.md; do
	want+=("$share/doc/normdiff/$(basename "$md")")
done
for f in "${want[@]}"; do
	[ -f "$f" ] || fail "not installed: ${f#"$work/dest"}"
done
# and nothing else but the pictures the docs show
find "$work/dest" -type f | sort >"$work/got"
printf '%s\n' "${want[@]}" | sort >"$work/want"
comm -23 "$work/got" "$work/want" | grep -v '/doc/normdiff/[^/]*\.png$' | while read -r f; do
	echo "FAIL: installed, not expected: ${f#"$work/dest"}"
done | tee "$work/extra"
[ -s "$work/extra" ] && failures=$((failures + 1))
cmp -s "$src/completions/normdiff.bash" "$share/bash-completion/completions/normdiff" ||
	fail "the installed bash completion is not completions/normdiff.bash"
"$bin/normdiff" --version >/dev/null || fail "the installed normdiff does not run"

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "install: ${#want[@]} files where they belong"
