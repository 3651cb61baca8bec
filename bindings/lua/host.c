/*
 * host.c - news.host.NAME(...): rules calling the C functions the host
 * added to their set (rules/hostfn.c), under the sandbox's budgets.
 *
 * news.host is a read-only table whose fields are made on first use: the
 * set is only known once the state runs a file (sb->loading while the set
 * loads, sb->shared in a scanner), after the `news` table was built. A
 * call takes nil, booleans, numbers and strings, and is charged
 * NR_HOST_CALL_COST instructions plus one per NR_HOST_BYTES bytes of its
 * arguments and results; the budgets (instructions, interrupt, deadline)
 * are checked before and right after the function runs. Results are kept
 * in a scratch buffer the state owns (so that a memory error while they
 * are pushed leaks nothing), and each string result must fit in what the
 * memory budget has left; pushed, it counts against that budget.
 */
#include "lua/objects.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_HOST_CALL_COST 1000
#define NR_HOST_BYTES 16
/* A scratch buffer larger than this is given back after the call. */
#define NR_HOST_SCRATCH_KEEP (64u * 1024u)

static const char SCRATCH_KEY = 's';

typedef struct host_scratch {
	char *buf;
	size_t cap;
} host_scratch;

typedef struct host_result {
	nr_value_type type;
	bool integer;
	int64_t i;
	double num;
	size_t off, len; /* a string's bytes in the scratch buffer */
} host_result;

struct nr_call {
	lua_State *L;
	nr_sandbox *sb;
	const char *name, *rule_id;
	int nargs;
	host_scratch *scratch;
	size_t used; /* bytes of the scratch buffer taken by results */
	host_result res[NR_CALL_MAX_RESULTS];
	size_t nres;
	int failed;    /* an NR_E* code once a result could not be taken */
	bool over_mem; /* ... because of the memory budget */
	char msg[256];
};

static int host_scratch_gc(lua_State *L)
{
	host_scratch *s = lua_touserdata(L, 1);
	free(s->buf);
	s->buf = NULL;
	s->cap = 0;
	return 0;
}

static host_scratch *get_scratch(lua_State *L)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &SCRATCH_KEY) == LUA_TUSERDATA) {
		host_scratch *s = lua_touserdata(L, -1);
		lua_pop(L, 1);
		return s;
	}
	lua_pop(L, 1);
	host_scratch *s = lua_newuserdatauv(L, sizeof(*s), 0);
	memset(s, 0, sizeof(*s));
	lua_createtable(L, 0, 1);
	lua_pushcfunction(L, host_scratch_gc);
	lua_setfield(L, -2, "__gc");
	lua_setmetatable(L, -2);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &SCRATCH_KEY);
	return s;
}

/* ---- the call API (newsrules.h) ---------------------------------------- */

const char *nr_call_name(const nr_call *call) { return call->name; }

const char *nr_call_rule_id(const nr_call *call) { return call->rule_id; }

size_t nr_call_arg_count(const nr_call *call) { return (size_t)call->nargs; }

nr_value_type nr_call_arg_type(const nr_call *call, size_t i)
{
	if (i >= (size_t)call->nargs)
		return NR_VALUE_NONE;
	switch (lua_type(call->L, (int)i + 1)) {
	case LUA_TBOOLEAN: return NR_VALUE_BOOLEAN;
	case LUA_TNUMBER: return NR_VALUE_NUMBER;
	case LUA_TSTRING: return NR_VALUE_STRING;
	default: return NR_VALUE_NIL; /* the wrapper let no other type through */
	}
}

const char *nr_call_arg_string(const nr_call *call, size_t i, size_t *len)
{
	if (nr_call_arg_type(call, i) != NR_VALUE_STRING) {
		if (len)
			*len = 0;
		return NULL;
	}
	/* A string stays a string: lua_tolstring allocates nothing here. */
	return lua_tolstring(call->L, (int)i + 1, len);
}

double nr_call_arg_number(const nr_call *call, size_t i)
{
	if (nr_call_arg_type(call, i) != NR_VALUE_NUMBER)
		return 0;
	return (double)lua_tonumber(call->L, (int)i + 1);
}

int nr_call_arg_integer(const nr_call *call, size_t i, int64_t *out)
{
	if (nr_call_arg_type(call, i) != NR_VALUE_NUMBER)
		return NR_EINVAL;
	int ok;
	lua_Integer v = lua_tointegerx(call->L, (int)i + 1, &ok);
	if (!ok)
		return NR_EINVAL;
	if (out)
		*out = (int64_t)v;
	return NR_OK;
}

int nr_call_arg_boolean(const nr_call *call, size_t i)
{
	return i < (size_t)call->nargs && lua_toboolean(call->L, (int)i + 1);
}

static int call_fail(nr_call *call, int code, const char *fmt, ...) NR_PRINTF(3, 4);

static int call_fail(nr_call *call, int code, const char *fmt, ...)
{
	if (!call->failed) {
		call->failed = code;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(call->msg, sizeof(call->msg), fmt, ap);
		va_end(ap);
	}
	return code;
}

static host_result *new_result(nr_call *call, nr_value_type type)
{
	if (call->failed)
		return NULL;
	if (call->nres == NR_CALL_MAX_RESULTS) {
		call_fail(call, NR_ETOOBIG, "more than %d results", NR_CALL_MAX_RESULTS);
		return NULL;
	}
	host_result *r = &call->res[call->nres++];
	memset(r, 0, sizeof(*r));
	r->type = type;
	return r;
}

int nr_call_return_nil(nr_call *call)
{
	return new_result(call, NR_VALUE_NIL) ? NR_OK : call->failed;
}

int nr_call_return_boolean(nr_call *call, int value)
{
	host_result *r = new_result(call, NR_VALUE_BOOLEAN);
	if (!r)
		return call->failed;
	r->i = value != 0;
	return NR_OK;
}

int nr_call_return_number(nr_call *call, double value)
{
	host_result *r = new_result(call, NR_VALUE_NUMBER);
	if (!r)
		return call->failed;
	r->num = value;
	return NR_OK;
}

int nr_call_return_integer(nr_call *call, int64_t value)
{
	host_result *r = new_result(call, NR_VALUE_NUMBER);
	if (!r)
		return call->failed;
	r->integer = true;
	r->i = value;
	return NR_OK;
}

/* Would `more` bytes of results take the state past its memory budget? */
static bool over_budget(const nr_call *call, size_t more)
{
	const nr_sandbox *sb = call->sb;
	if (!sb->mem_limited)
		return false;
	size_t used = sb->mem_used + call->used;
	return used > sb->mem_cap || more > sb->mem_cap - used;
}

int nr_call_return_string(nr_call *call, const char *s, size_t len)
{
	if (!s && len)
		return call_fail(call, NR_EINVAL, "a string result with no bytes");
	if (call->failed)
		return call->failed;
	if (over_budget(call, len) && !call->failed) {
		call->over_mem = true;
		return call_fail(call, NR_ETOOBIG,
				 "a result of %zu bytes would pass the memory budget (%zu bytes)",
				 len, call->sb->mem_cap);
	}
	host_scratch *sc = call->scratch;
	if (call->used + len + 1 > sc->cap) {
		size_t need = call->used + len + 1, cap = sc->cap ? sc->cap * 2 : 256;
		if (cap < need)
			cap = need;
		char *p = realloc(sc->buf, cap);
		if (!p)
			return call_fail(call, NR_ENOMEM, "out of memory");
		sc->buf = p;
		sc->cap = cap;
	}
	host_result *r = new_result(call, NR_VALUE_STRING);
	if (!r)
		return call->failed;
	if (len)
		memcpy(sc->buf + call->used, s, len);
	r->off = call->used;
	r->len = len;
	call->used += len;
	return NR_OK;
}

int nr_call_error(nr_call *call, const char *fmt, ...)
{
	if (!call->failed) {
		call->failed = NR_ERUNTIME;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(call->msg, sizeof(call->msg), fmt ? fmt : "error", ap);
		va_end(ap);
	}
	return NR_ERUNTIME;
}

/* ---- the Lua side -------------------------------------------------------- */

static const nr_ruleset *running_set(const nr_sandbox *sb)
{
	return sb->loading ? sb->loading : sb->shared;
}

/* Check the arguments' types; their bytes. Raises on a type a host
 * function cannot take. */
static size_t check_args(lua_State *L, const char *name, int n)
{
	size_t bytes = 0;
	for (int i = 1; i <= n; i++) {
		int t = lua_type(L, i);
		if (t == LUA_TSTRING)
			bytes += lua_rawlen(L, i);
		else if (t != LUA_TNIL && t != LUA_TBOOLEAN && t != LUA_TNUMBER)
			luaL_error(L,
				   "news.host.%s: argument %d is a %s (host functions take nil, "
				   "booleans, numbers and strings)",
				   name, i, lua_typename(L, t));
	}
	return bytes;
}

/* The call's cost: `base` instructions (the call itself, charged once)
 * and one per NR_HOST_BYTES bytes. */
static void host_charge(nr_sandbox *sb, unsigned long base, size_t bytes)
{
	sb->instr_used += base + (unsigned long)(bytes / NR_HOST_BYTES);
}

static int push_results(lua_State *L, const nr_call *call)
{
	luaL_checkstack(L, (int)call->nres, "news.host results");
	for (size_t i = 0; i < call->nres; i++) {
		const host_result *r = &call->res[i];
		switch (r->type) {
		case NR_VALUE_BOOLEAN: lua_pushboolean(L, (int)r->i); break;
		case NR_VALUE_NUMBER:
			if (r->integer)
				lua_pushinteger(L, (lua_Integer)r->i);
			else
				lua_pushnumber(L, (lua_Number)r->num);
			break;
		case NR_VALUE_STRING:
			lua_pushlstring(L, call->scratch->buf + r->off, r->len);
			break;
		default: lua_pushnil(L);
		}
	}
	return (int)call->nres;
}

/* Upvalues: 1 the function's index in the set, 2 its name. */
static int host_call(lua_State *L)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	const char *name = lua_tostring(L, lua_upvalueindex(2));
	const nr_ruleset *rs = running_set(sb);
	lua_Integer idx = lua_tointeger(L, lua_upvalueindex(1));
	if (!rs || idx < 0 || (size_t)idx >= rs->nfns || strcmp(rs->fns[idx].name, name))
		return luaL_error(L, "news.host.%s: not a function of this rule set", name);
	const nr_hostfn *fn = &rs->fns[idx];
	int n = lua_gettop(L);
	size_t in = check_args(L, name, n);
	host_scratch *sc = get_scratch(L);
	host_charge(sb, NR_HOST_CALL_COST, in);
	nr_sandbox__poll(L);
	const nr_scan_ctx *ctx = nr_lua__ctx(L);
	nr_call call = { .L = L, .sb = sb, .name = fn->name, .nargs = n, .scratch = sc };
	/* No rule while a file's top level runs (sb->decl is set then). */
	call.rule_id = !sb->decl && ctx && ctx->rule ? ctx->rule->id : NULL;
	int rc = fn->fn(&call, fn->payload);
	if (rc != NR_OK && !call.failed)
		call_fail(&call, rc, "%s", nr_strerror(rc));
	host_charge(sb, 0, call.used);
	/* The time the function took, an interrupt meanwhile, the cost. */
	nr_sandbox__poll(L);
	if (call.over_mem)
		return nr_sandbox__raise(L, NR_OUTCOME_ERR_MEMORY, "news.host.%s: %s", name,
					 call.msg);
	if (call.failed)
		return luaL_error(L, "news.host.%s: %s", name, call.msg);
	lua_settop(L, 0);
	int nres = push_results(L, &call);
	if (sc->cap > NR_HOST_SCRATCH_KEEP) {
		free(sc->buf);
		sc->buf = NULL;
		sc->cap = 0;
	}
	return nres;
}

/* news.host[name]: the function, made on first use (upvalue 1 caches). */
static int host_index(lua_State *L)
{
	const char *name = luaL_checkstring(L, 2);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	const nr_ruleset *rs = running_set(nr_sandbox__get(L));
	const nr_hostfn *fn = nr_ruleset__function(rs, name);
	if (!fn)
		return luaL_error(L, "news.host.%s: no such host function (%s)", name,
				  rs && rs->nfns ? "the host added others to this rule set"
						 : "the host added none to this rule set");
	lua_pushinteger(L, (lua_Integer)(fn - rs->fns));
	lua_pushstring(L, fn->name);
	lua_pushcclosure(L, host_call, 2);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, -2);
	lua_rawset(L, lua_upvalueindex(1));
	return 1;
}

static int host_newindex(lua_State *L)
{
	return luaL_error(L, "news.host is read-only (the host adds its functions)");
}

void nr_news__host_open(lua_State *L, int news)
{
	news = lua_absindex(L, news);
	lua_newtable(L); /* news.host: always empty, read through __index */
	lua_createtable(L, 0, 3);
	lua_newtable(L); /* the cache of functions made */
	lua_pushcclosure(L, host_index, 1);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, host_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
	lua_setfield(L, news, "host");
}
