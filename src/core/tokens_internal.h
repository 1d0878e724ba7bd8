/* tokens_internal.h - the tokenizer's general path, which decodes and
 * classifies every character: the reference its ASCII fast paths must
 * equal. Private to src/core; its tests compare the two.
 */
#ifndef NORMDIFF_TOKENS_INTERNAL_H
#define NORMDIFF_TOKENS_INTERNAL_H

#include <stddef.h>

#include "normdiff/tokens.h"

/* The token starting at s[i] (i < len), into *t, and the offset just after
 * it: what nd_token_at gives, found without its fast path. */
size_t tokens_decode_at(const char *s, size_t len, size_t i, nd_token *t);

#endif
