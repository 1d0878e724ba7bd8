/* text.h - decoding, validation and normalisation of a draft's text.
 *
 * Input is the raw bytes of a file; output is one normalised buffer in which
 * every paragraph is one line (paragraphs separated by '\n'), whitespace is
 * single ASCII spaces, wrapped lines are rejoined, words hyphenated across a
 * line break are rejoined, and page furniture (running headers, job
 * numbers, page numbers, form feeds) is dropped. A map leads from any
 * normalised offset back to its source line.
 *
 * Ownership: nd_text_new() returns an nd_text owned by the caller, freed
 * with nd_text_free() (NULL-safe). Paragraphs are views into `buf`.
 */
#ifndef NORMDIFF_TEXT_H
#define NORMDIFF_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "normdiff/grammar.h"

/* Largest input accepted, in bytes. */
#define ND_TEXT_MAX_INPUT ((size_t)1 << 30)

/* What the layout says of a paragraph (nd_para.flags). */
enum {
	ND_PARA_GAP = 1,    /* a blank line, page break or rule before it (or
	                       it opens the text): it does not merely follow
	                       the line above */
	ND_PARA_UNDER1 = 2, /* underlined with '=' (a setext heading) */
	ND_PARA_UNDER2 = 4  /* underlined with '-' or another mark */
};

typedef struct nd_para {
	size_t off;         /* offset of the paragraph in nd_text.buf */
	size_t len;         /* its length in bytes (no newline) */
	uint32_t line;      /* source line of its first character (1-based) */
	uint32_t last_line; /* source line of its last character */
	unsigned flags;     /* ND_PARA_* */
} nd_para;

typedef struct nd_linemark {
	size_t off;    /* normalised offset where a source line's text starts */
	uint32_t line; /* that source line (1-based) */
} nd_linemark;

typedef struct nd_text {
	char *buf;            /* normalised text, NUL-terminated */
	size_t len;           /* its length in bytes */
	nd_para *paras;       /* paragraphs in document order */
	size_t npara;         /* number of paragraphs */
	nd_linemark *marks;   /* offset -> source line map, ascending offsets */
	size_t nmarks;        /* number of marks */
	uint32_t source_lines; /* number of lines in the source */
	size_t limit_hits;    /* grammar pattern matches stopped by a PCRE2
	                         limit (match, depth, heap): read as no match */
	char *limit_rule;     /* the grammar rule of the first ("family roman
	                         (my.grammar:4)"), owned; NULL if none */
	uint32_t limit_line;  /* the source line of the first */
} nd_text;

/* Decode and normalise `len` bytes. Errors (message says where and what to
 * do): ND_EEMPTY (no bytes, or nothing but whitespace and furniture),
 * ND_EBINARY (a NUL byte), ND_EUTF8 (ill-formed UTF-8, or UTF-16/32),
 * ND_ETOOBIG (over ND_TEXT_MAX_INPUT). */
int nd_text_new(nd_text **out, const char *data, size_t len,
                const nd_grammar *grammar);

/* The same, taking data (malloc'ed, len + 1 bytes) as the text's own
 * buffer: its lines are cleaned and joined into paragraphs in it (a line
 * never grows when cleaned, so each is written where its source was
 * already read), and no second copy of the text is made. On success the
 * text holds data (nd_text_free frees it); on failure data is freed. An
 * error about the bytes themselves (binary, UTF-8) is found before any
 * is overwritten. */
int nd_text_new_in(nd_text **out, char *data, size_t len,
                   const nd_grammar *grammar);

void nd_text_free(nd_text *t);

/* The source line of normalised offset `off`. */
uint32_t nd_text_line(const nd_text *t, size_t off);

#endif
