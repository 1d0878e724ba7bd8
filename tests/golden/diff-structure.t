# Labels as the document prints them ("6.3", not "6.6.3"), and a list whose
# bullets changed from "-" to "*" is the same list.
sed -e 's/^- /* /' -e 's/^– /* /' -e 's/Parties\./Parties of the Agreement./' "$DATA/structure/nesting.txt" >nesting2.txt
run normdiff diff "$DATA/structure/nesting.txt" nesting2.txt
sed 's/^[-−–—•] /* /' "$DATA/structure/markers.txt" >markers2.txt
run normdiff diff --format=json "$DATA/structure/markers.txt" markers2.txt
run normdiff diff "$DATA/structure/markers.txt" markers2.txt
# A heading and its body became one run-in provision: one provision whose
# layout changed (merged, layout only), and no change for the exit status;
# the other way it is a split; with --fail-on=merged it counts.
awk 'NR == 3 { printf "%s ", $0; getline; getline; print; next } { print }' "$DATA/structure/layout.txt" >layout2.txt
run normdiff diff "$DATA/structure/layout.txt" layout2.txt
run normdiff diff layout2.txt "$DATA/structure/layout.txt"
run normdiff diff --format=json "$DATA/structure/layout.txt" layout2.txt
run normdiff diff --fail-on=merged --stat "$DATA/structure/layout.txt" layout2.txt
