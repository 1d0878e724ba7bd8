/* test_clause_shape.c - the search for a run-in title (clause.c:
 * run_in_heading) ends early on texts that can no longer hold one; its
 * answers must be those of the plain search, which reads up to the first
 * ". " and asks heading_shape. Checked on random texts of words that are
 * titles, sentences, abbreviations, capitals, digits and punctuation,
 * for several word limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "clause_internal.h"

/* The plain search: the first ". " within `max` words, not after ';' or
 * ':', an abbreviation or before a word in lower case. */
static size_t plain_run_in(const char *s, size_t len, unsigned max)
{
	size_t i, words = 1, last = 0;

	for (i = 0; i + 2 < len; i++) {
		unsigned char next = (unsigned char)s[i + 2];

		if (s[i] == ';' || s[i] == ':')
			return 0;
		if (s[i] == ' ') {
			if (++words > max)
				return 0;
			last = i + 1;
			continue;
		}
		if (s[i] != '.' || s[i + 1] != ' ')
			continue;
		if (i - last < 3 || (next >= 'a' && next <= 'z'))
			return 0;
		return nd_clause_heading_shape(s, i + 1, max, 1);
	}
	return 0;
}

static const char *const vocabulary[] = {
	"Grant", "of", "Copyright", "License", "License.", "the", "procedures",
	"intensify", "adequate", "LICENCE", "TERMS.", "Mr.", "etc..", "and",
	"\xC3\x89tendue", "g\xC3\xA9n\xC3\xA9rales", "Use;", "Scope:", "2-3,",
	"1.2.", "(a)", "#123.", "sharing", "under", "Licensor", "grants", "x",
	"abcde", "abcd", "aBcde", "Abcde.", "with", "\xE2\x80\x93", "", "~~~~~",
	"quoted\"", "Section", "WARRANTY", "disclaimer.", "Disclaimer.",
};

static uint32_t next_random(uint32_t *state)
{
	*state = *state * 1103515245u + 12345u;
	return *state >> 8;
}

static void test_run_in_matches_plain_search(void **state)
{
	static const unsigned limits[] = {0, 1, 2, 4, 5, 6, 9, 10, 12, 15, 30};
	const size_t nv = sizeof(vocabulary) / sizeof(vocabulary[0]);
	uint32_t seed = 12345;
	char s[512];
	size_t k, l, found = 0;

	(void)state;
	for (k = 0; k < 200000; k++) {
		size_t len = 0, w, nw = 1 + next_random(&seed) % 24;

		for (w = 0; w < nw; w++) {
			const char *word = vocabulary[next_random(&seed) % nv];
			size_t n = strlen(word);

			if (len + n + 2 >= sizeof(s))
				break;
			if (w)
				s[len++] = ' ';
			memcpy(s + len, word, n);
			len += n;
		}
		for (l = 0; l < sizeof(limits) / sizeof(limits[0]); l++) {
			size_t want = plain_run_in(s, len, limits[l]);

			found += want != 0;
			if (nd_clause_run_in_heading(s, len, limits[l]) != want)
				fail_msg("max %u on '%.*s': %zu, wanted %zu", limits[l], (int)len,
				         s, nd_clause_run_in_heading(s, len, limits[l]), want);
		}
	}
	assert_true(found > 1000); /* the titles are not all missed */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_run_in_matches_plain_search),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
