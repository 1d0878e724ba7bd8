/* history.c - the views over the whole series of the store's versions:
 * the history of one provision (`H`) and the synopsis (`S`).
 *
 * Design note. The host computes the series (every pair of consecutive
 * versions compared) on the first request; the views only read it. The
 * host's versions are newest first and the series' oldest first, so host
 * version k is series version n-1-k: every crossing between the two goes
 * through host_to_series(). The selected provision of the main view is a
 * clause of the comparison on screen; it is the same clause of the series'
 * document only when both were parsed from the same text, which
 * same_doc() checks (the host may parse them separately).
 *
 * - The history is a list of paragraphs (flows), two per version where
 *   the provision exists (a heading; its text with the word edits against
 *   the version before, or with the blame), made when the view opens or
 *   the blame is toggled, and wrapped at each drawing (cheap), so
 *   scrolling lays nothing out again.
 * - The synopsis draws only what is on screen: rows of nd_series_rows(),
 *   as many version columns as fit at MIN_COL columns each, each cell the
 *   first words of its provision.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/render.h"
#include "normdiff/utf8.h"
#include "normdiff/walk.h"
#include "normdiff/worddiff.h"
#include "tui_internal.h"

/* The narrowest column of the synopsis. */
#define MIN_COL 24

/* A line of the history: cells [a, b) of paragraph p, or blank (p < 0). */
typedef struct hline {
	long p;
	size_t a, b;
} hline;

/* A paragraph of the history, drawn `indent` columns in. */
typedef struct para {
	tui_flow f;
	unsigned indent;
} para;

struct tui_series_view {
	const nd_series *s;     /* the host's, once loaded */
	/* the history */
	nd_lineage lin;         /* the provision followed */
	int have_lin;           /* lin holds one */
	int blame;              /* texts with their blame, not their edits */
	int from;               /* the mode Esc goes back to */
	para *paras;            /* its paragraphs */
	size_t npara, pcap;
	hline *lines;           /* wrapped at width lw */
	size_t nlines, lcap;
	unsigned lw;            /* 0: not wrapped */
	size_t *starts, scap;   /* flow_wrap's */
	size_t top;             /* first line on screen */
	unsigned h;             /* lines on screen at the last drawing */
	/* the synopsis */
	nd_rows rows;           /* its rows */
	int have_rows;
	size_t sel, stop, left; /* row selected, first row, first version shown */
	unsigned sh, ncol;      /* rows and columns at the last drawing */
	size_t want_v;          /* a version to bring on screen, or ND_NONE */
	/* a drawing's scratch */
	tui_flow line;
	nd_buf tmp;
	int err;
};

static tui_series_view *view_of(tui_model *m)
{
	if (!m->sv && (m->sv = calloc(1, sizeof(*m->sv))) != NULL)
		m->sv->want_v = ND_NONE;
	return m->sv;
}

static void drop_history(tui_series_view *sv)
{
	size_t k;

	for (k = 0; k < sv->pcap; k++)
		flow_dispose(&sv->paras[k].f);
	free(sv->paras);
	sv->paras = NULL;
	sv->npara = sv->pcap = 0;
	sv->lw = 0;
	if (sv->have_lin)
		nd_lineage_dispose(&sv->lin);
	sv->have_lin = 0;
}

void series_release(tui_model *m)
{
	tui_series_view *sv = m->sv;

	if (!sv)
		return;
	drop_history(sv);
	if (sv->have_rows)
		nd_rows_dispose(&sv->rows);
	free(sv->lines);
	free(sv->starts);
	flow_dispose(&sv->line);
	nd_buf_dispose(&sv->tmp);
	free(sv);
	m->sv = NULL;
}

static size_t host_to_series(const tui_model *m, size_t k)
{
	return m->host->nversions - 1 - k;
}

/* The series, loaded on the first call; NULL with a message when there is
 * none. ND_ENOMEM only. */
static int get_series(tui_model *m, const nd_series **out)
{
	const nd_tui_host *h = m->host;
	tui_series_view *sv = view_of(m);
	const nd_series *s = NULL;
	int err;

	*out = NULL;
	if (!sv)
		return nd_error_oom();
	if (!sv->s && (!h->load_series || h->nversions < 2)) {
		model_message(m, 1, "history needs versions from the store: add "
		              "them with normdiff add");
		return 0;
	}
	if (!sv->s) {
		if ((err = h->load_series(h->ud, &s)) != 0) {
			if (err == ND_ENOMEM)
				return err;
			model_message(m, 1, "%s", nd_error_message());
			return 0;
		}
		if (!s || nd_series_count(s) != h->nversions) {
			model_message(m, 1, "the series does not hold the versions "
			              "of the store's history");
			return 0;
		}
		sv->s = s;
	}
	*out = sv->s;
	return 0;
}

static int same_doc(const nd_doc *a, const nd_doc *b)
{
	return a == b || (a && b && a->n == b->n && a->text->len == b->text->len &&
	                  !memcmp(a->text->buf, b->text->buf, a->text->len));
}

/* The provision selected in the main view as (series version, clause):
 * the new side's first provision, or the old side's for a removal. 1 if
 * found; 0 (with a message unless quiet) if the versions on screen are not
 * the series'. */
static int selected(tui_model *m, const nd_series *s, size_t *v,
                    size_t *clause, int quiet)
{
	size_t n = m->host->nversions;
	const nd_change *c;

	if (!m->nrows) {
		if (!quiet)
			model_message(m, 1, "no provision is selected");
		return 0;
	}
	c = model_change(m, m->sel);
	if (c->nnew && m->cur_new < n &&
	    same_doc(nd_series_doc(s, host_to_series(m, m->cur_new)),
	             m->view.cs->new)) {
		*v = host_to_series(m, m->cur_new);
		*clause = c->new[0];
		return 1;
	}
	if (c->nold && m->cur_old < n &&
	    same_doc(nd_series_doc(s, host_to_series(m, m->cur_old)),
	             m->view.cs->old)) {
		*v = host_to_series(m, m->cur_old);
		*clause = c->old[0];
		return 1;
	}
	if (!quiet)
		model_message(m, 1, "the versions on screen are not those of the "
		              "store's history; pick them with v");
	return 0;
}

int series_follow(tui_model *m, size_t host_old, size_t host_new,
                  int *new_side, size_t *clause)
{
	const nd_series *s;
	nd_lineage l;
	size_t v, i, n = m->host->nversions, w;
	int found = 0;

	if (!m->host->load_series || host_old >= n || host_new >= n ||
	    get_series(m, &s) || !s || !selected(m, s, &v, &i, 1) ||
	    nd_lineage_get(&l, s, v, i))
		return 0;
	w = host_to_series(m, host_new);
	if (l.nstates[w]) {
		*new_side = 1;
		*clause = l.states[w][0];
		found = 1;
	} else if (l.nstates[w = host_to_series(m, host_old)]) {
		*new_side = 0;
		*clause = l.states[w][0];
		found = 1;
	}
	nd_lineage_dispose(&l);
	return found;
}

/* ---- the history: paragraphs ---- */

/* A fresh paragraph; the slots keep their flows' memory for the next
 * build (drop_history frees them). */
static tui_flow *new_para(tui_series_view *sv, unsigned indent)
{
	size_t old = sv->pcap;

	if (sv->err)
		return NULL;
	if (nd_vec_reserve((void **)&sv->paras, &sv->pcap, sv->npara + 1,
	                   sizeof(*sv->paras))) {
		sv->err = nd_error_oom();
		return NULL;
	}
	if (sv->pcap > old)
		memset(&sv->paras[old], 0, (sv->pcap - old) * sizeof(*sv->paras));
	sv->paras[sv->npara].indent = indent;
	flow_clear(&sv->paras[sv->npara].f);
	return &sv->paras[sv->npara++].f;
}

static void add(tui_series_view *sv, tui_flow *f, const char *s, size_t len,
                tui_style st)
{
	if (!sv->err && f)
		sv->err = flow_add(f, s, len, st);
}

static void addz(tui_series_view *sv, tui_flow *f, const char *s,
                 tui_style st)
{
	add(sv, f, s, strlen(s), st);
}

/* n as superscript digits: the blame's version numbers. */
static void superscript(tui_series_view *sv, tui_flow *f, size_t n)
{
	static const uint32_t digit[10] = {0x2070, 0xB9, 0xB2, 0xB3, 0x2074,
	                                   0x2075, 0x2076, 0x2077, 0x2078, 0x2079};
	char dec[24], enc[64];
	size_t k, len = 0;

	snprintf(dec, sizeof(dec), "%zu", n);
	for (k = 0; dec[k]; k++)
		len += nd_utf8_encode(digit[dec[k] - '0'], enc + len);
	add(sv, f, enc, len, TS_BLAME);
}

/* The bodies of the lineage's provisions in version v, joined by a space. */
static void state_text(tui_series_view *sv, size_t v, nd_buf *out)
{
	const nd_doc *d = nd_series_doc(sv->s, v);
	size_t k;

	nd_buf_clear(out);
	for (k = 0; k < sv->lin.nstates[v] && !sv->err; k++) {
		size_t i = sv->lin.states[v][k];

		if (k)
			sv->err = nd_buf_putc(out, ' ');
		if (!sv->err && d->clauses[i].body_len)
			sv->err = nd_buf_put(out, nd_doc_body(d, i), d->clauses[i].body_len);
	}
}

/* The heading of version v: number, name, labels, the step into it. */
static void history_head(tui_model *m, size_t v)
{
	tui_series_view *sv = m->sv;
	const nd_lineage *l = &sv->lin;
	size_t n = m->host->nversions;
	tui_flow *f = new_para(sv, 0);
	char num[32];
	int kind = l->step[v];

	snprintf(num, sizeof(num), "%zu  ", v + 1);
	addz(sv, f, num, TS_TITLE);
	nd_buf_clear(&sv->tmp);
	if (!sv->err)
		sv->err = nd_report_version(&sv->tmp, &m->host->versions[n - 1 - v]);
	add(sv, f, sv->tmp.ptr ? sv->tmp.ptr : "", sv->tmp.len, TS_TITLE);
	addz(sv, f, "  ", TS_NORMAL);
	if (l->nstates[v]) {
		nd_buf_clear(&sv->tmp);
		if (!sv->err)
			sv->err = nd_labels(&sv->tmp, nd_series_doc(sv->s, v), l->states[v],
			                    l->nstates[v]);
		add(sv, f, sv->tmp.ptr ? sv->tmp.ptr : "", sv->tmp.len, TS_TITLE);
		addz(sv, f, "  ", TS_NORMAL);
	}
	if (v == l->introduced && v == 0)
		addz(sv, f, "first version", TS_DIM);
	else if (v == l->introduced)
		addz(sv, f, "added", (tui_style)(TS_KIND + ND_CHANGE_ADDED));
	else if (kind >= 0)
		addz(sv, f, nd_change_kind_name((nd_change_kind)kind),
		     (tui_style)(TS_KIND + kind));
	if (l->moved[v])
		addz(sv, f, ", moved", TS_FLAG);
	if (l->renumbered[v])
		addz(sv, f, ", renumbered", TS_FLAG);
	if (v == host_to_series(m, m->cur_new))
		addz(sv, f, "  (new on screen)", TS_DIM);
	else if (v == host_to_series(m, m->cur_old))
		addz(sv, f, "  (old on screen)", TS_DIM);
}

/* Version v's text with its word edits against v-1. */
static void history_edits(tui_model *m, size_t v, nd_buf *prev, nd_buf *cur)
{
	tui_series_view *sv = m->sv;
	tui_flow *f = new_para(sv, 4);
	nd_wdiff wd;
	size_t k;

	state_text(sv, v, cur);
	if (v == 0 || !sv->lin.nstates[v - 1]) {
		add(sv, f, cur->ptr ? cur->ptr : "", cur->len, TS_NORMAL);
		return;
	}
	state_text(sv, v - 1, prev);
	nd_wdiff_init(&wd);
	if (!sv->err)
		sv->err = nd_word_diff(&wd, prev->ptr ? prev->ptr : "", prev->len,
		                       cur->ptr ? cur->ptr : "", cur->len, 0);
	for (k = 0; k < wd.n && !sv->err; k++) {
		const nd_op *op = &wd.ops[k];
		tui_style st = op->kind == ND_OP_DELETE ? TS_DEL
		               : op->kind == ND_OP_INSERT ? TS_INS : TS_NORMAL;

		if (!m->color && st != TS_NORMAL)
			addz(sv, f, st == TS_DEL ? "[-" : "{+", st);
		add(sv, f, op->text, op->len, st);
		if (!m->color && st != TS_NORMAL)
			addz(sv, f, st == TS_DEL ? "-]" : "+}", st);
	}
	nd_wdiff_dispose(&wd);
}

/* Has s[0..len) a letter or digit (or any non-ASCII character)? */
static int has_word(const char *s, size_t len)
{
	size_t k;

	for (k = 0; k < len; k++)
		if ((unsigned char)s[k] >= 0x80 ||
		    ((s[k] | 0x20) >= 'a' && (s[k] | 0x20) <= 'z') ||
		    (s[k] >= '0' && s[k] <= '9'))
			return 1;
	return 0;
}

/* Body s[0..len) with its blame bl: each run of words of one version
 * starts with that version's number (a run of punctuation alone gets
 * none: "week." reads better than "week¹."), the words version v brought
 * are insertions (v is ND_NONE in the version that introduced the
 * provision, where all words are its own). */
static void blame_runs(tui_series_view *sv, tui_flow *f, const char *s,
                       size_t len, const uint16_t *bl, size_t v, long *last)
{
	size_t a = 0, b, sp;

	while (a < len && !sv->err) {
		for (b = a + 1; b < len && bl[b] == bl[a]; b++)
			;
		for (sp = a; sp < b && s[sp] == ' '; sp++)
			;
		add(sv, f, s + a, sp - a, TS_NORMAL);
		if (has_word(s + sp, b - sp) && (long)bl[a] != *last) {
			superscript(sv, f, (size_t)bl[a] + 1);
			*last = bl[a];
		}
		add(sv, f, s + sp, b - sp, bl[a] == v ? TS_INS : TS_NORMAL);
		a = b;
	}
}

static void history_blame(tui_model *m, size_t v)
{
	tui_series_view *sv = m->sv;
	const nd_doc *d = nd_series_doc(sv->s, v);
	tui_flow *f = new_para(sv, 4);
	uint16_t *bl;
	long last = -1;
	size_t k;

	for (k = 0; k < sv->lin.nstates[v] && !sv->err; k++) {
		size_t i = sv->lin.states[v][k];

		if (k)
			addz(sv, f, " ", TS_NORMAL);
		if ((sv->err = nd_series_blame(sv->s, v, i, &bl)) != 0)
			return;
		if (bl)
			blame_runs(sv, f, nd_doc_body(d, i), d->clauses[i].body_len, bl,
			           v == sv->lin.introduced ? ND_NONE : v, &last);
		free(bl);
	}
}

static int build_history(tui_model *m)
{
	tui_series_view *sv = m->sv;
	nd_buf prev = ND_BUF_INIT, cur = ND_BUF_INIT;
	size_t v, k;

	for (k = 0; k < sv->npara; k++)
		flow_clear(&sv->paras[k].f);
	sv->npara = 0;
	sv->lw = 0;
	sv->err = 0;
	for (v = 0; v < sv->lin.nver && !sv->err; v++) {
		if (!sv->lin.nstates[v] && v != sv->lin.removed)
			continue;
		history_head(m, v);
		if (!sv->lin.nstates[v])
			continue; /* removed: the heading says so */
		if (sv->blame)
			history_blame(m, v);
		else
			history_edits(m, v, &prev, &cur);
	}
	nd_buf_dispose(&prev);
	nd_buf_dispose(&cur);
	return sv->err;
}

/* Open the history of provision i of series version v; Esc goes back to
 * mode `from`. */
static int open_history(tui_model *m, size_t v, size_t i, int from)
{
	tui_series_view *sv = m->sv;
	int err;

	drop_history(sv);
	if ((err = nd_lineage_get(&sv->lin, sv->s, v, i)) != 0)
		return err;
	sv->have_lin = 1;
	sv->from = from;
	sv->top = 0;
	if ((err = build_history(m)) != 0) {
		drop_history(sv);
		return err;
	}
	m->mode = MODE_HISTORY;
	return 0;
}

int series_history(tui_model *m)
{
	const nd_series *s;
	size_t v, i;
	int err;

	if ((err = get_series(m, &s)) != 0 || !s || !selected(m, s, &v, &i, 0))
		return err;
	m->sv->blame = 0;
	if ((err = open_history(m, v, i, MODE_MAIN)) != 0 && err != ND_ENOMEM) {
		model_message(m, 1, "history: %s", nd_error_message());
		return 0;
	}
	return err;
}

/* ---- the synopsis ---- */

int series_synopsis(tui_model *m)
{
	const nd_series *s;
	tui_series_view *sv;
	size_t v, i, r;
	int err;

	if ((err = get_series(m, &s)) != 0 || !s)
		return err;
	sv = m->sv;
	if (!sv->have_rows) {
		if ((err = nd_series_rows(&sv->rows, s)) != 0) {
			if (err == ND_ENOMEM)
				return err;
			model_message(m, 1, "synopsis: %s", nd_error_message());
			return 0;
		}
		sv->have_rows = 1;
	}
	sv->want_v = m->cur_new < m->host->nversions
	             ? host_to_series(m, m->cur_new) : sv->rows.nver - 1;
	if (selected(m, s, &v, &i, 1)) {
		for (r = 0; r < sv->rows.n; r++)
			if (sv->rows.cells[r * sv->rows.nver + v] == i)
				break;
		sv->sel = r < sv->rows.n ? r : sv->sel;
		sv->want_v = v;
	}
	if (sv->sel >= sv->rows.n)
		sv->sel = 0;
	m->mode = MODE_SYNOPSIS;
	return 0;
}

/* The history of the selected row: its provision in the new version on
 * screen, or in the newest version where it is. */
static int synopsis_open(tui_model *m)
{
	tui_series_view *sv = m->sv;
	const size_t *row = &sv->rows.cells[sv->sel * sv->rows.nver];
	size_t v = m->cur_new < m->host->nversions ? host_to_series(m, m->cur_new)
	                                           : 0;
	size_t k;
	int err;

	if (!sv->rows.n)
		return 0;
	if (row[v] == ND_NONE)
		for (k = sv->rows.nver, v = ND_NONE; k-- > 0 && v == ND_NONE;)
			if (row[k] != ND_NONE)
				v = k;
	if (v == ND_NONE)
		return 0;
	sv->blame = 0;
	if ((err = open_history(m, v, row[v], MODE_SYNOPSIS)) != 0 &&
	    err != ND_ENOMEM) {
		model_message(m, 1, "history: %s", nd_error_message());
		return 0;
	}
	return err;
}

/* ---- keys ---- */

static size_t step_back(size_t at, size_t by)
{
	return by > at ? 0 : at - by;
}

static size_t step_on(size_t at, size_t by, size_t max)
{
	return at + by > max ? max : at + by;
}

static int history_key(tui_model *m, tui_action a)
{
	tui_series_view *sv = m->sv;
	size_t max = sv->nlines > sv->h ? sv->nlines - sv->h : 0;
	size_t page = sv->h > 2 ? sv->h - 1 : 1;
	int err;

	switch (a) {
	case ACT_DOWN: sv->top = step_on(sv->top, 1, max); break;
	case ACT_UP: sv->top = step_back(sv->top, 1); break;
	case ACT_PGDN: sv->top = step_on(sv->top, page, max); break;
	case ACT_PGUP: sv->top = step_back(sv->top, page); break;
	case ACT_TOP: sv->top = 0; break;
	case ACT_BOTTOM: sv->top = max; break;
	case ACT_BLAME:
		sv->blame = !sv->blame;
		model_message(m, 0, "blame %s", sv->blame ? "on" : "off");
		if ((err = build_history(m)) != 0 && err != ND_ENOMEM) {
			model_message(m, 1, "blame: %s", nd_error_message());
			sv->blame = !sv->blame;
			err = build_history(m);
		}
		return err;
	case ACT_BACK:
		m->mode = sv->from;
		drop_history(sv);
		break;
	case ACT_QUIT: m->quit = 1; break;
	default: break;
	}
	return 0;
}

static void synopsis_key(tui_model *m, tui_action a)
{
	tui_series_view *sv = m->sv;
	size_t last = sv->rows.n ? sv->rows.n - 1 : 0;
	size_t page = sv->sh > 2 ? sv->sh - 1 : 1;
	size_t maxleft = sv->rows.nver > sv->ncol ? sv->rows.nver - sv->ncol : 0;

	switch (a) {
	case ACT_DOWN: sv->sel = step_on(sv->sel, 1, last); break;
	case ACT_UP: sv->sel = step_back(sv->sel, 1); break;
	case ACT_PGDN: sv->sel = step_on(sv->sel, page, last); break;
	case ACT_PGUP: sv->sel = step_back(sv->sel, page); break;
	case ACT_TOP: sv->sel = 0; break;
	case ACT_BOTTOM: sv->sel = last; break;
	case ACT_LEFT:
		if (!sv->left)
			model_message(m, 0, "the oldest version is on screen");
		sv->left = step_back(sv->left, 1);
		break;
	case ACT_RIGHT:
		if (sv->left >= maxleft)
			model_message(m, 0, "the newest version is on screen");
		sv->left = step_on(sv->left, 1, maxleft);
		break;
	case ACT_BACK: m->mode = MODE_MAIN; break;
	case ACT_QUIT: m->quit = 1; break;
	default: break;
	}
}

int series_busy(const tui_model *m, int k)
{
	tui_action a = keys_action(k);

	if (!m->host->load_series || m->host->nversions < 2 || (m->sv && m->sv->s))
		return 0;
	if (m->mode == MODE_MAIN)
		return a == ACT_HISTORY || a == ACT_SYNOPSIS;
	return m->mode == MODE_PICK && m->pick_step == 1 &&
	       (k == TK_ENTER || k == '\r' || k == '\n');
}

void series_wheel(tui_model *m, int delta)
{
	int k;

	for (k = 0; k < (delta < 0 ? -delta : delta); k++)
		if (m->mode == MODE_HISTORY)
			history_key(m, delta < 0 ? ACT_UP : ACT_DOWN);
		else
			synopsis_key(m, delta < 0 ? ACT_UP : ACT_DOWN);
}

int series_key(tui_model *m, const tui_event *e)
{
	if (m->mode == MODE_HISTORY)
		return history_key(m, keys_view_action(VIEW_HISTORY, e->key));
	if (keys_view_action(VIEW_SYNOPSIS, e->key) == ACT_OPEN)
		return synopsis_open(m);
	synopsis_key(m, keys_view_action(VIEW_SYNOPSIS, e->key));
	return 0;
}

/* ---- drawing ---- */

static tui_flow *scratch(tui_series_view *sv)
{
	flow_clear(&sv->line);
	return &sv->line;
}

static void push_line(tui_series_view *sv, long p, size_t a, size_t b)
{
	if (sv->err)
		return;
	if (nd_vec_reserve((void **)&sv->lines, &sv->lcap, sv->nlines + 1,
	                   sizeof(*sv->lines))) {
		sv->err = nd_error_oom();
		return;
	}
	sv->lines[sv->nlines].p = p;
	sv->lines[sv->nlines].a = a;
	sv->lines[sv->nlines++].b = b;
}

/* Wrap the paragraphs at width w: a blank line before each heading. */
static void wrap_history(tui_series_view *sv, unsigned w)
{
	size_t k, j, n;

	sv->nlines = 0;
	for (k = 0; k < sv->npara && !sv->err; k++) {
		const para *p = &sv->paras[k];
		unsigned pw = w > p->indent + 8 ? w - p->indent : 8;

		if (k && !p->indent)
			push_line(sv, -1, 0, 0);
		if ((n = flow_wrap(&p->f, pw, &sv->starts, &sv->scap)) == 0) {
			sv->err = nd_error_oom();
			return;
		}
		for (j = 0; j < n; j++)
			push_line(sv, (long)k, sv->starts[j],
			          flow_trim(&p->f, sv->starts[j], sv->starts[j + 1]));
	}
	sv->lw = sv->err ? 0 : w;
}

static void draw_history(tui_model *m, tui_grid *g, unsigned y, unsigned h)
{
	tui_series_view *sv = m->sv;
	const nd_lineage *l = &sv->lin;
	unsigned w = g->cols > 4 ? g->cols - 2 : 2, k;
	tui_flow *f = scratch(sv);
	char more[64];

	addz(sv, f, " History of ", TS_TITLE);
	nd_buf_clear(&sv->tmp);
	if (!sv->err)
		sv->err = nd_labels(&sv->tmp, nd_series_doc(sv->s, l->version),
		                    &l->clause, 1);
	add(sv, f, sv->tmp.ptr ? sv->tmp.ptr : "", sv->tmp.len, TS_TITLE);
	addz(sv, f, " in ", TS_TITLE);
	nd_buf_clear(&sv->tmp);
	if (!sv->err)
		sv->err = nd_report_version(&sv->tmp, &m->host->versions[
			m->host->nversions - 1 - l->version]);
	add(sv, f, sv->tmp.ptr ? sv->tmp.ptr : "", sv->tmp.len, TS_TITLE);
	addz(sv, f, sv->blame ? "   blame: ¹ ² … the version that brought the "
	     "words after it" : "   word edits against the version before",
	     TS_DIM);
	grid_line(g, 0, y, g->cols, f);
	if (h < 3)
		return;
	if (sv->lw != w)
		wrap_history(sv, w);
	sv->h = h - 2;
	if (sv->top + sv->h > sv->nlines)
		sv->top = sv->nlines > sv->h ? sv->nlines - sv->h : 0;
	for (k = 0; k < sv->h && sv->top + k < sv->nlines; k++) {
		const hline *ln = &sv->lines[sv->top + k];
		const para *p;

		if (ln->p < 0)
			continue;
		p = &sv->paras[ln->p];
		grid_put(g, 1 + p->indent, y + 2 + k, w - p->indent, p->f.cells,
		         ln->a, ln->b);
	}
	if (sv->nlines > sv->h) {
		f = scratch(sv);
		snprintf(more, sizeof(more), " lines %zu-%zu of %zu ", sv->top + 1,
		         sv->top + sv->h, sv->nlines);
		addz(sv, f, more, TS_DIM);
		grid_line(g, g->cols - (unsigned)strlen(more), y + 1,
		          (unsigned)strlen(more), f);
	}
}

/* One cell of the synopsis: a badge for the step into it, the label, the
 * first words. */
static void synopsis_cell(tui_model *m, size_t r, size_t v, unsigned x,
                          unsigned y, unsigned w, tui_grid *g)
{
	static const char badge[ND_CHANGE_KINDS] = {'=', '~', '+', '-', '<', '>'};
	tui_series_view *sv = m->sv;
	size_t c = sv->rows.cells[r * sv->rows.nver + v], prev, len;
	const nd_doc *d = nd_series_doc(sv->s, v);
	tui_flow *f = scratch(sv);
	int kind = -1;
	char b[2] = {' ', 0};

	if (c == ND_NONE) {
		prev = v ? sv->rows.cells[r * sv->rows.nver + v - 1] : ND_NONE;
		if (prev == ND_NONE ||
		    nd_series_out_of(sv->s, v - 1, prev)->kind != ND_CHANGE_REMOVED)
			return;
		addz(sv, f, "- ", (tui_style)(TS_KIND + ND_CHANGE_REMOVED));
		addz(sv, f, "removed", TS_DIM);
		grid_line(g, x, y, w, f);
		return;
	}
	if (v)
		kind = (int)nd_series_into(sv->s, v, c)->kind;
	b[0] = kind < 0 ? ' ' : badge[kind];
	addz(sv, f, b, kind < 0 ? TS_NORMAL : (tui_style)(TS_KIND + kind));
	addz(sv, f, " ", TS_NORMAL);
	nd_buf_clear(&sv->tmp);
	if (!sv->err)
		sv->err = nd_labels(&sv->tmp, d, &c, 1);
	add(sv, f, sv->tmp.ptr ? sv->tmp.ptr : "", sv->tmp.len, TS_TITLE);
	addz(sv, f, " ", TS_NORMAL);
	len = d->clauses[c].body_len;
	if (len > 4 * (size_t)w + 4) { /* the first words only */
		len = 4 * (size_t)w + 4;
		while (len && ((unsigned char)nd_doc_body(d, c)[len] & 0xC0) == 0x80)
			len--;
	}
	add(sv, f, nd_doc_body(d, c), len,
	    kind == ND_CHANGE_UNCHANGED ? TS_DIM : TS_NORMAL);
	grid_line(g, x, y, w, f);
}

/* Columns: as many versions as fit at MIN_COL each, the one asked for on
 * screen. */
static void synopsis_columns(tui_series_view *sv, unsigned cols)
{
	size_t nver = sv->rows.nver;

	sv->ncol = cols / MIN_COL ? cols / MIN_COL : 1;
	if (sv->ncol > nver)
		sv->ncol = (unsigned)nver;
	if (sv->want_v != ND_NONE) {
		if (sv->want_v < sv->left)
			sv->left = sv->want_v;
		if (sv->want_v >= sv->left + sv->ncol)
			sv->left = sv->want_v - sv->ncol + 1;
		sv->want_v = ND_NONE;
	}
	if (sv->left + sv->ncol > nver)
		sv->left = nver - sv->ncol;
}

static void synopsis_title(tui_model *m, tui_grid *g, unsigned y)
{
	tui_series_view *sv = m->sv;
	tui_flow *f = scratch(sv);
	char buf[96];

	if (sv->ncol == 1)
		snprintf(buf, sizeof(buf), " Synopsis: %zu rows, version %zu of %zu",
		         sv->rows.n, sv->left + 1, sv->rows.nver);
	else
		snprintf(buf, sizeof(buf), " Synopsis: %zu rows, versions %zu-%zu of "
		         "%zu", sv->rows.n, sv->left + 1, sv->left + sv->ncol,
		         sv->rows.nver);
	addz(sv, f, buf, TS_TITLE);
	if (sv->left)
		addz(sv, f, "   ← older", TS_DIM);
	if (sv->left + sv->ncol < sv->rows.nver)
		addz(sv, f, "   newer →", TS_DIM);
	grid_line(g, 0, y, g->cols, f);
}

static void draw_synopsis(tui_model *m, tui_grid *g, unsigned y, unsigned h)
{
	tui_series_view *sv = m->sv;
	size_t n = m->host->nversions, k, r;
	unsigned cw, x, j, row;
	tui_flow *f;
	char num[24];

	synopsis_columns(sv, g->cols);
	synopsis_title(m, g, y);
	if (h < 4)
		return;
	cw = g->cols / sv->ncol;
	sv->sh = h - 2;
	if (sv->sel < sv->stop)
		sv->stop = sv->sel;
	if (sv->sel >= sv->stop + sv->sh)
		sv->stop = sv->sel - sv->sh + 1;
	for (j = 0; j < sv->ncol; j++) {
		k = sv->left + j;
		x = j * cw;
		f = scratch(sv);
		snprintf(num, sizeof(num), "%zu ", k + 1);
		addz(sv, f, num, TS_TITLE);
		nd_buf_clear(&sv->tmp);
		if (!sv->err)
			sv->err = nd_report_version(&sv->tmp, &m->host->versions[n - 1 - k]);
		add(sv, f, sv->tmp.ptr ? sv->tmp.ptr : "", sv->tmp.len, TS_TITLE);
		grid_line(g, x, y + 1, j + 1 < sv->ncol ? cw - 1 : g->cols - x, f);
		for (row = 0; row < h - 1; row++)
			if (j + 1 < sv->ncol)
				grid_put(g, x + cw - 1, y + 1 + row, 1,
				         &(tui_cell){{0x2502, 0, 0, 0}, 1, TS_BORDER, 0}, 0, 1);
		for (row = 0; row < sv->sh && sv->stop + row < sv->rows.n; row++)
			synopsis_cell(m, sv->stop + row, k, x, y + 2 + row,
			              j + 1 < sv->ncol ? cw - 1 : g->cols - x, g);
	}
	r = sv->sel - sv->stop;
	if (sv->rows.n && r < sv->sh)
		grid_mark(g, 0, y + 2 + (unsigned)r, g->cols, 1, TM_SEL);
}

int series_draw(tui_model *m, tui_grid *g, unsigned y, unsigned h)
{
	tui_series_view *sv = m->sv;

	if (!sv || !sv->s)
		return 0;
	sv->err = 0;
	if (m->mode == MODE_HISTORY && sv->have_lin)
		draw_history(m, g, y, h);
	else if (m->mode == MODE_SYNOPSIS && sv->have_rows)
		draw_synopsis(m, g, y, h);
	return sv->err;
}
