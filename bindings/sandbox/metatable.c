/*
 * metatable.c - setmetatable and getmetatable as rules get them.
 *
 * Two metamethods act inside the garbage collector, where no hook runs and
 * no budget holds: __gc (a finalizer) and __mode. A weak-keyed table is an
 * ephemeron table, whose collection Lua converges in passes that can be
 * quadratic in the table (a chain of 200,000 keys each holding the next
 * stalls one cycle for many seconds). __gc only counts when setmetatable
 * sees it, but __mode is read at every cycle, so a rule could add it to
 * the metatable afterwards. So setmetatable installs a snapshot of the
 * metatable the rule gave, which the rule cannot reach: getmetatable
 * returns the rule's own table, and changing that table later changes
 * nothing (document: metatables are read when they are set).
 */
#include "sandbox/sandbox.h"

#include <string.h>

/* Fields a metatable may have: a metatable is a handful of metamethods
 * and copying it must stay cheap. */
#define NR_MAX_META_FIELDS 256

/* Registry key of the weak-keyed set of snapshots this file made (the set
 * itself has no chains: each value is `true`). */
static const char SNAPSHOTS_KEY = 's';

static void push_snapshots(lua_State *L)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &SNAPSHOTS_KEY) == LUA_TTABLE)
		return;
	lua_pop(L, 1);
	lua_newtable(L);
	lua_newtable(L);
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &SNAPSHOTS_KEY);
}

/* Is the metatable of the value at idx a snapshot of ours (one whose
 * __metatable field is there only to hide it)? */
static bool has_snapshot(lua_State *L, int idx)
{
	if (!lua_getmetatable(L, idx))
		return false;
	push_snapshots(L);
	lua_insert(L, -2);
	bool ours = lua_rawget(L, -2) != LUA_TNIL;
	lua_pop(L, 2);
	return ours;
}

static int refuse_gc_hook(lua_State *L, const char *what)
{
	return nr_sandbox__raise(L, NR_OUTCOME_ERR_BLOCKED,
				 "%s are not available to rules: the garbage collector runs them "
				 "where no budget holds (sandbox)",
				 what);
}

/* Copy of the metatable at idx, checked; pushed. */
static void push_snapshot(lua_State *L, int idx)
{
	lua_newtable(L);
	int copy = lua_gettop(L), n = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		if (++n > NR_MAX_META_FIELDS)
			nr_sandbox__raise(L, NR_OUTCOME_ERR_BLOCKED,
					  "setmetatable: a metatable of more than %d fields",
					  NR_MAX_META_FIELDS);
		if (lua_type(L, -2) == LUA_TSTRING) {
			const char *k = lua_tostring(L, -2);
			if (!strcmp(k, "__gc"))
				refuse_gc_hook(L, "__gc metamethods");
			if (!strcmp(k, "__mode") &&
			    (lua_type(L, -1) != LUA_TSTRING || strchr(lua_tostring(L, -1), 'k')))
				refuse_gc_hook(L, "weak keys (__mode \"k\")");
		}
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, copy);
	}
	/* getmetatable answers with the rule's own table. */
	lua_pushliteral(L, "__metatable");
	if (lua_rawget(L, copy) == LUA_TNIL) {
		lua_pushvalue(L, idx);
		lua_setfield(L, copy, "__metatable");
		push_snapshots(L);
		lua_pushvalue(L, copy);
		lua_pushboolean(L, 1);
		lua_rawset(L, -3);
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

int nr_sandbox__setmetatable(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	int t = lua_type(L, 2);
	luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
	if (lua_getmetatable(L, 1)) {
		bool protected = lua_getfield(L, -1, "__metatable") != LUA_TNIL;
		lua_pop(L, 2);
		if (protected && !has_snapshot(L, 1))
			return luaL_error(L, "cannot change a protected metatable");
	}
	if (t == LUA_TNIL)
		lua_pushnil(L);
	else
		push_snapshot(L, 2);
	lua_setmetatable(L, 1);
	lua_settop(L, 1);
	return 1;
}
