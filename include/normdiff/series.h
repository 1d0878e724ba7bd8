/* series.h - a draft through many versions: the change sets of
 * consecutive versions chained into the lineage of each provision, the
 * rows of a synopsis (one per strand of provisions, one cell per
 * version) and a word-level blame.
 *
 * Versions are indexed 0 (oldest) to n-1 (newest); change set k compares
 * version k with version k+1. A provision is (version, clause index).
 * Going back from a provision, its ancestors in an older version are the
 * old provisions of the records that lead to it (several after a merge,
 * shared with siblings after a split); going forward, its descendants.
 *
 * Ownership: nd_series_new() copies nothing: the documents and change
 * sets must outlive the series. Lineages and rows are caller-owned
 * (init by the function that fills them, dispose to free).
 */
#ifndef NORMDIFF_SERIES_H
#define NORMDIFF_SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "normdiff/changeset.h"
#include "normdiff/clause.h"

#define ND_NONE ((size_t)-1)

typedef struct nd_series nd_series;

/* docs[0..n) oldest first, cs[0..n-1) with cs[k] comparing docs[k] with
 * docs[k+1]; n >= 1. ND_EINVAL when a change set is not of those two
 * documents. */
int nd_series_new(nd_series **out, const nd_doc *const *docs,
                  const nd_changeset *const *cs, size_t n);
void nd_series_free(nd_series *s);

size_t nd_series_count(const nd_series *s);
const nd_doc *nd_series_doc(const nd_series *s, size_t v);
/* Change set v-1 -> v, for 1 <= v < n. */
const nd_changeset *nd_series_changes(const nd_series *s, size_t v);

/* The record of change set v-1 that holds provision i of version v as a
 * new provision (v >= 1), or of change set v that holds it as an old one
 * (v + 1 < n); NULL out of range. */
const nd_change *nd_series_into(const nd_series *s, size_t v, size_t i);
const nd_change *nd_series_out_of(const nd_series *s, size_t v, size_t i);

/* One provision followed through every version. */
typedef struct nd_lineage {
	size_t nver;        /* versions in the series */
	size_t version;     /* the version it was read in */
	size_t clause;      /* its index there */
	size_t introduced;  /* first version with an ancestor (or itself) */
	size_t removed;     /* first later version without a descendant, or
	                       ND_NONE if it reaches the newest */
	size_t **states;    /* per version: its ancestors (before `version`),
	                       itself, its descendants (after), in document
	                       order; nstates[v] == 0 where it does not exist */
	size_t *nstates;
	/* per version v >= 1 where it exists: the step into v, the worst kind
	 * of the records of change set v-1 that hold its provisions there
	 * (added, split, merged, modified before unchanged); step[0] and steps
	 * where it does not exist are ND_STEP_NONE, except that the version
	 * that removed it has ND_CHANGE_REMOVED */
	int *step;
	int *moved;         /* per version: one of those records moved */
	int *renumbered;    /* per version: one of them renumbered */
} nd_lineage;

#define ND_STEP_NONE (-1)

int nd_lineage_get(nd_lineage *out, const nd_series *s, size_t v, size_t i);
void nd_lineage_dispose(nd_lineage *l);

/* Did the text change in the step into version v (a record that is not
 * unchanged, other than the one that added it)? */
int nd_lineage_changed(const nd_lineage *l, size_t v);

/* The rows of a synopsis: strands of provisions, one cell per version,
 * ND_NONE where the strand does not exist. A split makes one strand into
 * several (their older cells are the same provision), a merge makes
 * several strands share a cell. Rows are in the order of the newest
 * version, a provision removed on the way at its old place (after the
 * provision it followed when it was removed). */
typedef struct nd_rows {
	size_t n;      /* rows */
	size_t nver;   /* versions, the width of a row */
	size_t *cells; /* n * nver: cells[r * nver + v] */
} nd_rows;

int nd_series_rows(nd_rows *out, const nd_series *s);
void nd_rows_dispose(nd_rows *r);

/* The version that brought each byte of provision i's body in version v
 * (the newest version from which it is an equal part of the text all the
 * way to v): a malloc'ed array of body_len entries, or NULL when the body
 * is empty. Merged texts blame each part through its own ancestors. */
int nd_series_blame(const nd_series *s, size_t v, size_t i,
                    uint16_t **out);

#endif
