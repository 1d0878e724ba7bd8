/* test_tokens.c - words, numbers, punctuation and spaces as views. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/buf.h"
#include "normdiff/tokens.h"

/* The shape every tokenization must have: tokens tile the text exactly
 * (their concatenation is the input), none is empty, and fold is the
 * hash of the bytes except for words. */
static void check_tiling(const char *s, size_t len, const nd_token *t, size_t n)
{
	size_t i, k, at = 0;

	if (len == 0) {
		assert_int_equal(n, 0);
		assert_null(t);
		return;
	}
	assert_non_null(t);
	assert_true(n >= 1 && n <= len);
	for (i = 0; i < n; i++) {
		assert_int_equal(t[i].off, at);
		assert_true(t[i].len > 0);
		assert_true(t[i].kind <= ND_TOK_SPACE);
		if (t[i].kind != ND_TOK_WORD)
			assert_true(t[i].fold == nd_hash(s + t[i].off, t[i].len));
		for (k = 0; t[i].kind == ND_TOK_SPACE && k < t[i].len; k++)
			assert_int_equal(s[t[i].off + k], ' ');
		if (i > 0 && t[i].kind == ND_TOK_SPACE)
			assert_int_not_equal(t[i - 1].kind, ND_TOK_SPACE);
		at += t[i].len;
	}
	assert_int_equal(at, len);
}

static nd_token *tokenize(const char *s, size_t *n)
{
	nd_token *t = NULL;

	assert_int_equal(nd_tokenize(&t, n, s, strlen(s)), 0);
	check_tiling(s, strlen(s), t, *n);
	return t;
}

/* Expect the tokens of s: a list of (kind, text) pairs ending in NULL text. */
typedef struct want {
	int kind;         /* nd_token_kind */
	const char *text; /* the token's bytes, NULL ends the list */
} want;

static void expect_tokens(const char *s, const want *w)
{
	size_t n, i, count = 0;
	nd_token *t = tokenize(s, &n);

	while (w[count].text)
		count++;
	for (i = 0; i < n && i < count; i++) {
		if (t[i].kind != w[i].kind || t[i].len != strlen(w[i].text) ||
		    memcmp(s + t[i].off, w[i].text, t[i].len) != 0)
			fail_msg("token %zu of \"%s\": got kind %d \"%.*s\", want "
			         "kind %d \"%s\"", i, s, t[i].kind, (int)t[i].len,
			         s + t[i].off, w[i].kind, w[i].text);
	}
	if (n != count)
		fail_msg("\"%s\": %zu tokens, want %zu", s, n, count);
	free(t);
}

#define W ND_TOK_WORD
#define N ND_TOK_NUMBER
#define P ND_TOK_PUNCT
#define S ND_TOK_SPACE

static void test_empty_text(void **state)
{
	nd_token *t = (nd_token *)&t;
	size_t n = 99;

	(void)state;
	assert_int_equal(nd_tokenize(&t, &n, "", 0), 0);
	assert_null(t);
	assert_int_equal(n, 0);
}

static void test_english_with_typographic_apostrophe(void **state)
{
	const want w[] = {{W, "the"}, {S, " "}, {W, "people\xE2\x80\x99s"},
	                  {S, " "}, {W, "rights"}, {P, ","}, {S, "  "},
	                  {W, "States"}, {P, "'"}, {S, " "}, {W, "don't"},
	                  {P, "\xE2\x80\x99"}, {P, "."}, {0, NULL}};

	(void)state;
	expect_tokens("the people\xE2\x80\x99s rights,  States' don't\xE2\x80\x99.",
	              w);
}

static void test_hyphenated_compounds(void **state)
{
	const want w[] = {{W, "capacity-building"}, {P, ","}, {S, " "},
	                  {W, "well"}, {P, "-"}, {S, " "}, {W, "known"},
	                  {S, " "}, {P, "-"}, {W, "x"}, {S, " "}, {W, "a"},
	                  {P, "-"}, {P, "-"}, {W, "b"}, {S, " "},
	                  {W, "non\xE2\x80\x90state"}, {S, " "}, {W, "COVID"},
	                  {P, "-"}, {N, "19"}, {0, NULL}};

	(void)state;
	expect_tokens("capacity-building, well- known -x a--b "
	              "non\xE2\x80\x90state COVID-19", w);
}

static void test_numbers_with_separators(void **state)
{
	const want w[] = {{N, "1.5"}, {S, " "}, {N, "10,000"}, {S, " "},
	                  {N, "19"}, {P, "."}, {S, " "}, {N, "2015"}, {P, "-"},
	                  {N, "2020"}, {S, " "}, {N, "3"}, {P, ","}, {W, "a"},
	                  {S, " "}, {W, "21st"}, {S, " "}, {W, "G77"}, {S, " "},
	                  {N, "1,5"}, {P, ","}, {S, " "}, {P, "("}, {N, "2"},
	                  {P, ")"}, {S, " "}, {N, "\xD9\xA1\xD9\xA2"}, {0, NULL}};

	(void)state;
	expect_tokens("1.5 10,000 19. 2015-2020 3,a 21st G77 1,5, (2) "
	              "\xD9\xA1\xD9\xA2", w);
}

static void test_french_and_german_accents(void **state)
{
	const want w[] = {{W, "l'\xC3\xA9t\xC3\xA9"}, {S, " "},
	                  {W, "Gr\xC3\xB6\xC3\x9F" "e"}, {S, " "},
	                  {W, "na\xC3\xAFve"}, {S, " "},
	                  {W, "\xC3\x89tats"}, {P, "\xC2\xAB"}, {0, NULL}};

	(void)state;
	expect_tokens("l'\xC3\xA9t\xC3\xA9 Gr\xC3\xB6\xC3\x9F" "e na\xC3\xAFve "
	              "\xC3\x89tats\xC2\xAB", w);
}

static void test_combining_marks_stay_in_the_word(void **state)
{
	/* "e" + U+0301 twice, then a mark after punctuation and a lone one */
	const want w[] = {{W, "e\xCC\x81te\xCC\x81"}, {S, " "},
	                  {P, "!\xCC\x81"}, {S, " "}, {W, "\xCC\x81" "a"},
	                  {0, NULL}};

	(void)state;
	expect_tokens("e\xCC\x81te\xCC\x81 !\xCC\x81 \xCC\x81" "a", w);
}

static void test_other_alphabets(void **state)
{
	const want cyr[] = {{W, "\xD0\x9F\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB0"},
	                    {S, " "},
	                    {W, "\xD1\x87\xD0\xB5\xD0\xBB\xD0\xBE\xD0\xB2\xD0\xB5"
	                        "\xD0\xBA\xD0\xB0"},
	                    {P, ";"}, {0, NULL}};
	const want greek[] = {{W, "\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1"},
	                      {P, "\xCE\x87"}, {W, "\xCE\xBF\xCE\xB4\xCF\x8C\xCF\x82"},
	                      {0, NULL}};
	const want arabic[] = {{W, "\xD8\xAD\xD9\x82\xD9\x88\xD9\x82"}, {S, " "},
	                       {W, "\xD8\xA7\xD9\x84\xD8\xA5\xD9\x86\xD8\xB3\xD8\xA7"
	                           "\xD9\x86"},
	                       {P, "\xD8\x8C"}, {0, NULL}};
	const want hebrew[] = {{W, "\xD7\x96\xD7\x9B\xD7\x95\xD7\x99\xD7\x95\xD7\xAA"},
	                       {0, NULL}};
	/* Devanagari with vowel signs (combining) and a danda */
	const want hindi[] = {{W, "\xE0\xA4\xAE\xE0\xA4\xBE\xE0\xA4\xA8\xE0\xA4\xB5"},
	                      {S, " "},
	                      {W, "\xE0\xA4\x85\xE0\xA4\xA7\xE0\xA4\xBF\xE0\xA4\x95"
	                          "\xE0\xA4\xBE\xE0\xA4\xB0"},
	                      {P, "\xE0\xA5\xA4"}, {0, NULL}};
	const want armenian[] = {{W, "\xD5\x80\xD5\xA1\xD5\xB5"}, {0, NULL}};

	(void)state;
	expect_tokens("\xD0\x9F\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB0 \xD1\x87\xD0\xB5"
	              "\xD0\xBB\xD0\xBE\xD0\xB2\xD0\xB5\xD0\xBA\xD0\xB0;", cyr);
	expect_tokens("\xCE\x95\xCE\xBB\xCE\xBB\xCE\xAC\xCE\xB4\xCE\xB1\xCE\x87"
	              "\xCE\xBF\xCE\xB4\xCF\x8C\xCF\x82", greek);
	expect_tokens("\xD8\xAD\xD9\x82\xD9\x88\xD9\x82 \xD8\xA7\xD9\x84\xD8\xA5"
	              "\xD9\x86\xD8\xB3\xD8\xA7\xD9\x86\xD8\x8C", arabic);
	expect_tokens("\xD7\x96\xD7\x9B\xD7\x95\xD7\x99\xD7\x95\xD7\xAA", hebrew);
	expect_tokens("\xE0\xA4\xAE\xE0\xA4\xBE\xE0\xA4\xA8\xE0\xA4\xB5 \xE0\xA4"
	              "\x85\xE0\xA4\xA7\xE0\xA4\xBF\xE0\xA4\x95\xE0\xA4\xBE\xE0"
	              "\xA4\xB0\xE0\xA5\xA4", hindi);
	expect_tokens("\xD5\x80\xD5\xA1\xD5\xB5", armenian);
}

static void test_cjk_one_token_per_character(void **state)
{
	/* 人权理事会 (Human Rights Council), hiragana, katakana, hangul,
	 * an Extension A and an Extension B ideograph, 。 */
	const want w[] = {{W, "\xE4\xBA\xBA"}, {W, "\xE6\x9D\x83"},
	                  {W, "\xE7\x90\x86"}, {W, "\xE4\xBA\x8B"},
	                  {W, "\xE4\xBC\x9A"}, {P, "\xE3\x80\x82"},
	                  {W, "\xE3\x81\x82"}, {W, "\xE3\x82\xA2"},
	                  {W, "\xEC\x9D\xB8"}, {W, "\xEA\xB6\x8C"},
	                  {W, "\xE3\x90\x80"}, {W, "\xF0\xA0\x80\x80"},
	                  {0, NULL}};

	(void)state;
	expect_tokens("\xE4\xBA\xBA\xE6\x9D\x83\xE7\x90\x86\xE4\xBA\x8B\xE4\xBC"
	              "\x9A\xE3\x80\x82\xE3\x81\x82\xE3\x82\xA2\xEC\x9D\xB8\xEA"
	              "\xB6\x8C\xE3\x90\x80\xF0\xA0\x80\x80", w);
}

static void test_mixed_cjk_and_latin(void **state)
{
	/* 联合国UN大会2015年 */
	const want w[] = {{W, "\xE8\x81\x94"}, {W, "\xE5\x90\x88"},
	                  {W, "\xE5\x9B\xBD"}, {W, "UN"}, {W, "\xE5\xA4\xA7"},
	                  {W, "\xE4\xBC\x9A"}, {N, "2015"}, {W, "\xE5\xB9\xB4"},
	                  {S, " "}, {W, "ok"}, {0, NULL}};

	(void)state;
	expect_tokens("\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBDUN\xE5\xA4\xA7\xE4\xBC"
	              "\x9A" "2015\xE5\xB9\xB4 ok", w);
}

static void test_emoji_are_punctuation(void **state)
{
	/* 😀, 👍 with a skin tone, a ZWJ family, a flag, ❤️ (with VS16) */
	const want w[] = {{W, "ok"}, {P, "\xF0\x9F\x98\x80"}, {S, " "},
	                  {P, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD"}, {S, " "},
	                  {P, "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80"
	                      "\x8D\xF0\x9F\x91\xA7"},
	                  {P, "\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7"},
	                  {P, "\xE2\x9D\xA4\xEF\xB8\x8F"}, {W, "x"}, {0, NULL}};

	(void)state;
	expect_tokens("ok\xF0\x9F\x98\x80 \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD \xF0\x9F"
	              "\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91"
	              "\xA7\xF0\x9F\x87\xAB\xF0\x9F\x87\xB7\xE2\x9D\xA4\xEF\xB8\x8F"
	              "x", w);
}

static void test_invalid_bytes_are_single_punctuation(void **state)
{
	/* a stray continuation, a lone lead byte, a truncated sequence, an
	 * overlong form and a surrogate: every byte a token of its own */
	const want w[] = {{W, "a"}, {P, "\xFF"}, {P, "\xFE"}, {W, "b"}, {S, " "},
	                  {P, "\xE2"}, {P, "\x80"}, {S, " "}, {P, "\xC0"},
	                  {P, "\xAF"}, {P, "\xED"}, {P, "\xA0"}, {P, "\x80"},
	                  {W, "c"}, {P, "\xF0"}, {0, NULL}};

	(void)state;
	expect_tokens("a\xFF\xFE" "b \xE2\x80 \xC0\xAF\xED\xA0\x80" "c\xF0", w);
}

static void test_spaces_and_newlines(void **state)
{
	const want w[] = {{S, "  "}, {W, "a"}, {S, "   "}, {W, "b"}, {P, "\n"},
	                  {W, "c"}, {P, "\t"}, {S, " "}, {0, NULL}};

	(void)state;
	expect_tokens("  a   b\nc\t ", w);
}

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;

static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

static void test_round_trip_on_random_input(void **state)
{
	static const char *const pieces[] = {
		"a", "Z", " ", "  ", "-", "'", "\xE2\x80\x99", ".", ",", "1", "9",
		"\xC3\xA9", "\xCC\x81", "\xD0\x96", "\xCE\xA3", "\xE4\xBA\xBA",
		"\xEC\x9D\xB8", "\xF0\x9F\x98\x80", "\xE2\x80\x8D", "\xEF\xB8\x8F",
		"\xF0\x9F\x87\xAB", "\xE0\xA4\xBE", "\xD9\xA1", "\n"};
	const size_t npieces = sizeof(pieces) / sizeof(pieces[0]);
	char buf[256];
	size_t len, n, i, k, words = 0;
	int round;

	(void)state;
	for (round = 0; round < 4000; round++) {
		nd_token *t = NULL;

		len = 0;
		k = next_rand() % 40;
		for (i = 0; i < k; i++) {
			if (round % 2 == 0) { /* raw bytes */
				buf[len++] = (char)(next_rand() & 0xFF);
			} else { /* characters, with a few raw bytes */
				const char *p = pieces[next_rand() % npieces];

				if (next_rand() % 10 == 0)
					buf[len++] = (char)(0x80 | (next_rand() & 0x7F));
				memcpy(buf + len, p, strlen(p));
				len += strlen(p);
			}
		}
		assert_int_equal(nd_tokenize(&t, &n, buf, len), 0);
		check_tiling(buf, len, t, n);
		for (i = 0; i < n; i++)
			words += t[i].kind == ND_TOK_WORD;
		free(t);
	}
	assert_true(words > 1000); /* the inputs did exercise words */
}

/* nd_word_folds, the signatures' fast pass, gives exactly the folds of
 * the word and number tokens of nd_tokenize, in order, and nd_word_count
 * their number, on text mixing
 * ASCII words, joiners, separators and the characters that end or extend
 * them; and every other token's fold is nd_hash of its bytes. */
static void test_word_folds_match_tokens(void **state)
{
	static const char *const pieces[] = {
		"a", "Z", "Of", " ", "  ", "-", "'", ".", ",", "1", "9", "(", ")",
		"\xE2\x80\x99", "\xC3\xA9", "\xCC\x81", "\xD0\x96", "\xE4\xBA\xBA",
		"\xE2\x80\x90", "\xD9\xA1", "\xD9\xAB", "\xF0\x9F\x98\x80", "\n"};
	const size_t npieces = sizeof(pieces) / sizeof(pieces[0]);
	char buf[256];
	uint64_t folds[130];
	size_t len, n, nf, i, k, m, words = 0;
	int round;

	(void)state;
	for (round = 0; round < 20000; round++) {
		nd_token *t = NULL;

		len = 0;
		k = next_rand() % 40;
		for (i = 0; i < k; i++) {
			const char *p = pieces[next_rand() % npieces];

			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
		}
		assert_int_equal(nd_tokenize(&t, &n, buf, len), 0);
		nf = nd_word_folds(buf, len, folds);
		assert_true(nf <= len / 2 + 1);
		assert_int_equal(nd_word_count(buf, len), nf);
		for (i = 0, m = 0; i < n; i++) {
			if (t[i].kind != ND_TOK_WORD && t[i].kind != ND_TOK_NUMBER) {
				assert_true(t[i].fold == nd_hash(buf + t[i].off, t[i].len));
				continue;
			}
			assert_true(m < nf);
			assert_true(folds[m++] == t[i].fold);
			words++;
		}
		assert_int_equal(m, nf);
		free(t);
	}
	assert_true(words > 10000);
}

static uint64_t fold_of(const char *s)
{
	size_t n;
	nd_token *t = tokenize(s, &n);
	uint64_t f;

	assert_int_equal(n, 1);
	assert_int_equal(t[0].kind, ND_TOK_WORD);
	f = t[0].fold;
	free(t);
	return f;
}

static uint64_t hash_of(const char *s)
{
	return nd_hash(s, strlen(s));
}

static void test_fold_equal_for_case_variants(void **state)
{
	(void)state;
	assert_true(fold_of("STATES") == fold_of("states"));
	assert_true(fold_of("States") == fold_of("sTaTeS"));
	assert_true(fold_of("States") != fold_of("Stated"));
	/* a word without capitals folds to itself */
	assert_true(fold_of("states") == hash_of("states"));
	assert_true(fold_of("\xC3\xA9t\xC3\xA9") == hash_of("\xC3\xA9t\xC3\xA9"));
	/* ÉTÉ / été, but not ete */
	assert_true(fold_of("\xC3\x89T\xC3\x89") == fold_of("\xC3\xA9t\xC3\xA9"));
	assert_true(fold_of("\xC3\x89T\xC3\x89") != fold_of("ete"));
	/* ŒUVRE / œuvre (Latin Extended-A) */
	assert_true(fold_of("\xC5\x92UVRE") == fold_of("\xC5\x93uvre"));
	/* ΟΔΌΣ / οδός: accented capital and final sigma */
	assert_true(fold_of("\xCE\x9F\xCE\x94\xCE\x8C\xCE\xA3") ==
	            fold_of("\xCE\xBF\xCE\xB4\xCF\x8C\xCF\x82"));
	/* ПРАВА / права, ЁЖ / ёж */
	assert_true(fold_of("\xD0\x9F\xD0\xA0\xD0\x90\xD0\x92\xD0\x90") ==
	            fold_of("\xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2\xD0\xB0"));
	assert_true(fold_of("\xD0\x81\xD0\x96") == fold_of("\xD1\x91\xD0\xB6"));
}

static void test_fold_is_hash_for_non_words(void **state)
{
	const char *s = "A 10,000 ! \xE4\xBA\xBA";
	size_t n, i;
	nd_token *t = tokenize(s, &n);

	(void)state;
	assert_int_equal(n, 7);
	for (i = 1; i < n; i++)
		assert_true(t[i].fold == nd_hash(s + t[i].off, t[i].len));
	free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_text),
		cmocka_unit_test(test_english_with_typographic_apostrophe),
		cmocka_unit_test(test_hyphenated_compounds),
		cmocka_unit_test(test_numbers_with_separators),
		cmocka_unit_test(test_french_and_german_accents),
		cmocka_unit_test(test_combining_marks_stay_in_the_word),
		cmocka_unit_test(test_other_alphabets),
		cmocka_unit_test(test_cjk_one_token_per_character),
		cmocka_unit_test(test_mixed_cjk_and_latin),
		cmocka_unit_test(test_emoji_are_punctuation),
		cmocka_unit_test(test_invalid_bytes_are_single_punctuation),
		cmocka_unit_test(test_spaces_and_newlines),
		cmocka_unit_test(test_round_trip_on_random_input),
		cmocka_unit_test(test_fold_equal_for_case_variants),
		cmocka_unit_test(test_fold_is_hash_for_non_words),
		cmocka_unit_test(test_word_folds_match_tokens),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
