/* cmd_store.c - the store's commands: init, add, log, show.
 *
 * `add` parses the text before storing it, so nothing that normdiff could
 * not read later (binary, invalid UTF-8, empty) ever enters the store. It
 * compares the text with every version of its series first, reading each
 * (a store holds tens of versions, not thousands), and refuses one it
 * already holds unless --force: adding a file twice is nearly always a
 * slip. A label that is taken is left for nd_store_add to refuse, so that
 * a retried add says that, as it always has.
 *
 * A PDF, Word or OpenDocument file's own title and date (its properties,
 * nd_import_props) fill the title and date the user left unset: --title,
 * --date and the --meta file win. One that the store would refuse is
 * left out, silently: a document's properties are a convenience, never a
 * reason to refuse it. What was taken is said, with where it was found.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "normdiff/error.h"
#include "normdiff/utf8.h"
#include "opts.h"

int cmd_init(cli *c, int argc, char **argv)
{
	const char *path = cli_store_path_for_init(c);
	nd_store *s = NULL;

	(void)argv;
	if (argc > 1)
		return cli_fail("init", "takes no arguments; name the store with "
		                "--store DIR");
	if (nd_store_init(&s, path))
		return cli_fail_lib(path);
	cli_say("created an empty store in %s", nd_store_path(s));
	nd_store_free(s);
	return 0;
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

/* What `file` is, if it cannot be a draft to add: a directory, or the
 * metadata file that goes with --meta (by its name, NAME.meta as beside
 * the bundled drafts). 0, or EXIT_TROUBLE after saying so. */
static int check_draft_file(const char *file)
{
	struct stat st;
	size_t n = strlen(file);

	if (strcmp(file, "-") && stat(file, &st) == 0 && S_ISDIR(st.st_mode))
		return cli_fail("add", "%s is a directory; give the draft's file",
		                file);
	if (n > 5 && !strcmp(file + n - 5, ".meta"))
		return cli_fail("add", "%s is a metadata file: give the draft, and "
		                "this file with --meta %s", file, file);
	return 0;
}

/* The version of `series` whose text is `data`, if one is: its label (or
 * commit) into *same. A label that is taken is left for nd_store_add to
 * refuse, which says so first. 0, or EXIT_TROUBLE after printing. */
static int same_text(nd_store *s, const char *series, const char *label,
                     const char *data, size_t len, nd_buf *same)
{
	nd_version *v = NULL;
	size_t n = 0, i, k;
	int status = 0;

	if (nd_store_log(s, NULL, &v, &n))
		return cli_fail_lib("store");
	for (i = 0; i < n; i++)
		for (k = 0; k < v[i].nlabels; k++)
			if (!strcmp(v[i].labels[k], label))
				goto done;
	for (i = 0; i < n && !same->len && !status; i++) {
		char *old = NULL;
		size_t oldlen;

		if (strcmp(or_dash(v[i].meta.series), series))
			continue;
		if (nd_store_read(s, v[i].oid, &old, &oldlen, NULL))
			status = cli_fail_lib("store");
		else if (oldlen == len && !memcmp(old, data, len) &&
		         nd_buf_puts(same, v[i].nlabels ? v[i].labels[0] : v[i].oid))
			status = cli_fail(NULL, "out of memory");
		free(old);
	}
done:
	nd_versions_free(v, n);
	return status;
}

/* Add the checked text `data` of `file` (n provisions) as described by
 * meta, unless it is a version of its series already (and !force); say
 * what was added and to which series. 0, or EXIT_TROUBLE after printing. */
static int store_version(nd_store *s, const char *file, const char *data,
                         size_t len, const nd_meta *meta, int force, size_t n)
{
	nd_buf same = ND_BUF_INIT;
	char oid[41];
	int status = EXIT_TROUBLE;

	if (!force && same_text(s, meta->series ? meta->series
	                                        : ND_STORE_DEFAULT_SERIES,
	                        meta->label, data, len, &same))
		goto done;
	if (same.len) {
		cli_fail("add", "%s is the same text as version %s; add it anyway "
		         "with --force", file, same.ptr);
		goto done;
	}
	if (nd_store_add(s, data, len, meta, force, oid)) {
		cli_fail_lib(meta->label);
		goto done;
	}
	if (meta->series)
		cli_say("added %s as %.7s (%zu provisions) to the series %s",
		        meta->label, oid, n, meta->series);
	else
		cli_say("added %s as %.7s (%zu provisions) to the series %s (the "
		        "default; --series PATH picks another)", meta->label, oid, n,
		        ND_STORE_DEFAULT_SERIES);
	if (nd_store_warning(s))
		cli_note("store: %s", nd_store_warning(s));
	status = 0;
done:
	nd_buf_dispose(&same);
	return status;
}

/* An option of add that sets a metadata key. */
typedef struct meta_key {
	int opt;         /* option value */
	const char *key; /* nd_meta key */
} meta_key;

/* The metadata of a new version: the --meta file's, then each option
 * given (given[k] for keys[k]) over it; a label is required. 0, or
 * EXIT_TROUBLE after printing. */
static int gather_meta(nd_meta *meta, const char *metafile,
                       const meta_key *keys, const char *const *given,
                       size_t nkeys)
{
	char *text = NULL;
	size_t len, k;
	int status = EXIT_TROUBLE;

	if (metafile && cli_read_file(metafile, &text, &len)) {
		cli_fail_lib(metafile);
		goto done;
	}
	if (metafile && nd_meta_parse(meta, text, len, metafile)) {
		cli_fail_lib(NULL);
		goto done;
	}
	for (k = 0; k < nkeys; k++)
		if (given[k] && nd_meta_set(meta, keys[k].key, given[k])) {
			cli_fail(NULL, "--%s: %s", keys[k].key, nd_error_message());
			goto done;
		}
	if (!meta->label) {
		cli_fail("add", "needs a label: give --label L (e.g. --label 2011) "
		         "or a 'Label:' line in the --meta file");
		goto done;
	}
	status = 0;
done:
	free(text);
	return status;
}

/* The title and date the document declares, where meta has none; *took
 * gets 1 for the title, 2 for the date. 0, or EXIT_TROUBLE (out of
 * memory) after printing. */
static int document_meta(cli *c, const char *data, size_t len, nd_meta *meta,
                         nd_props *p, int *took)
{
	*took = 0;
	if (nd_import_props(data, len, cli_format(c, data, len), p))
		return cli_fail_lib(NULL);
	if (!meta->title && p->title && nd_meta_set(meta, "title", p->title) == 0)
		*took |= 1;
	if (!meta->date && p->date[0] && nd_meta_set(meta, "date", p->date) == 0)
		*took |= 2;
	return 0;
}

/* What document_meta took, and from where. */
static void say_taken(const nd_meta *meta, const nd_props *p, int took)
{
	if (took & 1)
		cli_say("title from the document (%s): %s", p->title_from, meta->title);
	if (took & 2)
		cli_say("date from the document (%s): %s", p->date_from, meta->date);
}

int cmd_add(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"meta", required_argument, NULL, 'M'},
		{"label", required_argument, NULL, 'l'},
		{"series", required_argument, NULL, 'S'},
		{"date", required_argument, NULL, 'd'},
		{"symbol", required_argument, NULL, 's'},
		{"title", required_argument, NULL, 't'},
		{"sponsors", required_argument, NULL, 'p'},
		{"source", required_argument, NULL, 'r'},
		{"message", required_argument, NULL, 'm'},
		{"force", no_argument, NULL, 'F'},
		{NULL, 0, NULL, 0},
	};
	/* option letters paired with metadata keys, applied after --meta */
	static const meta_key keys[] = {
		{'l', "label"}, {'S', "series"}, {'d', "date"}, {'s', "symbol"},
		{'t', "title"}, {'p', "sponsors"}, {'r', "source"}, {'m', "message"},
	};
	enum { NKEYS = sizeof(keys) / sizeof(keys[0]) };
	const char *given[NKEYS] = {0};
	const char *metafile = NULL, *file;
	nd_meta meta;
	nd_props props;
	nd_doc *doc = NULL;
	char *data = NULL;
	size_t len, k;
	int ch, force = 0, took = 0, status = EXIT_TROUBLE;
	nd_store *s;

	nd_meta_init(&meta);
	nd_props_init(&props);
	optind = 0;
	while ((ch = cli_getopt(argc, argv, "m:", longopts)) != -1) {
		for (k = 0; k < NKEYS && keys[k].opt != ch; k++)
			;
		if (ch == 'M')
			metafile = optarg;
		else if (ch == 'F')
			force = 1;
		else if (k < NKEYS)
			given[k] = optarg;
		else
			goto done;
	}
	if (argc - optind != 1) {
		cli_fail("add", "give one file: normdiff add FILE --label L");
		goto done;
	}
	file = argv[optind];
	if (check_draft_file(file) ||
	    gather_meta(&meta, metafile, keys, given, NKEYS))
		goto done;
	if (cli_read_file(file, &data, &len)) {
		cli_fail_lib(!strcmp(file, "-") ? "standard input" : file);
		goto done;
	}
	if (cli_parse(c, file, data, len, &doc, NULL) ||
	    document_meta(c, data, len, &meta, &props, &took) ||
	    (s = cli_store(c, 0)) == NULL)
		goto done;
	if (!(status = store_version(s, file, data, len, &meta, force, doc->n)))
		say_taken(&meta, &props, took);
done:
	nd_doc_free(doc);
	free(data);
	nd_meta_dispose(&meta);
	nd_props_dispose(&props);
	return status;
}

/* Provisions in a stored version, or -1 if it cannot be parsed; -2 (the
 * error set) if the store is damaged. */
static long count_provisions(cli *c, nd_store *s, const char *oid)
{
	const nd_grammar *g = cli_grammar(c);
	char *data = NULL;
	size_t len;
	nd_doc *doc = NULL;
	long n = -1;
	int err = g ? nd_store_read(s, oid, &data, &len, NULL) : ND_ERR;

	if (err == ND_ECORRUPT || err == ND_EIO)
		n = -2;
	else if (!err && cli_doc_parse(c, data, len, g, &doc, NULL) == 0)
		n = (long)doc->n;
	nd_doc_free(doc);
	free(data);
	return n;
}

/* The labels a version has now, comma-separated; a version whose label was
 * moved to another by `add --force` shows the label it was added with in
 * parentheses. */
static int version_labels(nd_buf *b, const nd_version *v)
{
	size_t k;
	int err = 0;

	if (v->nlabels == 0)
		return nd_buf_printf(b, v->meta.label ? "(%s)" : "-",
		                     v->meta.label);
	for (k = 0; k < v->nlabels && !err; k++)
		err = nd_buf_printf(b, "%s%s", k ? "," : "", v->labels[k]);
	return err;
}

static int put_cell(nd_buf *b, const char *s, size_t width)
{
	size_t start = b->len, n;
	int err = nd_utf8_escape(b, s, strlen(s), 0);

	n = nd_utf8_count(b->ptr + start, b->len - start);
	while (!err && n++ < width)
		err = nd_buf_putc(b, ' ');
	return err;
}

/* The width of s as put_cell shows it (escaped: "<U+2066>" is 8 wide). */
static size_t cell_width(const char *s, size_t len)
{
	nd_buf e = ND_BUF_INIT;
	size_t n = nd_utf8_escape(&e, s, len, 0) ? len
	                                          : nd_utf8_count(e.ptr, e.len);

	nd_buf_dispose(&e);
	return n;
}

/* log --labels: every label, one a line, newest version first; for
 * scripts and the shell's completion. */
static int list_labels(const nd_version *v, size_t n)
{
	nd_buf out = ND_BUF_INIT;
	size_t i, k;
	int err = 0, status;

	for (i = 0; i < n && !err; i++)
		for (k = 0; k < v[i].nlabels && !err; k++)
			err = nd_buf_printf(&out, "%s\n", v[i].labels[k]);
	status = err ? cli_fail_lib("log") : cli_write(NULL, &out);
	nd_buf_dispose(&out);
	return status;
}

/* Do the versions belong to more than one series? */
static int several_series(const nd_version *v, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++)
		if (strcmp(or_dash(v[i].meta.series), or_dash(v[0].meta.series)))
			return 1;
	return 0;
}

/* The table of `log`: a row a version, newest first, with a SERIES
 * column when the versions are of more than one series. */
static int log_table(cli *c, nd_store *s, const nd_version *v, size_t n)
{
	nd_buf out = ND_BUF_INIT, *labels;
	size_t i, wl = 5, ws = 6, wr = 6;
	int err = 0, status = EXIT_TROUBLE, show_series = several_series(v, n);

	labels = calloc(n, sizeof(nd_buf));
	if (!labels)
		return cli_fail(NULL, "out of memory");
	for (i = 0; i < n && !err; i++) {
		size_t y = cell_width(or_dash(v[i].meta.symbol),
		                      strlen(or_dash(v[i].meta.symbol)));
		size_t r = cell_width(or_dash(v[i].meta.series),
		                      strlen(or_dash(v[i].meta.series)));

		err = version_labels(&labels[i], &v[i]);
		if (!err && cell_width(labels[i].ptr, labels[i].len) > wl)
			wl = cell_width(labels[i].ptr, labels[i].len);
		ws = y > ws ? y : ws;
		wr = r > wr ? r : wr;
	}
	err = err ? err : put_cell(&out, "LABEL", wl + 2);
	if (!err && show_series)
		err = put_cell(&out, "SERIES", wr + 2);
	err = err ? err : nd_buf_puts(&out, "DATE        ");
	err = err ? err : put_cell(&out, "SYMBOL", ws + 2);
	err = err ? err : nd_buf_puts(&out, "COMMIT   PROVISIONS  TITLE\n");
	for (i = 0; i < n && !err; i++) {
		long count = count_provisions(c, s, v[i].oid);

		if (count == -2) {
			err = ND_ECORRUPT;
			break;
		}
		err = put_cell(&out, labels[i].ptr, wl + 2);
		if (!err && show_series)
			err = put_cell(&out, or_dash(v[i].meta.series), wr + 2);
		err = err ? err : put_cell(&out, or_dash(v[i].meta.date), 12);
		err = err ? err : put_cell(&out, or_dash(v[i].meta.symbol), ws + 2);
		err = err ? err : nd_buf_printf(&out, "%.7s  ", v[i].oid);
		if (!err && count >= 0)
			err = nd_buf_printf(&out, "%10ld  ", count);
		else if (!err)
			err = nd_buf_printf(&out, "%10s  ", "?");
		err = err ? err : put_cell(&out, or_dash(v[i].meta.title), 0);
		err = err ? err : nd_buf_putc(&out, '\n');
	}
	if (err)
		cli_fail_lib("store");
	else
		status = cli_write_report(NULL, &out);
	for (i = 0; i < n; i++)
		nd_buf_dispose(&labels[i]);
	free(labels);
	nd_buf_dispose(&out);
	return status;
}

int cmd_log(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"series", required_argument, NULL, 'S'},
		{"labels", no_argument, NULL, 'L'},
		{NULL, 0, NULL, 0},
	};
	const char *series = NULL;
	nd_version *v = NULL;
	size_t n = 0;
	nd_store *s;
	int ch, only_labels = 0, status;

	optind = 0;
	while ((ch = cli_getopt(argc, argv, "", longopts)) != -1) {
		if (ch == 'L')
			only_labels = 1;
		else if (ch == 'S')
			series = optarg;
		else
			return EXIT_TROUBLE;
	}
	if (argc - optind != 0)
		return cli_fail("log", "takes no arguments besides --series and "
		                "--labels");
	if ((s = cli_store(c, 0)) == NULL)
		return EXIT_TROUBLE;
	if (nd_store_log(s, series, &v, &n))
		return cli_fail_lib("store");
	if (only_labels)
		status = list_labels(v, n);
	else if (n == 0) {
		cli_note("the store at %s holds no versions yet; add one with "
		         "`normdiff add FILE --label L`", nd_store_path(s));
		status = 0;
	} else
		status = log_table(c, s, v, n);
	nd_versions_free(v, n);
	return status;
}

int cmd_show(cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"raw", no_argument, NULL, 'R'},
		{NULL, 0, NULL, 0},
	};
	static const char *names[] = {"label", "date", "symbol", "title",
	                              "sponsors", "source", "series"};
	nd_store *s;
	nd_version v;
	nd_buf out = ND_BUF_INIT;
	char *data = NULL;
	size_t len, k;
	int ch, raw = 0, err = 0, status = EXIT_TROUBLE;

	optind = 0;
	while ((ch = cli_getopt(argc, argv, "", longopts)) != -1) {
		if (ch != 'R')
			return EXIT_TROUBLE;
		raw = 1;
	}
	if (argc - optind != 1)
		return cli_fail("show", "give one version: normdiff show LABEL|REV");
	if ((s = cli_store(c, 0)) == NULL)
		return EXIT_TROUBLE;
	nd_version_init(&v);
	if (nd_store_read(s, argv[optind], &data, &len, &v)) {
		cli_fail_lib(argv[optind]);
		goto done;
	}
	if (raw && !isatty(STDOUT_FILENO)) {
		err = nd_buf_put(&out, data, len);
	} else {
		const char *vals[] = {v.meta.label, v.meta.date, v.meta.symbol,
		                      v.meta.title, v.meta.sponsors, v.meta.source,
		                      v.meta.series};

		err = nd_buf_printf(&out, "commit    %s\n", v.oid);
		for (k = 0; k < sizeof(names) / sizeof(names[0]) && !err; k++) {
			if (!vals[k])
				continue;
			err = nd_buf_printf(&out, "%-9s ", names[k]);
			err = err ? err : nd_utf8_escape(&out, vals[k], strlen(vals[k]), 0);
			err = err ? err : nd_buf_putc(&out, '\n');
		}
		err = err ? err : nd_buf_putc(&out, '\n');
		/* draft text is data: control characters are shown, not obeyed */
		err = err ? err : nd_utf8_escape(&out, data, len, 1);
		if (!err && len && data[len - 1] != '\n')
			err = nd_buf_putc(&out, '\n');
	}
	if (err)
		cli_fail_lib("show");
	else
		status = cli_write_report(NULL, &out);
done:
	nd_buf_dispose(&out);
	nd_version_dispose(&v);
	free(data);
	return status;
}
