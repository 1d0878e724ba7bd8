/* report_html.c - the change set as one self-contained HTML page, to read
 * in a browser, send to a delegation or print.
 *
 * Layout: a title block naming both versions (title, label, symbol, date,
 * sponsors, where each was read from; two plain files, with neither a
 * label nor a title, are named by their base names, "old.txt → new.txt",
 * or by their paths where the base names are the same); a summary (counts
 * per kind, flags, and a list of the changed provisions linking to them,
 * each with its first words), which on a wide screen (1200 px and more)
 * is a side column that stays in view while the provisions scroll; then
 * every
 * change in document order. A changed provision is a block with its labels
 * ("(b) → (2) + (3)") and kind, and its texts twice: old | new side by
 * side (deletions in the old column, insertions in the new one, each
 * provision of a split or merge as a paragraph of its own under its
 * label), and as one inline redline. Without JavaScript the side-by-side
 * view is shown; a small inline script adds buttons to switch to the
 * redline and to open or close all unchanged provisions, and to step
 * from change to change: "Previous" / "Next" buttons that stay in a
 * corner of the screen, and the keys j / n (next) and k / p (previous),
 * which scroll the change to the top, mark it and give it the focus (so
 * Tab goes on from there). A step goes on from
 * the change it marked while that is on the screen (near the end of the
 * page a block cannot reach the top), else from where the blocks are, so
 * it follows a reader who scrolled or followed a link. Unchanged
 * provisions that did not move are collapsed (<details>) to their labels
 * and first words. A moved provision says where it was ("moved from after
 * PP3", linking to that provision), and a line at its old place links to
 * it. Headings above the next change are shown when they change, as the
 * other reports do. A provision that holds changes carries a badge "12
 * changes within" beside its kind, in the list of changes and at its
 * place; a heading carries it on its heading line (the line an unchanged
 * heading is shown by). The list names unchanged provisions that hold
 * changes too, so the summary says which sections changed inside.
 *
 * Safety: nothing from a draft or its metadata is markup. Every piece of
 * it goes through html_text(): & < > " ' become entities, and controls,
 * bidi marks, line separators and bytes of invalid UTF-8 are shown
 * visibly (^[, <U+202E>, <0xFF>) as the terminal reports show them, set
 * apart in a span; in the <title>, which shows text only, the same forms
 * stand without the span (rpt_html_escape). Draft text never reaches
 * an attribute: ids and links are "c" and the change's number. A Content
 * Security Policy forbids loading anything, so the page works offline and
 * nothing in it can fetch or send.
 *
 * Cost: linear in the change set; text is appended in runs, never
 * rebuilt. The provision -> change maps are built once in begin.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/utf8.h"
#include "report_internal.h"

#define NO_CHANGE ((size_t)-1)
#define GIST_BYTES 120 /* first words of a collapsed provision, at most */
#define TOC_GIST_BYTES 64 /* ... of a change in the list of changes */

typedef struct html_state {
	nd_buf ctx;     /* the heading path last shown (raw) */
	nd_buf tmp;     /* scratch: raw labels and words */
	size_t *from;   /* per change: the change holding the old provision
	                   just before a moved one, or NO_CHANGE */
	size_t *stub;   /* per change: the first moved change whose old place
	                   is right after it, or NO_CHANGE */
	size_t *next;   /* per change: the next moved change in that list */
	rpt_owners own; /* the change holding each provision */
} html_state;

/* One column or redline being written, paragraph by paragraph. */
typedef struct para {
	nd_report *r;      /* the report */
	html_state *st;    /* its state */
	const nd_doc *d;   /* the document whose labels head paragraphs */
	const nd_docinfo *info; /* what is known of it (its pages) */
	const size_t *idx; /* the provisions of that side */
	size_t n;          /* how many */
	size_t nparts;     /* paragraphs the walk will make */
	int labels;        /* paragraphs start with their provision's label */
	size_t part;       /* the paragraph open */
	int open;          /* one is */
	nd_op_kind last;   /* the kind of the last piece written */
	int spaced;        /* ... and whether it ended in a space */
} para;

/* ---- escaping ---- */

static int html_text(nd_buf *out, const char *s, size_t len)
{
	return rpt_html_escape(out, s, len, 1);
}

static int html_cstr(nd_buf *out, const char *s)
{
	return html_text(out, s, strlen(s));
}

/* The raw text in b, escaped, then cleared. */
static int html_buf(nd_buf *out, nd_buf *b)
{
	int err = html_text(out, b->ptr ? b->ptr : "", b->len);

	nd_buf_clear(b);
	return err;
}

/* ---- the page around the report ---- */

/* Colours meet WCAG AA (4.5:1) on their backgrounds; deletions and
 * insertions also differ in strike-through and underline, and carry
 * words for screen readers. In pieces: ISO C caps a string literal at
 * 4095 bytes. */
static const char *const css[] = {
	":root{color-scheme:light;--fg:#1b1b1b;--muted:#555;--line:#c8c8c8;"
	"--accent:#0b4f8a;--del:#8a0010;--del-bg:#fde8ea;--ins:#0b5b23;"
	"--ins-bg:#e0f3e5}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0 auto;max-width:80rem;padding:1rem 1.5rem 3rem;color:var(--fg);"
	"background:#fff;font:16px/1.5 system-ui,-apple-system,\"Segoe UI\","
	"Roboto,\"Noto Sans\",\"Liberation Sans\",Arial,sans-serif}\n"
	"h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 .25rem}\n"
	"h2{font-size:1.3rem;margin:2rem 0 .75rem;padding-bottom:.2rem;"
	"border-bottom:2px solid var(--line)}\n"
	"h3{font-size:1.05rem;margin:1.25rem 0 .5rem}\n"
	"h3.ctx{color:var(--accent);margin-top:1.75rem}\n"
	"h4{font-size:1rem;margin:0 0 .4rem}\n"
	/* long labels, paths and titles wrap instead of running on */
	"h1,h2,h3,h4,.toc li,.meta td,.sub{overflow-wrap:anywhere}\n"
	"a{color:var(--accent)}\n"
	"p{margin:.2rem 0 .5rem}\n"
	".sub{color:var(--muted);margin:0 0 1rem}\n"
	"table{border-collapse:collapse;margin:.5rem 0}\n"
	"th,td{text-align:left;vertical-align:top;padding:.2rem 1rem .2rem 0}\n"
	"thead th{border-bottom:1px solid var(--line)}\n"
	".meta th[scope=row]{color:var(--muted);font-weight:600;white-space:nowrap}\n"
	".counts td{text-align:right;font-variant-numeric:tabular-nums}\n"
	".counts .zero,.counts .flag th{color:var(--muted);font-weight:normal}\n"
	".toc{columns:2 24rem;padding-left:2.5rem;margin:.25rem 0}\n"
	".toc li{break-inside:avoid;margin:.1rem 0}\n"
	".toc .gist{display:block;color:var(--muted);font-size:.85rem;"
	"line-height:1.3}\n"
	".k,.in{color:var(--muted)}\n"
	".cw{display:inline-block;font-size:.8rem;font-weight:600;line-height:1.3;"
	"color:var(--accent);border:1px solid currentColor;border-radius:.7em;"
	"padding:0 .5em;margin-left:.2em;white-space:nowrap;vertical-align:.1em}\n"
	".in{font-size:.9em}\n"
	"del{color:var(--del);background:var(--del-bg);text-decoration:line-through;"
	"text-decoration-thickness:.08em}\n"
	"ins{color:var(--ins);background:var(--ins-bg);text-decoration:underline;"
	"text-underline-offset:.15em}\n"
	".gap{margin-left:.25em}\n",
	".sr,.cap{position:absolute;width:1px;height:1px;margin:-1px;padding:0;"
	"overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0;"
	"user-select:none}\n"
	".skip:focus{position:static;width:auto;height:auto;margin:0;clip:auto;"
	"display:inline-block;padding:.25rem .5rem}\n"
	".cc{font-family:ui-monospace,monospace;font-size:.85em;padding:0 .15em;"
	"border:1px solid currentColor;border-radius:2px}\n"
	".legend{color:var(--muted)}\n"
	"kbd{font:inherit;font-size:.8em;padding:0 .3em;margin-left:.3em;"
	"border:1px solid currentColor;border-radius:3px;opacity:.8}\n"
	".tools{display:flex;flex-wrap:wrap;gap:.5rem;margin:.5rem 0 1rem}\n"
	".tools[hidden]{display:none}\n"
	"button{font:inherit;font-size:.9rem;padding:.3rem .8rem;color:var(--fg);"
	"background:#f2f2f2;border:1px solid #767676;border-radius:4px;"
	"cursor:pointer}\n"
	"button[aria-pressed=true]{color:#fff;background:var(--accent);"
	"border-color:var(--accent)}\n"
	":focus-visible{outline:3px solid #1a5fb4;outline-offset:2px}\n"
	".cols,.sbs{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem}\n"
	".cols{position:sticky;top:0;z-index:1;background:#fff;font-weight:600;"
	"padding:.4rem 1rem .4rem 1.25rem;border-bottom:1px solid var(--line)}\n"
	".sbs>div{min-width:0}\n"
	".chg{margin:.75rem 0;padding:.6rem 1rem .4rem;border:1px solid var(--line);"
	"border-left:4px solid var(--kind,#767676);border-radius:4px;"
	"overflow-wrap:break-word;scroll-margin-top:3rem}\n"
	".chg.cur{box-shadow:0 0 0 3px #1a5fb4}\n"
	".chg:focus{outline:none}\n"
	".step{position:fixed;right:1rem;bottom:1rem;z-index:2;display:flex;"
	"gap:.4rem}\n"
	".step[hidden]{display:none}\n"
	".step button{box-shadow:0 1px 4px rgba(0,0,0,.25)}\n"
	/* large reports: blocks off screen are not laid out until scrolled to
	 * (a 24 MB page shows in a third of the time) */
	".chg,details.same{content-visibility:auto;"
	"contain-intrinsic-size:auto 12rem}\n"
	"details.same{contain-intrinsic-size:auto 1.9rem}\n"
	".k-modified{--kind:#8a6d00}.k-added{--kind:#0b5b23}"
	".k-removed{--kind:#8a0010}.k-split,.k-merged{--kind:#5b3a8a}\n"
	".pl{font-weight:600;margin-right:.4em}\n"
	".none,.mv,.away{color:var(--muted)}\n"
	".none{font-style:italic}\n"
	".mv{font-size:.9rem;margin:-.2rem 0 .4rem}\n"
	".away{font-size:.9rem;margin:.25rem 0 .25rem 1.25rem}\n"
	".rl{display:none}\n"
	"body.redline .sbs,body.redline .cols{display:none}\n"
	"body.redline .rl{display:block}\n"
	"details.same{margin:.1rem 0;padding:.1rem 1.25rem}\n"
	"details.same summary{cursor:pointer;white-space:nowrap;overflow:hidden;"
	"text-overflow:ellipsis}\n"
	"details.same .lbl{font-weight:600}\n"
	"details.same .gist{color:var(--muted)}\n"
	"details[open] .gist{display:none}\n"
	"details.same>p{margin:.2rem 0 .6rem 1.2rem;overflow-wrap:break-word}\n",
	/* wide screens: the summary is a side column that stays in view */
	"@media (min-width:1200px){\n"
	"body{max-width:96rem}\n"
	"main{display:grid;grid-template-columns:minmax(17rem,24rem) minmax(0,1fr);"
	"gap:0 2rem;align-items:start}\n"
	"main>section{min-width:0}\n"
	"#summary{position:sticky;top:0;max-height:100vh;overflow-y:auto;"
	"padding:0 .5rem 1rem 0;font-size:.95rem}\n"
	"#summary h2{margin-top:1rem}\n"
	"#summary .toc{columns:1;padding-left:1.75rem}\n"
	"#notes{grid-column:2}\n"
	"}\n",
	/* one column on narrow screens, each with its caption */
	"@media (max-width:700px){\n"
	"body{padding:.75rem}\n"
	".sbs{grid-template-columns:1fr;gap:.25rem}\n"
	".cols{display:none}\n"
	".cap{position:static;width:auto;height:auto;margin:.3rem 0 0;"
	"overflow:visible;clip:auto;white-space:normal;display:block;"
	"font-size:.8rem;font-weight:600;color:var(--muted)}\n"
	".chg{padding:.5rem .75rem .3rem}\n"
	".toc{columns:1;padding-left:1.75rem}\n"
	".sbs>.empty{display:none}\n"
	"details.same{padding:.1rem .25rem}\n"
	".step{right:.5rem;bottom:.5rem}\n"
	".step .bl,.step kbd{position:absolute;width:1px;height:1px;margin:-1px;"
	"overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap}\n"
	"}\n",
	/* print: what the screen shows (the chosen view, provisions opened
	 * or folded), captions on every column since pages part them from
	 * the column headings, no block cut across pages where it fits */
	"@media print{\n"
	"@page{margin:16mm 14mm}\n"
	"body{max-width:none;padding:0;font-size:10pt}\n"
	".tools,.cols,.step{display:none}\n"
	"main{display:block}\n"
	"#summary{position:static;max-height:none;overflow:visible}\n"
	".cap{position:static;width:auto;height:auto;margin:0;overflow:visible;"
	"clip:auto;display:block;font-size:8pt;font-weight:600;color:var(--muted)}\n"
	".toc{columns:2 14rem}\n"
	"h2,h3,h4,summary{break-after:avoid}\n"
	".chg,details.same,.meta,.counts,.toc li{break-inside:avoid}\n"
	".chg,details.same{content-visibility:visible}\n"
	"a{color:inherit;text-decoration:none}\n"
	"del,ins,.chg{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"}\n",
};

/* Pages by provisions, only in a report that knows some. */
static const char css_pages[] =
	".pg{font-size:.8em;font-weight:400;color:var(--muted);margin-left:.4em;"
	"white-space:nowrap}\n";

/* Switch views, open or close the unchanged provisions, open one when a
 * link leads into it, and step from change to change. The page works
 * without it. In pieces, as the style sheet is. */
static const char *const script[] = {
	"(function(){\n"
	"var b=document.body,t=document.getElementById('tools');\n"
	"if(!t)return;\n"
	"function $(i){return document.getElementById(i);}\n"
	"function view(rl){b.classList.toggle('redline',rl);"
	"$('v-sbs').setAttribute('aria-pressed',String(!rl));"
	"$('v-rl').setAttribute('aria-pressed',String(rl));}\n"
	"function all(o){var d=document.querySelectorAll('details.same');"
	"for(var i=0;i<d.length;i++)d[i].open=o;}\n"
	"function reveal(){var e=location.hash&&"
	"document.getElementById(location.hash.slice(1));"
	"if(e&&e.tagName==='DETAILS'){e.open=true;e.scrollIntoView();}}\n"
	"$('v-sbs').onclick=function(){view(false);};\n"
	"$('v-rl').onclick=function(){view(true);};\n"
	"$('v-open').onclick=function(){all(true);};\n"
	"$('v-close').onclick=function(){all(false);};\n"
	"window.addEventListener('hashchange',reveal);\n"
	"reveal();\n"
	"t.hidden=false;\n",
	/* step from change to change: by where the blocks are (48px: the
	 * scroll margin under the sticky column heads) */
	"var chg=document.querySelectorAll('section.chg'),at=-1,s=$('step');\n"
	"function step(d){if(!chg.length)return;"
	"var i,n=-1,top,h=window.innerHeight;"
	"for(i=0;i<chg.length;i++){top=chg[i].getBoundingClientRect().top;"
	"if(d>0&&top>50){n=i;break;}if(d<0&&top<46)n=i;}"
	"if(at>=0&&at<chg.length){top=chg[at].getBoundingClientRect().top;"
	"if(top>=-2&&top<h)n=at+d;}"
	"if(n<0)n=d>0?chg.length-1:0;"
	"n=Math.max(0,Math.min(chg.length-1,n));"
	"if(at>=0&&at<chg.length)chg[at].classList.remove('cur');"
	"at=n;chg[n].classList.add('cur');chg[n].tabIndex=-1;"
	"chg[n].focus({preventScroll:true});chg[n].scrollIntoView({block:'start'});}\n"
	"$('v-next').onclick=function(){step(1);};\n"
	"$('v-prev').onclick=function(){step(-1);};\n"
	"document.addEventListener('keydown',function(e){"
	"var g=e.target,k=e.key;"
	"if(e.ctrlKey||e.metaKey||e.altKey||e.defaultPrevented)return;"
	"if(g&&(g.isContentEditable||/^(INPUT|TEXTAREA|SELECT)$/.test(g.tagName)))"
	"return;"
	"if(k==='j'||k==='n'){step(1);e.preventDefault();}"
	"else if(k==='k'||k==='p'){step(-1);e.preventDefault();}});\n"
	"s.hidden=!chg.length;\n"
	"})();\n",
};

/* The base name of a version read from a file, raw: "old.txt" for
 * "drafts/2011/old.txt", "HEAD~1:treaty.txt" for "HEAD~1:drafts/treaty.txt"
 * (the revision stays: it is what tells the two apart); nothing for a
 * version with a label or without a spec, which nd_report_version names. */
static int base_name(nd_buf *out, const nd_docinfo *info)
{
	const char *spec = info && !info->label ? info->spec : NULL;
	const char *slash = spec ? strrchr(spec, '/') : NULL;
	const char *colon = slash ? memchr(spec, ':', (size_t)(slash - spec)) : NULL;
	int err = 0;

	if (!slash || !slash[1])
		return 0;
	if (colon)
		err = nd_buf_put(out, spec, (size_t)(colon - spec) + 1);
	return err ? err : nd_buf_puts(out, slash + 1);
}

/* "old.txt → new.txt": both versions as the page's title names them, by
 * their base names where a version has no label (unless both have the
 * same one), else as nd_report_version does. */
static int names(nd_buf *out, const nd_report *r)
{
	nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
	int err = base_name(&a, r->o->old_info), same;

	err = err ? err : base_name(&b, r->o->new_info);
	same = rpt_same(&a, &b);
	if (!err && (same || !a.len))
		err = nd_report_version(out, r->o->old_info);
	else if (!err)
		err = nd_buf_put(out, a.ptr, a.len);
	err = err ? err : nd_buf_puts(out, " \xE2\x86\x92 ");
	if (!err && (same || !b.len))
		err = nd_report_version(out, r->o->new_info);
	else if (!err)
		err = nd_buf_put(out, b.ptr, b.len);
	nd_buf_dispose(&a);
	nd_buf_dispose(&b);
	return err;
}

static int head(nd_report *r)
{
	nd_buf *out = r->out, *t = &((html_state *)r->state)->tmp;
	size_t k;
	int err;

	err = rpt_html_open(out, 1);
	err = err ? err : nd_buf_puts(out, "normdiff: ");
	if (!err)
		err = names(t, r);
	if (!err) /* the title is text only: no span, entities alone */
		err = rpt_html_escape(out, t->ptr ? t->ptr : "", t->len, 0);
	nd_buf_clear(t);
	if (!err)
		err = nd_buf_puts(out, "</title>\n<style>\n");
	for (k = 0; k < sizeof(css) / sizeof(css[0]) && !err; k++)
		err = nd_buf_puts(out, css[k]);
	if (!err && ((r->o->old_info && r->o->old_info->pages) ||
	             (r->o->new_info && r->o->new_info->pages)))
		err = nd_buf_puts(out, css_pages);
	return err ? err : nd_buf_puts(out, "</style>\n</head>\n<body>\n");
}

/* A field of both versions, by offset into nd_docinfo. */
static const char *field(const nd_docinfo *info, size_t off)
{
	return info ? *(const char *const *)((const char *)info + off) : NULL;
}

static int meta_cell(nd_buf *out, const char *v)
{
	int err = nd_buf_puts(out, "<td>");

	if (!err)
		err = v ? html_cstr(out, v) : nd_buf_puts(out, "\xE2\x80\x94");
	return err ? err : nd_buf_puts(out, "</td>");
}

/* The title block: a title, then a table of what is known of each
 * version (rows where neither side knows anything are left out). */
static int title_block(nd_report *r)
{
	static const struct {
		const char *name;
		size_t off;
	} rows[] = {
		{"Label", offsetof(nd_docinfo, label)},
		{"Title", offsetof(nd_docinfo, title)},
		{"Symbol", offsetof(nd_docinfo, symbol)},
		{"Date", offsetof(nd_docinfo, date)},
		{"Sponsors", offsetof(nd_docinfo, sponsors)},
		{"Read from", offsetof(nd_docinfo, spec)},
	};
	const nd_docinfo *a = r->o->old_info, *b = r->o->new_info;
	const char *title = field(b, offsetof(nd_docinfo, title));
	nd_buf *out = r->out, *t = &((html_state *)r->state)->tmp;
	size_t k;
	int err;

	title = title ? title : field(a, offsetof(nd_docinfo, title));
	err = nd_buf_puts(out, "<header>\n<h1>");
	if (!err && title)
		err = html_cstr(out, title);
	else if (!err && (err = names(t, r)) == 0)
		err = html_buf(out, t);
	if (!err)
		err = nd_buf_puts(out, "</h1>\n<p class=\"sub\">Compared provision by "
		                  "provision: ");
	if (!err)
		err = nd_report_version(t, a);
	if (!err)
		err = nd_buf_puts(t, " \xE2\x86\x92 ");
	if (!err)
		err = nd_report_version(t, b);
	if (!err)
		err = html_buf(out, t);
	if (!err)
		err = nd_buf_puts(out, "</p>\n<table class=\"meta\">\n<thead><tr><td>"
		                  "</td><th scope=\"col\">Old version</th>"
		                  "<th scope=\"col\">New version</th></tr></thead>\n"
		                  "<tbody>\n");
	for (k = 0; k < sizeof(rows) / sizeof(rows[0]) && !err; k++) {
		const char *x = field(a, rows[k].off), *y = field(b, rows[k].off);

		if (!x && !y)
			continue;
		err = nd_buf_printf(out, "<tr><th scope=\"row\">%s</th>", rows[k].name);
		if (!err)
			err = meta_cell(out, x);
		if (!err)
			err = meta_cell(out, y);
		if (!err)
			err = nd_buf_puts(out, "</tr>\n");
	}
	return err ? err : nd_buf_puts(out, "</tbody>\n</table>\n</header>\n");
}

static int count_row(nd_buf *out, const char *cls, const char *name, size_t n)
{
	return nd_buf_printf(out, "<tr%s%s%s><th scope=\"row\">%s</th><td>%zu</td>"
	                     "</tr>\n", *cls ? " class=\"" : "", cls,
	                     *cls ? "\"" : "", name, n);
}

static int counts(nd_report *r)
{
	const nd_summary *s = &r->cs->summary;
	size_t flags[ND_NFLAGS], k;
	int err;

	err = nd_buf_puts(r->out, "<table class=\"counts\">\n<thead><tr>"
	                  "<th scope=\"col\">Kind</th><th scope=\"col\">Records"
	                  "</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < ND_CHANGE_KINDS && !err; k++)
		err = count_row(r->out, s->count[k] ? "" : "zero",
		                nd_change_kind_name((nd_change_kind)k), s->count[k]);
	nd_flag_counts(s, flags);
	for (k = 0; k < ND_NFLAGS && !err; k++) {
		char name[64];

		snprintf(name, sizeof(name), "of which %s", nd_report_flag_words[k]);
		err = count_row(r->out, "flag", name, flags[k]);
	}
	return err ? err : nd_buf_puts(r->out, "</tbody>\n</table>\n");
}

/* The badge of a provision that holds n changes: "12 changes within"
 * (nothing for none). */
static int badge(nd_report *r, size_t n)
{
	int err;

	if (!n)
		return 0;
	err = nd_buf_puts(r->out, " <span class=\"cw\">");
	if (!err)
		err = nd_report_within_words(r->out, n);
	return err ? err : nd_buf_puts(r->out, "</span>");
}

/* ---- links between changes ---- */

/* before, n in decimal, after: the ids and links of every change,
 * appended without printf. */
static int html_num(nd_buf *out, const char *before, size_t n,
                    const char *after)
{
	int err = nd_buf_puts(out, before);

	err = err ? err : nd_buf_putu(out, n);
	return err ? err : nd_buf_puts(out, after);
}

/* A link to change k ("#c12"), or nothing when the report leaves it out;
 * `text` is raw. */
static int link(nd_report *r, size_t k, nd_buf *text)
{
	int shown = k < r->cs->n && nd_report_shows(r->o, &r->cs->changes[k]);
	int err = shown ? html_num(r->out, "<a href=\"#c", k + 1, "\">") : 0;

	if (!err)
		err = html_buf(r->out, text);
	return err || !shown ? err : nd_buf_puts(r->out, "</a>");
}

static int gist(nd_buf *out, const char *s, size_t len, size_t max);
static int label_is_text(const nd_doc *d, size_t i);

/* The first words of a change's provision in the list (the new text, or
 * the old one of a removed provision), so that a reader knows it before
 * following the link; nothing for a heading whose label is its text. */
static int toc_gist(nd_report *r, const nd_change *c)
{
	const nd_doc *d;
	size_t i = nd_anchor(r->cs, c, &d);
	size_t len = label_is_text(d, i) ? 0 : d->clauses[i].body_len;
	int err;

	if (!len)
		return 0;
	err = nd_buf_puts(r->out, " <span class=\"gist\">");
	if (!err)
		err = gist(r->out, nd_doc_body(d, i), len, TOC_GIST_BYTES);
	return err ? err : nd_buf_puts(r->out, "</span>");
}

/* " in Purpose and scope": the headings above a change in the list, so
 * that the ¶1 of one part is not taken for the ¶1 of another. */
static int toc_where(nd_report *r, const nd_change *c)
{
	html_state *st = r->state;
	const nd_doc *d;
	size_t i = nd_anchor(r->cs, c, &d);
	int err = nd_context(&st->tmp, d, i, 0);

	if (err || !st->tmp.len)
		return err;
	err = nd_buf_puts(r->out, " <span class=\"in\">in ");
	if (!err)
		err = html_buf(r->out, &st->tmp);
	return err ? err : nd_buf_puts(r->out, "</span>");
}

/* The list of changed provisions, each linking to its block, and of the
 * unchanged ones the report shows that hold changes (a section whose
 * items changed). */
static int toc(nd_report *r)
{
	html_state *st = r->state;
	size_t k, any = 0;
	int err = nd_buf_puts(r->out, "<h3>Changed provisions</h3>\n");

	for (k = 0; k < r->cs->n && !err; k++) {
		const nd_change *c = &r->cs->changes[k];

		if (nd_is_quiet(c) &&
		    (!c->changed_within || !nd_report_shows(r->o, c)))
			continue;
		err = nd_buf_puts(r->out, any++ ? "<li>" : "<ol class=\"toc\">\n<li>");
		if (!err)
			err = nd_label_pair(&st->tmp, r->cs, c);
		if (!err)
			err = link(r, k, &st->tmp);
		if (!err)
			err = nd_buf_puts(r->out, " <span class=\"k\">");
		if (!err)
			err = nd_report_kind_words(r->out, c);
		if (!err)
			err = nd_buf_puts(r->out, "</span>");
		if (!err)
			err = badge(r, c->changed_within);
		if (!err)
			err = toc_where(r, c);
		if (!err)
			err = toc_gist(r, c);
		if (!err)
			err = nd_buf_puts(r->out, "</li>\n");
	}
	if (!err)
		err = nd_buf_puts(r->out, any ? "</ol>\n" : "<p>None.</p>\n");
	return err;
}

/* For every moved change, the change holding the old provision just
 * before its first one: where a reader of the old version found it. */
static int map_moves(nd_report *r)
{
	html_state *st = r->state;
	const nd_changeset *cs = r->cs;
	const size_t *owner = st->own.old; /* RPT_NO_RECORD is NO_CHANGE */
	size_t k;

	st->from = malloc((cs->n ? cs->n : 1) * sizeof(size_t));
	st->stub = malloc((cs->n ? cs->n : 1) * sizeof(size_t));
	st->next = malloc((cs->n ? cs->n : 1) * sizeof(size_t));
	if (!st->from || !st->stub || !st->next)
		return nd_error_oom();
	for (k = 0; k < cs->n; k++)
		st->from[k] = st->stub[k] = st->next[k] = NO_CHANGE;
	/* backwards, so each list comes out in document order */
	for (k = cs->n; k-- > 0;) {
		const nd_change *c = &cs->changes[k];
		size_t j;

		if (!c->moved || !c->nold || c->old[0] == 0)
			continue;
		j = owner[c->old[0] - 1];
		if (j == k || j == NO_CHANGE)
			continue;
		st->from[k] = j;
		st->next[k] = st->stub[j];
		st->stub[j] = k;
	}
	return 0;
}

static int html_begin(nd_report *r)
{
	html_state *st = r->state;
	int err;

	err = rpt_owners_init(&st->own, r->cs);
	if (!err)
		err = map_moves(r);
	if (!err)
		err = head(r);
	if (!err && !r->o->stat_only)
		err = nd_buf_puts(r->out, "<a class=\"sr skip\" href=\"#provisions\">"
		                  "Skip to the provisions</a>\n");
	if (!err)
		err = title_block(r);
	if (!err)
		err = nd_buf_puts(r->out, "<main>\n<section id=\"summary\">\n<h2>"
		                  "Summary</h2>\n");
	if (!err)
		err = counts(r);
	if (!err && !r->o->stat_only)
		err = toc(r);
	if (!err)
		err = nd_buf_puts(r->out, "</section>\n");
	if (err || r->o->stat_only)
		return err;
	err = nd_buf_puts(r->out, "<section id=\"provisions\">\n<h2>Provisions"
	                  "</h2>\n<p class=\"legend\">Deleted words are <del>"
	                  "struck through</del>, inserted words <ins>underlined"
	                  "</ins>. Unchanged provisions are folded: open one by its "
	                  "line.</p>\n<div class=\"tools\" id=\"tools\" hidden>"
	                  "<button type=\"button\" id=\"v-sbs\" aria-pressed=\"true\">"
	                  "Side by side</button><button type=\"button\" id=\"v-rl\" "
	                  "aria-pressed=\"false\">Redline</button><button type=\""
	                  "button\" id=\"v-open\">Open unchanged</button><button "
	                  "type=\"button\" id=\"v-close\">Fold unchanged</button>"
	                  "</div>\n<div class=\"step\" id=\"step\" hidden><button "
	                  "type=\"button\" id=\"v-prev\" aria-keyshortcuts=\"k p\">"
	                  "\xE2\x86\x91<span class=\"bl\"> Previous change</span> "
	                  "<kbd>k</kbd></button><button type=\"button\" id=\"v-next\" "
	                  "aria-keyshortcuts=\"j n\">\xE2\x86\x93<span class=\"bl\"> "
	                  "Next change</span> <kbd>j</kbd></button></div>\n"
	                  "<div class=\"cols\" aria-hidden=\"true\"><div>"
	                  "Old: ");
	if (!err)
		err = nd_report_version(&st->tmp, r->o->old_info);
	if (!err)
		err = html_buf(r->out, &st->tmp);
	if (!err)
		err = nd_buf_puts(r->out, "</div><div>New: ");
	if (!err)
		err = nd_report_version(&st->tmp, r->o->new_info);
	if (!err)
		err = html_buf(r->out, &st->tmp);
	return err ? err : nd_buf_puts(r->out, "</div></div>\n");
}

/* ---- texts of a change ---- */

/* " <span class="pg">p. 3</span>", when the pages of provisions
 * idx[0..n) of d are known. */
static int page_badge(nd_buf *out, const nd_docinfo *info, const nd_doc *d,
                      const size_t *idx, size_t n)
{
	size_t start = out->len;
	int err = nd_buf_puts(out, " <span class=\"pg\">"), any;
	size_t mark = out->len;

	err = err ? err : nd_report_pages(out, info, d, idx, n);
	any = out->len > mark;
	if (!err && !any) {
		out->len = start;
		out->ptr[start] = '\0';
	}
	return err || !any ? err : nd_buf_puts(out, "</span>");
}

/* The same for a change's heading: " <span class="pg">p. 3 → p. 4</span>". */
static int change_pages(nd_report *r, const nd_change *c)
{
	nd_buf p = ND_BUF_INIT;
	int err = nd_report_change_pages(&p, r->cs, c, r->o->old_info,
	                                 r->o->new_info);

	if (!err && p.len)
		err = nd_buf_printf(r->out, " <span class=\"pg\">%s</span>", p.ptr);
	nd_buf_dispose(&p);
	return err;
}

/* An unmarked heading's label is its text: not written twice. */
static int label_is_text(const nd_doc *d, size_t i)
{
	return d->clauses[i].kind == ND_CLAUSE_HEADING && d->clauses[i].family < 0;
}

static int para_open(para *p, size_t part)
{
	nd_buf *out = p->r->out, *t = &p->st->tmp;
	int cut = p->nparts == p->n, err;

	err = nd_buf_puts(out, "<p>");
	if (err || !p->labels || !p->n || (cut && label_is_text(p->d, p->idx[part])))
		return err;
	err = nd_buf_puts(out, "<span class=\"pl\">");
	if (!err)
		err = nd_labels(t, p->d, cut ? p->idx + part : p->idx, cut ? 1 : p->n);
	if (!err)
		err = html_buf(out, t);
	if (!err)
		err = page_badge(out, p->info, p->d, cut ? p->idx + part : p->idx,
		                 cut ? 1 : p->n);
	return err ? err : nd_buf_puts(out, "</span> ");
}

/* An edit: spaces at its edges outside the marks, words for screen
 * readers inside; an edit of spaces alone shows as ␣. */
static int edit(nd_buf *out, nd_op_kind kind, const char *s, size_t len)
{
	/* what a screen reader says around it, whole for each kind */
	const char *open = kind == ND_OP_DELETE
	                 ? "<del><span class=\"sr\">deleted: </span>"
	                 : "<ins><span class=\"sr\">inserted: </span>";
	const char *close = kind == ND_OP_DELETE
	                  ? "<span class=\"sr\"> (end deleted)</span></del>"
	                  : "<span class=\"sr\"> (end inserted)</span></ins>";
	size_t lead = 0, trail = 0;
	int err = 0, blank = len && strspn(s, " ") >= len;

	while (!blank && lead < len && s[lead] == ' ')
		lead++;
	while (!blank && trail < len - lead && s[len - 1 - trail] == ' ')
		trail++;
	if (lead)
		err = nd_buf_putc(out, ' ');
	if (!err)
		err = nd_buf_puts(out, open);
	if (!err)
		err = blank ? nd_buf_puts(out, "\xE2\x90\xA3")
		            : html_text(out, s + lead, len - lead - trail);
	if (!err)
		err = nd_buf_puts(out, close);
	if (!err && trail)
		err = nd_buf_putc(out, ' ');
	return err;
}

static int html_piece(void *ud, size_t part, nd_op_kind kind, const char *s,
                      size_t len)
{
	para *p = ud;
	int err = 0;

	if (p->open && part != p->part)
		err = nd_buf_puts(p->r->out, "</p>\n");
	if (!err && (!p->open || part != p->part))
		err = para_open(p, part);
	if (err)
		return err;
	/* a replacement right after what it replaces: a gap, so the two
	 * do not read as one word ("productsgoods") */
	if (p->open && part == p->part && p->last == ND_OP_DELETE &&
	    !p->spaced && kind == ND_OP_INSERT && len && *s != ' ')
		err = nd_buf_puts(p->r->out, "<span class=\"gap\"></span>");
	p->open = 1;
	p->part = part;
	p->last = kind;
	p->spaced = len && s[len - 1] == ' ';
	if (err)
		return err;
	if (kind == ND_OP_EQUAL)
		return html_text(p->r->out, s, len);
	return edit(p->r->out, kind, s, len);
}

/* One view of a change's texts: a side (old or new) or the redline. */
static int texts(nd_report *r, const nd_change *c, int view, int labels)
{
	html_state *st = r->state;
	para p;
	int err;

	memset(&p, 0, sizeof(p));
	p.r = r;
	p.st = st;
	p.labels = labels;
	p.d = view == 0 ? r->cs->old : r->cs->new;
	p.info = view == 0 ? r->o->old_info : r->o->new_info;
	p.idx = view == 0 ? c->old : c->new;
	p.n = view == 0 ? c->nold : c->nnew;
	err = view == 2 ? nd_redline(r->cs, c, &p.nparts, NULL, NULL)
	                : nd_side(r->cs, c, view == 0, &p.nparts, NULL, NULL);
	if (!err)
		err = view == 2 ? nd_redline(r->cs, c, &p.nparts, html_piece, &p)
		                : nd_side(r->cs, c, view == 0, &p.nparts, html_piece, &p);
	if (!err && p.open)
		err = nd_buf_puts(r->out, "</p>\n");
	return err;
}

/* A column of the side-by-side view, with its caption (shown where the
 * columns stack, and in print). */
static int column(nd_report *r, const nd_change *c, int old)
{
	html_state *st = r->state;
	const char *side = old ? "old" : "new";
	int err;

	err = nd_buf_printf(r->out, "<div class=\"%s%s\"><span class=\"cap\">%s: ",
	                    side, (old ? c->nold : c->nnew) ? "" : " empty",
	                    old ? "Old" : "New");
	if (!err)
		err = nd_report_version(&st->tmp, old ? r->o->old_info : r->o->new_info);
	if (!err)
		err = html_buf(r->out, &st->tmp);
	if (!err)
		err = nd_buf_puts(r->out, "</span>\n");
	if (!err && !(old ? c->nold : c->nnew))
		err = nd_buf_printf(r->out, "<p class=\"none\">Not in the %s version."
		                    "</p>\n", side);
	else if (!err)
		err = texts(r, c, old ? 0 : 1, 1);
	return err ? err : nd_buf_puts(r->out, "</div>\n");
}

/* "Moved from after PP3 in the old version." under a moved provision's
 * heading line, linking to PP3 where the report shows it. */
static int moved_from(nd_report *r, size_t k, const nd_change *c)
{
	html_state *st = r->state;
	int err;

	if (!c->moved || !c->nold)
		return 0;
	if (c->old[0] == 0)
		return nd_buf_puts(r->out, "<p class=\"mv\">Moved from the beginning."
		                   "</p>\n");
	err = nd_buf_puts(r->out, "<p class=\"mv\">Moved from after ");
	if (!err)
		err = nd_labels(&st->tmp, r->cs->old, &(size_t){c->old[0] - 1}, 1);
	if (!err)
		err = link(r, st->from[k], &st->tmp);
	return err ? err : nd_buf_puts(r->out, " in the old version.</p>\n");
}

/* Lines at the old place of the provisions that moved away from after
 * change k. */
static int moved_away(nd_report *r, size_t k)
{
	html_state *st = r->state;
	size_t m;
	int err = 0;

	for (m = st->stub[k]; m != NO_CHANGE && !err; m = st->next[m]) {
		err = nd_buf_puts(r->out, "<p class=\"away\">Old place of ");
		if (!err)
			err = nd_label_pair(&st->tmp, r->cs, &r->cs->changes[m]);
		if (!err)
			err = link(r, m, &st->tmp);
		if (!err)
			err = nd_buf_puts(r->out, ", which moved.</p>\n");
	}
	return err;
}

/* "(b) → (2) + (3)", the markup `between`, then "split". */
static int labels_kind(nd_report *r, const nd_change *c, const char *between)
{
	html_state *st = r->state;
	int err = nd_label_pair(&st->tmp, r->cs, c);

	if (!err)
		err = html_buf(r->out, &st->tmp);
	if (!err)
		err = nd_buf_puts(r->out, between);
	return err ? err : nd_report_kind_words(r->out, c);
}

/* A change of its own: heading line, where it moved from, both views. */
static int block(nd_report *r, size_t k, const nd_change *c)
{
	int err;

	err = nd_buf_puts(r->out, "<section class=\"chg k-");
	err = err ? err : nd_buf_puts(r->out, nd_change_kind_name(c->kind));
	err = err ? err : html_num(r->out, "\" id=\"c", k + 1, "\">\n<h4>");
	if (!err)
		err = labels_kind(r, c, " <span class=\"k\">");
	if (!err)
		err = nd_buf_puts(r->out, "</span>");
	if (!err)
		err = change_pages(r, c);
	if (!err)
		err = badge(r, c->changed_within);
	if (!err)
		err = nd_buf_puts(r->out, "</h4>\n");
	if (!err)
		err = moved_from(r, k, c);
	if (!err)
		err = nd_buf_puts(r->out, "<div class=\"sbs\">\n");
	if (!err)
		err = column(r, c, 1);
	if (!err)
		err = column(r, c, 0);
	if (!err)
		err = nd_buf_puts(r->out, "</div>\n<div class=\"rl\">\n");
	if (!err)
		err = texts(r, c, 2, c->nnew > 1);
	return err ? err : nd_buf_puts(r->out, "</div>\n</section>\n");
}

/* The first words of s, at most `max` bytes, cut at a space, with "…"
 * when cut. */
static int gist(nd_buf *out, const char *s, size_t len, size_t max)
{
	size_t cut = len;
	int err;

	if (len > max) {
		cut = max;
		while (cut > 0 && s[cut] != ' ')
			cut--;
		if (!cut) /* one long word: cut at a character */
			for (cut = max; ((unsigned char)s[cut] & 0xC0) == 0x80; cut--)
				;
	}
	err = html_text(out, s, cut);
	return err || cut == len ? err : nd_buf_puts(out, "\xE2\x80\xA6");
}

/* An unchanged provision that did not move: folded to its labels and
 * first words; its text when opened. */
static int folded(nd_report *r, size_t k, const nd_change *c)
{
	const nd_doc *d;
	size_t i = nd_anchor(r->cs, c, &d);
	const char *body = nd_doc_body(d, i);
	size_t len = label_is_text(d, i) ? 0 : d->clauses[i].body_len;
	int err;

	err = html_num(r->out, "<details class=\"same\" id=\"c", k + 1,
	               "\"><summary><span class=\"lbl\">");
	if (!err)
		err = labels_kind(r, c, "</span> <span class=\"k\">");
	if (!err)
		err = nd_buf_puts(r->out, "</span>");
	if (!err)
		err = change_pages(r, c);
	if (!err && d->clauses[i].kind != ND_CLAUSE_HEADING)
		err = badge(r, c->changed_within); /* a heading's: its heading line */
	if (!err && len)
		err = nd_buf_puts(r->out, " <span class=\"gist\">");
	if (!err && len)
		err = gist(r->out, body, len, GIST_BYTES);
	if (!err && len)
		err = nd_buf_puts(r->out, "</span>");
	if (!err)
		err = nd_buf_puts(r->out, "</summary>\n<p>");
	if (!err)
		err = html_text(r->out, body, d->clauses[i].body_len);
	return err ? err : nd_buf_puts(r->out, "</p></details>\n");
}

/* "Code of conduct › Article 5" when the headings above change; an
 * unchanged heading is shown by this line alone, and takes the id. */
static int context(nd_report *r, size_t k, const nd_change *c, int *shown)
{
	html_state *st = r->state;
	const nd_doc *d;
	size_t i = nd_anchor(r->cs, c, &d);
	int heading = i != ND_NO_PARENT && d->clauses[i].kind == ND_CLAUSE_HEADING;
	int self = nd_is_quiet(c) && heading, err;

	*shown = 0;
	nd_buf_clear(&st->tmp);
	if ((err = nd_context(&st->tmp, d, i, self)) != 0)
		return err;
	if (rpt_same(&st->tmp, &st->ctx)) {
		nd_buf_clear(&st->tmp);
		return 0;
	}
	nd_buf_clear(&st->ctx);
	if ((err = nd_buf_put(&st->ctx, st->tmp.ptr, st->tmp.len)) != 0 ||
	    !st->tmp.len) {
		nd_buf_clear(&st->tmp);
		return err;
	}
	*shown = self;
	if (self)
		err = html_num(r->out, "<h3 class=\"ctx\" id=\"c", k + 1, "\">");
	else
		err = nd_buf_puts(r->out, "<h3 class=\"ctx\">");
	if (!err)
		err = html_buf(r->out, &st->tmp);
	if (!err)
		err = badge(r, rpt_context_within(&st->own, r->cs, d, i, self));
	return err ? err : nd_buf_puts(r->out, "</h3>\n");
}

static int html_change(nd_report *r, const nd_change *c)
{
	html_state *st = r->state;
	size_t k = (size_t)(c - r->cs->changes);
	const nd_doc *d;
	size_t i = nd_anchor(r->cs, c, &d);
	int heading = i != ND_NO_PARENT && d->clauses[i].kind == ND_CLAUSE_HEADING;
	int quiet = nd_is_quiet(c), anchored, err;

	if ((err = context(r, k, c, &anchored)) != 0)
		return err;
	if (quiet && heading && !c->renumbered)
		err = anchored ? 0 : html_num(r->out, "<span id=\"c", k + 1,
		                              "\"></span>\n");
	else
		err = quiet ? folded(r, k, c) : block(r, k, c);
	if (!err && heading && !quiet) { /* what follows is under it */
		nd_buf_clear(&st->ctx);
		err = nd_context(&st->ctx, d, i, 1);
	}
	return err ? err : moved_away(r, k);
}

static int html_end(nd_report *r)
{
	size_t k;
	int err = 0;

	if (!r->o->stat_only)
		err = nd_buf_puts(r->out, "</section>\n");
	if (!err && r->cs->nnotes)
		err = nd_buf_puts(r->out, "<section id=\"notes\">\n<h2>Notes</h2>\n"
		                  "<ul>\n");
	for (k = 0; k < r->cs->nnotes && !err; k++) {
		err = nd_buf_puts(r->out, "<li>");
		if (!err)
			err = html_cstr(r->out, r->cs->notes[k]);
		if (!err)
			err = nd_buf_puts(r->out, "</li>\n");
	}
	if (!err && r->cs->nnotes)
		err = nd_buf_puts(r->out, "</ul>\n</section>\n");
	if (!err)
		err = nd_buf_puts(r->out, "</main>\n<script>\n");
	for (k = 0; k < sizeof(script) / sizeof(script[0]) && !err; k++)
		err = nd_buf_puts(r->out, script[k]);
	return err ? err : nd_buf_puts(r->out, "</script>\n</body>\n</html>\n");
}

static void html_dispose(nd_report *r)
{
	html_state *st = r->state;

	if (!st)
		return;
	nd_buf_dispose(&st->ctx);
	nd_buf_dispose(&st->tmp);
	free(st->from);
	free(st->stub);
	free(st->next);
	rpt_owners_dispose(&st->own);
}

/* A folded provision is its text once, its first words and about 320
 * bytes of markup; a change of its own both columns and the redline,
 * about 580 bytes of markup and 140 an edit; the page's head, style and
 * script 12 KiB (measured on generated, bundled and escape-heavy pairs,
 * with and without --changed-only: 3 to 9 per cent above). */
static size_t html_estimate(const nd_report *r)
{
	rpt_sizes loud, quiet;

	rpt_sizes_of(r, &loud, &quiet);
	return 12288 + quiet.ops + quiet.changes * 320 + loud.text + loud.ops +
	       loud.changes * 580 + loud.nops * 140;
}

const nd_report_format nd_report_html = {
	"html",
	"one self-contained page: side by side or redline, for browsers and print",
	sizeof(html_state),
	html_begin,
	html_change,
	html_end,
	html_dispose,
	0,
	html_estimate,
};

/* ---- shared with the other HTML writers (report_internal.h) ---- */

int rpt_html_edit(nd_buf *out, nd_op_kind kind, const char *s, size_t len)
{
	return edit(out, kind, s, len);
}
