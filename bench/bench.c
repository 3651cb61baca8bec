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

static void die(const char *what) { bench_die("newsrules-bench", what); }

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

/* CPU time of this thread: what the work cost, whatever else the machine
 * was doing meanwhile. */
static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
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

int main(int argc, char **argv)
{
	nr_read_options opts = NR_READ_OPTIONS_INIT;
	unsigned long repeat = 3;
	static const struct option longopts[] = {
		{ "input-format", required_argument, NULL, 'i' },
		{ "repeat", required_argument, NULL, 'n' },
		{ "extract", no_argument, NULL, 'x' },
		{ "max-bytes", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	bool extract = false;
	while ((c = getopt_long(argc, argv, "i:n:xh", longopts, NULL)) != -1) {
		char *end;
		switch (c) {
		case 'i':
			if (nr_format_parse(&opts.format, optarg) != NR_OK) {
				fprintf(stderr, "newsrules-bench: unknown input format '%s'\n",
					optarg);
				return 2;
			}
			break;
		case 'n':
			errno = 0;
			repeat = strtoul(optarg, &end, 10);
			if (*end || errno || repeat == 0 || repeat > 100000) {
				fprintf(stderr,
					"newsrules-bench: --repeat wants 1..100000, not '%s'\n",
					optarg);
				return 2;
			}
			break;
		case 'm': {
			errno = 0;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (*end || errno || v == 0) {
				fprintf(stderr,
					"newsrules-bench: --max-bytes wants a positive number\n");
				return 2;
			}
			opts.max_bytes = (size_t)v;
			break;
		}
		case 'x': extract = true; break;
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
		inputs_load(&in, "newsrules-bench", argv[i]);
	if (in.n == 0)
		die("no readable input files");

	/* One lexicon set for every article, as an embedding host would. */
	nr_lexicon *lex = NULL;
	if (extract && nr_lexicon_new(&lex) != NR_OK)
		die("cannot build the lexicons");
	counts total = { 0 }, first = { 0 };
	double secs = 0, best = 0, cpu = 0;
	for (unsigned long r = 0; r < repeat; r++) {
		counts pass = { 0 };
		pass.lex = lex;
		double t0 = now_seconds(), c0 = cpu_seconds();
		for (size_t i = 0; i < in.n; i++) {
			opts.name = in.v[i].name;
			nr_read_buffer(in.v[i].data, in.v[i].len, &opts, on_item, &pass);
		}
		double dt = now_seconds() - t0;
		cpu += cpu_seconds() - c0;
		secs += dt;
		/* The fastest pass is the figure least disturbed by other load
		 * on a shared machine. */
		if (r == 0 || dt < best)
			best = dt;
		if (r == 0)
			first = pass;
		total.articles += pass.articles;
		total.errors += pass.errors;
	}

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	double peak_mb = (double)ru.ru_maxrss / 1024.0; /* ru_maxrss is KiB on Linux */
	double mb = (double)in.bytes * (double)repeat / (1024.0 * 1024.0);
	double per = secs > 0 ? 1.0 / secs : 0;

	printf("files: %zu\n", in.n);
	printf("unreadable: %zu\n", in.skipped);
	printf("input_bytes: %zu\n", in.bytes);
	printf("format: %s\n", nr_format_name(opts.format));
	printf("repeat: %lu\n", repeat);
	printf("articles_per_pass: %zu\n", first.articles);
	printf("errors_per_pass: %zu\n", first.errors);
	printf("sentences_per_pass: %zu\n", first.sentences);
	printf("text_bytes_per_pass: %zu\n", first.text_bytes);
	if (extract) {
		printf("entities_per_pass: %zu\n", first.entities);
		printf("quotes_per_pass: %zu\n", first.quotes);
	}
	printf("seconds: %.6f\n", secs);
	printf("articles_s: %.1f\n", (double)total.articles * per);
	printf("mb_s: %.2f\n", mb * per);
	printf("us_per_article: %.2f\n",
	       total.articles ? secs * 1e6 / (double)total.articles : 0.0);
	double mb1 = (double)in.bytes / (1024.0 * 1024.0);
	printf("best_pass_seconds: %.6f\n", best);
	printf("best_pass_mb_s: %.2f\n", best > 0 ? mb1 / best : 0.0);
	printf("best_pass_articles_s: %.1f\n", best > 0 ? (double)first.articles / best : 0.0);
	printf("cpu_seconds: %.6f\n", cpu);
	printf("cpu_mb_s: %.2f\n", cpu > 0 ? mb / cpu : 0.0);
	printf("cpu_articles_s: %.1f\n", cpu > 0 ? (double)total.articles / cpu : 0.0);
	printf("peak_rss_mb: %.1f\n", peak_mb);
	printf("bench: articles=%zu errors=%zu mb=%.2f seconds=%.3f mb_s=%.2f "
	       "articles_s=%.1f best_mb_s=%.2f peak_rss_mb=%.1f\n",
	       total.articles, total.errors, mb, secs, mb * per, (double)total.articles * per,
	       best > 0 ? mb1 / best : 0.0, peak_mb);

	inputs_free(&in);
	nr_lexicon_free(lex);
	return 0;
}
