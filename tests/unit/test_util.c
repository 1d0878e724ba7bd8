/* test_util.c - buffers, UTF-8 validation and escaping, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/pagemap.h"
#include "normdiff/utf8.h"

static void test_buf_grows_and_formats(void **state)
{
	nd_buf b = ND_BUF_INIT;
	int i;

	(void)state;
	for (i = 0; i < 1000; i++)
		assert_int_equal(nd_buf_printf(&b, "%d,", i), 0);
	assert_int_equal(strncmp(b.ptr, "0,1,2,", 6), 0);
	assert_int_equal(b.ptr[b.len], '\0');
	assert_string_equal(b.ptr + b.len - 4, "999,");
	nd_buf_dispose(&b);
	assert_null(b.ptr);
}

/* A format that fits the room left is written once, one that does not
 * is written whole after growing, and neither leaves stray bytes. */
static void test_buf_printf_fits_or_grows(void **state)
{
	nd_buf b = ND_BUF_INIT;
	char big[300];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(nd_buf_printf(&b, "%s", "ab"), 0); /* no room yet */
	assert_int_equal(nd_buf_printf(&b, "[%d]", 42), 0); /* fits */
	assert_string_equal(b.ptr, "ab[42]");
	assert_int_equal(nd_buf_printf(&b, "<%s>", big), 0); /* must grow */
	assert_int_equal(b.len, 6 + 2 + sizeof(big) - 1);
	assert_int_equal(strncmp(b.ptr, "ab[42]<xxx", 10), 0);
	assert_string_equal(b.ptr + b.len - 3, "xx>");
	nd_buf_clear(&b);
	assert_int_equal(nd_buf_printf(&b, "%s", ""), 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	nd_buf_dispose(&b);
}

/* A reserve is exact (no doubling), keeps what is there, leaves a fresh
 * buffer an empty string, and never shrinks; growing goes on from it. */
/* The byte-at-a-time FNV-1a that nd_hash's values are defined by. */
static uint64_t fnv1a(const unsigned char *p, size_t len)
{
	uint64_t h = 14695981039346656037ULL;

	while (len--) {
		h ^= *p++;
		h *= 1099511628211ULL;
	}
	return h;
}

/* nd_hash keeps FNV-1a's values (keys on disk depend on them) at every
 * length and alignment, whatever it does per round. */
static void test_hash_keeps_fnv1a(void **state)
{
	unsigned char data[80];
	size_t i, off, len;

	(void)state;
	assert_true(nd_hash("", 0) == 0xcbf29ce484222325ULL);
	assert_true(nd_hash("a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(nd_hash("foobar", 6) == 0x85944171f73967e8ULL);
	for (i = 0; i < sizeof(data); i++)
		data[i] = (unsigned char)(i * 37 + 11 + (i >> 3) * 101);
	for (off = 0; off < 8; off++)
		for (len = 0; off + len <= sizeof(data); len++)
			assert_true(nd_hash(data + off, len) == fnv1a(data + off, len));
}

/* nd_hash_block reads a block eight bytes at a time: every length and
 * offset (the tail of fewer than eight bytes, unaligned starts) hashes
 * the bytes alone, and texts that differ in one byte or in length
 * differ. */
static void test_hash_block_of_every_length(void **state)
{
	char data[80], copy[96];
	size_t len, off, k;

	(void)state;
	for (k = 0; k < sizeof(data); k++)
		data[k] = (char)('a' + k % 26);
	assert_true(nd_hash_block(NULL, 0) == nd_hash_block(data, 0));
	for (len = 0; len <= 64; len++) {
		uint64_t h = nd_hash_block(data, len);

		for (off = 1; off < 8; off++) {
			memcpy(copy + off, data, len);
			assert_true(nd_hash_block(copy + off, len) == h);
		}
		if (len < 64)
			assert_true(nd_hash_block(data, len + 1) != h);
		for (k = 0; k < len; k++) {
			memcpy(copy, data, len);
			copy[k] ^= 1;
			assert_true(nd_hash_block(copy, len) != h);
		}
	}
}

static void test_buf_reserve(void **state)
{
	nd_buf b = ND_BUF_INIT;

	(void)state;
	assert_int_equal(nd_buf_reserve(&b, 1000), 0);
	assert_int_equal(b.cap, 1001);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.ptr, "");
	assert_int_equal(nd_buf_puts(&b, "abc"), 0);
	assert_int_equal(b.cap, 1001);
	assert_int_equal(nd_buf_reserve(&b, 10), 0); /* there already */
	assert_int_equal(b.cap, 1001);
	assert_int_equal(nd_buf_reserve(&b, 2000), 0);
	assert_int_equal(b.cap, 2004);
	assert_string_equal(b.ptr, "abc");
	assert_int_equal(nd_buf_put(&b, "x", 1), 0);
	assert_int_equal(nd_buf_grow(&b, 3000), 0);
	assert_int_equal(b.cap, 4008);
	assert_string_equal(b.ptr, "abcx");
	nd_buf_dispose(&b);
}

/* nd_buf_putu writes what "%" PRIu64 does. */
static void test_buf_putu(void **state)
{
	static const uint64_t v[] = {0, 1, 9, 10, 99, 100, 12345, 4294967295u,
	                             4294967296u, 18446744073709551615u};
	nd_buf b = ND_BUF_INIT;
	char want[32];
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(v) / sizeof(v[0]); k++) {
		nd_buf_clear(&b);
		assert_int_equal(nd_buf_putc(&b, ','), 0);
		assert_int_equal(nd_buf_putu(&b, v[k]), 0);
		snprintf(want, sizeof(want), ",%llu", (unsigned long long)v[k]);
		assert_string_equal(b.ptr, want);
	}
	nd_buf_dispose(&b);
}

static void test_utf8_decode_rejects_ill_formed(void **state)
{
	uint32_t cp = 0;

	(void)state;
	assert_int_equal(nd_utf8_decode("\xC3\xA9", 2, &cp), 2);
	assert_int_equal(cp, 0xE9);
	assert_int_equal(nd_utf8_decode("\xE2\x80\x99", 3, &cp), 3);
	assert_int_equal(cp, 0x2019);
	assert_int_equal(nd_utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1F600);
	assert_int_equal(nd_utf8_decode("\xC0\xAF", 2, &cp), 0);     /* overlong */
	assert_int_equal(nd_utf8_decode("\xED\xA0\x80", 3, &cp), 0); /* surrogate */
	assert_int_equal(nd_utf8_decode("\xF4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
	assert_int_equal(nd_utf8_decode("\xE2\x80", 2, &cp), 0);     /* truncated */
	assert_int_equal(nd_utf8_decode("\x80", 1, &cp), 0);         /* stray continuation */
}

static void test_utf8_valid_reports_offset(void **state)
{
	size_t bad = 0;

	(void)state;
	assert_true(nd_utf8_valid("people\xE2\x80\x99s", 9, &bad));
	assert_false(nd_utf8_valid("abc\xE9" "def", 7, &bad));
	assert_int_equal(bad, 3);
}

/* ASCII is skipped 32 and eight bytes at a time: a bad byte, or a
 * character cut at the end, is found at every offset around those
 * blocks and words, and a good character across their edges passes. */
static void test_utf8_valid_every_offset(void **state)
{
	char s[100];
	size_t k, bad;

	(void)state;
	for (k = 0; k + 3 <= sizeof(s); k++) {
		memset(s, 'a', sizeof(s));
		s[k] = (char)0xFF;
		bad = 99;
		assert_false(nd_utf8_valid(s, sizeof(s), &bad));
		assert_int_equal(bad, k);
		memcpy(s + k, "\xE2\x82\xAC", 3); /* a euro sign */
		assert_true(nd_utf8_valid(s, sizeof(s), &bad));
		assert_false(nd_utf8_valid(s, k + 2, &bad)); /* cut */
		assert_int_equal(bad, k);
	}
}

/* Terminal columns: combining marks and zero-width characters take none,
 * East Asian wide characters and pictographs two, the rest one. */
static void test_utf8_cp_width(void **state)
{
	(void)state;
	assert_int_equal(nd_utf8_cp_width('a'), 1);
	assert_int_equal(nd_utf8_cp_width(0xE9), 1);     /* é */
	assert_int_equal(nd_utf8_cp_width(0x0301), 0);   /* combining acute */
	assert_int_equal(nd_utf8_cp_width(0x200B), 0);   /* zero-width space */
	assert_int_equal(nd_utf8_cp_width(0xFE0F), 0);   /* variation selector */
	assert_int_equal(nd_utf8_cp_width(0x4E00), 2);   /* CJK ideograph */
	assert_int_equal(nd_utf8_cp_width(0xFF21), 2);   /* fullwidth A */
	assert_int_equal(nd_utf8_cp_width(0x1F600), 2);  /* emoji */
	assert_int_equal(nd_utf8_cp_width(0x2E7F), 1);   /* just below a wide block */
}

static void test_escape_makes_controls_visible(void **state)
{
	nd_buf b = ND_BUF_INIT;
	const char in[] = "a\x1b[2Jb\x7f\xc2\x9b\xe2\x80\xae\xff\nz";

	(void)state;
	assert_int_equal(nd_utf8_escape(&b, in, sizeof(in) - 1, 1), 0);
	assert_string_equal(b.ptr, "a^[[2Jb^?<U+009B><U+202E><0xFF>\nz");
	nd_buf_clear(&b);
	assert_int_equal(nd_utf8_escape(&b, "x\ny", 3, 0), 0);
	assert_string_equal(b.ptr, "x^Jy");
	nd_buf_dispose(&b);
}

/* Separators and bidi controls are shown, not passed on; characters
 * real text needs (joiners, accents, CJK, no-break space) are kept. */
static void test_escape_shows_separators_and_bidi(void **state)
{
	nd_buf b = ND_BUF_INIT;
	const char in[] = "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xe2\x80\x8e\xe2\x80\x8f"
	                  "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae"
	                  "\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9\xd8\x9c"
	                  "d\xe2\x80\x8d\xc3\xa9\xe4\xbf\xa1\xc2\xa0\te";

	(void)state;
	assert_int_equal(nd_utf8_escape(&b, in, sizeof(in) - 1, 0), 0);
	assert_string_equal(b.ptr, "a<U+2028>b<U+2029>c<U+200E><U+200F>"
	                    "<U+202A><U+202B><U+202C><U+202D><U+202E>"
	                    "<U+2066><U+2067><U+2068><U+2069><U+061C>"
	                    "d\xe2\x80\x8d\xc3\xa9\xe4\xbf\xa1\xc2\xa0^Ie");
	assert_true(nd_utf8_is_unsafe(0x2028));
	assert_true(nd_utf8_is_unsafe(0x2029));
	assert_false(nd_utf8_is_unsafe(0x200D));
	assert_false(nd_utf8_is_unsafe(0x2027));
	assert_false(nd_utf8_is_unsafe(0x202F));
	nd_buf_dispose(&b);
}

/* Every byte of ill-formed UTF-8 is shown on its own; the well-formed
 * text around it is kept. */
static void test_escape_shows_each_bad_byte(void **state)
{
	nd_buf b = ND_BUF_INIT;
	const char in[] = "x\xc0\xaf" "y\xed\xa0\x80" "z\xe2\x80";

	(void)state;
	assert_int_equal(nd_utf8_escape(&b, in, sizeof(in) - 1, 0), 0);
	assert_string_equal(b.ptr, "x<0xC0><0xAF>y<0xED><0xA0><0x80>z<0xE2><0x80>");
	nd_buf_dispose(&b);
}

/* The forms are safe ASCII: escaping an escaped text changes nothing,
 * which is what lets a message be escaped whole after its parts were. */
static void test_escape_is_idempotent(void **state)
{
	nd_buf once = ND_BUF_INIT, twice = ND_BUF_INIT;
	const char in[] = "\x1b]0;t\x07\n\xff\xe2\x80\xae\xe2\x80\xa8\xc2\x9b^[<U+1>";

	(void)state;
	assert_int_equal(nd_utf8_escape(&once, in, sizeof(in) - 1, 0), 0);
	assert_int_equal(nd_utf8_escape(&twice, once.ptr, once.len, 0), 0);
	assert_string_equal(once.ptr, twice.ptr);
	assert_string_equal(once.ptr, "^[]0;t^G^J<0xFF><U+202E><U+2028><U+009B>^[<U+1>");
	nd_buf_dispose(&once);
	nd_buf_dispose(&twice);
}

/* 1 if b holds exactly s[0..len). */
static int same_bytes(const nd_buf *b, const char *s, size_t len)
{
	return b->len == len && !memcmp(b->ptr, s, len);
}

/* nd_utf8_escape as it was before it skipped words: character by
 * character. */
static void escape_reference(nd_buf *out, const char *s, size_t len, int nl)
{
	char form[ND_UTF8_VISIBLE_MAX];
	size_t i = 0, n;
	uint32_t cp;

	nd_buf_put(out, s, 0);
	while (i < len) {
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (n && (!nd_utf8_is_unsafe(cp) || (cp == '\n' && nl)))
			nd_buf_put(out, s + i, n);
		else
			nd_buf_put(out, form, n ? nd_utf8_visible(form, cp)
			           : nd_utf8_visible_byte(form, (unsigned char)s[i]));
		i += n ? n : 1;
	}
}

/* Each unsafe or multi-byte character, and each ill-formed byte, at
 * every offset around the eight-byte words the escape skips whole. */
static void test_escape_fast_path(void **state)
{
	static const char *const specials[] = {
		"\x01", "\x1b", "\x1f", "\x7f", "\n", "\t", " ", "~", "\xc2\x9b",
		"\xc2\xa0", "\xe2\x80\xae", "\xe2\x80\xa8", "\xd8\x9c", "\xc3\xa9",
		"\xf0\x9f\x98\x80", "\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80",
		"\xc0\xaf", "\x80",
	};
	static const char filler[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	size_t ns = sizeof(specials) / sizeof(specials[0]), a, b, at, len, nl;
	nd_buf got = ND_BUF_INIT, want = ND_BUF_INIT;
	char s[64];

	(void)state;
	for (a = 0; a < ns; a++)
		for (b = 0; b < ns; b += 3)
			for (len = 0; len <= 24; len++)
				for (at = 0; at <= len; at++) {
					size_t la = strlen(specials[a]), lb = strlen(specials[b]);

					memcpy(s, filler, at);
					memcpy(s + at, specials[a], la);
					memcpy(s + at + la, specials[b], lb);
					memcpy(s + at + la + lb, filler, len - at);
					for (nl = 0; nl < 2; nl++) {
						nd_buf_dispose(&got);
						nd_buf_clear(&want);
						escape_reference(&want, s, len + la + lb, (int)nl);
						assert_int_equal(nd_utf8_escape(&got, s, len + la + lb,
						                                (int)nl), 0);
						assert_non_null(got.ptr);
						assert_int_equal(got.len, want.len);
						assert_memory_equal(got.ptr, want.ptr, want.len);
						assert_int_equal(nd_utf8_safe_prefix(s, len + la + lb,
						                                     (int)nl) < len + la + lb,
						                 !same_bytes(&got, s, len + la + lb));
					}
				}
	nd_buf_dispose(&got);
	nd_buf_dispose(&want);
}

static void test_visible_forms(void **state)
{
	char f[ND_UTF8_VISIBLE_MAX];

	(void)state;
	assert_int_equal(nd_utf8_visible(f, 0x1B), 2);
	assert_string_equal(f, "^[");
	assert_int_equal(nd_utf8_visible(f, 0), 2);
	assert_string_equal(f, "^@");
	assert_int_equal(nd_utf8_visible(f, 0x7F), 2);
	assert_string_equal(f, "^?");
	assert_int_equal(nd_utf8_visible(f, 0x9B), 8);
	assert_string_equal(f, "<U+009B>");
	assert_int_equal(nd_utf8_visible(f, 0x10FFFF), 10);
	assert_string_equal(f, "<U+10FFFF>");
	assert_int_equal(nd_utf8_visible_byte(f, 0xFF), 6);
	assert_string_equal(f, "<0xFF>");
}

static void test_error_records_message(void **state)
{
	(void)state;
	assert_int_equal(nd_error_set(ND_EINVAL, "bad %s", "thing"), ND_EINVAL);
	assert_string_equal(nd_error_message(), "bad thing");
	nd_error_clear();
	assert_string_equal(nd_error_message(), "");
}

/* Lines 1-2 on page 1, line 3 from page 1 onto 2, line 4 on page 2,
 * line 5 on page 3 (the last). */
static void test_pagemap_span(void **state)
{
	nd_pagemap m = ND_PAGEMAP_INIT;
	static const uint32_t starts[] = {1, 1, 1, 2, 3};
	uint32_t a, b;
	size_t k;

	(void)state;
	for (k = 0; k < 5; k++)
		assert_int_equal(nd_pagemap_push(&m, starts[k]), 0);
	m.line[2].last = 2;
	assert_int_equal(m.n, 5);
	assert_true(nd_pagemap_span(&m, 1, 1, &a, &b)); /* first page */
	assert_int_equal(a, 1);
	assert_int_equal(b, 1);
	assert_true(nd_pagemap_span(&m, 3, 3, &a, &b)); /* one line on two */
	assert_int_equal(a, 1);
	assert_int_equal(b, 2);
	assert_true(nd_pagemap_span(&m, 2, 4, &a, &b)); /* lines on two */
	assert_int_equal(a, 1);
	assert_int_equal(b, 2);
	assert_true(nd_pagemap_span(&m, 5, 5, &a, &b)); /* the last page */
	assert_int_equal(a, 3);
	assert_int_equal(b, 3);
	assert_true(nd_pagemap_span(&m, 4, 9, &a, &b)); /* past the map */
	assert_int_equal(a, 2);
	assert_int_equal(b, 3);
	assert_true(nd_pagemap_span(&m, 4, 2, &a, &b)); /* last before first */
	assert_int_equal(a, 2);
	assert_int_equal(b, 2);
	assert_false(nd_pagemap_span(&m, 0, 1, &a, &b));
	assert_false(nd_pagemap_span(NULL, 1, 1, &a, &b));
	assert_int_equal(a, 0);
	assert_int_equal(b, 0);
	nd_pagemap_dispose(&m);
	assert_null(m.line);
	assert_false(nd_pagemap_span(&m, 1, 1, &a, &b)); /* empty: unknown */
	nd_pagemap_dispose(&m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_formats),
		cmocka_unit_test(test_buf_printf_fits_or_grows),
		cmocka_unit_test(test_buf_putu),
		cmocka_unit_test(test_buf_reserve),
		cmocka_unit_test(test_hash_keeps_fnv1a),
		cmocka_unit_test(test_hash_block_of_every_length),
		cmocka_unit_test(test_utf8_decode_rejects_ill_formed),
		cmocka_unit_test(test_utf8_valid_reports_offset),
		cmocka_unit_test(test_utf8_valid_every_offset),
		cmocka_unit_test(test_utf8_cp_width),
		cmocka_unit_test(test_escape_makes_controls_visible),
		cmocka_unit_test(test_escape_shows_separators_and_bidi),
		cmocka_unit_test(test_escape_shows_each_bad_byte),
		cmocka_unit_test(test_escape_is_idempotent),
		cmocka_unit_test(test_escape_fast_path),
		cmocka_unit_test(test_visible_forms),
		cmocka_unit_test(test_error_records_message),
		cmocka_unit_test(test_pagemap_span),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
