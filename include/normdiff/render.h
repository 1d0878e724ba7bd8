/* render.h - writers that turn computed structures into text for people
 * (terminal text) and for scripts (JSON).
 *
 * Renderers only compute: they append to a caller-owned nd_buf and never
 * touch a file, a terminal or the environment; src/cli decides where the
 * bytes go. Every piece of draft text passes through an escaper: control
 * characters and bidi overrides never reach a terminal raw, and JSON
 * strings are always valid JSON.
 */
#ifndef NORMDIFF_RENDER_H
#define NORMDIFF_RENDER_H

#include <stddef.h>

#include "normdiff/buf.h"
#include "normdiff/clause.h"

/* What is known of a version besides its text (all fields may be NULL). */
typedef struct nd_docinfo {
	const char *spec;   /* what the user typed: file, label, REV:PATH, - */
	const char *label;  /* store label, e.g. "2011" */
	const char *title;  /* document title */
	const char *symbol; /* document symbol, e.g. "A/66/359" */
	const char *date;   /* YYYY-MM-DD */
} nd_docinfo;

/* The outline as an indented tree: source line, label, first words.
 * `width` is the line width to fit (0 for no limit). */
int nd_render_outline_text(nd_buf *out, const nd_doc *doc,
                           const nd_docinfo *info, unsigned width);

/* The whole tree with full texts, as documented in docs/json-format.md. */
int nd_render_outline_json(nd_buf *out, const nd_doc *doc,
                           const nd_grammar *g, const nd_docinfo *info);

/* Append `s` as a JSON string literal (quotes included). Invalid UTF-8
 * bytes become U+FFFD. Besides what JSON requires, C1 controls, DEL and
 * bidi overrides are escaped (so JSON printed on a terminal is inert), and
 * U+2028/2029 (so it can be embedded in JavaScript). */
int nd_json_string(nd_buf *out, const char *s, size_t len);

/* Append `s` as a JSON string, or null when s is NULL. */
int nd_json_cstr(nd_buf *out, const char *s);

/* Append what is known of a version as a JSON object with the keys spec,
 * label, title, symbol and date (null where unknown; info may be NULL). */
int nd_json_docinfo(nd_buf *out, const nd_docinfo *info);

#endif
