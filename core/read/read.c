/* read.c - the reading entry points: a buffer or a file in, every article
 * or error record out through one callback. */
#include "read/read.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

/* Inputs no reader is asked about: too big, empty (or only blanks), or
 * binary. Reports the failure and returns its code, or NR_OK. */
static int refuse_input(nr_reader_ctx *ctx, const char *data, size_t len)
{
	if (len > ctx->max_bytes) {
		nr_read__fail(ctx, NR_ETOOBIG, "input is %zu bytes, over the %zu-byte limit", len,
			      ctx->max_bytes);
		return ctx->first_error;
	}
	size_t skip = (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
	if (only_space(data + skip, len - skip) &&
	    !(len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE))) {
		nr_read__fail(ctx, NR_EEMPTY,
			      len ? "input holds only whitespace" : "input is empty");
		return ctx->first_error;
	}
	if (nr_utf8__looks_binary(data, len)) {
		nr_read__fail(ctx, NR_EBINARY,
			      "input looks binary (NUL or control bytes), not text or markup");
		return ctx->first_error;
	}
	return NR_OK;
}

/* UTF-16 input (by its BOM) is converted up front into `conv`, and
 * *data, *len point at the result; everything below sees bytes that are
 * UTF-8, Latin-1 or declared in markup. */
static int decode_utf16(nr_reader_ctx *ctx, nr_buf *conv, const char **data, size_t *len)
{
	const unsigned char *u = (const unsigned char *)*data;
	nr_encoding enc = *len >= 2 && u[0] == 0xFF && u[1] == 0xFE   ? NR_ENC_UTF16LE
			  : *len >= 2 && u[0] == 0xFE && u[1] == 0xFF ? NR_ENC_UTF16BE
								      : NR_ENC_UTF8;
	if (enc == NR_ENC_UTF8)
		return NR_OK;
	nr_utf8__convert(conv, *data, *len, enc);
	if (conv->oom) {
		nr_read__fail(ctx, NR_ENOMEM, "out of memory converting UTF-16");
		return ctx->first_error;
	}
	*data = conv->data ? conv->data : "";
	*len = conv->len;
	/* The emptiness check could not see through UTF-16. */
	if (only_space(*data, *len)) {
		nr_read__fail(ctx, NR_EEMPTY, "input holds only whitespace");
		return ctx->first_error;
	}
	return NR_OK;
}

static int run_reader(nr_reader_ctx *ctx, const char *data, size_t len)
{
	switch (ctx->format) {
	case NR_FORMAT_TEXT: return nr_reader_text__read(ctx, data, len);
	case NR_FORMAT_HTML: return nr_reader_html__read(ctx, data, len);
	case NR_FORMAT_FEED: return nr_reader_feed__read(ctx, data, len);
	case NR_FORMAT_NITF: return nr_reader_nitf__read(ctx, data, len);
	case NR_FORMAT_JSONL: return nr_reader_jsonl__read(ctx, data, len);
	default: return NR_EFORMAT;
	}
}

int nr_read_buffer(const char *data, size_t len, const nr_read_options *opts, nr_read_cb cb,
		   void *payload)
{
	nr_read_options def = NR_READ_OPTIONS_INIT;
	if (!opts)
		opts = &def;
	if (!cb || (!data && len) || opts->version == 0 || opts->version > NR_READ_OPTIONS_VERSION)
		return NR_EINVAL;
	nr_reader_ctx ctx = { 0 };
	ctx.cb = cb;
	ctx.payload = payload;
	ctx.source = opts->name ? opts->name : "<buffer>";
	ctx.max_bytes = opts->max_bytes ? opts->max_bytes : NR_DEFAULT_MAX_BYTES;
	ctx.format = opts->format;
	if (!data)
		data = "";
	int rc = refuse_input(&ctx, data, len);
	if (rc)
		return rc;
	nr_buf conv = NR_BUF_INIT;
	rc = decode_utf16(&ctx, &conv, &data, &len);
	if (!rc) {
		if (ctx.format == NR_FORMAT_AUTO)
			ctx.format = nr_format_detect(data, len, opts->name);
		nr_xml__quiet(&ctx.quiet);
		rc = run_reader(&ctx, data, len);
		nr_xml__unquiet(&ctx.quiet);
		if (rc && !ctx.first_error)
			nr_read__fail(&ctx, rc, "%s", nr_strerror(rc));
		rc = ctx.first_error;
	}
	nr_buf__free(&conv);
	return rc;
}

/* Open a file (or stdin for "-") that is no directory and, when its size
 * is known, not over `cap`. Reports the failure and returns NULL. */
static FILE *open_input(nr_reader_ctx *ctx, const char *path, size_t cap)
{
	bool is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		nr_read__fail(ctx, NR_EIO, "cannot open: %s", strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) != 0)
		return f;
	if (S_ISDIR(st.st_mode)) {
		nr_read__fail(ctx, NR_EIO, "is a directory");
	} else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > cap) {
		nr_read__fail(ctx, NR_ETOOBIG, "file is %jd bytes, over the %zu-byte limit",
			      (intmax_t)st.st_size, cap);
	} else {
		return f;
	}
	if (!is_stdin)
		fclose(f);
	return NULL;
}

/* Read at most cap + 1 bytes: enough to tell a stream is too big
 * without holding all of it. NR_EIO (with *err the errno) or NR_ENOMEM
 * on failure. */
static int read_all(FILE *f, size_t cap, nr_buf *b, int *err)
{
	int rc = NR_OK;
	for (;;) {
		if (!nr_buf__reserve(b, 65536)) {
			rc = NR_ENOMEM;
			break;
		}
		size_t want = b->cap - b->len - 1;
		if (b->len + want > cap + 1)
			want = cap + 1 - b->len;
		size_t n = fread(b->data + b->len, 1, want, f);
		b->len += n;
		b->data[b->len] = '\0';
		if (b->len > cap)
			break;
		if (n < want) {
			if (ferror(f))
				rc = NR_EIO;
			break;
		}
	}
	*err = errno;
	return rc;
}

int nr_read_file(const char *path, const nr_read_options *opts, nr_read_cb cb, void *payload)
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

	FILE *f = open_input(&ctx, path, cap);
	if (!f)
		return ctx.first_error;
	nr_buf b = NR_BUF_INIT;
	int err;
	int rc = read_all(f, cap, &b, &err);
	if (f != stdin)
		fclose(f);
	if (rc == NR_EIO)
		nr_read__fail(&ctx, NR_EIO, "read error: %s", strerror(err));
	else if (rc == NR_ENOMEM)
		nr_read__fail(&ctx, NR_ENOMEM, "out of memory reading input");
	else if (b.len > cap)
		nr_read__fail(&ctx, NR_ETOOBIG, "input is over the %zu-byte limit", cap);
	else
		rc = nr_read_buffer(b.data ? b.data : "", b.len, &o, cb, payload);
	if (ctx.first_error)
		rc = ctx.first_error;
	nr_buf__free(&b);
	return rc;
}
