/* test_worddiff.c - word-level edits, the redline clean-up and the cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/buf.h"
#include "normdiff/worddiff.h"

#include "worddiff_internal.h"

static int alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* What every edit script must satisfy: EQUAL+DELETE give the old text,
 * EQUAL+INSERT the new one, ops point into the right text at the right
 * place, none is empty, no two neighbours have the same kind, an INSERT is
 * never directly followed by a DELETE, and no op starts or ends between
 * two ASCII letters or digits (inside a word). */
static void check_script(const nd_wdiff *d, const char *a, size_t alen,
                         const char *b, size_t blen)
{
	size_t i, oa = 0, ob = 0;

	for (i = 0; i < d->n; i++) {
		const nd_op *op = &d->ops[i];

		assert_true(op->len > 0);
		if (i > 0) {
			assert_int_not_equal(op->kind, d->ops[i - 1].kind);
			if (d->ops[i - 1].kind == ND_OP_INSERT)
				assert_int_not_equal(op->kind, ND_OP_DELETE);
		}
		if (op->kind != ND_OP_INSERT) { /* a boundary in the old text */
			assert_true(op->text == a + oa);
			assert_true(oa + op->len <= alen);
			if (oa > 0)
				assert_false(alnum(a[oa - 1]) && alnum(a[oa]));
		}
		if (op->kind != ND_OP_DELETE) { /* a boundary in the new text */
			assert_true(ob + op->len <= blen);
			if (op->kind == ND_OP_INSERT)
				assert_true(op->text == b + ob);
			else
				assert_memory_equal(op->text, b + ob, op->len);
			if (ob > 0)
				assert_false(alnum(b[ob - 1]) && alnum(b[ob]));
		}
		if (op->kind != ND_OP_INSERT)
			oa += op->len;
		if (op->kind != ND_OP_DELETE)
			ob += op->len;
	}
	assert_int_equal(oa, alen);
	assert_int_equal(ob, blen);
	assert_true(d->similarity >= 0.0 && d->similarity <= 1.0);
}

static void diff(nd_wdiff *d, const char *a, const char *b, size_t max_cost)
{
	int rc = nd_word_diff(d, a, strlen(a), b, strlen(b), max_cost);

	assert_int_equal(rc, 0);
	check_script(d, a, strlen(a), b, strlen(b));
}

/* The script as "[-deleted-]{+inserted+}equal", in a static buffer. */
static const char *render(const nd_wdiff *d)
{
	static nd_buf out = ND_BUF_INIT;
	size_t i;

	nd_buf_clear(&out);
	for (i = 0; i < d->n; i++) {
		const nd_op *op = &d->ops[i];

		assert_int_equal(nd_buf_printf(&out, "%s%.*s%s",
		                               op->kind == ND_OP_DELETE ? "[-" :
		                               op->kind == ND_OP_INSERT ? "{+" : "",
		                               (int)op->len, op->text,
		                               op->kind == ND_OP_DELETE ? "-]" :
		                               op->kind == ND_OP_INSERT ? "+}" : ""),
		                 0);
	}
	return out.ptr ? out.ptr : "";
}

static void expect_redline(const char *a, const char *b, const char *want)
{
	nd_wdiff d;

	nd_wdiff_init(&d);
	diff(&d, a, b, 0);
	assert_string_equal(render(&d), want);
	assert_int_equal(d.capped, 0);
	nd_wdiff_dispose(&d);
}

static void expect_op(const nd_wdiff *d, size_t i, nd_op_kind kind,
                      const char *text)
{
	assert_true(i < d->n);
	assert_int_equal(d->ops[i].kind, kind);
	assert_int_equal(d->ops[i].len, strlen(text));
	assert_memory_equal(d->ops[i].text, text, d->ops[i].len);
}

static void test_identical_texts(void **state)
{
	const char *t = "Each State should cooperate, in particular, with others.";
	nd_wdiff d;

	(void)state;
	nd_wdiff_init(&d);
	diff(&d, t, t, 0);
	assert_int_equal(d.n, 1);
	expect_op(&d, 0, ND_OP_EQUAL, t);
	assert_true(d.similarity == 1.0);
	assert_int_equal(d.editorial, 0);
	assert_int_equal(d.capped, 0);
	nd_wdiff_dispose(&d);
	assert_null(d.ops);
}

static void test_empty_texts(void **state)
{
	nd_wdiff d;

	(void)state;
	nd_wdiff_init(&d);
	diff(&d, "", "New text.", 0);
	assert_int_equal(d.n, 1);
	expect_op(&d, 0, ND_OP_INSERT, "New text.");
	assert_true(d.similarity == 0.0);
	assert_int_equal(d.editorial, 0);

	diff(&d, "Old text.", "", 0);
	assert_int_equal(d.n, 1);
	expect_op(&d, 0, ND_OP_DELETE, "Old text.");
	assert_true(d.similarity == 0.0);

	diff(&d, "", "", 0);
	assert_int_equal(d.n, 0);
	assert_true(d.similarity == 1.0);
	assert_int_equal(d.editorial, 0);

	diff(&d, "", ";", 0); /* no words on either side, yet different */
	assert_int_equal(d.n, 1);
	assert_true(d.similarity == 0.0);
	nd_wdiff_dispose(&d);
}

static void test_pure_insertion_and_deletion(void **state)
{
	(void)state;
	expect_redline("to ensure information", "to ensure an environment for "
	               "information", "to ensure {+an environment for +}information");
	expect_redline("to ensure an environment for information", "to ensure "
	               "information", "to ensure [-an environment for -]information");
	expect_redline("States shall cooperate.", "States shall cooperate fully.",
	               "States shall cooperate{+ fully+}.");
	expect_redline("Recalling its resolutions", "Further recalling its "
	               "resolutions", "[-Recalling-]{+Further recalling+} its resolutions");
}

/* A text repeated whole: the shift that would put the insertion at the
 * start freed the tokens after it with no equality left to take them, and
 * they were lost. */
static void test_repeated_text_keeps_every_token(void **state)
{
	(void)state;
	expect_redline("The Parties shall cooperate.",
	               "The Parties shall cooperate. The Parties shall cooperate.",
	               "The Parties shall cooperate.{+ The Parties shall cooperate.+}");
	expect_redline("The Parties shall cooperate. The Parties shall cooperate.",
	               "The Parties shall cooperate.",
	               "The Parties shall cooperate.[- The Parties shall cooperate.-]");
	expect_redline("a b a", "a b a b a", "a b a{+ b a+}");
}

static void test_redline_example(void **state)
{
	const char *a = "so as to ensure that information and communications "
	                "technologies, including networks, are to be solely used";
	const char *b = "in order to ensure an environment for information and "
	                "communications technologies, including networks, that "
	                "is peaceful";
	nd_wdiff d;

	(void)state;
	nd_wdiff_init(&d);
	diff(&d, a, b, 0);
	assert_int_equal(d.n, 8);
	expect_op(&d, 0, ND_OP_DELETE, "so as");
	expect_op(&d, 1, ND_OP_INSERT, "in order");
	expect_op(&d, 2, ND_OP_EQUAL, " to ensure ");
	expect_op(&d, 3, ND_OP_DELETE, "that");
	expect_op(&d, 4, ND_OP_INSERT, "an environment for");
	expect_op(&d, 5, ND_OP_EQUAL, " information and communications "
	          "technologies, including networks, ");
	expect_op(&d, 6, ND_OP_DELETE, "are to be solely used");
	expect_op(&d, 7, ND_OP_INSERT, "that is peaceful");
	/* equal words: to ensure information and communications technologies
	 * including networks = 8, of 16 + 16 words */
	assert_true(d.similarity > 0.5 - 1e-9 && d.similarity < 0.5 + 1e-9);
	assert_int_equal(d.editorial, 0);
	assert_int_equal(d.capped, 0);
	nd_wdiff_dispose(&d);
}

static void test_small_equalities_fold(void **state)
{
	(void)state;
	/* punctuation and spaces between two edits */
	expect_redline("alpha, beta", "gamma, delta", "[-alpha, beta-]{+gamma, "
	               "delta+}");
	/* one short word and its spaces */
	expect_redline("alpha of beta", "gamma of delta", "[-alpha of beta-]"
	               "{+gamma of delta+}");
	/* a longer word, or two short ones, stay */
	expect_redline("alpha between beta", "gamma between delta", "[-alpha-]"
	               "{+gamma+} between [-beta-]{+delta+}");
	expect_redline("alpha of the beta", "gamma of the delta", "[-alpha-]"
	               "{+gamma+} of the [-beta-]{+delta+}");
	/* at the edges an equality stays, however small */
	expect_redline("a alpha b", "a gamma b", "a [-alpha-]{+gamma+} b");
}

static void test_cjk_changes_by_character(void **state)
{
	(void)state;
	/* 联合国大会决议 -> 联合国安理会决议 */
	expect_redline("\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD\xE5\xA4\xA7\xE4\xBC"
	               "\x9A\xE5\x86\xB3\xE8\xAE\xAE",
	               "\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD\xE5\xAE\x89\xE7\x90"
	               "\x86\xE4\xBC\x9A\xE5\x86\xB3\xE8\xAE\xAE",
	               "\xE8\x81\x94\xE5\x90\x88\xE5\x9B\xBD[-\xE5\xA4\xA7-]{+\xE5"
	               "\xAE\x89\xE7\x90\x86+}\xE4\xBC\x9A\xE5\x86\xB3\xE8\xAE\xAE");
}

static void test_editorial_changes(void **state)
{
	nd_wdiff d;

	(void)state;
	nd_wdiff_init(&d);
	diff(&d, "The States shall, in particular, cooperate.",
	     "The States shall in particular cooperate;", 0);
	assert_int_equal(d.editorial, 1); /* punctuation only */
	assert_true(d.similarity == 1.0);

	diff(&d, "the general assembly", "The General Assembly", 0);
	assert_int_equal(d.editorial, 1); /* case only */
	assert_string_equal(render(&d), "[-the general assembly-]{+The General "
	                    "Assembly+}");

	diff(&d, "a , b", "a, b", 0);
	assert_int_equal(d.editorial, 1); /* spacing only */

	diff(&d, "The States shall cooperate.", "The Parties shall cooperate.", 0);
	assert_int_equal(d.editorial, 0); /* a word */
	assert_string_equal(render(&d), "The [-States-]{+Parties+} shall "
	                    "cooperate.");

	diff(&d, "capacity-building", "capacity building", 0);
	assert_int_equal(d.editorial, 0); /* one word became two */

	diff(&d, "same", "same", 0);
	assert_int_equal(d.editorial, 0); /* no change at all */
	nd_wdiff_dispose(&d);
}

static int equiv(const char *a, const char *b, int ic, int ip)
{
	return nd_text_equivalent(a, strlen(a), b, strlen(b), ic, ip);
}

static void test_text_equivalent(void **state)
{
	(void)state;
	assert_true(equiv("The States", "the states", 1, 0));
	assert_false(equiv("The States", "the states", 0, 0));
	assert_true(equiv("\xC3\x89TATS", "\xC3\xA9tats", 1, 0));
	assert_true(equiv("a, b", "a b", 0, 1));
	assert_false(equiv("a, b", "a b", 0, 0));
	assert_true(equiv("a  b ", " a b", 0, 0));
	assert_false(equiv("ab", "a b", 1, 1));
	assert_false(equiv("a b", "a b c", 1, 1));
	assert_true(equiv("", "", 0, 0));
	assert_false(equiv("", "x", 1, 1));
	assert_true(equiv(",", "", 0, 1));
	assert_false(equiv(",", "", 0, 0));
}

static void test_cap_boundary(void **state)
{
	const char *a = "alpha beta gamma delta", *b = "alpha omega gamma sigma";
	nd_wdiff d;

	(void)state;
	nd_wdiff_init(&d);
	diff(&d, a, b, 4); /* the distance is 4 tokens: within the cap */
	assert_int_equal(d.capped, 0);
	assert_string_equal(render(&d), "alpha [-beta-]{+omega+} gamma "
	                    "[-delta-]{+sigma+}");
	diff(&d, a, b, 3);
	assert_int_equal(d.capped, 1);
	assert_string_equal(render(&d), "alpha [-beta gamma delta-]{+omega gamma "
	                    "sigma+}");
	nd_wdiff_dispose(&d);
}

/* A seeded generator, so every run tests the same pairs. */
static unsigned long long rng = 0x2545F4914F6CDD1DULL;

static unsigned next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng >> 11);
}

static const char *const vocab[] = {
	"a", "to", "of", "the", "is", "and", "States", "shall", "cooperate",
	"information", "security", "peaceful", "use", "networks", "ensure",
	"promote", "1.5", "2015", "10,000", "people\xE2\x80\x99s",
	"capacity-building", "\xC3\xA9tats", "\xE4\xBA\xBA", "(a)"};
static const char *const puncts[] = {",", ".", ";", ":", ""};

static void append_word(nd_buf *out)
{
	const size_t nv = sizeof(vocab) / sizeof(vocab[0]);
	const size_t np = sizeof(puncts) / sizeof(puncts[0]);

	if (out->len)
		assert_int_equal(nd_buf_putc(out, ' '), 0);
	assert_int_equal(nd_buf_puts(out, vocab[next_rand() % nv]), 0);
	if (next_rand() % 5 == 0)
		assert_int_equal(nd_buf_puts(out, puncts[next_rand() % np]), 0);
}

/* A text of `words` words, and a copy with about `edits` random edits. */
static void random_pair(nd_buf *a, nd_buf *b, size_t words, size_t edits)
{
	size_t i, rate = words / (edits + 1) + 1;
	nd_buf w = ND_BUF_INIT;

	nd_buf_clear(a);
	nd_buf_clear(b);
	for (i = 0; i < words; i++) {
		nd_buf_clear(&w);
		append_word(&w); /* "word" or "word," */
		if (a->len)
			assert_int_equal(nd_buf_putc(a, ' '), 0);
		assert_int_equal(nd_buf_put(a, w.ptr, w.len), 0);
		switch (next_rand() % rate == 0 ? next_rand() % 4 : 4) {
		case 0: /* deleted */
			break;
		case 1: /* replaced */
			append_word(b);
			break;
		case 2: /* words inserted after it */
			if (b->len)
				assert_int_equal(nd_buf_putc(b, ' '), 0);
			assert_int_equal(nd_buf_put(b, w.ptr, w.len), 0);
			append_word(b);
			append_word(b);
			break;
		case 3: /* punctuation or case changed */
			if (b->len)
				assert_int_equal(nd_buf_putc(b, ' '), 0);
			assert_int_equal(nd_buf_put(b, w.ptr, w.len), 0);
			if (b->ptr[b->len - 1] >= 'a' && b->ptr[b->len - 1] <= 'z')
				b->ptr[b->len - 1] = (char)(b->ptr[b->len - 1] - 32);
			else
				assert_int_equal(nd_buf_putc(b, ';'), 0);
			break;
		default: /* kept */
			if (b->len)
				assert_int_equal(nd_buf_putc(b, ' '), 0);
			assert_int_equal(nd_buf_put(b, w.ptr, w.len), 0);
		}
	}
	if (!a->ptr)
		assert_int_equal(nd_buf_puts(a, ""), 0);
	if (!b->ptr)
		assert_int_equal(nd_buf_puts(b, ""), 0);
	nd_buf_dispose(&w);
}

static void test_property_random_pairs(void **state)
{
	nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
	nd_wdiff d;
	size_t round, changed = 0, editorial = 0, equal = 0;

	(void)state;
	nd_wdiff_init(&d);
	for (round = 0; round < 3000; round++) {
		random_pair(&a, &b, next_rand() % 40, next_rand() % 8);
		assert_int_equal(nd_word_diff(&d, a.ptr, a.len, b.ptr, b.len,
		                              round % 3 == 0 ? 6 : 0), 0);
		check_script(&d, a.ptr, a.len, b.ptr, b.len);
		if (a.len == b.len && !memcmp(a.ptr, b.ptr, a.len)) {
			equal++;
			assert_true(d.n <= 1);
			assert_true(d.similarity == 1.0);
			assert_int_equal(d.editorial, 0);
		} else {
			changed++;
			assert_true(d.n >= 1);
			editorial += d.editorial;
		}
	}
	/* the generator made both kinds of pairs, and editorial ones */
	assert_true(changed > 1000 && equal > 50 && editorial > 10);
	nd_wdiff_dispose(&d);
	nd_buf_dispose(&a);
	nd_buf_dispose(&b);
}

/* Pieces of the cut test's texts: one word repeated (the first three,
 * alone in some texts), so that slides run far; runs of spaces, one
 * longer than the cut's margin; words longer than it that differ at
 * their end; tokens that start with a byte that is not ASCII, marks and
 * joiners, numbers with inner signs. */
static const char *const cut_pieces[] = {
	"shall", "shall", "shall", "States", "the", "of", "1.5", "10,000",
	"  ", "\xE2\x80\x94", "\xC2\xAB", "(b)", "Art.", "don't",
	"x\xCC\x81", "a\xE2\x80\x8D", "\xC3\xA9tats", "\xE4\xBA\xBA", ";", "-",
	"                                        ",
	"informationsecurityinformationsecurity1",
	"informationsecurityinformationsecurity2"};
static size_t cut_vocab; /* pieces drawn from the first cut_vocab */

static void cut_piece(nd_buf *out)
{
	if (out->len)
		assert_int_equal(nd_buf_putc(out, ' '), 0);
	assert_int_equal(nd_buf_puts(out, cut_pieces[next_rand() % cut_vocab]), 0);
}

/* A text of `n` pieces in a, and in b a copy with `edits` pieces deleted,
 * replaced or inserted, near either end or anywhere. */
static void cut_pair(nd_buf *a, nd_buf *b, size_t n, size_t edits)
{
	size_t i, k, at[8];
	nd_buf w = ND_BUF_INIT;

	nd_buf_clear(a);
	nd_buf_clear(b);
	for (k = 0; k < edits; k++) {
		unsigned where = next_rand() % 3;

		at[k] = where == 0 ? next_rand() % 4
		        : where == 1 ? n - 1 - next_rand() % 4 : next_rand() % n;
	}
	for (i = 0; i < n; i++) {
		int op = 3;

		for (k = 0; k < edits; k++)
			if (at[k] == i)
				op = (int)(next_rand() % 3);
		nd_buf_clear(&w);
		cut_piece(&w);
		if (a->len)
			assert_int_equal(nd_buf_putc(a, ' '), 0);
		assert_int_equal(nd_buf_put(a, w.ptr, w.len), 0);
		if (op == 1) /* replaced */
			cut_piece(b);
		if (op == 2 || op == 3) { /* kept, with a piece after it */
			if (b->len)
				assert_int_equal(nd_buf_putc(b, ' '), 0);
			assert_int_equal(nd_buf_put(b, w.ptr, w.len), 0);
		}
		if (op == 2)
			cut_piece(b);
	}
	nd_buf_dispose(&w);
}

static void expect_same_diff(const nd_wdiff *d, const nd_wdiff *whole)
{
	size_t i;

	assert_int_equal(d->n, whole->n);
	for (i = 0; i < d->n; i++) {
		assert_int_equal(d->ops[i].kind, whole->ops[i].kind);
		assert_ptr_equal(d->ops[i].text, whole->ops[i].text);
		assert_int_equal(d->ops[i].len, whole->ops[i].len);
	}
	assert_true(d->similarity == whole->similarity);
	assert_int_equal(d->editorial, whole->editorial);
	assert_int_equal(d->capped, whole->capped);
}

/* The diff tokenizes only between cut ends inside the bytes both texts
 * share at their start and end; its result is that of the diff that
 * tokenizes everything, op for op, on long texts edited near their ends
 * (where a cut end is in the way and the whole texts are diffed) and
 * anywhere, under a low cap and the default one. */
static void test_cut_ends_change_nothing(void **state)
{
	nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
	nd_wdiff d, whole;
	size_t round;

	(void)state;
	nd_wdiff_init(&d);
	nd_wdiff_init(&whole);
	for (round = 0; round < 4000; round++) {
		size_t max_cost = round % 5 == 0 ? 4 : 0;

		cut_vocab = round % 4 == 0 ? 3 : sizeof(cut_pieces) / sizeof(cut_pieces[0]);
		cut_pair(&a, &b, 20 + next_rand() % 300, 1 + next_rand() % 4);
		assert_int_equal(nd_word_diff(&d, a.ptr, a.len, b.ptr, b.len,
		                              max_cost), 0);
		check_script(&d, a.ptr, a.len, b.ptr, b.len);
		assert_int_equal(word_diff_whole(&whole, a.ptr, a.len, b.ptr,
		                                 b.len, max_cost), 0);
		expect_same_diff(&d, &whole);
	}
	nd_wdiff_dispose(&d);
	nd_wdiff_dispose(&whole);
	nd_buf_dispose(&a);
	nd_buf_dispose(&b);
}

static void test_property_arbitrary_bytes(void **state)
{
	static const char *const pieces[] = {
		"a", "Zb", " ", "  ", "-", "'", ",", ".", "1", "9", "\xC3\xA9",
		"\xCC\x81", "\xE4\xBA\xBA", "\xF0\x9F\x98\x80", "\xFF", "\x80",
		"\xE2\x80", "\n"};
	static const size_t caps[] = {0, 3, 20};
	const size_t np = sizeof(pieces) / sizeof(pieces[0]);
	char a[200], b[400];
	size_t la, lb, i, k, round, capped = 0;
	nd_wdiff d;

	(void)state;
	nd_wdiff_init(&d);
	for (round = 0; round < 3000; round++) {
		la = lb = 0;
		k = next_rand() % 40;
		for (i = 0; i < k; i++) {
			const char *p = pieces[next_rand() % np];

			memcpy(a + la, p, strlen(p));
			la += strlen(p);
		}
		/* b: a with random bytes dropped, changed and added */
		for (i = 0; i < la; i++) {
			unsigned r = next_rand() % 16;

			if (r == 0)
				continue;
			b[lb++] = r == 1 ? (char)(next_rand() & 0xFF) : a[i];
			if (r == 2)
				b[lb++] = (char)(next_rand() & 0xFF);
		}
		assert_int_equal(nd_word_diff(&d, a, la, b, lb, caps[round % 3]), 0);
		check_script(&d, a, la, b, lb);
		capped += (size_t)d.capped;
	}
	assert_true(capped > 100); /* the small caps were reached */
	nd_wdiff_dispose(&d);
}

/* Few edits but many matching diagonals: the edit distance is small, the
 * search would still be long; the work budget stops it and the script is
 * still a valid one. */
static void test_work_budget_bounds_the_search(void **state)
{
	nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
	nd_wdiff d;
	size_t k;

	(void)state;
	assert_int_equal(nd_buf_puts(&a, "Z"), 0);
	assert_int_equal(nd_buf_puts(&b, "Q"), 0);
	for (k = 0; k < 300000; k++)
		assert_int_equal(nd_buf_puts(&a, " ab"), 0);
	for (k = 0; k < 302100; k++)
		assert_int_equal(nd_buf_puts(&b, " ab"), 0);
	assert_int_equal(nd_buf_puts(&a, " Q"), 0);
	assert_int_equal(nd_buf_puts(&b, " Z"), 0);
	nd_wdiff_init(&d);
	assert_int_equal(nd_word_diff(&d, a.ptr, a.len, b.ptr, b.len, 0), 0);
	assert_true(d.capped);
	check_script(&d, a.ptr, a.len, b.ptr, b.len);
	nd_wdiff_dispose(&d);
	nd_buf_dispose(&a);
	nd_buf_dispose(&b);
}

static void test_medium_texts_below_the_cap(void **state)
{
	nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
	nd_wdiff d;

	(void)state;
	nd_wdiff_init(&d);
	random_pair(&a, &b, 3000, 40);
	assert_int_equal(nd_word_diff(&d, a.ptr, a.len, b.ptr, b.len, 0), 0);
	check_script(&d, a.ptr, a.len, b.ptr, b.len);
	assert_int_equal(d.capped, 0);
	assert_true(d.n > 10);
	assert_true(d.similarity > 0.9 && d.similarity < 1.0);
	nd_wdiff_dispose(&d);
	nd_buf_dispose(&a);
	nd_buf_dispose(&b);
}

/* `words` random lower-case words drawn from letters [from, from+13). */
static void random_words(nd_buf *out, size_t words, char from)
{
	size_t i, k, len;

	for (i = 0; i < words; i++) {
		if (i)
			assert_int_equal(nd_buf_putc(out, ' '), 0);
		len = 2 + next_rand() % 8;
		for (k = 0; k < len; k++)
			assert_int_equal(nd_buf_putc(out, (char)(from + next_rand() % 13)),
			                 0);
		if (next_rand() % 12 == 0)
			assert_int_equal(nd_buf_putc(out, ','), 0);
	}
}

static void test_cap_on_unrelated_texts(void **state)
{
	nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
	nd_wdiff d;

	(void)state;
	nd_wdiff_init(&d);
	random_words(&a, 20000, 'a');
	random_words(&b, 20000, 'n');
	assert_int_equal(nd_buf_puts(&a, " alpha"), 0); /* last words differ */
	assert_int_equal(nd_buf_puts(&b, " omega"), 0);
	assert_int_equal(nd_word_diff(&d, a.ptr, a.len, b.ptr, b.len, 100), 0);
	check_script(&d, a.ptr, a.len, b.ptr, b.len);
	assert_int_equal(d.capped, 1);
	assert_int_equal(d.n, 2);
	assert_int_equal(d.ops[0].kind, ND_OP_DELETE);
	assert_int_equal(d.ops[1].kind, ND_OP_INSERT);
	assert_true(d.similarity == 0.0);

	/* with a common beginning and end: EQUAL, DELETE, INSERT, EQUAL */
	nd_buf_clear(&a);
	nd_buf_clear(&b);
	assert_int_equal(nd_buf_puts(&a, "Preamble: "), 0);
	assert_int_equal(nd_buf_puts(&b, "Preamble: "), 0);
	random_words(&a, 20000, 'a');
	random_words(&b, 20000, 'n');
	assert_int_equal(nd_buf_puts(&a, " alpha. End."), 0);
	assert_int_equal(nd_buf_puts(&b, " omega. End."), 0);
	assert_int_equal(nd_word_diff(&d, a.ptr, a.len, b.ptr, b.len, 100), 0);
	check_script(&d, a.ptr, a.len, b.ptr, b.len);
	assert_int_equal(d.capped, 1);
	assert_int_equal(d.n, 4);
	expect_op(&d, 0, ND_OP_EQUAL, "Preamble: ");
	assert_int_equal(d.ops[1].kind, ND_OP_DELETE);
	assert_int_equal(d.ops[2].kind, ND_OP_INSERT);
	expect_op(&d, 3, ND_OP_EQUAL, ". End.");
	assert_true(d.similarity > 0.0 && d.similarity < 0.001);
	nd_wdiff_dispose(&d);
	nd_buf_dispose(&a);
	nd_buf_dispose(&b);
}

static void test_one_word_changed_in_a_megabyte(void **state)
{
	nd_buf a = ND_BUF_INIT, b = ND_BUF_INIT;
	nd_wdiff d;
	size_t n = 0;
	const char *at;

	(void)state;
	while (a.len < (1u << 20))
		assert_int_equal(nd_buf_printf(&a, "%zu. Each State shall take the "
		                               "measures needed to ensure the security "
		                               "of its networks (%zu). ", n, n * 7),
		                 0);
	at = strstr(a.ptr + a.len / 2, "measures");
	assert_non_null(at);
	assert_int_equal(nd_buf_put(&b, a.ptr, (size_t)(at - a.ptr)), 0);
	assert_int_equal(nd_buf_puts(&b, "steps"), 0);
	assert_int_equal(nd_buf_puts(&b, at + strlen("measures")), 0);

	nd_wdiff_init(&d);
	assert_int_equal(nd_word_diff(&d, a.ptr, a.len, b.ptr, b.len, 0), 0);
	check_script(&d, a.ptr, a.len, b.ptr, b.len);
	assert_int_equal(d.capped, 0);
	assert_int_equal(d.editorial, 0);
	assert_int_equal(d.n, 4);
	assert_int_equal(d.ops[0].kind, ND_OP_EQUAL);
	assert_int_equal(d.ops[0].len, (size_t)(at - a.ptr));
	expect_op(&d, 1, ND_OP_DELETE, "measures");
	expect_op(&d, 2, ND_OP_INSERT, "steps");
	assert_int_equal(d.ops[3].kind, ND_OP_EQUAL);
	assert_true(d.similarity > 0.9999 && d.similarity < 1.0);
	nd_wdiff_dispose(&d);
	nd_buf_dispose(&a);
	nd_buf_dispose(&b);
}

static void test_reuse_replaces_content(void **state)
{
	nd_wdiff d;

	(void)state;
	nd_wdiff_init(&d);
	diff(&d, "one two three four", "one 2 three 4", 0);
	assert_true(d.n > 1);
	diff(&d, "same", "same", 0);
	assert_int_equal(d.n, 1);
	expect_op(&d, 0, ND_OP_EQUAL, "same");
	assert_int_equal(d.capped, 0);
	nd_wdiff_dispose(&d);
	nd_wdiff_dispose(&d); /* a disposed diff can be disposed again */
	nd_wdiff_dispose(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical_texts),
		cmocka_unit_test(test_empty_texts),
		cmocka_unit_test(test_pure_insertion_and_deletion),
		cmocka_unit_test(test_repeated_text_keeps_every_token),
		cmocka_unit_test(test_redline_example),
		cmocka_unit_test(test_small_equalities_fold),
		cmocka_unit_test(test_cjk_changes_by_character),
		cmocka_unit_test(test_editorial_changes),
		cmocka_unit_test(test_text_equivalent),
		cmocka_unit_test(test_cap_boundary),
		cmocka_unit_test(test_property_random_pairs),
		cmocka_unit_test(test_property_arbitrary_bytes),
		cmocka_unit_test(test_cut_ends_change_nothing),
		cmocka_unit_test(test_work_budget_bounds_the_search),
		cmocka_unit_test(test_medium_texts_below_the_cap),
		cmocka_unit_test(test_cap_on_unrelated_texts),
		cmocka_unit_test(test_one_word_changed_in_a_megabyte),
		cmocka_unit_test(test_reuse_replaces_content),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
