/* docx.c - Word (.docx) and OpenDocument text (.odt) read as text
 * (import.h), through libzip and libxml2; their properties, and a PDF's
 * XMP packet, read for nd_import_props.
 *
 * Design. Both formats are a zip of XML parts. A member is read only after
 * its declared size passes ND_IMPORT_MAX_MEMBER and, past 1 MiB, its
 * inflation ratio passes ND_IMPORT_MAX_RATIO; the read stops at the
 * declared size, so a lying header cannot make us inflate more. Each part
 * is parsed with libxml2 without entity substitution, DTD loading,
 * network or the "huge" switch; a DOCTYPE is refused outright (neither
 * format ever writes one), and the tree is walked with a depth bound.
 *
 * The walk writes one paragraph per line, a blank line between them:
 *  - DOCX: w:p in order; runs' w:t, with w:tab, w:br and w:cr as spaces;
 *    w:ins and w:moveTo kept and w:del and w:moveFrom dropped (accept)
 *    or the reverse (reject), a paragraph mark so deleted (or inserted)
 *    joining its paragraph to the next, uncounted; paragraphs of the
 *    style ND_IMPORT_SUMMARY_STYLE (a redline's first page) left out; a
 *    heading (w:outlineLvl 0-8, its own or its style's) underlined, '='
 *    at the top level and '-' below, as plain text marks headings; a table
 *    row is one paragraph, its cells joined by " | "; footnotes
 *    (word/footnotes.xml) follow the body as paragraphs of their own;
 *    drawings, text boxes, headers, footers, comments and endnotes are
 *    left out.
 *    Automatic numbering: w:numPr (numId, ilvl), or the paragraph style's,
 *    names a level of an abstractNum in word/numbering.xml (or of the one
 *    its w:numStyleLink leads to through a list style); counters are
 *    kept per abstractNum and level, a level restarts when a higher one
 *    advances (or as w:lvlRestart says), w:start and w:startOverride are
 *    honoured, and w:lvlText
 *    ("%1.", "(%2)") is written before the text with each %N formatted
 *    by its level's w:numFmt.
 *  - ODT: text:h and text:p in order (office:text only); text:s (with
 *    text:c), text:tab and text:line-break as spaces; notes, comments,
 *    frames and drawings left out; tables row by row as above;
 *    text:list-item numbered by the list style's level (style:num-format
 *    1 a A i I, num-prefix, num-suffix, start-value, display-levels) from
 *    content.xml or styles.xml, an item counted when its first paragraph
 *    ends. Tracked changes: the body is the text with every change
 *    accepted, so accepting reads it as it is (text:tracked-changes, the
 *    log, holds only what was deleted). Rejecting, the log's
 *    text:changed-region elements are looked up by id (sorted, bsearch):
 *    text between an insertion's text:change-start and text:change-end is
 *    left out, and a paragraph end inside it runs its paragraph on into
 *    the next, which gives the label (as a Word paragraph mark does). A
 *    deletion's text:change point gets the deletion's paragraphs back
 *    with ODF's merge rule: the first runs on from the text before the
 *    point, each further one begins a paragraph (an item's first counted
 *    as an item of the list in force), the last runs on into the text
 *    after it; so a deletion within a paragraph, of whole paragraphs or
 *    of a paragraph break all read as LibreOffice rejects them. A
 *    deleted table comes back row by row; in a table cell the pieces are
 *    joined by spaces. Each deletion is put back once, marks inside the
 *    content put back are not read (no loop, no blow-up), marks of
 *    regions the log lacks and format changes change nothing, and an
 *    insertion never ended leaves out the text to the end.
 *
 * Properties (nd_import_props): docProps/core.xml and meta.xml are parsed
 * as every part is, each value taken in the order import.h gives; a PDF's
 * XMP packet too (every rdf:Description: dc:title's x-default rdf:li,
 * else its first; xmp:CreateDate and xmp:ModifyDate as elements or
 * attributes). A part that cannot be read has no properties.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "import_internal.h"
#include "normdiff/error.h"
#include "normdiff/import.h"

#define RATIO_FLOOR (1024u * 1024u) /* below this, any ratio is fine */
#define MAX_LEVELS 9

/* ---- zip and XML ------------------------------------------------------ */

static void quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

/* The member `name` of z into *dst (NUL-terminated). 1 if absent. */
static int read_member(zip_t *z, const char *name, nd_buf *dst,
                       const char *what)
{
	zip_stat_t st;
	zip_file_t *f = NULL;
	zip_uint64_t got = 0;
	int rc = 0;

	zip_stat_init(&st);
	if (zip_stat(z, name, 0, &st) < 0)
		return 1;
	if (!(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_COMP_SIZE))
		return nd_error_set(ND_ECORRUPT, "is not a readable %s file "
		                    "(%s has no size)", what, name);
	if (st.size > ND_IMPORT_MAX_MEMBER)
		return nd_error_set(ND_ETOOBIG, "is too big: %s would inflate to "
		                    "%llu bytes (the limit is %u)", name,
		                    (unsigned long long)st.size, ND_IMPORT_MAX_MEMBER);
	if (st.size > RATIO_FLOOR &&
	    st.size / (st.comp_size ? st.comp_size : 1) > ND_IMPORT_MAX_RATIO)
		return nd_error_set(ND_ETOOBIG, "is too big: %s would inflate %llu "
		                    "times (the limit is %u)", name,
		                    (unsigned long long)(st.size /
		                    (st.comp_size ? st.comp_size : 1)),
		                    ND_IMPORT_MAX_RATIO);
	if ((rc = nd_buf_grow(dst, (size_t)st.size + 1)) < 0)
		return rc;
	if (!(f = zip_fopen(z, name, 0))) {
		rc = nd_error_set(ND_ECORRUPT, "is not a readable %s file (%s "
		                  "cannot be opened)", what, name);
		goto done;
	}
	while (got < st.size) {
		zip_int64_t n = zip_fread(f, dst->ptr + got, st.size - got);

		if (n <= 0)
			break;
		got += (zip_uint64_t)n;
	}
	if (got != st.size) {
		rc = nd_error_set(ND_ECORRUPT, "is not a readable %s file (%s is "
		                  "damaged)", what, name);
		goto done;
	}
	dst->len = (size_t)got;
	dst->ptr[dst->len] = '\0';
done:
	if (f)
		zip_fclose(f);
	return rc;
}

static int open_zip(zip_t **z, const char *data, size_t len, const char *what)
{
	zip_error_t ze;
	zip_source_t *src;

	zip_error_init(&ze);
	*z = NULL;
	src = zip_source_buffer_create(data, len, 0, &ze);
	if (src && !(*z = zip_open_from_source(src, ZIP_RDONLY, &ze)))
		zip_source_free(src);
	zip_error_fini(&ze);
	if (!*z)
		return nd_error_set(ND_ECORRUPT, "is not a readable %s file (not "
		                    "a zip archive)", what);
	return 0;
}

static int depth_ok(xmlNode *n, int depth)
{
	for (; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    (depth > ND_IMPORT_MAX_DEPTH || !depth_ok(n->children, depth + 1)))
			return 0;
	return 1;
}

/* Does the prolog of raw (before its first element) declare a DOCTYPE? */
static int has_doctype(const char *s, size_t len)
{
	const char *end = s + len, *p = s;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *close;

		if (end - p >= 9 && !memcmp(p, "<!DOCTYPE", 9))
			return 1;
		if (end - p >= 4 && !memcmp(p, "<!--", 4))
			close = strstr(p + 4, "-->");
		else if (end - p >= 2 && p[1] == '?')
			close = strstr(p + 2, "?>");
		else
			return 0; /* the root element */
		if (!close)
			return 0;
		p = close + 2;
	}
	return 0;
}

/* Parse raw[0..len), named `name` in messages, into *doc. */
static int parse_xml(const char *raw, size_t len, const char *name,
                     xmlDoc **doc, const char *what)
{
	int rc = 0;

	*doc = NULL;
	if (len > INT32_MAX)
		return nd_error_set(ND_ETOOBIG, "is too big: %s", name);
	if (has_doctype(raw, len))
		return nd_error_set(ND_ECORRUPT, "is not a readable %s file (%s "
		                    "declares a DOCTYPE, which is refused)", what, name);
	xmlSetGenericErrorFunc(NULL, quiet);
	xmlSetStructuredErrorFunc(NULL, quiet_structured);
	*doc = xmlReadMemory(raw, (int)len, name, NULL, XML_PARSE_NONET |
	                     XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!*doc) {
		xmlErrorPtr e = xmlGetLastError();

		if (e && e->code == XML_ERR_INTERNAL_ERROR && e->message &&
		    strstr(e->message, "depth"))
			return nd_error_set(ND_ETOOBIG, "is too deeply nested: %s nests "
			                    "XML past %d levels", name, ND_IMPORT_MAX_DEPTH);
		return nd_error_set(ND_ECORRUPT, "is not a readable %s file (%s "
		                    "is not well-formed XML)", what, name);
	}
	if ((*doc)->intSubset || (*doc)->extSubset)
		rc = nd_error_set(ND_ECORRUPT, "is not a readable %s file (%s "
		                  "declares a DOCTYPE, which is refused)", what, name);
	else if (!depth_ok(xmlDocGetRootElement(*doc), 1))
		rc = nd_error_set(ND_ETOOBIG, "is too deeply nested: %s nests XML "
		                  "past %d levels", name, ND_IMPORT_MAX_DEPTH);
	if (rc) {
		xmlFreeDoc(*doc);
		*doc = NULL;
	}
	return rc;
}

/* Parse part `name` of z; *doc NULL (and 0) when the part is absent. */
static int parse_part(zip_t *z, const char *name, xmlDoc **doc,
                      const char *what)
{
	nd_buf raw;
	int rc;

	*doc = NULL;
	nd_buf_init(&raw);
	if ((rc = read_member(z, name, &raw, what)) == 0)
		rc = parse_xml(raw.ptr ? raw.ptr : "", raw.len, name, doc, what);
	nd_buf_dispose(&raw);
	return rc > 0 ? 0 : rc;
}

static int is(const xmlNode *n, const char *ns, const char *name)
{
	return n->type == XML_ELEMENT_NODE && !strcmp((const char *)n->name, name) &&
	       n->ns && n->ns->href && strstr((const char *)n->ns->href, ns);
}

/* The value of attribute `name` (any namespace), or NULL. */
static const char *attr(const xmlNode *n, const char *name)
{
	const xmlAttr *a;

	for (a = n ? n->properties : NULL; a; a = a->next)
		if (!strcmp((const char *)a->name, name) && a->children &&
		    a->children->type == XML_TEXT_NODE)
			return (const char *)a->children->content;
	return NULL;
}

static xmlNode *child(const xmlNode *n, const char *ns, const char *name)
{
	xmlNode *c;

	for (c = n ? n->children : NULL; c; c = c->next)
		if (is(c, ns, name))
			return c;
	return NULL;
}

static int attr_int(const xmlNode *n, const char *name, int dflt)
{
	const char *v = n ? attr(n, name) : NULL;
	long x;

	if (!v)
		return dflt;
	x = strtol(v, NULL, 10);
	return x < -1000000 || x > 1000000 ? dflt : (int)x;
}

/* ---- output ----------------------------------------------------------- */

typedef struct para {
	nd_buf *out; /* the document so far */
	nd_buf text; /* the paragraph being read */
	char under;  /* a heading: the mark of its underline ('=' for the top
	                level, '-' below), so the parser reads it as one */
	int rc;
} para;

/* Append text, collapsing runs of white space to one space; controls
 * (C0, DEL, C1: XML 1.0 allows all but most of C0, Word shows none) are
 * white space too. */
static void put_text(para *p, const char *s)
{
	for (; *s && !p->rc; s++) {
		unsigned char u = (unsigned char)*s;
		char c = u < 0x20 || u == 0x7f ? ' ' : *s;

		if (u == 0xc2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0x9f) {
			c = ' ';
			s++;
		}

		if (c == ' ' && (!p->text.len || p->text.ptr[p->text.len - 1] == ' '))
			continue;
		p->rc = nd_buf_putc(&p->text, c);
	}
}

/* End the paragraph: written with its label when it holds anything. */
static void flush(para *p, char *label)
{
	size_t n = p->text.len;

	while (n && p->text.ptr[n - 1] == ' ')
		n--;
	if (label) { /* "%1. " in w:lvlText: no doubled space */
		size_t l = strlen(label);

		for (char *c = label; *c; c++) /* "&#10;" in w:lvlText */
			if ((unsigned char)*c < 0x20 || *c == 0x7f)
				*c = ' ';
			else if ((unsigned char)c[0] == 0xc2 && (unsigned char)c[1] >= 0x80 &&
			         (unsigned char)c[1] <= 0x9f)
				c[0] = c[1] = ' '; /* a C1 control */
		while (l && label[l - 1] == ' ')
			label[--l] = '\0';
		while (*label == ' ')
			label++;
	}
	if (!p->rc && (n || (label && *label))) {
		if (p->out->len)
			p->rc = nd_buf_puts(p->out, "\n");
		if (!p->rc && label && *label) {
			p->rc = nd_buf_puts(p->out, label);
			if (!p->rc && n)
				p->rc = nd_buf_putc(p->out, ' ');
		}
		if (!p->rc)
			p->rc = nd_buf_put(p->out, p->text.ptr, n);
		if (!p->rc)
			p->rc = nd_buf_puts(p->out, "\n");
		for (size_t k = 0; p->under && !p->rc && k < 3; k++)
			p->rc = nd_buf_putc(p->out, p->under);
		if (p->under && !p->rc)
			p->rc = nd_buf_puts(p->out, "\n");
	}
	p->under = 0;
	nd_buf_clear(&p->text);
}

/* n in format fmt ("decimal", "lowerLetter", ... or ODT's "1", "a", ...). */
static void format_number(char *dst, size_t cap, int n, const char *fmt)
{
	static const char *const rn[] = {"m", "cm", "d", "cd", "c", "xc", "l",
	                                 "xl", "x", "ix", "v", "iv", "i"};
	static const int rv[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
	int upper = fmt && (!strcmp(fmt, "upperLetter") || !strcmp(fmt, "A") ||
	                    !strcmp(fmt, "upperRoman") || !strcmp(fmt, "I"));
	size_t k = 0, i;

	dst[0] = '\0';
	if (fmt && (!strcmp(fmt, "lowerLetter") || !strcmp(fmt, "upperLetter") ||
	            !strcmp(fmt, "a") || !strcmp(fmt, "A"))) {
		/* Word's a..z, aa..zz, aaa... */
		int reps = n < 1 ? 1 : (n - 1) / 26 + 1;

		for (i = 0; i < (size_t)reps && k + 1 < cap && reps <= 8; i++)
			dst[k++] = (char)((upper ? 'A' : 'a') + (n < 1 ? 0 : (n - 1) % 26));
		dst[k] = '\0';
	} else if (fmt && (!strcmp(fmt, "lowerRoman") || !strcmp(fmt, "upperRoman") ||
	                   !strcmp(fmt, "i") || !strcmp(fmt, "I")) && n > 0 && n < 4000) {
		for (i = 0; i < 13; i++)
			for (; n >= rv[i]; n -= rv[i])
				for (const char *c = rn[i]; *c && k + 1 < cap; c++)
					dst[k++] = (char)(upper ? *c - 'a' + 'A' : *c);
		dst[k] = '\0';
	} else if (fmt && (!strcmp(fmt, "none") || !*fmt)) {
		dst[0] = '\0';
	} else {
		snprintf(dst, cap, "%d", n);
	}
}

/* ---- DOCX -------------------------------------------------------------- */

#define W "wordprocessingml/2006/main"

typedef struct lvl {
	int start;
	int restart;      /* w:lvlRestart: 0 never, N after level N; -1 any */
	const char *fmt;  /* w:numFmt */
	const char *text; /* w:lvlText */
} lvl;

typedef struct abstract_num {
	int id;
	const char *link; /* w:numStyleLink: the levels are another list's */
	lvl lv[MAX_LEVELS];
	int count[MAX_LEVELS];
	int seen[MAX_LEVELS];
} abstract_num;

typedef struct num {
	int id, abs; /* index into abstracts, or -1 */
	int override[MAX_LEVELS]; /* w:startOverride, or INT32_MIN */
	int used;
} num;

typedef struct docx {
	para p;
	nd_changes changes;
	abstract_num *abs;
	size_t nabs;
	num *nums;
	size_t nnums;
	xmlDoc *styles;
} docx;

static int load_numbering(docx *d, xmlDoc *doc)
{
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL, *c, *l;
	size_t na = 0, nn = 0;

	for (c = root ? root->children : NULL; c; c = c->next) {
		na += is(c, W, "abstractNum");
		nn += is(c, W, "num");
	}
	if (!(d->abs = calloc(na + 1, sizeof(*d->abs))) ||
	    !(d->nums = calloc(nn + 1, sizeof(*d->nums))))
		return nd_error_oom();
	for (c = root ? root->children : NULL; c; c = c->next) {
		if (is(c, W, "abstractNum")) {
			abstract_num *a = &d->abs[d->nabs++];

			a->id = attr_int(c, "abstractNumId", -1);
			a->link = child(c, W, "numStyleLink") ?
			          attr(child(c, W, "numStyleLink"), "val") : NULL;
			for (int k = 0; k < MAX_LEVELS; k++) {
				a->lv[k].start = 1;
				a->lv[k].restart = -1;
			}
			for (l = c->children; l; l = l->next) {
				int k = attr_int(l, "ilvl", -1);

				if (!is(l, W, "lvl") || k < 0 || k >= MAX_LEVELS)
					continue;
				a->lv[k].start = attr_int(child(l, W, "start"), "val", 1);
				a->lv[k].restart = attr_int(child(l, W, "lvlRestart"), "val", -1);
				a->lv[k].fmt = child(l, W, "numFmt") ?
				               attr(child(l, W, "numFmt"), "val") : NULL;
				a->lv[k].text = child(l, W, "lvlText") ?
				                attr(child(l, W, "lvlText"), "val") : NULL;
			}
		}
	}
	for (c = root ? root->children : NULL; c; c = c->next) {
		num *m;
		int aid;

		if (!is(c, W, "num"))
			continue;
		m = &d->nums[d->nnums++];
		m->id = attr_int(c, "numId", -1);
		m->abs = -1;
		aid = attr_int(child(c, W, "abstractNumId"), "val", -1);
		for (size_t k = 0; k < d->nabs; k++)
			if (d->abs[k].id == aid)
				m->abs = (int)k;
		for (int k = 0; k < MAX_LEVELS; k++)
			m->override[k] = INT32_MIN;
		for (l = c->children; l; l = l->next) {
			int k = attr_int(l, "ilvl", -1);

			if (is(l, W, "lvlOverride") && k >= 0 && k < MAX_LEVELS &&
			    child(l, W, "startOverride"))
				m->override[k] = attr_int(child(l, W, "startOverride"), "val", 1);
		}
	}
	return 0;
}

/* The child `name` (w:numPr, w:outlineLvl) of the paragraph properties
 * of a style, or of the styles it is based on. */
static xmlNode *style_ppr(docx *d, const char *style, const char *name,
                          int hops)
{
	xmlNode *root = d->styles ? xmlDocGetRootElement(d->styles) : NULL, *s;

	for (s = root ? root->children : NULL; s && style && hops < 16; s = s->next) {
		const char *id = is(s, W, "style") ? attr(s, "styleId") : NULL;
		xmlNode *np, *based;

		if (!id || strcmp(id, style))
			continue;
		if ((np = child(child(s, W, "pPr"), W, name)))
			return np;
		based = child(s, W, "basedOn");
		return based ? style_ppr(d, attr(based, "val"), name, hops + 1) : NULL;
	}
	return NULL;
}

static num *find_num(docx *d, int id)
{
	for (size_t j = 0; j < d->nnums && id > 0; j++)
		if (d->nums[j].id == id)
			return &d->nums[j];
	return NULL;
}

/* The list whose levels w:num m counts with: its abstractNum, or the one a
 * list style names (w:numStyleLink -> style -> w:numId), a few hops deep. */
static abstract_num *abstract_of(docx *d, num *m)
{
	for (int hops = 0; m && m->abs >= 0 && hops < 4; hops++) {
		abstract_num *a = &d->abs[m->abs];
		xmlNode *np;

		if (!a->link)
			return a;
		np = style_ppr(d, a->link, "numPr", 0);
		m = find_num(d, attr_int(child(np, W, "numId"), "val", 0));
	}
	return NULL;
}

/* The label automatic numbering shows for paragraph properties ppr. */
static void docx_label(docx *d, xmlNode *ppr, char *label, size_t cap)
{
	xmlNode *np = child(ppr, W, "numPr"), *ps = child(ppr, W, "pStyle");
	xmlNode *sn = ps ? style_ppr(d, attr(ps, "val"), "numPr", 0) : NULL;
	int id, il;
	num *m;
	abstract_num *a;
	size_t k = 0;
	const char *t;

	label[0] = '\0';
	id = attr_int(child(np, W, "numId"), "val",
	              attr_int(child(sn, W, "numId"), "val", 0));
	il = attr_int(child(np, W, "ilvl"), "val",
	              attr_int(child(sn, W, "ilvl"), "val", 0));
	m = find_num(d, id);
	if (!m || !(a = abstract_of(d, m)) || il < 0 || il >= MAX_LEVELS)
		return;
	if (!m->used) { /* a w:num with overrides restarts those levels */
		m->used = 1;
		for (int j = 0; j < MAX_LEVELS; j++)
			if (m->override[j] != INT32_MIN) {
				a->count[j] = m->override[j] - 1;
				a->seen[j] = 1;
			}
	}
	a->count[il] = a->seen[il] ? a->count[il] + 1 : a->lv[il].start;
	a->seen[il] = 1;
	for (int j = il + 1; j < MAX_LEVELS; j++) /* lower levels restart */
		if (a->lv[j].restart < 0 || il < a->lv[j].restart)
			a->seen[j] = 0;
	t = a->lv[il].text;
	if (a->lv[il].fmt && !strcmp(a->lv[il].fmt, "bullet")) {
		snprintf(label, cap, "%s", "\xe2\x80\xa2");
		return;
	}
	for (; t && *t && k + 1 < cap; t++) {
		if (t[0] == '%' && t[1] >= '1' && t[1] <= '9') {
			int j = t[1] - '1';
			char n[48];

			format_number(n, sizeof(n), a->seen[j] ? a->count[j] : a->lv[j].start,
			              a->lv[j].fmt);
			for (const char *c = n; *c && k + 1 < cap; c++)
				label[k++] = *c;
			t++;
		} else {
			label[k++] = *t;
		}
	}
	label[k] = '\0';
}

/* The text of runs under n into d->p.text. */
static void docx_runs(docx *d, xmlNode *n)
{
	for (; n && !d->p.rc; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (is(n, W, "t") || (is(n, W, "delText") &&
		                      d->changes == ND_CHANGES_REJECT)) {
			for (xmlNode *c = n->children; c; c = c->next)
				if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
					put_text(&d->p, (const char *)c->content);
		} else if (is(n, W, "tab") || is(n, W, "br") || is(n, W, "cr")) {
			put_text(&d->p, " ");
		} else if (is(n, W, "ins") || is(n, W, "moveTo")) {
			if (d->changes == ND_CHANGES_ACCEPT)
				docx_runs(d, n->children);
		} else if (is(n, W, "del") || is(n, W, "moveFrom")) {
			if (d->changes == ND_CHANGES_REJECT)
				docx_runs(d, n->children);
		} else if (is(n, W, "drawing") || is(n, W, "pict") || is(n, W, "object") ||
		           is(n, "markup-compatibility", "AlternateContent")) {
			continue; /* text boxes and drawings are left out */
		} else if (is(n, W, "pPr") || is(n, W, "rPr") || is(n, W, "instrText") ||
		           is(n, W, "footnoteReference") || is(n, W, "endnoteReference")) {
			continue;
		} else {
			docx_runs(d, n->children); /* r, hyperlink, smartTag, sdt, ... */
		}
	}
}

static void docx_blocks(docx *d, xmlNode *n);

/* A paragraph whose mark is deleted or moved away (accepting) or inserted
 * or moved here (rejecting) is not one of its own: its text runs on into
 * the next paragraph, with no space between them (a paragraph mark is a
 * character; a space there is text of its own), which keeps its label, as
 * Word shows it. A
 * paragraph of the style ND_IMPORT_SUMMARY_STYLE is left out. */
static void docx_para(docx *d, xmlNode *p)
{
	xmlNode *ppr = child(p, W, "pPr"), *mark = child(ppr, W, "rPr");
	const char *style = attr(child(ppr, W, "pStyle"), "val");
	int accept = d->changes == ND_CHANGES_ACCEPT, level;
	char label[256];

	if (style && !strcmp(style, ND_IMPORT_SUMMARY_STYLE))
		return; /* the first page of a redline, not the text */
	if (child(mark, W, accept ? "del" : "ins") ||
	    child(mark, W, accept ? "moveFrom" : "moveTo")) {
		docx_runs(d, p->children); /* joined as Word joins them: no space */
		return;
	}
	docx_label(d, ppr, label, sizeof(label));
	docx_runs(d, p->children);
	level = attr_int(child(ppr, W, "outlineLvl"), "val",
	                 attr_int(style_ppr(d, style, "outlineLvl", 0), "val", 9));
	if (level >= 0 && level < 9) /* 9 is body text */
		d->p.under = level ? '-' : '=';
	flush(&d->p, label);
}

/* One row: its cells' paragraphs joined by " | ". */
static void docx_row(docx *d, xmlNode *tr)
{
	int first = 1;

	for (xmlNode *tc = tr->children; tc && !d->p.rc; tc = tc->next) {
		if (!is(tc, W, "tc"))
			continue;
		if (!first)
			put_text(&d->p, " | ");
		first = 0;
		for (xmlNode *cp = tc->children; cp; cp = cp->next)
			if (is(cp, W, "p") || is(cp, W, "tbl")) {
				docx_runs(d, cp->children);
				put_text(&d->p, " ");
			}
		while (d->p.text.len && d->p.text.ptr[d->p.text.len - 1] == ' ')
			d->p.text.len--;
		if (d->p.text.ptr)
			d->p.text.ptr[d->p.text.len] = '\0';
	}
	flush(&d->p, NULL);
}

static void docx_blocks(docx *d, xmlNode *n)
{
	for (; n && !d->p.rc; n = n->next) {
		if (is(n, W, "p"))
			docx_para(d, n);
		else if (is(n, W, "tbl"))
			for (xmlNode *tr = n->children; tr; tr = tr->next) {
				if (is(tr, W, "tr"))
					docx_row(d, tr);
			}
		else if (is(n, W, "ins") || is(n, W, "moveTo"))
			docx_blocks(d, d->changes == ND_CHANGES_ACCEPT ? n->children : NULL);
		else if (is(n, W, "del") || is(n, W, "moveFrom"))
			docx_blocks(d, d->changes == ND_CHANGES_REJECT ? n->children : NULL);
		else if (is(n, W, "sdt") || is(n, W, "sdtContent") || is(n, W, "body") ||
		         is(n, W, "customXml") || is(n, W, "footnote"))
			docx_blocks(d, n->children);
	}
}

int nd_import_docx(nd_buf *out, const char *data, size_t len,
                   const nd_import_opts *o)
{
	zip_t *z = NULL;
	xmlDoc *doc = NULL, *numbering = NULL, *notes = NULL;
	docx d;
	nd_buf text;
	int rc;

	memset(&d, 0, sizeof(d));
	nd_buf_init(&text);
	nd_buf_init(&d.p.text);
	d.p.out = &text;
	d.changes = o ? o->changes : ND_CHANGES_ACCEPT;
	if ((rc = open_zip(&z, data, len, "Word")) < 0)
		goto done;
	if ((rc = parse_part(z, "word/document.xml", &doc, "Word")) < 0)
		goto done;
	if (!doc) {
		rc = nd_error_set(ND_ECORRUPT, "is not a readable Word file (no "
		                  "word/document.xml)");
		goto done;
	}
	if ((rc = parse_part(z, "word/numbering.xml", &numbering, "Word")) < 0 ||
	    (rc = parse_part(z, "word/styles.xml", &d.styles, "Word")) < 0 ||
	    (rc = parse_part(z, "word/footnotes.xml", &notes, "Word")) < 0 ||
	    (rc = load_numbering(&d, numbering)) < 0)
		goto done;
	docx_blocks(&d, child(xmlDocGetRootElement(doc), W, "body"));
	flush(&d.p, NULL); /* a last paragraph run on: its text, not a note's */
	if (notes) /* the separators (w:type) are not notes */
		for (xmlNode *f = xmlDocGetRootElement(notes)->children; f; f = f->next)
			if (is(f, W, "footnote") && !attr(f, "type"))
				docx_blocks(&d, f->children);
	if ((rc = d.p.rc) < 0)
		goto done;
	rc = nd_buf_put(out, text.ptr ? text.ptr : "", text.len);
done:
	xmlFreeDoc(doc);
	xmlFreeDoc(numbering);
	xmlFreeDoc(notes);
	xmlFreeDoc(d.styles);
	free(d.abs);
	free(d.nums);
	nd_buf_dispose(&d.p.text);
	nd_buf_dispose(&text);
	if (z)
		zip_discard(z);
	return rc;
}

/* ---- ODT --------------------------------------------------------------- */

#define TEXT "opendocument:xmlns:text"
#define TABLE "opendocument:xmlns:table"
#define STYLE "opendocument:xmlns:style"

#define OFFICE "opendocument:xmlns:office"

/* A text:changed-region of the tracked-changes log, and one of its ids
 * (text:id, xml:id) leading to it: a region written with two different
 * ids is one region under both. */
typedef struct region {
	xmlNode *change; /* its text:insertion, text:deletion or format-change */
	int open;        /* an insertion begun in the body, not yet ended */
	int used;        /* a deletion already put back */
} region;

typedef struct region_id {
	const char *id;
	region *r;
} region_id;

typedef struct odt {
	para p;
	nd_changes changes;
	xmlDoc *content, *styles;
	const char *style;        /* the list style in force */
	int level;                /* 0 outside lists, 1 in a top list, ... */
	int count[MAX_LEVELS + 1];
	int pending;              /* a list item waiting for its paragraph */
	int pending_sv;           /* ... and its text:start-value, or 0 */
	int carry;                /* the paragraph read runs on into the next */
	int cell;                 /* in a table cell: paragraph ends are spaces */
	int putback;              /* in a deletion put back: marks not read */
	region *rg;               /* the log */
	region_id *ids;           /* its ids, sorted */
	size_t nids;
	size_t open;              /* insertions open (rejecting): text left out */
} odt;

/* The list style `name`'s level-style for `level`, from either part. */
static xmlNode *odt_level_style(odt *o, int level)
{
	xmlDoc *docs[2] = {o->content, o->styles};

	for (int k = 0; k < 2 && o->style; k++) {
		xmlNode *root = docs[k] ? xmlDocGetRootElement(docs[k]) : NULL;

		for (xmlNode *sec = root ? root->children : NULL; sec; sec = sec->next)
			for (xmlNode *s = sec->children; s; s = s->next) {
				const char *nm = is(s, TEXT, "list-style") ? attr(s, "name") : NULL;

				if (!nm || strcmp(nm, o->style))
					continue;
				for (xmlNode *l = s->children; l; l = l->next)
					if (l->type == XML_ELEMENT_NODE &&
					    attr_int(l, "level", 0) == level)
						return l;
			}
	}
	return NULL;
}

/* The paragraph style `name` (style:style), from either part. */
static xmlNode *odt_para_style(odt *o, const char *name)
{
	xmlDoc *docs[2] = {o->content, o->styles};

	for (int k = 0; k < 2 && name; k++) {
		xmlNode *root = docs[k] ? xmlDocGetRootElement(docs[k]) : NULL;

		for (xmlNode *sec = root ? root->children : NULL; sec; sec = sec->next)
			for (xmlNode *s = sec->children; s; s = s->next) {
				const char *nm = is(s, STYLE, "style") ? attr(s, "name") : NULL;

				if (nm && !strcmp(nm, name))
					return s;
			}
	}
	return NULL;
}

/* Is paragraph n of a redline's first page: of the style
 * ND_IMPORT_SUMMARY_STYLE (as LibreOffice names it, "Normdiff_20_Summary",
 * too), itself or through the styles its style is based on? */
static int odt_summary(odt *o, const xmlNode *n)
{
	const char *name = attr(n, "style-name");

	for (int hops = 0; name && hops < 16; hops++) {
		xmlNode *st;

		if (!strcmp(name, ND_IMPORT_SUMMARY_STYLE) ||
		    !strcmp(name, "Normdiff_20_Summary"))
			return 1;
		st = odt_para_style(o, name);
		name = st ? attr(st, "parent-style-name") : NULL;
	}
	return 0;
}

static int odt_start(odt *o, int level)
{
	xmlNode *ls = odt_level_style(o, level);

	return ls ? attr_int(ls, "start-value", 1) : 1;
}

/* The label of the list item at o->level, counted already. */
static void odt_label(odt *o, char *label, size_t cap)
{
	xmlNode *ls = odt_level_style(o, o->level);
	const char *pre, *suf, *fmt;
	int shown, k;
	size_t at;

	label[0] = '\0';
	if (!ls)
		return;
	if (is(ls, TEXT, "list-level-style-bullet")) {
		const char *b = attr(ls, "bullet-char");

		snprintf(label, cap, "%s", b && *b ? b : "\xe2\x80\xa2");
		return;
	}
	if (!is(ls, TEXT, "list-level-style-number"))
		return;
	fmt = attr(ls, "num-format");
	if (!fmt || !*fmt)
		return;
	pre = attr(ls, "num-prefix");
	suf = attr(ls, "num-suffix");
	shown = attr_int(ls, "display-levels", 1);
	if (shown < 1 || shown > o->level)
		shown = shown < 1 ? 1 : o->level;
	snprintf(label, cap, "%s", pre ? pre : "");
	for (k = o->level - shown + 1; k <= o->level; k++) {
		xmlNode *lk = odt_level_style(o, k);
		char n[48];

		format_number(n, sizeof(n), o->count[k],
		              lk ? attr(lk, "num-format") : "1");
		at = strlen(label);
		snprintf(label + at, cap - at, "%s%s", n, k < o->level ? "." : "");
	}
	at = strlen(label);
	snprintf(label + at, cap - at, "%s", suf ? suf : "");
}

/* Count the list item waiting for its paragraph, at o->level. */
static void odt_count(odt *o)
{
	int l = o->level;

	if (!o->pending)
		return;
	o->pending = 0;
	if (l < 1 || l > MAX_LEVELS)
		return;
	o->count[l] = o->pending_sv > 0 ? o->pending_sv : o->count[l] ?
	              o->count[l] + 1 : odt_start(o, l);
	for (int k = l + 1; k <= MAX_LEVELS; k++)
		o->count[k] = 0;
}

/* A paragraph ends: written with the label of the list item it begins;
 * or, rejecting, when its break lies in an insertion, run on into the
 * next paragraph, which gives the label (as a Word paragraph mark does)
 * while this one's item is not counted; in a table cell, a space. */
static void odt_end(odt *o)
{
	char label[256] = "";

	if (o->cell || o->open) {
		if (o->cell) /* a break in an insertion joins as it is: no space */
			put_text(&o->p, " ");
		o->carry = o->carry || o->open;
		return;
	}
	if (o->pending && o->level > 0 && o->level <= MAX_LEVELS) {
		odt_count(o);
		odt_label(o, label, sizeof(label));
	}
	o->pending = 0;
	o->carry = 0;
	flush(&o->p, label);
}

static int region_cmp(const void *a, const void *b)
{
	return strcmp(((const region_id *)a)->id, ((const region_id *)b)->id);
}

/* Region r's ids (attributes "id" in any namespace, two at most). */
static void odt_region_ids(odt *o, xmlNode *n, region *r)
{
	const char *first = NULL;

	for (xmlAttr *a = n->properties; a; a = a->next) {
		const char *v = a->children && a->children->type == XML_TEXT_NODE ?
		                (const char *)a->children->content : NULL;

		if (!v || strcmp((const char *)a->name, "id") ||
		    (first && !strcmp(first, v)))
			continue;
		o->ids[o->nids].id = v;
		o->ids[o->nids++].r = r;
		if (first)
			return;
		first = v;
	}
}

/* The log of changes (office:text's text:tracked-changes) into o->rg
 * and o->ids. */
static int odt_load_changes(odt *o, xmlNode *text)
{
	xmlNode *log = child(text, TEXT, "tracked-changes"), *r, *c;
	size_t n = 0, k = 0;

	for (r = log ? log->children : NULL; r; r = r->next)
		n += is(r, TEXT, "changed-region");
	if (!n)
		return 0;
	if (!(o->rg = calloc(n, sizeof(*o->rg))) ||
	    !(o->ids = calloc(2 * n, sizeof(*o->ids))))
		return nd_error_oom();
	for (r = log->children; r; r = r->next) {
		if (!is(r, TEXT, "changed-region"))
			continue;
		for (c = r->children; c && !o->rg[k].change; c = c->next)
			if (is(c, TEXT, "insertion") || is(c, TEXT, "deletion") ||
			    is(c, TEXT, "format-change"))
				o->rg[k].change = c;
		odt_region_ids(o, r, &o->rg[k++]);
	}
	qsort(o->ids, o->nids, sizeof(*o->ids), region_cmp);
	return 0;
}

static region *odt_region(odt *o, const xmlNode *mark)
{
	region_id key, *hit;

	key.id = attr(mark, "change-id");
	if (!key.id || !o->nids)
		return NULL;
	hit = bsearch(&key, o->ids, o->nids, sizeof(*o->ids), region_cmp);
	return hit ? hit->r : NULL;
}

static void odt_put(odt *o, const char *s)
{
	if (!o->open)
		put_text(&o->p, s);
}

static void odt_mark(odt *o, xmlNode *n);

static void odt_inline(odt *o, xmlNode *n)
{
	for (; n && !o->p.rc; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			odt_put(o, (const char *)n->content);
		} else if (is(n, TEXT, "s") || is(n, TEXT, "tab") ||
		           is(n, TEXT, "line-break")) {
			odt_put(o, " ");
		} else if (is(n, TEXT, "change-start") || is(n, TEXT, "change-end") ||
		           is(n, TEXT, "change")) {
			odt_mark(o, n);
		} else if (is(n, TEXT, "note") || is(n, TEXT, "tracked-changes") ||
		           is(n, OFFICE, "annotation") ||
		           (n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
		            strstr((const char *)n->ns->href, "opendocument:xmlns:drawing"))) {
			continue; /* notes, comments, frames and drawings left out */
		} else if (n->type == XML_ELEMENT_NODE) {
			odt_inline(o, n->children); /* span, a, ... */
		}
	}
}

static void odt_blocks(odt *o, xmlNode *n);
static void odt_table(odt *o, xmlNode *n);

/* A deletion's content put back at its point. Its first paragraph's text
 * runs on from the text before the point; each further one ends the
 * paragraph before it and begins one (the first of a list item counting
 * as an item of the list in force); the last runs on into the text after
 * the point. A table ends the paragraph before it and is read as tables
 * are; in a table cell, where paragraph ends are spaces, it is read as its
 * cells' paragraphs. *k counts the paragraphs, *item: the next is an
 * item's first. */
static void odt_deleted(odt *o, xmlNode *n, int *item, int *k)
{
	int none = 0, first;

	for (; n && !o->p.rc; n = n->next) {
		if (is(n, TEXT, "p") || is(n, TEXT, "h")) {
			if ((*k)++) {
				odt_end(o);
				o->pending = *item && o->level > 0 && !o->cell;
				o->pending_sv = 0;
			}
			*item = 0;
			odt_inline(o, n->children);
		} else if (is(n, TEXT, "list-item") || is(n, TEXT, "list-header")) {
			first = is(n, TEXT, "list-item");
			odt_deleted(o, n->children, &first, k);
		} else if (is(n, TEXT, "list") || is(n, TEXT, "section")) {
			odt_deleted(o, n->children, &none, k);
		} else if (is(n, TABLE, "table") && !o->cell) {
			odt_end(o);
			odt_table(o, n->children);
			(*k)++;
		} else if (n->type == XML_ELEMENT_NODE && n->ns && n->ns->href &&
		           strstr((const char *)n->ns->href, TABLE)) {
			odt_deleted(o, n->children, &none, k); /* in a cell: spaced */
		}
	}
}

/* A change mark, read when rejecting (accepting, the body is the text):
 * an insertion's start and end bound text left out, even across
 * paragraphs; a deletion's point gets its content back, once, unless it
 * lies in an insertion left out. Marks in content put back are not read,
 * nor marks of regions the log does not hold. */
static void odt_mark(odt *o, xmlNode *n)
{
	region *r;
	int k = 0, none = 0;

	if (o->changes != ND_CHANGES_REJECT || o->putback ||
	    !(r = odt_region(o, n)) || !r->change)
		return;
	if (is(r->change, TEXT, "insertion")) {
		if (is(n, TEXT, "change-start") && !r->open) {
			r->open = 1;
			o->open++;
		} else if (is(n, TEXT, "change-end") && r->open) {
			r->open = 0;
			o->open--;
		}
	} else if (is(r->change, TEXT, "deletion") && is(n, TEXT, "change") &&
	           !r->used && !o->open) {
		r->used = 1;
		o->putback = 1;
		odt_deleted(o, r->change->children, &none, &k);
		o->putback = 0;
	}
}

static void odt_row(odt *o, xmlNode *tr)
{
	int first = 1;

	o->cell++;
	for (xmlNode *tc = tr->children; tc && !o->p.rc; tc = tc->next) {
		if (!is(tc, TABLE, "table-cell"))
			continue;
		if (!first)
			put_text(&o->p, " | ");
		first = 0;
		for (xmlNode *cp = tc->children; cp; cp = cp->next)
			if (is(cp, TEXT, "p") || is(cp, TEXT, "h")) {
				odt_inline(o, cp->children);
				put_text(&o->p, " ");
			}
		while (o->p.text.len && o->p.text.ptr[o->p.text.len - 1] == ' ')
			o->p.text.len--;
		if (o->p.text.ptr)
			o->p.text.ptr[o->p.text.len] = '\0';
	}
	o->cell--;
	flush(&o->p, NULL);
}

static void odt_table(odt *o, xmlNode *n)
{
	for (; n; n = n->next)
		if (is(n, TABLE, "table-row"))
			odt_row(o, n);
		else if (is(n, TABLE, "table-header-rows") || is(n, TABLE, "table-rows") ||
		         is(n, TABLE, "table-row-group"))
			odt_table(o, n->children);
}

static void odt_list(odt *o, xmlNode *list)
{
	const char *saved = o->style, *nm = attr(list, "style-name");
	const char *cont = attr(list, "continue-numbering");

	if (nm)
		o->style = nm;
	if (++o->level <= MAX_LEVELS && o->level == 1 &&
	    !(cont && !strcmp(cont, "true")) && !attr(list, "continue-list"))
		o->count[1] = 0;
	if (o->level <= MAX_LEVELS) {
		/* a new list at this level counts from its start */
		if (o->level > 1)
			o->count[o->level] = 0;
		for (xmlNode *it = list->children; it && !o->p.rc; it = it->next) {
			if (!is(it, TEXT, "list-item") && !is(it, TEXT, "list-header"))
				continue;
			/* counted when its first paragraph ends (odt_end) */
			o->pending = is(it, TEXT, "list-item");
			o->pending_sv = attr_int(it, "start-value", 0);
			odt_blocks(o, it->children);
			if (!o->carry)
				odt_count(o); /* an item without a paragraph counts too */
			o->pending = 0;
		}
	}
	o->level--;
	o->style = saved;
}

static void odt_blocks(odt *o, xmlNode *n)
{
	for (; n && !o->p.rc; n = n->next) {
		if ((is(n, TEXT, "p") || is(n, TEXT, "h")) && odt_summary(o, n)) {
			continue; /* a redline's first page */
		} else if (is(n, TEXT, "p") || is(n, TEXT, "h")) {
			odt_inline(o, n->children);
			if (is(n, TEXT, "h")) /* a heading, underlined as in plain text */
				o->p.under = attr_int(n, "outline-level", 1) > 1 ? '-' : '=';
			odt_end(o);
		} else if (is(n, TEXT, "list")) {
			if (!o->carry)
				odt_count(o); /* an item whose list comes first */
			o->pending = 0;
			odt_list(o, n);
		} else if (is(n, TABLE, "table")) {
			odt_table(o, n->children);
		} else if (is(n, TEXT, "change-start") || is(n, TEXT, "change-end") ||
		           is(n, TEXT, "change")) {
			odt_mark(o, n);
		} else if (is(n, TEXT, "section") || is(n, TEXT, "index-body") ||
		           is(n, TEXT, "table-of-content") ||
		           is(n, TEXT, "illustration-index") ||
		           is(n, TEXT, "alphabetical-index")) {
			odt_blocks(o, n->children);
		}
	}
}

int nd_import_odt(nd_buf *out, const char *data, size_t len,
                  const nd_import_opts *opts)
{
	zip_t *z = NULL;
	odt o;
	nd_buf text;
	xmlNode *body;
	int rc;

	memset(&o, 0, sizeof(o));
	nd_buf_init(&text);
	nd_buf_init(&o.p.text);
	o.p.out = &text;
	o.changes = opts ? opts->changes : ND_CHANGES_ACCEPT;
	if ((rc = open_zip(&z, data, len, "OpenDocument")) < 0)
		goto done;
	if ((rc = parse_part(z, "content.xml", &o.content, "OpenDocument")) < 0)
		goto done;
	if (!o.content) {
		rc = nd_error_set(ND_ECORRUPT, "is not a readable OpenDocument "
		                  "file (no content.xml)");
		goto done;
	}
	if ((rc = parse_part(z, "styles.xml", &o.styles, "OpenDocument")) < 0)
		goto done;
	body = child(child(xmlDocGetRootElement(o.content), OFFICE, "body"),
	             OFFICE, "text");
	if ((rc = odt_load_changes(&o, body)) < 0)
		goto done;
	odt_blocks(&o, body ? body->children : NULL);
	flush(&o.p, NULL); /* a paragraph run on past the last one */
	if ((rc = o.p.rc) < 0)
		goto done;
	rc = nd_buf_put(out, text.ptr ? text.ptr : "", text.len);
done:
	xmlFreeDoc(o.content);
	xmlFreeDoc(o.styles);
	free(o.rg);
	free(o.ids);
	nd_buf_dispose(&o.p.text);
	nd_buf_dispose(&text);
	if (z)
		zip_discard(z);
	return rc;
}

/* ---- properties (nd_import_props) --------------------------------------- */

#define DC "purl.org/dc/elements/1.1"

typedef struct prop_src {
	const char *ns, *name, *from;
	int title; /* 1 the title, 0 a date */
} prop_src;

static const prop_src docx_props[] = {
	{DC, "title", "dc:title in docProps/core.xml", 1},
	{"purl.org/dc/terms", "modified", "dcterms:modified in docProps/core.xml", 0},
	{"purl.org/dc/terms", "created", "dcterms:created in docProps/core.xml", 0},
};

static const prop_src odt_props[] = {
	{DC, "title", "dc:title in meta.xml", 1},
	{DC, "date", "dc:date in meta.xml", 0},
	{"opendocument:xmlns:meta", "creation-date", "meta:creation-date in meta.xml", 0},
};

/* The properties under `props` (core.xml's root, meta.xml's office:meta)
 * in the order of src: the first of each kind found wins. */
static int props_of(xmlNode *props, const prop_src *src, size_t nsrc,
                    nd_props *p)
{
	int err = 0;

	for (size_t k = 0; k < nsrc && !err; k++) {
		xmlNode *n = child(props, src[k].ns, src[k].name);
		xmlChar *v = n ? xmlNodeGetContent(n) : NULL;

		if (v && src[k].title)
			err = nd_props_title(p, (const char *)v, strlen((const char *)v),
			                     src[k].from);
		else if (v)
			nd_props_date(p, (const char *)v, src[k].from);
		xmlFree(v);
	}
	return err;
}

/* Part `part` of the zip read as properties (under office:meta when
 * in_meta); a file or part that cannot be read has none (its error is
 * not passed on). */
static int read_props(const char *data, size_t len, const char *part, int in_meta,
                      const prop_src *src, size_t nsrc, nd_props *p)
{
	zip_t *z = NULL;
	xmlDoc *doc = NULL;
	xmlNode *props;
	int err = 0;

	if (open_zip(&z, data, len, "") < 0) {
		nd_error_clear();
		return 0;
	}
	if (parse_part(z, part, &doc, "") == 0 && doc) {
		props = xmlDocGetRootElement(doc);
		if (in_meta)
			props = child(props, OFFICE, "meta");
		err = props_of(props, src, nsrc, p);
	} else {
		nd_error_clear();
	}
	xmlFreeDoc(doc);
	zip_discard(z);
	return err;
}

int nd_props_docx(const char *data, size_t len, nd_props *p)
{
	return read_props(data, len, "docProps/core.xml", 0, docx_props,
	                  sizeof(docx_props) / sizeof(docx_props[0]), p);
}

int nd_props_odt(const char *data, size_t len, nd_props *p)
{
	return read_props(data, len, "meta.xml", 1, odt_props,
	                  sizeof(odt_props) / sizeof(odt_props[0]), p);
}

/* ---- a PDF's XMP packet (nd_props_xmp) --------------------------------- */

#define RDF "www.w3.org/1999/02/22-rdf-syntax-ns"
#define XMP "ns.adobe.com/xap/1.0/"

/* The element holding the text of an XMP dc:title: its rdf:Alt's
 * x-default rdf:li, else its first rdf:li; the title itself when it is
 * plain text. */
static xmlNode *xmp_title(xmlNode *t)
{
	xmlNode *alt = child(t, RDF, "Alt"), *first = NULL;

	if (!alt)
		return t;
	for (xmlNode *li = alt->children; li; li = li->next) {
		const char *lang = is(li, RDF, "li") ? attr(li, "lang") : NULL;

		if (lang && !strcmp(lang, "x-default"))
			return li;
		if (!first && is(li, RDF, "li"))
			first = li;
	}
	return first;
}

/* A date (xmp:CreateDate, xmp:ModifyDate) of an rdf:Description, as an
 * element or an attribute. */
static void xmp_date(xmlNode *d, int modified, nd_props *p)
{
	const char *name = modified ? "ModifyDate" : "CreateDate";
	xmlNode *e = child(d, XMP, name);
	xmlChar *v = e ? xmlNodeGetContent(e) : NULL;

	nd_props_date(p, v ? (const char *)v : attr(d, name), modified ?
	              "xmp:ModifyDate in the PDF's XMP metadata" :
	              "xmp:CreateDate in the PDF's XMP metadata");
	xmlFree(v);
}

/* The rdf:Description elements under n, in order: the title and the
 * creation date (modified: the modification date). */
static int xmp_walk(xmlNode *n, int modified, nd_props *p)
{
	int err = 0;

	for (; n && !err; n = n->next) {
		xmlNode *t, *tt;
		xmlChar *v;

		if (!is(n, RDF, "Description")) {
			err = xmp_walk(n->children, modified, p);
			continue;
		}
		if (modified) {
			xmp_date(n, 1, p);
			continue;
		}
		t = child(n, DC, "title");
		tt = t ? xmp_title(t) : NULL;
		if ((v = tt ? xmlNodeGetContent(tt) : NULL) != NULL)
			err = nd_props_title(p, (const char *)v, strlen((const char *)v),
			                     "dc:title in the PDF's XMP metadata");
		xmlFree(v);
		xmp_date(n, 0, p);
	}
	return err;
}

int nd_props_xmp(const char *xmp, size_t len, int modified, nd_props *p)
{
	xmlDoc *doc = NULL;
	int err = 0;

	if (parse_xml(xmp, len, "the XMP metadata", &doc, "PDF") == 0)
		err = xmp_walk(xmlDocGetRootElement(doc), modified, p);
	else
		nd_error_clear();
	xmlFreeDoc(doc);
	return err;
}
