/*
 * bench_scan.c - throughput of reading + scanning with a rule set.
 *
 *   newsrules-bench-scan [-r RULES] [-n N] [-i FORMAT] [-j N] DIR|FILE...
 *
 * Every input is loaded into memory first; then each of three modes makes
 * N passes over them, timing read + scan on one thread:
 *
 *   pack       the rule set (default: the shipped pack), entities and
 *              quotes extracted only when a rule asks for them
 *   norules    the same with an empty rule set: the cost of reading alone
 *   analyzed   the rule set, after extracting entities and quotes on every
 *              article (what a pack whose rules all use them would pay;
 *              statements, a pass of their own, only where a rule asks)
 *
 * Figures are CPU time of the thread (steady on a shared machine). Then
 * per-rule cost from the scanner's counters. The last line sums it up:
 *
 *   bench-scan: articles=... pack_articles_s=... norules_articles_s=...
 *               analyzed_articles_s=... analysis_share=...
 *
 * With -j N, the pack mode alone, on 1, 2, ... N threads, one scanner each
 * over the one rule set (what `scan --jobs` does), the threads taking the
 * inputs in turn: articles per wall-clock second (what more threads buy),
 * and the CPU time of all threads together (what they cost; on a machine
 * others use, wall-clock figures are only as good as the cores were idle):
 *
 *   bench-scan-jobs: threads=N articles=... articles_s_1=... articles_s_N=...
 *                    speedup=... cpu_s_1=... cpu_s_N=...
 */
#include "newsrules.h"
#include "extract/access.h" /* nr_article__analyze: entities and quotes alone */
#include "inputs.h"

#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef NR_SOURCE_RULES_DIR
#define NR_SOURCE_RULES_DIR "rules"
#endif

#define PROG "newsrules-bench-scan"

static void die(const char *what) { bench_die(PROG, what); }

enum mode { MODE_PACK, MODE_NORULES, MODE_ANALYZED, MODE_COUNT };
static const char *const mode_names[] = { "pack", "norules", "analyzed" };

typedef struct run {
	nr_scanner *sc;
	const nr_lexicon *lex; /* analyse every article first, or NULL */
	size_t articles, errors, alerts, scan_errors;
	double analyze_cpu; /* seconds in nr_article__analyze (analyzed mode) */
} run;

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
		double t0 = bench_cpu_seconds();
		nr_article__analyze(item->article, r->lex, NULL);
		r->analyze_cpu += bench_cpu_seconds() - t0;
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
		   "  -j, --jobs N           the pack mode alone, on 1 to N threads (one\n"
		   "                         scanner each): articles per wall-clock second\n"
		   "  -h, --help             show this help\n");
}

/* Options into *opts, *repeat and *rules; -1 to go on, else the exit
 * status. */
static int parse_args(int argc, char **argv, nr_read_options *opts, unsigned long *repeat,
		      const char **rules, unsigned long *jobs)
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "input-format", required_argument, NULL, 'i' },
		{ "repeat", required_argument, NULL, 'n' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "r:i:n:j:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': *rules = optarg; break;
		case 'i':
			if (!bench_parse_format(PROG, optarg, &opts->format))
				return 2;
			break;
		case 'n':
			if (!bench_parse_repeat(PROG, optarg, repeat))
				return 2;
			break;
		case 'j':
			if (!bench_parse_repeat(PROG, optarg, jobs) || *jobs > 256) {
				fprintf(stderr, "%s: --jobs wants 1..256\n", PROG);
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
	return -1;
}

/* What one mode measured. */
typedef struct mode_result {
	double rate;     /* articles per CPU second */
	size_t per_pass; /* articles read per pass */
	double share;    /* analyzed mode: analysis / total CPU */
} mode_result;

/* N passes of one mode on scanner sc; prints its line. */
static mode_result run_mode(int m, nr_scanner *sc, const nr_lexicon *lex, const inputs *in,
			    nr_read_options *opts, unsigned long repeat)
{
	mode_result res = { 0, 0, 0 };
	run r = { sc, m == MODE_ANALYZED ? lex : NULL, 0, 0, 0, 0, 0 };
	double t0 = bench_cpu_seconds();
	for (unsigned long p = 0; p < repeat; p++)
		inputs_read(in, opts, on_item, &r);
	double cpu = bench_cpu_seconds() - t0;
	double rate = cpu > 0 ? (double)r.articles / cpu : 0;
	res.rate = rate;
	res.per_pass = r.articles / repeat;
	printf("%s: articles=%zu read_errors=%zu alerts=%zu rule_errors=%zu cpu_s=%.3f "
	       "articles_s=%.1f us_per_article=%.1f",
	       mode_names[m], r.articles, r.errors, r.alerts, r.scan_errors, cpu, rate,
	       r.articles ? cpu * 1e6 / (double)r.articles : 0.0);
	if (m == MODE_PACK)
		printf(" lazy_analysis_s=%.3f", (double)nr_scanner_analysis_time_ns(sc) / 1e9);
	if (m == MODE_ANALYZED) {
		res.share = cpu > 0 ? r.analyze_cpu / cpu : 0;
		printf(" analysis_s=%.3f analysis_share=%.3f", r.analyze_cpu, res.share);
	}
	printf("\n");
	return res;
}

/* Per-rule cost in the pack pass (wall clock per call of the rule). */
static void print_rule_costs(const nr_ruleset *pack, const nr_scanner *sc, size_t articles)
{
	printf("per rule (pack mode): id us_per_article match no-match skipped errors\n");
	for (size_t i = 0; i < nr_ruleset_rule_count(pack); i++) {
		unsigned long errs = 0;
		for (int o = NR_OUTCOME_ERR_RUNTIME; o < NR_OUTCOME_COUNT_; o++)
			errs += nr_scanner_rule_outcomes(sc, i, (nr_outcome)o);
		printf("  %-24s %8.2f %8lu %8lu %8lu %6lu\n", nr_ruleset_rule_id(pack, i),
		       articles ? (double)nr_scanner_rule_time_ns(sc, i) / 1e3 / (double)articles
				: 0.0,
		       nr_scanner_rule_outcomes(sc, i, NR_OUTCOME_MATCH),
		       nr_scanner_rule_outcomes(sc, i, NR_OUTCOME_NOMATCH),
		       nr_scanner_rule_outcomes(sc, i, NR_OUTCOME_SKIPPED), errs);
	}
}

/* ---- -j N: the pack mode on threads ---------------------------------- */

typedef struct jthread {
	const inputs *in;
	nr_read_options opts;
	atomic_size_t *next; /* the next input to take, over every pass */
	size_t total;        /* inputs times passes */
	run r;
	double cpu;
} jthread;

static void *jthread_main(void *arg)
{
	jthread *t = arg;
	double c0 = bench_cpu_seconds();
	for (;;) {
		size_t k = atomic_fetch_add(t->next, 1);
		if (k >= t->total)
			break;
		const input *f = &t->in->v[k % t->in->n];
		t->opts.name = f->name;
		nr_read_buffer(f->data, f->len, &t->opts, on_item, &t->r);
	}
	t->cpu = bench_cpu_seconds() - c0;
	return NULL;
}

static double wall_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

typedef struct jresult {
	double rate, cpu;
	size_t articles, alerts;
} jresult;

/* `n` threads, their scanners made before the clock starts; one line. */
static jresult run_threads(const nr_ruleset *rs, const inputs *in, const nr_read_options *opts,
			   unsigned long repeat, int n)
{
	jthread *t = calloc((size_t)n, sizeof(*t));
	pthread_t *th = calloc((size_t)n, sizeof(*th));
	atomic_size_t next;
	atomic_init(&next, 0);
	if (!t || !th)
		die("out of memory");
	for (int i = 0; i < n; i++) {
		t[i] = (jthread){ in, *opts, &next, in->n * repeat, { 0 }, 0 };
		if (nr_scanner_new(&t[i].r.sc, rs, NULL) != NR_OK)
			die("scanner: cannot start");
	}
	double w0 = wall_seconds();
	for (int i = 0; i < n; i++)
		if (pthread_create(&th[i], NULL, jthread_main, &t[i]) != 0)
			die("cannot start a thread");
	jresult res = { 0, 0, 0, 0 };
	for (int i = 0; i < n; i++) {
		pthread_join(th[i], NULL);
		res.cpu += t[i].cpu;
		res.articles += t[i].r.articles;
		res.alerts += t[i].r.alerts;
		nr_scanner_free(t[i].r.sc);
	}
	double wall = wall_seconds() - w0;
	res.rate = wall > 0 ? (double)res.articles / wall : 0;
	printf("pack on %d thread%s: articles=%zu alerts=%zu wall_s=%.3f cpu_s=%.3f "
	       "articles_s=%.1f articles_per_cpu_s=%.1f\n",
	       n, n == 1 ? "" : "s", res.articles, res.alerts, wall, res.cpu, res.rate,
	       res.cpu > 0 ? (double)res.articles / res.cpu : 0.0);
	free(t);
	free(th);
	return res;
}

static int jobs_curve(const char *rules, inputs *in, nr_read_options *opts, unsigned long repeat,
		      int jobs)
{
	nr_ruleset *pack = load_rules(rules);
	printf("files: %zu\ninput_bytes: %zu\nrules: %s (%zu)\nrepeat: %lu\n", in->n, in->bytes,
	       rules, nr_ruleset_rule_count(pack), repeat);
	jresult one = { 0, 0, 0, 0 }, last = one;
	for (int n = 1; n <= jobs; n++) {
		/* A set of its own each time: its lexicons keep the words of the
		 * articles analysed, which would favour the later runs. */
		if (n > 1) {
			nr_ruleset_free(pack);
			pack = load_rules(rules);
		}
		last = run_threads(pack, in, opts, repeat, n);
		if (n == 1)
			one = last;
	}
	printf("bench-scan-jobs: threads=%d articles=%zu articles_s_1=%.1f articles_s_%d=%.1f "
	       "speedup=%.2f cpu_s_1=%.3f cpu_s_%d=%.3f\n",
	       jobs, one.articles / repeat, one.rate, jobs, last.rate,
	       one.rate > 0 ? last.rate / one.rate : 0.0, one.cpu, jobs, last.cpu);
	nr_ruleset_free(pack);
	inputs_free(in);
	return 0;
}

int main(int argc, char **argv)
{
	nr_read_options opts = NR_READ_OPTIONS_INIT;
	unsigned long repeat = 3;
	const char *rules = NR_SOURCE_RULES_DIR;
	unsigned long jobs = 0;
	int st = parse_args(argc, argv, &opts, &repeat, &rules, &jobs);
	if (st >= 0)
		return st;
	inputs in = { 0 };
	inputs_load(&in, PROG, argv + optind, argc - optind);
	if (jobs)
		return jobs_curve(rules, &in, &opts, repeat, (int)jobs);
	nr_ruleset *pack = load_rules(rules), *empty = load_rules(NULL);
	nr_lexicon *lex;
	if (nr_lexicon_new(&lex) != NR_OK)
		die("lexicons: out of memory");
	printf("files: %zu\ninput_bytes: %zu\nrules: %s (%zu)\nrepeat: %lu\n", in.n, in.bytes,
	       rules, nr_ruleset_rule_count(pack), repeat);
	nr_scanner *pack_sc = NULL;
	mode_result res[MODE_COUNT];
	for (int m = 0; m < MODE_COUNT; m++) {
		nr_scanner *sc;
		if (nr_scanner_new(&sc, m == MODE_NORULES ? empty : pack, NULL) != NR_OK)
			die(sc ? nr_scanner_last_error(sc) : "scanner: out of memory");
		res[m] = run_mode(m, sc, lex, &in, &opts, repeat);
		if (m == MODE_PACK)
			pack_sc = sc;
		else
			nr_scanner_free(sc);
	}
	/* Every mode reads the same articles. */
	size_t per_pass = res[MODE_ANALYZED].per_pass;
	print_rule_costs(pack, pack_sc, per_pass * repeat);
	printf("bench-scan: articles=%zu pack_articles_s=%.1f norules_articles_s=%.1f "
	       "analyzed_articles_s=%.1f analysis_share=%.3f\n",
	       per_pass, res[MODE_PACK].rate, res[MODE_NORULES].rate, res[MODE_ANALYZED].rate,
	       res[MODE_ANALYZED].share);
	nr_scanner_free(pack_sc);
	nr_ruleset_free(pack);
	nr_ruleset_free(empty);
	nr_lexicon_free(lex);
	inputs_free(&in);
	return 0;
}
