/* read.c - the reading entry points: a buffer or a file in, every article
 * or error record out through one callback. */
#include "read/read.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

bool nr_read__binary(const char *data, size_t len) { return nr_utf8__looks_binary(data, len); }

/* Inputs no reader is asked about: empty (or only blanks), or binary.
 * Reports the failure and returns its code, or NR_OK. */
static int refuse_input(nr_reader_ctx *ctx, const char *data, size_t len)
{
	size_t skip = (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
	if (only_space(data + skip, len - skip) &&
	    !(len >= 2 && ((unsigned char)data[0] == 0xFF || (unsigned char)data[0] == 0xFE))) {
		nr_read__fail(ctx, NR_EEMPTY,
			      len ? "input holds only whitespace" : "input is empty");
		return NR_EEMPTY;
	}
	if (nr_utf8__looks_binary(data, len)) {
		nr_read__fail(ctx, NR_EBINARY,
			      "input looks binary (NUL or control bytes), not text or markup");
		return NR_EBINARY;
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
		return NR_ENOMEM;
	}
	*data = conv->data ? conv->data : "";
	*len = conv->len;
	/* The emptiness check could not see through UTF-16. */
	if (only_space(*data, *len)) {
		nr_read__fail(ctx, NR_EEMPTY, "input holds only whitespace");
		return NR_EEMPTY;
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

int nr_read__bytes(nr_reader_ctx *ctx, const char *data, size_t len, const char *name)
{
	size_t failures = ctx->failures;
	int rc = refuse_input(ctx, data, len);
	if (rc)
		return rc;
	nr_buf conv = NR_BUF_INIT;
	rc = decode_utf16(ctx, &conv, &data, &len);
	if (!rc) {
		if (ctx->format == NR_FORMAT_AUTO)
			ctx->format = nr_format_detect(data, len, name);
		rc = run_reader(ctx, data, len);
		if (rc && ctx->failures == failures)
			nr_read__fail(ctx, rc, "%s", nr_strerror(rc));
	}
	nr_buf__free(&conv);
	return rc;
}

/* Push everything `fd` holds into `r`, then finish. A read error is an
 * error item; a refused input is not read further when it is a file. */
static int pump(nr_reader *r, int fd, bool regular)
{
	enum { CHUNK = 65536 };
	char *chunk = malloc(CHUNK);
	int rc = chunk ? NR_OK : NR_ENOMEM;
	while (!rc) {
		ssize_t n = read(fd, chunk, CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			nr_reader__fail_io(r, errno);
			break;
		}
		if (n == 0)
			break;
		int prc = nr_reader_push(r, chunk, (size_t)n);
		if (prc == NR_EABORT || (regular && nr_reader__refused(r)))
			break;
		if (prc == NR_ENOMEM)
			rc = prc;
	}
	free(chunk);
	int frc = nr_reader_finish(r);
	return frc ? frc : rc;
}

int nr_read_fd(int fd, const nr_read_options *opts, nr_read_cb cb, void *payload)
{
	nr_read_options o = NR_READ_OPTIONS_INIT;
	if (opts)
		o = *opts;
	char name[32];
	if (!o.name) {
		snprintf(name, sizeof(name), fd == 0 ? "-" : "<fd %d>", fd);
		o.name = name;
	}
	if (fd < 0 || !cb)
		return NR_EINVAL;
	nr_reader *r;
	int rc = nr_reader_new(&r, &o, cb, payload);
	if (rc)
		return rc;
	struct stat st;
	bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (regular)
		nr_reader__set_size(r, (uintmax_t)st.st_size);
	rc = pump(r, fd, regular);
	nr_reader_free(r);
	return rc;
}

/* One error item for a file that cannot be read at all. */
static int file_fails(const char *source, nr_format format, int code, const char *why,
		      nr_read_cb cb, void *payload)
{
	nr_reader_ctx ctx = { 0 };
	ctx.cb = cb;
	ctx.payload = payload;
	ctx.source = source;
	ctx.format = format;
	nr_read__fail(&ctx, code, "%s", why);
	return code;
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
	if (strcmp(path, "-") == 0)
		return nr_read_fd(0, &o, cb, payload);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		char why[300];
		snprintf(why, sizeof(why), "cannot open: %s", strerror(errno));
		return file_fails(o.name, o.format, NR_EIO, why, cb, payload);
	}
	struct stat st;
	int rc;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
		rc = file_fails(o.name, o.format, NR_EIO, "is a directory", cb, payload);
	else
		rc = nr_read_fd(fd, &o, cb, payload);
	close(fd);
	return rc;
}
