#!/usr/bin/env bash
# -o where a golden transcript cannot show it the same way everywhere:
#
#  - a character device (a null device made with mknod in a temporary
#    directory; skipped where device nodes cannot be made or opened) is
#    written, not replaced by a regular file;
#  - SIGTERM, SIGINT and SIGHUP that arrive while a report is in its
#    temporary file end the program with that signal, leave no temporary
#    file and leave the old report as it was; an ignored SIGINT stays
#    ignored and the report is written. The program is caught in the act:
#    a report of some megabytes takes a moment to write and sync, the test
#    polls for the temporary file (.NAME.normdiff-tmp.XXXXXX) and stops
#    the program (SIGSTOP) while it exists, then signals and continues it.
#    A run that finishes before it is caught is tried again, up to 40
#    times (a run takes some 50 ms, and a loaded machine may miss many).
#
#   output-special.sh NORMDIFF
set -u
bin=$(realpath "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-output.XXXXXX") || exit 2
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
shopt -s nullglob
set -m # background jobs get the default SIGINT, not an ignored one
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

printf 'Title\n\n(a) First item;\n' >a.txt
printf 'Title\n\n(a) First item changed;\n' >b.txt

if mknod null c 1 3 2>/dev/null && : >null 2>/dev/null; then
	"$bin" diff a.txt b.txt -o null
	st=$?
	[ "$st" = 1 ] || fail "diff -o null exited $st, not 1"
	if [ -c null ] && [ "$(stat -c %t:%T null)" = 1:3 ]; then
		ok "-o to a character device wrote it and left it a device"
	else
		fail "-o replaced the character device: $(stat -c %F null)"
	fi
	left=(.*normdiff-tmp*)
	((${#left[@]} == 0)) || fail "temporary files left: ${left[*]}"
else
	echo "skip: cannot make a device node here"
fi

# 10000 provisions, 6 MB; the JSON outline is 7 MB
awk 'BEGIN {
	print "Title of the draft\n"
	for (i = 1; i <= 10000; i++) {
		printf "%d.", i
		for (j = 0; j < 6; j++)
			printf " the parties shall cooperate in good faith to ensure respect for obligations under this article"
		print "\n"
	}
}' >big.txt

# reap PID: its exit status in $reaped. With job control, `wait` also
# returns (128 + SIGSTOP) when it sees the program stopped, which it may
# see after the SIGCONT that follows was sent (a loaded machine): wait
# again until the program has really ended. Once it has, the shell may
# have reaped it already (kill -0 then fails) and still hold its status
# for the next `wait`, which is 127 only when it holds none.
reap() {
	local stopped=$((128 + $(kill -l STOP))) st deadline=$((SECONDS + 60))
	wait "$1"
	reaped=$?
	while [ "$reaped" = "$stopped" ] && [ "$SECONDS" -lt "$deadline" ]; do
		wait "$1"
		st=$?
		[ "$st" = 127 ] && break
		reaped=$st
	done
}

# Wait until process $1 has really stopped: a SIGSTOP sent while it is
# inside a system call (the rename that commits its output) takes effect
# when the call returns, so the temporary file seen before may be gone
# only after it was looked for.
stopped() {
	local deadline=$((SECONDS + 60)) state
	while [ "$SECONDS" -lt "$deadline" ]; do
		state=$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -c1)
		case $state in T|t|Z|"") return 0 ;; esac
	done
	return 0
}

# caught SIG [ignored]: signal a run of outline -o out.json while its
# temporary file exists; with "ignored", SIGINT is ignored from the start
caught() {
	local sig=$1 ignored=${2:-} before=$fails attempt pid st line want t
	for attempt in $(seq 40); do
		echo old >out.json
		if [ -n "$ignored" ]; then
			(trap '' INT; exec "$bin" outline --format=json big.txt -o out.json) &
		else
			"$bin" outline --format=json big.txt -o out.json &
		fi
		pid=$!
		t=()
		local deadline=$((SECONDS + 60))
		while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do
			t=(.out.json.normdiff-tmp.??????)
			((${#t[@]})) && break
			read -r line <out.json
			[ "$line" = old ] || break # finished: missed it
		done
		((${#t[@]})) && kill -STOP "$pid" && stopped "$pid"
		if ((${#t[@]})) && [ -e "${t[0]}" ]; then
			kill "-$sig" "$pid"
			kill -CONT "$pid"
			reap "$pid"
			st=$reaped
			read -r line <out.json
			left=(.*normdiff-tmp*)
			if [ -n "$ignored" ]; then
				[ "$st" = 0 ] || fail "SIG$sig ignored: exited $st, not 0"
				[ "$line" != old ] || fail "SIG$sig ignored: no report written"
			else
				want=$((128 + $(kill -l "$sig")))
				[ "$st" = "$want" ] || fail "SIG$sig: exited $st, not $want"
				[ "$line" = old ] || fail "SIG$sig: out.json was changed"
			fi
			if ((${#left[@]})); then
				fail "SIG$sig${ignored:+ ignored}: temporary file left: ${left[*]}"
				rm -f -- "${left[@]}"
			fi
			[ "$fails" != "$before" ] ||
				ok "SIG$sig${ignored:+ (ignored)} while ${t[0]} existed (attempt $attempt)"
			return
		fi
		kill -CONT "$pid" 2>/dev/null
		reap "$pid"
	done
	fail "SIG$sig: never caught a run while its temporary file existed"
}
caught TERM
caught INT
caught HUP
caught INT ignored

[ "$fails" = 0 ] || { echo "$fails failed"; exit 1; }
