/* test_lines.c - the shortcuts of the layout evidence, each against the
 * simple way it replaces:
 * - the character count (lines_width), which reads eight bytes at a
 *   time: the same count as a byte at a time, for texts of one- to
 *   four-byte characters, at every start and length around the words;
 * - the plain start of a line (lines_plain_prefix), also read a word at
 *   a time: the same length as the rule read a byte at a time, and
 *   cleaning that copies it whole writes what cleaning byte by byte
 *   writes, with the same flags and a width that lines_width confirms;
 * - the wrap width, whose percentiles are counted rather than sorted:
 *   the same width as sorting gives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lines_internal.h"

static size_t reference(const char *s, size_t len)
{
	size_t i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

static void test_width_every_offset(void **state)
{
	static const char *pieces[] = {"a", "\xC3\xA9", "\xE2\x82\xAC",
	                               "\xF0\x9F\x98\x80", " ", "\x7F"};
	char text[256];
	size_t len = 0, k, start, n;

	(void)state;
	for (k = 0; len + 4 < sizeof(text); k = (k + 1 + len % 4) % 6) {
		memcpy(text + len, pieces[k], strlen(pieces[k]));
		len += strlen(pieces[k]);
	}
	for (start = 0; start < 16; start++)
		for (n = 0; start + n <= len && n < 80; n++)
			assert_int_equal(lines_width(text + start, n),
			                 reference(text + start, n));
	assert_int_equal(lines_width("", 0), 0);
}

/* A reproducible pseudo-random sequence (the tests must not vary). */
static unsigned long rnd_state = 12345;

static unsigned rnd(unsigned n)
{
	rnd_state = rnd_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rnd_state >> 33) % n);
}

/* lines_plain_prefix as its rule says, a byte at a time. */
static size_t plain_reference(const char *s, size_t len)
{
	size_t i = 0, j;

	if (!len || s[0] == ' ')
		return 0;
	for (; i + 9 <= len; i += 8) {
		for (j = i; j < i + 8; j++)
			if ((unsigned char)s[j] < 0x20 || (unsigned char)s[j] > 0x7E ||
			    (s[j] == ' ' && s[j + 1] == ' '))
				break;
		if (j < i + 8)
			break;
	}
	if (i && s[i - 1] == ' ')
		i--;
	return i;
}

/* Lines of words, single and double spaces, tabs, Unicode spaces, soft
 * hyphens, zero-width and multibyte characters and a control one, cut
 * at every piece boundary (the text is valid UTF-8 there). */
static void test_plain_prefix_and_clean(void **state)
{
	static const char *pieces[] = {
		"word", "a", "Article", "5.", " ", " ", " ", "  ", "\t", "\xC2\xA0",
		"\xC2\xAD", "\xE2\x80\x8B", "\xC3\xA9", "\xE2\x80\x94", "\x7F", "-",
		"(b)", "\xF0\x9F\x98\x80", "   "};
	size_t npieces = sizeof(pieces) / sizeof(pieces[0]);
	char text[512];
	size_t cut[200], ncut, len, a, b, round;

	(void)state;
	for (round = 0; round < 40; round++) {
		len = 0;
		ncut = 0;
		cut[ncut++] = 0;
		while (ncut < 200) {
			/* mostly words and single spaces, as drafts are */
			const char *p = rnd(3) ? pieces[rnd(5)] : pieces[rnd(npieces)];
			size_t n = strlen(p);

			if (len + n + 1 > sizeof(text))
				break;
			memcpy(text + len, p, n);
			len += n;
			cut[ncut++] = len;
		}
		for (a = 0; a < ncut; a += 1 + rnd(3))
			for (b = a; b < ncut; b += 1 + rnd(2)) {
				const char *s = text + cut[a];
				size_t n = cut[b] - cut[a], plain = lines_plain_prefix(s, n);
				nd_buf slow = ND_BUF_INIT, fast = ND_BUF_INIT;
				unsigned fs = LINE_PAGEBREAK, ff = LINE_PAGEBREAK;
				uint32_t ws = 0, wf = 0;

				assert_int_equal(plain, plain_reference(s, n));
				assert_int_equal(lines_clean(&slow, s, n, 0, &fs, &ws), 0);
				assert_int_equal(lines_clean(&fast, s, n, plain, &ff, &wf), 0);
				assert_int_equal(slow.len, fast.len);
				assert_memory_equal(slow.ptr, fast.ptr, slow.len);
				assert_int_equal(fs, ff);
				assert_int_equal(ws, wf);
				assert_int_equal(ws, lines_width(slow.ptr, slow.len));
				/* the plain start is copied as it is */
				assert_true(plain <= slow.len);
				assert_memory_equal(slow.ptr, s, plain);
				nd_buf_dispose(&slow);
				nd_buf_dispose(&fast);
			}
	}
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* lines_wrap_width as it was first written: both percentiles sorted. */
static size_t wrap_reference(const cline *lines, size_t n)
{
	size_t *w = malloc((n ? n : 1) * sizeof(*w)), k, m = 0, width = 0;

	assert_non_null(w);
	for (k = 0; k < n; k++)
		if (!(lines[k].flags & (LINE_BLANK | LINE_FURNITURE)))
			w[m++] = lines[k].width;
	if (m) {
		qsort(w, m, sizeof(*w), cmp_size);
		if (w[(m - 1) * 9 / 10] > LINES_UNWRAPPED) {
			free(w);
			return LINES_NOT_WRAPPED;
		}
	}
	for (k = 0, m = 0; k + 1 < n; k++)
		if (!(lines[k].flags & (LINE_BLANK | LINE_FURNITURE)) &&
		    !(lines[k + 1].flags & (LINE_BLANK | LINE_FURNITURE | LINE_PAGEBREAK)))
			w[m++] = lines[k].indent + lines[k].width;
	if (m) {
		qsort(w, m, sizeof(*w), cmp_size);
		width = w[(m - 1) * 95 / 100];
	}
	free(w);
	return width;
}

/* Texts of every mix: wrapped, unwrapped, at the border between them,
 * with lines wider than the counted table and indented ones, few lines
 * and none. */
static void test_wrap_width_as_sorted(void **state)
{
	static const unsigned flags[] = {0, 0, 0, 0, LINE_BLANK, LINE_FURNITURE,
	                                 LINE_PAGEBREAK, LINE_BLANK | LINE_PAGEBREAK};
	cline lines[300];
	size_t round, n, k;

	(void)state;
	for (round = 0; round < 3000; round++) {
		unsigned wide = rnd(4), typical = 20 + rnd(200);

		n = round < 20 ? round : rnd(300);
		for (k = 0; k < n; k++) {
			memset(&lines[k], 0, sizeof(lines[k]));
			lines[k].flags = flags[rnd(8)];
			lines[k].width = typical / 2 + rnd(typical);
			if (!rnd(10))
				lines[k].width = rnd(10);
			if (wide && !rnd(30))
				lines[k].width = 1000 + rnd(5000);
			if (!rnd(8))
				lines[k].indent = rnd(40);
		}
		assert_int_equal(lines_wrap_width(lines, n), wrap_reference(lines, n));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_every_offset),
		cmocka_unit_test(test_plain_prefix_and_clean),
		cmocka_unit_test(test_wrap_width_as_sorted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
