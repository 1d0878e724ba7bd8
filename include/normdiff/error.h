/* error.h - error codes and the one recorded error message.
 *
 * Every library function of normdiff returns 0 on success or one of the
 * negative codes below, and records a message describing the failure
 * (what went wrong and, where it helps, what to do). The message lives in
 * thread-local storage owned by this module; callers read it with
 * nd_error_message() and never free it. Only src/cli prints it.
 */
#ifndef NORMDIFF_ERROR_H
#define NORMDIFF_ERROR_H

#include <stddef.h>

enum nd_error_code {
	ND_OK = 0,
	ND_ERR = -1,       /* unclassified failure */
	ND_ENOMEM = -2,    /* out of memory */
	ND_EINVAL = -3,    /* invalid argument or option value */
	ND_ENOTFOUND = -4, /* file, label, revision or path not found */
	ND_EEXISTS = -5,   /* already exists (label, store) */
	ND_ELOCKED = -6,   /* store locked by another process */
	ND_EIO = -7,       /* reading or writing failed */
	ND_ECONFLICT = -8, /* store changed underneath an operation */
	ND_EEMPTY = -9,    /* input holds no text */
	ND_EBINARY = -10,  /* input holds NUL bytes */
	ND_EUTF8 = -11,    /* input is not valid UTF-8 */
	ND_EGRAMMAR = -12, /* grammar file is malformed */
	ND_ECORRUPT = -13, /* repository is damaged */
	ND_ETOOBIG = -14,  /* input exceeds a documented limit */
	ND_ENOTSTORE = -15 /* path is not a normdiff store / git repository */
};

/* Record a message (printf-style) for `code` and return `code`. */
int nd_error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* Record ND_ENOMEM with a fixed message; returns ND_ENOMEM. */
int nd_error_oom(void);

/* The message recorded by the last failing call ("" if none). */
const char *nd_error_message(void);

/* Forget the recorded message. */
void nd_error_clear(void);

#endif
