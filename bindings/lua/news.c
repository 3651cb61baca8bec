/*
 * news.c - the `news` table rules see (news.regex, news.lexicon, news.log
 * in log.c), and the
 * caches that keep what they compile: regexes by flags and pattern
 * ("r<flags>/<pattern>"), built-in lexicons by name ("b/<name>") and
 * one-word lexicons ("w/<word>").
 *
 * Each rule file has caches of its own, so one file's patterns can never
 * crowd out another's. What a file compiles while its top level runs is
 * pinned (at most NR_CACHE_PINNED per file: more rejects the file when it
 * loads). What its rules compile while they run goes to two generations:
 * when the young one holds NR_CACHE_GENERATION entries it becomes the old
 * one and the previous old one is dropped, so a rule that compiles without
 * end costs recompiling, never a failure, and its memory is collected.
 */
#include "lua/objects.h"

#include <stdint.h>

#define NR_CACHE_PINNED 4096
#define NR_CACHE_GENERATION 256

static const char CACHE_KEY = 'c';

/* Slots of a file's cache table. */
enum { C_PINNED = 1, C_YOUNG, C_OLD, C_NPINNED, C_NYOUNG };

/* Which file the running code belongs to: the one loading, the running
 * rule's, or none (the `newsrules` module, a scanner between rules). */
static lua_Integer cache_owner(lua_State *L, bool *loading)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	const nr_collector *c = sb->decl;
	*loading = c != NULL;
	if (c)
		return (lua_Integer)c->index + 1;
	const nr_scan_ctx *ctx = nr_lua__ctx(L);
	return ctx && ctx->rule ? (lua_Integer)ctx->rule->file + 1 : 0;
}

/* Push the cache table of the running file, made on first use. */
static int push_file_cache(lua_State *L, bool *loading)
{
	lua_Integer owner = cache_owner(L, loading);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &CACHE_KEY) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &CACHE_KEY);
	}
	if (lua_rawgeti(L, -1, owner) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_createtable(L, 5, 0);
		for (int i = C_PINNED; i <= C_OLD; i++) {
			lua_newtable(L);
			lua_rawseti(L, -2, i);
		}
		lua_pushvalue(L, -1);
		lua_rawseti(L, -3, owner);
	}
	lua_remove(L, -2);
	return lua_gettop(L);
}

static lua_Integer count_at(lua_State *L, int t, int slot)
{
	lua_rawgeti(L, t, slot);
	lua_Integer n = lua_tointeger(L, -1);
	lua_pop(L, 1);
	return n;
}

int nr_news__cache_get(lua_State *L, int key)
{
	key = lua_absindex(L, key);
	bool loading;
	int fc = push_file_cache(L, &loading);
	for (int slot = C_PINNED; slot <= C_OLD; slot++) {
		lua_rawgeti(L, fc, slot);
		lua_pushvalue(L, key);
		int t = lua_rawget(L, -2);
		lua_remove(L, -2);
		if (t == LUA_TNIL) {
			lua_pop(L, 1);
			continue;
		}
		lua_remove(L, fc);
		if (slot == C_OLD) /* still in use: keep it young */
			nr_news__cache_put(L, key, lua_gettop(L));
		return t;
	}
	lua_pop(L, 1);
	lua_pushnil(L);
	return LUA_TNIL;
}

void nr_news__cache_put(lua_State *L, int key, int value)
{
	key = lua_absindex(L, key);
	value = lua_absindex(L, value);
	bool loading;
	int fc = push_file_cache(L, &loading);
	int slot = loading ? C_PINNED : C_YOUNG, nslot = loading ? C_NPINNED : C_NYOUNG;
	lua_Integer n = count_at(L, fc, nslot);
	if (loading && n >= NR_CACHE_PINNED)
		luaL_error(L,
			   "news: more than %d distinct regexes and lexicons compiled at the top "
			   "level of one rule file",
			   NR_CACHE_PINNED);
	if (!loading && n >= NR_CACHE_GENERATION) {
		lua_rawgeti(L, fc, C_YOUNG);
		lua_rawseti(L, fc, C_OLD);
		lua_newtable(L);
		lua_rawseti(L, fc, C_YOUNG);
		n = 0;
	}
	lua_rawgeti(L, fc, slot);
	lua_pushvalue(L, key);
	lua_pushvalue(L, value);
	lua_rawset(L, -3);
	lua_pop(L, 1);
	lua_pushinteger(L, n + 1);
	lua_rawseti(L, fc, nslot);
	lua_pop(L, 1);
}

void nr_news__open(lua_State *L)
{
	static const luaL_Reg news[] = {
		{ "regex", nr_news__regex },
		{ "lexicon", nr_news__lexicon },
		{ "log", nr_news__log },
		{ "keywords", nr_news__keywords },
		{ NULL, NULL },
	};
	nr_news__regex_open(L);
	nr_news__lexicon_open(L);
	luaL_newlib(L, news);
	nr_news__keywords_open(L, -1);
	nr_news__host_open(L, -1);
}
