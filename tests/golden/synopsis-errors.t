# Bad inputs to synopsis: one line naming the thing, exit 2, nothing
# written.
S=$DATA/series
run normdiff synopsis "$S/v1.txt"
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" --baseline 3
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" --baseline 0
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" --baseline nosuch
run normdiff synopsis "$S/v1.txt" missing.txt
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" --format=pdf
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" --format=json -o syn.csv
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" --color=sometimes
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" --width x
run normdiff synopsis - - <"$S/v1.txt"
ls syn.csv 2>&1
export NORMDIFF_STORE=$PWD/store
run normdiff synopsis
normdiff init >/dev/null
run normdiff synopsis
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" --series draft.txt
normdiff add "$S/v1.txt" --label only >/dev/null
run normdiff synopsis
run normdiff synopsis --series other.txt
