/* check_sandbox.c - hostile rules are contained; the rule beside them still alerts. */
#include "testutil.h"

#include "extract/access.h"

#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

/* A rule that alerts once on every article: proof the scan went on. */
#define CANARY                                                         \
	"rule { id = 'canary', title = 'Canary', severity = 'info',\n" \
	"  match = function(a) a:alert{ message = 'alive' } end }\n"

typedef struct seen {
	int canary, other;
	char last_message[256];
} seen;

static int on_alert(const nr_alert *al, void *payload)
{
	seen *s = payload;
	if (!strcmp(nr_alert_rule_id(al), "canary"))
		s->canary++;
	else
		s->other++;
	snprintf(s->last_message, sizeof(s->last_message), "%s", nr_alert_message(al));
	return 0;
}

typedef struct env {
	nr_ruleset *rs;
	nr_scanner *sc;
	nr_article *a;
} env;

static void setup_env(env *e, const char *hostile, const nr_scanner_options *so)
{
	ck_assert_int_eq(nr_ruleset_new(&e->rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(e->rs, "hostile.lua", hostile, strlen(hostile));
	ck_assert_msg(rc == NR_OK, "hostile rule did not load: %s", nr_ruleset_last_error(e->rs));
	ck_assert_int_eq(nr_ruleset_add_string(e->rs, "canary.lua", CANARY, strlen(CANARY)), NR_OK);
	nr_scanner_options def = NR_SCANNER_OPTIONS_INIT;
	def.max_instructions = 2000000;
	def.max_memory = 32u << 20;
	def.deadline_ms = 3000;
	rc = nr_scanner_new(&e->sc, e->rs, so ? so : &def);
	ck_assert_msg(rc == NR_OK, "scanner: %s", nr_ruleset_last_error(e->rs));
	const char *text = "The minister accused the council of fraud. The council denied it.";
	ck_assert_int_eq(nr_article_from_text(&e->a, text, strlen(text), "A title"), NR_OK);
}

static void teardown_env(env *e)
{
	nr_article_free(e->a);
	nr_scanner_free(e->sc);
	nr_ruleset_free(e->rs);
}

/* Scan once with options `so` (NULL: the suite's); the hostile rule
 * (index 0) must end in `want`, the canary alerts. */
static void expect_within(const char *hostile, const nr_scanner_options *so, nr_outcome want,
			  const char *msg_part)
{
	env e;
	setup_env(&e, hostile, so);
	seen s = { 0 };
	int rc = nr_scanner_scan(e.sc, e.a, on_alert, &s);
	ck_assert_int_eq(rc, NR_ERUNTIME);
	ck_assert_int_eq(s.canary, 1);
	ck_assert_int_eq(s.other, 0);
	ck_assert_msg(nr_scanner_rule_outcomes(e.sc, 0, want) == 1, "wanted %s; error: %s",
		      nr_outcome_name(want),
		      nr_scanner_error_count(e.sc) ? nr_scanner_error(e.sc, 0) : "(none)");
	ck_assert_uint_ge(nr_scanner_error_count(e.sc), 1);
	const char *err = nr_scanner_error(e.sc, 0);
	ck_assert_msg(strstr(err, "rule 'evil' (hostile.lua:"), "error names no rule: %s", err);
	if (msg_part)
		ck_assert_msg(strstr(err, msg_part), "'%s' not in: %s", msg_part, err);
	/* The scanner is still usable: the same article again. */
	memset(&s, 0, sizeof(s));
	nr_scanner_scan(e.sc, e.a, on_alert, &s);
	ck_assert_int_eq(s.canary, 1);
	teardown_env(&e);
}

static void expect_contained(const char *hostile, nr_outcome want, const char *msg_part)
{
	expect_within(hostile, NULL, want, msg_part);
}

#define EVIL(body)                                                 \
	"rule { id = 'evil', title = 'Evil', severity = 'high',\n" \
	"  match = function(a)\n" body "\n  end }\n"

START_TEST(endless_loop)
{
	expect_contained(EVIL("while true do end"), NR_OUTCOME_ERR_INSTRUCTIONS,
			 "instruction budget");
}
END_TEST

/* Entity and quote iterators are C functions: a loop over them still
 * counts instructions, and hoarding their objects still counts memory. */
START_TEST(entity_loops_bounded)
{
	expect_contained(
	    EVIL("while true do for e in a:entities() do end\n"
		 "  for q in a:quotes() do end\n"
		 "  for s in a:sentences() do for e in s:entities('person') do end end end"),
	    NR_OUTCOME_ERR_INSTRUCTIONS, "instruction budget");
	expect_contained(EVIL("local t = {}\n"
			      "while true do t[#t + 1] = a:entities(); t[#t + 1] = a:quotes() end"),
			 NR_OUTCOME_ERR_MEMORY, "memory budget");
}
END_TEST

START_TEST(pcall_cannot_swallow_budget)
{
	expect_contained(EVIL("while true do pcall(function() while true do end end) end"),
			 NR_OUTCOME_ERR_INSTRUCTIONS, "instruction budget");
}
END_TEST

START_TEST(endless_allocation)
{
	expect_contained(EVIL("local t = {}\n"
			      "for i = 1, 1e9 do t[i] = string.rep('x', 100000) .. i end"),
			 NR_OUTCOME_ERR_MEMORY, "memory");
}
END_TEST

START_TEST(string_rep_gigabytes)
{
	expect_contained(EVIL("local s = string.rep('x', 2e9)"), NR_OUTCOME_ERR_MEMORY, NULL);
}
END_TEST

START_TEST(library_loops_bounded)
{
	/* C loops the instruction hook cannot interrupt. */
	expect_contained(EVIL("local s = string.rep('', 1e18) .. string.rep('', 1e18, '')\n"
			      "assert(s == '')\n"
			      "table.move({}, 1, math.maxinteger - 1, 2)"),
			 NR_OUTCOME_ERR_BLOCKED, "table.move");
	expect_contained(EVIL("local t = setmetatable({}, { __len = function() return 1e15 end })\n"
			      "table.insert(t, 1, 'x')"),
			 NR_OUTCOME_ERR_BLOCKED, "table.insert: table longer than");
	/* Ordinary use still works. */
	expect_contained(EVIL("local t = {}\n"
			      "table.insert(t, 'a') table.insert(t, 1, 'b')\n"
			      "assert(table.remove(t, 1) == 'b' and table.remove(t) == 'a')\n"
			      "assert(#table.move({1, 2, 3}, 1, 3, 2) == 4)\n"
			      "error('reached the end')"),
			 NR_OUTCOME_ERR_RUNTIME, "reached the end");
}
END_TEST

START_TEST(memory_error_swallowed_by_pcall)
{
	expect_contained(EVIL("for i = 1, 100 do pcall(string.rep, 'x', 2^30) end\n"
			      "a:alert{ message = 'should not get here' }"),
			 NR_OUTCOME_ERR_MEMORY, NULL);
}
END_TEST

START_TEST(catastrophic_lua_pattern)
{
	expect_contained(EVIL("local s = string.rep('a', 5000)\n"
			      "s:find('a-a-a-a-a-a-b')"),
			 NR_OUTCOME_ERR_REGEX, "too costly");
	expect_contained(EVIL("local s = string.rep('(', 200000)\n"
			      "s:find('%b()')"),
			 NR_OUTCOME_ERR_REGEX, "too costly");
}
END_TEST

START_TEST(catastrophic_regex)
{
	expect_contained(EVIL("local r = news.regex('^(a|aa)+$')\n"
			      "r:match(string.rep('a', 3000) .. 'b')"),
			 NR_OUTCOME_ERR_REGEX, "match limit");
}
END_TEST

START_TEST(deep_recursion)
{
	env e;
	setup_env(&e, EVIL("local function f(n) return 1 + f(n + 1) end\nf(1)"), NULL);
	seen s = { 0 };
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_ERUNTIME);
	ck_assert_int_eq(s.canary, 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 0, NR_OUTCOME_MATCH) +
			      nr_scanner_rule_outcomes(e.sc, 0, NR_OUTCOME_NOMATCH),
			  0);
	teardown_env(&e);
}
END_TEST

START_TEST(os_execute_blocked)
{
	expect_contained(EVIL("os.execute('touch /tmp/newsrules-pwned')"), NR_OUTCOME_ERR_BLOCKED,
			 "'os' is not available");
}
END_TEST

START_TEST(io_open_blocked)
{
	expect_contained(EVIL("io.open('/etc/passwd')"), NR_OUTCOME_ERR_BLOCKED,
			 "'io' is not available");
}
END_TEST

START_TEST(debug_and_load_blocked)
{
	expect_contained(EVIL("debug.getregistry()"), NR_OUTCOME_ERR_BLOCKED, "'debug'");
	expect_contained(EVIL("load('return 1')()"), NR_OUTCOME_ERR_BLOCKED, "'load'");
	expect_contained(EVIL("require('os')"), NR_OUTCOME_ERR_BLOCKED, "'require'");
	expect_contained(EVIL("collectgarbage()"), NR_OUTCOME_ERR_BLOCKED, NULL);
	expect_contained(EVIL("local f = string.dump(function() end)"), NR_OUTCOME_ERR_RUNTIME,
			 NULL);
}
END_TEST

START_TEST(metatables_hidden)
{
	/* getmetatable gives a name or false, never the shared tables. */
	expect_contained(EVIL("local mt = getmetatable('')\n"
			      "mt.__index.upper = function() return 'pwned' end"),
			 NR_OUTCOME_ERR_RUNTIME, NULL);
	expect_contained(EVIL("local mt = getmetatable(a)\n"
			      "assert(mt == 'newsrules.Article')\n"
			      "mt.__index = nil"),
			 NR_OUTCOME_ERR_RUNTIME, NULL);
	expect_contained(EVIL("setmetatable(_ENV, nil)"), NR_OUTCOME_ERR_RUNTIME, NULL);
	/* A finalizer would run with hooks off, out of every budget's reach. */
	expect_contained(EVIL("setmetatable({}, { __gc = function() while true do end end })"),
			 NR_OUTCOME_ERR_BLOCKED, "__gc");
}
END_TEST

START_TEST(library_copies_are_private)
{
	/* One file overwriting string.upper does not change it for another. */
	const char *src =
	    "string.upper = function() return 'pwned' end\n"
	    "rule { id = 'evil', title = 'Evil', severity = 'low', match = function(a) end }\n";
	const char *probe =
	    "rule { id = 'probe', title = 'Probe', severity = 'low', match = function(a)\n"
	    "  if string.upper('x') == 'X' and ('y'):upper() == 'Y' then\n"
	    "    a:alert{ message = 'intact' } end end }\n";
	nr_ruleset *rs;
	nr_scanner *sc;
	nr_article *a;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "a.lua", src, strlen(src)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "b.lua", probe, strlen(probe)), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	ck_assert_int_eq(nr_article_from_text(&a, "Some text.", 10, NULL), NR_OK);
	seen s = { 0 };
	ck_assert_int_eq(nr_scanner_scan(sc, a, on_alert, &s), NR_OK);
	ck_assert_int_eq(s.other, 1);
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(globals_do_not_survive)
{
	/* A global planted on one article is gone on the next, and a second
	 * rule of the same file never sees it. */
	const char *src =
	    "rule { id = 'plant', title = 'Plant', severity = 'low', match = function(a)\n"
	    "  if PLANTED then a:alert{ message = 'leaked across articles' } end\n"
	    "  PLANTED = true end }\n"
	    "rule { id = 'look', title = 'Look', severity = 'low', match = function(a)\n"
	    "  if PLANTED then a:alert{ message = 'leaked across rules' } end\n"
	    "  if RAW then a:alert{ message = 'leaked through rawset' } end end }\n"
	    "rule { id = 'raw', title = 'Raw', severity = 'low', match = function(a)\n"
	    "  pcall(rawset, _ENV, 'RAW', true) end }\n";
	env e;
	setup_env(&e, src, NULL);
	for (int i = 0; i < 3; i++) {
		seen s = { 0 };
		/* 'raw' fails: rawset on the environment is refused. */
		ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_ERUNTIME);
		ck_assert_msg(s.other == 0, "%s", s.last_message);
		ck_assert_int_eq(s.canary, 1);
	}
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 2, NR_OUTCOME_ERR_BLOCKED), 3);
	teardown_env(&e);
}
END_TEST

START_TEST(article_is_read_only)
{
	expect_contained(EVIL("a.title = 'changed'"), NR_OUTCOME_ERR_RUNTIME, "read-only");
	expect_contained(EVIL("rawset(a, 'title', 'x')"), NR_OUTCOME_ERR_RUNTIME, NULL);
	expect_contained(EVIL("for s in a:sentences() do s.start = 5 end"), NR_OUTCOME_ERR_RUNTIME,
			 "read-only");
}
END_TEST

START_TEST(error_inside_iterator)
{
	expect_contained(EVIL("for s in a:sentences() do\n"
			      "  if s.index == 1 then error('boom in sentence one') end\n"
			      "end"),
			 NR_OUTCOME_ERR_RUNTIME, "hostile.lua:4: boom in sentence one");
	/* An error raised by a C function still names the rule file's line. */
	expect_contained(EVIL("for m in a:find(42) do end"), NR_OUTCOME_ERR_RUNTIME,
			 "hostile.lua:3");
}
END_TEST

START_TEST(stale_objects_refused)
{
	const char *src =
	    "local kept\n"
	    "rule { id = 'evil', title = 'Evil', severity = 'low', match = function(a)\n"
	    "  if kept then local t = kept.text end\n"
	    "  for s in a:sentences() do kept = s end end }\n";
	env e;
	setup_env(&e, src, NULL);
	seen s = { 0 };
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_OK);
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_ERUNTIME);
	ck_assert_ptr_nonnull(strstr(nr_scanner_error(e.sc, 0), "outside the scan"));
	ck_assert_int_eq(s.canary, 2);
	teardown_env(&e);
}
END_TEST

START_TEST(hostile_error_handling)
{
	/* A message handler that never returns. */
	expect_contained(EVIL("xpcall(error, function() while true do end end)"),
			 NR_OUTCOME_ERR_INSTRUCTIONS, NULL);
	/* An error object whose __tostring never returns: our own handler
	 * calls it, still under the budget. */
	expect_contained(EVIL("error(setmetatable({}, { __tostring = function()\n"
			      "  while true do end end }))"),
			 NR_OUTCOME_ERR_INSTRUCTIONS, NULL);
	/* A table error object gets a readable message. */
	expect_contained(EVIL("error({ code = 1 })"), NR_OUTCOME_ERR_RUNTIME,
			 "error object is a table value");
	/* Too many alerts is no failure: check_ruleset.c, alert_cap_no_failure. */
}
END_TEST

START_TEST(hoarding_across_articles)
{
	/* A rule that keeps 1 MB per article in a file-level table: the state
	 * is rebuilt before the budget runs out, and nothing else suffers. */
	const char *src =
	    "local hoard = {}\n"
	    "rule { id = 'evil', title = 'Evil', severity = 'low', match = function(a)\n"
	    "  hoard[#hoard + 1] = string.rep('x', 1000000) .. #hoard end }\n";
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_memory = 16u << 20;
	env e;
	setup_env(&e, src, &so);
	bool rebuilt = false;
	for (int i = 0; i < 40; i++) {
		seen s = { 0 };
		int rc = nr_scanner_scan(e.sc, e.a, on_alert, &s);
		ck_assert_int_eq(s.canary, 1);
		for (size_t k = 0; k < nr_scanner_error_count(e.sc); k++)
			rebuilt |= strstr(nr_scanner_error(e.sc, k), "state rebuilt") != NULL;
		ck_assert_msg(rc == NR_OK || rebuilt, "%s", nr_scanner_last_error(e.sc));
	}
	ck_assert(rebuilt);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 0, NR_OUTCOME_ERR_MEMORY), 0);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 1, NR_OUTCOME_MATCH), 40);
	teardown_env(&e);
}
END_TEST

START_TEST(tight_memory_everywhere)
{
	/* Under every memory cap from tiny to ample, loading, scanner creation
	 * and scanning succeed or fail with a code: no crash, no leak, no
	 * abort from an unprotected Lua error. */
	const char *src =
	    "local L = news.lexicon { 'accuse', 'deny', 'call on' }\n"
	    "local R = news.regex([[(\\w+) (accused|denied)]])\n"
	    "rule { id = 'm', title = 'M', severity = 'low', keywords = { 'accus' },\n"
	    "  match = function(a)\n"
	    "    for s in a:sentences() do\n"
	    "      local ok, m = s:has(L)\n"
	    "      if ok then a:alert{ message = R:match(s.text) or 'x', evidence = { s, m },\n"
	    "                          actor = m, fields = { t = a.text:sub(1, 5) } } end\n"
	    "    end end }\n";
	nr_article *a;
	const char *text = "The minister accused the council of fraud. It denied that.";
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	size_t ok_load = 0, ok_scan = 0;
	for (size_t cap = 8 * 1024; cap <= 2u << 20; cap += cap / 4) {
		nr_ruleset_options ro = NR_RULESET_OPTIONS_INIT;
		ro.max_memory = cap;
		nr_ruleset *rs;
		ck_assert_int_eq(nr_ruleset_new(&rs, &ro), NR_OK);
		int rc = nr_ruleset_add_string(rs, "m.lua", src, strlen(src));
		ck_assert(rc == NR_OK || rc == NR_ERULE);
		if (rc == NR_OK)
			ok_load++;
		nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
		so.max_memory = cap;
		nr_scanner *sc = NULL;
		rc = nr_scanner_new(&sc, rs, &so);
		ck_assert(rc == NR_OK || rc == NR_ERULE || rc == NR_ENOMEM);
		if (rc == NR_OK) {
			seen s = { 0 };
			rc = nr_scanner_scan(sc, a, on_alert, &s);
			ck_assert(rc == NR_OK || rc == NR_ERUNTIME);
			if (rc == NR_OK && s.other >= 1)
				ok_scan++;
		}
		nr_scanner_free(sc);
		nr_ruleset_free(rs);
	}
	/* The larger caps are ample: the loop did reach the working range. */
	ck_assert_uint_ge(ok_load, 1);
	ck_assert_uint_ge(ok_scan, 1);
	nr_article_free(a);
}
END_TEST

START_TEST(deadline)
{
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_instructions = 4000000000ul;
	so.deadline_ms = 100;
	env e;
	setup_env(&e, EVIL("while true do end"), &so);
	seen s = { 0 };
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_ERUNTIME);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 0, NR_OUTCOME_ERR_DEADLINE), 1);
	ck_assert_int_eq(s.canary, 1);
	teardown_env(&e);
}
END_TEST

START_TEST(failing_rule_disabled)
{
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_failures = 2;
	env e;
	setup_env(&e, EVIL("error('always')"), &so);
	seen s = { 0 };
	nr_scanner_scan(e.sc, e.a, on_alert, &s);
	nr_scanner_scan(e.sc, e.a, on_alert, &s);
	ck_assert_uint_eq(nr_scanner_error_count(e.sc), 2);
	ck_assert_ptr_nonnull(strstr(nr_scanner_error(e.sc, 1), "disabled after 2 failures"));
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_OK);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 0, NR_OUTCOME_DISABLED), 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 0, NR_OUTCOME_ERR_RUNTIME), 2);
	ck_assert_int_eq(s.canary, 3);
	teardown_env(&e);
}
END_TEST

START_TEST(bytecode_refused)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	const char chunk[] = "\x1bLua\x54\x00\x19\x93\r\n\x1a\n";
	ck_assert_int_eq(nr_ruleset_add_string(rs, "evil.luac", chunk, sizeof(chunk) - 1),
			 NR_ERULE);
	ck_assert_ptr_nonnull(strstr(nr_ruleset_last_error(rs), "binary chunk"));
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(hostile_at_load_time)
{
	/* The declaration phase runs under the same budgets. */
	nr_ruleset_options o = NR_RULESET_OPTIONS_INIT;
	o.max_instructions = 100000;
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, &o), NR_OK);
	const char *loop = "while true do end";
	ck_assert_int_eq(nr_ruleset_add_string(rs, "loop.lua", loop, strlen(loop)), NR_ERULE);
	ck_assert_ptr_nonnull(strstr(nr_ruleset_last_error(rs), "instruction budget"));
	const char *os = "os.exit(1)";
	ck_assert_int_eq(nr_ruleset_add_string(rs, "os.lua", os, strlen(os)), NR_ERULE);
	ck_assert_ptr_nonnull(strstr(nr_ruleset_last_error(rs), "os.lua:1:"));
	ck_assert_int_eq(nr_ruleset_add_string(rs, "canary.lua", CANARY, strlen(CANARY)), NR_OK);
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 1);
	nr_ruleset_free(rs);
}
END_TEST

/* ---- issue #11: budgets that hold inside C --------------------------------- */

/* A deadline of `ms` and room for everything else. */
static nr_scanner_options deadline_only(unsigned ms)
{
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_instructions = 4000000000ul;
	so.max_memory = 256u << 20;
	so.deadline_ms = ms;
	return so;
}

/* #11.3: library loops over C callbacks never reach the count hook; at the
 * deadline the watchdog makes the hook fire on the next call. */
START_TEST(c_loops_stop_at_deadline)
{
	nr_scanner_options so = deadline_only(300);
	expect_within(EVIL("local t = {}\n"
			   "for i = 1, 999999 do t[i] = (i * 7919) % 1000003 end\n"
			   "while true do table.sort(t, math.ult) end"),
		      &so, NR_OUTCOME_ERR_DEADLINE, "deadline of 300 ms passed");
	expect_within(EVIL("local t = setmetatable({}, { __len = function() return 9999999 end,\n"
			   "  __index = rawequal, __newindex = rawequal })\n"
			   "while true do table.remove(t, 1) end"),
		      &so, NR_OUTCOME_ERR_DEADLINE, "deadline");
	expect_within(EVIL("news.lexicon(setmetatable({}, { __len = function() return 1e15 end,\n"
			   "  __index = type }))"),
		      &so, NR_OUTCOME_ERR_DEADLINE, "deadline");
	expect_within(EVIL("local t = setmetatable({}, { __index = type })\n"
			   "while true do table.unpack(t, 1, 900000) end"),
		      &so, NR_OUTCOME_ERR_DEADLINE, "deadline");
}
END_TEST

/* Weak keys make a table an ephemeron table, whose collection can be
 * quadratic inside the collector, where no hook runs: refused, and a
 * metatable is read when it is set, so __mode added later does nothing. */
START_TEST(collector_work_bounded)
{
	expect_contained(EVIL("setmetatable({}, { __mode = 'k' })"), NR_OUTCOME_ERR_BLOCKED,
			 "weak keys");
	expect_contained(EVIL("local mt = {}\n"
			      "local t = setmetatable({}, mt)\n"
			      "mt.__mode = 'k'\n"
			      "local k = {}\n"
			      "for i = 1, 100000 do local n = {}; t[n] = k; k = n end\n"
			      "for i = 1, 3 do local g = string.rep('x', 1 << 20) end\n"
			      "error('chain built')"),
			 NR_OUTCOME_ERR_RUNTIME, "chain built");
	/* What rules do with metatables still works. */
	expect_contained(
	    EVIL("local C = {}; C.__index = C\n"
		 "local o = setmetatable({ x = 5 }, C)\n"
		 "function C:get() return self.x end\n"
		 "assert(getmetatable(o) == C and o:get() == 5)\n"
		 "local w = setmetatable({}, { __mode = 'v' })\n"
		 "local p = setmetatable({}, { __metatable = 'locked' })\n"
		 "assert(getmetatable(p) == 'locked' and not pcall(setmetatable, p, {}))\n"
		 "setmetatable(o, nil); assert(getmetatable(o) == nil)\n"
		 "error('metatables behave')"),
	    NR_OUTCOME_ERR_RUNTIME, "metatables behave");
}
END_TEST

/* #11.4: a loop of long library calls (140 utf8.len over 60 MB) runs a
 * handful of instructions between hooks. */
START_TEST(long_library_calls_stop_at_deadline)
{
	nr_scanner_options so = deadline_only(300);
	expect_within(EVIL("local s = string.rep('\\u{e9}', 3e7)\n"
			   "for i = 1, 140 do utf8.len(s) end"),
		      &so, NR_OUTCOME_ERR_DEADLINE, "deadline of 300 ms passed");
}
END_TEST

/* #11.3 siblings: what no hook can stop is bounded up front, or done in
 * linear time. */
START_TEST(library_bounds)
{
	nr_scanner_options so = deadline_only(5000);
	expect_within(EVIL("local t = {}\nfor i = 1, 1000001 do t[i] = i end\ntable.sort(t)"), &so,
		      NR_OUTCOME_ERR_BLOCKED, "table.sort: table longer than 1000000");
	/* A plain string that almost matches everywhere: two-way search, a
	 * few milliseconds (Lua's own would compare 2e10 bytes per call). */
	expect_within(EVIL("local s = string.rep('a', 1e6)\n"
			   "local p = string.rep('a', 2e4) .. 'b'\n"
			   "for i = 1, 2 do assert(not s:find(p, 1, true) and not s:find(p)) end\n"
			   "error('searched')"),
		      &so, NR_OUTCOME_ERR_RUNTIME, "searched");
	/* No repetition, but every position compares 20,000 items. */
	expect_within(EVIL("local s = string.rep('a', 4e6)\n"
			   "s:match('%a' .. string.rep('a', 2e4) .. 'b')"),
		      &so, NR_OUTCOME_ERR_REGEX, "too costly");
	/* A back-reference compares a whole capture. */
	expect_within(EVIL("string.rep('a', 20000):find('(a*)%1b')"), &so, NR_OUTCOME_ERR_REGEX,
		      "too costly");
	/* A repetition that ends the pattern is linear however long the
	 * text; one the pattern must get past is not. */
	expect_within(EVIL("local n = 0\n"
			   "for w in string.rep('word ', 40000):gmatch('%a+') do n = n + 1 end\n"
			   "assert(n == 40000)\nerror('counted')"),
		      &so, NR_OUTCOME_ERR_RUNTIME, "counted");
	expect_within(EVIL("string.rep('a', 1e5):match('(%a+)$')"), &so, NR_OUTCOME_ERR_REGEX,
		      "too costly");
}
END_TEST

/* #13: the pattern budget follows what the subject makes the pattern do.
 * Repetitions that cannot hand bytes to each other (%w+ then %s+) cost a
 * pass over their runs: four or six of them run on a sentence of 250
 * bytes and on one of 5 KB, as do the usual idioms on a paragraph. */
START_TEST(ordinary_patterns_run)
{
	nr_scanner_options so = deadline_only(5000);
	expect_within(
	    EVIL("local words = string.rep('the minister said on Tuesday that ', 7)\n"
		 "local s = words .. 'the vote was 42'\n"
		 "assert(#s > 240 and #s < 260)\n"
		 "local long = string.rep(words, 21) .. 'the vote was 42'\n"
		 "assert(#long > 5000)\n"
		 "for _, t in ipairs({ s, long }) do\n"
		 "  local a, b, c, d = t:match('^(%w+)%s+(%w+)%s+(%w+).-(%d+)')\n"
		 "  assert(a == 'the' and b == 'minister' and c == 'said' and d == '42')\n"
		 "  local w = { t:match('^(%a+)%s+(%a+)%s+(%a+)%s+(%a+).-(%d+)%s*(%a*)$') }\n"
		 "  assert(w[4] == 'on' and w[5] == '42' and w[6] == '')\n"
		 "  assert(t:find('(%w+)%s+(%d+)') and t:match('%s*(.-)%s*$') == t)\n"
		 "  assert(select(2, t:gsub('%s+', ' ')) > 40)\n"
		 "  assert(t:match('^(.-), (.-)$') == nil and t:find('%f[%a]vote%f[%A]'))\n"
		 "end\n"
		 "local n = 0\n"
		 "for w in string.rep(long, 20):gmatch('[%w\\']+') do n = n + 1 end\n"
		 "assert(n > 15000)\n"
		 "error('all ran')"),
	    &so, NR_OUTCOME_ERR_RUNTIME, "all ran");
}
END_TEST

/* Repetitions that feed each other over long runs are still refused before
 * they start, far inside the deadline. */
START_TEST(hostile_patterns_refused)
{
	nr_scanner_options so = deadline_only(5000);
	static const char *const evil[] = {
		EVIL("local s = string.rep('a', 30)\n"
		     "s:match(string.rep('a?', 30) .. string.rep('a', 30))"),
		EVIL("local s = string.rep('the minister said, ', 6000)\n"
		     "assert(#s > 100000)\n"
		     "s:find('(.-)(.-)(.-)x')"),
		EVIL("local s = string.rep('a', 1e5)\n"
		     "for w in s:gmatch('(a-)(a-)b') do end"),
		EVIL("local s = string.rep('a', 1e5) .. '!'\n"
		     "s:gsub('%a*%a*%a*$', '')"),
	};
	for (size_t i = 0; i < NR_ARRAY_LEN(evil); i++) {
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		expect_within(evil[i], &so, NR_OUTCOME_ERR_REGEX, "pattern is too costly");
		clock_gettime(CLOCK_MONOTONIC, &t1);
		double s = (double)(t1.tv_sec - t0.tv_sec) +
			   (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
		ck_assert_msg(s < 2.0, "case %zu took %.2f s", i, s);
	}
}
END_TEST

/* The linear string.find answers as Lua's does. */
START_TEST(plain_find_as_lua)
{
	expect_contained(EVIL("assert(('hello'):find('l') == 3)\n"
			      "local a, b = ('hello'):find('lo', 1, true)\n"
			      "assert(a == 4 and b == 5)\n"
			      "assert(('hello'):find('l', -2) == 4)\n"
			      "assert(('hello'):find('l', -100) == 3)\n"
			      "assert(('hello'):find('l', 0) == 3)\n"
			      "assert(('hello'):find('', 10) == nil)\n"
			      "local e1, e2 = ('hello'):find('', 6)\n"
			      "assert(e1 == 6 and e2 == 5)\n"
			      "assert(('a.b'):find('.', 1, true) == 2)\n"
			      "assert(('a.b'):find('.') == 1)\n"
			      "assert(('a\\0b'):find('\\0b') == 2)\n"
			      "assert(string.find('x', 'y') == nil)\n"
			      "error('as Lua')"),
			 NR_OUTCOME_ERR_RUNTIME, "as Lua");
}
END_TEST

static char *chain_source(size_t n)
{
	const char *head = "rule { id = 'evil', title = 'Chain', severity = 'low',\n"
			   "  match = function(a) local x = {} x.b = x\n"
			   "    local y = x";
	const char *tail = ".c.d\n  end }\n";
	char *src = malloc(strlen(head) + 2 * n + strlen(tail) + 1);
	ck_assert_ptr_nonnull(src);
	char *p = src + strlen(strcpy(src, head));
	for (size_t i = 0; i < n; i++, p += 2)
		memcpy(p, ".b", 2);
	strcpy(p, tail);
	return src;
}

/* Add `src` as `name`; it must be refused with `msg_part`. */
static void expect_refused(const char *name, const char *src, const char *msg_part)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, name, src, strlen(src)), NR_ERULE);
	const char *err = nr_ruleset_last_error(rs);
	ck_assert_msg(strstr(err, msg_part), "'%s' not in: %s", msg_part, err);
	nr_ruleset_free(rs);
}

/* #11.5: Lua 5.4.4 names the culprit of an error by recursing once per
 * field access of a chain; 100,000 of them overflow the C stack. */
START_TEST(long_chains_refused_at_load)
{
	char *src = chain_source(100000);
	expect_refused("chain.lua", src,
		       "chain.lua:3: more than 100 field accesses in a row (a sandbox limit)");
	free(src);
	/* At the limit the rule loads, and its error names the culprit. */
	src = chain_source(98); /* and .c.d: 100 */
	expect_contained(src, NR_OUTCOME_ERR_RUNTIME, "(field 'c')");
	free(src);
	/* Nesting, and the operators Lua's parser recurses on. */
	char deep[1024] = "local x = ";
	for (int i = 0; i < 150; i++)
		strcat(deep, "(");
	strcat(deep, "1");
	for (int i = 0; i < 150; i++)
		strcat(deep, ")");
	expect_refused("deep.lua", deep, "deep.lua:1: nested more than 100 levels deep");
	char cat[2048] = "\n\nlocal s = 'a'";
	for (int i = 0; i < 150; i++)
		strcat(cat, " .. 'a'");
	expect_refused("cat.lua", cat, "cat.lua:3: nested more than 100 levels deep");
	/* Chains in strings and comments, and many short ones, are fine. */
	const char *fine = "local t = { a = { b = { c = 1 } } }\n"
			   "--[==[ x.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b.b ]==]\n"
			   "local s = [[ .b.b.b ]] .. 'x.b.b' .. \"\\\".b\"\n"
			   "v1 = t.a.b.c v2 = t.a.b.c v3 = t.a.b.c v4 = t['a'].b['c']\n" CANARY;
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_msg(nr_ruleset_add_string(rs, "fine.lua", fine, strlen(fine)) == NR_OK, "%s",
		      nr_ruleset_last_error(rs));
	nr_ruleset_free(rs);
}
END_TEST

/* ---- interrupting a scan ----------------------------------------------------- */

typedef struct later {
	nr_scanner *sc;
	long ms;
} later;

static void *interrupt_later(void *p)
{
	later *l = p;
	struct timespec ts = { l->ms / 1000, (l->ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
	nr_scanner_interrupt(l->sc);
	return NULL;
}

/* The first article loops in the VM, the second in C over C callbacks; the
 * third does nothing. */
#define TWICE_STUCK                                                                     \
	"local n = 0\n"                                                                 \
	"rule { id = 'stuck', title = 'Stuck', severity = 'low', match = function(a)\n" \
	"  n = n + 1\n"                                                                 \
	"  if n == 1 then while true do end end\n"                                      \
	"  if n == 2 then local t = {} for i = 1, 999999 do t[i] = i end\n"             \
	"    while true do table.sort(t, math.ult) end end\n"                           \
	"end }\n"

START_TEST(interrupt_from_another_thread)
{
	nr_scanner_options so = deadline_only(60000);
	so.max_failures = 1;
	env e;
	setup_env(&e, TWICE_STUCK, &so);
	for (unsigned long round = 1; round <= 2; round++) {
		later l = { e.sc, 200 };
		pthread_t th;
		ck_assert_int_eq(pthread_create(&th, NULL, interrupt_later, &l), 0);
		seen s = { 0 };
		ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_EINTERRUPTED);
		pthread_join(th, NULL);
		/* The rule stopped, and the canary after it never ran. */
		ck_assert_int_eq(s.canary, 0);
		ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 0, NR_OUTCOME_INTERRUPTED), round);
		ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 1, NR_OUTCOME_INTERRUPTED), round);
		ck_assert_str_eq(nr_outcome_name(NR_OUTCOME_INTERRUPTED), "interrupted");
		ck_assert_ptr_nonnull(strstr(nr_scanner_error(e.sc, 0), "interrupted by the host"));
	}
	/* Not a failure: with max_failures 1 the rule still runs. */
	seen s = { 0 };
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_OK);
	ck_assert_int_eq(s.canary, 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 0, NR_OUTCOME_NOMATCH), 1);
	/* An interrupt while nothing runs is void. */
	nr_scanner_interrupt(e.sc);
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_OK);
	ck_assert_int_eq(s.canary, 2);
	teardown_env(&e);
}
END_TEST

static nr_scanner *volatile alarm_target;

static void on_alarm(int sig)
{
	(void)sig;
	nr_scanner_interrupt(alarm_target);
}

START_TEST(interrupt_from_signal_handler)
{
	nr_scanner_options so = deadline_only(60000);
	env e;
	setup_env(&e,
		  EVIL("local t = {} for i = 1, 999999 do t[i] = i end\n"
		       "while true do table.sort(t, math.ult) end"),
		  &so);
	struct sigaction sa, old;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;
	ck_assert_int_eq(sigaction(SIGALRM, &sa, &old), 0);
	alarm_target = e.sc;
	struct itimerval it = { { 0, 0 }, { 0, 200000 } };
	ck_assert_int_eq(setitimer(ITIMER_REAL, &it, NULL), 0);
	seen s = { 0 };
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_EINTERRUPTED);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 0, NR_OUTCOME_INTERRUPTED), 1);
	sigaction(SIGALRM, &old, NULL);
	teardown_env(&e);
}
END_TEST

/* ---- extraction under the deadline -------------------------------------------- */

/* 4 MB of `sentence`: extraction takes far longer than 20 ms. */
static nr_article *long_article_of(const char *sentence)
{
	size_t n = strlen(sentence), times = (4u << 20) / n;
	char *text = malloc(n * times + 1);
	ck_assert_ptr_nonnull(text);
	for (size_t i = 0; i < times; i++)
		memcpy(text + i * n, sentence, n);
	text[n * times] = '\0';
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, text, n * times, "Talks"), NR_OK);
	free(text);
	return a;
}

static nr_article *long_article(void)
{
	return long_article_of("the minister said on tuesday that the talks would go on. ");
}

START_TEST(extraction_under_the_deadline)
{
	/* The core: a deadline already past, a raised stop flag. */
	const char *text = "Paul Vance met Sarah Lee in Lahore. \"We agree,\" Vance said.";
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	nr_deadline dl = { 1, NULL };
	ck_assert_int_eq(nr_article__analyze(a, NULL, &dl), NR_ETIMEOUT);
	ck_assert(!nr_article_is_analyzed(a));
	ck_assert_uint_eq(nr_article_entity_count(a), 0);
	atomic_int stop = 1;
	dl = (nr_deadline){ 0, &stop };
	ck_assert_int_eq(nr_article__analyze(a, NULL, &dl), NR_EINTERRUPTED);
	ck_assert_int_eq(nr_article_analyze(a, NULL), NR_OK);
	ck_assert_uint_ge(nr_article_entity_count(a), 2);
	nr_article_free(a);

	/* A scan: the rule that asked fails, the next one at once, the canary
	 * (which asks for nothing) alerts. */
	const char *src =
	    "rule { id = 'ents', title = 'E', severity = 'low', match = function(a)\n"
	    "  for e in a:entities() do end end }\n"
	    "rule { id = 'quotes', title = 'Q', severity = 'low', match = function(a)\n"
	    "  for q in a:quotes() do end end }\n";
	nr_scanner_options so = deadline_only(20);
	env e;
	setup_env(&e, src, &so);
	nr_article_free(e.a);
	e.a = long_article();
	seen s = { 0 };
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_ERUNTIME);
	ck_assert_int_eq(s.canary, 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 0, NR_OUTCOME_ERR_DEADLINE), 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 1, NR_OUTCOME_ERR_DEADLINE), 1);
	ck_assert_ptr_nonnull(
	    strstr(nr_scanner_error(e.sc, 0), "entity and quote extraction took more than 20 ms"));
	ck_assert_ptr_nonnull(strstr(nr_scanner_error(e.sc, 1), "already took more than 20 ms"));
	ck_assert(!nr_article_is_analyzed(e.a));
	teardown_env(&e);
}
END_TEST

/* Statements are a pass of their own, run when a rule first asks for
 * them, under a deadline of their own; when it passes, the statements are
 * left empty and the entities and quotes made before stay. */
START_TEST(statements_under_the_deadline)
{
	/* The core: entities and quotes alone, then the statements. */
	const char *text = "Paul Vance accused Sarah Lee of fraud. \"No,\" Lee said.";
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	ck_assert_int_eq(nr_article__analyze(a, NULL, NULL), NR_OK);
	ck_assert(nr_article_is_analyzed(a) && !nr_article__is_stated(a));
	ck_assert_uint_ge(nr_article_entity_count(a), 2);
	ck_assert_uint_eq(nr_article_statement_count(a), 0);
	nr_deadline dl = { 1, NULL };
	ck_assert_int_eq(nr_article__analyze_statements(a, NULL, &dl), NR_ETIMEOUT);
	ck_assert(nr_article_is_analyzed(a) && !nr_article__is_stated(a));
	ck_assert_uint_eq(nr_article_statement_count(a), 0);
	ck_assert_uint_ge(nr_article_entity_count(a), 2);
	atomic_int stop = 1;
	dl = (nr_deadline){ 0, &stop };
	ck_assert_int_eq(nr_article__analyze_statements(a, NULL, &dl), NR_EINTERRUPTED);
	ck_assert_uint_eq(nr_article_statement_count(a), 0);
	ck_assert_int_eq(nr_article_analyze(a, NULL), NR_OK);
	ck_assert(nr_article__is_stated(a));
	ck_assert_uint_eq(nr_article_statement_count(a), 1);
	nr_article_free(a);

	/* On demand, with nothing before: entities, quotes and statements. */
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	ck_assert_int_eq(nr_article__analyze_statements(a, NULL, NULL), NR_OK);
	ck_assert(nr_article_is_analyzed(a) && nr_article__is_stated(a));
	ck_assert_uint_eq(nr_article_statement_count(a), 1);
	ck_assert_uint_ge(nr_article_quote_count(a), 1);
	nr_article_free(a);

	/* A scan of an article whose entities and quotes are there: the rules
	 * asking for statements fail (the first after 20 ms, the next at
	 * once), the one asking for entities does not, the canary alerts. */
	const char *src = "rule { id = 'st', title = 'S', severity = 'low', match = function(a)\n"
			  "  for s in a:statements() do end end }\n"
			  "rule { id = 'st2', title = 'S', severity = 'low', match = function(a)\n"
			  "  for s in a:sentence(1):statements() do end end }\n"
			  "rule { id = 'ents', title = 'E', severity = 'low', match = function(a)\n"
			  "  for e in a:entities() do end end }\n";
	nr_scanner_options so = deadline_only(20);
	env e;
	setup_env(&e, src, &so);
	nr_article_free(e.a);
	e.a = long_article_of("the minister accused the rebels of breaking the truce on tuesday. ");
	ck_assert_int_eq(nr_article__analyze(e.a, NULL, NULL), NR_OK);
	seen s = { 0 };
	ck_assert_int_eq(nr_scanner_scan(e.sc, e.a, on_alert, &s), NR_ERUNTIME);
	ck_assert_int_eq(s.canary, 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 0, NR_OUTCOME_ERR_DEADLINE), 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 1, NR_OUTCOME_ERR_DEADLINE), 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(e.sc, 2, NR_OUTCOME_NOMATCH), 1);
	ck_assert_uint_eq(nr_scanner_error_count(e.sc), 2);
	ck_assert_ptr_nonnull(
	    strstr(nr_scanner_error(e.sc, 0), "statement extraction took more than 20 ms"));
	ck_assert_ptr_nonnull(
	    strstr(nr_scanner_error(e.sc, 1), "statement extraction already took more than 20 ms"));
	ck_assert(nr_article_is_analyzed(e.a) && !nr_article__is_stated(e.a));
	ck_assert_uint_eq(nr_article_statement_count(e.a), 0);
	teardown_env(&e);
}
END_TEST

Suite *sandbox_suite(void)
{
	Suite *s = suite_create("sandbox");
	TCase *tc = tcase_create("hostile");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, endless_loop);
	tcase_add_test(tc, entity_loops_bounded);
	tcase_add_test(tc, pcall_cannot_swallow_budget);
	tcase_add_test(tc, endless_allocation);
	tcase_add_test(tc, string_rep_gigabytes);
	tcase_add_test(tc, memory_error_swallowed_by_pcall);
	tcase_add_test(tc, library_loops_bounded);
	tcase_add_test(tc, catastrophic_lua_pattern);
	tcase_add_test(tc, catastrophic_regex);
	tcase_add_test(tc, deep_recursion);
	tcase_add_test(tc, os_execute_blocked);
	tcase_add_test(tc, io_open_blocked);
	tcase_add_test(tc, debug_and_load_blocked);
	tcase_add_test(tc, metatables_hidden);
	tcase_add_test(tc, library_copies_are_private);
	tcase_add_test(tc, globals_do_not_survive);
	tcase_add_test(tc, article_is_read_only);
	tcase_add_test(tc, error_inside_iterator);
	tcase_add_test(tc, stale_objects_refused);
	tcase_add_test(tc, hostile_error_handling);
	tcase_add_test(tc, hoarding_across_articles);
	tcase_add_test(tc, tight_memory_everywhere);
	tcase_add_test(tc, deadline);
	tcase_add_test(tc, failing_rule_disabled);
	tcase_add_test(tc, bytecode_refused);
	tcase_add_test(tc, hostile_at_load_time);
	suite_add_tcase(s, tc);
	/* Each of these would run far past its deadline (or forever) if a
	 * budget did not hold inside C: a short timeout tells. */
	TCase *budgets = tcase_create("budgets");
	tcase_set_timeout(budgets, 20);
	tcase_add_test(budgets, c_loops_stop_at_deadline);
	tcase_add_test(budgets, long_library_calls_stop_at_deadline);
	tcase_add_test(budgets, library_bounds);
	tcase_add_test(budgets, ordinary_patterns_run);
	tcase_add_test(budgets, hostile_patterns_refused);
	tcase_add_test(budgets, plain_find_as_lua);
	tcase_add_test(budgets, long_chains_refused_at_load);
	tcase_add_test(budgets, interrupt_from_another_thread);
	tcase_add_test(budgets, interrupt_from_signal_handler);
	tcase_add_test(budgets, extraction_under_the_deadline);
	tcase_add_test(budgets, statements_under_the_deadline);
	tcase_add_test(budgets, collector_work_bounded);
	suite_add_tcase(s, budgets);
	return s;
}
