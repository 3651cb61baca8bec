/*
 * sandbox.c - what keeps a rule from hurting the host or other rules.
 *
 * Allow-listed globals only (no io, os, debug, package, load, dofile,
 * collectgarbage, string.dump); every rule file gets its own copy of the
 * library tables so a rule that overwrites string.find only hurts itself;
 * an accounting allocator caps the heap; a count hook caps instructions and
 * wall-clock time and, once tripped, fires on every instruction so that a
 * pcall inside the rule cannot swallow the overrun. A watchdog (watch.c)
 * makes the deadline and the host's interrupt reach into C; library calls
 * no hook can stop are bounded (bounded.c); rule files are refused before
 * Lua parses what Lua 5.4.4 cannot take (chunk.c).
 */
#include "sandbox/sandbox.h"

#include <lualib.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Extra heap allowed after a budget tripped, so that the error can still be
 * built and unwound. */
#define NR_MEM_GRACE (1u << 20)

static void *sb_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	nr_sandbox *sb = ud;
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		/* A poke may be walking the state's call list: nothing it can
		 * reach is freed under it. */
		if (sb->watch)
			nr_watch__wait_pokes(sb->watch);
		free(ptr);
		sb->mem_used -= old;
		return NULL;
	}
	if (nsize > old && sb->mem_limited) {
		size_t cap = sb->mem_cap + (sb->tripped ? NR_MEM_GRACE : 0);
		if (sb->mem_used - old + nsize > cap || nsize - old > cap) {
			nr_sandbox__trip(sb, NR_OUTCOME_ERR_MEMORY,
					 "memory budget exceeded (%zu bytes)", sb->mem_cap);
			return NULL;
		}
	}
	void *p = realloc(ptr, nsize);
	if (!p)
		return NULL;
	sb->mem_used = sb->mem_used - old + nsize;
	return p;
}

/* PCRE2 memory goes through the same accounting: compiled patterns and
 * match frames count against the scanner's cap. */
typedef union pc_head {
	size_t size;
	max_align_t align;
} pc_head;

static void *pc_malloc(PCRE2_SIZE size, void *ud)
{
	pc_head *h = sb_alloc(ud, NULL, 0, size + sizeof(pc_head));
	if (!h)
		return NULL;
	h->size = size + sizeof(pc_head);
	return h + 1;
}

static void pc_free(void *p, void *ud)
{
	if (p) {
		pc_head *h = (pc_head *)p - 1;
		sb_alloc(ud, h, h->size, 0);
	}
}

/* Trip the first budget the armed call has run out of, if any. */
static void check_budgets(nr_sandbox *sb)
{
	if (sb->instr_budget && sb->instr_used > sb->instr_budget)
		nr_sandbox__trip(sb, NR_OUTCOME_ERR_INSTRUCTIONS,
				 "instruction budget exceeded (%lu)", sb->instr_budget);
	else if (sb->obey_stop && sb->watch && atomic_load(&sb->watch->stop))
		nr_sandbox__trip(sb, NR_OUTCOME_INTERRUPTED,
				 "interrupted by the host (nr_scanner_interrupt)");
	else if (nr_sandbox__article_late(sb))
		nr_sandbox__trip(sb, NR_OUTCOME_ERR_ARTICLE_DEADLINE,
				 "article deadline of %u ms passed", sb->article_ms);
	else if (sb->deadline_ns && nr__now_ns() >= sb->deadline_ns)
		nr_sandbox__trip(sb, NR_OUTCOME_ERR_DEADLINE, "deadline of %u ms passed",
				 sb->deadline_ms);
}

/*
 * Every NR_HOOK_EVERY instructions, and on every instruction and call once
 * the watchdog poked or a budget tripped. A poke that finds nothing due
 * (it raced with the next rule's arming) puts the cheap hook back first
 * and checks after, so a poke lost to that reset is never needed.
 */
void nr_sandbox__hook(lua_State *L, lua_Debug *ar)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	if (!sb->tripped) {
		int every = lua_gethookcount(L);
		if (ar->event == LUA_HOOKCOUNT)
			sb->instr_used += (unsigned long)every;
		if (every != NR_HOOK_EVERY || (lua_gethookmask(L) & LUA_MASKCALL))
			lua_sethook(L, nr_sandbox__hook, LUA_MASKCOUNT, NR_HOOK_EVERY);
		check_budgets(sb);
	}
	if (sb->tripped) {
		/* From now on every instruction raises again, and a function is
		 * only entered through one; C functions called while the error
		 * unwinds (a buffer's __close) must not replace its message. So
		 * the call mask a poke set goes. */
		if (lua_gethookmask(L) & LUA_MASKCALL)
			lua_sethook(L, nr_sandbox__hook, LUA_MASKCOUNT, 1);
		lua_pushstring(L, sb->trip_msg);
		lua_error(L);
	}
}

void nr_sandbox__trip(nr_sandbox *sb, int outcome, const char *fmt, ...)
{
	if (!sb->tripped) {
		sb->tripped = outcome;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(sb->trip_msg, sizeof(sb->trip_msg), fmt, ap);
		va_end(ap);
	}
	/* lua_sethook is safe to call from anywhere, even the allocator. */
	if (sb->mem_limited)
		lua_sethook(sb->L, nr_sandbox__hook, LUA_MASKCOUNT, 1);
}

int nr_sandbox__raise(lua_State *L, int outcome, const char *fmt, ...)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	char msg[sizeof(sb->trip_msg)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	nr_sandbox__trip(sb, outcome, "%s", msg);
	return luaL_error(L, "%s", msg);
}

/* When the watchdog pokes: the sooner of the call's and the article's
 * deadlines. */
static int64_t watch_deadline(const nr_sandbox *sb)
{
	int64_t d = sb->deadline_ns, a = sb->article_ns;
	return !d || (a && a < d) ? a : d;
}

bool nr_sandbox__article_late(const nr_sandbox *sb)
{
	return sb->article_ns && nr__now_ns() >= sb->article_ns;
}

void nr_sandbox__extend(nr_sandbox *sb, int64_t ns)
{
	if (!sb->mem_limited || !sb->deadline_ns || ns <= 0)
		return;
	sb->deadline_ns += ns;
	if (sb->watch)
		atomic_store(&sb->watch->deadline_ns, watch_deadline(sb));
}

void nr_sandbox__arm(nr_sandbox *sb)
{
	sb->tripped = 0;
	sb->trip_msg[0] = '\0';
	sb->instr_used = 0;
	sb->deadline_ns = sb->deadline_ms ? nr__now_ns() + (int64_t)sb->deadline_ms * 1000000 : 0;
	sb->mem_limited = true;
	lua_sethook(sb->L, nr_sandbox__hook, LUA_MASKCOUNT, NR_HOOK_EVERY);
	if (!sb->watch && sb->deadline_ms) {
		if (nr_watch__start(&sb->own_watch, nr_sandbox__hook, sb->deadline_ms))
			nr_sandbox__trip(sb, NR_OUTCOME_ERR_MEMORY,
					 "cannot start the sandbox's watchdog thread");
		else
			sb->watch = &sb->own_watch;
	}
	if (sb->watch) {
		nr_watch__arm(sb->watch, sb->L, watch_deadline(sb));
		/* An interrupt that found nothing armed to poke. */
		if (sb->obey_stop && atomic_load(&sb->watch->stop))
			check_budgets(sb);
	}
}

void nr_sandbox__disarm(nr_sandbox *sb)
{
	if (sb->watch)
		nr_watch__disarm(sb->watch);
	sb->mem_limited = false;
	lua_sethook(sb->L, NULL, 0, 0);
}

bool nr_sandbox__deadline(const nr_sandbox *sb, nr_deadline *out)
{
	if (!sb->mem_limited)
		return false;
	out->at_ns = sb->deadline_ms ? nr__now_ns() + (int64_t)sb->deadline_ms * 1000000 : 0;
	if (sb->article_ns && (!out->at_ns || sb->article_ns < out->at_ns))
		out->at_ns = sb->article_ns;
	out->stop = sb->obey_stop && sb->watch ? &sb->watch->stop : NULL;
	return true;
}

void nr_sandbox__poll(lua_State *L)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	if (!sb->mem_limited)
		return;
	if (!sb->tripped)
		check_budgets(sb);
	if (sb->tripped)
		luaL_error(L, "%s", sb->trip_msg);
}

/* Message handler: one line naming where in a rule file things went wrong,
 * even when the error was raised by a C function (which has no line). */
static int msgh(lua_State *L)
{
	const char *msg = lua_tostring(L, 1);
	if (!msg) {
		if (luaL_callmeta(L, 1, "__tostring") && lua_type(L, -1) == LUA_TSTRING)
			msg = lua_tostring(L, -1);
		else
			msg = lua_pushfstring(L, "(error object is a %s value)",
					      luaL_typename(L, 1));
	}
	/* Prefix the innermost Lua line, unless the message already names a
	 * line on the stack (error(msg, 2) names the caller's). */
	lua_Debug ar;
	char first[LUA_IDSIZE + 24] = "";
	bool named = false;
	for (int level = 1; lua_getstack(L, level, &ar) && !named && level < 64; level++) {
		if (!lua_getinfo(L, "Sl", &ar) || ar.currentline <= 0)
			continue;
		char where[LUA_IDSIZE + 24];
		snprintf(where, sizeof(where), "%s:%d:", ar.short_src, ar.currentline);
		named = strncmp(msg, where, strlen(where)) == 0;
		if (!first[0])
			memcpy(first, where, sizeof(where));
	}
	if (!named && first[0])
		msg = lua_pushfstring(L, "%s %s", first, msg);
	/* Keep the message to one line of reasonable length. */
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	size_t n = 0;
	for (const char *p = msg; *p && n < 1000; p++, n++)
		luaL_addchar(&b, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p);
	luaL_pushresult(&b);
	return 1;
}

int nr_sandbox__pcall(lua_State *L, int nargs, int nresults)
{
	int base = lua_gettop(L) - nargs;
	lua_pushcfunction(L, msgh);
	lua_insert(L, base);
	int st = lua_pcall(L, nargs, nresults, base);
	lua_remove(L, base);
	if (st != LUA_OK && !lua_isstring(L, -1)) {
		lua_pop(L, 1);
		lua_pushstring(L,
			       st == LUA_ERRMEM ? "not enough memory" : "error in error handling");
	}
	return st;
}

/* ---- environments ----------------------------------------------------- */

/* Registry key of the allow-listed library the file environments copy. */
static const char TEMPLATE_KEY = 't';

static const char *const base_allowed[] = { "assert",       "error",    "ipairs",   "next",
					    "pairs",        "pcall",    "rawequal", "rawget",
					    "rawlen",       "rawset",   "select",   "tonumber",
					    "tostring",     "type",     "xpcall",   "getmetatable",
					    "setmetatable", "_VERSION", NULL };

/* Names a rule may try and must be told plainly it cannot have. */
static const char *const blocked[] = { "os",        "io",     "debug",
				       "package",   "load",   "loadstring",
				       "loadfile",  "dofile", "collectgarbage",
				       "coroutine", "module", "setfenv",
				       "getfenv",   NULL };

/* rawset that leaves protected tables alone: a rule file's environment
 * would otherwise keep raw globals past the per-call scratch. */
static int safe_rawset(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	if (lua_getmetatable(L, 1)) {
		lua_pushliteral(L, "__metatable");
		if (lua_rawget(L, -2) != LUA_TNIL)
			return nr_sandbox__raise(L, NR_OUTCOME_ERR_BLOCKED,
						 "rawset on a protected table (sandbox)");
		lua_pop(L, 2);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/*
 * xpcall whose handler runs after the stack unwinds. Lua runs a message
 * handler with hooks switched off when the error came from a hook (the
 * budget), so a handler that loops would escape every budget. Rules cannot
 * inspect the stack (no debug library), so they cannot tell the difference.
 */
static int safe_xpcall(lua_State *L)
{
	int n = lua_gettop(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 1);
	for (int i = 3; i <= n; i++)
		lua_pushvalue(L, i);
	if (lua_pcall(L, n - 2, LUA_MULTRET, 0) == LUA_OK) {
		lua_pushboolean(L, 1);
		lua_insert(L, n + 1);
		return lua_gettop(L) - n;
	}
	lua_pushvalue(L, 2);
	lua_insert(L, -2);
	lua_pcall(L, 1, 1, 0); /* the handler's result, or its own error */
	lua_pushboolean(L, 0);
	lua_insert(L, -2);
	return 2;
}

static void build_template(lua_State *L)
{
	luaL_requiref(L, "_G", luaopen_base, 1);
	int g = lua_gettop(L);
	lua_newtable(L);
	int t = lua_gettop(L);
	for (size_t i = 0; base_allowed[i]; i++) {
		lua_getfield(L, g, base_allowed[i]);
		lua_setfield(L, t, base_allowed[i]);
	}
	lua_pushcfunction(L, nr_sandbox__setmetatable);
	lua_setfield(L, t, "setmetatable");
	lua_pushcfunction(L, safe_xpcall);
	lua_setfield(L, t, "xpcall");
	lua_getfield(L, g, "rawset");
	lua_pushcclosure(L, safe_rawset, 1);
	lua_setfield(L, t, "rawset");
	lua_pushcfunction(L, nr_sandbox__tostring); /* no addresses */
	lua_setfield(L, t, "tostring");
	/* Empty the real globals: nothing should reach them, but if something
	 * did it would find nothing. */
	lua_pushnil(L);
	while (lua_next(L, g)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, g);
	}

	luaL_requiref(L, "string", luaopen_string, 0);
	int s = lua_gettop(L);
	lua_pushnil(L);
	lua_setfield(L, s, "dump");
	nr_sandbox__bound_string(L, s);
	nr_sandbox__wrap_format(L, s);
	lua_setfield(L, t, "string");
	/* The string metatable is shared by every string: hide it. */
	lua_pushliteral(L, "");
	if (lua_getmetatable(L, -1)) {
		lua_pushboolean(L, 0);
		lua_setfield(L, -2, "__metatable");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);

	luaL_requiref(L, "table", luaopen_table, 0);
	nr_sandbox__bound_table(L, lua_gettop(L));
	lua_setfield(L, t, "table");
	luaL_requiref(L, "math", luaopen_math, 0);
	/* Every state must see the same rule files: a fixed seed keeps
	 * math.random from making them differ between scanners. */
	lua_getfield(L, -1, "randomseed");
	lua_pushinteger(L, 20260101);
	lua_call(L, 1, 0);
	lua_setfield(L, t, "math");
	luaL_requiref(L, "utf8", luaopen_utf8, 0);
	lua_setfield(L, t, "utf8");
	for (const nr_sandbox_lib *lib = nr_sandbox__get(L)->libs; lib && lib->open; lib++) {
		if (!lib->name)
			continue;
		lib->open(L);
		lua_setfield(L, t, lib->name);
	}
	lua_rawsetp(L, LUA_REGISTRYINDEX, &TEMPLATE_KEY);
	/* luaL_requiref left the libraries in package.loaded-like
	 * registry._LOADED; harmless, as rules cannot reach the registry. */
	lua_pop(L, 1); /* g */
}

/* Copy table at idx one level deep (library tables are copied, not shared). */
static void copy_table(lua_State *L, int idx, bool deep)
{
	idx = lua_absindex(L, idx);
	lua_newtable(L);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		if (deep && lua_type(L, -1) == LUA_TTABLE) {
			copy_table(L, -1, false);
			lua_remove(L, -2);
		}
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -4);
	}
}

/* Upvalues: 1 top-level globals, 2 library copy, 3 holder {scratch, running}. */
static int env_index(lua_State *L)
{
	if (lua_rawgeti(L, lua_upvalueindex(3), 1) == LUA_TTABLE) {
		lua_pushvalue(L, 2);
		if (lua_rawget(L, -2) != LUA_TNIL)
			return 1;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	lua_pushvalue(L, 2);
	if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL)
		return 1;
	if (lua_type(L, 2) == LUA_TSTRING) {
		const char *k = lua_tostring(L, 2);
		for (size_t i = 0; blocked[i]; i++)
			if (!strcmp(k, blocked[i]))
				return nr_sandbox__raise(L, NR_OUTCOME_ERR_BLOCKED,
							 "'%s' is not available to rules (sandbox)",
							 k);
	}
	return 1;
}

static int env_newindex(lua_State *L)
{
	int mode = lua_rawgeti(L, lua_upvalueindex(3), 2);
	bool running = lua_toboolean(L, -1);
	lua_pop(L, 1);
	if (mode == LUA_TNUMBER) /* a module's, once loaded (env_freeze) */
		return luaL_error(
		    L,
		    "assignment to global '%s' in a module after it loaded: a module's "
		    "globals are read-only once it has run (use a local)",
		    lua_type(L, 2) == LUA_TSTRING ? lua_tostring(L, 2) : "?");
	if (!running) {
		lua_settop(L, 3);
		lua_rawset(L, lua_upvalueindex(1));
		return 0;
	}
	if (lua_rawgeti(L, lua_upvalueindex(3), 1) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_rawseti(L, lua_upvalueindex(3), 1);
	}
	lua_pushvalue(L, 2);
	lua_pushvalue(L, 3);
	lua_rawset(L, -3);
	return 0;
}

void nr_sandbox__push_env(lua_State *L, lua_CFunction rule_fn)
{
	lua_newtable(L); /* env */
	int env = lua_gettop(L);
	lua_newtable(L); /* env + 1: metatable */
	lua_newtable(L); /* env + 2: the file's top-level globals */
	lua_rawgetp(L, LUA_REGISTRYINDEX, &TEMPLATE_KEY);
	copy_table(L, -1, true); /* env + 3: the file's own library copy */
	lua_remove(L, -2);
	lua_pushcfunction(L, rule_fn);
	lua_setfield(L, -2, "rule");
	lua_createtable(L, 2, 0); /* env + 4: holder {scratch, running} */
	lua_pushboolean(L, 0);
	lua_rawseti(L, -2, 2);
	for (int i = 0; i < 2; i++) {
		lua_pushvalue(L, env + 2);
		lua_pushvalue(L, env + 3);
		lua_pushvalue(L, env + 4);
		lua_pushcclosure(L, i ? env_newindex : env_index, 3);
		lua_setfield(L, env + 1, i ? "__newindex" : "__index");
	}
	lua_pushvalue(L, env + 4);
	lua_setfield(L, env + 1, "__holder");
	lua_pushboolean(L, 0);
	lua_setfield(L, env + 1, "__metatable");
	lua_settop(L, env + 1);
	lua_setmetatable(L, env);
}

void nr_sandbox__env_tables(lua_State *L, int env_idx)
{
	env_idx = lua_absindex(L, env_idx);
	lua_getmetatable(L, env_idx);
	lua_getfield(L, -1, "__index");
	lua_getupvalue(L, -1, 1);
	lua_getupvalue(L, -2, 2);
	lua_rotate(L, -4, 2);
	lua_pop(L, 2);
}

bool nr_sandbox__blocked(const char *name)
{
	for (size_t i = 0; blocked[i]; i++)
		if (!strcmp(name, blocked[i]))
			return true;
	return false;
}

static void push_holder(lua_State *L, int env_idx)
{
	lua_getmetatable(L, env_idx);
	lua_getfield(L, -1, "__holder");
	lua_remove(L, -2);
}

void nr_sandbox__env_run(lua_State *L, int env_idx)
{
	env_idx = lua_absindex(L, env_idx);
	push_holder(L, env_idx);
	lua_pushboolean(L, 1);
	lua_rawseti(L, -2, 2);
	lua_pop(L, 1);
}

void nr_sandbox__env_freeze(lua_State *L, int env_idx)
{
	env_idx = lua_absindex(L, env_idx);
	push_holder(L, env_idx);
	lua_pushinteger(L, 2);
	lua_rawseti(L, -2, 2);
	lua_pop(L, 1);
}

void nr_sandbox__env_clear(lua_State *L, int env_idx)
{
	env_idx = lua_absindex(L, env_idx);
	push_holder(L, env_idx);
	lua_pushnil(L);
	lua_rawseti(L, -2, 1);
	lua_pop(L, 1);
}

/* ---- state ------------------------------------------------------------- */

static int open_state(lua_State *L)
{
	build_template(L);
	for (const nr_sandbox_lib *lib = nr_sandbox__get(L)->libs; lib && lib->open; lib++)
		if (!lib->name)
			lib->open(L);
	return 0;
}

/* PCRE2 contexts with the sandbox's limits; memory goes through sb_alloc. */
static int init_pcre(nr_sandbox *sb)
{
	sb->gctx = pcre2_general_context_create(pc_malloc, pc_free, sb);
	sb->cctx = pcre2_compile_context_create(sb->gctx);
	sb->mctx = pcre2_match_context_create(sb->gctx);
	sb->jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, sb->gctx);
	sb->md = pcre2_match_data_create(32, sb->gctx);
	if (!sb->gctx || !sb->cctx || !sb->mctx || !sb->md)
		return NR_ENOMEM;
	pcre2_set_match_limit(sb->mctx, 1000000);
	pcre2_set_depth_limit(sb->mctx, 10000);
	pcre2_set_heap_limit(sb->mctx, 16 * 1024); /* KiB */
	pcre2_set_max_pattern_length(sb->cctx, 8192);
	pcre2_set_parens_nest_limit(sb->cctx, 64);
	if (sb->jit_stack)
		pcre2_jit_stack_assign(sb->mctx, NULL, sb->jit_stack);
	return NR_OK;
}

static void free_pcre(nr_sandbox *sb)
{
	pcre2_match_data_free(sb->md);
	pcre2_jit_stack_free(sb->jit_stack);
	pcre2_match_context_free(sb->mctx);
	pcre2_compile_context_free(sb->cctx);
	pcre2_general_context_free(sb->gctx);
	sb->md = NULL;
	sb->jit_stack = NULL;
	sb->mctx = NULL;
	sb->cctx = NULL;
	sb->gctx = NULL;
}

int nr_sandbox__init(nr_sandbox *sb, size_t mem_cap, unsigned long instr_budget,
		     unsigned int deadline_ms, const nr_sandbox_lib *libs)
{
	memset(sb, 0, sizeof(*sb));
	sb->libs = libs;
	sb->lexp = &sb->own_lex;
	sb->mem_cap = mem_cap;
	sb->instr_budget = instr_budget;
	sb->deadline_ms = deadline_ms;
	sb->L = lua_newstate(sb_alloc, sb);
	if (!sb->L)
		return NR_ENOMEM;
	*(nr_sandbox **)lua_getextraspace(sb->L) = sb;
	/* Never let a warning reach stderr: the library does not print. */
	lua_setwarnf(sb->L, NULL, NULL);

	if (init_pcre(sb)) {
		nr_sandbox__close(sb);
		return NR_ENOMEM;
	}
	lua_pushcfunction(sb->L, open_state);
	if (lua_pcall(sb->L, 0, 0, 0) != LUA_OK) {
		nr_sandbox__close(sb);
		return NR_ENOMEM;
	}
	return NR_OK;
}

int nr_sandbox__init_host(nr_sandbox *sb, lua_State *L)
{
	memset(sb, 0, sizeof(*sb));
	sb->lexp = &sb->own_lex;
	sb->L = L;
	if (init_pcre(sb)) {
		free_pcre(sb);
		return NR_ENOMEM;
	}
	/* New coroutines copy the main thread's extra space: set it there
	 * too, in case the module is required from inside a coroutine. */
	*(nr_sandbox **)lua_getextraspace(L) = sb;
	lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD);
	lua_State *main = lua_tothread(L, -1);
	lua_pop(L, 1);
	if (main)
		*(nr_sandbox **)lua_getextraspace(main) = sb;
	return NR_OK;
}

void nr_sandbox__close_host(nr_sandbox *sb)
{
	free_pcre(sb);
	nr_lexicon_free(sb->own_lex);
	sb->own_lex = NULL;
	sb->L = NULL;
}

void nr_sandbox__close(nr_sandbox *sb)
{
	if (sb->watch == &sb->own_watch)
		nr_watch__stop(&sb->own_watch);
	sb->watch = NULL;
	if (sb->L)
		lua_close(sb->L);
	sb->L = NULL;
	free_pcre(sb);
	nr_lexicon_free(sb->own_lex);
	sb->own_lex = NULL;
}

const nr_lexicon *nr_sandbox__lexicon(lua_State *L)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	if (*sb->lexp)
		return *sb->lexp;
	int rc = nr_lexicon_new(sb->lexp);
	if (rc) {
		*sb->lexp = NULL;
		luaL_error(L, "lexicons: %s", nr_strerror(rc));
	}
	return *sb->lexp;
}
