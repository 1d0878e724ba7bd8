# What history refuses, each with one line naming the thing and what to do.
cd "$DATA/series"
run normdiff history v1.txt v2.txt v3.txt --provision 9.
run normdiff history v1.txt v2.txt v3.txt --provision ""
run normdiff history v1.txt v2.txt v3.txt --format csv
run normdiff history v1.txt v2.txt v3.txt -o "$work/h.md" --format json
run normdiff history v1.txt missing.txt v3.txt
run normdiff history v1.txt - - < v2.txt
run normdiff history --series rivers.txt v1.txt
run normdiff history --store "$work/none" --series rivers.txt
printf '\000\001' > "$work/binary.txt"
run normdiff history v1.txt "$work/binary.txt"
# a single version has a history too: everything since it
run normdiff history v3.txt --width 70
