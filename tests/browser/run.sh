#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium loads the page from
# disk, runs its script under its Content Security Policy, and dumps the
# DOM it built; grep checks that the expected provisions are there and
# that nothing from a hostile draft became an element.
#
#   run.sh NORMDIFF SRCDIR     (ND_KEEP=1 keeps the pages and DOMs it made)
#
# Chromium is required, not optional: .ci/install-deps installs it, so a
# missing browser is a failure, not a skip.
set -u
bin=$(realpath "$1") src=$(realpath "$2")
browser=$(command -v chromium || command -v chromium-browser) || {
	echo "FAIL: chromium is not installed; the HTML report cannot be checked" \
	     "in a browser (install it: apt-get install chromium, or bash .ci/install-deps)"
	exit 1
}
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-browser.XXXXXX") || exit 2
trap '[ -n "${ND_KEEP:-}" ] || rm -rf "$work"' EXIT
failed=0

# dump PAGE [FLAG...]: the DOM after load, in PAGE.dom; the browser's
# messages in PAGE.log
dump() {
	local page=$1
	shift
	timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update \
		--disable-sync --user-data-dir="$work/profile-$page" "$@" \
		--dump-dom "file://$work/$page" >"$work/$page.dom" 2>"$work/$page.log"
	local status=$?
	if [ "$status" -ne 0 ] || [ ! -s "$work/$page.dom" ]; then
		echo "FAIL: chromium could not load $page (exit $status)"
		cat "$work/$page.log"
		exit 1
	fi
}

has() { # PAGE TEXT WHY
	if ! grep -qF -- "$2" "$work/$1.dom"; then
		echo "FAIL: $1: $3: not in the DOM: $2"
		failed=1
	fi
}

lacks() { # PAGE TEXT WHY
	if grep -qF -- "$2" "$work/$1.dom"; then
		echo "FAIL: $1: $3: in the DOM: $2"
		failed=1
	fi
}

# the bundled pair
"$bin" diff "$src/drafts/2011-A-66-359.txt" "$src/drafts/2015-A-69-723.txt" \
	--format=html -o "$work/bundled.html"
[ $? -eq 1 ] || { echo "FAIL: normdiff diff did not report changes"; exit 1; }
dump bundled.html
has bundled.html '<tr><th scope="row">modified</th><td>15</td></tr>' "the summary counts"
has bundled.html '<tr><th scope="row">split</th><td>1</td></tr>' "the summary counts"
has bundled.html '<h4>(b) → (2) + (3) <span class="k">split</span></h4>' "the split of (b)"
has bundled.html '<h1>2011-A-66-359.txt → 2015-A-69-723.txt</h1>' "plain files named by their base names"
has bundled.html '<span class="pl">(3)</span> <ins><span class="sr">inserted: </span>Not to use' "the second part of the split"
has bundled.html 'For respect of the rights or reputations of others;' "an added provision"
has bundled.html 'Moved from after <a href="#c5">PP3</a>' "where a moved provision was"
has bundled.html '<div class="tools" id="tools">' "the script ran (it shows the view buttons)"

# stepping from change to change: a copy of the page with a driver script
# after the page's own (the policy runs inline scripts) presses the keys and
# the buttons, a frame apart as a reader would (blocks off screen are laid
# out when scrolled to), and writes down which change each step marked and
# whether the page scrolled; the browser's virtual time runs the timers
# before the DOM is dumped
sed 's|</body>|<script>\
(function(){var r=[],todo=[];\
function cur(){var c=document.querySelector("section.chg.cur");return c?c.id:"none";}\
function key(k,ctrl,quiet){document.body.dispatchEvent(new KeyboardEvent("keydown",{key:k,ctrlKey:!!ctrl,bubbles:true,cancelable:true}));if(!quiet)r.push(k+(ctrl?"+ctrl":"")+"="+cur());}\
function click(id){document.getElementById(id).click();r.push(id+"="+cur());}\
todo.push(function(){r.push("start="+cur());key("j");r.push("scrolled="+(window.scrollY>0));});\
todo.push(function(){key("j");},function(){key("k");},function(){key("n");},function(){key("p");},\
function(){key("j",1);},function(){click("v-next");},function(){click("v-prev");});\
for(var i=0;i<40;i++)todo.push(function(){key("j",0,1);});\
todo.push(function(){r.push("end="+cur());key("k");},function(){key("k");});\
function next(){if(!todo.length){document.documentElement.setAttribute("data-steps",r.join(" "));return;}\
todo.shift()();setTimeout(next,20);}\
setTimeout(next,20);})();\
</script>\
</body>|' "$work/bundled.html" >"$work/steps.html"
dump steps.html --virtual-time-budget=20000
has steps.html '<div class="step" id="step">' "the script shows the step buttons"
has steps.html 'data-steps="start=none j=c4 scrolled=true j=c5 k=c4 n=c5 p=c4 j+ctrl=c4 v-next=c5 v-prev=c4 end=c32 k=c31 k=c29"' \
	"j/n and k/p and the buttons step through the changes, to the last and back (c30 is folded, not a change)"

# the side column: on a screen 1200 px wide or more the summary stands
# beside the provisions and stays at the top when the page is scrolled;
# narrower, it is above them and scrolls away
sed 's|</body>|<script>\
setTimeout(function(){window.scrollTo(0,3000);setTimeout(function(){\
var s=document.getElementById("summary").getBoundingClientRect(),p=document.getElementById("provisions").getBoundingClientRect();\
document.documentElement.setAttribute("data-side",(window.scrollY>0)+" top="+Math.round(s.top)+" beside="+(p.left>=s.right));},50);},50);\
</script>\
</body>|' "$work/bundled.html" >"$work/wide.html"
cp "$work/wide.html" "$work/narrow.html"
dump wide.html --virtual-time-budget=5000 --window-size=1400,900
dump narrow.html --virtual-time-budget=5000 --window-size=1000,900
has wide.html 'data-side="true top=0 beside=true"' "the summary stays in view beside the provisions at 1400 px"
lacks narrow.html 'top=0' "the summary scrolls away above the provisions at 1000 px"
has narrow.html 'beside=false"' "the summary is above the provisions at 1000 px"

# long headings and paths wrap in their column instead of running past it
# (into the next column of the change list, or off the page)
long='Section 1. General provisions concerning the responsibilities of States in the information space and security_and_resilience_of_critical_information_infrastructure_everywhere_and_always'
printf 'Code\n\n%s\n\n1. Each State shall comply.\n\n2. To comply with the Charter.\n' "$long" >"$work/long-old.txt"
printf 'Code\n\n%s\n\n1. Each State shall comply fully.\n\n2. To comply with the Charter now.\n' "$long" >"$work/long-new.txt"
"$bin" diff "$work/long-old.txt" "$work/long-new.txt" --format=html -o "$work/long.html"
[ $? -eq 1 ] || { echo "FAIL: normdiff diff did not report changes"; exit 1; }
sed 's|</body>|<script>\
var bad=[],e=document.querySelectorAll("h1,h3,h4,.toc li");\
for(var i=0;i<e.length;i++){var r=e[i].getBoundingClientRect(),c=e[i].parentElement.getBoundingClientRect();\
if(e[i].scrollWidth>e[i].clientWidth+1\|\|r.right>c.right+1)bad.push(e[i].tagName);}\
document.documentElement.setAttribute("data-overflow",bad.length?bad.join(","):"none");\
</script>\
</body>|' "$work/long.html" >"$work/long-wide.html"
cp "$work/long-wide.html" "$work/long-narrow.html"
dump long-wide.html --window-size=1400,900
dump long-narrow.html --window-size=700,900
has long-wide.html 'data-overflow="none"' "long headings wrap at 1400 px"
has long-narrow.html 'data-overflow="none"' "long headings wrap at 700 px"

# a hostile pair: markup, handlers, javascript: links, controls, bidi
printf 'Code\n\n(a) To comply with the Charter.\n' >"$work/old.txt"
printf '%s\n' 'Code' '' \
	"(a) To comply with the Charter <script>document.documentElement.setAttribute('data-pwned','script')</script>" \
	"</textarea><img src=x onerror=\"document.documentElement.setAttribute('data-pwned','img')\">" \
	"\" onmouseover=\"alert(1)\" <a href=\"javascript:alert(2)\">link</a> $(printf '\xe2\x80\xae') txet." \
	>"$work/new.txt"
"$bin" diff "$work/old.txt" "$work/new.txt" --format=html -o "$work/hostile.html"
[ $? -eq 1 ] || { echo "FAIL: normdiff diff did not report changes"; exit 1; }
dump hostile.html
has hostile.html "&lt;script&gt;document.documentElement.setAttribute('data-pwned','script')&lt;/script&gt;" "the script as text"
has hostile.html '&lt;/textarea&gt;&lt;img src=x onerror=' "the image as text"
has hostile.html '&lt;U+202E&gt;' "the bidi override shown"
lacks hostile.html 'data-pwned="' "a script of the draft ran"
lacks hostile.html '<img' "an element from the draft"
lacks hostile.html '<a href="javascript' "a link from the draft"
[ "$(grep -o '<script' "$work/hostile.html.dom" | wc -l)" -eq 1 ] || {
	echo "FAIL: hostile.html: more than the page's own script element"
	failed=1
}

[ "$failed" -eq 0 ] && echo "ok: the HTML report loads in chromium with the expected text"
exit "$failed"
