/*
 * access.c - the internal getters of core/extract/access.h: mentions,
 * entity fields and statement positions for the bindings, which see no
 * core struct.
 */
#include "extract/extract.h"

#include <strings.h>

size_t nr_article__mention_count(const nr_article *a) { return a ? a->nmentions : 0; }

nr_mention_info nr_article__mention(const nr_article *a, size_t i)
{
	nr_mention_info out = { { 0, 0 }, 0, 0, 0 };
	if (!a || i >= a->nmentions)
		return out;
	const nr_mention *m = &a->mentions[i];
	out.span.start = m->start;
	out.span.end = m->end;
	out.entity = m->entity;
	out.sentence = m->sentence;
	out.kind = (nr_mention_kind)m->kind;
	return out;
}

size_t nr_article__mentions_from(const nr_article *a, size_t pos)
{
	return nr_mentions__from(a, pos > UINT32_MAX ? UINT32_MAX : (uint32_t)pos);
}

size_t nr_article__mention_within(const nr_article *a, nr_span span, int type, size_t from)
{
	for (size_t j = from; j < a->nmentions && a->mentions[j].start < span.end; j++) {
		const nr_mention *m = &a->mentions[j];
		if (m->start < span.start || m->end > span.end || m->entity >= a->nentities)
			continue;
		if (type && a->entities[m->entity].type != type)
			continue;
		return j;
	}
	return SIZE_MAX;
}

size_t nr_article__entity_mention_index(const nr_article *a, size_t i, size_t j)
{
	if (!a || i >= a->nentities || j >= a->entities[i].nmentions)
		return SIZE_MAX;
	size_t m = a->entities[i].mentions[j];
	return m < a->nmentions ? m : SIZE_MAX;
}

bool nr_article__entity_acting(const nr_article *a, size_t i, const char **id,
			       const char **canonical)
{
	if (!a || i >= a->nentities)
		return false;
	const nr_entity *e = &a->entities[i];
	*id = e->act_id ? e->act_id : "";
	*canonical = e->act_canonical ? e->act_canonical : e->name;
	return true;
}

/* Compare s[0..n) with key k up to ASCII case (then by length). */
static int key_cmp(const char *s, size_t n, const nr_entity_key *k)
{
	size_t m = n < k->len ? n : k->len;
	int c = m ? strncasecmp(s, k->s, m) : 0;
	if (c)
		return c;
	return n < k->len ? -1 : n > k->len;
}

long nr_article__entity_named(const nr_article *a, const char *s, size_t n)
{
	if (!a || !s)
		return -1;
	size_t lo = 0, hi = a->nentity_keys;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (key_cmp(s, n, &a->entity_keys[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < a->nentity_keys && key_cmp(s, n, &a->entity_keys[lo]) == 0)
		return (long)a->entity_keys[lo].entity;
	return -1;
}

char nr_article__entity_gender(const nr_article *a, size_t i)
{
	if (!a || i >= a->nentities)
		return 0;
	char g = a->entities[i].gender;
	return g == 'm' || g == 'f' ? g : 0;
}

size_t nr_article__statements_from(const nr_article *a, size_t pos)
{
	if (!a)
		return 0;
	size_t lo = 0, hi = a->nstatements;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->statements[mid].cue_start < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

long nr_article__quote_statement(const nr_article *a, size_t i)
{
	if (!a || !a->quote_statement || i >= a->nquotes)
		return -1;
	return a->quote_statement[i];
}

const char *nr_article__extra_alert(const nr_article *a) { return a->extra_alert; }
