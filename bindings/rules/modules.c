/*
 * modules.c - `require "name"` for rule files: Lua source (never C, never
 * bytecode) shared between rule files.
 *
 * A module is looked for, in order, in the requiring file's folder, in
 * `lib/` under that folder, in `lib/` under each rules directory given to
 * the set, and among the modules an embedder registered by name. While a
 * set loads, a module found on disk is read once and kept in the set with
 * the rule files' sources; a scanner only ever takes modules from the set,
 * so that every state runs the same text whatever happens on disk later.
 *
 * Each state runs a module once, the first time a file requires it, in an
 * environment of its own (with the same budgets as the file that asked),
 * and hands every later `require` the same value. A module's globals are
 * read-only once it has run: it is shared by every rule, and what one rule
 * wrote there would leak into the next article.
 */
#include "lua/objects.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NR_MODULE_NAME_MAX 128
/* Modules requiring modules: each level is a C call and a Lua call. */
#define NR_MODULE_DEPTH 64
/* How many levels of a failed chain its message names. */
#define NR_MODULE_NAMED 4
/* Candidate paths one require tries before it gives up; more rules
 * directories than this are searched, but only this many are named in the
 * "not found" message. */
#define NR_MODULE_TRIED 6

/* Registry keys: path -> the module's value (or LOADING while it runs), and
 * the chain of modules running now (for the cycle message). */
static const char LOADED_KEY = 'm';
static const char CHAIN_KEY = 'c';
static const char LOADING = 'l';

/* ---- the set's modules -------------------------------------------------- */

const nr_rmodule *nr_ruleset__module(const nr_ruleset *rs, const char *path, bool registered)
{
	for (size_t i = 0; i < rs->nmods; i++)
		if (rs->mods[i].registered == registered && !strcmp(rs->mods[i].path, path))
			return &rs->mods[i];
	return NULL;
}

static void feed_digest(nr_ruleset *rs, const char *path, const char *src, size_t len)
{
	uint64_t n = strlen(path);
	nr_ruleset__digest(rs, &n, sizeof(n));
	nr_ruleset__digest(rs, path, n);
	n = len;
	nr_ruleset__digest(rs, &n, sizeof(n));
	nr_ruleset__digest(rs, src, len);
}

const nr_rmodule *nr_ruleset__keep_module(nr_ruleset *rs, const char *path, const char *src,
					  size_t len, bool registered)
{
	if (rs->nmods == rs->cap_mods &&
	    !nr__grow((void **)&rs->mods, &rs->cap_mods, sizeof(*rs->mods), 8))
		return NULL;
	nr_rmodule *m = &rs->mods[rs->nmods];
	m->path = strdup(path);
	m->source = nr__memdup0(src, len);
	if (!m->path || !m->source) {
		free(m->path);
		free(m->source);
		return NULL;
	}
	m->len = len;
	m->registered = registered;
	m->dump = (nr_dump){ 0 };
	rs->nmods++;
	feed_digest(rs, path, src, len);
	return m;
}

int nr_ruleset_add_module(nr_ruleset *rs, const char *name, const char *source, size_t len)
{
	if (!rs || !name || (!source && len))
		return NR_EINVAL;
	if (atomic_load(&rs->frozen)) {
		snprintf(rs->last_error, sizeof(rs->last_error),
			 "rule set is in use by a scanner and can no longer change");
		return NR_EFROZEN;
	}
	if (!nr_ruleset__module_name_ok(name)) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR,
				 "%s: not a module name (letters, digits, '_' and '-', parts "
				 "joined by '.')",
				 name);
		return NR_EINVAL;
	}
	if (nr_ruleset__module(rs, name, true)) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: module already added", name);
		return NR_EINVAL;
	}
	if (len > rs->opts.max_file_bytes) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: module larger than the limit", name);
		return NR_ETOOBIG;
	}
	return nr_ruleset__keep_module(rs, name, source ? source : "", len, true) ? NR_OK
										  : NR_ENOMEM;
}

size_t nr_ruleset_module_count(const nr_ruleset *rs) { return rs ? rs->nmods : 0; }

const char *nr_ruleset_module(const nr_ruleset *rs, size_t i)
{
	return rs && i < rs->nmods ? rs->mods[i].path : NULL;
}

bool nr_ruleset__module_name_ok(const char *name)
{
	size_t n = strlen(name), part = 0;
	if (n == 0 || n > NR_MODULE_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = name[i];
		if (ch == '.') {
			if (part == 0)
				return false;
			part = 0;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'))
			return false;
		part++;
	}
	return part > 0;
}

/* ---- finding a module --------------------------------------------------- */

typedef struct search {
	char tried[NR_MODULE_TRIED][512];
	size_t ntried, more;
} search;

/* "dir/sub/rel": `sub` may be NULL; an empty dir is the working one. */
static bool join(char *out, size_t cap, const char *dir, size_t dlen, const char *sub,
		 const char *rel)
{
	int n = snprintf(out, cap, "%.*s%s%s%s%s", (int)dlen, dir, dlen ? "/" : "", sub ? sub : "",
			 sub ? "/" : "", rel);
	return n > 0 && (size_t)n < cap;
}

/* Read a module file into the set while it loads. NULL when there is no
 * such file; raises when there is one that cannot be read. */
static const nr_rmodule *read_module(lua_State *L, nr_ruleset *rs, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT || errno == ENOTDIR)
			return NULL;
		luaL_error(L, "cannot open module file '%s': %s", path, strerror(errno));
	}
	nr_buf b = NR_BUF_INIT;
	char chunk[65536];
	size_t n;
	bool big = false;
	while (!big && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		big = b.len + n > rs->opts.max_file_bytes;
		if (!big)
			nr_buf__put(&b, chunk, n);
	}
	bool bad = ferror(f) != 0;
	fclose(f);
	const nr_rmodule *m = NULL;
	if (!big && !bad && !b.oom)
		m = nr_ruleset__keep_module(rs, path, b.data ? b.data : "", b.len, false);
	nr_buf__free(&b);
	if (!m)
		luaL_error(L, "cannot read module file '%s': %s", path,
			   big   ? "larger than the rule file limit"
			   : bad ? "read error"
				 : "out of memory");
	return m;
}

/* The module at `path`: kept in the set, or (while the set loads) on disk. */
static const nr_rmodule *try_path(lua_State *L, search *sr, const char *path)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	const nr_ruleset *rs = sb->loading ? sb->loading : sb->shared;
	for (size_t i = 0; i < sr->ntried; i++)
		if (!strcmp(sr->tried[i], path))
			return NULL; /* tried already (a folder that is also a root) */
	if (sr->ntried < NR_MODULE_TRIED)
		snprintf(sr->tried[sr->ntried++], sizeof(sr->tried[0]), "%s", path);
	else
		sr->more++;
	const nr_rmodule *m = nr_ruleset__module(rs, path, false);
	if (!m && sb->loading)
		m = read_module(L, sb->loading, path);
	return m;
}

/* The folder of the code calling require: its chunk name is "@path". */
static size_t caller_dir(lua_State *L, char *out, size_t cap)
{
	lua_Debug ar;
	out[0] = '\0';
	if (!lua_getstack(L, 1, &ar) || !lua_getinfo(L, "S", &ar) || ar.source[0] != '@')
		return 0;
	const char *path = ar.source + 1;
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	if (slash && n == 0)
		n = 1; /* "/x.lua": the root folder */
	if (n >= cap)
		return 0;
	memcpy(out, path, n);
	out[n] = '\0';
	return n;
}

static const nr_rmodule *find_module(lua_State *L, const char *name, search *sr)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	const nr_ruleset *rs = sb->loading ? sb->loading : sb->shared;
	char rel[NR_MODULE_NAME_MAX + 8], dir[512], path[1024];
	size_t i = 0;
	for (; name[i]; i++)
		rel[i] = name[i] == '.' ? '/' : name[i];
	memcpy(rel + i, ".lua", 5);
	size_t dlen = caller_dir(L, dir, sizeof(dir));
	const char *subs[2] = { NULL, "lib" };
	const nr_rmodule *m = NULL;
	if (dlen || dir[0] == '\0')
		for (int k = 0; k < 2 && !m; k++)
			if (join(path, sizeof(path), dir, dlen, subs[k], rel))
				m = try_path(L, sr, path);
	for (size_t r = 0; r < rs->nroots && !m; r++)
		if (join(path, sizeof(path), rs->roots[r], strlen(rs->roots[r]), "lib", rel))
			m = try_path(L, sr, path);
	return m ? m : nr_ruleset__module(rs, name, true);
}

static int not_found(lua_State *L, const char *name, const search *sr)
{
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	for (size_t i = 0; i < sr->ntried; i++) {
		luaL_addstring(&b, i ? ", '" : "'");
		luaL_addstring(&b, sr->tried[i]);
		luaL_addchar(&b, '\'');
	}
	luaL_pushresult(&b);
	if (sr->more) {
		lua_pushfstring(L, " and %d more", (int)sr->more);
		lua_concat(L, 2);
	}
	return luaL_error(L,
			  "module '%s' not found (tried %s, and no module added under that name)",
			  name, lua_tostring(L, -1));
}

/* ---- running it --------------------------------------------------------- */

static int module_rule(lua_State *L)
{
	return luaL_error(L, "rule{} belongs in a rule file, not in a module");
}

/* The chain "a -> b -> a" of modules running now, ending with `name`. */
static int cycle(lua_State *L, int chain, const char *name)
{
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	lua_Integer n = luaL_len(L, chain);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, chain, i);
		luaL_addvalue(&b);
		luaL_addstring(&b, " -> ");
	}
	luaL_addstring(&b, name);
	luaL_pushresult(&b);
	return luaL_error(L, "require cycle: %s", lua_tostring(L, -1));
}

static void push_table(lua_State *L, const void *key)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, key) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, key);
	}
}

/* A module that failed is no longer running: a later require (one a
 * pcall let through) tries again and reports its own error, not a cycle. */
static void failed(lua_State *L, int loaded, int chain, const nr_rmodule *m)
{
	lua_pushstring(L, m->path);
	lua_pushnil(L);
	lua_rawset(L, loaded);
	lua_pushnil(L);
	lua_rawseti(L, chain, luaL_len(L, chain));
}

/* Run module `m` with the LOADED table at `loaded`, the CHAIN at `chain`:
 * pushes the chunk, its environment and its value, or raises with the
 * module's own message. */
static void run_module(lua_State *L, const char *name, const nr_rmodule *m, size_t idx, int loaded,
		       int chain)
{
	lua_pushstring(L, name);
	lua_rawseti(L, chain, luaL_len(L, chain) + 1);
	lua_pushfstring(L, "@%s", m->path);
	/* Parsed once per set: the first state that runs the module while
	 * the set loads keeps its chunk, every later state loads that. */
	const char *chunkname = lua_tostring(L, -1);
	int ld = m->dump.bc ? nr_sandbox__load_dump(L, m->dump.bc, m->dump.len, chunkname)
			    : nr_sandbox__load(L, m->source, m->len, chunkname);
	if (ld != LUA_OK) {
		failed(L, loaded, chain, m);
		luaL_error(L, "in module '%s': %s", name, lua_tostring(L, -1));
	}
	nr_ruleset *rs = nr_sandbox__get(L)->loading;
	nr_dump *keep = rs && !m->dump.bc ? &rs->mods[idx].dump : NULL;
	if (keep && !keep->bc && !nr_sandbox__dump(L, &keep->bc, &keep->len))
		*keep = (nr_dump){ 0 };
	lua_remove(L, -2);
	nr_sandbox__push_env(L, module_rule);
	int env = lua_gettop(L);
	lua_pushvalue(L, env);
	lua_setupvalue(L, env - 1, 1);
	lua_pushvalue(L, env - 1);
	int st = lua_pcall(L, 0, 1, 0);
	if (st != LUA_OK) {
		lua_Integer depth = luaL_len(L, chain);
		failed(L, loaded, chain, m);
		/* A tripped budget stays tripped (the hook raises again); other
		 * errors name the module and the line in it, for the outer
		 * levels of a chain only, so that the cause stays in view. */
		if (st == LUA_ERRMEM || !lua_isstring(L, -1) || depth > NR_MODULE_NAMED)
			lua_error(L);
		luaL_error(L, "in module '%s': %s", name, lua_tostring(L, -1));
	}
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushnil(L);
	lua_rawseti(L, chain, luaL_len(L, chain));
	nr_sandbox__env_freeze(L, env);
}

int nr_rules__require(lua_State *L)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	const char *name = luaL_checkstring(L, 1);
	lua_settop(L, 1);
	if (!sb->decl)
		return nr_sandbox__raise(L, NR_OUTCOME_ERR_BLOCKED,
					 "'require' only works while a rule file loads (at its top "
					 "level, not in match): require the module there and keep "
					 "it in a local");
	if (!sb->loading && !sb->shared)
		return luaL_error(L, "'require' needs a rule set");
	if (!nr_ruleset__module_name_ok(name))
		return luaL_error(L,
				  "'%s' is not a module name: letters, digits, '_' and '-', "
				  "parts joined by '.' (\"lib.actors\" is lib/actors.lua)",
				  name);
	search sr = { .ntried = 0, .more = 0 };
	const nr_rmodule *found = find_module(L, name, &sr);
	if (!found)
		return not_found(L, name, &sr);
	/* A copy: the set's array moves when a module this one requires is
	 * read from disk; the strings it points to stay. */
	const nr_ruleset *set = sb->loading ? sb->loading : sb->shared;
	size_t idx = (size_t)(found - set->mods);
	const nr_rmodule copy = *found, *m = &copy;
	push_table(L, &LOADED_KEY); /* 2 */
	push_table(L, &CHAIN_KEY);  /* 3 */
	if (luaL_len(L, 3) >= NR_MODULE_DEPTH)
		return luaL_error(L, "modules nested more than %d deep (module '%s')",
				  NR_MODULE_DEPTH, name);
	lua_pushstring(L, m->path);
	int t = lua_rawget(L, 2);
	if (t == LUA_TLIGHTUSERDATA && lua_touserdata(L, -1) == &LOADING)
		return cycle(L, 3, name);
	if (t != LUA_TNIL)
		return 1;
	lua_pop(L, 1);
	lua_pushstring(L, m->path);
	lua_pushlightuserdata(L, (void *)&LOADING);
	lua_rawset(L, 2);
	int top = lua_gettop(L);
	run_module(L, name, m, idx, 2, 3);
	lua_pushstring(L, m->path);
	lua_pushvalue(L, -2);
	lua_rawset(L, 2);
	lua_replace(L, top + 1);
	lua_settop(L, top + 1);
	return 1;
}

void nr_rules__open_require(lua_State *L) { lua_pushcfunction(L, nr_rules__require); }
