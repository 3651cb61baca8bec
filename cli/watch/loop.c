/*
 * loop.c - the main thread: one poll() over the signals (signalfd), the
 * inotify descriptor, stdin, and the timers (--stats-every, a rule change
 * settling, feed polls), until SIGTERM/SIGINT or the end of every source.
 */
#include "watch.h"

#include <errno.h>
#include <jansson.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

/* A rule change is acted on once the files have been still this long
 * (an editor writes a file in several steps). */
#define RELOAD_SETTLE 0.2

void watch_print_stats(watch_ctx *ctx)
{
	json_t *o = json_object(), *errs = json_object();
	pthread_mutex_lock(&ctx->stats_mu);
	for (size_t i = 0; i < ctx->nerr_rules; i++)
		json_object_set_new(errs, ctx->err_rules[i],
				    json_integer((json_int_t)ctx->err_counts[i]));
	pthread_mutex_unlock(&ctx->stats_mu);
	json_object_set_new(o, "articles_in", json_integer((json_int_t)atomic_load(&ctx->c.in)));
	json_object_set_new(o, "articles_out", json_integer((json_int_t)atomic_load(&ctx->c.out)));
	json_object_set_new(o, "alerts", json_integer((json_int_t)atomic_load(&ctx->c.alerts)));
	json_object_set_new(o, "input_errors",
			    json_integer((json_int_t)atomic_load(&ctx->c.errors)));
	json_object_set_new(o, "rule_errors", errs);
	json_object_set_new(o, "queue",
			    json_integer((json_int_t)(watch_queue_depth(&ctx->in_q) +
						      watch_queue_depth(&ctx->out_q))));
	json_object_set_new(o, "pending_deliveries",
			    json_integer((json_int_t)watch_state_pending_count(ctx->state, NULL)));
	json_object_set_new(o, "batches", json_integer((json_int_t)atomic_load(&ctx->c.batches)));
	json_object_set_new(o, "reloads", json_integer((json_int_t)atomic_load(&ctx->c.reloads)));
	json_object_set_new(o, "generation", json_integer(atomic_load(&ctx->generation)));
	json_t *top = json_pack("{s:o}", "stats", o);
	char *s = json_dumps(top, JSON_COMPACT);
	if (s)
		fprintf(stderr, "%s\n", s);
	fflush(stderr);
	free(s);
	json_decref(top); /* and o and errs, which it holds */
}

typedef struct loop {
	watch_ctx *ctx;
	int sfd;
	watch_dirs *dirs;
	watch_stdin *in;
	size_t ndirs;
	double next_stats, reload_at;
} loop;

/* Every source given: directories watched and read, stdin opened. */
static bool open_sources(loop *l)
{
	watch_ctx *ctx = l->ctx;
	for (size_t i = 0; i < ctx->o.nsources; i++) {
		const char *src = ctx->o.sources[i];
		if (!strcmp(src, "-")) {
			if (!watch_stdin_new(&l->in, ctx, STDIN_FILENO))
				return false;
		} else if (!strncmp(src, "http://", 7) || !strncmp(src, "https://", 8)) {
			if (!watch_feeds_add(ctx, src))
				return false;
		} else if (watch_dirs_add(l->dirs, src)) {
			l->ndirs++;
		} else {
			return false;
		}
	}
	return true;
}

static void watch_rule_paths(loop *l)
{
	watch_ctx *ctx = l->ctx;
	if (!ctx->o.nrules && cli_default_rules())
		watch_dirs_add_rules(l->dirs, cli_default_rules());
	for (size_t i = 0; i < ctx->o.nrules; i++)
		watch_dirs_add_rules(l->dirs, ctx->o.rules[i]);
}

void watch_poll_signals(watch_ctx *ctx)
{
	struct signalfd_siginfo si;
	while (ctx->sfd >= 0 && read(ctx->sfd, &si, sizeof si) == (ssize_t)sizeof si) {
		if (si.ssi_signo == SIGHUP) {
			watch_rules_load(ctx, false);
		} else if (!atomic_load(&ctx->stopping)) {
			cli_error("watch: %s: finishing what was taken, then exiting",
				  si.ssi_signo == SIGINT ? "SIGINT" : "SIGTERM");
			atomic_store(&ctx->stopping, true);
		}
	}
}

static void on_timers(loop *l, double now)
{
	watch_ctx *ctx = l->ctx;
	if (l->reload_at && now >= l->reload_at) {
		l->reload_at = 0;
		watch_rules_load(ctx, false);
	}
	if (ctx->o.stats_every && now >= l->next_stats) {
		watch_print_stats(ctx);
		l->next_stats = now + ctx->o.stats_every;
	}
}

/* Milliseconds to the next timer, at most a second. */
static int next_timeout(const loop *l, double now)
{
	double next = now + 1;
	if (l->reload_at && l->reload_at < next)
		next = l->reload_at;
	if (l->ctx->o.stats_every && l->next_stats < next)
		next = l->next_stats;
	int ms = (int)((next - now) * 1000) + 1;
	return ms < 0 ? 0 : ms;
}

static void run(loop *l)
{
	watch_ctx *ctx = l->ctx;
	while (!atomic_load(&ctx->stopping)) {
		if (!l->in && !l->ndirs && !watch_feeds_count(ctx))
			break; /* every source ended */
		struct pollfd p[3] = { { l->sfd, POLLIN, 0 },
				       { watch_dirs_fd(l->dirs), POLLIN, 0 },
				       { l->in ? STDIN_FILENO : -1, POLLIN, 0 } };
		double now = watch_now();
		int n = poll(p, 3, next_timeout(l, now));
		if (n < 0 && errno != EINTR) {
			cli_error("watch: poll: %s", strerror(errno));
			break;
		}
		if (p[0].revents)
			watch_poll_signals(ctx);
		if (p[1].revents) {
			bool changed = false;
			watch_dirs_read(l->dirs, &changed);
			if (changed)
				l->reload_at = watch_now() + RELOAD_SETTLE;
		}
		if (p[2].revents && !atomic_load(&ctx->stopping) && !watch_stdin_read(l->in)) {
			watch_stdin_free(l->in);
			l->in = NULL;
		}
		on_timers(l, watch_now());
	}
}

int watch_loop(watch_ctx *ctx)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	loop l = { ctx, signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC), NULL, NULL, 0, 0, 0 };
	if (l.sfd < 0 || !watch_dirs_new(&l.dirs, ctx)) {
		cli_error("watch: cannot wait for signals: %s", strerror(errno));
		if (l.sfd >= 0)
			close(l.sfd);
		return NR_EXIT_INPUT_ERROR;
	}
	ctx->sfd = l.sfd;
	watch_rule_paths(&l);
	l.next_stats = watch_now() + ctx->o.stats_every;
	int status = NR_EXIT_OK;
	if (open_sources(&l) && watch_feeds_start(ctx))
		run(&l);
	else
		status = NR_EXIT_INPUT_ERROR;
	watch_feeds_stop(ctx);
	watch_stdin_free(l.in);
	watch_dirs_free(l.dirs);
	ctx->sfd = -1;
	close(l.sfd);
	return status;
}
