# The 2015 code: PP1-PP10, items (1)-(13) under the chapeau, (7) with its
# own (a) and (b), and (8) back at the level of (7).
run normdiff outline "$DRAFTS/2015-A-69-723.txt"
