# The bundled pair, 2011 against 2015, as a person reads it (the default
# text report, no colour because the output is not a terminal).
run normdiff diff "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt" --width 100
