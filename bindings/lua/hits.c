/*
 * hits.c - article:hits([options]): where the running rule's keywords occur
 * in the text, as the scanner's one keyword pass over the article found
 * them (rules/prefilter.h), so that a rule need not search the text for
 * its own keywords again.
 *
 * The hits are copied, sorted, into a userdata the rule's memory budget
 * pays for; the iterator makes one span per step. With word_start, a hit
 * is kept when the text has a word boundary where it starts, as `\b` in
 * news.regex sees one (Unicode words): decided on the bytes when both
 * characters are ASCII, else by PCRE2 itself.
 */
#include "lua/objects.h"
#include "rules/prefilter.h"

#include <string.h>

static bool is_word_ascii(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_';
}

/* Does news.regex's `\b` hold at byte p of text? */
static bool word_boundary(lua_State *L, const nr_prefilter *pf, const char *text, size_t len,
			  size_t p)
{
	unsigned char prev = p ? (unsigned char)text[p - 1] : ' ';
	unsigned char cur = p < len ? (unsigned char)text[p] : ' ';
	if (prev < 0x80 && cur < 0x80)
		return is_word_ascii(prev) != is_word_ascii(cur);
	if (cur >= 0x80 && cur < 0xC0)
		return false; /* inside a character */
	nr_sandbox *sb = nr_sandbox__get(L);
	return pcre2_match(pf->word_boundary, (PCRE2_SPTR)text, len, p, PCRE2_ANCHORED, sb->md,
			   sb->mctx) >= 0;
}

/* The options table at idx: { word_start = boolean }. Raises for anything
 * else (the rule's bug). */
static bool word_start_option(lua_State *L, int idx)
{
	if (lua_isnoneornil(L, idx))
		return false;
	luaL_checktype(L, idx, LUA_TTABLE);
	bool word_start = false;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		if (lua_type(L, -2) != LUA_TSTRING || strcmp(lua_tostring(L, -2), "word_start"))
			luaL_error(L, "hits: unknown option %s (word_start)",
				   lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "key");
		if (!lua_isboolean(L, -1))
			luaL_error(L, "hits: word_start must be a boolean, not a %s",
				   luaL_typename(L, -1));
		word_start = lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	return word_start;
}

/* upvalues: article object, the hits (userdata), their count, next one */
static int hits_step(lua_State *L)
{
	const nr_rule_hit *h = lua_touserdata(L, lua_upvalueindex(2));
	lua_Integer n = lua_tointeger(L, lua_upvalueindex(3));
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(4));
	nr_lua__live(L, lua_touserdata(L, lua_upvalueindex(1)));
	if (i >= n)
		return 0;
	lua_pushinteger(L, i + 1);
	lua_replace(L, lua_upvalueindex(4));
	nr_lua__push_span(L, lua_upvalueindex(1), h[i].start, h[i].end, NR_SPAN_HIT,
			  (int32_t)h[i].kw);
	return 1;
}

/* The running rule's number, when the scan's keyword pass is of article a
 * (not in the `newsrules` module, nor outside a rule). */
static bool running_rule(const nr_scan_ctx *ctx, const nr_article *a, size_t *r)
{
	if (ctx->module || !ctx->kw || !ctx->rule || !ctx->rs)
		return false;
	if (ctx->kw->text != nr_article_text(a, NULL))
		return false;
	*r = (size_t)(ctx->rule - ctx->rs->rules);
	return *r < ctx->rs->nrules;
}

int nr_article__hits(lua_State *L)
{
	const nr_lua_head *h = luaL_checkudata(L, 1, NR_MT_ARTICLE);
	bool word_start = word_start_option(L, 2);
	const nr_article *a = nr_lua__live(L, h);
	nr_scan_ctx *ctx = nr_lua__ctx(L);
	size_t r = 0, n = 0;
	bool have = running_rule(ctx, a, &r);
	if (have && !nr_kwscan__rule_hits(ctx->kw, r, NULL, &n))
		return luaL_error(L, "hits: not enough memory");
	if (n > SIZE_MAX / sizeof(nr_rule_hit))
		return luaL_error(L, "hits: not enough memory");
	/* the rule's memory budget pays for its hits */
	nr_rule_hit *hits = lua_newuserdatauv(L, (n ? n : 1) * sizeof(*hits), 0);
	if (n) {
		size_t got = n;
		if (!nr_kwscan__rule_hits(ctx->kw, r, hits, &got) || got != n)
			return luaL_error(L, "hits: not enough memory");
		nr_sandbox__poll(L); /* sorting many hits takes time */
	}
	if (word_start) {
		size_t len, kept = 0;
		const char *text = nr_article_text(a, &len);
		for (size_t i = 0; i < n; i++)
			if (word_boundary(L, ctx->kw->pf, text, len, hits[i].start))
				hits[kept++] = hits[i];
		n = kept;
	}
	lua_pushvalue(L, 1);
	lua_insert(L, -2);
	lua_pushinteger(L, (lua_Integer)n);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, hits_step, 4);
	return 1;
}

int nr_article__push_hit_keyword(lua_State *L, int32_t kw)
{
	const nr_scan_ctx *ctx = nr_lua__ctx(L);
	const nr_prefilter *pf = ctx->kw ? ctx->kw->pf : NULL;
	if (!pf || kw < 0 || (size_t)kw >= pf->nkw)
		return 0;
	const nr_rule *r = &ctx->rs->rules[pf->kw_rule[kw]];
	size_t k = (size_t)kw - pf->rule_first[pf->kw_rule[kw]];
	lua_pushstring(L, r->declared ? r->declared[k] : r->keywords[k]);
	return 1;
}
