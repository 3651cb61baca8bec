/*
 * luaopen.c - `require "newsrules"` from a stock Lua 5.4 interpreter, so an
 * analyst can read an article and try the rule objects on it by hand:
 *
 *   local nr = require "newsrules"
 *   local a = nr.from_text("Pakistan denied the report.")
 *   for s in a:sentences() do print(s.text) end
 *   local rs = assert(nr.ruleset { paths = { "rules/" } })
 *   for _, al in ipairs(rs:scan(a)) do print(al.rule, al.message) end
 *
 * There is no sandbox here: it is the analyst's own interpreter. Articles
 * the module makes own their memory (freed by the garbage collector) and
 * every span, entity or quote keeps its article alive, so objects never
 * expire as they do inside a scan. The module claims the state's extra
 * space (lua_getextraspace), which the stock interpreter leaves unused.
 */
#include "lua/objects.h"

#include <stdlib.h>
#include <string.h>

#define NR_MT_MODULE "newsrules.Module"
#define NR_MT_READ "newsrules.ReadResult"
#define NR_MODULE_KEY "newsrules.module"

/* The one symbol the module exports (cmake/luamodule.map hides the rest). */
int luaopen_newsrules(lua_State *L) __attribute__((visibility("default")));

typedef struct l_module {
	bool ready;
	nr_sandbox sb;
	nr_scan_ctx ctx;
} l_module;

static int module_gc(lua_State *L)
{
	l_module *m = luaL_checkudata(L, 1, NR_MT_MODULE);
	if (m->ready) {
		nr_sandbox__close_host(&m->sb);
		nr_alert__list_free(&m->ctx.alerts);
		if (*(nr_sandbox **)lua_getextraspace(L) == &m->sb)
			*(nr_sandbox **)lua_getextraspace(L) = NULL;
		m->ready = false;
	}
	return 0;
}

/* What one nr.read() collected; frees what was not handed to Lua yet, so
 * a Lua error halfway leaks nothing. */
typedef struct l_read {
	nr_article **v;
	size_t n, cap, handed;
	char *first_error;
	size_t nerrors;
} l_read;

static int read_gc(lua_State *L)
{
	l_read *r = luaL_checkudata(L, 1, NR_MT_READ);
	for (size_t i = r->handed; i < r->n; i++)
		nr_article_free(r->v[i]);
	free(r->v);
	free(r->first_error);
	memset(r, 0, sizeof(*r));
	return 0;
}

static int on_item(const nr_read_item *it, void *payload)
{
	l_read *r = payload;
	if (!it->article) {
		if (!r->first_error) {
			size_t n = strlen(it->source) + strlen(it->message) + 32;
			r->first_error = malloc(n);
			if (r->first_error)
				snprintf(r->first_error, n, "%s#%zu: %s", it->source, it->index,
					 it->message);
		}
		r->nerrors++;
		return 0;
	}
	if (r->n == r->cap && !nr__grow((void **)&r->v, &r->cap, sizeof(*r->v), 8)) {
		nr_article_free(it->article);
		r->nerrors++;
		return 1;
	}
	r->v[r->n++] = it->article;
	return 0;
}

/*
 * nr.read(path [, format]) -> list of articles [, list of errors]
 *                          -> nil, message when nothing could be read
 */
static int l_read_path(lua_State *L)
{
	const char *path = luaL_checkstring(L, 1);
	nr_read_options opts = NR_READ_OPTIONS_INIT;
	if (!lua_isnoneornil(L, 2)) {
		const char *f = luaL_checkstring(L, 2);
		luaL_argcheck(L, nr_format_parse(&opts.format, f) == NR_OK, 2,
			      "unknown format (text, html, feed, nitf, jsonl, auto)");
	}
	l_read *r = lua_newuserdatauv(L, sizeof(*r), 0);
	memset(r, 0, sizeof(*r));
	luaL_setmetatable(L, NR_MT_READ);
	int rc = nr_read_file(path, &opts, on_item, r);
	if (r->n == 0) {
		lua_pushnil(L);
		lua_pushstring(L, r->first_error ? r->first_error : nr_strerror(rc));
		return 2;
	}
	lua_createtable(L, (int)r->n, 0);
	for (size_t i = 0; i < r->n; i++) {
		nr_article__lua_push_owned(L, r->v[i]);
		r->handed = i + 1;
		lua_rawseti(L, -2, (lua_Integer)i + 1);
	}
	if (!r->nerrors)
		return 1;
	lua_createtable(L, 1, 0);
	lua_pushstring(L, r->first_error ? r->first_error : "read error");
	lua_rawseti(L, -2, 1);
	lua_pushinteger(L, (lua_Integer)r->nerrors);
	lua_setfield(L, -2, "count");
	return 2;
}

/* nr.from_text(text [, title]) -> article, or nil, message */
static int l_from_text(lua_State *L)
{
	size_t len;
	const char *text = luaL_checklstring(L, 1, &len);
	const char *title = luaL_optstring(L, 2, NULL);
	/* Make room first: nothing may raise between creating the article
	 * and handing it to its userdata. */
	luaL_checkstack(L, 4, "from_text");
	l_read *r = lua_newuserdatauv(L, sizeof(*r), 0);
	memset(r, 0, sizeof(*r));
	luaL_setmetatable(L, NR_MT_READ);
	r->v = malloc(sizeof(*r->v));
	if (!r->v)
		return luaL_error(L, "from_text: out of memory");
	nr_article *a = NULL;
	int rc = nr_article_from_text(&a, text, len, title);
	if (rc) {
		lua_pushnil(L);
		lua_pushstring(L, nr_strerror(rc));
		return 2;
	}
	r->v[0] = a;
	r->n = 1;
	nr_article__lua_push_owned(L, a);
	r->handed = 1;
	return 1;
}

int luaopen_newsrules(lua_State *L)
{
	/* One module record per state, whatever name it is required under. */
	if (lua_getfield(L, LUA_REGISTRYINDEX, NR_MODULE_KEY) == LUA_TTABLE)
		return 1;
	lua_pop(L, 1);

	luaL_newmetatable(L, NR_MT_MODULE);
	lua_pushcfunction(L, module_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);
	luaL_newmetatable(L, NR_MT_READ);
	lua_pushcfunction(L, read_gc);
	lua_setfield(L, -2, "__gc");
	lua_pop(L, 1);

	l_module *m = lua_newuserdatauv(L, sizeof(*m), 0);
	memset(m, 0, sizeof(*m));
	luaL_setmetatable(L, NR_MT_MODULE);
	if (nr_sandbox__init_host(&m->sb, L) != NR_OK)
		return luaL_error(L, "newsrules: out of memory");
	m->ready = true;
	nr_alert__list_init(&m->ctx.alerts, 0);
	m->ctx.text_ref = LUA_NOREF;
	m->ctx.module = true;
	m->sb.host = &m->ctx;
	/* The registry keeps the record for the state's life. */
	lua_setfield(L, LUA_REGISTRYINDEX, NR_MT_MODULE "/state");

	nr_article__lua_open(L);
	nr_news__open(L); /* the `news` table: regex, lexicon, keywords */
	int news = lua_gettop(L);
	static const luaL_Reg fns[] = {
		{ "read", l_read_path },
		{ "from_text", l_from_text },
		{ NULL, NULL },
	};
	luaL_newlib(L, fns);
	nr_luamod__ruleset(L); /* nr.ruleset{...}: luaruleset.c */
	lua_setfield(L, -2, "ruleset");
	lua_getfield(L, news, "regex");
	lua_setfield(L, -2, "regex");
	lua_getfield(L, news, "lexicon");
	lua_setfield(L, -2, "lexicon");
	lua_getfield(L, news, "keywords");
	lua_setfield(L, -2, "keywords");
	lua_pushvalue(L, news);
	lua_setfield(L, -2, "news");
	lua_pushstring(L, nr_version());
	lua_setfield(L, -2, "version");
	lua_pushvalue(L, -1);
	lua_setfield(L, LUA_REGISTRYINDEX, NR_MODULE_KEY);
	return 1;
}
