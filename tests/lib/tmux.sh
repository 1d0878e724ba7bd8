# tmux.sh - the harness the terminal tests share (sourced, not run): a
# temporary directory, a tmux server of their own on a socket inside it,
# the screen read back, and waits that poll with a deadline.
#
#   name=tui; source "$src/tests/lib/tmux.sh"
#
# Gives $work (removed on exit, once the server is gone), tm (tmux on that
# socket, no configuration), screen (the pane "nd" as text), fail (count
# and say a failure; $failures), await TEXT [WHAT] (a line of the screen
# holds TEXT within 10 s) and await_line TEXT [WHAT] (a line is exactly
# TEXT; tmux drops the spaces at a line's end).
command -v tmux >/dev/null || { echo "FAIL: tmux is not installed (.ci/install-deps installs it)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/nd-${name:-tmux}.XXXXXX") || exit 2
sock=$work/tmux.sock
tm() { tmux -S "$sock" -f /dev/null "$@"; }
# the server gone (polled), so nothing writes into $work any more
tmux_stop() {
	local k
	tm kill-server 2>/dev/null
	for k in $(seq 50); do tm has-session 2>/dev/null || break; sleep 0.1; done
	cd / && rm -rf "$work"
}
trap tmux_stop EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
screen() { tm capture-pane -p -t nd; }
# await_how GREP-FLAGS TEXT [WHAT]
await_how() {
	local k
	for k in $(seq 100); do
		screen | grep -q"$1"F -- "$2" && return 0
		sleep 0.1
	done
	fail "${3:+$3: }waited for '$2'; the screen shows:"
	screen | sed 's/^/    | /'
	return 1
}
await() { await_how "" "$@"; }
await_line() { await_how x "$@"; }
