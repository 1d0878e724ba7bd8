/* grammar_internal.h - what the text normaliser and the clause parser see
 * of a grammar. Private to src/core; the only place outside grammar.c that
 * sees pcre2 types.
 */
#ifndef NORMDIFF_GRAMMAR_INTERNAL_H
#define NORMDIFF_GRAMMAR_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "normdiff/grammar.h"
#include "normdiff/text.h"

enum nd_style {
	ND_STYLE_NONE,        /* unnumbered marker, e.g. a bullet */
	ND_STYLE_NUMBER,      /* 1, 2, 3 (last component of 1.2.3) */
	ND_STYLE_LOWER_ALPHA, /* a, b, .. z, aa */
	ND_STYLE_UPPER_ALPHA, /* A, B, .. Z, AA */
	ND_STYLE_LOWER_ROMAN, /* i, ii, iii */
	ND_STYLE_UPPER_ROMAN, /* I, II, III */
	ND_STYLE_ANY          /* digits or roman numerals */
};

enum nd_role {
	ND_ROLE_HEADING,         /* always a heading: "Article 5" */
	ND_ROLE_ITEM,            /* always an item: "(a)" */
	ND_ROLE_ITEM_OR_HEADING  /* heading when the rest is short: "I. Scope" */
};

typedef struct nd_family {
	char *name;        /* family name from the grammar */
	enum nd_style style; /* how its ordinals count */
	enum nd_role role; /* heading, item or either */
	pcre2_code *re;    /* anchored pattern matching the marker */
	int filtered;      /* first[] holds every byte a marker can start with */
	unsigned char first[32]; /* ... a bit a byte value */
	int group;         /* number of its group "n" (style other than none) */
} nd_family;

/* Most families a grammar's by-first-byte sets (opens[]) hold; a grammar
 * of more is matched family by family. */
#define ND_OPENS_MAX 64

/* A pattern of page furniture, and the bytes a line it matches can
 * start with when it is anchored (by its '^'). */
typedef struct nd_furniture {
	pcre2_code *re;    /* the pattern, matched against a whole line */
	int anchored;      /* it matches only at the start */
	int filtered;      /* first[] holds every byte a match can start with */
	unsigned char first[32]; /* ... a bit a byte value */
} nd_furniture;

struct nd_grammar {
	nd_family *families;        /* marker families, in priority order */
	size_t nfamilies;           /* number of families */
	size_t famcap;              /* allocated families */
	uint64_t opens[256];        /* by a text's first byte, the families
	                               (bit f) that first[] lets through, when
	                               there are at most ND_OPENS_MAX */
	uint64_t numbered;          /* the families whose style is not none */
	nd_furniture *furniture;    /* page furniture line patterns */
	size_t nfurniture;          /* number of furniture patterns */
	size_t furncap;             /* allocated furniture patterns */
	pcre2_code *preamble_start; /* "The General Assembly," */
	pcre2_code *preamble_para;  /* what a preambular paragraph looks like */
	unsigned heading_max_words; /* longest unpunctuated heading, in words */
	uint32_t max_groups;        /* largest capture count of any pattern */
	struct nd_rule *rules;      /* every pattern's rule, for notes */
	size_t nrules;              /* how many */
	size_t rulecap;             /* allocated */
};

/* Where a pattern comes from: "family roman (my.grammar:4)". */
typedef struct nd_rule {
	const pcre2_code *re; /* the pattern */
	char *name;           /* the rule, owned */
} nd_rule;

/* Match data for one reading of a text, and what stopped matches: a
 * pattern that reaches one of PCRE2's limits (match, depth, heap, JIT
 * stack) is read as not matching, and counted here so the reader can be
 * told. The caller sets `at` to the source line of what it matches. */
typedef struct nd_matcher {
	pcre2_match_data *md; /* big enough for any pattern of the grammar */
	const nd_grammar *g;  /* the grammar */
	uint32_t at;          /* source line being matched (set by the caller) */
	size_t limited;       /* matches stopped by a limit */
	const char *rule;     /* the rule of the first (the grammar's), or NULL */
	uint32_t line;        /* its source line */
	int jit;              /* every pattern was JIT-compiled: matched
	                         through pcre2_jit_match, without the checks
	                         pcre2_match makes on each call */
	uint64_t *pairs;      /* by anchored pattern (the families', then the
	                         furniture's) and two ASCII bytes, whether a
	                         text opening with them was asked (bits 0-127
	                         of four words) and cannot match (bits
	                         128-255); allocated on the first use, NULL
	                         before or without memory */
} nd_matcher;

/* The matching functions below take text that nd_text_new() validated as
 * UTF-8: they skip pcre2's own check, which would otherwise read the whole
 * subject again at every one of the many matches per paragraph. */

/* A match of one family at the start of a paragraph. */
typedef struct nd_marker {
	int family;        /* family index */
	size_t len;        /* bytes of the marker including following spaces */
	size_t label_off;  /* where the label starts (after a bullet before it) */
	size_t label_len;  /* bytes of the label: the marker without what
	                      separates it from the text */
	long ordinal;      /* its number in the family's counting, 0 if none */
} nd_marker;

/* Add the limits m reached to t's (limit_hits, limit_rule, limit_line;
 * text.c). ND_ENOMEM. */
int nd_text_note_limits(nd_text *t, const nd_matcher *m);

/* A matcher for `g` (ND_ENOMEM), disposed of with nd_matcher_dispose. */
int nd_matcher_init(nd_matcher *m, const nd_grammar *g);
void nd_matcher_dispose(nd_matcher *m);

/* Match family `f` at the start of s[0..len); 1 and *m filled if it
 * matches, 0 if not. */
int nd_grammar_match(const nd_grammar *g, nd_matcher *md, size_t f,
                     const char *s, size_t len, nd_marker *m);

/* The markers of every family that matches at the start of s[0..len), in
 * grammar order, at most `max` of them into m[]; with `numbered`, of the
 * families whose style is not none only. Returns how many: what
 * nd_grammar_match on each family in turn would find, without trying
 * the families whose markers cannot start with s's first byte. */
size_t nd_grammar_match_all(const nd_grammar *g, nd_matcher *md, int numbered,
                            const char *s, size_t len, nd_marker *m,
                            size_t max);

/* 1 if any family matches at the start of s. */
int nd_grammar_any_marker(const nd_grammar *g, nd_matcher *md,
                          const char *s, size_t len);

/* 1 if s is a heading marker and nothing else ("ARTICLE 5", "Chapter II"),
 * whose title may stand on the next line. */
int nd_grammar_bare_heading(const nd_grammar *g, nd_matcher *md,
                            const char *s, size_t len);

/* 1 if the whole of s is page furniture. */
int nd_grammar_is_furniture(const nd_grammar *g, nd_matcher *md,
                            const char *s, size_t len);

/* 1 if `re` matches s (unanchored unless the pattern anchors itself). */
int nd_grammar_test(const pcre2_code *re, nd_matcher *md,
                    const char *s, size_t len);

#endif
