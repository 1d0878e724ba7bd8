# Draft text and names are data in every format: markup, pipes, quotes,
# controls and bidi overrides come out as text.
printf 'Code\n\n(a) To comply | with <b>the</b> "Charter".\n' >old.txt
printf 'Code\n\n(a) To comply | with <script>alert(1)</script> "Charter", **now** [x](javascript:alert(1)) \033[2J \xe2\x80\xae txet.\n' >'new <i>|.txt'
run normdiff synopsis old.txt 'new <i>|.txt'
run normdiff synopsis old.txt 'new <i>|.txt' --format=markdown
run normdiff synopsis old.txt 'new <i>|.txt' --format=csv
run normdiff synopsis old.txt 'new <i>|.txt' --format=json
normdiff synopsis old.txt 'new <i>|.txt' --format=html -o e.html
sed -n '/^<title>/p; /^<body>/,$p' e.html
echo "script elements: $(grep -c '<script' e.html)"
