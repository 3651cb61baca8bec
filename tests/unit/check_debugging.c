/* check_debugging.c - what a rule author debugs with (issue 13): the log
 * lines of news.log and print and their callback, what examples state
 * about the alert (actor, target, message, fields), and alerts that carry
 * the text their evidence points into. */
#include "testutil.h"

#include <check.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- log lines ---------------------------------------------------------- */

typedef struct logs {
	size_t n, notes;
	unsigned long suppressed;
	char rule[8][64], article[8][64], file[8][64], msg[8][NR_LOG_MAX_LINE + 1];
	int line[8];
	size_t len[8];
	bool rule_null, article_null;
} logs;

static void on_log(const nr_log_line *ll, void *payload)
{
	logs *g = payload;
	if (ll->suppressed) {
		g->notes++;
		g->suppressed += ll->suppressed;
		ck_assert_uint_eq(ll->message_len, strlen(ll->message));
		ck_assert_ptr_nonnull(strstr(ll->message, "log lines suppressed"));
		return;
	}
	size_t i = g->n++;
	if (i >= 8)
		return;
	g->rule_null = ll->rule == NULL;
	g->article_null = ll->article == NULL;
	snprintf(g->rule[i], sizeof(g->rule[i]), "%s", ll->rule ? ll->rule : "");
	snprintf(g->article[i], sizeof(g->article[i]), "%s", ll->article ? ll->article : "");
	snprintf(g->file[i], sizeof(g->file[i]), "%s", ll->file ? ll->file : "");
	ck_assert_uint_le(ll->message_len, NR_LOG_MAX_LINE);
	memcpy(g->msg[i], ll->message, ll->message_len + 1);
	g->len[i] = ll->message_len;
	g->line[i] = ll->line;
}

/* A set of one source and a scanner on it, its log lines into `g`. */
typedef struct env {
	nr_ruleset *rs;
	nr_scanner *sc;
	logs load, g;
} env;

static void env_open(env *e, const char *src, const nr_scanner_options *so)
{
	memset(e, 0, sizeof(*e));
	ck_assert_int_eq(nr_ruleset_new(&e->rs, NULL), NR_OK);
	nr_ruleset_set_log(e->rs, on_log, &e->load);
	int rc = nr_ruleset_add_string(e->rs, "d.lua", src, strlen(src));
	ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(e->rs));
	ck_assert_int_eq(nr_scanner_new(&e->sc, e->rs, so), NR_OK);
	nr_scanner_set_log(e->sc, on_log, &e->g);
}

static int count_alerts(const nr_alert *al, void *payload)
{
	(void)al;
	(*(int *)payload)++;
	return 0;
}

/* Scan `text`; the scan's return code, the number of alerts in *alerts. */
static int env_scan(env *e, const char *text, int *alerts)
{
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	int n = 0;
	int rc = nr_scanner_scan(e->sc, a, count_alerts, &n);
	if (alerts)
		*alerts = n;
	nr_article_free(a);
	return rc;
}

static void env_close(env *e)
{
	nr_scanner_free(e->sc);
	nr_ruleset_free(e->rs);
}

#define RULE_HEAD(id) "rule { id = '" id "', title = 'T', severity = 'low', match = function(a)\n"

START_TEST(log_lines_reach_the_callback)
{
	env e;
	env_open(&e,
		 RULE_HEAD("logger") "  news.log('sentences', 2, true, nil, a:sentences()())\n"
				     "  print('via print', {})\n"
				     "end }\n",
		 NULL);
	ck_assert_int_eq(env_scan(&e, "Pakistan denied it. Talks go on.", NULL), NR_OK);
	ck_assert_uint_eq(e.g.n, 2);
	ck_assert_str_eq(e.g.rule[0], "logger");
	ck_assert_str_eq(e.g.file[0], "d.lua");
	ck_assert_int_eq(e.g.line[0], 2);
	ck_assert_int_eq(e.g.line[1], 3);
	ck_assert_str_eq(e.g.msg[0], "sentences\t2\ttrue\tnil\tnewsrules.Span(sentence 1-19: "
				     "\"Pakistan denied it.\")");
	/* Tables are named by a number, never an address. */
	ck_assert_str_eq(e.g.msg[1], "via print\ttable: #1");
	unsigned long sup = 99;
	ck_assert_uint_eq(nr_scanner_log_count(e.sc, 0, &sup), 2);
	ck_assert_uint_eq(sup, 0);
	ck_assert_uint_eq(nr_scanner_log_count(e.sc, 7, &sup), 0);
	/* Loading logged nothing, and a scanner running the file again is
	 * silent. */
	ck_assert_uint_eq(e.load.n, 0);
	env_close(&e);
}
END_TEST

START_TEST(log_names_the_article)
{
	env e;
	env_open(&e, RULE_HEAD("r") "  print(a.id) end }\n", NULL);
	nr_article *a;
	tu_result r;
	tu_read_fixture(&r, "quotes/harbour.txt", NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 1);
	a = r.articles[0];
	ck_assert_int_eq(nr_scanner_scan(e.sc, a, NULL, NULL), NR_OK);
	ck_assert_uint_eq(e.g.n, 1);
	ck_assert_str_eq(e.g.article[0], nr_article_id(a));
	ck_assert_str_eq(e.g.msg[0], nr_article_id(a));
	tu_free(&r);
	env_close(&e);
}
END_TEST

START_TEST(log_rate_limited_per_rule)
{
	env e;
	env_open(&e, RULE_HEAD("chatty") "  for i = 1, 250 do news.log('line', i) end end }\n",
		 NULL);
	ck_assert_int_eq(env_scan(&e, "One article.", NULL), NR_OK);
	ck_assert_uint_eq(e.g.n, NR_LOG_MAX_PER_RULE);
	ck_assert_uint_eq(e.g.notes, 1);
	ck_assert_uint_eq(e.g.suppressed, 250 - NR_LOG_MAX_PER_RULE);
	ck_assert_int_eq(env_scan(&e, "Another article.", NULL), NR_OK);
	ck_assert_uint_eq(e.g.n, 2 * NR_LOG_MAX_PER_RULE); /* the limit is per article */
	unsigned long sup;
	ck_assert_uint_eq(nr_scanner_log_count(e.sc, 0, &sup), 2 * NR_LOG_MAX_PER_RULE);
	ck_assert_uint_eq(sup, 2 * (250 - NR_LOG_MAX_PER_RULE));
	env_close(&e);
}
END_TEST

START_TEST(log_rate_limited_per_article)
{
	/* Twelve rules of 100 lines each: the article's 1000 run out in the
	 * eleventh, and the twelfth logs nothing. */
	char src[4096] = "";
	for (int i = 0; i < 12; i++) {
		char one[200];
		snprintf(one, sizeof(one),
			 "rule { id = 'r%02d', title = 'T', severity = 'low', match = function(a)\n"
			 "  for i = 1, %d do print(i) end end }\n",
			 i, NR_LOG_MAX_PER_RULE);
		strcat(src, one);
	}
	env e;
	env_open(&e, src, NULL);
	ck_assert_int_eq(env_scan(&e, "One article.", NULL), NR_OK);
	ck_assert_uint_eq(e.g.n, NR_LOG_MAX_PER_ARTICLE);
	ck_assert_uint_eq(e.g.suppressed, 12 * NR_LOG_MAX_PER_RULE - NR_LOG_MAX_PER_ARTICLE);
	ck_assert_uint_eq(e.g.notes, 2); /* one per rule that lost lines */
	unsigned long sup;
	ck_assert_uint_eq(nr_scanner_log_count(e.sc, 11, &sup), 0);
	ck_assert_uint_eq(sup, NR_LOG_MAX_PER_RULE);
	env_close(&e);
}
END_TEST

START_TEST(log_line_cut)
{
	/* 5000 bytes of two-byte characters after one ASCII byte: cut at a
	 * character boundary, and the line says it was cut. */
	env e;
	env_open(&e, RULE_HEAD("long") "  print('x' .. string.rep('\\u{e9}', 2500)) end }\n", NULL);
	ck_assert_int_eq(env_scan(&e, "One article.", NULL), NR_OK);
	ck_assert_uint_eq(e.g.n, 1);
	ck_assert_uint_le(e.g.len[0], NR_LOG_MAX_LINE);
	ck_assert_ptr_nonnull(strstr(e.g.msg[0], " [cut: a log line holds at most 4096 bytes]"));
	const char *cut = strstr(e.g.msg[0], " [cut");
	ck_assert_int_eq((cut - e.g.msg[0]) % 2, 1); /* 'x' and whole characters */
	env_close(&e);
}
END_TEST

START_TEST(log_without_callback_and_budgets)
{
	/* No callback: lines are counted and dropped. A rule that logs without
	 * end still meets its instruction budget, and a __tostring that loops
	 * too (once a callback listens and the line is built). */
	nr_ruleset *rs;
	nr_scanner *sc;
	const char *src = RULE_HEAD("quiet") "  print('a') print('b') end }\n" RULE_HEAD(
	    "forever") "  while true do print('again') end end }\n" RULE_HEAD("loop") "  "
										      "print("
										      "setmetatable"
										      "({}, { "
										      "__tostring "
										      "= "
										      "function() "
										      "while true "
										      "do end end "
										      "})) end }\n";
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "q.lua", src, strlen(src)), NR_OK);
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_instructions = 200000;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, &so), NR_OK);
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, "Text.", 5, NULL), NR_OK);
	ck_assert_int_eq(nr_scanner_scan(sc, a, NULL, NULL), NR_ERUNTIME);
	ck_assert_uint_eq(nr_scanner_log_count(sc, 0, NULL), 2);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 1, NR_OUTCOME_ERR_INSTRUCTIONS), 1);
	/* Nobody listens: the line is not even built. */
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 2, NR_OUTCOME_NOMATCH), 1);
	logs g = { 0 };
	nr_scanner_set_log(sc, on_log, &g);
	ck_assert_int_eq(nr_scanner_scan(sc, a, NULL, NULL), NR_ERUNTIME);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 2, NR_OUTCOME_ERR_INSTRUCTIONS), 1);
	ck_assert_uint_eq(g.n, 2 + NR_LOG_MAX_PER_RULE);
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(log_at_load)
{
	/* A file's top level logs through the set's callback (no rule, no
	 * article), at most NR_LOG_MAX_PER_RULE lines; a scanner running the
	 * file again logs nothing. */
	env e;
	env_open(&e,
		 "local N = 3\nprint('loaded', N)\n"
		 "for i = 1, 120 do news.log(i) end\n" RULE_HEAD("r") "  end }\n",
		 NULL);
	ck_assert_uint_eq(e.load.n, NR_LOG_MAX_PER_RULE);
	ck_assert(e.load.rule_null && e.load.article_null);
	ck_assert_str_eq(e.load.msg[0], "loaded\t3");
	ck_assert_str_eq(e.load.file[0], "d.lua");
	ck_assert_int_eq(e.load.line[0], 2);
	ck_assert_uint_eq(e.load.notes, 1);
	ck_assert_uint_eq(e.load.suppressed, 120 + 1 - NR_LOG_MAX_PER_RULE);
	ck_assert_uint_eq(e.g.n, 0);
	env_close(&e);
}
END_TEST

START_TEST(log_dropped_on_probe_article)
{
	/* A rule that fails its articles is run on its probe article: what it
	 * logs there is not the article's, and is dropped. */
	env e;
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_failures = 1;
	env_open(&e,
		 "rule { id = 'p', title = 'T', severity = 'low',\n"
		 "  examples = { { text = 'A fine probe.', expect = 0 } },\n"
		 "  match = function(a) print(a.text) if a.text:find('boom') then error('x') end "
		 "end }\n",
		 &so);
	ck_assert_int_eq(env_scan(&e, "It goes boom.", NULL), NR_ERUNTIME);
	ck_assert_uint_eq(e.g.n, 1);
	ck_assert_str_eq(e.g.msg[0], "It goes boom.");
	ck_assert_uint_eq(nr_scanner_log_count(e.sc, 0, NULL), 1);
	env_close(&e);
}
END_TEST

/* ---- what examples state ------------------------------------------------ */

#define EX_RULE                                                                           \
	"rule { id = 'ex', title = 'T', severity = 'low',\n"                              \
	"  examples = {\n"                                                                \
	"    { text = 'A.', expect = 1, actor = 'SAO PAULO', target = false,\n"           \
	"      message = 'denies', fields = { n = 2, act = 'deny', neg = false } },\n"    \
	"    { text = 'B.', expect = 1, target = 'India', fields = { n = '2' } },\n"      \
	"  },\n"                                                                          \
	"  match = function(a)\n"                                                         \
	"    a:alert { message = 'S\\u{e3}o Paulo denies', actor = 'S\\u{e3}o  Paulo',\n" \
	"              fields = { n = 2.0, act = 'deny', neg = false } }\n"               \
	"  end }\n"

typedef struct judged {
	const nr_ruleset *rs;
	size_t e;
	int met[8];
} judged;

static int judge(const nr_alert *al, void *payload)
{
	judged *j = payload;
	for (size_t k = 0; k < nr_ruleset_example_expect_count(j->rs, 0, j->e); k++)
		j->met[k] = nr_ruleset_example_meets(j->rs, 0, j->e, k, al);
	ck_assert_int_eq(nr_ruleset_example_meets(j->rs, 0, j->e, 99, al), -1);
	return 0;
}

START_TEST(example_expectations)
{
	nr_ruleset *rs;
	nr_scanner *sc;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(rs, "ex.lua", EX_RULE, strlen(EX_RULE));
	ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(rs));
	ck_assert_uint_eq(nr_ruleset_example_expect_count(rs, 0, 0), 6);
	static const char *const names[] = { "actor",      "target",   "message",
					     "fields.act", "fields.n", "fields.neg" };
	static const char *const wants[] = { "\"SAO PAULO\"", "null", "\"denies\"",
					     "\"deny\"",      "2",    "false" };
	for (size_t k = 0; k < 6; k++) {
		const char *want;
		ck_assert_str_eq(nr_ruleset_example_expect(rs, 0, 0, k, &want), names[k]);
		ck_assert_str_eq(want, wants[k]);
	}
	ck_assert_ptr_null(nr_ruleset_example_expect(rs, 0, 0, 6, NULL));
	/* The old getter still gives the actor. */
	const char *actor;
	int expect;
	nr_ruleset_example(rs, 0, 0, &expect, &actor);
	ck_assert_str_eq(actor, "SAO PAULO");
	ck_assert_int_eq(nr_ruleset_example_line(rs, 0, 1), 5);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, "A.", 2, NULL), NR_OK);
	/* Example 1: every expectation met (case and accents aside, the float
	 * 2.0 equal to the integer 2). */
	judged j = { rs, 0, { 0 } };
	ck_assert_int_eq(nr_scanner_scan(sc, a, judge, &j), NR_OK);
	for (size_t k = 0; k < 6; k++)
		ck_assert_msg(j.met[k] == 1, "expectation %zu not met", k);
	/* Example 2: no target, and the string '2' is not the number 2. */
	judged j2 = { rs, 1, { 0 } };
	ck_assert_int_eq(nr_scanner_scan(sc, a, judge, &j2), NR_OK);
	ck_assert_int_eq(j2.met[0], 0);
	ck_assert_int_eq(j2.met[1], 0);
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(example_fields_checked)
{
	const char *src = "rule { id = 'bad', title = 'T', severity = 'low',\n"
			  "  match = function(a) end,\n"
			  "  examples = {\n"
			  "    { text = 'One.', expect = 1, targte = 'x' },\n"
			  "    { text = 'Two.', expect = 0, actor = 'Pakistan' },\n"
			  "    { text = 'Three.', expect = 1, fields = { actor = 'x', t = {} } },\n"
			  "    { text = 'Four.', expect = 1, message = 3, target = true },\n"
			  "    { text = 'Five.', expect = 1, fields = { n = 1/0 } },\n"
			  "  } }\n";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "bad.lua", src, strlen(src)), NR_ERULE);
	ck_assert(tu_has_diag(rs, -1,
			      "bad.lua:4: rule 'bad': examples[1]: unknown field 'targte' "
			      "(text, expect, actor, target, message, fields)"));
	ck_assert(
	    tu_has_diag(rs, -1, "bad.lua:5: rule 'bad': examples[2]: 'actor' needs expect = 1"));
	ck_assert(tu_has_diag(rs, -1,
			      "bad.lua:6: rule 'bad': examples[3]: fields.actor: give it as "
			      "the example's 'actor'"));
	ck_assert(tu_has_diag(rs, -1, "bad.lua:6: rule 'bad': examples[3]: fields.t is a table"));
	ck_assert(tu_has_diag(rs, -1,
			      "bad.lua:7: rule 'bad': examples[4]: 'target' must be a "
			      "non-empty string, or false"));
	ck_assert(tu_has_diag(rs, -1, "bad.lua:7: rule 'bad': examples[4]: 'message' must be"));
	ck_assert(
	    tu_has_diag(rs, -1, "bad.lua:8: rule 'bad': examples[5]: 'fields.n' must be a finite"));
	ck_assert_uint_eq(nr_ruleset_rule_count(rs), 0);
	nr_ruleset_free(rs);
}
END_TEST

/* ---- alerts with their text --------------------------------------------- */

typedef struct texts {
	int n;
	char *plain, *ext0, *full, *ctx;
	nr_span c0, c1, cbad;
} texts;

static int with_text(const nr_alert *al, void *payload)
{
	texts *t = payload;
	if (t->n++)
		return 0;
	ck_assert_int_eq(nr_alert_to_json(al, &t->plain), NR_OK);
	ck_assert_int_eq(nr_alert_to_json_ext(al, 0, &t->ext0), NR_OK);
	ck_assert_int_eq(nr_alert_to_json_ext(al, NR_ALERT_JSON_TEXT, &t->full), NR_OK);
	ck_assert_int_eq(nr_alert_to_json_ext(al, NR_ALERT_JSON_CONTEXT, &t->ctx), NR_OK);
	t->c0 = nr_alert_evidence_context(al, 0, 0);
	t->c1 = nr_alert_evidence_context(al, 0, 1);
	t->cbad = nr_alert_evidence_context(al, 5, 1);
	return 0;
}

START_TEST(alert_json_with_text)
{
	const char *src = RULE_HEAD(
	    "third") "  local i = 0\n"
		     "  for s in a:sentences() do i = i + 1\n"
		     "    if i == 3 then a:alert { evidence = s:find('Carney')() } end\n"
		     "  end end }\n";
	const char *text = "One here. Two here.\n\nSaid Carney today. Four here. Five.";
	nr_ruleset *rs;
	nr_scanner *sc;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "w.lua", src, strlen(src)), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	texts t = { 0 };
	ck_assert_int_eq(nr_scanner_scan(sc, a, with_text, &t), NR_OK);
	ck_assert_int_eq(t.n, 1);
	ck_assert_str_eq(t.plain, t.ext0); /* flags 0: the same bytes */
	ck_assert_ptr_null(strstr(t.plain, "\"text\":\"One"));
	json_t *o = json_loads(t.full, 0, NULL);
	ck_assert_ptr_nonnull(o);
	json_t *ev = json_array_get(json_object_get(o, "evidence"), 0);
	const char *full = json_string_value(
	    json_object_get(json_object_get(o, "article"), "text"));
	ck_assert_str_eq(full, nr_article_text(a, NULL));
	size_t s = (size_t)json_integer_value(json_object_get(ev, "start"));
	size_t e = (size_t)json_integer_value(json_object_get(ev, "end"));
	ck_assert_int_eq(strncmp(full + s, "Carney", e - s), 0);
	json_decref(o);
	/* The context: the sentence holding the span, and one either side. */
	o = json_loads(t.ctx, 0, NULL);
	ck_assert_ptr_nonnull(o);
	json_t *c = json_object_get(json_array_get(json_object_get(o, "evidence"), 0), "context");
	ck_assert_str_eq(json_string_value(json_object_get(c, "text")),
			 "Two here.\n\nSaid Carney today. Four here.");
	ck_assert_int_eq(json_integer_value(json_object_get(c, "start")), 10);
	ck_assert_ptr_null(json_object_get(json_object_get(o, "article"), "text"));
	json_decref(o);
	ck_assert_uint_eq(t.c0.start, 21);
	ck_assert_uint_eq(t.c0.end, 39);
	ck_assert_uint_eq(t.c1.start, 10);
	ck_assert_uint_eq(t.c1.end, 50);
	ck_assert_uint_eq(t.cbad.start, 0);
	ck_assert_uint_eq(t.cbad.end, 0);
	nr_free(t.plain);
	nr_free(t.ext0);
	nr_free(t.full);
	nr_free(t.ctx);
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(alert_text_too_large_left_out)
{
	const char *src = RULE_HEAD("first") "  a:alert { evidence = a:sentences()() } end }\n";
	size_t n = NR_ALERT_MAX_TEXT + 100;
	char *text = malloc(n + 1);
	ck_assert_ptr_nonnull(text);
	memcpy(text, "First words.", 12);
	for (size_t i = 12; i < n; i++)
		text[i] = i % 7 ? 'a' : ' ';
	text[n - 1] = '.';
	text[n] = '\0';
	nr_ruleset *rs;
	nr_scanner *sc;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "big.lua", src, strlen(src)), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, text, n, NULL), NR_OK);
	texts t = { 0 };
	ck_assert_int_eq(nr_scanner_scan(sc, a, with_text, &t), NR_OK);
	json_t *o = json_loads(t.full, 0, NULL);
	json_t *art = json_object_get(o, "article");
	ck_assert(json_is_null(json_object_get(art, "text")));
	json_t *left = json_array_get(json_object_get(art, "left_out"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(left, "name")), "text");
	size_t len;
	nr_article_text(a, &len);
	ck_assert_int_eq(json_integer_value(json_object_get(left, "bytes")), (json_int_t)len);
	json_decref(o);
	nr_free(t.plain);
	nr_free(t.ext0);
	nr_free(t.full);
	nr_free(t.ctx);
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
	free(text);
}
END_TEST

Suite *debugging_suite(void)
{
	Suite *s = suite_create("debugging");
	TCase *tc = tcase_create("log");
	tcase_add_test(tc, log_lines_reach_the_callback);
	tcase_add_test(tc, log_names_the_article);
	tcase_add_test(tc, log_rate_limited_per_rule);
	tcase_add_test(tc, log_rate_limited_per_article);
	tcase_add_test(tc, log_line_cut);
	tcase_add_test(tc, log_without_callback_and_budgets);
	tcase_add_test(tc, log_at_load);
	tcase_add_test(tc, log_dropped_on_probe_article);
	suite_add_tcase(s, tc);
	tc = tcase_create("examples");
	tcase_add_test(tc, example_expectations);
	tcase_add_test(tc, example_fields_checked);
	suite_add_tcase(s, tc);
	tc = tcase_create("with_text");
	tcase_add_test(tc, alert_json_with_text);
	tcase_add_test(tc, alert_text_too_large_left_out);
	suite_add_tcase(s, tc);
	return s;
}
