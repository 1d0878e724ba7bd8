/* series.c - a draft through many versions (series.h).
 *
 * Design note. A series is nothing but the change sets of consecutive
 * versions read as a graph: provision i of version v is joined to the
 * provisions of v+1 that its record of change set v holds on the new side.
 * Two maps per version, built once in O(provisions), answer "which record
 * holds it" in both directions (`into`, `out`); everything else walks them.
 *
 * - A lineage steps back from a provision one version at a time: the set
 *   of ancestors in version u is the old side of the records holding the
 *   set in u+1 (a merge widens it, a split's parts share it), and forward
 *   the same way. A set is kept sorted and without repeats, so a step costs
 *   its size (times log) and a lineage costs the provisions it touches.
 * - The rows of a synopsis are strands built oldest first: every provision
 *   of version 0 starts one; a record of change set v-1 carries each strand
 *   alive in v-1 into its new provisions (a split copies the strand, one
 *   per part; a merge lets strands share a cell), starts one per added
 *   provision and ends one at a removal. The strands are then put in the
 *   order of version v by (record index, part): records are in the new
 *   document's order with removals at their old place, so the order is
 *   the one the reports use. A strand that ended earlier keeps to the
 *   strand that preceded it. Each version costs a sort of the strands.
 * - The blame walks the ancestors' lineage forward: at version 0 every byte
 *   is from 0; through a record, the bytes of its new text that are EQUAL
 *   to old bytes keep the old bytes' versions and the INSERTed ones get the
 *   new version. The old and new texts of a record are its bodies joined
 *   by one space, as align_build.c diffs them; the joining space takes
 *   the version of the byte before it.
 *
 * Invariant: every provision of every version is in exactly one record of
 * each change set that touches its version (changeset.h), checked when the
 * maps are built, so a walk never meets a hole.
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/series.h"
#include "normdiff/worddiff.h"

struct nd_series {
	size_t n;                   /* versions */
	const nd_doc **docs;        /* copy of the caller's array */
	const nd_changeset **cs;    /* n - 1 entries */
	size_t **into;              /* into[v][i]: record of cs[v-1], v >= 1 */
	size_t **out;               /* out[v][i]: record of cs[v], v < n-1 */
};

/* Fill map[0..d->n) with the record of cs holding each provision on one
 * side (old or new); ND_EINVAL if one is in none or in two. */
static int map_side(size_t **map, const nd_doc *d, const nd_changeset *cs,
                    int old)
{
	size_t k, j, n = d->n;

	if ((*map = malloc((n ? n : 1) * sizeof(**map))) == NULL)
		return nd_error_oom();
	for (k = 0; k < n; k++)
		(*map)[k] = ND_NONE;
	for (k = 0; k < cs->n; k++) {
		const nd_change *c = &cs->changes[k];
		const size_t *idx = old ? c->old : c->new;
		size_t m = old ? c->nold : c->nnew;

		for (j = 0; j < m; j++) {
			if (idx[j] >= n || (*map)[idx[j]] != ND_NONE)
				return nd_error_set(ND_EINVAL, "a change set that is not "
				                    "of the versions of its series");
			(*map)[idx[j]] = k;
		}
	}
	for (k = 0; k < n; k++)
		if ((*map)[k] == ND_NONE)
			return nd_error_set(ND_EINVAL, "a change set that leaves out "
			                    "a provision of its version");
	return 0;
}

int nd_series_new(nd_series **out, const nd_doc *const *docs,
                  const nd_changeset *const *cs, size_t n)
{
	nd_series *s;
	size_t v;
	int err = 0;

	*out = NULL;
	if (n == 0 || n > UINT16_MAX)
		return nd_error_set(ND_EINVAL, "a series of %zu versions: give "
		                    "between 1 and %u", n, (unsigned)UINT16_MAX);
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return nd_error_oom();
	s->n = n;
	s->docs = malloc(n * sizeof(*s->docs));
	s->cs = malloc(n * sizeof(*s->cs));
	s->into = calloc(n, sizeof(*s->into));
	s->out = calloc(n, sizeof(*s->out));
	if (!s->docs || !s->cs || !s->into || !s->out) {
		nd_series_free(s);
		return nd_error_oom();
	}
	memcpy(s->docs, docs, n * sizeof(*docs));
	if (n > 1)
		memcpy(s->cs, cs, (n - 1) * sizeof(*cs));
	for (v = 0; v + 1 < n && !err; v++) {
		if (cs[v]->old != docs[v] || cs[v]->new != docs[v + 1])
			err = nd_error_set(ND_EINVAL, "change set %zu is not of "
			                   "versions %zu and %zu", v, v, v + 1);
		err = err ? err : map_side(&s->out[v], docs[v], cs[v], 1);
		err = err ? err : map_side(&s->into[v + 1], docs[v + 1], cs[v], 0);
	}
	if (err) {
		nd_series_free(s);
		return err;
	}
	*out = s;
	return 0;
}

void nd_series_free(nd_series *s)
{
	size_t v;

	if (!s)
		return;
	for (v = 0; v < s->n; v++) {
		if (s->into)
			free(s->into[v]);
		if (s->out)
			free(s->out[v]);
	}
	free(s->into);
	free(s->out);
	free(s->docs);
	free(s->cs);
	free(s);
}

size_t nd_series_count(const nd_series *s) { return s->n; }

const nd_doc *nd_series_doc(const nd_series *s, size_t v)
{
	return v < s->n ? s->docs[v] : NULL;
}

const nd_changeset *nd_series_changes(const nd_series *s, size_t v)
{
	return v >= 1 && v < s->n ? s->cs[v - 1] : NULL;
}

const nd_change *nd_series_into(const nd_series *s, size_t v, size_t i)
{
	if (v < 1 || v >= s->n || i >= s->docs[v]->n)
		return NULL;
	return &s->cs[v - 1]->changes[s->into[v][i]];
}

const nd_change *nd_series_out_of(const nd_series *s, size_t v, size_t i)
{
	if (v + 1 >= s->n || i >= s->docs[v]->n)
		return NULL;
	return &s->cs[v]->changes[s->out[v][i]];
}

/* --- lineage ----------------------------------------------------------- */

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Sort and drop repeats; returns the new count. */
static size_t uniq(size_t *a, size_t n)
{
	size_t k, m = 0;

	if (n < 2)
		return n; /* and qsort is never given a null array */
	qsort(a, n, sizeof(*a), cmp_size);
	for (k = 0; k < n; k++)
		if (!m || a[m - 1] != a[k])
			a[m++] = a[k];
	return m;
}

/* How much a record's kind weighs in a step: the worst one is shown.
 * Records that add or remove are not among them (step_set). */
static int kind_rank(nd_change_kind k)
{
	switch (k) {
	case ND_CHANGE_UNCHANGED: return 0;
	case ND_CHANGE_MODIFIED: return 1;
	case ND_CHANGE_MERGED: return 2;
	case ND_CHANGE_SPLIT: return 3;
	default: return 4;
	}
}

/* The provisions in version `to` joined to set[0..n) of version `from`
 * (to = from - 1 going back, from + 1 going forward) through the records
 * of the change set between them that hold the set; also the step's kind
 * (the weightiest of those records) and flags. */
static int step_set(const nd_series *s, size_t from, size_t to,
                    const size_t *set, size_t n, size_t **res, size_t *nres,
                    int *kind, int *moved, int *renum)
{
	const nd_changeset *cs = s->cs[to < from ? to : from];
	const size_t *map = to < from ? s->into[from] : s->out[from];
	size_t k, j, m = 0, cap = 0;
	size_t *r = NULL;
	int ends = 0;

	*kind = ND_STEP_NONE;
	*moved = *renum = 0;
	for (k = 0; k < n; k++) {
		const nd_change *c = &cs->changes[map[set[k]]];
		const size_t *idx = to < from ? c->old : c->new;
		size_t cnt = to < from ? c->nold : c->nnew;

		if (!cnt)
			ends = 1;
		else if (*kind == ND_STEP_NONE ||
		         kind_rank(c->kind) > kind_rank((nd_change_kind)*kind))
			*kind = (int)c->kind;
		*moved |= c->moved;
		*renum |= c->renumbered;
		if (nd_vec_reserve((void **)&r, &cap, m + cnt, sizeof(*r))) {
			free(r);
			return nd_error_oom();
		}
		for (j = 0; j < cnt; j++)
			r[m++] = idx[j];
	}
	/* part of the set added or removed: the rest carries on, changed */
	if (ends && *kind == ND_CHANGE_UNCHANGED)
		*kind = ND_CHANGE_MODIFIED;
	else if (ends && *kind == ND_STEP_NONE)
		*kind = to < from ? ND_CHANGE_ADDED : ND_CHANGE_REMOVED;
	*res = r;
	*nres = uniq(r, m);
	return 0;
}

static int lineage_alloc(nd_lineage *l, size_t n)
{
	size_t v;

	memset(l, 0, sizeof(*l));
	l->nver = n;
	l->states = calloc(n, sizeof(*l->states));
	l->nstates = calloc(n, sizeof(*l->nstates));
	l->step = malloc(n * sizeof(*l->step));
	l->moved = calloc(n, sizeof(*l->moved));
	l->renumbered = calloc(n, sizeof(*l->renumbered));
	if (!l->states || !l->nstates || !l->step || !l->moved || !l->renumbered)
		return nd_error_oom();
	for (v = 0; v < n; v++)
		l->step[v] = ND_STEP_NONE;
	return 0;
}

/* Walk from `v` one way (dir -1 back, +1 forward) until the set is empty
 * or the series ends. The step into version u is recorded at u going
 * forward and at u+1 going back (always the later version). */
static int lineage_walk(nd_lineage *l, const nd_series *s, size_t v, int dir)
{
	size_t u = v;
	int kind, moved, renum, err;

	while (l->nstates[u] && (dir < 0 ? u > 0 : u + 1 < s->n)) {
		size_t to = dir < 0 ? u - 1 : u + 1, later = dir < 0 ? u : to;

		if ((err = step_set(s, u, to, l->states[u], l->nstates[u],
		                    &l->states[to], &l->nstates[to], &kind, &moved,
		                    &renum)) != 0)
			return err;
		l->step[later] = kind;
		l->moved[later] = moved;
		l->renumbered[later] = renum;
		if (!l->nstates[to]) {
			if (dir > 0)
				l->removed = to;
			break;
		}
		u = to;
	}
	if (dir < 0)
		l->introduced = u;
	return 0;
}

int nd_lineage_get(nd_lineage *out, const nd_series *s, size_t v, size_t i)
{
	int err;

	if ((err = lineage_alloc(out, s->n)) != 0)
		goto done;
	if (v >= s->n || i >= s->docs[v]->n) {
		err = nd_error_set(ND_EINVAL, "no provision %zu in version %zu", i, v);
		goto done;
	}
	out->version = v;
	out->clause = i;
	out->removed = ND_NONE;
	if ((out->states[v] = malloc(sizeof(size_t))) == NULL) {
		err = nd_error_oom();
		goto done;
	}
	out->states[v][0] = i;
	out->nstates[v] = 1;
	err = lineage_walk(out, s, v, -1);
	err = err ? err : lineage_walk(out, s, v, +1);
done:
	if (err)
		nd_lineage_dispose(out);
	return err;
}

void nd_lineage_dispose(nd_lineage *l)
{
	size_t v;

	if (l->states)
		for (v = 0; v < l->nver; v++)
			free(l->states[v]);
	free(l->states);
	free(l->nstates);
	free(l->step);
	free(l->moved);
	free(l->renumbered);
	memset(l, 0, sizeof(*l));
}

int nd_lineage_changed(const nd_lineage *l, size_t v)
{
	int k = l->step[v];

	return v != l->introduced && (k == ND_CHANGE_MODIFIED ||
	                              k == ND_CHANGE_SPLIT ||
	                              k == ND_CHANGE_MERGED);
}

/* --- rows of a synopsis ------------------------------------------------ */

typedef struct strand_key {
	size_t major; /* 1 + the record in the change set, 0 before all */
	size_t minor; /* the part of the record's new side */
	size_t seq;   /* place in the sequence before sorting: ties */
	size_t row;   /* the strand */
} strand_key;

static int cmp_key(const void *a, const void *b)
{
	const strand_key *x = a, *y = b;

	if (x->major != y->major)
		return x->major < y->major ? -1 : 1;
	if (x->minor != y->minor)
		return x->minor < y->minor ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

typedef struct strands {
	size_t nver;
	size_t *cells;    /* rows * nver */
	size_t rows, cap; /* rows made, cells allocated (in rows) */
	strand_key *keys; /* one per row, in the order being built */
	size_t nkeys, kcap;
} strands;

/* The next key of the sequence being built. */
static int key_push(strands *t, size_t major, size_t minor, size_t row)
{
	if (nd_vec_reserve((void **)&t->keys, &t->kcap, t->nkeys + 1,
	                   sizeof(*t->keys)))
		return nd_error_oom();
	t->keys[t->nkeys] = (strand_key){major, minor, t->nkeys, row};
	t->nkeys++;
	return 0;
}

/* A new strand, a copy of row `from` up to version v (exclusive), or
 * empty when from is ND_NONE; its key goes next in the sequence. */
static int strand_add(strands *t, size_t from, size_t v, size_t cell,
                      size_t major, size_t minor)
{
	size_t r = t->rows, u;

	if (nd_vec_reserve((void **)&t->cells, &t->cap, (r + 1) * t->nver,
	                   sizeof(*t->cells)))
		return nd_error_oom();
	for (u = 0; u < t->nver; u++)
		t->cells[r * t->nver + u] =
		    from != ND_NONE && u < v ? t->cells[from * t->nver + u] : ND_NONE;
	t->cells[r * t->nver + v] = cell;
	t->rows++;
	return key_push(t, major, minor, r);
}

/* Carry the strands, in their order for version v-1 (`ord`), into v. */
static int strands_step(strands *t, const nd_series *s, size_t v,
                        const size_t *ord, size_t nord)
{
	const nd_changeset *cs = s->cs[v - 1];
	size_t k, p, prev_major = 0, prev_minor = 0;
	int err;

	t->nkeys = 0;
	for (k = 0; k < nord; k++) {
		size_t r = ord[k], cell = t->cells[r * t->nver + v - 1];
		size_t rec;
		const nd_change *c;

		if (cell == ND_NONE) { /* ended earlier: keeps to its predecessor */
			if ((err = key_push(t, prev_major, prev_minor, r)) != 0)
				return err;
			continue;
		}
		rec = s->out[v - 1][cell];
		c = &cs->changes[rec];
		t->cells[r * t->nver + v] = c->nnew ? c->new[0] : ND_NONE;
		if ((err = key_push(t, rec + 1, 0, r)) != 0)
			return err;
		for (p = 1; p < c->nnew; p++) /* a split: one strand per part */
			if ((err = strand_add(t, r, v, c->new[p], rec + 1, p)) != 0)
				return err;
		prev_major = rec + 1;
		prev_minor = c->nnew ? c->nnew - 1 : 0;
	}
	for (k = 0; k < cs->n; k++)
		for (p = 0; !cs->changes[k].nold && p < cs->changes[k].nnew; p++)
			if ((err = strand_add(t, ND_NONE, v, cs->changes[k].new[p],
			                      k + 1, p)) != 0)
				return err;
	if (t->nkeys > 1)
		qsort(t->keys, t->nkeys, sizeof(*t->keys), cmp_key);
	return 0;
}

int nd_series_rows(nd_rows *out, const nd_series *s)
{
	strands t = {0};
	size_t *ord = NULL, nord = 0, k, v;
	int err = 0;

	memset(out, 0, sizeof(*out));
	t.nver = s->n;
	for (k = 0; k < s->docs[0]->n && !err; k++)
		err = strand_add(&t, ND_NONE, 0, k, 0, 0);
	for (v = 1; v < s->n && !err; v++) {
		free(ord);
		nord = t.nkeys;
		if ((ord = malloc((nord ? nord : 1) * sizeof(*ord))) == NULL) {
			err = nd_error_oom();
			break;
		}
		for (k = 0; k < nord; k++)
			ord[k] = t.keys[k].row;
		err = strands_step(&t, s, v, ord, nord);
	}
	if (!err && (out->cells = malloc((t.rows ? t.rows : 1) * s->n *
	                                 sizeof(*out->cells))) == NULL)
		err = nd_error_oom();
	for (k = 0; !err && k < t.nkeys; k++)
		memcpy(&out->cells[k * s->n], &t.cells[t.keys[k].row * s->n],
		       s->n * sizeof(*out->cells));
	if (!err) {
		out->n = t.nkeys;
		out->nver = s->n;
	} else {
		free(out->cells);
		out->cells = NULL;
	}
	free(ord);
	free(t.cells);
	free(t.keys);
	return err;
}

void nd_rows_dispose(nd_rows *r)
{
	free(r->cells);
	memset(r, 0, sizeof(*r));
}

/* --- blame ------------------------------------------------------------- */

/* The blame of each provision of a lineage's states, per version, in the
 * order of the states. */
typedef struct blames {
	uint16_t ***at; /* at[u][k] for states[u][k] */
} blames;

static const uint16_t *blame_of(const nd_lineage *l, const blames *b,
                                size_t u, size_t clause)
{
	const size_t *hit = l->nstates[u] ? bsearch(&clause, l->states[u],
	                                            l->nstates[u], sizeof(size_t),
	                                            cmp_size) : NULL;

	return hit ? b->at[u][hit - l->states[u]] : NULL;
}

/* The blame of the old side of record c (into version u): its old
 * provisions' blames in u-1, joined as their texts are (one space). */
static uint16_t *old_side(const nd_series *s, const nd_lineage *l,
                          const blames *b, size_t u, const nd_change *c,
                          size_t *olen)
{
	const nd_doc *od = s->docs[u - 1];
	size_t k, j, at = 0;
	uint16_t *ob;

	*olen = 0;
	for (k = 0; k < c->nold; k++)
		*olen += od->clauses[c->old[k]].body_len + (k > 0);
	if ((ob = malloc((*olen ? *olen : 1) * sizeof(*ob))) == NULL)
		return NULL;
	for (k = 0; k < c->nold; k++) {
		const uint16_t *src = blame_of(l, b, u - 1, c->old[k]);
		size_t len = od->clauses[c->old[k]].body_len;

		if (k > 0) {
			ob[at] = at ? ob[at - 1] : (uint16_t)(u - 1);
			at++;
		}
		for (j = 0; j < len; j++)
			ob[at + j] = src ? src[j] : (uint16_t)(u - 1);
		at += len;
	}
	return ob;
}

/* Blame new provision `i` of record c (into version u) through the word
 * edits from the record's old text to its own body: the record's diff
 * when it has one new provision, else (a split) a diff of its own, so
 * that each part is read against the whole it came from, as the history
 * shows its edits. */
static int blame_part(const nd_series *s, const nd_lineage *l, blames *b,
                      size_t u, const nd_change *c, size_t i, uint16_t **out)
{
	const nd_clause *nc = &s->docs[u]->clauses[i];
	const nd_wdiff *d = &c->diff;
	size_t olen, nlen = nc->body_len, k, j, oo = 0, no = 0;
	uint16_t *ob = old_side(s, l, b, u, c, &olen), *nb;
	nd_wdiff own;
	int err = 0;

	nd_wdiff_init(&own);
	nb = malloc((nlen ? nlen : 1) * sizeof(*nb));
	if (!ob || !nb) {
		err = nd_error_oom();
		goto done;
	}
	if (c->nnew > 1) {
		const char *ot = !c->nold ? "" : c->nold > 1 ? c->old_joined
		                 : nd_doc_body(s->docs[u - 1], c->old[0]);

		if ((err = nd_word_diff(&own, ot, olen, nd_doc_body(s->docs[u], i),
		                        nlen, 0)) != 0)
			goto done;
		d = &own;
	}
	for (k = 0; k < d->n; k++) {
		const nd_op *op = &d->ops[k];

		for (j = 0; j < op->len && op->kind != ND_OP_DELETE && no + j < nlen; j++)
			nb[no + j] = op->kind == ND_OP_EQUAL && oo + j < olen
			                 ? ob[oo + j] : (uint16_t)u;
		oo += op->kind != ND_OP_INSERT ? op->len : 0;
		no += op->kind != ND_OP_DELETE ? op->len : 0;
	}
	for (; no < nlen; no++) /* no ops (texts without edits) */
		nb[no] = no < olen ? ob[no] : (uint16_t)u;
	*out = nb;
	nb = NULL;
done:
	nd_wdiff_dispose(&own);
	free(ob);
	free(nb);
	return err;
}

static int blame_version(const nd_series *s, const nd_lineage *l,
                         blames *b, size_t u)
{
	size_t k;
	int err;

	if ((b->at[u] = calloc(l->nstates[u] ? l->nstates[u] : 1,
	                       sizeof(*b->at[u]))) == NULL)
		return nd_error_oom();
	for (k = 0; k < l->nstates[u]; k++) {
		size_t len = s->docs[u]->clauses[l->states[u][k]].body_len, j;

		if (b->at[u][k])
			continue;
		if (u == 0 || u == l->introduced) {
			if ((b->at[u][k] = malloc((len ? len : 1) * sizeof(uint16_t))) == NULL)
				return nd_error_oom();
			for (j = 0; j < len; j++)
				b->at[u][k][j] = (uint16_t)u;
		} else if ((err = blame_part(s, l, b, u,
		                             nd_series_into(s, u, l->states[u][k]),
		                             l->states[u][k], &b->at[u][k])) != 0)
			return err;
	}
	return 0;
}

int nd_series_blame(const nd_series *s, size_t v, size_t i, uint16_t **out)
{
	nd_lineage l;
	blames b = {NULL};
	size_t u, k;
	int err;

	*out = NULL;
	if ((err = nd_lineage_get(&l, s, v, i)) != 0)
		return err;
	if ((b.at = calloc(v + 1, sizeof(*b.at))) == NULL) {
		err = nd_error_oom();
		goto done;
	}
	for (u = l.introduced; u <= v && !err; u++)
		err = blame_version(s, &l, &b, u);
	if (!err && s->docs[v]->clauses[i].body_len) {
		*out = b.at[v][0]; /* states[v] is {i} */
		b.at[v][0] = NULL;
	}
done:
	for (u = 0; b.at && u <= v; u++) {
		for (k = 0; b.at[u] && k < l.nstates[u]; k++)
			free(b.at[u][k]);
		free(b.at[u]);
	}
	free(b.at);
	nd_lineage_dispose(&l);
	return err;
}
