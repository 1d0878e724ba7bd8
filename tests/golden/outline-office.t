# Word and OpenDocument files (written by tests/import/office.py): what
# outline shows of them, tracked changes accepted and rejected, and the
# one-line refusal of every bad file (exit 2).
python3 "$DATA/../import/office.py" --files . >/dev/null
run normdiff outline sample.docx
run normdiff outline --changes=reject sample.docx
# its tracked changes, compared provision by provision
run normdiff diff sample.docx
run normdiff outline sample.odt
run normdiff outline --from=odt sample.docx
run normdiff outline changes.odt
run normdiff outline --changes=reject changes.odt
for f in bad-*; do
	case $f in *notzip.docx) from=--from=docx ;; *notzip.odt) from=--from=odt ;; *) from= ;; esac
	run normdiff outline $from "$f"
done
run normdiff --changes=maybe outline sample.docx
