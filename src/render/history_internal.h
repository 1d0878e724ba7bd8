/* history_internal.h - what the history formats share (history.c), for
 * the files of src/render only. Names and texts come back raw: each
 * format escapes them for its medium.
 */
#ifndef NORMDIFF_HISTORY_INTERNAL_H
#define NORMDIFF_HISTORY_INTERNAL_H

#include <stddef.h>

#include "normdiff/buf.h"
#include "normdiff/history.h"
#include "normdiff/series.h"
#include "normdiff/worddiff.h"
#include "report_internal.h"

typedef struct hist_item {
	nd_lineage l; /* read in l.version: the newest, or the last version
	                 that had it when it was removed */
} hist_item;

typedef struct hist {
	const nd_series *s;
	const nd_history_opts *o; /* never NULL */
	size_t nver;              /* versions */
	hist_item *items;         /* the newest version's provisions, then
	                             the removed ones */
	size_t n, cap;            /* items, allocated */
	size_t ncurrent;          /* how many are the newest version's */
} hist;

int hist_init(hist *h, const nd_series *s, const nd_history_opts *o);
void hist_dispose(hist *h);

/* What is known of version v, or NULL. */
const nd_docinfo *hist_info(const hist *h, size_t v);
/* A version's short name: its label, else "#k" (k = v + 1). */
int hist_vname(nd_buf *out, const hist *h, size_t v);
/* The labels of a lineage's states in version v ("4. + 5."). */
int hist_labels(nd_buf *out, const hist *h, const nd_lineage *l, size_t v);
/* The bodies of a lineage's states in version v, joined by a space. */
int hist_text(nd_buf *out, const hist *h, const nd_lineage *l, size_t v);
/* The newest version a lineage exists in. */
size_t hist_last(const nd_lineage *l);
/* "since #1 as 1.; split in #2; modified in #3", "added in #2; removed
 * in #3", "since #1; unchanged": raw. */
int hist_summary(nd_buf *out, const hist *h, const nd_lineage *l);
/* One mark per version: '.' absent, '=' there (unchanged), '+' added,
 * '~' modified, '<' split, '>' merged, '-' removed. */
char hist_mark(const nd_lineage *l, size_t v);
#define HIST_MARKS_LEGEND "= unchanged, ~ modified, < split, > merged, " \
                          "+ added, - removed, . absent"
/* The label pairs of the records of the step into v: "1. → 1. + 2.". */
int hist_records(nd_buf *out, const hist *h, const nd_lineage *l, size_t v);
/* The word edits of the step into v (v == 0: the text as inserted), with
 * a and b as scratch for the two texts, which d points into. */
int hist_step_diff(nd_wdiff *d, nd_buf *a, nd_buf *b, const hist *h,
                   const nd_lineage *l, size_t v);

/* A run s[*k..*end) of the blame without its spaces at either end, for
 * marking: *k and *end move in, *lead and *trail say by how much. The
 * caller writes one space for each side that had any. */
void hist_trim(const char *s, size_t *k, size_t *end, size_t *lead,
               size_t *trail);

/* The formats: every provision, or h->o->provision alone. */
int hist_text_all(nd_buf *out, const hist *h);
int hist_text_one(nd_buf *out, const hist *h);
int hist_md_all(nd_buf *out, const hist *h);
int hist_md_one(nd_buf *out, const hist *h);
int hist_json(nd_buf *out, const hist *h);
int hist_html_all(nd_buf *out, const hist *h);
int hist_html_one(nd_buf *out, const hist *h);

#endif
