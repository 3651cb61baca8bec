/* json.c - articles and error records as JSON (jansson does all escaping). */
#include "extract.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

void nr_free(void *p)
{
	free(p);
}

static int set_str(json_t *obj, const char *key, const char *val)
{
	json_t *v = val && val[0] ? json_stringn(val, strlen(val)) : json_null();
	if (!v)
		return NR_ENOMEM;
	return json_object_set_new(obj, key, v) ? NR_ENOMEM : NR_OK;
}

static json_t *span_obj(size_t start, size_t end)
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

int nr_article_to_json(const nr_article *a, unsigned int flags, char **out)
{
	if (!a || !out)
		return NR_EINVAL;
	*out = NULL;
	json_t *o = json_object();
	if (!o)
		return NR_ENOMEM;
	int rc = NR_OK;
	rc |= set_str(o, "id", a->id);
	rc |= set_str(o, "format", nr_format_name(a->format));
	rc |= set_str(o, "title", a->title);
	rc |= set_str(o, "byline", a->byline);
	rc |= set_str(o, "published", a->published);
	rc |= set_str(o, "url", a->url);
	rc |= set_str(o, "source", a->source);
	rc |= set_str(o, "language", a->language);
	if (json_object_set_new(o, "text", json_stringn(a->text ? a->text : "", a->text_len)))
		rc = NR_ENOMEM;

	json_t *paras = json_array();
	for (size_t i = 0; paras && i < a->nparagraphs; i++)
		if (json_array_append_new(paras, span_obj(a->paragraphs[i].start,
							   a->paragraphs[i].end)))
			rc = NR_ENOMEM;
	if (!paras || json_object_set_new(o, "paragraphs", paras))
		rc = NR_ENOMEM;

	json_t *sents = json_array();
	for (size_t i = 0; sents && i < a->nsentences; i++) {
		const nr_sentence *s = &a->sentences[i];
		json_t *so = json_pack("{s:I,s:I,s:I}", "start", (json_int_t)s->start,
				       "end", (json_int_t)s->end, "paragraph",
				       (json_int_t)s->paragraph);
		if (!so || json_array_append_new(sents, so))
			rc = NR_ENOMEM;
	}
	if (!sents || json_object_set_new(o, "sentences", sents))
		rc = NR_ENOMEM;

	if (flags & NR_JSON_TOKENS) {
		json_t *toks = json_array();
		for (size_t i = 0; toks && i < a->ntokens; i++) {
			const nr_token *t = &a->tokens[i];
			json_t *to = json_pack("{s:I,s:I,s:s}", "start", (json_int_t)t->start,
					       "end", (json_int_t)t->end, "kind",
					       token_kind_name((nr_token_kind)t->kind));
			if (!to || json_array_append_new(toks, to))
				rc = NR_ENOMEM;
		}
		if (!toks || json_object_set_new(o, "tokens", toks))
			rc = NR_ENOMEM;
	}

	if (a->analyzed) {
		json_t *ents = json_array();
		for (size_t i = 0; ents && i < a->nentities; i++) {
			const nr_entity *e = &a->entities[i];
			json_t *eo = json_object();
			json_t *ms = json_array();
			if (!eo || !ms) {
				json_decref(eo);
				json_decref(ms);
				rc = NR_ENOMEM;
				break;
			}
			rc |= set_str(eo, "name", e->name);
			rc |= set_str(eo, "type", nr_entity_type_name((nr_entity_type)e->type));
			rc |= set_str(eo, "title", e->title);
			rc |= set_str(eo, "affiliation", e->affiliation);
			if (json_object_set_new(eo, "official", json_boolean(e->official)))
				rc = NR_ENOMEM;
			for (uint32_t j = 0; j < e->nmentions; j++) {
				const nr_mention *m = &a->mentions[e->mentions[j]];
				json_t *mo = span_obj(m->start, m->end);
				if (!mo || json_object_set_new(mo, "text", json_stringn(a->text + m->start,
											m->end - m->start)) ||
				    json_array_append_new(ms, mo))
					rc = NR_ENOMEM;
			}
			if (json_object_set_new(eo, "mentions", ms) || json_array_append_new(ents, eo))
				rc = NR_ENOMEM;
		}
		if (!ents || json_object_set_new(o, "entities", ents))
			rc = NR_ENOMEM;

		json_t *quotes = json_array();
		for (size_t i = 0; quotes && i < a->nquotes; i++) {
			const nr_quote *q = &a->quotes[i];
			json_t *qo = json_object();
			if (!qo) {
				rc = NR_ENOMEM;
				break;
			}
			if (json_object_set_new(qo, "text", json_stringn(a->text + q->start, q->end - q->start)))
				rc = NR_ENOMEM;
			rc |= set_str(qo, "kind", nr_quote_kind_name((nr_quote_kind)q->kind));
			rc |= set_str(qo, "speaker", q->speaker);
			if (q->speaker_end > q->speaker_start)
				json_object_set_new(qo, "speaker_text",
						    json_stringn(a->text + q->speaker_start,
								 q->speaker_end - q->speaker_start));
			else
				json_object_set_new(qo, "speaker_text", json_null());
			if (q->cue_end > q->cue_start)
				json_object_set_new(qo, "cue", json_stringn(a->text + q->cue_start,
									  q->cue_end - q->cue_start));
			else
				json_object_set_new(qo, "cue", json_null());
			rc |= set_str(qo, "cue_lemma", q->cue_lemma);
			json_object_set_new(qo, "start", json_integer(q->start));
			json_object_set_new(qo, "end", json_integer(q->end));
			if (q->speaker_end > q->speaker_start) {
				json_object_set_new(qo, "speaker_start", json_integer(q->speaker_start));
				json_object_set_new(qo, "speaker_end", json_integer(q->speaker_end));
			}
			if (q->speaker_entity >= 0)
				json_object_set_new(qo, "speaker_entity", json_integer(q->speaker_entity));
			json_object_set_new(qo, "sentence", json_integer(q->sentence));
			if (json_array_append_new(quotes, qo))
				rc = NR_ENOMEM;
		}
		if (!quotes || json_object_set_new(o, "quotes", quotes))
			rc = NR_ENOMEM;
	}

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
	json_t *o = json_pack("{s:o*,s:s,s:o*,s:I,s:s}", "error",
			      repaired_string(item->message ? item->message
							    : nr_strerror(item->error)),
			      "code", nr_strerror(item->error), "source",
			      repaired_string(item->source ? item->source : ""), "index",
			      (json_int_t)item->index, "format", nr_format_name(item->format));
	if (!o)
		return NR_ENOMEM;
	*out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return *out ? NR_OK : NR_ENOMEM;
}
