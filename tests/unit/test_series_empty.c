/* test_series_empty.c - a series whose versions hold no provisions (the
 * empty document git's external diff passes for an added or deleted
 * file, nd_doc_empty): it has no strands, so its rows are none.
 *
 * Known bug, left for series.c's owner: nd_series_rows() then calls
 * qsort() with a NULL array (strands_step, src/core/series.c:432, on
 * t->keys, never allocated when no version has a provision), which C
 * forbids even for a count of 0 (qsort's array is declared nonnull). The
 * plain build passes this test; the ASan+UBSan build of .ci/run
 * (UBSAN_OPTIONS=halt_on_error=1) aborts on it with "null pointer passed
 * as argument 1, which is declared to never be null". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "normdiff/changeset.h"
#include "normdiff/clause.h"
#include "normdiff/series.h"

static void test_rows_of_empty_versions(void **state)
{
	nd_doc *d[3] = {NULL, NULL, NULL};
	nd_changeset *cs[2] = {NULL, NULL};
	nd_series *s = NULL;
	nd_rows rows;
	size_t k;

	(void)state;
	for (k = 0; k < 3; k++)
		assert_int_equal(nd_doc_empty(&d[k]), 0);
	for (k = 0; k < 2; k++)
		assert_int_equal(nd_changeset_compute(&cs[k], d[k], d[k + 1], NULL,
		                                      NULL, NULL), 0);
	assert_int_equal(nd_series_new(&s, (const nd_doc *const *)d,
	                               (const nd_changeset *const *)cs, 3), 0);
	assert_int_equal(nd_series_rows(&rows, s), 0);
	assert_int_equal(rows.n, 0);
	assert_int_equal(rows.nver, 3);
	nd_rows_dispose(&rows);
	nd_series_free(s);
	for (k = 0; k < 2; k++)
		nd_changeset_free(cs[k]);
	for (k = 0; k < 3; k++)
		nd_doc_free(d[k]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rows_of_empty_versions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
