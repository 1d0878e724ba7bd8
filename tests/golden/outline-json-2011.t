# The full tree with texts, for scripts.
run normdiff outline --format=json "$DRAFTS/2011-A-66-359.txt"
