/* buf.h - growable byte buffers and vectors.
 *
 * Ownership: an nd_buf owns `ptr`; nd_buf_dispose() frees it, nd_buf_detach()
 * hands it to the caller. `ptr` is always NUL-terminated when non-NULL, so
 * `ptr` can be used as a C string when the content has no NUL bytes.
 */
#ifndef NORMDIFF_BUF_H
#define NORMDIFF_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct nd_buf {
	char *ptr;  /* content, NUL-terminated; NULL until the first write */
	size_t len; /* bytes of content, not counting the terminator */
	size_t cap; /* bytes allocated */
} nd_buf;

#define ND_BUF_INIT {NULL, 0, 0}

void nd_buf_init(nd_buf *b);
void nd_buf_dispose(nd_buf *b);
/* Make room for `extra` more bytes (plus the terminator). */
int nd_buf_grow(nd_buf *b, size_t extra);
/* Make room for exactly `extra` more bytes (plus the terminator), not
 * rounded up as growing is: for a writer that knows about how much it
 * will append. Growth past it doubles from there. */
int nd_buf_reserve(nd_buf *b, size_t extra);
int nd_buf_put(nd_buf *b, const char *data, size_t len);
int nd_buf_puts(nd_buf *b, const char *s);
int nd_buf_putc(nd_buf *b, char c);
int nd_buf_printf(nd_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
int nd_buf_vprintf(nd_buf *b, const char *fmt, va_list ap);
/* Append v in decimal, as "%" PRIu64 would, without printf's cost (the
 * reports write a number or more for every change). */
int nd_buf_putu(nd_buf *b, uint64_t v);
void nd_buf_clear(nd_buf *b);
/* Give the content to the caller (never NULL on success: "" if empty). */
char *nd_buf_detach(nd_buf *b);

/* Grow the array *ptr of elements of `size` bytes so it holds at least
 * `need` elements; *cap is updated. Returns 0 or ND_ENOMEM. */
int nd_vec_reserve(void **ptr, size_t *cap, size_t need, size_t size);

/* Duplicate `len` bytes as a NUL-terminated string (NULL on no memory). */
char *nd_strndup(const char *s, size_t len);
char *nd_strdup(const char *s);

/* 64-bit FNV-1a hash (its values are kept on disk: they never change). */
uint64_t nd_hash(const void *data, size_t len);

/* A faster 64-bit hash of a block of bytes, eight at a time, for tables
 * in memory only (its values may differ between machines and versions):
 * the clause bodies'. */
uint64_t nd_hash_block(const void *data, size_t len);

#endif
