/*
 * declare.c - rule{} while a rule file loads: the collector behind it,
 * the checks of every field (id, title, severity, tags, keywords,
 * examples, match), and running one file in a declaration environment.
 * A set loading its files keeps nr_rule records; a scanner running them
 * again keeps only the match functions.
 */
#include "lua/objects.h"

#include <stdlib.h>
#include <string.h>

#define NR_MAX_ID 64
#define NR_MAX_LIST 256

typedef struct rule_site {
	nr_collector *c;
	lua_State *L;
	int line;
	const char *id; /* for messages, once known */
	bool bad;
} rule_site;

static void site_error(rule_site *st, const char *fmt, ...) NR_PRINTF(2, 3);

static void site_error(rule_site *st, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	st->bad = true;
	st->c->nerrors++;
	if (st->c->rs)
		nr_ruleset__diag(st->c->rs, NR_DIAG_ERROR, "%s:%d: rule%s%s%s: %s", st->c->file,
				 st->line, st->id ? " '" : "", st->id ? st->id : "",
				 st->id ? "'" : "", buf);
}

static bool valid_id(const char *s, size_t len)
{
	if (len == 0 || len > NR_MAX_ID)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return false;
	}
	return true;
}

/* A raw field of the table at 1 (no metamethods: nothing a rule file
 * plants can run here). */
static int raw_field(lua_State *L, const char *key)
{
	lua_pushstring(L, key);
	return lua_rawget(L, 1);
}

/* One entry of a string list (at the top of the stack): checked and
 * copied (lowercased for keywords), or NULL after reporting why. */
static char *list_item(rule_site *st, const char *field, size_t i, bool lower, bool words)
{
	lua_State *L = st->L;
	if (lua_type(L, -1) != LUA_TSTRING) {
		site_error(st, "%s[%zu] must be a string, not a %s", field, i,
			   luaL_typename(L, -1));
		return NULL;
	}
	size_t len;
	const char *s = lua_tolstring(L, -1, &len);
	if (len == 0 || strlen(s) != len) {
		site_error(st, "%s[%zu] is empty or holds a NUL byte", field, i);
		return NULL;
	}
	if (words && !valid_id(s, len)) {
		site_error(st, "%s[%zu] '%s' must match [a-z0-9._-]+", field, i, s);
		return NULL;
	}
	char *d = strdup(s);
	if (!d) {
		site_error(st, "out of memory");
		return NULL;
	}
	if (lower)
		for (char *p = d; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p - 'A' + 'a');
	return d;
}

/* The keywords as the rule wrote them, when one has a capital (what a
 * hit's .keyword says); NULL when they are all lowercase already. The
 * list was checked (string_list): reading it again raw runs no code. */
static void keep_declared(rule_site *st, nr_rule *r)
{
	lua_State *L = st->L;
	raw_field(L, "keywords");
	for (size_t i = 0; i < r->nkeywords; i++) {
		lua_rawgeti(L, -1, (lua_Integer)i + 1);
		const char *s = lua_tostring(L, -1);
		if (s && strcmp(s, r->keywords[i]) && !r->declared) {
			r->declared = calloc(r->nkeywords, sizeof(*r->declared));
			for (size_t j = 0; r->declared && j < i; j++)
				r->declared[j] = strdup(r->keywords[j]);
		}
		if (r->declared)
			r->declared[i] = strdup(s ? s : "");
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	for (size_t i = 0; r->declared && i < r->nkeywords; i++)
		if (!r->declared[i]) { /* out of memory: the lowercase forms do */
			for (size_t j = 0; j < r->nkeywords; j++)
				free(r->declared[j]);
			free(r->declared);
			r->declared = NULL;
		}
}

/* A list field at the top of the stack: nil (no entries) or a table of
 * at most NR_MAX_LIST. Its length, or -1 after reporting why and popping
 * it. */
static long list_length(rule_site *st, const char *field, const char *what)
{
	lua_State *L = st->L;
	int t = lua_type(L, -1);
	if (t == LUA_TNIL)
		return 0;
	if (t != LUA_TTABLE) {
		site_error(st, "'%s' must be %s, not a %s", field, what, luaL_typename(L, -1));
		lua_pop(L, 1);
		return -1;
	}
	size_t n = lua_rawlen(L, -1);
	if (n > NR_MAX_LIST) {
		site_error(st, "'%s' has more than %d entries", field, NR_MAX_LIST);
		lua_pop(L, 1);
		return -1;
	}
	return (long)n;
}

/* Read a list of strings at the top of the stack (popped). */
static bool string_list(rule_site *st, const char *field, bool lower, bool words, char ***out,
			size_t *nout)
{
	lua_State *L = st->L;
	long n = list_length(st, field, "a list of strings");
	if (n < 0)
		return false;
	if (n == 0) {
		lua_pop(L, 1);
		return true;
	}
	char **v = calloc((size_t)n, sizeof(*v));
	if (!v) {
		site_error(st, "out of memory");
		lua_pop(L, 1);
		return false;
	}
	/* Owned by the pending rule from here, so a raise cannot leak it. */
	*out = v;
	*nout = 0;
	for (long i = 1; i <= n; i++) {
		lua_rawgeti(L, -1, (lua_Integer)i);
		char *d = list_item(st, field, (size_t)i, lower, words);
		lua_pop(L, 1);
		if (!d) {
			lua_pop(L, 1);
			return false;
		}
		v[(*nout)++] = d;
	}
	lua_pop(L, 1);
	return true;
}

/* A problem of an example, at the example's own line. */
static void example_report(void *site, int line, const char *msg)
{
	rule_site *st = site;
	int rule_line = st->line;
	st->line = line;
	site_error(st, "%s", msg);
	st->line = rule_line;
}

/* The examples list at the top of the stack (popped). */
static bool parse_examples(rule_site *st, nr_rule *r)
{
	lua_State *L = st->L;
	int t = lua_type(L, -1);
	if (t != LUA_TNIL && t != LUA_TTABLE) {
		site_error(st, "'examples' must be a list of {text=..., expect=N}");
		lua_pop(L, 1);
		return false;
	}
	long n = list_length(st, "examples", "a list");
	if (n < 0)
		return false;
	if (n == 0) {
		lua_pop(L, 1);
		return true;
	}
	r->examples = calloc((size_t)n, sizeof(*r->examples));
	if (!r->examples) {
		site_error(st, "out of memory");
		lua_pop(L, 1);
		return false;
	}
	int list = lua_gettop(L);
	nr_example_cursor cur;
	nr_example__cursor(&cur, st->c->src, st->c->len, st->line);
	bool ok = true;
	for (long i = 1; i <= n; i++) {
		if (lua_rawgeti(L, list, (lua_Integer)i) != LUA_TTABLE) {
			site_error(st, "examples[%ld] must be a table {text=..., expect=N}", i);
			ok = false;
			break;
		}
		/* Every example is read, so that `check` reports them all. */
		ok &= nr_example__parse(L, lua_gettop(L), (size_t)i, &r->examples[r->nexamples++],
					&cur, example_report, st);
		lua_pop(L, 1);
	}
	lua_settop(L, list - 1);
	return ok;
}

/* The id, checked: it names the rule in every later message. */
static void read_id(rule_site *st, nr_rule *r)
{
	lua_State *L = st->L;
	size_t len;
	if (raw_field(L, "id") != LUA_TSTRING) {
		site_error(st, "'id' must be a string");
	} else {
		const char *id = lua_tolstring(L, -1, &len);
		if (!valid_id(id, len))
			site_error(st, "id '%s' must be 1-%d characters of [a-z0-9._-]", id,
				   NR_MAX_ID);
		else if (!(r->id = strdup(id)))
			site_error(st, "out of memory");
		st->id = r->id;
	}
	lua_pop(L, 1);
}

/* A misspelt field would silently do nothing: every key must be known. */
static void check_rule_keys(rule_site *st)
{
	static const char *const fields[] = { "id",       "title",    "severity", "tags",
					      "keywords", "examples", "match",    NULL };
	lua_State *L = st->L;
	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pop(L, 1);
		const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
		bool known = false;
		for (size_t i = 0; k && fields[i]; i++)
			known |= !strcmp(k, fields[i]);
		if (!known)
			site_error(st,
				   "unknown field '%s' (id, title, severity, tags, keywords, "
				   "examples, match)",
				   k ? k : "(not a string)");
	}
}

/* Title and severity, which every alert of the rule carries. */
static void read_title_severity(rule_site *st, nr_rule *r)
{
	lua_State *L = st->L;
	if (raw_field(L, "title") != LUA_TSTRING || lua_rawlen(L, -1) == 0 ||
	    strlen(lua_tostring(L, -1)) != lua_rawlen(L, -1) ||
	    !nr_utf8__valid(lua_tostring(L, -1), lua_rawlen(L, -1)))
		site_error(st, "'title' must be a non-empty UTF-8 string");
	else if (!(r->title = strdup(lua_tostring(L, -1))))
		site_error(st, "out of memory");
	lua_pop(L, 1);
	if (raw_field(L, "severity") != LUA_TSTRING || nr_severity_rank(lua_tostring(L, -1)) < 0)
		site_error(st, "'severity' must be one of info, low, medium, high, critical");
	else if (!(r->severity = strdup(lua_tostring(L, -1))))
		site_error(st, "out of memory");
	lua_pop(L, 1);
}

/* A rule that passed every check: a scanner keeps its match function (at
 * `match`), a loading set its record. */
static void keep_rule(rule_site *st, nr_rule *r, int match)
{
	lua_State *L = st->L;
	nr_collector *c = st->c;
	if (c->matches_ref > 0) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, c->matches_ref);
		lua_pushstring(L, r->id);
		lua_pushvalue(L, match);
		lua_rawset(L, -3);
		lua_pop(L, 1);
	}
	if (c->scanner) {
		nr_rule__free(r);
		return;
	}
	if (c->nrules == c->cap_rules &&
	    !nr__grow((void **)&c->rules, &c->cap_rules, sizeof(*c->rules), 8)) {
		site_error(st, "out of memory");
		nr_rule__free(r);
		return;
	}
	c->rules[c->nrules++] = *r;
	memset(r, 0, sizeof(*r));
}

/* rule{...}: every problem of the declaration is reported, not just the
 * first, so that one `check` run shows them all. */
static int rule_fn(lua_State *L)
{
	/* Never a pointer kept in the closure: match() may call rule{} long
	 * after the file loaded, when what it pointed to is gone. */
	nr_collector *c = nr_sandbox__get(L)->decl;
	if (!c)
		return luaL_error(L, "rule{} can only be called while a rule file loads");
	rule_site st = { c, L, 0, NULL, false };
	lua_Debug ar;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
		st.line = ar.currentline;
	if (lua_gettop(L) != 1 || lua_type(L, 1) != LUA_TTABLE) {
		site_error(
		    &st,
		    "rule expects one table: rule { id = ..., match = function(article) ... end }");
		return 0;
	}
	nr_rule *r = &c->pending;
	nr_rule__free(r);
	r->line = st.line;
	read_id(&st, r);
	check_rule_keys(&st);
	read_title_severity(&st, r);
	raw_field(L, "tags");
	string_list(&st, "tags", false, true, &r->tags, &r->ntags);
	raw_field(L, "keywords");
	if (string_list(&st, "keywords", true, false, &r->keywords, &r->nkeywords))
		keep_declared(&st, r);
	raw_field(L, "examples");
	parse_examples(&st, r);
	if (raw_field(L, "match") != LUA_TFUNCTION)
		site_error(&st, "'match' must be a function(article)");
	if (st.bad || !r->id)
		nr_rule__free(r);
	else
		keep_rule(&st, r, lua_gettop(L));
	return 0;
}

typedef struct file_args {
	nr_sandbox *sb;
	nr_collector *c;
	const char *name, *src;
	size_t len;
} file_args;

/* Runs protected: even the set-up allocations may fail, and an error with
 * no handler would end in Lua's panic (abort) instead of a message. */
static int file_entry(lua_State *L)
{
	file_args *a = lua_touserdata(L, 1);
	lua_settop(L, 0);
	if (a->c->matches_ref <= 0) { /* a set's load: a table of its own */
		lua_newtable(L);
		a->c->matches_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	}
	nr_sandbox__push_env(L, rule_fn); /* 1 */
	lua_pushfstring(L, "@%s", a->name);
	/* Text only: bytecode can crash the VM, and no rule can load any. The
	 * one exception is the library's own dump of this very source, made
	 * when the set loaded it and kept where no rule reaches. */
	nr_dump *d = &a->c->dump;
	int ld = d->bc ? nr_sandbox__load_dump(L, d->bc, d->len, lua_tostring(L, 2))
		       : nr_sandbox__load(L, a->src, a->len, lua_tostring(L, 2));
	if (ld != LUA_OK)
		return lua_error(L);
	if (!d->bc && a->sb->loading && !nr_sandbox__dump(L, &d->bc, &d->len))
		*d = (nr_dump){ 0 };
	lua_pushvalue(L, 1);
	lua_setupvalue(L, -2, 1); /* the chunk's _ENV */
	a->sb->decl = a->c;
	nr_sandbox__arm(a->sb);
	int st = nr_sandbox__pcall(L, 0, 1);
	nr_sandbox__disarm(a->sb);
	a->sb->decl = NULL;
	if (st != LUA_OK)
		return lua_error(L);
	a->c->returned = !lua_isnil(L, -1);
	nr_sandbox__env_run(L, 1);
	lua_settop(L, 1);
	return 1;
}

int nr_ruleset__run_file(nr_sandbox *sb, nr_collector *c, const char *name, const char *src,
			 size_t len)
{
	lua_State *L = sb->L;
	file_args args = { sb, c, name, src, len };
	c->src = src; /* where examples' lines are found */
	c->len = len;
	lua_pushcfunction(L, file_entry);
	lua_pushlightuserdata(L, &args);
	int st = lua_pcall(L, 1, 1, 0);
	sb->decl = NULL; /* `c` dies with the caller's frame */
	if (st != LUA_OK && !lua_isstring(L, -1)) {
		lua_pop(L, 1);
		lua_pushstring(L, "not enough memory");
	}
	return st;
}
