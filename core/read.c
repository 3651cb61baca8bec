/* read.c - format detection and the reading entry points. Every input
 * ends as articles or error records reported through one callback. */
#include "internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

const char *nr_version(void)
{
	return NR_VERSION_STRING;
}

const char *nr_strerror(int code)
{
	switch (code) {
	case NR_OK: return "success";
	case NR_ERROR: return "error";
	case NR_ENOMEM: return "out of memory";
	case NR_EINVAL: return "invalid argument";
	case NR_EIO: return "cannot read input";
	case NR_ETOOBIG: return "input too large";
	case NR_EEMPTY: return "no text in input";
	case NR_EBINARY: return "binary input";
	case NR_EPARSE: return "malformed input";
	case NR_EFORMAT: return "unknown input format";
	case NR_ENESTING: return "markup nested too deep";
	case NR_EABORT: return "stopped by callback";
	case NR_ERULE: return "rule file rejected";
	case NR_ERUNTIME: return "rule failed while scanning";
	case NR_EFROZEN: return "rule set already in use";
	default: return "unknown error";
	}
}

const char *nr_format_name(nr_format f)
{
	switch (f) {
	case NR_FORMAT_AUTO: return "auto";
	case NR_FORMAT_TEXT: return "text";
	case NR_FORMAT_HTML: return "html";
	case NR_FORMAT_FEED: return "feed";
	case NR_FORMAT_NITF: return "nitf";
	case NR_FORMAT_JSONL: return "jsonl";
	}
	return "unknown";
}

int nr_format_parse(nr_format *out, const char *name)
{
	static const struct {
		const char *name;
		nr_format f;
	} names[] = {
		{ "auto", NR_FORMAT_AUTO }, { "text", NR_FORMAT_TEXT },
		{ "txt", NR_FORMAT_TEXT },  { "plain", NR_FORMAT_TEXT },
		{ "html", NR_FORMAT_HTML }, { "htm", NR_FORMAT_HTML },
		{ "feed", NR_FORMAT_FEED }, { "rss", NR_FORMAT_FEED },
		{ "atom", NR_FORMAT_FEED }, { "nitf", NR_FORMAT_NITF },
		{ "jsonl", NR_FORMAT_JSONL }, { "json", NR_FORMAT_JSONL },
		{ "ndjson", NR_FORMAT_JSONL },
	};
	if (!out || !name)
		return NR_EINVAL;
	for (size_t i = 0; i < NR_ARRAY_LEN(names); i++) {
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return NR_OK;
		}
	}
	return NR_EFORMAT;
}

/* Case-insensitive search for an ASCII needle in the first bytes. */
static bool head_has(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	if (len > 8192)
		len = 8192;
	for (size_t i = 0; i + n <= len; i++) {
		size_t k = 0;
		while (k < n && tolower((unsigned char)s[i + k]) == needle[k])
			k++;
		if (k == n)
			return true;
	}
	return false;
}

static const char *strstr_n(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return s + i + n - 1;
	return NULL;
}

static nr_format format_from_ext(const char *name)
{
	if (!name)
		return NR_FORMAT_AUTO;
	const char *dot = strrchr(name, '.');
	const char *slash = strrchr(name, '/');
	if (!dot || (slash && dot < slash))
		return NR_FORMAT_AUTO;
	dot++;
	if (!strcasecmp(dot, "html") || !strcasecmp(dot, "htm") || !strcasecmp(dot, "xhtml"))
		return NR_FORMAT_HTML;
	if (!strcasecmp(dot, "rss") || !strcasecmp(dot, "atom"))
		return NR_FORMAT_FEED;
	if (!strcasecmp(dot, "nitf"))
		return NR_FORMAT_NITF;
	if (!strcasecmp(dot, "jsonl") || !strcasecmp(dot, "ndjson") || !strcasecmp(dot, "json"))
		return NR_FORMAT_JSONL;
	if (!strcasecmp(dot, "txt") || !strcasecmp(dot, "text"))
		return NR_FORMAT_TEXT;
	return NR_FORMAT_AUTO;
}

/*
 * The name of the first element, past the XML declaration, comments,
 * processing instructions and a DOCTYPE (with its internal subset), within
 * the first 64 KiB. NULL when there is none in reach.
 */
static const char *root_element(const char *s, size_t len, size_t *namelen)
{
	if (len > 65536)
		len = 65536;
	size_t i = 0;
	while (i < len) {
		while (i < len && isspace((unsigned char)s[i]))
			i++;
		if (i + 1 >= len || s[i] != '<')
			return NULL;
		const char *end = NULL;
		if (s[i + 1] == '?') {
			end = strstr_n(s + i, len - i, "?>");
		} else if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			end = strstr_n(s + i, len - i, "-->");
		} else if (s[i + 1] == '!') {
			/* DOCTYPE: skip to the '>' that is outside the [...] subset. */
			int depth = 0;
			for (size_t k = i; k < len && !end; k++) {
				if (s[k] == '[')
					depth++;
				else if (s[k] == ']' && depth > 0)
					depth--;
				else if (s[k] == '>' && depth == 0)
					end = s + k;
			}
		} else {
			size_t k = i + 1;
			while (k < len && (isalnum((unsigned char)s[k]) || s[k] == ':' || s[k] == '-' ||
					   s[k] == '_' || s[k] == '.'))
				k++;
			*namelen = k - i - 1;
			return *namelen ? s + i + 1 : NULL;
		}
		if (!end)
			return NULL;
		i = (size_t)(end - s) + 1;
	}
	return NULL;
}

static bool name_is(const char *n, size_t len, const char *want)
{
	return strlen(want) == len && strncasecmp(n, want, len) == 0;
}

/*
 * Does the JSON value opening at s[i] look like JSON rather than prose?
 * News text often opens with a bracket ("[Updated 10:05] ...", "{Editor's
 * note}"), while a JSON object's first key is a string and an array holds
 * values.
 */
static bool json_opening(const unsigned char *s, size_t i, size_t len)
{
	unsigned char open = s[i++];
	while (i < len && isspace(s[i]))
		i++;
	if (i >= len)
		return true; /* a lone bracket: let the JSON reader say why */
	if (open == '{')
		return s[i] == '"' || s[i] == '}';
	return s[i] == '{' || s[i] == '[' || s[i] == ']' || s[i] == '"';
}

nr_format nr_format_detect(const char *data, size_t len, const char *name)
{
	size_t i = 0;
	const unsigned char *s = (const unsigned char *)data;
	if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
		i = 3;
	while (i < len && isspace(s[i]))
		i++;
	nr_format ext = format_from_ext(name);
	if (i < len && (s[i] == '{' || s[i] == '[') &&
	    (ext == NR_FORMAT_JSONL || json_opening(s, i, len)))
		return ext == NR_FORMAT_TEXT ? NR_FORMAT_TEXT : NR_FORMAT_JSONL;
	if (i < len && s[i] == '<') {
		const char *h = data + i;
		size_t hl = len - i;
		/* The root element decides when it is a known one: an HTML page
		 * may carry RDF licence metadata or quote "<rss" in its text. */
		size_t rl = 0;
		const char *root = root_element(h, hl, &rl);
		if (root) {
			const char *colon = memchr(root, ':', rl);
			const char *local = colon ? colon + 1 : root;
			size_t ll = colon ? rl - (size_t)(colon + 1 - root) : rl;
			if (name_is(local, ll, "rss") || name_is(local, ll, "rdf") ||
			    name_is(local, ll, "feed"))
				return NR_FORMAT_FEED;
			if (name_is(local, ll, "nitf"))
				return NR_FORMAT_NITF;
			if (name_is(local, ll, "html"))
				return NR_FORMAT_HTML;
		}
		if (head_has(h, hl, "<nitf"))
			return NR_FORMAT_NITF;
		if (head_has(h, hl, "<rss") || head_has(h, hl, "<rdf:rdf") ||
		    (head_has(h, hl, "<feed") && head_has(h, hl, "http://www.w3.org/2005/atom")))
			return NR_FORMAT_FEED;
		if (ext == NR_FORMAT_FEED || ext == NR_FORMAT_NITF)
			return ext;
		return NR_FORMAT_HTML;
	}
	if (ext == NR_FORMAT_HTML && head_has(data, len, "<"))
		return NR_FORMAT_HTML;
	return NR_FORMAT_TEXT;
}

bool nr_read__emit(nr_reader_ctx *ctx, nr_article *a)
{
	if (ctx->stop) {
		nr_article_free(a);
		return false;
	}
	nr_read_item item = { a, NR_OK, NULL, ctx->source, ctx->index++, ctx->format };
	if (ctx->cb(&item, ctx->payload) != 0) {
		ctx->stop = true;
		if (!ctx->first_error)
			ctx->first_error = NR_EABORT;
	}
	return !ctx->stop;
}

bool nr_read__fail(nr_reader_ctx *ctx, int code, const char *fmt, ...)
{
	if (ctx->stop)
		return false;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!ctx->first_error)
		ctx->first_error = code;
	nr_read_item item = { NULL, code, msg, ctx->source, ctx->index++, ctx->format };
	if (ctx->cb(&item, ctx->payload) != 0)
		ctx->stop = true;
	return !ctx->stop;
}

int nr_read__default_id(nr_reader_ctx *ctx, nr_article *a, bool multi)
{
	if (nr_article__has_meta(a, NR_META_ID))
		return NR_OK;
	const char *src = strcmp(ctx->source, "-") == 0 ? "stdin" : ctx->source;
	if (!multi)
		return nr_article__set_meta(a, NR_META_ID, src, strlen(src));
	char tail[32];
	int n = snprintf(tail, sizeof(tail), "#%zu", ctx->index + 1);
	nr_buf b = NR_BUF_INIT;
	nr_buf__puts(&b, src);
	nr_buf__put(&b, tail, (size_t)n);
	int rc = b.oom ? NR_ENOMEM : nr_article__set_meta(a, NR_META_ID, b.data, b.len);
	nr_buf__free(&b);
	return rc;
}

static bool only_space(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!isspace(c) && c != 0)
			return false;
	}
	/* A UTF-8 BOM alone is empty too. */
	return true;
}

int nr_read_buffer(const char *data, size_t len, const nr_read_options *opts,
		   nr_read_cb cb, void *payload)
{
	nr_read_options def = NR_READ_OPTIONS_INIT;
	if (!opts)
		opts = &def;
	if (!cb || (!data && len) || opts->version == 0 ||
	    opts->version > NR_READ_OPTIONS_VERSION)
		return NR_EINVAL;
	nr_reader_ctx ctx = { 0 };
	ctx.cb = cb;
	ctx.payload = payload;
	ctx.source = opts->name ? opts->name : "<buffer>";
	ctx.max_bytes = opts->max_bytes ? opts->max_bytes : NR_DEFAULT_MAX_BYTES;
	ctx.format = opts->format;
	if (!data)
		data = "";

	if (len > ctx.max_bytes) {
		nr_read__fail(&ctx, NR_ETOOBIG, "input is %zu bytes, over the %zu-byte limit",
			      len, ctx.max_bytes);
		return ctx.first_error;
	}
	size_t skip = (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
	if (only_space(data + skip, len - skip) &&
	    !(len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE))) {
		nr_read__fail(&ctx, NR_EEMPTY, len ? "input holds only whitespace"
						   : "input is empty");
		return ctx.first_error;
	}
	if (nr_utf8__looks_binary(data, len)) {
		nr_read__fail(&ctx, NR_EBINARY,
			      "input looks binary (NUL or control bytes), not text or markup");
		return ctx.first_error;
	}

	/* UTF-16 input is converted up front; everything below sees bytes
	 * that are UTF-8, Latin-1 or declared in markup. */
	nr_buf conv = NR_BUF_INIT;
	const unsigned char *u = (const unsigned char *)data;
	nr_encoding enc = len >= 2 && u[0] == 0xFF && u[1] == 0xFE   ? NR_ENC_UTF16LE
			  : len >= 2 && u[0] == 0xFE && u[1] == 0xFF ? NR_ENC_UTF16BE
								     : NR_ENC_UTF8;
	if (enc == NR_ENC_UTF16LE || enc == NR_ENC_UTF16BE) {
		nr_utf8__convert(&conv, data, len, enc);
		if (conv.oom) {
			nr_buf__free(&conv);
			nr_read__fail(&ctx, NR_ENOMEM, "out of memory converting UTF-16");
			return ctx.first_error;
		}
		data = conv.data ? conv.data : "";
		len = conv.len;
		/* The emptiness check above could not see through UTF-16. */
		if (only_space(data, len)) {
			nr_buf__free(&conv);
			nr_read__fail(&ctx, NR_EEMPTY, "input holds only whitespace");
			return ctx.first_error;
		}
	}

	if (ctx.format == NR_FORMAT_AUTO)
		ctx.format = nr_format_detect(data, len, opts->name);

	int rc;
	switch (ctx.format) {
	case NR_FORMAT_TEXT: rc = nr_reader_text__read(&ctx, data, len); break;
	case NR_FORMAT_HTML: rc = nr_reader_html__read(&ctx, data, len); break;
	case NR_FORMAT_FEED: rc = nr_reader_feed__read(&ctx, data, len); break;
	case NR_FORMAT_NITF: rc = nr_reader_nitf__read(&ctx, data, len); break;
	case NR_FORMAT_JSONL: rc = nr_reader_jsonl__read(&ctx, data, len); break;
	default: rc = NR_EFORMAT; break;
	}
	nr_buf__free(&conv);
	if (rc && !ctx.first_error)
		nr_read__fail(&ctx, rc, "%s", nr_strerror(rc));
	return ctx.first_error;
}

int nr_read_file(const char *path, const nr_read_options *opts, nr_read_cb cb,
		 void *payload)
{
	nr_read_options o = NR_READ_OPTIONS_INIT;
	if (opts)
		o = *opts;
	if (!path || !cb || o.version == 0 || o.version > NR_READ_OPTIONS_VERSION)
		return NR_EINVAL;
	if (!o.name)
		o.name = path;
	size_t cap = o.max_bytes ? o.max_bytes : NR_DEFAULT_MAX_BYTES;
	nr_reader_ctx ctx = { 0 };
	ctx.cb = cb;
	ctx.payload = payload;
	ctx.source = o.name;
	ctx.format = o.format;

	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		nr_read__fail(&ctx, NR_EIO, "cannot open: %s", strerror(errno));
		return ctx.first_error;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			if (!is_stdin)
				fclose(f);
			nr_read__fail(&ctx, NR_EIO, "is a directory");
			return ctx.first_error;
		}
		if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > cap) {
			if (!is_stdin)
				fclose(f);
			nr_read__fail(&ctx, NR_ETOOBIG,
				      "file is %jd bytes, over the %zu-byte limit",
				      (intmax_t)st.st_size, cap);
			return ctx.first_error;
		}
	}
	/* Read at most cap + 1 bytes: enough to tell a stream is too big
	 * without holding all of it. */
	nr_buf b = NR_BUF_INIT;
	int rc = NR_OK;
	for (;;) {
		if (!nr_buf__reserve(&b, 65536)) {
			rc = NR_ENOMEM;
			break;
		}
		size_t want = b.cap - b.len - 1;
		if (b.len + want > cap + 1)
			want = cap + 1 - b.len;
		size_t n = fread(b.data + b.len, 1, want, f);
		b.len += n;
		b.data[b.len] = '\0';
		if (b.len > cap)
			break;
		if (n < want) {
			if (ferror(f))
				rc = NR_EIO;
			break;
		}
	}
	int err = errno;
	if (!is_stdin)
		fclose(f);
	if (rc == NR_EIO) {
		nr_buf__free(&b);
		nr_read__fail(&ctx, NR_EIO, "read error: %s", strerror(err));
		return ctx.first_error;
	}
	if (rc == NR_ENOMEM || b.len > cap) {
		nr_buf__free(&b);
		if (rc == NR_ENOMEM)
			nr_read__fail(&ctx, NR_ENOMEM, "out of memory reading input");
		else
			nr_read__fail(&ctx, NR_ETOOBIG, "input is over the %zu-byte limit", cap);
		return ctx.first_error;
	}
	rc = nr_read_buffer(b.data ? b.data : "", b.len, &o, cb, payload);
	nr_buf__free(&b);
	return rc;
}
