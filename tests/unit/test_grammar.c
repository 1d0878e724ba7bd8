/* test_grammar.c - building grammars, user grammar files and their effect. */
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
#include "normdiff/grammar.h"
#include "normdiff/text.h"
#include "support.h"

/* Path of a file under $ND_TEST_DATA (static buffer). */
static const char *data_path(const char *rel)
{
	static char path[4096];

	return test_path("ND_TEST_DATA", rel, path, sizeof(path));
}

/* Build the grammar in tests/data/grammar/NAME. */
static nd_grammar *load_grammar(const char *name)
{
	char rel[256];
	const char *path;
	nd_grammar *g = NULL;
	size_t len;
	char *text;
	int rc;

	snprintf(rel, sizeof(rel), "grammar/%s", name);
	path = data_path(rel);
	text = test_read("ND_TEST_DATA", rel, &len);
	rc = nd_grammar_new(&g, text, len, path);
	free(text);
	if (rc != 0)
		fail_msg("%s: %d %s", name, rc, nd_error_message());
	assert_non_null(g);
	return g;
}

static nd_grammar *default_grammar(void)
{
	nd_grammar *g = NULL;

	assert_int_equal(nd_grammar_default(&g), 0);
	assert_non_null(g);
	return g;
}

static nd_doc *parse(const char *s, const nd_grammar *g)
{
	nd_doc *d = NULL;
	int rc = nd_doc_parse(&d, s, strlen(s), g);

	if (rc != 0)
		fail_msg("nd_doc_parse failed (%d): %s", rc, nd_error_message());
	assert_non_null(d);
	return d;
}

static nd_text *normalise(const char *s, const nd_grammar *g)
{
	nd_text *t = NULL;
	int rc = nd_text_new(&t, s, strlen(s), g);

	if (rc != 0)
		fail_msg("nd_text_new failed (%d): %s", rc, nd_error_message());
	return t;
}

static void assert_body(const nd_doc *d, size_t i, const char *want)
{
	char *got = nd_strndup(nd_doc_body(d, i), d->clauses[i].body_len);

	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* Clause i: kind, label, family name (NULL = unmarked) and parent. */
static void assert_clause(const nd_doc *d, const nd_grammar *g, size_t i,
                          nd_clause_kind kind, const char *label,
                          const char *family, size_t parent)
{
	const char *fam;

	assert_true(i < d->n);
	assert_string_equal(nd_clause_kind_name(d->clauses[i].kind),
	                    nd_clause_kind_name(kind));
	assert_string_equal(nd_doc_label(d, i), label);
	fam = nd_doc_family_name(d, g, i);
	if (family) {
		assert_non_null(fam);
		assert_string_equal(fam, family);
	} else {
		assert_null(fam);
		assert_int_equal(d->clauses[i].family, -1);
	}
	assert_int_equal(d->clauses[i].parent, parent);
}

/* Building `text` fails with ND_EGRAMMAR and a message starting with
 * `prefix` and containing `part`. */
static void expect_bad(const char *text, size_t len, const char *prefix,
                       const char *part)
{
	nd_grammar *g = (nd_grammar *)&g; /* must be reset to NULL */
	const char *msg;

	nd_error_clear();
	assert_int_equal(nd_grammar_new(&g, text, len, "bad.grammar"), ND_EGRAMMAR);
	assert_null(g);
	msg = nd_error_message();
	if (strncmp(msg, prefix, strlen(prefix)) != 0)
		fail_msg("message \"%s\" does not start with \"%s\"", msg, prefix);
	if (!strstr(msg, part))
		fail_msg("message \"%s\" does not contain \"%s\"", msg, part);
}

#define EXPECT_BAD(lit, prefix, part) \
	expect_bad((lit), sizeof(lit) - 1, (prefix), (part))

static void test_default_grammar_builds(void **state)
{
	const char *src = nd_grammar_default_source();
	nd_grammar *g = default_grammar(), *again = NULL;
	nd_doc *d;

	(void)state;
	assert_non_null(src);
	assert_non_null(strstr(src, "family paren-letter "));
	assert_non_null(strstr(src, "furniture "));
	assert_non_null(strstr(src, "preamble-start "));
	/* the source builds on its own, and to the same grammar */
	assert_int_equal(nd_grammar_new(&again, src, strlen(src), "copy"), 0);
	d = parse("Part II\n\nArticle 5\n\n(a) To comply;\n\n(i) To assist;\n", again);
	assert_int_equal(d->n, 4);
	assert_clause(d, again, 0, ND_CLAUSE_HEADING, "Part II", "part", ND_NO_PARENT);
	assert_clause(d, again, 1, ND_CLAUSE_HEADING, "Article 5", "article", 0);
	assert_clause(d, again, 2, ND_CLAUSE_ITEM, "(a)", "paren-letter", 1);
	assert_clause(d, again, 3, ND_CLAUSE_ITEM, "(i)", "paren-roman", 2);
	assert_string_equal(nd_doc_family_name(d, g, 3), "paren-roman");
	nd_doc_free(d);
	nd_grammar_free(again);
	nd_grammar_free(g);
	nd_grammar_free(NULL);
}

static void test_user_grammar_with_its_own_families(void **state)
{
	nd_grammar *g = load_grammar("points.grammar"), *def = default_grammar();
	static const char doc[] =
		"Point 1.\n\n"
		"[a] The first thing;\n\n"
		"[b] The second thing.\n\n"
		"* A starred remark\n\n"
		"Point 2.\n\n"
		"(a) Not a marker in this grammar.\n";
	nd_doc *d;

	(void)state;
	d = parse(doc, g);
	assert_int_equal(d->n, 6);
	assert_clause(d, g, 0, ND_CLAUSE_HEADING, "Point 1.", "point", ND_NO_PARENT);
	assert_clause(d, g, 1, ND_CLAUSE_ITEM, "[a]", "bracket", 0);
	assert_body(d, 1, "The first thing;");
	assert_clause(d, g, 2, ND_CLAUSE_ITEM, "[b]", "bracket", 0);
	assert_clause(d, g, 3, ND_CLAUSE_ITEM, "*", "star", 2);
	assert_body(d, 3, "A starred remark");
	assert_clause(d, g, 4, ND_CLAUSE_HEADING, "Point 2.", "point", ND_NO_PARENT);
	assert_clause(d, g, 5, ND_CLAUSE_PARAGRAPH, "\xC2\xB6" "1", NULL, 4);
	assert_body(d, 5, "(a) Not a marker in this grammar.");
	assert_int_equal(d->clauses[0].end, 4);
	nd_doc_free(d);

	/* the default grammar knows none of these markers but "*" (a bullet)
	 * and "(a)" */
	d = parse(doc, def);
	assert_int_equal(d->n, 6);
	assert_clause(d, def, 0, ND_CLAUSE_PARAGRAPH, "\xC2\xB6" "1", NULL, ND_NO_PARENT);
	assert_clause(d, def, 1, ND_CLAUSE_PARAGRAPH, "\xC2\xB6" "2", NULL, ND_NO_PARENT);
	assert_body(d, 1, "[a] The first thing;");
	assert_clause(d, def, 3, ND_CLAUSE_ITEM, "*", "bullet", ND_NO_PARENT);
	assert_clause(d, def, 5, ND_CLAUSE_ITEM, "(a)", "paren-letter", ND_NO_PARENT);
	nd_doc_free(d);
	nd_grammar_free(def);
	nd_grammar_free(g);
}

static void test_include_default_extends(void **state)
{
	nd_grammar *g = load_grammar("extends.grammar");
	nd_doc *d;

	(void)state;
	d = parse("The General Assembly,\n\n"
	          "Recalling its resolutions,\n\n"
	          "Decides:\n\n"
	          "(a) To meet;\n\n"
	          "[a] To report;\n\n"
	          "\fA/66/359\n\n"
	          "DRAFT ONLY\n\n"
	          "Article 12 bis\n", g);
	assert_int_equal(d->n, 6);
	assert_clause(d, g, 0, ND_CLAUSE_INTRO, "", NULL, ND_NO_PARENT);
	assert_clause(d, g, 1, ND_CLAUSE_PREAMBULAR, "PP1", NULL, ND_NO_PARENT);
	assert_clause(d, g, 2, ND_CLAUSE_OPERATIVE, "OP1", NULL, ND_NO_PARENT);
	assert_clause(d, g, 3, ND_CLAUSE_ITEM, "(a)", "paren-letter", 2);
	assert_clause(d, g, 4, ND_CLAUSE_ITEM, "[a]", "bracket", 3);
	assert_clause(d, g, 5, ND_CLAUSE_HEADING, "Article 12 bis", "article",
	              ND_NO_PARENT);
	/* both the default's furniture and the file's own are gone */
	assert_null(strstr(d->text->buf, "A/66/359"));
	assert_null(strstr(d->text->buf, "DRAFT"));
	nd_doc_free(d);
	nd_grammar_free(g);
}

static void test_malformed_grammars(void **state)
{
	(void)state;
	EXPECT_BAD("# comment\n\nfamilly x number item ^(?<n>\\d+)\n",
	           "bad.grammar:3: ", "unknown directive 'familly'");
	EXPECT_BAD("family x numbr item ^(?<n>\\d+)\n",
	           "bad.grammar:1: ", "unknown style 'numbr'");
	EXPECT_BAD("include default\n# items\nfamily x number itm ^(?<n>\\d+)\n",
	           "bad.grammar:3: ", "unknown role 'itm'");
	EXPECT_BAD("family x number item ^\\((?<n>\\d+\\s+\n",
	           "bad.grammar:1: ", "bad pattern");
	EXPECT_BAD("family ok none item ^-\\s+\nfurniture ^[A-Z\n",
	           "bad.grammar:2: ", "bad pattern");
	EXPECT_BAD("family ok none item ^-\\s+\npreamble-start (?<x\n",
	           "bad.grammar:2: ", "bad pattern");
	EXPECT_BAD("family x number item ^\\d+\\.\\s+\n",
	           "bad.grammar:1: ", "family 'x' needs a group (?<n>...)");
	EXPECT_BAD("family x number item ^(?<m>\\d+)\\.\\s+\n",
	           "bad.grammar:1: ", "needs a group (?<n>...)");
	EXPECT_BAD("family x number\n", "bad.grammar:1: ",
	           "expected 'family NAME STYLE ROLE PATTERN'");
	EXPECT_BAD("family x number item   \n", "bad.grammar:1: ",
	           "family 'x' has no pattern");
	EXPECT_BAD("include other\n", "bad.grammar:1: ", "only 'include default'");
	EXPECT_BAD("family ok none item ^-\\s+\nfurniture\n", "bad.grammar:2: ",
	           "missing pattern");
	/* no families at all: there is no line to point at */
	EXPECT_BAD("# nothing but\nfurniture ^x$\nheading-max-words 3\n",
	           "bad.grammar: ", "defines no marker family");
	EXPECT_BAD("", "bad.grammar: ", "defines no marker family");
	/* heading-max-words needs a number from 0 to 1000 */
	EXPECT_BAD("include default\nheading-max-words many\n", "bad.grammar:2: ",
	           "heading-max-words needs a number");
	EXPECT_BAD("include default\nheading-max-words -1\n", "bad.grammar:2: ",
	           "heading-max-words needs a number");
	EXPECT_BAD("include default\nheading-max-words 1001\n", "bad.grammar:2: ",
	           "heading-max-words needs a number");
	EXPECT_BAD("include default\nheading-max-words 12x\n", "bad.grammar:2: ",
	           "heading-max-words needs a number");
	EXPECT_BAD("include default\nheading-max-words\n", "bad.grammar:2: ",
	           "heading-max-words needs a number");
	/* CRLF lines: the line number and the word are right */
	EXPECT_BAD("# c\r\nfamily x numbr item ^(?<n>\\d+)\r\n",
	           "bad.grammar:2: ", "unknown style 'numbr' (");
	/* bytes that are not text */
	EXPECT_BAD("include default\nfamily x none item ^a\0b\n", "bad.grammar:2: ",
	           "NUL byte");
	EXPECT_BAD("include default\nfamily caf\xE9 none item ^-\n", "bad.grammar: ",
	           "not valid UTF-8");
}

static void test_crlf_grammar(void **state)
{
	static const char src[] =
		"# written on Windows\r\ninclude default\r\nheading-max-words 3\r\n"
		"family bracket lower-alpha item ^\\[(?<n>[a-z])\\]\\s+\r\n";
	nd_grammar *g = NULL;
	nd_doc *d;

	(void)state;
	if (nd_grammar_new(&g, src, sizeof(src) - 1, "crlf.grammar") != 0)
		fail_msg("%s", nd_error_message());
	d = parse("[a] To meet;\n\n[b] To report.\n", g);
	assert_int_equal(d->n, 2);
	assert_clause(d, g, 0, ND_CLAUSE_ITEM, "[a]", "bracket", ND_NO_PARENT);
	assert_clause(d, g, 1, ND_CLAUSE_ITEM, "[b]", "bracket", ND_NO_PARENT);
	nd_doc_free(d);
	nd_grammar_free(g);
}

/* A pattern that can match nothing at all does not make every paragraph
 * an item. */
static void test_empty_marker_is_no_marker(void **state)
{
	static const char src[] = "family star none item ^(?:\\*\\s+)?\n";
	nd_grammar *g = NULL;
	nd_doc *d;

	(void)state;
	assert_int_equal(nd_grammar_new(&g, src, sizeof(src) - 1, "star"), 0);
	d = parse("* A starred item.\n\nPlain text follows.\n", g);
	assert_int_equal(d->n, 2);
	assert_clause(d, g, 0, ND_CLAUSE_ITEM, "*", "star", ND_NO_PARENT);
	assert_clause(d, g, 1, ND_CLAUSE_PARAGRAPH, "\xC2\xB6" "1", NULL, ND_NO_PARENT);
	nd_doc_free(d);
	nd_grammar_free(g);
}

static void test_limits_of_heading_max_words_are_accepted(void **state)
{
	nd_grammar *g = NULL;
	static const char zero[] = "include default\nheading-max-words 0\n";
	static const char max[] = "include default\nheading-max-words 1000\n";

	(void)state;
	assert_int_equal(nd_grammar_new(&g, zero, sizeof(zero) - 1, "zero"), 0);
	nd_grammar_free(g);
	assert_int_equal(nd_grammar_new(&g, max, sizeof(max) - 1, "max"), 0);
	nd_grammar_free(g);
}

static void test_malformed_grammar_file_names_file_and_line(void **state)
{
	const char *path = data_path("grammar/bad-role.grammar");
	char prefix[4200];
	nd_grammar *g = NULL;
	size_t len;
	char *text = test_read("ND_TEST_DATA", "grammar/bad-role.grammar", &len);

	(void)state;
	assert_int_equal(nd_grammar_new(&g, text, len, path), ND_EGRAMMAR);
	assert_null(g);
	snprintf(prefix, sizeof(prefix), "%s:4: ", path);
	assert_int_equal(strncmp(nd_error_message(), prefix, strlen(prefix)), 0);
	assert_non_null(strstr(nd_error_message(), "unknown role 'list'"));
	free(text);
}

static void test_furniture_directive(void **state)
{
	nd_grammar *def = default_grammar(), *ext = load_grammar("extends.grammar");
	nd_grammar *own = load_grammar("points.grammar");
	/* furniture needs evidence: here a form feed, a repeated header */
	static const char stamp[] = "The Parties agree\n\fDRAFT ONLY\nto meet.\n";
	static const char symbol[] = "A/66/359\n\nThe Parties agree\nA/66/359\nto meet.\n";
	static const char once[] = "The Parties agree\nDRAFT ONLY\nto meet.\n";
	nd_text *t;

	(void)state;
	t = normalise(stamp, def);
	assert_string_equal(t->buf, "The Parties agree\nDRAFT ONLY to meet.");
	nd_text_free(t);
	t = normalise(stamp, ext);
	assert_string_equal(t->buf, "The Parties agree to meet.");
	nd_text_free(t);
	/* a grammar without furniture lines keeps the document symbol */
	t = normalise(symbol, def);
	assert_string_equal(t->buf, "The Parties agree to meet.");
	nd_text_free(t);
	t = normalise(symbol, own);
	assert_string_equal(t->buf, "A/66/359\nThe Parties agree A/66/359 to meet.");
	nd_text_free(t);
	/* a line that only looks like furniture, once and away from a page
	 * break, is text: dropping it would hide an edit to it */
	t = normalise(once, ext);
	assert_string_equal(t->buf, "The Parties agree DRAFT ONLY to meet.");
	nd_text_free(t);
	nd_grammar_free(own);
	nd_grammar_free(ext);
	nd_grammar_free(def);
}

static void test_heading_max_words_directive(void **state)
{
	nd_grammar *def = default_grammar(), *g = load_grammar("short-headings.grammar");
	static const char doc[] =
		"Code of conduct\n\n"
		"Purpose and scope\n\n"
		"Final provisions of the code\n\n"
		"I. Scope of the present code\n";
	static const char page[] = "Five words and no stop\n\fNext line here.\n";
	nd_doc *d;
	nd_text *t;

	(void)state;
	d = parse(doc, def);
	assert_int_equal(d->n, 4);
	assert_clause(d, def, 0, ND_CLAUSE_TITLE, "", NULL, ND_NO_PARENT);
	assert_clause(d, def, 1, ND_CLAUSE_HEADING, "Purpose and scope", NULL,
	              ND_NO_PARENT);
	assert_clause(d, def, 2, ND_CLAUSE_HEADING, "Final provisions of the code",
	              NULL, ND_NO_PARENT);
	assert_clause(d, def, 3, ND_CLAUSE_HEADING, "I.", "roman-period", 2);
	nd_doc_free(d);

	d = parse(doc, g);
	assert_int_equal(d->n, 4);
	assert_clause(d, g, 0, ND_CLAUSE_TITLE, "", NULL, ND_NO_PARENT);
	assert_clause(d, g, 1, ND_CLAUSE_HEADING, "Purpose and scope", NULL,
	              ND_NO_PARENT);
	assert_clause(d, g, 2, ND_CLAUSE_PARAGRAPH, "\xC2\xB6" "1", NULL, 1);
	assert_clause(d, g, 3, ND_CLAUSE_ITEM, "I.", "roman-period", 1);
	assert_body(d, 3, "Scope of the present code");
	nd_doc_free(d);

	/* the same limit says when text before a page break is "long" */
	t = normalise(page, def);
	assert_string_equal(t->buf, "Five words and no stop\nNext line here.");
	nd_text_free(t);
	t = normalise(page, g);
	assert_string_equal(t->buf, "Five words and no stop Next line here.");
	nd_text_free(t);
	nd_grammar_free(g);
	nd_grammar_free(def);
}

static void test_preamble_start_directive(void **state)
{
	nd_grammar *def = default_grammar(), *g = NULL;
	static const char src[] =
		"include default\npreamble-start ^The Meeting of the Parties,$\n";
	static const char doc[] =
		"The Meeting of the Parties,\n\nRecalling its decisions,\n\nDecides to meet.\n";
	nd_doc *d;

	(void)state;
	assert_int_equal(nd_grammar_new(&g, src, sizeof(src) - 1, "mop"), 0);
	d = parse(doc, g);
	assert_int_equal(d->n, 3);
	assert_clause(d, g, 0, ND_CLAUSE_INTRO, "", NULL, ND_NO_PARENT);
	assert_clause(d, g, 1, ND_CLAUSE_PREAMBULAR, "PP1", NULL, ND_NO_PARENT);
	assert_clause(d, g, 2, ND_CLAUSE_OPERATIVE, "OP1", NULL, ND_NO_PARENT);
	nd_doc_free(d);
	d = parse(doc, def);
	assert_int_equal(d->n, 3);
	assert_clause(d, def, 0, ND_CLAUSE_PARAGRAPH, "\xC2\xB6" "1", NULL, ND_NO_PARENT);
	assert_clause(d, def, 2, ND_CLAUSE_PARAGRAPH, "\xC2\xB6" "3", NULL, ND_NO_PARENT);
	nd_doc_free(d);
	nd_grammar_free(g);
	nd_grammar_free(def);
}

/* A pattern that backtracks without end on some line reaches PCRE2's match
 * limit there: the line is read as not matching, and the result says so,
 * naming the rule, the limit and the line, in the text and as a note of
 * the comparison. A grammar that never reaches the limit leaves no note. */
static void test_match_limit_is_reported(void **state)
{
	static const char gtext[] =
		"include default\n"
		"# catastrophic on a long run of a's not followed by the end\n"
		"family runaway none item (?:a|aa)+$\n";
	static const char old_text[] = "Title\n\n1. One thing.\n\n"
	                               "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n";
	static const char new_text[] = "Title\n\n1. One thing changed.\n\n"
	                               "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\n";
	nd_grammar *g = NULL, *dg = NULL;
	nd_doc *a, *b, *c;
	nd_changeset *cs = NULL;
	size_t k, found = 0;

	(void)state;
	assert_int_equal(nd_grammar_new(&g, gtext, sizeof(gtext) - 1, "runaway.grammar"), 0);
	a = parse(old_text, g);
	b = parse(new_text, g);
	assert_true(a->text->limit_hits > 0);
	assert_non_null(a->text->limit_rule);
	assert_string_equal(a->text->limit_rule,
	                    "\"family runaway\" (runaway.grammar:3)");
	assert_int_equal(a->text->limit_line, 5);
	/* read as no match: the line is a paragraph of its own, not an item */
	assert_int_equal(a->n, 3);
	assert_int_equal(nd_changeset_compute(&cs, a, b, NULL, NULL, NULL), 0);
	for (k = 0; k < cs->nnotes; k++)
		if (strstr(cs->notes[k], "\"family runaway\" (runaway.grammar:3)") &&
		    strstr(cs->notes[k], "match limit") && strstr(cs->notes[k], "line 5"))
			found++;
	assert_int_equal(found, 2); /* old and new */
	nd_changeset_free(cs);
	/* the default grammar reaches no limit on the same text */
	assert_int_equal(nd_grammar_default(&dg), 0);
	c = parse(old_text, dg);
	assert_int_equal(c->text->limit_hits, 0);
	assert_null(c->text->limit_rule);
	nd_doc_free(c);
	nd_doc_free(a);
	nd_doc_free(b);
	nd_grammar_free(g);
	nd_grammar_free(dg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_grammar_builds),
		cmocka_unit_test(test_user_grammar_with_its_own_families),
		cmocka_unit_test(test_include_default_extends),
		cmocka_unit_test(test_malformed_grammars),
		cmocka_unit_test(test_crlf_grammar),
		cmocka_unit_test(test_empty_marker_is_no_marker),
		cmocka_unit_test(test_limits_of_heading_max_words_are_accepted),
		cmocka_unit_test(test_malformed_grammar_file_names_file_and_line),
		cmocka_unit_test(test_furniture_directive),
		cmocka_unit_test(test_heading_max_words_directive),
		cmocka_unit_test(test_preamble_start_directive),
		cmocka_unit_test(test_match_limit_is_reported),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
