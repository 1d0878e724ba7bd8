/* text.c - the open provision's text, as cells made when asked for.
 *
 * A flow (grid.c) keeps a cell and an offset per character: 24 bytes a
 * byte of ASCII, over a hundred megabytes for a provision of a few. The
 * text pane keeps instead what the cells are made from, and makes the
 * few it draws:
 *
 *   runs   per addition: where its bytes are, its first byte in the
 *          text and its style. The provision's words are not copied: they
 *          are the comparison's, which outlives the layout (text_add_ref);
 *          labels and markers are (text_add). An addition is decoded on
 *          its own, as flow_add decodes it, so a sequence cut between two
 *          additions stays two bad bytes
 *   stops  every TEXT_BLOCK cells or so, a character that starts a cell
 *          of its own (never a combining mark): its cell, its byte and
 *          its run. Decoding from a stop needs nothing before it, so the
 *          cells from one stop to the next are a block made alone
 *   marks  the byte ranges of the search's matches: a cell is marked when
 *          its character starts in one, as flow_mark_matches marks. The
 *          pattern runs over the additions joined for the time it takes
 *
 * Adding text counts its cells with the same decoding that makes them,
 * so the count, the stops and the blocks agree with what flow_add would
 * have built cell for cell. Two blocks are kept made (wrapping looks back
 * to the last space, which may lie in the block before); asking for any
 * other cell makes its block in place of the older one. Memory: a run
 * per addition, a stop per TEXT_BLOCK cells, two blocks, and the bytes of
 * the labels and markers.
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/utf8.h"
#include "tui_internal.h"

/* Cells between stops (a block is at most this plus one escape). */
#define TEXT_BLOCK 256

/* How the next character of an addition becomes cells. */
typedef enum { CH_FORM, CH_MARK, CH_CHAR } ch_kind;

typedef struct ch {
	ch_kind kind;
	size_t len;                    /* its bytes */
	uint32_t cp;                   /* CH_MARK, CH_CHAR */
	unsigned width;                /* CH_CHAR */
	char form[ND_UTF8_VISIBLE_MAX]; /* CH_FORM: its visible form */
} ch;

/* Read the character at s[0..len) (len > 0) as flow_add reads it. */
static void read_ch(const char *s, size_t len, ch *c)
{
	unsigned char b = (unsigned char)s[0];
	size_t n;

	if (b >= 0x20 && b < 0x7F) { /* printable ASCII: what decoding gives */
		c->kind = CH_CHAR;
		c->len = 1;
		c->cp = b;
		c->width = 1;
		return;
	}
	n = nd_utf8_decode(s, len, &c->cp);
	c->len = n ? n : 1;
	if (!n) {
		nd_utf8_visible_byte(c->form, (unsigned char)s[0]);
		c->kind = CH_FORM;
	} else if (nd_utf8_is_unsafe(c->cp)) {
		nd_utf8_visible(c->form, c->cp);
		c->kind = CH_FORM;
	} else if ((c->width = nd_utf8_cp_width(c->cp)) == 0) {
		c->kind = CH_MARK;
	} else {
		c->kind = CH_CHAR;
	}
}

/* The cells character c adds after `last` cells, the last of them a
 * control form when last_ctrl (a combining mark then sits on a space). */
static size_t ch_cells(const ch *c, size_t last, int last_ctrl)
{
	if (c->kind == CH_FORM)
		return strlen(c->form);
	if (c->kind == CH_MARK)
		return !last || last_ctrl;
	return c->width == 2 ? 2 : 1;
}

void text_clear(tui_text *t)
{
	nd_buf_clear(&t->own);
	t->len = 0;
	t->n = t->nruns = t->nstops = t->nmatch = 0;
	t->last_ctrl = t->err = 0;
	t->first_mark = (size_t)-1;
	t->blk[0].n = t->blk[1].n = 0;
	t->blk[0].stop = t->blk[1].stop = (size_t)-1;
}

void text_dispose(tui_text *t)
{
	nd_buf_dispose(&t->own);
	free(t->runs);
	free(t->stops);
	free(t->match);
	free(t->blk[0].cells);
	free(t->blk[0].off);
	free(t->blk[1].cells);
	free(t->blk[1].off);
	memset(t, 0, sizeof(*t));
}

static int reserve(void **v, size_t *cap, size_t n, size_t size)
{
	return nd_vec_reserve(v, cap, n, size) ? nd_error_oom() : 0;
}

static int add_stop(tui_text *t, size_t byte)
{
	if (reserve((void **)&t->stops, &t->scap, t->nstops + 1,
	            sizeof(*t->stops)))
		return ND_ENOMEM;
	t->stops[t->nstops].cell = (uint32_t)t->n;
	t->stops[t->nstops].byte = (uint32_t)byte;
	t->stops[t->nstops++].run = (uint32_t)(t->nruns - 1);
	return 0;
}

/* Count the cells of s[0..len), the run just added, and put stops in. */
static int count(tui_text *t, const char *s, size_t len, tui_style style)
{
	size_t base = t->len, i, cells;
	ch c;
	int err;

	if (!t->nstops && (err = add_stop(t, base)) != 0)
		return err;
	for (i = 0; i < len; i += c.len) {
		read_ch(s + i, len - i, &c);
		if (c.kind != CH_MARK &&
		    t->n >= t->stops[t->nstops - 1].cell + TEXT_BLOCK &&
		    (err = add_stop(t, base + i)) != 0)
			return err;
		cells = ch_cells(&c, t->n, t->last_ctrl);
		/* the style of the last cell, which a mark after it looks at */
		if (c.kind == CH_FORM)
			t->last_ctrl = 1;
		else if (cells)
			t->last_ctrl = style == TS_CTRL;
		t->n += cells;
	}
	t->len += len;
	return 0;
}

/* A run for the next addition: its bytes at s, or when s is NULL in
 * t->own from `own` on. */
static int add_run(tui_text *t, const char *s, size_t own, tui_style style)
{
	if (reserve((void **)&t->runs, &t->rcap, t->nruns + 1, sizeof(*t->runs)))
		return ND_ENOMEM;
	t->runs[t->nruns].s = s;
	t->runs[t->nruns].own = (uint32_t)own;
	t->runs[t->nruns].byte = (uint32_t)t->len;
	t->runs[t->nruns++].style = (uint8_t)style;
	t->blk[0].stop = t->blk[1].stop = (size_t)-1; /* blocks may grow */
	t->first_mark = (size_t)-1;
	return 0;
}

int text_add(tui_text *t, const char *s, size_t len, tui_style style)
{
	size_t own = t->own.len;
	int err;

	if ((err = nd_buf_put(&t->own, s, len)) != 0 ||
	    (err = add_run(t, NULL, own, style)) != 0)
		return err;
	return count(t, s, len, style);
}

int text_add_ref(tui_text *t, const char *s, size_t len, tui_style style)
{
	int err = add_run(t, s, 0, style);

	return err ? err : count(t, s, len, style);
}

/* The bytes of run r. */
static const char *run_bytes(const tui_text *t, size_t r)
{
	if (t->runs[r].s)
		return t->runs[r].s;
	return t->own.ptr ? t->own.ptr + t->runs[r].own : "";
}

/* The byte after run r. */
static size_t run_end(const tui_text *t, size_t r)
{
	return r + 1 < t->nruns ? t->runs[r + 1].byte : t->len;
}

int text_addz(tui_text *t, const char *s, tui_style style)
{
	return text_add(t, s, strlen(s), style);
}

/* ---- search marks ---- */

/* The text's bytes in one piece, as a pattern must see them. */
static int join(const tui_text *t, nd_buf *out)
{
	size_t r;
	int err = 0;

	for (r = 0; r < t->nruns && !err; r++)
		if (run_end(t, r) > t->runs[r].byte)
			err = nd_buf_put(out, run_bytes(t, r),
			                 run_end(t, r) - t->runs[r].byte);
	return err;
}

/* Record the matches of re in text[0..len). */
static int find_matches(tui_text *t, const nd_regex *re, const char *text,
                        size_t len)
{
	size_t from = 0, a, b;
	int rc;

	while (from <= len && (rc = nd_regex_find(re, text, len, from, &a, &b))
	       != 0) {
		if (rc < 0)
			return rc;
		if (b == a) {
			/* an empty match marks nothing; step over one byte */
			from = b + 1;
			continue;
		}
		if (reserve((void **)&t->match, &t->mcap, t->nmatch + 1,
		            sizeof(*t->match)))
			return ND_ENOMEM;
		t->match[t->nmatch].a = a;
		t->match[t->nmatch++].b = b;
		from = b;
	}
	return 0;
}

int text_mark_matches(tui_text *t, const nd_regex *re)
{
	nd_buf all = ND_BUF_INIT;
	int err;

	t->blk[0].stop = t->blk[1].stop = (size_t)-1;
	t->first_mark = (size_t)-1;
	/* joined for the search only: the bytes stay where they are */
	if ((err = join(t, &all)) == 0)
		err = find_matches(t, re, all.ptr ? all.ptr : "", all.len);
	nd_buf_dispose(&all);
	return err;
}

/* The first match that ends after byte `at`. */
static size_t first_match(const tui_text *t, size_t at)
{
	size_t lo = 0, hi = t->nmatch;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->match[mid].b <= at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- blocks ---- */

/* Append a cell to block b, as grid.c's push does to a flow (make_block
 * made room for the cells the count says the block has). */
static void blk_push(tui_text_block *b, uint32_t cp, unsigned width,
                     tui_style style, size_t off)
{
	tui_cell *c = &b->cells[b->n];

	if (b->n + 2 > b->cap)
		return; /* more than counted: never, but memory stays safe */
	memset(c, 0, sizeof(*c));
	c->cp[0] = cp;
	c->width = (uint8_t)width;
	c->style = (uint8_t)style;
	b->off[b->n++] = (uint32_t)off;
	if (width == 2) {
		c = &b->cells[b->n];
		memset(c, 0, sizeof(*c));
		c->style = (uint8_t)style;
		b->off[b->n++] = (uint32_t)off;
	}
}

/* A combining mark joins the cell before it, as grid.c's combine does;
 * `first` says the block starts the text (a mark there has nothing to
 * join and gets a space). */
static void blk_combine(tui_text_block *b, int first, uint32_t cp,
                        tui_style style, size_t off)
{
	tui_cell *c;
	int k;

	if ((first && !b->n) || (b->n && b->cells[b->n - 1].style == TS_CTRL))
		blk_push(b, ' ', 1, style, off);
	c = &b->cells[b->n - 1];
	if (!c->width && b->n >= 2)
		c--; /* the left half of a wide character */
	for (k = 1; k < TUI_CELL_CPS; k++) {
		if (!c->cp[k]) {
			c->cp[k] = cp;
			return;
		}
	}
	/* more marks than a cell holds: the rest are dropped */
}

/* The cells of character c, at byte off, in `style`. */
static void blk_ch(tui_text_block *b, int first, const ch *c,
                   tui_style style, size_t off)
{
	const char *p;

	if (c->kind == CH_MARK)
		blk_combine(b, first, c->cp, style, off);
	else if (c->kind == CH_CHAR)
		blk_push(b, c->cp, c->width, style, off);
	else
		for (p = c->form; *p; p++)
			blk_push(b, (unsigned char)*p, 1, TS_CTRL, off);
}

/* Mark the block's cells that start in a match. */
static void blk_matches(const tui_text *t, tui_text_block *b)
{
	size_t k, m = b->n ? first_match(t, b->off[0]) : t->nmatch;

	for (k = 0; k < b->n && m < t->nmatch; k++) {
		while (m < t->nmatch && t->match[m].b <= b->off[k])
			m++;
		if (m < t->nmatch && b->off[k] >= t->match[m].a)
			b->cells[k].mark |= TM_MATCH;
	}
}

/* Make the cells of run r from byte i (in it) to `end` (a stop, or the
 * text's end) or the run's end into block b; the byte after them. */
static size_t run_cells(const tui_text *t, tui_text_block *b, int first,
                        size_t r, size_t i, size_t end)
{
	size_t re = run_end(t, r), stop = re < end ? re : end;
	const char *p = run_bytes(t, r);
	size_t at = t->runs[r].byte; /* byte i is p[i - at] */
	tui_style style = (tui_style)t->runs[r].style;
	ch c;

	for (; i < stop; i += c.len) {
		read_ch(p + (i - at), re - i, &c);
		blk_ch(b, first, &c, style, i);
	}
	return i;
}

/* Make the cells from stop j to the next one into block b. */
static int make_block(tui_text *t, tui_text_block *b, size_t j)
{
	size_t i = t->stops[j].byte, r = t->stops[j].run;
	size_t end = j + 1 < t->nstops ? t->stops[j + 1].byte : t->len;
	size_t cells = (j + 1 < t->nstops ? t->stops[j + 1].cell : t->n) -
	               t->stops[j].cell;

	b->n = 0;
	b->stop = (size_t)-1;
	if (reserve((void **)&b->cells, &b->cap, cells + 2, sizeof(*b->cells)) ||
	    reserve((void **)&b->off, &b->ocap, cells + 2, sizeof(*b->off)))
		return ND_ENOMEM;
	for (; i < end; r++) /* the runs the block spans, each decoded alone */
		i = run_cells(t, b, j == 0, r, i, end);
	blk_matches(t, b);
	b->stop = j;
	b->from = t->stops[j].cell;
	return 0;
}

/* The last stop at or before `key`: a byte when by_byte, else a cell. */
static size_t last_stop(const tui_text *t, size_t key, int by_byte)
{
	size_t lo = 0, hi = t->nstops;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if ((by_byte ? t->stops[mid].byte : t->stops[mid].cell) <= key)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* The last stop at or before byte `byte`. */
static size_t stop_at_byte(const tui_text *t, size_t byte)
{
	return last_stop(t, byte, 1);
}

/* The stop whose block holds cell i. */
static size_t stop_of(const tui_text *t, size_t i)
{
	return last_stop(t, i, 0);
}

static int in_block(const tui_text_block *b, size_t i)
{
	return b->stop != (size_t)-1 && i >= b->from && i - b->from < b->n;
}

/* The block holding cell i (< t->n), made if need be; NULL when memory
 * ran out. */
static tui_text_block *block_of(tui_text *t, size_t i)
{
	tui_text_block *b;

	if (i >= t->n)
		return NULL; /* no such cell (callers ask for cells < t->n) */
	if (in_block(&t->blk[t->recent], i))
		return &t->blk[t->recent];
	if (in_block(&t->blk[!t->recent], i)) {
		t->recent = !t->recent;
		return &t->blk[t->recent];
	}
	t->recent = !t->recent;
	b = &t->blk[t->recent];
	if (make_block(t, b, stop_of(t, i)) == 0)
		return b;
	t->err = ND_ENOMEM;
	return NULL;
}

/* What a cell that could not be made (memory) reads as; t->err says so
 * and the layout is given up. */
static const tui_cell lost = {{'?', 0, 0, 0}, 1, TS_CTRL, 0};

const tui_cell *text_cell(tui_text *t, size_t i)
{
	tui_text_block *b = &t->blk[t->recent];

	if (i - b->from < b->n && b->stop != (size_t)-1)
		return &b->cells[i - b->from]; /* the usual case, at once */
	b = block_of(t, i);

	return b ? &b->cells[i - b->from] : &lost;
}

size_t text_off(tui_text *t, size_t i)
{
	tui_text_block *b = block_of(t, i);

	return b ? b->off[i - b->from] : 0;
}

static const tui_cell *cell_at(void *ud, size_t i, size_t *lo, size_t *hi)
{
	tui_text *t = ud;
	tui_text_block *b = block_of(t, i);

	if (!b) { /* memory: t->err says so; one cell to read meanwhile */
		*lo = i;
		*hi = i + 1;
		return &lost;
	}
	*lo = b->from;
	*hi = b->from + b->n;
	return b->cells;
}

size_t text_wrap(tui_text *t, unsigned width, size_t from, size_t max,
                 size_t **starts, size_t **ends, size_t *cap)
{
	size_t n = cells_wrap(cell_at, t, t->n, width, from, max, starts, ends,
	                      cap);

	return t->err ? 0 : n;
}

int text_cells(tui_text *t, size_t from, size_t to, tui_cell **out,
               size_t *cap)
{
	size_t k;

	if (reserve((void **)out, cap, to > from ? to - from : 1, sizeof(**out)))
		return ND_ENOMEM;
	for (k = from; k < to; k++)
		(*out)[k - from] = *text_cell(t, k);
	return t->err;
}

/* The first cell that starts in match m, or t->n. */
static size_t match_cell(tui_text *t, size_t m)
{
	size_t k = t->stops[stop_at_byte(t, t->match[m].a)].cell;

	while (k < t->n && text_off(t, k) < t->match[m].a && !t->err)
		k++;
	return k < t->n && text_off(t, k) < t->match[m].b ? k : t->n;
}

size_t text_first_mark(tui_text *t)
{
	size_t m;

	if (t->first_mark != (size_t)-1)
		return t->first_mark;
	t->first_mark = t->n;
	for (m = 0; m < t->nmatch && t->first_mark == t->n && !t->err; m++)
		t->first_mark = match_cell(t, m);
	return t->first_mark;
}
