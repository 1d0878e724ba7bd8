/* cmd_outline.c - `normdiff outline` and `normdiff grammar`. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "opts.h"

int cmd_outline(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"width", required_argument, NULL, 'w'},
		{"output", required_argument, NULL, 'o'},
		{NULL, 0, NULL, 0},
	};
	const char *format = "text", *output = NULL;
	long width = -1;
	cli_input in;
	nd_doc *doc = NULL;
	nd_buf out = ND_BUF_INIT;
	int ch, status = EXIT_TROUBLE, err;

	optind = 0;
	while ((ch = cli_getopt(argc, argv, "f:w:o:", longopts)) != -1) {
		switch (ch) {
		case 'f': format = optarg; break;
		case 'o': output = optarg; break;
		case 'w':
			if ((width = cli_number("--width", optarg, 100000)) < 0)
				return EXIT_TROUBLE;
			break;
		default: return EXIT_TROUBLE;
		}
	}
	if (strcmp(format, "text") && strcmp(format, "json"))
		return cli_fail("outline", "unknown format '%s'; use text or json",
		                format);
	if (argc - optind != 1)
		return cli_fail("outline", "give one version: normdiff outline SPEC");
	if (width < 0)
		width = output ? 0 : (isatty(STDOUT_FILENO) ? cli_terminal_width()
		                                            : PIPE_WIDTH);
	if (cli_load(c, argv[optind], &in))
		return EXIT_TROUBLE;
	if (cli_input_parse(c, argv[optind], &in, &doc))
		goto done;
	if (doc->text && doc->text->limit_hits)
		/* the outline shows that line as no match: say why */
		cli_note("%s: the grammar rule %s reached the regular-expression "
		         "match limit at line %u%s; the text there was read as not "
		         "matching it (simplify the rule's pattern)", argv[optind],
		         doc->text->limit_rule ? doc->text->limit_rule : "(unknown)",
		         (unsigned)doc->text->limit_line,
		         doc->text->limit_hits > 1 ? " and elsewhere" : "");
	if (!strcmp(format, "json"))
		err = nd_render_outline_json(&out, doc, cli_grammar(c), &in.info);
	else
		err = nd_render_outline_text(&out, doc, &in.info, (unsigned)width);
	if (err) {
		cli_fail_lib("outline");
		goto done;
	}
	status = cli_write_report(output, &out);
done:
	nd_buf_dispose(&out);
	nd_doc_free(doc);
	cli_input_dispose(&in);
	return status;
}

int cmd_grammar(cli *c, int argc, char **argv)
{
	(void)c;
	(void)argv;
	if (argc > 1)
		return cli_fail("grammar", "takes no arguments");
	fputs(nd_grammar_default_source(), stdout);
	return 0;
}
