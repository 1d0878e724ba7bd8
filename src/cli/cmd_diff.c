/* cmd_diff.c - `normdiff diff`: compare two versions provision by provision.
 *
 * Forms:
 *   normdiff diff OLD NEW                 each a file, -, REV:PATH or label
 *   normdiff diff REV1 REV2 -- PATH       inside a git repository
 *   normdiff diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE
 *                                         as git's external diff
 *
 * Exit status as diff(1): 0 no change, 1 changes, 2 trouble. What counts as
 * a change is every kind but unchanged, and a move; renumbering alone is
 * not a change (it is what normdiff exists to see through), and neither is
 * a modification that only renumbers cross-references (xref_only) unless
 * --fail-on names modified explicitly, nor a split or merge that changed
 * no word (layout) unless --fail-on names split or merged. --fail-on
 * narrows it to the kinds a CI policy cares about. As git's external diff
 * the status is 0 unless there is trouble, since git treats any other
 * status as a failed diff.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "normdiff/changeset.h"
#include "normdiff/error.h"
#include "opts.h"

/* --fail-on flags, one bit per kind plus moved and renumbered. */
#define FAIL_MOVED (1u << ND_CHANGE_KINDS)
#define FAIL_RENUMBERED (1u << (ND_CHANGE_KINDS + 1))
/* In the default only: a modification of cross-references that follows the
 * renumbering is renumbering, and a split or merge that changed no word is
 * layout: neither is a change. */
#define FAIL_XREF_AS_RENUMBERING (1u << (ND_CHANGE_KINDS + 2))
#define FAIL_DEFAULT \
	((1u << ND_CHANGE_MODIFIED) | (1u << ND_CHANGE_ADDED) | \
	 (1u << ND_CHANGE_REMOVED) | (1u << ND_CHANGE_SPLIT) | \
	 (1u << ND_CHANGE_MERGED) | FAIL_MOVED | FAIL_XREF_AS_RENUMBERING)

static int parse_fail_on(const char *s, unsigned *mask)
{
	char *copy = nd_strdup(s), *tok, *save = NULL;
	unsigned m = 0;
	int k;

	if (!copy)
		return cli_fail(NULL, "out of memory");
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		for (k = 0; k < ND_CHANGE_KINDS; k++)
			if (!strcmp(tok, nd_change_kind_name((nd_change_kind)k)))
				break;
		if (k < ND_CHANGE_KINDS)
			m |= 1u << k;
		else if (!strcmp(tok, "moved"))
			m |= FAIL_MOVED;
		else if (!strcmp(tok, "renumbered"))
			m |= FAIL_RENUMBERED;
		else {
			cli_fail("--fail-on", "unknown kind '%s'; use a comma-separated "
			         "list of modified, added, removed, split, merged, "
			         "moved, renumbered, unchanged", tok);
			free(copy);
			return EXIT_TROUBLE;
		}
	}
	free(copy);
	if (!m)
		return cli_fail("--fail-on", "give at least one kind, e.g. "
		                "--fail-on=removed,modified");
	*mask = m;
	return 0;
}

static int counts_as_change(const nd_change *c, unsigned mask)
{
	if ((c->xref_only || c->layout) && (mask & FAIL_XREF_AS_RENUMBERING))
		return (c->moved && (mask & FAIL_MOVED)) ||
		       (c->renumbered && (mask & FAIL_RENUMBERED));
	return (mask & (1u << c->kind)) || (c->moved && (mask & FAIL_MOVED)) ||
	       (c->renumbered && (mask & FAIL_RENUMBERED));
}

int cmd_diff(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"stat", no_argument, NULL, 's'},
		{"color", optional_argument, NULL, 'C'},
		{"colour", optional_argument, NULL, 'C'},
		{"output", required_argument, NULL, 'o'},
		{"changed-only", no_argument, NULL, 'c'},
		{"ignore-case", no_argument, NULL, 'i'},
		{"ignore-punctuation", no_argument, NULL, 'p'},
		{"fail-on", required_argument, NULL, 'F'},
		{"quiet", no_argument, NULL, 'q'},
		{"width", required_argument, NULL, 'w'},
		{"threshold", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0},
	};
	const char *format = "text", *output = NULL, *color = "auto", *path = NULL;
	nd_align_opts ao;
	nd_report_opts ro;
	cli_comparison cmp = {0};
	nd_buf out = ND_BUF_INIT, specbuf[2] = {ND_BUF_INIT, ND_BUF_INIT};
	unsigned mask = FAIL_DEFAULT;
	long width = -1;
	int ch, quiet = 0, gitmode = 0, status = EXIT_TROUBLE, npos;
	const char *spec[2];
	size_t k;

	nd_align_opts_init(&ao);
	memset(&ro, 0, sizeof(ro));
	/* "-- PATH": what follows is the path, not options or versions */
	for (k = 1; k < (size_t)argc; k++)
		if (!strcmp(argv[k], "--"))
			break;
	if (k < (size_t)argc) {
		if ((size_t)argc - k != 2)
			return cli_fail("diff", "give one path after --: normdiff diff "
			                "REV1 REV2 -- PATH");
		path = argv[k + 1];
		argc = (int)k;
	}
	optind = 0;
	while ((ch = cli_getopt(argc, argv, "f:o:qw:", longopts)) != -1) {
		switch (ch) {
		case 'f': format = optarg; break;
		case 's': ro.stat_only = 1; break;
		case 'C': color = optarg ? optarg : "always"; break;
		case 'o': output = optarg; break;
		case 'c': ro.changed_only = 1; break;
		case 'q': quiet = 1; break;
		case 'F':
			if (parse_fail_on(optarg, &mask))
				return EXIT_TROUBLE;
			break;
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
	if (!nd_report_format_find(format))
		return cli_fail("--format", "unknown format '%s'; use one of %s", format,
		                nd_report_formats());
	npos = argc - optind;
	if (path && npos != 2) {
		return cli_fail("diff", "give two revisions before --: normdiff diff "
		                "REV1 REV2 -- PATH");
	} else if (path) {
		/* REV1 REV2 -- PATH: the two revisions of one path in this repo */
		for (k = 0; k < 2; k++)
			if (nd_buf_printf(&specbuf[k], "%s:%s", argv[optind + k], path))
				return cli_fail_lib(NULL);
		spec[0] = specbuf[0].ptr;
		spec[1] = specbuf[1].ptr;
	} else if (npos == 1 && getenv("GIT_DIFF_PATH_TOTAL")) {
		/* git's external diff for an unmerged path: nothing to compare */
		cli_say("normdiff: %s: unmerged, not compared", argv[optind]);
		return EXIT_SAME;
	} else if (npos == 7 || npos == 9) {
		/* git's external diff: PATH OLD-FILE HEX MODE NEW-FILE HEX MODE,
		 * and for a rename NEW-PATH and git's rename message */
		gitmode = 1;
		spec[0] = argv[optind + 1];
		spec[1] = argv[optind + 4];
	} else if (npos == 2) {
		spec[0] = argv[optind];
		spec[1] = argv[optind + 1];
	} else {
		return cli_fail("diff", "give two versions: normdiff diff OLD NEW "
		                "(or REV1 REV2 -- PATH)");
	}
	if (cli_compare(c, "diff", &cmp, spec[0], spec[1], &ao, gitmode, quiet))
		goto done;
	status = EXIT_SAME;
	for (k = 0; k < cmp.cs->n; k++)
		if (counts_as_change(&cmp.cs->changes[k], mask))
			status = EXIT_DIFFERENT;
	if (gitmode)
		status = EXIT_SAME;
	if (quiet)
		goto done;
	cmp.old.in.info.spec = gitmode ? argv[optind] : spec[0];
	cmp.new.in.info.spec = gitmode ? argv[optind + (npos == 9 ? 7 : 0)] : spec[1];
	ro.old_info = &cmp.old.in.info;
	ro.new_info = &cmp.new.in.info;
	ro.color = output ? 0 : cli_use_color(color);
	if (width < 0)
		width = !output && isatty(STDOUT_FILENO) ? cli_terminal_width()
		                                         : PIPE_WIDTH;
	ro.width = (unsigned)width;
	if (nd_render_report(&out, cmp.cs, format, &ro)) {
		status = cli_fail_lib("diff");
		goto done;
	}
	if (cli_write(output, &out))
		status = EXIT_TROUBLE;
done:
	nd_buf_dispose(&out);
	nd_buf_dispose(&specbuf[0]);
	nd_buf_dispose(&specbuf[1]);
	cli_comparison_dispose(&cmp);
	return status;
}
