# The benchmark's tables and verdicts (tests/bench/worst_table.py,
# targets_table.py) from fixed raw runs: two sizes, a run stopped by its
# timeout, times too small to trust (in parentheses), one size only (no
# growth exponent to measure), and a run of the normal pair at 1m on a
# fast spell of the machine while the same run of the every-modified pair
# was on a slow one: a case's ratio to the normal pair is the median of
# the two in each run (3.3), not the ratio of their medians (3.7).
B=$DATA/../bench
run python3 $B/worst_table.py $DATA/bench/worst.tsv
run python3 $B/targets_table.py $DATA/bench/worst.tsv
run python3 $B/targets_table.py $DATA/bench/worst-one-size.tsv
