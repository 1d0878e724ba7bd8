/* test_changeset_io.c - a change set saved and loaded: the loaded one is
 * the computed one (fields, edits, notes, and the text and JSON reports
 * byte for byte) for the bundled pair and every consecutive pair of the
 * corpus, with the default options and with options that set every flag
 * and note, and the same when the documents keep their signatures
 * (nd_doc_index); and bytes that are not exactly a saved change set of the two
 * documents are refused with ND_ECORRUPT (truncations, every byte changed,
 * and each rule of the format broken on purpose).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/buf.h"
#include "normdiff/changeset.h"
#include "normdiff/changeset_io.h"
#include "normdiff/error.h"
#include "normdiff/render.h"
#include "support.h"

static nd_doc *parse(const char *text, size_t len)
{
	nd_doc *d = NULL;

	if (nd_doc_parse(&d, text, len, grammar))
		fail_msg("parse: %s", nd_error_message());
	return d;
}

static nd_changeset *compute(const nd_doc *a, const nd_doc *b,
                             const nd_align_opts *o)
{
	nd_changeset *cs = NULL;

	if (nd_changeset_compute(&cs, a, b, o, NULL, NULL))
		fail_msg("align: %s", nd_error_message());
	return cs;
}

static char *save(const nd_changeset *cs, size_t *len)
{
	nd_buf b = ND_BUF_INIT;

	assert_int_equal(nd_changeset_save(&b, cs), 0);
	*len = b.len;
	return nd_buf_detach(&b);
}

static char *report(const nd_changeset *cs, const char *format)
{
	nd_buf b = ND_BUF_INIT;
	nd_report_opts o = {0};

	o.width = 100;
	assert_int_equal(nd_render_report(&b, cs, format, &o), 0);
	return nd_buf_detach(&b);
}

/* The side text an edit of change c must point into. */
static const char *side(const nd_doc *d, const size_t *idx, size_t n,
                        const char *joined)
{
	return n == 1 ? nd_doc_body(d, idx[0]) : n ? joined : NULL;
}

static void assert_same_change(const nd_changeset *x, const nd_change *a,
                               const nd_changeset *y, const nd_change *b)
{
	size_t k;

	assert_int_equal(a->kind, b->kind);
	assert_int_equal(a->moved, b->moved);
	assert_int_equal(a->renumbered, b->renumbered);
	assert_int_equal(a->editorial, b->editorial);
	assert_int_equal(a->xref_only, b->xref_only);
	assert_int_equal(a->layout, b->layout);
	assert_memory_equal(&a->similarity, &b->similarity, sizeof(double));
	assert_int_equal(a->changed_within, b->changed_within);
	assert_int_equal(a->nold, b->nold);
	assert_int_equal(a->nnew, b->nnew);
	for (k = 0; k < a->nold; k++)
		assert_int_equal(a->old[k], b->old[k]);
	for (k = 0; k < a->nnew; k++)
		assert_int_equal(a->new[k], b->new[k]);
	assert_int_equal(!a->old_joined, !b->old_joined);
	assert_int_equal(!a->new_joined, !b->new_joined);
	if (a->old_joined)
		assert_string_equal(a->old_joined, b->old_joined);
	if (a->new_joined)
		assert_string_equal(a->new_joined, b->new_joined);
	assert_memory_equal(&a->diff.similarity, &b->diff.similarity, sizeof(double));
	assert_int_equal(a->diff.editorial, b->diff.editorial);
	assert_int_equal(a->diff.capped, b->diff.capped);
	assert_int_equal(a->diff.n, b->diff.n);
	for (k = 0; k < a->diff.n; k++) {
		const nd_op *p = &a->diff.ops[k], *q = &b->diff.ops[k];
		const char *pa = side(x->old, a->old, a->nold, a->old_joined);
		const char *pb = side(x->new, a->new, a->nnew, a->new_joined);
		const char *qa = side(y->old, b->old, b->nold, b->old_joined);
		const char *qb = side(y->new, b->new, b->nnew, b->new_joined);

		assert_int_equal(p->kind, q->kind);
		assert_int_equal(p->len, q->len);
		assert_memory_equal(p->text, q->text, p->len);
		/* at the same offset of its text */
		if (p->kind == ND_OP_INSERT)
			assert_int_equal(p->text - pb, q->text - qb);
		else
			assert_int_equal(p->text - pa, q->text - qa);
	}
}

/* Save a's change set, load it, and check that it is a's in every way. */
static void roundtrip(const nd_doc *a, const nd_doc *b, const nd_align_opts *o)
{
	nd_changeset *cs = compute(a, b, o), *back = NULL;
	size_t len, len2, k;
	char *bytes = save(cs, &len), *again, *r1, *r2;

	if (nd_changeset_load(&back, a, b, bytes, len))
		fail_msg("load: %s", nd_error_message());
	again = save(back, &len2);
	assert_int_equal(len, len2);
	assert_memory_equal(bytes, again, len);
	assert_ptr_equal(back->old, a);
	assert_ptr_equal(back->new, b);
	assert_int_equal(back->n, cs->n);
	assert_memory_equal(&back->summary, &cs->summary, sizeof(nd_summary));
	assert_int_equal(back->nnotes, cs->nnotes);
	for (k = 0; k < cs->nnotes; k++)
		assert_string_equal(back->notes[k], cs->notes[k]);
	for (k = 0; k < cs->n; k++)
		assert_same_change(cs, &cs->changes[k], back, &back->changes[k]);
	r1 = report(cs, "text");
	r2 = report(back, "text");
	assert_string_equal(r1, r2);
	free(r1);
	free(r2);
	r1 = report(cs, "json");
	r2 = report(back, "json");
	assert_string_equal(r1, r2);
	free(r1);
	free(r2);
	free(bytes);
	free(again);
	nd_changeset_free(cs);
	nd_changeset_free(back);
}

/* Index d for mode m: 0 plain (nd_doc_index), 1 against the other
 * version, 2 against itself (a wrong hint: it keeps no words). */
static int index_for(const nd_doc *d, const nd_doc *other, int m)
{
	return m == 0 ? nd_doc_index((nd_doc *)d)
	       : nd_doc_index_against((nd_doc *)d, m == 1 ? other : d);
}

/* The signatures kept with the documents (nd_doc_index, and indexed
 * against each other or against the wrong version) give the change set
 * computed without them, byte for byte. */
static void indexed_same(const nd_doc *a, const nd_doc *b,
                         const nd_align_opts *o)
{
	nd_changeset *plain = compute(a, b, o), *indexed;
	size_t n1, n2;
	char *x = save(plain, &n1), *y;
	int ma, mb;

	for (ma = 0; ma < 3; ma++)
		for (mb = 0; mb < 3; mb++) {
			assert_int_equal(index_for(a, b, ma), 0);
			assert_int_equal(index_for(b, a, mb), 0);
			assert_non_null(a->index);
			indexed = compute(a, b, o);
			y = save(indexed, &n2);
			assert_int_equal(n1, n2);
			assert_memory_equal(x, y, n1);
			nd_doc_unindex((nd_doc *)a);
			nd_doc_unindex((nd_doc *)b);
			assert_null(a->index);
			free(y);
			nd_changeset_free(indexed);
		}
	free(x);
	nd_changeset_free(plain);
}

static void roundtrip_and_index(const nd_doc *a, const nd_doc *b,
                                const nd_align_opts *o)
{
	roundtrip(a, b, o);
	indexed_same(a, b, o);
}

/* The option sets every round trip is tried with: the defaults; ignoring
 * case and punctuation; and a tiny cost cap and posting limit, which
 * bring capped word diffs and notes. */
static void roundtrip_all(const nd_doc *a, const nd_doc *b)
{
	nd_align_opts o;

	nd_align_opts_init(&o);
	roundtrip_and_index(a, b, &o);
	o.ignore_case = o.ignore_punct = 1;
	roundtrip_and_index(a, b, &o);
	nd_align_opts_init(&o);
	o.max_cost = 3;
	o.max_posting = 2;
	o.threshold = 0.3;
	roundtrip_and_index(a, b, &o);
}

static void test_bundled_pair(void **state)
{
	nd_doc *a = test_parse_draft("2011-A-66-359.txt");
	nd_doc *b = test_parse_draft("2015-A-69-723.txt");

	(void)state;
	roundtrip_all(a, b);
	roundtrip_all(b, a);
	roundtrip_all(a, a);
	nd_doc_free(a);
	nd_doc_free(b);
}

static void test_empty_documents(void **state)
{
	nd_doc *e = NULL, *a = test_parse_draft("2011-A-66-359.txt");

	(void)state;
	assert_int_equal(nd_doc_empty(&e), 0);
	roundtrip_all(e, e);
	roundtrip_all(e, a);
	roundtrip_all(a, e);
	nd_doc_free(e);
	nd_doc_free(a);
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Each pair of consecutive versions (by file name) of one corpus family. */
static size_t family_pairs(const char *family)
{
	char dir[4096], path[4400];
	char *names[64];
	nd_doc *docs[64];
	size_t n = 0, k, len;
	struct dirent *e;
	DIR *d;

	test_path("ND_TEST_DATA", "corpus", dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, family);
	assert_non_null(d = opendir(path));
	while ((e = readdir(d)) != NULL && n < 64)
		if (strstr(e->d_name, ".txt"))
			assert_non_null(names[n++] = strdup(e->d_name));
	closedir(d);
	qsort(names, n, sizeof(char *), by_name);
	for (k = 0; k < n; k++) {
		char rel[512], *data;

		snprintf(rel, sizeof(rel), "corpus/%s/%s", family, names[k]);
		data = test_read("ND_TEST_DATA", rel, &len);
		docs[k] = parse(data, len);
		free(data);
	}
	for (k = 1; k < n; k++)
		roundtrip_all(docs[k - 1], docs[k]);
	for (k = 0; k < n; k++) {
		nd_doc_free(docs[k]);
		free(names[k]);
	}
	return n ? n - 1 : 0;
}

static void test_corpus_pairs(void **state)
{
	char dir[4096];
	struct dirent *e;
	size_t pairs = 0;
	DIR *d;

	(void)state;
	assert_non_null(d = opendir(test_path("ND_TEST_DATA", "corpus", dir,
	                                      sizeof(dir))));
	while ((e = readdir(d)) != NULL) {
		char sub[4400];
		DIR *f;

		if (e->d_name[0] == '.')
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", dir, e->d_name);
		if ((f = opendir(sub)) == NULL)
			continue;
		closedir(f);
		pairs += family_pairs(e->d_name);
	}
	closedir(d);
	assert_true(pairs >= 20); /* the corpus is there */
}

/* ---- refusals ------------------------------------------------------------ */

typedef struct pair {
	nd_doc *a, *b;
	char *bytes;
	size_t len;
} pair;

static int pair_setup(void **state)
{
	pair *p = calloc(1, sizeof(*p));
	nd_align_opts o;
	nd_changeset *cs;

	if (!p)
		return -1;
	p->a = test_parse_draft("2011-A-66-359.txt");
	p->b = test_parse_draft("2015-A-69-723.txt");
	nd_align_opts_init(&o);
	o.max_cost = 3; /* capped diffs: a note to damage too */
	cs = compute(p->a, p->b, &o);
	assert_true(cs->nnotes > 0);
	p->bytes = save(cs, &p->len);
	nd_changeset_free(cs);
	*state = p;
	return 0;
}

static int pair_teardown(void **state)
{
	pair *p = *state;

	nd_doc_free(p->a);
	nd_doc_free(p->b);
	free(p->bytes);
	free(p);
	return 0;
}

static const char *edit_now = ""; /* named when a refusal fails */

/* Loading data[0..len) is refused with ND_ECORRUPT and a one-line message,
 * or (when may_load) gives a change set that saves back to exactly data. */
static void refused(const pair *p, const char *data, size_t len, int may_load)
{
	nd_changeset *cs = (nd_changeset *)1;
	char *copy = malloc(len + 1); /* exact size: reads past it are caught */
	int err;

	assert_non_null(copy);
	memcpy(copy, data, len);
	nd_error_clear();
	err = nd_changeset_load(&cs, p->a, p->b, copy, len);
	if (err == 0 && may_load) {
		size_t n;
		char *again = save(cs, &n);

		assert_int_equal(n, len);
		assert_memory_equal(again, data, len);
		free(again);
		nd_changeset_free(cs);
		free(copy);
		return;
	}
	if (err != ND_ECORRUPT)
		fail_msg("loaded (%d) bytes that should be refused (%s): %.*s", err,
		         edit_now, (int)(len > 200 ? 200 : len), data);
	assert_null(cs);
	assert_non_null(strstr(nd_error_message(), "damaged"));
	assert_null(strchr(nd_error_message(), '\n'));
	free(copy);
}

static void test_truncated(void **state)
{
	pair *p = *state;
	size_t cut;

	for (cut = 0; cut < p->len; cut++)
		refused(p, p->bytes, cut, 0);
}

/* Every byte changed to each of a few others: refused, or (a flag, a digit
 * of a similarity) loaded as exactly what the bytes now say. */
static void test_every_byte_changed(void **state)
{
	static const char others[] = {'0', '1', '9', 'f', ' ', '\n', 'x', '\0', '\x80'};
	pair *p = *state;
	char *b = malloc(p->len);
	size_t at, k;

	assert_non_null(b);
	for (at = 0; at < p->len; at++)
		for (k = 0; k < sizeof(others); k++) {
			if (p->bytes[at] == others[k])
				continue;
			memcpy(b, p->bytes, p->len);
			b[at] = others[k];
			refused(p, b, p->len, 1);
		}
	free(b);
}

/* The saved bytes with the first `old` replaced by `new`. */
static void refused_edit(const pair *p, const char *old, const char *new)
{
	nd_buf b = ND_BUF_INIT;
	const char *at = strstr(p->bytes, old);

	if (!at)
		fail_msg("no '%s' in the saved bytes", old);
	assert_int_equal(nd_buf_put(&b, p->bytes, (size_t)(at - p->bytes)), 0);
	assert_int_equal(nd_buf_puts(&b, new), 0);
	assert_int_equal(nd_buf_puts(&b, at + strlen(old)), 0);
	edit_now = new;
	refused(p, b.ptr, b.len, 0);
	edit_now = "";
	nd_buf_dispose(&b);
}

static void test_rules(void **state)
{
	pair *p = *state;
	nd_changeset *cs = NULL;
	nd_align_opts o;
	char *other;
	size_t n;

	refused_edit(p, "normdiff-changeset 1\n", "normdiff-changeset 2\n");
	refused_edit(p, "normdiff-changeset 1\n", "normdiff-changeset 01\n");
	refused_edit(p, "normdiff-changeset", "normdiff-changesex");
	refused_edit(p, "docs 27 ", "docs 28 ");
	refused_edit(p, "docs 27 ", "docs 99999999999999999999999 ");
	refused_edit(p, "notes 1\n", "notes 2\n");
	refused_edit(p, "notes 1\n", "notes 0\n");
	refused_edit(p, "notes 1\n", "notes 1000\n");
	refused_edit(p, "changes 32\n", "changes 31\n");
	refused_edit(p, "changes 32\n", "changes 33\n");
	refused_edit(p, "\nend\n", "\nend\nmore\n");
	refused_edit(p, "\nend\n", "\n");
	/* the first record (title: unchanged, 1 old 0, 1 new 0, one edit) */
	refused_edit(p, "changes 32\n0 ", "changes 32\n6 ");
	refused_edit(p, "changes 32\n0 0 ", "changes 32\n0 2 ");
	refused_edit(p, "changes 32\n0 0 0 0 0 0 ", "changes 32\n0 0 0 0 0 1 ");
	refused_edit(p, "changes 32\n0 0 0 0 0 0 ", "changes 32\n0 0 0 1 0 0 ");
	refused_edit(p, "changes 32\n0 0 0 0 0 0 3ff0000000000000 ",
	             "changes 32\n0 0 0 0 0 0 3ff0000000000001 "); /* above 1 */
	refused_edit(p, "changes 32\n0 0 0 0 0 0 3ff0000000000000 ",
	             "changes 32\n0 0 0 0 0 0 7ff8000000000000 "); /* NaN */
	refused_edit(p, "changes 32\n0 0 0 0 0 0 3ff0000000000000 ",
	             "changes 32\n0 0 0 0 0 0 3FF0000000000000 ");
	refused_edit(p, "3ff0000000000000 0 1 0 1 0 ", "3ff0000000000000 0 1 27 1 0 ");
	refused_edit(p, "3ff0000000000000 0 1 0 1 0 ", "3ff0000000000000 0 1 1 1 0 ");
	refused_edit(p, "3ff0000000000000 0 1 0 1 0 ", "3ff0000000000000 0 2 0 0 1 0 ");
	refused_edit(p, "3ff0000000000000 0 1 0 1 0 ", "3ff0000000000000 0 0 1 0 ");
	refused_edit(p, "3ff0000000000000 0 1 0 1 0 ", "3ff0000000000000 0 1 0 1 34 ");
	refused_edit(p, "3ff0000000000000 0 0 1 e54\n", "3ff0000000000000 0 0 1 e53\n");
	refused_edit(p, "3ff0000000000000 0 0 1 e54\n", "3ff0000000000000 0 0 1 e55\n");
	refused_edit(p, "3ff0000000000000 0 0 1 e54\n", "3ff0000000000000 0 0 1 x54\n");
	refused_edit(p, "3ff0000000000000 0 0 1 e54\n", "3ff0000000000000 0 0 1 e0\n");
	refused_edit(p, "3ff0000000000000 0 0 1 e54\n",
	             "3ff0000000000000 0 0 2 e53 e1\n");
	refused_edit(p, "3ff0000000000000 0 0 1 e54\n", "3ff0000000000000 0 0 1 e54 \n");
	refused_edit(p, "3ff0000000000000 0 0 1 e54\n", "3ff0000000000000 0 0 1 e54");
	refused_edit(p, "3ff0000000000000 0 0 1 e54\n",
	             "3ff0000000000000 0 0 3 d54 i30 i24\n");
	refused_edit(p, "3ff0000000000000 0 0 1 e54\n",
	             "3ff0000000000000 0 0 4 d30 d24 i30 i24\n");
	/* a note is one line of safe text */
	other = strstr(p->bytes, "the word diff");
	assert_non_null(other);
	refused_edit(p, "the word diff", "the word\ndiff");
	refused_edit(p, "the word diff", "the word\x1b" "diff");
	refused_edit(p, "the word diff", "the word\xe2\x80\xae" "d");
	refused_edit(p, "the word diff", "the word\xff" "diff");
	/* the bytes of other documents, or of these swapped */
	cs = NULL;
	assert_int_equal(nd_changeset_load(&cs, p->b, p->a, p->bytes, p->len),
	                 ND_ECORRUPT);
	assert_null(cs);
	nd_align_opts_init(&o);
	cs = compute(p->a, p->a, &o);
	other = save(cs, &n);
	nd_changeset_free(cs);
	cs = NULL;
	assert_int_equal(nd_changeset_load(&cs, p->a, p->b, other, n), ND_ECORRUPT);
	assert_null(cs);
	free(other);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled_pair),
		cmocka_unit_test(test_empty_documents),
		cmocka_unit_test(test_corpus_pairs),
		cmocka_unit_test_setup_teardown(test_truncated, pair_setup, pair_teardown),
		cmocka_unit_test_setup_teardown(test_every_byte_changed, pair_setup,
		                                pair_teardown),
		cmocka_unit_test_setup_teardown(test_rules, pair_setup, pair_teardown),
	};

	return cmocka_run_group_tests(tests, test_grammar_setup, test_grammar_teardown);
}
