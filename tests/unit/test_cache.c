/* test_cache.c - cache entries in the store (store.h) and the blob id of a
 * version: an entry comes back as it was put, under its key only; any
 * damage to it (truncation, any byte changed, a link, another key's entry
 * in its place) is ND_ECORRUPT; a put that fails leaves the store as it
 * was. Every test works in its own temporary directory.
 */
#define _XOPEN_SOURCE 700 /* nftw() */

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
#include <unistd.h>

#include <cmocka.h>
#include <git2.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/store.h"
#include "support.h"

typedef struct fixture {
	char *dir;       /* fresh temporary directory */
	char *path;      /* dir/store, a store with one version */
	nd_store *store; /* open */
} fixture;

static char *join(const char *a, const char *b)
{
	nd_buf buf = ND_BUF_INIT;

	assert_int_equal(nd_buf_printf(&buf, "%s/%s", a, b), 0);
	return nd_buf_detach(&buf);
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

static const char *tmp_base(void)
{
	const char *t = getenv("TMPDIR");

	return t && *t ? t : "/tmp";
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));
	nd_meta m;

	if (!f)
		return -1;
	f->dir = join(tmp_base(), "normdiff-test-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->path = join(f->dir, "store");
	assert_int_equal(nd_store_init(&f->store, f->path), 0);
	nd_meta_init(&m);
	m.label = strdup("v1");
	m.date = strdup("2011-09-14");
	assert_int_equal(nd_store_add(f->store, "1. One.\n", 8, &m, 0, NULL), 0);
	nd_meta_dispose(&m);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	nd_store_free(f->store);
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f->dir);
	free(f->path);
	free(f);
	return 0;
}

/* The file of the entry for key, as the store names it. */
static char *entry_file(const fixture *f, const char *key, size_t len)
{
	char hex[GIT_OID_HEXSZ + 1], *dir, *p;
	git_oid id;

	assert_int_equal(git_odb_hash(&id, key, len, GIT_OBJECT_BLOB), 0);
	git_oid_tostr(hex, sizeof(hex), &id);
	dir = nd_store_cache_dir(f->store);
	assert_non_null(dir);
	p = join(dir, hex);
	free(dir);
	return p;
}

static void write_bytes(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	assert_int_equal(fclose(fp), 0);
}

static void assert_get(fixture *f, const char *key, size_t klen,
                       const char *want, size_t wlen)
{
	char *data = NULL;
	size_t len = 0;

	if (nd_store_cache_get(f->store, key, klen, &data, &len))
		fail_msg("get: %s", nd_error_message());
	assert_int_equal(len, wlen);
	assert_memory_equal(data, want, len);
	assert_int_equal(data[len], '\0');
	free(data);
}

static void assert_miss(fixture *f, const char *key, size_t klen, int code)
{
	char *data = (char *)1;
	size_t len = 1;

	assert_int_equal(nd_store_cache_get(f->store, key, klen, &data, &len), code);
	assert_null(data);
	assert_int_equal(len, 0);
	assert_null(strchr(nd_error_message(), '\n'));
}

/* Names in dir, sorted, one a line ("" if it does not exist). */
static char *listing(const char *dir)
{
	nd_buf b = ND_BUF_INIT, cmd = ND_BUF_INIT;
	char line[512];
	FILE *p;

	assert_int_equal(nd_buf_printf(&cmd, "ls -A '%s' 2>/dev/null | sort", dir), 0);
	assert_non_null(p = popen(cmd.ptr, "r"));
	while (fgets(line, sizeof(line), p))
		assert_int_equal(nd_buf_puts(&b, line), 0);
	pclose(p);
	nd_buf_dispose(&cmd);
	return nd_buf_detach(&b);
}

static void test_blob_id(void **state)
{
	fixture *f = *state;
	nd_version v, *log = NULL;
	char *data = NULL, hex[GIT_OID_HEXSZ + 1];
	size_t len = 0, n = 0;
	git_oid id;

	nd_version_init(&v);
	assert_int_equal(nd_store_read(f->store, "v1", &data, &len, &v), 0);
	assert_int_equal(git_odb_hash(&id, data, len, GIT_OBJECT_BLOB), 0);
	git_oid_tostr(hex, sizeof(hex), &id);
	assert_string_equal(v.blob, hex);
	nd_version_dispose(&v);
	free(data);
	assert_int_equal(nd_store_log(f->store, NULL, &log, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(log[0].blob, "");
	nd_versions_free(log, n);
}

static void test_put_get(void **state)
{
	fixture *f = *state;
	static const char key[] = "a key\0with a NUL", data[] = "data\0\n\xff";
	char *dir = nd_store_cache_dir(f->store), *names;

	assert_miss(f, "a key", 5, ND_ENOTFOUND);
	names = listing(dir);
	assert_string_equal(names, ""); /* a get makes nothing */
	free(names);
	assert_int_equal(nd_store_cache_put(f->store, key, sizeof(key), data,
	                                    sizeof(data)), 0);
	assert_get(f, key, sizeof(key), data, sizeof(data));
	assert_miss(f, key, sizeof(key) - 1, ND_ENOTFOUND); /* another key */
	/* replaced; empty data is data */
	assert_int_equal(nd_store_cache_put(f->store, key, sizeof(key), "", 0), 0);
	assert_get(f, key, sizeof(key), "", 0);
	assert_int_equal(nd_store_cache_put(f->store, "k2", 2, "two", 3), 0);
	assert_get(f, "k2", 2, "two", 3);
	assert_get(f, key, sizeof(key), "", 0);
	free(dir);
}

static void test_damage(void **state)
{
	fixture *f = *state;
	static const char key[] = "the key", data[] = "some data\nof two lines\n";
	char *path = entry_file(f, key, strlen(key)), *good, *bad, *other;
	size_t len, at, cut;

	assert_int_equal(nd_store_cache_put(f->store, key, strlen(key), data,
	                                    strlen(data)), 0);
	good = test_slurp(path, &len);
	assert_non_null(good);
	assert_non_null(bad = malloc(len));
	for (cut = 0; cut < len; cut++) {
		write_bytes(path, good, cut);
		assert_miss(f, key, strlen(key), ND_ECORRUPT);
	}
	for (at = 0; at < len; at++) {
		memcpy(bad, good, len);
		bad[at] ^= 0x01;
		write_bytes(path, bad, len);
		assert_miss(f, key, strlen(key), ND_ECORRUPT);
		bad[at] = good[at] == '9' ? '8' : '9';
		write_bytes(path, bad, len);
		assert_miss(f, key, strlen(key), ND_ECORRUPT);
	}
	memcpy(bad, good, len);
	write_bytes(path, bad, len);
	assert_get(f, key, strlen(key), data, strlen(data));
	/* bytes after the data */
	write_bytes(path, "", 0);
	{
		FILE *fp = fopen(path, "wb");

		assert_non_null(fp);
		assert_int_equal(fwrite(good, 1, len, fp), len);
		fputc('x', fp);
		fclose(fp);
	}
	assert_miss(f, key, strlen(key), ND_ECORRUPT);
	/* another key's entry under this key's name */
	assert_int_equal(nd_store_cache_put(f->store, "other", 5, data, strlen(data)), 0);
	other = entry_file(f, "other", 5);
	assert_int_equal(rename(other, path), 0);
	assert_miss(f, key, strlen(key), ND_ECORRUPT);
	/* a link, even to a sound entry; a directory */
	assert_int_equal(nd_store_cache_put(f->store, "other", 5, data, strlen(data)), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(symlink(other, path), 0);
	assert_miss(f, key, strlen(key), ND_ECORRUPT);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mkdir(path, 0777), 0);
	assert_miss(f, key, strlen(key), ND_ECORRUPT);
	assert_int_equal(rmdir(path), 0);
	/* a damaged entry is rewritten by a put */
	write_bytes(path, good, len / 2);
	assert_int_equal(nd_store_cache_put(f->store, key, strlen(key), data,
	                                    strlen(data)), 0);
	assert_get(f, key, strlen(key), data, strlen(data));
	free(good);
	free(bad);
	free(path);
	free(other);
}

static void test_put_fails(void **state)
{
	fixture *f = *state;
	char *dir = nd_store_cache_dir(f->store), *path, *before, *after, *other;

	/* the cache directory is a file */
	write_bytes(dir, "x", 1);
	before = listing(f->path);
	assert_int_equal(nd_store_cache_put(f->store, "k", 1, "d", 1), ND_EIO);
	assert_non_null(strstr(nd_error_message(), "the store is unchanged"));
	assert_null(strchr(nd_error_message(), '\n'));
	after = listing(f->path);
	assert_string_equal(before, after);
	assert_miss(f, "k", 1, ND_ENOTFOUND);
	free(before);
	free(after);
	assert_int_equal(unlink(dir), 0);
	/* the entry cannot be replaced (a directory holds its name): the
	 * temporary file goes, the directory stays as it was */
	path = entry_file(f, "k", 1);
	assert_int_equal(mkdir(dir, 0777), 0);
	assert_int_equal(mkdir(path, 0777), 0);
	other = join(dir, "other");
	write_bytes(other, "kept", 4); /* a file beside, kept */
	before = listing(dir);
	assert_int_equal(nd_store_cache_put(f->store, "k", 1, "d", 1), ND_EIO);
	after = listing(dir);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(path);
	free(other);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_blob_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_get, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_put_fails, setup, teardown),
	};
	char *noconfig;
	int failed;

	/* no user, global or system git configuration may leak in */
	git_libgit2_init();
	noconfig = join(tmp_base(), "normdiff-test-XXXXXX");
	assert_non_null(mkdtemp(noconfig));
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, noconfig);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, noconfig);
	git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, noconfig);
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	rmdir(noconfig);
	free(noconfig);
	git_libgit2_shutdown();
	return failed;
}
