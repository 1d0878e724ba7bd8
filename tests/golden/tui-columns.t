# Side by side stays in step: both columns exactly as wide whatever the
# width (odd or even), so the same words wrap alike; a split's second part
# starts on the row of the old words it came from, the shorter side padded
# with blank rows; a merge's parts start no higher than their words in the
# merged text.
printf 'Rivers\n\n1. Each State shall notify the others of any planned works on the river that may cause significant harm downstream, whether to the quality of the water, to fisheries, to navigation or to the banks, and shall consult them in good faith before the works begin.\n\n2. Disputes shall be settled by negotiation.\n' >s-old.txt
printf 'Rivers\n\n1. Each State shall notify the others of any planned works on the river that may cause significant harm downstream.\n\n2. Each State shall consult them in good faith before the works begin.\n\n3. Disputes shall be settled by negotiation.\n' >s-new.txt
export NO_COLOR=1
run normdiff tui s-old.txt s-new.txt --dump 81x16 --keys 'n<Enter>'
# 80 columns leave an odd width for the two: one column stays blank, and
# the columns wrap alike
run normdiff tui s-old.txt s-new.txt --dump 80x16 --keys 'n<Enter>'
printf 'Code of conduct\n\n(a) To cooperate in combating criminal activities;\n\n(b) To share information on threats to networks and on attacks;\n\n(c) To keep the peace;\n' >m-old.txt
printf 'Code of conduct\n\n(a) To cooperate in combating criminal activities in every forum, by every means, at every level of government and with every partner and to share information on threats to networks and on attacks;\n\n(b) To keep the peace;\n' >m-new.txt
run normdiff tui m-old.txt m-new.txt --dump 64x16 --keys 'n<Enter>'
