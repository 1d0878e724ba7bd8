/* synopsis_html.c - the synopsis as one self-contained HTML page: the
 * comparison table to read in a browser or print.
 *
 * Layout: a title (the newest version's title, else "Synopsis of N
 * versions"), a line saying what the edits are against, a legend, then
 * one table: a column per version, oldest first, headed by "vK" and the
 * version's name (nd_report_version); a row per strand. A cell holds the
 * provision's label and full text with its edits against the baseline
 * (<del>, <ins>, as the diff report marks them); a cell with the text of
 * its baseline is muted, a cell whose baseline is empty has a green bar,
 * an empty cell (the strand does not exist in that version) is shaded, and a cell shared by consecutive rows (the older
 * cell of a split, the newer cell of a merge) is one cell with rowspan.
 *
 * Many versions: the page is as wide as the table needs, each column at
 * least 16rem, and scrolls sideways; the version headers stick to the top
 * of the window while the rows scroll by. Print: landscape, small type,
 * headers repeated on every page, no row cut across pages where it fits.
 *
 * Safety as in report_html.c: every piece of a draft or its metadata goes
 * through rpt_html_text (entities, visible controls), draft text never
 * reaches an attribute, and a Content Security Policy forbids loading
 * anything. The page has no script.
 */
#include <string.h>

#include "report_internal.h"
#include "synopsis_internal.h"

static const char *const css[] = {
	":root{color-scheme:light;--fg:#1b1b1b;--muted:#555;--line:#c8c8c8;"
	"--accent:#0b4f8a;--del:#8a0010;--del-bg:#fde8ea;--ins:#0b5b23;"
	"--ins-bg:#e0f3e5;--none:#f3f3f3}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0;padding:1rem 1.5rem 3rem;color:var(--fg);background:#fff;"
	"font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\","
	"\"Liberation Sans\",Arial,sans-serif}\n"
	"h1{font-size:1.5rem;line-height:1.25;margin:.5rem 0 .25rem}\n"
	".sub,.legend{color:var(--muted);margin:0 0 .5rem;max-width:60rem}\n"
	"table.syn{border-collapse:separate;border-spacing:0;min-width:100%;"
	"margin-top:.75rem}\n"
	".syn th,.syn td{text-align:left;vertical-align:top;min-width:16rem;"
	"max-width:32rem;padding:.4rem .6rem;border-right:1px solid var(--line);"
	"border-bottom:1px solid var(--line);overflow-wrap:break-word}\n"
	".syn th:first-child,.syn td.first{border-left:1px solid var(--line)}\n"
	".syn thead th{position:sticky;top:0;z-index:1;background:#fff;"
	"border-top:1px solid var(--line);border-bottom:2px solid var(--fg);"
	"font-weight:600}\n"
	".syn thead .vn{display:block;font-weight:normal;color:var(--muted);"
	"font-size:.9em}\n"
	".pl{font-weight:600;margin-right:.35em}\n"
	".same{color:var(--muted)}\n"
	".syn td.new{box-shadow:inset 4px 0 0 var(--ins)}\n"
	".none{background:var(--none)}\n"
	".cont{color:var(--muted);font-style:italic}\n"
	"del{color:var(--del);background:var(--del-bg);text-decoration:line-through;"
	"text-decoration-thickness:.08em}\n"
	"ins{color:var(--ins);background:var(--ins-bg);text-decoration:underline;"
	"text-underline-offset:.15em}\n"
	".gap{margin-left:.25em}\n"
	".sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;"
	"overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0;"
	"user-select:none}\n"
	".cc{font-family:ui-monospace,monospace;font-size:.85em;padding:0 .15em;"
	"border:1px solid currentColor;border-radius:2px}\n",
	"@media print{\n"
	"@page{size:landscape;margin:10mm}\n"
	"body{padding:0;font-size:8pt}\n"
	".syn th,.syn td{min-width:0;max-width:none;padding:.2rem .3rem}\n"
	".syn thead th{position:static}\n"
	".syn thead{display:table-header-group}\n"
	".syn tr{break-inside:avoid}\n"
	"del,ins,.none{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"}\n",
};

/* The raw text in t->tmp, escaped into the page, then cleared. */
static int tmp_out(syn *t, int markup)
{
	int err = rpt_html_escape(t->out, t->tmp.ptr ? t->tmp.ptr : "", t->tmp.len,
	                        markup);

	nd_buf_clear(&t->tmp);
	return err;
}

static int head(syn *t, const char *title)
{
	nd_buf *out = t->out;
	size_t k;
	int err;

	err = rpt_html_open(out, 0);
	err = err ? err : nd_buf_puts(out, "normdiff synopsis: ");
	err = err ? err : syn_version(&t->tmp, t, 0);
	err = err ? err : nd_buf_puts(&t->tmp, " \xE2\x80\xA6 ");
	err = err ? err : syn_version(&t->tmp, t, t->nver - 1);
	err = err ? err : tmp_out(t, 0);
	err = err ? err : nd_buf_printf(out, " (%zu versions)</title>\n<style>\n",
	                                t->nver);
	for (k = 0; k < sizeof(css) / sizeof(css[0]) && !err; k++)
		err = nd_buf_puts(out, css[k]);
	err = err ? err : nd_buf_puts(out, "</style>\n</head>\n<body>\n<header>\n"
	                              "<h1>");
	if (!err && title)
		err = rpt_html_escape(out, title, strlen(title), 1);
	else if (!err)
		err = nd_buf_printf(out, "Synopsis of %zu versions", t->nver);
	err = err ? err : nd_buf_printf(out, "</h1>\n<p class=\"sub\">%zu "
	                                "versions, provision by provision, oldest "
	                                "first; ", t->nver);
	err = err ? err : syn_baseline_words(&t->tmp, t);
	err = err ? err : tmp_out(t, 1);
	return err ? err : nd_buf_puts(out, ".</p>\n<p class=\"legend\">"
	                               "<del>deleted</del> <ins>inserted</ins>; "
	                               "<span class=\"same\">grey: the same text"
	                               "</span>; a shaded cell: not in that "
	                               "version; a green bar: not in the version "
	                               "compared with; a cell across rows: one "
	                               "provision of several rows (split or "
	                               "merged).</p>\n</header>\n");
}

static int header_row(syn *t)
{
	size_t v;
	int err = nd_buf_puts(t->out, "<table class=\"syn\">\n<thead><tr>");

	for (v = 0; v < t->nver && !err; v++) {
		err = nd_buf_printf(t->out, "<th scope=\"col\">v%zu<span class=\"vn\">",
		                    v + 1);
		err = err ? err : syn_version(&t->tmp, t, v);
		err = err ? err : tmp_out(t, 1);
		err = err ? err : nd_buf_puts(t->out, "</span></th>");
	}
	return err ? err : nd_buf_puts(t->out, "</tr></thead>\n<tbody>\n");
}

static int cell(syn *t, size_t r, size_t v)
{
	nd_buf *out = t->out;
	size_t i = syn_cell(t, r, v), span = t->span[r * t->nver + v], k;
	const char *first = v == 0 ? " first" : "";
	int err, state;

	if (i == ND_NONE)
		return nd_buf_printf(out, "<td class=\"none%s\"></td>", first);
	if (syn_continued(t, r, v))
		return 0;
	if ((state = syn_edits(t, r, v)) < 0)
		return state;
	err = nd_buf_printf(out, "<td class=\"%s%s\"", state == SYN_SAME ? "same"
	                    : state == SYN_NEW ? "new" : "text", first);
	if (!err && span > 1)
		err = nd_buf_printf(out, " rowspan=\"%zu\"", span);
	err = err ? err : nd_buf_putc(out, '>');
	err = err ? err : syn_label(&t->tmp, t, v, i);
	if (!err && t->tmp.len) {
		err = nd_buf_puts(out, "<span class=\"pl\">");
		err = err ? err : tmp_out(t, 1);
		err = err ? err : nd_buf_puts(out, "</span> ");
	}
	for (k = 0; k < t->nops && !err; k++) {
		const nd_op *op = &t->ops[k];

		/* a replacement right after what it replaces: a gap, so the two
		 * do not read as one word ("notifyconsult") */
		if (k && op->kind == ND_OP_INSERT && t->ops[k - 1].kind ==
		    ND_OP_DELETE && t->ops[k - 1].len && op->len &&
		    t->ops[k - 1].text[t->ops[k - 1].len - 1] != ' ' &&
		    op->text[0] != ' ')
			err = nd_buf_puts(out, "<span class=\"gap\"></span>");
		if (err)
			break;
		if (op->kind == ND_OP_EQUAL || state == SYN_NEW)
			err = rpt_html_escape(out, op->text, op->len, 1);
		else
			err = rpt_html_edit(out, op->kind, op->text, op->len);
	}
	return err ? err : nd_buf_puts(out, "</td>");
}

int syn_html(syn *t)
{
	const nd_docinfo *newest = syn_info(t, t->nver - 1);
	size_t r, v;
	int err;

	err = head(t, newest ? newest->title : NULL);
	err = err ? err : header_row(t);
	for (r = 0; r < t->nrow && !err; r++) {
		err = nd_buf_puts(t->out, "<tr>");
		for (v = 0; v < t->nver && !err; v++)
			err = cell(t, r, v);
		err = err ? err : nd_buf_puts(t->out, "</tr>\n");
	}
	return err ? err : nd_buf_puts(t->out, "</tbody>\n</table>\n</body>\n"
	                               "</html>\n");
}
