# -o writes into what it names: a FIFO is written, not replaced; a
# symbolic link stays a link and the file it leads to gets the report; an
# existing file keeps its mode and owner; a file with hard links and an
# input of the run are refused and left as they were. Standard output by
# another name is written where it points. A write to standard output that
# fails (a full disk: /dev/full) is trouble, for --help too.
umask 022
shopt -s nullglob
printf 'Title\n\n(a) First item;\n' >a.txt
printf 'Title\n\n(a) First item changed;\n\n(b) Second.\n' >b.txt
normdiff diff a.txt b.txt >expected.txt
kind() { stat -c '%n: %F %a' "$@"; }
holds_report() { cmp -s expected.txt "$1" && echo "$1 holds the report"; }

# a FIFO, read here with a deadline: written directly, still a FIFO
mkfifo fifo
timeout 20 cat fifo >from-fifo.txt &
run timeout 20 "$NORMDIFF_BIN" diff a.txt b.txt -o fifo
wait
kind fifo
holds_report from-fifo.txt

# symbolic links: to a file here, and from a directory to a new file
echo old >real.txt
ln -s real.txt link.txt
run normdiff diff a.txt b.txt -o link.txt
kind link.txt real.txt
readlink link.txt
holds_report real.txt
mkdir sub
ln -s ../new.txt sub/new-link
run normdiff diff a.txt b.txt -o sub/new-link
kind sub/new-link new.txt
holds_report new.txt

# an existing file keeps its mode and its owner (another one, as root); a
# new file gets the mode the umask allows
echo old >private.txt
chmod 600 private.txt
[ "$(id -u)" != 0 ] || chown 4242:4343 private.txt
owner=$(stat -c %u:%g private.txt)
run normdiff diff a.txt b.txt -o private.txt
kind private.txt
[ "$(stat -c %u:%g private.txt)" = "$owner" ] && echo "private.txt kept its owner"
holds_report private.txt
run normdiff diff a.txt b.txt -o fresh.txt
kind fresh.txt

# a file with two names (hard links): refused, both unchanged
echo old >linked.txt
ln linked.txt other-name.txt
run normdiff diff a.txt b.txt -o linked.txt
stat -c '%n: %h links' linked.txt
cat linked.txt other-name.txt

# an input of the run, by any name: refused, unchanged
cp a.txt a.orig
ln -s a.txt a-link.txt
run normdiff diff a.txt b.txt -o a.txt
run normdiff diff a.txt b.txt -o a-link.txt
run normdiff diff a-link.txt b.txt -o a.txt
run normdiff outline - -o a.txt <a.txt
ln b.txt b-hard.txt
run normdiff diff a.txt b.txt -o b-hard.txt
cmp a.orig a.txt && echo "a.txt is unchanged"
echo "temporary files left: $(echo .*normdiff-tmp* sub/.*normdiff-tmp*)"

# standard output by another name: written where it points (appending)
ln -s /dev/stdout stdout-link
echo "first line" >log.txt
run bash -c '"$NORMDIFF_BIN" outline a.txt -o stdout-link >>log.txt'
cat log.txt
kind stdout-link

# standard output that cannot be written
run bash -c '"$NORMDIFF_BIN" --help >/dev/full'
run bash -c '"$NORMDIFF_BIN" --version >/dev/full'
run bash -c '"$NORMDIFF_BIN" grammar >/dev/full'
run bash -c '"$NORMDIFF_BIN" outline a.txt >/dev/full'
run bash -c '"$NORMDIFF_BIN" diff a.txt b.txt -o stdout-link >/dev/full'
