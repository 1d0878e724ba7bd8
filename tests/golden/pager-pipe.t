# Output that is not a terminal (a pipe, a file) never goes through a
# pager, whatever PAGER and NORMDIFF_PAGER say; --no-pager is a global
# option, before or after the command.
printf '#!/bin/sh\necho PAGED >>paged.log\ncat\n' >pager.sh
chmod +x pager.sh
export PAGER=./pager.sh NORMDIFF_PAGER=./pager.sh
run normdiff diff --stat "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt"
run normdiff outline "$DRAFTS/2011-A-66-359.txt" --width 60
normdiff init >/dev/null
normdiff add "$DRAFTS/2011-A-66-359.txt" --label 2011 --date 2011-10-24 >/dev/null
normdiff add "$DRAFTS/2015-A-69-723.txt" --label 2015 --date 2015-11-09 >/dev/null
run normdiff log
run normdiff history --provision PP10 --format=markdown
run bash -c '"$NORMDIFF_BIN" synopsis --format=csv | head -n 2'
run normdiff --no-pager diff --stat 2011 2015
run normdiff diff --stat 2011 2015 --no-pager
run ls
