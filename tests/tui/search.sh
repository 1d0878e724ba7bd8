#!/usr/bin/env bash
# The search finds what it found before its trigram index: a literal the
# index rules out says at once that nothing matches; one whose trigrams
# are all in the texts but in no single provision is still looked for
# and not found; and a caseless ASCII literal still finds the Kelvin sign
# and the long s that it matches (KIſS for "kiss").
#
#   search.sh NORMDIFF
set -u
bin=$(realpath "$1")
work=$(mktemp -d) || exit 2
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
status=0
fail() { echo "FAIL: $*"; status=1; }

printf 'Code of conduct\n\n(a) To keep the peace;\n\n(b) To hold the line.\n' >old.txt
printf 'Code of conduct\n\n(a) To keep the \342\204\252I\305\277S peace;\n\n(b) To hold the line.\n' >new.txt

screen() { NO_COLOR=1 "$bin" tui old.txt new.txt --dump 100x12 --keys "$1"; }
has() { # KEYS TEXT WHAT
	screen "$1" | grep -qF -- "$2" || { fail "$3: no '$2' on the screen"; screen "$1" | sed 's/^/    | /'; }
}

kiss=$'\342\204\252I\305\277S' # KIſS with the Kelvin sign
has '/kiss<Enter>' "To keep the {+$kiss +}peace;" "a caseless kiss finds the Kelvin sign and the long s"
has '/kiss<Enter>' ' 2/3' "the search selects the provision with KIſS"
has "/$kiss<Enter>" ' 2/3' "a literal with non-ASCII letters is looked for"
has '/zzqq<Enter>' 'no provision matches /zzqq/' "a trigram in neither text"
has '/hold the peace<Enter>' 'no provision matches /hold the peace/' \
	"every trigram in the texts, the words in no provision"
has 'f/zzqq<Enter>' 'no provision the filter lists matches /zzqq/' "a miss under a filter"
has '/the line<Enter>' ' 3/3' "a literal found"
has '/zzqq<Enter>/line<Enter>' ' 3/3' "a search after a miss"
has '/zzqq<Enter>n' 'no provision matches /zzqq/' "n after a miss"
exit $status
