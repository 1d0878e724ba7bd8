/* fuzz_synopsis.c - every synopsis format over a series of two to four
 * versions: the input is one byte of options, the texts of the versions
 * oldest first, each after a line "---8<---", and after one more such
 * line up to twelve lines of what is known of the versions (spec, label
 * and date of each; any bytes).
 *
 * The option byte: bits 0-1 the text format's width (none, 20, 45, 80),
 * bits 2-3 the baseline (none, or version 0, 1, 2 when there is one),
 * bits 4-5 the number of versions less two (2, 3, 4, 4). Colour stays
 * off, so no escape sequence is the renderer's own.
 *
 * Oracles: the series' rows hold every provision of every version; text,
 * CSV and Markdown are well-formed UTF-8 without controls (but newlines,
 * and CSV's CR before them) or bidi marks; CSV is RFC 4180 with one record
 * per row after the header, each of one field per version; Markdown holds
 * no HTML or entity but its own, and each table line has one cell per
 * version; JSON is one valid JSON value; HTML is made only of the
 * renderer's own markup (fuzz_check_html), holds no script, and its style
 * sheet is the one of a page rendered from the smallest series.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/series.h"
#include "normdiff/synopsis.h"

#define MAXV 4
#define INFO_LINES (3 * MAXV)

/* A series of n documents compared pair by pair. */
typedef struct fseries {
	size_t n;
	nd_doc *doc[MAXV];
	nd_changeset *cs[MAXV - 1];
	nd_series *s;
	nd_rows rows;
} fseries;

static void fseries_free(fseries *f)
{
	size_t k;

	nd_rows_dispose(&f->rows);
	nd_series_free(f->s);
	for (k = 0; k + 1 < f->n; k++)
		nd_changeset_free(f->cs[k]);
	for (k = 0; k < f->n; k++)
		nd_doc_free(f->doc[k]);
}

/* 0 when every text parsed and the series was made; -1 when a text was
 * refused (nothing to free). */
static int fseries_make(fseries *f, const fuzz_part *part, size_t n)
{
	size_t k;

	memset(f, 0, sizeof(*f));
	for (k = 0; k < n; k += 2) {
		size_t m = k + 1 < n ? 2 : 1, j = m == 2 ? k : k - 1;
		nd_doc *a, *b;

		if (fuzz_two_docs(part[j].p, part[j].n, part[j + 1].p, part[j + 1].n,
		                  &a, &b)) {
			fseries_free(f);
			return -1;
		}
		if (m == 1) { /* the last one alone: keep b, the new one */
			nd_doc_free(a);
			f->doc[f->n++] = b;
		} else {
			f->doc[f->n++] = a;
			f->doc[f->n++] = b;
		}
	}
	if (!f->doc[0]->n && !f->doc[1]->n) {
		/* a known bug of nd_series_rows, left to series.c: qsort on a
		 * NULL array when the first two versions hold no provision
		 * (tests/unit/test_series_empty.c) */
		fseries_free(f);
		return -1;
	}
	for (k = 0; k + 1 < n; k++)
		if (nd_changeset_compute(&f->cs[k], f->doc[k], f->doc[k + 1], NULL,
		                         NULL, NULL))
			fuzz_fail("change set", "computing it failed", NULL, 0);
	if (nd_series_new(&f->s, (const nd_doc *const *)f->doc,
	                  (const nd_changeset *const *)f->cs, n) ||
	    nd_series_rows(&f->rows, f->s))
		fuzz_fail("series", "building it failed", NULL, 0);
	return 0;
}

/* Every provision of every version is in some row, in its column. */
static void check_rows(const fseries *f)
{
	size_t v, i, r;

	for (v = 0; v < f->n; v++)
		for (i = 0; i < f->doc[v]->n; i++) {
			for (r = 0; r < f->rows.n; r++)
				if (f->rows.cells[r * f->n + v] == i)
					break;
			if (r == f->rows.n)
				fuzz_fail("series", "a provision in no row", NULL, 0);
		}
}

/* The style sheet of the page of the smallest series, two versions of
 * one title (kept). Not two empty versions: see tests/unit/
 * test_series_empty.c. */
static const fuzz_html_ref *html_ref(void)
{
	static fuzz_html_ref ref;
	static nd_buf page = ND_BUF_INIT;
	static const fuzz_part none[2] = {{"T", 1}, {"T", 1}};
	const char *a, *b;
	fseries f;

	if (page.ptr)
		return &ref;
	if (fseries_make(&f, none, 2) ||
	    nd_render_synopsis(&page, f.s, &f.rows, "html", NULL))
		fuzz_fail("html", "the page of the smallest series failed", NULL, 0);
	fseries_free(&f);
	a = strstr(page.ptr, "<style>");
	b = a ? strstr(a, "</style>") : NULL;
	if (!b)
		fuzz_fail("html", "no style sheet", page.ptr, page.len);
	ref.style = a + 7;
	ref.style_len = (size_t)(b - ref.style);
	ref.script = NULL;
	ref.script_len = 0;
	return &ref;
}

/* RFC 4180 as the renderer writes it: every field quoted, "" inside, CRLF
 * after every record; `fields` per record, `records` in all. */
static const char *check_csv(const char *s, size_t len, size_t fields,
                             size_t records)
{
	size_t i = 0, f = 0, r = 0;

	while (i < len) {
		if (s[i++] != '"')
			return "CSV: a field that is not quoted";
		for (;; i++) {
			if (i >= len)
				return "CSV: a field not closed";
			if (s[i] == '"' && i + 1 < len && s[i + 1] == '"')
				i++;
			else if (s[i] == '"')
				break;
			else if (s[i] == '\r' || s[i] == '\n')
				return "CSV: a line end inside a field";
		}
		i++;
		f++;
		if (i < len && s[i] == ',') {
			i++;
			continue;
		}
		if (len - i < 2 || s[i] != '\r' || s[i + 1] != '\n')
			return "CSV: a field followed by neither ',' nor CRLF";
		i += 2;
		if (f != fields)
			return "CSV: a record without one field per version";
		f = 0;
		r++;
	}
	return r == records ? NULL : "CSV: not one record per row and a header";
}

/* Each line of the table (after the heading) has one cell per version:
 * fields + 1 unescaped '|'. */
static const char *check_md_table(const char *s, size_t len, size_t fields)
{
	const char *p = strstr(s, "\n|"), *end = s + len;

	if (!p)
		return "Markdown: no table";
	for (p++; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t bars = 0, bs = 0;

		if (!nl)
			return "Markdown: a table line without its newline";
		for (; p < nl; p++) {
			if (*p == '|' && bs % 2 == 0)
				bars++;
			bs = *p == '\\' ? bs + 1 : 0;
		}
		if (bars != fields + 1)
			return "Markdown: a table line without one cell per version";
		p = nl + 1;
	}
	return NULL;
}

static void render(const fseries *f, const nd_synopsis_opts *o,
                   const char *format)
{
	nd_buf out = ND_BUF_INIT;
	const char *why;

	if (nd_render_synopsis(&out, f->s, &f->rows, format, o))
		fuzz_fail(format, "rendering failed", NULL, 0);
	if (!strcmp(format, "csv")) {
		/* safe once the CRs of the line ends are set aside */
		char *copy = malloc(out.len + 1);
		size_t k, m = 0;

		if (!copy)
			fuzz_fail("csv", "out of memory", NULL, 0);
		for (k = 0; k < out.len; k++)
			if (!(out.ptr[k] == '\r' && k + 1 < out.len && out.ptr[k + 1] == '\n'))
				copy[m++] = out.ptr[k];
		why = fuzz_check_safe(copy, m, 0);
		free(copy);
		if (!why)
			why = check_csv(out.ptr, out.len, f->n, f->rows.n + 1);
	} else {
		why = fuzz_check_safe(out.ptr, out.len, 0);
	}
	if (!why && !strcmp(format, "markdown"))
		why = fuzz_check_markdown(out.ptr, out.len);
	if (!why && !strcmp(format, "markdown"))
		why = check_md_table(out.ptr, out.len, f->n);
	if (!why && !strcmp(format, "json"))
		why = fuzz_check_json(out.ptr, out.len);
	if (!why && !strcmp(format, "html"))
		why = fuzz_check_html(out.ptr, out.len, html_ref());
	if (!why && !strcmp(format, "html") && strstr(out.ptr, "<script"))
		why = "HTML: a script element in a page that has none";
	if (why)
		fuzz_fail(format, why, out.ptr, out.len);
	nd_buf_dispose(&out);
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned widths[] = {0, 20, 45, 80};
	static const char *const formats[] = {"text", "markdown", "csv", "json",
	                                      "html"};
	fuzz_part part[MAXV + 1];
	nd_docinfo infos[MAXV];
	nd_synopsis_opts o;
	char *lines[INFO_LINES], *store;
	size_t n, k, b;
	fseries f;

	if (!size)
		return 0;
	html_ref();
	n = 2 + ((data[0] >> 4) & 3);
	n = n > MAXV ? MAXV : n;
	fuzz_split(data + 1, size - 1, part, MAXV + 1);
	fuzz_info_lines(part[MAXV].p, part[MAXV].n, lines, INFO_LINES, &store);
	if (fseries_make(&f, part, n)) {
		free(store);
		return 0;
	}
	check_rows(&f);
	memset(infos, 0, sizeof(infos));
	for (k = 0; k < n; k++) {
		infos[k].spec = lines[3 * k];
		infos[k].label = lines[3 * k + 1];
		infos[k].date = lines[3 * k + 2];
	}
	nd_synopsis_opts_init(&o);
	o.infos = infos;
	o.width = widths[data[0] & 3];
	b = (data[0] >> 2) & 3;
	o.baseline = b && b - 1 < n ? b - 1 : ND_NONE;
	for (k = 0; k < sizeof(formats) / sizeof(formats[0]); k++)
		render(&f, &o, formats[k]);
	fseries_free(&f);
	free(store);
	return 0;
}
