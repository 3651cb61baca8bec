/* json.c - inspect's JSON form of an analysed article: the article's own
 * fields (core/article/json.c), then its entities, quotes and statements. */
#include "extract/extract.h"

#include <jansson.h>

/* Put v under key k (the reference is taken even on failure, as jansson's
 * _new calls do). NR_ENOMEM when v is NULL or could not be added. */
static int put(json_t *o, const char *k, json_t *v)
{
	return v && json_object_set_new(o, k, v) == 0 ? NR_OK : NR_ENOMEM;
}

/* A new object appended to array arr (so that arr owns it whatever
 * happens next), or NULL. */
static json_t *append_object(json_t *arr)
{
	json_t *x = json_object();
	return x && json_array_append_new(arr, x) == 0 ? x : NULL;
}

static int add_mentions(json_t *eo, const nr_article *a, const nr_entity *e)
{
	json_t *ms = json_array();
	int rc = put(eo, "mentions", ms);
	for (uint32_t j = 0; !rc && j < e->nmentions; j++) {
		const nr_mention *m = &a->mentions[e->mentions[j]];
		json_t *mo = append_object(ms);
		if (!mo)
			return NR_ENOMEM;
		rc |= put(mo, "start", json_integer(m->start));
		rc |= put(mo, "end", json_integer(m->end));
		rc |= put(mo, "text", json_stringn(a->text + m->start, m->end - m->start));
	}
	return rc ? NR_ENOMEM : NR_OK;
}

static int add_entities(json_t *o, const nr_article *a)
{
	json_t *ents = json_array();
	int rc = put(o, "entities", ents);
	for (size_t i = 0; !rc && i < a->nentities; i++) {
		const nr_entity *e = &a->entities[i];
		json_t *eo = append_object(ents);
		if (!eo)
			return NR_ENOMEM;
		rc |= nr_json__set_str(eo, "name", e->name);
		rc |= nr_json__set_str(eo, "id", e->id);
		rc |= nr_json__set_str(eo, "canonical", e->canonical);
		rc |= nr_json__set_str(eo, "type", nr_entity_type_name((nr_entity_type)e->type));
		rc |= nr_json__set_str(eo, "title", e->title);
		rc |= nr_json__set_str(eo, "affiliation", e->affiliation);
		rc |= put(eo, "official", json_boolean(e->official));
		rc |= add_mentions(eo, a, e);
	}
	return rc ? NR_ENOMEM : NR_OK;
}

/* text[s, e) as a JSON string, or null when the span is empty. */
static json_t *text_or_null(const nr_article *a, uint32_t s, uint32_t e)
{
	return e > s ? json_stringn(a->text + s, e - s) : json_null();
}

static int add_quote(json_t *qo, const nr_article *a, const nr_quote *q)
{
	int rc = put(qo, "text", json_stringn(a->text + q->start, q->end - q->start));
	rc |= nr_json__set_str(qo, "kind", nr_quote_kind_name((nr_quote_kind)q->kind));
	rc |= nr_json__set_str(qo, "speaker", q->speaker);
	rc |= put(qo, "speaker_text", text_or_null(a, q->speaker_start, q->speaker_end));
	rc |= put(qo, "cue", text_or_null(a, q->cue_start, q->cue_end));
	rc |= nr_json__set_str(qo, "cue_lemma", q->cue_lemma);
	rc |= put(qo, "start", json_integer(q->start));
	rc |= put(qo, "end", json_integer(q->end));
	if (q->speaker_end > q->speaker_start) {
		rc |= put(qo, "speaker_start", json_integer(q->speaker_start));
		rc |= put(qo, "speaker_end", json_integer(q->speaker_end));
	}
	if (q->speaker_entity >= 0)
		rc |= put(qo, "speaker_entity", json_integer(q->speaker_entity));
	rc |= put(qo, "sentence", json_integer(q->sentence));
	return rc ? NR_ENOMEM : NR_OK;
}

static int add_quotes(json_t *o, const nr_article *a)
{
	json_t *quotes = json_array();
	int rc = put(o, "quotes", quotes);
	for (size_t i = 0; !rc && i < a->nquotes; i++) {
		json_t *qo = append_object(quotes);
		rc = qo ? add_quote(qo, a, &a->quotes[i]) : NR_ENOMEM;
	}
	return rc;
}

/* {"text", "start", "end"} of a span, or null when it is empty. */
static json_t *span_or_null(const nr_article *a, uint32_t s, uint32_t e)
{
	if (e <= s)
		return json_null();
	json_t *o = json_object();
	if (!o)
		return NULL;
	int rc = put(o, "text", json_stringn(a->text + s, e - s));
	rc |= put(o, "start", json_integer(s));
	rc |= put(o, "end", json_integer(e));
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* A party: where written, who, what kind; null when there is none. */
static json_t *party_json(const nr_article *a, const nr_party *p)
{
	if (!p->name && p->end <= p->start)
		return json_null();
	json_t *o = json_object();
	if (!o)
		return NULL;
	int rc = put(o, "text", text_or_null(a, p->start, p->end));
	if (p->end > p->start) {
		rc |= put(o, "start", json_integer(p->start));
		rc |= put(o, "end", json_integer(p->end));
	}
	rc |= nr_json__set_str(o, "name", p->name);
	rc |= nr_json__set_str(o, "id", p->id);
	rc |= nr_json__set_str(o, "canonical", p->canonical);
	if (p->entity >= 0)
		rc |= put(o, "entity", json_integer(p->entity));
	rc |= nr_json__set_str(o, "kind", p->kind);
	rc |= put(o, "official", json_boolean(p->official));
	rc |= nr_json__set_str(o, "country", p->country);
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int add_statement(json_t *so, const nr_article *a, const nr_statement *s)
{
	int rc = nr_json__set_str(so, "act", s->act);
	rc |= nr_json__set_str(so, "cameo", s->cameo);
	rc |= put(so, "actor", party_json(a, &s->actor));
	rc |= put(so, "target", party_json(a, &s->target));
	rc |= put(so, "cue", span_or_null(a, s->cue_start, s->cue_end));
	if (s->content_end > s->content_start)
		rc |= put(so, "content", nr_json__span(s->content_start, s->content_end));
	else
		rc |= put(so, "content", json_null());
	rc |= put(so, "sentence", json_integer(s->sentence));
	rc |= put(so, "negated", json_boolean(s->negated));
	rc |= nr_json__set_str(so, "modality", nr_modality_name((nr_modality)s->modality));
	rc |= nr_json__set_str(so, "voice", nr_voice_name((nr_voice)s->voice));
	rc |= put(so, "reported_by", party_json(a, &s->reported));
	if (s->quote >= 0)
		rc |= put(so, "quote", json_integer(s->quote));
	rc |= put(so, "denied", span_or_null(a, s->denied_start, s->denied_end));
	return rc ? NR_ENOMEM : NR_OK;
}

static int add_statements(json_t *o, const nr_article *a)
{
	json_t *arr = json_array();
	int rc = put(o, "statements", arr);
	for (size_t i = 0; !rc && i < a->nstatements; i++) {
		json_t *so = append_object(arr);
		rc = so ? add_statement(so, a, &a->statements[i]) : NR_ENOMEM;
	}
	return rc;
}

int nr_article_to_json(const nr_article *a, unsigned int flags, char **out)
{
	if (!a || !out)
		return NR_EINVAL;
	*out = NULL;
	json_t *o;
	int rc = nr_article__json_begin(&o, a, flags);
	if (!o)
		return rc;
	if (!rc && a->analyzed) {
		rc |= add_entities(o, a);
		rc |= add_quotes(o, a);
		rc |= add_statements(o, a);
	}
	if (rc) {
		json_decref(o);
		return NR_ENOMEM;
	}
	return nr_article__json_end(o, a, flags, out);
}
