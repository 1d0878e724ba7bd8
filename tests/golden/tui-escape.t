# Text is data: a draft with terminal escape sequences (a title change, a
# colour, the alternate screen, a bell), bidi overrides, a NUL-free C1
# control, wide CJK characters and combining marks. The screen shows every
# control visibly (^[, <U+202E>), never sends it, and gives CJK characters
# two columns and combining marks none.
printf 'Code of conduct\n\n(a) To keep the peace;\n\n(b) To cooperate;\n' >old.txt
printf 'Code of conduct\n\n(a) To keep the \033]2;PWNED\007peace \033[31mnow\033[0m \033[?1049h;\n\n(b) To cooperate \342\200\256reversed\342\200\254 and \302\233 too;\n\n(c) 信息安全 und Zusammenarbeit, café, Cafe\314\201;\n' >new.txt
NO_COLOR=1 run normdiff tui old.txt new.txt --dump 100x16 --keys 'n<Dump>n<Dump>n'
# not one escape byte or bidi override reaches the screen dump
run sh -c '"$NORMDIFF_BIN" tui old.txt new.txt --dump 100x16 --keys nnn --redline | LC_ALL=C grep -c -e "$(printf "\033")" -e "$(printf "\342\200\256")" -e "$(printf "\302\233")"'
