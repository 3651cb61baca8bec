/*
 * check_hostfn.c - C functions the host adds to a rule set and rules call
 * as news.host.NAME(...): arguments and results of every type, errors,
 * the sandbox's budgets charged for each call, calls from scanners on two
 * threads at once, the names a function may have, a set in use, lint, and
 * the guide's ```lua host blocks (docs/rules.md, "Host functions").
 */
#include "testutil.h"

#include <check.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- host functions the tests add ----------------------------------- */

/* echo(...): every argument back, as it came. */
static int fn_echo(nr_call *call, void *payload)
{
	for (size_t i = 0; i < nr_call_arg_count(call); i++) {
		size_t len;
		int64_t n;
		switch (nr_call_arg_type(call, i)) {
		case NR_VALUE_BOOLEAN:
			nr_call_return_boolean(call, nr_call_arg_boolean(call, i));
			break;
		case NR_VALUE_NUMBER:
			if (nr_call_arg_integer(call, i, &n) == NR_OK)
				nr_call_return_integer(call, n);
			else
				nr_call_return_number(call, nr_call_arg_number(call, i));
			break;
		case NR_VALUE_STRING: {
			const char *s = nr_call_arg_string(call, i, &len);
			nr_call_return_string(call, s, len);
			break;
		}
		default: nr_call_return_nil(call);
		}
	}
	return NR_OK;
}

/* describe(...): "name rule type,type,..." of the call. */
static int fn_describe(nr_call *call, void *payload)
{
	static const char *const names[] = { "none", "nil", "boolean", "number", "string" };
	char buf[256];
	int n = snprintf(buf, sizeof(buf), "%s %s", nr_call_name(call),
			 nr_call_rule_id(call) ? nr_call_rule_id(call) : "-");
	for (size_t i = 0; i <= nr_call_arg_count(call); i++)
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "%s%s", i ? "," : " ",
			      names[nr_call_arg_type(call, i)]);
	if (nr_call_arg_type(call, 0) != NR_VALUE_STRING) /* never converted */
		ck_assert_ptr_null(nr_call_arg_string(call, 0, NULL));
	return nr_call_return_string(call, buf, (size_t)n);
}

static int fn_fail(nr_call *call, void *payload)
{
	nr_call_return_string(call, "lost", 4); /* a failed call returns nothing */
	return nr_call_error(call, "no record for '%s'", nr_call_arg_string(call, 0, NULL));
}

static int fn_enomem(nr_call *call, void *payload) { return NR_ENOMEM; }

static int fn_noop(nr_call *call, void *payload) { return NR_OK; }

/* big(n): a string of n bytes. */
static int fn_big(nr_call *call, void *payload)
{
	int64_t n = 0;
	nr_call_arg_integer(call, 0, &n);
	char *s = malloc((size_t)n);
	ck_assert_ptr_nonnull(s);
	memset(s, 'x', (size_t)n);
	int rc = nr_call_return_string(call, s, (size_t)n);
	free(s);
	return rc;
}

static int fn_many(nr_call *call, void *payload)
{
	for (int i = 0; i <= NR_CALL_MAX_RESULTS; i++)
		if (nr_call_return_integer(call, i) != NR_OK)
			return NR_ETOOBIG;
	return NR_OK;
}

static int fn_sleep(nr_call *call, void *payload)
{
	struct timespec ts = { 0, 300 * 1000000L };
	nanosleep(&ts, NULL);
	return nr_call_return_boolean(call, 1);
}

/* Interrupts the scanner in *payload, as another thread would. */
static int fn_interrupt(nr_call *call, void *payload)
{
	nr_scanner_interrupt(*(nr_scanner **)payload);
	return nr_call_return_boolean(call, 1);
}

static atomic_long counted;

/* count(s): how many calls so far, everywhere, and s upper-cased. */
static int fn_count(nr_call *call, void *payload)
{
	size_t len;
	const char *s = nr_call_arg_string(call, 0, &len);
	if (!s)
		return nr_call_error(call, "count(s): s must be a string");
	char buf[64];
	ck_assert_uint_lt(len, sizeof(buf));
	for (size_t i = 0; i < len; i++)
		buf[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	nr_call_return_integer(call, atomic_fetch_add(&counted, 1) + 1);
	return nr_call_return_string(call, buf, len);
}

/* ---- helpers ---------------------------------------------------------------- */

typedef struct seen {
	int n;
	char msg[8][512];
} seen;

static int on_alert(const nr_alert *al, void *payload)
{
	seen *s = payload;
	if (s->n < 8)
		snprintf(s->msg[s->n], sizeof(s->msg[0]), "%s", nr_alert_message(al));
	s->n++;
	return 0;
}

static nr_ruleset *new_set(void)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "echo", fn_echo, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "describe", fn_describe, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "fail", fn_fail, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "enomem", fn_enomem, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "noop", fn_noop, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "big", fn_big, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "many", fn_many, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "sleep", fn_sleep, NULL), NR_OK);
	return rs;
}

/* One rule `t` whose match runs `body`; its file is "host.lua". */
static void add_rule(nr_ruleset *rs, const char *body)
{
	char src[4096];
	snprintf(src, sizeof(src),
		 "rule { id = 't', title = 'T', severity = 'low',\n"
		 "  match = function(a)\n%s\n  end }\n",
		 body);
	int rc = nr_ruleset_add_string(rs, "host.lua", src, strlen(src));
	ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(rs));
}

/* Scan one article with the set's rule; the scan's code. */
static int scan_once(nr_ruleset *rs, const nr_scanner_options *o, seen *s, nr_scanner **out)
{
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, o), NR_OK);
	nr_article *a;
	const char *text = "Pakistan denied the report on Friday.";
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	memset(s, 0, sizeof(*s));
	int rc = nr_scanner_scan(sc, a, on_alert, s);
	nr_article_free(a);
	if (out)
		*out = sc;
	else
		nr_scanner_free(sc);
	return rc;
}

/* The rule fails with a message holding `want`, as outcome `o`. */
static void expect_failure(const char *body, const nr_scanner_options *o, nr_outcome outcome,
			   const char *want)
{
	nr_ruleset *rs = new_set();
	add_rule(rs, body);
	seen s;
	nr_scanner *sc;
	ck_assert_int_eq(scan_once(rs, o, &s, &sc), NR_ERUNTIME);
	ck_assert_int_eq(s.n, 0);
	ck_assert_uint_eq(nr_scanner_error_count(sc), 1);
	const char *e = nr_scanner_error(sc, 0);
	ck_assert_msg(strstr(e, want) && strstr(e, "host.lua:"), "%s", e);
	ck_assert_int_eq(nr_scanner_rule_last_outcome(sc, 0), outcome);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}

/* ---- tests --------------------------------------------------------------------- */

START_TEST(arguments_and_results)
{
	nr_ruleset *rs = new_set();
	add_rule(rs, "local a1, a2, a3, a4, a5, a6, a7 = news.host.echo(nil, true, false, 42, "
		     "2.5, 'a\\0b', '')\n"
		     "assert(a1 == nil and a2 == true and a3 == false)\n"
		     "assert(math.type(a4) == 'integer' and a4 == 42)\n"
		     "assert(math.type(a5) == 'float' and a5 == 2.5)\n"
		     "assert(a6 == 'a\\0b' and a7 == '')\n"
		     "assert(select('#', news.host.echo(1, nil)) == 2)\n"
		     "assert(select('#', news.host.noop()) == 0)\n"
		     "a:alert{ message = news.host.describe(1, 'x', nil, false) }\n"
		     "a:alert{ message = news.host.describe() }");
	seen s;
	ck_assert_int_eq(scan_once(rs, NULL, &s, NULL), NR_OK);
	ck_assert_int_eq(s.n, 2);
	ck_assert_str_eq(s.msg[0], "describe t number,string,nil,boolean,none");
	ck_assert_str_eq(s.msg[1], "describe t none");
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(errors)
{
	expect_failure("news.host.fail('k1')", NULL, NR_OUTCOME_ERR_RUNTIME,
		       "news.host.fail: no record for 'k1'");
	expect_failure("news.host.enomem()", NULL, NR_OUTCOME_ERR_RUNTIME,
		       "news.host.enomem: out of memory");
	expect_failure("news.host.echo({})", NULL, NR_OUTCOME_ERR_RUNTIME,
		       "news.host.echo: argument 1 is a table (host functions take nil");
	expect_failure("news.host.echo(1, print)", NULL, NR_OUTCOME_ERR_RUNTIME,
		       "argument 2 is a function");
	expect_failure("news.host.nope()", NULL, NR_OUTCOME_ERR_RUNTIME,
		       "news.host.nope: no such host function");
	expect_failure("news.host.x = 1", NULL, NR_OUTCOME_ERR_RUNTIME, "news.host is read-only");
	expect_failure("rawset(news.host, 'x', 1)", NULL, NR_OUTCOME_ERR_BLOCKED,
		       "rawset on a protected table");
	expect_failure("news.host.many()", NULL, NR_OUTCOME_ERR_RUNTIME,
		       "news.host.many: more than 16 results");
	/* A rule may catch a host error as any other. */
	nr_ruleset *rs = new_set();
	add_rule(rs, "local ok, err = pcall(news.host.fail, 'k2')\n"
		     "a:alert{ message = tostring(ok) .. ' ' .. err }");
	seen s;
	ck_assert_int_eq(scan_once(rs, NULL, &s, NULL), NR_OK);
	ck_assert_int_eq(s.n, 1);
	ck_assert_msg(strstr(s.msg[0], "false ") && strstr(s.msg[0], "news.host.fail: no record "
								     "for 'k2'"),
		      "%s", s.msg[0]);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(instructions_charged)
{
	nr_scanner_options o = NR_SCANNER_OPTIONS_INIT;
	o.max_instructions = 50000;
	/* 45 calls cost 45,000 (1000 each, once) and fit; 100 would not,
	 * though the loop alone is a few hundred of Lua's instructions. */
	nr_ruleset *rs = new_set();
	add_rule(rs, "for i = 1, 45 do news.host.noop() end\na:alert{ message = 'ok' }");
	seen s;
	ck_assert_int_eq(scan_once(rs, &o, &s, NULL), NR_OK);
	ck_assert_int_eq(s.n, 1);
	nr_ruleset_free(rs);
	expect_failure("for i = 1, 100 do news.host.noop() end", &o, NR_OUTCOME_ERR_INSTRUCTIONS,
		       "instruction budget exceeded");
	/* Bytes in and out: one call with 1 MiB of argument costs 65536 more. */
	expect_failure("news.host.noop(string.rep('x', 1 << 20))", &o, NR_OUTCOME_ERR_INSTRUCTIONS,
		       "instruction budget exceeded");
	expect_failure("news.host.big(1 << 20)", &o, NR_OUTCOME_ERR_INSTRUCTIONS,
		       "instruction budget exceeded");
}
END_TEST

START_TEST(memory_charged)
{
	nr_scanner_options o = NR_SCANNER_OPTIONS_INIT;
	o.max_memory = 64u << 20;
	/* Lua collects its whole heap a few times over while rules take 64
	 * MiB in big strings: slow under a sanitizer on a busy machine, and
	 * no deadline is under test here. */
	o.deadline_ms = 60000;
	nr_ruleset *rs = new_set();
	add_rule(rs, "a:alert{ message = tostring(#news.host.big(1 << 20)) }");
	seen s;
	ck_assert_int_eq(scan_once(rs, &o, &s, NULL), NR_OK);
	ck_assert_str_eq(s.msg[0], "1048576");
	nr_ruleset_free(rs);
	expect_failure("news.host.big(80 << 20)", &o, NR_OUTCOME_ERR_MEMORY,
		       "news.host.big: a result of 83886080 bytes would pass the memory budget");
	/* Results that fit one by one but not all together: the rule keeps
	 * them, and the memory budget stops it. */
	expect_failure("local t = {}\nfor i = 1, 40 do t[i] = news.host.big(2 << 20) end", &o,
		       NR_OUTCOME_ERR_MEMORY, "would pass the memory budget");
}
END_TEST

START_TEST(deadline_and_interrupt)
{
	nr_scanner_options o = NR_SCANNER_OPTIONS_INIT;
	o.deadline_ms = 100;
	/* The call outlives the deadline: the rule stops right after it. */
	expect_failure("news.host.sleep()\na:alert{ message = 'late' }", &o,
		       NR_OUTCOME_ERR_DEADLINE, "deadline of 100 ms passed");

	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	static nr_scanner *target;
	ck_assert_int_eq(nr_ruleset_add_function(rs, "stop", fn_interrupt, &target), NR_OK);
	add_rule(rs, "news.host.stop()\na:alert{ message = 'after' }");
	ck_assert_int_eq(nr_scanner_new(&target, rs, NULL), NR_OK);
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, "Some text.", 10, NULL), NR_OK);
	seen s = { 0 };
	ck_assert_int_eq(nr_scanner_scan(target, a, on_alert, &s), NR_EINTERRUPTED);
	ck_assert_int_eq(s.n, 0);
	ck_assert_int_eq(nr_scanner_rule_last_outcome(target, 0), NR_OUTCOME_INTERRUPTED);
	nr_article_free(a);
	nr_scanner_free(target);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(top_level_call)
{
	nr_ruleset *rs = new_set();
	static const char src[] = "local at_load = news.host.describe('x')\n"
				  "rule { id = 't', title = 'T', severity = 'low',\n"
				  "  match = function(a) a:alert{ message = at_load } end }\n";
	ck_assert_int_eq(nr_ruleset_add_string(rs, "top.lua", src, strlen(src)), NR_OK);
	seen s;
	ck_assert_int_eq(scan_once(rs, NULL, &s, NULL), NR_OK);
	ck_assert_str_eq(s.msg[0], "describe - string,none");
	nr_ruleset_free(rs);
}
END_TEST

#define THREAD_ARTICLES 200

static void *scan_thread(void *arg)
{
	nr_ruleset *rs = arg;
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	for (int i = 0; i < THREAD_ARTICLES; i++) {
		char text[64];
		int n = snprintf(text, sizeof(text), "Story number %d was denied.", i);
		nr_article *a;
		ck_assert_int_eq(nr_article_from_text(&a, text, (size_t)n, NULL), NR_OK);
		seen s = { 0 };
		ck_assert_int_eq(nr_scanner_scan(sc, a, on_alert, &s), NR_OK);
		ck_assert_int_eq(s.n, 1);
		ck_assert_str_eq(s.msg[0], "STORY");
		nr_article_free(a);
	}
	nr_scanner_free(sc);
	return NULL;
}

START_TEST(two_threads)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "count", fn_count, NULL), NR_OK);
	add_rule(rs, "local n, up = news.host.count(a.text:match('%a+'))\n"
		     "assert(math.type(n) == 'integer' and n >= 1)\n"
		     "a:alert{ message = up }");
	atomic_store(&counted, 0);
	pthread_t t[2];
	for (int i = 0; i < 2; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, scan_thread, rs), 0);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	ck_assert_int_eq(atomic_load(&counted), 2 * THREAD_ARTICLES);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(names)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	static const char *const bad[] = {
		"",
		"1geo",
		"end",
		"a-b",
		"a.b",
		"é",
		"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(nr_ruleset_add_function(rs, bad[i], fn_noop, NULL), NR_EINVAL);
		ck_assert_msg(strstr(nr_ruleset_last_error(rs), "not a name a rule can call"), "%s",
			      nr_ruleset_last_error(rs));
	}
	ck_assert_int_eq(nr_ruleset_add_function(rs, NULL, fn_noop, NULL), NR_EINVAL);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "geo", NULL, NULL), NR_EINVAL);
	ck_assert_int_eq(nr_ruleset_add_function(NULL, "geo", fn_noop, NULL), NR_EINVAL);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "geo", fn_noop, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "_Geo_2", fn_noop, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(
			     rs, "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
			     fn_noop, NULL),
			 NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "geo", fn_echo, NULL), NR_EINVAL);
	ck_assert_str_eq(nr_ruleset_last_error(rs), "host function 'geo': added already");
	ck_assert_uint_eq(nr_ruleset_function_count(rs), 3);
	ck_assert_str_eq(nr_ruleset_function(rs, 0), "geo");
	ck_assert_str_eq(nr_ruleset_function(rs, 1), "_Geo_2");
	ck_assert_ptr_null(nr_ruleset_function(rs, 3));
	ck_assert_uint_eq(nr_ruleset_function_count(NULL), 0);
	nr_ruleset_free(rs);
}
END_TEST

START_TEST(frozen)
{
	nr_ruleset *rs = new_set();
	add_rule(rs, "a:alert{ message = news.host.describe() }");
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "late", fn_noop, NULL), NR_EFROZEN);
	ck_assert_uint_eq(nr_ruleset_function_count(rs), 8);
	nr_scanner_free(sc);
	nr_ruleset_free(rs);
}
END_TEST

/* Lint knows the set's functions: a name it lacks is flagged, with the
 * nearest one. */
START_TEST(lint_names)
{
	nr_ruleset_options o = NR_RULESET_OPTIONS_INIT;
	o.lint = 1;
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, &o), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_function(rs, "geocode", fn_noop, NULL), NR_OK);
	static const char src[] =
	    "rule { id = 't', title = 'T', severity = 'low', keywords = { 'x' },\n"
	    "  examples = { { text = 'x', expect = 0 } },\n"
	    "  match = function(a)\n"
	    "    news.host.geocode(a.text)\n"
	    "    news.host.geocod(a.text)\n"
	    "    news.host.whois(1) -- check: ignore [unknown-host-function]\n"
	    "  end }\n";
	ck_assert_int_eq(nr_ruleset_add_string(rs, "lint.lua", src, strlen(src)), NR_OK);
	ck_assert_uint_eq(nr_ruleset_diagnostic_count(rs), 1);
	const char *d = nr_ruleset_diagnostic(rs, 0, NULL);
	ck_assert_str_eq(d, "lint.lua:5: news.host.geocod: the rule set has no such host function "
			    "(did you mean 'geocode'?) [unknown-host-function]");
	nr_ruleset_free(rs);
}
END_TEST

/* ---- docs/rules.md: ```lua host blocks ------------------------------------ */

/* The guide's host function: geo(place) -> country code, or nil. */
static int fn_geo(nr_call *call, void *payload)
{
	size_t len;
	const char *place = nr_call_arg_string(call, 0, &len);
	if (!place)
		return nr_call_error(call, "geo(place): place must be a string");
	if (len == 6 && !memcmp(place, "Lahore", 6))
		return nr_call_return_string(call, "PK", 2);
	return nr_call_return_nil(call);
}

START_TEST(guide_host_blocks)
{
	FILE *f = fopen(NR_FIXTURES "/../../docs/rules.md", "rb");
	ck_assert_ptr_nonnull(f);
	static char doc[262144];
	size_t n = fread(doc, 1, sizeof(doc) - 1, f);
	fclose(f);
	doc[n] = '\0';
	int blocks = 0;
	static const char marker[] = "\n```lua host\n";
	for (const char *p = strstr(doc, marker); p; p = strstr(p, marker)) {
		p += strlen(marker);
		const char *end = strstr(p, "\n```");
		ck_assert_ptr_nonnull(end);
		int line = 1;
		for (const char *q = doc; q < p; q++)
			line += *q == '\n';
		size_t len = (size_t)(end - p) + 1;
		char *src = calloc(1, (size_t)line + len + 1);
		ck_assert_ptr_nonnull(src);
		memset(src, '\n', (size_t)line - 1);
		memcpy(src + line - 1, p, len);
		nr_ruleset_options o = NR_RULESET_OPTIONS_INIT;
		o.lint = 1;
		nr_ruleset *rs;
		ck_assert_int_eq(nr_ruleset_new(&rs, &o), NR_OK);
		ck_assert_int_eq(nr_ruleset_add_function(rs, "geo", fn_geo, NULL), NR_OK);
		int rc = nr_ruleset_add_string(rs, "docs/rules.md", src, strlen(src));
		ck_assert_msg(rc == NR_OK, "%s", nr_ruleset_last_error(rs));
		for (size_t d = 0; d < nr_ruleset_diagnostic_count(rs); d++)
			ck_abort_msg("%s", nr_ruleset_diagnostic(rs, d, NULL));
		nr_scanner *sc;
		ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
		for (size_t r = 0; r < nr_ruleset_rule_count(rs); r++) {
			ck_assert_uint_ge(nr_ruleset_example_count(rs, r), 1);
			for (size_t e = 0; e < nr_ruleset_example_count(rs, r); e++) {
				int expect;
				const char *text = nr_ruleset_example(rs, r, e, &expect, NULL);
				nr_article *a;
				ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL),
						 NR_OK);
				seen s = { 0 };
				ck_assert_int_eq(nr_scanner_scan_rule(sc, a, r, on_alert, &s),
						 NR_OK);
				ck_assert_msg(s.n == expect, "docs/rules.md:%d: %d alerts, want %d",
					      nr_ruleset_example_line(rs, r, e), s.n, expect);
				nr_article_free(a);
			}
		}
		nr_scanner_free(sc);
		nr_ruleset_free(rs);
		free(src);
		blocks++;
	}
	ck_assert_int_ge(blocks, 1);
}
END_TEST

Suite *hostfn_suite(void)
{
	Suite *s = suite_create("hostfn");
	TCase *tc = tcase_create("hostfn");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, arguments_and_results);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, instructions_charged);
	tcase_add_test(tc, memory_charged);
	tcase_add_test(tc, deadline_and_interrupt);
	tcase_add_test(tc, top_level_call);
	tcase_add_test(tc, two_threads);
	tcase_add_test(tc, names);
	tcase_add_test(tc, frozen);
	tcase_add_test(tc, lint_names);
	tcase_add_test(tc, guide_host_blocks);
	suite_add_tcase(s, tc);
	return s;
}
