/* store.c - the draft store over libgit2.
 *
 * A store is a bare repository so that anyone can inspect it with plain
 * git; normdiff adds nothing git reads (its cache of derived data,
 * cache.c, is a directory git ignores). A version is blob -> tree ->
 * commit on refs/heads/main, built on the tree of the previous commit so
 * other series stay in place, plus a lightweight tag per label.
 *
 * A store is what `normdiff init` made: its config holds normdiff.store = 1.
 * A store made by an earlier init, without that key, is known by its shape
 * (bare, HEAD on refs/heads/main, whose commit carries the Label and Series
 * trailers of `normdiff add`). Any other repository is refused, so no
 * branch of a repository the user did not make a store is ever moved.
 *
 * Adding is optimistic and all-or-nothing. Objects are written first
 * (unreachable objects harm nothing and `git gc` prunes them); then
 * refs/heads/main and refs/tags/<label> are locked, the branch is checked
 * to still point where the new commit was built and the label to be still
 * free, and both refs are moved by one rename of packed-refs.lock over
 * packed-refs (packed.c gives the steps and why each is safe). That rename
 * is the only step that changes what the store holds, so a failure or a
 * kill at any step leaves it as it was or fully updated. A concurrent add
 * either loses the lock race (ND_ELOCKED) or finds the branch moved
 * (ND_ECONFLICT). Locks are never waited for and never broken: a lock left
 * by a killed process is reported with its path so a person can decide.
 * libgit2's error state is cleared before each call that writes, and a
 * failure is reported with errno's message when libgit2 gives none.
 *
 * libgit2 1.5 hangs on a truncated loose object, so every object is checked
 * (loose.c) before libgit2 reads it: all commits of the branch when the
 * store is opened, and the tree, subtrees and blob of a version when it is
 * read or built upon.
 *
 * Tags are loaded once per log or read and sorted by commit, so labelling
 * n versions with m tags costs O((n + m) log m), not O(n * m).
 *
 * Every function that opens libgit2 state (a store, nd_git_read) pairs
 * git_libgit2_init() with git_libgit2_shutdown(), so the library's global
 * state is released when the last user is done.
 */
#define _XOPEN_SOURCE 700 /* realpath() */

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "normdiff/buf.h"
#include "normdiff/error.h"
#include "normdiff/store.h"
#include "store_internal.h"

#define MAIN_REF "refs/heads/main"
#define TAGS_PREFIX "refs/tags/"
#define FALLBACK_NAME "normdiff"
#define FALLBACK_EMAIL "normdiff@localhost"
#define STORE_KEY "normdiff.store" /* the mark `normdiff init` writes */
#define STORE_FORMAT "1"           /* its value: the layout of docs/store.md */

/* A set of object ids, open addressing: the objects already checked. */
typedef struct oid_set {
	git_oid *v;   /* slots; a zero id is a free slot */
	size_t cap;   /* slots, a power of two */
	size_t n;     /* ids held */
} oid_set;

/* The slot of id, or of the free slot where it would go (cap > 0). */
static size_t oid_set_slot(const oid_set *t, const git_oid *id)
{
	size_t i, h;

	memcpy(&h, id->id, sizeof(h));
	for (i = h & (t->cap - 1); !git_oid_is_zero(&t->v[i]); i = (i + 1) & (t->cap - 1))
		if (git_oid_equal(&t->v[i], id))
			break;
	return i;
}

static int oid_set_has(const oid_set *t, const git_oid *id)
{
	return t->cap && !git_oid_is_zero(&t->v[oid_set_slot(t, id)]);
}

/* Add id; 1 if it was new, 0 if held, <0 on error. */
static int oid_set_add(oid_set *t, const git_oid *id)
{
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		oid_set bigger = {NULL, t->cap ? 2 * t->cap : 64, 0};

		bigger.v = calloc(bigger.cap, sizeof(*bigger.v));
		if (!bigger.v)
			return nd_error_oom();
		for (i = 0; i < t->cap; i++)
			if (!git_oid_is_zero(&t->v[i]))
				oid_set_add(&bigger, &t->v[i]);
		free(t->v);
		*t = bigger;
	}
	i = oid_set_slot(t, id);
	if (!git_oid_is_zero(&t->v[i]))
		return 0;
	t->v[i] = *id;
	t->n++;
	return 1;
}

struct nd_store {
	git_repository *repo; /* the bare repository, open while the store is */
	char *path;           /* directory of the store as the caller named it */
	char *warning;        /* what the last add could not clean up, or NULL */
	oid_set checked;      /* objects whose loose file was checked sound */
};

/* A tag and the commit it names. */
typedef struct tag_entry {
	git_oid commit; /* commit the tag peels to */
	char *name;     /* label: the ref name without "refs/tags/" */
} tag_entry;

/* The tags of a store, sorted by commit, then by name. */
typedef struct tag_list {
	tag_entry *v; /* entries */
	size_t n;     /* entries in use */
	size_t cap;   /* entries allocated */
} tag_list;

/* libgit2's message for the last failure; git_error_last() may be NULL. */
static const char *git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "no detail from libgit2";
}

/* ND_EIO for operating-system failures, ND_ECORRUPT for the rest: used when
 * reading something that should be there. */
static int read_code(void)
{
	const git_error *e = git_error_last();

	return e && (e->klass == GIT_ERROR_OS || e->klass == GIT_ERROR_FILESYSTEM) ?
	       ND_EIO : ND_ECORRUPT;
}

static int read_failed(const nd_store *s, const char *what)
{
	int code = read_code();

	return nd_error_set(code, "cannot read %s in the store at %s: %s; %s",
	                    what, s->path, git_msg(),
	                    code == ND_EIO ? "check the permissions of the store" :
	                    "the store is damaged: check it with `git fsck` and "
	                    "restore it from a backup");
}

/* Forget earlier failures before a libgit2 call whose failure is reported:
 * git_error_last() and errno then describe that call or nothing. */
static void before_call(void)
{
	git_error_clear();
	errno = 0;
}

/* A write step failed: libgit2's message, with errno's when libgit2 gave
 * none or did not include it. Call right after the failing call. */
static int write_failed(const nd_store *s)
{
	const git_error *e = git_error_last();
	const char *sys = errno ? strerror(errno) : NULL;
	const char *msg = e && e->message && *e->message ? e->message : NULL;

	if (!msg && !sys)
		sys = "no detail from libgit2";
	return nd_error_set(ND_EIO, "cannot write the new version into the store "
	                    "at %s: %s%s%s; check that the store is writable and "
	                    "the disk is not full (the store is unchanged)",
	                    s->path, msg ? msg : "", msg && sys &&
	                    !strstr(msg, sys) ? ": " : "",
	                    sys && (!msg || !strstr(msg, sys)) ? sys : "");
}

/* Check object `id` before libgit2 reads it (see loose.c), once. */
static int check_obj(nd_store *s, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];
	int err;

	if (oid_set_has(&s->checked, id))
		return 0;
	git_oid_tostr(hex, sizeof(hex), id);
	err = nd_loose_check(git_repository_path(s->repo), hex, s->path);
	if (!err && oid_set_add(&s->checked, id) < 0)
		err = nd_error_oom();
	return err;
}

/* Check what ref points at before libgit2 peels it: its object and, for
 * an annotated tag, the objects the tag names in turn (a tag made with git
 * may name a commit that main does not reach, which open did not check). */
static int check_ref(nd_store *s, const git_reference *ref)
{
	const git_oid *id = git_reference_target(ref);
	git_oid next;
	git_tag *tag = NULL;
	int err = 0, depth;

	for (depth = 0; id && !err && depth < 16; depth++) {
		err = check_obj(s, id);
		if (err || git_tag_lookup(&tag, s->repo, id) < 0)
			break; /* not a tag (or unreadable: peeling says so) */
		next = *git_tag_target_id(tag);
		git_tag_free(tag);
		id = &next;
	}
	before_call();
	return err;
}

/* --- versions ------------------------------------------------------------ */

void nd_version_init(nd_version *v)
{
	memset(v, 0, sizeof(*v));
	nd_meta_init(&v->meta);
}

void nd_version_dispose(nd_version *v)
{
	size_t i;

	if (!v)
		return;
	nd_meta_dispose(&v->meta);
	for (i = 0; i < v->nlabels; i++)
		free(v->labels[i]);
	free(v->labels);
	nd_version_init(v);
}

void nd_versions_free(nd_version *v, size_t n)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < n; i++)
		nd_version_dispose(&v[i]);
	free(v);
}

/* --- lifecycle ----------------------------------------------------------- */

/* A copy of path without trailing slashes ("/" stays "/"). */
static char *clean_path(const char *path)
{
	size_t n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	return nd_strndup(path, n);
}

/* Allocate a store for `path`, holding one libgit2 initialisation that
 * nd_store_free() releases. */
static int store_new(nd_store **out, const char *path)
{
	nd_store *s;

	*out = NULL;
	if (git_libgit2_init() < 0)
		return nd_error_set(ND_ERR, "cannot initialise libgit2: %s", git_msg());
	s = calloc(1, sizeof(*s));
	if (s)
		s->path = clean_path(path);
	if (!s || !s->path) {
		free(s);
		git_libgit2_shutdown();
		return nd_error_oom();
	}
	*out = s;
	return 0;
}

void nd_store_free(nd_store *s)
{
	if (!s)
		return;
	git_repository_free(s->repo);
	free(s->path);
	free(s->warning);
	free(s->checked.v);
	free(s);
	git_libgit2_shutdown();
}

const char *nd_store_path(const nd_store *s)
{
	return s->path;
}

const char *nd_store_warning(const nd_store *s)
{
	return s->warning;
}

/* 1 if `dir`/`name` exists (as anything). */
static int has_entry(const char *dir, const char *name)
{
	nd_buf b = ND_BUF_INIT;
	struct stat st;
	int found = 0;

	if (nd_buf_printf(&b, "%s/%s", dir, name) == 0)
		found = stat(b.ptr, &st) == 0;
	nd_buf_dispose(&b);
	return found;
}

/* Why a directory cannot become a new store; 0 if it is empty. */
static int check_init_dir(const char *path)
{
	struct dirent *e;
	DIR *d = NULL;
	int err = 0;

	if (has_entry(path, "HEAD") && has_entry(path, "objects")) {
		err = nd_error_set(ND_EEXISTS, "%s already holds a store; use it as "
		                   "it is, or choose another directory", path);
		goto done;
	}
	d = opendir(path);
	if (!d) {
		err = nd_error_set(ND_EIO, "cannot create a store at %s: %s", path,
		                   strerror(errno));
		goto done;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			err = nd_error_set(ND_EEXISTS, "%s is not empty; a store needs "
			                   "a new or empty directory", path);
			break;
		}
	}
done:
	if (d)
		closedir(d);
	return err;
}

/* Write the mark that makes a repository a store: normdiff.store = 1. */
static int mark_store(nd_store *s)
{
	git_config *cfg = NULL;
	int err = 0;

	before_call();
	if (git_repository_config(&cfg, s->repo) < 0 ||
	    git_config_set_string(cfg, STORE_KEY, STORE_FORMAT) < 0)
		err = nd_error_set(ND_EIO, "cannot mark %s as a store: %s; remove the "
		                   "directory and run `normdiff init` again", s->path,
		                   git_msg());
	git_config_free(cfg);
	return err;
}

int nd_store_init(nd_store **out, const char *path)
{
	git_repository_init_options opts;
	nd_store *s = NULL;
	struct stat st;
	int err = 0, rc;

	*out = NULL;
	if (!path || !*path) {
		err = nd_error_set(ND_EINVAL, "no directory given for the store");
		goto done;
	}
	if (stat(path, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			err = nd_error_set(ND_EEXISTS, "%s exists and is not a directory; "
			                   "choose a new or empty directory for the store",
			                   path);
		else
			err = check_init_dir(path);
	} else if (errno != ENOENT) {
		err = nd_error_set(ND_EIO, "cannot create a store at %s: %s", path,
		                   strerror(errno));
	}
	if (err)
		goto done;
	err = store_new(&s, path);
	if (err)
		goto done;
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH |
	             GIT_REPOSITORY_INIT_NO_REINIT;
	opts.initial_head = "main";
	rc = git_repository_init_ext(&s->repo, path, &opts);
	if (rc == GIT_EEXISTS) {
		err = nd_error_set(ND_EEXISTS, "%s already holds a store; use it as "
		                   "it is, or choose another directory", path);
		goto done;
	}
	if (rc < 0) {
		err = nd_error_set(ND_EIO, "cannot create a store at %s: %s", path,
		                   git_msg());
		goto done;
	}
	err = mark_store(s);
	if (err)
		goto done;
	*out = s;
	s = NULL;
done:
	nd_store_free(s);
	return err;
}

/* Check every commit reachable from `tip` before libgit2 walks them: one
 * inflation of each commit file, each commit once. */
static int check_history(nd_store *s, const git_oid *tip)
{
	oid_set seen = {NULL, 0, 0};
	git_oid *stack = NULL, id;
	git_commit *c = NULL;
	size_t n = 0, cap = 0;
	unsigned i;
	int err, rc;

	err = nd_vec_reserve((void **)&stack, &cap, 1, sizeof(*stack));
	if (!err)
		stack[n++] = *tip;
	while (!err && n) {
		id = stack[--n];
		rc = oid_set_add(&seen, &id);
		if (rc <= 0) {
			err = rc;
			continue;
		}
		err = check_obj(s, &id);
		if (err)
			break;
		before_call();
		if (git_commit_lookup(&c, s->repo, &id) < 0) {
			err = read_failed(s, "the history");
			break;
		}
		for (i = 0; i < git_commit_parentcount(c) && !err; i++) {
			err = nd_vec_reserve((void **)&stack, &cap, n + 1, sizeof(*stack));
			if (!err)
				stack[n++] = *git_commit_parent_id(c, i);
		}
		git_commit_free(c);
		c = NULL;
	}
	free(stack);
	free(seen.v);
	return err;
}

static int not_a_store(const nd_store *s, const char *why)
{
	return nd_error_set(ND_ENOTSTORE, "%s is not a normdiff store (%s); "
	                    "normdiff writes only to stores it made: create one "
	                    "with `normdiff --store DIR init`, or name the "
	                    "directory that holds one", s->path, why);
}

/* A store made by an earlier `normdiff init`, which wrote no mark: bare,
 * HEAD on refs/heads/main, and that commit made by `normdiff add` (Label
 * and Series trailers). */
static int check_unmarked_store(nd_store *s, git_config *cfg)
{
	git_reference *head = NULL;
	git_commit *tip = NULL;
	const char *target;
	nd_meta m;
	git_oid id;
	int err = 0, bare = 0;

	nd_meta_init(&m);
	before_call();
	if (git_config_get_bool(&bare, cfg, "core.bare") < 0 || !bare) {
		err = not_a_store(s, "a git repository with a work tree");
		goto done;
	}
	if (git_reference_lookup(&head, s->repo, "HEAD") < 0 ||
	    !(target = git_reference_symbolic_target(head)) ||
	    strcmp(target, MAIN_REF)) {
		err = not_a_store(s, "a git repository whose HEAD is not main");
		goto done;
	}
	if (git_reference_name_to_id(&id, s->repo, MAIN_REF) < 0) {
		err = not_a_store(s, "a git repository without the mark of "
		                  "`normdiff init` and without versions; if an "
		                  "earlier `normdiff init` made it, mark it with "
		                  "`git --git-dir=DIR config normdiff.store 1`");
		goto done;
	}
	err = check_obj(s, &id);
	if (err)
		goto done;
	before_call();
	if (git_commit_lookup(&tip, s->repo, &id) < 0) {
		err = read_failed(s, MAIN_REF);
		goto done;
	}
	err = nd_meta_from_message(&m, git_commit_message(tip) ?
	                           git_commit_message(tip) : "");
	if (!err && (!m.label || !m.series))
		err = not_a_store(s, "a git repository whose commits were not made "
		                  "by `normdiff add`");
done:
	nd_meta_dispose(&m);
	git_commit_free(tip);
	git_reference_free(head);
	return err;
}

/* A store carries the mark of `normdiff init` (or is an earlier store). */
static int check_is_store(nd_store *s)
{
	git_config *cfg = NULL;
	git_buf mark = GIT_BUF_INIT;
	int err = 0;

	before_call();
	if (git_repository_config_snapshot(&cfg, s->repo) < 0)
		return read_failed(s, "the configuration");
	if (git_config_get_string_buf(&mark, cfg, STORE_KEY) != 0)
		err = check_unmarked_store(s, cfg);
	else if (strcmp(mark.ptr, STORE_FORMAT))
		err = nd_error_set(ND_ENOTSTORE, "the store at %s has format '%s' "
		                   "(%s), which this normdiff does not know; use a "
		                   "newer normdiff", s->path, mark.ptr, STORE_KEY);
	git_buf_dispose(&mark);
	git_config_free(cfg);
	return err;
}

/* A damaged store is found on open, not in the middle of a command: HEAD
 * and the main branch must be readable, and the branch's commit and tree
 * must exist. */
static int check_store(nd_store *s)
{
	git_reference *ref = NULL;
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_oid id;
	char hex[GIT_OID_HEXSZ + 1];
	int err = 0, rc;

	rc = git_reference_lookup(&ref, s->repo, "HEAD");
	if (rc < 0) {
		err = nd_error_set(ND_ECORRUPT, "the store at %s is damaged: its HEAD "
		                   "cannot be read (%s); check it with `git fsck` and "
		                   "restore it from a backup", s->path, git_msg());
		goto done;
	}
	rc = git_reference_name_to_id(&id, s->repo, MAIN_REF);
	if (rc == GIT_ENOTFOUND)
		goto done; /* no version yet */
	if (rc < 0) {
		err = nd_error_set(ND_ECORRUPT, "the store at %s is damaged: %s cannot "
		                   "be read (%s); check it with `git fsck` and restore "
		                   "it from a backup", s->path, MAIN_REF, git_msg());
		goto done;
	}
	git_oid_tostr(hex, sizeof(hex), &id);
	err = check_history(s, &id);
	if (err)
		goto done;
	before_call();
	if (git_commit_lookup(&commit, s->repo, &id) == 0) {
		err = check_obj(s, git_commit_tree_id(commit));
		if (err || git_commit_tree(&tree, commit) == 0)
			goto done;
	}
	err = nd_error_set(ND_ECORRUPT, "the store at %s is damaged: %s points "
	                   "at commit %s, which is missing or unreadable (%s); "
	                   "check it with `git fsck` and restore it from a "
	                   "backup", s->path, MAIN_REF, hex, git_msg());
done:
	git_tree_free(tree);
	git_commit_free(commit);
	git_reference_free(ref);
	return err;
}

int nd_store_open(nd_store **out, const char *path)
{
	nd_store *s = NULL;
	struct stat st;
	int err = 0, rc;

	*out = NULL;
	if (!path || !*path) {
		err = nd_error_set(ND_EINVAL, "no store directory given");
		goto done;
	}
	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			err = nd_error_set(ND_ENOTFOUND, "no store at %s; create one with "
			                   "`normdiff init`", path);
		else
			err = nd_error_set(ND_EIO, "cannot open the store at %s: %s", path,
			                   strerror(errno));
		goto done;
	}
	if (!S_ISDIR(st.st_mode)) {
		err = nd_error_set(ND_ENOTSTORE, "%s is a file, not a store; a store is "
		                   "the directory that `normdiff init` creates", path);
		goto done;
	}
	err = store_new(&s, path);
	if (err)
		goto done;
	rc = git_repository_open_bare(&s->repo, path);
	if (rc == GIT_ENOTFOUND && has_entry(path, "HEAD")) {
		err = nd_error_set(ND_ECORRUPT, "the store at %s is damaged: it has a "
		                   "HEAD but no objects/ or refs/ directory; restore it "
		                   "from a backup", path);
	} else if (rc == GIT_ENOTFOUND) {
		err = nd_error_set(ND_ENOTSTORE, "%s is not a normdiff store (not a bare "
		                   "git repository); create a store with `normdiff "
		                   "init`, or name the directory that holds one", path);
	} else if (rc == GIT_EOWNER) {
		err = nd_error_set(ND_ENOTSTORE, "the store at %s belongs to another "
		                   "user and git refuses to use it (%s)", path, git_msg());
	} else if (rc < 0) {
		err = nd_error_set(read_code(), "cannot open the store at %s: %s", path,
		                   git_msg());
	}
	err = err ? err : check_is_store(s);
	err = err ? err : check_store(s);
	if (err)
		goto done;
	*out = s;
	s = NULL;
done:
	nd_store_free(s);
	return err;
}

int nd_store_discover(char **path_out, const char *start_dir)
{
	nd_buf b = ND_BUF_INIT;
	struct stat st;
	char *dir = NULL, *slash;
	int err = 0, top = 1;

	*path_out = NULL;
	dir = realpath(start_dir, NULL);
	if (!dir) {
		err = nd_error_set(ND_ENOTFOUND, "cannot look for a store from %s: %s",
		                   start_dir, strerror(errno));
		goto done;
	}
	for (;;) {
		nd_buf_clear(&b);
		if (top)
			/* as git does: relative to start_dir if found there */
			err = strcmp(start_dir, ".") == 0 ?
			      nd_buf_puts(&b, ".normdiff") :
			      nd_buf_printf(&b, "%s/.normdiff", start_dir);
		else
			err = nd_buf_printf(&b, "%s/.normdiff", strcmp(dir, "/") ? dir : "");
		if (err)
			goto done;
		if (stat(b.ptr, &st) == 0 && S_ISDIR(st.st_mode)) {
			*path_out = nd_buf_detach(&b);
			goto done;
		}
		if (strcmp(dir, "/") == 0)
			break;
		slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
		top = 0;
	}
	err = nd_error_set(ND_ENOTFOUND, "no store (.normdiff directory) in %s or "
	                   "any directory above it; create one with `normdiff init`",
	                   start_dir);
done:
	free(dir);
	nd_buf_dispose(&b);
	return err;
}

/* --- tags ---------------------------------------------------------------- */

static void tag_list_dispose(tag_list *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i].name);
	free(t->v);
	memset(t, 0, sizeof(*t));
}

static int tag_cmp(const void *a, const void *b)
{
	const tag_entry *x = a, *y = b;
	int c = git_oid_cmp(&x->commit, &y->commit);

	return c ? c : strcmp(x->name, y->name);
}

/* Load every tag that names a commit (lightweight or annotated). */
static int tag_list_load(tag_list *t, nd_store *s)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	git_object *obj = NULL;
	int err = 0, rc;

	rc = git_reference_iterator_glob_new(&it, s->repo, TAGS_PREFIX "*");
	if (rc < 0) {
		err = read_failed(s, "the tags");
		goto done;
	}
	while ((rc = git_reference_next(&ref, it)) == 0) {
		if ((err = check_ref(s, ref)) != 0) {
			git_reference_free(ref);
			goto done;
		}
		rc = git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT);
		if (rc == 0) {
			err = nd_vec_reserve((void **)&t->v, &t->cap, t->n + 1,
			                     sizeof(*t->v));
			if (!err) {
				t->v[t->n].commit = *git_object_id(obj);
				t->v[t->n].name = nd_strdup(git_reference_name(ref) +
				                            strlen(TAGS_PREFIX));
				if (t->v[t->n].name)
					t->n++;
				else
					err = nd_error_oom();
			}
		} else if (rc != GIT_EPEEL && rc != GIT_EINVALIDSPEC) {
			/* a tag of a tree or blob is no version; a dangling one is damage */
			err = read_failed(s, git_reference_name(ref));
		}
		git_object_free(obj);
		obj = NULL;
		git_reference_free(ref);
		ref = NULL;
		if (err)
			goto done;
	}
	if (rc != GIT_ITEROVER) {
		err = read_failed(s, "the tags");
		goto done;
	}
	if (t->n)
		qsort(t->v, t->n, sizeof(*t->v), tag_cmp);
done:
	git_reference_iterator_free(it);
	return err;
}

/* Copy the names of the tags on `id` (already sorted) into v->labels. */
static int labels_for(const tag_list *t, const git_oid *id, nd_version *v)
{
	size_t lo = 0, hi = t->n, i, count = 0;
	int err = 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (git_oid_cmp(&t->v[mid].commit, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo; i < t->n && git_oid_equal(&t->v[i].commit, id); i++)
		count++;
	if (count == 0)
		goto done;
	v->labels = calloc(count, sizeof(*v->labels));
	if (!v->labels) {
		err = nd_error_oom();
		goto done;
	}
	for (i = 0; i < count; i++) {
		v->labels[i] = nd_strdup(t->v[lo + i].name);
		if (!v->labels[i]) {
			err = nd_error_oom();
			goto done;
		}
		v->nlabels++;
	}
done:
	return err;
}

/* Fill *v (initialised) from a commit; labels only when tags is given. */
static int fill_version(const git_commit *commit, const tag_list *tags,
                        nd_version *v)
{
	const char *msg = git_commit_message(commit);
	int err;

	git_oid_tostr(v->oid, sizeof(v->oid), git_commit_id(commit));
	v->time = git_commit_author(commit)->when.time;
	err = nd_meta_from_message(&v->meta, msg ? msg : "");
	if (!err && tags)
		err = labels_for(tags, git_commit_id(commit), v);
	return err;
}

/* --- adding -------------------------------------------------------------- */

/* Refuse early, before anything is written, when the store cannot take
 * objects: git itself would fail later with a less direct message. As
 * root, permissions do not stop a write, but a read-only file system or a
 * path that is not a directory still does. */
static int check_writable(const nd_store *s)
{
	static const char *const dirs[] = {"objects", "refs"};
	nd_buf b = ND_BUF_INIT;
	struct stat st;
	const char *why = NULL;
	size_t i;
	int err = 0;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]) && !why; i++) {
		nd_buf_clear(&b);
		err = nd_buf_printf(&b, "%s%s", git_repository_path(s->repo), dirs[i]);
		if (err)
			goto done;
		if (stat(b.ptr, &st) != 0)
			why = strerror(errno);
		else if (!S_ISDIR(st.st_mode))
			why = strerror(ENOTDIR);
		else if (access(b.ptr, W_OK) != 0)
			why = strerror(errno);
	}
	if (why)
		err = nd_error_set(ND_EIO, "cannot write to the store at %s: %s: %s; "
		                   "check its permissions and the file system (the "
		                   "store is unchanged)", s->path, b.ptr, why);
done:
	nd_buf_dispose(&b);
	return err;
}

/* ND_EEXISTS if `tagref` exists and !force. */
static int check_label_free(nd_store *s, const char *tagref, const char *label,
                            int force)
{
	git_reference *ref = NULL;
	git_object *obj = NULL;
	char hex[GIT_OID_HEXSZ + 1] = "?";
	int err = 0, rc;

	before_call();
	rc = git_reference_lookup(&ref, s->repo, tagref);
	if (rc == GIT_ENOTFOUND || (rc == 0 && force))
		goto done;
	if (rc < 0) {
		err = read_failed(s, tagref);
		goto done;
	}
	if ((err = check_ref(s, ref)) != 0)
		goto done;
	if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) == 0)
		git_oid_tostr(hex, 8, git_object_id(obj));
	err = nd_error_set(ND_EEXISTS, "label '%s' already names version %s; choose "
	                   "another label or use --force", label, hex);
done:
	git_object_free(obj);
	git_reference_free(ref);
	return err;
}

/* The commit refs/heads/main points at, or NULL for an empty store. */
static int read_parent(nd_store *s, git_commit **parent)
{
	git_oid id;
	int rc;

	*parent = NULL;
	rc = git_reference_name_to_id(&id, s->repo, MAIN_REF);
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0 || git_commit_lookup(parent, s->repo, &id) < 0)
		return read_failed(s, MAIN_REF);
	return 0;
}

/* Check the trees along `path` below `tree` (each directory the path
 * passes through) before libgit2 reads them; a missing part is no error. */
static int check_path_trees(nd_store *s, git_tree *tree, const char *path)
{
	const git_tree_entry *e;
	git_tree *sub = NULL, *cur = tree;
	const char *p = path, *slash;
	nd_buf name = ND_BUF_INIT; /* a part of any length: git allows it */
	git_oid id;
	int err = 0;

	while ((slash = strchr(p, '/')) != NULL && !err) {
		nd_buf_clear(&name);
		if ((err = nd_buf_put(&name, p, (size_t)(slash - p))) != 0)
			break;
		e = git_tree_entry_byname(cur, name.ptr);
		if (!e || git_tree_entry_type(e) != GIT_OBJECT_TREE)
			break;
		id = *git_tree_entry_id(e); /* e goes with the tree freed next */
		err = check_obj(s, &id);
		git_tree_free(sub);
		sub = NULL;
		before_call();
		if (!err && git_tree_lookup(&sub, s->repo, &id) < 0)
			err = read_failed(s, "a tree of the last version");
		cur = sub;
		p = slash + 1;
	}
	git_tree_free(sub);
	nd_buf_dispose(&name);
	return err;
}

/* A series must not turn a directory of the tree into a file or back:
 * libgit2 does not support that, and it would drop other series. */
static int check_series_path(nd_store *s, git_tree *base, const char *series)
{
	git_tree_entry *e = NULL;
	nd_buf b = ND_BUF_INIT;
	const char *p;
	int err = 0, rc;

	for (p = strchr(series, '/'); p; p = strchr(p + 1, '/')) {
		nd_buf_clear(&b);
		err = nd_buf_put(&b, series, (size_t)(p - series));
		if (err)
			goto done;
		rc = git_tree_entry_bypath(&e, base, b.ptr);
		if (rc == 0 && git_tree_entry_type(e) != GIT_OBJECT_TREE) {
			err = nd_error_set(ND_EINVAL, "series '%s' cannot be stored: '%s' "
			                   "is a file in the store; choose another series",
			                   series, b.ptr);
			goto done;
		}
		git_tree_entry_free(e);
		e = NULL;
		if (rc < 0 && rc != GIT_ENOTFOUND) {
			err = read_failed(s, "the tree of the last version");
			goto done;
		}
	}
	rc = git_tree_entry_bypath(&e, base, series);
	if (rc == 0 && git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		err = nd_error_set(ND_EINVAL, "series '%s' is a directory in the store; "
		                   "choose another series", series);
	else if (rc < 0 && rc != GIT_ENOTFOUND)
		err = read_failed(s, "the tree of the last version");
done:
	git_tree_entry_free(e);
	nd_buf_dispose(&b);
	return err;
}

/* Author: the configured user, dated at the draft's date (git cannot
 * portably record a time before 1970, so older drafts get 1970-01-01 and
 * keep their real date in the Date trailer). Committer: the same, now. */
static int make_signatures(nd_store *s, const char *date, git_signature **author,
                           git_signature **committer)
{
	git_signature *def = NULL;
	const char *name = FALLBACK_NAME, *email = FALLBACK_EMAIL;
	int64_t when = nd_date_to_time(date);
	int err = 0;

	if (git_signature_default(&def, s->repo) == 0) {
		name = def->name;
		email = def->email;
	}
	before_call(); /* a missing user.name is no error to report later */
	if (git_signature_new(author, name, email, when < 0 ? 0 : when, 0) < 0 ||
	    git_signature_now(committer, name, email) < 0)
		err = nd_error_set(ND_EINVAL, "cannot make a commit signature from "
		                   "'%s <%s>': %s; fix user.name and user.email in the "
		                   "git configuration", name, email, git_msg());
	git_signature_free(def);
	return err;
}

/* Write blob, tree and commit for a new version on top of `parent`. */
static int write_version(nd_store *s, git_commit *parent, const char *data,
                         size_t len, const nd_meta *m, const char *msg,
                         const git_signature *author,
                         const git_signature *committer, git_oid *out)
{
	git_tree *base = NULL, *tree = NULL;
	const git_commit *parents[1];
	git_tree_update upd;
	git_oid blob_id, tree_id;
	int err = 0;

	if (parent) {
		err = check_obj(s, git_commit_tree_id(parent));
		if (err)
			goto done;
		before_call();
		if (git_commit_tree(&base, parent) < 0) {
			err = read_failed(s, "the tree of the last version");
			goto done;
		}
	}
	/* the first version builds on no tree (an empty one written as its
	 * base would be left dangling) */
	err = base ? check_path_trees(s, base, m->series) : 0;
	err = err || !base ? err : check_series_path(s, base, m->series);
	if (err)
		goto done;
	before_call();
	if (git_blob_create_from_buffer(&blob_id, s->repo, len ? data : "", len) < 0) {
		err = write_failed(s);
		goto done;
	}
	memset(&upd, 0, sizeof(upd));
	upd.action = GIT_TREE_UPDATE_UPSERT;
	upd.id = blob_id;
	upd.filemode = GIT_FILEMODE_BLOB;
	upd.path = m->series;
	parents[0] = parent;
	before_call();
	if (git_tree_create_updated(&tree_id, s->repo, base, 1, &upd) < 0) {
		err = write_failed(s);
		goto done;
	}
	before_call();
	if (git_tree_lookup(&tree, s->repo, &tree_id) < 0) {
		err = write_failed(s);
		goto done;
	}
	before_call();
	if (git_commit_create(out, s->repo, NULL, author, committer, NULL, msg, tree,
	                      parent ? 1 : 0, parents) < 0)
		err = write_failed(s);
done:
	git_tree_free(tree);
	git_tree_free(base);
	return err;
}

/* Move refs/heads/main and the tag to `commit` in one step (packed.c), if
 * the branch still points at `parent` (NULL: does not exist yet). */
static int update_refs(nd_store *s, const char *tagref, const char *label,
                       const git_oid *commit, const git_oid *parent, int force)
{
	nd_reflocks l;
	char hex[GIT_OID_HEXSZ + 1];
	git_oid now;
	int err, rc;

	nd_reflocks_init(&l);
	err = nd_reflocks_lock(&l, git_repository_path(s->repo), s->path,
	                       MAIN_REF, tagref);
	if (err)
		goto done;
	/* under the locks: nobody can move either ref until we are done */
	before_call();
	rc = git_reference_name_to_id(&now, s->repo, MAIN_REF);
	if (rc < 0 && rc != GIT_ENOTFOUND) {
		err = read_failed(s, MAIN_REF);
		goto done;
	}
	if ((rc == GIT_ENOTFOUND) != (parent == NULL) ||
	    (parent && !git_oid_equal(&now, parent))) {
		err = nd_error_set(ND_ECONFLICT, "the store changed while adding; run "
		                   "the command again");
		goto done;
	}
	err = check_label_free(s, tagref, label, force);
	err = err ? err : nd_reflocks_pack(&l);
	git_oid_tostr(hex, sizeof(hex), commit);
	err = err ? err : nd_reflocks_commit(&l, hex, hex);
	if (err)
		goto done;
	nd_reflocks_unlock(&l);
	if (l.stale) {
		free(s->warning);
		s->warning = nd_strdup(l.stale);
	}
done:
	nd_reflocks_dispose(&l); /* releases any lock still held */
	return err;
}

int nd_store_add(nd_store *s, const char *data, size_t len, const nd_meta *meta,
                 int force, char *oid_out)
{
	nd_buf tagref = ND_BUF_INIT, msg = ND_BUF_INIT;
	git_signature *author = NULL, *committer = NULL;
	git_commit *parent = NULL;
	git_oid id;
	char today[11];
	nd_meta m;
	int err = 0;

	nd_meta_init(&m);
	free(s->warning);
	s->warning = NULL;
	/* objects reach the disk before a ref names them */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	if (!meta || !meta->label) {
		err = nd_error_set(ND_EINVAL, "a version needs a label (e.g. 2011)");
		goto done;
	}
	err = nd_meta_copy(&m, meta);
	err = err ? err : nd_meta_validate(&m);
	if (err)
		goto done;
	if (!m.series && !(m.series = nd_strdup(ND_DEFAULT_SERIES))) {
		err = nd_error_oom();
		goto done;
	}
	if (!m.date) {
		nd_date_today(today);
		if (!(m.date = nd_strdup(today))) {
			err = nd_error_oom();
			goto done;
		}
	}
	err = nd_buf_printf(&tagref, TAGS_PREFIX "%s", m.label);
	err = err ? err : nd_meta_to_message(&msg, &m);
	err = err ? err : check_writable(s);
	err = err ? err : check_label_free(s, tagref.ptr, m.label, force);
	err = err ? err : read_parent(s, &parent);
	err = err ? err : make_signatures(s, m.date, &author, &committer);
	err = err ? err : write_version(s, parent, data, len, &m, msg.ptr, author,
	                                committer, &id);
	err = err ? err : update_refs(s, tagref.ptr, m.label, &id,
	                              parent ? git_commit_id(parent) : NULL, force);
	if (!err && oid_out)
		git_oid_tostr(oid_out, GIT_OID_HEXSZ + 1, &id);
done:
	git_signature_free(committer);
	git_signature_free(author);
	git_commit_free(parent);
	nd_buf_dispose(&msg);
	nd_buf_dispose(&tagref);
	nd_meta_dispose(&m);
	return err;
}

/* --- reading ------------------------------------------------------------- */

int nd_store_log(nd_store *s, const char *series, nd_version **out, size_t *n)
{
	tag_list tags = {NULL, 0, 0};
	git_revwalk *walk = NULL;
	git_commit *commit = NULL;
	nd_version *v = NULL, one;
	size_t count = 0, cap = 0;
	git_oid id;
	int err = 0, rc;

	*out = NULL;
	*n = 0;
	nd_version_init(&one);
	if (git_revwalk_new(&walk, s->repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL) < 0) {
		err = read_failed(s, "the history");
		goto done;
	}
	rc = git_reference_name_to_id(&id, s->repo, MAIN_REF);
	if (rc == GIT_ENOTFOUND)
		goto done; /* an empty store */
	if (rc < 0 || git_revwalk_push(walk, &id) < 0) {
		err = read_failed(s, MAIN_REF);
		goto done;
	}
	err = tag_list_load(&tags, s);
	if (err)
		goto done;
	while ((rc = git_revwalk_next(&id, walk)) == 0) {
		if (git_commit_lookup(&commit, s->repo, &id) < 0) {
			err = read_failed(s, "the history");
			goto done;
		}
		err = fill_version(commit, &tags, &one);
		git_commit_free(commit);
		commit = NULL;
		if (err)
			goto done;
		if (series && (!one.meta.series || strcmp(one.meta.series, series))) {
			nd_version_dispose(&one);
			continue;
		}
		err = nd_vec_reserve((void **)&v, &cap, count + 1, sizeof(*v));
		if (err)
			goto done;
		v[count++] = one;
		nd_version_init(&one);
	}
	if (rc != GIT_ITEROVER) {
		err = read_failed(s, "the history");
		goto done;
	}
	*out = v;
	*n = count;
	v = NULL;
	count = 0;
done:
	nd_versions_free(v, count);
	nd_version_dispose(&one);
	tag_list_dispose(&tags);
	git_revwalk_free(walk);
	return err;
}

/* Check the object that the commit id a revision starts with names
 * ("1a2b3c4", "1a2b3c4~1") before libgit2 reads it: a commit no branch
 * reaches, such as one a failed add left, was not checked on open. Finding
 * the id reads only file names. */
static int check_rev_id(nd_store *s, const char *spec)
{
	size_t n = strspn(spec, "0123456789abcdefABCDEF");
	git_odb *odb = NULL;
	git_oid prefix, id;
	int err = 0;

	if (n < GIT_OID_MINPREFIXLEN || n > GIT_OID_HEXSZ ||
	    git_oid_fromstrn(&prefix, spec, n) < 0 ||
	    git_repository_odb(&odb, s->repo) < 0)
		return 0; /* no id: the revision is read as it is */
	if (git_odb_exists_prefix(&id, odb, &prefix, n) == 0)
		err = check_obj(s, &id);
	git_odb_free(odb);
	return err;
}

/* Resolve a label (tried first) or a revision to a commit. */
static int resolve_commit(nd_store *s, const char *spec, git_commit **out)
{
	git_reference *ref = NULL;
	git_object *obj = NULL, *peeled = NULL;
	nd_buf name = ND_BUF_INIT;
	int err = 0, rc;

	*out = NULL;
	if (!spec || !*spec) {
		err = nd_error_set(ND_EINVAL, "no version given; name a label or a "
		                   "revision (`normdiff log` lists the versions)");
		goto done;
	}
	err = nd_buf_printf(&name, TAGS_PREFIX "%s", spec);
	if (err)
		goto done;
	rc = git_reference_lookup(&ref, s->repo, name.ptr);
	if (rc == 0 && (err = check_ref(s, ref)) != 0)
		goto done;
	if (rc == 0)
		rc = git_reference_peel(&obj, ref, GIT_OBJECT_ANY);
	else if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC) {
		err = check_rev_id(s, spec);
		if (err)
			goto done;
		rc = git_revparse_single(&obj, s->repo, spec);
	}
	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC) {
		err = nd_error_set(ND_ENOTFOUND, "no version labelled '%s' and no such "
		                   "revision in the store at %s; `normdiff log` lists "
		                   "the versions", spec, s->path);
		goto done;
	}
	if (rc == GIT_EAMBIGUOUS) {
		err = nd_error_set(ND_EINVAL, "'%s' is ambiguous in the store at %s; "
		                   "give more characters of the commit id, or a label",
		                   spec, s->path);
		goto done;
	}
	if (rc < 0) {
		err = read_failed(s, spec);
		goto done;
	}
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		err = nd_error_set(ND_EINVAL, "'%s' names a %s in the store at %s, not a "
		                   "version; give a label or a commit", spec,
		                   git_object_type2string(git_object_type(obj)), s->path);
		goto done;
	}
	*out = (git_commit *)peeled;
	peeled = NULL;
done:
	git_object_free(peeled);
	git_object_free(obj);
	git_reference_free(ref);
	nd_buf_dispose(&name);
	return err;
}

/* Copy a blob's bytes, NUL-terminated. */
static int copy_blob(const git_blob *blob, char **data, size_t *len)
{
	git_object_size_t size = git_blob_rawsize(blob);
	char *p;

	if (size >= SIZE_MAX)
		return nd_error_set(ND_ETOOBIG, "the file is too large to read");
	p = malloc((size_t)size + 1);
	if (!p)
		return nd_error_oom();
	if (size)
		memcpy(p, git_blob_rawcontent(blob), (size_t)size);
	p[size] = '\0';
	*data = p;
	*len = (size_t)size;
	return 0;
}

int nd_store_read(nd_store *s, const char *spec, char **data, size_t *len,
                  nd_version *ver)
{
	tag_list tags = {NULL, 0, 0};
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	nd_version v;
	int err = 0, rc;

	*data = NULL;
	*len = 0;
	nd_version_init(&v);
	err = resolve_commit(s, spec, &commit);
	err = err ? err : ver ? tag_list_load(&tags, s) : 0;
	err = err ? err : fill_version(commit, ver ? &tags : NULL, &v);
	if (err)
		goto done;
	if (!v.meta.series) {
		err = nd_error_set(ND_ENOTFOUND, "'%s' is commit %.7s in the store at %s, "
		                   "which has no Series trailer and so names no draft; "
		                   "it was not made by `normdiff add`", spec, v.oid,
		                   s->path);
		goto done;
	}
	err = check_obj(s, git_commit_tree_id(commit));
	if (err)
		goto done;
	before_call();
	if (git_commit_tree(&tree, commit) < 0) {
		err = read_failed(s, "the tree of the version");
		goto done;
	}
	err = check_path_trees(s, tree, v.meta.series);
	if (err)
		goto done;
	rc = git_tree_entry_bypath(&entry, tree, v.meta.series);
	if (rc == GIT_ENOTFOUND) {
		err = nd_error_set(ND_ENOTFOUND, "version '%s' (commit %.7s) in the "
		                   "store at %s names series '%s', but holds no such "
		                   "file", spec, v.oid, s->path, v.meta.series);
		goto done;
	}
	if (rc < 0) {
		err = read_failed(s, v.meta.series);
		goto done;
	}
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		err = nd_error_set(ND_EINVAL, "version '%s' (commit %.7s): '%s' is a "
		                   "directory, not a draft", spec, v.oid, v.meta.series);
		goto done;
	}
	err = check_obj(s, git_tree_entry_id(entry));
	if (err)
		goto done;
	git_oid_tostr(v.blob, sizeof(v.blob), git_tree_entry_id(entry));
	before_call();
	if (git_blob_lookup(&blob, s->repo, git_tree_entry_id(entry)) < 0) {
		err = read_failed(s, v.meta.series);
		goto done;
	}
	err = copy_blob(blob, data, len);
	if (err)
		goto done;
	if (ver) {
		nd_version_dispose(ver);
		*ver = v;
		nd_version_init(&v);
	}
done:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	tag_list_dispose(&tags);
	nd_version_dispose(&v);
	return err;
}

/* --- any repository ------------------------------------------------------ */

/* REV:PATH is read as git reads it (gitrevisions(7)): PATH is from the top
 * of the working tree, except that a PATH starting with "./" or "../" is
 * relative to the directory the reader stands in (start_dir), normalised
 * and refused when it leaves the repository. ":PATH" and ":N:PATH" (N from
 * 0 to 3) name stage N of the index instead of a revision. */

/* Split "REV:PATH" at the first ':' outside "@{...}" (reflog and date
 * specs may contain ':'). ":PATH" and ":N:PATH" name the index: *rev is
 * then NULL and *stage N. */
static int split_revpath(const char *revpath, char **rev, const char **path,
                         int *stage)
{
	const char *p;
	int depth = 0;

	*rev = NULL;
	*stage = 0;
	if (revpath[0] == ':') {
		if (revpath[1] >= '0' && revpath[1] <= '3' && revpath[2] == ':') {
			*stage = revpath[1] - '0';
			*path = revpath + 3;
		} else {
			*path = revpath + 1;
		}
		return 0;
	}
	for (p = revpath; *p; p++) {
		if (p[0] == '@' && p[1] == '{')
			depth++;
		else if (p[0] == '}' && depth)
			depth--;
		else if (p[0] == ':' && !depth)
			break;
	}
	if (!*p)
		return nd_error_set(ND_EINVAL, "'%s' is not REV:PATH; give a revision "
		                    "and a file, e.g. HEAD:drafts/code.txt", revpath);
	*rev = nd_strndup(revpath, (size_t)(p - revpath));
	if (!*rev)
		return nd_error_oom();
	*path = p + 1;
	return 0;
}

/* Whether the absolute, resolved path p is dir or inside it. */
static int path_under(const char *p, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 1) /* "/" */
		return 1;
	return !strncmp(p, dir, n) && (!p[n] || p[n] == '/');
}

/* The directory start_dir as a path from the top of repo's working tree
 * ("" at the top, "drafts/2015" below it), malloc'ed; NULL when start_dir
 * is not inside the working tree (or there is none). */
static char *cwd_prefix(git_repository *repo, const char *start_dir)
{
	const char *wd = git_repository_workdir(repo);
	char *top = wd ? realpath(wd, NULL) : NULL;
	char *git = top ? realpath(git_repository_path(repo), NULL) : NULL;
	char *here = git ? realpath(start_dir, NULL) : NULL, *prefix = NULL;

	if (here && !path_under(here, git) && path_under(here, top)) {
		size_t n = strcmp(top, "/") ? strlen(top) : 0;

		prefix = nd_strdup(here + n + (here[n] == '/'));
	}
	free(top);
	free(git);
	free(here);
	return prefix;
}

/* Append path's components to out (a path from the top, "" or "a/b"),
 * "." skipped and ".." taking one away; -1 when ".." would leave the top. */
static int join_path(nd_buf *out, const char *path)
{
	while (*path) {
		size_t n = strcspn(path, "/");

		if (n == 2 && path[0] == '.' && path[1] == '.') {
			char *slash;

			if (!out->len)
				return -1;
			slash = strrchr(out->ptr, '/');
			out->len = slash ? (size_t)(slash - out->ptr) : 0;
			out->ptr[out->len] = '\0';
		} else if (n && !(n == 1 && path[0] == '.')) {
			if ((out->len && nd_buf_putc(out, '/')) || nd_buf_put(out, path, n))
				return ND_ENOMEM;
		}
		path += n + (path[n] == '/');
	}
	return 0;
}

/* PATH of a REV:PATH as a path from the top of the working tree, into
 * *out (malloc'ed). */
static int resolve_path(git_repository *repo, const char *start_dir,
                        const char *path, char **out)
{
	nd_buf b = ND_BUF_INIT;
	char *prefix;
	int rc;

	*out = NULL;
	if (strncmp(path, "./", 2) && strncmp(path, "../", 3)) {
		*out = nd_strdup(path);
		return *out ? 0 : nd_error_oom();
	}
	prefix = cwd_prefix(repo, start_dir);
	if (!prefix)
		return nd_error_set(ND_EINVAL, "a path starting with ./ or ../ is "
		                    "relative to the current directory, which is not "
		                    "in the working tree of the git repository at %s; "
		                    "give the path from the top of the repository",
		                    git_repository_path(repo));
	rc = nd_buf_puts(&b, "");
	rc = rc ? rc : join_path(&b, prefix);
	rc = rc ? rc : join_path(&b, path);
	free(prefix);
	if (rc == -1) {
		nd_buf_dispose(&b);
		return nd_error_set(ND_EINVAL, "'%s' is outside the git repository at "
		                    "%s", path, git_repository_workdir(repo));
	}
	if (rc) {
		nd_buf_dispose(&b);
		return nd_error_oom();
	}
	*out = nd_buf_detach(&b);
	return 0;
}

/* PATH taken from the directory the reader stands in (its path from the
 * top, malloc'ed), when that is a subdirectory of the working tree; NULL
 * otherwise. For the hint "did you mean 'REV:./PATH'?". */
static char *path_from_cwd(git_repository *repo, const char *start_dir,
                           const char *path)
{
	char *prefix = cwd_prefix(repo, start_dir);
	nd_buf b = ND_BUF_INIT;

	if (!prefix || !*prefix || nd_buf_printf(&b, "%s/%s", prefix, path)) {
		nd_buf_dispose(&b);
		free(prefix);
		return NULL;
	}
	free(prefix);
	return nd_buf_detach(&b);
}

/* Append "; did you mean 'REV:./PATH'?" to hint when PATH, taken from the
 * top, is missing but the reader stands in a directory that holds it. */
static void did_you_mean(nd_buf *hint, git_repository *repo, git_tree *tree,
                         const char *start_dir, const char *rev,
                         const char *path)
{
	char *there = path_from_cwd(repo, start_dir, path);
	git_tree_entry *e = NULL;

	if (there && git_tree_entry_bypath(&e, tree, there) == 0)
		nd_buf_printf(hint, "; did you mean '%s:./%s'?", rev, path);
	git_tree_entry_free(e);
	free(there);
}

/* The same for :PATH (or :N:PATH) read from the index. */
static void did_you_mean_index(nd_buf *hint, git_repository *repo,
                               git_index *index, const char *start_dir,
                               int stage, const char *path)
{
	char *there = path_from_cwd(repo, start_dir, path);

	if (there && git_index_get_bypath(index, there, stage)) {
		if (stage)
			nd_buf_printf(hint, "; did you mean ':%d:./%s'?", stage, path);
		else
			nd_buf_printf(hint, "; did you mean ':./%s'?", path);
	}
	free(there);
}

/* The blob at path in revision rev; *absent when the revision exists but
 * holds no such path. */
static int tree_blob(git_repository *repo, const char *start_dir,
                     const char *revpath, const char *rev, const char *path,
                     git_oid *id, int *absent)
{
	const char *where = git_repository_workdir(repo);
	git_object *obj = NULL, *treeobj = NULL;
	git_tree_entry *entry = NULL;
	int err = 0, rc;

	where = where ? where : git_repository_path(repo);
	rc = git_revparse_single(&obj, repo, rev);
	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
		err = nd_error_set(ND_ENOTFOUND, "no revision '%s' in the git "
		                   "repository at %s", rev, where);
	else if (rc == GIT_EAMBIGUOUS)
		err = nd_error_set(ND_EINVAL, "revision '%s' is ambiguous in the git "
		                   "repository at %s; give more characters", rev, where);
	else if (rc < 0)
		err = nd_error_set(read_code(), "cannot read revision '%s' in the git "
		                   "repository at %s: %s", rev, where, git_msg());
	else if (git_object_peel(&treeobj, obj, GIT_OBJECT_TREE) < 0)
		err = nd_error_set(ND_EINVAL, "revision '%s' is a %s, not a commit or "
		                   "tree, so it holds no file '%s'", rev,
		                   git_object_type2string(git_object_type(obj)), path);
	else if (!*path)
		err = nd_error_set(ND_EINVAL, "'%s' is a directory (the whole tree of "
		                   "'%s'); give the path of a file", revpath, rev);
	else if ((rc = git_tree_entry_bypath(&entry, (git_tree *)treeobj, path)) ==
	         GIT_ENOTFOUND) {
		nd_buf hint = ND_BUF_INIT;

		*absent = 1;
		did_you_mean(&hint, repo, (git_tree *)treeobj, start_dir, rev, path);
		err = nd_error_set(ND_ENOTFOUND, "no file '%s' in revision '%s' of the "
		                   "git repository at %s%s", path, rev, where,
		                   hint.ptr ? hint.ptr : "");
		nd_buf_dispose(&hint);
	} else if (rc < 0)
		err = nd_error_set(read_code(), "cannot read '%s' in revision '%s': %s",
		                   path, rev, git_msg());
	else if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB)
		err = nd_error_set(ND_EINVAL, "'%s' in revision '%s' is a %s; give "
		                   "the path of a file", path, rev,
		                   git_tree_entry_type(entry) == GIT_OBJECT_TREE ?
		                   "directory" : "submodule");
	else
		git_oid_cpy(id, git_tree_entry_id(entry));
	git_tree_entry_free(entry);
	git_object_free(treeobj);
	git_object_free(obj);
	return err;
}

/* The blob at path in stage `stage` of the index; *absent when the index
 * holds no such path. */
static int index_blob(git_repository *repo, const char *start_dir,
                      const char *path, int stage, git_oid *id, int *absent)
{
	const char *where = git_repository_workdir(repo);
	const git_index_entry *e;
	git_index *index = NULL;
	int err = 0;

	where = where ? where : git_repository_path(repo);
	if (git_repository_index(&index, repo) < 0)
		return nd_error_set(read_code(), "cannot read the index of the git "
		                    "repository at %s: %s", where, git_msg());
	e = *path ? git_index_get_bypath(index, path, stage) : NULL;
	if (!e && !stage && *path && (git_index_get_bypath(index, path, 1) ||
	                              git_index_get_bypath(index, path, 2) ||
	                              git_index_get_bypath(index, path, 3))) {
		err = nd_error_set(ND_EINVAL, "'%s' is unmerged in the index of the "
		                   "git repository at %s; give a stage: :1:%s (the "
		                   "common base), :2:%s (ours) or :3:%s (theirs)",
		                   path, where, path, path, path);
	} else if (!e) {
		nd_buf hint = ND_BUF_INIT;

		*absent = *path != '\0';
		if (*path)
			did_you_mean_index(&hint, repo, index, start_dir, stage, path);
		err = nd_error_set(*path ? ND_ENOTFOUND : ND_EINVAL, "no file '%s' in "
		                   "the index (stage %d) of the git repository at %s%s",
		                   path, stage, where, hint.ptr ? hint.ptr : "");
		nd_buf_dispose(&hint);
	} else if (e->mode == GIT_FILEMODE_COMMIT) {
		err = nd_error_set(ND_EINVAL, "'%s' in the index is a submodule; give "
		                   "the path of a file", path);
	} else {
		git_oid_cpy(id, &e->id);
	}
	git_index_free(index);
	return err;
}

/* Open the git repository around start_dir, to read spec from (NULL: to
 * resolve a path in it). */
static int open_git_repo(git_repository **repo, const char *start_dir,
                         const char *spec)
{
	int rc = git_repository_open_ext(repo, start_dir, 0, NULL);

	if (rc == GIT_ENOTFOUND && spec)
		return nd_error_set(ND_ENOTSTORE, "no git repository at %s or above "
		                    "it, so '%s' cannot be read; run normdiff inside "
		                    "the repository", start_dir, spec);
	if (rc == GIT_ENOTFOUND)
		return nd_error_set(ND_ENOTSTORE, "no git repository at %s or above "
		                    "it to read the path from; run normdiff inside the "
		                    "repository", start_dir);
	if (rc < 0)
		return nd_error_set(read_code() == ND_EIO ? ND_EIO : ND_ECORRUPT,
		                    "cannot open the git repository at %s: %s",
		                    start_dir, git_msg());
	return 0;
}

int nd_git_read_path(const char *start_dir, const char *revpath, char **data,
                     size_t *len, char **path_out, int *absent)
{
	git_repository *repo = NULL;
	git_blob *blob = NULL;
	git_oid id;
	const char *path = NULL;
	char *rev = NULL, *full = NULL;
	int err = 0, inited = 0, stage, missing = 0;

	*data = NULL;
	*len = 0;
	if (path_out)
		*path_out = NULL;
	err = split_revpath(revpath, &rev, &path, &stage);
	if (err)
		goto done;
	if (git_libgit2_init() < 0) {
		err = nd_error_set(ND_ERR, "cannot initialise libgit2: %s", git_msg());
		goto done;
	}
	inited = 1;
	err = open_git_repo(&repo, start_dir, revpath);
	if (!err)
		err = resolve_path(repo, start_dir, path, &full);
	if (!err)
		err = rev ? tree_blob(repo, start_dir, revpath, rev, full, &id, &missing)
		          : index_blob(repo, start_dir, full, stage, &id,
		                       &missing);
	if (!err && git_blob_lookup(&blob, repo, &id) < 0)
		err = nd_error_set(read_code(), "cannot read '%s' in %s%s%s: %s", full,
		                   rev ? "revision '" : "the index", rev ? rev : "",
		                   rev ? "'" : "", git_msg());
	if (!err)
		err = copy_blob(blob, data, len);
done:
	if (absent)
		*absent = err == ND_ENOTFOUND && missing;
	if (path_out && full && (!err || missing)) {
		*path_out = full;
		full = NULL;
	}
	git_blob_free(blob);
	git_repository_free(repo);
	if (inited)
		git_libgit2_shutdown();
	free(full);
	free(rev);
	return err;
}

int nd_git_top_path(const char *start_dir, const char *path, char **out)
{
	git_repository *repo = NULL;
	nd_buf dotted = ND_BUF_INIT;
	int err;

	*out = NULL;
	if (git_libgit2_init() < 0)
		return nd_error_set(ND_ERR, "cannot initialise libgit2: %s", git_msg());
	err = open_git_repo(&repo, start_dir, NULL);
	if (!err && (!strncmp(path, "./", 2) || !strncmp(path, "../", 3)))
		err = resolve_path(repo, start_dir, path, out);
	else if (!err && nd_buf_printf(&dotted, "./%s", path))
		err = nd_error_oom();
	else if (!err)
		err = resolve_path(repo, start_dir, dotted.ptr, out);
	nd_buf_dispose(&dotted);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return err;
}

int nd_git_read(const char *start_dir, const char *revpath, char **data,
                size_t *len)
{
	return nd_git_read_path(start_dir, revpath, data, len, NULL, NULL);
}
