/* walk.c - a change set read as reports and the UI show it (walk.h).
 *
 * Names: a change is named by the labels of its provisions, nested items
 * with their parents' labels, and placed by the headings above its anchor.
 * Walks: the word edits of a change are passed on in order, cut where the
 * texts of its provisions meet (the provisions' texts joined by single
 * spaces are what the edits spell); when they do not spell those texts
 * the change is one part. A change without edits shows its texts whole.
 * Everything is linear in the provisions and edits of the change, but for
 * the heading path, which is linear in the depth of the provision.
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/walk.h"

/* 1 if a and b hold the same bytes. */
static int same(const nd_buf *a, const nd_buf *b)
{
	return a->len == b->len && (!a->len || !memcmp(a->ptr, b->ptr, a->len));
}

size_t nd_anchor(const nd_changeset *cs, const nd_change *c,
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

int nd_labels(nd_buf *out, const nd_doc *d, const size_t *idx, size_t n)
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

int nd_label_pair(nd_buf *out, const nd_changeset *cs, const nd_change *c)
{
	nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
	int err;

	err = nd_labels(&a, cs->old, c->old, c->nold);
	if (!err)
		err = nd_labels(&b, cs->new, c->new, c->nnew);
	if (!err) {
		if (!c->nnew)
			err = nd_buf_put(out, a.ptr, a.len);
		else if (!c->nold || same(&a, &b))
			err = nd_buf_put(out, b.ptr, b.len);
		else
			err = nd_buf_printf(out, "%s \xE2\x86\x92 %s", a.ptr, b.ptr);
	}
	nd_buf_dispose(&a);
	nd_buf_dispose(&b);
	return err;
}

int nd_is_quiet(const nd_change *c)
{
	return c->kind == ND_CHANGE_UNCHANGED && !c->moved;
}

void nd_flag_counts(const nd_summary *s, size_t out[ND_NFLAGS])
{
	out[0] = s->moved;
	out[1] = s->renumbered;
	out[2] = s->editorial;
	out[3] = s->xref_only;
	out[4] = s->layout;
}

/* A heading as a reader knows it: its label, then its title after a
 * marker ("Article 5 Purpose"); the label alone when unmarked. */
static int heading_name(nd_buf *out, const nd_doc *d, size_t i)
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
	return heading_name(out, d, k);
}

int nd_context(nd_buf *out, const nd_doc *d, size_t i, int self)
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
                       const walk *w, size_t *nparts, nd_piece_fn fn,
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
                    size_t *nparts, nd_piece_fn fn, void *ud)
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

int nd_redline(const nd_changeset *cs, const nd_change *c, size_t *nparts,
                nd_piece_fn fn, void *ud)
{
	return nd_redline_at(cs, c, 0, nparts, fn, ud);
}

int nd_redline_at(const nd_changeset *cs, const nd_change *c, int old,
                  size_t *nparts, nd_piece_fn fn, void *ud)
{
	walk w = {old ? cs->old : cs->new, old ? c->old : c->new,
	          old ? c->nold : c->nnew, old ? ND_OP_INSERT : ND_OP_DELETE, 1};

	return walk_ops(cs, c, &w, nparts, fn, ud);
}

int nd_side(const nd_changeset *cs, const nd_change *c, int old,
             size_t *nparts, nd_piece_fn fn, void *ud)
{
	walk w = {old ? cs->old : cs->new, old ? c->old : c->new,
	          old ? c->nold : c->nnew, old ? ND_OP_INSERT : ND_OP_DELETE, 0};

	return walk_ops(cs, c, &w, nparts, fn, ud);
}

size_t nd_prev_sibling(const nd_doc *d, size_t i)
{
	size_t k, parent = d->clauses[i].parent;

	if (i == 0 || i - 1 == parent)
		return ND_NO_PARENT; /* a first child follows its parent */
	/* clause i - 1 is the last of the subtree of the sibling before i:
	 * climbed to from there, a step a level, not one a clause of that
	 * subtree (an article of a hundred items before the next) */
	for (k = i - 1; d->clauses[k].parent != parent; k = d->clauses[k].parent)
		if (d->clauses[k].parent == ND_NO_PARENT)
			return ND_NO_PARENT;
	return k;
}
