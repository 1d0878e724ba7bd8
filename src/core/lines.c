/* lines.c - evidence read off the layout of a draft's lines.
 *
 * Three judgements the normaliser needs before it joins lines into
 * paragraphs, each from the document as a whole rather than one line:
 *
 * Decoration. Rules and setext underlines ("=====", "-----", "=-=-=-",
 * "*****") are layout, not text: a line made only of such marks ends a
 * paragraph and is dropped.
 *
 * Furniture needs evidence. A line matching a furniture pattern ("3/6",
 * "A/66/359", "11-49611") is only a candidate: the same text can be a real
 * line of the body ("12 of 15" in a table, "A/RES/70/1" in a list of
 * resolutions), and dropping it would hide an edit. A candidate is
 * furniture when its text occurs twice or more among the candidates (a
 * running header), or when it stands at a page boundary: between it and a
 * form feed, a repeated header, or (in a document that has page breaks)
 * the start or the end of the text there are only blank lines and other
 * candidates. Walks are bounded (MAX_WALK lines), so the cost is linear.
 *
 * Wrap width. Hard-wrapped text (PDF extractions, plain-text licences)
 * ends a paragraph's last line short; a line after which the next word
 * would have fitted was not wrapped, so it ended a paragraph (or was a
 * heading above its body). The width is judged from the lines that
 * continue into a next line, indentation included: the 95th percentile of
 * their widths, so that a few long lines (a URL, a word that would not
 * break) do not make every other line look short. A text whose lines
 * are mostly longer than anyone wraps (LINES_UNWRAPPED) holds one
 * paragraph per line: there every line ended short, but in a block of
 * three or more lines of alike widths, none over 100 characters (a
 * sample notice wrapped by hand inside an unwrapped licence), whose
 * lines run on.
 *
 * Cleaning. Each source line is copied cleaned (spaces collapsed, soft
 * hyphens and zero-width characters dropped) and measured on the way, so
 * that no later pass reads a line again to know its width. Most of a
 * draft is printable ASCII with single spaces, which cleaning copies as
 * it is: lines_plain_prefix finds such a start eight bytes at a time, and
 * lines_clean copies it whole before it looks at single characters.
 */
#include "lines_internal.h"

#include <stdlib.h>
#include <string.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/utf8.h"

#define MAX_WALK 64 /* lines looked at on each side of a candidate */
#define HAND_WRAP_MIN 40  /* narrower lines are a list, not a wrapped block */
#define HAND_WRAP_MAX 100 /* wider lines were not wrapped by hand */

/* Printable ASCII but the space: copied as it is, most of any draft. */
static int plain(unsigned char c)
{
	return c > 0x20 && c < 0x7F;
}

/* The flags are kept in a local while the line is written, since a store
 * through `o` could otherwise alias them. */
int lines_clean(nd_buf *out, const char *s, size_t len, size_t plain_len,
                unsigned *flags, uint32_t *width)
{
	size_t i = plain_len, n, cont = 0;
	uint32_t cp;
	unsigned f = *flags;
	int space = 0, err;
	char *o, *o0;

	/* cleaning never lengthens a line, so room for it is room enough */
	if ((!out->ptr || len >= out->cap - out->len) &&
	    (err = nd_buf_grow(out, len)) != 0)
		return err;
	o = o0 = out->ptr + out->len;
	if (plain_len) { /* ends in a character, which clears a soft hyphen */
		memmove(o, s, plain_len); /* o may be s itself (nd_text_new_in) */
		o += plain_len;
		f &= ~(unsigned)LINE_SOFTHYPHEN;
	}
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (plain(c)) { /* a run of them, copied in one loop */
			if (space)
				*o++ = ' ';
			space = 0;
			do
				*o++ = s[i++];
			while (i < len && plain((unsigned char)s[i]));
			f &= ~(unsigned)LINE_SOFTHYPHEN;
			continue;
		}
		if (c == ' ') {
			space = o > o0;
			i++;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (n == 0) { /* validated before: cannot happen */
			n = 1;
			cp = 0xFFFD;
		}
		if (cp == '\t' || cp == 0x0B || cp == 0xA0 ||
		    (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F ||
		    cp == 0x3000) {
			space = o > o0;
		} else if (cp == 0xAD) {
			f |= LINE_SOFTHYPHEN; /* meaningful only at the end */
		} else if (cp == 0x200B || cp == 0xFEFF || cp == 0x2060) {
			/* zero-width: invisible, dropped */
		} else {
			f &= ~(unsigned)LINE_SOFTHYPHEN;
			if (space)
				*o++ = ' ';
			space = 0;
			memmove(o, s + i, n);
			o += n;
			cont += n - 1; /* bytes of the character that continue it */
		}
		i += n;
	}
	if (o == o0)
		f |= LINE_BLANK;
	*flags = f;
	*width = (uint32_t)((size_t)(o - o0) - cont);
	out->len = (size_t)(o - out->ptr);
	out->ptr[out->len] = '\0';
	return 0;
}

/* Whole words of printable ASCII in which no space is followed by
 * another, tested without a branch: a byte with its high bit set is
 * unprintable too (the word itself shows it); and once w is printable,
 * a byte of w OR'd with the byte after it is a space only when both
 * are, the one after being printable too or, past the word, a space or
 * a NUL (which a validated text has none of; the prefix would only stop
 * short). That ninth byte, which lets the pair straddle two words, is
 * why a word needs it. A space at the end is left out, since what
 * follows it decides whether it stays. */
size_t lines_plain_prefix(const char *s, size_t len)
{
	size_t i = 0;

	if (!len || s[0] == ' ')
		return 0;
	for (; i + 9 <= len; i += 8) {
		uint64_t w = nd_word_load(s + i);
		uint64_t pair = (w | nd_word_load(s + i + 1)) ^ (ND_WORD_ONES * ' ');
		uint64_t bad = w | (w - ND_WORD_ONES * 0x20) | (w + ND_WORD_ONES) |
		               ((pair - ND_WORD_ONES) & ~pair);

		if (bad & ND_WORD_HIGHS)
			break;
	}
	if (i && s[i - 1] == ' ')
		i--;
	return i;
}

/* A mark of rules and underlines: = - _ * ~ # + . (compared rather than
 * looked up with strchr, since every line's first byte is asked). */
static int rule_mark(unsigned char c)
{
	switch (c) {
	case '=': case '-': case '_': case '*': case '~': case '#': case '+':
	case '.':
		return 1;
	default:
		return 0;
	}
}

int lines_is_decoration(const char *s, size_t len)
{
	size_t i, marks = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ')
			continue;
		if (rule_mark(c)) {
			marks++;
			continue;
		}
		/* the dashes U+2012..U+2015 and U+2212 minus: E2 80 92..95, E2 88 92 */
		if (c == 0xE2 && i + 2 < len &&
		    (((unsigned char)s[i + 1] == 0x80 &&
		      (unsigned char)s[i + 2] >= 0x92 && (unsigned char)s[i + 2] <= 0x95) ||
		     ((unsigned char)s[i + 1] == 0x88 && (unsigned char)s[i + 2] == 0x92))) {
			marks++;
			i += 2;
			continue;
		}
		return 0;
	}
	return marks >= 3;
}

unsigned lines_rule_kind(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] == ' ')
		i++;
	return i < len && s[i] == '=' ? LINE_UNDER1 : LINE_UNDER2;
}

unsigned lines_trailing_rule(const char *s, size_t *len)
{
	size_t n = *len, b;

	if (n < 5 || (s[n - 1] != '=' && s[n - 1] != '-'))
		return 0;
	for (b = n; b > 0 && s[b - 1] == s[n - 1]; b--)
		;
	if (n - b < 3 || b < 2 || s[b - 1] != ' ')
		return 0;
	n = b - 1;
	while (n && s[n - 1] == ' ')
		n--;
	if (!n)
		return 0;
	*len = n;
	return s[b] == '=' ? LINE_UNDER1 : LINE_UNDER2;
}

/* Characters, as the bytes that do not continue one (10xxxxxx); eight
 * bytes at a time: a continuation byte has its top bit set and the next
 * one clear, and the multiplication adds up the eight bytes' flags. */
size_t lines_width(const char *s, size_t len)
{
	size_t i = 0, cont = 0;
	uint64_t x;

	for (; i + 8 <= len; i += 8) {
		x = nd_word_load(s + i);
		x = (x & ND_WORD_HIGHS & ~(x << 1)) >> 7; /* a 1 in each such byte */
		cont += (size_t)((x * ND_WORD_ONES) >> 56); /* their sum */
	}
	for (; i < len; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return len - cont;
}

size_t lines_shown_width(const cline *l)
{
	return (size_t)l->indent + l->width;
}

typedef struct cand {
	uint64_t hash; /* hash of the candidate's text */
	size_t line;   /* its index in lines[] */
} cand;

static int cmp_cand(const void *a, const void *b)
{
	const cand *x = a, *y = b;

	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

enum { REPEATED = 1u << 15 }; /* scratch flag during the judgement */

/* Is there a page boundary from line k going in direction `step`, past
 * blank lines and candidates only? */
static int at_boundary(const cline *lines, size_t n, size_t k, int step,
                       int paged)
{
	size_t walked = 0, j = k;

	for (;;) {
		if (step < 0 && (lines[j].flags & LINE_PAGEBREAK))
			return 1; /* a form feed right before line j */
		if (step < 0 && j == 0)
			return paged;
		if (step > 0 && j + 1 == n)
			return paged;
		j = step < 0 ? j - 1 : j + 1;
		if (step > 0 && (lines[j].flags & LINE_PAGEBREAK))
			return 1;
		if (lines[j].flags & REPEATED)
			return 1;
		if (!(lines[j].flags & (LINE_BLANK | LINE_CANDIDATE)))
			return 0;
		if (++walked > MAX_WALK)
			return 0;
	}
}

int lines_judge_furniture(const char *scratch, cline *lines, size_t n)
{
	cand *c = NULL;
	size_t k, m = 0, i, j;
	int paged = 0;

	for (k = 0; k < n; k++) {
		if (lines[k].flags & LINE_PAGEBREAK)
			paged = 1;
		if (lines[k].flags & LINE_CANDIDATE)
			m++;
	}
	if (m == 0)
		return 0;
	if ((c = malloc(m * sizeof(*c))) == NULL)
		return nd_error_oom();
	for (k = 0, m = 0; k < n; k++)
		if (lines[k].flags & LINE_CANDIDATE) {
			c[m].hash = nd_hash(scratch + lines[k].off, lines[k].len);
			c[m++].line = k;
		}
	qsort(c, m, sizeof(*c), cmp_cand);
	for (i = 0; i < m; i = j) {
		for (j = i + 1; j < m && c[j].hash == c[i].hash; j++)
			;
		if (j - i >= 2) {
			paged = 1;
			for (k = i; k < j; k++)
				lines[c[k].line].flags |= REPEATED;
		}
	}
	for (i = 0; i < m; i++) {
		cline *l = &lines[c[i].line];

		if ((l->flags & REPEATED) ||
		    at_boundary(lines, n, c[i].line, -1, paged) ||
		    at_boundary(lines, n, c[i].line, +1, paged))
			l->flags |= LINE_FURNITURE;
	}
	for (k = 0; k < n; k++)
		lines[k].flags &= ~(unsigned)REPEATED;
	free(c);
	return 0;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* Is the 90th percentile of the text lines' widths over LINES_UNWRAPPED?
 * It is when at most (m - 1) * 9 / 10 of the m lines are that narrow:
 * counted, not sorted. */
static int mostly_unwrapped(const cline *lines, size_t n)
{
	size_t k, m = 0, narrow = 0;

	for (k = 0; k < n; k++)
		if (!(lines[k].flags & (LINE_BLANK | LINE_FURNITURE))) {
			m++;
			narrow += lines[k].width <= LINES_UNWRAPPED;
		}
	return m && narrow <= (m - 1) * 9 / 10;
}

/* Widths below this are counted in a table; wider ones, rare, sorted. */
#define NARROW_WIDTHS 1024

/* Does line k continue into line k + 1? */
static int continues(const cline *lines, size_t n, size_t k)
{
	return k + 1 < n && !(lines[k].flags & (LINE_BLANK | LINE_FURNITURE)) &&
	       !(lines[k + 1].flags & (LINE_BLANK | LINE_FURNITURE | LINE_PAGEBREAK));
}

size_t lines_wrap_width(const cline *lines, size_t n)
{
	size_t count[NARROW_WIDTHS] = {0};
	size_t *wide = NULL, nwide = 0, k, m = 0, rank, w;

	if (mostly_unwrapped(lines, n))
		return LINES_NOT_WRAPPED;
	for (k = 0; k + 1 < n; k++) {
		if (!continues(lines, n, k))
			continue;
		m++;
		if ((w = lines_shown_width(&lines[k])) < NARROW_WIDTHS) {
			count[w]++;
			continue;
		}
		if (!wide && (wide = malloc(n * sizeof(*wide))) == NULL)
			return 0; /* no memory to tell: no width */
		wide[nwide++] = w;
	}
	if (!m)
		return 0;
	/* the width at rank (m - 1) * 95 / 100 of them all in order */
	rank = (m - 1) * 95 / 100;
	for (w = 0; w < NARROW_WIDTHS && rank >= count[w]; w++)
		rank -= count[w];
	if (w == NARROW_WIDTHS) { /* among the wide ones */
		qsort(wide, nwide, sizeof(*wide), cmp_size);
		w = wide[rank];
	}
	free(wide);
	return w;
}

/* Mark the lines of block [b, e) but the last as running on, if the
 * widths of those lines are alike. */
static void mark_block(cline *lines, size_t b, size_t e)
{
	size_t k, lo = (size_t)-1, hi = 0;

	if (e - b < 3)
		return;
	for (k = b; k + 1 < e; k++) {
		size_t w = lines_shown_width(&lines[k]);

		lo = w < lo ? w : lo;
		hi = w > hi ? w : hi;
	}
	if (lo < HAND_WRAP_MIN || hi > HAND_WRAP_MAX || lo * 5 < hi * 4)
		return;
	for (k = b; k + 1 < e; k++)
		lines[k].flags |= LINE_RUNS_ON;
}

void lines_hand_wrapped(cline *lines, size_t n)
{
	size_t k, b = 0;

	for (k = 0; k <= n; k++)
		if (k == n || (lines[k].flags & (LINE_BLANK | LINE_FURNITURE |
		                                 LINE_PAGEBREAK))) {
			mark_block(lines, b, k);
			b = k + 1;
		}
}
