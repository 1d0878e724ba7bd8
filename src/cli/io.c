/* io.c - reading inputs, resolving specs, writing outputs, errors.
 *
 * A spec names a version of a draft. It is tried as, in order: "-"
 * (standard input); an existing path (a directory is an error); REV:PATH in
 * the git repository around the working directory (read-only); a label or
 * revision in the store. The first that exists wins, so a file named like
 * a label shadows it; "./2011" and "2011" are then told apart by the user.
 *
 * Outputs to a file are written atomically: a temporary file beside the
 * target, renamed over it once complete, so a failure never leaves a
 * partial report behind.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "normdiff/error.h"
#include "normdiff/utf8.h"

/* Where errors go instead of standard error while the terminal UI owns
 * the screen, or NULL. */
static nd_buf *captured;

void cli_capture_errors(nd_buf *into)
{
	captured = into;
}

int cli_fail(const char *thing, const char *fmt, ...)
{
	nd_buf raw = ND_BUF_INIT, safe = ND_BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	if (captured) {
		/* the latest error only, without the program's name */
		nd_buf_clear(captured);
		if (thing)
			nd_buf_printf(captured, "%s: ", thing);
		nd_buf_vprintf(captured, fmt, ap);
		va_end(ap);
		return EXIT_TROUBLE;
	}
	/* what a message quotes (a file name, a key or a line of a file) may
	 * hold anything: controls and invalid bytes are shown visibly, so the
	 * terminal never obeys them and the message stays one line */
	if (thing)
		nd_buf_printf(&raw, "%s: ", thing);
	nd_buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	fflush(stdout);
	if (nd_utf8_escape(&safe, raw.ptr ? raw.ptr : "", raw.len, 0))
		nd_buf_clear(&safe);
	fprintf(stderr, "normdiff: %s\n", safe.len ? safe.ptr : "out of memory");
	nd_buf_dispose(&raw);
	nd_buf_dispose(&safe);
	return EXIT_TROUBLE;
}

int cli_fail_lib(const char *thing)
{
	return cli_fail(thing, "%s", nd_error_message());
}

int cli_read_file(const char *path, char **data, size_t *len)
{
	nd_buf b = ND_BUF_INIT;
	FILE *f;
	struct stat st;
	size_t n;
	int is_stdin = !strcmp(path, "-");

	*data = NULL;
	if (!is_stdin) {
		if (stat(path, &st) != 0)
			return nd_error_set(errno == ENOENT ? ND_ENOTFOUND : ND_EIO,
			                    "cannot read: %s", strerror(errno));
		if (S_ISDIR(st.st_mode))
			return nd_error_set(ND_EINVAL, "is a directory; give a draft's "
			                    "text file");
	}
	f = is_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return nd_error_set(ND_EIO, "cannot read: %s", strerror(errno));
	do {
		if (nd_buf_grow(&b, 65536)) {
			if (!is_stdin)
				fclose(f);
			nd_buf_dispose(&b);
			return ND_ENOMEM;
		}
		n = fread(b.ptr + b.len, 1, b.cap - b.len - 1, f);
		b.len += n;
		b.ptr[b.len] = '\0';
	} while (n > 0 && b.len <= ND_TEXT_MAX_INPUT);
	if (ferror(f)) {
		int e = errno;

		if (!is_stdin)
			fclose(f);
		nd_buf_dispose(&b);
		return nd_error_set(ND_EIO, "cannot read: %s", strerror(e));
	}
	if (!is_stdin)
		fclose(f);
	*len = b.len;
	*data = nd_buf_detach(&b);
	return 0;
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
	if (nd_store_open(&c->store, path) && !quiet)
		cli_fail_lib("store");
	free(found);
	return c->store;
}

static void set_info_from_version(cli_input *in, const char *spec)
{
	in->info.spec = spec;
	in->info.label = in->ver.meta.label;
	in->info.title = in->ver.meta.title;
	in->info.symbol = in->ver.meta.symbol;
	in->info.date = in->ver.meta.date;
	in->info.sponsors = in->ver.meta.sponsors;
}

int cli_load(cli *c, const char *spec, cli_input *in)
{
	struct stat st;
	nd_store *s;
	int err, revpath = 0;

	memset(in, 0, sizeof(*in));
	nd_version_init(&in->ver);
	in->info.spec = spec;
	if (!strcmp(spec, "-") || stat(spec, &st) == 0) {
		if (cli_read_file(spec, &in->data, &in->len))
			return cli_fail_lib(!strcmp(spec, "-") ? "standard input" : spec);
		return 0;
	}
	if (strchr(spec, ':')) {
		err = nd_git_read(".", spec, &in->data, &in->len);
		if (err == 0)
			return 0;
		if (err != ND_ENOTSTORE)
			return cli_fail_lib(spec);
		revpath = 1;
	}
	s = cli_store(c, 1);
	if (!s) {
		if (!c->store_opt && !getenv("NORMDIFF_STORE"))
			return cli_fail(spec, "no such file, %sand no store to look up "
			                "a label in (create one with `normdiff init`, or "
			                "name one with --store DIR)",
			                revpath ? "not inside a git repository to read "
			                          "REV:PATH from, " : "");
		return cli_fail_lib("store");
	}
	err = nd_store_read(s, spec, &in->data, &in->len, &in->ver);
	if (err == ND_ENOTFOUND)
		return cli_fail(spec, "no such file, and %s", nd_error_message());
	if (err)
		return cli_fail_lib(spec);
	in->from_store = 1;
	set_info_from_version(in, spec);
	return 0;
}

void cli_input_dispose(cli_input *in)
{
	free(in->data);
	nd_version_dispose(&in->ver);
	memset(in, 0, sizeof(*in));
}

int cli_parse(cli *c, const char *spec, const char *data, size_t len,
              nd_doc **doc)
{
	const nd_grammar *g = cli_grammar(c);

	*doc = NULL;
	if (!g)
		return EXIT_TROUBLE;
	if (nd_doc_parse(doc, data, len, g))
		return cli_fail_lib(!strcmp(spec, "-") ? "standard input" : spec);
	return 0;
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

int cli_write(const char *path, const nd_buf *buf)
{
	nd_buf tmp = ND_BUF_INIT;
	int fd, e;

	if (!path || !strcmp(path, "-")) {
		if (write_all(STDOUT_FILENO, buf->ptr ? buf->ptr : "", buf->len))
			return cli_fail("standard output", "write error: %s",
			                strerror(errno));
		return 0;
	}
	if (nd_buf_printf(&tmp, "%s.tmpXXXXXX", path))
		return cli_fail_lib(path);
	fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		e = errno;
		nd_buf_dispose(&tmp);
		return cli_fail(path, "cannot write: %s; choose a writable location "
		                "with -o", strerror(e));
	}
	if (write_all(fd, buf->ptr ? buf->ptr : "", buf->len) || fsync(fd)) {
		e = errno;
		close(fd);
		unlink(tmp.ptr);
		nd_buf_dispose(&tmp);
		return cli_fail(path, "cannot write: %s; nothing was written",
		                strerror(e));
	}
	{
		mode_t mask = umask(0); /* mkstemp made it 0600: honour umask */

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	close(fd);
	if (rename(tmp.ptr, path)) {
		e = errno;
		unlink(tmp.ptr);
		nd_buf_dispose(&tmp);
		return cli_fail(path, "cannot write: %s; nothing was written",
		                strerror(e));
	}
	nd_buf_dispose(&tmp);
	return 0;
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
