/* cmd_history.c - `normdiff history`: every provision of the newest
 * version with the version it came in, the versions that changed it and
 * its labels through time; or, with --provision, one provision through
 * every version, with its word edits and a word blame.
 *
 * Versions are given oldest first (files, -, REV:PATH, store labels or
 * revisions), or --series S for every version of a store series; with
 * neither, the series of the store's newest version. When every version
 * is stored, the whole report is kept in the store's cache, so asking
 * again reads nothing but the versions' bytes. Exit status: 0, or 2 on
 * trouble.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "normdiff/history.h"
#include "opts.h"

/* --provision NAME in the newest version, or an error. */
static int find(const cli_series *s, const char *name, size_t *out)
{
	const nd_doc *d = s->sides[s->n - 1].doc;
	int ambiguous;

	*out = nd_find_provision(d, name, &ambiguous);
	if (ambiguous)
		return cli_fail("--provision", "'%s' names several provisions of "
		                "%s; give its path, e.g. \"Heading/%s\" (`normdiff "
		                "outline --format=json` shows the paths)", name,
		                s->sides[s->n - 1].spec, name);
	if (*out == ND_NONE)
		return cli_fail("--provision", "no provision '%s' in %s, the newest "
		                "version; `normdiff outline %s` lists its labels",
		                name, s->sides[s->n - 1].spec, s->sides[s->n - 1].spec);
	return 0;
}

/* The report of a series read but not yet compared: from the store's
 * cache when every version is stored and it was made before, else
 * computed (and kept there). */
static int history(cli *c, cli_series *s, const nd_align_opts *ao,
                   const cli_out *co, const char *provision)
{
	nd_history_opts o;
	nd_buf out = ND_BUF_INIT, key = ND_BUF_INIT, what = ND_BUF_INIT;
	int status = EXIT_TROUBLE;

	memset(&o, 0, sizeof(o));
	o.infos = s->infos;
	o.provision = ND_NONE;
	o.color = cli_out_color(co);
	o.width = cli_out_width(co);
	if (nd_buf_printf(&what, "history\nformat %s\nwidth %u\ncolor %d\n",
	                  co->format, o.width, o.color) ||
	    (provision && nd_buf_printf(&what, "provision %zu %s\n",
	                                strlen(provision), provision))) {
		cli_fail(NULL, "out of memory");
		goto done;
	}
	if (!cli_output_cached(c, s->sides, s->n, ao, what.ptr, &key, &out)) {
		if (cli_series_compare(c, s, ao, 0) ||
		    (provision && find(s, provision, &o.provision)))
			goto done;
		if (nd_render_history(&out, s->series, co->format, &o)) {
			cli_fail_lib("history");
			goto done;
		}
		cli_output_keep(c, &key, &out);
	}
	status = cli_write_report(co->output, &out) ? EXIT_TROUBLE : 0;
done:
	nd_buf_dispose(&out);
	nd_buf_dispose(&key);
	nd_buf_dispose(&what);
	return status;
}

int cmd_history(cli *c, int argc, char **argv)
{
	static const char *const formats[] = {"text", "markdown", "json", "html",
	                                      NULL};
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"series", required_argument, NULL, 'S'},
		{"provision", required_argument, NULL, 'P'},
		{"color", optional_argument, NULL, 'C'},
		{"colour", optional_argument, NULL, 'C'},
		{"output", required_argument, NULL, 'o'},
		{"width", required_argument, NULL, 'w'},
		{"ignore-case", no_argument, NULL, 'i'},
		{"ignore-punctuation", no_argument, NULL, 'p'},
		{"threshold", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	const char *series = NULL, *provision = NULL;
	nd_align_opts ao;
	cli_out co;
	cli_series s;
	int ch, status;

	nd_align_opts_init(&ao);
	cli_out_init(&co);
	optind = 0;
	while ((ch = cli_getopt(argc, argv, "f:o:w:", longopts)) != -1) {
		if (ch == 'S')
			series = optarg;
		else if (ch == 'P')
			provision = optarg;
		else if ((status = cli_out_option(&co, ch, optarg)) < 0)
			return EXIT_TROUBLE;
		else if (!status && cli_align_option(ch, optarg, &ao) <= 0)
			return EXIT_TROUBLE;
	}
	if (cli_out_check(&co, formats, nd_history_formats()))
		return EXIT_TROUBLE;
	if (provision && !*provision)
		return cli_fail("--provision", "give a label or a path, e.g. "
		                "--provision \"(2)\"");
	if (!cli_grammar(c)) /* first: cached reports are keyed by it */
		return EXIT_TROUBLE;
	if (cli_series_read(c, "history", &s, argv + optind,
	                    (size_t)(argc - optind), series))
		return EXIT_TROUBLE;
	status = history(c, &s, &ao, &co, provision);
	cli_series_dispose(&s);
	return status;
}
