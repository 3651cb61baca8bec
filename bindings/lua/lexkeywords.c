/*
 * lexkeywords.c - news.keywords(lex, ...): a rule's keywords derived from its
 * cue lists, so that they cannot drift apart:
 *
 *   local DENY = news.lexicon { "deny", "reject", "rule out" }
 *   rule { ..., keywords = news.keywords(DENY), ... }
 *
 * Keywords are a case-insensitive substring prefilter: each must occur in
 * a form the lexicons match, and every form must hold one. The forms
 * (entries with their inflections, lowercased) are grouped by their first
 * four bytes and each group gives the prefix its forms share ("deny",
 * "denying" -> "deny"; "denies", "denied" -> "denie"); a form shorter than
 * four bytes is its own keyword, and a keyword holding another one goes.
 * Short prefixes would let the rule run on nearly every article; longer
 * ones would need one keyword per form. The list is sorted, so the same
 * lexicons always give the same keywords.
 */
#include "lua/objects.h"

#include <stdlib.h>
#include <string.h>

/* Bytes a keyword keeps at least (unless the form is shorter). */
#define NR_KEYWORD_MIN 4

typedef struct kw_str {
	const char *s;
	size_t len;
} kw_str;

static int kw_cmp(const void *a, const void *b)
{
	const kw_str *x = a, *y = b;
	int c = memcmp(x->s, y->s, x->len < y->len ? x->len : y->len);
	return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* Where a prefix of at least NR_KEYWORD_MIN bytes of s may end: not in
 * the middle of a UTF-8 character. */
static size_t kw_min_len(const kw_str *f)
{
	size_t n = NR_KEYWORD_MIN;
	if (f->len <= n)
		return f->len;
	while (n < f->len && ((unsigned char)f->s[n] & 0xc0) == 0x80)
		n++;
	return n;
}

/* Push every form of the lexicons (and lowercased strings) given into a
 * table used as a set; returns it (absolute index). */
static int kw_collect(lua_State *L, int nargs)
{
	lua_newtable(L);
	int set = lua_gettop(L);
	for (int a = 1; a <= nargs; a++) {
		if (lua_type(L, a) == LUA_TSTRING) {
			size_t len;
			const char *s = lua_tolstring(L, a, &len);
			luaL_Buffer b;
			char *d = luaL_buffinitsize(L, &b, len);
			for (size_t i = 0; i < len; i++)
				d[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
			luaL_pushresultsize(&b, len);
			lua_pushboolean(L, 1);
			lua_rawset(L, set);
			continue;
		}
		nr_news__lexicon_forms(L, a);
		lua_pushnil(L);
		unsigned n = 0;
		while (lua_next(L, -2)) {
			if ((++n & 1023) == 0)
				nr_sandbox__poll(L); /* a lexicon of any size */
			bool form = nr_news__lexicon_is_form(L, -1);
			lua_pop(L, 1);
			if (!form)
				continue;
			lua_pushvalue(L, -1);
			lua_pushboolean(L, 1);
			lua_rawset(L, set);
		}
		lua_pop(L, 1);
	}
	return set;
}

/* The keywords of the sorted forms v[0..n) into out (as prefixes of the
 * forms); returns how many. */
static size_t kw_cover(const kw_str *v, size_t n, kw_str *out)
{
	size_t k = 0;
	for (size_t i = 0; i < n;) {
		size_t m = kw_min_len(&v[i]), lcp = v[i].len, j = i + 1;
		while (j < n && v[j].len >= m && m == kw_min_len(&v[j]) &&
		       !memcmp(v[j].s, v[i].s, m)) {
			size_t c = m;
			while (c < lcp && c < v[j].len && v[j].s[c] == v[i].s[c])
				c++;
			lcp = c;
			j++;
		}
		/* Not into the middle of a character either. */
		while (lcp > m && ((unsigned char)v[i].s[lcp] & 0xc0) == 0x80)
			lcp--;
		out[k++] = (kw_str){ v[i].s, lcp };
		i = j;
	}
	return k;
}

/* Is a a substring of b (a shorter)? */
static bool kw_inside(const kw_str *a, const kw_str *b)
{
	if (a->len >= b->len)
		return false;
	for (size_t i = 0; i + a->len <= b->len; i++)
		if (!memcmp(b->s + i, a->s, a->len))
			return true;
	return false;
}

int nr_news__keywords(lua_State *L)
{
	int nargs = lua_gettop(L);
	luaL_argcheck(L, nargs > 0, 1, "news.keywords: give one or more news.lexicon values");
	for (int a = 1; a <= nargs; a++)
		if (lua_type(L, a) != LUA_TSTRING && !nr_news__is_lexicon(L, a))
			return luaL_argerror(L, a, "a news.lexicon (or a string) expected");
	int set = kw_collect(L, nargs);
	size_t n = 0;
	lua_pushnil(L);
	while (lua_next(L, set)) {
		lua_pop(L, 1);
		n++;
	}
	/* Userdata: collected even if a raise cuts this short. */
	kw_str *v = lua_newuserdatauv(L, (2 * n + 1) * sizeof(*v), 0);
	kw_str *out = v + n;
	size_t i = 0;
	lua_pushnil(L);
	while (lua_next(L, set)) {
		lua_pop(L, 1);
		size_t len = 0;
		const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
		if (len && i < n)
			v[i++] = (kw_str){ s, len }; /* keys of `set`: they live as long */
	}
	n = i;
	qsort(v, n, sizeof(*v), kw_cmp);
	size_t k = kw_cover(v, n, out);
	lua_createtable(L, (int)k, 0);
	lua_Integer made = 0;
	for (size_t a = 0; a < k; a++) {
		bool redundant = false;
		for (size_t c = 0; c < k && !redundant; c++)
			redundant = c != a && kw_inside(&out[c], &out[a]);
		if (redundant)
			continue;
		lua_pushlstring(L, out[a].s, out[a].len);
		lua_rawseti(L, -2, ++made);
	}
	return 1;
}
