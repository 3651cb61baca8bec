/*
 * entity.c - entity objects: a person, organisation or place the article
 * names, with its fields, its mentions, and the span methods (an entity's
 * span is its first mention).
 */
#include "lua/objects.h"

#include <string.h>

void nr_lua__push_entity(lua_State *L, int owner, size_t i)
{
	nr_lua_item *e = nr_lua__new_object(L, sizeof(*e), NR_T_ENTITY, owner);
	e->index = (uint32_t)i;
}

static nr_lua_item *check_entity(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, NR_MT_ENTITY);
}

/* upvalues: entity object, next mention */
static int mention_step(lua_State *L)
{
	const nr_lua_item *e = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer j = lua_tointeger(L, lua_upvalueindex(2));
	const nr_article *a = nr_lua__live(L, &e->h);
	size_t m = nr_article__entity_mention_index(a, e->index, (size_t)j);
	if (m == SIZE_MAX)
		return 0;
	lua_pushinteger(L, j + 1);
	lua_replace(L, lua_upvalueindex(2));
	nr_span sp = nr_article__mention(a, m).span;
	nr_lua__push_span(L, lua_upvalueindex(1), sp.start, sp.end, NR_SPAN_MENTION, (int32_t)m);
	return 1;
}

static int entity_mentions(lua_State *L)
{
	nr_lua_item *e = check_entity(L, 1);
	nr_lua__live(L, &e->h);
	lua_pushvalue(L, 1);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, mention_step, 2);
	return 1;
}

static int entity_index(lua_State *L)
{
	nr_lua_item *e = check_entity(L, 1);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	const char *k = lua_tostring(L, 2);
	if (!k)
		return 0;
	uint32_t s0, e0;
	const nr_article *a = nr_lua__check_spanlike(L, 1, &s0, &e0)->a;
	if (nr_lua__push_span_field(L, a, s0, e0, k))
		return 1;
	nr_entity_info ent;
	nr_article_entity(a, e->index, &ent);
	const char *id = "", *canonical = ent.name;
	if (!strcmp(k, "name")) {
		lua_pushstring(L, ent.name);
	} else if (!strcmp(k, "id") || !strcmp(k, "canonical")) {
		nr_article_entity_identity(a, e->index, &id, &canonical);
		if (k[0] == 'i' && !*id)
			return 0;
		lua_pushstring(L, k[0] == 'i' ? id : canonical);
	} else if (!strcmp(k, "type")) {
		lua_pushstring(L, nr_entity_type_name(ent.type));
	} else if (!strcmp(k, "title")) {
		lua_pushstring(L, ent.title);
	} else if (!strcmp(k, "affiliation")) {
		lua_pushstring(L, ent.affiliation);
	} else if (!strcmp(k, "official")) {
		lua_pushboolean(L, ent.official);
	} else if (!strcmp(k, "gender")) {
		char g = nr_article__entity_gender(a, e->index);
		if (!g)
			return 0;
		lua_pushlstring(L, &g, 1);
	} else if (!strcmp(k, "count")) {
		lua_pushinteger(L, (lua_Integer)ent.mention_count);
	} else if (!strcmp(k, "index")) {
		lua_pushinteger(L, (lua_Integer)e->index + 1);
	} else {
		return 0;
	}
	return 1;
}

static int entity_tostring(lua_State *L)
{
	nr_lua_item *e = check_entity(L, 1);
	if (!nr_lua__is_alive(L, &e->h)) {
		lua_pushliteral(L, NR_MT_ENTITY "(expired)");
		return 1;
	}
	nr_entity_info ent;
	nr_article_entity(e->h.a, e->index, &ent);
	lua_pushfstring(L, NR_MT_ENTITY "(%s %s)", nr_entity_type_name(ent.type), ent.name);
	return 1;
}

static int entity_eq(lua_State *L)
{
	nr_lua_item *a = check_entity(L, 1), *b = check_entity(L, 2);
	lua_pushboolean(L, a->h.a == b->h.a && a->h.gen == b->h.gen && a->index == b->index);
	return 1;
}

void nr_lua__entity_open(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{ "mentions", entity_mentions },
		{ "sentence", nr_lua__span_sentence },
		{ "sentences", nr_lua__span_sentences },
		{ "find", nr_lua__span_find },
		{ "has", nr_lua__span_has },
		{ NULL, NULL },
	};
	static const nr_lua_type type = { NR_MT_ENTITY,    methods,   entity_index,
					  entity_tostring, entity_eq, NULL };
	nr_lua__new_type(L, &type);
}
