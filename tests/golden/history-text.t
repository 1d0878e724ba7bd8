# The history of a hand-made series of three versions, as text: v1 -> v2
# splits 1. into 1. and 2., adds 6., edits the preamble; v2 -> v3 merges
# 4. and 5., removes 6., edits 1., 3. and 7. (now 5.).
cd "$DATA/series"
run normdiff history v1.txt v2.txt v3.txt
run normdiff history v1.txt v2.txt v3.txt --width 60
# one provision: each version with its edits, the split it came from, and
# the words of two later versions in its blame
run normdiff history v1.txt v2.txt v3.txt --provision 1.
run normdiff history v1.txt v2.txt v3.txt --provision 4.
run normdiff history v1.txt v2.txt v3.txt --provision 3. --color=always
run normdiff history v2.txt v3.txt --provision 2.
