/*
 * log.c - news.log(...) and print(...): a rule's debugging lines, handed
 * to the host's callback (the library never prints). Each line is the
 * arguments' tostring() joined by tabs, as Lua's print writes them, cut
 * at NR_LOG_MAX_LINE bytes; the lines of one rule on one article, of one
 * article and of one file's top level are rate-limited, and what the
 * limit holds back is counted and stood for by one note.
 */
#include "lua/objects.h"

#include <string.h>

#define NR_STR_(x) #x
#define NR_STR(x) NR_STR_(x)

/* What a line says when it was cut. */
static const char CUT_NOTE[] = " [cut: a log line holds at most " NR_STR(NR_LOG_MAX_LINE) " bytes]";

/* A line with as much of `s` as fits in room bytes, never cutting a UTF-8
 * character; false when something did not fit. */
static bool put_part(char *line, size_t *n, const char *s, size_t len, size_t room)
{
	if (len <= room - *n) {
		memcpy(line + *n, s, len);
		*n += len;
		return true;
	}
	size_t take = room - *n;
	while (take > 0 && ((unsigned char)s[take] & 0xC0) == 0x80)
		take--;
	memcpy(line + *n, s, take);
	*n += take;
	return false;
}

/* The arguments 1..top as one line into `line` (NR_LOG_MAX_LINE + 1
 * bytes); its length. tostring() is the sandbox's (no addresses) and runs
 * __tostring metamethods under the rule's budgets. */
static size_t build_line(lua_State *L, char *line)
{
	int top = lua_gettop(L);
	size_t n = 0, room = NR_LOG_MAX_LINE - (sizeof(CUT_NOTE) - 1);
	bool whole = true;
	for (int i = 1; i <= top && whole; i++) {
		if (i % 256 == 0)
			nr_sandbox__poll(L); /* many empty arguments: the deadline holds */
		lua_pushcfunction(L, nr_sandbox__tostring);
		lua_pushvalue(L, i);
		lua_call(L, 1, 1);
		size_t len;
		const char *s = lua_tolstring(L, -1, &len);
		whole = (i == 1 || put_part(line, &n, "\t", 1, room)) &&
			put_part(line, &n, s, len, room);
		lua_pop(L, 1);
	}
	if (!whole) {
		memcpy(line + n, CUT_NOTE, sizeof(CUT_NOTE) - 1);
		n += sizeof(CUT_NOTE) - 1;
	}
	line[n] = '\0';
	return n;
}

/* Where the calling Lua code is: its chunk's name and line. */
static void caller(lua_State *L, nr_log_line *ll)
{
	lua_Debug ar;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar)) {
		ll->file = ar.source[0] == '@' ? ar.source + 1 : ar.short_src;
		ll->line = ar.currentline > 0 ? ar.currentline : 0;
	}
}

void nr_log__note(nr_log_cb cb, void *payload, const char *rule, const char *article,
		  const char *file, unsigned long suppressed)
{
	if (!cb || !suppressed)
		return;
	char msg[96];
	int n = snprintf(msg, sizeof(msg), "%lu log line%s suppressed", suppressed,
			 suppressed == 1 ? "" : "s");
	nr_log_line ll = { rule, article, file, 0, msg, (size_t)n, suppressed };
	cb(&ll, payload);
}

/* While a rule file's top level runs: the set's callback, NR_LOG_MAX_PER_RULE
 * lines per file. A scanner running the files again logs nothing. */
static int log_at_load(lua_State *L, nr_collector *c)
{
	if (c->scanner || !c->rs)
		return 0;
	if (c->log_lines >= NR_LOG_MAX_PER_RULE) {
		c->log_suppressed++;
		return 0;
	}
	c->log_lines++;
	if (!c->rs->log_cb)
		return 0;
	char line[NR_LOG_MAX_LINE + 1];
	nr_log_line ll = { NULL, NULL, c->file, 0, line, 0, 0 };
	ll.message_len = build_line(L, line);
	caller(L, &ll);
	c->rs->log_cb(&ll, c->rs->log_payload);
	return 0;
}

/* The `newsrules` module in the analyst's own interpreter: its print. */
static int log_in_module(lua_State *L)
{
	char line[NR_LOG_MAX_LINE + 1];
	size_t n = build_line(L, line);
	if (lua_getglobal(L, "print") != LUA_TFUNCTION)
		return 0;
	lua_pushlstring(L, line, n);
	lua_call(L, 1, 0);
	return 0;
}

int nr_news__log(lua_State *L)
{
	nr_sandbox *sb = nr_sandbox__get(L);
	if (sb->decl)
		return log_at_load(L, sb->decl);
	nr_scan_ctx *ctx = nr_lua__ctx(L);
	if (ctx && ctx->module)
		return log_in_module(L);
	if (!ctx || !ctx->rule || !ctx->article || ctx->log_off)
		return 0;
	if (ctx->log_rule >= NR_LOG_MAX_PER_RULE || ctx->log_article >= NR_LOG_MAX_PER_ARTICLE) {
		ctx->log_suppressed++;
		return 0;
	}
	ctx->log_rule++;
	ctx->log_article++;
	if (!ctx->log_cb)
		return 0;
	char line[NR_LOG_MAX_LINE + 1];
	nr_log_line ll = { ctx->rule->id,
			   nr_article_id(ctx->article),
			   ctx->rs->files[ctx->rule->file].name,
			   0,
			   line,
			   0,
			   0 };
	ll.message_len = build_line(L, line);
	caller(L, &ll);
	ctx->log_cb(&ll, ctx->log_payload);
	return 0;
}
