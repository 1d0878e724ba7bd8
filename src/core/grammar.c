/* grammar.c - parse and compile the clause grammar (pcre2).
 *
 * A grammar is text, one directive per line ('#' starts a comment line):
 *
 *   family NAME STYLE ROLE PATTERN   a marker family; PATTERN (the rest of
 *                                    the line) is matched at the start of a
 *                                    paragraph and has a group (?<n>...)
 *                                    holding the number unless STYLE is none
 *   furniture PATTERN                a whole line that is page furniture
 *   preamble-start PATTERN           the paragraph opening a resolution
 *   preamble-paragraph PATTERN       what a preambular paragraph looks like
 *   heading-max-words N              longest unpunctuated heading
 *   include default                  the built-in grammar, here
 *
 * Family order is priority: when a marker fits several families ("(i)" is a
 * letter and a roman numeral) the parser prefers the family that continues
 * an open list, then one that starts a list, then the first listed.
 * Patterns are compiled once with PCRE2_UTF | PCRE2_UCP and JIT-compiled
 * where the platform allows.
 *
 * Every paragraph asks every family for a marker, and few paragraphs hold
 * one, so most of the matching is ruling families out: a paragraph tries
 * only the families whose markers can start with its first byte
 * (first_bytes, opens[]), and of those not the ones its first two bytes
 * rule out (cannot_open, asked of pcre2 once a pair for a reading).
 */
#include "grammar_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/utf8.h"

static const char default_grammar[] =
	"# normdiff built-in clause grammar, version 1\n"
	"#\n"
	"# family NAME STYLE ROLE PATTERN: STYLE is number, lower-alpha,\n"
	"# upper-alpha, lower-roman, upper-roman, any (digits or roman) or none;\n"
	"# ROLE is heading, item or item-or-heading.\n"
	"\n"
	"# Headings whatever follows them; a dash or colon between the number and\n"
	"# the title is a separator, not part of either (\"Article 5 - Title\")\n"
	"family part any heading ^(?:PART|Part)\\s+(?<n>[IVXLCDM]+|\\d+)\\b\\.?(?:\\s+[-\u2013\u2014]\\s+|:\\s*|\\s+|$)\n"
	"family chapter any heading ^(?:CHAPTER|Chapter)\\s+(?<n>[IVXLCDM]+|\\d+)\\b\\.?(?:\\s+[-\u2013\u2014]\\s+|:\\s*|\\s+|$)\n"
	"family section any heading ^(?:SECTION|Section)\\s+(?<n>[IVXLCDM]+|\\d+)\\b\\.?(?:\\s+[-\u2013\u2014]\\s+|:\\s*|\\s+|$)\n"
	"family article any heading ^(?:ARTICLE|Article)\\s+(?<n>[IVXLCDM]+|\\d+)(?:\\s+(?:bis|ter|quater))?\\b\\.?(?:\\s+[-\u2013\u2014]\\s+|:\\s*|\\s+|$)\n"
	"family annex any heading ^(?:ANNEX|Annex|APPENDIX|Appendix|SCHEDULE|Schedule)(?:\\s+(?<n>[IVXLCDM]+|[A-Z]|\\d+))?\\b\\.?(?:\\s+[-\u2013\u2014]\\s+|:\\s*|\\s+|$)\n"
	"family sign number heading ^\u00a7\\s*(?<n>\\d+)[a-z]?\\.?(?:\\s+|$)\n"
	"\n"
	"# Numbered headings or paragraphs: a heading when the rest reads as a\n"
	"# title (\"I. Purpose and scope\", \"4. MODIFICATIONS\", \"4. Conveying\n"
	"# Verbatim Copies.\"); \"1.Definitions\" needs no space\n"
	"family roman-period upper-roman item-or-heading ^(?<n>[IVXLC]+)\\.(?:\\s+|$)\n"
	"family letter-period upper-alpha item-or-heading ^(?<n>[A-Z])\\.\\s+\n"
	"family decimal3 number item-or-heading ^\\d+\\.\\d+\\.(?<n>\\d+)\\.?(?:\\s+|(?=\\p{Lu})|$)\n"
	"family decimal2 number item-or-heading ^\\d+\\.(?<n>\\d+)\\.?(?:\\s+|(?=\\p{Lu})|$)\n"
	"family decimal number item-or-heading ^(?<n>\\d+)(?:[a-z]|\\s+(?:bis|ter|quater))?\\.(?:\\s+|(?=\\p{Lu})|$)\n"
	"family number-paren number item-or-heading ^(?<n>\\d+)\\)\\s+\n"
	"\n"
	"# List items\n"
	"family paren-number number item ^\\((?<n>\\d+)\\)\\s+\n"
	"family paren-letter lower-alpha item ^\\((?<n>[a-z]{1,2})\\)\\s+\n"
	"family paren-roman lower-roman item ^\\((?<n>[ivxlc]+)\\)\\s+\n"
	"family paren-capital upper-alpha item ^\\((?<n>[A-Z])\\)\\s+\n"
	"family paren-capital-roman upper-roman item ^\\((?<n>[IVXLC]+)\\)\\s+\n"
	"family letter-paren lower-alpha item ^(?<n>[a-z])\\)\\s+\n"
	"family roman-paren lower-roman item ^(?<n>[ivxlc]+)\\)\\s+\n"
	"family letter-dot lower-alpha item ^(?<n>[a-z])\\.\\s+\n"
	"family roman-dot lower-roman item ^(?<n>[ivxlc]+)\\.\\s+\n"
	"# one family for every bullet, so a list whose bullet changed is the same list\n"
	"family bullet none item ^[\u2022\u25aa\u25e6\u2023\u2219*\u2212\u2013\u2014-]\\s+\n"
	"\n"
	"# Page furniture of United Nations documents (whole lines)\n"
	"furniture ^[A-Z]{1,6}(?:/[A-Z0-9.]+)*/\\d+(?:/[A-Za-z0-9.]+)*$\n"
	"furniture ^\\d{2}-\\d{5}(?:\\s*\\([A-Z]\\))?(?:\\s+\\d+/\\d+)?$\n"
	"furniture ^\\d+/\\d+(?:\\s+\\d{2}-\\d{5}(?:\\s*\\([A-Z]\\))?)?$\n"
	"furniture ^\\*\\d{7,}\\*$\n"
	"furniture ^(?:Page\\s+)?\\d+\\s+of\\s+\\d+$\n"
	"\n"
	"# United Nations resolutions\n"
	"preamble-start ^The (?:General Assembly|Security Council|Economic and Social Council|Human Rights Council|Conference of the Parties|Assembly|Council)\\b[^.;:]{0,200},$\n"
	"preamble-paragraph ,$\n"
	"\n"
	"heading-max-words 12\n";

const char *nd_grammar_default_source(void)
{
	return default_grammar;
}

/* Compile one pattern; `anchored` ones match only at the start, which is
 * set here rather than at match time because a match-time PCRE2_ANCHORED
 * would make pcre2 fall back from JIT to its interpreter. A pattern that
 * its own '^' anchors (every built-in family's) is compiled once, without
 * the option: pcre2 works out the bytes a match can start with only for
 * such a compilation (read_first_bytes), and it matches the same. */
static int compile(pcre2_code **out, const char *pat, size_t len,
                   const char *origin, unsigned line, int anchored)
{
	int errcode;
	PCRE2_SIZE erroff;
	PCRE2_UCHAR msg[256];
	uint32_t opts = 0;

	*out = pcre2_compile((PCRE2_SPTR)pat, len, PCRE2_UTF | PCRE2_UCP,
	                     &errcode, &erroff, NULL);
	if (*out && anchored &&
	    (pcre2_pattern_info(*out, PCRE2_INFO_ALLOPTIONS, &opts) != 0 ||
	     !(opts & PCRE2_ANCHORED))) {
		pcre2_code_free(*out);
		*out = pcre2_compile((PCRE2_SPTR)pat, len,
		                     PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED, &errcode,
		                     &erroff, NULL);
	}
	if (!*out) {
		if (errcode == PCRE2_ERROR_NOMEMORY)
			return nd_error_oom();
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		return nd_error_set(ND_EGRAMMAR, "%s:%u: bad pattern at offset %zu: %s",
		                    origin, line, (size_t)erroff, (char *)msg);
	}
	/* JIT is an optimisation: where it is unavailable, matching still works. */
	(void)pcre2_jit_compile(*out, PCRE2_JIT_COMPLETE);
	return 0;
}

/* The bytes a match of re can start with, as pcre2 works them out for
 * its own search of an unanchored pattern: a fixed first code unit, with
 * its other ASCII case as pcre2's search takes it, or a bitmap of them.
 * Where pcre2 knows neither, *filtered is 0. */
static void read_first_bytes(const pcre2_code *re, int *filtered,
                             unsigned char first[32])
{
	const uint8_t *bits = NULL;
	uint32_t type = 0, cu = 0;

	*filtered = 0;
	memset(first, 0, 32);
	if (pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 &&
	    type == 1 &&
	    pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &cu) == 0 &&
	    cu < 256) {
		first[cu >> 3] |= (unsigned char)(1u << (cu & 7));
		if ((cu | 0x20) >= 'a' && (cu | 0x20) <= 'z') {
			cu ^= 0x20; /* the other case */
			first[cu >> 3] |= (unsigned char)(1u << (cu & 7));
		}
		*filtered = 1;
	} else if (pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &bits) == 0 &&
	           bits) {
		memcpy(first, bits, 32);
		*filtered = 1;
	}
}

/* The bytes a marker of f can start with, when its pattern was compiled
 * with PCRE2_ANCHORED (read_first_bytes; pcre2 works them out only for a
 * compilation without, so a copy is compiled only to ask). A paragraph
 * that opens with no such byte holds no marker of f, and the match is
 * not tried (most paragraphs try every family). */
static void first_bytes(nd_family *f, const char *pat, size_t len)
{
	pcre2_code *re;
	int errcode;
	PCRE2_SIZE erroff;

	f->filtered = 0;
	memset(f->first, 0, sizeof(f->first));
	re = pcre2_compile((PCRE2_SPTR)pat, len, PCRE2_UTF | PCRE2_UCP, &errcode,
	                   &erroff, NULL);
	if (!re)
		return;
	read_first_bytes(re, &f->filtered, f->first);
	pcre2_code_free(re);
}

static int parse_style(const char *w, enum nd_style *s)
{
	static const struct {
		const char *name;   /* style name in the grammar */
		enum nd_style style; /* its value */
	} styles[] = {
		{"none", ND_STYLE_NONE},
		{"number", ND_STYLE_NUMBER},
		{"lower-alpha", ND_STYLE_LOWER_ALPHA},
		{"upper-alpha", ND_STYLE_UPPER_ALPHA},
		{"lower-roman", ND_STYLE_LOWER_ROMAN},
		{"upper-roman", ND_STYLE_UPPER_ROMAN},
		{"any", ND_STYLE_ANY},
	};
	size_t i;

	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
		if (!strcmp(w, styles[i].name)) {
			*s = styles[i].style;
			return 1;
		}
	return 0;
}

static int parse_role(const char *w, enum nd_role *r)
{
	if (!strcmp(w, "heading"))
		*r = ND_ROLE_HEADING;
	else if (!strcmp(w, "item"))
		*r = ND_ROLE_ITEM;
	else if (!strcmp(w, "item-or-heading"))
		*r = ND_ROLE_ITEM_OR_HEADING;
	else
		return 0;
	return 1;
}

/* Split the next whitespace-delimited word off *p (modifies the line). */
static char *next_word(char **p)
{
	char *s = *p, *w;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!*s)
		return NULL;
	w = s;
	while (*s && *s != ' ' && *s != '\t')
		s++;
	if (*s)
		*s++ = '\0';
	*p = s;
	return w;
}

static char *rest_of_line(char *p)
{
	size_t n;

	while (*p == ' ' || *p == '\t')
		p++;
	n = strlen(p);
	while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
		p[--n] = '\0';
	return p;
}

/* Remember where pattern `re` comes from: "KIND (ORIGIN:LINE)". */
static int add_rule(nd_grammar *g, const pcre2_code *re, const char *kind,
                    const char *origin, unsigned line)
{
	nd_buf b = ND_BUF_INIT;

	if (nd_vec_reserve((void **)&g->rules, &g->rulecap, g->nrules + 1,
	                   sizeof(nd_rule)) ||
	    nd_buf_printf(&b, "%s (%s:%u)", kind, origin, line)) {
		nd_buf_dispose(&b);
		return nd_error_oom();
	}
	g->rules[g->nrules++] = (nd_rule){re, nd_buf_detach(&b)};
	return 0;
}

static void note_groups(nd_grammar *g, const pcre2_code *re)
{
	uint32_t n = 0;

	pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &n);
	if (n + 1 > g->max_groups)
		g->max_groups = n + 1;
}

static int add_family(nd_grammar *g, char *args, const char *origin,
                      unsigned line)
{
	char *name = next_word(&args), *style = next_word(&args);
	char *role = next_word(&args), *pat;
	nd_family f = {0};
	uint32_t argopts = 0;
	int err;

	if (!name || !style || !role)
		return nd_error_set(ND_EGRAMMAR,
		                    "%s:%u: expected 'family NAME STYLE ROLE PATTERN'",
		                    origin, line);
	if (!parse_style(style, &f.style))
		return nd_error_set(ND_EGRAMMAR,
		                    "%s:%u: unknown style '%s' (number, lower-alpha, "
		                    "upper-alpha, lower-roman, upper-roman, any, none)",
		                    origin, line, style);
	if (!parse_role(role, &f.role))
		return nd_error_set(ND_EGRAMMAR,
		                    "%s:%u: unknown role '%s' (heading, item, "
		                    "item-or-heading)", origin, line, role);
	pat = rest_of_line(args);
	if (!*pat)
		return nd_error_set(ND_EGRAMMAR, "%s:%u: family '%s' has no pattern",
		                    origin, line, name);
	if ((err = compile(&f.re, pat, strlen(pat), origin, line, 1)) != 0)
		return err;
	if (pcre2_pattern_info(f.re, PCRE2_INFO_ARGOPTIONS, &argopts) == 0 &&
	    !(argopts & PCRE2_ANCHORED))
		read_first_bytes(f.re, &f.filtered, f.first); /* anchored by '^' */
	else
		first_bytes(&f, pat, strlen(pat));
	f.group = pcre2_substring_number_from_name(f.re, (PCRE2_SPTR) "n");
	if (f.style != ND_STYLE_NONE && f.group < 0) {
		pcre2_code_free(f.re);
		return nd_error_set(ND_EGRAMMAR,
		                    "%s:%u: family '%s' needs a group (?<n>...) "
		                    "holding its number", origin, line, name);
	}
	if ((f.name = nd_strdup(name)) == NULL ||
	    nd_vec_reserve((void **)&g->families, &g->famcap, g->nfamilies + 1,
	                   sizeof(nd_family))) {
		free(f.name);
		pcre2_code_free(f.re);
		return nd_error_oom();
	}
	note_groups(g, f.re);
	g->families[g->nfamilies++] = f;
	{
		nd_buf kind = ND_BUF_INIT;

		err = nd_buf_printf(&kind, "\"family %s\"", name) ? nd_error_oom()
		      : add_rule(g, f.re, kind.ptr, origin, line);
		nd_buf_dispose(&kind);
	}
	return err;
}

static int set_pattern(nd_grammar *g, pcre2_code **slot, const char *kind,
                       char *args, const char *origin, unsigned line)
{
	char *pat = rest_of_line(args);
	pcre2_code *re;
	int err;

	if (!*pat)
		return nd_error_set(ND_EGRAMMAR, "%s:%u: missing pattern", origin, line);
	if ((err = compile(&re, pat, strlen(pat), origin, line, 0)) != 0)
		return err;
	pcre2_code_free(*slot);
	*slot = re;
	note_groups(g, re);
	return add_rule(g, re, kind, origin, line);
}

static int add_furniture(nd_grammar *g, char *args, const char *origin,
                         unsigned line)
{
	pcre2_code *re = NULL;
	nd_furniture *fu;
	uint32_t opts = 0;
	int err;

	if (nd_vec_reserve((void **)&g->furniture, &g->furncap,
	                   g->nfurniture + 1, sizeof(nd_furniture)))
		return nd_error_oom();
	if ((err = set_pattern(g, &re, "\"furniture\"", args, origin, line)) != 0) {
		pcre2_code_free(re);
		return err;
	}
	fu = &g->furniture[g->nfurniture++];
	fu->re = re;
	/* a pattern that is anchored by its '^' matches only at a line's
	 * start, so the line's first bytes can rule it out as a family's */
	fu->anchored = pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &opts) == 0 &&
	               (opts & PCRE2_ANCHORED);
	if (fu->anchored)
		read_first_bytes(re, &fu->filtered, fu->first);
	else {
		fu->filtered = 0;
		memset(fu->first, 0, sizeof(fu->first));
	}
	return 0;
}

static int parse_into(nd_grammar *g, const char *text, size_t len,
                      const char *origin, int depth);

static int parse_line(nd_grammar *g, char *line, const char *origin,
                      unsigned lineno, int depth)
{
	char *p = line, *word = next_word(&p);

	if (!word || word[0] == '#')
		return 0;
	if (!strcmp(word, "family"))
		return add_family(g, p, origin, lineno);
	if (!strcmp(word, "furniture"))
		return add_furniture(g, p, origin, lineno);
	if (!strcmp(word, "preamble-start"))
		return set_pattern(g, &g->preamble_start, "\"preamble-start\"", p, origin,
		                   lineno);
	if (!strcmp(word, "preamble-paragraph"))
		return set_pattern(g, &g->preamble_para, "\"preamble-paragraph\"", p,
		                   origin, lineno);
	if (!strcmp(word, "heading-max-words")) {
		char *n = rest_of_line(p), *end;
		long v = strtol(n, &end, 10);

		if (!*n || *end || v < 0 || v > 1000)
			return nd_error_set(ND_EGRAMMAR,
			                    "%s:%u: heading-max-words needs a number "
			                    "from 0 to 1000", origin, lineno);
		g->heading_max_words = (unsigned)v;
		return 0;
	}
	if (!strcmp(word, "include")) {
		char *what = rest_of_line(p);

		if (strcmp(what, "default"))
			return nd_error_set(ND_EGRAMMAR,
			                    "%s:%u: only 'include default' is supported",
			                    origin, lineno);
		if (depth > 0)
			return nd_error_set(ND_EGRAMMAR, "%s:%u: nested include",
			                    origin, lineno);
		return parse_into(g, default_grammar, sizeof(default_grammar) - 1,
		                  "<default grammar>", depth + 1);
	}
	return nd_error_set(ND_EGRAMMAR,
	                    "%s:%u: unknown directive '%s' (family, furniture, "
	                    "preamble-start, preamble-paragraph, heading-max-words, "
	                    "include)", origin, lineno, word);
}

static int parse_into(nd_grammar *g, const char *text, size_t len,
                      const char *origin, int depth)
{
	size_t i = 0, bad;
	unsigned lineno = 0;
	nd_buf line = ND_BUF_INIT;
	int err = 0;

	if (!nd_utf8_valid(text, len, &bad))
		return nd_error_set(ND_EGRAMMAR, "%s: not valid UTF-8 at byte %zu",
		                    origin, bad);
	while (i < len && !err) {
		size_t start = i;

		while (i < len && text[i] != '\n')
			i++;
		lineno++;
		nd_buf_clear(&line);
		if ((err = nd_buf_put(&line, text + start, i - start)) != 0)
			break;
		if (line.len && line.ptr[line.len - 1] == '\r')
			line.ptr[--line.len] = '\0';
		if (memchr(line.ptr, '\0', line.len))
			err = nd_error_set(ND_EGRAMMAR, "%s:%u: NUL byte in grammar",
			                   origin, lineno);
		else
			err = parse_line(g, line.ptr, origin, lineno, depth);
		i++;
	}
	nd_buf_dispose(&line);
	return err;
}

/* The families each first byte lets through, as sets (opens[]), so that
 * a paragraph tries only those: most paragraphs open with a byte that
 * few families' markers can start with. */
static void index_first_bytes(nd_grammar *g)
{
	size_t f, b;

	if (g->nfamilies > ND_OPENS_MAX)
		return;
	for (f = 0; f < g->nfamilies; f++) {
		const nd_family *fam = &g->families[f];

		if (fam->style != ND_STYLE_NONE)
			g->numbered |= (uint64_t)1 << f;
		for (b = 0; b < 256; b++)
			if (!fam->filtered || (fam->first[b >> 3] & (1u << (b & 7))))
				g->opens[b] |= (uint64_t)1 << f;
	}
}

int nd_grammar_new(nd_grammar **out, const char *text, size_t len,
                   const char *origin)
{
	nd_grammar *g = calloc(1, sizeof(*g));
	int err;

	*out = NULL;
	if (!g)
		return nd_error_oom();
	g->heading_max_words = 12;
	g->max_groups = 1;
	if ((err = parse_into(g, text, len, origin, 0)) != 0)
		goto done;
	if (g->nfamilies == 0)
		err = nd_error_set(ND_EGRAMMAR,
		                   "%s: the grammar defines no marker family; add "
		                   "'family' lines or start with 'include default'",
		                   origin);
	else
		index_first_bytes(g);
done:
	if (err)
		nd_grammar_free(g);
	else
		*out = g;
	return err;
}

int nd_grammar_default(nd_grammar **out)
{
	return nd_grammar_new(out, default_grammar, sizeof(default_grammar) - 1,
	                      "<default grammar>");
}

void nd_grammar_free(nd_grammar *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->nfamilies; i++) {
		free(g->families[i].name);
		pcre2_code_free(g->families[i].re);
	}
	for (i = 0; i < g->nfurniture; i++)
		pcre2_code_free(g->furniture[i].re);
	free(g->families);
	free(g->furniture);
	pcre2_code_free(g->preamble_start);
	pcre2_code_free(g->preamble_para);
	for (i = 0; i < g->nrules; i++)
		free(g->rules[i].name);
	free(g->rules);
	free(g);
}

/* Was re JIT-compiled (compile() tries; it may be unavailable)? */
static int jitted(const pcre2_code *re)
{
	size_t size = 0;

	return !re || (pcre2_pattern_info(re, PCRE2_INFO_JITSIZE, &size) == 0 &&
	               size > 0);
}

int nd_matcher_init(nd_matcher *m, const nd_grammar *g)
{
	size_t k;

	memset(m, 0, sizeof(*m));
	m->g = g;
	m->jit = jitted(g->preamble_start) && jitted(g->preamble_para);
	for (k = 0; k < g->nfamilies; k++)
		m->jit = m->jit && jitted(g->families[k].re);
	for (k = 0; k < g->nfurniture; k++)
		m->jit = m->jit && jitted(g->furniture[k].re);
	if ((m->md = pcre2_match_data_create(g->max_groups, NULL)) == NULL)
		return nd_error_oom();
	return 0;
}

void nd_matcher_dispose(nd_matcher *m)
{
	pcre2_match_data_free(m->md);
	m->md = NULL;
	free(m->pairs);
	m->pairs = NULL;
}

/* pcre2_match of `re` at the start of s; a limit reached is recorded and
 * read as no match (PCRE2_ERROR_NOMATCH). */
static int match(nd_matcher *m, const pcre2_code *re, const char *s, size_t len)
{
	int rc = m->jit ? pcre2_jit_match(re, (PCRE2_SPTR)s, len, 0, 0, m->md,
	                                  NULL)
	                : pcre2_match(re, (PCRE2_SPTR)s, len, 0, PCRE2_NO_UTF_CHECK,
	                              m->md, NULL);
	size_t k;

	if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
	    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT) {
		if (m->limited++ == 0) {
			m->line = m->at;
			/* the latest rule of that address: a pattern replaced by a
			 * later line may have left its address to another */
			for (k = m->g->nrules; k-- > 0;)
				if (m->g->rules[k].re == re) {
					m->rule = m->g->rules[k].name;
					break;
				}
		}
		return PCRE2_ERROR_NOMATCH;
	}
	return rc;
}

/* Value of a roman numeral, 0 if `s` is not one. */
static long roman_value(const char *s, size_t n)
{
	long total = 0, prev = 0;
	size_t i;

	for (i = n; i-- > 0;) {
		long v;

		switch (toupper((unsigned char)s[i])) {
		case 'I': v = 1; break;
		case 'V': v = 5; break;
		case 'X': v = 10; break;
		case 'L': v = 50; break;
		case 'C': v = 100; break;
		case 'D': v = 500; break;
		case 'M': v = 1000; break;
		default: return 0;
		}
		total += v < prev ? -v : v;
		if (v > prev)
			prev = v;
	}
	return total > 0 ? total : 0;
}

static long ordinal(enum nd_style style, const char *s, size_t n)
{
	long v = 0;
	size_t i;

	switch (style) {
	case ND_STYLE_NONE:
		return 0;
	case ND_STYLE_NUMBER:
		for (i = 0; i < n && isdigit((unsigned char)s[i]) && v < 100000000; i++)
			v = v * 10 + (s[i] - '0');
		return v;
	case ND_STYLE_LOWER_ALPHA:
	case ND_STYLE_UPPER_ALPHA:
		/* a..z = 1..26, then aa = 27 ("(aa)" follows "(z)" in statutes) */
		for (i = 0; i < n && v < 100000000; i++)
			v = v * 26 + (tolower((unsigned char)s[i]) - 'a' + 1);
		return v;
	case ND_STYLE_LOWER_ROMAN:
	case ND_STYLE_UPPER_ROMAN:
		return roman_value(s, n);
	case ND_STYLE_ANY:
		if (n && isdigit((unsigned char)s[0]))
			return ordinal(ND_STYLE_NUMBER, s, n);
		return roman_value(s, n);
	}
	return 0;
}

/* The label is the marker without what separates it from the text: spaces,
 * a colon, a dash between spaces ("Article 5 - Title" is "Article 5"). */
static size_t label_length(const char *s, size_t n)
{
	static const char *const dashes[] = {" -", " \u2013", " \u2014"};
	size_t k;

	while (n && s[n - 1] == ' ')
		n--;
	if (n > 1 && s[n - 1] == ':')
		return n - 1;
	/* most labels end in ')' or '.': no dash ends there (a dash's last
	 * byte is '-', 0x93 or 0x94) */
	if (!n || (s[n - 1] != '-' && (unsigned char)s[n - 1] != 0x93 &&
	           (unsigned char)s[n - 1] != 0x94))
		return n;
	for (k = 0; k < sizeof(dashes) / sizeof(dashes[0]); k++) {
		size_t dl = strlen(dashes[k]);

		if (n > dl && !memcmp(s + n - dl, dashes[k], dl)) {
			n -= dl;
			while (n && s[n - 1] == ' ')
				n--;
			return n;
		}
	}
	return n;
}

/* cannot_open: can no text that opens with the two ASCII bytes s[0], s[1]
 * match re, an anchored pattern (a family's, or the furniture's slot'th
 * with slot counted on from the families)? The first byte lets many texts
 * through that the second rules out ("(b)" for "(i)", "Th" for "A."),
 * and a paragraph tries each family it lets through. pcre2 answers, once
 * a pair and pattern for the reading, by a hard partial match of the two
 * bytes alone: no match means that no text that opens with them matches
 * (the end of the text would have made any path that reads on a partial
 * match, and so do $, \z, \Z, \b and \B there). A byte of a character
 * of several bytes is not tried alone, and a limit, an error or no
 * memory for the table only leave the full match to decide. */
static int ask_pair(const nd_grammar *g, nd_matcher *md, const pcre2_code *re,
                    size_t slot, const char *s)
{
	unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];
	uint64_t *w, bit = (uint64_t)1 << (b & 63);

	if (!md->pairs &&
	    (md->pairs = calloc((g->nfamilies + g->nfurniture) * 128 * 4,
	                        sizeof(uint64_t))) == NULL)
		return 0;
	w = md->pairs + (slot * 128 + a) * 4 + (b >> 6);
	w[0] |= bit;
	if (pcre2_match(re, (PCRE2_SPTR)s, 2, 0,
	                PCRE2_PARTIAL_HARD | PCRE2_NO_UTF_CHECK, md->md,
	                NULL) == PCRE2_ERROR_NOMATCH)
		w[2] |= bit;
	return (w[2] & bit) != 0;
}

/* cannot_open's answer from the table, asked of pcre2 (ask_pair) the
 * first time: small enough to be inlined at every match. */
static inline int cannot_open(const nd_grammar *g, nd_matcher *md,
                              const pcre2_code *re, size_t slot,
                              const char *s)
{
	unsigned char a = (unsigned char)s[0], b = (unsigned char)s[1];
	const uint64_t *w;
	uint64_t bit = (uint64_t)1 << (b & 63);

	if ((a | b) & 0x80)
		return 0;
	if (!md->pairs)
		return ask_pair(g, md, re, slot, s);
	w = md->pairs + (slot * 128 + a) * 4 + (b >> 6);
	if (!(w[0] & bit))
		return ask_pair(g, md, re, slot, s);
	return (w[2] & bit) != 0;
}

/* Match family f at the start of s (not empty), its first bytes let
 * through by the family's first[] and cannot_open. */
static int match_family(const nd_grammar *g, nd_matcher *md, size_t f,
                        const char *s, size_t len, nd_marker *m)
{
	const nd_family *fam = &g->families[f];
	PCRE2_SIZE *ov, start, end;
	int rc;

	rc = match(md, fam->re, s, len);
	if (rc < 0)
		return 0;
	ov = pcre2_get_ovector_pointer(md->md);
	if (ov[1] == 0)
		return 0; /* an empty marker is no marker */
	m->family = (int)f;
	m->len = ov[1];
	m->label_len = label_length(s, ov[1]);
	m->label_off = 0;
	m->ordinal = 0;
	if (fam->style != ND_STYLE_NONE) {
		int gi = fam->group;

		if (gi > 0 && gi < rc) {
			start = ov[2 * gi];
			end = ov[2 * gi + 1];
			if (start != PCRE2_UNSET)
				m->ordinal = ordinal(fam->style, s + start, end - start);
		}
	}
	return 1;
}

int nd_grammar_match(const nd_grammar *g, nd_matcher *md, size_t f,
                     const char *s, size_t len, nd_marker *m)
{
	const nd_family *fam = &g->families[f];
	unsigned char b = len ? (unsigned char)s[0] : 0;

	/* no first byte a marker of it starts with: no marker (and an empty
	 * text holds none, since an empty marker is none) */
	if (!len || (fam->filtered && !(fam->first[b >> 3] & (1u << (b & 7)))))
		return 0;
	if (len >= 2 && cannot_open(g, md, fam->re, f, s))
		return 0;
	return match_family(g, md, f, s, len, m);
}

size_t nd_grammar_match_all(const nd_grammar *g, nd_matcher *md, int numbered,
                            const char *s, size_t len, nd_marker *m,
                            size_t max)
{
	uint64_t set;
	size_t f, n = 0;

	if (!len)
		return 0;
	if (g->nfamilies > ND_OPENS_MAX) {
		for (f = 0; f < g->nfamilies && n < max; f++)
			if ((!numbered || g->families[f].style != ND_STYLE_NONE) &&
			    nd_grammar_match(g, md, f, s, len, &m[n]))
				n++;
		return n;
	}
	set = g->opens[(unsigned char)s[0]];
	if (numbered)
		set &= g->numbered;
	for (f = 0; set && n < max; f++, set >>= 1) {
		if (!(set & 1) ||
		    (len >= 2 && cannot_open(g, md, g->families[f].re, f, s)))
			continue;
		if (match_family(g, md, f, s, len, &m[n]))
			n++;
	}
	return n;
}

int nd_grammar_any_marker(const nd_grammar *g, nd_matcher *md,
                          const char *s, size_t len)
{
	nd_marker m;

	return nd_grammar_match_all(g, md, 0, s, len, &m, 1) != 0;
}

int nd_grammar_test(const pcre2_code *re, nd_matcher *md,
                    const char *s, size_t len)
{
	return re && match(md, re, s, len) >= 0;
}

int nd_grammar_is_furniture(const nd_grammar *g, nd_matcher *md,
                            const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < g->nfurniture; i++) {
		const nd_furniture *fu = &g->furniture[i];
		unsigned char b = len ? (unsigned char)s[0] : 0;

		/* as for a family's marker (match_family): bytes it cannot
		 * start with rule a pattern out without a match */
		if (len && fu->filtered && !(fu->first[b >> 3] & (1u << (b & 7))))
			continue;
		if (len >= 2 && fu->anchored &&
		    cannot_open(g, md, fu->re, g->nfamilies + i, s))
			continue;
		if (nd_grammar_test(fu->re, md, s, len))
			return 1;
	}
	return 0;
}

int nd_grammar_bare_heading(const nd_grammar *g, nd_matcher *md,
                            const char *s, size_t len)
{
	size_t f;
	nd_marker m;

	for (f = 0; f < g->nfamilies; f++)
		if (g->families[f].role == ND_ROLE_HEADING &&
		    nd_grammar_match(g, md, f, s, len, &m) && m.len == len)
			return 1;
	return 0;
}
