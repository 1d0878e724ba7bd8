/* grid.c - the screen as cells, and draft text turned into cells.
 *
 * Text is data: every byte of a draft reaches the screen through
 * flow_add(), which decodes UTF-8, writes controls, bidi marks, line
 * separators and bad bytes visibly in the notation every output uses
 * (nd_utf8_visible: ^[ for C0 and DEL, <U+XXXX> for the other unsafe
 * characters, <0xNN> for a bad byte) and gives each character its
 * columns by the same table the text report uses (nd_utf8_cp_width), so
 * widths do not depend on the locale. A cell holds a base character and up to three
 * combining marks; a wide character takes a cell and a right half.
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/utf8.h"
#include "tui_internal.h"

int grid_resize(tui_grid *g, unsigned cols, unsigned rows)
{
	tui_cell *c = calloc((size_t)cols * rows, sizeof(*c));

	if (!c)
		return nd_error_oom();
	free(g->cells);
	g->cells = c;
	g->cols = cols;
	g->rows = rows;
	grid_fill(g, 0, 0, cols, rows, TS_NORMAL);
	return 0;
}

void grid_dispose(tui_grid *g)
{
	free(g->cells);
	memset(g, 0, sizeof(*g));
}

static tui_cell blank_cell(tui_style style)
{
	tui_cell c;

	memset(&c, 0, sizeof(c));
	c.cp[0] = ' ';
	c.width = 1;
	c.style = (uint8_t)style;
	return c;
}

void grid_fill(tui_grid *g, unsigned x, unsigned y, unsigned w, unsigned h,
               tui_style style)
{
	tui_cell b = blank_cell(style);
	unsigned i, j;

	for (j = y; j < y + h && j < g->rows; j++)
		for (i = x; i < x + w && i < g->cols; i++)
			g->cells[(size_t)j * g->cols + i] = b;
}

void grid_mark(tui_grid *g, unsigned x, unsigned y, unsigned w, unsigned h,
               unsigned mark)
{
	unsigned i, j;

	for (j = y; j < y + h && j < g->rows; j++)
		for (i = x; i < x + w && i < g->cols; i++)
			g->cells[(size_t)j * g->cols + i].mark |= (uint8_t)mark;
}

/* ---- flows ---- */

void flow_clear(tui_flow *f)
{
	f->n = 0;
	nd_buf_clear(&f->text);
}

void flow_dispose(tui_flow *f)
{
	free(f->cells);
	free(f->off);
	nd_buf_dispose(&f->text);
	memset(f, 0, sizeof(*f));
}

static int push(tui_flow *f, uint32_t cp, unsigned width, tui_style style,
                size_t off)
{
	tui_cell *c;

	if (f->n + 2 > f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 64;
		tui_cell *cells = realloc(f->cells, cap * sizeof(*cells));
		uint32_t *offs;

		if (!cells)
			return nd_error_oom();
		f->cells = cells;
		offs = realloc(f->off, cap * sizeof(*offs));
		if (!offs)
			return nd_error_oom();
		f->off = offs;
		f->cap = cap;
	}
	c = &f->cells[f->n];
	memset(c, 0, sizeof(*c));
	c->cp[0] = cp;
	c->width = (uint8_t)width;
	c->style = (uint8_t)style;
	f->off[f->n++] = (uint32_t)off;
	if (width == 2) {
		/* the right half: drawn by the terminal with its left half */
		c = &f->cells[f->n];
		memset(c, 0, sizeof(*c));
		c->style = (uint8_t)style;
		f->off[f->n++] = (uint32_t)off;
	}
	return 0;
}

static int push_ascii(tui_flow *f, const char *s, tui_style style, size_t off)
{
	int err = 0;

	for (; *s && !err; s++)
		err = push(f, (unsigned char)*s, 1, style, off);
	return err;
}

/* Join a combining mark to the last cell; a mark with nothing to join
 * gets a space of its own to sit on. */
static int combine(tui_flow *f, uint32_t cp, tui_style style, size_t off)
{
	tui_cell *c;
	int k, err;

	if (!f->n || f->cells[f->n - 1].style == TS_CTRL) {
		if ((err = push(f, ' ', 1, style, off)) != 0)
			return err;
	}
	c = &f->cells[f->n - 1];
	if (!c->width && f->n >= 2)
		c--; /* the left half of a wide character */
	for (k = 1; k < TUI_CELL_CPS; k++) {
		if (!c->cp[k]) {
			c->cp[k] = cp;
			return 0;
		}
	}
	return 0; /* more marks than a cell holds: the rest are dropped */
}

int flow_add(tui_flow *f, const char *s, size_t len, tui_style style)
{
	size_t base = f->text.len, i = 0, n;
	uint32_t cp;
	char form[ND_UTF8_VISIBLE_MAX];
	int err;

	if ((err = nd_buf_put(&f->text, s, len)) != 0)
		return err;
	while (i < len) {
		size_t off = base + i;

		n = nd_utf8_decode(s + i, len - i, &cp);
		if (!n) {
			nd_utf8_visible_byte(form, (unsigned char)s[i]);
			err = push_ascii(f, form, TS_CTRL, off);
			i++;
		} else if (nd_utf8_is_unsafe(cp)) {
			nd_utf8_visible(form, cp);
			err = push_ascii(f, form, TS_CTRL, off);
			i += n;
		} else if (nd_utf8_cp_width(cp) == 0) {
			err = combine(f, cp, style, off);
			i += n;
		} else {
			err = push(f, cp, nd_utf8_cp_width(cp), style, off);
			i += n;
		}
		if (err)
			return err;
	}
	return 0;
}

int flow_addz(tui_flow *f, const char *s, tui_style style)
{
	return flow_add(f, s, strlen(s), style);
}

int flow_mark_matches(tui_flow *f, const nd_regex *re)
{
	size_t from = 0, a, b, k = 0;
	int rc;

	while (from <= f->text.len &&
	       (rc = nd_regex_find(re, f->text.ptr, f->text.len, from, &a, &b)) != 0) {
		if (rc < 0)
			return rc;
		if (b == a) {
			/* an empty match marks nothing; step over one byte */
			from = b + 1;
			continue;
		}
		while (k < f->n && f->off[k] < a)
			k++;
		for (; k < f->n && f->off[k] < b; k++)
			f->cells[k].mark |= TM_MATCH;
		from = b;
	}
	return 0;
}

size_t flow_width(const tui_flow *f, size_t from, size_t to)
{
	size_t w = 0;

	for (; from < to; from++)
		w += f->cells[from].width;
	return w;
}

int cell_is_space(const tui_cell *c)
{
	return c->width == 1 && c->cp[0] == ' ' && c->style != TS_CTRL;
}

static const tui_cell *flow_cells(void *ud, size_t i, size_t *lo, size_t *hi)
{
	const tui_flow *f = ud;

	(void)i;
	*lo = 0;
	*hi = f->n;
	return f->cells;
}

/* The cells an accessor gave last, [lo, hi) from base: most cells are
 * read from there without a call. */
typedef struct window {
	tui_cell_at at;
	void *ud;
	const tui_cell *base;
	size_t lo, hi;
} window;

static const tui_cell *refill(window *w, size_t i)
{
	w->base = w->at(w->ud, i, &w->lo, &w->hi);
	return &w->base[i - w->lo];
}

static inline const tui_cell *cell(window *w, size_t i)
{
	if (i - w->lo < w->hi - w->lo) /* not when i < lo */
		return &w->base[i - w->lo];
	return refill(w, i);
}

static size_t trim(window *w, size_t from, size_t to)
{
	while (to > from && cell_is_space(cell(w, to - 1)))
		to--;
	return to;
}

size_t cells_trim(tui_cell_at at, void *ud, size_t from, size_t to)
{
	window w = {at, ud, NULL, 0, 0};

	return trim(&w, from, to);
}

size_t flow_trim(const tui_flow *f, size_t from, size_t to)
{
	return cells_trim(flow_cells, (void *)f, from, to);
}

/* Make room for line n + 1 and the end after it. */
static int wrap_room(size_t n, size_t **starts, size_t **ends, size_t *cap)
{
	size_t c = *cap ? 2 * *cap : 32, *s;

	if (n + 2 <= *cap)
		return 0;
	if ((s = realloc(*starts, c * sizeof(*s))) == NULL)
		return -1;
	*starts = s;
	if (ends) {
		if ((s = realloc(*ends, c * sizeof(*s))) == NULL)
			return -1;
		*ends = s;
	}
	*cap = c;
	return 0;
}

size_t cells_wrap(tui_cell_at at, void *ud, size_t ncells, unsigned width,
                  size_t from, size_t max, size_t **starts, size_t **ends,
                  size_t *cap)
{
	window win = {at, ud, NULL, 0, 0};
	size_t n = 0, i = from;

	if (width < 2)
		width = 2;
	for (;;) {
		size_t start = i, w = 0, brk = 0;
		const tui_cell *c;

		if (wrap_room(n, starts, ends, cap))
			return 0;
		if (ends && n) /* the line before, trimmed while its cells are near */
			(*ends)[n - 1] = trim(&win, (*starts)[n - 1], start);
		if (n == max) { /* enough: where the next line starts */
			(*starts)[n] = start;
			return n;
		}
		(*starts)[n++] = start;
		if (i >= ncells)
			break;
		for (c = cell(&win, i); i < ncells && w + c->width <= width;) {
			w += c->width;
			if (++i < ncells && cell_is_space(c = cell(&win, i)))
				brk = i;
		}
		if (i < ncells && !cell_is_space(cell(&win, i)) && brk > start)
			i = brk; /* break at the last space on the line */
		while (i < ncells && !cell(&win, i)->width)
			i++; /* never start a line with a right half */
		while (i < ncells && cell_is_space(cell(&win, i)))
			i++; /* the spaces at a break are not drawn */
		if (i >= ncells)
			break;
	}
	if (ends)
		(*ends)[n - 1] = trim(&win, (*starts)[n - 1], ncells);
	(*starts)[n] = ncells;
	return n;
}

size_t flow_wrap(const tui_flow *f, unsigned width, size_t **starts,
                 size_t *cap)
{
	return cells_wrap(flow_cells, (void *)f, f->n, width, 0, (size_t)-1,
	                  starts, NULL, cap);
}

unsigned grid_put(tui_grid *g, unsigned x, unsigned y, unsigned w,
                  const tui_cell *cells, size_t from, size_t to)
{
	unsigned used = 0;

	if (y >= g->rows)
		return 0;
	for (; from < to; from++) {
		const tui_cell *c = &cells[from];
		tui_cell *d;

		if (!c->width)
			continue; /* drawn with its left half */
		if (used + c->width > w || x + used + c->width > g->cols)
			break;
		d = &g->cells[(size_t)y * g->cols + x + used];
		d[0] = *c;
		if (c->width == 2) {
			d[1] = *c;
			memset(d[1].cp, 0, sizeof(d[1].cp));
			d[1].width = 0;
		}
		used += c->width;
	}
	return used;
}

unsigned grid_line(tui_grid *g, unsigned x, unsigned y, unsigned w,
                   const tui_flow *f)
{
	static const tui_cell ellipsis = {{0x2026, 0, 0, 0}, 1, TS_DIM, 0};
	size_t end = f->n;
	unsigned used;

	if (flow_width(f, 0, f->n) <= w)
		return grid_put(g, x, y, w, f->cells, 0, f->n);
	if (!w)
		return 0;
	used = grid_put(g, x, y, w - 1, f->cells, 0, end);
	return used + grid_put(g, x + used, y, 1, &ellipsis, 0, 1);
}

/* ---- dumps ---- */

static char style_letter(const tui_cell *c)
{
	static const char letters[TS_NSTYLES + 1] = " bktd-+^e|fUMARSJv";

	if (c->mark & TM_MATCH)
		return '*';
	if ((c->mark & TM_EDIT) && (c->style == TS_DEL || c->style == TS_INS))
		return c->style == TS_DEL ? '<' : '>'; /* the current edit (] [) */
	if (c->mark & (TM_SEL | TM_CUR)) {
		char l = letters[c->style];

		return l == ' ' ? (c->mark & TM_SEL ? '=' : '~') : l;
	}
	return letters[c->style];
}

int grid_dump(nd_buf *out, const tui_grid *g, int styles)
{
	unsigned x, y, k;
	char enc[4];
	int err = 0;

	for (y = 0; y < g->rows && !err; y++) {
		const tui_cell *row = &g->cells[(size_t)y * g->cols];
		size_t keep = out->len;

		for (x = 0; x < g->cols && !err; x++) {
			for (k = 0; k < TUI_CELL_CPS && row[x].cp[k] && !err; k++)
				err = nd_buf_put(out, enc, nd_utf8_encode(row[x].cp[k], enc));
			if (row[x].width && row[x].cp[0] != ' ')
				keep = out->len;
		}
		out->len = keep; /* trailing blanks are dropped */
		err = err ? err : nd_buf_putc(out, '\n');
		if (!styles || err)
			continue;
		keep = out->len;
		for (x = 0; x < g->cols && !err; x++) {
			err = nd_buf_putc(out, style_letter(&row[x]));
			if (style_letter(&row[x]) != ' ')
				keep = out->len;
		}
		out->len = keep;
		err = err ? err : nd_buf_putc(out, '\n');
	}
	return err;
}
