# The bundled pair as one self-contained HTML page (the same bytes every
# run: no dates, no versions, no random ids).
run normdiff diff "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt" --format=html
