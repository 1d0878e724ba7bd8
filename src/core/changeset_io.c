/* changeset_io.c - a change set to bytes and back (changeset_io.h).
 *
 * Design. The bytes are text, one line per record, so an entry can be read
 * with a pager when something looks wrong:
 *
 *   normdiff-changeset 1
 *   docs OLD_N OLD_HASH NEW_N NEW_HASH
 *   notes K
 *   LEN NOTE                                  (K lines)
 *   changes N
 *   KIND MOVED RENUM EDIT XREF LAYOUT SIM WITHIN NOLD O.. NNEW N.. \
 *       DSIM DEDIT DCAPPED NOPS OP..          (N lines)
 *   end
 *
 * Numbers are decimal without leading zeros, hashes and similarities 16
 * lowercase hex digits (a hash: nd_hash of the normalised text; a
 * similarity: the bits of the IEEE double, so it comes back exact and no
 * locale can change it), an op is its kind's letter (e, d, i) and its
 * length. Only one way of writing a change set is accepted, so whatever
 * loads saves again to the same bytes.
 *
 * Loading trusts nothing: every number is bounded before it sizes an
 * allocation (a record's provisions by the document, its ops by the bytes
 * of its two texts, since no op is empty), every provision is marked seen
 * once, and the ops are walked over the texts they claim to cover, EQUAL
 * pieces compared on both sides, so a text pointer is only ever made from
 * an offset inside its text. The joined texts of splits and merges are
 * rebuilt as the alignment builds them; each provision is in one record, so
 * loading is linear in the bytes and the texts. The summary is counted from
 * the records, as the alignment counts it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normdiff/buf.h"
#include "normdiff/changeset_io.h"
#include "normdiff/error.h"
#include "normdiff/utf8.h"

#define MAGIC "normdiff-changeset"
#define MAX_NOTES 64      /* the alignment writes at most a handful */
#define MAX_NOTE_LEN 4096 /* and each in under 256 bytes */

static const char op_letter[3] = {'e', 'd', 'i'};

static uint64_t doc_hash(const nd_doc *d)
{
	return d->text && d->text->buf ? nd_hash(d->text->buf, d->text->len) : 0;
}

static uint64_t double_bits(double x)
{
	uint64_t u;

	memcpy(&u, &x, sizeof(u));
	return u;
}

static int save_change(nd_buf *out, const nd_change *c)
{
	size_t k;
	int err;

	err = nd_buf_printf(out, "%d %d %d %d %d %d %016llx %zu %zu", (int)c->kind,
	                    c->moved, c->renumbered, c->editorial, c->xref_only,
	                    c->layout, (unsigned long long)double_bits(c->similarity),
	                    c->changed_within, c->nold);
	for (k = 0; k < c->nold && !err; k++)
		err = nd_buf_printf(out, " %zu", c->old[k]);
	err = err ? err : nd_buf_printf(out, " %zu", c->nnew);
	for (k = 0; k < c->nnew && !err; k++)
		err = nd_buf_printf(out, " %zu", c->new[k]);
	err = err ? err : nd_buf_printf(out, " %016llx %d %d %zu",
	                                (unsigned long long)double_bits(c->diff.similarity),
	                                c->diff.editorial, c->diff.capped, c->diff.n);
	for (k = 0; k < c->diff.n && !err; k++)
		err = nd_buf_printf(out, " %c%zu", op_letter[c->diff.ops[k].kind % 3],
		                    c->diff.ops[k].len);
	return err ? err : nd_buf_putc(out, '\n');
}

int nd_changeset_save(nd_buf *out, const nd_changeset *cs)
{
	size_t i;
	int err;

	err = nd_buf_printf(out, MAGIC " %d\ndocs %zu %016llx %zu %016llx\nnotes %zu\n",
	                    ND_CHANGESET_FORMAT, cs->old->n,
	                    (unsigned long long)doc_hash(cs->old), cs->new->n,
	                    (unsigned long long)doc_hash(cs->new), cs->nnotes);
	for (i = 0; i < cs->nnotes && !err; i++)
		err = nd_buf_printf(out, "%zu %s\n", strlen(cs->notes[i]), cs->notes[i]);
	err = err ? err : nd_buf_printf(out, "changes %zu\n", cs->n);
	for (i = 0; i < cs->n && !err; i++)
		err = save_change(out, &cs->changes[i]);
	return err ? err : nd_buf_puts(out, "end\n");
}

/* --- loading ------------------------------------------------------------- */

typedef struct reader {
	const char *start; /* the bytes */
	const char *p;     /* the next one */
	const char *end;   /* one past the last */
	const char *why;   /* what was wrong, for the message */
	int oom;           /* an allocation failed */
} reader;

/* Fail with `why` (the first reason is kept); returns -1. */
static int bad(reader *r, const char *why)
{
	if (!r->why)
		r->why = why;
	return -1;
}

/* The literal s, then the separator sep. */
static int lit(reader *r, const char *s, char sep)
{
	size_t n = strlen(s);

	if ((size_t)(r->end - r->p) < n + 1 || memcmp(r->p, s, n) || r->p[n] != sep)
		return bad(r, "unexpected bytes");
	r->p += n + 1;
	return 0;
}


/* The byte ch. */
static int expect(reader *r, char ch)
{
	if (r->p == r->end || *r->p != ch)
		return bad(r, "a missing separator");
	r->p++;
	return 0;
}

/* A decimal number at most max, without leading zeros. */
static int digits(reader *r, size_t max, size_t *v)
{
	size_t x = 0, d;
	const char *s = r->p;

	while (r->p < r->end && *r->p >= '0' && *r->p <= '9') {
		d = (size_t)(*r->p - '0');
		if (d > max || x > (max - d) / 10)
			return bad(r, "a number out of range");
		x = x * 10 + d;
		r->p++;
	}
	if (r->p == s || (r->p - s > 1 && *s == '0'))
		return bad(r, "a malformed number");
	*v = x;
	return 0;
}

/* A number at most max, then sep. */
static int num(reader *r, size_t max, char sep, size_t *v)
{
	return digits(r, max, v) || expect(r, sep) ? -1 : 0;
}

/* A flag: 0 or 1, then sep. */
static int flag(reader *r, char sep, int *v)
{
	size_t x;

	if (num(r, 1, sep, &x))
		return -1;
	*v = (int)x;
	return 0;
}

/* 16 lowercase hex digits, then sep. */
static int hex64(reader *r, char sep, uint64_t *v)
{
	uint64_t x = 0;
	int k;

	if (r->end - r->p < 16)
		return bad(r, "a truncated hex number");
	for (k = 0; k < 16; k++) {
		char ch = r->p[k];

		if (ch >= '0' && ch <= '9')
			x = x << 4 | (uint64_t)(ch - '0');
		else if (ch >= 'a' && ch <= 'f')
			x = x << 4 | (uint64_t)(ch - 'a' + 10);
		else
			return bad(r, "a malformed hex number");
	}
	r->p += 16;
	*v = x;
	return expect(r, sep);
}

/* A similarity: the bits of a double in 0..1, then sep. */
static int similarity(reader *r, char sep, double *v)
{
	uint64_t u;
	double x;

	if (hex64(r, sep, &u))
		return -1;
	memcpy(&x, &u, sizeof(x));
	if (!(x >= 0 && x <= 1))
		return bad(r, "a similarity outside 0..1");
	*v = x;
	return 0;
}

static int oom(reader *r)
{
	r->oom = 1;
	return -1;
}

/* "notes K" and K lines "LEN NOTE": a note is one line of safe UTF-8. */
static int read_notes(reader *r, nd_changeset *cs)
{
	size_t k, n, len, i, used;
	uint32_t cp;

	if (lit(r, "notes", ' ') || num(r, MAX_NOTES, '\n', &n))
		return -1;
	if ((cs->notes = calloc(n + 1, sizeof(char *))) == NULL)
		return oom(r);
	for (k = 0; k < n; k++) {
		const char *s;

		if (num(r, MAX_NOTE_LEN, ' ', &len))
			return -1;
		if ((size_t)(r->end - r->p) < len + 1 || r->p[len] != '\n')
			return bad(r, "a truncated note");
		s = r->p;
		for (i = 0; i < len; i += used)
			if ((used = nd_utf8_decode(s + i, len - i, &cp)) == 0 ||
			    nd_utf8_is_unsafe(cp))
				return bad(r, "a note that is not one line of text");
		if ((cs->notes[k] = nd_strndup(s, len)) == NULL)
			return oom(r);
		cs->nnotes = k + 1;
		r->p += len + 1;
	}
	return 0;
}

/* The provisions of one side of a record: a count, then as many indices,
 * each below d->n, ascending, and in no other record; each then ' '. */
static int read_side(reader *r, const nd_doc *d, unsigned char *seen,
                     size_t **idx, size_t *n)
{
	size_t k, count, i;

	if (num(r, d->n, ' ', &count))
		return -1;
	if (count && (*idx = malloc(count * sizeof(size_t))) == NULL)
		return oom(r);
	for (k = 0; k < count; k++) {
		if (num(r, d->n - 1, ' ', &i)) /* count > 0, so d->n > 0 */
			return -1;
		if (k && i <= (*idx)[k - 1])
			return bad(r, "a record's provisions out of order");
		if (seen[i]++)
			return bad(r, "a provision in two records");
		(*idx)[k] = i;
		*n = k + 1;
	}
	return 0;
}

/* The text the edits of one side run over: nothing, one body, or the
 * bodies joined by a space (then owned in *joined), as align_build.c
 * makes them. */
static int side_text(reader *r, const nd_doc *d, const size_t *idx, size_t n,
                     char **joined, const char **text, size_t *len)
{
	nd_buf b = ND_BUF_INIT;

	*text = "";
	*len = 0;
	if (n == 1) {
		*text = nd_doc_body(d, idx[0]);
		*len = d->clauses[idx[0]].body_len;
		return 0;
	}
	if (nd_doc_join_bodies(&b, d, idx, n)) {
		nd_buf_dispose(&b);
		return oom(r);
	}
	if (n) {
		*len = b.len;
		*text = *joined = nd_buf_detach(&b);
	}
	return 0;
}

/* The edits: a count, then " KIND LEN" each, then the end of the line.
 * They must walk a[0..alen) and b[0..blen) to their ends, equal pieces
 * equal on both sides, no op empty, no two of a kind in a row, and
 * between equal pieces at most one deletion and then one insertion (as
 * worddiff.c writes them). */
static int read_ops(reader *r, nd_wdiff *w, const char *a, size_t alen,
                    const char *b, size_t blen)
{
	size_t k, n, len, ai = 0, bi = 0;
	int del = 0, ins = 0;
	nd_op *o;

	if (digits(r, alen + blen, &n))
		return -1;
	if (n && (w->ops = malloc(n * sizeof(nd_op))) == NULL)
		return oom(r);
	w->cap = n;
	for (k = 0; k < n; k++) {
		o = &w->ops[k];
		if (expect(r, ' ') || r->p == r->end)
			return bad(r, "a truncated edit");
		if (*r->p == 'e')
			o->kind = ND_OP_EQUAL;
		else if (*r->p == 'd')
			o->kind = ND_OP_DELETE;
		else if (*r->p == 'i')
			o->kind = ND_OP_INSERT;
		else
			return bad(r, "an edit of no kind");
		r->p++;
		if (digits(r, SIZE_MAX, &len))
			return -1;
		if (!len)
			return bad(r, "an empty edit");
		if (o->kind != ND_OP_INSERT && len > alen - ai)
			return bad(r, "edits longer than the old text");
		if (o->kind != ND_OP_DELETE && len > blen - bi)
			return bad(r, "edits longer than the new text");
		if (o->kind == ND_OP_EQUAL) {
			if (memcmp(a + ai, b + bi, len))
				return bad(r, "an equal piece that differs");
			if (k && w->ops[k - 1].kind == ND_OP_EQUAL)
				return bad(r, "two equal pieces in a row");
			del = ins = 0;
		} else if (o->kind == ND_OP_DELETE) {
			if (del || ins)
				return bad(r, "a deletion after another edit");
			del = 1;
		} else {
			if (ins)
				return bad(r, "two insertions in a row");
			ins = 1;
		}
		o->text = o->kind == ND_OP_INSERT ? b + bi : a + ai;
		o->len = len;
		ai += o->kind != ND_OP_INSERT ? len : 0;
		bi += o->kind != ND_OP_DELETE ? len : 0;
		w->n = k + 1;
	}
	if (ai != alen || bi != blen)
		return bad(r, "edits that do not cover both texts");
	return expect(r, '\n');
}

/* Does a record of kind k fit nold and nnew provisions (and its flags)? */
static int kind_fits(const nd_change *c, const char *a, size_t alen,
                     const char *b, size_t blen)
{
	int ok;

	switch (c->kind) {
	case ND_CHANGE_ADDED: ok = c->nold == 0 && c->nnew == 1; break;
	case ND_CHANGE_REMOVED: ok = c->nold == 1 && c->nnew == 0; break;
	case ND_CHANGE_SPLIT: ok = c->nold == 1 && c->nnew >= 2; break;
	case ND_CHANGE_MERGED: ok = c->nold >= 2 && c->nnew >= 1; break;
	case ND_CHANGE_UNCHANGED: ok = c->nold == 1 && c->nnew == 1; break;
	case ND_CHANGE_MODIFIED:
		ok = c->nold == 1 && c->nnew == 1 &&
		     (alen != blen || memcmp(a, b, alen) != 0);
		break;
	default: ok = 0;
	}
	if ((c->editorial || c->xref_only) && c->kind != ND_CHANGE_MODIFIED)
		ok = 0;
	if (c->layout && c->kind != ND_CHANGE_SPLIT && c->kind != ND_CHANGE_MERGED)
		ok = 0;
	return ok;
}

/* One record's line. */
static int read_change(reader *r, nd_changeset *cs, nd_change *c,
                       unsigned char *seen_old, unsigned char *seen_new)
{
	const char *a, *b;
	size_t kind, alen, blen;

	nd_wdiff_init(&c->diff);
	if (num(r, ND_CHANGE_KINDS - 1, ' ', &kind) || flag(r, ' ', &c->moved) ||
	    flag(r, ' ', &c->renumbered) || flag(r, ' ', &c->editorial) ||
	    flag(r, ' ', &c->xref_only) || flag(r, ' ', &c->layout) ||
	    similarity(r, ' ', &c->similarity) ||
	    num(r, cs->old->n + cs->new->n, ' ', &c->changed_within) ||
	    read_side(r, cs->old, seen_old, &c->old, &c->nold) ||
	    read_side(r, cs->new, seen_new, &c->new, &c->nnew) ||
	    similarity(r, ' ', &c->diff.similarity) ||
	    flag(r, ' ', &c->diff.editorial) || flag(r, ' ', &c->diff.capped))
		return -1;
	c->kind = (nd_change_kind)kind;
	if (side_text(r, cs->old, c->old, c->nold, &c->old_joined, &a, &alen) ||
	    side_text(r, cs->new, c->new, c->nnew, &c->new_joined, &b, &blen) ||
	    read_ops(r, &c->diff, a, alen, b, blen))
		return -1;
	if (!kind_fits(c, a, alen, b, blen))
		return bad(r, "a record whose kind does not fit its provisions");
	return 0;
}

/* Count the records as build_changes() does. */
static void summarise(nd_changeset *cs)
{
	size_t i;

	for (i = 0; i < cs->n; i++)
		nd_summary_count(&cs->summary, &cs->changes[i]);
}

/* The header, the notes and the records; every provision seen once. */
static int read_all(reader *r, nd_changeset *cs, unsigned char *seen_old,
                    unsigned char *seen_new)
{
	size_t version, n, i;
	uint64_t h;

	if (lit(r, MAGIC, ' ') || num(r, SIZE_MAX, '\n', &version))
		return -1;
	if (version != ND_CHANGESET_FORMAT)
		return bad(r, "another format version");
	if (lit(r, "docs", ' ') || num(r, SIZE_MAX, ' ', &n) || n != cs->old->n ||
	    hex64(r, ' ', &h) || h != doc_hash(cs->old) ||
	    num(r, SIZE_MAX, ' ', &n) || n != cs->new->n ||
	    hex64(r, '\n', &h) || h != doc_hash(cs->new))
		return bad(r, "the change set of other versions");
	if (read_notes(r, cs) || lit(r, "changes", ' ') ||
	    num(r, cs->old->n + cs->new->n, '\n', &n))
		return -1;
	if ((cs->changes = calloc(n + 1, sizeof(nd_change))) == NULL)
		return oom(r);
	for (i = 0; i < n; i++) {
		cs->n = i + 1;
		if (read_change(r, cs, &cs->changes[i], seen_old, seen_new))
			return -1;
	}
	if (lit(r, "end", '\n'))
		return -1;
	if (r->p != r->end)
		return bad(r, "bytes after the end");
	for (i = 0; i < cs->old->n; i++)
		if (!seen_old[i])
			return bad(r, "an old provision in no record");
	for (i = 0; i < cs->new->n; i++)
		if (!seen_new[i])
			return bad(r, "a new provision in no record");
	summarise(cs);
	return 0;
}

int nd_changeset_load(nd_changeset **out, const nd_doc *old, const nd_doc *new,
                      const char *data, size_t len)
{
	reader r = {data, data, data + len, NULL, 0};
	unsigned char *seen_old = NULL, *seen_new = NULL;
	nd_changeset *cs;
	int err = 0;

	*out = NULL;
	cs = calloc(1, sizeof(*cs));
	seen_old = calloc(old->n + 1, 1);
	seen_new = calloc(new->n + 1, 1);
	if (!cs || !seen_old || !seen_new) {
		err = nd_error_oom();
		goto done;
	}
	cs->old = old;
	cs->new = new;
	if (read_all(&r, cs, seen_old, seen_new)) {
		err = r.oom ? nd_error_oom() :
		      nd_error_set(ND_ECORRUPT, "the saved change set is damaged at "
		                   "byte %zu: %s", (size_t)(r.p - r.start),
		                   r.why ? r.why : "unexpected bytes");
		goto done;
	}
	*out = cs;
	cs = NULL;
done:
	nd_changeset_free(cs);
	free(seen_old);
	free(seen_new);
	return err;
}
