/* test_tokens_fast.c - the tokenizer's ASCII fast paths (nd_token_at,
 * nd_tokenize, nd_word_folds) give exactly what its general path
 * (tokens_decode_at, which decodes and classifies every character) gives:
 * the same tokens (offset, length, kind, fold) at every offset, and
 * the same word folds in the same order, on chosen cases and on random
 * texts of ASCII, UTF-8 and ill-formed bytes. The chosen cases and one
 * random text in 16 are cut at every length, with letters and digits right
 * after the cut, so that a run reading past the end of its text is seen.
 * nd_tokenize_against gives what nd_tokenize gives on revisions of random
 * texts, edited anywhere, at either end and right next to the bytes
 * the two share.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tokens_internal.h"

/* The reference's tokens of s[0..len), into t (room for len); their number. */
static size_t reference(const char *s, size_t len, nd_token *t)
{
	size_t i = 0, n = 0;

	while (i < len) {
		i = tokens_decode_at(s, len, i, &t[n]);
		n++;
	}
	return n;
}

static void expect_same_token(const char *s, size_t len, size_t i,
                              const nd_token *want, const nd_token *got)
{
	if (got->off != want->off || got->len != want->len ||
	    got->kind != want->kind || got->fold != want->fold)
		fail_msg("\"%.*s\" (%zu bytes) at %zu: got %zu+%u kind %d, "
		         "want %zu+%u kind %d (or another fold)", (int)len, s,
		         len, i, got->off, (unsigned)got->len, got->kind,
		         want->off, (unsigned)want->len, want->kind);
}

/* Every entry point against the reference on s[0..len). */
static void check_text(const char *s, size_t len)
{
	nd_token *want = malloc((len + 1) * sizeof(nd_token));
	uint64_t *folds = malloc((len / 2 + 1) * sizeof(uint64_t));
	nd_token *got = NULL, one, ref;
	size_t nwant, ngot, nf, i, m, end;

	assert_non_null(want);
	assert_non_null(folds);
	nwant = reference(s, len, want);
	/* nd_token_at at every offset, not only where tokens start */
	for (i = 0; i < len; i++) {
		end = nd_token_at(s, len, i, &one);
		assert_int_equal(end, tokens_decode_at(s, len, i, &ref));
		expect_same_token(s, len, i, &ref, &one);
	}
	assert_int_equal(nd_tokenize(&got, &ngot, s, len), 0);
	assert_int_equal(ngot, nwant);
	for (i = 0; i < ngot; i++)
		expect_same_token(s, len, want[i].off, &want[i], &got[i]);
	nf = nd_word_folds(s, len, folds);
	assert_true(nf <= len / 2 + 1);
	for (i = 0, m = 0; i < nwant; i++) {
		if (want[i].kind != ND_TOK_WORD &&
		    want[i].kind != ND_TOK_NUMBER)
			continue;
		if (m >= nf || folds[m] != want[i].fold)
			fail_msg("\"%.*s\": word fold %zu (\"%.*s\") differs",
			         (int)len, s, m, (int)want[i].len,
			         s + want[i].off);
		m++;
	}
	assert_int_equal(m, nf);
	free(got);
	free(folds);
	free(want);
}

/* s, and every prefix of it inside a buffer that goes on with letters. */
static void check_prefixes(const char *s)
{
	size_t len = strlen(s), k;
	char *buf = malloc(len + 8);

	assert_non_null(buf);
	for (k = 0; k <= len; k++) {
		memcpy(buf, s, k);
		memcpy(buf + k, "Ab9zZ0q", 8);
		check_text(buf, k);
	}
	free(buf);
}

/* Words and numbers at their edges: joiners and separators at the ends,
 * between letters, digits and other scripts; the apostrophe U+2019 and the
 * hyphen U+2010; marks after ASCII; the Arabic separators and digits after
 * ASCII digits; ill-formed bytes right after a word. */
static void test_chosen_edges(void **state)
{
	static const char *const cases[] = {
		"21st", "G77", "a-", "-a", "a'", "'a", "a--b", "a''b", "a-'b",
		"States' rights", "people's", "capacity-building",
		"well- known", "1.", "1.5", "1,5,", "10,000.50", "1.a", "a.1",
		"1-a", "a-1", "1'a", "1.5a", "1a.5", "a1-b", "1-2", "1..2",
		"1.,2", ".5", ",5",
		"COVID-19", "1.5.", "x.y", "don\xE2\x80\x99t", "a\xE2\x80\x99",
		"a\xE2\x80\x90" "b", "a\xE2\x80\x91", "e\xCC\x81te\xCC\x81",
		"a\xCC\x81", "1\xCC\x81", "!\xCC\x81", " \xCC\x81" "a",
		"-\xCC\x81" "a", "'\xCC\x81", "a-\xC3\xA9", "a'\xC3\xA9",
		"a-\xCC\x81", "1.\xD9\xA1", "1,\xD9\xA1", "1\xD9\xAB\xD9\xA1",
		"1\xD9\xA1", "a\xD9\xA1", "1\xC3\xA9", "a\xE4\xBA\xBA" "b",
		"\xE4\xBA\xBA" "a", "a\xFF", "a\xC3", "1\x80", "a-\xFF",
		"1.\xFF", "a\xE2\x80", "a\xE2\x80\x8D" "b", "!\xE2\x80\x8D" "b",
		"a \xF0\x9F\x98\x80 b", "\xC3\x89tats-Unis",
		"l'\xC3\xA9t\xC3\xA9",
		"  a\t\n b  ", "A.B.C", "Art. 5(2)(a); see 3.4-3.7",
	};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		check_prefixes(cases[k]);
}

static unsigned long long rng = 0x2545F4914F6CDD1DULL;

static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

static const char *const pieces[] = {
	"a", "b", "Z", "Q", "of", "The", "0", "1", "9", "42", " ", " ",
	"  ", "-", "'", ".", ",", "(", ")", ";", ":", "\n", "\t", "/",
	"\x7F", "\xE2\x80\x99", "\xE2\x80\x90", "\xE2\x80\x91",
	"\xCC\x81", "\xC3\xA9", "\xC3\x89", "\xD0\x96", "\xD9\xA1",
	"\xD9\xAB", "\xD9\xAC", "\xE4\xBA\xBA", "\xE2\x80\x8D",
	"\xEF\xB8\x8F", "\xF0\x9F\x98\x80", "\xF0\x9F\x87\xAB",
	"\xE0\xA4\xBE", "\x80", "\xFF", "\xC3", "\xE2\x80"};

/* Random texts: mostly ASCII letters, digits, spaces, joiners and
 * separators, with the characters that extend or end a word among them,
 * and now and then a raw byte. */
static void test_random_texts(void **state)
{
	const size_t npieces = sizeof(pieces) / sizeof(pieces[0]);
	char buf[512];
	size_t len, i, k;
	int round;

	(void)state;
	for (round = 0; round < 20000; round++) {
		/* a round in four ASCII only: the fast paths do it all */
		size_t choose = round % 4 == 0 ? 25 : npieces;

		len = 0;
		k = next_rand() % 48;
		for (i = 0; i < k; i++) {
			const char *p = pieces[next_rand() % choose];

			if (round % 8 == 7 && next_rand() % 6 == 0) {
				buf[len++] = (char)(next_rand() & 0xFF);
				continue;
			}
			memcpy(buf + len, p, strlen(p));
			len += strlen(p);
		}
		buf[len] = '\0';
		if (round % 16 == 0)
			check_prefixes(buf);
		else
			check_text(buf, len);
	}
}


/* k random pieces (of the first `choose`) appended to buf at *len. */
static void add_pieces(char *buf, size_t *len, size_t k, size_t choose)
{
	while (k--) {
		const char *p = pieces[next_rand() % choose];

		memcpy(buf + *len, p, strlen(p));
		*len += strlen(p);
	}
}

/* s's tokens made against ref's are those nd_tokenize makes, and those
 * it says it copied are ref's first and last, byte for byte. */
static void check_against(const char *ref, size_t rlen, const char *s,
                          size_t len)
{
	nd_token *rt = NULL, *want = NULL, *got = NULL;
	size_t rn, nwant, ngot, i, same[2];

	assert_int_equal(nd_tokenize(&rt, &rn, ref, rlen), 0);
	assert_int_equal(nd_tokenize(&want, &nwant, s, len), 0);
	assert_int_equal(nd_tokenize_against(&got, &ngot, s, len, ref, rlen, rt,
	                                     rn, same), 0);
	if (ngot != nwant)
		fail_msg("\"%.*s\" against \"%.*s\": %zu tokens, want %zu",
		         (int)len, s, (int)rlen, ref, ngot, nwant);
	for (i = 0; i < ngot; i++)
		expect_same_token(s, len, want[i].off, &want[i], &got[i]);
	assert_true(same[0] + same[1] <= ngot && same[0] + same[1] <= rn);
	for (i = 0; i < same[0] + same[1]; i++) {
		const nd_token *x = &got[i < same[0] ? i : ngot - (i - same[0]) - 1];
		const nd_token *y = &rt[i < same[0] ? i : rn - (i - same[0]) - 1];

		assert_int_equal(x->len, y->len);
		assert_memory_equal(s + x->off, ref + y->off, x->len);
	}
	free(rt);
	free(want);
	free(got);
}

/* A text and a revision of it: a stretch of the text replaced by other
 * pieces (or by nothing, or nothing by them) at its start, its end or
 * inside it, so the bytes the two share end anywhere, inside a word, a
 * number, a joined sequence; and the two the other way round. */
static void test_tokens_against_a_revision(void **state)
{
	char ref[1200], s[1400];
	size_t rlen, len, cut, keep, i;
	int round;

	(void)state;
	for (round = 0; round < 20000; round++) {
		size_t choose = round % 4 == 0 ? 25 : sizeof(pieces) / sizeof(pieces[0]);

		rlen = 0;
		add_pieces(ref, &rlen, next_rand() % 60, choose);
		cut = rlen ? next_rand() % (rlen + 1) : 0;
		keep = cut + (rlen - cut ? next_rand() % (rlen - cut + 1) % 12 : 0);
		if (round % 5 == 0)
			cut = 0; /* an edit at the start */
		if (round % 5 == 1)
			keep = rlen; /* at the end */
		len = 0;
		memcpy(s, ref, cut);
		len = cut;
		add_pieces(s, &len, next_rand() % 4, choose);
		memcpy(s + len, ref + keep, rlen - keep);
		len += rlen - keep;
		check_against(ref, rlen, s, len);
		check_against(s, len, ref, rlen);
	}
	/* the same text, one empty, both empty */
	for (i = 0; i < 200; i++) {
		rlen = 0;
		add_pieces(ref, &rlen, next_rand() % 60, sizeof(pieces) / sizeof(pieces[0]));
		check_against(ref, rlen, ref, rlen);
		check_against(ref, rlen, ref, 0);
		check_against(ref, 0, ref, rlen);
	}
}

/* Long runs: a word, a number and spaces longer than any table or word of
 * eight bytes, ending at the end of the text and before it. */
static void test_long_runs(void **state)
{
	char buf[700];
	size_t i;

	(void)state;
	for (i = 0; i < 200; i++)
		buf[i] = (char)('A' + i % 26 + (i % 3 ? 32 : 0));
	for (; i < 400; i++)
		buf[i] = i % 4 == 3 ? ',' : (char)('0' + i % 10);
	for (; i < 600; i++)
		buf[i] = ' ';
	for (; i < 699; i++)
		buf[i] = i % 2 ? '-' : 'x';
	buf[699] = '\0';
	check_text(buf, 200);
	check_text(buf, 400);
	check_text(buf, 699);
	check_text(buf + 150, 100);
	check_text(buf + 350, 300);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chosen_edges),
		cmocka_unit_test(test_random_texts),
		cmocka_unit_test(test_long_runs),
		cmocka_unit_test(test_tokens_against_a_revision),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
