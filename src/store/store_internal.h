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
#define ND_DEFAULT_SERIES ND_STORE_DEFAULT_SERIES

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

/* Check the loose file of object `hex` (if it is loose) in the repository
 * directory `gitdir` (ending in '/') before libgit2 reads it: ND_ECORRUPT
 * "store is damaged: object X ..." if it is truncated or corrupt (loose.c;
 * libgit2 1.5 hangs on a truncated one). `store` names the store. */
int nd_loose_check(const char *gitdir, const char *hex, const char *store);

/* Moving refs/heads/main and a tag in one atomic step (packed.c). */
typedef struct nd_reflocks {
	const char *gitdir; /* repository directory, ending in '/' */
	const char *store;  /* the store as named in messages */
	const char *refs[2];/* the two refs, full names */
	char *lock[3];      /* lock files held: the refs', packed-refs' */
	char *stale;        /* a lock that could not be removed, or NULL */
} nd_reflocks;

void nd_reflocks_init(nd_reflocks *l);
/* Lock both refs (ND_ELOCKED naming a lock file that exists). */
int nd_reflocks_lock(nd_reflocks *l, const char *gitdir, const char *store,
                     const char *ref0, const char *ref1);
/* Move loose files of the locked refs into packed-refs, values unchanged. */
int nd_reflocks_pack(nd_reflocks *l);
/* Set both locked refs in one rename of packed-refs.lock. */
int nd_reflocks_commit(nd_reflocks *l, const char *hex0, const char *hex1);
/* Remove the lock files held; a failure is kept in l->stale. */
void nd_reflocks_unlock(nd_reflocks *l);
void nd_reflocks_dispose(nd_reflocks *l);

#endif
