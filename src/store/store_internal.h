/* store_internal.h - what store.c needs from meta.c; not a public header.
 *
 * The metadata of a version travels in its commit message (a subject line,
 * an optional body, a trailer block). meta.c owns that format in both
 * directions, and the validation rules, so that what `normdiff add` writes
 * is exactly what `normdiff log` reads back.
 */
#ifndef NORMDIFF_STORE_INTERNAL_H
#define NORMDIFF_STORE_INTERNAL_H

#include <stdint.h>

#include "normdiff/buf.h"
#include "normdiff/store.h"

/* Series used when a version names none. */
#define ND_DEFAULT_SERIES "draft.txt"

/* Copy every field of *src that is set into *dst (initialised, empty),
 * with surrounding white space removed. */
int nd_meta_copy(nd_meta *dst, const nd_meta *src);

/* Check every field that is set in *m as nd_meta_set() would (the message
 * may span lines). ND_EINVAL with a message naming the field. */
int nd_meta_validate(const nd_meta *m);

/* Today's date, UTC, as "YYYY-MM-DD" into out (at least 11 bytes). */
void nd_date_today(char *out);

/* Seconds since the epoch of 00:00:00 UTC on `date` (a valid YYYY-MM-DD). */
int64_t nd_date_to_time(const char *date);

/* Append the commit message for *m to out. label, series and date must be
 * set (nd_store_add fills the defaults). */
int nd_meta_to_message(nd_buf *out, const nd_meta *m);

/* Fill *m (initialised, empty) from a commit message: trailers of the last
 * paragraph with known keys, and the body between subject and trailers as
 * the message. Unknown trailers and malformed lines are ignored: commits
 * made by other tools are read as far as they go. */
int nd_meta_from_message(nd_meta *m, const char *msg);

#endif
