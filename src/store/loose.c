/* loose.c - a loose object file is checked before libgit2 reads it.
 *
 * libgit2 1.5 loops forever inside zlib when a loose object file is
 * truncated, so a store whose commit file was cut short (a full disk, a
 * copy interrupted) made `log`, `show`, `add` and `diff` hang. Before the
 * store reads an object through libgit2 it inflates the object's loose
 * file itself, with a fixed output buffer that is discarded: the header
 * "TYPE SIZE\0" must be whole, the stream must end, and it must hold
 * exactly SIZE bytes after the header. Every round of the loop either
 * consumes input or produces output, and output past the size the header
 * gives is refused, so the check ends on any file. It costs one inflation
 * of the object and no memory beyond two 64 KiB buffers.
 *
 * An object that is not loose (packed, or missing) is left to libgit2:
 * packs carry checksums and libgit2 reads a damaged one without hanging,
 * and a missing object is an ordinary error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zlib.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "store_internal.h"

#define CHUNK 65536
#define HEADER_MAX 64 /* "commit 18446744073709551615\0" and room to spare */

/* The size a header "TYPE SIZE" gives, or -1 if it is no object header. */
static long long header_size(const char *h)
{
	static const char *const types[] = {"commit ", "tree ", "blob ", "tag "};
	const char *p = NULL;
	long long n = 0;
	size_t i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]) && !p; i++)
		if (strncmp(h, types[i], strlen(types[i])) == 0)
			p = h + strlen(types[i]);
	if (!p || !*p)
		return -1;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || n > (1LL << 50))
			return -1;
		n = n * 10 + (*p - '0');
	}
	return n;
}

static int damaged(const char *hex, const char *store, const char *why)
{
	return nd_error_set(ND_ECORRUPT, "store is damaged: object %s (objects/"
	                    "%.2s/%s) is %s; run git fsck in %s and restore the "
	                    "store from a backup", hex, hex, hex + 2, why, store);
}

/* Add the first n output bytes to the header; once its NUL is there, set
 * *size to the object's whole inflated length (header included). */
static int take_header(char *header, size_t *hlen, const unsigned char *out,
                       size_t n, long long *size, const char *hex,
                       const char *store)
{
	size_t k = 0;

	while (k < n && out[k] && *hlen < HEADER_MAX)
		header[(*hlen)++] = (char)out[k++];
	if (k < n && !out[k]) {
		header[*hlen] = '\0';
		*size = header_size(header);
		if (*size < 0)
			return damaged(hex, store, "not a git object");
		*size += (long long)*hlen + 1;
	} else if (*hlen >= HEADER_MAX) {
		return damaged(hex, store, "not a git object");
	}
	return 0;
}

/* Inflate the open loose file fd to its end; 0 if it is a whole object. */
static int inflate_check(int fd, unsigned char *in, unsigned char *out,
                         const char *hex, const char *store)
{
	z_stream z;
	char header[HEADER_MAX + 1];
	size_t hlen = 0;
	long long size = -1, total = 0;
	int eof = 0, idle = 0, rc, err = 0;
	ssize_t n;

	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return nd_error_oom();
	for (;;) {
		if (z.avail_in == 0 && !eof) {
			do
				n = read(fd, in, CHUNK);
			while (n < 0 && errno == EINTR);
			if (n < 0) {
				err = nd_error_set(ND_EIO, "cannot read object %s in the "
				                   "store at %s: %s", hex, store,
				                   strerror(errno));
				break;
			}
			eof = n == 0;
			z.next_in = in;
			z.avail_in = (uInt)n;
		}
		z.next_out = out;
		z.avail_out = CHUNK;
		rc = inflate(&z, Z_NO_FLUSH);
		n = (ssize_t)(CHUNK - z.avail_out);
		total += n;
		if (size < 0 && n > 0 &&
		    (err = take_header(header, &hlen, out, (size_t)n, &size,
		                       hex, store)) != 0)
			break;
		if (size >= 0 && total > size) {
			err = damaged(hex, store, "longer than its header says");
			break;
		}
		if (rc == Z_STREAM_END)
			break;
		if (rc != Z_OK && rc != Z_BUF_ERROR) {
			err = damaged(hex, store, "corrupt");
			break;
		}
		/* no input left and no output made: the stream was cut short */
		idle = n == 0 && z.avail_in == 0 ? idle + 1 : 0;
		if (idle && eof) {
			err = damaged(hex, store, "truncated");
			break;
		}
		if (idle > 2) {
			err = damaged(hex, store, "corrupt");
			break;
		}
	}
	if (!err && (size < 0 || total != size))
		err = damaged(hex, store, size < 0 || total < size ? "truncated" :
		              "longer than its header says");
	inflateEnd(&z);
	return err;
}

int nd_loose_check(const char *gitdir, const char *hex, const char *store)
{
	nd_buf path = ND_BUF_INIT;
	unsigned char *in = NULL, *out = NULL;
	int fd = -1, err;

	err = nd_buf_printf(&path, "%sobjects/%.2s/%s", gitdir, hex, hex + 2);
	if (err)
		goto done;
	fd = open(path.ptr, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno != ENOENT)
			err = nd_error_set(ND_EIO, "cannot read object %s in the store "
			                   "at %s: %s: %s", hex, store, path.ptr,
			                   strerror(errno));
		goto done; /* not loose: packed, or missing */
	}
	in = malloc(CHUNK);
	out = malloc(CHUNK);
	if (!in || !out) {
		err = nd_error_oom();
		goto done;
	}
	err = inflate_check(fd, in, out, hex, store);
done:
	if (fd >= 0)
		close(fd);
	free(in);
	free(out);
	nd_buf_dispose(&path);
	return err;
}
