/* support.c - see support.h. */
#include "support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"

nd_grammar *grammar;

int test_grammar_setup(void **state)
{
	(void)state;
	return nd_grammar_default(&grammar) == 0 ? 0 : -1;
}

int test_grammar_teardown(void **state)
{
	(void)state;
	nd_grammar_free(grammar);
	grammar = NULL;
	return 0;
}

char *test_slurp(const char *path, size_t *len)
{
	nd_buf b = ND_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		assert_int_equal(nd_buf_put(&b, chunk, n), 0);
	fclose(f);
	if (len)
		*len = b.len;
	return nd_buf_detach(&b);
}

char *test_read(const char *env, const char *rel, size_t *len)
{
	char path[4096];
	char *data = test_slurp(test_path(env, rel, path, sizeof(path)), len);

	if (!data)
		fail_msg("cannot read %s", path);
	return data;
}

const char *test_path(const char *env, const char *rel, char *buf, size_t size)
{
	const char *dir = getenv(env);

	if (!dir)
		fail_msg("%s is not set", env);
	snprintf(buf, size, "%s/%s", dir, rel);
	return buf;
}

nd_doc *test_parse_draft(const char *name)
{
	size_t len;
	char *data = test_read("ND_DRAFTS", name, &len);
	nd_doc *d = NULL;

	if (nd_doc_parse(&d, data, len, grammar))
		fail_msg("parse %s: %s", name, nd_error_message());
	free(data);
	return d;
}

void test_series_load(test_series *t)
{
	static const char *names[TEST_SERIES_N] = {"series/v1.txt",
	                                           "series/v2.txt",
	                                           "series/v3.txt"};
	size_t k, len;

	memset(t, 0, sizeof(*t));
	for (k = 0; k < TEST_SERIES_N; k++) {
		char *text = test_read("ND_TEST_DATA", names[k], &len);

		assert_int_equal(nd_doc_parse(&t->doc[k], text, len, grammar), 0);
		free(text);
	}
	for (k = 0; k + 1 < TEST_SERIES_N; k++)
		assert_int_equal(nd_changeset_compute(&t->cs[k], t->doc[k],
		                                      t->doc[k + 1], NULL, NULL,
		                                      NULL), 0);
	assert_int_equal(nd_series_new(&t->s, (const nd_doc *const *)t->doc,
	                               (const nd_changeset *const *)t->cs,
	                               TEST_SERIES_N), 0);
}

void test_series_free(test_series *t)
{
	size_t k;

	nd_series_free(t->s);
	for (k = 0; k + 1 < TEST_SERIES_N; k++)
		nd_changeset_free(t->cs[k]);
	for (k = 0; k < TEST_SERIES_N; k++)
		nd_doc_free(t->doc[k]);
	memset(t, 0, sizeof(*t));
}
