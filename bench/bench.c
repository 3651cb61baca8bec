/*
 * bench.c - throughput of reading and segmentation.
 *
 *   newsrules-bench [--input-format F] [--repeat N] [--max-bytes N] DIR|FILE...
 *
 * Every input file is loaded into memory before the clock starts, so the
 * figures measure the library (detection, decoding, extraction, segmentation,
 * article teardown), not the disk. Output is one "name: value" line per
 * figure and a final summary line that scripts can grep for:
 *
 *   bench: articles=... errors=... mb_s=... articles_s=... peak_rss_mb=...
 *
 * mb_s and articles_s are over all passes; best_pass_* use the fastest
 * pass, which varies least when the machine is shared.
 */
#include "newsrules.h"
#include "inputs.h"

#include <stdbool.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

typedef struct counts {
	size_t articles, errors;
	size_t text_bytes, sentences;
	size_t entities, quotes;
	const nr_lexicon *lex; /* set with --extract: analyse every article */
} counts;

#define PROG "newsrules-bench"

static void die(const char *what) { bench_die(PROG, what); }

static int on_item(const nr_read_item *item, void *payload)
{
	counts *c = payload;
	if (!item->article) {
		c->errors++;
		return 0;
	}
	size_t len;
	nr_article_text(item->article, &len);
	c->articles++;
	c->text_bytes += len;
	c->sentences += nr_article_sentence_count(item->article);
	if (c->lex) {
		if (nr_article_analyze(item->article, c->lex) != NR_OK)
			c->errors++;
		c->entities += nr_article_entity_count(item->article);
		c->quotes += nr_article_quote_count(item->article);
	}
	nr_article_free(item->article);
	return 0;
}

static double now_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: newsrules-bench [options] DIR|FILE...\n"
		   "\n"
		   "Load every file into memory, then time reading and segmentation\n"
		   "(and with --extract, entity and quotation extraction).\n"
		   "\n"
		   "options:\n"
		   "  -i, --input-format F   auto (default), text, html, feed, nitf, jsonl\n"
		   "  -n, --repeat N         passes over the inputs (default 3)\n"
		   "  -x, --extract          also extract entities and quotations\n"
		   "      --max-bytes N      per-input cap (default: the library's 16 MiB)\n"
		   "  -h, --help             show this help\n");
}

typedef struct bench_args {
	nr_read_options opts;
	unsigned long repeat;
	bool extract;
} bench_args;

/* Options into a; -1 to go on, else the exit status. */
static int parse_args(int argc, char **argv, bench_args *a)
{
	static const struct option longopts[] = {
		{ "input-format", required_argument, NULL, 'i' },
		{ "repeat", required_argument, NULL, 'n' },
		{ "extract", no_argument, NULL, 'x' },
		{ "max-bytes", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "i:n:xh", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'i':
			if (!bench_parse_format(PROG, optarg, &a->opts.format))
				return 2;
			break;
		case 'n':
			if (!bench_parse_repeat(PROG, optarg, &a->repeat))
				return 2;
			break;
		case 'm': {
			errno = 0;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (*end || errno || v == 0) {
				fprintf(stderr, PROG ": --max-bytes wants a positive number\n");
				return 2;
			}
			a->opts.max_bytes = (size_t)v;
			break;
		}
		case 'x': a->extract = true; break;
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

/* What the passes took. */
typedef struct timing {
	counts total, first; /* over every pass; the first pass alone */
	double secs, best, cpu;
} timing;

static void run_passes(const inputs *in, bench_args *a, const nr_lexicon *lex, timing *t)
{
	for (unsigned long r = 0; r < a->repeat; r++) {
		counts pass = { 0 };
		pass.lex = lex;
		double t0 = now_seconds(), c0 = bench_cpu_seconds();
		inputs_read(in, &a->opts, on_item, &pass);
		double dt = now_seconds() - t0;
		t->cpu += bench_cpu_seconds() - c0;
		t->secs += dt;
		/* The fastest pass is the figure least disturbed by other load
		 * on a shared machine. */
		if (r == 0 || dt < t->best)
			t->best = dt;
		if (r == 0)
			t->first = pass;
		t->total.articles += pass.articles;
		t->total.errors += pass.errors;
	}
}

static void report(const inputs *in, const bench_args *a, const timing *t)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	double peak_mb = (double)ru.ru_maxrss / 1024.0; /* ru_maxrss is KiB on Linux */
	double mb = (double)in->bytes * (double)a->repeat / (1024.0 * 1024.0);
	double per = t->secs > 0 ? 1.0 / t->secs : 0, best = t->best, cpu = t->cpu;
	double mb1 = (double)in->bytes / (1024.0 * 1024.0);
	size_t articles = t->total.articles;
	printf("files: %zu\nunreadable: %zu\ninput_bytes: %zu\nformat: %s\nrepeat: %lu\n", in->n,
	       in->skipped, in->bytes, nr_format_name(a->opts.format), a->repeat);
	printf("articles_per_pass: %zu\nerrors_per_pass: %zu\nsentences_per_pass: %zu\n"
	       "text_bytes_per_pass: %zu\n",
	       t->first.articles, t->first.errors, t->first.sentences, t->first.text_bytes);
	if (a->extract)
		printf("entities_per_pass: %zu\nquotes_per_pass: %zu\n", t->first.entities,
		       t->first.quotes);
	printf("seconds: %.6f\narticles_s: %.1f\nmb_s: %.2f\nus_per_article: %.2f\n", t->secs,
	       (double)articles * per, mb * per, articles ? t->secs * 1e6 / (double)articles : 0.0);
	printf("best_pass_seconds: %.6f\nbest_pass_mb_s: %.2f\nbest_pass_articles_s: %.1f\n", best,
	       best > 0 ? mb1 / best : 0.0, best > 0 ? (double)t->first.articles / best : 0.0);
	printf("cpu_seconds: %.6f\ncpu_mb_s: %.2f\ncpu_articles_s: %.1f\npeak_rss_mb: %.1f\n", cpu,
	       cpu > 0 ? mb / cpu : 0.0, cpu > 0 ? (double)articles / cpu : 0.0, peak_mb);
	printf("bench: articles=%zu errors=%zu mb=%.2f seconds=%.3f mb_s=%.2f "
	       "articles_s=%.1f best_mb_s=%.2f peak_rss_mb=%.1f\n",
	       articles, t->total.errors, mb, t->secs, mb * per, (double)articles * per,
	       best > 0 ? mb1 / best : 0.0, peak_mb);
}

int main(int argc, char **argv)
{
	nr_read_options def = NR_READ_OPTIONS_INIT;
	bench_args a = { def, 3, false };
	int st = parse_args(argc, argv, &a);
	if (st >= 0)
		return st;
	inputs in = { 0 };
	inputs_load(&in, PROG, argv + optind, argc - optind);
	/* One lexicon set for every article, as an embedding host would. */
	nr_lexicon *lex = NULL;
	if (a.extract && nr_lexicon_new(&lex) != NR_OK)
		die("cannot build the lexicons");
	timing t = { 0 };
	run_passes(&in, &a, lex, &t);
	report(&in, &a, &t);
	inputs_free(&in);
	nr_lexicon_free(lex);
	return 0;
}
