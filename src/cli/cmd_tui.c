/* cmd_tui.c - `normdiff tui`: read two versions interactively.
 *
 * Forms:
 *   normdiff tui                  the two newest versions of the store's
 *                                 newest series
 *   normdiff tui VERSION          that version against the one before it
 *   normdiff tui FILE.docx        the file's tracked changes: its text with
 *                                 them rejected against it with them
 *                                 accepted (also an OpenDocument file)
 *   normdiff tui OLD NEW          any two specs, as for diff
 *
 * When the new version comes from the store, the `v` key can pick any two
 * versions of its series; each pick is compared here, on request, with
 * errors caught as messages for the screen. The history and synopsis
 * views (`H`, `S`) ask, once, for the whole series: every version of the
 * history compared with the next (cli_series_load), oldest first.
 *
 * --dump COLSxROWS prints the screen as text instead of opening the
 * terminal, after replaying --keys; screen tests and the captures in the
 * docs use it. Exit status: 0 after quitting, 2 on trouble.
 */
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "normdiff/error.h"
#include "normdiff/tui.h"
#include "opts.h"

/* The store's history of one series, and the comparison on screen. */
typedef struct session {
	cli *c;                 /* the command line's context */
	nd_align_opts ao;       /* how to compare */
	nd_version *v;          /* the series' versions, newest first */
	size_t nv;              /* how many */
	nd_docinfo *infos;      /* what the picker shows of each */
	cli_comparison cmp;     /* the comparison on screen */
	cli_series ser;         /* the whole series, once asked for */
	int have_ser;           /* ser is loaded */
} session;

/* Index of the version whose commit is `oid`, or s->nv. */
static size_t find_version(const session *s, const char *oid)
{
	size_t k;

	for (k = 0; k < s->nv; k++)
		if (!strcmp(s->v[k].oid, oid))
			break;
	return k;
}

/* The versions of `series` (NULL: the newest version's series). */
static int load_history(session *s, const char *series)
{
	size_t k;

	if (cli_store_series(s->c, "tui", series, &s->v, &s->nv))
		return EXIT_TROUBLE;
	s->infos = calloc(s->nv ? s->nv : 1, sizeof(*s->infos));
	if (!s->infos)
		return cli_fail(NULL, "out of memory");
	for (k = 0; k < s->nv; k++) {
		const nd_version *v = &s->v[k];

		s->infos[k].spec = v->oid;
		s->infos[k].label = v->nlabels ? v->labels[0] : v->meta.label;
		s->infos[k].title = v->meta.title;
		s->infos[k].symbol = v->meta.symbol;
		s->infos[k].date = v->meta.date;
	}
	return 0;
}

/* The picker's callback: compare two versions of the history. */
static int load_pick(void *ud, size_t old, size_t new, nd_tui_view *view)
{
	session *s = ud;
	cli_comparison next;
	nd_buf msg = ND_BUF_INIT;
	int status;

	cli_capture_errors(&msg);
	status = cli_compare(s->c, "tui", &next, s->v[old].oid, s->v[new].oid,
	                     &s->ao, 0, 1);
	cli_capture_errors(NULL);
	if (status) {
		status = nd_error_set(ND_ERR, "%s", msg.ptr ? msg.ptr : "cannot compare");
		nd_buf_dispose(&msg);
		return status;
	}
	nd_buf_dispose(&msg);
	cli_comparison_dispose(&s->cmp);
	s->cmp = next;
	view->cs = s->cmp.cs;
	view->old_info = &s->cmp.old.in.info;
	view->new_info = &s->cmp.new.in.info;
	return 0;
}

/* The history and synopsis views' callback: the series of the history's
 * versions, oldest first (s->v is newest first), loaded once, quietly (the
 * screen is the UI's). */
static int load_series(void *ud, const nd_series **out)
{
	session *s = ud;
	nd_buf msg = ND_BUF_INIT;
	char **specs;
	size_t k;
	int status;

	*out = NULL;
	if (s->have_ser) {
		*out = s->ser.series;
		return 0;
	}
	if ((specs = calloc(s->nv ? s->nv : 1, sizeof(*specs))) == NULL)
		return nd_error_oom();
	for (k = 0; k < s->nv; k++)
		specs[k] = s->v[s->nv - 1 - k].oid;
	cli_capture_errors(&msg);
	status = cli_series_load(s->c, "tui", &s->ser, specs, s->nv, NULL, &s->ao,
	                         1);
	cli_capture_errors(NULL);
	free(specs);
	if (status) {
		status = nd_error_set(ND_ERR, "%s", msg.ptr ? msg.ptr
		                      : "cannot compare the series");
		nd_buf_dispose(&msg);
		return status;
	}
	nd_buf_dispose(&msg);
	s->have_ser = 1;
	*out = s->ser.series;
	return 0;
}

static void session_dispose(session *s)
{
	if (s->have_ser)
		cli_series_dispose(&s->ser);
	cli_comparison_dispose(&s->cmp);
	nd_versions_free(s->v, s->nv);
	free(s->infos);
}

/* "120x40" */
static int parse_size(const char *arg, unsigned *cols, unsigned *rows)
{
	char tail;

	if (sscanf(arg, "%ux%u%c", cols, rows, &tail) != 2)
		return cli_fail("--dump", "give the screen size as COLSxROWS, e.g. "
		                "120x40, not '%s'", arg);
	return 0;
}

/* Draft text is UTF-8; a terminal in another locale would show it as
 * escapes, so the UI asks for UTF-8 when the locale does not give it. */
static void want_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (strcmp(cs, "UTF-8") && strcmp(cs, "utf8"))
		setlocale(LC_CTYPE, "C.UTF-8");
}

/* Resolve the forms with fewer than two specs through the store. */
static int pick_specs(session *s, int npos, char **pos, const char *series,
                      const char **old, const char **new)
{
	nd_store *st;
	size_t k;

	if (npos == 2) {
		*old = pos[0];
		*new = pos[1];
		return 0;
	}
	if ((st = cli_store(s->c, 0)) == NULL)
		return EXIT_TROUBLE;
	if (npos == 1) {
		nd_version ver;
		char *data = NULL;
		size_t len;
		int err;

		nd_version_init(&ver);
		err = nd_store_read(st, pos[0], &data, &len, &ver);
		free(data);
		if (err) {
			nd_version_dispose(&ver);
			return cli_fail_lib(pos[0]);
		}
		err = load_history(s, ver.meta.series ? ver.meta.series
		                                          : "draft.txt");
		k = err ? 0 : find_version(s, ver.oid);
		nd_version_dispose(&ver);
		if (err)
			return EXIT_TROUBLE;
		if (k + 1 >= s->nv)
			return cli_fail(pos[0], "is the oldest version of its series: "
			                "nothing before it to compare with; give two "
			                "versions: normdiff tui OLD NEW");
		*old = s->v[k + 1].oid;
		*new = s->v[k].oid;
		return 0;
	}
	if (load_history(s, series))
		return EXIT_TROUBLE;
	if (s->nv == 0)
		return cli_fail("--series", "the store holds no version of '%s'; "
		                "`normdiff log` lists the versions", series);
	if (s->nv == 1)
		return cli_fail("tui", "the store holds 1 version of this series; "
		                "add another with `normdiff add`, or give two files: "
		                "normdiff tui OLD NEW");
	*old = s->v[1].oid;
	*new = s->v[0].oid;
	return 0;
}

int cmd_tui(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"redline", no_argument, NULL, 'r'},
		{"color", optional_argument, NULL, 'C'},
		{"colour", optional_argument, NULL, 'C'},
		{"series", required_argument, NULL, 'S'},
		{"ignore-case", no_argument, NULL, 'i'},
		{"ignore-punctuation", no_argument, NULL, 'p'},
		{"threshold", required_argument, NULL, 't'},
		{"dump", required_argument, NULL, 'D'},
		{"keys", required_argument, NULL, 'K'},
		{"styles", no_argument, NULL, 'Y'},
		{NULL, 0, NULL, 0},
	};
	const char *color = "auto", *series = NULL, *keys = NULL, *dump = NULL;
	const char *old = NULL, *new = NULL;
	session s;
	nd_tui_host host;
	nd_tui_view view;
	nd_tui_opts o;
	nd_buf out = ND_BUF_INIT;
	unsigned cols = 0, rows = 0;
	int ch, styles = 0, status = EXIT_TROUBLE, err, tracked = 0;

	memset(&s, 0, sizeof(s));
	memset(&host, 0, sizeof(host));
	memset(&o, 0, sizeof(o));
	s.c = c;
	nd_align_opts_init(&s.ao);
	optind = 0;
	while ((ch = cli_getopt(argc, argv, "", longopts)) != -1) {
		switch (ch) {
		case 'r': o.redline = 1; break;
		case 'C': color = optarg ? optarg : "always"; break;
		case 'S': series = optarg; break;
		case 'D': dump = optarg; break;
		case 'K': keys = optarg; break;
		case 'Y': styles = 1; break;
		default:
			if (cli_align_option(ch, optarg, &s.ao) <= 0)
				return EXIT_TROUBLE;
		}
	}
	if (strcmp(color, "auto") && strcmp(color, "always") && strcmp(color, "never"))
		return cli_fail("--color", "use auto, always or never, not '%s'", color);
	if (dump && parse_size(dump, &cols, &rows))
		return EXIT_TROUBLE;
	if ((keys || styles) && !dump)
		return cli_fail("tui", "--keys and --styles go with --dump COLSxROWS");
	if (argc - optind > 2)
		return cli_fail("tui", "give at most two versions: normdiff tui "
		                "[OLD NEW]");
	if (!dump && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)))
		return cli_fail("tui", "needs a terminal on standard input and "
		                "output; for a report use `normdiff diff OLD NEW`, "
		                "or print a screen with --dump COLSxROWS");
	if (argc - optind == 1 && cli_tracked_file(c, argv[optind]))
		tracked = 1, old = new = argv[optind]; /* the changes tracked in it */
	else if (pick_specs(&s, argc - optind, argv + optind, series, &old, &new))
		goto done;
	if (cli_compare(c, "tui", &s.cmp, old, new, &s.ao,
	                tracked ? CLI_COMPARE_TRACKED : 0, 0))
		goto done;
	if (s.cmp.new.in.from_store && !s.nv) {
		/* two labels: offer the history of the new one's series */
		nd_store *st = cli_store(c, 1);

		if (st && load_history(&s, s.cmp.new.in.ver.meta.series
		                               ? s.cmp.new.in.ver.meta.series
		                               : "draft.txt"))
			goto done;
	}
	if (s.cmp.old.in.from_store && s.cmp.new.in.from_store && s.nv) {
		host.versions = s.infos;
		host.nversions = s.nv;
		host.cur_old = find_version(&s, s.cmp.old.in.ver.oid);
		host.cur_new = find_version(&s, s.cmp.new.in.ver.oid);
		host.load = load_pick;
		host.load_series = load_series;
		host.ud = &s;
	}
	view.cs = s.cmp.cs;
	view.old_info = &s.cmp.old.in.info;
	view.new_info = &s.cmp.new.in.info;
	o.color = cli_use_color(color);
	want_utf8();
	if (dump)
		err = nd_tui_dump(&out, &view, &host, &o, cols, rows, keys, styles);
	else
		err = nd_tui_run(&view, &host, &o);
	if (err) {
		cli_fail_lib("tui");
		goto done;
	}
	status = dump && cli_write(NULL, &out) ? EXIT_TROUBLE : EXIT_SAME;
done:
	nd_buf_dispose(&out);
	session_dispose(&s);
	return status;
}
