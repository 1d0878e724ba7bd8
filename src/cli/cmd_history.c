/* cmd_history.c - `normdiff history`: every provision of the newest
 * version with the version it came in, the versions that changed it and
 * its labels through time; or, with --provision, one provision through
 * every version, with its word edits and a word blame.
 *
 * Versions are given oldest first (files, -, REV:PATH, store labels or
 * revisions), or --series S for every version of a store series; with
 * neither, the series of the store's newest version. Exit status: 0, or 2
 * on trouble.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

static int write_history(const cli_series *s, const char *format,
                         const char *output, const char *color, long width,
                         size_t provision)
{
	nd_history_opts o;
	nd_buf out = ND_BUF_INIT;
	int status = 0;

	memset(&o, 0, sizeof(o));
	o.infos = s->infos;
	o.provision = provision;
	o.color = output ? 0 : cli_use_color(color);
	if (width < 0)
		width = !output && isatty(STDOUT_FILENO) ? cli_terminal_width()
		                                         : PIPE_WIDTH;
	o.width = (unsigned)width;
	if (nd_render_history(&out, s->series, format, &o))
		status = cli_fail_lib("history");
	else if (cli_write(output, &out))
		status = EXIT_TROUBLE;
	nd_buf_dispose(&out);
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
	const char *format = NULL, *output = NULL, *color = "auto";
	const char *series = NULL, *provision = NULL;
	nd_align_opts ao;
	cli_series s;
	size_t which = ND_NONE;
	long width = -1;
	int ch, status;

	nd_align_opts_init(&ao);
	optind = 0;
	while ((ch = cli_getopt(argc, argv, "f:o:w:", longopts)) != -1) {
		switch (ch) {
		case 'f': format = optarg; break;
		case 'S': series = optarg; break;
		case 'P': provision = optarg; break;
		case 'C': color = optarg ? optarg : "always"; break;
		case 'o': output = optarg; break;
		case 'w':
			if ((width = cli_number("--width", optarg, 100000)) < 0)
				return EXIT_TROUBLE;
			break;
		default:
			if (cli_align_option(ch, optarg, &ao) <= 0)
				return EXIT_TROUBLE;
		}
	}
	if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never"))
		return cli_fail("--color", "use auto, always or never, not '%s'", color);
	if (cli_pick_format(format, output, formats, nd_history_formats(), &format))
		return EXIT_TROUBLE;
	if (provision && !*provision)
		return cli_fail("--provision", "give a label or a path, e.g. "
		                "--provision \"(2)\"");
	if (cli_series_load(c, "history", &s, argv + optind,
	                    (size_t)(argc - optind), series, &ao, 0))
		return EXIT_TROUBLE;
	status = provision ? find(&s, provision, &which) : 0;
	if (!status)
		status = write_history(&s, format, output, color, width, which);
	cli_series_dispose(&s);
	return status;
}
