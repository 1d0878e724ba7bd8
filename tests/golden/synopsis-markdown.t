# The synopsis as a Markdown pipe table, a column per version.
S=$DATA/series
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" --format=markdown
