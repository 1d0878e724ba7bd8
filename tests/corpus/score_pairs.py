#!/usr/bin/env python3
"""Score normdiff's alignment against the hand-written pairings of the corpus.

For each tests/data/corpus/pairs/OLD--NEW.pairs (the correspondences a
reader wrote down, by the conventions of tests/data/corpus/EXPECTED.md),
run `normdiff diff --format=json OLD.txt NEW.txt`, take every old x new
entry of each change record that has both sides as a predicted pair
(old line, new line), and report recall, precision, false moves and
missed moves.

usage: score_pairs.py --normdiff PATH [--corpus DIR] [--min-recall R]
                      [--min-precision P] [--max-false-moves N] [--verbose]
                      [PAIRFILE-NAME ...]

Exit status: 0 when the totals meet the limits given, 1 when they do not,
2 on trouble (normdiff missing or failing, a malformed pairs file, a text
that cannot be found).
"""

import argparse
import glob
import json
import os
import subprocess
import sys


class Trouble(Exception):
    """Something that stops the scoring (exit status 2)."""


def find_text(corpus, name):
    """The .txt of NAME: a path under CORPUS, or the basename in any series."""
    if "/" in name:
        path = os.path.join(corpus, name + ".txt")
        if os.path.isfile(path):
            return path
        raise Trouble("no text %s.txt under %s" % (name, corpus))
    hits = sorted(glob.glob(os.path.join(glob.escape(corpus), "*", name + ".txt")))
    if not hits:
        raise Trouble("no text %s.txt in any series folder of %s" % (name, corpus))
    if len(hits) > 1:
        raise Trouble("%s.txt is in several series folders: %s" % (name, ", ".join(hits)))
    return hits[0]


def read_lines(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        raise Trouble("cannot read %s: %s" % (path, e))


def parse_pairs(path, old_lines, new_lines, text_paths):
    """{(old, new): moved} from a pairs file; Trouble names file:line."""
    pairs = {}
    try:
        with open(path, encoding="utf-8") as f:
            rows = f.read().split("\n")
    except (OSError, UnicodeDecodeError) as e:
        raise Trouble("cannot read %s: %s" % (path, e))
    if rows and rows[-1] == "":
        rows.pop()
    for no, row in enumerate(rows, 1):
        where = "%s:%d" % (path, no)
        if row.startswith("#") or row.strip() == "":
            continue
        fields = row.split("\t")
        if len(fields) not in (2, 3):
            raise Trouble("%s: expected OLDLINE<TAB>NEWLINE[<TAB>moved], got %d TAB-separated field(s)"
                          % (where, len(fields)))
        nums = []
        for side, field, lines in (("old", fields[0], old_lines), ("new", fields[1], new_lines)):
            if not field.isdigit() or int(field) < 1:
                raise Trouble("%s: %s line %r is not a positive integer" % (where, side, field))
            n = int(field)
            if n > len(lines) or lines[n - 1].strip() == "":
                raise Trouble("%s: %s line %d is %s %s" % (
                    where, side, n, "past the end of" if n > len(lines) else "blank in",
                    os.path.basename(text_paths[side])))
            nums.append(n)
        if len(fields) == 3 and fields[2] != "moved":
            raise Trouble("%s: third field must be exactly 'moved', got %r" % (where, fields[2]))
        key = (nums[0], nums[1])
        if key in pairs:
            raise Trouble("%s: pair %d %d is listed twice" % (where, key[0], key[1]))
        pairs[key] = len(fields) == 3
    return pairs


def predict(normdiff, old_path, new_path):
    """{(old, new): moved} from normdiff's JSON report."""
    cmd = [normdiff, "diff", "--format=json", old_path, new_path]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as e:
        raise Trouble("cannot run %s: %s" % (normdiff, e))
    if proc.returncode not in (0, 1):
        err = proc.stderr.decode("utf-8", "replace").strip()
        raise Trouble("%s exited with status %d%s" % (
            " ".join(cmd), proc.returncode, (": " + err) if err else ""))
    try:
        report = json.loads(proc.stdout.decode("utf-8"))
        changes = report["changes"]
        pairs = {}
        for rec in changes:
            olds = [e["line"] for e in rec.get("old") or [] if isinstance(e.get("line"), int)]
            news = [e["line"] for e in rec.get("new") or [] if isinstance(e.get("line"), int)]
            for o in olds:
                for n in news:
                    pairs[(o, n)] = pairs.get((o, n), False) or bool(rec.get("moved"))
        return pairs
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise Trouble("%s: unexpected JSON output (%s)" % (" ".join(cmd), e))


def snippet(lines, n):
    return lines[n - 1].strip()[:60] if 0 < n <= len(lines) else "?"


def ratio(num, den, empty):
    return num / den if den else empty


def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--normdiff", required=True, metavar="PATH", help="the normdiff binary")
    ap.add_argument("--corpus", metavar="DIR", default=os.path.join(here, "..", "data", "corpus"),
                    help="the corpus folder (default: ../data/corpus next to this script)")
    ap.add_argument("--min-recall", type=float, metavar="R")
    ap.add_argument("--min-precision", type=float, metavar="P")
    ap.add_argument("--max-false-moves", type=int, metavar="N")
    ap.add_argument("--verbose", action="store_true",
                    help="list every missed pair, wrong pair, false and missed move")
    ap.add_argument("names", nargs="*", metavar="PAIRFILE-NAME",
                    help="OLD--NEW (with or without .pairs); default: every pairs file")
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0

    try:
        corpus = os.path.normpath(args.corpus)
        pairdir = os.path.join(corpus, "pairs")
        if args.names:
            files = []
            for name in args.names:
                base = os.path.basename(name)
                if base.endswith(".pairs"):
                    base = base[:-len(".pairs")]
                files.append(os.path.join(pairdir, base + ".pairs"))
        else:
            files = sorted(glob.glob(os.path.join(glob.escape(pairdir), "*.pairs")))
            if not files:
                raise Trouble("no pairs files in %s" % pairdir)
        if not (os.path.isfile(args.normdiff) and os.access(args.normdiff, os.X_OK)):
            raise Trouble("normdiff binary %s is missing or not executable" % args.normdiff)

        # Read and check every pairs file before running anything.
        jobs = []
        for path in files:
            if not os.path.isfile(path):
                raise Trouble("no pairs file %s" % path)
            name = os.path.basename(path)[:-len(".pairs")]
            if name.count("--") != 1:
                raise Trouble("%s: the name is not OLD--NEW.pairs" % path)
            old_name, new_name = name.split("--")
            old_path, new_path = find_text(corpus, old_name), find_text(corpus, new_name)
            old_lines, new_lines = read_lines(old_path), read_lines(new_path)
            truth = parse_pairs(path, old_lines, new_lines, {"old": old_path, "new": new_path})
            jobs.append((name, old_path, new_path, old_lines, new_lines, truth))

        rows = []
        details = []
        tot_true = tot_pred = tot_tp = tot_false = tot_missed = 0
        for name, old_path, new_path, old_lines, new_lines, truth in jobs:
            pred = predict(args.normdiff, old_path, new_path)
            tp = [p for p in pred if p in truth]
            false_moves = sorted(p for p, mv in pred.items() if mv and not truth.get(p, False))
            missed_moves = sorted(p for p in tp if truth[p] and not pred[p])
            rows.append((name, len(truth), len(pred),
                         ratio(len(tp), len(truth), 1.0),
                         ratio(len(tp), len(pred), 1.0 if not truth else 0.0),
                         len(false_moves), len(missed_moves)))
            tot_true += len(truth)
            tot_pred += len(pred)
            tot_tp += len(tp)
            tot_false += len(false_moves)
            tot_missed += len(missed_moves)
            if args.verbose:
                def show(tag, pairs, mark=lambda p: ""):
                    for o, n in pairs:
                        details.append("  %-12s %5d -> %-5d%-6s | %-60s | %s" % (
                            tag, o, n, mark((o, n)), snippet(old_lines, o), snippet(new_lines, n)))
                details.append("%s:" % name)
                show("missed", sorted(p for p in truth if p not in pred),
                     lambda p: " moved" if truth[p] else "")
                show("wrong", sorted(p for p in pred if p not in truth),
                     lambda p: " moved" if pred[p] else "")
                show("false move", false_moves)
                show("missed move", missed_moves)

        total = ("total", tot_true, tot_pred, ratio(tot_tp, tot_true, 1.0),
                 ratio(tot_tp, tot_pred, 1.0 if not tot_true else 0.0), tot_false, tot_missed)
        width = max(len(r[0]) for r in rows + [total])
        head = "%-*s %6s %6s %7s %9s %6s %6s" % (width, "pairs", "true", "pred", "recall",
                                                 "precision", "false", "missed")
        head2 = "%-*s %6s %6s %7s %9s %6s %6s" % (width, "", "", "", "", "", "moves", "moves")
        print(head)
        print(head2)
        for r in rows + [total]:
            if r is total:
                print("-" * len(head))
            print("%-*s %6d %6d %7.3f %9.3f %6d %6d" % ((width,) + r))
        if details:
            print()
            print("\n".join(details))

        failed = []
        if args.min_recall is not None and total[3] < args.min_recall:
            failed.append("recall %.3f < %.3f" % (total[3], args.min_recall))
        if args.min_precision is not None and total[4] < args.min_precision:
            failed.append("precision %.3f < %.3f" % (total[4], args.min_precision))
        if args.max_false_moves is not None and tot_false > args.max_false_moves:
            failed.append("false moves %d > %d" % (tot_false, args.max_false_moves))
        if failed:
            print("score_pairs: below the limits: " + "; ".join(failed), file=sys.stderr)
            return 1
        return 0
    except Trouble as e:
        print("score_pairs: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
