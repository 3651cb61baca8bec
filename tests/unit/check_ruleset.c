/* check_ruleset.c - loading rule files: validation, diagnostics, examples, alerts. */
#include "testutil.h"

#include <check.h>
#include <limits.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define FIX(p) NR_FIXTURES "/rules/" p

START_TEST(load_good_file)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, FIX("good.lua")), NR_OK);
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 1);
	ck_assert_str_eq(nr_ruleset_rule_id(rs, 0), "fixture.blame");
	ck_assert_str_eq(nr_ruleset_rule_severity(rs, 0), "low");
	ck_assert_uint_eq(nr_ruleset_rule_tag_count(rs, 0), 1);
	ck_assert_str_eq(nr_ruleset_rule_tag(rs, 0, 0), "accusation");
	int line;
	ck_assert_ptr_nonnull(strstr(nr_ruleset_rule_file(rs, 0, &line), "good.lua"));
	ck_assert_int_eq(line, 4);
	ck_assert_uint_eq(nr_ruleset_example_count(rs, 0), 2);
	int expect;
	const char *actor;
	ck_assert_str_eq(nr_ruleset_example(rs, 0, 0, &expect, &actor),
			 "The mayor blamed the council.");
	ck_assert_int_eq(expect, 1);
	ck_assert_str_eq(actor, "mayor");
	ck_assert_int_eq(nr_ruleset_example_line(rs, 0, 0), 11);
	ck_assert_int_eq(nr_ruleset_example_line(rs, 0, 1), 12);
	ck_assert_int_eq(strlen(nr_ruleset_hash(rs)), 16);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(validation_errors_name_file_and_line)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, FIX("bad_fields.lua")), NR_ERULE);
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR, "bad_fields.lua:2: rule: id 'Bad Id' must be"));
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR,
			      "bad_fields.lua:9: rule 'no-match': unknown field 'colour'"));
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR,
			      "bad_fields.lua:9: rule 'no-match': 'severity' must be"));
	ck_assert(
	    tu_has_diag(rs, NR_DIAG_ERROR, "bad_fields.lua:9: rule 'no-match': 'match' must be"));
	/* The whole file is rejected, the good rule in it too. */
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 0);
	ck_assert_uint_eq(nr_ruleset_rejected_count(rs), 1);
	/* Other files still load. */
	ck_assert_int_eq(nr_ruleset_add_path(rs, FIX("good.lua")), NR_OK);
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 1);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(syntax_error)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, FIX("syntax.lua")), NR_ERULE);
	ck_assert_ptr_nonnull(strstr(nr_ruleset_last_error(rs), "syntax.lua:4:"));
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(duplicate_ids)
{
	const char *a = "rule { id = 'x', title = 'X', severity = 'low', match = function() end }";
	const char *b =
	    "\n\nrule { id = 'x', title = 'X2', severity = 'low', match = function() end }";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "a.lua", a, strlen(a)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "b.lua", b, strlen(b)), NR_ERULE);
	ck_assert_str_eq(nr_ruleset_last_error(rs),
			 "b.lua:3: rule 'x': duplicate id (first defined at a.lua:1)");
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 1);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(directory_and_strict)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	/* bad_fields.lua, good.lua, syntax.lua in order: the good one loads. */
	ck_assert_int_eq(nr_ruleset_add_path(rs, NR_FIXTURES "/rules"), NR_ERULE);
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 1);
	ck_assert_uint_eq(nr_ruleset_rejected_count(rs), 2);
	nr_ruleset_free(rs);

	nr_ruleset_options o = NR_RULESET_OPTIONS_INIT;
	o.strict = 1;
	ck_assert_int_eq(nr_ruleset_new(&rs, &o), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, NR_FIXTURES "/rules"), NR_ERULE);
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 0);
	ck_assert_uint_eq(nr_ruleset_rejected_count(rs), 1);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(warnings)
{
	const char *src =
	    "rule { id = 'w', title = 'W', severity = 'info', match = function() end }";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "w.lua", src, strlen(src)), NR_OK);
	ck_assert(tu_has_diag(rs, NR_DIAG_WARNING, "w.lua:1: rule 'w' has no keywords"));
	ck_assert(tu_has_diag(rs, NR_DIAG_WARNING, "has no examples"));
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(every_problem_of_a_rejected_file)
{
	/* One bad rule rejects the file, and the other problems in it are
	 * still reported: a duplicate id and a rule without keywords. */
	const char *src =
	    "rule { id = 'a', title = 'A', severity = 'info', match = function() end }\n"
	    "rule { id = 'a', title = 'A2', severity = 'info', keywords = { 'x' },\n"
	    "       match = function() end }\n"
	    "rule { id = 'b', title = 'B', severity = 'urgent', match = function() end }\n";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "p.lua", src, strlen(src)), NR_ERULE);
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR, "p.lua:4: rule 'b': 'severity' must be one of"));
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR,
			      "p.lua:2: rule 'a': duplicate id (first defined at p.lua:1)"));
	ck_assert(tu_has_diag(rs, NR_DIAG_WARNING, "p.lua:1: rule 'a' has no keywords"));
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 0);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(bad_examples)
{
	const char *src =
	    "rule { id = 'e', title = 'E', severity = 'info', match = function() end,\n"
	    "  examples = { { text = 'x', expect = 'one' }, { txt = 'y', expect = 0 } } }";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "e.lua", src, strlen(src)), NR_ERULE);
	/* Each at the example's own line, and every example is checked. */
	ck_assert(
	    tu_has_diag(rs, NR_DIAG_ERROR, "e.lua:2: rule 'e': examples[1]: 'expect' must be"));
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR, "rule 'e': examples[2]: unknown field 'txt'"));
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(frozen_after_scanner)
{
	const char *src =
	    "rule { id = 'f', title = 'F', severity = 'info', match = function() end }";
	nr_ruleset *rs;
	nr_scanner *sc;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "f.lua", src, strlen(src)), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "g.lua", src, strlen(src)), NR_EFROZEN);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(rules_must_come_back)
{
	/* Scanners run every file again in their own state; math.random is
	 * seeded the same everywhere so even this file declares the same rule. */
	const char *src = "rule { id = 'r' .. math.random(1, 1000000000), title = 'R',\n"
			  "  severity = 'low', match = function() end }";
	nr_ruleset *rs;
	nr_scanner *sc = NULL, *sc2 = NULL;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "rand.lua", src, strlen(src)), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc2, rs, NULL), NR_OK);
	nr_scanner_free(sc);
	nr_scanner_free(sc2);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(scanner_failure_stays_with_scanner)
{
	/* Loading runs each file in a fresh state; a scanner runs them all in
	 * one, where b.lua's math.random continues from a.lua's draw: b's rule
	 * id differs and the scanner cannot be made. */
	const char *a = "local _ = math.random()\n"
			"rule { id = 'a', title = 'A', severity = 'low', match = function() end }";
	const char *b = "rule { id = 'b' .. math.random(1, 1000000000), title = 'B',\n"
			"  severity = 'low', match = function() end }";
	nr_ruleset *rs;
	nr_scanner *sc = NULL;
	nr_article *art;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "a.lua", a, strlen(a)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "b.lua", b, strlen(b)), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_ERULE);
	/* The reason is the scanner's; the shared set is not written. */
	ck_assert_ptr_nonnull(sc);
	ck_assert_ptr_nonnull(strstr(nr_scanner_last_error(sc), "b.lua:1: rule 'b"));
	ck_assert_ptr_nonnull(strstr(nr_scanner_last_error(sc), "did not come back"));
	ck_assert_str_eq(nr_ruleset_last_error(rs), "");
	/* A scanner that failed runs nothing and keeps saying why. */
	ck_assert_int_eq(nr_article_from_text(&art, "Text.", 5, NULL), NR_OK);
	ck_assert_int_eq(nr_scanner_scan(sc, art, NULL, NULL), NR_ERULE);
	ck_assert_ptr_nonnull(strstr(nr_scanner_last_error(sc), "did not come back"));
	nr_article_free(art);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

/* ---- running rules ----------------------------------------------------- */

typedef struct got {
	int n;
	char json[8][2048];
	char actor[8][128];
} got;

static int collect(const nr_alert *al, void *payload)
{
	got *g = payload;
	if (g->n >= 8)
		return 0;
	char *js;
	ck_assert_int_eq(nr_alert_to_json(al, &js), NR_OK);
	snprintf(g->json[g->n], sizeof(g->json[0]), "%s", js);
	nr_free(js);
	snprintf(g->actor[g->n], sizeof(g->actor[0]), "%s",
		 nr_alert_actor(al) ? nr_alert_actor(al) : "");
	g->n++;
	return 0;
}

/* Load one source, scan one text, collect alerts. */
static int run(const char *src, const char *text, got *g)
{
	nr_ruleset *rs;
	nr_scanner *sc;
	nr_article *a;
	memset(g, 0, sizeof(*g));
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(rs, "t.lua", src, strlen(src));
	ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(rs));
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), "Title"), NR_OK);
	rc = nr_scanner_scan(sc, a, collect, g);
	if (rc)
		fprintf(stderr, "scan: %s\n", nr_scanner_last_error(sc));
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
	return rc;
}

START_TEST(spans_lua_and_json)
{
	/* Lua: 1-based inclusive; JSON: 0-based end-exclusive. */
	const char *src =
	    "rule { id = 's', title = 'S', severity = 'low', match = function(a)\n"
	    "  for m in a:find('council') do\n"
	    "    assert(a.text:sub(m.start, m.stop) == m.text)\n"
	    "    a:alert{ message = tostring(m.start), evidence = m, actor = 'Mayor',\n"
	    "             fields = { n = 2, ok = true } }\n"
	    "  end end }";
	got g;
	ck_assert_int_eq(run(src, "The mayor blamed the council.", &g), NR_OK);
	ck_assert_int_eq(g.n, 1);
	json_t *o = json_loads(g.json[0], 0, NULL);
	ck_assert_ptr_nonnull(o);
	json_t *ev = json_array_get(json_object_get(o, "evidence"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(ev, "start")), 21);
	ck_assert_int_eq(json_integer_value(json_object_get(ev, "end")), 28);
	ck_assert_str_eq(json_string_value(json_object_get(ev, "text")), "council");
	ck_assert_str_eq(json_string_value(json_object_get(o, "message")), "22");
	json_t *f = json_object_get(o, "fields");
	ck_assert_str_eq(json_string_value(json_object_get(f, "actor")), "Mayor");
	ck_assert(json_is_null(json_object_get(f, "target")));
	ck_assert_int_eq(json_integer_value(json_object_get(f, "n")), 2);
	ck_assert(json_is_true(json_object_get(f, "ok")));
	ck_assert_str_eq(json_string_value(json_object_get(o, "rule")), "s");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(o, "article"), "title")),
			 "Title");
	json_decref(o);
}
END_TEST

START_TEST(lexicon_inflections_and_multiword)
{
	const char *src =
	    "local L = news.lexicon { 'accuse', 'call on', 'deny' }\n"
	    "rule { id = 'l', title = 'L', severity = 'low', match = function(a)\n"
	    "  for m in a:find(L) do a:alert{ message = m.text, evidence = m } end end }";
	got g;
	ck_assert_int_eq(run(src,
			     "He accused them. She accuses. They are accusing. "
			     "He called on Ruritania. She denied it; he denies. ACCUSE! "
			     "An accusation is not a verb form.",
			     &g),
			 NR_OK);
	ck_assert_int_eq(g.n, 7);
	ck_assert_ptr_nonnull(strstr(g.json[3], "\"message\":\"called on\""));
	ck_assert_ptr_nonnull(strstr(g.json[6], "\"message\":\"ACCUSE\""));
}
END_TEST

START_TEST(regex_and_has)
{
	const char *src =
	    "local R = news.regex([[(\\w+) blamed (\\w+)]], 'i')\n"
	    "rule { id = 'r', title = 'R', severity = 'low', match = function(a)\n"
	    "  local who, whom = R:match(a.text)\n"
	    "  local s, e = R:find(a.text)\n"
	    "  for sn in a:sentences() do\n"
	    "    local ok, m = sn:has('blame')\n"
	    "    if ok then a:alert{ message = who .. '>' .. whom .. ' ' .. s .. '-' .. e,\n"
	    "                        evidence = m, actor = who, target = whom } end\n"
	    "  end end }";
	got g;
	ck_assert_int_eq(run(src, "The MAYOR BLAMED council members.", &g), NR_OK);
	ck_assert_int_eq(g.n, 1);
	ck_assert_ptr_nonnull(strstr(g.json[0], "\"message\":\"MAYOR>council 5-24\""));
	ck_assert_str_eq(g.actor[0], "MAYOR");
}
END_TEST

START_TEST(regex_on_cut_utf8)
{
	/* A string cut inside a character is data, not a rule bug. */
	const char *src =
	    "local R = news.regex([[\\w+]])\n"
	    "rule { id = 'u', title = 'U', severity = 'low', match = function(a)\n"
	    "  local cut = a.text:sub(2)\n"
	    "  local n = 0\n"
	    "  for w in R:gmatch(cut) do n = n + 1 end\n"
	    "  a:alert{ message = tostring(n) .. ' ' .. tostring(R:match(cut)) } end }";
	got g;
	ck_assert_int_eq(run(src, "\xc3\xa9t\xc3\xa9 caf\xc3\xa9", &g), NR_OK);
	ck_assert_int_eq(g.n, 1);
	ck_assert_ptr_nonnull(strstr(g.json[0], "\"message\":\"2 t\xc3\xa9\""));
}
END_TEST

START_TEST(alert_text_repaired)
{
	/* A message cut inside a character still makes valid JSON. */
	const char *src = "rule { id = 'c', title = 'C', severity = 'low', match = function(a)\n"
			  "  a:alert{ message = a.text:sub(1, 2), actor = a.text:sub(2, 3),\n"
			  "           fields = { cut = a.text:sub(1, 1) } } end }";
	got g;
	ck_assert_int_eq(run(src, "\xc3\xa9t\xc3\xa9", &g), NR_OK);
	ck_assert_int_eq(g.n, 1);
	json_t *o = json_loads(g.json[0], 0, NULL);
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(json_string_value(json_object_get(o, "message")), "\xc3\xa9");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(o, "fields"), "cut")),
			 "\xef\xbf\xbd");
	json_decref(o);
}
END_TEST

START_TEST(regex_compile_error_names_offset)
{
	const char *src =
	    "local R = news.regex('a(b')\nrule { id = 'x', title = 'X', severity = 'low',"
	    " match = function() end }";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "re.lua", src, strlen(src)), NR_ERULE);
	ck_assert_ptr_nonnull(strstr(nr_ruleset_last_error(rs), "re.lua:1:"));
	ck_assert_ptr_nonnull(strstr(nr_ruleset_last_error(rs), "at offset 3"));
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(keywords_prefilter)
{
	const char *src =
	    "rule { id = 'k', title = 'K', severity = 'low', keywords = { 'Blame' },\n"
	    "  match = function(a) a:alert{ message = 'ran' } end }";
	nr_ruleset *rs;
	nr_scanner *sc;
	nr_article *a, *b;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "k.lua", src, strlen(src)), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	ck_assert_int_eq(nr_article_from_text(&a, "They BLAMED him.", 16, NULL), NR_OK);
	ck_assert_int_eq(nr_article_from_text(&b, "Nothing here.", 13, NULL), NR_OK);
	got g = { 0 };
	ck_assert_int_eq(nr_scanner_scan(sc, a, collect, &g), NR_OK);
	ck_assert_int_eq(nr_scanner_scan(sc, b, collect, &g), NR_OK);
	ck_assert_int_eq(g.n, 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_MATCH), 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_SKIPPED), 1);
	nr_article_free(a);
	nr_article_free(b);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(alert_arguments_checked)
{
	const char *src = "rule { id = 'a', title = 'A', severity = 'low', match = function(a)\n"
			  "  a:alert{ mesage = 'typo' } end }";
	got g;
	ck_assert_int_eq(run(src, "Text.", &g), NR_ERUNTIME);
	ck_assert_int_eq(g.n, 0);
}
END_TEST

START_TEST(examples_through_scan_rule)
{
	nr_ruleset *rs;
	nr_scanner *sc;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, FIX("good.lua")), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	for (size_t e = 0; e < nr_ruleset_example_count(rs, 0); e++) {
		int expect;
		const char *text = nr_ruleset_example(rs, 0, e, &expect, NULL);
		nr_article *a;
		ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
		got g = { 0 };
		ck_assert_int_eq(nr_scanner_scan_rule(sc, a, 0, collect, &g), NR_OK);
		ck_assert_int_eq(g.n, expect);
		nr_article_free(a);
	}
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

/* The rule author's guide opens with a complete rule: it must load and its
 * examples must pass, so the guide cannot drift from the engine. */
START_TEST(guide_example_rule)
{
	FILE *f = fopen(NR_FIXTURES "/../../docs/rules.md", "rb");
	ck_assert_ptr_nonnull(f);
	static char doc[65536];
	size_t n = fread(doc, 1, sizeof(doc) - 1, f);
	fclose(f);
	doc[n] = '\0';
	char *start = strstr(doc, "```lua rule\n");
	ck_assert_ptr_nonnull(start);
	start += strlen("```lua rule\n");
	char *end = strstr(start, "```");
	ck_assert_ptr_nonnull(end);
	nr_ruleset *rs;
	nr_scanner *sc;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(rs, "docs/rules.md", start, (size_t)(end - start));
	ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(rs));
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	ck_assert_uint_ge(nr_ruleset_example_count(rs, 0), 3);
	for (size_t e = 0; e < nr_ruleset_example_count(rs, 0); e++) {
		int expect;
		const char *actor;
		const char *text = nr_ruleset_example(rs, 0, e, &expect, &actor);
		nr_article *a;
		ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
		got g = { 0 };
		ck_assert_int_eq(nr_scanner_scan_rule(sc, a, 0, collect, &g), NR_OK);
		ck_assert_msg(g.n == expect, "example %zu: %d alerts, want %d", e + 1, g.n, expect);
		nr_article_free(a);
	}
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

/* ---- hostile rules (issue 11) ------------------------------------------- */

/* A scanner over one rule source, for rules that misbehave. */
typedef struct hostile {
	nr_ruleset *rs;
	nr_scanner *sc;
	got g;
	int rc;
} hostile;

static void hostile_open(hostile *h, const char *src, const nr_scanner_options *so)
{
	memset(h, 0, sizeof(*h));
	ck_assert_int_eq(nr_ruleset_new(&h->rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(h->rs, "h.lua", src, strlen(src));
	ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(h->rs));
	ck_assert_int_eq(nr_scanner_new(&h->sc, h->rs, so), NR_OK);
}

static int hostile_scan(hostile *h, const char *text)
{
	nr_article *a;
	memset(&h->g, 0, sizeof(h->g));
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), "Title"), NR_OK);
	h->rc = nr_scanner_scan(h->sc, a, collect, &h->g);
	nr_article_free(a);
	return h->rc;
}

/* Did the last scan report an error containing `part`? */
static bool scan_error(const hostile *h, const char *part)
{
	for (size_t i = 0; i < nr_scanner_error_count(h->sc); i++)
		if (strstr(nr_scanner_error(h->sc, i), part))
			return true;
	return false;
}

/* Outcome count of the rule with this id. */
static unsigned long outcomes(const hostile *h, const char *id, nr_outcome o)
{
	for (size_t i = 0; i < nr_ruleset_rule_count(h->rs); i++)
		if (!strcmp(nr_ruleset_rule_id(h->rs, i), id))
			return nr_scanner_rule_outcomes(h->sc, i, o);
	ck_abort_msg("no rule '%s'", id);
	return 0;
}

static void hostile_close(hostile *h)
{
	nr_scanner_free(h->sc);
	nr_ruleset_free(h->rs);
}

/* The rule every hostile file carries beside the hostile one: it must
 * still alert. */
#define INNOCENT_RULE                                                                  \
	"rule { id = 'innocent', title = 'I', severity = 'low', match = function(a)\n" \
	"  a:alert{ message = 'still here' } end }\n"

START_TEST(rule_inside_match_refused)
{
	/* rule{} read its collector on the loader's dead stack frame (ASan:
	 * stack-use-after-return); from match() it must simply raise. */
	const char *src =
	    "local R = rule\n"
	    "rule { id = 'inner', title = 'T', severity = 'low', match = function(a)\n"
	    "  rule { id = 'x', title = 't', severity = 'info', match = type }\n"
	    "  a:alert{ message = 'survived' } end }\n"
	    "rule { id = 'stashed', title = 'T', severity = 'low', match = function(a)\n"
	    "  R { id = 'y', title = 't', severity = 'info', match = type } end }\n" INNOCENT_RULE;
	hostile h;
	hostile_open(&h, src, NULL);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(hostile_scan(&h, "Some text."), NR_ERUNTIME);
		ck_assert(
		    scan_error(&h, "h.lua:3: rule{} can only be called while a rule file loads"));
		ck_assert(
		    scan_error(&h, "h.lua:6: rule{} can only be called while a rule file loads"));
		ck_assert_int_eq(h.g.n, 1);
		ck_assert_ptr_nonnull(strstr(h.g.json[0], "\"still here\""));
	}
	ck_assert_uint_eq(outcomes(&h, "inner", NR_OUTCOME_ERR_RUNTIME), 3);
	ck_assert_uint_eq(outcomes(&h, "innocent", NR_OUTCOME_MATCH), 3);
	hostile_close(&h);
}
END_TEST

START_TEST(alert_strings_bounded)
{
	/* A 70 KB message is refused before anything is copied; 600 alerts of
	 * 60 KB each pass one by one but not together (the host's alert
	 * memory, outside the Lua heap, has its own limit). */
	const char *src =
	    "local BIG = string.rep('x', 70000)\n"
	    "local MID = string.rep('x', 60000)\n"
	    "rule { id = 'big', title = 'T', severity = 'low', match = function(a)\n"
	    "  for i = 1, 1000 do a:alert{ message = BIG } end end }\n"
	    "rule { id = 'many', title = 'T', severity = 'low', match = function(a)\n"
	    "  for i = 1, 600 do pcall(a.alert, a, { message = MID }) end end }\n"
	    "rule { id = 'who', title = 'T', severity = 'low', match = function(a)\n"
	    "  a:alert{ actor = BIG } end }\n"
	    "rule { id = 'value', title = 'T', severity = 'low', match = function(a)\n"
	    "  a:alert{ fields = { v = MID } } end }\n"
	    "rule { id = 'count', title = 'T', severity = 'low', match = function(a)\n"
	    "  local f = {} for i = 1, 65 do f['k' .. i] = i end a:alert{ fields = f } end }\n"
	    "rule { id = 'evidence', title = 'T', severity = 'low', match = function(a)\n"
	    "  local s = a:sentence(1) local e = {} for i = 1, 33 do e[i] = s end\n"
	    "  a:alert{ evidence = e } end }\n" INNOCENT_RULE;
	hostile h;
	hostile_open(&h, src, NULL);
	ck_assert_int_eq(hostile_scan(&h, "Some text."), NR_ERUNTIME);
	ck_assert(scan_error(&h, "error-runtime: h.lua:4: alert: 'message' is 70000 bytes, more "
				 "than the 65536 an alert may carry"));
	ck_assert(scan_error(&h, "rule 'many' (h.lua:5) on article: error-memory: h.lua:6: alert: "
				 "this rule's alerts on this article would hold more than 33554432 "
				 "bytes (alert memory limit)"));
	ck_assert(scan_error(&h, "alert: 'actor' is 70000 bytes"));
	ck_assert(scan_error(&h, "alert: fields.v is 60000 bytes, more than the 4096"));
	ck_assert(scan_error(&h, "alert: more than 64 'fields'"));
	ck_assert(scan_error(&h, "alert: more than 32 evidence spans"));
	ck_assert_uint_eq(outcomes(&h, "many", NR_OUTCOME_ERR_MEMORY), 1);
	ck_assert_int_eq(h.g.n, 1);
	ck_assert_ptr_nonnull(strstr(h.g.json[0], "\"still here\""));
	hostile_close(&h);
}
END_TEST

START_TEST(alert_table_read_raw)
{
	/* The alert table's __index raised alerts of its own between the cap
	 * check and the read: 1,150 alerts from one rule. Fields are read raw
	 * now, so __index never runs and the cap holds. */
	const char *src =
	    "rule { id = 'reentrant', title = 'T', severity = 'low', match = function(a)\n"
	    "  local n = 0\n"
	    "  local t = setmetatable({}, { __index = function(t, k)\n"
	    "    n = n + 1; for i = 1, 10 do a:alert{ message = 'inner' } end end })\n"
	    "  for i = 1, 7 do a:alert(t) end\n"
	    "  a:alert{ message = 'n=' .. n }\n"
	    "  a:alert(setmetatable({}, { __index = { message = 'proxied' } }))\n"
	    "  a:alert{ evidence = setmetatable({}, { __len = function() return 1 end,\n"
	    "    __index = function() return a:sentence(1) end }) } end }\n"
	    "rule { id = 'over', title = 'T', severity = 'low', match = function(a)\n"
	    "  local t = setmetatable({}, { __index = function() a:alert{} end })\n"
	    "  for i = 1, 11 do a:alert(t) end end }\n" INNOCENT_RULE;
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_alerts = 10;
	hostile h;
	hostile_open(&h, src, &so);
	/* Stopped at the cap, 'over' matched with the alerts before it. */
	ck_assert_int_eq(hostile_scan(&h, "Some text."), NR_OK);
	ck_assert_uint_eq(outcomes(&h, "reentrant", NR_OUTCOME_MATCH), 1);
	ck_assert_uint_eq(outcomes(&h, "over", NR_OUTCOME_MATCH), 1);
	ck_assert(scan_error(&h, "rule 'over' (h.lua:10) on article: stopped at the alert cap (10 "
				 "alerts per rule per article): the 10 alerts before it are kept"));
	/* 10 of 'reentrant' (collect keeps 8) and 1 of 'innocent'. */
	ck_assert_int_eq(h.g.n, 8);
	ck_assert_ptr_nonnull(strstr(h.g.json[0], "\"message\":\"T\""));
	ck_assert_ptr_nonnull(strstr(h.g.json[7], "\"message\":\"n=0\""));
	hostile_close(&h);
}
END_TEST

START_TEST(alert_bytes_kept)
{
	/* NUL bytes in message, actor and fields values are kept (\u0000),
	 * every other field too; a key that is not UTF-8 is repaired, never
	 * dropped; keys the alert would hide are refused. */
	const char *src =
	    "rule { id = 'nul', title = 'T', severity = 'low', match = function(a)\n"
	    "  a:alert{ message = 'x\\0after', actor = 'ac\\0tor',\n"
	    "           fields = { k = 'v\\0w', ['\\xff'] = 1, other = 2 } } end }\n"
	    "rule { id = 'hidden', title = 'T', severity = 'low', match = function(a)\n"
	    "  a:alert{ fields = { actor = 'x' } } end }\n"
	    "rule { id = 'clash', title = 'T', severity = 'low', match = function(a)\n"
	    "  a:alert{ fields = { ['\\xff'] = 1, ['\\xef\\xbf\\xbd'] = 2 } } end }\n"
	    "rule { id = 'nulkey', title = 'T', severity = 'low', match = function(a)\n"
	    "  a:alert{ fields = { ['a\\0b'] = 1 } } end }\n";
	hostile h;
	hostile_open(&h, src, NULL);
	ck_assert_int_eq(hostile_scan(&h, "Some text."), NR_ERUNTIME);
	ck_assert_int_eq(h.g.n, 1);
	ck_assert_ptr_nonnull(strstr(h.g.json[0], "\"message\":\"x\\u0000after\""));
	ck_assert_ptr_nonnull(strstr(h.g.json[0], "\"fields\":{\"actor\":\"ac\\u0000tor\","
						  "\"target\":null,\"actor_id\":null,"
						  "\"actor_canonical\":null,\"target_id\":null,"
						  "\"target_canonical\":null,\"k\":\"v\\u0000w\","
						  "\"other\":2,\"\xef\xbf\xbd\":1}"));
	ck_assert(scan_error(&h, "alert: fields.actor: give it as the alert's 'actor' field"));
	ck_assert(scan_error(&h, "two 'fields' keys are the same once repaired to UTF-8"));
	ck_assert(scan_error(&h, "alert: 'fields' keys must be 1 to 128 bytes, without NUL"));
	hostile_close(&h);
}
END_TEST

START_TEST(retained_heap_across_files)
{
	/* Files that each keep a lot at top level passed their own load cap,
	 * then no scanner could start ("out of memory:" naming nothing). The
	 * set now adds up what files keep and rejects the one that crosses
	 * its limit, by name; the others load and run. */
	nr_ruleset_options o = NR_RULESET_OPTIONS_INIT;
	o.max_memory = 8u << 20;
	o.max_retained = 10u << 20;
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, &o), NR_OK);
	for (int i = 1; i <= 4; i++) {
		char name[16], src[256];
		snprintf(name, sizeof(name), "k%d.lua", i);
		snprintf(src, sizeof(src),
			 "local keep = string.rep('%d', 3 * 1024 * 1024)\n"
			 "rule { id = 'k%d', title = 'K', severity = 'low', match = function(a)\n"
			 "  if #keep == 0 then a:alert{} end end }\n",
			 i, i);
		ck_assert_int_eq(nr_ruleset_add_string(rs, name, src, strlen(src)),
				 i < 4 ? NR_OK : NR_ERULE);
	}
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR, "k4.lua:1: the rule files would keep "));
	ck_assert(
	    tu_has_diag(rs, NR_DIAG_ERROR, "more than the 10485760-byte limit for all files"));
	const char *innocent = INNOCENT_RULE;
	ck_assert_int_eq(nr_ruleset_add_string(rs, "i.lua", innocent, strlen(innocent)), NR_OK);
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 4);

	nr_scanner *sc = NULL;
	nr_article *a;
	got g = { 0 };
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	ck_assert_int_eq(nr_article_from_text(&a, "Text.", 5, NULL), NR_OK);
	ck_assert_int_eq(nr_scanner_scan(sc, a, collect, &g), NR_OK);
	ck_assert_int_eq(g.n, 1);
	nr_scanner_free(sc);
	/* A scanner whose own heap is smaller names the file that crossed it. */
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_memory = 7u << 20;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, &so), NR_ERULE);
	ck_assert_ptr_nonnull(sc);
	ck_assert_str_eq(nr_scanner_last_error(sc),
			 "k2.lua: memory budget exceeded (7340032 bytes) "
			 "while the rule files ran again in the scanner");
	nr_scanner_free(sc);
	nr_article_free(a);
	nr_ruleset_free(rs);

	/* Version 1 options (before max_retained) are still taken. */
	nr_ruleset_options v1 = NR_RULESET_OPTIONS_INIT;
	v1.version = 1;
	ck_assert_int_eq(nr_ruleset_new(&rs, &v1), NR_OK);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(regex_caches_per_file)
{
	/* One cache of 4,096 patterns served every file: a rule that filled
	 * it made an innocent rule's find("...") fail (and be disabled), and
	 * 4,000 regexes at one file's top level kept the next file from
	 * loading. Each file has its own caches now, and what rules compile
	 * while they run is evicted, never refused. */
	const char *filler =
	    "for i = 1, 4000 do news.regex('x' .. i) end\n"
	    "local n = 0\n"
	    "rule { id = 'filler', title = 'F', severity = 'low', match = function(a)\n"
	    "  for i = 1, 600 do n = n + 1; a:find('y' .. n .. 'z')() end\n"
	    "  a:alert{ message = 'filled' } end }\n";
	const char *innocent =
	    "local R = {} for i = 1, 200 do R[i] = news.regex('innocent' .. i) end\n"
	    "rule { id = 'innocent', title = 'I', severity = 'low', match = function(a)\n"
	    "  for m in a:find('[Pp]akistan') do a:alert{ message = 'found', evidence = m } end\n"
	    "  assert(a:sentence(1):has('denied')) end }\n";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "filler.lua", filler, strlen(filler)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "innocent.lua", innocent, strlen(innocent)),
			 NR_OK);
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	const char *text = "Pakistan denied the report.";
	for (int i = 0; i < 7; i++) {
		nr_article *a;
		got g = { 0 };
		ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
		int rc = nr_scanner_scan(sc, a, collect, &g);
		ck_assert_msg(rc == NR_OK, "%s", nr_scanner_last_error(sc));
		ck_assert_int_eq(g.n, 2);
		ck_assert_ptr_nonnull(strstr(g.json[1], "\"rule\":\"innocent\""));
		nr_article_free(a);
	}
	nr_scanner_free(sc);
	nr_ruleset_free(rs);

	/* The one limit left: what a file pins at its top level, its own. */
	const char *greedy = "for i = 1, 4097 do news.regex('x' .. i) end\n";
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "greedy.lua", greedy, strlen(greedy)), NR_ERULE);
	ck_assert_str_eq(nr_ruleset_last_error(rs),
			 "greedy.lua:1: news: more than 4096 distinct regexes and lexicons "
			 "compiled at the top level of one rule file");
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(span_excerpt_whole_characters)
{
	/* tostring(span) cut its excerpt at 40 bytes, inside a character. */
	const char *src = "rule { id = 'e', title = 'E', severity = 'low', match = function(a)\n"
			  "  a:alert{ message = tostring(a:sentence(1)) } end }";
	char text[128] = "x";
	for (int i = 0; i < 30; i++)
		strcat(text, "\xc3\xa9");
	strcat(text, ".");
	got g;
	ck_assert_int_eq(run(src, text, &g), NR_OK);
	ck_assert_int_eq(g.n, 1);
	ck_assert_ptr_null(strstr(g.json[0], "\xef\xbf\xbd"));
	ck_assert_ptr_nonnull(strstr(g.json[0], "\xc3\xa9...\\\")\""));
}
END_TEST

/* ---- the circuit breaker and the alert cap (issue 11, case 12) ---------- */

/* Alerts per rule id over one scan. */
typedef struct tally {
	int n[4];
	const char *ids[4];
} tally;

static int count_by_rule(const nr_alert *al, void *payload)
{
	tally *t = payload;
	for (int i = 0; i < 4 && t->ids[i]; i++)
		if (!strcmp(nr_alert_rule_id(al), t->ids[i]))
			t->n[i]++;
	return 0;
}

/* Scan `text` with h's scanner, counting alerts of the rules in t. */
static int tally_scan(hostile *h, const char *text, tally *t)
{
	nr_article *a;
	memset(t->n, 0, sizeof(t->n));
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	h->rc = nr_scanner_scan(h->sc, a, count_by_rule, t);
	nr_article_free(a);
	return h->rc;
}

START_TEST(alert_cap_no_failure)
{
	/* More alerts than the cap is no failure: the first max are kept,
	 * with a notice, and however often it happens the rule stays on. */
	const char *src =
	    "rule { id = 'flood', title = 'T', severity = 'low', match = function(a)\n"
	    "  for i = 1, 25 do a:alert{ message = 'm' .. i } end end }\n" INNOCENT_RULE;
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_alerts = 10;
	hostile h;
	hostile_open(&h, src, &so);
	tally t = { { 0 }, { "flood", "innocent" } };
	for (int k = 0; k < 7; k++) {
		ck_assert_int_eq(tally_scan(&h, "Some text.", &t), NR_OK);
		ck_assert_int_eq(t.n[0], 10);
		ck_assert_int_eq(t.n[1], 1);
		ck_assert(scan_error(&h, "rule 'flood' (h.lua:1) on article: stopped at the alert "
					 "cap (10 alerts per rule per article): the 10 alerts "
					 "before it are kept"));
	}
	ck_assert_uint_eq(outcomes(&h, "flood", NR_OUTCOME_MATCH), 7);
	ck_assert_uint_eq(outcomes(&h, "flood", NR_OUTCOME_DISABLED), 0);
	hostile_close(&h);
}
END_TEST

/* A rule that fails on long articles only, with an example or without. */
#define PICKY_RULE(id, examples)                                                                   \
	"rule { id = '" id "', title = 'T', severity = 'low', " examples "  match = function(a)\n" \
	"    if #a.text > 1000 then error('too long for me') end\n"                                \
	"    a:alert{ message = 'ok' } end }\n"

START_TEST(input_failures_keep_rule_on)
{
	/* Five articles in a row make the rule fail; its probe article (its
	 * first example, or a fixed text) does not: the articles are at
	 * fault, and the sixth article still gets its alert. */
	const char *src = PICKY_RULE("picky",
				     "examples = { { text = 'The council met.', expect = 1 } },\n")
	    PICKY_RULE("bare", "") INNOCENT_RULE;
	hostile h;
	hostile_open(&h, src, NULL);
	char *longtext = malloc(5001);
	ck_assert_ptr_nonnull(longtext);
	for (int i = 0; i < 1000; i++)
		memcpy(longtext + i * 5, "word ", 5);
	longtext[5000] = '\0';
	tally t = { { 0 }, { "picky", "bare", "innocent" } };
	for (int k = 0; k < 5; k++) {
		ck_assert_int_eq(tally_scan(&h, longtext, &t), NR_ERUNTIME);
		ck_assert_int_eq(t.n[2], 1);
	}
	ck_assert(scan_error(&h, "rule 'picky' (h.lua:1) failed 5 articles in a row but runs on "
				 "its probe article (its first example): the articles are at "
				 "fault, the rule stays on"));
	ck_assert(scan_error(&h, "rule 'bare' (h.lua:5) failed 5 articles in a row but runs on "
				 "its probe article (a fixed text)"));
	ck_assert_int_eq(tally_scan(&h, "A short one.", &t), NR_OK);
	ck_assert_int_eq(t.n[0], 1);
	ck_assert_int_eq(t.n[1], 1);
	ck_assert_uint_eq(outcomes(&h, "picky", NR_OUTCOME_ERR_RUNTIME), 5);
	ck_assert_uint_eq(outcomes(&h, "picky", NR_OUTCOME_DISABLED), 0);
	ck_assert_uint_eq(outcomes(&h, "picky", NR_OUTCOME_MATCH), 1);
	free(longtext);
	hostile_close(&h);
}
END_TEST

START_TEST(broken_rule_disabled_after_probe)
{
	/* A rule that fails its own example as well is at fault: disabled,
	 * with a notice naming how the probe failed. */
	const char *src = "rule { id = 'broken', title = 'T', severity = 'low',\n"
			  "  examples = { { text = 'The council met.', expect = 0 } },\n"
			  "  match = function(a) error('always') end }\n" INNOCENT_RULE;
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_failures = 3;
	hostile h;
	hostile_open(&h, src, &so);
	tally t = { { 0 }, { "broken", "innocent" } };
	for (int k = 0; k < 3; k++)
		ck_assert_int_eq(tally_scan(&h, "Some text.", &t), NR_ERUNTIME);
	ck_assert(scan_error(&h, "rule 'broken' (h.lua:1) disabled after 3 failures in a row: it "
				 "also fails its probe article (its first example): "
				 "error-runtime: h.lua:3: always"));
	ck_assert_int_eq(tally_scan(&h, "Some text.", &t), NR_OK);
	ck_assert_int_eq(t.n[1], 1);
	ck_assert_uint_eq(outcomes(&h, "broken", NR_OUTCOME_DISABLED), 1);
	hostile_close(&h);
}
END_TEST

START_TEST(breaker_kept_by_host)
{
	/* max_failures UINT_MAX: the scanner never probes nor disables on its
	 * own; the host counts, then asks for the probe's verdict, which is
	 * the one the scanner itself gives, notice and all, and disables a
	 * rule on another scanner of the set. */
	const char *src = "rule { id = 'broken', title = 'T', severity = 'low',\n"
			  "  examples = { { text = 'The council met.', expect = 0 } },\n"
			  "  match = function(a) error('always') end }\n" PICKY_RULE(
			      "picky",
			      "examples = { { text = 'The council met.', expect = 1 } },\n")
			      INNOCENT_RULE;
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_failures = UINT_MAX;
	hostile h;
	hostile_open(&h, src, &so);
	tally t = { { 0 }, { "broken", "picky", "innocent" } };
	for (int k = 0; k < 20; k++)
		ck_assert_int_eq(tally_scan(&h, "Some text.", &t), NR_ERUNTIME);
	ck_assert_uint_eq(outcomes(&h, "broken", NR_OUTCOME_ERR_RUNTIME), 20);
	ck_assert_uint_eq(outcomes(&h, "broken", NR_OUTCOME_DISABLED), 0);
	ck_assert_int_eq(nr_scanner_probe_rule(h.sc, 0, 5), NR_ERUNTIME);
	ck_assert_int_eq(nr_scanner_error_count(h.sc), 1);
	ck_assert_str_eq(nr_scanner_error(h.sc, 0),
			 "rule 'broken' (h.lua:1) disabled after 5 failures in a row: it also "
			 "fails its probe article (its first example): error-runtime: h.lua:3: "
			 "always");
	ck_assert_int_eq(nr_scanner_probe_rule(h.sc, 1, 7), NR_OK);
	ck_assert_str_eq(nr_scanner_error(h.sc, 0),
			 "rule 'picky' (h.lua:4) failed 7 articles in a row but runs on its "
			 "probe article (its first example): the articles are at fault, the rule "
			 "stays on");
	ck_assert_int_eq(tally_scan(&h, "Some text.", &t), NR_OK);
	ck_assert_uint_eq(outcomes(&h, "broken", NR_OUTCOME_DISABLED), 1);
	/* The probe counts no outcome. */
	ck_assert_uint_eq(outcomes(&h, "picky", NR_OUTCOME_MATCH), 21);
	/* Another scanner of the set, told by the host. */
	nr_scanner *other;
	ck_assert_int_eq(nr_scanner_new(&other, h.rs, &so), NR_OK);
	ck_assert_int_eq(nr_scanner_disable_rule(other, 0), NR_OK);
	ck_assert_int_eq(nr_scanner_disable_rule(other, 99), NR_EINVAL);
	ck_assert_int_eq(nr_scanner_probe_rule(other, 99, 5), NR_EINVAL);
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, "Some text.", 10, NULL), NR_OK);
	ck_assert_int_eq(nr_scanner_scan(other, a, NULL, NULL), NR_OK);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(other, 0, NR_OUTCOME_DISABLED), 1);
	nr_article_free(a);
	nr_scanner_free(other);
	hostile_close(&h);
}
END_TEST

/* Each rule's outcome on the last article, one call per rule. */
START_TEST(last_outcome_per_rule)
{
	const char *src =
	    "rule { id = 'kw', title = 'T', severity = 'low', keywords = { 'deni' },\n"
	    "  match = function(a) a:alert{} end }\n"
	    "rule { id = 'all', title = 'T', severity = 'low',\n"
	    "  match = function(a) if a.text:find('x') then error('x') end end }\n";
	hostile h;
	hostile_open(&h, src, NULL);
	ck_assert_int_eq(nr_scanner_rule_last_outcome(h.sc, 0), NR_OUTCOME_COUNT_);
	ck_assert_int_eq(nr_scanner_rule_last_outcome(h.sc, 9), NR_OUTCOME_COUNT_);
	ck_assert_int_eq(nr_scanner_rule_last_outcome(NULL, 0), NR_OUTCOME_COUNT_);
	static const struct {
		const char *text;
		nr_outcome kw, all;
	} cases[] = {
		{ "They met.", NR_OUTCOME_SKIPPED, NR_OUTCOME_NOMATCH },
		{ "They denied it.", NR_OUTCOME_MATCH, NR_OUTCOME_NOMATCH },
		{ "A box was denied.", NR_OUTCOME_MATCH, NR_OUTCOME_ERR_RUNTIME },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		nr_article *a;
		const char *t = cases[i].text;
		ck_assert_int_eq(nr_article_from_text(&a, t, strlen(t), NULL), NR_OK);
		nr_scanner_scan(h.sc, a, NULL, NULL);
		ck_assert_int_eq(nr_scanner_rule_last_outcome(h.sc, 0), cases[i].kw);
		ck_assert_int_eq(nr_scanner_rule_last_outcome(h.sc, 1), cases[i].all);
		/* One rule alone: the other has no outcome on that article. */
		ck_assert_int_eq(nr_scanner_scan_rule(h.sc, a, 1, NULL, NULL),
				 cases[i].all == NR_OUTCOME_ERR_RUNTIME ? NR_ERUNTIME : NR_OK);
		ck_assert_int_eq(nr_scanner_rule_last_outcome(h.sc, 0), NR_OUTCOME_COUNT_);
		ck_assert_int_eq(nr_scanner_rule_last_outcome(h.sc, 1), cases[i].all);
		nr_article_free(a);
	}
	hostile_close(&h);
}
END_TEST

/* The shipped pack with the scanner's defaults. */
static void pack_open(hostile *h)
{
	memset(h, 0, sizeof(*h));
	ck_assert_int_eq(nr_ruleset_new(&h->rs, NULL), NR_OK);
	int rc = nr_ruleset_add_path(h->rs, NR_FIXTURES "/../../rules");
	ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(h->rs));
	ck_assert_int_eq(nr_scanner_new(&h->sc, h->rs, NULL), NR_OK);
}

#define BENIGN_DENIAL                                                                          \
	"The minister denied the report on Monday. Pakistan denied that its army had crossed " \
	"the border."

START_TEST(pack_long_sentences_and_many_alerts)
{
	/* Five articles of one 68 KB sentence: the pack walked its words
	 * with a pattern past its budget and failed five times, which
	 * switched 'denial' off for the sixth. Now nothing fails. */
	hostile h;
	pack_open(&h);
	size_t cap = 70000, n = 0;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	n += (size_t)snprintf(text, cap, "The minister denied that");
	for (int i = 0; i < 13600; i++)
		n += (size_t)snprintf(text + n, cap - n, " word");
	snprintf(text + n, cap - n, " today.");
	ck_assert_uint_gt(strlen(text), 68000);
	tally t = { { 0 }, { "denial" } };
	for (int k = 0; k < 5; k++)
		ck_assert_int_eq(tally_scan(&h, text, &t), NR_OK);
	ck_assert_int_eq(nr_scanner_error_count(h.sc), 0);
	ck_assert_int_eq(tally_scan(&h, BENIGN_DENIAL, &t), NR_OK);
	ck_assert_int_ge(t.n[0], 1);
	/* Five articles of 1,001 denials: 1,000 alerts each, no failure. */
	n = 0;
	for (int i = 0; i < 1001; i++)
		n += (size_t)snprintf(text + n, cap - n, "Pakistan denied report %d. ", i);
	ck_assert_uint_lt(n, cap);
	for (int k = 0; k < 5; k++) {
		ck_assert_int_eq(tally_scan(&h, text, &t), NR_OK);
		ck_assert_int_eq(t.n[0], 1000);
		ck_assert(scan_error(&h, "stopped at the alert cap (1000 alerts per rule per "
					 "article)"));
	}
	ck_assert_int_eq(tally_scan(&h, BENIGN_DENIAL, &t), NR_OK);
	ck_assert_int_ge(t.n[0], 1);
	ck_assert_uint_eq(outcomes(&h, "denial", NR_OUTCOME_DISABLED), 0);
	free(text);
	hostile_close(&h);
}
END_TEST

/* ---- user lexicons attached through the C API ----------------------------- */

typedef struct lex_alerts {
	int n;
	char msg[4][256];
} lex_alerts;

static int keep_lex_alert(const nr_alert *al, void *payload)
{
	lex_alerts *g = payload;
	if (g->n < 4)
		snprintf(g->msg[g->n], sizeof(g->msg[0]), "%s", nr_alert_message(al));
	g->n++;
	return 0;
}

/* A watch list and a persons lexicon attached to a set: rules reach them
 * with news.lexicon (by class too), the extractors take the persons, a bad
 * row is a warning with its line, a missing file an error naming it, and
 * the set stays immutable once a scanner uses it. */
START_TEST(user_lexicons_c_api)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	char before[17];
	snprintf(before, sizeof(before), "%s", nr_ruleset_hash(rs));
	const char *watch = "# phrase<TAB>canonical<TAB>class\n"
			    "Zorbek Ulanov\t\tvip\n"
			    "Mia Lund\n"
			    "Bad \xff row\n";
	ck_assert_int_eq(nr_ruleset_add_lexicon_string(rs, "watch", watch, strlen(watch), "w.tsv"),
			 NR_OK);
	ck_assert(tu_has_diag(rs, NR_DIAG_WARNING, "w.tsv:4: invalid UTF-8; skipped"));
	ck_assert_str_ne(nr_ruleset_hash(rs), before);
	const char *persons = "Zorbek Ulanov\tUlanov\n";
	ck_assert_int_eq(
	    nr_ruleset_add_lexicon_string(rs, "persons", persons, strlen(persons), NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_lexicon(rs, "gone", "/no/such/gone.txt"), NR_EIO);
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR,
			      "/no/such/gone.txt: No such file or directory (lexicon 'gone')"));
	ck_assert_int_eq(nr_ruleset_add_lexicon_string(rs, "Bad Name", "x", 1, "b.txt"), NR_EINVAL);
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR, "b.txt: invalid lexicon name 'Bad Name'"));
	const char *src =
	    "local WATCH = news.lexicon('watch')\n"
	    "local VIP = news.lexicon('watch:vip')\n"
	    "assert(WATCH:test('met Mia Lund today') and not VIP:test('Mia Lund'))\n"
	    "rule { id = 'watched', title = 'watched', severity = 'low',\n"
	    "  match = function(a)\n"
	    "    for q in a:quotes() do\n"
	    "      if q.speaker_name and VIP:test(q.speaker_name) then\n"
	    "        local e = a:entities('person')()\n"
	    "        a:alert{ message = q.speaker_name .. '/' .. e.name .. '/' .. e.type }\n"
	    "      end\n"
	    "    end\n"
	    "  end }\n";
	ck_assert_int_eq(nr_ruleset_add_string(rs, "watch.lua", src, strlen(src)), NR_OK);
	const nr_lexicon *lex = nr_ruleset_lexicon(rs);
	ck_assert_ptr_nonnull(lex);
	size_t w = nr_lexicon_count(lex) - 1;
	ck_assert_str_eq(nr_lexicon_name(lex, w), "watch");
	ck_assert(!nr_lexicon_is_builtin(lex, w));
	ck_assert_uint_eq(nr_lexicon_rows(lex, w), 2);
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	/* Frozen: nothing more can be attached. */
	ck_assert_int_eq(nr_ruleset_add_lexicon_string(rs, "late", "x", 1, NULL), NR_EFROZEN);
	ck_assert_int_eq(nr_ruleset_add_lexicon(rs, "late", "/etc/hostname"), NR_EFROZEN);
	const char *text = "\"We will stay,\" Ulanov told reporters on Monday.";
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	lex_alerts g = { 0 };
	ck_assert_int_eq(nr_scanner_scan(sc, a, keep_lex_alert, &g), NR_OK);
	ck_assert_int_eq(g.n, 1);
	ck_assert_str_eq(g.msg[0], "Zorbek Ulanov/Zorbek Ulanov/person");
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
	/* Without the lexicons the rule file does not load. */
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "watch.lua", src, strlen(src)), NR_ERULE);
	ck_assert(tu_has_diag(rs, NR_DIAG_ERROR, "watch.lua:1: news.lexicon: no lexicon 'watch'"));
	nr_ruleset_free(rs);
}
END_TEST

Suite *ruleset_suite(void)
{
	Suite *s = suite_create("ruleset");
	TCase *tc = tcase_create("load");
	tcase_add_test(tc, load_good_file);
	tcase_add_test(tc, validation_errors_name_file_and_line);
	tcase_add_test(tc, syntax_error);
	tcase_add_test(tc, duplicate_ids);
	tcase_add_test(tc, directory_and_strict);
	tcase_add_test(tc, warnings);
	tcase_add_test(tc, every_problem_of_a_rejected_file);
	tcase_add_test(tc, bad_examples);
	tcase_add_test(tc, frozen_after_scanner);
	tcase_add_test(tc, rules_must_come_back);
	tcase_add_test(tc, user_lexicons_c_api);
	suite_add_tcase(s, tc);
	tc = tcase_create("run");
	tcase_add_test(tc, spans_lua_and_json);
	tcase_add_test(tc, lexicon_inflections_and_multiword);
	tcase_add_test(tc, regex_and_has);
	tcase_add_test(tc, regex_compile_error_names_offset);
	tcase_add_test(tc, regex_on_cut_utf8);
	tcase_add_test(tc, alert_text_repaired);
	tcase_add_test(tc, keywords_prefilter);
	tcase_add_test(tc, alert_arguments_checked);
	tcase_add_test(tc, examples_through_scan_rule);
	tcase_add_test(tc, guide_example_rule);
	tcase_add_test(tc, scanner_failure_stays_with_scanner);
	suite_add_tcase(s, tc);
	tc = tcase_create("hostile");
	tcase_add_test(tc, rule_inside_match_refused);
	tcase_add_test(tc, alert_strings_bounded);
	tcase_add_test(tc, alert_table_read_raw);
	tcase_add_test(tc, alert_bytes_kept);
	tcase_add_test(tc, retained_heap_across_files);
	tcase_add_test(tc, regex_caches_per_file);
	tcase_add_test(tc, span_excerpt_whole_characters);
	suite_add_tcase(s, tc);

	tc = tcase_create("breaker");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, alert_cap_no_failure);
	tcase_add_test(tc, input_failures_keep_rule_on);
	tcase_add_test(tc, broken_rule_disabled_after_probe);
	tcase_add_test(tc, breaker_kept_by_host);
	tcase_add_test(tc, last_outcome_per_rule);
	tcase_add_test(tc, pack_long_sentences_and_many_alerts);
	suite_add_tcase(s, tc);
	return s;
}
