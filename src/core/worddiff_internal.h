/* worddiff_internal.h - what the word diff's tests reach inside it. */
#ifndef ND_WORDDIFF_INTERNAL_H
#define ND_WORDDIFF_INTERNAL_H

#include <stddef.h>

#include "normdiff/worddiff.h"

/* nd_word_diff with every token of both texts made, none left out at the
 * shared ends: the reference the cut is held to. */
int word_diff_whole(nd_wdiff *d, const char *a, size_t alen, const char *b,
                    size_t blen, size_t max_cost);

#endif
