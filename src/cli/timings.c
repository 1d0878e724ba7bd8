/* timings.c - where a run's time went, on standard error when asked
 * (--timings, or NORMDIFF_TIMINGS set and not "0"): one line a phase,
 * in the order the phases first ran, then the total with the CPU time and
 * peak memory of the process:
 *
 *   normdiff: time: read                 0.004 s
 *   normdiff: time: align: similar       0.041 s
 *   normdiff: time: total                0.521 s wall, 0.503 s CPU, 124.2 MB
 *
 * The rows live here, in the main thread only; work done on another thread
 * is timed there and added here once it is joined.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "cli.h"

#define MAX_ROWS 48

static struct {
	int on;
	double start;
	size_t n;
	struct {
		char name[40];
		double seconds;
	} row[MAX_ROWS];
} t;

double cli_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_timings_start(int asked)
{
	const char *env = getenv("NORMDIFF_TIMINGS");

	t.on = asked || (env && *env && strcmp(env, "0"));
	t.start = cli_clock();
}

int cli_timings_on(void)
{
	return t.on;
}

void cli_time_add(const char *phase, double seconds)
{
	size_t k;

	if (!t.on)
		return;
	for (k = 0; k < t.n && strcmp(t.row[k].name, phase); k++)
		;
	if (k == t.n) {
		if (k == MAX_ROWS)
			return;
		snprintf(t.row[k].name, sizeof(t.row[k].name), "%s", phase);
		t.row[t.n++].seconds = 0;
	}
	t.row[k].seconds += seconds;
}

void cli_time_since(const char *phase, double since)
{
	if (t.on)
		cli_time_add(phase, cli_clock() - since);
}

void cli_time_passes(const nd_timings *passes)
{
	char name[40];
	size_t k;

	for (k = 0; t.on && k < passes->n; k++) {
		snprintf(name, sizeof(name), "align: %s", passes->row[k].pass);
		cli_time_add(name, passes->row[k].seconds);
	}
}

void cli_timings_print(void)
{
	struct rusage ru;
	double cpu = 0, peak = 0;
	size_t k;

	if (!t.on)
		return;
	for (k = 0; k < t.n; k++)
		cli_note("time: %-24s %7.3f s", t.row[k].name, t.row[k].seconds);
	if (getrusage(RUSAGE_SELF, &ru) == 0) {
		cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
		      (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
		peak = (double)ru.ru_maxrss / 1024.0; /* KB on Linux */
	}
	cli_note("time: %-24s %7.3f s wall, %.3f s CPU, %.1f MB", "total",
	         cli_clock() - t.start, cpu, peak);
}
