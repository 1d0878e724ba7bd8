/* align_internal.h - the state of an alignment and the functions its
 * passes share. Private to src/core: shared by align.c, which runs the
 * passes in order, and the align_*.c files, one job each (see align.c).
 */
#ifndef NORMDIFF_ALIGN_INTERNAL_H
#define NORMDIFF_ALIGN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "normdiff/changeset.h"

#define NONE ((size_t)-1)
#define SCORE_FLOOR 0.15 /* pairs scored below this are forgotten... */
/* ...unless the shorter text, of at least OPENING_WORDS words, lies this
 * much inside the longer: a short part of a split into many ("13 parts of
 * 9 words" score 0.14 against their whole) is still its candidate. */
#define PART_INSIDE 0.8

/* Distinct word -> the number of clauses holding it, by open addressing
 * (hashes are never 0 once or'ed with 1), sized by the distinct words
 * seen: a text has far fewer than words, and the table stays in cache. */
typedef struct wslot {
	uint64_t key;   /* word hash | 1, 0 = empty */
	uint32_t n;     /* clauses holding it */
	uint32_t last;  /* the last clause counted, plus one */
} wslot;

typedef struct wordcount {
	wslot *slot;    /* cap slots */
	size_t cap;     /* a power of two, or 0 */
	unsigned shift; /* 64 - log2(cap): a key's home is its top bits */
	size_t used;    /* keys held */
} wordcount;

/* A document's word statistics, kept with it (nd_doc_index): what every
 * pass may ask of any clause without reading its words. */
struct nd_doc_index {
	size_t *count;     /* words (and numbers) of clause i's body */
	uint64_t *opening; /* hash of clause i's first OPENING_WORDS words in
	                      order, 0 if it has fewer */
	size_t total;      /* words of all clauses */
	wordcount df;      /* distinct word -> clauses holding it */
	uint64_t *kept;    /* the words, sorted (their slices, sig_make), of
	                      the clauses whose text the version indexed
	                      against lacks (so an alignment will read them):
	                      no second pass */
	size_t *kept_at;   /* clause i's in kept, or NONE when not kept */
};

/* The slices of a signature made so far. */
typedef struct sigfill {
	const uint64_t **at; /* clause i's sorted slice, NULL until made */
	size_t *n;           /* its words, once made */
	uint64_t *bits;      /* and a bit for each of its words (sig_bits) */
	uint64_t *room;      /* room for every slice, handed out in order */
	size_t used;         /* words of room handed out */
} sigfill;

/* Word signature of one document: per clause a sorted slice of folded word
 * hashes (an all-word signature), or of those that are not common words
 * (a content-word one). A slice is made when a pass first reads it
 * (sig_words): most provisions of a revision are paired by their
 * identical text first, and no later pass reads their words. The room of
 * every slice is reserved at once and handed out in the order slices are
 * made, so pointers to slices stay valid, making one never fails, and
 * only the slices made cost memory; the slice of a clause whose words
 * the statistics kept (sorted) is those words where they are, no copy. */
typedef struct sig {
	const nd_doc *d;                /* the document */
	const struct nd_doc_index *ix;  /* its statistics */
	const struct sig *all;          /* content words: the all-word sig */
	const wordcount *common;        /* content words: the common words
	                                   to leave out (build_content) */
	sigfill *fill;                  /* the slices made */
} sig;

/* The all-word signature of d over its statistics ix. */
int sig_open(sig *s, const nd_doc *d, const struct nd_doc_index *ix);

/* Make clause i's slice (sig_words). */
const uint64_t *sig_make(const sig *s, size_t i);

/* The sorted words of clause i, made now if not yet. */
static inline const uint64_t *sig_words(const sig *s, size_t i)
{
	const uint64_t *w = s->fill->at[i];

	return w ? w : sig_make(s, i);
}

/* The words of clause i: known without its slice for all words. */
static inline size_t nwords(const sig *s, size_t i)
{
	if (!s->all)
		return s->ix->count[i];
	sig_words(s, i);
	return s->fill->n[i];
}

/* A bit for each word of clause i (its hash's top six bits), made when
 * first asked for: a word of one text whose bit the other's lacks is no
 * word they share. */
uint64_t sig_bits(const sig *s, size_t i);

/* At most how many words clauses x of sx and y of sy (nx and ny words)
 * share, by their bits alone. */
size_t shared_bound(const sig *sx, size_t x, size_t nx, const sig *sy,
                    size_t y, size_t ny);

/* The words of all clauses (an upper bound for a content-word sig). */
size_t sig_total(const sig *s);

/* Clause i's opening hash (OPENING_WORDS), 0 when it has fewer words. */
uint64_t sig_opening(const sig *s, size_t i);

/* The statistics of d (the count pass of nd_doc_index), keeping the
 * words of the clauses whose body `against` lacks (none when NULL). */
int doc_index_build(struct nd_doc_index *ix, const nd_doc *d,
                    const nd_doc *against);
void doc_index_dispose(struct nd_doc_index *ix);

void sig_dispose(sig *s);

/* A part of a split that opens with the same words as the whole ("Not to
 * use information and ...") is a part whatever else it says. */
#define OPENING_WORDS 5

/* Texts of at least this many words are also paired when most of the
 * shorter is found in the longer (a provision that grew or shrank). */
#define CONTAIN_MIN_WORDS 12
#define CONTAIN_SHARE 0.6
#define CONTAIN_WEIGHT 0.8

typedef struct pair {
	double sim;     /* Dice similarity */
	size_t a;       /* old clause */
	size_t b;       /* new clause */
	size_t shared;  /* words in common (multiset) */
} pair;

typedef struct posting {
	uint64_t word;  /* word hash */
	size_t clause;  /* old clause holding it */
} posting;

/* One distinct word of an index: its postings are clause[lo .. hi). */
typedef struct vocab {
	uint64_t word;  /* word hash */
	size_t lo;      /* first posting */
	size_t hi;      /* one past the last */
} vocab;

typedef struct group {
	size_t *old;  /* old clauses, ascending */
	size_t nold;  /* how many */
	size_t *new;  /* new clauses, ascending */
	size_t nnew;  /* how many */
	double key;   /* position in the output order */
	size_t tie;   /* tie-break in the output order */
	int moved;    /* out of the run of pairs in order, or under another
	                 parent */
	int run_moved; /* out of the run of pairs in order (mark_run) */
	double sim;   /* the score of old clause sim_a - 1 and new sim_b - 1
	                 (pair_sim); sim_a 0 until asked */
	size_t sim_a, sim_b;
	int same;     /* one old and one new clause of the same body: kept
	                 by group_settle, so that the passes that skip such
	                 pairs (most of a revision) read neither the clause
	                 arrays nor the two texts */
} group;

/* words_needed's answers by the lengths and the bar, a slot each: a
 * pass that compares many texts against one bar (the leftovers) asks the
 * same few length pairs again and again. */
#define NEED_MEMO 1024

typedef struct need_memo {
	double least;
	size_t na, nb;
	size_t need;
} need_memo;

/* The shared words of (old, new) pairs counted already, a slot each
 * (pair_shared_least): after the pairing, the passes ask again and
 * again for the same pairs (a split looks at a part against its whole up
 * to three times, the gaps of one stretch are swept again inside it; the
 * score of a pair made is kept in its group, pair_sim), and every ask
 * was a merge of both texts' words. A slot holds
 * the exact count, or that the count is below some number; a pair that
 * lands on a taken slot takes it over, so the answers are the same as
 * with no memo, and only the work differs. */
typedef struct shared_memo {
	uint32_t a, b;  /* old and new clause + 1; 0: an empty slot */
	uint32_t n;     /* the count, or with `below`, a number above it */
	uint32_t below;
} shared_memo;

typedef struct aligner {
	const nd_doc *a;          /* old document */
	const nd_doc *b;          /* new document */
	const nd_align_opts *o;   /* tunables */
	sig sa;                   /* old signatures, all words */
	sig sb;                   /* new signatures, all words */
	sig ca;                   /* old signatures, content words only */
	sig cb;                   /* new signatures, content words only */
	size_t *match_a;          /* old clause -> group index or NONE */
	size_t *match_b;          /* new clause -> group index or NONE */
	group *groups;            /* aligned groups and singles */
	size_t ngroups;           /* used */
	size_t dissolved;         /* weak moved pairs dissolved by mark_moves */
	size_t groupcap;          /* allocated */
	pair *pairs;              /* scored candidate pairs */
	size_t npairs;            /* used */
	size_t *pairs_of[2];      /* pair indices grouped by new clause [0] and
	                             by old clause [1] (counting sort) */
	size_t *pairs_at[2];      /* clause c's pairs: pairs_of[s][pairs_at[s][c]
	                             .. pairs_at[s][c + 1]) */
	size_t paircap;           /* allocated */
	size_t skipped_words;     /* distinct words too common to index */
	size_t leftovers_skipped; /* unpaired provisions too many to compare
	                             all against all (align_leftovers) */
	size_t capped_diffs;      /* word diffs cut short by the cost cap */
	size_t parts_capped;      /* splits and merges stopped at
	                             SPLIT_MAX_PARTS parts */
	nd_progress_fn progress;  /* progress callback or NULL */
	void *ud;                 /* its argument */
	nd_changeset *cs;         /* the result being built */
	wordcount common;         /* the words shared by so many clauses of
	                             both documents that they are function
	                             words (a few dozen, n = 1): what ca and
	                             cb leave out */
	struct nd_doc_index own[2]; /* the statistics of a document that
	                             has none of its own (nd_doc_index) */
	need_memo *memo;          /* NEED_MEMO slots (pair_score_least) */
	shared_memo *shared;      /* shared_slots slots (pair_shared_least) */
	size_t shared_slots;      /* a power of 2 */
} aligner;

/* by_opening: 0 by content, 1 by opening, OPENING_AND_WORDS by opening
 * with at least GAP_SPLIT_INSIDE of the part's words inside the whole
 * (around pairs made by place, where an opening formula alone is weak). */
#define OPENING_AND_WORDS 2
#define GAP_SPLIT_INSIDE 0.6

/* A split or merge stops growing at this many parts (the rest is added or
 * removed, and a note says so), so one whole costs at most SPLIT_MAX_PARTS
 * walks of its words: O(SPLIT_MAX_PARTS x words) a pass. */
#define SPLIT_MAX_PARTS 256

typedef struct xref {
	uint64_t from; /* hash of an old label's key */
	uint64_t to;   /* hash of its new label's key */
} xref;

/* Labels of the new document, lower-cased and hashed, sorted: does it have
 * an "Article 9"? */
typedef struct labelset {
	uint64_t *h;  /* hashes, sorted */
	size_t n;     /* how many */
} labelset;

/* align.c */

int add_group(aligner *al, const size_t *old, size_t nold,
              const size_t *new, size_t nnew);

/* Grow a group by one clause on one side, keeping it ascending. */
int group_add(aligner *al, size_t gi, int old_side, size_t c);

/* Set g->same after its clauses changed. */
void group_settle(const aligner *al, group *g);

/* align_sig.c */

/* Is x in the ascending hashes v[0..n)? */
int sorted_has(const uint64_t *v, size_t n, uint64_t x);

/* Sort word hashes, comparisons inlined (qsort's indirect calls cost more
 * than the sort): buckets by the top bits and an insertion sort for a
 * clause's usual length, an introsort, radix passes for the longest. */
void sort_u64(uint64_t *v, size_t n);

/* Postings sorted by word, then clause: 0, or ND_ENOMEM. */
int sort_postings(posting *v, size_t n);

/* An inverted index: the clauses of each distinct word not too common,
 * those of voc[k] in clause[voc[k].lo .. voc[k].hi), ascending; a word's
 * entry found through a hash table (slot: its index in voc plus one, 0
 * for none). A clause number fits 32 bits: a text has at most
 * ND_TEXT_MAX_INPUT (2^30) bytes. */
typedef struct windex {
	uint32_t *clause;
	vocab *voc;
	size_t nvoc;
	uint32_t *slot;  /* cap slots, a power of two */
	uint64_t *key;   /* the word in each slot taken: a probe reads its
	                    slot's word beside it, not through voc */
	size_t cap;
	unsigned shift;  /* 64 - log2(cap): a word's home is its top bits */
	uint32_t *num;   /* the numbers (places in voc) of the distinct words
	                    of the clause at place x, in the order of its
	                    slice: num[num_at[x] .. num_at[x + 1]) */
	size_t *num_at;
} windex;

/* The index of the distinct words of clauses u[0..n) of one side
 * (signature s). A clause is recorded as its place in u, or with `ids`
 * its number u[x]. A word held by more than max_posting of the clauses
 * is left out and counted in *skipped (max_posting SIZE_MAX: none is;
 * skipped NULL: not counted). */
int windex_build(windex *ix, const sig *s, const size_t *u, size_t n,
                 int ids, size_t max_posting, size_t *skipped);
/* The clauses of word w: clause[*lo .. *hi), empty when the index has
 * none. */
void windex_find(const windex *ix, uint64_t w, size_t *lo, size_t *hi);
/* Word w's number in the index (its place in voc, below nvoc), or
 * SIZE_MAX when no clause indexed has it. Every word of those clauses has
 * one, the too common ones too. */
size_t windex_word(const windex *ix, uint64_t w);
void windex_dispose(windex *ix);

/* Content-word signatures over sa and sb: their words without those
 * common to both documents, found into *common (which must outlive them). */
int build_content(sig *ca, sig *cb, wordcount *common, const sig *sa,
                  const sig *sb);


/* A slice this many times longer than the other is searched, not walked. */
#define GALLOP_RATIO 16

/* Size of the multiset intersection of two sorted slices. */
size_t shared_words(const uint64_t *x, size_t nx, const uint64_t *y,
                    size_t ny);
/* shared_words when it is at least `need`; else some number below. */
size_t shared_words_least(const uint64_t *x, size_t nx, const uint64_t *y,
                          size_t ny, size_t need);

int same_body(const nd_doc *a, size_t i, const nd_doc *b, size_t j);

/* How alike two word multisets are: the Dice coefficient, or, for texts
 * long enough, a weighted share of the shorter found in the longer when
 * that is higher. */
double score(size_t shared, size_t na, size_t nb);

/* Is the shorter of two texts (na, nb words, sh shared) a part of the
 * longer, though their score is under SCORE_FLOOR? */
int part_inside(size_t sh, size_t na, size_t nb);

/* The slots of the shared-word memo for documents of na and nb clauses. */
size_t shared_memo_slots(size_t na, size_t nb);
/* The shared words of old clause i and new clause j (all words) when
 * there are at least `need` (0: the count); else some number below
 * `need`. */
size_t pair_shared_least(const aligner *al, size_t i, size_t j, size_t need);

double pair_score(const aligner *al, size_t i, size_t j);
/* pair_score when it is at least `least`; else some score below `least`
 * (the count stops once `least` is out of reach): for a caller that
 * only wants scores that high, the same decisions for less work. */
double pair_score_least(const aligner *al, size_t i, size_t j, double least);
/* The fewest words texts of na and nb words must share to score at least
 * `least`; more than either has when no count does. */
size_t words_needed(double least, size_t na, size_t nb);

/* The alignment score of a paired group, the one `threshold` applies to. */
int group_score(const aligner *al, group *g, double *out);

/* The score of a group of one old and one new clause (pair_score), kept
 * in the group while those are its clauses: the moves weigh each pair in
 * every round, a split asks of each neighbour's pair, the report scores
 * them all, and each ask was a memo slot read at random. */
double pair_sim(const aligner *al, group *g);

/* align_exact.c */

/* 1. Exact matches, as patience diff finds its anchors: texts that occur
 * once on each side pair first; a repeated text ("[Deleted]") then pairs
 * its occurrences that lie in the same gap between those anchors, and the
 * rest in document order. */
int align_exact(aligner *al);

/* align_similar.c */

/* Best first: by score, then by new clause, then by old. */
static inline int pair_before(const pair *x, const pair *y)
{
	if (x->sim != y->sim)
		return x->sim > y->sim;
	if (x->b != y->b)
		return x->b < y->b;
	return x->a < y->a;
}

/* Sort pairs best first (pair_before); 0, or ND_ENOMEM. */
int sort_pairs(pair *v, size_t n);
/* The same for the similar pass's candidates, which come by new clause
 * and then old (pair_before's order within a score): radix passes for
 * many. */
int sort_candidates(pair *v, size_t n);

/* 2. Candidates through an inverted index of the unpaired old provisions,
 * scored and sorted best first (pair_greedy takes them). */
int align_similar(aligner *al);

/* Take the scored pairs at or above the threshold, best first. */
int pair_greedy(aligner *al);

/* align_split.c */

/* Drop the groups emptied by release(), renumbering the rest. */
void drop_empty_groups(aligner *al);

/* Every whole on both sides, with scratch of its own (O(n) a pass). */
int split_pass(aligner *al, int by_opening);

/* Pairing and splits, in order of certainty: splits whose parts keep the
 * whole's opening are found among the candidates before the greedy pairing
 * (so that a part is not first given to some other provision that merely
 * contains its words), then the greedy pairing, then splits extending
 * those pairs, by opening and then by content. */
int align_pairs_and_splits(aligner *al);

int align_layout(aligner *al);

/* align_gaps.c */

/* Splits and merges extending the pairs made by place: in a long text
 * whose words are all too common to find candidates by, a split provision
 * is first paired by place with one of its parts, and the others are
 * found from there, by content, or by opening when most of the part's
 * words are inside the whole too: an opening formula alone ("Further
 * requests the Secretary-General to") is shared by a provision that moved
 * away, and without candidates there is nothing else to tell them apart. */
int align_gap_splits(aligner *al);

int is_alnum(unsigned char c);

/* The score of old i and new j if they may pair by place, else -1; a
 * score below `least` may come out lower (pair_score_least). */
double gap_score(const aligner *al, size_t i, size_t j, double least);

/* The new position a paired old clause's group ends (last) or starts at. */
size_t partner(const aligner *al, size_t i, int last);

int align_gaps(aligner *al);

int align_leftovers(aligner *al);

/* Provisions without a body ("Article 5" alone, a bare number) pair when
 * their first children are paired with each other's: the heading goes
 * where its content went. */
int align_empty(aligner *al);

/* align_moves.c */

/* The paired groups in old order, into *order (allocated, *n of them),
 * and for each whether it is out of the heaviest run whose new positions
 * increase (run_moved; see run_weight), by a Fenwick tree of running
 * maxima over new positions in O(n log m). Old clause order is group
 * creation order only by accident: the old document is walked instead. */
int mark_run(aligner *al, size_t **order_out, size_t *n_out);

int mark_moves(aligner *al);

/* align_xref.c */

/* Old -> new label keys of every aligned pair whose label changed. */
int build_xrefs(const nd_changeset *cs, xref **out, size_t *n);

int build_labelset(const nd_doc *d, labelset *ls);

int change_is_xref(const nd_change *c, const xref *x, size_t nx,
                   const labelset *ls);

/* align_build.c */

/* 5. Singles for what is left, and the output order. */
int finish_groups(aligner *al);

int build_changes(aligner *al, nd_changeset *cs);

#endif
