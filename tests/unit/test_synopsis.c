/* test_synopsis.c - the synopsis renderers (synopsis.h) on the hand-made
 * series in tests/data/series: v1 -> v2 splits 1. into 1. and 2., v2 ->
 * v3 merges 4. and 5. So the table has two spans (v1's old 1. over two
 * rows, v3's merged 4. over two rows), which every format must show once;
 * the text format must keep to its width and close its colours on every
 * line; bad arguments leave the output as it was. */
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
#include "normdiff/synopsis.h"
#include "normdiff/utf8.h"
#include "support.h"

#define NV TEST_SERIES_N

typedef struct fixture {
	test_series t;           /* the three versions and their chain */
	nd_doc **doc;            /* t.doc */
	nd_series *s;            /* t.s */
	nd_rows rows;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	test_grammar_setup(state);
	assert_non_null(f);
	test_series_load(&f->t);
	f->doc = f->t.doc;
	f->s = f->t.s;
	assert_int_equal(nd_series_rows(&f->rows, f->s), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	nd_rows_dispose(&f->rows);
	test_series_free(&f->t);
	free(f);
	return test_grammar_teardown(state);
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (; (hay = strstr(hay, needle)) != NULL; hay += strlen(needle))
		n++;
	return n;
}

static char *render(fixture *f, const char *format, const nd_synopsis_opts *o)
{
	nd_buf out = ND_BUF_INIT;

	assert_int_equal(nd_render_synopsis(&out, f->s, &f->rows, format, o), 0);
	return nd_buf_detach(&out);
}

/* Every format named in nd_synopsis_formats() renders, and no other. */
static void test_formats(void **state)
{
	fixture *f = *state;
	char names[64], *tok, *save = NULL;
	size_t n = 0;

	snprintf(names, sizeof(names), "%s", nd_synopsis_formats());
	for (tok = strtok_r(names, ", ", &save); tok;
	     tok = strtok_r(NULL, ", ", &save), n++) {
		char *s = render(f, tok, NULL);

		assert_true(nd_synopsis_format_known(tok));
		assert_true(strlen(s) > 0);
		free(s);
	}
	assert_int_equal(n, 5);
	assert_false(nd_synopsis_format_known("pdf"));
	assert_false(nd_synopsis_format_known(NULL));
}

/* Unknown format, baseline outside the series, rows of another width:
 * ND_EINVAL, and the buffer keeps what it held. */
static void test_bad_arguments(void **state)
{
	fixture *f = *state;
	nd_synopsis_opts o;
	nd_rows other = f->rows;
	nd_buf out = ND_BUF_INIT;

	nd_synopsis_opts_init(&o);
	assert_int_equal(nd_buf_puts(&out, "keep"), 0);
	assert_int_equal(nd_render_synopsis(&out, f->s, &f->rows, "pdf", NULL),
	                 ND_EINVAL);
	o.baseline = NV;
	assert_int_equal(nd_render_synopsis(&out, f->s, &f->rows, "json", &o),
	                 ND_EINVAL);
	other.nver = NV - 1;
	assert_int_equal(nd_render_synopsis(&out, f->s, &other, "text", NULL),
	                 ND_EINVAL);
	assert_string_equal(out.ptr, "keep");
	nd_buf_dispose(&out);
}

/* The two spans, once each, in every format. */
static void test_spans(void **state)
{
	fixture *f = *state;
	char *json = render(f, "json", NULL), *html = render(f, "html", NULL);
	char *csv = render(f, "csv", NULL), *md = render(f, "markdown", NULL);
	char *text = render(f, "text", NULL);

	assert_int_equal(count(json, "\"span\": 2"), 2);
	assert_int_equal(count(json, "\"continued\": true"), 2);
	assert_int_equal(count(json, "\"span\": 0"), 2);
	assert_int_equal(count(html, "rowspan=\"2\""), 2);
	/* a cell for every row and version but the two continued ones */
	assert_int_equal(count(html, "<td"), f->rows.n * NV - 2);
	assert_int_equal(count(csv, "\"\xE3\x80\x83\""), 2);
	assert_int_equal(count(csv, "\r\n"), f->rows.n + 1);
	assert_int_equal(count(md, "| \xE3\x80\x83 |"), 2);
	assert_int_equal(count(text, "\xE3\x80\x83 as above"), 2);
	free(json);
	free(html);
	free(csv);
	free(md);
	free(text);
}

/* The merged 4. of v3 reads against both provisions it merged: the second
 * one's words are not inserted, the joining is. */
static void test_merge_against_both(void **state)
{
	fixture *f = *state;
	char *csv = render(f, "csv", NULL);

	assert_non_null(strstr(csv, "industry[-. Each State-] {+and+} shall "
	                       "prevent pollution from agriculture."));
	free(csv);
}

/* --baseline: the baseline column is plain, the others read against it. */
static void test_baseline(void **state)
{
	fixture *f = *state;
	nd_synopsis_opts o;
	char *csv, *json;

	nd_synopsis_opts_init(&o);
	o.baseline = 2;
	csv = render(f, "csv", &o);
	json = render(f, "json", &o);
	/* v1's 5. lacks the words v2 and v3 added: they are deleted from the
	 * baseline; v2's 7. lacks only v3's */
	assert_non_null(strstr(csv, "\"5. Disputes shall be settled [-promptly-] by "
	                       "negotiation [-or, failing that, by mediation-].\""));
	assert_non_null(strstr(csv, "\"7. Disputes shall be settled promptly by "
	                       "negotiation [-or, failing that, by mediation-].\""));
	assert_non_null(strstr(json, "\"baseline\": 2,"));
	free(csv);
	free(json);
}

/* Display columns of a line: the ditto mark and em dash are the only
 * characters in this data wider or narrower than one byte a column. */
static size_t columns(const char *s, size_t len)
{
	size_t k = 0, w = 0;
	uint32_t cp;

	while (k < len) {
		size_t n = nd_utf8_decode(s + k, len - k, &cp);

		w += n ? nd_utf8_cp_width(cp) : 1;
		k += n ? n : 1;
	}
	return w;
}

/* Wrapped to the width; with colour, every line closes what it opens. */
static void test_text_width_color(void **state)
{
	fixture *f = *state;
	nd_synopsis_opts o;
	char *text, *line, *save = NULL;
	size_t lines = 0;

	nd_synopsis_opts_init(&o);
	o.width = 40;
	text = render(f, "text", &o);
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), lines++)
		assert_true(columns(line, strlen(line)) <= 40);
	assert_true(lines > f->rows.n * NV);
	free(text);
	o.color = 1;
	text = render(f, "text", &o);
	assert_null(strstr(text, "[-"));
	assert_non_null(strstr(text, "\x1b[31;9m"));
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t on = count(line, "\x1b[3"), off = count(line, "\x1b[0m");
		const char *last = line, *p;

		/* each style closed before the next opens, the last one too */
		assert_int_equal(on, off);
		for (p = line; (p = strstr(p, "\x1b[")) != NULL; p++)
			last = p;
		if (on)
			assert_memory_equal(last, "\x1b[0m", 4);
	}
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_bad_arguments),
		cmocka_unit_test(test_spans),
		cmocka_unit_test(test_merge_against_both),
		cmocka_unit_test(test_baseline),
		cmocka_unit_test(test_text_width_color),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
