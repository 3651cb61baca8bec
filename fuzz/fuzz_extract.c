/*
 * fuzz_extract.c - libFuzzer target for extraction: any bytes, read as a
 * plain-text article, go through nr_article_analyze() and inspect's JSON.
 * Every entity, mention and quote span must lie inside the text, every
 * index must point at something that exists, and nothing may crash, leak
 * or print. One lexicon set serves every input, as in a real host.
 */
#include "newsrules.h"

#include <stdint.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static nr_lexicon *lexicons(void)
{
	static nr_lexicon *lex;
	if (!lex && nr_lexicon_new(&lex) != NR_OK)
		__builtin_trap();
	return lex;
}

static void check_span(nr_span s, size_t len)
{
	if (s.start > s.end || s.end > len)
		__builtin_trap();
}

static void check_entities(const nr_article *a, size_t len)
{
	size_t n = nr_article_entity_count(a);
	for (size_t i = 0; i < n; i++) {
		nr_entity_info e;
		if (nr_article_entity(a, i, &e) != NR_OK || !e.name || !e.name[0] || !e.title ||
		    !e.affiliation || e.mention_count == 0)
			__builtin_trap();
		for (size_t j = 0; j < e.mention_count; j++)
			check_span(nr_article_entity_mention(a, i, j), len);
	}
	nr_entity_info none;
	if (nr_article_entity(a, n, &none) != NR_EINVAL)
		__builtin_trap();
}

static void check_quotes(const nr_article *a, size_t len)
{
	size_t n = nr_article_quote_count(a), ns = nr_article_sentence_count(a);
	size_t ne = nr_article_entity_count(a);
	for (size_t i = 0; i < n; i++) {
		nr_quote_info q;
		if (nr_article_quote(a, i, &q) != NR_OK || !q.cue_lemma)
			__builtin_trap();
		check_span(q.content, len);
		check_span(q.speaker_span, len);
		check_span(q.cue, len);
		if (q.sentence >= ns || q.speaker_entity < -1 ||
		    (q.speaker_entity >= 0 && (size_t)q.speaker_entity >= ne))
			__builtin_trap();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nr_article *a;
	int rc = nr_article_from_text(&a, (const char *)data, size, NULL);
	if (rc != NR_OK) {
		if (rc != NR_EEMPTY && rc != NR_EBINARY && rc != NR_ETOOBIG && rc != NR_ENOMEM)
			__builtin_trap();
		return 0;
	}
	if (nr_article_analyze(a, lexicons()) != NR_OK || !nr_article_is_analyzed(a))
		__builtin_trap();
	size_t len;
	nr_article_text(a, &len);
	check_entities(a, len);
	check_quotes(a, len);
	char *json = NULL;
	if (nr_article_to_json(a, NR_JSON_TOKENS, &json) != NR_OK || !json)
		__builtin_trap();
	nr_free(json);
	nr_article_free(a);
	return 0;
}
