# A pattern that backtracks too much on a provision ((?:a|aa)+$ against a
# line of many a's and a "!") hits PCRE2's match limit: the search stops and
# says so instead of passing over the provision as if it did not match, and
# a provision whose matches cannot be marked says so too.
printf 'Code of conduct\n\n(a) To keep the peace;\n\n(b) To cooperate;\n' >old.txt
printf 'Code of conduct\n\n(a) To keep the peace;\n\n(b) To cooperate;\n\n(c) %s!\n' \
	aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa >new.txt
export NO_COLOR=1
run normdiff tui old.txt new.txt --dump 100x12 --keys '/(?:a|aa)+$<Enter><Dump>n'
run normdiff tui old.txt new.txt --dump 100x12 --keys '/cooperate|(?:a|aa)+$<Enter><Dump>j'
