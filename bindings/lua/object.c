/*
 * object.c - what every Lua object of the bindings shares: metatables
 * registered one way, the liveness check, creation, and extraction on
 * demand.
 *
 * Objects carry the scan generation they were made in; the article they
 * point into belongs to the host and is gone once the scan returns, so any
 * use of a stale object (a rule stashing a sentence in an upvalue) raises
 * instead of reading freed memory.
 */
#include "lua/objects.h"

#include <string.h>

/* Registry keys by pointer: each type's metatable, and the key under
 * which a metatable holds its type's number. */
static const char MT_KEY[NR_T_COUNT] = { 0 };
static const char TYPE_KEY = 't';
_Static_assert(NR_T_COUNT <= NR_SANDBOX_TYPES, "sandbox.h: room for every object type");

static const char *const type_names[NR_T_COUNT] = {
	[NR_T_ARTICLE] = NR_MT_ARTICLE,     [NR_T_SPAN] = NR_MT_SPAN,
	[NR_T_REGEX] = NR_MT_REGEX,         [NR_T_LEXICON] = NR_MT_LEXICON,
	[NR_T_ENTITY] = NR_MT_ENTITY,       [NR_T_QUOTE] = NR_MT_QUOTE,
	[NR_T_STATEMENT] = NR_MT_STATEMENT, [NR_T_PARTY] = NR_MT_PARTY,
};

static int refuse_write(lua_State *L)
{
	return luaL_error(L, "%s objects are read-only", luaL_typename(L, 1));
}

void nr_lua__new_type(lua_State *L, const nr_lua_type *t)
{
	luaL_newmetatable(L, t->name);
	lua_newtable(L);
	luaL_setfuncs(L, t->methods, 0);
	if (t->index)
		lua_pushcclosure(L, t->index, 1); /* methods first, then fields */
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, t->tostring);
	lua_setfield(L, -2, "__tostring");
	lua_pushcfunction(L, refuse_write);
	lua_setfield(L, -2, "__newindex");
	if (t->eq) {
		lua_pushcfunction(L, t->eq);
		lua_setfield(L, -2, "__eq");
	}
	if (t->gc) {
		lua_pushcfunction(L, t->gc);
		lua_setfield(L, -2, "__gc");
	}
	/* getmetatable() from a rule sees the name, never the real table. */
	lua_pushstring(L, t->name);
	lua_setfield(L, -2, "__metatable");
	for (int id = NR_T_ARTICLE; id < NR_T_COUNT; id++) {
		if (strcmp(type_names[id], t->name) != 0)
			continue;
		lua_pushinteger(L, id);
		lua_rawsetp(L, -2, &TYPE_KEY);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &MT_KEY[id]);
		nr_sandbox *sb = nr_sandbox__get(L);
		if (sb)
			sb->types[id] = lua_topointer(L, -1);
	}
	lua_pop(L, 1);
}

/* Rules cannot reach these metatables (__metatable hides them) nor make
 * a light userdata key, so the number a metatable holds is the truth. */
int nr_lua__type_of(lua_State *L, int idx)
{
	if (lua_type(L, idx) != LUA_TUSERDATA || !lua_getmetatable(L, idx))
		return NR_T_NONE;
	/* The registry keeps each metatable alive as long as the state: the
	 * address the state registered is this type's for good. */
	const nr_sandbox *sb = nr_sandbox__get(L);
	if (sb) {
		const void *mt = lua_topointer(L, -1);
		for (int id = NR_T_ARTICLE; id < NR_T_COUNT; id++) {
			if (sb->types[id] == mt) {
				lua_pop(L, 1);
				return id;
			}
		}
	}
	lua_rawgetp(L, -1, &TYPE_KEY);
	int id = (int)lua_tointeger(L, -1);
	lua_pop(L, 2);
	return id;
}

void *nr_lua__test(lua_State *L, int idx, int type)
{
	return nr_lua__type_of(L, idx) == type ? lua_touserdata(L, idx) : NULL;
}

void *nr_lua__check(lua_State *L, int idx, int type)
{
	void *p = nr_lua__test(L, idx, type);
	if (!p)
		luaL_typeerror(L, idx, type_names[type]);
	return p;
}

void nr_lua__set_type(lua_State *L, int type)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &MT_KEY[type]);
	lua_setmetatable(L, -2);
}

bool nr_lua__is_alive(lua_State *L, const nr_lua_head *h)
{
	nr_scan_ctx *ctx = nr_lua__ctx(L);
	if (ctx && ctx->module)
		return h->a != NULL;
	return ctx && ctx->article && ctx->gen == h->gen && ctx->article == h->a;
}

nr_article *nr_lua__live(lua_State *L, const nr_lua_head *h)
{
	if (!nr_lua__is_alive(L, h))
		luaL_error(L, "article object used outside the scan it belongs to");
	return h->a;
}

void *nr_lua__new_object(lua_State *L, size_t size, int type, int owner)
{
	owner = lua_absindex(L, owner);
	const nr_lua_head *oh = lua_touserdata(L, owner);
	nr_scan_ctx *ctx = nr_lua__ctx(L);
	bool module = ctx && ctx->module;
	nr_lua_head *h = lua_newuserdatauv(L, size, module ? 1 : 0);
	memset(h, 0, size);
	h->a = oh->a;
	h->gen = oh->gen;
	nr_lua__set_type(L, type);
	if (module) {
		if (nr_lua__type_of(L, owner) == NR_T_ARTICLE)
			lua_pushvalue(L, owner);
		else
			lua_getiuservalue(L, owner, 1);
		lua_setiuservalue(L, -2, 1);
	}
	return h;
}

/*
 * Entities and quotes are extracted the first time a rule asks for them
 * on an article, and statements (a pass of their own, after them) the
 * first time a rule asks for statements, with the state's one lexicon
 * set, into the article the host handed to nr_scanner_scan() (which says
 * so). Each pass gets as long as a rule gets, from when it starts (a rule
 * that spent its time first does not make it fail), and the time it takes
 * is not charged to the rule that asked (whichever rule asks first would
 * pay for all); it obeys the host's interrupt and the article deadline. When one runs out of time, the article is to blame: the
 * rules after it on that article that ask for what it was making fail at
 * once rather than each spend that time again.
 */
typedef int (*extract_fn)(nr_article *a, const nr_lexicon *lex, const nr_deadline *dl);

static void run_extraction(lua_State *L, nr_article *a, extract_fn pass, const char *what)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	nr_scan_ctx *ctx = nr_lua__ctx(L);
	if (ctx && !ctx->module && ctx->late_gen == ctx->gen)
		nr_sandbox__raise(L, NR_OUTCOME_ERR_DEADLINE,
				  "%s already took more than %u ms on this article", what,
				  sb->deadline_ms);
	const nr_lexicon *lex = nr_sandbox__lexicon(L);
	nr_deadline dl;
	bool timed = nr_sandbox__deadline(sb, &dl);
	int64_t t0 = nr__now_ns();
	int rc = pass(a, lex, timed ? &dl : NULL);
	int64_t took = nr__now_ns() - t0;
	if (ctx)
		ctx->analyze_ns += (uint64_t)took;
	nr_sandbox__extend(sb, took);
	if (rc == NR_ETIMEOUT && nr_sandbox__article_late(sb))
		nr_sandbox__raise(L, NR_OUTCOME_ERR_ARTICLE_DEADLINE,
				  "article deadline of %u ms passed in %s", sb->article_ms, what);
	if (rc == NR_ETIMEOUT && ctx)
		ctx->late_gen = ctx->gen;
	if (rc == NR_ETIMEOUT)
		nr_sandbox__raise(L, NR_OUTCOME_ERR_DEADLINE,
				  "%s took more than %u ms on this article", what, sb->deadline_ms);
	if (rc == NR_EINTERRUPTED)
		nr_sandbox__raise(L, NR_OUTCOME_INTERRUPTED,
				  "interrupted by the host (nr_scanner_interrupt) in %s", what);
	if (rc)
		luaL_error(L, "%s failed: %s", what, nr_strerror(rc));
}

void nr_lua__analyze(lua_State *L, nr_article *a)
{
	if (!nr_article_is_analyzed(a))
		run_extraction(L, a, nr_article__analyze, "entity and quote extraction");
}

/* late_gen is shared: a rule asking for statements after entity and quote
 * extraction ran out of time fails in nr_lua__analyze, and one asking for
 * entities after the statement pass did finds them there. */
void nr_lua__analyze_statements(lua_State *L, nr_article *a)
{
	if (nr_article__is_stated(a))
		return;
	nr_lua__analyze(L, a);
	run_extraction(L, a, nr_article__analyze_statements, "statement extraction");
}

int nr_lua__opt_entity_type(lua_State *L, int arg)
{
	static const char *const names[] = { "any", "person", "organization", "location", NULL };
	if (lua_isnoneornil(L, arg))
		return 0;
	return luaL_checkoption(L, arg, NULL, names);
}
