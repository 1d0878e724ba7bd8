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
 * the next one's partner and shift every pair after it). One so passed
 * over, and the new ones passed over with it, lie between two pairs once
 * the next pair is made: a gap of their own, paired the same way ("2." of
 * a boilerplate fits the new "3." best, "3." fits it better still, and the
 * new "2." is "2." reworded), up to GAP_DEPTH gaps deep; the gaps of one
 * depth lie in disjoint stretches of those above, so no depth costs more
 * than the first. To fit, a pair
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
#define GAP_DEPTH 4

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

/* The score of old i and new j if they may pair by place, else -1; a
 * score below `least` may come out lower (pair_score_least). */
double gap_score(const aligner *al, size_t i, size_t j, double least)
{
	const nd_clause *x = &al->a->clauses[i], *y = &al->b->clauses[j];
	double sc;

	if (x->kind != y->kind && !(x->kind == ND_CLAUSE_ITEM) != !(y->kind == ND_CLAUSE_ITEM))
		return -1;
	if (!x->body_len || !y->body_len)
		return -1; /* empty bodies pair by their children (align_empty) */
	if (!titles_agree(al, i, j))
		return -1; /* place is weak evidence; another title is strong */
	sc = pair_score_least(al, i, j, least > GAP_LABEL_THRESHOLD
	                                ? least : GAP_LABEL_THRESHOLD);
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
		if (al->match_a[k] == NONE && gap_score(al, k, j, sc) > sc)
			return 1;
	return 0;
}

static int pair_gap(aligner *al, size_t i0, size_t i1, size_t j0, size_t j1,
                    unsigned depth)
{
	size_t i, j, from = j0, last_i = i0;
	int full = (i1 - i0) * (j1 - j0) <= GAP_MAX_CELLS, err = 0;

	for (i = i0; i < i1 && !err; i++) {
		size_t end = full || j1 - from <= GAP_WINDOW ? j1 : from + GAP_WINDOW;
		size_t best = NONE, iend = full || i1 - i <= GAP_WINDOW ? i1 : i + GAP_WINDOW;
		double top = -1, sc;

		if (al->match_a[i] != NONE)
			continue;
		for (j = from; j < end; j++)
			if (al->match_b[j] == NONE && (sc = gap_score(al, i, j, top)) > top) {
				top = sc;
				best = j;
			}
		/* the best partner of each other, or the order drifts: a
		 * removed provision would take the next one's partner */
		if (best == NONE || better_old(al, best, i, iend, top))
			continue;
		if ((err = add_group(al, &i, 1, &best, 1)) != 0)
			break;
		/* those passed over since the last pair lie between two pairs
		 * now: a gap of their own */
		if (depth < GAP_DEPTH && i > last_i && best > from)
			err = pair_gap(al, last_i, i, from, best, depth + 1);
		last_i = i + 1;
		from = best + 1;
	}
	if (!err && depth < GAP_DEPTH && last_i > i0 && last_i < i1 && from < j1)
		err = pair_gap(al, last_i, i1, from, j1, depth + 1);
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
			err = pair_gap(al, i0, i, j0, j1, 0);
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
 * States to ...") easily reach 0.65, so the bar is higher than a move's.
 *
 * "Each with each" is the result; the work is less. A score of 0.8 needs
 * the shorter text S of the pair (na, nb words, sh shared) to lie four
 * fifths inside the longer: the Dice branch needs 2 sh >= 0.8 (na + nb),
 * so sh >= 0.8 min(na, nb), and the containment branch (score() in
 * align_sig.c: 0.8 times sh / min) reaches 0.8 only at sh = min. So if
 * S's words absent from the longer text are more than LEFTOVER_MISS of S
 * (a little over a fifth, for the rounding of the scores), the pair
 * cannot be taken. S's distinct words are ordered rarest first among the
 * leftovers (then by hash), and its "probe" is the shortest start of that
 * order that covers more than LEFTOVER_MISS of its words, with their
 * repeats: a text sharing no probe word with S misses too many. Each
 * leftover is compared only with the texts of the other side, no shorter
 * than it, that hold one of its probe words (found through an inverted
 * index of the leftovers), as the prefix filter of set-similarity joins
 * does, or with all those no shorter when the probe words' postings
 * outnumber them (boilerplate every leftover shares). Ties in length are
 * probed from the old side only, so no pair is scored twice. The pairs
 * kept are those the full comparison keeps, and their order (pair_before)
 * is total, so the groups are the same. On a text of many short
 * provisions the leftovers grow with the text, and each with each was
 * quadratic within the cap. */
#define LEFTOVER_CELLS ((size_t)1 << 22)
#define LEFTOVER_THRESHOLD 0.8
#define LEFTOVER_MISS 0.21 /* 1 - LEFTOVER_THRESHOLD, and a margin */

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

/* One distinct word of a probed text: how many leftovers hold it, how
 * often the text does, and its postings on the other side. */
typedef struct pword {
	size_t df;
	uint64_t word;
	size_t mult;
	size_t lo, hi;
} pword;

static int cmp_pword(const void *x, const void *y)
{
	const pword *a = x, *b = y;

	if (a->df != b->df)
		return a->df < b->df ? -1 : 1;
	return a->word < b->word ? -1 : a->word > b->word;
}

/* The state of one leftover pass: both sides' leftovers, their indexes,
 * the pairs found, and scratch for one probe. */
typedef struct lpass {
	aligner *al;
	size_t *u[2];      /* old, new leftovers */
	size_t n[2];
	windex ix[2];      /* each side's leftovers by word */
	pword *words;      /* the probed text's distinct words */
	size_t wordcap;
	unsigned char *seen[2]; /* candidates of this probe, by index */
	size_t *touched;   /* and the list of them */
	pair *ps;
	size_t np, cap;
} lpass;

/* Score old a against new b as the full comparison does, and keep the
 * pair when it may be taken. */
static int consider(lpass *lp, size_t a, size_t b)
{
	const aligner *al = lp->al;
	double sc = gap_score(al, a, b, al->o->threshold > LEFTOVER_THRESHOLD
	                                ? al->o->threshold : LEFTOVER_THRESHOLD);

	if (sc < al->o->threshold || sc < LEFTOVER_THRESHOLD)
		return 0;
	if (nd_vec_reserve((void **)&lp->ps, &lp->cap, lp->np + 1, sizeof(pair)))
		return nd_error_oom();
	lp->ps[lp->np].sim = sc;
	lp->ps[lp->np].a = a;
	lp->ps[lp->np].b = b;
	lp->ps[lp->np++].shared = 0;
	return 0;
}

/* Leftover x of side `side` (0 old, 1 new) against the other side's
 * leftovers that hold one of its probe words and are longer (or, from
 * the old side, as long). When its probe words' postings outnumber the
 * other side's leftovers (boilerplate that every leftover shares), those
 * are all compared instead, as long: the same pairs, never more work
 * than each with each. */
static int probe(lpass *lp, int side, size_t x)
{
	const sig *s = side ? &lp->al->sb : &lp->al->sa;
	const sig *o = side ? &lp->al->sa : &lp->al->sb;
	size_t c = lp->u[side][x], n = nwords(s, c), nw = 0, k, np, covered = 0;
	const uint64_t *sc = sig_words(s, c);
	size_t ntouched = 0, lo, hi, walk = 0, y;
	int other = !side, err = 0;

	if (nd_vec_reserve((void **)&lp->words, &lp->wordcap, n + 1, sizeof(pword)))
		return nd_error_oom();
	for (k = 0; k < n; k++) {
		uint64_t w = sc[k];
		pword *pw = &lp->words[nw];

		if (k > 0 && w == sc[k - 1]) {
			lp->words[nw - 1].mult++;
			continue;
		}
		windex_find(&lp->ix[side], w, &lo, &hi);
		windex_find(&lp->ix[other], w, &pw->lo, &pw->hi);
		pw->df = hi - lo + pw->hi - pw->lo;
		pw->word = w;
		pw->mult = 1;
		nw++;
	}
	qsort(lp->words, nw, sizeof(pword), cmp_pword);
	for (np = 0; np < nw && !((double)covered > LEFTOVER_MISS * (double)n); np++) {
		covered += lp->words[np].mult;
		walk += lp->words[np].hi - lp->words[np].lo;
	}
	if (walk > lp->n[other]) {
		for (y = 0; y < lp->n[other]; y++) {
			size_t ny = nwords(o, lp->u[other][y]);

			if (ny > n || (!side && ny == n))
				lp->touched[ntouched++] = y;
		}
	} else {
		for (k = 0; k < np; k++)
			for (lo = lp->words[k].lo; lo < lp->words[k].hi; lo++) {
				size_t ny;

				y = lp->ix[other].clause[lo];
				ny = nwords(o, lp->u[other][y]);
				if (lp->seen[other][y] || ny < n || (side && ny == n))
					continue;
				lp->seen[other][y] = 1;
				lp->touched[ntouched++] = y;
			}
	}
	for (k = 0; k < ntouched; k++) {
		y = lp->touched[k];
		lp->seen[other][y] = 0;
		if (!err)
			err = side ? consider(lp, lp->u[other][y], c)
			           : consider(lp, c, lp->u[other][y]);
	}
	return err;
}

static void lpass_free(lpass *lp)
{
	int side;

	for (side = 0; side < 2; side++) {
		free(lp->u[side]);
		windex_dispose(&lp->ix[side]);
		free(lp->seen[side]);
	}
	free(lp->words);
	free(lp->touched);
	free(lp->ps);
}

int align_leftovers(aligner *al)
{
	lpass lp = {0};
	size_t x;
	int side, err = 0;

	lp.al = al;
	lp.u[0] = malloc((al->a->n + 1) * sizeof(size_t));
	lp.u[1] = malloc((al->b->n + 1) * sizeof(size_t));
	if (!lp.u[0] || !lp.u[1]) {
		err = nd_error_oom();
		goto done;
	}
	lp.n[0] = leftovers(al->a, al->match_a, &al->sa, lp.u[0]);
	lp.n[1] = leftovers(al->b, al->match_b, &al->sb, lp.u[1]);
	if (!lp.n[0] || !lp.n[1])
		goto done;
	if (lp.n[0] > LEFTOVER_CELLS / lp.n[1]) {
		al->leftovers_skipped = lp.n[0] + lp.n[1];
		goto done;
	}
	lp.touched = malloc((lp.n[0] + lp.n[1] + 1) * sizeof(size_t));
	if (!lp.touched) {
		err = nd_error_oom();
		goto done;
	}
	for (side = 0; side < 2 && !err; side++) {
		if ((lp.seen[side] = calloc(lp.n[side] + 1, 1)) == NULL)
			err = nd_error_oom();
		else
			err = windex_build(&lp.ix[side], side ? &al->sb : &al->sa,
			                   lp.u[side], lp.n[side], 0, SIZE_MAX, NULL);
	}
	for (side = 0; side < 2 && !err; side++)
		for (x = 0; x < lp.n[side] && !err; x++)
			err = probe(&lp, side, x);
	if (!err)
		err = sort_pairs(lp.ps, lp.np);
	for (x = 0; x < lp.np && !err; x++)
		if (al->match_a[lp.ps[x].a] == NONE && al->match_b[lp.ps[x].b] == NONE)
			err = add_group(al, &lp.ps[x].a, 1, &lp.ps[x].b, 1);
done:
	lpass_free(&lp);
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
