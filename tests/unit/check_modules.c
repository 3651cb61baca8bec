/* check_modules.c - require "name" in rule files: where modules are found,
 * once per state, errors with file:line, the sandbox around them. */
#include "testutil.h"

#include "rules/rules.h"

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct seen {
	int n;
	char msg[8][64];
	char error[512];
} seen;

static int keep(const nr_alert *al, void *payload)
{
	seen *g = payload;
	if (g->n < 8)
		snprintf(g->msg[g->n++], sizeof(g->msg[0]), "%s", nr_alert_message(al));
	return 0;
}

/* Scan `text` with the set; alerts into g. */
static int scan(nr_ruleset *rs, const char *text, seen *g)
{
	nr_scanner *sc;
	nr_article *a;
	memset(g, 0, sizeof(*g));
	int rc = nr_scanner_new(&sc, rs, NULL);
	if (rc) {
		snprintf(g->error, sizeof(g->error), "%s", nr_scanner_last_error(sc));
		nr_scanner_free(sc);
		return rc;
	}
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), "T"), NR_OK);
	rc = nr_scanner_scan(sc, a, keep, g);
	if (rc)
		snprintf(g->error, sizeof(g->error), "%s", nr_scanner_last_error(sc));
	nr_article_free(a);
	nr_scanner_free(sc);
	return rc;
}

static bool said(const seen *g, const char *msg)
{
	for (int i = 0; i < g->n; i++)
		if (!strcmp(g->msg[i], msg))
			return true;
	return false;
}

START_TEST(directory_with_lib_and_sibling_module)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, NR_FIXTURES "/modules"), NR_OK);
	/* denial.lua, rejection.lua, sub/deep.lua: helpers.lua and lib/ are
	 * modules, not rule files, and no warning says otherwise. */
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 3);
	ck_assert_uint_eq(nr_ruleset_file_count(rs), 3);
	ck_assert_uint_eq(nr_ruleset_diagnostic_count(rs), 0);
	/* Kept in the set: lib/words.lua, lib/nested.lua (read once each). */
	ck_assert_uint_eq(nr_ruleset_module_count(rs), 2);
	seen g;
	ck_assert_int_eq(scan(rs, "The ministry denied it. Ankara rejected the claim.", &g), NR_OK);
	ck_assert(said(&g, "denial") && said(&g, "rejection") && said(&g, "deep"));
	ck_assert_int_eq(g.n, 3);
	nr_ruleset_free(rs);
}
END_TEST

/* A module runs once per state: its top level counts its own runs. */
START_TEST(once_per_state_and_shared)
{
	const char *counter = "local M = { runs = 0 }\n"
			      "M.runs = M.runs + 1\n"
			      "return M\n";
	const char *a =
	    "local c = require 'counter'\n"
	    "c.runs = c.runs + 10\n"
	    "rule { id = 'a', title = 'a', severity = 'low', keywords = { 'x' },\n"
	    "  match = function(article) article:alert { message = 'a' .. c.runs } end }\n";
	const char *b =
	    "local c = require 'counter'\n"
	    "rule { id = 'b', title = 'b', severity = 'low', keywords = { 'x' },\n"
	    "  match = function(article) article:alert { message = 'b' .. c.runs } end }\n";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "counter", counter, strlen(counter)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "a.lua", a, strlen(a)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "b.lua", b, strlen(b)), NR_OK);
	seen g;
	ck_assert_int_eq(scan(rs, "x marks the spot", &g), NR_OK);
	/* One run (1), a's +10 seen by b: the same table in one state. */
	ck_assert_msg(said(&g, "a11") && said(&g, "b11"), "%s %s", g.msg[0], g.msg[1]);
	/* A module changes the set's digest like a file does. */
	nr_ruleset *rs2;
	ck_assert_int_eq(nr_ruleset_new(&rs2, NULL), NR_OK);
	const char *other = "return { runs = 5 }";
	ck_assert_int_eq(nr_ruleset_add_module(rs2, "counter", other, strlen(other)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs2, "a.lua", a, strlen(a)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs2, "b.lua", b, strlen(b)), NR_OK);
	ck_assert_str_ne(nr_ruleset_hash(rs), nr_ruleset_hash(rs2));
	nr_ruleset_free(rs2);
	nr_ruleset_free(rs);
}
END_TEST

static void expect_rejected(const char *src, const char *part)
{
	const char *loop_a = "return { b = require 'loop_b' }";
	const char *loop_b = "return { a = require 'loop_a' }";
	const char *broken = "local t = {}\nt = t + 1\nreturn t\n";
	const char *declares = "rule { id = 'm', title = 'm', severity = 'low', "
			       "match = function() end }\nreturn true\n";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "loop_a", loop_a, strlen(loop_a)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "loop_b", loop_b, strlen(loop_b)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "broken", broken, strlen(broken)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "declares", declares, strlen(declares)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "r.lua", src, strlen(src)), NR_ERULE);
	ck_assert_msg(tu_has_diag(rs, NR_DIAG_ERROR, part), "no '%s' in '%s'", part,
		      nr_ruleset_last_error(rs));
	nr_ruleset_free(rs);
}

START_TEST(errors_name_file_and_line)
{
	expect_rejected("\n\nlocal m = require 'nowhere'\n",
			"r.lua:3: module 'nowhere' not found (tried");
	expect_rejected("local m = require 'loop_a'\n",
			"r.lua:1: in module 'loop_a': loop_a:1: in module 'loop_b': loop_b:1: "
			"require cycle: loop_a -> loop_b -> loop_a");
	expect_rejected("\nlocal m = require 'broken'\n",
			"r.lua:2: in module 'broken': broken:2: attempt to perform arithmetic");
	expect_rejected("local m = require 'declares'\n", "rule{} belongs in a rule file");
	expect_rejected("local m = require '../../etc/passwd'\n", "is not a module name");
	expect_rejected("local m = require 'os'\n", "module 'os' not found");
	/* A pcall that lets a failed module through does not turn the next
	 * require into a cycle. */
	expect_rejected("local ok = pcall(require, 'broken')\nassert(not ok)\n"
			"local m = require 'broken'\n",
			"r.lua:3: in module 'broken'");
}
END_TEST

/* Modules run in the sandbox: no C, no bytecode, no files outside the set,
 * and their globals cannot carry state from one article to the next. */
START_TEST(sandbox_holds_in_modules)
{
	const char *bytecode = "\x1bLua\x54";
	const char *io = "return io.open('/etc/passwd')";
	const char *later = "local M = {}\nfunction M.f() count = 1 end\nreturn M\n";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "bytecode", bytecode, strlen(bytecode)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "io", io, strlen(io)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "later", later, strlen(later)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "later", later, strlen(later)), NR_EINVAL);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "a/b", later, strlen(later)), NR_EINVAL);
	const char *r1 = "require 'bytecode'";
	ck_assert_int_eq(nr_ruleset_add_string(rs, "r1.lua", r1, strlen(r1)), NR_ERULE);
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR, "r1.lua:1: in module 'bytecode'"));
	const char *r2 = "require 'io'";
	ck_assert_int_eq(nr_ruleset_add_string(rs, "r2.lua", r2, strlen(r2)), NR_ERULE);
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR, "'io' is not available to rules"));
	const char *r3 = "local m = require 'later'\n"
			 "rule { id = 'w', title = 'w', severity = 'low', keywords = { 'x' },\n"
			 "  match = function(article) m.f() end }\n";
	ck_assert_int_eq(nr_ruleset_add_string(rs, "r3.lua", r3, strlen(r3)), NR_OK);
	const char *r4 = "rule { id = 'r', title = 'r', severity = 'low', keywords = { 'x' },\n"
			 "  match = function(article) require 'later' end }\n";
	ck_assert_int_eq(nr_ruleset_add_string(rs, "r4.lua", r4, strlen(r4)), NR_OK);
	nr_scanner *sc;
	nr_article *a;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	ck_assert_int_eq(nr_article_from_text(&a, "x", 1, "T"), NR_OK);
	/* Both rules fail on the article (the scan says so); the scan goes on. */
	ck_assert_int_eq(nr_scanner_scan(sc, a, keep, &(seen){ 0 }), NR_ERUNTIME);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_ERR_RUNTIME), 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 1, NR_OUTCOME_ERR_BLOCKED), 1);
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

/* news.cue_keywords and news.literals, asserted from a rule file's top
 * level: the file loads only when every assertion holds. */
START_TEST(keywords_from_cue_patterns)
{
	const char *src =
	    "local function same(t, want) return table.concat(t, '|') == want end\n"
	    "local k = news.cue_keywords({ 'alleg' }, { [=[accus(?:e|es|ed|ing)]=],\n"
	    "  [=[(?:is|was) behind the attacks?]=] })\n"
	    "assert(same(k, 'alleg|accus|is behind the attack|was behind the attack'), "
	    "table.concat(k, '|'))\n"
	    /* A listed keyword that covers a cue: nothing added. */
	    "assert(same(news.cue_keywords({ 'Hack' }, { [=[hack(?:ed|ing)]=] }), 'hack'))\n"
	    /* No common stem of four bytes: the forms themselves. */
	    "k = news.cue_keywords({}, { [=[fil(?:ed|es|ing) suit]=] })\n"
	    "assert(same(k, 'filed suit|files suit|filing suit'), table.concat(k, '|'))\n"
	    /* What another keyword covers goes. */
	    "k = news.cue_keywords({}, { [=[(?:an )?arm['’] of]=] })\n"
	    "assert(same(k, \"arm' of|arm’ of\"), table.concat(k, '|'))\n"
	    /* A cue that only refines: no keyword asked of it. */
	    "assert(same(news.cue_keywords({ 'x' }, { { [=[(?:will|would)\\s+\\w+]=], along = "
	    "true } }), 'x'))\n"
	    /* Nothing selective to read off: the load would fail, naming it. */
	    "local ok, err = pcall(news.cue_keywords, {}, { [=[(?:will|would)\\s+\\w+]=] })\n"
	    "assert(not ok and err:find('no keyword covers the cue %(%?:will|would%)'), err)\n"
	    "ok, err = pcall(news.cue_keywords, {}, { 42 })\n"
	    "assert(not ok and err:find('is not a pattern'), err)\n"
	    /* The literals: a word after \\w+ starts whole; alternatives at
	     * the top are cues of their own. */
	    "local lit = news.literals([=[\\w+ly denied]=])\n"
	    "assert(#lit == 1 and same(lit[1], 'denied'))\n"
	    "lit = news.literals([=[cover(?:ed)?[- ]up]=])\n"
	    "assert(same(lit[1], 'cover-up|cover up|covered-up|covered up'), "
	    "table.concat(lit[1], '|'))\n"
	    "assert(news.literals('deny|reject') == nil)\n"
	    "assert(#news.literals([=[\\w+\\s+\\w+]=]) == 0)\n"
	    /* Hostile patterns stop cleanly. */
	    "ok, err = pcall(news.literals, string.rep('(', 40) .. 'x' .. string.rep(')', 40))\n"
	    "assert(not ok and err:find('nested too deeply'), err)\n"
	    "assert(#news.literals(string.rep('(?:ab|cd)', 400)) > 0)\n"
	    "assert(news.literals(string.rep('x', 5000)) == nil)\n"
	    "rule { id = 'k', title = 'k', severity = 'low', keywords = k, examples = {\n"
	    "  { text = 'Nothing here.', expect = 0 } }, match = function() end }\n";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(rs, "k.lua", src, strlen(src));
	ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(rs));
	nr_ruleset_free(rs);
}
END_TEST

/* Modules read from disk while others are being required (the set's
 * list of modules grows under the ones still running), and a chain too
 * deep, reported rather than run. */
START_TEST(deep_chains_from_disk)
{
	char dir[] = "/tmp/nr-modules.XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[256];
	snprintf(path, sizeof(path), "%s/lib", dir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	for (int i = 1; i <= 80; i++) {
		snprintf(path, sizeof(path), "%s/lib/d%d.lua", dir, i);
		FILE *f = fopen(path, "w");
		ck_assert_ptr_nonnull(f);
		if (i == 80)
			fprintf(f, "return { depth = 80 }\n");
		else
			fprintf(f, "local inner = require 'd%d'\nreturn { depth = inner.depth }\n",
				i + 1);
		fclose(f);
	}
	const char *shallow =
	    "local m = require 'd50'\nassert(m.depth == 80)\n"
	    "rule { id = 's', title = 's', severity = 'low', keywords = { 'x' },\n"
	    "  match = function(a) end }\n";
	const char *deep = "local m = require 'd1'\n";
	snprintf(path, sizeof(path), "%s/shallow.lua", dir);
	FILE *f = fopen(path, "w");
	fputs(shallow, f);
	fclose(f);
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, path), NR_OK);
	ck_assert_uint_eq(nr_ruleset_module_count(rs), 31);
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	nr_scanner_free(sc);
	snprintf(path, sizeof(path), "%s/deep.lua", dir);
	f = fopen(path, "w");
	fputs(deep, f);
	fclose(f);
	nr_ruleset_free(rs);
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, path), NR_ERULE);
	ck_assert_msg(tu_has_diag(rs, NR_DIAG_ERROR, "modules nested more than 64 deep"), "%s",
		      nr_ruleset_last_error(rs));
	nr_ruleset_free(rs);
	for (int i = 1; i <= 80; i++) {
		snprintf(path, sizeof(path), "%s/lib/d%d.lua", dir, i);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/lib", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/shallow.lua", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/deep.lua", dir);
	unlink(path);
	rmdir(dir);
}
END_TEST

/* Each module and rule file is parsed once per set: the set's load keeps
 * the chunk, and later files' states and every scanner's state load that.
 * Errors still name the same file and line, in both. */
START_TEST(parsed_once_same_lines)
{
	const char *where = "local M = {}\n"
			    "function M.fail(x)\n"
			    "  error('module fails on ' .. x)\n"
			    "end\n"
			    "return M\n";
	const char *a = "local w = require 'where'\n"
			"rule { id = 'a', title = 'a', severity = 'low',\n"
			"  match = function(article)\n"
			"    w.fail('a') end }\n";
	const char *b = "local w = require 'where'\n"
			"rule { id = 'b', title = 'b', severity = 'low',\n"
			"  match = function(article)\n"
			"    local n = nil\n"
			"    return n.field end }\n";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_module(rs, "where", where, strlen(where)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "a.lua", a, strlen(a)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "b.lua", b, strlen(b)), NR_OK);
	ck_assert_ptr_nonnull(rs->mods[0].dump.bc);
	ck_assert_ptr_nonnull(rs->files[0].dump.bc);
	ck_assert_ptr_nonnull(rs->files[1].dump.bc);
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	nr_article *art;
	ck_assert_int_eq(nr_article_from_text(&art, "Text.", 5, "T"), NR_OK);
	ck_assert_int_eq(nr_scanner_scan(sc, art, NULL, NULL), NR_ERUNTIME);
	ck_assert_uint_eq(nr_scanner_error_count(sc), 2);
	ck_assert_ptr_nonnull(strstr(nr_scanner_error(sc, 0), "where:3: module fails on a"));
	ck_assert_ptr_nonnull(strstr(nr_scanner_error(sc, 1), "b.lua:5: attempt to index"));
	nr_article_free(art);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

Suite *modules_suite(void)
{
	Suite *s = suite_create("modules");
	TCase *tc = tcase_create("require");
	tcase_add_test(tc, directory_with_lib_and_sibling_module);
	tcase_add_test(tc, once_per_state_and_shared);
	tcase_add_test(tc, parsed_once_same_lines);
	tcase_add_test(tc, errors_name_file_and_line);
	tcase_add_test(tc, sandbox_holds_in_modules);
	tcase_add_test(tc, keywords_from_cue_patterns);
	tcase_add_test(tc, deep_chains_from_disk);
	suite_add_tcase(s, tc);
	return s;
}
