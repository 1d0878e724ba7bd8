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
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "normdiff/synopsis.h"
#include "opts.h"

static int pick_format(const char *given, const char *output,
                       const char **format)
{
	static const char *const ext[][2] = {
		{".txt", "text"}, {".md", "markdown"}, {".markdown", "markdown"},
		{".csv", "csv"}, {".json", "json"}, {".html", "html"},
		{".htm", "html"}};
	const char *dot = output ? strrchr(output, '.') : NULL, *named = NULL;
	size_t k;

	if (dot && strchr(dot, '/'))
		dot = NULL; /* a dot in a directory's name */
	for (k = 0; dot && k < sizeof(ext) / sizeof(ext[0]); k++)
		if (!strcasecmp(dot, ext[k][0]))
			named = ext[k][1];
	if (given && !nd_synopsis_format_known(given))
		return cli_fail("--format", "unknown format '%s'; use one of %s",
		                given, nd_synopsis_formats());
	if (given && named && strcmp(given, named))
		return cli_fail(output, "its extension says %s, but --format says "
		                "%s; drop --format or change the file's name", named,
		                given);
	*format = given ? given : named ? named : "text";
	return 0;
}

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
	const char *format, *output, *color; /* --format, -o, --color */
	const char *series, *baseline;       /* --series, --baseline */
	long width;                          /* --width, -1 for none */
	nd_align_opts ao;                    /* how provisions are matched */
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
	int ch;

	memset(a, 0, sizeof(*a));
	a->color = "auto";
	a->width = -1;
	nd_align_opts_init(&a->ao);
	optind = 0;
	while ((ch = cli_getopt(argc, argv, "f:o:w:", longopts)) != -1) {
		switch (ch) {
		case 'S': a->series = optarg; break;
		case 'b': a->baseline = optarg; break;
		case 'f': a->format = optarg; break;
		case 'o': a->output = optarg; break;
		case 'C': a->color = optarg ? optarg : "always"; break;
		case 'w':
			if ((a->width = cli_number("--width", optarg, 100000)) < 0)
				return EXIT_TROUBLE;
			break;
		default:
			if (cli_align_option(ch, optarg, &a->ao) <= 0)
				return EXIT_TROUBLE;
		}
	}
	if (strcmp(a->color, "auto") && strcmp(a->color, "always") &&
	    strcmp(a->color, "never"))
		return cli_fail("--color", "use auto, always or never, not '%s'",
		                a->color);
	return pick_format(a->format, a->output, &a->format);
}

/* Render the synopsis of the loaded series and write it; 0 or
 * EXIT_TROUBLE. */
static int write_table(const cli_series *s, const syn_args *a)
{
	nd_synopsis_opts so;
	nd_rows rows = {0};
	nd_buf out = ND_BUF_INIT;
	long width = a->width;
	int status = EXIT_TROUBLE;

	nd_synopsis_opts_init(&so);
	if (a->baseline &&
	    (so.baseline = find_baseline(s, a->baseline)) == ND_NONE)
		return EXIT_TROUBLE;
	so.infos = s->infos;
	so.color = a->output ? 0 : cli_use_color(a->color);
	if (width < 0)
		width = !a->output && isatty(STDOUT_FILENO) ? cli_terminal_width()
		                                            : PIPE_WIDTH;
	so.width = (unsigned)width;
	if (nd_series_rows(&rows, s->series) ||
	    nd_render_synopsis(&out, s->series, &rows, a->format, &so))
		cli_fail_lib("synopsis");
	else if (!cli_write(a->output, &out))
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
