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

/* The specs of a store series, oldest first: commit ids (owned). */
static int series_specs(cli *c, const char *cmd, const char *series,
                        char ***specs, size_t *n)
{
	nd_version *v;
	size_t nv, k;

	if (cli_store_series(c, cmd, series, &v, &nv))
		return EXIT_TROUBLE;
	if (nv == 0)
		return cli_fail("--series", "the store holds no version of '%s'; "
		                "`normdiff log` lists the versions", series);
	if ((*specs = calloc(nv, sizeof(**specs))) == NULL) {
		nd_versions_free(v, nv);
		return cli_fail(NULL, "out of memory");
	}
	for (k = 0; k < nv; k++)
		if (((*specs)[nv - 1 - k] = nd_strdup(v[k].oid)) == NULL) {
			for (k = 0; k < nv; k++)
				free((*specs)[k]);
			free(*specs);
			nd_versions_free(v, nv);
			return cli_fail(NULL, "out of memory");
		}
	*n = nv;
	nd_versions_free(v, nv);
	return 0;
}

static int load_sides(cli *c, cli_series *s, char *const *specs,
                      cli_progress *prog)
{
	size_t k, j;

	for (k = 0; k < s->n; k++) {
		s->sides[k].spec = specs[k];
		for (j = 0; j < k; j++)
			if (!strcmp(specs[j], "-") && !strcmp(specs[k], "-"))
				return cli_fail(specs[k], "standard input can be only "
				                "one of the versions");
		cli_progress_show(prog, "reading", k, s->n);
		if (cli_load(c, specs[k], &s->sides[k].in) ||
		    cli_parse(c, specs[k], s->sides[k].in.data, s->sides[k].in.len,
		              &s->sides[k].doc))
			return EXIT_TROUBLE;
		s->infos[k] = s->sides[k].in.info;
	}
	return 0;
}

static int compare_all(cli *c, cli_series *s, const nd_align_opts *ao,
                       cli_progress *prog)
{
	const nd_doc **docs = malloc(s->n * sizeof(*docs));
	size_t k;
	int status = 0;

	if (!docs)
		return cli_fail(NULL, "out of memory");
	for (k = 0; k < s->n; k++)
		docs[k] = s->sides[k].doc;
	for (k = 0; k + 1 < s->n && !status; k++) {
		cli_progress_show(prog, "comparing", k, s->n - 1);
		status = cli_changeset(c, &s->sides[k], &s->sides[k + 1], ao, NULL,
		                       NULL, &s->cs[k]);
	}
	if (!status && nd_series_new(&s->series, docs,
	                             (const nd_changeset *const *)s->cs, s->n))
		status = cli_fail_lib("series");
	free(docs);
	return status;
}

int cli_series_load(cli *c, const char *cmd, cli_series *s, char *const *specs,
                    size_t nspecs, const char *series, const nd_align_opts *ao,
                    int quiet)
{
	cli_progress prog;
	int status = EXIT_TROUBLE;

	memset(s, 0, sizeof(*s));
	if (nspecs && series)
		return cli_fail(cmd, "give the versions or --series, not both");
	if (!nspecs) {
		if (series_specs(c, cmd, series, &s->owned, &s->n))
			return EXIT_TROUBLE;
		specs = s->owned;
	} else {
		s->n = nspecs;
	}
	cli_progress_start(&prog, quiet);
	s->sides = calloc(s->n, sizeof(*s->sides));
	s->infos = calloc(s->n, sizeof(*s->infos));
	s->cs = calloc(s->n, sizeof(*s->cs));
	if (!s->sides || !s->infos || !s->cs)
		cli_fail(NULL, "out of memory");
	else if (!load_sides(c, s, specs, &prog))
		status = compare_all(c, s, ao, &prog);
	cli_progress_end(&prog);
	if (status)
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
