/* opts.c - see opts.h. */
#define _GNU_SOURCE 1
#include "opts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		else
			cli_fail(argv[0], "unknown option '%.*s'; `normdiff --help` "
			         "lists the options", namelen, bad);
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
