/*
 * sink_http.c - the http(s) sink: each batch POSTed as JSON Lines by
 * cli/net's webhook (docs/net.md: body, Idempotency-Key, quick retries).
 * A batch the receiver did not take stays pending in the state and is
 * POSTed again at the time the webhook answers, in order, never dropped.
 */
#include "watch.h"

#include "net.h"

#include <stdlib.h>
#include <time.h>

bool watch_sink_http_open(watch_sink *s)
{
	net_webhook *w = NULL;
	int rc = net_webhook_new(&w, s->spec, NULL);
	if (rc != NET_OK) {
		char *name = net_url_redact(s->spec);
		cli_error("watch: sink %s: %s", name ? name : "(url)", net_strerror(rc));
		free(name);
		return false;
	}
	s->http = w;
	return true;
}

void watch_sink_http_close(watch_sink *s)
{
	net_webhook_free(s->http);
	s->http = NULL;
}

bool watch_sink_http_write(watch_sink *s, const char *data, size_t len)
{
	net_delivery d;
	if (net_webhook_deliver(s->http, data, len, s->failures, &d) == NET_DELIVERED)
		return true;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	double wall = (double)ts.tv_sec + ts.tv_nsec / 1e9;
	double wait = (double)d.retry_at_ms / 1000.0 - wall;
	s->failures++;
	s->retry_at = watch_now() + (wait > 0 ? wait : 0);
	cli_error("watch: sink: %s; the batch is kept and sent again in %.0f s", d.message,
		  wait > 0 ? wait : 0);
	return false;
}
