# The built-in grammar is printable, and a user's grammar changes the tree.
run normdiff grammar
printf 'Rules\n\nRule 1 Scope of the rules;\n\nRule 2 Definitions;\n' >rules.txt
run normdiff outline rules.txt
printf 'include default\nfamily rule number item ^Rule\\s+(?<n>\\d+)\\s+\n' >rules.grammar
run normdiff --grammar rules.grammar outline rules.txt
printf 'family rule numbr item ^R(?<n>\\d)\n' >typo.grammar
run normdiff outline --grammar=typo.grammar rules.txt
