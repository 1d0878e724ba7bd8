/* history.c - the history of a series' provisions (history.h): what the
 * formats share, and the text and Markdown formats.
 *
 * The model is a list of lineages (series.h): one for every provision of
 * the newest version, in its order, then one for every provision removed
 * on the way, by the version that removed it and in that version's order,
 * each read in the last version that had it. Each format walks the list;
 * the words for a lineage ("since #1 as 1.; split in #2; modified in #3")
 * are made once here, from the steps of the lineage, for every format
 * that shows words.
 *
 * Versions are named by their store label when they have one, else by
 * "#k" (k from 1, oldest first); the header lists every version in full
 * (nd_report_version). A provision's text is its body; the edits of a
 * step are the word diff (worddiff.h) between the bodies of its states
 * in the two versions, each joined by a space, as the change sets diff a
 * split or a merge. Draft text and names are escaped for each medium at
 * the last moment (nd_utf8_escape, rpt_md_text, rpt_html_escape,
 * nd_json_string).
 */
#include <stdlib.h>
#include <string.h>

#include "history_internal.h"
#include "normdiff/error.h"
#include "normdiff/utf8.h"
#include "normdiff/walk.h"

/* ---- the model ---- */

static int add_item(hist *h, size_t v, size_t i)
{
	if (nd_vec_reserve((void **)&h->items, &h->cap, h->n + 1,
	                   sizeof(*h->items)))
		return nd_error_oom();
	if (nd_lineage_get(&h->items[h->n].l, h->s, v, i))
		return ND_ENOMEM;
	h->n++;
	return 0;
}

int hist_init(hist *h, const nd_series *s, const nd_history_opts *o)
{
	size_t last = nd_series_count(s) - 1, i, u, k, j;
	const nd_doc *d = nd_series_doc(s, last);
	int err = 0;

	memset(h, 0, sizeof(*h));
	h->s = s;
	h->o = o;
	h->nver = last + 1;
	if (o->provision != ND_NONE) {
		if (o->provision >= d->n)
			return nd_error_set(ND_EINVAL, "no provision %zu in the newest "
			                    "version", o->provision);
		err = add_item(h, last, o->provision);
		h->ncurrent = h->n;
		return err;
	}
	for (i = 0; i < d->n && !err; i++)
		err = add_item(h, last, i);
	h->ncurrent = h->n;
	for (u = 1; u <= last && !err; u++) {
		const nd_changeset *cs = nd_series_changes(s, u);

		for (k = 0; k < cs->n && !err; k++)
			for (j = 0; !cs->changes[k].nnew && j < cs->changes[k].nold &&
			            !err; j++)
				err = add_item(h, u - 1, cs->changes[k].old[j]);
	}
	if (err)
		hist_dispose(h);
	return err;
}

void hist_dispose(hist *h)
{
	size_t k;

	for (k = 0; k < h->n; k++)
		nd_lineage_dispose(&h->items[k].l);
	free(h->items);
	memset(h, 0, sizeof(*h));
}

const nd_docinfo *hist_info(const hist *h, size_t v)
{
	return h->o->infos ? &h->o->infos[v] : NULL;
}

int hist_vname(nd_buf *out, const hist *h, size_t v)
{
	const nd_docinfo *info = hist_info(h, v);

	if (info && info->label && *info->label)
		return nd_buf_puts(out, info->label);
	return nd_buf_printf(out, "#%zu", v + 1);
}

int hist_labels(nd_buf *out, const hist *h, const nd_lineage *l, size_t v)
{
	return nd_labels(out, nd_series_doc(h->s, v), l->states[v], l->nstates[v]);
}

int hist_text(nd_buf *out, const hist *h, const nd_lineage *l, size_t v)
{
	return nd_doc_join_bodies(out, nd_series_doc(h->s, v), l->states[v],
	                          l->nstates[v]);
}

size_t hist_last(const nd_lineage *l)
{
	return l->removed == ND_NONE ? l->nver - 1 : l->removed - 1;
}

/* ---- words for a lineage ---- */

/* " in #2, #4 and #5" for the versions whose step is `kind` (or, with
 * kind -1, that moved; -2, that were renumbered). */
static int versions_with(nd_buf *out, const hist *h, const nd_lineage *l,
                         int kind, size_t *count)
{
	size_t v, n = 0, seen = 0, total = 0;
	int err = 0;

	for (v = l->introduced + 1; v < l->nver; v++)
		total += kind == -1 ? l->moved[v] : kind == -2 ? l->renumbered[v]
		                                               : l->step[v] == kind;
	for (v = l->introduced + 1; v < l->nver && !err; v++) {
		int hit = kind == -1 ? l->moved[v] : kind == -2 ? l->renumbered[v]
		                                                : l->step[v] == kind;

		if (!hit)
			continue;
		seen++;
		err = nd_buf_puts(out, seen == 1 ? " in " : seen == total ? " and " : ", ");
		err = err ? err : hist_vname(out, h, v);
		n++;
	}
	*count = n;
	return err;
}

/* " as 1." when the labels it came in under differ from its own. */
static int labels_then(nd_buf *out, const hist *h, const nd_lineage *l)
{
	nd_buf then = ND_BUF_INIT, now = ND_BUF_INIT;
	int err = hist_labels(&then, h, l, l->introduced);

	err = err ? err : hist_labels(&now, h, l, l->version);
	if (!err && !rpt_same(&then, &now))
		err = nd_buf_printf(out, " as %s", then.ptr ? then.ptr : "");
	nd_buf_dispose(&then);
	nd_buf_dispose(&now);
	return err;
}

int hist_summary(nd_buf *out, const hist *h, const nd_lineage *l)
{
	static const struct { int kind; const char *word; } steps[] = {
		{ND_CHANGE_SPLIT, "split"}, {ND_CHANGE_MERGED, "merged"},
		{ND_CHANGE_MODIFIED, "modified"}, {-2, "renumbered"},
		{-1, "moved"}, {ND_CHANGE_REMOVED, "removed"},
	};
	size_t k, n, any = 0, at;
	int err = nd_buf_puts(out, l->introduced ? "added in " : "since ");

	err = err ? err : hist_vname(out, h, l->introduced);
	if (!err && l->introduced < l->version)
		err = labels_then(out, h, l);
	for (k = 0; k < sizeof(steps) / sizeof(steps[0]) && !err; k++) {
		at = out->len;
		err = nd_buf_printf(out, "; %s", steps[k].word);
		err = err ? err : versions_with(out, h, l, steps[k].kind, &n);
		if (!err && !n)
			out->len = at, out->ptr[at] = '\0';
		any += n;
	}
	return err || any || l->introduced ? err : nd_buf_puts(out, "; unchanged");
}

char hist_mark(const nd_lineage *l, size_t v)
{
	if (v == l->removed)
		return '-';
	if (!l->nstates[v])
		return '.';
	if (v == l->introduced)
		return v ? '+' : '=';
	switch (l->step[v]) {
	case ND_CHANGE_MODIFIED: return '~';
	case ND_CHANGE_SPLIT: return '<';
	case ND_CHANGE_MERGED: return '>';
	default: return '=';
	}
}

int hist_records(nd_buf *out, const hist *h, const nd_lineage *l, size_t v)
{
	const nd_changeset *cs = nd_series_changes(h->s, v);
	const nd_change *last = NULL;
	size_t k;
	int err = 0;

	for (k = 0; cs && k < l->nstates[v] && !err; k++) {
		const nd_change *c = nd_series_into(h->s, v, l->states[v][k]);

		if (c == last)
			continue;
		err = last ? nd_buf_puts(out, "; ") : 0;
		err = err ? err : nd_label_pair(out, cs, c);
		last = c;
	}
	return err;
}

int hist_step_diff(nd_wdiff *d, nd_buf *a, nd_buf *b, const hist *h,
                   const nd_lineage *l, size_t v)
{
	int err;

	nd_buf_clear(a);
	nd_buf_clear(b);
	err = v ? hist_text(a, h, l, v - 1) : 0;
	err = err ? err : hist_text(b, h, l, v);
	return err ? err : nd_word_diff(d, a->ptr ? a->ptr : "", a->len,
	                                b->ptr ? b->ptr : "", b->len, 0);
}

void hist_trim(const char *s, size_t *k, size_t *end, size_t *lead,
               size_t *trail)
{
	*lead = *trail = 0;
	while (*k + *lead < *end && s[*k + *lead] == ' ')
		++*lead;
	*k += *lead;
	while (*end - *trail > *k && s[*end - 1 - *trail] == ' ')
		++*trail;
	*end -= *trail;
}

/* ---- finding a provision by name ---- */

static int path_is(const nd_doc *d, size_t i, const char *name, size_t len)
{
	size_t p = d->clauses[i].parent;
	const char *label = nd_doc_label(d, i);
	size_t ll = strlen(label);

	if (len < ll || memcmp(name + len - ll, label, ll))
		return 0;
	if (p == ND_NO_PARENT)
		return len == ll;
	return len > ll && name[len - ll - 1] == '/' &&
	       path_is(d, p, name, len - ll - 1);
}

size_t nd_find_provision(const nd_doc *d, const char *name, int *ambiguous)
{
	nd_buf b = ND_BUF_INIT;
	size_t i, pass, found = ND_NONE, hits;

	*ambiguous = 0;
	/* a whole path first, then the label as reports print it, then the
	 * label alone: the first pass that finds something decides */
	for (pass = 0; pass < 3 && found == ND_NONE; pass++) {
		for (i = 0, hits = 0; i < d->n; i++) {
			int hit;

			if (pass == 0)
				hit = strchr(name, '/') && path_is(d, i, name, strlen(name));
			else if (pass == 1) {
				nd_buf_clear(&b);
				hit = !nd_labels(&b, d, &i, 1) && b.ptr && !strcmp(b.ptr, name);
			} else
				hit = !strcmp(nd_doc_label(d, i), name);
			if (hit && !hits++)
				found = i;
		}
		if (hits > 1) {
			*ambiguous = 1;
			found = ND_NONE;
			break;
		}
	}
	nd_buf_dispose(&b);
	return found;
}

/* ---- dispatch ---- */

typedef struct hist_format {
	const char *name;
	int (*all)(nd_buf *out, const hist *h);
	int (*one)(nd_buf *out, const hist *h);
} hist_format;

static const hist_format formats[] = {
	{"text", hist_text_all, hist_text_one},
	{"markdown", hist_md_all, hist_md_one},
	{"json", hist_json, hist_json},
	{"html", hist_html_all, hist_html_one},
};

const char *nd_history_formats(void)
{
	return "text, markdown, json, html";
}

int nd_render_history(nd_buf *out, const nd_series *s, const char *format,
                      const nd_history_opts *o)
{
	static const nd_history_opts none = {NULL, ND_NONE, 0, 0};
	const hist_format *f = NULL;
	size_t k, before = out->len;
	hist h;
	int err;

	for (k = 0; k < sizeof(formats) / sizeof(formats[0]); k++)
		if (!strcmp(formats[k].name, format ? format : "text"))
			f = &formats[k];
	if (!f)
		return nd_error_set(ND_EINVAL, "unknown format '%s'; the formats "
		                    "are %s", format, nd_history_formats());
	if ((err = hist_init(&h, s, o ? o : &none)) != 0)
		return err;
	err = (h.o->provision == ND_NONE ? f->all : f->one)(out, &h);
	hist_dispose(&h);
	if (err) {
		out->len = before;
		if (out->ptr)
			out->ptr[before] = '\0';
	}
	return err;
}
