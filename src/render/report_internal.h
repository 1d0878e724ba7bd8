/* report_internal.h - helpers shared by the report formats (report.c).
 *
 * Everything here returns raw draft text (labels, heading paths): each
 * format escapes it for its own medium before it reaches the output.
 */
#ifndef NORMDIFF_REPORT_INTERNAL_H
#define NORMDIFF_REPORT_INTERNAL_H

#include <stddef.h>

#include "normdiff/buf.h"
#include "normdiff/changeset.h"
#include "normdiff/render.h"
#include "normdiff/walk.h"

/* The JSON keys of the flags counted in the summary (nd_flag_counts). */
extern const char *const rpt_flag_keys[ND_NFLAGS];

/* Which record holds each provision of both documents, so a heading
 * named on a context line finds its record: owners.old[i] is the index
 * of the change holding old provision i, RPT_NO_RECORD for none (a
 * hand-built change set may leave gaps). Built once per report, O(n). */
#define RPT_NO_RECORD ((size_t)-1)
typedef struct rpt_owners {
	size_t *old; /* old provision -> change index */
	size_t *new; /* new provision -> change index */
} rpt_owners;

int rpt_owners_init(rpt_owners *o, const nd_changeset *cs);
void rpt_owners_dispose(rpt_owners *o); /* frees both maps; safe twice */

/* The changed_within of the innermost heading nd_context(d, i, self)
 * names (the last one on the line), 0 when it names none: "== Code of
 * conduct · 13 changes within" whether or not the heading's own record
 * is shown (--changed-only). `d` is cs->old or cs->new. */
size_t rpt_context_within(const rpt_owners *o, const nd_changeset *cs,
                          const nd_doc *d, size_t i, int self);

/* What the changes a report shows hold, for its size estimate: quiet
 * ones (nd_is_quiet) and the rest apart. `text` counts headings and
 * bodies of both sides, `ops` the bytes of the word edits. */
typedef struct rpt_sizes {
	size_t changes, clauses, text, nops, ops;
} rpt_sizes;

void rpt_sizes_of(const nd_report *r, rpt_sizes *loud, rpt_sizes *quiet);

/* 1 if a and b hold the same bytes. */
int rpt_same(const nd_buf *a, const nd_buf *b);

/* Append escaped text s[0..len) and a newline, cut with "…" to fit
 * `width` columns (0: never cut). */
int rpt_cut_line(nd_buf *out, const char *s, size_t len, unsigned width);

/* Terminal columns of s[0..len) (invalid bytes count one each). */
size_t rpt_width(const char *s, size_t len);

/* "3 modified, 1 added, 40 unchanged; 2 moved": the summary in words,
 * `glue` between each number and its word (a space, or the text
 * report's unbreakable one). */
int rpt_summary_words(nd_buf *out, const nd_summary *s, const char *glue);

/* ---- the Word redline's package (report_docx_zip.c) ---- */

typedef struct rpt_zip_member {
	const char *name; /* its path in the zip */
	const char *data; /* its bytes, the caller's */
	size_t len;       /* ... and length */
} rpt_zip_member;

/* Append a zip of members m[0..n), deflated and stamped with the date
 * `now` ("2026-12-02T07:30:00Z", or NULL for 1980-01-01). */
int rpt_zip(nd_buf *out, const rpt_zip_member *m, size_t n, const char *now);

/* ---- escaping (escape.c) ---- */

/* Append s[0..len) as HTML text, safe in content and in quoted attributes
 * alike: the five markup characters as entities, other characters that
 * cannot be shown as their visible form (nd_utf8_visible), with `markup`
 * in a <span class="cc"> so a literal "^[" in a draft is not taken for
 * one, without it (a <title>) as plain text. */
int rpt_html_escape(nd_buf *out, const char *s, size_t len, int markup);

/* The start of every page normdiff writes, up to and including <title>:
 * doctype, language, charset, viewport, a Content-Security-Policy that
 * loads nothing (and runs inline scripts only with `script`), and the
 * generator. */
int rpt_html_open(nd_buf *out, int script);

/* Append draft text raw[0..len) to out as inert Markdown, through the
 * scratch buffer e. *line_start is set when the text begins a line (so a
 * leading "1." or "-" is escaped); it is cleared once something is
 * written. */
int rpt_md_text(nd_buf *out, nd_buf *e, const char *raw, size_t len,
                int *line_start);

/* ---- words wrapped for the terminal (wrap.c) ---- */

/* Styles of the text formats; with colour they are SGR codes. */
enum { ST_PLAIN, ST_DEL, ST_INS, ST_BOLD, ST_N };
#define GLUE "\x06" /* a space that does not break, in fed text */

typedef struct rpt_wrap {
	nd_buf *out;     /* where lines go */
	unsigned width;  /* columns per line, 0 for no limit */
	int color;       /* styles as SGR codes (else ignored) */
	int collapse;    /* a run of spaces is one separator */
	size_t indent;   /* columns of indent on continuation lines */
	size_t col;      /* columns used on the current line */
	int words;       /* words (or a breakable prefix) on the line */
	int cur;         /* style in effect on the terminal */
	int style;       /* style of the text being fed */
	nd_buf word;     /* the word being gathered, with style bytes */
	size_t wordw;    /* its columns */
	int word_style;  /* the style it starts in */
	size_t nsep;     /* spaces before it */
	int sep_style;   /* their style */
	int brk;         /* a line may break before the next character */
	int nobreak;     /* ... or may not (just after an opening marker) */
	int edge;        /* the style of an edit just fed, nothing after it
	                    yet (ST_PLAIN otherwise): colour's boundary */
	int err;         /* first error */
} rpt_wrap;

/* Begin a line whose first `col` columns the caller has written; `lead`
 * says they end in something a word may be pushed away from (a label).
 * `collapse`: a run of spaces is one separator. */
void wrap_start(rpt_wrap *w, nd_buf *out, unsigned width, int color,
                int collapse, size_t col, size_t indent, int lead);
/* Feed escaped text; the same from a C string. */
void wrap_feed(rpt_wrap *w, const char *s, size_t len);
void wrap_feeds(rpt_wrap *w, const char *s);
/* The style of what is fed next. */
void wrap_style(rpt_wrap *w, int s);
/* An edit marker, opening or closing the text it marks. */
void wrap_mark(rpt_wrap *w, const char *m, int open);
/* An edit of escaped text, marked or coloured (EQUAL: fed as is). */
void wrap_edit(rpt_wrap *w, nd_op_kind kind, const char *s, size_t len);
/* End the line; the first error of the line's calls. */
int wrap_end(rpt_wrap *w);
void wrap_dispose(rpt_wrap *w);
/* An edit as the HTML report marks it: <del> or <ins> around the escaped
 * text, words for screen readers inside, spaces at its edges outside. */
int rpt_html_edit(nd_buf *out, nd_op_kind kind, const char *s, size_t len);

#endif
