/* fuzz_reader_html.c - libFuzzer target: any bytes through the HTML
 * reader must end as articles or error records, without crashes, leaks
 * or output. */
#include "newsrules.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int consume(const nr_read_item *item, void *payload)
{
	size_t *count = payload;
	(*count)++;
	if (item->article) {
		/* Paragraph spans must lie inside the text. */
		size_t len;
		(void)nr_article_text(item->article, &len);
		size_t n = nr_article_paragraph_count(item->article);
		for (size_t i = 0; i < n; i++) {
			nr_span s = nr_article_paragraph(item->article, i);
			if (s.start > s.end || s.end > len)
				__builtin_trap();
		}
		nr_article_free(item->article);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nr_read_options opts = NR_READ_OPTIONS_INIT;
	opts.format = NR_FORMAT_HTML;
	opts.name = "fuzz";
	size_t count = 0;
	nr_read_buffer((const char *)data, size, &opts, consume, &count);
	/* One page is one article or one error, never nothing. */
	if (count != 1)
		__builtin_trap();
	return 0;
}
