/* wrap.c - words wrapped to a width for the terminal, shared by the text
 * formats (report_text.c, the history and synopsis texts).
 *
 * Wrapping is at spaces, and around East Asian wide characters (written
 * without spaces; never before closing or after opening CJK punctuation),
 * to `width` display columns (wide characters count two, combining marks
 * none), with a hanging indent; a word longer than the line stands alone
 * on it, and an indent too deep for a word gives way. Edit markers stick
 * to the text they mark. Colour codes are closed at every line end and
 * reopened after the indent, so each line stands alone in a pager.
 *
 * Text fed here is already escaped (nd_utf8_escape), so it holds no
 * control bytes: the word buffer uses bytes 0x01-0x04 to mark style
 * changes, and GLUE for a space that does not break ("7 unchanged")
 * unless the glued words are wider than the line.
 *
 * With colour, a deletion and an insertion that touch ("[-through-]{+use+}"
 * in plain text) are kept apart by one uncoloured space that does not
 * break: on a terminal without strike-through the two would otherwise
 * read as one word ("throughuse"). The space is a boundary, not text of
 * either side; without colour the markers are the boundary.
 */
#include <string.h>

#include "normdiff/utf8.h"
#include "report_internal.h"

static const char *const sgr_on[ST_N] = {"", "\x1b[31;9m", "\x1b[32m",
                                         "\x1b[1m"};
#define SGR_OFF "\x1b[0m"
#define ST_BYTE(s) ((char)(1 + (s)))


static void w_put(rpt_wrap *w, const char *s, size_t len)
{
	if (!w->err)
		w->err = nd_buf_put(w->out, s, len);
}

static void w_set_style(rpt_wrap *w, int s)
{
	if (!w->color || s == w->cur)
		return;
	if (w->cur != ST_PLAIN)
		w_put(w, SGR_OFF, strlen(SGR_OFF));
	if (s != ST_PLAIN)
		w_put(w, sgr_on[s], strlen(sgr_on[s]));
	w->cur = s;
}

static void w_spaces(rpt_wrap *w, size_t n)
{
	while (n-- && !w->err)
		w->err = nd_buf_putc(w->out, ' ');
}

/* Begin a line whose first `col` columns the caller has written; `lead`
 * says they end in something a word may be pushed away from (a label). */
void wrap_start(rpt_wrap *w, nd_buf *out, unsigned width, int color,
                    int collapse, size_t col, size_t indent, int lead)
{
	w->out = out;
	w->width = width;
	w->color = color;
	w->collapse = collapse;
	w->col = col;
	w->indent = indent;
	w->words = lead;
	w->nsep = lead ? 1 : 0;
	w->sep_style = ST_PLAIN;
	w->cur = w->style = w->word_style = ST_PLAIN;
	w->wordw = 0;
	w->brk = w->nobreak = 0;
	w->edge = ST_PLAIN;
	nd_buf_clear(&w->word);
}

/* Break the line before the pending word. The indent gives way when the
 * word would not fit after it (narrow widths). */
static void w_newline(rpt_wrap *w)
{
	size_t indent = w->indent;

	if (w->width && indent + w->wordw > w->width)
		indent = w->wordw < w->width ? w->width - w->wordw : 0;
	w_set_style(w, ST_PLAIN);
	w_put(w, "\n", 1);
	w_spaces(w, indent);
	w->col = indent;
	w->words = 0;
}

static void w_flush_word(rpt_wrap *w);

/* Columns of a gathered word (style bytes take none, GLUE one). */
static size_t word_width(const char *s, size_t len)
{
	size_t i = 0, w = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x20) {
			w += s[i] == GLUE[0];
			i++;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		w += n ? nd_utf8_cp_width(cp) : 1;
		i += n ? n : 1;
	}
	return w;
}

/* A glued word wider than the line: its glue becomes plain spaces. */
static void w_unglue(rpt_wrap *w)
{
	nd_buf whole = w->word;
	size_t i = 0, end;
	int style = w->word_style;

	nd_buf_init(&w->word);
	while (i <= whole.len && !w->err) {
		end = i;
		while (end < whole.len && whole.ptr[end] != GLUE[0])
			end++;
		if (!w->err)
			w->err = nd_buf_put(&w->word, whole.ptr + i, end - i);
		w->wordw = word_width(whole.ptr + i, end - i);
		w->word_style = style;
		for (; i < end; i++)
			if ((unsigned char)whole.ptr[i] < 0x20)
				style = whole.ptr[i] - 1;
		w_flush_word(w);
		w->nsep = 1;
		w->sep_style = style;
		i = end + 1;
	}
	w->nsep = 0;
	nd_buf_dispose(&whole);
}

static void w_flush_word(rpt_wrap *w)
{
	size_t i, run;

	if (!w->word.len)
		return;
	if (w->width && w->wordw > w->width &&
	    memchr(w->word.ptr, GLUE[0], w->word.len)) {
		w_unglue(w);
		return;
	}
	if (w->width && w->words &&
	    w->col + w->nsep + w->wordw > w->width)
		w_newline(w);
	if (w->words && w->nsep) {
		w_set_style(w, w->sep_style);
		w_spaces(w, w->nsep);
		w->col += w->nsep;
	}
	w_set_style(w, w->word_style);
	for (i = 0; i < w->word.len; i = run) {
		if (w->word.ptr[i] == GLUE[0]) {
			w_put(w, " ", 1);
			run = i + 1;
			continue;
		}
		if ((unsigned char)w->word.ptr[i] < 0x20) {
			w_set_style(w, w->word.ptr[i] - 1);
			run = i + 1;
			continue;
		}
		for (run = i; run < w->word.len &&
		              (unsigned char)w->word.ptr[run] >= 0x20; run++)
			;
		w_put(w, w->word.ptr + i, run - i);
	}
	w->col += w->wordw;
	w->words++;
	w->nsep = 0;
	w->wordw = 0;
	nd_buf_clear(&w->word);
}

void wrap_style(rpt_wrap *w, int s)
{
	if (w->brk)
		w_flush_word(w);
	if (w->word.len && !w->err)
		w->err = nd_buf_putc(&w->word, ST_BYTE(s));
	w->style = s;
}

/* CJK punctuation a line must not start with, or end with. */
static int no_break_before(uint32_t cp)
{
	return cp == 0x3001 || cp == 0x3002 || cp == 0x3009 || cp == 0x300B ||
	       cp == 0x300D || cp == 0x300F || cp == 0x3011 || cp == 0xFF01 ||
	       cp == 0xFF09 || cp == 0xFF0C || cp == 0xFF0E || cp == 0xFF1A ||
	       cp == 0xFF1B || cp == 0xFF1F;
}

static int no_break_after(uint32_t cp)
{
	return cp == 0x3008 || cp == 0x300A || cp == 0x300C || cp == 0x300E ||
	       cp == 0x3010 || cp == 0xFF08;
}

/* Feed already escaped text. */
void wrap_feed(rpt_wrap *w, const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;
	unsigned cw;

	if (len)
		w->edge = ST_PLAIN;
	while (i < len && !w->err) {
		if (s[i] == ' ') {
			w_flush_word(w);
			if (!w->nsep)
				w->sep_style = w->style;
			if (!w->collapse || !w->nsep)
				w->nsep++;
			w->brk = w->nobreak = 0;
			i++;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			/* ASCII is a column a byte, and a run of it breaks only
			 * before it (after a wide character) or at a space: the run
			 * up to the next space joins the word at once */
			size_t j = i + 1;

			if (w->word.len && !w->nobreak && w->brk)
				w_flush_word(w);
			if (!w->word.len)
				w->word_style = w->style;
			while (j < len && (unsigned char)s[j] < 0x80 && s[j] != ' ')
				j++;
			w->wordw += j - i;
			w->brk = w->nobreak = 0;
			w->err = nd_buf_put(&w->word, s + i, j - i);
			i = j;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		cw = n ? nd_utf8_cp_width(cp) : 1;
		if (w->word.len && !w->nobreak &&
		    (w->brk || (cw == 2 && !no_break_before(cp))))
			w_flush_word(w); /* a break without a space */
		if (!w->word.len)
			w->word_style = w->style;
		w->wordw += cw;
		w->brk = cw == 2 && !no_break_after(cp);
		w->nobreak = 0;
		n = n ? n : 1;
		w->err = nd_buf_put(&w->word, s + i, n);
		i += n;
	}
}

/* An edit marker: it opens or closes the text it marks and sticks to it. */
void wrap_mark(rpt_wrap *w, const char *m, int open)
{
	if (open && w->brk)
		w_flush_word(w);
	if (!w->word.len)
		w->word_style = w->style;
	if (!w->err)
		w->err = nd_buf_puts(&w->word, m);
	w->wordw += strlen(m);
	if (open) {
		w->brk = 0;
		w->nobreak = 1;
	}
}

void wrap_feeds(rpt_wrap *w, const char *s)
{
	wrap_feed(w, s, strlen(s));
}

int wrap_end(rpt_wrap *w)
{
	w_flush_word(w);
	w_set_style(w, ST_PLAIN);
	w_put(w, "\n", 1);
	return w->err;
}


/* An edit (kind DELETE or INSERT; EQUAL is fed as is) of escaped text:
 * with colour in its style, else between [-..-] or {+..+}; spaces at its
 * edges go outside the markers, and an edit of spaces alone is shown as
 * "␣" so that it is visible. */
void wrap_edit(rpt_wrap *w, nd_op_kind kind, const char *s, size_t len)
{
	size_t lead = 0, trail = 0;
	int style = kind == ND_OP_DELETE ? ST_DEL : ST_INS, edge = w->edge;

	if (kind == ND_OP_EQUAL) {
		wrap_feed(w, s, len);
		return;
	}
	while (lead < len && s[lead] == ' ')
		lead++;
	if (len && lead == len) {
		s = "\xE2\x90\xA3";
		len = strlen(s);
		lead = 0;
	}
	while (trail < len - lead && s[len - 1 - trail] == ' ')
		trail++;
	if (lead)
		wrap_feeds(w, " ");
	if (lead + trail < len) {
		if (w->color && !lead && edge != ST_PLAIN && edge != style)
			wrap_mark(w, GLUE, 0); /* the boundary, uncoloured */
		if (w->color)
			wrap_style(w, style);
		else
			wrap_mark(w, style == ST_DEL ? "[-" : "{+", 1);
		wrap_feed(w, s + lead, len - lead - trail);
		if (w->color)
			wrap_style(w, ST_PLAIN);
		else
			wrap_mark(w, style == ST_DEL ? "-]" : "+}", 0);
	}
	if (trail)
		wrap_feeds(w, " ");
	else if (lead + trail < len)
		w->edge = style;
}

void wrap_dispose(rpt_wrap *w)
{
	nd_buf_dispose(&w->word);
}
