run normdiff outline --format json "$DRAFTS/2015-A-69-723.txt"
