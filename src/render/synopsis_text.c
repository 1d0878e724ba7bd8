/* synopsis_text.c - the synopsis as text for a terminal.
 *
 * Layout: a line saying how many versions and what the edits are against,
 * one line per version naming it ("  v2  2011 (A/66/359, 2011-09-14)"),
 * then one block per row, blocks apart by a blank line, one line per
 * version:
 *
 *   v1 2011  1.  Each State shall notify the others [-of any-]{+without…
 *   v2 2015  = unchanged
 *   v3 2019  —
 *
 * Each line starts with the version ("v1", and its store label if it has
 * one), padded so the texts line up; then the provision's label and text
 * with its edits against the baseline, wdiff style ([-deleted-]{+inserted+})
 * or, with colour, red struck-through and green. A cell with the same text
 * as its baseline cell is "= unchanged" ("= unchanged, now 4." when its
 * label differs; with --baseline "= as in v3", "= as in v3, here 4."), a
 * cell that continues the one above it (the older cell
 * of a split, the newer cell of a merge) "〃 as above", and an empty cell
 * (the strand is not in that version) "—". A cell that is its own baseline
 * (the first column by default, the baseline column with --baseline) and
 * a cell whose baseline is empty are plain text.
 *
 * Wrapping is wrap.c's (at spaces and around East Asian wide characters,
 * continuation lines indented to where the text starts, colour codes
 * closed at every line end). Draft text and every name go through
 * nd_utf8_escape() first, so the text holds no control bytes; the bytes
 * 0x01-0x04 then mark style changes in the line being built.
 */
#include <string.h>

#include "normdiff/utf8.h"
#include "report_internal.h"
#include "synopsis_internal.h"

/* In a line being built, the byte that switches to style s (ST_*). */
#define STYLE(s) ((char)(1 + (s)))
#define IS_STYLE(c) ((c) >= 1 && (c) <= ST_N)

/* Write line s[0..len), which starts at column `col` (the caller wrote
 * the columns before it) and holds style bytes, wrapped by wrap.c. */
static int wrap_line(syn *t, const char *s, size_t len, size_t col,
                     size_t indent)
{
	rpt_wrap w;
	size_t i = 0, run;
	int err;

	memset(&w, 0, sizeof(w));
	wrap_start(&w, t->out, t->o->width, t->o->color, 0, col, indent, 0);
	while (i < len) {
		if (IS_STYLE(s[i])) {
			wrap_style(&w, s[i] - 1);
			i++;
			continue;
		}
		for (run = i; run < len && !IS_STYLE(s[run]); run++)
			;
		wrap_feed(&w, s + i, run - i);
		i = run;
	}
	err = wrap_end(&w);
	wrap_dispose(&w);
	return err;
}

/* Append raw text, escaped for the terminal, to the line in t->tmp. */
static int put_esc(syn *t, const char *s, size_t len)
{
	return nd_utf8_escape(&t->tmp, s, len, 0);
}

/* The line of cell (r, v) into t->tmp, after the version tag. */
static int cell_line(syn *t, size_t r, size_t v)
{
	static const char *const mark[4] = {"[-", "-]", "{+", "+}"};
	nd_buf *b = &t->tmp;
	size_t i = syn_cell(t, r, v), k;
	int err, state;

	if (i == ND_NONE)
		return nd_buf_puts(b, "\xE2\x80\x94");
	if (syn_continued(t, r, v))
		return nd_buf_puts(b, "\xE3\x80\x83 as above");
	if ((state = syn_edits(t, r, v)) < 0)
		return state;
	nd_buf_clear(&t->lbl);
	if ((err = syn_label(&t->lbl, t, v, i)) != 0)
		return err;
	if (state == SYN_SAME) {
		/* against the previous version it is unchanged; against a
		 * baseline, which may come later, the same as it */
		if (t->o->baseline == ND_NONE)
			err = nd_buf_puts(b, "= unchanged");
		else
			err = nd_buf_printf(b, "= as in v%zu", t->o->baseline + 1);
		if (!err && !syn_same_label(t, r, v)) {
			err = nd_buf_puts(b, t->o->baseline == ND_NONE ? ", now "
			                                               : ", here ");
			err = err ? err : put_esc(t, t->lbl.ptr, t->lbl.len);
		}
		return err;
	}
	if (t->lbl.len && (err = put_esc(t, t->lbl.ptr, t->lbl.len)) == 0)
		err = nd_buf_puts(b, "  ");
	for (k = 0; k < t->nops && !err; k++) {
		const nd_op *op = &t->ops[k];
		int st = state == SYN_NEW || op->kind == ND_OP_EQUAL ? ST_PLAIN
		       : op->kind == ND_OP_DELETE ? ST_DEL : ST_INS;

		size_t lead = 0, trail = 0;

		if (st != ST_PLAIN)
			syn_edges(op, &lead, &trail);
		if (lead)
			err = nd_buf_putc(b, ' ');
		if (!err && st != ST_PLAIN)
			err = t->o->color ? nd_buf_putc(b, STYLE(st))
			                  : nd_buf_puts(b, mark[st == ST_DEL ? 0 : 2]);
		err = err ? err : put_esc(t, op->text + lead, op->len - lead - trail);
		if (!err && st != ST_PLAIN)
			err = t->o->color ? nd_buf_putc(b, STYLE(ST_PLAIN))
			                  : nd_buf_puts(b, mark[st == ST_DEL ? 1 : 3]);
		if (!err && trail)
			err = nd_buf_putc(b, ' ');
	}
	return err;
}

/* The version tag of v, escaped: "v2", or "v2 2011" with a store label. */
static int tag(nd_buf *out, const syn *t, size_t v)
{
	const nd_docinfo *info = syn_info(t, v);
	int err = nd_buf_printf(out, "v%zu", v + 1);

	if (!err && info && info->label) {
		err = nd_buf_putc(out, ' ');
		err = err ? err : nd_utf8_escape(out, info->label, strlen(info->label),
		                                 0);
	}
	return err;
}

int syn_text(syn *t)
{
	nd_buf *out = t->out, tg = ND_BUF_INIT;
	size_t r, v, pad = 0, w;
	int err;

	/* the heading and the list of versions, wrapped as the rows are */
	err = nd_buf_printf(&tg, "Synopsis of %zu versions, ", t->nver);
	err = err ? err : syn_baseline_words(&tg, t);
	err = err ? err : nd_buf_putc(&tg, ':');
	err = err ? err : nd_utf8_escape(&t->tmp, tg.ptr, tg.len, 0);
	err = err ? err : wrap_line(t, t->tmp.ptr, t->tmp.len, 0, 4);
	for (v = 0; v < t->nver && !err; v++) {
		nd_buf_clear(&tg);
		nd_buf_clear(&t->tmp);
		w = out->len;
		err = nd_buf_printf(out, "  v%-*zu  ", t->nver >= 10 ? 2 : 1, v + 1);
		w = out->len - w;
		err = err ? err : syn_version(&tg, t, v);
		err = err ? err : nd_utf8_escape(&t->tmp, tg.ptr, tg.len, 0);
		err = err ? err : wrap_line(t, t->tmp.ptr, t->tmp.len, w, w);
		nd_buf_clear(&tg);
		err = err ? err : tag(&tg, t, v);
		if (!err && (w = rpt_width(tg.ptr, tg.len)) > pad)
			pad = w;
	}
	for (r = 0; r < t->nrow && !err; r++) {
		err = nd_buf_putc(out, '\n');
		for (v = 0; v < t->nver && !err; v++) {
			nd_buf_clear(&tg);
			err = tag(&tg, t, v);
			err = err ? err : nd_buf_put(out, tg.ptr, tg.len);
			for (w = rpt_width(tg.ptr, tg.len); w < pad + 2 && !err; w++)
				err = nd_buf_putc(out, ' ');
			nd_buf_clear(&t->tmp);
			err = err ? err : cell_line(t, r, v);
			err = err ? err : wrap_line(t, t->tmp.ptr, t->tmp.len, pad + 2,
			                            pad + 2);
		}
	}
	nd_buf_clear(&t->tmp);
	nd_buf_dispose(&tg);
	return err;
}
