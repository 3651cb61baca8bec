/*
 * luaruleset.c - rule sets in the `newsrules` Lua module: load rules and
 * scan articles from the stock interpreter, as `newsrules scan` does.
 *
 *   local nr = require "newsrules"
 *   local rs = assert(nr.ruleset { paths = { "rules/" } })
 *   for _, al in ipairs(rs:scan(nr.from_text("Pakistan denied the report."))) do
 *     print(al.rule, al.message, al.actor)
 *   end
 *
 * A set owns one scanner (sandboxed Lua state of its own, watchdog thread),
 * made on the first scan and freed with the set. Alerts come back as plain
 * Lua tables built inside a protected call, so that a memory error while
 * one is built never unwinds through the scanner.
 */
#include "lua/objects.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#define NR_MT_RULESET "newsrules.RuleSet"

typedef struct l_ruleset {
	nr_ruleset *rs;
	nr_scanner *sc;
	nr_scanner_options so;
} l_ruleset;

static l_ruleset *check_set(lua_State *L)
{
	l_ruleset *r = luaL_checkudata(L, 1, NR_MT_RULESET);
	if (!r->rs)
		luaL_error(L, "rule set already freed");
	return r;
}

static int set_gc(lua_State *L)
{
	l_ruleset *r = luaL_checkudata(L, 1, NR_MT_RULESET);
	nr_scanner_free(r->sc);
	nr_ruleset_free(r->rs);
	r->sc = NULL;
	r->rs = NULL;
	return 0;
}

static int set_tostring(lua_State *L)
{
	l_ruleset *r = luaL_checkudata(L, 1, NR_MT_RULESET);
	if (!r->rs)
		lua_pushliteral(L, "newsrules.RuleSet(freed)");
	else
		lua_pushfstring(L, "newsrules.RuleSet(%d rules, %s)",
				(int)nr_ruleset_rule_count(r->rs), nr_ruleset_hash(r->rs));
	return 1;
}

/* ---- nr.ruleset{...} --------------------------------------------------- */

static lua_Integer opt_count(lua_State *L, int t, const char *key)
{
	lua_getfield(L, t, key);
	lua_Integer v = 0;
	if (!lua_isnil(L, -1)) {
		int ok;
		v = lua_tointegerx(L, -1, &ok);
		if (!ok || v < 0)
			luaL_error(L, "ruleset: '%s' must be a non-negative integer", key);
	}
	lua_pop(L, 1);
	return v;
}

/* The strings of t[key]: a string or a list of them, each to `add`. */
static void each_string(lua_State *L, int t, const char *key, l_ruleset *r,
			int (*add)(nr_ruleset *, const char *))
{
	int type = lua_getfield(L, t, key);
	if (type == LUA_TSTRING) {
		add(r->rs, lua_tostring(L, -1));
	} else if (type == LUA_TTABLE) {
		for (lua_Integer i = 1; lua_rawgeti(L, -1, i) != LUA_TNIL; i++) {
			if (lua_type(L, -1) != LUA_TSTRING)
				luaL_error(L, "ruleset: %s[%d] is not a string", key, (int)i);
			add(r->rs, lua_tostring(L, -1));
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	} else if (type != LUA_TNIL) {
		luaL_error(L, "ruleset: '%s' must be a string or a list of strings", key);
	}
	lua_pop(L, 1);
}

/* t[key] = { name = source, ... }: modules or rule sources by name. */
static void each_named(lua_State *L, int t, const char *key, l_ruleset *r, bool modules)
{
	int type = lua_getfield(L, t, key);
	if (type == LUA_TNIL) {
		lua_pop(L, 1);
		return;
	}
	luaL_argcheck(L, type == LUA_TTABLE, 1, "'sources' and 'modules' map names to sources");
	lua_pushnil(L);
	while (lua_next(L, -2)) {
		if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "ruleset: %s maps names to source strings", key);
		size_t len;
		const char *src = lua_tolstring(L, -1, &len);
		const char *name = lua_tostring(L, -2);
		int rc = modules ? nr_ruleset_add_module(r->rs, name, src, len)
				 : nr_ruleset_add_string(r->rs, name, src, len);
		if (modules && rc)
			luaL_error(L, "ruleset: module '%s': %s", name, nr_strerror(rc));
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

static int add_path(nr_ruleset *rs, const char *p) { return nr_ruleset_add_path(rs, p); }

/* The set's error diagnostics, one a line; nil when there are none. */
static bool push_errors(lua_State *L, const nr_ruleset *rs)
{
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	int n = 0;
	for (size_t i = 0; i < nr_ruleset_diagnostic_count(rs); i++) {
		nr_diag_level level;
		const char *d = nr_ruleset_diagnostic(rs, i, &level);
		if (level != NR_DIAG_ERROR)
			continue;
		if (n++)
			luaL_addchar(&b, '\n');
		luaL_addstring(&b, d);
	}
	luaL_pushresult(&b);
	if (n)
		return true;
	lua_pop(L, 1);
	return false;
}

/*
 * nr.ruleset{ paths =, sources =, modules =, lint =, max_instructions =,
 *             max_memory =, deadline_ms = } -> set, or nil, errors
 */
static int l_ruleset_new(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	l_ruleset *r = lua_newuserdatauv(L, sizeof(*r), 0);
	memset(r, 0, sizeof(*r));
	luaL_setmetatable(L, NR_MT_RULESET);
	nr_ruleset_options ro = NR_RULESET_OPTIONS_INIT;
	lua_getfield(L, 1, "lint");
	ro.lint = lua_toboolean(L, -1);
	lua_pop(L, 1);
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_instructions = (unsigned long)opt_count(L, 1, "max_instructions");
	so.max_memory = (size_t)opt_count(L, 1, "max_memory");
	so.deadline_ms = (unsigned int)opt_count(L, 1, "deadline_ms");
	r->so = so;
	if (nr_ruleset_new(&r->rs, &ro) != NR_OK)
		return luaL_error(L, "ruleset: out of memory");
	each_named(L, 1, "modules", r, true);
	each_string(L, 1, "paths", r, add_path);
	each_named(L, 1, "sources", r, false);
	if (push_errors(L, r->rs)) {
		lua_pushnil(L);
		lua_insert(L, -2);
		return 2;
	}
	if (nr_ruleset_rule_count(r->rs) == 0) {
		lua_pushnil(L);
		lua_pushliteral(L, "ruleset: no rules (give paths or sources)");
		return 2;
	}
	return 1;
}

/* ---- methods ---------------------------------------------------------------- */

static int set_rules(lua_State *L)
{
	l_ruleset *r = check_set(L);
	size_t n = nr_ruleset_rule_count(r->rs);
	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		int line = 0;
		lua_createtable(L, 0, 6);
		lua_pushstring(L, nr_ruleset_rule_id(r->rs, i));
		lua_setfield(L, -2, "id");
		lua_pushstring(L, nr_ruleset_rule_title(r->rs, i));
		lua_setfield(L, -2, "title");
		lua_pushstring(L, nr_ruleset_rule_severity(r->rs, i));
		lua_setfield(L, -2, "severity");
		lua_pushstring(L, nr_ruleset_rule_file(r->rs, i, &line));
		lua_setfield(L, -2, "file");
		lua_pushinteger(L, line);
		lua_setfield(L, -2, "line");
		size_t nt = nr_ruleset_rule_tag_count(r->rs, i);
		lua_createtable(L, (int)nt, 0);
		for (size_t t = 0; t < nt; t++) {
			lua_pushstring(L, nr_ruleset_rule_tag(r->rs, i, t));
			lua_rawseti(L, -2, (lua_Integer)t + 1);
		}
		lua_setfield(L, -2, "tags");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static int set_diagnostics(lua_State *L)
{
	static const char *const levels[] = { "error", "warning" };
	l_ruleset *r = check_set(L);
	size_t n = nr_ruleset_diagnostic_count(r->rs);
	lua_createtable(L, (int)n, 0);
	for (size_t i = 0; i < n; i++) {
		nr_diag_level level;
		const char *d = nr_ruleset_diagnostic(r->rs, i, &level);
		lua_createtable(L, 0, 2);
		lua_pushstring(L, (unsigned)level < 2 ? levels[level] : "warning");
		lua_setfield(L, -2, "level");
		lua_pushstring(L, d);
		lua_setfield(L, -2, "text");
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 1;
}

static int set_hash(lua_State *L)
{
	lua_pushstring(L, nr_ruleset_hash(check_set(L)->rs));
	return 1;
}

/* ---- alerts as tables ------------------------------------------------------ */

static void push_json(lua_State *L, json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_STRING: lua_pushlstring(L, json_string_value(v), json_string_length(v)); break;
	case JSON_INTEGER: lua_pushinteger(L, (lua_Integer)json_integer_value(v)); break;
	case JSON_REAL: lua_pushnumber(L, json_real_value(v)); break;
	case JSON_TRUE:
	case JSON_FALSE: lua_pushboolean(L, json_is_true(v)); break;
	default: lua_pushnil(L);
	}
}

static void set_lstring(lua_State *L, const char *key, const char *s, size_t len)
{
	if (!s)
		return;
	lua_pushlstring(L, s, len);
	lua_setfield(L, -2, key);
}

static void push_parties(lua_State *L, const nr_alert *al)
{
	set_lstring(L, "actor", nr_alert_actor(al), nr_alert_actor_len(al));
	set_lstring(L, "target", nr_alert_target(al), nr_alert_target_len(al));
	static const char *const keys[2][2] = { { "actor_id", "actor_canonical" },
						{ "target_id", "target_canonical" } };
	for (int p = 0; p < 2; p++) {
		const char *id = NULL, *canonical = NULL;
		nr_alert_identity(al, p ? NR_PARTY_TARGET : NR_PARTY_ACTOR, &id, &canonical);
		if (id)
			set_lstring(L, keys[p][0], id, strlen(id));
		if (canonical)
			set_lstring(L, keys[p][1], canonical, strlen(canonical));
	}
}

/* Protected: (json object) -> its members into a new table. */
static int fields_table(lua_State *L)
{
	json_t *root = lua_touserdata(L, 1);
	lua_newtable(L);
	const char *k;
	json_t *v;
	json_object_foreach(root, k, v)
	{
		push_json(L, v);
		lua_setfield(L, -2, k);
	}
	return 1;
}

/* alert.fields: the rule's fields, parsed (the json_t is freed even when
 * Lua runs out of memory midway). */
static void push_fields(lua_State *L, const nr_alert *al)
{
	const char *fj = nr_alert_fields_json(al);
	json_t *root = fj ? json_loads(fj, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL) : NULL;
	if (!json_is_object(root)) {
		json_decref(root);
		lua_newtable(L);
		lua_setfield(L, -2, "fields");
		return;
	}
	lua_pushcfunction(L, fields_table);
	lua_pushlightuserdata(L, root);
	int st = lua_pcall(L, 1, 1, 0);
	json_decref(root);
	if (st != LUA_OK)
		lua_error(L);
	lua_setfield(L, -2, "fields");
}

/* Protected: (list, alert) -> appends the alert's table to list. */
static int build_alert(lua_State *L)
{
	const nr_alert *al = lua_touserdata(L, 2);
	lua_createtable(L, 0, 12);
	lua_pushstring(L, nr_alert_rule_id(al));
	lua_setfield(L, -2, "rule");
	lua_pushstring(L, nr_alert_title(al));
	lua_setfield(L, -2, "title");
	lua_pushstring(L, nr_alert_severity(al));
	lua_setfield(L, -2, "severity");
	set_lstring(L, "message", nr_alert_message(al), nr_alert_message_len(al));
	size_t nt = nr_alert_tag_count(al);
	lua_createtable(L, (int)nt, 0);
	for (size_t i = 0; i < nt; i++) {
		lua_pushstring(L, nr_alert_tag(al, i));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "tags");
	push_parties(L, al);
	size_t ne = nr_alert_evidence_count(al);
	lua_createtable(L, (int)ne, 0);
	for (size_t i = 0; i < ne; i++) {
		const char *text = NULL;
		nr_span sp = nr_alert_evidence(al, i, &text);
		lua_createtable(L, 0, 3);
		lua_pushinteger(L, (lua_Integer)sp.start + 1); /* as spans: 1-based, inclusive */
		lua_setfield(L, -2, "start");
		lua_pushinteger(L, (lua_Integer)sp.end);
		lua_setfield(L, -2, "stop");
		if (text)
			set_lstring(L, "text", text, sp.end - sp.start);
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	lua_setfield(L, -2, "evidence");
	char *json = NULL;
	if (nr_alert_to_json(al, &json) == NR_OK) {
		lua_pushstring(L, json);
		nr_free(json);
		lua_setfield(L, -2, "json");
	}
	push_fields(L, al);
	lua_rawseti(L, 1, (lua_Integer)lua_rawlen(L, 1) + 1);
	return 0;
}

typedef struct scan_state {
	lua_State *L;
	int list;
	bool failed;
} scan_state;

static int on_alert(const nr_alert *al, void *payload)
{
	scan_state *st = payload;
	lua_State *L = st->L;
	lua_pushcfunction(L, build_alert);
	lua_pushvalue(L, st->list);
	lua_pushlightuserdata(L, (void *)al);
	if (lua_pcall(L, 2, 0, 0) != LUA_OK) {
		st->failed = true;
		return 1; /* the message stays on the stack */
	}
	return 0;
}

/* The article argument: an article of the module, or text. */
static nr_article *scan_article(lua_State *L, int idx)
{
	nr_lua_article *ua = nr_lua__test(L, idx, NR_T_ARTICLE);
	if (ua)
		return ua->h.a;
	size_t len;
	const char *text = lua_tolstring(L, idx, &len);
	luaL_argcheck(L, text != NULL, idx, "an article (nr.from_text, nr.read) or a string");
	nr_article *a = NULL;
	int rc = nr_article_from_text(&a, text, len, NULL);
	if (rc)
		luaL_error(L, "scan: %s", nr_strerror(rc));
	nr_article__lua_push_owned(L, a); /* freed with the userdata */
	lua_replace(L, idx);
	return a;
}

/* rs:scan(article or text) -> list of alerts [, list of rule errors] */
static int set_scan(lua_State *L)
{
	l_ruleset *r = check_set(L);
	lua_settop(L, 2);
	nr_article *a = scan_article(L, 2);
	if (!r->sc) {
		int rc = nr_scanner_new(&r->sc, r->rs, &r->so);
		if (rc) {
			lua_pushfstring(L, "scan: %s",
					r->sc ? nr_scanner_last_error(r->sc) : nr_strerror(rc));
			nr_scanner_free(r->sc);
			r->sc = NULL;
			return lua_error(L);
		}
	}
	lua_newtable(L);
	scan_state st = { L, lua_gettop(L), false };
	int rc = nr_scanner_scan(r->sc, a, on_alert, &st);
	if (st.failed)
		return lua_error(L);
	if (rc == NR_ENOMEM || rc == NR_ERULE)
		return luaL_error(L, "scan: %s", nr_strerror(rc));
	size_t ne = nr_scanner_error_count(r->sc);
	if (!ne)
		return 1;
	lua_createtable(L, (int)ne, 0);
	for (size_t i = 0; i < ne; i++) {
		lua_pushstring(L, nr_scanner_error(r->sc, i));
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	return 2;
}

int nr_luamod__ruleset(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{ "scan", set_scan }, { "rules", set_rules }, { "diagnostics", set_diagnostics },
		{ "hash", set_hash }, { NULL, NULL },
	};
	if (luaL_newmetatable(L, NR_MT_RULESET)) {
		luaL_newlib(L, methods);
		lua_setfield(L, -2, "__index");
		lua_pushcfunction(L, set_gc);
		lua_setfield(L, -2, "__gc");
		lua_pushcfunction(L, set_tostring);
		lua_setfield(L, -2, "__tostring");
	}
	lua_pop(L, 1);
	lua_pushcfunction(L, l_ruleset_new);
	return 1;
}
