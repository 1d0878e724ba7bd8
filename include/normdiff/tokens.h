/* tokens.h - words, numbers, punctuation and spaces as views into a text.
 *
 * A token is (offset, length, kind, fold hash) into a caller's buffer; one array
 * per text, no allocation per token. Words are runs of letters and marks
 * (accented Latin, Cyrillic, Greek, Arabic ...) with inner apostrophes and
 * hyphens ("people's", "capacity-building"); every CJK ideograph, kana or
 * hangul syllable is a token of its own; numbers are digit runs with inner
 * separators ("1.5", "10,000"); every other visible character is a
 * punctuation token; a run of spaces is one space token. Concatenating all
 * tokens gives the text back exactly.
 *
 * Ownership: nd_tokenize() returns a malloc'ed array the caller frees.
 */
#ifndef NORMDIFF_TOKENS_H
#define NORMDIFF_TOKENS_H

#include <stddef.h>
#include <stdint.h>

typedef enum nd_token_kind {
	ND_TOK_WORD,   /* letters, marks, inner ' and - */
	ND_TOK_NUMBER, /* digits with inner . , */
	ND_TOK_PUNCT,  /* one other visible character */
	ND_TOK_SPACE   /* a run of spaces */
} nd_token_kind;

typedef struct nd_token {
	size_t off;         /* offset in the text */
	uint64_t fold;      /* hash of the case-folded bytes of a word (ASCII,
	                       Latin-1, Greek, Cyrillic), of the bytes
	                       themselves (nd_hash) for any other token; two
	                       tokens are the same when their folds, lengths
	                       and bytes are */
	uint32_t len;       /* bytes */
	uint8_t kind;       /* nd_token_kind */
} nd_token;

/* Split s[0..len) into tokens. *out is NULL when len is 0. */
int nd_tokenize(nd_token **out, size_t *n, const char *s, size_t len);

/* The tokens nd_tokenize gives for s[0..len), made faster when s is a
 * revision of ref[0..rlen), whose tokens are rt[0..rn): those in the
 * bytes the two share at their start and their end are copied from rt.
 * With `same`, how many were copied at the start (same[0]) and at the
 * end (same[1]): tokens known equal, byte for byte, to ref's. */
int nd_tokenize_against(nd_token **out, size_t *n, const char *s, size_t len,
                        const char *ref, size_t rlen, const nd_token *rt,
                        size_t rn, size_t same[2]);

/* The one token starting at s[i] (i < len), into *t; returns the offset
 * just after it. Tokenizes as nd_tokenize does, without an array. */
size_t nd_token_at(const char *s, size_t len, size_t i, nd_token *t);

/* The fold hashes of the words and numbers of s[0..len), in order, into
 * out (room for len / 2 + 1); their number. The same as the `fold` of
 * those tokens of nd_tokenize, without the tokens: the word signatures'
 * one pass over a text. */
size_t nd_word_folds(const char *s, size_t len, uint64_t *out);

/* How many words and numbers nd_tokenize finds in s[0..len). */
size_t nd_word_count(const char *s, size_t len);

#endif
