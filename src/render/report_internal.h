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

/* 1 if a and b hold the same bytes. */
int rpt_same(const nd_buf *a, const nd_buf *b);

/* Terminal columns of s[0..len) (invalid bytes count one each). */
size_t rpt_width(const char *s, size_t len);

/* HTML text (report_html.c): s[0..len) with & < > " ' as entities and
 * controls, bidi marks and bad bytes in their visible forms, set apart in
 * a span with `markup` (content), plain without (a <title>). Safe in
 * content and quoted attributes alike. */
int rpt_html_text(nd_buf *out, const char *s, size_t len, int markup);

/* An edit as the HTML report marks it: <del> or <ins> around the escaped
 * text, words for screen readers inside, spaces at its edges outside. */
int rpt_html_edit(nd_buf *out, nd_op_kind kind, const char *s, size_t len);

#endif
