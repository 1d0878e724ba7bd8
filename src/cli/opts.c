/* opts.c - see opts.h. */
#define _GNU_SOURCE 1
#include "opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

/* "--stat=3": a long option without a value given one (getopt then
 * reports the option's letter as if it were unknown). */
static int takes_no_value(const struct option *longopts, const char *arg,
                          int val)
{
	size_t n = strcspn(arg, "=");

	if (arg[0] != '-' || arg[1] != '-' || !arg[n])
		return 0;
	for (; longopts->name; longopts++)
		if (longopts->val == val && !strncmp(longopts->name, arg + 2, n - 2))
			return 1;
	return 0;
}

size_t cli_edits(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t d[16][16];

	if (la > 15 || lb > 15)
		return 9;
	for (i = 0; i <= la; i++)
		d[i][0] = i;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++)
		for (j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);

			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	return d[la][lb] < 9 ? d[la][lb] : 9;
}

/* The long option `bad` (without its value) most likely meant: within
 * two edits of its name, the only one that near. */
static const char *nearest_option(const struct option *longopts,
                                  const char *bad, size_t n)
{
	char name[32];
	const char *best = NULL;
	size_t d, bestd = 3;
	int tie = 0;

	if (n < 3 || n - 2 >= sizeof(name))
		return NULL;
	memcpy(name, bad + 2, n - 2);
	name[n - 2] = '\0';
	for (; longopts->name; longopts++) {
		d = cli_edits(name, longopts->name);
		if (d < bestd) {
			best = longopts->name;
			bestd = d;
			tie = 0;
		} else if (d == bestd && best && strcmp(best, longopts->name)) {
			tie = 1;
		}
	}
	return tie ? NULL : best;
}

int cli_getopt(int argc, char **argv, const char *shortopts,
               const struct option *longopts)
{
	char spec[64];
	int ch;

	/* a leading ':' makes getopt tell a missing value (':') from an
	 * unknown option ('?') */
	snprintf(spec, sizeof(spec), ":%s", shortopts);
	opterr = 0;
	ch = getopt_long(argc, argv, spec, longopts, NULL);
	if (ch == ':') {
		const char *bad = argv[optind - 1];
		int namelen = (int)strcspn(bad, "=");

		if (bad[0] == '-' && bad[1] == '-')
			cli_fail(argv[0], "option '%.*s' needs a value", namelen, bad);
		else
			cli_fail(argv[0], "option '-%c' needs a value", optopt);
		return '?';
	}
	if (ch == '?') {
		const char *bad = argv[optind - 1];
		int namelen = (int)strcspn(bad, "=");

		if (optopt && takes_no_value(longopts, bad, optopt))
			cli_fail(argv[0], "option '%.*s' takes no value", namelen, bad);
		else if (optopt)
			cli_fail(argv[0], "unknown option '-%c'; `normdiff --help` lists "
			         "the options (a file whose name starts with - goes "
			         "after --)", optopt);
		else if (nearest_option(longopts, bad, (size_t)namelen))
			cli_fail(argv[0], "unknown option '%.*s'; did you mean '--%s'?",
			         namelen, bad,
			         nearest_option(longopts, bad, (size_t)namelen));
		else
			cli_fail(argv[0], "unknown option '%.*s'; `normdiff %s --help` "
			         "lists the options", namelen, bad, argv[0]);
	}
	return ch;
}

long cli_number(const char *opt, const char *value, long max)
{
	char *end;
	long v = strtol(value, &end, 10);

	if (!*value || *end || v < 0 || v > max) {
		cli_fail(NULL, "%s needs a number from 0 to %ld, not '%s'", opt, max,
		         value);
		return -1;
	}
	return v;
}

void cli_out_init(cli_out *o)
{
	o->format = NULL;
	o->output = NULL;
	o->color = "auto";
	o->width = -1;
}

int cli_out_option(cli_out *o, int ch, const char *arg)
{
	switch (ch) {
	case 'f': o->format = arg; return 1;
	case 'o': o->output = arg; return 1;
	case 'C': o->color = arg ? arg : "always"; return 1;
	case 'w':
		return (o->width = cli_number("--width", arg, 100000)) < 0 ? -1 : 1;
	default: return 0;
	}
}

int cli_out_check(cli_out *o, const char *const *names, const char *list)
{
	if (strcmp(o->color, "auto") && strcmp(o->color, "always") &&
	    strcmp(o->color, "never"))
		return cli_fail("--color", "use auto, always or never, not '%s'",
		                o->color);
	return cli_pick_format(o->format, o->output, names, list, &o->format);
}

int cli_out_color(const cli_out *o)
{
	return o->output ? 0 : cli_use_color(o->color);
}

unsigned cli_out_width(const cli_out *o)
{
	if (o->width >= 0)
		return (unsigned)o->width;
	return !o->output && isatty(STDOUT_FILENO) ? cli_terminal_width()
	                                           : PIPE_WIDTH;
}
