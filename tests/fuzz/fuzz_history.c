/* fuzz_history.c - the history of a series in every format: the input is
 * one byte of options and up to four versions separated by "---8<---"
 * lines, oldest first (an empty first or second part is a version
 * without provisions; after them the list ends at an empty part).
 *
 * The option byte: bits 0-1 the text width (none, 20, 45, 80); bit 2
 * follows one provision (the newest version's provision number byte >> 3,
 * modulo its count) instead of all.
 *
 * Oracles: the series and every lineage keep their promises (each state
 * sorted and in range, present exactly from `introduced` to the version
 * before `removed`); the blame has one entry per byte of the body, each a
 * version no later than the one read; text and Markdown are safe
 * (fuzz_check_safe, fuzz_check_markdown), JSON is one valid value, HTML
 * only the renderer's own markup with the style sheet of the page of one
 * empty version.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/history.h"
#include "normdiff/series.h"

#define MAXV 4

static const fuzz_html_ref *html_ref(void)
{
	static fuzz_html_ref ref;
	static nd_buf page = ND_BUF_INIT;
	nd_doc *a = NULL;
	nd_series *s = NULL;
	const char *why;

	if (page.ptr)
		return &ref;
	if (nd_doc_empty(&a) || nd_series_new(&s, (const nd_doc *const *)&a, NULL, 1) ||
	    nd_render_history(&page, s, "html", NULL))
		fuzz_fail("history html", "the page of one empty version failed", NULL, 0);
	if ((why = fuzz_html_ref_take(&ref, page.ptr, page.len)) != NULL ||
	    (why = fuzz_check_html(page.ptr, page.len, &ref)) != NULL)
		fuzz_fail("history html", why, page.ptr, page.len);
	nd_series_free(s);
	nd_doc_free(a);
	return &ref;
}

static void check_lineage(const nd_series *s, size_t v, size_t i)
{
	nd_lineage l;
	uint16_t *b = NULL;
	size_t u, k, n = nd_series_count(s);
	size_t last;

	if (nd_lineage_get(&l, s, v, i))
		fuzz_fail("lineage", "failed", NULL, 0);
	last = l.removed == ND_NONE ? n - 1 : l.removed - 1;
	if (l.introduced > v || last < v)
		fuzz_fail("lineage", "its own version is outside its life", NULL, 0);
	for (u = 0; u < n; u++) {
		if ((l.nstates[u] != 0) != (u >= l.introduced && u <= last))
			fuzz_fail("lineage", "a state outside its life, or a gap", NULL, 0);
		for (k = 0; k < l.nstates[u]; k++)
			if (l.states[u][k] >= nd_series_doc(s, u)->n ||
			    (k && l.states[u][k] <= l.states[u][k - 1]))
				fuzz_fail("lineage", "a state out of range or order", NULL, 0);
	}
	nd_lineage_dispose(&l);
	if (nd_series_blame(s, v, i, &b))
		fuzz_fail("blame", "failed", NULL, 0);
	for (k = 0; k < nd_series_doc(s, v)->clauses[i].body_len; k++)
		if (b[k] > v)
			fuzz_fail("blame", "a byte from a later version", NULL, 0);
	free(b);
}

static void render(const nd_series *s, const nd_history_opts *o,
                   const char *format)
{
	nd_buf out = ND_BUF_INIT;
	const char *why;

	if (nd_render_history(&out, s, format, o))
		fuzz_fail(format, "rendering failed", NULL, 0);
	why = fuzz_check_output(strcmp(format, "markdown") ? format
	                        : "history-markdown", out.ptr, out.len, html_ref());
	if (why)
		fuzz_fail(format, why, out.ptr, out.len);
	nd_buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned widths[] = {0, 20, 45, 80};
	static const char *const formats[] = {"text", "markdown", "json", "html"};
	fuzz_part part[MAXV];
	nd_doc *doc[MAXV] = {NULL};
	nd_changeset *cs[MAXV] = {NULL};
	nd_series *s = NULL;
	nd_history_opts o;
	size_t n = 0, k, i;

	if (!size)
		return 0;
	html_ref();
	fuzz_split(data + 1, size - 1, part, MAXV);
	while (n < MAXV && (n < 2 || part[n].n))
		n++;
	for (k = 0; k < n; k++)
		if (fuzz_one_doc(part[k].p, part[k].n, &doc[k]))
			goto done;
	for (k = 0; k + 1 < n; k++)
		if (nd_changeset_compute(&cs[k], doc[k], doc[k + 1], NULL, NULL, NULL))
			fuzz_fail("change set", "computing it failed", NULL, 0);
	if (nd_series_new(&s, (const nd_doc *const *)doc,
	                  (const nd_changeset *const *)cs, n))
		fuzz_fail("series", "building it failed", NULL, 0);
	for (k = 0; k < n; k++)
		for (i = 0; i < doc[k]->n && i < 64; i++)
			check_lineage(s, k, i);
	memset(&o, 0, sizeof(o));
	o.width = widths[data[0] & 3];
	o.provision = ND_NONE;
	if ((data[0] & 4) && doc[n - 1]->n)
		o.provision = (size_t)(data[0] >> 3) % doc[n - 1]->n;
	for (k = 0; k < sizeof(formats) / sizeof(formats[0]); k++)
		render(s, &o, formats[k]);
done:
	nd_series_free(s);
	for (k = 0; k < MAXV; k++) {
		nd_changeset_free(cs[k]);
		nd_doc_free(doc[k]);
	}
	return 0;
}
