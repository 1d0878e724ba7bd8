# Labels as the document prints them ("6.3", not "6.6.3"), and a list whose
# bullets changed from "-" to "*" is the same list.
sed -e 's/^- /* /' -e 's/^– /* /' -e 's/Parties\./Parties of the Agreement./' "$DATA/structure/nesting.txt" >nesting2.txt
run normdiff diff "$DATA/structure/nesting.txt" nesting2.txt
sed 's/^[-−–—•] /* /' "$DATA/structure/markers.txt" >markers2.txt
run normdiff diff --format=json "$DATA/structure/markers.txt" markers2.txt
run normdiff diff "$DATA/structure/markers.txt" markers2.txt
