/* align_similar.c - step 2 of the alignment (align.c): candidates through an
 * inverted index, and the greedy pairing.
 *
 *   2. similar: for every provision still alone in the new version, the
 *      old ones that share words with it are found through an inverted
 *      index (words in more than max_posting provisions are too common to
 *      help and are skipped), the max_candidates best by shared words are
 *      scored, and pairs at or above `threshold` are taken greedily, best
 *      first. Never all pairs.
 *
 * The words a candidate shares are counted through the index as well:
 * every word of an unpaired old provision has a number there (its place
 * in the vocabulary, the too common ones too, noted by the index as it
 * was built), so a candidate is its distinct words as numbers with their
 * counts, made the first time it is a candidate, and the new provision
 * is its counts by number in one array. The count is then one read a
 * distinct word of the candidate, none waiting on the one before, where
 * a merge of the two sorted slices steps through both, each step waiting
 * on the last compare; a candidate is
 * scored 16 times on average when every provision changed. The result is
 * the merge's, the same multiset intersection (a word the new provision
 * has but no unpaired old one is shared with none). A candidate more than
 * GALLOP_RATIO times longer than the new provision is still searched
 * (shared_words): that costs the short one's words, not its own.
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"

#include "align_internal.h"
#include "sort_internal.h"

DEFINE_STABLE_SORT(sort_pairs_in, pair, pair_before)

int sort_pairs(pair *v, size_t n)
{
	return sort_pairs_in(v, n) ? nd_error_oom() : 0;
}

/* A score as a key that orders best first: the bits of a double that is
 * not negative order as its value does. */
static uint64_t score_key(double sim)
{
	uint64_t bits;

	memcpy(&bits, &sim, sizeof(bits));
	return UINT64_MAX - bits;
}

/* The key's top 33 bits: three digits of the radix sort, not six, as the
 * rest are 0 (skipped). Scores that differ below them are the rare ones
 * of long texts, put in order after (sort_candidates). */
#define PAIR_SCORE_TOP(x) (score_key((x).sim) >> 31)
DEFINE_RADIX(radix_pairs, pair, PAIR_SCORE_TOP)

/* Order new clause i's pairs p[0..n), appended in candidate order, by old
 * clause: the pairs then come by new clause and old, and a stable sort by
 * score alone gives pair_before's order. */
static void by_old(pair *p, size_t n)
{
	size_t k, j;

	for (k = 1; k < n; k++) {
		pair x = p[k];

		for (j = k; j > 0 && p[j - 1].a > x.a; j--)
			p[j] = p[j - 1];
		p[j] = x;
	}
}

/* The candidates best first (pair_before): many by radix on the score's
 * top bits, since they come by new clause and old, then each run of equal
 * top bits whose scores differ by comparisons (stable, so still by new
 * clause and old within a score); a score that is no number (never made)
 * or below 0 would not key, and goes by comparisons. */
int sort_candidates(pair *v, size_t n)
{
	size_t k, e;

	for (k = 0; k < n && v[k].sim >= 0; k++)
		;
	if (n < RADIX_MIN || k < n || radix_pairs(v, n) != 0)
		return sort_pairs(v, n);
	for (k = 0; k < n; k = e) {
		int mixed = 0;

		for (e = k + 1; e < n && PAIR_SCORE_TOP(v[e]) == PAIR_SCORE_TOP(v[k]);
		     e++)
			mixed |= v[e].sim != v[k].sim;
		if (mixed && sort_pairs(v + k, e - k))
			return ND_ENOMEM;
	}
	return 0;
}

/* The max clauses of touched[0..n) sharing most words (count[c]), ties
 * going to the first touched, into best[] in that order with their counts
 * in bestn[]; their number. Each count is read once and reset to 0: once
 * the list is full, most clauses fall short of its last at one compare. */
static size_t keep_best(const uint32_t *touched, size_t n, uint32_t *count,
                        size_t max, size_t *best, uint32_t *bestn)
{
	size_t k, nbest = 0;
	uint32_t bar = 0; /* once the list is full, the count to beat */

	for (k = 0; k < n; k++) {
		size_t c = touched[k], pos = nbest;
		uint32_t cn = count[c];

		count[c] = 0;
		if (nbest == max && cn <= bar)
			continue;
		while (pos > 0 && bestn[pos - 1] < cn)
			pos--;
		if (pos >= max)
			continue;
		if (nbest < max)
			nbest++;
		memmove(best + pos + 1, best + pos, (nbest - pos - 1) * sizeof(size_t));
		memmove(bestn + pos + 1, bestn + pos,
		        (nbest - pos - 1) * sizeof(uint32_t));
		best[pos] = c;
		bestn[pos] = cn;
		if (nbest == max)
			bar = bestn[max - 1];
	}
	return nbest;
}

/* Count the clauses of postings p[0..n) in count[], appending each to
 * touched[] at its first count; the new length of touched. A clause's
 * first touch is a coin toss a branch predictor loses: it is stored
 * always, and kept when first. */
static size_t walk(const uint32_t *restrict p, size_t n,
                   uint32_t *restrict count, uint32_t *restrict touched,
                   size_t ntouched)
{
	for (size_t k = 0; k < n; k++) {
		uint32_t c = p[k];

		touched[ntouched] = c;
		ntouched += count[c]++ == 0;
	}
	return ntouched;
}

/* The new provision's counts by number (0 for a word it lacks), and the
 * candidates' beside the index's numbers of their words: times[k] is how
 * often word num[k] occurs in its clause, filled for a clause the first
 * time it is a candidate. */
typedef struct byid {
	const windex *ix;
	uint32_t *many;  /* ix->nvoc counts */
	uint32_t *times; /* as ix->num; pages touched only where filled */
	unsigned char *made; /* a clause (by place) whose times are filled */
} byid;

static int byid_open(byid *t, const windex *ix, size_t nold)
{
	t->ix = ix;
	t->many = calloc(ix->nvoc + 1, sizeof(uint32_t));
	t->times = malloc((ix->num_at[nold] + 1) * sizeof(uint32_t));
	t->made = calloc(nold + 1, 1);
	return t->many && t->times && t->made ? 0 : nd_error_oom();
}

static void byid_close(byid *t)
{
	free(t->many);
	free(t->times);
	free(t->made);
}

/* The words candidate x (place; sorted words w[0..n)) shares with the new
 * provision counted in t; its times filled first if not yet. */
static size_t byid_shared(byid *t, size_t x, const uint64_t *w, size_t n)
{
	const uint32_t *num = t->ix->num, *many = t->many;
	size_t k, e, j = t->ix->num_at[x], end = t->ix->num_at[x + 1], sh = 0;

	if (!t->made[x]) {
		/* the index noted x's distinct words in this order */
		for (k = 0, e = 0; k < n; k = e) {
			for (e = k + 1; e < n && w[e] == w[k]; e++)
				;
			t->times[j++] = (uint32_t)(e - k);
		}
		t->made[x] = 1;
		j = t->ix->num_at[x];
	}
	for (; j < end; j++) {
		uint32_t m = many[num[j]];

		sh += m < t->times[j] ? m : t->times[j];
	}
	return sh;
}

/* What the search for a new provision's candidates works in. */
typedef struct search {
	windex ix;        /* the unpaired old clauses' words */
	byid id;
	size_t *u;        /* the unpaired old clauses, ascending */
	size_t nold;
	uint32_t *count;  /* words shared, by place in u (all 0 between asks) */
	uint32_t *touched; /* the places counted, first touched first */
	size_t *best;     /* the max_candidates places sharing most */
	uint32_t *bestn;
	uint32_t *mine;   /* the numbers of the new provision's words */
	size_t minecap;
} search;

static int search_open(search *q, aligner *al)
{
	size_t i, n = al->a->n;
	int err;

	/* the index's postings are places in u, the unpaired old clauses in
	 * order (so in the same order as their numbers): the counts of a
	 * few thousand candidates stay in the cache, not one per clause */
	q->u = malloc((n + 1) * sizeof(size_t));
	q->touched = malloc((n + 1) * sizeof(uint32_t));
	q->best = malloc((al->o->max_candidates + 1) * sizeof(size_t));
	q->bestn = malloc((al->o->max_candidates + 1) * sizeof(uint32_t));
	if (!q->u || !q->touched || !q->best || !q->bestn)
		return nd_error_oom();
	for (i = 0; i < n; i++)
		if (al->match_a[i] == NONE)
			q->u[q->nold++] = i;
	if ((q->count = calloc(q->nold + 1, sizeof(uint32_t))) == NULL)
		return nd_error_oom();
	if ((err = windex_build(&q->ix, &al->sa, q->u, q->nold, 0,
	                        al->o->max_posting, &al->skipped_words)) != 0)
		return err;
	return byid_open(&q->id, &q->ix, q->nold);
}

static void search_close(search *q)
{
	windex_dispose(&q->ix);
	byid_close(&q->id);
	free(q->u);
	free(q->count);
	free(q->touched);
	free(q->best);
	free(q->bestn);
	free(q->mine);
}

/* The words old candidate x (place in u) shares with new clause i. */
static size_t shared_with(aligner *al, search *q, size_t x, size_t i)
{
	const uint64_t *wa = sig_words(&al->sa, q->u[x]);
	size_t na = nwords(&al->sa, q->u[x]), nb = nwords(&al->sb, i);

	if (na > GALLOP_RATIO * nb)
		return shared_words(wa, na, sig_words(&al->sb, i), nb);
	return byid_shared(&q->id, x, wa, na);
}

/* New clause i's words counted by number and their clauses walked: the
 * number of places touched. */
static size_t count_shared(aligner *al, search *q, size_t i, size_t *nmine)
{
	const uint64_t *wb = sig_words(&al->sb, i);
	size_t nb = nwords(&al->sb, i), k, e, ntouched = 0;

	*nmine = 0;
	for (k = 0; k < nb; k = e) {
		size_t v = windex_word(&q->ix, wb[k]);

		for (e = k + 1; e < nb && wb[e] == wb[k]; e++)
			;
		if (v == SIZE_MAX)
			continue; /* in no unpaired old text */
		q->id.many[v] = (uint32_t)(e - k);
		q->mine[(*nmine)++] = (uint32_t)v;
		/* a word too common has no postings */
		ntouched = walk(q->ix.clause + q->ix.voc[v].lo,
		                q->ix.voc[v].hi - q->ix.voc[v].lo, q->count,
		                q->touched, ntouched);
	}
	return ntouched;
}

/* New clause i's candidates, scored, appended to the pairs. */
static int search_one(aligner *al, search *q, size_t i)
{
	size_t nb = nwords(&al->sb, i), na, k, nbest, nmine, first = al->npairs;
	int err = 0;

	if (nd_vec_reserve((void **)&q->mine, &q->minecap, nb + 1,
	                   sizeof(uint32_t)))
		return nd_error_oom();
	nbest = keep_best(q->touched, count_shared(al, q, i, &nmine), q->count,
	                  al->o->max_candidates, q->best, q->bestn);
	for (k = 0; k < nbest && !err; k++) {
		size_t a = q->u[q->best[k]], sh = shared_with(al, q, q->best[k], i);
		double s;

		na = nwords(&al->sa, a);
		s = score(sh, na, nb);
		if (s < SCORE_FLOOR && !part_inside(sh, na, nb))
			continue;
		if (nd_vec_reserve((void **)&al->pairs, &al->paircap,
		                   al->npairs + 1, sizeof(pair)))
			err = nd_error_oom();
		else
			al->pairs[al->npairs++] = (pair){s, a, i, sh};
	}
	for (k = 0; k < nmine; k++)
		q->id.many[q->mine[k]] = 0;
	if (al->npairs - first > 1) /* (none yet: pairs may be NULL) */
		by_old(al->pairs + first, al->npairs - first);
	return err;
}

/* 2. Candidates through an inverted index of the unpaired old provisions,
 * scored and sorted best first (pair_greedy takes them). */
int align_similar(aligner *al)
{
	search q = {0};
	size_t i;
	int err = search_open(&q, al);

	for (i = 0; i < al->b->n && !err; i++) {
		if (al->progress && i % 256 == 0)
			al->progress(al->ud, "aligning", i, al->b->n);
		if (al->match_b[i] == NONE && nwords(&al->sb, i) > 0)
			err = search_one(al, &q, i);
	}
	if (!err)
		err = sort_candidates(al->pairs, al->npairs);
	search_close(&q);
	return err;
}

/* Take the scored pairs at or above the threshold, best first. */
int pair_greedy(aligner *al)
{
	size_t k;
	int err = 0;

	for (k = 0; k < al->npairs && !err; k++) {
		pair *p = &al->pairs[k];

		if (p->sim >= al->o->threshold && al->match_a[p->a] == NONE &&
		    al->match_b[p->b] == NONE)
			err = add_group(al, &p->a, 1, &p->b, 1);
	}
	return err;
}
