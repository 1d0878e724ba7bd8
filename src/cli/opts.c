/* opts.c - see opts.h. */
#define _GNU_SOURCE 1
#include "opts.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_getopt(int argc, char **argv, const char *shortopts,
               const struct option *longopts)
{
	int ch;

	opterr = 0;
	ch = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (ch == '?') {
		const char *bad = argv[optind - 1];
		int is_long = bad[0] == '-' && bad[1] == '-';
		int namelen = (int)strcspn(bad, "=");

		if (optopt && is_long)
			cli_fail(argv[0], "option '%.*s' needs a value", namelen, bad);
		else if (optopt && strchr(shortopts, optopt))
			cli_fail(argv[0], "option '-%c' needs a value", optopt);
		else if (optopt)
			cli_fail(argv[0], "unknown option '-%c'; `normdiff --help` "
			         "lists the options", optopt);
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
