/* cache_run.c - cli_changeset() as a series command calls it, for the
 * cache tests (cache.sh): loads OLD and NEW as the command line does
 * (labels and revisions from the store at STORE, or files), parses them,
 * gets their change set through cli_changeset() and prints its text
 * report and then its JSON report.
 *
 *   cache_run STORE OLD NEW [--grammar FILE] [-i] [-p]
 *
 * Exit status 0, or 2 after the CLI printed its error.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int main(int argc, char **argv)
{
	cli c = {0};
	cli_side old = {0}, new = {0};
	nd_align_opts ao;
	nd_changeset *cs = NULL;
	nd_report_opts ro = {0};
	nd_buf out = ND_BUF_INIT;
	int k, status = EXIT_TROUBLE;

	if (argc < 4) {
		fprintf(stderr, "usage: cache_run STORE OLD NEW [--grammar FILE] [-i] [-p]\n");
		return EXIT_TROUBLE;
	}
	nd_align_opts_init(&ao);
	c.store_opt = argv[1];
	for (k = 4; k < argc; k++) {
		if (!strcmp(argv[k], "--grammar") && k + 1 < argc)
			c.grammar_file = argv[++k];
		else if (!strcmp(argv[k], "-i"))
			ao.ignore_case = 1;
		else if (!strcmp(argv[k], "-p"))
			ao.ignore_punct = 1;
		else
			return cli_fail(argv[k], "unknown option");
	}
	old.spec = argv[2];
	new.spec = argv[3];
	if (cli_load(&c, old.spec, &old.in) || cli_load(&c, new.spec, &new.in) ||
	    cli_parse(&c, old.spec, old.in.data, old.in.len, &old.doc, NULL) ||
	    cli_parse(&c, new.spec, new.in.data, new.in.len, &new.doc, NULL) ||
	    cli_changeset(&c, &old, &new, &ao, NULL, NULL, &cs))
		goto done;
	ro.old_info = &old.in.info;
	ro.new_info = &new.in.info;
	ro.width = PIPE_WIDTH;
	if (nd_render_report(&out, cs, "text", &ro) ||
	    nd_render_report(&out, cs, "json", &ro)) {
		status = cli_fail_lib("report");
		goto done;
	}
	fwrite(out.ptr, 1, out.len, stdout);
	status = fflush(stdout) ? EXIT_TROUBLE : 0;
done:
	nd_buf_dispose(&out);
	nd_changeset_free(cs);
	nd_doc_free(old.doc);
	nd_doc_free(new.doc);
	cli_input_dispose(&old.in);
	cli_input_dispose(&new.in);
	nd_store_free(c.store);
	nd_grammar_free(c.grammar);
	return status;
}
