/*
 * pool.h - work done by N threads, committed in the order it was handed
 * in: the reader submits jobs, workers run them, the submitting thread
 * commits each in submission order. At most `window` jobs are between
 * submission and commit, so a slow job holds back the reader (bounded
 * memory) rather than letting finished jobs pile up behind it.
 */
#ifndef NR_CLI_POOL_H
#define NR_CLI_POOL_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cli_pool cli_pool;

/* Run `job` on worker thread `worker` (0 <= worker < threads). */
typedef void (*cli_pool_work_fn)(void *job, int worker, void *payload);
/* Commit `job`, on the submitting thread, in submission order. */
typedef void (*cli_pool_commit_fn)(void *job, void *payload);

/*
 * A pool of `threads` workers (0: none; each job then runs on the
 * submitting thread inside cli_pool_submit() and is committed at once).
 * `window` >= 1. NULL when threads or memory are lacking.
 */
cli_pool *cli_pool_new(int threads, size_t window, cli_pool_work_fn work, cli_pool_commit_fn commit,
		       void *payload);
/* Hand in `job` (with `work` false, nothing runs it: it is only committed
 * in its turn). Commits what is ready; waits while the window is full. */
void cli_pool_submit(cli_pool *p, void *job, bool work);
/* Wait for every job in flight and commit it; the pool goes on (for a
 * stream whose input is quiet: what is done is written out). */
void cli_pool_drain(cli_pool *p);
/* Commit every job still in flight, stop the workers, free the pool. */
void cli_pool_finish(cli_pool *p);

#endif
