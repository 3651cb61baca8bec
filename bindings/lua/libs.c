/*
 * libs.c - what a sandboxed state opens besides Lua's own libraries, in one
 * table as Lua's linit.c keeps its list: the sandbox walks it and so needs
 * to know nothing of the objects themselves.
 */
#include "lua/objects.h"

/* print(...) is news.log(...): a line to the host, never to stdout. */
static void open_print(lua_State *L) { lua_pushcfunction(L, nr_news__log); }

const nr_sandbox_lib nr_lua__libs[] = {
	{ "news", nr_news__open },
	{ "require", nr_rules__open_require },
	{ "print", open_print },
	{ NULL, nr_article__lua_open },
	{ NULL, NULL },
};
