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

/* Append s[0..len) as HTML text, safe in content and in quoted
 * attributes alike; `markup` as for html_special. */
int rpt_html_escape(nd_buf *out, const char *s, size_t len, int markup)
{
	size_t i = 0, n, run = 0;
	uint32_t cp = 0;
	int err = 0;

	while (i < len && !err) {
		unsigned char b = (unsigned char)s[i];

		if (b >= 0x20 && b < 0x7F && !strchr("&<>\"'", b)) {
			i++;
			run++;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (n && b >= 0x80 && !nd_utf8_is_unsafe(cp)) {
			i += n;
			run += n;
			continue;
		}
		err = nd_buf_put(out, s + i - run, run);
		run = 0;
		if (!err)
			err = html_special(out, s + i, n, cp, markup);
		i += n ? n : 1;
	}
	return err ? err : nd_buf_put(out, s + i - run, run);
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

int rpt_md_text(nd_buf *out, nd_buf *e, const char *raw, size_t len,
                int *line_start)
{
	const char *s;
	size_t i, n;
	int err;

	nd_buf_clear(e);
	if ((err = nd_utf8_escape(e, raw, len, 0)) != 0 || !e->len)
		return err;
	s = e->ptr;
	n = e->len;
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
	for (; i < n && !err; i++) {
		char c = s[i];

		if ((c && strchr("\\`*_[]<>|~&#@", c)) ||
		    (c == ':' && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/') ||
		    (c == '.' && after_www(s, i)))
			err = nd_buf_putc(out, '\\');
		if (!err)
			err = nd_buf_putc(out, c);
	}
	return err;
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
