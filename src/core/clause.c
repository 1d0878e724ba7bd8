/* clause.c - parse normalised paragraphs into a tree of provisions.
 *
 * Each paragraph is classified once, in document order:
 *   - a marker of a grammar family ("(a)", "1.", "Article 5") makes an item,
 *     or a heading if the family's role says so (for item-or-heading
 *     families: when the rest is short and has no closing punctuation);
 *   - an unmarked short line without closing punctuation is a heading
 *     (the very first one is the document's title);
 *   - the grammar's preamble-start ("The General Assembly,") opens a
 *     resolution: the unnumbered paragraphs after it that look preambular
 *     (end with a comma) are PP1.., the unnumbered paragraphs after those,
 *     until the first heading, are operative paragraphs OP1..;
 *   - any other paragraph is an unnumbered paragraph, ¶n in its parent.
 *
 * Nesting keeps a stack of open levels, each a family. Headings nest only
 * under headings; items under the innermost heading. A family met again
 * closes back to its level (its new member is a sibling); a family not on
 * the stack opens a child level under the last provision. A paragraph
 * ending with ':' (a chapeau, "Each State ... pledges:") is a level too, so
 * the list after it becomes its children. An unnumbered paragraph closes
 * the item levels.
 *
 * Ambiguous markers: "(i)" fits the letter and the roman families. The
 * family that continues an open list wins ("(i)" after "(h)" is a letter),
 * then one whose marker starts a list ("(i)" after "(c) ...:" is roman
 * one), then the first family in grammar order.
 *
 * Cost: at most one anchored match per family per paragraph (grammar.c
 * rules out most families without one); the stack is bounded
 * by the number of families plus the pseudo-families, so the whole parse is
 * O(paragraphs * families).
 */
#include "normdiff/clause.h"
#include "normdiff/changeset.h"

#include <stdlib.h>
#include <string.h>

#include "clause_internal.h"
#include "grammar_internal.h"
#include "normdiff/error.h"

#define FAM_PLAIN_HEADING (-2) /* unmarked heading level */
#define FAM_CHAPEAU (-3)       /* unmarked paragraph ending in ':' */
#define FAM_SETEXT1 (-4)       /* unmarked heading underlined with '=' */
#define FAM_SETEXT2 (-5)       /* unmarked heading underlined with '-' */
#define MAX_CANDIDATES 8

typedef struct level {
	int family;    /* family index or FAM_* */
	int heading;   /* 1 for heading levels */
	size_t clause; /* last clause at this level */
	long ordinal;  /* its ordinal, for list continuity */
} level;

enum mode {
	MODE_NONE,      /* ordinary text */
	MODE_PREAMBLE,  /* after "The General Assembly," */
	MODE_OPERATIVE  /* after the last preambular paragraph */
};

typedef struct parser {
	nd_doc *doc;            /* document being built */
	const nd_grammar *g;    /* the grammar */
	nd_matcher *md;         /* matcher for every pattern */
	level *stack;           /* open levels, outermost first */
	size_t depth;           /* levels in use */
	size_t stackcap;        /* levels allocated */
	size_t cap;             /* clauses allocated */
	enum mode mode;         /* where in a resolution we are */
	unsigned pp;            /* preambular paragraphs so far */
	unsigned op;            /* operative paragraphs so far */
	int title_block;        /* only the title and its subtitles so far */
} parser;

const char *nd_clause_kind_name(nd_clause_kind k)
{
	switch (k) {
	case ND_CLAUSE_TITLE: return "title";
	case ND_CLAUSE_INTRO: return "intro";
	case ND_CLAUSE_PREAMBULAR: return "preambular";
	case ND_CLAUSE_OPERATIVE: return "operative";
	case ND_CLAUSE_HEADING: return "heading";
	case ND_CLAUSE_ITEM: return "item";
	case ND_CLAUSE_PARAGRAPH: return "paragraph";
	}
	return "unknown";
}

/* Does s[0..len) read as a heading: short, no closing punctuation, its
 * first letter a capital? How short depends on its case: in capitals up
 * to 5/3 of `max` words ("TERMS AND CONDITIONS FOR COPYING, DISTRIBUTION
 * AND MODIFICATION"), in Title Case (no word of five letters or more in
 * lower case) up to `max`, in sentence case ("Code of conduct") up to
 * max/2, so that a quoted line ("Licensed under the Academic Free License
 * version 3.0") is not taken for one. Title Case tolerates one long word
 * in lower case in four ("Distribution of Compiled Forms ... without the
 * Source"). With `stop`, one final full stop is
 * allowed after a title in capitals or Title Case ("Conveying Verbatim
 * Copies."). Returns the length of the heading's text (without that full
 * stop), 0 if it is no heading. */
static size_t heading_shape(const char *s, size_t len, unsigned max, int stop)
{
	size_t i = 0, words = 0, limit;
	int stopped = 0, any_lower = 0, any_upper = 0, seen = 0;
	size_t lower_words = 0, upper_words = 0; /* of five letters or more */

	if (stop && len >= 2 && s[len - 1] == '.' && s[len - 2] != '.') {
		len--;
		stopped = 1;
	}
	if (len == 0 || strchr(".,;:!?", s[len - 1]))
		return 0;
	while (i < len) {
		size_t b, letters = 0;

		while (i < len && s[i] == ' ')
			i++;
		if (i == len)
			break;
		words++;
		for (b = i; i < len && s[i] != ' '; i++) {
			unsigned char c = (unsigned char)s[i];

			if ((c == '.' || c == ';' || c == '!' || c == '?') && i + 1 < len &&
			    s[i + 1] == ' ' && i - b >= 3)
				return 0; /* a sentence ends inside: "Action. This Licence ..." */

			if (c >= 'a' && c <= 'z') {
				if (!seen)
					return 0; /* its first letter is in lower case */
				any_lower = 1;
			} else if (c >= 'A' && c <= 'Z') {
				any_upper = 1;
			}
			if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0xC0) {
				letters++;
				seen = 1;
			}
		}
		if (letters >= 5) {
			if (s[b] >= 'a' && s[b] <= 'z')
				lower_words++;
			else
				upper_words++;
		}
	}
	if (!seen)
		return 0; /* no letter at all */
	if ((any_upper && !any_lower) || lower_words * 4 <= upper_words)
		limit = (size_t)max * 5 / 3;
	else if (stopped)
		return 0; /* "A sentence of a few words." */
	else
		limit = max < 6 ? max : max / 2 < 6 ? 6 : max / 2;
	return words <= limit ? len : 0;
}

static int looks_like_heading(const char *s, size_t len, unsigned max)
{
	return heading_shape(s, len, max, 0) == len && len;
}

/* Does a word start at s with five letters in lower case: a word that
 * counts against Title Case in heading_shape? */
static inline int is_lower(char c)
{
	return (unsigned char)(c - 'a') < 26;
}

static inline int long_lower(const char *s, size_t len)
{
	return len >= 5 && is_lower(s[0]) && is_lower(s[1]) && is_lower(s[2]) &&
	       is_lower(s[3]) && is_lower(s[4]);
}

/* A run-in title at the start of an item's text: "Grant of Copyright
 * License. Licensor grants ...": a heading shape (in capitals or Title
 * Case) of at most `max` words, ending in the first ". " of the text,
 * followed by the start of a sentence, its last word not an abbreviation
 * of one or two letters ("Mr. Smith"). Returns its length without the
 * full stop, 0 if there is none.
 *
 * Most items are sentences ("To intensify adequate procedures ..."), and
 * the search ends as soon as one can no longer be a title: heading_shape
 * takes a text with a final stop only in capitals or with a long word in
 * lower case for four long ones in capitals, and of at most `max` words
 * that is no longer possible once more than max/5 are in lower case. */
static size_t run_in_heading(const char *s, size_t len, unsigned max)
{
	size_t i, words = 1, last = 0, lower = long_lower(s, len);

	if (lower * 5 > max)
		return 0;
	for (i = 0; i + 2 < len; i++) {
		unsigned char next;

		if ((unsigned char)s[i] > ';')
			continue; /* a letter, most bytes, is none of ' ' . : ; */
		next = (unsigned char)s[i + 2];
		if (s[i] == ';' || s[i] == ':')
			return 0;
		if (s[i] == ' ') {
			if (++words > max)
				return 0;
			last = i + 1;
			if (long_lower(s + last, len - last) && ++lower * 5 > max)
				return 0;
			continue;
		}
		if (s[i] != '.' || s[i + 1] != ' ')
			continue;
		if (i - last < 3 || (next >= 'a' && next <= 'z'))
			return 0;
		return heading_shape(s, i + 1, max, 1);
	}
	return 0;
}

size_t nd_clause_heading_shape(const char *s, size_t len, unsigned max, int stop)
{
	return heading_shape(s, len, max, stop);
}

size_t nd_clause_run_in_heading(const char *s, size_t len, unsigned max)
{
	return run_in_heading(s, len, max);
}

/* Innermost open level of `family`, or (size_t)-1. */
static size_t find_level(const parser *p, int family)
{
	size_t i;

	for (i = p->depth; i-- > 0;)
		if (p->stack[i].family == family)
			return i;
	return (size_t)-1;
}

/* The open level of m's family that m continues (its number is the next
 * one there: "7." after "6. ... d. ... 1. 2." goes back to "6."), else the
 * innermost of that family, or (size_t)-1. */
static size_t find_list(const parser *p, const nd_marker *m)
{
	size_t i;

	if (m->ordinal)
		for (i = p->depth; i-- > 0;)
			if (p->stack[i].family == m->family &&
			    p->stack[i].ordinal + 1 == m->ordinal)
				return i;
	return find_level(p, m->family);
}

/* Pick one of several markers that fit (see the note at the top). */
static const nd_marker *choose(const parser *p, const nd_marker *c, size_t n)
{
	size_t i, lv;

	if (n == 1)
		return &c[0];
	for (i = 0; i < n; i++) {
		lv = find_level(p, c[i].family);
		if (lv != (size_t)-1 && (c[i].ordinal == p->stack[lv].ordinal + 1 ||
		                         c[i].ordinal == p->stack[lv].ordinal))
			return &c[i];
	}
	for (i = 0; i < n; i++)
		if (c[i].ordinal == 1)
			return &c[i];
	return &c[0];
}

static int push(parser *p, int family, int heading, size_t clause, long ord)
{
	if (nd_vec_reserve((void **)&p->stack, &p->stackcap, p->depth + 1,
	                   sizeof(level)))
		return nd_error_oom();
	p->stack[p->depth].family = family;
	p->stack[p->depth].heading = heading;
	p->stack[p->depth].clause = clause;
	p->stack[p->depth].ordinal = ord;
	p->depth++;
	return 0;
}

/* Close every level above the innermost heading. */
static void pop_to_heading(parser *p)
{
	while (p->depth && !p->stack[p->depth - 1].heading)
		p->depth--;
}

static int add_label(nd_doc *d, size_t *out, const char *s, size_t len)
{
	*out = d->labels.len;
	if (nd_buf_put(&d->labels, s, len) || nd_buf_putc(&d->labels, '\0'))
		return ND_ENOMEM;
	return 0;
}

/* Append a clause for paragraph `para`, child of the stack top. `skip`
 * bytes of decoration before an unmarked heading ("– Definitions.") are
 * left out of its body and label. */
static int add_clause(parser *p, const nd_para *para, nd_clause_kind kind,
                      const nd_marker *m, size_t skip, size_t *index)
{
	nd_doc *d = p->doc;
	nd_clause *c;
	size_t parent = p->depth ? p->stack[p->depth - 1].clause : ND_NO_PARENT;
	size_t mlen = m ? m->len : skip;
	const char *s = d->text->buf + para->off;
	unsigned hmw = p->g->heading_max_words;

	if (d->n == p->cap && /* nd_doc_parse made room for all */
	    nd_vec_reserve((void **)&d->clauses, &p->cap, d->n + 1, sizeof(nd_clause)))
		return nd_error_oom();
	c = &d->clauses[d->n];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->family = m ? m->family : -1;
	c->bullet = m && p->g->families[m->family].style == ND_STYLE_NONE;
	c->parent = parent;
	c->depth = parent == ND_NO_PARENT ? 0 : d->clauses[parent].depth + 1;
	c->off = para->off;
	c->len = para->len;
	c->body_off = para->off + mlen;
	c->body_len = para->len - mlen;
	c->line = para->line;
	c->last_line = para->last_line;
	c->chapeau = para->len && s[para->len - 1] == ':';
	c->hash = nd_hash_block(d->text->buf + c->body_off, c->body_len);
	c->end = d->n + 1;
	c->head_off = c->body_off;
	if (kind == ND_CLAUSE_HEADING)
		c->head_len = heading_shape(s + mlen, c->body_len, hmw, 1);
	else if (kind == ND_CLAUSE_ITEM)
		c->head_len = run_in_heading(s + mlen, c->body_len, hmw);
	if (kind == ND_CLAUSE_HEADING && !c->head_len) {
		/* forced by its marker: "Article 5 ...", without a final stop */
		c->head_len = c->body_len;
		if (c->head_len && s[mlen + c->head_len - 1] == '.')
			c->head_len--;
	}
	*index = d->n++;
	if (m)
		return add_label(d, &c->label, s + m->label_off, m->label_len);
	if (kind == ND_CLAUSE_HEADING)
		return add_label(d, &c->label, s + c->head_off - para->off, c->head_len);
	return add_label(d, &c->label, "", 0); /* numbered after the parse */
}

/* A label of `prefix` and the number n ("PP3", "\xC2\xB6" "12"), written
 * without snprintf: every unnumbered paragraph has one. */
static int add_numbered_label(nd_doc *d, size_t *out, const char *prefix,
                              unsigned n)
{
	*out = d->labels.len;
	if (nd_buf_put(&d->labels, prefix, strlen(prefix)) ||
	    nd_buf_putu(&d->labels, n) || nd_buf_putc(&d->labels, '\0'))
		return ND_ENOMEM;
	return 0;
}

/* The numbers of a dotted label ("6.3." is 6, 3): how many, at most
 * `max`, into n[]; 0 when the label is not a dotted number. */
static size_t dotted(const char *s, size_t len, long *n, size_t max)
{
	size_t i = 0, k = 0;

	while (i < len && k < max) {
		long v = 0;
		size_t b = i;

		while (i < len && s[i] >= '0' && s[i] <= '9' && v < 100000)
			v = v * 10 + (s[i++] - '0');
		if (i == b)
			return 0;
		n[k++] = v;
		if (i == len)
			break;
		if (s[i] != '.')
			return 0;
		i++;
	}
	return i == len ? k : 0;
}

/* A dotted number nests by the number itself: "6.3" goes under the open
 * "6." (or "6"), "1.1.2" under "1.1", whatever family each was read as.
 * Sets the stack to close above that parent and returns 1; 0 when the
 * marker is not dotted or no parent is open. */
static int close_to_dotted_parent(parser *p, const nd_para *para,
                                  const nd_marker *m)
{
	const nd_doc *d = p->doc;
	long n[8], pn[8];
	size_t k, lv, pk;

	k = dotted(d->text->buf + para->off + m->label_off, m->label_len, n, 8);
	if (k < 2)
		return 0;
	for (lv = p->depth; lv-- > 0;) {
		size_t c = p->stack[lv].clause;
		const char *l = d->labels.ptr + d->clauses[c].label;

		pk = dotted(l, strlen(l), pn, 8);
		if (pk == k - 1 && !memcmp(pn, n, pk * sizeof(long))) {
			p->depth = lv + 1;
			return 1;
		}
	}
	return 0;
}

/* Rank of an unmarked heading family: setext '=' headings hold '-' ones,
 * which hold plain ones; 0 for every other level. */
static int unmarked_rank(int fam)
{
	return fam == FAM_SETEXT1 ? 3 : fam == FAM_SETEXT2 ? 2 :
	       fam == FAM_PLAIN_HEADING ? 1 : 0;
}

/* Does marker m, of a family open at level lv, start a list of its own
 * rather than continue that level: it is number one, the level's last one
 * was not zero, and what precedes it introduces it (a heading of that
 * family, or a provision ending in ':'): "1." under "d. ... the following:"
 * inside "6.", or "1." under the heading "1. Definitions". */
static int starts_own_list(const parser *p, size_t lv, const nd_marker *m)
{
	const nd_doc *d = p->doc;

	if (m->ordinal != 1 || p->stack[lv].ordinal == 0 || !d->n)
		return 0;
	return p->stack[lv].heading || d->clauses[d->n - 1].chapeau;
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Does the unmarked heading `c` name the whole document: its words begin
 * with the title's (case aside), at least two of them ("Creative Commons
 * Attribution 4.0 International Public License" under the title "Creative
 * Commons Attribution 4.0 International")? Such a heading opens the
 * operative text, and what follows is under it. */
static int repeats_title(const nd_doc *d, size_t c)
{
	const nd_clause *t = &d->clauses[0], *h = &d->clauses[c];
	const char *a = d->text->buf + t->body_off, *b = d->text->buf + h->head_off;
	size_t i, words = 1;

	if (c == 0 || t->kind != ND_CLAUSE_TITLE || t->body_len > h->head_len)
		return 0;
	for (i = 0; i < t->body_len; i++) {
		char x = a[i], y = b[i];

		if (x == ' ')
			words++;
		if (ascii_lower(x) != ascii_lower(y))
			return 0;
	}
	return words >= 2 && (i == h->head_len || b[i] == ' ');
}

/* Can an open heading of family `held` (its provision `c`) not hold a new
 * heading: one whose marker is always a heading (`strong`: "Article 5")
 * is held by no unmarked heading but one that repeats the title, and by
 * no numbered heading; an unmarked one of `rank` is not held by an
 * unmarked heading of the same or a lower rank. */
static int cannot_hold(const parser *p, int held, size_t c, int strong, int rank)
{
	if (held < 0)
		return (strong && !repeats_title(p->doc, c)) ||
		       (rank && unmarked_rank(held) <= rank);
	return strong && p->g->families[held].role != ND_ROLE_HEADING;
}

static int parse_heading(parser *p, const nd_para *para, const nd_marker *m,
                         int fam, size_t skip)
{
	size_t lv = m ? find_list(p, m) : find_level(p, fam), idx;
	int err, rank = unmarked_rank(fam);

	p->mode = MODE_NONE;
	if (m && close_to_dotted_parent(p, para, m))
		; /* "6.2 Title" under "6." */
	else if (lv != (size_t)-1)
		p->depth = lv; /* a family met again: sibling at its level */
	else {
		/* a new family: child of the innermost heading; unmarked
		 * headings of the same or a lower rank close first, and a
		 * heading of a marker that is always one ("Article 5") is never
		 * held by an unmarked heading ("Preamble") nor by a numbered
		 * one ("5. DISCLAIMER OF WARRANTY.") */
		int strong = m && p->g->families[m->family].role == ND_ROLE_HEADING;

		pop_to_heading(p);
		while (p->depth && cannot_hold(p, p->stack[p->depth - 1].family,
		                               p->stack[p->depth - 1].clause,
		                               strong, rank)) {
			p->depth--;
			pop_to_heading(p);
		}
	}
	if ((err = add_clause(p, para, ND_CLAUSE_HEADING, m, skip, &idx)) != 0)
		return err;
	return push(p, fam, 1, idx, m ? m->ordinal : 0);
}

static int parse_item(parser *p, const nd_para *para, const nd_marker *m)
{
	size_t lv = find_list(p, m), idx;
	int err;

	if (p->mode == MODE_PREAMBLE)
		p->mode = MODE_OPERATIVE;
	if (close_to_dotted_parent(p, para, m))
		; /* "6.3" under "6." */
	else if (lv != (size_t)-1 && !starts_own_list(p, lv, m))
		p->depth = lv; /* its list again (after "1. Definitions" too) */
	if ((err = add_clause(p, para, ND_CLAUSE_ITEM, m, 0, &idx)) != 0)
		return err;
	return push(p, m->family, 0, idx, m->ordinal);
}

/* Where an unnumbered paragraph goes: it continues the section it follows
 * ("0. This License applies ..." then "Activities other than ...") when
 * the outermost item under the innermost heading is a numbered section
 * (a family that may head one: "1.", "1)", "I."), or it follows an item
 * ending in ':'; else, after a list
 * under an unmarked chapeau or a list of "(a)" items, it is a child of the
 * innermost heading. */
static void close_to_section(parser *p)
{
	size_t h = p->depth;
	int fam;

	/* after an item ending in ':' ("(14) Disclaimer of Warranty:") its
	 * paragraphs are its own */
	if (h && !p->stack[h - 1].heading && p->stack[h - 1].family >= 0 &&
	    p->doc->clauses[p->stack[h - 1].clause].chapeau)
		return;
	while (h && !p->stack[h - 1].heading)
		h--;
	fam = h < p->depth ? p->stack[h].family : -1;
	if (fam >= 0 && p->g->families[fam].role == ND_ROLE_ITEM_OR_HEADING)
		p->depth = h + 1;
	else
		p->depth = h;
}

static int parse_unmarked(parser *p, const nd_para *para)
{
	const char *s = p->doc->text->buf + para->off;
	nd_clause_kind kind = ND_CLAUSE_PARAGRAPH;
	size_t idx;
	int err;

	if (p->mode == MODE_PREAMBLE &&
	    !nd_grammar_test(p->g->preamble_para, p->md, s, para->len))
		p->mode = MODE_OPERATIVE;
	if (p->mode == MODE_PREAMBLE)
		kind = ND_CLAUSE_PREAMBULAR;
	else if (p->mode == MODE_OPERATIVE)
		kind = ND_CLAUSE_OPERATIVE;
	if (kind == ND_CLAUSE_PARAGRAPH)
		close_to_section(p);
	else
		pop_to_heading(p);
	if ((err = add_clause(p, para, kind, NULL, 0, &idx)) != 0)
		return err;
	if (p->doc->clauses[idx].chapeau)
		return push(p, FAM_CHAPEAU, 0, idx, 0);
	return 0;
}

/* The markers that fit at the start of s, the one chosen in *m. A bullet
 * before another marker ("* (i) loading ...") is the inner marker's
 * decoration: the item is "(i)". Returns 0 when none fits. */
static int find_marker(parser *p, const char *s, size_t len, nd_marker *m)
{
	nd_marker cand[MAX_CANDIDATES], inner;
	size_t n;

	n = nd_grammar_match_all(p->g, p->md, 0, s, len, cand, MAX_CANDIDATES);
	if (!n)
		return 0;
	*m = *choose(p, cand, n);
	if (p->g->families[m->family].style != ND_STYLE_NONE || m->len >= len)
		return 1;
	n = nd_grammar_match_all(p->g, p->md, 1, s + m->len, len - m->len, cand,
	                         MAX_CANDIDATES);
	if (!n)
		return 1;
	inner = *choose(p, cand, n);
	inner.label_off = m->len;
	inner.len += m->len;
	*m = inner;
	return 1;
}

/* A subtitle in the title block: a heading-like line right after the
 * title that carries a number (a version, a date, a year: "Version 2,
 * June 1991", "Attribution 3.0 Unported") is a paragraph of the title
 * block, not a heading that would own the whole document. */
static int is_subtitle(const parser *p, const char *s, size_t len)
{
	size_t i;

	if (!p->title_block)
		return 0;
	for (i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* The family of an unmarked heading: by its underline, if any. */
static int unmarked_family(const nd_para *para)
{
	if (para->flags & ND_PARA_UNDER1)
		return FAM_SETEXT1;
	if (para->flags & ND_PARA_UNDER2)
		return FAM_SETEXT2;
	return FAM_PLAIN_HEADING;
}

/* An unmarked heading stands apart: a blank line (or a page break, or a
 * rule) before it, or it follows another heading. A short line that
 * merely follows the one above ("signature of Ty Coon ..." / "Ty Coon,
 * President of Vice") is a paragraph. */
static int opens_heading(const parser *p, size_t k)
{
	const nd_doc *d = p->doc;

	if (d->text->paras[k].flags & (ND_PARA_GAP | ND_PARA_UNDER1 | ND_PARA_UNDER2))
		return 1;
	return d->n && (d->clauses[d->n - 1].kind == ND_CLAUSE_HEADING ||
	                d->clauses[d->n - 1].kind == ND_CLAUSE_TITLE);
}

static int parse_para(parser *p, size_t k)
{
	const nd_para *para = &p->doc->text->paras[k];
	const char *s = p->doc->text->buf + para->off;
	unsigned hmw = p->g->heading_max_words;
	nd_marker m;
	size_t idx;

	p->md->at = para->line;
	if (find_marker(p, s, para->len, &m)) {
		const nd_family *fam = &p->g->families[m.family];
		const char *rest = s + m.len;
		size_t rlen = para->len - m.len;

		p->title_block = 0;
		if (fam->role == ND_ROLE_HEADING ||
		    (fam->role == ND_ROLE_ITEM_OR_HEADING &&
		     heading_shape(rest, rlen, hmw, 1)))
			return parse_heading(p, para, &m, m.family, 0);
		/* "– Definitions.": a dash before a title is decoration */
		if (fam->style == ND_STYLE_NONE && rlen && rest[rlen - 1] == '.' &&
		    heading_shape(rest, rlen, hmw, 1))
			return parse_heading(p, para, NULL, FAM_PLAIN_HEADING, m.len);
		return parse_item(p, para, &m);
	}
	if (p->mode == MODE_NONE &&
	    nd_grammar_test(p->g->preamble_start, p->md, s, para->len)) {
		p->depth = 0;
		p->mode = MODE_PREAMBLE;
		p->title_block = 0;
		return add_clause(p, para, ND_CLAUSE_INTRO, NULL, 0, &idx);
	}
	/* a document's title may be longer than a heading: "International
	 * code of conduct for information security" */
	if (k == 0 && p->doc->text->npara > 1 &&
	    looks_like_heading(s, para->len, 2 * hmw)) {
		p->depth = 0;
		p->title_block = 1;
		return add_clause(p, para, ND_CLAUSE_TITLE, NULL, 0, &idx);
	}
	if (looks_like_heading(s, para->len, hmw) && opens_heading(p, k)) {
		if (is_subtitle(p, s, para->len)) {
			p->depth = 0;
			return add_clause(p, para, ND_CLAUSE_PARAGRAPH, NULL, 0, &idx);
		}
		p->title_block = 0;
		return parse_heading(p, para, NULL, unmarked_family(para), 0);
	}
	return parse_unmarked(p, para);
}

/* The title of an item that holds a list: its whole text when that is a
 * short phrase ("a. License grant.": at most six words, a capital first,
 * no punctuation inside but commas), or a heading before a colon
 * ("(14) Disclaimer of Warranty:"). The length without the final '.' or
 * ':', or 0. */
static size_t list_title(const char *s, size_t len, unsigned max)
{
	size_t i, n = len, words = 1;

	if (n && s[n - 1] == ':') { /* "For the avoidance of doubt:" is a chapeau */
		for (i = 0; i + 1 < n; i++)
			if ((i == 0 || s[i - 1] == ' ') && s[i] >= 'a' && s[i] <= 'z' &&
			    strcspn(s + i, " ") >= 5)
				return 0; /* a long word in lower case: not Title Case */
		return heading_shape(s, n - 1, max, 0);
	}
	if (n && s[n - 1] == '.')
		n--;
	if (!n || !(s[0] >= 'A' && s[0] <= 'Z'))
		return 0;
	for (i = 0; i < n; i++) {
		if (strchr(".;:!?", s[i]))
			return 0;
		if (s[i] == ' ' && ++words > 6)
			return 0;
	}
	return n;
}

/* After the parse: subtree ends, titles of list holders, and labels of
 * unnumbered paragraphs. */
static int finish(parser *p)
{
	nd_doc *d = p->doc;
	unsigned *count = calloc(d->n + 1, sizeof(unsigned));
	size_t i;
	int err = 0;

	if (!count)
		return nd_error_oom();
	for (i = d->n; i-- > 0;) {
		size_t parent = d->clauses[i].parent;

		if (parent != ND_NO_PARENT && d->clauses[i].end > d->clauses[parent].end)
			d->clauses[parent].end = d->clauses[i].end;
	}
	for (i = 0; i < d->n; i++)
		if (d->clauses[i].kind == ND_CLAUSE_ITEM && !d->clauses[i].head_len &&
		    d->clauses[i].end > i + 1)
			d->clauses[i].head_len = list_title(d->text->buf + d->clauses[i].body_off,
			                                    d->clauses[i].body_len,
			                                    p->g->heading_max_words);
	for (i = 0; i < d->n && !err; i++) {
		nd_clause *c = &d->clauses[i];
		size_t slot = c->parent == ND_NO_PARENT ? d->n : c->parent;

		if (c->kind == ND_CLAUSE_PREAMBULAR)
			err = add_numbered_label(d, &c->label, "PP", ++p->pp);
		else if (c->kind == ND_CLAUSE_OPERATIVE)
			err = add_numbered_label(d, &c->label, "OP", ++p->op);
		else if (c->kind == ND_CLAUSE_PARAGRAPH)
			err = add_numbered_label(d, &c->label, "\xC2\xB6", ++count[slot]);
	}
	free(count);
	return err ? nd_error_oom() : 0;
}

/* nd_doc_parse, or with `own` (data itself, taken) nd_doc_parse_in. */
static int doc_parse(nd_doc **out, const char *data, size_t len,
                     const nd_grammar *g, char *own)
{
	parser p = {0};
	nd_matcher matcher = {0};
	size_t k;
	int err;

	*out = NULL;
	if ((p.doc = calloc(1, sizeof(nd_doc))) == NULL) {
		free(own);
		return nd_error_oom();
	}
	nd_buf_init(&p.doc->labels);
	p.g = g;
	if ((err = own ? nd_text_new_in(&p.doc->text, own, len, g)
	               : nd_text_new(&p.doc->text, data, len, g)) != 0)
		goto done;
	p.md = &matcher;
	if ((err = nd_matcher_init(p.md, g)) != 0)
		goto done;
	/* a clause a paragraph: the room is made once, not grown */
	if (p.doc->text->npara &&
	    nd_vec_reserve((void **)&p.doc->clauses, &p.cap, p.doc->text->npara,
	                   sizeof(nd_clause))) {
		err = nd_error_oom();
		goto done;
	}
	for (k = 0; k < p.doc->text->npara; k++)
		if ((err = parse_para(&p, k)) != 0)
			goto done;
	if ((err = finish(&p)) == 0)
		err = nd_text_note_limits(p.doc->text, p.md);
done:
	nd_matcher_dispose(&matcher);
	free(p.stack);
	if (err)
		nd_doc_free(p.doc);
	else
		*out = p.doc;
	return err;
}

int nd_doc_parse(nd_doc **out, const char *data, size_t len,
                 const nd_grammar *g)
{
	return doc_parse(out, data, len, g, NULL);
}

int nd_doc_parse_in(nd_doc **out, char *data, size_t len, const nd_grammar *g)
{
	return doc_parse(out, data, len, g, data);
}

int nd_doc_empty(nd_doc **out)
{
	nd_doc *d = calloc(1, sizeof(nd_doc));

	*out = NULL;
	if (!d || (d->text = calloc(1, sizeof(nd_text))) == NULL ||
	    (d->text->buf = calloc(1, 1)) == NULL) {
		nd_doc_free(d);
		return nd_error_oom();
	}
	nd_buf_init(&d->labels);
	*out = d;
	return 0;
}

void nd_doc_free(nd_doc *d)
{
	if (!d)
		return;
	nd_doc_unindex(d);
	nd_text_free(d->text);
	free(d->clauses);
	nd_buf_dispose(&d->labels);
	free(d);
}

const char *nd_doc_label(const nd_doc *d, size_t i)
{
	return d->labels.ptr + d->clauses[i].label;
}

const char *nd_doc_heading(const nd_doc *d, size_t i, size_t *len)
{
	*len = d->clauses[i].head_len;
	return *len ? d->text->buf + d->clauses[i].head_off : NULL;
}

const char *nd_doc_body(const nd_doc *d, size_t i)
{
	return d->text->buf + d->clauses[i].body_off;
}

const char *nd_doc_family_name(const nd_doc *d, const nd_grammar *g, size_t i)
{
	int f = d->clauses[i].family;

	return f >= 0 && (size_t)f < g->nfamilies ? g->families[f].name : NULL;
}

int nd_doc_join_bodies(nd_buf *out, const nd_doc *d, const size_t *idx,
                       size_t n)
{
	size_t k;
	int err = 0;

	for (k = 0; k < n && !err; k++) {
		err = k ? nd_buf_putc(out, ' ') : 0;
		err = err ? err : nd_buf_put(out, nd_doc_body(d, idx[k]),
		                             d->clauses[idx[k]].body_len);
	}
	return err;
}
