/* test_series_null_sort.c - a lineage that ends (a provision added, or
 * removed) must not hand qsort() a null array. C11 7.22.5 asks for a
 * valid array even when there are no elements, glibc declares the
 * argument nonnull, and the sanitizer build (.ci/run) stops there. In
 * src/core/series.c:
 * - step_set() collects the provisions of the next version into an array
 *   that stays NULL when every record it meets has none on that side, and
 *   passes it to uniq(), which calls qsort(NULL, 0);
 * - strands_step() sorts t->keys, NULL when no strand reaches the version
 *   (a series of versions without provisions), with qsort(NULL, 0).
 *
 * It replaces qsort() in this executable with one that records a null
 * array, so it fails the same way in every build, with or without the
 * sanitizers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/changeset.h"
#include "normdiff/clause.h"
#include "normdiff/series.h"
#include "support.h"

static int null_arrays; /* qsort() calls with a null array */

/* Insertion sort: this executable's qsort(), which series.c links to. */
void qsort(void *base, size_t n, size_t size,
           int (*cmp)(const void *, const void *))
{
	/* read through a volatile: the prototype says nonnull, and the
	 * compiler would drop the check */
	void *volatile seen = base;
	unsigned char *a = base, tmp[64];
	size_t i, j;

	if (!seen) {
		null_arrays++;
		return;
	}
	assert_true(size <= sizeof(tmp));
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && cmp(a + (j - 1) * size, a + j * size) > 0; j--) {
			memcpy(tmp, a + j * size, size);
			memcpy(a + j * size, a + (j - 1) * size, size);
			memcpy(a + (j - 1) * size, tmp, size);
		}
}

static const char *const texts[2] = {
	"Rules\n\n1. States shall cooperate.\n",
	"Rules\n\n1. States shall cooperate.\n\n2. States shall report.\n",
};

/* 2. of the second version was added: going back, its set of ancestors
 * is empty. */
static void test_added_provision(void **state)
{
	nd_doc *d[2];
	nd_changeset *cs;
	nd_series *s;
	nd_lineage l;
	size_t k;

	(void)state;
	for (k = 0; k < 2; k++)
		assert_int_equal(nd_doc_parse(&d[k], texts[k], strlen(texts[k]),
		                              grammar), 0);
	assert_int_equal(nd_changeset_compute(&cs, d[0], d[1], NULL, NULL, NULL),
	                 0);
	assert_int_equal(nd_series_new(&s, (const nd_doc *const *)d,
	                               (const nd_changeset *const *)&cs, 2), 0);
	null_arrays = 0;
	assert_int_equal(nd_lineage_get(&l, s, 1, d[1]->n - 1), 0);
	assert_int_equal(l.introduced, 1);
	assert_int_equal(l.nstates[0], 0);
	nd_lineage_dispose(&l);
	if (null_arrays)
		fail_msg("nd_lineage_get passed qsort() a null array %d time(s)",
		         null_arrays);
	nd_series_free(s);
	nd_changeset_free(cs);
	nd_doc_free(d[0]);
	nd_doc_free(d[1]);
}

/* Two versions without provisions: no strand at all. */
static void test_rows_of_nothing(void **state)
{
	nd_doc *d[2];
	nd_changeset *cs;
	nd_series *s;
	nd_rows r;

	(void)state;
	assert_int_equal(nd_doc_empty(&d[0]), 0);
	assert_int_equal(nd_doc_empty(&d[1]), 0);
	assert_int_equal(nd_changeset_compute(&cs, d[0], d[1], NULL, NULL, NULL),
	                 0);
	assert_int_equal(nd_series_new(&s, (const nd_doc *const *)d,
	                               (const nd_changeset *const *)&cs, 2), 0);
	null_arrays = 0;
	assert_int_equal(nd_series_rows(&r, s), 0);
	assert_int_equal(r.n, 0);
	nd_rows_dispose(&r);
	if (null_arrays)
		fail_msg("nd_series_rows passed qsort() a null array %d time(s)",
		         null_arrays);
	nd_series_free(s);
	nd_changeset_free(cs);
	nd_doc_free(d[0]);
	nd_doc_free(d[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_added_provision),
		cmocka_unit_test(test_rows_of_nothing),
	};

	return cmocka_run_group_tests(tests, test_grammar_setup,
	                              test_grammar_teardown);
}
