/*
 * bench_scan.c - throughput of reading + scanning with a rule set.
 *
 *   newsrules-bench-scan [-r RULES] [-n N] [-i FORMAT] DIR|FILE...
 *
 * Every input is loaded into memory first; then each of three modes makes
 * N passes over them, timing read + scan on one thread:
 *
 *   pack       the rule set (default: the shipped pack), entities and
 *              quotes extracted only when a rule asks for them
 *   norules    the same with an empty rule set: the cost of reading alone
 *   analyzed   the rule set, after extracting entities and quotes on every
 *              article (what a pack whose rules all use them would pay)
 *
 * Figures are CPU time of the thread (steady on a shared machine). Then
 * per-rule cost from the scanner's counters. The last line sums it up:
 *
 *   bench-scan: articles=... pack_articles_s=... norules_articles_s=...
 *               analyzed_articles_s=... analysis_share=...
 */
#include "newsrules.h"
#include "inputs.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef NR_SOURCE_RULES_DIR
#define NR_SOURCE_RULES_DIR "rules"
#endif

static void die(const char *what) { bench_die("newsrules-bench-scan", what); }

enum mode { MODE_PACK, MODE_NORULES, MODE_ANALYZED, MODE_COUNT };
static const char *const mode_names[] = { "pack", "norules", "analyzed" };

typedef struct run {
	nr_scanner *sc;
	const nr_lexicon *lex; /* analyse every article first, or NULL */
	size_t articles, errors, alerts, scan_errors;
	double analyze_cpu; /* seconds in nr_article_analyze (analyzed mode) */
} run;

static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int on_alert(const nr_alert *al, void *payload)
{
	(void)al;
	((run *)payload)->alerts++;
	return 0;
}

static int on_item(const nr_read_item *item, void *payload)
{
	run *r = payload;
	if (!item->article) {
		r->errors++;
		return 0;
	}
	if (r->lex) {
		double t0 = cpu_seconds();
		nr_article_analyze(item->article, r->lex);
		r->analyze_cpu += cpu_seconds() - t0;
	}
	if (nr_scanner_scan(r->sc, item->article, on_alert, r) == NR_ERUNTIME)
		r->scan_errors++;
	r->articles++;
	nr_article_free(item->article);
	return 0;
}

static nr_ruleset *load_rules(const char *path)
{
	nr_ruleset *rs;
	if (nr_ruleset_new(&rs, NULL) != NR_OK)
		die("out of memory");
	if (path && nr_ruleset_add_path(rs, path) != NR_OK) {
		for (size_t i = 0; i < nr_ruleset_diagnostic_count(rs); i++)
			fprintf(stderr, "newsrules-bench-scan: %s\n",
				nr_ruleset_diagnostic(rs, i, NULL));
		fprintf(stderr, "newsrules-bench-scan: %s\n", nr_ruleset_last_error(rs));
		exit(2);
	}
	return rs;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: newsrules-bench-scan [options] DIR|FILE...\n"
		   "\n"
		   "Load every file into memory, then time read + scan with a rule set,\n"
		   "with no rules, and with entities and quotes extracted on every article.\n"
		   "\n"
		   "options:\n"
		   "  -r, --rules PATH       rule file or directory (default: the shipped pack)\n"
		   "  -i, --input-format F   auto (default), text, html, feed, nitf, jsonl\n"
		   "  -n, --repeat N         passes per mode (default 3)\n"
		   "  -h, --help             show this help\n");
}

int main(int argc, char **argv)
{
	nr_read_options opts = NR_READ_OPTIONS_INIT;
	unsigned long repeat = 3;
	const char *rules = NR_SOURCE_RULES_DIR;
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "input-format", required_argument, NULL, 'i' },
		{ "repeat", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "r:i:n:h", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'r': rules = optarg; break;
		case 'i':
			if (nr_format_parse(&opts.format, optarg) != NR_OK) {
				fprintf(stderr, "newsrules-bench-scan: unknown input format '%s'\n",
					optarg);
				return 2;
			}
			break;
		case 'n':
			errno = 0;
			repeat = strtoul(optarg, &end, 10);
			if (*end || errno || repeat == 0 || repeat > 100000) {
				fprintf(stderr, "newsrules-bench-scan: --repeat wants 1..100000\n");
				return 2;
			}
			break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	inputs in = { 0 };
	for (int i = optind; i < argc; i++)
		inputs_load(&in, "newsrules-bench-scan", argv[i]);
	if (in.n == 0)
		die("no readable input files");

	nr_ruleset *pack = load_rules(rules), *empty = load_rules(NULL);
	nr_lexicon *lex;
	if (nr_lexicon_new(&lex) != NR_OK)
		die("lexicons: out of memory");
	nr_scanner *pack_sc = NULL;
	double rate[MODE_COUNT] = { 0 }, analysis_share = 0;
	size_t per_pass = 0;
	printf("files: %zu\ninput_bytes: %zu\nrules: %s (%zu)\nrepeat: %lu\n", in.n, in.bytes,
	       rules, nr_ruleset_rule_count(pack), repeat);
	for (int m = 0; m < MODE_COUNT; m++) {
		nr_scanner *sc;
		if (nr_scanner_new(&sc, m == MODE_NORULES ? empty : pack, NULL) != NR_OK)
			die(sc ? nr_scanner_last_error(sc) : "scanner: out of memory");
		run r = { sc, m == MODE_ANALYZED ? lex : NULL, 0, 0, 0, 0, 0 };
		double t0 = cpu_seconds();
		for (unsigned long p = 0; p < repeat; p++)
			for (size_t i = 0; i < in.n; i++) {
				opts.name = in.v[i].name;
				nr_read_buffer(in.v[i].data, in.v[i].len, &opts, on_item, &r);
			}
		double cpu = cpu_seconds() - t0;
		rate[m] = cpu > 0 ? (double)r.articles / cpu : 0;
		per_pass = r.articles / repeat;
		double lazy = (double)nr_scanner_analysis_time_ns(sc) / 1e9;
		printf("%s: articles=%zu read_errors=%zu alerts=%zu rule_errors=%zu cpu_s=%.3f "
		       "articles_s=%.1f us_per_article=%.1f",
		       mode_names[m], r.articles, r.errors, r.alerts, r.scan_errors, cpu, rate[m],
		       r.articles ? cpu * 1e6 / (double)r.articles : 0.0);
		if (m == MODE_PACK)
			printf(" lazy_analysis_s=%.3f", lazy);
		if (m == MODE_ANALYZED) {
			analysis_share = cpu > 0 ? r.analyze_cpu / cpu : 0;
			printf(" analysis_s=%.3f analysis_share=%.3f", r.analyze_cpu,
			       analysis_share);
		}
		printf("\n");
		if (m == MODE_PACK)
			pack_sc = sc;
		else
			nr_scanner_free(sc);
	}

	/* Per-rule cost in the pack pass (wall clock per call of the rule). */
	printf("per rule (pack mode): id us_per_article match no-match skipped errors\n");
	size_t total_articles = per_pass * repeat;
	for (size_t i = 0; i < nr_ruleset_rule_count(pack); i++) {
		unsigned long errs = 0;
		for (int o = NR_OUTCOME_ERR_RUNTIME; o < NR_OUTCOME_COUNT_; o++)
			errs += nr_scanner_rule_outcomes(pack_sc, i, (nr_outcome)o);
		printf("  %-24s %8.2f %8lu %8lu %8lu %6lu\n", nr_ruleset_rule_id(pack, i),
		       total_articles ? (double)nr_scanner_rule_time_ns(pack_sc, i) / 1e3 /
					    (double)total_articles
				      : 0.0,
		       nr_scanner_rule_outcomes(pack_sc, i, NR_OUTCOME_MATCH),
		       nr_scanner_rule_outcomes(pack_sc, i, NR_OUTCOME_NOMATCH),
		       nr_scanner_rule_outcomes(pack_sc, i, NR_OUTCOME_SKIPPED), errs);
	}
	printf("bench-scan: articles=%zu pack_articles_s=%.1f norules_articles_s=%.1f "
	       "analyzed_articles_s=%.1f analysis_share=%.3f\n",
	       per_pass, rate[MODE_PACK], rate[MODE_NORULES], rate[MODE_ANALYZED], analysis_share);

	nr_scanner_free(pack_sc);
	nr_ruleset_free(pack);
	nr_ruleset_free(empty);
	nr_lexicon_free(lex);
	inputs_free(&in);
	return 0;
}
