/*
 * sink_nats.c - nats://HOST:PORT/SUBJECT[?stream=NAME]: each line of a
 * batch published to JetStream, one message per alert, with a
 * deterministic Nats-Msg-Id (a hash of the alert's rule, rule-set hash,
 * article id, evidence spans and message; of the whole line for an error
 * record), so that an article delivered twice (a worker killed before its
 * ack) gives no second alert within the stream's duplicate window. The
 * batch is delivered once the stream has acked every line; else it stays
 * pending in the state and is published again after a back-off (the ids
 * make that safe). stream=NAME: the stream is created (subject SUBJECT,
 * file storage) when missing.
 */
#include "source_nats.h"

#include "net.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct nats_sink {
	char *server, *subject, *stream;
	natsConnection *nc;
	jsCtx *js;
	bool ready; /* the stream is there */
} nats_sink;

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	s = s ? s : "";
	return fnv(h, s, strlen(s) + 1); /* the NUL separates the parts */
}

/* 32 hex digits from two differently seeded FNV-1a passes. */
void watch_nats_msg_id(const char *line, size_t len, char out[33])
{
	uint64_t h[2] = { 0xcbf29ce484222325ull, 0x84222325cbf29ce4ull };
	json_t *o = json_loadb(line, len, 0, NULL);
	const char *rule = o ? json_string_value(json_object_get(o, "rule")) : NULL;
	for (int k = 0; k < 2; k++) {
		if (!rule) {
			h[k] = fnv(h[k], line, len);
			continue;
		}
		char *ev = json_dumps(json_object_get(o, "evidence"), JSON_COMPACT);
		h[k] = fnv_str(h[k], rule);
		h[k] = fnv_str(h[k], json_string_value(json_object_get(o, "ruleset")));
		h[k] = fnv_str(
		    h[k], json_string_value(json_object_get(json_object_get(o, "article"), "id")));
		h[k] = fnv_str(h[k], ev);
		h[k] = fnv_str(h[k], json_string_value(json_object_get(o, "message")));
		free(ev);
	}
	json_decref(o);
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h[0], (unsigned long long)h[1]);
}

bool watch_sink_nats_open(watch_sink *s, const watch_nats_auth *auth)
{
	nats_sink *n = calloc(1, sizeof(*n));
	const char *host = strstr(s->spec, "://") + 3, *slash = strchr(host, '/');
	const char *q = slash ? strchr(slash, '?') : NULL;
	s->nats = n;
	if (!n || !slash || !slash[1] || q == slash + 1)
		goto bad;
	n->server = strndup(s->spec, (size_t)(slash - s->spec));
	n->subject = q ? strndup(slash + 1, (size_t)(q - slash - 1)) : strdup(slash + 1);
	if (q && strncmp(q, "?stream=", 8))
		goto bad;
	if (q && (!q[8] || !(n->stream = strdup(q + 8))))
		goto bad;
	if (!n->server || !n->subject)
		goto bad;
	natsStatus st = watch_nats_connect(&n->nc, &n->js, n->server, auth, true);
	if (st != NATS_OK) {
		char *name = net_url_redact(s->spec);
		cli_error("watch: sink %s: cannot connect: %s", name ? name : "nats://...",
			  natsStatus_GetText(st));
		free(name);
		return false;
	}
	n->ready = !n->stream;
	return true;
bad:;
	char *name = net_url_redact(s->spec);
	cli_error("--sink nats://HOST:PORT/SUBJECT[?stream=NAME], not '%s'",
		  name ? name : "nats://...");
	free(name);
	return false;
}

void watch_sink_nats_close(watch_sink *s)
{
	nats_sink *n = s->nats;
	if (!n)
		return;
	jsCtx_Destroy(n->js);
	natsConnection_Destroy(n->nc);
	free(n->server), free(n->subject), free(n->stream);
	free(n);
	s->nats = NULL;
}

static natsStatus ensure_alert_stream(nats_sink *n)
{
	jsStreamInfo *si = NULL;
	jsErrCode jerr = 0;
	natsStatus st = js_GetStreamInfo(&si, n->js, n->stream, NULL, &jerr);
	if (st == NATS_NOT_FOUND) {
		jsStreamConfig cfg;
		jsStreamConfig_Init(&cfg);
		const char *subjects[1] = { n->subject };
		cfg.Name = n->stream;
		cfg.Subjects = subjects;
		cfg.SubjectsLen = 1;
		cfg.Storage = js_FileStorage;
		st = js_AddStream(&si, n->js, &cfg, NULL, &jerr);
	}
	jsStreamInfo_Destroy(si);
	return st;
}

static natsStatus publish_line(nats_sink *n, const char *line, size_t len)
{
	char id[33];
	watch_nats_msg_id(line, len, id);
	natsMsg *m = NULL;
	natsStatus st = natsMsg_Create(&m, n->subject, NULL, line, (int)len);
	if (st == NATS_OK)
		st = natsMsgHeader_Set(m, "Nats-Msg-Id", id);
	jsPubOptions po;
	jsPubOptions_Init(&po);
	po.MaxWait = 5000;
	jsPubAck *pa = NULL;
	jsErrCode jerr = 0;
	if (st == NATS_OK)
		st = js_PublishMsg(&pa, n->js, m, &po, &jerr);
	jsPubAck_Destroy(pa);
	natsMsg_Destroy(m);
	return st;
}

bool watch_sink_nats_write(watch_sink *s, const char *data, size_t len)
{
	nats_sink *n = s->nats;
	natsStatus st = NATS_OK;
	if (!n->ready && (st = ensure_alert_stream(n)) == NATS_OK)
		n->ready = true;
	for (size_t i = 0; st == NATS_OK && i < len;) {
		const char *nl = memchr(data + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - data) : len;
		if (end > i)
			st = publish_line(n, data + i, end - i);
		i = end + 1;
	}
	if (st == NATS_OK)
		return true;
	char *name = net_url_redact(s->spec);
	cli_error("watch: sink %s: %s; the batch is kept and published again",
		  name ? name : "nats://...", natsStatus_GetText(st));
	free(name);
	return false;
}
