/* worddiff.c - word-level edits between two texts, read like a redline.
 *
 * What: both texts are tokenized (tokens.c); the token sequences are
 * diffed on exact content; the edit script is then cleaned up so that a
 * reader of a redline sees "[-so as-]{+in order+} to ensure" and not
 * "[-so-]{+in+} [-as-]{+order+} to ensure".
 *
 * Steps, cheap and certain first:
 *   1. strip the common token prefix and suffix (a provision with one word
 *      changed costs a linear scan and nothing more);
 *   2. Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its
 *      Variations", 1986, section 4b), the linear-space variant: a forward
 *      and a backward search meet in a "middle snake", a point on an
 *      optimal path, and each half is solved the same way (as git's
 *      xdiff/xdiffi.c does). Chosen over the greedy forward search with a
 *      trace because the trace costs O(D^2) memory: 67 MB at the default
 *      cap of 4096, where this needs two arrays of N+M+3 entries. Tokens
 *      compare by hash first, by bytes when the hashes are equal.
 *   3. the cost cap: the first middle-snake search, over the whole
 *      remaining texts, finds the edit distance D (tokens deleted plus
 *      tokens inserted) exactly. Its forward pass at step d rules out
 *      every D < 2d, its backward pass every D < 2d+1; once D <= max_cost
 *      is ruled out the search stops after O((N+M)*max_cost) work, the
 *      middle is reported as one deletion and one insertion between the
 *      common prefix and suffix, and `capped` is set. So `capped` is set
 *      exactly when D > max_cost (and both middles are non-empty). Below
 *      the cap every later search is on a piece of a path of cost <= D.
 *   4. the clean-up, on a list of segments that alternate between an
 *      equality and a change region (a deleted range and an inserted range,
 *      one of them possibly empty); since a region is one segment, its
 *      deletion always comes before its insertion and adjacent edits of a
 *      kind are always merged:
 *      a. slide: a one-sided region (pure insertion or deletion) whose
 *         ends can shift ("ensure {+an environment for +}information" is
 *         also "ensure{+ an environment for+} information") is put where
 *         its two ends score best (the first of these two): at the
 *         edge of the text 6, space then word 4 (an edit starts at a word),
 *         word then space 3, next to punctuation 2, otherwise 1; ties go
 *         to the leftmost place. An equality between two regions is never
 *         emptied by a slide;
 *      b. fold: an equality between two regions that holds only spaces and
 *         punctuation, or one word of at most 3 characters and spaces, is
 *         made part of one change region with both neighbours, left to
 *         right, so "[-a-]{+b+} [-c-]{+d+}, [-e-]{+f+}" becomes one region;
 *      c. factor: tokens common to the start (end) of a region's deletion
 *         and insertion move out into the equality before (after) it.
 *         Myers' script has none (it is optimal), but a fold can leave
 *         one: [-that -]{+an environment for +} ends in two spaces.
 *
 * Invariants: the segments tile both token sequences in order; equality
 * segments are equal token for token; no segment is empty; segments of one
 * kind are never adjacent. Tokens are whole words (tokens.c), so an edit
 * never begins or ends inside a word. Hence the ops: EQUAL+DELETE give
 * the old text, EQUAL+INSERT the new one, no op is empty, no two adjacent
 * ops have the same kind, and an INSERT is never directly followed by a
 * DELETE.
 *
 * Similarity counts the word and number tokens the diff of step 2 or 3
 * found equal, before the clean-up (which hides short equal words inside
 * edits for the reader, not because they differ).
 *
 * Cost: only the bytes between two cut ends are tokenized: each text's
 * bytes shared with the other at its start and at its end are left out
 * but for a margin, cut where a token surely begins (whole_cut), and
 * their words counted for the similarity without making tokens. When a
 * cut end is in the way (the first or last token made is edited, or a
 * slide reaches it, so the tokens beyond might matter) the diff is made
 * again over all the tokens: the ops are always those of the whole texts
 * (a test compares the two on random texts). Tokenizing is O(N+M), the
 * new text's tokens in the bytes it shares with the old at either end
 * copied, not made again; the diff O((N+M)*D)
 * time with D <= max_cost (the recursion halves D at every level, so it
 * is O(log D) deep); memory
 * O(N+M): the two token arrays, one change flag per token, two diagonal
 * arrays of N+M+3 entries and the segment lists. No allocation per token.
 */
#include "normdiff/worddiff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/tokens.h"
#include "normdiff/utf8.h"

#include "worddiff_internal.h"

typedef struct side {
	const char *s;      /* the text tokenized (a cut of it: whole_cut) */
	size_t len;         /* its bytes */
	size_t head, tail;  /* the text's bytes before s and after s + len,
	                       the same in both texts, not tokenized */
	nd_token *t;        /* its tokens */
	size_t n;           /* number of tokens */
	unsigned char *chg; /* per token: 1 if deleted (old) or inserted (new) */
} side;

typedef struct differ {
	side a;          /* old text */
	side b;          /* new text */
	ptrdiff_t *vf;   /* forward search: furthest x on each diagonal */
	ptrdiff_t *vb;   /* backward search: furthest (least) x on each */
	size_t work;     /* search steps taken so far */
	int over;        /* the work budget ran out somewhere */
	int whole;       /* a clean-up reached a cut end: tokenize it all */
} differ;

/* Search steps allowed for one diff, whatever the edit distance: the cost
 * cap bounds D, but long runs of matching tokens on many diagonals can
 * still cost (N+M)·D; past this the box being searched is shown as
 * replaced and the result is flagged capped. */
#define WORK_BUDGET ((size_t)1 << 26)

typedef struct seg {
	size_t a0;       /* first token in the old text */
	size_t a1;       /* one past the last */
	size_t b0;       /* first token in the new text */
	size_t b1;       /* one past the last */
	int eq;          /* 1 for an equality, 0 for a change region */
} seg;

typedef struct seglist {
	seg *v;          /* segments, in text order */
	size_t n;        /* used */
	size_t cap;      /* allocated */
} seglist;

#define NONE ((ptrdiff_t)-1) /* a diagonal not reached */

static int tok_same(const char *s, const nd_token *x, const char *t,
                    const nd_token *y)
{
	return x->fold == y->fold && x->len == y->len &&
	       memcmp(s + x->off, t + y->off, x->len) == 0;
}

static int same_ab(const differ *df, size_t i, size_t j)
{
	return tok_same(df->a.s, &df->a.t[i], df->b.s, &df->b.t[j]);
}

/* Find a point on an optimal path from (a0,b0) to (a1,b1), boxes whose
 * ends differ (both non-empty). Returns D, the length of the shortest edit
 * script, with the point in *sx, *sy; or -1 when D > limit (limit < 0: no
 * limit). */
static ptrdiff_t middle_snake(differ *df, size_t a0, size_t a1,
                              size_t b0, size_t b1, ptrdiff_t limit,
                              size_t *sx, size_t *sy)
{
	ptrdiff_t N = (ptrdiff_t)(a1 - a0), M = (ptrdiff_t)(b1 - b0);
	ptrdiff_t delta = N - M, d, k, kmin, kmax, x, y;
	ptrdiff_t *vf = df->vf + M + 1, *vb = df->vb + M + 1;
	int odd = (delta % 2) != 0;

	for (k = -M - 1; k <= N + 1; k++)
		vf[k] = vb[k] = NONE;
	for (d = 0;; d++) {
		/* forward: diagonals -d..d of parity d, inside the box */
		kmin = -d < -M ? -M + ((d - M) & 1) : -d;
		kmax = d > N ? N - ((d - N) & 1) : d;
		for (k = kmin; k <= kmax; k += 2) {
			if (d == 0) {
				x = 0;
			} else {
				x = NONE;
				if (vf[k + 1] != NONE && vf[k + 1] - (k + 1) < M)
					x = vf[k + 1];             /* down */
				if (vf[k - 1] != NONE && vf[k - 1] < N &&
				    vf[k - 1] + 1 > x)
					x = vf[k - 1] + 1;         /* right */
				if (x == NONE) {
					vf[k] = NONE;
					continue;
				}
			}
			y = x - k;
			while (x < N && y < M &&
			       same_ab(df, a0 + (size_t)x, b0 + (size_t)y)) {
				x++;
				y++;
				df->work++;
			}
			if (++df->work > WORK_BUDGET) {
				df->over = 1;
				return -1;
			}
			vf[k] = x;
			if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) &&
			    vb[k] != NONE && x >= vb[k]) {
				if (limit >= 0 && 2 * d - 1 > limit)
					return -1;
				*sx = a0 + (size_t)x;
				*sy = b0 + (size_t)y;
				return 2 * d - 1;
			}
		}
		if (limit >= 0 && 2 * d > limit)
			return -1; /* the backward pass could only find 2d */
		/* backward: diagonals delta-d..delta+d */
		kmin = delta - d < -M ? -M + ((delta - d + M) & 1) : delta - d;
		kmax = delta + d > N ? N - ((delta + d - N) & 1) : delta + d;
		for (k = kmin; k <= kmax; k += 2) {
			if (d == 0) {
				x = N;
			} else {
				x = NONE;
				if (vb[k - 1] != NONE && vb[k - 1] - (k - 1) > 0)
					x = vb[k - 1];             /* up */
				if (vb[k + 1] != NONE && vb[k + 1] > 0 &&
				    (x == NONE || vb[k + 1] - 1 < x))
					x = vb[k + 1] - 1;         /* left */
				if (x == NONE) {
					vb[k] = NONE;
					continue;
				}
			}
			y = x - k;
			while (x > 0 && y > 0 &&
			       same_ab(df, a0 + (size_t)x - 1, b0 + (size_t)y - 1)) {
				x--;
				y--;
				df->work++;
			}
			if (++df->work > WORK_BUDGET) {
				df->over = 1;
				return -1;
			}
			vb[k] = x;
			if (!odd && k >= -d && k <= d && vf[k] != NONE && vf[k] >= x) {
				*sx = a0 + (size_t)x;
				*sy = b0 + (size_t)y;
				return 2 * d;
			}
		}
		if (limit >= 0 && 2 * d + 1 > limit)
			return -1;
	}
}

/* The common token prefix and suffix of the box, the prefix first; with
 * `known`, its first known[0] and last known[1] tokens are known to be
 * equal (copied, nd_tokenize_against) and are not compared again. */
static void strip(const differ *df, size_t *a0, size_t *a1, size_t *b0,
                  size_t *b1, const size_t *known)
{
	size_t k = known ? known[1] : 0;

	if (known) {
		*a0 += known[0];
		*b0 += known[0];
	}
	while (*a0 < *a1 && *b0 < *b1 && same_ab(df, *a0, *b0)) {
		(*a0)++;
		(*b0)++;
	}
	/* the known tail, as far as the prefix left it */
	k = k < *a1 - *a0 ? k : *a1 - *a0;
	k = k < *b1 - *b0 ? k : *b1 - *b0;
	*a1 -= k;
	*b1 -= k;
	while (*a1 > *a0 && *b1 > *b0 && same_ab(df, *a1 - 1, *b1 - 1)) {
		(*a1)--;
		(*b1)--;
	}
}

static void mark(unsigned char *chg, size_t from, size_t to)
{
	if (to > from)
		memset(chg + from, 1, to - from);
}

/* Mark the tokens an optimal edit script deletes and inserts. Returns 1
 * when the cap cut the search short (only where limit >= 0). */
static int compare(differ *df, size_t a0, size_t a1, size_t b0, size_t b1,
                   ptrdiff_t limit)
{
	size_t x, y;

	strip(df, &a0, &a1, &b0, &b1, NULL);
	if (a0 == a1 || b0 == b1) {
		mark(df->a.chg, a0, a1);
		mark(df->b.chg, b0, b1);
		return 0;
	}
	if (middle_snake(df, a0, a1, b0, b1, limit, &x, &y) < 0) {
		mark(df->a.chg, a0, a1);
		mark(df->b.chg, b0, b1);
		return 1;
	}
	compare(df, a0, x, b0, y, -1);
	compare(df, x, a1, y, b1, -1);
	return 0;
}

/* Append a segment, merging it into the last one when of the same kind
 * (segments are always pushed in text order, so they are contiguous). */
static int push(seglist *l, int eq, size_t a0, size_t a1, size_t b0,
                size_t b1)
{
	seg *s;

	if (a0 == a1 && b0 == b1)
		return 0;
	if (l->n && l->v[l->n - 1].eq == eq) {
		l->v[l->n - 1].a1 = a1;
		l->v[l->n - 1].b1 = b1;
		return 0;
	}
	if (nd_vec_reserve((void **)&l->v, &l->cap, l->n + 1, sizeof(seg)))
		return ND_ENOMEM;
	s = &l->v[l->n++];
	s->a0 = a0;
	s->a1 = a1;
	s->b0 = b0;
	s->b1 = b1;
	s->eq = eq;
	return 0;
}

static int push_seg(seglist *l, const seg *s)
{
	return push(l, s->eq, s->a0, s->a1, s->b0, s->b1);
}

static int build(seglist *out, const differ *df)
{
	size_t i = 0, j = 0, i0, j0;

	while (i < df->a.n || j < df->b.n) {
		i0 = i;
		j0 = j;
		while (i < df->a.n && j < df->b.n && !df->a.chg[i] && !df->b.chg[j]) {
			i++;
			j++;
		}
		if (push(out, 1, i0, i, j0, j))
			return ND_ENOMEM;
		i0 = i;
		j0 = j;
		while (i < df->a.n && df->a.chg[i])
			i++;
		while (j < df->b.n && df->b.chg[j])
			j++;
		if (push(out, 0, i0, i, j0, j))
			return ND_ENOMEM;
	}
	return 0;
}

/* Step c: move tokens common to both ends of a region out of it. */
static int factor(seglist *out, const seglist *in, const differ *df)
{
	size_t k, a0, a1, b0, b1;

	out->n = 0;
	for (k = 0; k < in->n; k++) {
		const seg *s = &in->v[k];

		if (s->eq) {
			if (push_seg(out, s))
				return ND_ENOMEM;
			continue;
		}
		a0 = s->a0;
		a1 = s->a1;
		b0 = s->b0;
		b1 = s->b1;
		strip(df, &a0, &a1, &b0, &b1, NULL);
		if (push(out, 1, s->a0, a0, s->b0, b0) ||
		    push(out, 0, a0, a1, b0, b1) ||
		    push(out, 1, a1, s->a1, b1, s->b1))
			return ND_ENOMEM;
	}
	return 0;
}

static int bscore(const nd_token *x, const nd_token *y)
{
	int xs, ys;

	if (!x || !y)
		return 6;
	xs = x->kind == ND_TOK_SPACE;
	ys = y->kind == ND_TOK_SPACE;
	if (xs && !ys)
		return 4;
	if (!xs && ys)
		return 3;
	if (x->kind == ND_TOK_PUNCT || y->kind == ND_TOK_PUNCT)
		return 2;
	return 1;
}

/* Score of an edit over tokens [e0, e1) of side s. */
static int score(const side *s, size_t e0, size_t e1)
{
	return bscore(e0 ? &s->t[e0 - 1] : NULL, &s->t[e0]) +
	       bscore(&s->t[e1 - 1], e1 < s->n ? &s->t[e1] : NULL);
}

/* Step a: slide one-sided regions to their best place. Works in place;
 * an equality at the text's edge may become empty (dropped later). */
static void slide(seglist *l, differ *df)
{
	size_t k;

	for (k = 0; k < l->n; k++) {
		seg *r = &l->v[k], *p = k ? &l->v[k - 1] : NULL;
		seg *q = k + 1 < l->n ? &l->v[k + 1] : NULL;
		int ins = r->a0 == r->a1;
		const side *s = ins ? &df->b : &df->a;
		size_t e0 = ins ? r->b0 : r->a0, e1 = ins ? r->b1 : r->a1;
		size_t lo = e0, hi = e1, left = 0, right = 0, i;
		ptrdiff_t best, sh;
		int bs, sc;

		if (r->eq || (r->a0 != r->a1 && r->b0 != r->b1))
			continue;
		if (p) /* keep an equality between two regions non-empty */
			lo = (ins ? p->b0 : p->a0) + (k - 1 > 0 ? 1 : 0);
		if (q)
			hi = (ins ? q->b1 : q->a1) - (k + 2 < l->n ? 1 : 0);
		/* a shift frees tokens on the other side, which the equality
		 * there must take: without one, that shift would lose them */
		if (!q)
			lo = e0;
		if (!p)
			hi = e1;
		while (e0 - left > lo &&
		       tok_same(s->s, &s->t[e0 - left - 1], s->s, &s->t[e1 - left - 1]))
			left++;
		while (e1 + right < hi &&
		       tok_same(s->s, &s->t[e0 + right], s->s, &s->t[e1 + right]))
			right++;
		/* at a cut end, the tokens beyond were not made: what the
		 * shift would find there is unknown */
		if ((s->head && e0 - left == 0) || (s->tail && e1 + right == s->n)) {
			df->whole = 1;
			return;
		}
		if (!left && !right)
			continue;
		best = -(ptrdiff_t)left;
		bs = score(s, e0 - left, e1 - left);
		for (i = 1; i <= left + right; i++) {
			sh = (ptrdiff_t)i - (ptrdiff_t)left;
			sc = score(s, (size_t)((ptrdiff_t)e0 + sh),
			           (size_t)((ptrdiff_t)e1 + sh));
			if (sc > bs) {
				bs = sc;
				best = sh;
			}
		}
		if (best == 0)
			continue;
		r->a0 = (size_t)((ptrdiff_t)r->a0 + best);
		r->a1 = (size_t)((ptrdiff_t)r->a1 + best);
		r->b0 = (size_t)((ptrdiff_t)r->b0 + best);
		r->b1 = (size_t)((ptrdiff_t)r->b1 + best);
		if (p) {
			p->a1 = r->a0;
			p->b1 = r->b0;
		}
		if (q) {
			q->a0 = r->a1;
			q->b0 = r->b1;
		}
	}
}

/* Is the equality a[a0..a1) small enough to fold into the edits around? */
static int small(const side *a, size_t a0, size_t a1)
{
	size_t i, words = 0, punct = 0, wi = 0;

	for (i = a0; i < a1 && words < 2; i++) {
		if (a->t[i].kind == ND_TOK_WORD || a->t[i].kind == ND_TOK_NUMBER) {
			words++;
			wi = i;
		} else if (a->t[i].kind == ND_TOK_PUNCT) {
			punct++;
		}
	}
	if (words == 0)
		return 1;
	return words == 1 && punct == 0 &&
	       nd_utf8_count(a->s + a->t[wi].off, a->t[wi].len) <= 3;
}

/* Step b: fold small equalities between two regions into them. */
static int fold(seglist *out, const seglist *in, const differ *df)
{
	size_t k;

	out->n = 0;
	for (k = 0; k < in->n; k++) {
		const seg *s = &in->v[k];
		int into = s->eq && out->n && !out->v[out->n - 1].eq &&
		           k + 1 < in->n && small(&df->a, s->a0, s->a1);

		if (push(out, into ? 0 : s->eq, s->a0, s->a1, s->b0, s->b1))
			return ND_ENOMEM;
	}
	return 0;
}

static int compact(seglist *out, const seglist *in)
{
	size_t k;

	out->n = 0;
	for (k = 0; k < in->n; k++)
		if (push_seg(out, &in->v[k]))
			return ND_ENOMEM;
	return 0;
}

static int add_op(nd_wdiff *d, nd_op_kind kind, const side *s, size_t t0,
                  size_t t1)
{
	nd_op *op;

	if (t0 == t1)
		return 0;
	if (nd_vec_reserve((void **)&d->ops, &d->cap, d->n + 1, sizeof(nd_op)))
		return ND_ENOMEM;
	op = &d->ops[d->n++];
	op->kind = kind;
	/* the first and last tokens' ops take the bytes left out before and
	 * after them (whole_cut): no edit reaches them */
	op->text = s->s + s->t[t0].off - (t0 == 0 ? s->head : 0);
	op->len = (size_t)(s->s + s->t[t1 - 1].off + s->t[t1 - 1].len +
	                   (t1 == s->n ? s->tail : 0) - op->text);
	return 0;
}

static int is_word(const nd_token *t)
{
	return t->kind == ND_TOK_WORD || t->kind == ND_TOK_NUMBER;
}

static int skipped(const nd_token *t, int ignore_punct)
{
	return t->kind == ND_TOK_SPACE || (ignore_punct && t->kind == ND_TOK_PUNCT);
}

static int tokens_equivalent(const char *a, const nd_token *ta, size_t na,
                             const char *b, const nd_token *tb, size_t nb,
                             int ignore_case, int ignore_punct)
{
	size_t i = 0, j = 0;

	for (;;) {
		while (i < na && skipped(&ta[i], ignore_punct))
			i++;
		while (j < nb && skipped(&tb[j], ignore_punct))
			j++;
		if (i == na || j == nb)
			return i == na && j == nb;
		if (ignore_case ? (ta[i].fold != tb[j].fold || ta[i].kind != tb[j].kind)
		                : !tok_same(a, &ta[i], b, &tb[j]))
			return 0;
		i++;
		j++;
	}
}

void nd_wdiff_init(nd_wdiff *d)
{
	memset(d, 0, sizeof(*d));
}

void nd_wdiff_dispose(nd_wdiff *d)
{
	if (!d)
		return;
	free(d->ops);
	nd_wdiff_init(d);
}

/* The texts' shared ends are cut at a token boundary this many bytes or
 * more inside them, found within CUT_SEARCH bytes more. */
#define CUT_MARGIN 32
#define CUT_SEARCH 256

static int ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z');
}

/* A token starts at s[i] whatever came before: a space ends there (only
 * the space runs of tokens.c hold one), and an ASCII letter or digit
 * follows, which no space run takes. */
static int cut_at(const char *s, size_t i)
{
	return s[i - 1] == ' ' && ascii_alnum((unsigned char)s[i]);
}

/* Where the tokens are made, a[head..ta) and b[head..tb): the bytes
 * outside lie CUT_MARGIN or more inside the bytes both texts share at
 * their start and at their end, and each cut is a token boundary
 * (cut_at), so the tokens there are those of the whole texts; head 0 and
 * ta = alen where no boundary is near enough. */
static void whole_cut(const char *a, size_t alen, const char *b, size_t blen,
                      size_t *head, size_t *ta, size_t *tb)
{
	size_t most = alen < blen ? alen : blen, pre = 0, suf = 0, i, stop;

	while (pre < most && a[pre] == b[pre])
		pre++;
	while (suf < most - pre && a[alen - 1 - suf] == b[blen - 1 - suf])
		suf++;
	*head = 0;
	if (pre > CUT_MARGIN) {
		stop = pre - CUT_MARGIN > CUT_SEARCH ? pre - CUT_MARGIN - CUT_SEARCH : 0;
		for (i = pre - CUT_MARGIN; i > stop && !cut_at(a, i); i--)
			;
		*head = i > stop ? i : 0;
	}
	*ta = alen;
	if (suf > CUT_MARGIN) {
		i = alen - suf + CUT_MARGIN;
		stop = alen - i > CUT_SEARCH ? i + CUT_SEARCH : alen;
		for (; i < stop && !cut_at(a, i); i++)
			;
		*ta = i < stop ? i : alen;
	}
	*tb = *ta + blen - alen;
}

/* The similarity: word and number tokens the diff found equal, twice,
 * over all of both texts' (those left out at the cut ends all equal). */
static double similarity(const differ *df, size_t cut_words)
{
	size_t i, words = 2 * cut_words, same = cut_words;

	for (i = 0; i < df->a.n; i++) {
		if (!is_word(&df->a.t[i]))
			continue;
		words++;
		same += !df->a.chg[i];
	}
	for (i = 0; i < df->b.n; i++)
		words += is_word(&df->b.t[i]);
	return words ? 2.0 * (double)same / (double)words : 0;
}

/* Steps 1 to 4 for texts that differ, tokenized between the cut ends
 * only when `cut`; sets df->whole instead when a cut end was in the
 * way (the first or last token is edited, or a slide reaches it). */
static int diff_texts(nd_wdiff *d, differ *df, const char *a, size_t alen,
                      const char *b, size_t blen, ptrdiff_t limit, int cut)
{
	seglist s1 = {NULL, 0, 0}, s2 = {NULL, 0, 0};
	size_t a0, a1, b0, b1, k, known[2] = {0, 0}, head = 0, ta = alen, tb = blen;
	int err;

	if (cut)
		whole_cut(a, alen, b, blen, &head, &ta, &tb);
	df->a = (side){a + head, ta - head, head, alen - ta, NULL, 0, NULL};
	df->b = (side){b + head, tb - head, head, blen - tb, NULL, 0, NULL};
	if ((err = nd_tokenize(&df->a.t, &df->a.n, df->a.s, df->a.len)) != 0 ||
	    (err = nd_tokenize_against(&df->b.t, &df->b.n, df->b.s, df->b.len,
	                               df->a.s, df->a.len, df->a.t, df->a.n,
	                               known)) != 0)
		goto done;
	if (!(df->a.chg = calloc(df->a.n + 1, 1)) ||
	    !(df->b.chg = calloc(df->b.n + 1, 1))) {
		err = nd_error_oom();
		goto done;
	}

	/* 1-3: prefix and suffix, then the capped search */
	a0 = b0 = 0;
	a1 = df->a.n;
	b1 = df->b.n;
	strip(df, &a0, &a1, &b0, &b1, known);
	if ((head && a0 == 0) || (ta < alen && a1 == df->a.n)) {
		df->whole = 1;
		goto done;
	}
	if (a0 < a1 && b0 < b1) {
		size_t diag = (a1 - a0) + (b1 - b0) + 3;

		if (!(df->vf = malloc(diag * sizeof(ptrdiff_t))) ||
		    !(df->vb = malloc(diag * sizeof(ptrdiff_t)))) {
			err = nd_error_oom();
			goto done;
		}
	}
	d->capped = compare(df, a0, a1, b0, b1, limit) || df->over;
	d->similarity = similarity(df, head || ta < alen
	                                   ? nd_word_count(a, head) +
	                                     nd_word_count(a + ta, alen - ta)
	                                   : 0);

	/* 4: clean-up */
	if ((err = build(&s1, df)) != 0)
		goto done;
	slide(&s1, df);
	if (df->whole)
		goto done;
	if ((err = compact(&s2, &s1)) != 0 || (err = fold(&s1, &s2, df)) != 0 ||
	    (err = factor(&s2, &s1, df)) != 0)
		goto done;
	for (k = 0; k < s2.n; k++) {
		const seg *g = &s2.v[k];

		if (g->eq)
			err = add_op(d, ND_OP_EQUAL, &df->a, g->a0, g->a1);
		else if ((err = add_op(d, ND_OP_DELETE, &df->a, g->a0, g->a1)) == 0)
			err = add_op(d, ND_OP_INSERT, &df->b, g->b0, g->b1);
		if (err)
			goto done;
	}
	/* the tokens left out are the same in both, each in its place */
	d->editorial = tokens_equivalent(df->a.s, df->a.t, df->a.n, df->b.s,
	                                 df->b.t, df->b.n, 1, 1);
done:
	free(df->a.t);
	free(df->b.t);
	free(df->a.chg);
	free(df->b.chg);
	free(df->vf);
	free(df->vb);
	free(s1.v);
	free(s2.v);
	return err;
}

/* nd_word_diff, with every token made when `cut` is 0. */
static int word_diff(nd_wdiff *d, const char *a, size_t alen, const char *b,
                     size_t blen, size_t max_cost, int cut)
{
	differ df;
	ptrdiff_t limit;
	int err;

	d->n = 0;
	d->similarity = 0;
	d->editorial = 0;
	d->capped = 0;
	if (max_cost == 0)
		max_cost = ND_WDIFF_MAX_COST;
	limit = max_cost > (size_t)PTRDIFF_MAX ? PTRDIFF_MAX : (ptrdiff_t)max_cost;
	if (alen == blen && (!alen || !memcmp(a, b, alen))) {
		/* identical texts, the common case by far: no tokens needed */
		d->similarity = 1;
		if (!alen)
			return 0;
		/* one op, in a block of its own size: most provisions of a
		 * large draft are unchanged, and a vector's first growth (8
		 * ops) made them the biggest part of a change set */
		if (!d->cap) {
			if ((d->ops = malloc(sizeof(nd_op))) == NULL)
				return nd_error_oom();
			d->cap = 1;
		}
		d->ops[0] = (nd_op){ND_OP_EQUAL, a, alen};
		d->n = 1;
		return 0;
	}
	/* the texts differ: tokens between the cut ends, or, when a cut
	 * end was in the way, all of them */
	memset(&df, 0, sizeof(df));
	err = diff_texts(d, &df, a, alen, b, blen, limit, cut);
	if (!err && df.whole) {
		d->n = 0;
		memset(&df, 0, sizeof(df));
		err = diff_texts(d, &df, a, alen, b, blen, limit, 0);
	}
	if (err)
		d->n = 0;
	return err;
}

int nd_word_diff(nd_wdiff *d, const char *a, size_t alen, const char *b,
                 size_t blen, size_t max_cost)
{
	return word_diff(d, a, alen, b, blen, max_cost, 1);
}

int word_diff_whole(nd_wdiff *d, const char *a, size_t alen, const char *b,
                    size_t blen, size_t max_cost)
{
	return word_diff(d, a, alen, b, blen, max_cost, 0);
}

int nd_text_equivalent(const char *a, size_t alen, const char *b, size_t blen,
                       int ignore_case, int ignore_punct)
{
	nd_token *ta = NULL, *tb = NULL;
	size_t na = 0, nb = 0;
	int eq = 0;

	if (nd_tokenize(&ta, &na, a, alen) || nd_tokenize(&tb, &nb, b, blen))
		goto done;
	eq = tokens_equivalent(a, ta, na, b, tb, nb, ignore_case, ignore_punct);
done:
	free(ta);
	free(tb);
	return eq;
}
