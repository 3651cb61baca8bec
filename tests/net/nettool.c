/*
 * nettool.c - a test driver for cli/net/ (built with the tests only).
 *
 *   nettool get URL [limits] [--etag E] [--last-modified L]
 *       one GET; prints status=, etag=, last-modified=, content-type=,
 *       bytes=, code= and error= lines; exit 0 on NET_OK, else 1.
 *   nettool poll URL --state DIR [limits]
 *       one feed poll. DIR/seen holds the keys taken so far (one a line),
 *       DIR/etag and DIR/last-modified the validators: they are read
 *       before and written after, as the watcher keeps them in its state,
 *       so a second run is a restart. Each outcome is one JSON line on
 *       stdout: {"key","id","url","title"} or {"error","code","key",
 *       "source"}; a summary line on stderr. Exit 0 or 1 (poll failed).
 *   nettool hook URL --body FILE [--failures N] [limits] [retry options]
 *       one net_webhook_deliver() of FILE; prints one JSON line with the
 *       outcome, attempts, status, key, retry_in_ms, rejected, message.
 *       Exit 0 when delivered, 3 when to be retried.
 *   nettool key FILE
 *       prints the Idempotency-Key of the batch in FILE.
 *   nettool threads URL [--threads N]
 *       N (default 4, at most 16) threads each poll URL with a poller of
 *       their own, libcurl initialised by the first of them (pthread_once);
 *       prints "thread I: items=K rc=..." lines. For ThreadSanitizer.
 *
 * Limits: --max-bytes N, --timeout-ms N, --connect-timeout-ms N,
 * --max-redirects N, --user-agent S, --cancel-after-ms N (a thread raises
 * the cancel flag after N ms, as a watcher's SIGTERM does). Retry options: --quick-retries N,
 * --base-delay-ms N, --max-quick-delay-ms N, --header "Name: value".
 */
#include "net.h"

#include <getopt.h>
#include <pthread.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct tool {
	net_options http;
	net_webhook_options hook;
	const char *etag, *last_modified, *state, *body;
	unsigned failures;
	const char *headers[9];
	size_t nheaders;
	char **keys; /* poll: the seen set */
	size_t nkeys;
	FILE *seen_out;
	int threads;          /* threads mode: how many */
	long cancel_after_ms; /* raise the cancel flag after this long */
	atomic_int cancel;
} tool;

static void *tool_canceller(void *p)
{
	tool *t = p;
	struct timespec ts = { t->cancel_after_ms / 1000, (t->cancel_after_ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
	atomic_store(&t->cancel, 1);
	return NULL;
}

static char *tool_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *b = malloc(cap);
	size_t got;
	while (b && (got = fread(b + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			char *t = realloc(b, cap *= 2);
			if (!t) {
				free(b);
				b = NULL;
			}
			b = t;
		}
	}
	fclose(f);
	if (b)
		b[n] = '\0';
	*len = n;
	return b;
}

static void tool_print_json(json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT);
	puts(s ? s : "{}");
	free(s);
	json_decref(o);
}

static int tool_get(tool *t, const char *url)
{
	net_response r;
	int rc = net_get(&r, url, &t->http, t->etag, t->last_modified);
	printf("status=%ld\netag=%s\nlast-modified=%s\ncontent-type=%s\nbytes=%zu\n", r.status,
	       r.etag ? r.etag : "", r.last_modified ? r.last_modified : "",
	       r.content_type ? r.content_type : "", r.len);
	printf("code=%d %s\nerror=%s\n", rc, net_strerror(rc), r.error);
	net_response_free(&r);
	return rc == NET_OK ? 0 : 1;
}

/* ---- poll: the seen set and the validators live in --state DIR ---- */

static char *tool_state_path(const tool *t, const char *name)
{
	size_t n = strlen(t->state) + strlen(name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", t->state, name);
	return p;
}

static char *tool_state_read(const tool *t, const char *name)
{
	char *p = tool_state_path(t, name);
	size_t len;
	char *s = p ? tool_slurp(p, &len) : NULL;
	free(p);
	if (s && len && s[len - 1] == '\n')
		s[len - 1] = '\0';
	return s;
}

static void tool_state_write(const tool *t, const char *name, const char *value)
{
	char *p = tool_state_path(t, name);
	FILE *f = p ? fopen(p, "w") : NULL;
	if (f) {
		fprintf(f, "%s\n", value ? value : "");
		fclose(f);
	}
	free(p);
}

static void tool_load_seen(tool *t)
{
	char *all = tool_state_read(t, "seen");
	for (char *line = all ? strtok(all, "\n") : NULL; line; line = strtok(NULL, "\n")) {
		char **k = realloc(t->keys, (t->nkeys + 1) * sizeof(*k));
		if (!k)
			break;
		t->keys = k;
		t->keys[t->nkeys++] = strdup(line);
	}
	free(all);
}

static int tool_seen(const char *key, void *payload)
{
	tool *t = payload;
	for (size_t i = 0; i < t->nkeys; i++)
		if (t->keys[i] && !strcmp(t->keys[i], key))
			return 1;
	return 0;
}

static int tool_take(const net_feed_item *fi, void *payload)
{
	tool *t = payload;
	const nr_read_item *it = &fi->item;
	json_t *o = json_object();
	if (it->article) {
		json_object_set_new(o, "key", json_string(fi->key));
		json_object_set_new(o, "id", json_string(nr_article_id(it->article)));
		json_object_set_new(o, "url", json_string(nr_article_url(it->article)));
		json_object_set_new(o, "title", json_string(nr_article_title(it->article)));
		json_object_set_new(o, "source", json_string(it->source));
		nr_article_free(it->article);
	} else {
		json_object_set_new(o, "error", json_string(it->message));
		json_object_set_new(o, "code", json_string(nr_strerror(it->error)));
		json_object_set_new(o, "net", json_string(net_strerror(fi->net_error)));
		json_object_set_new(o, "key", fi->key ? json_string(fi->key) : json_null());
		json_object_set_new(o, "source", json_string(it->source));
	}
	tool_print_json(o);
	if (fi->key && t->seen_out) {
		fprintf(t->seen_out, "%s\n", fi->key);
		fflush(t->seen_out);
	}
	return 0;
}

static int tool_poll(tool *t, const char *url)
{
	if (!t->state) {
		fprintf(stderr, "nettool: poll needs --state DIR\n");
		return 2;
	}
	net_feed *f;
	if (net_feed_new(&f, url, &t->http) != NET_OK) {
		fprintf(stderr, "nettool: bad feed URL\n");
		return 2;
	}
	char *etag = tool_state_read(t, "etag"), *lm = tool_state_read(t, "last-modified");
	net_feed_set_validators(f, etag, lm);
	free(etag);
	free(lm);
	tool_load_seen(t);
	char *sp = tool_state_path(t, "seen");
	t->seen_out = sp ? fopen(sp, "a") : NULL;
	free(sp);
	net_feed_poll_info info;
	int rc = net_feed_poll(f, tool_seen, tool_take, t, &info);
	fprintf(stderr, "status=%ld items=%zu fresh=%zu seen=%zu item_errors=%zu rc=%s\n",
		info.status, info.items, info.fresh, info.seen, info.item_errors, net_strerror(rc));
	tool_state_write(t, "etag", net_feed_etag(f));
	tool_state_write(t, "last-modified", net_feed_last_modified(f));
	if (t->seen_out)
		fclose(t->seen_out);
	for (size_t i = 0; i < t->nkeys; i++)
		free(t->keys[i]);
	free(t->keys);
	net_feed_free(f);
	return rc == NET_OK ? 0 : 1;
}

static int tool_hook(tool *t, const char *url)
{
	size_t len;
	char *body = t->body ? tool_slurp(t->body, &len) : NULL;
	if (!body) {
		fprintf(stderr, "nettool: hook needs --body FILE\n");
		return 2;
	}
	t->hook.http = t->http;
	t->hook.headers = t->nheaders ? t->headers : NULL;
	net_webhook *w;
	if (net_webhook_new(&w, url, &t->hook) != NET_OK) {
		free(body);
		fprintf(stderr, "nettool: bad webhook URL\n");
		return 2;
	}
	net_delivery d;
	int64_t before = 0;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	before = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	net_delivery_outcome oc = net_webhook_deliver(w, body, len, t->failures, &d);
	json_t *o = json_object();
	json_object_set_new(o, "outcome", json_string(oc == NET_DELIVERED ? "delivered" : "retry"));
	json_object_set_new(o, "attempts", json_integer(d.attempts));
	json_object_set_new(o, "status", json_integer(d.status));
	json_object_set_new(o, "key", json_string(d.key));
	json_object_set_new(o, "retry_in_ms",
			    json_integer(oc == NET_RETRY ? d.retry_at_ms - before : 0));
	json_object_set_new(o, "rejected", json_boolean(d.rejected));
	json_object_set_new(o, "net", json_string(net_strerror(d.net_error)));
	json_object_set_new(o, "message", json_string(d.message));
	tool_print_json(o);
	net_webhook_free(w);
	free(body);
	return oc == NET_DELIVERED ? 0 : 3;
}

/* ---- threads: N pollers at once, libcurl initialised lazily ------- */

typedef struct tool_worker {
	const tool *t;
	const char *url;
	size_t items;
	int rc;
} tool_worker;

static int tool_never_seen(const char *key, void *payload) { return 0; }

static int tool_count(const net_feed_item *fi, void *payload)
{
	tool_worker *w = payload;
	if (fi->item.article) {
		w->items++;
		nr_article_free(fi->item.article);
	}
	return 0;
}

static void *tool_worker_run(void *p)
{
	tool_worker *w = p;
	net_feed *f;
	w->rc = net_feed_new(&f, w->url, &w->t->http);
	if (w->rc == NET_OK)
		w->rc = net_feed_poll(f, tool_never_seen, tool_count, w, NULL);
	net_feed_free(f);
	return NULL;
}

static int tool_threads(const tool *t, const char *url, int n)
{
	tool_worker w[16];
	pthread_t th[16];
	if (n < 1 || n > 16)
		return 2;
	for (int i = 0; i < n; i++) {
		w[i] = (tool_worker){ t, url, 0, 0 };
		if (pthread_create(&th[i], NULL, tool_worker_run, &w[i]))
			return 2;
	}
	int bad = 0;
	for (int i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		printf("thread %d: items=%zu rc=%s\n", i, w[i].items, net_strerror(w[i].rc));
		bad |= w[i].rc != NET_OK;
	}
	return bad;
}

static int tool_key(const char *path)
{
	size_t len;
	char *body = tool_slurp(path, &len), key[40];
	if (!body)
		return 2;
	net_webhook_key(body, len, key);
	puts(key);
	free(body);
	return 0;
}

static bool tool_option(tool *t, int c, const char *arg)
{
	long v = arg ? strtol(arg, NULL, 10) : 0;
	switch (c) {
	case 'b': t->http.max_bytes = (size_t)strtoull(arg, NULL, 10); break;
	case 't': t->http.timeout_ms = v; break;
	case 'c': t->http.connect_timeout_ms = v; break;
	case 'r': t->http.max_redirects = v; break;
	case 'u': t->http.user_agent = arg; break;
	case 'e': t->etag = arg; break;
	case 'l': t->last_modified = arg; break;
	case 's': t->state = arg; break;
	case 'B': t->body = arg; break;
	case 'f': t->failures = (unsigned)v; break;
	case 'q': t->hook.quick_retries = (int)v; break;
	case 'd': t->hook.base_delay_ms = v; break;
	case 'D': t->hook.max_quick_delay_ms = v; break;
	case 'C': t->cancel_after_ms = v; break;
	case 'T': t->threads = (int)v; break;
	case 'H':
		if (t->nheaders + 1 < sizeof(t->headers) / sizeof(t->headers[0]))
			t->headers[t->nheaders++] = arg;
		break;
	default: return false;
	}
	return true;
}

int main(int argc, char **argv)
{
	static const struct option longs[] = { { "max-bytes", 1, NULL, 'b' },
					       { "timeout-ms", 1, NULL, 't' },
					       { "connect-timeout-ms", 1, NULL, 'c' },
					       { "max-redirects", 1, NULL, 'r' },
					       { "user-agent", 1, NULL, 'u' },
					       { "etag", 1, NULL, 'e' },
					       { "last-modified", 1, NULL, 'l' },
					       { "state", 1, NULL, 's' },
					       { "body", 1, NULL, 'B' },
					       { "failures", 1, NULL, 'f' },
					       { "quick-retries", 1, NULL, 'q' },
					       { "base-delay-ms", 1, NULL, 'd' },
					       { "max-quick-delay-ms", 1, NULL, 'D' },
					       { "header", 1, NULL, 'H' },
					       { "cancel-after-ms", 1, NULL, 'C' },
					       { "threads", 1, NULL, 'T' },
					       { NULL, 0, NULL, 0 } };
	tool t = { .http = NET_OPTIONS_INIT, .hook = NET_WEBHOOK_OPTIONS_INIT };
	int c;
	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1)
		if (!tool_option(&t, c, optarg))
			return 2;
	if (optind + 2 != argc) {
		fprintf(stderr, "usage: nettool get|poll|hook|key|threads URL|FILE [options]\n");
		return 2;
	}
	const char *cmd = argv[optind], *arg = argv[optind + 1];
	/* The command's main() initialises libcurl before any thread; the
	 * threads mode leaves it to the entry points' pthread_once. */
	if (strcmp(cmd, "threads") && net_global_init() != NET_OK)
		return 2;
	pthread_t canceller;
	if (t.cancel_after_ms > 0) {
		t.http.cancel = &t.cancel;
		if (pthread_create(&canceller, NULL, tool_canceller, &t))
			return 2;
		pthread_detach(canceller);
	}
	if (!strcmp(cmd, "get"))
		return tool_get(&t, arg);
	if (!strcmp(cmd, "poll"))
		return tool_poll(&t, arg);
	if (!strcmp(cmd, "hook"))
		return tool_hook(&t, arg);
	if (!strcmp(cmd, "threads"))
		return tool_threads(&t, arg, t.threads ? t.threads : 4);
	if (!strcmp(cmd, "key"))
		return tool_key(arg);
	fprintf(stderr, "nettool: unknown command %s\n", cmd);
	return 2;
}
