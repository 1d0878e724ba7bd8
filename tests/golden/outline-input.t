# Input forms: standard input, CRLF line ends, a BOM, tabs and NBSP all
# give the same outline; --width cuts rows; -o writes a file.
printf 'Title of the draft\n\n(a) First\titem;\n\n(b) Second\xc2\xa0item.\n' >lf.txt
printf '\xef\xbb\xbfTitle of the draft\r\n\r\n(a) First item;\r\n\r\n(b) Second item.\r\n' >crlf.txt
run normdiff outline lf.txt
run normdiff outline crlf.txt
run normdiff outline - <crlf.txt
run normdiff outline --width 30 "$DRAFTS/2011-A-66-359.txt"
run normdiff outline -o out.json --format=json lf.txt
cat out.json
