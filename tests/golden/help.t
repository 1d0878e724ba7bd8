# The help lists every command; unknown commands and a missing command are
# errors with status 2.
run normdiff --help
run normdiff
run normdiff frobnicate
run normdiff --store
