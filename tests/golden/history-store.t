# The history of a store series: --series names it, no versions at all
# means the series of the newest version; labels name the versions.
export NORMDIFF_STORE=$PWD/store
normdiff init >/dev/null
normdiff add "$DATA/series/v1.txt" --label zero --date 2020-01-10 --series rivers.txt >/dev/null
normdiff add "$DATA/series/v2.txt" --label rev1 --date 2021-03-02 --series rivers.txt >/dev/null
normdiff add "$DATA/series/v3.txt" --label adopted --date 2022-06-30 --series rivers.txt --title "Code of conduct for shared rivers" >/dev/null
run normdiff history --series rivers.txt --width 80
run normdiff history --provision 5. --width 80
# labels in order are versions too, as files are
run normdiff history zero adopted --provision 1. --format json
# the pairs are cached in the store: a second run reads them and says the
# same; damaged entries are ignored and rewritten
rm -r "$NORMDIFF_STORE/normdiff-cache"
normdiff history --series rivers.txt --format json > "$work/cold.json"
run ls "$NORMDIFF_STORE/normdiff-cache"
run normdiff history --series rivers.txt --format json -o "$work/warm.json"
run cmp "$work/cold.json" "$work/warm.json"
for f in "$NORMDIFF_STORE"/normdiff-cache/*; do head -c 40 "$f" > "$f.cut" && mv "$f.cut" "$f"; done
run normdiff history --series rivers.txt --format json -o "$work/damaged.json"
run cmp "$work/cold.json" "$work/damaged.json"
run sh -c 'for f in "$NORMDIFF_STORE"/normdiff-cache/*; do test $(wc -c < "$f") -gt 40 || echo "$f not rewritten"; done'
