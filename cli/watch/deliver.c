/*
 * deliver.c - the delivery thread: scanned items -> batches -> sinks,
 * exactly once to file sinks across a crash.
 *
 * Write-ahead: a batch (its JSON lines, each file sink's size before it,
 * the items it completes, marked done) is committed to the state in one
 * transaction before a byte of it is written; then it is written to each
 * sink (a file fsync'd) and its delivery there marked done. A batch found
 * pending at start was maybe written in part: a file sink is cut back to
 * the recorded size and the batch written again. A sink that fails keeps
 * its batches pending in the state, in order, and they are tried again
 * after a back-off; new batches queue behind them.
 */
#include "watch.h"

#include <stdlib.h>
#include <string.h>

/* Items per batch at most: what is ready is taken, without waiting. */
#define BATCH_MAX 256

typedef struct deliverer {
	watch_ctx *ctx;
	watch_sink **sinks;
	/* Rule errors shown already: "outcome rule" (once per rule and kind,
	 * as scan shows them). */
	char **shown;
	size_t nshown;
} deliverer;

static bool append(char **buf, size_t *len, size_t *cap, const char *s)
{
	size_t n = strlen(s);
	if (*len + n + 2 > *cap) {
		size_t c = (*len + n + 2) * 2;
		char *nb = realloc(*buf, c);
		if (!nb)
			return false;
		*buf = nb;
		*cap = c;
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[(*len)++] = '\n';
	(*buf)[*len] = '\0';
	return true;
}

/* The batch's lines from what the hook left: each item's error record,
 * its alerts not dropped. */
static bool build_batch(watch_batch *b)
{
	size_t cap = 0;
	free(b->data);
	b->data = NULL;
	b->len = 0;
	for (size_t i = 0; i < b->nitems; i++) {
		watch_item *it = b->items[i];
		if (it->error_json && !append(&b->data, &b->len, &cap, it->error_json))
			return false;
		if (it->dup_json && !append(&b->data, &b->len, &cap, it->dup_json))
			return false;
		for (size_t k = 0; k < it->nalerts; k++)
			if (!it->alerts[k].dropped &&
			    !append(&b->data, &b->len, &cap, it->alerts[k].json))
				return false;
	}
	return true;
}

static bool shown_before(deliverer *d, const char *rule, nr_outcome o)
{
	char key[512];
	snprintf(key, sizeof key, "%d %s", (int)o, rule);
	for (size_t i = 0; i < d->nshown; i++)
		if (!strcmp(d->shown[i], key))
			return true;
	char **n = realloc(d->shown, (d->nshown + 1) * sizeof(*n));
	if (n && (n[d->nshown] = strdup(key)) != NULL)
		d->shown = n, d->nshown++;
	else if (n)
		d->shown = n;
	return false;
}

/* stderr: input errors, and rule errors once per rule and kind. */
static void report(deliverer *d, watch_item *it)
{
	watch_ctx *ctx = d->ctx;
	if (it->error_line) {
		fputs(it->error_line, stderr);
		atomic_fetch_add(&ctx->c.errors, 1);
	}
	if (it->oom)
		cli_error("watch: %s: out of memory: some alerts may be missing", it->source);
	for (size_t i = 0; i < it->nrule_errors; i++) {
		watch_rule_error *e = &it->rule_errors[i];
		if (e->rule) {
			watch_count_rule_error(ctx, e->rule);
			if (shown_before(d, e->rule, e->outcome))
				continue;
		}
		if (e->message) /* as scan shows it: it names rule and article */
			cli_error("%s", e->message);
		else if (e->rule)
			cli_error("%s: rule '%s': %s", it->source, e->rule,
				  nr_outcome_name(e->outcome));
	}
	fflush(stderr);
}

/* Write batch `id` to sink s and record it delivered. */
static bool deliver_one(deliverer *d, watch_sink *s, int64_t id, const char *data, size_t len)
{
	if (!watch_sink_write(s, data, len)) {
		s->backlog = true;
		return false;
	}
	watch_state_delivered(d->ctx->state, id, s->spec,
			      s->kind == SINK_FILE ? (int64_t)s->size : -1);
	return true;
}

static bool retry_row(int64_t id, const char *sink, int64_t offset, const char *data, size_t len,
		      void *payload)
{
	(void)sink;
	(void)offset;
	deliverer *d = ((void **)payload)[0];
	watch_sink *s = ((void **)payload)[1];
	if (!deliver_one(d, s, id, data, len))
		return false;
	s->pending_bytes -= s->pending_bytes < len ? s->pending_bytes : len;
	return true;
}

/* Sinks with a backlog whose back-off is over: their pending batches in
 * order, until one fails again. */
static void retry_backlogs(deliverer *d)
{
	double now = watch_now();
	for (size_t i = 0; i < d->ctx->o.nsinks; i++) {
		watch_sink *s = d->sinks[i];
		if (!s->backlog || now < s->retry_at)
			continue;
		s->backlog = false;
		void *p[2] = { d, s };
		watch_state_pending(d->ctx->state, s->spec, retry_row, p);
		if (!s->backlog)
			cli_error("watch: sink %s: delivering again", s->spec);
	}
}

static void deliver_items(deliverer *d, watch_item **items, size_t n)
{
	watch_ctx *ctx = d->ctx;
	watch_batch b = { 0, NULL, 0, items, n };
	if (!watch_state_record(ctx->state, &b, d->sinks, ctx->o.nsinks, ctx->hook,
				ctx->hook_payload, build_batch)) {
		/* Not recorded, not done: the items are scanned again next run. */
		cli_error("watch: a batch of %zu items could not be recorded in the state", n);
	} else if (b.len) {
		for (size_t i = 0; i < ctx->o.nsinks; i++) {
			watch_sink *s = d->sinks[i];
			if (s->backlog || !deliver_one(d, s, b.id, b.data, b.len))
				s->pending_bytes += b.len;
		}
	}
	size_t alerts = 0;
	for (size_t i = 0; i < n; i++) {
		report(d, items[i]);
		for (size_t k = 0; k < items[i]->nalerts; k++)
			alerts += !items[i]->alerts[k].dropped;
		watch_item_free(items[i]);
	}
	atomic_fetch_add(&ctx->c.out, n);
	atomic_fetch_add(&ctx->c.alerts, alerts);
	atomic_fetch_add(&ctx->c.batches, 1);
	free(b.data);
}

static void *deliver_main(void *arg)
{
	deliverer *d = arg;
	watch_item *items[BATCH_MAX];
	for (;;) {
		retry_backlogs(d);
		size_t n = watch_queue_pop_some(&d->ctx->out_q, items, BATCH_MAX, 200);
		if (n)
			deliver_items(d, items, n);
		else if (watch_queue_finished(&d->ctx->out_q))
			break;
	}
	return NULL;
}

static deliverer the_deliverer;

static bool redo_row(int64_t id, const char *sink, int64_t offset, const char *data, size_t len,
		     void *payload)
{
	deliverer *d = payload;
	watch_sink *s = NULL;
	for (size_t i = 0; i < d->ctx->o.nsinks && !s; i++)
		if (!strcmp(d->sinks[i]->spec, sink))
			s = d->sinks[i];
	if (!s) {
		cli_error("watch: batch %lld is pending for sink %s, which is not given: kept in "
			  "the state",
			  (long long)id, sink);
		return true;
	}
	if (s->backlog) {
		s->pending_bytes += len; /* behind one that failed: in order */
		return true;
	}
	/* Only the first pending batch of a sink can have been written in
	 * part (a failed write is cut back at once). */
	bool first = !s->failures && s->retry_at == 0;
	bool ok = first ? watch_sink_redo(s, offset, data, len) : watch_sink_write(s, data, len);
	s->retry_at = s->retry_at ? s->retry_at : -1;
	if (!ok) {
		s->backlog = true;
		s->pending_bytes += len;
		return true;
	}
	watch_state_delivered(d->ctx->state, id, s->spec,
			      s->kind == SINK_FILE ? (int64_t)s->size : -1);
	return true;
}

bool watch_deliver_recover(watch_ctx *ctx)
{
	deliverer *d = &the_deliverer;
	d->ctx = ctx;
	d->sinks = calloc(ctx->o.nsinks, sizeof(*d->sinks));
	if (!d->sinks) {
		cli_error("out of memory");
		return false;
	}
	for (size_t i = 0; i < ctx->o.nsinks; i++)
		d->sinks[i] = &ctx->o.sinks[i];
	size_t n = watch_state_pending_count(ctx->state, NULL);
	if (n)
		cli_error("watch: %zu deliveries pending from the last run: delivering them", n);
	watch_state_pending(ctx->state, NULL, redo_row, d);
	for (size_t i = 0; i < ctx->o.nsinks; i++)
		if (d->sinks[i]->retry_at < 0)
			d->sinks[i]->retry_at = 0;
	return true;
}

bool watch_deliver_start(watch_ctx *ctx)
{
	if (pthread_create(&ctx->deliverer, NULL, deliver_main, &the_deliverer) != 0) {
		cli_error("watch: cannot start the delivery thread");
		return false;
	}
	ctx->deliverer_started = true;
	return true;
}

void watch_deliver_join(watch_ctx *ctx)
{
	deliverer *d = &the_deliverer;
	watch_queue_close(&ctx->out_q);
	if (ctx->deliverer_started)
		pthread_join(ctx->deliverer, NULL);
	ctx->deliverer_started = false;
	/* One last try for sinks that failed; what still fails stays in the
	 * state for the next run. */
	for (size_t i = 0; d->sinks && i < ctx->o.nsinks; i++)
		d->sinks[i]->retry_at = 0;
	if (d->sinks)
		retry_backlogs(d);
	size_t n = ctx->state ? watch_state_pending_count(ctx->state, NULL) : 0;
	if (n)
		cli_error("watch: %zu deliveries could not be made: kept in the state for the "
			  "next run",
			  n);
	for (size_t i = 0; i < d->nshown; i++)
		free(d->shown[i]);
	free(d->shown);
	free(d->sinks);
	memset(d, 0, sizeof(*d));
}

void watch_count_rule_error(watch_ctx *ctx, const char *rule)
{
	atomic_fetch_add(&ctx->c.rule_errors, 1);
	pthread_mutex_lock(&ctx->stats_mu);
	size_t i = 0;
	while (i < ctx->nerr_rules && strcmp(ctx->err_rules[i], rule))
		i++;
	if (i == ctx->nerr_rules) {
		char **r = realloc(ctx->err_rules, (i + 1) * sizeof(*r));
		unsigned long *c = r ? realloc(ctx->err_counts, (i + 1) * sizeof(*c)) : NULL;
		if (r)
			ctx->err_rules = r;
		if (c)
			ctx->err_counts = c;
		if (!r || !c || !(ctx->err_rules[i] = strdup(rule))) {
			pthread_mutex_unlock(&ctx->stats_mu);
			return;
		}
		ctx->err_counts[i] = 0;
		ctx->nerr_rules++;
	}
	ctx->err_counts[i]++;
	pthread_mutex_unlock(&ctx->stats_mu);
}
