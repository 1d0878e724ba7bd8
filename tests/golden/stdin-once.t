# Standard input can be one input only: a grammar and a draft both given
# as - are refused by name, instead of the second reading an empty input
# (a grammar "without families", or an empty draft).
printf 'Title\n\n(a) First item;\n' >a.txt
normdiff grammar >my.grammar
run normdiff diff --grammar - a.txt - <my.grammar
run normdiff diff --grammar - - a.txt <a.txt
run normdiff outline --grammar - - <a.txt
run normdiff diff - - <a.txt
