#define _GNU_SOURCE /* memmem */
/*
 * lint.c - `newsrules check` beyond what loading a file proves: globals a
 * file reads that neither it nor the sandbox defines, methods called
 * that no object has (luac -l | grep GETTABUP, done properly), and, in
 * lintpat.c and cues.c, patterns the budget would refuse and keywords
 * that miss the rule's own cues. See lint.h.
 */
#include "lua/objects.h"
#include "rules/lint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Values the method-name walk looks at before it gives up (a file may
 * build huge tables), and how deep it follows them. */
#define NR_LINT_VALUES 200000
#define NR_LINT_DEPTH 16

/* ---- warnings ----------------------------------------------------------- */

/* Does a "-- check: ignore [kinds]" comment at `line` cover `kind`?
 * `own`: the comment is on the warning's line (else alone on the line
 * before it). */
static bool ignore_at(const nr_lint *lt, int line, const char *kind, bool own)
{
	const char *s = lt->src, *end = lt->src + lt->len;
	for (int l = 1; l < line && s < end; l++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		s = nl ? nl + 1 : end;
	}
	const char *eol = memchr(s, '\n', (size_t)(end - s));
	if (!eol)
		eol = end;
	const char *dash = NULL;
	for (const char *p = s; p + 1 < eol && !dash; p++)
		if (p[0] == '-' && p[1] == '-')
			dash = p;
	if (!dash)
		return false;
	if (!own)
		for (const char *p = s; p < dash; p++)
			if (*p != ' ' && *p != '\t')
				return false;
	const char *tag = NULL;
	for (const char *p = dash; p + 13 <= eol && !tag; p++)
		if (!memcmp(p, "check: ignore", 13))
			tag = p + 13;
	if (!tag)
		return false;
	size_t klen = strlen(kind);
	bool any = true;
	for (const char *p = tag; p < eol;) {
		while (p < eol && (*p == ' ' || *p == ',' || *p == '\t' || *p == '\r'))
			p++;
		const char *w = p;
		while (p < eol && ((*p >= 'a' && *p <= 'z') || *p == '-'))
			p++;
		if (p == w)
			break;
		any = false;
		if ((size_t)(p - w) == klen && !memcmp(w, kind, klen))
			return true;
	}
	return any;
}

void nr_lint__warn(nr_lint *lt, int line, const char *kind, const char *fmt, ...)
{
	if (ignore_at(lt, line, kind, true) || (line > 1 && ignore_at(lt, line - 1, kind, false)))
		return;
	char msg[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (lt->nmsgs == lt->cap && !nr__grow((void **)&lt->msgs, &lt->cap, sizeof(*lt->msgs), 16))
		return;
	size_t n = strlen(lt->file) + strlen(msg) + strlen(kind) + 32;
	char *text = malloc(n);
	if (!text)
		return;
	snprintf(text, n, "%s:%d: %s [%s]", lt->file, line > 0 ? line : 1, msg, kind);
	/* The same finding twice on a line (x = y .. y) is one. */
	for (size_t i = lt->nmsgs; i-- > 0 && lt->msgs[i].line == line;) {
		if (!strcmp(lt->msgs[i].text, text)) {
			free(text);
			return;
		}
	}
	lt->msgs[lt->nmsgs] = (nr_lint_msg){ line, lt->nmsgs, text };
	lt->nmsgs++;
}

static bool ident_char(char c)
{
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

int nr_lint__field_line(const nr_lint *lt, const nr_rule *r, const char *field)
{
	const char *s = lt->src, *end = lt->src + lt->len;
	int line = 1;
	while (s < end && line < r->line)
		if (*s++ == '\n')
			line++;
	size_t flen = strlen(field);
	/* Within the rule's table: up to the next rule{ at most. */
	for (int l = line; s < end && l < r->line + 2000; l++) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *eol = nl ? nl : end;
		for (const char *p = s; p + flen <= eol; p++)
			if (!memcmp(p, field, flen) && (p == s || !ident_char(p[-1])) &&
			    (p + flen == eol || !ident_char(p[flen])))
				return l;
		if (l > r->line && memmem(s, (size_t)(eol - s), "rule", 4) &&
		    memchr(s, '{', (size_t)(eol - s)))
			break;
		s = nl ? nl + 1 : end;
	}
	return r->line;
}

static int by_line(const void *a, const void *b)
{
	const nr_lint_msg *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq; /* stable: in the order made */
}

/* ---- helpers -------------------------------------------------------------------- */

bool nr_lint__grow(nr_lint *lt, void **arr, size_t *cap, size_t n, size_t elem)
{
	if (n < *cap)
		return true;
	size_t more = *cap ? 2 * *cap : 32;
	void *v = nr_arena__alloc(&lt->scratch, more * elem);
	if (!v)
		return false;
	if (n)
		memcpy(v, *arr, n * elem);
	*arr = v;
	*cap = more;
	return true;
}

void nr_lint__each_proto(nr_lint *lt, const nr_proto *f,
			 void (*fn)(nr_lint *lt, const nr_proto *f, void *arg), void *arg)
{
	fn(lt, f, arg);
	for (size_t i = 0; i < f->np; i++)
		nr_lint__each_proto(lt, f->p[i], fn, arg);
}

/* Levenshtein distance of a and b, or 3 and more when past 2. */
static size_t edits(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32 || (la > lb ? la - lb : lb - la) > 2)
		return 3;
	size_t row[33];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

const char *nr_lint__nearest(lua_State *L, int set, const char *name)
{
	set = lua_absindex(L, set);
	const char *best = NULL;
	size_t bestd = strlen(name) <= 4 ? 2 : 3;
	lua_pushnil(L);
	while (lua_next(L, set)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			continue;
		const char *k = lua_tostring(L, -1);
		size_t d = edits(name, k);
		/* The first closest in the table's order would differ from run
		 * to run: the alphabetically first of the closest. */
		if (d < bestd || (d == bestd && best && d < 3 && strcmp(k, best) < 0)) {
			bestd = d;
			best = k; /* a key of `set`: lives as long as it */
		}
	}
	return best;
}

/* ---- globals ------------------------------------------------------------------ */

/* Names the chunk's _ENV upvalue is written under (SETTABUP), into the
 * set at `arg`. */
static void collect_sets(nr_lint *lt, const nr_proto *f, void *arg)
{
	int set = *(int *)arg;
	for (size_t pc = 0; pc < f->ncode; pc++) {
		uint32_t i = f->code[pc];
		const char *k = nr_luac__kstr(f, NR_I_B(i));
		if (NR_I_OP(i) != NR_OP_SETTABUP || !k || NR_I_A(i) >= f->nup ||
		    !f->up[NR_I_A(i)].env)
			continue;
		lua_pushboolean(lt->L, 1);
		lua_setfield(lt->L, set, k);
	}
}

/* Is `name` a global of the file (set anywhere in it) or of the sandbox? */
static bool global_known(nr_lint *lt, int set, const char *name)
{
	lua_State *L = lt->L;
	bool known = lua_getfield(L, set, name) != LUA_TNIL;
	lua_pop(L, 1);
	if (known)
		return true;
	nr_sandbox__env_tables(L, lt->env);
	for (int t = -2; t <= -1 && !known; t++) {
		lua_pushstring(L, name);
		known = lua_rawget(L, t - 1) != LUA_TNIL;
		lua_pop(L, 1);
	}
	lua_pop(L, 2);
	return known;
}

/* The names a misspelt global may have meant: the file's and the sandbox's. */
static void known_globals(nr_lint *lt, int set)
{
	lua_State *L = lt->L;
	nr_sandbox__env_tables(L, lt->env);
	for (int t = -2; t <= -1; t++) {
		lua_pushnil(L);
		while (lua_next(L, t - 1)) {
			lua_pop(L, 1);
			if (lua_type(L, -1) == LUA_TSTRING) {
				lua_pushvalue(L, -1);
				lua_pushboolean(L, 1);
				lua_rawset(L, set);
			}
		}
	}
	lua_pop(L, 2);
}

static void check_reads(nr_lint *lt, const nr_proto *f, void *arg)
{
	int set = *(int *)arg;
	for (size_t pc = 0; pc < f->ncode; pc++) {
		uint32_t i = f->code[pc];
		const char *k = nr_luac__kstr(f, NR_I_C(i));
		if (NR_I_OP(i) != NR_OP_GETTABUP || !k || NR_I_B(i) >= f->nup ||
		    !f->up[NR_I_B(i)].env || global_known(lt, set, k))
			continue;
		int line = nr_luac__line(f, pc);
		if (nr_sandbox__blocked(k)) {
			nr_lint__warn(lt, line, "undefined-global",
				      "'%s' is not available to rules (sandbox): reading it raises "
				      "error-blocked",
				      k);
			continue;
		}
		lua_newtable(lt->L);
		int names = lua_gettop(lt->L);
		known_globals(lt, names);
		lua_pushnil(lt->L);
		while (lua_next(lt->L, set)) {
			lua_pop(lt->L, 1);
			lua_pushvalue(lt->L, -1);
			lua_pushboolean(lt->L, 1);
			lua_rawset(lt->L, names);
		}
		const char *near = nr_lint__nearest(lt->L, names, k);
		nr_lint__warn(lt, line, "undefined-global",
			      "undefined global '%s': this file never sets it and rules have no "
			      "such global%s%s%s: reading it gives nil",
			      k, near ? " (did you mean '" : "", near ? near : "",
			      near ? "'?)" : "");
		lua_pop(lt->L, 1);
	}
}

static void lint_globals(nr_lint *lt)
{
	lua_newtable(lt->L);
	int set = lua_gettop(lt->L);
	nr_lint__each_proto(lt, lt->chunk, collect_sets, &set);
	nr_lint__each_proto(lt, lt->chunk, check_reads, &set);
	lua_settop(lt->L, set - 1);
}

/* ---- methods -------------------------------------------------------------------- */

/* Keys of the table at top into the set at `set`; pops the table. */
static void add_keys(lua_State *L, int set)
{
	if (lua_type(L, -1) == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, -2)) {
			lua_pop(L, 1);
			if (lua_type(L, -1) == LUA_TSTRING) {
				lua_pushvalue(L, -1);
				lua_pushboolean(L, 1);
				lua_rawset(L, set);
			}
		}
	}
	lua_pop(L, 1);
}

typedef struct type_names {
	char name[16][24];
	size_t n;
} type_names;

static int by_name(const void *a, const void *b) { return strcmp(a, b); }

/* The methods of every object type the bindings registered (metatables
 * named "newsrules.*": __index is the method table, or a function whose
 * first upvalue is), and of strings, into `set`; the types' names into
 * `types` ("article, entity, ...": which were searched). */
static void api_methods(lua_State *L, int set, char *types, size_t size)
{
	type_names tn = { .n = 0 };
	lua_pushnil(L);
	while (lua_next(L, LUA_REGISTRYINDEX)) {
		const char *k = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : NULL;
		if (k && !strncmp(k, "newsrules.", 10) && lua_type(L, -1) == LUA_TTABLE) {
			lua_getfield(L, -1, "__index");
			if (lua_type(L, -1) == LUA_TFUNCTION) {
				lua_getupvalue(L, -1, 1);
				lua_remove(L, -2);
			}
			if (lua_type(L, -1) == LUA_TTABLE && tn.n < 16) {
				size_t i = 0;
				for (const char *p = k + 10; *p && i + 1 < sizeof(tn.name[0]); p++)
					tn.name[tn.n][i++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32
											   : *p);
				tn.name[tn.n++][i] = '\0';
			}
			add_keys(L, set);
		}
		lua_pop(L, 1);
	}
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_getfield(L, -1, "__index");
	add_keys(L, set);
	lua_pop(L, 2);
	if (tn.n < 16)
		strcpy(tn.name[tn.n++], "string");
	qsort(tn.name, tn.n, sizeof(tn.name[0]), by_name); /* the registry's order varies */
	size_t len = 0;
	types[0] = '\0';
	for (size_t i = 0; i < tn.n && len < size; i++)
		len += (size_t)snprintf(types + len, size - len, "%s%s", i ? ", " : "", tn.name[i]);
}

typedef struct walk {
	lua_State *L;
	int set, seen, env;
	size_t values;
} walk;

/* String keys of every table reachable from the value at top (popped):
 * methods the file or its modules define on their own objects. */
static void walk_keys(walk *w, int depth)
{
	lua_State *L = w->L;
	int t = lua_type(L, -1);
	if ((t != LUA_TTABLE && t != LUA_TFUNCTION) || depth > NR_LINT_DEPTH ||
	    w->values > NR_LINT_VALUES || !lua_checkstack(L, 8)) {
		lua_pop(L, 1);
		return;
	}
	if (!nr_lint__first_visit(L, w->seen)) {
		lua_pop(L, 1);
		return;
	}
	int v = lua_gettop(L);
	if (t == LUA_TFUNCTION) {
		/* Not into _ENV: the libraries' function names are no methods. */
		for (int u = 1; lua_getupvalue(L, v, u); u++) {
			if (lua_rawequal(L, -1, w->env))
				lua_pop(L, 1);
			else
				walk_keys(w, depth + 1);
		}
	} else {
		if (lua_getmetatable(L, v))
			walk_keys(w, depth + 1);
		lua_pushnil(L);
		while (lua_next(L, v) && w->values++ <= NR_LINT_VALUES) {
			if (lua_type(L, -2) == LUA_TSTRING) {
				lua_pushvalue(L, -2);
				lua_pushboolean(L, 1);
				lua_rawset(L, w->set);
			}
			walk_keys(w, depth + 1);
		}
		lua_settop(L, v);
	}
	lua_pop(L, 1);
}

/* Keys the file sets on tables by name (t.name = ..., function t:name()). */
static void collect_fields(nr_lint *lt, const nr_proto *f, void *arg)
{
	int set = *(int *)arg;
	for (size_t pc = 0; pc < f->ncode; pc++) {
		uint32_t i = f->code[pc];
		unsigned op = NR_I_OP(i);
		const char *k = op == NR_OP_SETFIELD || op == NR_OP_SETTABUP
				    ? nr_luac__kstr(f, NR_I_B(i))
				    : NULL;
		if (k) {
			lua_pushboolean(lt->L, 1);
			lua_setfield(lt->L, set, k);
		}
	}
}

typedef struct method_ctx {
	int set;
	const char *types;
} method_ctx;

static void check_selfs(nr_lint *lt, const nr_proto *f, void *arg)
{
	const method_ctx *m = arg;
	for (size_t pc = 0; pc < f->ncode; pc++) {
		uint32_t i = f->code[pc];
		const char *k = nr_luac__kstr(f, NR_I_C(i));
		if (NR_I_OP(i) != NR_OP_SELF || !NR_I_K(i) || !k)
			continue;
		lua_pushstring(lt->L, k);
		bool known = lua_rawget(lt->L, m->set) != LUA_TNIL;
		lua_pop(lt->L, 1);
		if (known)
			continue;
		const char *near = nr_lint__nearest(lt->L, m->set, k);
		nr_lint__warn(lt, nr_luac__line(f, pc), "unknown-method",
			      "no method '%s' on any object a rule sees (%s) nor on the file's own "
			      "tables%s%s%s",
			      k, m->types, near ? ": did you mean '" : "", near ? near : "",
			      near ? "'?" : "");
	}
}

static void lint_methods(nr_lint *lt)
{
	lua_State *L = lt->L;
	lua_newtable(L);
	int set = lua_gettop(L);
	char types[256];
	api_methods(L, set, types, sizeof(types));
	nr_lint__each_proto(lt, lt->chunk, collect_fields, &set);
	walk w = { L, set, 0, lt->env, 0 };
	lua_newtable(L);
	w.seen = lua_gettop(L);
	nr_sandbox__env_tables(L, lt->env);
	lua_pop(L, 1); /* the library: no object of its has methods of its own */
	walk_keys(&w, 0);
	if (lt->c->matches_ref > 0) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, lt->c->matches_ref);
		walk_keys(&w, 0);
	}
	method_ctx m = { set, types };
	nr_lint__each_proto(lt, lt->chunk, check_selfs, &m);
	lua_settop(L, set - 1);
}

/* ---- the entry point ---------------------------------------------------------- */

/* Load the file's text again and read its bytecode (the chunk that ran is
 * gone; the text is the same). */
static bool read_chunk(nr_lint *lt)
{
	lua_State *L = lt->L;
	if (!nr_luac__usable(L))
		return false;
	lua_pushfstring(L, "@%s", lt->file);
	int st = nr_sandbox__load(L, lt->src, lt->len, lua_tostring(L, -1));
	bool ok = st == LUA_OK && nr_luac__dump(L, -1, &lt->arena, &lt->chunk) == NR_OK;
	lua_pop(L, 2);
	return ok;
}

/* Runs protected: a Lua API call that fails (memory) must not escape. */
static int lint_entry(lua_State *L)
{
	nr_lint *lt = lua_touserdata(L, 1);
	lua_settop(L, 0);
	lua_pushvalue(L, lua_upvalueindex(1));
	lt->env = 1;
	if (!read_chunk(lt))
		return 0;
	lint_globals(lt);
	lint_methods(lt);
	nr_lint__patterns(lt);
	nr_lint__cues(lt);
	nr_lint__host(lt);
	return 0;
}

void nr_rules__lint(nr_sandbox *sb, const nr_collector *c, const char *name, const char *src,
		    size_t len)
{
	lua_State *L = sb->L;
	nr_lint lt = { .L = L, .rs = c->rs, .c = c, .file = name, .src = src, .len = len };
	nr_arena__init(&lt.arena);
	nr_arena__init(&lt.scratch);
	if (lua_checkstack(L, 4)) {
		lua_pushvalue(L, -1); /* the environment run_file left */
		lua_pushcclosure(L, lint_entry, 1);
		lua_pushlightuserdata(L, &lt);
		if (lua_pcall(L, 1, 0, 0) != LUA_OK)
			lua_pop(L, 1); /* no lint rather than a wrong one */
	}
	if (lt.nmsgs)
		qsort(lt.msgs, lt.nmsgs, sizeof(*lt.msgs), by_line);
	for (size_t i = 0; i < lt.nmsgs; i++) {
		nr_ruleset__diag(lt.rs, NR_DIAG_WARNING, "%s", lt.msgs[i].text);
		free(lt.msgs[i].text);
	}
	free(lt.msgs);
	nr_arena__free(&lt.arena);
	nr_arena__free(&lt.scratch);
}

bool nr_lint__first_visit(lua_State *L, int seen)
{
	lua_pushvalue(L, -1);
	if (lua_rawget(L, seen) != LUA_TNIL) {
		lua_pop(L, 1);
		return false;
	}
	lua_pop(L, 1);
	lua_pushvalue(L, -1);
	lua_pushboolean(L, 1);
	lua_rawset(L, seen);
	return true;
}
