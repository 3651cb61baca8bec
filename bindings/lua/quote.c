/*
 * quote.c - quote objects: an attributed statement, its speaker and cue,
 * the statement its cue makes, and the span methods over its content.
 */
#include "lua/objects.h"

#include <string.h>

void nr_lua__push_quote(lua_State *L, int owner, size_t i)
{
	nr_lua_item *q = nr_lua__new_object(L, sizeof(*q), NR_T_QUOTE, owner);
	q->index = (uint32_t)i;
}

static nr_lua_item *check_quote(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, NR_MT_QUOTE);
}

/* A part of the text ({start, end}) as a span, or nothing when the quote
 * has no such part. */
static int push_part(lua_State *L, const nr_article *a, nr_span part)
{
	size_t len;
	nr_article_text(a, &len);
	if (part.end <= part.start || part.end > len)
		return 0;
	nr_lua__push_span(L, 1, part.start, part.end, NR_SPAN_PART, -1);
	return 1;
}

/* The attribution verb as written, "" when there is none. */
static void push_cue(lua_State *L, const nr_article *a, nr_span cue)
{
	size_t len;
	const char *text = nr_article_text(a, &len);
	if (cue.end <= cue.start || cue.end > len)
		lua_pushliteral(L, "");
	else
		lua_pushlstring(L, text + cue.start, cue.end - cue.start);
}

/* The speaker fields: an entity when the extractor resolved one, else the
 * group as written; speaker_name is always a string. */
static int push_speaker(lua_State *L, const nr_article *a, const nr_quote_info *qi, bool name)
{
	bool has_entity = qi->speaker_entity >= 0 &&
			  (size_t)qi->speaker_entity < nr_article_entity_count(a);
	if (name) {
		nr_entity_info e;
		if (qi->speaker)
			lua_pushstring(L, qi->speaker);
		else if (has_entity &&
			 nr_article_entity(a, (size_t)qi->speaker_entity, &e) == NR_OK)
			lua_pushstring(L, e.name);
		else
			lua_pushliteral(L, "");
		return 1;
	}
	if (has_entity)
		nr_lua__push_entity(L, 1, (size_t)qi->speaker_entity);
	else if (qi->speaker && qi->speaker[0])
		lua_pushstring(L, qi->speaker);
	else
		return 0;
	return 1;
}

/* The statement the quote's cue makes ("accused", "denied"), if any: the
 * statement pass runs first if no rule has asked for it yet. */
static int push_statement(lua_State *L, nr_article *a, size_t i)
{
	nr_lua__analyze_statements(L, a);
	long st = nr_article__quote_statement(a, i);
	if (st < 0)
		return 0;
	nr_lua__push_statement(L, 1, (size_t)st);
	return 1;
}

static int quote_index(lua_State *L)
{
	nr_lua_item *q = check_quote(L, 1);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	const char *k = lua_tostring(L, 2);
	if (!k)
		return 0;
	nr_article *a = nr_lua__live(L, &q->h);
	nr_quote_info qi;
	nr_article_quote(a, q->index, &qi);
	if (nr_lua__push_span_field(L, a, (uint32_t)qi.content.start, (uint32_t)qi.content.end, k))
		return 1;
	if (!strcmp(k, "kind"))
		lua_pushstring(L, nr_quote_kind_name(qi.kind));
	else if (!strcmp(k, "speaker"))
		return push_speaker(L, a, &qi, false);
	else if (!strcmp(k, "speaker_name"))
		return push_speaker(L, a, &qi, true);
	else if (!strcmp(k, "speaker_span"))
		return push_part(L, a, qi.speaker_span);
	else if (!strcmp(k, "cue_span"))
		return push_part(L, a, qi.cue);
	else if (!strcmp(k, "cue"))
		push_cue(L, a, qi.cue);
	else if (!strcmp(k, "cue_lemma"))
		lua_pushstring(L, qi.cue_lemma);
	else if (!strcmp(k, "sentence") && qi.sentence < nr_article_sentence_count(a))
		nr_lua__push_sentence(L, 1, a, qi.sentence);
	else if (!strcmp(k, "index"))
		lua_pushinteger(L, (lua_Integer)q->index + 1);
	else if (!strcmp(k, "statement"))
		return push_statement(L, a, q->index);
	else
		return 0;
	return 1;
}

static int quote_tostring(lua_State *L)
{
	nr_lua_item *q = check_quote(L, 1);
	if (!nr_lua__is_alive(L, &q->h)) {
		lua_pushliteral(L, NR_MT_QUOTE "(expired)");
		return 1;
	}
	nr_quote_info qi;
	nr_article_quote(q->h.a, q->index, &qi);
	nr_lua__push_excerpt(L, q->h.a, (uint32_t)qi.content.start, (uint32_t)qi.content.end);
	lua_pushfstring(L, NR_MT_QUOTE "(%s, %s: \"%s\")", qi.speaker ? qi.speaker : "unattributed",
			qi.cue_lemma[0] ? qi.cue_lemma : "no cue", lua_tostring(L, -1));
	return 1;
}

static int quote_eq(lua_State *L)
{
	nr_lua_item *a = check_quote(L, 1), *b = check_quote(L, 2);
	lua_pushboolean(L, a->h.a == b->h.a && a->h.gen == b->h.gen && a->index == b->index);
	return 1;
}

void nr_lua__quote_open(lua_State *L)
{
	/* A quote's `sentence` is a field (the sentence span), not a method. */
	static const luaL_Reg methods[] = {
		{ "sentences", nr_lua__span_sentences },
		{ "find", nr_lua__span_find },
		{ "has", nr_lua__span_has },
		{ "entities", nr_lua__span_entities },
		{ "mentions", nr_lua__span_mentions },
		{ NULL, NULL },
	};
	static const nr_lua_type type = { NR_MT_QUOTE,    methods,  quote_index,
					  quote_tostring, quote_eq, NULL };
	nr_lua__new_type(L, &type);
}
