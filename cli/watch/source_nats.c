/*
 * source_nats.c - nats://HOST:PORT/STREAM[?consumer=NAME&subject=SUBJ&
 * max-deliver=N&ack-wait=SECONDS&dlq=SUBJECT]: a durable pull consumer
 * with explicit ack on a JetStream stream, shared by every watcher that
 * names it (a work queue: each message goes to one of them). A message
 * holds one article in any format: the header Nats-Format (a format name,
 * as -i takes) says which, else it is detected. The message is acked once
 * the article's batch is delivered to every sink (deliver.c calls
 * watch_nats_settle); a watcher that fails first NAKs it, one that dies
 * leaves it to the AckWait. An article that keeps failing goes to the
 * dead-letter subject after max-deliver deliveries (header
 * Newsrules-Dead-Reason) and is terminated. The client reconnects by
 * itself; fetches back off while the server is away.
 */
#include "source_nats.h"

#include "net.h"

#include <nats/nats.h>
#include <stdlib.h>
#include <string.h>

#define FETCH_BATCH 16
#define FETCH_WAIT_MS 500

typedef struct nats_src {
	watch_ctx *ctx;
	char *url, *server, *stream, *consumer, *subject, *dlq;
	int64_t max_deliver, ack_wait_s;
	natsConnection *nc;
	jsCtx *js;
	natsSubscription *sub;
	pthread_t thread;
	bool started;
	atomic_bool stop;
} nats_src;

typedef struct nats_set {
	nats_src **src;
	size_t n;
} nats_set;

/* What an item keeps to settle its message. */
typedef struct nats_ack {
	nats_src *src;
	natsMsg *msg;
} nats_ack;

bool watch_nats_is_url(const char *spec)
{
	return !strncmp(spec, "nats://", 7) || !strncmp(spec, "tls://", 6);
}

static void src_error(const nats_src *s, const char *what, natsStatus st)
{
	char *name = net_url_redact(s->url);
	cli_error("watch: %s: %s: %s", name ? name : "nats source", what, natsStatus_GetText(st));
	free(name);
}

static bool parse_query(nats_src *s, const char *q)
{
	for (const char *p = q; p && *p;) {
		const char *amp = strchr(p, '&'), *end = amp ? amp : p + strlen(p);
		const char *eq = memchr(p, '=', (size_t)(end - p));
		if (!eq || eq + 1 == end)
			return false;
		char *v = strndup(eq + 1, (size_t)(end - eq - 1));
		size_t k = (size_t)(eq - p);
		if (!v)
			return false;
		if (k == 8 && !strncmp(p, "consumer", k))
			free(s->consumer), s->consumer = v;
		else if (k == 7 && !strncmp(p, "subject", k))
			free(s->subject), s->subject = v;
		else if (k == 3 && !strncmp(p, "dlq", k))
			free(s->dlq), s->dlq = v;
		else if ((k == 11 && !strncmp(p, "max-deliver", k)) ||
			 (k == 8 && !strncmp(p, "ack-wait", k))) {
			char *e;
			long long n = strtoll(v, &e, 10);
			bool ok = *e == '\0' && n >= 1 && n <= 1000000;
			free(v);
			if (!ok)
				return false;
			*(k == 8 ? &s->ack_wait_s : &s->max_deliver) = n;
		} else {
			free(v);
			return false;
		}
		p = amp ? amp + 1 : NULL;
	}
	return true;
}

/* nats://[CREDS@]HOST:PORT/STREAM[?...] */
static bool parse_url(nats_src *s, const char *url)
{
	const char *host = strstr(url, "://") + 3;
	const char *slash = strchr(host, '/');
	if (!slash || !slash[1])
		return false;
	const char *q = strchr(slash, '?');
	size_t slen = q ? (size_t)(q - slash - 1) : strlen(slash + 1);
	s->server = strndup(url, (size_t)(slash - url));
	s->stream = strndup(slash + 1, slen);
	s->max_deliver = 5;
	s->ack_wait_s = 30;
	if (!s->server || !s->stream || !slen || strpbrk(s->stream, ".*> /"))
		return false;
	if (!parse_query(s, q ? q + 1 : NULL))
		return false;
	if (!s->consumer)
		s->consumer = strdup("newsrules");
	if (!s->subject)
		s->subject = strdup(s->stream);
	if (!s->dlq) {
		size_t n = strlen(s->stream) + 16;
		if ((s->dlq = malloc(n)) != NULL)
			snprintf(s->dlq, n, "%s.dead", s->stream);
	}
	return s->consumer && s->subject && s->dlq;
}

static natsStatus connect_opts(natsOptions **out, const char *server, const watch_nats_auth *a,
			       bool retry)
{
	natsOptions *o = NULL;
	natsStatus st = natsOptions_Create(&o);
	if (st == NATS_OK)
		st = natsOptions_SetURL(o, server);
	if (st == NATS_OK)
		st = natsOptions_SetMaxReconnect(o, -1);
	if (st == NATS_OK)
		st = natsOptions_SetReconnectWait(o, 250);
	if (st == NATS_OK)
		st = natsOptions_SetRetryOnFailedConnect(o, retry, NULL, NULL);
	if (st == NATS_OK && a && a->creds)
		st = natsOptions_SetUserCredentialsFromFiles(o, a->creds, NULL);
	if (st == NATS_OK && a && a->user)
		st = natsOptions_SetUserInfo(o, a->user, a->password);
	if (st == NATS_OK && a && a->token)
		st = natsOptions_SetToken(o, a->token);
	if (st == NATS_OK && a && a->ca)
		st = natsOptions_LoadCATrustedCertificates(o, a->ca);
	if (st == NATS_OK && (!strncmp(server, "tls://", 6) || (a && a->ca)))
		st = natsOptions_SetSecure(o, true);
	*out = o;
	return st;
}

natsStatus watch_nats_connect(natsConnection **nc, jsCtx **js, const char *server,
			      const watch_nats_auth *auth, bool retry)
{
	natsOptions *o = NULL;
	natsStatus st = connect_opts(&o, server, auth, retry);
	if (st == NATS_OK)
		st = natsConnection_Connect(nc, o);
	if (retry && st == NATS_NOT_YET_CONNECTED)
		st = NATS_OK; /* the client goes on trying in the background */
	if (st == NATS_OK)
		st = natsConnection_JetStream(js, *nc, NULL);
	natsOptions_Destroy(o);
	return st;
}

static natsStatus ensure_stream(nats_src *s)
{
	jsStreamInfo *si = NULL;
	jsErrCode jerr = 0;
	natsStatus st = js_GetStreamInfo(&si, s->js, s->stream, NULL, &jerr);
	if (st == NATS_NOT_FOUND) {
		jsStreamConfig cfg;
		jsStreamConfig_Init(&cfg);
		const char *subjects[2] = { s->subject, s->dlq };
		cfg.Name = s->stream;
		cfg.Subjects = subjects;
		cfg.SubjectsLen = 2;
		cfg.Storage = js_FileStorage;
		st = js_AddStream(&si, s->js, &cfg, NULL, &jerr);
	}
	jsStreamInfo_Destroy(si);
	return st;
}

static natsStatus subscribe(nats_src *s)
{
	jsSubOptions so;
	jsSubOptions_Init(&so);
	so.Stream = s->stream;
	so.ManualAck = true;
	so.Config.Durable = s->consumer;
	so.Config.AckPolicy = js_AckExplicit;
	so.Config.AckWait = s->ack_wait_s * 1000000000LL;
	so.Config.MaxDeliver = -1; /* counted here: the dead letter is ours */
	so.Config.FilterSubject = s->subject;
	so.Config.MaxAckPending = 1000;
	jsErrCode jerr = 0;
	return js_PullSubscribe(&s->sub, s->js, s->subject, s->consumer, NULL, &so, &jerr);
}

static watch_nats_auth the_auth;

bool watch_nats_add(watch_ctx *ctx, const char *url, const watch_nats_auth *auth)
{
	nats_set *set = ctx->nats;
	if (!set && !(set = ctx->nats = calloc(1, sizeof(*set))))
		return false;
	nats_src **n = realloc(set->src, (set->n + 1) * sizeof(*n));
	nats_src *s = calloc(1, sizeof(*s));
	if (n)
		set->src = n;
	if (!n || !s || !(s->url = strdup(url))) {
		free(s);
		cli_error("out of memory");
		return false;
	}
	set->src[set->n++] = s;
	s->ctx = ctx;
	if (auth)
		the_auth = *auth;
	if (!parse_url(s, url)) {
		char *name = net_url_redact(url);
		cli_error("watch: source %s: not nats://HOST:PORT/STREAM[?consumer=NAME&subject="
			  "SUBJ&max-deliver=N&ack-wait=SECONDS&dlq=SUBJECT]",
			  name ? name : "nats://...");
		free(name);
		return false;
	}
	natsStatus st = watch_nats_connect(&s->nc, &s->js, s->server, auth, true);
	if (st != NATS_OK) {
		src_error(s, "cannot connect", st);
		return false;
	}
	/* The server may not be up yet: wait for the stream, then bind. */
	for (int i = 0; (st = ensure_stream(s)) != NATS_OK && i < 40; i++)
		nats_Sleep(250);
	if (st == NATS_OK)
		st = subscribe(s);
	if (st != NATS_OK) {
		src_error(s, "cannot bind the consumer", st);
		return false;
	}
	return true;
}

/* The item of one message: its article (format from Nats-Format, else
 * detected), named STREAM:SEQ so that a redelivery has the same id. */
typedef struct msg_read {
	watch_item *it;
	size_t n;
} msg_read;

static int on_msg_item(const nr_read_item *item, void *payload)
{
	msg_read *r = payload;
	watch_item *it = NULL;
	r->n++;
	if (r->it) { /* one article per message: the rest are errors */
		nr_article_free(item->article);
		return 0;
	}
	if (!item->error) {
		it = calloc(1, sizeof(*it));
		if (it && (it->source = strdup(item->source)) != NULL)
			it->article = item->article;
		else
			free(it), it = NULL, nr_article_free(item->article);
	} else {
		char *js = NULL;
		nr_read_item_error_json(item, &js);
		it = watch_error_item(item->source,
				      item->message ? item->message : nr_strerror(item->error), js);
		nr_free(js);
	}
	r->it = it;
	return 0;
}

static watch_item *read_msg(nats_src *s, natsMsg *m)
{
	jsMsgMetaData *meta = NULL;
	char name[256];
	if (natsMsg_GetMetaData(&meta, m) == NATS_OK)
		snprintf(name, sizeof name, "%s:%llu", s->stream,
			 (unsigned long long)meta->Sequence.Stream);
	else
		snprintf(name, sizeof name, "%s", s->stream);
	jsMsgMetaData_Destroy(meta);
	nr_read_options o = s->ctx->o.read;
	o.name = name;
	const char *fmt = NULL;
	nr_format f;
	if (natsMsgHeader_Get(m, "Nats-Format", &fmt) == NATS_OK && fmt &&
	    nr_format_parse(&f, fmt) == NR_OK)
		o.format = f;
	msg_read r = { NULL, 0 };
	const char *data = natsMsg_GetData(m);
	int len = natsMsg_GetDataLength(m);
	nr_read_buffer(data ? data : "", (size_t)(len > 0 ? len : 0), &o, on_msg_item, &r);
	if (!r.it && r.n == 0)
		r.it = watch_error_item(name, "empty message: no article", NULL);
	if (r.n > 1)
		cli_error("watch: %s: the message held %zu articles; only the first is scanned "
			  "(publish one article per message)",
			  name, r.n);
	return r.it;
}

static void take(nats_src *s, natsMsg *m)
{
	watch_item *it = read_msg(s, m);
	nats_ack *a = it ? malloc(sizeof(*a)) : NULL;
	if (!a) {
		/* Left to the AckWait: redelivered when memory is back. */
		cli_error("watch: %s: out of memory: message left for redelivery", s->stream);
		watch_item_free(it);
		natsMsg_Destroy(m);
		return;
	}
	a->src = s;
	a->msg = m;
	it->ack = a;
	watch_submit(s->ctx, it, NULL);
}

static void *fetch_main(void *arg)
{
	nats_src *s = arg;
	unsigned failures = 0;
	while (!atomic_load(&s->stop) && !atomic_load(&s->ctx->stopping)) {
		natsMsgList list = { NULL, 0 };
		jsErrCode jerr = 0;
		natsStatus st = natsSubscription_Fetch(&list, s->sub, FETCH_BATCH, FETCH_WAIT_MS,
						       &jerr);
		if (st == NATS_OK || st == NATS_TIMEOUT) {
			if (failures)
				cli_error("watch: %s: taking articles again", s->stream);
			failures = 0;
		} else if (failures++ == 0) {
			src_error(s, "cannot fetch (retrying with back-off)", st);
		}
		for (int i = 0; i < list.Count; i++) {
			take(s, list.Msgs[i]);
			list.Msgs[i] = NULL;
		}
		natsMsgList_Destroy(&list);
		if (failures) /* 50 ms doubling, at most 2 s */
			nats_Sleep(failures > 6 ? 2000 : 50LL << (failures - 1));
	}
	return NULL;
}

bool watch_nats_start(watch_ctx *ctx)
{
	nats_set *set = ctx->nats;
	for (size_t i = 0; set && i < set->n; i++) {
		if (pthread_create(&set->src[i]->thread, NULL, fetch_main, set->src[i]) != 0) {
			cli_error("watch: cannot start a nats fetch thread");
			return false;
		}
		set->src[i]->started = true;
	}
	return true;
}

void watch_nats_stop(watch_ctx *ctx)
{
	nats_set *set = ctx->nats;
	for (size_t i = 0; set && i < set->n; i++) {
		atomic_store(&set->src[i]->stop, true);
		if (set->src[i]->started)
			pthread_join(set->src[i]->thread, NULL);
		set->src[i]->started = false;
	}
}

size_t watch_nats_count(watch_ctx *ctx)
{
	nats_set *set = ctx->nats;
	return set ? set->n : 0;
}

void watch_nats_free(watch_ctx *ctx)
{
	nats_set *set = ctx->nats;
	for (size_t i = 0; set && i < set->n; i++) {
		nats_src *s = set->src[i];
		natsSubscription_Destroy(s->sub);
		jsCtx_Destroy(s->js);
		natsConnection_Destroy(s->nc);
		free(s->url), free(s->server), free(s->stream);
		free(s->consumer), free(s->subject), free(s->dlq);
		free(s);
	}
	if (set)
		free(set->src);
	free(set);
	ctx->nats = NULL;
}

/* Why the article failed, or NULL: a read error, or rules that all
 * failed on it (errors and no alert). */
static const char *failure(const watch_item *it, char *buf, size_t n)
{
	if (it->error_line) {
		const char *l = it->error_line;
		snprintf(buf, n, "%s", strncmp(l, "newsrules: ", 11) ? l : l + 11);
		buf[strcspn(buf, "\n")] = '\0';
		return buf;
	}
	if (it->nrule_errors && !it->nalerts) {
		const watch_rule_error *e = &it->rule_errors[0];
		snprintf(buf, n, "rule '%s': %s", e->rule ? e->rule : "?",
			 e->message ? e->message : nr_outcome_name(e->outcome));
		return buf;
	}
	return NULL;
}

static void dead_letter(nats_ack *a, const char *reason, uint64_t delivered)
{
	nats_src *s = a->src;
	natsMsg *m = NULL;
	char count[32];
	snprintf(count, sizeof count, "%llu", (unsigned long long)delivered);
	const char *fmt = NULL;
	natsMsgHeader_Get(a->msg, "Nats-Format", &fmt);
	natsStatus st = natsMsg_Create(&m, s->dlq, NULL, natsMsg_GetData(a->msg),
				       natsMsg_GetDataLength(a->msg));
	if (st == NATS_OK)
		st = natsMsgHeader_Set(m, "Newsrules-Dead-Reason", reason);
	if (st == NATS_OK)
		st = natsMsgHeader_Set(m, "Newsrules-Deliveries", count);
	if (st == NATS_OK && fmt)
		st = natsMsgHeader_Set(m, "Nats-Format", fmt);
	jsPubAck *pa = NULL;
	jsErrCode jerr = 0;
	if (st == NATS_OK)
		st = js_PublishMsg(&pa, s->js, m, NULL, &jerr);
	jsPubAck_Destroy(pa);
	natsMsg_Destroy(m);
	if (st != NATS_OK) { /* tried again at the next delivery */
		src_error(s, "cannot publish to the dead-letter subject", st);
		natsMsg_Nak(a->msg, NULL);
		return;
	}
	cli_error("watch: %s: article dead-lettered to %s after %llu deliveries: %s", s->stream,
		  s->dlq, (unsigned long long)delivered, reason);
	natsMsg_Term(a->msg, NULL);
}

void watch_nats_settle(watch_item *it, bool delivered)
{
	nats_ack *a = it->ack;
	if (!a)
		return;
	it->ack = NULL;
	char buf[512];
	const char *why = failure(it, buf, sizeof buf);
	jsMsgMetaData *meta = NULL;
	uint64_t n = 1;
	if (natsMsg_GetMetaData(&meta, a->msg) == NATS_OK)
		n = meta->NumDelivered;
	jsMsgMetaData_Destroy(meta);
	if (!delivered)
		natsMsg_Nak(a->msg, NULL);
	else if (!why)
		natsMsg_Ack(a->msg, NULL);
	else if (n < (uint64_t)a->src->max_deliver)
		natsMsg_Nak(a->msg, NULL);
	else
		dead_letter(a, why, n);
	natsMsg_Destroy(a->msg);
	free(a);
}

void watch_nats_drop(void *ack)
{
	nats_ack *a = ack;
	if (!a)
		return;
	natsMsg_Destroy(a->msg);
	free(a);
}
