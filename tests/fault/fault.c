/* fault.c - an LD_PRELOAD shim that makes one file-system step fail.
 *
 * Steps are the calls that change files: write() to a file (not standard
 * output or error), open() or creat() that creates, rename(), link() and
 * unlink(). Only paths under ND_FAULT_DIR count (a write counts when its
 * descriptor was opened there). Environment:
 *
 *   ND_FAULT_DIR   the directory whose files count (required)
 *   ND_FAULT_LOG   append one line per step ("N CALL PATH") to this file
 *   ND_FAULT_AT    the step to break, from 1; unset: break nothing
 *   ND_FAULT_KILL  if set, SIGKILL the process at that step instead
 *   ND_FAULT_SIGNAL if set, a signal number: raise it at that step instead
 *                  (as a user's Ctrl-C or kill would), then do the step
 *   ND_FAULT_ERRNO the errno the step fails with (default ENOSPC)
 *   ND_FAULT_TMP   if set, writes to a file mkstemp() made there count
 *                  too (its creation is not a step)
 *   ND_FAULT_PLANT if set, a path: at that step create this file (holding
 *                  "planted\n") and then do the step, failing nothing, as
 *                  another process writing there at that instant would
 *
 * A run with ND_FAULT_LOG and no ND_FAULT_AT counts the steps, so a test
 * can break each of steps 1..N in turn, deterministically.
 */
#undef _FILE_OFFSET_BITS /* define open and open64 both */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FDS 1024

static long step;             /* steps seen so far */
static char watched[MAX_FDS]; /* descriptors opened under ND_FAULT_DIR */

static int under_dir(const char *path)
{
	const char *dir = getenv("ND_FAULT_DIR");
	size_t n;

	if (!dir || !*dir || !path)
		return 0;
	n = strlen(dir);
	return strncmp(path, dir, n) == 0 && (path[n] == '/' || !path[n]);
}

/* Count one step; nonzero if it must fail (errno set). */
static int fault(const char *call, const char *path)
{
	const char *log = getenv("ND_FAULT_LOG"), *at = getenv("ND_FAULT_AT");
	const char *en = getenv("ND_FAULT_ERRNO");
	int saved = errno;

	step++;
	if (log && *log) {
		FILE *f = fopen(log, "a");

		if (f) {
			fprintf(f, "%ld %s %s\n", step, call, path ? path : "-");
			fclose(f);
		}
	}
	errno = saved;
	if (!at || atol(at) != step)
		return 0;
	if (getenv("ND_FAULT_PLANT") && *getenv("ND_FAULT_PLANT")) {
		FILE *f = fopen(getenv("ND_FAULT_PLANT"), "w");

		if (f) {
			fputs("planted\n", f);
			fclose(f);
		}
		errno = saved;
		return 0;
	}
	if (getenv("ND_FAULT_KILL"))
		raise(SIGKILL);
	if (getenv("ND_FAULT_SIGNAL") && *getenv("ND_FAULT_SIGNAL")) {
		raise(atoi(getenv("ND_FAULT_SIGNAL")));
		errno = saved;
		return 0;
	}
	errno = en && *en ? atoi(en) : ENOSPC;
	return 1;
}

#define REAL(type, name, args) \
	static type(*real_##name) args; \
	if (!real_##name) \
		*(void **)&real_##name = dlsym(RTLD_NEXT, #name)

static int opened(int fd, const char *path)
{
	if (fd >= 0 && fd < MAX_FDS)
		watched[fd] = (char)under_dir(path);
	return fd;
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;
	REAL(int, open, (const char *, int, ...));

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
		if (under_dir(path) && fault("open", path))
			return -1;
	}
	return opened(real_open(path, flags, mode), path);
}

int open64(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;
	REAL(int, open64, (const char *, int, ...));

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = (mode_t)va_arg(ap, int);
		va_end(ap);
		if (under_dir(path) && fault("open", path))
			return -1;
	}
	return opened(real_open64(path, flags, mode), path);
}

int mkstemp(char *template)
{
	REAL(int, mkstemp, (char *));
	int fd = real_mkstemp(template);

	return getenv("ND_FAULT_TMP") ? opened(fd, template) : fd;
}

int mkstemp64(char *template)
{
	REAL(int, mkstemp64, (char *));
	int fd = real_mkstemp64(template);

	return getenv("ND_FAULT_TMP") ? opened(fd, template) : fd;
}

int close(int fd)
{
	REAL(int, close, (int));

	if (fd >= 0 && fd < MAX_FDS)
		watched[fd] = 0;
	return real_close(fd);
}

ssize_t write(int fd, const void *buf, size_t n)
{
	REAL(ssize_t, write, (int, const void *, size_t));

	if (fd >= 0 && fd < MAX_FDS && watched[fd] && fault("write", "-"))
		return -1;
	return real_write(fd, buf, n);
}

int rename(const char *from, const char *to)
{
	REAL(int, rename, (const char *, const char *));

	if (under_dir(to) && fault("rename", to))
		return -1;
	return real_rename(from, to);
}

int link(const char *from, const char *to)
{
	REAL(int, link, (const char *, const char *));

	if (under_dir(to) && fault("link", to))
		return -1;
	return real_link(from, to);
}

int unlink(const char *path)
{
	REAL(int, unlink, (const char *));

	if (under_dir(path) && fault("unlink", path))
		return -1;
	return real_unlink(path);
}
