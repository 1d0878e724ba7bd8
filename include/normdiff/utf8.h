/* utf8.h - UTF-8 decoding, validation and terminal-safe escaping.
 *
 * Pure functions over caller-owned bytes; nothing here allocates except
 * the escaping functions, which append to a caller-owned nd_buf.
 */
#ifndef NORMDIFF_UTF8_H
#define NORMDIFF_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "normdiff/buf.h"

/* Decode one code point from s[0..len). Returns the number of bytes used
 * (1-4) and stores the code point in *cp, or returns 0 if the bytes there
 * are not well-formed UTF-8 (overlong forms, surrogates and values above
 * U+10FFFF are ill-formed). */
size_t nd_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Encode `cp` into out (at least 4 bytes); returns the byte count. */
size_t nd_utf8_encode(uint32_t cp, char *out);

/* Return 1 if s[0..len) is well-formed UTF-8; otherwise 0 and the offset
 * of the first byte that is not, in *bad. */
int nd_utf8_valid(const char *s, size_t len, size_t *bad);

/* Characters that must never reach a terminal or a report raw: C0 and C1
 * controls, DEL, the line and paragraph separators (U+2028, U+2029: a line
 * break to some readers, none to others), and the bidirectional marks,
 * overrides and isolates that can make text display in an order other
 * than the one it has (U+061C, U+200E, U+200F, U+202A-U+202E,
 * U+2066-U+2069). */
int nd_utf8_is_unsafe(uint32_t cp);

/* The one notation every output uses to show what it must not pass on:
 * C0 controls and DEL in caret notation ("^[", "^?"), other unsafe
 * characters as "<U+202E>", and a byte that is not part of well-formed
 * UTF-8 as "<0xFF>". No two characters or bytes share a form, but a form
 * is plain ASCII, so text that holds the two characters "^[" reads like
 * an escaped ESC (the HTML report and the UI set forms apart by style);
 * and because a form is safe ASCII, escaping escaped text changes nothing.
 * ND_UTF8_VISIBLE_MAX is the room one form needs, with its terminator. */
#define ND_UTF8_VISIBLE_MAX 12

/* Write the form of unsafe character cp into out, NUL-terminated; returns
 * its length. */
size_t nd_utf8_visible(char out[ND_UTF8_VISIBLE_MAX], uint32_t cp);

/* The same for byte b of ill-formed UTF-8. */
size_t nd_utf8_visible_byte(char out[ND_UTF8_VISIBLE_MAX], unsigned char b);

/* Append s[0..len) to out with every unsafe character and every byte of
 * ill-formed UTF-8 in its visible form (above). Newlines are kept when
 * `keep_newlines` is non-zero. */
int nd_utf8_escape(nd_buf *out, const char *s, size_t len, int keep_newlines);

/* The length of the longest prefix of s[0..len) that nd_utf8_escape
 * copies as it is: well-formed UTF-8 with no unsafe character (but
 * newlines when `keep_newlines`). */
size_t nd_utf8_safe_prefix(const char *s, size_t len, int keep_newlines);

/* Eight bytes at a time: most text is ASCII with no character an escaper
 * must touch, so each escaper skips such words whole and looks at single
 * bytes only near something to escape. Every test below is exact as a
 * yes or no for the word (which byte it was is found byte by byte). */
#define ND_WORD_ONES 0x0101010101010101ULL
#define ND_WORD_HIGHS 0x8080808080808080ULL

static inline uint64_t nd_word_load(const char *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof(w)); /* an unaligned load, without aliasing */
	return w;
}

/* Non-zero when a byte of w is outside printable ASCII 0x20-0x7E. */
static inline uint64_t nd_word_unprintable(uint64_t w)
{
	/* below 0x20: the subtraction borrows into the high bit; 0x7F: the
	 * addition carries into it (no byte is 0x80 or above by then, so no
	 * carry crosses into the next byte) */
	if (w & ND_WORD_HIGHS)
		return 1;
	return (((w - ND_WORD_ONES * 0x20) & ~w) | (w + ND_WORD_ONES)) &
	       ND_WORD_HIGHS;
}

/* Non-zero when a byte of w is c. */
static inline uint64_t nd_word_has(uint64_t w, unsigned char c)
{
	uint64_t x = w ^ (ND_WORD_ONES * c);

	return (x - ND_WORD_ONES) & ~x & ND_WORD_HIGHS;
}

/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t nd_utf8_count(const char *s, size_t len);

/* Terminal columns of code point cp: 0 for combining marks and zero-width
 * characters, 2 for East Asian wide and fullwidth ones, 1 otherwise. */
unsigned nd_utf8_cp_width(uint32_t cp);

#endif
