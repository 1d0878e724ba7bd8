/* oracle_test.c - the fuzz oracles must be able to fail: each is given
 * good output, which it must pass, and deliberately broken output, which
 * it must reject. The HTML oracle is given the real report of the bundled
 * drafts (ND_DRAFTS) and then that report with draft text turned into
 * markup in the ways an escaping bug would.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/render.h"

static int failures;

static void expect(int good, const char *why, const char *what)
{
	if (good ? why != NULL : why == NULL) {
		printf("FAIL: %s: %s\n", what, good ? why : "not rejected");
		failures++;
	} else
		printf("ok: %s%s%s\n", what, why ? ": " : "", why ? why : "");
}

static void json_cases(void)
{
	static const char *const good[] = {
		"{}", "[]", "{\"a\": [1, -0.5e+3, true, false, null, \"x\\u00e9\"]}\n",
		"\"\\ud83d\\ude00 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"", "0", "\"\xC3\xA9\"",
	};
	static const char *const bad[] = {
		"", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "[01]", "[1.]", "[.5]",
		"[+1]", "\"\t\"", "\"\\x\"", "\"\\ud83d\"", "\"\\ude00\"", "[1] [2]",
		"{\"a\":1,\"a\":2}", "tru", "\"\xC3\"", "\"\xED\xA0\x80\"", "'a'",
		"{\"a\":nul}", "[\"a\"\"b\"]",
	};
	size_t k;

	for (k = 0; k < sizeof(good) / sizeof(good[0]); k++)
		expect(1, fuzz_check_json(good[k], strlen(good[k])), good[k]);
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		expect(0, fuzz_check_json(bad[k], strlen(bad[k])), bad[k]);
}

static void safe_cases(void)
{
	expect(1, fuzz_check_safe("a\nb \xE2\x86\x92 c", 9, 0), "plain text");
	expect(0, fuzz_check_safe("a\x1b[31mb", 8, 0), "escape sequence");
	expect(0, fuzz_check_safe("a\tb", 3, 0), "tab");
	expect(1, fuzz_check_safe("a\tb", 3, 1), "tab where tabs are kept");
	expect(0, fuzz_check_safe("a\x7f", 2, 0), "DEL");
	expect(0, fuzz_check_safe("a\xC2\x9B" "31m", 6, 0), "C1 CSI");
	expect(0, fuzz_check_safe("a\xE2\x80\xAE" "b", 5, 0), "RLO");
	expect(0, fuzz_check_safe("a\xE2\x81\xA6" "b", 5, 0), "LRI");
	expect(0, fuzz_check_safe("a\xFF" "b", 3, 0), "invalid UTF-8");
	expect(0, fuzz_check_safe("a\xC0\xAF", 3, 0), "overlong UTF-8");
	expect(0, fuzz_check_safe("a\r\n", 3, 0), "CR");
}

static void markdown_cases(void)
{
	static const char *const good[] = {
		"### (a) \\<script\\> \\& x", "<del>old</del> <ins>new</ins> <del>,</del>",
		"a \\\\\\<b", "\\*\\*2020\\*\\* \\~",
	};
	static const char *const bad[] = {
		"<script>alert(1)</script>", "x \\\\<img src=x>", "AT&amp;T", "<bold>",
		"~~old~~", "**new**", "<b>x</b>", "<mark>x</mark>",
		"a\x1b[2J",
	};
	size_t k;

	for (k = 0; k < sizeof(good) / sizeof(good[0]); k++)
		expect(1, fuzz_check_markdown(good[k], strlen(good[k])), good[k]);
	for (k = 0; k < sizeof(bad) / sizeof(bad[0]); k++)
		expect(0, fuzz_check_markdown(bad[k], strlen(bad[k])), bad[k]);
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	nd_buf b = ND_BUF_INIT;
	char chunk[4096];
	size_t n;

	if (!f)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		nd_buf_put(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return nd_buf_detach(&b);
}

/* page with `what` put in place of the first `at` after `after`
 * (or before it, with replace 0). */
static void broken(const nd_buf *page, const fuzz_html_ref *ref,
                   const char *at, const char *with, int replace,
                   const char *what)
{
	const char *p = strstr(page->ptr, at);
	nd_buf b = ND_BUF_INIT;
	size_t off;

	if (!p) {
		printf("FAIL: %s: '%s' not in the page\n", what, at);
		failures++;
		return;
	}
	off = (size_t)(p - page->ptr);
	nd_buf_put(&b, page->ptr, off);
	nd_buf_puts(&b, with);
	nd_buf_puts(&b, page->ptr + off + (replace ? strlen(at) : 0));
	expect(0, fuzz_check_html(b.ptr, b.len, ref), what);
	nd_buf_dispose(&b);
}

static void html_cases(void)
{
	const char *dir = getenv("ND_DRAFTS");
	char path[4096], *a = NULL, *b = NULL;
	size_t alen = 0, blen = 0;
	nd_doc *da, *db;
	nd_changeset *cs = NULL;
	nd_buf page = ND_BUF_INIT;
	fuzz_html_ref ref;

	if (!dir) {
		printf("FAIL: ND_DRAFTS is not set\n");
		failures++;
		return;
	}
	snprintf(path, sizeof(path), "%s/2011-A-66-359.txt", dir);
	a = read_all(path, &alen);
	snprintf(path, sizeof(path), "%s/2015-A-69-723.txt", dir);
	b = read_all(path, &blen);
	if (!a || !b || fuzz_two_docs(a, alen, b, blen, &da, &db) ||
	    nd_changeset_compute(&cs, da, db, NULL, NULL, NULL) ||
	    nd_render_report(&page, cs, "html", NULL)) {
		printf("FAIL: the bundled drafts' HTML report\n");
		failures++;
		return;
	}
	expect(1, fuzz_html_ref_take(&ref, page.ptr, page.len), "taking the ref");
	expect(1, fuzz_check_html(page.ptr, page.len, &ref), "the bundled report");
	broken(&page, &ref, "<p>", "<p><img src=x onerror=alert(1)>", 1,
	       "an element from the draft");
	broken(&page, &ref, "<p>", "<p><b>", 1, "an element the renderer lacks");
	broken(&page, &ref, "id=\"c1\"", "id=\"c1\" onclick=\"x()\"", 1,
	       "an event attribute");
	broken(&page, &ref, "href=\"#c", "href=\"javascript:alert(1)\" x=\"", 1,
	       "a script link");
	broken(&page, &ref, "id=\"c1\"", "id=\"States\"", 1, "an id from the draft");
	broken(&page, &ref, "class=\"k\"", "class=\"k x\"", 1, "an unknown class");
	broken(&page, &ref, "class=\"k\"", "class=\"k&quot;\"", 1,
	       "an escaped quote in a value");
	broken(&page, &ref, "</h4>", "a > b</h4>", 1, "a raw '>' in text");
	broken(&page, &ref, "</h4>", "AT&T</h4>", 1, "a bare '&'");
	broken(&page, &ref, "</h4>", "</h4></div>", 1, "a stray closing tag");
	broken(&page, &ref, "</h4>", "<span></h4>", 1, "an unclosed element");
	broken(&page, &ref, "</style>", "x{}</style>", 1, "a changed style sheet");
	broken(&page, &ref, "</script>", "alert(1)</script>", 1,
	       "a changed script");
	broken(&page, &ref, "</title>", "<b>x</b></title>", 1, "markup in the title");
	broken(&page, &ref, "</h4>", "\x1b[2J</h4>", 1, "a raw escape");
	nd_buf_dispose(&page);
	nd_changeset_free(cs);
	nd_doc_free(da);
	nd_doc_free(db);
	free(a);
	free(b);
}

int main(void)
{
	json_cases();
	safe_cases();
	markdown_cases();
	html_cases();
	printf("%d failures\n", failures);
	return failures ? 1 : 0;
}
