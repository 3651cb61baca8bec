/*
 * reader_harness.h - the checks every reader's libFuzzer target makes: any
 * bytes must end as articles or error records (at least one, and a failure
 * code only when an item failed), with every span inside the text, without
 * crashing, leaking or printing. Each fuzz_reader_<format>.c defines
 * LLVMFuzzerTestOneInput by calling nr_fuzz_read() with its format.
 */
#ifndef NR_FUZZ_READER_HARNESS_H
#define NR_FUZZ_READER_HARNESS_H

#include "newsrules.h"

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void nr_fuzz_check_span(nr_span s, size_t len)
{
	if (s.start > s.end || s.end > len)
		__builtin_trap();
}

static int nr_fuzz_consume(const nr_read_item *item, void *payload)
{
	size_t *count = payload;
	(*count)++;
	if (!item->article) {
		if (item->error >= NR_OK || !item->message)
			__builtin_trap();
		return 0;
	}
	const nr_article *a = item->article;
	size_t len;
	const char *text = nr_article_text(a, &len);
	/* Touch what a rule would touch. */
	volatile char sink = len ? text[len - 1] : 0;
	(void)sink;
	(void)nr_article_title(a);
	(void)nr_article_extra_json(a);
	for (size_t i = 0; i < nr_article_paragraph_count(a); i++)
		nr_fuzz_check_span(nr_article_paragraph(a, i), len);
	for (size_t i = 0; i < nr_article_sentence_count(a); i++)
		nr_fuzz_check_span(nr_article_sentence(a, i), len);
	nr_article_free(item->article);
	return 0;
}

static int nr_fuzz_read(const uint8_t *data, size_t size, nr_format format)
{
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.format = format;
	o.name = "fuzz";
	size_t count = 0;
	int rc = nr_read_buffer((const char *)data, size, &o, nr_fuzz_consume, &count);
	if (count == 0 || rc > NR_OK || rc < NR_EABORT)
		__builtin_trap();
	return 0;
}

#endif
