/* align_xref.c - which modified records only follow a renumbering
 * (xref_only).
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
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "normdiff/error.h"

#include "align_internal.h"
#include "sort_internal.h"

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

static int xref_before(const xref *a, const xref *b)
{
	return a->from != b->from ? a->from < b->from : a->to < b->to;
}

DEFINE_STABLE_SORT(sort_xrefs, xref, xref_before)

/* Old -> new label keys of every aligned pair whose label changed. */
int build_xrefs(const nd_changeset *cs, xref **out, size_t *n)
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
	if (sort_xrefs(x, m)) {
		free(x);
		return nd_error_oom();
	}
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

int build_labelset(const nd_doc *d, labelset *ls)
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
	return sorted_has(ls->h, ls->n, lower_hash(tmp, len));
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

int change_is_xref(const nd_change *c, const xref *x, size_t nx,
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
