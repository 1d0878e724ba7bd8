/* align.c - align the provisions of two versions by content: the order of
 * the passes (nd_changeset_compute) and the groups they build.
 *
 * Provisions are aligned as one flat list per document (pre-order), each by
 * its body text (the text after its marker), so numbers never decide
 * anything and a sub-item can be found under another parent. In order,
 * cheap and certain first (as git's range-diff and patience diff do):
 *
 *   1. exact (align_exact.c): provisions with the same body text.
 *   2. similar (align_similar.c): candidates through an inverted index,
 *      scored, paired greedily at or above `threshold`.
 *   3. split and merge (align_split.c).
 *   3b. pairs by place, the splits around them and the leftovers
 *      (align_gaps.c).
 *   3c. a heading and its body joined to one run-in provision (layout,
 *      align_split.c); the provisions without a body (align_gaps.c).
 *   4. moves (align_moves.c): the run of pairs in order; the rest moved.
 *   5. the rest is added or removed; every group gets its word diff
 *      (align_build.c).
 *
 * When step 4 dissolved weak moved pairs, 3b and 4 run once more, since
 * the dissolved provisions may pair by place or among the leftovers.
 * The tables `passes`, `again` and `last` below hold the passes in this
 * order; nd_changeset_compute runs them, timing each when asked
 * (nd_align_opts.timings).
 *
 * Cross-references (xref_only): align_xref.c.
 *
 * Word signatures and scores: align_sig.c.
 *
 * Costs: tokenizing is linear; the index is a sort of (word, provision)
 * pairs, O(W log W); candidate search is O(words x max_posting) per
 * provision; scoring is O(max_candidates x words); word diffs are capped by
 * max_cost. Every cap that bites leaves a note in the change set.
 */
#include "normdiff/changeset.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "normdiff/error.h"

#include "align_internal.h"

const char *nd_change_kind_name(nd_change_kind k)
{
	static const char *names[ND_CHANGE_KINDS] = {
		"unchanged", "modified", "added", "removed", "split", "merged"};

	return (unsigned)k < ND_CHANGE_KINDS ? names[k] : "unknown";
}

void nd_align_opts_init(nd_align_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->threshold = 0.5;
	o->split_share = 0.3;
	o->max_candidates = 16;
	o->max_posting = 256;
	o->max_cost = ND_WDIFF_MAX_COST;
}

int add_group(aligner *al, const size_t *old, size_t nold,
              const size_t *new, size_t nnew)
{
	group *g;
	size_t k;

	if (nd_vec_reserve((void **)&al->groups, &al->groupcap, al->ngroups + 1,
	                   sizeof(group)))
		return nd_error_oom();
	g = &al->groups[al->ngroups];
	memset(g, 0, sizeof(*g));
	g->old = nold ? malloc(nold * sizeof(size_t)) : NULL;
	g->new = nnew ? malloc(nnew * sizeof(size_t)) : NULL;
	if ((nold && !g->old) || (nnew && !g->new)) {
		free(g->old);
		free(g->new);
		return nd_error_oom();
	}
	for (k = 0; k < nold; k++) {
		g->old[k] = old[k];
		al->match_a[old[k]] = al->ngroups;
	}
	for (k = 0; k < nnew; k++) {
		g->new[k] = new[k];
		al->match_b[new[k]] = al->ngroups;
	}
	g->nold = nold;
	g->nnew = nnew;
	group_settle(al, g);
	al->ngroups++;
	return 0;
}

void group_settle(const aligner *al, group *g)
{
	g->same = g->nold == 1 && g->nnew == 1 &&
	          same_body(al->a, g->old[0], al->b, g->new[0]);
}

/* Grow a group by one clause on one side, keeping it ascending. */
int group_add(aligner *al, size_t gi, int old_side, size_t c)
{
	group *g = &al->groups[gi];
	size_t **v = old_side ? &g->old : &g->new;
	size_t *n = old_side ? &g->nold : &g->nnew;
	size_t *p = realloc(*v, (*n + 1) * sizeof(size_t)), k;

	if (!p)
		return nd_error_oom();
	for (k = *n; k > 0 && p[k - 1] > c; k--)
		p[k] = p[k - 1];
	p[k] = c;
	*v = p;
	(*n)++;
	g->same = 0;
	(old_side ? al->match_a : al->match_b)[c] = gi;
	return 0;
}

/* The all-word signature of d into s, over the statistics kept with d
 * (nd_doc_index) or, when it has none, computed into *own. */
static int doc_sig(sig *s, struct nd_doc_index *own, const nd_doc *d,
                   const nd_doc *other)
{
	int err;

	if (!d->index && (err = doc_index_build(own, d, other)) != 0)
		return err;
	return sig_open(s, d, d->index ? d->index : own);
}

/* The signatures of both documents. */
static int build_signatures(aligner *al)
{
	int err = doc_sig(&al->sa, &al->own[0], al->a, al->b);

	return err ? err : doc_sig(&al->sb, &al->own[1], al->b, al->a);
}

/* The content-word signatures, which only the split passes read: freed
 * once the splits are done (nd_changeset_compute). */
static int build_content_words(aligner *al)
{
	return build_content(&al->ca, &al->cb, &al->common, &al->sa, &al->sb);
}

/* The change set's records and word diffs, into al->cs. */
static int build_result(aligner *al)
{
	return build_changes(al, al->cs);
}

typedef struct pass {
	const char *name;        /* as --timings shows it */
	int (*run)(aligner *al);
} pass;

/* Steps 1 to 4 of the design note, in order. */
static const pass passes[] = {
	{"signatures", build_signatures}, {"exact", align_exact},
	{"similar", align_similar}, {"content words", build_content_words},
	{"splits", align_pairs_and_splits},
	{"gaps", align_gaps}, {"gap splits", align_gap_splits},
	{"leftovers", align_leftovers}, {"layout", align_layout},
	{"empty", align_empty}, {"moves", mark_moves},
};

/* Once more when step 4 dissolved pairs: a dissolved pair frees its
 * provisions for a pair by place ("122. Invites the relevant organizations
 * ..." first paired with a far-away provision of the same boilerplate) or
 * among the leftovers. */
static const pass again[] = {
	{"gaps", align_gaps}, {"gap splits", align_gap_splits},
	{"leftovers", align_leftovers}, {"moves", mark_moves},
};

static const pass last[] = {
	{"groups", finish_groups}, {"word diffs", build_result},
};

static double seconds_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Add `s` seconds to the row of pass `name` (a new row at the end). */
static void add_time(nd_timings *t, const char *name, double s)
{
	size_t k;

	for (k = 0; k < t->n && strcmp(t->row[k].pass, name); k++)
		;
	if (k == t->n) {
		if (k == ND_TIMINGS_MAX)
			return;
		t->row[t->n].pass = name;
		t->row[t->n++].seconds = 0;
	}
	t->row[k].seconds += s;
}

/* Run passes p[0..n) in order, timed when the options ask; stops at the
 * first error. */
static int run_passes(aligner *al, const pass *p, size_t n)
{
	nd_timings *t = al->o->timings;
	size_t k;
	int err = 0;

	for (k = 0; k < n && !err; k++) {
		double start = t ? seconds_now() : 0;

		err = p[k].run(al);
		if (t)
			add_time(t, p[k].name, seconds_now() - start);
	}
	return err;
}

#define NPASSES(a) (sizeof(a) / sizeof((a)[0]))

int nd_changeset_compute(nd_changeset **out, const nd_doc *old,
                         const nd_doc *new, const nd_align_opts *opts,
                         nd_progress_fn progress, void *ud)
{
	nd_align_opts defaults;
	aligner al;
	nd_changeset *cs = NULL;
	size_t i;
	int err;

	*out = NULL;
	if (!opts) {
		nd_align_opts_init(&defaults);
		opts = &defaults;
	}
	memset(&al, 0, sizeof(al));
	al.a = old;
	al.b = new;
	al.o = opts;
	al.progress = progress;
	al.ud = ud;
	al.match_a = malloc((old->n + 1) * sizeof(size_t));
	al.match_b = malloc((new->n + 1) * sizeof(size_t));
	al.cs = cs = calloc(1, sizeof(*cs));
	al.memo = calloc(NEED_MEMO, sizeof(need_memo));
	al.shared_slots = shared_memo_slots(old->n, new->n);
	al.shared = calloc(al.shared_slots, sizeof(shared_memo));
	if (!al.match_a || !al.match_b || !cs || !al.memo || !al.shared) {
		err = nd_error_oom();
		goto done;
	}
	for (i = 0; i < old->n; i++)
		al.match_a[i] = NONE;
	for (i = 0; i < new->n; i++)
		al.match_b[i] = NONE;
	cs->old = old;
	cs->new = new;
	if ((err = run_passes(&al, passes, NPASSES(passes))) != 0 ||
	    (al.dissolved && (err = run_passes(&al, again, NPASSES(again))) != 0))
		goto done;
	sig_dispose(&al.ca); /* only splits read the content words */
	sig_dispose(&al.cb);
	err = run_passes(&al, last, NPASSES(last));
done:
	for (i = 0; i < al.ngroups; i++) {
		free(al.groups[i].old);
		free(al.groups[i].new);
	}
	free(al.groups);
	free(al.pairs);
	free(al.pairs_of[0]);
	free(al.pairs_of[1]);
	free(al.pairs_at[0]);
	free(al.pairs_at[1]);
	free(al.match_a);
	free(al.match_b);
	free(al.memo);
	free(al.shared);
	sig_dispose(&al.sa);
	sig_dispose(&al.sb);
	doc_index_dispose(&al.own[0]);
	doc_index_dispose(&al.own[1]);
	sig_dispose(&al.ca);
	sig_dispose(&al.cb);
	free(al.common.slot);
	if (err)
		nd_changeset_free(cs);
	else
		*out = cs;
	return err;
}

void nd_changeset_free(nd_changeset *cs)
{
	size_t i;

	if (!cs)
		return;
	for (i = 0; i < cs->n; i++) {
		free(cs->changes[i].old);
		free(cs->changes[i].new);
		free(cs->changes[i].old_joined);
		free(cs->changes[i].new_joined);
		nd_wdiff_dispose(&cs->changes[i].diff);
	}
	for (i = 0; i < cs->nnotes; i++)
		free(cs->notes[i]);
	free(cs->notes);
	free(cs->changes);
	free(cs);
}
