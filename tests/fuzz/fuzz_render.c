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
 * The Word redline
 * (docx, refused with stat_only or changed_only) reads back through the
 * Word reader as both versions: its provisions' texts with the changes
 * rejected are the old document's, accepted the new one's (unless a text
 * holds a character XML cannot, which is written in its visible form).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/error.h"
#include "normdiff/import.h"
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

/* 1 if some provision of d holds a character XML 1.0 cannot (a control,
 * DEL, C1, U+FFFE/U+FFFF): the redline writes its visible form. */
static int has_xml_unsafe(const nd_doc *d)
{
	const unsigned char *t = (const unsigned char *)d->text->buf;

	for (size_t i = 0; i < d->text->len; i++)
		if ((t[i] < 0x20 && t[i] != '\n') || t[i] == 0x7f ||
		    (t[i] == 0xc2 && i + 1 < d->text->len && t[i + 1] >= 0x80 &&
		     t[i + 1] <= 0x9f) ||
		    (t[i] == 0xef && i + 2 < d->text->len && t[i + 1] == 0xbf &&
		     t[i + 2] >= 0xbe))
			return 1;
	return 0;
}

/* The redline read back with `changes` gives the texts of `want`. */
static void read_back(const nd_buf *docx, nd_changes changes, const nd_doc *want)
{
	nd_import_opts io;
	nd_buf text = ND_BUF_INIT;
	nd_doc *got = NULL;
	size_t k;

	nd_import_opts_init(&io);
	io.changes = changes;
	if (nd_import_docx(&text, docx->ptr, docx->len, &io))
		fuzz_fail("docx", "the redline does not read back", docx->ptr, docx->len);
	if (!want->n && !text.len)
		goto done;
	if (nd_doc_parse(&got, text.ptr ? text.ptr : "", text.len,
	                 fuzz_default_grammar()))
		fuzz_fail("docx", "the redline's text does not parse", text.ptr, text.len);
	if (got->n != want->n)
		fuzz_fail("docx", changes == ND_CHANGES_REJECT
		          ? "rejected, the redline has other provisions than the old text"
		          : "accepted, the redline has other provisions than the new text",
		          text.ptr, text.len);
	for (k = 0; k < want->n; k++)
		if (got->clauses[k].len != want->clauses[k].len ||
		    memcmp(got->text->buf + got->clauses[k].off,
		           want->text->buf + want->clauses[k].off, want->clauses[k].len))
			fuzz_fail("docx", "a provision of the redline read back differs",
			          text.ptr, text.len);
done:
	nd_doc_free(got);
	nd_buf_dispose(&text);
}

static void redline(const nd_changeset *cs, const nd_report_opts *o)
{
	nd_buf out = ND_BUF_INIT;
	int err = nd_render_report(&out, cs, "docx", o);

	if (err != (o->stat_only || o->changed_only ? ND_EINVAL : 0))
		fuzz_fail("docx", "rendering failed or was not refused", NULL, 0);
	if (!err && !has_xml_unsafe(cs->old) && !has_xml_unsafe(cs->new)) {
		read_back(&out, ND_CHANGES_REJECT, cs->old);
		read_back(&out, ND_CHANGES_ACCEPT, cs->new);
	}
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
	redline(cs, &o);
	free(store);
	nd_pagemap_dispose(&om);
	nd_pagemap_dispose(&nm);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
	return 0;
}
