# The synopsis of a store series of three versions (S): one column per
# version, as many as fit at 24 columns or more each, scrolled sideways
# with Left and Right; the selected row is the provision of the main
# view; Enter opens the row's history and Esc comes back. The picker (v)
# chooses versions 1 and 2 of 3, keeping the selected provision.
export NORMDIFF_STORE=$PWD/store NO_COLOR=1
normdiff init >/dev/null
normdiff add "$DATA/series/v1.txt" --series rivers.txt --label v1 --date 2024-01-10 >/dev/null
normdiff add "$DATA/series/v2.txt" --series rivers.txt --label v2 --date 2024-06-20 >/dev/null
normdiff add "$DATA/series/v3.txt" --series rivers.txt --label v3 --date 2025-02-01 >/dev/null
run normdiff tui --dump 100x18 --keys 'jjjjjS' --styles
# two columns in 60: the newest first, then sideways
run normdiff tui --dump 60x18 --keys 'S<Dump><Left><Dump><Left><Dump><Right>>'
# Enter on a row: its history; Esc: the synopsis again; Esc: the main view
run normdiff tui --dump 100x18 --keys 'S<Down><Down><Down><Down><Enter><Dump><Esc><Dump><Esc>'
# the picker: versions 1 and 2 of 3, the selected 4. of v3 followed to v2
run normdiff tui --dump 100x18 --keys 'jjjjjjjv<Dump><Down><Enter><Down><Enter>'
