# The bundled pair as JSON, for scripts: every aligned record in document
# order, unchanged ones included.
run normdiff diff --format=json "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt"
