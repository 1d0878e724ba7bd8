/* fuzz_pdf.c - any bytes read as a PDF (nd_import_pdf), as `normdiff`
 * reads a file that starts with %PDF- or is given with --from pdf, and the
 * text read parsed as a draft.
 *
 * Oracles: a refused file records a one-line message, of one of the
 * codes import.h names for a PDF, and leaves the output as it was; a
 * file that is read appends well-formed UTF-8 without NUL, paragraphs of
 * one line each, trimmed, with one blank line between them and a final
 * line end; reading it again, with its page map, gives the same bytes
 * and pages for every source line the normaliser counts, from 1 and
 * never going back; the text parses as a draft keeping the invariants
 * of fuzz_check_doc, or is refused with a one-line message. The file's
 * properties (nd_import_props) keep the promises fuzz_check_props checks.
 */
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/error.h"
#include "normdiff/import.h"

#define PREFIX "kept\n"

/* Well-formed UTF-8 (shortest forms, no surrogates, at most U+10FFFF)
 * without NUL; checked here, not with the project's decoder. */
static const char *check_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0, k, need;
	unsigned long cp;

	while (i < n) {
		unsigned char c = s[i];

		if (!c)
			return "a NUL byte";
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			need = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			need = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			need = 3, cp = c & 0x07;
		else
			return "a byte that starts no UTF-8 sequence";
		if (i + need >= n)
			return "a truncated UTF-8 sequence";
		for (k = 1; k <= need; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return "a bad UTF-8 continuation byte";
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return "an overlong form, a surrogate or a code point past U+10FFFF";
		i += need + 1;
	}
	return NULL;
}

/* One paragraph a line, trimmed, one blank line between, a final '\n'. */
static const char *check_shape(const char *s, size_t n)
{
	size_t i, start = 0;

	if (!n || s[n - 1] != '\n')
		return "text that does not end with a line end";
	if (s[0] == '\n')
		return "text that starts with a blank line";
	for (i = 0; i < n; i++) {
		if (s[i] != '\n')
			continue;
		if (i > start && (s[start] == ' ' || s[start] == '\t' ||
		                  s[i - 1] == ' ' || s[i - 1] == '\t'))
			return "a line with a space at an end";
		if (i == start && (i + 1 == n || s[i + 1] == '\n'))
			return "two blank lines in a row, or a blank last line";
		start = i + 1;
	}
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nd_buf out = ND_BUF_INIT, again = ND_BUF_INIT;
	nd_pagemap map = ND_PAGEMAP_INIT;
	const char *text, *why;
	nd_doc *d = NULL;
	size_t n, k;
	int err;

	if (nd_buf_puts(&out, PREFIX))
		return 0;
	fuzz_check_props("pdf properties", (const char *)data, size, ND_FORMAT_PDF);
	err = nd_import_pdf(&out, (const char *)data, size, NULL);
	if (out.len < strlen(PREFIX) || memcmp(out.ptr, PREFIX, strlen(PREFIX)))
		fuzz_fail("pdf", "the output's first bytes were changed", out.ptr, out.len);
	if (err) {
		if (err != ND_ECORRUPT && err != ND_EEMPTY && err != ND_EINVAL &&
		    err != ND_ETOOBIG && err != ND_ENOMEM)
			fuzz_fail("pdf", "an error code import.h does not name", NULL, 0);
		if (out.len != strlen(PREFIX))
			fuzz_fail("pdf", "a refused file changed the output", out.ptr, out.len);
		fuzz_check_error("pdf");
		goto done;
	}
	text = out.ptr + strlen(PREFIX);
	n = out.len - strlen(PREFIX);
	if ((why = check_utf8((const unsigned char *)text, n)) != NULL ||
	    (why = check_shape(text, n)) != NULL)
		fuzz_fail("pdf text", why, text, n);
	if (nd_import_pdf(&again, (const char *)data, size, &map) || again.len != n ||
	    memcmp(again.ptr, text, n))
		fuzz_fail("pdf", "a second reading gave other text", again.ptr, again.len);
	for (k = 0; k < map.n; k++)
		if (!map.line[k].first || map.line[k].last < map.line[k].first ||
		    (k && map.line[k].first < map.line[k - 1].last))
			fuzz_fail("pdf pages", "a page 0, or one before the one above",
			          text, n);
	if (nd_doc_parse(&d, text, n, fuzz_default_grammar())) {
		fuzz_check_error("pdf text parsed");
		goto done;
	}
	if (map.n != d->text->source_lines)
		fuzz_fail("pdf pages", "not one page for each source line", text, n);
	fuzz_check_doc(d);
	nd_doc_free(d);
done:
	nd_pagemap_dispose(&map);
	nd_buf_dispose(&again);
	nd_buf_dispose(&out);
	return 0;
}
