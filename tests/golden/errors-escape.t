# What an error message quotes (a key or a line of a metadata file, a file
# name, a key script) may hold control characters and invalid UTF-8: it is
# shown visibly on standard error, never obeyed by the terminal, and the
# message stays one line.
export NORMDIFF_STORE=$PWD/store
run normdiff init
printf 'Label: x\nCo\033[2Jlour\r: blue\n' >key.meta
run normdiff add "$DRAFTS/2011-A-66-359.txt" --meta key.meta
printf 'Label\033]0;owned\007 x\n' >line.meta
run normdiff add "$DRAFTS/2011-A-66-359.txt" --meta line.meta
printf 'Ti\xfftle: x\n' >latin1.meta
run normdiff add "$DRAFTS/2011-A-66-359.txt" --meta latin1.meta
run normdiff outline "$(printf 'no\033[31msuch\rfile')"
run normdiff tui "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt" --dump 80x24 --keys "$(printf 'n<\033[2J>')"
