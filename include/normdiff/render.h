/* render.h - writers that turn computed structures into text for people
 * (terminal text, Markdown, an HTML page) and for scripts (JSON).
 *
 * Renderers only compute: they append to a caller-owned nd_buf and never
 * touch a file, a terminal or the environment; src/cli decides where the
 * bytes go. Every piece of draft text passes through an escaper: control
 * characters and bidi overrides never reach a terminal raw, Markdown and
 * HTML never read draft text as markup, and JSON strings are always valid
 * JSON.
 *
 * Reports over a change set are formats: tables of callbacks
 * (nd_report_format) that nd_render_report() drives over one change set.
 * Adding a format is adding one file and one line to the registry.
 *
 * Ownership: nothing here keeps a pointer past the call; the change set,
 * the documents it points into and the options stay the caller's.
 */
#ifndef NORMDIFF_RENDER_H
#define NORMDIFF_RENDER_H

#include <stddef.h>
#include <stdint.h>

#include "normdiff/buf.h"
#include "normdiff/changeset.h"
#include "normdiff/clause.h"
#include "normdiff/pagemap.h"
#include "normdiff/walk.h"

/* What is known of a version besides its text (all fields may be NULL).
 * The JSON writers show spec, label, title, symbol and date; the HTML
 * report shows every field. With a page map, the reports, the outline and
 * the UI show by each provision the pages it stands on. */
typedef struct nd_docinfo {
	const char *spec;     /* what the user typed: file, label, REV:PATH, - */
	const char *label;    /* store label, e.g. "2011" */
	const char *title;    /* document title */
	const char *symbol;   /* document symbol, e.g. "A/66/359" */
	const char *date;     /* YYYY-MM-DD */
	const char *sponsors; /* sponsoring States or authors, free text */
	const nd_pagemap *pages; /* the page of each source line of its text
	                            (read from a PDF), NULL when unknown */
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

/* Append the path of clause i as a JSON array of labels, from the top level
 * down to the clause itself ("[\"Code of conduct\", \"¶1\", \"(b)\"]"). */
int nd_json_path(nd_buf *out, const nd_doc *d, size_t i);

/* Append what is known of a version as a JSON object with the keys spec,
 * label, title, symbol and date (null where unknown; info may be NULL). */
int nd_json_docinfo(nd_buf *out, const nd_docinfo *info);

/* ---- reports over a change set ---- */

/* How a report is written. All zeros is a valid choice: no metadata, no
 * colour, no wrapping, every change, the whole report. */
typedef struct nd_report_opts {
	const nd_docinfo *old_info; /* what is known of the old version, or NULL */
	const nd_docinfo *new_info; /* what is known of the new version, or NULL */
	int color;                  /* text: ANSI colours instead of [-..-]{+..+} */
	unsigned width;             /* text: wrap at this many columns (0: never) */
	int changed_only;           /* leave out unchanged provisions that did
	                               not move (the summary stays complete) */
	int stat_only;              /* only the header, the summary and notes */
	const char *now;            /* docx: the date of its tracked changes,
	                               "2026-12-02T07:30:00Z", or NULL for none */
} nd_report_opts;

/* What every callback of a format sees. */
typedef struct nd_report {
	nd_buf *out;             /* where the report is appended */
	const nd_changeset *cs;  /* what it reports */
	const nd_report_opts *o; /* how (never NULL) */
	void *state;             /* the format's own state_size bytes, zeroed */
} nd_report;

/* One report format. nd_render_report() calls begin once, change once for
 * every change the options show (nd_report_shows), in document order, and
 * end once; then dispose, when not NULL, whatever happened before. */
typedef struct nd_report_format {
	const char *name;        /* as given to --format: "text" */
	const char *description; /* one line for help texts */
	size_t state_size;       /* bytes of per-report state to allocate */
	int (*begin)(nd_report *r);                      /* header, summary */
	int (*change)(nd_report *r, const nd_change *c); /* one change */
	int (*end)(nd_report *r);                        /* notes, closing */
	void (*dispose)(nd_report *r); /* free what state holds; may be NULL */
	int binary;              /* its bytes are not text (a zip): never for a
	                            terminal or a pager */
	/* About how many bytes the report will take, reserved before begin
	 * so a large report is not copied each time its buffer doubles (an
	 * estimate, a little over rather than under); NULL for none. */
	size_t (*estimate)(const nd_report *r);
} nd_report_format;

/* The built-in formats. */
extern const nd_report_format nd_report_text;     /* for people, a terminal */
extern const nd_report_format nd_report_markdown; /* pull requests, CI */
extern const nd_report_format nd_report_json;     /* normdiff-report v1 */
extern const nd_report_format nd_report_html;     /* one self-contained page */
extern const nd_report_format nd_report_docx;     /* a Word redline */

/* The format called `name`, or NULL. */
const nd_report_format *nd_report_format_find(const char *name);

/* The names of all formats, the default first: "text, markdown, json,
 * html, docx". */
const char *nd_report_formats(void);

/* 1 if a report with options `o` (NULL: defaults) shows change `c`: never
 * with stat_only; with changed_only, all but unchanged ones that did not
 * move. */
int nd_report_shows(const nd_report_opts *o, const nd_change *c);

/* Append the name of change `c` as the text report heads it, on one line
 * for a terminal: its labels and what happened ("(b) → (2) + (3) split",
 * "PP4 → PP10 moved, unchanged"), draft text escaped as the text report
 * escapes it. */
int nd_report_change_name(nd_buf *out, const nd_changeset *cs,
                          const nd_change *c);

/* The words of report and screen for what a change set holds, raw draft
 * text and names (not escaped): whoever shows them escapes them. */

/* The flags counted in the summary (nd_flag_counts), in words for people:
 * "moved", ..., "cross-references only", "layout only". */
extern const char *const nd_report_flag_words[ND_NFLAGS];

/* A version as a reader names it, raw (not escaped): "2011 (A/66/359,
 * 2011-09-14)"; the label, else the spec, else "(unknown)". */
int nd_report_version(nd_buf *out, const nd_docinfo *info);

/* "moved, modified (editorial)": what happened, in words. */
int nd_report_kind_words(nd_buf *out, const nd_change *c);

/* Where a moved change was and went, raw (labels are draft text):
 * "from after PP3 to after PP9", "from the start to after (c)" (the
 * provisions before it among its siblings on each side); nothing for a
 * change that did not move. */
int nd_report_move_words(nd_buf *out, const nd_changeset *cs,
                         const nd_change *c);

/* The pages of provisions idx[0..n) of `d` (in document order), by the
 * page map of `info`: the page of the first one's first line to that of
 * the last one's last line. 1 with *first and *last set, or 0 (both 0)
 * when the pages are unknown (no info, no map, n 0). */
int nd_report_page_span(const nd_docinfo *info, const nd_doc *d,
                        const size_t *idx, size_t n, uint32_t *first,
                        uint32_t *last);

/* The same in words: "p. 3", "pp. 3–4"; nothing when unknown. */
int nd_report_pages(nd_buf *out, const nd_docinfo *info, const nd_doc *d,
                    const size_t *idx, size_t n);

/* Where a change stands, as its heading says it: "p. 3 → p. 4" (old
 * side, new side), or one side's words when both sides say the same or
 * only one side's pages are known ("p. 3"); nothing when neither is. */
int nd_report_change_pages(nd_buf *out, const nd_changeset *cs,
                           const nd_change *c, const nd_docinfo *old_info,
                           const nd_docinfo *new_info);

/* "12 changes within", "1 change within": how many change records lie
 * inside a provision (nd_change.changed_within); nothing for 0. */
int nd_report_within_words(nd_buf *out, size_t n);

/* Append the report of `cs` in `format` (NULL: "text") to out. `o` may be
 * NULL for the defaults. Returns ND_EINVAL, naming the formats, for an
 * unknown format, and ND_EINVAL for a change set that refers to provisions
 * its documents do not have. On failure out is as it was. */
int nd_render_report(nd_buf *out, const nd_changeset *cs, const char *format,
                     const nd_report_opts *o);

/* Where a report is handed in pieces as it is written, so that a large
 * one is never held whole: whoever called decides where they go. */
typedef struct nd_report_sink {
	/* Take the n bytes at p (all of out so far); 0, or an error code
	 * (already recorded) that ends the report with that error. */
	int (*take)(void *arg, const char *p, size_t n);
	void *arg;
	size_t at; /* hand out over once it holds this many bytes or more */
} nd_report_sink;

/* As nd_render_report, except that between changes, once out holds
 * sink->at bytes or more, all of out is given to sink->take and out is
 * cleared: what is left in out at the end is the rest of the report,
 * for the caller to hand over. The pieces joined are the bytes
 * nd_render_report would have appended. A binary format (the redline,
 * made whole at the end) is never handed over in pieces. On failure,
 * out is as it was after the last piece taken (as it was before the
 * call, when none was); the pieces taken are the caller's to undo.
 * sink NULL is nd_render_report. */
int nd_render_report_to(nd_buf *out, const nd_changeset *cs,
                        const char *format, const nd_report_opts *o,
                        const nd_report_sink *sink);

#endif
