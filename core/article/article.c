/* article.c - the article model: metadata, clean text, and the spans the
 * segmenter computes over it. */
#include "article/article.h"

#include <stdlib.h>
#include <string.h>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CLEAN_SWAR 1
#define SWAR_ONES 0x0101010101010101ull
#define SWAR_HIGH 0x8080808080808080ull

/* 0x80 in each byte of w that lies in [lo, hi] (both below 0x80). */
static inline uint64_t swar_in(uint64_t w, unsigned lo, unsigned hi)
{
	uint64_t x = w & ~SWAR_HIGH;
	return (x + SWAR_ONES * (0x80u - lo)) & ~(x + SWAR_ONES * (0x7fu - hi)) & ~w & SWAR_HIGH;
}
#endif

void nr_text__clean_append(nr_buf *out, const char *s, size_t len)
{
	size_t base = out->len;
	bool space = false;
	size_t i = 0;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x21 && c < 0x7F) {
			/* Fast path: printable ASCII with single spaces between
			 * words, most of any news text, is copied in one go. */
			size_t j = i + 1;
#ifdef CLEAN_SWAR
			/* Eight bytes at a time while each is printable or a
			 * space before a printable byte, which is what the loop
			 * below takes. */
			while (j + 9 <= len) {
				uint64_t w, nx;
				memcpy(&w, s + j, 8);
				memcpy(&nx, s + j + 1, 8);
				uint64_t ok = swar_in(w, 0x21, 0x7E) |
					      (swar_in(w, 0x20, 0x20) & swar_in(nx, 0x21, 0x7E));
				if (ok != SWAR_HIGH)
					break;
				j += 8;
			}
#endif
			while (j < len) {
				unsigned char d = (unsigned char)s[j];
				if (d >= 0x21 && d < 0x7F) {
					j++;
				} else if (d == ' ' && j + 1 < len &&
					   (unsigned char)s[j + 1] >= 0x21 &&
					   (unsigned char)s[j + 1] < 0x7F) {
					j += 2;
				} else {
					break;
				}
			}
			if (space && out->len > base)
				nr_buf__putc(out, ' ');
			space = false;
			nr_buf__put(out, s + i, j - i);
			i = j;
			continue;
		}
		uint32_t cp;
		size_t n = nr_utf8__decode(s + i, len - i, &cp);
		i += n;
		if (nr_uc__is_space(cp)) {
			space = true;
			continue;
		}
		if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || nr_uc__is_invisible(cp))
			continue;
		if (space && out->len > base)
			nr_buf__putc(out, ' ');
		space = false;
		if (n == 1 && cp == NR_REPLACEMENT)
			nr_utf8__encode(out, cp);
		else
			nr_buf__put(out, s + i - n, n);
	}
}

int nr_article__new(nr_article **out, nr_format format)
{
	*out = NULL;
	nr_article *a = calloc(1, sizeof(*a));
	if (!a)
		return NR_ENOMEM;
	nr_arena__init(&a->arena);
	a->format = format;
	a->id = a->title = a->byline = a->published = a->url = a->source = a->language = "";
	a->text = NULL;
	*out = a;
	return NR_OK;
}

void nr_article_free(nr_article *a)
{
	if (!a)
		return;
	nr_buf__free(&a->body);
	free(a->extra_json);
	free(a->extra_alert);
	free(a->paragraphs);
	free(a->sentences);
	free(a->tokens);
	free(a->lexwords);
	free(a->text);
	nr_arena__free(&a->arena);
	free(a);
}

static const char **meta_slot(nr_article *a, nr_meta field)
{
	switch (field) {
	case NR_META_ID: return &a->id;
	case NR_META_TITLE: return &a->title;
	case NR_META_BYLINE: return &a->byline;
	case NR_META_PUBLISHED: return &a->published;
	case NR_META_URL: return &a->url;
	case NR_META_SOURCE: return &a->source;
	case NR_META_LANGUAGE: return &a->language;
	}
	return NULL;
}

int nr_article__set_meta(nr_article *a, nr_meta field, const char *s, size_t len)
{
	const char **slot = meta_slot(a, field);
	if (!slot)
		return NR_EINVAL;
	nr_buf b = NR_BUF_INIT;
	nr_text__clean_append(&b, s, len);
	if (b.oom) {
		nr_buf__free(&b);
		return NR_ENOMEM;
	}
	if (b.len == 0) {
		nr_buf__free(&b);
		return NR_OK;
	}
	char *copy = nr_arena__strndup(&a->arena, b.data, b.len);
	nr_buf__free(&b);
	if (!copy)
		return NR_ENOMEM;
	*slot = copy;
	return NR_OK;
}

bool nr_article__has_meta(const nr_article *a, nr_meta field)
{
	const char **slot = meta_slot((nr_article *)a, field);
	return slot && (*slot)[0] != '\0';
}

int nr_article__add_paragraph(nr_article *a, const char *s, size_t len)
{
	if (a->text)
		return NR_EINVAL;
	size_t before = a->body.len;
	if (before)
		nr_buf__put(&a->body, "\n\n", 2);
	size_t start = a->body.len;
	nr_text__clean_append(&a->body, s, len);
	if (a->body.oom)
		return NR_ENOMEM;
	if (a->body.len == start) {
		/* Nothing visible: undo the separator. */
		a->body.len = before;
		if (a->body.data)
			a->body.data[before] = '\0';
		return NR_OK;
	}
	if (a->body.len > UINT32_MAX)
		return NR_ETOOBIG;
	if (a->nparagraphs == a->cap_paragraphs &&
	    !nr__grow((void **)&a->paragraphs, &a->cap_paragraphs, sizeof(nr_pspan), 16))
		return NR_ENOMEM;
	a->paragraphs[a->nparagraphs].start = (uint32_t)start;
	a->paragraphs[a->nparagraphs].end = (uint32_t)a->body.len;
	a->nparagraphs++;
	return NR_OK;
}

int nr_article__finish(nr_article *a)
{
	if (a->text)
		return NR_OK;
	a->text = nr_buf__detach(&a->body, &a->text_len);
	return a->text ? NR_OK : NR_ENOMEM;
}

const char *nr_article_id(const nr_article *a) { return a->id; }
const char *nr_article_title(const nr_article *a) { return a->title; }
const char *nr_article_byline(const nr_article *a) { return a->byline; }
const char *nr_article_published(const nr_article *a) { return a->published; }
const char *nr_article_url(const nr_article *a) { return a->url; }
const char *nr_article_source(const nr_article *a) { return a->source; }
const char *nr_article_language(const nr_article *a) { return a->language; }
nr_format nr_article_format(const nr_article *a) { return a->format; }
const char *nr_article_extra_json(const nr_article *a) { return a->extra_json; }

const char *nr_article_text(const nr_article *a, size_t *len)
{
	if (len)
		*len = a->text_len;
	return a->text ? a->text : "";
}

size_t nr_article_paragraph_count(const nr_article *a) { return a->nparagraphs; }

nr_span nr_article_paragraph(const nr_article *a, size_t i)
{
	nr_span s = { 0, 0 };
	if (i < a->nparagraphs) {
		s.start = a->paragraphs[i].start;
		s.end = a->paragraphs[i].end;
	}
	return s;
}

size_t nr_article_sentence_count(const nr_article *a) { return a->nsentences; }

nr_span nr_article_sentence(const nr_article *a, size_t i)
{
	nr_span s = { 0, 0 };
	if (i < a->nsentences) {
		s.start = a->sentences[i].start;
		s.end = a->sentences[i].end;
	}
	return s;
}

size_t nr_article_sentence_paragraph(const nr_article *a, size_t i)
{
	return i < a->nsentences ? a->sentences[i].paragraph : 0;
}

size_t nr_article_sentence_tokens(const nr_article *a, size_t i, size_t *count)
{
	if (i >= a->nsentences) {
		if (count)
			*count = 0;
		return 0;
	}
	if (count)
		*count = a->sentences[i].ntokens;
	return a->sentences[i].first_token;
}

size_t nr_article_token_count(const nr_article *a) { return a->ntokens; }

nr_span nr_article_token(const nr_article *a, size_t i, nr_token_kind *kind)
{
	nr_span s = { 0, 0 };
	if (i < a->ntokens) {
		s.start = a->tokens[i].start;
		s.end = a->tokens[i].end;
		if (kind)
			*kind = (nr_token_kind)a->tokens[i].kind;
	} else if (kind) {
		*kind = NR_TOKEN_PUNCT;
	}
	return s;
}
