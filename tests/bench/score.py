#!/usr/bin/env python3
"""Score normdiff's JSON report against the generator's truth, and print
the benchmark's table.

    score.py records REPORT                  normdiff's change records
    score.py score REPORT TRUTH [--json OUT] compare with truth.json
    score.py table RESULTS [--scores DIR] [--light]
                                             the side-by-side table

Records.  A record is a change normdiff reports: every entry of "changes"
whose kind is not "unchanged", plus the unchanged ones flagged "moved",
less the "modified" ones flagged "xref_only" and not moved (normdiff's own
word that only the numbers in their cross-references changed, which its
exit status does not count as a change either).  Unchanged provisions that
were only renumbered are not records.

Labels.  truth.json names provisions "PP3", "7", "7(c)", "7(c)(ii)".  A
clause of the report is named the same way from its "path" (or its
"label" when it has no path): the preambular label, then the operative
number without its full stop, then the lettered and roman markers;
headings and the title are left out.

Recall.  A true edit is recovered when the report has a change of its kind
with the same old and the same new labels:

    modified  kind "modified" (moved or not), old [o], new [n]
    added     kind "added", new [n]
    removed   kind "removed", old [o]
    moved     kind "unchanged" or "modified" with moved true, old [o], new [n]
    split     kind "split", old [o], the same set of new labels
    merged    kind "merged", the same set of old labels, new [n]

Renumbering-only records.  Records that match no true edit and whose one
old and one new clause are a provision the generator left alone ("kept"
in truth.json): it was only renumbered, or only the numbers in its
citations changed ("paragraph 12 above" became "paragraph 11 above");
both are counted, and the second kind is also shown on its own.  The
target is none.

Structural noise.  Claims about the structure that no true edit backs,
counted for every pair, light or not, by kind:

    added    "added" records that match no true added edit (same new labels)
    removed  "removed" records that match no true removed edit (same old labels)
    split    "split" records that match no true split (same old, same new set)
    merged   "merged" records that match no true merge (same old set, same new)
    moved    records flagged "moved" (whatever their kind) that match no
             true move (same old and new labels)

Each true edit backs at most one record.  The target is zero.

Light pairs (truth.json "light": true, generate.py --light).  Every
provision of the new version was lightly edited (a word replaced, a word
inserted) without that being a true edit, so a "modified" record pairing a
kept provision's old and new labels is expected: it is counted on its own
("kept_modified"), is neither noise nor a renumbering-only record, and the
records target compares the records less those with the true edits.  A
"moved" flag on such a record is still noise.
"""

import argparse
import collections
import json
import re
import sys

KINDS = ("modified", "added", "removed", "moved", "split", "merged")
NOISE_KINDS = ("added", "removed", "split", "merged", "moved")
NUM = re.compile(r"^(\d+)\.$")
PAREN = re.compile(r"^\([a-z]+\)$")
PP = re.compile(r"^PP\d+$")


def canon(clause):
    path = clause.get("path") or [clause.get("label", "")]
    out = ""
    for el in path:
        if not isinstance(el, str):
            continue
        if PP.match(el):
            out = el
        elif NUM.match(el):
            out = NUM.match(el).group(1)
        elif PAREN.match(el):
            out += el
    return out or clause.get("label", "")


def load_report(path):
    try:
        with open(path, encoding="utf-8") as f:
            rep = json.load(f)
    except (OSError, ValueError) as e:
        raise SystemExit("score.py: cannot read %s as JSON: %s" % (path, e))
    if not isinstance(rep, dict) or rep.get("format") != "normdiff-report":
        raise SystemExit("score.py: %s is not a normdiff-report" % path)
    return rep


def is_xref_only(c):
    return c.get("kind") == "modified" and bool(c.get("xref_only")) and not c.get("moved")


def is_record(c):
    if is_xref_only(c):
        return False
    return c.get("kind") != "unchanged" or bool(c.get("moved"))


def cmd_records(a):
    rep = load_report(a.report)
    print(sum(1 for c in rep.get("changes", []) if is_record(c)))


def score(rep, truth):
    changes = rep.get("changes", [])
    index = {}
    for i, c in enumerate(changes):
        if not is_record(c):
            continue
        old = tuple(sorted(canon(x) for x in c.get("old", [])))
        new = tuple(sorted(canon(x) for x in c.get("new", [])))
        kind = c.get("kind")
        if c.get("moved") and kind in ("unchanged", "modified"):
            index.setdefault(("moved", old, new), []).append(i)
        if kind in ("modified", "added", "removed", "split", "merged"):
            index.setdefault((kind, old, new), []).append(i)
    recall = {k: [0, 0] for k in KINDS}
    matched = set()
    missed = []
    for e in truth["edits"]:
        k = e["kind"]
        key = (k, tuple(sorted(e["old"])), tuple(sorted(e["new"])))
        recall[k][1] += 1
        hits = index.get(key, [])
        if hits:
            recall[k][0] += 1
            matched.add(hits[0])
        else:
            missed.append(e)
    light = bool(truth.get("light"))
    kept = {(k[0], k[1]): len(k) > 2 for k in truth.get("kept", [])}
    records = [i for i, c in enumerate(changes) if is_record(c)]
    spurious = [i for i in records if i not in matched]
    renum_only = []
    renum_citation = 0
    kept_modified = 0
    modified_other = 0
    expected = set()
    for i in spurious:
        c = changes[i]
        pair = None
        if len(c.get("old", [])) == 1 and len(c.get("new", [])) == 1:
            pair = (canon(c["old"][0]), canon(c["new"][0]))
            if pair not in kept:
                pair = None
        if c.get("kind") == "modified" and pair is None:
            modified_other += 1
        if pair is None:
            continue
        if light and c.get("kind") == "modified":
            # lightly edited on purpose: expected, not renumbering-only
            kept_modified += 1
            expected.add(i)
            continue
        renum_only.append(i)
        renum_citation += kept[pair]
    # structural noise: structural claims no true edit backs, each true
    # edit backing at most one record
    backing = collections.Counter(
        (e["kind"], tuple(sorted(e["old"])), tuple(sorted(e["new"])))
        for e in truth["edits"] if e["kind"] in NOISE_KINDS)
    noise = {k: 0 for k in NOISE_KINDS}
    noise_examples = []
    for i in records:
        c = changes[i]
        old = tuple(sorted(canon(x) for x in c.get("old", [])))
        new = tuple(sorted(canon(x) for x in c.get("new", [])))
        claims = []
        if c.get("kind") in ("added", "removed", "split", "merged"):
            claims.append(c.get("kind"))
        if c.get("moved"):
            claims.append("moved")
        for k in claims:
            if backing[(k, old, new)] > 0:
                backing[(k, old, new)] -= 1
                continue
            noise[k] += 1
            if len(noise_examples) < 10:
                noise_examples.append({"claim": k, "kind": c.get("kind"),
                                       "old": list(old), "new": list(new)})
    noise["total"] = sum(noise[k] for k in NOISE_KINDS)
    renumbered_seen = sum(1 for c in changes if c.get("kind") == "unchanged"
                          and not c.get("moved") and c.get("renumbered"))
    # xref_only changes are not records: were they right to be left out?
    xref_right = xref_wrong = 0
    for c in changes:
        if not is_xref_only(c):
            continue
        pair = (tuple(sorted(canon(x) for x in c.get("old", []))),
                tuple(sorted(canon(x) for x in c.get("new", []))))
        if len(pair[0]) == 1 and len(pair[1]) == 1 and (pair[0][0], pair[1][0]) in kept:
            xref_right += 1
        else:
            xref_wrong += 1
    by_kind = {}
    for i in records:
        c = changes[i]
        k = c.get("kind") + ("+moved" if c.get("moved") else "")
        by_kind[k] = by_kind.get(k, 0) + 1
    return {
        "light": light,
        "records": len(records),
        "true_edits": len(truth["edits"]),
        "matched": len(matched),
        "spurious": len(spurious),
        "renumbering_only": len(renum_only),
        "renumbering_only_citation": renum_citation,
        "renumbered_unchanged": renumbered_seen,
        "xref_only_kept": xref_right,
        "xref_only_other": xref_wrong,
        "kept_renumbered": truth.get("kept_renumbered"),
        "records_by_kind": by_kind,
        "structural_noise": noise,
        "kept_modified": kept_modified,
        "modified_unmatched_other": modified_other,
        "recall": recall,
        "missed": missed[:10],
        "spurious_examples": [
            {"kind": changes[i].get("kind"), "moved": changes[i].get("moved"),
             "old": [canon(x) for x in changes[i].get("old", [])],
             "new": [canon(x) for x in changes[i].get("new", [])]}
            for i in [i for i in spurious if i not in expected][:10]],
        "noise_examples": noise_examples,
    }


def noise_line(s):
    n = s.get("structural_noise")
    if not n:
        return "structural noise: not scored"
    return ("structural noise: %s (total %d; target 0)"
            % (", ".join("%s %d" % (k, n[k]) for k in NOISE_KINDS), n["total"]))


def pct(hit, total):
    return "%.0f%%" % (100.0 * hit / total) if total else "-"


def cmd_score(a):
    rep = load_report(a.report)
    with open(a.truth, encoding="utf-8") as f:
        truth = json.load(f)
    s = score(rep, truth)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(s, f, indent=1)
    print("records %d, true edits %d, matched %d, spurious %d (renumbering-only %d: "
          "%d only renumbered, %d with only their citations renumbered)"
          % (s["records"], s["true_edits"], s["matched"], s["spurious"], s["renumbering_only"],
             s["renumbering_only"] - s["renumbering_only_citation"], s["renumbering_only_citation"]))
    if s["light"]:
        print("light pair: %d modified records on kept provisions (lightly edited on purpose: "
              "expected, counted neither as noise nor as renumbering-only)" % s["kept_modified"])
    print(noise_line(s) + ("; %d other modified records pair provisions that are no kept pair "
                           "and no true edit" % s["modified_unmatched_other"]))
    print("records by kind: " + ", ".join("%s %d" % kv for kv in sorted(s["records_by_kind"].items())))
    print("not records: unchanged with renumbered true %d (kept provisions whose label, "
          "with its paragraph number, changed: %s); modified with xref_only true %d "
          "(%d on provisions whose citations only were renumbered, %d elsewhere)"
          % (s["renumbered_unchanged"], s["kept_renumbered"],
             s["xref_only_kept"] + s["xref_only_other"], s["xref_only_kept"], s["xref_only_other"]))
    print("recall: " + ", ".join("%s %d/%d" % (k, s["recall"][k][0], s["recall"][k][1]) for k in KINDS))
    for e in s["missed"][:5]:
        print("  missed %s %s -> %s" % (e["kind"], e["old"], e["new"]))
    for e in s["spurious_examples"][:5]:
        print("  spurious %s%s %s -> %s" % (e["kind"], "+moved" if e["moved"] else "", e["old"], e["new"]))
    for e in s["noise_examples"][:5]:
        print("  noise %s (%s record) %s -> %s" % (e["claim"], e["kind"], e["old"], e["new"]))


# --------------------------------------------------------------------------
# The table

TOOLS = ("normdiff", "git-word-diff", "wdiff", "dwdiff", "difflib")


def cmd_table(a):
    rows = []
    with open(a.results, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            tool, size, median, peak_kb, records, status, in_bytes, truth = \
                (line.rstrip("\n").split("\t") + [""] * 8)[:8]
            rows.append({"tool": tool, "size": size, "median": median,
                         "peak_kb": peak_kb, "records": records, "status": status,
                         "in_bytes": in_bytes, "truth": truth})
    sizes = []
    for r in rows:
        if r["size"] not in sizes:
            sizes.append(r["size"])
    scores = {}
    suffix = "-light" if a.light else ""
    for size in sizes:
        if a.scores:
            try:
                with open("%s/score-%s%s.json" % (a.scores, size, suffix), encoding="utf-8") as f:
                    scores[size] = json.load(f)
            except OSError:
                pass

    head = ("tool", "size", "median s", "peak MB", "records", "true edits")
    table = []
    for size in sizes:
        for r in sorted((r for r in rows if r["size"] == size),
                        key=lambda r: TOOLS.index(r["tool"]) if r["tool"] in TOOLS else 99):
            if r["status"] == "ok":
                cells = (r["tool"], size, "%.2f" % float(r["median"]),
                         "%.1f" % (int(r["peak_kb"]) / 1024.0), r["records"], r["truth"])
            else:
                cells = (r["tool"], size, r["status"], "-", "-", r["truth"])
            table.append(cells)
    widths = [max(len(str(x[i])) for x in [head] + table) for i in range(len(head))]

    def line(cells):
        return " | ".join(str(c).rjust(w) if i >= 2 else str(c).ljust(w)
                          for i, (c, w) in enumerate(zip(cells, widths)))
    print(line(head))
    print("-+-".join("-" * w for w in widths))
    for cells in table:
        print(line(cells))

    if scores:
        print()
        if a.light:
            print("normdiff against the truth, light-edit mode: every provision of the new "
                  "version was lightly edited;")
            print("modified records on kept provisions (kept-mod) are expected there, and are "
                  "neither noise nor renumbering-only")
            h2 = ("size", "records", "true", "matched", "kept-mod", "renum-only", "noise") + KINDS
        else:
            print("normdiff against the truth")
            h2 = ("size", "records", "true", "matched", "renum-only", "noise") + KINDS
        t2 = []
        noise_lines = []
        for size in sizes:
            s = scores.get(size)
            if not s:
                continue
            n = s.get("structural_noise", {}).get("total", "-")
            t2.append((size, s["records"], s["true_edits"], s["matched"]) +
                      ((s.get("kept_modified", 0),) if a.light else ()) +
                      (s["renumbering_only"], n) +
                      tuple("%s %d/%d" % (pct(*s["recall"][k]), s["recall"][k][0], s["recall"][k][1])
                            for k in KINDS))
            noise_lines.append("%s %s" % (size, noise_line(s)))
        w2 = [max(len(str(x[i])) for x in [h2] + t2) for i in range(len(h2))]
        print(" | ".join(str(c).ljust(w) for c, w in zip(h2, w2)))
        print("-+-".join("-" * w for w in w2))
        for cells in t2:
            print(" | ".join(str(c).rjust(w) if i else str(c).ljust(w)
                             for i, (c, w) in enumerate(zip(cells, w2))))
        for l in noise_lines:
            print(l)

    # Targets: set for the 10 MB pair; shown for the largest size measured.
    print()
    target_size = "10m" if "10m" in sizes else (sizes[-1] if sizes else None)
    if target_size is None:
        return
    note = "" if target_size == "10m" else " (measured on %s: the targets are set for 10m)" % target_size
    print("targets on the %s pair%s" % (target_size, note))
    nd = next((r for r in rows if r["tool"] == "normdiff" and r["size"] == target_size), None)
    git = next((r for r in rows if r["tool"] == "git-word-diff" and r["size"] == target_size), None)
    if not nd or nd["status"] != "ok":
        why = nd["status"] if nd else "not run"
        print("  normdiff %s: no target can be checked" % why)
        return
    s = scores.get(target_size)

    def verdict(ok):
        return "met" if ok else "NOT met"
    if git and git["status"] == "ok":
        ok = float(nd["median"]) <= float(git["median"])
        print("  no slower than git's word diff: %ss vs %ss: %s"
              % (nd["median"], git["median"], verdict(ok)))
    else:
        print("  no slower than git's word diff: git %s, cannot compare"
              % (git["status"] if git else "not run"))
    in_bytes, peak = int(nd["in_bytes"]), int(nd["peak_kb"]) * 1024
    print("  peak memory <= 10x input (old + new = %.1f MB, so %.1f MB): %.1f MB: %s"
          % (in_bytes / 1048576.0, 10 * in_bytes / 1048576.0, peak / 1048576.0,
             verdict(peak <= 10 * in_bytes)))
    if s:
        if s.get("light"):
            rest = s["records"] - s.get("kept_modified", 0)
            print("  records == true edits (light: less the %d modified records on kept "
                  "provisions): %d vs %d: %s"
                  % (s.get("kept_modified", 0), rest, s["true_edits"],
                     verdict(rest == s["true_edits"])))
        else:
            print("  records == true edits: %d vs %d: %s"
                  % (s["records"], s["true_edits"], verdict(s["records"] == s["true_edits"])))
        print("  zero renumbering-only records%s: %d: %s"
              % (" (light: modified records on kept provisions not counted)" if s.get("light") else "",
                 s["renumbering_only"], verdict(s["renumbering_only"] == 0)))
        if "structural_noise" in s:
            print("  zero structural noise: %d: %s"
                  % (s["structural_noise"]["total"], verdict(s["structural_noise"]["total"] == 0)))
        low = [k for k in KINDS if s["recall"][k][1] and s["recall"][k][0] < 0.95 * s["recall"][k][1]]
        print("  recall >= 95%% per kind: %s%s"
              % (verdict(not low), "" if not low else " (below: %s)" % ", ".join(low)))
    else:
        print("  records, renumbering and recall: no score (normdiff's report could not be read)")


def main():
    ap = argparse.ArgumentParser(description="score normdiff against the generator's truth")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("records")
    p.add_argument("report")
    p.set_defaults(fn=cmd_records)
    p = sub.add_parser("score")
    p.add_argument("report")
    p.add_argument("truth")
    p.add_argument("--json")
    p.set_defaults(fn=cmd_score)
    p = sub.add_parser("table")
    p.add_argument("results")
    p.add_argument("--scores")
    p.add_argument("--light", action="store_true",
                   help="light-edit pairs: read DIR/score-SIZE-light.json")
    p.set_defaults(fn=cmd_table)
    a = ap.parse_args()
    a.fn(a)


if __name__ == "__main__":
    main()
