/* json.c - inspect's JSON form of an analysed article: the article's own
 * fields (core/article/json.c), then its entities and quotes. */
#include "extract/extract.h"

#include <jansson.h>

static int add_entities(json_t *o, const nr_article *a)
{
	int rc = NR_OK;
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
		rc |= nr_json__set_str(eo, "name", e->name);
		rc |= nr_json__set_str(eo, "type", nr_entity_type_name((nr_entity_type)e->type));
		rc |= nr_json__set_str(eo, "title", e->title);
		rc |= nr_json__set_str(eo, "affiliation", e->affiliation);
		if (json_object_set_new(eo, "official", json_boolean(e->official)))
			rc = NR_ENOMEM;
		for (uint32_t j = 0; j < e->nmentions; j++) {
			const nr_mention *m = &a->mentions[e->mentions[j]];
			json_t *mo = nr_json__span(m->start, m->end);
			if (!mo ||
			    json_object_set_new(
				mo, "text", json_stringn(a->text + m->start, m->end - m->start)) ||
			    json_array_append_new(ms, mo))
				rc = NR_ENOMEM;
		}
		if (json_object_set_new(eo, "mentions", ms) || json_array_append_new(ents, eo))
			rc = NR_ENOMEM;
	}
	if (!ents || json_object_set_new(o, "entities", ents))
		rc = NR_ENOMEM;

	return rc;
}

static int add_quotes(json_t *o, const nr_article *a)
{
	int rc = NR_OK;
	json_t *quotes = json_array();
	for (size_t i = 0; quotes && i < a->nquotes; i++) {
		const nr_quote *q = &a->quotes[i];
		json_t *qo = json_object();
		if (!qo) {
			rc = NR_ENOMEM;
			break;
		}
		if (json_object_set_new(qo, "text",
					json_stringn(a->text + q->start, q->end - q->start)))
			rc = NR_ENOMEM;
		rc |= nr_json__set_str(qo, "kind", nr_quote_kind_name((nr_quote_kind)q->kind));
		rc |= nr_json__set_str(qo, "speaker", q->speaker);
		if (q->speaker_end > q->speaker_start)
			json_object_set_new(qo, "speaker_text",
					    json_stringn(a->text + q->speaker_start,
							 q->speaker_end - q->speaker_start));
		else
			json_object_set_new(qo, "speaker_text", json_null());
		if (q->cue_end > q->cue_start)
			json_object_set_new(
			    qo, "cue",
			    json_stringn(a->text + q->cue_start, q->cue_end - q->cue_start));
		else
			json_object_set_new(qo, "cue", json_null());
		rc |= nr_json__set_str(qo, "cue_lemma", q->cue_lemma);
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
	}
	if (rc) {
		json_decref(o);
		return NR_ENOMEM;
	}
	return nr_article__json_end(o, a, flags, out);
}
