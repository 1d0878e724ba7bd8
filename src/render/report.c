/* report.c - the registry of report formats, the driver that runs one over
 * a change set, and what the formats share.
 *
 * A format is a table of callbacks (render.h, after xdiff's emit callbacks
 * and tig's view_ops): the driver checks the change set once, so formats
 * can index the documents without checking, decides which changes the
 * options show, and calls begin / change... / end. On failure it puts the
 * output buffer back as it was, so a caller never prints half a report.
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
	return "text, markdown, json, html";
}

int rpt_same(const nd_buf *a, const nd_buf *b)
{
	return a->len == b->len && (!a->len || !memcmp(a->ptr, b->ptr, a->len));
}

int rpt_is_quiet(const nd_change *c)
{
	return c->kind == ND_CHANGE_UNCHANGED && !c->moved;
}

int nd_report_shows(const nd_report_opts *o, const nd_change *c)
{
	if (o && o->stat_only)
		return 0;
	return !(o && o->changed_only) || !rpt_is_quiet(c);
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

int nd_render_report(nd_buf *out, const nd_changeset *cs, const char *format,
                     const nd_report_opts *o)
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
	r.out = out;
	r.cs = cs;
	r.o = o ? o : &defaults;
	r.state = NULL;
	if (f->state_size && (r.state = calloc(1, f->state_size)) == NULL)
		return nd_error_oom();
	err = f->begin ? f->begin(&r) : 0;
	for (i = 0; i < cs->n && !err; i++)
		if (nd_report_shows(r.o, &cs->changes[i]))
			err = f->change(&r, &cs->changes[i]);
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

/* ---- shared helpers ---- */

size_t rpt_anchor(const nd_changeset *cs, const nd_change *c,
                  const nd_doc **doc)
{
	if (c->nnew) {
		*doc = cs->new;
		return c->new[0];
	}
	*doc = cs->old;
	return c->nold ? c->old[0] : ND_NO_PARENT;
}

/* Does the label name itself fully: a dotted number ("6.3.", "1.1.2")
 * carries its parent's number already. */
static int self_qualified(const char *label)
{
	const char *dot = strchr(label, '.');

	return dot && dot > label && dot[-1] >= '0' && dot[-1] <= '9' &&
	       dot[1] >= '0' && dot[1] <= '9';
}

/* An item's label with the labels of the items it is nested in, so that
 * the (a) under (7) reads "(7)(a)" and is not taken for a top-level (a);
 * a label that already names its parent ("6.3." under "6.") is printed
 * as the document prints it. */
static int item_label(nd_buf *out, const nd_doc *d, size_t i)
{
	size_t p = d->clauses[i].parent;
	int err = 0;

	if (d->clauses[i].kind == ND_CLAUSE_ITEM && p != ND_NO_PARENT &&
	    d->clauses[p].kind == ND_CLAUSE_ITEM && !self_qualified(nd_doc_label(d, i)))
		err = item_label(out, d, p);
	return err ? err : nd_buf_puts(out, nd_doc_label(d, i));
}

int rpt_labels(nd_buf *out, const nd_doc *d, const size_t *idx, size_t n)
{
	size_t k;
	int err = 0;

	for (k = 0; k < n && !err; k++) {
		const char *label = nd_doc_label(d, idx[k]);

		if (k)
			err = nd_buf_puts(out, " + ");
		if (err)
			break;
		if (*label)
			err = item_label(out, d, idx[k]);
		else
			err = nd_buf_printf(out, "[%s]",
			                    nd_clause_kind_name(d->clauses[idx[k]].kind));
	}
	return err;
}

int rpt_label_pair(nd_buf *out, const nd_changeset *cs, const nd_change *c)
{
	nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
	int err;

	err = rpt_labels(&a, cs->old, c->old, c->nold);
	if (!err)
		err = rpt_labels(&b, cs->new, c->new, c->nnew);
	if (!err) {
		if (!c->nnew)
			err = nd_buf_put(out, a.ptr, a.len);
		else if (!c->nold || rpt_same(&a, &b))
			err = nd_buf_put(out, b.ptr, b.len);
		else
			err = nd_buf_printf(out, "%s \xE2\x86\x92 %s", a.ptr, b.ptr);
	}
	nd_buf_dispose(&a);
	nd_buf_dispose(&b);
	return err;
}

const char *const rpt_flag_keys[RPT_NFLAGS] = {
	"moved", "renumbered", "editorial", "xref_only", "layout"};
const char *const rpt_flag_words[RPT_NFLAGS] = {
	"moved", "renumbered", "editorial", "cross-references only", "layout only"};

void rpt_flag_counts(const nd_summary *s, size_t out[RPT_NFLAGS])
{
	out[0] = s->moved;
	out[1] = s->renumbered;
	out[2] = s->editorial;
	out[3] = s->xref_only;
	out[4] = s->layout;
}

int rpt_version(nd_buf *out, const nd_docinfo *info)
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

int rpt_kind_words(nd_buf *out, const nd_change *c)
{
	return nd_buf_printf(out, "%s%s%s%s%s", c->moved ? "moved, " : "",
	                     nd_change_kind_name(c->kind),
	                     c->editorial ? " (editorial)" : "",
	                     c->xref_only ? " (cross-references only)" : "",
	                     c->layout ? " (layout only)" : "");
}

int nd_report_change_name(nd_buf *out, const nd_changeset *cs,
                          const nd_change *c)
{
	nd_buf raw = ND_BUF_INIT;
	int err = rpt_label_pair(&raw, cs, c);

	if (!err && raw.len)
		err = nd_buf_putc(&raw, ' ');
	if (!err)
		err = rpt_kind_words(&raw, c);
	if (!err)
		err = nd_utf8_escape(out, raw.ptr, raw.len, 0);
	nd_buf_dispose(&raw);
	return err;
}

int rpt_within_words(nd_buf *out, size_t n)
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

int rpt_heading_name(nd_buf *out, const nd_doc *d, size_t i)
{
	const nd_clause *c = &d->clauses[i];
	int err = nd_buf_puts(out, nd_doc_label(d, i));

	if (!err && c->family >= 0 && c->body_len) {
		err = nd_buf_putc(out, ' ');
		if (!err)
			err = nd_buf_put(out, nd_doc_body(d, i), c->body_len);
	}
	return err;
}

/* The headings from k up to the top, written top first; *any says whether
 * one was written before. */
static int headings_up(nd_buf *out, const nd_doc *d, size_t k, int *any)
{
	int err;

	if (k == ND_NO_PARENT)
		return 0;
	if ((err = headings_up(out, d, d->clauses[k].parent, any)) != 0 ||
	    d->clauses[k].kind != ND_CLAUSE_HEADING)
		return err;
	if (*any && (err = nd_buf_puts(out, " \xE2\x80\xBA ")) != 0)
		return err;
	*any = 1;
	return rpt_heading_name(out, d, k);
}

int rpt_context(nd_buf *out, const nd_doc *d, size_t i, int self)
{
	int any = 0;

	if (i == ND_NO_PARENT)
		return 0;
	return headings_up(out, d, self ? i : d->clauses[i].parent, &any);
}

/* How a walk over a change's word edits reads them: the provisions whose
 * texts cut it into parts, and the ops that are not part of those texts
 * (shown where they fall, or left out). */
typedef struct walk {
	const nd_doc *d;   /* the document of the provisions */
	const size_t *idx; /* the provisions, in order */
	size_t n;          /* how many */
	nd_op_kind other;  /* the ops of the other side */
	int keep_other;    /* 1: pass them on (a redline); 0: drop them */
} walk;

/* Offsets, in the walk's provisions' texts joined by single spaces, of the
 * joining spaces; NULL (and *nparts = 1) when the edits do not spell that
 * text, so the text cannot be cut by provision. */
static size_t *part_bounds(const nd_change *c, const walk *w, size_t *nparts,
                           int *err)
{
	size_t *bound, k, total = 0, pos = 0, next = 0;

	*nparts = 1;
	*err = 0;
	if (w->n < 2)
		return NULL;
	if ((bound = malloc((w->n - 1) * sizeof(size_t))) == NULL) {
		*err = nd_error_oom();
		return NULL;
	}
	for (k = 0; k < w->n; k++) {
		total += w->d->clauses[w->idx[k]].body_len;
		if (k + 1 < w->n)
			bound[k] = total++;
	}
	for (k = 0; k < c->diff.n; k++) {
		const nd_op *op = &c->diff.ops[k];

		if (op->kind == w->other)
			continue;
		while (next + 1 < w->n && bound[next] < pos + op->len) {
			if (bound[next] < pos || op->text[bound[next] - pos] != ' ')
				goto nope;
			next++;
		}
		pos += op->len;
	}
	if (pos != total || next + 1 != w->n)
		goto nope;
	*nparts = w->n;
	return bound;
nope:
	free(bound);
	return NULL;
}

/* A change without edits: its texts whole, one part per provision; the
 * redline of a removal shows the removed texts as one paragraph. */
static int whole_texts(const nd_changeset *cs, const nd_change *c,
                       const walk *w, size_t *nparts, rpt_piece_fn fn,
                       void *ud)
{
	const nd_doc *d = w->d;
	const size_t *idx = w->idx;
	size_t n = w->n, k;
	int joined = !n && w->keep_other, err = 0;
	nd_op_kind kind = c->kind == ND_CHANGE_ADDED ? ND_OP_INSERT
	                  : c->kind == ND_CHANGE_REMOVED ? ND_OP_DELETE
	                                                 : ND_OP_EQUAL;

	if (joined) {
		d = cs->old;
		idx = c->old;
		n = c->nold;
	}
	*nparts = joined ? 1 : n;
	for (k = 0; fn && k < n && !err; k++) {
		if (joined && k)
			err = fn(ud, 0, kind, " ", 1);
		if (!err)
			err = fn(ud, joined ? 0 : k, kind, nd_doc_body(d, idx[k]),
			         d->clauses[idx[k]].body_len);
	}
	return err;
}

static int walk_ops(const nd_changeset *cs, const nd_change *c, const walk *w,
                    size_t *nparts, rpt_piece_fn fn, void *ud)
{
	size_t *bound, k, part = 0, pos = 0;
	int err;

	if (!c->diff.n)
		return whole_texts(cs, c, w, nparts, fn, ud);
	bound = part_bounds(c, w, nparts, &err);
	if (!w->n && !w->keep_other)
		*nparts = 0; /* a side without provisions has no text */
	for (k = 0; fn && k < c->diff.n && !err; k++) {
		const nd_op *op = &c->diff.ops[k];
		size_t i = 0, take;

		if (op->kind == w->other) {
			if (op->len && w->keep_other)
				err = fn(ud, part, op->kind, op->text, op->len);
			continue;
		}
		while (i < op->len && !err) {
			if (part + 1 < *nparts && pos == bound[part]) {
				/* the space that joined two provisions: not shown */
				pos++;
				i++;
				part++;
				continue;
			}
			take = op->len - i;
			if (part + 1 < *nparts && bound[part] - pos < take)
				take = bound[part] - pos;
			err = fn(ud, part, op->kind, op->text + i, take);
			pos += take;
			i += take;
		}
	}
	free(bound);
	return err;
}

int rpt_redline(const nd_changeset *cs, const nd_change *c, size_t *nparts,
                rpt_piece_fn fn, void *ud)
{
	walk w = {cs->new, c->new, c->nnew, ND_OP_DELETE, 1};

	return walk_ops(cs, c, &w, nparts, fn, ud);
}

int rpt_side(const nd_changeset *cs, const nd_change *c, int old,
             size_t *nparts, rpt_piece_fn fn, void *ud)
{
	walk w = {old ? cs->old : cs->new, old ? c->old : c->new,
	          old ? c->nold : c->nnew, old ? ND_OP_INSERT : ND_OP_DELETE, 0};

	return walk_ops(cs, c, &w, nparts, fn, ud);
}

/* Zero-width: combining marks, zero-width spaces and joiners, variation
 * selectors. Wide: the East Asian Wide and Fullwidth blocks and the
 * pictographs terminals draw two columns wide. Sorted ranges. */
static const uint32_t zero_ranges[][2] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
	{0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},
	{0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x20D0, 0x20FF},
	{0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
};

static const uint32_t wide_ranges[][2] = {
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x2E80, 0x303E},
	{0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
	{0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19},
	{0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
	{0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static int in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < r[mid][0])
			hi = mid;
		else if (cp > r[mid][1])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

unsigned rpt_cp_width(uint32_t cp)
{
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, zero_ranges, sizeof(zero_ranges) / sizeof(zero_ranges[0])))
		return 0;
	if (in_ranges(cp, wide_ranges, sizeof(wide_ranges) / sizeof(wide_ranges[0])))
		return 2;
	return 1;
}

size_t rpt_width(const char *s, size_t len)
{
	size_t i = 0, w = 0, n;
	uint32_t cp;

	while (i < len) {
		n = nd_utf8_decode(s + i, len - i, &cp);
		w += n ? rpt_cp_width(cp) : 1;
		i += n ? n : 1;
	}
	return w;
}
