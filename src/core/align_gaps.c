/* align_gaps.c - steps 3b and 3b' of the alignment (align.c): pairs by
 * place, the splits around them, the leftovers, and the provisions without
 * a body.
 *
 * After the pairing by content, in this order: pairs by place between
 * paired neighbours (align_gaps, 3b), splits and merges extending them
 * (align_gap_splits), each unpaired old provision compared with each
 * unpaired new one (align_leftovers, 3b'), and the provisions without a
 * body through their first children (align_empty). Each is described at
 * its function below.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "normdiff/error.h"

#include "align_internal.h"

/* Splits and merges extending the pairs made by place: in a long text
 * whose words are all too common to find candidates by, a split provision
 * is first paired by place with one of its parts, and the others are
 * found from there, by content, or by opening when most of the part's
 * words are inside the whole too: an opening formula alone ("Further
 * requests the Secretary-General to") is shared by a provision that moved
 * away, and without candidates there is nothing else to tell them apart. */
int align_gap_splits(aligner *al)
{
	int err;

	if ((err = split_pass(al, OPENING_AND_WORDS)) == 0)
		err = split_pass(al, 0);
	drop_empty_groups(al);
	return err;
}

/* 3b. Pairs by place. After the pairing by content, an unpaired old
 * provision that lies between two paired neighbours whose partners are in
 * order, with unpaired new provisions between those partners, is most
 * likely one of them rewritten: a reader pairs "10) Mutual Termination for
 * Patent Action." with "10) Termination for Patent Action." between the
 * same neighbours, and a short provision whose every word is common.
 * Inside such a gap the old and the new provisions are paired in order,
 * each with the new one after the last taken that it fits best, if no
 * later old one fits that one better (a removed provision must not take
 * the next one's partner and shift every pair after it). To fit, a pair
 * scores at least GAP_THRESHOLD on all words, or GAP_LABEL_THRESHOLD when both have the
 * same kind and label; never when both have titles that share no word
 * ("i. Performance Royalties Under Blanket Licenses." is not "i.
 * Non-waivable Compulsory License Schemes.", whatever boilerplate their
 * bodies share). A gap is compared in full up to GAP_MAX_CELLS
 * pairs, else each old provision only with the GAP_WINDOW new ones after
 * the last taken, so the pass stays linear. */
#define GAP_THRESHOLD 0.3
#define GAP_LABEL_THRESHOLD 0.15
#define GAP_MAX_CELLS 4096
#define GAP_WINDOW 16

int is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* The next word of s[*i..len) (ASCII letters and digits, and any
 * character of another script), its length; 0 at the end. */
static size_t next_word(const char *s, size_t len, size_t *i)
{
	size_t b;

	while (*i < len && !is_alnum((unsigned char)s[*i]) &&
	       (unsigned char)s[*i] < 0x80)
		(*i)++;
	for (b = *i; *i < len && (is_alnum((unsigned char)s[*i]) ||
	                          (unsigned char)s[*i] >= 0x80); (*i)++)
		;
	return *i - b;
}

/* Do the titles of old i and new j share a word (case aside), or does
 * either have none? Titles are short: the quadratic walk is bounded. */
static int titles_agree(const aligner *al, size_t i, size_t j)
{
	size_t la, lb, p = 0, wa;
	const char *ha = nd_doc_heading(al->a, i, &la), *hb = nd_doc_heading(al->b, j, &lb);

	if (!ha || !hb)
		return 1;
	while ((wa = next_word(ha, la, &p)) != 0) {
		size_t q = 0, wb;

		while ((wb = next_word(hb, lb, &q)) != 0)
			if (wa == wb && !strncasecmp(ha + p - wa, hb + q - wb, wa))
				return 1;
	}
	return 0;
}

/* The score of old i and new j if they may pair by place, else -1. */
double gap_score(const aligner *al, size_t i, size_t j)
{
	const nd_clause *x = &al->a->clauses[i], *y = &al->b->clauses[j];
	double sc;

	if (x->kind != y->kind && !(x->kind == ND_CLAUSE_ITEM) != !(y->kind == ND_CLAUSE_ITEM))
		return -1;
	if (!x->body_len || !y->body_len)
		return -1; /* empty bodies pair by their children (align_empty) */
	if (!titles_agree(al, i, j))
		return -1; /* place is weak evidence; another title is strong */
	sc = pair_score(al, i, j);
	if (sc >= GAP_THRESHOLD ||
	    (sc >= GAP_LABEL_THRESHOLD && x->kind == y->kind &&
	     !strcmp(nd_doc_label(al->a, i), nd_doc_label(al->b, j))))
		return sc;
	return -1;
}

/* The new position a paired old clause's group ends (last) or starts at. */
size_t partner(const aligner *al, size_t i, int last)
{
	const group *g = &al->groups[al->match_a[i]];

	if (!g->nnew)
		return NONE;
	return last ? g->new[g->nnew - 1] : g->new[0];
}

/* Is there an unpaired old provision in (i, end) that fits new j better
 * than `sc`? */
static int better_old(const aligner *al, size_t j, size_t i, size_t end, double sc)
{
	size_t k;

	for (k = i + 1; k < end; k++)
		if (al->match_a[k] == NONE && gap_score(al, k, j) > sc)
			return 1;
	return 0;
}

static int pair_gap(aligner *al, size_t i0, size_t i1, size_t j0, size_t j1)
{
	size_t i, j, from = j0;
	int full = (i1 - i0) * (j1 - j0) <= GAP_MAX_CELLS, err = 0;

	for (i = i0; i < i1 && !err; i++) {
		size_t end = full || j1 - from <= GAP_WINDOW ? j1 : from + GAP_WINDOW;
		size_t best = NONE, iend = full || i1 - i <= GAP_WINDOW ? i1 : i + GAP_WINDOW;
		double top = -1, sc;

		if (al->match_a[i] != NONE)
			continue;
		for (j = from; j < end; j++)
			if (al->match_b[j] == NONE && (sc = gap_score(al, i, j)) > top) {
				top = sc;
				best = j;
			}
		/* the best partner of each other, or the order drifts: a
		 * removed provision would take the next one's partner */
		if (best == NONE || better_old(al, best, i, iend, top))
			continue;
		err = add_group(al, &i, 1, &best, 1);
		from = best + 1;
	}
	return err;
}

/* Is old clause i paired in the run of pairs that kept their order? Only
 * those bound a gap: a pair out of order ("1127." paired with "1417.",
 * far ahead) would open a gap over the provisions in between. */
static int in_run(const aligner *al, size_t i)
{
	size_t g = al->match_a[i];

	return g != NONE && al->groups[g].nnew && !al->groups[g].run_moved;
}

int align_gaps(aligner *al)
{
	size_t i = 0, prev_new = NONE, n = al->a->n, *order, norder;
	int err;

	if ((err = mark_run(al, &order, &norder)) != 0)
		return err;
	free(order);
	while (i < n && !err) {
		size_t i0 = i, next, j0, j1;

		while (i < n && !in_run(al, i))
			i++;
		/* old [i0, i) unpaired or out of order, between the paired i0-1
		 * and i (or the ends) */
		next = i < n ? partner(al, i, 0) : al->b->n;
		j0 = prev_new == NONE ? 0 : prev_new + 1;
		j1 = next == NONE ? j0 : next;
		if (i > i0 && j1 > j0 && (i0 == 0 || prev_new != NONE))
			err = pair_gap(al, i0, i, j0, j1);
		if (i < n) {
			size_t last = partner(al, i, 1);

			/* a partner behind the last one breaks the order: no gap
			 * is trusted until the order is back */
			prev_new = last != NONE && (prev_new == NONE || last > prev_new ||
			                            i0 == i) ? last : prev_new;
			i++;
		}
	}
	return err;
}

/* 3b'. The leftovers. In a long text whose every word is in more
 * provisions than the index follows (max_posting), a provision that moved
 * and was reworded has no candidate at all, and no place to pair by. What
 * is left unpaired after the pairs by place is few: each unpaired old
 * provision is compared with each unpaired new one, up to LEFTOVER_CELLS
 * comparisons (beyond, a note says so), and pairs at LEFTOVER_THRESHOLD
 * or more (and `threshold`) are taken greedily, best first, as in step 2.
 * Such a pair has no evidence but its words, and a removed provision and
 * an unrelated added one of the same boilerplate ("Calls upon Member
 * States to ...") easily reach 0.65, so the bar is higher than a move's. */
#define LEFTOVER_CELLS ((size_t)1 << 22)
#define LEFTOVER_THRESHOLD 0.8

/* The unpaired provisions of one side that have words, into out; their
 * number. */
static size_t leftovers(const nd_doc *d, const size_t *match, const sig *s,
                        size_t *out)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		if (match[i] == NONE && nwords(s, i))
			out[n++] = i;
	return n;
}

int align_leftovers(aligner *al)
{
	size_t *ua = malloc((al->a->n + 1) * sizeof(size_t));
	size_t *ub = malloc((al->b->n + 1) * sizeof(size_t));
	size_t na, nb, x, y, np = 0, cap = 0;
	pair *ps = NULL;
	int err = 0;

	if (!ua || !ub) {
		err = nd_error_oom();
		goto done;
	}
	na = leftovers(al->a, al->match_a, &al->sa, ua);
	nb = leftovers(al->b, al->match_b, &al->sb, ub);
	if (na && nb && na > LEFTOVER_CELLS / nb) {
		al->leftovers_skipped = na + nb;
		goto done;
	}
	for (x = 0; x < na && !err; x++)
		for (y = 0; y < nb && !err; y++) {
			double sc = gap_score(al, ua[x], ub[y]);

			if (sc < al->o->threshold || sc < LEFTOVER_THRESHOLD)
				continue;
			if (nd_vec_reserve((void **)&ps, &cap, np + 1, sizeof(pair))) {
				err = nd_error_oom();
				break;
			}
			ps[np].sim = sc;
			ps[np].a = ua[x];
			ps[np].b = ub[y];
			ps[np++].shared = 0;
		}
	if (!err && np)
		qsort(ps, np, sizeof(pair), cmp_pair);
	for (x = 0; x < np && !err; x++)
		if (al->match_a[ps[x].a] == NONE && al->match_b[ps[x].b] == NONE)
			err = add_group(al, &ps[x].a, 1, &ps[x].b, 1);
done:
	free(ps);
	free(ua);
	free(ub);
	return err;
}

/* The group of the first child of old provision i that is paired, or
 * NONE: a removed first item does not hide the items that stayed. */
static size_t first_paired_child(const aligner *al, size_t i)
{
	const nd_clause *cl = al->a->clauses;

	for (size_t k = i + 1; k < cl[i].end; k = cl[k].end)
		if (al->match_a[k] != NONE)
			return al->match_a[k];
	return NONE;
}

/* Provisions without a body ("Article 5" alone, a bare number) pair when
 * their first children that are paired are paired with each other's: the
 * heading goes where its content went. */
int align_empty(aligner *al)
{
	size_t i;
	int err = 0;

	for (i = 0; i < al->a->n && !err; i++) {
		const nd_clause *c = &al->a->clauses[i];
		size_t gi, p;
		const group *g;

		if (c->body_len || al->match_a[i] != NONE || c->end == i + 1 ||
		    (gi = first_paired_child(al, i)) == NONE)
			continue;
		g = &al->groups[gi];
		if (!g->nnew || (p = al->b->clauses[g->new[0]].parent) == NONE ||
		    al->match_b[p] != NONE || al->b->clauses[p].body_len ||
		    al->b->clauses[p].kind != c->kind)
			continue;
		err = add_group(al, &i, 1, &p, 1);
	}
	return err;
}
