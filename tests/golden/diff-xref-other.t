# A cross-reference that follows this document's renumbering is flagged
# "cross-references only"; the same number change in a reference to another
# instrument (of the Convention on Cybercrime, of resolution 60/1) is a
# change of substance.
run normdiff diff --changed-only $DATA/xref/old.txt $DATA/xref/new.txt
run normdiff diff --changed-only --format=json $DATA/xref/old.txt $DATA/xref/new.txt
