/* outline.c - the clause tree as text for people and as JSON for scripts.
 *
 * Text: one row per provision, "LINE  LABEL  first words", indented two
 * spaces per level, so the indentation shows each provision's path; when
 * the pages of the version are known (a PDF), a column of them follows the
 * line: "LINE  p. 3     LABEL  first words". Rows are
 * cut at `width` columns on a character boundary with an ellipsis. Titles
 * and resolution openings have no label; their kind stands in brackets.
 *
 * JSON: the tree nested through "children", every provision with its kind,
 * label, path (the labels from the top down to itself), heading, source
 * lines, pages when known, and full normalised text.
 */
#include <string.h>

#include "normdiff/render.h"
#include "normdiff/utf8.h"

static int put_escaped(nd_buf *out, const char *s, size_t len)
{
	return nd_utf8_escape(out, s, len, 0);
}

/* Append s to `row`, stopping before `width` characters in all; returns 1
 * if it had to cut. */
static int fit(nd_buf *row, size_t *cols, const char *s, size_t len,
               unsigned width, int *err)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (!n)
			n = 1;
		if (width && *cols + 1 >= width) {
			*err = nd_buf_puts(row, "\xE2\x80\xA6");
			(*cols)++;
			return 1;
		}
		if ((*err = nd_buf_put(row, s + i, n)) != 0)
			return 1;
		(*cols)++;
		i += n;
	}
	return 0;
}

/* "# 2011  A/66/359  2011-09-14": what is known of the version. */
static int header(nd_buf *out, const nd_docinfo *info)
{
	const char *parts[3] = {info->label, info->symbol, info->date};
	size_t i;
	int err = 0, any = 0;

	for (i = 0; i < 3 && !err; i++) {
		if (!parts[i])
			continue;
		err = nd_buf_puts(out, any ? "  " : "# ");
		if (!err)
			err = put_escaped(out, parts[i], strlen(parts[i]));
		any = 1;
	}
	return err || !any ? err : nd_buf_putc(out, '\n');
}

/* The widest page cell ("pp. 3–4") of the outline, 0 when the pages are
 * unknown. */
static size_t page_width(const nd_doc *doc, const nd_docinfo *info,
                         nd_buf *cell, int *err)
{
	size_t i, w = 0, n;

	for (i = 0; i < doc->n && !*err; i++) {
		nd_buf_clear(cell);
		*err = nd_report_pages(cell, info, doc, &i, 1);
		n = nd_utf8_count(cell->ptr ? cell->ptr : "", cell->len);
		w = n > w ? n : w;
	}
	return w;
}

/* The page cell of clause i, padded to `pw` columns and two spaces. */
static int page_cell(nd_buf *row, size_t *cols, const nd_doc *doc,
                     const nd_docinfo *info, size_t i, size_t pw)
{
	size_t at = row->len, w;
	int err = nd_report_pages(row, info, doc, &i, 1);

	w = nd_utf8_count(row->ptr + at, row->len - at);
	for (; w < pw + 2 && !err; w++)
		err = nd_buf_putc(row, ' ');
	*cols += pw + 2;
	return err;
}

int nd_render_outline_text(nd_buf *out, const nd_doc *doc,
                           const nd_docinfo *info, unsigned width)
{
	nd_buf row = ND_BUF_INIT, cell = ND_BUF_INIT;
	size_t i, labw = 0, pw;
	int err = 0;

	/* widest "indent + label" among short labels, for one text column */
	for (i = 0; i < doc->n; i++) {
		size_t w = doc->clauses[i].depth * 2 +
		           nd_utf8_count(nd_doc_label(doc, i),
		                         strlen(nd_doc_label(doc, i)));

		if (doc->clauses[i].kind != ND_CLAUSE_HEADING && w > labw && w <= 24)
			labw = w;
	}
	if (labw < 7)
		labw = 7;
	pw = page_width(doc, info, &cell, &err);
	if (info && !err)
		err = header(out, info);
	if (!err)
		err = nd_buf_printf(out, "# %zu provision%s\n", doc->n,
		                    doc->n == 1 ? "" : "s");
	for (i = 0; i < doc->n && !err; i++) {
		const nd_clause *c = &doc->clauses[i];
		const char *label = nd_doc_label(doc, i);
		size_t cols, lw;

		nd_buf_clear(&row);
		nd_buf_clear(&cell);
		err = nd_buf_printf(&row, "%5u  ", (unsigned)c->line);
		cols = 7;
		if (!err && pw)
			err = page_cell(&row, &cols, doc, info, i, pw);
		if (!err)
			err = nd_buf_printf(&cell, "%*s", (int)(c->depth * 2), "");
		if (!err && !*label)
			err = nd_buf_printf(&cell, "[%s]", nd_clause_kind_name(c->kind));
		else if (!err)
			err = put_escaped(&cell, label, strlen(label));
		lw = nd_utf8_count(cell.ptr, cell.len);
		if (!err && fit(&row, &cols, cell.ptr, cell.len, width, &err)) {
			if (!err)
				err = nd_buf_putc(&row, '\n');
			if (!err)
				err = nd_buf_put(out, row.ptr, row.len);
			continue;
		}
		/* the text column; a plain heading's text is its label */
		if (!err && !(c->kind == ND_CLAUSE_HEADING && c->family < 0) &&
		    c->body_len) {
			for (; lw < labw && !err; lw++, cols++)
				err = nd_buf_putc(&row, ' ');
			if (!err)
				err = nd_buf_puts(&row, "  ");
			cols += 2;
			nd_buf_clear(&cell);
			if (!err)
				err = put_escaped(&cell, nd_doc_body(doc, i), c->body_len);
			if (!err)
				fit(&row, &cols, cell.ptr, cell.len, width, &err);
		}
		if (!err)
			err = nd_buf_putc(&row, '\n');
		if (!err)
			err = nd_buf_put(out, row.ptr, row.len);
	}
	nd_buf_dispose(&row);
	nd_buf_dispose(&cell);
	return err;
}

static int json_clause(nd_buf *out, const nd_doc *doc, const nd_grammar *g,
                       const nd_docinfo *info, size_t i, unsigned indent)
{
	const nd_clause *c = &doc->clauses[i];
	const char *fam = nd_doc_family_name(doc, g, i);
	uint32_t first, last;
	size_t k;
	int err;

	err = nd_buf_printf(out, "%*s{\"kind\": \"%s\", \"label\": ", (int)indent, "",
	                    nd_clause_kind_name(c->kind));
	if (!err)
		err = nd_json_cstr(out, nd_doc_label(doc, i));
	if (!err)
		err = nd_buf_puts(out, ", \"family\": ");
	if (!err)
		err = nd_json_cstr(out, fam);
	if (!err)
		err = nd_buf_puts(out, ", \"path\": ");
	if (!err)
		err = nd_json_path(out, doc, i);
	if (!err)
		err = nd_buf_puts(out, ", \"heading\": ");
	if (!err && c->head_len)
		err = nd_json_string(out, doc->text->buf + c->head_off, c->head_len);
	else if (!err)
		err = nd_buf_puts(out, "null");
	if (!err)
		err = nd_buf_printf(out, ", \"line\": %u, \"last_line\": %u",
		                    (unsigned)c->line, (unsigned)c->last_line);
	if (!err && nd_report_page_span(info, doc, &i, 1, &first, &last))
		err = nd_buf_printf(out, ", \"page\": %u, \"last_page\": %u",
		                    (unsigned)first, (unsigned)last);
	if (!err)
		err = nd_buf_puts(out, ", \"text\": ");
	if (!err)
		err = nd_json_string(out, nd_doc_body(doc, i), c->body_len);
	if (!err)
		err = nd_buf_puts(out, ", \"children\": [");
	for (k = i + 1; k < c->end && !err; k = doc->clauses[k].end) {
		err = nd_buf_puts(out, k == i + 1 ? "\n" : ",\n");
		if (!err)
			err = json_clause(out, doc, g, info, k, indent + 2);
	}
	if (!err && c->end > i + 1)
		err = nd_buf_printf(out, "\n%*s", (int)indent, "");
	return err ? err : nd_buf_puts(out, "]}");
}

int nd_render_outline_json(nd_buf *out, const nd_doc *doc, const nd_grammar *g,
                           const nd_docinfo *info)
{
	size_t k;
	int err;

	err = nd_buf_puts(out, "{\"format\": \"normdiff-outline\", \"version\": 1,\n"
	                       " \"source\": ");
	if (!err)
		err = nd_json_docinfo(out, info);
	if (!err)
		err = nd_buf_printf(out, ",\n \"count\": %zu,\n \"provisions\": [", doc->n);
	for (k = 0; k < doc->n && !err; k = doc->clauses[k].end) {
		err = nd_buf_puts(out, k ? ",\n" : "\n");
		if (!err)
			err = json_clause(out, doc, g, info, k, 2);
	}
	return err ? err : nd_buf_puts(out, "\n ]}\n");
}
