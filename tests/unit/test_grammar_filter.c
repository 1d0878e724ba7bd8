/* test_grammar_filter.c - a family's match is tried only on text that
 * opens with a byte its marker can start with (grammar.c: first_bytes);
 * the answer must be pcre2's own on every text. Checked for every family
 * of the built-in grammar and of one whose patterns are caseless, start
 * with a character of several bytes or with a choice, on texts opening
 * with every printable ASCII character and with letters whose cases
 * differ in their first byte (Σ σ ς, the Kelvin sign for k). So is the
 * shortcut of the first two bytes (grammar.c: cannot_open), on every pair
 * of printable ASCII bytes, and the matching of every family at once
 * (nd_grammar_match_all) against each in turn, and the same filters on
 * page furniture (nd_grammar_is_furniture). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "grammar_internal.h"
#include "normdiff/buf.h"
#include "normdiff/error.h"

static const char *const leads[] = {
	"\xC3\xA9", "\xC3\x89", "\xE2\x82\xAC", "\xC2\xA7", "\xD0\xA1", "\xD1\x81",
	"\xCE\xA3", "\xCF\x83", "\xCF\x82", "\xE2\x84\xAA", "\xE2\x80\xA2",
	"\xE2\x80\x93", "\xE2\x88\x92", "\xC5\xBF",
};
static const char *const tails[] = {
	"", " ", "1 ", "rticle 5 ", "RTICLE 5 ", "\xD0\xA2\xD0\x90\xD0\xA2 ",
	"\xD1\x82\xD0\xB0\xD1\x82 ", ") ", ". ", "1) ", "(a) ", "V. ", "a) ",
	"ection 3. ", "I. Title", "2.3. Text", "\xCE\xA3 ",
};

static int pcre2_says(const nd_family *f, pcre2_match_data *md,
                      const char *s, size_t len)
{
	int rc = pcre2_match(f->re, (PCRE2_SPTR)s, len, 0, 0, md, NULL);

	return rc >= 0 && pcre2_get_ovector_pointer(md)[1] > 0;
}

/* Every family of g on every lead + tail; returns how many families are
 * filtered. */
static size_t check_grammar(const nd_grammar *g)
{
	nd_matcher m;
	pcre2_match_data *md = pcre2_match_data_create(g->max_groups + 1, NULL);
	char lead[8], s[64];
	size_t f, l, t, filtered = 0;
	nd_marker mk;

	assert_non_null(md);
	assert_int_equal(nd_matcher_init(&m, g), 0);
	for (f = 0; f < g->nfamilies; f++) {
		filtered += g->families[f].filtered != 0;
		for (l = 0; l < 95 + sizeof(leads) / sizeof(leads[0]); l++) {
			if (l < 95)
				snprintf(lead, sizeof(lead), "%c", (char)(0x20 + l));
			else
				snprintf(lead, sizeof(lead), "%s", leads[l - 95]);
			for (t = 0; t < sizeof(tails) / sizeof(tails[0]); t++) {
				size_t n = (size_t)snprintf(s, sizeof(s), "%s%s", lead,
				                            tails[t]);

				if (nd_grammar_match(g, &m, f, s, n, &mk) !=
				    pcre2_says(&g->families[f], md, s, n))
					fail_msg("family %s on '%s'", g->families[f].name, s);
			}
		}
	}
	nd_matcher_dispose(&m);
	pcre2_match_data_free(md);
	return filtered;
}

/* Every family of g on texts opening with every pair of printable ASCII
 * bytes (grammar.c: cannot_open rules pairs out), the shortcut's answers
 * asked twice: first when the pair is new, then from its table. Through
 * nd_grammar_match and nd_grammar_match_all, against pcre2's own. */
static void check_pairs(const nd_grammar *g)
{
	static const char *const ptails[] = {
		"", " ", "1 ", ") ", ". ", "1) ", "V. ", ". Title", "rticle 5 ",
		"ection 3. ", "2.3. Text", "\xC3\x89 ", "c ", "b ", "ab ", "bb ",
	};
	nd_matcher m;
	pcre2_match_data *md = pcre2_match_data_create(g->max_groups + 1, NULL);
	nd_marker mk, all[ND_OPENS_MAX];
	char s[64];
	size_t a, b, t, f, n, k, round;

	assert_non_null(md);
	assert_int_equal(nd_matcher_init(&m, g), 0);
	for (round = 0; round < 2; round++)
		for (a = 0x20; a < 0x7F; a++)
			for (b = 0x20; b < 0x7F; b++)
				for (t = 0; t < sizeof(ptails) / sizeof(ptails[0]); t++) {
					size_t len = (size_t)snprintf(s, sizeof(s), "%c%c%s", (char)a,
					                              (char)b, ptails[t]);

					n = nd_grammar_match_all(g, &m, 0, s, len, all, ND_OPENS_MAX);
					for (f = 0, k = 0; f < g->nfamilies; f++) {
						int want = pcre2_says(&g->families[f], md, s, len);

						if (nd_grammar_match(g, &m, f, s, len, &mk) != want)
							fail_msg("family %s on '%s'", g->families[f].name, s);
						if (want && (k >= n || all[k++].family != (int)f))
							fail_msg("all: family %s on '%s'", g->families[f].name, s);
					}
					if (k != n)
						fail_msg("all: %zu markers on '%s', %zu wanted", n, s, k);
				}
	nd_matcher_dispose(&m);
	pcre2_match_data_free(md);
}

static void test_default_pairs(void **state)
{
	nd_grammar *g = NULL;

	(void)state;
	assert_int_equal(nd_grammar_default(&g), 0);
	check_pairs(g);
	nd_grammar_free(g);
}

/* Patterns whose second byte decides in ways a pair must not hide: an
 * end ($, \b) or a lookahead right after it, a choice that reads on, a
 * lookbehind, a caseless letter, an empty match; atomic groups, possessive
 * and conditional parts, a back reference, \K, recursion, the verbs
 * (*ACCEPT) and (*COMMIT), negative assertions. */
static void test_pairs_at_the_edges(void **state)
{
	static const char text[] =
		"family end none item ^ab$\n"
		"family word none item ^a\\b\n"
		"family ahead none item ^a(?=\\p{Lu})\n"
		"family choice number item ^(?:x(?<n>\\d)|xy\\s)\n"
		"family behind none item ^(?<=)ab\\s\n"
		"family caseless none item (?i)^ab\\s\n"
		"family empty none item ^\\s*\n"
		"family digits number item ^(?<n>\\d+)\\.\\s\n"
		"family atomic none item ^(?>ab|a)c\\s\n"
		"family possessive none item ^a++b\\s\n"
		"family conditional none item ^(a)?(?(1)b|c)\\s\n"
		"family backref none item ^(a)\\1\\s\n"
		"family accept none item ^a(*ACCEPT)b\n"
		"family keep none item ^ab\\K\\s\n"
		"family commit none item ^(?:a(*COMMIT)b|ac)\\s\n"
		"family not-ahead none item ^(?!abc)ab\n"
		"family not-ahead2 none item ^a(?!b)\\w\n"
		"family not-behind none item ^ab(?<!xb)\\s\n"
		"family recurse none item ^(a(?1)?b)\\s\n";
	nd_grammar *g = NULL;

	(void)state;
	if (nd_grammar_new(&g, text, strlen(text), "t.grammar"))
		fail_msg("grammar: %s", nd_error_message());
	check_pairs(g);
	nd_grammar_free(g);
}

/* Whether any furniture pattern of g matches the whole of s, by pcre2. */
static int furniture_says(const nd_grammar *g, pcre2_match_data *md,
                          const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < g->nfurniture; i++)
		if (pcre2_match(g->furniture[i].re, (PCRE2_SPTR)s, len, 0, 0, md,
		                NULL) >= 0)
			return 1;
	return 0;
}

/* Furniture is ruled out by its first bytes as families are: the same
 * answers as pcre2's on lines opening with every pair of printable ASCII
 * bytes, a byte alone and nothing. */
static void check_furniture(const nd_grammar *g)
{
	static const char *const ftails[] = {
		"", "/RES/70/1", "-34567", "-34567 (E)", "/12", "1234567*",
		"ge 3 of 12", " of 12", "E/2023/1", "3", "2345678*", " ",
		"\xC3\x89",
	};
	nd_matcher m;
	pcre2_match_data *md = pcre2_match_data_create(g->max_groups + 1, NULL);
	char s[64];
	size_t a, b, t, round;

	assert_non_null(md);
	assert_int_equal(nd_matcher_init(&m, g), 0);
	for (round = 0; round < 2; round++)
		for (a = 0x1F; a < 0x7F; a++)
			for (b = 0x1F; b < 0x7F; b++)
				for (t = 0; t < sizeof(ftails) / sizeof(ftails[0]); t++) {
					size_t len = 0;

					/* 0x1F stands for no byte there */
					if (a != 0x1F)
						s[len++] = (char)a;
					if (b != 0x1F)
						s[len++] = (char)b;
					len += (size_t)snprintf(s + len, sizeof(s) - len, "%s",
					                        ftails[t]);

					if (nd_grammar_is_furniture(g, &m, s, len) !=
					    furniture_says(g, md, s, len))
						fail_msg("furniture on '%s'", s);
				}
	nd_matcher_dispose(&m);
	pcre2_match_data_free(md);
}

static void test_default_furniture(void **state)
{
	nd_grammar *g = NULL;

	(void)state;
	assert_int_equal(nd_grammar_default(&g), 0);
	assert_true(g->nfurniture > 0 && g->furniture[0].anchored &&
	            g->furniture[0].filtered);
	check_furniture(g);
	nd_grammar_free(g);
}

/* Furniture that is not anchored is matched anywhere in the line, that
 * matches an empty line, or ends or looks ahead at the second byte. */
static void test_furniture_at_the_edges(void **state)
{
	static const char text[] =
		"include default\n"
		"furniture \\d+ of \\d+$\n"
		"furniture ^$\n"
		"furniture ^E$\n"
		"furniture ^E\\b\n"
		"furniture ^(?i)pa(?=g)\n"
		"furniture ^(?:x|\xC3\x89)\\d\n";
	nd_grammar *g = NULL;

	(void)state;
	if (nd_grammar_new(&g, text, strlen(text), "t.grammar"))
		fail_msg("grammar: %s", nd_error_message());
	check_furniture(g);
	nd_grammar_free(g);
}

/* A family's pattern matches at the start only, whether its '^' anchors
 * it (compiled once) or not (compiled with PCRE2_ANCHORED). */
static void test_families_match_at_the_start(void **state)
{
	static const char text[] =
		"family loose none item x\\s\n"
		"family some none item ^a|b\\s\n"
		"family caret none item ^y\\s\n";
	static const struct {
		const char *s; /* a text */
		int family;    /* the family that matches it, -1 for none */
	} cases[] = {
		{"x 1", 0}, {"zx 1", -1}, {"ax 1", 1}, {"a", 1}, {"b 1", 1}, {"cb 1", -1},
		{"ab 1", 1}, {"y 1", 2}, {"zy 1", -1},
	};
	nd_grammar *g = NULL;
	nd_matcher m;
	nd_marker mk[4];
	size_t k, n;

	(void)state;
	if (nd_grammar_new(&g, text, strlen(text), "t.grammar"))
		fail_msg("grammar: %s", nd_error_message());
	assert_int_equal(nd_matcher_init(&m, g), 0);
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		n = nd_grammar_match_all(g, &m, 0, cases[k].s, strlen(cases[k].s), mk, 4);
		if (cases[k].family < 0 ? n != 0 : n != 1 || mk[0].family != cases[k].family)
			fail_msg("'%s': %zu markers", cases[k].s, n);
	}
	nd_matcher_dispose(&m);
	nd_grammar_free(g);
}

/* A grammar of more families than the by-first-byte sets hold is
 * matched family by family, with the same answers. */
static void test_many_families(void **state)
{
	nd_buf text = ND_BUF_INIT;
	nd_grammar *g = NULL;
	int i;

	(void)state;
	assert_int_equal(nd_buf_printf(&text, "include default\n"), 0);
	for (i = 0; i < ND_OPENS_MAX; i++)
		assert_int_equal(nd_buf_printf(&text, "family x%d number item "
		                               "^(?<n>%d)x\\s\n", i, i), 0);
	if (nd_grammar_new(&g, text.ptr, text.len, "t.grammar"))
		fail_msg("grammar: %s", nd_error_message());
	assert_true(g->nfamilies > ND_OPENS_MAX);
	check_pairs(g);
	nd_grammar_free(g);
	nd_buf_dispose(&text);
}

static void test_default_families(void **state)
{
	nd_grammar *g = NULL;

	(void)state;
	assert_int_equal(nd_grammar_default(&g), 0);
	/* most built-in families open with bytes pcre2 knows (18 of 22 with
	 * pcre2 10.42), so most are filtered: the check is not empty */
	assert_true(check_grammar(g) * 2 > g->nfamilies);
	nd_grammar_free(g);
}

static void test_caseless_and_multibyte(void **state)
{
	static const char text[] =
		"family ci none item (?i)^article\\s+\n"
		"family kelvin number item (?i)^k(?<n>\\d)\\s\n"
		"family long-s none item (?i)^s\\S*\\s\n"
		"family cyr none item (?i)^\xD1\x81\xD1\x82\\S*\\s\n"
		"family sigma none item (?i)^\xCF\x83\\s\n"
		"family choice none item ^(?:x|\xC3\xA9|\xE2\x82\xAC)\\s\n"
		"family any none item ^\\S+\\s\n";
	nd_grammar *g = NULL;

	(void)state;
	if (nd_grammar_new(&g, text, strlen(text), "t.grammar"))
		fail_msg("grammar: %s", nd_error_message());
	assert_true(check_grammar(g) >= 2);
	nd_grammar_free(g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_families),
		cmocka_unit_test(test_caseless_and_multibyte),
		cmocka_unit_test(test_default_pairs),
		cmocka_unit_test(test_pairs_at_the_edges),
		cmocka_unit_test(test_many_families),
		cmocka_unit_test(test_families_match_at_the_start),
		cmocka_unit_test(test_default_furniture),
		cmocka_unit_test(test_furniture_at_the_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
