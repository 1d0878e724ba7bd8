/* align_split.c - step 3 of the alignment (align.c): splits and merges, and
 * a heading joined to its body (layout).
 *
 *   3. split and merge: the match of an old provision is extended with its
 *      unpaired siblings next to it when they are parts of the same text:
 *      a part opens with the same five words as the whole (first pass), or
 *      takes at least `split_share` of its content words (words found in
 *      at most a fifth of all provisions) from it (second pass); and each
 *      part must add words of the whole that the parts before it did not
 *      cover (in the second pass at least split_share of its own words).
 *      Together the parts must cover at least `threshold` of the whole,
 *      and there are at most SPLIT_MAX_PARTS of them (a note when cut).
 *      The mirror image, several old neighbours into one new provision, is
 *      a merge. An unpaired provision can also be split from an unpaired
 *      part taking at least half of its content words from it. Splits by
 *      opening are looked for among the scored candidates before the
 *      greedy pairing of step 2 and again after it; a part may be taken
 *      from a pair made by similarity when at least 80 % of its words lie
 *      inside the whole and that beats the pair's score.
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/walk.h"

#include "align_internal.h"

/* Next and previous sibling in pre-order, or NONE. */
static size_t next_sibling(const nd_doc *d, size_t i)
{
	size_t e = d->clauses[i].end;

	return e < d->n && d->clauses[e].parent == d->clauses[i].parent ? e : NONE;
}

static size_t prev_sibling(const nd_doc *d, size_t i)
{
	size_t k = nd_prev_sibling(d, i);

	return k != ND_NO_PARENT && d->clauses[k].end == i ? k : NONE;
}

/* Words of a part that cover words of the whole not covered yet: a walk
 * of the part's sorted words against the whole's, skipping those `used`
 * already; with `mark`, they become used. O(part + whole) per call, so a
 * run of parts costs linear time per part, never a re-sort. */
static size_t take(const uint64_t *whole, size_t nw, unsigned char *used,
                   const uint64_t *part, size_t np, int mark)
{
	size_t i = 0, j = 0, gain = 0;

	while (i < np && j < nw) {
		if (used[j] || whole[j] < part[i]) {
			j++;
		} else if (whole[j] > part[i]) {
			i++;
		} else {
			if (mark)
				used[j] = 1;
			gain++;
			i++;
			j++;
		}
	}
	return gain;
}

/* Share of part's words that come from whole. */
static double share(const sig *sp, size_t part, const sig *sw, size_t whole)
{
	size_t np = nwords(sp, part);

	if (np == 0)
		return 0;
	return (double)shared_words(sig_words(sp, part), np,
	                            sig_words(sw, whole),
	                            nwords(sw, whole)) / (double)np;
}

/* The words part (on the parts side) shares with whole, all words, when
 * at least `need`, else some number below (pair_shared_least). */
static size_t shared_with_whole(const aligner *al, int old_side, size_t part,
                                size_t whole, size_t need)
{
	return old_side ? pair_shared_least(al, whole, part, need)
	                : pair_shared_least(al, part, whole, need);
}

/* The fewest k of n words (n > 0) with k / n at least `least`, as the
 * callers test a share. */
static size_t share_needed(double least, size_t n)
{
	size_t k = (size_t)(least * (double)n);

	while (k > 0 && (double)(k - 1) / (double)n >= least)
		k--;
	while (k <= n && (double)k / (double)n < least)
		k++;
	return k;
}

/* 3. Split (old_side=1: one old clause, several new) or merge (old_side=0).
 * `whole` is the clause on the one side; its group, if any, is extended
 * with unpaired siblings on the other side that take enough of its words. */
/* A part of a split or merge may be taken from a pair made by similarity
 * when at least this share of its words lies inside the whole, and more
 * than its pair's score: "PP12" merged into a new paragraph is not the
 * unrelated new paragraph it happens to resemble. */
#define STEAL_SHARE 0.8

static int qualifies(const aligner *al, int old_side, size_t part,
                     size_t whole, int by_opening)
{
	const sig *wa = old_side ? &al->sa : &al->sb; /* all words, whole side */
	const sig *pa = old_side ? &al->sb : &al->sa;

	if (by_opening == OPENING_AND_WORDS) {
		size_t np = nwords(pa, part);

		return np && sig_opening(pa, part) &&
		       sig_opening(pa, part) == sig_opening(wa, whole) &&
		       (double)shared_with_whole(al, old_side, part, whole, 0) /
		       (double)np >= GAP_SPLIT_INSIDE;
	}
	if (by_opening)
		return sig_opening(pa, part) && sig_opening(pa, part) == sig_opening(wa, whole);
	return share(old_side ? &al->cb : &al->ca, part,
	             old_side ? &al->ca : &al->cb, whole) >= al->o->split_share;
}

/* If clause c (on the parts side) is in a 1:1 pair made by similarity that
 * the whole explains better, the score by which it would be taken, else 0. */
static int can_take(const aligner *al, int old_side, size_t c, size_t whole)
{
	const sig *aw = old_side ? &al->sa : &al->sb, *ap = old_side ? &al->sb : &al->sa;
	group *g = &al->groups[(old_side ? al->match_b : al->match_a)[c]];
	size_t np = nwords(ap, c);
	double inside;

	if (g->nold != 1 || g->nnew != 1 || np == 0 || g->same)
		return 0;
	/* no more of the part can be inside than the whole holds: most
	 * neighbours of a revised provision fail here or at the first merge,
	 * and the second is left unwalked */
	if ((double)nwords(aw, whole) / (double)np < STEAL_SHARE ||
	    (double)shared_bound(ap, c, np, aw, whole, nwords(aw, whole)) /
	    (double)np < STEAL_SHARE)
		return 0;
	inside = (double)shared_with_whole(al, old_side, c, whole,
	                                   share_needed(STEAL_SHARE, np)) /
	         (double)np;
	if (inside < STEAL_SHARE)
		return 0;
	return inside > pair_sim(al, g);
}

/* Does part c (on the parts side) score better with a clause of the
 * whole's side that is still unpaired than the share of its words that
 * lie inside the whole? Then it is that clause's partner, not a part of
 * the whole: "b. Each time ... an Adaptation" opens as "a. Each time ...
 * the Work" does, but its counterpart is the old "b.". */
static int better_partner(const aligner *al, int old_side, size_t c,
                          size_t whole)
{
	const size_t *mw = old_side ? al->match_a : al->match_b;
	const sig *ap = old_side ? &al->sb : &al->sa;
	size_t k, np = nwords(ap, c);
	int ps = !old_side;
	double best = 0;

	for (k = al->pairs_at[ps][c]; k < al->pairs_at[ps][c + 1]; k++) {
		const pair *p = &al->pairs[al->pairs_of[ps][k]];
		size_t q = old_side ? p->a : p->b;

		if (q != whole && mw[q] == NONE && p->sim > best)
			best = p->sim;
	}
	/* the whole's unpaired neighbours, scored or not (in a long text of
	 * common words they may be no candidate) */
	for (k = 0; k < 2; k++) {
		const nd_doc *dw = old_side ? al->a : al->b;
		size_t q = k ? next_sibling(dw, whole) : prev_sibling(dw, whole);
		double s;

		if (q == NONE || mw[q] != NONE)
			continue;
		s = old_side ? pair_score(al, q, c) : pair_score(al, c, q);
		best = s > best ? s : best;
	}
	return np && best * (double)np >
	             (double)shared_with_whole(al, old_side, c, whole, 0);
}

/* Dissolve the 1:1 group of clause c (parts side): both become unpaired;
 * the group is left empty and dropped later. */
static void release(aligner *al, int old_side, size_t c)
{
	size_t gi = (old_side ? al->match_b : al->match_a)[c];
	group *g = &al->groups[gi];

	al->match_a[g->old[0]] = NONE;
	al->match_b[g->new[0]] = NONE;
	g->nold = g->nnew = 0;
}

/* Can no whole be made of or extend group g: one of one text, or a split
 * or merge already? Such a group does not change in a split pass
 * (can_take takes parts only from pairs made by similarity, and a split
 * or merge only grows). */
static int settled(const group *g)
{
	return g->same || g->nold != 1 || g->nnew != 1;
}

/* May c, the sibling on the parts side next to one of the run, join it
 * (its words' gain aside)? Reads the alignment, changes nothing. */
static int may_join(const aligner *al, int old_side, size_t c, size_t whole,
                    int by_opening)
{
	const size_t *mp = old_side ? al->match_b : al->match_a;

	return c != NONE && (mp[c] == NONE || can_take(al, old_side, c, whole)) &&
	       qualifies(al, old_side, c, whole, by_opening) &&
	       !better_partner(al, old_side, c, whole);
}

static int try_split(aligner *al, int old_side, size_t whole,
                     unsigned char *used, size_t *run, int by_opening)
{
	const nd_doc *dp = old_side ? al->b : al->a;
	const sig *sw = old_side ? &al->ca : &al->cb;
	const sig *sp = old_side ? &al->cb : &al->ca;
	size_t *mw = old_side ? al->match_a : al->match_b;
	size_t *mp = old_side ? al->match_b : al->match_a;
	const sig *aw = old_side ? &al->sa : &al->sb; /* all words: whole side */
	const sig *ap = old_side ? &al->sb : &al->sa; /* all words: parts side */
	size_t gi = mw[whole], seed = NONE, nrun = 0, cov, c, k, nww;
	const uint64_t *ww;
	double seedshare = 0;
	int dir, capped = 0;
	int err;

	/* a group of the same text first: most wholes, whose content words
	 * are then never made */
	if (gi != NONE && settled(&al->groups[gi]))
		return 0;
	/* an unpaired whole's seed by content is found by its content
	 * words; else they are made only once a neighbour of the seed may
	 * join (below) */
	if (gi == NONE && !by_opening && nwords(sw, whole) == 0)
		return 0;
	if (gi != NONE) {
		group *g = &al->groups[gi];

		seed = old_side ? g->new[0] : g->old[0];
	} else {
		/* an unpaired whole: the unpaired scored part that keeps its
		 * opening and scores best, or (by content) takes most from it */
		for (k = al->pairs_at[old_side][whole];
		     k < al->pairs_at[old_side][whole + 1]; k++) {
			pair *p = &al->pairs[al->pairs_of[old_side][k]];
			size_t q = old_side ? p->b : p->a;
			double s;

			if (mp[q] != NONE)
				continue;
			if (by_opening) {
				s = qualifies(al, old_side, q, whole, 1) ? p->sim : 0;
			} else {
				s = share(sp, q, sw, whole);
				s = s >= 0.5 ? s : 0;
			}
			if (s > seedshare) {
				seed = q;
				seedshare = s;
			}
		}
		if (seed == NONE)
			return 0;
	}
	/* the run of siblings around the seed that take enough from whole,
	 * each adding words of the whole that the others do not cover; none
	 * when neither sibling next to the seed may join, as for most
	 * wholes, whose words are then not walked */
	if (!may_join(al, old_side, prev_sibling(dp, seed), whole, by_opening) &&
	    !may_join(al, old_side, next_sibling(dp, seed), whole, by_opening))
		return 0;
	/* a whole without content words takes no parts, checked only now:
	 * most wholes of a text revised throughout stop above, at their
	 * partner's neighbours, whose test by content needs the whole's
	 * content words only for a neighbour that is free or can be taken */
	if (nwords(sw, whole) == 0)
		return 0;
	run[nrun++] = seed;
	ww = sig_words(aw, whole);
	nww = nwords(aw, whole);
	memset(used, 0, nww);
	cov = take(ww, nww, used, sig_words(ap, seed), nwords(ap, seed), 1);
	for (dir = 0; dir < 2; dir++) {
		for (c = seed;;) {
			size_t gain;

			c = dir ? next_sibling(dp, c) : prev_sibling(dp, c);
			if (!may_join(al, old_side, c, whole, by_opening))
				break;
			gain = take(ww, nww, used, sig_words(ap, c),
			            nwords(ap, c), 0);
			if (gain == 0 || (!by_opening && (double)gain <
			                  al->o->split_share * (double)nwords(ap, c)))
				break;
			if (nrun == SPLIT_MAX_PARTS) {
				capped = 1;
				break;
			}
			take(ww, nww, used, sig_words(ap, c), nwords(ap, c), 1);
			cov += gain;
			run[nrun++] = c;
		}
	}
	/* together the parts must cover the whole (all its words); when they
	 * were stopped at SPLIT_MAX_PARTS, each of them qualified and the rest
	 * goes into the note, so a whole of more than twice as many parts is
	 * not lost to added and removed without one */
	if (nrun < 2 || (!capped && (double)cov < al->o->threshold *
	                 (double)nwords(aw, whole)))
		return 0;
	al->parts_capped += (size_t)capped;
	if (gi == NONE) {
		size_t one = whole;

		if ((err = old_side ? add_group(al, &one, 1, &seed, 1)
		                    : add_group(al, &seed, 1, &one, 1)) != 0)
			return err;
		gi = al->ngroups - 1;
	}
	for (k = 1; k < nrun; k++) {
		if (mp[run[k]] != NONE)
			release(al, old_side, run[k]);
		if ((err = group_add(al, gi, !old_side, run[k])) != 0)
			return err;
	}
	return 0;
}

/* Drop the groups emptied by release(), renumbering the rest. */
void drop_empty_groups(aligner *al)
{
	size_t i, n = 0;

	for (i = 0; i < al->ngroups; i++) {
		group *g = &al->groups[i];
		size_t k;

		if (!g->nold && !g->nnew) {
			free(g->old);
			free(g->new);
			continue;
		}
		for (k = 0; k < g->nold; k++)
			al->match_a[g->old[k]] = n;
		for (k = 0; k < g->nnew; k++)
			al->match_b[g->new[k]] = n;
		al->groups[n++] = *g;
	}
	al->ngroups = n;
}

/* Group the scored pairs by old and by new clause, so that a clause's
 * candidates are found without a scan of all pairs. */
static int index_pairs(aligner *al)
{
	size_t side, k, n[2] = {al->b->n, al->a->n};

	for (side = 0; side < 2; side++) {
		size_t *at = calloc(n[side] + 2, sizeof(size_t));
		size_t *of = malloc((al->npairs + 1) * sizeof(size_t));

		al->pairs_at[side] = at;
		al->pairs_of[side] = of;
		if (!at || !of)
			return nd_error_oom();
		for (k = 0; k < al->npairs; k++)
			at[(side ? al->pairs[k].a : al->pairs[k].b) + 2]++;
		for (k = 2; k < n[side] + 2; k++)
			at[k] += at[k - 1];
		for (k = 0; k < al->npairs; k++)
			of[at[(side ? al->pairs[k].a : al->pairs[k].b) + 1]++] = k;
	}
	return 0;
}

/* The provisions of settled groups, flagged in fa (old) and fb (new) from
 * the groups, once a pass: try_split finds the same from each whole's
 * group, a call and a read of a group for every provision of both
 * versions in every pass (8 % of a 10 MB pair's time, 4 % with the
 * flags); the flags hold for the whole pass, as settled groups do. */
static void flag_settled(const aligner *al, unsigned char *fa,
                         unsigned char *fb)
{
	size_t gi, k;

	for (gi = 0; gi < al->ngroups; gi++) {
		const group *g = &al->groups[gi];

		if (!settled(g))
			continue;
		for (k = 0; k < g->nold; k++)
			fa[g->old[k]] = 1;
		for (k = 0; k < g->nnew; k++)
			fb[g->new[k]] = 1;
	}
}

/* One pass of try_split over every provision of both versions, with
 * scratch of its own (O(n) a pass). */
int split_pass(aligner *al, int by_opening)
{
	size_t maxw = sig_total(&al->sa) + sig_total(&al->sb), i;
	unsigned char *used = malloc(maxw + 1);
	unsigned char *fa = calloc(al->a->n + al->b->n + 1, 1);
	unsigned char *fb = fa ? fa + al->a->n : NULL;
	size_t *run = malloc((al->a->n + al->b->n + 1) * sizeof(size_t));
	int err = 0;

	if (!used || !run || !fa)
		err = nd_error_oom();
	else
		flag_settled(al, fa, fb);
	for (i = 0; i < al->a->n && !err; i++)
		if (!fa[i])
			err = try_split(al, 1, i, used, run, by_opening);
	for (i = 0; i < al->b->n && !err; i++)
		if (!fb[i])
			err = try_split(al, 0, i, used, run, by_opening);
	free(used);
	free(fa);
	free(run);
	return err;
}

/* Pairing and splits, in order of certainty: splits whose parts keep the
 * whole's opening are found among the candidates before the greedy pairing
 * (so that a part is not first given to some other provision that merely
 * contains its words), then the greedy pairing, then splits extending
 * those pairs, by opening and then by content. */
int align_pairs_and_splits(aligner *al)
{
	int err;

	if ((err = index_pairs(al)) == 0 && (err = split_pass(al, 1)) == 0 &&
	    (err = pair_greedy(al)) == 0 && (err = split_pass(al, 1)) == 0)
		err = split_pass(al, 0);
	drop_empty_groups(al);
	return err;
}

/* 3c. A heading and its body in one version, one run-in provision in the
 * other ("1. DEFINITIONS" + "'Contribution' means ..." against "1.
 * DEFINITIONS 'Contribution' means ..."): by now the body is paired with
 * the run-in provision and the heading is left over. When the heading is
 * unpaired, the body is its first child, and at least LAYOUT_SHARE of the
 * heading's words are words the run-in provision has beyond the body's,
 * the heading joins the pair: a merge (or, the other way, a split),
 * flagged layout when no word changed (fill_change). */
#define LAYOUT_SHARE 0.8

/* The words of sorted x[0..nx) not matched in sorted y[0..ny), into out
 * (room for nx); their number. */
static size_t words_beyond(const uint64_t *x, size_t nx, const uint64_t *y,
                           size_t ny, uint64_t *out)
{
	size_t i = 0, j = 0, n = 0;

	while (i < nx) {
		if (j == ny || x[i] < y[j])
			out[n++] = x[i++];
		else if (x[i] > y[j])
			j++;
		else {
			i++;
			j++;
		}
	}
	return n;
}

/* Join the unpaired parent of group gi's clause on one side (old_side:
 * the old) to the group, if it is a heading whose words fill the gap.
 * `scratch` has room for the other side's words of the group. */
static int join_heading(aligner *al, int old_side, size_t gi, uint64_t *scratch)
{
	group *g = &al->groups[gi];
	const nd_doc *d = old_side ? al->a : al->b;
	const sig *sd = old_side ? &al->sa : &al->sb, *so = old_side ? &al->sb : &al->sa;
	size_t *match = old_side ? al->match_a : al->match_b;
	size_t c = old_side ? g->old[0] : g->new[0], w = old_side ? g->new[0] : g->old[0];
	size_t p = d->clauses[c].parent, extra, np, **arr, *n, k;

	if (p == NONE || p + 1 != c || match[p] != NONE ||
	    d->clauses[p].kind != ND_CLAUSE_HEADING || (np = nwords(sd, p)) == 0)
		return 0;
	extra = words_beyond(sig_words(so, w), nwords(so, w),
	                     sig_words(sd, c), nwords(sd, c), scratch);
	if ((double)shared_words(sig_words(sd, p), np, scratch, extra) <
	    LAYOUT_SHARE * (double)np)
		return 0;
	arr = old_side ? &g->old : &g->new;
	n = old_side ? &g->nold : &g->nnew;
	k = *n + 1;
	{
		size_t *grown = realloc(*arr, k * sizeof(size_t));

		if (!grown)
			return nd_error_oom();
		*arr = grown;
	}
	memmove(*arr + 1, *arr, *n * sizeof(size_t)); /* the heading comes first */
	(*arr)[0] = p;
	(*n)++;
	g->same = 0;
	match[p] = gi;
	return 0;
}

int align_layout(aligner *al)
{
	size_t gi, most = 1, i;
	uint64_t *scratch;
	int err = 0;

	for (i = 0; i < al->a->n; i++)
		most = nwords(&al->sa, i) > most ? nwords(&al->sa, i) : most;
	for (i = 0; i < al->b->n; i++)
		most = nwords(&al->sb, i) > most ? nwords(&al->sb, i) : most;
	if ((scratch = malloc(most * sizeof(uint64_t))) == NULL)
		return nd_error_oom();
	for (gi = 0; gi < al->ngroups && !err; gi++) {
		const group *g = &al->groups[gi];

		if (g->nold != 1 || g->nnew != 1)
			continue;
		if ((err = join_heading(al, 1, gi, scratch)) == 0 &&
		    al->groups[gi].nold == 1)
			err = join_heading(al, 0, gi, scratch);
	}
	free(scratch);
	return err;
}
