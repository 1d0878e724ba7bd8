/* fuzz_tui.c - the terminal UI without a terminal (nd_tui_dump): the
 * input is a key script (docs/tui.md), a line "---8<---", the old text,
 * another such line, and the new text. The UI starts on an 80x24 screen
 * with a store history of three versions whose loading gives the same
 * comparison back, so the version picker is reachable, and a series of
 * those three (old, new, new again: the old and new texts, then the new
 * one against itself), so the history, its blame and the synopsis are
 * reachable (H, b, S); after a pick the comparison on screen may not be
 * the series' pair, which the UI must notice. A script of odd length is
 * dumped with its style rows.
 *
 * Oracles: a script that is refused records a one-line message; every
 * screen is well-formed UTF-8 without controls (other than newlines) or
 * bidi marks, whatever the drafts, the search pattern or the keys hold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/error.h"
#include "normdiff/tui.h"

/* Longest script replayed: every key redraws the screen, and a replay
 * should stay well under a second. */
#define MAX_SCRIPT 512

/* Largest screen a script may resize to, in cells: every key redraws the
 * whole grid, so 512 keys on the 1000x1000 screens the UI accepts took
 * seconds an input; a real terminal is far smaller. The UI's own bounds
 * are tested by the screen tests. */
#define MAX_CELLS (300u * 120u)

/* Does the script resize the screen beyond MAX_CELLS? */
static int too_large(const char *keys)
{
	const char *p = keys;
	unsigned cols, rows;

	while ((p = strstr(p, "<Resize ")) != NULL) {
		p += 8;
		if (sscanf(p, "%ux%u", &cols, &rows) == 2 &&
		    (cols > 1000 || rows > 1000 || cols * rows > MAX_CELLS))
			return 1;
	}
	return 0;
}

static const nd_changeset *current;
static const nd_series *series;

static int load_series(void *ud, const nd_series **out)
{
	(void)ud;
	*out = series;
	return 0;
}

static int load(void *ud, size_t old, size_t new, nd_tui_view *view)
{
	(void)ud;
	memset(view, 0, sizeof(*view));
	if (old == new)
		return nd_error_set(ND_EINVAL, "version %zu against itself", old);
	view->cs = current;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const nd_docinfo versions[3] = {
		{"c", "c", "Third", "A/3", "2015-01-01", NULL, NULL},
		{"b", "b", NULL, NULL, NULL, "States", NULL},
		{"a", "a", "First", NULL, "2011-01-01", NULL, NULL},
	};
	fuzz_part part[3];
	nd_doc *a, *b;
	nd_changeset *cs = NULL, *same = NULL;
	nd_series *ser = NULL;
	const nd_doc *docs[3];
	const nd_changeset *pairs[2];
	nd_tui_view view;
	nd_tui_host host;
	nd_tui_opts o = {0, 0};
	nd_buf out = ND_BUF_INIT;
	const char *why;
	char *keys;

	fuzz_split(data, size, part, 3);
	if (part[0].n > MAX_SCRIPT || memchr(part[0].p, '\0', part[0].n))
		return 0;
	keys = malloc(part[0].n + 1);
	if (!keys)
		fuzz_fail("tui", "out of memory", NULL, 0);
	memcpy(keys, part[0].p, part[0].n);
	keys[part[0].n] = '\0';
	if (too_large(keys) ||
	    fuzz_two_docs(part[1].p, part[1].n, part[2].p, part[2].n, &a, &b)) {
		free(keys);
		return 0;
	}
	if (nd_changeset_compute(&cs, a, b, NULL, NULL, NULL) ||
	    nd_changeset_compute(&same, b, b, NULL, NULL, NULL))
		fuzz_fail("change set", "computing it failed", NULL, 0);
	docs[0] = a;
	docs[1] = docs[2] = b;
	pairs[0] = cs;
	pairs[1] = same;
	if (nd_series_new(&ser, docs, pairs, 3))
		fuzz_fail("series", nd_error_message(), NULL, 0);
	current = cs;
	series = ser;
	view.cs = cs;
	view.old_info = &versions[2];
	view.new_info = &versions[0];
	memset(&host, 0, sizeof(host));
	host.versions = versions;
	host.nversions = 3;
	host.cur_old = 2;
	host.cur_new = 0;
	host.load = load;
	host.load_series = load_series;
	o.redline = (int)(part[0].n % 4 >= 2);
	if (nd_tui_dump(&out, &view, &host, &o, 80, 24, keys,
	                (int)(part[0].n % 2)))
		fuzz_check_error("tui dump");
	else if ((why = fuzz_check_safe(out.ptr, out.len, 0)) != NULL)
		fuzz_fail("tui dump", why, out.ptr, out.len);
	nd_buf_dispose(&out);
	free(keys);
	nd_series_free(ser);
	nd_changeset_free(same);
	nd_changeset_free(cs);
	nd_doc_free(a);
	nd_doc_free(b);
	return 0;
}
