# The synopsis as JSON (normdiff-synopsis v1, docs/json-format.md).
S=$DATA/series
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" --format=json
