/* fuzz_meta.c - the store's metadata: a metadata file (`normdiff add
 * --meta FILE`) and a commit message read back (`normdiff log`), the two
 * parsers of src/store/meta.c.
 *
 * Oracles: a file that is refused records a one-line message and changes
 * nothing in the metadata it was to fill; a file that is accepted holds
 * only values the store accepts (nd_meta_validate), and writing them as a
 * commit message and reading that back gives the same values. The input
 * read as a commit message made by another tool is read as far as it
 * goes, without failing and with every value trimmed and not empty.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/error.h"
#include "normdiff/store.h"
#include "store_internal.h"

/* Field k of *m, in the order of the keys (Label ... Message). */
static const char *field(const nd_meta *m, size_t k)
{
	const char *const f[8] = {m->label, m->series, m->title, m->symbol,
	                          m->date, m->sponsors, m->source, m->message};

	return f[k];
}

static int trimmed(const char *v)
{
	size_t n = strlen(v);

	return n && !strchr(" \t\r\n", v[0]) && !strchr(" \t\r\n", v[n - 1]);
}

static void round_trip(nd_meta *m)
{
	nd_meta back;
	nd_buf msg = ND_BUF_INIT;
	size_t k;

	if (!m->label && nd_meta_set(m, "Label", "fuzz"))
		fuzz_fail("meta", "setting a default label failed", NULL, 0);
	if (!m->series && nd_meta_set(m, "Series", "draft.txt"))
		fuzz_fail("meta", "setting a default series failed", NULL, 0);
	if (!m->date && nd_meta_set(m, "Date", "2011-09-14"))
		fuzz_fail("meta", "setting a default date failed", NULL, 0);
	if (nd_meta_validate(m)) {
		const char *e = nd_error_message();

		fuzz_fail("meta", "an accepted file holds a value the store refuses",
		          e, strlen(e));
	}
	if (nd_meta_to_message(&msg, m))
		fuzz_fail("meta", "writing the commit message failed", NULL, 0);
	nd_meta_init(&back);
	if (nd_meta_from_message(&back, msg.ptr))
		fuzz_fail("meta", "reading the commit message back failed", NULL, 0);
	for (k = 0; k < 8; k++) {
		const char *x = field(m, k), *y = field(&back, k);

		if ((!x) != (!y) || (x && strcmp(x, y)))
			fuzz_fail("meta", "a value changed through the commit message",
			          msg.ptr, msg.len);
	}
	nd_meta_dispose(&back);
	nd_buf_dispose(&msg);
}

static void foreign_message(const char *s, size_t n)
{
	char *msg = malloc(n + 1);
	nd_meta m;
	size_t k;

	if (!msg)
		fuzz_fail("meta", "out of memory", NULL, 0);
	memcpy(msg, s, n);
	msg[n] = '\0';
	nd_meta_init(&m);
	if (nd_meta_from_message(&m, msg))
		fuzz_fail("meta", "reading a commit message failed", NULL, 0);
	for (k = 0; k < 8; k++)
		if (field(&m, k) && !trimmed(field(&m, k)))
			fuzz_fail("meta", "a value read from a commit message is empty "
			          "or not trimmed", field(&m, k), strlen(field(&m, k)));
	nd_meta_dispose(&m);
	free(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	nd_meta m;
	size_t k;

	nd_meta_init(&m);
	m.source = nd_strdup("kept");
	if (!m.source)
		fuzz_fail("meta", "out of memory", NULL, 0);
	if (nd_meta_parse(&m, s, size, "fuzz.meta")) {
		fuzz_check_error("meta");
		for (k = 0; k < 8; k++)
			if (k != 6 ? field(&m, k) != NULL : strcmp(field(&m, k), "kept"))
				fuzz_fail("meta", "a refused file changed the metadata",
				          NULL, 0);
	} else
		round_trip(&m);
	nd_meta_dispose(&m);
	foreign_message(s, size);
	return 0;
}
