/* align_moves.c - step 4 of the alignment (align.c): moves.
 *
 *   4. moves: the aligned groups in old order; the longest run whose new
 *      positions increase (O(n log n); among runs as long, the one that
 *      keeps outer and closer pairs) stays in place, every other group
 *      has moved; so has a provision whose old and new parents are both
 *      aligned, but not with each other (a sub-item under another item).
 *      A reworded pair that moved must score at least 0.65, else it is
 *      taken for a removal and an unrelated addition; the parents are
 *      then judged again, since a dissolved pair may have been one (a
 *      new wrapper heading first paired with the old title is no reason
 *      for the paragraphs under it to have moved).
 */
#include <stdlib.h>

#include "normdiff/error.h"

#include "align_internal.h"

/* A pair made by similarity that also breaks the order of its neighbours
 * needs more evidence than one in place: below this score it is taken for
 * a removal and an unrelated addition. */
#define MOVE_THRESHOLD 0.65

/* 4. Moves: the run of new positions increasing in old order. */
/* A provision has moved when it is out of the run, or now under another
 * parent: both its parents are aligned, but not with each other. */
static void moved_by_parent(aligner *al, const size_t *order, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		group *g = &al->groups[order[i]];
		size_t pa, pb;

		if (!g->nold || !g->nnew)
			continue;
		pa = al->a->clauses[g->old[0]].parent;
		pb = al->b->clauses[g->new[0]].parent;
		g->moved = g->run_moved ||
		           (pa != NONE && pb != NONE && al->match_a[pa] != NONE &&
		            al->match_b[pb] != NONE && al->match_a[pa] != al->match_b[pb]);
	}
}

/* A weak pair out of place is no pair (it was out of the run anyway, or
 * its parents were, so the run stays valid): its provisions are unpaired.
 * Sets *dissolved when one was. */
static int dissolve_weak_moves(aligner *al, const size_t *order, size_t n,
                               int *dissolved)
{
	size_t i;
	int err;

	for (i = 0; i < n; i++) {
		group *g = &al->groups[order[i]];
		double s;

		if (!g->moved || g->nold != 1 || g->nnew != 1 || g->same)
			continue;
		if ((err = group_score(al, g, &s)) != 0)
			return err;
		if (s < MOVE_THRESHOLD) {
			al->match_a[g->old[0]] = NONE;
			al->match_b[g->new[0]] = NONE;
			g->nold = g->nnew = 0;
			g->moved = 0;
			*dissolved = 1;
			al->dissolved++;
		}
	}
	return 0;
}

#define MOVE_ROUNDS 4 /* rounds of judging moves and dissolving weak ones */

/* The weight of a paired group in the run: 1, plus a tie-break below
 * 1/n, so that the run is the longest first and, among runs as long, the
 * one that keeps the outer provisions in place (a sub-item moved under
 * another item, not that item around it), then the closest pairs ("¶13 ->
 * ¶15" at 0.88 rather than "¶14 -> ¶12" at 0.56 across it). Groups of
 * several provisions and identical pairs count as similar as can be. */
static double run_weight(const aligner *al, group *g, size_t n)
{
	double sim = 1;
	unsigned depth = al->b->clauses[g->new[0]].depth;

	if (g->nold == 1 && g->nnew == 1 && !g->same)
		sim = pair_sim(al, g);
	return 1 + (0.5 / (1.0 + depth) + 0.49 * sim) / (double)(n + 1);
}

typedef struct run_cell {
	double best; /* heaviest run ending at or below this new position */
	size_t at;   /* index in order[] of its last group, or NONE */
} run_cell;

/* Each group in order[] has its first new position and its weight read
 * into pos[] and weight[] in a loop of its own: the groups and their
 * clause arrays lie in creation order, scattered against the old order,
 * and those independent loads overlap there, while in the run's loop each
 * would wait for the tree walk before it. */
static void run_inputs(const aligner *al, const size_t *order, size_t n,
                       size_t *pos, double *weight)
{
	size_t i;

	for (i = 0; i < n; i++)
		pos[i] = al->groups[order[i]].new[0];
	for (i = 0; i < n; i++)
		weight[i] = run_weight(al, &al->groups[order[i]], n);
}

/* The paired groups in old order, into *order (allocated, *n of them),
 * and for each whether it is out of the heaviest run whose new positions
 * increase (run_moved; see run_weight), by a Fenwick tree of running
 * maxima over new positions in O(n log m). Old clause order is group
 * creation order only by accident: the old document is walked instead. */
int mark_run(aligner *al, size_t **order_out, size_t *n_out)
{
	size_t n = 0, i, m = al->b->n, *order, *prev, *pos, last = NONE;
	double *weight, top = 0;
	run_cell *tree;

	order = malloc((al->ngroups + 1) * sizeof(size_t));
	prev = malloc((al->ngroups + 1) * sizeof(size_t));
	pos = malloc((al->ngroups + 1) * sizeof(size_t));
	weight = malloc((al->ngroups + 1) * sizeof(double));
	tree = calloc(m + 1, sizeof(run_cell));
	if (!order || !prev || !pos || !weight || !tree) {
		free(order);
		free(prev);
		free(pos);
		free(weight);
		free(tree);
		return nd_error_oom();
	}
	for (i = 0; i < al->a->n; i++) {
		size_t g = al->match_a[i];

		if (g != NONE && al->groups[g].nnew && al->groups[g].old[0] == i)
			order[n++] = g;
	}
	run_inputs(al, order, n, pos, weight);
	for (i = 0; i <= m; i++)
		tree[i].at = NONE;
	for (i = 0; i < n; i++) {
		size_t v = pos[i], k;
		run_cell here = {0, NONE};

		for (k = v; k > 0; k -= k & (~k + 1)) /* positions below v */
			if (tree[k].best > here.best)
				here = tree[k];
		prev[i] = here.at;
		here.best += weight[i];
		here.at = i;
		if (here.best > top) {
			top = here.best;
			last = i;
		}
		for (k = v + 1; k <= m; k += k & (~k + 1))
			if (here.best > tree[k].best)
				tree[k] = here;
	}
	for (i = 0; i < n; i++)
		al->groups[order[i]].run_moved = 1;
	for (i = last; i != NONE; i = prev[i])
		al->groups[order[i]].run_moved = 0;
	free(prev);
	free(pos);
	free(weight);
	free(tree);
	*order_out = order;
	*n_out = n;
	return 0;
}

/* A move undone by two pairs in place. A pair (a, b) out of the run,
 * where a's place in the new version holds an unpaired provision that
 * fits a, and b's place in the old version an unpaired provision that
 * fits b (or two such pairs cross each other: a with the other's new
 * provision and the other's old one with b), each at least MOVE_THRESHOLD,
 * is two provisions rewritten in place rather than
 * one moved, one removed and one added: among provisions of one
 * boilerplate ("Invites the relevant organizations of the United Nations
 * system, ...") the first pairing can cross. A place is the stretch
 * between the nearest pairs in the run on each side, looked for within
 * REPAIR_WALK provisions, so the pass stays linear. */
#define REPAIR_WALK 16

/* The in-run neighbours of clause c of one side (old_side: the old),
 * mapped to the other side: *lo and *hi bound the place of c there
 * (exclusive). 0 when none is found within REPAIR_WALK. */
static int place_of(const aligner *al, int old_side, size_t c, size_t *lo,
                    size_t *hi)
{
	const size_t *match = old_side ? al->match_a : al->match_b;
	size_t n = old_side ? al->a->n : al->b->n, m = old_side ? al->b->n : al->a->n;
	size_t k, steps;
	const group *g;

	*lo = NONE;
	*hi = m;
	for (k = c, steps = 0; k-- > 0 && steps < REPAIR_WALK; steps++)
		if (match[k] != NONE && !(g = &al->groups[match[k]])->run_moved &&
		    g->nold && g->nnew) {
			*lo = old_side ? g->new[g->nnew - 1] : g->old[g->nold - 1];
			break;
		}
	for (k = c + 1, steps = 0; k < n && steps < REPAIR_WALK; k++, steps++)
		if (match[k] != NONE && !(g = &al->groups[match[k]])->run_moved &&
		    g->nold && g->nnew) {
			*hi = old_side ? g->new[0] : g->old[0];
			break;
		}
	return (*lo != NONE || c < REPAIR_WALK) && (*hi != m || n - c <= REPAIR_WALK);
}

/* Is group gi a 1:1 pair out of the run, that a repair may take apart? */
static int crossing(const aligner *al, size_t gi)
{
	const group *g = &al->groups[gi];

	return g->run_moved && g->nold == 1 && g->nnew == 1;
}

/* The clause of the other side in the place of c, unpaired or in a pair
 * out of the run, that fits c best at MOVE_THRESHOLD or more, or NONE. */
static size_t in_place(const aligner *al, int old_side, size_t c)
{
	const size_t *other = old_side ? al->match_b : al->match_a;
	size_t lo, hi, k, best = NONE;
	double top = MOVE_THRESHOLD;

	if (!place_of(al, old_side, c, &lo, &hi))
		return NONE;
	for (k = lo == NONE ? 0 : lo + 1; k < hi && k - lo <= REPAIR_WALK; k++) {
		size_t i = old_side ? c : k, j = old_side ? k : c;
		double s;

		if (other[k] != NONE && !crossing(al, other[k]))
			continue;
		if ((s = gap_score(al, i, j, top)) >= top) {
			top = s;
			best = k;
		}
	}
	return best;
}

static int repair_moves(aligner *al, const size_t *order, size_t n, int *any)
{
	size_t i;
	int err = 0;

	for (i = 0; i < n && !err; i++) {
		group *g = &al->groups[order[i]];
		size_t a, b, nb, na;

		if (!g->run_moved || g->nold != 1 || g->nnew != 1)
			continue;
		a = g->old[0];
		b = g->new[0];
		if ((nb = in_place(al, 1, a)) == NONE || (na = in_place(al, 0, b)) == NONE)
			continue;
		if (al->match_b[nb] == NONE && al->match_a[na] == NONE) {
			/* both places hold an unpaired provision */
			al->match_a[a] = NONE;
			al->match_b[b] = NONE;
			g->nold = g->nnew = 0;
			if ((err = add_group(al, &a, 1, &nb, 1)) == 0)
				err = add_group(al, &na, 1, &b, 1);
			*any = 1;
		} else if (al->match_b[nb] != NONE && al->match_b[nb] == al->match_a[na]) {
			/* two pairs crossing each other: swap their partners */
			size_t hi = al->match_b[nb];
			group *h = &al->groups[hi];

			g->new[0] = nb;
			h->new[0] = b;
			group_settle(al, g);
			group_settle(al, h);
			al->match_b[nb] = order[i];
			al->match_b[b] = hi;
			g->run_moved = h->run_moved = 0;
			*any = 1;
		}
	}
	return err;
}

int mark_moves(aligner *al)
{
	size_t n, *order;
	int err, round, repaired = 0;

	if ((err = mark_run(al, &order, &n)) != 0)
		return err;
	if ((err = repair_moves(al, order, n, &repaired)) == 0 && repaired) {
		free(order);
		if ((err = mark_run(al, &order, &n)) != 0)
			return err;
	}
	if (err) {
		free(order);
		return err;
	}
	/* dissolving a weak pair can leave a provision's parent unpaired, so
	 * the parent rule is judged again after each round that dissolved one
	 * (a few rounds: a pair dissolves only once) */
	for (round = 0;; round++) {
		int dissolved = 0;

		moved_by_parent(al, order, n);
		if (round == MOVE_ROUNDS ||
		    (err = dissolve_weak_moves(al, order, n, &dissolved)) != 0 ||
		    !dissolved)
			break;
	}
	if (!err)
		drop_empty_groups(al);
	free(order);
	return err;
}
