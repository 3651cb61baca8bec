#define _GNU_SOURCE /* memmem */
/*
 * ruleset.c - loading rule files into an immutable rule set.
 *
 * Loading is YARA's compile step: each file is read as text (never
 * bytecode) and run once in a declaration environment where rule{} records
 * and validates the rule's metadata. What survives is plain C data plus the
 * file's source: a Lua state cannot be shared across threads, so every
 * scanner runs the sources again in its own state to get the match
 * functions back.
 */
#include "lua/objects.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define NR_DEFAULT_MAX_FILE (4u * 1024u * 1024u)
#define NR_DEFAULT_LOAD_INSTR 10000000ul
#define NR_DEFAULT_LOAD_MEMORY (64u * 1024u * 1024u)
#define NR_MAX_ID 64
#define NR_MAX_LIST 256

static const char *const severities[] = { "info", "low", "medium", "high", "critical", NULL };

int nr_severity_rank(const char *name)
{
	if (!name)
		return -1;
	for (int i = 0; severities[i]; i++)
		if (!strcmp(name, severities[i]))
			return i;
	return -1;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void nr_rule__free(nr_rule *r)
{
	free(r->id);
	free(r->title);
	free(r->severity);
	free_list(r->tags, r->ntags);
	free_list(r->keywords, r->nkeywords);
	for (size_t i = 0; i < r->nexamples; i++) {
		free(r->examples[i].text);
		free(r->examples[i].actor);
	}
	free(r->examples);
	memset(r, 0, sizeof(*r));
}

void nr_ruleset__diag(nr_ruleset *rs, nr_diag_level level, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (level == NR_DIAG_ERROR)
		snprintf(rs->last_error, sizeof(rs->last_error), "%s", buf);
	if (rs->ndiags == rs->cap_diags) {
		size_t cap = rs->cap_diags ? rs->cap_diags * 2 : 16;
		nr_diag *d = realloc(rs->diags, cap * sizeof(*d));
		if (!d)
			return;
		rs->diags = d;
		rs->cap_diags = cap;
	}
	char *text = strdup(buf);
	if (!text)
		return;
	rs->diags[rs->ndiags].text = text;
	rs->diags[rs->ndiags].level = level;
	rs->ndiags++;
}

/* ---- rule{} ------------------------------------------------------------ */

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

/* Read a list of strings at the top of the stack (popped). */
static bool string_list(rule_site *st, const char *field, bool lower, bool words, char ***out,
			size_t *nout)
{
	lua_State *L = st->L;
	int t = lua_type(L, -1);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return true;
	}
	if (t != LUA_TTABLE) {
		site_error(st, "'%s' must be a list of strings, not a %s", field,
			   luaL_typename(L, -1));
		lua_pop(L, 1);
		return false;
	}
	size_t n = lua_rawlen(L, -1);
	if (n > NR_MAX_LIST) {
		site_error(st, "'%s' has more than %d entries", field, NR_MAX_LIST);
		lua_pop(L, 1);
		return false;
	}
	char **v = calloc(n ? n : 1, sizeof(*v));
	if (!v) {
		site_error(st, "out of memory");
		lua_pop(L, 1);
		return false;
	}
	/* Owned by the pending rule from here, so a raise cannot leak it. */
	*out = v;
	*nout = 0;
	for (size_t i = 1; i <= n; i++) {
		if (lua_rawgeti(L, -1, (lua_Integer)i) != LUA_TSTRING) {
			site_error(st, "%s[%zu] must be a string, not a %s", field, i,
				   luaL_typename(L, -1));
			lua_pop(L, 2);
			return false;
		}
		size_t len;
		const char *s = lua_tolstring(L, -1, &len);
		if (len == 0 || strlen(s) != len) {
			site_error(st, "%s[%zu] is empty or holds a NUL byte", field, i);
			lua_pop(L, 2);
			return false;
		}
		if (words && !valid_id(s, len)) {
			site_error(st, "%s[%zu] '%s' must match [a-z0-9._-]+", field, i, s);
			lua_pop(L, 2);
			return false;
		}
		char *d = strdup(s);
		if (!d) {
			site_error(st, "out of memory");
			lua_pop(L, 2);
			return false;
		}
		if (lower)
			for (char *p = d; *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p - 'A' + 'a');
		v[(*nout)++] = d;
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	return true;
}

static bool parse_examples(rule_site *st, nr_rule *r)
{
	lua_State *L = st->L;
	int t = lua_type(L, -1);
	if (t == LUA_TNIL) {
		lua_pop(L, 1);
		return true;
	}
	if (t != LUA_TTABLE) {
		site_error(st, "'examples' must be a list of {text=..., expect=N}");
		lua_pop(L, 1);
		return false;
	}
	size_t n = lua_rawlen(L, -1);
	if (n > NR_MAX_LIST) {
		site_error(st, "'examples' has more than %d entries", NR_MAX_LIST);
		lua_pop(L, 1);
		return false;
	}
	r->examples = calloc(n ? n : 1, sizeof(*r->examples));
	if (!r->examples) {
		site_error(st, "out of memory");
		lua_pop(L, 1);
		return false;
	}
	int list = lua_gettop(L);
	bool ok = true;
	for (size_t i = 1; i <= n && ok; i++) {
		if (lua_rawgeti(L, list, (lua_Integer)i) != LUA_TTABLE) {
			site_error(st, "examples[%zu] must be a table {text=..., expect=N}", i);
			ok = false;
			break;
		}
		int ex = lua_gettop(L);
		nr_example *e = &r->examples[r->nexamples++];
		e->line = st->line;
		lua_pushnil(L);
		while (lua_next(L, ex)) {
			const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
			if (!k ||
			    (strcmp(k, "text") && strcmp(k, "expect") && strcmp(k, "actor"))) {
				site_error(
				    st, "examples[%zu]: unknown field '%s' (text, expect, actor)",
				    i, k ? k : "?");
				ok = false;
			}
			lua_pop(L, 1);
		}
		lua_pushstring(L, "text");
		if (lua_rawget(L, ex) != LUA_TSTRING) {
			site_error(st, "examples[%zu]: 'text' must be a string", i);
			ok = false;
		} else if (!(e->text = strdup(lua_tostring(L, -1)))) {
			ok = false;
		}
		lua_pop(L, 1);
		lua_pushstring(L, "expect");
		int isnum = 0;
		lua_Integer x = 0;
		if (lua_rawget(L, ex) == LUA_TNUMBER)
			x = lua_tointegerx(L, -1, &isnum);
		if (!isnum || x < 0 || x > 100000) {
			site_error(st, "examples[%zu]: 'expect' must be a whole number of alerts",
				   i);
			ok = false;
		}
		e->expect = (int)x;
		lua_pop(L, 1);
		lua_pushstring(L, "actor");
		int at = lua_rawget(L, ex);
		if (at == LUA_TSTRING) {
			if (!(e->actor = strdup(lua_tostring(L, -1))))
				ok = false;
		} else if (at != LUA_TNIL) {
			site_error(st, "examples[%zu]: 'actor' must be a string", i);
			ok = false;
		}
		lua_pop(L, 2);
	}
	lua_settop(L, list - 1);
	return ok;
}

static const char *const rule_fields[] = { "id",       "title",    "severity", "tags",
					   "keywords", "examples", "match",    NULL };

static int rule_fn(lua_State *L)
{
	nr_collector *c = lua_touserdata(L, lua_upvalueindex(1));
	if (!c->loading)
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

	size_t len;
	if (raw_field(L, "id") != LUA_TSTRING) {
		site_error(&st, "'id' must be a string");
	} else {
		const char *id = lua_tolstring(L, -1, &len);
		if (!valid_id(id, len))
			site_error(&st, "id '%s' must be 1-%d characters of [a-z0-9._-]", id,
				   NR_MAX_ID);
		else if (!(r->id = strdup(id)))
			site_error(&st, "out of memory");
		st.id = r->id;
	}
	lua_pop(L, 1);

	lua_pushnil(L);
	while (lua_next(L, 1)) {
		lua_pop(L, 1);
		const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
		bool known = false;
		for (size_t i = 0; k && rule_fields[i]; i++)
			known |= !strcmp(k, rule_fields[i]);
		if (!known)
			site_error(&st,
				   "unknown field '%s' (id, title, severity, tags, keywords, "
				   "examples, match)",
				   k ? k : "(not a string)");
	}

	if (raw_field(L, "title") != LUA_TSTRING || lua_rawlen(L, -1) == 0 ||
	    strlen(lua_tostring(L, -1)) != lua_rawlen(L, -1) ||
	    !nr_utf8__valid(lua_tostring(L, -1), lua_rawlen(L, -1)))
		site_error(&st, "'title' must be a non-empty UTF-8 string");
	else if (!(r->title = strdup(lua_tostring(L, -1))))
		site_error(&st, "out of memory");
	lua_pop(L, 1);

	if (raw_field(L, "severity") != LUA_TSTRING || nr_severity_rank(lua_tostring(L, -1)) < 0)
		site_error(&st, "'severity' must be one of info, low, medium, high, critical");
	else if (!(r->severity = strdup(lua_tostring(L, -1))))
		site_error(&st, "out of memory");
	lua_pop(L, 1);

	raw_field(L, "tags");
	string_list(&st, "tags", false, true, &r->tags, &r->ntags);
	raw_field(L, "keywords");
	string_list(&st, "keywords", true, false, &r->keywords, &r->nkeywords);
	raw_field(L, "examples");
	parse_examples(&st, r);

	if (raw_field(L, "match") != LUA_TFUNCTION)
		site_error(&st, "'match' must be a function(article)");
	int match = lua_gettop(L);

	if (st.bad || !r->id) {
		nr_rule__free(r);
		return 0;
	}
	if (c->scanner) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, c->matches_ref);
		lua_pushstring(L, r->id);
		lua_pushvalue(L, match);
		lua_rawset(L, -3);
		nr_rule__free(r);
		return 0;
	}
	if (c->nrules == c->cap_rules) {
		size_t cap = c->cap_rules ? c->cap_rules * 2 : 8;
		nr_rule *v = realloc(c->rules, cap * sizeof(*v));
		if (!v) {
			site_error(&st, "out of memory");
			nr_rule__free(r);
			return 0;
		}
		c->rules = v;
		c->cap_rules = cap;
	}
	c->rules[c->nrules++] = *r;
	memset(r, 0, sizeof(*r));
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
	nr_sandbox__push_env(L, rule_fn, a->c); /* 1 */
	lua_pushfstring(L, "@%s", a->name);
	/* Mode "t": text only. Bytecode can crash the VM and is never loaded. */
	if (luaL_loadbufferx(L, a->src, a->len, lua_tostring(L, 2), "t") != LUA_OK)
		return lua_error(L);
	lua_pushvalue(L, 1);
	lua_setupvalue(L, -2, 1); /* the chunk's _ENV */
	a->c->loading = true;
	nr_sandbox__arm(a->sb);
	int st = nr_sandbox__pcall(L, 0, 0);
	nr_sandbox__disarm(a->sb);
	a->c->loading = false;
	if (st != LUA_OK)
		return lua_error(L);
	nr_sandbox__env_run(L, 1);
	lua_settop(L, 1);
	return 1;
}

int nr_ruleset__run_file(nr_sandbox *sb, nr_collector *c, const char *name, const char *src,
			 size_t len)
{
	lua_State *L = sb->L;
	file_args args = { sb, c, name, src, len };
	lua_pushcfunction(L, file_entry);
	lua_pushlightuserdata(L, &args);
	int st = lua_pcall(L, 1, 1, 0);
	if (st != LUA_OK && !lua_isstring(L, -1)) {
		lua_pop(L, 1);
		lua_pushstring(L, "not enough memory");
	}
	return st;
}

/* ---- the set ------------------------------------------------------------ */

void nr_ruleset__freeze(const nr_ruleset *rs)
{
	/* `frozen` is the set's only mutable member: atomic, and written
	 * before the scanner reads anything else. */
	atomic_store(&((nr_ruleset *)rs)->frozen, 1);
}

int nr_ruleset_new(nr_ruleset **out, const nr_ruleset_options *opts)
{
	if (!out)
		return NR_EINVAL;
	*out = NULL;
	if (opts && opts->version != NR_RULESET_OPTIONS_VERSION)
		return NR_EINVAL;
	nr_ruleset *rs = calloc(1, sizeof(*rs));
	if (!rs)
		return NR_ENOMEM;
	nr_ruleset_options def = NR_RULESET_OPTIONS_INIT;
	rs->opts = opts ? *opts : def;
	if (!rs->opts.max_file_bytes)
		rs->opts.max_file_bytes = NR_DEFAULT_MAX_FILE;
	if (!rs->opts.max_instructions)
		rs->opts.max_instructions = NR_DEFAULT_LOAD_INSTR;
	if (!rs->opts.max_memory)
		rs->opts.max_memory = NR_DEFAULT_LOAD_MEMORY;
	rs->hash_state = 1469598103934665603ull;
	snprintf(rs->hash, sizeof(rs->hash), "%016llx", (unsigned long long)rs->hash_state);
	atomic_init(&rs->frozen, 0);
	*out = rs;
	return NR_OK;
}

void nr_ruleset_free(nr_ruleset *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->nfiles; i++) {
		free(rs->files[i].name);
		free(rs->files[i].source);
	}
	free(rs->files);
	for (size_t i = 0; i < rs->nrules; i++)
		nr_rule__free(&rs->rules[i]);
	free(rs->rules);
	for (size_t i = 0; i < rs->ndiags; i++)
		free(rs->diags[i].text);
	free(rs->diags);
	nr_lexicon_free(rs->lex);
	for (size_t i = 0; i < rs->nrx; i++) {
		pcre2_code_free(rs->rx[i].code);
		free(rs->rx[i].pattern);
	}
	free(rs->rx);
	free(rs);
}

static void hash_bytes(nr_ruleset *rs, const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = rs->hash_state;
	for (size_t i = 0; i < n; i++) {
		h ^= b[i];
		h *= 1099511628211ull;
	}
	rs->hash_state = h;
}

static void discard(nr_collector *c)
{
	for (size_t i = 0; i < c->nrules; i++)
		nr_rule__free(&c->rules[i]);
	free(c->rules);
	c->rules = NULL;
	c->nrules = 0;
	nr_rule__free(&c->pending);
}

/* Regexes a rejected file compiled are of no use to anyone. */
static void drop_rx(nr_ruleset *rs, size_t keep)
{
	while (rs->nrx > keep) {
		rs->nrx--;
		pcre2_code_free(rs->rx[rs->nrx].code);
		free(rs->rx[rs->nrx].pattern);
	}
}

static int reject(nr_ruleset *rs, nr_collector *c)
{
	drop_rx(rs, c->rx_mark);
	discard(c);
	rs->rejected++;
	return NR_ERULE;
}

/* Lua keeps no line numbers for table fields; find each example's text in
 * the source after its rule starts, so `test` can point at the example.
 * Text written with escapes is not found and keeps the rule's line. */
static void example_lines(nr_rule *r, const char *src, size_t len)
{
	size_t pos = 0;
	int line = 1;
	while (pos < len && line < r->line)
		if (src[pos++] == '\n')
			line++;
	size_t from = pos;
	int from_line = line;
	for (size_t i = 0; i < r->nexamples; i++) {
		nr_example *e = &r->examples[i];
		size_t n = e->text ? strlen(e->text) : 0;
		if (n == 0 || n > len - from)
			continue;
		const char *hit = memmem(src + from, len - from, e->text, n);
		if (!hit)
			continue;
		for (const char *p = src + from; p < hit; p++)
			if (*p == '\n')
				from_line++;
		e->line = from_line;
		for (size_t k = 0; k < n; k++)
			if (hit[k] == '\n')
				from_line++;
		from = (size_t)(hit - src) + n;
	}
}

static int load_source(nr_ruleset *rs, const char *name, const char *src, size_t len)
{
	nr_sandbox sb;
	int rc = nr_sandbox__init(&sb, rs->opts.max_memory, rs->opts.max_instructions, 10000,
				  nr_lua__libs);
	if (rc) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: cannot create a Lua state: %s", name,
				 nr_strerror(rc));
		rs->rejected++;
		return rc;
	}
	nr_collector c = { 0 };
	c.file = name;
	c.rs = rs;
	c.rx_mark = rs->nrx;
	sb.loading = rs;
	/* Built-in lexicons are built once per set (a file that asks for
	 * one), then shared read-only by its scanners. */
	sb.lexp = &rs->lex;
	int st = nr_ruleset__run_file(&sb, &c, name, src, len);
	if (st != LUA_OK) {
		const char *msg = lua_tostring(sb.L, -1);
		/* Syntax errors already read "name:line: ..."; a few (bytecode,
		 * memory) name no line. */
		if (msg && !strncmp(msg, name, strlen(name)))
			nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s", msg);
		else
			nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s:1: %s", name, msg ? msg : "error");
		c.nerrors++;
	}
	nr_sandbox__close(&sb);
	/* Every problem of the file is reported, even when one already
	 * rejects it: duplicates and warnings among the rules that did parse. */
	if (c.nrules == 0 && !c.nerrors)
		nr_ruleset__diag(rs, NR_DIAG_WARNING, "%s:1: no rule{} in this file", name);
	/* Ids are unique across the whole set. */
	bool dup = false;
	for (size_t i = 0; i < c.nrules; i++) {
		for (size_t j = 0; j < rs->nrules + i; j++) {
			const nr_rule *o = j < rs->nrules ? &rs->rules[j]
							  : &c.rules[j - rs->nrules];
			if (strcmp(o->id, c.rules[i].id))
				continue;
			const char *ofile = j < rs->nrules ? rs->files[o->file].name : name;
			nr_ruleset__diag(rs, NR_DIAG_ERROR,
					 "%s:%d: rule '%s': duplicate id (first defined at %s:%d)",
					 name, c.rules[i].line, c.rules[i].id, ofile, o->line);
			dup = true;
			break;
		}
	}
	for (size_t i = 0; i < c.nrules; i++) {
		if (c.rules[i].nkeywords == 0)
			nr_ruleset__diag(
			    rs, NR_DIAG_WARNING,
			    "%s:%d: rule '%s' has no keywords: it runs on every article", name,
			    c.rules[i].line, c.rules[i].id);
		if (c.rules[i].nexamples == 0)
			nr_ruleset__diag(rs, NR_DIAG_WARNING,
					 "%s:%d: rule '%s' has no examples for 'newsrules test'",
					 name, c.rules[i].line, c.rules[i].id);
	}
	if (c.nerrors || dup)
		return reject(rs, &c);

	/* Commit: the file, then its rules. */
	if (rs->nfiles == rs->cap_files) {
		size_t cap = rs->cap_files ? rs->cap_files * 2 : 8;
		nr_rfile *v = realloc(rs->files, cap * sizeof(*v));
		if (!v)
			goto oom;
		rs->files = v;
		rs->cap_files = cap;
	}
	if (rs->nrules + c.nrules > rs->cap_rules) {
		size_t cap = rs->cap_rules ? rs->cap_rules : 16;
		while (cap < rs->nrules + c.nrules)
			cap *= 2;
		nr_rule *v = realloc(rs->rules, cap * sizeof(*v));
		if (!v)
			goto oom;
		rs->rules = v;
		rs->cap_rules = cap;
	}
	nr_rfile *f = &rs->files[rs->nfiles];
	f->name = strdup(name);
	f->source = malloc(len + 1);
	if (!f->name || !f->source) {
		free(f->name);
		free(f->source);
		goto oom;
	}
	memcpy(f->source, src, len);
	f->source[len] = '\0';
	f->len = len;
	for (size_t i = 0; i < c.nrules; i++) {
		example_lines(&c.rules[i], src, len);
		c.rules[i].file = rs->nfiles;
		rs->rules[rs->nrules++] = c.rules[i];
	}
	rs->nfiles++;
	free(c.rules);
	uint64_t n = len;
	hash_bytes(rs, &n, sizeof(n));
	hash_bytes(rs, src, len);
	snprintf(rs->hash, sizeof(rs->hash), "%016llx", (unsigned long long)rs->hash_state);
	return NR_OK;
oom:
	nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: out of memory", name);
	reject(rs, &c);
	return NR_ENOMEM;
}

int nr_ruleset_add_string(nr_ruleset *rs, const char *name, const char *source, size_t len)
{
	if (!rs || (!source && len))
		return NR_EINVAL;
	if (atomic_load(&rs->frozen)) {
		snprintf(rs->last_error, sizeof(rs->last_error),
			 "rule set is in use by a scanner and can no longer change");
		return NR_EFROZEN;
	}
	return load_source(rs, name ? name : "<string>", source ? source : "", len);
}

static int load_file(nr_ruleset *rs, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: cannot open: %s", path, strerror(errno));
		rs->rejected++;
		return NR_EIO;
	}
	nr_buf b = NR_BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc = NR_OK;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b.len + n > rs->opts.max_file_bytes) {
			rc = NR_ETOOBIG;
			break;
		}
		nr_buf__put(&b, chunk, n);
	}
	if (ferror(f))
		rc = NR_EIO;
	fclose(f);
	if (b.oom)
		rc = NR_ENOMEM;
	if (rc) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: %s", path,
				 rc == NR_ETOOBIG ? "rule file larger than the limit"
						  : nr_strerror(rc));
		rs->rejected++;
		nr_buf__free(&b);
		return rc;
	}
	rc = nr_ruleset_add_string(rs, path, b.data ? b.data : "", b.len);
	nr_buf__free(&b);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);
	return n >= m && !strcmp(s + n - m, suf);
}

static int add_dir(nr_ruleset *rs, const char *path, int depth)
{
	if (depth > 32) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: directories nested too deep", path);
		return NR_ERULE;
	}
	DIR *d = opendir(path);
	if (!d) {
		nr_ruleset__diag(rs, NR_DIAG_ERROR, "%s: cannot open: %s", path, strerror(errno));
		rs->rejected++;
		return NR_EIO;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	int rc = NR_OK;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			char **v = realloc(names, cap * sizeof(*v));
			if (!v) {
				rc = NR_ENOMEM;
				break;
			}
			names = v;
		}
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		if (!(names[n] = malloc(len))) {
			rc = NR_ENOMEM;
			break;
		}
		snprintf(names[n], len, "%s%s%s", path, has_suffix(path, "/") ? "" : "/",
			 e->d_name);
		n++;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		int r = NR_OK;
		if (rc == NR_OK || !rs->opts.strict) {
			if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode))
				r = add_dir(rs, names[i], depth + 1);
			else if (has_suffix(names[i], ".lua"))
				r = load_file(rs, names[i]);
		}
		if (r && rc == NR_OK)
			rc = r;
		free(names[i]);
	}
	free(names);
	return rc;
}

int nr_ruleset_add_path(nr_ruleset *rs, const char *path)
{
	if (!rs || !path)
		return NR_EINVAL;
	if (atomic_load(&rs->frozen)) {
		snprintf(rs->last_error, sizeof(rs->last_error),
			 "rule set is in use by a scanner and can no longer change");
		return NR_EFROZEN;
	}
	struct stat st;
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return add_dir(rs, path, 0);
	return load_file(rs, path);
}

const char *nr_ruleset_last_error(const nr_ruleset *rs) { return rs ? rs->last_error : ""; }

size_t nr_ruleset_diagnostic_count(const nr_ruleset *rs) { return rs ? rs->ndiags : 0; }

const char *nr_ruleset_diagnostic(const nr_ruleset *rs, size_t i, nr_diag_level *level)
{
	if (!rs || i >= rs->ndiags)
		return NULL;
	if (level)
		*level = rs->diags[i].level;
	return rs->diags[i].text;
}

size_t nr_ruleset_file_count(const nr_ruleset *rs) { return rs ? rs->nfiles : 0; }
size_t nr_ruleset_rejected_count(const nr_ruleset *rs) { return rs ? rs->rejected : 0; }
const char *nr_ruleset_hash(const nr_ruleset *rs) { return rs ? rs->hash : ""; }
size_t nr_ruleset_rule_count(const nr_ruleset *rs) { return rs ? rs->nrules : 0; }

static const nr_rule *rule_at(const nr_ruleset *rs, size_t i)
{
	return rs && i < rs->nrules ? &rs->rules[i] : NULL;
}

const char *nr_ruleset_rule_id(const nr_ruleset *rs, size_t i)
{
	const nr_rule *r = rule_at(rs, i);
	return r ? r->id : NULL;
}

const char *nr_ruleset_rule_title(const nr_ruleset *rs, size_t i)
{
	const nr_rule *r = rule_at(rs, i);
	return r ? r->title : NULL;
}

const char *nr_ruleset_rule_severity(const nr_ruleset *rs, size_t i)
{
	const nr_rule *r = rule_at(rs, i);
	return r ? r->severity : NULL;
}

const char *nr_ruleset_rule_file(const nr_ruleset *rs, size_t i, int *line)
{
	const nr_rule *r = rule_at(rs, i);
	if (!r)
		return NULL;
	if (line)
		*line = r->line;
	return rs->files[r->file].name;
}

size_t nr_ruleset_rule_tag_count(const nr_ruleset *rs, size_t i)
{
	const nr_rule *r = rule_at(rs, i);
	return r ? r->ntags : 0;
}

const char *nr_ruleset_rule_tag(const nr_ruleset *rs, size_t i, size_t t)
{
	const nr_rule *r = rule_at(rs, i);
	return r && t < r->ntags ? r->tags[t] : NULL;
}

size_t nr_ruleset_example_count(const nr_ruleset *rs, size_t i)
{
	const nr_rule *r = rule_at(rs, i);
	return r ? r->nexamples : 0;
}

const char *nr_ruleset_example(const nr_ruleset *rs, size_t i, size_t e, int *expect,
			       const char **actor)
{
	const nr_rule *r = rule_at(rs, i);
	if (!r || e >= r->nexamples)
		return NULL;
	if (expect)
		*expect = r->examples[e].expect;
	if (actor)
		*actor = r->examples[e].actor;
	return r->examples[e].text;
}

int nr_ruleset_example_line(const nr_ruleset *rs, size_t i, size_t e)
{
	const nr_rule *r = rule_at(rs, i);
	return r && e < r->nexamples ? r->examples[e].line : 0;
}
