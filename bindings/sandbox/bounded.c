#define _GNU_SOURCE /* memmem */
/*
 * bounded.c - library calls that would run past every budget in one go.
 *
 * The hook stops a rule between VM instructions and, once the watchdog
 * pokes, at every function call. A library function that loops in C
 * without calling anything is out of its reach until it returns: its work
 * must be bounded up front. Linear work on what a rule could allocate is
 * fine; anything worse is refused with a named limit, or done another way.
 */
#include "sandbox/sandbox.h"

#include <stddef.h>
#include <string.h>

/* Elements table.move, insert and remove may shift in one call. */
#define NR_MAX_C_LOOP 10000000
/* Elements table.sort may order in one call (n log n comparisons). */
#define NR_MAX_SORT 1000000

/* ---- Lua patterns ---------------------------------------------------------- */

/* Lua's own test for a pattern that is a plain string. */
static bool no_specials(const char *p, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		switch (p[i]) {
		case '^':
		case '$':
		case '*':
		case '+':
		case '?':
		case '.':
		case '(':
		case '[':
		case '%':
		case '-': return false;
		default: break;
		}
	}
	return true;
}

/* string.find of a plain string, as Lua's (1-based positions, init as
 * string.find reads it), but in linear time: Lua compares at every
 * position, n * m in all for an m-byte string that almost matches. */
static int plain_find(lua_State *L, const char *s, size_t n, const char *p, size_t plen)
{
	lua_Integer init = luaL_optinteger(L, 3, 1);
	size_t from;
	if (init > 0)
		from = (size_t)init - 1;
	else if (init == 0 || init < -(lua_Integer)n)
		from = 0;
	else
		from = n - (size_t)(-init);
	const char *hit = from <= n ? memmem(s + from, n - from, p, plen) : NULL;
	if (!hit) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushinteger(L, (lua_Integer)(hit - s) + 1);
	lua_pushinteger(L, (lua_Integer)(hit - s + plen));
	return 2;
}

/* Steps the call may take (pattern.c), scratch on the C stack for the
 * patterns rules write, on the Lua heap (counted) for long ones. */
static double pattern_steps(lua_State *L, const char *p, size_t plen, int how, const char *s,
			    size_t n)
{
	_Alignas(max_align_t) char small[4096];
	size_t need = nr_sandbox__pattern_scratch(plen);
	void *scratch = small;
	if (need > sizeof(small))
		scratch = lua_newuserdatauv(L, need, 0);
	double steps = nr_sandbox__pattern_steps(p, plen, how, s, n, scratch);
	if (scratch != small)
		lua_pop(L, 1);
	return steps;
}

/* upvalues: the library function, its name (find, match, gmatch, gsub) */
static int bounded_pattern(lua_State *L)
{
	size_t n, plen;
	const char *s = luaL_checklstring(L, 1, &n);
	const char *p = luaL_checklstring(L, 2, &plen);
	const char *name = lua_tostring(L, lua_upvalueindex(2));
	if (name[0] == 'f' && (lua_toboolean(L, 4) || no_specials(p, plen)))
		return plain_find(L, s, n, p, plen);
	int how = name[0] == 'g' ? (name[1] == 's' ? NR_PAT_GSUB : NR_PAT_GMATCH) : NR_PAT_FIND;
	if (pattern_steps(L, p, plen, how, s, n) > NR_PATTERN_STEPS_MAX)
		return nr_sandbox__raise(L, NR_OUTCOME_ERR_REGEX,
					 "string.%s: pattern is too costly on a %zu-byte subject "
					 "(it could take more than %.0e steps; use news.regex "
					 "or a smaller span)",
					 name, n, NR_PATTERN_STEPS_MAX);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/* ---- loops over elements ----------------------------------------------------- */

/* string.rep of an empty string copies nothing a trillion times. */
static int bounded_rep(lua_State *L)
{
	size_t l, lsep = 0;
	luaL_checklstring(L, 1, &l);
	lua_Integer n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	if (n <= 0 || l + lsep == 0) {
		lua_pushliteral(L, "");
		return 1;
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* table.move walks any range of indices. */
static int bounded_move(lua_State *L)
{
	lua_Integer f = luaL_checkinteger(L, 2);
	lua_Integer e = luaL_checkinteger(L, 3);
	if (e >= f && (lua_Unsigned)e - (lua_Unsigned)f >= NR_MAX_C_LOOP)
		return nr_sandbox__raise(L, NR_OUTCOME_ERR_BLOCKED,
					 "table.move: more than %d elements", NR_MAX_C_LOOP);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* table.insert/remove shift every element up to #t in C, and table.sort
 * orders them; a __len may claim any length. (With metamethods each step
 * is a call, where a poked hook stops them; without, nothing would.) */
static int bounded_len(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	const char *name = lua_tostring(L, lua_upvalueindex(2));
	lua_Integer max = name[0] == 's' ? NR_MAX_SORT : NR_MAX_C_LOOP; /* sort */
	if (luaL_len(L, 1) > max)
		return nr_sandbox__raise(L, NR_OUTCOME_ERR_BLOCKED,
					 "table.%s: table longer than %d", name, (int)max);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

/* ---- installing them ------------------------------------------------------------ */

/* Replace lib[name] by a closure of f over (the original, name). */
static void wrap(lua_State *L, int lib, const char *name, lua_CFunction f)
{
	lua_getfield(L, lib, name);
	lua_pushstring(L, name);
	lua_pushcclosure(L, f, 2);
	lua_setfield(L, lib, name);
}

void nr_sandbox__bound_string(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	static const char *const pattern_fns[] = { "find", "match", "gmatch", "gsub" };
	for (size_t i = 0; i < NR_ARRAY_LEN(pattern_fns); i++)
		wrap(L, idx, pattern_fns[i], bounded_pattern);
	wrap(L, idx, "rep", bounded_rep);
}

void nr_sandbox__bound_table(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	wrap(L, idx, "move", bounded_move);
	wrap(L, idx, "insert", bounded_len);
	wrap(L, idx, "remove", bounded_len);
	wrap(L, idx, "sort", bounded_len);
}
