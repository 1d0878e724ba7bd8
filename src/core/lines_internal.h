/* lines_internal.h - the cleaned source lines of a draft and the evidence
 * read off their layout (decoration, page furniture, wrap width). Private
 * to src/core: shared by text.c, which splits and joins lines, and
 * lines.c, which judges them.
 */
#ifndef NORMDIFF_LINES_INTERNAL_H
#define NORMDIFF_LINES_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "normdiff/buf.h"

enum {
	LINE_BLANK = 1,      /* nothing but whitespace (or decoration) */
	LINE_FURNITURE = 2,  /* page furniture, dropped */
	LINE_PAGEBREAK = 4,  /* a form feed started this line */
	LINE_SOFTHYPHEN = 8, /* ended in a soft hyphen: join without space */
	LINE_CANDIDATE = 16, /* matches a furniture pattern: furniture only
	                        with evidence (lines_judge_furniture) */
	LINE_DECORATION = 32, /* a rule or underline ("=====", "-*-*-"): layout */
	LINE_UNDER1 = 64,    /* an underline of '=': under this line's text when
	                        it ends the line ("Title ====="), else under the
	                        text line above */
	LINE_UNDER2 = 128,   /* the same with '-' or another mark */
	LINE_RUNS_ON = 256   /* in a text of one paragraph per line, a line of a
	                        block wrapped by hand (lines_hand_wrapped):
	                        its paragraph goes on below */
};

typedef struct cline {
	size_t off;     /* offset of the cleaned line in the scratch buffer */
	size_t len;     /* its length in bytes */
	uint32_t line;  /* source line number */
	unsigned flags; /* LINE_* */
	unsigned indent; /* leading spaces and tabs in the source line */
	uint32_t width; /* characters (not bytes) of the cleaned line */
} cline;

/* Append s[0..len), one source line, cleaned to `out`: runs of spaces
 * (tabs, NBSP and the other Unicode spaces) become one space, dropped at
 * either end of the line; soft hyphens (LINE_SOFTHYPHEN in *flags when
 * the line ends in one) and zero-width characters go; LINE_BLANK when
 * nothing is left. *width is what is left, in characters. The first
 * `plain_len` bytes are known to need no cleaning (lines_plain_prefix;
 * 0 looks at every byte). */
int lines_clean(nd_buf *out, const char *s, size_t len, size_t plain_len,
                unsigned *flags, uint32_t *width);

/* The length of a start of s[0..len) that cleaning copies as it is and
 * that holds no line end: printable ASCII that neither starts nor ends
 * with a space and has no two spaces in a row. Read in words of eight
 * bytes: it may stop short of the longest such start. */
size_t lines_plain_prefix(const char *s, size_t len);

/* 1 if s[0..len) is decoration: at least three marks, nothing but the
 * marks of rules and underlines (= - _ * ~ # + . and the dashes) and
 * spaces. */
int lines_is_decoration(const char *s, size_t len);

/* If s[0..*len) ends in a run of decoration after a space ("Heading
 * ------", a lost line break), shorten *len to the text before it and
 * return LINE_UNDER1 or LINE_UNDER2; else 0. */
unsigned lines_trailing_rule(const char *s, size_t *len);

/* LINE_UNDER1 for a rule of '=', LINE_UNDER2 for any other. */
unsigned lines_rule_kind(const char *s, size_t len);

/* Decide which LINE_CANDIDATE lines are furniture: those whose text
 * repeats (a running header), and those standing at a page boundary (a
 * form feed, a repeated header, or the start or end of a document that
 * has page breaks), with only blank lines and other candidates between.
 * The others stay text. Allocates; ND_ENOMEM on failure. */
int lines_judge_furniture(const char *scratch, cline *lines, size_t n);

/* A text whose lines are mostly longer than this (the 90th percentile of
 * their widths, in characters) holds one paragraph per line. */
#define LINES_UNWRAPPED 160
#define LINES_NOT_WRAPPED ((size_t)-1)

/* The width at which the text was wrapped, in characters with the
 * indentation, judged from the lines that continue a paragraph (the 95th
 * percentile of their widths); LINES_NOT_WRAPPED for a text of one paragraph per line (every
 * line ended short); 0 when no line continues another (no evidence). */
size_t lines_wrap_width(const cline *lines, size_t n);

/* In a text of one paragraph per line, find the blocks wrapped by hand
 * (a licence's sample notice): at least three lines between blank lines
 * whose widths, but the last's, are alike (the narrowest at least 4/5 of
 * the widest, all 40 to 100 characters). Their lines but the last get
 * LINE_RUNS_ON. */
void lines_hand_wrapped(cline *lines, size_t n);

/* Characters (not bytes) in s[0..len) of valid UTF-8. */
size_t lines_width(const char *s, size_t len);

/* The width of line l as the source showed it: indentation and text. */
size_t lines_shown_width(const cline *l);

#endif
