/*
 * libs.c - what a sandboxed state opens besides Lua's own libraries, in one
 * table as Lua's linit.c keeps its list: the sandbox walks it and so needs
 * to know nothing of the objects themselves.
 */
#include "lua/objects.h"

const nr_sandbox_lib nr_lua__libs[] = {
	{ "news", nr_news__open },
	{ "require", nr_rules__open_require },
	{ NULL, nr_article__lua_open },
	{ NULL, NULL },
};
