/* report_text.c - the change set as text for people, in a terminal.
 *
 * Layout: both versions, a summary line, then every change in document
 * order. A change is a heading line ("(b) → (2) + (3)  split") and its
 * text with the word edits marked, wdiff style ([-deleted-]{+inserted+})
 * or, with colour, in red struck-through and green; a split shows each new
 * provision on its own line under its label. Unchanged provisions that did
 * not move are one line each ("  = (a) → (1)  To comply…"), cut at the
 * width. When the headings above the next change differ from the last ones
 * shown, a "== Code of conduct" line says where the reader is.
 *
 * A provision that holds changes says how many, beside its kind
 * ("¶1  modified · 12 changes within") or, unchanged, beside its label
 * ("  = ¶1 · 12 changes within  Each State…"); a heading says it on its
 * "==" line ("== Code of conduct · 13 changes within"), which is the line
 * an unchanged heading is shown by, and which --changed-only still shows.
 *
 * Wrapping is at spaces, and around East Asian wide characters (written
 * without spaces; never before closing or after opening CJK punctuation),
 * to `width` display columns (wide characters count two, combining marks
 * none), with a hanging indent; a word longer than the line stands alone
 * on it, and an indent too deep for a word gives way. Edit markers stick
 * to the text they mark. Colour codes are closed at every line end and
 * reopened after the indent, so each line stands alone in a pager.
 *
 * Draft text, and every name in the report (the versions' specs, labels
 * and metadata on the "old:" and "new:" lines, provision labels, the
 * headings on "==" lines), goes through nd_utf8_escape() before anything
 * else, so it holds no control bytes, bidi controls or line separators: the wrapper uses bytes 0x01-0x04 in its word
 * buffer to mark style changes, and GLUE for a space that does not break
 * ("7 unchanged") unless the glued words are wider than the line.
 */
#include <string.h>

#include "normdiff/utf8.h"
#include "report_internal.h"

enum { ST_PLAIN, ST_DEL, ST_INS, ST_BOLD, ST_N };

static const char *const sgr_on[ST_N] = {"", "\x1b[31;9m", "\x1b[32m",
                                         "\x1b[1m"};
#define SGR_OFF "\x1b[0m"
#define ST_BYTE(s) ((char)(1 + (s)))
#define GLUE "\x06"
#define INDENT 4 /* text of a change, under its heading line */

typedef struct wrap {
	nd_buf *out;     /* where lines go */
	unsigned width;  /* columns per line, 0 for no limit */
	int color;       /* styles as SGR codes (else ignored) */
	int collapse;    /* a run of spaces is one separator */
	size_t indent;   /* columns of indent on continuation lines */
	size_t col;      /* columns used on the current line */
	int words;       /* words (or a breakable prefix) on the line */
	int cur;         /* style in effect on the terminal */
	int style;       /* style of the text being fed */
	nd_buf word;     /* the word being gathered, with style bytes */
	size_t wordw;    /* its columns */
	int word_style;  /* the style it starts in */
	size_t nsep;     /* spaces before it */
	int sep_style;   /* their style */
	int brk;         /* a line may break before the next character */
	int nobreak;     /* ... or may not (just after an opening marker) */
	int err;         /* first error */
} wrap;

typedef struct text_state {
	wrap w;     /* the one wrapper, reused line after line */
	nd_buf ctx; /* the heading path last shown (raw) */
	nd_buf tmp; /* scratch: labels, escaped text */
	nd_buf esc; /* scratch: escaped text */
	int gap;    /* blank line owed: 0 none, 1 before a block, 2 always */
	rpt_owners own; /* the record of each provision (for "==" lines) */
} text_state;

/* ---- the wrapper ---- */

static void w_put(wrap *w, const char *s, size_t len)
{
	if (!w->err)
		w->err = nd_buf_put(w->out, s, len);
}

static void w_set_style(wrap *w, int s)
{
	if (!w->color || s == w->cur)
		return;
	if (w->cur != ST_PLAIN)
		w_put(w, SGR_OFF, strlen(SGR_OFF));
	if (s != ST_PLAIN)
		w_put(w, sgr_on[s], strlen(sgr_on[s]));
	w->cur = s;
}

static void w_spaces(wrap *w, size_t n)
{
	while (n-- && !w->err)
		w->err = nd_buf_putc(w->out, ' ');
}

/* Begin a line whose first `col` columns the caller has written; `lead`
 * says they end in something a word may be pushed away from (a label). */
static void w_start(wrap *w, nd_buf *out, unsigned width, int color,
                    int collapse, size_t col, size_t indent, int lead)
{
	w->out = out;
	w->width = width;
	w->color = color;
	w->collapse = collapse;
	w->col = col;
	w->indent = indent;
	w->words = lead;
	w->nsep = lead ? 1 : 0;
	w->sep_style = ST_PLAIN;
	w->cur = w->style = w->word_style = ST_PLAIN;
	w->wordw = 0;
	w->brk = w->nobreak = 0;
	nd_buf_clear(&w->word);
}

/* Break the line before the pending word. The indent gives way when the
 * word would not fit after it (narrow widths). */
static void w_newline(wrap *w)
{
	size_t indent = w->indent;

	if (w->width && indent + w->wordw > w->width)
		indent = w->wordw < w->width ? w->width - w->wordw : 0;
	w_set_style(w, ST_PLAIN);
	w_put(w, "\n", 1);
	w_spaces(w, indent);
	w->col = indent;
	w->words = 0;
}

static void w_flush_word(wrap *w);

/* Columns of a gathered word (style bytes take none, GLUE one). */
static size_t word_width(const char *s, size_t len)
{
	size_t i = 0, w = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x20) {
			w += s[i] == GLUE[0];
			i++;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		w += n ? nd_utf8_cp_width(cp) : 1;
		i += n ? n : 1;
	}
	return w;
}

/* A glued word wider than the line: its glue becomes plain spaces. */
static void w_unglue(wrap *w)
{
	nd_buf whole = w->word;
	size_t i = 0, end;
	int style = w->word_style;

	nd_buf_init(&w->word);
	while (i <= whole.len && !w->err) {
		end = i;
		while (end < whole.len && whole.ptr[end] != GLUE[0])
			end++;
		if (!w->err)
			w->err = nd_buf_put(&w->word, whole.ptr + i, end - i);
		w->wordw = word_width(whole.ptr + i, end - i);
		w->word_style = style;
		for (; i < end; i++)
			if ((unsigned char)whole.ptr[i] < 0x20)
				style = whole.ptr[i] - 1;
		w_flush_word(w);
		w->nsep = 1;
		w->sep_style = style;
		i = end + 1;
	}
	w->nsep = 0;
	nd_buf_dispose(&whole);
}

static void w_flush_word(wrap *w)
{
	size_t i, run;

	if (!w->word.len)
		return;
	if (w->width && w->wordw > w->width &&
	    memchr(w->word.ptr, GLUE[0], w->word.len)) {
		w_unglue(w);
		return;
	}
	if (w->width && w->words &&
	    w->col + w->nsep + w->wordw > w->width)
		w_newline(w);
	if (w->words && w->nsep) {
		w_set_style(w, w->sep_style);
		w_spaces(w, w->nsep);
		w->col += w->nsep;
	}
	w_set_style(w, w->word_style);
	for (i = 0; i < w->word.len; i = run) {
		if (w->word.ptr[i] == GLUE[0]) {
			w_put(w, " ", 1);
			run = i + 1;
			continue;
		}
		if ((unsigned char)w->word.ptr[i] < 0x20) {
			w_set_style(w, w->word.ptr[i] - 1);
			run = i + 1;
			continue;
		}
		for (run = i; run < w->word.len &&
		              (unsigned char)w->word.ptr[run] >= 0x20; run++)
			;
		w_put(w, w->word.ptr + i, run - i);
	}
	w->col += w->wordw;
	w->words++;
	w->nsep = 0;
	w->wordw = 0;
	nd_buf_clear(&w->word);
}

static void w_style(wrap *w, int s)
{
	if (w->brk)
		w_flush_word(w);
	if (w->word.len && !w->err)
		w->err = nd_buf_putc(&w->word, ST_BYTE(s));
	w->style = s;
}

/* CJK punctuation a line must not start with, or end with. */
static int no_break_before(uint32_t cp)
{
	return cp == 0x3001 || cp == 0x3002 || cp == 0x3009 || cp == 0x300B ||
	       cp == 0x300D || cp == 0x300F || cp == 0x3011 || cp == 0xFF01 ||
	       cp == 0xFF09 || cp == 0xFF0C || cp == 0xFF0E || cp == 0xFF1A ||
	       cp == 0xFF1B || cp == 0xFF1F;
}

static int no_break_after(uint32_t cp)
{
	return cp == 0x3008 || cp == 0x300A || cp == 0x300C || cp == 0x300E ||
	       cp == 0x3010 || cp == 0xFF08;
}

/* Feed already escaped text. */
static void w_feed(wrap *w, const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;
	unsigned cw;

	while (i < len && !w->err) {
		if (s[i] == ' ') {
			w_flush_word(w);
			if (!w->nsep)
				w->sep_style = w->style;
			if (!w->collapse || !w->nsep)
				w->nsep++;
			w->brk = w->nobreak = 0;
			i++;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		cw = n ? nd_utf8_cp_width(cp) : 1;
		if (w->word.len && !w->nobreak &&
		    (w->brk || (cw == 2 && !no_break_before(cp))))
			w_flush_word(w); /* a break without a space */
		if (!w->word.len)
			w->word_style = w->style;
		w->wordw += cw;
		w->brk = cw == 2 && !no_break_after(cp);
		w->nobreak = 0;
		n = n ? n : 1;
		w->err = nd_buf_put(&w->word, s + i, n);
		i += n;
	}
}

/* An edit marker: it opens or closes the text it marks and sticks to it. */
static void w_mark(wrap *w, const char *m, int open)
{
	if (open && w->brk)
		w_flush_word(w);
	if (!w->word.len)
		w->word_style = w->style;
	if (!w->err)
		w->err = nd_buf_puts(&w->word, m);
	w->wordw += strlen(m);
	if (open) {
		w->brk = 0;
		w->nobreak = 1;
	}
}

static void w_feeds(wrap *w, const char *s)
{
	w_feed(w, s, strlen(s));
}

static int w_end(wrap *w)
{
	w_flush_word(w);
	w_set_style(w, ST_PLAIN);
	w_put(w, "\n", 1);
	return w->err;
}

/* ---- pieces of a report ---- */

/* A line of our own words (with draft text already in it, escaped),
 * wrapped with a hanging indent, in one style; `margin` spaces first. */
static int line_at(text_state *st, nd_report *r, size_t margin, const char *s,
                   size_t indent, int style)
{
	int err = nd_buf_printf(r->out, "%*s", (int)margin, "");

	if (err)
		return err;
	w_start(&st->w, r->out, r->o->width, r->o->color, 0, margin, indent, 0);
	w_style(&st->w, style);
	w_feeds(&st->w, s);
	return w_end(&st->w);
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
	static const nd_change_kind order[] = {
		ND_CHANGE_MODIFIED, ND_CHANGE_ADDED, ND_CHANGE_REMOVED,
		ND_CHANGE_SPLIT, ND_CHANGE_MERGED};
	const nd_summary *s = &r->cs->summary;
	size_t flags[ND_NFLAGS];
	nd_buf *t = &st->tmp;
	size_t k;
	int err, any = 0;

	nd_buf_clear(t);
	err = nd_buf_puts(t, "summary:");
	for (k = 0; k < 5 && !err; k++)
		if (s->count[order[k]])
			err = nd_buf_printf(t, " %zu" GLUE "%s,", s->count[order[k]],
			                    nd_change_kind_name(order[k]));
	if (!err)
		err = nd_buf_printf(t, " %zu" GLUE "unchanged",
		                    s->count[ND_CHANGE_UNCHANGED]);
	nd_flag_counts(s, flags);
	for (k = 0; k < ND_NFLAGS && !err; k++)
		if (flags[k])
			err = nd_buf_printf(t, "%s %zu" GLUE "%s", any++ ? "," : ";", flags[k],
			                    nd_report_flag_words[k]);
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

/* "  = (a) → (1)  To comply with the Charter…", cut at the width. */
static int quiet_line(text_state *st, nd_report *r, const nd_change *c)
{
	const nd_doc *d;
	size_t i = nd_anchor(r->cs, c, &d), at, cols = 0, n;
	unsigned width = r->o->width;
	nd_buf *t = &st->tmp, *e = &st->esc;
	uint32_t cp;
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
	if (err)
		return err;
	if (!width || rpt_width(e->ptr, e->len) <= width)
		return nd_buf_printf(r->out, "%s\n", e->ptr);
	for (at = 0; at < e->len; at += n) {
		n = nd_utf8_decode(e->ptr + at, e->len - at, &cp);
		if (cols + (n ? nd_utf8_cp_width(cp) : 1) + 1 > width)
			break;
		cols += n ? nd_utf8_cp_width(cp) : 1;
		n = n ? n : 1;
	}
	while (at > 0 && e->ptr[at - 1] == ' ')
		at--;
	err = nd_buf_put(r->out, e->ptr, at);
	return err ? err : nd_buf_puts(r->out, "\xE2\x80\xA6\n");
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
	wrap *w = &p->st->w;
	nd_buf *e = &p->st->esc;
	size_t lead = 0, trail = 0;

	if (!p->open || part != p->part) {
		size_t col = INDENT, indent = INDENT;
		int labelled = p->c->nnew > 1;

		if (p->open && w_end(w))
			return w->err;
		nd_buf_clear(&p->st->tmp);
		w->err = nd_buf_printf(p->r->out, "%*s", INDENT, "");
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
		w_start(w, p->r->out, p->r->o->width, p->r->o->color, 1, col, indent,
		        labelled);
		p->part = part;
		p->open = 1;
	}
	nd_buf_clear(e);
	if ((w->err = nd_utf8_escape(e, s, len, 0)) != 0)
		return w->err;
	if (kind == ND_OP_EQUAL) {
		w_feed(w, e->ptr, e->len);
		return w->err;
	}
	if (e->len && strspn(e->ptr, " ") == e->len) {
		/* an edit of spaces alone would be invisible: show it as ␣ */
		nd_buf_clear(e);
		if ((w->err = nd_buf_puts(e, "\xE2\x90\xA3")) != 0)
			return w->err;
	}
	/* spaces at the edges of an edit go outside its markers */
	while (lead < e->len && e->ptr[lead] == ' ')
		lead++;
	while (trail < e->len - lead && e->ptr[e->len - 1 - trail] == ' ')
		trail++;
	if (lead)
		w_feeds(w, " ");
	if (lead + trail < e->len) {
		int style = kind == ND_OP_DELETE ? ST_DEL : ST_INS;

		if (p->r->o->color)
			w_style(w, style);
		else
			w_mark(w, style == ST_DEL ? "[-" : "{+", 1);
		w_feed(w, e->ptr + lead, e->len - lead - trail);
		if (p->r->o->color)
			w_style(w, ST_PLAIN);
		else
			w_mark(w, style == ST_DEL ? "-]" : "+}", 0);
	}
	if (trail)
		w_feeds(w, " ");
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
		err = w_end(&st->w);
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
	nd_buf_dispose(&st->w.word);
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
};
