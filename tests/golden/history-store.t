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
