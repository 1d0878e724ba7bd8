# A grammar rule whose pattern reaches PCRE2's match limit on a line reads
# that line as not matching; outline, where a grammar is tried out, says
# so on standard error, as diff says it in a note.
printf 'include default\nfamily runaway none item (?:a|aa)+$\n' >runaway.grammar
printf 'Title\n\n1. One thing.\n\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n' >draft.txt
run normdiff outline --grammar runaway.grammar draft.txt
run normdiff outline --grammar runaway.grammar --format json draft.txt
