/* io.c - reading inputs, resolving specs, writing outputs, errors.
 *
 * A spec names a version of a draft. It is tried as, in order: "-"
 * (standard input); an existing path (a directory is an error); REV:PATH in
 * the git repository around the working directory (read-only); a label or
 * revision in the store. The first that exists wins, so a file named like
 * a label shadows it; "./2011" and "2011" are then told apart by the user.
 *
 * A regular file named by -o is written atomically: a temporary file
 * ".NAME.normdiff-tmp.XXXXXX" beside the real file (symbolic links
 * followed, so a link stays a link), given the old file's owner and mode
 * and renamed over it once complete, so a failure never leaves a partial
 * report behind. A file with more than one hard link is refused rather
 * than parted from its other names or written in place half-way. Anything
 * else (a FIFO, a terminal, /dev/null, /dev/stdout) is opened and written
 * as it is: output never renames over or removes what it did not create.
 * Output is written at once (cli_write) or in pieces as it is made
 * (cli_dest: open, write..., commit or abort), by the same rules: to a
 * regular file the pieces all go to its temporary file, renamed into place
 * at commit only, so -o stays all or nothing; elsewhere each piece is out
 * as soon as it is written.
 * An input of the run is never the output. Inputs are read to at most one
 * byte past ND_TEXT_MAX_INPUT, a regular file in one allocation.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "normdiff/error.h"
#include "normdiff/import.h"
#include "normdiff/utf8.h"

/* Where errors go instead of standard error while the terminal UI owns
 * the screen, or NULL. */
static nd_buf *captured;

void cli_capture_errors(nd_buf *into)
{
	captured = into;
}

/* Messages carry text from outside: file names, specs, labels, lines of a
 * grammar or metadata file, git's words about a path. The whole message is
 * formatted first and then escaped (nd_utf8_escape: controls as ^[, other
 * unsafe characters as <U+202E>, bad bytes as <0xFF>), so none of it
 * reaches a terminal as a control sequence or breaks the one line; our
 * own words hold no control characters, and escaping leaves text that was
 * escaped before as it is. Appends to out; 0 or ND_ENOMEM. */
static int format_line(nd_buf *out, const char *thing, const char *fmt,
                       va_list ap)
{
	nd_buf raw = ND_BUF_INIT;
	int err = 0;

	if (thing)
		err = nd_buf_printf(&raw, "%s: ", thing);
	if (!err)
		err = nd_buf_vprintf(&raw, fmt, ap);
	if (!err)
		err = nd_utf8_escape(out, raw.ptr ? raw.ptr : "", raw.len, 0);
	nd_buf_dispose(&raw);
	return err;
}

/* Write "PREFIXmessage\n" to f in one piece (an out-of-memory note when
 * the message cannot be made). */
static void emit(FILE *f, const char *prefix, const char *thing,
                 const char *fmt, va_list ap)
{
	nd_buf line = ND_BUF_INIT;
	int err = nd_buf_puts(&line, prefix);

	if (!err)
		err = format_line(&line, thing, fmt, ap);
	if (!err)
		err = nd_buf_putc(&line, '\n');
	if (err)
		fprintf(f, "%sout of memory\n", prefix);
	else
		fwrite(line.ptr, 1, line.len, f);
	nd_buf_dispose(&line);
}

int cli_fail(const char *thing, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (captured) {
		/* the latest error only, without the program's name */
		nd_buf_clear(captured);
		if (format_line(captured, thing, fmt, ap)) {
			nd_buf_clear(captured);
			nd_buf_puts(captured, "out of memory");
		}
		va_end(ap);
		return EXIT_TROUBLE;
	}
	fflush(stdout);
	emit(stderr, "normdiff: ", thing, fmt, ap);
	va_end(ap);
	return EXIT_TROUBLE;
}

int cli_fail_lib(const char *thing)
{
	return cli_fail(thing, "%s", nd_error_message());
}

void cli_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fflush(stdout);
	emit(stderr, "normdiff: ", NULL, fmt, ap);
	va_end(ap);
}

void cli_say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	emit(stdout, "", NULL, fmt, ap);
	va_end(ap);
}

/* Regular files read as inputs (device and inode), so that -o never
 * replaces one of them: the versions, a grammar, a metadata file. A run
 * reads a handful; more than fit are not remembered. */
static struct {
	dev_t dev;
	ino_t ino;
} inputs[16];
static size_t ninputs;

static int is_input(const struct stat *st)
{
	size_t i;

	for (i = 0; i < ninputs; i++)
		if (inputs[i].dev == st->st_dev && inputs[i].ino == st->st_ino)
			return 1;
	return 0;
}

/* Read what is left of fd, at most ND_TEXT_MAX_INPUT + 1 bytes: the one
 * byte more shows the input is too big, so an endless stream (/dev/zero,
 * `yes |`) is stopped there and never held beyond it. `hint` is the size
 * of a regular file: its buffer is allocated once, with room for the NUL
 * and one byte to see that it grew; other inputs start at 64 KiB and
 * double. */
static int read_fd(int fd, size_t hint, char **data, size_t *len)
{
	const size_t max = ND_TEXT_MAX_INPUT + 1;
	size_t cap = hint ? hint + 2 : 65536, n = 0;
	char *p = malloc(cap), *q;
	ssize_t r;

	if (!p)
		return nd_error_oom();
	for (;;) {
		if (n + 1 == cap) {
			cap = cap > max / 2 ? max + 1 : cap * 2;
			q = realloc(p, cap);
			if (!q) {
				free(p);
				return nd_error_oom();
			}
			p = q;
		}
		r = read(fd, p + n, cap - 1 - n < max - n ? cap - 1 - n : max - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			free(p);
			return nd_error_set(ND_EIO, "cannot read: %s", strerror(e));
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n > ND_TEXT_MAX_INPUT) {
			free(p);
			return nd_error_set(ND_ETOOBIG, "is larger than %zu bytes; split "
			                    "the draft into parts", ND_TEXT_MAX_INPUT);
		}
	}
	p[n] = '\0';
	*data = p;
	*len = n;
	return 0;
}

int cli_read_file(const char *path, char **data, size_t *len)
{
	static int stdin_taken; /* read for an input already: a second "-"
	                           (--grammar - with a draft -) would be empty */
	struct stat st;
	size_t hint = 0;
	off_t at;
	int is_stdin = !strcmp(path, "-");
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	int err;

	*data = NULL;
	if (is_stdin && stdin_taken++)
		return nd_error_set(ND_EINVAL, "is already read for another input "
		                    "(only one input can be -); give the others as "
		                    "files");
	if (fd < 0)
		return nd_error_set(errno == ENOENT ? ND_ENOTFOUND : ND_EIO,
		                    "cannot read: %s", strerror(errno));
	if (fstat(fd, &st) != 0) {
		err = nd_error_set(ND_EIO, "cannot read: %s", strerror(errno));
		goto done;
	}
	if (S_ISDIR(st.st_mode)) {
		err = nd_error_set(ND_EINVAL, "is a directory; give a draft's text "
		                   "file");
		goto done;
	}
	if (S_ISREG(st.st_mode)) {
		at = lseek(fd, 0, SEEK_CUR);
		if (at < 0 || at > st.st_size)
			at = 0;
		if ((uintmax_t)(st.st_size - at) > ND_TEXT_MAX_INPUT) {
			err = nd_error_set(ND_ETOOBIG, "is larger than %zu bytes; split "
			                   "the draft into parts", ND_TEXT_MAX_INPUT);
			goto done;
		}
		hint = (size_t)(st.st_size - at);
		if (ninputs < sizeof(inputs) / sizeof(inputs[0])) {
			inputs[ninputs].dev = st.st_dev;
			inputs[ninputs++].ino = st.st_ino;
		}
	}
	err = read_fd(fd, hint, data, len);
done:
	if (!is_stdin)
		close(fd);
	return err;
}

const nd_grammar *cli_grammar(cli *c)
{
	char *text;
	size_t len;
	int err;

	if (c->grammar)
		return c->grammar;
	if (!c->grammar_file) {
		if (nd_grammar_default(&c->grammar))
			cli_fail_lib("default grammar");
		return c->grammar;
	}
	if (cli_read_file(c->grammar_file, &text, &len)) {
		cli_fail_lib(c->grammar_file);
		return NULL;
	}
	err = nd_grammar_new(&c->grammar, text, len, c->grammar_file);
	c->grammar_hash = nd_hash(text, len); /* for keys: the text compiled */
	c->grammar_len = len;
	free(text);
	if (err)
		cli_fail("grammar", "%s; see docs/grammar.md", nd_error_message());
	return c->grammar;
}

const char *cli_store_path_for_init(const cli *c)
{
	const char *env = getenv("NORMDIFF_STORE");

	if (c->store_opt)
		return c->store_opt;
	if (env && *env)
		return env;
	return ".normdiff";
}

nd_store *cli_store(cli *c, int quiet)
{
	const char *env = getenv("NORMDIFF_STORE");
	const char *path = c->store_opt ? c->store_opt : (env && *env ? env : NULL);
	char *found = NULL;

	if (c->store)
		return c->store;
	if (!path) {
		if (nd_store_discover(&found, ".")) {
			if (!quiet)
				cli_fail("store", "no store here (no .normdiff in this "
				         "directory or above); create one with `normdiff "
				         "init`, or name one with --store DIR or "
				         "NORMDIFF_STORE");
			return NULL;
		}
		path = found;
	}
	if (nd_store_open(&c->store, path)) {
		c->store_failed = 1;
		cli_fail_lib("store");
	}
	free(found);
	return c->store;
}

void cli_input_set_info(cli_input *in, const char *spec)
{
	in->info.spec = spec;
	in->info.label = in->ver.meta.label;
	in->info.title = in->ver.meta.title;
	in->info.symbol = in->ver.meta.symbol;
	in->info.date = in->ver.meta.date;
	in->info.sponsors = in->ver.meta.sponsors;
}

/* The store, when one is named or found and opens; NULL without a word
 * otherwise (a later cli_store reports what is wrong, if it is needed). */
static nd_store *store_if_any(cli *c)
{
	const char *env = getenv("NORMDIFF_STORE");
	const char *path = c->store_opt ? c->store_opt : (env && *env ? env : NULL);
	char *found = NULL;

	if (c->store || c->store_failed)
		return c->store;
	if (!path && nd_store_discover(&found, ".") == 0)
		path = found;
	if (path && nd_store_open(&c->store, path))
		c->store = NULL;
	nd_error_clear();
	free(found);
	return c->store;
}

/* A bare name (no '/') that is a file here and also names a version in
 * the store is ambiguous, as git refuses an argument that is both a
 * revision and a path: say both and how to choose. */
static int ambiguous(cli *c, const char *spec)
{
	nd_store *s;
	nd_version ver;
	char *data = NULL;
	size_t len;
	int found;

	if (!strcmp(spec, "-") || strchr(spec, '/') || !(s = store_if_any(c)))
		return 0;
	nd_version_init(&ver);
	found = nd_store_read(s, spec, &data, &len, &ver) == 0;
	free(data);
	nd_version_dispose(&ver);
	nd_error_clear();
	if (!found)
		return 0;
	return cli_fail(spec, "is both a file here and a version in the store at "
	                "%s; write ./%s for the file or label:%s for the stored "
	                "version", nd_store_path(s), spec, spec);
}

static int load(cli *c, const char *spec, cli_input *in, int absent_ok)
{
	struct stat st;
	nd_store *s;
	int err, revpath = 0;
	const char *name = spec;

	memset(in, 0, sizeof(*in));
	nd_version_init(&in->ver);
	in->info.spec = spec;
	if (!strncmp(spec, "label:", 6)) { /* the store's, whatever is here */
		name = spec + 6;
	} else if (!strcmp(spec, "-") || stat(spec, &st) == 0) {
		if (ambiguous(c, spec))
			return EXIT_TROUBLE;
		if (cli_read_file(spec, &in->data, &in->len))
			return cli_fail_lib(!strcmp(spec, "-") ? "standard input" : spec);
		return 0;
	}
	if (name == spec && strchr(spec, ':')) {
		err = nd_git_read_path(".", spec, &in->data, &in->len, &in->git_path,
		                       &in->absent);
		if (err == 0)
			return 0;
		if (in->absent && absent_ok) {
			in->absent_why = strdup(nd_error_message());
			if (in->absent_why)
				return 0;
			free(in->git_path);
			in->git_path = NULL;
			return cli_fail(spec, "out of memory");
		}
		free(in->git_path); /* a failed load leaves nothing to dispose */
		in->git_path = NULL;
		in->absent = 0;
		if (err != ND_ENOTSTORE)
			return cli_fail_lib(spec);
		revpath = 1;
	}
	s = cli_store(c, 1);
	if (!s && c->store_failed)
		return EXIT_TROUBLE; /* a damaged store is not "no store" */
	if (!s)
		return cli_fail(spec, "no such file, %sand no store to look up a "
		                "label in (create one with `normdiff init`, or name "
		                "one with --store DIR)",
		                revpath ? "not inside a git repository to read "
		                          "REV:PATH from, " : "");
	err = nd_store_read(s, name, &in->data, &in->len, &in->ver);
	if (err == ND_ENOTFOUND && name == spec)
		return cli_fail(spec, "no such file, and %s", nd_error_message());
	if (err)
		return cli_fail_lib(spec);
	in->from_store = 1;
	cli_input_set_info(in, spec);
	return 0;
}

int cli_load(cli *c, const char *spec, cli_input *in)
{
	return load(c, spec, in, 0);
}

int cli_load_absent(cli *c, const char *spec, cli_input *in)
{
	return load(c, spec, in, 1);
}

void cli_input_dispose(cli_input *in)
{
	free(in->data);
	free(in->absent_why);
	free(in->git_path);
	if (in->pages)
		nd_pagemap_dispose(in->pages);
	free(in->pages);
	nd_version_dispose(&in->ver);
	memset(in, 0, sizeof(*in));
}

nd_format cli_format(const cli *c, const char *data, size_t len)
{
	return c->from ? (nd_format)(c->from - 1) : nd_import_detect(data, len);
}

int cli_doc_parse(cli *c, const char *data, size_t len, const nd_grammar *g,
                  nd_doc **doc, nd_pagemap *pages)
{
	return cli_doc_parse_as(data, len, cli_format(c, data, len),
	                        c->reject_changes, g, doc, pages, NULL);
}

int cli_doc_parse_as(const char *data, size_t len, nd_format f, int reject,
                     const nd_grammar *g, nd_doc **doc, nd_pagemap *pages,
                     char **own)
{
	nd_import_opts o;
	nd_buf text = ND_BUF_INIT;
	char *take;
	size_t n;
	int err;

	*doc = NULL;
	if (pages)
		nd_pagemap_dispose(pages);
	if (f == ND_FORMAT_TEXT && own && *own) {
		take = *own;
		*own = NULL; /* the document's text, or freed */
		return nd_doc_parse_in(doc, take, len, g);
	}
	if (f == ND_FORMAT_TEXT)
		return nd_doc_parse(doc, data, len, g);
	nd_import_opts_init(&o);
	o.changes = reject ? ND_CHANGES_REJECT : ND_CHANGES_ACCEPT;
	o.pages = pages;
	if ((err = nd_import(&text, data, len, f, &o)) != 0) {
		nd_buf_dispose(&text);
		return err;
	}
	if (!text.ptr)
		return nd_doc_parse(doc, "", 0, g);
	/* the imported text becomes the document's, cleaned in its own bytes */
	n = text.len;
	return nd_doc_parse_in(doc, nd_buf_detach(&text), n, g);
}

int cli_parse(cli *c, const char *spec, const char *data, size_t len,
              nd_doc **doc, nd_pagemap *pages)
{
	const nd_grammar *g = cli_grammar(c);

	*doc = NULL;
	if (!g)
		return EXIT_TROUBLE;
	if (cli_doc_parse(c, data, len, g, doc, pages))
		return cli_fail_lib(!strcmp(spec, "-") ? "standard input" : spec);
	return 0;
}

int cli_input_pages(cli_input *in, nd_pagemap *map)
{
	if (map->n && !in->pages && (in->pages = calloc(1, sizeof(*in->pages))) == NULL) {
		nd_pagemap_dispose(map);
		return nd_error_oom();
	}
	if (in->pages) {
		nd_pagemap_dispose(in->pages);
		*in->pages = *map;
		*map = (nd_pagemap)ND_PAGEMAP_INIT;
	}
	in->info.pages = in->pages && in->pages->n ? in->pages : NULL;
	return 0;
}

int cli_input_parse(cli *c, const char *spec, cli_input *in, nd_doc **doc)
{
	nd_pagemap map = ND_PAGEMAP_INIT;
	int err = cli_parse(c, spec, in->data, in->len, doc, &map);

	if (!err && cli_input_pages(in, &map)) {
		nd_doc_free(*doc);
		*doc = NULL;
		err = cli_fail_lib(spec);
	}
	nd_pagemap_dispose(&map);
	return err;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The temporary file of a report being written, removed if a signal ends
 * the program before it is renamed into place. The handlers are there only
 * while the file exists; a signal that was ignored stays ignored. */
static const int cleanup_signals[] = {SIGHUP, SIGINT, SIGTERM};
#define NCLEANUP (sizeof(cleanup_signals) / sizeof(cleanup_signals[0]))
static char tmp_path[PATH_MAX];
static volatile sig_atomic_t tmp_live;
static struct sigaction saved_actions[NCLEANUP];
static int handled[NCLEANUP];

static void remove_tmp_and_die(int sig)
{
	/* async-signal-safe calls only */
	if (tmp_live)
		unlink(tmp_path);
	signal(sig, SIG_DFL);
	raise(sig); /* delivered, with the default action, on return */
}

/* Block the cleanup signals (so that a temporary file never exists without
 * its handler), saving the old mask in `old`. */
static void block_cleanup_signals(sigset_t *old)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NCLEANUP; i++)
		sigaddset(&set, cleanup_signals[i]);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void install_cleanup(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = remove_tmp_and_die;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NCLEANUP; i++)
		sigaddset(&sa.sa_mask, cleanup_signals[i]);
	for (i = 0; i < NCLEANUP; i++) {
		handled[i] = 0;
		if (sigaction(cleanup_signals[i], NULL, &saved_actions[i]) ||
		    saved_actions[i].sa_handler == SIG_IGN)
			continue;
		handled[i] = !sigaction(cleanup_signals[i], &sa, NULL);
	}
}

static void remove_cleanup(void)
{
	size_t i;

	for (i = 0; i < NCLEANUP; i++)
		if (handled[i])
			sigaction(cleanup_signals[i], &saved_actions[i], NULL);
}

/* Follow the symbolic links from `path` to what they end at, which need
 * not exist yet (a link to a new file): the place a report is renamed
 * into, so that the link stays a link. A relative link is read from the
 * link's own directory. */
static int follow_links(const char *path, nd_buf *out)
{
	char link[PATH_MAX];
	struct stat st;
	ssize_t n;
	int hops;
	char *slash;

	nd_buf_clear(out);
	if (nd_buf_puts(out, path))
		return ENOMEM;
	for (hops = 0;; hops++) {
		if (lstat(out->ptr, &st))
			return errno == ENOENT ? 0 : errno;
		if (!S_ISLNK(st.st_mode))
			return 0;
		if (hops == 40)
			return ELOOP;
		n = readlink(out->ptr, link, sizeof(link) - 1);
		if (n < 0)
			return errno;
		link[n] = '\0';
		slash = strrchr(out->ptr, '/');
		out->len = link[0] != '/' && slash ? (size_t)(slash - out->ptr) + 1 : 0;
		if (nd_buf_put(out, link, (size_t)n))
			return ENOMEM;
	}
}

/* Whether `real` is still what was found before writing: the same file
 * (`old`), or still nothing. */
static int target_unchanged(const char *real, const struct stat *old)
{
	struct stat now;

	if (lstat(real, &now))
		return !old && errno == ENOENT;
	return old && S_ISREG(now.st_mode) && now.st_dev == old->st_dev &&
	       now.st_ino == old->st_ino;
}

/* Give the temporary file `fd` the owner and mode of the file it replaces
 * (`old`), or for a new file the mode the umask allows. */
static int copy_owner_and_mode(int fd, const struct stat *old)
{
	struct stat now;
	mode_t mask;

	if (!old) {
		mask = umask(0); /* mkstemp made it 0600: honour umask */
		umask(mask);
		return fchmod(fd, 0666 & ~mask);
	}
	if (fstat(fd, &now))
		return -1;
	if ((now.st_uid != old->st_uid || now.st_gid != old->st_gid) &&
	    fchown(fd, old->st_uid, old->st_gid))
		return -1;
	return fchmod(fd, old->st_mode & 07777);
}

/* Create the temporary file named by tmp_path (a template) with its
 * handlers; -1 with errno on failure. */
static int create_tmp(void)
{
	sigset_t mask;
	int fd, e;

	block_cleanup_signals(&mask);
	install_cleanup();
	fd = mkstemp(tmp_path);
	e = errno;
	tmp_live = fd >= 0;
	sigprocmask(SIG_SETMASK, &mask, NULL);
	if (fd < 0)
		remove_cleanup();
	errno = e;
	return fd;
}

/* Rename the temporary file over `real` unless `real` changed meanwhile
 * (then errno is EAGAIN); -1 on failure, the temporary file left live.
 * A new file is linked into place, since link() fails on a name that
 * another process created after the check, where rename() would replace
 * what it wrote; only a file system without links falls back to the
 * check and rename. */
static int rename_tmp(const char *real, const struct stat *old)
{
	sigset_t mask;
	int r = -1;

	block_cleanup_signals(&mask);
	if (!old && (r = link(tmp_path, real)) == 0) {
		if (unlink(tmp_path) == 0)
			tmp_live = 0; /* else end_tmp tries again */
	} else if (!old && errno == EEXIST)
		errno = EAGAIN;
	else if (!target_unchanged(real, old))
		errno = EAGAIN;
	else if (!(r = rename(tmp_path, real)))
		tmp_live = 0;
	sigprocmask(SIG_SETMASK, &mask, NULL);
	return r;
}

/* Remove the temporary file if it is still there, and the handlers. */
static void end_tmp(void)
{
	sigset_t mask;

	block_cleanup_signals(&mask);
	if (tmp_live)
		unlink(tmp_path);
	tmp_live = 0;
	sigprocmask(SIG_SETMASK, &mask, NULL);
	remove_cleanup();
}

/* The temporary file for `real` could not be created (errno says why). */
static int tmp_failed(const char *path, const char *real,
                      const struct stat *old)
{
	if (old && (errno == EACCES || errno == EPERM) && access(real, W_OK) == 0)
		/* the file is writable, its directory is not: writing it in
		 * place is the way left, and the shell's > does that */
		return cli_fail(path, "cannot write: %s (no temporary file can be "
		                "made beside it); choose a writable location with -o, "
		                "or redirect standard output into it (> FILE) to "
		                "write it in place", strerror(errno));
	return cli_fail(path, "cannot write: %s; choose a writable location "
	                "with -o", strerror(errno));
}

/* A file name's 255 bytes less ".", ".normdiff-tmp.XXXXXX" and a margin. */
#define TMP_BASE_MAX 200

/* How a destination is written (cli_dest.kind). */
enum {
	DEST_NONE,   /* ended, or never opened */
	DEST_STDOUT, /* standard output */
	DEST_DIRECT, /* not a regular file (a FIFO, a terminal, /dev/null,
	                standard output or error by another name): written as
	                it is, never replaced */
	DEST_TMP     /* a regular file: through the temporary file */
};

/* End d without a word: close what it opened, remove its temporary file. */
static void dest_end(cli_dest *d)
{
	if (d->kind == DEST_TMP) {
		close(d->fd);
		end_tmp();
	} else if (d->kind == DEST_DIRECT && d->own) {
		close(d->fd);
	}
	d->kind = DEST_NONE;
	d->fd = -1;
	nd_buf_dispose(&d->real);
}

/* Say why d cannot be written (after ending it); EXIT_TROUBLE. */
static int dest_fail(cli_dest *d, int e)
{
	int kind = d->kind;

	dest_end(d);
	d->failed = 1;
	if (kind == DEST_STDOUT)
		return cli_fail("standard output", "write error: %s", strerror(e));
	if (kind == DEST_TMP)
		return cli_fail(d->path, "cannot write: %s; nothing was written",
		                strerror(e));
	return cli_fail(d->path, "cannot write: %s", strerror(e));
}

/* Open what is not a regular file as it is: `fd` when it is standard
 * output or error by another name, else by its name. */
static int open_direct(cli_dest *d, int fd)
{
	d->kind = DEST_DIRECT;
	d->own = fd < 0;
	d->fd = d->own ? open(d->path, O_WRONLY | O_NOCTTY | O_CLOEXEC) : fd;
	if (d->fd < 0) {
		d->own = 0; /* nothing to close */
		return dest_fail(d, errno);
	}
	return 0;
}

/* Create the temporary file ".NAME.normdiff-tmp.XXXXXX" beside d->real
 * (the real file when the path was reached through links), to be renamed
 * over it once complete. Only the temporary file, which this created, is
 * ever removed. */
static int open_tmp(cli_dest *d)
{
	const char *real = d->real.ptr;
	const char *slash = strrchr(real, '/');
	const char *base = slash ? slash + 1 : real;
	size_t blen = strlen(base);
	int n;

	/* the temporary name holds at most TMP_BASE_MAX bytes of NAME (cut at
	 * a character's start), so that it fits where NAME fits */
	if (blen > TMP_BASE_MAX) {
		blen = TMP_BASE_MAX;
		while (blen && ((unsigned char)base[blen] & 0xC0) == 0x80)
			blen--;
	}
	n = snprintf(tmp_path, sizeof(tmp_path), "%.*s.%.*s.normdiff-tmp.XXXXXX",
	             (int)(base - real), real, (int)blen, base);
	if (n < 0 || (size_t)n >= sizeof(tmp_path))
		return cli_fail(d->path, "cannot write: %s; choose a shorter path "
		                "with -o", strerror(ENAMETOOLONG));
	d->fd = create_tmp();
	if (d->fd < 0)
		return tmp_failed(d->path, real, d->has_old ? &d->old : NULL);
	d->kind = DEST_TMP;
	d->atomic = 1;
	return 0;
}

/* A regular file, new or with one name: its links followed to the file
 * they end at, which must still be what stat saw. */
static int open_replace(cli_dest *d)
{
	const struct stat *old = d->has_old ? &d->old : NULL;
	int e = follow_links(d->path, &d->real);

	if (e)
		return cli_fail(d->path, "cannot write: %s; choose a writable "
		                "location with -o", strerror(e));
	if (!target_unchanged(d->real.ptr, old))
		/* the links end elsewhere than stat saw (a deleted file behind
		 * /proc/self/fd/N, or a change meanwhile) */
		return cli_fail(d->path, "cannot find the file's own name to "
		                "replace it; give its real path with -o");
	return open_tmp(d);
}

/* The file -o names: what it is decides how it is written, or that it is
 * not (an input, a directory, a file with hard links). */
static int open_path(cli_dest *d)
{
	const char *path = d->path;
	struct stat st, fdst;
	int fd;

	if (!*path)
		return cli_fail("-o", "needs a file name; nothing was written");
	if (stat(path, &st) == 0) {
		if (is_input(&st))
			return cli_fail(path, "is one of the inputs; write the report to "
			                "another file");
		/* standard output or error by another name (/dev/stdout, a link
		 * to it): written where it points, appending if it appends */
		for (fd = STDOUT_FILENO; fd <= STDERR_FILENO; fd++)
			if (fstat(fd, &fdst) == 0 && fdst.st_dev == st.st_dev &&
			    fdst.st_ino == st.st_ino)
				return open_direct(d, fd);
		if (S_ISDIR(st.st_mode))
			return cli_fail(path, "cannot write: %s; nothing was written",
			                strerror(EISDIR));
		if (!S_ISREG(st.st_mode))
			return open_direct(d, -1);
		if (st.st_nlink > 1)
			return cli_fail(path, "has %ju hard links, and replacing it "
			                "would cut it off from the others; write to "
			                "another file, or redirect standard output into "
			                "it (> FILE) to write it in place",
			                (uintmax_t)st.st_nlink);
		d->old = st;
		d->has_old = 1;
	} else if (errno != ENOENT) {
		return cli_fail(path, "cannot write: %s; choose a writable location "
		                "with -o", strerror(errno));
	}
	return open_replace(d);
}

int cli_dest_open(cli_dest *d, const char *path)
{
	int status;

	memset(d, 0, sizeof(*d));
	d->fd = -1;
	d->path = path && strcmp(path, "-") ? path : NULL;
	if (!d->path) {
		d->kind = DEST_STDOUT;
		d->fd = STDOUT_FILENO;
		return 0;
	}
	status = open_path(d);
	if (status) {
		dest_end(d);
		d->failed = 1;
	}
	return status;
}

int cli_dest_write(cli_dest *d, const char *p, size_t n)
{
	if (d->failed || d->kind == DEST_NONE)
		return EXIT_TROUBLE;
	if (d->kind == DEST_STDOUT || (d->kind == DEST_DIRECT && !d->own))
		fflush(stdout); /* what was printed before comes first */
	if (write_all(d->fd, p, n))
		return dest_fail(d, errno);
	d->written += n;
	return 0;
}

/* Put the complete temporary file in place: the old file's owner and
 * mode, on disk, renamed over it; else removed, and the file untouched. */
static int commit_tmp(cli_dest *d)
{
	const struct stat *old = d->has_old ? &d->old : NULL;
	int e = 0, owner = 0;

	if (copy_owner_and_mode(d->fd, old))
		e = errno, owner = 1;
	else if (fsync(d->fd))
		e = errno;
	if (close(d->fd) && !e)
		e = errno;
	if (!e && rename_tmp(d->real.ptr, old))
		e = errno;
	end_tmp();
	d->kind = DEST_NONE;
	dest_end(d);
	if (!e)
		return 0;
	d->failed = 1;
	if (owner)
		return cli_fail(d->path, "cannot keep its owner and mode (%s); "
		                "nothing was written; write it as its owner, or to "
		                "another file", strerror(e));
	if (e == EAGAIN)
		return cli_fail(d->path, "changed while the report was written; "
		                "nothing was written; try again");
	return cli_fail(d->path, "cannot write: %s; nothing was written",
	                strerror(e));
}

int cli_dest_commit(cli_dest *d)
{
	if (d->failed || d->kind == DEST_NONE)
		return EXIT_TROUBLE;
	if (d->kind == DEST_TMP)
		return commit_tmp(d);
	if (d->kind == DEST_DIRECT && d->own && close(d->fd)) {
		d->own = 0; /* closed, if in error */
		return dest_fail(d, errno);
	}
	dest_end(d);
	return 0;
}

void cli_dest_abort(cli_dest *d)
{
	dest_end(d);
}

int cli_dest_sent(const cli_dest *d)
{
	return d->written && !d->atomic;
}

/* Write `buf` to standard output, or to the file -o named: see cli.h. */
int cli_write(const char *path, const nd_buf *buf)
{
	cli_dest d;
	int status = cli_dest_open(&d, path);

	if (!status)
		status = cli_dest_write(&d, buf->ptr ? buf->ptr : "", buf->len);
	if (!status)
		status = cli_dest_commit(&d);
	cli_dest_abort(&d);
	return status;
}

int cli_use_color(const char *when)
{
	const char *term = getenv("TERM"), *no = getenv("NO_COLOR");

	if (!strcmp(when, "always"))
		return 1;
	if (!strcmp(when, "never"))
		return 0;
	return isatty(STDOUT_FILENO) && !(no && *no) && !(term && !strcmp(term, "dumb"));
}

unsigned cli_terminal_width(void)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) ||
	    ws.ws_col == 0)
		return 0;
	return ws.ws_col;
}

int cli_pick_format(const char *given, const char *output,
                    const char *const *names, const char *list,
                    const char **format)
{
	static const char *const ext[][2] = {
		{".txt", "text"}, {".md", "markdown"}, {".markdown", "markdown"},
		{".json", "json"}, {".html", "html"}, {".htm", "html"},
		{".csv", "csv"}, {".docx", "docx"}};
	const char *dot = output ? strrchr(output, '.') : NULL, *named = NULL;
	size_t k;
	int known = 0;

	if (dot && strchr(dot, '/'))
		dot = NULL; /* a dot in a directory's name */
	for (k = 0; dot && k < sizeof(ext) / sizeof(ext[0]); k++)
		if (!strcasecmp(dot, ext[k][0]))
			named = ext[k][1];
	for (k = 0; names[k]; k++)
		known |= given && !strcmp(given, names[k]);
	if (given && !known)
		return cli_fail("--format", "unknown format '%s'; use one of %s",
		                given, list);
	for (k = 0, known = 0; named && names[k]; k++)
		known |= !strcmp(named, names[k]);
	if (!known)
		named = NULL; /* an extension of no format of this command */
	if (given && named && strcmp(given, named))
		return cli_fail(output, "its extension says %s, but --format says "
		                "%s; drop --format or change the file's name", named,
		                given);
	*format = given ? given : named ? named : names[0];
	return 0;
}
