/* fuzz_parse.c - normalisation and clause parsing of arbitrary bytes with
 * the built-in grammar, as `normdiff outline` reads a file, and both
 * outline writers over what was parsed.
 *
 * Oracles: a failure records a one-line message; a parsed document keeps
 * the invariants of clause.h and text.h (fuzz_check_doc); the outline as
 * text is safe to print and the outline as JSON is JSON and safe.
 */
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/render.h"

static void outlines(const nd_doc *d)
{
	static const unsigned widths[] = {0, 30};
	nd_buf out = ND_BUF_INIT;
	const char *why;
	size_t k;

	for (k = 0; k < sizeof(widths) / sizeof(widths[0]); k++) {
		nd_buf_clear(&out);
		if (nd_render_outline_text(&out, d, NULL, widths[k]))
			fuzz_fail("outline text", "failed", NULL, 0);
		if ((why = fuzz_check_safe(out.ptr, out.len, 0)) != NULL)
			fuzz_fail("outline text", why, out.ptr, out.len);
	}
	nd_buf_clear(&out);
	if (nd_render_outline_json(&out, d, fuzz_default_grammar(), NULL))
		fuzz_fail("outline json", "failed", NULL, 0);
	if ((why = fuzz_check_safe(out.ptr, out.len, 0)) != NULL ||
	    (why = fuzz_check_json(out.ptr, out.len)) != NULL)
		fuzz_fail("outline json", why, out.ptr, out.len);
	nd_buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nd_doc *d = NULL;

	if (nd_doc_parse(&d, (const char *)data, size, fuzz_default_grammar())) {
		fuzz_check_error("parse");
		return 0;
	}
	fuzz_check_doc(d);
	outlines(d);
	nd_doc_free(d);
	return 0;
}
