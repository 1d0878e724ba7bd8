/* import.h - the documents people exchange (PDF, Word, OpenDocument) read
 * as the plain text the rest of normdiff parses: one paragraph per line,
 * a blank line between paragraphs, the labels automatic numbering shows
 * written out ("(a) ", "1. "), a heading underlined on the line after it
 * ("===" at the top level, "---" below) as plain text marks one, page
 * furniture left out.
 *
 * The importers only compute: bytes in, UTF-8 text out (nd_buf), a clear
 * one-line error otherwise (ND_EBINARY for a file of the wrong kind,
 * ND_ETOOBIG past the limits below, ND_ECORRUPT for a damaged file,
 * ND_EEMPTY for a PDF without a text layer). They never touch a file by
 * name, the network or the environment; external entities in XML are
 * never resolved.
 *
 * A PDF's reader also tells the page of each line of its text (an
 * nd_pagemap, asked for through nd_import_opts.pages), so that a
 * provision parsed from it knows where it stood.
 *
 * Ownership: nothing is kept past a call; *out and *pages are the
 * caller's.
 */
#ifndef NORMDIFF_IMPORT_H
#define NORMDIFF_IMPORT_H

#include <stddef.h>

#include "normdiff/buf.h"
#include "normdiff/pagemap.h"

typedef enum nd_format {
	ND_FORMAT_TEXT, /* already text (also: anything not recognised) */
	ND_FORMAT_PDF,  /* starts with %PDF- */
	ND_FORMAT_DOCX, /* a zip holding word/document.xml */
	ND_FORMAT_ODT   /* a zip whose mimetype is an OpenDocument text */
} nd_format;

/* "text", "pdf", "docx", "odt". */
const char *nd_format_name(nd_format f);
/* The format called `name`, or -1. */
int nd_format_find(const char *name);

/* What the bytes are, by their content (never by a file name). */
nd_format nd_import_detect(const char *data, size_t len);

/* How tracked changes in a Word or OpenDocument file are read. */
typedef enum nd_changes {
	ND_CHANGES_ACCEPT, /* the text as if every change were accepted */
	ND_CHANGES_REJECT  /* ... rejected: the text before them */
} nd_changes;

/* The paragraph style of the first page of a Word redline written by
 * normdiff (its summary): the reader leaves such paragraphs out, so a
 * redline reads back as exactly the two versions it compares. */
#define ND_IMPORT_SUMMARY_STYLE "NormdiffSummary"

typedef struct nd_import_opts {
	nd_changes changes; /* tracked changes (accept by default) */
	nd_pagemap *pages;  /* NULL (the default), or where to put the page of
	                       each line of the text appended, counted from
	                       the first line appended: filled for a PDF,
	                       emptied for the formats without pages */
} nd_import_opts;

void nd_import_opts_init(nd_import_opts *o);

/* Limits against hostile files: what a zip member may inflate to, and
 * by what ratio; how deep XML may nest. */
#define ND_IMPORT_MAX_MEMBER (256u * 1024u * 1024u)
#define ND_IMPORT_MAX_RATIO 200u
#define ND_IMPORT_MAX_DEPTH 256

/* Append the text of data[0..len) read as format f (ND_FORMAT_TEXT
 * copies it as it is). `o` may be NULL for the defaults. On failure out
 * is as it was and one message is recorded. */
int nd_import(nd_buf *out, const char *data, size_t len, nd_format f,
              const nd_import_opts *o);

/* The readers, each also reachable through nd_import (same contract).
 * `pages` may be NULL; on failure it is as it was. */
int nd_import_pdf(nd_buf *out, const char *data, size_t len,
                  nd_pagemap *pages);
int nd_import_docx(nd_buf *out, const char *data, size_t len,
                   const nd_import_opts *o);
int nd_import_odt(nd_buf *out, const char *data, size_t len,
                  const nd_import_opts *o);

/* What a document declares about itself in its properties: its title
 * and date, for the metadata of a version (`add`). */
typedef struct nd_props {
	char *title;           /* one line of UTF-8 (malloc'ed), or NULL */
	char date[11];         /* YYYY-MM-DD, a real calendar day, or "" */
	const char *title_from; /* where each was found (static), e.g. */
	const char *date_from;  /* "dc:title in docProps/core.xml"; or NULL */
} nd_props;

void nd_props_init(nd_props *p);
void nd_props_dispose(nd_props *p);

/* Fill *p from data[0..len) read as format f: Word's docProps/core.xml
 * (dc:title; dcterms:modified, else dcterms:created), OpenDocument's
 * meta.xml (dc:title; dc:date, else meta:creation-date), a PDF's Info
 * dictionary (Title; CreationDate, else ModDate) and, for what that
 * lacks, its XMP packet (dc:title; xmp:CreateDate, else xmp:ModifyDate;
 * a creation date before any modification date); a text has none. A
 * title has its white space runs made one space and is trimmed; C0
 * controls and DEL in it are written in their visible form (utf8.h:
 * "^["), bytes of ill-formed UTF-8 as "<0xFF>", so it is a value the
 * store takes; an empty title or one past ND_IMPORT_TITLE_MAX bytes is
 * none. A date is the day a W3C date-time or PDF date names as written
 * (its time and zone aside) when that is a real calendar day. Absent,
 * damaged or bad properties are left empty: never an error, but for
 * ND_ENOMEM. Computes only, as the readers do. */
#define ND_IMPORT_TITLE_MAX 1000
int nd_import_props(const char *data, size_t len, nd_format f,
                    nd_props *p);

#endif
