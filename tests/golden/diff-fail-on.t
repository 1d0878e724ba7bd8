# When --fail-on makes the exit status 1, standard error names each
# provision that counted, as the reports name it (draft text escaped:
# the heading below holds ESC [2J, which must not clear a CI log's screen).
printf 'Title\n\n1. Opening provision about the aims of this code.\n\nScope \033[2J here\n\n2. Every party shall report each year on the measures it has taken.\n\n3. The secretariat shall publish the reports it receives.\n\n4. This provision is removed in the next version of the draft.\n' >old.txt
printf 'Title\n\n1. Opening provision about the aims and purposes of this code.\n\n2. The secretariat shall publish the reports it receives.\n\n3. Every party shall report each year on the measures it has taken.\n\n4. A new provision about the entry into force.\n' >new.txt
run normdiff diff --stat --fail-on=removed old.txt new.txt
run normdiff diff --stat --fail-on=modified,removed old.txt new.txt
run normdiff diff --stat --fail-on=moved old.txt new.txt
run normdiff diff --stat --fail-on=renumbered old.txt new.txt
run normdiff diff --stat --fail-on=added,split,merged old.txt new.txt
run normdiff diff --quiet --fail-on=removed old.txt new.txt
run normdiff diff --format=json -o report.json --fail-on=removed old.txt new.txt
run normdiff diff --stat old.txt new.txt
run normdiff diff --stat --fail-on=removed "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt"
run normdiff diff --stat --fail-on=split,added "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt"
git init -q -b main repo
cd repo
echo '*.txt diff=normdiff' >.gitattributes
cp ../old.txt code.txt && git add .gitattributes code.txt
git -c user.name=t -c user.email=t@example.org commit -q -m old
cp ../new.txt code.txt
echo '$ git diff (git'"'"'s external diff: always 0, nothing on standard error)'
git -c diff.normdiff.command="$NORMDIFF_BIN diff --stat --fail-on=removed" diff 2>&1; echo "[exit $?]"
