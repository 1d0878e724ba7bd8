# "of document A/66/359", "of the report of ...", "of the guidelines" and
# "of the outcome document" cite another text: their changed numbers are
# changes of substance even where this document's paragraph 2 became 3,
# while "of this Convention" follows this document's renumbering.
run normdiff diff --changed-only $DATA/xref-nouns/old.txt $DATA/xref-nouns/new.txt
