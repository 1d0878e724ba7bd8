/* meta.c - version metadata: the "Key: value" file, validation, and the
 * commit message that carries it.
 *
 * One key table drives all three uses, so a key cannot be accepted in a
 * metadata file and then lost in the store. The rules exist because the
 * values end up in git: a label becomes refs/tags/<label>, so it is kept to
 * characters that are safe as a ref name and in a shell (no "..", no
 * ".lock" suffix, no leading '-' that a command would read as an option);
 * a date becomes the author date, so it must be a real calendar day; and
 * every value is one trimmed line of UTF-8, because a newline inside a
 * trailer would end the trailer block and silently drop the rest.
 *
 * The commit message is "<label>: <title or series>", an optional body
 * (the free-text message), and a trailer block in the style of git's
 * Signed-off-by lines. Reading it back trusts nothing: commits made with
 * plain git are read as far as they go, and unknown trailers are ignored.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/store.h"
#include "normdiff/utf8.h"
#include "store_internal.h"

#define LABEL_MAX 100   /* longest label, in bytes */
#define SERIES_MAX 1000 /* longest series path, in bytes */

/* One metadata key. */
struct meta_key {
	const char *name; /* key as written in files and trailers */
	size_t offset;    /* offset of the field in nd_meta */
	int trailer;      /* 1 if written as a commit trailer, 0 for the body */
};

static const struct meta_key keys[] = {
	{"Label", offsetof(nd_meta, label), 1},
	{"Series", offsetof(nd_meta, series), 1},
	{"Title", offsetof(nd_meta, title), 1},
	{"Symbol", offsetof(nd_meta, symbol), 1},
	{"Date", offsetof(nd_meta, date), 1},
	{"Sponsors", offsetof(nd_meta, sponsors), 1},
	{"Source", offsetof(nd_meta, source), 1},
	{"Message", offsetof(nd_meta, message), 0},
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static char **field(nd_meta *m, const struct meta_key *k)
{
	return (char **)(void *)((char *)m + k->offset);
}

static const char *cfield(const nd_meta *m, const struct meta_key *k)
{
	return *(char *const *)(const void *)((const char *)m + k->offset);
}

void nd_meta_init(nd_meta *m)
{
	memset(m, 0, sizeof(*m));
}

void nd_meta_dispose(nd_meta *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < NKEYS; i++)
		free(*field(m, &keys[i]));
	nd_meta_init(m);
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* The key named s[0..n), ignoring ASCII case; NULL if there is none. */
static const struct meta_key *find_key(const char *s, size_t n)
{
	size_t i, j;

	for (i = 0; i < NKEYS; i++) {
		if (strlen(keys[i].name) != n)
			continue;
		for (j = 0; j < n; j++)
			if (lower((unsigned char)s[j]) != lower((unsigned char)keys[i].name[j]))
				break;
		if (j == n)
			return &keys[i];
	}
	return NULL;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Narrow s[0..*n) to its content without surrounding white space. */
static const char *trim(const char *s, size_t *n)
{
	while (*n && is_space(s[0])) {
		s++;
		(*n)--;
	}
	while (*n && is_space(s[*n - 1]))
		(*n)--;
	return s;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int days_in_month(int y, int m)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

/* Parse YYYY-MM-DD; 0 if s[0..n) is a real calendar date, else -1. */
static int parse_date(const char *s, size_t n, int *y, int *m, int *d)
{
	static const size_t digits[] = {0, 1, 2, 3, 5, 6, 8, 9};
	size_t i;

	if (n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < sizeof(digits) / sizeof(digits[0]); i++)
		if (!is_digit(s[digits[i]]))
			return -1;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	if (*y < 1 || *m < 1 || *m > 12 || *d < 1 || *d > days_in_month(*y, *m))
		return -1;
	return 0;
}

static int check_date(const char *s, size_t n)
{
	int y, m, d;

	if (parse_date(s, n, &y, &m, &d) == 0)
		return 0;
	return nd_error_set(ND_EINVAL, "'%.*s' is not a date: give a real calendar "
	                    "date as YYYY-MM-DD (e.g. 2011-09-14)", (int)n, s);
}

static int label_char(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       c == '.' || c == '_' || c == '+' || c == '-';
}

/* Why git would read a label of valid characters as something other than
 * the tag: the store's branch, HEAD or another special ref, or a whole
 * commit id. NULL if it would not. Case is ignored for the names, as a
 * case-insensitive file system would. */
static const char *revision_like(const char *s, size_t n)
{
	static const char *const names[] = {"main", "HEAD", "FETCH_HEAD",
	                                    "ORIG_HEAD", "MERGE_HEAD",
	                                    "CHERRY_PICK_HEAD", "REVERT_HEAD",
	                                    "BISECT_HEAD", "AUTO_MERGE"};
	size_t i, hex = 0;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strlen(names[i]) == n && strncasecmp(names[i], s, n) == 0)
			return i == 0 ? "the store's branch" : "a special ref";
	if (n > 5 && strncasecmp(s + n - 5, "_HEAD", 5) == 0)
		return "a special ref";
	for (i = 0; i < n; i++)
		hex += is_digit(s[i]) || (lower((unsigned char)s[i]) >= 'a' &&
		                          lower((unsigned char)s[i]) <= 'f');
	if (n == 40 && hex == n)
		return "a commit id";
	return NULL;
}

/* A label is a tag name: safe in refs/tags/, in a shell and as an option
 * argument. Git also refuses a ref ending in '.', so that is refused too,
 * and so is a name git would read as a revision (revision_like). */
static int check_label(const char *s, size_t n)
{
	size_t i;
	int ok = n >= 1 && n <= LABEL_MAX && s[0] != '-' && s[0] != '.' &&
	         s[n - 1] != '.' && !(n >= 5 && memcmp(s + n - 5, ".lock", 5) == 0);

	for (i = 0; ok && i < n; i++)
		if (!label_char(s[i]) || (s[i] == '.' && i + 1 < n && s[i + 1] == '.'))
			ok = 0;
	if (ok && revision_like(s, n))
		return nd_error_set(ND_EINVAL, "'%.*s' cannot be a label: git reads "
		                    "it as a revision (%s), so it would be ambiguous; "
		                    "choose another label (e.g. 2011 or rev-2)", (int)n,
		                    s, revision_like(s, n));
	if (ok)
		return 0;
	return nd_error_set(ND_EINVAL, "'%.*s' is not a valid label: use 1-100 "
	                    "letters, digits, '.', '_', '+' or '-', not starting "
	                    "with '-' or '.', without '..', and not ending in '.' "
	                    "or '.lock' (e.g. 2011 or rev-2)", (int)n, s);
}

/* A series is a relative path in the store's tree. */
static int check_series(const char *s, size_t n)
{
	size_t i = 0, j;
	int ok = n <= SERIES_MAX && n > 0 && s[0] != '/' && s[n - 1] != '/';

	while (ok && i < n) {
		for (j = i; j < n && s[j] != '/'; j++)
			;
		if (j == i || (j - i == 1 && s[i] == '.') ||
		    (j - i == 2 && s[i] == '.' && s[i + 1] == '.') ||
		    (j - i == 4 && s[i] == '.' && lower((unsigned char)s[i + 1]) == 'g' &&
		     lower((unsigned char)s[i + 2]) == 'i' &&
		     lower((unsigned char)s[i + 3]) == 't'))
			ok = 0;
		i = j + 1;
	}
	if (ok)
		return 0;
	return nd_error_set(ND_EINVAL, "'%.*s' is not a valid series: give a "
	                    "relative path such as code-of-conduct.txt or "
	                    "treaties/arms.txt, without empty, '.', '..' or '.git' "
	                    "parts", (int)n, s);
}

/* Check a trimmed value for key k; `multiline` allows newlines. */
static int check_value(const struct meta_key *k, const char *s, size_t n,
                       int multiline)
{
	size_t i, bad;

	if (n == 0)
		return nd_error_set(ND_EINVAL, "no value given for %s", k->name);
	if (!nd_utf8_valid(s, n, &bad))
		return nd_error_set(ND_EINVAL, "the value of %s is not valid UTF-8 "
		                    "(byte %zu); save the text as UTF-8", k->name,
		                    bad + 1);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c == '\n' || c == '\r') && !multiline)
			return nd_error_set(ND_EINVAL, "the value of %s must be a "
			                    "single line", k->name);
		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F)
			return nd_error_set(ND_EINVAL, "the value of %s contains a "
			                    "control character (0x%02X); remove it",
			                    k->name, c);
	}
	if (k->offset == offsetof(nd_meta, label))
		return check_label(s, n);
	if (k->offset == offsetof(nd_meta, date))
		return check_date(s, n);
	if (k->offset == offsetof(nd_meta, series))
		return check_series(s, n);
	return 0;
}

/* Validate and store s[0..n) (trimmed here) as field k of *m. */
static int set_field(nd_meta *m, const struct meta_key *k, const char *s, size_t n)
{
	char *copy;
	int err;

	s = trim(s, &n);
	err = check_value(k, s, n, 0);
	if (err)
		return err;
	copy = nd_strndup(s, n);
	if (!copy)
		return nd_error_oom();
	free(*field(m, k));
	*field(m, k) = copy;
	return 0;
}

static int unknown_key(const char *key, size_t n)
{
	return nd_error_set(ND_EINVAL, "unknown key '%.*s'; the keys are Label, "
	                    "Series, Title, Symbol, Date, Sponsors, Source and "
	                    "Message", (int)n, key);
}

int nd_meta_set(nd_meta *m, const char *key, const char *value)
{
	const struct meta_key *k;

	if (!key)
		return nd_error_set(ND_EINVAL, "no metadata key given");
	k = find_key(key, strlen(key));
	if (!k)
		return unknown_key(key, strlen(key));
	if (!value)
		return nd_error_set(ND_EINVAL, "no value given for %s", k->name);
	return set_field(m, k, value, strlen(value));
}

/* Re-record the current error message prefixed with "origin:line: ". */
static int at_line(int err, const char *origin, size_t line)
{
	char saved[1024];

	snprintf(saved, sizeof(saved), "%s", nd_error_message());
	return nd_error_set(err, "%s:%zu: %s", origin, line, saved);
}

/* Parse one line (without its '\n') into *m. first[] holds, per key, the
 * line that set it (0 if none yet). */
static int parse_line(nd_meta *m, const char *s, size_t n, const char *origin,
                      size_t line, size_t *first)
{
	const struct meta_key *k;
	const char *colon, *key;
	size_t keylen, bad;
	int err;

	if (memchr(s, '\0', n))
		return nd_error_set(ND_EINVAL, "%s:%zu: contains a NUL byte; a "
		                    "metadata file is plain text", origin, line);
	if (!nd_utf8_valid(s, n, &bad))
		return nd_error_set(ND_EINVAL, "%s:%zu: not valid UTF-8 (byte %zu "
		                    "of the line); save the file as UTF-8", origin,
		                    line, bad + 1);
	s = trim(s, &n);
	if (n == 0 || s[0] == '#')
		return 0;
	colon = memchr(s, ':', n);
	keylen = colon ? (size_t)(colon - s) : 0;
	key = trim(s, &keylen);
	if (!colon || keylen == 0)
		return nd_error_set(ND_EINVAL, "%s:%zu: expected 'Key: value' (e.g. "
		                    "'Label: 2011'), found '%.*s'", origin, line,
		                    (int)n, s);
	k = find_key(key, keylen);
	if (!k)
		return at_line(unknown_key(key, keylen), origin, line);
	if (first[k - keys])
		return nd_error_set(ND_EINVAL, "%s:%zu: %s is given twice (first on "
		                    "line %zu); keep one", origin, line, k->name,
		                    first[k - keys]);
	err = set_field(m, k, colon + 1, (size_t)(s + n - colon - 1));
	if (err)
		return at_line(err, origin, line);
	first[k - keys] = line;
	return 0;
}

int nd_meta_parse(nd_meta *m, const char *text, size_t len, const char *origin)
{
	size_t first[NKEYS] = {0};
	const char *p = text, *end = text + len, *eol;
	size_t line = 0, i;
	nd_meta tmp;
	int err = 0;

	nd_meta_init(&tmp);
	if (!origin)
		origin = "metadata";
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	while (p < end) {
		line++;
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		err = parse_line(&tmp, p, (size_t)(eol - p), origin, line, first);
		if (err)
			goto done;
		p = eol < end ? eol + 1 : end;
	}
	/* only now touch *m, so that a malformed file changes nothing */
	for (i = 0; i < NKEYS; i++) {
		if (!*field(&tmp, &keys[i]))
			continue;
		free(*field(m, &keys[i]));
		*field(m, &keys[i]) = *field(&tmp, &keys[i]);
		*field(&tmp, &keys[i]) = NULL;
	}
done:
	nd_meta_dispose(&tmp);
	return err;
}

int nd_meta_copy(nd_meta *dst, const nd_meta *src)
{
	const char *v;
	size_t i, n;

	for (i = 0; i < NKEYS; i++) {
		v = cfield(src, &keys[i]);
		if (!v)
			continue;
		n = strlen(v);
		v = trim(v, &n);
		free(*field(dst, &keys[i]));
		*field(dst, &keys[i]) = nd_strndup(v, n);
		if (!*field(dst, &keys[i]))
			return nd_error_oom();
	}
	return 0;
}

int nd_meta_validate(const nd_meta *m)
{
	const char *v;
	size_t i, n;
	int err;

	for (i = 0; i < NKEYS; i++) {
		v = cfield(m, &keys[i]);
		if (!v)
			continue;
		n = strlen(v);
		v = trim(v, &n);
		err = check_value(&keys[i], v, n, !keys[i].trailer);
		if (err)
			return err;
	}
	return 0;
}

void nd_date_today(char *out)
{
	char buf[64];
	time_t now = time(NULL);
	struct tm tm;

	if (!gmtime_r(&now, &tm))
		memset(&tm, 0, sizeof(tm));
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", tm.tm_year + 1900,
	         tm.tm_mon + 1, tm.tm_mday);
	memcpy(out, buf, 10);
	out[10] = '\0';
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (the "days from civil" algorithm of H. Hinnant). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t nd_date_to_time(const char *date)
{
	int y, m, d;

	if (parse_date(date, strlen(date), &y, &m, &d))
		return 0;
	return days_from_civil(y, m, d) * 86400;
}

/* Append v trimmed. */
static int put_trimmed(nd_buf *out, const char *v)
{
	size_t n = strlen(v);

	v = trim(v, &n);
	return nd_buf_put(out, v, n);
}

int nd_meta_to_message(nd_buf *out, const nd_meta *m)
{
	const char *v;
	size_t i;
	int err;

	err = put_trimmed(out, m->label);
	err = err ? err : nd_buf_puts(out, ": ");
	err = err ? err : put_trimmed(out, m->title ? m->title : m->series);
	err = err ? err : nd_buf_puts(out, "\n\n");
	if (!err && m->message) {
		err = put_trimmed(out, m->message);
		err = err ? err : nd_buf_puts(out, "\n\n");
	}
	for (i = 0; i < NKEYS && !err; i++) {
		v = cfield(m, &keys[i]);
		if (!v || !keys[i].trailer)
			continue;
		err = nd_buf_printf(out, "%s: ", keys[i].name);
		err = err ? err : put_trimmed(out, v);
		err = err ? err : nd_buf_putc(out, '\n');
	}
	return err;
}

/* Set field k of *m to s[0..n) trimmed, if that is not empty. */
static int take(nd_meta *m, const struct meta_key *k, const char *s, size_t n)
{
	char *copy;

	s = trim(s, &n);
	if (n == 0)
		return 0;
	copy = nd_strndup(s, n);
	if (!copy)
		return nd_error_oom();
	free(*field(m, k));
	*field(m, k) = copy;
	return 0;
}

/* The start of the last "\n\n" in s[0..n), or NULL. */
static const char *last_blank_line(const char *s, size_t n)
{
	while (n >= 2) {
		if (s[n - 2] == '\n' && s[n - 1] == '\n')
			return s + n - 2;
		n--;
	}
	return NULL;
}

int nd_meta_from_message(nd_meta *m, const char *msg)
{
	const char *end, *subject_end, *para, *p, *eol, *colon;
	const struct meta_key *k;
	size_t n, keylen;
	int err = 0, found = 0;

	n = strlen(msg);
	msg = trim(msg, &n);
	end = msg + n;
	subject_end = strstr(msg, "\n\n");
	if (!subject_end || subject_end >= end)
		goto done;
	/* the trailer block is the last paragraph, if it holds known keys */
	para = last_blank_line(subject_end, (size_t)(end - subject_end)) + 2;
	for (p = para; p < end && !err; p = eol + 1) {
		eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		colon = memchr(p, ':', (size_t)(eol - p));
		if (!colon)
			continue;
		keylen = (size_t)(colon - p);
		k = find_key(p, keylen);
		if (!k || !k->trailer)
			continue;
		found = 1;
		err = take(m, k, colon + 1, (size_t)(eol - colon - 1));
	}
	if (err)
		goto done;
	p = subject_end + 2;
	n = found ? (size_t)(para > p ? para - p : 0) : (size_t)(end - p);
	err = take(m, find_key("Message", 7), p, n);
done:
	return err;
}
