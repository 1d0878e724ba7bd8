/* cache.c - the change set of two loaded versions: computed (cli_align,
 * timed for --timings) and, for commands that compare many (history,
 * synopsis), through the store's cache of alignments.
 *
 * Design. When both versions were read from the store, their change set
 * is looked up in the store's cache (store.h) under a key made of all it
 * depends on: both blob ids, the grammar (the built-in one's text and,
 * with --grammar, the file's name, which notes quote, and text), every
 * field of nd_align_opts, the change set format (ND_CHANGESET_FORMAT), the
 * program's version and a hash of the program's own bytes (build_id). The store names the entry by the SHA-1 of the key
 * and keeps the key in it; the grammar texts go in as their length and
 * 64-bit hash, so an entry stays small. A hit is loaded against the two
 * parsed documents (changeset_io.h), which refuses anything that does not
 * fit them; a miss, a damaged entry or one that does not load is
 * computed, and the result is put (rewriting a damaged entry). The cache
 * is never required: a failed put leaves the store as it was and is said
 * once per run, quietly; the command goes on. Files named on the command
 * line, REV:PATH and standard input are never cached (their bytes have no
 * id in the store). The grammar goes into the key as the hash of the text
 * that was compiled (cli_grammar keeps it), so a grammar from a pipe is
 * keyed like a file, and a file changed since it was read cannot be
 * confused with what was compiled.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "normdiff/changeset_io.h"
#include "normdiff/error.h"

#ifndef ND_VERSION
#define ND_VERSION "unknown"
#endif

static uint64_t bits(double x)
{
	uint64_t u;

	memcpy(&u, &x, sizeof(u));
	return u;
}

/* "NAME LEN HASH\n" for a text that goes into the key. */
static int key_text(nd_buf *key, const char *name, const char *s, size_t len)
{
	return nd_buf_printf(key, "%s %zu %016llx\n", name, len,
	                     (unsigned long long)nd_hash(s, len));
}

/* A hash of the running program's own bytes, so that two builds that
 * share a version string (a developer's, or two snapshots of the same
 * release) never share entries: a change to the aligner is a new key.
 * Read once per run; 0 when /proc/self/exe cannot be read (the version
 * string alone then keys the build). */
static uint64_t build_id(void)
{
	static uint64_t id;
	static int done;
	char *exe = NULL;
	size_t len = 0;

	if (!done && cli_read_file("/proc/self/exe", &exe, &len) == 0)
		id = nd_hash(exe, len);
	nd_error_clear();
	free(exe);
	done = 1;
	return id;
}

/* What every key holds: the program, the options, the grammar (the text
 * that was compiled, so the key is the grammar's even if the file changed
 * since). ND_EINVAL without a store, or before the grammar was loaded. */
static int common_key(cli *c, const nd_align_opts *ao, const char *what,
                      nd_buf *key)
{
	const char *dflt = nd_grammar_default_source();
	int err;

	if (!c->store || !c->grammar)
		return ND_EINVAL;
	err = nd_buf_printf(key, "normdiff %s\nversion %s\nbuild %016llx\n"
	                    "format %d\n", what, ND_VERSION,
	                    (unsigned long long)build_id(), ND_CHANGESET_FORMAT);
	err = err ? err : nd_buf_printf(key, "threshold %016llx\nsplit_share %016llx\n"
	                    "max_candidates %zu\nmax_posting %zu\nmax_cost %zu\n"
	                    "ignore_case %d\nignore_punct %d\n",
	                    (unsigned long long)bits(ao->threshold),
	                    (unsigned long long)bits(ao->split_share),
	                    ao->max_candidates, ao->max_posting, ao->max_cost,
	                    ao->ignore_case, ao->ignore_punct);
	err = err ? err : key_text(key, "default-grammar", dflt, strlen(dflt));
	if (!err && c->grammar_file) {
		err = key_text(key, "grammar-name", c->grammar_file,
		               strlen(c->grammar_file));
		err = err ? err : nd_buf_printf(key, "grammar %zu %016llx\n",
		                                c->grammar_len,
		                                (unsigned long long)c->grammar_hash);
	}
	return err;
}

/* The key of the change set of old and new; ND_EINVAL if it has none. */
static int make_key(cli *c, const cli_side *old, const cli_side *new,
                    const nd_align_opts *ao, nd_buf *key)
{
	if (!old->in.from_store || !new->in.from_store || !old->in.ver.blob[0] ||
	    !new->in.ver.blob[0])
		return ND_EINVAL;
	if (common_key(c, ao, "alignment", key))
		return ND_EINVAL;
	return nd_buf_printf(key, "old %s\nnew %s\n", old->in.ver.blob,
	                     new->in.ver.blob);
}

/* Say once per run that the cache could not be written. */
static void note_put_failed(void)
{
	static int said;

	if (!said)
		cli_note("%s; comparisons are not kept for the next run",
		         nd_error_message());
	said = 1;
}

int cli_align(const char *thing, nd_changeset **out, const nd_doc *old,
              const nd_doc *new, const nd_align_opts *ao,
              nd_progress_fn progress, void *ud)
{
	nd_align_opts timed = *ao;
	nd_timings passes = {0};
	double start = cli_clock();
	int err;

	if (cli_timings_on())
		timed.timings = &passes;
	err = nd_changeset_compute(out, old, new, &timed, progress, ud);
	cli_time_since("align", start);
	cli_time_passes(&passes);
	return err ? cli_fail_lib(thing) : 0;
}

int cli_changeset(cli *c, const cli_side *old, const cli_side *new,
                  const nd_align_opts *ao, nd_progress_fn progress, void *ud,
                  nd_changeset **out)
{
	nd_buf key = ND_BUF_INIT, bytes = ND_BUF_INIT;
	char *data = NULL;
	size_t len = 0;
	int cached, status = 0;

	*out = NULL;
	cached = make_key(c, old, new, ao, &key) == 0;
	if (cached && nd_store_cache_get(c->store, key.ptr, key.len, &data, &len) == 0 &&
	    nd_changeset_load(out, old->doc, new->doc, data, len) == 0)
		goto done;
	nd_error_clear(); /* a miss is no error */
	/* each version's signatures once, though most are compared twice */
	if (nd_doc_index(old->doc) || nd_doc_index(new->doc)) {
		status = cli_fail_lib(new->spec);
		goto done;
	}
	if ((status = cli_align(new->spec, out, old->doc, new->doc, ao, progress,
	                        ud)) != 0)
		goto done;
	if (cached && (nd_changeset_save(&bytes, *out) ||
	               nd_store_cache_put(c->store, key.ptr, key.len, bytes.ptr,
	                                  bytes.len)))
		note_put_failed();
	nd_error_clear();
done:
	free(data);
	nd_buf_dispose(&key);
	nd_buf_dispose(&bytes);
	return status;
}

int cli_output_cached(cli *c, const cli_side *sides, size_t n,
                      const nd_align_opts *ao, const char *what, nd_buf *key,
                      nd_buf *out)
{
	char *data = NULL;
	size_t len = 0, k;
	int err;

	nd_buf_clear(key);
	for (k = 0; k < n; k++)
		if (!sides[k].in.from_store)
			return 0;
	err = common_key(c, ao, what, key);
	for (k = 0; k < n && !err; k++) /* the commit: text and metadata */
		err = nd_buf_printf(key, "version %s\n", sides[k].in.ver.oid);
	for (k = 0; k < n && !err; k++) /* the spec as given, which JSON shows */
		err = key_text(key, "spec", sides[k].spec, strlen(sides[k].spec));
	if (err) {
		nd_buf_dispose(key);
		nd_error_clear();
		return 0;
	}
	if (nd_store_cache_get(c->store, key->ptr, key->len, &data, &len) != 0) {
		nd_error_clear();
		return 0;
	}
	err = nd_buf_put(out, data, len);
	free(data);
	return err ? 0 : 1;
}

void cli_output_keep(cli *c, const nd_buf *key, const nd_buf *out)
{
	if (!key->len)
		return;
	if (nd_store_cache_put(c->store, key->ptr, key->len, out->ptr ? out->ptr : "",
	                       out->len))
		note_put_failed();
	nd_error_clear();
}
