/* term.c - the ncurses layer: the only file that includes curses.
 *
 * Each frame the model is drawn into a grid and every cell is copied to
 * curses, which sends only what changed. Terminal input becomes model
 * events (keys, the mouse, resizes). The terminal is restored on every
 * way out: q, an error (the caller gets the code after endwin), and
 * SIGINT, SIGTERM and SIGHUP, which are caught, restore the terminal and
 * are then raised again so the shell sees how the program ended. Ctrl-Z
 * (a key in raw mode) gives the terminal back and stops the program. The
 * handlers only set a flag: input waits at most POLL_MS at a time so the
 * loop sees it.
 *
 * Colours and attributes carry the same meaning: with colours, deletions
 * are red and reversed, insertions green and underlined; without
 * (NO_COLOR, a monochrome terminal) reverse and underline alone, and the
 * model adds [-..-] {+..+} markers.
 */
#define NCURSES_WIDECHAR 1
#include <curses.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "normdiff/error.h"
#include "tui_internal.h"

#define POLL_MS 200

static volatile sig_atomic_t caught; /* the signal that asks us to leave */
static int curses_on;                /* the terminal is in curses mode */

static void on_signal(int sig)
{
	caught = sig;
}

/* Give the terminal back; safe to call twice, and at exit. */
static void restore(void)
{
	if (!curses_on)
		return;
	curses_on = 0;
	endwin();
}

typedef struct look {
	short fg;   /* colour, -1 for the terminal's own */
	attr_t col; /* attributes with colours */
	attr_t mono; /* attributes without */
} look;

static const look looks[TS_NSTYLES] = {
	[TS_NORMAL] = {-1, A_NORMAL, A_NORMAL},
	[TS_BAR] = {-1, A_REVERSE, A_REVERSE},
	[TS_KEY] = {-1, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD},
	[TS_TITLE] = {-1, A_BOLD, A_BOLD},
	[TS_DIM] = {-1, A_DIM, A_DIM},
	[TS_DEL] = {COLOR_RED, A_REVERSE, A_REVERSE},
	[TS_INS] = {COLOR_GREEN, A_UNDERLINE | A_BOLD, A_UNDERLINE},
	[TS_CTRL] = {COLOR_MAGENTA, A_BOLD, A_BOLD | A_UNDERLINE},
	[TS_ERROR] = {COLOR_RED, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD},
	[TS_BORDER] = {COLOR_BLUE, A_NORMAL, A_NORMAL},
	[TS_FLAG] = {COLOR_CYAN, A_BOLD, A_BOLD},
	[TS_KIND + ND_CHANGE_UNCHANGED] = {-1, A_DIM, A_DIM},
	[TS_KIND + ND_CHANGE_MODIFIED] = {COLOR_YELLOW, A_BOLD, A_BOLD},
	[TS_KIND + ND_CHANGE_ADDED] = {COLOR_GREEN, A_BOLD, A_BOLD},
	[TS_KIND + ND_CHANGE_REMOVED] = {COLOR_RED, A_BOLD, A_BOLD},
	[TS_KIND + ND_CHANGE_SPLIT] = {COLOR_CYAN, A_BOLD, A_BOLD},
	[TS_KIND + ND_CHANGE_MERGED] = {COLOR_MAGENTA, A_BOLD, A_BOLD},
	[TS_BLAME] = {COLOR_BLUE, A_DIM, A_DIM},
};

/* Colour pair k + 1 is style k's; MATCH_PAIR marks search matches. */
#define MATCH_PAIR (TS_NSTYLES + 1)

static int colours;

static void start_colours(int want)
{
	int k;

	colours = want && has_colors() && start_color() == OK;
	if (!colours)
		return;
	use_default_colors();
	for (k = 0; k < TS_NSTYLES; k++)
		init_pair((short)(k + 1), looks[k].fg, -1);
	init_pair(MATCH_PAIR, COLOR_BLACK, COLOR_YELLOW);
}

static void cell_look(const tui_cell *c, attr_t *attr, short *pair)
{
	const look *l = &looks[c->style];

	*attr = colours ? l->col : l->mono;
	*pair = colours ? (short)(c->style + 1) : 0;
	if (c->mark & TM_SEL)
		*attr |= A_REVERSE;
	if (c->mark & TM_CUR)
		*attr |= A_BOLD | A_UNDERLINE;
	if (c->mark & TM_EDIT) /* the current word edit: ] and [ */
		*attr |= A_REVERSE | A_BOLD;
	if (c->mark & TM_MATCH) {
		*attr = (*attr & ~A_REVERSE) | A_BOLD | (colours ? 0 : A_REVERSE);
		*pair = colours ? MATCH_PAIR : 0;
	}
}

static void blit(const tui_grid *g)
{
	unsigned x, y;

	for (y = 0; y < g->rows; y++) {
		for (x = 0; x < g->cols; x++) {
			const tui_cell *c = &g->cells[(size_t)y * g->cols + x];
			wchar_t wc[TUI_CELL_CPS + 1];
			cchar_t cc;
			attr_t attr;
			short pair;
			int k, tw;

			if (!c->width)
				continue;
			for (k = 0; k < TUI_CELL_CPS; k++)
				wc[k] = (wchar_t)c->cp[k];
			wc[TUI_CELL_CPS] = 0;
			tw = wcwidth(wc[0]);
			if (tw <= 0) {
				/* the locale cannot show it: a placeholder of our width */
				wc[0] = '?';
				wc[1] = 0;
				tw = 1;
			}
			cell_look(c, &attr, &pair);
			setcchar(&cc, wc, attr, pair, NULL);
			mvadd_wch((int)y, (int)x, &cc);
			if (tw < c->width) {
				setcchar(&cc, L" ", attr, pair, NULL);
				mvadd_wch((int)y, (int)x + 1, &cc);
			}
		}
	}
}

/* One terminal input as a model event; 0 when there is none. */
static int next_event(tui_event *e)
{
	wint_t wch;
	int r;
	MEVENT me;

	memset(e, 0, sizeof(*e));
	r = get_wch(&wch);
	if (r == ERR)
		return 0;
	if (r == OK) {
		e->key = (int)wch;
		return 1;
	}
	switch (wch) {
	case KEY_UP: e->key = TK_UP; break;
	case KEY_DOWN: e->key = TK_DOWN; break;
	case KEY_LEFT: e->key = TK_LEFT; break;
	case KEY_RIGHT: e->key = TK_RIGHT; break;
	case KEY_PPAGE: e->key = TK_PGUP; break;
	case KEY_NPAGE: e->key = TK_PGDN; break;
	case KEY_HOME: e->key = TK_HOME; break;
	case KEY_END: e->key = TK_END; break;
	case KEY_ENTER: e->key = TK_ENTER; break;
	case KEY_BTAB: e->key = TK_BTAB; break;
	case KEY_BACKSPACE: e->key = TK_BS; break;
	case KEY_RESIZE:
		e->key = TK_RESIZE;
		e->cols = (unsigned)COLS;
		e->rows = (unsigned)LINES;
		break;
	case KEY_MOUSE:
		if (getmouse(&me) != OK)
			return 0;
		e->x = (unsigned)me.x;
		e->y = (unsigned)me.y;
		if (me.bstate & BUTTON4_PRESSED)
			e->key = TK_WHEEL_UP;
		else if (me.bstate & BUTTON5_PRESSED)
			e->key = TK_WHEEL_DOWN;
		else if (me.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
			e->key = TK_CLICK;
		else
			return 0;
		break;
	default:
		return 0;
	}
	return 1;
}

static int frame(tui_model *m, tui_grid *g)
{
	int err;

	if (m->cols < 40 || m->rows < 10) {
		erase();
		mvaddstr(0, 0, "normdiff: make the terminal at least 40x10");
		refresh();
		return 0;
	}
	if ((g->cols != m->cols || g->rows != m->rows) &&
	    (err = grid_resize(g, m->cols, m->rows)) != 0)
		return err;
	if ((err = draw_screen(m, g)) != 0)
		return err;
	blit(g);
	refresh();
	return 0;
}

/* The signals that end the UI after the terminal is restored. */
static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};

static void catch_signals(struct sigaction *old)
{
	struct sigaction sa;
	int k;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (k = 0; k < 3; k++)
		sigaction(sigs[k], &sa, &old[k]);
}

static void release_signals(const struct sigaction *old)
{
	int k;

	for (k = 0; k < 3; k++)
		sigaction(sigs[k], &old[k], NULL);
}

int nd_tui_run(const nd_tui_view *view, const nd_tui_host *host,
               const nd_tui_opts *o)
{
	static int registered;
	struct sigaction old[3];
	SCREEN *scr;
	tui_model m;
	tui_grid g = {0};
	tui_event e;
	int err;

	caught = 0;
	catch_signals(old);
	scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		release_signals(old);
		return nd_error_set(ND_EINVAL, "cannot use this terminal (TERM=%s); "
		                    "set TERM to your terminal's type",
		                    getenv("TERM") ? getenv("TERM") : "");
	}
	curses_on = 1;
	if (!registered++)
		atexit(restore);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(25);
	timeout(POLL_MS);
	mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED |
	          BUTTON5_PRESSED, NULL);
	mouseinterval(0);
	start_colours(o && o->color);
	err = model_init(&m, view, host, o, (unsigned)COLS, (unsigned)LINES);
	m.color = colours;
	while (!err && !m.quit && !caught) {
		if ((err = frame(&m, &g)) != 0)
			break;
		while (!caught && !next_event(&e))
			;
		if (caught)
			break;
		if (keys_action(e.key) == ACT_REDRAW)
			clearok(curscr, TRUE);
		if (keys_action(e.key) == ACT_SUSPEND) {
			/* the terminal is given back while stopped and taken
			 * again on the way back (curses resumes on refresh) */
			endwin();
			raise(SIGTSTP);
			clearok(curscr, TRUE);
		}
		if (series_busy(&m, e.key)) {
			/* comparing every pair can take a while: say so first */
			snprintf(m.msg, sizeof(m.msg), "comparing the versions of the "
			         "series…");
			m.msg_error = 0;
			if ((err = frame(&m, &g)) != 0)
				break;
		}
		err = model_event(&m, &e);
	}
	restore();
	delscreen(scr);
	model_dispose(&m);
	grid_dispose(&g);
	release_signals(old);
	if (caught)
		raise(caught); /* end as the signal asked, terminal restored */
	return err;
}
