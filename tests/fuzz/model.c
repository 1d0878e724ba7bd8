/* model.c - oracles over the core's structures: a parsed document, a word
 * diff and a change set. Each check restates a promise of the public
 * headers (clause.h, text.h, worddiff.h, changeset.h) and aborts through
 * fuzz_fail() when it does not hold.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/error.h"

const nd_grammar *fuzz_default_grammar(void)
{
	static nd_grammar *g;

	if (!g && nd_grammar_default(&g))
		fuzz_fail("grammar", "the built-in grammar does not build", NULL, 0);
	return g;
}

int fuzz_one_doc(const char *s, size_t n, nd_doc **d)
{
	if (!n ? nd_doc_empty(d) : nd_doc_parse(d, s, n, fuzz_default_grammar())) {
		fuzz_check_error("parse");
		return -1;
	}
	fuzz_check_doc(*d);
	return 0;
}

int fuzz_two_docs(const char *a, size_t alen, const char *b, size_t blen,
                  nd_doc **da, nd_doc **db)
{
	*da = *db = NULL;
	if (fuzz_one_doc(a, alen, da))
		return -1;
	if (fuzz_one_doc(b, blen, db)) {
		nd_doc_free(*da);
		*da = NULL;
		return -1;
	}
	return 0;
}

void fuzz_check_error(const char *what)
{
	/* a message may quote the input as it is (the CLI escapes what it
	 * prints), but it is one line */
	const char *m = nd_error_message();

	if (!*m)
		fuzz_fail(what, "failed without a message", NULL, 0);
	if (strchr(m, '\n'))
		fuzz_fail(what, "the error message is not one line", m, strlen(m));
	nd_error_clear();
}

static int inside(size_t off, size_t len, size_t lo, size_t hi)
{
	return off >= lo && off <= hi && len <= hi - off;
}

static void check_text(const nd_text *t)
{
	size_t k, i, prev = 0;

	if (!t->buf || t->buf[t->len] != '\0' || memchr(t->buf, '\0', t->len))
		fuzz_fail("text", "the buffer is not one NUL-terminated string",
		          NULL, 0);
	for (k = 0; k < t->npara; k++) {
		const nd_para *p = &t->paras[k];

		if (!inside(p->off, p->len, prev, t->len))
			fuzz_fail("text", "paragraphs out of order or outside the buffer",
			          t->buf, t->len);
		if (memchr(t->buf + p->off, '\n', p->len))
			fuzz_fail("text", "a paragraph holds a newline", t->buf, t->len);
		for (i = 0; i < p->len; i++) {
			char c = t->buf[p->off + i];

			if (c == '\t' || c == '\r' || c == '\f' || c == '\v')
				fuzz_fail("text", "white space other than single spaces",
				          t->buf + p->off, p->len);
		}
		if (p->line == 0 || p->last_line < p->line ||
		    p->last_line > t->source_lines)
			fuzz_fail("text", "a paragraph's source lines are wrong", NULL, 0);
		prev = p->off + p->len;
	}
	for (k = 1; k < t->nmarks; k++)
		if (t->marks[k].off < t->marks[k - 1].off)
			fuzz_fail("text", "the line map is not in ascending order",
			          NULL, 0);
}

/* Pre-order: every clause's parent is the clause before it or one of
 * that one's ancestors, and each subtree ends right after its last
 * descendant. Linear: a stack of the path to the previous clause, and
 * subtree ends computed from the back. */
static void check_tree(const nd_doc *d)
{
	size_t *path = malloc((d->n + 1) * sizeof(size_t));
	size_t *end = malloc((d->n + 1) * sizeof(size_t));
	size_t depth = 0, i, p;

	if (!path || !end)
		fuzz_fail("doc", "out of memory", NULL, 0);
	for (i = 0; i < d->n; i++) {
		p = d->clauses[i].parent;
		while (depth && path[depth - 1] != p)
			depth--;
		if (p != ND_NO_PARENT && !depth)
			fuzz_fail("doc", "a parent that is not an ancestor of the clause "
			          "before (not pre-order)", NULL, 0);
		path[depth++] = i;
		end[i] = i + 1;
	}
	for (i = d->n; i-- > 0;) {
		p = d->clauses[i].parent;
		if (end[i] != d->clauses[i].end)
			fuzz_fail("doc", "a subtree end that is not one past its last "
			          "descendant", NULL, 0);
		if (p != ND_NO_PARENT && end[i] > end[p])
			end[p] = end[i];
	}
	free(path);
	free(end);
}

void fuzz_check_doc(const nd_doc *d)
{
	const nd_text *t = d->text;
	size_t i;

	check_text(t);
	check_tree(d);
	for (i = 0; i < d->n; i++) {
		const nd_clause *c = &d->clauses[i];
		const char *label;

		if (!inside(c->off, c->len, 0, t->len) ||
		    !inside(c->body_off, c->body_len, c->off, c->off + c->len) ||
		    (c->head_len &&
		     !inside(c->head_off, c->head_len, c->off, c->off + c->len)))
			fuzz_fail("doc", "a clause's text lies outside its paragraph",
			          NULL, 0);
		if (c->parent != ND_NO_PARENT) {
			if (c->parent >= i)
				fuzz_fail("doc", "a parent after its child", NULL, 0);
			if (d->clauses[c->parent].end < c->end ||
			    c->depth != d->clauses[c->parent].depth + 1)
				fuzz_fail("doc", "a child outside its parent's subtree or "
				          "at the wrong depth", NULL, 0);
		} else if (c->depth != 0)
			fuzz_fail("doc", "a top-level clause not at depth 0", NULL, 0);
		if (c->end <= i || c->end > d->n)
			fuzz_fail("doc", "a subtree end out of range", NULL, 0);
		if (c->label >= d->labels.len + (d->labels.len == 0))
			fuzz_fail("doc", "a label outside the label buffer", NULL, 0);
		label = nd_doc_label(d, i);
		if (strchr(label, '\n'))
			fuzz_fail("doc", "a label holds a newline", label, strlen(label));
		if (c->hash != nd_hash_block(nd_doc_body(d, i), c->body_len))
			fuzz_fail("doc", "a body hash is not the hash of the body",
			          NULL, 0);
		if (c->line == 0 || c->last_line < c->line)
			fuzz_fail("doc", "a clause's source lines are wrong", NULL, 0);
		(void)nd_clause_kind_name(c->kind);
	}
}

void fuzz_check_wdiff(const nd_wdiff *w, const char *a, size_t alen,
                      const char *b, size_t blen)
{
	size_t k, ai = 0, bi = 0;
	int del = 0, ins = 0;

	if (!(w->similarity >= 0 && w->similarity <= 1))
		fuzz_fail("word diff", "similarity outside 0..1", NULL, 0);
	for (k = 0; k < w->n; k++) {
		const nd_op *o = &w->ops[k];

		if (!o->len)
			fuzz_fail("word diff", "an empty edit", NULL, 0);
		if (o->kind == ND_OP_EQUAL || o->kind == ND_OP_DELETE) {
			if (o->len > alen - ai || memcmp(o->text, a + ai, o->len))
				fuzz_fail("word diff", "equal and deleted pieces do not "
				          "rebuild the old text", a, alen);
			ai += o->len;
		}
		if (o->kind == ND_OP_EQUAL || o->kind == ND_OP_INSERT) {
			if (o->len > blen - bi || memcmp(o->text, b + bi, o->len))
				fuzz_fail("word diff", "equal and inserted pieces do not "
				          "rebuild the new text", b, blen);
			bi += o->len;
		}
		if (o->kind == ND_OP_EQUAL) {
			del = ins = 0;
		} else if (o->kind == ND_OP_DELETE) {
			if (del || ins)
				fuzz_fail("word diff", "a deletion after another edit "
				          "with no equal text between", NULL, 0);
			del = 1;
		} else {
			if (ins)
				fuzz_fail("word diff", "two insertions with no equal text "
				          "between", NULL, 0);
			ins = 1;
		}
	}
	if (ai != alen || bi != blen)
		fuzz_fail("word diff", "the edits do not cover both texts", NULL, 0);
}

/* The text a change's word edits run over on one side: the bodies of its
 * provisions joined by a space. */
static char *side_text(const nd_doc *d, const size_t *idx, size_t n,
                       size_t *len)
{
	nd_buf b = ND_BUF_INIT;
	size_t k;

	for (k = 0; k < n; k++)
		if ((k && nd_buf_putc(&b, ' ')) ||
		    nd_buf_put(&b, nd_doc_body(d, idx[k]), d->clauses[idx[k]].body_len))
			fuzz_fail("change set", "out of memory", NULL, 0);
	*len = b.len;
	return nd_buf_detach(&b);
}

static void check_kind(const nd_change *c, const nd_align_opts *o,
                       const char *a, size_t alen, const char *b,
                       size_t blen)
{
	int ok;

	switch (c->kind) {
	case ND_CHANGE_ADDED: ok = c->nold == 0 && c->nnew == 1; break;
	case ND_CHANGE_REMOVED: ok = c->nold == 1 && c->nnew == 0; break;
	case ND_CHANGE_SPLIT: ok = c->nold == 1 && c->nnew >= 2; break;
	case ND_CHANGE_MERGED: ok = c->nold >= 2 && c->nnew >= 1; break;
	case ND_CHANGE_UNCHANGED:
	case ND_CHANGE_MODIFIED: ok = c->nold == 1 && c->nnew == 1; break;
	default: ok = 0;
	}
	if (!ok)
		fuzz_fail("change set", "a record's kind does not fit its number of "
		          "provisions", NULL, 0);
	if (!(c->similarity >= 0 && c->similarity <= 1))
		fuzz_fail("change set", "similarity outside 0..1", NULL, 0);
	if (c->kind == ND_CHANGE_UNCHANGED && !o->ignore_case && !o->ignore_punct &&
	    (alen != blen || memcmp(a, b, alen)))
		fuzz_fail("change set", "an unchanged record whose texts differ",
		          NULL, 0);
	if (c->kind == ND_CHANGE_MODIFIED && alen == blen && !memcmp(a, b, alen))
		fuzz_fail("change set", "a modified record whose texts are the same",
		          NULL, 0);
}

void fuzz_check_changeset(const nd_changeset *cs, const nd_align_opts *o)
{
	const nd_doc *od = cs->old, *nw = cs->new;
	unsigned char *seen_old = calloc(od->n + 1, 1);
	unsigned char *seen_new = calloc(nw->n + 1, 1);
	size_t count[ND_CHANGE_KINDS] = {0}, moved = 0, k, j, alen, blen;
	char *a, *b;

	if (!seen_old || !seen_new)
		fuzz_fail("change set", "out of memory", NULL, 0);
	for (k = 0; k < cs->n; k++) {
		const nd_change *c = &cs->changes[k];

		for (j = 0; j < c->nold; j++) {
			if (c->old[j] >= od->n || seen_old[c->old[j]]++)
				fuzz_fail("change set", "an old provision in no record or "
				          "in two", NULL, 0);
			if (j && c->old[j] <= c->old[j - 1])
				fuzz_fail("change set", "a record's old provisions out of "
				          "order", NULL, 0);
		}
		for (j = 0; j < c->nnew; j++) {
			if (c->new[j] >= nw->n || seen_new[c->new[j]]++)
				fuzz_fail("change set", "a new provision in no record or "
				          "in two", NULL, 0);
			if (j && c->new[j] <= c->new[j - 1])
				fuzz_fail("change set", "a record's new provisions out of "
				          "order", NULL, 0);
		}
		if ((unsigned)c->kind >= ND_CHANGE_KINDS)
			fuzz_fail("change set", "a record of no kind", NULL, 0);
		count[c->kind]++;
		moved += c->moved != 0;
		a = side_text(od, c->old, c->nold, &alen);
		b = side_text(nw, c->new, c->nnew, &blen);
		check_kind(c, o, a, alen, b, blen);
		fuzz_check_wdiff(&c->diff, a, alen, b, blen);
		free(a);
		free(b);
	}
	for (k = 0; k < od->n; k++)
		if (!seen_old[k])
			fuzz_fail("change set", "an old provision in no record", NULL, 0);
	for (k = 0; k < nw->n; k++)
		if (!seen_new[k])
			fuzz_fail("change set", "a new provision in no record", NULL, 0);
	for (k = 0; k < ND_CHANGE_KINDS; k++)
		if (count[k] != cs->summary.count[k])
			fuzz_fail("change set", "the summary does not count the records",
			          NULL, 0);
	if (moved != cs->summary.moved)
		fuzz_fail("change set", "the summary does not count the moves",
		          NULL, 0);
	for (k = 0; k < cs->nnotes; k++)
		if (!cs->notes[k] || strchr(cs->notes[k], '\n'))
			fuzz_fail("change set", "a note that is not one sentence", NULL, 0);
	free(seen_old);
	free(seen_new);
}

void fuzz_info_lines(const char *s, size_t n, char *lines[], size_t max,
                     char **store)
{
	size_t k = 0, i;
	char *p = malloc(n + 1);

	if (!p)
		fuzz_fail("info lines", "out of memory", NULL, 0);
	memcpy(p, s, n);
	p[n] = '\0';
	*store = p;
	memset(lines, 0, max * sizeof(lines[0]));
	for (i = 0; n && k < max; k++) {
		lines[k] = p + i;
		while (i < n && p[i] != '\n')
			i++;
		if (i >= n)
			break;
		p[i++] = '\0';
	}
}

const char *fuzz_check_output(const char *format, const char *s, size_t len,
                              const fuzz_html_ref *ref)
{
	const char *why = fuzz_check_safe(s, len, 0);

	if (!why && !strcmp(format, "markdown"))
		why = fuzz_check_markdown(s, len);
	if (!why && !strcmp(format, "history-markdown"))
		why = fuzz_check_markdown_history(s, len);
	if (!why && !strcmp(format, "json"))
		why = fuzz_check_json(s, len);
	if (!why && !strcmp(format, "html"))
		why = fuzz_check_html(s, len, ref);
	return why;
}
