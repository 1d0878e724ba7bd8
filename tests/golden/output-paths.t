# -o with an empty name is refused (it named no file, and the report went
# nowhere); a chain of relative links, a link to a directory on the way,
# a link that loops and the grammar file as output behave as a user of
# the shell would expect, and no temporary file is left.
shopt -s nullglob
printf 'Title\n\n(a) First item;\n' >a.txt
printf 'Title\n\n(a) First item changed;\n\n(b) Second.\n' >b.txt
normdiff diff a.txt b.txt >expected.txt
run normdiff diff a.txt b.txt -o ''
run normdiff diff a.txt b.txt --output=
mkdir d1 real
ln -s d1/b chain
ln -s ../target.txt d1/b
run normdiff diff a.txt b.txt -o chain
cmp -s expected.txt target.txt && echo "target.txt holds the report"
ln -s real dirlink
run normdiff diff a.txt b.txt -o dirlink/x.txt
cmp -s expected.txt real/x.txt && echo "real/x.txt holds the report"
run normdiff diff a.txt b.txt -o dirlink
ln -s loop1 loop2
ln -s loop2 loop1
run normdiff diff a.txt b.txt -o loop1
normdiff grammar >my.grammar
run normdiff diff --grammar my.grammar a.txt b.txt -o my.grammar
echo "temporary files left: $(echo .*normdiff-tmp* */.*normdiff-tmp*)"

# a long file name (249 bytes, under the 255 a name may have): the
# temporary file beside it has a shortened name, and the report is written
long=$(printf 'x%.0s' $(seq 1 245)).txt
run normdiff diff a.txt b.txt -o "$long"
cmp -s expected.txt "$long" && echo "the long name holds the report"
echo old >"$long"
run normdiff diff a.txt b.txt -o "$long"
cmp -s expected.txt "$long" && echo "the long name holds the report again"
echo "temporary files left: $(echo .*normdiff-tmp*)"
