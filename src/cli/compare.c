/* compare.c - load two versions and compare them, for `diff` and `tui`:
 * the specs resolved, the texts parsed, the change set computed, with
 * progress on a terminal for work that takes a while.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "normdiff/error.h"

/* Progress goes to a terminal on standard error, only for work that takes
 * longer than this. */
#define PROGRESS_AFTER 0.5

typedef struct progress {
	struct timespec start; /* when the work started */
	int shown;             /* a progress line is on screen */
	int enabled;           /* standard error is a terminal */
	const char *phase;     /* the phase on screen */
	unsigned percent;      /* the percentage on screen */
} progress;

static double elapsed(const progress *p)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - p->start.tv_sec) +
	       (double)(now.tv_nsec - p->start.tv_nsec) / 1e9;
}

static void show_progress(void *ud, const char *phase, size_t done,
                          size_t total)
{
	progress *p = ud;
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

static void end_progress(progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	p->shown = 0;
}

static int load_side(cli *c, cli_side *s, const char *spec, int allow_empty)
{
	s->spec = spec;
	if (cli_load(c, spec, &s->in))
		return EXIT_TROUBLE;
	if (allow_empty && s->in.len == 0)
		return nd_doc_empty(&s->doc) ? cli_fail_lib(spec) : 0;
	return cli_parse(c, spec, s->in.data, s->in.len, &s->doc);
}

int cli_compare(cli *c, const char *cmd, cli_comparison *cmp, const char *old,
                const char *new, const nd_align_opts *ao, int allow_empty,
                int quiet)
{
	progress prog = {0};
	int status = EXIT_TROUBLE;

	memset(cmp, 0, sizeof(*cmp));
	if (!strcmp(old, "-") && !strcmp(new, "-"))
		return cli_fail(cmd, "only one side can be standard input");
	clock_gettime(CLOCK_MONOTONIC, &prog.start);
	prog.enabled = isatty(STDERR_FILENO) && !quiet;
	show_progress(&prog, "reading", 0, 2);
	if (load_side(c, &cmp->old, old, allow_empty))
		goto done;
	show_progress(&prog, "reading", 1, 2);
	if (load_side(c, &cmp->new, new, allow_empty))
		goto done;
	if (nd_changeset_compute(&cmp->cs, cmp->old.doc, cmp->new.doc, ao,
	                         show_progress, &prog)) {
		cli_fail_lib(cmd);
		goto done;
	}
	status = 0;
done:
	end_progress(&prog);
	if (status)
		cli_comparison_dispose(cmp);
	return status;
}

void cli_comparison_dispose(cli_comparison *cmp)
{
	nd_changeset_free(cmp->cs);
	nd_doc_free(cmp->old.doc);
	nd_doc_free(cmp->new.doc);
	cli_input_dispose(&cmp->old.in);
	cli_input_dispose(&cmp->new.in);
	memset(cmp, 0, sizeof(*cmp));
}

int cli_align_option(int ch, const char *arg, nd_align_opts *ao)
{
	char *end;
	double t;

	switch (ch) {
	case 'i': ao->ignore_case = 1; return 1;
	case 'p': ao->ignore_punct = 1; return 1;
	case 't':
		t = strtod(arg, &end);
		if (!*arg || *end || !(t > 0 && t <= 1)) {
			cli_fail(NULL, "--threshold needs a number above 0 and at most 1, "
			         "not '%s'", arg);
			return -1;
		}
		ao->threshold = t;
		return 1;
	default:
		return 0;
	}
}
