/*
 * textwords.c - the words news.lexicon matches on: runs of letters and
 * digits joined by inner hyphens, compared up to ASCII case. An article's
 * words are split once, the first time a rule tests a lexicon on it, with
 * each word's hash, so that every later test of every rule on that
 * article looks words up instead of decoding and folding the text again.
 */
#define NR_CORE_BUILD 1
#include "article/article.h"
#include "lexicon/lexicon.h"

#include <stdlib.h>

/* An ASCII byte's answer without decoding: letters and digits, as
 * nr_uc__is_alpha and nr_uc__is_digit say below 0x80. */
static bool ascii_word_byte(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Is the character at s[pos] (pos < len) a word character, a letter or
 * digit of any script? Its length in *n. ASCII, most of news text, is
 * answered from the byte. */
static bool word_char_at(const char *s, size_t len, size_t pos, size_t *n)
{
	unsigned char c = (unsigned char)s[pos];
	if (c < 0x80) {
		*n = 1;
		return ascii_word_byte(c);
	}
	uint32_t cp;
	*n = nr_utf8__decode(s + pos, len - pos, &cp);
	return nr_uc__is_alpha(cp) || nr_uc__is_digit(cp);
}

bool nr_lexicon__next_word(const char *s, size_t len, size_t pos, size_t *ws, size_t *we)
{
	size_t n;
	while (pos < len) {
		if (word_char_at(s, len, pos, &n))
			break;
		pos += n;
	}
	if (pos >= len)
		return false;
	*ws = pos;
	while (pos < len) {
		if (word_char_at(s, len, pos, &n)) {
			pos += n;
			continue;
		}
		if (s[pos] == '-' && pos + 1 < len && word_char_at(s, len, pos + 1, &n)) {
			pos += 1;
			continue;
		}
		break;
	}
	*we = pos;
	return true;
}

uint32_t nr_lexicon__word_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		h ^= c;
		h *= 16777619u;
	}
	return h;
}

const nr_lexword *nr_lexicon__article_words(nr_article *a, size_t *n)
{
	if (a->lexwords || a->nlexwords == SIZE_MAX) {
		*n = a->lexwords ? a->nlexwords : 0;
		return a->lexwords;
	}
	const char *text = a->text ? a->text : "";
	size_t len = a->text_len, cap = len / 4 + 16, k = 0, pos = 0, ws, we;
	nr_lexword *v = malloc(cap * sizeof(*v));
	while (v && nr_lexicon__next_word(text, len, pos, &ws, &we)) {
		if (k == cap) {
			cap *= 2;
			nr_lexword *nv = realloc(v, cap * sizeof(*v));
			if (!nv) {
				free(v);
				v = NULL;
				break;
			}
			v = nv;
		}
		v[k].start = (uint32_t)ws;
		v[k].end = (uint32_t)we;
		v[k].hash = nr_lexicon__word_hash(text + ws, we - ws);
		k++;
		pos = we;
	}
	if (!v) {
		a->nlexwords = SIZE_MAX; /* out of memory: callers read the text */
		*n = 0;
		return NULL;
	}
	a->lexwords = v;
	a->nlexwords = k;
	*n = k;
	return v;
}
