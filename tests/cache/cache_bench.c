/* cache_bench.c - what the cache of alignments saves: the time to compute
 * the change set of two files against the time to save it and to load it
 * back (nd_changeset_save/load), median of RUNS runs each, and the size of
 * the saved bytes; with STORE (a new directory, made a store and left for
 * the caller to remove), also the time to put the bytes into its cache
 * and to get them back (nd_store_cache_put/get). A measurement for
 * docs/performance.md, not a test.
 *
 *   cache_bench OLD NEW [RUNS [STORE]]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "normdiff/changeset_io.h"
#include "normdiff/error.h"
#include "normdiff/store.h"

static char *slurp(const char *path, size_t *len)
{
	nd_buf b = ND_BUF_INIT;
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (nd_buf_put(&b, chunk, n))
			break;
	fclose(f);
	*len = b.len;
	return nd_buf_detach(&b);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(double), by_value);
	return v[n / 2];
}

/* Put and get the saved bytes in a new store's cache. */
static int store_times(const char *path, const nd_buf *bytes, int runs)
{
	nd_store *s = NULL;
	double tput[64], tget[64], t;
	char *data;
	size_t len;
	int k;

	if (nd_store_init(&s, path)) {
		fprintf(stderr, "cache_bench: %s\n", nd_error_message());
		return -1;
	}
	for (k = 0; k < runs; k++) {
		t = now();
		if (nd_store_cache_put(s, "cache_bench", 11, bytes->ptr, bytes->len))
			break;
		tput[k] = now() - t;
		t = now();
		if (nd_store_cache_get(s, "cache_bench", 11, &data, &len))
			break;
		tget[k] = now() - t;
		free(data);
	}
	if (k < runs) {
		fprintf(stderr, "cache_bench: %s\n", nd_error_message());
		nd_store_free(s);
		return -1;
	}
	printf("cache put   %9.2f ms\n", median(tput, runs) * 1e3);
	printf("cache get   %9.2f ms\n", median(tget, runs) * 1e3);
	nd_store_free(s);
	return 0;
}

int main(int argc, char **argv)
{
	nd_grammar *g = NULL;
	nd_doc *a = NULL, *b = NULL;
	nd_align_opts o;
	nd_changeset *cs = NULL;
	nd_buf bytes = ND_BUF_INIT;
	double tc[64], ts[64], tl[64], tp[64], t;
	char *da, *db;
	size_t la, lb;
	int runs = argc > 3 ? atoi(argv[3]) : 5, k;

	if (argc < 3 || runs < 1 || runs > 64) {
		fprintf(stderr, "usage: cache_bench OLD NEW [RUNS (1-64)]\n");
		return 2;
	}
	if (!(da = slurp(argv[1], &la)) || !(db = slurp(argv[2], &lb)) ||
	    nd_grammar_default(&g)) {
		fprintf(stderr, "cache_bench: cannot read the inputs\n");
		return 2;
	}
	nd_align_opts_init(&o);
	for (k = 0; k < runs; k++) {
		nd_doc_free(a);
		nd_doc_free(b);
		t = now();
		if (nd_doc_parse(&a, da, la, g) || nd_doc_parse(&b, db, lb, g)) {
			fprintf(stderr, "cache_bench: %s\n", nd_error_message());
			return 2;
		}
		tp[k] = now() - t;
		nd_changeset_free(cs);
		t = now();
		if (nd_changeset_compute(&cs, a, b, &o, NULL, NULL))
			return 2;
		tc[k] = now() - t;
		nd_buf_clear(&bytes);
		t = now();
		if (nd_changeset_save(&bytes, cs))
			return 2;
		ts[k] = now() - t;
	}
	for (k = 0; k < runs; k++) {
		nd_changeset *back = NULL;

		t = now();
		if (nd_changeset_load(&back, a, b, bytes.ptr, bytes.len)) {
			fprintf(stderr, "cache_bench: %s\n", nd_error_message());
			return 2;
		}
		tl[k] = now() - t;
		nd_changeset_free(back);
	}
	printf("inputs %zu + %zu bytes, %zu + %zu provisions, %zu records\n",
	       la, lb, a->n, b->n, cs->n);
	printf("parse both  %9.2f ms\n", median(tp, runs) * 1e3);
	printf("compute     %9.2f ms\n", median(tc, runs) * 1e3);
	printf("save        %9.2f ms\n", median(ts, runs) * 1e3);
	printf("load        %9.2f ms\n", median(tl, runs) * 1e3);
	printf("saved bytes %9zu\n", bytes.len);
	if (argc > 4 && store_times(argv[4], &bytes, runs))
		return 2;
	nd_buf_dispose(&bytes);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
	nd_grammar_free(g);
	free(da);
	free(db);
	return 0;
}
