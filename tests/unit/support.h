/* support.h - fixtures shared by the unit tests. */
#ifndef NORMDIFF_TEST_SUPPORT_H
#define NORMDIFF_TEST_SUPPORT_H

#include <stddef.h>

#include "normdiff/clause.h"
#include "normdiff/changeset.h"
#include "normdiff/grammar.h"
#include "normdiff/series.h"

/* The default grammar, built by test_grammar_setup() and freed by
 * test_grammar_teardown() (cmocka group fixtures). */
extern nd_grammar *grammar;
int test_grammar_setup(void **state);
int test_grammar_teardown(void **state);

/* A whole file, NUL-terminated, its length in *len (if len is non-NULL);
 * NULL if it cannot be opened. */
char *test_slurp(const char *path, size_t *len);

/* The file "$ENV/rel", whole; fails the test if it cannot be read. */
char *test_read(const char *env, const char *rel, size_t *len);

/* "$ENV/rel" in buf (fails the test if ENV is not set). */
const char *test_path(const char *env, const char *rel, char *buf, size_t size);

/* The bundled draft "$ND_DRAFTS/name" parsed with the default grammar;
 * fails the test if it cannot be. */
nd_doc *test_parse_draft(const char *name);


/* The hand-made three-version series in $ND_TEST_DATA/series (v1, v2,
 * v3), parsed, compared pair by pair and chained; test_series_free()
 * frees it. Fails the test if any step fails. */
#define TEST_SERIES_N 3
typedef struct test_series {
	nd_doc *doc[TEST_SERIES_N];
	nd_changeset *cs[TEST_SERIES_N - 1];
	nd_series *s;
} test_series;

void test_series_load(test_series *t);
void test_series_free(test_series *t);

#endif
