/*
 * wordset.c - a set of words, each with class bits: built once (from the
 * lexicon data, say), then only read, by any number of threads. For the
 * closed word classes a stage tests words against many times (the
 * segmenter's abbreviations and sentence openers), where a full lexicon
 * set with its folding would be more than the question needs.
 */
#include "base/base.h"

#include <stdlib.h>
#include <string.h>

struct nr_wordset_word {
	const char *s; /* in the set's arena */
	uint32_t len;
	uint32_t hash; /* nr_hash__fold(s, len): every case of a word alike */
	uint32_t bits;
	bool exact; /* matches only in this case */
};

void nr_wordset__init(nr_wordset *ws)
{
	memset(ws, 0, sizeof(*ws));
	nr_arena__init(&ws->strings);
}

void nr_wordset__free(nr_wordset *ws)
{
	if (!ws)
		return;
	free(ws->words);
	free(ws->slots);
	nr_arena__free(&ws->strings);
	nr_wordset__init(ws);
}

/* Equal up to the case of ASCII letters (not the C library's, whose
 * idea of case follows the locale of the process we are a guest in). */
static bool equal_ascii_ci(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char x = (unsigned char)a[i], y = (unsigned char)b[i];
		if (x != y && ((x | 0x20u) != (y | 0x20u) || (unsigned)((x | 0x20u) - 'a') >= 26u))
			return false;
	}
	return true;
}

static bool word_matches(const nr_wordset_word *w, const char *s, size_t len, uint32_t h)
{
	if (w->hash != h || w->len != len)
		return false;
	return w->exact ? memcmp(w->s, s, len) == 0 : equal_ascii_ci(w->s, s, len);
}

/* Slots at most half full, so that probes stay short. */
static bool rehash_slots(nr_wordset *ws, size_t nslots)
{
	uint32_t *slots = calloc(nslots, sizeof(*slots));
	if (!slots)
		return false;
	for (size_t i = 0; i < ws->nwords; i++) {
		size_t j = ws->words[i].hash & (nslots - 1);
		while (slots[j])
			j = (j + 1) & (nslots - 1);
		slots[j] = (uint32_t)(i + 1);
	}
	free(ws->slots);
	ws->slots = slots;
	ws->nslots = nslots;
	return true;
}

bool nr_wordset__add(nr_wordset *ws, const char *s, size_t len, bool exact, uint32_t bits)
{
	if (len == 0 || len > UINT32_MAX || ws->nwords >= UINT32_MAX / 2)
		return false;
	uint32_t h = nr_hash__fold(s, len);
	/* The same word under the same case rule again: one word, both bits. */
	for (size_t j = h & (ws->nslots - 1); ws->nslots && ws->slots[j];
	     j = (j + 1) & (ws->nslots - 1)) {
		nr_wordset_word *w = &ws->words[ws->slots[j] - 1];
		if (w->exact == exact && w->hash == h && w->len == len &&
		    memcmp(w->s, s, len) == 0) {
			w->bits |= bits;
			return true;
		}
	}
	if (ws->nwords == ws->cap &&
	    !nr__grow((void **)&ws->words, &ws->cap, sizeof(*ws->words), 64))
		return false;
	if ((ws->nwords + 1) * 2 > ws->nslots &&
	    !rehash_slots(ws, ws->nslots ? ws->nslots * 2 : 128))
		return false;
	char *copy = nr_arena__strndup(&ws->strings, s, len);
	if (!copy)
		return false;
	nr_wordset_word *w = &ws->words[ws->nwords++];
	*w = (nr_wordset_word){ copy, (uint32_t)len, h, bits, exact };
	size_t j = h & (ws->nslots - 1);
	while (ws->slots[j])
		j = (j + 1) & (ws->nslots - 1);
	ws->slots[j] = (uint32_t)ws->nwords;
	return true;
}

uint32_t nr_wordset__get(const nr_wordset *ws, const char *s, size_t len)
{
	if (!ws->nslots || len == 0)
		return 0;
	uint32_t h = nr_hash__fold(s, len), bits = 0;
	/* Every word that matches counts: "No" may be listed exactly and
	 * "no" in any case, with different classes. */
	for (size_t j = h & (ws->nslots - 1); ws->slots[j]; j = (j + 1) & (ws->nslots - 1)) {
		const nr_wordset_word *w = &ws->words[ws->slots[j] - 1];
		if (word_matches(w, s, len, h))
			bits |= w->bits;
	}
	return bits;
}
