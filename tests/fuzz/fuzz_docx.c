/* fuzz_docx.c - any bytes read as a Word file and as an OpenDocument
 * text, changes accepted and rejected, as `normdiff --from=docx` and
 * `--from=odt` read a file.
 *
 * An input that starts with '<' is XML: it is also wrapped as the
 * word/document.xml of a Word file and the content.xml of an OpenDocument
 * one (stored, with a right CRC), so mutations reach the XML walk instead
 * of stopping at the zip's checksums.
 *
 * Detection (nd_import_detect, which reads the central directory of a
 * zip it does not know from its first headers) runs on every input too,
 * and so do the properties of both formats (nd_import_props, checked by
 * fuzz_check_props), XML also wrapped as an OpenDocument meta.xml and as
 * the XMP metadata of a PDF.
 *
 * Oracles: a refused file records a one-line message and leaves the
 * output as it was; an accepted one gives well-formed UTF-8 whose only
 * control is '\n' (draft text such as bidi marks is the CLI's to escape),
 * shaped as import.h promises: paragraphs of one line,
 * each ended by '\n' (a heading's by its underline line, "===" or "---",
 * too), one blank line between them, none empty.
 */
#include <string.h>

#include <zip.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/import.h"
#include "normdiff/utf8.h"

#define KEEP "kept\n"

/* A heading's underline line, "===\n" or "---\n", at s. */
static int underline(const char *s, size_t n)
{
	return n >= 4 && (s[0] == '=' || s[0] == '-') && s[1] == s[0] &&
	       s[2] == s[0] && s[3] == '\n';
}

static void shape(const char *what, const nd_buf *b)
{
	const char *s = b->ptr + strlen(KEEP);
	size_t n = b->len - strlen(KEEP), k;

	if (!nd_utf8_valid(s, n, NULL))
		fuzz_fail(what, "not well-formed UTF-8", s, n);
	for (k = 0; k < n; k++) /* C0 but '\n', DEL, C1 (U+0080..U+009F) */
		if (((unsigned char)s[k] < 0x20 && s[k] != '\n') ||
		    (unsigned char)s[k] == 0x7f ||
		    ((unsigned char)s[k] == 0xc2 && k + 1 < n &&
		     (unsigned char)s[k + 1] >= 0x80 && (unsigned char)s[k + 1] <= 0x9f))
			fuzz_fail(what, "a control character", s, n);
	if (n && (s[0] == '\n' || s[n - 1] != '\n'))
		fuzz_fail(what, "text does not start with a paragraph and end with "
		          "a newline", s, n);
	for (k = 0; k + 1 < n; k++)
		if (s[k] == '\n') {
			if (underline(s + k + 1, n - k - 1))
				k += 4; /* a heading's "===" or "---": its line, then on */
			if (k + 1 >= n)
				break;
			if (s[k + 1] != '\n' || k + 2 >= n || s[k + 2] == '\n')
				fuzz_fail(what, "paragraphs not parted by one blank line",
				          s, n);
			k++;
		}
}

static void one(const char *what, const char *data, size_t size, int odt,
                nd_changes ch)
{
	nd_buf out = ND_BUF_INIT;
	nd_import_opts o;
	int rc;

	nd_import_opts_init(&o);
	o.changes = ch;
	if (nd_buf_puts(&out, KEEP))
		fuzz_fail(what, "out of memory", NULL, 0);
	rc = odt ? nd_import_odt(&out, data, size, &o) :
	     nd_import_docx(&out, data, size, &o);
	if (rc) {
		fuzz_check_error(what);
		if (out.len != strlen(KEEP) || memcmp(out.ptr, KEEP, out.len))
			fuzz_fail(what, "a refused file changed the output", out.ptr,
			          out.len);
	} else {
		shape(what, &out);
	}
	nd_buf_dispose(&out);
}

/* A zip in memory holding data as `member` (and a mimetype first for
 * OpenDocument) into *out. */
static void wrap(nd_buf *out, const char *member, const uint8_t *data,
                 size_t size, int odt)
{
	static const char mime[] = "application/vnd.oasis.opendocument.text";
	zip_error_t ze;
	zip_source_t *src, *part;
	zip_t *z;
	zip_stat_t st;
	zip_int64_t n;

	zip_error_init(&ze);
	if (!(src = zip_source_buffer_create(NULL, 0, 0, &ze)))
		fuzz_fail("wrap", "no zip source", NULL, 0);
	zip_source_keep(src);
	if (!(z = zip_open_from_source(src, ZIP_TRUNCATE, &ze)))
		fuzz_fail("wrap", "no zip", NULL, 0);
	if (odt && ((part = zip_source_buffer(z, mime, sizeof(mime) - 1, 0)) == NULL ||
	            zip_file_add(z, "mimetype", part, 0) < 0))
		fuzz_fail("wrap", "mimetype not added", NULL, 0);
	if ((part = zip_source_buffer(z, data, size, 0)) == NULL ||
	    zip_file_add(z, member, part, 0) < 0)
		fuzz_fail("wrap", "member not added", NULL, 0);
	zip_set_file_compression(z, (zip_uint64_t)odt, ZIP_CM_STORE, 0);
	if (zip_close(z) < 0)
		fuzz_fail("wrap", "zip not written", NULL, 0);
	nd_buf_clear(out);
	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0 ||
	    nd_buf_grow(out, (size_t)st.size + 1))
		fuzz_fail("wrap", "zip not read back", NULL, 0);
	n = zip_source_read(src, out->ptr, st.size);
	out->len = n > 0 ? (size_t)n : 0;
	if (nd_import_detect(out->ptr, out->len) !=
	    (odt ? ND_FORMAT_ODT : ND_FORMAT_DOCX))
		fuzz_fail("wrap", "the zip written is not known as its format",
		          out->ptr, out->len);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

/* A one-page PDF whose XMP metadata stream is data, into *out. */
static void pdf_with_xmp(nd_buf *out, const uint8_t *data, size_t size)
{
	static const char *const obj[] = {
		"<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
	};
	size_t off[4], k, xref;
	int err = nd_buf_puts(out, "%PDF-1.4\n");

	for (k = 0; k < 4 && !err; k++) {
		off[k] = out->len;
		if (k < 3)
			err = nd_buf_printf(out, "%zu 0 obj\n%s\nendobj\n", k + 1,
			                    obj[k]);
		else
			err = nd_buf_printf(out, "4 0 obj\n<< /Type /Metadata /Subtype "
			                    "/XML /Length %zu >>\nstream\n", size) ||
			      nd_buf_put(out, (const char *)data, size) ||
			      nd_buf_puts(out, "\nendstream\nendobj\n");
	}
	xref = out->len;
	err = err || nd_buf_puts(out, "xref\n0 5\n0000000000 65535 f \n");
	for (k = 0; k < 4 && !err; k++)
		err = nd_buf_printf(out, "%010zu 00000 n \n", off[k]);
	if (err || nd_buf_printf(out, "trailer\n<< /Size 5 /Root 1 0 R >>\n"
	                         "startxref\n%zu\n%%%%EOF\n", xref))
		fuzz_fail("pdf_with_xmp", "out of memory", NULL, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;
	nd_buf z = ND_BUF_INIT;
	nd_format f = nd_import_detect(d, size); /* reads a zip's directory */

	if ((unsigned)f > ND_FORMAT_ODT)
		fuzz_fail("detect", "a format that does not exist", NULL, 0);
	one("docx accept", d, size, 0, ND_CHANGES_ACCEPT);
	one("docx reject", d, size, 0, ND_CHANGES_REJECT);
	one("odt accept", d, size, 1, ND_CHANGES_ACCEPT);
	one("odt reject", d, size, 1, ND_CHANGES_REJECT);
	fuzz_check_props("docx properties", d, size, ND_FORMAT_DOCX);
	fuzz_check_props("odt properties", d, size, ND_FORMAT_ODT);
	if (size && data[0] == '<') {
		wrap(&z, "word/document.xml", data, size, 0);
		one("document.xml accept", z.ptr, z.len, 0, ND_CHANGES_ACCEPT);
		one("document.xml reject", z.ptr, z.len, 0, ND_CHANGES_REJECT);
		wrap(&z, "content.xml", data, size, 1);
		one("content.xml accept", z.ptr, z.len, 1, ND_CHANGES_ACCEPT);
		one("content.xml reject", z.ptr, z.len, 1, ND_CHANGES_REJECT);
		wrap(&z, "meta.xml", data, size, 1);
		fuzz_check_props("meta.xml", z.ptr, z.len, ND_FORMAT_ODT);
		nd_buf_clear(&z);
		pdf_with_xmp(&z, data, size);
		fuzz_check_props("XMP", z.ptr, z.len, ND_FORMAT_PDF);
	}
	nd_buf_dispose(&z);
	return 0;
}
