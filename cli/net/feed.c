/*
 * feed.c - an RSS/Atom feed poller: a conditional GET, the body read by
 * the library as a feed, and each item the caller has not seen handed on
 * with a key that stays the same from poll to poll (guid, link, or a hash
 * of title and text). docs/net.md describes it for users.
 */
#include "net_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct net_feed {
	char *url;  /* as given, credentials included: only curl sees it */
	char *name; /* redacted: messages, item sources, default ids */
	net_options opts;
	char *etag, *last_modified;
};

static char *net_feed_dup(const char *s) { return s && *s ? strdup(s) : NULL; }

int net_feed_new(net_feed **out, const char *url, const net_options *opts)
{
	*out = NULL;
	if (!net__is_http_url(url))
		return NET_EINVAL;
	net_feed *f = calloc(1, sizeof(*f));
	if (!f)
		return NET_ENOMEM;
	f->url = strdup(url);
	f->name = net_url_redact(url);
	f->opts = net__options_resolved(opts);
	if (!f->url || !f->name) {
		net_feed_free(f);
		return NET_ENOMEM;
	}
	*out = f;
	return NET_OK;
}

void net_feed_free(net_feed *f)
{
	if (!f)
		return;
	free(f->url);
	free(f->name);
	free(f->etag);
	free(f->last_modified);
	free(f);
}

const char *net_feed_name(const net_feed *f) { return f->name; }
const char *net_feed_etag(const net_feed *f) { return f->etag; }
const char *net_feed_last_modified(const net_feed *f) { return f->last_modified; }

int net_feed_set_validators(net_feed *f, const char *etag, const char *last_modified)
{
	char *e = net_feed_dup(etag), *l = net_feed_dup(last_modified);
	if ((etag && *etag && !e) || (last_modified && *last_modified && !l)) {
		free(e);
		free(l);
		return NET_ENOMEM;
	}
	free(f->etag);
	free(f->last_modified);
	f->etag = e;
	f->last_modified = l;
	return NET_OK;
}

/* ---- one poll ----------------------------------------------------- */

typedef struct net_poll {
	net_feed *f;
	net_seen_cb seen;
	net_feed_cb cb;
	void *payload;
	net_feed_poll_info *info;
	uint64_t *keys; /* hashes of the keys met in this body */
	size_t nkeys, capkeys;
	bool stopped, oom;
	int doc_error; /* NET_ENOTFEED when the body is no feed */
	char doc_message[400];
} net_poll;

static uint64_t net_key_hash(const char *key)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 0x100000001b3ULL;
	return h;
}

/* True when the key was met before in this body; else remembers it. */
static bool net_key_repeated(net_poll *p, const char *key)
{
	uint64_t h = net_key_hash(key);
	for (size_t i = 0; i < p->nkeys; i++)
		if (p->keys[i] == h)
			return true;
	if (p->nkeys == p->capkeys) {
		size_t cap = p->capkeys ? p->capkeys * 2 : 64;
		uint64_t *k = realloc(p->keys, cap * sizeof(*k));
		if (!k) {
			p->oom = true;
			return false;
		}
		p->keys = k;
		p->capkeys = cap;
	}
	p->keys[p->nkeys++] = h;
	return false;
}

/* guid / Atom id, unless it is the reader's positional default
 * ("<source>#<n>"); else the link; else a hash of title and text. */
static char *net_item_key(const net_feed *f, const nr_read_item *it)
{
	const nr_article *a = it->article;
	const char *id = nr_article_id(a);
	char dflt[32];
	snprintf(dflt, sizeof(dflt), "#%zu", it->index + 1);
	size_t nl = strlen(f->name);
	bool positional = !strncmp(id, f->name, nl) && !strcmp(id + nl, dflt);
	if (*id && !positional)
		return strdup(id);
	if (*nr_article_url(a))
		return strdup(nr_article_url(a));
	size_t tlen;
	const char *text = nr_article_text(a, &tlen), *title = nr_article_title(a);
	net__hash h;
	net__hash_init(&h);
	net__hash_update(&h, title, strlen(title) + 1); /* with its NUL: a separator */
	net__hash_update(&h, text, tlen);
	char hex[33], *key = malloc(5 + 33);
	net__hash_final(&h, hex);
	if (key)
		snprintf(key, 5 + 33, "hash:%s", hex);
	return key;
}

/* Hand one keyed outcome on, unless it was seen. */
static int net_offer(net_poll *p, const nr_read_item *it, const char *key)
{
	if (net_key_repeated(p, key) || p->seen(key, p->payload)) {
		if (it->article) {
			p->info->seen++;
			nr_article_free(it->article);
		}
		return 0;
	}
	if (it->article)
		p->info->fresh++;
	net_feed_item fi = { *it, key, NET_OK };
	if (p->cb(&fi, p->payload)) {
		p->stopped = true;
		return 1;
	}
	return 0;
}

/* An error about one item ("item 3: no text"): keyed by its message. */
static int net_item_error(net_poll *p, const nr_read_item *it)
{
	p->info->item_errors++;
	char hex[33], key[6 + 33];
	net__hash_hex(it->message, strlen(it->message), hex);
	snprintf(key, sizeof(key), "error:%s", hex);
	return net_offer(p, it, key);
}

static int net_on_read(const nr_read_item *it, void *payload)
{
	net_poll *p = payload;
	if (it->error != NR_OK) {
		if (it->message && !strncmp(it->message, "item ", 5))
			return net_item_error(p, it);
		/* The document as a whole: an empty feed is no error; anything
		 * else means the body is no feed. */
		if (it->error != NR_EEMPTY || strncmp(it->message, "the feed has no", 15)) {
			p->doc_error = NET_ENOTFEED;
			snprintf(p->doc_message, sizeof(p->doc_message), "%s",
				 it->message ? it->message : nr_strerror(it->error));
		}
		return 0;
	}
	p->info->items++;
	char *key = net_item_key(p->f, it);
	if (!key) {
		p->oom = true;
		nr_article_free(it->article);
		return 1;
	}
	int stop = net_offer(p, it, key);
	free(key);
	return stop || p->oom;
}

static int net_nr_code(int net)
{
	switch (net) {
	case NET_ENOMEM: return NR_ENOMEM;
	case NET_ETOOBIG: return NR_ETOOBIG;
	case NET_ETIMEOUT: return NR_ETIMEOUT;
	case NET_ENOTFEED: return NR_EFORMAT;
	case NET_ECANCELED: return NR_EABORT;
	default: return NR_EIO;
	}
}

/* The poll's one error record. */
static int net_poll_error(net_poll *p, int rc, const char *message)
{
	nr_read_item it = { NULL, net_nr_code(rc), message, p->f->name, 0, NR_FORMAT_FEED };
	net_feed_item fi = { it, NULL, rc };
	if (p->cb(&fi, p->payload))
		p->stopped = true;
	return rc;
}

/* The body is RSS or Atom, by content: anything else is reported as
 * "not a feed" with what it looks like. */
static int net_read_body(net_poll *p, const net_response *r)
{
	nr_format fmt = r->len ? nr_format_detect(r->body, r->len, NULL) : NR_FORMAT_TEXT;
	char msg[600];
	const char *ct = r->content_type ? r->content_type : "none";
	if (fmt != NR_FORMAT_FEED) {
		snprintf(msg, sizeof(msg), "GET %s: not a feed: the body %s (Content-Type: %s)",
			 p->f->name,
			 r->len ? (fmt == NR_FORMAT_HTML ? "is an HTML page" : "is no RSS or Atom")
				: "is empty",
			 ct);
		return net_poll_error(p, NET_ENOTFEED, msg);
	}
	nr_read_options ro = NR_READ_OPTIONS_INIT;
	ro.format = NR_FORMAT_FEED;
	ro.max_bytes = p->f->opts.max_bytes;
	ro.name = p->f->name;
	int rc = nr_read_buffer(r->body, r->len, &ro, net_on_read, p);
	if (p->oom || rc == NR_ENOMEM)
		return net_poll_error(p, NET_ENOMEM, "out of memory");
	if (p->stopped)
		return NET_ECANCELED;
	if (p->doc_error) {
		snprintf(msg, sizeof(msg), "GET %s: not a feed: %s (Content-Type: %s)", p->f->name,
			 p->doc_message, ct);
		return net_poll_error(p, p->doc_error, msg);
	}
	return NET_OK;
}

int net_feed_poll(net_feed *f, net_seen_cb seen, net_feed_cb cb, void *payload,
		  net_feed_poll_info *info)
{
	net_feed_poll_info local;
	net_poll p = { .f = f, .seen = seen, .cb = cb, .payload = payload };
	p.info = info ? info : &local;
	memset(p.info, 0, sizeof(*p.info));
	net_response r;
	int rc = net_get(&r, f->url, &f->opts, f->etag, f->last_modified);
	p.info->status = r.status;
	if (rc == NET_ECANCELED)
		; /* the caller stopped it: no record */
	else if (rc != NET_OK)
		rc = net_poll_error(&p, rc, r.error);
	else if (r.status != 304)
		rc = net_read_body(&p, &r);
	/* Validators move on only once the whole body was handed over. */
	if (rc == NET_OK && r.status != 304)
		rc = net_feed_set_validators(f, r.etag, r.last_modified);
	else if (rc == NET_OK) /* a 304 may refresh one of them */
		rc = net_feed_set_validators(f, r.etag ? r.etag : f->etag,
					     r.last_modified ? r.last_modified : f->last_modified);
	net_response_free(&r);
	free(p.keys);
	return rc;
}
