/*
 * source_stdin.c - `-`: a JSON Lines stream on stdin, read record by
 * record as it comes (poll() says when), each record scanned before the
 * stream ends. A record over --max-bytes is an error record and skipped
 * to its end; so is a record that is not JSON, and a last line cut off
 * by the end of the stream. Memory: the largest record.
 */
#include "watch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct watch_stdin {
	watch_ctx *ctx;
	int fd;
	char *buf;
	size_t len, cap;
	size_t record; /* 0-based number of the next record */
	size_t line;   /* 1-based line of the stream the record is on */
	bool skipping; /* inside a record over the cap */
	nr_read_options opts;
};

bool watch_stdin_new(watch_stdin **out, watch_ctx *ctx, int fd)
{
	watch_stdin *s = calloc(1, sizeof(*s));
	*out = s;
	if (!s)
		return false;
	s->ctx = ctx;
	s->fd = fd;
	s->opts = ctx->o.read;
	if (s->opts.format == NR_FORMAT_AUTO)
		s->opts.format = NR_FORMAT_JSONL;
	s->opts.name = "-";
	return true;
}

void watch_stdin_free(watch_stdin *s)
{
	if (!s)
		return;
	free(s->buf);
	free(s);
}

static size_t max_bytes(const watch_stdin *s)
{
	return s->opts.max_bytes ? s->opts.max_bytes : NR_DEFAULT_MAX_BYTES;
}

/* An error record about record `index` of stdin, on line s->line: as
 * scan reports it ("line N: reason"; the reader, handed one line, says
 * "line 1"). */
static void submit_error(watch_stdin *s, int code, const char *reason, size_t index)
{
	char msg[1024];
	if (!strncmp(reason, "line 1: ", 8))
		reason += 8;
	snprintf(msg, sizeof msg, "line %zu: %s", s->line, reason);
	nr_read_item item = { NULL, code, msg, "-", index, s->opts.format };
	char *js = NULL;
	nr_read_item_error_json(&item, &js);
	watch_submit(s->ctx, watch_error_item("-", msg, js), NULL);
	nr_free(js);
}

typedef struct rec_ctx {
	watch_stdin *s;
	size_t index;
} rec_ctx;

static int on_item(const nr_read_item *item, void *payload)
{
	rec_ctx *rc = payload;
	if (item->error) {
		submit_error(rc->s, item->error,
			     item->message ? item->message : nr_strerror(item->error), rc->index);
		return 0;
	}
	watch_item *it = calloc(1, sizeof(*it));
	if (it && (it->source = strdup("-")) != NULL) {
		it->article = item->article;
		watch_submit(rc->s->ctx, it, NULL);
	} else {
		free(it);
		nr_article_free(item->article);
		cli_error("watch: -: out of memory: record %zu not scanned", rc->index + 1);
	}
	return 0;
}

static void record(watch_stdin *s, const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
		i++;
	if (i == len)
		return; /* blank lines separate nothing */
	rec_ctx rc = { s, s->record++ };
	nr_read_buffer(line, len, &s->opts, on_item, &rc);
}

/* Hand over the complete lines in the buffer; keep the rest. */
static void split(watch_stdin *s)
{
	size_t start = 0;
	char *nl;
	while ((nl = memchr(s->buf + start, '\n', s->len - start)) != NULL) {
		size_t end = (size_t)(nl - s->buf);
		if (s->skipping) {
			s->skipping = false; /* its line was counted */
		} else {
			s->line++;
			record(s, s->buf + start, end - start);
		}
		start = end + 1;
	}
	memmove(s->buf, s->buf + start, s->len - start);
	s->len -= start;
	if (!s->skipping && s->len > max_bytes(s)) {
		char why[96];
		s->line++; /* the line it starts on; its newline not counted */
		snprintf(why, sizeof why, "record larger than --max-bytes (%zu bytes)",
			 max_bytes(s));
		submit_error(s, NR_ETOOBIG, why, s->record++);
		s->skipping = true;
	}
	if (s->skipping)
		s->len = 0;
}

bool watch_stdin_read(watch_stdin *s)
{
	if (s->cap - s->len < 65536) {
		size_t cap = s->cap ? s->cap * 2 : 131072;
		char *nb = realloc(s->buf, cap);
		if (!nb) {
			cli_error("watch: -: out of memory");
			return false;
		}
		s->buf = nb;
		s->cap = cap;
	}
	ssize_t n = read(s->fd, s->buf + s->len, s->cap - s->len);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return true;
	if (n < 0)
		cli_error("watch: -: %s", strerror(errno));
	if (n <= 0) {
		if (s->len && !s->skipping) {
			s->line++;
			record(s, s->buf, s->len);
		}
		s->len = 0;
		return false;
	}
	s->len += (size_t)n;
	split(s);
	return true;
}
