/* test_util.c - buffers, UTF-8 validation and escaping, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
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

static void test_error_records_message(void **state)
{
	(void)state;
	assert_int_equal(nd_error_set(ND_EINVAL, "bad %s", "thing"), ND_EINVAL);
	assert_string_equal(nd_error_message(), "bad thing");
	nd_error_clear();
	assert_string_equal(nd_error_message(), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_grows_and_formats),
		cmocka_unit_test(test_utf8_decode_rejects_ill_formed),
		cmocka_unit_test(test_utf8_valid_reports_offset),
		cmocka_unit_test(test_escape_makes_controls_visible),
		cmocka_unit_test(test_error_records_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
