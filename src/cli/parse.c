/* parse.c - parse loaded versions, on several threads when that helps.
 *
 * Design. Each version is a job: its bytes parsed (cli_doc_parse_as) and,
 * when asked, the word signatures of its alignment computed
 * (nd_doc_index). A job calls the library only: it prints nothing and
 * touches nothing of the cli, and keeps its error's message, since
 * messages are per thread. Jobs run on one thread in order, stopping at
 * the first failure, or, for plain text large enough to gain (or when
 * --jobs asks), on up to --jobs threads (by default the processors, at
 * most MAX_THREADS) that take the next job in order from a shared counter
 * and stop taking once one has failed. Since jobs are taken in order,
 * every job before a failed one was taken and ran, so the first failure
 * in order is the same as on one thread, and so is every document: the
 * result does not depend on the threads. Imports (PDF, Word) stay on one
 * thread: poppler and libxml2 keep global state.
 *
 * A pair's signatures are computed against each other (nd_doc_index_
 * against: the words of the provisions the other version lacks are kept
 * from the one pass), so they wait for both parses: a second round of
 * the same jobs, on the same threads' count.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "normdiff/error.h"

/* Below this many bytes in all, threads save less than they cost (one
 * starts in some 50 microseconds; a megabyte parses in some 15 ms). */
#define PARALLEL_MIN (256 * 1024)
#define MAX_THREADS 8

int cli_parse_job_init(cli *c, cli_parse_job *j, cli_side *s, int reject,
                       int empty_ok, int index)
{
	memset(j, 0, sizeof(*j));
	j->s = s;
	j->reject = reject;
	j->index = index;
	j->against = NULL;
	j->format = cli_format(c, s->in.data, s->in.len);
	/* empty is a version without provisions, unless it is standard
	 * input, where empty more often means that the command writing
	 * into the pipe failed */
	j->empty = empty_ok && s->in.len == 0 && strcmp(s->spec, "-");
	if (!j->empty && !(j->g = cli_grammar(c)))
		return EXIT_TROUBLE;
	return 0;
}

static void run_job(cli_parse_job *j)
{
	nd_pagemap map = ND_PAGEMAP_INIT;
	cli_side *s = j->s;
	double start = cli_clock();

	if (j->empty) {
		j->err = nd_doc_empty(&s->doc);
	} else {
		/* plain text is parsed in its own bytes, which the document
		 * takes: no second copy of the text; other bytes are freed
		 * once parsed */
		j->err = cli_doc_parse_as(s->in.data, s->in.len, j->format,
		                          j->reject, j->g, &s->doc, &map,
		                          &s->in.data);
		j->err = j->err ? j->err : cli_input_pages(&s->in, &map);
		nd_pagemap_dispose(&map);
	}
	j->seconds = cli_clock() - start;
	if (!j->err) { /* the text is in the document now */
		free(s->in.data);
		s->in.data = NULL;
	}
	if (!j->err && j->index && !j->against)
		j->err = nd_doc_index(s->doc);
	if (j->err)
		snprintf(j->message, sizeof(j->message), "%s", nd_error_message());
	j->index_seconds = cli_clock() - start - j->seconds;
}

/* Round 2: job j's signatures against the other version, both parsed. */
static void index_against(cli_parse_job *j)
{
	double start = cli_clock();

	j->err = nd_doc_index_against(j->s->doc, j->against->doc);
	if (j->err)
		snprintf(j->message, sizeof(j->message), "%s", nd_error_message());
	j->index_seconds = cli_clock() - start;
}

typedef struct pool {
	cli_parse_job *j;
	size_t n;
	int round;           /* 1: parse (and index), 2: index against */
	atomic_size_t next;  /* the next job to take */
	atomic_size_t done;  /* jobs finished */
	atomic_int failed;   /* a job failed: take no more */
	cli_progress *prog;  /* shown by the calling thread only, or NULL */
} pool;

/* Take and run jobs until none is left or one failed; `shows` on the
 * calling thread, which alone may show progress. */
static void work(pool *p, int shows)
{
	size_t k, done;

	while (!atomic_load(&p->failed) &&
	       (k = atomic_fetch_add(&p->next, 1)) < p->n) {
		if (p->round == 1)
			run_job(&p->j[k]);
		else if (p->j[k].against)
			index_against(&p->j[k]);
		if (p->j[k].err)
			atomic_store(&p->failed, 1);
		done = atomic_fetch_add(&p->done, 1) + 1;
		if (shows && p->prog && p->round == 1)
			cli_progress_show(p->prog, "reading", done, p->n);
	}
}

static void *worker(void *arg)
{
	work(arg, 0);
	return NULL;
}

/* How many threads for jobs j[0..n): 1 unless all are plain text and
 * --jobs allows more, or by default the input is large enough. */
static size_t threads_for(const cli *c, const cli_parse_job *j, size_t n)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t k, bytes = 0, want;

	for (k = 0; k < n; k++) {
		if (j[k].format != ND_FORMAT_TEXT)
			return 1;
		bytes += j[k].s->in.len;
	}
	if (c->jobs)
		want = (size_t)c->jobs;
	else if (bytes >= PARALLEL_MIN && cpus > 1)
		want = (size_t)cpus;
	else
		want = 1;
	want = want < MAX_THREADS ? want : MAX_THREADS;
	return want < n ? want : n;
}

/* One round of the pool on up to `want` threads; the threads started. */
static size_t run_round(pool *p, size_t want)
{
	pthread_t th[MAX_THREADS];
	size_t k, started = 0;

	for (k = 1; k < want; k++) /* the calling thread is one of them */
		if (pthread_create(&th[started], NULL, worker, p) == 0)
			started++;
	work(p, 1);
	for (k = 0; k < started; k++)
		pthread_join(th[k], NULL);
	return started;
}

size_t cli_parse_run(const cli *c, cli_parse_job *j, size_t n,
                     struct cli_progress *prog, size_t *threads)
{
	pool p = {j, n, 1, 0, 0, 0, prog};
	size_t k, want = threads_for(c, j, n), against = 0;

	*threads = run_round(&p, want) + 1;
	for (k = 0; k < n; k++)
		against += j[k].against != NULL;
	if (against && !atomic_load(&p.failed)) {
		p.round = 2;
		atomic_store(&p.next, 0);
		atomic_store(&p.done, 0);
		run_round(&p, want);
	}
	for (k = 0; k < n && !j[k].err; k++)
		;
	return k;
}

int cli_parse_job_fail(const cli_parse_job *j)
{
	nd_error_set(j->err, "%s", j->message);
	return cli_fail_lib(!strcmp(j->s->spec, "-") ? "standard input"
	                                             : j->s->spec);
}
