/*
 * webhook.c - deliver one batch of alerts to an HTTP endpoint: a POST of
 * JSON Lines with a stable Idempotency-Key, a few quick retries with
 * exponential back-off and jitter, and, when those fail, the time at which
 * the caller should try again. A batch is never dropped here: the answer is
 * "delivered" or "retry at T". docs/net.md gives the schedule.
 */
#include "net_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct net_webhook {
	char *url, *name;
	net_webhook_options o;
	uint64_t rng;
};

int net_webhook_new(net_webhook **out, const char *url, const net_webhook_options *opts)
{
	*out = NULL;
	if (!net__is_http_url(url))
		return NET_EINVAL;
	net_webhook *w = calloc(1, sizeof(*w));
	if (!w)
		return NET_ENOMEM;
	net_webhook_options d = NET_WEBHOOK_OPTIONS_INIT;
	w->o = opts ? *opts : d;
	w->o.http = net__options_resolved(&w->o.http);
	if (w->o.quick_retries == 0)
		w->o.quick_retries = 3;
	else if (w->o.quick_retries < 0)
		w->o.quick_retries = 0;
	if (w->o.base_delay_ms <= 0)
		w->o.base_delay_ms = 250;
	if (w->o.max_quick_delay_ms <= 0)
		w->o.max_quick_delay_ms = 5000;
	if (w->o.retry_base_s <= 0)
		w->o.retry_base_s = 30;
	if (w->o.retry_max_s <= 0)
		w->o.retry_max_s = 1800;
	if (w->o.reject_base_s <= 0)
		w->o.reject_base_s = 600;
	if (w->o.reject_max_s <= 0)
		w->o.reject_max_s = 21600;
	w->url = strdup(url);
	w->name = net_url_redact(url);
	w->rng = (uint64_t)net__now_ms() ^ (uint64_t)(uintptr_t)w ^ 0x9e3779b97f4a7c15ULL;
	if (!w->url || !w->name) {
		net_webhook_free(w);
		return NET_ENOMEM;
	}
	*out = w;
	return NET_OK;
}

void net_webhook_free(net_webhook *w)
{
	if (!w)
		return;
	free(w->url);
	free(w->name);
	free(w);
}

void net_webhook_key(const char *body, size_t len, char key[40])
{
	net__hash h;
	net__hash_init(&h);
	net__hash_update(&h, body, len);
	if (!len || body[len - 1] != '\n') /* as sent: with the final newline */
		net__hash_update(&h, "\n", 1);
	net__hash_final(&h, key);
}

/* A delay in [d/2, d): exponential back-off with "equal jitter". */
static int64_t net_jitter(net_webhook *w, int64_t d)
{
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	uint64_t r = w->rng * 0x2545F4914F6CDD1DULL;
	int64_t half = d / 2;
	return half + (half > 0 ? (int64_t)(r % (uint64_t)half) : 0);
}

static int64_t net_backoff(int64_t base, unsigned n, int64_t max)
{
	int64_t d = base;
	for (unsigned i = 0; i < n && d < max; i++)
		d *= 2;
	return d < max ? d : max;
}

/* Sleep `ms`, in slices, until the cancel flag rises. False if it did. */
static bool net_nap(const atomic_int *cancel, int64_t ms)
{
	while (ms > 0) {
		if (cancel && atomic_load(cancel))
			return false;
		int64_t slice = ms < 100 ? ms : 100;
		struct timespec ts = { 0, (long)slice * 1000000L };
		nanosleep(&ts, NULL);
		ms -= slice;
	}
	return !(cancel && atomic_load(cancel));
}

/* Worth another quick try: no answer, 5xx, 408 and 429. */
static bool net_transient(int rc, long status)
{
	if (rc == NET_EHTTP)
		return status >= 500 || status == 408 || status == 429;
	return rc == NET_ERESOLVE || rc == NET_ECONNECT || rc == NET_ETIMEOUT ||
	       rc == NET_ETRANSFER || rc == NET_ETOOBIG || rc == NET_ENOMEM;
}

/* Headers of one attempt: the key, the round (1 + the caller's earlier
 * failed calls) and the try within this call, then the user's. */
typedef struct net_hook_hdrs {
	char key[64], round[48], attempt[48];
} net_hook_hdrs;

static const char **net_hook_headers(const net_webhook *w, const char *key, unsigned round,
				     unsigned attempt, net_hook_hdrs *b)
{
	size_t n = 0;
	while (w->o.headers && w->o.headers[n])
		n++;
	const char **h = calloc(n + 4, sizeof(*h));
	if (!h)
		return NULL;
	snprintf(b->key, sizeof(b->key), "Idempotency-Key: %s", key);
	snprintf(b->round, sizeof(b->round), "X-Newsrules-Round: %u", round);
	snprintf(b->attempt, sizeof(b->attempt), "X-Newsrules-Attempt: %u", attempt);
	h[0] = b->key;
	h[1] = b->round;
	h[2] = b->attempt;
	for (size_t i = 0; i < n; i++)
		h[3 + i] = w->o.headers[i];
	return h;
}

/* One POST; its NET_* code, with status and message in `out`. */
static int net_hook_attempt(net_webhook *w, const char *body, size_t len, unsigned round,
			    unsigned attempt, net_delivery *out, long *retry_after)
{
	net_hook_hdrs b;
	const char **h = net_hook_headers(w, out->key, round, attempt, &b);
	if (!h) {
		snprintf(out->message, sizeof(out->message), "POST %s: out of memory", w->name);
		return NET_ENOMEM;
	}
	net_response r;
	int rc = net_post(&r, w->url, &w->o.http, "application/x-ndjson", body, len,
			  (const char *const *)h);
	free(h);
	out->attempts++;
	out->status = r.status;
	*retry_after = r.retry_after_s;
	if (rc == NET_OK && (r.status < 200 || r.status > 299)) {
		rc = NET_EHTTP; /* a 3xx (POSTs are not redirected) or a 1xx */
		snprintf(r.error, sizeof(r.error), "POST %s: HTTP %ld", w->name, r.status);
	}
	if (rc != NET_OK)
		snprintf(out->message, sizeof(out->message), "%s (attempt %u)", r.error, attempt);
	net_response_free(&r);
	return rc;
}

/* The quick retries of one call. Returns the last attempt's code. */
static int net_hook_try(net_webhook *w, const char *body, size_t len, unsigned failures,
			net_delivery *out, long *retry_after)
{
	int rc = NET_OK;
	for (int i = 0; i <= w->o.quick_retries; i++) {
		rc = net_hook_attempt(w, body, len, failures + 1, (unsigned)i + 1, out,
				      retry_after);
		if (rc == NET_OK || !net_transient(rc, out->status) || i == w->o.quick_retries)
			break;
		int64_t d = net_jitter(
		    w, net_backoff(w->o.base_delay_ms, (unsigned)i, w->o.max_quick_delay_ms));
		if (*retry_after >= 0) {
			if (*retry_after * 1000 > w->o.max_quick_delay_ms)
				break; /* the receiver asks for longer: later */
			d = (int64_t)*retry_after * 1000;
		}
		if (!net_nap(w->o.http.cancel, d))
			return NET_ECANCELED;
	}
	return rc;
}

net_delivery_outcome net_webhook_deliver(net_webhook *w, const char *body, size_t len,
					 unsigned failures, net_delivery *out)
{
	memset(out, 0, sizeof(*out));
	net_webhook_key(body, len, out->key);
	if (len == 0) { /* nothing to send is nothing lost */
		out->outcome = NET_DELIVERED;
		return NET_DELIVERED;
	}
	char *copy = NULL;
	if (!len || body[len - 1] != '\n') {
		copy = malloc(len + 1);
		if (copy) {
			memcpy(copy, body, len);
			copy[len] = '\n';
		}
	}
	long retry_after = -1;
	int rc = NET_ENOMEM;
	if (copy)
		rc = net_hook_try(w, copy, len + 1, failures, out, &retry_after);
	else if (len && body[len - 1] == '\n')
		rc = net_hook_try(w, body, len, failures, out, &retry_after);
	else
		snprintf(out->message, sizeof(out->message), "POST %s: out of memory", w->name);
	free(copy);
	out->net_error = rc;
	if (rc == NET_OK) {
		out->message[0] = '\0';
		out->outcome = NET_DELIVERED;
		return NET_DELIVERED;
	}
	out->rejected = rc != NET_ECANCELED && !net_transient(rc, out->status);
	int64_t d = out->rejected ? net_backoff(w->o.reject_base_s, failures, w->o.reject_max_s)
				  : net_backoff(w->o.retry_base_s, failures, w->o.retry_max_s);
	d = rc == NET_ECANCELED ? 0 : net_jitter(w, d * 1000);
	if (retry_after >= 0 && retry_after * 1000 > d)
		d = (int64_t)retry_after * 1000;
	out->outcome = NET_RETRY;
	out->retry_at_ms = net__now_ms() + d;
	return NET_RETRY;
}
