/* pagemap.c - the page of each line of a text (pagemap.h). */
#include "normdiff/pagemap.h"

#include <stdlib.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"

int nd_pagemap_push(nd_pagemap *m, uint32_t page)
{
	if (nd_vec_reserve((void **)&m->line, &m->cap, m->n + 1, sizeof(*m->line)))
		return nd_error_oom();
	m->line[m->n].first = m->line[m->n].last = page;
	m->n++;
	return 0;
}

/* Line `line` (1-based), the map's last line past its end. */
static const nd_linepages *line_of(const nd_pagemap *m, uint32_t line)
{
	return &m->line[(line <= m->n ? line : m->n) - 1];
}

int nd_pagemap_span(const nd_pagemap *m, uint32_t line, uint32_t last_line,
                    uint32_t *first, uint32_t *last)
{
	*first = *last = 0;
	if (!m || !m->n || !line)
		return 0;
	*first = line_of(m, line)->first;
	*last = line_of(m, last_line > line ? last_line : line)->last;
	return 1;
}

void nd_pagemap_dispose(nd_pagemap *m)
{
	free(m->line);
	m->line = NULL;
	m->n = m->cap = 0;
}
