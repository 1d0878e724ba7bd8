# The page's <title> holds no markup (a browser shows it as it is), so a
# control character or bidi mark in what names a version (here a file
# name) is shown there as plain text, ^[ and <U+202E>, not in a <span>.
printf 'Code\n\n(a) To comply.\n' >"$(printf 'old\033[2J.txt')"
printf 'Code\n\n(a) To comply now.\n' >"$(printf 'new\xe2\x80\xae.txt')"
run normdiff diff --format=html -o report.html "$(printf 'old\033[2J.txt')" "$(printf 'new\xe2\x80\xae.txt')"
sed -n '/^<title>/p' report.html
