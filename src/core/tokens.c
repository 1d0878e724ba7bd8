/* tokens.c - split a text into words, numbers, punctuation and spaces.
 *
 * What: one left-to-right pass that cuts s[0..len) into tokens, each a view
 * (offset, length, kind, fold) into the caller's bytes. The word diff
 * (worddiff.c) compares these tokens, so where a token ends is where an
 * edit may begin: a word that is one token can never be cut in the middle.
 *
 * Why hand-made tables: the diff needs only a coarse idea of a character
 * (letter, mark, digit, ideograph, space, other), not full Unicode
 * properties, so a sorted table of ranges covering the scripts drafts are
 * written in (Latin with its extensions, Greek, Cyrillic, Armenian, Hebrew,
 * Arabic, the Indic scripts, Thai, CJK, kana, hangul) keeps the core free
 * of another dependency. A code point the table does not know is "other":
 * a punctuation token of its own, which costs the diff nothing but a
 * slightly finer edit.
 *
 * Rules:
 *   - a word is a run of letters, combining marks and digits ("people",
 *     "e\u0301te\u0301", "G77", "21st"): a digit run glued to letters is
 *     one word, so that an edit never starts inside "21st"; an apostrophe
 *     (' or U+2019) or a hyphen (-, U+2010, U+2011) joins two parts only
 *     when a letter follows it ("people's", "capacity-building"; "States'"
 *     ends before the apostrophe);
 *   - a number is a digit run with inner '.' or ',' (or the Arabic decimal
 *     and thousands signs) followed by another digit ("1.5", "10,000");
 *   - a CJK ideograph, kana or hangul syllable is a word token of its own;
 *   - a run of ASCII spaces is one space token (the text is normalised, so
 *     other white space has already become ' '; a '\n' is punctuation);
 *   - anything else is one punctuation token, with the combining marks,
 *     variation selectors and skin-tone modifiers that follow it, a
 *     zero-width-joined emoji sequence, or a pair of regional indicators;
 *   - a byte that is not well-formed UTF-8 is a punctuation token of its
 *     own, so no input is refused and none is lost.
 *
 * Invariants: tokens tile the text (token i+1 starts where token i ends,
 * the first at 0, the last ends at len), no token is empty, and a run
 * reaching TOKEN_MAX bytes is cut there (give or take one character),
 * which keeps `len` within its 32 bits. `fold` is nd_hash() (FNV-1a) over
 * the case-folded bytes of a word (simple case folding of ASCII, Latin-1,
 * Latin Extended-A and Additional, Greek, Cyrillic and Armenian), over the
 * bytes themselves for any other token; a word without capitals folds to
 * nd_hash of its bytes. One hash a token: the word diff tells "States"
 * from "states" by their bytes once their folds agree, and a token is 24
 * bytes.
 *
 * Cost: O(len) time. An ASCII token, most of most drafts, is cut and hashed
 * by the fast paths with one table of 256 bytes: a letter or digit costs a
 * load of its fold, an xor and a multiply, and the end of the text is
 * tested only in its last run of letters and digits. A token with a byte
 * that is not ASCII in it or right after it is scanned (again) by the
 * general path, one decode per code point plus a binary search in a table
 * of about 120 ranges; the fast paths give exactly its tokens and folds
 * (tests/unit/test_tokens_fast.c). One growing array of tokens, nothing
 * allocated per token, nothing at all for the word folds.
 */
#include "normdiff/tokens.h"

#include <stdlib.h>
#include <string.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/utf8.h"
#include "tokens_internal.h"

/* Longest token, in bytes: a longer run is cut into several tokens. */
#define TOKEN_MAX ((size_t)UINT32_MAX - 64)

#define FNV_OFFSET 14695981039346656037ULL /* as nd_hash() */
#define FNV_PRIME 1099511628211ULL         /* as nd_hash() */

enum cclass {
	C_OTHER,  /* punctuation, symbols, emoji, controls, unknown */
	C_SPACE,  /* ASCII space */
	C_LETTER, /* a letter of an alphabetic or syllabic script */
	C_MARK,   /* combining mark, joiner or selector: extends what precedes */
	C_DIGIT,  /* a decimal digit */
	C_IDEO    /* CJK ideograph, kana, hangul syllable: one token each */
};

typedef struct crange {
	uint32_t lo;   /* first code point */
	uint32_t hi;   /* last code point */
	uint8_t cls;   /* enum cclass */
} crange;

/* Non-ASCII code points, sorted, not overlapping. Blocks are taken whole
 * where their few non-letters do not matter for the diff. */
static const crange ranges[] = {
	{0x00AA, 0x00AA, C_LETTER}, {0x00B5, 0x00B5, C_LETTER},
	{0x00BA, 0x00BA, C_LETTER}, {0x00C0, 0x00D6, C_LETTER},
	{0x00D8, 0x00F6, C_LETTER}, {0x00F8, 0x02C1, C_LETTER},
	{0x02C6, 0x02D1, C_LETTER}, {0x02E0, 0x02E4, C_LETTER},
	{0x02EC, 0x02EC, C_LETTER}, {0x02EE, 0x02EE, C_LETTER},
	{0x0300, 0x036F, C_MARK},                               /* combining */
	{0x0370, 0x0373, C_LETTER}, {0x0376, 0x0377, C_LETTER}, /* Greek */
	{0x037A, 0x037D, C_LETTER}, {0x037F, 0x037F, C_LETTER},
	{0x0386, 0x0386, C_LETTER}, {0x0388, 0x03F5, C_LETTER},
	{0x03F7, 0x0481, C_LETTER},                             /* + Cyrillic */
	{0x0483, 0x0489, C_MARK},   {0x048A, 0x052F, C_LETTER},
	{0x0531, 0x0556, C_LETTER}, {0x0559, 0x0559, C_LETTER}, /* Armenian */
	{0x0560, 0x0588, C_LETTER},
	{0x0591, 0x05BD, C_MARK},   {0x05BF, 0x05BF, C_MARK},   /* Hebrew */
	{0x05C1, 0x05C2, C_MARK},   {0x05C4, 0x05C5, C_MARK},
	{0x05C7, 0x05C7, C_MARK},   {0x05D0, 0x05EA, C_LETTER},
	{0x05EF, 0x05F2, C_LETTER},
	{0x0610, 0x061A, C_MARK},   {0x0620, 0x064A, C_LETTER}, /* Arabic */
	{0x064B, 0x065F, C_MARK},   {0x0660, 0x0669, C_DIGIT},
	{0x066E, 0x06D3, C_LETTER}, {0x06D5, 0x06DC, C_LETTER},
	{0x06DF, 0x06E8, C_LETTER}, {0x06EA, 0x06EF, C_LETTER},
	{0x06F0, 0x06F9, C_DIGIT},  {0x06FA, 0x06FC, C_LETTER},
	{0x06FF, 0x06FF, C_LETTER},
	{0x0710, 0x074A, C_LETTER}, {0x074D, 0x07B1, C_LETTER}, /* Syriac.. */
	{0x07C0, 0x07C9, C_DIGIT},  {0x07CA, 0x07F5, C_LETTER}, /* NKo */
	/* 0x0900-0x0DFF: the Indic blocks, see classify() */
	{0x0E01, 0x0E3A, C_LETTER}, {0x0E40, 0x0E4E, C_LETTER}, /* Thai */
	{0x0E50, 0x0E59, C_DIGIT},
	{0x0E81, 0x0ECE, C_LETTER}, {0x0ED0, 0x0ED9, C_DIGIT},  /* Lao */
	{0x0EDC, 0x0EDF, C_LETTER},
	{0x0F00, 0x0F00, C_LETTER}, {0x0F20, 0x0F29, C_DIGIT},  /* Tibetan */
	{0x0F40, 0x0FBC, C_LETTER},
	{0x1000, 0x103F, C_LETTER}, {0x1040, 0x1049, C_DIGIT},  /* Myanmar */
	{0x1050, 0x108F, C_LETTER}, {0x1090, 0x1099, C_DIGIT},
	{0x109A, 0x109D, C_LETTER},
	{0x10A0, 0x10FA, C_LETTER}, {0x10FC, 0x10FF, C_LETTER}, /* Georgian */
	{0x1100, 0x11FF, C_LETTER},                             /* jamo */
	{0x1200, 0x135F, C_LETTER},                             /* Ethiopic */
	{0x13A0, 0x13FD, C_LETTER},                             /* Cherokee */
	{0x1780, 0x17D3, C_LETTER}, {0x17E0, 0x17E9, C_DIGIT},  /* Khmer */
	{0x1810, 0x1819, C_DIGIT},  {0x1820, 0x18AA, C_LETTER}, /* Mongolian */
	{0x1AB0, 0x1AFF, C_MARK},
	{0x1C80, 0x1C8F, C_LETTER}, {0x1D00, 0x1DBF, C_LETTER},
	{0x1DC0, 0x1DFF, C_MARK},
	{0x1E00, 0x1FBC, C_LETTER}, {0x1FBE, 0x1FBE, C_LETTER}, /* Latin, */
	{0x1FC2, 0x1FCC, C_LETTER}, {0x1FD0, 0x1FDB, C_LETTER}, /* Greek ext */
	{0x1FE0, 0x1FEC, C_LETTER}, {0x1FF2, 0x1FFC, C_LETTER},
	{0x200C, 0x200D, C_MARK},                               /* ZWNJ, ZWJ */
	{0x2071, 0x2071, C_LETTER}, {0x207F, 0x207F, C_LETTER},
	{0x2090, 0x209C, C_LETTER}, {0x20D0, 0x20FF, C_MARK},
	{0x2C00, 0x2CE4, C_LETTER}, {0x2D00, 0x2D25, C_LETTER},
	{0x2DE0, 0x2DFF, C_MARK},
	{0x3005, 0x3005, C_IDEO},   {0x3007, 0x3007, C_IDEO},   /* CJK */
	{0x3021, 0x3029, C_IDEO},   {0x3041, 0x3096, C_IDEO},   /* hiragana */
	{0x3099, 0x309A, C_MARK},   {0x309B, 0x309F, C_IDEO},
	{0x30A1, 0x30FA, C_IDEO},   {0x30FC, 0x30FF, C_IDEO},   /* katakana */
	{0x3131, 0x318E, C_IDEO},   {0x31F0, 0x31FF, C_IDEO},
	{0x3400, 0x4DBF, C_IDEO},   {0x4E00, 0x9FFF, C_IDEO},
	{0xA640, 0xA69F, C_LETTER}, {0xA720, 0xA7FF, C_LETTER},
	{0xAC00, 0xD7A3, C_IDEO},                               /* hangul */
	{0xF900, 0xFAFF, C_IDEO},
	{0xFB00, 0xFB06, C_LETTER}, {0xFB13, 0xFB17, C_LETTER},
	{0xFB1D, 0xFB4F, C_LETTER}, {0xFB50, 0xFD3D, C_LETTER},
	{0xFD50, 0xFDC7, C_LETTER}, {0xFDF0, 0xFDFB, C_LETTER},
	{0xFE00, 0xFE0F, C_MARK},   {0xFE20, 0xFE2F, C_MARK},
	{0xFE70, 0xFEFC, C_LETTER},
	{0xFF10, 0xFF19, C_DIGIT},  {0xFF21, 0xFF3A, C_LETTER}, /* fullwidth */
	{0xFF41, 0xFF5A, C_LETTER}, {0xFF66, 0xFF9F, C_IDEO},
	{0x1F3FB, 0x1F3FF, C_MARK},                             /* skin tone */
	{0x20000, 0x2FA1F, C_IDEO}, {0x30000, 0x323AF, C_IDEO},
	{0xE0020, 0xE007F, C_MARK}, {0xE0100, 0xE01EF, C_MARK},
};

/* classify() of the ASCII characters, looked up once per character. */
static const uint8_t ascii_class[128] = {
	[' '] = C_SPACE,
	['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT,
	['4'] = C_DIGIT, ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT,
	['8'] = C_DIGIT, ['9'] = C_DIGIT,
	['A'] = C_LETTER, ['B'] = C_LETTER, ['C'] = C_LETTER, ['D'] = C_LETTER,
	['E'] = C_LETTER, ['F'] = C_LETTER, ['G'] = C_LETTER, ['H'] = C_LETTER,
	['I'] = C_LETTER, ['J'] = C_LETTER, ['K'] = C_LETTER, ['L'] = C_LETTER,
	['M'] = C_LETTER, ['N'] = C_LETTER, ['O'] = C_LETTER, ['P'] = C_LETTER,
	['Q'] = C_LETTER, ['R'] = C_LETTER, ['S'] = C_LETTER, ['T'] = C_LETTER,
	['U'] = C_LETTER, ['V'] = C_LETTER, ['W'] = C_LETTER, ['X'] = C_LETTER,
	['Y'] = C_LETTER, ['Z'] = C_LETTER,
	['a'] = C_LETTER, ['b'] = C_LETTER, ['c'] = C_LETTER, ['d'] = C_LETTER,
	['e'] = C_LETTER, ['f'] = C_LETTER, ['g'] = C_LETTER, ['h'] = C_LETTER,
	['i'] = C_LETTER, ['j'] = C_LETTER, ['k'] = C_LETTER, ['l'] = C_LETTER,
	['m'] = C_LETTER, ['n'] = C_LETTER, ['o'] = C_LETTER, ['p'] = C_LETTER,
	['q'] = C_LETTER, ['r'] = C_LETTER, ['s'] = C_LETTER, ['t'] = C_LETTER,
	['u'] = C_LETTER, ['v'] = C_LETTER, ['w'] = C_LETTER, ['x'] = C_LETTER,
	['y'] = C_LETTER, ['z'] = C_LETTER,
};

static int classify(uint32_t c)
{
	size_t lo = 0, hi = sizeof(ranges) / sizeof(ranges[0]);

	if (c < 0x80)
		return ascii_class[c];
	if (c >= 0x0900 && c <= 0x0DFF) {
		/* Devanagari .. Sinhala: 0x80 code points a script, digits at
		 * 0x66-0x6F in each, the two dandas shared */
		if ((c & 0x7F) >= 0x66 && (c & 0x7F) <= 0x6F)
			return C_DIGIT;
		if (c == 0x0964 || c == 0x0965 || c == 0x0970 || c == 0x0DF4)
			return C_OTHER;
		return C_LETTER;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c < ranges[mid].lo)
			hi = mid;
		else if (c > ranges[mid].hi)
			lo = mid + 1;
		else
			return ranges[mid].cls;
	}
	return C_OTHER;
}

/* An ASCII byte, case folded. */
static unsigned fold_ascii(unsigned char b)
{
	return b >= 'A' && b <= 'Z' ? b + 32u : b;
}

/* Simple case folding of the alphabets drafts are mostly written in. */
static uint32_t fold_cp(uint32_t c)
{
	if (c < 0x80)
		return fold_ascii((unsigned char)c);
	if (c < 0x100) {
		if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
			return c + 32;
		return c == 0xB5 ? 0x3BC : c;
	}
	if (c < 0x180) {
		if ((c <= 0x12F || (c >= 0x132 && c <= 0x137) ||
		     (c >= 0x14A && c <= 0x177)) && !(c & 1))
			return c + 1;
		if (((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) &&
		    (c & 1))
			return c + 1;
		return c == 0x178 ? 0xFF : c;
	}
	if (c >= 0x370 && c < 0x400) {
		if (c == 0x386)
			return 0x3AC;
		if (c >= 0x388 && c <= 0x38A)
			return c + 37;
		if (c == 0x38C)
			return 0x3CC;
		if (c == 0x38E || c == 0x38F)
			return c + 63;
		if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3AB))
			return c + 32;
		return c == 0x3C2 ? 0x3C3 : c; /* final sigma */
	}
	if (c >= 0x400 && c < 0x530) {
		if (c <= 0x40F)
			return c + 80;
		if (c <= 0x42F)
			return c + 32;
		if (((c >= 0x460 && c <= 0x481) || (c >= 0x48A && c <= 0x4BF) ||
		     c >= 0x4D0) && !(c & 1))
			return c + 1;
		if (c == 0x4C0)
			return 0x4CF;
		if (c >= 0x4C1 && c <= 0x4CE && (c & 1))
			return c + 1;
		return c;
	}
	if (c >= 0x531 && c <= 0x556) /* Armenian */
		return c + 48;
	if (((c >= 0x1E00 && c <= 0x1E95) || (c >= 0x1EA0 && c <= 0x1EFF)) &&
	    !(c & 1))
		return c + 1;
	return c;
}

/* The fold hash of a word s[0..len). */
static uint64_t fold_hash(const char *s, size_t len)
{
	uint64_t h = FNV_OFFSET;
	size_t i = 0, n, m, k;
	uint32_t cp;
	char enc[4];

	while (i < len) {
		unsigned char b = (unsigned char)s[i];

		if (b < 0x80) { /* ASCII, most of most drafts */
			h ^= fold_ascii(b);
			h *= FNV_PRIME;
			i++;
			continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (n == 0) { /* words hold only well-formed characters */
			n = m = 1;
			enc[0] = s[i];
		} else {
			m = nd_utf8_encode(fold_cp(cp), enc);
		}
		for (k = 0; k < m; k++) {
			h ^= (unsigned char)enc[k];
			h *= FNV_PRIME;
		}
		i += n;
	}
	return h;
}

/* The class of the code point at s[i..len), its length in *n (0 at the end
 * or at an ill-formed byte, which is then C_OTHER with *n == 0). */
static int peek(const char *s, size_t len, size_t i, size_t *n, uint32_t *cp)
{
	uint32_t c = 0;

	if (i < len && (unsigned char)s[i] < 0x80) { /* most characters */
		*n = 1;
		if (cp)
			*cp = (unsigned char)s[i];
		return ascii_class[(unsigned char)s[i]];
	}
	*n = i < len ? nd_utf8_decode(s + i, len - i, &c) : 0;
	if (cp)
		*cp = c;
	return *n ? classify(c) : C_OTHER;
}

static int is_joiner(uint32_t c)
{
	return c == '\'' || c == 0x2019 || c == '-' || c == 0x2010 || c == 0x2011;
}

static int is_separator(uint32_t c)
{
	return c == '.' || c == ',' || c == 0x066B || c == 0x066C;
}

/* End of the marks (and, in punctuation, joined sequences) after i. */
static size_t skip_marks(const char *s, size_t len, size_t start, size_t i,
                         int joined)
{
	size_t n;
	uint32_t cp;

	while (i - start < TOKEN_MAX && peek(s, len, i, &n, &cp) == C_MARK) {
		i += n;
		if (joined && cp == 0x200D && peek(s, len, i, &n, NULL) != C_SPACE &&
		    n)
			i += n; /* the next emoji of a ZWJ sequence */
	}
	return i;
}

/* End of a word whose first character starts at i. */
static size_t scan_word(const char *s, size_t len, size_t start, size_t i)
{
	size_t n, n2;
	uint32_t cp;
	int c;

	while (i - start < TOKEN_MAX) {
		c = peek(s, len, i, &n, &cp);
		if (c == C_LETTER || c == C_MARK || c == C_DIGIT) {
			i += n;
		} else if (n && is_joiner(cp) &&
		           peek(s, len, i + n, &n2, NULL) == C_LETTER && n2) {
			i += n + n2;
		} else {
			break;
		}
	}
	return i;
}

/* End of a number at i; *word set when letters follow and make it a word. */
static size_t scan_number(const char *s, size_t len, size_t start, size_t i,
                          int *word)
{
	size_t n, n2;
	uint32_t cp;
	int c;

	*word = 0;
	while (i - start < TOKEN_MAX) {
		c = peek(s, len, i, &n, &cp);
		if (c == C_DIGIT) {
			i += n;
		} else if (n && is_separator(cp) &&
		           peek(s, len, i + n, &n2, NULL) == C_DIGIT && n2) {
			i += n + n2;
		} else if (c == C_LETTER || c == C_MARK) {
			*word = 1;
			return scan_word(s, len, start, i);
		} else {
			break;
		}
	}
	return i;
}

/* The token starting at i: its end and kind. */
static size_t next_token(const char *s, size_t len, size_t i, uint8_t *kind)
{
	size_t start = i, n, n2;
	uint32_t cp, cp2;
	int word;

	switch (peek(s, len, i, &n, &cp)) {
	case C_SPACE:
		while (i < len && s[i] == ' ' && i - start < TOKEN_MAX)
			i++;
		*kind = ND_TOK_SPACE;
		return i;
	case C_LETTER:
	case C_MARK:
		*kind = ND_TOK_WORD;
		return scan_word(s, len, start, i + n);
	case C_DIGIT:
		i = scan_number(s, len, start, i + n, &word);
		*kind = word ? ND_TOK_WORD : ND_TOK_NUMBER;
		return i;
	case C_IDEO:
		*kind = ND_TOK_WORD;
		return skip_marks(s, len, start, i + n, 0);
	default:
		*kind = ND_TOK_PUNCT;
		if (n == 0)
			return i + 1; /* an ill-formed byte */
		i += n;
		if (cp >= 0x1F1E6 && cp <= 0x1F1FF && peek(s, len, i, &n2, &cp2) ==
		    C_OTHER && n2 && cp2 >= 0x1F1E6 && cp2 <= 0x1F1FF)
			i += n2; /* a flag: two regional indicators */
		return skip_marks(s, len, start, i, 1);
	}
}

size_t tokens_decode_at(const char *s, size_t len, size_t i, nd_token *t)
{
	uint8_t kind;
	size_t end = next_token(s, len, i, &kind);

	t->off = i;
	t->len = (uint32_t)(end - i);
	t->kind = kind;
	t->fold = kind == ND_TOK_WORD ? fold_hash(s + i, end - i)
	                              : nd_hash(s + i, end - i);
	return end;
}

/* The fast paths' one load a byte: the case-folded ASCII letter ('a'..'z')
 * or the digit ('0'..'9') a byte is, and 0 for every other byte (a space,
 * punctuation, any byte of a character that is not ASCII). */
static const uint8_t ascii_fold[256] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
	['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
	['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
	['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
	['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
	['Z'] = 'z', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd',
	['e'] = 'e', ['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i',
	['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n',
	['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's',
	['t'] = 't', ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x',
	['y'] = 'y', ['z'] = 'z',
};

/* Of an ascii_fold value; a digit is its own fold, so fold_is_digit of a
 * byte is right too. */
static int fold_is_letter(unsigned v)
{
	return v >= 'a';
}

static int fold_is_digit(unsigned v)
{
	return v - '0' < 10u;
}

/* The offset just after the last byte of p[0..len) that is neither an ASCII
 * letter nor a digit, 0 if there is none: a run of letters and digits that
 * starts before it ends before it, so it needs no test of the end. */
static size_t run_guard(const unsigned char *p, size_t len)
{
	while (len && ascii_fold[p[len - 1]])
		len--;
	return len;
}

/* Fold p[i..) into *f while it is ASCII letters and digits; where that
 * stops. Below guard (run_guard) the loop is one load of a byte, one of its
 * fold, one xor and one multiply. */
static inline size_t fold_alnum(const unsigned char *p, size_t len,
                                size_t guard, size_t i, uint64_t *f)
{
	uint64_t h = *f;
	unsigned v;

	if (i < guard) {
		/* two at a time: a letter or digit at p[i] is not the byte
		 * before guard that stops every run, so p[i + 1] is there */
		while ((v = ascii_fold[p[i]]) != 0) {
			h = (h ^ v) * FNV_PRIME;
			if ((v = ascii_fold[p[i + 1]]) == 0) {
				i++;
				break;
			}
			h = (h ^ v) * FNV_PRIME;
			i += 2;
		}
	} else {
		while (i < len && (v = ascii_fold[p[i]]) != 0) {
			h = (h ^ v) * FNV_PRIME;
			i++;
		}
	}
	*f = h;
	return i;
}

/* The same for the ASCII digits only, which are rarer. */
static size_t fold_digits(const unsigned char *p, size_t len, size_t i,
                          uint64_t *f)
{
	uint64_t h = *f;

	while (i < len && fold_is_digit(p[i])) {
		h = (h ^ p[i]) * FNV_PRIME;
		i++;
	}
	*f = h;
	return i;
}

/* The end of an ASCII word whose letters and digits have been folded into
 * *f up to p[i], going on past each joiner that a letter follows (as
 * scan_word does); 0 when a byte that is not ASCII ends the word or follows
 * its joiner (a letter or mark of another script might go on with it), for
 * tokens_decode_at to scan instead. */
static size_t word_tail(const unsigned char *p, size_t len, size_t guard,
                        size_t i, uint64_t *f)
{
	unsigned c, next;

	for (;;) {
		c = i < len ? p[i] : ' ';
		if (c >= 0x80)
			return 0;
		if (c != '-' && c != '\'')
			return i;
		next = i + 1 < len ? p[i + 1] : ' ';
		if (next >= 0x80)
			return 0;
		if (!fold_is_letter(ascii_fold[next]))
			return i;
		*f = (*f ^ c) * FNV_PRIME;
		i = fold_alnum(p, len, guard, i + 1, f);
	}
}

/* The end of the ASCII number at p[i] (a digit), its fold hash in *f and
 * in *word whether letters after it made it a word; 0 as for word_tail. As
 * scan_number does: a separator goes on with a digit, a letter makes the
 * rest a word. */
static size_t ascii_number(const unsigned char *p, size_t len, size_t guard,
                           size_t i, uint64_t *f, int *word)
{
	unsigned c, next;

	*word = 0;
	for (;;) {
		i = fold_digits(p, len, i, f);
		c = i < len ? p[i] : ' ';
		if (fold_is_letter(ascii_fold[c])) {
			*word = 1;
			return word_tail(p, len, guard,
			                 fold_alnum(p, len, guard, i, f), f);
		}
		if (c >= 0x80)
			return 0;
		if (c != '.' && c != ',')
			return i;
		next = i + 1 < len ? p[i + 1] : ' ';
		if (next >= 0x80)
			return 0;
		if (!fold_is_digit(next))
			return i;
		*f = (*f ^ c) * FNV_PRIME;
		i++;
	}
}

/* The token at p[i] into *t and the offset after it, when it is ASCII and
 * nothing after it that is not ASCII can be part of it: a word or number
 * (as ascii_number and word_tail find it), a run of spaces, or one
 * punctuation character that no byte of another character follows (which
 * might be a mark that goes with it); else 0, for tokens_decode_at.
 * guard as run_guard gives it, or 0 for none. */
static size_t ascii_token(const unsigned char *p, size_t len, size_t guard,
                          size_t i, nd_token *t)
{
	uint64_t f = FNV_OFFSET;
	unsigned c = p[i];
	size_t end;
	int word = 1;

	if (len - i >= TOKEN_MAX) /* the token might be cut */
		return 0;
	if (ascii_fold[c]) {
		if (fold_is_digit(c))
			end = ascii_number(p, len, guard, i, &f, &word);
		else
			end = word_tail(p, len, guard,
			                fold_alnum(p, len, guard, i, &f), &f);
		if (end == 0)
			return 0;
		t->kind = word ? ND_TOK_WORD : ND_TOK_NUMBER;
	} else if (c == ' ') {
		for (end = i; end < len && p[end] == ' '; end++)
			f = (f ^ ' ') * FNV_PRIME;
		t->kind = ND_TOK_SPACE;
	} else if (c < 0x80 && (i + 1 == len || p[i + 1] < 0x80)) {
		end = i + 1;
		f = (f ^ c) * FNV_PRIME;
		t->kind = ND_TOK_PUNCT;
	} else {
		return 0;
	}
	t->off = i;
	t->len = (uint32_t)(end - i);
	t->fold = f;
	return end;
}

size_t nd_token_at(const char *s, size_t len, size_t i, nd_token *t)
{
	size_t end = ascii_token((const unsigned char *)s, len, 0, i, t);

	return end ? end : tokens_decode_at(s, len, i, t);
}

/* The token at s[i], by the general path: the offset after it; its fold
 * into out[*n] (when out is not NULL), and *n counted, when it is a word
 * or number. */
static size_t decoded_fold(const char *s, size_t len, size_t i, uint64_t *out,
                           size_t *n)
{
	nd_token t;

	i = tokens_decode_at(s, len, i, &t);
	if (t.kind == ND_TOK_WORD || t.kind == ND_TOK_NUMBER) {
		if (out)
			out[*n] = t.fold;
		++*n;
	}
	return i;
}

/* nd_word_folds, and with out NULL nd_word_count: one loop, inlined into
 * each, so the counting one keeps no stores. */
static inline size_t word_folds(const char *s, size_t len, uint64_t *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, end, guard = run_guard(p, len), n = 0;
	uint64_t f, tail;
	int word;

	if (len >= TOKEN_MAX) { /* a word might be cut: the general path */
		while (i < len)
			i = decoded_fold(s, len, i, out, &n);
		return n;
	}
	while (i < len) {
		unsigned c = p[i];

		if (!ascii_fold[c]) {
			if (c == ' ' ||
			    (c < 0x80 && (i + 1 == len || p[i + 1] < 0x80))) {
				i++; /* a space, punctuation no mark follows */
				continue;
			}
		} else if (!fold_is_digit(c)) {
			f = FNV_OFFSET;
			end = fold_alnum(p, len, guard, i, &f);
			if (end < len && p[end] == ' ') { /* most words */
				if (out)
					out[n] = f;
				n++;
				i = end + 1;
				continue;
			}
			tail = f; /* f itself stays in a register */
			if ((end = word_tail(p, len, guard, end, &tail)) != 0) {
				if (out)
					out[n] = tail;
				n++;
				i = end;
				continue;
			}
		} else {
			tail = FNV_OFFSET;
			end = ascii_number(p, len, guard, i, &tail, &word);
			if (end != 0) {
				if (out)
					out[n] = tail;
				n++;
				i = end;
				continue;
			}
		}
		i = decoded_fold(s, len, i, out, &n);
	}
	return n;
}

size_t nd_word_folds(const char *s, size_t len, uint64_t *out)
{
	return word_folds(s, len, out);
}

size_t nd_word_count(const char *s, size_t len)
{
	return word_folds(s, len, NULL);
}

/* No token's end is decided by more than this many bytes after it (a
 * joiner and the letter after it, a separator and a digit, the next
 * character that may be a mark: 7 at most): tokens that end this far
 * inside bytes two texts share are the same in both. */
#define TOKEN_LOOKAHEAD 16

/* The common suffix of s and ref (after a common prefix of pre bytes,
 * which it does not overlap): its length. */
static size_t common_suffix(const char *s, size_t len, const char *ref,
                            size_t rlen, size_t pre)
{
	size_t most = (len < rlen ? len : rlen) - pre, k = 0;

	while (k < most && s[len - 1 - k] == ref[rlen - 1 - k])
		k++;
	return k;
}

/* Tokens of s[0..len) into a new array, as nd_tokenize documents; with
 * ref (tokens rt[0..rn) of ref[0..rlen)), those in the bytes the two
 * share at their start and end are copied from rt. A token depends only
 * on the bytes from its start to a few past its end (TOKEN_LOOKAHEAD) and
 * on where the text ends: so ref's first tokens that end that far inside
 * the common prefix are s's, and once s's tokens reach a start in the
 * common suffix where one of ref's starts too, the rest are ref's
 * (moved by the difference in length). */
static int tokenize(nd_token **out, size_t *n, const char *s, size_t len,
                    const char *ref, size_t rlen, const nd_token *rt,
                    size_t rn, size_t *same)
{
	nd_token *toks = NULL;
	size_t count = 0, cap = 0, i = 0, pre = 0, tail = len, r = 0, at;
	size_t guard = run_guard((const unsigned char *)s, len), end;
	int err = 0;

	*out = NULL;
	*n = 0;
	if (ref) {
		size_t most = len < rlen ? len : rlen;

		while (pre < most && s[pre] == ref[pre])
			pre++;
		tail = len - common_suffix(s, len, ref, rlen, pre);
		while (r < rn && rt[r].off + rt[r].len + TOKEN_LOOKAHEAD <= pre)
			r++;
	}
	if (len && (err = nd_vec_reserve((void **)&toks, &cap,
	                                 (r > len / 4 ? r : len / 4) + 8,
	                                 sizeof(nd_token))) != 0)
		goto done;
	if (r) {
		memcpy(toks, rt, r * sizeof(nd_token));
		count = r;
		i = rt[r - 1].off + rt[r - 1].len;
	}
	if (same)
		same[0] = r;
	while (i < len) {
		if (i >= tail) { /* in the common suffix: at one of ref's starts? */
			at = i - len + rlen;
			while (r < rn && rt[r].off < at)
				r++;
			if (r < rn && rt[r].off == at)
				break;
		}
		if (count == cap && (err = nd_vec_reserve((void **)&toks, &cap,
		                                          count + 1,
		                                          sizeof(nd_token))) != 0)
			goto done;
		end = ascii_token((const unsigned char *)s, len, guard, i,
		                  &toks[count]);
		i = end ? end : tokens_decode_at(s, len, i, &toks[count]);
		count++;
	}
	if (same)
		same[1] = i < len ? rn - r : 0;
	if (i < len) { /* ref's tokens from rt[r] on, moved */
		if ((err = nd_vec_reserve((void **)&toks, &cap, count + rn - r,
		                          sizeof(nd_token))) != 0)
			goto done;
		for (; r < rn; r++) {
			toks[count] = rt[r];
			toks[count++].off = rt[r].off + len - rlen;
		}
	}
	*out = toks;
	*n = count;
	toks = NULL;
done:
	free(toks);
	return err;
}

int nd_tokenize(nd_token **out, size_t *n, const char *s, size_t len)
{
	return tokenize(out, n, s, len, NULL, 0, NULL, 0, NULL);
}

int nd_tokenize_against(nd_token **out, size_t *n, const char *s, size_t len,
                        const char *ref, size_t rlen, const nd_token *rt,
                        size_t rn, size_t same[2])
{
	return tokenize(out, n, s, len, ref, rlen, rt, rn, same);
}
