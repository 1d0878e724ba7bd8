/* clause.h - the clause tree of one version of a draft.
 *
 * A document is parsed into provisions: a title, the opening of a
 * resolution ("The General Assembly,"), preambular (PP1..) and operative
 * (OP1..) paragraphs, headings ("Article 5", "Purpose and scope"), marked
 * items ("(a)", "1.", "(iv)") and unnumbered paragraphs (labelled "¶1"..
 * within their parent). Clauses are stored in document order (pre-order),
 * so the descendants of clause i are exactly the clauses i+1 .. end-1.
 * Texts are views into the document's one normalised buffer.
 *
 * Ownership: nd_doc_parse() returns a document owned by the caller, freed
 * with nd_doc_free() (NULL-safe); it owns its nd_text and all views.
 */
#ifndef NORMDIFF_CLAUSE_H
#define NORMDIFF_CLAUSE_H

#include <stddef.h>
#include <stdint.h>

#include "normdiff/buf.h"
#include "normdiff/grammar.h"
#include "normdiff/text.h"

#define ND_NO_PARENT ((size_t)-1)

typedef enum nd_clause_kind {
	ND_CLAUSE_TITLE,      /* first short line of a document */
	ND_CLAUSE_INTRO,      /* "The General Assembly," opening a resolution */
	ND_CLAUSE_PREAMBULAR, /* unnumbered preambular paragraph, PPn */
	ND_CLAUSE_OPERATIVE,  /* unnumbered operative paragraph, OPn */
	ND_CLAUSE_HEADING,    /* heading, numbered or not */
	ND_CLAUSE_ITEM,       /* paragraph with a marker: (a), 1., (iv) */
	ND_CLAUSE_PARAGRAPH   /* unnumbered paragraph, ¶n within its parent */
} nd_clause_kind;

typedef struct nd_clause {
	nd_clause_kind kind; /* what the provision is */
	int family;          /* index of its marker family, -1 if unmarked */
	int chapeau;         /* 1 if it ends with ':' and so opens a list */
	int bullet;          /* 1 if its marker carries no number ("-", "•"):
	                        a new bullet is no renumbering */
	size_t parent;       /* index of the parent clause or ND_NO_PARENT */
	size_t end;          /* one past its last descendant */
	unsigned depth;      /* 0 at the top level */
	size_t label;        /* offset of its NUL-terminated label in doc labels */
	size_t off;          /* the whole paragraph: offset in text->buf */
	size_t len;          /* ... and length */
	size_t body_off;     /* the text after the marker: offset */
	size_t body_len;     /* ... and length */
	size_t head_off;     /* its heading's text ("Conveying Verbatim Copies"
	                        of "4. Conveying Verbatim Copies.", or the run-in
	                        title of "1) Grant of Licence. Licensor ..."):
	                        offset in text->buf */
	size_t head_len;     /* ... and length, 0 when it has no heading */
	uint32_t line;       /* first source line */
	uint32_t last_line;  /* last source line */
	uint64_t hash;       /* hash of the body text (nd_hash_block) */
} nd_clause;

typedef struct nd_doc {
	nd_text *text;      /* the normalised text, owned */
	nd_clause *clauses; /* provisions in document order */
	size_t n;           /* number of provisions */
	nd_buf labels;      /* all labels, each NUL-terminated */
	struct nd_doc_index *index; /* its word signatures once computed
	                               (nd_doc_index, changeset.h), or NULL */
} nd_doc;

/* Normalise and parse `len` bytes with `grammar`. Errors are those of
 * nd_text_new(). */
int nd_doc_parse(nd_doc **out, const char *data, size_t len,
                 const nd_grammar *grammar);
/* The same, taking data (malloc'ed, len + 1 bytes) as the text's buffer
 * (nd_text_new_in): held by the document on success, freed on failure. */
int nd_doc_parse_in(nd_doc **out, char *data, size_t len,
                    const nd_grammar *grammar);

/* A document with no provisions (the missing side of an added or deleted
 * file, as git's external diff passes /dev/null). */
int nd_doc_empty(nd_doc **out);

void nd_doc_free(nd_doc *d);

/* Append the bodies of provisions idx[0..n) joined by one space: the text
 * a change set diffs for the side of a split or a merge. */
int nd_doc_join_bodies(nd_buf *out, const nd_doc *d, const size_t *idx,
                       size_t n);

/* Label of clause i ("(b)", "PP3", "Purpose and scope", "" for title). */
const char *nd_doc_label(const nd_doc *d, size_t i);

/* The heading text of clause i (not NUL-terminated), *len set to its
 * length; NULL and 0 when it has none. */
const char *nd_doc_heading(const nd_doc *d, size_t i, size_t *len);

/* The body text of clause i (not NUL-terminated; see body_len). */
const char *nd_doc_body(const nd_doc *d, size_t i);

/* Name of a kind as used in reports and JSON ("item", "preambular"...). */
const char *nd_clause_kind_name(nd_clause_kind k);

/* Family name of clause i's marker, or NULL if unmarked. */
const char *nd_doc_family_name(const nd_doc *d, const nd_grammar *g, size_t i);

#endif
