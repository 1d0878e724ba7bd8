/* walk.h - reading a change set as reports and the UI show it: which
 * provision anchors a change, the labels and heading paths that name it,
 * and its word edits walked piece by piece, cut at its provisions.
 *
 * Everything here computes on the change set and its documents alone and
 * writes raw draft text (labels, heading paths): whoever shows it escapes
 * it for its own medium. Nothing keeps a pointer past the call.
 */
#ifndef NORMDIFF_WALK_H
#define NORMDIFF_WALK_H

#include <stddef.h>

#include "normdiff/buf.h"
#include "normdiff/changeset.h"
#include "normdiff/clause.h"
#include "normdiff/worddiff.h"

/* The anchor of a change: its first new provision, or its first old one
 * when it has none. *doc gets the document, the index is returned. */
size_t nd_anchor(const nd_changeset *cs, const nd_change *c,
                 const nd_doc **doc);

/* The flags of a record as counted in the summary, in the order moved,
 * renumbered, editorial, xref_only, layout. */
#define ND_NFLAGS 5
void nd_flag_counts(const nd_summary *s, size_t out[ND_NFLAGS]);

/* Labels of provisions idx[0..n) joined by " + ", nested items with their
 * parent items' labels ("(7)(a)"); an empty label (title,
 * opening) is written as its kind in brackets: "[title]". */
int nd_labels(nd_buf *out, const nd_doc *d, const size_t *idx, size_t n);

/* "(b) → (2) + (3)": the old labels, an arrow and the new ones; one side
 * only when the other is empty or the labels are the same. */
int nd_label_pair(nd_buf *out, const nd_changeset *cs, const nd_change *c);

/* The headings above provision i, from the top, joined by " › " (i itself
 * too when `self` and it is a heading); a heading is its label, then its
 * title after a marker ("Article 5 Purpose"). Empty at the top level. */
int nd_context(nd_buf *out, const nd_doc *d, size_t i, int self);

/* The provision just before provision i among its siblings (the same
 * parent), or ND_NO_PARENT when it is the first: the place a provision
 * is said to stand at, "after PP3". */
size_t nd_prev_sibling(const nd_doc *d, size_t i);

/* 1 for an unchanged provision shown as one line or in a list rather
 * than as a change of its own. */
int nd_is_quiet(const nd_change *c);

/* Receives the redline of a change piece by piece. `part` is the index of
 * the new provision the piece belongs to (always 0 unless the change has
 * several new provisions and its edits line up with their texts). */
typedef int (*nd_piece_fn)(void *ud, size_t part, nd_op_kind kind,
                           const char *s, size_t len);

/* Walk the word edits of change c in order, cut at the boundaries of its
 * new provisions (a split shows each part on its own). Returns how many
 * parts there are in *nparts. A change without edits shows its texts:
 * added as inserted, removed as deleted, others as equal. With fn NULL
 * only *nparts is found. */
int nd_redline(const nd_changeset *cs, const nd_change *c, size_t *nparts,
               nd_piece_fn fn, void *ud);

/* The same, cut at the old provisions when `old` is set: a merge's
 * redline as one piece list per old part, deletions and insertions both
 * (a Word redline keeps the old paragraphs of a merge apart). */
int nd_redline_at(const nd_changeset *cs, const nd_change *c, int old,
                  size_t *nparts, nd_piece_fn fn, void *ud);

/* The same for one side alone, for reports that show the old and the new
 * text side by side: the old text (`old` non-zero: equal and deleted
 * pieces, cut at the old provisions, so a merge shows each of its old
 * parts) or the new one (equal and inserted pieces). `part` indexes that
 * side's provisions; *nparts is 0 for a side without provisions, 1 when
 * the edits do not line up with its texts. */
int nd_side(const nd_changeset *cs, const nd_change *c, int old,
            size_t *nparts, nd_piece_fn fn, void *ud);

#endif
