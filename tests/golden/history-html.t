# The history as one HTML page, and a provision's page; -o picks the
# format from the extension.
cd "$DATA/series"
run normdiff history v1.txt v2.txt v3.txt --format html
run normdiff history v1.txt v2.txt v3.txt --provision 3. -o "$work/p.html"
run cat "$work/p.html"
