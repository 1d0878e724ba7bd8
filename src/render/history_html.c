/* history_html.c - the history as one self-contained HTML page.
 *
 * Every provision: a table, one row per provision, with one cell per
 * version holding its mark (coloured, with the mark as text too, so the
 * table reads without colour and in print), the summary words and the
 * first words of its text; the removed provisions in a second table. One
 * provision: a section per version with its label, the step's records
 * and the text with <del>/<ins> edits, then the blame: the newest text
 * with every run from a later version than the first in a <mark> with
 * the version's short name after it in a <sup>.
 *
 * Draft text and names reach the page only through rpt_html_escape, and
 * never in an attribute: classes are fixed words. The page loads nothing
 * and runs nothing (the report's Content-Security-Policy).
 */
#include <stdlib.h>
#include <string.h>

#include "history_internal.h"
#include "normdiff/error.h"

static const char css[] =
	"body{font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;max-width:72em;"
	"margin:1em auto;padding:0 1em}h1{font-size:1.5em}h2{font-size:1.15em;"
	"margin-top:1.5em}table{border-collapse:collapse;width:100%}"
	"th,td{border-bottom:1px solid #c8c8c8;padding:.3em .5em;"
	"vertical-align:top;text-align:left;overflow-wrap:anywhere}th{white-space:nowrap}"
	"td.m{font-family:monospace;white-space:nowrap;text-align:center;"
	"padding:.3em .15em;width:1.4em}.m-eq{color:#555}.m-mod{background:#fff3c4}"
	".m-add{background:#d5f5dc}.m-del{background:#fde0e0}"
	".m-split,.m-merge{background:#dde8ff}.m-none{color:#aaa}"
	"del{background:#fde0e0;color:#8b0000}ins{background:#d5f5dc;"
	"color:#0b5e1c;text-decoration:underline}mark{background:#fff3c4}"
	"sup{color:#555;font-size:.7em}.lbl{font-weight:600;white-space:nowrap}"
	".sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;"
	"overflow:hidden;clip:rect(0,0,0,0);border:0}"
	"@media print{body{max-width:none}th,td{break-inside:avoid}}";

static int esc(nd_buf *out, const nd_buf *raw)
{
	return rpt_html_escape(out, raw->ptr ? raw->ptr : "", raw->len, 1);
}

static int page_head(nd_buf *out, const hist *h, nd_buf *tmp)
{
	size_t v;
	const char *plural = h->nver == 1 ? "" : "s";
	int err = rpt_html_open(out, 0);

	err = err ? err : nd_buf_printf(out, "normdiff: history of %zu version%s"
	                                "</title>\n<style>%s</style>\n</head>\n"
	                                "<body>\n<h1>History of %zu version%s</h1>"
	                                "\n<ol>", h->nver, plural, css, h->nver,
	                                plural);
	for (v = 0; v < h->nver && !err; v++) {
		nd_buf_clear(tmp);
		err = nd_report_version(tmp, hist_info(h, v));
		err = err ? err : nd_buf_puts(out, "<li>");
		err = err ? err : esc(out, tmp);
		err = err ? err : nd_buf_puts(out, "</li>");
	}
	return err ? err : nd_buf_puts(out, "</ol>\n");
}

static const char *mark_class(char m)
{
	switch (m) {
	case '~': return "m-mod";
	case '+': return "m-add";
	case '-': return "m-del";
	case '<': return "m-split";
	case '>': return "m-merge";
	case '.': return "m-none";
	default: return "m-eq";
	}
}

static int table_head(nd_buf *out, const hist *h, nd_buf *tmp)
{
	size_t v;
	int err = nd_buf_puts(out, "<table><thead><tr><th>Provision</th>");

	for (v = 0; v < h->nver && !err; v++) {
		nd_buf_clear(tmp);
		err = hist_vname(tmp, h, v);
		err = err ? err : nd_buf_puts(out, "<th>");
		err = err ? err : esc(out, tmp);
		err = err ? err : nd_buf_puts(out, "</th>");
	}
	return err ? err : nd_buf_puts(out, "<th>History</th><th>Text</th>"
	                               "</tr></thead><tbody>\n");
}

static int row(nd_buf *out, const hist *h, const nd_lineage *l, nd_buf *tmp)
{
	size_t v;
	int err;

	nd_buf_clear(tmp);
	err = hist_labels(tmp, h, l, l->version);
	err = err ? err : nd_buf_puts(out, "<tr><td class=\"lbl\">");
	err = err ? err : esc(out, tmp);
	err = err ? err : nd_buf_puts(out, "</td>");
	for (v = 0; v < l->nver && !err; v++) {
		char m = hist_mark(l, v);

		err = nd_buf_printf(out, "<td class=\"m %s\">", mark_class(m));
		err = err ? err : rpt_html_escape(out, &m, 1, 1);
		err = err ? err : nd_buf_puts(out, "</td>");
	}
	nd_buf_clear(tmp);
	err = err ? err : hist_summary(tmp, h, l);
	err = err ? err : nd_buf_puts(out, "<td>");
	err = err ? err : esc(out, tmp);
	nd_buf_clear(tmp);
	err = err ? err : hist_text(tmp, h, l, l->version);
	err = err ? err : nd_buf_puts(out, "</td><td>");
	err = err ? err : esc(out, tmp);
	return err ? err : nd_buf_puts(out, "</td></tr>\n");
}

int hist_html_all(nd_buf *out, const hist *h)
{
	nd_buf tmp = ND_BUF_INIT;
	size_t k;
	int err = page_head(out, h, &tmp);

	err = err ? err : nd_buf_puts(out, "<p>Marks, one per version: ");
	err = err ? err : rpt_html_escape(out, HIST_MARKS_LEGEND,
	                                  strlen(HIST_MARKS_LEGEND), 1);
	err = err ? err : nd_buf_puts(out, ".</p>\n");
	err = err ? err : table_head(out, h, &tmp);
	for (k = 0; k < h->n && !err; k++) {
		if (k == h->ncurrent) {
			err = nd_buf_puts(out, "</tbody></table>\n<h2>Removed on the "
			                  "way</h2>\n");
			err = err ? err : table_head(out, h, &tmp);
		}
		err = err ? err : row(out, h, &h->items[k].l, &tmp);
	}
	nd_buf_dispose(&tmp);
	return err ? err : nd_buf_puts(out, "</tbody></table>\n</body></html>\n");
}

static int step(nd_buf *out, const hist *h, const nd_lineage *l, size_t v,
                nd_buf *tmp)
{
	nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
	nd_wdiff d;
	size_t k;
	int err;

	nd_wdiff_init(&d);
	nd_buf_clear(tmp);
	err = hist_vname(tmp, h, v);
	err = err ? err : nd_buf_puts(tmp, " \xC2\xB7 ");
	err = err ? err : hist_labels(tmp, h, l, v);
	if (!err && v == l->introduced)
		err = nd_buf_puts(tmp, v ? " \xE2\x80\x94 added" : " \xE2\x80\x94 first version");
	else if (!err) {
		err = nd_buf_printf(tmp, " \xE2\x80\x94 %s: ",
		                    nd_change_kind_name((nd_change_kind)l->step[v]));
		err = err ? err : hist_records(tmp, h, l, v);
	}
	err = err ? err : nd_buf_puts(out, "<h2>");
	err = err ? err : esc(out, tmp);
	err = err ? err : nd_buf_puts(out, "</h2>\n<p>");
	err = err ? err : hist_step_diff(&d, &a, &b, h, l, v);
	for (k = 0; k < d.n && !err; k++) {
		if (v == l->introduced || d.ops[k].kind == ND_OP_EQUAL)
			err = rpt_html_escape(out, d.ops[k].text, d.ops[k].len, 1);
		else /* as the report marks it, with words for screen readers */
			err = rpt_html_edit(out, d.ops[k].kind, d.ops[k].text,
			                    d.ops[k].len);
	}
	nd_wdiff_dispose(&d);
	nd_buf_dispose(&a);
	nd_buf_dispose(&b);
	return err ? err : nd_buf_puts(out, "</p>\n");
}

static int blame(nd_buf *out, const hist *h, const nd_lineage *l, nd_buf *tmp)
{
	const nd_doc *d = nd_series_doc(h->s, l->version);
	const char *body = nd_doc_body(d, l->clause);
	size_t len = d->clauses[l->clause].body_len, k, end, lead, trail;
	uint16_t *b = NULL;
	int err = nd_series_blame(h->s, l->version, l->clause, &b);

	err = err ? err : nd_buf_puts(out, "<h2>Words by the version that "
	                              "brought them</h2>\n<p>");
	for (k = 0; k < len && !err; k = end) {
		for (end = k; end < len && b[end] == b[k]; end++)
			;
		if (b[k] == l->introduced) {
			err = rpt_html_escape(out, body + k, end - k, 1);
			continue;
		}
		hist_trim(body, &k, &end, &lead, &trail);
		err = nd_buf_put(out, " ", lead > 0);
		if (k == end)
			continue; /* spaces alone */
		nd_buf_clear(tmp);
		err = err ? err : hist_vname(tmp, h, b[k]);
		err = err ? err : nd_buf_puts(out, "<mark>");
		err = err ? err : rpt_html_escape(out, body + k, end - k, 1);
		err = err ? err : nd_buf_puts(out, "</mark><sup>");
		err = err ? err : esc(out, tmp);
		err = err ? err : nd_buf_puts(out, "</sup>");
		err = err ? err : nd_buf_put(out, " ", trail > 0);
		end += trail;
	}
	free(b);
	return err ? err : nd_buf_puts(out, "</p>\n");
}

int hist_html_one(nd_buf *out, const hist *h)
{
	const nd_lineage *l = &h->items[0].l;
	nd_buf tmp = ND_BUF_INIT;
	size_t v;
	int err = page_head(out, h, &tmp);

	nd_buf_clear(&tmp);
	err = err ? err : hist_labels(&tmp, h, l, l->version);
	err = err ? err : nd_buf_puts(out, "<h1>");
	err = err ? err : esc(out, &tmp);
	nd_buf_clear(&tmp);
	err = err ? err : hist_summary(&tmp, h, l);
	err = err ? err : nd_buf_puts(out, "</h1>\n<p>");
	err = err ? err : esc(out, &tmp);
	err = err ? err : nd_buf_puts(out, "</p>\n");
	for (v = l->introduced; v < h->nver && l->nstates[v] && !err; v++)
		err = step(out, h, l, v, &tmp);
	err = err ? err : blame(out, h, l, &tmp);
	nd_buf_dispose(&tmp);
	return err ? err : nd_buf_puts(out, "</body></html>\n");
}
