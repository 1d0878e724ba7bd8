/* report_internal.h - helpers shared by the report formats (report.c).
 *
 * Everything here returns raw draft text (labels, heading paths): each
 * format escapes it for its own medium before it reaches the output.
 */
#ifndef NORMDIFF_REPORT_INTERNAL_H
#define NORMDIFF_REPORT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "normdiff/buf.h"
#include "normdiff/changeset.h"
#include "normdiff/render.h"
#include "normdiff/walk.h"

/* The flags of a record as counted in the summary (nd_flag_counts):
 * their JSON keys and their words for people. */
extern const char *const rpt_flag_keys[ND_NFLAGS];
extern const char *const rpt_flag_words[ND_NFLAGS];

/* A version as a reader names it, raw (not escaped): "2011 (A/66/359,
 * 2011-09-14)"; the label, else the spec, else "(unknown)". */
int rpt_version(nd_buf *out, const nd_docinfo *info);

/* "moved, modified (editorial)": what happened, in words. */
int rpt_kind_words(nd_buf *out, const nd_change *c);

/* "12 changes within", "1 change within": how many change records lie
 * inside a provision (nd_change.changed_within); nothing for 0. */
int rpt_within_words(nd_buf *out, size_t n);

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

/* Terminal columns of code point cp: 0 for combining marks and zero-width
 * characters, 2 for East Asian wide and fullwidth ones, 1 otherwise. */
unsigned rpt_cp_width(uint32_t cp);

/* Terminal columns of s[0..len) (invalid bytes count one each). */
size_t rpt_width(const char *s, size_t len);

#endif
