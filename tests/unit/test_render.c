/* test_render.c - the report formats over hand-built change sets: exact
 * output of each format, colour, wrapping, escaping, options, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/buf.h"
#include "normdiff/changeset.h"
#include "normdiff/clause.h"
#include "normdiff/error.h"
#include "normdiff/render.h"
#include "normdiff/utf8.h"
#include "report_internal.h"
#include "support.h"

/* ---- building change sets by hand ---- */

typedef struct fixture {
	nd_doc *old;     /* parsed old text */
	nd_doc *new;     /* parsed new text */
	nd_changeset cs; /* filled by add() */
} fixture;

static nd_doc *parse(const char *s)
{
	nd_doc *d = NULL;

	if (nd_doc_parse(&d, s, strlen(s), grammar) != 0)
		fail_msg("nd_doc_parse: %s", nd_error_message());
	return d;
}

static void fixture_open(fixture *f, const char *old, const char *new)
{
	memset(f, 0, sizeof(*f));
	f->old = parse(old);
	f->new = parse(new);
	f->cs.old = f->old;
	f->cs.new = f->new;
}

static void fixture_close(fixture *f)
{
	size_t i;

	for (i = 0; i < f->cs.n; i++) {
		nd_change *c = &f->cs.changes[i];

		free(c->old);
		free(c->new);
		free(c->diff.ops);
		free(c->old_joined);
		free(c->new_joined);
	}
	free(f->cs.changes);
	for (i = 0; i < f->cs.nnotes; i++)
		free(f->cs.notes[i]);
	free(f->cs.notes);
	nd_doc_free(f->old);
	nd_doc_free(f->new);
	memset(f, 0, sizeof(*f));
}

static size_t *copy_idx(const size_t *idx, size_t n)
{
	size_t *p;

	if (!n)
		return NULL;
	p = malloc(n * sizeof(size_t));
	assert_non_null(p);
	memcpy(p, idx, n * sizeof(size_t));
	return p;
}

/* The texts of provisions idx[0..n) of d joined by a space, as the aligner
 * diffs a split or a merge; *joined gets an owned copy when n > 1. */
static const char *side_text(const nd_doc *d, const size_t *idx, size_t n,
                             char **joined, size_t *len)
{
	nd_buf b = ND_BUF_INIT;
	size_t k;

	*joined = NULL;
	if (n == 0) {
		*len = 0;
		return "";
	}
	if (n == 1) {
		*len = d->clauses[idx[0]].body_len;
		return nd_doc_body(d, idx[0]);
	}
	for (k = 0; k < n; k++) {
		if (k)
			assert_int_equal(nd_buf_putc(&b, ' '), 0);
		assert_int_equal(nd_buf_put(&b, nd_doc_body(d, idx[k]),
		                            d->clauses[idx[k]].body_len), 0);
	}
	*len = b.len;
	*joined = nd_buf_detach(&b);
	return *joined;
}

static void push_op(nd_change *c, nd_op_kind kind, const char *text, size_t len)
{
	assert_int_equal(nd_vec_reserve((void **)&c->diff.ops, &c->diff.cap,
	                                c->diff.n + 1, sizeof(nd_op)), 0);
	c->diff.ops[c->diff.n].kind = kind;
	c->diff.ops[c->diff.n].text = text;
	c->diff.ops[c->diff.n].len = len;
	c->diff.n++;
}

#define MOVED 1
#define RENUM 2
#define EDITORIAL 4

/* Append a change. `ops` ("=equal", "-deleted", "+inserted", NULL at the
 * end) must spell the old text with = and -, the new one with = and +;
 * the ops point into those texts. NULL ops: the whole text as one op. */
static void add(fixture *f, nd_change_kind kind, int flags, double sim,
                const size_t *old, size_t nold, const size_t *new, size_t nnew,
                const char *const *ops)
{
	nd_changeset *cs = &f->cs;
	nd_change *c;
	const char *a, *b;
	size_t alen, blen, ai = 0, bi = 0, k;

	cs->changes = realloc(cs->changes, (cs->n + 1) * sizeof(nd_change));
	assert_non_null(cs->changes);
	c = &cs->changes[cs->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->moved = !!(flags & MOVED);
	c->renumbered = !!(flags & RENUM);
	c->editorial = !!(flags & EDITORIAL);
	c->similarity = sim;
	c->old = copy_idx(old, nold);
	c->nold = nold;
	c->new = copy_idx(new, nnew);
	c->nnew = nnew;
	a = side_text(f->old, old, nold, &c->old_joined, &alen);
	b = side_text(f->new, new, nnew, &c->new_joined, &blen);
	if (!ops) {
		if (alen)
			push_op(c, kind == ND_CHANGE_REMOVED ? ND_OP_DELETE : ND_OP_EQUAL,
			        a, alen);
		else if (blen)
			push_op(c, ND_OP_INSERT, b, blen);
		ai = alen;
		bi = kind == ND_CHANGE_REMOVED || !alen ? blen : alen;
	}
	for (k = 0; ops && ops[k]; k++) {
		const char *s = ops[k] + 1;
		size_t n = strlen(s);

		switch (ops[k][0]) {
		case '=':
			assert_true(ai + n <= alen && !memcmp(a + ai, s, n));
			assert_true(bi + n <= blen && !memcmp(b + bi, s, n));
			push_op(c, ND_OP_EQUAL, a + ai, n);
			ai += n;
			bi += n;
			break;
		case '-':
			assert_true(ai + n <= alen && !memcmp(a + ai, s, n));
			push_op(c, ND_OP_DELETE, a + ai, n);
			ai += n;
			break;
		case '+':
			assert_true(bi + n <= blen && !memcmp(b + bi, s, n));
			push_op(c, ND_OP_INSERT, b + bi, n);
			bi += n;
			break;
		default:
			fail_msg("bad op %s", ops[k]);
		}
	}
	if (ai != alen || bi != blen)
		fail_msg("ops of change %zu do not spell both texts", cs->n);
	cs->summary.count[kind]++;
	cs->summary.moved += (size_t)c->moved;
	cs->summary.renumbered += (size_t)c->renumbered;
	cs->summary.editorial += (size_t)c->editorial;
}

static void note(fixture *f, const char *text)
{
	f->cs.notes = realloc(f->cs.notes, (f->cs.nnotes + 1) * sizeof(char *));
	assert_non_null(f->cs.notes);
	f->cs.notes[f->cs.nnotes++] = nd_strdup(text);
}

#define IDX(...) (const size_t[]){__VA_ARGS__}, \
	sizeof((const size_t[]){__VA_ARGS__}) / sizeof(size_t)
#define NONE NULL, 0
#define OPS(...) (const char *const[]){__VA_ARGS__, NULL}

/* ---- the code of conduct: every kind of change ---- */

static const char old_text[] =
	"International code of conduct\n\n"
	"Purpose\n\n"
	"This code is voluntary.\n\n"
	"It sets out the duties of States in the use of information "
	"technologies.\n\n"
	"Code of conduct\n\n"
	"Each State pledges:\n\n"
	"(a) To comply with the Charter of the United Nations.\n\n"
	"(b) Not to use information technologies to carry out hostile "
	"activities or acts of aggression and to curb the spread of information "
	"weapons.\n\n"
	"(c) To cooperate in combating criminal activities.\n\n"
	"(d) To settle disputes by peaceful means.\n\n"
	"(e) To refrain from the threat of force.\n\n"
	"(f) To refrain from the use of force.\n\n"
	"(g) To respect human rights.\n";

static const char new_text[] =
	"International Code of Conduct\n\n"
	"Purpose\n\n"
	"It sets out the duties of States in the use of information "
	"technologies.\n\n"
	"This code is voluntary.\n\n"
	"Code of conduct\n\n"
	"Each State pledges:\n\n"
	"(1) To comply with the Charter of the United Nations.\n\n"
	"(2) Not to use information technologies to carry out hostile "
	"activities or acts of aggression.\n\n"
	"(3) To curb the spread of information weapons.\n\n"
	"(4) To cooperate in combating terrorist and criminal activities.\n\n"
	"(5) To refrain from the threat or use of force.\n\n"
	"(6) To respect human rights.\n\n"
	"(7) To promote the role of the United Nations.\n";

static fixture coc;

static const nd_docinfo info_2011 = {"2011", "2011", "International code",
                                     "A/66/359", "2011-09-14", "Ruritania",
                                     NULL};
static const nd_docinfo info_2015 = {"drafts/2015.txt", NULL, NULL, NULL, NULL,
                                     NULL, NULL};

static void build_coc(fixture *f)
{
	fixture_open(f, old_text, new_text);
	assert_int_equal(f->old->n, 13);
	assert_int_equal(f->new->n, 13);
	add(f, ND_CHANGE_MODIFIED, EDITORIAL, 0.25, IDX(0), IDX(0),
	    OPS("=International ", "-code of conduct", "+Code of Conduct"));
	add(f, ND_CHANGE_UNCHANGED, 0, 1, IDX(1), IDX(1), NULL);
	add(f, ND_CHANGE_UNCHANGED, RENUM, 1, IDX(3), IDX(2), NULL);
	add(f, ND_CHANGE_UNCHANGED, MOVED | RENUM, 1, IDX(2), IDX(3), NULL);
	add(f, ND_CHANGE_UNCHANGED, 0, 1, IDX(4), IDX(4), NULL);
	add(f, ND_CHANGE_UNCHANGED, 0, 1, IDX(5), IDX(5), NULL);
	add(f, ND_CHANGE_UNCHANGED, RENUM, 1, IDX(6), IDX(6), NULL);
	add(f, ND_CHANGE_SPLIT, RENUM, 0.9166666, IDX(7), IDX(7, 8),
	    OPS("=Not to use information technologies to carry out hostile "
	        "activities or acts of aggression",
	        "- and to curb", "+. To curb",
	        "= the spread of information weapons."));
	add(f, ND_CHANGE_MODIFIED, RENUM, 0.8333333, IDX(8), IDX(9),
	    OPS("=To cooperate in combating ", "+terrorist and ",
	        "=criminal activities."));
	add(f, ND_CHANGE_REMOVED, 0, 0, IDX(9), NONE, NULL);
	add(f, ND_CHANGE_MERGED, RENUM, 0.8, IDX(10, 11), IDX(10),
	    OPS("=To refrain from the threat ", "-of force. To refrain from the ",
	        "+or ", "=use of force."));
	add(f, ND_CHANGE_UNCHANGED, RENUM, 1, IDX(12), IDX(11), NULL);
	add(f, ND_CHANGE_ADDED, 0, 0, NONE, IDX(12), NULL);
	note(f, "3 words were too common to find similar provisions by (raise "
	        "max_posting to use them)");
}

static int setup(void **state)
{
	if (test_grammar_setup(state))
		return -1;
	build_coc(&coc);
	return 0;
}

static int teardown(void **state)
{
	fixture_close(&coc);
	return test_grammar_teardown(state);
}

/* ---- checking output ---- */

/* s as a C string literal, one line of output per source line, so a
 * failing golden can be read and, once reviewed, pasted. */
static void print_literal(const char *s)
{
	printf("\t\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\n')
			printf(s[1] ? "\\n\"\n\t\"" : "\\n");
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20 || c == 0x7F)
			printf("\\x%02x\"\"", c);
		else
			putchar(c);
	}
	printf("\"\n");
}

static char *render(const fixture *f, const char *format,
                    const nd_report_opts *o)
{
	nd_buf out = ND_BUF_INIT;
	int rc = nd_render_report(&out, &f->cs, format, o);

	if (rc != 0)
		fail_msg("nd_render_report(%s) failed (%d): %s", format, rc,
		         nd_error_message());
	return nd_buf_detach(&out);
}

static void assert_report(const fixture *f, const char *format,
                          const nd_report_opts *o, const char *want)
{
	char *got = render(f, format, o);

	if (strcmp(got, want)) {
		printf("--- %s report differs; got:\n", format);
		print_literal(got);
	}
	assert_string_equal(got, want);
	free(got);
}

/* A golden given line by line (ISO C caps one string literal at 4095
 * bytes), NULL at the end. */
static void assert_report_lines(const fixture *f, const char *format,
                                const nd_report_opts *o,
                                const char *const *lines)
{
	nd_buf want = ND_BUF_INIT;
	size_t k;

	for (k = 0; lines[k]; k++)
		assert_int_equal(nd_buf_puts(&want, lines[k]), 0);
	assert_report(f, format, o, want.ptr ? want.ptr : "");
	nd_buf_dispose(&want);
}

#define LINES(...) (const char *const[]){__VA_ARGS__, NULL}

static nd_report_opts opts(int color, unsigned width, int changed_only,
                           int stat_only)
{
	nd_report_opts o;

	memset(&o, 0, sizeof(o));
	o.old_info = &info_2011;
	o.new_info = &info_2015;
	o.color = color;
	o.width = width;
	o.changed_only = changed_only;
	o.stat_only = stat_only;
	return o;
}

/* A strict RFC 8259 checker: returns the end of the value at s, or NULL. */
static const char *json_value(const char *s, int depth);

static const char *json_ws(const char *s)
{
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	return s;
}

static const char *json_str(const char *s)
{
	size_t n;
	uint32_t cp;

	if (*s++ != '"')
		return NULL;
	while (*s != '"') {
		if ((unsigned char)*s < 0x20)
			return NULL;
		if (*s == '\\') {
			s++;
			if (*s == 'u') {
				int k;

				for (k = 1; k <= 4; k++)
					if (!strchr("0123456789abcdefABCDEF", s[k]) || !s[k])
						return NULL;
				s += 5;
			} else if (*s && strchr("\"\\/bfnrt", *s)) {
				s++;
			} else {
				return NULL;
			}
			continue;
		}
		if ((n = nd_utf8_decode(s, strlen(s), &cp)) == 0)
			return NULL;
		s += n;
	}
	return s + 1;
}

static const char *json_num(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return NULL;
	if (*s == '.') {
		if (!(*++s >= '0' && *s <= '9'))
			return NULL;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return NULL;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return s;
}

static const char *json_value(const char *s, int depth)
{
	int first = 1;

	if (depth > 64)
		return NULL;
	s = json_ws(s);
	if (*s == '{' || *s == '[') {
		char close = *s == '{' ? '}' : ']';

		s = json_ws(s + 1);
		if (*s == close)
			return s + 1;
		for (;;) {
			if (!first && *s++ != ',')
				return NULL;
			first = 0;
			if (close == '}') {
				if (!(s = json_str(json_ws(s))))
					return NULL;
				s = json_ws(s);
				if (*s++ != ':')
					return NULL;
			}
			if (!(s = json_value(s, depth + 1)))
				return NULL;
			s = json_ws(s);
			if (*s == close)
				return s + 1;
		}
	}
	if (*s == '"')
		return json_str(s);
	if (!strncmp(s, "true", 4))
		return s + 4;
	if (!strncmp(s, "false", 5))
		return s + 5;
	if (!strncmp(s, "null", 4))
		return s + 4;
	return json_num(s);
}

static void assert_json(const char *s)
{
	const char *end = json_value(s, 0);

	if (!end || *json_ws(end))
		fail_msg("invalid JSON near offset %td", end ? end - s : (ptrdiff_t)-1);
}

/* ---- text ---- */

static void test_text_plain(void **state)
{
	nd_report_opts o = opts(0, 0, 0, 0);

	(void)state;
	assert_report(&coc, "text", &o,
	"old: 2011 (A/66/359, 2011-09-14)\n"
	"new: drafts/2015.txt\n"
	"summary: 2 modified, 1 added, 1 removed, 1 split, 1 merged, 7 unchanged; 1 moved, 7 renumbered, 1 editorial\n"
	"\n"
	"[title]  modified (editorial)\n"
	"    International [-code of conduct-]{+Code of Conduct+}\n"
	"\n"
	"== Purpose\n"
	"  = ¶2 → ¶1  It sets out the duties of States in the use of information technologies.\n"
	"\n"
	"¶1 → ¶2  moved, unchanged; from the start to after ¶1\n"
	"    This code is voluntary.\n"
	"\n"
	"== Code of conduct\n"
	"  = ¶1  Each State pledges:\n"
	"  = (a) → (1)  To comply with the Charter of the United Nations.\n"
	"\n"
	"(b) → (2) + (3)  split\n"
	"    (2) Not to use information technologies to carry out hostile activities or acts of aggression [-and to curb-]{+.+}\n"
	"    (3) {+To curb+} the spread of information weapons.\n"
	"\n"
	"(c) → (4)  modified\n"
	"    To cooperate in combating {+terrorist and+} criminal activities.\n"
	"\n"
	"(d)  removed\n"
	"    [-To settle disputes by peaceful means.-]\n"
	"\n"
	"(e) + (f) → (5)  merged\n"
	"    To refrain from the threat [-of force. To refrain from the-] {+or+} use of force.\n"
	"\n"
	"  = (g) → (6)  To respect human rights.\n"
	"\n"
	"(7)  added\n"
	"    {+To promote the role of the United Nations.+}\n"
	"\n"
	"notes:\n"
	"  - 3 words were too common to find similar provisions by (raise max_posting to use them)\n");
}

static void test_text_color(void **state)
{
	nd_report_opts o = opts(1, 0, 1, 0);

	(void)state;
	assert_report(&coc, "text", &o,
	"old: 2011 (A/66/359, 2011-09-14)\n"
	"new: drafts/2015.txt\n"
	"summary: 2 modified, 1 added, 1 removed, 1 split, 1 merged, 7 unchanged; 1 moved, 7 renumbered, 1 editorial\n"
	"\n"
	"\x1b""[1m[title]  modified (editorial)\x1b""[0m\n"
	"    International \x1b""[31;9mcode of conduct\x1b""[0m \x1b""[32mCode of Conduct\x1b""[0m\n"
	"\n"
	"\x1b""[1m== Purpose\x1b""[0m\n"
	"\x1b""[1m¶1 → ¶2  moved, unchanged; from the start to after ¶1\x1b""[0m\n"
	"    This code is voluntary.\n"
	"\n"
	"\x1b""[1m== Code of conduct\x1b""[0m\n"
	"\x1b""[1m(b) → (2) + (3)  split\x1b""[0m\n"
	"    (2) Not to use information technologies to carry out hostile activities or acts of aggression \x1b""[31;9mand to curb\x1b""[0m \x1b""[32m.\x1b""[0m\n"
	"    (3) \x1b""[32mTo curb\x1b""[0m the spread of information weapons.\n"
	"\n"
	"\x1b""[1m(c) → (4)  modified\x1b""[0m\n"
	"    To cooperate in combating \x1b""[32mterrorist and\x1b""[0m criminal activities.\n"
	"\n"
	"\x1b""[1m(d)  removed\x1b""[0m\n"
	"    \x1b""[31;9mTo settle disputes by peaceful means.\x1b""[0m\n"
	"\n"
	"\x1b""[1m(e) + (f) → (5)  merged\x1b""[0m\n"
	"    To refrain from the threat \x1b""[31;9mof force. To refrain from the\x1b""[0m \x1b""[32mor\x1b""[0m use of force.\n"
	"\n"
	"\x1b""[1m(7)  added\x1b""[0m\n"
	"    \x1b""[32mTo promote the role of the United Nations.\x1b""[0m\n"
	"\n"
	"notes:\n"
	"  - 3 words were too common to find similar provisions by (raise max_posting to use them)\n");
}

static void test_text_default(void **state)
{
	nd_report_opts o;
	char *a, *b;

	(void)state;
	/* NULL format is text, NULL options are all zeros */
	memset(&o, 0, sizeof(o));
	a = render(&coc, NULL, NULL);
	b = render(&coc, "text", &o);
	assert_string_equal(a, b);
	assert_non_null(strstr(a, "old: (unknown)\nnew: (unknown)\n"));
	free(a);
	free(b);
}

static void test_text_stat(void **state)
{
	nd_report_opts o = opts(0, 0, 0, 1);

	(void)state;
	assert_report(&coc, "text", &o,
	"old: 2011 (A/66/359, 2011-09-14)\n"
	"new: drafts/2015.txt\n"
	"summary: 2 modified, 1 added, 1 removed, 1 split, 1 merged, 7 unchanged; 1 moved, 7 renumbered, 1 editorial\n"
	"\n"
	"notes:\n"
	"  - 3 words were too common to find similar provisions by (raise max_posting to use them)\n");
}

static void test_text_wrap(void **state)
{
	nd_report_opts o = opts(0, 40, 0, 0);

	(void)state;
	assert_report(&coc, "text", &o,
	"old: 2011 (A/66/359, 2011-09-14)\n"
	"new: drafts/2015.txt\n"
	"summary: 2 modified, 1 added, 1 removed,\n"
	"         1 split, 1 merged, 7 unchanged;\n"
	"         1 moved, 7 renumbered,\n"
	"         1 editorial\n"
	"\n"
	"[title]  modified (editorial)\n"
	"    International [-code of\n"
	"    conduct-]{+Code of Conduct+}\n"
	"\n"
	"== Purpose\n"
	"  = ¶2 → ¶1  It sets out the duties of…\n"
	"\n"
	"¶1 → ¶2  moved, unchanged; from the\n"
	"         start to after ¶1\n"
	"    This code is voluntary.\n"
	"\n"
	"== Code of conduct\n"
	"  = ¶1  Each State pledges:\n"
	"  = (a) → (1)  To comply with the Chart…\n"
	"\n"
	"(b) → (2) + (3)  split\n"
	"    (2) Not to use information\n"
	"        technologies to carry out\n"
	"        hostile activities or acts of\n"
	"        aggression [-and to curb-]{+.+}\n"
	"    (3) {+To curb+} the spread of\n"
	"        information weapons.\n"
	"\n"
	"(c) → (4)  modified\n"
	"    To cooperate in combating\n"
	"    {+terrorist and+} criminal\n"
	"    activities.\n"
	"\n"
	"(d)  removed\n"
	"    [-To settle disputes by peaceful\n"
	"    means.-]\n"
	"\n"
	"(e) + (f) → (5)  merged\n"
	"    To refrain from the threat [-of\n"
	"    force. To refrain from the-] {+or+}\n"
	"    use of force.\n"
	"\n"
	"  = (g) → (6)  To respect human rights.\n"
	"\n"
	"(7)  added\n"
	"    {+To promote the role of the United\n"
	"    Nations.+}\n"
	"\n"
	"notes:\n"
	"  - 3 words were too common to find\n"
	"    similar provisions by (raise\n"
	"    max_posting to use them)\n");
}

/* ---- markdown ---- */

static void test_markdown(void **state)
{
	nd_report_opts o = opts(1, 30, 0, 0); /* colour and width do not apply */

	(void)state;
	assert_report(&coc, "markdown", &o,
	"## normdiff: 2011 (A/66/359, 2011-09-14) → drafts/2015.txt\n"
	"\n"
	"Deleted words are <del>struck through</del>, inserted words <ins>underlined</ins>.\n"
	"\n"
	"| kind | count |\n"
	"|:--|--:|\n"
	"| unchanged | 7 |\n"
	"| modified | 2 |\n"
	"| added | 1 |\n"
	"| removed | 1 |\n"
	"| split | 1 |\n"
	"| merged | 1 |\n"
	"| moved | 1 |\n"
	"| renumbered | 7 |\n"
	"| editorial | 1 |\n"
	"| cross-references only | 0 |\n"
	"| layout only | 0 |\n"
	"\n"
	"### \\[title\\]: modified (editorial)\n"
	"\n"
	"International <del>code of conduct</del> <ins>Code of Conduct</ins>\n"
	"\n"
	"In _Purpose_:\n"
	"\n"
	"Unchanged: ¶2 → ¶1\n"
	"\n"
	"### Purpose › ¶1 → ¶2: moved, unchanged; from the start to after ¶1\n"
	"\n"
	"This code is voluntary.\n"
	"\n"
	"In _Code of conduct_:\n"
	"\n"
	"Unchanged: ¶1, (a) → (1)\n"
	"\n"
	"### (b) → (2) + (3): split\n"
	"\n"
	"(2) Not to use information technologies to carry out hostile activities or acts of aggression <del>and to curb</del><ins>.</ins>\n"
	"\n"
	"(3) <ins>To curb</ins> the spread of information weapons.\n"
	"\n"
	"### (c) → (4): modified\n"
	"\n"
	"To cooperate in combating <ins>terrorist and</ins> criminal activities.\n"
	"\n"
	"### (d): removed\n"
	"\n"
	"<del>To settle disputes by peaceful means.</del>\n"
	"\n"
	"### (e) + (f) → (5): merged\n"
	"\n"
	"To refrain from the threat <del>of force. To refrain from the</del> <ins>or</ins> use of force.\n"
	"\n"
	"Unchanged: (g) → (6)\n"
	"\n"
	"### (7): added\n"
	"\n"
	"<ins>To promote the role of the United Nations.</ins>\n"
	"\n"
	"### Notes\n"
	"\n"
	"- 3 words were too common to find similar provisions by (raise max\\_posting to use them)\n");
}

static void test_markdown_changed_only(void **state)
{
	nd_report_opts o = opts(0, 0, 1, 0);

	(void)state;
	assert_report(&coc, "markdown", &o,
	"## normdiff: 2011 (A/66/359, 2011-09-14) → drafts/2015.txt\n"
	"\n"
	"Deleted words are <del>struck through</del>, inserted words <ins>underlined</ins>.\n"
	"\n"
	"| kind | count |\n"
	"|:--|--:|\n"
	"| unchanged | 7 |\n"
	"| modified | 2 |\n"
	"| added | 1 |\n"
	"| removed | 1 |\n"
	"| split | 1 |\n"
	"| merged | 1 |\n"
	"| moved | 1 |\n"
	"| renumbered | 7 |\n"
	"| editorial | 1 |\n"
	"| cross-references only | 0 |\n"
	"| layout only | 0 |\n"
	"\n"
	"### \\[title\\]: modified (editorial)\n"
	"\n"
	"International <del>code of conduct</del> <ins>Code of Conduct</ins>\n"
	"\n"
	"In _Purpose_:\n"
	"\n"
	"### Purpose › ¶1 → ¶2: moved, unchanged; from the start to after ¶1\n"
	"\n"
	"This code is voluntary.\n"
	"\n"
	"In _Code of conduct_:\n"
	"\n"
	"### (b) → (2) + (3): split\n"
	"\n"
	"(2) Not to use information technologies to carry out hostile activities or acts of aggression <del>and to curb</del><ins>.</ins>\n"
	"\n"
	"(3) <ins>To curb</ins> the spread of information weapons.\n"
	"\n"
	"### (c) → (4): modified\n"
	"\n"
	"To cooperate in combating <ins>terrorist and</ins> criminal activities.\n"
	"\n"
	"### (d): removed\n"
	"\n"
	"<del>To settle disputes by peaceful means.</del>\n"
	"\n"
	"### (e) + (f) → (5): merged\n"
	"\n"
	"To refrain from the threat <del>of force. To refrain from the</del> <ins>or</ins> use of force.\n"
	"\n"
	"### (7): added\n"
	"\n"
	"<ins>To promote the role of the United Nations.</ins>\n"
	"\n"
	"### Notes\n"
	"\n"
	"- 3 words were too common to find similar provisions by (raise max\\_posting to use them)\n");
}

static void test_markdown_stat(void **state)
{
	nd_report_opts o = opts(0, 0, 0, 1);

	(void)state;
	assert_report(&coc, "markdown", &o,
	"## normdiff: 2011 (A/66/359, 2011-09-14) → drafts/2015.txt\n"
	"\n"
	"Deleted words are <del>struck through</del>, inserted words <ins>underlined</ins>.\n"
	"\n"
	"| kind | count |\n"
	"|:--|--:|\n"
	"| unchanged | 7 |\n"
	"| modified | 2 |\n"
	"| added | 1 |\n"
	"| removed | 1 |\n"
	"| split | 1 |\n"
	"| merged | 1 |\n"
	"| moved | 1 |\n"
	"| renumbered | 7 |\n"
	"| editorial | 1 |\n"
	"| cross-references only | 0 |\n"
	"| layout only | 0 |\n"
	"\n"
	"### Notes\n"
	"\n"
	"- 3 words were too common to find similar provisions by (raise max\\_posting to use them)\n");
}

/* ---- json ---- */

static void test_json(void **state)
{
	nd_report_opts o = opts(1, 30, 0, 0);
	char *got = render(&coc, "json", &o);

	(void)state;
	assert_json(got);
	free(got);
	assert_report_lines(&coc, "json", &o, LINES(
	"{\"format\": \"normdiff-report\", \"version\": 1,\n",
	" \"old\": {\"spec\": \"2011\", \"label\": \"2011\", \"title\": \"International code\", \"symbol\": \"A/66/359\", \"date\": \"2011-09-14\"},\n",
	" \"new\": {\"spec\": \"drafts/2015.txt\", \"label\": null, \"title\": null, \"symbol\": null, \"date\": null},\n",
	" \"summary\": {\"unchanged\": 7, \"modified\": 2, \"added\": 1, \"removed\": 1, \"split\": 1, \"merged\": 1, \"moved\": 1, \"renumbered\": 7, \"editorial\": 1, \"xref_only\": 0, \"layout\": 0},\n",
	" \"changes\": [\n",
	"  {\"kind\": \"modified\", \"moved\": false, \"renumbered\": false, \"editorial\": true, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.250, \"old\": [{\"label\": \"\", \"path\": [\"\"], \"heading\": null, \"line\": 1, \"text\": \"International code of conduct\"}], \"new\": [{\"label\": \"\", \"path\": [\"\"], \"heading\": null, \"line\": 1, \"text\": \"International Code of Conduct\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"International \"}, {\"op\": \"delete\", \"text\": \"code of conduct\"}, {\"op\": \"insert\", \"text\": \"Code of Conduct\"}]},\n",
	"  {\"kind\": \"unchanged\", \"moved\": false, \"renumbered\": false, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 1.000, \"old\": [{\"label\": \"Purpose\", \"path\": [\"Purpose\"], \"heading\": \"Purpose\", \"line\": 3, \"text\": \"Purpose\"}], \"new\": [{\"label\": \"Purpose\", \"path\": [\"Purpose\"], \"heading\": \"Purpose\", \"line\": 3, \"text\": \"Purpose\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"Purpose\"}]},\n",
	"  {\"kind\": \"unchanged\", \"moved\": false, \"renumbered\": true, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 1.000, \"old\": [{\"label\": \"¶2\", \"path\": [\"Purpose\", \"¶2\"], \"heading\": null, \"line\": 7, \"text\": \"It sets out the duties of States in the use of information technologies.\"}], \"new\": [{\"label\": \"¶1\", \"path\": [\"Purpose\", \"¶1\"], \"heading\": null, \"line\": 5, \"text\": \"It sets out the duties of States in the use of information technologies.\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"It sets out the duties of States in the use of information technologies.\"}]},\n",
	"  {\"kind\": \"unchanged\", \"moved\": true, \"renumbered\": true, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 1.000, \"old\": [{\"label\": \"¶1\", \"path\": [\"Purpose\", \"¶1\"], \"heading\": null, \"line\": 5, \"text\": \"This code is voluntary.\"}], \"new\": [{\"label\": \"¶2\", \"path\": [\"Purpose\", \"¶2\"], \"heading\": null, \"line\": 7, \"text\": \"This code is voluntary.\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"This code is voluntary.\"}]},\n",
	"  {\"kind\": \"unchanged\", \"moved\": false, \"renumbered\": false, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 1.000, \"old\": [{\"label\": \"Code of conduct\", \"path\": [\"Code of conduct\"], \"heading\": \"Code of conduct\", \"line\": 9, \"text\": \"Code of conduct\"}], \"new\": [{\"label\": \"Code of conduct\", \"path\": [\"Code of conduct\"], \"heading\": \"Code of conduct\", \"line\": 9, \"text\": \"Code of conduct\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"Code of conduct\"}]},\n",
	"  {\"kind\": \"unchanged\", \"moved\": false, \"renumbered\": false, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 1.000, \"old\": [{\"label\": \"¶1\", \"path\": [\"Code of conduct\", \"¶1\"], \"heading\": null, \"line\": 11, \"text\": \"Each State pledges:\"}], \"new\": [{\"label\": \"¶1\", \"path\": [\"Code of conduct\", \"¶1\"], \"heading\": null, \"line\": 11, \"text\": \"Each State pledges:\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"Each State pledges:\"}]},\n",
	"  {\"kind\": \"unchanged\", \"moved\": false, \"renumbered\": true, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 1.000, \"old\": [{\"label\": \"(a)\", \"path\": [\"Code of conduct\", \"¶1\", \"(a)\"], \"heading\": null, \"line\": 13, \"text\": \"To comply with the Charter of the United Nations.\"}], \"new\": [{\"label\": \"(1)\", \"path\": [\"Code of conduct\", \"¶1\", \"(1)\"], \"heading\": null, \"line\": 13, \"text\": \"To comply with the Charter of the United Nations.\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"To comply with the Charter of the United Nations.\"}]},\n",
	"  {\"kind\": \"split\", \"moved\": false, \"renumbered\": true, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.917, \"old\": [{\"label\": \"(b)\", \"path\": [\"Code of conduct\", \"¶1\", \"(b)\"], \"heading\": null, \"line\": 15, \"text\": \"Not to use information technologies to carry out hostile activities or acts of aggression and to curb the spread of information weapons.\"}], \"new\": [{\"label\": \"(2)\", \"path\": [\"Code of conduct\", \"¶1\", \"(2)\"], \"heading\": null, \"line\": 15, \"text\": \"Not to use information technologies to carry out hostile activities or acts of aggression.\"}, {\"label\": \"(3)\", \"path\": [\"Code of conduct\", \"¶1\", \"(3)\"], \"heading\": null, \"line\": 17, \"text\": \"To curb the spread of information weapons.\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"Not to use information technologies to carry out hostile activities or acts of aggression\"}, {\"op\": \"delete\", \"text\": \" and to curb\"}, {\"op\": \"insert\", \"text\": \". To curb\"}, {\"op\": \"equal\", \"text\": \" the spread of information weapons.\"}]},\n",
	"  {\"kind\": \"modified\", \"moved\": false, \"renumbered\": true, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.833, \"old\": [{\"label\": \"(c)\", \"path\": [\"Code of conduct\", \"¶1\", \"(c)\"], \"heading\": null, \"line\": 17, \"text\": \"To cooperate in combating criminal activities.\"}], \"new\": [{\"label\": \"(4)\", \"path\": [\"Code of conduct\", \"¶1\", \"(4)\"], \"heading\": null, \"line\": 19, \"text\": \"To cooperate in combating terrorist and criminal activities.\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"To cooperate in combating \"}, {\"op\": \"insert\", \"text\": \"terrorist and \"}, {\"op\": \"equal\", \"text\": \"criminal activities.\"}]},\n",
	"  {\"kind\": \"removed\", \"moved\": false, \"renumbered\": false, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.000, \"old\": [{\"label\": \"(d)\", \"path\": [\"Code of conduct\", \"¶1\", \"(d)\"], \"heading\": null, \"line\": 19, \"text\": \"To settle disputes by peaceful means.\"}], \"new\": [], \"ops\": [{\"op\": \"delete\", \"text\": \"To settle disputes by peaceful means.\"}]},\n",
	"  {\"kind\": \"merged\", \"moved\": false, \"renumbered\": true, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.800, \"old\": [{\"label\": \"(e)\", \"path\": [\"Code of conduct\", \"¶1\", \"(e)\"], \"heading\": null, \"line\": 21, \"text\": \"To refrain from the threat of force.\"}, {\"label\": \"(f)\", \"path\": [\"Code of conduct\", \"¶1\", \"(f)\"], \"heading\": null, \"line\": 23, \"text\": \"To refrain from the use of force.\"}], \"new\": [{\"label\": \"(5)\", \"path\": [\"Code of conduct\", \"¶1\", \"(5)\"], \"heading\": null, \"line\": 21, \"text\": \"To refrain from the threat or use of force.\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"To refrain from the threat \"}, {\"op\": \"delete\", \"text\": \"of force. To refrain from the \"}, {\"op\": \"insert\", \"text\": \"or \"}, {\"op\": \"equal\", \"text\": \"use of force.\"}]},\n",
	"  {\"kind\": \"unchanged\", \"moved\": false, \"renumbered\": true, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 1.000, \"old\": [{\"label\": \"(g)\", \"path\": [\"Code of conduct\", \"¶1\", \"(g)\"], \"heading\": null, \"line\": 25, \"text\": \"To respect human rights.\"}], \"new\": [{\"label\": \"(6)\", \"path\": [\"Code of conduct\", \"¶1\", \"(6)\"], \"heading\": null, \"line\": 23, \"text\": \"To respect human rights.\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"To respect human rights.\"}]},\n",
	"  {\"kind\": \"added\", \"moved\": false, \"renumbered\": false, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.000, \"old\": [], \"new\": [{\"label\": \"(7)\", \"path\": [\"Code of conduct\", \"¶1\", \"(7)\"], \"heading\": null, \"line\": 25, \"text\": \"To promote the role of the United Nations.\"}], \"ops\": [{\"op\": \"insert\", \"text\": \"To promote the role of the United Nations.\"}]}\n",
	" ],\n",
	" \"notes\": [\"3 words were too common to find similar provisions by (raise max_posting to use them)\"]}\n"));
}

static void test_json_changed_only(void **state)
{
	nd_report_opts o = opts(0, 0, 1, 0);
	char *got = render(&coc, "json", &o);

	(void)state;
	assert_json(got);
	free(got);
	assert_report_lines(&coc, "json", &o, LINES(
	"{\"format\": \"normdiff-report\", \"version\": 1,\n",
	" \"old\": {\"spec\": \"2011\", \"label\": \"2011\", \"title\": \"International code\", \"symbol\": \"A/66/359\", \"date\": \"2011-09-14\"},\n",
	" \"new\": {\"spec\": \"drafts/2015.txt\", \"label\": null, \"title\": null, \"symbol\": null, \"date\": null},\n",
	" \"summary\": {\"unchanged\": 7, \"modified\": 2, \"added\": 1, \"removed\": 1, \"split\": 1, \"merged\": 1, \"moved\": 1, \"renumbered\": 7, \"editorial\": 1, \"xref_only\": 0, \"layout\": 0},\n",
	" \"changes\": [\n",
	"  {\"kind\": \"modified\", \"moved\": false, \"renumbered\": false, \"editorial\": true, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.250, \"old\": [{\"label\": \"\", \"path\": [\"\"], \"heading\": null, \"line\": 1, \"text\": \"International code of conduct\"}], \"new\": [{\"label\": \"\", \"path\": [\"\"], \"heading\": null, \"line\": 1, \"text\": \"International Code of Conduct\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"International \"}, {\"op\": \"delete\", \"text\": \"code of conduct\"}, {\"op\": \"insert\", \"text\": \"Code of Conduct\"}]},\n",
	"  {\"kind\": \"unchanged\", \"moved\": true, \"renumbered\": true, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 1.000, \"old\": [{\"label\": \"¶1\", \"path\": [\"Purpose\", \"¶1\"], \"heading\": null, \"line\": 5, \"text\": \"This code is voluntary.\"}], \"new\": [{\"label\": \"¶2\", \"path\": [\"Purpose\", \"¶2\"], \"heading\": null, \"line\": 7, \"text\": \"This code is voluntary.\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"This code is voluntary.\"}]},\n",
	"  {\"kind\": \"split\", \"moved\": false, \"renumbered\": true, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.917, \"old\": [{\"label\": \"(b)\", \"path\": [\"Code of conduct\", \"¶1\", \"(b)\"], \"heading\": null, \"line\": 15, \"text\": \"Not to use information technologies to carry out hostile activities or acts of aggression and to curb the spread of information weapons.\"}], \"new\": [{\"label\": \"(2)\", \"path\": [\"Code of conduct\", \"¶1\", \"(2)\"], \"heading\": null, \"line\": 15, \"text\": \"Not to use information technologies to carry out hostile activities or acts of aggression.\"}, {\"label\": \"(3)\", \"path\": [\"Code of conduct\", \"¶1\", \"(3)\"], \"heading\": null, \"line\": 17, \"text\": \"To curb the spread of information weapons.\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"Not to use information technologies to carry out hostile activities or acts of aggression\"}, {\"op\": \"delete\", \"text\": \" and to curb\"}, {\"op\": \"insert\", \"text\": \". To curb\"}, {\"op\": \"equal\", \"text\": \" the spread of information weapons.\"}]},\n",
	"  {\"kind\": \"modified\", \"moved\": false, \"renumbered\": true, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.833, \"old\": [{\"label\": \"(c)\", \"path\": [\"Code of conduct\", \"¶1\", \"(c)\"], \"heading\": null, \"line\": 17, \"text\": \"To cooperate in combating criminal activities.\"}], \"new\": [{\"label\": \"(4)\", \"path\": [\"Code of conduct\", \"¶1\", \"(4)\"], \"heading\": null, \"line\": 19, \"text\": \"To cooperate in combating terrorist and criminal activities.\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"To cooperate in combating \"}, {\"op\": \"insert\", \"text\": \"terrorist and \"}, {\"op\": \"equal\", \"text\": \"criminal activities.\"}]},\n",
	"  {\"kind\": \"removed\", \"moved\": false, \"renumbered\": false, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.000, \"old\": [{\"label\": \"(d)\", \"path\": [\"Code of conduct\", \"¶1\", \"(d)\"], \"heading\": null, \"line\": 19, \"text\": \"To settle disputes by peaceful means.\"}], \"new\": [], \"ops\": [{\"op\": \"delete\", \"text\": \"To settle disputes by peaceful means.\"}]},\n",
	"  {\"kind\": \"merged\", \"moved\": false, \"renumbered\": true, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.800, \"old\": [{\"label\": \"(e)\", \"path\": [\"Code of conduct\", \"¶1\", \"(e)\"], \"heading\": null, \"line\": 21, \"text\": \"To refrain from the threat of force.\"}, {\"label\": \"(f)\", \"path\": [\"Code of conduct\", \"¶1\", \"(f)\"], \"heading\": null, \"line\": 23, \"text\": \"To refrain from the use of force.\"}], \"new\": [{\"label\": \"(5)\", \"path\": [\"Code of conduct\", \"¶1\", \"(5)\"], \"heading\": null, \"line\": 21, \"text\": \"To refrain from the threat or use of force.\"}], \"ops\": [{\"op\": \"equal\", \"text\": \"To refrain from the threat \"}, {\"op\": \"delete\", \"text\": \"of force. To refrain from the \"}, {\"op\": \"insert\", \"text\": \"or \"}, {\"op\": \"equal\", \"text\": \"use of force.\"}]},\n",
	"  {\"kind\": \"added\", \"moved\": false, \"renumbered\": false, \"editorial\": false, \"xref_only\": false, \"layout\": false, \"changed_within\": 0, \"similarity\": 0.000, \"old\": [], \"new\": [{\"label\": \"(7)\", \"path\": [\"Code of conduct\", \"¶1\", \"(7)\"], \"heading\": null, \"line\": 25, \"text\": \"To promote the role of the United Nations.\"}], \"ops\": [{\"op\": \"insert\", \"text\": \"To promote the role of the United Nations.\"}]}\n",
	" ],\n",
	" \"notes\": [\"3 words were too common to find similar provisions by (raise max_posting to use them)\"]}\n"));
}

static void test_json_stat(void **state)
{
	nd_report_opts o = opts(0, 0, 0, 1);
	char *got = render(&coc, "json", &o);

	(void)state;
	assert_json(got);
	free(got);
	assert_report(&coc, "json", &o,
	"{\"format\": \"normdiff-report\", \"version\": 1,\n"
	" \"old\": {\"spec\": \"2011\", \"label\": \"2011\", \"title\": \"International code\", \"symbol\": \"A/66/359\", \"date\": \"2011-09-14\"},\n"
	" \"new\": {\"spec\": \"drafts/2015.txt\", \"label\": null, \"title\": null, \"symbol\": null, \"date\": null},\n"
	" \"summary\": {\"unchanged\": 7, \"modified\": 2, \"added\": 1, \"removed\": 1, \"split\": 1, \"merged\": 1, \"moved\": 1, \"renumbered\": 7, \"editorial\": 1, \"xref_only\": 0, \"layout\": 0},\n"
	" \"notes\": [\"3 words were too common to find similar provisions by (raise max_posting to use them)\"]}\n");
}

/* ---- edit markers ---- */

static const char edits_old[] =
	"Title\n\nPurpose\n\n"
	"(a) The Charter and the code apply.\n\n"
	"(b) It is a voluntary code.\n\n"
	"(c) Parties shall report. Reports are public.\n\n"
	"+ 5 per cent is added to the sum.\n\n"
	"= 3 is the sum of two numbers, as follows.\n";

static const char edits_new[] =
	"Title\n\nPurpose\n\n"
	"1. The Charter, and the rules apply.\n\n"
	"2. It is a code.\n\n"
	"3. Parties shall report.\n\n"
	"4. Reports are public.\n\n"
	"= 3 is the sum of two numbers, as follows.\n\n"
	"+ 5 per cent is added to the total.\n";

static void build_edits(fixture *f)
{
	fixture_open(f, edits_old, edits_new);
	assert_int_equal(f->old->n, 7);
	assert_int_equal(f->new->n, 8);
	add(f, ND_CHANGE_UNCHANGED, 0, 1, IDX(0), IDX(0), NULL);
	add(f, ND_CHANGE_UNCHANGED, 0, 1, IDX(1), IDX(1), NULL);
	/* punctuation right after a word; whole words replaced */
	add(f, ND_CHANGE_MODIFIED, RENUM, 0.75, IDX(2), IDX(2),
	    OPS("=The Charter", "+,", "= and the ", "-code", "+rules", "= apply."));
	/* spaces at the edges of a deletion */
	add(f, ND_CHANGE_MODIFIED, RENUM, 0.857, IDX(3), IDX(3),
	    OPS("=It is a", "- voluntary", "= code."));
	/* a split without word edits: one part per new provision */
	add(f, ND_CHANGE_SPLIT, RENUM, 1, IDX(4), IDX(4, 5),
	    OPS("=Parties shall report. Reports are public."));
	/* texts that would be markup at the start of a line */
	add(f, ND_CHANGE_UNCHANGED, MOVED | RENUM, 1, IDX(6), IDX(6), NULL);
	add(f, ND_CHANGE_MODIFIED, RENUM, 0.8, IDX(5), IDX(7),
	    OPS("=+ 5 per cent is added to the ", "-sum", "+total", "=."));
}

static void test_markers(void **state)
{
	fixture f;
	nd_report_opts o = opts(0, 0, 1, 0);

	(void)state;
	build_edits(&f);
	assert_report(&f, "markdown", &o,
	"## normdiff: 2011 (A/66/359, 2011-09-14) → drafts/2015.txt\n"
	"\n"
	"Deleted words are <del>struck through</del>, inserted words <ins>underlined</ins>.\n"
	"\n"
	"| kind | count |\n"
	"|:--|--:|\n"
	"| unchanged | 3 |\n"
	"| modified | 3 |\n"
	"| added | 0 |\n"
	"| removed | 0 |\n"
	"| split | 1 |\n"
	"| merged | 0 |\n"
	"| moved | 1 |\n"
	"| renumbered | 5 |\n"
	"| editorial | 0 |\n"
	"| cross-references only | 0 |\n"
	"| layout only | 0 |\n"
	"\n"
	"In _Purpose_:\n"
	"\n"
	"### (a) → 1.: modified\n"
	"\n"
	"The Charter<ins>,</ins> and the <del>code</del> <ins>rules</ins> apply.\n"
	"\n"
	"### (b) → 2.: modified\n"
	"\n"
	"It is a <del>voluntary</del> code.\n"
	"\n"
	"In _Purpose_:\n"
	"\n"
	"### (c) → 3. + 4.: split\n"
	"\n"
	"3\\. Parties shall report.\n"
	"\n"
	"4\\. Reports are public.\n"
	"\n"
	"### Purpose › ¶2 → ¶1: moved, unchanged; from after ¶1 to the start\n"
	"\n"
	"\\= 3 is the sum of two numbers, as follows.\n"
	"\n"
	"### Purpose › ¶1 → ¶2: modified\n"
	"\n"
	"\\+ 5 per cent is added to the <del>sum</del> <ins>total</ins>.\n");
	assert_report(&f, "text", &o,
	"old: 2011 (A/66/359, 2011-09-14)\n"
	"new: drafts/2015.txt\n"
	"summary: 3 modified, 1 split, 3 unchanged; 1 moved, 5 renumbered\n"
	"\n"
	"== Purpose\n"
	"(a) → 1.  modified\n"
	"    The Charter{+,+} and the [-code-]{+rules+} apply.\n"
	"\n"
	"(b) → 2.  modified\n"
	"    It is a [-voluntary-] code.\n"
	"\n"
	"== Purpose\n"
	"(c) → 3. + 4.  split\n"
	"    3. Parties shall report.\n"
	"    4. Reports are public.\n"
	"\n"
	"¶2 → ¶1  moved, unchanged; from after ¶1 to the start\n"
	"    = 3 is the sum of two numbers, as follows.\n"
	"\n"
	"¶1 → ¶2  modified\n"
	"    + 5 per cent is added to the [-sum-]{+total+}.\n");
	fixture_close(&f);
}

/* ---- wrapping ---- */

static const char wide_old[] =
	"Title\n\nPurpose\n\n"
	"(a) Les \xC3\x89tats s\xE2\x80\x99" "engagent \xC3\xA0 coop\xC3\xA9rer "
	"pleinement \xE2\x80\x94 \xE5\x90\x84\xE5\x9B\xBD\xE6\x89\xBF\xE8\xAF\xBA"
	"\xE5\x85\x85\xE5\x88\x86\xE5\x90\x88\xE4\xBD\x9C\xEF\xBC\x8C\xE4\xBB\xA5"
	"\xE9\x98\xB2\xE6\xAD\xA2\xE4\xBF\xA1\xE6\x81\xAF\xE6\x8A\x80\xE6\x9C\xAF"
	"\xE8\xA2\xAB\xE7\x94\xA8\xE4\xBA\x8E\xE7\xA0\xB4\xE5\x9D\x8F\xE5\x9B\xBD"
	"\xE9\x99\x85\xE5\x92\x8C\xE5\xB9\xB3\xE4\xB8\x8E\xE5\xAE\x89\xE5\x85\xA8"
	" \xE2\x80\x94 and the "
	"Rechtsschutzversicherungsgesellschaftenzusammenschlussverordnung "
	"applies to na\xC3\xAFve caf\xC3\xA9 owners \xF0\x9F\x99\x82 everywhere.\n";

static const char wide_new[] =
	"Title\n\nPurpose\n\n"
	"(a) Les \xC3\x89tats s\xE2\x80\x99" "engagent \xC3\xA0 coop\xC3\xA9rer "
	"sans r\xC3\xA9serve \xE2\x80\x94 \xE5\x90\x84\xE5\x9B\xBD\xE6\x89\xBF"
	"\xE8\xAF\xBA\xE5\x85\xA8\xE9\x9D\xA2\xE5\x90\x88\xE4\xBD\x9C\xEF\xBC\x8C"
	"\xE4\xBB\xA5\xE9\x98\xB2\xE6\xAD\xA2\xE4\xBF\xA1\xE6\x81\xAF\xE9\x80\x9A"
	"\xE4\xBF\xA1\xE6\x8A\x80\xE6\x9C\xAF\xE8\xA2\xAB\xE7\x94\xA8\xE4\xBA\x8E"
	"\xE7\xA0\xB4\xE5\x9D\x8F\xE5\x9B\xBD\xE9\x99\x85\xE5\x92\x8C\xE5\xB9\xB3"
	"\xE4\xB8\x8E\xE5\xAE\x89\xE5\x85\xA8 \xE2\x80\x94 and the "
	"Rechtsschutzversicherungsgesellschaftenzusammenschlussverordnung "
	"applies to na\xC3\xAFve caf\xC3\xA9 owners \xF0\x9F\x99\x82 everywhere.\n";

static void build_wide(fixture *f)
{
	fixture_open(f, wide_old, wide_new);
	add(f, ND_CHANGE_UNCHANGED, 0, 1, IDX(0), IDX(0), NULL);
	add(f, ND_CHANGE_UNCHANGED, 0, 1, IDX(1), IDX(1), NULL);
	add(f, ND_CHANGE_MODIFIED, 0, 0.9, IDX(2), IDX(2),
	    OPS("=Les \xC3\x89tats s\xE2\x80\x99" "engagent \xC3\xA0 coop\xC3\xA9rer ",
	        "-pleinement", "+sans r\xC3\xA9serve",
	        "= \xE2\x80\x94 \xE5\x90\x84\xE5\x9B\xBD\xE6\x89\xBF\xE8\xAF\xBA",
	        "-\xE5\x85\x85\xE5\x88\x86", "+\xE5\x85\xA8\xE9\x9D\xA2",
	        "=\xE5\x90\x88\xE4\xBD\x9C\xEF\xBC\x8C\xE4\xBB\xA5\xE9\x98\xB2\xE6"
	        "\xAD\xA2\xE4\xBF\xA1\xE6\x81\xAF",
	        "+\xE9\x80\x9A\xE4\xBF\xA1",
	        "=\xE6\x8A\x80\xE6\x9C\xAF\xE8\xA2\xAB\xE7\x94\xA8\xE4\xBA\x8E\xE7"
	        "\xA0\xB4\xE5\x9D\x8F\xE5\x9B\xBD\xE9\x99\x85\xE5\x92\x8C\xE5\xB9"
	        "\xB3\xE4\xB8\x8E\xE5\xAE\x89\xE5\x85\xA8 \xE2\x80\x94 and the "
	        "Rechtsschutzversicherungsgesellschaftenzusammenschlussverordnung "
	        "applies to na\xC3\xAFve caf\xC3\xA9 owners \xF0\x9F\x99\x82 "
	        "everywhere."));
}

/* Wide characters right against ASCII words, in edits and out, at
 * widths that break inside and between them: a line may break after a
 * wide character without a space, never inside an ASCII word. (The
 * wanted texts are what the wrapper wrote when it still fed ASCII one
 * character at a time.) */
static const char mixed_old[] =
	"Title\n\n(a) ab\xE5\x90\x84\xE5\x9B\xBD" "cd\xE6\x89\xBF\xE8\xAF\xBA"
	"x z\xE3\x80\x82\xE5\x90\x84" "b long\xE5\x90\x88" "word end.\n";
static const char mixed_new[] =
	"Title\n\n(a) ab\xE5\x90\x84\xE5\x9B\xBD" "cdy\xE5\x90\x88\xE4\xBD\x9C"
	" z\xE3\x80\x82\xE5\x90\x84" "b long\xE5\x90\x88" "word end.\n";

static void test_wrap_mixed(void **state)
{
	static const unsigned widths[] = {8, 11, 16};
	static const char *const want[][2] = {
		{
		 "old:\n"
		 "    2011\n"
		 "(A/66/359,\n"
		 "2011-09-14)\n"
		 "new:\n"
		 "drafts/2015.txt\n"
		 "summary:\n"
		 "       1\n"
		 "modified,\n"
		 "       1\n"
		 "unchanged\n"
		 "\n"
		 "(a)\n"
		 "modified\n"
		 "    ab\xE5\x90\x84\n"
		 "    \xE5\x9B\xBD\n"
		 "  cd[-\xE6\x89\xBF\n"
		 "    \xE8\xAF\xBA\n"
		 "  x-]{+y\n"
		 "    \xE5\x90\x88\n"
		 "    \xE4\xBD\x9C+}\n"
		 "    z\xE3\x80\x82\n"
		 "    \xE5\x90\x84" "b\n"
		 "    long\n"
		 "    \xE5\x90\x88\n"
		 "    word\n"
		 "    end.\n",
		 "old:\n"
		 "    2011\n"
		 "(A/66/359,\n"
		 "2011-09-14)\n"
		 "new:\n"
		 "drafts/2015.txt\n"
		 "summary:\n"
		 "       1\n"
		 "modified,\n"
		 "       1\n"
		 "unchanged\n"
		 "\n"
		 "\x1b""[1m(a)\x1b""[0m\n"
		 "\x1b""[1mmodified\x1b""[0m\n"
		 "    ab\xE5\x90\x84\n"
		 "    \xE5\x9B\xBD" "cd\x1b""[31;9m\x1b""[0m\n"
		 "    \x1b""[31;9m\xE6\x89\xBF\xE8\xAF\xBA\x1b""[0m\n"
		 "    \x1b""[31;9mx\x1b""[0m \x1b""[32my\x1b""[0m\n"
		 "    \x1b""[32m\xE5\x90\x88\xE4\xBD\x9C\x1b""[0m\n"
		 "    z\xE3\x80\x82\n"
		 "    \xE5\x90\x84" "b\n"
		 "    long\n"
		 "    \xE5\x90\x88\n"
		 "    word\n"
		 "    end.\n"},
		{
		 "old: 2011\n"
		 " (A/66/359,\n"
		 "2011-09-14)\n"
		 "new:\n"
		 "drafts/2015.txt\n"
		 "summary:\n"
		 "1 modified,\n"
		 "1 unchanged\n"
		 "\n"
		 "(a)\n"
		 "   modified\n"
		 "    ab\xE5\x90\x84\xE5\x9B\xBD\n"
		 "    cd[-\xE6\x89\xBF\n"
		 "    \xE8\xAF\xBA\n"
		 "    x-]{+y\n"
		 "    \xE5\x90\x88\xE4\xBD\x9C+}\n"
		 "    z\xE3\x80\x82\xE5\x90\x84" "b\n"
		 "    long\xE5\x90\x88\n"
		 "    word\n"
		 "    end.\n",
		 "old: 2011\n"
		 " (A/66/359,\n"
		 "2011-09-14)\n"
		 "new:\n"
		 "drafts/2015.txt\n"
		 "summary:\n"
		 "1 modified,\n"
		 "1 unchanged\n"
		 "\n"
		 "\x1b""[1m(a)\x1b""[0m\n"
		 "   \x1b""[1mmodified\x1b""[0m\n"
		 "    ab\xE5\x90\x84\xE5\x9B\xBD\n"
		 "    cd\x1b""[31;9m\xE6\x89\xBF\xE8\xAF\xBA\x1b""[0m\n"
		 "    \x1b""[31;9mx\x1b""[0m \x1b""[32my\xE5\x90\x88\xE4\xBD\x9C\x1b""[0m\n"
		 "    z\xE3\x80\x82\xE5\x90\x84" "b\n"
		 "    long\xE5\x90\x88\n"
		 "    word\n"
		 "    end.\n"},
		{
		 "old: 2011\n"
		 "     (A/66/359,\n"
		 "     2011-09-14)\n"
		 "new:\n"
		 " drafts/2015.txt\n"
		 "summary:\n"
		 "     1 modified,\n"
		 "     1 unchanged\n"
		 "\n"
		 "(a)  modified\n"
		 "    ab\xE5\x90\x84\xE5\x9B\xBD" "cd[-\xE6\x89\xBF\n"
		 "    \xE8\xAF\xBAx-]{+y\xE5\x90\x88\n"
		 "    \xE4\xBD\x9C+} z\xE3\x80\x82\xE5\x90\x84" "b\n"
		 "    long\xE5\x90\x88word\n"
		 "    end.\n",
		 "old: 2011\n"
		 "     (A/66/359,\n"
		 "     2011-09-14)\n"
		 "new:\n"
		 " drafts/2015.txt\n"
		 "summary:\n"
		 "     1 modified,\n"
		 "     1 unchanged\n"
		 "\n"
		 "\x1b""[1m(a)  modified\x1b""[0m\n"
		 "    ab\xE5\x90\x84\xE5\x9B\xBD" "cd\x1b""[31;9m\xE6\x89\xBF\xE8\xAF\xBA\x1b""[0m\n"
		 "    \x1b""[31;9mx\x1b""[0m \x1b""[32my\xE5\x90\x88\xE4\xBD\x9C\x1b""[0m z\xE3\x80\x82\n"
		 "    \xE5\x90\x84" "b long\xE5\x90\x88\n"
		 "    word end.\n"},
	};
	fixture f;
	size_t k, color;

	(void)state;
	fixture_open(&f, mixed_old, mixed_new);
	add(&f, ND_CHANGE_UNCHANGED, 0, 1, IDX(0), IDX(0), NULL);
	add(&f, ND_CHANGE_MODIFIED, 0, 0.8, IDX(1), IDX(1),
	    OPS("=ab\xE5\x90\x84\xE5\x9B\xBD" "cd", "-\xE6\x89\xBF\xE8\xAF\xBA" "x",
	        "+y\xE5\x90\x88\xE4\xBD\x9C",
	        "= z\xE3\x80\x82\xE5\x90\x84" "b long\xE5\x90\x88" "word end."));
	for (k = 0; k < sizeof(widths) / sizeof(widths[0]); k++)
		for (color = 0; color < 2; color++) {
			nd_report_opts o = opts((int)color, widths[k], 1, 0);

			assert_report(&f, "text", &o, want[k][color]);
		}
	fixture_close(&f);
}

/* Columns of one code point, independently of the renderer's table:
 * enough for the texts of these tests. */
static unsigned cols_of(uint32_t cp)
{
	if ((cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x200B && cp <= 0x200F))
		return 0;
	if ((cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	    (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0x1F300 && cp <= 0x1F64F))
		return 2;
	return 1;
}

/* Every line: well-formed UTF-8, colour codes closed before its end, at
 * most `width` columns unless it holds one word longer than the width. */
static void check_lines(const char *s, unsigned width, int color)
{
	nd_buf vis = ND_BUF_INIT;
	size_t lines = 0;

	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t len = eol ? (size_t)(eol - s) : strlen(s), i = 0, n, w = 0;
		size_t bad;
		int open = 0;
		uint32_t cp;

		nd_buf_clear(&vis);
		while (i < len) {
			if (s[i] == '\x1b') {
				size_t k = i + 1;

				assert_true(color);
				assert_true(k < len && s[k] == '[');
				while (k < len && s[k] != 'm')
					k++;
				assert_true(k < len);
				open = !(k - i == 3 && s[i + 2] == '0');
				i = k + 1;
				continue;
			}
			assert_int_equal(nd_buf_put(&vis, s + i, 1), 0);
			i++;
		}
		if (!nd_utf8_valid(vis.ptr ? vis.ptr : "", vis.len, &bad))
			fail_msg("line %zu: bad UTF-8 at %zu: %s", lines + 1, bad, vis.ptr);
		if (open)
			fail_msg("line %zu leaves a colour on: %s", lines + 1, vis.ptr);
		for (i = 0; i < vis.len; i += n) {
			n = nd_utf8_decode(vis.ptr + i, vis.len - i, &cp);
			w += cols_of(cp);
		}
		if (w > width) {
			const char *t = vis.ptr;

			while (*t == ' ')
				t++;
			if (strchr(t, ' '))
				fail_msg("line %zu has %zu columns: %s", lines + 1, w, vis.ptr);
		}
		lines++;
		s += len + (eol != NULL);
	}
	nd_buf_dispose(&vis);
}

static void test_wrap_limits(void **state)
{
	fixture f;
	unsigned widths[] = {40, 24, 12};
	size_t k;
	int color;

	(void)state;
	build_wide(&f);
	for (k = 0; k < 3; k++)
		for (color = 0; color <= 1; color++) {
			nd_report_opts o = opts(color, widths[k], 0, 0);
			char *a = render(&f, "text", &o), *b = render(&coc, "text", &o);

			check_lines(a, widths[k], color);
			check_lines(b, widths[k], color);
			free(a);
			free(b);
		}
	fixture_close(&f);
}

static void test_wrap_wide(void **state)
{
	fixture f;
	nd_report_opts o = opts(0, 40, 1, 0);

	(void)state;
	build_wide(&f);
	assert_report(&f, "text", &o,
	"old: 2011 (A/66/359, 2011-09-14)\n"
	"new: drafts/2015.txt\n"
	"summary: 1 modified, 2 unchanged\n"
	"\n"
	"== Purpose\n"
	"(a)  modified\n"
	"    Les États s’engagent à coopérer\n"
	"    [-pleinement-]{+sans réserve+} — 各\n"
	"    国承诺[-充分-]{+全面+}合作，以防止信\n"
	"    息{+通信+}技术被用于破坏国际和平与安\n"
	"    全 — and the\n"
	"Rechtsschutzversicherungsgesellschaftenzusammenschlussverordnung\n"
	"    applies to naïve café owners 🙂\n"
	"    everywhere.\n");
	fixture_close(&f);
}

/* ---- escaping ---- */

#define NASTY "\x1b[2J <script>alert(1)</script> **bold** " \
	"[x](javascript:alert(1)) | cell \xE2\x80\xAE"

static const char nasty_old[] = "Title\n\nPurpose\n\n(a) Clear the screen.\n";
static const char nasty_new[] = "Title\n\nPurpose\n\n(a) Clear " NASTY "\n";

static void build_nasty(fixture *f)
{
	fixture_open(f, nasty_old, nasty_new);
	add(f, ND_CHANGE_UNCHANGED, 0, 1, IDX(0), IDX(0), NULL);
	add(f, ND_CHANGE_UNCHANGED, 0, 1, IDX(1), IDX(1), NULL);
	add(f, ND_CHANGE_MODIFIED, 0, 0.2, IDX(2), IDX(2),
	    OPS("=Clear ", "-the screen.", "+" NASTY));
	note(f, "a note with \x1b]0;owned\x07 in it");
}

static const nd_docinfo nasty_info = {"v\x1b[31m1", "<b>v1</b>", NULL,
                                      "A/\x1b[2J", "**2020**",
                                      "\"Ruritania\" & 'Freedonia'", NULL};

/* s without the colour codes a report writes itself */
static char *strip_sgr(const char *s)
{
	static const char *const ours[] = {"\x1b[31;9m", "\x1b[32m", "\x1b[1m",
	                                   "\x1b[0m"};
	nd_buf b = ND_BUF_INIT;
	size_t k;

	while (*s) {
		for (k = 0; k < 4; k++)
			if (!strncmp(s, ours[k], strlen(ours[k])))
				break;
		if (k < 4) {
			s += strlen(ours[k]);
			continue;
		}
		assert_int_equal(nd_buf_putc(&b, *s++), 0);
	}
	return nd_buf_detach(&b);
}

static void test_escape(void **state)
{
	fixture f;
	nd_report_opts o = opts(0, 0, 0, 0);
	char *got, *plain;

	(void)state;
	build_nasty(&f);
	o.old_info = o.new_info = &nasty_info;

	/* text: caret notation, and no escape byte but our own colours */
	assert_report(&f, "text", &o,
	"old: <b>v1</b> (A/^[[2J, **2020**)\n"
	"new: <b>v1</b> (A/^[[2J, **2020**)\n"
	"summary: 1 modified, 2 unchanged\n"
	"\n"
	"  = [title]  Title\n"
	"\n"
	"== Purpose\n"
	"(a)  modified\n"
	"    Clear [-the screen.-]{+^[[2J <script>alert(1)</script> **bold** [x](javascript:alert(1)) | cell <U+202E>+}\n"
	"\n"
	"notes:\n"
	"  - a note with ^[]0;owned^G in it\n");
	o.color = 1;
	got = render(&f, "text", &o);
	plain = strip_sgr(got);
	assert_null(strchr(plain, '\x1b'));
	assert_non_null(strstr(plain, "^[[2J"));
	assert_null(strstr(plain, "\xE2\x80\xAE"));
	free(got);
	free(plain);

	/* markdown: nothing is markup */
	o.color = 0;
	assert_report(&f, "markdown", &o,
	"## normdiff: \\<b\\>v1\\</b\\> (A/^\\[\\[2J, \\*\\*2020\\*\\*) → \\<b\\>v1\\</b\\> (A/^\\[\\[2J, \\*\\*2020\\*\\*)\n"
	"\n"
	"Deleted words are <del>struck through</del>, inserted words <ins>underlined</ins>.\n"
	"\n"
	"| kind | count |\n"
	"|:--|--:|\n"
	"| unchanged | 2 |\n"
	"| modified | 1 |\n"
	"| added | 0 |\n"
	"| removed | 0 |\n"
	"| split | 0 |\n"
	"| merged | 0 |\n"
	"| moved | 0 |\n"
	"| renumbered | 0 |\n"
	"| editorial | 0 |\n"
	"| cross-references only | 0 |\n"
	"| layout only | 0 |\n"
	"\n"
	"Unchanged: \\[title\\]\n"
	"\n"
	"In _Purpose_:\n"
	"\n"
	"### (a): modified\n"
	"\n"
	"Clear <del>the screen.</del><ins>^\\[\\[2J \\<script\\>alert(1)\\</script\\> \\*\\*bold\\*\\* \\[x\\](javascript:alert(1)) \\| cell \\<U+202E\\></ins>\n"
	"\n"
	"### Notes\n"
	"\n"
	"- a note with ^\\[\\]0;owned^G in it\n");
	got = render(&f, "markdown", &o);
	assert_null(strchr(got, '\x1b'));
	assert_null(strstr(got, "<script>"));
	assert_null(strstr(got, "x](javascript"));
	assert_null(strstr(got, "**bold"));
	free(got);

	/* json: valid, control characters as \u escapes */
	got = render(&f, "json", &o);
	assert_json(got);
	assert_null(strchr(got, '\x1b'));
	assert_non_null(strstr(got, "\\u001B[2J <script>alert(1)</script>"));
	assert_non_null(strstr(got, "\\u202E"));
	free(got);
	fixture_close(&f);
}

/* ---- html ---- */

#define MAX_DEPTH 64
#define MAX_IDS 256

/* What an HTML page of ours may hold, checked strictly: every element
 * closed in order, only <meta> void, attributes name="value" with no
 * '<' or '"' inside (or a bare name), text with no raw '<' or '>' and
 * only the five entities we write, <style> and <script> closed by their
 * own end tags, ids unique and plain ([a-z0-9-]), every link a fragment
 * naming one of them. Fails the test, saying where, otherwise. */
typedef struct page {
	char ids[MAX_IDS][16]; /* ids seen */
	size_t nids;           /* how many */
	char hrefs[MAX_IDS][16]; /* link targets seen, without '#' */
	size_t nhrefs;         /* how many */
} page;

static size_t name_len(const char *s)
{
	size_t n = 0;

	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9') ||
	       s[n] == '-')
		n++;
	return n;
}

static const char *check_attrs(page *pg, const char *s, const char *start)
{
	while (*s == ' ') {
		size_t n = name_len(++s), v;
		int id = n == 2 && !strncmp(s, "id", 2);
		int href = n == 4 && !strncmp(s, "href", 4);

		if (!n)
			fail_msg("bad attribute at %td", s - start);
		s += n;
		if (*s != '=')
			continue;
		if (s[1] != '"')
			fail_msg("unquoted attribute at %td", s - start);
		s += 2;
		v = strcspn(s, "\"<");
		if (s[v] != '"')
			fail_msg("'<' in an attribute at %td", s - start);
		if (id || href) {
			const char *val = s + (href && *s == '#');

			if ((href && *s != '#') || v > 15 || name_len(val) != v - (size_t)(val - s))
				fail_msg("unsafe %s \"%.*s\"", id ? "id" : "href", (int)v, s);
			if (id) {
				assert_true(pg->nids < MAX_IDS);
				memcpy(pg->ids[pg->nids], val, v);
				pg->ids[pg->nids++][v] = '\0';
			} else {
				assert_true(pg->nhrefs < MAX_IDS);
				memcpy(pg->hrefs[pg->nhrefs], val, v - 1);
				pg->hrefs[pg->nhrefs++][v - 1] = '\0';
			}
		}
		s += v + 1;
	}
	if (*s != '>')
		fail_msg("tag not closed at %td", s - start);
	return s + 1;
}

static void check_page(const char *s)
{
	static const char *const entities[] = {"&amp;", "&lt;", "&gt;", "&quot;",
	                                       "&#39;"};
	char stack[MAX_DEPTH][16];
	size_t depth = 0, n, k, j;
	const char *start = s;
	page pg;

	memset(&pg, 0, sizeof(pg));
	assert_true(!strncmp(s, "<!DOCTYPE html>\n", 16));
	for (s += 16; *s;) {
		if (*s == '&') {
			for (k = 0; k < 5; k++)
				if (!strncmp(s, entities[k], strlen(entities[k])))
					break;
			if (k == 5)
				fail_msg("bare & at %td", s - start);
			s += strlen(entities[k]);
		} else if (*s == '>') {
			fail_msg("bare > at %td", s - start);
		} else if (s[0] == '<' && s[1] == '/') {
			n = name_len(s + 2);
			if (!depth || strlen(stack[depth - 1]) != n ||
			    strncmp(stack[depth - 1], s + 2, n) || s[2 + n] != '>')
				fail_msg("</%.*s> does not close <%s> at %td", (int)n, s + 2,
				         depth ? stack[depth - 1] : "", s - start);
			depth--;
			s += n + 3;
		} else if (*s == '<') {
			char name[16], end[20];

			n = name_len(s + 1);
			if (!n || n >= sizeof(name))
				fail_msg("bad tag at %td", s - start);
			memcpy(name, s + 1, n);
			name[n] = '\0';
			s = check_attrs(&pg, s + 1 + n, start);
			if (!strcmp(name, "script") || !strcmp(name, "style")) {
				snprintf(end, sizeof(end), "</%s>", name);
				if (!(s = strstr(s, end)))
					fail_msg("<%s> not closed", name);
				s += strlen(end);
			} else if (strcmp(name, "meta")) {
				assert_true(depth < MAX_DEPTH);
				strcpy(stack[depth++], name);
			}
		} else {
			s++;
		}
	}
	if (depth)
		fail_msg("<%s> not closed at the end", stack[depth - 1]);
	for (k = 0; k < pg.nids; k++)
		for (j = k + 1; j < pg.nids; j++)
			if (!strcmp(pg.ids[k], pg.ids[j]))
				fail_msg("id %s twice", pg.ids[k]);
	for (k = 0; k < pg.nhrefs; k++) {
		for (j = 0; j < pg.nids; j++)
			if (!strcmp(pg.hrefs[k], pg.ids[j]))
				break;
		if (j == pg.nids)
			fail_msg("link to #%s, which is not on the page", pg.hrefs[k]);
	}
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	while ((s = strstr(s, what)) != NULL) {
		n++;
		s += strlen(what);
	}
	return n;
}

static void assert_has(const char *got, const char *want)
{
	if (!strstr(got, want))
		fail_msg("not in the page: %s", want);
}

static void test_html(void **state)
{
	nd_report_opts o = opts(0, 0, 0, 0), other = opts(1, 30, 0, 0);
	char *got = render(&coc, "html", &o), *again = render(&coc, "html", &other);

	(void)state;
	check_page(got);
	/* colour and width are for terminals */
	assert_string_equal(got, again);
	assert_true(!strncmp(got, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	                     "<meta charset=\"utf-8\">\n", 55));
	assert_has(got, "<meta name=\"viewport\" content=\"width=device-width, "
	           "initial-scale=1\">");
	assert_has(got, "content=\"default-src 'none'; ");
	assert_has(got, "<title>normdiff: 2011 (A/66/359, 2011-09-14) \xE2\x86\x92 "
	           "2015.txt</title>");
	assert_true(!strcmp(got + strlen(got) - 16, "</body>\n</html>\n"));
	/* nothing loaded from elsewhere */
	assert_null(strstr(got, "src="));
	assert_null(strstr(got, "url("));
	assert_null(strstr(got, "@import"));
	/* the title block, with what is known, a dash for what is not */
	assert_has(got, "<tr><th scope=\"row\">Sponsors</th><td>Ruritania</td>"
	           "<td>\xE2\x80\x94</td></tr>");
	/* the summary and the list of changes, linking to each */
	assert_has(got, "<tr><th scope=\"row\">split</th><td>1</td></tr>");
	assert_has(got, "<li><a href=\"#c8\">(b) \xE2\x86\x92 (2) + (3)</a> "
	           "<span class=\"k\">split</span> <span class=\"in\">in Code of "
	           "conduct</span> <span class=\"gist\">Not to use information "
	           "technologies to carry out hostile\xE2\x80\xA6</span></li>");
	assert_int_equal(count(got, "<li><a href"), 7);
	/* side by side: a split's parts and a merge's parts each under its
	 * label, an edit with words for screen readers */
	assert_has(got, "<section class=\"chg k-split\" id=\"c8\">\n<h4>(b) "
	           "\xE2\x86\x92 (2) + (3) <span class=\"k\">split</span></h4>");
	assert_has(got, "<p><span class=\"pl\">(2)</span> Not to use information "
	           "technologies to carry out hostile activities or acts of "
	           "aggression<ins><span class=\"sr\">inserted: </span>.<span "
	           "class=\"sr\"> (end inserted)</span></ins></p>\n<p><span "
	           "class=\"pl\">(3)</span> <ins>");
	assert_has(got, "<p><span class=\"pl\">(e)</span> To refrain from the "
	           "threat <del><span class=\"sr\">deleted: </span>of force."
	           "<span class=\"sr\"> (end deleted)</span></del></p>\n<p><span "
	           "class=\"pl\">(f)</span> <del>");
	assert_has(got, "<p class=\"none\">Not in the old version.</p>");
	assert_has(got, "<p class=\"none\">Not in the new version.</p>");
	/* the redline, cut by the split's parts */
	assert_has(got, "<div class=\"rl\">\n<p><span class=\"pl\">(2)</span> "
	           "Not to use");
	/* unchanged provisions folded; a moved one linked both ways */
	assert_has(got, "<details class=\"same\" id=\"c7\"><summary><span "
	           "class=\"lbl\">(a) \xE2\x86\x92 (1)</span> <span class=\"k\">"
	           "unchanged</span> <span class=\"gist\">To comply with the "
	           "Charter of the United Nations.</span></summary>");
	assert_has(got, "<h3 class=\"ctx\" id=\"c2\">Purpose</h3>\n<p "
	           "class=\"away\">Old place of <a href=\"#c4\">\xC2\xB6" "1 "
	           "\xE2\x86\x92 \xC2\xB6" "2</a>, which moved.</p>");
	assert_has(got, "<p class=\"mv\">Moved from after <a href=\"#c2\">"
	           "Purpose</a> in the old version.</p>");
	/* notes, and the one script, ours */
	assert_has(got, "<li>3 words were too common");
	assert_int_equal(count(got, "<script"), 1);
	free(got);
	free(again);
}

/* Plain files are named by their base names (the title block's table
 * keeps where they were read from); the same base name on both sides, or
 * a label, names a version as the other reports do. */
#define PLAIN_FILE(spec) {spec, NULL, NULL, NULL, NULL, NULL, NULL}

static void test_html_names(void **state)
{
	static const nd_docinfo a = PLAIN_FILE("drafts/2011/treaty-old.txt");
	static const nd_docinfo b = PLAIN_FILE("/tmp/x/treaty-new.txt");
	static const nd_docinfo c = PLAIN_FILE("drafts/2015/treaty-old.txt");
	static const nd_docinfo g = PLAIN_FILE("HEAD~1:drafts/treaty.txt");
	static const nd_docinfo h = PLAIN_FILE("HEAD:drafts/treaty.txt");
	nd_report_opts o = opts(0, 0, 0, 0);
	char *got;

	(void)state;
	o.old_info = &a;
	o.new_info = &b;
	got = render(&coc, "html", &o);
	check_page(got);
	assert_has(got, "<title>normdiff: treaty-old.txt \xE2\x86\x92 "
	           "treaty-new.txt</title>");
	assert_has(got, "<h1>treaty-old.txt \xE2\x86\x92 treaty-new.txt</h1>");
	assert_has(got, "<td>drafts/2011/treaty-old.txt</td>");
	assert_null(strstr(got, "(unknown)"));
	free(got);
	o.new_info = &c;
	got = render(&coc, "html", &o);
	assert_has(got, "<h1>drafts/2011/treaty-old.txt \xE2\x86\x92 "
	           "drafts/2015/treaty-old.txt</h1>");
	free(got);
	o.old_info = &g;
	o.new_info = &h;
	got = render(&coc, "html", &o);
	assert_has(got, "<h1>HEAD~1:treaty.txt \xE2\x86\x92 HEAD:treaty.txt</h1>");
	free(got);
	o.old_info = NULL;
	o.new_info = NULL;
	got = render(&coc, "html", &o);
	assert_has(got, "<h1>(unknown) \xE2\x86\x92 (unknown)</h1>");
	free(got);
	o = opts(0, 0, 0, 0); /* a title wins */
	got = render(&coc, "html", &o);
	assert_has(got, "<h1>International code</h1>");
	free(got);
}

/* The steps from change to change: buttons the script shows (hidden
 * without it), the keys it listens to, and the change blocks it walks. */
static void test_html_steps(void **state)
{
	nd_report_opts o = opts(0, 0, 0, 0);
	char *got = render(&coc, "html", &o);

	(void)state;
	assert_has(got, "<div class=\"step\" id=\"step\" hidden><button "
	           "type=\"button\" id=\"v-prev\" aria-keyshortcuts=\"k p\">");
	assert_has(got, "id=\"v-next\" aria-keyshortcuts=\"j n\">");
	assert_has(got, "document.addEventListener('keydown'");
	assert_has(got, "querySelectorAll('section.chg')");
	assert_has(got, "@media (min-width:1200px)");
	assert_has(got, "#summary{position:sticky;top:0;");
	free(got);
	o = opts(0, 0, 0, 1); /* nothing to step through */
	got = render(&coc, "html", &o);
	assert_null(strstr(got, "id=\"step\""));
	free(got);
}

static void test_html_options(void **state)
{
	nd_report_opts o = opts(0, 0, 1, 0);
	char *got = render(&coc, "html", &o);

	(void)state;
	/* changed only: no folded provisions, the moved one still linked
	 * (its old neighbour, an unchanged heading, is not shown) */
	check_page(got);
	assert_null(strstr(got, "<details"));
	assert_has(got, "id=\"c8\"");
	assert_has(got, "<p class=\"mv\">Moved from after Purpose in the old "
	           "version.</p>");
	free(got);
	/* stat: title block, summary and notes only */
	o = opts(0, 0, 0, 1);
	got = render(&coc, "html", &o);
	check_page(got);
	assert_null(strstr(got, "id=\"provisions\""));
	assert_null(strstr(got, "Changed provisions"));
	assert_has(got, "<tr><th scope=\"row\">merged</th><td>1</td></tr>");
	assert_has(got, "<li>3 words were too common");
	free(got);
}

#define HOSTILE "</textarea><script>window.pwned=1</script> \"><img src=x " \
	"onerror=alert(1)> 'x' <a href=\"javascript:alert(1)\">y</a> " \
	"\x01\x1b[2J\x7f \xe2\x80\xae txet \xc2\x9b & \xe2\x81\xa6ok."

static void test_html_escape(void **state)
{
	static const nd_docinfo bad = {"v1", "<i>1</i>", "bad \xff byte",
	                               "A/\x1b[2J", "\"2020\"",
	                               "\"Ruritania\" & 'Freedonia'", NULL};
	fixture f;
	nd_report_opts o = opts(0, 0, 0, 0);
	char *got;

	(void)state;
	fixture_open(&f, "Title\n\n(a) Clear the screen.\n",
	             "Title\n\n(a) Clear " HOSTILE "\n");
	add(&f, ND_CHANGE_UNCHANGED, 0, 1, IDX(0), IDX(0), NULL);
	add(&f, ND_CHANGE_MODIFIED, 0, 0.2, IDX(1), IDX(1),
	    OPS("=Clear ", "-the screen.", "+" HOSTILE));
	note(&f, "a note with <b>\x1b]0;owned\x07</b> in it");
	o.old_info = o.new_info = &bad;
	got = render(&f, "html", &o);
	check_page(got);
	/* markup from the draft is text */
	assert_has(got, "&lt;/textarea&gt;&lt;script&gt;window.pwned=1&lt;/script"
	           "&gt; &quot;&gt;&lt;img src=x onerror=alert(1)&gt; &#39;x&#39; "
	           "&lt;a href=&quot;javascript:alert(1)&quot;&gt;y&lt;/a&gt; ");
	assert_int_equal(count(got, "<script"), 1);
	assert_null(strstr(got, "<img"));
	assert_null(strstr(got, "<textarea"));
	assert_null(strstr(got, "</textarea"));
	assert_null(strstr(got, "href=\"javascript"));
	/* controls and bidi marks visible, none raw */
	assert_has(got, "<span class=\"cc\">^A</span><span class=\"cc\">^[</span>"
	           "[2J<span class=\"cc\">^?</span> <span class=\"cc\">&lt;U+202E"
	           "&gt;</span> txet <span class=\"cc\">&lt;U+009B&gt;</span> "
	           "&amp; <span class=\"cc\">&lt;U+2066&gt;</span>ok.");
	assert_null(strchr(got, '\x1b'));
	assert_null(strchr(got, '\x01'));
	assert_null(strchr(got, '\x7f'));
	assert_null(strstr(got, "\xe2\x80\xae"));
	assert_null(strstr(got, "\xc2\x9b"));
	assert_null(strstr(got, "\xe2\x81\xa6"));
	/* metadata too, a bad byte as <0xFF>; the <title> is text only, so
	 * the forms stand there without their span */
	assert_has(got, "<title>normdiff: &lt;i&gt;1&lt;/i&gt; (A/^[[2J, "
	           "&quot;2020&quot;) \xE2\x86\x92 ");
	assert_has(got, "<h1>bad <span class=\"cc\">&lt;0xFF&gt;</span> byte</h1>");
	{
		const char *t = strstr(got, "<title>") + 7, *end = strstr(t, "</title>");

		assert_non_null(end);
		assert_true(memchr(t, '<', (size_t)(end - t)) == NULL);
	}
	assert_has(got, "<td>&quot;Ruritania&quot; &amp; &#39;Freedonia&#39;</td>");
	assert_has(got, "<li>a note with &lt;b&gt;<span class=\"cc\">^[</span>]0;"
	           "owned<span class=\"cc\">^G</span>&lt;/b&gt; in it</li>");
	free(got);
	fixture_close(&f);
}

/* ---- registry and errors ---- */

static void test_formats(void **state)
{
	const char *names = nd_report_formats();
	const char *p = names;

	(void)state;
	assert_string_equal(names, "text, markdown, json, html, docx");
	/* every name listed is a format, with its callbacks */
	while (*p) {
		char name[32];
		size_t n = strcspn(p, ",");
		const nd_report_format *f;

		assert_true(n < sizeof(name));
		memcpy(name, p, n);
		name[n] = '\0';
		f = nd_report_format_find(name);
		assert_non_null(f);
		assert_string_equal(f->name, name);
		assert_non_null(f->change);
		assert_non_null(f->description);
		p += n;
		p += strspn(p, ", ");
	}
	assert_ptr_equal(nd_report_format_find("text"), &nd_report_text);
	assert_ptr_equal(nd_report_format_find("markdown"), &nd_report_markdown);
	assert_ptr_equal(nd_report_format_find("json"), &nd_report_json);
	assert_ptr_equal(nd_report_format_find("html"), &nd_report_html);
	assert_null(nd_report_format_find("pdf"));
	assert_null(nd_report_format_find(NULL));
}

static void test_unknown_format(void **state)
{
	nd_buf out = ND_BUF_INIT;

	(void)state;
	assert_int_equal(nd_buf_puts(&out, "kept"), 0);
	assert_int_equal(nd_render_report(&out, &coc.cs, "yaml", NULL), ND_EINVAL);
	assert_non_null(strstr(nd_error_message(), "yaml"));
	assert_non_null(strstr(nd_error_message(), "text, markdown, json"));
	assert_string_equal(out.ptr, "kept");
	nd_buf_dispose(&out);
}

static void test_bad_changeset(void **state)
{
	nd_buf out = ND_BUF_INIT;
	nd_change *c = &coc.cs.changes[1];
	size_t keep = c->new[0];

	(void)state;
	c->new[0] = coc.new->n; /* one past the last provision */
	assert_int_equal(nd_render_report(&out, &coc.cs, "json", NULL), ND_EINVAL);
	assert_non_null(strstr(nd_error_message(), "new provision"));
	assert_int_equal(out.len, 0);
	c->new[0] = keep;
	nd_buf_dispose(&out);
}

/* Has s a line that is exactly `line`? */
static int has_line(const char *s, const char *line)
{
	size_t n = strlen(line);
	const char *p;

	for (p = s; (p = strstr(p, line)) != NULL; p++)
		if ((p == s || p[-1] == '\n') && (p[n] == '\n' || !p[n]))
			return 1;
	return 0;
}

/* Provisions that hold changes say how many, in every format, the
 * headings on their context lines even when --changed-only leaves the
 * heading's own record out. */
static void test_changed_within(void **state)
{
	nd_report_opts o = opts(0, 0, 0, 0);
	nd_change *c = coc.cs.changes;
	char *out;

	(void)state;
	c[1].changed_within = 1; /* Purpose: its ¶1 moved */
	c[4].changed_within = 5; /* Code of conduct */
	c[5].changed_within = 5; /* its chapeau ¶1, unchanged */
	c[7].changed_within = 1; /* the split, as if it held an item */

	out = render(&coc, "text", &o);
	assert_true(has_line(out, "== Purpose · 1 change within"));
	assert_true(has_line(out, "== Code of conduct · 5 changes within"));
	assert_true(has_line(out, "  = ¶1 · 5 changes within  Each State pledges:"));
	assert_true(has_line(out, "(b) → (2) + (3)  split · 1 change within"));
	assert_null(strstr(out, "0 changes"));
	free(out);

	o.changed_only = 1;
	o.width = 24; /* the count moves to the next line whole */
	out = render(&coc, "text", &o);
	assert_true(has_line(out, "== Code of conduct"));
	assert_true(has_line(out, "   · 5 changes within"));
	assert_null(strstr(out, "¶1 · 5"));
	free(out);
	o.width = 0;

	out = render(&coc, "markdown", &o);
	assert_true(has_line(out, "In _Code of conduct_ (5 changes within):"));
	assert_true(has_line(out, "### (b) → (2) + (3): split · 1 change within"));
	free(out);
	o.changed_only = 0;
	out = render(&coc, "markdown", &o);
	assert_true(has_line(out, "Unchanged: ¶1 (5 changes within), (a) → (1)"));
	free(out);

	out = render(&coc, "html", &o);
	assert_non_null(strstr(out, "<h3 class=\"ctx\" id=\"c5\">Code of conduct "
	                            "<span class=\"cw\">5 changes within</span></h3>"));
	assert_non_null(strstr(out, "<li><a href=\"#c5\">Code of conduct</a> <span "
	                            "class=\"k\">unchanged</span> <span class=\"cw\">"
	                            "5 changes within</span></li>"));
	assert_non_null(strstr(out, "<span class=\"lbl\">¶1</span> <span class=\"k\">"
	                            "unchanged</span> <span class=\"cw\">5 changes "
	                            "within</span>"));
	assert_non_null(strstr(out, "split</span> <span class=\"cw\">1 change within"
	                            "</span></h4>"));
	free(out);
	o.changed_only = 1; /* the heading's record is left out: no link to it */
	out = render(&coc, "html", &o);
	assert_null(strstr(out, "href=\"#c5\""));
	assert_non_null(strstr(out, "<h3 class=\"ctx\">Code of conduct <span "
	                            "class=\"cw\">5 changes within</span></h3>"));
	free(out);

	c[1].changed_within = c[4].changed_within = 0;
	c[5].changed_within = c[7].changed_within = 0;
}

static void test_shows(void **state)
{
	nd_report_opts o = opts(0, 0, 0, 0);
	nd_change c;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.kind = ND_CHANGE_UNCHANGED;
	assert_true(nd_report_shows(NULL, &c));
	assert_true(nd_report_shows(&o, &c));
	o.changed_only = 1;
	assert_false(nd_report_shows(&o, &c));
	c.renumbered = 1;
	assert_false(nd_report_shows(&o, &c));
	c.moved = 1;
	assert_true(nd_report_shows(&o, &c));
	c.moved = 0;
	c.kind = ND_CHANGE_ADDED;
	assert_true(nd_report_shows(&o, &c));
	o.stat_only = 1;
	assert_false(nd_report_shows(&o, &c));
}

/* JSON strings escape what a terminal or a JavaScript parser would act on:
 * controls, bidi controls and the line and paragraph separators. */
static void test_json_string_escapes(void **state)
{
	nd_buf b = ND_BUF_INIT;

	(void)state;
	assert_int_equal(nd_json_string(&b, "a\"\\\n\x1b\xe2\x80\xa8\xe2\x80\xa9"
	                                "\xe2\x80\xae\xc3\xa9", 16), 0);
	assert_string_equal(b.ptr, "\"a\\\"\\\\\\n\\u001B\\u2028\\u2029\\u202E"
	                    "\xc3\xa9\"");
	nd_buf_dispose(&b);
}

/* ---- escaping fast paths against simple references ---- */

/* The characters the escapers treat specially, and some they keep: each
 * is put at every offset around the eight-byte words the fast paths
 * skip, in plain ASCII, so a word that holds one is never taken whole. */
static const char *const specials[] = {
	"\"", "\\", "&", "<", ">", "'", "\x01", "\x1b", "\x1f", "\x7f", "\t",
	"\n", "\r", "\xc2\x9b", "\xc2\xa0", "\xe2\x80\xae", "\xe2\x80\xa8",
	"\xd8\x9c", "\xc3\xa9", "\xf0\x9f\x98\x80", "\xff", "\xc3", "\xe2\x80",
	"\xed\xa0\x80", "\xc0\xaf", "*", "_", "`", "[", "|", "~", "#", "@",
	"://", "www.", "1.", "-", "+", "=", ":", ".", " ", "~", "^[", "\x80",
};
#define NSPECIALS (sizeof(specials) / sizeof(specials[0]))

/* Calls f(s, len, arg) for a special at each offset 0..19 of plain text
 * of each length up to 24, with a second special somewhere after. */
static void each_case(void (*f)(const char *, size_t, void *), void *arg)
{
	static const char filler[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	char s[64];
	size_t a, b, at, len, second;

	for (a = 0; a < NSPECIALS; a++)
		for (len = 0; len <= 24; len++)
			for (at = 0; at <= len && at < 20; at++)
				for (b = 0; b < NSPECIALS; b += 7) {
					size_t la = strlen(specials[a]), lb = strlen(specials[b]);

					second = (at * 5 + len) % (len - at + 1);
					memcpy(s, filler, at);
					memcpy(s + at, specials[a], la);
					memcpy(s + at + la, filler, second);
					memcpy(s + at + la + second, specials[b], lb);
					memcpy(s + at + la + second + lb, filler, len - at - second);
					f(s, len + la + lb, arg);
				}
}

/* JSON as nd_json_string wrote it before it skipped words: decoded
 * character by character. */
static void json_reference(nd_buf *out, const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	nd_buf_putc(out, '"');
	while (i < len) {
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (n && !nd_utf8_is_unsafe(cp) && cp != '"' && cp != '\\') {
			nd_buf_put(out, s + i, n);
		} else {
			switch (n ? cp : 0xFFFD) {
			case '"': nd_buf_puts(out, "\\\""); break;
			case '\\': nd_buf_puts(out, "\\\\"); break;
			case '\n': nd_buf_puts(out, "\\n"); break;
			case '\t': nd_buf_puts(out, "\\t"); break;
			case '\r': nd_buf_puts(out, "\\r"); break;
			default: nd_buf_printf(out, "\\u%04X", (unsigned)(n ? cp : 0xFFFD));
			}
		}
		i += n ? n : 1;
	}
	nd_buf_putc(out, '"');
}

static void json_case(const char *s, size_t len, void *arg)
{
	nd_buf got = ND_BUF_INIT, want = ND_BUF_INIT;
	size_t before;

	(void)arg;
	/* into an empty buffer, and after what a buffer holds (of every
	 * length up to a few words, so the room left varies) */
	for (before = 0; before < 20; before += 7) {
		nd_buf_clear(&got);
		nd_buf_clear(&want);
		nd_buf_put(&got, "[[[[[[[[[[[[[[[[[[[[", before);
		nd_buf_put(&want, "[[[[[[[[[[[[[[[[[[[[", before);
		json_reference(&want, s, len);
		assert_int_equal(nd_json_string(&got, s, len), 0);
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.ptr, want.ptr, want.len + 1);
	}
	nd_buf_dispose(&got);
	nd_buf_dispose(&want);
}

static void test_json_string_fast_path(void **state)
{
	(void)state;
	each_case(json_case, NULL);
}

/* HTML as rpt_html_escape wrote it before it skipped words. */
static void html_reference(nd_buf *out, const char *s, size_t len, int markup)
{
	char form[ND_UTF8_VISIBLE_MAX];
	size_t i = 0, n;
	uint32_t cp = 0;
	const char *p;

	while (i < len) {
		unsigned char b = (unsigned char)s[i];

		n = nd_utf8_decode(s + i, len - i, &cp);
		if (b >= 0x20 && b < 0x7F && !strchr("&<>\"'", b)) {
			nd_buf_putc(out, (char)b);
			i++;
			continue;
		}
		if (n && b >= 0x80 && !nd_utf8_is_unsafe(cp)) {
			nd_buf_put(out, s + i, n);
			i += n;
			continue;
		}
		i += n ? n : 1;
		if (n && strchr("&<>\"'", (int)cp) && cp) {
			nd_buf_puts(out, cp == '&' ? "&amp;" : cp == '<' ? "&lt;"
			            : cp == '>' ? "&gt;" : cp == '"' ? "&quot;" : "&#39;");
			continue;
		}
		if (n)
			nd_utf8_visible(form, cp);
		else
			nd_utf8_visible_byte(form, b);
		if (markup)
			nd_buf_puts(out, "<span class=\"cc\">");
		for (p = form; *p; p++)
			nd_buf_puts(out, *p == '<' ? "&lt;" : *p == '>' ? "&gt;"
			            : (char[2]){*p, 0});
		if (markup)
			nd_buf_puts(out, "</span>");
	}
}

/* Markdown as rpt_md_text wrote it before it read safe text in place
 * and copied runs: escaped for the terminal, then character by
 * character. */
static void md_reference(nd_buf *out, const char *raw, size_t len,
                         int line_start)
{
	nd_buf e = ND_BUF_INIT;
	const char *s;
	size_t i = 0, n, k;

	nd_utf8_escape(&e, raw, len, 0);
	s = e.ptr;
	n = e.len;
	if (line_start && n) {
		size_t d = 0;

		while (d < n && d < 9 && s[d] >= '0' && s[d] <= '9')
			d++;
		if (d && d < n && (s[d] == '.' || s[d] == ')')) {
			nd_buf_put(out, s, d);
			nd_buf_putc(out, '\\');
			nd_buf_putc(out, s[d]);
			i = d + 1;
		} else if (strchr("-+=", s[0])) {
			nd_buf_putc(out, '\\');
			nd_buf_putc(out, s[0]);
			i = 1;
		}
	}
	for (; i < n; i++) {
		char c = s[i];
		int www = c == '.' && i >= 3;

		for (k = i - (www ? 3 : 0); www && k < i; k++)
			www = s[k] == 'w' || s[k] == 'W';
		if (www && i > 3)
			www = !((s[i - 4] >= '0' && s[i - 4] <= '9') ||
			        (s[i - 4] >= 'A' && s[i - 4] <= 'Z') ||
			        (s[i - 4] >= 'a' && s[i - 4] <= 'z'));
		if ((c && strchr("\\`*_[]<>|~&#@", c)) || www ||
		    (c == ':' && i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/'))
			nd_buf_putc(out, '\\');
		nd_buf_putc(out, c);
	}
	nd_buf_dispose(&e);
}

static void assert_same_buf(const nd_buf *got, const nd_buf *want)
{
	assert_int_equal(got->len, want->len);
	assert_memory_equal(got->ptr ? got->ptr : "", want->ptr ? want->ptr : "",
	                    want->len);
}

static void html_case(const char *s, size_t len, void *arg)
{
	nd_buf got = ND_BUF_INIT, want = ND_BUF_INIT;
	int markup;

	(void)arg;
	for (markup = 0; markup < 2; markup++) {
		nd_buf_clear(&got);
		nd_buf_clear(&want);
		html_reference(&want, s, len, markup);
		assert_int_equal(rpt_html_escape(&got, s, len, markup), 0);
		assert_same_buf(&got, &want);
	}
	nd_buf_dispose(&got);
	nd_buf_dispose(&want);
}

static void md_case(const char *s, size_t len, void *arg)
{
	nd_buf got = ND_BUF_INIT, want = ND_BUF_INIT, e = ND_BUF_INIT;
	int start, line_start;

	(void)arg;
	for (start = 0; start < 2; start++) {
		nd_buf_clear(&got);
		nd_buf_clear(&want);
		md_reference(&want, s, len, start);
		line_start = start;
		assert_int_equal(rpt_md_text(&got, &e, s, len, &line_start), 0);
		assert_same_buf(&got, &want);
		assert_int_equal(line_start, start && !len);
	}
	nd_buf_dispose(&got);
	nd_buf_dispose(&want);
	nd_buf_dispose(&e);
}

static void test_html_escape_fast_path(void **state)
{
	(void)state;
	each_case(html_case, NULL);
}

static void test_md_text_fast_path(void **state)
{
	(void)state;
	each_case(md_case, NULL);
}

/* The JSON and HTML reports reserve about their size before writing:
 * on the bundled pair each fits what was reserved (no doubling past
 * it) with less than a quarter left over, which doubling from 64 bytes
 * would not give; also after what the buffer held. */
static void test_report_reserve(void **state)
{
	static const char *const formats[] = {"json", "html"};
	nd_doc *old = test_parse_draft("2011-A-66-359.txt");
	nd_doc *new = test_parse_draft("2015-A-69-723.txt");
	nd_changeset *cs = NULL;
	size_t k, start;

	(void)state;
	assert_int_equal(nd_changeset_compute(&cs, old, new, NULL, NULL, NULL), 0);
	for (k = 0; k < 2; k++)
		for (start = 0; start < 2; start++) {
			nd_buf out = ND_BUF_INIT;
			size_t len;

			if (start)
				assert_int_equal(nd_buf_puts(&out, "before\n"), 0);
			assert_int_equal(nd_render_report(&out, cs, formats[k], NULL), 0);
			len = out.len;
			assert_true(out.cap > len);
			assert_true(out.cap - 1 - len <= len / 4);
			if (start)
				assert_int_equal(strncmp(out.ptr, "before\n", 7), 0);
			nd_buf_dispose(&out);
		}
	nd_changeset_free(cs);
	nd_doc_free(old);
	nd_doc_free(new);
}

/* What a sink was given: the pieces joined, how many, and the piece at
 * which take fails (0: never). */
typedef struct pieces {
	nd_buf all;
	size_t n, fail_at;
} pieces;

static int take(void *arg, const char *p, size_t n)
{
	pieces *got = arg;

	if (++got->n == got->fail_at)
		return nd_error_set(ND_EIO, "no room");
	assert_true(n > 0);
	assert_int_equal(nd_buf_put(&got->all, p, n), 0);
	return 0;
}

/* A report handed over in pieces (nd_render_report_to) is, joined, the
 * report made whole, byte for byte, in every text format and option,
 * whatever the size of a piece; the redline is never cut. A piece that
 * cannot be taken ends the report with the sink's error, what was left
 * in out dropped. */
static void test_report_pieces(void **state)
{
	static const char *const formats[] = {"text", "markdown", "json", "html",
	                                      "docx"};
	static const size_t at[] = {1, 4096};
	nd_doc *old = test_parse_draft("2011-A-66-359.txt");
	nd_doc *new = test_parse_draft("2015-A-69-723.txt");
	nd_changeset *cs = NULL;
	nd_report_opts o;
	size_t k, a, opt;

	(void)state;
	assert_int_equal(nd_changeset_compute(&cs, old, new, NULL, NULL, NULL), 0);
	for (k = 0; k < 5; k++)
		for (a = 0; a < 2; a++)
			for (opt = 0; opt < 2; opt++) {
				nd_buf whole = ND_BUF_INIT, out = ND_BUF_INIT;
				pieces got = {ND_BUF_INIT, 0, 0};
				nd_report_sink sink = {take, &got, at[a]};

				memset(&o, 0, sizeof(o));
				o.color = o.changed_only = (int)opt && k < 4;
				o.width = opt ? 72 : 0;
				assert_int_equal(nd_render_report(&whole, cs, formats[k], &o), 0);
				assert_int_equal(nd_buf_puts(&out, "before\n"), 0);
				assert_int_equal(nd_render_report_to(&out, cs, formats[k], &o,
				                                     &sink), 0);
				assert_true(k == 4 ? got.n == 0 : got.n > (a ? 0 : 20));
				assert_int_equal(nd_buf_put(&got.all, out.ptr, out.len), 0);
				assert_int_equal(got.all.len, whole.len + 7);
				assert_memory_equal(got.all.ptr, "before\n", 7);
				assert_memory_equal(got.all.ptr + 7, whole.ptr, whole.len);
				nd_buf_dispose(&whole);
				nd_buf_dispose(&out);
				nd_buf_dispose(&got.all);
			}
	for (k = 0; k < 4; k++) {
		nd_buf out = ND_BUF_INIT;
		pieces got = {ND_BUF_INIT, 0, 3};
		nd_report_sink sink = {take, &got, 1};

		assert_int_equal(nd_render_report_to(&out, cs, formats[k], NULL,
		                                     &sink), ND_EIO);
		assert_int_equal(got.n, 3);
		assert_int_equal(out.len, 0);
		nd_buf_dispose(&out);
		nd_buf_dispose(&got.all);
	}
	nd_changeset_free(cs);
	nd_doc_free(old);
	nd_doc_free(new);
}

/* A map of `n` lines, line k + 1 from page first[k] to last[k]. */
static void pagemap(nd_pagemap *m, const uint32_t *first, const uint32_t *last,
                    size_t n)
{
	size_t k;

	*m = (nd_pagemap)ND_PAGEMAP_INIT;
	for (k = 0; k < n; k++) {
		assert_int_equal(nd_pagemap_push(m, first[k]), 0);
		m->line[k].last = last[k];
	}
}

static char *pages_of(const nd_docinfo *info, const nd_doc *d,
                      const size_t *idx, size_t n)
{
	nd_buf b = ND_BUF_INIT;

	assert_int_equal(nd_report_pages(&b, info, d, idx, n), 0);
	return nd_buf_detach(&b);
}

static void assert_pages(const nd_docinfo *info, const nd_doc *d,
                         const size_t *idx, size_t n, const char *want)
{
	char *got = pages_of(info, d, idx, n);

	assert_string_equal(got, want);
	free(got);
}

/* Pages by provisions: the first line's page, "pp." when the last line
 * ends on a later page, one side's words when the other has none. */
static void test_pages(void **state)
{
	static const uint32_t of[] = {1, 1, 1, 2, 3}, ol[] = {1, 1, 2, 2, 3};
	static const uint32_t nf[] = {1, 1, 4, 4, 4}, nl[] = {1, 1, 4, 4, 5};
	nd_pagemap om, nm;
	nd_docinfo oi = {0}, ni = {0};
	nd_report_opts o = {0};
	fixture f;
	size_t i0 = 0, i1 = 1, i2 = 2, both[] = {0, 2};
	uint32_t a, b;
	nd_buf out = ND_BUF_INIT;
	char *json;

	(void)state;
	fixture_open(&f, "1. Alpha one.\n\n2. Beta two.\n\n3. Gamma three.\n",
	             "1. Alpha one.\n\n2. Beta two again.\n\n3. Gamma three.\n");
	add(&f, ND_CHANGE_UNCHANGED, 0, 1, IDX(0), IDX(0), NULL);
	add(&f, ND_CHANGE_MODIFIED, 0, 0.8, IDX(1), IDX(1),
	    (const char *const[]){"=Beta two", "+ again", "=.", NULL});
	add(&f, ND_CHANGE_UNCHANGED, 0, 1, IDX(2), IDX(2), NULL);
	pagemap(&om, of, ol, 5);
	pagemap(&nm, nf, nl, 5);
	oi.pages = &om;
	ni.pages = &nm;
	assert_pages(&oi, f.old, &i0, 1, "p. 1");           /* the first page */
	assert_pages(&oi, f.old, &i1, 1, "pp. 1\xE2\x80\x93" "2"); /* onto page 2 */
	assert_pages(&oi, f.old, &i2, 1, "p. 3");           /* the last page */
	assert_pages(&oi, f.old, both, 2, "pp. 1\xE2\x80\x93" "3");
	assert_pages(&ni, f.new, &i2, 1, "pp. 4\xE2\x80\x93" "5");
	assert_pages(NULL, f.old, &i0, 1, "");
	assert_true(nd_report_page_span(&oi, f.old, &i1, 1, &a, &b));
	assert_int_equal(a, 1);
	assert_int_equal(b, 2);
	assert_false(nd_report_page_span(&oi, f.old, &i1, 0, &a, &b));
	assert_int_equal(nd_report_change_pages(&out, &f.cs, &f.cs.changes[1], &oi,
	                                        &ni), 0);
	assert_string_equal(out.ptr, "pp. 1\xE2\x80\x93" "2 \xE2\x86\x92 p. 4");
	nd_buf_clear(&out);
	assert_int_equal(nd_report_change_pages(&out, &f.cs, &f.cs.changes[0], &oi,
	                                        &ni), 0);
	assert_string_equal(out.ptr, "p. 1"); /* both sides agree */
	nd_buf_clear(&out);
	assert_int_equal(nd_report_change_pages(&out, &f.cs, &f.cs.changes[1], NULL,
	                                        &ni), 0);
	assert_string_equal(out.ptr, "p. 4"); /* one side only */
	nd_buf_clear(&out);
	assert_int_equal(nd_report_change_pages(&out, &f.cs, &f.cs.changes[1], NULL,
	                                        NULL), 0);
	assert_int_equal(out.len, 0);
	o.old_info = &oi;
	o.new_info = &ni;
	json = render(&f, "json", &o);
	assert_json(json);
	assert_non_null(strstr(json, "\"line\": 3, \"page\": 1, \"last_page\": 2, \"text\": \"Beta two.\""));
	assert_non_null(strstr(json, "\"line\": 3, \"page\": 4, \"last_page\": 4, \"text\": \"Beta two again.\""));
	free(json);
	o.new_info = NULL;
	json = render(&f, "json", &o);
	assert_null(strstr(json, "\"line\": 3, \"page\": 4")); /* unknown: absent */
	free(json);
	nd_buf_dispose(&out);
	nd_pagemap_dispose(&om);
	nd_pagemap_dispose(&nm);
	fixture_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_plain),
		cmocka_unit_test(test_text_color),
		cmocka_unit_test(test_text_default),
		cmocka_unit_test(test_text_stat),
		cmocka_unit_test(test_text_wrap),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_markdown_changed_only),
		cmocka_unit_test(test_markdown_stat),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_changed_only),
		cmocka_unit_test(test_json_stat),
		cmocka_unit_test(test_markers),
		cmocka_unit_test(test_wrap_limits),
		cmocka_unit_test(test_wrap_wide),
		cmocka_unit_test(test_wrap_mixed),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_html_names),
		cmocka_unit_test(test_html_steps),
		cmocka_unit_test(test_html_options),
		cmocka_unit_test(test_html_escape),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_unknown_format),
		cmocka_unit_test(test_bad_changeset),
		cmocka_unit_test(test_changed_within),
		cmocka_unit_test(test_shows),
		cmocka_unit_test(test_json_string_escapes),
		cmocka_unit_test(test_json_string_fast_path),
		cmocka_unit_test(test_html_escape_fast_path),
		cmocka_unit_test(test_md_text_fast_path),
		cmocka_unit_test(test_report_reserve),
		cmocka_unit_test(test_report_pieces),
		cmocka_unit_test(test_pages),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
