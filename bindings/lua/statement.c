/*
 * statement.c - statement objects (an act by an actor toward a target,
 * with its cue, content and polarity) and party objects (the actor, the
 * target, who reports it). A statement's span runs from the first to the
 * last of its parts; a party's is where the text names it.
 */
#include "lua/objects.h"

#include <string.h>

enum {
	PARTY_ACTOR = NR_PARTY_ACTOR,
	PARTY_TARGET = NR_PARTY_TARGET,
	PARTY_REPORTED = NR_PARTY_REPORTED
};
static const char *const party_roles[] = { "actor", "target", "reported_by" };

void nr_lua__push_statement(lua_State *L, int owner, size_t i)
{
	nr_lua_item *s = nr_lua__new_object(L, sizeof(*s), NR_T_STATEMENT, owner);
	s->index = (uint32_t)i;
}

static nr_lua_item *check_statement(lua_State *L, int idx)
{
	return luaL_checkudata(L, idx, NR_MT_STATEMENT);
}

static const nr_party_info *party_in(const nr_statement_info *si, int role)
{
	return role == PARTY_ACTOR    ? &si->actor
	       : role == PARTY_TARGET ? &si->target
				      : &si->reported;
}

static bool has_party(const nr_party_info *p) { return p->name || p->span.end > p->span.start; }

/* The bytes a statement covers: its cue, content and the parties named
 * in its own sentence's reach. */
void nr_lua__statement_span(const nr_article *a, size_t i, uint32_t *start, uint32_t *end)
{
	nr_statement_info si;
	*start = *end = 0;
	if (nr_article_statement(a, i, &si) != NR_OK)
		return;
	nr_span parts[4] = { si.cue, si.content, si.actor.span, si.target.span };
	size_t s = si.cue.start, e = si.cue.end;
	for (size_t k = 1; k < 4; k++) {
		if (parts[k].end <= parts[k].start)
			continue;
		if (parts[k].start < s)
			s = parts[k].start;
		if (parts[k].end > e)
			e = parts[k].end;
	}
	*start = (uint32_t)s;
	*end = (uint32_t)e;
}

/* ---- parties ----------------------------------------------------------- */

static void push_party(lua_State *L, int owner, size_t i, int role)
{
	nr_lua_party *p = nr_lua__new_object(L, sizeof(*p), NR_T_PARTY, owner);
	p->index = (uint32_t)i;
	p->role = (uint8_t)role;
}

const nr_party_info *nr_lua__party_info(lua_State *L, const nr_lua_party *p, nr_statement_info *si)
{
	const nr_article *a = nr_lua__live(L, &p->h);
	if (nr_article_statement(a, p->index, si) != NR_OK)
		luaL_error(L, "statement party of a statement that is gone");
	return party_in(si, p->role);
}

static int party_index(lua_State *L)
{
	nr_lua_party *p = luaL_checkudata(L, 1, NR_MT_PARTY);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	const char *k = lua_tostring(L, 2);
	if (!k)
		return 0;
	nr_statement_info si;
	const nr_party_info *pi = nr_lua__party_info(L, p, &si);
	const nr_article *a = p->h.a;
	bool spanned = pi->span.end > pi->span.start;
	if (spanned &&
	    nr_lua__push_span_field(L, a, (uint32_t)pi->span.start, (uint32_t)pi->span.end, k))
		return 1;
	const char *id = "", *canonical = NULL;
	if (!strcmp(k, "name") && pi->name)
		lua_pushstring(L, pi->name);
	else if ((!strcmp(k, "id") || !strcmp(k, "canonical")) &&
		 nr_article_party_identity(a, p->index, (nr_party_role)p->role, &id, &canonical) ==
		     NR_OK &&
		 (k[0] == 'i' ? *id : canonical != NULL))
		lua_pushstring(L, k[0] == 'i' ? id : canonical);
	else if (!strcmp(k, "kind"))
		lua_pushstring(L, pi->kind);
	else if (!strcmp(k, "official"))
		lua_pushboolean(L, pi->official);
	else if (!strcmp(k, "country"))
		lua_pushstring(L, pi->country);
	else if (!strcmp(k, "entity") && pi->entity >= 0 &&
		 (size_t)pi->entity < nr_article_entity_count(a))
		nr_lua__push_entity(L, 1, (size_t)pi->entity);
	else if (!strcmp(k, "role"))
		lua_pushstring(L, party_roles[p->role]);
	else
		return 0;
	return 1;
}

static int party_tostring(lua_State *L)
{
	nr_lua_party *p = luaL_checkudata(L, 1, NR_MT_PARTY);
	if (!nr_lua__is_alive(L, &p->h)) {
		lua_pushliteral(L, NR_MT_PARTY "(expired)");
		return 1;
	}
	nr_statement_info si;
	const nr_party_info *pi = nr_lua__party_info(L, p, &si);
	lua_pushfstring(L, NR_MT_PARTY "(%s %s%s%s)", pi->kind[0] ? pi->kind : "unknown",
			pi->name ? pi->name : "unnamed", pi->country[0] ? ", " : "", pi->country);
	return 1;
}

static int party_eq(lua_State *L)
{
	nr_lua_party *a = luaL_checkudata(L, 1, NR_MT_PARTY);
	nr_lua_party *b = luaL_checkudata(L, 2, NR_MT_PARTY);
	lua_pushboolean(L, a->h.a == b->h.a && a->h.gen == b->h.gen && a->index == b->index &&
			       a->role == b->role);
	return 1;
}

/* ---- statements -------------------------------------------------------- */

/* A part of the text as a span (kind "part"), or nothing when empty. */
static int push_statement_part(lua_State *L, nr_span part)
{
	if (part.end <= part.start)
		return 0;
	nr_lua__push_span(L, 1, part.start, part.end, NR_SPAN_PART, -1);
	return 1;
}

static int push_party_field(lua_State *L, const nr_lua_item *s, const nr_statement_info *si,
			    int role)
{
	if (!has_party(party_in(si, role)))
		return 0;
	push_party(L, 1, s->index, role);
	return 1;
}

static int statement_field(lua_State *L, const nr_lua_item *s, const nr_article *a,
			   const nr_statement_info *si, const char *k)
{
	if (!strcmp(k, "act"))
		lua_pushstring(L, si->act);
	else if (!strcmp(k, "cameo"))
		lua_pushstring(L, si->cameo);
	else if (!strcmp(k, "actor"))
		return push_party_field(L, s, si, PARTY_ACTOR);
	else if (!strcmp(k, "target"))
		return push_party_field(L, s, si, PARTY_TARGET);
	else if (!strcmp(k, "reported_by"))
		return push_party_field(L, s, si, PARTY_REPORTED);
	else if (!strcmp(k, "content"))
		return push_statement_part(L, si->content);
	else if (!strcmp(k, "cue"))
		return push_statement_part(L, si->cue);
	else if (!strcmp(k, "denied"))
		return push_statement_part(L, si->denied);
	else if (!strcmp(k, "sentence") && si->sentence < nr_article_sentence_count(a))
		nr_lua__push_sentence(L, 1, a, si->sentence);
	else if (!strcmp(k, "negated"))
		lua_pushboolean(L, si->negated);
	else if (!strcmp(k, "modality"))
		lua_pushstring(L, nr_modality_name(si->modality));
	else if (!strcmp(k, "voice"))
		lua_pushstring(L, nr_voice_name(si->voice));
	else if (!strcmp(k, "quote") && si->quote >= 0 &&
		 (size_t)si->quote < nr_article_quote_count(a))
		nr_lua__push_quote(L, 1, (size_t)si->quote);
	else if (!strcmp(k, "index"))
		lua_pushinteger(L, (lua_Integer)s->index + 1);
	else
		return 0;
	return 1;
}

static int statement_index(lua_State *L)
{
	nr_lua_item *s = check_statement(L, 1);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	const char *k = lua_tostring(L, 2);
	if (!k)
		return 0;
	const nr_article *a = nr_lua__live(L, &s->h);
	uint32_t s0, e0;
	nr_lua__statement_span(a, s->index, &s0, &e0);
	if (nr_lua__push_span_field(L, a, s0, e0, k))
		return 1;
	nr_statement_info si;
	if (nr_article_statement(a, s->index, &si) != NR_OK)
		return 0;
	return statement_field(L, s, a, &si, k);
}

static int statement_tostring(lua_State *L)
{
	nr_lua_item *s = check_statement(L, 1);
	if (!nr_lua__is_alive(L, &s->h)) {
		lua_pushliteral(L, NR_MT_STATEMENT "(expired)");
		return 1;
	}
	nr_statement_info si;
	nr_article_statement(s->h.a, s->index, &si);
	lua_pushfstring(L, NR_MT_STATEMENT "(%s: %s -> %s)", si.act,
			si.actor.name ? si.actor.name : "?", si.target.name ? si.target.name : "-");
	return 1;
}

static int statement_eq(lua_State *L)
{
	nr_lua_item *a = check_statement(L, 1), *b = check_statement(L, 2);
	lua_pushboolean(L, a->h.a == b->h.a && a->h.gen == b->h.gen && a->index == b->index);
	return 1;
}

/* ---- iterators ----------------------------------------------------------- */

/* The act filter at `arg` (nil, an act name or a list of them) as a set
 * table, or nil; raises for a name no statement can have. */
static void push_act_filter(lua_State *L, int arg);

/* upvalues: owner object, next index, stop byte, act set or nil */
static int statement_step(lua_State *L)
{
	const nr_lua_head *h = lua_touserdata(L, lua_upvalueindex(1));
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(2));
	lua_Integer stop = lua_tointeger(L, lua_upvalueindex(3));
	const nr_article *a = nr_lua__live(L, h);
	size_t n = nr_article_statement_count(a);
	bool filter = !lua_isnil(L, lua_upvalueindex(4));
	for (; (size_t)i < n; i++) {
		nr_statement_info si;
		nr_article_statement(a, (size_t)i, &si);
		if ((lua_Integer)si.cue.start >= stop)
			return 0;
		if (filter) {
			lua_getfield(L, lua_upvalueindex(4), si.act);
			bool keep = lua_toboolean(L, -1);
			lua_pop(L, 1);
			if (!keep)
				continue;
		}
		lua_pushinteger(L, i + 1);
		lua_replace(L, lua_upvalueindex(2));
		nr_lua__push_statement(L, lua_upvalueindex(1), (size_t)i);
		return 1;
	}
	return 0;
}

/* Iterator over the statements whose cue starts in [start, end), of the
 * acts at `arg` (see push_act_filter). */
int nr_lua__push_statements(lua_State *L, int owner, int arg, size_t start, size_t end)
{
	owner = lua_absindex(L, owner);
	push_act_filter(L, arg);
	int filter = lua_gettop(L);
	const nr_article *a = nr_lua__live(L, lua_touserdata(L, owner));
	lua_pushvalue(L, owner);
	lua_pushinteger(L, (lua_Integer)nr_article__statements_from(a, start));
	lua_pushinteger(L, (lua_Integer)end);
	lua_pushvalue(L, filter);
	lua_pushcclosure(L, statement_step, 4);
	return 1;
}

static int add_act_name(const nr_lex_entry *e, void *payload)
{
	lua_State *L = payload;
	lua_pushboolean(L, 1);
	lua_setfield(L, -2, e->cls);
	return 0;
}

/* The set of act names, built once per state (registry). */
static void push_acts(lua_State *L)
{
	if (lua_getfield(L, LUA_REGISTRYINDEX, "newsrules.acts") == LUA_TTABLE)
		return;
	lua_pop(L, 1);
	lua_newtable(L);
	const nr_lexicon *lex = nr_sandbox__lexicon(L);
	if (lex)
		nr_lexicon__foreach(lex->set, NR_LEX_CAMEO_VERBS, add_act_name, L);
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, "newsrules.acts");
}

static void check_act(lua_State *L, int acts, int idx, int arg)
{
	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) != LUA_TSTRING)
		luaL_argerror(L, arg, "act names must be strings");
	lua_pushvalue(L, idx);
	if (lua_rawget(L, acts) == LUA_TNIL)
		luaL_error(L,
			   "bad argument #%d to 'statements' (no act '%s': see docs/lexicons.md)",
			   arg, lua_tostring(L, idx));
	lua_pop(L, 1);
}

static void push_act_filter(lua_State *L, int arg)
{
	int t = lua_type(L, arg);
	if (t == LUA_TNONE || t == LUA_TNIL) {
		lua_pushnil(L);
		return;
	}
	if (t != LUA_TSTRING && t != LUA_TTABLE)
		luaL_typeerror(L, arg, "act name or list of act names");
	push_acts(L);
	int acts = lua_gettop(L);
	lua_newtable(L);
	int set = lua_gettop(L);
	lua_Integer n = t == LUA_TSTRING ? 1 : (lua_Integer)lua_rawlen(L, arg);
	for (lua_Integer i = 1; i <= n && i <= 64; i++) {
		if (t == LUA_TSTRING)
			lua_pushvalue(L, arg);
		else
			lua_rawgeti(L, arg, i);
		check_act(L, acts, -1, arg);
		lua_pushboolean(L, 1);
		lua_rawset(L, set);
	}
	lua_remove(L, acts);
}

void nr_lua__statement_open(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{ "sentences", nr_lua__span_sentences },
		{ "find", nr_lua__span_find },
		{ "has", nr_lua__span_has },
		{ "entities", nr_lua__span_entities },
		{ "mentions", nr_lua__span_mentions },
		{ NULL, NULL },
	};
	static const nr_lua_type type = { NR_MT_STATEMENT,    methods,      statement_index,
					  statement_tostring, statement_eq, NULL };
	nr_lua__new_type(L, &type);
	static const luaL_Reg party_methods[] = { { NULL, NULL } };
	static const nr_lua_type ptype = { NR_MT_PARTY,    party_methods, party_index,
					   party_tostring, party_eq,      NULL };
	nr_lua__new_type(L, &ptype);
}
