/* draw.c - the model laid out on a grid.
 *
 *   header   the two versions; the summary, filter and search
 *   outline  one row per listed change: badge, flags, labels, first words,
 *            and at its right end "[12 within]" when changes lie inside the
 *            provision (a column of counts, never cut by the words)
 *   text     the selected provision: side by side (old | new) or as an
 *            inline redline, wrapped at spaces, scrolled under a fixed title
 *   footer   the keys, a message, or the search being typed
 *
 * The history and synopsis views are history.c's; this file draws their
 * header and footer.
 *
 * Side by side, the two columns are exactly as wide. The side with one
 * provision is laid out first and its pieces kept; each part of the other
 * side (a split's new provisions, a merge's old ones) then starts no
 * higher than the line of the first words it shares with that side (its
 * own first words, or the shared ones after the words only it has),
 * padded down with blank lines. The word edits (runs of non-equal ops)
 * are numbered as the pieces arrive, each with the cells it covers; one
 * pass over those and the lines gives each edit its first line per
 * column, which is what `]` and `[` scroll to and mark.
 *
 * Wide screens (100 columns and more) put the outline left of the text;
 * narrow ones put it above. Only what is visible is laid out: the rows on
 * screen and the one selected provision, so a draw costs the same for a
 * draft of ten provisions and one of a hundred thousand. The provision's
 * pieces go into texts (text.c), which point at the comparison's words
 * and make their cells a block at a time when a line is wrapped, searched
 * or drawn; its columns (column.c) keep a checkpoint every 64 lines and
 * wrap a chunk again when a line in it is asked for. The layout keeps a
 * run a piece and a few bytes a block of lines, not a cell a character
 * nor a record a line. (The layout is made again whenever the comparison
 * changes, m->gen, before anything reads the words it points at.)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/render.h"
#include "normdiff/utf8.h"
#include "normdiff/walk.h"
#include "tui_internal.h"

/* Below this many columns the outline goes above the text. */
#define WIDE 100

static const char *const badges[ND_CHANGE_KINDS] = {
	" = ", "mod", "add", "rem", "spl", "mrg",
};

/* Flows a provision's columns can hold at once: a part per provision of
 * each side (MAX_PARTS at most each; the rest join the last). */
#define MAX_PARTS 32
#define NFLOWS (2 * MAX_PARTS)

/* Cells [a, b) of flow f, in column col (0 left, 1 right), belong to
 * word edit `edit`. */
typedef struct espan {
	int col, f;
	size_t a, b;
	size_t edit;
} espan;

/* A piece of the side laid out first: its first cell and where its bytes
 * came from (op index and pointer into the op's text). */
typedef struct prec {
	int f;
	size_t cell;
	size_t op;
	const char *s;
	size_t len;
} prec;

/* The selected provision laid out, kept from one frame to the next until
 * what it depends on changes: scrolling a provision of a megabyte must not
 * lay it out again at every key. */
struct tui_layout {
	unsigned gen;        /* the model's generation it was made for */
	size_t change;       /* the change (index in the change set) */
	unsigned lw, rw;     /* its column widths */
	int redline;         /* inline, not side by side */
	int valid;           /* it holds a layout */
	tui_text fl[NFLOWS]; /* its texts, cells made when drawn */
	int nfl;             /* flows in use */
	tui_column left, right; /* its lines (inline: right only) */
	/* its word edits (runs of deleted and inserted words between equal
	 * ones, numbered in the order of the change's ops) */
	size_t *opedit;      /* per op of the change: its edit, or TUI_NO_EDIT */
	size_t opcap;        /* allocated */
	size_t nedits;       /* how many edits */
	espan *spans;        /* the cells of each edit, in column order */
	size_t nspans, spcap;
	size_t *eline;       /* per edit: its first line on the left, on the
	                        right (2 per edit; TUI_NO_EDIT: not there) */
	size_t elcap;
	int elines;          /* eline is made (when an edit is first sought
	                        or shown: it reads every line) */
	size_t marked;       /* the edit whose cells carry TM_EDIT */
	size_t *mspans;      /* its spans (indices in spans), in order */
	size_t nmspans, mscap;
	tui_cell *lcells;    /* the cells of the line being drawn */
	size_t lcap;
	prec *recs;          /* the pieces of the side laid out first (side
	                        by side), to align the other side's parts */
	size_t nrecs, rcap;
};

/* Everything one drawing needs. */
typedef struct ctx {
	tui_model *m;       /* what is drawn */
	tui_grid *g;        /* where */
	tui_layout *lay;    /* the provision's layout (the model's) */
	tui_flow line;      /* a line drawn at once (header, rows, titles) */
	nd_buf tmp;         /* scratch */
	int err;            /* first failure */
} ctx;

/* The flow for a line that is drawn before the next one is made. */
static tui_flow *scratch(ctx *c)
{
	flow_clear(&c->line);
	return &c->line;
}

/* A fresh flow of the provision (provision_text never asks for more than
 * NFLOWS). */
static tui_text *new_flow(ctx *c)
{
	tui_text *f = &c->lay->fl[c->lay->nfl++];

	text_clear(f);
	return f;
}

static void add(ctx *c, tui_flow *f, const char *s, size_t len, tui_style st)
{
	if (!c->err)
		c->err = flow_add(f, s, len, st);
}

static void addz(ctx *c, tui_flow *f, const char *s, tui_style st)
{
	add(c, f, s, strlen(s), st);
}

/* add and addz to the provision's text */
static void tadd(ctx *c, tui_text *f, const char *s, size_t len, tui_style st)
{
	if (!c->err)
		c->err = text_add(f, s, len, st);
}

static void taddz(ctx *c, tui_text *f, const char *s, tui_style st)
{
	tadd(c, f, s, strlen(s), st);
}

static void line(ctx *c, unsigned x, unsigned y, unsigned w, tui_flow *f)
{
	grid_line(c->g, x, y, w, f);
}

/* ---- header and footer ---- */

static void version_name(ctx *c, tui_flow *f, const nd_docinfo *info)
{
	nd_buf_clear(&c->tmp);
	if (!c->err)
		c->err = nd_report_version(&c->tmp, info);
	add(c, f, c->tmp.ptr ? c->tmp.ptr : "", c->tmp.len, TS_BAR);
}

static void header(ctx *c)
{
	const tui_model *m = c->m;
	const nd_summary *s = &m->view.cs->summary;
	size_t flags[ND_NFLAGS];
	tui_flow *f = scratch(c);
	char num[32];
	int k, any = 0;

	grid_fill(c->g, 0, 0, c->g->cols, 1, TS_BAR);
	addz(c, f, " normdiff  ", TS_BAR);
	version_name(c, f, m->view.old_info);
	addz(c, f, " → ", TS_BAR);
	version_name(c, f, m->view.new_info);
	line(c, 0, 0, c->g->cols, f);

	f = scratch(c);
	addz(c, f, " ", TS_NORMAL);
	for (k = 0; k < ND_CHANGE_KINDS; k++) {
		if (!s->count[k])
			continue;
		snprintf(num, sizeof(num), "%s%zu ", any++ ? "  " : "", s->count[k]);
		addz(c, f, num, TS_NORMAL);
		addz(c, f, nd_change_kind_name((nd_change_kind)k),
		     (tui_style)(TS_KIND + k));
	}
	nd_flag_counts(s, flags);
	for (k = 0; k < 2; k++) { /* moved, renumbered */
		if (!flags[k])
			continue;
		snprintf(num, sizeof(num), "  %zu ", flags[k]);
		addz(c, f, num, TS_NORMAL);
		addz(c, f, nd_report_flag_words[k], TS_FLAG);
	}
	if (m->filter != FILTER_ALL) {
		addz(c, f, "   filter: ", TS_DIM);
		addz(c, f, model_filter_name(m->filter), TS_TITLE);
		snprintf(num, sizeof(num), " (%zu)", m->nlisted);
		addz(c, f, num, TS_DIM);
	}
	if (m->view.cs->nnotes) { /* caps that bit: the help lists them */
		snprintf(num, sizeof(num), "   %zu note%s", m->view.cs->nnotes,
		         m->view.cs->nnotes == 1 ? "" : "s");
		addz(c, f, num, TS_FLAG);
		addz(c, f, " (? shows)", TS_DIM);
	}
	if (m->re) {
		addz(c, f, "   search: /", TS_DIM);
		addz(c, f, m->pattern, TS_TITLE);
		addz(c, f, "/", TS_DIM);
	}
	line(c, 0, 1, c->g->cols, f);
}

static void footer(ctx *c)
{
	tui_model *m = c->m;
	unsigned y = c->g->rows - 1, used;
	tui_flow *f = scratch(c);
	char pos[48];

	grid_fill(c->g, 0, y, c->g->cols, 1, TS_BAR);
	if (m->mode == MODE_PROMPT) {
		addz(c, f, "/", TS_KEY);
		add(c, f, m->prompt.ptr ? m->prompt.ptr : "", m->prompt.len, TS_BAR);
		used = grid_put(c->g, 0, y, c->g->cols - 1, f->cells, 0, f->n);
		grid_mark(c->g, used, y, 1, 1, TM_SEL); /* the cursor */
		if (m->msg[0]) {
			f = scratch(c);
			addz(c, f, "  ", TS_BAR);
			addz(c, f, m->msg, TS_ERROR);
			line(c, used + 1, y, c->g->cols - used - 1, f);
		}
		return;
	}
	/* the pane with the focus: the text names itself, the outline is the
	 * default (its selected row in reverse) */
	snprintf(pos, sizeof(pos), " %s%zu/%zu ", m->mode == MODE_MAIN &&
	         (m->focus || m->zoom) && m->nrows ? "text · " : "",
	         m->nrows ? m->sel + 1 : 0, m->nrows);
	used = c->g->cols - (unsigned)strlen(pos); /* what is left of the position */
	if (m->msg[0]) {
		addz(c, f, " ", TS_BAR);
		addz(c, f, m->msg, m->msg_error ? TS_ERROR : TS_BAR);
	} else if (!c->err) {
		c->err = m->mode == MODE_HISTORY ? keys_view_hints(f, VIEW_HISTORY, used)
		         : m->mode == MODE_SYNOPSIS
		         ? keys_view_hints(f, VIEW_SYNOPSIS, used) : keys_hints(f, used, m->focus || m->zoom);
	}
	line(c, 0, y, used, f);
	f = scratch(c);
	addz(c, f, pos, TS_BAR);
	line(c, used, y, (unsigned)strlen(pos), f);
}

/* ---- the outline ---- */

/* Below this many columns left for a row's own words, a row leaves out
 * its "[12 within]". */
#define ROW_WORDS 16

/* How many bytes of s[0..len) can fill w columns at most: a row shows the
 * first words of a provision, however long it is, without reading it all.
 * Cut at a character boundary. */
static size_t first_words(const char *s, size_t len, unsigned w)
{
	size_t max = 4 * (size_t)w + 4; /* at most 4 bytes a column */

	if (len <= max)
		return len;
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return max;
}

static void outline_row(ctx *c, size_t r, unsigned x, unsigned y, unsigned w)
{
	tui_model *m = c->m;
	const nd_change *ch = model_change(m, r);
	const nd_doc *d;
	size_t i = nd_anchor(m->view.cs, ch, &d);
	unsigned depth = d->clauses[i].depth, k, nw = 0;
	tui_flow *f = scratch(c);
	char note[48];

	if (ch->changed_within) { /* a section whose items changed says so */
		snprintf(note, sizeof(note), "[%zu within]", ch->changed_within);
		nw = (unsigned)strlen(note) + 1;
		if (nw + ROW_WORDS > w)
			nw = 0;
	}
	addz(c, f, badges[ch->kind], (tui_style)(TS_KIND + ch->kind));
	addz(c, f, " ", TS_NORMAL);
	addz(c, f, ch->moved ? "↕" : " ", TS_FLAG);
	addz(c, f, ch->renumbered ? "#" : " ", TS_FLAG);
	addz(c, f, " ", TS_NORMAL);
	for (k = 0; k < depth && k < 6; k++)
		addz(c, f, "  ", TS_NORMAL);
	nd_buf_clear(&c->tmp);
	if (!c->err)
		c->err = nd_label_pair(&c->tmp, m->view.cs, ch);
	add(c, f, c->tmp.ptr ? c->tmp.ptr : "", c->tmp.len, TS_TITLE);
	if (d->clauses[i].kind != ND_CLAUSE_HEADING ||
	    strlen(nd_doc_label(d, i)) != d->clauses[i].body_len ||
	    memcmp(nd_doc_label(d, i), nd_doc_body(d, i), d->clauses[i].body_len)) {
		/* the first words, unless they are the heading's label again */
		addz(c, f, " ", TS_NORMAL);
		add(c, f, nd_doc_body(d, i), first_words(nd_doc_body(d, i),
		                                         d->clauses[i].body_len, w),
		    ch->kind == ND_CHANGE_UNCHANGED ? TS_DIM : TS_NORMAL);
	}
	if (m->rows_ctx[r]) /* a heading listed only as context: dimmed */
		for (k = 0; k < f->n; k++)
			f->cells[k].style = TS_DIM;
	line(c, x, y, w - nw, f);
	if (nw) {
		f = scratch(c);
		addz(c, f, note, m->rows_ctx[r] ? TS_DIM : TS_FLAG);
		line(c, x + w - nw + 1, y, nw - 1, f);
	}
	if (r == m->sel)
		grid_mark(c->g, x, y, w, 1, m->focus || m->zoom ? TM_CUR : TM_SEL);
}

static void outline(ctx *c, unsigned x, unsigned y, unsigned w, unsigned h)
{
	tui_model *m = c->m;
	unsigned k;

	m->ox = x, m->oy = y, m->ow = w, m->oh = h;
	if (m->sel < m->top)
		m->top = m->sel;
	if (m->sel >= m->top + h)
		m->top = m->sel - h + 1;
	if (m->nrows > h && m->top > m->nrows - h)
		m->top = m->nrows - h;
	if (m->nrows <= h)
		m->top = 0;
	if (!m->nrows) {
		tui_flow *f = scratch(c);

		addz(c, f, " nothing is ", TS_DIM);
		addz(c, f, model_filter_name(m->filter), TS_TITLE);
		addz(c, f, ": press f for the next filter", TS_DIM);
		line(c, x, y, w, f);
		return;
	}
	for (k = 0; k < h && m->top + k < m->nrows; k++)
		outline_row(c, m->top + k, x, y + k, w);
}

/* ---- the provision ---- */

/* Wrap flow fi to the column's width and append its lines to col. */
static void put_flow(ctx *c, tui_column *col, int fi)
{
	if (!c->err)
		c->err = column_put_flow(col, fi);
}

static void put_blank(ctx *c, tui_column *col)
{
	if (!c->err)
		c->err = column_put_blank(col);
}

/* The pieces of the redline, sorted into flows: one for the old side and
 * one per new part (side by side), or one per part (inline). */
/* One text being laid out: the redline, or one side of side by side, as
 * flows, one per provision of that side (a split's parts, a merge's). */
typedef struct pieces {
	ctx *c;              /* the drawing */
	const nd_doc *d;     /* the document of the side's provisions */
	const size_t *idx;   /* those provisions */
	int first;           /* the flow of the first part */
	size_t nparts;       /* parts, as the walk finds them */
	int labelled[MAX_PARTS]; /* the part's flow starts with its label */
	int markers;         /* [-..-] and {+..+} around edits (no colour) */
	const nd_change *ch; /* the change walked */
	int col;             /* its column: 0 left, 1 right */
	int record;          /* keep its pieces (lay->recs) */
	size_t opk;          /* the op of the last piece (they come in order) */
	struct {             /* the first piece of each part */
		size_t op;
		const char *s;
		nd_op_kind kind;
	} start[MAX_PARTS];
} pieces;

/* A part of a split or merge starts with its label: "(2) ". */
static void part_label(pieces *p, size_t part)
{
	ctx *c = p->c;
	tui_text *f = &c->lay->fl[p->first + (int)part];

	p->labelled[part] = 1;
	if (p->nparts < 2)
		return;
	nd_buf_clear(&c->tmp);
	if (!c->err)
		c->err = nd_labels(&c->tmp, p->d, &p->idx[part], 1);
	tadd(c, f, c->tmp.ptr ? c->tmp.ptr : "", c->tmp.len, TS_TITLE);
	taddz(c, f, " ", TS_NORMAL);
}

/* The op of change p->ch whose text holds s (pieces come in the order of
 * the ops, so the search goes on from the last one); TUI_NO_EDIT for text
 * that is no op's (a change shown whole). */
static size_t op_of(pieces *p, const char *s)
{
	const nd_wdiff *d = &p->ch->diff;
	uintptr_t at = (uintptr_t)s;
	size_t k;

	for (k = p->opk; k < d->n; k++) {
		uintptr_t t = (uintptr_t)d->ops[k].text;

		if (d->ops[k].len && at >= t && at < t + d->ops[k].len) {
			p->opk = k;
			return k;
		}
	}
	return TUI_NO_EDIT;
}

static void *grow(ctx *c, void **v, size_t *cap, size_t n, size_t size)
{
	if (!c->err && nd_vec_reserve(v, cap, n, size))
		c->err = nd_error_oom();
	return c->err ? NULL : *v;
}

/* Note cells [a, b) of flow fi as part of word edit e. */
static void note_span(pieces *p, int fi, size_t a, size_t b, size_t e)
{
	tui_layout *lay = p->c->lay;
	espan *last = lay->nspans ? &lay->spans[lay->nspans - 1] : NULL;

	if (last && last->col == p->col && last->f == fi && last->edit == e &&
	    last->b == a) {
		last->b = b;
		return;
	}
	if (!grow(p->c, (void **)&lay->spans, &lay->spcap, lay->nspans + 1,
	          sizeof(espan)))
		return;
	lay->spans[lay->nspans++] = (espan){p->col, fi, a, b, e};
}

static int piece(void *ud, size_t part, nd_op_kind kind, const char *s,
                 size_t len)
{
	pieces *p = ud;
	ctx *c = p->c;
	tui_layout *lay = c->lay;
	tui_style st = kind == ND_OP_DELETE ? TS_DEL
	               : kind == ND_OP_INSERT ? TS_INS : TS_NORMAL;
	size_t op = op_of(p, s), a;
	tui_text *f;
	int fi;

	if (part >= MAX_PARTS)
		part = MAX_PARTS - 1; /* more parts than flows: the rest join */
	if (!p->labelled[part]) {
		part_label(p, part);
		p->start[part].op = op;
		p->start[part].s = s;
		p->start[part].kind = kind;
	}
	fi = p->first + (int)part;
	f = &lay->fl[fi];
	a = f->n;
	if (p->record && grow(c, (void **)&lay->recs, &lay->rcap, lay->nrecs + 1,
	                      sizeof(prec)))
		lay->recs[lay->nrecs++] = (prec){fi, a, op, s, len};
	if (p->markers && st != TS_NORMAL)
		taddz(c, f, kind == ND_OP_DELETE ? "[-" : "{+", st);
	if (!c->err) /* the comparison's words, which outlive the layout */
		c->err = text_add_ref(f, s, len, st);
	if (p->markers && st != TS_NORMAL)
		taddz(c, f, kind == ND_OP_DELETE ? "-]" : "+}", st);
	if (op != TUI_NO_EDIT && lay->opedit[op] != TUI_NO_EDIT && !c->err)
		note_span(p, fi, a, f->n, lay->opedit[op]);
	return c->err;
}

/* A side with no provision: "(not in 2011)", "(not in the old version)". */
static void absent(ctx *c, const nd_docinfo *info, const char *side)
{
	tui_text *f = new_flow(c);

	taddz(c, f, "(not in ", TS_DIM);
	if (info && info->label) {
		taddz(c, f, info->label, TS_DIM);
	} else {
		taddz(c, f, "the ", TS_DIM);
		taddz(c, f, side, TS_DIM);
		taddz(c, f, " version", TS_DIM);
	}
	taddz(c, f, ")", TS_DIM);
}

/* Where the part whose first piece is p->start[part] lines up in the
 * column laid out first (`other`, its pieces in lay->recs): the line
 * holding the first words both sides share from there on (the part's
 * own first words when it starts with shared ones); 0 when none. */
static size_t part_anchor(ctx *c, const pieces *p, size_t part,
                          tui_column *other)
{
	tui_layout *lay = c->lay;
	const nd_wdiff *d = &p->ch->diff;
	size_t op = p->start[part].op, k, cell;
	uintptr_t s = (uintptr_t)p->start[part].s;
	int equal = p->start[part].kind == ND_OP_EQUAL;

	if (op == TUI_NO_EDIT)
		return 0;
	while (!equal && op < d->n && d->ops[op].kind != ND_OP_EQUAL)
		op++; /* words of one side: the shared words after them */
	for (k = 0; op < d->n && k < lay->nrecs; k++) {
		const prec *r = &lay->recs[k];
		tui_text *f = &lay->fl[r->f];
		uintptr_t rs = (uintptr_t)r->s;

		if (r->op != op || (equal && (s < rs || s >= rs + r->len)))
			continue;
		cell = r->cell;
		while (equal && cell < f->n &&
		       text_off(f, cell) - text_off(f, r->cell) < s - rs)
			cell++;
		while (cell + 1 < f->n && text_cell(f, cell)->cp[0] == ' ')
			cell++; /* the words, not the space before them */
		return column_line_of(other, r->f, cell);
	}
	return 0;
}

/* Lay out one text of change ch into col at width w: the redline (side
 * < 0), the old side (1) or the new side (0); its parts separated by a
 * blank line, search matches marked. `colidx` is the column (0 left, 1
 * right). With `other` (the column laid out first, side by side), each
 * part after the first starts no higher than the words it shares with
 * the other side (or, for words of its own, than what follows them
 * there): blank lines pad it down. Without, its pieces are recorded for
 * the other side to line up with. */
static void one_text(ctx *c, const nd_change *ch, int side, tui_column *col,
                     int colidx, tui_column *other)
{
	tui_model *m = c->m;
	const nd_changeset *cs = m->view.cs;
	int old = side == 1;
	size_t n = old ? ch->nold : ch->nnew, k, at;
	pieces p;

	memset(&p, 0, sizeof(p));
	p.c = c;
	p.d = old ? cs->old : cs->new;
	p.idx = old ? ch->old : ch->new;
	p.markers = !m->color;
	p.ch = ch;
	p.col = colidx;
	p.record = side >= 0 && !other;
	p.first = c->lay->nfl;
	if (side >= 0 && !n) {
		absent(c, old ? m->view.old_info : m->view.new_info,
		       old ? "old" : "new");
		put_flow(c, col, p.first);
		return;
	}
	for (k = 0; k < (n > 1 ? n : 1) && k < MAX_PARTS; k++)
		new_flow(c);
	if (!c->err)
		c->err = side < 0 ? nd_redline(cs, ch, &p.nparts, piece, &p)
		                  : nd_side(cs, ch, old, &p.nparts, piece, &p);
	if (p.nparts > MAX_PARTS)
		p.nparts = MAX_PARTS;
	for (k = 0; k < p.nparts; k++) {
		if (m->re && !m->absent && /* absent: nothing to mark */
		    text_mark_matches(&c->lay->fl[p.first + (int)k], m->re) < 0) {
			/* the footer, drawn after the text, says so */
			snprintf(m->msg, sizeof(m->msg), "matches not marked: %s; "
			         "try a simpler pattern", nd_error_message());
			m->msg_error = 1;
		}
		if (k)
			put_blank(c, col);
		if (k && other && p.labelled[k])
			for (at = part_anchor(c, &p, k, other); col->n < at && !c->err;)
				put_blank(c, col);
		put_flow(c, col, p.first + (int)k);
	}
}

/* Number the change's word edits: a run of deleted and inserted words
 * between equal ones is one edit. */
static void number_edits(ctx *c, const nd_change *ch)
{
	tui_layout *lay = c->lay;
	size_t k;
	int in = 0;

	lay->nedits = 0;
	lay->nspans = 0;
	lay->nrecs = 0;
	lay->marked = TUI_NO_EDIT;
	lay->nmspans = 0;
	lay->elines = 0;
	if (!grow(c, (void **)&lay->opedit, &lay->opcap,
	          ch->diff.n ? ch->diff.n : 1, sizeof(size_t)))
		return;
	for (k = 0; k < ch->diff.n; k++) {
		if (ch->diff.ops[k].kind == ND_OP_EQUAL) {
			in = 0;
			lay->opedit[k] = TUI_NO_EDIT;
			continue;
		}
		if (!in)
			lay->nedits++;
		in = 1;
		lay->opedit[k] = lay->nedits - 1;
	}
}

/* The first line of each edit in each column, from the spans (both in
 * column order: one pass). */
/* From line l of col on, the line of span sp: the last line of its flow
 * that starts at or before it (col->n when the flow is not there). */
static size_t span_line(tui_column *col, size_t l, const espan *sp)
{
	tui_cline cur, next;

	for (; l < col->n; l++) {
		cur = *column_line(col, l);
		if (cur.f != sp->f)
			continue;
		if (l + 1 >= col->n)
			break;
		next = *column_line(col, l + 1);
		if (next.f != sp->f || next.a > sp->a)
			break;
	}
	return l;
}

static void edit_lines(ctx *c)
{
	tui_layout *lay = c->lay;
	tui_column *cols[2] = {&lay->left, &lay->right};
	size_t k, li[2] = {0, 0};

	if (!grow(c, (void **)&lay->eline, &lay->elcap,
	          2 * (lay->nedits ? lay->nedits : 1), sizeof(size_t)))
		return;
	for (k = 0; k < 2 * lay->nedits; k++)
		lay->eline[k] = TUI_NO_EDIT;
	for (k = 0; k < lay->nspans; k++) {
		const espan *sp = &lay->spans[k];
		tui_column *col = cols[sp->col];
		size_t *l = &li[sp->col];

		*l = span_line(col, *l, sp);
		if (*l < col->n && lay->eline[2 * sp->edit + sp->col] == TUI_NO_EDIT)
			lay->eline[2 * sp->edit + sp->col] = *l;
	}
	lay->elines = 1;
}

/* A text or column that could not make a block or a chunk (memory)
 * fails the drawing. */
static void text_errors(ctx *c)
{
	int k;

	for (k = 0; k < c->lay->nfl && !c->err; k++)
		c->err = c->lay->fl[k].err;
	if (!c->err)
		c->err = c->lay->left.err ? c->lay->left.err : c->lay->right.err;
}

/* Fill the columns with the provision's text: old | new, or the redline
 * in the right one. Side by side, the side with one provision is laid
 * out first and the other's parts line up with it (a split's parts start
 * beside the old words they came from). */
static void provision_text(ctx *c, const nd_change *ch, tui_column *left,
                           tui_column *right, unsigned lw, unsigned rw)
{
	column_clear(left, c->lay->fl, lw);
	column_clear(right, c->lay->fl, rw);
	number_edits(c, ch);
	if (c->m->redline) {
		one_text(c, ch, -1, right, 1, NULL);
	} else if (ch->nold > 1 && ch->nnew <= 1) { /* a merge: new first */
		one_text(c, ch, 0, right, 1, NULL);
		one_text(c, ch, 1, left, 0, right);
	} else {
		one_text(c, ch, 1, left, 0, NULL);
		one_text(c, ch, 0, right, 1, left);
	}
	text_errors(c);
}

/* Give the cells of line l (made into lay->lcells, from cell l->a) the
 * TM_EDIT mark where the current edit's spans cover them. */
static void edit_marks(tui_layout *lay, const tui_cline *l)
{
	size_t k, i;

	for (k = 0; k < lay->nmspans; k++) {
		const espan *sp = &lay->spans[lay->mspans[k]];

		if (sp->f != l->f)
			continue;
		for (i = sp->a > l->a ? sp->a : l->a; i < sp->b && i < l->b; i++)
			lay->lcells[i - l->a].mark |= TM_EDIT;
	}
}

static unsigned draw_cline(ctx *c, tui_column *col, size_t k, unsigned x,
                           unsigned y, unsigned w)
{
	tui_layout *lay = c->lay;
	tui_cline l;

	if (k >= col->n || c->err)
		return 0;
	if ((l = *column_line(col, k)).f < 0)
		return 0;
	if ((c->err = text_cells(&lay->fl[l.f], l.a, l.b, &lay->lcells,
	                         &lay->lcap)) != 0)
		return 0;
	edit_marks(lay, &l);
	return grid_put(c->g, x, y, w, lay->lcells, 0, l.b - l.a);
}

static int line_has_match(ctx *c, tui_column *col, size_t k)
{
	tui_cline l = *column_line(col, k);
	size_t i;

	if (l.f < 0 || l.b <= text_first_mark(&c->lay->fl[l.f]))
		return 0; /* before the text's first match */
	for (i = l.a; i < l.b; i++)
		if (text_cell(&c->lay->fl[l.f], i)->mark & TM_MATCH)
			return 1;
	return 0;
}

/* No line of col before this one has a match: the first line of the
 * first match of each of its texts, the earliest (col->n: none). */
static size_t match_from(ctx *c, tui_column *col)
{
	size_t k, best = col->n, fm, l;

	for (k = 0; k < col->nsegs; k++) {
		int f = col->segs[k].f;

		if (f < 0 || (fm = text_first_mark(&c->lay->fl[f])) >=
		    c->lay->fl[f].n)
			continue;
		if ((l = column_line_of(col, f, fm)) < best)
			best = l;
	}
	return best;
}

/* The title of the provision: labels and what happened, then where. */
static unsigned provision_title(ctx *c, const nd_change *ch, unsigned x,
                                unsigned y, unsigned w)
{
	const nd_changeset *cs = c->m->view.cs;
	const nd_doc *d;
	size_t i = nd_anchor(cs, ch, &d);
	tui_flow *f = scratch(c);
	char buf[96];

	nd_buf_clear(&c->tmp);
	if (!c->err)
		c->err = nd_label_pair(&c->tmp, cs, ch);
	add(c, f, c->tmp.ptr ? c->tmp.ptr : "", c->tmp.len, TS_TITLE);
	addz(c, f, "  ", TS_NORMAL);
	nd_buf_clear(&c->tmp);
	if (!c->err)
		c->err = nd_report_kind_words(&c->tmp, ch);
	add(c, f, c->tmp.ptr ? c->tmp.ptr : "", c->tmp.len,
	    (tui_style)(TS_KIND + ch->kind));
	nd_buf_clear(&c->tmp);
	if (!c->err)
		c->err = nd_report_move_words(&c->tmp, cs, ch);
	if (c->tmp.len) { /* "; from after PP3 to after PP9" */
		addz(c, f, "; ", TS_NORMAL);
		add(c, f, c->tmp.ptr, c->tmp.len, TS_FLAG);
	}
	nd_buf_clear(&c->tmp);
	if (!c->err) /* " · p. 3 → p. 4", as the reports head a change */
		c->err = nd_report_change_pages(&c->tmp, cs, ch, c->m->view.old_info,
		                                c->m->view.new_info);
	if (c->tmp.len) {
		addz(c, f, " · ", TS_NORMAL);
		add(c, f, c->tmp.ptr, c->tmp.len, TS_NORMAL);
	}
	if (ch->changed_within) {
		nd_buf_clear(&c->tmp);
		if (!c->err)
			c->err = nd_report_within_words(&c->tmp, ch->changed_within);
		addz(c, f, " · ", TS_NORMAL);
		add(c, f, c->tmp.ptr ? c->tmp.ptr : "", c->tmp.len, TS_FLAG);
	}
	if (ch->kind == ND_CHANGE_MODIFIED) {
		snprintf(buf, sizeof(buf), "  %.0f%% alike", 100 * ch->similarity);
		addz(c, f, buf, TS_DIM);
	}
	line(c, x, y, w, f);

	f = scratch(c);
	nd_buf_clear(&c->tmp);
	if (!c->err)
		c->err = nd_context(&c->tmp, d, i, 0);
	add(c, f, c->tmp.ptr ? c->tmp.ptr : "", c->tmp.len, TS_DIM);
	if (c->tmp.len)
		addz(c, f, " · ", TS_DIM);
	if (ch->nold) {
		snprintf(buf, sizeof(buf), "old line %lu",
		         (unsigned long)cs->old->clauses[ch->old[0]].line);
		addz(c, f, buf, TS_DIM);
	}
	if (ch->nold && ch->nnew)
		addz(c, f, ", ", TS_DIM);
	if (ch->nnew) {
		snprintf(buf, sizeof(buf), "new line %lu",
		         (unsigned long)cs->new->clauses[ch->new[0]].line);
		addz(c, f, buf, TS_DIM);
	}
	line(c, x, y + 1, w, f);
	return 3;
}

/* The name over a column: the version as a reader names it, or the
 * file's name without its directories. */
static void column_head(ctx *c, const nd_docinfo *info, unsigned x,
                        unsigned y, unsigned w)
{
	tui_flow *f = scratch(c);
	const char *slash;

	if (info && !info->label && info->spec) {
		slash = strrchr(info->spec, '/');
		addz(c, f, slash && slash[1] ? slash + 1 : info->spec, TS_TITLE);
	} else {
		nd_buf_clear(&c->tmp);
		if (!c->err)
			c->err = nd_report_version(&c->tmp, info);
		add(c, f, c->tmp.ptr ? c->tmp.ptr : "", c->tmp.len, TS_TITLE);
	}
	line(c, x, y, w, f);
}

static const tui_cell edit_mark = {{0x25B8, 0, 0, 0}, 1, TS_FLAG, 0};

/* Make edit e the one whose cells (and only those) are drawn with the
 * TM_EDIT mark: list its spans. */
static void mark_edit(ctx *c, size_t e)
{
	tui_layout *lay = c->lay;
	size_t k;

	if (lay->marked == e)
		return;
	lay->nmspans = 0;
	for (k = 0; k < lay->nspans && e != TUI_NO_EDIT; k++) {
		if (lay->spans[k].edit != e)
			continue;
		if (!grow(c, (void **)&lay->mspans, &lay->mscap, lay->nmspans + 1,
		          sizeof(size_t)))
			return;
		lay->mspans[lay->nmspans++] = k;
	}
	lay->marked = e;
}

/* ] and [ (and s keeping the edit): the next or previous word edit, or
 * the same one, scrolled into view in both columns, and say which it is.
 * At either end the edit stays and the footer says so. */
static void seek_edit(ctx *c, const nd_change *ch)
{
	tui_model *m = c->m;
	tui_layout *lay = c->lay;
	int dir = m->edit_seek;
	size_t e = m->edit, lo, hi, a, b;

	m->edit_seek = 0;
	if (!lay->nedits) {
		model_message(m, 0, "no word edits in this provision: it is %s "
		        "(n: the next change)", ch->kind == ND_CHANGE_ADDED ? "all new"
		        : ch->kind == ND_CHANGE_REMOVED ? "all removed" : "unchanged");
		return;
	}
	if (dir > 1 && e != TUI_NO_EDIT)
		; /* the same edit */
	else if (e == TUI_NO_EDIT)
		e = dir < 0 ? lay->nedits - 1 : 0;
	else if (dir > 0 && e + 1 >= lay->nedits) {
		model_message(m, 0, "the last edit of %zu in this provision "
		        "(n: the next change)", lay->nedits);
		return;
	} else if (dir < 0 && e == 0) {
		model_message(m, 0, "the first edit of %zu in this provision",
		        lay->nedits);
		return;
	} else {
		e = dir > 0 ? e + 1 : e - 1;
	}
	m->edit = e;
	model_message(m, 0, "edit %zu of %zu", e + 1, lay->nedits);
	a = lay->eline[2 * e];
	b = lay->eline[2 * e + 1];
	lo = a < b ? a : b; /* TUI_NO_EDIT is the largest */
	hi = a == TUI_NO_EDIT ? b : b == TUI_NO_EDIT ? a : a > b ? a : b;
	if (lo == TUI_NO_EDIT)
		return;
	if (lo < m->dtop || hi >= m->dtop + m->dh)
		m->dtop = lo > 0 ? lo - 1 : 0; /* a line of what comes before */
}

static void provision(ctx *c, unsigned x, unsigned y, unsigned w, unsigned h)
{
	tui_model *m = c->m;
	tui_layout *lay = c->lay;
	tui_column *left = &lay->left, *right = &lay->right;
	unsigned top, lw, rw, k;
	size_t n, i;
	const nd_change *ch;

	m->dx = x, m->dy = y, m->dw = w, m->dh = 0;
	if (!m->nrows || w < 8 || h < 4)
		return;
	ch = model_change(m, m->sel);
	x += 1; /* a margin */
	w -= 2;
	top = provision_title(c, ch, x, y, w);
	/* the two columns exactly as wide, so they wrap alike */
	lw = m->redline ? 0 : (w - 3) / 2;
	rw = m->redline ? w : lw;
	if (!m->redline) {
		column_head(c, m->view.old_info, x, y + top, lw);
		column_head(c, m->view.new_info, x + lw + 3, y + top, rw);
		top++;
	}
	if (!lay->valid || lay->gen != m->gen || lay->change != m->rows_idx[m->sel] ||
	    lay->lw != lw || lay->rw != rw || lay->redline != m->redline) {
		lay->valid = 0;
		lay->nfl = 0;
		provision_text(c, ch, left, right, lw, rw);
		if (c->err)
			return;
		lay->valid = 1;
		lay->gen = m->gen;
		lay->change = m->rows_idx[m->sel];
		lay->lw = lw;
		lay->rw = rw;
		lay->redline = m->redline;
	}
	n = left->n > right->n ? left->n : right->n;
	m->dlines = n;
	m->dy = y + top;
	m->dh = h > top ? h - top : 0;
	if (m->focus || m->zoom) /* the pane with the focus: its title */
		grid_mark(c->g, x - 1, y, w + 2, 1, TM_SEL);
	if (m->edit != TUI_NO_EDIT && m->edit >= lay->nedits)
		m->edit = TUI_NO_EDIT;
	if ((m->edit_seek || m->edit != TUI_NO_EDIT) && !lay->elines)
		edit_lines(c);
	if (c->err)
		return;
	if (m->edit_seek)
		seek_edit(c, ch);
	mark_edit(c, m->edit);
	if (m->seek_match) {
		i = match_from(c, left);
		if (match_from(c, right) < i)
			i = match_from(c, right);
		for (; i < n; i++)
			if ((i < left->n && line_has_match(c, left, i)) ||
			    (i < right->n && line_has_match(c, right, i)))
				break;
		if (i < n && (i < m->dtop || i >= m->dtop + m->dh))
			m->dtop = i > 0 ? i - 1 : 0;
		m->seek_match = 0;
		text_errors(c);
	}
	if (m->dtop + m->dh > n)
		m->dtop = n > m->dh ? n - m->dh : 0;
	for (k = 0; k < m->dh; k++) {
		i = m->dtop + k;
		if (i >= n)
			break;
		if (!m->redline) {
			draw_cline(c, left, i, x, m->dy + k, lw);
			grid_put(c->g, x + lw + 1, m->dy + k, 1,
			         &(tui_cell){{0x2502, 0, 0, 0}, 1, TS_BORDER, 0}, 0, 1);
			draw_cline(c, right, i, x + lw + 3, m->dy + k, rw);
		} else {
			draw_cline(c, right, i, x, m->dy + k, rw);
		}
		if (m->edit == TUI_NO_EDIT)
			continue;
		/* "▸" in the margin before the current edit's first line */
		if (lay->eline[2 * m->edit] == i)
			grid_put(c->g, x - 1, m->dy + k, 1, &edit_mark, 0, 1);
		if (lay->eline[2 * m->edit + 1] == i)
			grid_put(c->g, m->redline ? x - 1 : x + lw + 2, m->dy + k, 1,
			         &edit_mark, 0, 1);
	}
	if (m->dlines > m->dh) {
		char more[48];
		tui_flow *f = scratch(c);

		snprintf(more, sizeof(more), " lines %zu-%zu of %zu ", m->dtop + 1,
		         m->dtop + m->dh, n);
		addz(c, f, more, TS_DIM);
		line(c, x + w - (unsigned)strlen(more) + 1, y + 1,
		     (unsigned)strlen(more), f);
	}
}

/* ---- help and the version picker ---- */

/* Append "- " + s to out, wrapped at spaces into lines of at most width
 * characters (a longer word stands alone), continuation lines indented. */
static int wrap_note(nd_buf *out, const char *s, size_t width)
{
	const char *lead = "- ";
	size_t col = 0;
	int err = 0;

	while (*s && !err) {
		size_t n = strcspn(s, " "), w = nd_utf8_count(s, n);

		if (col && col + 1 + w > width) {
			err = nd_buf_putc(out, '\n');
			col = 0;
			lead = "  ";
		}
		if (!err && !col)
			err = nd_buf_puts(out, lead), col = 2;
		else if (!err)
			err = nd_buf_putc(out, ' '), col++;
		if (!err)
			err = nd_buf_put(out, s, n);
		col += w;
		s += n;
		while (*s == ' ')
			s++;
	}
	return err ? err : nd_buf_putc(out, '\n');
}

/* The keys of the history or the synopsis, and what their marks mean. */
static int help_view(nd_buf *out, int view)
{
	int err = out->len ? nd_buf_puts(out, "\n") : 0;

	err = err ? err : keys_help(out, view);
	if (!err && view == VIEW_HISTORY)
		err = nd_buf_puts(out, "Blame: ¹ ² ³ … before a run of words: the "
		                  "version (numbered from the oldest)\n"
		                  "       that brought them.\n");
	if (!err && view == VIEW_SYNOPSIS)
		err = nd_buf_puts(out, "Cells: = unchanged, ~ modified, + added, "
		                  "< split, > merged, - removed,\n"
		                  "       blank: not in that version.\n");
	return err;
}

static void help(ctx *c, unsigned y, unsigned h)
{
	tui_model *m = c->m;
	nd_buf text = ND_BUF_INIT;
	const char *p, *nl;
	unsigned row = 0;
	size_t k = 0;
	tui_flow *f = scratch(c);

	addz(c, f, " Keys", TS_TITLE);
	addz(c, f, "   (any other key closes this help)", TS_DIM);
	line(c, 0, y, c->g->cols, f);
	if (!c->err && m->help_from != MODE_MAIN) /* the view's own keys first */
		c->err = help_view(&text, m->help_from == MODE_HISTORY
		                          ? VIEW_HISTORY : VIEW_SYNOPSIS);
	if (!c->err)
		c->err = keys_help(&text, VIEW_MAIN);
	if (!c->err)
		c->err = nd_buf_puts(&text, "\nBadges: mod modified, add added, rem "
		                     "removed, spl split, mrg merged, = unchanged;\n"
		                     "        ↕ moved, # renumbered; [3 within] 3 "
		                     "changes inside the provision.\n");
	if (!c->err && m->view.cs->nnotes)
		c->err = nd_buf_puts(&text, "\nNotes on this comparison:\n");
	for (k = 0; k < m->view.cs->nnotes && !c->err; k++)
		c->err = wrap_note(&text, m->view.cs->notes[k],
		                   c->g->cols > 24 ? c->g->cols - 4 : 20);
	if (!c->err && m->help_from != MODE_HISTORY)
		c->err = help_view(&text, VIEW_HISTORY);
	if (!c->err && m->help_from != MODE_SYNOPSIS)
		c->err = help_view(&text, VIEW_SYNOPSIS);
	k = 0;
	for (p = text.ptr; p && *p && !c->err; p = nl + 1, k++) {
		nl = strchr(p, '\n');
		if (k < m->help_top)
			continue;
		if (row + 2 >= h)
			break;
		f = scratch(c);
		addz(c, f, "  ", TS_NORMAL);
		add(c, f, p, (size_t)(nl - p), TS_NORMAL);
		line(c, 0, y + 2 + row++, c->g->cols, f);
	}
	nd_buf_dispose(&text);
}

static void picker(ctx *c, unsigned y, unsigned h)
{
	tui_model *m = c->m;
	const nd_tui_host *host = m->host;
	size_t k, top = 0;
	tui_flow *f = scratch(c);

	if (m->pick_step == 0) {
		addz(c, f, " Pick the OLD version", TS_TITLE);
	} else {
		addz(c, f, " Pick the NEW version to compare with ", TS_TITLE);
		addz(c, f, host->versions[m->pick_old].label
		     ? host->versions[m->pick_old].label : "?", TS_TITLE);
	}
	addz(c, f, "   Enter picks, Esc cancels", TS_DIM);
	line(c, 0, y, c->g->cols, f);
	if (h < 3)
		return;
	if (m->pick >= top + h - 2)
		top = m->pick - (h - 3);
	for (k = top; k < host->nversions && k - top < h - 2; k++) {
		const nd_docinfo *v = &host->versions[k];
		/* step 1 shows the versions on screen, step 2 the one picked */
		const char *tag = m->pick_step ? (k == m->pick_old ? "old " : "    ")
		                  : k == m->cur_old ? "old "
		                  : k == m->cur_new ? "new " : "    ";
		char buf[64];

		f = scratch(c);
		addz(c, f, k == m->pick ? "> " : "  ", TS_TITLE);
		addz(c, f, tag, TS_FLAG);
		/* numbered from the oldest, as the history and synopsis number */
		snprintf(buf, sizeof(buf), "%*zu ", host->nversions < 10 ? 1
		         : host->nversions < 100 ? 2 : 4, host->nversions - k);
		addz(c, f, buf, TS_DIM);
		snprintf(buf, sizeof(buf), "%-12.12s ", v->label ? v->label : "-");
		addz(c, f, buf, TS_TITLE);
		snprintf(buf, sizeof(buf), "%-10.10s  ", v->date ? v->date : "-");
		addz(c, f, buf, TS_NORMAL);
		addz(c, f, v->symbol ? v->symbol : "-", TS_NORMAL);
		addz(c, f, "  ", TS_NORMAL);
		addz(c, f, v->title ? v->title : "", TS_DIM);
		line(c, 0, y + 2 + (unsigned)(k - top), c->g->cols, f);
		if (k == m->pick)
			grid_mark(c->g, 0, y + 2 + (unsigned)(k - top), c->g->cols, 1, TM_SEL);
	}
}

/* ---- the screen ---- */

static void body(ctx *c, unsigned y, unsigned h)
{
	tui_model *m = c->m;
	unsigned cols = c->g->cols, ow, oh, k;

	if (m->zoom) {
		m->oh = 0;
		provision(c, 0, y, cols, h);
	} else if (cols >= WIDE) {
		ow = cols / 3 > 56 ? 56 : cols / 3;
		outline(c, 0, y, ow, h);
		for (k = 0; k < h; k++)
			grid_put(c->g, ow, y + k, 1,
			         &(tui_cell){{0x2502, 0, 0, 0}, 1, TS_BORDER, 0}, 0, 1);
		provision(c, ow + 1, y, cols - ow - 1, h);
	} else {
		oh = h * 2 / 5 < 3 ? 3 : h * 2 / 5;
		outline(c, 0, y, cols, oh);
		for (k = 0; k < cols; k++)
			grid_put(c->g, k, y + oh, 1,
			         &(tui_cell){{0x2500, 0, 0, 0}, 1, TS_BORDER, 0}, 0, 1);
		provision(c, 0, y + oh + 1, cols, h - oh - 1);
	}
}

void draw_release(tui_model *m)
{
	tui_layout *lay = m->layout;
	int k;

	if (!lay)
		return;
	for (k = 0; k < NFLOWS; k++)
		text_dispose(&lay->fl[k]);
	column_dispose(&lay->left);
	column_dispose(&lay->right);
	free(lay->opedit);
	free(lay->spans);
	free(lay->eline);
	free(lay->recs);
	free(lay->mspans);
	free(lay->lcells);
	free(lay);
	m->layout = NULL;
}

int draw_screen(tui_model *m, tui_grid *g)
{
	ctx c;

	memset(&c, 0, sizeof(c));
	if (!m->layout && (m->layout = calloc(1, sizeof(*m->layout))) == NULL)
		return nd_error_oom();
	c.m = m;
	c.g = g;
	c.lay = m->layout;
	grid_fill(g, 0, 0, g->cols, g->rows, TS_NORMAL);
	header(&c);
	if (m->mode == MODE_HELP)
		help(&c, 2, g->rows - 3);
	else if (m->mode == MODE_PICK)
		picker(&c, 2, g->rows - 3);
	else if (m->mode == MODE_HISTORY || m->mode == MODE_SYNOPSIS)
		c.err = series_draw(m, g, 2, g->rows - 3);
	else
		body(&c, 2, g->rows - 3);
	footer(&c);
	flow_dispose(&c.line);
	nd_buf_dispose(&c.tmp);
	if (c.err)
		c.lay->valid = 0;
	return c.err;
}
