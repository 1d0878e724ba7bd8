#!/usr/bin/env python3
"""The JSON outputs validate against their published schemas (docs/).

Runs normdiff on the bundled pair, a pair of PDFs (whose provisions have
pages; tests/import/paged_pdf.py, in a temporary directory) and the
hand-made series and validates each output with the jsonschema package;
exits 1 naming the output and the first error.
"""
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')


def run(normdiff, *args):
    p = subprocess.run([normdiff] + list(args), capture_output=True, text=True)
    if p.returncode not in (0, 1):
        sys.exit('normdiff %s: exit %d: %s' % (' '.join(args), p.returncode, p.stderr))
    return json.loads(p.stdout)


def main():
    with tempfile.TemporaryDirectory(prefix='nd-schema.') as tmp:
        subprocess.run([sys.executable, os.path.join(SRC, 'tests', 'import', 'paged_pdf.py'),
                        tmp], check=True)
        check(sys.argv[1], tmp)


def check(normdiff, tmp):
    drafts = os.path.join(SRC, 'drafts')
    series = [os.path.join(SRC, 'tests', 'data', 'series', 'v%d.txt' % k) for k in (1, 2, 3)]
    cases = [
        ('report.schema.json', ['diff', '--format=json',
                                os.path.join(drafts, '2011-A-66-359.txt'),
                                os.path.join(drafts, '2015-A-69-723.txt')]),
        ('report.schema.json', ['diff', '--format=json', os.path.join(tmp, 'old.pdf'),
                                os.path.join(tmp, 'new.pdf')]),
        ('history.schema.json', ['history', '--format=json'] + series),
        ('history.schema.json', ['history', '--format=json', '--provision', '4.'] + series),
        ('history.schema.json', ['history', '--format=json', '--provision', '1.'] + series),
    ]
    for schema_name, args in cases:
        with open(os.path.join(SRC, 'docs', schema_name)) as f:
            schema = json.load(f)
        doc = run(normdiff, *args)
        try:
            jsonschema.validate(doc, schema)
        except jsonschema.ValidationError as e:
            sys.exit('normdiff %s: not valid against %s: %s at %s'
                     % (' '.join(args[:3]), schema_name, e.message, list(e.absolute_path)))
        print('ok: normdiff %s ... against %s' % (' '.join(args[:2]), schema_name))


if __name__ == '__main__':
    main()
