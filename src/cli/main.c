/* main.c - entry point: global options, the command table, help.
 *
 * One table lists every command with its usage and summary; the help text
 * is generated from it, so the two cannot drift apart. Global options
 * (--store, --grammar, --from, --changes, --no-pager, --timings) may stand
 * before or after the command;
 * everything after the command is the command's to parse.
 */
#include <errno.h>
#include <locale.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "normdiff/import.h"
#include "opts.h"

#ifndef ND_VERSION
#define ND_VERSION "unknown"
#endif

typedef struct command {
	const char *name;    /* what the user types */
	int (*run)(cli *, int, char **); /* its implementation */
	const char *usage;   /* arguments and options */
	const char *summary; /* one line for the help */
} command;

static const command commands[] = {
	{"diff", cmd_diff,
	 "OLD NEW [--format=text|markdown|json|html] [--stat] [--changed-only]\n"
	 "                 [--color[=auto|always|never]] [--ignore-case]"
	 " [--ignore-punctuation]\n"
	 "                 [--fail-on=KINDS] [--quiet] [--width N]"
	 " [--threshold X] [-o FILE]\n"
	 "       normdiff diff REV1 REV2 -- PATH\n"
	 "       normdiff diff [OPTIONS] -- OLD NEW",
	 "compare two versions provision by provision"},
	{"tui", cmd_tui,
	 "[OLD NEW | VERSION] [--redline] [--color[=auto|always|never]]\n"
	 "                 [--series PATH] [--ignore-case] [--ignore-punctuation]"
	 " [--threshold X]\n"
	 "                 [--dump COLSxROWS [--keys KEYS] [--styles]]",
	 "read two versions side by side in the terminal"},
	{"history", cmd_history,
	 "[VERSION...] [--series PATH] [--provision P]\n"
	 "                 [--format=text|markdown|json|html] [--color[=WHEN]]"
	 " [--width N] [-o FILE]",
	 "when each provision came in and changed, through many versions"},
	{"synopsis", cmd_synopsis,
	 "[VERSION...] [--series S] [--baseline V]\n"
	 "                 [--format=text|markdown|csv|json|html] [-o FILE]"
	 " [--color[=WHEN]] [--width N]\n"
	 "                 [--ignore-case] [--ignore-punctuation] [--threshold X]",
	 "compare many versions in one table, a column each"},
	{"outline", cmd_outline, "SPEC [--format=text|json] [--width N] [-o FILE]",
	 "show the tree of provisions of one version"},
	{"init", cmd_init, "", "create an empty store"},
	{"add", cmd_add,
	 "FILE [--meta FILE] [--label L] [--series PATH] [--date YYYY-MM-DD]\n"
	 "                 [--symbol S] [--title T] [--sponsors S] [--source S]"
	 " [-m MSG] [--force]",
	 "store FILE as a new version"},
	{"log", cmd_log, "[--series PATH] [--labels]", "list the stored versions, newest first"},
	{"show", cmd_show, "LABEL|REV [--raw]", "print a stored version"},
	{"grammar", cmd_grammar, "", "print the built-in clause grammar"},
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: normdiff [--store DIR] [--grammar FILE] [--no-pager]"
	           " [--timings]\n                [--jobs N] COMMAND [ARGS]\n\n"
	           "Compare versions of draft normative texts provision by "
	           "provision.\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nusage of each command:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  normdiff %s%s%s\n", commands[i].name,
		        *commands[i].usage ? " " : "", commands[i].usage);
	fprintf(f, "\nSPEC is a file, - (standard input), REV:PATH in a git "
	           "repository,\nor a label or revision in the store (label:NAME "
	           "when NAME is also a file here).\n"
	           "The store is --store DIR, else $NORMDIFF_STORE, else the "
	           "nearest .normdiff\ndirectory here or above.\n"
	           "On a terminal a report longer than the screen goes through "
	           "$NORMDIFF_PAGER,\nelse $PAGER, else less -R; --no-pager "
	           "writes it as it is.\n"
	           "--timings (or NORMDIFF_TIMINGS=1) prints the time of each "
	           "phase on standard\nerror; --jobs N (or NORMDIFF_JOBS) sets "
	           "the threads (by default one a processor\non large inputs, "
	           "at most 8).\n"
	           "Exit status: 0 success (diff: no change), 1 (diff) changes, "
	           "2 trouble.\n");
}

/* "usage: normdiff diff ..." and what the command does, for COMMAND
 * --help, COMMAND -h and help COMMAND. */
static void command_usage(FILE *f, const command *cmd)
{
	fprintf(f, "usage: normdiff %s%s%s\n\n%s.\n", cmd->name,
	        *cmd->usage ? " " : "", cmd->usage, cmd->summary);
	fprintf(f, "\n`normdiff --help` lists every command; `man normdiff` "
	           "(docs/normdiff.1) tells each option.\n");
}

/* The command `name` most likely meant: the only one it is a prefix of,
 * else the nearest within two edits (none when two are as near). */
static const command *nearest(const char *name)
{
	const command *best = NULL;
	size_t k, d, bestd = 3, prefixed = 0;
	int tie = 0;

	for (k = 0; k < NCOMMANDS; k++)
		if (*name && !strncmp(commands[k].name, name, strlen(name))) {
			best = &commands[k];
			prefixed++;
		}
	if (prefixed == 1)
		return best;
	for (best = NULL, k = 0; k < NCOMMANDS; k++) {
		d = cli_edits(name, commands[k].name);
		if (d < bestd) {
			best = &commands[k];
			bestd = d;
			tie = 0;
		} else if (d == bestd) {
			tie = 1;
		}
	}
	return tie ? NULL : best;
}

/* Does argv[1..argc) ask for help before any "--"? A file of that name
 * is a file (git's external diff may pass one). */
static int asks_help(int argc, char **argv)
{
	struct stat st;
	int k;

	for (k = 1; k < argc && strcmp(argv[k], "--"); k++)
		if ((!strcmp(argv[k], "--help") || !strcmp(argv[k], "-h")) &&
		    lstat(argv[k], &st) != 0)
			return 1;
	return 0;
}

/* --jobs N, else $NORMDIFF_JOBS: a number of threads from 1 to 64. */
static int jobs_option(cli *c)
{
	const char *env = getenv("NORMDIFF_JOBS");
	const char *v = c->jobs_opt ? c->jobs_opt : env && *env ? env : NULL;
	char *end;
	long n;

	if (!v)
		return 0;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < 1 || n > 64)
		return cli_fail(c->jobs_opt ? "--jobs" : "NORMDIFF_JOBS",
		                "use a number of threads from 1 to 64, not '%s'", v);
	c->jobs = (int)n;
	return 0;
}

/* --from FORMAT, --changes accept|reject and --jobs, checked. */
static int input_options(cli *c)
{
	int f = c->from_opt ? nd_format_find(c->from_opt) : -1;

	if (c->from_opt && f < 0)
		return cli_fail("--from", "use text, pdf, docx or odt, not '%s'",
		                c->from_opt);
	c->from = f + 1; /* 0: by content */
	if (c->changes_opt && strcmp(c->changes_opt, "accept") &&
	    strcmp(c->changes_opt, "reject"))
		return cli_fail("--changes", "use accept or reject, not '%s'",
		                c->changes_opt);
	c->reject_changes = c->changes_opt && !strcmp(c->changes_opt, "reject");
	return jobs_option(c);
}

/* Take a global option at argv[*i]; 1 if it was one, -1 on error. */
static int global_option(cli *c, int argc, char **argv, int *i)
{
	static const struct {
		const char *name;  /* option name */
		size_t offset;     /* where its value goes in cli */
	} opts[] = {
		{"--store", offsetof(cli, store_opt)},
		{"--grammar", offsetof(cli, grammar_file)},
		{"--from", offsetof(cli, from_opt)},
		{"--changes", offsetof(cli, changes_opt)},
		{"--jobs", offsetof(cli, jobs_opt)},
	};
	size_t k, n;

	if (!strcmp(argv[*i], "--no-pager")) {
		cli_pager_disable();
		return 1;
	}
	if (!strcmp(argv[*i], "--timings")) {
		c->timings = 1;
		return 1;
	}
	for (k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
		const char **slot = (const char **)((char *)c + opts[k].offset);

		n = strlen(opts[k].name);
		if (strncmp(argv[*i], opts[k].name, n))
			continue;
		if (argv[*i][n] == '=') {
			*slot = argv[*i] + n + 1;
			return 1;
		}
		if (argv[*i][n] == '\0') {
			if (*i + 1 >= argc) {
				cli_fail(NULL, "%s needs a value", opts[k].name);
				return -1;
			}
			*slot = argv[++*i];
			return 1;
		}
	}
	return 0;
}

/* The exit status once standard output is flushed and closed: output that
 * did not all arrive (a full disk, /dev/full) is trouble, not success. A
 * standard output closed from the start is no error if nothing was
 * written to it. */
static int finish(int status)
{
	int failed = fflush(stdout) != 0, e = errno;

	if (!failed && ferror(stdout))
		failed = 1, e = 0;
	if (!failed && close(STDOUT_FILENO) != 0 && errno != EBADF)
		failed = 1, e = errno;
	if (!failed)
		return status;
	if (e)
		cli_fail("standard output", "write error: %s", strerror(e));
	else
		cli_fail("standard output", "write error");
	return EXIT_TROUBLE;
}

int main(int argc, char **argv)
{
	cli c = {0};
	char **rest;
	int i, n = 0, status, cmd = -1;
	size_t k;

	setlocale(LC_ALL, "");
	rest = calloc((size_t)argc + 1, sizeof(char *));
	if (!rest)
		return cli_fail(NULL, "out of memory");
	/* Lift global options out wherever they stand; keep the rest in order,
	 * the command name first. A lone "--" ends option lifting. */
	for (i = 1; i < argc; i++) {
		int g;

		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				rest[n++] = argv[i++];
			break;
		}
		g = global_option(&c, argc, argv, &i);
		if (g < 0) {
			free(rest);
			return EXIT_TROUBLE;
		}
		if (!g)
			rest[n++] = argv[i];
	}
	if (n == 0) {
		free(rest);
		return cli_fail(NULL, "no command given; `normdiff --help` lists "
		                "the commands");
	}
	if (input_options(&c)) {
		free(rest);
		return EXIT_TROUBLE;
	}
	cli_timings_start(c.timings);
	if (!strcmp(rest[0], "help") && n > 1) {
		const command *want = NULL;

		for (k = 0; k < NCOMMANDS; k++)
			if (!strcmp(rest[1], commands[k].name))
				want = &commands[k];
		if (want) {
			free(rest);
			command_usage(stdout, want);
			return finish(0);
		}
		status = cli_fail("help", "no command '%s'; `normdiff --help` lists "
		                  "the commands", rest[1]);
		free(rest);
		return status;
	}
	if (!strcmp(rest[0], "help") || !strcmp(rest[0], "--help") ||
	    !strcmp(rest[0], "-h")) {
		usage(stdout);
		free(rest);
		return finish(0);
	}
	if (!strcmp(rest[0], "--version") || !strcmp(rest[0], "version")) {
		printf("normdiff %s\n", ND_VERSION);
		free(rest);
		return finish(0);
	}
	for (k = 0; k < NCOMMANDS; k++)
		if (!strcmp(rest[0], commands[k].name))
			cmd = (int)k;
	if (cmd < 0 && nearest(rest[0])) {
		status = cli_fail(NULL, "unknown command '%s'; did you mean '%s'? "
		                  "(`normdiff --help` lists the commands)", rest[0],
		                  nearest(rest[0])->name);
	} else if (cmd < 0) {
		status = cli_fail(NULL, "unknown command '%s'; `normdiff --help` "
		                  "lists the commands", rest[0]);
	} else if (asks_help(n, rest)) {
		command_usage(stdout, &commands[cmd]);
		status = 0;
	} else {
		status = commands[cmd].run(&c, n, rest);
	}
	nd_grammar_free(c.grammar);
	nd_store_free(c.store);
	free(rest);
	status = finish(status);
	cli_timings_print();
	return status;
}
