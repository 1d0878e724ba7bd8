# The bundled pair as Markdown, for a pull-request comment or CI summary.
run normdiff diff --format=markdown "$DRAFTS/2011-A-66-359.txt" "$DRAFTS/2015-A-69-723.txt"
