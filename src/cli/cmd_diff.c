/* cmd_diff.c - `normdiff diff`: compare two versions provision by provision.
 *
 * Forms:
 *   normdiff diff OLD NEW                 each a file, -, REV:PATH or label
 *   normdiff diff -- OLD NEW              the same, for names starting with -
 *   normdiff diff REV1 REV2 -- PATH       inside a git repository; PATH is
 *                                         relative to the current directory
 *   normdiff diff PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE
 *                                         as git's external diff
 *
 * git appends its seven arguments (nine for a rename) to the configured
 * command, after any options; they are file names, never options, so they
 * are recognised by their shape at the end of the command line before
 * options are parsed (git_call). An empty side (git's /dev/null for an
 * added or deleted file, any empty file) is a version without provisions.
 *
 * Exit status as diff(1): 0 no change, 1 changes, 2 trouble. What counts as
 * a change is every kind but unchanged, and a move; renumbering alone is
 * not a change (it is what normdiff exists to see through), and neither is
 * a modification that only renumbers cross-references (xref_only) unless
 * --fail-on names modified explicitly, nor a split or merge that changed
 * no word (layout) unless --fail-on names split or merged. --fail-on
 * narrows it to the kinds a CI policy cares about, and then names each
 * provision that made the status 1 on standard error. As git's external
 * diff the status is 0 unless there is trouble, since git treats any other
 * status as a failed diff and stops; a file that is not a draft's text is
 * said to be not compared, on standard output among the reports.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "normdiff/changeset.h"
#include "normdiff/error.h"
#include "normdiff/utf8.h"
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

/* git's external diff passes "." for the object id and mode of a side
 * that does not exist (/dev/null). */
static int is_git_hex(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	return !strcmp(s, ".") || ((n == 40 || n == 64) && !s[n]);
}

static int is_git_mode(const char *s)
{
	return !strcmp(s, ".") || (strlen(s) == 6 && strspn(s, "01234567") == 6);
}

/* How many arguments at the end of argv[1..argc) are git's external-diff
 * call: 9 (a rename), 7, or 0 when they are not one. */
static int git_call(int argc, char **argv)
{
	static const int sizes[] = {9, 7};
	size_t k;

	for (k = 0; k < 2; k++) {
		char **a = argv + argc - sizes[k];

		if (argc - 1 >= sizes[k] && is_git_hex(a[2]) && is_git_mode(a[3]) &&
		    is_git_hex(a[5]) && is_git_mode(a[6]))
			return sizes[k];
	}
	return 0;
}

/* What the arguments after the options ask to compare. */
typedef struct diff_form {
	const char *spec[2]; /* the versions to load */
	const char *name[2]; /* what the report calls them (NULL: the spec) */
	const char *path;    /* REV1 REV2 -- PATH: PATH, else NULL */
	const char *unmerged; /* git's call for an unmerged path: the path */
	int gitmode;         /* git's external-diff call */
	int link;            /* ...for a symbolic link (mode 120000) */
	int tracked;         /* one Word or OpenDocument file: its tracked
	                        changes rejected against them accepted */
	nd_buf buf[2];       /* REV:PATH of the -- form, PATH from the top */
} diff_form;

/* Decide the form from the `npos` versions left after the options and the
 * `nafter` arguments after "--" (-1: no "--"), or git's call `tail` of
 * `ntail` arguments. */
static int diff_form_set(diff_form *f, char **pos, int npos, char **after,
                         int nafter, char **tail, int ntail)
{
	int k, ingit = getenv("GIT_DIFF_PATH_TOTAL") != NULL;

	if (ntail && npos)
		return cli_fail("diff", "'%s' before git's external-diff arguments; "
		                "configure only options: normdiff diff [OPTIONS]",
		                pos[0]);
	if (ntail) {
		/* PATH OLD-FILE HEX MODE NEW-FILE HEX MODE [NEW-PATH MESSAGE] */
		f->gitmode = 1;
		/* git's arguments are files: the working copy of a draft named
		 * "-" is that file, not standard input */
		for (k = 0; k < 2; k++)
			f->spec[k] = strcmp(tail[k ? 4 : 1], "-") ? tail[k ? 4 : 1]
			                                           : "./-";
		f->name[0] = tail[0];
		f->name[1] = tail[ntail == 9 ? 7 : 0];
		f->link = !strcmp(tail[3], "120000") || !strcmp(tail[6], "120000");
		return 0;
	}
	if (nafter < 0) {
		after = pos;
		nafter = npos;
	} else if (npos == 2 && nafter == 1) {
		/* REV1 REV2 -- PATH: PATH as git reads a pathspec, from here; each
		 * side is then REV:PATH with PATH from the top, in the report and
		 * in any error alike */
		char *top;

		f->path = after[0];
		if (nd_git_top_path(".", f->path, &top))
			return cli_fail_lib(f->path);
		for (k = 0; k < 2; k++)
			if (nd_buf_printf(&f->buf[k], "%s:%s", pos[k], top)) {
				free(top);
				return cli_fail_lib(NULL);
			}
		free(top);
		f->spec[0] = f->buf[0].ptr;
		f->spec[1] = f->buf[1].ptr;
		return 0;
	} else if (npos == 2) {
		return cli_fail("diff", "give one path after --: normdiff diff "
		                "REV1 REV2 -- PATH");
	} else if (npos != 0) {
		return cli_fail("diff", "give two revisions before --: normdiff diff "
		                "REV1 REV2 -- PATH");
	}
	if (nafter == 1 && ingit) {
		/* git's external diff for an unmerged path: nothing to compare */
		f->unmerged = after[0];
		return 0;
	}
	if (nafter == 1 && !ingit) {
		/* FILE.docx alone: the changes tracked in it */
		f->tracked = 1;
		f->spec[0] = f->spec[1] = after[0];
		return 0;
	}
	if (nafter != 2)
		return cli_fail("diff", "give two versions: normdiff diff OLD NEW "
		                "(or REV1 REV2 -- PATH, or one Word file with tracked "
		                "changes)");
	f->spec[0] = after[0];
	f->spec[1] = after[1];
	return 0;
}

/* "normdiff diff -- old.txt new.txt --stat": an option after "--" is a
 * name, and one that names no file was meant as an option. A file that
 * really is named -x stays a file, and "-" is standard input. */
static int option_after_dashes(char **after, int nafter)
{
	struct stat st;
	int k;

	for (k = 0; k < nafter; k++)
		if (after[k][0] == '-' && after[k][1] && lstat(after[k], &st) != 0)
			return cli_fail("diff", "'%s' after --: options go before --",
			                after[k]);
	return 0;
}

/* Say on standard output, among the reports git shows, that `path` was
 * not compared and why. */
static int not_compared(const char *path, const char *why)
{
	cli_say("normdiff: %s: %s, not compared", path, why);
	return EXIT_SAME;
}

/* One line on standard error for each provision --fail-on counted, so a
 * failing CI job says why and where, as a compiler would:
 * "normdiff: new.txt:12: (b) → (2) + (3) split" (the new version's first
 * line of it; the old version's for a removed provision). */
static int say_failing(const cli_comparison *cmp, unsigned mask)
{
	const nd_changeset *cs = cmp->cs;
	nd_buf line = ND_BUF_INIT;
	size_t k;
	int err = 0;

	for (k = 0; k < cs->n && !err; k++) {
		const nd_change *c = &cs->changes[k];
		int in_new = c->nnew > 0;
		const cli_side *side = in_new ? &cmp->new : &cmp->old;
		const nd_doc *d = in_new ? cs->new : cs->old;
		size_t at = in_new ? c->new[0] : c->old[0];

		if (!counts_as_change(c, mask))
			continue;
		nd_buf_clear(&line);
		err = nd_buf_printf(&line, "%s:%lu: ", side->spec,
		                    (unsigned long)d->clauses[at].line);
		err = err ? err : nd_report_change_name(&line, cs, c);
		if (!err && c->renumbered && (mask & FAIL_RENUMBERED))
			err = nd_buf_puts(&line, ", renumbered");
		if (!err)
			cli_note("%s", line.ptr);
	}
	nd_buf_dispose(&line);
	return err ? cli_fail_lib("diff") : 0;
}

/* Are the two versions the same, provision for provision: every record
 * unchanged, none moved or renumbered? (diff(1) is then silent; we say
 * so in one line.) */
static int no_differences(const nd_changeset *cs)
{
	size_t k;

	for (k = 0; k < cs->n; k++)
		if (cs->changes[k].kind != ND_CHANGE_UNCHANGED ||
		    cs->changes[k].moved || cs->changes[k].renumbered)
			return 0;
	return 1;
}

/* The date of a Word redline's tracked changes: SOURCE_DATE_EPOCH when
 * set (reproducible files), else now, as "2026-12-02T07:30:00Z". */
static int redline_date(char out[32])
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;

	if (env && *env) {
		char *end;
		unsigned long long v;

		errno = 0;
		v = strtoull(env, &end, 10);
		if (*end || errno || env[0] == '-' || v > 253402300799ull)
			return cli_fail("SOURCE_DATE_EPOCH", "is not a number of seconds "
			                "since 1970 ('%s'); unset it or fix it", env);
		t = (time_t)v;
	}
	if (!gmtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		return cli_fail("diff", "the date cannot be written");
	return 0;
}

/* A format whose bytes are not text (the Word redline): the whole
 * document, into a file or a pipe, never a terminal. */
static int check_binary(const cli_out *co, const nd_report_opts *ro)
{
	const nd_report_format *f = nd_report_format_find(co->format);

	if (!f || !f->binary)
		return 0;
	if (ro->stat_only || ro->changed_only)
		return cli_fail(f->name, "a redline holds every provision; drop --stat "
		                "and --changed-only");
	if (!co->output && isatty(STDOUT_FILENO))
		return cli_fail(f->name, "a Word file is not for a terminal; write it "
		                "with -o FILE.%s or redirect standard output", f->name);
	return 0;
}

/* A report is handed to where it goes in pieces of about this many bytes
 * when it is written as it is made (stream_report). */
#define STREAM_PIECE ((size_t)1 << 20)

/* A report being written as it is made. */
typedef struct stream {
	cli_dest d;
	double writing; /* seconds spent writing pieces, for --timings */
} stream;

/* Take a piece of the report to its destination: nd_report_sink.take. */
static int take_piece(void *arg, const char *p, size_t n)
{
	stream *s = arg;
	double start = cli_clock();
	int status = cli_dest_write(&s->d, p, n);

	s->writing += cli_clock() - start;
	if (status)
		return nd_error_set(ND_EIO, "the report could not be written");
	return 0;
}

/* Say why rendering failed midway: only running out of memory does. */
static int render_failed(const stream *s)
{
	if (s->d.failed) /* a piece could not be written: said */
		return EXIT_TROUBLE;
	if (cli_dest_sent(&s->d))
		return cli_fail("diff", "%s; the report written before it is cut "
		                "short", nd_error_message());
	return cli_fail_lib("diff");
}

/* Render the report straight to its destination, a piece at a time, so
 * that a large one is never held whole. A file -o names is still all or
 * nothing: its temporary file is renamed into place at commit only, and
 * removed on failure. On standard output or a pipe, the pieces written
 * before a failure cannot be taken back: the message says the report is
 * cut short, and the status is EXIT_TROUBLE, as for any failure. The
 * timings keep their two rows, the writing of pieces counted as write. */
static int stream_report(cli_comparison *cmp, const cli_out *co,
                         const nd_report_opts *ro)
{
	nd_buf out = ND_BUF_INIT;
	nd_report_sink sink;
	stream s;
	int status = cli_dest_open(&s.d, co->output);
	double start = cli_clock();

	s.writing = 0;
	sink.take = take_piece;
	sink.arg = &s;
	sink.at = STREAM_PIECE;
	if (!status && nd_render_report_to(&out, cmp->cs, co->format, ro, &sink))
		status = render_failed(&s);
	cli_time_add("render", cli_clock() - start - s.writing);
	start = cli_clock();
	if (!status)
		status = cli_dest_write(&s.d, out.ptr ? out.ptr : "", out.len);
	if (!status)
		status = cli_dest_commit(&s.d);
	cli_dest_abort(&s.d);
	cli_time_add("write", cli_clock() - start + s.writing);
	nd_buf_dispose(&out);
	return status;
}

/* Render the whole report, then write it: for a pager, which must know
 * whether it fits the screen, and for a binary format, made whole at the
 * end anyway. As git's external diff, git pages (or was told not to): one
 * pager a file would be one too many; a Word file is not paged. */
static int whole_report(cli_comparison *cmp, const diff_form *f,
                        const cli_out *co, const nd_report_opts *ro,
                        int binary)
{
	nd_buf out = ND_BUF_INIT;
	int status = 0;
	double start = cli_clock();

	if (nd_render_report(&out, cmp->cs, co->format, ro))
		status = cli_fail_lib("diff");
	cli_time_since("render", start);
	start = cli_clock();
	if (!status && (f->gitmode || binary ? cli_write(co->output, &out)
	                                     : cli_write_report(co->output, &out)))
		status = EXIT_TROUBLE;
	cli_time_since("write", start);
	nd_buf_dispose(&out);
	return status;
}

/* Write the report of cmp as the options ask; returns `status`, or
 * EXIT_TROUBLE. A report that no pager can be given to is written as it
 * is made (stream_report). */
static int report(cli_comparison *cmp, const diff_form *f, const cli_out *co,
                  nd_report_opts *ro, int status)
{
	cli_side *side[2] = {&cmp->old, &cmp->new};
	const nd_report_format *rf = nd_report_format_find(co->format);
	int binary = rf && rf->binary;
	char date[32];
	size_t k;

	for (k = 0; k < 2; k++)
		if (f->name[k]) /* git's names; else the spec, as loading set it */
			side[k]->in.info.spec = f->name[k];
	ro->old_info = &cmp->old.in.info;
	ro->new_info = &cmp->new.in.info;
	ro->color = cli_out_color(co);
	ro->width = cli_out_width(co);
	if (binary) {
		if (redline_date(date))
			return EXIT_TROUBLE;
		ro->now = date;
	}
	if (status == EXIT_TROUBLE)
		return status;
	if (binary || (!f->gitmode && cli_report_may_page(co->output)))
		return whole_report(cmp, f, co, ro, binary) ? EXIT_TROUBLE : status;
	return stream_report(cmp, co, ro) ? EXIT_TROUBLE : status;
}

/* What diff prints once the versions are compared (not --quiet): one line
 * when nothing differs and no report was asked for, else the report. */
static int answer(cli_comparison *cmp, const diff_form *f, const cli_out *co,
                  nd_report_opts *ro, int status, int asked_format)
{
	if (f->gitmode || asked_format || ro->stat_only || !no_differences(cmp->cs))
		return report(cmp, f, co, ro, status);
	if (f->tracked)
		cli_say("no tracked changes: %s reads the same with its changes "
		        "accepted and rejected", f->spec[0]);
	else
		cli_say("no differences: every provision of %s is in %s, unchanged "
		        "and in its place", f->spec[0], f->spec[1]);
	return status;
}

int cmd_diff(cli *c, int argc, char **argv)
{
	static const char *const diff_formats[] = {"text", "markdown", "json",
	                                           "html", "docx", NULL};
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
	cli_out co;
	nd_align_opts ao;
	nd_report_opts ro;
	cli_comparison cmp = {0};
	diff_form form = {{NULL, NULL}, {NULL, NULL}, NULL, NULL, 0, 0, 0,
	                  {ND_BUF_INIT, ND_BUF_INIT}};
	unsigned mask = FAIL_DEFAULT;
	int ch, quiet = 0, fail_on = 0, status = EXIT_TROUBLE, nopt, ntail, nafter = -1;
	int taken, asked_format;
	size_t k;

	nd_align_opts_init(&ao);
	cli_out_init(&co);
	memset(&ro, 0, sizeof(ro));
	/* argv[1..nopt) holds the options and versions; git's call, or what
	 * follows "--", is taken apart from them */
	ntail = git_call(argc, argv);
	nopt = argc - ntail;
	if (ntail && nopt > 1 && !strcmp(argv[nopt - 1], "--"))
		nopt--;
	for (k = 1; !ntail && k < (size_t)argc; k++)
		if (!strcmp(argv[k], "--")) {
			nopt = (int)k;
			nafter = argc - nopt - 1;
			break;
		}
	optind = 0;
	while ((ch = cli_getopt(nopt, argv, "f:o:qw:", longopts)) != -1) {
		switch (ch) {
		case 's': ro.stat_only = 1; break;
		case 'c': ro.changed_only = 1; break;
		case 'q': quiet = 1; break;
		case 'F':
			if (parse_fail_on(optarg, &mask))
				return EXIT_TROUBLE;
			fail_on = 1;
			break;
		default:
			if ((taken = cli_out_option(&co, ch, optarg)) < 0 ||
			    (!taken && cli_align_option(ch, optarg, &ao) <= 0))
				return EXIT_TROUBLE;
		}
	}
	if (nafter > 0 && option_after_dashes(argv + nopt + 1, nafter))
		return EXIT_TROUBLE;
	asked_format = co.format || co.output;
	if (cli_out_check(&co, diff_formats, nd_report_formats()))
		return EXIT_TROUBLE;
	if (diff_form_set(&form, argv + optind, nopt - optind,
	                  nafter < 0 ? NULL : argv + nopt + 1, nafter,
	                  argv + argc - ntail, ntail))
		goto done;
	if (form.unmerged) {
		status = not_compared(form.unmerged, "unmerged");
		goto done;
	}
	if (form.tracked && c->changes_opt) {
		cli_fail("--changes", "does not apply to one file: its two versions "
		         "are its text with the tracked changes rejected and accepted");
		goto done;
	}
	if (check_binary(&co, &ro))
		goto done;
	if (form.link) { /* its text is the path it points to */
		status = not_compared(form.name[0], "symbolic link");
		goto done;
	}
	status = cli_compare(c, "diff", &cmp, form.spec[0], form.spec[1], &ao,
	                     form.tracked ? CLI_COMPARE_TRACKED
	                     : CLI_COMPARE_EMPTY | (form.gitmode ? CLI_COMPARE_GIT : 0),
	                     quiet);
	if (status == CLI_NOT_COMPARED) {
		status = not_compared(form.name[0], cmp.why);
		goto done;
	}
	if (status)
		goto done;
	for (k = 0; k < cmp.cs->n; k++)
		if (counts_as_change(&cmp.cs->changes[k], mask))
			status = EXIT_DIFFERENT;
	if (form.gitmode)
		status = EXIT_SAME;
	if (!quiet)
		status = answer(&cmp, &form, &co, &ro, status, asked_format);
	if (status == EXIT_DIFFERENT && fail_on && !quiet &&
	    say_failing(&cmp, mask))
		status = EXIT_TROUBLE;
done:
	nd_buf_dispose(&form.buf[0]);
	nd_buf_dispose(&form.buf[1]);
	cli_comparison_dispose(&cmp);
	return status;
}
