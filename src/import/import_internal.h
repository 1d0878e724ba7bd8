/* import_internal.h - what the readers of src/import share: the
 * properties of each format (import.h: nd_import_props) and the rules a
 * title and a date found there follow. Private to src/import.
 */
#ifndef NORMDIFF_IMPORT_INTERNAL_H
#define NORMDIFF_IMPORT_INTERNAL_H

#include <stddef.h>

#include "normdiff/import.h"

/* Take s[0..n) as p's title (from `from`) unless p has one: 0, or
 * ND_ENOMEM. A title that is empty or too long is not taken. */
int nd_props_title(nd_props *p, const char *s, size_t n,
                   const char *from);

/* Take the day s names (YYYY-MM-DD, then the end, 'T', ' ' or a zone)
 * as p's date unless p has one or it is not a real calendar day. */
void nd_props_date(nd_props *p, const char *s, const char *from);

int nd_props_docx(const char *data, size_t len, nd_props *p);
int nd_props_odt(const char *data, size_t len, nd_props *p);
int nd_props_pdf(const char *data, size_t len, nd_props *p);

/* From a PDF's XMP packet (XML, parsed as the parts of a zip are): the
 * title (dc:title, its x-default) and xmp:CreateDate; with `modified`,
 * xmp:ModifyDate only. */
int nd_props_xmp(const char *xmp, size_t len, int modified, nd_props *p);

#endif
