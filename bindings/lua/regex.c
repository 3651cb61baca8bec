/*
 * regex.c - news.regex: PCRE2 regexes compiled once per Lua state (cached
 * by flags and pattern), in UTF mode with Unicode properties, matched
 * under the sandbox's match, depth and heap limits, and JIT-compiled,
 * where the platform has a JIT, once they have been used enough to pay
 * for it (match_code()). Patterns compiled while a rule set loads are
 * compiled once, into the set, and every state (loading or scanning)
 * borrows them; their JIT form is compiled once for all the set's
 * scanners, whichever threads they run on.
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
		pcre2_code_free(re->code); /* its JIT form, if any, with it */
	re->code = NULL;
	re->jit = NULL;
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

/* The compile limits every state's context sets (sandbox.c), for the
 * set's own copies, which live in plain memory (the loading state's heap
 * goes away with it). */
static pcre2_code *compile_shared(const char *pat, size_t len, uint32_t options)
{
	pcre2_compile_context *cctx = pcre2_compile_context_create(NULL);
	if (!cctx)
		return NULL;
	pcre2_set_max_pattern_length(cctx, 8192);
	pcre2_set_parens_nest_limit(cctx, 64);
	int errcode;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pat, len, options | NR_RX_ALWAYS, &errcode,
					 &off, cctx);
	pcre2_compile_context_free(cctx);
	return code;
}

/* Compile a pattern into the set's shared list while a file loads, at most
 * NR_REGEX_SHARED per file so that no file takes the others' share: its
 * index there, or SIZE_MAX (a pattern that does not compile, no room, no
 * memory: the state compiles its own copy, and reports the error). */
static size_t share(nr_sandbox *sb, const char *pat, size_t len, uint32_t options)
{
	nr_ruleset *rs = sb->loading;
	const nr_collector *c = sb->decl;
	if (!c || rs->nrx - c->rx_mark >= NR_REGEX_SHARED)
		return SIZE_MAX;
	if (rs->nrx == rs->cap_rx && !nr__grow((void **)&rs->rx, &rs->cap_rx, sizeof(*rs->rx), 16))
		return SIZE_MAX;
	pcre2_code *code = compile_shared(pat, len, options);
	char *copy = code ? nr__memdup0(pat, len) : NULL;
	if (!copy) {
		pcre2_code_free(code);
		return SIZE_MAX;
	}
	nr_rx *rx = &rs->rx[rs->nrx];
	*rx = (nr_rx){ options, copy, len, code, rx_hash(pat, len, options), NULL, 0 };
	atomic_init(&rx->jit, NULL);
	atomic_init(&rx->jit_claim, 0);
	return rs->nrx++;
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
 * Count `bytes` against the state's heap budget (a sandboxed state has
 * one) for as long as the regex lives, and tell the collector what the
 * regex holds (`held`) so that it paces itself. JIT code is executable
 * memory PCRE2 maps itself, outside the sandbox's allocator: it is counted
 * all the same (a file of large patterns would otherwise hold hundreds of
 * MiB nobody counts).
 */
static void charge(lua_State *L, nr_sandbox *sb, nr_regex *re, size_t bytes, size_t held)
{
	if (sb->mem_cap) {
		re->charged += bytes;
		sb->mem_used += bytes;
	}
	if (held)
		lua_gc(L, LUA_GCSTEP, (int)(held / 1024));
	if (sb->mem_limited && sb->mem_used > sb->mem_cap)
		nr_sandbox__raise(L, NR_OUTCOME_ERR_MEMORY, "memory budget exceeded (%zu bytes)",
				  sb->mem_cap);
}

static size_t code_size(const pcre2_code *code, uint32_t what)
{
	size_t n = 0;
	if (pcre2_pattern_info(code, what, &n) != 0)
		n = 0;
	return n;
}

/* Compile a regex the state has no copy of: push its userdata. */
static nr_regex *new_regex(lua_State *L, const char *pat, size_t len, uint32_t options)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	nr_regex *re = lua_newuserdatauv(L, sizeof(*re), 1);
	memset(re, 0, sizeof(*re));
	luaL_setmetatable(L, NR_MT_REGEX);
	lua_pushlstring(L, pat, len);
	lua_setiuservalue(L, -2, 1);
	/* Compiled already by a file of the set (a scanner's state, or a later
	 * file of a set loading: a module's regexes, required by every rule
	 * file, are compiled once), or compiled into the set now: borrow it.
	 * A loading state is charged the code it had compiled (what its own
	 * copy would have cost it); a scanner's borrows are the set's. */
	const nr_ruleset *set = sb->shared ? sb->shared : sb->loading;
	const nr_rx *found = set ? find_shared(set, pat, len, options) : NULL;
	size_t idx = found ? (size_t)(found - set->rx) : SIZE_MAX;
	if (!found && sb->loading && (idx = share(sb, pat, len, options)) != SIZE_MAX)
		charge(L, sb, re, code_size(set->rx[idx].code, PCRE2_INFO_SIZE), 0);
	if (idx != SIZE_MAX) {
		re->code = set->rx[idx].code;
		re->rx = idx;
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
		re->owned = true;
		charge(L, sb, re, 0, code_size(re->code, PCRE2_INFO_SIZE));
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

/*
 * JIT-compiling one of the pack's regexes costs about 600,000 instructions,
 * what two to four interpreted matches of it over a sentence cost, and
 * most of a rule set's regexes run a few times per article or not at all.
 * So each is interpreted until it has done NR_RX_JIT_AFTER uses' worth of
 * work (one per match call, plus one per KiB of subject it is given), then
 * JIT-compiled. 8 was measured (bench/README.md): scanning one article
 * with the pack, 1 (JIT on first use) costs 200 M instructions, 4 191 M,
 * 8 187 M, 16 186 M, never 190 M; a pass over BBC politics (417 articles)
 * costs 5.09 G at 4, 5.13 G at 8, 5.19 G at 16, 5.41 G at 48. Both
 * engines find the same matches under the same match limit, and the
 * interpreter's depth and heap limits and the JIT's stack limit raise the
 * same error.
 */
#define NR_RX_JIT_AFTER 8

/* A set's regex, JIT-compiled once for every state that borrows it: the
 * first to get here compiles a copy (the shared code is read by other
 * threads' matches meanwhile and never written) and publishes it; the
 * others interpret until it is there. The copy is the set's, like the
 * code, and freed with it. */
static void jit_shared(nr_sandbox *sb, nr_regex *re)
{
	const nr_ruleset *set = sb->shared ? sb->shared : sb->loading;
	nr_rx *rx = &set->rx[re->rx];
	pcre2_code *jit = atomic_load_explicit(&rx->jit, memory_order_acquire);
	int unclaimed = 0;
	if (!jit && atomic_compare_exchange_strong(&rx->jit_claim, &unclaimed, 1)) {
		jit = pcre2_code_copy(rx->code);
		if (jit && (pcre2_jit_compile(jit, PCRE2_JIT_COMPLETE) != 0 ||
			    !code_size(jit, PCRE2_INFO_JITSIZE))) {
			pcre2_code_free(jit);
			jit = NULL;
		}
		atomic_store_explicit(&rx->jit, jit, memory_order_release);
		atomic_store_explicit(&rx->jit_claim, 2, memory_order_release);
	}
	re->jit = jit;
	re->jit_done = jit || atomic_load_explicit(&rx->jit_claim, memory_order_acquire) == 2;
}

/* The code to match with: the JIT form once the regex has earned it. */
static const pcre2_code *match_code(lua_State *L, nr_sandbox *sb, nr_regex *re, size_t n)
{
	if (re->jit_done)
		return re->jit ? re->jit : re->code;
	size_t work = re->work + 1 + n / 1024;
	re->work = work < NR_RX_JIT_AFTER ? (uint32_t)work : NR_RX_JIT_AFTER;
	if (re->work < NR_RX_JIT_AFTER)
		return re->code;
	if (!re->owned) {
		jit_shared(sb, re);
	} else {
		re->jit_done = true;
		jit_compile(sb, re->code);
		size_t jit = code_size(re->code, PCRE2_INFO_JITSIZE);
		re->jit = jit ? re->code : NULL;
		charge(L, sb, re, jit, jit);
	}
	return re->jit ? re->jit : re->code;
}

int nr_news__regex_exec(lua_State *L, nr_regex *re, const char *subject, size_t len, size_t start,
			bool checked, size_t *ms, size_t *me)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	if (!re->code)
		return luaL_error(L, "regex was not compiled");
	if (start > len)
		return 0;
	const pcre2_code *code = match_code(L, sb, re, len - start);
	int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, start,
			     checked ? PCRE2_NO_UTF_CHECK : 0, sb->md, sb->mctx);
	/* One match runs to its end (the match limit bounds its backtracking,
	 * not its scan: some 30 ns a byte); an interrupt or a deadline that
	 * came meanwhile stops the rule here, before it goes on. */
	nr_sandbox__poll(L);
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
