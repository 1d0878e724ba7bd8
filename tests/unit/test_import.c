/* test_import.c - what bytes are (nd_import_detect), by content only:
 * %PDF-, a zip naming word/document.xml or [Content_Types].xml, a zip
 * whose first member is an OpenDocument text mimetype; anything else is
 * text, a zip of something else included; and the format names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/buf.h"
#include "normdiff/import.h"

/* A zip's first local header naming `name` and holding `body` stored. */
static size_t zip_member(char *out, const char *name, const char *body)
{
	size_t n = strlen(name), b = strlen(body);

	memset(out, 0, 30);
	memcpy(out, "PK\3\4", 4);
	out[18] = (char)b;  /* compressed size */
	out[22] = (char)b;  /* uncompressed size */
	out[26] = (char)n;  /* name length */
	memcpy(out + 30, name, n);
	memcpy(out + 30 + n, body, b);
	return 30 + n + b;
}

static void test_detect(void **state)
{
	char z[512];
	size_t n;

	(void)state;
	assert_int_equal(nd_import_detect("%PDF-1.7\n", 9), ND_FORMAT_PDF);
	assert_int_equal(nd_import_detect("%PDF", 4), ND_FORMAT_TEXT);
	assert_int_equal(nd_import_detect("1. Text", 7), ND_FORMAT_TEXT);
	assert_int_equal(nd_import_detect("", 0), ND_FORMAT_TEXT);
	n = zip_member(z, "mimetype", "application/vnd.oasis.opendocument.text");
	assert_int_equal(nd_import_detect(z, n), ND_FORMAT_ODT);
	n = zip_member(z, "mimetype", "application/vnd.oasis.opendocument.spreadsheet");
	assert_int_equal(nd_import_detect(z, n), ND_FORMAT_TEXT);
	n = zip_member(z, "[Content_Types].xml", "<Types/>");
	assert_int_equal(nd_import_detect(z, n), ND_FORMAT_DOCX);
	/* the document named in a later member */
	n = zip_member(z, "docProps/app.xml", "<x/>");
	n += zip_member(z + n, "word/document.xml", "<w:document/>");
	assert_int_equal(nd_import_detect(z, n), ND_FORMAT_DOCX);
	n = zip_member(z, "readme.txt", "hello");
	assert_int_equal(nd_import_detect(z, n), ND_FORMAT_TEXT);
	/* a header that claims more than the bytes hold */
	n = zip_member(z, "word/document.xml", "");
	z[26] = 100;
	assert_int_equal(nd_import_detect(z, n), ND_FORMAT_TEXT);
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(nd_format_name(ND_FORMAT_PDF), "pdf");
	assert_string_equal(nd_format_name(ND_FORMAT_ODT), "odt");
	assert_int_equal(nd_format_find("docx"), ND_FORMAT_DOCX);
	assert_int_equal(nd_format_find("text"), ND_FORMAT_TEXT);
	assert_int_equal(nd_format_find("rtf"), -1);
}

/* Text is copied as it is. */
static void test_text(void **state)
{
	nd_buf b = ND_BUF_INIT;

	(void)state;
	assert_int_equal(nd_import(&b, "1. A\n", 5, ND_FORMAT_TEXT, NULL), 0);
	assert_int_equal(b.len, 5);
	assert_memory_equal(b.ptr, "1. A\n", 5);
	nd_buf_dispose(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
