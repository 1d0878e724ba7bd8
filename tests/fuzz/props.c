/* props.c - the oracle over a document's properties (fuzz_model.h:
 * fuzz_check_props), apart from model.c because it needs the import and
 * store libraries, which the oracles' own test does not link.
 */
#include <string.h>

#include "fuzz.h"
#include "fuzz_model.h"

#include "normdiff/error.h"
#include "normdiff/import.h"
#include "normdiff/store.h"
#include "normdiff/utf8.h"

void fuzz_check_props(const char *what, const char *data, size_t len,
                      nd_format f)
{
	nd_props p;
	nd_meta m;
	const char *t;
	size_t n, k;
	int err;

	nd_props_init(&p);
	nd_meta_init(&m);
	err = nd_import_props(data, len, f, &p);
	if (err && err != ND_ENOMEM)
		fuzz_fail(what, "properties: an error but out of memory", NULL, 0);
	if (!p.title != !p.title_from || !p.date[0] != !p.date_from)
		fuzz_fail(what, "properties: a value without its origin, or the "
		          "reverse", p.title, p.title ? strlen(p.title) : 0);
	if ((t = p.title) != NULL) {
		n = strlen(t);
		if (!n || n > ND_IMPORT_TITLE_MAX || t[0] == ' ' || t[n - 1] == ' ' ||
		    strstr(t, "  ") || !nd_utf8_valid(t, n, NULL))
			fuzz_fail(what, "properties: a title not trimmed, too long, "
			          "double-spaced or not UTF-8", t, n);
		for (k = 0; k < n; k++)
			if ((unsigned char)t[k] < 0x20 || t[k] == 0x7f)
				fuzz_fail(what, "properties: a control in the title", t, n);
		if (nd_meta_set(&m, "title", t))
			fuzz_fail(what, "properties: a title the store refuses", t, n);
	}
	if (p.date[0] && (strlen(p.date) != 10 || nd_meta_set(&m, "date", p.date)))
		fuzz_fail(what, "properties: a date the store refuses", p.date,
		          strlen(p.date));
	nd_meta_dispose(&m);
	nd_props_dispose(&p);
	nd_error_clear();
}
