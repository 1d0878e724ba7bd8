#!/usr/bin/env bash
# The synopsis page in a real browser: headless Chromium loads it from
# disk and dumps the DOM it built. Checked: the spans of a split and a
# merge, draft text from a hostile series kept as text, and, on a copy of
# a twelve-version page with a probe script added (the page itself has
# none, and its policy would block one), that the table scrolls sideways
# rather than squeezing its columns and that the version headers stay at
# the top of the window when the page is scrolled down.
#
#   synopsis.sh NORMDIFF SRCDIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
browser=$(command -v chromium || command -v chromium-browser) || {
	echo "FAIL: chromium is not installed; the synopsis page cannot be" \
	     "checked in a browser (install it: apt-get install chromium)"
	exit 1
}
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-browser-syn.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
failed=0

dump() { # PAGE: the DOM after load in PAGE.dom
	timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$work/profile-$1" \
		--window-size=1400,900 \
		--dump-dom "file://$work/$1" >"$work/$1.dom" 2>"$work/$1.log"
	local status=$?
	if [ "$status" -ne 0 ] || [ ! -s "$work/$1.dom" ]; then
		echo "FAIL: chromium could not load $1 (exit $status)"
		cat "$work/$1.log"
		exit 1
	fi
}
has() { # PAGE TEXT WHY
	grep -qF -- "$2" "$work/$1.dom" || { echo "FAIL: $1: $3: not in the DOM: $2"; failed=1; }
}
lacks() { # PAGE TEXT WHY
	! grep -qF -- "$2" "$work/$1.dom" || { echo "FAIL: $1: $3: in the DOM: $2"; failed=1; }
}

S=$src/tests/data/series
"$bin" synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" -o "$work/series.html" ||
	{ echo "FAIL: normdiff synopsis failed"; exit 1; }
dump series.html
[ "$(grep -o 'rowspan="2"' "$work/series.html.dom" | wc -l)" -eq 2 ] ||
	{ echo "FAIL: series.html: not two cells spanning two rows"; failed=1; }
has series.html '<th scope="col">v3<span class="vn">' "the version headers"

# a hostile series
printf 'Code\n\n(a) To comply with the Charter.\n' >"$work/a.txt"
printf '%s\n' 'Code' '' \
	"(a) To comply with the Charter <script>document.documentElement.setAttribute('data-pwned','script')</script>" \
	"</td></tr></table><img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">" \
	"<a href=\"javascript:alert(2)\">link</a> $(printf '\xe2\x80\xae') txet." >"$work/b.txt"
"$bin" synopsis "$work/a.txt" "$work/b.txt" -o "$work/hostile.html" ||
	{ echo "FAIL: normdiff synopsis failed"; exit 1; }
dump hostile.html
has hostile.html '&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;img src=x onerror=' "the markup as text"
has hostile.html '&lt;U+202E&gt;' "the bidi override shown"
lacks hostile.html 'data-pwned="' "a script of the draft ran"
lacks hostile.html '<img' "an element from the draft"
lacks hostile.html '<script' "a script element"
[ "$(grep -o '<table' "$work/hostile.html.dom" | wc -l)" -eq 1 ] ||
	{ echo "FAIL: hostile.html: a table other than the page's own"; failed=1; }

# twelve versions: a table wider than the window, headers that stick
mkdir "$work/many"
for k in $(seq 1 12); do
	printf 'Rules\n\n1. Each State shall notify the others of works, version %s.\n\n2. %s\n' \
		"$k" "$(for j in $(seq 1 60); do printf 'Line %s of a long provision. ' "$j"; done)" \
		>"$work/many/v$k.txt"
done
"$bin" synopsis $(for k in $(seq 1 12); do printf '%s ' "$work/many/v$k.txt"; done) \
	-o "$work/many.html" || { echo "FAIL: normdiff synopsis failed"; exit 1; }
probe="<script>(function(){var d=document.documentElement,th=document.querySelector('thead th');
window.scrollTo(0,600);
var top=Math.round(th.getBoundingClientRect().top),w=Math.round(th.getBoundingClientRect().width);
d.setAttribute('data-probe','top='+top+' wide='+(document.scrollingElement.scrollWidth>window.innerWidth)+' colwide='+(w>=240)+' scrolled='+(window.scrollY>0));})();</script>"
sed -e '/Content-Security-Policy/d' -e "s#</body>#$(printf '%s' "$probe" | tr '\n' ' ' | sed 's/[&#]/\\&/g')</body>#" \
	"$work/many.html" >"$work/probe.html"
dump probe.html
has probe.html 'data-probe="top=0 wide=true colwide=true scrolled=true"' \
	"headers at the top after scrolling down, a table wider than the window, columns kept wide"

[ "$failed" -eq 0 ] && echo "ok: the synopsis page loads in chromium as expected"
exit "$failed"
