/* synopsis.c - the comparison table of a series (synopsis.h): the cells,
 * their spans and edits, the driver, and the formats for scripts and
 * documents (JSON, CSV, Markdown); text and HTML have files of their own.
 *
 * Design note. The rows come from nd_series_rows; this file adds what a
 * table needs on top of them, computed once per call:
 * - spans: a cell continues the one above when the row above has the same
 *   provision in that column (a split's older cells, a merge's newer
 *   cell); nd_series_rows keeps such rows next to each other, and a
 *   provision shared by rows that are not (no series made so far) is
 *   simply repeated. One pass from the bottom row up gives every first
 *   row its span, O(rows * versions).
 * - edits are diffed when a format asks for them (nd_word_diff between the
 *   baseline cell's body and the cell's body; for a cell spanning rows,
 *   the bodies of the distinct baseline cells of its rows joined by a
 *   space, so a merged cell reads against all it merged), one cell at a
 *   time into one reused nd_wdiff, so memory stays that of the largest
 *   cell. A cell that is its own baseline, or whose baseline cells are
 *   empty, needs no diff: its text is one op (equal, or an insertion). A
 *   continued cell has the edits of its span's first row.
 *
 * Markers where a cell continues a span: "〃" (ditto) in Markdown and CSV,
 * "〃 as above" in text; HTML uses rowspan and JSON "continued". Edits
 * are marked [-deleted-]{+inserted+} in CSV (as in the text report) and
 * <del>..</del><ins>..</ins> in Markdown, which GitHub renders inside
 * table cells where ~~ and ** would depend on the letters around them.
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/utf8.h"
#include "normdiff/walk.h"
#include "synopsis_internal.h"

/* ---- the table ---- */

size_t syn_cell(const syn *t, size_t r, size_t v)
{
	return t->rows->cells[r * t->nver + v];
}

int syn_continued(const syn *t, size_t r, size_t v)
{
	return r > 0 && syn_cell(t, r, v) != ND_NONE &&
	       syn_cell(t, r - 1, v) == syn_cell(t, r, v);
}

void syn_body(const syn *t, size_t v, size_t i, const char **s, size_t *len)
{
	const nd_doc *d = nd_series_doc(t->s, v);

	*s = d->text->buf + d->clauses[i].body_off;
	*len = d->clauses[i].body_len;
}

size_t syn_base(const syn *t, size_t v)
{
	if (t->o->baseline != ND_NONE)
		return t->o->baseline == v ? ND_NONE : t->o->baseline;
	return v ? v - 1 : ND_NONE;
}

/* The text of the baseline cells of a cell spanning rows r..r+n-1 in
 * column b: the distinct provisions there, in row order, their bodies
 * joined by one space (as a merge's are diffed); into t->base. Returns
 * how many there are. */
static size_t base_text(syn *t, size_t r, size_t n, size_t b, int *err)
{
	size_t k, last = ND_NONE, m = 0;

	nd_buf_clear(&t->base);
	for (k = r; k < r + n && !*err; k++) {
		size_t j = syn_cell(t, k, b);
		const char *bs;
		size_t blen;

		if (j == ND_NONE || j == last)
			continue;
		syn_body(t, b, j, &bs, &blen);
		if (m++)
			*err = nd_buf_putc(&t->base, ' ');
		*err = *err ? *err : nd_buf_put(&t->base, bs, blen);
		last = j;
	}
	return m;
}

int syn_edits(syn *t, size_t r, size_t v)
{
	size_t b = syn_base(t, v), i = syn_cell(t, r, v);
	const char *s, *bs;
	size_t len, blen;
	int err = 0;

	while (syn_continued(t, r, v)) /* the cell is its span's first row's */
		r--;
	syn_body(t, v, i, &s, &len);
	t->one = (nd_op){ND_OP_EQUAL, s, len};
	t->ops = &t->one;
	t->nops = len > 0;
	if (b == ND_NONE)
		return SYN_OWN;
	if (!base_text(t, r, t->span[r * t->nver + v], b, &err)) {
		t->one.kind = ND_OP_INSERT;
		return err ? err : SYN_NEW;
	}
	if (err)
		return err;
	bs = t->base.ptr;
	blen = t->base.len;
	if (blen == len && !memcmp(bs, s, len))
		return SYN_SAME;
	if ((err = nd_word_diff(&t->diff, bs, blen, s, len, 0)) != 0)
		return err;
	t->ops = t->diff.ops;
	t->nops = t->diff.n;
	return SYN_CHANGED;
}

void syn_edges(const nd_op *op, size_t *lead, size_t *trail)
{
	size_t len = op->len;

	*lead = *trail = 0;
	if (strspn(op->text, " ") >= len)
		return;
	while (*lead < len && op->text[*lead] == ' ')
		(*lead)++;
	while (*trail < len - *lead && op->text[len - 1 - *trail] == ' ')
		(*trail)++;
}

int syn_same_label(const syn *t, size_t r, size_t v)
{
	size_t b = syn_base(t, v), j;

	while (syn_continued(t, r, v))
		r--;
	j = b == ND_NONE ? ND_NONE : syn_cell(t, r, b);

	return j == ND_NONE ||
	       !strcmp(nd_doc_label(nd_series_doc(t->s, v), syn_cell(t, r, v)),
	               nd_doc_label(nd_series_doc(t->s, b), j));
}

int syn_label(nd_buf *out, const syn *t, size_t v, size_t i)
{
	const nd_doc *d = nd_series_doc(t->s, v);

	if (d->clauses[i].kind == ND_CLAUSE_HEADING && d->clauses[i].family < 0)
		return 0;
	return nd_labels(out, d, &i, 1);
}

const nd_docinfo *syn_info(const syn *t, size_t v)
{
	return t->o->infos ? &t->o->infos[v] : NULL;
}

int syn_version(nd_buf *out, const syn *t, size_t v)
{
	return nd_report_version(out, syn_info(t, v));
}

int syn_baseline_words(nd_buf *out, const syn *t)
{
	int err;

	if (t->o->baseline == ND_NONE)
		return nd_buf_puts(out, "edits against the previous version");
	err = nd_buf_printf(out, "edits against v%zu, ", t->o->baseline + 1);
	return err ? err : syn_version(out, t, t->o->baseline);
}

static int spans(syn *t)
{
	size_t r, v;

	if ((t->span = calloc(t->nrow * t->nver + 1, sizeof(*t->span))) == NULL)
		return nd_error_oom();
	for (r = t->nrow; r-- > 0;)
		for (v = 0; v < t->nver; v++) {
			size_t *at = &t->span[r * t->nver + v];

			if (syn_cell(t, r, v) == ND_NONE)
				continue;
			*at = 1 + (r + 1 < t->nrow && syn_continued(t, r + 1, v)
			               ? t->span[(r + 1) * t->nver + v] : 0);
		}
	/* a continued cell's count moves to the first row of its span */
	for (r = 0; r < t->nrow; r++)
		for (v = 0; v < t->nver; v++)
			if (syn_continued(t, r, v))
				t->span[r * t->nver + v] = 0;
	return 0;
}

/* ---- the driver ---- */

static const struct {
	const char *name;
	int (*write)(syn *t);
} formats[] = {
	{"text", syn_text},
	{"markdown", syn_markdown},
	{"csv", syn_csv},
	{"json", syn_json},
	{"html", syn_html},
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

void nd_synopsis_opts_init(nd_synopsis_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->baseline = ND_NONE;
}

int nd_synopsis_format_known(const char *name)
{
	size_t k;

	for (k = 0; name && k < NFORMATS; k++)
		if (!strcmp(formats[k].name, name))
			return 1;
	return 0;
}

const char *nd_synopsis_formats(void)
{
	/* the names in the table above, in its order (a unit test checks) */
	return "text, markdown, csv, json, html";
}

static int check_rows(const nd_series *s, const nd_rows *rows)
{
	size_t k, n = nd_series_count(s);

	if (rows->nver != n || (rows->n && !rows->cells))
		return nd_error_set(ND_EINVAL, "synopsis rows of %zu versions for "
		                    "a series of %zu", rows->nver, n);
	for (k = 0; k < rows->n * n; k++)
		if (rows->cells[k] != ND_NONE &&
		    rows->cells[k] >= nd_series_doc(s, k % n)->n)
			return nd_error_set(ND_EINVAL, "a synopsis row names a "
			                    "provision its version does not have");
	return 0;
}

int nd_render_synopsis(nd_buf *out, const nd_series *s, const nd_rows *rows,
                       const char *format, const nd_synopsis_opts *o)
{
	nd_synopsis_opts defaults;
	syn t;
	size_t k, len = out->len;
	int err;

	if (!o) {
		nd_synopsis_opts_init(&defaults);
		o = &defaults;
	}
	format = format ? format : "text";
	for (k = 0; k < NFORMATS && strcmp(formats[k].name, format); k++)
		;
	if (k == NFORMATS)
		return nd_error_set(ND_EINVAL, "unknown synopsis format '%s'; use "
		                    "one of %s", format, nd_synopsis_formats());
	if (o->baseline != ND_NONE && o->baseline >= nd_series_count(s))
		return nd_error_set(ND_EINVAL, "baseline %zu of a series of %zu "
		                    "versions", o->baseline, nd_series_count(s));
	if ((err = check_rows(s, rows)) != 0)
		return err;
	memset(&t, 0, sizeof(t));
	t.out = out;
	t.s = s;
	t.rows = rows;
	t.o = o;
	t.nrow = rows->n;
	t.nver = rows->nver;
	nd_wdiff_init(&t.diff);
	err = spans(&t);
	err = err ? err : formats[k].write(&t);
	nd_wdiff_dispose(&t.diff);
	nd_buf_dispose(&t.tmp);
	nd_buf_dispose(&t.esc);
	nd_buf_dispose(&t.lbl);
	nd_buf_dispose(&t.base);
	free(t.span);
	if (err && out->ptr) {
		out->len = len;
		out->ptr[len] = '\0';
	}
	return err;
}

/* ---- JSON ---- */

static int json_cell(syn *t, size_t r, size_t v)
{
	static const char *const ops[] = {"equal", "delete", "insert"};
	nd_buf *out = t->out;
	const nd_doc *d = nd_series_doc(t->s, v);
	size_t i = syn_cell(t, r, v), k;
	const char *s;
	size_t len;
	int err, state;

	if (i == ND_NONE)
		return nd_buf_puts(out, "null");
	syn_body(t, v, i, &s, &len);
	err = nd_buf_puts(out, "{\"label\": ");
	err = err ? err : nd_json_cstr(out, nd_doc_label(d, i));
	err = err ? err : nd_buf_puts(out, ", \"path\": ");
	err = err ? err : nd_json_path(out, d, i);
	err = err ? err : nd_buf_puts(out, ", \"text\": ");
	err = err ? err : nd_json_string(out, s, len);
	err = err ? err : nd_buf_printf(out, ", \"span\": %zu, \"continued\": %s, "
	                                "\"edits\": [", t->span[r * t->nver + v],
	                                syn_continued(t, r, v) ? "true" : "false");
	if (err)
		return err;
	if ((state = syn_edits(t, r, v)) < 0)
		return state;
	for (k = 0; k < t->nops && !err; k++) {
		err = nd_buf_printf(out, "%s{\"op\": \"%s\", \"text\": ", k ? ", " : "",
		                    ops[t->ops[k].kind]);
		err = err ? err : nd_json_string(out, t->ops[k].text, t->ops[k].len);
		err = err ? err : nd_buf_putc(out, '}');
	}
	return err ? err : nd_buf_puts(out, "]}");
}

int syn_json(syn *t)
{
	nd_buf *out = t->out;
	size_t r, v;
	int err;

	err = nd_buf_puts(out, "{\"format\": \"normdiff-synopsis\", \"version\": 1,"
	                  "\n \"versions\": [");
	for (v = 0; v < t->nver && !err; v++) {
		err = nd_buf_puts(out, v ? ",\n  " : "\n  ");
		err = err ? err : nd_json_docinfo(out, syn_info(t, v));
	}
	if (!err && t->o->baseline == ND_NONE)
		err = nd_buf_puts(out, "],\n \"baseline\": null,\n \"rows\": [");
	else if (!err)
		err = nd_buf_printf(out, "],\n \"baseline\": %zu,\n \"rows\": [",
		                    t->o->baseline);
	for (r = 0; r < t->nrow && !err; r++) {
		err = nd_buf_puts(out, r ? ",\n  {\"cells\": [" : "\n  {\"cells\": [");
		for (v = 0; v < t->nver && !err; v++) {
			err = nd_buf_puts(out, v ? ",\n    " : "\n    ");
			err = err ? err : json_cell(t, r, v);
		}
		err = err ? err : nd_buf_puts(out, "]}");
	}
	return err ? err : nd_buf_puts(out, "]}\n");
}

/* ---- plain cells: CSV and Markdown ---- */

/* How a plain cell's pieces go into t->tmp: raw (CSV) or escaped
 * (Markdown). */
typedef int (*put_fn)(syn *t, nd_buf *dst, const char *s, size_t len);

static int put_raw(syn *t, nd_buf *dst, const char *s, size_t len)
{
	(void)t;
	return nd_buf_put(dst, s, len);
}

/* A cell as one line of text into t->tmp: "LABEL TEXT" with the edits
 * between mark[0] and mark[1] (deleted), mark[2] and mark[3] (inserted),
 * "〃" where it continues a span, nothing when empty. Draft text goes
 * through `put`, the marks as they are. */
static int plain_cell(syn *t, size_t r, size_t v, const char *const mark[4],
                      put_fn put)
{
	nd_buf *b = &t->tmp;
	size_t i = syn_cell(t, r, v), k;
	int err, state, labelled;

	nd_buf_clear(b);
	if (i == ND_NONE)
		return 0;
	if (syn_continued(t, r, v))
		return nd_buf_puts(b, "\xE3\x80\x83");
	nd_buf_clear(&t->lbl);
	if ((err = syn_label(&t->lbl, t, v, i)) != 0)
		return err;
	labelled = t->lbl.len > 0;
	if (labelled && (err = put(t, b, t->lbl.ptr, t->lbl.len)) != 0)
		return err;
	if ((state = syn_edits(t, r, v)) < 0)
		return state;
	for (k = 0; k < t->nops && !err; k++) {
		const nd_op *op = &t->ops[k];
		int edit = state != SYN_NEW && op->kind != ND_OP_EQUAL;
		size_t lead = 0, trail = 0;

		if (edit)
			syn_edges(op, &lead, &trail);
		if (k == 0 && labelled && op->len)
			err = nd_buf_putc(b, ' ');
		if (!err && lead)
			err = nd_buf_putc(b, ' ');
		if (!err && edit)
			err = nd_buf_puts(b, mark[op->kind == ND_OP_DELETE ? 0 : 2]);
		err = err ? err : put(t, b, op->text + lead, op->len - lead - trail);
		if (!err && edit)
			err = nd_buf_puts(b, mark[op->kind == ND_OP_DELETE ? 1 : 3]);
		if (!err && trail)
			err = nd_buf_putc(b, ' ');
	}
	return err;
}

/* RFC 4180: every field quoted, quotes doubled, CRLF between records.
 * Text is made terminal-safe first (nd_utf8_escape), as a CSV file is as
 * often read in a terminal as in a spreadsheet. */
static int csv_field(syn *t, const char *s, size_t len, int first)
{
	nd_buf *out = t->out;
	size_t k;
	int err = first ? 0 : nd_buf_putc(out, ',');

	nd_buf_clear(&t->esc);
	err = err ? err : nd_utf8_escape(&t->esc, s, len, 0);
	err = err ? err : nd_buf_putc(out, '"');
	for (k = 0; k < t->esc.len && !err; k++)
		err = t->esc.ptr[k] == '"' ? nd_buf_puts(out, "\"\"")
		                           : nd_buf_putc(out, t->esc.ptr[k]);
	return err ? err : nd_buf_putc(out, '"');
}

int syn_csv(syn *t)
{
	static const char *const mark[4] = {"[-", "-]", "{+", "+}"};
	nd_buf name = ND_BUF_INIT;
	size_t r, v;
	int err = 0;

	for (v = 0; v < t->nver && !err; v++) {
		nd_buf_clear(&name);
		err = syn_version(&name, t, v);
		err = err ? err : csv_field(t, name.ptr, name.len, v == 0);
	}
	err = err ? err : nd_buf_puts(t->out, "\r\n");
	for (r = 0; r < t->nrow && !err; r++) {
		for (v = 0; v < t->nver && !err; v++) {
			err = plain_cell(t, r, v, mark, put_raw);
			err = err ? err : csv_field(t, t->tmp.ptr ? t->tmp.ptr : "",
			                            t->tmp.len, v == 0);
		}
		err = err ? err : nd_buf_puts(t->out, "\r\n");
	}
	nd_buf_dispose(&name);
	return err;
}

/* Markdown text in a table cell, into dst: terminal-safe
 * (nd_utf8_escape), then every character that could start markup
 * backslash-escaped, as the Markdown report does (\ ` * _ [ ] < > | ~ & #
 * @, ':' before "//", '.' after "www"); a cell never starts a line, so
 * - + = and "1." are plain. */
static int md_escape(syn *t, nd_buf *dst, const char *s, size_t len)
{
	nd_buf *e = &t->esc;
	size_t k;
	int err;

	nd_buf_clear(e);
	if ((err = nd_utf8_escape(e, s, len, 0)) != 0)
		return err;
	for (k = 0; k < e->len && !err; k++) {
		char c = e->ptr[k];
		int www = c == '.' && k >= 3 && !strncmp(e->ptr + k - 3, "www", 3);

		if (strchr("\\`*_[]<>|~&#@", c) || www ||
		    (c == ':' && k + 2 < e->len && e->ptr[k + 1] == '/' &&
		     e->ptr[k + 2] == '/'))
			err = nd_buf_putc(dst, '\\');
		err = err ? err : nd_buf_putc(dst, c);
	}
	return err;
}

int syn_markdown(syn *t)
{
	static const char *const mark[4] = {"<del>", "</del>", "<ins>", "</ins>"};
	nd_buf *out = t->out, name = ND_BUF_INIT;
	size_t r, v;
	int err;

	err = nd_buf_printf(out, "## Synopsis of %zu versions\n\n", t->nver);
	if (!err)
		err = syn_baseline_words(&name, t);
	if (!err) { /* "Edits against ..." */
		name.ptr[0] = 'E';
		err = md_escape(t, out, name.ptr, name.len);
	}
	err = err ? err : nd_buf_puts(out, "; deletions <del>struck</del>, "
	                              "insertions <ins>underlined</ins>; \xE3\x80\x83 "
	                              "continues the cell above.\n\n|");
	for (v = 0; v < t->nver && !err; v++) {
		nd_buf_clear(&name);
		err = nd_buf_printf(out, " v%zu ", v + 1);
		err = err ? err : syn_version(&name, t, v);
		err = err ? err : md_escape(t, out, name.ptr, name.len);
		err = err ? err : nd_buf_puts(out, " |");
	}
	err = err ? err : nd_buf_puts(out, "\n|");
	for (v = 0; v < t->nver && !err; v++)
		err = nd_buf_puts(out, " --- |");
	err = err ? err : nd_buf_putc(out, '\n');
	for (r = 0; r < t->nrow && !err; r++) {
		err = nd_buf_putc(out, '|');
		for (v = 0; v < t->nver && !err; v++) {
			err = plain_cell(t, r, v, mark, md_escape);
			if (!err && t->tmp.len) {
				err = nd_buf_putc(out, ' ');
				err = err ? err : nd_buf_put(out, t->tmp.ptr, t->tmp.len);
				err = err ? err : nd_buf_putc(out, ' ');
			}
			err = err ? err : nd_buf_puts(out, t->tmp.len ? "|" : " |");
		}
		err = err ? err : nd_buf_putc(out, '\n');
	}
	nd_buf_dispose(&name);
	return err;
}
