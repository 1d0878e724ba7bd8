/* compare.c - load two versions and compare them, for `diff` and `tui`:
 * the specs resolved, the texts parsed, the change set computed, with
 * progress on a terminal for work that takes a while.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "normdiff/error.h"
#include "normdiff/import.h"

/* Why a side that is not a draft's text was not compared, as git's
 * external diff says it; NULL for errors that are trouble anyway. */
static const char *not_text(int err)
{
	switch (err) {
	case ND_EBINARY:
	case ND_EUTF8: return "binary or non-UTF-8 file";
	case ND_EEMPTY: return "no text (only spaces or page furniture)";
	case ND_ETOOBIG: return "over the size limit";
	default: return NULL;
	}
}

/* A side's failure as the command says it: git's external diff passes
 * over a side that is not text (*why); anything else is an error. */
static int report_side(const cli_parse_job *j, unsigned flags,
                       const char **why)
{
	if ((flags & CLI_COMPARE_GIT) && (*why = not_text(j->err)) != NULL)
		return CLI_NOT_COMPARED;
	return cli_parse_job_fail(j);
}

/* Is one of git's files over the size limit? It is then not compared, as
 * a binary one is not, and git goes on (reading it would be trouble). */
static int git_file_too_big(const char *old, const char *new)
{
	const char *side[2] = {old, new};
	struct stat st;
	int k;

	for (k = 0; k < 2; k++)
		if (stat(side[k], &st) == 0 && S_ISREG(st.st_mode) &&
		    (uintmax_t)st.st_size > ND_TEXT_MAX_INPUT)
			return 1;
	return 0;
}

/* A side that is REV:PATH naming a file its revision does not hold is a
 * version without provisions when the other side is the same path in
 * another revision (the file was added or deleted in between); otherwise
 * it is a mistake, reported with the message its reading gave. */
static int check_absent(cli_side *s, const cli_side *other,
                        unsigned flags)
{
	if (!s->in.absent)
		return 0;
	if ((flags & CLI_COMPARE_EMPTY) && !other->in.absent &&
	    other->in.git_path && !strcmp(s->in.git_path, other->in.git_path))
		return 0;
	return cli_fail(s->spec, "%s", s->in.absent_why);
}

/* One file as both versions (CLI_COMPARE_TRACKED): read once, its bytes
 * copied to the new side, which shares what is known of it. */
static int load_tracked(cli *c, cli_comparison *cmp, const char *spec)
{
	nd_format f;

	if (cli_load(c, spec, &cmp->old.in))
		return EXIT_TROUBLE;
	f = c->from ? (nd_format)(c->from - 1)
	            : nd_import_detect(cmp->old.in.data, cmp->old.in.len);
	if (f != ND_FORMAT_DOCX && f != ND_FORMAT_ODT)
		return cli_fail(spec, "is not a Word or OpenDocument file, so it holds "
		                "no tracked changes to compare; give two versions: "
		                "normdiff diff OLD NEW");
	cmp->new.in.info = cmp->old.in.info;
	cmp->new.in.len = cmp->old.in.len;
	if ((cmp->new.in.data = malloc(cmp->old.in.len + 1)) == NULL ||
	    nd_buf_printf(&cmp->names[0], "%s (tracked changes rejected)", spec) ||
	    nd_buf_printf(&cmp->names[1], "%s (tracked changes accepted)", spec))
		return cli_fail(spec, "out of memory");
	memcpy(cmp->new.in.data, cmp->old.in.data, cmp->old.in.len + 1);
	cmp->old.in.info.spec = cmp->names[0].ptr;
	cmp->new.in.info.spec = cmp->names[1].ptr;
	return 0;
}

/* Parse both sides (one file's two readings with CLI_COMPARE_TRACKED),
 * with the signatures their alignment needs, on two threads when that
 * helps (parse.c). */
static int parse_sides(cli *c, cli_comparison *cmp, unsigned flags,
                       const char **why)
{
	cli_parse_job j[2];
	cli_side *side[2] = {&cmp->old, &cmp->new};
	double start = cli_clock();
	size_t k, failed, threads;

	for (k = 0; k < 2; k++)
		if (cli_parse_job_init(c, &j[k], side[k],
		                       (flags & CLI_COMPARE_TRACKED) ? k == 0
		                                                     : c->reject_changes,
		                       (flags & CLI_COMPARE_EMPTY) != 0, 1))
			return EXIT_TROUBLE;
	j[0].against = side[1];
	j[1].against = side[0];
	failed = cli_parse_run(c, j, 2, NULL, &threads);
	cli_time_add("parse old", j[0].seconds);
	cli_time_add("signatures old", j[0].index_seconds);
	cli_time_add("parse new", j[1].seconds);
	cli_time_add("signatures new", j[1].index_seconds);
	if (threads > 1)
		cli_time_since("parse, two threads", start);
	return failed < 2 ? report_side(&j[failed], flags, why) : 0;
}

int cli_tracked_file(cli *c, const char *spec)
{
	struct stat st;
	char *data = NULL;
	size_t len;
	nd_format f;

	if (stat(spec, &st) || !S_ISREG(st.st_mode) ||
	    (!c->from && cli_read_file(spec, &data, &len)))
		return 0;
	f = c->from ? (nd_format)(c->from - 1) : nd_import_detect(data, len);
	free(data);
	return f == ND_FORMAT_DOCX || f == ND_FORMAT_ODT;
}

int cli_compare(cli *c, const char *cmd, cli_comparison *cmp, const char *old,
                const char *new, const nd_align_opts *ao, unsigned flags,
                int quiet)
{
	cli_progress prog;
	const char *why = NULL;
	int status = EXIT_TROUBLE;
	double start;

	memset(cmp, 0, sizeof(*cmp));
	if (!strcmp(old, "-") && !strcmp(new, "-") && !(flags & CLI_COMPARE_TRACKED))
		return cli_fail(cmd, "only one side can be standard input");
	if ((flags & CLI_COMPARE_GIT) && git_file_too_big(old, new)) {
		cmp->why = not_text(ND_ETOOBIG);
		return CLI_NOT_COMPARED;
	}
	cli_progress_start(&prog, quiet);
	cli_progress_show(&prog, "reading", 0, 2);
	start = cli_clock();
	cmp->old.spec = old;
	cmp->new.spec = new;
	if ((flags & CLI_COMPARE_TRACKED) ? load_tracked(c, cmp, old)
	    : cli_load_absent(c, old, &cmp->old.in) ||
	      cli_load_absent(c, new, &cmp->new.in) ||
	      check_absent(&cmp->old, &cmp->new, flags) ||
	      check_absent(&cmp->new, &cmp->old, flags))
		goto done;
	cli_time_since("read", start);
	cli_progress_show(&prog, "reading", 1, 2);
	if ((status = parse_sides(c, cmp, flags, &why)) != 0)
		goto done;
	status = cli_align(cmd, &cmp->cs, cmp->old.doc, cmp->new.doc, ao,
	                   cli_progress_show, &prog);
	nd_doc_unindex(cmp->old.doc); /* not needed any more */
	nd_doc_unindex(cmp->new.doc);
done:
	cli_progress_end(&prog);
	if (status)
		cli_comparison_dispose(cmp);
	cmp->why = why;
	return status;
}

void cli_comparison_dispose(cli_comparison *cmp)
{
	nd_changeset_free(cmp->cs);
	nd_doc_free(cmp->old.doc);
	nd_doc_free(cmp->new.doc);
	cli_input_dispose(&cmp->old.in);
	cli_input_dispose(&cmp->new.in);
	nd_buf_dispose(&cmp->names[0]);
	nd_buf_dispose(&cmp->names[1]);
	memset(cmp, 0, sizeof(*cmp));
}

int cli_align_option(int ch, const char *arg, nd_align_opts *ao)
{
	char *end;
	double t;

	switch (ch) {
	case 'i': ao->ignore_case = 1; return 1;
	case 'p': ao->ignore_punct = 1; return 1;
	case 't':
		t = strtod(arg, &end);
		if (!*arg || *end || !(t > 0 && t <= 1)) {
			cli_fail(NULL, "--threshold needs a number above 0 and at most 1, "
			         "not '%s'", arg);
			return -1;
		}
		ao->threshold = t;
		return 1;
	default:
		return 0;
	}
}
