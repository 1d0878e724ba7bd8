/* cache.c - entries of derived data kept in the store (store.h).
 *
 * Design. An entry is one file, STORE/normdiff-cache/<40 hex>, named by
 * the git blob id of its key (SHA-1 over "blob LEN\0" and the key, as `git
 * hash-object` computes it), so any bytes can be a key and a key never
 * needs escaping. The file holds
 *
 *   normdiff-cache 1\n
 *   KEYLEN DATALEN DATA_ID\n
 *   KEY DATA
 *
 * with DATA_ID the git blob id of the data. A get checks everything: a
 * regular file, the exact size the header gives, the key (so two keys
 * whose names collide are two misses, not one wrong answer) and the data's
 * id (so a flipped byte or a truncation is a miss, not bad data). The
 * directory is beside objects/ and refs/, where git looks for nothing:
 * `git fsck`, `git gc` and every read of the repository ignore it.
 *
 * A put writes a temporary file "tmp-PID-N" in the cache directory with
 * O_EXCL and renames it over the entry: a reader sees the old entry or the
 * new one, never a part. Without an fsync a crash can leave an entry
 * empty or short; the data's id makes that a miss. On any failure the
 * temporary file is removed, and so is the cache directory when this put
 * created it, so a failed put leaves the store as it was. A process killed
 * mid-put can leave a temporary file, which no get reads.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/store.h"

#define CACHE_DIR "normdiff-cache"
#define CACHE_MAGIC "normdiff-cache 1\n"
#define CACHE_MAX ((size_t)1 << 30) /* no entry is larger */

char *nd_store_cache_dir(const nd_store *s)
{
	nd_buf b = ND_BUF_INIT;

	if (nd_buf_printf(&b, "%s/%s", nd_store_path(s), CACHE_DIR)) {
		nd_buf_dispose(&b);
		return NULL;
	}
	return nd_buf_detach(&b);
}

/* The git blob id of data[0..len), hex, into hex (41 bytes). */
static int blob_id(char *hex, const char *data, size_t len)
{
	git_oid id;

	if (git_odb_hash(&id, data, len, GIT_OBJECT_BLOB) < 0)
		return nd_error_set(ND_ERR, "cannot hash a cache entry");
	git_oid_tostr(hex, GIT_OID_HEXSZ + 1, &id);
	return 0;
}

/* The path of the entry for key. */
static int entry_path(const nd_store *s, nd_buf *path, const char *key,
                      size_t keylen)
{
	char hex[GIT_OID_HEXSZ + 1];
	int err = blob_id(hex, key, keylen);

	return err ? err : nd_buf_printf(path, "%s/%s/%s", nd_store_path(s),
	                                 CACHE_DIR, hex);
}

/* Read the whole regular file at path, at most CACHE_MAX bytes. */
static int read_entry(const char *path, nd_buf *out)
{
	struct stat st;
	ssize_t got;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_NOFOLLOW);
	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ?
		       nd_error_set(ND_ENOTFOUND, "no cache entry %s", path) :
		       nd_error_set(ND_ECORRUPT, "cannot read the cache entry %s: %s",
		                    path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size < 0 ||
	    (size_t)st.st_size > CACHE_MAX) {
		err = nd_error_set(ND_ECORRUPT, "the cache entry %s is not a file of "
		                   "a sound size", path);
		goto done;
	}
	if ((err = nd_buf_grow(out, (size_t)st.st_size + 1)) != 0)
		goto done;
	for (;;) {
		if (out->len > CACHE_MAX) {
			err = nd_error_set(ND_ECORRUPT, "the cache entry %s is too large",
			                   path);
			goto done;
		}
		if ((err = nd_buf_grow(out, 4096)) != 0)
			goto done;
		got = read(fd, out->ptr + out->len, out->cap - out->len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			err = nd_error_set(ND_ECORRUPT, "cannot read the cache entry %s: "
			                   "%s", path, strerror(errno));
			goto done;
		}
		if (got == 0)
			break;
		out->len += (size_t)got;
		out->ptr[out->len] = '\0';
	}
done:
	close(fd);
	return err;
}

/* A decimal number without leading zeros ending at sep; NULL if not. */
static const char *read_size(const char *p, const char *end, char sep,
                             size_t *v)
{
	const char *s = p;
	size_t x = 0;

	while (p < end && *p >= '0' && *p <= '9' && p - s < 12)
		x = x * 10 + (size_t)(*p++ - '0');
	if (p == s || (p - s > 1 && *s == '0') || p == end || *p != sep)
		return NULL;
	*v = x;
	return p + 1;
}

/* Check the entry's header, key and data id; the data's offset in *off. */
static int check_entry(const nd_buf *e, const char *key, size_t keylen,
                       size_t *off, size_t *len)
{
	const char *p = e->ptr, *end = e->ptr + e->len;
	char want[GIT_OID_HEXSZ + 1], have[GIT_OID_HEXSZ + 1];
	size_t klen, dlen, m = strlen(CACHE_MAGIC);
	int err;

	if (e->len < m || memcmp(p, CACHE_MAGIC, m))
		return -1;
	p += m;
	if ((p = read_size(p, end, ' ', &klen)) == NULL ||
	    (p = read_size(p, end, ' ', &dlen)) == NULL ||
	    end - p < GIT_OID_HEXSZ + 1 || p[GIT_OID_HEXSZ] != '\n')
		return -1;
	memcpy(want, p, GIT_OID_HEXSZ);
	want[GIT_OID_HEXSZ] = '\0';
	p += GIT_OID_HEXSZ + 1;
	if (klen != keylen || (size_t)(end - p) < klen ||
	    (size_t)(end - p) - klen != dlen || memcmp(p, key, klen))
		return -1;
	p += klen;
	if ((err = blob_id(have, p, dlen)) != 0)
		return err;
	if (strcmp(want, have))
		return -1;
	*off = (size_t)(p - e->ptr);
	*len = dlen;
	return 0;
}

int nd_store_cache_get(nd_store *s, const char *key, size_t keylen,
                       char **data, size_t *len)
{
	nd_buf path = ND_BUF_INIT, e = ND_BUF_INIT;
	size_t off = 0;
	int err;

	*data = NULL;
	*len = 0;
	err = entry_path(s, &path, key, keylen);
	err = err ? err : read_entry(path.ptr, &e);
	if (err)
		goto done;
	err = check_entry(&e, key, keylen, &off, len);
	if (err < 0 && err != ND_ENOMEM) {
		err = nd_error_set(ND_ECORRUPT, "the cache entry %s is damaged or "
		                   "for another key", path.ptr);
		goto done;
	}
	memmove(e.ptr, e.ptr + off, *len);
	e.ptr[*len] = '\0';
	e.len = *len;
	*data = nd_buf_detach(&e);
done:
	nd_buf_dispose(&path);
	nd_buf_dispose(&e);
	return err;
}

static int write_all(int fd, const char *p, size_t n)
{
	ssize_t put;

	while (n) {
		put = write(fd, p, n);
		if (put < 0 && errno == EINTR)
			continue;
		if (put <= 0)
			return -1;
		p += put;
		n -= (size_t)put;
	}
	return 0;
}

/* Write the entry into tmp (created, O_EXCL: then *created is 1); -1 with
 * errno on failure. */
static int write_entry(const char *tmp, const char *key, size_t keylen,
                       const char *data, size_t len, const char *id,
                       int *created)
{
	char head[128];
	int fd, n, saved;

	n = snprintf(head, sizeof(head), CACHE_MAGIC "%zu %zu %s\n", keylen, len, id);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0666);
	if (fd < 0)
		return -1;
	*created = 1;
	if (write_all(fd, head, (size_t)n) || write_all(fd, key, keylen) ||
	    write_all(fd, data, len)) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return close(fd);
}

int nd_store_cache_put(nd_store *s, const char *key, size_t keylen,
                       const char *data, size_t len)
{
	static unsigned long serial;
	nd_buf path = ND_BUF_INIT, tmp = ND_BUF_INIT;
	char *dir = nd_store_cache_dir(s);
	char id[GIT_OID_HEXSZ + 1];
	int err = 0, made = 0, created = 0;

	if (!dir) {
		err = nd_error_oom();
		goto done;
	}
	err = entry_path(s, &path, key, keylen);
	err = err ? err : blob_id(id, data, len);
	err = err ? err : nd_buf_printf(&tmp, "%s/tmp-%ld-%lu", dir, (long)getpid(),
	                                serial++);
	if (err)
		goto done;
	if (mkdir(dir, 0777) == 0)
		made = 1;
	else if (errno != EEXIST)
		goto failed;
	if (write_entry(tmp.ptr, key, keylen, data, len, id, &created) != 0)
		goto failed;
	if (rename(tmp.ptr, path.ptr) == 0)
		goto done;
failed:
	err = nd_error_set(ND_EIO, "cannot write the cache entry %s: %s (the store "
	                   "is unchanged)", path.ptr, strerror(errno));
	if (created)
		unlink(tmp.ptr);
	if (made)
		rmdir(dir);
done:
	free(dir);
	nd_buf_dispose(&path);
	nd_buf_dispose(&tmp);
	return err;
}
