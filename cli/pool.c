/*
 * pool.c - the ordered worker pool of pool.h: one mutex, a ring of
 * `window` slots indexed by sequence number, and three counters: next to
 * submit, next to take (workers take jobs in submission order), next to
 * commit. A slot is reused only after its job is committed.
 */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>

enum { SLOT_QUEUED = 1, SLOT_RUNNING, SLOT_DONE };

struct cli_pool {
	pthread_mutex_t mu;
	pthread_cond_t work_cv; /* a job was queued, or the pool closes */
	pthread_cond_t done_cv; /* a job is done */
	void **jobs;
	unsigned char *state;
	size_t window;
	size_t submitted, taken, committed; /* sequence numbers */
	bool closing;
	int nthreads, started;
	pthread_t *threads;
	cli_pool_work_fn work;
	cli_pool_commit_fn commit;
	void *payload;
};

typedef struct pool_arg {
	cli_pool *p;
	int worker;
} pool_arg;

static void *pool_worker(void *arg)
{
	cli_pool *p = ((pool_arg *)arg)->p;
	int worker = ((pool_arg *)arg)->worker;
	free(arg);
	pthread_mutex_lock(&p->mu);
	for (;;) {
		while (p->taken == p->submitted && !p->closing)
			pthread_cond_wait(&p->work_cv, &p->mu);
		if (p->taken == p->submitted)
			break; /* closing, and nothing is left */
		size_t k = p->taken++ % p->window;
		if (p->state[k] != SLOT_QUEUED)
			continue; /* a job with nothing to run */
		p->state[k] = SLOT_RUNNING;
		void *job = p->jobs[k];
		pthread_mutex_unlock(&p->mu);
		p->work(job, worker, p->payload);
		pthread_mutex_lock(&p->mu);
		p->state[k] = SLOT_DONE;
		pthread_cond_signal(&p->done_cv);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

cli_pool *cli_pool_new(int threads, size_t window, cli_pool_work_fn work, cli_pool_commit_fn commit,
		       void *payload)
{
	cli_pool *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	p->window = window ? window : 1;
	p->work = work;
	p->commit = commit;
	p->payload = payload;
	p->nthreads = threads;
	p->jobs = calloc(p->window, sizeof(*p->jobs));
	p->state = calloc(p->window, 1);
	p->threads = calloc(threads > 0 ? (size_t)threads : 1, sizeof(*p->threads));
	if (!p->jobs || !p->state || !p->threads) {
		cli_pool_finish(p);
		return NULL;
	}
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->work_cv, NULL);
	pthread_cond_init(&p->done_cv, NULL);
	for (int i = 0; i < threads; i++) {
		pool_arg *a = malloc(sizeof(*a));
		if (a)
			*a = (pool_arg){ p, i };
		if (!a || pthread_create(&p->threads[i], NULL, pool_worker, a) != 0) {
			free(a);
			cli_pool_finish(p);
			return NULL;
		}
		p->started++;
	}
	return p;
}

/* Commit the jobs at the head that are done; the lock is held on entry
 * and exit, and released while a job commits. */
static void commit_ready(cli_pool *p)
{
	while (p->committed < p->submitted && p->state[p->committed % p->window] == SLOT_DONE) {
		size_t k = p->committed % p->window;
		void *job = p->jobs[k];
		/* Jobs with nothing to run the workers have not stepped over
		 * yet: the slot is about to be reused. */
		if (p->taken <= p->committed)
			p->taken = p->committed + 1;
		pthread_mutex_unlock(&p->mu);
		p->commit(job, p->payload);
		pthread_mutex_lock(&p->mu);
		p->state[k] = 0;
		p->committed++;
	}
}

void cli_pool_submit(cli_pool *p, void *job, bool work)
{
	if (p->nthreads == 0) {
		if (work)
			p->work(job, 0, p->payload);
		p->commit(job, p->payload);
		return;
	}
	pthread_mutex_lock(&p->mu);
	commit_ready(p);
	while (p->submitted - p->committed >= p->window) {
		pthread_cond_wait(&p->done_cv, &p->mu);
		commit_ready(p);
	}
	size_t k = p->submitted++ % p->window;
	p->jobs[k] = job;
	p->state[k] = work ? SLOT_QUEUED : SLOT_DONE;
	/* Every queued or skipped slot is a step for the workers' cursor. */
	pthread_cond_signal(&p->work_cv);
	commit_ready(p);
	pthread_mutex_unlock(&p->mu);
}

void cli_pool_drain(cli_pool *p)
{
	if (!p || p->nthreads == 0)
		return;
	pthread_mutex_lock(&p->mu);
	commit_ready(p);
	while (p->committed < p->submitted) {
		pthread_cond_wait(&p->done_cv, &p->mu);
		commit_ready(p);
	}
	pthread_mutex_unlock(&p->mu);
}

void cli_pool_finish(cli_pool *p)
{
	if (!p)
		return;
	if (p->jobs && p->state && p->threads) {
		pthread_mutex_lock(&p->mu);
		p->closing = true;
		pthread_cond_broadcast(&p->work_cv);
		commit_ready(p);
		while (p->committed < p->submitted) {
			pthread_cond_wait(&p->done_cv, &p->mu);
			commit_ready(p);
		}
		pthread_mutex_unlock(&p->mu);
		for (int i = 0; i < p->started; i++)
			pthread_join(p->threads[i], NULL);
		pthread_cond_destroy(&p->work_cv);
		pthread_cond_destroy(&p->done_cv);
		pthread_mutex_destroy(&p->mu);
	}
	free(p->jobs);
	free(p->state);
	free(p->threads);
	free(p);
}
