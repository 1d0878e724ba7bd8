# -o FILE where FILE is writable but its directory is not: no temporary
# file can be made beside it, so it cannot be replaced, and the error says
# that redirecting standard output into it (> FILE) writes it in place;
# that works, and a FILE that is not writable either gets the plain error.
# Root may write anywhere, so this runs as the user nobody (setpriv), in a
# directory of its own that nobody may pass through, with a copy of the
# binary there.
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1; then
	echo 'skipped: needs root and setpriv to run as another user'
	return 0
fi
d=$(mktemp -d "${TMPDIR:-/tmp}/nd-locked.XXXXXX") || return 1
trap 'rm -rf "$d"' EXIT
chmod 0711 "$d"
cp "$NORMDIFF_BIN" "$d/normdiff"
chmod 0755 "$d/normdiff"
printf 'Code\n\n1. The old text.\n' >"$d/old.txt"
printf 'Code\n\n1. The new text.\n' >"$d/new.txt"
mkdir "$d/locked"
printf 'stale\n' >"$d/locked/report.txt"
printf 'stale\n' >"$d/locked/readonly.txt"
chmod 0644 "$d/old.txt" "$d/new.txt" "$d/locked/readonly.txt"
chmod 0666 "$d/locked/report.txt"
chmod 0755 "$d/locked"
cd "$d"
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; }
run nobody ./normdiff diff old.txt new.txt --stat -o locked/report.txt
run cat locked/report.txt
run nobody sh -c './normdiff diff old.txt new.txt --stat > locked/report.txt'
run cat locked/report.txt
run nobody ./normdiff diff old.txt new.txt --stat -o locked/readonly.txt
run cat locked/readonly.txt
cd "$OLDPWD"
rm -rf "$d"
trap - EXIT
