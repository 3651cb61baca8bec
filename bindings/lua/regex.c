/*
 * regex.c - news.regex: PCRE2 regexes compiled once per Lua state (cached
 * by flags and pattern), in UTF mode with Unicode properties, JIT-compiled
 * where the platform has a JIT, and matched under the sandbox's match,
 * depth and heap limits. Patterns compiled while a rule set loads are
 * kept in the set, and a scanner's state borrows them instead of
 * compiling them again.
 */
#include "lua/objects.h"

#include <stdlib.h>
#include <string.h>

/* Patterns one file may leave in the set's shared list. */
#define NR_REGEX_SHARED 4096
/* UTF-8 with Unicode classes; a subject with invalid bytes (a string a
 * rule cut mid-character) simply does not match there, never errors. */
#define NR_RX_ALWAYS (PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF)

static int regex_gc(lua_State *L)
{
	nr_regex *re = luaL_checkudata(L, 1, NR_MT_REGEX);
	if (re->owned)
		pcre2_code_free(re->code);
	re->code = NULL;
	/* (The `newsrules` module clears the state's record before its
	 * regexes are collected; it never charges them.) */
	nr_sandbox *sb = nr_sandbox__get(L);
	if (re->charged && sb)
		sb->mem_used -= re->charged;
	re->charged = 0;
	return 0;
}

static int regex_tostring(lua_State *L)
{
	luaL_checkudata(L, 1, NR_MT_REGEX);
	lua_getiuservalue(L, 1, 1);
	lua_pushfstring(L, NR_MT_REGEX "(/%s/)", lua_tostring(L, -1));
	return 1;
}

static uint32_t parse_flags(lua_State *L, int arg, const char *flags)
{
	uint32_t o = 0;
	for (const char *f = flags; *f; f++) {
		switch (*f) {
		case 'i': o |= PCRE2_CASELESS; break;
		case 'm': o |= PCRE2_MULTILINE; break;
		case 's': o |= PCRE2_DOTALL; break;
		case 'x': o |= PCRE2_EXTENDED; break;
		default:
			luaL_argerror(
			    L, arg, lua_pushfstring(L, "unknown regex flag '%c' (i, m, s, x)", *f));
		}
	}
	return o;
}

/* FNV-1a of flags and pattern: what the set's shared list is searched by. */
static uint64_t rx_hash(const char *pat, size_t len, uint32_t options)
{
	uint64_t h = 1469598103934665603ull ^ options;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)pat[i];
		h *= 1099511628211ull;
	}
	return h;
}

static const nr_rx *find_shared(const nr_ruleset *rs, const char *pat, size_t len, uint32_t options)
{
	uint64_t h = rx_hash(pat, len, options);
	for (size_t i = 0; i < rs->nrx; i++)
		if (rs->rx[i].hash == h && rs->rx[i].options == options && rs->rx[i].len == len &&
		    !memcmp(rs->rx[i].pattern, pat, len))
			return &rs->rx[i];
	return NULL;
}

/* Keep a copy of a pattern that compiled, in the set's own memory (the
 * loading state's heap goes away with it), at most NR_REGEX_SHARED per
 * file so that no file takes the others' share. Failure only costs
 * sharing. */
static void share(nr_sandbox *sb, const char *pat, size_t len, uint32_t options)
{
	nr_ruleset *rs = sb->loading;
	const nr_collector *c = sb->decl;
	if (!c || rs->nrx - c->rx_mark >= NR_REGEX_SHARED || find_shared(rs, pat, len, options))
		return;
	if (rs->nrx == rs->cap_rx && !nr__grow((void **)&rs->rx, &rs->cap_rx, sizeof(*rs->rx), 16))
		return;
	int errcode;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, len, options | NR_RX_ALWAYS, &errcode,
					 &off, NULL);
	char *copy = malloc(len + 1);
	if (!code || !copy) {
		pcre2_code_free(code);
		free(copy);
		return;
	}
	pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	memcpy(copy, pat, len);
	copy[len] = '\0';
	rs->rx[rs->nrx++] = (nr_rx){ options, copy, len, code, rx_hash(pat, len, options) };
}

/*
 * PCRE2 10.42's JIT compiler crashes when one of its own allocations fails
 * (Debian 12's libpcre2; a ten-line program shows it), so it must never
 * meet the memory cap: it runs with the cap lifted, its memory still
 * counted, and charge() right after raises the budget error it would have
 * met. What it can take is bounded by the pattern length limit.
 */
static void jit_compile(nr_sandbox *sb, pcre2_code *code)
{
	bool limited = sb->mem_limited;
	sb->mem_limited = false;
	pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* interpreter if no JIT */
	sb->mem_limited = limited;
}

/*
 * JIT code is executable memory PCRE2 maps itself, outside the sandbox's
 * allocator: count it against the heap budget all the same (a file of
 * large patterns would otherwise hold hundreds of MiB nobody counts), and
 * tell the collector what the regex holds so that it paces itself.
 */
static void charge(lua_State *L, nr_sandbox *sb, nr_regex *re)
{
	size_t code = 0, jit = 0;
	pcre2_pattern_info(re->code, PCRE2_INFO_SIZE, &code);
	if (pcre2_pattern_info(re->code, PCRE2_INFO_JITSIZE, &jit) != 0)
		jit = 0;
	if (sb->mem_cap) { /* a sandboxed state: it has a budget */
		re->charged = jit;
		sb->mem_used += jit;
	}
	lua_gc(L, LUA_GCSTEP, (int)((code + jit) / 1024));
	if (sb->mem_limited && sb->mem_used > sb->mem_cap)
		nr_sandbox__raise(L, NR_OUTCOME_ERR_MEMORY, "memory budget exceeded (%zu bytes)",
				  sb->mem_cap);
}

/* Compile a regex the state has no copy of: push its userdata. */
static nr_regex *new_regex(lua_State *L, const char *pat, size_t len, uint32_t options)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	nr_regex *re = lua_newuserdatauv(L, sizeof(*re), 1);
	memset(re, 0, sizeof(*re));
	re->owned = true;
	luaL_setmetatable(L, NR_MT_REGEX);
	lua_pushlstring(L, pat, len);
	lua_setiuservalue(L, -2, 1);
	/* Compiled already by a file of the set (a scanner's state, or a later
	 * file of a set loading: a module's regexes, required by every rule
	 * file, are compiled once): borrow it. */
	const nr_ruleset *set = sb->shared ? sb->shared : sb->loading;
	const nr_rx *shared = set ? find_shared(set, pat, len, options) : NULL;
	if (shared) {
		re->code = shared->code;
		re->owned = false;
	} else {
		int errcode;
		PCRE2_SIZE off;
		re->code = pcre2_compile((PCRE2_SPTR)pat, len, options | NR_RX_ALWAYS, &errcode,
					 &off, sb->cctx);
		if (!re->code) {
			PCRE2_UCHAR buf[160];
			pcre2_get_error_message(errcode, buf, sizeof(buf));
			luaL_error(L, "news.regex: %s at offset %d of /%s/", (const char *)buf,
				   (int)off, pat);
		}
		jit_compile(sb, re->code);
		charge(L, sb, re);
		if (sb->loading)
			share(sb, pat, len, options);
	}
	pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &re->ncap);
	return re;
}

/* The regex for flags and pattern, from the running file's cache or
 * compiled into it: pushes its userdata. */
static nr_regex *regex_get(lua_State *L, const char *pat, size_t len, uint32_t options)
{
	lua_pushfstring(L, "r%d/", (int)options);
	lua_pushlstring(L, pat, len);
	lua_concat(L, 2);
	int key = lua_gettop(L);
	nr_regex *re;
	if (nr_news__cache_get(L, key) == LUA_TUSERDATA) {
		re = lua_touserdata(L, -1);
	} else {
		lua_pop(L, 1);
		re = new_regex(L, pat, len, options);
		nr_news__cache_put(L, key, -1);
	}
	lua_remove(L, key);
	return re;
}

nr_regex *nr_news__regex_cached(lua_State *L, const char *pat, size_t len, uint32_t options)
{
	return regex_get(L, pat, len, options);
}

int nr_news__regex_exec(lua_State *L, nr_regex *re, const char *subject, size_t len, size_t start,
			bool checked, size_t *ms, size_t *me)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	if (!re->code)
		return luaL_error(L, "regex was not compiled");
	if (start > len)
		return 0;
	int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, start,
			     checked ? PCRE2_NO_UTF_CHECK : 0, sb->md, sb->mctx);
	if (rc >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sb->md);
		*ms = ov[0];
		*me = ov[1] < ov[0] ? ov[0] : ov[1]; /* \K can put the start past the end */
		return 1;
	}
	if (rc == PCRE2_ERROR_NOMATCH || rc == PCRE2_ERROR_PARTIAL)
		return 0;
	switch (rc) {
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return nr_sandbox__raise(
		    L, NR_OUTCOME_ERR_REGEX,
		    "regex hit its match limit (rewrite it to backtrack less)");
	case PCRE2_ERROR_NOMEMORY:
		return nr_sandbox__raise(L, NR_OUTCOME_ERR_MEMORY, "regex ran out of memory");
	default: {
		PCRE2_UCHAR buf[160];
		pcre2_get_error_message(rc, buf, sizeof(buf));
		return luaL_error(L, "regex: %s", (const char *)buf);
	}
	}
}

/* Push captures of the last match (or the whole match); returns the count. */
static int push_captures(lua_State *L, nr_regex *re, const char *s, bool whole_if_none)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sb->md);
	uint32_t have = pcre2_get_ovector_count(sb->md);
	uint32_t n = re->ncap;
	if (n == 0) {
		if (!whole_if_none)
			return 0;
		lua_pushlstring(L, s + ov[0], ov[1] > ov[0] ? ov[1] - ov[0] : 0);
		return 1;
	}
	if (n > 31)
		n = 31;
	luaL_checkstack(L, (int)n, "too many captures");
	for (uint32_t i = 1; i <= n; i++) {
		if (i >= have || ov[2 * i] == PCRE2_UNSET)
			lua_pushboolean(L, 0);
		else
			lua_pushlstring(L, s + ov[2 * i], ov[2 * i + 1] - ov[2 * i]);
	}
	return (int)n;
}

static size_t init_arg(lua_State *L, int arg, size_t len)
{
	lua_Integer i = luaL_optinteger(L, arg, 1);
	if (i < 0)
		i = (lua_Integer)len + i + 1;
	if (i < 1)
		i = 1;
	if ((size_t)i > len + 1)
		return len + 1;
	return (size_t)i - 1;
}

static int regex_match(lua_State *L)
{
	nr_regex *re = luaL_checkudata(L, 1, NR_MT_REGEX);
	size_t len;
	const char *s = luaL_checklstring(L, 2, &len);
	size_t init = init_arg(L, 3, len), ms, me;
	if (init > len || !nr_news__regex_exec(L, re, s, len, init, false, &ms, &me)) {
		lua_pushnil(L);
		return 1;
	}
	return push_captures(L, re, s, true);
}

static int regex_find(lua_State *L)
{
	nr_regex *re = luaL_checkudata(L, 1, NR_MT_REGEX);
	size_t len;
	const char *s = luaL_checklstring(L, 2, &len);
	size_t init = init_arg(L, 3, len), ms, me;
	if (init > len || !nr_news__regex_exec(L, re, s, len, init, false, &ms, &me)) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushinteger(L, (lua_Integer)ms + 1);
	lua_pushinteger(L, (lua_Integer)me);
	return 2 + push_captures(L, re, s, false);
}

static int regex_test(lua_State *L)
{
	nr_regex *re = luaL_checkudata(L, 1, NR_MT_REGEX);
	size_t len, ms, me;
	const char *s = luaL_checklstring(L, 2, &len);
	lua_pushboolean(L, nr_news__regex_exec(L, re, s, len, 0, false, &ms, &me));
	return 1;
}

static size_t utf8_next(const char *s, size_t len, size_t pos)
{
	if (pos >= len)
		return len + 1;
	uint32_t cp;
	return pos + nr_utf8__decode(s + pos, len - pos, &cp);
}

/* upvalues: regex, subject, position (integer), checked (boolean) */
static int regex_gmatch_step(lua_State *L)
{
	nr_regex *re = lua_touserdata(L, lua_upvalueindex(1));
	size_t len, ms, me;
	const char *s = lua_tolstring(L, lua_upvalueindex(2), &len);
	lua_Integer pos = lua_tointeger(L, lua_upvalueindex(3));
	bool checked = lua_toboolean(L, lua_upvalueindex(4));
	if (pos < 0 || (size_t)pos > len)
		return 0;
	if (!nr_news__regex_exec(L, re, s, len, (size_t)pos, checked, &ms, &me)) {
		lua_pushinteger(L, (lua_Integer)len + 1);
		lua_replace(L, lua_upvalueindex(3));
		return 0;
	}
	lua_pushinteger(L, (lua_Integer)(me > ms ? me : utf8_next(s, len, ms)));
	lua_replace(L, lua_upvalueindex(3));
	lua_pushboolean(L, 1);
	lua_replace(L, lua_upvalueindex(4));
	return push_captures(L, re, s, true);
}

static int regex_gmatch(lua_State *L)
{
	luaL_checkudata(L, 1, NR_MT_REGEX);
	luaL_checkstring(L, 2);
	lua_settop(L, 2);
	lua_pushinteger(L, 0);
	lua_pushboolean(L, 0);
	lua_pushcclosure(L, regex_gmatch_step, 4);
	return 1;
}

int nr_news__regex(lua_State *L)
{
	size_t len;
	const char *pat = luaL_checklstring(L, 1, &len);
	uint32_t opts = parse_flags(L, 2, luaL_optstring(L, 2, ""));
	regex_get(L, pat, len, opts);
	return 1;
}

void nr_news__regex_open(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{ "match", regex_match }, { "find", regex_find }, { "gmatch", regex_gmatch },
		{ "test", regex_test },   { NULL, NULL },
	};
	static const nr_lua_type type = {
		NR_MT_REGEX, methods, NULL, regex_tostring, NULL, regex_gc
	};
	nr_lua__new_type(L, &type);
}
