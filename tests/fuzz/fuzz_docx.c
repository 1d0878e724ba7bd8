/* fuzz_docx.c - any bytes read as a Word file (changes accepted and
 * rejected) and as an OpenDocument text, as `normdiff --from=docx` and
 * `--from=odt` read a file.
 *
 * Oracles: a refused file records a one-line message and leaves the
 * output as it was; an accepted one gives well-formed UTF-8 whose only
 * control is '\n', shaped as import.h promises: paragraphs of one line,
 * each ended by '\n', one blank line between them, none empty.
 */
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/import.h"

#define KEEP "kept\n"

static void shape(const char *what, const nd_buf *b)
{
	const char *s = b->ptr + strlen(KEEP), *why;
	size_t n = b->len - strlen(KEEP), k;

	if ((why = fuzz_check_safe(s, n, 0)) != NULL)
		fuzz_fail(what, why, s, n);
	if (n && (s[0] == '\n' || s[n - 1] != '\n'))
		fuzz_fail(what, "text does not start with a paragraph and end with "
		          "a newline", s, n);
	for (k = 0; k + 1 < n; k++)
		if (s[k] == '\n') {
			if (s[k + 1] != '\n' || k + 2 >= n || s[k + 2] == '\n')
				fuzz_fail(what, "paragraphs not parted by one blank line",
				          s, n);
			k++;
		}
}

static void one(const char *what, const char *data, size_t size, int odt,
                nd_changes ch)
{
	nd_buf out = ND_BUF_INIT;
	nd_import_opts o;
	int rc;

	nd_import_opts_init(&o);
	o.changes = ch;
	if (nd_buf_puts(&out, KEEP))
		fuzz_fail(what, "out of memory", NULL, 0);
	rc = odt ? nd_import_odt(&out, data, size) :
	     nd_import_docx(&out, data, size, &o);
	if (rc) {
		fuzz_check_error(what);
		if (out.len != strlen(KEEP) || memcmp(out.ptr, KEEP, out.len))
			fuzz_fail(what, "a refused file changed the output", out.ptr,
			          out.len);
	} else {
		shape(what, &out);
	}
	nd_buf_dispose(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *d = (const char *)data;

	one("docx accept", d, size, 0, ND_CHANGES_ACCEPT);
	one("docx reject", d, size, 0, ND_CHANGES_REJECT);
	one("odt", d, size, 1, ND_CHANGES_ACCEPT);
	return 0;
}
