# A store series: three versions added with labels; `synopsis --series`
# takes them all, oldest first, and the lines name each by its label.
export NORMDIFF_STORE=$PWD/store
S=$DATA/series
normdiff init >/dev/null
normdiff add "$S/v1.txt" --label 2019 --date 2019-03-01 --series rivers.txt >/dev/null
normdiff add "$S/v2.txt" --label 2020 --date 2020-03-01 --series rivers.txt >/dev/null
normdiff add "$S/v3.txt" --label 2021 --date 2021-03-01 --symbol R/3 --series rivers.txt >/dev/null
run normdiff synopsis --series rivers.txt --width 80
# no versions and no --series: the series of the newest version
run normdiff synopsis --format=csv
# labels as versions, and as the baseline
run normdiff synopsis 2019 2021 --baseline 2021 --width 80
