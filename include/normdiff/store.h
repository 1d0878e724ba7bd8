/* store.h - the draft store: versions of drafts as git revisions.
 *
 * A store is a plain bare git repository (by default `.normdiff/` in the
 * working directory). A draft series is a path in its tree (for example
 * `code-of-conduct.txt`); every version is one commit on `refs/heads/main`
 * that writes that path (blob -> tree -> commit), whose author date is the
 * draft's date and whose message carries the metadata as trailers. A label
 * ("2011") is a lightweight tag `refs/tags/<label>` on that commit.
 *
 * The store knows nothing about clauses; it turns a revision spec into bytes
 * plus metadata and commits new versions. Adding is all-or-nothing: the
 * branch and the tag are moved by one rename of packed-refs, under git's
 * ref locks, or neither is; a failure or a kill at any step leaves the
 * store as it was or fully updated. Objects written before a failure are
 * unreachable and are pruned by `git gc`. Only repositories made by
 * nd_store_init() are opened (ND_ENOTSTORE for any other), and a damaged
 * object is ND_ECORRUPT, never a hang.
 *
 * Ownership: nd_store_open()/nd_store_init() return a store that the caller
 * frees with nd_store_free() (NULL-safe). Strings returned through
 * out-parameters are malloc'ed and owned by the caller. nd_meta and
 * nd_version are caller-owned structs with init/dispose.
 *
 * Reading REV:PATH from any git repository (nd_git_read) never writes to it.
 */
#ifndef NORMDIFF_STORE_H
#define NORMDIFF_STORE_H

#include <stddef.h>
#include <stdint.h>

typedef struct nd_store nd_store;

/* The series of a version added without one. */
#define ND_STORE_DEFAULT_SERIES "draft.txt"

/* Metadata of one version. Every field is a malloc'ed string or NULL. */
typedef struct nd_meta {
	char *label;    /* tag name, e.g. "2011"; required to add */
	char *series;   /* path of the series in the store tree; default "draft.txt" */
	char *title;    /* document title */
	char *symbol;   /* document symbol, e.g. "A/66/359" */
	char *date;     /* draft date, YYYY-MM-DD; becomes the author date */
	char *sponsors; /* sponsoring States or authors, free text */
	char *source;   /* where the text comes from, free text */
	char *message;  /* free text message for the commit body */
} nd_meta;

void nd_meta_init(nd_meta *m);
void nd_meta_dispose(nd_meta *m);

/* Parse a metadata file: UTF-8 lines "Key: value" (keys Label, Series,
 * Title, Symbol, Date, Sponsors, Source, Message; case-insensitive), '#'
 * comments and blank lines ignored. Fields already set in *m are
 * replaced. `origin` names the file in error messages ("FILE:LINE: ...").
 * Unknown keys and malformed lines are ND_EINVAL. */
int nd_meta_parse(nd_meta *m, const char *text, size_t len, const char *origin);

/* Set one field by key name (as in the file); ND_EINVAL for an unknown key
 * or an invalid value (a label that is not a valid tag name, a date that is
 * not YYYY-MM-DD). */
int nd_meta_set(nd_meta *m, const char *key, const char *value);

/* One stored version. */
typedef struct nd_version {
	char oid[41];     /* commit id, hex */
	char blob[41];    /* blob id of its series file, hex; filled by
	                     nd_store_read only ("" elsewhere) */
	int64_t time;     /* author time (the draft's date), seconds since epoch */
	nd_meta meta;     /* metadata read back from the commit */
	char **labels;    /* all tags pointing at this commit, sorted */
	size_t nlabels;   /* number of labels */
} nd_version;

void nd_version_init(nd_version *v);
void nd_version_dispose(nd_version *v);
void nd_versions_free(nd_version *v, size_t n);

/* Create a new empty store at `path` (a bare repository). ND_EEXISTS if
 * `path` already holds a store or any non-empty directory. */
int nd_store_init(nd_store **out, const char *path);

/* Open an existing store. ND_ENOTFOUND if `path` does not exist,
 * ND_ENOTSTORE if it is not a store made by nd_store_init() (any other git
 * repository), ND_ECORRUPT if it is damaged. */
int nd_store_open(nd_store **out, const char *path);

void nd_store_free(nd_store *s);

/* The directory of the store. */
const char *nd_store_path(const nd_store *s);

/* What the last successful nd_store_add() could not clean up (a lock file
 * it could not remove), for the caller to pass on; NULL if nothing. */
const char *nd_store_warning(const nd_store *s);

/* Find a store for `start_dir`: the first `.normdiff` directory in it or
 * one of its parents. ND_ENOTFOUND if there is none. */
int nd_store_discover(char **path_out, const char *start_dir);

/* Add `data` as a new version described by `meta` (label required; series
 * defaults to "draft.txt"; date defaults to today). ND_EEXISTS if the label
 * is taken and !force; with force the label moves to the new version.
 * ND_ELOCKED if another process holds a lock; ND_ECONFLICT if the branch
 * moved while adding (a concurrent add): the store is left as it was.
 * On success the commit id is written to oid_out (41 bytes) if non-NULL. */
int nd_store_add(nd_store *s, const char *data, size_t len, const nd_meta *meta,
                 int force, char *oid_out);

/* All versions on the main branch, newest first; only those of `series`
 * when it is non-NULL. *out is NULL and *n is 0 for an empty store. */
int nd_store_log(nd_store *s, const char *series, nd_version **out, size_t *n);

/* Read a version: `spec` is a label, or any revision git understands
 * (commit id, "main~1", ...). The bytes of its series file go to *data
 * (malloc'ed, NUL-terminated, length *len); metadata to *ver if non-NULL.
 * ND_ENOTFOUND if the spec names nothing in the store. */
int nd_store_read(nd_store *s, const char *spec, char **data, size_t *len,
                  nd_version *ver);

/* PATH read from start_dir, as git reads a path after "--" (and as
 * "./PATH" in REV:./PATH), as a path from the top of the working tree of
 * the git repository that contains start_dir, into *out (malloc'ed; "" for
 * the top itself). ND_ENOTSTORE if there is no repository, ND_EINVAL if
 * PATH leaves it or start_dir is not in its working tree. */
int nd_git_top_path(const char *start_dir, const char *path, char **out);

/* Read "REV:PATH" from the git repository that contains `start_dir` (found
 * as git does, walking up). Read-only. As in git, PATH is from the top of
 * the repository, but "./" and "../" at its start are relative to
 * start_dir; ":PATH" and ":N:PATH" read stage 0 (or N) of the index.
 * ND_ENOTSTORE if there is no repository, ND_ENOTFOUND if REV or PATH is
 * unknown. */
int nd_git_read(const char *start_dir, const char *revpath, char **data,
                size_t *len);

/* The same, and, when not NULL: *path gets PATH from the top of the
 * repository as it was looked up (malloc'ed; also when it was not found),
 * *absent 1 when the revision (or the index) exists but holds no PATH. */
int nd_git_read_path(const char *start_dir, const char *revpath, char **data,
                     size_t *len, char **path, int *absent);

/* Cache entries: data derived from versions (the change set of two), kept
 * beside the repository in STORE/normdiff-cache/, outside everything git
 * reads, so they change nothing that `git fsck`, `normdiff log` or `show`
 * see. An entry is found by its key (any bytes: the store names the file
 * by the key's SHA-1 and keeps the key in it, so two keys never share an
 * entry) and carries a SHA-1 of its data. Entries are never required: a
 * missing entry is ND_ENOTFOUND, and one that is damaged, truncated, for
 * another key or not a regular file is ND_ECORRUPT; both are a miss. */

/* The data of the entry for key[0..keylen) into *data (malloc'ed,
 * NUL-terminated, length *len). 0, ND_ENOTFOUND, ND_ECORRUPT or
 * ND_ENOMEM; *data is NULL unless 0. Reads only. */
int nd_store_cache_get(nd_store *s, const char *key, size_t keylen,
                       char **data, size_t *len);

/* Write the entry for key[0..keylen), replacing any: all-or-nothing, into
 * a temporary file in the cache directory that is renamed over the entry.
 * On failure (ND_EIO, ND_ENOMEM) the temporary file is removed, and so is
 * the cache directory if this call made it: the store is as it was. */
int nd_store_cache_put(nd_store *s, const char *key, size_t keylen,
                       const char *data, size_t len);

/* The cache directory of the store, as nd_store_path() names the store
 * (malloc'ed). */
char *nd_store_cache_dir(const nd_store *s);

#endif
