/* worddiff.h - word-level edits between two texts, read like a redline.
 *
 * The texts are tokenized (tokens.h) and diffed on exact token hashes (Myers'
 * O(ND) algorithm with a cost cap); a semantic clean-up then turns the
 * edit script into one that reads like a redline rather than character
 * soup: small equalities (spaces, punctuation, a lone short word) caught
 * between edits are folded into the edits, adjacent edits of one kind are
 * merged, and deletions come before insertions. When the cap is reached the
 * texts are reported as one deletion and one insertion around their common
 * prefix and suffix, and `capped` is set.
 *
 * Invariants: the EQUAL and DELETE ops, concatenated in order, give the old
 * text byte for byte; the EQUAL and INSERT ops give the new text. An EQUAL
 * op's bytes are identical on both sides.
 *
 * Ownership: nd_wdiff is a caller-owned struct (init/dispose); ops point
 * into the caller's texts, which must outlive it.
 */
#ifndef NORMDIFF_WORDDIFF_H
#define NORMDIFF_WORDDIFF_H

#include <stddef.h>

typedef enum nd_op_kind {
	ND_OP_EQUAL,  /* in both texts */
	ND_OP_DELETE, /* only in the old text */
	ND_OP_INSERT  /* only in the new text */
} nd_op_kind;

typedef struct nd_op {
	nd_op_kind kind;  /* what the op does */
	const char *text; /* its bytes: in the old text for EQUAL and DELETE,
	                     in the new text for INSERT */
	size_t len;       /* their length */
} nd_op;

typedef struct nd_wdiff {
	nd_op *ops;        /* the edit script, in order */
	size_t n;          /* number of ops */
	size_t cap;        /* ops allocated */
	double similarity; /* 2 * equal words / (old words + new words), 1 for
	                      two texts without words that are equal */
	int editorial;     /* 1 if the texts differ, but only in case,
	                      punctuation or spacing */
	int capped;        /* 1 if the cost cap cut the search short */
} nd_wdiff;

/* Default cap on the edit distance searched, in tokens. */
#define ND_WDIFF_MAX_COST 4096

void nd_wdiff_init(nd_wdiff *d);
void nd_wdiff_dispose(nd_wdiff *d);

/* Diff a[0..alen) against b[0..blen). `max_cost` caps the search (0 for
 * ND_WDIFF_MAX_COST). Replaces any earlier content of d. */
int nd_word_diff(nd_wdiff *d, const char *a, size_t alen, const char *b,
                 size_t blen, size_t max_cost);

/* 1 if a and b are equal ignoring case (and, with ignore_punct, ignoring
 * punctuation tokens) and spacing. */
int nd_text_equivalent(const char *a, size_t alen, const char *b, size_t blen,
                       int ignore_case, int ignore_punct);

#endif
