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
		if (i + 32 <= len &&
		    !((nd_word_load(s + i) | nd_word_load(s + i + 8) |
		       nd_word_load(s + i + 16) | nd_word_load(s + i + 24)) &
		      ND_WORD_HIGHS)) {
			i += 32; /* four words of ASCII, tested as one */
			continue;
		}
		if (i + 8 <= len && !(nd_word_load(s + i) & ND_WORD_HIGHS)) {
			i += 8; /* eight ASCII bytes */
			continue;
		}
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

size_t nd_utf8_safe_prefix(const char *str, size_t len, int keep_newlines)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, end, n;
	uint32_t cp;

	for (;;) {
		/* whole printable words, then the next word's bytes one by one */
		while (i + 8 <= len && !nd_word_unprintable(nd_word_load(str + i)))
			i += 8;
		end = i + 8 <= len ? i + 8 : len;
		while (i < end) {
			if (s[i] >= 0x20 && s[i] < 0x7F) {
				i++;
				continue;
			}
			if (s[i] == '\n' && keep_newlines) {
				i++;
				continue;
			}
			if (s[i] < 0x80)
				return i;
			n = nd_utf8_decode(str + i, len - i, &cp);
			if (!n || nd_utf8_is_unsafe(cp))
				return i;
			i += n;
		}
		if (i >= len)
			return len;
	}
}

int nd_utf8_escape(nd_buf *out, const char *s, size_t len, int keep_newlines)
{
	size_t i = 0, n, k;
	char form[ND_UTF8_VISIBLE_MAX];
	uint32_t cp;
	int err = len ? 0 : nd_buf_put(out, s, 0); /* "" even for nothing */

	while (i < len && !err) {
		k = nd_utf8_safe_prefix(s + i, len - i, keep_newlines);
		if ((err = nd_buf_put(out, s + i, k)) != 0 || (i += k) >= len)
			break;
		n = nd_utf8_decode(s + i, len - i, &cp);
		k = n ? nd_utf8_visible(form, cp)
		      : nd_utf8_visible_byte(form, (unsigned char)s[i]);
		err = nd_buf_put(out, form, k);
		i += n ? n : 1;
	}
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

/* Zero-width: combining marks, zero-width spaces and joiners, variation
 * selectors. Wide: the East Asian Wide and Fullwidth blocks and the
 * pictographs terminals draw two columns wide. Sorted ranges. */
static const uint32_t zero_ranges[][2] = {
	{0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x0610, 0x061A},
	{0x064B, 0x065F}, {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E},
	{0x1AB0, 0x1AFF}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x20D0, 0x20FF},
	{0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
};

static const uint32_t wide_ranges[][2] = {
	{0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x2E80, 0x303E},
	{0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
	{0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19},
	{0xFE30, 0xFE6F}, {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x1F300, 0x1F64F},
	{0x1F900, 0x1F9FF}, {0x20000, 0x2FFFD}, {0x30000, 0x3FFFD},
};

static int in_ranges(uint32_t cp, const uint32_t (*r)[2], size_t n)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cp < r[mid][0])
			hi = mid;
		else if (cp > r[mid][1])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

unsigned nd_utf8_cp_width(uint32_t cp)
{
	if (cp < 0x300)
		return 1;
	if (in_ranges(cp, zero_ranges, sizeof(zero_ranges) / sizeof(zero_ranges[0])))
		return 0;
	if (in_ranges(cp, wide_ranges, sizeof(wide_ranges) / sizeof(wide_ranges[0])))
		return 2;
	return 1;
}
