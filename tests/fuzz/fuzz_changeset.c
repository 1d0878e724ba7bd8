/* fuzz_changeset.c - a saved change set read back (changeset_io.h): the
 * input is the old text, a line "---8<---", the new text, a line
 * "---8<---", and the bytes of a saved change set of the two (as the
 * store's cache holds them, possibly damaged).
 *
 * Oracles: the computed change set of the two documents saves, loads and
 * saves again to the same bytes, and the loaded one keeps every promise of
 * changeset.h (fuzz_check_changeset). The input's bytes are refused with a
 * one-line message, or loaded into a change set that keeps the same
 * promises (its texts compared as with the ignore options, which a saved
 * change set may have been computed with), saves back to exactly those
 * bytes, and renders as text and as JSON that is one JSON value.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/changeset_io.h"
#include "normdiff/error.h"
#include "normdiff/render.h"

/* Save cs; the bytes in *b (initialised). */
static void save(nd_buf *b, const nd_changeset *cs)
{
	if (nd_changeset_save(b, cs))
		fuzz_fail("save", "saving a change set failed", NULL, 0);
}

static void computed(const nd_doc *a, const nd_doc *b, const nd_align_opts *o)
{
	nd_changeset *cs = NULL, *back = NULL;
	nd_buf one = ND_BUF_INIT, two = ND_BUF_INIT;

	if (nd_changeset_compute(&cs, a, b, o, NULL, NULL))
		fuzz_fail("change set", "computing it failed", NULL, 0);
	save(&one, cs);
	if (nd_changeset_load(&back, a, b, one.ptr, one.len))
		fuzz_fail("load", nd_error_message(), one.ptr, one.len);
	fuzz_check_changeset(back, o);
	save(&two, back);
	if (one.len != two.len || memcmp(one.ptr, two.ptr, one.len))
		fuzz_fail("load", "a loaded change set saves to other bytes",
		          two.ptr, two.len);
	nd_buf_dispose(&one);
	nd_buf_dispose(&two);
	nd_changeset_free(cs);
	nd_changeset_free(back);
}

static void given(const nd_doc *a, const nd_doc *b, const fuzz_part *p)
{
	nd_changeset *cs = NULL;
	nd_buf again = ND_BUF_INIT, out = ND_BUF_INIT;
	nd_align_opts o;
	const char *why;

	if (nd_changeset_load(&cs, a, b, p->p, p->n)) {
		if (cs)
			fuzz_fail("load", "a refusal returned a change set", NULL, 0);
		fuzz_check_error("load");
		return;
	}
	nd_align_opts_init(&o);
	o.ignore_case = o.ignore_punct = 1;
	fuzz_check_changeset(cs, &o);
	save(&again, cs);
	if (again.len != p->n || memcmp(again.ptr, p->p, p->n))
		fuzz_fail("load", "accepted bytes save back to other bytes",
		          again.ptr, again.len);
	if (nd_render_report(&out, cs, "text", NULL))
		fuzz_fail("render", "the text report of a loaded change set failed",
		          NULL, 0);
	if ((why = fuzz_check_safe(out.ptr, out.len, 0)) != NULL)
		fuzz_fail("text report", why, out.ptr, out.len);
	nd_buf_clear(&out);
	if (nd_render_report(&out, cs, "json", NULL))
		fuzz_fail("render", "the JSON report of a loaded change set failed",
		          NULL, 0);
	if ((why = fuzz_check_json(out.ptr, out.len)) != NULL)
		fuzz_fail("JSON report", why, out.ptr, out.len);
	nd_buf_dispose(&again);
	nd_buf_dispose(&out);
	nd_changeset_free(cs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_part part[3];
	nd_doc *a, *b;
	nd_align_opts o;

	fuzz_split(data, size, part, 3);
	if (fuzz_two_docs(part[0].p, part[0].n, part[1].p, part[1].n, &a, &b))
		return 0;
	nd_align_opts_init(&o);
	computed(a, b, &o);
	given(a, b, &part[2]);
	nd_doc_free(a);
	nd_doc_free(b);
	return 0;
}
