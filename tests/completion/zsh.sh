#!/usr/bin/env bash
# The zsh completion (completions/_normdiff) in a real zsh on a terminal
# (tmux): compinit finds it on $fpath, and Tab completes a command, a
# command's option, a format, and the store's labels (through `normdiff log
# --labels`). Each check polls the screen with a deadline.
#
#   zsh.sh NORMDIFF SRCDIR
set -u
bin=$(realpath "$1") src=$(realpath "$2")
command -v zsh >/dev/null || { echo "FAIL: zsh is not installed (.ci/install-deps installs it)"; exit 1; }
name=zsh
# shellcheck source=../lib/tmux.sh
source "$src/tests/lib/tmux.sh"
mkdir -p "$work/bin" "$work/fpath" "$work/cwd"
ln -s "$bin" "$work/bin/normdiff"
cp "$src/completions/_normdiff" "$work/fpath/"
cd "$work/cwd" || exit 2
"$bin" init >/dev/null
"$bin" add "$src/drafts/2011-A-66-359.txt" --label alpha-2011 >/dev/null
"$bin" add "$src/drafts/2015-A-69-723.txt" --label beta-2015 >/dev/null
cat >"$work/zshrc" <<ZSH
fpath=($work/fpath \$fpath)
autoload -Uz compinit && compinit -u -d $work/zcompdump
PS1='%% '
ZSH
tm new-session -d -s nd -x 120 -y 30 -c "$work/cwd" \
	"env -i PATH=$work/bin:$PATH HOME=$work TERM=screen LANG=C.UTF-8 zsh -f -i"
# no startup files (-f): the test's own, then the completion system
tm send-keys -t nd "source $work/zshrc; echo READY" Enter
await_line READY "the shell starts" || exit 1
# line TYPED WANT WHAT: type TYPED, Tab, the prompt's line is then
# "% WANT", or a line below it (a list of matches) is WANT; then clear
line() {
	tm send-keys -t nd -l "$1"
	tm send-keys -t nd Tab
	await_line "$2" "$3"
	tm send-keys -t nd C-u
	tm send-keys -t nd "clear" Enter
}
line "normdiff synop" "% normdiff synopsis" "a command"
line "normdiff diff --sta" "% normdiff diff --stat" "an option of diff"
line "normdiff log --lab" "% normdiff log --labels" "an option of log"
line "normdiff outline --format=js" "% normdiff outline --format=json" "a format of outline"
line "normdiff show alp" "% normdiff show alpha-2011" "a label of the store"
line "normdiff diff alpha-2011 be" "% normdiff diff alpha-2011 beta-2015" "a label where a file may go"
line "normdiff synopsis --baseline al" "% normdiff synopsis --baseline alpha-2011" "a label as an option's value"
line "normdiff --no-pa" "% normdiff --no-pager" "a global option"

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "zsh completion: all checks passed"
