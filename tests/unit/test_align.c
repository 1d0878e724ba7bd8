/* test_align.c - alignment of two versions: the bundled pair reads as a
 * reader sees it, and properties hold on generated pairs. */
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
#include "support.h"

static nd_doc *parse(const char *text)
{
	nd_doc *d = NULL;

	if (nd_doc_parse(&d, text, strlen(text), grammar))
		fail_msg("parse: %s", nd_error_message());
	return d;
}

static nd_changeset *align(const nd_doc *a, const nd_doc *b, const nd_align_opts *o)
{
	nd_changeset *cs = NULL;

	if (nd_changeset_compute(&cs, a, b, o, NULL, NULL))
		fail_msg("align: %s", nd_error_message());
	return cs;
}

/* align with an index that follows no word (max_posting 0: every word too
 * common), so that no pair is made through candidates. */
static nd_changeset *align_unindexed(const nd_doc *a, const nd_doc *b)
{
	nd_align_opts o;

	nd_align_opts_init(&o);
	o.max_posting = 0;
	return align(a, b, &o);
}

/* Index of the clause with `label` whose parent has `parent_label` ("" for
 * any); fails if there is none. */
static size_t find(const nd_doc *d, const char *label, const char *parent)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		size_t p = d->clauses[i].parent;

		if (strcmp(nd_doc_label(d, i), label))
			continue;
		if (!*parent || (p != ND_NO_PARENT && !strcmp(nd_doc_label(d, p), parent)))
			return i;
	}
	fail_msg("no clause %s under %s", label, parent);
	return 0;
}

/* Index of the clause whose body starts with `prefix`. */
static size_t find_text(const nd_doc *d, const char *prefix)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->clauses[i].body_len >= strlen(prefix) &&
		    !memcmp(nd_doc_body(d, i), prefix, strlen(prefix)))
			return i;
	fail_msg("no clause starting '%s'", prefix);
	return 0;
}

static const nd_change *change_of_old(const nd_changeset *cs, size_t old)
{
	size_t i, k;

	for (i = 0; i < cs->n; i++)
		for (k = 0; k < cs->changes[i].nold; k++)
			if (cs->changes[i].old[k] == old)
				return &cs->changes[i];
	fail_msg("old clause %zu is in no change", old);
	return NULL;
}

static const nd_change *change_of_new(const nd_changeset *cs, size_t new)
{
	size_t i, k;

	for (i = 0; i < cs->n; i++)
		for (k = 0; k < cs->changes[i].nnew; k++)
			if (cs->changes[i].new[k] == new)
				return &cs->changes[i];
	fail_msg("new clause %zu is in no change", new);
	return NULL;
}

/* Rebuild one side from the ops: EQUAL+DELETE (old) or EQUAL+INSERT. */
static char *rebuild(const nd_change *c, int old_side)
{
	nd_buf b = ND_BUF_INIT;
	size_t k;

	for (k = 0; k < c->diff.n; k++) {
		const nd_op *op = &c->diff.ops[k];

		if (op->kind == ND_OP_EQUAL ||
		    op->kind == (old_side ? ND_OP_DELETE : ND_OP_INSERT))
			assert_int_equal(nd_buf_put(&b, op->text, op->len), 0);
	}
	return nd_buf_detach(&b);
}

/* The side's text as the change compared it. */
static char *side_text(const nd_doc *d, const size_t *idx, size_t n)
{
	nd_buf b = ND_BUF_INIT;
	size_t k;

	for (k = 0; k < n; k++) {
		if (k)
			assert_int_equal(nd_buf_putc(&b, ' '), 0);
		assert_int_equal(nd_buf_put(&b, nd_doc_body(d, idx[k]),
		                            d->clauses[idx[k]].body_len), 0);
	}
	return nd_buf_detach(&b);
}

/* Invariants every change set must satisfy. */
static void check_properties(const nd_changeset *cs)
{
	unsigned char *seen_a = calloc(cs->old->n + 1, 1);
	unsigned char *seen_b = calloc(cs->new->n + 1, 1);
	size_t i, k, total[ND_CHANGE_KINDS] = {0};

	assert_non_null(seen_a);
	assert_non_null(seen_b);
	for (i = 0; i < cs->n; i++) {
		const nd_change *c = &cs->changes[i];
		char *want, *got;

		assert_true(c->nold + c->nnew > 0);
		for (k = 0; k < c->nold; k++) {
			assert_true(c->old[k] < cs->old->n);
			assert_int_equal(seen_a[c->old[k]]++, 0);
		}
		for (k = 0; k < c->nnew; k++) {
			assert_true(c->new[k] < cs->new->n);
			assert_int_equal(seen_b[c->new[k]]++, 0);
		}
		want = side_text(cs->old, c->old, c->nold);
		got = rebuild(c, 1);
		assert_string_equal(got, want);
		free(want);
		free(got);
		want = side_text(cs->new, c->new, c->nnew);
		got = rebuild(c, 0);
		assert_string_equal(got, want);
		free(want);
		free(got);
		assert_true(c->similarity >= 0 && c->similarity <= 1);
		switch (c->kind) {
		case ND_CHANGE_ADDED: assert_true(c->nold == 0 && c->nnew == 1); break;
		case ND_CHANGE_REMOVED: assert_true(c->nold == 1 && c->nnew == 0); break;
		case ND_CHANGE_SPLIT: assert_true(c->nold == 1 && c->nnew >= 2); break;
		case ND_CHANGE_MERGED: assert_true(c->nold >= 2 && c->nnew == 1); break;
		default: assert_true(c->nold == 1 && c->nnew == 1);
		}
		total[c->kind]++;
	}
	for (i = 0; i < cs->old->n; i++)
		assert_int_equal(seen_a[i], 1);
	for (i = 0; i < cs->new->n; i++)
		assert_int_equal(seen_b[i], 1);
	for (i = 0; i < ND_CHANGE_KINDS; i++)
		assert_int_equal(total[i], cs->summary.count[i]);
	free(seen_a);
	free(seen_b);
}

static void test_bundled_pair_reads_as_a_reader_sees_it(void **state)
{
	nd_doc *a = test_parse_draft("2011-A-66-359.txt");
	nd_doc *b = test_parse_draft("2015-A-69-723.txt");
	nd_changeset *cs = align(a, b, NULL);
	const char *modified[][2] = {{"(c)", "(4)"}, {"(d)", "(5)"}, {"(e)", "(6)"},
	                             {"(f)", "(7)"}, {"(g)", "(8)"}, {"(h)", "(9)"},
	                             {"(j)", "(12)"}, {"(k)", "(13)"}};
	const nd_change *c;
	size_t k;

	(void)state;
	check_properties(cs);
	/* (a) -> (1): same text, new number */
	c = change_of_old(cs, find(a, "(a)", ""));
	assert_int_equal(c->kind, ND_CHANGE_UNCHANGED);
	assert_true(c->renumbered);
	assert_false(c->moved);
	assert_int_equal(c->new[0], find(b, "(1)", ""));
	/* (b) -> (2) + (3): split */
	c = change_of_old(cs, find(a, "(b)", ""));
	assert_int_equal(c->kind, ND_CHANGE_SPLIT);
	assert_int_equal(c->nnew, 2);
	assert_int_equal(c->new[0], find(b, "(2)", ""));
	assert_int_equal(c->new[1], find(b, "(3)", ""));
	for (k = 0; k < sizeof(modified) / sizeof(modified[0]); k++) {
		c = change_of_old(cs, find(a, modified[k][0], ""));
		if (c->kind != ND_CHANGE_MODIFIED || c->nnew != 1 ||
		    c->new[0] != find(b, modified[k][1], "¶1"))
			fail_msg("%s should be modified into %s", modified[k][0],
			         modified[k][1]);
		assert_true(c->renumbered);
		assert_false(c->moved);
	}
	/* (10) is new; (i) -> (11) unchanged */
	assert_int_equal(change_of_new(cs, find(b, "(10)", ""))->kind, ND_CHANGE_ADDED);
	c = change_of_old(cs, find(a, "(i)", ""));
	assert_int_equal(c->kind, ND_CHANGE_UNCHANGED);
	assert_int_equal(c->new[0], find(b, "(11)", ""));
	/* the coordination paragraph moved to the end of the preamble */
	c = change_of_old(cs, find_text(a, "Underlining the need for enhanced coordination"));
	assert_int_equal(c->kind, ND_CHANGE_UNCHANGED);
	assert_true(c->moved);
	assert_int_equal(c->new[0], find(b, "PP10", ""));
	/* two preambular paragraphs added */
	assert_int_equal(change_of_new(cs, find(b, "PP4", ""))->kind, ND_CHANGE_ADDED);
	assert_int_equal(change_of_new(cs, find(b, "PP5", ""))->kind, ND_CHANGE_ADDED);
	/* "Recognizing the need to prevent..." reworded as "Expressing concern..." */
	c = change_of_old(cs, find_text(a, "Recognizing the need to prevent"));
	assert_int_equal(c->kind, ND_CHANGE_MODIFIED);
	assert_int_equal(c->new[0], find_text(b, "Expressing concern that"));
	/* the items nested under (7) are new */
	assert_int_equal(change_of_new(cs, find(b, "(a)", "(7)"))->kind, ND_CHANGE_ADDED);
	assert_int_equal(change_of_new(cs, find(b, "(b)", "(7)"))->kind, ND_CHANGE_ADDED);
	/* nothing removed outright: every 2011 provision lives on */
	assert_int_equal(cs->summary.count[ND_CHANGE_REMOVED], 0);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

static void test_same_version_is_all_unchanged(void **state)
{
	nd_doc *a = test_parse_draft("2015-A-69-723.txt");
	nd_doc *b = test_parse_draft("2015-A-69-723.txt");
	nd_changeset *cs = align(a, b, NULL);
	size_t i;

	(void)state;
	check_properties(cs);
	assert_int_equal(cs->n, a->n);
	for (i = 0; i < cs->n; i++) {
		assert_int_equal(cs->changes[i].kind, ND_CHANGE_UNCHANGED);
		assert_false(cs->changes[i].moved);
		assert_false(cs->changes[i].renumbered);
		assert_int_equal(cs->changes[i].old[0], i);
		assert_int_equal(cs->changes[i].new[0], i);
	}
	assert_int_equal(cs->nnotes, 0);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

static void test_merge_and_removed_order(void **state)
{
	nd_doc *a = parse("Title\n\n(a) Each Party shall designate a competent "
	                  "national authority for the purposes of this Convention;\n\n"
	                  "(b) The authority shall report annually to the secretariat "
	                  "on measures taken;\n\n(c) Parties shall cooperate on "
	                  "extradition of offenders;\n\n(d) Nothing in this article "
	                  "affects existing treaties.\n");
	nd_doc *b = parse("Title\n\n(a) Each Party shall designate a competent "
	                  "national authority for the purposes of this Convention, "
	                  "which shall report annually to the secretariat on measures "
	                  "taken;\n\n(b) Nothing in this article affects existing "
	                  "treaties.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;
	size_t k, removed_at = 0, d_at = 0;

	(void)state;
	check_properties(cs);
	c = change_of_new(cs, find(b, "(a)", ""));
	assert_int_equal(c->kind, ND_CHANGE_MERGED);
	assert_int_equal(c->nold, 2);
	assert_int_equal(c->old[0], find(a, "(a)", ""));
	assert_int_equal(c->old[1], find(a, "(b)", ""));
	assert_int_equal(change_of_old(cs, find(a, "(c)", ""))->kind, ND_CHANGE_REMOVED);
	/* the removed (c) is reported where it stood: before old (d) */
	for (k = 0; k < cs->n; k++) {
		if (cs->changes[k].kind == ND_CHANGE_REMOVED)
			removed_at = k;
		if (cs->changes[k].nold && cs->changes[k].old[0] == find(a, "(d)", ""))
			d_at = k;
	}
	assert_true(removed_at < d_at);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

static void test_sub_item_moves_to_another_parent(void **state)
{
	nd_doc *a = parse("Title\n\n1. Each State shall take measures to protect "
	                  "critical infrastructure against attack:\n\n(a) by "
	                  "sharing information on threats with other States;\n\n"
	                  "2. Each State shall establish a national computer "
	                  "emergency response team.\n");
	nd_doc *b = parse("Title\n\n1. Each State shall take measures to protect "
	                  "critical infrastructure against attack.\n\n2. Each "
	                  "State shall establish a national computer emergency "
	                  "response team:\n\n(a) by sharing information on threats "
	                  "with other States;\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_old(cs, find(a, "(a)", "1."));
	assert_int_equal(c->kind, ND_CHANGE_UNCHANGED);
	assert_int_equal(c->new[0], find(b, "(a)", "2."));
	assert_true(c->moved);
	assert_false(c->renumbered);
	/* its old and new parents are aligned and did not move */
	assert_false(change_of_old(cs, find(a, "1.", ""))->moved);
	assert_false(change_of_old(cs, find(a, "2.", ""))->moved);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

static void test_cross_references_follow_renumbering(void **state)
{
	nd_doc *a = parse("Title\n\n1. Each State shall designate an authority.\n\n"
	                  "2. The authority shall keep a register of incidents.\n\n"
	                  "3. The register referred to in paragraph 2 above shall be "
	                  "open to the authorities under paragraph 1.\n\n"
	                  "4. Reports under paragraph 3 are annual.\n");
	nd_doc *b = parse("Title\n\n1. This Convention applies to incidents.\n\n"
	                  "2. Each State shall designate an authority.\n\n"
	                  "3. The authority shall keep a register of incidents.\n\n"
	                  "4. The register referred to in paragraph 3 above shall be "
	                  "open to the authorities under paragraph 2.\n\n"
	                  "5. Reports under paragraph 7 are annual.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_old(cs, find(a, "3.", ""));
	assert_int_equal(c->kind, ND_CHANGE_MODIFIED);
	assert_true(c->xref_only);
	assert_true(c->renumbered);
	/* 3 became 4, not 7: that edit is a change of substance */
	c = change_of_old(cs, find(a, "4.", ""));
	assert_int_equal(c->kind, ND_CHANGE_MODIFIED);
	assert_false(c->xref_only);
	assert_int_equal(cs->summary.xref_only, 1);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* A number that cites a provision of another instrument ("paragraph 2 of
 * article 7 of the Convention", "of resolution 60/1", "of the Paris
 * Agreement", "of article 9" in a text that has no article 9) did not
 * follow this document's renumbering even when it matches it: that edit is
 * one of substance. References ending inside the document ("of this
 * Convention", "above", "of paragraph 3 below") still follow it. */
static void test_references_to_other_instruments_are_substance(void **state)
{
	static const char *const old_refs[] = {
		"paragraph 2 of article 7 of the Convention",
		"paragraph 2 of resolution 60/1",
		"paragraph 2 of the Paris Agreement",
		"paragraph 2 of annex I",
		"paragraphs 2 and 4 of the Charter",
		"paragraph 2 of article 9",
		"paragraph 2 of its resolution 60/1",
		"paragraph 2 of this Convention",
		"paragraph 2 above",
		"subparagraph (b) of paragraph 2 below",
		"paragraph 2 of the present resolution",
		"paragraph 2 of annex I to the present resolution",
		"paragraph 2 of the annex to resolution 60/1",
		"paragraph 2",
		"article 7 of the Convention on Cybercrime, paragraph 2",
		"the Charter's article 1, paragraph 2",
		"the Charter\u2019s article 1, paragraph 2",
		"the first sentence, paragraph 2",
		"the Convention; see paragraph 2",
		"the Charter's paragraph 2"};
	static const char *const new_refs[] = {
		"paragraph 3 of article 7 of the Convention",
		"paragraph 3 of resolution 60/1",
		"paragraph 3 of the Paris Agreement",
		"paragraph 3 of annex I",
		"paragraphs 3 and 4 of the Charter",
		"paragraph 3 of article 9",
		"paragraph 3 of its resolution 60/1",
		"paragraph 3 of this Convention",
		"paragraph 3 above",
		"subparagraph (b) of paragraph 3 below",
		"paragraph 3 of the present resolution",
		"paragraph 3 of annex I to the present resolution",
		"paragraph 3 of the annex to resolution 60/1",
		"paragraph 3",
		"article 7 of the Convention on Cybercrime, paragraph 3",
		"the Charter's article 1, paragraph 3",
		"the Charter\u2019s article 1, paragraph 3",
		"the first sentence, paragraph 3",
		"the Convention; see paragraph 3",
		"the Charter's paragraph 3"};
	static const int internal[] = {0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 1,
	                               0, 0, 0, 1, 1, 0};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(internal) / sizeof(internal[0]); k++) {
		char ta[512], tb[512];
		nd_doc *a, *b;
		nd_changeset *cs;
		const nd_change *c;

		snprintf(ta, sizeof(ta), "Title\n\n1. Each State shall designate an "
		         "authority.\n\n2. The authority shall keep a register of "
		         "incidents.\n\n3. The register is kept as set out in %s "
		         "and is open to all.\n", old_refs[k]);
		snprintf(tb, sizeof(tb), "Title\n\n1. This Convention applies to "
		         "incidents.\n\n2. Each State shall designate an "
		         "authority.\n\n3. The authority shall keep a register of "
		         "incidents.\n\n4. The register is kept as set out in %s "
		         "and is open to all.\n", new_refs[k]);
		a = parse(ta);
		b = parse(tb);
		cs = align(a, b, NULL);
		check_properties(cs);
		c = change_of_old(cs, find(a, "3.", ""));
		if (c->kind != ND_CHANGE_MODIFIED || c->xref_only != internal[k])
			fail_msg("\"%s\" -> \"%s\": kind %s, xref_only %d, want %d",
			         old_refs[k], new_refs[k], nd_change_kind_name(c->kind),
			         c->xref_only, internal[k]);
		nd_changeset_free(cs);
		nd_doc_free(a);
		nd_doc_free(b);
	}
}

/* Only numbers that follow a citing word are cross-references, and an
 * unnumbered heading whose text changed was not renumbered. */
static void test_not_every_number_is_a_cross_reference(void **state)
{
	nd_doc *a = parse("Title\n\nPurpose and scope\n\n1. The scope of this code "
	                  "is set out below.\n\n2. Each State shall designate an "
	                  "authority.\n\n3. A quorum shall be 3 members.\n");
	nd_doc *b = parse("Title\n\nPurpose and objectives\n\n1. The objectives of "
	                  "this code are set out below.\n\n2. This code applies to "
	                  "incidents.\n\n3. Each State shall designate an "
	                  "authority.\n\n4. A quorum shall be 4 members.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_old(cs, find(a, "Purpose and scope", ""));
	assert_int_equal(c->kind, ND_CHANGE_MODIFIED);
	assert_false(c->renumbered);
	assert_false(c->xref_only);
	c = change_of_old(cs, find(a, "3.", ""));
	assert_int_equal(c->kind, ND_CHANGE_MODIFIED);
	assert_true(c->renumbered);
	assert_false(c->xref_only); /* 3 became 4 as paragraph 3 did: still no citation */
	assert_int_equal(cs->summary.xref_only, 0);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* Bare headings follow their content: a new Article 1 in front does not
 * pair the old Article 1 with the new one by position. */
static void test_bare_headings_pair_through_their_content(void **state)
{
	nd_doc *a = parse("Convention\n\nArticle 1\n\nThis Convention applies to "
	                  "maritime incidents.\n\nArticle 2\n\nEach Party shall "
	                  "designate an authority.\n");
	nd_doc *b = parse("Convention\n\nArticle 1\n\nIn this Convention, incident "
	                  "means any loss at sea.\n\nArticle 2\n\nThis Convention "
	                  "applies to maritime incidents.\n\nArticle 3\n\nEach Party "
	                  "shall designate an authority.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_old(cs, find(a, "Article 1", ""));
	assert_int_equal(c->new[0], find(b, "Article 2", ""));
	assert_true(c->renumbered);
	assert_false(c->moved);
	c = change_of_old(cs, find(a, "Article 2", ""));
	assert_int_equal(c->new[0], find(b, "Article 3", ""));
	assert_int_equal(change_of_new(cs, find(b, "Article 1", ""))->kind, ND_CHANGE_ADDED);
	assert_int_equal(cs->summary.moved, 0);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* A bare heading whose first item was removed still pairs through the
 * items that stayed: "Article 2" is unchanged, not removed and added. */
static void test_bare_heading_pairs_through_a_later_child(void **state)
{
	nd_doc *a = parse("Treaty\n\nArticle 1\n\n1. First rule.\n\nArticle 2\n\n"
	                  "2. Second rule, to be removed.\n\n3. Third rule.\n");
	nd_doc *b = parse("Treaty\n\nArticle 1\n\n1. First rule.\n\nArticle 2\n\n"
	                  "2. Third rule.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_old(cs, find(a, "Article 2", ""));
	assert_int_equal(c->kind, ND_CHANGE_UNCHANGED);
	assert_int_equal(c->nnew, 1);
	assert_int_equal(c->new[0], find(b, "Article 2", ""));
	assert_int_equal(cs->summary.count[ND_CHANGE_ADDED], 0);
	assert_int_equal(cs->summary.count[ND_CHANGE_REMOVED], 1);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* A removed provision is reported after its nearest predecessor that kept
 * its place, not after one that moved to the end. */
static void test_removed_after_predecessor_in_place(void **state)
{
	nd_doc *a = parse("T\n\n(a) Alpha provision on maritime boundaries.\n\n"
	                  "(b) Bravo provision on fisheries management.\n\n"
	                  "(c) Charlie provision on customs duties.\n\n"
	                  "(d) Delta provision on dispute settlement.\n");
	nd_doc *b = parse("T\n\n(a) Bravo provision on fisheries management.\n\n"
	                  "(b) Delta provision on dispute settlement.\n\n"
	                  "(c) Alpha provision on maritime boundaries.\n");
	nd_changeset *cs = align(a, b, NULL);
	size_t k, at_removed = 0, at_bravo = 0, at_delta = 0;

	(void)state;
	check_properties(cs);
	for (k = 0; k < cs->n; k++) {
		const nd_change *c = &cs->changes[k];

		if (c->kind == ND_CHANGE_REMOVED)
			at_removed = k;
		else if (c->nold && c->old[0] == find(a, "(b)", ""))
			at_bravo = k;
		else if (c->nold && c->old[0] == find(a, "(d)", ""))
			at_delta = k;
	}
	assert_true(at_bravo < at_removed && at_removed < at_delta);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* A repeated text pairs where its neighbours say, not k-th with k-th. */
static void test_repeated_texts_pair_between_anchors(void **state)
{
	nd_doc *a = parse("T\n\n1. Deleted by decision 12/3.\n\n2. States shall "
	                  "cooperate in good faith.\n\n3. Deleted by decision 12/3.\n");
	nd_doc *b = parse("T\n\n1. States shall cooperate in good faith.\n\n"
	                  "2. Deleted by decision 12/3.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_old(cs, find(a, "3.", ""));
	assert_int_equal(c->kind, ND_CHANGE_UNCHANGED);
	assert_false(c->moved);
	assert_int_equal(c->new[0], find(b, "2.", ""));
	assert_int_equal(change_of_old(cs, find(a, "1.", ""))->kind, ND_CHANGE_REMOVED);
	assert_int_equal(cs->summary.moved, 0);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

static void test_ignore_case_and_punctuation(void **state)
{
	nd_doc *a = parse("Title\n\n(a) States shall cooperate, in good faith.\n");
	nd_doc *b = parse("Title\n\n(1) states shall cooperate in good faith;\n");
	nd_align_opts o;
	nd_changeset *cs;

	(void)state;
	nd_align_opts_init(&o);
	cs = align(a, b, &o);
	assert_int_equal(change_of_new(cs, 1)->kind, ND_CHANGE_MODIFIED);
	assert_true(change_of_new(cs, 1)->editorial);
	nd_changeset_free(cs);
	o.ignore_case = 1;
	cs = align(a, b, &o);
	assert_int_equal(change_of_new(cs, 1)->kind, ND_CHANGE_MODIFIED);
	nd_changeset_free(cs);
	o.ignore_punct = 1;
	cs = align(a, b, &o);
	assert_int_equal(change_of_new(cs, 1)->kind, ND_CHANGE_UNCHANGED);
	assert_true(change_of_new(cs, 1)->renumbered);
	check_properties(cs);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* ---- generated pairs ---- */

static uint64_t rng;

static unsigned next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *vocab[] = {
	"State", "Party", "shall", "may", "cooperate", "information", "security",
	"measures", "national", "international", "law", "rights", "obligations",
	"Convention", "treaty", "provision", "implementation", "report",
	"secretariat", "Council", "Assembly", "in", "of", "the", "and", "to",
	"with", "for", "on", "by", "all", "its", "their", "such", "as", "under",
	"paragraph", "article", "protocol", "annex", "review", "conference",
	"territory", "jurisdiction", "authority", "competent", "assistance",
	"technical", "capacity-building", "developing", "countries", "peaceful",
	"settlement", "disputes", "people’s", "1945", "2.5", "Œuvre", "Übereinkommen",
	"договор", "государства", "条约", "缔约国",
};

static void random_sentence(nd_buf *b, unsigned words)
{
	unsigned k;

	for (k = 0; k < words; k++) {
		if (k)
			assert_int_equal(nd_buf_puts(b, next(9) ? " " : ", "), 0);
		assert_int_equal(nd_buf_puts(b, vocab[next(sizeof(vocab) / sizeof(vocab[0]))]), 0);
	}
}

/* A random draft: title, preamble, items with sub-items. The second
 * version is edited: words changed, items removed, added, moved, split. */
static void make_pair(nd_buf *a, nd_buf *b)
{
	unsigned n = 5 + next(25), i, num_a = 0, num_b = 0;
	nd_buf item = ND_BUF_INIT, held = ND_BUF_INIT;

	assert_int_equal(nd_buf_puts(a, "Draft convention\n\nThe General Assembly,\n\n"), 0);
	assert_int_equal(nd_buf_puts(b, "Draft convention\n\nThe General Assembly,\n\n"), 0);
	for (i = 0; i < 3; i++) {
		nd_buf_clear(&item);
		assert_int_equal(nd_buf_puts(&item, "Recalling "), 0);
		random_sentence(&item, 6 + next(20));
		assert_int_equal(nd_buf_puts(&item, ",\n\n"), 0);
		assert_int_equal(nd_buf_put(a, item.ptr, item.len), 0);
		if (next(6))
			assert_int_equal(nd_buf_put(b, item.ptr, item.len), 0);
	}
	assert_int_equal(nd_buf_puts(a, "Decides as follows:\n\n"), 0);
	assert_int_equal(nd_buf_puts(b, "Decides as follows:\n\n"), 0);
	for (i = 0; i < n; i++) {
		unsigned fate = next(10);

		nd_buf_clear(&item);
		random_sentence(&item, 5 + next(30));
		assert_int_equal(nd_buf_printf(a, "%u. %s;\n\n", ++num_a, item.ptr), 0);
		if (fate == 0)
			continue; /* removed */
		if (fate == 1) { /* added before it */
			nd_buf extra = ND_BUF_INIT;

			random_sentence(&extra, 5 + next(20));
			assert_int_equal(nd_buf_printf(b, "%u. %s;\n\n", ++num_b, extra.ptr), 0);
			nd_buf_dispose(&extra);
		}
		if (fate == 2 && item.len > 20) { /* a letter changed */
			size_t at = next((unsigned)item.len);

			if (item.ptr[at] >= 'a' && item.ptr[at] <= 'z')
				item.ptr[at] = 'X';
		}
		if (fate == 3) { /* split at a word boundary */
			char *sp = strchr(item.ptr + item.len / 2, ' ');

			if (sp) {
				*sp = '\0';
				assert_int_equal(nd_buf_printf(b, "%u. %s;\n\n%u. %s;\n\n",
				                               num_b + 1, item.ptr, num_b + 2,
				                               sp + 1), 0);
				num_b += 2;
				continue;
			}
		}
		if (fate == 4 && held.len == 0) { /* moved to the end */
			assert_int_equal(nd_buf_puts(&held, item.ptr), 0);
			continue;
		}
		assert_int_equal(nd_buf_printf(b, "%u. %s;\n\n", ++num_b, item.ptr), 0);
		if (next(4) == 0) { /* sub-items */
			unsigned s, ns = 1 + next(3);

			for (s = 0; s < ns; s++) {
				nd_buf sub = ND_BUF_INIT;

				random_sentence(&sub, 4 + next(10));
				assert_int_equal(nd_buf_printf(a, "(%c) %s;\n\n", 'a' + s, sub.ptr), 0);
				assert_int_equal(nd_buf_printf(b, "(%c) %s;\n\n", 'a' + s, sub.ptr), 0);
				nd_buf_dispose(&sub);
			}
		}
	}
	if (held.len)
		assert_int_equal(nd_buf_printf(b, "%u. %s;\n\n", ++num_b, held.ptr), 0);
	nd_buf_dispose(&held);
	nd_buf_dispose(&item);
}

static void test_properties_on_generated_pairs(void **state)
{
	unsigned seed;

	(void)state;
	for (seed = 1; seed <= 300; seed++) {
		nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
		nd_doc *da, *db;
		nd_changeset *cs;

		rng = 0x9E3779B97F4A7C15ULL * seed;
		make_pair(&a, &b);
		da = parse(a.ptr);
		db = parse(b.ptr);
		cs = align(da, db, NULL);
		check_properties(cs);
		nd_changeset_free(cs);
		/* and against itself: nothing changes */
		cs = align(da, da, NULL);
		check_properties(cs);
		assert_int_equal(cs->summary.count[ND_CHANGE_UNCHANGED], da->n);
		nd_changeset_free(cs);
		nd_doc_free(da);
		nd_doc_free(db);
		nd_buf_dispose(&a);
		nd_buf_dispose(&b);
	}
}

static void test_empty_side(void **state)
{
	nd_doc *a = test_parse_draft("2011-A-66-359.txt"), *e = NULL;
	nd_changeset *cs;

	(void)state;
	assert_int_equal(nd_doc_empty(&e), 0);
	cs = align(e, a, NULL);
	check_properties(cs);
	assert_int_equal(cs->summary.count[ND_CHANGE_ADDED], a->n);
	nd_changeset_free(cs);
	cs = align(a, e, NULL);
	check_properties(cs);
	assert_int_equal(cs->summary.count[ND_CHANGE_REMOVED], a->n);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(e);
}

/* A provision rewritten in its place, between unchanged neighbours, with
 * the same label but few words in common, is that provision modified, not
 * a removal and an unrelated addition. */
static void test_rewritten_in_place_pairs_by_place(void **state)
{
	nd_doc *a = parse("Licence\n\n9) Acceptance. Any use of the Work means "
	                  "acceptance of this Licence.\n\n10) Mutual Termination for "
	                  "Patent Action. This Licence ends when You sue a "
	                  "Contributor.\n\n11) Jurisdiction. Courts of the place of "
	                  "the Licensor decide.\n");
	nd_doc *b = parse("Licence\n\n9) Acceptance. Any use of the Work means "
	                  "acceptance of this Licence.\n\n10) Termination for "
	                  "Patent Action. If You file a lawsuit alleging "
	                  "infringement, your rights stop.\n\n11) Jurisdiction. "
	                  "Courts of the place of the Licensor decide.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_old(cs, find(a, "10)", ""));
	assert_int_equal(c->kind, ND_CHANGE_MODIFIED);
	assert_int_equal(c->nnew, 1);
	assert_int_equal(c->new[0], find(b, "10)", ""));
	assert_false(c->moved);
	assert_int_equal(cs->summary.count[ND_CHANGE_ADDED], 0);
	assert_int_equal(cs->summary.count[ND_CHANGE_REMOVED], 0);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* Paragraphs that kept their place among the paired provisions have not
 * moved, even though a new wrapper heading now holds them: the old title
 * paired with that heading at first, out of place and weak, so the pair
 * was dissolved, and the parents are judged again after it. */
static void test_new_wrapper_heading_is_no_move(void **state)
{
	nd_doc *a = parse("Sample Notice Licence Version Two\n\nLicense\n\n"
	                  "1. Terms\n\na. You may copy the work freely in any "
	                  "medium.\n\nb. You may share the work with anyone.\n\n"
	                  "Sample Notice is not a party to this licence and gives "
	                  "no warranty.\n\nSample Notice may be reached at its "
	                  "office.\n");
	nd_doc *b = parse("Sample Legal Code\n\nLicense\n\n1. Terms\n\na. You "
	                  "may copy the work freely in any medium.\n\nb. You may "
	                  "share the work with anyone.\n\nSample Notice\n\n"
	                  "Sample Notice is not a party to this licence and gives "
	                  "no warranty.\n\nSample Notice may be reached at its "
	                  "office.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_new(cs, find_text(b, "Sample Notice is not"));
	assert_int_equal(c->kind, ND_CHANGE_UNCHANGED);
	assert_false(c->moved);
	c = change_of_new(cs, find_text(b, "Sample Notice may"));
	assert_false(c->moved);
	assert_int_equal(cs->summary.moved, 0);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* Two alike items that open with the same words each keep their own
 * counterpart: the second is no part of a split of the first. */
static void test_alike_siblings_are_no_split(void **state)
{
	nd_doc *a = parse("Licence\n\n8. Miscellaneous\n\na. Each time You "
	                  "distribute or publicly perform the Work or a Collective "
	                  "Work, the Licensor offers to the recipient a licence to "
	                  "the Work on the same terms.\n\nb. Each time You "
	                  "distribute or publicly perform a Derivative Work, "
	                  "Licensor offers to the recipient a licence to the "
	                  "original Work on the same terms.\n");
	nd_doc *b = parse("Licence\n\n8. Miscellaneous\n\na. Each time You "
	                  "Distribute or Publicly Perform the Work or a Collection, "
	                  "the Licensor offers to the recipient a licence to the "
	                  "Work on the same terms.\n\nb. Each time You Distribute "
	                  "or Publicly Perform an Adaptation, Licensor offers to the "
	                  "recipient a licence to the original Work on the same "
	                  "terms.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_old(cs, find(a, "a.", "8."));
	assert_int_equal(c->nnew, 1);
	assert_int_equal(c->new[0], find(b, "a.", "8."));
	c = change_of_old(cs, find(a, "b.", "8."));
	assert_int_equal(c->kind, ND_CHANGE_MODIFIED);
	assert_int_equal(c->new[0], find(b, "b.", "8."));
	assert_int_equal(cs->summary.count[ND_CHANGE_SPLIT], 0);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* Items replaced by others under the same numbers, with other titles,
 * are removed and added even though their place and their boilerplate
 * agree. */
static void test_other_titles_do_not_pair_by_place(void **state)
{
	nd_doc *a = parse("Licence\n\ne. For the avoidance of doubt:\n\n"
	                  "i. Performance Royalties Under Blanket Licenses. "
	                  "Licensor waives the exclusive right to collect "
	                  "royalties for the public performance of the Work.\n\n"
	                  "f. This License is governed by the law of the place of "
	                  "the Licensor.\n");
	nd_doc *b = parse("Licence\n\ne. For the avoidance of doubt:\n\n"
	                  "i. Non-waivable Compulsory License Schemes. Where the "
	                  "right to collect royalties under a statutory scheme "
	                  "cannot be waived, the Licensor reserves the exclusive "
	                  "right to collect such royalties.\n\n"
	                  "f. This License is governed by the law of the place of "
	                  "the Licensor.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_old(cs, find(a, "i.", "e."));
	assert_int_equal(c->kind, ND_CHANGE_REMOVED);
	c = change_of_new(cs, find(b, "i.", "e."));
	assert_int_equal(c->kind, ND_CHANGE_ADDED);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* A pair out of order bounds no gap: "3." moved to the end, so the
 * removed "2." is not paired by place with the rewritten "5." far ahead,
 * which pairs with its own old text between "4." and "6.". */
static void test_moved_pair_bounds_no_gap(void **state)
{
	nd_doc *a = parse("Resolution\n\n1. Decides to review the fisheries quotas "
	                  "in every port each year.\n\n2. Encourages States to "
	                  "promote regional dialogue on the matter, as "
	                  "appropriate.\n\n3. Welcomes the report of the "
	                  "Secretary-General on ocean biodiversity and its annex."
	                  "\n\n4. Requests a study of forest carbon sinks in the "
	                  "tropics.\n\n5. Encourages States to promote regional "
	                  "cooperation on the matter, as appropriate.\n\n6. Notes "
	                  "the spread of deserts in arid zones.\n");
	nd_doc *b = parse("Resolution\n\n1. Decides to review the fisheries quotas "
	                  "in every port each year.\n\n2. Requests a study of "
	                  "forest carbon sinks in the tropics.\n\n3. Urges States "
	                  "to foster regional exchange on the subject, as needed."
	                  "\n\n4. Notes the spread of deserts in arid zones.\n\n"
	                  "5. Welcomes the report of the Secretary-General on ocean "
	                  "biodiversity and its annex.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_old(cs, find(a, "5.", ""));
	assert_int_equal(c->kind, ND_CHANGE_MODIFIED);
	assert_int_equal(c->new[0], find(b, "3.", ""));
	assert_int_equal(change_of_old(cs, find(a, "2.", ""))->kind, ND_CHANGE_REMOVED);
	assert_true(change_of_old(cs, find(a, "3.", ""))->moved);
	assert_int_equal(cs->summary.moved, 1);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* Two provisions of one boilerplate, each reworded in place, are two
 * modifications in place, not one crossing move, one removal and one
 * addition: the first pairing crossed ("2." with the new "5."), and the
 * move is undone because each place holds a fitting partner. */
static void test_crossing_boilerplate_pairs_in_place(void **state)
{
	nd_doc *a = parse("Resolution\n\n1. Decides to review the fisheries quotas "
	                  "in every port each year.\n\n2. Invites the relevant "
	                  "organizations of the United Nations system, in close "
	                  "cooperation with Member States, to share data on ocean "
	                  "acidification.\n\n3. Requests a study of forest carbon "
	                  "sinks in the tropics.\n\n4. Notes the spread of deserts "
	                  "in arid zones.\n\n5. Invites the relevant organizations "
	                  "of the United Nations system, in this regard, as "
	                  "appropriate and without delay, in close cooperation with "
	                  "Member States, to share data on coral reefs.\n\n6. "
	                  "Welcomes the report of the Secretary-General on "
	                  "biodiversity.\n");
	nd_doc *b = parse("Resolution\n\n1. Decides to review the fisheries quotas "
	                  "in every port each year.\n\n2. Invites the relevant "
	                  "organizations of the United Nations system, in close "
	                  "partnership with regional bodies, to share data on ocean "
	                  "acidification.\n\n3. Requests a study of forest carbon "
	                  "sinks in the tropics.\n\n4. Notes the spread of deserts "
	                  "in arid zones.\n\n5. Invites the relevant organizations "
	                  "of the United Nations system, in close cooperation with "
	                  "Member States, to share data on coral reefs.\n\n6. "
	                  "Welcomes the report of the Secretary-General on "
	                  "biodiversity.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	check_properties(cs);
	c = change_of_old(cs, find(a, "2.", ""));
	assert_int_equal(c->kind, ND_CHANGE_MODIFIED);
	assert_int_equal(c->new[0], find(b, "2.", ""));
	c = change_of_old(cs, find(a, "5.", ""));
	assert_int_equal(c->new[0], find(b, "5.", ""));
	assert_int_equal(cs->summary.moved, 0);
	assert_int_equal(cs->summary.count[ND_CHANGE_ADDED], 0);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* A provision whose best fit by words is the next one's partner is passed
 * over when pairing by place ("2." fits the new "3." better than its own
 * rewording, and "3." fits it better still); once "3." is paired, "2." and
 * the new "2." lie between two pairs and pair by place, where the leftovers
 * would not have paired them (they share too few words). max_posting 0:
 * no candidates, every pair is made by place. */
static void test_passed_over_pairs_between_the_pairs_made(void **state)
{
	nd_doc *a = parse("Code\n\n1. The Parties adopt this code.\n\n2. Each "
	                  "State shall protect its networks and data from attack."
	                  "\n\n3. Each State shall protect its networks and data "
	                  "and report every year.\n\n4. This code enters into "
	                  "force at once.\n");
	nd_doc *b = parse("Code\n\n1. The Parties adopt this code.\n\n2. Each "
	                  "State shall defend its systems against intrusion.\n\n"
	                  "3. Each State shall protect its networks and data and "
	                  "report every second year.\n\n4. This code enters into "
	                  "force at once.\n");
	nd_changeset *cs;
	const nd_change *c;

	(void)state;
	cs = align_unindexed(a, b);
	check_properties(cs);
	c = change_of_old(cs, find(a, "2.", ""));
	assert_int_equal(c->kind, ND_CHANGE_MODIFIED);
	assert_int_equal(c->new[0], find(b, "2.", ""));
	c = change_of_old(cs, find(a, "3.", ""));
	assert_int_equal(c->new[0], find(b, "3.", ""));
	assert_int_equal(cs->summary.count[ND_CHANGE_ADDED], 0);
	assert_int_equal(cs->summary.count[ND_CHANGE_REMOVED], 0);
	assert_int_equal(cs->summary.moved, 0);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* A provision that moved and was reworded, none of whose words the index
 * follows (max_posting 0: every word is too common to index), has
 * no candidate and no place to pair by; among the provisions left
 * unpaired it is found all the same. */
static void test_leftovers_pair_without_candidates(void **state)
{
	nd_doc *a = parse("Code\n\n1. Each State shall protect its networks.\n\n"
	                  "2. Each State shall report every year.\n\n3. Each State "
	                  "shall train its officials in security matters.\n\n4. The "
	                  "Parties shall review this code every five years at a "
	                  "conference of all Parties.\n");
	nd_doc *b = parse("Code\n\n1. The Parties shall review this code every six "
	                  "years at a conference of all Parties.\n\n2. Each State "
	                  "shall protect its networks.\n\n3. Each State shall report "
	                  "every year.\n\n4. Each State shall train its officials in "
	                  "security matters.\n");
	nd_changeset *cs;
	const nd_change *c;

	(void)state;
	cs = align_unindexed(a, b);
	check_properties(cs);
	c = change_of_old(cs, find(a, "4.", ""));
	assert_int_equal(c->kind, ND_CHANGE_MODIFIED);
	assert_int_equal(c->new[0], find(b, "1.", ""));
	assert_true(c->moved);
	assert_int_equal(cs->summary.count[ND_CHANGE_ADDED], 0);
	assert_int_equal(cs->summary.count[ND_CHANGE_REMOVED], 0);
	/* the note says how such provisions were compared */
	assert_int_equal(cs->nnotes, 1);
	assert_non_null(strstr(cs->notes[0], "too common to find similar "
	                       "provisions by: provisions that share only such "
	                       "words are compared only by their place and among "
	                       "those left unpaired"));
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* A heading whose own words are unchanged counts the changes inside it. */
static void test_changed_within_counts_inside(void **state)
{
	nd_doc *a = parse("Code\n\nGeneral rules\n\n(1) States shall cooperate.\n\n"
	                  "(2) States shall report every year.\n\nFinal rules\n\n"
	                  "(1) This code enters into force at once.\n");
	nd_doc *b = parse("Code\n\nGeneral rules\n\n(1) States shall cooperate.\n\n"
	                  "(2) States shall report every second year.\n\n(3) States "
	                  "shall publish their reports.\n\nFinal rules\n\n"
	                  "(1) This code enters into force at once.\n");
	nd_changeset *cs = align(a, b, NULL);
	const nd_change *c;

	(void)state;
	c = change_of_new(cs, find(b, "General rules", ""));
	assert_int_equal(c->kind, ND_CHANGE_UNCHANGED);
	assert_int_equal(c->changed_within, 2); /* (2) modified, (3) added */
	c = change_of_new(cs, find(b, "Final rules", ""));
	assert_int_equal(c->changed_within, 0);
	c = change_of_new(cs, find(b, "(2)", "General rules"));
	assert_int_equal(c->changed_within, 0);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
}

/* Old text and new text of a provision made of n short parts ("States
 * shall ensure the ..."), as one paragraph (whole) or as n paragraphs. */
static void many_parts(nd_buf *whole, nd_buf *parts, size_t n)
{
	size_t i, j;

	nd_buf_puts(whole, "Title\n\n1. Before this one.\n\n2. ");
	nd_buf_puts(parts, "Title\n\n1. Before this one.\n\n");
	for (i = 0; i < n; i++) {
		nd_buf_printf(parts, "%zu. States shall ensure the", i + 2);
		nd_buf_puts(whole, i ? "; States shall ensure the" : "States shall ensure the");
		for (j = 0; j < 6; j++) {
			nd_buf_printf(whole, " %s%zu", vocab[(i * 3 + j) % 12], i);
			nd_buf_printf(parts, " %s%zu", vocab[(i * 3 + j) % 12], i);
		}
		nd_buf_puts(parts, ";\n\n");
	}
	nd_buf_puts(whole, ".\n\n3. After this one.\n");
	nd_buf_printf(parts, "%zu. After this one.\n", n + 2);
}

/* A split into many short parts, each under a tenth of the whole (their
 * score against it under SCORE_FLOOR), is still a split, and so is the
 * merge the other way; past SPLIT_MAX_PARTS parts a note says the rest
 * is shown as added, also when the parts shown cover less than the
 * threshold of the whole (600 parts). */
static void test_split_into_many_parts(void **state)
{
	static const size_t sizes[] = {13, 20, 40, 300, 600};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		nd_buf w = ND_BUF_INIT, p = ND_BUF_INIT;
		nd_doc *a, *b;
		nd_changeset *split, *merge;
		const nd_change *c;
		size_t n = sizes[k], i, noted = 0;

		many_parts(&w, &p, n);
		a = parse(w.ptr);
		b = parse(p.ptr);
		split = align(a, b, NULL);
		merge = align(b, a, NULL);
		check_properties(split);
		check_properties(merge);
		c = change_of_old(split, find(a, "2.", ""));
		if (c->kind != ND_CHANGE_SPLIT || c->nnew != (n > 256 ? 256 : n))
			fail_msg("%zu parts: %s into %zu", n, nd_change_kind_name(c->kind),
			         c->nnew);
		c = change_of_new(merge, find(a, "2.", ""));
		if (c->kind != ND_CHANGE_MERGED || c->nold != (n > 256 ? 256 : n))
			fail_msg("%zu parts: %s from %zu", n, nd_change_kind_name(c->kind),
			         c->nold);
		assert_int_equal(split->summary.count[ND_CHANGE_ADDED], n > 256 ? n - 256 : 0);
		for (i = 0; i < split->nnotes; i++)
			noted += strstr(split->notes[i], "1 split or merge had more than 256 "
			                                 "parts") != NULL;
		assert_int_equal(noted, n > 256);
		nd_changeset_free(split);
		nd_changeset_free(merge);
		nd_doc_free(a);
		nd_doc_free(b);
		nd_buf_dispose(&w);
		nd_buf_dispose(&p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled_pair_reads_as_a_reader_sees_it),
		cmocka_unit_test(test_same_version_is_all_unchanged),
		cmocka_unit_test(test_merge_and_removed_order),
		cmocka_unit_test(test_sub_item_moves_to_another_parent),
		cmocka_unit_test(test_cross_references_follow_renumbering),
		cmocka_unit_test(test_not_every_number_is_a_cross_reference),
		cmocka_unit_test(test_bare_headings_pair_through_their_content),
		cmocka_unit_test(test_bare_heading_pairs_through_a_later_child),
		cmocka_unit_test(test_removed_after_predecessor_in_place),
		cmocka_unit_test(test_repeated_texts_pair_between_anchors),
		cmocka_unit_test(test_ignore_case_and_punctuation),
		cmocka_unit_test(test_properties_on_generated_pairs),
		cmocka_unit_test(test_empty_side),
		cmocka_unit_test(test_rewritten_in_place_pairs_by_place),
		cmocka_unit_test(test_changed_within_counts_inside),
		cmocka_unit_test(test_new_wrapper_heading_is_no_move),
		cmocka_unit_test(test_alike_siblings_are_no_split),
		cmocka_unit_test(test_other_titles_do_not_pair_by_place),
		cmocka_unit_test(test_moved_pair_bounds_no_gap),
		cmocka_unit_test(test_crossing_boilerplate_pairs_in_place),
		cmocka_unit_test(test_passed_over_pairs_between_the_pairs_made),
		cmocka_unit_test(test_leftovers_pair_without_candidates),
		cmocka_unit_test(test_references_to_other_instruments_are_substance),
		cmocka_unit_test(test_split_into_many_parts),
	};
	return cmocka_run_group_tests(tests, test_grammar_setup, test_grammar_teardown);
}
