/*
 * fuzz_luac.c - libFuzzer target for what `check` lints with: the reader of
 * Lua bytecode (rules/luac.c) and the lint passes over a file that loads.
 *
 * The first byte picks what the rest is:
 *   odd:  bytes read as a lua_dump() of their own (almost always refused;
 *         the fuzzer learns the header from the even inputs' dumps);
 *   even: Lua source. When it compiles, its dump must read back, and the
 *         dump with one byte changed (where and to what, the input's last
 *         two bytes say) must read or be refused; then the source is loaded
 *         as a rule file with the lint on, under small budgets.
 * A crash, a sanitizer report, a dump of this Lua that does not read, or a
 * load that fails without a diagnostic is a bug.
 */
#include "newsrules.h"
#include "base/base.h"
#include "rules/luac.h"

#include <lauxlib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int to_buffer(lua_State *L, const void *p, size_t sz, void *ud)
{
	(void)L;
	nr_buf__put(ud, p, sz);
	return 0;
}

static void read_and_walk(const void *buf, size_t len, bool must_read)
{
	nr_arena arena;
	nr_arena__init(&arena);
	const nr_proto *f;
	int rc = nr_luac__read(&arena, buf, len, &f);
	if (must_read && rc != NR_OK)
		abort();
	for (size_t pc = 0; rc == NR_OK && pc < f->ncode; pc++)
		(void)nr_luac__line(f, pc);
	nr_arena__free(&arena);
}

/* Compile, dump, read back, read a corrupted copy. */
static void dumps(const uint8_t *src, size_t len)
{
	lua_State *L = luaL_newstate();
	if (!L)
		return;
	if (luaL_loadbufferx(L, (const char *)src, len, "=fuzz", "t") == LUA_OK) {
		nr_buf b = NR_BUF_INIT;
		lua_dump(L, to_buffer, &b, 0);
		if (b.oom)
			abort();
		size_t n = b.len;
		const char *d = b.data;
		read_and_walk(d, n, true);
		char *bad = malloc(n);
		if (bad && n && len >= 2) {
			memcpy(bad, d, n);
			bad[(src[len - 2] * 131u + len) % n] = (char)src[len - 1];
			read_and_walk(bad, n, false);
		}
		free(bad);
		nr_buf__free(&b);
	}
	lua_close(L);
}

static void lint(const uint8_t *src, size_t len)
{
	nr_ruleset_options o = NR_RULESET_OPTIONS_INIT;
	o.lint = 1;
	o.max_instructions = 200000;
	o.max_memory = 16u << 20;
	nr_ruleset *rs;
	if (nr_ruleset_new(&rs, &o) != NR_OK)
		return;
	if (nr_ruleset_add_string(rs, "fuzz.lua", (const char *)src, len) != NR_OK &&
	    nr_ruleset_diagnostic_count(rs) == 0)
		abort();
	nr_ruleset_free(rs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	if (data[0] & 1) {
		read_and_walk(data + 1, size - 1, false);
		return 0;
	}
	dumps(data + 1, size - 1);
	lint(data + 1, size - 1);
	return 0;
}
