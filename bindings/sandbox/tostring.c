/*
 * tostring.c - tostring() and string.format for rules, without addresses.
 *
 * Lua names a table, function, thread or userdata by its address
 * ("table: 0x55d0c3a2c8f0"), in tostring() and in string.format's %s, and
 * %p prints any object's address: a map of the host's heap and libraries
 * handed to untrusted code (an ASLR leak). Here such a value is named by
 * the order in which this state first printed it ("table: #12"), which
 * still tells two objects apart, and %p is refused.
 */
#include "sandbox/sandbox.h"

#include <string.h>

/* Registry key of the weak table object -> number; [0] is the last one. */
static const char IDS_KEY = 'i';

static void push_ids(lua_State *L)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &IDS_KEY) == LUA_TTABLE)
		return;
	lua_pop(L, 1);
	lua_newtable(L);
	lua_createtable(L, 0, 1);
	lua_pushliteral(L, "k");
	lua_setfield(L, -2, "__mode");
	lua_setmetatable(L, -2);
	lua_pushvalue(L, -1);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &IDS_KEY);
}

/* "<type or __name>: #<n>" for the object at idx. */
static void push_object_name(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	const char *kind = luaL_typename(L, idx);
	int t = luaL_getmetafield(L, idx, "__name"); /* raw: runs nothing */
	if (t == LUA_TSTRING)
		kind = lua_tostring(L, -1);
	else if (t != LUA_TNIL)
		lua_pop(L, 1);
	push_ids(L);
	lua_pushvalue(L, idx);
	lua_Integer n = 0;
	if (lua_rawget(L, -2) == LUA_TNUMBER) {
		n = lua_tointeger(L, -1);
	} else {
		lua_rawgeti(L, -2, 0);
		n = lua_tointeger(L, -1) + 1;
		lua_pop(L, 1);
		lua_pushinteger(L, n);
		lua_rawseti(L, -3, 0);
		lua_pushvalue(L, idx);
		lua_pushinteger(L, n);
		lua_rawset(L, -4);
	}
	lua_pop(L, 2);
	lua_pushfstring(L, "%s: #%I", kind, (LUAI_UACINT)n);
	if (t == LUA_TSTRING)
		lua_remove(L, -2);
}

/* Push what tostring() gives for the value at idx. */
static void push_printable(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	if (luaL_callmeta(L, idx, "__tostring")) {
		if (!lua_isstring(L, -1))
			luaL_error(L, "'__tostring' must return a string");
		return;
	}
	switch (lua_type(L, idx)) {
	case LUA_TNIL:
	case LUA_TBOOLEAN:
	case LUA_TNUMBER:
	case LUA_TSTRING: luaL_tolstring(L, idx, NULL); return;
	default: push_object_name(L, idx);
	}
}

int nr_sandbox__tostring(lua_State *L)
{
	luaL_checkany(L, 1);
	push_printable(L, 1);
	return 1;
}

/* string.format (the original is upvalue 1): %s of a non-string goes
 * through push_printable, %p is refused. The directives are found as
 * Lua's own str_format finds them. */
static int safe_format(lua_State *L)
{
	size_t len;
	const char *fmt = luaL_checklstring(L, 1, &len);
	int arg = 1;
	for (size_t i = 0; i < len; i++) {
		if (fmt[i] != '%' || ++i >= len)
			continue;
		if (fmt[i] == '%')
			continue;
		while (i < len && fmt[i] && strchr("-+ #0123456789.", fmt[i]))
			i++;
		if (i >= len)
			break;
		arg++;
		if (fmt[i] == 'p')
			return nr_sandbox__raise(
			    L, NR_OUTCOME_ERR_BLOCKED,
			    "string.format: '%%p' is not available to rules (sandbox)");
		if (fmt[i] == 's' && arg <= lua_gettop(L) && lua_type(L, arg) != LUA_TSTRING) {
			push_printable(L, arg);
			lua_replace(L, arg);
		}
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

void nr_sandbox__wrap_format(lua_State *L, int strlib)
{
	strlib = lua_absindex(L, strlib);
	lua_getfield(L, strlib, "format");
	lua_pushcclosure(L, safe_format, 1);
	lua_setfield(L, strlib, "format");
}
