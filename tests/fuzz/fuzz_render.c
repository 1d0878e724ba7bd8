/* fuzz_render.c - every report format over the comparison of two
 * documents: the input is one byte of options, the old text, a line
 * "---8<---", the new text, another such line, and up to twelve lines of
 * what is known of the two versions (spec, label, title, symbol, date and
 * sponsors of the old one, then of the new one; any bytes).
 *
 * The option byte: bit 0 changed_only, bit 1 stat_only, bits 2-3 the
 * text report's width (none, 20, 45, 80), bit 4 pages for the old
 * version, bit 5 for the new one (a page map that turns a page every
 * three source lines, within the third, and stops short of the last
 * line). Colour stays
 * off, so no escape sequence is the renderer's own.
 *
 * Oracles: text and Markdown are well-formed UTF-8 without controls (other
 * than newlines) or bidi marks, and Markdown holds no HTML or entity but
 * its own (fuzz_check_markdown); JSON is also one valid JSON value; HTML is
 * made only of the renderer's own markup (fuzz_check_html), with the style
 * sheet and script of a page rendered from nothing (with pages, or not).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/render.h"

#define INFO_LINES 12

/* The page's fixed parts, taken once from the report of two empty
 * documents, with pages known or not (kept for the process). */
static const fuzz_html_ref *html_ref(int paged)
{
	static fuzz_html_ref ref[2];
	static nd_buf page[2] = {ND_BUF_INIT, ND_BUF_INIT};
	static nd_linepages one = {1, 1};
	nd_pagemap map = {&one, 1, 1};
	nd_docinfo info = {0};
	nd_report_opts o = {0};
	nd_doc *a = NULL, *b = NULL;
	nd_changeset *cs = NULL;
	const char *why;

	if (page[paged].ptr)
		return &ref[paged];
	info.pages = &map;
	o.new_info = paged ? &info : NULL;
	if (nd_doc_empty(&a) || nd_doc_empty(&b) ||
	    nd_changeset_compute(&cs, a, b, NULL, NULL, NULL) ||
	    nd_render_report(&page[paged], cs, "html", &o))
		fuzz_fail("html", "the page of two empty documents failed", NULL, 0);
	if ((why = fuzz_html_ref_take(&ref[paged], page[paged].ptr,
	                              page[paged].len)) != NULL ||
	    (why = fuzz_check_html(page[paged].ptr, page[paged].len,
	                           &ref[paged])) != NULL)
		fuzz_fail("html", why, page[paged].ptr, page[paged].len);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
	return &ref[paged];
}

/* Pages for the lines of d: a page every three lines, the last line
 * left out (a map shorter than its text), or nothing when !on. */
static int pages_for(nd_pagemap *m, const nd_doc *d, int on)
{
	uint32_t k, n = d->text ? d->text->source_lines : 0;

	for (k = 0; on && k + 1 < n; k++) {
		if (nd_pagemap_push(m, 1 + k / 3))
			return -1;
		m->line[k].last += k % 3 == 2; /* a line onto the next page */
	}
	return 0;
}

static void fill(nd_docinfo *d, char **l)
{
	d->spec = l[0];
	d->label = l[1];
	d->title = l[2];
	d->symbol = l[3];
	d->date = l[4];
	d->sponsors = l[5];
	d->pages = NULL;
}

static void render(const nd_changeset *cs, const nd_report_opts *o,
                   const char *format)
{
	nd_buf out = ND_BUF_INIT;
	const char *why;

	if (nd_render_report(&out, cs, format, o))
		fuzz_fail(format, "rendering failed", NULL, 0);
	why = fuzz_check_output(format, out.ptr, out.len,
	                        html_ref((o->old_info && o->old_info->pages) ||
	                                 (o->new_info && o->new_info->pages)));
	if (why)
		fuzz_fail(format, why, out.ptr, out.len);
	nd_buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned widths[] = {0, 20, 45, 80};
	static const char *const formats[] = {"text", "markdown", "json", "html"};
	fuzz_part part[3];
	nd_doc *a, *b;
	nd_changeset *cs = NULL;
	nd_docinfo oi, ni;
	nd_pagemap om = ND_PAGEMAP_INIT, nm = ND_PAGEMAP_INIT;
	nd_report_opts o;
	char *lines[INFO_LINES], *store;
	size_t k;

	if (!size)
		return 0;
	html_ref(0);
	html_ref(1);
	fuzz_split(data + 1, size - 1, part, 3);
	if (fuzz_two_docs(part[0].p, part[0].n, part[1].p, part[1].n, &a, &b))
		return 0;
	if (nd_changeset_compute(&cs, a, b, NULL, NULL, NULL))
		fuzz_fail("change set", "computing it failed", NULL, 0);
	fuzz_info_lines(part[2].p, part[2].n, lines, INFO_LINES, &store);
	fill(&oi, lines);
	fill(&ni, lines + 6);
	if (pages_for(&om, a, (data[0] >> 4) & 1) || pages_for(&nm, b, (data[0] >> 5) & 1))
		fuzz_fail("pages", "out of memory", NULL, 0);
	oi.pages = om.n ? &om : NULL;
	ni.pages = nm.n ? &nm : NULL;
	memset(&o, 0, sizeof(o));
	o.old_info = &oi;
	o.new_info = &ni;
	o.changed_only = data[0] & 1;
	o.stat_only = (data[0] >> 1) & 1;
	o.width = widths[(data[0] >> 2) & 3];
	for (k = 0; k < sizeof(formats) / sizeof(formats[0]); k++)
		render(cs, &o, formats[k]);
	free(store);
	nd_pagemap_dispose(&om);
	nd_pagemap_dispose(&nm);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
	return 0;
}
