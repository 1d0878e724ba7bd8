# In git's external-diff call (here made as git makes it, without
# committing a 1.1 GB file) a file over the size limit is not compared,
# as a binary file is not: one line on standard output, exit 0, so git
# goes on. Outside git's call it is an error.
printf 'Title\n\n(a) First item;\n' >a.txt
truncate -s 1100M big.txt
z=0000000000000000000000000000000000000000
run normdiff diff big.txt a.txt $z 100644 big.txt $z 100644
run normdiff diff big.txt big.txt $z 100644 a.txt $z 100644
run normdiff diff big.txt a.txt
