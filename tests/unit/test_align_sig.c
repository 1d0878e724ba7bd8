/* test_align_sig.c - the word signatures' arithmetic, through the
 * alignment's internal header: the intersection of sorted word slices
 * gives the plain merge's count whichever way it is computed, and word
 * hashes and postings sort as qsort sorts them, short or long. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/tokens.h"

#include "align_internal.h"
#include "sort_internal.h"
#include "support.h"

/* The reference: one merge of the two sorted slices. */
static size_t merge_shared(const uint64_t *x, size_t nx, const uint64_t *y,
                           size_t ny)
{
	size_t i = 0, j = 0, n = 0;

	while (i < nx && j < ny) {
		if (x[i] < y[j])
			i++;
		else if (x[i] > y[j])
			j++;
		else {
			n++;
			i++;
			j++;
		}
	}
	return n;
}

static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* n sorted words drawn from a vocabulary of `nvocab` (small: many
 * repeats, as "the" and "of" in a long provision). */
static uint64_t *random_words(uint64_t *s, size_t n, uint64_t nvocab)
{
	uint64_t *w = malloc((n + 1) * sizeof(uint64_t));
	size_t i;

	assert_non_null(w);
	for (i = 0; i < n; i++)
		w[i] = next_rand(s) % nvocab;
	sort_u64(w, n);
	return w;
}

/* Slices of very different lengths (one short provision against a long
 * one, the case searched rather than walked) and of alike lengths, with
 * repeated words, in both orders of the arguments. */
static void test_shared_words_is_the_merge_count(void **state)
{
	static const size_t lens[] = {0, 1, 2, 3, 7, 16, 17, 40, 300, 5000, 40000};
	static const uint64_t vocabs[] = {2, 5, 50, 1000, 1u << 30};
	uint64_t seed = 0x9e3779b97f4a7c15u;
	size_t a, b, v, rep;

	(void)state;
	for (a = 0; a < sizeof(lens) / sizeof(lens[0]); a++)
		for (b = 0; b < sizeof(lens) / sizeof(lens[0]); b++)
			for (v = 0; v < sizeof(vocabs) / sizeof(vocabs[0]); v++)
				for (rep = 0; rep < 3; rep++) {
					uint64_t *x = random_words(&seed, lens[a], vocabs[v]);
					uint64_t *y = random_words(&seed, lens[b], vocabs[v]);
					size_t want = merge_shared(x, lens[a], y, lens[b]);

					assert_int_equal(shared_words(x, lens[a], y, lens[b]), want);
					assert_int_equal(shared_words(y, lens[b], x, lens[a]), want);
					free(x);
					free(y);
				}
}

/* A short slice whose words all lie past the long one's end, or before
 * its start, or exactly on its last word. */
static void test_shared_words_at_the_ends(void **state)
{
	uint64_t big[1000], lo[] = {0, 0, 1}, hi[] = {5000, 6000}, last[] = {998, 999, 999};
	size_t i;

	(void)state;
	for (i = 0; i < 1000; i++)
		big[i] = i + 1;
	assert_int_equal(shared_words(lo, 3, big, 1000), 1);
	assert_int_equal(shared_words(hi, 2, big, 1000), 0);
	assert_int_equal(shared_words(big, 1000, last, 3), 2);
	assert_int_equal(shared_words(last, 3, big, 1000), 2);
}

/* shared_words_least is the count whenever that reaches `need`, and
 * below `need` when it does not, whatever the lengths and repeats. */
static void test_shared_words_least_keeps_its_promise(void **state)
{
	static const size_t lens[] = {0, 1, 3, 15, 16, 17, 40, 90, 300, 5000};
	static const uint64_t vocabs[] = {2, 50, 1000, 1u << 30};
	uint64_t seed = 0x2545f4914f6cdd1du;
	size_t a, b, v, need, hits = 0, stops = 0;

	(void)state;
	for (a = 0; a < sizeof(lens) / sizeof(lens[0]); a++)
		for (b = 0; b < sizeof(lens) / sizeof(lens[0]); b++)
			for (v = 0; v < sizeof(vocabs) / sizeof(vocabs[0]); v++) {
				uint64_t *x = random_words(&seed, lens[a], vocabs[v]);
				uint64_t *y = random_words(&seed, lens[b], vocabs[v]);
				size_t want = merge_shared(x, lens[a], y, lens[b]);

				for (need = 0; need <= want + 3 && need <= 5003; need++) {
					size_t got = shared_words_least(x, lens[a], y, lens[b], need);

					if (want >= need) {
						assert_int_equal(got, want);
						hits++;
					} else {
						assert_true(got < need);
						stops += got < want;
					}
				}
				free(x);
				free(y);
			}
	assert_true(hits > 1000);
	assert_true(stops > 10); /* it does stop early */
}

/* words_needed is the least count that scores `least`: one fewer scores
 * less, at every length, at the thresholds the passes use and between. */
static void test_words_needed_is_the_least_count(void **state)
{
	static const double bars[] = {-1, 0, 0.01, 0.15, 0.2, 0.3, 0.45, 0.48,
	                              0.5, 0.6, 0.64, 0.7, 0.8, 0.85, 0.9, 1.0,
	                              1.01};
	size_t na, nb, b, k;

	(void)state;
	for (na = 0; na <= 70; na++)
		for (nb = 0; nb <= 70; nb++)
			for (b = 0; b < sizeof(bars) / sizeof(bars[0]); b++) {
				size_t most = na < nb ? na : nb;

				k = words_needed(bars[b], na, nb);
				assert_true(k <= most + 1);
				if (k > 0)
					assert_true(score(k - 1, na, nb) < bars[b]);
				if (k <= most)
					assert_true(score(k, na, nb) >= bars[b]);
				/* and exactly at a score the counts give */
				if (most) {
					double at = score(most / 2, na, nb);

					k = words_needed(at, na, nb);
					assert_true(k <= most / 2);
					assert_true(score(k, na, nb) >= at);
					assert_true(k == 0 || score(k - 1, na, nb) < at);
				}
			}
	assert_int_equal(words_needed(0.5, 1000000, 1000000), 500000);
}

static int cmp_word(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* sorted_has finds every hash of a sorted array, repeated or not, and
 * none between, below or above them, at every length up to 40 and at
 * 1,000. */
static void test_sorted_has_is_the_linear_search(void **state)
{
	uint64_t seed = 777, v[1000];
	size_t n, i, k, m;

	(void)state;
	for (n = 0; n <= 1000; n = n < 40 ? n + 1 : n + 960) {
		for (i = 0; i < n; i++)
			v[i] = (next_rand(&seed) % 64) * 2 + 2; /* even, repeats */
		sort_u64(v, n);
		for (k = 0; k < 132; k++) {
			int want = 0;

			for (m = 0; m < n && !want; m++)
				want = v[m] == k;
			assert_int_equal(sorted_has(v, n, k), want);
		}
		assert_false(sorted_has(v, n, UINT64_MAX));
	}
}

/* Lengths on both sides of each switch (insertion, buckets by the top
 * bits, introsort, radix passes), random hashes, a few repeated ones,
 * hashes alike in their low bits (a digit all words share) and in their
 * top bits (every word in one bucket). */
static void test_sort_u64_orders_as_qsort(void **state)
{
	static const size_t lens[] = {0, 1, 2, 16, 17, 35, 47, 48, 49, 250, 1000,
	                              1024, 1025, 8191, 8192, 8193, 100000};
	uint64_t seed = 12345;
	size_t l, i, kind;

	(void)state;
	for (l = 0; l < sizeof(lens) / sizeof(lens[0]); l++)
		for (kind = 0; kind < 4; kind++) {
			size_t n = lens[l];
			uint64_t *v = malloc((n + 1) * sizeof(uint64_t));
			uint64_t *w = malloc((n + 1) * sizeof(uint64_t));

			assert_true(v && w);
			for (i = 0; i < n; i++) {
				uint64_t r = next_rand(&seed);

				v[i] = kind == 0 ? r : kind == 1 ? r % 7 : kind == 2 ? r << 33
				                                          : r >> 20;
			}
			memcpy(w, v, n * sizeof(uint64_t));
			sort_u64(v, n);
			qsort(w, n, sizeof(uint64_t), cmp_word);
			assert_memory_equal(v, w, n * sizeof(uint64_t));
			free(v);
			free(w);
		}
}

static int cmp_post(const void *x, const void *y)
{
	const posting *a = x, *b = y;

	if (a->word != b->word)
		return a->word < b->word ? -1 : 1;
	return a->clause < b->clause ? -1 : a->clause > b->clause;
}

/* Postings built clause after clause (the radix passes' case) and in no
 * order (the comparison sort's), few words or many, come out by word and
 * then clause. */
static void test_sort_postings_by_word_then_clause(void **state)
{
	static const size_t lens[] = {0, 1, 2, 100, 8191, 8192, 50000};
	uint64_t seed = 777;
	size_t l, i, kind;

	(void)state;
	for (l = 0; l < sizeof(lens) / sizeof(lens[0]); l++)
		for (kind = 0; kind < 4; kind++) {
			size_t n = lens[l];
			posting *v = malloc((n + 1) * sizeof(posting));
			posting *w = malloc((n + 1) * sizeof(posting));

			assert_true(v && w);
			for (i = 0; i < n; i++) {
				uint64_t r = next_rand(&seed);

				v[i].word = kind == 0 ? r : kind == 1 ? r % 50 : r << 40;
				v[i].clause = kind == 3 ? (size_t)(next_rand(&seed) % 1000) : i / 7;
			}
			memcpy(w, v, n * sizeof(posting));
			assert_int_equal(sort_postings(v, n), 0);
			qsort(w, n, sizeof(posting), cmp_post);
			assert_memory_equal(v, w, n * sizeof(posting));
			free(v);
			free(w);
		}
}

/* A version indexed against another keeps the words of exactly the
 * clauses with words whose body the other has none of (the set of the
 * other's body hashes answers as a scan of them would), on the bundled
 * pair both ways and on a version against itself (nothing kept). */
static void expect_kept(nd_doc *d, const nd_doc *against)
{
	size_t i, j;

	nd_doc_unindex(d);
	assert_int_equal(nd_doc_index_against(d, against), 0);
	for (i = 0; i < d->n; i++) {
		int in_other = 0;

		for (j = 0; j < against->n && !in_other; j++)
			in_other = against->clauses[j].hash == d->clauses[i].hash;
		assert_int_equal(d->index->kept_at[i] != NONE,
		                 d->index->count[i] > 0 && !in_other);
	}
}

static void test_index_keeps_what_the_other_lacks(void **state)
{
	nd_doc *a = test_parse_draft("2011-A-66-359.txt");
	nd_doc *b = test_parse_draft("2015-A-69-723.txt");
	size_t i, kept = 0;

	(void)state;
	expect_kept(a, b);
	for (i = 0; i < a->n; i++)
		kept += a->index->kept_at[i] != NONE;
	assert_true(kept > 0 && kept < a->n); /* both answers are seen */
	expect_kept(b, a);
	expect_kept(a, a);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* An aligner over the bundled pair, each version indexed against the
 * other, with a memo of `slots` slots and both all-word signatures. */
static void open_pair(aligner *al, size_t slots)
{
	nd_doc *a = test_parse_draft("2011-A-66-359.txt");
	nd_doc *b = test_parse_draft("2015-A-69-723.txt");

	assert_int_equal(nd_doc_index_against(a, b), 0);
	assert_int_equal(nd_doc_index_against(b, a), 0);
	memset(al, 0, sizeof(*al));
	al->a = a;
	al->b = b;
	al->shared_slots = slots;
	al->shared = calloc(slots, sizeof(shared_memo));
	assert_non_null(al->shared);
	assert_int_equal(sig_open(&al->sa, a, a->index), 0);
	assert_int_equal(sig_open(&al->sb, b, b->index), 0);
}

static void close_pair(aligner *al)
{
	free(al->shared);
	sig_dispose(&al->sa);
	sig_dispose(&al->sb);
	nd_doc_free((nd_doc *)al->a);
	nd_doc_free((nd_doc *)al->b);
}

/* The memo of shared words answers as the merge does, asked again and
 * again with other bars, in a table of four slots so that pairs keep
 * taking each other's slot: the exact count at or above the bar, a count
 * below it (and a true count below it too) otherwise. */
static void test_shared_memo_answers_as_the_merge(void **state)
{
	aligner al;
	const nd_doc *a, *b;
	uint64_t seed = 7;
	size_t k, hits = 0, ia[6], ib[6], na_ = 0, nb_ = 0;

	(void)state;
	open_pair(&al, 4);
	a = al.a;
	b = al.b;
	/* clauses whose words are kept: not the same text in the other */
	for (k = 0; k < a->n && na_ < 6; k++)
		if (a->index->kept_at[k] != NONE)
			ia[na_++] = k;
	for (k = 0; k < b->n && nb_ < 6; k++)
		if (b->index->kept_at[k] != NONE)
			ib[nb_++] = k;
	assert_int_equal(na_, 6);
	assert_int_equal(nb_, 6);
	for (k = 0; k < 4000; k++) {
		size_t i = ia[next_rand(&seed) % 6], j = ib[next_rand(&seed) % 6];
		size_t na = nwords(&al.sa, i), nb = nwords(&al.sb, j);
		size_t exact = shared_words(sig_words(&al.sa, i), na,
		                            sig_words(&al.sb, j), nb);
		size_t need = next_rand(&seed) % 4 == 0 ? 0
		              : next_rand(&seed) % (exact + 8);
		size_t got = pair_shared_least(&al, i, j, need);

		if (need == 0 || exact >= need) {
			assert_int_equal(got, exact);
			hits += exact > 0;
		} else {
			assert_true(got < need);
		}
	}
	assert_true(hits > 0); /* pairs that share words were asked */
	assert_true(shared_memo_slots(0, 0) >= 256);
	assert_true(shared_memo_slots((size_t)1 << 30, 1) == (size_t)1 << 18);
	close_pair(&al);
}

/* The similar pass counts a candidate's shared words through the index's
 * word numbers, not by a merge: every pair it makes has the merge's count
 * (repeated words matched one for one) and its score, whether the words
 * are in the index or too common for it (a bar of 3 clauses leaves many
 * out), and with no bar. */
static void test_similar_pairs_count_as_the_merge(void **state)
{
	static const size_t bars[] = {3, 256, SIZE_MAX};
	size_t t, k, repeats = 0;

	(void)state;
	for (t = 0; t < sizeof(bars) / sizeof(bars[0]); t++) {
		aligner al;
		nd_align_opts o;

		open_pair(&al, 256);
		nd_align_opts_init(&o);
		o.max_posting = bars[t];
		al.o = &o;
		al.match_a = malloc(al.a->n * sizeof(size_t));
		al.match_b = malloc(al.b->n * sizeof(size_t));
		assert_non_null(al.match_a);
		assert_non_null(al.match_b);
		for (k = 0; k < al.a->n; k++)
			al.match_a[k] = NONE;
		for (k = 0; k < al.b->n; k++)
			al.match_b[k] = k % 3 ? NONE : 0; /* some taken */
		assert_int_equal(align_similar(&al), 0);
		assert_true(al.npairs > al.b->n); /* most have a few */
		for (k = 0; k < al.npairs; k++) {
			const pair *p = &al.pairs[k];
			size_t na = nwords(&al.sa, p->a), nb = nwords(&al.sb, p->b);
			const uint64_t *x = sig_words(&al.sa, p->a);
			size_t want = merge_shared(x, na, sig_words(&al.sb, p->b), nb);
			size_t j, distinct = 0;

			assert_true(al.match_b[p->b] == NONE);
			assert_int_equal(p->shared, want);
			assert_true(p->sim == score(want, na, nb));
			for (j = 0; j < na; j++)
				distinct += (j == 0 || x[j] != x[j - 1]) &&
				            sorted_has(sig_words(&al.sb, p->b), nb, x[j]);
			repeats += want > distinct; /* a repeated word was shared */
		}
		free(al.pairs);
		free(al.match_a);
		free(al.match_b);
		close_pair(&al);
	}
	assert_true(repeats > 0);
}

/* The candidates' sort (radix on the score's top bits, then runs of
 * equal top bits by comparisons) orders as the merge sort by pair_before:
 * scores that differ only in their last bits among common ones, in lists
 * long enough for the radix passes, and short ones; input by new clause
 * and old, as the similar pass makes it. */
static void test_candidates_sort_as_pair_before(void **state)
{
	static const size_t sizes[] = {5, 100, RADIX_MIN, 3 * RADIX_MIN + 7};
	uint64_t seed = 11;
	size_t t, k;

	(void)state;
	for (t = 0; t < sizeof(sizes) / sizeof(sizes[0]); t++) {
		size_t n = sizes[t], close = 0;
		pair *v = malloc(n * sizeof(pair)), *want = malloc(n * sizeof(pair));

		assert_non_null(v);
		assert_non_null(want);
		for (k = 0; k < n; k++) {
			uint64_t r = next_rand(&seed);
			double base = (double)(r % 7) / 8.0 + 0.1;
			uint64_t bits;

			memcpy(&bits, &base, sizeof(bits));
			bits += (r >> 8) % 3; /* the last bits only, sometimes */
			memcpy(&v[k].sim, &bits, sizeof(bits));
			v[k].b = k / 4;
			v[k].a = (k % 4) * 10 + (r >> 16) % 10;
			v[k].shared = k;
		}
		for (k = 1; k < n; k++) /* by new clause, then old */
			if (v[k].b == v[k - 1].b && v[k].a < v[k - 1].a) {
				size_t a = v[k].a;

				v[k].a = v[k - 1].a;
				v[k - 1].a = a;
			}
		memcpy(want, v, n * sizeof(pair));
		assert_int_equal(sort_pairs(want, n), 0);
		assert_int_equal(sort_candidates(v, n), 0);
		for (k = 0; k < n; k++) {
			assert_true(v[k].sim == want[k].sim);
			assert_int_equal(v[k].a, want[k].a);
			assert_int_equal(v[k].b, want[k].b);
			assert_int_equal(v[k].shared, want[k].shared);
			close += k > 0 && v[k].sim != v[k - 1].sim &&
			         v[k].sim - v[k - 1].sim < 1e-12 &&
			         v[k - 1].sim - v[k].sim < 1e-12;
		}
		if (n >= RADIX_MIN)
			assert_true(close > 0); /* scores a last bit apart were met */
		free(v);
		free(want);
	}
}

/* The slice of every clause is its body's folded words in order of their
 * hashes, whether the statistics kept them (sorted when kept, and used
 * where they are) or the slice was folded from the text. */
static void test_slices_are_the_sorted_folds(void **state)
{
	aligner al;
	const nd_doc *a;
	size_t i, k, kept = 0, folded = 0;

	(void)state;
	open_pair(&al, 4);
	a = al.a;
	for (i = 0; i < a->n; i++) {
		size_t len = a->clauses[i].body_len, n;
		uint64_t *w = malloc((len / 2 + 1) * sizeof(uint64_t));
		const uint64_t *got;

		assert_non_null(w);
		n = nd_word_folds(nd_doc_body(a, i), len, w);
		qsort(w, n, sizeof(uint64_t), cmp_word);
		got = sig_words(&al.sa, i);
		assert_int_equal(nwords(&al.sa, i), n);
		for (k = 0; k < n; k++)
			assert_true(got[k] == w[k]);
		if (a->index->kept_at[i] != NONE) {
			/* the kept words themselves, not a copy */
			assert_ptr_equal(got, a->index->kept + a->index->kept_at[i]);
			kept++;
		} else
			folded += n > 0;
		free(w);
	}
	assert_true(kept > 0 && folded > 0); /* both ways were taken */
	close_pair(&al);
}

/* A one-to-one group's score is the pair's, asked once and kept; when
 * the group's clauses change, it is the new pair's. */
static void test_group_keeps_its_pairs_score(void **state)
{
	aligner al;
	group g;
	size_t i = 0, j = 0, j2, k, olds[1], news[1];
	double first;

	(void)state;
	open_pair(&al, 256);
	/* a pair that shares words, and another new clause that scores
	 * otherwise with the same old one */
	for (k = 0; k < al.a->n && !i; k++)
		if (nwords(&al.sa, k) > 20)
			i = k;
	for (k = 0; k < al.b->n && !j; k++)
		if (pair_score(&al, i, k) > 0.2)
			j = k;
	for (j2 = 0; j2 < al.b->n && pair_score(&al, i, j2) == pair_score(&al, i, j);)
		j2++;
	assert_true(i && j && j2 < al.b->n);
	memset(&g, 0, sizeof(g));
	olds[0] = i;
	news[0] = j;
	g.old = olds;
	g.new = news;
	g.nold = g.nnew = 1;
	first = pair_sim(&al, &g);
	assert_true(first == pair_score(&al, i, j));
	assert_true(pair_sim(&al, &g) == first);
	news[0] = j2; /* the group's new clause changed */
	assert_true(pair_sim(&al, &g) == pair_score(&al, i, j2));
	assert_true(pair_sim(&al, &g) != first);
	close_pair(&al);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shared_words_is_the_merge_count),
		cmocka_unit_test(test_shared_words_at_the_ends),
		cmocka_unit_test(test_shared_words_least_keeps_its_promise),
		cmocka_unit_test(test_words_needed_is_the_least_count),
		cmocka_unit_test(test_sort_u64_orders_as_qsort),
		cmocka_unit_test(test_sorted_has_is_the_linear_search),
		cmocka_unit_test(test_index_keeps_what_the_other_lacks),
		cmocka_unit_test(test_shared_memo_answers_as_the_merge),
		cmocka_unit_test(test_similar_pairs_count_as_the_merge),
		cmocka_unit_test(test_candidates_sort_as_pair_before),
		cmocka_unit_test(test_slices_are_the_sorted_folds),
		cmocka_unit_test(test_group_keeps_its_pairs_score),
		cmocka_unit_test(test_sort_postings_by_word_then_clause),
	};

	return cmocka_run_group_tests(tests, test_grammar_setup, test_grammar_teardown);
}
