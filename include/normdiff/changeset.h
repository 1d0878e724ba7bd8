/* changeset.h - the alignment of two versions of a draft: the one model
 * every report, the terminal UI and the exit status read.
 *
 * nd_changeset_compute() aligns the provisions of two parsed documents by
 * content, never by number, and records one nd_change per aligned group,
 * in document order (the new document's order, with a removed provision
 * right after the new counterpart of its nearest old predecessor that kept
 * its place). Every provision of either document
 * is in exactly one change. Inside each change, `ops` are the word-level
 * edits from the old text to the new one (for a split or merge, against the
 * counterparts' texts joined by a space).
 *
 * Ownership: the change set is owned by the caller and freed with
 * nd_changeset_free() (NULL-safe). It points into both documents, which
 * must outlive it.
 */
#ifndef NORMDIFF_CHANGESET_H
#define NORMDIFF_CHANGESET_H

#include <stddef.h>

#include "normdiff/clause.h"
#include "normdiff/worddiff.h"

typedef enum nd_change_kind {
	ND_CHANGE_UNCHANGED, /* same text (possibly moved or renumbered) */
	ND_CHANGE_MODIFIED,  /* one provision reworded */
	ND_CHANGE_ADDED,     /* only in the new version */
	ND_CHANGE_REMOVED,   /* only in the old version */
	ND_CHANGE_SPLIT,     /* one old provision became several new ones */
	ND_CHANGE_MERGED     /* several old provisions became one new one */
} nd_change_kind;

#define ND_CHANGE_KINDS 6

typedef struct nd_change {
	nd_change_kind kind; /* what happened to the provision(s) */
	int moved;           /* its order relative to its neighbours changed */
	int renumbered;      /* its label changed */
	int editorial;       /* modified only in case, punctuation or spacing */
	int xref_only;       /* modified only in cross-references whose numbers
	                        follow the renumbering ("paragraph 12" became
	                        "paragraph 14" as 12. became 14.) */
	int layout;          /* split or merged without a word changed: only
	                        the division into provisions changed ("1.
	                        DEFINITIONS" and its body became one run-in
	                        provision); no change for the exit status */
	double similarity;   /* 0..1; 1 for unchanged, 0 for added/removed */
	size_t changed_within; /* records inside its provision(s) (their
	                        descendants, on either side) that are changes:
	                        a section whose own words are unchanged but
	                        whose items changed says so */
	size_t *old;         /* indices of old clauses (0, 1 or more) */
	size_t nold;         /* how many */
	size_t *new;         /* indices of new clauses (0, 1 or more) */
	size_t nnew;         /* how many */
	nd_wdiff diff;       /* word edits old -> new */
	char *old_joined;    /* split/merge: old texts joined, owned; else NULL */
	char *new_joined;    /* split/merge: new texts joined, owned; else NULL */
} nd_change;

typedef struct nd_summary {
	size_t count[ND_CHANGE_KINDS]; /* changes of each kind */
	size_t moved;                  /* changes flagged moved */
	size_t renumbered;             /* changes flagged renumbered */
	size_t editorial;              /* changes flagged editorial */
	size_t xref_only;              /* changes flagged xref_only */
	size_t layout;                 /* changes flagged layout */
} nd_summary;

/* Where nd_changeset_compute's time went: wall-clock seconds per pass,
 * in the order the passes first ran (a pass that runs twice is summed). */
#define ND_TIMINGS_MAX 16
typedef struct nd_timings {
	size_t n;
	struct {
		const char *pass; /* "exact", "similar", ... (static) */
		double seconds;
	} row[ND_TIMINGS_MAX];
} nd_timings;

/* Tunables, all with documented defaults (see docs/alignment.md). */
typedef struct nd_align_opts {
	double threshold;       /* least similarity to pair two provisions (0.5) */
	double split_share;     /* least share of a part's words taken from the
	                           whole for a split or merge (0.3) */
	size_t max_candidates;  /* candidates scored per provision (16) */
	size_t max_posting;     /* words in more provisions than this are not
	                           used to find candidates (256) */
	size_t max_cost;        /* word diff cost cap (ND_WDIFF_MAX_COST) */
	int ignore_case;        /* case-only edits count as unchanged */
	int ignore_punct;       /* punctuation-only edits count as unchanged */
	nd_timings *timings;    /* when set, each pass's time is added here; not
	                           a tunable (no result depends on it) */
} nd_align_opts;

void nd_align_opts_init(nd_align_opts *o);

/* Count change c into s: its kind and each of its flags. */
void nd_summary_count(nd_summary *s, const nd_change *c);

/* Progress: called with a phase name ("aligning", "diffing"), work done
 * and total; may be NULL. */
typedef void (*nd_progress_fn)(void *ud, const char *phase, size_t done,
                               size_t total);

typedef struct nd_changeset {
	const nd_doc *old;   /* the old document (not owned) */
	const nd_doc *new;   /* the new document (not owned) */
	nd_change *changes;  /* in document order */
	size_t n;            /* number of changes */
	nd_summary summary;  /* counts */
	char **notes;        /* caps reached, one sentence each, owned */
	size_t nnotes;       /* number of notes */
} nd_changeset;

/* Compute the word signatures that aligning d needs, once: each
 * nd_changeset_compute with d then uses them instead of computing its own,
 * with the same result. For a version compared more than once (a series),
 * or on another thread while the other version is parsed. They stay until
 * nd_doc_unindex or nd_doc_free. 0 or ND_ENOMEM. */
int nd_doc_index(nd_doc *d);
/* The same, for an alignment against `against` first of all: the words of
 * the provisions whose text it lacks, which that alignment reads, are kept
 * from the one pass over d instead of read again. Any other alignment of
 * d gives the same result. */
int nd_doc_index_against(nd_doc *d, const nd_doc *against);
void nd_doc_unindex(nd_doc *d);

int nd_changeset_compute(nd_changeset **out, const nd_doc *old,
                         const nd_doc *new, const nd_align_opts *opts,
                         nd_progress_fn progress, void *ud);

void nd_changeset_free(nd_changeset *cs);

/* "unchanged", "modified", "added", "removed", "split", "merged". */
const char *nd_change_kind_name(nd_change_kind k);

#endif
