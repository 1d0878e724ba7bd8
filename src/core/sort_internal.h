/* sort_internal.h - a stable merge sort with its comparison inlined, for
 * the records the alignment sorts by the tens of thousands (candidate
 * pairs, groups, anchors). Private to src/core.
 *
 * Why not qsort: glibc's qsort is a merge sort too, but it calls the
 * comparison through a pointer and moves records with memcpy of a size
 * known only at run time: on the 10 MB pair that was 5 % of all the
 * instructions. This one is as stable (of two records the comparison
 * calls equal, the first stays first), so every order it gives is the
 * one qsort gave: the same with a comparison that orders all records,
 * and the same among equals otherwise.
 *
 * DEFINE_RADIX(name, type, KEY), further down, is the other: least
 * significant digit first, stable too, for long runs of records with a
 * 64-bit key (word hashes, postings, scores).
 *
 * DEFINE_STABLE_SORT(name, type, BEFORE) defines
 *     static int name(type *v, size_t n);
 * sorting v[0..n) so that no record comes after one it is BEFORE(x, y)
 * (a strict order on pointers to records); it returns 0, or -1 without
 * memory for its buffer of n / 2 records (then v is as it was). Runs of
 * up to 16 records are sorted by insertion; two sorted halves already in
 * order are not merged.
 */
#ifndef NORMDIFF_SORT_INTERNAL_H
#define NORMDIFF_SORT_INTERNAL_H

#include <stdlib.h>
#include <string.h>

#define DEFINE_STABLE_SORT(name, type, BEFORE)                                  \
	static void name##_run(type *v, type *tmp, size_t n)                        \
	{                                                                           \
		size_t h, i, j, k;                                                      \
                                                                                    \
		if (n <= 16) {                                                          \
			for (i = 1; i < n; i++) {                                           \
				type x = v[i];                                                  \
                                                                                    \
				for (j = i; j > 0 && BEFORE(&x, &v[j - 1]); j--)                \
					v[j] = v[j - 1];                                            \
				v[j] = x;                                                       \
			}                                                                   \
			return;                                                             \
		}                                                                       \
		h = n / 2;                                                              \
		name##_run(v, tmp, h);                                                  \
		name##_run(v + h, tmp, n - h);                                          \
		if (!BEFORE(&v[h], &v[h - 1]))                                          \
			return; /* the halves are in order already */                       \
		memcpy(tmp, v, h * sizeof(type));                                       \
		for (i = 0, j = h, k = 0; i < h && j < n;)                              \
			v[k++] = BEFORE(&v[j], &tmp[i]) ? v[j++] : tmp[i++];                \
		while (i < h)                                                           \
			v[k++] = tmp[i++];                                                  \
	}                                                                           \
                                                                                    \
	static int name(type *v, size_t n)                                          \
	{                                                                           \
		type *tmp;                                                              \
                                                                                    \
		if (n < 2)                                                              \
			return 0;                                                           \
		if ((tmp = malloc((n / 2 + 1) * sizeof(type))) == NULL)                 \
			return -1;                                                          \
		name##_run(v, tmp, n);                                                  \
		free(tmp);                                                              \
		return 0;                                                               \
	}

/* The radix sort (DEFINE_RADIX below) of records by a 64-bit key, used
 * from this many records on: a sort by comparisons of one of half the
 * document costs n log n, with a mispredicted branch at every other
 * comparison, and below it the radix sort's counts cost more. */
#define RADIX_MIN 8192
#define RADIX_BITS 11
#define RADIX_PASSES ((64 + RADIX_BITS - 1) / RADIX_BITS)
#define RADIX_SIZE ((size_t)1 << RADIX_BITS)

/* A radix sort of `type` records by the 64-bit key KEY(record): least
 * significant digit first, RADIX_BITS at a time, through a buffer as
 * long as v; stable; a digit all keys share is skipped. The function
 * returns 0, or -1 without memory (then nothing is done). One macro for
 * every record type, so that each moves its records by assignment. */
#define DEFINE_RADIX(name, type, KEY)                                           \
	static int name(type *v, size_t n)                                          \
	{                                                                           \
		size_t *count = calloc(RADIX_PASSES * RADIX_SIZE, sizeof(size_t));      \
		type *tmp = malloc(n * sizeof(type)), *src = v, *dst = tmp, *t;         \
		size_t i, d, x, at, k, *c;                                              \
		unsigned shift;                                                         \
                                                                                    \
		if (!count || !tmp) {                                                   \
			free(count);                                                        \
			free(tmp);                                                          \
			return -1;                                                          \
		}                                                                       \
		for (i = 0; i < n; i++)                                                 \
			for (d = 0; d < RADIX_PASSES; d++)                                  \
				count[d * RADIX_SIZE +                                          \
				      ((KEY(v[i]) >> (d * RADIX_BITS)) & (RADIX_SIZE - 1))]++;  \
		for (d = 0; d < RADIX_PASSES; d++) {                                    \
			c = count + d * RADIX_SIZE;                                         \
			shift = (unsigned)(d * RADIX_BITS);                                 \
			if (c[(KEY(src[0]) >> shift) & (RADIX_SIZE - 1)] == n)              \
				continue; /* every key has this digit */                        \
			for (x = 0, at = 0; x < RADIX_SIZE; x++) { /* counts to places */   \
				k = c[x];                                                       \
				c[x] = at;                                                      \
				at += k;                                                        \
			}                                                                   \
			for (i = 0; i < n; i++)                                             \
				dst[c[(KEY(src[i]) >> shift) & (RADIX_SIZE - 1)]++] = src[i];   \
			t = src;                                                            \
			src = dst;                                                          \
			dst = t;                                                            \
		}                                                                       \
		if (src != v)                                                           \
			memcpy(v, src, n * sizeof(type));                                   \
		free(count);                                                            \
		free(tmp);                                                              \
		return 0;                                                               \
	}

#endif
