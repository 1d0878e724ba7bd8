#!/usr/bin/env python3
"""Reports stay byte for byte what they were: a guard for work on speed.

    identical.py NORMDIFF SRCDIR

Runs `normdiff diff` in every format (text, markdown, json, html, docx
with SOURCE_DATE_EPOCH=0, and --stat) on
  - the bundled pair (drafts/2011-A-66-359.txt, drafts/2015-A-69-723.txt),
  - every consecutive pair of versions in tests/data/corpus (oldest first,
    by version number),
  - pairs generated here, in a temporary directory: generate.py --size
    100k --seed 1, the same with --light, and worst.py's no-ident, huge,
    tiny and vocab shapes at 200k (seed 1),
once on one thread and once on two (NORMDIFF_JOBS=1, 2: the versions
parsed at once), and compares the SHA-256 of each report (standard output; the file for
docx) and the exit status with tests/perf/identical.sha256, one line a
case: digest, status, case name.  With ND_UPDATE_GOLDEN=1 it writes that
file instead (review `git diff` before committing it).

On a mismatch it names each case and format that differs and prints the
command that shows the report, to compare with a build of an older commit.
"""

import hashlib
import os
import re
import subprocess
import sys
import tempfile

FORMATS = [("text", ["--format=text"]), ("markdown", ["--format=markdown"]),
           ("json", ["--format=json"]), ("html", ["--format=html"]),
           ("docx", ["--format=docx", "-o", "{out}"]), ("stat", ["--stat"])]
GENERATED = [("gen-100k", ["generate.py", "--size", "100k", "--seed", "1"]),
             ("gen-100k-light", ["generate.py", "--size", "100k", "--seed", "1", "--light"])]
GENERATED += [("worst-%s-200k" % c, ["worst.py", "--case", c, "--size", "200k", "--seed", "1"])
              for c in ("no-ident", "huge", "tiny", "vocab")]


def version_key(name):
    return [int(x) for x in re.findall(r"\d+", name)]


def pairs(src, tmp):
    """(case name, old, new, how it was made or None) in a fixed order."""
    drafts = os.path.join(src, "drafts")
    yield ("bundled", os.path.join(drafts, "2011-A-66-359.txt"),
           os.path.join(drafts, "2015-A-69-723.txt"), None)
    corpus = os.path.join(src, "tests", "data", "corpus")
    if not os.path.isdir(corpus):
        sys.exit("identical: no corpus at %s" % corpus)
    for series in sorted(os.listdir(corpus)):
        d = os.path.join(corpus, series)
        if not os.path.isdir(d):
            continue
        files = sorted((f for f in os.listdir(d) if f.endswith(".txt")), key=version_key)
        for a, b in zip(files, files[1:]):
            yield ("corpus/%s--%s" % (a[:-4], b[:-4]), os.path.join(d, a), os.path.join(d, b), None)
    bench = os.path.join(src, "tests", "bench")
    for name, cmd in GENERATED:
        out = os.path.join(tmp, name)
        full = [sys.executable, os.path.join(bench, cmd[0])] + cmd[1:] + ["--out", out]
        p = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            sys.exit("identical: %s failed: %s" % (" ".join(full), p.stderr.strip()))
        how = "python3 tests/bench/%s --out DIR" % " ".join(cmd)
        yield (name, os.path.join(out, "old.txt"), os.path.join(out, "new.txt"), how)


def run_all(normdiff, src, tmp, jobs):
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", LC_ALL="C.UTF-8", TZ="UTC",
               NORMDIFF_JOBS=jobs)
    for k in ("NO_COLOR", "NORMDIFF_STORE"):
        env.pop(k, None)
    results = []   # (case, digest, status, command shown on a mismatch, how)
    for case, old, new, how in pairs(src, tmp):
        for fmt, opts in FORMATS:
            out = os.path.join(tmp, "report.docx")
            args = [o.format(out=out) for o in opts]
            # run beside the pair and name it by its file names, so the
            # temporary directory's name is not in the report
            cwd = os.path.dirname(old)
            cmd = [normdiff, "diff"] + args + [os.path.relpath(old, cwd), os.path.relpath(new, cwd)]
            if os.path.exists(out):
                os.remove(out)
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd)
            data = p.stdout
            if fmt == "docx":
                data = open(out, "rb").read() if os.path.exists(out) else b""
            if p.returncode not in (0, 1):
                sys.stderr.write("%s %s: exit %d: %s\n" % (case, fmt, p.returncode,
                                                           p.stderr.decode(errors="replace").strip()))
            where = "DIR" if how else os.path.relpath(cwd, src)
            shown = "cd %s && SOURCE_DATE_EPOCH=0 NORMDIFF_JOBS=%s normdiff diff %s %s" % (
                where, jobs, " ".join(a if a != out else "out.docx" for a in args), " ".join(cmd[-2:]))
            results.append(("%s %s" % (case, fmt), hashlib.sha256(data).hexdigest(),
                            p.returncode, shown, how))
    return results


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: identical.py NORMDIFF SRCDIR")
    normdiff, src = os.path.realpath(sys.argv[1]), os.path.realpath(sys.argv[2])
    golden = os.path.join(src, "tests", "perf", "identical.sha256")
    with tempfile.TemporaryDirectory(prefix="nd-identical.") as tmp:
        one = run_all(normdiff, src, tmp, "1")
        results = one + ([] if os.environ.get("ND_UPDATE_GOLDEN") == "1"
                         else run_all(normdiff, src, tmp, "2"))
    lines = ["%s %d %s\n" % (d, st, name) for name, d, st, _, _ in one]
    if os.environ.get("ND_UPDATE_GOLDEN") == "1":
        with open(golden, "w") as f:
            f.writelines(lines)
        print("updated %s (%d cases)" % (golden, len(lines)))
        return 0
    if not os.path.exists(golden):
        print("no %s; create it with ND_UPDATE_GOLDEN=1 and review it" % golden)
        return 1
    expected = {}
    for line in open(golden):
        d, st, name = line.rstrip("\n").split(" ", 2)
        expected[name] = (d, int(st))
    bad = 0
    seen = set()
    for name, d, st, shown, how in results:
        want = expected.get(name)
        seen.add(name)
        if want == (d, st):
            continue
        bad += 1
        if want is None:
            print("%s: not in %s (new case? regenerate with ND_UPDATE_GOLDEN=1)" % (name, golden))
            continue
        what = []
        if want[0] != d:
            what.append("report differs (sha256 %s, expected %s)" % (d[:16], want[0][:16]))
        if want[1] != st:
            what.append("exit status %d, expected %d" % (st, want[1]))
        print("%s: %s" % (name, "; ".join(what)))
        print("    see it: %s%s" % ("%s; " % how if how else "", shown))
    for name in expected:
        if name in seen:
            continue
        bad += 1
        print("%s: in %s but not run" % (name, golden))
    if bad:
        print()
        print("%d of %d reports are not what they were. To see a difference, run the"
              " command shown with this build and with a build of the last commit whose"
              " reports were right (git worktree add /tmp/old COMMIT; meson setup"
              " /tmp/old/build /tmp/old; ninja -C /tmp/old/build) and compare the two"
              " (diff -u, or for docx unzip -p out.docx word/document.xml);"
              " if the change is intended, ND_UPDATE_GOLDEN=1 meson test -C build"
              " perf-identical and review git diff." % (bad, len(results)))
        return 1
    print("%d reports identical to %s" % (len(results), os.path.relpath(golden, src)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
