#!/usr/bin/env python3
"""The Word redline (--format=docx) reads back as both versions.

For every pair it is given (consecutive versions of each series in
tests/data/corpus, the bundled drafts, and the pairs of --pair), write the
redline with SOURCE_DATE_EPOCH set and check:

- read with its tracked changes rejected, its provisions (kind, label and
  text, in order) are the old version's; accepted, the new version's;
- `normdiff diff REDLINE.docx` alone gives the same change records as the
  comparison that wrote it (source lines aside);
- writing it twice gives the same bytes.

With --libreoffice SOFFICE, every redline is also converted by LibreOffice
(headless) to Word and to OpenDocument text. Read with the changes
accepted, every converted file must give the new version: LibreOffice
understood every tracked change. Read rejected, at least the given number
must give the old version: LibreOffice 7.4 joins two insertions by one
author and date that meet at a paragraph's end into one, so rejecting it
joins the two paragraphs (docs/guide.md, "Word redline").

Exits 1 naming the first pair and check that fails; prints one line per
pair otherwise.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, '..', '..')
CORPUS = os.path.join(ROOT, 'tests', 'data', 'corpus')
DRAFTS = os.path.join(ROOT, 'drafts')
EPOCH = '1764662400'  # 2025-12-02T08:00:00Z


def version_key(name):
    return [int(x) for x in re.findall(r'\d+', name)]


def pairs(extra):
    out = [(os.path.join(DRAFTS, '2011-A-66-359.txt'),
            os.path.join(DRAFTS, '2015-A-69-723.txt'))]
    for series in sorted(os.listdir(CORPUS)):
        d = os.path.join(CORPUS, series)
        if not os.path.isdir(d):
            continue
        files = sorted((f for f in os.listdir(d) if f.endswith('.txt')),
                       key=version_key)
        out += [(os.path.join(d, a), os.path.join(d, b))
                for a, b in zip(files, files[1:])]
    return out + [tuple(p.split(',', 1)) for p in extra]


def run(nd, args, ok=(0,), env=None):
    p = subprocess.run([nd] + args, capture_output=True, env=env)
    if p.returncode not in ok:
        sys.exit('normdiff %s: exit %d: %s' % (' '.join(args), p.returncode,
                                               p.stderr.decode(errors='replace')))
    return p.stdout


def provisions(nd, args):
    j = json.loads(run(nd, ['outline', '--format=json'] + args))
    flat = []

    def walk(ps):
        for p in ps:
            flat.append((p['kind'], p['label'], p['text']))
            walk(p['children'])
    walk(j['provisions'])
    return flat


def records(nd, args):
    j = json.loads(run(nd, ['diff', '--format=json'] + args, ok=(0, 1)))
    for c in j['changes']:
        for side in ('old', 'new'):
            for p in c.get(side) or []:
                p.pop('line', None)
                p.pop('last_line', None)
    return j['summary'], j['changes']


def first_difference(a, b):
    for k, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return 'provision %d: %r, expected %r' % (k + 1, x, y)
    return '%d provisions, expected %d' % (len(a), len(b))


def check_reads(nd, name, docx, old, new, modes=('reject', 'accept')):
    """docx read rejected is old, accepted is new: (text failure, structure
    failure), each '' when there is none. The texts of the provisions, in
    order, must always come back; their kinds and labels depend on layout
    a Word file does not keep (a line that follows another without a blank
    line, indentation in plain text), so a few pairs may read otherwise."""
    text = structure = ''
    for mode, want in (('reject', old), ('accept', new)):
        if mode not in modes:
            continue
        got = provisions(nd, ['--changes=' + mode, docx])
        what = '%s: %s read with changes %sed: ' % (name, docx, mode)
        if [g[2] for g in got] != [w[2] for w in want]:
            text = text or what + first_difference([g[2] for g in got],
                                                   [w[2] for w in want])
        elif got != want:
            structure = structure or what + first_difference(got, want)
    return text, structure


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--normdiff', required=True)
    ap.add_argument('--pair', action='append', default=[],
                    help='OLD,NEW: another pair to check')
    ap.add_argument('--libreoffice', help='soffice, to convert each redline')
    ap.add_argument('--lo-min-reject-docx', type=int, default=0,
                    help='LibreOffice\'s Word files that must read back '
                    'rejected as the old version')
    ap.add_argument('--lo-min-reject-odt', type=int, default=0)
    ap.add_argument('--min-structure', type=int, default=0,
                    help='pairs whose kinds, labels and records must come '
                    'back too')
    a = ap.parse_args()
    nd = a.normdiff
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    tmp = tempfile.mkdtemp(prefix='normdiff-redline-')
    failures, differ = [], []
    try:
        made = []
        for k, (old, new) in enumerate(pairs(a.pair)):
            name = '%s -> %s' % (os.path.basename(old), os.path.basename(new))
            docx = os.path.join(tmp, 'r%03d.docx' % k)
            run(nd, ['diff', old, new, '-o', docx], ok=(0, 1), env=env)
            again = run(nd, ['diff', old, new, '--format=docx'], ok=(0, 1),
                        env=env)
            with open(docx, 'rb') as f:
                if f.read() != again:
                    failures.append('%s: two runs wrote different bytes' % name)
            want_old = provisions(nd, [old])
            want_new = provisions(nd, [new])
            text, structure = check_reads(nd, name, docx, want_old, want_new)
            if not text and not structure and \
                    records(nd, [docx])[1] != records(nd, [old, new])[1]:
                structure = '%s: diff %s alone finds other records' % (name, docx)
            report(name, text, structure, failures, differ)
            made.append((name, docx, want_old, want_new))
        direct = len(failures)
        if a.libreoffice:
            failures += libreoffice(nd, a.libreoffice, tmp, made, differ,
                                   {'docx': a.lo_min_reject_docx,
                                    'odt': a.lo_min_reject_odt})
    finally:
        shutil.rmtree(tmp)
    for f in failures:
        print('FAIL ' + f)
    same = len(made) - len([d for d in differ if '(LibreOffice' not in d])
    print('%d pairs: %d with every text back, %d with their structure too '
          '(at least %d wanted); %d failures'
          % (len(made), len(made) - direct, same, a.min_structure,
             len(failures)))
    if same < a.min_structure:
        print('FAIL fewer pairs than %d read back with their structure'
              % a.min_structure)
        return 1
    return 1 if failures else 0


def report(name, text, structure, failures, differ):
    if text:
        failures.append(text)
    elif structure:
        differ.append(name)
        print('structure differs %s' % structure)
    else:
        print('ok %s' % name)


def libreoffice(nd, soffice, tmp, made, differ, min_reject):
    """Convert every redline with LibreOffice; failures as a list."""
    failures = []
    profile = os.path.join(tmp, 'profile')
    for ext in ('docx', 'odt'):
        out = os.path.join(tmp, 'lo-' + ext)
        os.mkdir(out)
        fmt = 'docx:MS Word 2007 XML' if ext == 'docx' else 'odt'
        p = subprocess.run([soffice, '-env:UserInstallation=file://' + profile,
                            '--headless', '--convert-to', fmt, '--outdir', out]
                           + [m[1] for m in made], capture_output=True,
                           timeout=500)
        if p.returncode != 0:
            return ['LibreOffice failed (exit %d): %s' % (
                p.returncode, p.stderr.decode(errors='replace'))]
        rejected = 0
        for name, docx, old, new in made:
            conv = os.path.join(out, os.path.basename(docx)[:-4] + ext)
            if not os.path.exists(conv):
                failures.append('%s: LibreOffice wrote no %s' % (name, ext))
                continue
            label = '%s (LibreOffice %s)' % (name, ext)
            text, structure = check_reads(nd, label, conv, old, new, ('accept',))
            report(label, text, structure, failures, differ)
            text, _ = check_reads(nd, label, conv, old, new, ('reject',))
            if text:
                print('rejected otherwise ' + text)
            else:
                rejected += 1
        print('LibreOffice %s: %d of %d read back rejected as the old version '
              '(at least %d wanted)' % (ext, rejected, len(made), min_reject[ext]))
        if rejected < min_reject[ext]:
            failures.append('LibreOffice %s: only %d rejected right' % (ext, rejected))
    return failures


if __name__ == '__main__':
    sys.exit(main())
