/* escape.c - draft text made inert for HTML and Markdown, shared by the
 * report formats and the series reports. (The terminal's escaping is
 * nd_utf8_escape, JSON's nd_json_string.)
 */
#include <string.h>

#include "normdiff/utf8.h"
#include "report_internal.h"

/* One character that cannot be written as itself: an entity for the
 * markup characters, else its visible form (nd_utf8_visible, bad bytes
 * as <0xFF>) as on a terminal; with `markup` set apart in a span so a
 * literal "^[" in a draft is not taken for one, without it (the <title>,
 * which is text only) as plain escaped text. */
static int html_special(nd_buf *out, const char *s, size_t n, uint32_t cp,
                        int markup)
{
	char form[ND_UTF8_VISIBLE_MAX];
	const char *p;
	int err;

	if (n) {
		switch (cp) {
		case '&': return nd_buf_puts(out, "&amp;");
		case '<': return nd_buf_puts(out, "&lt;");
		case '>': return nd_buf_puts(out, "&gt;");
		case '"': return nd_buf_puts(out, "&quot;");
		case '\'': return nd_buf_puts(out, "&#39;");
		}
		nd_utf8_visible(form, cp);
	} else {
		nd_utf8_visible_byte(form, (unsigned char)s[0]);
	}
	err = markup ? nd_buf_puts(out, "<span class=\"cc\">") : 0;
	for (p = form; *p && !err; p++)
		err = *p == '<' ? nd_buf_puts(out, "&lt;")
		    : *p == '>' ? nd_buf_puts(out, "&gt;") : nd_buf_putc(out, *p);
	return err || !markup ? err : nd_buf_puts(out, "</span>");
}

/* Bytes HTML text takes as they are, without decoding: printable ASCII
 * but the five markup characters. */
static const unsigned char html_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

/* A word of eight bytes HTML text takes as they are. */
static int html_clean(uint64_t w)
{
	return !(nd_word_unprintable(w) | nd_word_has(w, '&') |
	         nd_word_has(w, '<') | nd_word_has(w, '>') |
	         nd_word_has(w, '"') | nd_word_has(w, '\''));
}

/* Append s[0..len) as HTML text, safe in content and in quoted
 * attributes alike; `markup` as for html_special. Clean words are
 * skipped whole and copied with the run they are in. */
int rpt_html_escape(nd_buf *out, const char *s, size_t len, int markup)
{
	size_t i = 0, from = 0, end, n;
	uint32_t cp = 0;
	int err = 0;

	while (!err) {
		while (i + 8 <= len && html_clean(nd_word_load(s + i)))
			i += 8;
		end = i + 8 <= len ? i + 8 : len;
		while (i < end && html_plain[(unsigned char)s[i]])
			i++;
		if (i == end) {
			if (end == len)
				break;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (n && (unsigned char)s[i] >= 0x80 && !nd_utf8_is_unsafe(cp)) {
			i += n;
			continue;
		}
		err = nd_buf_put(out, s + from, i - from);
		if (!err)
			err = html_special(out, s + i, n, cp, markup);
		i += n ? n : 1;
		from = i;
	}
	return err ? err : nd_buf_put(out, s + from, i - from);
}

static int is_alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	       (c >= 'a' && c <= 'z');
}

/* "www." starting a word at s[i - 3]. */
static int after_www(const char *s, size_t i)
{
	size_t k;

	if (i < 3)
		return 0;
	for (k = i - 3; k < i; k++)
		if (s[k] != 'w' && s[k] != 'W')
			return 0;
	return i == 3 || !is_alnum(s[i - 4]);
}

/* What Markdown might act on: 1 for the characters always escaped
 * (\\ ` * _ [ ] < > | ~ & # @), 2 for the two escaped only where they
 * would make a link (":" of "://", "." after "www"), 0 for the rest. */
static const unsigned char md_class[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 1, 0, 1, 0,
	1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 1,
	1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

int rpt_md_text(nd_buf *out, nd_buf *e, const char *raw, size_t len,
                int *line_start)
{
	const char *s = raw;
	size_t i, n = len, from;
	int err = 0;

	if (!len)
		return 0;
	/* text a terminal may see as it is (nearly all) is read in place;
	 * the rest is made safe in the scratch buffer first */
	if (nd_utf8_safe_prefix(raw, len, 0) < len) {
		nd_buf_clear(e);
		if ((err = nd_utf8_escape(e, raw, len, 0)) != 0 || !e->len)
			return err;
		s = e->ptr;
		n = e->len;
	}
	i = 0;
	if (*line_start) {
		size_t d = 0;

		while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d && d < n && (s[d] == '.' || s[d] == ')')) {
			err = nd_buf_put(out, s, d);
			if (!err)
				err = nd_buf_putc(out, '\\');
			if (!err)
				err = nd_buf_putc(out, s[d]);
			i = d + 1;
		} else if (strchr("-+=", s[0])) {
			err = nd_buf_putc(out, '\\');
			if (!err)
				err = nd_buf_putc(out, s[0]);
			i = 1;
		}
		*line_start = 0;
	}
	/* runs between escapes are copied whole; an escaped character
	 * starts the next run, after its backslash */
	for (from = i; i < n && !err; i++) {
		unsigned char c = (unsigned char)s[i];

		if (!md_class[c])
			continue;
		if (md_class[c] == 2 &&
		    !(c == ':' ? i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/'
		               : after_www(s, i)))
			continue;
		err = nd_buf_put(out, s + from, i - from);
		if (!err)
			err = nd_buf_putc(out, '\\');
		from = i;
	}
	return err ? err : nd_buf_put(out, s + from, n - from);
}


int rpt_html_open(nd_buf *out, int script)
{
	int err = nd_buf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	                      "<meta charset=\"utf-8\">\n"
	                      "<meta name=\"viewport\" content=\"width=device-width, "
	                      "initial-scale=1\">\n"
	                      "<meta http-equiv=\"Content-Security-Policy\" content=\""
	                      "default-src 'none'; style-src 'unsafe-inline'; ");

	err = err ? err : nd_buf_puts(out, script ? "script-src 'unsafe-inline'; " : "");
	return err ? err : nd_buf_puts(out, "base-uri 'none'; form-action 'none'\">\n"
	                               "<meta name=\"generator\" content=\"normdiff\">\n"
	                               "<title>");
}
