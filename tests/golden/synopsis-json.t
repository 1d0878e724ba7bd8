# The synopsis as JSON (normdiff-synopsis v1, docs/json-format.md).
S=$DATA/series
run normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" --format=json
# read back: each row's cells (label, span, continued; - for none), and
# for every cell that its equal and insert edits give its text
normdiff synopsis "$S/v1.txt" "$S/v2.txt" "$S/v3.txt" --format=json --baseline 3 -o syn.json
run python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["format"], d["version"], len(d["versions"]), "versions, baseline", d["baseline"])
for r in d["rows"]:
    print(" | ".join("-" if c is None else "%s span=%d%s" % (c["label"] or "\"\"", c["span"], " continued" if c["continued"] else "") for c in r["cells"]))
    for c in r["cells"]:
        if c and "".join(e["text"] for e in c["edits"] if e["op"] != "delete") != c["text"]:
            print("edits do not give the text of", c["label"])
' syn.json
