/* context.c - the reader context: how every reader hands over a finished
 * article or reports a failure, so that each input ends as articles or
 * error records. */
#include "read/read.h"
#include "segment/segment.h"

#include <stdio.h>
#include <string.h>

int nr_read__finish(nr_article *a)
{
	int rc = nr_article__finish(a);
	return rc ? rc : nr_segment__run(a);
}

/* The caller's callback runs with the caller's libxml2 handlers. */
static int call_back(nr_reader_ctx *ctx, const nr_read_item *item)
{
	bool quiet = ctx->quiet.active;
	nr_xml__unquiet(&ctx->quiet);
	int r = ctx->cb(item, ctx->payload);
	if (quiet)
		nr_xml__quiet(&ctx->quiet);
	return r;
}

bool nr_read__emit(nr_reader_ctx *ctx, nr_article *a)
{
	if (ctx->stop) {
		nr_article_free(a);
		return false;
	}
	nr_read_item item = { a, NR_OK, NULL, ctx->source, ctx->index++, ctx->format };
	if (call_back(ctx, &item) != 0) {
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
	size_t off = 0;
	if (ctx->prefix) {
		int n = snprintf(msg, sizeof(msg), "%s", ctx->prefix);
		off = n > 0 && (size_t)n < sizeof(msg) ? (size_t)n : 0;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg + off, sizeof(msg) - off, fmt, ap);
	va_end(ap);
	ctx->failures++;
	if (!ctx->first_error)
		ctx->first_error = code;
	nr_read_item item = { NULL, code, msg, ctx->source, ctx->index++, ctx->format };
	if (call_back(ctx, &item) != 0)
		ctx->stop = true;
	return !ctx->stop;
}

int nr_read__default_id(nr_reader_ctx *ctx, nr_article *a, bool multi)
{
	if (nr_article__has_meta(a, NR_META_ID))
		return NR_OK;
	const char *src = strcmp(ctx->source, "-") == 0 ? "stdin" : ctx->source;
	if (!multi && !ctx->framed)
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
