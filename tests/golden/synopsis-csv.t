# The synopsis as CSV (RFC 4180: every field quoted, CRLF line ends,
# shown here as "<CR>"), a header row naming the versions.
S=$DATA/series
normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" --format=csv -o syn.csv
run sed 's/\r$/<CR>/' syn.csv
