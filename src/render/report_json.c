/* report_json.c - the change set as JSON for scripts: "normdiff-report",
 * version 1, documented field by field in docs/json-format.md (schema:
 * docs/report.schema.json).
 *
 * Output is deterministic: keys in a fixed order, one change per line,
 * similarity written with exactly three decimals from integer arithmetic
 * (printf's %f would follow the locale's decimal point).
 */
#include <string.h>

#include "report_internal.h"

typedef struct json_state {
	size_t shown; /* changes written so far */
} json_state;

/* The fixed parts of a record (keys, flags, numbers) are gathered on the
 * stack and appended at once, not a call a piece; printf's parsing of
 * the format cost more than all the rest of a change's record. */
typedef struct json_head {
	char b[256]; /* the longest: a change's kind, flags and numbers */
	size_t n;
} json_head;

static void head_add(json_head *h, const char *s, size_t len)
{
	memcpy(h->b + h->n, s, len);
	h->n += len;
}

#define HEAD_LIT(h, s) head_add((h), (s), sizeof(s) - 1)
#define PUT_LIT(out, s) nd_buf_put((out), (s), sizeof(s) - 1)

static void head_uint(json_head *h, uint64_t v)
{
	char tmp[20];
	size_t n = sizeof(tmp);

	do
		tmp[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	head_add(h, tmp + n, sizeof(tmp) - n);
}

static void head_bool(json_head *h, const char *key, int v)
{
	HEAD_LIT(h, ", \"");
	head_add(h, key, strlen(key));
	if (v)
		HEAD_LIT(h, "\": true");
	else
		HEAD_LIT(h, "\": false");
}

/* ', "key": ' */
static int json_key(nd_buf *out, const char *key)
{
	int err = PUT_LIT(out, ", \"");

	err = err ? err : nd_buf_puts(out, key);
	return err ? err : PUT_LIT(out, "\": ");
}

/* 0..1 as "0.857": clamped, NaN as 0. */
static void head_similarity(json_head *h, double v)
{
	long m;

	if (!(v > 0))
		v = 0;
	if (v > 1)
		v = 1;
	m = (long)(v * 1000.0 + 0.5); /* v is in [0, 1] */
	HEAD_LIT(h, ", \"similarity\": ");
	head_uint(h, (uint64_t)(m / 1000));
	h->b[h->n++] = '.';
	h->b[h->n++] = (char)('0' + m % 1000 / 100);
	h->b[h->n++] = (char)('0' + m % 100 / 10);
	h->b[h->n++] = (char)('0' + m % 10);
}

static int json_clauses(nd_buf *out, const char *key, const nd_doc *d,
                        const nd_docinfo *info, const size_t *idx, size_t n)
{
	json_head h;
	size_t k;
	uint32_t first, last;
	int err = json_key(out, key);

	err = err ? err : nd_buf_putc(out, '[');
	for (k = 0; k < n && !err; k++) {
		const nd_clause *c = &d->clauses[idx[k]];

		err = k ? PUT_LIT(out, ", {\"label\": ")
		        : PUT_LIT(out, "{\"label\": ");
		if (!err)
			err = nd_json_cstr(out, nd_doc_label(d, idx[k]));
		if (!err)
			err = PUT_LIT(out, ", \"path\": ");
		if (!err)
			err = nd_json_path(out, d, idx[k]);
		if (!err)
			err = PUT_LIT(out, ", \"heading\": ");
		if (!err && c->head_len)
			err = nd_json_string(out, d->text->buf + c->head_off, c->head_len);
		else if (!err)
			err = PUT_LIT(out, "null");
		h.n = 0;
		HEAD_LIT(&h, ", \"line\": ");
		head_uint(&h, (unsigned)c->line);
		if (nd_report_page_span(info, d, idx + k, 1, &first, &last)) {
			HEAD_LIT(&h, ", \"page\": ");
			head_uint(&h, first);
			HEAD_LIT(&h, ", \"last_page\": ");
			head_uint(&h, last);
		}
		HEAD_LIT(&h, ", \"text\": ");
		if (!err)
			err = nd_buf_put(out, h.b, h.n);
		if (!err)
			err = nd_json_string(out, nd_doc_body(d, idx[k]), c->body_len);
		if (!err)
			err = nd_buf_putc(out, '}');
	}
	return err ? err : nd_buf_putc(out, ']');
}

static int json_begin(nd_report *r)
{
	const nd_summary *s = &r->cs->summary;
	size_t fv[ND_NFLAGS];
	size_t k;
	int err;

	err = nd_buf_puts(r->out, "{\"format\": \"normdiff-report\", \"version\": 1,"
	                          "\n \"old\": ");
	if (!err)
		err = nd_json_docinfo(r->out, r->o->old_info);
	if (!err)
		err = nd_buf_puts(r->out, ",\n \"new\": ");
	if (!err)
		err = nd_json_docinfo(r->out, r->o->new_info);
	if (!err)
		err = nd_buf_puts(r->out, ",\n \"summary\": {");
	for (k = 0; k < ND_CHANGE_KINDS && !err; k++)
		err = nd_buf_printf(r->out, "%s\"%s\": %zu", k ? ", " : "",
		                    nd_change_kind_name(k), s->count[k]);
	nd_flag_counts(s, fv);
	for (k = 0; k < ND_NFLAGS && !err; k++)
		err = nd_buf_printf(r->out, ", \"%s\": %zu", rpt_flag_keys[k], fv[k]);
	if (!err)
		err = nd_buf_puts(r->out, "},\n");
	if (!err && !r->o->stat_only)
		err = nd_buf_puts(r->out, " \"changes\": [");
	return err;
}

/* What opens an edit: {"op": "equal", "text": ... after the first with
 * a comma, by kind (ND_OP_EQUAL, ND_OP_DELETE, ND_OP_INSERT). */
static const char *const op_open[2][3] = {
	{"{\"op\": \"equal\", \"text\": ", "{\"op\": \"delete\", \"text\": ",
	 "{\"op\": \"insert\", \"text\": "},
	{", {\"op\": \"equal\", \"text\": ", ", {\"op\": \"delete\", \"text\": ",
	 ", {\"op\": \"insert\", \"text\": "},
};

static int json_change(nd_report *r, const nd_change *c)
{
	json_state *st = r->state;
	nd_buf *out = r->out;
	const char *kind = nd_change_kind_name(c->kind);
	json_head h;
	size_t k;
	int err;

	h.n = 0;
	if (st->shown++)
		HEAD_LIT(&h, ",\n  {\"kind\": \"");
	else
		HEAD_LIT(&h, "\n  {\"kind\": \"");
	head_add(&h, kind, strlen(kind));
	h.b[h.n++] = '"';
	head_bool(&h, "moved", c->moved);
	head_bool(&h, "renumbered", c->renumbered);
	head_bool(&h, "editorial", c->editorial);
	head_bool(&h, "xref_only", c->xref_only);
	head_bool(&h, "layout", c->layout);
	HEAD_LIT(&h, ", \"changed_within\": ");
	head_uint(&h, c->changed_within);
	head_similarity(&h, c->similarity);
	err = nd_buf_put(out, h.b, h.n);
	if (!err)
		err = json_clauses(out, "old", r->cs->old, r->o->old_info, c->old,
		                   c->nold);
	if (!err)
		err = json_clauses(out, "new", r->cs->new, r->o->new_info, c->new,
		                   c->nnew);
	if (!err)
		err = PUT_LIT(out, ", \"ops\": [");
	for (k = 0; k < c->diff.n && !err; k++) {
		const nd_op *op = &c->diff.ops[k];

		err = nd_buf_puts(out, op_open[k > 0][op->kind]);
		if (!err)
			err = nd_json_string(out, op->text, op->len);
		if (!err)
			err = nd_buf_putc(out, '}');
	}
	return err ? err : PUT_LIT(out, "]}");
}

static int json_end(nd_report *r)
{
	json_state *st = r->state;
	size_t k;
	int err = 0;

	if (!r->o->stat_only)
		err = nd_buf_puts(r->out, st->shown ? "\n ],\n" : "],\n");
	if (!err)
		err = nd_buf_puts(r->out, " \"notes\": [");
	for (k = 0; k < r->cs->nnotes && !err; k++) {
		if (k)
			err = nd_buf_puts(r->out, ", ");
		if (!err)
			err = nd_json_cstr(r->out, r->cs->notes[k]);
	}
	return err ? err : nd_buf_puts(r->out, "]}\n");
}

/* A record's keys and flags take about 200 bytes, a provision's label,
 * path and line about 110, an edit's 30; the texts as they are, and a
 * thirty-second more for escapes (measured on generated, bundled and
 * escape-heavy pairs, with and without --changed-only: 4 to 10 per cent
 * above). */
static size_t json_estimate(const nd_report *r)
{
	rpt_sizes loud, quiet;
	size_t n;

	rpt_sizes_of(r, &loud, &quiet);
	n = 1024 + (loud.changes + quiet.changes) * 200 +
	    (loud.clauses + quiet.clauses) * 112 + (loud.nops + quiet.nops) * 32 +
	    loud.text + quiet.text + loud.ops + quiet.ops;
	return n + n / 32;
}

const nd_report_format nd_report_json = {
	"json",
	"for scripts: normdiff-report version 1 (docs/json-format.md)",
	sizeof(json_state),
	json_begin,
	json_change,
	json_end,
	NULL,
	0,
	json_estimate,
};
