/* test_store.c - the draft store, nd_git_read and the metadata parser.
 *
 * Every test works in its own temporary directory (under $TMPDIR or /tmp)
 * and removes it afterwards. main() holds one libgit2 initialisation for
 * the whole run and points libgit2's global, XDG and system configuration
 * at an empty directory, so the runner's ~/.gitconfig cannot change an
 * author; at the end it checks that the library's own init/shutdown calls
 * were balanced.
 */
#define _XOPEN_SOURCE 700 /* nftw(), realpath() */

#include <errno.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <git2.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/store.h"
#include "support.h"

/* Per-test state. */
typedef struct fixture {
	char *dir;   /* fresh temporary directory, removed after the test */
	char *store; /* dir/.normdiff, not created by the fixture */
} fixture;

/* ---- file helpers ------------------------------------------------------ */

static char *join(const char *a, const char *b)
{
	nd_buf buf = ND_BUF_INIT;

	assert_int_equal(nd_buf_printf(&buf, "%s/%s", a, b), 0);
	return nd_buf_detach(&buf);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
	assert_int_equal(fclose(f), 0);
}

static int exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static char *tmp_new(const char *base)
{
	char *t = join(base, "normdiff-test-XXXXXX");

	assert_non_null(mkdtemp(t));
	return t;
}

static const char *tmp_base(void)
{
	const char *t = getenv("TMPDIR");

	return t && *t ? t : "/tmp";
}

static int rm_one(const char *path, const struct stat *st, int flag,
                  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void rm_rf(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	f->dir = tmp_new(tmp_base());
	f->store = join(f->dir, ".normdiff");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	rm_rf(f->dir);
	free(f->dir);
	free(f->store);
	free(f);
	return 0;
}

/* ---- store helpers ----------------------------------------------------- */

static int add(nd_store *s, const char *label, const char *series,
               const char *date, const char *text, int force, char *oid)
{
	nd_meta m;
	int err;

	nd_meta_init(&m);
	m.label = label ? strdup(label) : NULL;
	m.series = series ? strdup(series) : NULL;
	m.date = date ? strdup(date) : NULL;
	err = nd_store_add(s, text, strlen(text), &m, force, oid);
	nd_meta_dispose(&m);
	return err;
}

static nd_store *open_ok(const char *path)
{
	nd_store *s = NULL;

	if (nd_store_open(&s, path) != 0)
		fail_msg("cannot open %s: %s", path, nd_error_message());
	assert_non_null(s);
	return s;
}

/* Everything a failed add must not change: every file under refs/ and
 * logs/ (with content, so a lock file left behind shows), packed-refs,
 * HEAD, and the log as normdiff reads it. */
static nd_buf snap_files;     /* lines collected by snap_one */
static size_t snap_root_len;  /* length of the store path, cut from names */

static int snap_one(const char *path, const struct stat *st, int flag,
                    struct FTW *ftw)
{
	char *content;

	(void)st;
	(void)ftw;
	if (flag != FTW_F)
		return 0;
	content = test_slurp(path, NULL);
	assert_int_equal(nd_buf_printf(&snap_files, "%s = %s\n",
	                               path + snap_root_len,
	                               content ? content : "(unreadable)"), 0);
	free(content);
	return 0;
}

static char *snapshot(const char *store)
{
	static const char *const parts[] = {"refs", "logs", "packed-refs", "HEAD"};
	nd_version *v = NULL;
	nd_store *s;
	size_t n = 0, i, j;
	char *p;

	nd_buf_init(&snap_files);
	snap_root_len = strlen(store);
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		p = join(store, parts[i]);
		nftw(p, snap_one, 16, FTW_PHYS);
		free(p);
	}
	s = open_ok(store);
	assert_int_equal(nd_store_log(s, NULL, &v, &n), 0);
	for (i = 0; i < n; i++) {
		assert_int_equal(nd_buf_printf(&snap_files, "log %s %s", v[i].oid,
		                               v[i].meta.label), 0);
		for (j = 0; j < v[i].nlabels; j++)
			assert_int_equal(nd_buf_printf(&snap_files, " [%s]",
			                               v[i].labels[j]), 0);
		assert_int_equal(nd_buf_putc(&snap_files, '\n'), 0);
	}
	nd_versions_free(v, n);
	nd_store_free(s);
	return nd_buf_detach(&snap_files);
}

static size_t log_len(nd_store *s)
{
	nd_version *v = NULL;
	size_t n = 0;

	assert_int_equal(nd_store_log(s, NULL, &v, &n), 0);
	nd_versions_free(v, n);
	return n;
}

static void assert_reads(nd_store *s, const char *spec, const char *text)
{
	char *data = NULL;
	size_t len = 0;

	assert_int_equal(nd_store_read(s, spec, &data, &len, NULL), 0);
	assert_int_equal(len, strlen(text));
	assert_memory_equal(data, text, len);
	assert_int_equal(data[len], '\0');
	free(data);
}

static void assert_msg_has(const char *needle)
{
	if (!strstr(nd_error_message(), needle))
		fail_msg("message \"%s\" lacks \"%s\"", nd_error_message(), needle);
}

static void today(char *out, size_t size)
{
	time_t now = time(NULL);
	struct tm tm;

	assert_non_null(gmtime_r(&now, &tm));
	assert_true(strftime(out, size, "%Y-%m-%d", &tm) == 10);
}

/* ---- init, open, add, log, read ---------------------------------------- */

static void test_roundtrip(void **state)
{
	fixture *f = *state;
	const char *t2011 = "Code of conduct\n(a) To comply with the Charter.\n";
	const char *t2015 = "Code of conduct\n(1) To comply with the Charter.\n";
	char oid11[41], oid15[41], oid3[41], short11[8], day0[11], day1[11];
	char *deep = join(f->dir, "a/b/.normdiff"), *data = NULL;
	git_repository *repo = NULL;
	git_object *obj = NULL;
	const git_signature *who;
	nd_version *v = NULL, ver;
	nd_meta m;
	nd_store *s = NULL;
	size_t n = 1, len;
	time_t before = time(NULL);

	/* init creates the parents and an empty store */
	assert_int_equal(nd_store_init(&s, deep), 0);
	assert_string_equal(nd_store_path(s), deep);
	assert_int_equal(nd_store_log(s, NULL, &v, &n), 0);
	assert_null(v);
	assert_int_equal(n, 0);

	nd_meta_init(&m);
	assert_int_equal(nd_meta_set(&m, "Label", "2011"), 0);
	assert_int_equal(nd_meta_set(&m, "Series", "code-of-conduct.txt"), 0);
	assert_int_equal(nd_meta_set(&m, "Title", "International code of conduct "
	                             "for information security"), 0);
	assert_int_equal(nd_meta_set(&m, "Symbol", "A/66/359"), 0);
	assert_int_equal(nd_meta_set(&m, "Date", "2011-09-14"), 0);
	assert_int_equal(nd_meta_set(&m, "Sponsors", "China, Russian Federation"), 0);
	assert_int_equal(nd_meta_set(&m, "Source", "Annex: letter of 12 September"), 0);
	assert_int_equal(nd_meta_set(&m, "Message", "First version."), 0);
	assert_int_equal(nd_store_add(s, t2011, strlen(t2011), &m, 0, oid11), 0);
	assert_int_equal(strlen(oid11), 40);
	nd_meta_dispose(&m);

	nd_meta_init(&m);
	m.label = strdup("2015");
	m.series = strdup("code-of-conduct.txt");
	m.symbol = strdup("A/69/723");
	m.date = strdup("2015-01-13");
	m.message = strdup("Revised text.\n\nSecond paragraph.");
	assert_int_equal(nd_store_add(s, t2015, strlen(t2015), &m, 0, oid15), 0);
	nd_meta_dispose(&m);
	assert_string_not_equal(oid11, oid15);
	nd_store_free(s);

	/* everything comes back after reopening */
	s = open_ok(deep);
	assert_int_equal(nd_store_log(s, NULL, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].oid, oid15);
	assert_string_equal(v[1].oid, oid11);
	assert_int_equal(v[0].time, 1421107200);
	assert_int_equal(v[1].time, 1315958400);
	assert_string_equal(v[1].meta.label, "2011");
	assert_string_equal(v[1].meta.series, "code-of-conduct.txt");
	assert_string_equal(v[1].meta.title, "International code of conduct for "
	                    "information security");
	assert_string_equal(v[1].meta.symbol, "A/66/359");
	assert_string_equal(v[1].meta.date, "2011-09-14");
	assert_string_equal(v[1].meta.sponsors, "China, Russian Federation");
	assert_string_equal(v[1].meta.source, "Annex: letter of 12 September");
	assert_string_equal(v[1].meta.message, "First version.");
	assert_int_equal(v[1].nlabels, 1);
	assert_string_equal(v[1].labels[0], "2011");
	assert_string_equal(v[0].meta.label, "2015");
	assert_null(v[0].meta.title);     /* only fields that were set */
	assert_null(v[0].meta.sponsors);
	assert_string_equal(v[0].meta.message, "Revised text.\n\nSecond paragraph.");
	assert_int_equal(v[0].nlabels, 1);
	assert_string_equal(v[0].labels[0], "2015");
	nd_versions_free(v, n);

	/* by label, by full and short commit id, by revision */
	assert_reads(s, "2011", t2011);
	assert_reads(s, "2015", t2015);
	assert_reads(s, oid11, t2011);
	memcpy(short11, oid11, 7);
	short11[7] = '\0';
	assert_reads(s, short11, t2011);
	assert_reads(s, "main", t2015);
	assert_reads(s, "main~1", t2011);
	assert_reads(s, "HEAD^", t2011);

	nd_version_init(&ver);
	assert_int_equal(nd_store_read(s, "2011", &data, &len, &ver), 0);
	assert_string_equal(ver.oid, oid11);
	assert_int_equal(ver.time, 1315958400);
	assert_string_equal(ver.meta.symbol, "A/66/359");
	assert_int_equal(ver.nlabels, 1);
	assert_string_equal(ver.labels[0], "2011");
	free(data);
	/* a failed read leaves the version as it was */
	assert_int_equal(nd_store_read(s, "1999", &data, &len, &ver), ND_ENOTFOUND);
	assert_null(data);
	assert_string_equal(ver.oid, oid11);
	assert_msg_has("no version labelled '1999' and no such revision in the "
	               "store at ");
	assert_msg_has(deep);
	assert_msg_has("`normdiff log`");
	nd_version_dispose(&ver);
	assert_int_equal(nd_store_read(s, "main~5", &data, &len, NULL), ND_ENOTFOUND);

	/* the commit as plain git sees it: subject, trailers, author */
	assert_int_equal(git_repository_open_bare(&repo, deep), 0);
	assert_int_equal(git_revparse_single(&obj, repo, "2011"), 0);
	assert_int_equal(git_object_type(obj), GIT_OBJECT_COMMIT);
	assert_string_equal(git_commit_message((git_commit *)obj),
	                    "2011: International code of conduct for information "
	                    "security\n\nFirst version.\n\n"
	                    "Label: 2011\nSeries: code-of-conduct.txt\n"
	                    "Title: International code of conduct for information "
	                    "security\nSymbol: A/66/359\nDate: 2011-09-14\n"
	                    "Sponsors: China, Russian Federation\n"
	                    "Source: Annex: letter of 12 September\n");
	who = git_commit_author((git_commit *)obj);
	assert_string_equal(who->name, "normdiff");
	assert_string_equal(who->email, "normdiff@localhost");
	assert_int_equal(who->when.time, 1315958400);
	assert_int_equal(who->when.offset, 0);
	who = git_commit_committer((git_commit *)obj);
	assert_true(who->when.time >= before && who->when.time <= time(NULL));
	git_object_free(obj);
	obj = NULL;
	/* the 2015 commit has "<label>: <series>" as subject: no title */
	assert_int_equal(git_revparse_single(&obj, repo, "2015"), 0);
	assert_string_equal(git_commit_summary((git_commit *)obj),
	                    "2015: code-of-conduct.txt");
	git_object_free(obj);
	obj = NULL;
	assert_int_equal(git_revparse_single(&obj, repo, "refs/heads/main"), 0);
	assert_string_equal(git_oid_tostr_s(git_object_id(obj)), oid15);
	git_object_free(obj);
	obj = NULL;

	/* defaults: series draft.txt, date today (UTC); empty text allowed */
	today(day0, sizeof(day0));
	assert_int_equal(add(s, "rev-3", NULL, NULL, "", 0, oid3), 0);
	today(day1, sizeof(day1));
	nd_version_init(&ver);
	assert_int_equal(nd_store_read(s, "rev-3", &data, &len, &ver), 0);
	assert_int_equal(len, 0);
	assert_string_equal(data, "");
	assert_string_equal(ver.meta.series, "draft.txt");
	assert_true(!strcmp(ver.meta.date, day0) || !strcmp(ver.meta.date, day1));
	assert_int_equal(ver.time % 86400, 0);
	free(data);
	nd_version_dispose(&ver);
	/* a draft older than 1970 keeps its date in the trailer only */
	assert_int_equal(add(s, "charter", NULL, "1945-06-26", "We the peoples\n",
	                     0, NULL), 0);
	nd_version_init(&ver);
	assert_int_equal(nd_store_read(s, "charter", &data, &len, &ver), 0);
	assert_string_equal(ver.meta.date, "1945-06-26");
	assert_int_equal(ver.time, 0);
	free(data);
	nd_version_dispose(&ver);
	/* the new commit keeps the other series' file in its tree */
	assert_int_equal(git_revparse_single(&obj, repo, "rev-3:code-of-conduct.txt"), 0);
	assert_int_equal(git_object_type(obj), GIT_OBJECT_BLOB);
	git_object_free(obj);
	git_repository_free(repo);
	nd_store_free(s);
	free(deep);
}

static void test_configured_user_is_author(void **state)
{
	fixture *f = *state;
	git_repository *repo = NULL;
	git_config *cfg = NULL;
	git_object *obj = NULL;
	nd_store *s = NULL;
	char *cfgpath = join(f->store, "config");

	assert_int_equal(nd_store_init(&s, f->store), 0);
	nd_store_free(s);
	assert_int_equal(git_config_open_ondisk(&cfg, cfgpath), 0);
	assert_int_equal(git_config_set_string(cfg, "user.name", "Ana Editor"), 0);
	assert_int_equal(git_config_set_string(cfg, "user.email", "ana@example.org"), 0);
	git_config_free(cfg);

	s = open_ok(f->store);
	assert_int_equal(add(s, "2011", NULL, "2011-09-14", "text\n", 0, NULL), 0);
	nd_store_free(s);
	assert_int_equal(git_repository_open_bare(&repo, f->store), 0);
	assert_int_equal(git_revparse_single(&obj, repo, "2011"), 0);
	assert_string_equal(git_commit_author((git_commit *)obj)->name, "Ana Editor");
	assert_string_equal(git_commit_author((git_commit *)obj)->email,
	                    "ana@example.org");
	assert_string_equal(git_commit_committer((git_commit *)obj)->name, "Ana Editor");
	git_object_free(obj);
	git_repository_free(repo);
	free(cfgpath);
}

static void test_two_series(void **state)
{
	fixture *f = *state;
	nd_version *v = NULL;
	nd_store *s = NULL;
	char *data = NULL;
	size_t n = 0, len = 0;

	assert_int_equal(nd_store_init(&s, f->store), 0);
	assert_int_equal(add(s, "a1", "a.txt", "2001-01-01", "A one\n", 0, NULL), 0);
	assert_int_equal(add(s, "b1", "treaties/b.txt", "2002-02-02", "B one\n", 0,
	                     NULL), 0);
	assert_int_equal(add(s, "a2", "a.txt", "2003-03-03", "A two\n", 0, NULL), 0);

	assert_reads(s, "a1", "A one\n");
	assert_reads(s, "b1", "B one\n");
	assert_reads(s, "a2", "A two\n");

	assert_int_equal(nd_store_log(s, "a.txt", &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].meta.label, "a2");
	assert_string_equal(v[1].meta.label, "a1");
	nd_versions_free(v, n);
	assert_int_equal(nd_store_log(s, "treaties/b.txt", &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].meta.label, "b1");
	assert_string_equal(v[0].meta.series, "treaties/b.txt");
	nd_versions_free(v, n);
	assert_int_equal(nd_store_log(s, "nothing.txt", &v, &n), 0);
	assert_int_equal(n, 0);
	assert_null(v);
	assert_int_equal(log_len(s), 3);

	/* the latest tree holds both series: read it as plain git would */
	assert_int_equal(nd_git_read(f->store, "a2:treaties/b.txt", &data, &len), 0);
	assert_string_equal(data, "B one\n");
	free(data);
	assert_int_equal(nd_git_read(f->store, "a2:a.txt", &data, &len), 0);
	assert_string_equal(data, "A two\n");
	free(data);

	/* a series cannot turn a file into a directory or back */
	assert_int_equal(add(s, "x1", "a.txt/sub.txt", NULL, "x\n", 0, NULL), ND_EINVAL);
	assert_msg_has("'a.txt' is a file");
	assert_int_equal(add(s, "x2", "treaties", NULL, "x\n", 0, NULL), ND_EINVAL);
	assert_msg_has("is a directory");
	assert_int_equal(log_len(s), 3);
	nd_store_free(s);
}

static void test_duplicate_label_refused(void **state)
{
	fixture *f = *state;
	char oid[41], *before, *after, expect[64];
	nd_store *s = NULL;

	assert_int_equal(nd_store_init(&s, f->store), 0);
	assert_int_equal(add(s, "2011", NULL, "2011-09-14", "first\n", 0, oid), 0);
	assert_int_equal(add(s, "2015", NULL, "2015-01-13", "second\n", 0, NULL), 0);
	before = snapshot(f->store);

	assert_int_equal(add(s, "2011", NULL, "2016-01-01", "third\n", 0, NULL),
	                 ND_EEXISTS);
	snprintf(expect, sizeof(expect), "label '2011' already names version %.7s;",
	         oid);
	assert_msg_has(expect);
	assert_msg_has("choose another label or use --force");
	after = snapshot(f->store);
	assert_string_equal(before, after);
	assert_reads(s, "2011", "first\n");
	assert_reads(s, "main", "second\n");
	free(before);
	free(after);
	nd_store_free(s);
}

/* packed-refs without a header (as an old git wrote it, with no promise
 * that an annotated tag's line is followed by its peeled "^" line): after
 * an add, a header that says "fully-peeled" must be true of every line. */
static void test_add_over_old_packed_refs(void **state)
{
	fixture *f = *state;
	char one[41], two[41], tag[41], *packed, *text, line[256];
	git_repository *repo = NULL;
	git_signature *sig = NULL;
	git_object *target = NULL;
	git_oid tag_id;
	nd_store *s = NULL;

	assert_int_equal(nd_store_init(&s, f->store), 0);
	assert_int_equal(add(s, "2011", NULL, "2011-09-14", "first\n", 0, one), 0);
	nd_store_free(s);
	assert_int_equal(git_repository_open(&repo, f->store), 0);
	assert_int_equal(git_signature_new(&sig, "a", "a@b", 0, 0), 0);
	assert_int_equal(git_revparse_single(&target, repo, one), 0);
	assert_int_equal(git_tag_create(&tag_id, repo, "signed", target, sig,
	                                "annotated\n", 0), 0);
	git_oid_tostr(tag, sizeof(tag), &tag_id);
	git_object_free(target);
	git_signature_free(sig);
	git_repository_free(repo);
	packed = join(f->store, "packed-refs");
	snprintf(line, sizeof(line), "%s refs/heads/main\n%s refs/tags/2011\n"
	         "%s refs/tags/signed\n", one, one, tag);
	write_file(packed, line);
	snprintf(line, sizeof(line), "%s/refs/tags/signed", f->store);
	unlink(line);

	s = open_ok(f->store);
	assert_int_equal(add(s, "2015", NULL, "2015-01-13", "second\n", 0, two), 0);
	text = test_slurp(packed, NULL);
	snprintf(line, sizeof(line), "%s refs/tags/signed\n^%s\n", tag, one);
	if (strstr(text, "fully-peeled") && !strstr(text, line))
		fail_msg("packed-refs says fully-peeled without the tag's peeled "
		         "line:\n%s", text);
	snprintf(line, sizeof(line), "%s refs/tags/2015\n", two);
	assert_non_null(strstr(text, line));
	assert_reads(s, "2011", "first\n");
	assert_reads(s, "2015", "second\n");
	free(text);
	free(packed);
	nd_store_free(s);
}

/* A series two directories deep is read and built upon with libgit2's
 * object cache off, so that a tree the store lets go of is really freed
 * (a sanitizer build sees any use of it after that). */
static void test_deep_series_uncached(void **state)
{
	fixture *f = *state;
	nd_store *s = NULL;

	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
	assert_int_equal(nd_store_init(&s, f->store), 0);
	assert_int_equal(add(s, "2011", "a/b/c/draft.txt", "2011-09-14",
	                     "first\n", 0, NULL), 0);
	assert_int_equal(add(s, "2015", "a/b/c/draft.txt", "2015-01-13",
	                     "second\n", 0, NULL), 0);
	assert_reads(s, "2011", "first\n");
	assert_reads(s, "2015", "second\n");
	nd_store_free(s);
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 1);
}

static void test_force_moves_label(void **state)
{
	fixture *f = *state;
	char oid1[41], oid2[41];
	git_repository *repo = NULL;
	git_reference *ref = NULL;
	git_object *target = NULL;
	git_signature *sig = NULL;
	git_oid tag_id, id;
	nd_version *v = NULL;
	nd_store *s = NULL;
	size_t n = 0;

	assert_int_equal(nd_store_init(&s, f->store), 0);
	assert_int_equal(add(s, "2011", NULL, "2011-09-14", "old\n", 0, oid1), 0);
	assert_int_equal(add(s, "2011", NULL, "2011-10-01", "new\n", 1, oid2), 0);
	assert_reads(s, "2011", "new\n");
	assert_reads(s, oid1, "old\n");

	/* more tags on the new version: a lightweight and an annotated one */
	assert_int_equal(git_repository_open_bare(&repo, f->store), 0);
	assert_int_equal(git_oid_fromstr(&id, oid2), 0);
	assert_int_equal(git_reference_create(&ref, repo, "refs/tags/zeta", &id, 0,
	                                      NULL), 0);
	git_reference_free(ref);
	assert_int_equal(git_object_lookup(&target, repo, &id, GIT_OBJECT_COMMIT), 0);
	assert_int_equal(git_signature_new(&sig, "T", "t@example.org", 1, 0), 0);
	assert_int_equal(git_tag_create(&tag_id, repo, "alpha", target, sig, "note",
	                                0), 0);
	git_signature_free(sig);
	git_object_free(target);
	git_repository_free(repo);

	assert_int_equal(nd_store_log(s, NULL, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].oid, oid2);
	assert_int_equal(v[0].nlabels, 3);
	assert_string_equal(v[0].labels[0], "2011");
	assert_string_equal(v[0].labels[1], "alpha");
	assert_string_equal(v[0].labels[2], "zeta");
	assert_string_equal(v[1].oid, oid1);
	assert_int_equal(v[1].nlabels, 0); /* the label moved away */
	assert_null(v[1].labels);
	nd_versions_free(v, n);
	assert_reads(s, "alpha", "new\n");
	nd_store_free(s);
}

static void test_stale_lock(void **state)
{
	fixture *f = *state;
	char *lock = join(f->store, "refs/heads/main.lock");
	char *taglock = join(f->store, "refs/tags/2016.lock");
	char *before, *after;
	nd_store *s = NULL;

	assert_int_equal(nd_store_init(&s, f->store), 0);
	assert_int_equal(add(s, "2011", NULL, "2011-09-14", "first\n", 0, NULL), 0);
	write_file(lock, "");
	before = snapshot(f->store);
	assert_int_equal(add(s, "2015", NULL, "2015-01-13", "second\n", 0, NULL),
	                 ND_ELOCKED);
	assert_msg_has(lock);
	assert_msg_has("Retry");
	assert_msg_has("remove the lock file if no such process is running");
	after = snapshot(f->store);
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(unlink(lock), 0);

	/* a lock on the tag: the branch lock taken first is released again */
	write_file(taglock, "");
	before = snapshot(f->store);
	assert_int_equal(add(s, "2016", NULL, "2016-01-01", "third\n", 0, NULL),
	                 ND_ELOCKED);
	assert_msg_has(taglock);
	after = snapshot(f->store);
	assert_string_equal(before, after);
	assert_false(exists(lock));
	assert_int_equal(unlink(taglock), 0);
	free(before);
	free(after);

	/* and the store works again once the lock is gone */
	assert_int_equal(add(s, "2015", NULL, "2015-01-13", "second\n", 0, NULL), 0);
	assert_int_equal(log_len(s), 2);
	nd_store_free(s);
	free(lock);
	free(taglock);
}

static void test_unwritable_objects(void **state)
{
	fixture *f = *state;
	char *objects = join(f->store, "objects");
	char *saved = join(f->store, "objects.saved");
	char *before, *after, *blocker, text[64], hex[41], dir[3];
	nd_store *s = NULL;
	git_oid id;
	int i;

	assert_int_equal(nd_store_init(&s, f->store), 0);
	assert_int_equal(add(s, "2011", NULL, "2011-09-14", "first\n", 0, NULL), 0);
	before = snapshot(f->store);

	/* the objects directory replaced by a file (this stops root too) */
	assert_int_equal(rename(objects, saved), 0);
	write_file(objects, "not a directory\n");
	assert_int_equal(add(s, "2015", NULL, "2015-01-13", "second\n", 0, NULL),
	                 ND_EIO);
	assert_msg_has(f->store);
	assert_msg_has("objects");
	assert_msg_has(strerror(ENOTDIR));
	assert_int_equal(unlink(objects), 0);
	assert_int_equal(rename(saved, objects), 0);
	after = snapshot(f->store);
	assert_string_equal(before, after);
	free(after);

	/* a write that fails inside libgit2: the blob's fan-out directory is
	 * taken by a file, so the object cannot be stored */
	for (i = 0;; i++) {
		snprintf(text, sizeof(text), "second version, try %d\n", i);
		assert_int_equal(git_odb_hash(&id, text, strlen(text), GIT_OBJECT_BLOB), 0);
		git_oid_tostr(hex, sizeof(hex), &id);
		memcpy(dir, hex, 2);
		dir[2] = '\0';
		blocker = join(objects, dir);
		if (!exists(blocker))
			break;
		free(blocker);
	}
	write_file(blocker, "");
	assert_int_equal(add(s, "2015", NULL, "2015-01-13", text, 0, NULL), ND_EIO);
	assert_msg_has(f->store);
	assert_msg_has(blocker);
	after = snapshot(f->store);
	assert_string_equal(before, after);
	assert_int_equal(unlink(blocker), 0);
	assert_int_equal(add(s, "2015", NULL, "2015-01-13", text, 0, NULL), 0);
	assert_reads(s, "2015", text);
	free(blocker);
	free(before);
	free(after);
	free(objects);
	free(saved);
	nd_store_free(s);
}

enum { NCHILD = 8, NROUND = 3 };

/* In a child: wait for the start signal (EOF on fd), add one version, and
 * exit 0 (added), 1 (locked), 2 (conflict) or 3 (anything else). */
static void child_add(const char *store, const char *label, int fd)
{
	nd_store *s = NULL;
	char c, text[64];
	ssize_t r = read(fd, &c, 1);
	int err;

	(void)r;
	snprintf(text, sizeof(text), "Text of version %s.\n", label);
	err = nd_store_open(&s, store);
	if (!err)
		err = add(s, label, NULL, "2020-01-01", text, 0, NULL);
	nd_store_free(s);
	if (err && err != ND_ELOCKED && err != ND_ECONFLICT)
		fprintf(stderr, "child %s: %d %s\n", label, err, nd_error_message());
	_exit(err == 0 ? 0 : err == ND_ELOCKED ? 1 : err == ND_ECONFLICT ? 2 : 3);
}

static void test_concurrent_adds(void **state)
{
	fixture *f = *state;
	pid_t pid[NCHILD];
	int ok[NCHILD], fds[2], round, i, status, successes = 0;
	char label[16], text[64], *data = NULL, *lock = join(f->store,
	                                                     "refs/heads/main.lock");
	nd_store *s = NULL;
	size_t len;

	assert_int_equal(nd_store_init(&s, f->store), 0);
	assert_int_equal(add(s, "base", NULL, "2019-01-01", "base\n", 0, NULL), 0);
	nd_store_free(s);
	for (round = 0; round < NROUND; round++) {
		assert_int_equal(pipe(fds), 0);
		fflush(NULL);
		for (i = 0; i < NCHILD; i++) {
			snprintf(label, sizeof(label), "r%d-c%d", round, i);
			pid[i] = fork();
			assert_true(pid[i] >= 0);
			if (pid[i] == 0) {
				close(fds[1]);
				child_add(f->store, label, fds[0]);
			}
		}
		close(fds[0]);
		close(fds[1]); /* all children start now */
		for (i = 0; i < NCHILD; i++) {
			assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
			assert_true(WIFEXITED(status));
			/* success, ND_ELOCKED or ND_ECONFLICT; nothing else */
			assert_in_range(WEXITSTATUS(status), 0, 2);
			ok[i] = WEXITSTATUS(status) == 0;
			successes += ok[i];
		}
		s = open_ok(f->store);
		assert_int_equal(log_len(s), 1 + (size_t)successes);
		for (i = 0; i < NCHILD; i++) {
			snprintf(label, sizeof(label), "r%d-c%d", round, i);
			snprintf(text, sizeof(text), "Text of version %s.\n", label);
			if (ok[i])
				assert_reads(s, label, text);
			else
				assert_int_equal(nd_store_read(s, label, &data, &len, NULL),
				                 ND_ENOTFOUND);
		}
		nd_store_free(s);
		assert_false(exists(lock));
	}
	assert_true(successes >= NROUND); /* each round, someone wins */
	free(lock);
}

/* A commit made with plain git on the store's branch is listed, but
 * names no draft; adding on top of it still works. */
static void test_foreign_commit(void **state)
{
	fixture *f = *state;
	git_repository *repo = NULL;
	git_object *head = NULL;
	git_signature *sig = NULL;
	git_tree *tree = NULL;
	const git_commit *parents[1];
	git_oid id;
	nd_version *v = NULL;
	nd_store *s = NULL;
	char *data = NULL, hex[41];
	size_t n = 0, len = 0;

	assert_int_equal(nd_store_init(&s, f->store), 0);
	assert_int_equal(add(s, "2011", NULL, "2011-09-14", "text\n", 0, NULL), 0);
	assert_int_equal(git_repository_open_bare(&repo, f->store), 0);
	assert_int_equal(git_revparse_single(&head, repo, "main"), 0);
	assert_int_equal(git_commit_tree(&tree, (git_commit *)head), 0);
	assert_int_equal(git_signature_new(&sig, "T", "t@example.org", 1, 0), 0);
	parents[0] = (const git_commit *)head;
	assert_int_equal(git_commit_create(&id, repo, "refs/heads/main", sig, sig,
	                                   NULL, "Edited by hand\n\nSome body: "
	                                   "text.\n", tree, 1, parents), 0);
	git_oid_tostr(hex, sizeof(hex), &id);
	git_tree_free(tree);
	git_signature_free(sig);
	git_object_free(head);
	git_repository_free(repo);

	assert_int_equal(nd_store_log(s, NULL, &v, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].oid, hex);
	assert_null(v[0].meta.label);
	assert_null(v[0].meta.series);
	assert_string_equal(v[0].meta.message, "Some body: text.");
	assert_int_equal(v[0].nlabels, 0);
	assert_string_equal(v[1].meta.label, "2011");
	nd_versions_free(v, n);
	assert_int_equal(nd_store_log(s, "draft.txt", &v, &n), 0);
	assert_int_equal(n, 1);
	nd_versions_free(v, n);

	assert_int_equal(nd_store_read(s, "main", &data, &len, NULL), ND_ENOTFOUND);
	assert_null(data);
	assert_msg_has("no Series trailer");
	assert_reads(s, "main~1", "text\n");
	/* a spec naming a file, not a version */
	assert_int_equal(nd_store_read(s, "2011:draft.txt", &data, &len, NULL),
	                 ND_EINVAL);
	assert_msg_has("names a blob");

	assert_int_equal(add(s, "2012", NULL, "2012-01-01", "later\n", 0, NULL), 0);
	assert_reads(s, "2012", "later\n");
	assert_reads(s, "2012~2", "text\n");
	assert_int_equal(log_len(s), 3);
	nd_store_free(s);
}

static void test_open_errors(void **state)
{
	fixture *f = *state;
	char *missing = join(f->dir, "missing");
	char *plain = join(f->dir, "plain");
	char *file = join(f->dir, "file.txt");
	char *work = join(f->dir, "work");
	char *head = join(f->store, "HEAD");
	char *main_ref = join(f->store, "refs/heads/main");
	char *objects = join(f->store, "objects");
	char *objpath, hex[41], *saved, *inner;
	git_repository *repo = NULL;
	git_oid id;
	nd_buf b = ND_BUF_INIT;
	nd_store *s = (nd_store *)&s; /* must be reset to NULL on failure */

	assert_int_equal(nd_store_open(&s, missing), ND_ENOTFOUND);
	assert_null(s);
	assert_msg_has(missing);
	assert_msg_has("normdiff init");

	assert_int_equal(mkdir(plain, 0755), 0);
	assert_int_equal(nd_store_open(&s, plain), ND_ENOTSTORE);
	assert_msg_has(plain);
	inner = join(plain, "x");
	write_file(inner, "x");
	assert_int_equal(nd_store_open(&s, plain), ND_ENOTSTORE);
	free(inner);

	write_file(file, "not a store\n");
	assert_int_equal(nd_store_open(&s, file), ND_ENOTSTORE);
	assert_msg_has(file);
	assert_msg_has("is a file");

	/* a work tree is not a store, even though it holds a repository */
	assert_int_equal(git_repository_init(&repo, work, 0), 0);
	git_repository_free(repo);
	assert_int_equal(nd_store_open(&s, work), ND_ENOTSTORE);

	/* damaged stores */
	assert_int_equal(nd_store_init(&s, f->store), 0);
	assert_int_equal(add(s, "2011", NULL, NULL, "text\n", 0, NULL), 0);
	nd_store_free(s);
	saved = test_slurp(head, NULL);
	write_file(head, "garbage\n");
	assert_int_equal(nd_store_open(&s, f->store), ND_ECORRUPT);
	assert_null(s);
	assert_msg_has(f->store);
	assert_msg_has("HEAD");
	write_file(head, saved);
	free(saved);

	/* the branch is a line of packed-refs; a loose file would win */
	assert_int_equal(git_repository_open(&repo, f->store), 0);
	assert_int_equal(git_reference_name_to_id(&id, repo, "refs/heads/main"), 0);
	git_oid_tostr(hex, sizeof(hex), &id);
	git_repository_free(repo);
	write_file(main_ref, "not an object id\n");
	assert_int_equal(nd_store_open(&s, f->store), ND_ECORRUPT);
	assert_msg_has("refs/heads/main");

	/* the commit the branch points at is missing */
	assert_int_equal(unlink(main_ref), 0);
	assert_int_equal(nd_buf_printf(&b, "%s/%.2s/%s", objects, hex, hex + 2), 0);
	objpath = nd_buf_detach(&b);
	assert_int_equal(unlink(objpath), 0);
	assert_int_equal(nd_store_open(&s, f->store), ND_ECORRUPT);
	assert_msg_has(f->store);
	assert_msg_has(hex);

	/* no objects directory at all */
	rm_rf(objects);
	assert_int_equal(nd_store_open(&s, f->store), ND_ECORRUPT);
	assert_msg_has(f->store);
	assert_null(s);
	free(objpath);
	free(missing);
	free(plain);
	free(file);
	free(work);
	free(head);
	free(main_ref);
	free(objects);
}

static void test_init_errors(void **state)
{
	fixture *f = *state;
	char *full = join(f->dir, "full");
	char *file = join(f->dir, "file");
	char *empty = join(f->dir, "empty");
	char *inner = join(full, "x");
	char *before, *after;
	nd_store *s = NULL;

	assert_int_equal(nd_store_init(&s, f->store), 0);
	assert_int_equal(add(s, "2011", NULL, NULL, "text\n", 0, NULL), 0);
	nd_store_free(s);
	before = snapshot(f->store);
	s = (nd_store *)&s;
	assert_int_equal(nd_store_init(&s, f->store), ND_EEXISTS);
	assert_null(s);
	assert_msg_has("already holds a store");
	assert_msg_has(f->store);
	after = snapshot(f->store);
	assert_string_equal(before, after);

	assert_int_equal(mkdir(full, 0755), 0);
	write_file(inner, "x");
	assert_int_equal(nd_store_init(&s, full), ND_EEXISTS);
	assert_msg_has("is not empty");
	write_file(file, "x");
	assert_int_equal(nd_store_init(&s, file), ND_EEXISTS);
	assert_msg_has("not a directory");

	assert_int_equal(mkdir(empty, 0755), 0);
	assert_int_equal(nd_store_init(&s, empty), 0);
	assert_int_equal(log_len(s), 0);
	nd_store_free(s);
	s = open_ok(empty);
	nd_store_free(s);
	free(before);
	free(after);
	free(full);
	free(file);
	free(empty);
	free(inner);
}

static void test_discover(void **state)
{
	fixture *f = *state;
	char *proj = join(f->dir, "proj");
	char *store = join(proj, ".normdiff");
	char *deep = join(proj, "a/b");
	char *other = join(f->dir, "other");
	char *fake = join(other, ".normdiff");
	char *found = NULL, *real1, *real2, *outside;
	nd_store *s = NULL;

	assert_int_equal(nd_store_init(&s, store), 0);
	nd_store_free(s);
	real1 = join(proj, "a");
	assert_int_equal(mkdir(real1, 0755), 0);
	free(real1);
	assert_int_equal(mkdir(deep, 0755), 0);

	assert_int_equal(nd_store_discover(&found, proj), 0);
	assert_string_equal(found, store); /* in start_dir: relative to it */
	free(found);

	assert_int_equal(nd_store_discover(&found, deep), 0);
	real1 = realpath(found, NULL);
	real2 = realpath(store, NULL);
	assert_non_null(real1);
	assert_string_equal(real1, real2);
	free(real1);
	free(real2);
	free(found);

	/* a file named .normdiff is no store; nothing above /tmp/x either */
	outside = tmp_new("/tmp");
	assert_int_equal(mkdir(other, 0755), 0);
	write_file(fake, "x");
	found = (char *)&found;
	assert_int_equal(nd_store_discover(&found, outside), ND_ENOTFOUND);
	assert_null(found);
	assert_msg_has(outside);
	assert_msg_has("normdiff init");
	rm_rf(outside);
	free(outside);
	free(proj);
	free(store);
	free(deep);
	free(other);
	free(fake);
}

/* ---- nd_git_read ------------------------------------------------------- */

/* Paths and contents under dir, to prove a read changed nothing. */
static char *tree_listing(const char *dir)
{
	nd_buf_init(&snap_files);
	snap_root_len = strlen(dir);
	nftw(dir, snap_one, 16, FTW_PHYS);
	return nd_buf_detach(&snap_files);
}

static void check_git_read(const char *repo_dir, const char *start, const char *file,
                           const char *text)
{
	char *data = NULL, *before, *after, spec[256];
	size_t len = 0;

	before = tree_listing(repo_dir);
	snprintf(spec, sizeof(spec), "HEAD:%s", file);
	assert_int_equal(nd_git_read(start, spec, &data, &len), 0);
	assert_int_equal(len, strlen(text));
	assert_string_equal(data, text);
	free(data);

	assert_int_equal(nd_git_read(start, "nosuch:x.txt", &data, &len), ND_ENOTFOUND);
	assert_null(data);
	assert_msg_has("no revision 'nosuch'");
	assert_int_equal(nd_git_read(start, "HEAD:missing.txt", &data, &len),
	                 ND_ENOTFOUND);
	assert_msg_has("no file 'missing.txt'");
	assert_msg_has("'HEAD'");
	assert_int_equal(nd_git_read(start, "HEAD:docs", &data, &len), ND_EINVAL);
	assert_msg_has("is a directory");
	assert_int_equal(nd_git_read(start, "HEAD:", &data, &len), ND_EINVAL);
	assert_msg_has("is a directory");
	assert_int_equal(nd_git_read(start, "HEAD", &data, &len), ND_EINVAL);
	assert_msg_has("REV:PATH");
	after = tree_listing(repo_dir);
	assert_string_equal(before, after); /* read-only */
	free(before);
	free(after);
}

static void test_git_read_libgit2_repo(void **state)
{
	fixture *f = *state;
	char *dir = join(f->dir, "repo");
	char *sub = join(dir, "sub");
	char *outside, *data = NULL;
	git_repository *repo = NULL;
	git_treebuilder *bld = NULL;
	git_tree *base = NULL, *tree = NULL;
	git_signature *sig = NULL;
	git_reference *ref = NULL;
	git_tree_update upd;
	git_oid blob, empty, tree_id, commit;
	size_t len = 0;
	const char *text = "Article 1\nAll States shall cooperate.\n";

	assert_int_equal(git_repository_init(&repo, dir, 0), 0);
	assert_int_equal(git_treebuilder_new(&bld, repo, NULL), 0);
	assert_int_equal(git_treebuilder_write(&empty, bld), 0);
	assert_int_equal(git_tree_lookup(&base, repo, &empty), 0);
	assert_int_equal(git_blob_create_from_buffer(&blob, repo, text, strlen(text)), 0);
	memset(&upd, 0, sizeof(upd));
	upd.action = GIT_TREE_UPDATE_UPSERT;
	upd.id = blob;
	upd.filemode = GIT_FILEMODE_BLOB;
	upd.path = "docs/code.txt";
	assert_int_equal(git_tree_create_updated(&tree_id, repo, base, 1, &upd), 0);
	assert_int_equal(git_tree_lookup(&tree, repo, &tree_id), 0);
	assert_int_equal(git_signature_new(&sig, "T", "t@example.org", 1000000000, 0), 0);
	assert_int_equal(git_commit_create(&commit, repo, "HEAD", sig, sig, NULL,
	                                   "first\n", tree, 0, NULL), 0);
	assert_int_equal(git_reference_create(&ref, repo, "refs/tags/v1", &commit, 0,
	                                      NULL), 0);
	git_reference_free(ref);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_treebuilder_free(bld);
	git_repository_free(repo);
	assert_int_equal(mkdir(sub, 0755), 0);

	check_git_read(dir, sub, "docs/code.txt", text);
	assert_int_equal(nd_git_read(dir, "v1:docs/code.txt", &data, &len), 0);
	assert_string_equal(data, text);
	free(data);

	/* outside any repository */
	outside = tmp_new("/tmp");
	data = (char *)&data;
	assert_int_equal(nd_git_read(outside, "HEAD:docs/code.txt", &data, &len),
	                 ND_ENOTSTORE);
	assert_null(data);
	assert_msg_has(outside);
	rm_rf(outside);
	free(outside);
	free(dir);
	free(sub);
}

static void test_git_read_git_command(void **state)
{
	fixture *f = *state;
	char *dir = join(f->dir, "gitrepo");
	char *docs = join(dir, "docs");
	char *sub = join(docs, "deeper");
	char *file = join(docs, "code.txt");
	char cmd[1024];

	if (system("git --version >/dev/null 2>&1") != 0)
		skip();
	assert_int_equal(mkdir(dir, 0755), 0);
	assert_int_equal(mkdir(docs, 0755), 0);
	assert_int_equal(mkdir(sub, 0755), 0);
	write_file(file, "Preamble\n(a) first item\n");
	snprintf(cmd, sizeof(cmd),
	         "cd '%s' && git init -q && git add docs/code.txt && "
	         "git -c user.name=T -c user.email=t@example.org commit -q -m first",
	         dir);
	assert_int_equal(system(cmd), 0);
	/* the work tree changes, the committed text does not */
	write_file(file, "uncommitted\n");
	check_git_read(dir, sub, "docs/code.txt", "Preamble\n(a) first item\n");
	free(dir);
	free(docs);
	free(sub);
	free(file);
}

/* ---- metadata ---------------------------------------------------------- */

static void test_meta_parse_good(void **state)
{
	const char text[] =
		"\xEF\xBB\xBF# Metadata of the 2011 version\r\n"
		"label: 2011\r\n"
		"\r\n"
		"  Title :  International code of conduct  \r\n"
		"SYMBOL: A/66/359\n"
		"   # an indented comment\n"
		"Date: 2011-09-14\n"
		"Sponsors: China, Russian Federation\n"
		"Source: Annex: letter dated 12 September 2011\n"
		"Series: code-of-conduct.txt"; /* no final newline */
	nd_meta m;

	(void)state;
	nd_meta_init(&m);
	m.title = strdup("old title");
	m.message = strdup("kept");
	assert_int_equal(nd_meta_parse(&m, text, sizeof(text) - 1, "x.meta"), 0);
	assert_string_equal(m.label, "2011");
	assert_string_equal(m.title, "International code of conduct");
	assert_string_equal(m.symbol, "A/66/359");
	assert_string_equal(m.date, "2011-09-14");
	assert_string_equal(m.sponsors, "China, Russian Federation");
	assert_string_equal(m.source, "Annex: letter dated 12 September 2011");
	assert_string_equal(m.series, "code-of-conduct.txt");
	assert_string_equal(m.message, "kept"); /* not in the file: untouched */
	nd_meta_dispose(&m);
	assert_null(m.label);

	/* an empty file or one with only comments sets nothing */
	nd_meta_init(&m);
	assert_int_equal(nd_meta_parse(&m, "# nothing\n\n", 11, "x.meta"), 0);
	assert_null(m.label);
	assert_null(m.date);
	nd_meta_dispose(&m);
}

static void test_meta_parse_errors(void **state)
{
	/* each: a file, the error's "origin:line: " prefix, and a phrase */
	static const struct {
		const char *text;   /* file content */
		const char *prefix; /* expected start of the message */
		const char *phrase; /* expected inside the message */
	} cases[] = {
		{"Label: 2011\nDate: 2011-02-30\n", "x.meta:2: ", "not a date"},
		{"Date: 14/09/2011\n", "x.meta:1: ", "YYYY-MM-DD"},
		{"Date: 2011-9-14\n", "x.meta:1: ", "not a date"},
		{"Label: -rf\n", "x.meta:1: ", "not a valid label"},
		{"# c\nLabel: a..b\n", "x.meta:2: ", "not a valid label"},
		{"Label: v1.lock\n", "x.meta:1: ", "not a valid label"},
		{"Label: two words\n", "x.meta:1: ", "not a valid label"},
		{"Label: .hidden\n", "x.meta:1: ", "not a valid label"},
		{"Colour: red\n", "x.meta:1: ", "unknown key 'Colour'"},
		{"\n\nLabel 2011\n", "x.meta:3: ", "expected 'Key: value'"},
		{": value\n", "x.meta:1: ", "expected 'Key: value'"},
		{"Title: caf\xE9\n", "x.meta:1: ", "not valid UTF-8"},
		{"Label: 2011\nlabel: 2012\n", "x.meta:2: ", "given twice"},
		{"Title:   \n", "x.meta:1: ", "no value given for Title"},
		{"Series: ../etc/passwd\n", "x.meta:1: ", "not a valid series"},
		{"Title: a\x1b[2Jb\n", "x.meta:1: ", "control character"},
	};
	size_t i;
	nd_meta m;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		nd_meta_init(&m);
		m.label = strdup("keep");
		assert_int_equal(nd_meta_parse(&m, cases[i].text, strlen(cases[i].text),
		                               "x.meta"), ND_EINVAL);
		if (strncmp(nd_error_message(), cases[i].prefix, strlen(cases[i].prefix)))
			fail_msg("case %zu: \"%s\" does not start with \"%s\"", i,
			         nd_error_message(), cases[i].prefix);
		assert_msg_has(cases[i].phrase);
		/* a malformed file changes nothing */
		assert_string_equal(m.label, "keep");
		assert_null(m.date);
		assert_null(m.title);
		assert_null(m.series);
		nd_meta_dispose(&m);
	}
}

static void test_meta_set_rules(void **state)
{
	static const char *const good_labels[] = {
		"2011", "rev-2", "v1.0", "a_b+c", "A-66-359", "x",
	};
	static const char *const bad_labels[] = {
		"", "-x", ".x", "a..b", "x.lock", "x.", "a b", "a/b", "a:b", "a~1",
		"a^", "@{1}", "caf\xC3\xA9", "tab\there",
	};
	static const char *const good_dates[] = {
		"2011-09-14", "2012-02-29", "2000-02-29", "0001-01-01", "9999-12-31",
		"1945-06-26",
	};
	static const char *const bad_dates[] = {
		"2011-02-29", "1900-02-29", "2011-13-01", "2011-00-10", "2011-04-31",
		"2011-9-14", "20110914", "2011-09-14x", "0000-01-01", "2011/09/14",
		"2011-09-00", "   ",
	};
	static const char *const good_series[] = {
		"a.txt", "dir/a.txt", "a b.txt", "x/y/z.txt", ".hidden.txt",
	};
	static const char *const bad_series[] = {
		"/a", "a/", "a//b", "./a", "a/../b", ".git/x", "x/.GIT/y", "..",
	};
	char long_label[102];
	size_t i;
	nd_meta m;

	(void)state;
	nd_meta_init(&m);
	for (i = 0; i < sizeof(good_labels) / sizeof(good_labels[0]); i++) {
		assert_int_equal(nd_meta_set(&m, "Label", good_labels[i]), 0);
		assert_string_equal(m.label, good_labels[i]);
	}
	for (i = 0; i < sizeof(bad_labels) / sizeof(bad_labels[0]); i++) {
		if (nd_meta_set(&m, "label", bad_labels[i]) != ND_EINVAL)
			fail_msg("label '%s' was accepted", bad_labels[i]);
		assert_string_equal(m.label, "x"); /* unchanged */
	}
	memset(long_label, 'a', 100);
	long_label[100] = '\0';
	assert_int_equal(nd_meta_set(&m, "Label", long_label), 0);
	long_label[100] = 'a';
	long_label[101] = '\0';
	assert_int_equal(nd_meta_set(&m, "Label", long_label), ND_EINVAL);

	for (i = 0; i < sizeof(good_dates) / sizeof(good_dates[0]); i++)
		if (nd_meta_set(&m, "Date", good_dates[i]) != 0)
			fail_msg("date '%s' was refused: %s", good_dates[i],
			         nd_error_message());
	for (i = 0; i < sizeof(bad_dates) / sizeof(bad_dates[0]); i++)
		if (nd_meta_set(&m, "DATE", bad_dates[i]) != ND_EINVAL)
			fail_msg("date '%s' was accepted", bad_dates[i]);
	assert_string_equal(m.date, "1945-06-26");

	for (i = 0; i < sizeof(good_series) / sizeof(good_series[0]); i++)
		if (nd_meta_set(&m, "series", good_series[i]) != 0)
			fail_msg("series '%s' was refused: %s", good_series[i],
			         nd_error_message());
	for (i = 0; i < sizeof(bad_series) / sizeof(bad_series[0]); i++)
		if (nd_meta_set(&m, "Series", bad_series[i]) != ND_EINVAL)
			fail_msg("series '%s' was accepted", bad_series[i]);

	assert_int_equal(nd_meta_set(&m, "title", "  Hello, world \t"), 0);
	assert_string_equal(m.title, "Hello, world");
	assert_int_equal(nd_meta_set(&m, "Title", "two\nlines"), ND_EINVAL);
	assert_msg_has("single line");
	assert_int_equal(nd_meta_set(&m, "Title", "bad \xFF byte"), ND_EINVAL);
	assert_msg_has("UTF-8");
	assert_string_equal(m.title, "Hello, world");
	assert_int_equal(nd_meta_set(&m, "Message", "A note: with colon"), 0);
	assert_string_equal(m.message, "A note: with colon");
	assert_int_equal(nd_meta_set(&m, "colour", "red"), ND_EINVAL);
	assert_msg_has("unknown key 'colour'");
	nd_meta_dispose(&m);
}

static void test_add_rejects_bad_meta(void **state)
{
	fixture *f = *state;
	nd_store *s = NULL;
	nd_meta m;

	assert_int_equal(nd_store_init(&s, f->store), 0);
	nd_meta_init(&m);
	m.title = strdup("No label");
	assert_int_equal(nd_store_add(s, "x", 1, &m, 0, NULL), ND_EINVAL);
	assert_msg_has("label");
	m.label = strdup("a b");
	assert_int_equal(nd_store_add(s, "x", 1, &m, 0, NULL), ND_EINVAL);
	assert_msg_has("not a valid label");
	free(m.label);
	m.label = strdup("ok");
	m.date = strdup("2011-02-30");
	assert_int_equal(nd_store_add(s, "x", 1, &m, 0, NULL), ND_EINVAL);
	assert_msg_has("not a date");
	free(m.date);
	m.date = NULL;
	free(m.title);
	m.title = strdup("two\nlines");
	assert_int_equal(nd_store_add(s, "x", 1, &m, 0, NULL), ND_EINVAL);
	assert_msg_has("single line");
	assert_int_equal(log_len(s), 0);
	/* surrounding blanks are not part of the label */
	free(m.title);
	m.title = NULL;
	free(m.label);
	m.label = strdup("  ok  ");
	assert_int_equal(nd_store_add(s, "x", 1, &m, 0, NULL), 0);
	assert_reads(s, "ok", "x");
	nd_meta_dispose(&m);
	nd_store_free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_configured_user_is_author, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_series, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_label_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_add_over_old_packed_refs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deep_series_uncached, setup, teardown),
		cmocka_unit_test_setup_teardown(test_force_moves_label, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_lock, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unwritable_objects, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_adds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_commit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_init_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_discover, setup, teardown),
		cmocka_unit_test_setup_teardown(test_git_read_libgit2_repo, setup, teardown),
		cmocka_unit_test_setup_teardown(test_git_read_git_command, setup, teardown),
		cmocka_unit_test(test_meta_parse_good),
		cmocka_unit_test(test_meta_parse_errors),
		cmocka_unit_test(test_meta_set_rules),
		cmocka_unit_test_setup_teardown(test_add_rejects_bad_meta, setup, teardown),
	};
	char *noconfig;
	int failed, left;

	/* no user, global or system git configuration may leak in */
	git_libgit2_init();
	noconfig = tmp_new(tmp_base());
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, noconfig);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, noconfig);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, noconfig);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_PROGRAMDATA, noconfig);
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	rm_rf(noconfig);
	free(noconfig);
	/* every init in the library was matched by a shutdown */
	left = git_libgit2_shutdown();
	if (left != 0) {
		printf("libgit2 still initialised %d time(s) after the tests\n", left);
		failed++;
	}
	return failed;
}
