/* test_clause.c - the clause tree: markers, nesting, resolutions, drafts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/buf.h"
#include "normdiff/clause.h"
#include "normdiff/error.h"
#include "normdiff/grammar.h"
#include "normdiff/text.h"
#include "support.h"

#define NONE ND_NO_PARENT
#define PILCROW "\xC2\xB6"

static int starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

/* Properties every clause tree has, whatever the document. */
static void check_tree(const nd_doc *d)
{
	unsigned *count = calloc(d->n + 1, sizeof(unsigned));
	unsigned pp = 0, op = 0;
	size_t i, j;

	assert_non_null(count);
	assert_true(d->n > 0);
	for (i = 0; i < d->n; i++) {
		const nd_clause *c = &d->clauses[i];
		const char *para = d->text->buf + c->off;
		const char *label = nd_doc_label(d, i);
		char want[32];

		/* parent before child, depth one more than the parent's */
		if (c->parent == NONE) {
			assert_int_equal(c->depth, 0);
		} else {
			assert_true(c->parent < i);
			assert_int_equal(c->depth, d->clauses[c->parent].depth + 1);
			assert_true(d->clauses[c->parent].end > i);
		}
		/* the subtree is i .. end-1, with nested ranges */
		assert_true(i < c->end && c->end <= d->n);
		for (j = i + 1; j < c->end; j++) {
			assert_true(d->clauses[j].parent >= i &&
			            d->clauses[j].parent != NONE && d->clauses[j].parent < j);
			assert_true(d->clauses[j].end <= c->end);
			assert_true(d->clauses[j].depth > c->depth);
		}
		if (c->end < d->n) /* the next clause after the subtree is outside it */
			assert_true(d->clauses[c->end].parent == NONE ||
			            d->clauses[c->end].parent < i);
		/* texts */
		assert_true(c->off + c->len <= d->text->len);
		assert_true(c->body_off >= c->off);
		assert_int_equal(c->body_off + c->body_len, c->off + c->len);
		assert_true(nd_doc_body(d, i) == d->text->buf + c->body_off);
		assert_true(c->hash == nd_hash_block(d->text->buf + c->body_off, c->body_len));
		assert_int_equal(c->chapeau, c->len > 0 && para[c->len - 1] == ':');
		assert_true(c->line >= 1 && c->line <= c->last_line);
		assert_int_equal(nd_text_line(d->text, c->off), c->line);
		assert_int_equal(nd_text_line(d->text, c->off + c->len - 1), c->last_line);
		if (i > 0)
			assert_true(c->off > d->clauses[i - 1].off);
		/* labels */
		assert_non_null(label);
		assert_int_equal(c->family >= 0,
		                 nd_doc_family_name(d, grammar, i) != NULL);
		if (c->family >= 0) { /* a marker: label is the marker, body the rest */
			assert_true(c->kind == ND_CLAUSE_ITEM || c->kind == ND_CLAUSE_HEADING);
			assert_true(strlen(label) > 0 && starts_with(para, c->len, label));
			assert_true(c->body_off > c->off);
		} else {
			assert_int_equal(c->body_off, c->off);
		}
		switch (c->kind) {
		case ND_CLAUSE_TITLE:
			assert_int_equal(i, 0);
			/* fall through */
		case ND_CLAUSE_INTRO:
			assert_string_equal(label, "");
			break;
		case ND_CLAUSE_PREAMBULAR:
			snprintf(want, sizeof(want), "PP%u", ++pp);
			assert_string_equal(label, want);
			break;
		case ND_CLAUSE_OPERATIVE:
			snprintf(want, sizeof(want), "OP%u", ++op);
			assert_string_equal(label, want);
			break;
		case ND_CLAUSE_PARAGRAPH:
			snprintf(want, sizeof(want), PILCROW "%u",
			         ++count[c->parent == NONE ? d->n : c->parent]);
			assert_string_equal(label, want);
			break;
		case ND_CLAUSE_HEADING:
			if (c->family < 0) {
				assert_int_equal(strlen(label), c->len);
				assert_memory_equal(label, para, c->len);
			}
			break;
		case ND_CLAUSE_ITEM:
			assert_true(c->family >= 0);
			break;
		}
	}
	free(count);
}

static nd_doc *parse_len(const char *s, size_t len)
{
	nd_doc *d = NULL;
	int rc = nd_doc_parse(&d, s, len, grammar);

	if (rc != 0)
		fail_msg("nd_doc_parse failed (%d): %s", rc, nd_error_message());
	assert_non_null(d);
	check_tree(d);
	return d;
}

static nd_doc *parse(const char *s)
{
	return parse_len(s, strlen(s));
}

static nd_doc *parse_file(const char *dir_env, const char *rel)
{
	size_t len;
	char *data = test_read(dir_env, rel, &len);
	nd_doc *d = parse_len(data, len);

	free(data);
	return d;
}

static void assert_body(const nd_doc *d, size_t i, const char *want)
{
	char *got = nd_strndup(nd_doc_body(d, i), d->clauses[i].body_len);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* Clause i: kind, label, family name (NULL = unmarked) and parent. */
static void assert_clause(const nd_doc *d, size_t i, nd_clause_kind kind,
                          const char *label, const char *family, size_t parent)
{
	const char *fam;

	if (i >= d->n)
		fail_msg("clause %zu of %zu", i, d->n);
	assert_string_equal(nd_clause_kind_name(d->clauses[i].kind),
	                    nd_clause_kind_name(kind));
	assert_string_equal(nd_doc_label(d, i), label);
	fam = nd_doc_family_name(d, grammar, i);
	if (family) {
		if (!fam)
			fail_msg("clause %zu (%s) is unmarked, want family %s", i, label,
			         family);
		assert_string_equal(fam, family);
	} else {
		assert_null(fam);
	}
	assert_int_equal(d->clauses[i].parent, parent);
}

typedef struct expect {
	nd_clause_kind kind; /* wanted kind */
	const char *label;   /* wanted label */
	const char *family;  /* wanted family name, NULL if unmarked */
	size_t parent;       /* wanted parent index */
} expect;

static void assert_clauses(const nd_doc *d, const expect *e, size_t n)
{
	size_t i;

	assert_int_equal(d->n, n);
	for (i = 0; i < n; i++)
		assert_clause(d, i, e[i].kind, e[i].label, e[i].family, e[i].parent);
}

/* ---- markers ---- */

static void test_marker_families(void **state)
{
	static const struct {
		const char *para;    /* a one-paragraph document */
		nd_clause_kind kind; /* wanted kind */
		const char *label;   /* wanted label */
		const char *family;  /* wanted family, NULL if unmarked */
		const char *body;    /* wanted body */
	} cases[] = {
		{"Part II", ND_CLAUSE_HEADING, "Part II", "part", ""},
		{"PART IV General provisions", ND_CLAUSE_HEADING, "PART IV", "part",
		 "General provisions"},
		{"Chapter III", ND_CLAUSE_HEADING, "Chapter III", "chapter", ""},
		{"Section 2. Definitions", ND_CLAUSE_HEADING, "Section 2.", "section",
		 "Definitions"},
		{"Article 5", ND_CLAUSE_HEADING, "Article 5", "article", ""},
		{"Article 12 bis", ND_CLAUSE_HEADING, "Article 12 bis", "article", ""},
		{"ARTICLE 7 Use of terms", ND_CLAUSE_HEADING, "ARTICLE 7", "article",
		 "Use of terms"},
		/* a dash or colon after the number separates, it is no label */
		{"Article 5 - Scope", ND_CLAUSE_HEADING, "Article 5", "article",
		 "Scope"},
		{"Article 6 \xE2\x80\x93 Scope", ND_CLAUSE_HEADING, "Article 6",
		 "article", "Scope"},
		{"ARTICLE 7 \xE2\x80\x94 Scope", ND_CLAUSE_HEADING, "ARTICLE 7",
		 "article", "Scope"},
		{"Article 8: Scope", ND_CLAUSE_HEADING, "Article 8", "article", "Scope"},
		{"\xC2\xA7 3", ND_CLAUSE_HEADING, "\xC2\xA7 3", "sign", ""},
		{"\xC2\xA7" "4 Scope of application", ND_CLAUSE_HEADING, "\xC2\xA7" "4",
		 "sign", "Scope of application"},
		{"I. Purpose and scope", ND_CLAUSE_HEADING, "I.", "roman-period",
		 "Purpose and scope"},
		{"4. MODIFICATIONS", ND_CLAUSE_HEADING, "4.", "decimal", "MODIFICATIONS"},
		{"1. The present code is voluntary and open to all States that wish to "
		 "subscribe to it.", ND_CLAUSE_ITEM, "1.", "decimal",
		 "The present code is voluntary and open to all States that wish to "
		 "subscribe to it."},
		{"1.2. Each State shall report annually.", ND_CLAUSE_ITEM, "1.2.",
		 "decimal2", "Each State shall report annually."},
		{"3.1.4. Reports are public.", ND_CLAUSE_ITEM, "3.1.4.", "decimal3",
		 "Reports are public."},
		{"12 bis. The Parties shall meet annually.", ND_CLAUSE_ITEM, "12 bis.",
		 "decimal", "The Parties shall meet annually."},
		{"(1) To comply with the Charter;", ND_CLAUSE_ITEM, "(1)", "paren-number",
		 "To comply with the Charter;"},
		{"(a) To comply with the Charter;", ND_CLAUSE_ITEM, "(a)", "paren-letter",
		 "To comply with the Charter;"},
		{"(i) To assist developing countries;", ND_CLAUSE_ITEM, "(i)",
		 "paren-roman", "To assist developing countries;"},
		{"(A) To comply with the Charter;", ND_CLAUSE_ITEM, "(A)",
		 "paren-capital", "To comply with the Charter;"},
		{"(IV) Final clauses;", ND_CLAUSE_ITEM, "(IV)", "paren-capital-roman",
		 "Final clauses;"},
		{"a) To comply with the Charter;", ND_CLAUSE_ITEM, "a)", "letter-paren",
		 "To comply with the Charter;"},
		{"3) To comply with the Charter;", ND_CLAUSE_ITEM, "3)", "number-paren",
		 "To comply with the Charter;"},
		{"A. Scope of the code", ND_CLAUSE_HEADING, "A.", "letter-period",
		 "Scope of the code"},
		{"A. The States agree to cooperate.", ND_CLAUSE_ITEM, "A.",
		 "letter-period", "The States agree to cooperate."},
		{"\xE2\x80\xA2 To comply;", ND_CLAUSE_ITEM, "\xE2\x80\xA2", "bullet",
		 "To comply;"},
		{"- To comply;", ND_CLAUSE_ITEM, "-", "bullet", "To comply;"},
		{"\xE2\x80\x93 To comply;", ND_CLAUSE_ITEM, "\xE2\x80\x93", "bullet",
		 "To comply;"},
		/* no marker */
		{"Articles 3 and 4 apply.", ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL,
		 "Articles 3 and 4 apply."},
		{"(see annex) for details.", ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL,
		 "(see annex) for details."},
		{"-5 degrees is cold.", ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL,
		 "-5 degrees is cold."},
	};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		nd_doc *d = parse(cases[k].para);

		print_message("  %s\n", cases[k].para);
		assert_int_equal(d->n, 1);
		assert_clause(d, 0, cases[k].kind, cases[k].label, cases[k].family, NONE);
		assert_body(d, 0, cases[k].body);
		nd_doc_free(d);
	}
}

/* ---- nesting ---- */

static void test_nesting_by_family(void **state)
{
	static const expect want[] = {
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, NONE},
		{ND_CLAUSE_ITEM, "(1)", "paren-number", 0},
		{ND_CLAUSE_ITEM, "(a)", "paren-letter", 1},
		{ND_CLAUSE_ITEM, "(b)", "paren-letter", 1},
		{ND_CLAUSE_ITEM, "(i)", "paren-roman", 3},
		{ND_CLAUSE_ITEM, "(ii)", "paren-roman", 3},
		{ND_CLAUSE_ITEM, "(c)", "paren-letter", 1},
		{ND_CLAUSE_ITEM, "(2)", "paren-number", 0},
	};
	nd_doc *d;

	(void)state;
	d = parse("Each State pledges:\n\n"
	          "(1) To comply;\n\n"
	          "(a) in law;\n\n"
	          "(b) in practice:\n\n"
	          "(i) at home;\n\n"
	          "(ii) abroad;\n\n"
	          "(c) in spirit;\n\n"
	          "(2) To assist.\n");
	assert_clauses(d, want, 8);
	assert_int_equal(d->clauses[0].end, 8);
	assert_int_equal(d->clauses[1].end, 7);
	assert_int_equal(d->clauses[3].end, 6);
	assert_int_equal(d->clauses[6].end, 7);
	assert_int_equal(d->clauses[7].end, 8);
	assert_int_equal(d->clauses[1].depth, 1);
	assert_int_equal(d->clauses[7].depth, 1);
	assert_int_equal(d->clauses[4].depth, 3);
	nd_doc_free(d);
}

static void test_i_after_h_is_a_letter(void **state)
{
	nd_buf doc = ND_BUF_INIT;
	nd_doc *d;
	char label[8];
	int k;

	(void)state;
	assert_int_equal(nd_buf_puts(&doc, "Each State pledges:\n\n"), 0);
	for (k = 0; k < 27; k++) /* (a) .. (z), (aa) */
		if (k < 26)
			assert_int_equal(nd_buf_printf(&doc, "(%c) To act;\n\n", 'a' + k), 0);
		else
			assert_int_equal(nd_buf_puts(&doc, "(aa) To act.\n"), 0);
	d = parse(doc.ptr);
	assert_int_equal(d->n, 28);
	for (k = 0; k < 27; k++) {
		if (k < 26)
			snprintf(label, sizeof(label), "(%c)", 'a' + k);
		else
			snprintf(label, sizeof(label), "(aa)");
		/* (i), (v), (x) and (c) included: they continue the letters */
		assert_clause(d, (size_t)k + 1, ND_CLAUSE_ITEM, label, "paren-letter", 0);
	}
	nd_doc_free(d);
	nd_buf_dispose(&doc);
}

static void test_i_opening_a_sublist_is_roman(void **state)
{
	static const expect want[] = {
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, NONE},
		{ND_CLAUSE_ITEM, "(a)", "paren-letter", 0},
		{ND_CLAUSE_ITEM, "(b)", "paren-letter", 0},
		{ND_CLAUSE_ITEM, "(c)", "paren-letter", 0},
		{ND_CLAUSE_ITEM, "(i)", "paren-roman", 3},
		{ND_CLAUSE_ITEM, "(ii)", "paren-roman", 3},
		{ND_CLAUSE_ITEM, "(iii)", "paren-roman", 3},
		{ND_CLAUSE_ITEM, "(iv)", "paren-roman", 3},
		{ND_CLAUSE_ITEM, "(v)", "paren-roman", 3},
		{ND_CLAUSE_ITEM, "(vi)", "paren-roman", 3},
		{ND_CLAUSE_ITEM, "(d)", "paren-letter", 0},
	};
	nd_doc *d;

	(void)state;
	d = parse("Each State pledges:\n\n"
	          "(a) To comply;\n\n"
	          "(b) To cooperate;\n\n"
	          "(c) To report on the following:\n\n"
	          "(i) its laws;\n\n"
	          "(ii) its practice;\n\n"
	          "(iii) its plans;\n\n"
	          "(iv) its needs;\n\n"
	          "(v) its resources;\n\n"
	          "(vi) its partners;\n\n"
	          "(d) To assist.\n");
	assert_clauses(d, want, 11);
	assert_int_equal(d->clauses[3].end, 10);
	assert_int_equal(d->clauses[3].chapeau, 1);
	nd_doc_free(d);
}

static void test_chapeau_takes_the_list(void **state)
{
	static const expect chapeau[] = {
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, NONE},
		{ND_CLAUSE_ITEM, "(a)", "paren-letter", 0},
		{ND_CLAUSE_ITEM, "(b)", "paren-letter", 0},
		{ND_CLAUSE_PARAGRAPH, PILCROW "2", NULL, NONE},
	};
	static const expect plain[] = {
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, NONE},
		{ND_CLAUSE_ITEM, "(a)", "paren-letter", NONE},
		{ND_CLAUSE_ITEM, "(b)", "paren-letter", NONE},
	};
	nd_doc *d;

	(void)state;
	d = parse("The Parties agree as follows:\n\n(a) To meet;\n\n(b) To report.\n\n"
	          "This closes the list.\n");
	assert_clauses(d, chapeau, 4);
	assert_int_equal(d->clauses[0].chapeau, 1);
	assert_int_equal(d->clauses[1].chapeau, 0);
	assert_int_equal(d->clauses[0].end, 3);
	nd_doc_free(d);
	/* without the colon the paragraph opens no list */
	d = parse("The Parties agree as follows.\n\n(a) To meet;\n\n(b) To report.\n");
	assert_clauses(d, plain, 3);
	assert_int_equal(d->clauses[0].chapeau, 0);
	nd_doc_free(d);
}

/* ---- resolutions ---- */

static void test_resolution_shape(void **state)
{
	static const expect want[] = {
		{ND_CLAUSE_TITLE, "", NULL, NONE},
		{ND_CLAUSE_INTRO, "", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP1", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP2", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP3", NULL, NONE},
		{ND_CLAUSE_OPERATIVE, "OP1", NULL, NONE},
		{ND_CLAUSE_OPERATIVE, "OP2", NULL, NONE},
		{ND_CLAUSE_ITEM, "(a)", "paren-letter", 6},
		{ND_CLAUSE_ITEM, "(b)", "paren-letter", 6},
		{ND_CLAUSE_OPERATIVE, "OP3", NULL, NONE},
		{ND_CLAUSE_HEADING, "Annex", "annex", NONE},
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, 10},
		{ND_CLAUSE_PARAGRAPH, PILCROW "2", NULL, 10},
	};
	nd_doc *d;

	(void)state;
	d = parse("Declaration on things\n\n"
	          "The General Assembly,\n\n"
	          "Recalling its resolution 65/41 of 8 December 2010,\n\n"
	          "Noting with concern the threats,\n\n"
	          "Reaffirming the principles, as follows,\n\n"
	          "Decides to adopt the code;\n\n"
	          "Requests the Secretary-General to report:\n\n"
	          "(a) on progress;\n\n"
	          "(b) on obstacles;\n\n"
	          "Decides to remain seized of the matter.\n\n"
	          "Annex\n\n"
	          "The code applies to all,\n\n"
	          "and is voluntary.\n");
	assert_clauses(d, want, 13);
	assert_body(d, 1, "The General Assembly,");
	assert_body(d, 5, "Decides to adopt the code;");
	assert_int_equal(d->clauses[6].chapeau, 1);
	assert_int_equal(d->clauses[6].end, 9);
	nd_doc_free(d);
}

static void test_resolution_with_numbered_operative_paragraphs(void **state)
{
	static const expect want[] = {
		{ND_CLAUSE_INTRO, "", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP1", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP2", NULL, NONE},
		{ND_CLAUSE_ITEM, "1.", "decimal", NONE},
		{ND_CLAUSE_ITEM, "(a)", "paren-letter", 3},
		{ND_CLAUSE_ITEM, "2.", "decimal", NONE},
		{ND_CLAUSE_OPERATIVE, "OP1", NULL, NONE},
		{ND_CLAUSE_OPERATIVE, "OP2", NULL, NONE},
	};
	nd_doc *d;

	(void)state;
	d = parse("The Security Council,\n\n"
	          "Recalling its resolutions,\n\n"
	          "Determined to act,\n\n"
	          "1. Decides to act as follows:\n\n"
	          "(a) at once;\n\n"
	          "2. Requests a report, in writing, within thirty days;\n\n"
	          /* after the operative part a comma does not make it preambular */
	          "Decides to include the item in its agenda,\n\n"
	          "Decides to remain seized of the matter.\n");
	assert_clauses(d, want, 8);
	nd_doc_free(d);
}

/* Clause i's heading text is `want`. */
static void assert_heading(const nd_doc *d, size_t i, const char *want)
{
	size_t len;
	const char *h = nd_doc_heading(d, i, &len);

	assert_non_null(h);
	assert_int_equal(len, strlen(want));
	assert_memory_equal(h, want, len);
}

static void test_headings_close_item_levels(void **state)
{
	static const expect want[] = {
		{ND_CLAUSE_HEADING, "Part I", "part", NONE},
		{ND_CLAUSE_HEADING, "Article 1", "article", 0},
		{ND_CLAUSE_ITEM, "(a)", "paren-letter", 1},
		{ND_CLAUSE_ITEM, "(b)", "paren-letter", 1},
		{ND_CLAUSE_ITEM, "(i)", "paren-roman", 3},
		{ND_CLAUSE_HEADING, "Article 2", "article", 0},
		{ND_CLAUSE_ITEM, "(a)", "paren-letter", 5},
		{ND_CLAUSE_HEADING, "Part II", "part", NONE},
		/* a heading marker alone takes the title on the next line */
		{ND_CLAUSE_HEADING, "Article 3", "article", 7},
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, 8},
		{ND_CLAUSE_HEADING, "Article 4", "article", 7},
		{ND_CLAUSE_HEADING, "Other matters", NULL, 10},
	};
	nd_doc *d;

	(void)state;
	d = parse("Part I\n\nArticle 1\n\n(a) first;\n\n(b) second:\n\n(i) within;\n\n"
	          "Article 2\n\n(a) third.\n\n"
	          "Part II\n\nArticle 3\n\nScope\n\nThe text.\n\nArticle 4\n\n"
	          "Final provisions\n\nOther matters\n");
	assert_clauses(d, want, 12);
	assert_int_equal(d->clauses[0].end, 7);
	assert_int_equal(d->clauses[1].end, 5);
	assert_int_equal(d->clauses[7].end, 12);
	assert_int_equal(d->clauses[8].depth, 1);
	assert_heading(d, 8, "Scope");
	assert_heading(d, 10, "Final provisions");
	nd_doc_free(d);
}

/* A run-in title ends at the first ". " before a sentence: not past a
 * ';' or a ':', nor after an abbreviation, nor before a word in lower
 * case; digits, dashes, commas and letters of several bytes may be in
 * it, and the whole of it must read as a heading. */
static void test_run_in_headings(void **state)
{
	static const struct {
		const char *item; /* the item's text after "(a) " */
		const char *head; /* its heading, or NULL */
	} cases[] = {
		{"Grant of Copyright License. Licensor grants you a licence.",
		 "Grant of Copyright License"},
		{"Term 2-3, Renewal. The term is renewed.", "Term 2-3, Renewal"},
		{"\xC3\x89tendue du Contrat. Le contrat s'applique.",
		 "\xC3\x89tendue du Contrat"},
		{"D\xC3\xA9" "finitions g\xC3\xA9n\xC3\xA9rales. Les termes suivants.",
		 NULL},
		{"Use; Licence. Text follows here.", NULL},
		{"Scope: Terms. Text follows here.", NULL},
		{"Mr. Smith agrees to the terms.", NULL},
		{"Warranty Disclaimer. the rest follows.", NULL},
		{"Grant of Rights.Text Without Space. More text.",
		 "Grant of Rights.Text Without Space"},
		{"One Two Three Four Five Six Seven Eight Nine Ten Eleven Twelve "
		 "Thirteen. Text.", NULL},
		{"Notices <and> [Marks] #123. Text.", "Notices <and> [Marks] #123"},
		{"Notices #1. Text.", NULL},
	};
	nd_buf text = ND_BUF_INIT;
	nd_doc *d;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(nd_buf_printf(&text, "Intro text here, a sentence.\n\n"
		                               "(a) %s\n\n", cases[i].item), 0);
	d = parse_len(text.ptr, text.len);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t k = 2 * i + 1;

		assert_int_equal(d->clauses[k].kind, ND_CLAUSE_ITEM);
		if (cases[i].head)
			assert_heading(d, k, cases[i].head);
		else
			assert_null(nd_doc_heading(d, k, &len));
	}
	nd_doc_free(d);
	nd_buf_dispose(&text);
}

static void test_paragraph_numbering_per_parent(void **state)
{
	static const expect want[] = {
		{ND_CLAUSE_TITLE, "", NULL, NONE},
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, NONE},
		{ND_CLAUSE_PARAGRAPH, PILCROW "2", NULL, NONE},
		{ND_CLAUSE_HEADING, "First heading", NULL, NONE},
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, 3},
		{ND_CLAUSE_PARAGRAPH, PILCROW "2", NULL, 3},
		{ND_CLAUSE_ITEM, "(a)", "paren-letter", 3},
		{ND_CLAUSE_PARAGRAPH, PILCROW "3", NULL, 3},
		{ND_CLAUSE_HEADING, "Second heading", NULL, NONE},
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, 8},
	};
	nd_doc *d;

	(void)state;
	d = parse("Title words here\n\nAn opening paragraph.\n\nAnother one.\n\n"
	          "First heading\n\nText under it.\n\nMore text.\n\n(a) an item;\n\n"
	          "Closing text.\n\nSecond heading\n\nText again.\n");
	assert_clauses(d, want, 10);
	nd_doc_free(d);
}

static void test_plain_headings(void **state)
{
	static const expect want[] = {
		{ND_CLAUSE_TITLE, "", NULL, NONE},
		{ND_CLAUSE_HEADING, "Purpose and scope", NULL, NONE},
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, 1},
		{ND_CLAUSE_PARAGRAPH, PILCROW "2", NULL, 1},
		{ND_CLAUSE_PARAGRAPH, PILCROW "3", NULL, 1},
		{ND_CLAUSE_HEADING, "2016 Review", NULL, NONE},
		{ND_CLAUSE_HEADING, "\xE2\x80\x9C" "Final\xE2\x80\x9D provisions", NULL, NONE},
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, 6},
	};
	nd_doc *d;

	(void)state;
	d = parse("Code of conduct\n\n"
	          "Purpose and scope\n\n"
	          "in the meantime nothing happens\n\n"          /* lower case */
	          "What is the purpose of the code?\n\n"          /* punctuation */
	          "One two three four five six seven eight nine ten eleven twelve "
	          "thirteen\n\n"                                  /* too long */
	          "2016 Review\n\n"
	          "\xE2\x80\x9C" "Final\xE2\x80\x9D provisions\n\n"
	          "2016 review of the code\n");
	assert_clauses(d, want, 8);
	nd_doc_free(d);
}

/* ---- the bundled drafts ---- */

static void test_draft_2011(void **state)
{
	static const expect want[] = {
		{ND_CLAUSE_TITLE, "", NULL, NONE},
		{ND_CLAUSE_INTRO, "", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP1", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP2", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP3", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP4", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP5", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP6", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP7", NULL, NONE},
		{ND_CLAUSE_PREAMBULAR, "PP8", NULL, NONE},
		{ND_CLAUSE_OPERATIVE, "OP1", NULL, NONE},
		{ND_CLAUSE_HEADING, "Purpose and scope", NULL, NONE},
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, 11},
		{ND_CLAUSE_PARAGRAPH, PILCROW "2", NULL, 11},
		{ND_CLAUSE_HEADING, "Code of conduct", NULL, NONE},
		{ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, 14},
		{ND_CLAUSE_ITEM, "(a)", "paren-letter", 15},
		{ND_CLAUSE_ITEM, "(b)", "paren-letter", 15},
		{ND_CLAUSE_ITEM, "(c)", "paren-letter", 15},
		{ND_CLAUSE_ITEM, "(d)", "paren-letter", 15},
		{ND_CLAUSE_ITEM, "(e)", "paren-letter", 15},
		{ND_CLAUSE_ITEM, "(f)", "paren-letter", 15},
		{ND_CLAUSE_ITEM, "(g)", "paren-letter", 15},
		{ND_CLAUSE_ITEM, "(h)", "paren-letter", 15},
		{ND_CLAUSE_ITEM, "(i)", "paren-letter", 15},
		{ND_CLAUSE_ITEM, "(j)", "paren-letter", 15},
		{ND_CLAUSE_ITEM, "(k)", "paren-letter", 15},
	};
	nd_doc *d = parse_file("ND_DRAFTS", "2011-A-66-359.txt");

	(void)state;
	assert_clauses(d, want, 27);
	assert_body(d, 0, "International code of conduct for information security");
	assert_body(d, 1, "The General Assembly,");
	assert_true(starts_with(nd_doc_body(d, 2), d->clauses[2].body_len,
	                        "Recalling its resolutions on the role of science"));
	assert_true(starts_with(nd_doc_body(d, 9), d->clauses[9].body_len,
	                        "Stressing the need for enhanced efforts"));
	assert_body(d, 10, "Adopts the following International Code of Conduct "
	                   "for Information Security:");
	assert_int_equal(d->clauses[10].chapeau, 1);
	assert_body(d, 15, "Each State voluntarily subscribing to the code pledges:");
	assert_int_equal(d->clauses[15].chapeau, 1);
	assert_int_equal(d->clauses[15].end, 27);
	assert_body(d, 24, "To assist developing countries in their efforts to enhance "
	                   "capacity-building on information security and to close "
	                   "the digital divide;");
	assert_int_equal(d->clauses[16].line, 33);
	assert_int_equal(d->clauses[26].line, 53);
	assert_int_equal(d->clauses[16].depth, 2);
	nd_doc_free(d);
}

static void test_draft_2015(void **state)
{
	nd_doc *d = parse_file("ND_DRAFTS", "2015-A-69-723.txt");
	char label[8];
	size_t i;

	(void)state;
	assert_int_equal(d->n, 33);
	assert_clause(d, 0, ND_CLAUSE_TITLE, "", NULL, NONE);
	assert_clause(d, 1, ND_CLAUSE_INTRO, "", NULL, NONE);
	for (i = 2; i <= 11; i++) {
		snprintf(label, sizeof(label), "PP%zu", i - 1);
		assert_clause(d, i, ND_CLAUSE_PREAMBULAR, label, NULL, NONE);
	}
	assert_clause(d, 12, ND_CLAUSE_OPERATIVE, "OP1", NULL, NONE);
	assert_clause(d, 13, ND_CLAUSE_HEADING, "Purpose and scope", NULL, NONE);
	assert_clause(d, 14, ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, 13);
	assert_clause(d, 15, ND_CLAUSE_PARAGRAPH, PILCROW "2", NULL, 13);
	assert_clause(d, 16, ND_CLAUSE_HEADING, "Code of conduct", NULL, NONE);
	assert_clause(d, 17, ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, 16);
	assert_int_equal(d->clauses[17].chapeau, 1);
	/* (1) .. (13) under the chapeau; (7) has (a) and (b) */
	for (i = 1; i <= 13; i++) {
		size_t at = 17 + i + (i > 7 ? 2 : 0);

		snprintf(label, sizeof(label), "(%zu)", i);
		assert_clause(d, at, ND_CLAUSE_ITEM, label, "paren-number", 17);
		assert_int_equal(d->clauses[at].depth, 2);
	}
	assert_clause(d, 25, ND_CLAUSE_ITEM, "(a)", "paren-letter", 24);
	assert_clause(d, 26, ND_CLAUSE_ITEM, "(b)", "paren-letter", 24);
	assert_body(d, 25, "For respect of the rights or reputations of others;");
	assert_int_equal(d->clauses[24].chapeau, 1);
	assert_int_equal(d->clauses[24].end, 27);
	assert_int_equal(d->clauses[17].end, 33);
	/* (8) is a sibling of (7), not its child */
	assert_int_equal(d->clauses[27].parent, d->clauses[24].parent);
	assert_true(starts_with(nd_doc_body(d, 27), d->clauses[27].body_len,
	                        "All States must play the same role"));
	nd_doc_free(d);
}

/* The 2011 draft as pdftotext renders it (wrapped lines, hyphenation, page
 * furniture, form feeds, CRLF on one page) gives the same tree. */
static void test_pdf_rendering_gives_the_same_tree(void **state)
{
	nd_doc *clean = parse_file("ND_DRAFTS", "2011-A-66-359.txt");
	nd_doc *pdf = parse_file("ND_TEST_DATA", "pdf/2011-A-66-359-pdf.txt");
	size_t len, i;
	char *raw = test_read("ND_TEST_DATA", "pdf/2011-A-66-359-pdf.txt", &len);

	(void)state;
	/* the fixture has what it is meant to have */
	assert_non_null(strstr(raw, "\f"));
	assert_non_null(strstr(raw, "\r\n"));
	assert_non_null(strstr(raw, "\fA/66/359\n"));
	assert_non_null(strstr(raw, "\n11-49611 3/6"));
	assert_true(strstr(raw, " capacity-\n") || strstr(raw, " capacity-\r\n"));
	assert_non_null(strstr(raw, "capacity-building"));
	assert_non_null(strstr(raw, " infor-\n"));
	assert_non_null(strstr(raw, " secu-\n\n11-49611 3/6\n\fA/66/359"));

	assert_int_equal(pdf->n, clean->n);
	for (i = 0; i < clean->n; i++) {
		const nd_clause *a = &clean->clauses[i], *b = &pdf->clauses[i];

		assert_int_equal(b->kind, a->kind);
		assert_string_equal(nd_doc_label(pdf, i), nd_doc_label(clean, i));
		assert_int_equal(b->family, a->family);
		assert_int_equal(b->parent, a->parent);
		assert_int_equal(b->depth, a->depth);
		assert_int_equal(b->end, a->end);
		assert_int_equal(b->chapeau, a->chapeau);
		if (b->body_len != a->body_len ||
		    memcmp(nd_doc_body(pdf, i), nd_doc_body(clean, i), a->body_len))
			fail_msg("clause %zu (%s) differs:\n  pdf:   %.*s\n  clean: %.*s", i,
			         nd_doc_label(clean, i), (int)b->body_len,
			         nd_doc_body(pdf, i), (int)a->body_len, nd_doc_body(clean, i));
		assert_true(b->hash == a->hash);
	}
	assert_int_equal(pdf->text->len, clean->text->len);
	assert_memory_equal(pdf->text->buf, clean->text->buf, clean->text->len);

	/* the lines point into the fixture: clause (c) starts on the line
	 * "(c) To cooperate ..." and ends on "...cultural environment;" */
	for (i = 0; i < pdf->n; i++)
		if (!strcmp(nd_doc_label(pdf, i), "(c)"))
			break;
	assert_true(i < pdf->n);
	{
		uint32_t line = 1;
		size_t k;
		uint32_t first = 0, last = 0;

		for (k = 0; k < len; k++) {
			if (k == 0 || raw[k - 1] == '\n') {
				if (starts_with(raw + k, len - k, "(c) To cooperate"))
					first = line;
				if (starts_with(raw + k, len - k, "their spiritual and cultural"))
					last = line;
			}
			if (raw[k] == '\n')
				line++;
		}
		assert_true(first > 0 && last > first);
		assert_int_equal(pdf->clauses[i].line, first);
		assert_int_equal(pdf->clauses[i].last_line, last);
	}
	free(raw);
	nd_doc_free(pdf);
	nd_doc_free(clean);
}

/* ---- odds and ends ---- */

static void test_huge_paragraph(void **state)
{
	enum { N = 5 * 1024 * 1024 };
	char *in = malloc(N);
	nd_doc *d;
	size_t i;

	(void)state;
	assert_non_null(in);
	for (i = 0; i < N; i++)
		in[i] = i % 6 == 5 ? ' ' : "States"[i % 6];
	in[N - 1] = '.';
	d = parse_len(in, N);
	assert_int_equal(d->n, 1);
	assert_clause(d, 0, ND_CLAUSE_PARAGRAPH, PILCROW "1", NULL, NONE);
	assert_int_equal(d->clauses[0].body_len, N);
	nd_doc_free(d);
	free(in);
}

static void test_parse_errors_pass_through(void **state)
{
	nd_doc *d = (nd_doc *)&d;

	(void)state;
	assert_int_equal(nd_doc_parse(&d, "", 0, grammar), ND_EEMPTY);
	assert_null(d);
	d = (nd_doc *)&d;
	assert_int_equal(nd_doc_parse(&d, "a\0b", 3, grammar), ND_EBINARY);
	assert_null(d);
	nd_doc_free(NULL);
}

static void test_kind_names(void **state)
{
	(void)state;
	assert_string_equal(nd_clause_kind_name(ND_CLAUSE_TITLE), "title");
	assert_string_equal(nd_clause_kind_name(ND_CLAUSE_INTRO), "intro");
	assert_string_equal(nd_clause_kind_name(ND_CLAUSE_PREAMBULAR), "preambular");
	assert_string_equal(nd_clause_kind_name(ND_CLAUSE_OPERATIVE), "operative");
	assert_string_equal(nd_clause_kind_name(ND_CLAUSE_HEADING), "heading");
	assert_string_equal(nd_clause_kind_name(ND_CLAUSE_ITEM), "item");
	assert_string_equal(nd_clause_kind_name(ND_CLAUSE_PARAGRAPH), "paragraph");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_marker_families),
		cmocka_unit_test(test_nesting_by_family),
		cmocka_unit_test(test_i_after_h_is_a_letter),
		cmocka_unit_test(test_i_opening_a_sublist_is_roman),
		cmocka_unit_test(test_chapeau_takes_the_list),
		cmocka_unit_test(test_resolution_shape),
		cmocka_unit_test(test_resolution_with_numbered_operative_paragraphs),
		cmocka_unit_test(test_headings_close_item_levels),
		cmocka_unit_test(test_paragraph_numbering_per_parent),
		cmocka_unit_test(test_plain_headings),
		cmocka_unit_test(test_draft_2011),
		cmocka_unit_test(test_draft_2015),
		cmocka_unit_test(test_pdf_rendering_gives_the_same_tree),
		cmocka_unit_test(test_huge_paragraph),
		cmocka_unit_test(test_parse_errors_pass_through),
		cmocka_unit_test(test_kind_names),
		cmocka_unit_test(test_run_in_headings),
	};
	return cmocka_run_group_tests(tests, test_grammar_setup, test_grammar_teardown);
}
