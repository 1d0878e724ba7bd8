# Exit status as diff(1), --fail-on, --quiet, -o, colour.
old="$DRAFTS/2011-A-66-359.txt" new="$DRAFTS/2015-A-69-723.txt"
run normdiff diff "$old" "$old"
run normdiff diff --quiet "$old" "$new"
run normdiff diff --quiet --fail-on=removed "$old" "$new"
run normdiff diff --quiet --fail-on=removed,split "$old" "$new"
run normdiff diff --quiet --fail-on=renumbered "$old" "$new"
run normdiff diff -q --fail-on=bogus "$old" "$new"
run normdiff diff -o report.json --format=json "$old" "$new"
head -c 60 report.json; echo
printf 'Title\n\n(a) States shall cooperate, in good faith.\n' >a.txt
printf 'Title\n\n(1) states shall cooperate in good faith;\n' >b.txt
run normdiff diff a.txt b.txt
run normdiff diff --ignore-case a.txt b.txt
run normdiff diff --ignore-case --ignore-punctuation a.txt b.txt
run normdiff diff --color=always a.txt b.txt
# colour is automatic on a terminal, and NO_COLOR turns it off
tty() { echo "$ ${NO_COLOR:+NO_COLOR=$NO_COLOR }$* (on a terminal)"; TERM=xterm script -qec "$*" /dev/null | tr -d '\r'; }
tty "$NORMDIFF_BIN" diff a.txt b.txt
NO_COLOR=1 tty "$NORMDIFF_BIN" diff a.txt b.txt
run normdiff diff --color=sometimes a.txt b.txt
run normdiff diff --threshold 2 a.txt b.txt
run normdiff diff --threshold nan a.txt b.txt
run normdiff diff --quiet --fail-on= a.txt b.txt
run normdiff diff --quiet --fail-on=, a.txt b.txt
run normdiff diff - b.txt <a.txt
# an edit of spaces alone is shown as ␣, not as nothing
printf 'T\n\n(a) The State , and the Party;\n' >s1.txt
printf 'T\n\n(a) The State, and the Party;\n' >s2.txt
run normdiff diff --changed-only s1.txt s2.txt
run normdiff diff --changed-only --format=markdown s2.txt s1.txt
# a cross-reference that follows the renumbering is flagged as such
printf 'T\n\n1. Each State shall designate an authority.\n\n2. The register under paragraph 1 is public.\n' >x1.txt
printf 'T\n\n1. This Convention applies to incidents.\n\n2. Each State shall designate an authority.\n\n3. The register under paragraph 2 is public.\n' >x2.txt
run normdiff diff x1.txt x2.txt
run normdiff diff --changed-only --fail-on=modified x1.txt x2.txt
# the same versions: one line, exit 0, unless a format is asked for
run normdiff diff "$DRAFTS/2015-A-69-723.txt" "$DRAFTS/2015-A-69-723.txt"
run normdiff diff "$DRAFTS/2015-A-69-723.txt" "$DRAFTS/2015-A-69-723.txt" --format=json --stat
