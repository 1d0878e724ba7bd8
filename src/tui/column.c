/* column.c - the lines of a column of the open provision, kept as a
 * checkpoint every COL_CHUNK lines.
 *
 * A column is segments: the wrapped lines of one text (text.c), or a run
 * of blank lines. A text's lines are not kept: wrapping a line needs
 * nothing but where it starts (cells_wrap starts every line afresh), so
 * the segment keeps the first cell of every COL_CHUNK-th line and a line
 * is found by wrapping again from the checkpoint before it. The chunk
 * made last is kept: drawing a screen, scanning lines in order or paging
 * wraps a chunk again only when it moves into another one.
 *
 * Laying a text out wraps it once, a chunk at a time, to count its lines
 * and set its checkpoints: memory is 4 bytes per COL_CHUNK lines, and a
 * chunk of lines, however long the provision.
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "tui_internal.h"

void column_clear(tui_column *col, tui_text *texts, unsigned width)
{
	col->texts = texts;
	col->width = width;
	col->n = col->nsegs = col->ncps = 0;
	col->cvalid = 0;
	col->err = 0;
}

void column_dispose(tui_column *col)
{
	free(col->segs);
	free(col->cps);
	free(col->starts);
	free(col->ends);
	memset(col, 0, sizeof(*col));
}

static int oom(tui_column *col)
{
	col->err = nd_error_oom();
	return col->err;
}

static tui_cseg *new_seg(tui_column *col, int f)
{
	tui_cseg *s;

	if (nd_vec_reserve((void **)&col->segs, &col->segcap, col->nsegs + 1,
	                   sizeof(*col->segs)))
		return NULL;
	s = &col->segs[col->nsegs++];
	s->f = f;
	s->first = (uint32_t)col->n;
	s->n = 0;
	s->cp = (uint32_t)col->ncps;
	return s;
}

int column_put_blank(tui_column *col)
{
	tui_cseg *s = col->nsegs ? &col->segs[col->nsegs - 1] : NULL;

	if (col->err)
		return col->err;
	if ((!s || s->f >= 0) && (s = new_seg(col, -1)) == NULL)
		return oom(col);
	s->n++;
	col->n++;
	return 0;
}

/* Wrap text f from cell `from` into at most COL_CHUNK lines, in
 * col->starts and col->ends; how many, 0 on failure. */
static size_t wrap_chunk(tui_column *col, int f, size_t from)
{
	size_t k = text_wrap(&col->texts[f], col->width, from, COL_CHUNK,
	                     &col->starts, &col->ends, &col->scap);

	if (!k)
		oom(col);
	return k;
}

int column_put_flow(tui_column *col, int f)
{
	const tui_text *t = &col->texts[f];
	tui_cseg *s;
	size_t from = 0, k;

	if (col->err)
		return col->err;
	if ((s = new_seg(col, f)) == NULL)
		return oom(col);
	col->cvalid = 0;
	do {
		if (nd_vec_reserve((void **)&col->cps, &col->cpcap, col->ncps + 1,
		                   sizeof(*col->cps)))
			return oom(col);
		col->cps[col->ncps++] = (uint32_t)from;
		if ((k = wrap_chunk(col, f, from)) == 0)
			return col->err;
		s = &col->segs[col->nsegs - 1];
		s->n += (uint32_t)k;
		col->n += k;
		from = col->starts[k];
	} while (k == COL_CHUNK && from < t->n);
	return 0;
}

/* The segment holding line k (< col->n). */
static size_t seg_of(const tui_column *col, size_t k)
{
	size_t lo = 0, hi = col->nsegs;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (col->segs[mid].first <= k)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Make chunk `chunk` of text segment si the one kept; 0 or failure. */
static int load_chunk(tui_column *col, size_t si, size_t chunk)
{
	const tui_cseg *s = &col->segs[si];
	size_t k, n;

	if (col->cvalid && col->cseg == si && col->cchunk == chunk)
		return 0;
	col->cvalid = 0;
	if ((n = wrap_chunk(col, s->f, col->cps[s->cp + chunk])) == 0)
		return col->err;
	for (k = 0; k < n; k++) {
		col->lines[k].f = s->f;
		col->lines[k].a = (uint32_t)col->starts[k];
		col->lines[k].b = (uint32_t)col->ends[k];
	}
	col->cseg = si;
	col->cchunk = chunk;
	col->cvalid = 1;
	return 0;
}

static const tui_cline blank_line = {-1, 0, 0};

const tui_cline *column_line(tui_column *col, size_t k)
{
	size_t si, j;

	if (k >= col->n || col->err)
		return &blank_line;
	si = seg_of(col, k);
	if (col->segs[si].f < 0)
		return &blank_line;
	j = k - col->segs[si].first;
	if (load_chunk(col, si, j / COL_CHUNK))
		return &blank_line;
	return &col->lines[j % COL_CHUNK];
}

/* The last chunk of segment si whose first line starts at or before
 * `cell` (the first chunk when none does). */
static size_t chunk_of(const tui_column *col, size_t si, size_t cell)
{
	const tui_cseg *s = &col->segs[si];
	size_t lo = 0, hi = (s->n + COL_CHUNK - 1) / COL_CHUNK;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (col->cps[s->cp + mid] <= cell)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

size_t column_line_of(tui_column *col, int f, size_t cell)
{
	size_t si, chunk, k, n, at;

	for (si = 0; si < col->nsegs && col->segs[si].f != f; si++)
		;
	if (si == col->nsegs || !col->segs[si].n)
		return col->n ? col->n - 1 : 0;
	chunk = chunk_of(col, si, cell);
	if (load_chunk(col, si, chunk))
		return 0;
	at = chunk * COL_CHUNK;
	n = col->segs[si].n - at < COL_CHUNK ? col->segs[si].n - at : COL_CHUNK;
	for (k = 0; k + 1 < n && col->lines[k + 1].a <= cell; k++)
		;
	return col->segs[si].first + at + k;
}
