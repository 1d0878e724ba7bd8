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
 * Wrapping: at spaces, to `width` display columns (rpt_width), continuation
 * lines indented to where the text starts; a word longer than the line
 * stands alone on it. Colour codes are closed at every line end and
 * reopened after the indent, so each line stands alone in a pager. Draft
 * text and every name go through nd_utf8_escape() first, so the text holds
 * no control bytes; the bytes 0x01-0x03 then mark style changes in the
 * line being wrapped.
 */
#include <string.h>

#include "normdiff/utf8.h"
#include "report_internal.h"
#include "synopsis_internal.h"

enum { ST_PLAIN, ST_DEL, ST_INS, ST_N };

static const char *const sgr_on[ST_N] = {"", "\x1b[31;9m", "\x1b[32m"};
#define SGR_OFF "\x1b[0m"
#define STYLE(s) ((char)(1 + (s)))

#define IS_STYLE(c) ((c) >= 1 && (c) <= ST_N)

/* A line being written: the style in effect on the terminal. */
typedef struct pen {
	nd_buf *out; /* where it goes */
	int color;   /* styles as SGR codes (else ignored) */
	int cur;     /* the style in effect */
	int err;     /* first error */
} pen;

static void pen_style(pen *p, int to)
{
	if (!p->color || to == p->cur || p->err)
		return;
	p->err = nd_buf_puts(p->out, p->cur != ST_PLAIN ? SGR_OFF : "");
	p->err = p->err ? p->err : nd_buf_puts(p->out, sgr_on[to]);
	p->cur = to;
}

static void pen_put(pen *p, char c, size_t n)
{
	while (n-- && !p->err)
		p->err = nd_buf_putc(p->out, c);
}

/* The end of the word starting at s[i] (the next space or the end), and
 * its columns without its style bytes. */
static size_t word_end(const char *s, size_t len, size_t i, size_t *cols)
{
	size_t run;

	for (*cols = 0; i < len && s[i] != ' '; i += run) {
		for (run = 0; i + run < len && s[i + run] != ' ' &&
		              !IS_STYLE(s[i + run]); run++)
			;
		*cols += rpt_width(s + i, run);
		if (!run) /* a style byte */
			run = 1;
	}
	return i;
}

/* Write line s[0..len), which starts at column `col` (the caller wrote
 * the columns before it) and holds style bytes, wrapped. */
static int wrap_line(syn *t, const char *s, size_t len, size_t col,
                     size_t indent)
{
	pen p = {t->out, t->o->color, ST_PLAIN, 0};
	unsigned width = t->o->width;
	size_t i = 0, words = 0, start, w, nsp, k;
	int style = ST_PLAIN, sp_style;

	while (i < len && !p.err) {
		/* the spaces before the next word, and the style they are in */
		for (nsp = 0, sp_style = style; i < len &&
		     (s[i] == ' ' || IS_STYLE(s[i])); i++) {
			if (s[i] != ' ')
				style = s[i] - 1;
			else if (!nsp++)
				sp_style = style;
		}
		if (i >= len)
			break;
		i = word_end(s, len, start = i, &w);
		if (words && width && col + nsp + w > width) {
			pen_style(&p, ST_PLAIN);
			pen_put(&p, '\n', 1);
			pen_put(&p, ' ', indent);
			col = indent;
			nsp = 0;
		}
		if (words && nsp) {
			pen_style(&p, sp_style);
			pen_put(&p, ' ', nsp);
			col += nsp;
		}
		for (k = start; k < i; k++) {
			if (IS_STYLE(s[k])) {
				style = s[k] - 1;
				continue;
			}
			pen_style(&p, style);
			pen_put(&p, s[k], 1);
		}
		col += w;
		words++;
	}
	pen_style(&p, ST_PLAIN);
	pen_put(&p, '\n', 1);
	return p.err;
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
