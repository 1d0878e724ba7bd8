/* model.c - the view model of the terminal UI: which changes are listed
 * (the filter), which is selected, where each pane is scrolled, the
 * search, the version picker. Events change it; draw.c shows it.
 *
 * Rows are indices into the change set, rebuilt only when the filter or
 * the comparison changes (O(changes)); a filter keeps the headings above
 * the changes it passes as context rows, found by walking up from each
 * passed change through a provision -> change map and stopping at the
 * first heading already kept, so every heading is visited once; everything else is O(1) per key but
 * the search, which runs the pattern over the texts of the rows it passes.
 * Scroll limits come from the last drawing (pane heights, lines of the
 * provision), so the model never lays text out itself.
 *
 * A search that finds nothing would read every provision: on a draft of
 * ten megabytes that is the cost of a key. So when the prompt opens, the
 * trigrams of both texts are hashed into a bitmap (2^20 bits, ASCII case
 * folded, as are the two characters a caseless ASCII letter also matches:
 * the Kelvin sign and the long s), once per comparison. A pattern that is
 * a plain ASCII literal of three bytes or more, one of whose trigrams is
 * in neither text, matches no provision, which the search then says at
 * once; any other pattern is run over the provisions as before. The
 * bitmap only ever rules matches out, so what is found never changes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/render.h"
#include "normdiff/utf8.h"
#include "normdiff/walk.h"
#include "tui_internal.h"

static const nd_tui_host no_host;

const char *model_filter_name(int filter)
{
	if (filter == FILTER_ALL)
		return "all";
	if (filter == FILTER_CHANGED)
		return "changed";
	if (filter == FILTER_MOVED)
		return "moved";
	return nd_change_kind_name((nd_change_kind)(filter - FILTER_KIND));
}

void model_message(tui_model *m, int error, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(m->msg, sizeof(m->msg), fmt, ap);
	va_end(ap);
	m->msg_error = error;
}

const nd_change *model_change(const tui_model *m, size_t r)
{
	return &m->view.cs->changes[m->rows_idx[r]];
}

static int passes(int filter, const nd_change *c)
{
	switch (filter) {
	case FILTER_ALL: return 1;
	case FILTER_CHANGED: return !nd_is_quiet(c);
	case FILTER_MOVED: return c->moved;
	default: return (int)c->kind == filter - FILTER_KIND;
	}
}

size_t model_filter_count(const tui_model *m, int filter)
{
	const nd_changeset *cs = m->view.cs;
	size_t i, n = 0;

	for (i = 0; i < cs->n; i++)
		n += (size_t)passes(filter, &cs->changes[i]);
	return n;
}

/* Mark in ctx the changes that hold the headings above the changes the
 * filter passes, so a filtered list still says where each provision is.
 * owner[side][clause] is the change holding that provision. */
static int mark_context(const tui_model *m, unsigned char *ctx)
{
	const nd_changeset *cs = m->view.cs;
	const nd_doc *docs[2] = {cs->old, cs->new};
	size_t *owner[2] = {NULL, NULL}, i, k, j;
	int err = 0, s;

	for (s = 0; s < 2 && !err; s++) {
		size_t n = docs[s] ? docs[s]->n : 0;

		if ((owner[s] = malloc((n ? n : 1) * sizeof(size_t))) == NULL)
			err = nd_error_oom();
		for (k = 0; !err && k < n; k++)
			owner[s][k] = TUI_NO_EDIT;
	}
	for (i = 0; !err && i < cs->n; i++) {
		const nd_change *c = &cs->changes[i];

		for (k = 0; k < c->nold; k++)
			owner[0][c->old[k]] = i;
		for (k = 0; k < c->nnew; k++)
			owner[1][c->new[k]] = i;
	}
	for (i = 0; !err && i < cs->n; i++) {
		const nd_change *c = &cs->changes[i];
		const nd_doc *d;

		if (!passes(m->filter, c))
			continue;
		k = nd_anchor(cs, c, &d);
		s = d == cs->new;
		for (k = d->clauses[k].parent; k != ND_NO_PARENT;
		     k = d->clauses[k].parent) {
			j = owner[s][k];
			if (j == TUI_NO_EDIT || ctx[j])
				break; /* the headings above it are marked already */
			ctx[j] = 1;
		}
	}
	free(owner[0]);
	free(owner[1]);
	return err;
}

/* List the changes the filter passes, with their headings as context
 * (unless everything is listed), keeping the selection on the same
 * change, or the first one after it that is still listed. */
static int rebuild_rows(tui_model *m)
{
	const nd_changeset *cs = m->view.cs;
	size_t want = m->nrows ? m->rows_idx[m->sel] : 0, i, n = 0;
	size_t *rows = malloc((cs->n ? cs->n : 1) * sizeof(*rows));
	unsigned char *ctx = calloc(cs->n ? cs->n : 1, 1);
	int err = 0;

	if (!rows || !ctx) {
		err = nd_error_oom();
		goto done;
	}
	if (m->filter != FILTER_ALL && (err = mark_context(m, ctx)) != 0)
		goto done;
	m->sel = 0;
	m->nlisted = 0;
	for (i = 0; i < cs->n; i++) {
		int pass = passes(m->filter, &cs->changes[i]);

		if (!pass && !ctx[i])
			continue;
		ctx[n] = (unsigned char)!pass; /* n <= i: ctx[i] was read */
		m->nlisted += (size_t)pass;
		if (pass && (i <= want || m->nlisted == 1 ||
		             rows[m->sel] < want))
			m->sel = n;
		rows[n++] = i;
	}
	free(m->rows_idx);
	free(m->rows_ctx);
	m->rows_idx = rows;
	m->rows_ctx = ctx;
	rows = NULL;
	ctx = NULL;
	m->nrows = n;
	if (m->sel >= n)
		m->sel = n ? n - 1 : 0;
	m->dtop = 0;
	m->edit = TUI_NO_EDIT;
done:
	free(rows);
	free(ctx);
	return err;
}

int model_init(tui_model *m, const nd_tui_view *view, const nd_tui_host *host,
               const nd_tui_opts *o, unsigned cols, unsigned rows)
{
	memset(m, 0, sizeof(*m));
	m->view = *view;
	m->host = host ? host : &no_host;
	m->color = o ? o->color : 0;
	m->redline = o ? o->redline : 0;
	m->cols = cols;
	m->rows = rows;
	m->cur_old = m->host->cur_old;
	m->cur_new = m->host->cur_new;
	m->jump_to = TUI_NO_EDIT;
	return rebuild_rows(m);
}

void model_dispose(tui_model *m)
{
	draw_release(m);
	series_release(m);
	free(m->rows_idx);
	free(m->rows_ctx);
	nd_regex_free(m->re);
	free(m->pattern);
	nd_buf_dispose(&m->prompt);
	free(m->tri);
	memset(m, 0, sizeof(*m));
}

int model_select_clause(tui_model *m, int new, size_t clause)
{
	size_t r, k;

	for (r = 0; r < m->nrows; r++) {
		const nd_change *c = model_change(m, r);
		const size_t *idx = new ? c->new : c->old;
		size_t n = new ? c->nnew : c->nold;

		for (k = 0; k < n; k++)
			if (idx[k] == clause && !m->rows_ctx[r]) {
				m->sel = r;
				m->dtop = 0;
				m->edit = TUI_NO_EDIT;
				return 1;
			}
	}
	return 0;
}

/* ---- moving ---- */

/* The first row from r on in direction dir (+1 or -1) that the filter
 * passes, or nrows if there is none. */
static size_t listed_from(const tui_model *m, size_t r, int dir)
{
	while (r < m->nrows && m->rows_ctx[r]) {
		if (dir < 0 && r == 0)
			return m->nrows;
		r = dir > 0 ? r + 1 : r - 1;
	}
	return r;
}

/* Select row r, or the nearest row the filter passes in direction dir
 * (the other way if there is none): context rows are never selected. */
static void select_dir(tui_model *m, size_t r, int dir)
{
	size_t k;

	if (r >= m->nrows)
		r = m->nrows ? m->nrows - 1 : 0;
	if ((k = listed_from(m, r, dir)) >= m->nrows)
		k = listed_from(m, r, -dir);
	if (k < m->nrows)
		r = k;
	if (r != m->sel) {
		m->dtop = 0;
		m->edit = TUI_NO_EDIT;
	}
	m->sel = r;
}

static void select_row(tui_model *m, size_t r)
{
	select_dir(m, r, r < m->sel ? -1 : +1);
}

static size_t page(unsigned h)
{
	return h > 2 ? h - 1 : 1;
}

/* Scroll the provision by delta lines within what the last drawing had. */
static void scroll_text(tui_model *m, long delta)
{
	size_t max = m->dlines > m->dh ? m->dlines - m->dh : 0;

	if (delta < 0)
		m->dtop = (size_t)-delta > m->dtop ? 0 : m->dtop - (size_t)-delta;
	else
		m->dtop = m->dtop + (size_t)delta > max ? max : m->dtop + (size_t)delta;
}

static void move_rows(tui_model *m, long delta)
{
	if (delta < 0)
		select_dir(m, (size_t)-delta > m->sel ? 0 : m->sel - (size_t)-delta, -1);
	else
		select_dir(m, m->sel + (size_t)delta, +1);
}

/* 1 if text of change c matches the search, 0 if not, ND_ETOOBIG if
 * matching gave up on a limit. */
static int change_matches(const tui_model *m, const nd_change *c)
{
	const nd_doc *d[2] = {m->view.cs->old, m->view.cs->new};
	const size_t *idx[2] = {c->old, c->new};
	size_t n[2] = {c->nold, c->nnew}, s, k, a, b;
	int rc;

	for (s = 0; s < 2; s++) {
		for (k = 0; k < n[s]; k++) {
			const nd_clause *cl = &d[s]->clauses[idx[s][k]];

			rc = nd_regex_find(m->re, d[s]->text->buf + cl->off, cl->len, 0,
			                   &a, &b);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* ---- the trigram index ---- */

#define TRI_BITS 20 /* 2^20 bits (128 KB): stays in cache while built */
#define TRI_BYTES ((size_t)1 << (TRI_BITS - 3))

/* The bit of trigram t (three bytes, folded): a multiplicative hash, so
 * two trigrams may share a bit, which only rules out fewer patterns. */
static uint32_t tri_bit(uint32_t t)
{
	return (uint32_t)(t * 2654435761u) >> (32 - TRI_BITS);
}

static unsigned char fold(unsigned char b)
{
	return b >= 'A' && b <= 'Z' ? (unsigned char)(b + 'a' - 'A') : b;
}

/* Add the trigrams of s[0..len) to bitmap t, case folded: U+212A KELVIN
 * SIGN and U+017F LATIN SMALL LETTER LONG S count as k and s, since a
 * caseless k and s match them. */
static void tri_add(unsigned char *t, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;
	uint32_t h = 0;
	size_t seen = 0;
	unsigned char b;

	while (p < end) {
		if (*p < 0x80) {
			b = fold(*p++);
		} else if (p[0] == 0xE2 && end - p >= 3 && p[1] == 0x84 && p[2] == 0xAA) {
			b = 'k';
			p += 3;
		} else if (p[0] == 0xC5 && end - p >= 2 && p[1] == 0xBF) {
			b = 's';
			p += 2;
		} else {
			b = fold(*p++);
		}
		h = ((h << 8) | b) & 0xFFFFFF;
		if (++seen >= 3) {
			uint32_t bit = tri_bit(h);

			t[bit >> 3] |= (unsigned char)(1u << (bit & 7));
		}
	}
}

/* Build the bitmap for the comparison shown, unless it is built; without
 * memory for it there is none and every search reads the provisions. */
static void tri_build(tui_model *m)
{
	const nd_changeset *cs = m->view.cs;
	const nd_doc *docs[2] = {cs->old, cs->new};
	int s;

	if (m->tri && m->tri_cs == cs)
		return;
	free(m->tri);
	m->tri_cs = NULL;
	if ((m->tri = calloc(TRI_BYTES, 1)) == NULL)
		return;
	for (s = 0; s < 2; s++)
		if (docs[s] && docs[s]->text)
			tri_add(m->tri, docs[s]->text->buf, docs[s]->text->len);
	m->tri_cs = cs;
}

/* 1 if pattern p is a plain ASCII literal with a trigram in neither
 * text: it can match no provision. 0 when it may match, or is not a
 * literal of three bytes or more. */
static int tri_absent(const tui_model *m, const char *p)
{
	size_t n = strlen(p), k;
	uint32_t h;

	if (!m->tri || m->tri_cs != m->view.cs || n < 3)
		return 0;
	for (k = 0; k < n; k++)
		if (p[k] < 0x20 || p[k] > 0x7E || strchr("\\^$.[]|()?*+{}", p[k]))
			return 0;
	for (k = 0; k + 3 <= n; k++) {
		h = (uint32_t)fold((unsigned char)p[k]) << 16 |
		    (uint32_t)fold((unsigned char)p[k + 1]) << 8 |
		    fold((unsigned char)p[k + 2]);
		h = tri_bit(h);
		if (!(m->tri[h >> 3] & (1u << (h & 7))))
			return 1;
	}
	return 0;
}

static void end_search(tui_model *m);

/* Select the next row from `from` in direction dir (+1 or -1), the row
 * itself first when `inclusive`: the next change, or during a search the
 * next row whose text matches, going round the list once. A search whose
 * pattern gives up on a limit ends there and says so: going on would pass
 * over provisions that may match. */
static int find_row(tui_model *m, size_t from, int dir, int inclusive)
{
	size_t n = m->nrows, k, r, start = inclusive ? 0 : 1;
	int hit;

	if (m->re && m->absent)
		n = 0; /* no provision can match: none is read */
	for (k = start; n && k < start + n; k++) {
		if (!m->re && (dir > 0 ? from + k >= n : k > from))
			break; /* changes: no going round */
		r = dir > 0 ? (from + k) % n : (from + n - k % n) % n;
		if (m->rows_ctx[r])
			continue; /* a heading listed as context */
		hit = m->re ? change_matches(m, model_change(m, r))
		            : !nd_is_quiet(model_change(m, r));
		if (hit < 0) {
			end_search(m);
			model_message(m, 1, "search stopped: %s; try a simpler pattern",
			        nd_error_message());
			return 0;
		}
		if (!hit)
			continue;
		if (m->re && (dir > 0 ? from + k >= n : k > from))
			model_message(m, 0, "search went round to the %s",
			        dir > 0 ? "top" : "bottom");
		select_row(m, r);
		m->seek_match = m->re != NULL;
		return 1;
	}
	if (m->re && m->filter != FILTER_ALL)
		model_message(m, 1, "no provision the filter lists matches /%s/ "
		        "(f changes the filter)", m->pattern);
	else if (m->re)
		model_message(m, 1, "no provision matches /%s/", m->pattern);
	else
		model_message(m, 0, "no change %s this one", dir > 0 ? "after" : "before");
	return 0;
}

/* ---- modes ---- */

static int start_search(tui_model *m)
{
	nd_regex *re;
	int err;

	if (!m->prompt.len) {
		m->mode = MODE_MAIN;
		return 0;
	}
	if ((err = nd_regex_new(&re, m->prompt.ptr)) != 0) {
		if (err == ND_ENOMEM)
			return err;
		model_message(m, 1, "search: %s", nd_error_message());
		return 0; /* stays in the prompt to fix the pattern */
	}
	nd_regex_free(m->re);
	free(m->pattern);
	m->re = re;
	m->gen++;
	m->pattern = nd_buf_detach(&m->prompt);
	m->mode = MODE_MAIN;
	if (!m->pattern)
		return nd_error_oom();
	m->absent = tri_absent(m, m->pattern);
	find_row(m, m->sel, +1, 1);
	return 0;
}

static void end_search(tui_model *m)
{
	m->gen++;
	nd_regex_free(m->re);
	free(m->pattern);
	m->re = NULL;
	m->pattern = NULL;
	m->absent = 0;
}

static int prompt_key(tui_model *m, int key)
{
	char enc[4];

	switch (key) {
	case TK_ENTER:
		return start_search(m);
	case TK_ESC:
	case TK_CTRL('c'):
		nd_buf_clear(&m->prompt);
		m->mode = MODE_MAIN;
		return 0;
	case TK_BS:
		if (!m->prompt.len) {
			m->mode = MODE_MAIN;
			return 0;
		}
		do
			m->prompt.len--;
		while (m->prompt.len && (m->prompt.ptr[m->prompt.len] & 0xC0) == 0x80);
		m->prompt.ptr[m->prompt.len] = '\0';
		return 0;
	default:
		if (key < 0x20 || key >= TK_BASE || key == 0x7F)
			return 0;
		return nd_buf_put(&m->prompt, enc, nd_utf8_encode((uint32_t)key, enc));
	}
}

/* Load versions old and new of the history (host indices), keeping the
 * selected provision through the series when the host has one, else
 * starting at the top. */
static int load_versions(tui_model *m, size_t old, size_t new)
{
	const nd_tui_host *h = m->host;
	nd_tui_view v;
	size_t clause = 0;
	int err, side = 0, follow;

	m->mode = MODE_MAIN;
	if (old == new) {
		model_message(m, 1, "pick two different versions");
		return 0;
	}
	follow = series_follow(m, old, new, &side, &clause);
	memset(&v, 0, sizeof(v));
	if ((err = h->load(h->ud, old, new, &v)) != 0) {
		if (err == ND_ENOMEM)
			return err;
		model_message(m, 1, "%s", nd_error_message());
		return 0;
	}
	m->view = v;
	m->tri_cs = NULL; /* the bitmap was the other comparison's */
	m->absent = 0;
	m->gen++;
	m->cur_old = old;
	m->cur_new = new;
	m->nrows = 0;
	m->top = 0;
	m->jump_to = TUI_NO_EDIT;
	model_message(m, 0, "comparing %s with %s", h->versions[old].label
	        ? h->versions[old].label : "?", h->versions[new].label
	        ? h->versions[new].label : "?");
	if ((err = rebuild_rows(m)) != 0)
		return err;
	if (follow && !model_select_clause(m, side, clause) &&
	    m->filter != FILTER_ALL)
		model_message(m, 0, "the filter does not list the provision that was "
		        "selected");
	return 0;
}

static int pick_key(tui_model *m, const tui_event *e)
{
	size_t n = m->host->nversions;

	switch (e->key) {
	case 'j': case TK_DOWN:
		m->pick = m->pick + 1 < n ? m->pick + 1 : m->pick;
		return 0;
	case 'k': case TK_UP:
		m->pick = m->pick ? m->pick - 1 : 0;
		return 0;
	case 'g': case TK_HOME: m->pick = 0; return 0;
	case 'G': case TK_END: m->pick = n - 1; return 0;
	case TK_ENTER:
		if (m->pick_step == 0) {
			m->pick_old = m->pick;
			m->pick_step = 1;
			m->pick = m->cur_new < n && m->cur_new != m->pick_old ? m->cur_new
			          : m->pick_old ? m->pick_old - 1 : 0;
			return 0;
		}
		return load_versions(m, m->pick_old, m->pick);
	case TK_ESC: case 'q': case TK_CTRL('c'):
		m->mode = MODE_MAIN;
		return 0;
	default:
		return 0;
	}
}

static void open_picker(tui_model *m)
{
	const nd_tui_host *h = m->host;

	if (h->nversions < 2 || !h->load) {
		model_message(m, 1, "no history to pick from: these versions are files; "
		        "add them to a store (normdiff add) to pick versions");
		return;
	}
	m->mode = MODE_PICK;
	m->pick_step = 0;
	m->pick = m->cur_old < h->nversions ? m->cur_old : 0;
}

/* ---- the main view ---- */

/* The listed row whose old provisions include the one nearest at or
 * before old provision `clause` (document order), or nrows. */
static size_t old_row_at(const tui_model *m, size_t clause)
{
	size_t r, k, best = m->nrows, at = 0;

	for (r = 0; r < m->nrows; r++) {
		const nd_change *c = model_change(m, r);

		if (m->rows_ctx[r])
			continue;
		for (k = 0; k < c->nold; k++)
			if (c->old[k] <= clause && (best == m->nrows || c->old[k] > at)) {
				best = r;
				at = c->old[k];
			}
	}
	return best;
}

/* `o`: on a moved provision, select the row at its old place: the row of
 * the provision just before it there (its sibling, else its parent), or
 * the nearest listed one before that; `o` again, with that row still
 * selected, comes back. */
static void old_place(tui_model *m)
{
	const nd_changeset *cs = m->view.cs;
	const nd_change *c;
	nd_buf words = ND_BUF_INIT;
	size_t before, r;

	if (!m->nrows)
		return;
	if (m->jump_to == m->rows_idx[m->sel]) {
		for (r = 0; r < m->nrows; r++)
			if (m->rows_idx[r] == m->jump_from)
				break;
		m->jump_to = TUI_NO_EDIT;
		if (r < m->nrows) {
			select_dir(m, r, +1);
			model_message(m, 0, "back to the moved provision");
		} else {
			model_message(m, 1, "the filter no longer lists the moved "
			        "provision");
		}
		return;
	}
	c = model_change(m, m->sel);
	if (!c->moved || !c->nold) {
		model_message(m, 1, "not moved: o goes to the old place of a moved "
		        "provision (↕)");
		return;
	}
	before = nd_prev_sibling(cs->old, c->old[0]);
	if (before == ND_NO_PARENT)
		before = cs->old->clauses[c->old[0]].parent;
	r = before == ND_NO_PARENT ? m->nrows : old_row_at(m, before);
	if (r >= m->nrows) {
		model_message(m, 1, "nothing listed before its old place%s",
		        m->filter != FILTER_ALL ? " (f changes the filter)" : "");
		return;
	}
	m->jump_from = m->rows_idx[m->sel];
	if (nd_label_pair(&words, cs, c) == 0 && nd_buf_puts(&words, ": ") == 0 &&
	    nd_report_move_words(&words, cs, c) == 0 && words.ptr)
		model_message(m, 0, "the old place of %s; o comes back", words.ptr);
	else
		model_message(m, 0, "its old place; o comes back");
	nd_buf_dispose(&words);
	select_dir(m, r, -1);
	m->jump_to = m->rows_idx[m->sel];
	m->focus = 0;
	m->zoom = 0;
}

static void act(tui_model *m, tui_action a)
{
	int text = m->focus || m->zoom;

	switch (a) {
	case ACT_DOWN: text ? scroll_text(m, 1) : move_rows(m, 1); break;
	case ACT_UP: text ? scroll_text(m, -1) : move_rows(m, -1); break;
	case ACT_PGDN:
		text ? scroll_text(m, (long)page(m->dh)) : move_rows(m, (long)page(m->oh));
		break;
	case ACT_PGUP:
		text ? scroll_text(m, -(long)page(m->dh)) : move_rows(m, -(long)page(m->oh));
		break;
	case ACT_TOP: text ? (void)(m->dtop = 0) : select_row(m, 0); break;
	case ACT_BOTTOM:
		text ? scroll_text(m, (long)m->dlines) : select_row(m, m->nrows);
		break;
	case ACT_NEXT: find_row(m, m->sel, +1, 0); break;
	case ACT_PREV: find_row(m, m->sel, -1, 0); break;
	case ACT_FOCUS:
		m->focus = m->zoom ? 0 : !m->focus;
		m->zoom = 0;
		break;
	case ACT_OPEN:
		m->zoom = m->nrows > 0;
		m->focus = m->zoom;
		break;
	case ACT_BACK:
		if (m->zoom || m->focus)
			m->zoom = m->focus = 0;
		else if (m->re) {
			end_search(m);
			model_message(m, 0, "search ended: n and N go from change to change");
		}
		break;
	case ACT_MODE:
		m->redline = !m->redline;
		m->dtop = 0;
		if (m->edit != TUI_NO_EDIT)
			m->edit_seek = 2; /* the same edit, scrolled into view */
		break;
	case ACT_NEXT_EDIT: case ACT_PREV_EDIT:
		if (!m->nrows)
			break;
		m->focus = 1; /* the edits are the text's */
		m->edit_seek = a == ACT_NEXT_EDIT ? 1 : -1;
		break;
	case ACT_OLD_PLACE: old_place(m); break;
	case ACT_FILTER: break; /* needs rebuilding: model_event */
	case ACT_SEARCH:
		m->mode = MODE_PROMPT;
		nd_buf_clear(&m->prompt);
		tri_build(m); /* while the pattern is typed */
		break;
	case ACT_VERSIONS: open_picker(m); break;
	case ACT_HELP:
		m->help_from = m->mode;
		m->mode = MODE_HELP;
		m->help_top = 0;
		break;
	case ACT_QUIT: m->quit = 1; break;
	case ACT_HISTORY: case ACT_SYNOPSIS: break; /* may fail: model_event */
	case ACT_REDRAW: case ACT_SUSPEND: case ACT_NONE: case ACT_BLAME:
	case ACT_LEFT: case ACT_RIGHT: break; /* term.c's, or other views' */
	}
}

static int in_rect(unsigned x, unsigned y, unsigned rx, unsigned ry,
                   unsigned rw, unsigned rh)
{
	return x >= rx && x < rx + rw && y >= ry && y < ry + rh;
}

static void mouse(tui_model *m, const tui_event *e)
{
	int wheel = e->key == TK_CLICK ? 0 : e->key == TK_WHEEL_UP ? -3 : 3;
	int outline = !m->zoom && in_rect(e->x, e->y, m->ox, m->oy, m->ow, m->oh);

	if (m->mode == MODE_HELP) {
		m->mode = m->help_from;
		return;
	}
	if ((m->mode == MODE_HISTORY || m->mode == MODE_SYNOPSIS) && wheel) {
		series_wheel(m, wheel);
		return;
	}
	if (m->mode != MODE_MAIN)
		return;
	if (outline && wheel) {
		move_rows(m, wheel);
	} else if (outline) {
		m->focus = 0;
		if (m->top + (e->y - m->oy) < m->nrows)
			select_row(m, m->top + (e->y - m->oy));
	} else if (in_rect(e->x, e->y, m->dx, m->dy, m->dw, m->dh)) {
		if (wheel)
			scroll_text(m, wheel);
		else
			m->focus = 1;
	}
}

/* Keys as terminals and scripts send them, in one form. */
static int normal_key(int k)
{
	switch (k) {
	case '\r': case '\n': return TK_ENTER;
	case '\t': return TK_TAB;
	case 27: return TK_ESC;
	case 8: case 127: return TK_BS;
	default: return k;
	}
}

int model_event(tui_model *m, const tui_event *ev)
{
	tui_event e = *ev;
	tui_action a;

	e.key = normal_key(e.key);
	if (e.key == TK_RESIZE) {
		m->cols = e.cols;
		m->rows = e.rows;
		return 0;
	}
	if (e.key == TK_DUMP)
		return 0;
	m->msg[0] = '\0';
	if (e.key == TK_CLICK || e.key == TK_WHEEL_UP || e.key == TK_WHEEL_DOWN) {
		mouse(m, &e);
		return 0;
	}
	switch (m->mode) {
	case MODE_PROMPT: return prompt_key(m, e.key);
	case MODE_PICK: return pick_key(m, &e);
	case MODE_HISTORY: case MODE_SYNOPSIS:
		if (keys_view_action(m->mode == MODE_HISTORY ? VIEW_HISTORY
		                     : VIEW_SYNOPSIS, e.key) == ACT_HELP) {
			act(m, ACT_HELP);
			return 0;
		}
		return series_key(m, &e);
	case MODE_HELP:
		a = keys_action(e.key);
		if (a == ACT_DOWN || a == ACT_PGDN)
			m->help_top += a == ACT_DOWN ? 1 : page(m->rows);
		else if (a == ACT_UP || a == ACT_PGUP)
			m->help_top = m->help_top > (a == ACT_UP ? 1 : page(m->rows))
			              ? m->help_top - (a == ACT_UP ? 1 : page(m->rows)) : 0;
		else
			m->mode = m->help_from;
		return 0;
	default: break;
	}
	a = keys_action(e.key);
	if (a == ACT_HISTORY)
		return series_history(m);
	if (a == ACT_SYNOPSIS)
		return series_synopsis(m);
	if (a == ACT_FILTER) {
		int err;

		do /* the next filter that lists something; all always does */
			m->filter = (m->filter + 1) % NFILTERS;
		while (m->filter != FILTER_ALL && !model_filter_count(m, m->filter));
		if ((err = rebuild_rows(m)) != 0)
			return err;
		if (m->nrows > m->nlisted)
			model_message(m, 0, "filter: %s (%zu), with %zu heading%s above them "
			        "dimmed", model_filter_name(m->filter), m->nlisted,
			        m->nrows - m->nlisted, m->nrows - m->nlisted == 1 ? "" : "s");
		else
			model_message(m, 0, "filter: %s (%zu)", model_filter_name(m->filter),
			        m->nlisted);
		return 0;
	}
	act(m, a);
	return 0;
}
