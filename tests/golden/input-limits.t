# Inputs are read up to the limit (1 GiB) and no further: an endless input
# (/dev/zero, a pipe from yes) is stopped there with the real limit in the
# message, and a regular file over it is refused unread. The address space
# is capped at 1.5 GB (unless a sanitizer's shadow memory needs it all), so
# reading on, or holding the input twice over, fails the case rather than
# the machine; timeout is the deadline for an input that never ends.
cap=1500000
(ulimit -v $cap && "$NORMDIFF_BIN" --version) >/dev/null 2>&1 || cap=unlimited
bounded() { (ulimit -v "$cap" && exec timeout 60 "$@"); }
export -f bounded
export cap
run bounded "$NORMDIFF_BIN" outline /dev/zero
run bash -c 'yes | bounded "$NORMDIFF_BIN" outline -'
truncate -s 1100M sparse.txt
run bounded "$NORMDIFF_BIN" outline sparse.txt
run bounded "$NORMDIFF_BIN" outline - <sparse.txt
run bounded "$NORMDIFF_BIN" diff sparse.txt "$DRAFTS/2011-A-66-359.txt"
