/* synopsis.h - the comparison table of a series of versions (a tableau
 * comparatif): one row per strand of provisions (nd_series_rows), one
 * column per version, each cell a provision's label and text with its
 * word edits against a baseline cell of the same row.
 *
 * Cells: a row's cell in version v is the provision the strand has there,
 * or nothing. Consecutive rows whose cells in a column are the same
 * provision (the older cells of a split, the newer cell of a merge) make
 * one cell spanning those rows: its first row holds it, the others
 * continue it. A cell's edits turn the text of its baseline cell (the
 * same row's cell in the previous column, or in the version the options
 * name; for a cell spanning rows, the distinct cells of those rows there,
 * their texts joined by a space) into its own text: a cell that is its
 * own baseline (the first column by default, the baseline column itself)
 * has no edits, and a cell whose baseline cells are empty is one
 * insertion.
 *
 * Formats: "text" (a terminal), "markdown" (a pipe table), "csv" (RFC
 * 4180), "json" (normdiff-synopsis v1, docs/json-format.md), "html" (one
 * self-contained page). Each is documented in its file and in
 * docs/guide.md. Renderers only compute: they append to a caller-owned
 * nd_buf, and every piece of draft text goes through the escaper of its
 * medium, as render.h's reports do.
 *
 * Ownership: nothing here keeps a pointer past the call.
 */
#ifndef NORMDIFF_SYNOPSIS_H
#define NORMDIFF_SYNOPSIS_H

#include <stddef.h>

#include "normdiff/buf.h"
#include "normdiff/render.h"
#include "normdiff/series.h"

/* How a synopsis is written. All zeros but baseline = ND_NONE are the
 * defaults: edits against the previous column, no colour, no wrapping. */
typedef struct nd_synopsis_opts {
	const nd_docinfo *infos; /* one per version, oldest first, or NULL */
	size_t baseline;         /* the version every cell is compared with,
	                            or ND_NONE for the previous column */
	int color;               /* text: ANSI colours instead of [-..-]{+..+} */
	unsigned width;          /* text: wrap at this many columns (0: never) */
} nd_synopsis_opts;

/* Set `o` to the defaults. */
void nd_synopsis_opts_init(nd_synopsis_opts *o);

/* 1 if `name` is a synopsis format. */
int nd_synopsis_format_known(const char *name);

/* The names of the formats, the default first: "text, markdown, csv, json,
 * html". */
const char *nd_synopsis_formats(void);

/* Append the synopsis of series `s`, whose rows are `rows`
 * (nd_series_rows of s), in `format` (NULL: "text") to out; `o` may be
 * NULL for the defaults. ND_EINVAL for an unknown format, a baseline
 * outside the series or rows of another series. On failure out is as it
 * was. */
int nd_render_synopsis(nd_buf *out, const nd_series *s, const nd_rows *rows,
                       const char *format, const nd_synopsis_opts *o);

#endif
