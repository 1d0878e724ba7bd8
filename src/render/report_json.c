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

/* The writers below append pieces directly: printf's parsing of the
 * format cost more than all the rest of a change's record. */

/* ', "key": ' */
static int json_key(nd_buf *out, const char *key)
{
	int err = nd_buf_put(out, ", \"", 3);

	err = err ? err : nd_buf_puts(out, key);
	return err ? err : nd_buf_put(out, "\": ", 3);
}

static int json_bool(nd_buf *out, const char *key, int v)
{
	int err = json_key(out, key);

	return err ? err : nd_buf_puts(out, v ? "true" : "false");
}

static int json_count(nd_buf *out, const char *key, uint64_t v)
{
	int err = json_key(out, key);

	return err ? err : nd_buf_putu(out, v);
}

/* 0..1 as "0.857": clamped, NaN as 0. */
static int json_similarity(nd_buf *out, double v)
{
	long m;
	char frac[3];
	int err;

	if (!(v > 0))
		v = 0;
	if (v > 1)
		v = 1;
	m = (long)(v * 1000.0 + 0.5); /* v is in [0, 1] */
	frac[0] = (char)('0' + m % 1000 / 100);
	frac[1] = (char)('0' + m % 100 / 10);
	frac[2] = (char)('0' + m % 10);
	err = json_count(out, "similarity", (uint64_t)(m / 1000));
	err = err ? err : nd_buf_putc(out, '.');
	return err ? err : nd_buf_put(out, frac, sizeof(frac));
}

static int json_clauses(nd_buf *out, const char *key, const nd_doc *d,
                        const nd_docinfo *info, const size_t *idx, size_t n)
{
	size_t k;
	uint32_t first, last;
	int err = json_key(out, key);

	err = err ? err : nd_buf_putc(out, '[');
	for (k = 0; k < n && !err; k++) {
		const nd_clause *c = &d->clauses[idx[k]];

		err = nd_buf_puts(out, k ? ", {\"label\": " : "{\"label\": ");
		if (!err)
			err = nd_json_cstr(out, nd_doc_label(d, idx[k]));
		if (!err)
			err = nd_buf_puts(out, ", \"path\": ");
		if (!err)
			err = nd_json_path(out, d, idx[k]);
		if (!err)
			err = nd_buf_puts(out, ", \"heading\": ");
		if (!err && c->head_len)
			err = nd_json_string(out, d->text->buf + c->head_off, c->head_len);
		else if (!err)
			err = nd_buf_puts(out, "null");
		if (!err)
			err = json_count(out, "line", (unsigned)c->line);
		if (!err && nd_report_page_span(info, d, idx + k, 1, &first, &last)) {
			err = json_count(out, "page", first);
			err = err ? err : json_count(out, "last_page", last);
		}
		if (!err)
			err = nd_buf_puts(out, ", \"text\": ");
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

static int json_change(nd_report *r, const nd_change *c)
{
	json_state *st = r->state;
	nd_buf *out = r->out;
	size_t k;
	int err;

	err = nd_buf_puts(out, st->shown++ ? ",\n  {\"kind\": \"" : "\n  {\"kind\": \"");
	err = err ? err : nd_buf_puts(out, nd_change_kind_name(c->kind));
	err = err ? err : nd_buf_putc(out, '"');
	if (!err)
		err = json_bool(out, "moved", c->moved);
	if (!err)
		err = json_bool(out, "renumbered", c->renumbered);
	if (!err)
		err = json_bool(out, "editorial", c->editorial);
	if (!err)
		err = json_bool(out, "xref_only", c->xref_only);
	if (!err)
		err = json_bool(out, "layout", c->layout);
	if (!err)
		err = json_count(out, "changed_within", c->changed_within);
	if (!err)
		err = json_similarity(out, c->similarity);
	if (!err)
		err = json_clauses(out, "old", r->cs->old, r->o->old_info, c->old,
		                   c->nold);
	if (!err)
		err = json_clauses(out, "new", r->cs->new, r->o->new_info, c->new,
		                   c->nnew);
	if (!err)
		err = nd_buf_puts(out, ", \"ops\": [");
	for (k = 0; k < c->diff.n && !err; k++) {
		const nd_op *op = &c->diff.ops[k];

		err = nd_buf_puts(out, k ? ", {\"op\": \"" : "{\"op\": \"");
		err = err ? err : nd_buf_puts(out, op->kind == ND_OP_EQUAL    ? "equal"
		                                   : op->kind == ND_OP_DELETE ? "delete"
		                                                              : "insert");
		err = err ? err : nd_buf_puts(out, "\", \"text\": ");
		if (!err)
			err = nd_json_string(out, op->text, op->len);
		if (!err)
			err = nd_buf_putc(out, '}');
	}
	return err ? err : nd_buf_puts(out, "]}");
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
 * thirty-second more for escapes (measured on generated and bundled
 * pairs: within a few percent, above). */
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
