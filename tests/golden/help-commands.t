# Each command's own usage: COMMAND --help, COMMAND -h, help COMMAND;
# mistyped commands and options get the nearest name.
run normdiff diff --help
run normdiff history -h
run normdiff help tui
run normdiff help nothing
run normdiff dif a b
run normdiff hist
run normdiff xyz
run normdiff diff --stta a b
run normdiff diff --fromat=json a b
run normdiff history --provison 1. a b
run normdiff diff --zzzz a b
# a file named -h is a file, not a request for help
printf 'x\n' > -h
run normdiff outline -h
