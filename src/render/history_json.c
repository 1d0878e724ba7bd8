/* history_json.c - the history as JSON, normdiff-history version 1
 * (docs/json-format.md, docs/history.schema.json).
 *
 * One object: the versions (as nd_json_docinfo writes them), then one
 * entry per provision of the newest version and per provision removed on
 * the way (the same list as the other formats), each with its label, path
 * and text in the version it is read in, the indices of the versions that
 * introduced, changed and removed it, and per version its state (null
 * where it does not exist) and the kind of the step into it. Following one
 * provision adds its text and word edits per version and its blame.
 * Every index is into "versions"; keys are in a fixed order.
 */
#include <stdlib.h>
#include <string.h>

#include "history_internal.h"
#include "normdiff/error.h"

static int indices(nd_buf *out, const nd_lineage *l, int which)
{
	size_t v, n = 0;
	int err = nd_buf_putc(out, '[');

	for (v = l->introduced + 1; v < l->nver && !err; v++) {
		int hit = which == 0 ? nd_lineage_changed(l, v)
		        : which == 1 ? l->moved[v] && l->nstates[v]
		                     : l->renumbered[v] && l->nstates[v];

		if (hit)
			err = nd_buf_printf(out, "%s%zu", n++ ? ", " : "", v);
	}
	return err ? err : nd_buf_putc(out, ']');
}

static int states(nd_buf *out, const hist *h, const nd_lineage *l,
                  nd_buf *tmp)
{
	size_t v, k;
	int err = nd_buf_puts(out, ", \"states\": [");

	for (v = 0; v < l->nver && !err; v++) {
		err = v ? nd_buf_puts(out, ", ") : 0;
		if (!err && !l->nstates[v]) {
			err = nd_buf_puts(out, "null");
			continue;
		}
		nd_buf_clear(tmp);
		err = err ? err : hist_labels(tmp, h, l, v);
		err = err ? err : nd_buf_puts(out, "{\"label\": ");
		err = err ? err : nd_json_string(out, tmp->ptr ? tmp->ptr : "", tmp->len);
		err = err ? err : nd_buf_puts(out, ", \"path\": ");
		err = err ? err : nd_json_path(out, nd_series_doc(h->s, v), l->states[v][0]);
		err = err ? err : nd_buf_puts(out, ", \"lines\": [");
		for (k = 0; k < l->nstates[v] && !err; k++)
			err = nd_buf_printf(out, "%s%lu", k ? ", " : "", (unsigned long)
			                    nd_series_doc(h->s, v)->clauses[l->states[v][k]].line);
		err = err ? err : nd_buf_puts(out, "]}");
	}
	err = err ? err : nd_buf_puts(out, "], \"steps\": [");
	for (v = 0; v < l->nver && !err; v++) {
		err = v ? nd_buf_puts(out, ", ") : 0;
		if (!err && l->step[v] == ND_STEP_NONE)
			err = nd_buf_puts(out, "null");
		else if (!err)
			err = nd_buf_printf(out, "\"%s\"",
			                    nd_change_kind_name((nd_change_kind)l->step[v]));
	}
	return err ? err : nd_buf_putc(out, ']');
}

/* Per version: the text (null where it does not exist) and the edits of
 * the step into it. */
static int texts(nd_buf *out, const hist *h, const nd_lineage *l,
                 nd_buf *tmp)
{
	nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
	nd_wdiff d;
	size_t v, k;
	int err = nd_buf_puts(out, ", \"texts\": [");

	nd_wdiff_init(&d);
	for (v = 0; v < l->nver && !err; v++) {
		nd_buf_clear(tmp);
		err = v ? nd_buf_puts(out, ", ") : 0;
		err = err ? err : !l->nstates[v] ? nd_buf_puts(out, "null")
		                : hist_text(tmp, h, l, v);
		if (!err && l->nstates[v])
			err = nd_json_string(out, tmp->ptr ? tmp->ptr : "", tmp->len);
	}
	err = err ? err : nd_buf_puts(out, "], \"edits\": [");
	for (v = 0; v < l->nver && !err; v++) {
		static const char *const ops[] = {"equal", "delete", "insert"};

		err = v ? nd_buf_puts(out, ", ") : 0;
		if (!err && (!l->nstates[v] || v == l->introduced)) {
			err = nd_buf_puts(out, "null");
			continue;
		}
		err = err ? err : hist_step_diff(&d, &a, &b, h, l, v);
		err = err ? err : nd_buf_putc(out, '[');
		for (k = 0; k < d.n && !err; k++) {
			err = nd_buf_printf(out, "%s{\"op\": \"%s\", \"text\": ",
			                    k ? ", " : "", ops[d.ops[k].kind]);
			err = err ? err : nd_json_string(out, d.ops[k].text, d.ops[k].len);
			err = err ? err : nd_buf_putc(out, '}');
		}
		err = err ? err : nd_buf_putc(out, ']');
	}
	nd_wdiff_dispose(&d);
	nd_buf_dispose(&a);
	nd_buf_dispose(&b);
	return err ? err : nd_buf_putc(out, ']');
}

/* Runs of the newest text with the version that brought them. */
static int blame(nd_buf *out, const hist *h, const nd_lineage *l)
{
	const nd_doc *d = nd_series_doc(h->s, l->version);
	const char *body = nd_doc_body(d, l->clause);
	size_t len = d->clauses[l->clause].body_len, k, end, n = 0;
	uint16_t *b = NULL;
	int err = nd_series_blame(h->s, l->version, l->clause, &b);

	err = err ? err : nd_buf_puts(out, ", \"blame\": [");
	for (k = 0; k < len && !err; k = end, n++) {
		for (end = k; end < len && b[end] == b[k]; end++)
			;
		err = nd_buf_puts(out, n ? ", {\"text\": " : "{\"text\": ");
		err = err ? err : nd_json_string(out, body + k, end - k);
		err = err ? err : nd_buf_printf(out, ", \"version\": %u}", (unsigned)b[k]);
	}
	free(b);
	return err ? err : nd_buf_putc(out, ']');
}

static int item(nd_buf *out, const hist *h, const nd_lineage *l, nd_buf *tmp)
{
	const nd_doc *d = nd_series_doc(h->s, l->version);
	int err;

	nd_buf_clear(tmp);
	err = hist_labels(tmp, h, l, l->version);
	err = err ? err : nd_buf_puts(out, "{\"label\": ");
	err = err ? err : nd_json_string(out, tmp->ptr ? tmp->ptr : "", tmp->len);
	err = err ? err : nd_buf_puts(out, ", \"path\": ");
	err = err ? err : nd_json_path(out, d, l->clause);
	err = err ? err : nd_buf_puts(out, ", \"text\": ");
	err = err ? err : nd_json_string(out, nd_doc_body(d, l->clause),
	                                 d->clauses[l->clause].body_len);
	err = err ? err : nd_buf_printf(out, ", \"version\": %zu, \"introduced\": %zu"
	                                ", \"changed\": ", l->version, l->introduced);
	err = err ? err : indices(out, l, 0);
	err = err ? err : nd_buf_puts(out, ", \"moved\": ");
	err = err ? err : indices(out, l, 1);
	err = err ? err : nd_buf_puts(out, ", \"renumbered\": ");
	err = err ? err : indices(out, l, 2);
	if (!err && l->removed != ND_NONE)
		err = nd_buf_printf(out, ", \"removed\": %zu", l->removed);
	else if (!err)
		err = nd_buf_puts(out, ", \"removed\": null");
	err = err ? err : states(out, h, l, tmp);
	if (!err && h->o->provision != ND_NONE) {
		err = texts(out, h, l, tmp);
		err = err ? err : blame(out, h, l);
	}
	return err ? err : nd_buf_putc(out, '}');
}

int hist_json(nd_buf *out, const hist *h)
{
	nd_buf tmp = ND_BUF_INIT;
	size_t k;
	int err = nd_buf_puts(out, "{\"format\": \"normdiff-history\", "
	                      "\"version\": 1,\n\"versions\": [");

	for (k = 0; k < h->nver && !err; k++) {
		err = k ? nd_buf_puts(out, ",\n  ") : nd_buf_puts(out, "\n  ");
		err = err ? err : nd_json_docinfo(out, hist_info(h, k));
	}
	err = err ? err : nd_buf_puts(out, "],\n\"provisions\": [");
	for (k = 0; k < h->n && !err; k++) {
		err = nd_buf_puts(out, k ? ",\n  " : "\n  ");
		err = err ? err : item(out, h, &h->items[k].l, &tmp);
	}
	nd_buf_dispose(&tmp);
	return err ? err : nd_buf_puts(out, "]}\n");
}
