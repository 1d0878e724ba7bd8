/* regex.h - searching draft text with a regular expression (PCRE2 syntax).
 *
 * Used by the terminal UI's search. Patterns are compiled once with UTF
 * and Unicode properties; a pattern with no upper-case letter matches
 * without regard to case ("smart case", as less and vim do).
 *
 * Ownership: nd_regex_new() returns a pattern owned by the caller, freed
 * with nd_regex_free() (NULL-safe).
 */
#ifndef NORMDIFF_REGEX_H
#define NORMDIFF_REGEX_H

#include <stddef.h>

typedef struct nd_regex nd_regex;

/* Compile `pattern` (NUL-terminated UTF-8). ND_EINVAL with the offset and
 * PCRE2's reason for a malformed pattern. */
int nd_regex_new(nd_regex **out, const char *pattern);
void nd_regex_free(nd_regex *re);

/* Find the first match in s[0..len) at or after byte `from`. Returns 1 and
 * the match's bytes [*start, *end) if there is one, 0 if not (an empty
 * match counts: *start == *end). Invalid UTF-8 in s never matches past the
 * bad byte and is not an error. ND_ETOOBIG if matching gave up on PCRE2's
 * match, depth, stack or heap limit (a pattern that backtracks too much):
 * whether s matches is then unknown. */
int nd_regex_find(const nd_regex *re, const char *s, size_t len, size_t from,
                  size_t *start, size_t *end);

#endif
