/* test_tui.c - the terminal UI without a terminal: draft text turned into
 * cells, the grid and its dumps, the key table and key scripts, and whole
 * screens replayed through nd_tui_dump over hand-made comparisons. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/buf.h"
#include "normdiff/changeset.h"
#include "normdiff/clause.h"
#include "normdiff/error.h"
#include "normdiff/regex.h"
#include "normdiff/series.h"
#include "normdiff/tui.h"
#include "normdiff/utf8.h"
#include "support.h"
#include "tui_internal.h"

/* ---- helpers: flows ---- */

/* A flow holding s, added in one piece as draft text. */
static tui_flow flow_of(const char *s)
{
	tui_flow f;

	memset(&f, 0, sizeof(f));
	assert_int_equal(flow_addz(&f, s, TS_NORMAL), 0);
	return f;
}

/* The code points of cells [from, to) as UTF-8 (right halves add nothing);
 * owned by the caller. */
static char *cells_text(const tui_cell *cells, size_t from, size_t to)
{
	nd_buf b = ND_BUF_INIT;
	char enc[4];
	size_t i;
	int k;

	assert_int_equal(nd_buf_puts(&b, ""), 0);
	for (i = from; i < to; i++)
		for (k = 0; k < TUI_CELL_CPS && cells[i].cp[k]; k++)
			assert_int_equal(nd_buf_put(&b, enc, nd_utf8_encode(cells[i].cp[k],
			                                                    enc)), 0);
	return nd_buf_detach(&b);
}

static void assert_cells(const tui_cell *cells, size_t from, size_t to,
                         const char *want)
{
	char *got = cells_text(cells, from, to);

	assert_string_equal(got, want);
	free(got);
}

static void assert_flow(const tui_flow *f, const char *want)
{
	assert_cells(f->cells, 0, f->n, want);
}

/* One character per cell: '*' where TM_MATCH is set, '.' elsewhere. */
static void assert_marks(const tui_flow *f, const char *want)
{
	char got[128];
	size_t i;

	assert_true(f->n < sizeof(got));
	for (i = 0; i < f->n; i++)
		got[i] = f->cells[i].mark & TM_MATCH ? '*' : '.';
	got[i] = '\0';
	assert_string_equal(got, want);
}

/* Mark the matches of pattern in f. */
static void mark(tui_flow *f, const char *pattern)
{
	nd_regex *re = NULL;

	if (nd_regex_new(&re, pattern) != 0)
		fail_msg("nd_regex_new(%s): %s", pattern, nd_error_message());
	flow_mark_matches(f, re);
	nd_regex_free(re);
}

/* A space that a line may break at (not part of a visible control). */
static int is_blank(const tui_cell *c)
{
	return c->width == 1 && c->cp[0] == ' ' && c->style != TS_CTRL;
}

/* The lines of f wrapped at width, checked against what every wrap must
 * hold (a line ends at flow_trim, without the spaces of its break);
 * returns how many lines, their starts in *starts (owned). */
static size_t wrap(const tui_flow *f, unsigned width, size_t **starts)
{
	size_t cap = 0, n, k;

	*starts = NULL;
	n = flow_wrap(f, width, starts, &cap);
	assert_true(n >= 1);
	assert_int_equal((*starts)[0], 0);
	assert_int_equal((*starts)[n], f->n);
	for (k = 0; k < n; k++) {
		size_t a = (*starts)[k], b = (*starts)[k + 1];

		assert_true(a <= b);
		if (flow_width(f, a, flow_trim(f, a, b)) > width)
			fail_msg("line %zu is %zu columns wide, more than %u", k,
			         flow_width(f, a, flow_trim(f, a, b)), width);
		if (a < f->n && k > 0) {
			assert_int_not_equal(f->cells[a].width, 0); /* no right half */
			assert_false(is_blank(&f->cells[a]));       /* no break space */
		}
		if (k + 1 < n)
			assert_true(b > a); /* every line but the last moves on */
	}
	return n;
}

/* The text wrapped at width must read as the lines want[] (NULL-terminated)
 * once drawn. */
static void assert_wrap(const char *text, unsigned width,
                        const char *const *want)
{
	tui_flow f = flow_of(text);
	size_t *starts, n, k;

	n = wrap(&f, width, &starts);
	for (k = 0; k < n && want[k]; k++)
		assert_cells(f.cells, starts[k],
		             flow_trim(&f, starts[k], starts[k + 1]), want[k]);
	assert_int_equal(k, n);
	assert_null(want[k]);
	free(starts);
	flow_dispose(&f);
}

/* ---- helpers: grids ---- */

static tui_grid grid_of(unsigned cols, unsigned rows)
{
	tui_grid g = {0};

	assert_int_equal(grid_resize(&g, cols, rows), 0);
	return g;
}

static tui_cell *cell_at(const tui_grid *g, unsigned x, unsigned y)
{
	return &g->cells[(size_t)y * g->cols + x];
}

/* Draw s in style st at (x, y), at most w columns; returns the columns. */
static unsigned put(tui_grid *g, unsigned x, unsigned y, unsigned w,
                    const char *s, tui_style st)
{
	tui_flow f;
	unsigned used;

	memset(&f, 0, sizeof(f));
	assert_int_equal(flow_addz(&f, s, st), 0);
	used = grid_put(g, x, y, w, f.cells, 0, f.n);
	flow_dispose(&f);
	return used;
}

static void assert_dump(const tui_grid *g, int styles, const char *want)
{
	nd_buf b = ND_BUF_INIT;

	assert_int_equal(nd_buf_puts(&b, ""), 0);
	assert_int_equal(grid_dump(&b, g, styles), 0);
	assert_string_equal(b.ptr, want);
	nd_buf_dispose(&b);
}

/* ---- flows ---- */

static void test_flow_controls(void **state)
{
	tui_flow f = flow_of("a\x1b" "b\x7f");
	size_t i;

	(void)state;
	assert_flow(&f, "a^[b^?");
	for (i = 0; i < f.n; i++)
		assert_int_equal(f.cells[i].style,
		                 i == 1 || i == 2 || i == 4 || i == 5 ? TS_CTRL
		                                                      : TS_NORMAL);
	/* both cells of ^[ come from the ESC byte */
	assert_int_equal(f.off[1], 1);
	assert_int_equal(f.off[2], 1);
	assert_int_equal(f.off[3], 2);
	flow_dispose(&f);
}

static void test_flow_bidi(void **state)
{
	tui_flow f = flow_of("x\xe2\x80\xaey");
	size_t i;

	(void)state;
	assert_flow(&f, "x<U+202E>y");
	assert_int_equal(f.n, 10);
	for (i = 1; i < 9; i++)
		assert_int_equal(f.cells[i].style, TS_CTRL);
	assert_int_equal(f.cells[0].style, TS_NORMAL);
	assert_int_equal(f.cells[9].style, TS_NORMAL);
	flow_dispose(&f);
}

static void test_flow_invalid_utf8(void **state)
{
	tui_flow f = flow_of("a\xff" "b\xc3");
	size_t i;

	(void)state;
	/* each bad byte shown as the reports show it, as a control */
	assert_flow(&f, "a<0xFF>b<0xC3>");
	for (i = 0; i < f.n; i++) {
		assert_int_equal(f.cells[i].width, 1);
		assert_int_equal(f.cells[i].style == TS_CTRL, i != 0 && i != 7);
	}
	/* the bytes are kept as they were for searching */
	assert_int_equal(f.text.len, 4);
	assert_memory_equal(f.text.ptr, "a\xff" "b\xc3", 4);
	flow_dispose(&f);
}

static void test_flow_wide(void **state)
{
	tui_flow f = flow_of("中文x");

	(void)state;
	assert_int_equal(f.n, 5);
	assert_int_equal(f.cells[0].cp[0], 0x4E2D);
	assert_int_equal(f.cells[0].width, 2);
	assert_int_equal(f.cells[1].width, 0);
	assert_int_equal(f.cells[1].cp[0], 0);
	assert_int_equal(f.cells[2].cp[0], 0x6587);
	assert_int_equal(f.cells[2].width, 2);
	assert_int_equal(f.cells[3].width, 0);
	assert_int_equal(f.cells[4].width, 1);
	assert_flow(&f, "中文x");
	flow_dispose(&f);
}

static void test_flow_combining(void **state)
{
	tui_flow f = flow_of("e\xcc\x81x");
	tui_flow w = flow_of("中\xcc\x81");

	(void)state;
	assert_int_equal(f.n, 2);
	assert_int_equal(f.cells[0].cp[0], 'e');
	assert_int_equal(f.cells[0].cp[1], 0x301);
	assert_int_equal(f.cells[0].width, 1);
	assert_int_equal(f.cells[1].cp[0], 'x');
	/* on a wide character the mark joins the left half */
	assert_int_equal(w.n, 2);
	assert_int_equal(w.cells[0].cp[1], 0x301);
	assert_int_equal(w.cells[1].cp[0], 0);
	assert_int_equal(w.cells[1].cp[1], 0);
	flow_dispose(&f);
	flow_dispose(&w);
}

static void test_flow_width(void **state)
{
	tui_flow f = flow_of("a中e\xcc\x81\x1b");

	(void)state;
	/* a, 中 (2), é (1), ^[ (2) */
	assert_int_equal(f.n, 6);
	assert_int_equal(flow_width(&f, 0, f.n), 6);
	assert_int_equal(flow_width(&f, 1, 3), 2);
	assert_int_equal(flow_width(&f, 2, 3), 0);
	assert_int_equal(flow_width(&f, 3, 3), 0);
	flow_dispose(&f);
}

static void test_wrap_spaces(void **state)
{
	static const char *const lines[] = {"the quick", "brown fox", "jumps",
	                                    NULL};
	static const char *const exact[] = {"aaa", "bbb", NULL};
	tui_flow f = flow_of("aaa bbb");
	size_t *starts;

	(void)state;
	assert_wrap("the quick brown fox jumps", 10, lines);
	assert_wrap("aaa bbb", 3, exact);
	/* the space at the break is not drawn: the second line starts after it */
	assert_int_equal(wrap(&f, 3, &starts), 2);
	assert_int_equal(flow_trim(&f, starts[0], starts[1]), 3);
	assert_int_equal(starts[1], 4);
	free(starts);
	flow_dispose(&f);
}

static void test_wrap_long_word(void **state)
{
	static const char *const lines[] = {"a", "abcd", "efgh", "ij b", NULL};
	static const char *const alone[] = {"abcde", "fg", NULL};

	(void)state;
	assert_wrap("a abcdefghij b", 4, lines);
	assert_wrap("abcdefg", 5, alone);
}

static void test_wrap_wide(void **state)
{
	static const char *const five[] = {"中文", "中文", "中", NULL};
	static const char *const three[] = {"中a", "文", NULL};

	(void)state;
	assert_wrap("中文中文中", 5, five);
	assert_wrap("中a文", 3, three);
}

static void test_wrap_empty(void **state)
{
	tui_flow f;
	size_t *starts;

	(void)state;
	memset(&f, 0, sizeof(f));
	assert_int_equal(wrap(&f, 10, &starts), 1);
	assert_int_equal(starts[0], 0);
	assert_int_equal(starts[1], 0);
	free(starts);
}

static void test_wrap_any_width(void **state)
{
	tui_flow f = flow_of("Each State e\xcc\x81 shall 中文中文 take\x1b "
	                     "measures   to protect 公约 supercalifragilistic.");
	size_t *starts;
	unsigned w;

	(void)state;
	/* wrap() checks the width, the starts and the breaks at every width */
	for (w = 2; w <= 60; w++) {
		wrap(&f, w, &starts);
		free(starts);
	}
	flow_dispose(&f);
}

static void test_mark_matches(void **state)
{
	tui_flow f = flow_of("the Party shall");

	(void)state;
	assert_int_equal(flow_addz(&f, " and a party", TS_INS), 0);
	mark(&f, "party");
	assert_marks(&f, "....*****.............*****");
	flow_dispose(&f);
}

static void test_mark_across_adds(void **state)
{
	tui_flow f = flow_of("it shal");
	tui_flow w = flow_of("x中文");

	(void)state;
	assert_int_equal(flow_addz(&f, "l be", TS_DEL), 0);
	mark(&f, "shall");
	assert_marks(&f, "...*****...");
	/* a wide character is marked in both halves */
	mark(&w, "文");
	assert_marks(&w, "...**");
	flow_dispose(&f);
	flow_dispose(&w);
}

static void test_mark_empty_matches(void **state)
{
	tui_flow f = flow_of("axxb x");
	tui_flow u = flow_of("éxx中x");

	(void)state;
	/* "x*" matches the empty string everywhere: it must still end, and
	 * mark the x's only */
	mark(&f, "x*");
	assert_marks(&f, ".**..*");
	mark(&u, "x*");
	assert_marks(&u, ".**..*");
	flow_dispose(&f);
	flow_dispose(&u);
}

static void test_mark_match_limit(void **state)
{
	tui_flow f = flow_of("aa aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!");
	nd_regex *re = NULL;
	size_t a, b;

	(void)state;
	/* (?:a|aa)+$ backtracks exponentially before the "!": matching gives
	 * up on the match limit, which is an error, not "no match" */
	assert_int_equal(nd_regex_new(&re, "(?:a|aa)+$"), 0);
	assert_int_equal(nd_regex_find(re, f.text.ptr, f.text.len, 0, &a, &b),
	                 ND_ETOOBIG);
	assert_non_null(strstr(nd_error_message(), "match limit"));
	assert_int_equal(flow_mark_matches(&f, re), ND_ETOOBIG);
	nd_regex_free(re);
	/* a pattern that matches quickly is untouched */
	assert_int_equal(nd_regex_new(&re, "a!"), 0);
	assert_int_equal(nd_regex_find(re, f.text.ptr, f.text.len, 0, &a, &b), 1);
	assert_int_equal(a, f.text.len - 2);
	nd_regex_free(re);
	flow_dispose(&f);
}

/* ---- the grid ---- */

static void test_put_wide_edge(void **state)
{
	tui_grid g = grid_of(6, 1);

	(void)state;
	/* 中 would need columns 5 and 6 of a 6-column grid */
	assert_int_equal(put(&g, 3, 0, 10, "ab中", TS_NORMAL), 2);
	assert_int_equal(cell_at(&g, 5, 0)->cp[0], ' ');
	assert_int_equal(cell_at(&g, 5, 0)->width, 1);
	/* nor half when the width given stops in its middle */
	assert_int_equal(put(&g, 0, 0, 2, "a中", TS_NORMAL), 1);
	assert_int_equal(cell_at(&g, 1, 0)->cp[0], ' ');
	/* and whole when it fits */
	assert_int_equal(put(&g, 0, 0, 3, "a中", TS_NORMAL), 3);
	assert_int_equal(cell_at(&g, 1, 0)->width, 2);
	assert_int_equal(cell_at(&g, 2, 0)->width, 0);
	assert_dump(&g, 0, "a中ab\n");
	grid_dispose(&g);
}

static void test_line_ellipsis(void **state)
{
	tui_grid g = grid_of(12, 3);
	tui_flow f = flow_of("abcdefghijkl");
	tui_flow w = flow_of("中文中文");
	tui_flow s = flow_of("abc");

	(void)state;
	assert_int_equal(grid_line(&g, 0, 0, 6, &f), 6);
	assert_int_equal(cell_at(&g, 5, 0)->style, TS_DIM);
	assert_int_equal(grid_line(&g, 0, 1, 6, &w), 5);
	assert_int_equal(grid_line(&g, 0, 2, 3, &s), 3);
	assert_dump(&g, 0, "abcde…\n中文…\nabc\n");
	flow_dispose(&f);
	flow_dispose(&w);
	flow_dispose(&s);
	grid_dispose(&g);
}

static void test_dump_plain(void **state)
{
	tui_grid g = grid_of(8, 4);

	(void)state;
	put(&g, 0, 0, 8, "ab", TS_NORMAL);
	put(&g, 2, 2, 6, "中x", TS_NORMAL);
	put(&g, 0, 3, 8, "c  d", TS_NORMAL);
	assert_dump(&g, 0, "ab\n\n  中x\nc  d\n");
	grid_dispose(&g);
}

static void test_dump_styles(void **state)
{
	tui_grid g = grid_of(8, 3);

	(void)state;
	put(&g, 0, 0, 8, "ab", TS_NORMAL);
	put(&g, 3, 0, 5, "cd", TS_DEL);
	put(&g, 0, 1, 8, "中", (tui_style)(TS_KIND + ND_CHANGE_MODIFIED));
	grid_mark(&g, 3, 1, 2, 1, TM_SEL);
	grid_mark(&g, 0, 2, 1, 1, TM_MATCH);
	assert_dump(&g, 1, "ab cd\n   --\n中\nMM ==\n\n*\n");
	grid_dispose(&g);
}

/* ---- keys ---- */

static void test_script_parse(void **state)
{
	tui_event *ev = NULL;
	size_t n = 0;

	(void)state;
	assert_int_equal(keys_script(&ev, &n, "jé<Down><Enter><lt><C-l>"
	                             "<Resize 80x24><Click 3 4><WheelDown 1 2>"
	                             "<Dump>"), 0);
	assert_int_equal(n, 10);
	assert_int_equal(ev[0].key, 'j');
	assert_int_equal(ev[1].key, 0xE9);
	assert_int_equal(ev[2].key, TK_DOWN);
	assert_int_equal(ev[3].key, TK_ENTER);
	assert_int_equal(ev[4].key, '<');
	assert_int_equal(ev[5].key, 12);
	assert_int_equal(ev[6].key, TK_RESIZE);
	assert_int_equal(ev[6].cols, 80);
	assert_int_equal(ev[6].rows, 24);
	assert_int_equal(ev[7].key, TK_CLICK);
	assert_int_equal(ev[7].x, 3);
	assert_int_equal(ev[7].y, 4);
	assert_int_equal(ev[8].key, TK_WHEEL_DOWN);
	assert_int_equal(ev[8].x, 1);
	assert_int_equal(ev[8].y, 2);
	assert_int_equal(ev[9].key, TK_DUMP);
	free(ev);
	assert_int_equal(keys_script(&ev, &n, ""), 0);
	assert_int_equal(n, 0);
	free(ev);
}

/* keys_script(script) fails with ND_EINVAL naming character `at`. */
static void assert_script_error(const char *script, size_t at)
{
	tui_event *ev = (tui_event *)&ev;
	size_t n;
	char want[32];

	assert_int_equal(keys_script(&ev, &n, script), ND_EINVAL);
	assert_null(ev);
	snprintf(want, sizeof(want), "character %zu;", at);
	if (!strstr(nd_error_message(), want))
		fail_msg("%s: \"%s\" does not name %s", script, nd_error_message(), want);
}

static void test_script_errors(void **state)
{
	(void)state;
	assert_script_error("<Nope>", 1);
	assert_script_error("jj<Down", 3);
	assert_script_error("j<Down><Resize 80>", 8);
	/* characters, not bytes */
	assert_script_error("é中<Nope>", 3);
}

static void test_actions(void **state)
{
	(void)state;
	assert_int_equal(keys_action('j'), ACT_DOWN);
	assert_int_equal(keys_action(TK_DOWN), ACT_DOWN);
	assert_int_equal(keys_action('k'), ACT_UP);
	assert_int_equal(keys_action('q'), ACT_QUIT);
	assert_int_equal(keys_action(TK_CTRL('c')), ACT_QUIT);
	assert_int_equal(keys_action('n'), ACT_NEXT);
	assert_int_equal(keys_action('f'), ACT_FILTER);
	assert_int_equal(keys_action('v'), ACT_VERSIONS);
	assert_int_equal(keys_action('x'), ACT_NONE);
	assert_int_equal(keys_action('Z'), ACT_NONE);
	assert_int_equal(keys_action(TK_RESIZE), ACT_NONE);
}

/* The code point column where the help text of a help line starts: after
 * the names and their padding, which ends with two spaces at least. */
static size_t help_column(const char *line, size_t len)
{
	const char *gap = strstr(line, "  ");
	size_t at;

	assert_non_null(gap);
	assert_true((size_t)(gap - line) < len);
	at = (size_t)(gap - line);
	while (line[at] == ' ')
		at++;
	return nd_utf8_count(line, at);
}

static void test_help(void **state)
{
	static const char *const names[] = {
		"j ↓", "k ↑", "PgDn Space", "PgUp b", "g Home", "G End", "n", "N",
		"]", "[", "o", "Tab", "Enter", "Esc", "s", "f", "/", "v", "H", "S", "?",
		"q", "Ctrl-L",
		"Ctrl-Z", "mouse",
	};
	nd_buf b = ND_BUF_INIT;
	const char *p, *nl;
	size_t k = 0, col = 0;

	(void)state;
	assert_int_equal(keys_help(&b, VIEW_MAIN), 0);
	for (p = b.ptr; *p; p = nl + 1, k++) {
		size_t len, c;

		nl = strchr(p, '\n');
		assert_non_null(nl);
		len = (size_t)(nl - p);
		assert_true(k < sizeof(names) / sizeof(names[0]));
		/* the bindings in the table's order */
		assert_memory_equal(p, names[k], strlen(names[k]));
		assert_int_equal(p[strlen(names[k])], ' ');
		c = help_column(p, len);
		if (!k)
			col = c;
		if (c != col)
			fail_msg("help of \"%.*s\" at column %zu, not %zu", (int)len, p, c,
			         col);
		assert_true(nl > p + (ptrdiff_t)strlen(names[k]) + 2); /* some help */
	}
	assert_int_equal(k, sizeof(names) / sizeof(names[0]));
	nd_buf_dispose(&b);
}

/* The history's and the synopsis' keys: a heading, then the bindings; b
 * is the blame there (not a page up), the arrows scroll the synopsis. */
static void test_help_views(void **state)
{
	nd_buf b = ND_BUF_INIT;

	(void)state;
	assert_int_equal(keys_help(&b, VIEW_HISTORY), 0);
	assert_non_null(strstr(b.ptr, "In the history of a provision (H):\n"));
	assert_non_null(strstr(b.ptr, "\nb            blame on/off"));
	assert_null(strstr(b.ptr, "PgUp b"));
	nd_buf_clear(&b);
	assert_int_equal(keys_help(&b, VIEW_SYNOPSIS), 0);
	assert_non_null(strstr(b.ptr, "In the synopsis (S):\n"));
	assert_non_null(strstr(b.ptr, "\n← < h        older versions"));
	nd_buf_dispose(&b);
	assert_int_equal(keys_view_action(VIEW_HISTORY, 'b'), ACT_BLAME);
	assert_int_equal(keys_view_action(VIEW_MAIN, 'b'), ACT_PGUP);
	assert_int_equal(keys_view_action(VIEW_HISTORY, 'q'), ACT_BACK);
	assert_int_equal(keys_view_action(VIEW_MAIN, 'q'), ACT_QUIT);
	assert_int_equal(keys_view_action(VIEW_SYNOPSIS, TK_LEFT), ACT_LEFT);
	assert_int_equal(keys_view_action(VIEW_SYNOPSIS, '>'), ACT_RIGHT);
	assert_int_equal(keys_view_action(VIEW_MAIN, 'H'), ACT_HISTORY);
	assert_int_equal(keys_view_action(VIEW_MAIN, 'S'), ACT_SYNOPSIS);
}

static void test_hints(void **state)
{
	tui_flow f;
	unsigned w;
	char *text;

	(void)state;
	memset(&f, 0, sizeof(f));
	for (w = 0; w <= 120; w++) {
		flow_clear(&f);
		assert_int_equal(keys_hints(&f, w, 0), 0);
		if (flow_width(&f, 0, f.n) > w)
			fail_msg("hints %zu columns wide in %u", flow_width(&f, 0, f.n), w);
		if (f.n) /* whole hints: " key hint " */
			assert_int_equal(f.cells[f.n - 1].cp[0], ' ');
	}
	flow_clear(&f);
	assert_int_equal(keys_hints(&f, 200, 0), 0);
	text = cells_text(f.cells, 0, f.n);
	assert_non_null(strstr(text, " n/N next "));
	assert_non_null(strstr(text, " ? help "));
	assert_non_null(strstr(text, " q quit "));
	free(text);
	flow_dispose(&f);
}

/* ---- screens ---- */

/* Two versions of a draft, compared. */
typedef struct pair {
	nd_doc *old;       /* parsed */
	nd_doc *new;
	nd_changeset *cs;  /* their comparison */
	nd_tui_view view;  /* what the UI shows */
} pair;

static nd_doc *parse(const char *text)
{
	nd_doc *d = NULL;

	if (nd_doc_parse(&d, text, strlen(text), grammar))
		fail_msg("parse: %s", nd_error_message());
	return d;
}

static void pair_open(pair *p, const char *old, const char *new,
                      const nd_docinfo *old_info, const nd_docinfo *new_info)
{
	memset(p, 0, sizeof(*p));
	p->old = parse(old);
	p->new = parse(new);
	if (nd_changeset_compute(&p->cs, p->old, p->new, NULL, NULL, NULL))
		fail_msg("compare: %s", nd_error_message());
	p->view.cs = p->cs;
	p->view.old_info = old_info;
	p->view.new_info = new_info;
}

static void pair_close(pair *p)
{
	nd_changeset_free(p->cs);
	nd_doc_free(p->old);
	nd_doc_free(p->new);
	memset(p, 0, sizeof(*p));
}

/* Five provisions, the 2nd and 4th reworded: rows title, 1. to 5. */
static const char old_text[] =
	"Convention on incidents\n\n"
	"1. States shall cooperate in good faith.\n\n"
	"2. Each State shall designate a competent authority.\n\n"
	"3. This Convention applies to incidents at sea.\n\n"
	"4. Parties shall report to the secretariat annually.\n\n"
	"5. Nothing here affects other treaties.\n";
static const char new_text[] =
	"Convention on incidents\n\n"
	"1. States shall cooperate in good faith.\n\n"
	"2. Each State shall designate one or more competent authorities.\n\n"
	"3. This Convention applies to incidents at sea.\n\n"
	"4. Parties shall report to the secretariat every two years.\n\n"
	"5. Nothing here affects other treaties.\n";

static const nd_docinfo info_2011 = {.label = "2011", .symbol = "A/66/359"};
static const nd_docinfo info_2013 = {.label = "2013"};
static const nd_docinfo info_2015 = {.label = "2015"};

static pair basic;

static int setup(void **state)
{
	if (test_grammar_setup(state))
		return -1;
	pair_open(&basic, old_text, new_text, &info_2011, &info_2015);
	return 0;
}

static int teardown(void **state)
{
	pair_close(&basic);
	return test_grammar_teardown(state);
}

/* The screens after replaying keys on view (with host) at cols x rows;
 * owned by the caller. */
static char *replay(const nd_tui_view *view, const nd_tui_host *host,
                    const nd_tui_opts *o, unsigned cols, unsigned rows,
                    const char *keys, int styles)
{
	nd_buf b = ND_BUF_INIT;

	if (nd_tui_dump(&b, view, host, o, cols, rows, keys, styles))
		fail_msg("nd_tui_dump(%s): %s", keys, nd_error_message());
	assert_non_null(b.ptr);
	return nd_buf_detach(&b);
}

/* The same without colours or styles. */
static char *screen(const nd_tui_view *view, const nd_tui_host *host,
                    unsigned cols, unsigned rows, const char *keys)
{
	nd_tui_opts o = {0, 0};

	return replay(view, host, &o, cols, rows, keys, 0);
}

static char *basic_screen(const char *keys)
{
	return screen(&basic.view, NULL, 80, 24, keys);
}

/* Line k of a dump (counting from 0, negative from the end), in buf. */
static const char *dump_line(const char *dump, int k, char *buf, size_t size)
{
	const char *p = dump, *nl;
	size_t n = 0, len;

	for (nl = dump; (nl = strchr(nl, '\n')) != NULL; nl++)
		n++;
	if (k < 0)
		k += (int)n;
	assert_true(k >= 0 && (size_t)k < n);
	for (; k > 0; k--)
		p = strchr(p, '\n') + 1;
	len = (size_t)(strchr(p, '\n') - p);
	assert_true(len < size);
	memcpy(buf, p, len);
	buf[len] = '\0';
	return buf;
}

static void assert_has(const char *text, const char *part)
{
	assert_non_null(text);
	if (text && !strstr(text, part))
		fail_msg("\"%s\" not in:\n%s", part, text);
}

static void assert_lacks(const char *text, const char *part)
{
	assert_non_null(text);
	if (text && strstr(text, part))
		fail_msg("\"%s\" in:\n%s", part, text);
}

/* The header's first or second line, or the footer, contains part. */
static void assert_line_has(const char *dump, int k, const char *part)
{
	char buf[4096];

	assert_has(dump_line(dump, k, buf, sizeof(buf)), part);
}

/* The footer ends with the position of the selection, "3/6". */
static void assert_position(const char *dump, const char *pos)
{
	char buf[4096], want[32];
	const char *line = dump_line(dump, -1, buf, sizeof(buf));
	size_t len = strlen(line);

	snprintf(want, sizeof(want), " %s", pos);
	if (len < strlen(want) || strcmp(line + len - strlen(want), want))
		fail_msg("footer \"%s\" does not end with \"%s\"", line, want);
}

#define HEADER 0
#define SUMMARY 1
#define FOOTER (-1)

static void test_screen_size(void **state)
{
	nd_buf b = ND_BUF_INIT;
	static const unsigned sizes[][2] = {{39, 10}, {40, 9}, {1001, 24}, {0, 0}};
	size_t k;

	(void)state;
	for (k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
		assert_int_equal(nd_tui_dump(&b, &basic.view, NULL, NULL, sizes[k][0],
		                             sizes[k][1], "", 0), ND_EINVAL);
	assert_int_equal(nd_tui_dump(&b, &basic.view, NULL, NULL, 80, 24,
	                             "<Resize 39x24>", 0), ND_EINVAL);
	assert_int_equal(nd_tui_dump(&b, &basic.view, NULL, NULL, 80, 24,
	                             "<Nope>", 0), ND_EINVAL);
	assert_int_equal(b.len, 0);
	assert_int_equal(nd_tui_dump(&b, &basic.view, NULL, NULL, 40, 10, "", 0), 0);
	assert_true(b.len > 0);
	nd_buf_dispose(&b);
}

static void test_screen_next(void **state)
{
	char *start = basic_screen("");
	char *one = basic_screen("n");
	char *two = basic_screen("nn");
	char *end = basic_screen("nnn");

	(void)state;
	assert_line_has(start, HEADER, "2011 (A/66/359) → 2015");
	assert_position(start, "1/6");
	/* the title and 1. are unchanged: n goes to 2., then 4. */
	assert_position(one, "3/6");
	assert_has(one, "one or more");
	assert_position(two, "5/6");
	assert_has(two, "every two years");
	/* no change after 4.: the selection stays, with a message */
	assert_position(end, "5/6");
	assert_line_has(end, FOOTER, "no change after this one");
	free(start);
	free(one);
	free(two);
	free(end);
}

static void test_screen_search_nothing(void **state)
{
	char *s = basic_screen("n/zzz<Enter>");
	char *filtered = basic_screen("fn/zzz<Enter>");

	(void)state;
	assert_line_has(s, FOOTER, "no provision matches /zzz/");
	assert_position(s, "3/6");
	/* under a filter, the message says the filter may be why */
	assert_line_has(filtered, FOOTER, "no provision the filter lists matches");
	assert_position(filtered, "2/2");
	free(s);
	free(filtered);
}

static void test_screen_search_invalid(void **state)
{
	char *s = basic_screen("/(<Enter>");
	char *typed = basic_screen("/(<Enter>j");
	char buf[256];

	(void)state;
	assert_line_has(s, FOOTER, "search: ");
	assert_true(!strncmp(dump_line(s, FOOTER, buf, sizeof(buf)), "/(", 2));
	/* still in the prompt: j is typed, not a move */
	assert_true(!strncmp(dump_line(typed, FOOTER, buf, sizeof(buf)), "/(j", 3));
	assert_lacks(typed, "search: /");
	free(s);
	free(typed);
}

static void test_screen_filter(void **state)
{
	char *all = basic_screen("");
	char *changed = basic_screen("f");
	char buf[256];

	(void)state;
	assert_lacks(dump_line(all, SUMMARY, buf, sizeof(buf)), "filter:");
	assert_line_has(changed, SUMMARY, "filter: changed");
	assert_line_has(changed, SUMMARY, "filter: changed (2)");
	assert_line_has(changed, FOOTER, "filter: changed (2)");
	free(all);
	free(changed);
}

/* f passes over the kinds with nothing to list: the basic pair has
 * nothing added, removed, split, merged or moved, so after modified
 * comes all again. */
static void test_screen_filter_skips_empty(void **state)
{
	char *modified = basic_screen("fff");
	char *again = basic_screen("ffff");

	(void)state;
	assert_line_has(modified, FOOTER, "filter: modified (2)");
	assert_line_has(again, FOOTER, "filter: all (6)");
	assert_lacks(again, "nothing is");
	free(modified);
	free(again);
}

/* ] and [: 2. has two edits (a -> one or more, authority -> authorities);
 * the text gets the focus, the footer says which edit, and stays at the
 * ends. */
static void test_screen_edits(void **state)
{
	char *first = basic_screen("n]");
	char *last = basic_screen("n[");
	char *end = basic_screen("n]]]");
	char *start = basic_screen("n]][");
	char *before = basic_screen("n][");
	char *keys;
	tui_flow f;

	(void)state;
	assert_line_has(first, FOOTER, "edit 1 of 2");
	assert_line_has(first, FOOTER, "text · 3/6");
	assert_line_has(last, FOOTER, "edit 2 of 2");
	assert_line_has(end, FOOTER, "the last edit of 2");
	assert_line_has(start, FOOTER, "edit 1 of 2");
	assert_line_has(before, FOOTER, "the first edit of 2");
	assert_int_equal(keys_action(']'), ACT_NEXT_EDIT);
	assert_int_equal(keys_action('['), ACT_PREV_EDIT);
	assert_int_equal(keys_action('o'), ACT_OLD_PLACE);
	memset(&f, 0, sizeof(f));
	assert_int_equal(keys_hints(&f, 200, 0), 0);
	keys = cells_text(f.cells, 0, f.n);
	assert_null(strstr(keys, "]/[ edit"));
	free(keys);
	flow_clear(&f);
	assert_int_equal(keys_hints(&f, 200, 1), 0);
	keys = cells_text(f.cells, 0, f.n);
	assert_non_null(strstr(keys, " ]/[ edit "));
	free(keys);
	flow_dispose(&f);
	free(first);
	free(last);
	free(end);
	free(start);
	free(before);
}

/* o on a provision that did not move says so and stays. */
static void test_screen_old_place_not_moved(void **state)
{
	char *s = basic_screen("no");

	(void)state;
	assert_line_has(s, FOOTER, "not moved");
	assert_line_has(s, FOOTER, "3/6");
	free(s);
}

static void test_screen_no_history(void **state)
{
	char *s = basic_screen("v");

	(void)state;
	assert_line_has(s, FOOTER, "no history");
	assert_lacks(s, "Pick the OLD version");
	free(s);
}

static size_t count_lines(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_screen_resize(void **state)
{
	char *before = basic_screen("<Dump>");
	char *after = basic_screen("<Resize 60x20><Dump>");
	const char *p, *nl;

	(void)state;
	assert_int_equal(count_lines(before), 24);
	assert_int_equal(count_lines(after), 20);
	for (p = after; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_true(nd_utf8_count(p, (size_t)(nl - p)) <= 60);
	}
	free(before);
	free(after);
}

static void test_screen_quit(void **state)
{
	char *start = basic_screen("");
	char *moved = basic_screen("nf");
	char *quit = basic_screen("qnf");

	(void)state;
	assert_string_not_equal(start, moved); /* n and f show */
	assert_string_equal(quit, start);      /* but not after q */
	free(start);
	free(moved);
	free(quit);
}

static void test_screen_escapes(void **state)
{
	static const nd_docinfo evil = {.label = "v\x1b[2J"};
	pair p;
	char *s;

	(void)state;
	pair_open(&p, old_text,
	          "Convention on incidents\n\n"
	          "1. States shall cooperate in good faith.\n\n"
	          "2. Each State shall designate \x1b[31mone\xe2\x80\xae competent "
	          "authority.\n\n"
	          "3. This Convention applies to incidents at sea.\n\n"
	          "4. Parties shall report to the secretariat annually.\n\n"
	          "5. Nothing here affects other treaties.\n",
	          &info_2011, &evil);
	s = screen(&p.view, NULL, 120, 30, "n<Dump>/one<Enter>");
	assert_null(strchr(s, '\x1b'));
	assert_null(strstr(s, "\xe2\x80\xae"));
	assert_has(s, "^[[31mone<U+202E>");
	assert_has(s, "v^[[2J");
	free(s);
	pair_close(&p);
}

/* In a dump with styles, no line's deleted or inserted cells go on past
 * its last character: the spaces where a line breaks are not drawn. */
static void assert_edits_end_with_text(const char *dump)
{
	const char *text, *style, *end;
	size_t w, k, len;

	for (text = dump; *text; text = end + 1) {
		style = strchr(text, '\n') + 1;
		if (!strncmp(text, "-- screen ", 10)) {
			end = style - 1; /* between screens: no styles */
			continue;
		}
		end = strchr(style, '\n');
		w = nd_utf8_count(text, (size_t)(style - 1 - text));
		len = (size_t)(end - style);
		for (k = w; k < len; k++)
			if (style[k] == '-' || style[k] == '+')
				fail_msg("an edit past the text at column %zu of:\n%.*s", k,
				         (int)(end - text), text);
	}
}

static void test_screen_wrap_edits(void **state)
{
	pair p;
	nd_tui_opts o = {1, 1}; /* colours, inline redline */
	char *s;

	(void)state;
	pair_open(&p, "T\n\n1. States shall cooperate in good faith and report "
	          "to the secretariat every year on all measures taken.\n",
	          "T\n\n1. States shall cooperate.\n\n2. Each State shall "
	          "designate one or more competent national authorities.\n",
	          &info_2011, &info_2015);
	s = replay(&p.view, NULL, &o, 40, 20, "j<Dump>jj<Dump>", 1);
	/* the shortened provision is paired (modified): its cut words are
	 * marked as deleted over several wrapped lines */
	assert_has(s, "cooperate in good faith");
	assert_has(s, "--------------------");
	assert_has(s, "designate one or more");
	assert_has(s, "++++++++++++++++++++++++++++");
	assert_edits_end_with_text(s);
	free(s);
	pair_close(&p);
}

/* A draft of n numbered provisions, the last one reworded when `edited`. */
static char *long_draft(size_t n, int edited)
{
	nd_buf b = ND_BUF_INIT;
	size_t k;

	assert_int_equal(nd_buf_puts(&b, "Convention\n"), 0);
	for (k = 1; k <= n; k++)
		assert_int_equal(nd_buf_printf(&b, "\n%zu. Provision %zu on %s.\n", k,
		                               k, k == n && edited ? "fisheries"
		                                                   : "navigation"), 0);
	return nd_buf_detach(&b);
}

static void test_screen_tall(void **state)
{
	char *old = long_draft(120, 0), *new = long_draft(120, 1);
	pair p;
	char *wide, *narrow;

	(void)state;
	pair_open(&p, old, new, &info_2011, &info_2015);
	/* sixty rows of the outline or so, next to the text or above it */
	wide = screen(&p.view, NULL, 140, 60, "G");
	narrow = screen(&p.view, NULL, 80, 150, "G");
	assert_position(wide, "121/121");
	assert_has(wide, "Provision 120 on {+fisheries+}.");
	assert_has(wide, "Provision 120 on [-navigation-].");
	assert_position(narrow, "121/121");
	assert_has(narrow, "Provision 120 on {+fisheries+}.");
	free(wide);
	free(narrow);
	pair_close(&p);
	free(old);
	free(new);
}

/* ---- versions ---- */

/* A history of three versions, newest first, and what load was asked. */
typedef struct history {
	nd_docinfo versions[3];
	nd_tui_host host;
	pair next;       /* what load returns: 2011 with 2013 */
	int fail;        /* load fails */
	int calls;       /* how many loads */
	size_t old, new; /* the last one's indices */
} history;

static int fake_load(void *ud, size_t old, size_t new, nd_tui_view *view)
{
	history *h = ud;

	h->calls++;
	h->old = old;
	h->new = new;
	if (h->fail)
		return nd_error_set(ND_ENOTFOUND, "version %s is gone",
		                    h->versions[new].label);
	*view = h->next.view;
	return 0;
}

/* The history shows 2011 -> 2015 (indices 2 and 0). */
static void history_open(history *h, int fail)
{
	memset(h, 0, sizeof(*h));
	h->versions[0] = info_2015;
	h->versions[1] = info_2013;
	h->versions[2] = info_2011;
	h->host.versions = h->versions;
	h->host.nversions = 3;
	h->host.cur_old = 2;
	h->host.cur_new = 0;
	h->host.load = fake_load;
	h->host.ud = h;
	h->fail = fail;
	pair_open(&h->next, old_text,
	          "Convention on incidents\n\n"
	          "1. States shall cooperate fully.\n",
	          &h->versions[2], &h->versions[1]);
}

static void history_close(history *h)
{
	pair_close(&h->next);
}

/* After `v`, Enter picks the current old (2011) and offers the current new
 * (2015); Down moves to 2013. */
#define PICK_2011_2013 "v<Enter><Down><Enter>"

static void test_versions_load(void **state)
{
	history h;
	char *picker, *s;

	(void)state;
	history_open(&h, 0);
	picker = screen(&basic.view, &h.host, 80, 24, "v<Enter>");
	assert_has(picker, "Pick the NEW version to compare with 2011");
	assert_int_equal(h.calls, 0);
	s = screen(&basic.view, &h.host, 80, 24, PICK_2011_2013);
	assert_int_equal(h.calls, 1);
	assert_int_equal(h.old, 2);
	assert_int_equal(h.new, 1);
	assert_line_has(s, HEADER, "2011 (A/66/359) → 2013");
	assert_line_has(s, FOOTER, "comparing 2011 with 2013");
	assert_has(s, "cooperate fully");
	free(picker);
	free(s);
	history_close(&h);
}

static void test_versions_load_fails(void **state)
{
	history h;
	char *s;

	(void)state;
	history_open(&h, 1);
	s = screen(&basic.view, &h.host, 80, 24, PICK_2011_2013);
	assert_int_equal(h.calls, 1);
	assert_line_has(s, FOOTER, "version 2013 is gone");
	assert_line_has(s, HEADER, "2011 (A/66/359) → 2015");
	assert_lacks(s, "cooperate fully");
	assert_has(s, "good faith");
	free(s);
	history_close(&h);
}

static void test_versions_same(void **state)
{
	history h;
	char *s;

	(void)state;
	history_open(&h, 0);
	/* 2011, then down twice from 2015 to 2011 again */
	s = screen(&basic.view, &h.host, 80, 24, "v<Enter><Down><Down><Enter>");
	assert_int_equal(h.calls, 0);
	assert_line_has(s, FOOTER, "pick two different versions");
	assert_line_has(s, HEADER, "2011 (A/66/359) → 2015");
	free(s);
	history_close(&h);
}

/* ---- the series views ---- */

/* Three versions: 2013 inserts a 2., renumbering the rest; 2015 rewords
 * the authorities and the reports. */
static const char *const chain_text[3] = {
	"Convention on incidents\n\n"
	"1. States shall cooperate in good faith.\n\n"
	"2. Each State shall designate a competent authority.\n\n"
	"3. This Convention applies to incidents at sea.\n\n"
	"4. Parties shall report to the secretariat annually.\n",
	"Convention on incidents\n\n"
	"1. States shall cooperate in good faith.\n\n"
	"2. States shall share information on incidents without delay.\n\n"
	"3. Each State shall designate one competent authority.\n\n"
	"4. This Convention applies to incidents at sea.\n\n"
	"5. Parties shall report to the secretariat annually.\n",
	"Convention on incidents\n\n"
	"1. States shall cooperate in good faith.\n\n"
	"2. States shall share information on incidents without delay.\n\n"
	"3. Each State shall designate one or more competent authorities.\n\n"
	"4. This Convention applies to incidents at sea.\n\n"
	"5. Parties shall report to the secretariat every two years.\n",
};

/* The store's history of those three, newest first as the host gives it
 * (2015, 2013, 2011), over a series oldest first; on screen 2013 -> 2015. */
typedef struct chain {
	nd_docinfo versions[3];  /* newest first */
	nd_doc *doc[3];          /* oldest first, as the series */
	nd_changeset *cs[3];     /* 0->1, 1->2, 0->2 */
	nd_series *series;
	nd_tui_host host;
	nd_tui_view view;
	int fail;                /* load_series fails */
	int wrong;               /* load_series gives a series of two */
	nd_series *two;          /* that one */
	int series_calls;
} chain;

static int chain_load(void *ud, size_t old, size_t new, nd_tui_view *view)
{
	chain *c = ud;
	size_t o = 2 - old, n = 2 - new; /* host -> series */

	memset(view, 0, sizeof(*view));
	view->old_info = &c->versions[old];
	view->new_info = &c->versions[new];
	if (o + 1 == n)
		view->cs = c->cs[o];
	else if (o == 0 && n == 2)
		view->cs = c->cs[2];
	else
		return nd_error_set(ND_EINVAL, "only older against newer");
	return 0;
}

static int chain_series(void *ud, const nd_series **out)
{
	chain *c = ud;

	c->series_calls++;
	if (c->fail)
		return nd_error_set(ND_ERR, "version 2013: the store is damaged");
	*out = c->wrong ? c->two : c->series;
	return 0;
}

static void chain_open(chain *c)
{
	const nd_changeset *pairs[2];
	size_t k;

	memset(c, 0, sizeof(*c));
	c->versions[0] = info_2015;
	c->versions[1] = info_2013;
	c->versions[2] = info_2011;
	for (k = 0; k < 3; k++)
		c->doc[k] = parse(chain_text[k]);
	for (k = 0; k < 3; k++)
		if (nd_changeset_compute(&c->cs[k], c->doc[k == 2 ? 0 : k],
		                         c->doc[k == 2 ? 2 : k + 1], NULL, NULL, NULL))
			fail_msg("compare: %s", nd_error_message());
	pairs[0] = c->cs[0];
	pairs[1] = c->cs[1];
	assert_int_equal(nd_series_new(&c->series, (const nd_doc *const *)c->doc,
	                               pairs, 3), 0);
	assert_int_equal(nd_series_new(&c->two, (const nd_doc *const *)c->doc,
	                               pairs, 2), 0);
	c->host.versions = c->versions;
	c->host.nversions = 3;
	c->host.cur_old = 1;
	c->host.cur_new = 0;
	c->host.load = chain_load;
	c->host.load_series = chain_series;
	c->host.ud = c;
	c->view.cs = c->cs[1];
	c->view.old_info = &c->versions[1];
	c->view.new_info = &c->versions[0];
}

static void chain_close(chain *c)
{
	size_t k;

	nd_series_free(c->series);
	nd_series_free(c->two);
	for (k = 0; k < 3; k++) {
		nd_changeset_free(c->cs[k]);
		nd_doc_free(c->doc[k]);
	}
}

static char *chain_screen(chain *c, unsigned cols, const char *keys)
{
	return screen(&c->view, &c->host, cols, 30, keys);
}

/* Where part first is in text, or fail. */
static size_t at(const char *text, const char *part)
{
	const char *p = strstr(text, part);

	if (!p)
		fail_msg("\"%s\" not in:\n%s", part, text);
	return p ? (size_t)(p - text) : 0;
}

/* The history of the last provision, "5." of 2015: oldest first, each
 * version named from the host's list (newest first) at its series index,
 * with the label it had there and the step into it. */
static void test_series_history_order(void **state)
{
	chain c;
	char *s;

	(void)state;
	chain_open(&c);
	s = chain_screen(&c, 100, "GH");
	assert_int_equal(c.series_calls, 1);
	assert_has(s, "History of 5. in 2015");
	assert_has(s, "1  2011 (A/66/359)  4.  first version\n");
	assert_has(s, "2  2013  5.  unchanged, renumbered  (old on screen)\n");
	assert_has(s, "3  2015  5.  modified  (new on screen)\n");
	assert_true(at(s, "1  2011") < at(s, "2  2013"));
	assert_true(at(s, "2  2013") < at(s, "3  2015"));
	assert_has(s, "report to the secretariat [-annually-]{+every two years+}.");
	free(s);
	/* the inserted 2. starts in 2013 */
	s = chain_screen(&c, 100, "jjH");
	assert_has(s, "History of 2. in 2015");
	assert_lacks(s, "2011 (A/66/359)  ");
	assert_has(s, "2  2013  2.  added  (old on screen)\n");
	free(s);
	chain_close(&c);
}

/* b: each run of words starts with the number of the version that brought
 * it; the series is loaded once. */
static void test_series_blame(void **state)
{
	chain c;
	char *s;

	(void)state;
	chain_open(&c);
	s = chain_screen(&c, 100, "jjjHb");
	assert_has(s, "History of 3. in 2015   blame:");
	assert_has(s, "¹Each State shall designate ²one ³or more ¹competent ");
	assert_line_has(s, FOOTER, "blame on");
	free(s);
	s = chain_screen(&c, 100, "jjjHbb");
	assert_lacks(s, "¹Each");
	assert_has(s, "designate one {+or more +}competent");
	assert_line_has(s, FOOTER, "blame off");
	assert_int_equal(c.series_calls, 2); /* one per replay */
	free(s);
	chain_close(&c);
}

/* Esc and q go back to the main view with the same provision selected;
 * the help opened in the history goes back to it. */
static void test_series_back(void **state)
{
	chain c;
	char *s;

	(void)state;
	chain_open(&c);
	s = chain_screen(&c, 100, "jjjH<Esc>");
	assert_position(s, "4/6");
	assert_lacks(s, "History of");
	free(s);
	s = chain_screen(&c, 100, "jjjHq");
	assert_position(s, "4/6");
	assert_lacks(s, "History of");
	free(s);
	s = chain_screen(&c, 100, "jjjH?<Dump>x");
	assert_has(s, "In the history of a provision (H):");
	assert_true(at(s, "In the history") < at(s, "next provision"));
	assert_has(s, "-- screen 2 of 2");
	assert_has(s, "History of 3. in 2015");
	free(s);
	chain_close(&c);
}

/* S: one column per version, at least 24 columns each, the selected row
 * the provision of the main view; Left and Right scroll sideways; Enter
 * opens the row's history, Esc comes back to the synopsis. */
static void test_series_synopsis(void **state)
{
	chain c;
	char *s;

	(void)state;
	chain_open(&c);
	s = chain_screen(&c, 100, "GS");
	assert_has(s, "Synopsis: 6 rows, versions 1-3 of 3");
	assert_has(s, "1 2011 (A/66/359)");
	assert_has(s, "+ 2. States shall share");
	assert_has(s, "~ 5. Parties shall report");
	free(s);
	/* 50 columns hold two: the new version on screen and the one before */
	s = chain_screen(&c, 50, "S<Dump><Left><Dump><Left><Dump><Right><Right>");
	assert_has(s, "-- screen 1 of 4 (50x30) --\n"
	           " normdiff  2013 → 2015\n");
	assert_true(at(s, "versions 2-3 of 3   ← older") < at(s, "screen 2 of 4"));
	assert_true(at(s, "versions 1-2 of 3   newer →") < at(s, "screen 3 of 4"));
	assert_has(s, "the oldest version is on screen");
	assert_has(s, "the newest version is on screen");
	free(s);
	s = chain_screen(&c, 100, "S<Down><Down><Down><Enter><Dump><Esc>");
	assert_has(s, "History of 3. in 2015");
	assert_has(s, "Synopsis: 6 rows");
	free(s);
	chain_close(&c);
}

/* The picker loads 2011 -> 2013 (versions 1 and 2 of 3) and keeps the
 * provision selected: 5. of 2015 is 4. of 2011, though its row index is
 * not the same. */
static void test_series_pick_follows(void **state)
{
	chain c;
	char *s;

	(void)state;
	chain_open(&c);
	s = chain_screen(&c, 100, "Gv<Down><Enter><Down><Enter>");
	assert_line_has(s, HEADER, "2011 (A/66/359) → 2013");
	assert_line_has(s, FOOTER, "comparing 2011 with 2013");
	assert_has(s, "4. → 5.  unchanged");
	assert_position(s, "6/6");
	free(s);
	s = chain_screen(&c, 100, "jjjv<Down><Enter><Down><Enter>");
	assert_has(s, "2. → 3.  modified");
	assert_position(s, "4/6");
	free(s);
	chain_close(&c);
}

/* The wheel scrolls the history three lines and moves the synopsis'
 * selection three rows; a click there does nothing. */
static void test_series_wheel(void **state)
{
	chain c;
	char *s;

	(void)state;
	chain_open(&c);
	s = screen(&c.view, &c.host, 80, 10, "jjjH<Dump><WheelDown 5 5><Dump>"
	           "<WheelUp 5 5><Click 5 5>");
	assert_has(s, " lines 1-5 of 9\n");
	assert_true(at(s, " lines 4-8 of 9\n") > at(s, "screen 2 of 3"));
	assert_has(s + at(s, "screen 3 of 3"), " lines 1-5 of 9\n");
	assert_has(s + at(s, "screen 3 of 3"), "History of 3.");
	free(s);
	/* rows: the title, 1., 2. (added in 2013), 3. ... */
	s = screen(&c.view, &c.host, 100, 24, "S<WheelDown 5 5><Enter>");
	assert_has(s, "History of 3. in 2015");
	free(s);
	chain_close(&c);
}

/* The terminal says it is comparing before H, S or a pick would load the
 * series, and only then. */
static void test_series_busy(void **state)
{
	chain c;
	tui_model m;
	tui_event e;

	(void)state;
	chain_open(&c);
	memset(&e, 0, sizeof(e));
	assert_int_equal(model_init(&m, &c.view, &c.host, NULL, 100, 30), 0);
	assert_true(series_busy(&m, 'H'));
	assert_true(series_busy(&m, 'S'));
	assert_false(series_busy(&m, 'j'));
	e.key = 'v';
	assert_int_equal(model_event(&m, &e), 0);
	assert_false(series_busy(&m, TK_ENTER)); /* picking the old one */
	e.key = TK_ENTER;
	assert_int_equal(model_event(&m, &e), 0);
	assert_true(series_busy(&m, TK_ENTER));
	assert_false(series_busy(&m, TK_DOWN));
	e.key = TK_ESC;
	assert_int_equal(model_event(&m, &e), 0);
	e.key = 'S';
	assert_int_equal(model_event(&m, &e), 0);
	assert_int_equal(c.series_calls, 1);
	assert_false(series_busy(&m, 'H')); /* loaded */
	model_dispose(&m);
	assert_int_equal(model_init(&m, &c.view, NULL, NULL, 100, 30), 0);
	assert_false(series_busy(&m, 'H')); /* files */
	model_dispose(&m);
	chain_close(&c);
}

/* Versions from files: no series; the keys say why, and nothing breaks. */
static void test_series_none(void **state)
{
	chain c;
	char *s;

	(void)state;
	chain_open(&c);
	s = screen(&c.view, NULL, 80, 24, "jH");
	assert_line_has(s, FOOTER, "history needs versions from the store");
	assert_position(s, "2/6");
	free(s);
	s = screen(&c.view, NULL, 80, 24, "S<Left><Enter>b");
	assert_lacks(s, "Synopsis");
	free(s);
	chain_close(&c);
}

static void test_series_fails(void **state)
{
	chain c;
	char *s;

	(void)state;
	chain_open(&c);
	c.fail = 1;
	s = chain_screen(&c, 100, "H");
	assert_line_has(s, FOOTER, "version 2013: the store is damaged");
	assert_lacks(s, "History of");
	free(s);
	/* the picker still works, without following the provision */
	s = chain_screen(&c, 100, "Gv<Down><Enter><Down><Enter>");
	assert_line_has(s, FOOTER, "comparing 2011 with 2013");
	free(s);
	chain_close(&c);
}

/* A series that is not of the host's versions is refused, not read. */
static void test_series_mismatch(void **state)
{
	chain c;
	char *s;

	(void)state;
	chain_open(&c);
	c.wrong = 1;
	s = chain_screen(&c, 100, "S");
	assert_line_has(s, FOOTER, "the series does not hold the versions");
	free(s);
	c.wrong = 0;
	/* a comparison on screen that is not of the series' texts */
	c.view.cs = basic.cs;
	s = chain_screen(&c, 100, "H");
	assert_line_has(s, FOOTER, "the versions on screen are not those");
	free(s);
	chain_close(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flow_controls),
		cmocka_unit_test(test_flow_bidi),
		cmocka_unit_test(test_flow_invalid_utf8),
		cmocka_unit_test(test_flow_wide),
		cmocka_unit_test(test_flow_combining),
		cmocka_unit_test(test_flow_width),
		cmocka_unit_test(test_wrap_spaces),
		cmocka_unit_test(test_wrap_long_word),
		cmocka_unit_test(test_wrap_wide),
		cmocka_unit_test(test_wrap_empty),
		cmocka_unit_test(test_wrap_any_width),
		cmocka_unit_test(test_mark_matches),
		cmocka_unit_test(test_mark_across_adds),
		cmocka_unit_test(test_mark_empty_matches),
		cmocka_unit_test(test_mark_match_limit),
		cmocka_unit_test(test_put_wide_edge),
		cmocka_unit_test(test_line_ellipsis),
		cmocka_unit_test(test_dump_plain),
		cmocka_unit_test(test_dump_styles),
		cmocka_unit_test(test_script_parse),
		cmocka_unit_test(test_script_errors),
		cmocka_unit_test(test_actions),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_help_views),
		cmocka_unit_test(test_hints),
		cmocka_unit_test(test_screen_size),
		cmocka_unit_test(test_screen_next),
		cmocka_unit_test(test_screen_search_nothing),
		cmocka_unit_test(test_screen_search_invalid),
		cmocka_unit_test(test_screen_filter),
		cmocka_unit_test(test_screen_filter_skips_empty),
		cmocka_unit_test(test_screen_edits),
		cmocka_unit_test(test_screen_old_place_not_moved),
		cmocka_unit_test(test_screen_no_history),
		cmocka_unit_test(test_screen_resize),
		cmocka_unit_test(test_screen_quit),
		cmocka_unit_test(test_screen_escapes),
		cmocka_unit_test(test_screen_wrap_edits),
		cmocka_unit_test(test_screen_tall),
		cmocka_unit_test(test_versions_load),
		cmocka_unit_test(test_versions_load_fails),
		cmocka_unit_test(test_versions_same),
		cmocka_unit_test(test_series_history_order),
		cmocka_unit_test(test_series_blame),
		cmocka_unit_test(test_series_back),
		cmocka_unit_test(test_series_synopsis),
		cmocka_unit_test(test_series_pick_follows),
		cmocka_unit_test(test_series_wheel),
		cmocka_unit_test(test_series_busy),
		cmocka_unit_test(test_series_none),
		cmocka_unit_test(test_series_fails),
		cmocka_unit_test(test_series_mismatch),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
