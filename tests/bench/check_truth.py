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
  - in a light pair (truth.json "light": true, generate.py --light), where
    every provision of the new version was lightly edited on top of the
    true edits: kept and moved provisions differ from their old text but
    still share most words (word-level Dice of at least 0.8, citations
    masked), and only in the numbers of their citations when marked
    "xref"; a modified one changes at most one word more; a merged one
    shares most words with the two it joins; the first five words of kept,
    moved and merged provisions and of a split's first half are those of
    the old provision, except for at most "light_within_five" of them;
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


def dice(a, b):
    """Word-level Dice overlap of two texts (multisets of words)."""
    wa, wb = {}, {}
    for w in words(a):
        wa[w] = wa.get(w, 0) + 1
    for w in words(b):
        wb[w] = wb.get(w, 0) + 1
    common = sum(min(n, wb.get(w, 0)) for w, n in wa.items())
    total = sum(wa.values()) + sum(wb.values())
    return 2.0 * common / total if total else 1.0


LIGHT_DICE = 0.8


def main():
    if len(sys.argv) != 2:
        raise SystemExit("usage: check_truth.py DIR")
    d = sys.argv[1]
    truth = json.load(open(os.path.join(d, "truth.json"), encoding="utf-8"))
    old, old_order = read(os.path.join(d, "old.txt"))
    new, new_order = read(os.path.join(d, "new.txt"))
    light = bool(truth.get("light"))
    problems = []
    first_five_changed = []   # light pairs: provisions whose opening changed

    def light_same(o_label, n_label, what):
        """A light pair's old and new text of one provision: changed,
        but sharing most words; the opening words kept."""
        a, b = mask(old[o_label]), mask(new[n_label])
        if a == b:
            bad("%s %s -> %s: text not lightly edited" % (what, o_label, n_label))
        elif dice(a, b) < LIGHT_DICE:
            bad("%s %s -> %s: light edit too heavy (Dice %.2f < %.1f)"
                % (what, o_label, n_label, dice(a, b), LIGHT_DICE))
        if words(a)[:5] != words(b)[:5]:
            first_five_changed.append(o_label)

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
        if light:
            light_same(o, n, "kept")
            if (len(k) > 2) != (CITE.findall(old[o]) != CITE.findall(new[n])):
                bad("kept %s -> %s: citations %s marked xref" % (o, n, "renumbered but not"
                                                                if len(k) == 2 else "not renumbered but"))
        elif len(k) > 2:
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
            if light:
                if all(l in old for l in e["old"]) and all(l in new for l in e["new"]):
                    light_same(e["old"][0], e["new"][0], "moved")
            elif mask(o[0]) != mask(n[0]):
                bad("moved %s -> %s: text changed" % (e["old"][0], e["new"][0]))
        elif k == "modified":
            a, b = words(mask(o[0])), words(mask(n[0]))
            if a == b:
                bad("modified %s -> %s: same text" % (e["old"][0], e["new"][0]))
            # 1 to 4 word operations, and the light edit's inserted word
            if abs(len(a) - len(b)) > 4 + light:
                bad("modified %s: length changed by more than %d words" % (e["old"][0], 4 + light))
        elif k == "split":
            a = words(o[0])
            b1, b2 = words(n[0]), words(n[1])
            if not (a[0] == b1[0] == b2[0]):
                bad("split %s: halves do not keep the opening words" % e["old"][0])
            if len(b1) + len(b2) < len(a):
                bad("split %s: halves shorter than the whole" % e["old"][0])
            if light and a[:5] != b1[:5]:
                first_five_changed.append(e["old"][0])
        elif k == "merged":
            if light:
                a, b = mask(o[0]) + " " + mask(o[1]), mask(n[0])
                if dice(a, b) < LIGHT_DICE:
                    bad("merged %s: shares too few words with %s and %s (Dice %.2f)"
                        % (e["new"][0], e["old"][0], e["old"][1], dice(a, b)))
                if words(mask(o[0]))[:5] != words(b)[:5]:
                    first_five_changed.append(e["old"][0])
            elif not n[0].startswith(o[0].rstrip(",;:.")):
                bad("merged %s: does not start with %s" % (e["new"][0], e["old"][0]))
        elif k in ("added", "removed"):
            pass
        else:
            bad("unknown kind %s" % k)
    want = dict(truth["counts"])
    total = want.pop("total")
    if total != len(truth["edits"]) or any(counts.get(k, 0) != v for k, v in want.items()):
        bad("counts do not match the edits")

    if len(first_five_changed) > truth.get("light_within_five", 0):
        bad("light edits changed the first five words of %d provisions (%s), more than "
            "light_within_five (%d)" % (len(first_five_changed), ", ".join(first_five_changed[:5]),
                                        truth.get("light_within_five", 0)))

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
          "%d citations, %d kept provisions with renumbered citations%s"
          % (d, len(old_order), len(new_order), len(truth["edits"]),
             " ".join("%s=%d" % kv for kv in sorted(counts.items())),
             len(truth["kept"]), renumbered, ncite, nmoved_cite,
             "; light: %d provisions lightly edited, %d within their first five words"
             % (truth.get("light_edited", 0), len(first_five_changed)) if light else ""))
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
