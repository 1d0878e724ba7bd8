/* oracle.c - splitting inputs and judging output for the fuzz targets.
 *
 * Design: each check is a single forward pass with its own small decoder,
 * so it is linear in the output and shares no code with what it judges.
 * The HTML check is a tokenizer for the subset of HTML the report writes
 * (a doctype, elements from a fixed list, double-quoted attributes from a
 * fixed list, text, and raw <style>/<script> bodies) with a stack of open
 * elements; anything outside that subset is a failure, which is what
 * makes it able to fail: draft text that became markup shows up as an
 * unknown element, an unknown or mis-valued attribute, a stray '<', '>'
 * or '&', a broken nesting, or a changed style sheet or script.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

void fuzz_split(const uint8_t *data, size_t size, fuzz_part *parts,
                size_t nparts)
{
	const char *p = (const char *)data, *end = p + size;
	size_t k, seplen = strlen(FUZZ_SEP);

	for (k = 0; k < nparts; k++) {
		const char *q = NULL, *s;

		if (k + 1 < nparts)
			for (s = p; s + seplen <= end; s++)
				if (*s == FUZZ_SEP[0] && !memcmp(s, FUZZ_SEP, seplen)) {
					q = s;
					break;
				}
		parts[k].p = p;
		parts[k].n = (size_t)((q ? q : end) - p);
		p = q ? q + seplen : end;
	}
}

void fuzz_fail(const char *what, const char *why, const char *out, size_t len)
{
	fprintf(stderr, "fuzz oracle: %s: %s\n", what, why);
	if (out) {
		fprintf(stderr, "--- output (%zu bytes, first 4000) ---\n", len);
		fwrite(out, 1, len < 4000 ? len : 4000, stderr);
		fputs("\n---\n", stderr);
	}
	abort();
}

/* ---- UTF-8 and unsafe characters ---- */

/* Decode one well-formed UTF-8 sequence: bytes used, 0 if ill-formed. */
static size_t decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t n, k;
	uint32_t c, min;

	if (!len)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, c = s[0] & 0x1F, min = 0x80;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, c = s[0] & 0x0F, min = 0x800;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, c = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (len < n)
		return 0;
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[k] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

static int unsafe(uint32_t c, int allow_tab)
{
	if (c == '\n' || (c == '\t' && allow_tab))
		return 0;
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) ||
	       c == 0x061C || c == 0x200E || c == 0x200F ||
	       (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

const char *fuzz_check_safe(const char *s, size_t len, int allow_tab)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, n;
	uint32_t c;

	while (i < len) {
		n = decode(u + i, len - i, &c);
		if (!n)
			return "ill-formed UTF-8";
		if (unsafe(c, allow_tab))
			return c < 0x80 ? "a raw C0 control or DEL" :
			       c <= 0x9F ? "a raw C1 control" : "a raw bidi control";
		i += n;
	}
	return NULL;
}

/* ---- Markdown ---- */

/* The report's and the synopsis's Markdown: draft text escaped, and the
 * only markup of the renderer's own in running text one pair of edit
 * markers, <del>..</del> and <ins>..</ins>: no other tag, no entity, and
 * no unescaped '*' or '~' (the ~~ / ** markers they replaced). */
static const char *check_md(const char *s, size_t len,
                            const char *const *tags)
{
	size_t i, k, bs = 0;
	const char *why = fuzz_check_safe(s, len, 0);

	for (i = 0; i < len && !why; i++) {
		if (s[i] == '\\') {
			bs++;
			continue;
		}
		if (s[i] == '<' && bs % 2 == 0) {
			for (k = 0; tags[k]; k++)
				if (len - i >= strlen(tags[k]) &&
				    !memcmp(s + i, tags[k], strlen(tags[k])))
					break;
			if (!tags[k])
				why = "Markdown: a '<' that is neither escaped nor one of "
				      "the renderer's own tags";
		}
		if (s[i] == '&' && bs % 2 == 0)
			why = "Markdown: an unescaped '&' (an entity from the draft)";
		if ((s[i] == '*' || s[i] == '~') && bs % 2 == 0)
			why = "Markdown: an unescaped '*' or '~' (emphasis other than "
			      "<del>/<ins>, or from the draft)";
		bs = 0;
	}
	return why;
}

const char *fuzz_check_markdown(const char *s, size_t len)
{
	static const char *const tags[] = {"<del>", "</del>", "<ins>", "</ins>",
	                                   NULL};

	return check_md(s, len, tags);
}

const char *fuzz_check_markdown_history(const char *s, size_t len)
{
	static const char *const tags[] = {"<del>", "</del>", "<ins>", "</ins>",
	                                   "<mark>", "</mark>", "<sup>", "</sup>",
	                                   NULL};

	return check_md(s, len, tags);
}

/* ---- JSON ---- */

/* Deeper than any output: the outline nests as deep as the clause tree
 * (dotted numbers nest without a bound), two levels a clause. */
#define JSON_DEPTH 2048

typedef struct jp {
	const char *s;
	size_t len, i;
	const char *err;
} jp;

static void ws(jp *j)
{
	while (j->i < j->len && strchr(" \t\r\n", j->s[j->i]) && j->s[j->i])
		j->i++;
}

static int fail(jp *j, const char *why)
{
	if (!j->err)
		j->err = why;
	return -1;
}

static int hex4(jp *j, unsigned *v)
{
	size_t k;

	*v = 0;
	if (j->len - j->i < 4)
		return fail(j, "JSON: short \\u escape");
	for (k = 0; k < 4; k++) {
		char c = j->s[j->i++];

		*v <<= 4;
		if (c >= '0' && c <= '9')
			*v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*v |= (unsigned)(c - 'A' + 10);
		else
			return fail(j, "JSON: bad hex digit in \\u escape");
	}
	return 0;
}

/* A string at j->i (on its '"'); its raw span (without quotes) in *b, *n. */
static int string(jp *j, const char **b, size_t *n)
{
	unsigned v, w;
	uint32_t c;
	size_t k;

	j->i++;
	*b = j->s + j->i;
	while (j->i < j->len) {
		unsigned char ch = (unsigned char)j->s[j->i];

		if (ch == '"') {
			*n = (size_t)(j->s + j->i - *b);
			j->i++;
			return 0;
		}
		if (ch < 0x20)
			return fail(j, "JSON: raw control character in a string");
		if (ch == '\\') {
			if (++j->i >= j->len)
				return fail(j, "JSON: string ends in a backslash");
			ch = (unsigned char)j->s[j->i++];
			if (ch == 'u') {
				if (hex4(j, &v))
					return -1;
				if (v >= 0xDC00 && v <= 0xDFFF)
					return fail(j, "JSON: lone low surrogate");
				if (v >= 0xD800 && v <= 0xDBFF) {
					if (j->len - j->i < 2 || j->s[j->i] != '\\' ||
					    j->s[j->i + 1] != 'u')
						return fail(j, "JSON: lone high surrogate");
					j->i += 2;
					if (hex4(j, &w))
						return -1;
					if (w < 0xDC00 || w > 0xDFFF)
						return fail(j, "JSON: high surrogate without low");
				}
			} else if (!strchr("\"\\/bfnrt", ch) || !ch)
				return fail(j, "JSON: unknown escape");
			continue;
		}
		k = decode((const unsigned char *)j->s + j->i, j->len - j->i, &c);
		if (!k)
			return fail(j, "JSON: ill-formed UTF-8 in a string");
		j->i += k;
	}
	return fail(j, "JSON: unterminated string");
}

static int digits(jp *j)
{
	size_t start = j->i;

	while (j->i < j->len && j->s[j->i] >= '0' && j->s[j->i] <= '9')
		j->i++;
	return j->i > start ? 0 : fail(j, "JSON: digits expected in a number");
}

static int number(jp *j)
{
	if (j->s[j->i] == '-')
		j->i++;
	if (j->i < j->len && j->s[j->i] == '0')
		j->i++;
	else if (digits(j))
		return -1;
	if (j->i < j->len && j->s[j->i] == '.') {
		j->i++;
		if (digits(j))
			return -1;
	}
	if (j->i < j->len && (j->s[j->i] == 'e' || j->s[j->i] == 'E')) {
		j->i++;
		if (j->i < j->len && (j->s[j->i] == '+' || j->s[j->i] == '-'))
			j->i++;
		if (digits(j))
			return -1;
	}
	return 0;
}

static int literal(jp *j, const char *word)
{
	size_t n = strlen(word);

	if (j->len - j->i < n || memcmp(j->s + j->i, word, n))
		return fail(j, "JSON: unexpected character");
	j->i += n;
	return 0;
}

/* Keys seen in one object, to find duplicates (raw spans: the renderer
 * escapes one way, so equal keys are equal spans). */
typedef struct keys {
	const char **p;
	size_t *n;
	size_t count, cap;
} keys;

static int key_add(jp *j, keys *k, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < k->count; i++)
		if (k->n[i] == n && !memcmp(k->p[i], p, n))
			return fail(j, "JSON: duplicate key in an object");
	if (k->count == k->cap) {
		size_t cap = k->cap ? 2 * k->cap : 8;
		const char **np = realloc(k->p, cap * sizeof(*np));
		size_t *nn;

		if (!np)
			return fail(j, "JSON checker: out of memory");
		k->p = np;
		nn = realloc(k->n, cap * sizeof(*nn));
		if (!nn)
			return fail(j, "JSON checker: out of memory");
		k->n = nn;
		k->cap = cap;
	}
	k->p[k->count] = p;
	k->n[k->count++] = n;
	return 0;
}

static int value(jp *j, int depth);

static int object(jp *j, int depth)
{
	keys k = {NULL, NULL, 0, 0};
	const char *kp;
	size_t kn;
	int err = 0;

	j->i++;
	ws(j);
	if (j->i < j->len && j->s[j->i] == '}') {
		j->i++;
		return 0;
	}
	for (;;) {
		ws(j);
		if (j->i >= j->len || j->s[j->i] != '"') {
			err = fail(j, "JSON: key expected");
			break;
		}
		if ((err = string(j, &kp, &kn)) != 0 ||
		    (err = key_add(j, &k, kp, kn)) != 0)
			break;
		ws(j);
		if (j->i >= j->len || j->s[j->i] != ':') {
			err = fail(j, "JSON: ':' expected");
			break;
		}
		j->i++;
		if ((err = value(j, depth + 1)) != 0)
			break;
		ws(j);
		if (j->i < j->len && j->s[j->i] == ',') {
			j->i++;
			continue;
		}
		if (j->i < j->len && j->s[j->i] == '}') {
			j->i++;
			break;
		}
		err = fail(j, "JSON: ',' or '}' expected");
		break;
	}
	free(k.p);
	free(k.n);
	return err;
}

static int array(jp *j, int depth)
{
	j->i++;
	ws(j);
	if (j->i < j->len && j->s[j->i] == ']') {
		j->i++;
		return 0;
	}
	for (;;) {
		if (value(j, depth + 1))
			return -1;
		ws(j);
		if (j->i < j->len && j->s[j->i] == ',') {
			j->i++;
			continue;
		}
		if (j->i < j->len && j->s[j->i] == ']') {
			j->i++;
			return 0;
		}
		return fail(j, "JSON: ',' or ']' expected");
	}
}

static int value(jp *j, int depth)
{
	const char *b;
	size_t n;

	if (depth > JSON_DEPTH)
		return fail(j, "JSON: nested deeper than the checker goes");
	ws(j);
	if (j->i >= j->len)
		return fail(j, "JSON: value expected");
	switch (j->s[j->i]) {
	case '{': return object(j, depth);
	case '[': return array(j, depth);
	case '"': return string(j, &b, &n);
	case 't': return literal(j, "true");
	case 'f': return literal(j, "false");
	case 'n': return literal(j, "null");
	default:
		if (j->s[j->i] == '-' || (j->s[j->i] >= '0' && j->s[j->i] <= '9'))
			return number(j);
		return fail(j, "JSON: unexpected character");
	}
}

const char *fuzz_check_json(const char *s, size_t len)
{
	jp j = {s, len, 0, NULL};

	if (value(&j, 0) == 0) {
		ws(&j);
		if (j.i != len)
			fail(&j, "JSON: text after the value");
	}
	return j.err;
}

/* ---- HTML ---- */

static const char *const elements[] = {
	"html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
	"h3", "h4", "p", "table", "thead", "tbody", "tr", "th", "td", "span",
	"a", "ol", "ul", "li", "main", "section", "div", "button", "details",
	"summary", "del", "ins", "script", "mark", "sup", "kbd", NULL
};

static const char *const classes[] = {
	"away", "bl", "cap", "cc", "chg", "cols", "counts", "ctx", "cw", "empty",
	"flag", "gap", "gist", "in", "k", "k-unchanged", "k-modified",
	"k-added", "k-removed", "k-split", "k-merged", "lbl", "legend", "meta",
	"mv", "new", "none", "old", "pg", "pl", "rl", "same", "sbs", "skip", "sr",
	"step", "sub", "toc", "tools", "zero",
	/* the history page's marks */
	"m", "m-eq", "m-mod", "m-add", "m-del", "m-split", "m-merge", "m-none",
	"first", "syn", "text", "vn", /* the synopsis page */
	NULL
};

static const char *const ids[] = {
	"summary", "provisions", "notes", "tools", "v-sbs", "v-rl", "v-open",
	"v-close", "step", "v-prev", "v-next", NULL
};

/* The attributes and the only values some of them may have. */
static const char *const fixed_attrs[][2] = {
	{"lang", "en"}, {"charset", "utf-8"}, {"scope", "row"}, {"scope", "col"},
	{"type", "button"}, {"aria-pressed", "true"}, {"aria-pressed", "false"},
	{"aria-hidden", "true"}, {"name", "viewport"}, {"name", "generator"},
	{"aria-keyshortcuts", "j n"}, {"aria-keyshortcuts", "k p"},
	{"http-equiv", "Content-Security-Policy"},
	{"content", "width=device-width, initial-scale=1"},
	{"content", "normdiff"},
	{"content", "default-src 'none'; style-src 'unsafe-inline'; "
	            "script-src 'unsafe-inline'; base-uri 'none'; "
	            "form-action 'none'"},
	{"content", "default-src 'none'; style-src 'unsafe-inline'; "
	            "base-uri 'none'; form-action 'none'"}, /* the synopsis */
};

static int in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && !memcmp(*list, s, n))
			return 1;
	return 0;
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* "c" and a number without leading zeros. */
static int change_id(const char *v, size_t n)
{
	size_t k;

	if (n < 2 || v[0] != 'c' || v[1] == '0')
		return 0;
	for (k = 1; k < n; k++)
		if (v[k] < '0' || v[k] > '9')
			return 0;
	return 1;
}

static int eq(const char *a, size_t n, const char *b)
{
	return strlen(b) == n && !memcmp(a, b, n);
}

static const char *attr_ok(const char *name, size_t nn, const char *v,
                           size_t vn, int *hidden)
{
	size_t k, t;

	if (eq(name, nn, "hidden")) {
		*hidden = 1;
		return v ? "HTML: hidden with a value" : NULL;
	}
	if (!v)
		return "HTML: attribute without a value";
	if (eq(name, nn, "id"))
		return change_id(v, vn) || in_list(ids, v, vn) ? NULL :
		       "HTML: an id that is not the renderer's";
	if (eq(name, nn, "href"))
		return (vn > 1 && v[0] == '#' &&
		        (change_id(v + 1, vn - 1) || eq(v + 1, vn - 1, "provisions"))) ?
		       NULL : "HTML: a link that is not to a change or a section";
	if (eq(name, nn, "rowspan")) { /* the synopsis: 2 and more */
		for (k = 0; k < vn && v[k] >= '0' && v[k] <= '9'; k++)
			;
		return vn && k == vn && v[0] != '0' && !(vn == 1 && v[0] == '1')
		       ? NULL : "HTML: a rowspan that is not a number above 1";
	}
	if (eq(name, nn, "class")) {
		for (k = 0; k < vn; k = t + 1) {
			for (t = k; t < vn && v[t] != ' '; t++)
				;
			if (!in_list(classes, v + k, t - k))
				return "HTML: a class that is not the style sheet's";
		}
		return NULL;
	}
	for (k = 0; k < sizeof(fixed_attrs) / sizeof(fixed_attrs[0]); k++)
		if (eq(name, nn, fixed_attrs[k][0]) && eq(v, vn, fixed_attrs[k][1]))
			return NULL;
	return "HTML: an attribute or value that is not the renderer's";
}

/* One tag at s[*i] (on its '<'), not a closing one. */
static const char *open_tag(const char *s, size_t len, size_t *i,
                            const char **name, size_t *nn)
{
	size_t k = *i + 1, an, vs;
	const char *an_p, *why;
	int hidden = 0;

	*name = s + k;
	while (k < len && is_name_char(s[k]))
		k++;
	*nn = (size_t)(s + k - *name);
	if (!in_list(elements, *name, *nn))
		return "HTML: an element that is not the renderer's";
	for (;;) {
		if (k < len && s[k] == '>') {
			*i = k + 1;
			return NULL;
		}
		if (k >= len || s[k] != ' ')
			return "HTML: a malformed tag";
		an_p = s + ++k;
		while (k < len && is_name_char(s[k]))
			k++;
		an = (size_t)(s + k - an_p);
		if (!an)
			return "HTML: a malformed attribute";
		if (k < len && s[k] == '=') {
			if (k + 1 >= len || s[k + 1] != '"')
				return "HTML: an unquoted attribute value";
			vs = k + 2;
			for (k = vs; k < len && s[k] != '"'; k++)
				if (s[k] == '<' || s[k] == '>' || s[k] == '&' ||
				    (unsigned char)s[k] < 0x20)
					return "HTML: markup characters in an attribute value";
			if (k >= len)
				return "HTML: an unterminated attribute value";
			why = attr_ok(an_p, an, s + vs, k - vs, &hidden);
			k++;
		} else
			why = attr_ok(an_p, an, NULL, 0, &hidden);
		if (why)
			return why;
	}
}

/* An entity at s[i] (on its '&'): its length, 0 if it is none. */
static size_t entity(const char *s, size_t len, size_t i)
{
	static const char *const named[] = {"&amp;", "&lt;", "&gt;", "&quot;",
	                                    "&#39;", NULL};
	size_t k;

	for (k = 0; named[k]; k++)
		if (len - i >= strlen(named[k]) &&
		    !memcmp(s + i, named[k], strlen(named[k])))
			return strlen(named[k]);
	return 0;
}

/* The body of a raw-text element at s[*i] up to "</name>": must be ref's. */
static const char *raw_body(const char *s, size_t len, size_t *i,
                            const char *end_tag, const char *ref,
                            size_t ref_len)
{
	size_t k, n = strlen(end_tag);

	for (k = *i; k + n <= len; k++)
		if (!memcmp(s + k, end_tag, n))
			break;
	if (k + n > len)
		return "HTML: <style> or <script> not closed";
	if (ref && (k - *i != ref_len || memcmp(s + *i, ref, ref_len)))
		return "HTML: <style> or <script> differs from the renderer's own";
	*i = k;
	return NULL;
}

#define HTML_DEPTH 64

const char *fuzz_check_html(const char *s, size_t len, const fuzz_html_ref *ref)
{
	static const char doctype[] = "<!DOCTYPE html>\n";
	const char *stack[HTML_DEPTH], *name, *why;
	size_t nstack[HTML_DEPTH], depth = 0, i, nn, e;
	int in_title = 0;

	if ((why = fuzz_check_safe(s, len, 0)) != NULL)
		return why;
	if (len < sizeof(doctype) - 1 || memcmp(s, doctype, sizeof(doctype) - 1))
		return "HTML: does not start with the doctype";
	i = sizeof(doctype) - 1;
	while (i < len) {
		if (s[i] == '>')
			return "HTML: a '>' in text";
		if (s[i] == '&') {
			if (!(e = entity(s, len, i)))
				return "HTML: a '&' that starts no entity";
			i += e;
			continue;
		}
		if (s[i] != '<') {
			i++;
			continue;
		}
		if (i + 1 < len && s[i + 1] == '/') {
			name = s + i + 2;
			for (e = i + 2; e < len && is_name_char(s[e]); e++)
				;
			nn = (size_t)(s + e - name);
			if (e >= len || s[e] != '>')
				return "HTML: a malformed closing tag";
			if (!depth || nstack[depth - 1] != nn ||
			    memcmp(stack[depth - 1], name, nn))
				return "HTML: a closing tag that closes no open element";
			depth--;
			in_title = 0;
			i = e + 1;
			continue;
		}
		if (in_title)
			return "HTML: a tag inside the title";
		if ((why = open_tag(s, len, &i, &name, &nn)) != NULL)
			return why;
		if (eq(name, nn, "meta"))
			continue; /* void */
		if (depth == HTML_DEPTH)
			return "HTML: nested deeper than the report ever nests";
		stack[depth] = name;
		nstack[depth++] = nn;
		in_title = eq(name, nn, "title");
		if (eq(name, nn, "style"))
			why = raw_body(s, len, &i, "</style>", ref ? ref->style : NULL,
			               ref ? ref->style_len : 0);
		else if (eq(name, nn, "script"))
			why = raw_body(s, len, &i, "</script>", ref ? ref->script : NULL,
			               ref ? ref->script_len : 0);
		if (why)
			return why;
	}
	return depth ? "HTML: elements left open at the end" : NULL;
}

static const char *find(const char *s, size_t len, const char *what)
{
	size_t n = strlen(what), k;

	for (k = 0; k + n <= len; k++)
		if (!memcmp(s + k, what, n))
			return s + k;
	return NULL;
}

const char *fuzz_html_ref_take(fuzz_html_ref *ref, const char *s, size_t len)
{
	const char *a, *b;

	a = find(s, len, "<style>");
	b = a ? find(a, len - (size_t)(a - s), "</style>") : NULL;
	if (!b)
		return "HTML: no <style> element";
	ref->style = a + 7;
	ref->style_len = (size_t)(b - ref->style);
	a = find(s, len, "<script>");
	b = a ? find(a, len - (size_t)(a - s), "</script>") : NULL;
	if (a && !b)
		return "HTML: <script> not closed";
	/* a page without a script (the history's): any <script> in a page
	 * checked against it must then be empty */
	ref->script = b ? a + 8 : "";
	ref->script_len = b ? (size_t)(b - ref->script) : 0;
	return NULL;
}
