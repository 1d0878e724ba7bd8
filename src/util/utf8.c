/* utf8.c - UTF-8 decoding, validation and terminal-safe escaping.
 *
 * Well-formedness follows Unicode table 3-7: no overlong forms, no
 * surrogates, nothing above U+10FFFF. Escaping exists because text from a
 * draft, and every name repeated to the reader (a file name, a spec, a
 * label), is data: a draft holding ESC [ 2 J must not clear the reader's
 * screen, a file name holding ESC ] 0 ; ... BEL must not retitle it, a
 * newline in a name must not break an error's one line, and a bidi
 * override must not reorder what a reviewer sees. nd_utf8_visible() is
 * the one notation every output writes for such characters.
 */
#include "normdiff/utf8.h"

#include <stdio.h>

size_t nd_utf8_decode(const char *str, size_t len, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	uint32_t c;
	size_t n, i;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		c = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		c = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

size_t nd_utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int nd_utf8_valid(const char *s, size_t len, size_t *bad)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			if (bad)
				*bad = i;
			return 0;
		}
		i += n;
	}
	return 1;
}

int nd_utf8_is_unsafe(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
	       cp == 0x061C || cp == 0x200E || cp == 0x200F ||
	       cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t nd_utf8_visible(char out[ND_UTF8_VISIBLE_MAX], uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F) {
		out[0] = '^';
		out[1] = cp == 0x7F ? '?' : (char)(cp + 0x40);
		out[2] = '\0';
		return 2;
	}
	return (size_t)snprintf(out, ND_UTF8_VISIBLE_MAX, "<U+%04X>",
	                        (unsigned)(cp & 0x1FFFFF));
}

size_t nd_utf8_visible_byte(char out[ND_UTF8_VISIBLE_MAX], unsigned char b)
{
	return (size_t)snprintf(out, ND_UTF8_VISIBLE_MAX, "<0x%02X>", b);
}

int nd_utf8_escape(nd_buf *out, const char *s, size_t len, int keep_newlines)
{
	size_t i = 0, n, run = 0, k;
	char form[ND_UTF8_VISIBLE_MAX];
	uint32_t cp;
	int err = 0;

	while (i < len && !err) {
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (n && (!nd_utf8_is_unsafe(cp) || (cp == '\n' && keep_newlines))) {
			i += n;
			run += n;
			continue;
		}
		err = nd_buf_put(out, s + i - run, run);
		run = 0;
		if (err)
			break;
		k = n ? nd_utf8_visible(form, cp)
		      : nd_utf8_visible_byte(form, (unsigned char)s[i]);
		err = nd_buf_put(out, form, k);
		i += n ? n : 1;
	}
	if (!err)
		err = nd_buf_put(out, s + i - run, run);
	return err;
}

size_t nd_utf8_count(const char *s, size_t len)
{
	size_t i = 0, count = 0, n;
	uint32_t cp;

	while (i < len) {
		n = nd_utf8_decode(s + i, len - i, &cp);
		i += n ? n : 1;
		count++;
	}
	return count;
}
