/*
 * http.c - one HTTP transfer over libcurl with the limits a watcher needs:
 * http and https only (redirects included), a connect timeout and a cap on
 * the whole transfer's time, a size cap enforced while the body arrives
 * (the write callback refuses the byte past the cap, so a 2 GB answer
 * never gets into memory), conditional GET, gzip, and one-line messages
 * that never show a URL's credentials.
 */
#include "net_int.h"

#include <curl/curl.h>

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static pthread_once_t net_once = PTHREAD_ONCE_INIT;
static CURLcode net_init_rc = CURLE_FAILED_INIT;
static char net_user_agent[96];

static void net_init_once(void)
{
	net_init_rc = curl_global_init(CURL_GLOBAL_DEFAULT);
	const curl_version_info_data *v = curl_version_info(CURLVERSION_NOW);
	snprintf(net_user_agent, sizeof(net_user_agent), "newsrules/%s libcurl/%s", nr_version(),
		 v && v->version ? v->version : "?");
}

int net_global_init(void)
{
	pthread_once(&net_once, net_init_once);
	return net_init_rc == CURLE_OK ? NET_OK : NET_EINIT;
}

const char *net_strerror(int code)
{
	switch (code) {
	case NET_OK: return "ok";
	case NET_ENOMEM: return "out of memory";
	case NET_EINVAL: return "invalid argument or not an http(s) URL";
	case NET_ERESOLVE: return "host name not resolved";
	case NET_ECONNECT: return "could not connect";
	case NET_ETIMEOUT: return "timed out";
	case NET_ETOOBIG: return "body over the size cap";
	case NET_EHTTP: return "HTTP error status";
	case NET_ETRANSFER: return "transfer failed";
	case NET_ECANCELED: return "canceled";
	case NET_ENOTFEED: return "not a feed";
	case NET_EREDIRECT: return "bad redirect";
	case NET_EINIT: return "libcurl initialisation failed";
	default: return "unknown error";
	}
}

/* The authority's user:password@ part: [*start, *end) past "://", or
 * false when there is none. */
static bool net_userinfo(const char *url, size_t *start, size_t *end)
{
	const char *sep = strstr(url, "://");
	if (!sep)
		return false;
	const char *auth = sep + 3;
	size_t alen = strcspn(auth, "/?#");
	const char *at = NULL;
	for (size_t i = 0; i < alen; i++)
		if (auth[i] == '@')
			at = auth + i;
	if (!at)
		return false;
	*start = (size_t)(auth - url);
	*end = (size_t)(at + 1 - url);
	return true;
}

char *net_url_redact(const char *url)
{
	size_t s, e, n = strlen(url);
	if (!net_userinfo(url, &s, &e))
		return strdup(url);
	char *out = malloc(n - (e - s) + 1);
	if (!out)
		return NULL;
	memcpy(out, url, s);
	memcpy(out + s, url + e, n - e + 1);
	return out;
}

bool net__is_http_url(const char *url)
{
	return url && (!strncasecmp(url, "http://", 7) || !strncasecmp(url, "https://", 8));
}

int64_t net__now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

net_options net__options_resolved(const net_options *opts)
{
	net_options o = NET_OPTIONS_INIT;
	if (opts)
		o = *opts;
	if (o.connect_timeout_ms <= 0)
		o.connect_timeout_ms = NET_DEFAULT_CONNECT_TIMEOUT_MS;
	if (o.timeout_ms <= 0)
		o.timeout_ms = NET_DEFAULT_TIMEOUT_MS;
	if (o.max_bytes == 0)
		o.max_bytes = NR_DEFAULT_MAX_BYTES;
	if (o.max_redirects == 0)
		o.max_redirects = NET_DEFAULT_MAX_REDIRECTS;
	return o;
}

/* ---- one transfer ------------------------------------------------- */

typedef struct net_xfer {
	net_response *r;
	size_t cap, max;
	bool toobig, oom, canceled;
	const atomic_int *cancel;
	char reason[96];
	char retry_after[64];
} net_xfer;

static size_t net_on_body(char *data, size_t size, size_t nmemb, void *p)
{
	net_xfer *x = p;
	size_t n = size * nmemb;
	net_response *r = x->r;
	if (n > x->max - r->len) {
		x->toobig = true;
		return 0;
	}
	if (r->len + n + 1 > x->cap) {
		size_t cap = x->cap ? x->cap : 16384;
		while (cap < r->len + n + 1)
			cap *= 2;
		if (cap > x->max + 1) /* never more than the cap needs */
			cap = x->max + 1;
		char *b = realloc(r->body, cap);
		if (!b) {
			x->oom = true;
			return 0;
		}
		r->body = b;
		x->cap = cap;
	}
	memcpy(r->body + r->len, data, n);
	r->len += n;
	r->body[r->len] = '\0';
	return n;
}

/* A header's value with surrounding blanks and the CRLF removed. */
static char *net_header_value(const char *v, size_t n)
{
	while (n && (*v == ' ' || *v == '\t'))
		v++, n--;
	while (n && isspace((unsigned char)v[n - 1]))
		n--;
	char *s = malloc(n + 1);
	if (s) {
		memcpy(s, v, n);
		s[n] = '\0';
	}
	return s;
}

static void net_take_header(char **slot, const char *v, size_t n, net_xfer *x)
{
	free(*slot);
	*slot = net_header_value(v, n);
	if (!*slot)
		x->oom = true;
}

/* A status line starts a new answer (after a redirect or a 100): forget
 * the headers of the previous one. */
static void net_status_line(net_xfer *x, const char *line, size_t n)
{
	net_response *r = x->r;
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	r->etag = r->last_modified = r->content_type = NULL;
	x->retry_after[0] = '\0';
	x->reason[0] = '\0';
	/* "HTTP/1.1 500 Internal Server Error\r\n": the reason is past the
	 * second blank, printable ASCII only. */
	const char *sp = memchr(line, ' ', n);
	sp = sp ? memchr(sp + 1, ' ', n - (size_t)(sp + 1 - line)) : NULL;
	if (!sp)
		return;
	const char *rs = sp + 1;
	size_t rn = n - (size_t)(rs - line);
	while (rn && isspace((unsigned char)rs[rn - 1]))
		rn--;
	if (rn >= sizeof(x->reason))
		rn = sizeof(x->reason) - 1;
	for (size_t i = 0; i < rn; i++) {
		unsigned char c = (unsigned char)rs[i];
		x->reason[i] = c >= 0x20 && c < 0x7f ? (char)c : '?';
	}
	x->reason[rn] = '\0';
}

static bool net_is_header(const char *line, size_t n, const char *name, size_t *vstart)
{
	size_t k = strlen(name);
	if (n <= k || line[k] != ':' || strncasecmp(line, name, k))
		return false;
	*vstart = k + 1;
	return true;
}

static size_t net_on_header(char *line, size_t size, size_t nmemb, void *p)
{
	net_xfer *x = p;
	size_t n = size * nmemb, v;
	if (n >= 5 && !strncmp(line, "HTTP/", 5))
		net_status_line(x, line, n);
	else if (net_is_header(line, n, "ETag", &v))
		net_take_header(&x->r->etag, line + v, n - v, x);
	else if (net_is_header(line, n, "Last-Modified", &v))
		net_take_header(&x->r->last_modified, line + v, n - v, x);
	else if (net_is_header(line, n, "Content-Type", &v))
		net_take_header(&x->r->content_type, line + v, n - v, x);
	else if (net_is_header(line, n, "Retry-After", &v)) {
		char *s = net_header_value(line + v, n - v);
		if (s)
			snprintf(x->retry_after, sizeof(x->retry_after), "%s", s);
		free(s);
	}
	return x->oom ? 0 : n;
}

static int net_on_progress(void *p, curl_off_t dt, curl_off_t dn, curl_off_t ut, curl_off_t un)
{
	net_xfer *x = p;
	if (x->cancel && atomic_load(x->cancel)) {
		x->canceled = true;
		return 1;
	}
	return 0;
}

/* Retry-After as seconds from now: a delay or an HTTP date. */
static long net_retry_after(const char *v)
{
	if (!*v)
		return -1;
	if (isdigit((unsigned char)*v)) {
		char *end;
		long s = strtol(v, &end, 10);
		return *end ? -1 : s;
	}
	time_t t = curl_getdate(v, NULL);
	if (t == (time_t)-1)
		return -1;
	time_t now = time(NULL);
	return t > now ? (long)(t - now) : 0;
}

static void net_easy_setup(CURL *h, net_xfer *x, const net_options *o, char *errbuf)
{
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, o->timeout_ms);
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_USERAGENT, o->user_agent ? o->user_agent : net_user_agent);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, net_on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, net_on_header);
	curl_easy_setopt(h, CURLOPT_HEADERDATA, x);
	curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, net_on_progress);
	curl_easy_setopt(h, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(h, CURLOPT_NOPROGRESS, 0L);
}

static int net_code_of(CURLcode cc, const net_xfer *x)
{
	if (x->oom)
		return NET_ENOMEM;
	if (x->toobig || cc == CURLE_FILESIZE_EXCEEDED)
		return NET_ETOOBIG;
	if (x->canceled)
		return NET_ECANCELED;
	switch (cc) {
	case CURLE_OPERATION_TIMEDOUT: return NET_ETIMEOUT;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY: return NET_ERESOLVE;
	case CURLE_COULDNT_CONNECT:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION: return NET_ECONNECT;
	case CURLE_TOO_MANY_REDIRECTS:
	case CURLE_UNSUPPORTED_PROTOCOL: return NET_EREDIRECT;
	case CURLE_URL_MALFORMAT: return NET_EINVAL;
	case CURLE_OUT_OF_MEMORY: return NET_ENOMEM;
	default: return NET_ETRANSFER;
	}
}

/* "GET https://host/x: <why>", with any credentials of the URL blanked
 * out of curl's text as well. */
static void net_message(net_response *r, const char *method, const char *url, int rc,
			const net_xfer *x, const char *curlmsg, const net_options *o)
{
	char *safe = net_url_redact(url);
	char why[400];
	if (rc == NET_EHTTP)
		snprintf(why, sizeof(why), "HTTP %ld%s%s", r->status, x->reason[0] ? " " : "",
			 x->reason);
	else if (rc == NET_ETOOBIG)
		snprintf(why, sizeof(why), "body over the %zu-byte cap", o->max_bytes);
	else if (rc == NET_ETIMEOUT)
		snprintf(why, sizeof(why), "%s (caps: connect %ld ms, total %ld ms)",
			 curlmsg[0] ? curlmsg : "timed out", o->connect_timeout_ms, o->timeout_ms);
	else if (rc == NET_ECANCELED)
		snprintf(why, sizeof(why), "canceled");
	else
		snprintf(why, sizeof(why), "%s", curlmsg[0] ? curlmsg : net_strerror(rc));
	size_t s, e;
	if (net_userinfo(url, &s, &e) && e - s > 1) {
		/* curl's text may quote the user or password. */
		char ui[256];
		snprintf(ui, sizeof(ui), "%.*s", (int)(e - s - 1), url + s);
		for (char *hit; ui[0] && (hit = strstr(why, ui));)
			memset(hit, '*', strlen(ui));
	}
	snprintf(r->error, sizeof(r->error), "%s %s: %s", method, safe ? safe : "(URL)", why);
	free(safe);
}

static int net_finish(net_response *r, CURL *h, CURLcode cc, net_xfer *x, const char *method,
		      const char *url, const char *errbuf, const net_options *o)
{
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &r->status);
	r->retry_after_s = net_retry_after(x->retry_after);
	int rc = cc == CURLE_OK && !x->oom ? NET_OK : net_code_of(cc, x);
	if (rc == NET_OK && r->status >= 400)
		rc = NET_EHTTP;
	if (rc == NET_OK && !r->body) {
		r->body = malloc(1);
		if (!r->body)
			rc = NET_ENOMEM;
		else
			r->body[0] = '\0';
	}
	if (rc == NET_ETOOBIG) { /* a partial body is of no use: give it back now */
		free(r->body);
		r->body = NULL;
		r->len = 0;
	}
	if (rc != NET_OK)
		net_message(r, method, url, rc, x, errbuf, o);
	return rc;
}

static int net_perform(net_response *out, const char *method, const char *url,
		       const net_options *opts, struct curl_slist *hdrs, const char *body,
		       size_t len)
{
	memset(out, 0, sizeof(*out));
	out->retry_after_s = -1;
	net_options o = net__options_resolved(opts);
	if (net_global_init() != NET_OK) {
		snprintf(out->error, sizeof(out->error), "%s: %s", method, net_strerror(NET_EINIT));
		return NET_EINIT;
	}
	if (!net__is_http_url(url)) {
		char *safe = url ? net_url_redact(url) : NULL;
		snprintf(out->error, sizeof(out->error),
			 "%s %s: only http and https URLs are fetched", method,
			 safe ? safe : "(none)");
		free(safe);
		return NET_EINVAL;
	}
	CURL *h = curl_easy_init();
	if (!h) {
		snprintf(out->error, sizeof(out->error), "%s: out of memory", method);
		return NET_ENOMEM;
	}
	char errbuf[CURL_ERROR_SIZE] = "";
	net_xfer x = { .r = out, .max = o.max_bytes, .cancel = o.cancel };
	net_easy_setup(h, &x, &o, errbuf);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
	if (body) {
		curl_easy_setopt(h, CURLOPT_POST, 1L);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, len ? body : "");
	} else if (o.max_redirects > 0) {
		curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(h, CURLOPT_MAXREDIRS, o.max_redirects);
	}
	CURLcode cc = curl_easy_perform(h);
	int rc = net_finish(out, h, cc, &x, method, url, errbuf, &o);
	curl_easy_cleanup(h);
	return rc;
}

/* Append "Name: value" to a header list; false when out of memory. */
static bool net_add_header(struct curl_slist **l, const char *name, const char *value)
{
	size_t n = strlen(name) + strlen(value) + 3;
	char *line = malloc(n);
	if (!line)
		return false;
	snprintf(line, n, "%s: %s", name, value);
	struct curl_slist *t = curl_slist_append(*l, line);
	free(line);
	if (!t)
		return false;
	*l = t;
	return true;
}

int net_get(net_response *out, const char *url, const net_options *opts, const char *etag,
	    const char *last_modified)
{
	struct curl_slist *h = NULL;
	bool ok = true;
	if (etag && *etag)
		ok = net_add_header(&h, "If-None-Match", etag);
	if (ok && last_modified && *last_modified)
		ok = net_add_header(&h, "If-Modified-Since", last_modified);
	if (!ok) {
		curl_slist_free_all(h);
		memset(out, 0, sizeof(*out));
		out->retry_after_s = -1;
		snprintf(out->error, sizeof(out->error), "GET: out of memory");
		return NET_ENOMEM;
	}
	int rc = net_perform(out, "GET", url, opts, h, NULL, 0);
	curl_slist_free_all(h);
	return rc;
}

int net_post(net_response *out, const char *url, const net_options *opts, const char *content_type,
	     const char *body, size_t len, const char *const *headers)
{
	struct curl_slist *h = NULL;
	/* No "Expect: 100-continue" round trip before the body. */
	bool ok = net_add_header(&h, "Content-Type",
				 content_type ? content_type : "application/octet-stream") &&
		  (h = curl_slist_append(h, "Expect:")) != NULL;
	for (size_t i = 0; ok && headers && headers[i]; i++) {
		struct curl_slist *t = curl_slist_append(h, headers[i]);
		ok = t != NULL;
		if (t)
			h = t;
	}
	if (!ok) {
		curl_slist_free_all(h);
		memset(out, 0, sizeof(*out));
		out->retry_after_s = -1;
		snprintf(out->error, sizeof(out->error), "POST: out of memory");
		return NET_ENOMEM;
	}
	int rc = net_perform(out, "POST", url, opts, h, body ? body : "", len);
	curl_slist_free_all(h);
	return rc;
}

void net_response_free(net_response *r)
{
	if (!r)
		return;
	free(r->body);
	free(r->etag);
	free(r->last_modified);
	free(r->content_type);
	r->body = r->etag = r->last_modified = r->content_type = NULL;
	r->len = 0;
}

/* ---- hashing ------------------------------------------------------ */

static uint64_t net_mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

void net__hash_init(net__hash *h)
{
	h->a = 0xcbf29ce484222325ULL;
	h->b = 0x84222325cbf29ce4ULL;
}

void net__hash_update(net__hash *h, const void *data, size_t len)
{
	const unsigned char *s = data;
	uint64_t a = h->a, b = h->b;
	for (size_t i = 0; i < len; i++) {
		a = (a ^ s[i]) * 0x100000001b3ULL;
		b = (b ^ s[i] ^ 0x5a) * 0x100000001b3ULL;
		b = (b << 7) | (b >> 57);
	}
	h->a = a;
	h->b = b;
}

void net__hash_final(const net__hash *h, char hex[33])
{
	snprintf(hex, 33, "%016llx%016llx", (unsigned long long)net_mix64(h->a),
		 (unsigned long long)net_mix64(h->b ^ h->a));
}

void net__hash_hex(const void *data, size_t len, char hex[33])
{
	net__hash h;
	net__hash_init(&h);
	net__hash_update(&h, data, len);
	net__hash_final(&h, hex);
}
