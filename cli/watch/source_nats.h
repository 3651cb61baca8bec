/*
 * source_nats.h - a message-queue source for `watch`: articles taken from
 * a durable, shared work-queue consumer, each settled (ack, redelivery,
 * dead letter) by the delivery thread once its batch is delivered. NATS
 * JetStream now (source_nats.c); the same four calls would serve another
 * engine (Kafka) later.
 */
#ifndef NR_CLI_WATCH_SOURCE_NATS_H
#define NR_CLI_WATCH_SOURCE_NATS_H

#include "watch.h"

#include <nats/nats.h>

/* Is `spec` a NATS URL (nats:// or tls://)? */
bool watch_nats_is_url(const char *spec);
/* Connect to the stream of `url`, create it and the durable consumer when
 * missing; false after printing why (the URL redacted). */
bool watch_nats_add(watch_ctx *ctx, const char *url, const watch_nats_auth *auth);
/* The fetch threads: each takes messages and submits them as items. */
bool watch_nats_start(watch_ctx *ctx);
/* Stop taking messages (what was taken is still settled). */
void watch_nats_stop(watch_ctx *ctx);
size_t watch_nats_count(watch_ctx *ctx);
void watch_nats_free(watch_ctx *ctx);

/* Connect to server (nats://[USER:PASS@]HOST:PORT or tls://...) with
 * reconnection forever, and its JetStream context (also `publish` and the
 * sink). retry: a server not up yet is waited for in the background (the
 * watcher); else that is an error (publish). */
natsStatus watch_nats_connect(natsConnection **nc, jsCtx **js, const char *server,
			      const watch_nats_auth *auth, bool retry);

/* sink_nats.c: the nats:// sink (the batch delivered once every line is
 * acked by the stream), and the Nats-Msg-Id of an alert line. */
bool watch_sink_nats_open(watch_sink *s, const watch_nats_auth *auth);
bool watch_sink_nats_write(watch_sink *s, const char *data, size_t len);
void watch_sink_nats_close(watch_sink *s);
void watch_nats_msg_id(const char *line, size_t len, char out[33]);

/* Delivery thread: settle an item's message. `delivered`: its batch was
 * delivered to every sink. Acked when delivered and not failing; a failing
 * one (a read error, every rule failing) is redelivered until max-deliver,
 * then published to the dead-letter subject and terminated; an undelivered
 * one is redelivered (NAK). */
void watch_nats_settle(watch_item *it, bool delivered);
/* An item freed unsettled: its message is left to the AckWait. */
void watch_nats_drop(void *ack);

#endif
