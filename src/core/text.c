/* text.c - decode, validate and normalise a draft's text.
 *
 * Official drafts mostly reach us as text extracted from PDFs: paragraphs
 * wrapped at the page width, words hyphenated at line ends, and running
 * headers, job numbers and page numbers between the pages. This file turns
 * such text, or a clean one-paragraph-per-line file, into the same
 * normalised form: one paragraph per line, single spaces.
 *
 * Passes, all linear in the input:
 *   1. validate: not empty, no NUL (binary), no UTF-16/32 BOM, UTF-8
 *      well-formed; skip a UTF-8 BOM.
 *   2. clean each source line: CRLF/CR/LF, U+2028 and form feeds end
 *      lines, U+2029 ends a paragraph (a blank line after it); tabs,
 *      NBSP and the other Unicode spaces become one space; soft hyphens and
 *      zero-width characters are dropped; rules and underlines are
 *      decoration (dropped, an underline noted); lines that match a
 *      furniture pattern are candidates, dropped only with evidence, and
 *      the wrap width is measured (lines.c).
 *   3. collect the words seen inside lines, for the hyphenation rule
 *      (when a line ends in a hyphen: nothing else consults them); the
 *      two pieces of a word broken at a line end ("in-" + "cites", or at a
 *      soft hyphen) are not words of their own and are not collected.
 *   4. join lines into paragraphs. A blank line ends a paragraph; so does a
 *      line starting with a marker after a line ending a clause (". ; :",
 *      "; and"), and a line after which the next word would have fitted
 *      (it was not wrapped). A bare heading marker takes the title line
 *      below it, across a blank line or a page break too (a Word redline
 *      writes neither). Across a page break (form feed or furniture) a paragraph
 *      goes on when the next line starts in lower case, or the text before
 *      it is long and ends without punctuation.
 *
 * Hyphenation: "secu-" + "rity" is rejoined as "security". A compound split
 * at its own hyphen ("capacity-" + "building") keeps it when the document
 * shows the hyphenated word elsewhere, or shows both halves as words of
 * their own, or the second half starts with a capital; the unhyphenated
 * word seen elsewhere wins otherwise; with no evidence the hyphen goes,
 * but after a prefix English always hyphenates ("self-", "non-", "quasi-";
 * "co-" before a word of the document) it stays: hyphen_prefix.
 */
#include "normdiff/text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "grammar_internal.h"
#include "lines_internal.h"
#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/utf8.h"


/* A set of word hashes (open addressing), for the hyphenation evidence. */
typedef struct wordset {
	uint64_t *slots; /* hashes, 0 = empty */
	size_t cap;      /* slots, a power of two */
	size_t n;        /* used slots */
} wordset;

static int wordset_add(wordset *w, uint64_t h);

static int wordset_grow(wordset *w)
{
	wordset bigger = {0};
	size_t i;

	bigger.cap = w->cap ? w->cap * 2 : 1024;
	bigger.slots = calloc(bigger.cap, sizeof(uint64_t));
	if (!bigger.slots)
		return nd_error_oom();
	for (i = 0; i < w->cap; i++)
		if (w->slots[i])
			wordset_add(&bigger, w->slots[i]);
	free(w->slots);
	*w = bigger;
	return 0;
}

static int wordset_add(wordset *w, uint64_t h)
{
	size_t i;

	h |= 1; /* never 0 */
	if ((w->n + 1) * 2 > w->cap && wordset_grow(w))
		return ND_ENOMEM;
	for (i = h & (w->cap - 1); w->slots[i]; i = (i + 1) & (w->cap - 1))
		if (w->slots[i] == h)
			return 0;
	w->slots[i] = h;
	w->n++;
	return 0;
}

static int wordset_has(const wordset *w, uint64_t h)
{
	size_t i;

	if (!w->cap)
		return 0;
	h |= 1;
	for (i = h & (w->cap - 1); w->slots[i]; i = (i + 1) & (w->cap - 1))
		if (w->slots[i] == h)
			return 1;
	return 0;
}

static int is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Hash of a word, ASCII case folded, skipping hyphens when `skip_hyphen`. */
static uint64_t word_hash(const char *a, size_t alen, const char *b,
                          size_t blen, int hyphen)
{
	uint64_t h = 14695981039346656037ULL;
	size_t i;

	for (i = 0; i < alen + blen + (hyphen ? 1 : 0); i++) {
		unsigned char c;

		if (i < alen)
			c = (unsigned char)a[i];
		else if (hyphen && i == alen)
			c = '-';
		else
			c = (unsigned char)b[i - alen - (hyphen ? 1 : 0)];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h ^= c;
		h *= 1099511628211ULL;
	}
	return h;
}

/* Add the words of one cleaned line: each run of letters, each hyphenated
 * compound as a whole. A last word ending in '-' is a fragment: skipped. */
static int collect_words(wordset *w, const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		size_t start, part;

		if (!is_letter((unsigned char)s[i])) {
			i++;
			continue;
		}
		start = part = i;
		for (;;) {
			while (i < len && is_letter((unsigned char)s[i]))
				i++;
			if (i == len || s[i] != '-')
				break;
			if (i + 1 == len)
				return 0; /* line-final fragment */
			if (!is_letter((unsigned char)s[i + 1]))
				break;
			if (wordset_add(w, word_hash(s + part, i - part, NULL, 0, 0)))
				return ND_ENOMEM;
			part = ++i;
		}
		if (wordset_add(w, word_hash(s + part, i - part, NULL, 0, 0)) ||
		    (part != start &&
		     wordset_add(w, word_hash(s + start, i - start, NULL, 0, 0))))
			return ND_ENOMEM;
	}
	return 0;
}

/* The bytes that may end a line: \n, \r, \f, and 0xE2, the first of
 * U+2028 and U+2029 (unicode_break tells). */
static const unsigned char line_stop[256] = {
	['\n'] = 1, ['\r'] = 1, ['\f'] = 1, [0xE2] = 1,
};

static uint32_t line_of_offset(const char *data, size_t off, size_t *col)
{
	uint32_t line = 1;
	size_t i, bol = 0;

	for (i = 0; i < off; i++)
		if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= off || data[i + 1] != '\n'))) {
			line++;
			bol = i + 1;
		}
	if (col)
		*col = nd_utf8_count(data + bol, off - bol) + 1;
	return line;
}

static int validate(const char *data, size_t len, size_t *skip)
{
	const unsigned char *u = (const unsigned char *)data;
	const char *nul;
	size_t bad, col;
	uint32_t line;

	*skip = 0;
	if (len == 0)
		return nd_error_set(ND_EEMPTY, "is empty; give a file holding the "
		                               "draft's text");
	if (len > ND_TEXT_MAX_INPUT)
		return nd_error_set(ND_ETOOBIG, "is %zu bytes, over the limit of %zu; "
		                    "split the draft into parts", len, ND_TEXT_MAX_INPUT);
	if ((len >= 4 && !memcmp(u, "\x00\x00\xFE\xFF", 4)) ||
	    (len >= 4 && !memcmp(u, "\xFF\xFE\x00\x00", 4)))
		return nd_error_set(ND_EUTF8, "is UTF-32 text; convert it to UTF-8 "
		                    "(iconv -f UTF-32 -t UTF-8)");
	if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) ||
	                 (u[0] == 0xFE && u[1] == 0xFF)))
		return nd_error_set(ND_EUTF8, "is UTF-16 text; convert it to UTF-8 "
		                    "(iconv -f UTF-16 -t UTF-8)");
	nul = memchr(data, '\0', len);
	if (nul) {
		line = line_of_offset(data, (size_t)(nul - data), NULL);
		return nd_error_set(ND_EBINARY, "looks binary (NUL byte at offset %zu, "
		                    "line %u); normdiff reads UTF-8 text: extract the "
		                    "text first (e.g. pdftotext)",
		                    (size_t)(nul - data), (unsigned)line);
	}
	if (len >= 3 && !memcmp(u, "\xEF\xBB\xBF", 3))
		*skip = 3;
	if (!nd_utf8_valid(data, len, &bad)) {
		/* lines and columns count characters a reader sees: not the BOM */
		line = line_of_offset(data + *skip, bad - *skip, &col);
		return nd_error_set(ND_EUTF8, "is not valid UTF-8: byte 0x%02X at "
		                    "offset %zu (line %u, column %zu); convert it to "
		                    "UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8)",
		                    u[bad], bad, (unsigned)line, col);
	}
	return 0;
}

/* U+2028 LINE SEPARATOR (1) or U+2029 PARAGRAPH SEPARATOR (2) at data[i],
 * else 0. */
static int unicode_break(const char *data, size_t len, size_t i)
{
	if (i + 2 >= len || (unsigned char)data[i] != 0xE2 ||
	    (unsigned char)data[i + 1] != 0x80)
		return 0;
	return (unsigned char)data[i + 2] == 0xA8   ? 1
	       : (unsigned char)data[i + 2] == 0xA9 ? 2
	                                            : 0;
}

/* Where the line from data[i] ends: at a byte of line_stop that is a
 * break, or at len. Eight bytes at a time while none of them may be one
 * (a line of a draft is mostly such bytes). */
static size_t line_end(const char *data, size_t len, size_t i)
{
	uint64_t x;
	size_t stop;

	for (;;) {
		for (; i + 8 <= len; i += 8) {
			x = nd_word_load(data + i);
			if (nd_word_has(x, '\n') || nd_word_has(x, '\r') ||
			    nd_word_has(x, '\f') || nd_word_has(x, 0xE2))
				break;
		}
		for (stop = i + 8 < len ? i + 8 : len; i < stop; i++)
			if (line_stop[(unsigned char)data[i]] &&
			    ((unsigned char)data[i] != 0xE2 || unicode_break(data, len, i)))
				return i;
		if (i >= len)
			return len;
	}
}

/* A cleaned line c, the last in scratch: a furniture candidate, a rule
 * (decoration, dropped) or text with a rule at its end noted and cut. */
static void classify_line(nd_buf *scratch, cline *c, const nd_grammar *g,
                          nd_matcher *md)
{
	const char *s = scratch->ptr + c->off;

	if (c->flags & LINE_BLANK)
		return;
	/* furniture lines are short; skip the test on long ones. A match is
	 * a candidate, judged with the whole document. */
	md->at = c->line;
	if (c->len <= 200 && nd_grammar_is_furniture(g, md, s, c->len)) {
		c->flags |= LINE_CANDIDATE;
	} else if (lines_is_decoration(s, c->len)) {
		c->flags |= LINE_BLANK | LINE_DECORATION | lines_rule_kind(s, c->len);
		scratch->len = c->off;
		c->len = 0;
		c->width = 0;
	} else {
		size_t len = c->len;

		c->flags |= lines_trailing_rule(s, &c->len);
		c->width -= (uint32_t)(len - c->len); /* the rule is ASCII */
		scratch->len = c->off + c->len;
		scratch->ptr[scratch->len] = '\0';
	}
}

/* Pass 2: split into cleaned lines. U+2028 ends a line and U+2029 a
 * paragraph (a blank line follows it), neither counting as a source line,
 * as a form feed does not.
 *
 * scratch may be data's own bytes (nd_text_new_in): a cleaned line is
 * never longer than its source and one byte stands for the line end
 * before it (at least one byte in the source), so each line is written
 * at or before where its source starts (lines_clean moves it forward,
 * and the output never overtakes the input). Only the byte before the
 * next line, or its terminating NUL, may land on the byte that ended
 * the line, so that byte is read, and the source line count taken,
 * before any line is written. The byte before each line is the room
 * assemble() needs to join lines in place. */
static int split_lines(nd_buf *scratch, cline **lines, size_t *n, size_t *cap,
                       const char *data, size_t len, size_t i,
                       const nd_grammar *g, nd_matcher *md,
                       uint32_t *nsource)
{
	uint32_t line = 1;
	unsigned pending = 0;
	int err, brk;
	/* a final line terminator ends the last line, it does not start one */
	int final_end = len > 0 && (data[len - 1] == '\n' || data[len - 1] == '\r');
	char end;

	while (i < len) {
		size_t text, plain;
		cline c;

		/* spaces and tabs end no line, and cleaning drops them at its
		 * start: the indentation is skipped before the line's end is
		 * known, and so is the plain start of the line's text, which
		 * holds none */
		for (c.indent = 0; i < len && (data[i] == ' ' || data[i] == '\t');
		     i++)
			c.indent++;
		text = i;
		plain = lines_plain_prefix(data + text, len - text);
		i = line_end(data, len, text + plain);
		brk = i < len ? unicode_break(data, len, i) : 0;
		end = i < len ? data[i] : '\0';
		if (scratch->len) /* room for the separator assemble() writes */
			scratch->ptr[scratch->len++] = '\n';
		c.off = scratch->len;
		c.line = line;
		c.flags = pending;
		pending = 0;
		if ((err = lines_clean(scratch, data + text, i - text, plain,
		                       &c.flags, &c.width)) != 0)
			return err;
		c.len = scratch->len - c.off;
		classify_line(scratch, &c, g, md);
		if (*n == *cap &&
		    nd_vec_reserve((void **)lines, cap, *n + 1, sizeof(cline)))
			return nd_error_oom();
		(*lines)[(*n)++] = c;
		if (brk) {
			if (brk == 2) { /* a blank line */
				if (*n == *cap &&
				    nd_vec_reserve((void **)lines, cap, *n + 1, sizeof(cline)))
					return nd_error_oom();
				(*lines)[(*n)++] = (cline){.off = scratch->len, .len = 0,
				                           .line = line, .flags = LINE_BLANK};
			}
			i += 3;
		} else if (i < len) {
			if (end == '\f') {
				pending = LINE_PAGEBREAK;
			} else {
				if (end == '\r' && i + 1 < len && data[i + 1] == '\n')
					i++;
				line++;
			}
			i++;
		}
	}
	*nsource = final_end && line > 1 ? line - 1 : line;
	return 0;
}

/* Pass 3: collect the words of every line, leaving out the pieces of words
 * broken at a line end: the last word of a line ending in "-" (skipped by
 * collect_words) or in a soft hyphen, and the first word of the line that
 * continues it (the next text line, unless a blank line without a page
 * break separates them, as in assemble()). */
static int collect_all(wordset *w, const char *scratch, const cline *lines,
                       size_t n)
{
	unsigned gap = 0;
	int broken = 0; /* the last text line ended inside a word */
	size_t k;
	int err;

	for (k = 0; k < n; k++) {
		const char *s = scratch + lines[k].off;
		size_t b = 0, e = lines[k].len;

		if (lines[k].flags & LINE_PAGEBREAK)
			gap |= LINE_PAGEBREAK;
		if (lines[k].flags & (LINE_BLANK | LINE_FURNITURE)) {
			gap |= lines[k].flags & LINE_FURNITURE ? LINE_PAGEBREAK : LINE_BLANK;
			continue;
		}
		if (broken && (!gap || (gap & LINE_PAGEBREAK)))
			while (b < e && is_letter((unsigned char)s[b]))
				b++;
		broken = (lines[k].flags & LINE_SOFTHYPHEN) ||
		         (e >= 2 && s[e - 1] == '-' && is_letter((unsigned char)s[e - 2]));
		if (lines[k].flags & LINE_SOFTHYPHEN)
			while (e > b && is_letter((unsigned char)s[e - 1]))
				e--;
		if ((err = collect_words(w, s + b, e - b)) != 0)
			return err;
		gap = 0;
	}
	return 0;
}

/* Does any text line end in '-'? Only then can assemble() meet a word
 * broken at a hyphen and consult the words of the document: a text
 * without one skips collecting them. */
static int any_line_hyphen(const char *scratch, const cline *lines, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if (lines[k].len && !(lines[k].flags & LINE_BLANK) &&
		    scratch[lines[k].off + lines[k].len - 1] == '-')
			return 1;
	return 0;
}

static size_t count_words(const char *s, size_t len, size_t limit)
{
	size_t i, words = 0;
	int in = 0;

	for (i = 0; i < len && words <= limit; i++) {
		if (s[i] == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			words++;
		}
	}
	return words;
}

/* Should the paragraph in out[pstart..] continue across a page break with
 * the line `s`? */
static int continues_across_page(const nd_buf *out, size_t pstart,
                                 const char *s, size_t len,
                                 const nd_grammar *g)
{
	unsigned char last = (unsigned char)out->ptr[out->len - 1];

	if (len && s[0] >= 'a' && s[0] <= 'z')
		return 1;
	if (last == '-')
		return 1;
	if (strchr(".;:,!?", last))
		return 0;
	return count_words(out->ptr + pstart, out->len - pstart,
	                   g->heading_max_words) > g->heading_max_words;
}

/* Prefixes English always hyphenates ("self-defence", "non-State",
 * "quasi-judicial"): a line break after one of them keeps its hyphen
 * unless the document shows the word joined. "co-" does only when the
 * rest is a word of the document ("co-" + "sponsor"), since "co-" +
 * "herent" is a typesetter's break. Not "ex-", "anti-", "cross-",
 * "post-": words such as "exchange", "anticipate", "crossroads" and
 * "postpone" are broken there by typesetting and closed compounds with
 * them are common. */
static int hyphen_prefix(const char *w, size_t n, int rest_is_word)
{
	static const char *const always[] = {"self", "non", "quasi"};
	size_t k;

	for (k = 0; k < sizeof(always) / sizeof(always[0]); k++)
		if (strlen(always[k]) == n && !strncasecmp(w, always[k], n))
			return 1;
	return rest_is_word && n == 2 && !strncasecmp(w, "co", 2);
}

/* Joining out[...-] with `s`: 1 to drop the hyphen, 0 to keep it. */
static int drop_hyphen(const nd_buf *out, const char *s, size_t len,
                       const wordset *words)
{
	size_t end = out->len - 1, start = end, rlen = 0;

	while (start > 0 && is_letter((unsigned char)out->ptr[start - 1]))
		start--;
	while (rlen < len && is_letter((unsigned char)s[rlen]))
		rlen++;
	if (s[0] >= 'A' && s[0] <= 'Z')
		return 0;
	if (wordset_has(words, word_hash(out->ptr + start, end - start, s, rlen, 1)))
		return 0;
	if (wordset_has(words, word_hash(out->ptr + start, end - start, s, rlen, 0)))
		return 1;
	if (wordset_has(words, word_hash(out->ptr + start, end - start, NULL, 0, 0)) &&
	    wordset_has(words, word_hash(s, rlen, NULL, 0, 0)))
		return 0;
	if ((start == 0 || !is_letter((unsigned char)out->ptr[start - 1])) &&
	    hyphen_prefix(out->ptr + start, end - start,
	                  wordset_has(words, word_hash(s, rlen, NULL, 0, 0))))
		return 0;
	return 1;
}

static int ends_hyphenated(const nd_buf *out)
{
	return out->len >= 2 && out->ptr[out->len - 1] == '-' &&
	       is_letter((unsigned char)out->ptr[out->len - 2]);
}

typedef struct assembler {
	nd_text *t;          /* text being built */
	nd_buf out;          /* normalised text */
	size_t paracap;      /* allocated paragraphs */
	size_t markcap;      /* allocated marks */
	int open;            /* a paragraph is open */
	size_t pstart;       /* its start offset */
	uint32_t pline;      /* its first source line */
	uint32_t plast;      /* its last source line */
	size_t wrap;         /* the text's wrap width in characters, or
	                        LINES_NOT_WRAPPED, or 0 for no evidence */
	unsigned pflags;     /* ND_PARA_* of the open paragraph */
	int titling;         /* it may be the title of the bare heading
	                        before it (may_title), judged at its close */
} assembler;

/* Does the paragraph so far end a clause, so that a marker at the start of
 * the next line opens an item: ". ; :" or a list's "; and", ", or", "; or,".
 * A plain comma does not: "the annex," + "(b) and (c) above" is one
 * sentence. */
static int ends_clause(const nd_buf *out)
{
	const char *s = out->ptr;
	size_t n = out->len;

	if (n && strchr(".;:", s[n - 1]))
		return 1;
	if (n && s[n - 1] == ',') /* "; or," but not a plain comma */
		n--;
	if (n >= 5 && !memcmp(s + n - 4, " and", 4) && strchr(";,", s[n - 5]))
		return 1;
	if (n >= 4 && !memcmp(s + n - 3, " or", 3) && strchr(";,", s[n - 4]))
		return 1;
	return 0;
}

/* A "*" or "•" bullet after a comma starts an item ("..., " / "* secondly,
 * ..."): unlike "(b)" or a dash, these never start a wrapped line of
 * prose. */
static int starts_bullet(const nd_buf *out, const char *s, size_t len)
{
	return out->len && out->ptr[out->len - 1] == ',' &&
	       ((len >= 2 && s[0] == '*' && s[1] == ' ') ||
	        (len >= 4 && !memcmp(s, "\xE2\x80\xA2 ", 4)));
}

/* Does s[0..len) hold a letter or a digit (any character past ASCII
 * counts as a letter, as in is_letter)? */
static int has_alnum(const char *s, size_t len)
{
	size_t k;

	for (k = 0; k < len; k++)
		if (is_letter((unsigned char)s[k]) || (s[k] >= '0' && s[k] <= '9'))
			return 1;
	return 0;
}

/* Can s open a title: a letter or digit (any character past ASCII
 * counts as a letter, as in is_letter), or an opening bracket or quote?
 * Not a dash or another mark: "--" above "Rules of the Association" is
 * no title on its own line, and so "-- Rules of the Association", the
 * one paragraph they make (and a Word redline writes), is none either. */
static int opens_title(const char *s, size_t len)
{
	return len && (is_letter((unsigned char)s[0]) ||
	               (s[0] >= '0' && s[0] <= '9') || strchr("([\"'", s[0]));
}

/* May the paragraph that `s` opens be the title of the bare heading
 * marker open as the paragraph ("ARTICLE 5" above "DEFINITIONS", even
 * across a blank line or a page break)? When it opens with a letter, a
 * digit, a bracket or a quote and is no marker itself; whether it is
 * one is known when it ends (is_title). */
static int may_title(const assembler *a, const char *s, size_t len,
                     const nd_grammar *g, nd_matcher *md)
{
	if (!opens_title(s, len))
		return 0;
	if (a->out.len - a->pstart > 64 || /* markers are short: a cheap test first */
	    !nd_grammar_bare_heading(g, md, a->out.ptr + a->pstart,
	                             a->out.len - a->pstart))
		return 0;
	return !nd_grammar_any_marker(g, md, s, len);
}

/* Is the paragraph open, which may_title let in, the heading's title: a
 * short paragraph without closing punctuation that holds a letter or a
 * digit (a line of "=" or "-" alone is no title)? Judged on the whole
 * paragraph, not its first line, so that where its lines were broken
 * does not matter: a Word file holds the paragraph as one line. */
static int is_title(const assembler *a, const nd_grammar *g)
{
	const char *s = a->out.ptr + a->pstart;
	size_t len = a->out.len - a->pstart;

	return len && has_alnum(s, len) && !strchr(".,;:!?", s[len - 1]) &&
	       count_words(s, len, g->heading_max_words) <= g->heading_max_words;
}

/* Was the text line `prev` not wrapped: would the first word of the next
 * line `s` have fitted after it? Then it ended its paragraph (or was a
 * heading above its body), unless the next line visibly goes on with the
 * sentence (a lower-case start after no closing punctuation), `prev`
 * ends in a hyphen, or both are lines of one quoted block. In a text that
 * is not hard-wrapped (one paragraph per line) every line is short. */
static int ended_short(const assembler *a, const cline *prev,
                       const char *p, const char *s, size_t len)
{
	size_t word = 0;
	unsigned char last;

	if (!a->wrap || !prev->len || !len)
		return 0; /* no evidence of a width, or nothing to judge */
	last = (unsigned char)p[prev->len - 1];
	while (word < len && s[word] != ' ')
		word++;
	/* in a text of one paragraph per line every line was short, but
	 * those of a block wrapped by hand */
	if (a->wrap == LINES_NOT_WRAPPED && (prev->flags & LINE_RUNS_ON))
		return 0;
	if (a->wrap != LINES_NOT_WRAPPED &&
	    lines_shown_width(prev) + 1 + lines_width(s, word) > a->wrap)
		return 0;
	/* a block of lines behind one quoting mark ("%% ...", "> ...") */
	if (strchr("%>#|", s[0]) && p[0] == s[0])
		return 0;
	if (last == '-' || (prev->flags & LINE_SOFTHYPHEN))
		return 0;
	if (s[0] >= 'a' && s[0] <= 'z' && !strchr(".;:!?", last))
		return 0;
	return 1;
}

/* The paragraph flag of a line's underline (LINE_UNDER1/2), 0 if none. */
static unsigned underline(unsigned flags)
{
	return flags & LINE_UNDER1 ? ND_PARA_UNDER1 :
	       flags & LINE_UNDER2 ? ND_PARA_UNDER2 : 0;
}

/* Close the open paragraph; the title of a bare heading joins it. */
static int close_para(assembler *a, const nd_grammar *g)
{
	nd_para *p;

	if (!a->open)
		return 0;
	if (a->titling && is_title(a, g)) {
		p = &a->t->paras[a->t->npara - 1];
		a->out.ptr[a->pstart - 1] = ' '; /* the '\n' between them */
		p->len = a->out.len - p->off;
		p->last_line = a->plast;
		p->flags |= a->pflags & (ND_PARA_UNDER1 | ND_PARA_UNDER2);
		a->open = a->titling = 0;
		return 0;
	}
	a->titling = 0;
	if (a->t->npara == a->paracap &&
	    nd_vec_reserve((void **)&a->t->paras, &a->paracap, a->t->npara + 1,
	                   sizeof(nd_para)))
		return nd_error_oom();
	p = &a->t->paras[a->t->npara++];
	p->off = a->pstart;
	p->len = a->out.len - a->pstart;
	p->line = a->pline;
	p->last_line = a->plast;
	p->flags = a->pflags;
	a->open = 0;
	return 0;
}

static int add_mark(assembler *a, uint32_t line, size_t off)
{
	if (a->t->nmarks == a->markcap &&
	    nd_vec_reserve((void **)&a->t->marks, &a->markcap, a->t->nmarks + 1,
	                   sizeof(nd_linemark)))
		return nd_error_oom();
	a->t->marks[a->t->nmarks].off = off;
	a->t->marks[a->t->nmarks++].line = line;
	return 0;
}

/* Append line s[0..len) to the text, after `sep` unless it is 0. The text
 * is assembled over the lines themselves: what is written never passes
 * the line being read (split_lines leaves a byte before each line for
 * its separator), so the line moves first, then its separator goes in
 * front, and no NUL lands on a byte not yet read. */
static void put_line(assembler *a, char sep, const char *s, size_t len)
{
	memmove(a->out.ptr + a->out.len + (sep != 0), s, len);
	if (sep)
		a->out.ptr[a->out.len++] = sep;
	a->out.len += len;
	a->out.ptr[a->out.len] = '\0';
}

/* Pass 4: paragraphs, assembled in scratch itself (a->out). */
static int assemble(assembler *a, const char *scratch, const cline *lines,
                    size_t n, const wordset *words, const nd_grammar *g,
                    nd_matcher *md)
{
	unsigned gap = 0; /* LINE_BLANK / LINE_PAGEBREAK seen since last text */
	const cline *prev = NULL; /* the last text line */
	size_t k, prev_at = 0; /* where it is in the text now */
	int err;

	for (k = 0; k < n; k++) {
		const cline *c = &lines[k];
		const char *s = scratch + c->off;
		int fresh;
		char sep;

		if (c->flags & LINE_PAGEBREAK)
			gap |= LINE_PAGEBREAK;
		if (c->flags & LINE_FURNITURE) {
			gap |= LINE_PAGEBREAK;
			continue;
		}
		if (c->flags & LINE_BLANK) {
			/* an underline right below the open paragraph's text */
			if ((c->flags & LINE_DECORATION) && a->open && !gap)
				a->pflags |= underline(c->flags);
			gap |= LINE_BLANK;
			continue;
		}
		fresh = !a->open;
		md->at = c->line;
		if (a->open && (gap & LINE_PAGEBREAK))
			fresh = !continues_across_page(&a->out, a->pstart, s, c->len, g);
		else if (a->open && gap)
			fresh = 1;
		else if (a->open && (ends_clause(&a->out) || starts_bullet(&a->out, s, c->len)) &&
		         nd_grammar_any_marker(g, md, s, c->len))
			fresh = 1;
		else if (a->open && prev &&
		         ended_short(a, prev, a->out.ptr + prev_at, s, c->len))
			fresh = 1;
		sep = 0;
		if (fresh) {
			int titling = a->open && may_title(a, s, c->len, g, md);

			if ((err = close_para(a, g)) != 0)
				return err;
			a->titling = titling;
			sep = a->out.len ? '\n' : 0;
			a->open = 1;
			a->pflags = gap || !prev ? ND_PARA_GAP : 0;
			a->pstart = a->out.len + (sep != 0);
			a->pline = c->line;
		} else if (prev->flags & LINE_SOFTHYPHEN) {
			/* "infor\u00AD" + "mation": join as is */
		} else if (ends_hyphenated(&a->out) && is_letter((unsigned char)s[0])) {
			if (drop_hyphen(&a->out, s, c->len, words))
				a->out.ptr[--a->out.len] = '\0';
		} else {
			sep = ' ';
		}
		prev_at = a->out.len + (sep != 0);
		if ((err = add_mark(a, c->line, prev_at)) != 0)
			return err;
		put_line(a, sep, s, c->len);
		a->plast = c->line;
		a->pflags |= underline(c->flags);
		prev = c;
		gap = 0;
	}
	return close_para(a, g);
}

/* nd_text_new, or with `own` (data itself, taken) nd_text_new_in. */
static int text_new(nd_text **out, const char *data, size_t len,
                    const nd_grammar *g, char *own)
{
	nd_buf scratch = ND_BUF_INIT;
	cline *lines = NULL;
	size_t nlines = 0, linecap = 0, skip;
	wordset words = {0};
	nd_matcher matcher = {0}, *md = &matcher;
	assembler a = {0};
	int err;

	*out = NULL;
	if ((err = validate(data, len, &skip)) != 0) {
		free(own);
		return err;
	}
	if ((a.t = calloc(1, sizeof(nd_text))) == NULL) {
		err = nd_error_oom();
		goto done;
	}
	if ((err = nd_matcher_init(md, g)) != 0)
		goto done;
	if (own) /* room for every line and the NUL after: never grown */
		scratch = (nd_buf){own, 0, len + 1};
	else if ((err = nd_buf_grow(&scratch, len)) != 0)
		goto done;
	if ((err = split_lines(&scratch, &lines, &nlines, &linecap, data, len,
	                       skip, g, md, &a.t->source_lines)) != 0)
		goto done;
	if ((err = lines_judge_furniture(scratch.ptr, lines, nlines)) != 0)
		goto done;
	a.wrap = lines_wrap_width(lines, nlines);
	if (a.wrap == LINES_NOT_WRAPPED)
		lines_hand_wrapped(lines, nlines);
	if (any_line_hyphen(scratch.ptr, lines, nlines) &&
	    (err = collect_all(&words, scratch.ptr, lines, nlines)) != 0)
		goto done;
	/* the paragraphs are assembled over the lines, in scratch itself,
	 * which becomes the text's buffer */
	a.out = (nd_buf){scratch.ptr, 0, scratch.cap};
	if ((err = assemble(&a, scratch.ptr, lines, nlines, &words, g, md)) != 0)
		goto done;
	if (a.t->npara == 0) {
		err = nd_error_set(ND_EEMPTY, "holds no text (only whitespace or page "
		                   "furniture); give a file holding the draft's text");
		goto done;
	}
	if ((err = nd_text_note_limits(a.t, md)) != 0)
		goto done;
	a.t->len = a.out.len;
	a.t->buf = scratch.ptr;
	nd_buf_init(&scratch);
done:
	nd_buf_dispose(&scratch); /* data itself when own, taken: freed */
	free(lines);
	free(words.slots);
	nd_matcher_dispose(md);
	if (err)
		nd_text_free(a.t);
	else
		*out = a.t;
	return err;
}

int nd_text_new(nd_text **out, const char *data, size_t len,
                const nd_grammar *g)
{
	return text_new(out, data, len, g, NULL);
}

int nd_text_new_in(nd_text **out, char *data, size_t len, const nd_grammar *g)
{
	return text_new(out, data, len, g, data);
}

int nd_text_note_limits(nd_text *t, const nd_matcher *m)
{
	if (!m->limited)
		return 0;
	if (!t->limit_hits) {
		t->limit_line = m->line;
		if (m->rule && (t->limit_rule = nd_strdup(m->rule)) == NULL)
			return nd_error_oom();
	}
	t->limit_hits += m->limited;
	return 0;
}

void nd_text_free(nd_text *t)
{
	if (!t)
		return;
	free(t->buf);
	free(t->paras);
	free(t->marks);
	free(t->limit_rule);
	free(t);
}

uint32_t nd_text_line(const nd_text *t, size_t off)
{
	size_t lo = 0, hi = t->nmarks;

	if (!t->nmarks)
		return 1;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->marks[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return t->marks[lo].line;
}
