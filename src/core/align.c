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
 *   3. split and merge (align_split.c), and a heading joined to its body
 *      (layout).
 *   3b. pairs by place, the splits around them, the leftovers and the
 *      provisions without a body (align_gaps.c).
 *   4. moves (align_moves.c): the run of pairs in order; the rest moved.
 *   5. the rest is added or removed; every group gets its word diff.
 *
 * Output order is the new document's; a removed provision goes right after
 * the new counterpart of its nearest aligned old predecessor.
 *
 * Cross-references: when provisions are renumbered, the texts that cite
 * them change too ("paragraph 12 above" becomes "paragraph 14 above"). The
 * label changes of the alignment give a map of old to new numbers (the
 * number or letter of each label: "12." -> "12", "(c)" -> "c"); a modified
 * record whose every edit replaces numbers or letters by their images in
 * that map is flagged xref_only, so it is not mistaken for a substantive
 * change; but not when a number cites another instrument ("paragraph 2 of
 * article 7 of the Convention", "of resolution 60/1", "of article 9" in a
 * text without one): cites_other.
 *
 * Word signatures and scores: align_sig.c.
 *
 * Costs: tokenizing is linear; the index is a sort of (word, provision)
 * pairs, O(W log W); candidate search is O(words x max_posting) per
 * provision; scoring is O(max_candidates x words); word diffs are capped by
 * max_cost. Every cap that bites leaves a note in the change set.
 */
#include "normdiff/changeset.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "normdiff/error.h"
#include "normdiff/tokens.h"

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
	al->ngroups++;
	return 0;
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
	(old_side ? al->match_a : al->match_b)[c] = gi;
	return 0;
}

static int cmp_group(const void *x, const void *y)
{
	const group *a = x, *b = y;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->tie < b->tie ? -1 : a->tie > b->tie;
}

/* 5. Singles for what is left, and the output order. */
static int finish_groups(aligner *al)
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
	if (al->ngroups) /* two empty documents have none */
		qsort(al->groups, al->ngroups, sizeof(group), cmp_group);
	return 0;
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
	size_t k;

	for (k = 0; k < n; k++)
		if ((k && nd_buf_putc(&b, ' ')) ||
		    nd_buf_put(&b, nd_doc_body(d, idx[k]), d->clauses[idx[k]].body_len)) {
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
	    !(g->nold == 1 && g->nnew == 1 && same_body(al->a, g->old[0], al->b, g->new[0])) &&
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

/* The number or letter a label cites by: "12." -> "12", "(c)" -> "c",
 * "Article 5" -> "5", "1.2." -> "1.2". Empty when the label has none. */
static void label_key(const char *label, const char **key, size_t *len)
{
	const char *s = strrchr(label, ' '), *e;

	s = s ? s + 1 : label;
	while (*s == '(' || *s == '[')
		s++;
	e = s + strlen(s);
	while (e > s && strchr(").]", e[-1]))
		e--;
	*key = s;
	*len = (size_t)(e - s);
}

static int cmp_xref(const void *x, const void *y)
{
	const xref *a = x, *b = y;

	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return a->to < b->to ? -1 : a->to > b->to;
}

/* Old -> new label keys of every aligned pair whose label changed. */
static int build_xrefs(const nd_changeset *cs, xref **out, size_t *n)
{
	size_t i, m = 0;
	xref *x = malloc((cs->n + 1) * sizeof(xref));

	if (!x)
		return nd_error_oom();
	for (i = 0; i < cs->n; i++) {
		const nd_change *c = &cs->changes[i];
		const char *ka, *kb;
		size_t la, lb;

		if (c->nold != 1 || c->nnew != 1 || !c->renumbered)
			continue;
		label_key(nd_doc_label(cs->old, c->old[0]), &ka, &la);
		label_key(nd_doc_label(cs->new, c->new[0]), &kb, &lb);
		if (la && lb)
			x[m++] = (xref){nd_hash(ka, la), nd_hash(kb, lb)};
	}
	qsort(x, m, sizeof(xref), cmp_xref);
	*out = x;
	*n = m;
	return 0;
}

/* Next run of letters and digits in s[*i..len); 0 at the end. */
static int next_run(const char *s, size_t len, size_t *i, const char **run,
                    size_t *rlen)
{
	while (*i < len && !is_alnum((unsigned char)s[*i])) {
		if ((unsigned char)s[*i] >= 0x80 || !strchr(" ().,;[]", s[*i]))
			return -1; /* words of other scripts, other signs: not a ref */
		(*i)++;
	}
	if (*i == len)
		return 0;
	*run = s + *i;
	while (*i < len && is_alnum((unsigned char)s[*i]))
		(*i)++;
	*rlen = (size_t)(s + *i - *run);
	return 1;
}

/* 1 if the deleted text d became the inserted text n only through the
 * renumbering: run by run, equal or mapped. */
static int region_is_xref(const char *d, size_t dl, const char *n, size_t nl,
                          const xref *x, size_t nx)
{
	size_t i = 0, j = 0;
	int changed = 0;

	for (;;) {
		const char *a = NULL, *b = NULL;
		size_t al_ = 0, bl = 0;
		int ra = next_run(d, dl, &i, &a, &al_), rb = next_run(n, nl, &j, &b, &bl);
		xref key;

		if (ra < 0 || rb < 0 || ra != rb)
			return 0;
		if (!ra)
			return changed;
		if (al_ == bl && !memcmp(a, b, al_))
			continue;
		key.from = nd_hash(a, al_);
		key.to = nd_hash(b, bl);
		if (!bsearch(&key, x, nx, sizeof(xref), cmp_xref))
			return 0;
		changed = 1;
	}
}

/* Does the text before an edit end by citing a provision: "paragraph ",
 * "subparagraph (", "articles 3 and "? Only then is a number after it a
 * cross-reference; "a quorum of 3 members" is not one. */
static int cites(const char *s, size_t len, const char **word, size_t *wlen)
{
	static const char *const words[] = {
		"paragraph", "paragraphs", "subparagraph", "subparagraphs", "para",
		"paras", "article", "articles", "art", "section", "sections",
		"chapter", "chapters", "part", "parts", "rule", "rules", "item",
		"items", "clause", "clauses", "annex", "annexes", "regulation",
		"regulations"};
	size_t e = len, w, k, steps;

	for (steps = 0; steps < 6; steps++) {
		while (e > 0 && strchr(" (),", s[e - 1]))
			e--;
		for (w = e; w > 0 && is_alnum((unsigned char)s[w - 1]); w--)
			;
		if (w == e)
			return 0;
		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if (strlen(words[k]) == e - w && !strncasecmp(s + w, words[k], e - w)) {
				*word = s + w;
				*wlen = e - w;
				return 1;
			}
		/* go back over "12 and", "(c) or", "3 to" to the citing word */
		if (!((e - w == 3 && !strncasecmp(s + w, "and", 3)) ||
		      (e - w == 2 && (!strncasecmp(s + w, "or", 2) ||
		                      !strncasecmp(s + w, "to", 2))) ||
		      isdigit((unsigned char)s[w]) || e - w == 1))
			return 0;
		e = w;
	}
	return 0;
}

/* Is the word w[0..n) one of list (case-insensitive)? */
static int word_in(const char *w, size_t n, const char *const *list)
{
	for (; *list; list++)
		if (strlen(*list) == n && !strncasecmp(w, *list, n))
			return 1;
	return 0;
}

static uint64_t lower_hash(const char *s, size_t n)
{
	char tmp[64];
	size_t k;

	if (n > sizeof(tmp))
		n = sizeof(tmp);
	for (k = 0; k < n; k++)
		tmp[k] = (char)tolower((unsigned char)s[k]);
	return nd_hash(tmp, n);
}

static int build_labelset(const nd_doc *d, labelset *ls)
{
	size_t i;

	ls->n = 0;
	if ((ls->h = malloc((d->n + 1) * sizeof(uint64_t))) == NULL)
		return nd_error_oom();
	for (i = 0; i < d->n; i++) {
		const char *l = nd_doc_label(d, i);
		size_t n = strlen(l);

		while (n && strchr(".:", l[n - 1]))
			n--;
		if (n && n <= 64)
			ls->h[ls->n++] = lower_hash(l, n);
	}
	sort_u64(ls->h, ls->n);
	return 0;
}

/* Parts of a document that carry a name and a number in their label
 * ("Article 7"), so the document either has the one cited or not. */
static const char *const named_parts[] = {
	"article", "articles", "art", "section", "sections", "chapter",
	"chapters", "part", "parts", "rule", "rules", "regulation",
	"regulations", NULL};

/* Does the document have the part "<word> <num>" (word as named_parts,
 * plural or abbreviated read as the singular)? */
static int has_part(const labelset *ls, const char *w, size_t wn,
                    const char *num, size_t nn)
{
	static const char *const singular[] = {
		"article", "section", "chapter", "part", "rule", "regulation"};
	char tmp[64];
	size_t k, len;

	for (k = 0; k < sizeof(singular) / sizeof(singular[0]); k++)
		if (!strncasecmp(w, singular[k], wn < 3 ? wn : 3))
			break;
	if (k == sizeof(singular) / sizeof(singular[0]) ||
	    strlen(singular[k]) + 1 + nn >= sizeof(tmp))
		return 0;
	len = (size_t)snprintf(tmp, sizeof(tmp), "%s %.*s", singular[k],
	                       (int)nn, num);
	return bsearch(&(uint64_t){lower_hash(tmp, len)}, ls->h, ls->n,
	               sizeof(uint64_t), cmp_u64) != NULL;
}

/* A word that only carries a reference on: a number, a letter or roman
 * numeral, "and", "or", "to". */
static int ref_filler(const char *w, size_t n)
{
	static const char *const joins[] = {"and", "or", "to", NULL};
	size_t k;

	if (isdigit((unsigned char)w[0]) || n == 1 || word_in(w, n, joins))
		return 1;
	for (k = 0; k < n && strchr("ivxlIVXL", w[k]); k++)
		;
	return k == n && n <= 5;
}

/* The words cites_other reads a reference by. */
static const char *const ref_internal[] = {
	"above", "below", "hereof", "hereto", "herein", "hereunder",
	"this", "these", "present", NULL};
static const char *const ref_preps[] = {"of", "in", "under", "to", NULL};
static const char *const ref_dets[] = {
	"the", "its", "their", "that", "said", "aforementioned", NULL};
static const char *const ref_instruments[] = {
	"convention", "conventions", "charter", "covenant", "covenants",
	"act", "acts", "treaty", "treaties", "protocol", "protocols",
	"agreement", "agreements", "declaration", "declarations",
	"statute", "statutes", "resolution", "resolutions", "decision",
	"decisions", "directive", "directives", "constitution", "code", "law",
	"laws", "instrument", "instruments", "accord", "pact", "document",
	"documents", "report", "reports", "guidelines", "recommendation",
	"recommendations", NULL};
/* an annex is another instrument's unless it is "to this ..." */
static const char *const ref_annexes[] = {
	"annex", "annexes", "appendix", "appendices", NULL};
static const char *const ref_parts[] = {
	"paragraph", "paragraphs", "subparagraph", "subparagraphs", "para",
	"paras", "item", "items", "clause", "clauses", "preamble",
	"chapeau", NULL};

/* Does the reference whose number is followed by t[0..n) (the new text
 * after it) cite another instrument? Its chain of parts is walked ("of
 * article 7", "of paragraph 3"): it is internal when it ends in "above",
 * "below", "hereof", "of this ...", "of the present ..." or with nothing
 * naming an instrument; external when a preposition leads to an
 * instrument's name ("of the Convention", "of resolution 60/1", "of annex
 * I", "of the Paris Agreement": a noun of the list or a capitalised word)
 * or to a named part the document does not have ("of article 9" in a
 * text with no Article 9); an annex is another's unless "to this ..." or
 * "to the present ..." follows ("of annex I to the present resolution").
 * The reference's own citing word (cw) is checked the same way. See
 * docs/alignment.md, "Cross-references". */
static int cites_other(const char *t, size_t n, const char *cw, size_t cwn,
                       const char *num, size_t numn, const labelset *ls)
{
	size_t i = 0, steps;
	int prep = 0, annex = 0, det = 0, was_det;

	if (word_in(cw, cwn, named_parts) && !has_part(ls, cw, cwn, num, numn))
		return 1;
	for (steps = 0; steps < 24; steps++) {
		const char *w;
		size_t wn;

		while (i < n && !is_alnum((unsigned char)t[i])) {
			if (strchr(";:", t[i]))
				return 0; /* the sentence goes on: the reference ended */
			i++;
		}
		if (i == n)
			return annex;
		for (w = t + i; i < n && is_alnum((unsigned char)t[i]); i++)
			;
		wn = (size_t)(t + i - w);
		was_det = det;
		det = 0;
		if (word_in(w, wn, ref_internal))
			return 0;
		if (word_in(w, wn, ref_instruments))
			return prep || annex;
		if (word_in(w, wn, ref_annexes) && (prep || annex)) {
			annex = 1; /* "of annex I": another's, unless "to this ..." */
			prep = 0;
		} else if (word_in(w, wn, named_parts)) {
			const char *p = t + i, *q;

			while (p < t + n && strchr(" (", *p))
				p++;
			for (q = p; q < t + n && is_alnum((unsigned char)*q); q++)
				;
			if (q > p && !has_part(ls, w, wn, p, (size_t)(q - p)))
				return 1;
			prep = 0;
		} else if (word_in(w, wn, ref_parts) || ref_filler(w, wn)) {
			/* a year between "of the" and a name ("of the 1951
			 * Convention") leaves the preposition leading on */
			if (!(was_det && isdigit((unsigned char)w[0])))
				prep = 0;
		} else if (word_in(w, wn, ref_preps)) {
			prep = 1;
		} else if ((prep || annex) && word_in(w, wn, ref_dets)) {
			det = 1;
		} else {
			/* a name after "of" ("of General Assembly resolution"),
			 * else the reference has ended */
			return annex || (prep && isupper((unsigned char)w[0]));
		}
	}
	return annex;
}

/* Is s[0..e) ending in a possessive of an instrument's name ("the
 * Charter's", "the Convention’s")? */
static int possessive_instrument(const char *s, size_t e)
{
	size_t w;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	if (e >= 2 && s[e - 1] == 's' && s[e - 2] == '\'')
		e -= 2;
	else if (e >= 4 && s[e - 1] == 's' && !memcmp(s + e - 4, "\xE2\x80\x99", 3))
		e -= 4;
	else
		return 0;
	for (w = e; w > 0 && is_alnum((unsigned char)s[w - 1]); w--)
		;
	return w < e && (isupper((unsigned char)s[w]) ||
	                 word_in(s + w, e - w, ref_instruments));
}

/* Does the text before the citing word, s[0..len), make the reference
 * another instrument's: a possessive right before it ("the Charter's
 * paragraph 2"), or a part that cites another instrument and goes on after
 * a comma ("article 7 of the Convention on Cybercrime, paragraph 2", "the
 * Charter's article 1, paragraph 2")? The walk goes back at most 12 words
 * to the nearest named part and its number, and stops at any other
 * punctuation. */
static int cites_other_before(const char *s, size_t len, const labelset *ls)
{
	size_t e = len, comma, w, p, q, steps;

	if (possessive_instrument(s, len))
		return 1;
	while (e > 0 && s[e - 1] == ' ')
		e--;
	if (e == 0 || s[e - 1] != ',')
		return 0;
	comma = --e;
	for (steps = 0; steps < 12; steps++) {
		while (e > 0 && !is_alnum((unsigned char)s[e - 1])) {
			if (strchr(".,;:", s[e - 1]))
				return 0; /* another clause of the sentence */
			e--;
		}
		for (w = e; w > 0 && is_alnum((unsigned char)s[w - 1]); w--)
			;
		if (w == e)
			return 0;
		if (word_in(s + w, e - w, named_parts)) {
			for (p = e; p < comma && strchr(" (", s[p]); p++)
				;
			for (q = p; q < comma && is_alnum((unsigned char)s[q]); q++)
				;
			if (q == p)
				return 0;
			return possessive_instrument(s, w) ||
			       cites_other(s + q, comma - q, s + w, e - w, s + p, q - p,
			                   ls);
		}
		e = w;
	}
	return 0;
}

/* The new text after ops[k..) (equal and inserted, up to cap - 1 bytes). */
static size_t text_after(const nd_change *c, size_t k, char *buf, size_t cap)
{
	size_t n = 0;

	for (; k < c->diff.n && n + 1 < cap; k++) {
		const nd_op *op = &c->diff.ops[k];
		size_t m = op->len;

		if (op->kind == ND_OP_DELETE)
			continue;
		if (m > cap - 1 - n)
			m = cap - 1 - n;
		memcpy(buf + n, op->text, m);
		n += m;
	}
	buf[n] = 0;
	return n;
}

static int change_is_xref(const nd_change *c, const xref *x, size_t nx,
                          const labelset *ls)
{
	const char *d = NULL, *n = NULL, *before = "", *cw = NULL;
	size_t k, dl = 0, nl = 0, blen = 0, cwn = 0;
	int regions = 0;
	char after[256];

	for (k = 0; k <= c->diff.n; k++) {
		const nd_op *op = k < c->diff.n ? &c->diff.ops[k] : NULL;

		if (op && op->kind == ND_OP_EQUAL && !d && !n) {
			before = op->text;
			blen = op->len;
		}
		if (op && op->kind == ND_OP_DELETE) {
			d = op->text;
			dl = op->len;
		} else if (op && op->kind == ND_OP_INSERT) {
			n = op->text;
			nl = op->len;
		} else if (d || n) { /* a region ends */
			if (!cites(before, blen, &cw, &cwn) ||
			    !region_is_xref(d ? d : "", dl, n ? n : "", nl, x, nx) ||
			    cites_other(after, text_after(c, k, after, sizeof(after)),
			                cw, cwn, n ? n : "", nl, ls) ||
			    cites_other_before(before, (size_t)(cw - before), ls))
				return 0;
			regions++;
			d = n = NULL;
			dl = nl = 0;
			if (op) { /* the equality that ended it comes before the next */
				before = op->text;
				blen = op->len;
			}
		}
	}
	return regions > 0;
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

static int build_changes(aligner *al, nd_changeset *cs)
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
		cs->summary.count[c->kind]++;
		cs->summary.moved += (size_t)c->moved;
		cs->summary.renumbered += (size_t)c->renumbered;
		cs->summary.editorial += (size_t)c->editorial;
		cs->summary.xref_only += (size_t)c->xref_only;
		cs->summary.layout += (size_t)c->layout;
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
	cs = calloc(1, sizeof(*cs));
	if (!al.match_a || !al.match_b || !cs) {
		err = nd_error_oom();
		goto done;
	}
	for (i = 0; i < old->n; i++)
		al.match_a[i] = NONE;
	for (i = 0; i < new->n; i++)
		al.match_b[i] = NONE;
	cs->old = old;
	cs->new = new;
	if ((err = build_sig(&al.sa, old)) != 0 ||
	    (err = build_sig(&al.sb, new)) != 0 ||
	    (err = build_content(&al.ca, &al.cb, &al.sa, old->n, &al.sb,
	                         new->n)) != 0 ||
	    (err = align_exact(&al)) != 0 ||
	    (err = align_similar(&al)) != 0 ||
	    (err = align_pairs_and_splits(&al)) != 0 ||
	    (err = align_gaps(&al)) != 0 ||
	    (err = align_gap_splits(&al)) != 0 ||
	    (err = align_leftovers(&al)) != 0 ||
	    (err = align_layout(&al)) != 0 ||
	    (err = align_empty(&al)) != 0 ||
	    (err = mark_moves(&al)) != 0 ||
	    /* a dissolved pair frees its provisions for a pair by place
	     * ("122. Invites the relevant organizations ..." first paired with
	     * a far-away provision of the same boilerplate) or among the
	     * leftovers */
	    (al.dissolved && ((err = align_gaps(&al)) != 0 ||
	                      (err = align_gap_splits(&al)) != 0 ||
	                      (err = align_leftovers(&al)) != 0 ||
	                      (err = mark_moves(&al)) != 0)) ||
	    (err = finish_groups(&al)) != 0)
		goto done;
	err = build_changes(&al, cs);
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
	free(al.sa.words);
	free(al.sa.start);
	free(al.sa.opening);
	free(al.sb.opening);
	free(al.sb.words);
	free(al.sb.start);
	free(al.ca.words);
	free(al.ca.start);
	free(al.cb.words);
	free(al.cb.start);
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
