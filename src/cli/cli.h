/* cli.h - shared pieces of the command line: context, input resolution,
 * output, error reporting. Only src/cli talks to the world: files, the
 * environment, the terminal, exit codes.
 */
#ifndef NORMDIFF_CLI_H
#define NORMDIFF_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "normdiff/buf.h"
#include "normdiff/changeset.h"
#include "normdiff/clause.h"
#include "normdiff/grammar.h"
#include "normdiff/import.h"
#include "normdiff/render.h"
#include "normdiff/series.h"
#include "normdiff/store.h"

/* Reports are cut or wrapped at this width when the output is not a
 * terminal (a terminal gets its own width). */
#define PIPE_WIDTH 100

/* Exit statuses, as diff(1). */
enum { EXIT_SAME = 0, EXIT_DIFFERENT = 1, EXIT_TROUBLE = 2 };

typedef struct cli {
	const char *store_opt;    /* --store DIR, or NULL */
	const char *grammar_file; /* --grammar FILE, or NULL */
	nd_grammar *grammar;      /* loaded on first use */
	uint64_t grammar_hash;    /* ... the hash and length of the text it */
	size_t grammar_len;       /* was compiled from (with --grammar) */
	nd_store *store;          /* opened on first use */
	int store_failed;         /* a store was named or found but could not
	                             be opened (and that was reported) */
	const char *from_opt;     /* --from FORMAT, or NULL */
	const char *changes_opt;  /* --changes accept|reject, or NULL */
	int from;                 /* --from: 1 + an nd_format; 0 to detect */
	int reject_changes;       /* --changes=reject (tracked changes) */
	int timings;              /* --timings */
	const char *jobs_opt;     /* --jobs N, or NULL */
	int jobs;                 /* threads: --jobs, else $NORMDIFF_JOBS; 0
	                             when neither says (compare.c chooses) */
} cli;

/* A version of a draft as read from wherever the spec pointed. */
typedef struct cli_input {
	char *data;      /* raw bytes, NUL-terminated; NULL once cli_compare
	                    parsed them (the document holds the text) */
	size_t len;      /* their length */
	int from_store;  /* 1 if read from the store: ver is filled */
	nd_version ver;  /* store metadata */
	nd_docinfo info; /* label, symbol, date, title for renderers; pages
	                    once parsed (cli_input_parse) */
	nd_pagemap *pages; /* the page of each line of its text when it was
	                      read from a PDF, owned (so the input can be
	                      moved); NULL otherwise */
	char *git_path;  /* for REV:PATH: PATH from the top of the repository */
	int absent;      /* REV:PATH whose revision holds no PATH (no data) */
	char *absent_why; /* ...and the message that says so, owned */
} cli_input;

/* Print "normdiff: THING: message" (one line) and return EXIT_TROUBLE.
 * The whole line is escaped for the terminal (nd_utf8_escape), so THING
 * and the arguments may carry any text from outside: a file name, a spec,
 * a label, a line of a grammar file. */
int cli_fail(const char *thing, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* The same with the library's recorded message. */
int cli_fail_lib(const char *thing);
/* A notice on standard error, "normdiff: message", escaped as cli_fail's. */
void cli_note(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* A line of our own words on standard output ("created a store in DIR"),
 * with a newline, escaped as cli_fail's. */
void cli_say(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Send the messages of cli_fail to `into` (the latest one, without the
 * program's name) instead of standard error; NULL sends them back. */
void cli_capture_errors(nd_buf *into);

/* Read a whole file ("-" is standard input), at most ND_TEXT_MAX_INPUT
 * bytes (ND_ETOOBIG beyond, without reading further). A regular file read
 * is remembered as an input, which cli_write refuses to write to. */
int cli_read_file(const char *path, char **data, size_t *len);

/* Resolve SPEC: "-", a file, REV:PATH in the enclosing git repository, or a
 * label or revision in the store. */
int cli_load(cli *c, const char *spec, cli_input *in);
/* The same, except that REV:PATH whose revision exists but holds no PATH
 * is loaded as nothing with in->absent set, and no error is printed. */
int cli_load_absent(cli *c, const char *spec, cli_input *in);
void cli_input_dispose(cli_input *in);
/* Point in->info at spec and at the metadata in in->ver. */
void cli_input_set_info(cli_input *in, const char *spec);

/* The grammar (--grammar FILE or the default); NULL after printing an
 * error. */
const nd_grammar *cli_grammar(cli *c);

/* Open the store (--store, $NORMDIFF_STORE, or the nearest .normdiff);
 * NULL after printing an error. With `quiet`, that there is no store at
 * all is not printed; a store that cannot be opened always is
 * (c->store_failed is then set). */
nd_store *cli_store(cli *c, int quiet);
/* Where a new store goes (--store, $NORMDIFF_STORE, ./.normdiff). */
const char *cli_store_path_for_init(const cli *c);

/* What the bytes of a version are: --from, else by content (import.h). */
nd_format cli_format(const cli *c, const char *data, size_t len);

/* Parse the bytes of a version, first read as text from PDF, Word or
 * OpenDocument when they are one (--from, else by content: import.h);
 * returns 0 or an ND_E* code with the message recorded, printing nothing.
 * `pages` (may be NULL) gets the page of each line of a PDF's text, and is
 * emptied for any other input. */
int cli_doc_parse(cli *c, const char *data, size_t len, const nd_grammar *g,
                  nd_doc **doc, nd_pagemap *pages);
/* The same for bytes of format f, with tracked changes rejected when
 * `reject` is set; touches nothing but its arguments, so two threads may
 * parse two versions at once (plain text: the importers' libraries keep
 * global state). With `own` (*own is data itself, malloc'ed, len + 1
 * bytes), plain text is parsed in its own bytes (nd_doc_parse_in), which
 * the document then holds (or which are freed on failure): *own becomes
 * NULL. */
int cli_doc_parse_as(const char *data, size_t len, nd_format f, int reject,
                     const nd_grammar *g, nd_doc **doc, nd_pagemap *pages,
                     char **own);

/* Parse the bytes of a version and report errors as "normdiff: SPEC: ...". */
int cli_parse(cli *c, const char *spec, const char *data, size_t len,
              nd_doc **doc, nd_pagemap *pages);

/* Parse a loaded version (cli_parse) keeping its pages in in->pages, and
 * point in->info.pages at them when it has some. */
int cli_input_parse(cli *c, const char *spec, cli_input *in, nd_doc **doc);
/* Give `in` the pages of `map` (moved out of it, so *map is left empty)
 * and point in->info.pages at them, or at nothing for an empty map;
 * 0 or ND_ENOMEM (recorded). */
int cli_input_pages(cli_input *in, nd_pagemap *map);

/* Write `buf` to standard output when path is NULL or "-"; else to
 * `path`: a regular file (new, or existing with one link) atomically
 * through a temporary file beside it, keeping its owner and mode; anything
 * else (FIFO, device, standard output by another name) directly. Refuses an
 * input of the run and a file with hard links. */
int cli_write(const char *path, const nd_buf *buf);

/* Where cli_write writes, written in pieces as they are made, by the same
 * rules: open, write..., then commit, or abort to give up. A regular file
 * is written through its temporary file, renamed into place at commit
 * only, so giving up (or a failure, or a signal) leaves the old file as it
 * was; pieces written to standard output or to something that is not a
 * regular file are out as soon as written. Each call but abort returns 0,
 * or EXIT_TROUBLE once the failure has been said; after a failure the
 * destination is ended and nothing more is written. abort may follow any
 * call, and commit. */
typedef struct cli_dest {
	const char *path; /* -o as given, NULL for standard output */
	int kind;         /* how it is written (io.c) */
	int fd;           /* where the pieces go */
	int own;          /* fd was opened here, and is closed at the end */
	int atomic;       /* through a temporary file: nothing is out before
	                     commit */
	int has_old;      /* old is the regular file to replace */
	struct stat old;
	nd_buf real;      /* the file the temporary one replaces (links
	                     followed) */
	size_t written;   /* bytes written so far */
	int failed;       /* a failure was said */
} cli_dest;
int cli_dest_open(cli_dest *d, const char *path);
int cli_dest_write(cli_dest *d, const char *p, size_t n);
int cli_dest_commit(cli_dest *d);
void cli_dest_abort(cli_dest *d);
/* Whether some of what was written is out where it cannot be taken back
 * (standard output, a pipe, a device): not so for a regular file before
 * commit. */
int cli_dest_sent(const cli_dest *d);

/* A report: as cli_write, except that on a terminal too short for it
 * (path NULL or "-") it goes through the pager ($NORMDIFF_PAGER, $PAGER,
 * less -R) unless cli_pager_disable was called; the command's status is
 * not the pager's. See pager.c. */
int cli_write_report(const char *path, const nd_buf *buf);
/* --no-pager: reports are written as they are. */
void cli_pager_disable(void);
/* Whether cli_write_report(path, ...) might hand a report to the pager,
 * which needs the whole report first to know whether it fits the screen:
 * path is standard output, a terminal, with a pager to run. When not, a
 * report may be written in pieces as it is made (cli_dest). */
int cli_report_may_page(const char *path);

/* The format of a report: --format `given` (NULL if not given), else the
 * one the extension of `output` names (.txt .md .json .html .csv), else
 * names[0]. `names` (NULL-terminated) are the command's formats, `list`
 * them in words for the error. A format that is not one of them, or one
 * the extension contradicts, is an error (printed; EXIT_TROUBLE). */
int cli_pick_format(const char *given, const char *output,
                    const char *const *names, const char *list,
                    const char **format);

/* Where and how a report goes: --format, -o, --color, --width, shared by
 * the commands that write reports (diff, history, synopsis). */
typedef struct cli_out {
	const char *format; /* --format, then the one picked (cli_out_check) */
	const char *output; /* -o FILE, or NULL for standard output */
	const char *color;  /* --color WHEN: "auto" unless given */
	long width;         /* --width N, -1 unless given */
} cli_out;

void cli_out_init(cli_out *o);
/* Take option ch if it is one of these ('f', 'o', 'C', 'w'): 1 when it
 * was, 0 when not, -1 after printing an error. */
int cli_out_option(cli_out *o, int ch, const char *arg);
/* After the options: --color is a known word and the format is picked
 * (cli_pick_format over `names`, `list` in words); 0 or EXIT_TROUBLE. */
int cli_out_check(cli_out *o, const char *const *names, const char *list);
/* Colour: never into a file, else as --color says (cli_use_color). */
int cli_out_color(const cli_out *o);
/* Width: --width's, else the terminal's when standard output is one,
 * else PIPE_WIDTH. */
unsigned cli_out_width(const cli_out *o);

/* Whether to colour what goes to standard output: `when` is "always",
 * "never" or "auto" (a terminal, no NO_COLOR, TERM not "dumb"). */
int cli_use_color(const char *when);

/* Columns of the terminal on standard output, or 0 if it is not one. */
unsigned cli_terminal_width(void);

/* One side of a comparison: its spec, bytes and tree. */
typedef struct cli_side {
	const char *spec; /* as given */
	cli_input in;     /* bytes and metadata */
	nd_doc *doc;      /* parsed */
} cli_side;

/* Parsing loaded versions (parse.c): a job a version, run on several
 * threads when that helps, with the result of one thread. */
typedef struct cli_parse_job {
	cli_side *s;          /* the version: its bytes in, its doc out */
	int empty;            /* an empty file: a version without provisions */
	int index;            /* compute its signatures too (nd_doc_index) */
	cli_side *against;    /* ... for an alignment with this version's
	                         (nd_doc_index_against), in a second round
	                         once every version is parsed; or NULL */
	int reject;           /* read its tracked changes rejected */
	nd_format format;     /* what its bytes are (cli_format) */
	const nd_grammar *g;  /* NULL when empty */
	int err;              /* 0 or ND_E* */
	char message[1024];   /* nd_error_message() of err */
	double seconds;       /* how long the parse took */
	double index_seconds; /* ... and the signatures */
} cli_parse_job;

/* A job for side s; with `empty_ok`, an empty file (not standard input)
 * is a version without provisions. 0, or EXIT_TROUBLE after printing (the
 * grammar would not load). */
int cli_parse_job_init(cli *c, cli_parse_job *j, cli_side *s, int reject,
                       int empty_ok, int index);
/* Run jobs j[0..n); returns the first that failed in order, or n, and
 * sets *threads to the threads used. Prints nothing but the progress of
 * `prog` (may be NULL: "reading" and the jobs done, from this thread);
 * the raw bytes of a version parsed are freed (in.data NULL: the
 * document holds the text). */
struct cli_progress;
size_t cli_parse_run(const cli *c, cli_parse_job *j, size_t n,
                     struct cli_progress *prog, size_t *threads);
/* Report job j's failure as "normdiff: SPEC: message"; EXIT_TROUBLE. */
int cli_parse_job_fail(const cli_parse_job *j);

/* Two versions compared. */
typedef struct cli_comparison {
	cli_side old;     /* the old version */
	cli_side new;     /* the new one */
	nd_changeset *cs; /* their change set */
	const char *why;  /* CLI_NOT_COMPARED: why, e.g. "binary or non-UTF-8
	                     file" (static) */
	nd_buf names[2];  /* CLI_COMPARE_TRACKED: "FILE (tracked changes
	                     rejected)" and "... accepted", the sides' specs */
} cli_comparison;

/* How cli_compare reads its versions (flags, or 0 for neither). */
enum {
	/* a side that is an empty file (/dev/null), or REV:PATH naming a file
	 * that exists in the other side's revision but not in its own, is a
	 * version without provisions; empty standard input stays an error */
	CLI_COMPARE_EMPTY = 1,
	/* as git's external diff: a side that is not a draft's text (binary,
	 * not UTF-8, ...) makes cli_compare return CLI_NOT_COMPARED, without a
	 * message, with cmp->why set */
	CLI_COMPARE_GIT = 2,
	/* OLD and NEW are one Word or OpenDocument file: the old version is
	 * its text with its tracked changes rejected, the new one with them
	 * accepted (the file is read once) */
	CLI_COMPARE_TRACKED = 4,
};
#define CLI_NOT_COMPARED 3

/* Load, parse and compare the versions OLD and NEW (specs as cli_load),
 * with progress on standard error when it is a terminal and !quiet.
 * Errors are printed, naming `cmd` where no spec is to blame; returns 0 or
 * EXIT_TROUBLE (and *cmp is then empty), or CLI_NOT_COMPARED. */
int cli_compare(cli *c, const char *cmd, cli_comparison *cmp, const char *old,
                const char *new, const nd_align_opts *ao, unsigned flags,
                int quiet);
void cli_comparison_dispose(cli_comparison *cmp);
/* nd_changeset_compute, timed for --timings; 0, or EXIT_TROUBLE after
 * printing the error as "normdiff: THING: ...". */
int cli_align(const char *thing, nd_changeset **out, const nd_doc *old,
              const nd_doc *new, const nd_align_opts *ao,
              nd_progress_fn progress, void *ud);

/* 1 if SPEC is a file (not a stored version) that is a Word or
 * OpenDocument file (or --from says so): one version that can hold
 * tracked changes, to compare with CLI_COMPARE_TRACKED. */
int cli_tracked_file(cli *c, const char *spec);

/* The options of the alignment, shared by diff and tui: --ignore-case
 * ('i'), --ignore-punctuation ('p') and --threshold ('t'). Returns 1 when
 * `ch` was one of them, 0 when not, -1 after printing an error. */
int cli_align_option(int ch, const char *arg, nd_align_opts *ao);

/* A progress line on standard error when it is a terminal (and not
 * quiet), shown only for work that takes more than half a second. */
typedef struct cli_progress {
	struct timespec start; /* when the work started */
	int shown;             /* a progress line is on screen */
	int enabled;           /* standard error is a terminal */
	const char *phase;     /* the phase on screen */
	unsigned percent;      /* the percentage on screen */
} cli_progress;

void cli_progress_start(cli_progress *p, int quiet);
/* An nd_progress_fn: ud is the cli_progress. */
void cli_progress_show(void *ud, const char *phase, size_t done, size_t total);
/* Clear the line, if one is shown. */
void cli_progress_end(cli_progress *p);

/* Timings (timings.c): where the run's time went, printed on standard
 * error at the end when --timings or NORMDIFF_TIMINGS asks. Main thread
 * only. */
void cli_timings_start(int asked);
int cli_timings_on(void);
/* Seconds on the monotonic clock. */
double cli_clock(void);
/* Add seconds to a phase ("read", "parse old"), a new row the first time. */
void cli_time_add(const char *phase, double seconds);
/* Add the time since `since` (a cli_clock reading) to a phase. */
void cli_time_since(const char *phase, double since);
/* Add the alignment's passes, as "align: PASS". */
void cli_time_passes(const nd_timings *passes);
void cli_timings_print(void);

/* The change set of two loaded and parsed versions (old, then new), for
 * the commands that compare a series; 0, or EXIT_TROUBLE after printing. */
int cli_changeset(cli *c, const cli_side *old, const cli_side *new,
                  const nd_align_opts *ao, nd_progress_fn progress, void *ud,
                  nd_changeset **out);

/* The versions of store series `series`, newest first (NULL: the series
 * of the store's newest version; an empty store is an error, an empty
 * named series is not); 0, or EXIT_TROUBLE after printing. */
int cli_store_series(cli *c, const char *cmd, const char *series,
                     nd_version **v, size_t *n);

/* A series of versions loaded, parsed and compared pair by pair. */
typedef struct cli_series {
	size_t n;           /* versions, oldest first */
	cli_side *sides;    /* n: spec, bytes, tree */
	nd_docinfo *infos;  /* n: what the reports show of each */
	nd_changeset **cs;  /* n - 1: version k against k + 1 */
	nd_series *series;  /* the chain */
	char **owned;       /* specs made for a store series (commit ids) */
} cli_series;

/* Load `specs` (oldest first, as cli_load), or with nspecs 0 every
 * version of store series `series` (NULL: the newest version's series),
 * and compare consecutive ones. Progress on a terminal unless quiet.
 * 0, or EXIT_TROUBLE after printing (and *s is then empty). */
int cli_series_load(cli *c, const char *cmd, cli_series *s, char *const *specs,
                    size_t nspecs, const char *series, const nd_align_opts *ao,
                    int quiet);
/* The two halves of cli_series_load: read every version (bytes and
 * metadata, not parsed); then parse them and compare the pairs (on
 * failure *s keeps what it holds, for cli_series_dispose). */
int cli_series_read(cli *c, const char *cmd, cli_series *s, char *const *specs,
                    size_t nspecs, const char *series);
int cli_series_compare(cli *c, cli_series *s, const nd_align_opts *ao,
                       int quiet);
void cli_series_dispose(cli_series *s);

/* A whole output computed from stored versions only (sides[0..n), read,
 * not yet parsed), kept in the store's cache under a key made of `what`
 * (the command and every option that shapes its output, as text), the
 * versions' commits and specs, the alignment options, the grammar and the
 * build. 1 when it was there: it is appended to out. 0 otherwise: *key
 * is then the key to keep the output under with cli_output_keep, or empty
 * when the output cannot be kept (a side that is not from the store). */
int cli_output_cached(cli *c, const cli_side *sides, size_t n,
                      const nd_align_opts *ao, const char *what, nd_buf *key,
                      nd_buf *out);
void cli_output_keep(cli *c, const nd_buf *key, const nd_buf *out);

int cmd_init(cli *c, int argc, char **argv);
int cmd_add(cli *c, int argc, char **argv);
int cmd_log(cli *c, int argc, char **argv);
int cmd_show(cli *c, int argc, char **argv);
int cmd_outline(cli *c, int argc, char **argv);
int cmd_diff(cli *c, int argc, char **argv);
int cmd_grammar(cli *c, int argc, char **argv);
int cmd_tui(cli *c, int argc, char **argv);
int cmd_history(cli *c, int argc, char **argv);
int cmd_synopsis(cli *c, int argc, char **argv);

#endif
