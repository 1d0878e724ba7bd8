/* changeset_io.h - a change set as bytes, to keep and to read back.
 *
 * nd_changeset_save() writes everything nd_changeset_compute() decided
 * about two documents: the records (kind, flags, similarity, provisions),
 * their word edits as kinds and lengths only, and the notes. The bytes are
 * a line-oriented text that starts with the line "normdiff-changeset N"
 * (N: ND_CHANGESET_FORMAT) and names both documents by their number of
 * provisions and a hash of their normalised text.
 *
 * nd_changeset_load() reads such bytes back against the same two parsed
 * documents and rebuilds the change set, its edits' text pointers found by
 * walking the texts: the result is the change set that was saved, field for
 * field (saving it again gives the same bytes). The bytes are not trusted:
 * anything that is not exactly what save writes for these two documents
 * (another format version, other documents, an index out of range, a
 * provision in no record or in two, a kind that does not fit its
 * provisions, a flag out of range, edits that do not rebuild both texts or
 * whose equal pieces differ, a note that is not one line) is ND_ECORRUPT,
 * with nothing allocated.
 *
 * Ownership: save appends to the caller's buffer; load returns a change set
 * owned by the caller (nd_changeset_free), which points into both documents.
 */
#ifndef NORMDIFF_CHANGESET_IO_H
#define NORMDIFF_CHANGESET_IO_H

#include <stddef.h>

#include "normdiff/buf.h"
#include "normdiff/changeset.h"

/* The format version written and the only one read; it changes whenever
 * the bytes or the meaning of a change set changes. */
#define ND_CHANGESET_FORMAT 1

/* Append the bytes of cs to out. 0 or ND_ENOMEM. */
int nd_changeset_save(nd_buf *out, const nd_changeset *cs);

/* Rebuild a change set of old and new from data[0..len). 0, ND_ECORRUPT
 * (message says what is wrong) or ND_ENOMEM; *out is NULL on failure. */
int nd_changeset_load(nd_changeset **out, const nd_doc *old, const nd_doc *new,
                      const char *data, size_t len);

#endif
