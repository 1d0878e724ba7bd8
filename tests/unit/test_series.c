/* test_series.c - a draft through three versions (series.h), on the
 * hand-made series in tests/data/series: v1 -> v2 splits 1. into 1. and
 * 2., adds 6. and edits the preamble and 5. (now 7.); v2 -> v3 merges 4.
 * and 5., removes 6. and edits 1., 3. and 7. (now 5.) again. Lineages, synopsis rows and the word blame
 * are checked against what was done to the texts. */
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
#include "normdiff/error.h"
#include "normdiff/series.h"
#include "support.h"

#define NV TEST_SERIES_N

typedef struct fixture {
	test_series t;           /* the three versions and their chain */
	nd_doc **doc;            /* t.doc */
	nd_series *s;            /* t.s */
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	test_grammar_setup(state);
	assert_non_null(f);
	test_series_load(&f->t);
	f->doc = f->t.doc;
	f->s = f->t.s;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	test_series_free(&f->t);
	free(f);
	return test_grammar_teardown(state);
}

/* The provision labelled `label` in d. */
static size_t find(const nd_doc *d, const char *label)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (!strcmp(nd_doc_label(d, i), label))
			return i;
	fail_msg("no provision %s", label);
	return 0;
}

/* The labels of a lineage's state in version v, joined by '+'. */
static const char *state_labels(const fixture *f, const nd_lineage *l,
                                size_t v, char *buf, size_t size)
{
	size_t k, at = 0;

	buf[0] = '\0';
	for (k = 0; k < l->nstates[v]; k++)
		at += (size_t)snprintf(buf + at, size - at, "%s%s", k ? "+" : "",
		                       nd_doc_label(f->doc[v], l->states[v][k]));
	return buf;
}

static void test_split_then_edit(void **state)
{
	fixture *f = *state;
	nd_lineage l;
	char b[64];

	assert_int_equal(nd_lineage_get(&l, f->s, 2, find(f->doc[2], "1.")), 0);
	assert_int_equal(l.introduced, 0);
	assert_int_equal(l.removed, ND_NONE);
	assert_string_equal(state_labels(f, &l, 0, b, sizeof(b)), "1.");
	assert_string_equal(state_labels(f, &l, 1, b, sizeof(b)), "1.");
	assert_int_equal(l.step[0], ND_STEP_NONE);
	assert_int_equal(l.step[1], ND_CHANGE_SPLIT);
	assert_int_equal(l.step[2], ND_CHANGE_MODIFIED);
	assert_true(nd_lineage_changed(&l, 1));
	assert_true(nd_lineage_changed(&l, 2));
	nd_lineage_dispose(&l);

	/* the other part of the split: from the same old 1., not edited since */
	assert_int_equal(nd_lineage_get(&l, f->s, 2, find(f->doc[2], "2.")), 0);
	assert_int_equal(l.introduced, 0);
	assert_string_equal(state_labels(f, &l, 0, b, sizeof(b)), "1.");
	assert_int_equal(l.step[1], ND_CHANGE_SPLIT);
	assert_int_equal(l.step[2], ND_CHANGE_UNCHANGED);
	assert_false(nd_lineage_changed(&l, 2));
	nd_lineage_dispose(&l);
}

static void test_merge_widens(void **state)
{
	fixture *f = *state;
	nd_lineage l;
	char b[64];

	assert_int_equal(nd_lineage_get(&l, f->s, 2, find(f->doc[2], "4.")), 0);
	assert_string_equal(state_labels(f, &l, 1, b, sizeof(b)), "4.+5.");
	assert_string_equal(state_labels(f, &l, 0, b, sizeof(b)), "3.+4.");
	assert_int_equal(l.step[1], ND_CHANGE_UNCHANGED);
	assert_true(l.renumbered[1]);
	assert_int_equal(l.step[2], ND_CHANGE_MERGED);
	assert_false(nd_lineage_changed(&l, 1));
	nd_lineage_dispose(&l);

	/* read forward from the oldest version: 3. ends up in the merge */
	assert_int_equal(nd_lineage_get(&l, f->s, 0, find(f->doc[0], "3.")), 0);
	assert_string_equal(state_labels(f, &l, 1, b, sizeof(b)), "4.");
	assert_string_equal(state_labels(f, &l, 2, b, sizeof(b)), "4.");
	assert_int_equal(l.removed, ND_NONE);
	nd_lineage_dispose(&l);
}

static void test_added_then_removed(void **state)
{
	fixture *f = *state;
	nd_lineage l;

	assert_int_equal(nd_lineage_get(&l, f->s, 1, find(f->doc[1], "6.")), 0);
	assert_int_equal(l.introduced, 1);
	assert_int_equal(l.removed, 2);
	assert_int_equal(l.nstates[0], 0);
	assert_int_equal(l.nstates[2], 0);
	assert_int_equal(l.step[1], ND_CHANGE_ADDED);
	assert_int_equal(l.step[2], ND_CHANGE_REMOVED);
	assert_false(nd_lineage_changed(&l, 1));
	nd_lineage_dispose(&l);
	assert_int_equal(nd_lineage_get(&l, f->s, 1, 999), ND_EINVAL);
}

/* The rows: every provision of every version is in a row, the newest
 * version's in its order, the removed 6. after the 5. it followed, the
 * split's old 1. in two rows, the merged 4. in two. */
static void test_rows(void **state)
{
	fixture *f = *state;
	nd_rows r;
	size_t k, v, last = 0, removed = ND_NONE, v3_4 = find(f->doc[2], "4.");
	size_t shared = 0;

	assert_int_equal(nd_series_rows(&r, f->s), 0);
	assert_int_equal(r.nver, NV);
	for (k = 0; k < r.n; k++) {
		size_t cell = r.cells[k * NV + 2];

		if (cell != ND_NONE) { /* newest version in order */
			assert_true(k == 0 || cell >= last);
			last = cell;
			shared += cell == v3_4;
		} else if (r.cells[k * NV + 1] != ND_NONE &&
		           !strcmp(nd_doc_label(f->doc[1], r.cells[k * NV + 1]), "6.")) {
			removed = k;
		}
	}
	assert_int_equal(shared, 2);
	assert_int_not_equal(removed, ND_NONE);
	assert_string_equal(nd_doc_label(f->doc[1], r.cells[(removed - 1) * NV + 1]),
	                    "5.");
	for (v = 0; v < NV; v++) /* each provision somewhere */
		for (size_t i = 0; i < f->doc[v]->n; i++) {
			int seen = 0;

			for (k = 0; k < r.n; k++)
				seen |= r.cells[k * NV + v] == i;
			assert_true(seen);
		}
	nd_rows_dispose(&r);
}

/* The words of the body of provision `label` in v3 that came in
 * `version`, joined by one space. */
static void blamed(const fixture *f, const char *label, uint16_t version,
                   char *buf, size_t size)
{
	size_t i = find(f->doc[2], label), k, at = 0;
	const char *body = nd_doc_body(f->doc[2], i);
	size_t len = f->doc[2]->clauses[i].body_len;
	uint16_t *b;
	int in = 0;

	assert_int_equal(nd_series_blame(f->s, 2, i, &b), 0);
	assert_non_null(b);
	buf[0] = '\0';
	for (k = 0; k < len && at + 2 < size; k++) {
		if (b[k] == version && (body[k] != ' ' || in)) {
			buf[at++] = body[k];
			in = 1;
		} else if (in) {
			buf[at++] = '|';
			in = 0;
		}
	}
	buf[at] = '\0';
	free(b);
}

static void test_blame(void **state)
{
	fixture *f = *state;
	char b[256];

	blamed(f, "1.", 2, b, sizeof(b));
	assert_string_equal(b, "without delay |");
	blamed(f, "3.", 2, b, sizeof(b));
	assert_string_equal(b, ", flow|week|");
	/* edited in two versions: each word keeps the version that wrote it */
	blamed(f, "5.", 1, b, sizeof(b));
	assert_string_equal(b, "promptly |");
	blamed(f, "5.", 2, b, sizeof(b));
	assert_string_equal(b, "or, failing that, by mediation|");
	blamed(f, "5.", 0, b, sizeof(b));
	assert_string_equal(b, "Disputes shall be settled |by negotiation|.");
	/* merged: words of both old parts keep their versions */
	blamed(f, "4.", 0, b, sizeof(b));
	assert_string_equal(b, "Each State shall keep the river free of waste from "
	                       "industry|shall prevent pollution from agriculture.");
	/* the split's second part is read against the whole it came from:
	 * the longest common run takes "Each State shall ... the others ...
	 * in good faith before the works begin" from version 0, so only
	 * "consult" is version 1's */
	blamed(f, "2.", 1, b, sizeof(b));
	assert_string_equal(b, "consult|");
	/* and the first part keeps the old full stop */
	blamed(f, "1.", 1, b, sizeof(b));
	assert_string_equal(b, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_then_edit),
		cmocka_unit_test(test_merge_widens),
		cmocka_unit_test(test_added_then_removed),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_blame),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
