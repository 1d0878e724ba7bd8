/* history.h - the history of a draft's provisions through a series of
 * versions (`normdiff history`), as text for a terminal, Markdown, JSON
 * (normdiff-history v1, docs/json-format.md) or one HTML page.
 *
 * Two reports: every provision of the newest version (when it first
 * appeared and under which label, the versions whose step changed its
 * text and how, its labels through time) and the provisions removed on
 * the way; or one provision through every version: its text in each, the
 * word edits between consecutive versions, the records it took part in
 * (splits, merges, renumbering), and a word blame (the version that
 * brought each word of its newest text).
 *
 * Ownership: nothing is kept past the call.
 */
#ifndef NORMDIFF_HISTORY_H
#define NORMDIFF_HISTORY_H

#include <stddef.h>

#include "normdiff/buf.h"
#include "normdiff/render.h"
#include "normdiff/series.h"

typedef struct nd_history_opts {
	const nd_docinfo *infos; /* what is known of each version, oldest
	                            first, or NULL */
	size_t provision;        /* a provision of the newest version to
	                            follow alone, or ND_NONE for all */
	int color;               /* text: ANSI colours */
	unsigned width;          /* text: wrap at this many columns (0: never) */
} nd_history_opts;

/* Append the history of series s in `format` ("text", "markdown",
 * "json", "html"; NULL: "text"). ND_EINVAL naming the formats for an
 * unknown one, or for a provision the newest version does not have. On
 * failure out is as it was. */
int nd_render_history(nd_buf *out, const nd_series *s, const char *format,
                      const nd_history_opts *o);

/* "text, markdown, json, html" */
const char *nd_history_formats(void);

/* The provision of document d that `name` names: a label ("(2)", "PP3"),
 * a label with its parent items' ("(7)(a)"), or a heading path as JSON
 * writes it, joined by "/" ("Code of conduct/(2)"); ND_NONE when none
 * does, ND_NONE with *ambiguous set when several do. */
size_t nd_find_provision(const nd_doc *d, const char *name, int *ambiguous);

#endif
