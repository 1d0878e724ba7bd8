/* align_sig.c - word signatures of the provisions (all words, and content
 * words only) and the scores that compare them.
 *
 * The score of a pair (step 2 of align.c) is the Dice coefficient of the two
 * word multisets or, for texts of 12 words or more of which the
 * shorter is at least 60 % inside the longer (a provision that grew),
 * 0.8 times that share when it is higher. Pairs under SCORE_FLOOR are
 * forgotten unless the shorter lies mostly inside the longer (a short
 * part of a split into many: part_inside).
 *
 * Shared words are counted by merging the two sorted slices, or, when one
 * is more than GALLOP_RATIO times the other, by searching the long one for
 * each word of the short one: a document with one provision of half its
 * size has every short candidate scored against it, and a merge would walk
 * the long provision each time, quadratic in the document.
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/tokens.h"

#include "align_internal.h"
#include "sort_internal.h"

int sorted_has(const uint64_t *v, size_t n, uint64_t x)
{
	if (n == 0)
		return 0;
	/* v[0..n) holds the last hash <= x, or x is below them all: halved
	 * by a select, not a branch, and no call a step as bsearch makes */
	while (n > 1) {
		size_t half = n / 2;

		v = v[half] <= x ? v + half : v;
		n -= half;
	}
	return *v == x;
}

static void insertion_u64(uint64_t *v, size_t n)
{
	size_t i, j;

	for (i = 1; i < n; i++) {
		uint64_t x = v[i];

		for (j = i; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void sift_u64(uint64_t *v, size_t n, size_t i)
{
	uint64_t x = v[i];
	size_t c;

	while ((c = 2 * i + 1) < n) {
		if (c + 1 < n && v[c + 1] > v[c])
			c++;
		if (v[c] <= x)
			break;
		v[i] = v[c];
		i = c;
	}
	v[i] = x;
}

static void swap_u64(uint64_t *v, size_t i, size_t j)
{
	uint64_t t = v[i];

	v[i] = v[j];
	v[j] = t;
}

/* Sort word hashes (a clause's usual length goes to bucket_u64 first): a
 * slice of 48 or fewer by insertion; longer ones are partitioned around a
 * median of three (Hoare's scheme, the smaller side first so the stack stays
 * O(log n)), with a heap sort when the partitions go badly, as introsort
 * does. Inlined comparisons: qsort's calls through a pointer cost more
 * than the sort. Every order of equal hashes is the same order. */
static void intro_u64(uint64_t *v, size_t n, unsigned depth)
{
	while (n > 48) {
		size_t i, j, m = n / 2;
		uint64_t p;

		if (depth-- == 0) {
			for (i = n / 2; i-- > 0;)
				sift_u64(v, n, i);
			for (i = n; i-- > 1;) {
				swap_u64(v, 0, i);
				sift_u64(v, i, 0);
			}
			return;
		}
		/* the median of v[0], v[m], v[n-1] into v[0]: the pivot */
		if (v[m] < v[0])
			swap_u64(v, m, 0);
		if (v[n - 1] < v[m])
			swap_u64(v, n - 1, m);
		if (v[m] < v[0])
			swap_u64(v, m, 0);
		swap_u64(v, 0, m);
		p = v[0];
		i = 0;
		j = n;
		for (;;) { /* v[0] = p stops the first scan up, so i and j meet */
			while (v[i] < p)
				i++;
			do
				j--;
			while (v[j] > p);
			if (i >= j)
				break;
			swap_u64(v, i, j);
			i++;
		}
		/* v[0..j] <= p <= v[j+1..n), with j < n - 1 */
		if (j + 1 < n - j - 1) {
			intro_u64(v, j + 1, depth);
			v += j + 1;
			n -= j + 1;
		} else {
			intro_u64(v + j + 1, n - j - 1, depth);
			n = j + 1;
		}
	}
	insertion_u64(v, n);
}

#define U64_KEY(x) (x)
#define POSTING_KEY(x) ((x).word)
DEFINE_RADIX(radix_u64, uint64_t, U64_KEY)
/* Postings in clause order, sorted by word stably: by word, then clause. */
DEFINE_RADIX(radix_postings, posting, POSTING_KEY)

static int posting_before(const posting *a, const posting *b)
{
	return a->word != b->word ? a->word < b->word : a->clause < b->clause;
}

DEFINE_STABLE_SORT(merge_postings, posting, posting_before)

int sort_postings(posting *v, size_t n)
{
	size_t i;

	/* a stable sort by word is the order by word then clause only when
	 * equal words come in clause order: they do where postings are
	 * built, one clause after another, and a check costs one pass */
	for (i = 1; i < n && v[i - 1].clause <= v[i].clause; i++)
		;
	if (n >= RADIX_MIN && i >= n && radix_postings(v, n) == 0)
		return 0;
	return merge_postings(v, n) ? nd_error_oom() : 0;
}

/* The slot of word w in ix's table: its own, or the empty one where it
 * would go. */
static size_t windex_slot(const windex *ix, uint64_t w)
{
	size_t i = (size_t)((w * 0x9E3779B97F4A7C15ULL) >> ix->shift);

	while (ix->slot[i] && ix->key[i] != w)
		i = (i + 1) & (ix->cap - 1);
	return i;
}

/* A table of at least twice `want` slots, the words of voc put in. */
static int windex_table(windex *ix, size_t want)
{
	size_t cap = 16, v;
	unsigned bits = 4;

	while (cap < 2 * want) {
		cap *= 2;
		bits++;
	}
	free(ix->slot);
	free(ix->key);
	ix->key = malloc(cap * sizeof(uint64_t));
	if ((ix->slot = calloc(cap, sizeof(uint32_t))) == NULL || !ix->key)
		return nd_error_oom();
	ix->cap = cap;
	ix->shift = 64 - bits;
	for (v = 0; v < ix->nvoc; v++) {
		size_t i = windex_slot(ix, ix->voc[v].word);

		ix->slot[i] = (uint32_t)(v + 1);
		ix->key[i] = ix->voc[v].word;
	}
	return 0;
}

/* The entry of word w, made (with no postings) if new; NULL on no memory. */
static vocab *windex_entry(windex *ix, uint64_t w)
{
	size_t i = windex_slot(ix, w);

	if (ix->slot[i])
		return &ix->voc[ix->slot[i] - 1];
	if (2 * (ix->nvoc + 1) > ix->cap) {
		if (windex_table(ix, ix->cap))
			return NULL;
		i = windex_slot(ix, w);
	}
	ix->voc[ix->nvoc] = (vocab){w, 0, 0};
	ix->slot[i] = (uint32_t)++ix->nvoc;
	ix->key[i] = w;
	return &ix->voc[ix->nvoc - 1];
}

/* The first walk of the distinct words of the clauses u[0..n): each
 * word's entry made, its clauses counted (in hi, for now) and its number
 * noted in the clause's run of num. 0 or ND_ENOMEM. */
static int windex_count(windex *ix, const sig *s, const size_t *u, size_t n)
{
	size_t x, k, m = 0;

	for (x = 0; x < n; x++) {
		const uint64_t *w = sig_words(s, u[x]);

		ix->num_at[x] = m;
		for (k = 0; k < nwords(s, u[x]); k++) {
			vocab *e;

			if (k > 0 && w[k] == w[k - 1])
				continue;
			if ((e = windex_entry(ix, w[k])) == NULL)
				return ND_ENOMEM;
			e->hi++;
			ix->num[m++] = (uint32_t)(e - ix->voc);
		}
	}
	ix->num_at[n] = m;
	return 0;
}

/* The index in two walks of the clauses' distinct words, no sort: each
 * word's clauses counted, room handed out to the words not too common,
 * and the clauses put in, in their order (so ascending), the second
 * walk reading the numbers the first noted, with no look-up. A word too
 * common to help is counted and left out, so a lookup never leads to a
 * walk of a long posting list, and the walks read 4 bytes a posting, of
 * the words kept only. */
int windex_build(windex *ix, const sig *s, const size_t *u, size_t n,
                 int ids, size_t max_posting, size_t *skipped)
{
	size_t x, v, k, npost = 0, nkept = 0;

	for (x = 0; x < n; x++)
		npost += nwords(s, u[x]);
	ix->nvoc = 0;
	/* room for every word, touched only by those there are */
	if ((ix->voc = malloc((npost + 1) * sizeof(vocab))) == NULL ||
	    (ix->num = malloc((npost + 1) * sizeof(uint32_t))) == NULL ||
	    (ix->num_at = malloc((n + 1) * sizeof(size_t))) == NULL ||
	    windex_table(ix, s->ix->df.used < npost ? s->ix->df.used : npost))
		return nd_error_oom();
	if (windex_count(ix, s, u, n))
		return ND_ENOMEM;
	for (v = 0; v < ix->nvoc; v++) {
		size_t count = ix->voc[v].hi;

		if (count > max_posting) {
			if (skipped)
				(*skipped)++;
			ix->voc[v].lo = SIZE_MAX; /* left out */
		} else {
			ix->voc[v].lo = ix->voc[v].hi = nkept;
			nkept += count;
		}
	}
	if ((ix->clause = malloc((nkept + 1) * sizeof(uint32_t))) == NULL)
		return nd_error_oom();
	for (x = 0; x < n; x++)
		for (k = ix->num_at[x]; k < ix->num_at[x + 1]; k++) {
			vocab *e = &ix->voc[ix->num[k]];

			if (e->lo != SIZE_MAX)
				ix->clause[e->hi++] = (uint32_t)(ids ? u[x] : x);
		}
	for (v = 0; v < ix->nvoc; v++)
		if (ix->voc[v].lo == SIZE_MAX)
			ix->voc[v].lo = ix->voc[v].hi = 0;
	return 0;
}

size_t windex_word(const windex *ix, uint64_t w)
{
	size_t i;

	if (!ix->cap)
		return SIZE_MAX;
	i = windex_slot(ix, w);
	return ix->slot[i] ? ix->slot[i] - 1 : SIZE_MAX;
}

void windex_find(const windex *ix, uint64_t w, size_t *lo, size_t *hi)
{
	size_t v = windex_word(ix, w);

	*lo = v == SIZE_MAX ? 0 : ix->voc[v].lo;
	*hi = v == SIZE_MAX ? 0 : ix->voc[v].hi;
}

void windex_dispose(windex *ix)
{
	free(ix->clause);
	free(ix->voc);
	free(ix->slot);
	free(ix->key);
	free(ix->num);
	free(ix->num_at);
	memset(ix, 0, sizeof(*ix));
}

/* A clause's words, up to BUCKET_MAX of them: scattered into n/2 to n
 * buckets by their top bits, then put in order by an insertion sort that
 * now moves each word past one or two others, where on random hashes it
 * moved each past a quarter of them (two to four times faster at 20 to
 * 250 words, a clause's usual length). A bucket of more than BUCKET_FULL
 * (hashes alike in their top bits) leaves it all to the introsort, as
 * before. 0 when sorted. */
#define BUCKET_MIN 17
#define BUCKET_MAX 1024
#define BUCKET_FULL 32

static int bucket_u64(uint64_t *v, size_t n)
{
	uint64_t tmp[BUCKET_MAX];
	unsigned count[BUCKET_MAX / 2 + 1], bits = 1, shift, nb, b;
	size_t i;

	while (((size_t)2 << bits) < n)
		bits++;
	shift = 64 - bits;
	nb = 1u << bits;
	memset(count, 0, (nb + 1) * sizeof(count[0]));
	for (i = 0; i < n; i++)
		count[(v[i] >> shift) + 1]++;
	for (b = 1; b <= nb; b++) {
		if (count[b] > BUCKET_FULL)
			return 1;
		count[b] += count[b - 1];
	}
	for (i = 0; i < n; i++)
		tmp[count[v[i] >> shift]++] = v[i];
	memcpy(v, tmp, n * sizeof(uint64_t));
	insertion_u64(v, n);
	return 0;
}

void sort_u64(uint64_t *v, size_t n)
{
	unsigned depth = 0;
	size_t k;

	if (n >= BUCKET_MIN && n <= BUCKET_MAX && bucket_u64(v, n) == 0)
		return;
	if (n >= RADIX_MIN && radix_u64(v, n) == 0)
		return;
	for (k = n; k > 1; k /= 2)
		depth += 2;
	intro_u64(v, n, depth);
}

static size_t wordcount_slot(const wordcount *w, uint64_t h)
{
	size_t i;

	h |= 1;
	/* Fibonacci hashing: the top bits of h times 2^64 / phi spread FNV
	 * hashes of similar words (whose low bits cluster) over the table */
	for (i = (size_t)((h * 0x9E3779B97F4A7C15ULL) >> w->shift);
	     w->slot[i].key && w->slot[i].key != h; i = (i + 1) & (w->cap - 1))
		;
	return i;
}

/* Make room for one more key: double the table past half full. */
static int wordcount_room(wordcount *w)
{
	wordcount big;
	size_t i;

	if (w->cap && (w->used + 1) * 2 <= w->cap)
		return 0;
	big.cap = w->cap ? w->cap * 2 : 1024;
	big.shift = w->cap ? w->shift - 1 : 64 - 10;
	big.used = w->used;
	if ((big.slot = calloc(big.cap, sizeof(wslot))) == NULL)
		return nd_error_oom();
	for (i = 0; i < w->cap; i++)
		if (w->slot[i].key)
			big.slot[wordcount_slot(&big, w->slot[i].key)] = w->slot[i];
	free(w->slot);
	*w = big;
	return 0;
}

/* A word h not in the table yet, first held by the clause of `stamp`. */
static int wordcount_insert(wordcount *w, uint64_t h, uint32_t stamp)
{
	size_t i;

	if (wordcount_room(w))
		return ND_ENOMEM;
	i = wordcount_slot(w, h);
	w->slot[i] = (wslot){h | 1, 1, stamp};
	w->used++;
	return 0;
}

/* Count clause c (counted in order, so `last` tells a word seen in it
 * already) as holding word h. Small, so that the count pass's loop has
 * it inline: most words are in the table already. */
static int wordcount_see(wordcount *w, uint64_t h, size_t c)
{
	uint32_t stamp = (uint32_t)c + 1;
	size_t i;

	if (w->cap) {
		i = wordcount_slot(w, h);
		if (w->slot[i].key) {
			if (w->slot[i].last != stamp) {
				w->slot[i].last = stamp;
				w->slot[i].n++;
			}
			return 0;
		}
	}
	return wordcount_insert(w, h, stamp);
}

/* The clauses holding word h. */
static size_t wordcount_of(const wordcount *w, uint64_t h)
{
	return w->cap ? w->slot[wordcount_slot(w, h)].n : 0;
}

/* The hash of a clause's first OPENING_WORDS word hashes, in order, never
 * 0. Only compared for equality, so a multiply-and-mix of the five (each
 * already a 64-bit hash) does what a byte-wise hash of their 40 bytes did
 * at a sixth of the cost. */
static uint64_t opening_hash(const uint64_t *w)
{
	uint64_t h = 0;
	size_t k;

	for (k = 0; k < OPENING_WORDS; k++) {
		h = (h ^ w[k]) * 0x9E3779B97F4A7C15ULL;
		h ^= h >> 32;
	}
	return h | 1;
}

/* The body hashes of d's clauses, sorted (malloc'ed, *n of them). */
static uint64_t *body_hashes(const nd_doc *d, size_t *n)
{
	uint64_t *h = malloc((d->n + 1) * sizeof(uint64_t));
	size_t i;

	if (!h)
		return NULL;
	for (i = 0; i < d->n; i++)
		h[i] = d->clauses[i].hash;
	sort_u64(h, d->n);
	*n = d->n;
	return h;
}

/* Keep clause i's words w[0..n) in ix->kept (room grown as needed). */
static int keep_words(struct nd_doc_index *ix, size_t *used, size_t *cap,
                      size_t i, const uint64_t *w, size_t n)
{
	if (nd_vec_reserve((void **)&ix->kept, cap, *used + n + 1,
	                   sizeof(uint64_t)))
		return nd_error_oom();
	memcpy(ix->kept + *used, w, n * sizeof(uint64_t));
	ix->kept_at[i] = *used;
	*used += n;
	return 0;
}

/* One pass over every body: its words are hashed and counted. Only the
 * counts are kept, no slice, but for the clauses whose text `against`
 * lacks: those are what an alignment against it reads, most clauses of a
 * revision never are. */
int doc_index_build(struct nd_doc_index *ix, const nd_doc *d,
                    const nd_doc *against)
{
	uint64_t *tmp = NULL, *other = NULL;
	size_t i, k, n, longest = 0, nother = 0, used = 0, keptcap = 0;
	int err = 0;

	memset(ix, 0, sizeof(*ix));
	ix->count = malloc((d->n + 1) * sizeof(size_t));
	ix->opening = calloc(d->n + 1, sizeof(uint64_t));
	if (!ix->count || !ix->opening)
		return nd_error_oom();
	if (against && ((other = body_hashes(against, &nother)) == NULL ||
	                (ix->kept_at = malloc((d->n + 1) * sizeof(size_t))) == NULL)) {
		free(other);
		return nd_error_oom();
	}
	/* room for the longest body: at most one word per two bytes, plus one */
	for (i = 0; i < d->n; i++)
		longest = d->clauses[i].body_len > longest ? d->clauses[i].body_len
		                                           : longest;
	if ((tmp = malloc((longest / 2 + 1) * sizeof(uint64_t))) == NULL)
		err = nd_error_oom();
	for (i = 0; i < d->n && !err; i++) {
		size_t len = d->clauses[i].body_len;

		n = nd_word_folds(nd_doc_body(d, i), len, tmp);
		ix->count[i] = n;
		ix->total += n;
		if (n >= OPENING_WORDS)
			ix->opening[i] = opening_hash(tmp);
		for (k = 0; k < n && !err; k++)
			err = wordcount_see(&ix->df, tmp[k], i);
		if (ix->kept_at) {
			ix->kept_at[i] = NONE;
			if (!err && n && !sorted_has(other, nother, d->clauses[i].hash)) {
				sort_u64(tmp, n); /* as its slice: sig_make uses it as is */
				err = keep_words(ix, &used, &keptcap, i, tmp, n);
			}
		}
	}
	free(tmp);
	free(other);
	return err;
}

void doc_index_dispose(struct nd_doc_index *ix)
{
	free(ix->kept);
	free(ix->kept_at);
	free(ix->count);
	free(ix->opening);
	free(ix->df.slot);
	memset(ix, 0, sizeof(*ix));
}

int nd_doc_index(nd_doc *d)
{
	return nd_doc_index_against(d, NULL);
}

int nd_doc_index_against(nd_doc *d, const nd_doc *against)
{
	struct nd_doc_index *ix;
	int err;

	if (d->index)
		return 0;
	if ((ix = calloc(1, sizeof(*ix))) == NULL)
		return nd_error_oom();
	if ((err = doc_index_build(ix, d, against)) != 0) {
		doc_index_dispose(ix);
		free(ix);
		return err;
	}
	d->index = ix;
	return 0;
}

void nd_doc_unindex(nd_doc *d)
{
	if (!d || !d->index)
		return;
	doc_index_dispose(d->index);
	free(d->index);
	d->index = NULL;
}

size_t sig_total(const sig *s)
{
	return s->all ? sig_total(s->all) : s->ix->total;
}

uint64_t sig_opening(const sig *s, size_t i)
{
	return s->ix->opening[i];
}

static int sig_alloc(sig *s, size_t nclauses)
{
	sigfill *f = calloc(1, sizeof(*f));

	s->fill = f;
	if (!f)
		return nd_error_oom();
	f->at = calloc(nclauses + 1, sizeof(*f->at));
	f->n = malloc((nclauses + 1) * sizeof(size_t));
	f->bits = malloc((nclauses + 1) * sizeof(uint64_t));
	/* reserved, not touched: only the pages of slices made are used */
	f->room = malloc((sig_total(s) + 1) * sizeof(uint64_t));
	return f->at && f->n && f->bits && f->room ? 0 : nd_error_oom();
}

int sig_open(sig *s, const nd_doc *d, const struct nd_doc_index *ix)
{
	memset(s, 0, sizeof(*s));
	s->d = d;
	s->ix = ix;
	return sig_alloc(s, d->n);
}

void sig_dispose(sig *s)
{
	if (s->fill) {
		free(s->fill->at);
		free(s->fill->n);
		free(s->fill->bits);
		free(s->fill->room);
		free(s->fill);
	}
	memset(s, 0, sizeof(*s));
}

/* Make clause i's slice: its words sorted, or for content words those of
 * its all-word slice that are not common. Never more than the clause's
 * words, so the room reserved always holds it. */
const uint64_t *sig_make(const sig *s, size_t i)
{
	sigfill *f = s->fill;
	uint64_t *out = f->room + f->used;
	size_t n = 0, k;

	if (s->all) {
		const uint64_t *w = sig_words(s->all, i);
		const wordcount *common = s->common;

		for (k = 0; k < s->ix->count[i]; k++)
			if (!wordcount_of(common, w[k]))
				out[n++] = w[k];
	} else if (s->ix->kept_at && s->ix->kept_at[i] != NONE) {
		/* kept sorted with the statistics: the slice, no room taken */
		f->n[i] = s->ix->count[i];
		f->bits[i] = 0;
		return f->at[i] = s->ix->kept + s->ix->kept_at[i];
	} else {
		n = nd_word_folds(nd_doc_body(s->d, i), s->d->clauses[i].body_len,
		                  out);
		sort_u64(out, n);
	}
	f->used += n;
	f->n[i] = n;
	f->bits[i] = 0; /* made when first asked for (sig_bits) */
	f->at[i] = out;
	return out;
}

/* Words in more than this share of all provisions are function words for
 * the split and merge test ("the", "of", and in a code on information
 * security, "information"): every provision shares them. */
#define COMMON_SHARE 0.2
#define COMMON_MIN_CLAUSES 10

int build_content(sig *ca, sig *cb, wordcount *common, const sig *sa,
                  const sig *sb)
{
	size_t na = sa->d->n, nb = sb->d->n, side, k;
	double limit = COMMON_SHARE * (double)(na + nb);
	const wordcount *df[2] = {&sa->ix->df, &sb->ix->df};
	int err = 0;

	memset(common, 0, sizeof(*common));
	/* each distinct word once (so each is inserted, never looked for
	 * first): those of the old document with their count in the new
	 * added, then those only in the new */
	for (side = 0; side < 2 && na + nb >= COMMON_MIN_CLAUSES && !err; side++)
		for (k = 0; k < df[side]->cap && !err; k++) {
			const wslot *w = &df[side]->slot[k];
			size_t other = wordcount_of(df[!side], w->key);

			if (w->key && (side == 0 || other == 0) &&
			    (double)(w->n + (side == 0 ? other : 0)) > limit)
				err = wordcount_insert(common, w->key, 0);
		}
	if (err)
		return err;
	memset(ca, 0, sizeof(*ca));
	memset(cb, 0, sizeof(*cb));
	*ca = (sig){sa->d, sa->ix, sa, common, NULL};
	*cb = (sig){sb->d, sb->ix, sb, common, NULL};
	if ((err = sig_alloc(ca, na)) != 0)
		return err;
	return sig_alloc(cb, nb);
}

/* The first position in y[j..ny) holding v or more, or ny: doubling steps
 * from j, then a binary search in the last step. */
static size_t gallop_u64(const uint64_t *y, size_t j, size_t ny, uint64_t v)
{
	size_t lo = j, step = 1, hi;

	if (j >= ny || y[j] >= v)
		return j;
	/* y[lo] < v */
	while (lo + step < ny && y[lo + step] < v) {
		lo += step;
		step *= 2;
	}
	hi = lo + step < ny ? lo + step : ny;
	for (lo++; lo < hi;) {
		size_t mid = lo + (hi - lo) / 2;

		if (y[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The intersection of a short slice x with a far longer y: each word of x
 * is looked up in y after the last one found, in O(log) of the distance,
 * so a provision of a few words against one of half the document costs
 * its own length, not the long one's. Equal words of x take the equal
 * words of y one each, as the merge does. */
static size_t shared_gallop(const uint64_t *x, size_t nx, const uint64_t *y,
                            size_t ny)
{
	size_t i, j = 0, n = 0;

	for (i = 0; i < nx; i++) {
		if ((j = gallop_u64(y, j, ny, x[i])) == ny)
			break;
		if (y[j] == x[i]) {
			n++;
			j++;
		}
	}
	return n;
}

/* The merge of sorted x and y, counting equal words, stopped once even
 * all the words left could not bring the count to `need` (0: never).
 * The smaller word steps on, both when equal: counted, not branched on,
 * since which of two hashes is smaller is a coin toss that a branch
 * predictor loses half the time, and this merge is most of the
 * candidates' scoring. The steps between two tests of the bound cannot
 * run past either end: a step moves each side on by one at most. */
static size_t merge_shared(const uint64_t *x, size_t nx, const uint64_t *y,
                           size_t ny, size_t need)
{
	size_t i = 0, j = 0, n = 0;

	while (i < nx && j < ny) {
		size_t rest = nx - i < ny - j ? nx - i : ny - j;
		size_t steps = rest < 16 ? rest : 16;

		if (n + rest < need)
			return n; /* even all the rest would not do */
		while (steps--) {
			uint64_t a = x[i], b = y[j];

			n += a == b;
			i += a <= b;
			j += b <= a;
		}
	}
	return n;
}

/* Size of the multiset intersection of two sorted slices. */
size_t shared_words(const uint64_t *x, size_t nx, const uint64_t *y,
                    size_t ny)
{
	if (nx > GALLOP_RATIO * ny)
		return shared_gallop(y, ny, x, nx);
	if (ny > GALLOP_RATIO * nx)
		return shared_gallop(x, nx, y, ny);
	return merge_shared(x, nx, y, ny, 0);
}

size_t shared_words_least(const uint64_t *x, size_t nx, const uint64_t *y,
                          size_t ny, size_t need)
{
	if (need == 0 || nx > GALLOP_RATIO * ny || ny > GALLOP_RATIO * nx)
		return shared_words(x, nx, y, ny);
	return merge_shared(x, nx, y, ny, need);
}

static unsigned popcount64(uint64_t x)
{
#if defined(__GNUC__) || defined(__clang__)
	return (unsigned)__builtin_popcountll(x);
#else
	unsigned n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
#endif
}

uint64_t sig_bits(const sig *s, size_t i)
{
	const uint64_t *w = sig_words(s, i);
	size_t k, n = s->fill->n[i];
	uint64_t b = s->fill->bits[i];

	if (!b) /* (none yet, or no words: then there is none to set) */
		for (k = 0; k < n; k++)
			b |= (uint64_t)1 << (w[k] >> 58);
	return s->fill->bits[i] = b;
}

size_t shared_bound(const sig *sx, size_t x, size_t nx, const sig *sy,
                    size_t y, size_t ny)
{
	uint64_t bx = sig_bits(sx, x), by = sig_bits(sy, y);
	size_t mx = nx - popcount64(bx & ~by), my = ny - popcount64(by & ~bx);

	return mx < my ? mx : my;
}

int same_body(const nd_doc *a, size_t i, const nd_doc *b, size_t j)
{
	const nd_clause *x = &a->clauses[i], *y = &b->clauses[j];

	return x->hash == y->hash && x->body_len == y->body_len &&
	       !memcmp(nd_doc_body(a, i), nd_doc_body(b, j), x->body_len);
}

/* How alike two word multisets are: the Dice coefficient, or, for texts
 * long enough, a weighted share of the shorter found in the longer when
 * that is higher. */
double score(size_t shared, size_t na, size_t nb)
{
	double dice = na + nb ? 2.0 * (double)shared / (double)(na + nb) : 1.0;
	size_t shorter = na < nb ? na : nb;
	double contain;

	if (shorter < CONTAIN_MIN_WORDS)
		return dice;
	contain = (double)shared / (double)shorter;
	if (contain >= CONTAIN_SHARE && CONTAIN_WEIGHT * contain > dice)
		return CONTAIN_WEIGHT * contain;
	return dice;
}

/* Is the shorter of two texts (na, nb words, sh shared) a part of the
 * longer, though their score is under SCORE_FLOOR? */
int part_inside(size_t sh, size_t na, size_t nb)
{
	size_t shorter = na < nb ? na : nb;

	return shorter >= OPENING_WORDS &&
	       (double)sh >= PART_INSIDE * (double)shorter;
}

/* Slots for about two asks per clause, between 2^8 and 2^18 (4 MB): the
 * asks that come again come soon, from the same pass or the next. calloc
 * maps the pages of the slots no pair lands on only when touched. */
size_t shared_memo_slots(size_t na, size_t nb)
{
	size_t want = 2 * (na + nb), slots = 256;

	while (slots < want && slots < ((size_t)1 << 18))
		slots *= 2;
	return slots;
}

static shared_memo *shared_slot(const aligner *al, size_t i, size_t j)
{
	uint64_t h = (uint64_t)i * 0x9E3779B97F4A7C15u ^
	             (uint64_t)j * 0xC2B2AE3D27D4EB4Fu;

	return &al->shared[(h ^ (h >> 29)) & (al->shared_slots - 1)];
}

size_t pair_shared_least(const aligner *al, size_t i, size_t j, size_t need)
{
	size_t na = nwords(&al->sa, i), nb = nwords(&al->sb, j), n;
	shared_memo *m;
	int fits = i < UINT32_MAX - 1 && j < UINT32_MAX - 1 &&
	           na < UINT32_MAX && nb < UINT32_MAX;

	/* the word buckets alone rule out most pairs a pass passes over
	 * (near-duplicates apart by a few words, against a bar set by the
	 * best so far): no memo slot read, no merge */
	if (need && (n = shared_bound(&al->sa, i, na, &al->sb, j, nb)) < need)
		return n;
	m = shared_slot(al, i, j);
	if (fits && m->a == i + 1 && m->b == j + 1) {
		if (!m->below)
			return m->n;
		if (need >= m->n) /* below m->n, so below need */
			return m->n - 1;
	}
	n = shared_words_least(sig_words(&al->sa, i), na, sig_words(&al->sb, j),
	                       nb, need);
	/* at or above need, the merge went to the end: the count */
	if (fits)
		*m = n >= need ? (shared_memo){(uint32_t)(i + 1), (uint32_t)(j + 1),
		                               (uint32_t)n, 0}
		               : (shared_memo){(uint32_t)(i + 1), (uint32_t)(j + 1),
		                               (uint32_t)need, 1};
	return n;
}

double pair_score(const aligner *al, size_t i, size_t j)
{
	return score(pair_shared_least(al, i, j, 0), nwords(&al->sa, i),
	             nwords(&al->sb, j));
}

double pair_sim(const aligner *al, group *g)
{
	if (g->sim_a != g->old[0] + 1 || g->sim_b != g->new[0] + 1) {
		g->sim = pair_score(al, g->old[0], g->new[0]);
		g->sim_a = g->old[0] + 1;
		g->sim_b = g->new[0] + 1;
	}
	return g->sim;
}

/* The fewest shared words of texts of na and nb words that score at
 * least `least`; more than either has when none does. score() grows
 * with the words shared, so the Dice and containment formulas give the
 * answer to a word or so, and score() itself settles it. */
size_t words_needed(double least, size_t na, size_t nb)
{
	size_t most = na < nb ? na : nb, k;
	double est = least * (double)(na + nb) / 2.0, contain;

	if (least <= 0)
		return 0;
	if (most >= CONTAIN_MIN_WORDS) {
		contain = (least / CONTAIN_WEIGHT > CONTAIN_SHARE
		           ? least / CONTAIN_WEIGHT : CONTAIN_SHARE) * (double)most;
		est = contain < est ? contain : est;
	}
	k = est >= (double)most ? most : est > 0 ? (size_t)est : 0;
	while (k > 0 && score(k - 1, na, nb) >= least)
		k--;
	while (k <= most && score(k, na, nb) < least)
		k++;
	return k;
}

double pair_score_least(const aligner *al, size_t i, size_t j, double least)
{
	size_t na = nwords(&al->sa, i), nb = nwords(&al->sb, j);
	/* (a slot still zero holds the answer for lengths 0 and bar 0) */
	need_memo *m = &al->memo[(na * 31 + nb) & (NEED_MEMO - 1)];

	if (m->least != least || m->na != na || m->nb != nb)
		*m = (need_memo){least, na, nb, words_needed(least, na, nb)};
	return score(pair_shared_least(al, i, j, m->need), na, nb);
}

/* Words of several clauses of one side, sorted (malloc'ed). */
static uint64_t *gather(const sig *s, const size_t *idx, size_t n, size_t *len)
{
	size_t total = 0, k;
	uint64_t *w;

	for (k = 0; k < n; k++)
		total += nwords(s, idx[k]);
	if ((w = malloc((total + 1) * sizeof(uint64_t))) == NULL)
		return NULL;
	total = 0;
	for (k = 0; k < n; k++) {
		memcpy(w + total, sig_words(s, idx[k]),
		       nwords(s, idx[k]) * sizeof(uint64_t));
		total += nwords(s, idx[k]);
	}
	sort_u64(w, total);
	*len = total;
	return w;
}

/* The alignment score of a paired group, the one `threshold` applies to. */
int group_score(const aligner *al, group *g, double *out)
{
	size_t na, nb;
	uint64_t *wa, *wb;

	/* one clause on each side: its words are sorted already (a copy
	 * and a sort of a provision of half the document, each time) */
	if (g->nold == 1 && g->nnew == 1) {
		*out = pair_sim(al, g);
		return 0;
	}
	wa = gather(&al->sa, g->old, g->nold, &na);
	wb = gather(&al->sb, g->new, g->nnew, &nb);
	if (!wa || !wb) {
		free(wa);
		free(wb);
		return nd_error_oom();
	}
	*out = score(shared_words(wa, na, wb, nb), na, nb);
	free(wa);
	free(wb);
	return 0;
}
