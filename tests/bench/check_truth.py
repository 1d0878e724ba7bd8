#!/usr/bin/env python3
"""Check that a generated pair agrees with its truth.json.

    check_truth.py DIR

Reads DIR/old.txt and DIR/new.txt with a small reader of its own (not
normdiff's) that knows the generator's layout, and checks that

  - no two provisions of a version have the same text;
  - every label truth.json names exists in the version it names it for;
  - every provision of each version is accounted for exactly once, by an
    edit or by the "kept" list;
  - kept provisions have the same text in both versions, except those
    marked "xref", which differ only in the numbers of their citations;
  - moved provisions keep their text, modified ones change a few words,
    split halves start with the opening words of the provision they come
    from, a merged provision starts with the first of the two;
  - provisions really were renumbered;
  - every citation ("paragraph 12 above", "subparagraph (c) of paragraph
    7 below") points at an existing provision in the right direction, and
    the citations of kept provisions point at the same provision in both
    versions.

Prints what it checked and exits 1 on the first kind of inconsistency found.
"""

import json
import os
import re
import sys

MARK = re.compile(r"^(?:(\d+)\.|\(([a-h])\)|\(([ivx]+)\)) ")
CITE = re.compile(r"(?:subparagraph \(([a-h])\) of )?paragraph (\d+) (above|below)")


def read(path):
    """label -> text, and the labels in document order."""
    with open(path, encoding="utf-8") as f:
        paras = [p for p in f.read().split("\n\n") if p.strip()]
    texts, order = {}, []
    pp = 0
    in_pre = False
    n = letter = None
    for p in paras:
        p = p.strip()
        if p == "The General Assembly,":
            in_pre = True
            continue
        m = MARK.match(p)
        if m:
            in_pre = False
            if m.group(1):
                n, letter = m.group(1), None
                label = n
            elif m.group(2):
                letter = m.group(2)
                label = "%s(%s)" % (n, letter)
            else:
                label = "%s(%s)(%s)" % (n, letter, m.group(3))
            text = p[m.end():]
        elif in_pre and p.endswith(","):
            pp += 1
            label, text = "PP%d" % pp, p
        else:
            continue      # title or heading
        if label in texts:
            raise SystemExit("check_truth: %s: label %s twice" % (path, label))
        texts[label] = text
        order.append(label)
    return texts, order


def words(t):
    return t.rstrip(",;:.").split()


def mask(t):
    return CITE.sub("CITATION", t)


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: check_truth.py DIR")
    d = sys.argv[1]
    truth = json.load(open(os.path.join(d, "truth.json"), encoding="utf-8"))
    old, old_order = read(os.path.join(d, "old.txt"))
    new, new_order = read(os.path.join(d, "new.txt"))
    problems = []

    def bad(msg):
        if len(problems) < 20:
            problems.append(msg)
        else:
            problems.append(None)

    for texts, name in ((old, "old"), (new, "new")):
        if len(set(texts.values())) != len(texts):
            bad("%s.txt has provisions with the same text" % name)

    seen_old, seen_new = {}, {}
    for e in truth["edits"]:
        for l in e["old"]:
            if l not in old:
                bad("edit %s names old %s, not in old.txt" % (e["kind"], l))
            seen_old[l] = seen_old.get(l, 0) + 1
        for l in e["new"]:
            if l not in new:
                bad("edit %s names new %s, not in new.txt" % (e["kind"], l))
            seen_new[l] = seen_new.get(l, 0) + 1
    old_to_new = {}
    for k in truth["kept"]:
        o, n = k[0], k[1]
        seen_old[o] = seen_old.get(o, 0) + 1
        seen_new[n] = seen_new.get(n, 0) + 1
        old_to_new[o] = n
        if o not in old or n not in new:
            bad("kept %s -> %s: label missing" % (o, n))
            continue
        if len(k) > 2:
            if old[o] == new[n] or mask(old[o]) != mask(new[n]):
                bad("kept %s -> %s marked xref but texts differ otherwise" % (o, n))
        elif old[o] != new[n]:
            bad("kept %s -> %s: text changed" % (o, n))
    for e in truth["edits"]:
        if e["kind"] in ("modified", "moved"):
            old_to_new[e["old"][0]] = e["new"][0]
    for lab in old_order:
        if seen_old.get(lab) != 1:
            bad("old %s accounted for %d times" % (lab, seen_old.get(lab, 0)))
    for lab in new_order:
        if seen_new.get(lab) != 1:
            bad("new %s accounted for %d times" % (lab, seen_new.get(lab, 0)))

    counts = {}
    for e in truth["edits"]:
        k = e["kind"]
        counts[k] = counts.get(k, 0) + 1
        o = [old.get(l, "") for l in e["old"]]
        n = [new.get(l, "") for l in e["new"]]
        if k == "moved":
            if mask(o[0]) != mask(n[0]):
                bad("moved %s -> %s: text changed" % (e["old"][0], e["new"][0]))
        elif k == "modified":
            a, b = words(mask(o[0])), words(mask(n[0]))
            if a == b:
                bad("modified %s -> %s: same text" % (e["old"][0], e["new"][0]))
            if abs(len(a) - len(b)) > 4:
                bad("modified %s: length changed by more than 4 words" % e["old"][0])
        elif k == "split":
            a = words(o[0])
            b1, b2 = words(n[0]), words(n[1])
            if not (a[0] == b1[0] == b2[0]):
                bad("split %s: halves do not keep the opening words" % e["old"][0])
            if len(b1) + len(b2) < len(a):
                bad("split %s: halves shorter than the whole" % e["old"][0])
        elif k == "merged":
            if not n[0].startswith(o[0].rstrip(",;:.")):
                bad("merged %s: does not start with %s" % (e["new"][0], e["old"][0]))
        elif k in ("added", "removed"):
            pass
        else:
            bad("unknown kind %s" % k)
    want = dict(truth["counts"])
    total = want.pop("total")
    if total != len(truth["edits"]) or any(counts.get(k, 0) != v for k, v in want.items()):
        bad("counts do not match the edits")

    renumbered = sum(1 for k in truth["kept"] if k[0] != k[1])
    if renumbered == 0:
        bad("no kept provision was renumbered")

    # citations: target exists, direction right, kept ones point at the
    # same provision in both versions
    ncite = nmoved_cite = 0
    for texts, order, name in ((old, old_order, "old"), (new, new_order, "new")):
        pos = {l: i for i, l in enumerate(order)}
        for lab in order:
            for m in CITE.finditer(texts[lab]):
                target = m.group(2) + ("(%s)" % m.group(1) if m.group(1) else "")
                if target not in pos:
                    bad("%s %s cites %s, which does not exist" % (name, lab, target))
                    continue
                if (pos[target] < pos[lab]) != (m.group(3) == "above"):
                    bad("%s %s cites %s %s" % (name, lab, target, m.group(3)))
                ncite += name == "old"
    for k in truth["kept"]:
        o, n = k[0], k[1]
        if o not in old or n not in new:
            continue
        co = [(m.group(2) + ("(%s)" % m.group(1) if m.group(1) else "")) for m in CITE.finditer(old[o])]
        cn = [(m.group(2) + ("(%s)" % m.group(1) if m.group(1) else "")) for m in CITE.finditer(new[n])]
        if [old_to_new.get(t) for t in co] != cn:
            bad("kept %s -> %s: citations %s became %s" % (o, n, co, cn))
        if co != cn:
            nmoved_cite += 1
    if not any(len(k) > 2 for k in truth["kept"]) and ncite:
        bad("no citation was renumbered")

    print("check_truth: %s: old %d provisions, new %d; %d edits %s; %d kept, %d renumbered; "
          "%d citations, %d kept provisions with renumbered citations"
          % (d, len(old_order), len(new_order), len(truth["edits"]),
             " ".join("%s=%d" % kv for kv in sorted(counts.items())),
             len(truth["kept"]), renumbered, ncite, nmoved_cite))
    if problems:
        for p in problems:
            if p is None:
                print("  ... more")
                break
            print("  " + p)
        sys.exit(1)
    print("check_truth: consistent")


if __name__ == "__main__":
    main()
