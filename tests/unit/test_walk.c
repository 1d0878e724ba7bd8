/* test_walk.c - a change set read as it is shown (walk.h): over the
 * bundled pair, every side walk gives each provision its text, the
 * redline cuts where the new side does, and names read as reports print
 * them. */
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
#include "normdiff/clause.h"
#include "normdiff/error.h"
#include "normdiff/walk.h"
#include "support.h"

/* The pieces of a walk, one buffer per part (at most MAXPARTS). */
#define MAXPARTS 16
typedef struct pieces {
	nd_buf part[MAXPARTS];
	nd_buf kinds; /* one letter per piece: = - + */
} pieces;

static int collect(void *ud, size_t part, nd_op_kind kind, const char *s,
                   size_t len)
{
	pieces *p = ud;

	assert_true(part < MAXPARTS);
	assert_int_equal(nd_buf_putc(&p->kinds, "=-+"[kind]), 0);
	return nd_buf_put(&p->part[part], s, len);
}

static void pieces_dispose(pieces *p)
{
	size_t k;

	for (k = 0; k < MAXPARTS; k++)
		nd_buf_dispose(&p->part[k]);
	nd_buf_dispose(&p->kinds);
}

/* The side walk of one side of c: its parts, when cut by provision, are
 * the provisions' texts; it holds no piece of the other side. */
static void check_side(const nd_changeset *cs, const nd_change *c, int old)
{
	const nd_doc *d = old ? cs->old : cs->new;
	const size_t *idx = old ? c->old : c->new;
	size_t n = old ? c->nold : c->nnew, nparts = 99, counted = 99, k;
	pieces p;

	memset(&p, 0, sizeof(p));
	assert_int_equal(nd_side(cs, c, old, &nparts, collect, &p), 0);
	assert_int_equal(nd_side(cs, c, old, &counted, NULL, NULL), 0);
	assert_int_equal(nparts, counted);
	if (!n)
		assert_int_equal(nparts, 0);
	else
		assert_true(nparts == n || nparts == 1);
	assert_null(strchr(p.kinds.ptr ? p.kinds.ptr : "", old ? '+' : '-'));
	if (nparts == n)
		for (k = 0; k < n; k++) {
			assert_int_equal(p.part[k].len, d->clauses[idx[k]].body_len);
			assert_memory_equal(p.part[k].ptr ? p.part[k].ptr : "",
			                    nd_doc_body(d, idx[k]), p.part[k].len);
		}
	pieces_dispose(&p);
}

static void test_walks_over_the_bundled_pair(void **state)
{
	nd_doc *a = test_parse_draft("2011-A-66-359.txt");
	nd_doc *b = test_parse_draft("2015-A-69-723.txt");
	nd_changeset *cs = NULL;
	size_t i, splits = 0, flags[ND_NFLAGS];

	(void)state;
	assert_int_equal(nd_changeset_compute(&cs, a, b, NULL, NULL, NULL), 0);
	for (i = 0; i < cs->n; i++) {
		const nd_change *c = &cs->changes[i];
		size_t red = 99, side = 99;
		const nd_doc *d = NULL;
		size_t at = nd_anchor(cs, c, &d);

		check_side(cs, c, 1);
		check_side(cs, c, 0);
		assert_int_equal(nd_redline(cs, c, &red, NULL, NULL), 0);
		if (c->nnew) {
			assert_int_equal(nd_side(cs, c, 0, &side, NULL, NULL), 0);
			assert_int_equal(red, side);
			assert_ptr_equal(d, cs->new);
			assert_int_equal(at, c->new[0]);
		} else {
			assert_int_equal(red, 1);
			assert_ptr_equal(d, cs->old);
			assert_int_equal(at, c->old[0]);
		}
		splits += c->kind == ND_CHANGE_SPLIT && red == c->nnew;
		assert_int_equal(nd_is_quiet(c),
		                 c->kind == ND_CHANGE_UNCHANGED && !c->moved);
	}
	assert_true(splits > 0); /* the pair has a split cut by part */
	nd_flag_counts(&cs->summary, flags);
	assert_int_equal(flags[0], cs->summary.moved);
	assert_int_equal(flags[1], cs->summary.renumbered);
	assert_int_equal(flags[2], cs->summary.editorial);
	assert_int_equal(flags[3], cs->summary.xref_only);
	assert_int_equal(flags[4], cs->summary.layout);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* The sibling before each provision, climbed to from the clause before
 * it, is the one a scan back over the tree finds: on the bundled drafts
 * and on items nested three deep, a first child, a provision after a long
 * subtree, and the top level. */
static size_t prev_sibling_by_scan(const nd_doc *d, size_t i)
{
	size_t k;

	for (k = i; k-- > 0;) {
		if (d->clauses[k].parent == d->clauses[i].parent)
			return k;
		if (k == d->clauses[i].parent)
			break;
	}
	return ND_NO_PARENT;
}

static void expect_prev_siblings(const nd_doc *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		assert_int_equal(nd_prev_sibling(d, i), prev_sibling_by_scan(d, i));
}

static void test_prev_sibling_is_the_scan_back(void **state)
{
	static const char text[] =
		"Code\n\nI. Duties\n\n1. States should:\n\n(a) Act:\n\n(i) now;"
		"\n\n(ii) later;\n\n(b) Report.\n\n2. States shall meet.\n\n"
		"II. Final\n\n3. This code applies.\n";
	nd_doc *d = NULL, *a = test_parse_draft("2011-A-66-359.txt");
	nd_doc *b = test_parse_draft("2015-A-69-723.txt");

	(void)state;
	assert_int_equal(nd_doc_parse(&d, text, strlen(text), grammar), 0);
	assert_true(d->n >= 10);
	expect_prev_siblings(d);
	expect_prev_siblings(a);
	expect_prev_siblings(b);
	nd_doc_free(d);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* Names: nested items carry their parents' labels, a pair shows both
 * sides with an arrow, the heading path reads from the top. */
static void test_names(void **state)
{
	static const char old_text[] =
		"I. Duties\n\n1. States should:\n\n(a) Act;\n\n(b) Report.\n";
	static const char new_text[] =
		"I. Duties\n\n1. States should:\n\n(a) Act;\n\n(c) Report.\n";
	nd_doc *a = NULL, *b = NULL;
	nd_changeset *cs = NULL;
	nd_buf out = ND_BUF_INIT;
	size_t i;

	(void)state;
	assert_int_equal(nd_doc_parse(&a, old_text, strlen(old_text), grammar), 0);
	assert_int_equal(nd_doc_parse(&b, new_text, strlen(new_text), grammar), 0);
	assert_int_equal(nd_changeset_compute(&cs, a, b, NULL, NULL, NULL), 0);
	for (i = 0; i < cs->n; i++)
		if (cs->changes[i].nold && cs->changes[i].nnew &&
		    !strcmp(nd_doc_label(a, cs->changes[i].old[0]), "(b)"))
			break;
	assert_true(i < cs->n);
	assert_int_equal(nd_label_pair(&out, cs, &cs->changes[i]), 0);
	assert_string_equal(out.ptr, "1.(b) \xE2\x86\x92 1.(c)");
	out.len = 0;
	assert_int_equal(nd_labels(&out, a, cs->changes[i].old, 1), 0);
	assert_string_equal(out.ptr, "1.(b)");
	out.len = 0;
	assert_int_equal(nd_context(&out, b, cs->changes[i].new[0], 0), 0);
	assert_string_equal(out.ptr, "I. Duties");
	nd_buf_dispose(&out);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walks_over_the_bundled_pair),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_prev_sibling_is_the_scan_back),
	};

	return cmocka_run_group_tests(tests, test_grammar_setup, test_grammar_teardown);
}
