/* keys.c - the one table of key bindings (after tig's keymaps): the main
 * view's actions, the help screen and the footer hints all come from it,
 * so they cannot disagree. Also the key scripts nd_tui_dump replays.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/utf8.h"
#include "tui_internal.h"

typedef struct binding {
	int keys[4];       /* the keys, 0-terminated */
	const char *names; /* as the help shows them */
	const char *hint;  /* the footer's word for it, or NULL */
	const char *help;  /* what it does */
	tui_action act;    /* the action */
	int text;          /* 1: its hint only while the text has focus */
} binding;

static const binding bindings[] = {
	{{'j', TK_DOWN}, "j ↓", NULL,
	 "next provision (in the text: scroll down)", ACT_DOWN, 0},
	{{'k', TK_UP}, "k ↑", NULL,
	 "previous provision (in the text: scroll up)", ACT_UP, 0},
	{{TK_PGDN, ' ', TK_CTRL('f')}, "PgDn Space", NULL,
	 "a page down (in the text: scroll a page)", ACT_PGDN, 0},
	{{TK_PGUP, 'b', TK_CTRL('b')}, "PgUp b", NULL,
	 "a page up (in the text: scroll back)", ACT_PGUP, 0},
	{{'g', TK_HOME}, "g Home", NULL, "first provision (in the text: top)",
	 ACT_TOP, 0},
	{{'G', TK_END}, "G End", NULL, "last provision (in the text: end)",
	 ACT_BOTTOM, 0},
	{{'n'}, "n", "next", "next change, skipping unchanged provisions; "
	 "during a search, the next match", ACT_NEXT, 0},
	{{'N'}, "N", NULL, "previous change; during a search, the previous match",
	 ACT_PREV, 0},
	{{']'}, "]", "edit", "next word edit in the provision's text (focus the text)", ACT_NEXT_EDIT, 1},
	{{'['}, "[", NULL, "previous word edit", ACT_PREV_EDIT, 0},
	{{'o'}, "o", NULL, "moved (↕): go to its old place; o again: back", ACT_OLD_PLACE, 0},
	{{TK_TAB, TK_BTAB}, "Tab", "focus",
	 "move the focus between the outline and the text", ACT_FOCUS, 0},
	{{TK_ENTER, 'l', TK_RIGHT}, "Enter", "open",
	 "open the provision across the screen", ACT_OPEN, 0},
	{{TK_ESC, 'h', TK_LEFT, TK_BS}, "Esc", NULL,
	 "back: close the provision, or end the search", ACT_BACK, 0},
	{{'s'}, "s", "redline", "side by side <-> inline redline", ACT_MODE, 0},
	{{'f'}, "f", "filter", "filter: all, changed, each kind, moved", ACT_FILTER, 0},
	{{'/'}, "/", "search",
	 "search with a regular expression (lower case: any case)", ACT_SEARCH, 0},
	{{'v'}, "v", "versions", "pick two versions from the store's history",
	 ACT_VERSIONS, 0},
	{{'H'}, "H", "history", "the provision's history, version by version (store)", ACT_HISTORY, 0},
	{{'S'}, "S", "synopsis", "synopsis: every provision, a column per version", ACT_SYNOPSIS, 0},
	{{'?'}, "?", "help", "this help", ACT_HELP, 0},
	{{'q', TK_CTRL('c')}, "q", "quit", "quit", ACT_QUIT, 0},
	{{TK_CTRL('l')}, "Ctrl-L", NULL, "redraw the screen", ACT_REDRAW, 0},
	{{TK_CTRL('z')}, "Ctrl-Z", NULL, "suspend (the shell's fg resumes)",
	 ACT_SUSPEND, 0},
};

#define NBINDINGS (sizeof(bindings) / sizeof(bindings[0]))

/* The history view (H): the text scrolls; b is the blame, not a page up. */
static const binding history_bindings[] = {
	{{'j', TK_DOWN}, "j ↓", NULL, "scroll down", ACT_DOWN, 0},
	{{'k', TK_UP}, "k ↑", NULL, "scroll up", ACT_UP, 0},
	{{TK_PGDN, ' ', TK_CTRL('f')}, "PgDn Space", NULL, "a page down", ACT_PGDN, 0},
	{{TK_PGUP, TK_CTRL('b')}, "PgUp", NULL, "a page up", ACT_PGUP, 0},
	{{'g', TK_HOME}, "g Home", NULL, "the oldest version", ACT_TOP, 0},
	{{'G', TK_END}, "G End", NULL, "the newest version", ACT_BOTTOM, 0},
	{{'b'}, "b", "blame", "blame on/off: which version brought each word", ACT_BLAME, 0},
	{{TK_ESC, 'q', 'h', TK_BS}, "Esc q", "back",
	 "back to where you were, the same provision selected", ACT_BACK, 0},
	{{'?'}, "?", "help", "this help", ACT_HELP, 0},
	{{TK_CTRL('c')}, "Ctrl-C", NULL, "quit", ACT_QUIT, 0},
};

/* The synopsis (S): rows are strands of provisions, columns versions. */
static const binding synopsis_bindings[] = {
	{{'j', TK_DOWN}, "j ↓", NULL, "next row", ACT_DOWN, 0},
	{{'k', TK_UP}, "k ↑", NULL, "previous row", ACT_UP, 0},
	{{TK_PGDN, ' ', TK_CTRL('f')}, "PgDn Space", NULL, "a page down", ACT_PGDN, 0},
	{{TK_PGUP, 'b', TK_CTRL('b')}, "PgUp b", NULL, "a page up", ACT_PGUP, 0},
	{{'g', TK_HOME}, "g Home", NULL, "first row", ACT_TOP, 0},
	{{'G', TK_END}, "G End", NULL, "last row", ACT_BOTTOM, 0},
	{{TK_LEFT, '<', 'h'}, "← < h", NULL, "older versions (sideways)",
	 ACT_LEFT, 0},
	{{TK_RIGHT, '>', 'l'}, "→ > l", "versions", "newer versions (sideways)",
	 ACT_RIGHT, 0},
	{{TK_ENTER}, "Enter", "history", "the history of the row's provision",
	 ACT_OPEN, 0},
	{{TK_ESC, 'q', TK_BS}, "Esc q", "back",
	 "back to where you were, the same provision selected", ACT_BACK, 0},
	{{'?'}, "?", "help", "this help", ACT_HELP, 0},
	{{TK_CTRL('c')}, "Ctrl-C", NULL, "quit", ACT_QUIT, 0},
};

static const struct {
	const binding *b;  /* the table */
	size_t n;          /* its bindings */
	const char *title; /* its heading in the help */
} views[] = {
	[VIEW_MAIN] = {bindings, NBINDINGS, NULL},
	[VIEW_HISTORY] = {history_bindings,
	                  sizeof(history_bindings) / sizeof(binding),
	                  "In the history of a provision (H):"},
	[VIEW_SYNOPSIS] = {synopsis_bindings,
	                   sizeof(synopsis_bindings) / sizeof(binding),
	                   "In the synopsis (S):"},
};

tui_action keys_view_action(int view, int k)
{
	const binding *b = views[view].b;
	size_t i, j;

	for (i = 0; i < views[view].n; i++)
		for (j = 0; j < 4 && b[i].keys[j]; j++)
			if (b[i].keys[j] == k)
				return b[i].act;
	return ACT_NONE;
}

tui_action keys_action(int k)
{
	return keys_view_action(VIEW_MAIN, k);
}

/* "names       what it does", the names padded to 12 columns. */
static int help_line(nd_buf *out, const char *names, const char *help)
{
	size_t w = nd_utf8_count(names, strlen(names));

	return nd_buf_printf(out, "%s%*s %s\n", names, w < 12 ? (int)(12 - w) : 0,
	                     "", help);
}

int keys_help(nd_buf *out, int view)
{
	size_t i;
	int err = 0;

	if (views[view].title)
		err = nd_buf_printf(out, "%s\n", views[view].title);
	for (i = 0; i < views[view].n && !err; i++)
		err = help_line(out, views[view].b[i].names, views[view].b[i].help);
	if (!err && view == VIEW_MAIN)
		err = help_line(out, "mouse", "wheel scrolls, a click selects a "
		                "provision");
	return err;
}

/* The key a hint names: the first of its names ("Esc q" -> "Esc"). */
static const char *hint_key(const binding *b, char *buf, size_t size)
{
	size_t n = strcspn(b->names, " ");

	if (b->act == ACT_NEXT)
		return "n/N";
	if (b->act == ACT_NEXT_EDIT)
		return "]/[";
	if (b->act == ACT_RIGHT)
		return "←/→";
	snprintf(buf, size, "%.*s", (int)n, b->names);
	return buf;
}

/* The width of a binding's footer hint, " key hint ", or 0 if it has none. */
static size_t hint_width(const binding *b)
{
	char buf[32];
	const char *key = hint_key(b, buf, sizeof(buf));

	if (!b->hint)
		return 0;
	return 3 + nd_utf8_count(key, strlen(key)) + strlen(b->hint);
}

static int view_hints(tui_flow *f, int view, unsigned width, int text);

/* "? help" and "q quit" are kept on any footer that has room for them;
 * the other hints, in table order, take what is left. */
static int essential(const binding *b)
{
	return b->act == ACT_HELP || b->act == ACT_QUIT || b->act == ACT_BACK;
}

int keys_hints(tui_flow *f, unsigned width, int text)
{
	return view_hints(f, VIEW_MAIN, width, text);
}

int keys_view_hints(tui_flow *f, int view, unsigned width)
{
	return view_hints(f, view, width, 0);
}

static int view_hints(tui_flow *f, int view, unsigned width, int text)
{
	const binding *b = views[view].b;
	size_t i, used = 0, reserve = 0, w, n = views[view].n;
	int err = 0, full = 0;
	char buf[32];

	for (i = 0; i < n; i++)
		if (essential(&b[i]))
			reserve += hint_width(&b[i]);
	for (i = 0; i < n && !err; i++) {
		const char *key = hint_key(&b[i], buf, sizeof(buf));

		if ((w = hint_width(&b[i])) == 0 || (b[i].text && !text))
			continue;
		if (essential(&b[i])) {
			reserve -= w;
			if (used + w > width)
				break;
		} else if (full || used + w + reserve > width) {
			full = 1; /* whole hints only, and none after one left out */
			continue;
		}
		used += w;
		err = flow_addz(f, " ", TS_BAR);
		err = err ? err : flow_addz(f, key, TS_KEY);
		err = err ? err : flow_addz(f, " ", TS_BAR);
		err = err ? err : flow_addz(f, b[i].hint, TS_BAR);
		err = err ? err : flow_addz(f, " ", TS_BAR);
	}
	return err;
}

/* ---- key scripts ---- */

static const struct {
	const char *name; /* between < and > */
	int key;          /* the key */
} named[] = {
	{"Up", TK_UP}, {"Down", TK_DOWN}, {"Left", TK_LEFT}, {"Right", TK_RIGHT},
	{"PgUp", TK_PGUP}, {"PgDn", TK_PGDN}, {"Home", TK_HOME}, {"End", TK_END},
	{"Enter", TK_ENTER}, {"Tab", TK_TAB}, {"BTab", TK_BTAB}, {"Esc", TK_ESC},
	{"BS", TK_BS}, {"Space", ' '}, {"lt", '<'}, {"Dump", TK_DUMP},
};

/* "<Resize 80x24>", "<Click 10 5>", "<WheelUp 10 5>", "<C-l>" or a name. */
static int parse_named(tui_event *e, const char *s, size_t len)
{
	char name[32];
	size_t k;

	if (len >= sizeof(name))
		return -1;
	memcpy(name, s, len);
	name[len] = '\0';
	memset(e, 0, sizeof(*e));
	for (k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
		if (!strcmp(name, named[k].name)) {
			e->key = named[k].key;
			return 0;
		}
	}
	if (len == 3 && name[0] == 'C' && name[1] == '-' && name[2] >= 'a' &&
	    name[2] <= 'z') {
		e->key = TK_CTRL(name[2]);
		return 0;
	}
	if (sscanf(name, "Resize %ux%u", &e->cols, &e->rows) == 2) {
		e->key = TK_RESIZE;
		return 0;
	}
	if (sscanf(name, "Click %u %u", &e->x, &e->y) == 2)
		e->key = TK_CLICK;
	else if (sscanf(name, "WheelUp %u %u", &e->x, &e->y) == 2)
		e->key = TK_WHEEL_UP;
	else if (sscanf(name, "WheelDown %u %u", &e->x, &e->y) == 2)
		e->key = TK_WHEEL_DOWN;
	else
		return -1;
	return 0;
}

int keys_script(tui_event **out, size_t *n, const char *script)
{
	size_t len = strlen(script), i = 0, cap = 0, step;
	tui_event *ev = NULL, e;
	uint32_t cp;

	*out = NULL;
	*n = 0;
	while (i < len) {
		memset(&e, 0, sizeof(e));
		if (script[i] == '<') {
			const char *close = strchr(script + i, '>');

			if (!close || parse_named(&e, script + i + 1,
			                          (size_t)(close - script) - i - 1)) {
				free(ev);
				*n = 0;
				return nd_error_set(ND_EINVAL, "key script: unknown key at "
				                    "character %zu; use a character, <lt> for "
				                    "'<', or a name such as <Down> or <Enter> "
				                    "(docs/tui.md)", nd_utf8_count(script, i) + 1);
			}
			step = (size_t)(close - script) - i + 1;
		} else {
			step = nd_utf8_decode(script + i, len - i, &cp);
			if (!step) {
				free(ev);
				*n = 0;
				return nd_error_set(ND_EINVAL, "key script: not UTF-8 at "
				                    "byte %zu", i + 1);
			}
			e.key = (int)cp;
		}
		i += step;
		if (nd_vec_reserve((void **)&ev, &cap, *n + 1, sizeof(*ev))) {
			free(ev);
			*n = 0;
			return nd_error_oom();
		}
		ev[(*n)++] = e;
	}
	*out = ev;
	return 0;
}
