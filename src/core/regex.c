/* regex.c - nd_regex over PCRE2 (see regex.h).
 *
 * One match data block per pattern: a pattern is used by one thread at a
 * time (the UI's). Patterns are compiled with PCRE2_MATCH_INVALID_UTF, so
 * a subject with bad bytes (metadata, say) is searched around them instead
 * of failing. A match that gives up on a PCRE2 resource limit (the
 * pattern backtracks too much) is an error the caller shows, since reading
 * it as "no match" would pass over text that may well match; any other
 * match error reads as "no match".
 */
#include <stdlib.h>

#include "grammar_internal.h"
#include "normdiff/error.h"
#include "normdiff/regex.h"

struct nd_regex {
	pcre2_code *code;        /* the compiled pattern */
	pcre2_match_data *match; /* its match data */
};

/* 1 if the pattern has an upper-case ASCII letter outside an escape. */
static int has_upper(const char *p)
{
	for (; *p; p++) {
		if (*p == '\\' && p[1]) {
			p++;
			continue;
		}
		if (*p >= 'A' && *p <= 'Z')
			return 1;
	}
	return 0;
}

int nd_regex_new(nd_regex **out, const char *pattern)
{
	uint32_t flags = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
	nd_regex *re;
	int code;
	PCRE2_SIZE off;

	*out = NULL;
	if (!has_upper(pattern))
		flags |= PCRE2_CASELESS;
	re = calloc(1, sizeof(*re));
	if (!re)
		return nd_error_oom();
	re->code = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, flags,
	                         &code, &off, NULL);
	if (!re->code) {
		PCRE2_UCHAR msg[120];

		pcre2_get_error_message(code, msg, sizeof(msg));
		free(re);
		return nd_error_set(ND_EINVAL, "%s at character %zu", (char *)msg,
		                    (size_t)off + 1);
	}
	pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE); /* optional speed-up */
	re->match = pcre2_match_data_create_from_pattern(re->code, NULL);
	if (!re->match) {
		pcre2_code_free(re->code);
		free(re);
		return nd_error_oom();
	}
	*out = re;
	return 0;
}

void nd_regex_free(nd_regex *re)
{
	if (!re)
		return;
	pcre2_match_data_free(re->match);
	pcre2_code_free(re->code);
	free(re);
}

int nd_regex_find(const nd_regex *re, const char *s, size_t len, size_t from,
                  size_t *start, size_t *end)
{
	PCRE2_SIZE *ov;
	int rc;

	if (from > len)
		return 0;
	rc = pcre2_match(re->code, (PCRE2_SPTR)s, len, from, 0, re->match, NULL);
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
		return nd_error_set(ND_ETOOBIG, "the pattern backtracks too much "
		                    "(match limit)");
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return nd_error_set(ND_ETOOBIG, "the pattern backtracks too much "
		                    "(depth limit)");
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_NOMEMORY:
		return nd_error_set(ND_ETOOBIG, "the pattern needs too much memory "
		                    "to match (heap limit)");
	default:
		if (rc < 0)
			return 0;
	}
	ov = pcre2_get_ovector_pointer(re->match);
	*start = ov[0];
	*end = ov[1];
	return 1;
}
