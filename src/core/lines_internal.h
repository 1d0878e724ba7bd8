/* lines_internal.h - the cleaned source lines of a draft and the evidence
 * read off their layout (decoration, page furniture, wrap width). Private
 * to src/core: shared by text.c, which splits and joins lines, and
 * lines.c, which judges them.
 */
#ifndef NORMDIFF_LINES_INTERNAL_H
#define NORMDIFF_LINES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

enum {
	LINE_BLANK = 1,      /* nothing but whitespace (or decoration) */
	LINE_FURNITURE = 2,  /* page furniture, dropped */
	LINE_PAGEBREAK = 4,  /* a form feed started this line */
	LINE_SOFTHYPHEN = 8, /* ended in a soft hyphen: join without space */
	LINE_CANDIDATE = 16, /* matches a furniture pattern: furniture only
	                        with evidence (lines_judge_furniture) */
	LINE_DECORATION = 32 /* a rule or underline ("=====", "-*-*-"): layout */
};

typedef struct cline {
	size_t off;     /* offset of the cleaned line in the scratch buffer */
	size_t len;     /* its length in bytes */
	uint32_t line;  /* source line number */
	unsigned flags; /* LINE_* */
} cline;

/* 1 if s[0..len) is decoration: at least three marks, nothing but the
 * marks of rules and underlines (= - _ * ~ # + . and the dashes) and
 * spaces. */
int lines_is_decoration(const char *s, size_t len);

/* Decide which LINE_CANDIDATE lines are furniture: those whose text
 * repeats (a running header), and those standing at a page boundary (a
 * form feed, a repeated header, or the start or end of a document that
 * has page breaks), with only blank lines and other candidates between.
 * The others stay text. Allocates; ND_ENOMEM on failure. */
int lines_judge_furniture(const char *scratch, cline *lines, size_t n);

/* The width at which the text was wrapped, in characters, judged from
 * the lines that continue a paragraph (the 90th percentile of their
 * lengths), or 0 when no line continues another. */
size_t lines_wrap_width(const char *scratch, const cline *lines, size_t n);

/* Characters (not bytes) in s[0..len) of valid UTF-8. */
size_t lines_width(const char *s, size_t len);

#endif
