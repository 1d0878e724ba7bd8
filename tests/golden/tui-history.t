# The history of a provision through a store series of three versions
# (H): each version where it exists, oldest first, with its label there,
# the step into it and its word edits; b shows the blame instead (a
# superscript version number before each run of words, style letter v);
# Esc goes back with the same provision selected. Versions from files
# have no series: the footer says so.
export NORMDIFF_STORE=$PWD/store NO_COLOR=1
normdiff init >/dev/null
normdiff add "$DATA/series/v1.txt" --series rivers.txt --label v1 --date 2024-01-10 >/dev/null
normdiff add "$DATA/series/v2.txt" --series rivers.txt --label v2 --date 2024-06-20 >/dev/null
normdiff add "$DATA/series/v3.txt" --series rivers.txt --label v3 --date 2025-02-01 >/dev/null
# 2. of v3: split off 1. in v2
run normdiff tui --dump 100x24 --keys 'jjjjjH'
# the blame of 3. of v3 (2. of v1, renumbered in v2, edited in v3), with
# the style letters
run normdiff tui --dump 100x16 --keys 'jjjjjjHb' --styles
# 4. of v3 merged 4. and 5. of v2; the history scrolls, Esc goes back
run normdiff tui --dump 80x14 --keys 'GkkH<Dump>jjj<Dump>G<Dump><Esc>'
# the provision removed in v3 (6. of v2): its history ends there
run normdiff tui --dump 100x12 --keys 'GkH'
# files: no history to follow, and no synopsis
cp "$DATA/series/v1.txt" "$DATA/series/v2.txt" .
run normdiff tui v1.txt v2.txt --dump 80x10 --keys 'jH<Dump>S'
