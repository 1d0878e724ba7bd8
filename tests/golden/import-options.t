# --from and --changes, global options: a format or a way to read tracked
# changes that does not exist is refused in one line; --from text reads
# any bytes as text, as before.
run normdiff --from rtf outline "$DRAFTS/2011-A-66-359.txt"
run normdiff outline "$DRAFTS/2011-A-66-359.txt" --changes=keep
run normdiff --from text outline "$DRAFTS/2011-A-66-359.txt" --width 60
printf '%%PDF-1.7\n%%junk\n' > junk.pdf
run normdiff --from text outline junk.pdf
