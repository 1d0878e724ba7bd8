# The benchmark's tables and verdicts (tests/bench/worst_table.py,
# targets_table.py) from fixed raw runs: two sizes, a run stopped by its
# timeout, times too small to trust (in parentheses), and one size only
# (no growth exponent to measure).
B=$DATA/../bench
run python3 $B/worst_table.py $DATA/bench/worst.tsv
run python3 $B/targets_table.py $DATA/bench/worst.tsv
run python3 $B/targets_table.py $DATA/bench/worst-one-size.tsv
