/* json.c - JSON string escaping, shared by every JSON writer. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "normdiff/render.h"
#include "normdiff/utf8.h"

int nd_json_string(nd_buf *out, const char *s, size_t len)
{
	size_t i = 0, run = 0, n;
	uint32_t cp;
	int err = nd_buf_grow(out, len + 2); /* most text needs no escape */

	err = err ? err : nd_buf_putc(out, '"');
	while (!err && i < len) {
		const char *esc = NULL;
		unsigned char b = (unsigned char)s[i];
		char tmp[8];

		if (b >= 0x20 && b < 0x7f && b != '"' && b != '\\') {
			i++; /* printable ASCII: as it is, without decoding */
			run++;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (n && !nd_utf8_is_unsafe(cp) && cp != '"' && cp != '\\') {
			i += n;
			run += n;
			continue;
		}
		if ((err = nd_buf_put(out, s + i - run, run)) != 0)
			break;
		run = 0;
		switch (n ? cp : 0xFFFD) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\n': esc = "\\n"; break;
		case '\t': esc = "\\t"; break;
		case '\r': esc = "\\r"; break;
		default:
			snprintf(tmp, sizeof(tmp), "\\u%04X", (unsigned)(n ? cp : 0xFFFD));
			esc = tmp;
		}
		err = nd_buf_puts(out, esc);
		i += n ? n : 1;
	}
	if (!err)
		err = nd_buf_put(out, s + i - run, run);
	if (!err)
		err = nd_buf_putc(out, '"');
	return err;
}

int nd_json_path(nd_buf *out, const nd_doc *d, size_t i)
{
	size_t n = 0, k, depth;
	int err = nd_buf_putc(out, '[');

	for (k = i; k != ND_NO_PARENT; k = d->clauses[k].parent)
		n++;
	/* from the top down: the ancestor at each depth, found by walking up */
	for (depth = 0; depth < n && !err; depth++) {
		size_t up = n - 1 - depth;

		for (k = i; up > 0; up--)
			k = d->clauses[k].parent;
		if (depth)
			err = nd_buf_puts(out, ", ");
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
		err = nd_buf_printf(out, "%s\"%s\": ", k ? ", " : "", keys[k]);
		if (!err)
			err = nd_json_cstr(out, vals[k]);
	}
	return err ? err : nd_buf_putc(out, '}');
}

int nd_json_cstr(nd_buf *out, const char *s)
{
	return s ? nd_json_string(out, s, strlen(s)) : nd_buf_puts(out, "null");
}
