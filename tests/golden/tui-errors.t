# Bad uses of `normdiff tui`: one line on standard error naming the
# problem and what to do, exit status 2.
cp "$DRAFTS/2011-A-66-359.txt" 2011.txt
cp "$DRAFTS/2015-A-69-723.txt" 2015.txt
run normdiff tui 2011.txt 2015.txt
run normdiff tui 2011.txt 2015.txt extra.txt --dump 80x24
run normdiff tui 2011.txt 2015.txt --dump 80
run normdiff tui 2011.txt 2015.txt --dump 30x8
run normdiff tui 2011.txt 2015.txt --keys j
run normdiff tui 2011.txt 2015.txt --dump 80x24 --keys '<Nope>'
run normdiff tui 2011.txt 2015.txt --dump 80x24 --keys "a$(printf '\377')"
run normdiff tui 2011.txt 2015.txt --dump 80x24 --keys '<Resize 20x5>'
run normdiff tui 2011.txt 2015.txt --dump 80x24 --color=sometimes
run normdiff tui 2011.txt missing.txt --dump 80x24
printf '\357\273\277' >bom-only.txt
run normdiff tui 2011.txt bom-only.txt --dump 80x24
run normdiff tui - - --dump 80x24 </dev/null
run normdiff tui --dump 80x24
export NORMDIFF_STORE=$PWD/store
normdiff init >/dev/null
run normdiff tui --dump 80x24
normdiff add 2011.txt --label 2011 >/dev/null
run normdiff tui --dump 80x24
run normdiff tui 2011 --dump 80x24
run normdiff tui 1999 --dump 80x24
run normdiff tui --series nope.txt --dump 80x24
# the files' versions have no history to pick from
NO_COLOR=1 run normdiff tui 2011.txt 2015.txt --dump 80x12 --keys v
