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

#include <string.h>

/* Lua patterns: refuse when the backtracking Lua's matcher may do exceeds
 * this many steps (see pattern_cost). */
#define NR_PATTERN_COST_MAX 4e9
/* Elements table.move, insert and remove may shift in one call. */
#define NR_MAX_C_LOOP 10000000
/* Elements table.sort may order in one call (n log n comparisons). */
#define NR_MAX_SORT 1000000

/* ---- Lua patterns ---------------------------------------------------------- */

/* Past the set [...] opening at p[i], as Lua's classEnd reads it. */
static size_t set_end(const char *p, size_t len, size_t i)
{
	size_t j = i + 1;
	if (j < len && p[j] == '^')
		j++;
	do {
		if (j < len && p[j] == '%')
			j++;
		j++;
	} while (j < len && p[j] != ']');
	return j + 1;
}

/*
 * The most steps Lua's matcher may take on an n-byte subject: for each
 * start position (one when anchored), n choices per repetition item
 * (*, +, -, ?, %b and a back-reference %1-%9, which compares a capture),
 * times the single-character items each choice may compare. A repetition
 * that ends the pattern (captures aside) is no factor: after it the match
 * has succeeded, so nothing backtracks into it. Hence '%a+' is linear and
 * '(%a+)$' quadratic.
 */
static double pattern_cost(const char *p, size_t len, size_t n, bool anchorable)
{
	unsigned k = 0, items = 0;
	bool anchored = anchorable && len && p[0] == '^';
	bool last_rep = false;
	for (size_t i = anchored; i < len;) {
		char c = p[i];
		if (c == '(' || c == ')') {
			i++;
			continue;
		}
		last_rep = false;
		if (c == '$' && i + 1 == len)
			break;
		items++;
		if (c == '%' && i + 1 < len &&
		    (p[i + 1] == 'b' || (p[i + 1] >= '1' && p[i + 1] <= '9'))) {
			k++;
			i += p[i + 1] == 'b' ? 4 : 2;
			continue;
		}
		if (c == '%' && i + 1 < len && p[i + 1] == 'f')
			i = i + 2 < len && p[i + 2] == '[' ? set_end(p, len, i + 2) : i + 2;
		else if (c == '[')
			i = set_end(p, len, i);
		else
			i += c == '%' ? 2 : 1;
		if (i < len && (p[i] == '*' || p[i] == '+' || p[i] == '-' || p[i] == '?')) {
			k++;
			i++;
			last_rep = true;
		}
	}
	if (last_rep)
		k--;
	double cost = (anchored ? 1.0 : (double)n + 1.0) * (items ? items : 1);
	for (unsigned r = 0; r < k && cost <= NR_PATTERN_COST_MAX; r++)
		cost *= (double)n;
	return cost;
}

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

/* upvalues: the library function, its name (find, match, gmatch, gsub) */
static int bounded_pattern(lua_State *L)
{
	size_t n, plen;
	const char *s = luaL_checklstring(L, 1, &n);
	const char *p = luaL_checklstring(L, 2, &plen);
	const char *name = lua_tostring(L, lua_upvalueindex(2));
	if (name[0] == 'f' && (lua_toboolean(L, 4) || no_specials(p, plen)))
		return plain_find(L, s, n, p, plen);
	/* gmatch takes '^' as a plain character */
	if (pattern_cost(p, plen, n, name[1] != 'm') > NR_PATTERN_COST_MAX)
		return nr_sandbox__raise(L, NR_OUTCOME_ERR_REGEX,
					 "string.%s: pattern is too costly on a %zu-byte subject "
					 "(it could backtrack more than %.0e steps; use news.regex "
					 "or a smaller span)",
					 name, n, NR_PATTERN_COST_MAX);
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
