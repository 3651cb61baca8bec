/*
 * watch.c - the watchdog that makes a deadline hold inside C.
 *
 * The count hook sees the clock only between VM instructions, every
 * NR_HOOK_EVERY of them: a library call that runs long (utf8.len over a
 * 60 MB string) or loops over C callbacks (table.sort with a C comparator
 * and a C __index) never gets there. A thread per watch sleeps until the
 * armed deadline and then pokes the state: it switches the hook to fire on
 * every instruction and every call, so the rule stops at its next step.
 * nr_watch__interrupt() pokes the same way, from any thread or a signal
 * handler.
 *
 * lua_sethook() is made to be called asynchronously; what it walks is the
 * state itself and its CallInfo list. The state is published in `armed`
 * only while budgeted code runs, and the sandbox never frees memory while
 * a poke is in progress (see nr_watch__wait_pokes), so a poke can only
 * touch live memory. The thread blocks every signal: a host's signals keep
 * going where they went.
 */
#include "sandbox/sandbox.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>

/* What a signal handler touches (nr_watch__interrupt) must be lock-free. */
#if ATOMIC_INT_LOCK_FREE != 2 || ATOMIC_POINTER_LOCK_FREE != 2
#error "the watchdog needs lock-free atomics (nr_scanner_interrupt is async-signal-safe)"
#endif

void nr_watch__poke(nr_watch *w, lua_Hook hook)
{
	atomic_fetch_add(&w->pokers, 1);
	lua_State *L = atomic_load(&w->armed);
	if (L)
		lua_sethook(L, hook, LUA_MASKCALL | LUA_MASKCOUNT, 1);
	atomic_fetch_sub(&w->pokers, 1);
}

void nr_watch__interrupt(nr_watch *w)
{
	atomic_store(&w->stop, 1);
	nr_watch__poke(w, w->hook);
}

void nr_watch__arm(nr_watch *w, lua_State *L, int64_t deadline_ns)
{
	atomic_store(&w->deadline_ns, deadline_ns);
	atomic_store(&w->armed, L);
}

void nr_watch__disarm(nr_watch *w)
{
	atomic_store(&w->armed, NULL);
	nr_watch__wait_pokes(w);
	atomic_store(&w->deadline_ns, 0);
}

static struct timespec to_timespec(int64_t ns)
{
	struct timespec ts = { (time_t)(ns / 1000000000), (long)(ns % 1000000000) };
	return ts;
}

/*
 * Sleep until the armed deadline, or for one deadline's length when none is
 * armed: a deadline armed meanwhile cannot come sooner, so arming needs no
 * signal, and an idle watch wakes once per deadline length.
 */
static void *watch_main(void *arg)
{
	nr_watch *w = arg;
	int64_t fired = 0;
	pthread_mutex_lock(&w->mu);
	while (!w->quit) {
		int64_t now = nr__now_ns();
		int64_t d = atomic_load(&w->deadline_ns);
		if (d && d <= now && d != fired) {
			nr_watch__poke(w, w->hook);
			fired = d;
		}
		struct timespec until = to_timespec(d > now ? d : now + w->period_ns);
		int rc = 0;
		while (!w->quit && rc != ETIMEDOUT)
			rc = pthread_cond_timedwait(&w->cv, &w->mu, &until);
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

int nr_watch__start(nr_watch *w, lua_Hook hook, unsigned int period_ms)
{
	atomic_init(&w->stop, 0);
	atomic_init(&w->armed, NULL);
	atomic_init(&w->pokers, 0);
	atomic_init(&w->deadline_ns, 0);
	w->hook = hook;
	w->period_ns = (int64_t)(period_ms ? period_ms : 1000) * 1000000;
	w->quit = false;
	w->running = false;
	pthread_condattr_t ca;
	if (pthread_condattr_init(&ca))
		return NR_ENOMEM;
	bool ok = !pthread_condattr_setclock(&ca, CLOCK_MONOTONIC) &&
		  !pthread_cond_init(&w->cv, &ca);
	pthread_condattr_destroy(&ca);
	if (!ok)
		return NR_ENOMEM;
	if (pthread_mutex_init(&w->mu, NULL)) {
		pthread_cond_destroy(&w->cv);
		return NR_ENOMEM;
	}
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	w->running = !pthread_create(&w->thread, NULL, watch_main, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!w->running) {
		pthread_mutex_destroy(&w->mu);
		pthread_cond_destroy(&w->cv);
		return NR_ENOMEM;
	}
	return NR_OK;
}

void nr_watch__stop(nr_watch *w)
{
	if (!w->running)
		return;
	pthread_mutex_lock(&w->mu);
	w->quit = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->cv);
	w->running = false;
}
