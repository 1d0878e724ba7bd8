/* align_exact.c - step 1 of the alignment (align.c): exact matches.
 *
 *   1. exact: provisions with the same body text. Texts that occur once on
 *      each side pair at once (the anchors); a repeated text pairs its
 *      occurrences lying in the same gap between anchors, then the rest in
 *      document order.
 *      Provisions without a body ("Article 5" alone) are left out here and
 *      paired at the end through their first children's partners.
 */
#include <stdlib.h>

#include "normdiff/error.h"

#include "align_internal.h"
#include "sort_internal.h"

/* A clause by its body hash, as a posting (word: the body hash); sorted
 * (sort_postings), equal texts come together, each group in document
 * order. */
typedef posting hashed;

/* Anchors before position `pos` on one side: the gap `pos` lies in. */
static size_t gap_of(const size_t *anchors, size_t n, size_t pos)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (anchors[mid] < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int size_before(const size_t *a, const size_t *b)
{
	return *a < *b;
}

DEFINE_STABLE_SORT(sort_sizes, size_t, size_before)

/* Pair the occurrences of one repeated text, old ha[i0..i1) and new
 * hb[j0..j1) (each in document order): first those lying in the same gap
 * between the anchors, then the rest in order. */
static int pair_repeated(aligner *al, const hashed *ha, size_t i0, size_t i1,
                         const hashed *hb, size_t j0, size_t j1,
                         const size_t *anc_a, const size_t *anc_b, size_t nanc)
{
	size_t i = i0, j = j0;
	int err = 0, round;

	for (round = 0; round < 2 && !err; round++) {
		for (i = i0, j = j0; i < i1 && j < j1 && !err;) {
			size_t oa = ha[i].clause, ob = hb[j].clause, ga, gb;

			if (al->match_a[oa] != NONE) {
				i++;
				continue;
			}
			if (al->match_b[ob] != NONE) {
				j++;
				continue;
			}
			ga = gap_of(anc_a, nanc, oa);
			gb = gap_of(anc_b, nanc, ob);
			if (round == 0 && ga < gb) {
				i++;
			} else if (round == 0 && ga > gb) {
				j++;
			} else {
				if (same_body(al->a, oa, al->b, ob))
					err = add_group(al, &oa, 1, &ob, 1);
				i++;
				j++;
			}
		}
	}
	return err;
}

/* 1. Exact matches, as patience diff finds its anchors: texts that occur
 * once on each side pair first; a repeated text ("[Deleted]") then pairs
 * its occurrences that lie in the same gap between those anchors, and the
 * rest in document order. */
int align_exact(aligner *al)
{
	hashed *ha = malloc((al->a->n + 1) * sizeof(hashed));
	hashed *hb = malloc((al->b->n + 1) * sizeof(hashed));
	size_t *anc_a = malloc((al->a->n + 1) * sizeof(size_t));
	size_t *anc_b = malloc((al->b->n + 1) * sizeof(size_t));
	size_t *once = malloc((al->a->n + 1) * sizeof(size_t));
	size_t i = 0, j = 0, k, na = 0, nb = 0, nanc = 0, pass;
	int err = 0;

	if (!ha || !hb || !anc_a || !anc_b || !once) {
		err = nd_error_oom();
		goto done;
	}
	/* once[i]: the new clause whose text is old i's, when that text
	 * occurs once on each side, else NONE */
	for (k = 0; k < al->a->n; k++)
		once[k] = NONE;
	/* empty bodies ("Article 5" alone) say nothing: align_empty pairs
	 * them through their children */
	for (k = 0; k < al->a->n; k++)
		if (al->a->clauses[k].body_len)
			ha[na++] = (hashed){al->a->clauses[k].hash, k};
	for (k = 0; k < al->b->n; k++)
		if (al->b->clauses[k].body_len)
			hb[nb++] = (hashed){al->b->clauses[k].hash, k};
	if ((err = sort_postings(ha, na)) != 0 || (err = sort_postings(hb, nb)) != 0)
		goto done;
	for (pass = 0; pass < 2 && !err; pass++) {
		for (i = 0, j = 0; i < na && j < nb && !err;) {
			size_t i1 = i, j1 = j;

			if (ha[i].word < hb[j].word) {
				i++;
				continue;
			}
			if (ha[i].word > hb[j].word) {
				j++;
				continue;
			}
			while (i1 < na && ha[i1].word == ha[i].word)
				i1++;
			while (j1 < nb && hb[j1].word == hb[j].word)
				j1++;
			if (pass == 0 && i1 - i == 1 && j1 - j == 1) {
				once[ha[i].clause] = hb[j].clause;
			} else if (pass == 1 && (i1 - i > 1 || j1 - j > 1)) {
				err = pair_repeated(al, ha, i, i1, hb, j, j1, anc_a, anc_b,
				                    nanc);
			}
			i = i1;
			j = j1;
		}
		if (pass == 0) {
			/* the anchors pair in old order, not in hash order: their
			 * groups then lie in the order the later passes walk the
			 * document, and so do the texts compared here */
			for (k = 0; k < al->a->n && !err; k++) {
				size_t ob = once[k];

				if (ob == NONE || !same_body(al->a, k, al->b, ob))
					continue;
				err = add_group(al, &k, 1, &ob, 1);
				anc_a[nanc] = k;
				anc_b[nanc++] = ob;
			}
			/* anchors by position on each side */
			if (!err && (sort_sizes(anc_a, nanc) || sort_sizes(anc_b, nanc)))
				err = nd_error_oom();
		}
	}
done:
	free(ha);
	free(hb);
	free(anc_a);
	free(anc_b);
	free(once);
	return err;
}
