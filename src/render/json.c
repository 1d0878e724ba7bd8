/* json.c - JSON string escaping, shared by every JSON writer. */
#include <stdint.h>
#include <string.h>

#include "normdiff/render.h"
#include "normdiff/utf8.h"

/* Bytes JSON takes as they are, without decoding: printable ASCII but
 * the quote and the backslash. Anything else is looked at: UTF-8 is
 * decoded (kept unless unsafe), the rest escaped. */
static const unsigned char json_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
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

/* A word of eight bytes JSON takes as they are. */
static int json_clean(uint64_t w)
{
	return !(nd_word_unprintable(w) | nd_word_has(w, '"') |
	         nd_word_has(w, '\\'));
}

/* The escape of code point cp (U+FFFD for an ill-formed byte). */
static int json_escape(nd_buf *out, uint32_t cp)
{
	static const char hex[] = "0123456789ABCDEF";
	char u[6] = {'\\', 'u'};

	switch (cp) {
	case '"': return nd_buf_put(out, "\\\"", 2);
	case '\\': return nd_buf_put(out, "\\\\", 2);
	case '\n': return nd_buf_put(out, "\\n", 2);
	case '\t': return nd_buf_put(out, "\\t", 2);
	case '\r': return nd_buf_put(out, "\\r", 2);
	}
	if (cp > 0xFFFF) /* no unsafe character is; "%04X" would write more */
		return nd_buf_printf(out, "\\u%04X", (unsigned)cp);
	u[2] = hex[cp >> 12];
	u[3] = hex[(cp >> 8) & 0xF];
	u[4] = hex[(cp >> 4) & 0xF];
	u[5] = hex[cp & 0xF];
	return nd_buf_put(out, u, sizeof(u));
}

int nd_json_string(nd_buf *out, const char *s, size_t len)
{
	size_t i = 0, from = 0, end, n;
	uint32_t cp;
	int err = nd_buf_grow(out, len + 2); /* most text needs no escape */

	if (err)
		return err;
	/* the room is there for the quotes and a text with no escape, the
	 * common case, which is copied once at the end without a call */
	out->ptr[out->len++] = '"';
	while (!err) {
		/* whole clean words, then the bytes of the next word (or the
		 * tail) up to the first that is not plain */
		while (i + 8 <= len && json_clean(nd_word_load(s + i)))
			i += 8;
		end = i + 8 <= len ? i + 8 : len;
		while (i < end && json_plain[(unsigned char)s[i]])
			i++;
		if (i == end) {
			if (end == len)
				break;
			continue;
		}
		if ((unsigned char)s[i] >= 0x80) {
			n = nd_utf8_decode(s + i, len - i, &cp);
			if (n && !nd_utf8_is_unsafe(cp)) {
				i += n;
				continue;
			}
		} else {
			n = 1;
			cp = (unsigned char)s[i];
		}
		err = nd_buf_put(out, s + from, i - from);
		err = err ? err : json_escape(out, n ? cp : 0xFFFD);
		i += n ? n : 1;
		from = i;
	}
	if (!err && !from) {
		if (len)
			memcpy(out->ptr + out->len, s, len);
		out->len += len;
		out->ptr[out->len++] = '"';
		out->ptr[out->len] = '\0';
		return 0;
	}
	if (!err)
		err = nd_buf_put(out, s + from, i - from);
	if (!err)
		err = nd_buf_putc(out, '"');
	return err;
}

int nd_json_path(nd_buf *out, const nd_doc *d, size_t i)
{
	size_t up[32]; /* the ancestors, innermost first, when so few */
	size_t n = 0, k, depth;
	int err = nd_buf_putc(out, '[');

	for (k = i; k != ND_NO_PARENT; k = d->clauses[k].parent) {
		if (n < sizeof(up) / sizeof(up[0]))
			up[n] = k;
		n++;
	}
	/* from the top down: the ancestor at each depth, from the list, or
	 * found by walking up past its end */
	for (depth = 0; depth < n && !err; depth++) {
		size_t steps = n - 1 - depth;

		if (steps < sizeof(up) / sizeof(up[0]))
			k = up[steps];
		else
			for (k = i; steps > 0; steps--)
				k = d->clauses[k].parent;
		if (depth)
			err = nd_buf_put(out, ", ", 2);
		if (!err)
			err = nd_json_cstr(out, nd_doc_label(d, k));
	}
	return err ? err : nd_buf_putc(out, ']');
}

int nd_json_docinfo(nd_buf *out, const nd_docinfo *info)
{
	static const nd_docinfo none;
	const char *keys[] = {"spec", "label", "title", "symbol", "date"};
	const char *vals[5];
	size_t k;
	int err;

	info = info ? info : &none;
	vals[0] = info->spec;
	vals[1] = info->label;
	vals[2] = info->title;
	vals[3] = info->symbol;
	vals[4] = info->date;
	err = nd_buf_putc(out, '{');
	for (k = 0; k < 5 && !err; k++) {
		err = nd_buf_puts(out, k ? ", \"" : "\"");
		err = err ? err : nd_buf_puts(out, keys[k]);
		err = err ? err : nd_buf_put(out, "\": ", 3);
		if (!err)
			err = nd_json_cstr(out, vals[k]);
	}
	return err ? err : nd_buf_putc(out, '}');
}

int nd_json_cstr(nd_buf *out, const char *s)
{
	return s ? nd_json_string(out, s, strlen(s)) : nd_buf_puts(out, "null");
}
