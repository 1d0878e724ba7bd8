/* fuzz_parse.c - normalisation and clause parsing of arbitrary bytes with
 * the built-in grammar, as `normdiff outline` reads a file, and both
 * outline writers over what was parsed.
 *
 * Oracles: a failure records a one-line message; a parsed document keeps
 * the invariants of clause.h and text.h (fuzz_check_doc); the outline as
 * text is safe to print and the outline as JSON is JSON and safe.
 */
#include <stdlib.h>
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

/* The same bytes parsed in place (nd_doc_parse_in, over a copy with the
 * byte after the last it may write, which it takes): the same text,
 * paragraphs and clauses as d, or the same failure (d NULL). */
static void same_in_place(const uint8_t *data, size_t size, const nd_doc *d)
{
	char *copy = malloc(size + 1);
	nd_doc *e = NULL;
	size_t k;
	int failed;

	if (!copy)
		return;
	memcpy(copy, data, size);
	copy[size] = '\0';
	failed = nd_doc_parse_in(&e, copy, size, fuzz_default_grammar()) != 0;
	if (failed != (d == NULL))
		fuzz_fail("parse in place", "fails where a parse does not, or the "
		          "other way", NULL, 0);
	if (d && e) {
		if (e->text->len != d->text->len ||
		    memcmp(e->text->buf, d->text->buf, d->text->len) ||
		    e->text->npara != d->text->npara || e->n != d->n ||
		    e->text->source_lines != d->text->source_lines)
			fuzz_fail("parse in place", "a different text", e->text->buf,
			          e->text->len);
		for (k = 0; k < d->n; k++)
			if (e->clauses[k].body_off != d->clauses[k].body_off ||
			    e->clauses[k].body_len != d->clauses[k].body_len ||
			    e->clauses[k].line != d->clauses[k].line)
				fuzz_fail("parse in place", "a different clause", NULL, 0);
	}
	nd_doc_free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nd_doc *d = NULL;

	if (nd_doc_parse(&d, (const char *)data, size, fuzz_default_grammar())) {
		fuzz_check_error("parse");
		same_in_place(data, size, NULL);
		return 0;
	}
	same_in_place(data, size, d);
	fuzz_check_doc(d);
	outlines(d);
	nd_doc_free(d);
	return 0;
}
