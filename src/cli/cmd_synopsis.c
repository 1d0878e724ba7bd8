/* cmd_synopsis.c - `normdiff synopsis`: the comparison table of a series
 * of versions, one row per strand of provisions, one column per version.
 *
 *   normdiff synopsis V1 V2 [V3...]     specs oldest first (cli_load)
 *   normdiff synopsis --series S        every version of store series S
 *   normdiff synopsis                   the series of the store's newest
 *
 * --baseline V names the version every cell is compared with: one whose
 * store label is V, else one whose spec is V as given, else the V-th
 * (1..N). The format is --format's, else the
 * one the -o file's extension names (.txt .md .markdown .csv .json .html
 * .htm), else text; a --format that contradicts the extension is an
 * error, as for diff. Exit status: 0, or 2 for trouble.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "normdiff/synopsis.h"
#include "opts.h"

/* The version --baseline names, 0-based, or ND_NONE after printing: a
 * store label, else a spec as given, else an index 1..N (labels first:
 * they are often years, "2011", and never a position). */
static size_t find_baseline(const cli_series *s, const char *want)
{
	size_t k, n = strspn(want, "0123456789");

	for (k = 0; k < s->n; k++)
		if (s->infos[k].label && !strcmp(s->infos[k].label, want))
			return k;
	for (k = 0; k < s->n; k++)
		if (!strcmp(s->sides[k].spec, want))
			return k;
	if (n && !want[n] && n < 10 && strtoul(want, NULL, 10) >= 1 &&
	    strtoul(want, NULL, 10) <= s->n)
		return (size_t)strtoul(want, NULL, 10) - 1;
	cli_fail("--baseline", "'%s' is none of the %zu versions: give an index "
	         "from 1 to %zu, a label or a version as given", want, s->n, s->n);
	return ND_NONE;
}

/* What the command line asks for. */
typedef struct syn_args {
	cli_out out;                   /* --format, -o, --color, --width */
	const char *series, *baseline; /* --series, --baseline */
	nd_align_opts ao;              /* how provisions are matched */
} syn_args;

/* Parse the options into *a; the versions are argv[optind..argc).
 * 0, or EXIT_TROUBLE after printing. */
static int parse_args(int argc, char **argv, syn_args *a)
{
	static const struct option longopts[] = {
		{"series", required_argument, NULL, 'S'},
		{"baseline", required_argument, NULL, 'b'},
		{"format", required_argument, NULL, 'f'},
		{"output", required_argument, NULL, 'o'},
		{"color", optional_argument, NULL, 'C'},
		{"colour", optional_argument, NULL, 'C'},
		{"width", required_argument, NULL, 'w'},
		{"ignore-case", no_argument, NULL, 'i'},
		{"ignore-punctuation", no_argument, NULL, 'p'},
		{"threshold", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	static const char *const formats[] = {"text", "markdown", "csv", "json",
	                                      "html", NULL};
	int ch, taken;

	memset(a, 0, sizeof(*a));
	cli_out_init(&a->out);
	nd_align_opts_init(&a->ao);
	optind = 0;
	while ((ch = cli_getopt(argc, argv, "f:o:w:", longopts)) != -1) {
		if (ch == 'S')
			a->series = optarg;
		else if (ch == 'b')
			a->baseline = optarg;
		else if ((taken = cli_out_option(&a->out, ch, optarg)) < 0 ||
		         (!taken && cli_align_option(ch, optarg, &a->ao) <= 0))
			return EXIT_TROUBLE;
	}
	return cli_out_check(&a->out, formats, nd_synopsis_formats());
}

/* Render the synopsis of the loaded series and write it; 0 or
 * EXIT_TROUBLE. */
static int write_table(const cli_series *s, const syn_args *a)
{
	nd_synopsis_opts so;
	nd_rows rows = {0};
	nd_buf out = ND_BUF_INIT;
	int status = EXIT_TROUBLE;

	nd_synopsis_opts_init(&so);
	if (a->baseline &&
	    (so.baseline = find_baseline(s, a->baseline)) == ND_NONE)
		return EXIT_TROUBLE;
	so.infos = s->infos;
	so.color = cli_out_color(&a->out);
	so.width = cli_out_width(&a->out);
	if (nd_series_rows(&rows, s->series) ||
	    nd_render_synopsis(&out, s->series, &rows, a->out.format, &so))
		cli_fail_lib("synopsis");
	else if (!cli_write_report(a->out.output, &out))
		status = EXIT_SAME;
	nd_buf_dispose(&out);
	nd_rows_dispose(&rows);
	return status;
}

int cmd_synopsis(cli *c, int argc, char **argv)
{
	syn_args a;
	cli_series s;
	size_t nspecs;
	int status;

	if (parse_args(argc, argv, &a))
		return EXIT_TROUBLE;
	nspecs = (size_t)(argc - optind);
	if (nspecs == 1)
		return cli_fail("synopsis", "give at least two versions, oldest "
		                "first, or --series for a store series");
	if (cli_series_load(c, "synopsis", &s, argv + optind, nspecs, a.series,
	                    &a.ao, 0))
		return EXIT_TROUBLE;
	if (s.n < 2)
		status = cli_fail(a.series ? a.series : "synopsis", "the series "
		                  "holds %zu version; a synopsis needs two or more "
		                  "(`normdiff add` stores another)", s.n);
	else
		status = write_table(&s, &a);
	cli_series_dispose(&s);
	return status;
}
