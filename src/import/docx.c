/* docx.c - Word and OpenDocument text through libzip and libxml2
 * (import.h). Not built yet. */
#include "normdiff/error.h"
#include "normdiff/import.h"

int nd_import_docx(nd_buf *out, const char *data, size_t len,
                   const nd_import_opts *o)
{
	(void)out;
	(void)data;
	(void)len;
	(void)o;
	return nd_error_set(ND_EINVAL, "reading Word files is not built yet; "
	                    "save it as plain text first");
}

int nd_import_odt(nd_buf *out, const char *data, size_t len)
{
	(void)out;
	(void)data;
	(void)len;
	return nd_error_set(ND_EINVAL, "reading OpenDocument files is not "
	                    "built yet; save it as plain text first");
}
