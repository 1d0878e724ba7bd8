/* test_text.c - decoding, validation and normalisation of a draft's text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/grammar.h"
#include "normdiff/text.h"
#include "support.h"

/* What every normalised text must look like, whatever the input. */
static void check_shape(const nd_text *t)
{
	size_t i, at = 0;

	assert_non_null(t->buf);
	assert_int_equal(t->buf[t->len], '\0');
	assert_int_equal(strlen(t->buf), t->len);
	assert_true(t->npara > 0);
	for (i = 0; i < t->npara; i++) {
		const nd_para *p = &t->paras[i];
		const char *s = t->buf + p->off;

		assert_int_equal(p->off, at); /* paragraphs tile the buffer */
		assert_true(p->len > 0);
		assert_true(s[0] != ' ' && s[p->len - 1] != ' ');
		assert_null(memchr(s, '\n', p->len));
		assert_true(p->line >= 1 && p->line <= p->last_line);
		assert_true(p->last_line <= t->source_lines);
		if (i > 0) /* a form feed can split one source line */
			assert_true(p->line >= t->paras[i - 1].last_line);
		at = p->off + p->len;
		if (i + 1 < t->npara)
			assert_int_equal(t->buf[at++], '\n');
	}
	assert_int_equal(at, t->len);
	assert_null(strstr(t->buf, "  "));
	assert_null(strpbrk(t->buf, "\t\r\f\v"));
	assert_true(t->nmarks >= t->npara);
	for (i = 1; i < t->nmarks; i++) {
		assert_true(t->marks[i].off > t->marks[i - 1].off);
		assert_true(t->marks[i].line >= t->marks[i - 1].line);
	}
}

/* nd_text_new_in over a copy of data[0..len) (and the byte after, which
 * it may write), which it takes: its status, and *out when it succeeds. */
static int norm_in_place(const char *data, size_t len, nd_text **out)
{
	char *copy = malloc(len + 1);
	int rc;

	assert_non_null(copy);
	memcpy(copy, data, len);
	copy[len] = '\0';
	rc = nd_text_new_in(out, copy, len, grammar);
	return rc;
}

/* The same text, paragraphs, marks and counts from the cleaning in place
 * as from nd_text_new: every normalisation test checks both. */
static void same_in_place(const nd_text *t, const char *data, size_t len)
{
	nd_text *u = NULL;
	size_t i;

	assert_int_equal(norm_in_place(data, len, &u), 0);
	assert_int_equal(u->len, t->len);
	assert_memory_equal(u->buf, t->buf, t->len);
	assert_int_equal(u->npara, t->npara);
	assert_int_equal(u->nmarks, t->nmarks);
	assert_int_equal(u->source_lines, t->source_lines);
	for (i = 0; i < t->npara; i++) {
		assert_int_equal(u->paras[i].off, t->paras[i].off);
		assert_int_equal(u->paras[i].len, t->paras[i].len);
		assert_int_equal(u->paras[i].line, t->paras[i].line);
		assert_int_equal(u->paras[i].flags, t->paras[i].flags);
	}
	for (i = 0; i < t->nmarks; i++) {
		assert_int_equal(u->marks[i].off, t->marks[i].off);
		assert_int_equal(u->marks[i].line, t->marks[i].line);
	}
	nd_text_free(u);
}

static nd_text *norm(const char *data, size_t len)
{
	nd_text *t = NULL;
	int rc = nd_text_new(&t, data, len, grammar);

	if (rc != 0)
		fail_msg("nd_text_new failed (%d): %s", rc, nd_error_message());
	assert_non_null(t);
	check_shape(t);
	same_in_place(t, data, len);
	return t;
}

#define NORM(lit) norm((lit), sizeof(lit) - 1)

static void assert_para(const nd_text *t, size_t i, const char *want)
{
	char *got;

	assert_true(i < t->npara);
	got = nd_strndup(t->buf + t->paras[i].off, t->paras[i].len);
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

/* The whole normalised text is `want` (paragraphs joined by '\n'). */
static void assert_text(const char *data, size_t len, const char *want)
{
	nd_text *t = norm(data, len);

	assert_string_equal(t->buf, want);
	nd_text_free(t);
}

#define ASSERT_TEXT(lit, want) assert_text((lit), sizeof(lit) - 1, (want))

/* Normalising fails with `code` and a message holding every part. */
static void expect_error(const char *data, size_t len, int code,
                         const char *const *parts)
{
	nd_text *t = (nd_text *)&t; /* must be reset to NULL */
	const char *msg;

	const char *const *p;
	int pass;

	for (pass = 0; pass < 2; pass++) { /* as it is, and in place */
		t = (nd_text *)&t;
		nd_error_clear();
		assert_int_equal(pass ? norm_in_place(data, len, &t)
		                      : nd_text_new(&t, data, len, grammar), code);
		assert_null(t);
		msg = nd_error_message();
		for (p = parts; *p; p++)
			if (!strstr(msg, *p))
				fail_msg("message \"%s\" does not contain \"%s\"", msg, *p);
	}
}

#define EXPECT_ERROR(lit, code, parts) \
	expect_error((lit), sizeof(lit) - 1, (code), (parts))

/* Offset of the first occurrence of `needle` in t->buf. */
static size_t offset_of(const nd_text *t, const char *needle)
{
	const char *p = strstr(t->buf, needle);

	if (!p)
		fail_msg("\"%s\" not in \"%s\"", needle, t->buf);
	return (size_t)(p - t->buf);
}

/* ---- line endings, BOM, whitespace, invisible characters ---- */

static void test_line_endings_are_equivalent(void **state)
{
	static const char lf[] =
		"Each State pledges\nto act together:\n\n(a) To comply;\n(b) To assist.\n";
	static const char crlf[] =
		"Each State pledges\r\nto act together:\r\n\r\n(a) To comply;\r\n(b) To assist.\r\n";
	static const char cr[] =
		"Each State pledges\rto act together:\r\r(a) To comply;\r(b) To assist.\r";
	const char *inputs[] = {lf, crlf, cr};
	size_t lens[] = {sizeof(lf) - 1, sizeof(crlf) - 1, sizeof(cr) - 1};
	size_t k;

	(void)state;
	for (k = 0; k < 3; k++) {
		nd_text *t = norm(inputs[k], lens[k]);

		assert_int_equal(t->npara, 3);
		assert_para(t, 0, "Each State pledges to act together:");
		assert_para(t, 1, "(a) To comply;");
		assert_para(t, 2, "(b) To assist.");
		assert_int_equal(t->paras[0].line, 1);
		assert_int_equal(t->paras[0].last_line, 2);
		assert_int_equal(t->paras[1].line, 4);
		assert_int_equal(t->paras[2].line, 5);
		assert_int_equal(t->source_lines, 5);
		nd_text_free(t);
	}
}

static void test_utf8_bom_is_stripped(void **state)
{
	nd_text *t;

	(void)state;
	t = NORM("\xEF\xBB\xBFTitle of the draft\n\nThe body.\n");
	assert_int_equal(t->npara, 2);
	assert_para(t, 0, "Title of the draft");
	assert_int_equal(t->paras[0].line, 1);
	assert_null(strstr(t->buf, "\xEF\xBB\xBF"));
	nd_text_free(t);
	/* a BOM alone on the first line leaves nothing behind */
	ASSERT_TEXT("\xEF\xBB\xBF\nText.", "Text.");
}

static void test_spaces_fold_to_one(void **state)
{
	(void)state;
	/* tab, NBSP, U+2003 EM SPACE, U+3000 IDEOGRAPHIC SPACE, runs of them,
	 * leading and trailing ones */
	ASSERT_TEXT(" \t one\ttwo\xC2\xA0three\xE2\x80\x83" "four\xE3\x80\x80"
	            "five \t\xC2\xA0 six\xE2\x80\x83 \n",
	            "one two three four five six");
	/* U+202F and vertical tab are spaces too */
	ASSERT_TEXT("a\xE2\x80\xAF" "b\x0B" "c", "a b c");
	/* an NBSP-only line is blank: it separates paragraphs */
	ASSERT_TEXT("First.\n\xC2\xA0\t\nSecond.", "First.\nSecond.");
}

static void test_invisible_characters_are_dropped(void **state)
{
	(void)state;
	/* soft hyphen, ZERO WIDTH SPACE, WORD JOINER, ZWNBSP inside words */
	ASSERT_TEXT("infor\xC2\xADmation se\xE2\x80\x8B" "cu\xE2\x81\xA0rity "
	            "co\xEF\xBB\xBFoperation",
	            "information security cooperation");
	/* a soft hyphen at a line end joins the lines without a space */
	ASSERT_TEXT("the infor\xC2\xAD\nmation society", "the information society");
	ASSERT_TEXT("the infor\xC2\xAD  \r\nmation society", "the information society");
	/* ... but only at the end: inside a line it does not glue lines */
	ASSERT_TEXT("the in\xC2\xAD" "formation\nsociety", "the information society");
}

/* ---- paragraphs ---- */

static void test_wrapped_lines_rejoin(void **state)
{
	nd_text *t;

	(void)state;
	t = NORM("Recalling its resolutions on the role of science\n"
	         "   and technology in the context of international\n"
	         "security,\n");
	assert_int_equal(t->npara, 1);
	assert_para(t, 0, "Recalling its resolutions on the role of science and "
	                  "technology in the context of international security,");
	assert_int_equal(t->paras[0].line, 1);
	assert_int_equal(t->paras[0].last_line, 3);
	nd_text_free(t);
}

static void test_blank_lines_separate_paragraphs(void **state)
{
	nd_text *t;

	(void)state;
	t = NORM("\n\nFirst paragraph\ngoes on\n\n\n  \t \nSecond paragraph\n\nThird\n\n\n");
	assert_int_equal(t->npara, 3);
	assert_para(t, 0, "First paragraph goes on");
	assert_para(t, 1, "Second paragraph");
	assert_para(t, 2, "Third");
	assert_int_equal(t->paras[0].line, 3);
	assert_int_equal(t->paras[0].last_line, 4);
	assert_int_equal(t->paras[1].line, 8);
	assert_int_equal(t->paras[2].line, 10);
	nd_text_free(t);
}

static void test_marker_after_closing_punctuation_starts_paragraph(void **state)
{
	nd_text *t;

	(void)state;
	t = NORM("Each State pledges:\n"
	         "(a) To comply with the Charter;\n"
	         "(b) Not to use force;\n"
	         "1. The Parties shall meet.\n"
	         "2. They shall report\n"
	         "annually.\n");
	assert_int_equal(t->npara, 5);
	assert_para(t, 0, "Each State pledges:");
	assert_para(t, 1, "(a) To comply with the Charter;");
	assert_para(t, 2, "(b) Not to use force;");
	assert_para(t, 3, "1. The Parties shall meet.");
	assert_para(t, 4, "2. They shall report annually.");
	nd_text_free(t);
	/* after a line ending in a word or a comma, a marker-like start is a
	 * wrapped line, not a new paragraph */
	ASSERT_TEXT("as set out in paragraph\n(a) of the annex,\n(b) and (c) above",
	            "as set out in paragraph (a) of the annex, (b) and (c) above");
	/* a line ending in ';' followed by a line without a marker joins */
	ASSERT_TEXT("to cooperate;\nand to assist", "to cooperate; and to assist");
}

/* ---- hyphenation at line ends ---- */

static void test_hyphenated_word_is_rejoined(void **state)
{
	(void)state;
	ASSERT_TEXT("the secu-\nrity of States", "the security of States");
	ASSERT_TEXT("the secu-\r\nrity of States", "the security of States");
	ASSERT_TEXT("the infor-\n   mation space", "the information space");
	/* a dash after a space or a digit is no hyphenation */
	ASSERT_TEXT("from 2011 -\nto 2015", "from 2011 - to 2015");
	ASSERT_TEXT("the years 2011-\n2015", "the years 2011- 2015");
}

static void test_compound_kept_when_seen_hyphenated(void **state)
{
	(void)state;
	ASSERT_TEXT("They enhance capacity-building here.\n\n"
	            "It supports capacity-\nbuilding in States.",
	            "They enhance capacity-building here.\n"
	            "It supports capacity-building in States.");
	/* seen hyphenated on a later line works as well, case-insensitively */
	ASSERT_TEXT("It supports capacity-\nbuilding in States.\n\n"
	            "Capacity-Building matters.",
	            "It supports capacity-building in States.\n"
	            "Capacity-Building matters.");
}

static void test_compound_kept_when_halves_seen(void **state)
{
	(void)state;
	ASSERT_TEXT("The capacity of each State and the building of trust.\n\n"
	            "It supports capacity-\nbuilding in States.",
	            "The capacity of each State and the building of trust.\n"
	            "It supports capacity-building in States.");
	/* one half alone is no evidence: the hyphen goes */
	ASSERT_TEXT("The capacity of each State.\n\n"
	            "It supports capacity-\nbuilding in States.",
	            "The capacity of each State.\n"
	            "It supports capacitybuilding in States.");
	/* no evidence at all: the hyphen goes */
	ASSERT_TEXT("It supports capacity-\nbuilding in States.",
	            "It supports capacitybuilding in States.");
}

static void test_unhyphenated_word_seen_wins(void **state)
{
	(void)state;
	ASSERT_TEXT("International cooperation matters.\n\n"
	            "The co-\noperation of States.",
	            "International cooperation matters.\nThe cooperation of States.");
	ASSERT_TEXT("International co-operation matters.\n\n"
	            "The co-\noperation of States.",
	            "International co-operation matters.\nThe co-operation of States.");
	/* both spellings seen: the hyphenated one is the stronger evidence */
	ASSERT_TEXT("Cooperation and co-operation.\n\nThe co-\noperation of States.",
	            "Cooperation and co-operation.\nThe co-operation of States.");
}

/* With no evidence either way, a prefix English always hyphenates keeps
 * its hyphen; a syllable that only looks like one does not. */
static void test_hyphen_kept_after_always_hyphenated_prefix(void **state)
{
	(void)state;
	ASSERT_TEXT("the right of self-\ndefence", "the right of self-defence");
	ASSERT_TEXT("the non-\nproliferation regime", "the non-proliferation regime");
	ASSERT_TEXT("a quasi-\njudicial body", "a quasi-judicial body");
	ASSERT_TEXT("Non-\nState actors", "Non-State actors");
	/* "co-" only before a word of the document */
	ASSERT_TEXT("Each sponsor and each co-\nsponsor.", "Each sponsor and each co-sponsor.");
	ASSERT_TEXT("a co-\nherent policy", "a coherent policy");
	/* not "ex-" ("ex-" + "change" is a typesetter's break) */
	ASSERT_TEXT("the change and the ex-\nchange of data",
	            "the change and the exchange of data");
	/* the joined word seen elsewhere still wins */
	ASSERT_TEXT("Nonproliferation matters.\n\nThe non-\nproliferation regime.",
	            "Nonproliferation matters.\nThe nonproliferation regime.");
	/* the prefix must be the whole left part: "itself-" is no "self-" */
	ASSERT_TEXT("the mine-\nral itself", "the mineral itself");
	ASSERT_TEXT("by itself-\nless", "by itselfless");
}

static void test_uppercase_second_half_keeps_hyphen(void **state)
{
	(void)state;
	ASSERT_TEXT("the Franco-\nGerman proposal", "the Franco-German proposal");
	ASSERT_TEXT("the non-\nGovernmental bodies", "the non-Governmental bodies");
}

/* The pieces of a broken word are not evidence that they are words: "in"
 * is a word of the text, "cites" only appears as the continuation of
 * "in-", so nothing says "in-cites" is a compound. */
static void test_broken_word_pieces_are_not_evidence(void **state)
{
	(void)state;
	ASSERT_TEXT("information that in-\ncites terrorism in the region",
	            "information that incites terrorism in the region");
	/* the same for the pieces of a word broken at a soft hyphen */
	ASSERT_TEXT("We seek infor\xC2\xAD\nmation.\n\nThe infor-\nmation space.",
	            "We seek information.\nThe information space.");
	/* a continuation's first word is a piece even across a page break */
	ASSERT_TEXT("the dissemination of information that in-\n\n11-49611\n"
	            "\fA/66/359\n\ncites terrorism; in short",
	            "the dissemination of information that incites terrorism; in short");
	/* the rest of a continuation line is collected as usual */
	ASSERT_TEXT("Enhance capacity-\nbuilding now: capacity and building.",
	            "Enhance capacity-building now: capacity and building.");
}

/* ---- page furniture and page breaks ---- */

static void test_page_furniture_is_dropped(void **state)
{
	nd_text *t;
	static const char *const furniture[] = {
		"A/66/359", "11-49611", "11-49611 (E)", "3/6", "*1149611*", "Page 3 of 6",
	};
	size_t k;

	(void)state;
	t = NORM("A/66/359\n\nFirst paragraph.\n11-49611\n\n11-49611 (E)\n3/6\n"
	         "*1149611*\nPage 3 of 6\n\f3 of 6\n\f\fSecond paragraph.\n"
	         "  A/66/359  \n11-49611 3/6\n4/6 11-49611\nA/RES/66/24\n\f");
	assert_int_equal(t->npara, 2);
	assert_para(t, 0, "First paragraph.");
	assert_para(t, 1, "Second paragraph.");
	for (k = 0; k < sizeof(furniture) / sizeof(furniture[0]); k++)
		assert_null(strstr(t->buf, furniture[k]));
	nd_text_free(t);
	/* the same strings inside a line are text */
	ASSERT_TEXT("See document A/66/359 and page 3/6 of 11-49611.",
	            "See document A/66/359 and page 3/6 of 11-49611.");
	/* a form feed inside a line breaks the line */
	ASSERT_TEXT("First.\fSecond.", "First.\nSecond.");
}

static void test_paragraph_continues_across_page_break(void **state)
{
	nd_text *t;

	(void)state;
	/* next line in lower case: the paragraph goes on */
	t = NORM("Recalling its resolutions on the role of science and\n\n"
	         "11-49611 3/6\n\fA/66/359\n\n"
	         "technology in the context of international security,\n\n"
	         "Noting the progress,\n");
	assert_int_equal(t->npara, 2);
	assert_para(t, 0, "Recalling its resolutions on the role of science and "
	                  "technology in the context of international security,");
	assert_int_equal(t->paras[0].line, 1);
	assert_int_equal(t->paras[0].last_line, 6);
	nd_text_free(t);
	/* a word hyphenated across the page break is rejoined too */
	ASSERT_TEXT("the issues of Internet secu-\n\n11-49611 3/6\n\fA/66/359\n\n"
	            "rity and for further cooperation,",
	            "the issues of Internet security and for further cooperation,");
	/* a long text without punctuation goes on even before a capital */
	ASSERT_TEXT("stressing the role that can be played by the member States of the\n"
	            "\fA/66/359\n\nUnited Nations and other organizations,",
	            "stressing the role that can be played by the member States of "
	            "the United Nations and other organizations,");
	/* a hyphen before the break joins even before a capital */
	ASSERT_TEXT("the Franco-\n\n11-49611 3/6\n\fA/66/359\n\nGerman proposal.",
	            "the Franco-German proposal.");
	/* "long" means more than heading-max-words (12) words */
	ASSERT_TEXT("one two three four five six seven eight nine ten eleven twelve\n"
	            "\fThirteen and on.",
	            "one two three four five six seven eight nine ten eleven twelve\n"
	            "Thirteen and on.");
	ASSERT_TEXT("one two three four five six seven eight nine ten eleven twelve "
	            "thirteen\n\fFourteen and on.",
	            "one two three four five six seven eight nine ten eleven twelve "
	            "thirteen Fourteen and on.");
	/* a form feed alone is a page break as well */
	ASSERT_TEXT("respect for the\n\fsovereignty of States;",
	            "respect for the sovereignty of States;");
}

static void test_paragraph_ends_at_page_break(void **state)
{
	(void)state;
	/* ended in '.': the next page starts a new paragraph */
	ASSERT_TEXT("Adherence to the code is voluntary and open to all States.\n\n"
	            "4/6 11-49611\n\fA/66/359\n\nCode of conduct\n",
	            "Adherence to the code is voluntary and open to all States.\n"
	            "Code of conduct");
	/* ended in ';' before the next item */
	ASSERT_TEXT("(a) To comply with the Charter;\n\f(b) Not to use force;",
	            "(a) To comply with the Charter;\n(b) Not to use force;");
	/* a short heading before the break is not continued */
	ASSERT_TEXT("Code of conduct\n\n11-49611\n\fA/66/359\nEach State pledges:",
	            "Code of conduct\nEach State pledges:");
}

/* ---- offsets back to source lines ---- */

/* U+2028 LINE SEPARATOR ends a line and U+2029 PARAGRAPH SEPARATOR ends a
 * paragraph, as LF and a blank line do; like a form feed, neither counts
 * as a source line. Neither is kept in the text. */
static void test_unicode_line_and_paragraph_separators(void **state)
{
	nd_text *t;

	(void)state;
	/* one paragraph wrapped with LINE SEPARATORs, then a new one */
	t = NORM("First paragraph\xE2\x80\xA8goes on\xE2\x80\xA9Second paragraph\n");
	assert_int_equal(t->npara, 2);
	assert_para(t, 0, "First paragraph goes on");
	assert_para(t, 1, "Second paragraph");
	assert_null(strstr(t->buf, "\xE2\x80\xA8"));
	assert_null(strstr(t->buf, "\xE2\x80\xA9"));
	assert_int_equal(t->paras[1].line, 1);
	assert_int_equal(t->source_lines, 1);
	nd_text_free(t);
	/* a marker after closing punctuation starts a provision after U+2028
	 * as after LF */
	ASSERT_TEXT("The General Assembly:\xE2\x80\xA8" "1. Decides;\xE2\x80\xA8"
	            "2. Requests.\n", "The General Assembly:\n1. Decides;\n2. Requests.");
	/* a word hyphenated at a LINE SEPARATOR is rejoined */
	ASSERT_TEXT("the secu-\xE2\x80\xA8rity of States\n", "the security of States");
	/* CR LF next to a separator is one break, not two lines */
	t = NORM("One.\xE2\x80\xA9\r\nTwo.\r\n");
	assert_int_equal(t->npara, 2);
	assert_int_equal(t->paras[1].line, 2);
	nd_text_free(t);
}

/* Line ends are found eight bytes at a time: a break (LF, CR, a form
 * feed, U+2028), and an en dash, whose first byte is U+2028's, at every
 * offset of a line read as the same text as a break or a dash read one
 * byte at a time would give. */
static void test_line_breaks_at_every_offset(void **state)
{
	static const char *const seps[] = {"\n", "\r", "\f", "\xE2\x80\xA8"};
	const char *line = "States shall cooperate in good faith always";
	char buf[300], want[256];
	size_t k, sep, n = strlen(line);
	nd_text *t;

	(void)state;
	for (k = 1; k < n; k++) {
		if (line[k - 1] == ' ' || line[k] == ' ')
			continue; /* a break by a space would join as one space */
		for (sep = 0; sep < sizeof(seps) / sizeof(seps[0]); sep++) {
			snprintf(buf, sizeof(buf), "%.*s%s%s\n", (int)k, line, seps[sep],
			         line + k);
			snprintf(want, sizeof(want), "%.*s %s", (int)k, line, line + k);
			t = norm(buf, strlen(buf));
			assert_para(t, 0, want);
			nd_text_free(t);
		}
		snprintf(want, sizeof(want), "%.*s\xE2\x80\x93%s", (int)k, line,
		         line + k);
		snprintf(buf, sizeof(buf), "%s\n", want);
		t = norm(buf, strlen(buf));
		assert_int_equal(t->npara, 1);
		assert_para(t, 0, want);
		nd_text_free(t);
	}
}

/* A bare heading marker takes the short line below it as its title, but
 * not a line of punctuation alone: "=" after a blank line is a paragraph
 * of its own, as it is after a page break (a Word redline of such a text
 * writes the blank line, and must read back the same provisions). */
static void test_bare_heading_title_needs_a_letter(void **state)
{
	(void)state;
	ASSERT_TEXT("Title\n\nARTICLE 5\n\nDEFINITIONS\n\n1. Text.\n",
	            "Title\nARTICLE 5 DEFINITIONS\n1. Text.");
	ASSERT_TEXT("Title\n\nArticle 1\n===\n\n=\n\n1. Text.\n",
	            "Title\nArticle 1\n=\n1. Text.");
	ASSERT_TEXT("Title\n\nArticle 1\n===\f=\n\n1. Text.\n",
	            "Title\nArticle 1\n=\n1. Text.");
	ASSERT_TEXT("Title\n\nArticle 1\n\n-\n\n1. Text.\n",
	            "Title\nArticle 1\n-\n1. Text.");
}

/* A bare heading at the foot of a page takes the title at the top of the
 * next, as across a blank line: a reader sees one heading, and a Word
 * redline of the text, which writes no page breaks, reads back the same
 * provisions ("Section 1", a page break, "T" was two before). */
static void test_bare_heading_title_across_a_page_break(void **state)
{
	(void)state;
	ASSERT_TEXT("Title\n\nARTICLE 5\n\fDEFINITIONS\n\n1. Text.\n",
	            "Title\nARTICLE 5 DEFINITIONS\n1. Text.");
	ASSERT_TEXT("Title\n\nSection 1\fT\n\n1. Text.\n",
	            "Title\nSection 1 T\n1. Text.");
	/* nor is a line that opens with a dash, on its own or joined with
	 * the line below it (as a Word redline writes the two) */
	ASSERT_TEXT("Title\n\nSection 1\f--\nRules of the Association\n",
	            "Title\nSection 1\n-- Rules of the Association");
	ASSERT_TEXT("Title\n\nSection 1\n\n-- Rules of the Association\n",
	            "Title\nSection 1\n-- Rules of the Association");
	/* a sentence after the break is no title */
	ASSERT_TEXT("Title\n\nARTICLE 5\n\fThe Parties agree.\n",
	            "Title\nARTICLE 5\nThe Parties agree.");
}

/* The title of a bare heading is judged on the whole paragraph below it,
 * not on its first line: the paragraph wrapped or on one line (as a Word
 * redline writes it) gives the same paragraphs. "The rules apply." ends
 * in a full stop but the paragraph it opens does not; "Definitions of
 * terms" does not, but its paragraph does. */
static void test_bare_heading_title_is_the_whole_paragraph(void **state)
{
	(void)state;
	ASSERT_TEXT("Title\n\nArticle 2\n===\n\nThe rules apply.\n---7<---\n",
	            "Title\nArticle 2 The rules apply. ---7<---");
	ASSERT_TEXT("Title\n\nArticle 2\n===\n\nThe rules apply. ---7<---\n",
	            "Title\nArticle 2 The rules apply. ---7<---");
	ASSERT_TEXT("Title\n\nARTICLE 5\n\nDefinitions of terms\nused here.\n",
	            "Title\nARTICLE 5\nDefinitions of terms used here.");
	ASSERT_TEXT("Title\n\nARTICLE 5\n\nDefinitions of terms used here.\n",
	            "Title\nARTICLE 5\nDefinitions of terms used here.");
	/* a title on two lines is still one title */
	ASSERT_TEXT("Title\n\nARTICLE 5\n\nDEFINITIONS AND\nINTERPRETATION\n\n1. Text.\n",
	            "Title\nARTICLE 5 DEFINITIONS AND INTERPRETATION\n1. Text.");
}

static void test_text_line_maps_offsets(void **state)
{
	nd_text *t;

	(void)state;
	t = NORM("Title\r\n\r\nFirst line of\r\nthe paragraph\r\nand the secu-\r\n"
	         "rity end.\r\n\r\nA/66/359\r\n\fSecond one\r\n");
	assert_int_equal(t->npara, 3);
	assert_para(t, 1, "First line of the paragraph and the security end.");
	assert_int_equal(nd_text_line(t, 0), 1);
	assert_int_equal(nd_text_line(t, offset_of(t, "First")), 3);
	assert_int_equal(nd_text_line(t, offset_of(t, "line of")), 3);
	assert_int_equal(nd_text_line(t, offset_of(t, "the paragraph")), 4);
	assert_int_equal(nd_text_line(t, offset_of(t, "and the")), 5);
	assert_int_equal(nd_text_line(t, offset_of(t, "secu")), 5);
	assert_int_equal(nd_text_line(t, offset_of(t, "rity")), 6);
	assert_int_equal(nd_text_line(t, offset_of(t, "end.")), 6);
	/* a form feed does not count as a line: "\fSecond" is on line 9 */
	assert_int_equal(nd_text_line(t, offset_of(t, "Second")), 9);
	assert_int_equal(nd_text_line(t, t->len - 1), 9);
	assert_int_equal(t->paras[1].line, 3);
	assert_int_equal(t->paras[1].last_line, 6);
	assert_int_equal(t->paras[2].line, 9);
	assert_int_equal(t->source_lines, 9);
	nd_text_free(t);
	/* lone CR line ends */
	t = NORM("one\rtwo\r\rthree");
	assert_int_equal(nd_text_line(t, offset_of(t, "two")), 2);
	assert_int_equal(nd_text_line(t, offset_of(t, "three")), 4);
	assert_int_equal(t->source_lines, 4);
	nd_text_free(t);
}

static void test_source_lines_counts_lines(void **state)
{
	nd_text *t;

	(void)state;
	t = NORM("a\nb\n");
	assert_int_equal(t->source_lines, 2);
	nd_text_free(t);
	t = NORM("a\nb");
	assert_int_equal(t->source_lines, 2);
	nd_text_free(t);
	t = NORM("a\r\nb\r\n\r\n");
	assert_int_equal(t->source_lines, 3);
	nd_text_free(t);
	t = NORM("a\rb\r");
	assert_int_equal(t->source_lines, 2);
	nd_text_free(t);
	t = NORM("a");
	assert_int_equal(t->source_lines, 1);
	nd_text_free(t);
}

/* ---- errors ---- */

static void test_empty_input(void **state)
{
	static const char *const empty[] = {"empty", NULL};
	static const char *const no_text[] = {"no text", NULL};

	(void)state;
	EXPECT_ERROR("", ND_EEMPTY, empty);
	EXPECT_ERROR(" \t\n\r\n\n\xC2\xA0\n", ND_EEMPTY, no_text);
	EXPECT_ERROR("\xEF\xBB\xBF", ND_EEMPTY, no_text);
	EXPECT_ERROR("\xEF\xBB\xBF\n\xE2\x80\x8B\n", ND_EEMPTY, no_text);
	EXPECT_ERROR("A/66/359\n\n11-49611 (E)\n3/6\n\f*1149611*\nPage 3 of 6\n\f",
	             ND_EEMPTY, no_text);
}

static void test_nul_byte_is_binary(void **state)
{
	static const char *const parts[] = {"binary", "offset 9", "line 2", NULL};
	static const char *const first[] = {"offset 0", "line 1", NULL};

	(void)state;
	EXPECT_ERROR("Title\r\nab\0cd", ND_EBINARY, parts);
	EXPECT_ERROR("\0", ND_EBINARY, first);
}

static void test_invalid_utf8(void **state)
{
	static const char *const latin1[] = {
		"not valid UTF-8", "0xE9", "offset 10", "line 2", "column 4", NULL};
	static const char *const after_multibyte[] = {
		"0xE9", "offset 3", "line 1", "column 3", NULL};
	static const char *const after_cr[] = {
		"0xE9", "offset 2", "line 2", "column 1", NULL};

	(void)state;
	/* "d\xE9" in Latin-1 on the second line (after CRLF) */
	EXPECT_ERROR("Title\r\nabc\xE9" "f\n", ND_EUTF8, latin1);
	/* columns count characters, not bytes */
	EXPECT_ERROR("\xC3\xA9t\xE9", ND_EUTF8, after_multibyte);
	EXPECT_ERROR("a\r\xE9", ND_EUTF8, after_cr);
}

static void test_ill_formed_sequences(void **state)
{
	static const char *const overlong[] = {"0xC0", "offset 2", NULL};
	static const char *const overlong3[] = {"0xE0", "offset 1", NULL};
	static const char *const surrogate[] = {"0xED", "offset 1", NULL};
	static const char *const too_big[] = {"0xF4", "offset 0", NULL};
	static const char *const truncated[] = {"0xE2", "offset 3", NULL};
	static const char *const stray[] = {"0x80", "offset 1", NULL};

	(void)state;
	EXPECT_ERROR("ab\xC0\xAF", ND_EUTF8, overlong);
	EXPECT_ERROR("a\xE0\x80\xAF", ND_EUTF8, overlong3);
	EXPECT_ERROR("a\xED\xA0\x80z", ND_EUTF8, surrogate);
	EXPECT_ERROR("\xF4\x90\x80\x80", ND_EUTF8, too_big);
	EXPECT_ERROR("abc\xE2\x80", ND_EUTF8, truncated);
	EXPECT_ERROR("a\x80", ND_EUTF8, stray);
}

static void test_utf16_and_utf32_are_rejected(void **state)
{
	static const char *const utf16[] = {"UTF-16", NULL};
	static const char *const utf32[] = {"UTF-32", NULL};

	(void)state;
	EXPECT_ERROR("\xFF\xFET\0i\0t\0", ND_EUTF8, utf16);
	EXPECT_ERROR("\xFE\xFF\0T\0i\0t", ND_EUTF8, utf16);
	EXPECT_ERROR("\xFF\xFE\0\0T\0\0\0", ND_EUTF8, utf32);
	EXPECT_ERROR("\0\0\xFE\xFF\0\0\0T", ND_EUTF8, utf32);
}

/* ---- size ---- */

static void test_enormous_single_line(void **state)
{
	enum { WORD = 5, COUNT = 1000000 }; /* "word\t" x 1e6 = 5 MB, no newline */
	char *in = malloc((size_t)WORD * COUNT), *want = malloc((size_t)WORD * COUNT);
	nd_text *t;
	size_t i;

	(void)state;
	assert_non_null(in);
	assert_non_null(want);
	for (i = 0; i < COUNT; i++) {
		memcpy(in + i * WORD, i % 2 ? "sec-\t" : "word\t", WORD);
		memcpy(want + i * WORD, i % 2 ? "sec- " : "word ", WORD);
	}
	want[(size_t)WORD * COUNT - 1] = '\0';
	t = norm(in, (size_t)WORD * COUNT);
	assert_int_equal(t->npara, 1);
	assert_int_equal(t->len, (size_t)WORD * COUNT - 1);
	assert_int_equal(memcmp(t->buf, want, t->len), 0);
	assert_int_equal(t->paras[0].line, 1);
	assert_int_equal(t->paras[0].last_line, 1);
	assert_int_equal(t->source_lines, 1);
	assert_int_equal(nd_text_line(t, t->len - 1), 1);
	nd_text_free(t);
	free(in);
	free(want);
}

/* Rules and underlines are layout: dropped, an underline noted on the
 * heading it is under, also when it ends the heading's own line. */
static void test_decoration_is_layout(void **state)
{
	nd_text *t;

	(void)state;
	t = NORM("The Licence\n=-=-=-=-=-=\n\nPREAMBLE\n========\n\nSome text.\n\n"
	         "Conditions of use -----------\n\nMore text.\n\n*********\n\nEnd.\n");
	assert_int_equal(t->npara, 6);
	assert_para(t, 0, "The Licence");
	assert_para(t, 1, "PREAMBLE");
	assert_true(t->paras[1].flags & ND_PARA_UNDER1);
	assert_para(t, 2, "Some text.");
	assert_int_equal(t->paras[2].flags & (ND_PARA_UNDER1 | ND_PARA_UNDER2), 0);
	assert_para(t, 3, "Conditions of use");
	assert_true(t->paras[3].flags & ND_PARA_UNDER2);
	assert_para(t, 5, "End.");
	nd_text_free(t);
}

/* A hard-wrapped line after which the next word would have fitted ended
 * its paragraph (a heading above its body, a paragraph's last line); a
 * text of one paragraph per line breaks at every line. */
static void test_short_lines_end_paragraphs(void **state)
{
	nd_text *t;
	static const char longline[] =
		"This paragraph is one long line of the kind that a text holding one "
		"paragraph per line has, far longer than anyone wraps text at, so that "
		"the lines of the text are read as they stand.\n";
	nd_buf b = ND_BUF_INIT;

	(void)state;
	t = NORM("Article 1\nComposition\nThe Committee shall consist of twelve\n"
	         "members elected by the Assembly for four\nyears.\n"
	         "Members serve in their personal capacity.\n\n"
	         "The officers are elected by the members\nfor a term of two years.\n");
	assert_para(t, 0, "Article 1 Composition");
	assert_para(t, 1, "The Committee shall consist of twelve members elected by "
	                  "the Assembly for four years.");
	assert_para(t, 2, "Members serve in their personal capacity.");
	assert_false(t->paras[2].flags & ND_PARA_GAP);
	assert_true(t->paras[3].flags & ND_PARA_GAP);
	nd_text_free(t);
	assert_int_equal(nd_buf_puts(&b, "GNU SAMPLE LICENCE\nVersion 2, June 1991\n\n"), 0);
	assert_int_equal(nd_buf_puts(&b, longline), 0);
	assert_int_equal(nd_buf_puts(&b, longline), 0);
	t = norm(b.ptr, b.len);
	assert_int_equal(t->npara, 4);
	assert_para(t, 0, "GNU SAMPLE LICENCE");
	assert_para(t, 1, "Version 2, June 1991");
	nd_text_free(t);
	nd_buf_dispose(&b);
}

/* A running header that repeats is dropped; a line that only looks like
 * furniture, once and away from any page break, is text. */
static void test_furniture_needs_evidence(void **state)
{
	nd_text *t;

	(void)state;
	t = NORM("A/70/100\n\nFirst page text.\n\nA/70/100\n\nSecond page text.\n");
	assert_int_equal(t->npara, 2);
	assert_para(t, 0, "First page text.");
	nd_text_free(t);
	t = NORM("Meetings held:\n\n12 of 15\n\nA/RES/70/1\n\nThe rest next year.\n");
	assert_int_equal(t->npara, 4);
	assert_para(t, 1, "12 of 15");
	assert_para(t, 2, "A/RES/70/1");
	nd_text_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_endings_are_equivalent),
		cmocka_unit_test(test_utf8_bom_is_stripped),
		cmocka_unit_test(test_spaces_fold_to_one),
		cmocka_unit_test(test_invisible_characters_are_dropped),
		cmocka_unit_test(test_wrapped_lines_rejoin),
		cmocka_unit_test(test_blank_lines_separate_paragraphs),
		cmocka_unit_test(test_marker_after_closing_punctuation_starts_paragraph),
		cmocka_unit_test(test_hyphenated_word_is_rejoined),
		cmocka_unit_test(test_compound_kept_when_seen_hyphenated),
		cmocka_unit_test(test_compound_kept_when_halves_seen),
		cmocka_unit_test(test_unhyphenated_word_seen_wins),
		cmocka_unit_test(test_hyphen_kept_after_always_hyphenated_prefix),
		cmocka_unit_test(test_uppercase_second_half_keeps_hyphen),
		cmocka_unit_test(test_broken_word_pieces_are_not_evidence),
		cmocka_unit_test(test_page_furniture_is_dropped),
		cmocka_unit_test(test_paragraph_continues_across_page_break),
		cmocka_unit_test(test_paragraph_ends_at_page_break),
		cmocka_unit_test(test_unicode_line_and_paragraph_separators),
		cmocka_unit_test(test_line_breaks_at_every_offset),
		cmocka_unit_test(test_bare_heading_title_needs_a_letter),
		cmocka_unit_test(test_bare_heading_title_across_a_page_break),
		cmocka_unit_test(test_bare_heading_title_is_the_whole_paragraph),
		cmocka_unit_test(test_text_line_maps_offsets),
		cmocka_unit_test(test_source_lines_counts_lines),
		cmocka_unit_test(test_empty_input),
		cmocka_unit_test(test_nul_byte_is_binary),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_ill_formed_sequences),
		cmocka_unit_test(test_utf16_and_utf32_are_rejected),
		cmocka_unit_test(test_enormous_single_line),
		cmocka_unit_test(test_decoration_is_layout),
		cmocka_unit_test(test_short_lines_end_paragraphs),
		cmocka_unit_test(test_furniture_needs_evidence),
	};
	return cmocka_run_group_tests(tests, test_grammar_setup, test_grammar_teardown);
}
