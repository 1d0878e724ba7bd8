# The history as JSON (normdiff-history v1, docs/json-format.md): every
# provision, and one provision with its texts, edits and blame.
cd "$DATA/series"
run normdiff history v1.txt v2.txt v3.txt --format json
run normdiff history v1.txt v2.txt v3.txt --format json --provision 4.
