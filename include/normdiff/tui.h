/* tui.h - the terminal UI: two versions of a draft read provision by
 * provision (`normdiff tui`).
 *
 * The UI is a view model over one change set plus a thin ncurses layer.
 * The model draws into a grid of cells, so the same screens can be shown
 * on a terminal (nd_tui_run) or printed as text after replaying keys
 * (nd_tui_dump), which is how the screens are tested.
 *
 * The UI never computes a comparison: the caller hands it one, and, to
 * switch versions (the `v` key), a callback that computes another; for
 * the history of a provision and the synopsis (`H`, `S`), a callback that
 * computes the series of every version once.
 *
 * Ownership: everything passed in stays the caller's and must outlive the
 * call; a view returned by the load callback must stay valid until the
 * next load or the end of the call.
 */
#ifndef NORMDIFF_TUI_H
#define NORMDIFF_TUI_H

#include <stddef.h>

#include "normdiff/buf.h"
#include "normdiff/changeset.h"
#include "normdiff/render.h"
#include "normdiff/series.h"

/* What is on screen: a comparison and what is known of its two sides. */
typedef struct nd_tui_view {
	const nd_changeset *cs;     /* the comparison */
	const nd_docinfo *old_info; /* the old version (may be NULL) */
	const nd_docinfo *new_info; /* the new version (may be NULL) */
} nd_tui_view;

/* The store's history, for picking two other versions. All zeros: no
 * history (the versions came from files). */
typedef struct nd_tui_host {
	const nd_docinfo *versions; /* newest first, as `normdiff log` */
	size_t nversions;           /* how many */
	size_t cur_old;             /* index of the version shown as old, or
	                               nversions when it is not one of them */
	size_t cur_new;             /* the same for the new one */
	/* Compare versions[old] with versions[new] into *view; 0 or a negative
	 * code with the message recorded (the screen then keeps the current
	 * comparison). */
	int (*load)(void *ud, size_t old, size_t new, nd_tui_view *view);
	/* The whole series of `versions`, for the history and synopsis views:
	 * computed on the first request and kept by the caller until the end
	 * of the call. Its versions are OLDEST first: series version k is
	 * versions[nversions - 1 - k]. 0, or a negative code with the message
	 * recorded (shown in the footer). NULL: no series (files). */
	int (*load_series)(void *ud, const nd_series **out);
	void *ud;                   /* passed to load and load_series */
} nd_tui_host;

/* Display options. */
typedef struct nd_tui_opts {
	int color;   /* 1: colours; 0: bold, underline and reverse only */
	int redline; /* start in the inline redline rather than side by side */
} nd_tui_opts;

/* Run the UI on the terminal until the user quits. Standard input and
 * output must be a terminal. The terminal is restored on every way out,
 * including SIGINT, SIGTERM and SIGHUP. Returns 0, or a negative code with
 * the message recorded. */
int nd_tui_run(const nd_tui_view *view, const nd_tui_host *host,
               const nd_tui_opts *o);

/* Replay the key script `keys` on a screen of cols x rows and append the
 * screen as text to out: at every <dump> in the script and at the end.
 * With `styles`, each screen line is followed by a line of style letters
 * (docs/tui.md). Key scripts are documented in docs/tui.md. ND_EINVAL for
 * a malformed script or a screen smaller than 40x10. */
int nd_tui_dump(nd_buf *out, const nd_tui_view *view, const nd_tui_host *host,
                const nd_tui_opts *o, unsigned cols, unsigned rows,
                const char *keys, int styles);

#endif
