/* pager.c - a long report on a terminal goes through a pager, as git's do.
 *
 * A report that may be paged (cli_report_may_page: standard output, a
 * terminal, a pager to run) is built whole in memory before it is
 * written, so whether it fits is known before anything reaches the screen
 * (any other may be written in pieces as it is made): its lines are counted
 * as the terminal shows them (escape sequences take no room, a line wider
 * than the terminal takes as many rows as it wraps into), and only a report
 * with as many rows as the screen or more is paged. The pager is
 * $NORMDIFF_PAGER, else $PAGER, else "less -R"; set but empty, or "cat",
 * means none. It runs through /bin/sh -c with the report on a pipe as its
 * standard input and the terminal as its standard output, and LESS=FRX
 * when LESS is unset (quit at once if it fits after all, keep the colours,
 * leave the screen as it is). The report was rendered for the terminal
 * (its width, its colours) before any of this, so the pager shows what
 * the terminal would have.
 *
 * The command waits for the pager, and its exit status stays its own: a
 * pager that quits before reading everything (q in less) closes the pipe,
 * and the EPIPE that follows is the reader's choice, not an error (SIGPIPE
 * is ignored meanwhile). Ctrl-C is the pager's to handle while it runs, so
 * the command ignores SIGINT and SIGQUIT until the pager has ended rather
 * than die under it and leave it owning the terminal. A pager that cannot
 * be run (the shell's status 126 or 127) is said on standard
 * error, and the report is written to the terminal instead.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/* --no-pager was given. */
static int pager_off;

void cli_pager_disable(void)
{
	pager_off = 1;
}

/* The pager command, or NULL for none. */
static const char *pager_command(void)
{
	const char *p = getenv("NORMDIFF_PAGER");

	if (!p)
		p = getenv("PAGER");
	if (!p)
		p = "less -R";
	p += strspn(p, " \t");
	if (!*p || !strcmp(p, "cat"))
		return NULL;
	return p;
}

/* Rows `buf` takes on a terminal `cols` wide, counted up to `limit`: each
 * line at least one, a wider one as many as it wraps into; escape
 * sequences (CSI ... final byte, OSC ... BEL or ST) take no columns, and
 * every other character one (wide characters are rare in reports, and
 * counting one for them only pages a little later than it might). */
static size_t rows_needed(const nd_buf *buf, unsigned cols, size_t limit)
{
	const unsigned char *p = (const unsigned char *)buf->ptr;
	const unsigned char *end = p + buf->len;
	size_t rows = 0, col = 0;

	while (p < end && rows < limit) {
		if (*p == '\n') {
			rows += 1 + (col ? (col - 1) / cols : 0);
			col = 0;
			p++;
		} else if (*p == 0x1b && p + 1 < end && p[1] == '[') {
			for (p += 2; p < end && !(*p >= 0x40 && *p <= 0x7e); p++)
				;
			p += p < end;
		} else if (*p == 0x1b && p + 1 < end && p[1] == ']') {
			for (p += 2; p < end && *p != 0x07 &&
			     !(*p == 0x1b && p + 1 < end && p[1] == '\\'); p++)
				;
			p += p < end ? (*p == 0x07 ? 1 : 2) : 0;
		} else {
			if ((*p & 0xC0) != 0x80 && *p != '\r')
				col++;
			p++;
		}
	}
	if (col)
		rows += 1 + (col - 1) / cols;
	return rows;
}

/* Whether standard output is a terminal too short for `buf`. */
static int too_long(const nd_buf *buf)
{
	struct winsize ws;

	if (!isatty(STDOUT_FILENO) || ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) ||
	    ws.ws_row == 0 || ws.ws_col == 0)
		return 0;
	/* the last row is the shell's prompt after the report */
	return rows_needed(buf, ws.ws_col, ws.ws_row) >= ws.ws_row;
}

/* Write all of buf to fd; 0, or -1 with errno. */
static int put_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Run `cmd` with buf on its standard input and wait for it. 0 when it
 * ran (whatever it did with the report), 1 when it could not be run. */
static int run_pager(const char *cmd, const nd_buf *buf)
{
	struct sigaction ign, old_pipe, old_int, old_quit;
	int fds[2], st = 0, ran = 1;
	pid_t pid;

	if (pipe(fds))
		return 1;
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old_pipe);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		/* the pager gets the signals the terminal sends, as usual */
		signal(SIGPIPE, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		close(fds[1]);
		if (fds[0] != STDIN_FILENO) {
			dup2(fds[0], STDIN_FILENO);
			close(fds[0]);
		}
		if (!getenv("LESS"))
			setenv("LESS", "FRX", 1);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	if (pid < 0) {
		close(fds[1]);
		ran = 0;
		goto done;
	}
	/* EPIPE: the pager quit before the end; that is the reader's choice */
	(void)put_all(fds[1], buf->ptr ? buf->ptr : "", buf->len);
	close(fds[1]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(st) && (WEXITSTATUS(st) == 126 || WEXITSTATUS(st) == 127))
		ran = 0; /* the shell found no such program, or could not run it */
done:
	sigaction(SIGPIPE, &old_pipe, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	return ran ? 0 : 1;
}

int cli_report_may_page(const char *path)
{
	return !(path && strcmp(path, "-")) && !pager_off &&
	       isatty(STDOUT_FILENO) && pager_command() != NULL;
}

int cli_write_report(const char *path, const nd_buf *buf)
{
	const char *cmd;

	if ((path && strcmp(path, "-")) || pager_off || !too_long(buf) ||
	    !(cmd = pager_command()))
		return cli_write(path, buf);
	if (run_pager(cmd, buf) == 0)
		return 0;
	cli_note("the pager '%s' could not be run; set NORMDIFF_PAGER to "
	         "another, or use --no-pager", cmd);
	return cli_write(NULL, buf);
}
