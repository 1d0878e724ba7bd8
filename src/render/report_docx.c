/* report_docx.c - the change set as a Word redline: a .docx whose tracked
 * changes turn the old version into the new one.
 *
 * Design. The document must read as either version: accepting every
 * change gives the new text, rejecting every change the old one, each
 * paragraph the full text of one provision (label and body) as the
 * documents hold it. So the paragraphs are laid out as a merge of the
 * two paragraph orders:
 *
 *  - A record that keeps its place (not moved) with one provision on one
 *    side and one or more on the other - unchanged, modified, split,
 *    merged - is a group written in place with its word edits: one
 *    paragraph per provision of the side that has several, the label
 *    and body edits inside, and the paragraph marks between the parts
 *    tracked (inserted for a split, deleted for a merge), so rejecting
 *    a split joins its parts back into one paragraph and accepting a
 *    merge joins the old ones. A removed paragraph mark joins two texts
 *    as they are, so the space between them is text of its own: at the
 *    end of a split's part, deleted; at the end of a merge's, inserted. Groups follow the new order; one whose
 *    old provisions come before an earlier group's is taken apart as
 *    below, so groups are in the old order too.
 *  - Everything else is a paragraph of one side: an old one (removed,
 *    or the old side of a record taken apart) wholly deleted, a new one
 *    wholly inserted, each with its mark. A moved record with one
 *    provision on each side is a Word move: its old paragraph moved
 *    from its old place (w:moveFrom) and its new one moved to its new
 *    place (w:moveTo), linked by name; a moved provision that was also
 *    reworded carries its new wording to its new place, so its word
 *    edits are not shown. Other moved records are deletions and
 *    insertions.
 *  - Between two groups, the old-only paragraphs that lie there in the
 *    old order come first, then the new-only ones of the new order.
 *
 * A first page (style NormdiffSummary, which normdiff's reader skips so
 * the file reads back as exactly the two versions) names the versions,
 * gives the summary and lists the changed provisions (LIST_MAX at most). Revisions are by "normdiff", dated with
 * o->now when the caller gives it. Labels are text, not automatic
 * numbering, so they show as in the new version and read back as they
 * are. Text reaches XML escaped; characters XML 1.0 cannot hold (C0
 * controls, DEL, C1, U+FFFE/U+FFFF, bad bytes) are written in their
 * visible form (nd_utf8_visible), as every other output does.
 *
 * The package is a zip written in memory by libzip (report_docx_zip.c).
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/error.h"
#include "normdiff/text.h"
#include "normdiff/utf8.h"
#include "report_internal.h"

/* the reader leaves this style out (import.h: ND_IMPORT_SUMMARY_STYLE;
 * the redline test reads a redline back) */
#define SUMMARY_STYLE "NormdiffSummary"
#define HEADING_STYLE "NormdiffHeading" /* a heading without an underline */

/* Tracked marks a paragraph or a run can carry. */
enum { TR_NONE, TR_INS, TR_DEL, TR_MOVE_FROM, TR_MOVE_TO };

typedef struct docx_state {
	nd_buf doc;        /* word/document.xml */
	nd_buf tmp;        /* scratch */
	unsigned long id;  /* the next revision id */
	rpt_owners own;    /* the record of each provision */
	unsigned char *inl; /* per change: written in place with its edits */
	nd_report *r;
	/* the paragraph being written by a redline walk */
	size_t part;       /* its part */
	size_t nparts;     /* parts of the group */
	int cut_old;       /* the parts are the old side's provisions */
	const nd_change *c;
} docx_state;

/* ---- XML ---------------------------------------------------------------- */

/* Append s[0..len) as XML text, safe in attribute values too. */
static int xml_text(nd_buf *out, const char *s, size_t len)
{
	char form[ND_UTF8_VISIBLE_MAX];
	size_t i = 0, run, n;
	uint32_t cp = 0;
	int err = 0;

	while (i < len && !err) {
		for (run = i; run < len; run++) {
			unsigned char b = (unsigned char)s[run];

			if (b < 0x20 || b >= 0x7f || b == '&' || b == '<' || b == '>' ||
			    b == '"')
				break;
		}
		if (run > i && (err = nd_buf_put(out, s + i, run - i)) != 0)
			break;
		if ((i = run) >= len)
			break;
		switch (s[i]) {
		case '&': err = nd_buf_puts(out, "&amp;"); i++; continue;
		case '<': err = nd_buf_puts(out, "&lt;"); i++; continue;
		case '>': err = nd_buf_puts(out, "&gt;"); i++; continue;
		case '"': err = nd_buf_puts(out, "&quot;"); i++; continue;
		}
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (n && cp >= 0xa0 && cp != 0xfffe && cp != 0xffff) {
			err = nd_buf_put(out, s + i, n);
			i += n;
			continue;
		}
		if (n)
			nd_utf8_visible(form, cp);
		else
			nd_utf8_visible_byte(form, (unsigned char)s[i]);
		i += n ? n : 1;
		for (const char *p = form; *p && !err; p++)
			err = *p == '<' ? nd_buf_puts(out, "&lt;")
			    : *p == '>' ? nd_buf_puts(out, "&gt;") : nd_buf_putc(out, *p);
	}
	return err;
}

/* The attributes of a revision: id, author, date. */
static int revision_attrs(docx_state *st, nd_buf *b)
{
	int err = nd_buf_printf(b, " w:id=\"%lu\" w:author=\"normdiff\"", st->id++);

	if (!err && st->r->o->now) {
		err = nd_buf_puts(b, " w:date=\"");
		if (!err)
			err = xml_text(b, st->r->o->now, strlen(st->r->o->now));
		if (!err)
			err = nd_buf_putc(b, '"');
	}
	return err;
}

static const char *const track_tag[] = {NULL, "w:ins", "w:del", "w:moveFrom",
                                        "w:moveTo"};

/* One run of text, inside the element of its tracked mark. */
static int run(docx_state *st, int track, const char *s, size_t len)
{
	nd_buf *b = &st->doc;
	int err = 0;

	if (!len)
		return 0;
	if (track) {
		err = nd_buf_printf(b, "<%s", track_tag[track]);
		if (!err)
			err = revision_attrs(st, b);
		if (!err)
			err = nd_buf_putc(b, '>');
	}
	if (!err)
		err = nd_buf_puts(b, track == TR_DEL ? "<w:r><w:delText xml:space=\"preserve\">"
		                                     : "<w:r><w:t xml:space=\"preserve\">");
	if (!err)
		err = xml_text(b, s, len);
	if (!err)
		err = nd_buf_puts(b, track == TR_DEL ? "</w:delText></w:r>" : "</w:t></w:r>");
	if (!err && track)
		err = nd_buf_printf(b, "</%s>", track_tag[track]);
	return err;
}

/* The layout flags (ND_PARA_*) of the paragraph of provision i. */
static unsigned para_flags(const nd_doc *d, size_t i)
{
	const nd_text *t = d->text;
	size_t lo = 0, hi = t->npara, off = d->clauses[i].off;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->paras[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->npara && t->paras[lo].off == off ? t->paras[lo].flags : 0;
}

/* The start of a paragraph: its style from provision i of d, its mark. An
 * underlined heading is a Word heading (level 1 for '=', 2 for '-'), which
 * the reader underlines again; other headings are bold, in a style
 * without an outline level, so they read back as they were. */
static int para_open(docx_state *st, const nd_doc *d, size_t i, int mark)
{
	const nd_clause *cl = &d->clauses[i];
	unsigned flags = para_flags(d, i);
	nd_buf *b = &st->doc;
	int err = nd_buf_puts(b, "<w:p><w:pPr>");

	if (!err && (flags & (ND_PARA_UNDER1 | ND_PARA_UNDER2)))
		err = nd_buf_printf(b, "<w:pStyle w:val=\"Heading%d\"/>",
		                    flags & ND_PARA_UNDER1 ? 1 : 2);
	else if (!err && cl->kind == ND_CLAUSE_TITLE)
		err = nd_buf_puts(b, "<w:pStyle w:val=\"Title\"/>");
	else if (!err && cl->kind == ND_CLAUSE_HEADING)
		err = nd_buf_puts(b, "<w:pStyle w:val=\"" HEADING_STYLE "\"/>");
	else if (!err && cl->depth)
		err = nd_buf_printf(b, "<w:ind w:left=\"%u\"/>",
		                    (cl->depth < 8 ? cl->depth : 8) * 360);
	if (!err && mark) {
		err = nd_buf_printf(b, "<w:rPr><%s", track_tag[mark]);
		if (!err)
			err = revision_attrs(st, b);
		if (!err)
			err = nd_buf_puts(b, "/></w:rPr>");
	}
	return err ? err : nd_buf_puts(b, "</w:pPr>");
}

/* ---- paragraphs ---------------------------------------------------------- */

/* What comes before and after provision i's body in its paragraph (its
 * label and the spaces after it; usually nothing after). */
static void around(const nd_doc *d, size_t i, const char **pre, size_t *npre,
                   const char **post, size_t *npost)
{
	const nd_clause *cl = &d->clauses[i];
	const char *t = d->text->buf;

	*pre = t + cl->off;
	*npre = cl->body_off - cl->off;
	*post = t + cl->body_off + cl->body_len;
	*npost = cl->off + cl->len - (cl->body_off + cl->body_len);
}

/* Text of one side only: inserted (new) or deleted (old). */
static int side_text(docx_state *st, int old, const char *s, size_t n)
{
	return run(st, old ? TR_DEL : TR_INS, s, n);
}

/* The text around the bodies where a group's two sides meet: equal, or
 * the old deleted and the new inserted. */
static int pair_text(docx_state *st, const char *a, size_t na, const char *b,
                     size_t nb)
{
	int err;

	if (na == nb && !memcmp(a, b, na))
		return run(st, TR_NONE, a, na);
	err = run(st, TR_DEL, a, na);
	return err ? err : run(st, TR_INS, b, nb);
}

/* A whole provision of one side as one paragraph: deleted or moved away
 * (old), inserted or moved here (new). A move is named after its record. */
static int lone_para(docx_state *st, const nd_doc *d, size_t i, int old,
                     size_t move)
{
	const nd_clause *cl = &d->clauses[i];
	int track = move == RPT_NO_RECORD ? (old ? TR_DEL : TR_INS)
	                                  : (old ? TR_MOVE_FROM : TR_MOVE_TO);
	const char *range = old ? "w:moveFromRange" : "w:moveToRange";
	unsigned long rid = 0;
	int err = para_open(st, d, i, track);

	if (!err && move != RPT_NO_RECORD) {
		rid = st->id;
		err = nd_buf_printf(&st->doc, "<%sStart", range);
		if (!err)
			err = revision_attrs(st, &st->doc);
		if (!err)
			err = nd_buf_printf(&st->doc, " w:name=\"move%zu\"/>", move + 1);
	}
	if (!err)
		err = run(st, track, d->text->buf + cl->off, cl->len);
	if (!err && move != RPT_NO_RECORD)
		err = nd_buf_printf(&st->doc, "<%sEnd w:id=\"%lu\"/>", range, rid);
	return err ? err : nd_buf_puts(&st->doc, "</w:p>");
}

/* The edit that holds the space joining part k of a group to part k + 1
 * on the side cut into parts: ND_OP_EQUAL when the other side has the
 * space too, else the cut side's own kind. */
static nd_op_kind join_kind(const docx_state *st, size_t k)
{
	const nd_change *c = st->c;
	const nd_doc *own = st->cut_old ? st->r->cs->old : st->r->cs->new;
	const size_t *idx = st->cut_old ? c->old : c->new;
	nd_op_kind other = st->cut_old ? ND_OP_INSERT : ND_OP_DELETE;
	size_t at = k, pos = 0;

	for (size_t j = 0; j <= k; j++)
		at += own->clauses[idx[j]].body_len;
	for (size_t j = 0; j < c->diff.n; j++) {
		const nd_op *op = &c->diff.ops[j];

		if (op->kind == other)
			continue;
		if (at < pos + op->len)
			return op->kind;
		pos += op->len;
	}
	return ND_OP_EQUAL; /* no edits: both sides are the same text */
}

/* Close the paragraph of part st->part and open the next one's: the mark
 * between two parts is the side's (inserted for a split's new parts,
 * deleted for a merge's old ones). A part's style is its provision's; the
 * last part's, whose mark both versions keep, is the new provision's. */
static int part_start(docx_state *st, size_t part)
{
	const nd_changeset *cs = st->r->cs;
	const nd_change *c = st->c;
	const nd_doc *own = st->cut_old ? cs->old : cs->new;
	const size_t *idx = st->cut_old ? c->old : c->new;
	const char *pre, *post, *opre, *opost;
	size_t npre, npost, nopre, nopost;
	int err = 0, last = part + 1 == st->nparts;
	const nd_doc *style = last ? cs->new : own;
	size_t si = last ? c->new[c->nnew - 1] : idx[part];

	if (part) { /* what follows the previous part's body */
		around(own, idx[part - 1], &pre, &npre, &post, &npost);
		err = side_text(st, st->cut_old, post, npost);
		/* the space that joins the parts where the other side has it: a
		 * removed paragraph mark joins texts as they are */
		if (!err && join_kind(st, part - 1) == ND_OP_EQUAL)
			err = side_text(st, !st->cut_old, " ", 1);
		if (!err)
			err = nd_buf_puts(&st->doc, "</w:p>");
	}
	if (!err)
		err = para_open(st, style, si,
		                last ? TR_NONE : st->cut_old ? TR_DEL : TR_INS);
	around(own, idx[part], &pre, &npre, &post, &npost);
	if (!err && part)
		return side_text(st, st->cut_old, pre, npre);
	/* the first part: where both sides' labels meet */
	around(st->cut_old ? cs->new : cs->old, st->cut_old ? c->new[0] : c->old[0],
	       &opre, &nopre, &opost, &nopost);
	if (!err)
		err = st->cut_old ? pair_text(st, pre, npre, opre, nopre)
		                  : pair_text(st, opre, nopre, pre, npre);
	return err;
}

static int group_piece(void *ud, size_t part, nd_op_kind kind, const char *s,
                       size_t len)
{
	docx_state *st = ud;
	int err = 0;

	while (st->part < part && !err)
		err = part_start(st, ++st->part);
	return err ? err : run(st, kind == ND_OP_EQUAL ? TR_NONE
	                           : kind == ND_OP_DELETE ? TR_DEL : TR_INS, s, len);
}

/* A group in place (design note): the parts of its side with several
 * provisions (the new one when both have one), its word edits, and the
 * text after the last bodies on both sides. */
static int group(docx_state *st, const nd_change *c)
{
	const nd_changeset *cs = st->r->cs;
	const char *pre, *post, *opre, *opost;
	size_t npre, npost, nopre, nopost, nparts;
	int err;

	st->c = c;
	st->cut_old = c->nold > 1;
	st->part = 0;
	err = nd_redline_at(cs, c, st->cut_old, &nparts, NULL, NULL);
	st->nparts = nparts ? nparts : 1;
	if (!err)
		err = part_start(st, 0);
	if (!err)
		err = nd_redline_at(cs, c, st->cut_old, &nparts, group_piece, st);
	while (!err && st->part + 1 < st->nparts)
		err = part_start(st, ++st->part);
	around(cs->old, c->old[c->nold - 1], &opre, &nopre, &opost, &nopost);
	around(cs->new, c->new[c->nnew - 1], &pre, &npre, &post, &npost);
	if (!err)
		err = pair_text(st, opost, nopost, post, npost);
	return err ? err : nd_buf_puts(&st->doc, "</w:p>");
}

/* ---- layout --------------------------------------------------------------- */

static int same_body(const nd_changeset *cs, const nd_change *c)
{
	const nd_doc *o = cs->old, *n = cs->new;

	return c->nold == 1 && c->nnew == 1 &&
	       o->clauses[c->old[0]].body_len == n->clauses[c->new[0]].body_len &&
	       !memcmp(nd_doc_body(o, c->old[0]), nd_doc_body(n, c->new[0]),
	               o->clauses[c->old[0]].body_len);
}

static int consecutive(const size_t *idx, size_t n)
{
	for (size_t k = 1; k < n; k++)
		if (idx[k] != idx[k - 1] + 1)
			return 0;
	return 1;
}

/* Can change c be a group in place, its parts cut where its edits meet
 * its provisions' texts? */
static int can_group(const nd_changeset *cs, const nd_change *c)
{
	size_t nparts = 0;
	int many_old = c->nold > 1;

	if (c->moved || !c->nold || !c->nnew || (c->nold > 1 && c->nnew > 1) ||
	    !consecutive(c->old, c->nold) || !consecutive(c->new, c->nnew))
		return 0;
	if (!c->diff.n && !(c->nold == 1 && c->nnew == 1 ? same_body(cs, c)
	                                                 : c->kind == ND_CHANGE_SPLIT ||
	                                                   c->kind == ND_CHANGE_MERGED))
		return 0; /* no edits for texts that differ (--ignore-case) */
	if (nd_redline_at(cs, c, many_old, &nparts, NULL, NULL))
		return 0;
	return nparts == (many_old ? c->nold : c->nnew);
}

/* Mark the changes written in place: groups whose old provisions come
 * after those of every group before them in the new order. */
static int choose_groups(docx_state *st)
{
	const nd_changeset *cs = st->r->cs;
	size_t j, last = 0;
	int any = 0;

	if ((st->inl = calloc(cs->n ? cs->n : 1, 1)) == NULL)
		return nd_error_oom();
	for (j = 0; j < cs->new->n; j++) {
		size_t k = st->own.new[j];
		const nd_change *c;

		if (k == RPT_NO_RECORD || (c = &cs->changes[k])->new[0] != j ||
		    !can_group(cs, c))
			continue;
		if (any && c->old[0] <= last)
			continue;
		st->inl[k] = 1;
		last = c->old[c->nold - 1];
		any = 1;
	}
	return 0;
}

/* A provision of one side that is not in a group. */
static int lone(docx_state *st, int old, size_t i)
{
	const nd_changeset *cs = st->r->cs;
	size_t k = old ? st->own.old[i] : st->own.new[i];
	const nd_change *c = k == RPT_NO_RECORD ? NULL : &cs->changes[k];
	int move = c && c->moved && c->nold == 1 && c->nnew == 1;

	return lone_para(st, old ? cs->old : cs->new, i, old,
	                 move ? k : RPT_NO_RECORD);
}

static int grouped(const docx_state *st, const size_t *own, size_t i)
{
	return own[i] != RPT_NO_RECORD && st->inl[own[i]];
}

/* Every paragraph, in the merged order of the design note. */
static int body(docx_state *st)
{
	const nd_changeset *cs = st->r->cs;
	size_t i = 0, j = 0, next = 0;
	int err = choose_groups(st);

	while (!err) {
		const nd_change *g = NULL;
		size_t iend, jend;

		while (next < cs->new->n && !grouped(st, st->own.new, next))
			next++;
		if (next < cs->new->n)
			g = &cs->changes[st->own.new[next]];
		iend = g ? g->old[0] : cs->old->n;
		jend = g ? g->new[0] : cs->new->n;
		for (; !err && i < iend; i++) /* old ones first, then new ones */
			if (!grouped(st, st->own.old, i))
				err = lone(st, 1, i);
		for (; !err && j < jend; j++)
			if (!grouped(st, st->own.new, j))
				err = lone(st, 0, j);
		if (err || !g)
			break;
		err = group(st, g);
		i = g->old[g->nold - 1] + 1;
		next = j = g->new[g->nnew - 1] + 1;
	}
	return err;
}

/* ---- the first page --------------------------------------------------- */

/* One paragraph of the first page: text raw (escaped here), bold for the
 * heading, and the page break after the last. */
static int summary_para(docx_state *st, const char *lead, const char *s,
                        size_t len, int heading, int last)
{
	nd_buf *b = &st->doc;
	int err = nd_buf_puts(b, "<w:p><w:pPr><w:pStyle w:val=\"" SUMMARY_STYLE
	                         "\"/></w:pPr><w:r>");

	if (!err && heading)
		err = nd_buf_puts(b, "<w:rPr><w:b/><w:sz w:val=\"32\"/></w:rPr>");
	if (!err)
		err = nd_buf_puts(b, "<w:t xml:space=\"preserve\">");
	if (!err && lead)
		err = xml_text(b, lead, strlen(lead));
	if (!err)
		err = xml_text(b, s, len);
	if (!err)
		err = nd_buf_puts(b, "</w:t></w:r>");
	if (!err && last)
		err = nd_buf_puts(b, "<w:r><w:br w:type=\"page\"/></w:r>");
	return err ? err : nd_buf_puts(b, "</w:p>");
}

/* The changed provisions, one line each ("(b) → (2) + (3) — split", an
 * unnumbered paragraph under its headings: "Code of conduct › ¶1"),
 * at most LIST_MAX of them, then how many more. */
#define LIST_MAX 200
static int change_list(docx_state *st)
{
	const nd_changeset *cs = st->r->cs;
	nd_buf *t = &st->tmp;
	size_t k, i, listed = 0, more = 0;
	int err = 0;

	for (k = 0; k < cs->n && !err; k++) {
		const nd_change *c = &cs->changes[k];
		const nd_doc *d;

		if (nd_is_quiet(c))
			continue;
		if (listed == LIST_MAX) {
			more++;
			continue;
		}
		nd_buf_clear(t);
		i = nd_anchor(cs, c, &d);
		if (d->clauses[i].kind == ND_CLAUSE_PARAGRAPH) { /* "¶1" of which? */
			err = nd_context(t, d, i, 0);
			if (!err && t->len)
				err = nd_buf_puts(t, " \xe2\x80\xba ");
		}
		if (!err)
			err = nd_label_pair(t, cs, c);
		if (!err)
			err = nd_buf_puts(t, " \xe2\x80\x94 ");
		if (!err)
			err = nd_report_kind_words(t, c);
		if (!err && c->moved) {
			err = nd_buf_puts(t, "; ");
			if (!err)
				err = nd_report_move_words(t, cs, c);
		}
		if (!err && !listed)
			err = summary_para(st, NULL, "Changed provisions:", 19, 0, 0);
		if (!err)
			err = summary_para(st, NULL, t->ptr, t->len, 0, 0);
		listed++;
	}
	if (!err && more) {
		nd_buf_clear(t);
		err = nd_buf_printf(t, "and %zu more changed provision%s", more,
		                    more == 1 ? "" : "s");
		if (!err)
			err = summary_para(st, NULL, t->ptr, t->len, 0, 0);
	}
	return err;
}

static int summary_page(docx_state *st)
{
	static const char how[] =
		"The changes are tracked, by \"normdiff\": accept all of them to get "
		"the new version, reject all of them to get the old one. A moved "
		"provision is a Word move; one that was also reworded carries its new "
		"wording to its new place.";
	const nd_report_opts *o = st->r->o;
	const nd_changeset *cs = st->r->cs;
	nd_buf *t = &st->tmp;
	int err;

	err = summary_para(st, NULL, "Comparison by normdiff", 22, 1, 0);
	nd_buf_clear(t);
	if (!err)
		err = nd_report_version(t, o->old_info);
	if (!err)
		err = summary_para(st, "Old: ", t->ptr, t->len, 0, 0);
	nd_buf_clear(t);
	if (!err)
		err = nd_report_version(t, o->new_info);
	if (!err)
		err = summary_para(st, "New: ", t->ptr, t->len, 0, 0);
	nd_buf_clear(t);
	if (!err)
		err = rpt_summary_words(t, &cs->summary, " ");
	if (!err)
		err = summary_para(st, "Summary: ", t->ptr, t->len, 0, 0);
	for (size_t k = 0; k < cs->nnotes && !err; k++)
		err = summary_para(st, "Note: ", cs->notes[k], strlen(cs->notes[k]), 0, 0);
	if (!err)
		err = summary_para(st, NULL, how, sizeof(how) - 1, 0, 0);
	if (!err)
		err = change_list(st);
	return err ? err : summary_para(st, NULL, "", 0, 0, 1);
}

/* ---- the package ------------------------------------------------------- */

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define CT_MAIN "application/vnd.openxmlformats-officedocument.wordprocessingml"

static const char content_types[] = XML_HEAD
	"<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
	"<Default Extension=\"rels\" ContentType=\"application/"
	"vnd.openxmlformats-package.relationships+xml\"/>"
	"<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
	"<Override PartName=\"/word/document.xml\" ContentType=\"" CT_MAIN
	".document.main+xml\"/>"
	"<Override PartName=\"/word/styles.xml\" ContentType=\"" CT_MAIN
	".styles+xml\"/>"
	"<Override PartName=\"/word/footer1.xml\" ContentType=\"" CT_MAIN
	".footer+xml\"/>"
	"<Override PartName=\"/docProps/core.xml\" ContentType=\"application/"
	"vnd.openxmlformats-package.core-properties+xml\"/>"
	"</Types>\n";

static const char package_rels[] = XML_HEAD
	"<Relationships xmlns=\"" NS_PKG_REL "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" "
	"Target=\"word/document.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" NS_PKG_REL
	"/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
	"</Relationships>\n";

static const char document_rels[] = XML_HEAD
	"<Relationships xmlns=\"" NS_PKG_REL "\">"
	"<Relationship Id=\"rId1\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" NS_REL "/footer\" Target=\"footer1.xml\"/>"
	"</Relationships>\n";

#define STYLE(id, name, rpr, ppr)                                              \
	"<w:style w:type=\"paragraph\" w:styleId=\"" id "\"><w:name w:val=\"" name \
	"\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:pPr>" ppr    \
	"</w:pPr><w:rPr>" rpr "</w:rPr></w:style>"

static const char styles[] = XML_HEAD
	"<w:styles xmlns:w=\"" NS_W "\">"
	"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" "
	"w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\"/><w:sz w:val=\"24\"/>"
	"</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/>"
	"</w:pPr></w:pPrDefault></w:docDefaults>"
	"<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\">"
	"<w:name w:val=\"Normal\"/></w:style>"
	STYLE("Title", "Title", "<w:b/><w:sz w:val=\"32\"/>",
	      "<w:jc w:val=\"center\"/><w:spacing w:after=\"240\"/>")
	STYLE("Heading1", "heading 1", "<w:b/><w:sz w:val=\"28\"/>",
	      "<w:keepNext/><w:spacing w:before=\"240\"/><w:outlineLvl w:val=\"0\"/>")
	STYLE("Heading2", "heading 2", "<w:b/><w:sz w:val=\"26\"/>",
	      "<w:keepNext/><w:spacing w:before=\"200\"/><w:outlineLvl w:val=\"1\"/>")
	STYLE(HEADING_STYLE, "Normdiff Heading", "<w:b/>",
	      "<w:keepNext/><w:spacing w:before=\"160\"/>")
	STYLE(SUMMARY_STYLE, "Normdiff Summary", "<w:rFonts w:ascii=\"Arial\" "
	      "w:hAnsi=\"Arial\"/><w:sz w:val=\"22\"/>", "")
	"</w:styles>\n";

/* The footer of every page: the two versions and the page number, so a
 * printed page says what it compares. */
static int footer(docx_state *st, nd_buf *b)
{
	const nd_report_opts *o = st->r->o;
	int err = nd_buf_puts(b, XML_HEAD "<w:ftr xmlns:w=\"" NS_W "\"><w:p>"
	                         "<w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r>"
	                         "<w:rPr><w:sz w:val=\"18\"/></w:rPr>"
	                         "<w:t xml:space=\"preserve\">");

	nd_buf_clear(&st->tmp);
	if (!err)
		err = nd_report_version(&st->tmp, o->old_info);
	if (!err)
		err = nd_buf_puts(&st->tmp, " \xe2\x86\x92 ");
	if (!err)
		err = nd_report_version(&st->tmp, o->new_info);
	if (!err)
		err = nd_buf_puts(&st->tmp, " \xc2\xb7 page ");
	if (!err)
		err = xml_text(b, st->tmp.ptr, st->tmp.len);
	if (!err)
		err = nd_buf_puts(b, "</w:t></w:r><w:fldSimple w:instr=\" PAGE \"><w:r>"
		                     "<w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t>1</w:t>"
		                     "</w:r></w:fldSimple></w:p></w:ftr>\n");
	return err;
}

static int core_props(docx_state *st, nd_buf *b)
{
	const nd_report_opts *o = st->r->o;
	int err = nd_buf_puts(b, XML_HEAD
		"<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/"
		"package/2006/metadata/core-properties\" "
		"xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
		"xmlns:dcterms=\"http://purl.org/dc/terms/\" "
		"xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dc:title>"
		"Comparison of ");

	nd_buf_clear(&st->tmp);
	if (!err)
		err = nd_report_version(&st->tmp, o->old_info);
	if (!err)
		err = nd_buf_puts(&st->tmp, " and ");
	if (!err)
		err = nd_report_version(&st->tmp, o->new_info);
	if (!err)
		err = xml_text(b, st->tmp.ptr, st->tmp.len);
	if (!err)
		err = nd_buf_puts(b, "</dc:title><dc:creator>normdiff</dc:creator>");
	if (!err && o->now) {
		err = nd_buf_puts(b, "<dcterms:created xsi:type=\"dcterms:W3CDTF\">");
		if (!err)
			err = xml_text(b, o->now, strlen(o->now));
		if (!err)
			err = nd_buf_puts(b, "</dcterms:created>");
	}
	return err ? err : nd_buf_puts(b, "</cp:coreProperties>\n");
}

/* ---- the format ---------------------------------------------------------- */

static int docx_begin(nd_report *r)
{
	docx_state *st = r->state;

	st->r = r;
	if (r->o->stat_only || r->o->changed_only)
		return nd_error_set(ND_EINVAL, "a Word redline holds every provision: "
		                    "it cannot be a summary only or leave unchanged "
		                    "provisions out");
	return rpt_owners_init(&st->own, r->cs);
}

static int docx_change(nd_report *r, const nd_change *c)
{
	(void)r; /* the layout needs the whole change set: docx_end */
	(void)c;
	return 0;
}

static int docx_end(nd_report *r)
{
	docx_state *st = r->state;
	nd_buf props = ND_BUF_INIT, foot = ND_BUF_INIT;
	int err = nd_buf_puts(&st->doc, XML_HEAD "<w:document xmlns:w=\"" NS_W
	                                         "\"><w:body>");

	if (!err)
		err = summary_page(st);
	if (!err)
		err = body(st);
	if (!err)
		err = nd_buf_puts(&st->doc,
		                  "<w:sectPr><w:footerReference w:type=\"default\" "
		                  "xmlns:r=\"" NS_REL "\" r:id=\"rId2\"/>"
		                  "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
		                  "<w:pgMar w:top=\"1440\" w:right=\"1440\" "
		                  "w:bottom=\"1440\" w:left=\"1440\" w:header=\"708\" "
		                  "w:footer=\"708\" w:gutter=\"0\"/></w:sectPr>"
		                  "</w:body></w:document>\n");
	if (!err)
		err = core_props(st, &props);
	if (!err)
		err = footer(st, &foot);
	if (!err) {
		const rpt_zip_member parts[] = {
			{"[Content_Types].xml", content_types, sizeof(content_types) - 1},
			{"_rels/.rels", package_rels, sizeof(package_rels) - 1},
			{"docProps/core.xml", props.ptr, props.len},
			{"word/_rels/document.xml.rels", document_rels,
			 sizeof(document_rels) - 1},
			{"word/styles.xml", styles, sizeof(styles) - 1},
			{"word/footer1.xml", foot.ptr, foot.len},
			{"word/document.xml", st->doc.ptr, st->doc.len},
		};

		err = rpt_zip(r->out, parts, sizeof(parts) / sizeof(parts[0]), r->o->now);
	}
	nd_buf_dispose(&props);
	nd_buf_dispose(&foot);
	return err;
}

static void docx_dispose(nd_report *r)
{
	docx_state *st = r->state;

	nd_buf_dispose(&st->doc);
	nd_buf_dispose(&st->tmp);
	rpt_owners_dispose(&st->own);
	free(st->inl);
}

const nd_report_format nd_report_docx = {
	"docx",
	"a Word redline: tracked changes from the old version to the new one",
	sizeof(docx_state),
	docx_begin,
	docx_change,
	docx_end,
	docx_dispose,
	1,
	NULL, /* packed: its size is not its texts' */
};
