/* buf.c - growable byte buffers, vectors, small string helpers, hashing. */
#include "normdiff/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"

void nd_buf_init(nd_buf *b)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
}

void nd_buf_dispose(nd_buf *b)
{
	if (!b)
		return;
	free(b->ptr);
	nd_buf_init(b);
}

/* The room b needs for `extra` more bytes and its terminator, in *need;
 * 0 when it has it, 1 when it must grow, or ND_ENOMEM on overflow. */
static int room_needed(const nd_buf *b, size_t extra, size_t *need)
{
	if (extra > SIZE_MAX - b->len - 1)
		return nd_error_oom();
	*need = b->len + extra + 1;
	return *need > b->cap;
}

/* Give b room for cap bytes, keeping its contents; 0 or ND_ENOMEM. */
static int set_cap(nd_buf *b, size_t cap)
{
	char *p = realloc(b->ptr, cap);

	if (!p)
		return nd_error_oom();
	if (!b->ptr)
		p[0] = '\0';
	b->ptr = p;
	b->cap = cap;
	return 0;
}

int nd_buf_grow(nd_buf *b, size_t extra)
{
	size_t need = 0, cap;
	int r = room_needed(b, extra, &need);

	if (r <= 0)
		return r;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	return set_cap(b, cap);
}

int nd_buf_reserve(nd_buf *b, size_t extra)
{
	size_t need = 0;
	int r = room_needed(b, extra, &need);

	return r <= 0 ? r : set_cap(b, need);
}

/* The writers append pieces of a few bytes by the million: room that is
 * there is seen without a call, and one byte is stored, not copied. */
int nd_buf_put(nd_buf *b, const char *data, size_t len)
{
	int err;

	if ((!b->ptr || len >= b->cap - b->len) && (err = nd_buf_grow(b, len)) != 0)
		return err;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int nd_buf_puts(nd_buf *b, const char *s)
{
	return nd_buf_put(b, s, strlen(s));
}

int nd_buf_putc(nd_buf *b, char c)
{
	int err;

	if ((!b->ptr || b->cap - b->len < 2) && (err = nd_buf_grow(b, 1)) != 0)
		return err;
	b->ptr[b->len++] = c;
	b->ptr[b->len] = '\0';
	return 0;
}

/* Formatted once into the room already there, which most calls find
 * (a report's numbers and tags are short); formatted a second time only
 * when it did not fit. */
int nd_buf_vprintf(nd_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	size_t room = b->cap > b->len ? b->cap - b->len : 0;
	int n, err;

	va_copy(copy, ap);
	n = vsnprintf(room ? b->ptr + b->len : NULL, room, fmt, copy);
	va_end(copy);
	if (n < 0) {
		if (room)
			b->ptr[b->len] = '\0';
		return nd_error_set(ND_EINVAL, "invalid format");
	}
	if ((size_t)n >= room) {
		if (room)
			b->ptr[b->len] = '\0';
		if ((err = nd_buf_grow(b, (size_t)n)) != 0)
			return err;
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
	return 0;
}

int nd_buf_printf(nd_buf *b, const char *fmt, ...)
{
	va_list ap;
	int err;

	va_start(ap, fmt);
	err = nd_buf_vprintf(b, fmt, ap);
	va_end(ap);
	return err;
}

int nd_buf_putu(nd_buf *b, uint64_t v)
{
	char tmp[20]; /* 18446744073709551615 */
	size_t n = sizeof(tmp);

	do
		tmp[--n] = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return nd_buf_put(b, tmp + n, sizeof(tmp) - n);
}

void nd_buf_clear(nd_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

char *nd_buf_detach(nd_buf *b)
{
	char *p = b->ptr;

	if (!p)
		p = calloc(1, 1);
	nd_buf_init(b);
	return p;
}

int nd_vec_reserve(void **ptr, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / size)
			return nd_error_oom();
		ncap *= 2;
	}
	p = realloc(*ptr, ncap * size);
	if (!p)
		return nd_error_oom();
	*ptr = p;
	*cap = ncap;
	return 0;
}

char *nd_strndup(const char *s, size_t len)
{
	char *p = malloc(len + 1);

	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *nd_strdup(const char *s)
{
	return nd_strndup(s, strlen(s));
}

/* FNV-1a. Its values are keys of caches on disk and of stored change
 * sets, so they never change; eight bytes a round only saves the loop's
 * own work on each byte. */
uint64_t nd_hash(const void *data, size_t len)
{
	const uint64_t prime = 1099511628211ULL;
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037ULL;

	for (; len >= 8; len -= 8, p += 8) {
		h = (h ^ p[0]) * prime;
		h = (h ^ p[1]) * prime;
		h = (h ^ p[2]) * prime;
		h = (h ^ p[3]) * prime;
		h = (h ^ p[4]) * prime;
		h = (h ^ p[5]) * prime;
		h = (h ^ p[6]) * prime;
		h = (h ^ p[7]) * prime;
	}
	while (len--)
		h = (h ^ *p++) * prime;
	return h;
}

/* A word of eight bytes a step: a multiply by an odd constant and an
 * xor-shift, each a bijection of the state, so two texts of one length
 * that differ in one word never collide. FNV's multiply a byte is a
 * chain of 4 cycles a byte; this is under one. */
uint64_t nd_hash_block(const void *data, size_t len)
{
	const unsigned char *p = data;
	const uint64_t k = 0x9E3779B97F4A7C15ULL;
	uint64_t h = (uint64_t)len * k, w;

	for (; len >= 8; len -= 8, p += 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * k;
		h ^= h >> 31;
	}
	w = 0;
	if (len) /* the last bytes, fewer than eight */
		memcpy(&w, p, len);
	h = (h ^ w) * k;
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ULL;
	return h ^ (h >> 32);
}
