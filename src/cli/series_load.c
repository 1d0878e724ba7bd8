/* series_load.c - load a whole series of versions for `history` and
 * `synopsis`: specs given oldest first, or every version of a store
 * series, each read, parsed and compared with the one before it.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "normdiff/error.h"

int cli_store_series(cli *c, const char *cmd, const char *series,
                     nd_version **v, size_t *n)
{
	nd_store *st = cli_store(c, 0);
	nd_version *all = NULL;
	size_t nall = 0;
	int err;

	*v = NULL;
	*n = 0;
	if (!st)
		return EXIT_TROUBLE;
	if (!series) {
		if (nd_store_log(st, NULL, &all, &nall))
			return cli_fail_lib("store");
		if (nall == 0)
			return cli_fail(cmd, "the store at %s holds no versions yet; "
			                "add two with `normdiff add FILE --label L`",
			                nd_store_path(st));
		err = nd_store_log(st, all[0].meta.series ? all[0].meta.series
		                                          : "draft.txt", v, n);
		nd_versions_free(all, nall);
	} else {
		err = nd_store_log(st, series, v, n);
	}
	return err ? cli_fail_lib("store") : 0;
}

static int series_alloc(cli_series *s)
{
	s->sides = calloc(s->n, sizeof(*s->sides));
	s->infos = calloc(s->n, sizeof(*s->infos));
	s->cs = calloc(s->n, sizeof(*s->cs));
	s->owned = calloc(s->n, sizeof(*s->owned));
	if (!s->sides || !s->infos || !s->cs || !s->owned)
		return cli_fail(NULL, "out of memory");
	return 0;
}

/* The versions of a store series, oldest first, as sides that know their
 * commit and metadata (from the log) but not yet their bytes, which
 * read_data fetches when they are needed; their specs are the commit ids
 * (owned). */
static int series_sides(cli *c, const char *cmd, const char *series,
                        cli_series *s)
{
	nd_version *v;
	size_t nv, k;

	if (cli_store_series(c, cmd, series, &v, &nv))
		return EXIT_TROUBLE;
	if (nv == 0)
		return cli_fail("--series", "the store holds no version of '%s'; "
		                "`normdiff log` lists the versions", series);
	s->n = nv;
	if (series_alloc(s)) {
		nd_versions_free(v, nv);
		return EXIT_TROUBLE;
	}
	for (k = 0; k < nv; k++) {
		cli_side *side = &s->sides[nv - 1 - k];

		if ((s->owned[nv - 1 - k] = nd_strdup(v[k].oid)) == NULL) {
			nd_versions_free(v, nv);
			return cli_fail(NULL, "out of memory");
		}
		side->spec = s->owned[nv - 1 - k];
		side->in.from_store = 1;
		side->in.ver = v[k]; /* moved: v[k] is not disposed */
		nd_version_init(&v[k]);
		cli_input_set_info(&side->in, side->spec);
		s->infos[nv - 1 - k] = side->in.info;
	}
	nd_versions_free(v, nv);
	return 0;
}

/* Bytes for the sides that do not have them yet (a store series). */
static int read_data(cli *c, cli_series *s)
{
	size_t k;

	for (k = 0; k < s->n; k++) {
		if (s->sides[k].in.data)
			continue;
		cli_input_dispose(&s->sides[k].in);
		if (cli_load(c, s->sides[k].spec, &s->sides[k].in))
			return EXIT_TROUBLE;
		s->infos[k] = s->sides[k].in.info;
	}
	return 0;
}

static int read_sides(cli *c, cli_series *s, char *const *specs)
{
	size_t k, j;

	for (k = 0; k < s->n; k++) {
		s->sides[k].spec = specs[k];
		for (j = 0; j < k; j++)
			if (!strcmp(specs[j], "-") && !strcmp(specs[k], "-"))
				return cli_fail(specs[k], "standard input can be only "
				                "one of the versions");
		if (cli_load(c, specs[k], &s->sides[k].in))
			return EXIT_TROUBLE;
		s->infos[k] = s->sides[k].in.info;
	}
	return 0;
}

/* Parse every version, on several threads when that helps (parse.c); a
 * version's signatures are computed only when a comparison needs them
 * (the store's cache may hold it). */
static int parse_all(cli *c, cli_series *s, cli_progress *prog)
{
	cli_parse_job *j = calloc(s->n ? s->n : 1, sizeof(*j));
	double start = cli_clock(), sum = 0;
	size_t k, failed = s->n, threads = 1;
	int status = 0;

	if (!j)
		return cli_fail(NULL, "out of memory");
	for (k = 0; k < s->n && !status; k++)
		status = cli_parse_job_init(c, &j[k], &s->sides[k],
		                            c->reject_changes, 0, 0);
	if (!status && (failed = cli_parse_run(c, j, s->n, prog, &threads)) < s->n)
		status = cli_parse_job_fail(&j[failed]);
	for (k = 0; k < s->n; k++)
		sum += j[k].seconds;
	cli_time_add("parse", sum);
	if (threads > 1)
		cli_time_since("parse, on threads", start);
	free(j);
	return status;
}

static int compare_all(cli *c, cli_series *s, const nd_align_opts *ao,
                       cli_progress *prog)
{
	const nd_doc **docs = malloc(s->n * sizeof(*docs));
	size_t k;
	int status = 0;

	if (!docs)
		return cli_fail(NULL, "out of memory");
	status = read_data(c, s);
	cli_progress_show(prog, "reading", 0, s->n);
	if (!status)
		status = parse_all(c, s, prog);
	for (k = 0; k < s->n && !status; k++) {
		s->infos[k].pages = s->sides[k].in.info.pages;
		docs[k] = s->sides[k].doc;
	}
	for (k = 0; k + 1 < s->n && !status; k++) {
		cli_progress_show(prog, "comparing", k, s->n - 1);
		status = cli_changeset(c, &s->sides[k], &s->sides[k + 1], ao, NULL,
		                       NULL, &s->cs[k]);
		nd_doc_unindex(s->sides[k].doc); /* compared with both neighbours */
	}
	if (s->n)
		nd_doc_unindex(s->sides[s->n - 1].doc);
	if (!status && nd_series_new(&s->series, docs,
	                             (const nd_changeset *const *)s->cs, s->n))
		status = cli_fail_lib("series");
	free(docs);
	return status;
}

int cli_series_read(cli *c, const char *cmd, cli_series *s, char *const *specs,
                    size_t nspecs, const char *series)
{
	int status;

	memset(s, 0, sizeof(*s));
	if (nspecs && series)
		return cli_fail(cmd, "give the versions or --series, not both");
	if (!nspecs)
		status = series_sides(c, cmd, series, s);
	else {
		s->n = nspecs;
		status = series_alloc(s) ? EXIT_TROUBLE : read_sides(c, s, specs);
	}
	if (status)
		cli_series_dispose(s);
	return status;
}

int cli_series_compare(cli *c, cli_series *s, const nd_align_opts *ao,
                       int quiet)
{
	cli_progress prog;
	int status;

	cli_progress_start(&prog, quiet);
	status = compare_all(c, s, ao, &prog);
	cli_progress_end(&prog);
	return status;
}

int cli_series_load(cli *c, const char *cmd, cli_series *s, char *const *specs,
                    size_t nspecs, const char *series, const nd_align_opts *ao,
                    int quiet)
{
	int status = cli_series_read(c, cmd, s, specs, nspecs, series);

	if (!status && (status = cli_series_compare(c, s, ao, quiet)) != 0)
		cli_series_dispose(s);
	return status;
}

void cli_series_dispose(cli_series *s)
{
	size_t k;

	nd_series_free(s->series);
	for (k = 0; s->cs && k < s->n; k++)
		nd_changeset_free(s->cs[k]);
	for (k = 0; s->sides && k < s->n; k++) {
		nd_doc_free(s->sides[k].doc);
		cli_input_dispose(&s->sides[k].in);
	}
	for (k = 0; s->owned && k < s->n; k++)
		free(s->owned[k]);
	free(s->owned);
	free(s->cs);
	free(s->sides);
	free(s->infos);
	memset(s, 0, sizeof(*s));
}
