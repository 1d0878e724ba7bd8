# Draft text and metadata are data in the HTML report too: markup,
# quotes, javascript: URLs, controls and bidi overrides come out as text
# (the page's one <script> element is its own).
printf 'Code\n\n(a) To comply with the Charter.\n\n(b) To settle disputes.\n' >old.txt
printf 'Code\n\n(a) To comply with the Charter </textarea><script>window.pwned=1</script>.\n\n(b) To settle "disputes" onmouseover="alert(1)" x=\x27y\x27 [z](javascript:alert(1)) <a href="javascript:alert(2)">here</a>.\n\n(c) Reversed \xe2\x80\xae txet \033[2J \xc2\x9b end \xe2\x81\xa6 isolate.\n' >new.txt
export NORMDIFF_STORE=$PWD/store
normdiff init >/dev/null
normdiff add old.txt --label v1 --date 2020-01-01 --title '<script>alert("title")</script>' --sponsors '"A" & <B>' >/dev/null
normdiff add new.txt --label v2 --date 2020-02-01 --symbol "X/'1'" --sponsors 'C </td></tr></table> D' >/dev/null
run normdiff diff v1 v2 --format=html -o report.html
sed -n '/^<title>/p; /^<body>/,/^<\/main>/p' report.html
echo "script elements: $(grep -c '<script' report.html)"
