/*
 * check_pool.c - the ordered worker pool of `scan --jobs` (cli/pool.c):
 * every job runs once, on a worker of the pool, and is committed on the
 * submitting thread in submission order, with jobs that need no work
 * mixed in; never more than `window` jobs between submission and commit,
 * however slow one job is; no thread at all with zero workers;
 * cli_pool_drain commits everything in flight and the pool goes on.
 */
#include "testutil.h"
#include "pool.h"

#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <time.h>

#define JOBS 2000

typedef struct job {
	size_t seq;
	bool work;
	atomic_int runs;
	int worker;
	pthread_t committed_on;
} job;

typedef struct bench {
	int threads;
	size_t window;
	size_t next_commit; /* the sequence the next commit must have */
	size_t max_in_flight;
	bool order_ok, runs_ok, thread_ok, worker_ok;
	pthread_t self;
} bench;

static void work(void *arg, int worker, void *payload)
{
	job *j = arg;
	bench *b = payload;
	j->worker = worker;
	atomic_fetch_add(&j->runs, 1);
	/* Some jobs take much longer than the others. */
	if (j->seq % 97 == 0) {
		struct timespec ts = { 0, 2000000 };
		nanosleep(&ts, NULL);
	}
	(void)b;
}

static void commit(void *arg, void *payload)
{
	job *j = arg;
	bench *b = payload;
	if (j->seq != b->next_commit)
		b->order_ok = false;
	b->next_commit++;
	if (atomic_load(&j->runs) != (j->work ? 1 : 0))
		b->runs_ok = false;
	if (!pthread_equal(pthread_self(), b->self))
		b->thread_ok = false;
	if (j->work && (j->worker < 0 || j->worker >= (b->threads ? b->threads : 1)))
		b->worker_ok = false;
}

static void run(int threads, size_t window)
{
	static job jobs[JOBS];
	bench b = { threads, window, 0, 0, true, true, true, true, pthread_self() };
	cli_pool *p = cli_pool_new(threads, window, work, commit, &b);
	ck_assert_ptr_nonnull(p);
	for (size_t i = 0; i < JOBS; i++) {
		jobs[i].seq = i;
		jobs[i].work = i % 5 != 3; /* every fifth a job with nothing to run */
		jobs[i].worker = -1;
		atomic_init(&jobs[i].runs, 0);
		cli_pool_submit(p, &jobs[i], jobs[i].work);
		/* Submitted and not yet committed, this one included. */
		size_t in_flight = i + 1 - b.next_commit;
		if (in_flight > b.max_in_flight)
			b.max_in_flight = in_flight;
	}
	cli_pool_finish(p);
	ck_assert_uint_eq(b.next_commit, JOBS);
	ck_assert_msg(b.order_ok, "commits out of order (%d threads)", threads);
	ck_assert_msg(b.runs_ok, "a job ran other than once (%d threads)", threads);
	ck_assert(b.thread_ok);
	ck_assert(b.worker_ok);
	ck_assert_uint_le(b.max_in_flight, window);
	for (size_t i = 0; i < JOBS; i++)
		ck_assert_int_eq(atomic_load(&jobs[i].runs), jobs[i].work ? 1 : 0);
}

START_TEST(inline_without_threads)
{
	/* No worker: each job runs and commits inside its submission. */
	run(0, 1);
}
END_TEST

START_TEST(ordered_on_threads)
{
	run(1, 8);
	run(3, 24);
	run(4, 1); /* a window of one: one job at a time */
}
END_TEST

START_TEST(finish_with_nothing)
{
	bench b = { 2, 4, 0, 0, true, true, true, true, pthread_self() };
	cli_pool *p = cli_pool_new(2, 4, work, commit, &b);
	ck_assert_ptr_nonnull(p);
	cli_pool_finish(p);
	ck_assert_uint_eq(b.next_commit, 0);
	cli_pool_finish(NULL);
}
END_TEST

/* What a quiet stream does: submit a few, drain, submit more. */
START_TEST(drain_commits_all_in_flight)
{
	static job jobs[JOBS];
	bench b = { 3, 16, 0, 0, true, true, true, true, pthread_self() };
	cli_pool *p = cli_pool_new(3, 16, work, commit, &b);
	ck_assert_ptr_nonnull(p);
	for (size_t i = 0; i < 200; i++) {
		jobs[i] = (job){ .seq = i, .work = i % 4 != 1, .worker = -1 };
		atomic_init(&jobs[i].runs, 0);
		cli_pool_submit(p, &jobs[i], jobs[i].work);
		if (i % 7 == 0) {
			cli_pool_drain(p);
			ck_assert_uint_eq(b.next_commit, i + 1);
		}
	}
	cli_pool_drain(p);
	ck_assert_uint_eq(b.next_commit, 200);
	cli_pool_drain(p); /* nothing in flight */
	cli_pool_finish(p);
	ck_assert(b.order_ok && b.runs_ok && b.thread_ok && b.worker_ok);
	cli_pool_drain(NULL);
}
END_TEST

Suite *pool_suite(void)
{
	Suite *s = suite_create("pool");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, inline_without_threads);
	tcase_add_test(tc, ordered_on_threads);
	tcase_add_test(tc, finish_with_nothing);
	tcase_add_test(tc, drain_commits_all_in_flight);
	suite_add_tcase(s, tc);
	return s;
}
