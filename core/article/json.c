/* json.c - the article's own fields and error records as JSON (jansson
 * does all escaping); core/extract/json.c adds what the extractors found. */
#include "article/article.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void nr_free(void *p) { free(p); }

int nr_json__set_str(json_t *obj, const char *key, const char *val)
{
	json_t *v = val && val[0] ? json_stringn(val, strlen(val)) : json_null();
	if (!v)
		return NR_ENOMEM;
	return json_object_set_new(obj, key, v) ? NR_ENOMEM : NR_OK;
}

json_t *nr_json__span(size_t start, size_t end)
{
	return json_pack("{s:I,s:I}", "start", (json_int_t)start, "end", (json_int_t)end);
}

static const char *token_kind_name(nr_token_kind k)
{
	switch (k) {
	case NR_TOKEN_WORD: return "word";
	case NR_TOKEN_NUMBER: return "number";
	case NR_TOKEN_QUOTE: return "quote";
	case NR_TOKEN_PUNCT:
	default: return "punct";
	}
}

static int add_paragraphs(json_t *o, const nr_article *a)
{
	int rc = NR_OK;
	json_t *paras = json_array();
	for (size_t i = 0; paras && i < a->nparagraphs; i++)
		if (json_array_append_new(
			paras, nr_json__span(a->paragraphs[i].start, a->paragraphs[i].end)))
			rc = NR_ENOMEM;
	if (!paras || json_object_set_new(o, "paragraphs", paras))
		rc = NR_ENOMEM;
	return rc;
}

static int add_sentences(json_t *o, const nr_article *a)
{
	int rc = NR_OK;
	json_t *sents = json_array();
	for (size_t i = 0; sents && i < a->nsentences; i++) {
		const nr_sentence *s = &a->sentences[i];
		json_t *so = json_pack("{s:I,s:I,s:I}", "start", (json_int_t)s->start, "end",
				       (json_int_t)s->end, "paragraph", (json_int_t)s->paragraph);
		if (!so || json_array_append_new(sents, so))
			rc = NR_ENOMEM;
	}
	if (!sents || json_object_set_new(o, "sentences", sents))
		rc = NR_ENOMEM;
	return rc;
}

static int add_tokens(json_t *o, const nr_article *a)
{
	int rc = NR_OK;
	json_t *toks = json_array();
	for (size_t i = 0; toks && i < a->ntokens; i++) {
		const nr_token *t = &a->tokens[i];
		json_t *to = json_pack("{s:I,s:I,s:s}", "start", (json_int_t)t->start, "end",
				       (json_int_t)t->end, "kind",
				       token_kind_name((nr_token_kind)t->kind));
		if (!to || json_array_append_new(toks, to))
			rc = NR_ENOMEM;
	}
	if (!toks || json_object_set_new(o, "tokens", toks))
		rc = NR_ENOMEM;
	return rc;
}

int nr_article__json_begin(json_t **out, const nr_article *a, unsigned int flags)
{
	*out = NULL;
	json_t *o = json_object();
	if (!o)
		return NR_ENOMEM;
	int rc = NR_OK;
	rc |= nr_json__set_str(o, "id", a->id);
	rc |= nr_json__set_str(o, "format", nr_format_name(a->format));
	rc |= nr_json__set_str(o, "title", a->title);
	rc |= nr_json__set_str(o, "byline", a->byline);
	rc |= nr_json__set_str(o, "published", a->published);
	rc |= nr_json__set_str(o, "url", a->url);
	rc |= nr_json__set_str(o, "source", a->source);
	rc |= nr_json__set_str(o, "language", a->language);
	if (json_object_set_new(o, "text", json_stringn(a->text ? a->text : "", a->text_len)))
		rc = NR_ENOMEM;
	rc |= add_paragraphs(o, a);
	rc |= add_sentences(o, a);
	if (flags & NR_JSON_TOKENS)
		rc |= add_tokens(o, a);
	*out = o;
	return rc ? NR_ENOMEM : NR_OK;
}

int nr_article__json_end(json_t *o, const nr_article *a, unsigned int flags, char **out)
{
	int rc = NR_OK;
	if (a->extra_json) {
		json_error_t jerr;
		json_t *extra = json_loads(a->extra_json, 0, &jerr);
		if (extra && json_object_set_new(o, "extra", extra))
			rc = NR_ENOMEM;
	}

	if (!rc) {
		size_t jflags = JSON_PRESERVE_ORDER |
				((flags & NR_JSON_PRETTY) ? JSON_INDENT(2) : JSON_COMPACT);
		*out = json_dumps(o, jflags);
		if (!*out)
			rc = NR_ENOMEM;
	}
	json_decref(o);
	return rc ? NR_ENOMEM : NR_OK;
}

/* A JSON string from bytes that may not be UTF-8 (file names, messages
 * quoting them): invalid bytes become U+FFFD instead of failing. */
static json_t *repaired_string(const char *s)
{
	size_t len = strlen(s);
	if (nr_utf8__valid(s, len))
		return json_stringn(s, len);
	nr_buf b = NR_BUF_INIT;
	nr_utf8__convert(&b, s, len, NR_ENC_UTF8);
	json_t *v = b.oom ? NULL : json_stringn(b.data ? b.data : "", b.len);
	nr_buf__free(&b);
	return v;
}

int nr_read_item_error_json(const nr_read_item *item, char **out)
{
	if (!item || !out)
		return NR_EINVAL;
	*out = NULL;
	json_t *o = json_pack(
	    "{s:o*,s:s,s:o*,s:I,s:s}", "error",
	    repaired_string(item->message ? item->message : nr_strerror(item->error)), "code",
	    nr_strerror(item->error), "source", repaired_string(item->source ? item->source : ""),
	    "index", (json_int_t)item->index, "format", nr_format_name(item->format));
	if (!o)
		return NR_ENOMEM;
	*out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return *out ? NR_OK : NR_ENOMEM;
}
