/* report_text.c - the change set as text for people, in a terminal.
 *
 * Layout: both versions, a summary line, then every change in document
 * order. A change is a heading line ("(b) → (2) + (3)  split") and its
 * text with the word edits marked, wdiff style ([-deleted-]{+inserted+})
 * or, with colour, in red struck-through and green, a deletion and the
 * insertion touching it kept apart by an uncoloured space (wrap.c: a
 * terminal without strike-through would show "throughuse"); a split shows
 * each new provision on its own line under its label. Unchanged provisions
 * that did not move are one line each ("  = (a) → (1)  To comply…"), cut
 * at the width. When the headings above the next change differ from the
 * last ones shown, a "== Code of conduct" line says where the reader is.
 *
 * A provision that holds changes says how many, beside its kind
 * ("¶1  modified · 12 changes within") or, unchanged, beside its label
 * ("  = ¶1 · 12 changes within  Each State…"); a heading says it on its
 * "==" line ("== Code of conduct · 13 changes within"), which is the line
 * an unchanged heading is shown by, and which --changed-only still shows.
 *
 * Wrapping is wrap.c's (words, CJK, hanging indents, colour per line).
 *
 * Draft text, and every name in the report (the versions' specs, labels
 * and metadata on the "old:" and "new:" lines, provision labels, the
 * headings on "==" lines), goes through nd_utf8_escape() before anything
 * else, so it holds no control bytes, bidi controls or line separators,
 * which the wrapper uses for its own marks.
 */
#include <string.h>

#include "normdiff/utf8.h"
#include "report_internal.h"

#define INDENT 4 /* text of a change, under its heading line */

typedef struct text_state {
	rpt_wrap w; /* the one wrapper, reused line after line */
	nd_buf ctx; /* the heading path last shown (raw) */
	nd_buf tmp; /* scratch: labels, escaped text */
	nd_buf esc; /* scratch: escaped text */
	int gap;    /* blank line owed: 0 none, 1 before a block, 2 always */
	rpt_owners own; /* the record of each provision (for "==" lines) */
} text_state;

/* ---- pieces of a report ---- */

/* n spaces: the margin of a line, as "%*s" would write it. */
static int spaces(nd_buf *out, size_t n)
{
	static const char run[] = "                                ";
	int err = 0;

	while (n && !err) {
		size_t k = n < sizeof(run) - 1 ? n : sizeof(run) - 1;

		err = nd_buf_put(out, run, k);
		n -= k;
	}
	return err ? err : nd_buf_put(out, "", 0); /* none: still a string */
}

/* A line of our own words (with draft text already in it, escaped),
 * wrapped with a hanging indent, in one style; `margin` spaces first. */
static int line_at(text_state *st, nd_report *r, size_t margin, const char *s,
                   size_t indent, int style)
{
	int err = spaces(r->out, margin);

	if (err)
		return err;
	wrap_start(&st->w, r->out, r->o->width, r->o->color, 0, margin, indent, 0);
	wrap_style(&st->w, style);
	wrap_feeds(&st->w, s);
	return wrap_end(&st->w);
}

static int line(text_state *st, nd_report *r, const char *s, size_t indent,
                int style)
{
	return line_at(st, r, 0, s, indent, style);
}

/* "new: 2011 (A/66/359, 2011-09-14)" */
static int version_line(text_state *st, nd_report *r, const char *side,
                        const nd_docinfo *info)
{
	nd_buf raw = ND_BUF_INIT, *t = &st->tmp;
	int err;

	nd_buf_clear(t);
	err = nd_report_version(&raw, info);
	if (!err)
		err = nd_buf_printf(t, "%s: ", side);
	if (!err)
		err = nd_utf8_escape(t, raw.ptr, raw.len, 0);
	nd_buf_dispose(&raw);
	return err ? err : line(st, r, t->ptr, strlen(side) + 2, ST_PLAIN);
}

static int summary_line(text_state *st, nd_report *r)
{
	nd_buf *t = &st->tmp;
	int err;

	nd_buf_clear(t);
	err = nd_buf_puts(t, "summary: ");
	if (!err)
		err = rpt_summary_words(t, &r->cs->summary, GLUE);
	return err ? err : line(st, r, t->ptr, 9, ST_PLAIN);
}

static int text_begin(nd_report *r)
{
	text_state *st = r->state;
	int err;

	err = rpt_owners_init(&st->own, r->cs);
	if (!err)
		err = version_line(st, r, "old", r->o->old_info);
	if (!err)
		err = version_line(st, r, "new", r->o->new_info);
	if (!err)
		err = summary_line(st, r);
	st->gap = 2;
	return err;
}

static int blank(text_state *st, nd_report *r, int need)
{
	return st->gap >= need ? nd_buf_putc(r->out, '\n') : 0;
}

/* " · 12 changes within" (nothing for none); for the wrapper, `glue`
 * keeps it on one line. */
static int within(nd_buf *out, size_t n, int glue)
{
	size_t at = out->len, k;
	int err = n ? nd_buf_puts(out, " \xC2\xB7 ") : 0;

	if (!err)
		err = nd_report_within_words(out, n);
	for (k = at + 1; glue && !err && k < out->len; k++)
		if (out->ptr[k] == ' ')
			out->ptr[k] = GLUE[0];
	return err;
}

/* " · p. 3 → p. 4" where the change stands, when its pages are known,
 * kept on one line. */
static int pages(nd_buf *out, const nd_report *r, const nd_change *c)
{
	size_t start = out->len, mark, k;
	int err = nd_buf_puts(out, " \xC2\xB7 ");

	mark = out->len;
	if (!err)
		err = nd_report_change_pages(out, r->cs, c, r->o->old_info,
		                             r->o->new_info);
	if (!err && out->len == mark) { /* no pages: nothing */
		out->len = start;
		out->ptr[start] = '\0';
	}
	for (k = start + 1; !err && k < out->len; k++)
		if (out->ptr[k] == ' ')
			out->ptr[k] = GLUE[0];
	return err;
}

/* "  = (a) → (1)  To comply with the Charter…", cut at the width. */
static int quiet_line(text_state *st, nd_report *r, const nd_change *c)
{
	const nd_doc *d;
	size_t i = nd_anchor(r->cs, c, &d);
	nd_buf *t = &st->tmp, *e = &st->esc;
	int err;

	nd_buf_clear(t);
	nd_buf_clear(e);
	err = nd_label_pair(t, r->cs, c);
	if (!err)
		err = nd_buf_puts(e, "  = ");
	if (!err)
		err = nd_utf8_escape(e, t->ptr, t->len, 0);
	if (!err && d->clauses[i].kind != ND_CLAUSE_HEADING)
		err = within(e, c->changed_within, 0); /* a heading's is on its "==" */
	if (!err && d->clauses[i].body_len &&
	    !(d->clauses[i].kind == ND_CLAUSE_HEADING && d->clauses[i].family < 0)) {
		err = nd_buf_puts(e, "  ");
		if (!err)
			err = nd_utf8_escape(e, nd_doc_body(d, i), d->clauses[i].body_len, 0);
	}
	return err ? err : rpt_cut_line(r->out, e->ptr, e->len, r->o->width);
}

typedef struct para {
	text_state *st;         /* the report's state */
	nd_report *r;           /* the report */
	const nd_change *c;     /* the change shown */
	size_t part;            /* the part being written */
	int open;               /* a paragraph is open */
} para;

static int piece(void *ud, size_t part, nd_op_kind kind, const char *s,
                 size_t len)
{
	para *p = ud;
	rpt_wrap *w = &p->st->w;
	nd_buf *e = &p->st->esc;

	if (!p->open || part != p->part) {
		size_t col = INDENT, indent = INDENT;
		int labelled = p->c->nnew > 1;

		if (p->open && wrap_end(w))
			return w->err;
		nd_buf_clear(&p->st->tmp);
		w->err = spaces(p->r->out, INDENT);
		if (!w->err && labelled)
			w->err = nd_labels(&p->st->tmp, p->r->cs->new, p->c->new + part, 1);
		if (!w->err && labelled) {
			size_t before = p->r->out->len;

			w->err = nd_utf8_escape(p->r->out, p->st->tmp.ptr, p->st->tmp.len, 0);
			col += rpt_width(p->r->out->ptr + before, p->r->out->len - before);
			indent = col + 1;
		}
		if (w->err)
			return w->err;
		wrap_start(w, p->r->out, p->r->o->width, p->r->o->color, 1, col,
		           indent, labelled);
		p->part = part;
		p->open = 1;
	}
	nd_buf_clear(e);
	if ((w->err = nd_utf8_escape(e, s, len, 0)) != 0)
		return w->err;
	wrap_edit(w, kind, e->ptr, e->len);
	return w->err;
}

/* A change of its own: heading line, then its text with the edits. */
static int block(text_state *st, nd_report *r, const nd_change *c)
{
	nd_buf *t = &st->tmp;
	para p;
	size_t nparts, lw;
	int err;

	nd_buf_clear(t);
	nd_buf_clear(&st->esc);
	err = nd_label_pair(t, r->cs, c);
	if (!err)
		err = nd_utf8_escape(&st->esc, t->ptr, t->len, 0);
	lw = rpt_width(st->esc.ptr, st->esc.len);
	if (!err)
		err = nd_buf_puts(&st->esc, "  ");
	if (!err)
		err = nd_report_kind_words(&st->esc, c);
	nd_buf_clear(t);
	if (!err && c->moved && (err = nd_report_move_words(t, r->cs, c)) == 0 &&
	    t->len) { /* "; from after PP3 to after PP9" */
		err = nd_buf_puts(&st->esc, "; ");
		err = err ? err : nd_utf8_escape(&st->esc, t->ptr, t->len, 0);
	}
	if (!err)
		err = pages(&st->esc, r, c);
	if (!err)
		err = within(&st->esc, c->changed_within, 1);
	if (!err)
		err = line(st, r, st->esc.ptr, lw + 2 < 16 ? lw + 2 : INDENT, ST_BOLD);
	if (err)
		return err;
	memset(&p, 0, sizeof(p));
	p.st = st;
	p.r = r;
	p.c = c;
	err = nd_redline(r->cs, c, &nparts, piece, &p);
	if (!err && p.open)
		err = wrap_end(&st->w);
	return err;
}

static int text_change(nd_report *r, const nd_change *c)
{
	text_state *st = r->state;
	const nd_doc *d;
	size_t i = nd_anchor(r->cs, c, &d);
	int heading = i != ND_NO_PARENT && d->clauses[i].kind == ND_CLAUSE_HEADING;
	int quiet = nd_is_quiet(c);
	nd_buf *t = &st->tmp;
	int err;

	/* where we are: the headings above (an unchanged heading is shown
	 * by this line alone) */
	nd_buf_clear(t);
	if ((err = nd_context(t, d, i, quiet && heading)) != 0)
		return err;
	if (!rpt_same(t, &st->ctx)) {
		nd_buf_clear(&st->ctx);
		if ((err = nd_buf_put(&st->ctx, t->ptr, t->len)) != 0)
			return err;
		if (t->len) {
			nd_buf_clear(&st->esc);
			err = blank(st, r, 1);
			if (!err)
				err = nd_buf_puts(&st->esc, "== ");
			if (!err)
				err = nd_utf8_escape(&st->esc, t->ptr, t->len, 0);
			if (!err)
				err = within(&st->esc, rpt_context_within(&st->own, r->cs, d, i,
				                                          quiet && heading), 1);
			if (!err)
				err = line(st, r, st->esc.ptr, 3, ST_BOLD);
			st->gap = 0;
			if (err)
				return err;
		}
	}
	if (quiet && heading && !c->renumbered)
		return 0;
	if (quiet) {
		err = blank(st, r, 2);
		if (!err)
			err = quiet_line(st, r, c);
		st->gap = 1;
	} else {
		err = blank(st, r, 1);
		if (!err)
			err = block(st, r, c);
		st->gap = 2;
	}
	if (!err && heading) { /* what follows is under it */
		nd_buf_clear(&st->ctx);
		err = nd_context(&st->ctx, d, i, 1);
	}
	return err;
}

static int text_end(nd_report *r)
{
	text_state *st = r->state;
	size_t k;
	int err = 0;

	if (r->cs->nnotes)
		err = nd_buf_puts(r->out, "\nnotes:\n");
	for (k = 0; k < r->cs->nnotes && !err; k++) {
		nd_buf_clear(&st->esc);
		err = nd_buf_puts(&st->esc, "- ");
		if (!err)
			err = nd_utf8_escape(&st->esc, r->cs->notes[k],
			                     strlen(r->cs->notes[k]), 0);
		if (!err)
			err = line_at(st, r, 2, st->esc.ptr, 4, ST_PLAIN);
	}
	return err;
}

static void text_dispose(nd_report *r)
{
	text_state *st = r->state;

	if (!st)
		return;
	wrap_dispose(&st->w);
	nd_buf_dispose(&st->ctx);
	nd_buf_dispose(&st->tmp);
	nd_buf_dispose(&st->esc);
	rpt_owners_dispose(&st->own);
}

const nd_report_format nd_report_text = {
	"text",
	"for people: word edits marked [-so-]{+so+} or in colour, wrapped",
	sizeof(text_state),
	text_begin,
	text_change,
	text_end,
	text_dispose,
	0,
	NULL, /* small: unchanged provisions are named, not shown */
};
