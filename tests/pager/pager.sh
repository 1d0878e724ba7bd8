#!/usr/bin/env bash
# The pager on a real terminal (tmux): a report longer than the screen goes
# through $NORMDIFF_PAGER, $PAGER or less -R with LESS=FRX, rendered at the
# terminal's width and in colour; --no-pager, -o, an empty NORMDIFF_PAGER,
# "cat" and a report that fits write it as it is; the exit status stays
# the command's, also when the pager quits before reading everything or
# cannot be run; diff as git's external diff never pages (git does). (That
# a pipe never gets a pager is the golden test
# pager-pipe.)
#
#   pager.sh NORMDIFF SRCDIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
name=pager
# shellcheck source=../lib/tmux.sh
source "$src/tests/lib/tmux.sh"
# wait until file $1 exists, at most 10 s
await_file() {
	local k
	for k in $(seq 100); do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	fail "waited for $1 ($2); the screen shows:"
	screen | sed 's/^/    | /'
	return 1
}

cd "$work" || exit 2
cp "$src/drafts/2011-A-66-359.txt" old.txt
cp "$src/drafts/2015-A-69-723.txt" new.txt
printf 'Short\n\n(a) One;\n' >short.txt
# a draft whose report is larger than a pipe holds, for the pager that
# quits at once
awk 'BEGIN { print "Long"; print ""; for (i = 1; i <= 3000; i++) printf "(%d) Provision number %d of the long text, with some words;\n\n", i, i }' >long1.txt
sed 's/some words/other words/' long1.txt >long2.txt
# the recording pager: what it read, the LESS it was given, and that it ran
cat >rec.sh <<'SH'
#!/bin/sh
cat >"$0.in"
printf '%s\n' "${LESS-unset}" >"$0.less"
SH
chmod +x rec.sh
cp rec.sh rec2.sh
printf '#!/bin/sh\nexit 0\n' >quit.sh
chmod +x quit.sh

# A shell in a 130x30 terminal (wider than the 100 columns of a pipe).
tm new-session -d -s nd -x 130 -y 30 -c "$work" "env -i PATH=$PATH HOME=$work TERM=screen LANG=C.UTF-8 PS1='$ ' bash --norc --noprofile"
n=0
# run ENV... -- ARGS: normdiff ARGS in the pane with ENV; its status is
# written to status.N when it ends; sets $st
run() {
	local envs=()
	n=$((n + 1))
	while [ "$1" != -- ]; do envs+=("$1"); shift; done
	shift
	rm -f rec.sh.in rec.sh.less rec2.sh.in
	tm send-keys -t nd "clear; env ${envs[*]} $bin $*; echo \$? >status.$n" Enter
	st=
	await_file "status.$n" "normdiff $*" && st=$(cat "status.$n")
}

# 1. $PAGER pages a long diff, with LESS=FRX, the terminal's width and
# colours; the status is diff's (1: changes)
run -u NORMDIFF_PAGER -u LESS PAGER=./rec.sh -- diff old.txt new.txt
[ "$st" = 1 ] || fail "diff through the pager: exit $st, not 1"
if [ -e rec.sh.in ]; then
	[ "$(cat rec.sh.less)" = FRX ] || fail "LESS was '$(cat rec.sh.less)', not FRX"
	grep -q $'\033\[' rec.sh.in || fail "the paged report has no colour"
	w=$(sed 's/\x1b\[[0-9;]*m//g' rec.sh.in | LC_ALL=C.UTF-8 wc -L)
	[ "$w" -gt 100 ] && [ "$w" -le 130 ] ||
		fail "the paged report is $w columns wide, not the terminal's 130"
	grep -q 'split' rec.sh.in || fail "the paged report is not the diff"
else
	fail "PAGER was not run for a long diff"
fi
# 2. LESS already set is left alone
run -u NORMDIFF_PAGER LESS=abc PAGER=./rec.sh -- diff old.txt new.txt
[ "$(cat rec.sh.less 2>/dev/null)" = abc ] || fail "a set LESS was changed"
# 3. NORMDIFF_PAGER before PAGER
run NORMDIFF_PAGER=./rec2.sh PAGER=./rec.sh -- history old.txt new.txt
[ -e rec2.sh.in ] && [ ! -e rec.sh.in ] || fail "NORMDIFF_PAGER is not preferred to PAGER"
[ "$st" = 0 ] || fail "history through the pager: exit $st"
# 4. --no-pager, before or after the command: the report on the screen
run PAGER=./rec.sh -- --no-pager diff old.txt new.txt
[ ! -e rec.sh.in ] || fail "--no-pager still ran the pager"
[ "$st" = 1 ] || fail "diff --no-pager: exit $st, not 1"
run PAGER=./rec.sh -- synopsis old.txt new.txt --no-pager
[ ! -e rec.sh.in ] || fail "synopsis ... --no-pager still ran the pager"
# 5. an empty NORMDIFF_PAGER, and cat, mean no pager
run NORMDIFF_PAGER= PAGER=./rec.sh -- diff old.txt new.txt
[ ! -e rec.sh.in ] || fail "an empty NORMDIFF_PAGER still paged"
run -u NORMDIFF_PAGER PAGER=cat -- outline new.txt
[ "$st" = 0 ] || fail "outline with PAGER=cat: exit $st"
# 6. -o: no pager
run PAGER=./rec.sh -- diff old.txt new.txt -o report.txt
[ ! -e rec.sh.in ] && [ -s report.txt ] || fail "-o still ran the pager"
# 7. a report that fits on the screen is not paged
run PAGER=./rec.sh -- outline short.txt
[ ! -e rec.sh.in ] || fail "a report that fits was paged"
# 8. a pager that quits before reading a large report: no SIGPIPE, no
# error, the status diff's
run PAGER=./quit.sh -- diff long1.txt long2.txt 2\>quit.err
[ "$st" = 1 ] || fail "a pager that quits early made diff exit $st, not 1"
[ ! -s quit.err ] || fail "a pager that quits early: $(cat quit.err)"
# 9. a pager that cannot be run: said, and the report written instead
run PAGER=./no-such-pager -- diff old.txt new.txt 2\>missing.err
[ "$st" = 1 ] || fail "a missing pager made diff exit $st, not 1"
grep -q "the pager './no-such-pager' could not be run" missing.err ||
	fail "a missing pager is not said: $(cat missing.err)"
# 10. as git's external diff no pager of ours: git pages, or was told not to
git init -q repo && cp old.txt repo/code.txt && echo '* diff=nd' >repo/.gitattributes &&
	git -C repo add . && git -C repo -c user.name=t -c user.email=t@example.org commit -qm one &&
	cp new.txt repo/code.txt || fail "cannot make the git repository"
n=$((n + 1))
rm -f rec.sh.in
tm send-keys -t nd "clear; (cd repo && env PAGER=../rec.sh GIT_CONFIG_NOSYSTEM=1 git -c diff.nd.command='$bin diff' --no-pager diff; echo \$? >../status.$n)" Enter
await_file "status.$n" "git --no-pager diff" && st=$(cat "status.$n")
[ "$st" = 0 ] || fail "git --no-pager diff with normdiff: exit $st"
[ ! -e rec.sh.in ] || fail "normdiff paged as git's external diff"
# 11. with neither variable, less -R (LESS=FRX): its prompt is on the last
# row, q quits it, and the status is diff's
if command -v less >/dev/null; then
	n=$((n + 1))
	tm send-keys -t nd "clear; env -u PAGER -u NORMDIFF_PAGER -u LESS $bin diff old.txt new.txt; echo \$? >status.$n" Enter
	for k in $(seq 100); do
		[ "$(tm capture-pane -p -t nd | tail -n 1)" = : ] && break
		sleep 0.1
	done
	[ "$(tm capture-pane -p -t nd | tail -n 1)" = : ] || fail "no less prompt on the last row"
	tm send-keys -t nd q
	await_file "status.$n" "diff through less" && [ "$(cat "status.$n")" = 1 ] ||
		fail "diff through less: exit $(cat "status.$n" 2>/dev/null), not 1"
else
	fail "less is not installed"
fi
# 12. log pages too
"$bin" --store st init >/dev/null
"$bin" --store st add old.txt --label 2011 >/dev/null
for k in $(seq 30); do printf 'T %d\n\n(a) Word %d;\n' "$k" "$k" >v$k.txt; "$bin" --store st add v$k.txt --label v$k >/dev/null; done
run PAGER=./rec.sh -- --store st log
[ -e rec.sh.in ] && grep -q '^v30 ' rec.sh.in || fail "a long log was not paged"

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "pager: all checks passed ($n runs)"
