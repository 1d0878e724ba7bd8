/* packed.c - the branch and a tag move in one atomic step.
 *
 * git keeps a ref either as a loose file (refs/heads/main) or as a line of
 * packed-refs, and a loose file wins. Moving two loose refs takes two
 * renames, so a failure or a kill between them leaves one moved and the
 * other not. Here both refs end up as lines of packed-refs, and the one
 * rename of packed-refs.lock over packed-refs moves both at once:
 *
 *   1. lock: create refs/heads/main.lock and refs/tags/<label>.lock (as git
 *      does, O_EXCL: a held or stale lock is an error naming the file, never
 *      waited for or broken). Nobody else can now move either ref.
 *   2. pack (only if either ref is a loose file): write packed-refs with the
 *      loose values, then remove the loose files. No ref changes its value
 *      at any point of this step.
 *   3. commit: write packed-refs.lock with both new values, fsync it and
 *      rename it over packed-refs. This rename is the one step at which the
 *      store changes: before it the store is as it was, after it the new
 *      version is there with its label.
 *   4. unlock: remove the two lock files. If that fails the version is
 *      added and the lock that is left is reported.
 *
 * Every step that fails removes the locks it holds and reports errno's
 * message. A kill at any step leaves the store as it was or fully updated,
 * plus at most the lock files, which the next add names.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "store_internal.h"

#define PACKED_HEADER "# pack-refs with: peeled fully-peeled sorted \n"

/* One ref in packed-refs: its name and its lines (with a "^" peel line). */
typedef struct packed_rec {
	const char *name; /* in the file text, up to '\n' */
	size_t nlen;      /* length of name */
	const char *text; /* the record's lines, or NULL for a new value */
	size_t len;       /* length of text */
	const char *hex;  /* new value, when text is NULL */
} packed_rec;

void nd_reflocks_init(nd_reflocks *l)
{
	memset(l, 0, sizeof(*l));
}

static int sys_failed(const nd_reflocks *l, const char *what, const char *path)
{
	return nd_error_set(ND_EIO, "cannot %s %s in the store at %s: %s (the "
	                    "store is unchanged)", what, path, l->store,
	                    strerror(errno));
}

/* Create a lock file for `path` (path + ".lock") with O_EXCL. */
static int take_lock(nd_reflocks *l, const char *path, char **lock)
{
	nd_buf b = ND_BUF_INIT;
	char *slash;
	int fd, err;

	*lock = NULL;
	err = nd_buf_printf(&b, "%s.lock", path);
	if (err)
		return err;
	fd = open(b.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
	if (fd < 0 && errno == ENOENT && (slash = strrchr(b.ptr, '/')) != NULL) {
		/* refs/tags/ may be missing in a store copied without it */
		*slash = '\0';
		if (mkdir(b.ptr, 0777) == 0 || errno == EEXIST) {
			*slash = '/';
			fd = open(b.ptr, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
		}
		*slash = '/';
	}
	if (fd < 0 && errno == EEXIST) {
		err = nd_error_set(ND_ELOCKED, "the store at %s is locked: %s exists; "
		                   "another normdiff or git process may be writing to "
		                   "it. Retry in a moment, or remove the lock file if "
		                   "no such process is running (the store is "
		                   "unchanged)", l->store, b.ptr);
	} else if (fd < 0) {
		err = sys_failed(l, "create", b.ptr);
	} else if (close(fd) != 0) {
		err = sys_failed(l, "create", b.ptr);
		unlink(b.ptr);
	}
	if (err)
		nd_buf_dispose(&b);
	else
		*lock = nd_buf_detach(&b);
	return err;
}

int nd_reflocks_lock(nd_reflocks *l, const char *gitdir, const char *store,
                     const char *ref0, const char *ref1)
{
	nd_buf b = ND_BUF_INIT;
	const char *refs[2] = {ref0, ref1};
	int i, err = 0;

	l->gitdir = gitdir;
	l->store = store;
	for (i = 0; i < 2 && !err; i++) {
		l->refs[i] = refs[i];
		nd_buf_clear(&b);
		err = nd_buf_printf(&b, "%s%s", gitdir, refs[i]);
		err = err ? err : take_lock(l, b.ptr, &l->lock[i]);
	}
	nd_buf_dispose(&b);
	if (err)
		nd_reflocks_unlock(l);
	return err;
}

/* The text of packed-refs ("" if there is none) into *b. */
static int read_packed(const nd_reflocks *l, nd_buf *b)
{
	nd_buf path = ND_BUF_INIT;
	char chunk[65536];
	ssize_t n;
	int fd, err;

	err = nd_buf_printf(&path, "%spacked-refs", l->gitdir);
	if (err)
		return err;
	fd = open(path.ptr, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		err = errno == ENOENT ? 0 : sys_failed(l, "read", path.ptr);
		goto done;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = sys_failed(l, "read", path.ptr);
			break;
		}
		err = nd_buf_put(b, chunk, (size_t)n);
		if (err)
			break;
	}
	close(fd);
done:
	nd_buf_dispose(&path);
	return err;
}

static int rec_cmp(const void *a, const void *b)
{
	const packed_rec *x = a, *y = b;
	size_t n = x->nlen < y->nlen ? x->nlen : y->nlen;
	int c = memcmp(x->name, y->name, n);

	return c ? c : (x->nlen > y->nlen) - (x->nlen < y->nlen);
}

/* Split packed-refs text into records; *header is its "#" line or NULL. */
static int parse_packed(const nd_reflocks *l, const char *t, size_t len,
                        packed_rec **v, size_t *n, size_t *cap,
                        const char **header, size_t *hlen)
{
	const char *p = t, *end = t + len, *eol;
	int err;

	*header = NULL;
	while (p < end) {
		eol = memchr(p, '\n', (size_t)(end - p));
		eol = eol ? eol + 1 : end;
		if (*p == '#' && p == t) {
			*header = p;
			*hlen = (size_t)(eol - p);
		} else if (*p == '^' && *n) {
			(*v)[*n - 1].len = (size_t)(eol - (*v)[*n - 1].text);
		} else if (eol - p > 42 && p[40] == ' ') {
			err = nd_vec_reserve((void **)v, cap, *n + 1, sizeof(**v));
			if (err)
				return err;
			(*v)[*n].name = p + 41;
			(*v)[*n].nlen = (size_t)(eol - p - 41 - (eol[-1] == '\n'));
			(*v)[*n].text = p;
			(*v)[*n].len = (size_t)(eol - p);
			(*v)[*n].hex = NULL;
			(*n)++;
		} else if (eol - p > 1 || *p != '\n') {
			return nd_error_set(ND_ECORRUPT, "store is damaged: %spacked-refs "
			                    "has a line that is no ref; run git fsck in %s",
			                    l->gitdir, l->store);
		}
		p = eol;
	}
	return 0;
}

/* The text of packed-refs with refs[i] set to hex[i] (i < count), sorted. */
static int packed_text(const nd_reflocks *l, const char *const *refs,
                       const char *const *hex, size_t count, nd_buf *text)
{
	nd_buf old = ND_BUF_INIT;
	packed_rec *v = NULL;
	size_t n = 0, cap = 0, i, j, hlen = 0, nold;
	const char *header;
	int err;

	err = read_packed(l, &old);
	err = err ? err : parse_packed(l, old.ptr ? old.ptr : "", old.len, &v, &n,
	                               &cap, &header, &hlen);
	nold = n;
	for (i = 0; i < count && !err; i++) {
		for (j = 0; j < n; j++)
			if (v[j].nlen == strlen(refs[i]) &&
			    memcmp(v[j].name, refs[i], v[j].nlen) == 0)
				break;
		if (j == n && !(err = nd_vec_reserve((void **)&v, &cap, n + 1,
		                                     sizeof(*v))))
			n++;
		if (!err) {
			v[j].name = refs[i];
			v[j].nlen = strlen(refs[i]);
			v[j].text = NULL;
			v[j].hex = hex[i];
		}
	}
	if (!err && n)
		qsort(v, n, sizeof(*v), rec_cmp);
	/* a file without a header promises no peeled lines for its refs: it
	 * keeps none, so that git does not take an annotated tag for a
	 * lightweight one */
	if (!err && header)
		err = nd_buf_put(text, header, hlen);
	else if (!err && nold == 0)
		err = nd_buf_puts(text, PACKED_HEADER);
	for (i = 0; i < n && !err; i++)
		err = v[i].text ? nd_buf_put(text, v[i].text, v[i].len) :
		      nd_buf_printf(text, "%s %s\n", v[i].hex, v[i].name);
	if (!err && text->len && text->ptr[text->len - 1] != '\n')
		err = nd_buf_putc(text, '\n');
	free(v);
	nd_buf_dispose(&old);
	return err;
}

/* Write `text` into the lock file `lock`, sync it and rename it to `path`. */
static int commit_file(const nd_reflocks *l, const char *lock, const char *path,
                       const nd_buf *text)
{
	size_t i;
	int fd, err = 0;

	fd = open(lock, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return sys_failed(l, "write", lock);
	for (i = 0; i < text->len && !err;) {
		ssize_t w = write(fd, text->ptr + i, text->len - i);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			err = sys_failed(l, "write", lock);
		else
			i += (size_t)w;
	}
	if (!err && fsync(fd) != 0)
		err = sys_failed(l, "write", lock);
	if (close(fd) != 0 && !err)
		err = sys_failed(l, "write", lock);
	if (!err && rename(lock, path) != 0)
		err = sys_failed(l, "write", path);
	if (err)
		return err;
	fd = open(l->gitdir, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd); /* the rename itself on disk; best effort */
		close(fd);
	}
	return 0;
}

/* Rewrite packed-refs under packed-refs.lock with refs[i] set to hex[i]
 * (i < count): the rename at the end changes them all at once. */
static int write_packed(nd_reflocks *l, const char *const *refs,
                        const char *const *hex, size_t count)
{
	nd_buf text = ND_BUF_INIT, path = ND_BUF_INIT;
	int err;

	err = nd_buf_printf(&path, "%spacked-refs", l->gitdir);
	err = err ? err : take_lock(l, path.ptr, &l->lock[2]);
	err = err ? err : packed_text(l, refs, hex, count, &text);
	err = err ? err : commit_file(l, l->lock[2], path.ptr, &text);
	if (!err) {
		free(l->lock[2]); /* renamed: no longer a lock of ours */
		l->lock[2] = NULL;
	}
	if (l->lock[2]) {
		unlink(l->lock[2]);
		free(l->lock[2]);
		l->lock[2] = NULL;
	}
	nd_buf_dispose(&path);
	nd_buf_dispose(&text);
	return err;
}

/* The value of a loose ref file into hex (41 bytes); 1 if there is one. */
static int read_loose(const nd_reflocks *l, const char *ref, char *hex, int *err)
{
	nd_buf path = ND_BUF_INIT;
	char text[128];
	ssize_t n = -1;
	int fd, found = 0;

	*err = nd_buf_printf(&path, "%s%s", l->gitdir, ref);
	if (*err)
		return 0;
	fd = open(path.ptr, O_RDONLY | O_CLOEXEC);
	if (fd < 0 && errno != ENOENT && errno != ENOTDIR && errno != EISDIR)
		*err = sys_failed(l, "read", path.ptr);
	if (fd >= 0) {
		do
			n = read(fd, text, sizeof(text) - 1);
		while (n < 0 && errno == EINTR);
		close(fd);
		text[n > 0 ? n : 0] = '\0';
		if (n < 40 || strspn(text, "0123456789abcdef") < 40 ||
		    (n > 40 && text[40] != '\n'))
			*err = nd_error_set(ND_ECORRUPT, "store is damaged: %s does not "
			                    "hold a commit id; run git fsck in %s",
			                    path.ptr, l->store);
		else {
			memcpy(hex, text, 40);
			hex[40] = '\0';
			found = 1;
		}
	}
	nd_buf_dispose(&path);
	return found;
}

int nd_reflocks_pack(nd_reflocks *l)
{
	char hex[2][41];
	const char *refs[2], *vals[2];
	nd_buf path = ND_BUF_INIT;
	size_t n = 0, i;
	int err = 0;

	for (i = 0; i < 2 && !err; i++)
		if (read_loose(l, l->refs[i], hex[n], &err)) {
			refs[n] = l->refs[i];
			vals[n] = hex[n];
			n++;
		}
	if (err || n == 0)
		return err;
	err = write_packed(l, refs, vals, n);
	for (i = 0; i < n && !err; i++) {
		nd_buf_clear(&path);
		err = nd_buf_printf(&path, "%s%s", l->gitdir, refs[i]);
		if (!err && unlink(path.ptr) != 0)
			err = sys_failed(l, "remove", path.ptr);
	}
	nd_buf_dispose(&path);
	return err;
}

int nd_reflocks_commit(nd_reflocks *l, const char *hex0, const char *hex1)
{
	const char *vals[2] = {hex0, hex1};

	return write_packed(l, l->refs, vals, 2);
}

void nd_reflocks_unlock(nd_reflocks *l)
{
	int i;

	for (i = 0; i < 3; i++) {
		if (l->lock[i] && unlink(l->lock[i]) != 0 && errno != ENOENT &&
		    !l->stale) {
			nd_buf b = ND_BUF_INIT;

			if (nd_buf_printf(&b, "cannot remove the lock file %s: %s; "
			                  "remove it before the next add", l->lock[i],
			                  strerror(errno)) == 0)
				l->stale = nd_buf_detach(&b);
			nd_buf_dispose(&b);
		}
		free(l->lock[i]);
		l->lock[i] = NULL;
	}
}

void nd_reflocks_dispose(nd_reflocks *l)
{
	nd_reflocks_unlock(l);
	free(l->stale);
	nd_reflocks_init(l);
}
