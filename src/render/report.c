/* report.c - the registry of report formats, the driver that runs one over
 * a change set, and what the formats share.
 *
 * A format is a table of callbacks (render.h, after xdiff's emit callbacks
 * and tig's view_ops): the driver checks the change set once, so formats
 * can index the documents without checking, decides which changes the
 * options show, and calls begin / change... / end. On failure it puts the
 * output buffer back as it was, so a caller never prints half a report.
 * With a sink (nd_render_report_to) the report is handed over in pieces
 * between changes, so a large one is never held whole; what a failure
 * midway means for the pieces already out is the caller's to decide.
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/utf8.h"
#include "report_internal.h"

static const nd_report_format *const formats[] = {
	&nd_report_text,
	&nd_report_markdown,
	&nd_report_json,
	&nd_report_html,
	&nd_report_docx,
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

const nd_report_format *nd_report_format_find(const char *name)
{
	size_t k;

	for (k = 0; name && k < NFORMATS; k++)
		if (!strcmp(formats[k]->name, name))
			return formats[k];
	return NULL;
}

const char *nd_report_formats(void)
{
	/* the names in the table above, in its order (a unit test checks) */
	return "text, markdown, json, html, docx";
}

int rpt_same(const nd_buf *a, const nd_buf *b)
{
	return a->len == b->len && (!a->len || !memcmp(a->ptr, b->ptr, a->len));
}

int rpt_summary_words(nd_buf *out, const nd_summary *s, const char *glue)
{
	static const nd_change_kind order[] = {
		ND_CHANGE_MODIFIED, ND_CHANGE_ADDED, ND_CHANGE_REMOVED,
		ND_CHANGE_SPLIT, ND_CHANGE_MERGED};
	size_t flags[ND_NFLAGS], k;
	int err = 0, any = 0;

	for (k = 0; k < 5 && !err; k++)
		if (s->count[order[k]])
			err = nd_buf_printf(out, "%zu%s%s, ", s->count[order[k]], glue,
			                    nd_change_kind_name(order[k]));
	if (!err)
		err = nd_buf_printf(out, "%zu%sunchanged", s->count[ND_CHANGE_UNCHANGED],
		                    glue);
	nd_flag_counts(s, flags);
	for (k = 0; k < ND_NFLAGS && !err; k++)
		if (flags[k])
			err = nd_buf_printf(out, "%s %zu%s%s", any++ ? "," : ";", flags[k],
			                    glue, nd_report_flag_words[k]);
	return err;
}

int nd_report_shows(const nd_report_opts *o, const nd_change *c)
{
	if (o && o->stat_only)
		return 0;
	return !(o && o->changed_only) || !nd_is_quiet(c);
}

/* Everything a format will index must be there: formats trust it. */
static int check_changeset(const nd_changeset *cs)
{
	size_t i, k;

	if (!cs || !cs->old || !cs->new || (cs->n && !cs->changes) ||
	    (cs->nnotes && !cs->notes))
		return nd_error_set(ND_EINVAL, "no change set to report");
	for (i = 0; i < cs->n; i++) {
		const nd_change *c = &cs->changes[i];

		if ((unsigned)c->kind >= ND_CHANGE_KINDS)
			return nd_error_set(ND_EINVAL, "change %zu has no known kind", i + 1);
		if ((!c->nold && !c->nnew) || (c->nold && !c->old) ||
		    (c->nnew && !c->new) || (c->diff.n && !c->diff.ops))
			return nd_error_set(ND_EINVAL, "change %zu is incomplete", i + 1);
		for (k = 0; k < c->nold; k++)
			if (c->old[k] >= cs->old->n)
				return nd_error_set(ND_EINVAL, "change %zu refers to old "
				                    "provision %zu of %zu", i + 1, c->old[k] + 1,
				                    cs->old->n);
		for (k = 0; k < c->nnew; k++)
			if (c->new[k] >= cs->new->n)
				return nd_error_set(ND_EINVAL, "change %zu refers to new "
				                    "provision %zu of %zu", i + 1, c->new[k] + 1,
				                    cs->new->n);
		for (k = 0; k < c->diff.n; k++)
			if ((unsigned)c->diff.ops[k].kind > ND_OP_INSERT ||
			    (c->diff.ops[k].len && !c->diff.ops[k].text))
				return nd_error_set(ND_EINVAL, "change %zu has a malformed "
				                    "word edit", i + 1);
	}
	for (k = 0; k < cs->nnotes; k++)
		if (!cs->notes[k])
			return nd_error_set(ND_EINVAL, "note %zu is missing", k + 1);
	return 0;
}

/* Reserve what the report will take, or with a sink what one piece
 * will: a piece is handed over once past sink->at, so about twice that
 * is room enough without holding the whole report's room. A reserve
 * that fails is no failure: growing will say so if the memory is really
 * not there. */
static void reserve(nd_report *r, const nd_report_format *f,
                    const nd_report_sink *sink)
{
	size_t want;

	if (!f->estimate)
		return;
	want = f->estimate(r);
	if (sink && want / 2 > sink->at)
		want = sink->at * 2;
	if (nd_buf_reserve(r->out, want))
		nd_error_clear();
}

/* Hand out to the sink when it holds enough. Every format looks back at
 * most within the change it is writing (a mark taken at the start of a
 * piece, to cut or rewrite it), never into an earlier change, so out can
 * be emptied between changes without changing a byte of the report. */
static int hand_over(nd_buf *out, const nd_report_sink *sink, size_t *start)
{
	int err;

	if (!sink || !out->len || out->len < sink->at)
		return 0;
	err = sink->take(sink->arg, out->ptr, out->len);
	if (!err) {
		nd_buf_clear(out);
		*start = 0;
	}
	return err;
}

int nd_render_report_to(nd_buf *out, const nd_changeset *cs,
                        const char *format, const nd_report_opts *o,
                        const nd_report_sink *sink)
{
	static const nd_report_opts defaults;
	const nd_report_format *f = nd_report_format_find(format ? format : "text");
	nd_report r;
	size_t start = out->len, i;
	int err;

	if (!f)
		return nd_error_set(ND_EINVAL, "unknown report format '%s' (formats: "
		                    "%s)", format, nd_report_formats());
	if ((err = check_changeset(cs)) != 0)
		return err;
	if (f->binary || (sink && !sink->take))
		sink = NULL;
	r.out = out;
	r.cs = cs;
	r.o = o ? o : &defaults;
	r.state = NULL;
	if (f->state_size && (r.state = calloc(1, f->state_size)) == NULL)
		return nd_error_oom();
	reserve(&r, f, sink);
	err = f->begin ? f->begin(&r) : 0;
	for (i = 0; i < cs->n && !err; i++)
		if (nd_report_shows(r.o, &cs->changes[i]) &&
		    !(err = f->change(&r, &cs->changes[i])))
			err = hand_over(out, sink, &start);
	if (!err && f->end)
		err = f->end(&r);
	if (f->dispose)
		f->dispose(&r);
	free(r.state);
	if (err && out->ptr) {
		out->len = start;
		out->ptr[start] = '\0';
	}
	return err;
}

int nd_render_report(nd_buf *out, const nd_changeset *cs, const char *format,
                     const nd_report_opts *o)
{
	return nd_render_report_to(out, cs, format, o, NULL);
}

/* ---- shared helpers ---- */

static void add_sides(rpt_sizes *z, const nd_doc *d, const size_t *idx,
                      size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		z->text += d->clauses[idx[k]].head_len + d->clauses[idx[k]].body_len;
	z->clauses += n;
}

void rpt_sizes_of(const nd_report *r, rpt_sizes *loud, rpt_sizes *quiet)
{
	const nd_changeset *cs = r->cs;
	size_t i, k;

	memset(loud, 0, sizeof(*loud));
	memset(quiet, 0, sizeof(*quiet));
	for (i = 0; i < cs->n; i++) {
		const nd_change *c = &cs->changes[i];
		rpt_sizes *z = nd_is_quiet(c) ? quiet : loud;

		if (!nd_report_shows(r->o, c))
			continue;
		z->changes++;
		add_sides(z, cs->old, c->old, c->nold);
		add_sides(z, cs->new, c->new, c->nnew);
		for (k = 0; k < c->diff.n; k++)
			z->ops += c->diff.ops[k].len;
		z->nops += c->diff.n;
	}
}

const char *const rpt_flag_keys[ND_NFLAGS] = {
	"moved", "renumbered", "editorial", "xref_only", "layout"};
const char *const nd_report_flag_words[ND_NFLAGS] = {
	"moved", "renumbered", "editorial", "cross-references only", "layout only"};

int nd_report_version(nd_buf *out, const nd_docinfo *info)
{
	static const nd_docinfo none;
	int err;

	info = info ? info : &none;
	err = nd_buf_puts(out, info->label ? info->label
	                       : info->spec ? info->spec : "(unknown)");
	if (!err && (info->symbol || info->date))
		err = nd_buf_printf(out, " (%s%s%s)", info->symbol ? info->symbol : "",
		                    info->symbol && info->date ? ", " : "",
		                    info->date ? info->date : "");
	return err;
}

int nd_report_kind_words(nd_buf *out, const nd_change *c)
{
	int err = c->moved ? nd_buf_puts(out, "moved, ") : 0;

	/* every format names every change so: pieces, not printf */
	err = err ? err : nd_buf_puts(out, nd_change_kind_name(c->kind));
	if (!err && c->editorial)
		err = nd_buf_puts(out, " (editorial)");
	if (!err && c->xref_only)
		err = nd_buf_puts(out, " (cross-references only)");
	if (!err && c->layout)
		err = nd_buf_puts(out, " (layout only)");
	return err;
}

/* " after PP3", or " the start" when nothing comes before i. */
static int place(nd_buf *out, const nd_doc *d, size_t i)
{
	size_t before = nd_prev_sibling(d, i);
	int err;

	if (before == ND_NO_PARENT)
		return nd_buf_puts(out, " the start");
	err = nd_buf_puts(out, " after ");
	return err ? err : nd_labels(out, d, &before, 1);
}

int nd_report_move_words(nd_buf *out, const nd_changeset *cs,
                         const nd_change *c)
{
	int err;

	if (!c->moved || !c->nold || !c->nnew)
		return 0;
	err = nd_buf_puts(out, "from");
	err = err ? err : place(out, cs->old, c->old[0]);
	err = err ? err : nd_buf_puts(out, " to");
	return err ? err : place(out, cs->new, c->new[0]);
}

int nd_report_change_name(nd_buf *out, const nd_changeset *cs,
                          const nd_change *c)
{
	nd_buf raw = ND_BUF_INIT;
	int err = nd_label_pair(&raw, cs, c);

	if (!err && raw.len)
		err = nd_buf_putc(&raw, ' ');
	if (!err)
		err = nd_report_kind_words(&raw, c);
	if (!err)
		err = nd_utf8_escape(out, raw.ptr, raw.len, 0);
	nd_buf_dispose(&raw);
	return err;
}

int nd_report_page_span(const nd_docinfo *info, const nd_doc *d,
                        const size_t *idx, size_t n, uint32_t *first,
                        uint32_t *last)
{
	uint32_t a, b, ignore;

	*first = *last = 0;
	if (!info || !n || !nd_pagemap_span(info->pages, d->clauses[idx[0]].line,
	                                    d->clauses[idx[0]].last_line, &a, &b))
		return 0;
	nd_pagemap_span(info->pages, d->clauses[idx[n - 1]].line,
	                d->clauses[idx[n - 1]].last_line, &ignore, &b);
	*first = a;
	*last = b > a ? b : a;
	return 1;
}

int nd_report_pages(nd_buf *out, const nd_docinfo *info, const nd_doc *d,
                    const size_t *idx, size_t n)
{
	uint32_t a, b;

	if (!nd_report_page_span(info, d, idx, n, &a, &b))
		return 0;
	if (a == b)
		return nd_buf_printf(out, "p. %u", (unsigned)a);
	return nd_buf_printf(out, "pp. %u\xE2\x80\x93%u", (unsigned)a, (unsigned)b);
}

int nd_report_change_pages(nd_buf *out, const nd_changeset *cs,
                           const nd_change *c, const nd_docinfo *old_info,
                           const nd_docinfo *new_info)
{
	nd_buf o = ND_BUF_INIT, n = ND_BUF_INIT;
	int err = nd_report_pages(&o, old_info, cs->old, c->old, c->nold);

	err = err ? err : nd_report_pages(&n, new_info, cs->new, c->new, c->nnew);
	if (!err && o.len && n.len && !rpt_same(&o, &n))
		err = nd_buf_printf(out, "%s \xE2\x86\x92 %s", o.ptr, n.ptr);
	else if (!err && (o.len || n.len))
		err = nd_buf_puts(out, n.len ? n.ptr : o.ptr);
	nd_buf_dispose(&o);
	nd_buf_dispose(&n);
	return err;
}

int nd_report_within_words(nd_buf *out, size_t n)
{
	if (!n)
		return 0;
	return nd_buf_printf(out, "%zu change%s within", n, n == 1 ? "" : "s");
}

int rpt_owners_init(rpt_owners *o, const nd_changeset *cs)
{
	size_t i, k;

	o->old = malloc((cs->old->n ? cs->old->n : 1) * sizeof(size_t));
	o->new = malloc((cs->new->n ? cs->new->n : 1) * sizeof(size_t));
	if (!o->old || !o->new) {
		rpt_owners_dispose(o);
		return nd_error_oom();
	}
	for (i = 0; i < cs->old->n; i++)
		o->old[i] = RPT_NO_RECORD;
	for (i = 0; i < cs->new->n; i++)
		o->new[i] = RPT_NO_RECORD;
	for (k = 0; k < cs->n; k++) {
		for (i = 0; i < cs->changes[k].nold; i++)
			o->old[cs->changes[k].old[i]] = k;
		for (i = 0; i < cs->changes[k].nnew; i++)
			o->new[cs->changes[k].new[i]] = k;
	}
	return 0;
}

void rpt_owners_dispose(rpt_owners *o)
{
	free(o->old);
	free(o->new);
	o->old = o->new = NULL;
}

size_t rpt_context_within(const rpt_owners *o, const nd_changeset *cs,
                          const nd_doc *d, size_t i, int self)
{
	const size_t *owner = d == cs->old ? o->old : o->new;
	size_t k;

	if (i == ND_NO_PARENT || !owner)
		return 0;
	for (k = self ? i : d->clauses[i].parent;
	     k != ND_NO_PARENT && d->clauses[k].kind != ND_CLAUSE_HEADING;
	     k = d->clauses[k].parent)
		;
	if (k == ND_NO_PARENT || owner[k] == RPT_NO_RECORD)
		return 0;
	return cs->changes[owner[k]].changed_within;
}

size_t rpt_width(const char *s, size_t len)
{
	size_t i = 0, w = 0, n;
	uint32_t cp;

	while (i < len) {
		/* ASCII is a column a byte, eight at a time where it can be */
		if (i + 8 <= len && !(nd_word_load(s + i) & ND_WORD_HIGHS)) {
			i += 8;
			w += 8;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			w++;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		w += n ? nd_utf8_cp_width(cp) : 1;
		i += n ? n : 1;
	}
	return w;
}

int rpt_cut_line(nd_buf *out, const char *s, size_t len, unsigned width)
{
	size_t at, cols = 0, n;
	uint32_t cp;
	int err;

	if (!width || rpt_width(s, len) <= width) {
		err = nd_buf_put(out, s, len);
		return err ? err : nd_buf_putc(out, '\n');
	}
	for (at = 0; at < len; at += n) {
		unsigned cw = 1; /* ASCII, and a byte that is not UTF-8 */

		n = 1;
		if ((unsigned char)s[at] >= 0x80 &&
		    (n = nd_utf8_decode(s + at, len - at, &cp)) != 0)
			cw = nd_utf8_cp_width(cp);
		if (cols + cw + 1 > width)
			break;
		cols += cw;
		n = n ? n : 1;
	}
	while (at > 0 && s[at - 1] == ' ')
		at--;
	err = nd_buf_put(out, s, at);
	return err ? err : nd_buf_puts(out, "\xE2\x80\xA6\n");
}
