/* pdf.c - PDF through poppler (import.h). Not built yet. */
#include "normdiff/error.h"
#include "normdiff/import.h"

int nd_import_pdf(nd_buf *out, const char *data, size_t len)
{
	(void)out;
	(void)data;
	(void)len;
	return nd_error_set(ND_EINVAL, "reading PDF is not built yet; extract "
	                    "the text first (e.g. pdftotext -layout)");
}
