# A split undone: 1. split into 1. + 2. in b, merged back in c. The cells
# of a and c each span both rows, and c's merged cell reads against both
# of b's provisions.
printf 'Rules\n\n1. Each State shall notify the others of planned works and shall consult them in good faith before the works begin.\n\n2. Disputes shall be settled by negotiation.\n' >a.txt
printf 'Rules\n\n1. Each State shall notify the others of planned works.\n\n2. Each State shall consult the others in good faith before the works begin.\n\n3. Disputes shall be settled by negotiation.\n' >b.txt
cp a.txt c.txt
run normdiff synopsis a.txt b.txt c.txt
run normdiff synopsis a.txt b.txt c.txt --format=markdown
normdiff synopsis a.txt b.txt c.txt --format=html -o spans.html
sed -n '/^<tbody>/,/^<\/tbody>/p' spans.html
