/*
 * source_stdin.c - `-`: a stream on stdin (JSON Lines, or RS-framed
 * records of any format), read as it comes (poll() says when) through the
 * library's push reader: each record is scanned before the stream ends,
 * memory is O(the largest record), --max-bytes caps one record. Records
 * that cannot be read are error records, as `scan -` gives them; the
 * stream goes on.
 */
#include "watch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHUNK 65536

struct watch_stdin {
	watch_ctx *ctx;
	int fd;
	nr_reader *r;
	char *buf;
};

static int on_item(const nr_read_item *item, void *payload)
{
	watch_ctx *ctx = payload;
	watch_item *it = watch_item_from_read(item, NULL);
	if (!it)
		cli_error("watch: -: out of memory: record %zu not scanned", item->index + 1);
	watch_submit(ctx, it, NULL);
	return 0;
}

bool watch_stdin_new(watch_stdin **out, watch_ctx *ctx, int fd)
{
	watch_stdin *s = calloc(1, sizeof(*s));
	*out = s;
	if (!s || !(s->buf = malloc(CHUNK))) {
		cli_error("out of memory");
		return false;
	}
	s->ctx = ctx;
	s->fd = fd;
	nr_read_options o = ctx->o.read;
	o.name = "-";
	int rc = nr_reader_new(&s->r, &o, on_item, ctx);
	if (rc != NR_OK) {
		cli_error("watch: -: %s", nr_strerror(rc));
		return false;
	}
	return true;
}

void watch_stdin_free(watch_stdin *s)
{
	if (!s)
		return;
	nr_reader_free(s->r);
	free(s->buf);
	free(s);
}

bool watch_stdin_read(watch_stdin *s)
{
	ssize_t n = read(s->fd, s->buf, CHUNK);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n < 0)
		cli_error("watch: -: %s", strerror(errno));
	if (n <= 0) {
		nr_reader_finish(s->r);
		return false;
	}
	nr_reader_push(s->r, s->buf, (size_t)n);
	return true;
}
