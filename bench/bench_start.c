/*
 * bench_start.c - start-up: what `newsrules scan ARTICLE` costs before and
 * while it scans one small article, in process.
 *
 *   newsrules-bench-start [-r RULES] [-n N] [FILE]
 *
 * One round is: load the rule set (default: the shipped pack), make a
 * scanner on it, read the article (default: examples/articles/voa-haqqani.txt)
 * and scan it, then free everything. The first round is what a fresh
 * process pays (it also builds the process's built-in lexicons, once);
 * the next N rounds are what each further rule set and scanner in the same
 * process pays. Figures are CPU time of the thread, in ms, per phase:
 *
 *   bench-start: cold_ms=... warm_ms=... load_ms=... scanner_ms=... scan_ms=...
 *
 * (load/scanner/scan: medians over the warm rounds.) For the whole
 * process, exec and dynamic linking included, see bench/README.md.
 */
#include "newsrules.h"
#include "inputs.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef NR_SOURCE_RULES_DIR
#define NR_SOURCE_RULES_DIR "rules"
#endif
#ifndef NR_SOURCE_ARTICLE
#define NR_SOURCE_ARTICLE "examples/articles/voa-haqqani.txt"
#endif

#define PROG "newsrules-bench-start"

enum { PH_LOAD, PH_SCANNER, PH_SCAN, PH_COUNT };

typedef struct round_ctx {
	nr_scanner *sc;
	size_t articles, alerts;
} round_ctx;

static int on_alert(const nr_alert *al, void *payload)
{
	(void)al;
	((round_ctx *)payload)->alerts++;
	return 0;
}

static int on_item(const nr_read_item *item, void *payload)
{
	round_ctx *r = payload;
	if (item->article) {
		nr_scanner_scan(r->sc, item->article, on_alert, r);
		nr_article_free(item->article);
		r->articles++;
	}
	return 0;
}

/* One round; ms[] gets each phase's CPU time. */
static void one_round(const char *rules, const char *file, double ms[PH_COUNT], size_t *alerts)
{
	double t0 = bench_cpu_seconds();
	nr_ruleset *rs;
	if (nr_ruleset_new(&rs, NULL) != NR_OK || nr_ruleset_add_path(rs, rules) != NR_OK) {
		fprintf(stderr, PROG ": %s: %s\n", rules, rs ? nr_ruleset_last_error(rs) : "");
		exit(2);
	}
	double t1 = bench_cpu_seconds();
	round_ctx r = { 0 };
	if (nr_scanner_new(&r.sc, rs, NULL) != NR_OK)
		bench_die(PROG, "the scanner could not be made");
	double t2 = bench_cpu_seconds();
	nr_read_options ro = NR_READ_OPTIONS_INIT;
	if (nr_read_file(file, &ro, on_item, &r) != NR_OK || r.articles != 1)
		bench_die(PROG, "the article could not be read");
	double t3 = bench_cpu_seconds();
	nr_scanner_free(r.sc);
	nr_ruleset_free(rs);
	ms[PH_LOAD] = (t1 - t0) * 1e3;
	ms[PH_SCANNER] = (t2 - t1) * 1e3;
	ms[PH_SCAN] = (t3 - t2) * 1e3;
	*alerts = r.alerts;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: " PROG " [options] [FILE]\n"
		   "\n"
		   "Time loading a rule set, making a scanner and scanning one article,\n"
		   "first in a fresh process, then N more times in the same process.\n"
		   "\n"
		   "options:\n"
		   "  -r, --rules PATH   rule file or directory (default: the shipped pack)\n"
		   "  -n, --repeat N     warm rounds (default 20)\n"
		   "  -h, --help         show this help\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = { { "rules", required_argument, NULL, 'r' },
						  { "repeat", required_argument, NULL, 'n' },
						  { "help", no_argument, NULL, 'h' },
						  { NULL, 0, NULL, 0 } };
	const char *rules = NR_SOURCE_RULES_DIR;
	unsigned long repeat = 20;
	int c;
	while ((c = getopt_long(argc, argv, "r:n:h", longopts, NULL)) != -1) {
		if (c == 'r')
			rules = optarg;
		else if (c == 'n' && bench_parse_repeat(PROG, optarg, &repeat))
			continue;
		else {
			usage(c == 'h' ? stdout : stderr);
			return c == 'h' ? 0 : 2;
		}
	}
	const char *file = optind < argc ? argv[optind] : NR_SOURCE_ARTICLE;
	double cold[PH_COUNT];
	size_t alerts;
	one_round(rules, file, cold, &alerts);
	double *warm = calloc(PH_COUNT * repeat + 1, sizeof(*warm));
	double *total = calloc(repeat + 1, sizeof(*total));
	if (!warm || !total)
		bench_die(PROG, "out of memory");
	for (unsigned long i = 0; i < repeat; i++) {
		double ms[PH_COUNT];
		one_round(rules, file, ms, &alerts);
		total[i] = ms[PH_LOAD] + ms[PH_SCANNER] + ms[PH_SCAN];
		for (int p = 0; p < PH_COUNT; p++)
			warm[p * repeat + i] = ms[p];
	}
	printf(
	    "cold  (fresh process)  load %.2f ms  scanner %.2f ms  scan %.2f ms  total %.2f ms\n",
	    cold[PH_LOAD], cold[PH_SCANNER], cold[PH_SCAN],
	    cold[PH_LOAD] + cold[PH_SCANNER] + cold[PH_SCAN]);
	double ph[PH_COUNT];
	for (int p = 0; p < PH_COUNT; p++)
		ph[p] = repeat ? median(warm + p * repeat, repeat) : 0;
	double w = repeat ? median(total, repeat) : 0;
	printf(
	    "warm  (median of %lu)  load %.2f ms  scanner %.2f ms  scan %.2f ms  total %.2f ms\n",
	    repeat, ph[PH_LOAD], ph[PH_SCANNER], ph[PH_SCAN], w);
	printf("bench-start: cold_ms=%.2f warm_ms=%.2f load_ms=%.2f scanner_ms=%.2f scan_ms=%.2f "
	       "alerts=%zu\n",
	       cold[PH_LOAD] + cold[PH_SCANNER] + cold[PH_SCAN], w, ph[PH_LOAD], ph[PH_SCANNER],
	       ph[PH_SCAN], alerts);
	free(warm);
	free(total);
	return 0;
}
