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

/* The anchor of a change: its first new provision, or its first old one
 * when it has none. *doc gets the document, the index is returned. */
size_t rpt_anchor(const nd_changeset *cs, const nd_change *c,
                  const nd_doc **doc);

/* The flags of a record as counted in the summary: their JSON keys, their
 * words for people, and their counts. */
#define RPT_NFLAGS 5
extern const char *const rpt_flag_keys[RPT_NFLAGS];
extern const char *const rpt_flag_words[RPT_NFLAGS];
void rpt_flag_counts(const nd_summary *s, size_t out[RPT_NFLAGS]);

/* A version as a reader names it, raw (not escaped): "2011 (A/66/359,
 * 2011-09-14)"; the label, else the spec, else "(unknown)". */
int rpt_version(nd_buf *out, const nd_docinfo *info);

/* Labels of provisions idx[0..n) joined by " + ", nested items with their
 * parent items' labels ("(7)(a)"); an empty label (title,
 * opening) is written as its kind in brackets: "[title]". */
int rpt_labels(nd_buf *out, const nd_doc *d, const size_t *idx, size_t n);

/* "(b) → (2) + (3)": the old labels, an arrow and the new ones; one side
 * only when the other is empty or the labels are the same. */
int rpt_label_pair(nd_buf *out, const nd_changeset *cs, const nd_change *c);

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

/* The changed_within of the innermost heading rpt_context(d, i, self)
 * names (the last one on the line), 0 when it names none: "== Code of
 * conduct · 13 changes within" whether or not the heading's own record
 * is shown (--changed-only). `d` is cs->old or cs->new. */
size_t rpt_context_within(const rpt_owners *o, const nd_changeset *cs,
                          const nd_doc *d, size_t i, int self);

/* A heading as a reader knows it: its label, then its title after a
 * marker ("Article 5 Purpose"); the label alone when unmarked. */
int rpt_heading_name(nd_buf *out, const nd_doc *d, size_t i);

/* The headings above provision i, from the top, joined by " › " (i itself
 * too when `self` and it is a heading). Empty at the top level. */
int rpt_context(nd_buf *out, const nd_doc *d, size_t i, int self);

/* 1 if a and b hold the same bytes. */
int rpt_same(const nd_buf *a, const nd_buf *b);

/* 1 for an unchanged provision shown as one line or in a list rather
 * than as a change of its own. */
int rpt_is_quiet(const nd_change *c);

/* Receives the redline of a change piece by piece. `part` is the index of
 * the new provision the piece belongs to (always 0 unless the change has
 * several new provisions and its edits line up with their texts). */
typedef int (*rpt_piece_fn)(void *ud, size_t part, nd_op_kind kind,
                            const char *s, size_t len);

/* Walk the word edits of change c in order, cut at the boundaries of its
 * new provisions (a split shows each part on its own). Returns how many
 * parts there are in *nparts. A change without edits shows its texts:
 * added as inserted, removed as deleted, others as equal. With fn NULL
 * only *nparts is found. */
int rpt_redline(const nd_changeset *cs, const nd_change *c, size_t *nparts,
                rpt_piece_fn fn, void *ud);

/* The same for one side alone, for reports that show the old and the new
 * text side by side: the old text (`old` non-zero: equal and deleted
 * pieces, cut at the old provisions, so a merge shows each of its old
 * parts) or the new one (equal and inserted pieces). `part` indexes that
 * side's provisions; *nparts is 0 for a side without provisions, 1 when
 * the edits do not line up with its texts. */
int rpt_side(const nd_changeset *cs, const nd_change *c, int old,
             size_t *nparts, rpt_piece_fn fn, void *ud);

/* Terminal columns of code point cp: 0 for combining marks and zero-width
 * characters, 2 for East Asian wide and fullwidth ones, 1 otherwise. */
unsigned rpt_cp_width(uint32_t cp);

/* Terminal columns of s[0..len) (invalid bytes count one each). */
size_t rpt_width(const char *s, size_t len);

#endif
