/* history_text.c - the history as text for a terminal, and as Markdown.
 *
 * Text, every provision: a header naming the versions ("#1  2011
 * (A/66/359, 2011-09-14)") and the marks; then per provision a line with
 * its label, one mark per version and the summary words, and under it the
 * first words of its text, cut at the width; the removed provisions
 * follow under "removed on the way:". One provision: its summary, then per
 * version its label, the records of that step and its text with the word
 * edits against the version before (marked or coloured as the diff
 * report marks them, wrapped by wrap.c), then the blame: its newest text
 * with every run of words that came after its first version marked
 * "[#3: …]".
 *
 * Markdown: the same content; every provision is a table row, one
 * provision is a heading per version, edits are <del>…</del> and
 * <ins>…</ins> (one pair of markers, unambiguous in every Markdown).
 */
#include <stdlib.h>
#include <string.h>

#include "history_internal.h"
#include "normdiff/error.h"
#include "normdiff/utf8.h"

#define TEXT_INDENT 4

/* scratch of a text or Markdown writer */
typedef struct tw {
	const hist *h;
	nd_buf *out;
	nd_buf raw, esc, a, b; /* raw words, escaped words, the two texts */
	rpt_wrap w;
	nd_wdiff d;
	int err;
} tw;

static void tw_init(tw *t, const hist *h, nd_buf *out)
{
	memset(t, 0, sizeof(*t));
	t->h = h;
	t->out = out;
	nd_wdiff_init(&t->d);
}

static int tw_dispose(tw *t, int err)
{
	nd_buf_dispose(&t->raw);
	nd_buf_dispose(&t->esc);
	nd_buf_dispose(&t->a);
	nd_buf_dispose(&t->b);
	wrap_dispose(&t->w);
	nd_wdiff_dispose(&t->d);
	return err;
}

/* t->raw escaped for the terminal into t->esc, raw cleared. */
static int escape_raw(tw *t)
{
	nd_buf_clear(&t->esc);
	t->err = nd_utf8_escape(&t->esc, t->raw.ptr ? t->raw.ptr : "", t->raw.len, 0);
	nd_buf_clear(&t->raw);
	return t->err;
}

/* A line of words (t->raw, escaped here), wrapped with a hanging indent. */
static int text_line(tw *t, size_t margin, size_t indent, int style)
{
	if (escape_raw(t) || (t->err = nd_buf_printf(t->out, "%*s", (int)margin, "")))
		return t->err;
	wrap_start(&t->w, t->out, t->h->o->width, t->h->o->color, 0, margin,
	           indent, 0);
	wrap_style(&t->w, style);
	wrap_feed(&t->w, t->esc.ptr, t->esc.len);
	return t->err = wrap_end(&t->w);
}

static int text_header(tw *t)
{
	const hist *h = t->h;
	size_t v;
	int err = nd_buf_printf(t->out, "history of %zu version%s, oldest first:\n",
	                        h->nver, h->nver == 1 ? "" : "s");

	int digits = h->nver >= 10000 ? 5 : h->nver >= 1000 ? 4 : h->nver >= 100 ? 3
	           : h->nver >= 10 ? 2 : 1;

	for (v = 0; v < h->nver && !err; v++) {
		nd_buf_clear(&t->raw);
		err = nd_buf_printf(&t->raw, "#%-*zu  ", digits, v + 1);
		err = err ? err : nd_report_version(&t->raw, hist_info(h, v));
		err = err ? err : text_line(t, 2, 5 + (size_t)digits, ST_PLAIN);
	}
	return err;
}

/* "1.     =<~  since #1; split in #2; modified in #3", then the first
 * words of the text. */
static int text_item(tw *t, const hist_item *it, size_t lw)
{
	const nd_lineage *l = &it->l;
	size_t v, col;
	int err;

	nd_buf_clear(&t->raw);
	err = hist_labels(&t->raw, t->h, l, l->version);
	if (!err && !escape_raw(t)) {
		col = rpt_width(t->esc.ptr, t->esc.len);
		err = nd_buf_put(t->out, t->esc.ptr, t->esc.len);
		err = err ? err : nd_buf_printf(t->out, "%*s", (int)(col < lw ? lw - col + 2 : 2), "");
	}
	for (v = 0; v < l->nver && !err; v++)
		err = nd_buf_putc(&t->raw, hist_mark(l, v));
	err = err ? err : nd_buf_puts(&t->raw, "  ");
	err = err ? err : hist_summary(&t->raw, t->h, l);
	err = err ? err : text_line(t, 0, lw + 2, ST_PLAIN);
	if (err)
		return err;
	nd_buf_clear(&t->raw);
	err = hist_text(&t->raw, t->h, l, l->version);
	if (!err && t->raw.len && !escape_raw(t)) {
		err = nd_buf_printf(t->out, "%*s", TEXT_INDENT, "");
		err = err ? err : rpt_cut_line(t->out, t->esc.ptr, t->esc.len,
		                               t->h->o->width > TEXT_INDENT
		                                   ? t->h->o->width - TEXT_INDENT : 0);
	}
	return err ? err : t->err;
}

/* The widest label of the items, at most 14 columns. */
static size_t label_width(tw *t)
{
	size_t k, w, lw = 0;

	for (k = 0; k < t->h->n; k++) {
		nd_buf_clear(&t->raw);
		if (hist_labels(&t->raw, t->h, &t->h->items[k].l, t->h->items[k].l.version))
			break;
		w = rpt_width(t->raw.ptr ? t->raw.ptr : "", t->raw.len);
		lw = w > lw ? w : lw;
	}
	nd_buf_clear(&t->raw);
	return lw > 14 ? 14 : lw;
}

int hist_text_all(nd_buf *out, const hist *h)
{
	tw t;
	size_t k, lw;
	int err;

	tw_init(&t, h, out);
	lw = label_width(&t);
	err = text_header(&t);
	err = err ? err : nd_buf_puts(out, "marks, one per version: "
	                              HIST_MARKS_LEGEND "\n");
	for (k = 0; k < h->n && !err; k++) {
		if (k == h->ncurrent)
			err = nd_buf_puts(out, "\nremoved on the way:\n");
		err = err ? err : nd_buf_putc(out, '\n');
		err = err ? err : text_item(&t, &h->items[k], lw);
	}
	return tw_dispose(&t, err);
}

/* ---- one provision ---- */

/* The text of the step into v with its edits, wrapped under an indent. */
static int text_edits(tw *t, const nd_lineage *l, size_t v)
{
	size_t k;
	int err = hist_step_diff(&t->d, &t->a, &t->b, t->h, l, v);

	if (err)
		return err;
	if ((err = nd_buf_printf(t->out, "%*s", TEXT_INDENT, "")) != 0)
		return err;
	wrap_start(&t->w, t->out, t->h->o->width, t->h->o->color, 1, TEXT_INDENT,
	           TEXT_INDENT, 0);
	for (k = 0; k < t->d.n && !t->w.err; k++) {
		const nd_op *op = &t->d.ops[k];

		nd_buf_clear(&t->esc);
		if ((t->w.err = nd_utf8_escape(&t->esc, op->text, op->len, 0)) != 0)
			break;
		/* the first version shows its text plain, not as inserted */
		wrap_edit(&t->w, v == l->introduced ? ND_OP_EQUAL : op->kind,
		          t->esc.ptr, t->esc.len);
	}
	return wrap_end(&t->w);
}

/* "#2  1.  split: 1. → 1. + 2." */
static int text_step(tw *t, const nd_lineage *l, size_t v)
{
	int err;

	nd_buf_clear(&t->raw);
	err = hist_vname(&t->raw, t->h, v);
	err = err ? err : nd_buf_puts(&t->raw, "  ");
	err = err ? err : hist_labels(&t->raw, t->h, l, v);
	if (!err && v == l->introduced)
		err = nd_buf_puts(&t->raw, v ? "  added" : "  first version");
	else if (!err) {
		err = nd_buf_printf(&t->raw, "  %s",
		                    nd_change_kind_name((nd_change_kind)l->step[v]));
		err = err ? err : nd_buf_puts(&t->raw, ": ");
		err = err ? err : hist_records(&t->raw, t->h, l, v);
	}
	return err ? err : text_line(t, 0, TEXT_INDENT, ST_BOLD);
}

/* The newest text with each run from a later version than the first
 * marked "[#3: …]". */
static int text_blame(tw *t, const nd_lineage *l)
{
	const nd_doc *d = nd_series_doc(t->h->s, l->version);
	const char *body = nd_doc_body(d, l->clause);
	size_t len = d->clauses[l->clause].body_len, k = 0, end, lead, trail;
	uint16_t *b = NULL;
	int err = nd_series_blame(t->h->s, l->version, l->clause, &b);

	if (err || !b)
		return err;
	err = nd_buf_printf(t->out, "\nwords by the version that brought them:\n"
	                            "%*s", TEXT_INDENT, "");
	wrap_start(&t->w, t->out, t->h->o->width, t->h->o->color, 1, TEXT_INDENT,
	           TEXT_INDENT, 0);
	for (; k < len && !err && !t->w.err; k = end) {
		for (end = k; end < len && b[end] == b[k]; end++)
			;
		nd_buf_clear(&t->esc);
		if (b[k] == l->introduced) {
			err = nd_utf8_escape(&t->esc, body + k, end - k, 0);
			wrap_feed(&t->w, t->esc.ptr, t->esc.len);
			continue;
		}
		hist_trim(body, &k, &end, &lead, &trail);
		if (lead)
			wrap_feeds(&t->w, " ");
		if (k == end)
			continue; /* spaces alone */
		err = nd_utf8_escape(&t->esc, body + k, end - k, 0);
		nd_buf_clear(&t->raw);
		err = err ? err : nd_buf_puts(&t->raw, "[");
		err = err ? err : hist_vname(&t->raw, t->h, b[k]);
		err = err ? err : nd_buf_puts(&t->raw, ": ");
		wrap_mark(&t->w, t->raw.ptr, 1);
		wrap_style(&t->w, ST_INS);
		wrap_feed(&t->w, t->esc.ptr, t->esc.len);
		wrap_style(&t->w, ST_PLAIN);
		wrap_mark(&t->w, "]", 0);
		if (trail)
			wrap_feeds(&t->w, " ");
		end += trail;
	}
	free(b);
	err = err ? err : wrap_end(&t->w);
	return err;
}

int hist_text_one(nd_buf *out, const hist *h)
{
	const nd_lineage *l = &h->items[0].l;
	tw t;
	size_t v;
	int err;

	tw_init(&t, h, out);
	err = text_header(&t);
	err = err ? err : nd_buf_putc(out, '\n');
	err = err ? err : nd_buf_puts(&t.raw, "history of ");
	err = err ? err : hist_labels(&t.raw, h, l, l->version);
	err = err ? err : nd_buf_puts(&t.raw, ": ");
	err = err ? err : hist_summary(&t.raw, h, l);
	err = err ? err : text_line(&t, 0, TEXT_INDENT, ST_PLAIN);
	for (v = l->introduced; v < h->nver && l->nstates[v] && !err; v++) {
		err = nd_buf_putc(out, '\n');
		err = err ? err : text_step(&t, l, v);
		err = err ? err : text_edits(&t, l, v);
	}
	err = err ? err : text_blame(&t, l);
	return tw_dispose(&t, err);
}

/* ---- Markdown ---- */

/* t->raw as inert Markdown into out, raw cleared. */
static int md_raw(tw *t, nd_buf *out)
{
	int ls = 0;

	t->err = rpt_md_text(out, &t->esc, t->raw.ptr ? t->raw.ptr : "",
	                     t->raw.len, &ls);
	nd_buf_clear(&t->raw);
	return t->err;
}

/* Table cells hold no newline and no unescaped '|' (rpt_md_text escapes
 * it); the text is cut to its first 200 bytes at a space. */
static int md_row(tw *t, const hist_item *it)
{
	const nd_lineage *l = &it->l;
	size_t v, cut;
	int err = nd_buf_puts(t->out, "| ");

	err = err ? err : hist_labels(&t->raw, t->h, l, l->version);
	err = err ? err : md_raw(t, t->out);
	err = err ? err : nd_buf_puts(t->out, " | ");
	for (v = 0; v < l->nver && !err; v++)
		err = nd_buf_putc(&t->raw, hist_mark(l, v));
	err = err ? err : md_raw(t, t->out); /* escaped, not a code span */
	err = err ? err : nd_buf_puts(t->out, " | ");
	err = err ? err : hist_summary(&t->raw, t->h, l);
	err = err ? err : md_raw(t, t->out);
	err = err ? err : nd_buf_puts(t->out, " | ");
	err = err ? err : hist_text(&t->raw, t->h, l, l->version);
	if (!err && t->raw.len > 200) {
		for (cut = 200; cut > 0 && t->raw.ptr[cut] != ' '; cut--)
			;
		t->raw.len = cut ? cut : 200;
		while (t->raw.len < 200 && ((unsigned char)t->raw.ptr[t->raw.len] & 0xC0) == 0x80)
			t->raw.len++;
		err = nd_buf_puts(&t->raw, "\xE2\x80\xA6");
	}
	err = err ? err : md_raw(t, t->out);
	return err ? err : nd_buf_puts(t->out, " |\n");
}

static int md_header(tw *t)
{
	size_t v;
	int err = nd_buf_printf(t->out, "## History of %zu version%s\n\n",
	                        t->h->nver, t->h->nver == 1 ? "" : "s");

	for (v = 0; v < t->h->nver && !err; v++) {
		err = nd_buf_printf(t->out, "%s #%zu: ", v ? "\n-" : "-", v + 1);
		err = err ? err : nd_report_version(&t->raw, hist_info(t->h, v));
		err = err ? err : md_raw(t, t->out);
	}
	return err ? err : nd_buf_puts(t->out, "\n\n");
}

int hist_md_all(nd_buf *out, const hist *h)
{
	static const char head[] = "| Provision | Marks | History | Text |\n"
	                           "|---|---|---|---|\n";
	tw t;
	size_t k;
	int err;

	tw_init(&t, h, out);
	err = md_header(&t);
	err = err ? err : nd_buf_puts(out, "Marks, one per version: ");
	err = err ? err : nd_buf_puts(&t.raw, HIST_MARKS_LEGEND);
	err = err ? err : md_raw(&t, out);
	err = err ? err : nd_buf_puts(out, ".\n\n");
	err = err ? err : nd_buf_puts(out, head);
	for (k = 0; k < h->n && !err; k++) {
		if (k == h->ncurrent)
			err = nd_buf_printf(out, "\n### Removed on the way\n\n%s", head);
		err = err ? err : md_row(&t, &h->items[k]);
	}
	return tw_dispose(&t, err);
}

static int md_edits(tw *t, const nd_lineage *l, size_t v)
{
	size_t k;
	int err = hist_step_diff(&t->d, &t->a, &t->b, t->h, l, v);

	for (k = 0; k < t->d.n && !err; k++) {
		const nd_op *op = &t->d.ops[k];
		int kind = v == l->introduced ? ND_OP_EQUAL : (int)op->kind;

		err = kind == ND_OP_DELETE ? nd_buf_puts(t->out, "<del>")
		    : kind == ND_OP_INSERT ? nd_buf_puts(t->out, "<ins>") : 0;
		err = err ? err : nd_buf_put(&t->raw, op->text, op->len);
		err = err ? err : md_raw(t, t->out);
		err = err ? err : kind == ND_OP_DELETE ? nd_buf_puts(t->out, "</del>")
		                : kind == ND_OP_INSERT ? nd_buf_puts(t->out, "</ins>") : 0;
	}
	return err ? err : nd_buf_puts(t->out, "\n");
}

/* The newest text, each run from a later version than the first in
 * <mark>…</mark> with the version's name in <sup>. */
static int md_blame(tw *t, const nd_lineage *l)
{
	const nd_doc *d = nd_series_doc(t->h->s, l->version);
	const char *body = nd_doc_body(d, l->clause);
	size_t len = d->clauses[l->clause].body_len, k = 0, end, lead, trail;
	uint16_t *b = NULL;
	int err = nd_series_blame(t->h->s, l->version, l->clause, &b);

	err = err ? err : nd_buf_puts(t->out, "\n#### Words by the version "
	                              "that brought them\n\n");
	for (; k < len && !err; k = end) {
		for (end = k; end < len && b[end] == b[k]; end++)
			;
		lead = trail = 0;
		if (b[k] != l->introduced)
			hist_trim(body, &k, &end, &lead, &trail);
		err = nd_buf_put(t->out, " ", lead > 0);
		if (k == end)
			continue; /* spaces alone */
		err = err ? err : nd_buf_puts(t->out, b[k] != l->introduced ? "<mark>" : "");
		err = err ? err : nd_buf_put(&t->raw, body + k, end - k);
		err = err ? err : md_raw(t, t->out);
		if (!err && b[k] != l->introduced) {
			err = nd_buf_puts(t->out, "</mark><sup>");
			err = err ? err : hist_vname(&t->raw, t->h, b[k]);
			err = err ? err : md_raw(t, t->out);
			err = err ? err : nd_buf_puts(t->out, "</sup>");
		}
		err = err ? err : nd_buf_put(t->out, " ", trail > 0);
		end += trail;
	}
	free(b);
	return err ? err : nd_buf_putc(t->out, '\n');
}

int hist_md_one(nd_buf *out, const hist *h)
{
	const nd_lineage *l = &h->items[0].l;
	tw t;
	size_t v;
	int err;

	tw_init(&t, h, out);
	err = md_header(&t);
	err = err ? err : nd_buf_puts(out, "### ");
	err = err ? err : hist_labels(&t.raw, h, l, l->version);
	err = err ? err : md_raw(&t, out);
	err = err ? err : nd_buf_puts(out, "\n\n");
	err = err ? err : hist_summary(&t.raw, h, l);
	err = err ? err : md_raw(&t, out);
	err = err ? err : nd_buf_puts(out, ".\n");
	for (v = l->introduced; v < h->nver && l->nstates[v] && !err; v++) {
		err = nd_buf_printf(out, "\n#### ");
		err = err ? err : hist_vname(&t.raw, h, v);
		err = err ? err : nd_buf_puts(&t.raw, " · ");
		err = err ? err : hist_labels(&t.raw, h, l, v);
		if (!err && v == l->introduced)
			err = nd_buf_puts(&t.raw, v ? " — added" : " — first version");
		else if (!err) {
			err = nd_buf_printf(&t.raw, " — %s: ",
			                    nd_change_kind_name((nd_change_kind)l->step[v]));
			err = err ? err : hist_records(&t.raw, h, l, v);
		}
		err = err ? err : md_raw(&t, out);
		err = err ? err : nd_buf_puts(out, "\n\n");
		err = err ? err : md_edits(&t, l, v);
	}
	err = err ? err : md_blame(&t, l);
	return tw_dispose(&t, err);
}
