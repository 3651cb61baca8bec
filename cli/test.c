/* test.c - `newsrules test`: run the examples every rule carries. */
#include "cli.h"

#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Alerts of one example listed in a report; the rest are counted. */
#define TEST_SHOW_ALERTS 20

/* What one alert of an example said, kept past the alert callback. */
typedef struct seen {
	char *severity;
	char *message;  /* as a JSON string */
	char *who[2];   /* actor and target as JSON strings, or NULL: none */
	char *fields;   /* the alert's fields, a JSON object */
	char *evidence; /* the evidence texts as JSON strings, " | "-joined */
	bool *met;      /* per expectation of the example */
	size_t nmet;    /* how many it meets */
} seen;

typedef struct test_ctx {
	const nr_ruleset *rs;
	size_t rule, ex, nwants;
	seen *v;
	size_t n, cap;
	int alerts;
	size_t matched; /* alerts meeting every expectation */
	bool oom;
} test_ctx;

/* s as a JSON string (quoted and escaped), malloc'd; NULL for NULL. */
static char *json_quote(const char *s, size_t len)
{
	if (!s)
		return NULL;
	json_t *j = json_stringn(s, len);
	char *out = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
	json_decref(j);
	return out;
}

static void seen_free(seen *a)
{
	free(a->severity);
	free(a->message);
	free(a->who[0]);
	free(a->who[1]);
	free(a->fields);
	free(a->evidence);
	free(a->met);
}

/* The evidence texts as JSON strings joined by " | ". */
static char *evidence_list(const nr_alert *al)
{
	size_t n = nr_alert_evidence_count(al), len = 1;
	char **parts = calloc(n ? n : 1, sizeof(*parts));
	for (size_t i = 0; parts && i < n; i++) {
		const char *text;
		nr_alert_evidence(al, i, &text);
		parts[i] = json_quote(text, strlen(text));
		len += (parts[i] ? strlen(parts[i]) : 0) + 3;
	}
	char *out = parts ? malloc(len) : NULL;
	if (out) {
		out[0] = '\0';
		for (size_t i = 0; i < n; i++) {
			if (i)
				strcat(out, " | ");
			strcat(out, parts[i] ? parts[i] : "?");
		}
	}
	for (size_t i = 0; parts && i < n; i++)
		free(parts[i]);
	free(parts);
	return out;
}

static int on_alert(const nr_alert *al, void *payload)
{
	test_ctx *t = payload;
	t->alerts++;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 8;
		seen *v = realloc(t->v, cap * sizeof(*v));
		if (!v) {
			t->oom = true;
			return 0;
		}
		t->v = v;
		t->cap = cap;
	}
	seen *a = &t->v[t->n++];
	memset(a, 0, sizeof(*a));
	a->severity = strdup(nr_alert_severity(al));
	a->message = json_quote(nr_alert_message(al), nr_alert_message_len(al));
	a->who[0] = json_quote(nr_alert_actor(al), nr_alert_actor_len(al));
	a->who[1] = json_quote(nr_alert_target(al), nr_alert_target_len(al));
	a->fields = strdup(nr_alert_fields_json(al));
	a->evidence = evidence_list(al);
	a->met = calloc(t->nwants ? t->nwants : 1, sizeof(*a->met));
	if (!a->met) {
		t->oom = true;
		return 0;
	}
	for (size_t k = 0; k < t->nwants; k++) {
		a->met[k] = nr_ruleset_example_meets(t->rs, t->rule, t->ex, k, al) == 1;
		a->nmet += a->met[k];
	}
	if (t->nwants && a->nmet == t->nwants)
		t->matched++;
	return 0;
}

static void test_usage(FILE *f)
{
	fprintf(f, "usage: newsrules test [options] RULES...\n"
		   "\n"
		   "Load rule files (or every *.lua under a directory) and run each rule's\n"
		   "examples: { text = \"...\", expect = N [, actor = \"...\", target = \"...\",\n"
		   "message = \"...\", fields = { KEY = VALUE, ... }] }. An example passes\n"
		   "when the rule raises exactly N alerts on the text and, when it states\n"
		   "any of actor, target, message or fields, one of them meets them all:\n"
		   "actor and target equal (case and accents aside; false: the alert has\n"
		   "none), message contained (case-sensitive), each field equal in type\n"
		   "and value. A failure prints, for the alert closest to what was\n"
		   "expected, each expectation with what it got, then every alert the\n"
		   "example produced. Ends with the line 'N passed, N failed'.\n"
		   "\n"
		   "options:\n"
		   "  -L, --lexicon NAME=FILE  load FILE (TSV or a plain list) as lexicon NAME\n"
		   "                           for the rules and the extractors (repeatable)\n"
		   "  -v, --verbose            print passing examples too, and every alert each\n"
		   "                           example produced (message, actor, target,\n"
		   "                           fields, evidence)\n"
		   "      --log FILE           write the lines rules log (news.log, print) to\n"
		   "                           FILE instead of stderr\n"
		   "  -h, --help               show this help\n"
		   "\n"
		   "Exit status: 0 every example passed and every file loaded, 1 otherwise,\n"
		   "2 usage error.\n");
}

/* The value alert `a` has for expectation `name`, as JSON, or "none". */
static void print_got(const seen *a, const char *name)
{
	if (!strcmp(name, "actor") || !strcmp(name, "target")) {
		const char *w = a->who[name[0] == 't'];
		cli_print(stdout, "%s", w ? w : "none");
		return;
	}
	if (!strcmp(name, "message")) {
		cli_print(stdout, "%s", a->message ? a->message : "?");
		return;
	}
	json_t *o = a->fields ? json_loads(a->fields, JSON_ALLOW_NUL, NULL) : NULL;
	json_t *v = o ? json_object_get(o, name + strlen("fields.")) : NULL;
	char *s = v ? json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(15)) : NULL;
	cli_print(stdout, "%s", s ? s : "none");
	free(s);
	json_decref(o);
}

/* Each expectation against the alert that meets the most (the first of
 * those), or against no alert at all. */
static void print_closest(const test_ctx *t)
{
	size_t best = 0;
	for (size_t i = 1; i < t->n; i++)
		if (t->v[i].nmet > t->v[best].nmet)
			best = i;
	if (t->n)
		printf("     closest: alert %zu of %zu, meeting %zu of %zu expectations\n",
		       best + 1, t->n, t->v[best].nmet, t->nwants);
	for (size_t k = 0; k < t->nwants; k++) {
		const char *want;
		const char *name = nr_ruleset_example_expect(t->rs, t->rule, t->ex, k, &want);
		if (!strcmp(want, "null")) /* target = false */
			want = "none";
		if (!t->n) {
			cli_print(stdout, "       %s: expected %s, got no alert\n", name, want);
		} else if (t->v[best].met[k]) {
			cli_print(stdout, "       %s: %s (ok)\n", name, want);
		} else {
			cli_print(stdout, "       %s: expected %s%s, got ", name,
				  !strcmp(name, "message") ? "to contain " : "", want);
			print_got(&t->v[best], name);
			putchar('\n');
		}
	}
}

/* Every alert the example produced (the first TEST_SHOW_ALERTS). */
static void print_alerts(const test_ctx *t)
{
	for (size_t i = 0; i < t->n && i < TEST_SHOW_ALERTS; i++) {
		const seen *a = &t->v[i];
		cli_print(stdout, "     alert %zu: [%s] %s\n", i + 1,
			  a->severity ? a->severity : "?", a->message ? a->message : "?");
		cli_print(stdout, "       actor: %s   target: %s\n", a->who[0] ? a->who[0] : "none",
			  a->who[1] ? a->who[1] : "none");
		cli_print(stdout, "       fields: %s\n", a->fields ? a->fields : "?");
		if (a->evidence && a->evidence[0])
			cli_print(stdout, "       evidence: %s\n", a->evidence);
	}
	if (t->n > TEST_SHOW_ALERTS)
		printf("     ... and %zu more alerts\n", t->n - TEST_SHOW_ALERTS);
	if ((size_t)t->alerts > t->n)
		printf("     (%zu alerts could not be kept: out of memory)\n",
		       (size_t)t->alerts - t->n);
}

/* Why an example failed, after its "FAIL ..." head. */
static void print_failure(nr_scanner *s, int rc, const test_ctx *t, int expect, bool skipped)
{
	if (rc != NR_OK)
		cli_print(stdout, "%s\n",
			  nr_scanner_error_count(s) ? nr_scanner_error(s, 0) : nr_strerror(rc));
	else if (t->alerts != expect)
		printf("expected %d alert%s, got %d%s\n", expect, expect == 1 ? "" : "s", t->alerts,
		       skipped ? " (skipped: no keyword in the text)" : "");
	else
		printf("no alert meets every expectation\n");
	if (t->nwants && !t->matched)
		print_closest(t);
	print_alerts(t);
}

/* Run example e of rule r alone; prints a failure (a pass with -v, with
 * its alerts). True when it passed. */
static bool run_example(nr_scanner *s, const nr_ruleset *rs, size_t r, size_t e, bool verbose)
{
	int line, expect;
	const char *file = nr_ruleset_rule_file(rs, r, &line);
	const char *id = nr_ruleset_rule_id(rs, r);
	const char *text = nr_ruleset_example(rs, r, e, &expect, NULL);
	nr_article *a;
	if (nr_article_from_text(&a, text, strlen(text), NULL) != NR_OK) {
		cli_print(stdout, "FAIL %s example %zu (%s:%d): the text gives no article\n", id,
			  e + 1, file, nr_ruleset_example_line(rs, r, e));
		return false;
	}
	test_ctx t = {
		rs, r, e, nr_ruleset_example_expect_count(rs, r, e), NULL, 0, 0, 0, 0, false
	};
	char label[64];
	snprintf(label, sizeof(label), "example %zu", e + 1);
	cli_logger.label = label;
	fflush(stdout); /* its log lines come after what was printed before */
	unsigned long skipped = nr_scanner_rule_outcomes(s, r, NR_OUTCOME_SKIPPED);
	int rc = nr_scanner_scan_rule(s, a, r, on_alert, &t);
	bool was_skipped = nr_scanner_rule_outcomes(s, r, NR_OUTCOME_SKIPPED) > skipped;
	cli_logger.label = NULL;
	nr_article_free(a);
	bool ok = rc == NR_OK && t.alerts == expect && !t.oom && (!t.nwants || t.matched);
	if (ok && verbose) {
		printf("ok   %s example %zu\n", id, e + 1);
		print_alerts(&t);
	} else if (!ok) {
		cli_print(stdout, "FAIL %s example %zu (%s:%d): ", id, e + 1, file,
			  nr_ruleset_example_line(rs, r, e));
		print_failure(s, rc, &t, expect, was_skipped);
		cli_print(stdout, "     text: %.200s\n", text);
	}
	for (size_t i = 0; i < t.n; i++)
		seen_free(&t.v[i]);
	free(t.v);
	return ok;
}

/* Every example of every rule; the counts into *passed and *failed. */
static void run_all(nr_scanner *s, const nr_ruleset *rs, bool verbose, size_t *passed,
		    size_t *failed)
{
	for (size_t r = 0; r < nr_ruleset_rule_count(rs); r++)
		for (size_t e = 0; e < nr_ruleset_example_count(rs, r); e++)
			if (run_example(s, rs, r, e, verbose))
				(*passed)++;
			else
				(*failed)++;
}

enum { TEST_OPT_LOG = 256 };

static int test_rules(char **paths, size_t npaths, bool verbose)
{
	nr_ruleset *rs = NULL;
	int rc = cli_load_rules(&rs, paths, npaths, false, false);
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
	nr_scanner_set_log(s, cli_log_write, &cli_logger);
	run_all(s, rs, verbose, &passed, &failed);
	nr_scanner_free(s);
	nr_ruleset_free(rs);
	printf("%zu passed, %zu failed\n", passed, failed);
	return failed || rc ? NR_EXIT_INPUT_ERROR : NR_EXIT_OK;
}

int cmd_test(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "log", required_argument, NULL, TEST_OPT_LOG },
		{ "lexicon", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool verbose = false;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "L:vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'v': verbose = true; break;
		case 'L':
			if (!cli_lexicon_option(optarg))
				return NR_EXIT_USAGE;
			break;
		case TEST_OPT_LOG:
			if (!cli_log_open(optarg))
				return NR_EXIT_USAGE;
			break;
		case 'h': test_usage(stdout); return NR_EXIT_OK;
		default: test_usage(stderr); return NR_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_error("test: give rule files or directories");
		test_usage(stderr);
		cli_log_close();
		return NR_EXIT_USAGE;
	}
	int status = test_rules(argv + optind, (size_t)(argc - optind), verbose);
	if (!cli_log_close() && status == NR_EXIT_OK)
		status = NR_EXIT_INPUT_ERROR;
	return status;
}
