/*
 * feeds.c - http(s) sources: RSS/Atom feeds polled every --poll seconds
 * on a thread of their own (a slow server never holds up the other
 * sources or the signals), through cli/net's poller. Each item is keyed
 * "feed:URL#KEY" (KEY: guid, else link, else a hash): taken once, and
 * done once its batch is recorded. The validators (ETag, Last-Modified)
 * are kept in the state, so that after a restart an unchanged feed
 * answers 304 - unless items of it were taken and not done when the
 * last run ended: then the feed is fetched whole and they come again.
 */
#include "watch.h"

#include "net.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct feed {
	net_feed *f;
	char *url;
	char *file_key; /* "feed:URL": the items' group in the state */
	double next;
} feed;

typedef struct feeds {
	feed *v;
	size_t n;
	atomic_int cancel;
	pthread_t thread;
	bool started;
	pthread_mutex_t mu;
	pthread_cond_t wake;
} feeds;

static feeds *get_feeds(watch_ctx *ctx)
{
	if (!ctx->feeds) {
		feeds *fs = calloc(1, sizeof(*fs));
		if (!fs)
			return NULL;
		pthread_mutex_init(&fs->mu, NULL);
		pthread_cond_init(&fs->wake, NULL);
		ctx->feeds = fs;
	}
	return ctx->feeds;
}

bool watch_feeds_add(watch_ctx *ctx, const char *url)
{
	feeds *fs = get_feeds(ctx);
	feed *nv = fs ? realloc(fs->v, (fs->n + 1) * sizeof(*nv)) : NULL;
	if (!nv) {
		cli_error("out of memory");
		return false;
	}
	fs->v = nv;
	feed *f = &fs->v[fs->n];
	memset(f, 0, sizeof(*f));
	net_options no = NET_OPTIONS_INIT;
	no.max_bytes = ctx->o.read.max_bytes;
	no.cancel = &fs->cancel;
	int rc = net_feed_new(&f->f, url, &no);
	size_t klen = strlen(url) + 6;
	if (rc != NET_OK || !(f->url = strdup(url)) || !(f->file_key = malloc(klen))) {
		cli_error("watch: source %s: %s", rc ? "(feed)" : net_feed_name(f->f),
			  net_strerror(rc ? rc : NET_ENOMEM));
		net_feed_free(f->f);
		free(f->url);
		return false;
	}
	snprintf(f->file_key, klen, "feed:%s", url);
	char *etag = NULL, *lm = NULL;
	if (watch_state_feed_get(ctx->state, f->file_key, &etag, &lm) &&
	    !watch_state_has_taken(ctx->state, f->file_key))
		net_feed_set_validators(f->f, etag, lm);
	free(etag);
	free(lm);
	fs->n++;
	return true;
}

typedef struct poll_ctx {
	watch_ctx *ctx;
	feed *f;
} poll_ctx;

static char *item_key(const feed *f, const char *key)
{
	size_t n = strlen(f->file_key) + strlen(key) + 2;
	char *k = malloc(n);
	if (k)
		snprintf(k, n, "%s#%s", f->file_key, key);
	return k;
}

static int seen(const char *key, void *payload)
{
	poll_ctx *p = payload;
	char *k = item_key(p->f, key);
	int s = k ? watch_state_seen(p->ctx->state, k) : 0;
	free(k);
	return s;
}

static int on_item(const net_feed_item *fi, void *payload)
{
	poll_ctx *p = payload;
	const nr_read_item *item = &fi->item;
	char *key = fi->key ? item_key(p->f, fi->key) : NULL;
	watch_item *it = NULL;
	if (key || !fi->key)
		it = watch_item_from_read(item, key);
	else
		nr_article_free(item->article);
	free(key);
	if (!it)
		cli_error("watch: %s: out of memory: an item was not scanned", item->source);
	watch_submit(p->ctx, it, p->f->file_key);
	return atomic_load(&p->ctx->stopping) ? 1 : 0;
}

static void poll_feed(watch_ctx *ctx, feed *f)
{
	poll_ctx p = { ctx, f };
	net_feed_poll(f->f, seen, on_item, &p, NULL);
	watch_state_feed_set(ctx->state, f->file_key, net_feed_etag(f->f),
			     net_feed_last_modified(f->f));
	f->next = watch_now() + ctx->o.poll;
}

static void *feeds_main(void *arg)
{
	watch_ctx *ctx = arg;
	feeds *fs = ctx->feeds;
	while (!atomic_load(&fs->cancel)) {
		double now = watch_now(), next = now + 3600;
		for (size_t i = 0; i < fs->n && !atomic_load(&fs->cancel); i++) {
			if (fs->v[i].next <= now)
				poll_feed(ctx, &fs->v[i]);
			if (fs->v[i].next < next)
				next = fs->v[i].next;
		}
		pthread_mutex_lock(&fs->mu);
		double wait = next - watch_now();
		if (wait > 0 && !atomic_load(&fs->cancel)) {
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			double t = (double)ts.tv_sec + ts.tv_nsec / 1e9 + wait;
			ts.tv_sec = (time_t)t;
			ts.tv_nsec = (long)((t - (double)ts.tv_sec) * 1e9);
			pthread_cond_timedwait(&fs->wake, &fs->mu, &ts);
		}
		pthread_mutex_unlock(&fs->mu);
	}
	return NULL;
}

bool watch_feeds_start(watch_ctx *ctx)
{
	feeds *fs = ctx->feeds;
	if (!fs || !fs->n)
		return true;
	if (pthread_create(&fs->thread, NULL, feeds_main, ctx) != 0) {
		cli_error("watch: cannot start the feed thread");
		return false;
	}
	fs->started = true;
	return true;
}

void watch_feeds_stop(watch_ctx *ctx)
{
	feeds *fs = ctx->feeds;
	if (!fs || !fs->started)
		return;
	pthread_mutex_lock(&fs->mu);
	atomic_store(&fs->cancel, 1);
	pthread_cond_broadcast(&fs->wake);
	pthread_mutex_unlock(&fs->mu);
	pthread_join(fs->thread, NULL);
	fs->started = false;
}

size_t watch_feeds_count(watch_ctx *ctx)
{
	feeds *fs = ctx->feeds;
	return fs ? fs->n : 0;
}

void watch_feeds_free(watch_ctx *ctx)
{
	feeds *fs = ctx->feeds;
	if (!fs)
		return;
	watch_feeds_stop(ctx);
	for (size_t i = 0; i < fs->n; i++) {
		net_feed_free(fs->v[i].f);
		free(fs->v[i].url);
		free(fs->v[i].file_key);
	}
	free(fs->v);
	pthread_mutex_destroy(&fs->mu);
	pthread_cond_destroy(&fs->wake);
	free(fs);
	ctx->feeds = NULL;
}
