/* test.c - `newsrules test`: run the examples every rule carries. */
#include "cli.h"

#include <getopt.h>
#include <string.h>
#include <strings.h>

typedef struct test_ctx {
	int alerts;
	const char *want_actor;
	bool actor_seen;
	char actors[512];
} test_ctx;

static int on_alert(const nr_alert *al, void *payload)
{
	test_ctx *t = payload;
	t->alerts++;
	const char *a = nr_alert_actor(al);
	/* The name, up to case, or another name of the same country or
	 * organisation ("US" for "United States"). */
	if (t->want_actor && nr_alert_names(al, NR_PARTY_ACTOR, t->want_actor))
		t->actor_seen = true;
	size_t n = strlen(t->actors);
	snprintf(t->actors + n, sizeof(t->actors) - n, "%s%s", n ? ", " : "", a ? a : "(none)");
	return 0;
}

static void test_usage(FILE *f)
{
	fprintf(f, "usage: newsrules test [options] RULES...\n"
		   "\n"
		   "Load rule files (or every *.lua under a directory) and run each rule's\n"
		   "examples: { text = \"...\", expect = N [, actor = \"...\"] }. An example\n"
		   "passes when the rule raises exactly N alerts on the text (and, when\n"
		   "actor is given, one of them names that actor). Prints each failure and\n"
		   "ends with the line 'N passed, N failed'.\n"
		   "\n"
		   "options:\n"
		   "  -v, --verbose   print passing examples too\n"
		   "  -h, --help      show this help\n"
		   "\n"
		   "Exit status: 0 every example passed and every file loaded, 1 otherwise,\n"
		   "2 usage error.\n");
}

/* Why an example failed, after its "FAIL ..." head. */
static void print_failure(nr_scanner *s, int rc, const test_ctx *t, int expect, const char *actor,
			  bool skipped)
{
	if (rc != NR_OK)
		cli_print(stdout, "%s\n",
			  nr_scanner_error_count(s) ? nr_scanner_error(s, 0) : nr_strerror(rc));
	else if (t->alerts != expect)
		printf("expected %d alert%s, got %d%s\n", expect, expect == 1 ? "" : "s", t->alerts,
		       skipped ? " (skipped: no keyword in the text)" : "");
	else
		cli_print(stdout, "expected actor '%s', got %s\n", actor, t->actors);
}

/* Run example e of rule r alone; prints a failure (a pass with -v).
 * True when it passed. */
static bool run_example(nr_scanner *s, const nr_ruleset *rs, size_t r, size_t e, bool verbose)
{
	int line, expect;
	const char *file = nr_ruleset_rule_file(rs, r, &line);
	const char *id = nr_ruleset_rule_id(rs, r);
	const char *actor;
	const char *text = nr_ruleset_example(rs, r, e, &expect, &actor);
	nr_article *a;
	if (nr_article_from_text(&a, text, strlen(text), NULL) != NR_OK) {
		cli_print(stdout, "FAIL %s example %zu (%s:%d): the text gives no article\n", id,
			  e + 1, file, nr_ruleset_example_line(rs, r, e));
		return false;
	}
	test_ctx t = { 0, actor, false, "" };
	unsigned long skipped = nr_scanner_rule_outcomes(s, r, NR_OUTCOME_SKIPPED);
	int rc = nr_scanner_scan_rule(s, a, r, on_alert, &t);
	bool was_skipped = nr_scanner_rule_outcomes(s, r, NR_OUTCOME_SKIPPED) > skipped;
	nr_article_free(a);
	if (rc == NR_OK && t.alerts == expect && (!actor || expect == 0 || t.actor_seen)) {
		if (verbose)
			printf("ok   %s example %zu\n", id, e + 1);
		return true;
	}
	cli_print(stdout, "FAIL %s example %zu (%s:%d): ", id, e + 1, file,
		  nr_ruleset_example_line(rs, r, e));
	print_failure(s, rc, &t, expect, actor, was_skipped);
	cli_print(stdout, "     text: %.200s\n", text);
	return false;
}

int cmd_test(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool verbose = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'v': verbose = true; break;
		case 'h': test_usage(stdout); return NR_EXIT_OK;
		default: test_usage(stderr); return NR_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_error("test: give rule files or directories");
		test_usage(stderr);
		return NR_EXIT_USAGE;
	}
	nr_ruleset *rs = NULL;
	int rc = cli_load_rules(&rs, argv + optind, (size_t)(argc - optind), false, false);
	if (!rs)
		return NR_EXIT_INPUT_ERROR;
	size_t passed = 0, failed = nr_ruleset_rejected_count(rs);
	nr_scanner *s = NULL;
	nr_scanner_options so = NR_SCANNER_OPTIONS_INIT;
	so.max_failures = 1000000; /* every example runs, however often it fails */
	int new_rc = nr_scanner_new(&s, rs, &so);
	if (new_rc != NR_OK) {
		cli_error("cannot start a scanner: %s", cli_scanner_error(s, new_rc));
		nr_scanner_free(s);
		nr_ruleset_free(rs);
		return NR_EXIT_INPUT_ERROR;
	}
	for (size_t r = 0; r < nr_ruleset_rule_count(rs); r++)
		for (size_t e = 0; e < nr_ruleset_example_count(rs, r); e++)
			if (run_example(s, rs, r, e, verbose))
				passed++;
			else
				failed++;
	nr_scanner_free(s);
	nr_ruleset_free(rs);
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed || rc ? NR_EXIT_INPUT_ERROR : NR_EXIT_OK;
}
