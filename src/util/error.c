/* error.c - the one recorded error message, per thread. */
#include "normdiff/error.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char message[1024]; /* last recorded message */

int nd_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	return code;
}

int nd_error_oom(void)
{
	return nd_error_set(ND_ENOMEM, "out of memory");
}

const char *nd_error_message(void)
{
	return message;
}

void nd_error_clear(void)
{
	message[0] = '\0';
}
