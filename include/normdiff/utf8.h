/* utf8.h - UTF-8 decoding, validation and terminal-safe escaping.
 *
 * Pure functions over caller-owned bytes; nothing here allocates except
 * the escaping functions, which append to a caller-owned nd_buf.
 */
#ifndef NORMDIFF_UTF8_H
#define NORMDIFF_UTF8_H

#include <stddef.h>
#include <stdint.h>

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
 * controls, DEL, and the bidirectional marks, overrides and isolates that
 * can make text display in an order other than the one it has (U+061C,
 * U+200E, U+200F, U+202A-U+202E, U+2066-U+2069). */
int nd_utf8_is_unsafe(uint32_t cp);

/* Append s[0..len) to out with every unsafe character written visibly:
 * C0 controls and DEL in caret notation (^[, ^?), others as <U+XXXX>.
 * Invalid bytes are written as <0xNN>. Newlines are kept when
 * `keep_newlines` is non-zero. */
int nd_utf8_escape(nd_buf *out, const char *s, size_t len, int keep_newlines);

/* Number of code points in s[0..len) (invalid bytes count one each). */
size_t nd_utf8_count(const char *s, size_t len);

#endif
