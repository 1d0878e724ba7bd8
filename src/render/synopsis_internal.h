/* synopsis_internal.h - what the synopsis formats share (synopsis.c):
 * the table being written, its cells, spans and edits.
 *
 * Everything here returns raw draft text: each format escapes it for its
 * own medium before it reaches the output.
 */
#ifndef NORMDIFF_SYNOPSIS_INTERNAL_H
#define NORMDIFF_SYNOPSIS_INTERNAL_H

#include <stddef.h>

#include "normdiff/synopsis.h"
#include "normdiff/worddiff.h"

/* How a cell reads against its baseline. */
enum {
	SYN_OWN,     /* it is its own baseline: no edits, its text as is */
	SYN_SAME,    /* the same text as its baseline cell */
	SYN_CHANGED, /* edits against its baseline cell */
	SYN_NEW      /* its baseline cell is empty: one insertion */
};

typedef struct syn {
	nd_buf *out;                /* where the synopsis is appended */
	const nd_series *s;         /* the series */
	const nd_rows *rows;        /* its rows */
	const nd_synopsis_opts *o;  /* how (never NULL) */
	size_t nrow, nver;          /* rows, versions */
	size_t *span;               /* nrow * nver: rows a cell covers at the
	                               first of them, 0 where it continues
	                               (and for empty cells) */
	nd_wdiff diff;              /* the edits of the cell last asked for */
	nd_op one;                  /* ... or its one op */
	const nd_op *ops;           /* the ops of that cell */
	size_t nops;                /* how many */
	nd_buf base;                /* the baseline text of that cell */
	nd_buf tmp, esc, lbl;       /* scratch for the formats */
} syn;

/* The provision in row r, version v, or ND_NONE. */
size_t syn_cell(const syn *t, size_t r, size_t v);

/* 1 if cell (r, v) continues the cell of the row above (a span). */
int syn_continued(const syn *t, size_t r, size_t v);

/* The body of provision i of version v. */
void syn_body(const syn *t, size_t v, size_t i, const char **s, size_t *len);

/* The version column v is compared with, or ND_NONE when its cells are
 * their own baseline. */
size_t syn_base(const syn *t, size_t v);

/* The edits of the non-empty cell (r, v) against its baseline: the same
 * row's cell in the baseline column, or for a cell spanning rows the
 * distinct cells of those rows there, their texts joined by a space (a
 * merge against the provisions merged). A continued cell has the edits of
 * the first row of its span. Sets
 * t->ops, t->nops (valid until the next call) and returns one of SYN_*,
 * or a negative ND_E* code. */
int syn_edits(syn *t, size_t r, size_t v);

/* The spaces at the edges of an edit, which go outside its marks so that
 * "notices.[- Redistributions-]" reads "notices. [-Redistributions-]";
 * an edit of spaces alone keeps them inside. */
void syn_edges(const nd_op *op, size_t *lead, size_t *trail);

/* 1 if cell (r, v) has the same label as its baseline cell. */
int syn_same_label(const syn *t, size_t r, size_t v);

/* Append the label of provision i of version v as the reports show it
 * (nested items with their parents' labels, "[title]"), or nothing for an
 * unmarked heading, whose label is its text. */
int syn_label(nd_buf *out, const syn *t, size_t v, size_t i);

/* Append the name of version v: nd_report_version of its docinfo. */
int syn_version(nd_buf *out, const syn *t, size_t v);

/* The docinfo of version v, or NULL. */
const nd_docinfo *syn_info(const syn *t, size_t v);

/* Append "edits against the previous version" or "edits against v2
 * (2011)": what the cells' edits are against, raw. */
int syn_baseline_words(nd_buf *out, const syn *t);

/* The formats. */
int syn_text(syn *t);
int syn_html(syn *t);
int syn_markdown(syn *t);
int syn_csv(syn *t);
int syn_json(syn *t);

#endif
