# A year between "of the" and an instrument's name ("of the 1951
# Convention") still cites another instrument: its changed number is a
# change of substance, while "of the present Convention" follows this
# document's renumbering.
run normdiff diff --changed-only $DATA/xref-year/old.txt $DATA/xref-year/new.txt
