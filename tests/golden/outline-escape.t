# Text from a draft is data: escape sequences, other controls and bidi
# overrides are shown visibly, never sent to the terminal.
printf 'Title\n\n(a) Clear \033[2J the screen \033]0;pwned\007 here;\n\n(b) Reversed \xe2\x80\xae txet \xc2\x9b end \xe2\x80\x8f mark \xd8\x9c.\n' >evil.txt
run normdiff outline evil.txt
run normdiff outline --format=json evil.txt
