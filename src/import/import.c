/* import.c - which format bytes are, and the dispatch to its reader
 * (import.h). Detection reads only the first bytes and, for a zip, the
 * names of its first local headers, so it costs nothing on text; a zip
 * they do not explain has its central directory read (libzip). The rules
 * a title and a date from a document's properties follow are here too,
 * the same for every format.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "import_internal.h"
#include "normdiff/error.h"
#include "normdiff/import.h"
#include "normdiff/utf8.h"

static const char *const names[] = {"text", "pdf", "docx", "odt"};

const char *nd_format_name(nd_format f)
{
	return (unsigned)f < sizeof(names) / sizeof(names[0]) ? names[f] : "text";
}

int nd_format_find(const char *name)
{
	size_t k;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (!strcmp(names[k], name))
			return (int)k;
	return -1;
}

void nd_import_opts_init(nd_import_opts *o)
{
	o->changes = ND_CHANGES_ACCEPT;
	o->pages = NULL;
}

/* Does a zip's bytes name `member` in one of its first local headers, or
 * (for "mimetype", stored first and uncompressed as OpenDocument asks)
 * hold `content` right after it? */
static int zip_has(const char *d, size_t len, const char *member,
                   const char *content)
{
	size_t at = 0, n = strlen(member), k;

	for (k = 0; k < 64 && at + 30 <= len && !memcmp(d + at, "PK\3\4", 4); k++) {
		size_t nlen = (unsigned char)d[at + 26] | (size_t)(unsigned char)d[at + 27] << 8;
		size_t xlen = (unsigned char)d[at + 28] | (size_t)(unsigned char)d[at + 29] << 8;
		size_t clen = (unsigned char)d[at + 18] | (size_t)(unsigned char)d[at + 19] << 8 |
		              (size_t)(unsigned char)d[at + 20] << 16 |
		              (size_t)(unsigned char)d[at + 21] << 24;

		if (at + 30 + nlen > len)
			break;
		if (nlen == n && !memcmp(d + at + 30, member, n)) {
			size_t body = at + 30 + nlen + xlen, cl = content ? strlen(content) : 0;

			return !content || (body + cl <= len && !memcmp(d + body, content, cl));
		}
		if ((unsigned char)d[at + 6] & 8)
			break; /* sizes after the data: stop looking */
		at += 30 + nlen + xlen + clen;
	}
	return 0;
}

/* The zip's central directory, read through libzip, when the first local
 * headers do not tell (a compressed mimetype, sizes after the data): an
 * OpenDocument text names its mimetype (at most 64 bytes are read), a
 * Word file its document. */
static nd_format zip_directory(const char *data, size_t len)
{
	static const char odt[] = "application/vnd.oasis.opendocument.text";
	zip_source_t *src = zip_source_buffer_create(data, len, 0, NULL);
	zip_t *z = src ? zip_open_from_source(src, ZIP_RDONLY, NULL) : NULL;
	nd_format f = ND_FORMAT_TEXT;
	zip_stat_t st;
	zip_file_t *m;
	char buf[64];
	zip_int64_t n;

	if (!z) {
		zip_source_free(src);
		return f;
	}
	if (zip_stat(z, "mimetype", 0, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    st.size == sizeof(odt) - 1 && (m = zip_fopen(z, "mimetype", 0)) != NULL) {
		n = zip_fread(m, buf, sizeof(buf));
		if (n == (zip_int64_t)(sizeof(odt) - 1) && !memcmp(buf, odt, (size_t)n))
			f = ND_FORMAT_ODT;
		zip_fclose(m);
	}
	if (f == ND_FORMAT_TEXT && zip_name_locate(z, "word/document.xml", 0) >= 0)
		f = ND_FORMAT_DOCX;
	zip_discard(z); /* frees the source too */
	return f;
}

nd_format nd_import_detect(const char *data, size_t len)
{
	if (len >= 5 && !memcmp(data, "%PDF-", 5))
		return ND_FORMAT_PDF;
	if (len < 4 || memcmp(data, "PK\3\4", 4))
		return ND_FORMAT_TEXT;
	if (zip_has(data, len, "mimetype", "application/vnd.oasis.opendocument.text"))
		return ND_FORMAT_ODT;
	if (zip_has(data, len, "word/document.xml", NULL) ||
	    zip_has(data, len, "[Content_Types].xml", NULL))
		return ND_FORMAT_DOCX;
	return zip_directory(data, len);
}

int nd_import(nd_buf *out, const char *data, size_t len, nd_format f,
              const nd_import_opts *o)
{
	nd_import_opts dflt;

	if (!o) {
		nd_import_opts_init(&dflt);
		o = &dflt;
	}
	if (f != ND_FORMAT_PDF && o->pages)
		nd_pagemap_dispose(o->pages); /* no pages: unknown */
	switch (f) {
	case ND_FORMAT_PDF: return nd_import_pdf(out, data, len, o->pages);
	case ND_FORMAT_DOCX: return nd_import_docx(out, data, len, o);
	case ND_FORMAT_ODT: return nd_import_odt(out, data, len, o);
	default: return nd_buf_put(out, data, len);
	}
}

void nd_props_init(nd_props *p)
{
	memset(p, 0, sizeof(*p));
}

void nd_props_dispose(nd_props *p)
{
	free(p->title);
	nd_props_init(p);
}

int nd_import_props(const char *data, size_t len, nd_format f,
                    nd_props *p)
{
	switch (f) {
	case ND_FORMAT_PDF: return nd_props_pdf(data, len, p);
	case ND_FORMAT_DOCX: return nd_props_docx(data, len, p);
	case ND_FORMAT_ODT: return nd_props_odt(data, len, p);
	default: return 0;
	}
}

/* White space in a title: a run of it is one space. */
static int title_space(uint32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 ||
	       cp == 0xa0 || cp == 0x2028 || cp == 0x2029;
}

int nd_props_title(nd_props *p, const char *s, size_t n,
                   const char *from)
{
	nd_buf t = ND_BUF_INIT;
	size_t at = 0, k;
	int err = 0, space = 0;

	if (p->title)
		return 0;
	for (; at < n && !err && t.len <= ND_IMPORT_TITLE_MAX; at += k) {
		char form[ND_UTF8_VISIBLE_MAX];
		uint32_t cp;

		k = nd_utf8_decode(s + at, n - at, &cp);
		if (k && title_space(cp)) {
			space = t.len > 0; /* written before what follows, if anything */
			continue;
		}
		if (space)
			err = nd_buf_putc(&t, ' ');
		space = 0;
		if (!k) {
			nd_utf8_visible_byte(form, (unsigned char)s[at]);
			err = err ? err : nd_buf_puts(&t, form);
			k = 1;
		} else if (cp < 0x20 || cp == 0x7f) { /* the store refuses them */
			nd_utf8_visible(form, cp);
			err = err ? err : nd_buf_puts(&t, form);
		} else {
			err = err ? err : nd_buf_put(&t, s + at, k);
		}
	}
	if (!err && t.len && t.len <= ND_IMPORT_TITLE_MAX) {
		if (!(p->title = nd_strndup(t.ptr, t.len)))
			err = nd_error_oom();
		else
			p->title_from = from;
	}
	nd_buf_dispose(&t);
	return err;
}

static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + s[i] - '0';
	}
	return v;
}

void nd_props_date(nd_props *p, const char *s, const char *from)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;

	while (s && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	if (p->date[0] || !s || strlen(s) < 10 || s[4] != '-' || s[7] != '-' ||
	    (s[10] && !strchr("T Z+-\t\r\n", s[10])))
		return;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1] ||
	    (m == 2 && d == 29 && (y % 4 || (y % 100 == 0 && y % 400))))
		return;
	memcpy(p->date, s, 10);
	p->date[10] = '\0';
	p->date_from = from;
}
