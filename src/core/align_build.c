/* align_build.c - step 5 of the alignment (align.c): the change records, in
 * output order, with their notes.
 *
 *   5. the rest is added or removed; every group gets its word diff.
 *
 * Output order is the new document's; a removed provision goes right after
 * the new counterpart of its nearest aligned old predecessor.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"

#include "align_internal.h"
#include "sort_internal.h"

static int group_before(const group *a, const group *b)
{
	if (a->key != b->key)
		return a->key < b->key;
	return a->tie < b->tie;
}

DEFINE_STABLE_SORT(sort_groups, group, group_before)

/* 5. Singles for what is left, and the output order. */
int finish_groups(aligner *al)
{
	size_t i, last_new = NONE;
	int err = 0;

	for (i = 0; i < al->a->n && !err; i++)
		if (al->match_a[i] == NONE)
			err = add_group(al, &i, 1, NULL, 0);
	for (i = 0; i < al->b->n && !err; i++)
		if (al->match_b[i] == NONE)
			err = add_group(al, NULL, 0, &i, 1);
	if (err)
		return err;
	for (i = 0; i < al->ngroups; i++) {
		group *g = &al->groups[i];

		if (g->nnew) {
			g->key = (double)g->new[0];
			g->tie = 0;
		}
	}
	/* removed: right after the new counterpart of the nearest old
	 * predecessor that kept its place (one that moved is elsewhere now) */
	for (i = 0; i < al->a->n; i++) {
		group *g = &al->groups[al->match_a[i]];

		if (g->nnew) {
			if (!g->moved)
				last_new = g->new[g->nnew - 1];
		} else {
			g->key = last_new == NONE ? -0.5 : (double)last_new + 0.5;
			g->tie = i + 1;
		}
	}
	return sort_groups(al->groups, al->ngroups) ? nd_error_oom() : 0;
}

/* A label that is a number: a marker, or a generated PPn, OPn, ¶n (an
 * unmarked heading's label is its text, whose change is no renumbering). */
/* Does clause i's label carry a number: not an unmarked heading (whose
 * label is its text) nor a bullet ("-" that became "*" is not renumbered). */
static int numbered(const nd_doc *d, size_t i)
{
	return !(d->clauses[i].kind == ND_CLAUSE_HEADING && d->clauses[i].family < 0) &&
	       !d->clauses[i].bullet;
}

static int labels_differ(const aligner *al, const group *g)
{
	if (!g->nold || !g->nnew || !numbered(al->a, g->old[0]) ||
	    !numbered(al->b, g->new[0]))
		return 0;
	return strcmp(nd_doc_label(al->a, g->old[0]), nd_doc_label(al->b, g->new[0])) != 0;
}

/* Texts of several clauses joined by a space (owned). */
static char *join(const nd_doc *d, const size_t *idx, size_t n, size_t *len)
{
	nd_buf b = ND_BUF_INIT;

	if (nd_doc_join_bodies(&b, d, idx, n)) {
		nd_buf_dispose(&b);
		return NULL;
	}
	*len = b.len;
	return nd_buf_detach(&b);
}

/* Does the word diff insert or delete anything? */
static int words_edited(const nd_wdiff *w)
{
	size_t k;

	for (k = 0; k < w->n; k++)
		if (w->ops[k].kind != ND_OP_EQUAL)
			return 1;
	return 0;
}

static int fill_change(aligner *al, nd_change *c, group *g)
{
	const char *at = "", *bt = "";
	size_t al_ = 0, bl = 0;
	int err;

	nd_wdiff_init(&c->diff);
	if (g->nold && g->nnew &&
	    !g->same &&
	    (err = group_score(al, g, &c->similarity)) != 0)
		return err;
	c->moved = g->moved;
	c->renumbered = labels_differ(al, g);
	c->old = g->old; /* the change takes the group's arrays */
	c->nold = g->nold;
	c->new = g->new;
	c->nnew = g->nnew;
	g->old = g->new = NULL;
	if (c->nold == 1) {
		at = nd_doc_body(al->a, c->old[0]);
		al_ = al->a->clauses[c->old[0]].body_len;
	} else if (c->nold > 1) {
		if ((c->old_joined = join(al->a, c->old, c->nold, &al_)) == NULL)
			return nd_error_oom();
		at = c->old_joined;
	}
	if (c->nnew == 1) {
		bt = nd_doc_body(al->b, c->new[0]);
		bl = al->b->clauses[c->new[0]].body_len;
	} else if (c->nnew > 1) {
		if ((c->new_joined = join(al->b, c->new, c->nnew, &bl)) == NULL)
			return nd_error_oom();
		bt = c->new_joined;
	}
	if ((err = nd_word_diff(&c->diff, at, al_, bt, bl, al->o->max_cost)) != 0)
		return err;
	if (c->diff.capped)
		al->capped_diffs++;
	c->editorial = 0;
	c->layout = 0;
	if (!c->nnew) {
		c->kind = ND_CHANGE_REMOVED;
		c->similarity = 0;
	} else if (!c->nold) {
		c->kind = ND_CHANGE_ADDED;
		c->similarity = 0;
	} else {
		if (c->nold > 1)
			c->kind = ND_CHANGE_MERGED;
		else if (c->nnew > 1)
			c->kind = ND_CHANGE_SPLIT;
		else if (al_ == bl && !memcmp(at, bt, al_))
			c->kind = ND_CHANGE_UNCHANGED;
		else if ((al->o->ignore_case || al->o->ignore_punct) &&
		         nd_text_equivalent(at, al_, bt, bl, al->o->ignore_case,
		                            al->o->ignore_punct))
			c->kind = ND_CHANGE_UNCHANGED;
		else {
			c->kind = ND_CHANGE_MODIFIED;
			c->editorial = c->diff.editorial;
		}
		if (c->kind == ND_CHANGE_UNCHANGED)
			c->similarity = 1.0;
		if (c->kind == ND_CHANGE_SPLIT || c->kind == ND_CHANGE_MERGED)
			c->layout = !words_edited(&c->diff);
	}
	return 0;
}

/* Record a note (text: one sentence). */
static int add_note(nd_changeset *cs, const char *text)
{
	char **p;

	p = realloc(cs->notes, (cs->nnotes + 1) * sizeof(char *));
	if (!p)
		return nd_error_oom();
	cs->notes = p;
	if ((p[cs->nnotes] = nd_strdup(text)) == NULL)
		return nd_error_oom();
	cs->nnotes++;
	return 0;
}

/* Does record c count as a change (as the exit status counts them)? */
static int is_change(const nd_change *c)
{
	return c->moved ||
	       (c->kind != ND_CHANGE_UNCHANGED && !c->xref_only && !c->layout);
}

/* Credit change record ci to the records of the ancestors of its clauses
 * idx[0..n) in document d (rec: clause -> record), each record once. */
static void credit_ancestors(nd_changeset *cs, const nd_doc *d,
                             const size_t *rec, const size_t *idx, size_t n,
                             size_t ci, size_t *stamp)
{
	size_t k, p;

	for (k = 0; k < n; k++)
		for (p = d->clauses[idx[k]].parent; p != ND_NO_PARENT; p = d->clauses[p].parent) {
			size_t r = rec[p];

			if (r == NONE || r == ci || stamp[r] == ci)
				continue;
			stamp[r] = ci;
			cs->changes[r].changed_within++;
		}
}

/* changed_within of every record: O(records x depth). */
static int count_changed_within(nd_changeset *cs)
{
	size_t *rec_old = malloc((cs->old->n + 1) * sizeof(size_t));
	size_t *rec_new = malloc((cs->new->n + 1) * sizeof(size_t));
	size_t *stamp = malloc((cs->n + 1) * sizeof(size_t));
	size_t i, k;

	if (!rec_old || !rec_new || !stamp) {
		free(rec_old);
		free(rec_new);
		free(stamp);
		return nd_error_oom();
	}
	for (i = 0; i < cs->old->n; i++)
		rec_old[i] = NONE;
	for (i = 0; i < cs->new->n; i++)
		rec_new[i] = NONE;
	for (i = 0; i < cs->n; i++) {
		stamp[i] = NONE;
		for (k = 0; k < cs->changes[i].nold; k++)
			rec_old[cs->changes[i].old[k]] = i;
		for (k = 0; k < cs->changes[i].nnew; k++)
			rec_new[cs->changes[i].new[k]] = i;
	}
	for (i = 0; i < cs->n; i++) {
		const nd_change *c = &cs->changes[i];

		if (!is_change(c))
			continue;
		credit_ancestors(cs, cs->new, rec_new, c->new, c->nnew, i, stamp);
		credit_ancestors(cs, cs->old, rec_old, c->old, c->nold, i, stamp);
	}
	free(rec_old);
	free(rec_new);
	free(stamp);
	return 0;
}

int build_changes(aligner *al, nd_changeset *cs)
{
	char note[256];
	size_t i, nx = 0;
	xref *x = NULL;
	labelset ls = {NULL, 0};
	int err = 0;

	cs->changes = calloc(al->ngroups + 1, sizeof(nd_change));
	if (!cs->changes)
		return nd_error_oom();
	for (i = 0; i < al->ngroups && !err; i++) {
		if (al->progress && i % 256 == 0)
			al->progress(al->ud, "diffing", i, al->ngroups);
		err = fill_change(al, &cs->changes[i], &al->groups[i]);
		cs->n = i + 1;
	}
	if (!err)
		err = build_xrefs(cs, &x, &nx);
	if (!err && nx)
		err = build_labelset(cs->new, &ls);
	for (i = 0; i < cs->n && !err; i++) {
		nd_change *c = &cs->changes[i];

		if (c->kind == ND_CHANGE_MODIFIED && nx && change_is_xref(c, x, nx, &ls)) {
			c->xref_only = 1;
			c->editorial = 0;
		}
		nd_summary_count(&cs->summary, c);
	}
	free(x);
	free(ls.h);
	if (!err)
		err = count_changed_within(cs);
	if (!err && al->skipped_words) {
		snprintf(note, sizeof(note), "%zu word%s too common to find "
		         "similar provisions by: provisions that share only such "
		         "words are compared only by their place and among those "
		         "left unpaired", al->skipped_words,
		         al->skipped_words == 1 ? " was" : "s were");
		err = add_note(cs, note);
	}
	if (!err && al->leftovers_skipped) {
		snprintf(note, sizeof(note), "%zu provisions were left unpaired, too "
		         "many to compare all against all: a provision that moved and "
		         "shares only too common words with its old text may be "
		         "shown as removed and added", al->leftovers_skipped);
		err = add_note(cs, note);
	}
	for (i = 0; i < 2 && !err; i++) {
		const nd_text *t = (i ? cs->new : cs->old)->text;

		if (!t || !t->limit_hits)
			continue;
		snprintf(note, sizeof(note), "the %s version: the grammar rule %s "
		         "reached the regular-expression match limit at line %u%s; "
		         "the text there was read as not matching it (simplify the "
		         "rule's pattern)", i ? "new" : "old",
		         t->limit_rule ? t->limit_rule : "(unknown)",
		         (unsigned)t->limit_line,
		         t->limit_hits > 1 ? " and elsewhere" : "");
		err = add_note(cs, note);
	}
	if (!err && al->parts_capped) {
		snprintf(note, sizeof(note), "%zu split%s or merge%s had more than "
		         "%d parts: %d of them are shown as its parts, the others "
		         "as added or removed", al->parts_capped,
		         al->parts_capped == 1 ? "" : "s",
		         al->parts_capped == 1 ? "" : "s", SPLIT_MAX_PARTS,
		         SPLIT_MAX_PARTS);
		err = add_note(cs, note);
	}
	if (!err && al->capped_diffs) {
		snprintf(note, sizeof(note), "the word diff of %zu record%s reached "
		         "its cap and shows %s as replaced whole", al->capped_diffs,
		         al->capped_diffs == 1 ? "" : "s",
		         al->capped_diffs == 1 ? "it" : "them");
		err = add_note(cs, note);
	}
	return err;
}

void nd_summary_count(nd_summary *s, const nd_change *c)
{
	s->count[c->kind]++;
	s->moved += (size_t)c->moved;
	s->renumbered += (size_t)c->renumbered;
	s->editorial += (size_t)c->editorial;
	s->xref_only += (size_t)c->xref_only;
	s->layout += (size_t)c->layout;
}
