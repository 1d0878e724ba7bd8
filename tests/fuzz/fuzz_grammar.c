/* fuzz_grammar.c - a grammar file and a document parsed with it: the input
 * is the grammar's text, a line "---8<---", and the document.
 *
 * Oracles: a grammar that does not build records a one-line message; a
 * document parsed with one that does keeps the invariants of clause.h
 * (fuzz_check_doc), and its outline as JSON (which names the families of
 * that grammar) is JSON and safe.
 */
#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_part part[2];
	nd_grammar *g = NULL;
	nd_doc *d = NULL;
	nd_buf out = ND_BUF_INIT;
	const char *why;

	fuzz_split(data, size, part, 2);
	if (nd_grammar_new(&g, part[0].p, part[0].n, "fuzz.grammar")) {
		fuzz_check_error("grammar");
		return 0;
	}
	if (nd_doc_parse(&d, part[1].p, part[1].n, g)) {
		fuzz_check_error("parse");
		nd_grammar_free(g);
		return 0;
	}
	fuzz_check_doc(d);
	if (nd_render_outline_json(&out, d, g, NULL))
		fuzz_fail("outline json", "failed", NULL, 0);
	if ((why = fuzz_check_safe(out.ptr, out.len, 0)) != NULL ||
	    (why = fuzz_check_json(out.ptr, out.len)) != NULL)
		fuzz_fail("outline json", why, out.ptr, out.len);
	nd_buf_dispose(&out);
	nd_doc_free(d);
	nd_grammar_free(g);
	return 0;
}
