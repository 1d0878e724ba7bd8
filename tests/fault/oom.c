/* oom.c - an LD_PRELOAD shim that makes one allocation fail once output
 * has begun, as running out of memory midway through a report would.
 *
 *   ND_OOM_AFTER_WRITES  after this many write() calls that wrote bytes
 *                        (to any descriptor but standard error), the next
 *                        malloc, calloc or realloc fails with ENOMEM, and
 *                        only that one; unset: nothing fails
 *
 * Kept apart from fault.c: replacing malloc would break a sanitizer's
 * own, so only the tests of a build without one preload this.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/types.h>
#include <unistd.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);

static long writes;   /* writes seen that wrote bytes */
static int armed;     /* the next allocation fails */
static int spent;     /* one has failed: no more */

static int fails(void)
{
	if (!armed || spent)
		return 0;
	spent = 1;
	errno = ENOMEM;
	return 1;
}

void *malloc(size_t n)
{
	return fails() ? NULL : __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
	return fails() ? NULL : __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
	return fails() ? NULL : __libc_realloc(p, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real_write)(int, const void *, size_t);
	const char *after = getenv("ND_OOM_AFTER_WRITES");
	ssize_t w;

	if (!real_write)
		*(void **)&real_write = dlsym(RTLD_NEXT, "write");
	w = real_write(fd, buf, n);
	if (w > 0 && fd != STDERR_FILENO && after && ++writes >= atol(after))
		armed = 1;
	return w;
}
