# Names are data too: a file name, a spec, a label, a store's path or a
# line of a grammar file may hold an escape sequence (ESC ] 0 ; ... BEL
# retitles a terminal), a newline, bytes that are not UTF-8, a bidi
# override or a line separator. Whatever normdiff writes about them, on
# standard output or standard error, directly or through git, shows them
# in the reports' notation (^[, <0xE9>, <U+202E>) and keeps an error to
# one line.
#
# The names are in variables, so this transcript holds them only as
# normdiff writes them; after each command, `try` says whether what it
# wrote holds a raw control character (anything below 0x20 but the line
# end, DEL, a C1 control, a bidi control, U+2028 or U+2029) or bytes that
# are not UTF-8, and how many lines standard error has.
normdiff() { "$NORMDIFF_BIN" "$@"; }
export -f normdiff
export ESC=$(printf 'title\033]0;pwned\007.txt')
export NL=$(printf 'two\nlines.txt')
export BAD=$(printf 'latin\351.txt')
export RLO=$(printf 'cod\342\200\256txt.exe')
export LS=$(printf 'line\342\200\250sep\342\200\251.txt')
export MD='[x](javascript:alert(1)) <img src=x onerror=alert(1)> *a* _b_ `c` #d.txt'
export TMPDIR=$PWD/tmp
mkdir tmp

verdict() {
	local what=clean
	if LC_ALL=C grep -q -P '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]' "$1"; then
		what='RAW CONTROL'
	fi
	iconv -f UTF-8 -t UTF-8 "$1" >try.iconv 2>&1 || what="$what, NOT UTF-8"
	printf '%s' "$what"
}
try() {
	printf '$ %s\n' "$1"
	bash -c "$1" >try.out 2>try.err
	local status=$?
	cat try.out
	sed 's/^/stderr: /' try.err
	printf '[exit %d] [stdout %s] [stderr %s, lines: %d]\n' "$status" \
		"$(verdict try.out)" "$(verdict try.err)" "$(wc -l <try.err)"
}

printf 'Code\n\n(a) To keep the peace;\n' >old.txt
printf 'Code\n\n(a) To keep the peace now;\n' >new.txt
for n in ESC NL BAD RLO LS MD; do cp new.txt "${!n}"; done

# the header of each report
for n in ESC NL BAD RLO LS; do
	try 'normdiff diff --stat old.txt "$'$n'"'
done
for n in ESC NL BAD RLO LS MD; do
	try 'normdiff diff --stat --format=markdown old.txt "$'$n'" | head -n 1'
done
for n in ESC BAD LS; do
	try 'normdiff diff --stat --format=html old.txt "$'$n'" | grep -e "<title>" -e "Read from"'
done
try 'normdiff tui old.txt "$RLO" --dump 60x10'
try 'normdiff tui "$BAD" "$LS" --dump 60x10'

# errors: one line, whatever the name
try 'normdiff diff old.txt "$ESC/missing"'
try 'normdiff diff old.txt "$NL.missing"'
try 'normdiff outline "$BAD.missing"'
try 'normdiff outline "REV:$RLO"'
mkdir "$LS.d"
try 'normdiff outline "$LS.d"'
try 'normdiff "$ESC"'
try 'normdiff diff "--$NL"'
try 'normdiff diff --format="$ESC" old.txt new.txt'
try 'normdiff add old.txt --label "$ESC"'
printf 'Label: 1\n%s: x\n' "$ESC" >"$NL.meta"
try 'normdiff add old.txt --meta "$NL.meta"'
printf 'family x %s item ^x\n' "$ESC" >"$NL.grammar"
try 'normdiff --grammar "$NL.grammar" outline old.txt'
try 'normdiff --grammar "$ESC.grammar" outline old.txt'

# a store at a path with an escape sequence in it
try 'normdiff --store "$ESC.store" init'
try 'normdiff --store "$ESC.store" log'
try 'normdiff --store "$ESC.store" add old.txt --label 1 --date 2011-09-14 --title "$RLO $LS"'
try 'normdiff --store "$ESC.store" log'
try 'normdiff --store "$ESC.store" show 1'
try 'normdiff --store "$ESC.store" diff --stat 1 "$ESC"'
try 'normdiff --store "$ESC.store" diff --stat nope new.txt'

# through git: the names git hands over as arguments
commit() { git -c user.name=t -c user.email=t@example.org commit -q "$@"; }
git init -q -b main repo
cd repo
for n in ESC NL BAD RLO LS MD; do cp ../old.txt "${!n}"; done
git add -A && commit -m old
for n in ESC NL BAD RLO LS MD; do cp ../new.txt "${!n}"; done
commit -am new
try 'GIT_EXTERNAL_DIFF="$NORMDIFF_BIN diff --stat" git diff HEAD~1 HEAD'
try 'normdiff diff --stat HEAD~1 HEAD -- "$ESC"'
try 'normdiff diff --stat HEAD~1 HEAD -- "$NL.missing"'
try 'normdiff diff HEAD~1:"$BAD" HEAD:"$RLO.missing"'
try 'GIT_DIFF_PATH_TOTAL=1 normdiff diff "$ESC"'
# the bytes of one of them, to be sure of what a terminal is sent
try 'normdiff outline "$ESC.missing" 2>&1 | cut -c1-36 | od -An -c -w18'
