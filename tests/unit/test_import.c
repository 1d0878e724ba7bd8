/* test_import.c - what bytes are (nd_import_detect), by content only:
 * %PDF-, a zip naming word/document.xml or [Content_Types].xml, a zip
 * whose first member is an OpenDocument text mimetype; anything else is
 * text, a zip of something else included; the format names; the pages
 * of the lines of a PDF's text, and none for other formats; and the
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

/* Text has no pages: a map handed in comes back empty. */
static void test_text_no_pages(void **state)
{
	nd_buf b = ND_BUF_INIT;
	nd_pagemap m = ND_PAGEMAP_INIT;
	nd_import_opts o;

	(void)state;
	nd_import_opts_init(&o);
	assert_null(o.pages);
	o.pages = &m;
	assert_int_equal(nd_pagemap_push(&m, 7), 0);
	assert_int_equal(nd_import(&b, "1. A\n", 5, ND_FORMAT_TEXT, &o), 0);
	assert_int_equal(m.n, 0);
	nd_pagemap_dispose(&m);
	nd_buf_dispose(&b);
}

/* A PDF of two A4 pages whose lines stand at (72, y) in Helvetica:
 * `lines` holds the first page's lines, top first, then NULL, then the
 * second's, then NULL. */
static void make_pdf(nd_buf *pdf, const char *const *lines)
{
	size_t offs[16], n = 0, k, xref;
	nd_buf ops = ND_BUF_INIT;
	int page, y;

	assert_int_equal(nd_buf_puts(pdf, "%PDF-1.4\n"), 0);
	offs[++n] = pdf->len;
	assert_int_equal(nd_buf_puts(pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n"
	                                  "endobj\n"), 0);
	offs[++n] = pdf->len;
	assert_int_equal(nd_buf_puts(pdf, "2 0 obj\n<< /Type /Pages /Kids [4 0 R 6 0 R] "
	                                  "/Count 2 >>\nendobj\n"), 0);
	offs[++n] = pdf->len;
	assert_int_equal(nd_buf_puts(pdf, "3 0 obj\n<< /Type /Font /Subtype /Type1 "
	                                  "/BaseFont /Helvetica >>\nendobj\n"), 0);
	for (page = 0; page < 2; page++, lines++) {
		nd_buf_clear(&ops);
		assert_int_equal(nd_buf_puts(&ops, "BT /F1 11 Tf"), 0);
		for (y = 700; *lines; lines++, y -= 14)
			assert_int_equal(nd_buf_printf(&ops, " 1 0 0 1 72 %d Tm (%s) Tj", y,
			                               *lines), 0);
		assert_int_equal(nd_buf_puts(&ops, " ET"), 0);
		offs[++n] = pdf->len;
		assert_int_equal(nd_buf_printf(pdf, "%zu 0 obj\n<< /Type /Page /Parent 2 0 R "
		                               "/MediaBox [0 0 595 842] /Resources << /Font "
		                               "<< /F1 3 0 R >> >> /Contents %zu 0 R >>\n"
		                               "endobj\n", n, n + 1), 0);
		offs[++n] = pdf->len;
		assert_int_equal(nd_buf_printf(pdf, "%zu 0 obj\n<< /Length %zu >>\nstream\n"
		                               "%s\nendstream\nendobj\n", n, ops.len,
		                               ops.ptr), 0);
	}
	xref = pdf->len;
	assert_int_equal(nd_buf_printf(pdf, "xref\n0 %zu\n0000000000 65535 f \n",
	                               n + 1), 0);
	for (k = 1; k <= n; k++)
		assert_int_equal(nd_buf_printf(pdf, "%010zu 00000 n \n", offs[k]), 0);
	assert_int_equal(nd_buf_printf(pdf, "trailer\n<< /Size %zu /Root 1 0 R >>\n"
	                               "startxref\n%zu\n%%%%EOF\n", n + 1, xref), 0);
	nd_buf_dispose(&ops);
}

/* Each line of the text read from a PDF has the pages it begins and ends
 * on: a paragraph broken over the page break is one line on two, and a
 * word broken at a hyphen ends one line and begins the next, as the
 * normaliser counts them. */
static void test_pdf_pages(void **state)
{
	static const char *const lines[] = {
		"1. The first provision of the draft, all of it on the first page.",
		"2. The second provision of the draft, which begins on the first",
		NULL,
		"page and ends on the second one, where it is followed by a third",
		"provision whose last word is broken at a hy-",
		"phen, as words at the end of lines are.", NULL};
	static const char want[] =
		"1. The first provision of the draft, all of it on the first page.\n\n"
		"2. The second provision of the draft, which begins on the first page "
		"and ends on the second one, where it is followed by a third provision "
		"whose last word is broken at a hy-\nphen, as words at the end of lines "
		"are.\n";
	static const nd_linepages pages[] = {{1, 1}, {1, 1}, {1, 2}, {2, 2}};
	nd_buf pdf = ND_BUF_INIT, b = ND_BUF_INIT;
	nd_pagemap m = ND_PAGEMAP_INIT;
	nd_import_opts o;
	size_t k;

	(void)state;
	make_pdf(&pdf, lines);
	nd_import_opts_init(&o);
	o.pages = &m;
	assert_int_equal(nd_import(&b, pdf.ptr, pdf.len, ND_FORMAT_PDF, &o), 0);
	assert_string_equal(b.ptr, want);
	assert_int_equal(m.n, 4);
	for (k = 0; k < 4; k++) {
		assert_int_equal(m.line[k].first, pages[k].first);
		assert_int_equal(m.line[k].last, pages[k].last);
	}
	nd_buf_clear(&b);
	assert_int_equal(nd_import_pdf(&b, pdf.ptr, pdf.len, NULL), 0);
	assert_string_equal(b.ptr, want); /* the same text without a map */
	nd_pagemap_dispose(&m);
	nd_buf_dispose(&b);
	nd_buf_dispose(&pdf);
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
		cmocka_unit_test(test_text_no_pages),
		cmocka_unit_test(test_pdf_pages),
		cmocka_unit_test(test_props_date),
		cmocka_unit_test(test_props_title),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
