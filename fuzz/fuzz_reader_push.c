/*
 * fuzz_reader_push.c - libFuzzer target for the push reader: the input's
 * first bytes choose the format, the cap and the chunk sizes, the rest is
 * pushed in those chunks. Every item (index, source, format, code,
 * message, id and text of an article) must be exactly what nr_read_buffer()
 * gives for the same bytes (but for the wording of a whole input over the
 * cap, whose size only a buffer knows), and push must never fail otherwise.
 */
#include "newsrules.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct trace {
	char *buf;
	size_t len, cap;
} trace;

static void put(trace *t, const void *s, size_t n)
{
	if (t->len + n + 1 > t->cap) {
		size_t cap = (t->len + n + 1) * 2;
		char *b = realloc(t->buf, cap);
		if (!b)
			__builtin_trap();
		t->buf = b;
		t->cap = cap;
	}
	memcpy(t->buf + t->len, s, n);
	t->len += n;
	t->buf[t->len] = '\0';
}

static int collect(const nr_read_item *item, void *payload)
{
	trace *t = payload;
	char head[64];
	int n = snprintf(head, sizeof(head), "%zu %d %d ", item->index, (int)item->format,
			 item->error);
	put(t, head, (size_t)n);
	put(t, item->source, strlen(item->source) + 1);
	if (item->article) {
		size_t len;
		const char *text = nr_article_text(item->article, &len);
		const char *id = nr_article_id(item->article);
		put(t, id, strlen(id) + 1);
		put(t, text, len + 1);
		nr_article_free(item->article);
	} else {
		if (item->error >= NR_OK || !item->message)
			__builtin_trap();
		/* A whole input over the cap: a buffer knows its size and says
		 * it ("input is N bytes, over ..."), a stream does not. */
		const char *m = item->message;
		if (item->error == NR_ETOOBIG && strncmp(m, "input is ", 9) == 0)
			m = "input over the cap";
		put(t, m, strlen(m) + 1);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	static const nr_format formats[] = { NR_FORMAT_AUTO, NR_FORMAT_JSONL, NR_FORMAT_TEXT,
					     NR_FORMAT_HTML, NR_FORMAT_FEED,  NR_FORMAT_AUTO };
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.format = formats[data[0] % 6];
	o.max_bytes = data[1] < 128 ? 0 : 16 + (size_t)data[1] * 8;
	o.name = "fuzz";
	unsigned seed = data[2];
	data += 3;
	size -= 3;

	trace whole = { 0 }, pushed = { 0 };
	int rc = nr_read_buffer((const char *)data, size, &o, collect, &whole);
	nr_reader *r;
	if (nr_reader_new(&r, &o, collect, &pushed) != NR_OK)
		__builtin_trap();
	for (size_t pos = 0; pos < size;) {
		/* Chunks of 1 to 64 bytes, from a generator the input seeds. */
		seed = seed * 1103515245u + 12345u;
		size_t n = 1 + (seed >> 16) % 64;
		if (n > size - pos)
			n = size - pos;
		if (nr_reader_push(r, data + pos, n) != NR_OK)
			__builtin_trap();
		pos += n;
	}
	int prc = nr_reader_finish(r);
	nr_reader_free(r);
	if (prc != rc || whole.len != pushed.len ||
	    (whole.len && memcmp(whole.buf, pushed.buf, whole.len) != 0))
		__builtin_trap();
	if (!whole.len)
		__builtin_trap(); /* every input ends as at least one item */
	free(whole.buf);
	free(pushed.buf);
	return 0;
}
