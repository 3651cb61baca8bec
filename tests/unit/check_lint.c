/* check_lint.c - what `check` lints, read off each file's bytecode and the values
 * it leaves: the exact warnings for small bad rules, silencing comments, a
 * clean file with derived keywords, news.keywords, and the bytecode reader
 * against cut and corrupted dumps. */
#include "testutil.h"

#include "lua/objects.h"
#include "rules/luac.h"

#include <check.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINT(p) NR_FIXTURES "/lint/" p

/* Load one file with the lint on; its warnings, in order, joined by
 * newlines (the path shortened to the file's name). */
static char *lint_file(const char *path, int lint)
{
	nr_ruleset_options o = NR_RULESET_OPTIONS_INIT;
	o.lint = lint;
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, &o), NR_OK);
	ck_assert_msg(nr_ruleset_add_path(rs, path) == NR_OK, "%s", nr_ruleset_last_error(rs));
	static char out[16384];
	size_t len = 0;
	out[0] = '\0';
	const char *base = strrchr(path, '/') + 1;
	for (size_t i = 0; i < nr_ruleset_diagnostic_count(rs); i++) {
		nr_diag_level lv;
		const char *d = nr_ruleset_diagnostic(rs, i, &lv);
		ck_assert_int_eq(lv, NR_DIAG_WARNING);
		const char *at = strstr(d, base);
		len += (size_t)snprintf(out + len, sizeof(out) - len, "%s\n", at ? at : d);
	}
	nr_ruleset_free(rs);
	return out;
}

START_TEST(undefined_globals)
{
	ck_assert_str_eq(
	    lint_file(LINT("globals.lua"), 1),
	    "globals.lua:11: undefined global 'DENY': this file never sets it and rules have no "
	    "such global: reading it gives nil [undefined-global]\n"
	    "globals.lua:12: undefined global 'mesage': this file never sets it and rules have "
	    "no such global: reading it gives nil [undefined-global]\n"
	    "globals.lua:16: 'os' is not available to rules (sandbox): reading it raises "
	    "error-blocked [undefined-global]\n");
}
END_TEST

/* The names a misspelt global may have meant are the sandbox's and the file's. */
START_TEST(undefined_global_suggestion)
{
	const char *src = "Watch = {}\n"
			  "rule { id = 'g', title = 'G', severity = 'low', keywords = { 'x' },\n"
			  "  examples = { { text = 'x', expect = 0 } },\n"
			  "  match = function(a) return Wacth, tostrin, nws end }\n";
	nr_ruleset_options o = NR_RULESET_OPTIONS_INIT;
	o.lint = 1;
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, &o), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "s.lua", src, strlen(src)), NR_OK);
	ck_assert_uint_eq(nr_ruleset_diagnostic_count(rs), 3);
	ck_assert_ptr_nonnull(strstr(nr_ruleset_diagnostic(rs, 0, NULL), "'Wacth'"));
	ck_assert_ptr_nonnull(strstr(nr_ruleset_diagnostic(rs, 0, NULL), "did you mean 'Watch'?"));
	ck_assert_ptr_nonnull(
	    strstr(nr_ruleset_diagnostic(rs, 1, NULL), "did you mean 'tostring'?"));
	ck_assert_ptr_nonnull(strstr(nr_ruleset_diagnostic(rs, 2, NULL), "did you mean 'news'?"));
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(unknown_methods)
{
	static const char types[] = "(article, entity, lexicon, party, quote, regex, span, "
				    "statement, string) nor on the file's own tables";
	char want[2048];
	snprintf(want, sizeof(want),
		 "methods.lua:14: no method 'hass' on any object a rule sees %s: did you mean "
		 "'has'? [unknown-method]\n"
		 "methods.lua:15: no method 'entites' on any object a rule sees %s: did you mean "
		 "'entities'? [unknown-method]\n"
		 "methods.lua:16: no method 'uper' on any object a rule sees %s: did you mean "
		 "'upper'? [unknown-method]\n"
		 "methods.lua:17: no method 'bumpp' on any object a rule sees %s: did you mean "
		 "'bump'? [unknown-method]\n",
		 types, types, types, types);
	ck_assert_str_eq(lint_file(LINT("methods.lua"), 1), want);
}
END_TEST

START_TEST(costly_patterns)
{
	static const char tail[] = "can take more than 1e+08 steps on a 10 KB paragraph: "
				   "string.%s refuses it there (error-regex); use news.regex, "
				   "anchor it with '^', or make a repetition exclusive of what "
				   "follows it ([^,]*, rather than .-,) [costly-pattern]\n";
	char t1[512], t2[512], want[2048];
	snprintf(t1, sizeof(t1), tail, "match");
	snprintf(t2, sizeof(t2), tail, "find");
	snprintf(want, sizeof(want),
		 "patterns.lua:8: pattern \"(.-), (.-), (.-)$\" %s"
		 "patterns.lua:9: pattern \"(.*)(.*)(.*)x\" %s",
		 t1, t2);
	ck_assert_str_eq(lint_file(LINT("patterns.lua"), 1), want);
}
END_TEST

START_TEST(keywords_against_cues)
{
	ck_assert_str_eq(
	    lint_file(LINT("cues.lua"), 1),
	    "cues.lua:7: rule 'cues' never runs on an article whose only cue is 'decry' or "
	    "'decried' or 'decries' or 'decrying' (forms of 'decry' in CONDEMN): no keyword "
	    "occurs in them [uncovered-cue]\n"
	    "cues.lua:7: rule 'cues': keyword 'acuse' occurs in none of the cues the rule looks "
	    "for (its lexicons, regexes and strings): it only makes the rule run on articles it "
	    "has no cue in [unused-keyword]\n");
}
END_TEST

/* A rule that reads its keywords' hits looks for each keyword itself: no
 * unused-keyword; the cue lexicon's uncovered entries are still shown. */
START_TEST(keywords_read_as_hits)
{
	ck_assert_str_eq(
	    lint_file(LINT("hits.lua"), 1),
	    "hits.lua:12: rule 'hits' never runs on an article whose only cue is 'decry' or "
	    "'decried' or 'decries' or 'decrying' (forms of 'decry' in CONDEMN): no keyword "
	    "occurs in them [uncovered-cue]\n");
}
END_TEST

/* "-- check: ignore [kinds]" on the line, or alone on the line before. */
START_TEST(ignore_comments)
{
	ck_assert_str_eq(lint_file(LINT("ignore.lua"), 1),
			 "ignore.lua:12: undefined global 'Third': this file never sets it and "
			 "rules have no such global: reading it gives nil [undefined-global]\n");
}
END_TEST

/* Off unless asked for: a set made with the default options lints nothing. */
START_TEST(lint_is_opt_in)
{
	ck_assert_str_eq(lint_file(LINT("globals.lua"), 0), "");
	ck_assert_str_eq(lint_file(LINT("cues.lua"), 0), "");
	/* A version 2 caller's struct has no lint field. */
	nr_ruleset_options o = NR_RULESET_OPTIONS_INIT;
	o.version = 2;
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, &o), NR_OK);
	nr_ruleset_free(rs);
	o.version = 4;
	ck_assert_int_eq(nr_ruleset_new(&rs, &o), NR_EINVAL);
}
END_TEST

/* Keywords derived with news.keywords cover every form: a clean file,
 * whose examples pass (one only has "ruling out"). */
START_TEST(derived_keywords_clean)
{
	ck_assert_str_eq(lint_file(LINT("keywords.lua"), 1), "");
	nr_ruleset *rs;
	nr_scanner *sc;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, LINT("keywords.lua")), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	for (size_t e = 0; e < nr_ruleset_example_count(rs, 0); e++) {
		int expect;
		const char *text = nr_ruleset_example(rs, 0, e, &expect, NULL);
		nr_article *a;
		ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
		ck_assert_int_eq(nr_scanner_scan(sc, a, NULL, NULL), NR_OK);
		ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_MATCH),
				  e < 2 ? e + 1 : 2);
		nr_article_free(a);
	}
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

/* Run a rule file whose top level asserts; NR_OK when it loads. */
static int load_asserting(const char *src)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(rs, "k.lua", src, strlen(src));
	if (rc)
		fprintf(stderr, "%s\n", nr_ruleset_last_error(rs));
	nr_ruleset_free(rs);
	return rc;
}

START_TEST(news_keywords)
{
	/* Forms grouped by their first four bytes, each group's shared
	 * prefix; short forms whole; sorted; strings lowercased. */
	ck_assert_int_eq(
	    load_asserting(
		"local k = news.keywords(news.lexicon { 'deny', 'reject', 'rule out' },\n"
		"  news.lexicon { 'accuse', 'blame' }, 'Not Guilty')\n"
		"assert(table.concat(k, ',') == 'accus,blam,denie,deny,not guilty,reject,rule,"
		"ruling out', table.concat(k, ','))\n"
		"k = news.keywords(news.lexicon { 'war', 'warn', 'UN', exact = true })\n"
		"assert(table.concat(k, ',') == 'un,war', table.concat(k, ','))\n"
		"k = news.keywords(news.lexicon('speech_verbs:deny'))\n"
		"for _, f in ipairs({ 'deny', 'denies', 'denied', 'denying' }) do\n"
		"  local hit = false\n"
		"  for _, w in ipairs(k) do hit = hit or f:find(w, 1, true) ~= nil end\n"
		"  assert(hit, f)\n"
		"end\n"
		"assert(not pcall(news.keywords))\n"
		"local ok, e = pcall(news.keywords, {})\n"
		"assert(not ok and e:find('news.lexicon'), e)\n"),
	    NR_OK);
}
END_TEST

/* ---- the bytecode reader ------------------------------------------------------- */

static const char sample[] =
    "local A = news.lexicon { 'deny' }\n"
    "G = 1\n"
    "local function f(s)\n"
    "  return s:find('x') and A:test(s) and X\n"
    "end\n"
    "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
    "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
    "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"
    "local t = { 1.5, 2, true, 'a long string constant that is longer than forty bytes' }\n"
    "return f, t, G, function() return X end\n";

static int dump_to(lua_State *L, const void *p, size_t sz, void *ud)
{
	(void)L;
	nr_buf__put(ud, p, sz);
	return 0;
}

/* The dump of `sample`, as a string on the stack; its bytes. */
static const char *sample_dump(lua_State *L, size_t *len)
{
	ck_assert_int_eq(luaL_loadbufferx(L, sample, sizeof(sample) - 1, "=sample", "t"), LUA_OK);
	nr_buf b = NR_BUF_INIT;
	lua_dump(L, dump_to, &b, 0);
	ck_assert(!b.oom);
	lua_pushlstring(L, b.data, b.len);
	nr_buf__free(&b);
	return lua_tolstring(L, -1, len);
}

static const nr_proto *find_line(const nr_proto *f, int line)
{
	if (f->line == line)
		return f;
	for (size_t i = 0; i < f->np; i++) {
		const nr_proto *g = find_line(f->p[i], line);
		if (g)
			return g;
	}
	return NULL;
}

START_TEST(luac_reads_dump)
{
	lua_State *L = luaL_newstate();
	ck_assert(nr_luac__usable(L));
	size_t len;
	const char *d = sample_dump(L, &len);
	nr_arena arena;
	nr_arena__init(&arena);
	const nr_proto *f;
	ck_assert_int_eq(nr_luac__read(&arena, d, len, &f), NR_OK);
	ck_assert_uint_eq(f->np, 2);
	ck_assert(f->up[0].env);
	const nr_proto *g = find_line(f, 3);
	ck_assert_ptr_nonnull(g);
	ck_assert_int_eq(g->lastline, 5);
	/* f's upvalues: A (a local of the chunk) and _ENV (the chunk's). */
	ck_assert_uint_eq(g->nup, 2);
	ck_assert_str_eq(g->up[0].name, "A");
	ck_assert(!g->up[0].env && g->up[1].env);
	bool self = false, global = false;
	for (size_t pc = 0; pc < g->ncode; pc++) {
		uint32_t i = g->code[pc];
		if (NR_I_OP(i) == NR_OP_SELF && !strcmp(nr_luac__kstr(g, NR_I_C(i)), "find"))
			self = nr_luac__line(g, pc) == 4;
		if (NR_I_OP(i) == NR_OP_GETTABUP && !strcmp(nr_luac__kstr(g, NR_I_C(i)), "X"))
			global = nr_luac__line(g, pc) == 4;
	}
	ck_assert(self && global);
	/* Past 127 lines in one step: an absolute line entry. */
	int last = 1;
	for (const char *p = sample; p < strstr(sample, "return f,"); p++)
		last += *p == '\n';
	ck_assert_int_gt(last, 130);
	const nr_proto *h = f->p[1];
	ck_assert_int_eq(h->line, last);
	ck_assert_int_eq(nr_luac__line(h, 0), last);
	bool at_last = false;
	for (size_t pc = 0; pc < f->ncode; pc++)
		at_last |= NR_I_OP(f->code[pc]) == NR_OP_CLOSURE && nr_luac__line(f, pc) == last;
	ck_assert(at_last);
	nr_arena__free(&arena);
	lua_close(L);
}
END_TEST

/* Every prefix of a dump is refused; every byte changed to any value is
 * read or refused, never a crash (ASan watches). */
START_TEST(luac_hostile_dumps)
{
	lua_State *L = luaL_newstate();
	size_t len;
	const char *d = sample_dump(L, &len);
	char *buf = malloc(len + 1);
	ck_assert_ptr_nonnull(buf);
	for (size_t cut = 0; cut < len; cut++) {
		nr_arena arena;
		nr_arena__init(&arena);
		const nr_proto *f;
		memcpy(buf, d, cut);
		ck_assert_int_eq(nr_luac__read(&arena, buf, cut, &f), NR_EINVAL);
		nr_arena__free(&arena);
	}
	static const unsigned char values[] = { 0x00, 0x01, 0x7f, 0x80, 0x81, 0xfe, 0xff };
	for (size_t at = 0; at < len; at++) {
		for (size_t v = 0; v < sizeof(values); v++) {
			memcpy(buf, d, len);
			buf[at] = (char)values[v];
			nr_arena arena;
			nr_arena__init(&arena);
			const nr_proto *f;
			if (nr_luac__read(&arena, buf, len, &f) == NR_OK)
				for (size_t pc = 0; pc < f->ncode; pc++)
					(void)nr_luac__line(f, pc);
			nr_arena__free(&arena);
		}
	}
	/* Trailing bytes, and a header of another Lua. */
	nr_arena arena;
	nr_arena__init(&arena);
	const nr_proto *f;
	char *longer = malloc(len + 1);
	ck_assert_ptr_nonnull(longer);
	memcpy(longer, d, len);
	longer[len] = 0;
	ck_assert_int_eq(nr_luac__read(&arena, longer, len + 1, &f), NR_EINVAL);
	memcpy(buf, d, len);
	buf[4] = 0x53; /* Lua 5.3 */
	ck_assert_int_eq(nr_luac__read(&arena, buf, len, &f), NR_EINVAL);
	free(longer);
	free(buf);
	nr_arena__free(&arena);
	lua_close(L);
}
END_TEST

/* A file the lint cannot read (here: what it left on the stack is no
 * environment it knows) loads all the same; hostile top-level values do
 * not make the lint crash or loop. */
START_TEST(lint_hostile_values)
{
	const char *src = "local t = {}\n"
			  "for i = 1, 300000 do t[i] = { i } end\n"
			  "local deep = {}\n"
			  "for i = 1, 500 do deep = { deep, [deep] = deep } end\n"
			  "local cyc = {}\n"
			  "cyc.self = cyc\n"
			  "setmetatable(cyc, { __index = function() error('never run') end })\n"
			  "local L = news.lexicon { 'deny' }\n"
			  "local function f() return t, deep, cyc, L, f end\n"
			  "rule { id = 'h', title = 'H', severity = 'low', keywords = { 'deny' },\n"
			  "  examples = { { text = 'x', expect = 0 } },\n"
			  "  match = function(a) local x = f() return x:nomethod() end }\n";
	nr_ruleset_options o = NR_RULESET_OPTIONS_INIT;
	o.lint = 1;
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, &o), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "h.lua", src, strlen(src)), NR_OK);
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 1);
	bool found = false;
	for (size_t i = 0; i < nr_ruleset_diagnostic_count(rs); i++)
		found |= strstr(nr_ruleset_diagnostic(rs, i, NULL), "'nomethod'") != NULL;
	ck_assert(found);
	nr_ruleset_free(rs);
}
END_TEST

/* A file that makes the cue lint's work huge (a lexicon of 50,000 entries
 * that 500 rules reach) gets a lint that stops in bounded time. */
START_TEST(lint_work_bounded)
{
	const char *src = "local w = {}\n"
			  "for i = 1, 50000 do w[i] = 'word' .. i end\n"
			  "local BIG = news.lexicon(w)\n"
			  "for r = 1, 500 do\n"
			  "  rule { id = 'r' .. r, title = 'R', severity = 'low', keywords = { "
			  "'word1', 'word2', 'word3' },\n"
			  "    examples = { { text = 'x', expect = 0 } },\n"
			  "    match = function(a) return a:find(BIG) end }\n"
			  "end\n";
	nr_ruleset_options o = NR_RULESET_OPTIONS_INIT;
	o.lint = 1;
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, &o), NR_OK);
	int64_t t0 = nr__now_ns();
	ck_assert_int_eq(nr_ruleset_add_string(rs, "big.lua", src, strlen(src)), NR_OK);
	double s = (double)(nr__now_ns() - t0) / 1e9;
	ck_assert_msg(s < 30, "%.1f s", s);
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 500);
	ck_assert_ptr_nonnull(strstr(nr_ruleset_diagnostic(rs, 0, NULL), "[uncovered-cue]"));
	nr_ruleset_free(rs);
}
END_TEST

Suite *lint_suite(void)
{
	Suite *s = suite_create("lint");
	TCase *tc = tcase_create("lints");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, undefined_globals);
	tcase_add_test(tc, undefined_global_suggestion);
	tcase_add_test(tc, unknown_methods);
	tcase_add_test(tc, costly_patterns);
	tcase_add_test(tc, keywords_against_cues);
	tcase_add_test(tc, keywords_read_as_hits);
	tcase_add_test(tc, ignore_comments);
	tcase_add_test(tc, lint_is_opt_in);
	tcase_add_test(tc, derived_keywords_clean);
	tcase_add_test(tc, news_keywords);
	suite_add_tcase(s, tc);
	TCase *rd = tcase_create("bytecode");
	tcase_set_timeout(rd, 120);
	tcase_add_test(rd, luac_reads_dump);
	tcase_add_test(rd, luac_hostile_dumps);
	tcase_add_test(rd, lint_hostile_values);
	tcase_add_test(rd, lint_work_bounded);
	suite_add_tcase(s, rd);
	return s;
}
