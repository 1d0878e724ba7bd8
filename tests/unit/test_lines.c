/* test_lines.c - the layout evidence's character count (lines_width),
 * which reads eight bytes at a time: the same count as a byte at a time,
 * for texts of one- to four-byte characters, at every start and length
 * around the eight-byte words. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_every_offset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
