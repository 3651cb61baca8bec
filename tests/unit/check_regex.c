/* check_regex.c - news.regex compiled once per rule set, interpreted for its
 * first uses and JIT-compiled once it has earned it: same matches and same
 * budgets either way, one JIT copy shared by scanners on several threads. */
#include "testutil.h"

#include "rules/rules.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char TEXT[] = "The minister accused the council of fraud. The council denied it.";

/* A rule that matches the same things `rounds` times (each round's answer
 * must be the first's), with a regex of the set (top level: compiled while
 * the file loaded, borrowed by the scanner) and one it compiles as it runs
 * (the scanner's own), then alerts with the answer. */
#define SAME_EVERY_TIME                                                                    \
	"local R = news.regex([[\\b(\\w+)ed\\b]], 'i')\n"                                  \
	"rule { id = 'same', title = 'Same', severity = 'info',\n"                         \
	"  match = function(a)\n"                                                          \
	"    local first\n"                                                                \
	"    for i = 1, ROUNDS do\n"                                                       \
	"      local got = {}\n"                                                           \
	"      for w in R:gmatch(a.text) do got[#got + 1] = w end\n"                       \
	"      local s, e = R:find(a.text, 5)\n"                                           \
	"      local own = news.regex('(?<=\\\\s)(c\\\\w+)')\n"                            \
	"      got[#got + 1] = s .. ':' .. e .. ':' .. own:match(a.text)\n"                \
	"      got[#got + 1] = tostring(R:test('nothing here'))\n"                         \
	"      local str = table.concat(got, ',')\n"                                       \
	"      if first == nil then first = str\n"                                         \
	"      elseif first ~= str then error('round ' .. i .. ' differs: ' .. str) end\n" \
	"    end\n"                                                                        \
	"    a:alert{ message = first }\n"                                                 \
	"  end }\n"

#define WANT "accus,deni,14:20:council,false"

typedef struct run {
	nr_ruleset *rs;
	nr_article *a;
	int scans;
	int alerts;
	int wrong;
	char message[256];
} run;

static int on_alert(const nr_alert *al, void *payload)
{
	run *r = payload;
	r->alerts++;
	snprintf(r->message, sizeof(r->message), "%s", nr_alert_message(al));
	if (strcmp(r->message, WANT) != 0)
		r->wrong++;
	return 0;
}

static nr_ruleset *load(const char *rounds)
{
	char *src = malloc(sizeof(SAME_EVERY_TIME) + 16);
	const char *at = strstr(SAME_EVERY_TIME, "ROUNDS");
	ck_assert_ptr_nonnull(src);
	sprintf(src, "%.*s%s%s", (int)(at - SAME_EVERY_TIME), SAME_EVERY_TIME, rounds, at + 6);
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	int rc = nr_ruleset_add_string(rs, "same.lua", src, strlen(src));
	ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(rs));
	free(src);
	return rs;
}

static void *scan_often(void *p)
{
	run *r = p;
	nr_scanner *sc;
	if (nr_scanner_new(&sc, r->rs, NULL) != NR_OK)
		return NULL;
	for (int i = 0; i < r->scans; i++)
		if (nr_scanner_scan(sc, r->a, on_alert, r) != NR_OK)
			r->wrong++;
	nr_scanner_free(sc);
	return NULL;
}

static bool platform_jit(void)
{
	uint32_t jit = 0;
	pcre2_config(PCRE2_CONFIG_JIT, &jit);
	return jit != 0;
}

/* The set's copy of pattern `pat` (compiled once, while the file loaded). */
static const nr_rx *set_rx(const nr_ruleset *rs, const char *pat)
{
	const nr_rx *found = NULL;
	for (size_t i = 0; i < rs->nrx; i++)
		if (!strcmp(rs->rx[i].pattern, pat)) {
			ck_assert_ptr_null(found);
			found = &rs->rx[i];
		}
	return found;
}

START_TEST(jit_only_once_used_enough)
{
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, TEXT, strlen(TEXT), NULL), NR_OK);
	/* Used once: compiled when the file loaded, never JIT-compiled. */
	run r = { load("1"), a, 1, 0, 0, "" };
	const nr_rx *rx = set_rx(r.rs, "\\b(\\w+)ed\\b");
	ck_assert_ptr_nonnull(rx);
	scan_often(&r);
	ck_assert_int_eq(r.alerts, 1);
	ck_assert_str_eq(r.message, WANT);
	ck_assert_ptr_null(atomic_load(&rx->jit));
	nr_ruleset_free(r.rs);
	/* Used 300 times per article: JIT-compiled once, and the answers
	 * before and after are the same. */
	run many = { load("300"), a, 2, 0, 0, "" };
	rx = set_rx(many.rs, "\\b(\\w+)ed\\b");
	scan_often(&many);
	ck_assert_int_eq(many.alerts, 2);
	ck_assert_int_eq(many.wrong, 0);
	if (platform_jit())
		ck_assert_ptr_nonnull(atomic_load(&rx->jit));
	ck_assert_int_eq(atomic_load(&rx->jit_claim), 2);
	nr_ruleset_free(many.rs);
	nr_article_free(a);
}
END_TEST

START_TEST(shared_jit_across_threads)
{
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, TEXT, strlen(TEXT), NULL), NR_OK);
	nr_ruleset *rs = load("60");
	enum { N = 4 };
	run r[N];
	pthread_t t[N];
	for (int i = 0; i < N; i++) {
		r[i] = (run){ rs, a, 5, 0, 0, "" };
		ck_assert_int_eq(pthread_create(&t[i], NULL, scan_often, &r[i]), 0);
	}
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		ck_assert_int_eq(r[i].alerts, 5);
		ck_assert_int_eq(r[i].wrong, 0);
	}
	if (platform_jit())
		ck_assert_ptr_nonnull(atomic_load(&set_rx(rs, "\\b(\\w+)ed\\b")->jit));
	nr_ruleset_free(rs);
	nr_article_free(a);
}
END_TEST

/* A catastrophic pattern after `warm` harmless uses (interpreted for the
 * first, JIT-compiled past the threshold): the match limit stops it. */
#define CATASTROPHIC(where)                                              \
	where "rule { id = 'evil', title = 'Evil', severity = 'high',\n" \
	      "  match = function(a)\n"                                  \
	      "    local r = R or news.regex('^(a|aa)+$')\n"             \
	      "    for i = 1, WARM do assert(r:match('aaaa')) end\n"     \
	      "    r:match(string.rep('a', 3000) .. 'b')\n"              \
	      "  end }\n"

static void expect_match_limit(const char *tmpl, const char *warm)
{
	char src[1024];
	const char *at = strstr(tmpl, "WARM");
	snprintf(src, sizeof(src), "%.*s%s%s", (int)(at - tmpl), tmpl, warm, at + 4);
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "evil.lua", src, strlen(src)), NR_OK);
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, TEXT, strlen(TEXT), NULL), NR_OK);
	for (int scan = 0; scan < 2; scan++) {
		ck_assert_int_eq(nr_scanner_scan(sc, a, NULL, NULL), NR_ERUNTIME);
		ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_ERR_REGEX),
				  (unsigned long)scan + 1);
		ck_assert_ptr_nonnull(strstr(nr_scanner_error(sc, 0), "match limit"));
	}
	nr_article_free(a);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}

START_TEST(match_limit_interpreted_and_jit)
{
	static const char *const warm[] = { "0", "2", "200" };
	for (size_t i = 0; i < 3; i++) {
		/* The set's regex, borrowed by the scanner. */
		expect_match_limit(CATASTROPHIC("local R = news.regex('^(a|aa)+$')\n"), warm[i]);
		/* The scanner's own. */
		expect_match_limit(CATASTROPHIC("local R\n"), warm[i]);
	}
}
END_TEST

Suite *regex_suite(void)
{
	Suite *s = suite_create("regex");
	TCase *tc = tcase_create("regex");
	tcase_add_test(tc, jit_only_once_used_enough);
	tcase_add_test(tc, shared_jit_across_threads);
	tcase_add_test(tc, match_limit_interpreted_and_jit);
	suite_add_tcase(s, tc);
	return s;
}
