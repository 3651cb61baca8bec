/*
 * fuzz_reader_feed.c - libFuzzer target: any bytes read as feed must end in
 * articles or error records, without crashing, leaking or printing.
 */
#include "newsrules.h"

#include <stddef.h>
#include <stdint.h>

static int consume(const nr_read_item *item, void *payload)
{
	size_t *count = payload;
	(*count)++;
	if (item->article) {
		size_t len;
		const char *text = nr_article_text(item->article, &len);
		/* Touch what a rule would touch. */
		volatile char sink = len ? text[len - 1] : 0;
		(void)sink;
		(void)nr_article_title(item->article);
		(void)nr_article_extra_json(item->article);
		nr_article_free(item->article);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.format = NR_FORMAT_FEED;
	o.name = "fuzz";
	size_t count = 0;
	int rc = nr_read_buffer((const char *)data, size, &o, consume, &count);
	/* Every outcome is reported: at least one item, and a failure code
	 * only when some item failed. */
	if (count == 0 || rc > NR_OK || rc < NR_EABORT)
		__builtin_trap();
	return 0;
}
