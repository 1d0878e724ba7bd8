/* progress.c - a progress line on standard error, when it is a terminal,
 * for work that takes a while: "normdiff: aligning  42%".
 */
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* Shown only for work that takes longer than this, in seconds. */
#define PROGRESS_AFTER 0.5

static double elapsed(const cli_progress *p)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - p->start.tv_sec) +
	       (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
}

void cli_progress_start(cli_progress *p, int quiet)
{
	clock_gettime(CLOCK_MONOTONIC, &p->start);
	p->enabled = isatty(STDERR_FILENO) && !quiet;
	p->shown = 0;
	p->phase = NULL;
	p->percent = 0;
}

void cli_progress_show(void *ud, const char *phase, size_t done, size_t total)
{
	cli_progress *p = ud;
	unsigned percent = total ? (unsigned)(100.0 * (double)done / (double)total) : 0;

	if (!p->enabled || (p->shown && p->phase == phase && p->percent == percent) ||
	    elapsed(p) < PROGRESS_AFTER)
		return;
	fprintf(stderr, "\rnormdiff: %s %3u%%", phase, percent);
	fflush(stderr);
	p->shown = 1;
	p->phase = phase;
	p->percent = percent;
}

void cli_progress_end(cli_progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = 0;
}
