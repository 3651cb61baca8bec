/*
 * check_embedding.c - what the C API gives embedders beyond scanning:
 * symbolic error names, alert copies that outlive everything (and give
 * the same JSON), an alert in one call, per-rule statistics with reset
 * and merge, the article deadline, and an interrupt that reaches a rule
 * blocked in a long C call. It reads the scanner's record
 * (scanner/scanner.h) to see where a deadline stands.
 */
#include "testutil.h"

#include "scanner/scanner.h"

#include <check.h>
#include <stdbool.h>
#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROOT NR_FIXTURES "/../.."

/* ---- error names -------------------------------------------------------- */

/* Every "NR_X = -N," of the header's error enum has its own name. */
START_TEST(every_error_code_has_its_name)
{
	FILE *f = fopen(ROOT "/include/newsrules.h", "r");
	ck_assert_ptr_nonnull(f);
	char line[512], names[64][32];
	int n = 0;
	bool in_enum = false;
	while (fgets(line, sizeof(line), f)) {
		if (strstr(line, "NR_OK = 0,"))
			in_enum = true;
		if (!in_enum)
			continue;
		char name[32];
		int value;
		if (sscanf(line, " %31[A-Z_] = %d", name, &value) == 2) {
			ck_assert_str_eq(nr_error_name(value), name);
			ck_assert_int_lt(n, 64);
			for (int i = 0; i < n; i++)
				ck_assert_str_ne(names[i], name);
			snprintf(names[n++], sizeof(names[0]), "%s", name);
		}
		if (strchr(line, '}'))
			break;
	}
	fclose(f);
	ck_assert_int_ge(n, 17); /* NR_OK .. NR_ETIMEOUT at least */
	ck_assert_str_eq(nr_error_name(NR_ENOMEM), "NR_ENOMEM");
	ck_assert_str_eq(nr_error_name(NR_OK), "NR_OK");
	ck_assert_str_eq(nr_error_name(12345), "unknown");
}
END_TEST

/* ---- alert copies ------------------------------------------------------- */

static const unsigned json_flags[] = { 0, NR_ALERT_JSON_TEXT, NR_ALERT_JSON_CONTEXT,
				       NR_ALERT_JSON_TEXT | NR_ALERT_JSON_CONTEXT };
#define NFLAGS 4

typedef struct kept {
	nr_alert *copy;
	char *json[NFLAGS]; /* the original's */
} kept;

typedef struct keeper {
	kept *v;
	size_t n, cap;
} keeper;

static void same_accessors(const nr_alert *a, const nr_alert *c)
{
	ck_assert_str_eq(nr_alert_rule_id(a), nr_alert_rule_id(c));
	ck_assert_str_eq(nr_alert_title(a), nr_alert_title(c));
	ck_assert_str_eq(nr_alert_severity(a), nr_alert_severity(c));
	ck_assert_uint_eq(nr_alert_tag_count(a), nr_alert_tag_count(c));
	for (size_t i = 0; i < nr_alert_tag_count(a); i++)
		ck_assert_str_eq(nr_alert_tag(a, i), nr_alert_tag(c, i));
	ck_assert_uint_eq(nr_alert_message_len(a), nr_alert_message_len(c));
	ck_assert_int_eq(memcmp(nr_alert_message(a), nr_alert_message(c), nr_alert_message_len(a)),
			 0);
	ck_assert_uint_eq(nr_alert_actor_len(a), nr_alert_actor_len(c));
	ck_assert_uint_eq(nr_alert_target_len(a), nr_alert_target_len(c));
	ck_assert(!nr_alert_actor(a) == !nr_alert_actor(c));
	if (nr_alert_actor(a)) {
		ck_assert_str_eq(nr_alert_actor(a), nr_alert_actor(c));
		ck_assert_int_eq(nr_alert_names(c, NR_PARTY_ACTOR, nr_alert_actor(a)), 1);
	}
	const char *ia, *ic, *ca, *cc;
	nr_alert_identity(a, NR_PARTY_TARGET, &ia, &ca);
	nr_alert_identity(c, NR_PARTY_TARGET, &ic, &cc);
	ck_assert(!ia == !ic && !ca == !cc);
	if (ia)
		ck_assert_str_eq(ia, ic);
	ck_assert_str_eq(nr_alert_fields_json(a), nr_alert_fields_json(c));
	ck_assert_uint_eq(nr_alert_evidence_count(a), nr_alert_evidence_count(c));
	for (size_t i = 0; i < nr_alert_evidence_count(a); i++) {
		const char *ta, *tc;
		nr_span sa = nr_alert_evidence(a, i, &ta), sc = nr_alert_evidence(c, i, &tc);
		ck_assert(sa.start == sc.start && sa.end == sc.end);
		ck_assert_str_eq(ta, tc);
		for (size_t around = 0; around < 3; around++) {
			nr_span xa = nr_alert_evidence_context(a, i, around);
			nr_span xc = nr_alert_evidence_context(c, i, around);
			ck_assert(xa.start == xc.start && xa.end == xc.end);
		}
	}
	ck_assert_ptr_nonnull(nr_alert_article(a));
	ck_assert_ptr_null(nr_alert_article(c));
}

static int keep_alert(const nr_alert *al, void *payload)
{
	keeper *k = payload;
	if (k->n == k->cap) {
		k->cap = k->cap ? 2 * k->cap : 64;
		k->v = realloc(k->v, k->cap * sizeof(*k->v));
		ck_assert_ptr_nonnull(k->v);
	}
	kept *e = &k->v[k->n++];
	ck_assert_int_eq(nr_alert_copy(al, &e->copy), NR_OK);
	for (int f = 0; f < NFLAGS; f++) {
		ck_assert_int_eq(nr_alert_to_json_ext(al, json_flags[f], &e->json[f]), NR_OK);
		char *cj;
		ck_assert_int_eq(nr_alert_to_json_ext(e->copy, json_flags[f], &cj), NR_OK);
		ck_assert_str_eq(cj, e->json[f]);
		nr_free(cj);
	}
	same_accessors(al, e->copy);
	return 0;
}

static int keep_read(const nr_read_item *item, void *payload)
{
	void **ctx = payload;
	if (item->article) {
		ck_assert_int_eq(nr_scanner_scan(ctx[0], item->article, keep_alert, ctx[1]), NR_OK);
		nr_article_free(item->article);
	}
	return 0;
}

/* Every alert of the shipped pack over the examples: the copy's JSON, in
 * every form, equals the original's byte for byte, during the callback
 * and after the article, the scanner and the set are gone; so does a copy
 * of the copy's. */
START_TEST(copies_equal_originals_on_the_examples)
{
	nr_ruleset *rs;
	nr_scanner *sc;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, ROOT "/rules"), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	keeper k = { 0 };
	void *ctx[2] = { sc, &k };
	DIR *d = opendir(ROOT "/examples/articles");
	ck_assert_ptr_nonnull(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		char path[1024];
		snprintf(path, sizeof(path), ROOT "/examples/articles/%s", e->d_name);
		if (e->d_name[0] != '.')
			nr_read_file(path, NULL, keep_read, ctx);
	}
	closedir(d);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
	ck_assert_uint_ge(k.n, 5);
	for (size_t i = 0; i < k.n; i++) {
		nr_alert *cc;
		ck_assert_int_eq(nr_alert_copy(k.v[i].copy, &cc), NR_OK);
		for (int f = 0; f < NFLAGS; f++) {
			char *j1, *j2;
			ck_assert_int_eq(nr_alert_to_json_ext(k.v[i].copy, json_flags[f], &j1),
					 NR_OK);
			ck_assert_int_eq(nr_alert_to_json_ext(cc, json_flags[f], &j2), NR_OK);
			ck_assert_str_eq(j1, k.v[i].json[f]);
			ck_assert_str_eq(j2, k.v[i].json[f]);
			nr_free(j1);
			nr_free(j2);
			nr_free(k.v[i].json[f]);
		}
		nr_alert_free(cc);
		nr_alert_free(k.v[i].copy);
	}
	free(k.v);
	nr_alert_free(NULL);
	nr_alert *none = NULL;
	ck_assert_int_eq(nr_alert_copy(NULL, &none), NR_EINVAL);
	ck_assert_ptr_null(none);
	ck_assert_int_eq(nr_alert_copy(NULL, NULL), NR_EINVAL);
}
END_TEST

static nr_ruleset *set_of(const char *src)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(rs, "r.lua", src, strlen(src));
	ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(rs));
	return rs;
}

static int keep_one(const nr_alert *al, void *payload)
{
	kept *e = payload;
	ck_assert_ptr_null(e->copy);
	ck_assert_int_eq(nr_alert_copy(al, &e->copy), NR_OK);
	for (int f = 0; f < NFLAGS; f++)
		ck_assert_int_eq(nr_alert_to_json_ext(al, json_flags[f], &e->json[f]), NR_OK);
	return 0;
}

/* A text over NR_ALERT_MAX_TEXT: the copy keeps the evidence contexts,
 * not the text, and still prints the same JSON. */
START_TEST(copy_of_an_alert_on_a_long_article)
{
	const char *src = "rule { id = 'last', title = 'Last', severity = 'high',\n"
			  "  tags = { 't1', 't2' },\n"
			  "  match = function(a)\n"
			  "    local s\n"
			  "    for x in a:sentences() do s = x end\n"
			  "    a:alert{ message = 'the end', evidence = s, actor = 'Pakistan',\n"
			  "             fields = { n = 3 } }\n"
			  "  end }\n";
	nr_ruleset *rs = set_of(src);
	const char *sentence = "The minister said the talks would go on. ";
	size_t n = strlen(sentence), times = (NR_ALERT_MAX_TEXT + 4096) / n + 1;
	char *text = malloc(n * times + 64);
	for (size_t i = 0; i < times; i++)
		memcpy(text + i * n, sentence, n);
	strcpy(text + n * times, "Pakistan denied it.");
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), "Long"), NR_OK);
	free(text);
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	kept e = { 0 };
	ck_assert_int_eq(nr_scanner_scan(sc, a, keep_one, &e), NR_OK);
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
	ck_assert_ptr_nonnull(strstr(e.json[1], "\"left_out\""));
	for (int f = 0; f < NFLAGS; f++) {
		char *j;
		ck_assert_int_eq(nr_alert_to_json_ext(e.copy, json_flags[f], &j), NR_OK);
		ck_assert_str_eq(j, e.json[f]);
		nr_free(j);
		nr_free(e.json[f]);
	}
	nr_alert_info info = NR_ALERT_INFO_INIT;
	ck_assert_int_eq(nr_alert_get_info(e.copy, &info), NR_OK);
	ck_assert_str_eq(info.rule_id, "last");
	ck_assert_str_eq(info.title, "Last");
	ck_assert_str_eq(info.severity, "high");
	ck_assert_int_eq(info.severity_rank, 3);
	ck_assert_str_eq(info.message, "the end");
	ck_assert_uint_eq(info.message_len, 7);
	ck_assert_str_eq(info.actor, "Pakistan");
	ck_assert_uint_eq(info.actor_len, 8);
	ck_assert_str_eq(info.actor_id, "PAK");
	ck_assert_ptr_null(info.target);
	ck_assert_uint_eq(info.target_len, 0);
	ck_assert_uint_eq(info.tag_count, 2);
	ck_assert_uint_eq(info.evidence_count, 1);
	ck_assert_str_eq(info.fields_json, "{\"n\":3}");
	ck_assert_str_eq(info.article_title, "Long");
	ck_assert_str_eq(info.article_id, "");
	ck_assert_uint_eq(strlen(info.ruleset_hash), 16);
	ck_assert_int_eq(nr_alert_names(e.copy, NR_PARTY_ACTOR, "pakistan"), 1);
	ck_assert_int_eq(nr_alert_names(e.copy, NR_PARTY_ACTOR, "PAK"), 1);
	info.version = 99;
	ck_assert_int_eq(nr_alert_get_info(e.copy, &info), NR_EINVAL);
	nr_alert_free(e.copy);
}
END_TEST

/* ---- statistics --------------------------------------------------------- */

static int count_cb(const nr_alert *al, void *payload)
{
	(void)al;
	++*(int *)payload;
	return 0;
}

START_TEST(rule_stats_count_reset_and_merge)
{
	const char *src =
	    "rule { id = 'two', title = 'T', severity = 'low', match = function(a)\n"
	    "  for e in a:entities() do end\n"
	    "  a:alert{} a:alert{} end }\n"
	    "rule { id = 'kw', title = 'K', severity = 'low', keywords = { 'zebra' },\n"
	    "  match = function(a) a:alert{} end }\n"
	    "rule { id = 'bad', title = 'B', severity = 'low', match = function(a)\n"
	    "  error('no') end }\n";
	nr_ruleset *rs = set_of(src);
	nr_scanner *s1, *s2;
	ck_assert_int_eq(nr_scanner_new(&s1, rs, NULL), NR_OK);
	ck_assert_int_eq(nr_scanner_new(&s2, rs, NULL), NR_OK);
	nr_article *a;
	const char *text = "Paul Vance met Sarah Lee in Lahore on Monday.";
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	int got = 0;
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(nr_scanner_scan(s1, a, count_cb, &got), NR_ERUNTIME);
	ck_assert_int_eq(nr_scanner_scan(s2, a, count_cb, &got), NR_ERUNTIME);
	ck_assert_int_eq(got, 8);
	nr_rule_stats st = NR_RULE_STATS_INIT, st2 = NR_RULE_STATS_INIT;
	ck_assert_int_eq(nr_scanner_rule_stats(s1, 0, &st), NR_OK);
	ck_assert_uint_eq(st.alerts, 6);
	ck_assert_uint_eq(st.runs, 3);
	ck_assert_uint_eq(st.outcomes[NR_OUTCOME_MATCH], 3);
	ck_assert_uint_eq(st.time_ns, nr_scanner_rule_time_ns(s1, 0));
	ck_assert_uint_gt(st.analysis_ns, 0);
	ck_assert_uint_le(st.analysis_ns, st.time_ns);
	ck_assert_int_eq(nr_scanner_rule_stats(s1, 1, &st2), NR_OK);
	ck_assert_uint_eq(st2.outcomes[NR_OUTCOME_SKIPPED], 3);
	ck_assert_uint_eq(st2.runs, 0);
	ck_assert_uint_eq(st2.alerts, 0);
	ck_assert_int_eq(nr_scanner_rule_stats(s1, 2, &st2), NR_OK);
	ck_assert_uint_eq(st2.outcomes[NR_OUTCOME_ERR_RUNTIME], 3);
	ck_assert_uint_eq(st2.runs, 3);
	/* Merged across scanners: rule 0 on s1 and s2. */
	nr_rule_stats other = NR_RULE_STATS_INIT;
	ck_assert_int_eq(nr_scanner_rule_stats(s2, 0, &other), NR_OK);
	ck_assert_int_eq(nr_rule_stats_merge(&st, &other), NR_OK);
	ck_assert_uint_eq(st.alerts, 8);
	ck_assert_uint_eq(st.outcomes[NR_OUTCOME_MATCH], 4);
	ck_assert_uint_eq(st.runs, 4);
	/* Reset: counts and times start again; the set runs on. */
	nr_scanner_reset_stats(s1);
	ck_assert_int_eq(nr_scanner_rule_stats(s1, 0, &st), NR_OK);
	ck_assert_uint_eq(st.alerts, 0);
	ck_assert_uint_eq(st.time_ns, 0);
	ck_assert_uint_eq(nr_scanner_analysis_time_ns(s1), 0);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(s1, 0, NR_OUTCOME_MATCH), 0);
	ck_assert_int_eq(nr_scanner_scan(s1, a, count_cb, &got), NR_ERUNTIME);
	ck_assert_int_eq(nr_scanner_rule_stats(s1, 0, &st), NR_OK);
	ck_assert_uint_eq(st.alerts, 2);
	/* Bad calls. */
	ck_assert_int_eq(nr_scanner_rule_stats(s1, 3, &st), NR_EINVAL);
	st.version = 0;
	ck_assert_int_eq(nr_scanner_rule_stats(s1, 0, &st), NR_EINVAL);
	ck_assert_int_eq(nr_rule_stats_merge(&st, &other), NR_EINVAL);
	nr_scanner_free(s1);
	nr_scanner_free(s2);
	nr_ruleset_free(rs);
	nr_article_free(a);
}
END_TEST

/* ---- the article deadline ----------------------------------------------- */

START_TEST(article_deadline_ends_the_scan)
{
	const char *src =
	    "rule { id = 'spin', title = 'S', severity = 'low', match = function(a)\n"
	    "  a:alert{ message = 'before' }\n"
	    "  while true do end end }\n"
	    "rule { id = 'after', title = 'A', severity = 'low', match = function(a)\n"
	    "  a:alert{} end }\n";
	nr_ruleset *rs = set_of(src);
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	ck_assert_uint_eq(so.version, 2);
	so.deadline_ms = 60000;
	so.max_instructions = 4000000000ul;
	so.max_failures = 1;
	so.article_deadline_ms = 150;
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, &so), NR_OK);
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, "Text.", 5, NULL), NR_OK);
	for (unsigned long round = 1; round <= 2; round++) {
		int got = 0;
		ck_assert_int_eq(nr_scanner_scan(sc, a, count_cb, &got), NR_ETIMEOUT);
		ck_assert_int_eq(got, 0); /* a failed rule's alerts are void */
		ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_ERR_ARTICLE_DEADLINE),
				  round);
		ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 1, NR_OUTCOME_ERR_ARTICLE_DEADLINE),
				  round);
		ck_assert_int_eq(nr_scanner_rule_last_outcome(sc, 1),
				 NR_OUTCOME_ERR_ARTICLE_DEADLINE);
		ck_assert_ptr_nonnull(
		    strstr(nr_scanner_error(sc, 0), "article deadline of 150 ms passed"));
		ck_assert_ptr_nonnull(strstr(nr_scanner_last_error(sc), "article deadline"));
	}
	/* Not the rule's failure: with max_failures 1 it was never disabled. */
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_DISABLED), 0);
	ck_assert_str_eq(nr_outcome_name(NR_OUTCOME_ERR_ARTICLE_DEADLINE),
			 "error-article-deadline");
	nr_scanner_free(sc);
	/* A version 1 caller has no article deadline. */
	so.version = 1;
	so.article_deadline_ms = 1; /* past its struct: not read */
	so.deadline_ms = 100;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, &so), NR_OK);
	ck_assert_int_eq(nr_scanner_scan(sc, a, NULL, NULL), NR_ERUNTIME);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_ERR_DEADLINE), 1);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 1, NR_OUTCOME_MATCH), 1);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
	nr_article_free(a);
}
END_TEST

/* 4 MB of one sentence: extraction takes seconds. */
static nr_article *long_article(void)
{
	const char *sentence = "Minister Paul Vance said on Tuesday that the talks would go on. ";
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

START_TEST(article_deadline_stops_extraction)
{
	const char *src = "rule { id = 'ents', title = 'E', severity = 'low', match = function(a)\n"
			  "  for e in a:entities() do end end }\n";
	nr_ruleset *rs = set_of(src);
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.deadline_ms = 60000;
	so.article_deadline_ms = 50;
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, &so), NR_OK);
	nr_article *a = long_article();
	ck_assert_int_eq(nr_scanner_scan(sc, a, NULL, NULL), NR_ETIMEOUT);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_ERR_ARTICLE_DEADLINE), 1);
	ck_assert_ptr_nonnull(
	    strstr(nr_scanner_error(sc, 0),
		   "article deadline of 50 ms passed in entity and quote extraction"));
	ck_assert(!nr_article_is_analyzed(a));
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
	nr_article_free(a);
}
END_TEST

/* ---- extraction is not charged to the rule that asks -------------------- */

static nr_article *article_of_bytes(size_t bytes)
{
	const char *sentence = "Minister Paul Vance said on Tuesday that the talks would go on. ";
	size_t n = strlen(sentence), times = bytes / n;
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

/* What the scanner's sandbox says at each of the rule's news.log lines:
 * the running call's deadline and the extraction time so far. */
typedef struct marks {
	nr_scanner *sc;
	int64_t deadline[2];
	uint64_t analyze[2];
	int n;
} marks;

static void on_mark(const nr_log_line *line, void *payload)
{
	(void)line;
	marks *m = payload;
	if (m->n < 2) {
		m->deadline[m->n] = m->sc->sb.deadline_ns;
		m->analyze[m->n] = m->sc->ctx.analyze_ns;
		m->n++;
	}
}

/*
 * The rule's deadline moves by exactly the time the extraction it started
 * took (read from inside the rule, before and after it asks), so that
 * time is not charged to the rule; it still counts in the rule's time.
 */
START_TEST(extraction_is_not_charged_to_the_rule)
{
	const char *src = "rule { id = 'r', title = 'R', severity = 'low', match = function(a)\n"
			  "  news.log('before')\n"
			  "  for e in a:entities() do end\n"
			  "  news.log('after') end }\n";
	nr_ruleset *rs = set_of(src);
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.deadline_ms = 60000;
	marks m = { 0 };
	ck_assert_int_eq(nr_scanner_new(&m.sc, rs, &so), NR_OK);
	nr_scanner_set_log(m.sc, on_mark, &m);
	nr_article *a = article_of_bytes(256u << 10);
	ck_assert_int_eq(nr_scanner_scan(m.sc, a, NULL, NULL), NR_OK);
	ck_assert_int_eq(m.n, 2);
	ck_assert(nr_article_is_analyzed(a));
	uint64_t took = m.analyze[1] - m.analyze[0];
	ck_assert_uint_gt(took, 0);
	ck_assert_int_eq(m.deadline[1] - m.deadline[0], (int64_t)took);
	nr_rule_stats st = NR_RULE_STATS_INIT;
	ck_assert_int_eq(nr_scanner_rule_stats(m.sc, 0, &st), NR_OK);
	ck_assert_uint_eq(st.analysis_ns, took);
	ck_assert_uint_ge(st.time_ns, took);
	nr_scanner_free(m.sc);
	nr_ruleset_free(rs);
	nr_article_free(a);
}
END_TEST

/* ---- an interrupt reaches into C ---------------------------------------- */

typedef struct blocked {
	nr_scanner *sc;
	atomic_int inside; /* the rule logged: it is about to block in C */
} blocked;

static void on_log(const nr_log_line *line, void *payload)
{
	(void)line;
	atomic_store(&((blocked *)payload)->inside, 1);
}

static void *interrupt_when_inside(void *arg)
{
	blocked *b = arg;
	while (!atomic_load(&b->inside))
		sched_yield();
	nr_scanner_interrupt(b->sc);
	return NULL;
}

/* The rule is inside entity extraction of 4 MB (seconds of C, no VM
 * instruction) when another thread interrupts: the extraction stops
 * (the article is left unanalysed) and the scan returns at once. */
START_TEST(interrupt_reaches_extraction)
{
	const char *src = "rule { id = 'ents', title = 'E', severity = 'low', match = function(a)\n"
			  "  news.log('in')\n"
			  "  for e in a:entities() do end end }\n";
	nr_ruleset *rs = set_of(src);
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.deadline_ms = 60000;
	blocked b = { 0 };
	ck_assert_int_eq(nr_scanner_new(&b.sc, rs, &so), NR_OK);
	atomic_init(&b.inside, 0);
	nr_scanner_set_log(b.sc, on_log, &b);
	nr_article *a = long_article();
	pthread_t th;
	ck_assert_int_eq(pthread_create(&th, NULL, interrupt_when_inside, &b), 0);
	ck_assert_int_eq(nr_scanner_scan(b.sc, a, NULL, NULL), NR_EINTERRUPTED);
	pthread_join(th, NULL);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(b.sc, 0, NR_OUTCOME_INTERRUPTED), 1);
	ck_assert(!nr_article_is_analyzed(a));
	nr_scanner_free(b.sc);
	nr_ruleset_free(rs);
	nr_article_free(a);
}
END_TEST

Suite *embedding_suite(void)
{
	Suite *s = suite_create("embedding");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, every_error_code_has_its_name);
	tcase_add_test(tc, copies_equal_originals_on_the_examples);
	tcase_add_test(tc, copy_of_an_alert_on_a_long_article);
	tcase_add_test(tc, rule_stats_count_reset_and_merge);
	tcase_add_test(tc, article_deadline_ends_the_scan);
	tcase_add_test(tc, article_deadline_stops_extraction);
	tcase_add_test(tc, interrupt_reaches_extraction);
	tcase_add_test(tc, extraction_is_not_charged_to_the_rule);
	suite_add_tcase(s, tc);
	return s;
}
