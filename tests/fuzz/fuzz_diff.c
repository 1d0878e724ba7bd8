/* fuzz_diff.c - alignment and word diff of two documents: the input is
 * the old text, a line "---8<---", and the new text (an empty side is the
 * empty document).
 *
 * Oracles (fuzz_check_changeset): every provision of both documents is in
 * exactly one record, each record's kind fits its provisions, its word
 * edits rebuild both of its texts exactly, and the summary counts the
 * records. The change set is computed with the default options and again
 * ignoring case and punctuation with a tiny cost cap (so the capped word
 * diff is exercised too), and the two whole texts are word-diffed
 * directly with two small caps (the cap of a whole draft would make every
 * input slow to run, not find more).
 */
#include "fuzz.h"
#include "fuzz_model.h"

static void compute(const nd_doc *a, const nd_doc *b, const nd_align_opts *o)
{
	nd_changeset *cs = NULL;

	if (nd_changeset_compute(&cs, a, b, o, NULL, NULL))
		fuzz_fail("change set", "computing it failed", NULL, 0);
	fuzz_check_changeset(cs, o);
	nd_changeset_free(cs);
}

static void whole(const nd_text *a, const nd_text *b, size_t cap)
{
	nd_wdiff w;

	nd_wdiff_init(&w);
	if (nd_word_diff(&w, a->buf, a->len, b->buf, b->len, cap))
		fuzz_fail("word diff", "failed", NULL, 0);
	fuzz_check_wdiff(&w, a->buf, a->len, b->buf, b->len);
	nd_wdiff_dispose(&w);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_part part[2];
	nd_doc *a, *b;
	nd_align_opts o;

	fuzz_split(data, size, part, 2);
	if (fuzz_two_docs(part[0].p, part[0].n, part[1].p, part[1].n, &a, &b))
		return 0;
	nd_align_opts_init(&o);
	compute(a, b, &o);
	o.ignore_case = o.ignore_punct = 1;
	o.max_cost = 3;
	compute(a, b, &o);
	whole(a->text, b->text, 64);
	whole(a->text, b->text, 2);
	nd_doc_free(a);
	nd_doc_free(b);
	return 0;
}
