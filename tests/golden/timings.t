# --timings (or NORMDIFF_TIMINGS): the time of each phase on standard
# error, after the report; the numbers change from run to run, so they are
# masked here (N). --jobs (or NORMDIFF_JOBS) sets the threads: with two,
# both versions are parsed at once, and the report and the errors are
# those of one thread (the old version's error first).
old="$DRAFTS/2011-A-66-359.txt" new="$DRAFTS/2015-A-69-723.txt"
masked() {
	local status
	"$@" 2>stderr.raw
	status=$?
	sed -E 's/[0-9]+\.[0-9]+ (s|MB)/N \1/g' stderr.raw >&2
	return $status
}
run masked normdiff --timings diff --stat "$old" "$new"
run masked env NORMDIFF_TIMINGS=1 "$NORMDIFF_BIN" diff --quiet "$old" "$new"
run env NORMDIFF_TIMINGS=0 "$NORMDIFF_BIN" diff --quiet "$old" "$new"
run masked normdiff --timings outline "$old" --format=json -o outline.json
run masked normdiff --jobs 2 --timings diff --stat "$old" "$new"
# one thread or two: the same report, byte for byte
normdiff --jobs 1 diff --format=json "$old" "$new" >one.json
normdiff --jobs 2 diff --format=json "$old" "$new" >two.json
run cmp one.json two.json
NORMDIFF_JOBS=2 normdiff diff --format=json "$old" "$new" >env.json
run cmp one.json env.json
# the errors of two threads are those of one: the old version's first
printf 'T\n\n(a) x\000y\n' >binary.txt
printf 'T\n\n(a) x\377y\n' >latin1.txt
printf 'T\n\n(a) fine.\n' >fine.txt
run normdiff --jobs 2 diff binary.txt latin1.txt
run normdiff --jobs 2 diff fine.txt latin1.txt
run normdiff --jobs 2 diff latin1.txt fine.txt
run normdiff --jobs 0 diff fine.txt fine.txt
run normdiff --jobs=two diff fine.txt fine.txt
run normdiff diff fine.txt fine.txt --jobs
run env NORMDIFF_JOBS=65 "$NORMDIFF_BIN" diff fine.txt fine.txt
# a series too: its versions parsed on threads, the history the same, and
# the first bad version in order the one reported
v="$DATA/series"
normdiff --jobs 1 history --format=json "$v/v1.txt" "$v/v2.txt" "$v/v3.txt" >h1.json
normdiff --jobs 2 history --format=json "$v/v1.txt" "$v/v2.txt" "$v/v3.txt" >h2.json
run cmp h1.json h2.json
run masked normdiff --jobs 2 --timings synopsis "$v/v1.txt" "$v/v2.txt" "$v/v3.txt"
run normdiff --jobs 2 history fine.txt latin1.txt binary.txt
run normdiff --jobs 3 history fine.txt fine.txt binary.txt latin1.txt
# PDF and Word files are read on one thread (their libraries keep global
# state): no "parse, two threads" row, whatever --jobs says
python3 "$DATA/../import/paged_pdf.py" . >/dev/null
run masked normdiff --jobs 2 --timings diff --stat old.pdf new.pdf
