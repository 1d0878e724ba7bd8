/* test_import.c - what bytes are (nd_import_detect), by content only:
 * %PDF-, a zip naming word/document.xml or [Content_Types].xml, a zip
 * whose first member is an OpenDocument text mimetype; anything else is
 * text, a zip of something else included; the format names; and the
 * rules of a title and a date from a document's properties
 * (nd_import_props, through an OpenDocument meta.xml). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

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

/* The properties of an OpenDocument text whose office:meta holds `meta`
 * (built with libzip in memory) into *p. */
static void odt_props(const char *meta, nd_props *p)
{
	static const char mime[] = "application/vnd.oasis.opendocument.text";
	static const char content[] = "<office:document-content xmlns:office="
	    "\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"/>";
	nd_buf xml = ND_BUF_INIT, z = ND_BUF_INIT;
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, NULL);
	zip_t *zp;
	zip_stat_t st;

	assert_int_equal(nd_buf_printf(&xml, "<office:document-meta xmlns:office="
	    "\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:meta="
	    "\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" xmlns:dc=\"http:"
	    "//purl.org/dc/elements/1.1/\"><office:meta>%s</office:meta>"
	    "</office:document-meta>", meta), 0);
	assert_non_null(src);
	zip_source_keep(src);
	assert_non_null(zp = zip_open_from_source(src, ZIP_TRUNCATE, NULL));
	assert_true(zip_file_add(zp, "mimetype", zip_source_buffer(zp, mime,
	            sizeof(mime) - 1, 0), 0) >= 0);
	assert_true(zip_file_add(zp, "content.xml", zip_source_buffer(zp, content,
	            sizeof(content) - 1, 0), 0) >= 0);
	assert_true(zip_file_add(zp, "meta.xml", zip_source_buffer(zp, xml.ptr,
	            xml.len, 0), 0) >= 0);
	assert_int_equal(zip_close(zp), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(nd_buf_grow(&z, (size_t)st.size), 0);
	assert_int_equal(zip_source_read(src, z.ptr, st.size), (zip_int64_t)st.size);
	z.len = (size_t)st.size;
	zip_source_close(src);
	zip_source_free(src);
	nd_props_init(p);
	assert_int_equal(nd_import_props(z.ptr, z.len, ND_FORMAT_ODT, p), 0);
	nd_buf_dispose(&xml);
	nd_buf_dispose(&z);
}

/* The date an office:meta of dc:date `date` and meta:creation-date
 * `created` gives ("" for none). */
static void date_is(const char *date, const char *created, const char *want)
{
	nd_buf m = ND_BUF_INIT;
	nd_props p;

	assert_int_equal(nd_buf_printf(&m, "<dc:date>%s</dc:date><meta:creation-"
	                 "date>%s</meta:creation-date>", date, created), 0);
	odt_props(m.ptr, &p);
	assert_string_equal(p.date, want);
	assert_true(!*want == !p.date_from);
	nd_props_dispose(&p);
	nd_buf_dispose(&m);
}

/* Days are real calendar days (leap years by the Gregorian rule), as
 * written: the time and zone after them aside, anything else refused. */
static void test_props_date(void **state)
{
	(void)state;
	date_is("2024-02-29T10:00:00", "", "2024-02-29");
	date_is("1900-02-29", "2000-02-29T00:00:00", "2000-02-29");
	date_is("2023-02-29", "2023-04-31", "");
	date_is("2024-03-01T23:30:00-05:00", "", "2024-03-01");
	date_is(" 2024-01-02 ", "", "2024-01-02");
	date_is("2024-01-02x", "20240103", "");
	date_is("0000-01-01", "2024-13-01", "");
	date_is("2024", "2024-01", "");
	date_is("", "2024-12-31Z", "2024-12-31");
}

/* A title is one trimmed line, its white space runs one space; empty or
 * longer than ND_IMPORT_TITLE_MAX bytes, none. */
static void test_props_title(void **state)
{
	char longest[ND_IMPORT_TITLE_MAX + 32];
	nd_props p;

	(void)state;
	odt_props("<dc:title>  Code of\t\nconduct\xe2\x80\xa8 \xc2\xa0 v2 </dc:title>",
	          &p);
	assert_string_equal(p.title, "Code of conduct v2");
	assert_string_equal(p.title_from, "dc:title in meta.xml");
	nd_props_dispose(&p);
	odt_props("<dc:title> \t </dc:title>", &p);
	assert_null(p.title);
	assert_null(p.title_from);
	nd_props_dispose(&p);
	memcpy(longest, "<dc:title>", 10);
	memset(longest + 10, 'x', ND_IMPORT_TITLE_MAX);
	strcpy(longest + 10 + ND_IMPORT_TITLE_MAX, "  </dc:title>");
	odt_props(longest, &p);
	assert_non_null(p.title);
	assert_int_equal(strlen(p.title), ND_IMPORT_TITLE_MAX);
	nd_props_dispose(&p);
	strcpy(longest + 10 + ND_IMPORT_TITLE_MAX, "y</dc:title>");
	odt_props(longest, &p);
	assert_null(p.title);
	nd_props_dispose(&p);
	/* a part that is not XML: nothing, and no error */
	odt_props("<dc:title>x</dc:titl>", &p);
	assert_null(p.title);
	assert_string_equal(p.date, "");
	nd_props_dispose(&p);
	/* a text has no properties */
	assert_int_equal(nd_import_props("1. A\n", 5, ND_FORMAT_TEXT, &p), 0);
	assert_null(p.title);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_props_date),
		cmocka_unit_test(test_props_title),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
