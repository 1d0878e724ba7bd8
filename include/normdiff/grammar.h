/* grammar.h - the clause grammar: marker families, page furniture and the
 * shape of United Nations resolutions, as data.
 *
 * The grammar is a small line-based text format documented in
 * docs/grammar.md; the built-in default is nd_grammar_default_source().
 * A user's file may start with `include default` to extend the default
 * instead of replacing it.
 *
 * Ownership: nd_grammar_new()/nd_grammar_default() return a grammar that the
 * caller frees with nd_grammar_free() (NULL-safe). A grammar is read-only
 * once built and may be shared by any number of parses.
 */
#ifndef NORMDIFF_GRAMMAR_H
#define NORMDIFF_GRAMMAR_H

#include <stddef.h>

typedef struct nd_grammar nd_grammar;

/* Build a grammar from `text`. `origin` names the text in error messages
 * ("FILE:LINE: ..."). ND_EGRAMMAR for a malformed line or pattern. */
int nd_grammar_new(nd_grammar **out, const char *text, size_t len,
                   const char *origin);

/* The built-in grammar. */
int nd_grammar_default(nd_grammar **out);

/* The text of the built-in grammar (static storage). */
const char *nd_grammar_default_source(void);

void nd_grammar_free(nd_grammar *g);

#endif
