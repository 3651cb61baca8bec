/*
 * segment.c - tokens and sentences over an article's finished text.
 *
 * Each paragraph is handled on its own, in two linear passes over data that
 * stays in cache: a tokeniser over the bytes (tokens.c), then a boundary
 * pass over the paragraph's tokens (sentences.c). No regexes, no allocation
 * per token: the token and sentence arrays grow geometrically. The words
 * the boundary decisions know (abbreviations, sentence openers, verbs of
 * saying) are lexicon data, word_classes.tsv.
 */
#include "segment/segment_int.h"

#include "lexicon/lexicon.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

/* The WORD_* classes, by bit, as word_classes.tsv names them. */
static const char *const word_class_names[] = {
	"abbr_never_ends", "abbr_may_end", "abbr_numeric", "sentence_opener", "saying_verb",
};

/*
 * Every word of a paragraph that may end a sentence is looked up, so the
 * classes are a word set built once per process, on the first run, and
 * only read after. A failed build (memory) is tried again on the next
 * run rather than remembered: until it succeeds, runs fail.
 */
static nr_wordset word_set;
static atomic_bool word_set_ready;
static pthread_mutex_t word_set_lock = PTHREAD_MUTEX_INITIALIZER;

static int word_set_build(void)
{
	if (atomic_load_explicit(&word_set_ready, memory_order_acquire))
		return NR_OK;
	int rc = NR_OK;
	pthread_mutex_lock(&word_set_lock);
	if (!atomic_load_explicit(&word_set_ready, memory_order_relaxed)) {
		rc = nr_lexicon__class_set(&word_set, word_class_names,
					   NR_ARRAY_LEN(word_class_names), NULL);
		if (rc == NR_OK)
			atomic_store_explicit(&word_set_ready, true, memory_order_release);
	}
	pthread_mutex_unlock(&word_set_lock);
	return rc;
}

uint32_t nr_segment__word_class(const char *s, size_t len)
{
	return nr_wordset__get(&word_set, s, len);
}

int nr_segment__run(nr_article *a)
{
	free(a->tokens);
	free(a->sentences);
	a->tokens = NULL;
	a->sentences = NULL;
	a->ntokens = a->nsentences = 0;
	if (!a->text || a->nparagraphs == 0)
		return NR_OK;
	int rc = word_set_build();
	if (rc != NR_OK)
		return rc;

	seg_ctx c = { .a = a, .t = a->text };
	/* News prose averages about six bytes a token and 120 a sentence;
	 * starting near that avoids most regrowth. */
	c.cap_tokens = a->text_len / 5 + 16;
	c.cap_sentences = a->text_len / 100 + a->nparagraphs + 4;
	a->tokens = malloc(c.cap_tokens * sizeof(nr_token));
	a->sentences = malloc(c.cap_sentences * sizeof(nr_sentence));
	if (!a->tokens || !a->sentences)
		goto oom;

	for (size_t p = 0; p < a->nparagraphs; p++) {
		size_t t0 = a->ntokens;
		if (!nr_segment__tokenize_paragraph(&c, a->paragraphs[p].start,
						    a->paragraphs[p].end))
			goto oom;
		if (!nr_segment__split_paragraph(&c, p, t0, a->ntokens))
			goto oom;
	}
	return NR_OK;

oom:
	free(a->tokens);
	free(a->sentences);
	a->tokens = NULL;
	a->sentences = NULL;
	a->ntokens = a->nsentences = 0;
	return NR_ENOMEM;
}
