/* tui_internal.h - the pieces of the terminal UI (see tui.h).
 *
 *   grid.c   a screen as cells: code points with widths and styles; draft
 *            text enters it only through grid_flow, which shows control
 *            characters visibly and gives wide and combining characters
 *            their real widths
 *   text.c   the open provision's text: a flow whose cells are made a
 *            block at a time when drawn, so a provision of megabytes costs
 *            a run per piece, not a cell per character
 *   column.c the open provision's lines: a checkpoint every 64 lines, a
 *            chunk wrapped again when one of its lines is asked for
 *   keys.c   the key table (keys -> actions, and the help screen), key
 *            scripts for nd_tui_dump
 *   model.c  the view model: rows, selection, filter, search, versions;
 *            actions change it, nothing here draws
 *   draw.c   the model laid out on a grid: header, outline, provision,
 *            footer, help and version picker
 *   history.c the views over the whole series: a provision's history
 *            (with its blame) and the synopsis; their state, keys and
 *            layout, over the series the host computes on request
 *   term.c   the ncurses layer: the grid to the terminal, terminal events
 *            to model events, and the terminal restored on every way out
 *
 * Only term.c includes curses: everything else runs without a terminal,
 * which is what lets screen tests replay keys and compare text.
 */
#ifndef NORMDIFF_TUI_INTERNAL_H
#define NORMDIFF_TUI_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "normdiff/buf.h"
#include "normdiff/regex.h"
#include "normdiff/tui.h"

/* ---- grid ---- */

/* What a cell means; term.c gives each a colour and attributes, with a
 * monochrome fallback, and dumps give each a letter. */
typedef enum tui_style {
	TS_NORMAL,  /* draft text */
	TS_BAR,     /* header and footer bars */
	TS_KEY,     /* key names in the footer */
	TS_TITLE,   /* labels, headings of a pane */
	TS_DIM,     /* context, secondary facts */
	TS_DEL,     /* deleted words */
	TS_INS,     /* inserted words */
	TS_CTRL,    /* a control character shown visibly: ^[ */
	TS_ERROR,   /* an error message */
	TS_BORDER,  /* pane borders */
	TS_FLAG,    /* moved / renumbered flags */
	TS_KIND,    /* + nd_change_kind: the badge of a kind */
	TS_BLAME = TS_KIND + 6, /* the blame's version numbers */
	TS_NSTYLES
} tui_style;

/* Marks drawn over a style. */
#define TM_SEL 1u   /* the selected row of the focused pane */
#define TM_CUR 2u   /* the selected row of a pane without focus */
#define TM_MATCH 4u /* a search match */
#define TM_EDIT 8u  /* the current word edit of the open provision (] [) */

/* Code points one cell holds: a base character and combining marks. */
#define TUI_CELL_CPS 4

typedef struct tui_cell {
	uint32_t cp[TUI_CELL_CPS]; /* base then combining marks, 0-padded */
	uint8_t width;             /* 1 or 2; 0 for the right half of a wide
	                              character */
	uint8_t style;             /* tui_style */
	uint8_t mark;              /* TM_* bits */
} tui_cell;

typedef struct tui_grid {
	unsigned cols;    /* width in cells */
	unsigned rows;    /* height in cells */
	tui_cell *cells;  /* rows * cols, row-major */
} tui_grid;

int grid_resize(tui_grid *g, unsigned cols, unsigned rows);
void grid_dispose(tui_grid *g);
/* Blank the rectangle with spaces of `style`. */
void grid_fill(tui_grid *g, unsigned x, unsigned y, unsigned w, unsigned h,
               tui_style style);
/* Add `mark` to the cells of a rectangle. */
void grid_mark(tui_grid *g, unsigned x, unsigned y, unsigned w, unsigned h,
               unsigned mark);

/* Text turned into cells: draft text, escaped, with the byte offset each
 * cell came from (to mark search matches). */
typedef struct tui_flow {
	tui_cell *cells; /* the cells in order */
	uint32_t *off;   /* for each cell, the offset of its bytes in text */
	size_t n;        /* how many cells */
	size_t cap;      /* allocated */
	nd_buf text;     /* the bytes added, concatenated */
} tui_flow;

void flow_clear(tui_flow *f);
void flow_dispose(tui_flow *f);
/* Append s[0..len) in `style`: control characters, bidi controls, line
 * separators and invalid bytes become visible (^[, <U+202E>, <0xFF>) in
 * TS_CTRL, combining marks join the cell before them. */
int flow_add(tui_flow *f, const char *s, size_t len, tui_style style);
int flow_addz(tui_flow *f, const char *s, tui_style style);
/* Mark the cells whose bytes lie in a match of `re`. ND_ETOOBIG (with the
 * message) if matching gave up on a limit: the marks before it stay. */
int flow_mark_matches(tui_flow *f, const nd_regex *re);
/* Break the flow into lines of at most `width` columns at spaces (a word
 * longer than a line is cut). Line k starts at cell starts[k] and ends
 * before starts[k+1], less the spaces at the break (flow_trim). Returns
 * the number of lines, or 0 on allocation failure; *starts is realloc'ed
 * and holds lines + 1 entries. */
size_t flow_wrap(const tui_flow *f, unsigned width, size_t **starts,
                 size_t *cap);
/* The end of cells [from, to) without the spaces at its end. */
size_t flow_trim(const tui_flow *f, size_t from, size_t to);
/* The same over cells that are made when asked for: at(ud, i, lo, hi)
 * gives the cells [*lo, *hi) around cell i (of ncells), as an array that
 * starts with cell *lo and stays valid until the next call. flow_wrap and
 * flow_trim are these over a flow's array, so every text wraps by the
 * same rules. With `ends`, line k's end less its spaces (flow_trim) goes
 * to (*ends)[k], realloc'ed with *starts to *cap. The lines are those
 * from cell `from` (a line's start), at most `max` of them; (*starts)[n]
 * is where the line after them starts (ncells at the end). */
typedef const tui_cell *(*tui_cell_at)(void *ud, size_t i, size_t *lo,
                                       size_t *hi);
size_t cells_wrap(tui_cell_at at, void *ud, size_t ncells, unsigned width,
                  size_t from, size_t max, size_t **starts, size_t **ends,
                  size_t *cap);
size_t cells_trim(tui_cell_at at, void *ud, size_t from, size_t to);
/* A space a line may break at (not a control character's). */
int cell_is_space(const tui_cell *c);
/* Draw cells [from, to) at (x, y), at most w columns; returns the columns
 * used. A wide character that does not fit is not drawn. */
unsigned grid_put(tui_grid *g, unsigned x, unsigned y, unsigned w,
                  const tui_cell *cells, size_t from, size_t to);
/* Draw a whole flow on one line, cut with "…" when it does not fit. */
unsigned grid_line(tui_grid *g, unsigned x, unsigned y, unsigned w,
                   const tui_flow *f);
/* Columns of cells [from, to). */
size_t flow_width(const tui_flow *f, size_t from, size_t to);

/* ---- texts (text.c) ---- */

/* A provision's text as a flow without its cells: they are made a block
 * at a time when asked for (text.c's design note). */
typedef struct tui_text_block {
	size_t stop;      /* the stop it starts at, (size_t)-1: none made */
	size_t from;      /* its first cell */
	tui_cell *cells;  /* its cells, with search marks */
	uint32_t *off;    /* each cell's offset in the text */
	size_t n, cap, ocap;
} tui_text_block;

typedef struct tui_text {
	nd_buf own;       /* the bytes text_add copied */
	size_t len;       /* the bytes added, in all */
	size_t n;         /* how many cells they make */
	struct {          /* one per addition */
		const char *s;  /* its bytes (text_add_ref), or NULL: in own */
		uint32_t own;   /* where in own */
		uint32_t byte;  /* its first byte in the text */
		uint8_t style;
	} *runs;
	size_t nruns, rcap;
	struct { uint32_t cell, byte, run; } *stops;    /* where blocks start */
	size_t nstops, scap;
	struct { size_t a, b; } *match; /* byte ranges of search matches */
	size_t nmatch, mcap;
	int last_ctrl;    /* the last cell is a control form */
	tui_text_block blk[2]; /* the two blocks made last */
	int recent;       /* the one used last */
	int err;          /* a block could not be made (memory) */
	size_t first_mark; /* text_first_mark's, (size_t)-1: not known yet */
} tui_text;

void text_clear(tui_text *t);
void text_dispose(tui_text *t);
/* flow_add and flow_addz, the cells counted but not kept. */
int text_add(tui_text *t, const char *s, size_t len, tui_style style);
int text_addz(tui_text *t, const char *s, tui_style style);
/* text_add of bytes that outlive the text (until text_clear): they are
 * not copied. */
int text_add_ref(tui_text *t, const char *s, size_t len, tui_style style);
/* flow_mark_matches: the cells of matches get TM_MATCH when made. */
int text_mark_matches(tui_text *t, const nd_regex *re);
/* Cell i (< t->n) and its offset in the text; the cell is valid until
 * the next call on t. Memory running out sets t->err. */
const tui_cell *text_cell(tui_text *t, size_t i);
size_t text_off(tui_text *t, size_t i);
/* The first cell with TM_MATCH, or t->n: a search looks for the line
 * of a match without making the cells before it. */
size_t text_first_mark(tui_text *t);
/* cells_wrap over the text's cells. */
size_t text_wrap(tui_text *t, unsigned width, size_t from, size_t max,
                 size_t **starts, size_t **ends, size_t *cap);
/* Copy cells [from, to) into *out (realloc'ed to *cap). */
int text_cells(tui_text *t, size_t from, size_t to, tui_cell **out,
               size_t *cap);

/* ---- columns (column.c) ---- */

/* A line of a column: cells [a, b) of text f, or blank when f < 0. */
typedef struct tui_cline {
	int32_t f;
	uint32_t a, b; /* a text's cells are counted in 32 bits */
} tui_cline;

/* Lines of one text, or blank lines (f < 0). */
typedef struct tui_cseg {
	int32_t f;
	uint32_t first;   /* its first line in the column */
	uint32_t n;       /* its lines */
	uint32_t cp;      /* a text's: its first checkpoint in cps */
} tui_cseg;

/* Lines between checkpoints. */
#define COL_CHUNK 64

/* The lines of a column of the open provision (column.c's design note). */
typedef struct tui_column {
	tui_text *texts;  /* the texts its lines are of (the layout's) */
	unsigned width;   /* the width they wrap to */
	size_t n;         /* lines */
	tui_cseg *segs;
	size_t nsegs, segcap;
	uint32_t *cps;    /* per text segment, the first cell of every
	                     COL_CHUNK-th line */
	size_t ncps, cpcap;
	size_t *starts, *ends, scap; /* a chunk wrapped */
	tui_cline lines[COL_CHUNK]; /* the chunk kept */
	size_t cseg, cchunk;
	int cvalid;
	int err;          /* memory ran out */
} tui_column;

void column_clear(tui_column *col, tui_text *texts, unsigned width);
void column_dispose(tui_column *col);
/* Append the lines of text f, or a blank line. */
int column_put_flow(tui_column *col, int f);
int column_put_blank(tui_column *col);
/* Line k (a blank one past the end); valid until the next call. */
const tui_cline *column_line(tui_column *col, size_t k);
/* The line that holds cell `cell` of text f: the last of its lines that
 * starts at or before it (its first line when none does; the column's
 * last line when f has no lines). */
size_t column_line_of(tui_column *col, int f, size_t cell);

/* The screen as text, one line per row (trailing blanks dropped); with
 * `styles`, each row is followed by a row of style letters. */
int grid_dump(nd_buf *out, const tui_grid *g, int styles);

/* ---- events and keys ---- */

/* Keys: Unicode code points, or these. */
enum {
	TK_BASE = 0x110000,
	TK_UP, TK_DOWN, TK_LEFT, TK_RIGHT, TK_PGUP, TK_PGDN, TK_HOME, TK_END,
	TK_ENTER, TK_TAB, TK_BTAB, TK_ESC, TK_BS,
	TK_RESIZE, /* the terminal changed size: cols, rows */
	TK_CLICK,  /* a click at x, y */
	TK_WHEEL_UP, TK_WHEEL_DOWN, /* the wheel at x, y */
	TK_DUMP    /* key scripts only: dump the screen */
};

#define TK_CTRL(c) ((c) & 0x1f)

typedef struct tui_event {
	int key;        /* a code point or TK_* */
	unsigned x, y;  /* mouse position */
	unsigned cols;  /* TK_RESIZE: new size */
	unsigned rows;
} tui_event;

typedef enum tui_action {
	ACT_NONE, ACT_DOWN, ACT_UP, ACT_PGDN, ACT_PGUP, ACT_TOP, ACT_BOTTOM,
	ACT_NEXT, ACT_PREV, ACT_FOCUS, ACT_OPEN, ACT_BACK, ACT_MODE, ACT_FILTER,
	ACT_SEARCH, ACT_VERSIONS, ACT_HELP, ACT_QUIT, ACT_REDRAW, ACT_SUSPEND,
	ACT_HISTORY, ACT_SYNOPSIS, ACT_BLAME, ACT_LEFT, ACT_RIGHT,
	ACT_NEXT_EDIT, ACT_PREV_EDIT, ACT_OLD_PLACE
} tui_action;

/* The views with keys of their own. */
enum { VIEW_MAIN, VIEW_HISTORY, VIEW_SYNOPSIS };

/* The action bound to key k in the main view. */
tui_action keys_action(int k);
/* The action bound to key k in view VIEW_*. */
tui_action keys_view_action(int view, int k);
/* The help of view VIEW_*: one line per binding, as "keys  what they
 * do" (the other views' under a heading line). */
int keys_help(nd_buf *out, int view);
/* The footer's hints, " n/N next  Tab focus ...", as many whole ones as
 * fit in `width` columns, in the table's order; with `text` (the text has
 * the focus) also those of the text's own keys (] [). */
int keys_hints(tui_flow *f, unsigned width, int text);
/* The same for view VIEW_*. */
int keys_view_hints(tui_flow *f, int view, unsigned width);
/* Parse a key script into events (docs/tui.md). */
int keys_script(tui_event **out, size_t *n, const char *script);

/* ---- the model ---- */

enum { MODE_MAIN, MODE_HELP, MODE_PROMPT, MODE_PICK, MODE_HISTORY,
       MODE_SYNOPSIS };

/* The history and synopsis views' state (history.c's own). */
typedef struct tui_series_view tui_series_view;

/* The selected provision as draw.c laid it out (draw.c's own). */
typedef struct tui_layout tui_layout;

#define TUI_NO_EDIT ((size_t)-1)

/* Filters, cycled by `f`: everything, every change, one kind, moves. */
enum { FILTER_ALL, FILTER_CHANGED, FILTER_KIND, /* + kind */
       FILTER_MOVED = FILTER_KIND + 6, NFILTERS };

typedef struct tui_model {
	nd_tui_view view;         /* the comparison shown */
	const nd_tui_host *host;  /* the store's history (never NULL) */
	int color;                /* colours, or markers for edits */
	unsigned cols, rows;      /* screen size */

	size_t *rows_idx;         /* changes shown, by index, in order */
	unsigned char *rows_ctx;  /* per row: 1 for a heading listed only as
	                             the context of provisions the filter
	                             passes (dimmed, never selected) */
	size_t nrows;             /* how many */
	size_t nlisted;           /* rows the filter passes (not context) */
	size_t sel;               /* the selected row */
	size_t top;               /* first row on screen */
	size_t dtop;              /* first line of the provision on screen */
	size_t dlines;            /* lines of the provision (set by draw) */
	int seek_match;           /* draw scrolls to the first match */
	size_t edit;              /* the current word edit of the provision
	                             (] and [), or TUI_NO_EDIT */
	int edit_seek;            /* draw moves to the next (+1) or previous
	                             (-1) edit and scrolls it into view */
	size_t jump_from;         /* `o`: the change to come back to */
	size_t jump_to;           /* the change `o` went to (back if still
	                             selected), or TUI_NO_EDIT */
	unsigned gen;             /* changes with the comparison or the search:
	                             the provision is then laid out again */
	tui_layout *layout;       /* draw.c's, freed by draw_release */
	unsigned oh, dh;          /* outline and provision heights (draw) */
	unsigned ox, oy, ow;      /* outline rectangle (draw) */
	unsigned dx, dy, dw;      /* provision rectangle (draw) */

	int focus;                /* 0 outline, 1 provision */
	int zoom;                 /* the provision fills the body */
	int redline;              /* inline redline, not side by side */
	int filter;               /* FILTER_* */
	int mode;                 /* MODE_* */
	size_t help_top;          /* first line of the help on screen */
	int help_from;            /* the mode the help goes back to */

	nd_regex *re;             /* the active search, or NULL */
	char *pattern;            /* its text */
	nd_buf prompt;            /* the search being typed */
	unsigned char *tri;       /* the trigrams of both texts, case folded
	                             (2^20 bits, hashed), or NULL: built when the prompt
	                             opens, for the comparison tri_cs */
	const nd_changeset *tri_cs;
	int absent;               /* the search cannot match anywhere (a
	                             trigram of its literal is in neither text) */

	size_t pick;              /* the picker's cursor */
	size_t pick_old;          /* the old version picked (step 2) */
	int pick_step;            /* 0: picking old, 1: picking new */
	size_t cur_old, cur_new;  /* versions shown, as host indices */
	tui_series_view *sv;      /* history.c's, freed by series_release */

	char msg[256];            /* a message for the footer, or "" */
	int msg_error;            /* it is an error */
	int quit;                 /* the user asked to leave */
} tui_model;

int model_init(tui_model *m, const nd_tui_view *view, const nd_tui_host *host,
               const nd_tui_opts *o, unsigned cols, unsigned rows);
void model_dispose(tui_model *m);
/* Apply one event. Returns 0, or a negative code for a failure that ends
 * the UI (memory); user errors become messages. */
int model_event(tui_model *m, const tui_event *e);
/* The change of row r. */
const nd_change *model_change(const tui_model *m, size_t r);
/* Short name of a filter: "all", "changed", "modified", ... "moved". */
const char *model_filter_name(int filter);
/* How many changes filter `filter` passes. */
size_t model_filter_count(const tui_model *m, int filter);
/* Put a message in the footer. */
void model_message(tui_model *m, int error, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
/* Select the row of the change that holds provision `clause` of the new
 * document (new != 0) or of the old one; 1 if found, 0 if not listed. */
int model_select_clause(tui_model *m, int new, size_t clause);

/* ---- the series views (history.c) ---- */

/* `H`: the history of the selected provision; `S`: the synopsis. Without a
 * series (files, or loading failed) a message says why. ND_ENOMEM only. */
int series_history(tui_model *m);
int series_synopsis(tui_model *m);
/* A key in MODE_HISTORY or MODE_SYNOPSIS. */
int series_key(tui_model *m, const tui_event *e);
/* Will key k make the host compute the series (H, S, or a pick, before it
 * is loaded)? The terminal says so before it waits. */
int series_busy(const tui_model *m, int k);
/* The mouse wheel there: scroll the history, move in the synopsis. */
void series_wheel(tui_model *m, int delta);
/* Before the picker loads versions host_old, host_new: where the
 * selected provision is in them, if the series is loaded: *new_side 1 and
 * a clause of the new version, 0 and one of the old; 1 if known. */
int series_follow(tui_model *m, size_t host_old, size_t host_new,
                  int *new_side, size_t *clause);
/* Draw the view of MODE_HISTORY or MODE_SYNOPSIS in rows [y, y + h). */
int series_draw(tui_model *m, tui_grid *g, unsigned y, unsigned h);
void series_release(tui_model *m);

/* ---- drawing ---- */

/* Lay the model out on g (which has the model's size). Records the pane
 * rectangles and the provision's length in the model, and keeps the
 * provision's layout in it for the next frame. */
int draw_screen(tui_model *m, tui_grid *g);
/* Free what draw_screen kept in the model (model_dispose calls it). */
void draw_release(tui_model *m);

#endif
