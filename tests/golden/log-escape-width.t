# log's columns are as wide as what they show: a symbol with an invisible
# character is shown escaped ("<U+2066>"), and the commit column after it
# stays apart from it.
printf 'Title\n\n(a) First item;\n' >a.txt
printf 'Label: v1\nSymbol: S\342\201\246x\nDate: 2011-09-14\nTitle: T\n' >a.meta
run normdiff --store st init
run normdiff --store st add a.txt --meta a.meta
run normdiff --store st log
