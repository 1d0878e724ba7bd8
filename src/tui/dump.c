/* dump.c - nd_tui_dump: the UI without a terminal. Keys from a script go
 * through the same model and drawing as on a terminal; the grid is
 * printed as text. Screen tests and the screen captures in the docs are
 * made this way.
 */
#include <stdlib.h>

#include "normdiff/error.h"
#include "tui_internal.h"

#define MIN_COLS 40
#define MIN_ROWS 10

static int check_size(unsigned cols, unsigned rows)
{
	if (cols < MIN_COLS || rows < MIN_ROWS || cols > 1000 || rows > 1000)
		return nd_error_set(ND_EINVAL, "a screen of %ux%u: give between "
		                    "%ux%u and 1000x1000", cols, rows, MIN_COLS,
		                    MIN_ROWS);
	return 0;
}

static int dump(nd_buf *out, tui_model *m, tui_grid *g, int styles,
                size_t screen, size_t screens)
{
	int err = draw_screen(m, g);

	if (!err && screens > 1)
		err = nd_buf_printf(out, "-- screen %zu of %zu (%ux%u) --\n", screen,
		                    screens, g->cols, g->rows);
	return err ? err : grid_dump(out, g, styles);
}

int nd_tui_dump(nd_buf *out, const nd_tui_view *view, const nd_tui_host *host,
                const nd_tui_opts *o, unsigned cols, unsigned rows,
                const char *keys, int styles)
{
	tui_event *ev = NULL;
	tui_model m;
	tui_grid g = {0};
	size_t n = 0, k, screens, screen = 0;
	int err;

	if ((err = check_size(cols, rows)) != 0 ||
	    (err = keys_script(&ev, &n, keys ? keys : "")) != 0)
		return err;
	/* a screen at every <Dump>, and at the end unless one was just shown */
	screens = !n || ev[n - 1].key != TK_DUMP;
	for (k = 0; k < n; k++) {
		if (ev[k].key == TK_DUMP)
			screens++;
		if (ev[k].key == TK_RESIZE &&
		    (err = check_size(ev[k].cols, ev[k].rows)) != 0) {
			free(ev);
			return err;
		}
	}
	err = model_init(&m, view, host, o, cols, rows);
	err = err ? err : grid_resize(&g, cols, rows);
	err = err ? err : draw_screen(&m, &g); /* pane sizes for the keys */
	for (k = 0; k < n && !err && !m.quit; k++) {
		if (ev[k].key == TK_RESIZE)
			err = grid_resize(&g, ev[k].cols, ev[k].rows);
		err = err ? err : model_event(&m, &ev[k]);
		err = err ? err : draw_screen(&m, &g);
		if (!err && ev[k].key == TK_DUMP)
			err = dump(out, &m, &g, styles, ++screen, screens);
	}
	if (!err && screen < screens)
		err = dump(out, &m, &g, styles, ++screen, screens);
	model_dispose(&m);
	grid_dispose(&g);
	free(ev);
	return err;
}
