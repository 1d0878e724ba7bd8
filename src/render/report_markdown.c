/* report_markdown.c - the change set as Markdown, for a pull-request
 * comment or a CI job summary (GitHub Flavored Markdown).
 *
 * Layout: a title line naming both versions, a one-line legend, a
 * summary table, then one section per change headed by what happened to
 * it ("### (b) → (2) + (3): split", "### PP4 → PP10: moved, unchanged;
 * from after PP3 to after PP9"; an unnumbered paragraph by its heading
 * path, "### Code of conduct › ¶1: modified", since "¶1" alone names a
 * paragraph in every section) with its text, deletions in <del>..</del>
 * and insertions in <ins>..</ins>. Unchanged provisions that did not move
 * are listed by label in one "Unchanged:" line per run, and the headings
 * above a change are named ("In _Code of conduct_:") when they change. A
 * provision that holds changes says how many: "### ¶1: modified · 12
 * changes within", "Unchanged: ¶1 (12 changes within)", and for a heading
 * "In _Code of conduct_ (13 changes within):", the line an unchanged
 * heading is shown by, which --changed-only still shows.
 *
 * Draft text is data, never markup, and so are the names of the versions
 * in the title line (a file name like "[x](javascript:...) <img>" is
 * text), labels and headings: all go through md_text(). It is made
 * terminal-safe first (nd_utf8_escape), then every character that could
 * start markup is backslash-escaped: always \ ` * _ [ ] < > | ~ & # @
 * (links, HTML, emphasis, code, table cells, entities, headings,
 * autolinks), and where their position makes them markup: - + = and
 * "1." / "1)" at the start of a line, ':' before "//" and '.' after "www"
 * (bare-URL autolinks).
 *
 * One pair of markers everywhere: <del> and <ins> are HTML GitHub keeps
 * and shows struck through and underlined, and, unlike ~~ and **, they
 * mark text whatever the characters around them (CommonMark's flanking
 * rules make "~~,~~" after a letter literal tildes) and never mean
 * anything else. Spaces at the edges of an edit are moved outside its
 * markers; whole words replaced get a space between the old and the new.
 */
#include <stdlib.h>
#include <string.h>

#include "normdiff/utf8.h"
#include "report_internal.h"

enum { CL_SPACE, CL_PUNCT, CL_OTHER };

typedef struct seg {
	nd_op_kind kind; /* equal, delete or insert */
	size_t off;      /* its raw text in md_state.raw */
	size_t len;      /* ... and length */
} seg;

typedef struct md_state {
	nd_buf ctx;     /* the heading path last shown (raw) */
	nd_buf run;     /* pending "Unchanged:" labels, escaped */
	nd_buf tmp;     /* scratch */
	nd_buf esc;     /* scratch for escaping */
	nd_buf raw;     /* raw text of the segments of one paragraph */
	seg *segs;      /* segments of one paragraph */
	size_t nsegs;   /* how many */
	size_t capsegs; /* allocated */
	size_t part;    /* the part being gathered */
	int open;       /* a paragraph is being gathered */
	const nd_change *c; /* the change being written */
	nd_report *r;   /* the report */
	rpt_owners own; /* the record of each provision (for "In _X_:") */
} md_state;

/* ---- escaping ---- */

static int is_ascii_punct(uint32_t c)
{
	return c < 0x80 && c > 0x20 && c != 0x7F &&
	       !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	         (c >= 'a' && c <= 'z'));
}

/* What a character is to CommonMark's flanking rules. Anything the
 * terminal escaper rewrites (controls, bidi, bad bytes) comes out as
 * "^X", "<U+..>" or "<0x..>", so it counts as punctuation. */
static int char_class(const char *s, size_t len, int last)
{
	uint32_t cp = 0;
	size_t n = 0, i;

	if (!len)
		return CL_SPACE;
	if (last) {
		i = len - 1;
		while (i > 0 && len - i < 4 && ((unsigned char)s[i] & 0xC0) == 0x80)
			i--;
		n = nd_utf8_decode(s + i, len - i, &cp);
		if (!n || i + n != len)
			return CL_PUNCT;
	} else if ((n = nd_utf8_decode(s, len, &cp)) == 0) {
		return CL_PUNCT;
	}
	if (cp == ' ' || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	    cp == 0x202F || cp == 0x205F || cp == 0x3000)
		return CL_SPACE;
	if (nd_utf8_is_unsafe(cp) || is_ascii_punct(cp))
		return CL_PUNCT;
	if ((cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB2 && cp != 0xB3 &&
	     cp != 0xB5 && cp != 0xB9 && cp != 0xBA) ||
	    cp == 0xD7 || cp == 0xF7 || (cp >= 0x2010 && cp <= 0x2027) ||
	    (cp >= 0x2030 && cp <= 0x205E) || (cp >= 0x2190 && cp <= 0x23FF) ||
	    (cp >= 0x3001 && cp <= 0x3003) || (cp >= 0x3008 && cp <= 0x3011) ||
	    (cp >= 0xFF01 && cp <= 0xFF0F))
		return CL_PUNCT;
	return CL_OTHER;
}

/* Draft text as inert Markdown (rpt_md_text), with the state's scratch. */
static int md_text(md_state *st, nd_buf *out, const char *raw, size_t len,
                   int *line_start)
{
	return rpt_md_text(out, &st->esc, raw, len, line_start);
}

static int md_cstr(md_state *st, nd_buf *out, const char *s)
{
	int ls = 0;

	return md_text(st, out, s, strlen(s), &ls);
}

/* ---- header ---- */

static int version(md_state *st, nd_buf *out, const nd_docinfo *info)
{
	nd_buf raw = ND_BUF_INIT;
	int err = nd_report_version(&raw, info);

	if (!err)
		err = md_cstr(st, out, raw.ptr);
	nd_buf_dispose(&raw);
	return err;
}

static int md_begin(nd_report *r)
{
	md_state *st = r->state;
	const nd_summary *s = &r->cs->summary;
	size_t flags[ND_NFLAGS];
	size_t k;
	int err;

	st->r = r;
	err = rpt_owners_init(&st->own, r->cs);
	if (!err)
		err = nd_buf_puts(r->out, "## normdiff: ");
	if (!err)
		err = version(st, r->out, r->o->old_info);
	if (!err)
		err = nd_buf_puts(r->out, " \xE2\x86\x92 ");
	if (!err)
		err = version(st, r->out, r->o->new_info);
	if (!err)
		err = nd_buf_puts(r->out, "\n\nDeleted words are <del>struck through"
		                  "</del>, inserted words <ins>underlined</ins>.\n"
		                  "\n| kind | count |\n|:--|--:|\n");
	for (k = 0; k < ND_CHANGE_KINDS && !err; k++)
		err = nd_buf_printf(r->out, "| %s | %zu |\n", nd_change_kind_name(k),
		                    s->count[k]);
	nd_flag_counts(s, flags);
	for (k = 0; k < ND_NFLAGS && !err; k++)
		err = nd_buf_printf(r->out, "| %s | %zu |\n", nd_report_flag_words[k], flags[k]);
	return err;
}

/* ---- changes ---- */

/* " · p. 3 → p. 4" where a change stands, when its pages are known (our
 * own words: nothing to escape). */
static int pages(nd_report *r, const nd_change *c)
{
	nd_buf p = ND_BUF_INIT;
	int err = nd_report_change_pages(&p, r->cs, c, r->o->old_info,
	                                 r->o->new_info);

	if (!err && p.len)
		err = nd_buf_printf(r->out, " \xC2\xB7 %s", p.ptr);
	nd_buf_dispose(&p);
	return err;
}

/* "12 changes within" between `open` and `close` (nothing for none). */
static int within(nd_buf *out, size_t n, const char *open, const char *close)
{
	int err;

	if (!n)
		return 0;
	err = nd_buf_puts(out, open);
	if (!err)
		err = nd_report_within_words(out, n);
	return err ? err : nd_buf_puts(out, close);
}

static int flush_run(md_state *st)
{
	int err = 0;

	if (st->run.len)
		err = nd_buf_printf(st->r->out, "\nUnchanged: %s\n", st->run.ptr);
	nd_buf_clear(&st->run);
	return err;
}

static int add_seg(md_state *st, nd_op_kind kind, const char *s, size_t len)
{
	seg *last = st->nsegs ? &st->segs[st->nsegs - 1] : NULL;
	int err;

	if (kind == ND_OP_EQUAL) { /* one space between words, none at the start */
		while (len && *s == ' ' &&
		       (!st->raw.len || st->raw.ptr[st->raw.len - 1] == ' ')) {
			s++;
			len--;
		}
	}
	if (!len)
		return 0;
	if ((err = nd_buf_put(&st->raw, s, len)) != 0)
		return err;
	if (last && last->kind == kind) {
		last->len += len;
		return 0;
	}
	if ((err = nd_vec_reserve((void **)&st->segs, &st->capsegs, st->nsegs + 1,
	                          sizeof(seg))) != 0)
		return err;
	st->segs[st->nsegs].kind = kind;
	st->segs[st->nsegs].off = st->raw.len - len;
	st->segs[st->nsegs].len = len;
	st->nsegs++;
	return 0;
}

static int seg_first_class(const md_state *st, size_t i)
{
	if (i >= st->nsegs)
		return CL_SPACE;
	if (st->segs[i].kind != ND_OP_EQUAL)
		return CL_PUNCT; /* a marker */
	return char_class(st->raw.ptr + st->segs[i].off, st->segs[i].len, 0);
}

/* Write the gathered paragraph. */
static int flush_para(md_state *st)
{
	nd_report *r = st->r;
	nd_buf *out = r->out;
	size_t i;
	int err, ls = 1, prev = CL_SPACE;

	if (!st->open)
		return 0;
	st->open = 0;
	/* no spaces at the end of a line: two would make a hard break */
	while (st->nsegs && st->segs[st->nsegs - 1].kind == ND_OP_EQUAL) {
		seg *g = &st->segs[st->nsegs - 1];

		while (g->len && st->raw.ptr[g->off + g->len - 1] == ' ')
			g->len--;
		if (g->len)
			break;
		st->nsegs--;
	}
	err = nd_buf_putc(out, '\n');
	if (!err && st->c->nnew > 1) { /* a part of a split: its label */
		nd_buf_clear(&st->tmp);
		err = nd_labels(&st->tmp, r->cs->new, st->c->new + st->part, 1);
		if (!err)
			err = md_text(st, out, st->tmp.ptr, st->tmp.len, &ls);
		if (!err)
			err = nd_buf_putc(out, ' ');
		ls = 0;
	}
	for (i = 0; i < st->nsegs && !err; i++) {
		const seg *g = &st->segs[i];
		const char *s = st->raw.ptr + g->off;
		int last, del = g->kind == ND_OP_DELETE, gap = 0;

		if (g->kind == ND_OP_EQUAL) {
			err = md_text(st, out, s, g->len, &ls);
			prev = char_class(s, g->len, 1);
			continue;
		}
		last = char_class(s, g->len, 1);
		/* whole words replaced: a space between the old and the new */
		if (del && i + 1 < st->nsegs && st->segs[i + 1].kind == ND_OP_INSERT &&
		    prev == CL_SPACE && seg_first_class(st, i + 2) != CL_OTHER &&
		    char_class(st->raw.ptr + st->segs[i + 1].off, st->segs[i + 1].len,
		               0) == CL_OTHER)
			gap = 1;
		err = nd_buf_puts(out, del ? "<del>" : "<ins>");
		ls = 0;
		if (!err)
			err = md_text(st, out, s, g->len, &ls);
		if (!err)
			err = nd_buf_puts(out, del ? "</del>" : "</ins>");
		if (!err && gap)
			err = nd_buf_putc(out, ' ');
		prev = gap ? CL_SPACE : last;
		ls = 0;
	}
	if (!err)
		err = nd_buf_putc(out, '\n');
	st->nsegs = 0;
	nd_buf_clear(&st->raw);
	return err;
}

static int md_piece(void *ud, size_t part, nd_op_kind kind, const char *s,
                    size_t len)
{
	md_state *st = ud;
	size_t lead = 0, trail = 0;
	int err = 0;

	if (st->open && part != st->part)
		err = flush_para(st);
	if (err)
		return err;
	st->open = 1;
	st->part = part;
	if (kind == ND_OP_EQUAL)
		return add_seg(st, kind, s, len);
	if (len && strspn(s, " ") >= len) /* spaces alone: show them as ␣ */
		return add_seg(st, kind, "\xE2\x90\xA3", 3);
	/* spaces at the edges of an edit go outside its markers */
	while (lead < len && s[lead] == ' ')
		lead++;
	while (trail < len - lead && s[len - 1 - trail] == ' ')
		trail++;
	if (lead)
		err = add_seg(st, ND_OP_EQUAL, " ", 1);
	if (!err)
		err = add_seg(st, kind, s + lead, len - lead - trail);
	if (!err && trail)
		err = add_seg(st, ND_OP_EQUAL, " ", 1);
	return err;
}

/* "Code of conduct › " before the label of an unnumbered paragraph,
 * whose "¶1" names a paragraph in every section (nothing at the top). */
static int path_of(md_state *st, nd_buf *out, const nd_doc *d, size_t i)
{
	nd_buf path = ND_BUF_INIT;
	int ls = 0, err = nd_context(&path, d, i, 0);

	if (!err && path.len)
		err = md_text(st, out, path.ptr, path.len, &ls);
	if (!err && path.len)
		err = nd_buf_puts(out, " \xE2\x80\xBA ");
	nd_buf_dispose(&path);
	return err;
}

static int md_change(nd_report *r, const nd_change *c)
{
	md_state *st = r->state;
	const nd_doc *d;
	size_t i = nd_anchor(r->cs, c, &d), nparts;
	int heading = i != ND_NO_PARENT && d->clauses[i].kind == ND_CLAUSE_HEADING;
	int quiet = nd_is_quiet(c), err, ls = 0;
	nd_buf *t = &st->tmp;

	nd_buf_clear(t);
	if ((err = nd_context(t, d, i, quiet && heading)) != 0)
		return err;
	if (!rpt_same(t, &st->ctx)) {
		nd_buf_clear(&st->ctx);
		err = nd_buf_put(&st->ctx, t->ptr, t->len);
		if (!err)
			err = flush_run(st);
		if (!err && t->len) {
			/* italics: bold means inserted */
			err = nd_buf_puts(r->out, "\nIn _");
			if (!err)
				err = md_text(st, r->out, st->ctx.ptr, st->ctx.len, &ls);
			if (!err)
				err = nd_buf_putc(r->out, '_');
			if (!err)
				err = within(r->out, rpt_context_within(&st->own, r->cs, d, i,
				                                        quiet && heading),
				             " (", ")");
			if (!err)
				err = nd_buf_puts(r->out, ":\n");
		}
		if (err)
			return err;
	}
	if (quiet && heading && !c->renumbered)
		return 0;
	nd_buf_clear(t);
	if ((err = nd_label_pair(t, r->cs, c)) != 0)
		return err;
	if (quiet) {
		if (st->run.len)
			err = nd_buf_puts(&st->run, ", ");
		if (!err)
			err = md_text(st, &st->run, t->ptr, t->len, &ls);
		if (!err && !heading) /* a heading's is on its "In _X_:" line */
			err = within(&st->run, c->changed_within, " (", ")");
	} else {
		err = flush_run(st);
		if (!err)
			err = nd_buf_puts(r->out, "\n### ");
		if (!err && d->clauses[i].kind == ND_CLAUSE_PARAGRAPH)
			err = path_of(st, r->out, d, i);
		if (!err)
			err = md_text(st, r->out, t->ptr, t->len, &ls);
		if (!err)
			err = nd_buf_puts(r->out, ": ");
		if (!err)
			err = nd_report_kind_words(r->out, c);
		nd_buf_clear(t);
		if (!err && c->moved && (err = nd_report_move_words(t, r->cs, c)) == 0 &&
		    t->len) { /* "; from after PP3 to after PP9" */
			err = nd_buf_puts(r->out, "; ");
			err = err ? err : md_text(st, r->out, t->ptr, t->len, &ls);
		}
		if (!err)
			err = pages(r, c);
		if (!err)
			err = within(r->out, c->changed_within, " \xC2\xB7 ", "");
		if (!err)
			err = nd_buf_putc(r->out, '\n');
		st->c = c;
		st->open = 0;
		if (!err)
			err = nd_redline(r->cs, c, &nparts, md_piece, st);
		if (!err)
			err = flush_para(st);
	}
	if (!err && heading) { /* what follows is under it */
		nd_buf_clear(&st->ctx);
		err = nd_context(&st->ctx, d, i, 1);
	}
	return err;
}

static int md_end(nd_report *r)
{
	md_state *st = r->state;
	size_t k;
	int err = flush_run(st);

	if (!err && r->cs->nnotes)
		err = nd_buf_puts(r->out, "\n### Notes\n\n");
	for (k = 0; k < r->cs->nnotes && !err; k++) {
		int ls = 1;

		err = nd_buf_puts(r->out, "- ");
		if (!err)
			err = md_text(st, r->out, r->cs->notes[k], strlen(r->cs->notes[k]),
			              &ls);
		if (!err)
			err = nd_buf_putc(r->out, '\n');
	}
	return err;
}

static void md_dispose(nd_report *r)
{
	md_state *st = r->state;

	if (!st)
		return;
	nd_buf_dispose(&st->ctx);
	nd_buf_dispose(&st->run);
	nd_buf_dispose(&st->tmp);
	nd_buf_dispose(&st->esc);
	nd_buf_dispose(&st->raw);
	free(st->segs);
	rpt_owners_dispose(&st->own);
}

const nd_report_format nd_report_markdown = {
	"markdown",
	"for pull requests and CI summaries: a table and <del>/<ins> edits",
	sizeof(md_state),
	md_begin,
	md_change,
	md_end,
	md_dispose,
	0,
	NULL, /* small: unchanged provisions are named, not shown */
};
