# Notes of a comparison (a cap that bit, a grammar rule at its match
# limit) are not lost in the terminal UI: the header counts them and the
# help screen lists each, wrapped to the screen.
printf 'include default\nfamily runaway none item (?:a|aa)+$\n' >runaway.grammar
printf 'Title\n\n1. One thing.\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n' >a.txt
printf 'Title\n\n1. One thing changed.\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n' >b.txt
export NO_COLOR=1
run normdiff --grammar runaway.grammar tui a.txt b.txt --dump 80x10
run normdiff --grammar runaway.grammar tui a.txt b.txt --dump 60x43 --keys '?'
# without notes the header says nothing of them
run normdiff tui a.txt b.txt --dump 80x10
