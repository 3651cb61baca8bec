/*
 * news.c - the `news` table rules see (news.regex, news.lexicon), and the
 * per-state cache that keeps what they compile: regexes by flags and
 * pattern ("r<flags>/<pattern>", with their count at [0]), built-in
 * lexicons by name ("b/<name>") and one-word lexicons ("w/<word>").
 */
#include "lua/objects.h"

static const char CACHE_KEY = 'c';

int nr_news__push_cache(lua_State *L)
{
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &CACHE_KEY) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &CACHE_KEY);
	}
	return lua_gettop(L);
}

void nr_news__open(lua_State *L)
{
	static const luaL_Reg news[] = {
		{ "regex", nr_news__regex },
		{ "lexicon", nr_news__lexicon },
		{ NULL, NULL },
	};
	nr_news__regex_open(L);
	nr_news__lexicon_open(L);
	luaL_newlib(L, news);
}
