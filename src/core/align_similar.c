/* align_similar.c - step 2 of the alignment (align.c): candidates through an
 * inverted index, and the greedy pairing.
 *
 *   2. similar: for every provision still alone in the new version, the
 *      old ones that share words with it are found through an inverted
 *      index (words in more than max_posting provisions are too common to
 *      help and are skipped), the max_candidates best by shared words are
 *      scored, and pairs at or above `threshold` are taken greedily, best
 *      first. Never all pairs.
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

#define PAIR_SCORE_KEY(x) score_key((x).sim)
DEFINE_RADIX(radix_pairs, pair, PAIR_SCORE_KEY)

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

/* The candidates best first (pair_before): many by radix on the score,
 * since they come by new clause and old; a score that is no number (never
 * made) or below 0 would not key, and goes by comparisons. */
static int sort_candidates(pair *v, size_t n)
{
	size_t k;

	for (k = 0; k < n && v[k].sim >= 0; k++)
		;
	if (n >= RADIX_MIN && k == n && radix_pairs(v, n) == 0)
		return 0;
	return sort_pairs(v, n);
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

/* 2. Candidates through an inverted index of the unpaired old provisions,
 * scored and sorted best first (pair_greedy takes them). */
int align_similar(aligner *al)
{
	const sig *sa = &al->sa, *sb = &al->sb;
	windex ix = {0};
	size_t nold = 0, i, k, *u = NULL, ntouched;
	uint32_t *touched = NULL;
	size_t *best = NULL;
	uint32_t *count = NULL, *bestn = NULL;
	int err = 0;

	/* the index's postings are places in u, the unpaired old clauses in
	 * order (so in the same order as their numbers): the counts of a
	 * few thousand candidates stay in the cache, not one per clause */
	u = malloc((al->a->n + 1) * sizeof(size_t));
	touched = malloc((al->a->n + 1) * sizeof(uint32_t));
	best = malloc((al->o->max_candidates + 1) * sizeof(size_t));
	bestn = malloc((al->o->max_candidates + 1) * sizeof(uint32_t));
	if (!u || !touched || !best || !bestn) {
		err = nd_error_oom();
		goto done;
	}
	for (i = 0; i < al->a->n; i++)
		if (al->match_a[i] == NONE)
			u[nold++] = i;
	if ((count = calloc(nold + 1, sizeof(uint32_t))) == NULL) {
		err = nd_error_oom();
		goto done;
	}
	if ((err = windex_build(&ix, sa, u, nold, 0, al->o->max_posting,
	                        &al->skipped_words)) != 0)
		goto done;

	for (i = 0; i < al->b->n && !err; i++) {
		size_t nb, nbest, first;
		const uint64_t *wb;

		if (al->progress && i % 256 == 0)
			al->progress(al->ud, "aligning", i, al->b->n);
		if (al->match_b[i] != NONE || (nb = nwords(sb, i)) == 0)
			continue;
		ntouched = 0;
		wb = sig_words(sb, i);
		for (k = 0; k < nb; k++) {
			size_t lo, hi;

			if (k > 0 && wb[k] == wb[k - 1])
				continue;
			/* none when in no unpaired old text, or too common */
			windex_find(&ix, wb[k], &lo, &hi);
			ntouched = walk(ix.clause + lo, hi - lo, count, touched,
			                ntouched);
		}
		nbest = keep_best(touched, ntouched, count, al->o->max_candidates,
		                  best, bestn);
		first = al->npairs;
		for (k = 0; k < nbest && !err; k++) {
			size_t a = u[best[k]];
			size_t sh = shared_words(sig_words(sa, a), nwords(sa, a), wb,
			                         nb);
			double s = score(sh, nwords(sa, a), nb);

			if (s < SCORE_FLOOR && !part_inside(sh, nwords(sa, a), nb))
				continue;
			if (nd_vec_reserve((void **)&al->pairs, &al->paircap,
			                   al->npairs + 1, sizeof(pair)))
				err = nd_error_oom();
			else
				al->pairs[al->npairs++] = (pair){s, a, i, sh};
		}
		if (al->npairs - first > 1) /* (none yet: pairs may be NULL) */
			by_old(al->pairs + first, al->npairs - first);
	}
	if (err)
		goto done;
	err = sort_candidates(al->pairs, al->npairs);
done:
	windex_dispose(&ix);
	free(u);
	free(count);
	free(touched);
	free(best);
	free(bestn);
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
