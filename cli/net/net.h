/*
 * net.h - the network pieces of `newsrules watch`: an HTTP fetch wrapper
 * over libcurl, an RSS/Atom feed poller and a webhook deliverer.
 *
 * This module belongs to the command (cli/), never to the library: the
 * library does not link libcurl. docs/net.md describes the behaviour a
 * user sees (caps, validators, item keys, the webhook's body, headers and
 * retry schedule).
 *
 * Threads: every object here is used by one thread at a time; different
 * objects may be used on different threads at once. libcurl's process-wide
 * initialisation is net_global_init(), run once under a pthread_once; the
 * command's main() calls it before it starts any thread, and every entry
 * point below calls it too, so that a forgotten call is harmless.
 *
 * No message from this module ever holds the user:password part of a URL
 * (net_url_redact()).
 */
#ifndef NR_CLI_NET_H
#define NR_CLI_NET_H

#include "newsrules.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

/* Result codes of this module. Append-only. */
enum {
	NET_OK = 0,
	NET_ENOMEM = -1,     /* out of memory */
	NET_EINVAL = -2,     /* bad argument, or a URL that is not http(s) */
	NET_ERESOLVE = -3,   /* the host name did not resolve */
	NET_ECONNECT = -4,   /* no connection (refused, unreachable, TLS failed) */
	NET_ETIMEOUT = -5,   /* the connect timeout or the total-time cap passed */
	NET_ETOOBIG = -6,    /* the body was over the size cap */
	NET_EHTTP = -7,      /* the server answered with a status >= 400 */
	NET_ETRANSFER = -8,  /* the transfer broke (reset, bad encoding, ...) */
	NET_ECANCELED = -9,  /* the options' cancel flag was raised */
	NET_ENOTFEED = -10,  /* net_feed_poll(): the body is no RSS/Atom feed */
	NET_EREDIRECT = -11, /* too many redirects, or one to another protocol */
	NET_EINIT = -12      /* libcurl's global initialisation failed */
};

/** Static text for a NET_* code ("timed out"). Never NULL. */
const char *net_strerror(int code);

/**
 * libcurl's process-wide initialisation (curl_global_init), once per
 * process under a pthread_once. Call it from main() before any thread
 * starts; calling it again is a no-op. Returns NET_OK or NET_EINIT.
 * Nothing calls curl_global_cleanup(): the process exit releases it.
 */
int net_global_init(void);

/**
 * A copy of `url` without its user:password part ("https://u:p@h/x" ->
 * "https://h/x"), for messages and logs. NULL when out of memory; free().
 */
char *net_url_redact(const char *url);

/* ------------------------------------------------------------------ */
/* Fetching                                                            */

#define NET_DEFAULT_CONNECT_TIMEOUT_MS 10000L
#define NET_DEFAULT_TIMEOUT_MS 60000L
#define NET_DEFAULT_MAX_REDIRECTS 5L

/*
 * Limits and identity of a transfer. Zero fields take the defaults:
 * connect timeout 10 s, total time 60 s, size cap NR_DEFAULT_MAX_BYTES
 * (16 MB, the same cap as the reader's), 5 redirects. A redirect may only
 * lead to http or https.
 */
typedef struct net_options {
	long connect_timeout_ms;
	long timeout_ms;        /* total time: connect + headers + whole body */
	size_t max_bytes;       /* cap on the decoded body, checked as it arrives */
	long max_redirects;     /* -1: follow none */
	const char *user_agent; /* NULL: "newsrules/VERSION libcurl/VERSION" */
	/* When non-NULL and raised (non-zero), a transfer in progress stops
	 * within about a second with NET_ECANCELED, and the webhook stops
	 * retrying. The caller's stop flag (SIGTERM). */
	const atomic_int *cancel;
} net_options;

#define NET_OPTIONS_INIT               \
	{                              \
		0, 0, 0, 0, NULL, NULL \
	}

/*
 * One answer. Every string is owned by the response and released by
 * net_response_free(); the strings are NULL when the server sent no such
 * header. `body` is NUL-terminated (also when empty, after a success);
 * after NET_EHTTP it holds the error page, after NET_ETOOBIG it is NULL
 * (what arrived before the cap is dropped).
 */
typedef struct net_response {
	long status;         /* last HTTP status; 0 when none arrived */
	char *body;          /* decoded body (gzip and deflate are accepted) */
	size_t len;          /* its length */
	char *etag;          /* ETag of the answer (304 included) */
	char *last_modified; /* Last-Modified of the answer */
	char *content_type;  /* Content-Type */
	long retry_after_s;  /* Retry-After in seconds (date or delay); -1: none */
	/* One line naming the method, the redacted URL and the reason: the
	 * HTTP status and its reason phrase, or curl's own message. "" on
	 * success (a 2xx or 304 answer). */
	char error[512];
} net_response;

/*
 * GET `url`. Sends If-None-Match: `etag` and If-Modified-Since:
 * `last_modified` when those are non-NULL and non-empty. Returns NET_OK
 * for a 2xx or 304 answer (status 304: nothing changed, the body is empty),
 * NET_EHTTP for a status >= 400 (the status and message are in `out`),
 * else the transport's code (timeout, size cap, DNS, ...). `out` is filled
 * in every case and must be released with net_response_free().
 */
int net_get(net_response *out, const char *url, const net_options *opts, const char *etag,
	    const char *last_modified);

/*
 * POST `len` bytes of `body` with `content_type`. `headers` is NULL or a
 * NULL-terminated list of extra "Name: value" lines. Same results as
 * net_get(). Redirects are not followed for a POST (a 3xx is an answer).
 */
int net_post(net_response *out, const char *url, const net_options *opts, const char *content_type,
	     const char *body, size_t len, const char *const *headers);

/** Release what a response holds (not the struct itself). NULL is fine. */
void net_response_free(net_response *r);

/* ------------------------------------------------------------------ */
/* Feed polling                                                        */

typedef struct net_feed net_feed;

/*
 * One outcome of a poll: an article not seen before, or an error.
 * `item` has nr_read_item's shape and rules: the article (when `error` is
 * NR_OK) passes to the callback, which frees it with nr_article_free();
 * `item.source` is the redacted feed URL; `item.message` is borrowed.
 * `key` identifies the item across polls and restarts: the item's guid
 * (Atom: id), else its link, else "hash:" and 32 hex digits of a hash of
 * its title and text. It is unique within one feed only: a caller keeping
 * several feeds in one table pairs it with the feed URL. An error that
 * belongs to one item of the feed (an item without text) has the key
 * "error:" + a hash of its message, so that it too is reported once; an
 * error of the whole poll (HTTP 500, a timeout, over the cap, a DNS
 * failure, not a feed) has key NULL and `net_error` set, and comes again
 * at every poll that fails.
 */
typedef struct net_feed_item {
	nr_read_item item;
	const char *key; /* borrowed for the callback's duration; NULL: poll error */
	int net_error;   /* NET_* code of a poll error, NET_OK otherwise */
} net_feed_item;

/* Has the caller taken the item with this key before? Non-zero: yes
 * (the item is skipped). The caller records a key when it takes an item. */
typedef int (*net_seen_cb)(const char *key, void *payload);
/* Return 0 to go on, non-zero to stop the poll. */
typedef int (*net_feed_cb)(const net_feed_item *item, void *payload);

/* What one poll did. */
typedef struct net_feed_poll_info {
	long status;        /* HTTP status (304: not modified); 0 when none */
	size_t items;       /* items in the feed */
	size_t fresh;       /* of which handed to the callback as new */
	size_t seen;        /* of which skipped because seen() said so */
	size_t item_errors; /* error records for single items (not counted above) */
} net_feed_poll_info;

/*
 * A poller for one feed URL (http or https). `opts` may be NULL (defaults;
 * the size cap is NR_DEFAULT_MAX_BYTES); it is copied, but `user_agent`
 * and `cancel` must outlive the poller. Returns NET_OK, NET_EINVAL (not
 * an http(s) URL) or NET_ENOMEM.
 */
int net_feed_new(net_feed **out, const char *url, const net_options *opts);
void net_feed_free(net_feed *f);

/* The URL without credentials, for messages; borrowed from the poller. */
const char *net_feed_name(const net_feed *f);

/*
 * The validators of the last complete poll (borrowed until the next poll
 * or net_feed_free(); NULL when the server sent none). The watcher stores
 * them in its state and gives them back with net_feed_set_validators()
 * after a restart, so that an unchanged feed answers 304.
 */
const char *net_feed_etag(const net_feed *f);
const char *net_feed_last_modified(const net_feed *f);
/* NULL or "" clears one. NET_OK or NET_ENOMEM. */
int net_feed_set_validators(net_feed *f, const char *etag, const char *last_modified);

/*
 * Fetch the feed (a conditional GET with the validators), read it as
 * RSS/Atom with the library, and hand each item whose key seen() does not
 * know to `cb`, in feed order; an item whose key appeared earlier in the
 * same body is skipped. A 304 hands nothing. A failure of the whole poll
 * is handed to `cb` as one error record and returned (NET_EHTTP,
 * NET_ETIMEOUT, NET_ETOOBIG, NET_ERESOLVE, NET_ENOTFEED, ...). The
 * validators are updated only when every item was handed over (the
 * callback never asked to stop), so that a poll cut short is fetched
 * whole again. `info` may be NULL. Returns NET_OK, a NET_* code of the
 * poll, or NET_ECANCELED when the callback or the options' cancel flag
 * stopped it (a canceled transfer gives no error record).
 */
int net_feed_poll(net_feed *f, net_seen_cb seen, net_feed_cb cb, void *payload,
		  net_feed_poll_info *info);

/* ------------------------------------------------------------------ */
/* Webhook delivery                                                    */

typedef struct net_webhook net_webhook;

/*
 * Retry policy. Zero fields take the defaults in brackets.
 * Within one net_webhook_deliver() call: up to `quick_retries` [3] more
 * attempts after the first, after base_delay_ms [250] * 2^i, halved and
 * then jittered by up to the other half (so 125-250, 250-500, 500-1000 ms),
 * each at most max_quick_delay_ms [5000]. A Retry-After longer than that
 * ends the call (the batch is due again at Retry-After).
 * Across calls (the caller keeps the batch and its failure count): a
 * transient failure is due again after retry_base_s [30] * 2^failures,
 * at most retry_max_s [1800]; a 4xx other than 408 and 429 after
 * reject_base_s [600] * 2^failures, at most reject_max_s [21600], jittered
 * the same way; a Retry-After, when longer, wins.
 */
typedef struct net_webhook_options {
	net_options http;           /* timeouts, cap on the answer, cancel */
	const char *const *headers; /* NULL or NULL-terminated "Name: value" */
	int quick_retries;          /* -1: none */
	long base_delay_ms;
	long max_quick_delay_ms;
	long retry_base_s;
	long retry_max_s;
	long reject_base_s;
	long reject_max_s;
} net_webhook_options;

#define NET_WEBHOOK_OPTIONS_INIT                            \
	{                                                   \
		NET_OPTIONS_INIT, NULL, 0, 0, 0, 0, 0, 0, 0 \
	}

typedef enum net_delivery_outcome {
	NET_DELIVERED = 0, /* a 2xx answer: the caller may drop the batch */
	NET_RETRY = 1      /* keep the batch; deliver it again at retry_at_ms */
} net_delivery_outcome;

typedef struct net_delivery {
	net_delivery_outcome outcome;
	int64_t retry_at_ms; /* NET_RETRY: wall-clock time (ms since the epoch) */
	long status;         /* last HTTP status; 0 when none */
	int attempts;        /* POSTs made by this call */
	int rejected;        /* refused: a 4xx other than 408/429, or a 3xx */
	int net_error;       /* NET_* code of the last failure, NET_OK when delivered */
	char key[40];        /* the Idempotency-Key that was sent */
	char message[600];   /* why it failed ("" when delivered) */
} net_delivery;

/*
 * A deliverer POSTing to `url` (http or https). `opts` may be NULL; it is
 * copied, but the strings and arrays it points to must outlive the
 * deliverer. NET_OK, NET_EINVAL or NET_ENOMEM.
 */
int net_webhook_new(net_webhook **out, const char *url, const net_webhook_options *opts);
void net_webhook_free(net_webhook *w);

/*
 * POST one batch: `body` holds `len` bytes of JSON Lines, one alert JSON
 * object a line (Content-Type: application/x-ndjson; a missing final
 * newline is added). Headers: Idempotency-Key (net_webhook_key() of the
 * body, the same on every retry and after a restart), X-Newsrules-Round
 * (`failures` + 1), X-Newsrules-Attempt (the try within this call, from 1),
 * User-Agent. Retries as net_webhook_options says, sleeping in between
 * (the cancel flag cuts the sleep short). `failures` is the number of
 * earlier calls for this batch that ended in NET_RETRY, kept by the
 * caller. An empty body (len 0) is NET_DELIVERED with no POST.
 * Fills `out` and returns its outcome: NET_DELIVERED or NET_RETRY
 * (never drop the batch on NET_RETRY; out->message says why, and
 * out->rejected marks a 4xx, which deserves a log line).
 */
net_delivery_outcome net_webhook_deliver(net_webhook *w, const char *body, size_t len,
					 unsigned failures, net_delivery *out);

/* The Idempotency-Key of a batch: 32 hex digits of a 128-bit hash of the
 * body as sent (with its final newline). `key` gets a NUL-terminated copy. */
void net_webhook_key(const char *body, size_t len, char key[40]);

#endif
