# The Word redline (--format=docx, or -o FILE.docx): what its tracked
# changes say, read as a reviewer reads them (tests/import/redline_dump.py),
# what it reads back as, and the one-line refusals (exit 2).
dump() { python3 "$DATA/../import/redline_dump.py" "$@"; }
export SOURCE_DATE_EPOCH=1764662400
R=$DATA/redline
run normdiff diff --ignore-case $R/old.txt $R/new.txt -o small.docx
run dump small.docx
run normdiff outline --changes=reject small.docx
run normdiff outline small.docx
# the changes in one file: the same records as the comparison
run normdiff diff --ignore-case small.docx --stat
run normdiff diff $DRAFTS/2011-A-66-359.txt $DRAFTS/2015-A-69-723.txt --format=docx -o bundled.docx
run dump bundled.docx
# into a pipe, the same bytes as into a file
normdiff diff $DRAFTS/2011-A-66-359.txt $DRAFTS/2015-A-69-723.txt --format=docx | cmp - bundled.docx && echo "piped: same bytes"
run normdiff diff $R/new.txt $R/new.txt -o same.docx
run normdiff diff same.docx
# refusals
run normdiff diff $R/old.txt $R/new.txt --format=docx --stat
run normdiff diff $R/old.txt $R/new.txt -o x.docx --changed-only
run normdiff diff $R/old.txt $R/new.txt -o x.docx --format=html
# a terminal gets no zip
script -qec "$NORMDIFF_BIN diff $R/old.txt $R/new.txt --format=docx" /dev/null | tr -d '\r'
echo "[exit ${PIPESTATUS[0]}]"
run normdiff diff --changes=reject small.docx
run normdiff diff $R/old.txt
run normdiff diff $R/old.txt $R/new.txt -o missing/x.docx
SOURCE_DATE_EPOCH=soon run normdiff diff $R/old.txt $R/new.txt -o x.docx
ls
# the first page lists 200 changed provisions at most
python3 -c 'for k in range(1, 211): print("%d. Provision number %d shall apply.\n" % (k, k))' >many-old.txt
python3 -c 'for k in range(1, 211): print("%d. Provision number %d shall not apply.\n" % (k, k))' >many-new.txt
normdiff diff many-old.txt many-new.txt -o many.docx
dump many.docx | grep -c '^\[NormdiffSummary\] [0-9]*\. — modified$'
dump many.docx | grep 'more changed'
# the terminal UI on one file's tracked changes
run normdiff tui --ignore-case small.docx --dump 100x14
