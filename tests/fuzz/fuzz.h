/* fuzz.h - what the fuzz targets share: the libFuzzer entry point, the
 * splitting of one input into several, and the oracles that judge
 * renderers' output.
 *
 * Every target is one file defining LLVMFuzzerTestOneInput. Built with
 * clang and -fsanitize=fuzzer it is a libFuzzer executable; with any
 * compiler it is also linked with replay.c, which runs it over every file
 * of its seed corpus as an ordinary test. A target that finds its oracle
 * broken calls fuzz_fail(), which prints what was wrong and aborts, so
 * libFuzzer saves the input as a crash and a replay test fails.
 *
 * The oracles are written without the project's own helpers (their own
 * UTF-8 decoder, their own JSON grammar), so a bug in those helpers
 * cannot hide itself. Each returns NULL when the output is good and a
 * static sentence saying what is wrong otherwise.
 */
#ifndef NORMDIFF_FUZZ_H
#define NORMDIFF_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Separates the parts of a target's input: the first occurrence splits,
 * so later parts may hold it. A line of its own in the seed files. */
#define FUZZ_SEP "\n---8<---\n"

/* One part of an input (a view into it). */
typedef struct fuzz_part {
	const char *p; /* its bytes */
	size_t n;      /* their count */
} fuzz_part;

/* Split data[0..size) at the first FUZZ_SEP into parts[0] and parts[1],
 * then parts[1] at its first FUZZ_SEP into parts[1] and parts[2], and so
 * on for `nparts` parts. Missing parts are empty. */
void fuzz_split(const uint8_t *data, size_t size, fuzz_part *parts,
                size_t nparts);

/* Print "fuzz oracle: WHAT: WHY" and the first bytes of the output to
 * standard error, then abort. */
void fuzz_fail(const char *what, const char *why, const char *out,
               size_t len);

/* Output for people and scripts: well-formed UTF-8 without C0 controls
 * (other than '\n', and '\t' when allow_tab), DEL, C1 controls or bidi
 * marks, overrides and isolates. */
const char *fuzz_check_safe(const char *s, size_t len, int allow_tab);

/* Safe as above, and Markdown reads no draft text as HTML: every '<' is
 * backslash-escaped or opens one of the renderers' <del>, <b>, <ins>,
 * <mark>, <sup> (or their closing tags), and every '&' is escaped. */
const char *fuzz_check_markdown(const char *s, size_t len);
/* ... and a history's, whose blame also marks runs with <mark>, <sup>. */
const char *fuzz_check_markdown_history(const char *s, size_t len);

/* s[0..len) is exactly one JSON value (RFC 8259) and white space, with
 * no duplicate keys in an object. */
const char *fuzz_check_json(const char *s, size_t len);

/* The fixed parts of an HTML page the renderer writes whatever it
 * reports: the contents of its <style> and <script> elements. */
typedef struct fuzz_html_ref {
	const char *style;  /* bytes between <style> and </style> */
	size_t style_len;
	const char *script; /* bytes between <script> and </script> */
	size_t script_len;
} fuzz_html_ref;

/* Take the contents of <style> and <script> of a page the renderer wrote
 * (views into s; a page without a script gives an empty one); NULL, or
 * what is missing. */
const char *fuzz_html_ref_take(fuzz_html_ref *ref, const char *s, size_t len);

/* The page is made only of the renderer's own markup: every '<' opens or
 * closes an element of its fixed set (or the doctype), elements nest and
 * close, attributes are of its fixed set with values that are its own
 * (ids "c<number>" and a few names, links "#c<number>", classes of its
 * style sheet), every '&' starts an entity, no '>' stands in text, and
 * <style> and <script> hold exactly what `ref` holds (when not NULL). */
const char *fuzz_check_html(const char *s, size_t len,
                            const fuzz_html_ref *ref);

#endif
