/* fuzz_model.h - oracles over the core's structures (model.c). Each
 * aborts through fuzz_fail() when a promise of the public headers does
 * not hold.
 */
#ifndef NORMDIFF_FUZZ_MODEL_H
#define NORMDIFF_FUZZ_MODEL_H

#include <stddef.h>

#include "normdiff/changeset.h"
#include "normdiff/clause.h"
#include "normdiff/import.h"
#include "normdiff/worddiff.h"
#include "fuzz.h"

/* The built-in grammar, built once and kept for the process. */
const nd_grammar *fuzz_default_grammar(void);

/* Parse one part, or two parts (an empty part is the empty document, as for a file
 * git adds or deletes) with the built-in grammar into *a and *b. 0 when
 * both parsed, else -1 with nothing to free (failures are checked with
 * fuzz_check_error). */
int fuzz_one_doc(const char *s, size_t n, nd_doc **d);
int fuzz_two_docs(const char *a, size_t alen, const char *b, size_t blen,
                  nd_doc **da, nd_doc **db);

/* After a call that failed: a message was recorded and it is one line
 * (what it quotes of the input may be raw: the CLI escapes what it
 * prints). Clears it. */
void fuzz_check_error(const char *what);

/* The text and the clause tree keep their documented invariants: views
 * inside the buffer, paragraphs in order without newlines or other white
 * space than spaces, parents before children, subtrees (end) and depths
 * consistent, labels in the label buffer, body hashes right. */
void fuzz_check_doc(const nd_doc *d);

/* The EQUAL and DELETE ops rebuild a[0..alen) and the EQUAL and INSERT
 * ops b[0..blen) byte for byte; no op is empty; between two equal pieces
 * at most one deletion and then one insertion. */
void fuzz_check_wdiff(const nd_wdiff *w, const char *a, size_t alen,
                      const char *b, size_t blen);

/* Every provision of both documents is in exactly one record; each
 * record's kind fits its provisions; its word edits rebuild the bodies of
 * its provisions (joined by a space) on both sides; the summary counts the
 * records. */
void fuzz_check_changeset(const nd_changeset *cs, const nd_align_opts *o);

/* Up to `max` NUL-terminated lines of s[0..n) into lines[] (one
 * allocation, *store, for the caller to free); NULL for missing ones:
 * version metadata taken from an input. */
void fuzz_info_lines(const char *s, size_t n, char *lines[], size_t max,
                     char **store);

/* The oracle of a report in `format` ("text", "markdown", "json", "html"):
 * safe to print, and Markdown, JSON or HTML as fuzz_check_* say (HTML
 * against ref). NULL when it holds. */
const char *fuzz_check_output(const char *format, const char *s, size_t len,
                              const fuzz_html_ref *ref);

/* nd_import_props of data read as f keeps import.h's promises: no error
 * but ND_ENOMEM; a title is one trimmed line of UTF-8 without C0
 * controls or DEL, single-spaced, at most ND_IMPORT_TITLE_MAX bytes, and
 * the store takes it; a date is one the store takes; each found says
 * where it was, and one not found says nothing. */
void fuzz_check_props(const char *what, const char *data, size_t len,
                      nd_format f);

#endif
