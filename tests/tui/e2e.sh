#!/usr/bin/env bash
# End to end: the real binary on a real terminal (tmux), driven by keys as
# a person would, reading the screen back. Checks what a reader sees on the
# bundled pair (the split of (b), the added (10), the moved preambular
# paragraph; ] and [ from edit to edit, o to a moved paragraph's old
# place and back), that q, Ctrl-C and SIGTERM all give the terminal back as it
# was (modes, main screen), that a resize redraws, and that a draft full of
# escape sequences cannot change the terminal; and over a store series,
# the history, blame and synopsis views.
#
#   e2e.sh NORMDIFF SRCDIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
name=tui
# shellcheck source=../lib/tmux.sh
source "$src/tests/lib/tmux.sh"
expect() { screen | grep -qF -- "$1" || { fail "$2: no '$1' on the screen"; screen | sed 's/^/    | /'; }; }

cp "$src/drafts/2011-A-66-359.txt" "$work/2011.txt"
cp "$src/drafts/2015-A-69-723.txt" "$work/2015.txt"
printf 'Code of conduct\n\n(a) To keep the peace;\n' >"$work/old.txt"
printf 'Code of conduct\n\n(a) To keep the \033]2;PWNED\007peace \033[?1049h\033[2J\033[31mnow\033c;\n' >"$work/evil.txt"

# A shell in a 120x40 terminal, with a known title and the tty modes saved.
tm new-session -d -s nd -x 120 -y 40 -c "$work" "env -i PATH=$PATH HOME=$work TERM=screen LANG=C.UTF-8 PS1='$ ' bash --norc --noprofile"
tm set-option -g allow-rename on >/dev/null
tm set-option -g set-titles on >/dev/null
tm send-keys -t nd "printf '\\033]2;mytitle\\007'; stty -g >tty.before; clear" Enter
sleep 0.3
run_tui() { # ARGS...: start the UI, then stty and the exit status are recorded after it
	tm send-keys -t nd "$bin tui $*; echo EXIT:\$?; stty -g >tty.after; cmp -s tty.before tty.after && echo TTY:SAME || echo TTY:CHANGED" Enter
}
after_exit() { # STATUS WHAT
	await "EXIT:$1" || return
	await "TTY:" || return
	expect "TTY:SAME" "$2 leaves the terminal modes as they were"
	[ "$(tm display -p -t nd '#{alternate_on}')" = 0 ] || fail "$2: still on the alternate screen"
	[ "$(tm display -p -t nd '#{cursor_flag}')" = 1 ] || fail "$2: the cursor is still hidden"
	[ "$(tm display -p -t nd '#{mouse_any_flag}#{mouse_button_flag}#{mouse_standard_flag}')" = 000 ] ||
		fail "$2: the terminal still reports the mouse"
	[ "$(tm display -p -t nd '#{keypad_flag}')" = 0 ] || fail "$2: the keypad is still in application mode"
	tm send-keys -t nd "clear" Enter
	sleep 0.2
}

# 1. The bundled pair: what a person sees first.
run_tui 2011.txt 2015.txt
await "normdiff  2011.txt → 2015.txt"
expect "spl  #     (b) → (2) + (3)" "the split of (b) into (2) and (3)"
expect "add        (10) To develop confidence" "the added (10)"
expect "↕# PP4 → PP10 Underlining the need" "the preambular paragraph moved from PP4 to PP10"
[ "$(tm display -p -t nd '#{alternate_on}')" = 1 ] || fail "the UI is not on the alternate screen"
# n goes to the first change; a search finds the split and shows both parts
tm send-keys -t nd n
await "PP2  modified"
tm send-keys -t nd / h o s t i l e Enter
await "(b) → (2) + (3)  split"
expect "(2) Not to use information and" "the first part of the split, side by side"
expect "(3) Not to use information and" "the second part of the split"
# the redline, then the help
tm send-keys -t nd s
await "(2) Not to use information and communications technologies, including and"
tm send-keys -t nd '?'
await "Keys   (any other key closes this help)"
tm send-keys -t nd Escape
await "n/N next"
# a resize to 80x24 puts the outline above the text
tm resize-window -t nd -x 80 -y 24
await "────────────────"
expect "(b) → (2) + (3)  split" "the selection kept across the resize"
tm resize-window -t nd -x 120 -y 40
await "│ (b) → (2) + (3)  split"
# ] and [ go from word edit to word edit of the provision, and say which
tm send-keys -t nd ']'
await "edit 1 of 5"
expect "text · 20/32" "the footer naming the text as the pane with the focus"
tm send-keys -t nd ']' ']'
await "edit 3 of 5"
tm send-keys -t nd '['
await "edit 2 of 5"
# o on the moved paragraph selects the row at its old place; o comes back
tm send-keys -t nd Escape / e n h a n c e d Space c o o r d Enter
await "PP4 → PP10  moved, unchanged"
tm send-keys -t nd o
await "the old place of PP4 → PP10: from after PP3 to after PP9"
tm send-keys -t nd o
await "back to the moved provision"
tm send-keys -t nd q
after_exit 0 "q"

# 2. Ctrl-C quits the same way; SIGTERM restores the terminal, then ends
#    the program by the signal (status 143).
run_tui 2011.txt 2015.txt
await "n/N next"
tm send-keys -t nd C-c
after_exit 0 "Ctrl-C"
run_tui 2011.txt 2015.txt
await "n/N next"
pkill -TERM -f "$bin tui 2011.txt" || fail "no UI process to send SIGTERM to"
after_exit 143 "SIGTERM"

# 3. Ctrl-Z gives the terminal back and stops the UI; fg brings it back.
tm send-keys -t nd "$bin tui 2011.txt 2015.txt" Enter
await "n/N next"
tm send-keys -t nd C-z
await "Stopped"
[ "$(tm display -p -t nd '#{alternate_on}#{cursor_flag}')" = 01 ] ||
	fail "Ctrl-Z: the terminal was not given back while stopped"
tm send-keys -t nd "clear; fg >/dev/null; echo EXIT:\$?; stty -g >tty.after; cmp -s tty.before tty.after && echo TTY:SAME || echo TTY:CHANGED" Enter
await "n/N next"
[ "$(tm display -p -t nd '#{alternate_on}')" = 1 ] || fail "fg: the UI did not come back"
tm send-keys -t nd q
after_exit 0 "q after Ctrl-Z and fg"

# 4. A draft with escape sequences: shown as text, never obeyed.
run_tui old.txt evil.txt
await "n/N next"
tm send-keys -t nd n
await "^[]2;PWNED^G"
expect "^[[?1049h^[[2J^[[31mnow^[c" "the escape sequences shown as text"
[ "$(tm display -p -t nd '#{pane_title}')" = mytitle ] ||
	fail "the draft changed the terminal's title to '$(tm display -p -t nd '#{pane_title}')'"
tm send-keys -t nd q
after_exit 0 "q after the hostile draft"
[ "$(tm display -p -t nd '#{pane_title}')" = mytitle ] || fail "the title changed after quitting"

# 5. A store series of three versions: the history of a provision (H),
#    its blame (b), back (Esc), the synopsis (S) scrolled sideways, and
#    the picker choosing versions 1 and 2 of 3 with the provision kept.
tm send-keys -t nd "export NORMDIFF_STORE=$work/store; $bin init >/dev/null && for k in 1 2 3; do $bin add $src/tests/data/series/v\$k.txt --series rivers.txt --label v\$k --date 2024-0\$k-01 >/dev/null; done; echo ADDED:\$?" Enter
await "ADDED:0"
tm send-keys -t nd clear Enter
run_tui
await "normdiff  v2 (2024-02-01) → v3 (2024-03-01)"
tm send-keys -t nd j j j j j
await "2.  unchanged"
tm send-keys -t nd H
await "History of 2. in v3"
expect "2  v2 (2024-02-01)  2.  split  (old on screen)" "the step into v2 in the history"
expect "Each State shall consult the others in good faith before the works begin." "the text in v3"
tm send-keys -t nd Escape
await "n/N next"
expect "2.  unchanged" "the same provision selected after the history"
tm send-keys -t nd j H b
await "¹Each State shall exchange data on water levels and quality every month."
expect "levels³, flow ¹and quality every ³week." "the blame of 3. in v3"
tm send-keys -t nd Escape
await "n/N next"
tm send-keys -t nd S
await "Synopsis: 11 rows, versions 1-3 of 3"
tm resize-window -t nd -x 60 -y 30
await "Synopsis: 11 rows, versions 1-2 of 3   newer →"
tm send-keys -t nd Right
await "versions 2-3 of 3   ← older"
tm resize-window -t nd -x 120 -y 40
tm send-keys -t nd Escape
await "n/N next"
tm send-keys -t nd v Down Enter Down Enter
await "normdiff  v1 (2024-01-01) → v2 (2024-02-01)"
expect "2. → 3.  unchanged" "the provision (3. of v3) followed into versions 1 and 2"
tm send-keys -t nd q
after_exit 0 "q after the series views"

if [ "$failures" -eq 0 ]; then
	echo "all checks passed"
	exit 0
fi
echo "$failures check(s) failed"
exit 1
