/* pdf.c - PDF through poppler-glib (import.h).
 *
 * Design: poppler gives each page's text in reading order, a line of
 * the page per line, and (poppler_page_get_text_layout) a rectangle per
 * character of that text. From the rectangles each line gets its top,
 * bottom, left and right edges; the rest is decided from that geometry:
 *
 * - Page furniture. A line in the top or bottom band of its page
 *   (an eighth of the page's height) is a running header or footer when the
 *   same line, its digits aside, is in a band on most pages (more than
 *   half, and at least two), or on most of the pages of one side only
 *   (left or right, as a book alternates its title and its chapter's); a
 *   line there that is only a page number
 *   ("3", "- 3 -", "3/6", "Page 3 of 6") is dropped on any page. Lines
 *   outside the bands are never dropped, whatever they look like.
 * - Lines. Pieces poppler gives as lines of their own but that stand on
 *   one baseline (a label and its text set apart by a tab) are one line.
 * - Paragraphs. A blank line goes where the gap from one line's top to
 *   the next is clearly larger (GAP times) than the document's usual line
 *   spacing (the lower quartile of those gaps), and before a line that starts
 *   with a marker ("(a)", "1.", "iv)") after one that ends in . ; or :,
 *   and after a line that ends short of the text's right edge (the 95th
 *   percentile of line ends) with room for the next line's first word
 *   (as the normaliser judges wrapped text, here in points, not
 *   characters). A page break alone does not end a paragraph.
 * - Footnotes. A page's footnotes are the lines that end it in a smaller
 *   type (NOTE_SIZE of the body's median line height) from the first of
 *   them in the lower half of the page that starts with a note marker
 *   ("1 ", "* ", "† "). They are taken out of the flow (so a paragraph
 *   broken by the page goes on past them) and written after the body,
 *   each note a paragraph of its own, as a Word file's footnotes are.
 * - Words broken at a line end. At a hyphen (a hyphen-minus, or U+2010,
 *   which some writers put at the break) the two lines are handed over
 *   as they are, so that the normaliser (core/text.c) joins them by its
 *   rule for compounds as in any text from a PDF; at a soft hyphen the
 *   halves are joined here. The other lines of a paragraph are joined
 *   with a space, since the normaliser cannot judge by characters the
 *   widths of a proportional font.
 * - Pages. Each line of the text written gets the page its first
 *   character came from and the page of its last (a paragraph broken
 *   over a page break is one line on two pages; a blank line has the page
 *   of the line after it), lines counted as the normaliser counts source
 *   lines (pagemap.h), so that a provision's lines give its pages.
 *
 * The document's properties (nd_import_props): the Info dictionary's
 * Title and dates by poppler, what they lack from the XMP packet, which
 * docx.c parses as it parses XML (nd_props_xmp).
 *
 * poppler reports problems of the file through glib's log in its own
 * domain; a handler that drops them is set for the call and the one
 * before it put back, so nothing reaches the terminal.
 */
#include <stdlib.h>
#include <string.h>

#include <dlfcn.h>
#include <poppler.h>

#include "import_internal.h"
#include "normdiff/error.h"
#include "normdiff/import.h"
#include "normdiff/utf8.h"

/* poppler and the glib it needs are loaded on the first PDF, not linked:
 * they bring some fifty shared libraries, whose loading cost every run of
 * normdiff 8 ms (the corpus' 34 comparisons took 448 ms instead of 193 ms)
 * though most runs read no PDF. poppler.h gives the types; the calls below
 * go through this table (the macros keep the code as poppler's API reads). */
#define PP_FUNCS(X) \
	X(g_log_set_handler) X(g_log_remove_handler) X(g_bytes_new_static) \
	X(g_bytes_unref) X(g_error_free) X(g_free) X(g_object_unref) \
	X(poppler_error_quark) X(poppler_document_new_from_bytes) \
	X(poppler_document_get_n_pages) X(poppler_document_get_page) \
	X(poppler_page_get_size) X(poppler_page_get_text) \
	X(poppler_page_get_text_layout) X(poppler_document_get_title) \
	X(poppler_document_get_creation_date_time) \
	X(poppler_document_get_modification_date_time) X(g_date_time_format) \
	X(g_date_time_unref) X(poppler_document_get_metadata)

static struct {
#define PP_FIELD(f) __typeof__(&f) f;
	PP_FUNCS(PP_FIELD)
#undef PP_FIELD
} pp;

/* Load the table once; 0, or the error recorded. */
static int pp_load(void)
{
	static int state; /* 0 not tried, 1 loaded, -1 failed */
	static const char *const names[] = {"libpoppler-glib.so.8",
	                                    "libpoppler-glib.so"};
	void *h = NULL;
	size_t k;

	for (k = 0; !state && !h && k < sizeof(names) / sizeof(names[0]); k++)
		h = dlopen(names[k], RTLD_NOW | RTLD_LOCAL);
	if (!state) {
		state = h ? 1 : -1;
#define PP_SYM(f) \
		if (state == 1 && !(*(void **)&pp.f = dlsym(h, #f))) \
			state = -1;
		PP_FUNCS(PP_SYM)
#undef PP_SYM
	}
	if (state == 1)
		return 0;
	return nd_error_set(ND_EINVAL, "reading a PDF needs the poppler library, "
	                    "which cannot be loaded: install libpoppler-glib8, or "
	                    "extract the text first (e.g. pdftotext)");
}

#define PP_CALL(f) (pp.f)
#define g_log_set_handler PP_CALL(g_log_set_handler)
#define g_log_remove_handler PP_CALL(g_log_remove_handler)
#define g_bytes_new_static PP_CALL(g_bytes_new_static)
#define g_bytes_unref PP_CALL(g_bytes_unref)
#define g_error_free PP_CALL(g_error_free)
#define g_free PP_CALL(g_free)
#define g_object_unref PP_CALL(g_object_unref)
#define poppler_error_quark PP_CALL(poppler_error_quark)
#define poppler_document_new_from_bytes PP_CALL(poppler_document_new_from_bytes)
#define poppler_document_get_n_pages PP_CALL(poppler_document_get_n_pages)
#define poppler_document_get_page PP_CALL(poppler_document_get_page)
#define poppler_page_get_size PP_CALL(poppler_page_get_size)
#define poppler_page_get_text PP_CALL(poppler_page_get_text)
#define poppler_page_get_text_layout PP_CALL(poppler_page_get_text_layout)
#define poppler_document_get_title PP_CALL(poppler_document_get_title)
#define poppler_document_get_creation_date_time \
	PP_CALL(poppler_document_get_creation_date_time)
#define poppler_document_get_modification_date_time \
	PP_CALL(poppler_document_get_modification_date_time)
#define g_date_time_format PP_CALL(g_date_time_format)
#define g_date_time_unref PP_CALL(g_date_time_unref)
#define poppler_document_get_metadata PP_CALL(poppler_document_get_metadata)

/* Bytes of the character at s (poppler's text is UTF-8; a bad byte is
 * one), and the characters of s[0..len), as poppler counts its boxes. */
static size_t char_len(const char *s, size_t len)
{
	uint32_t cp;
	size_t n = nd_utf8_decode(s, len, &cp);

	return n ? n : 1;
}

static size_t code_points(const char *s, size_t len)
{
	size_t at = 0, n = 0;

	for (; at < len; at += char_len(s + at, len - at))
		n++;
	return n;
}

#define BAND 0.125    /* share of a page's height that is its top/bottom band */
#define GAP 1.4       /* a gap this many line spacings ends a paragraph */
#define SAME_LINE 0.4 /* tops closer than this share of a line's height */
#define LOOK_BACK 4   /* lines of a page searched for a piece's line */

typedef struct pline {
	char *s;           /* the line's text, owned */
	size_t len;
	double top, bottom, left, right;
	int geom;          /* rectangles known */
	int page;
	int drop;
	int note;          /* a line of a footnote at the foot of its page */
	int brk;           /* a paragraph starts here (a footnote's first line) */
	char *key;         /* the line, trimmed, digits as '#' */
} pline;

typedef struct ptext {
	pline *l;
	size_t n, cap;
	double *page_h;
	int npages;
} ptext;

static void quiet(const gchar *domain, GLogLevelFlags level, const gchar *msg,
                  gpointer data)
{
	(void)domain;
	(void)level;
	(void)msg;
	(void)data;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f';
}

/* The line trimmed, each run of digits as one '#': a running header
 * or footer is the same on every page but for its numbers. */
static char *line_key(const char *s, size_t n)
{
	char *k = malloc(n + 1), *p = k;
	size_t i = 0;

	if (!k)
		return NULL;
	while (i < n && is_space(s[i]))
		i++;
	while (n > i && is_space(s[n - 1]))
		n--;
	for (; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (p == k || p[-1] != '#')
				*p++ = '#';
		} else if (!is_space(s[i]) || (p > k && p[-1] != ' ')) {
			*p++ = is_space(s[i]) ? ' ' : s[i];
		}
	}
	*p = 0;
	return k;
}

/* A page number alone: "#", "- # -", "#/#", "Page #", "Page # of #",
 * "p. #" (in a key, so digits are already '#'). */
static int page_number(const char *k)
{
	static const char *const shapes[] = {"#", "- # -", "-#-", "#/#", "# / #",
		"Page #", "page #", "Page # of #", "page # of #", "p. #", "[#]", "(#)"};
	size_t i;

	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		if (!strcmp(k, shapes[i]))
			return 1;
	return 0;
}

/* Does the line start with a marker: "(a)", "(iv)", "(12)", "a)", "1.",
 * "1.2", "12)"? */
static int starts_marker(const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n && is_space(s[i]))
		i++;
	j = i;
	if (j < n && s[j] == '(')
		j++;
	while (j < n && j - i < 6 &&
	       ((s[j] >= '0' && s[j] <= '9') || (s[j] >= 'a' && s[j] <= 'z') ||
	        (s[j] >= 'A' && s[j] <= 'Z') || (s[j] == '.' && j + 1 < n &&
	                                          s[j + 1] >= '0' && s[j + 1] <= '9')))
		j++;
	if (j == i || (s[i] == '(' && j == i + 1) || j >= n)
		return 0;
	if (s[j] == ')')
		return j + 1 == n || s[j + 1] == ' ';
	/* "1." but not "Mr." or "etc.": digits only before the dot */
	if (s[j] == '.' && s[i] >= '0' && s[i] <= '9')
		return j + 1 == n || s[j + 1] == ' ';
	return 0;
}

static int ends_stop(const char *s, size_t n)
{
	while (n && is_space(s[n - 1]))
		n--;
	return n && (s[n - 1] == '.' || s[n - 1] == ';' || s[n - 1] == ':');
}

/* Does line `l` stand on the baseline of `p`, beside it? */
static int beside(const pline *p, const pline *l)
{
	double h = p->bottom - p->top, d = l->top - p->top;

	return p->geom && l->geom && p->page == l->page && d < SAME_LINE * h &&
	       d > -SAME_LINE * h && (l->left >= p->right - 1 || l->right <= p->left + 1);
}

/* Put the piece `l` into line `p` on its side, a space between. */
static int merge(pline *p, pline *l)
{
	pline *first = l->left < p->left ? l : p, *second = first == l ? p : l;
	char *s = malloc(p->len + l->len + 2);

	if (!s)
		return nd_error_oom();
	memcpy(s, first->s, first->len);
	s[first->len] = ' ';
	memcpy(s + first->len + 1, second->s, second->len);
	s[p->len + l->len + 1] = 0;
	free(p->s);
	free(l->s);
	p->s = s;
	p->len += l->len + 1;
	p->top = p->top < l->top ? p->top : l->top;
	p->bottom = p->bottom > l->bottom ? p->bottom : l->bottom;
	p->left = p->left < l->left ? p->left : l->left;
	p->right = p->right > l->right ? p->right : l->right;
	return 0;
}

/* Add line `l` (its text owned) to t, or to one of the last few lines of
 * its page when it is a piece beside one: poppler gives the words of a
 * justified line with wide spaces, or a label set apart by a tab, as
 * lines of their own and not always next to each other. */
/* How the line ends: in a word broken at a hyphen ("infor-", the hyphen
 * a hyphen-minus or U+2010 HYPHEN, as some writers put at a break): 1, its
 * last `*cut` bytes the hyphen; at a soft hyphen (U+00AD, shown only at a
 * break): 2; otherwise 0. */
static int hyphen_end(const char *s, size_t n, size_t *cut)
{
	size_t h = 0;
	unsigned char c;
	int kind = 1;

	if (n >= 1 && s[n - 1] == '-')
		h = 1;
	else if (n >= 3 && !memcmp(s + n - 3, "\xE2\x80\x90", 3))
		h = 3;
	else if (n >= 2 && !memcmp(s + n - 2, "\xC2\xAD", 2))
		h = 2, kind = 2;
	c = n > h ? (unsigned char)s[n - h - 1] : 0;
	if (!h || !(c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
		h = 0; /* not after a letter: the line's own text */
		kind = 0;
	}
	*cut = h;
	return kind;
}

static int add_line(ptext *t, pline *l)
{
	size_t k;

	for (k = t->n; k > 0 && k + LOOK_BACK > t->n; k--)
		if (beside(&t->l[k - 1], l))
			return merge(&t->l[k - 1], l);
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 256;
		pline *p = realloc(t->l, cap * sizeof(*p));

		if (!p) {
			free(l->s);
			return nd_error_oom();
		}
		t->l = p;
		t->cap = cap;
	}
	t->l[t->n++] = *l;
	return 0;
}

/* The lines of page `pg`, with their geometry when poppler's rectangles
 * match its text (one per character, the '\n's included). */
static int page_lines(ptext *t, PopplerPage *page, int pg)
{
	char *text = poppler_page_get_text(page);
	PopplerRectangle *r = NULL;
	guint nr = 0;
	int geom, err = 0;
	size_t at = 0, ci = 0, len;

	if (!text)
		return 0;
	len = strlen(text);
	geom = poppler_page_get_text_layout(page, &r, &nr) &&
	       nr == code_points(text, len);
	while (at < len && !err) {
		const char *nl = memchr(text + at, '\n', len - at);
		size_t end = nl ? (size_t)(nl - text) : len, b;
		pline l = {NULL, 0, 1e9, -1e9, 1e9, -1e9, geom, pg, 0, 0, 0, NULL};

		for (b = at; b < end; b += char_len(text + b, len - b), ci++) {
			if (!geom || is_space(text[b]) || ci >= nr)
				continue;
			l.top = r[ci].y1 < l.top ? r[ci].y1 : l.top;
			l.bottom = r[ci].y2 > l.bottom ? r[ci].y2 : l.bottom;
			l.left = r[ci].x1 < l.left ? r[ci].x1 : l.left;
			l.right = r[ci].x2 > l.right ? r[ci].x2 : l.right;
		}
		if (l.bottom < l.top)
			l.geom = 0; /* nothing visible to place */
		ci++; /* the '\n' */
		while (at < end && is_space(text[at]))
			at++;
		while (end > at && is_space(text[end - 1]))
			end--;
		if (end > at) {
			if (!(l.s = malloc(end - at + 1))) {
				err = nd_error_oom();
				break;
			}
			memcpy(l.s, text + at, end - at);
			l.s[end - at] = 0;
			l.len = end - at;
			err = add_line(t, &l);
		}
		at = (nl ? (size_t)(nl - text) : len) + 1;
	}
	g_free(r);
	g_free(text);
	return err;
}

static int in_band(const ptext *t, const pline *l)
{
	double h = t->page_h[l->page];

	return l->geom && h > 0 && (l->bottom <= h * BAND || l->top >= h * (1 - BAND));
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int cmp_key(const void *a, const void *b)
{
	const pline *x = *(const pline *const *)a, *y = *(const pline *const *)b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->page > y->page) - (x->page < y->page);
}

/* A line on the pages of one side only (a book's left-hand pages carry
 * its title, the right-hand ones the chapter's): on more than half of the
 * pages of that side. parity[k]: the pages holding it whose index % 2 is
 * k. */
static int alternate(const ptext *t, const int parity[2])
{
	for (int k = 0; k < 2; k++) {
		int side = (t->npages + 1 - k) / 2; /* pages with index % 2 == k */

		if (!parity[1 - k] && parity[k] >= 2 && 2 * parity[k] > side)
			return 1;
	}
	return 0;
}

/* Mark running headers, footers and page numbers (design note): the
 * lines of the bands sorted by key, so that each run of one key is
 * counted once, whatever the number of pages. */
static int mark_furniture(ptext *t)
{
	pline **band = malloc((t->n + 1) * sizeof(*band));
	size_t i, j, k, n = 0;

	if (!band)
		return nd_error_oom();
	for (i = 0; i < t->n; i++) {
		if (!in_band(t, &t->l[i]))
			continue;
		if (!(t->l[i].key = line_key(t->l[i].s, t->l[i].len))) {
			free(band);
			return nd_error_oom();
		}
		if (page_number(t->l[i].key))
			t->l[i].drop = 1;
		else
			band[n++] = &t->l[i];
	}
	qsort(band, n, sizeof(*band), cmp_key);
	for (i = 0; i < n; i = j) {
		int pages = 1, parity[2] = {0, 0};

		parity[band[i]->page % 2] = 1;
		for (j = i + 1; j < n && !strcmp(band[j]->key, band[i]->key); j++)
			if (band[j]->page != band[j - 1]->page) {
				pages++;
				parity[band[j]->page % 2]++;
			}
		if (pages >= 2 && (2 * pages > t->npages || alternate(t, parity)))
			for (k = i; k < j; k++)
				band[k]->drop = 1;
	}
	free(band);
	return 0;
}

/* A measure of the kept lines with geometry: their heights or their
 * right edges, the given percentile of them (0 if none). The median
 * height is the body's type size (footnotes are smaller); the 95th
 * percentile of the right edges is where the text's lines end, so that a
 * few wide lines do not count. */
enum { LINE_HEIGHT, LINE_RIGHT };
static double line_percentile(const ptext *t, int what, size_t pct)
{
	double *g = malloc((t->n + 1) * sizeof(*g)), v = 0;
	size_t i, n = 0;

	if (!g)
		return 0;
	for (i = 0; i < t->n; i++) {
		const pline *l = &t->l[i];

		if (!l->drop && l->geom && (what != LINE_HEIGHT || l->bottom > l->top))
			g[n++] = what == LINE_HEIGHT ? l->bottom - l->top : l->right;
	}
	if (n) {
		qsort(g, n, sizeof(*g), cmp_double);
		v = g[(n - 1) * pct / 100];
	}
	free(g);
	return v;
}

/* ---- footnotes ---------------------------------------------------------- */

#define NOTE_SIZE 0.85 /* a footnote's lines are at most this share of the
                          height of the body's lines */

/* Does the line start as a footnote does: a number of up to three digits
 * or a *, a dagger or a double dagger, then a space? */
static int note_marker(const char *s, size_t n)
{
	size_t i = 0, j;

	while (i < n && is_space(s[i]))
		i++;
	for (j = i; j < n && j - i < 3 && s[j] >= '0' && s[j] <= '9'; j++)
		;
	if (j == i && j < n && s[j] == '*')
		j++;
	else if (j == i && j + 2 < n && (unsigned char)s[j] == 0xE2 &&
	         (unsigned char)s[j + 1] == 0x80 &&
	         ((unsigned char)s[j + 2] == 0xA0 || (unsigned char)s[j + 2] == 0xA1))
		j += 3;
	return j > i && j < n && s[j] == ' ';
}

/* Mark the footnotes of the page whose kept lines end at `last`: the run
 * of small lines (NOTE_SIZE) that ends the page, from its first line in
 * the lower half of the page that starts with a note marker. */
static void page_notes(ptext *t, size_t last, double h)
{
	size_t i = last + 1, first = (size_t)-1;
	int page = t->l[last].page;

	while (i-- > 0 && t->l[i].page == page) {
		const pline *l = &t->l[i];

		if (l->drop)
			continue;
		if (!l->geom || l->bottom - l->top >= NOTE_SIZE * h)
			break;
		if (note_marker(l->s, l->len) && l->top > t->page_h[page] / 2)
			first = i;
	}
	for (i = first; first != (size_t)-1 && i <= last; i++)
		if (!t->l[i].drop) {
			t->l[i].note = 1;
			t->l[i].brk = note_marker(t->l[i].s, t->l[i].len);
		}
}

/* Footnotes out of the flow of the text: found on each page (page_notes),
 * then moved after the body, in order, each a paragraph of its own; the
 * body goes on over the page break as if they were not there. */
static int move_notes(ptext *t)
{
	double h = line_percentile(t, LINE_HEIGHT, 50);
	pline *l;
	size_t i, k = 0, last = (size_t)-1;

	if (h <= 0)
		return 0;
	for (i = 0; i < t->n; i++) {
		if (!t->l[i].drop)
			last = i;
		if (last != (size_t)-1 && (i + 1 == t->n || t->l[i + 1].page != t->l[i].page)) {
			page_notes(t, last, h);
			last = (size_t)-1;
		}
	}
	if ((l = malloc((t->n + 1) * sizeof(*l))) == NULL)
		return nd_error_oom();
	for (i = 0; i < t->n; i++)
		if (!t->l[i].note)
			l[k++] = t->l[i];
	for (i = 0; i < t->n; i++)
		if (t->l[i].note)
			l[k++] = t->l[i];
	free(t->l);
	t->l = l;
	t->cap = t->n;
	return 0;
}

/* The usual distance from one line's top to the next's, 0 if unknown:
 * the lower quartile of those distances, since in a text of short
 * paragraphs the gaps between them may be half of all. */
static double line_spacing(const ptext *t)
{
	double *g = malloc((t->n + 1) * sizeof(*g)), s = 0;
	size_t i, n = 0, prev = (size_t)-1;

	if (!g)
		return 0;
	for (i = 0; i < t->n; i++) {
		const pline *l = &t->l[i];

		if (l->drop || !l->geom)
			continue;
		if (prev != (size_t)-1 && t->l[prev].page == l->page) {
			double d = l->top - t->l[prev].top,
			       h = t->l[prev].bottom - t->l[prev].top;

			if (d > SAME_LINE * h)
				g[n++] = d;
		}
		prev = i;
	}
	if (n) {
		qsort(g, n, sizeof(*g), cmp_double);
		s = g[n / 4];
	}
	free(g);
	return s;
}


/* Would the first word of `l` have fitted at the end of `p`, which so
 * was not wrapped but ended its paragraph? Widths are estimated from the
 * average width of a character of `l`. */
static int word_fits(const pline *p, const pline *l, double edge)
{
	size_t w = 0, chars = 0, i;
	double cw;

	if (!p->geom || !l->geom || edge <= 0)
		return 0;
	for (i = 0; i < l->len; i++)
		chars += ((unsigned char)l->s[i] & 0xC0) != 0x80;
	for (i = 0; i < l->len && l->s[i] != ' '; i++)
		w += ((unsigned char)l->s[i] & 0xC0) != 0x80;
	cw = chars ? (l->right - l->left) / (double)chars : 0;
	return cw > 0 && p->right + cw * (double)(w + 1) < edge - cw;
}

/* Where the text goes, and the page of each of its lines. */
typedef struct pwriter {
	nd_buf *b;
	nd_pagemap *map; /* NULL when pages are not wanted */
	int open;        /* the line being written has its page */
	int cr;          /* the last byte written was a CR */
} pwriter;

/* Append s[0..n), which came from page pg (0-based): each line it begins
 * starts on that page, and the line it goes on ends there for now. A line
 * ends at LF, CR or CR LF, as the normaliser's. */
static int put_paged(pwriter *w, const char *s, size_t n, int pg)
{
	size_t i;
	int err = nd_buf_put(w->b, s, n);

	for (i = 0; w->map && !err && i < n; i++) {
		int end = s[i] == '\n' || s[i] == '\r';

		if (s[i] == '\n' && w->cr) {
			w->cr = 0; /* the LF of a CR LF: no line of its own */
			continue;
		}
		w->cr = s[i] == '\r';
		if (!w->open)
			err = nd_pagemap_push(w->map, (uint32_t)pg + 1);
		else if (!end)
			w->map->line[w->map->n - 1].last = (uint32_t)pg + 1;
		w->open = !end;
	}
	return err;
}

static int puts_paged(pwriter *w, const char *s, int pg)
{
	return put_paged(w, s, strlen(s), pg);
}

/* The kept lines as paragraphs (design note). */
static int write_text(const ptext *t, pwriter *w)
{
	double sp = line_spacing(t), edge = line_percentile(t, LINE_RIGHT, 95);
	const pline *prev = NULL;
	size_t i, cut = 0;
	int err = 0, hyph = 0;

	for (i = 0; i < t->n && !err; i++) {
		const pline *l = &t->l[i];
		const char *s = l->s;
		const char *sep = "";

		if (l->drop)
			continue;
		if (prev) {
			int same_page = prev->page == l->page && prev->geom && l->geom;
			double d = l->top - prev->top;

			/* a word broken at a hyphen goes to the normaliser as
			 * "infor-" and "mation" on lines of their own, so that
			 * its rule for compounds decides; at a soft hyphen the
			 * halves join; a line broken in a word was wrapped */
			if (hyph == 1)
				err = puts_paged(w, "-", prev->page);
			sep = hyph == 1 ? "\n" : hyph == 2 ? "" : " ";
			if (l->brk || (same_page && sp > 0 && d > GAP * sp) ||
			    (ends_stop(prev->s, prev->len) && starts_marker(s, l->len)) ||
			    (!hyph && word_fits(prev, l, edge)))
				sep = "\n\n";
		}
		hyph = hyphen_end(s, l->len, &cut);
		err = err ? err : puts_paged(w, sep, l->page);
		err = err ? err : put_paged(w, s, l->len - cut, l->page);
		prev = l;
	}
	if (!err && hyph == 1)
		err = puts_paged(w, "-", prev->page);
	return err ? err : (prev ? puts_paged(w, "\n", prev->page) : 0);
}

static void ptext_free(ptext *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		free(t->l[i].s);
		free(t->l[i].key);
	}
	free(t->l);
	free(t->page_h);
}

static int open_error(const GError *e)
{
	if (e && e->domain == POPPLER_ERROR && e->code == POPPLER_ERROR_ENCRYPTED)
		return nd_error_set(ND_EINVAL, "is an encrypted PDF (it needs a "
		                    "password); save a copy without one first, e.g. "
		                    "qpdf --decrypt");
	return nd_error_set(ND_ECORRUPT, "is not a readable PDF");
}

/* A document opened by poppler from memory, with its glib log kept
 * quiet for as long as it is open (design note). */
typedef struct pdf_open {
	guint log;
	GBytes *bytes;
	PopplerDocument *doc; /* NULL when poppler could not open it */
	GError *e;            /* ...and why */
} pdf_open;

static void pdf_open_doc(pdf_open *o, const char *data, size_t len)
{
	o->log = g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
	                           G_LOG_FLAG_RECURSION, quiet, NULL);
	o->bytes = g_bytes_new_static(data, len);
	o->e = NULL;
	o->doc = poppler_document_new_from_bytes(o->bytes, NULL, &o->e);
}

static void pdf_close_doc(pdf_open *o)
{
	if (o->doc)
		g_object_unref(o->doc);
	if (o->e)
		g_error_free(o->e);
	g_bytes_unref(o->bytes);
	g_log_remove_handler("Poppler", o->log);
}

static int import_pdf(nd_buf *out, const char *data, size_t len,
                      nd_pagemap *pages);

int nd_import_pdf(nd_buf *out, const char *data, size_t len,
                  nd_pagemap *pages)
{
	return pp_load() ? ND_EINVAL : import_pdf(out, data, len, pages);
}

static int import_pdf(nd_buf *out, const char *data, size_t len,
                      nd_pagemap *pages)
{
	pdf_open o;
	PopplerDocument *doc;
	ptext t = {0};
	nd_buf text = ND_BUF_INIT;
	nd_pagemap map = ND_PAGEMAP_INIT;
	pwriter pw = {&text, pages ? &map : NULL, 0, 0};
	int err = 0, pg;

	pdf_open_doc(&o, data, len);
	if ((doc = o.doc) == NULL) {
		err = open_error(o.e);
		goto done;
	}
	t.npages = poppler_document_get_n_pages(doc);
	if (t.npages <= 0) {
		err = nd_error_set(ND_ECORRUPT, "is not a readable PDF");
		goto done;
	}
	t.page_h = calloc((size_t)t.npages, sizeof(*t.page_h));
	if (!t.page_h) {
		err = nd_error_oom();
		goto done;
	}
	for (pg = 0; pg < t.npages && !err; pg++) {
		PopplerPage *page = poppler_document_get_page(doc, pg);
		double w = 0;

		if (!page) {
			err = nd_error_set(ND_ECORRUPT, "is not a readable PDF");
			break;
		}
		poppler_page_get_size(page, &w, &t.page_h[pg]);
		err = page_lines(&t, page, pg);
		g_object_unref(page);
	}
	if (err)
		goto done;
	if (!t.n) {
		err = nd_error_set(ND_EEMPTY, "has no text layer; run OCR first, "
		                   "e.g. ocrmypdf");
		goto done;
	}
	if ((err = mark_furniture(&t)) || (err = move_notes(&t)) ||
	    (err = write_text(&t, &pw)))
		goto done;
	if (!text.len) {
		err = nd_error_set(ND_EEMPTY, "has no text but running headers "
		                   "and page numbers");
		goto done;
	}
	err = nd_buf_put(out, text.ptr ? text.ptr : "", text.len);
	if (!err && pages) { /* the map is the caller's only on success */
		nd_pagemap_dispose(pages);
		*pages = map;
		map = (nd_pagemap)ND_PAGEMAP_INIT;
	}
done:
	nd_pagemap_dispose(&map);
	nd_buf_dispose(&text);
	ptext_free(&t);
	pdf_close_doc(&o);
	return err;
}

/* The day a date of the Info dictionary writes (its own zone), into p. */
static void info_date(nd_props *p, GDateTime *dt, const char *from)
{
	gchar *day = dt ? g_date_time_format(dt, "%Y-%m-%d") : NULL;

	nd_props_date(p, day, from);
	g_free(day);
	if (dt)
		g_date_time_unref(dt);
}

/* The title and the day this PDF was made, else last changed: from the
 * Info dictionary (Title; CreationDate, else ModDate), each missing one
 * from the XMP packet (dc:title; xmp:CreateDate, else xmp:ModifyDate),
 * creation dates before modification dates. A PDF poppler cannot open,
 * or no poppler, has none. */
int nd_props_pdf(const char *data, size_t len, nd_props *p)
{
	pdf_open o;
	PopplerDocument *doc;
	gchar *t, *xmp;
	int err = 0;

	if (pp_load()) {
		nd_error_clear();
		return 0;
	}
	pdf_open_doc(&o, data, len);
	if ((doc = o.doc) != NULL) {
		if ((t = poppler_document_get_title(doc)) != NULL)
			err = nd_props_title(p, t, strlen(t), "Title in the PDF's Info "
			                     "dictionary");
		g_free(t);
		xmp = poppler_document_get_metadata(doc);
		info_date(p, poppler_document_get_creation_date_time(doc),
		          "CreationDate in the PDF's Info dictionary");
		err = err || !xmp ? err : nd_props_xmp(xmp, strlen(xmp), 0, p);
		info_date(p, poppler_document_get_modification_date_time(doc),
		          "ModDate in the PDF's Info dictionary");
		err = err || !xmp ? err : nd_props_xmp(xmp, strlen(xmp), 1, p);
		g_free(xmp);
	}
	pdf_close_doc(&o);
	return err;
}
