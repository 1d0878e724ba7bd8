/* pagemap.h - the page of each line of a text read from a paged document
 * (a PDF), so that a provision can say where it stood: "p. 3".
 *
 * Lines are counted as the normaliser counts source lines (text.h): a
 * line feed, a carriage return and a CR LF each end one; form feeds and
 * U+2028/U+2029 do not. So nd_clause.line and last_line index the map.
 *
 * Ownership: the array is the map's; nd_pagemap_dispose() frees it and
 * leaves an empty map (safe twice). An empty map is "pages unknown".
 */
#ifndef NORMDIFF_PAGEMAP_H
#define NORMDIFF_PAGEMAP_H

#include <stddef.h>
#include <stdint.h>

/* The pages (1-based) of one line: where its first character stands and
 * where its last one does. A reader that writes each paragraph as one line
 * (pdf.c) gives a paragraph that runs onto the next page a line on two. */
typedef struct nd_linepages {
	uint32_t first;
	uint32_t last;
} nd_linepages;

typedef struct nd_pagemap {
	nd_linepages *line; /* line[k]: the pages of line k + 1, owned */
	size_t n;           /* lines mapped */
	size_t cap;         /* room in line[] */
} nd_pagemap;

#define ND_PAGEMAP_INIT {NULL, 0, 0}

/* Append the next line, begun on `page` (and so far ended there too);
 * 0 or ND_ENOMEM. */
int nd_pagemap_push(nd_pagemap *m, uint32_t page);

/* The pages of source lines line..last_line (1-based): *first where the
 * first begins, *last where the last ends (a line past the map counts as
 * the map's last line; last_line before line as line). Returns 1, or 0
 * with both set to 0 when the map is NULL or empty or line is 0. */
int nd_pagemap_span(const nd_pagemap *m, uint32_t line, uint32_t last_line,
                    uint32_t *first, uint32_t *last);

void nd_pagemap_dispose(nd_pagemap *m);

#endif
