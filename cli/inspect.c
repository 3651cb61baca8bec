/* inspect.c - `newsrules inspect`: what the core makes of each article. */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct inspect_ctx {
	bool text_format;
	unsigned int json_flags;
	nr_read_options opts;
	size_t articles, errors;
} inspect_ctx;

static void print_text(const nr_article *a)
{
	size_t len;
	const char *text = nr_article_text(a, &len);
	printf("== %s\n", nr_article_id(a));
	printf("title: %s\n", nr_article_title(a)[0] ? nr_article_title(a) : "(none)");
	if (nr_article_byline(a)[0])
		printf("byline: %s\n", nr_article_byline(a));
	if (nr_article_published(a)[0])
		printf("published: %s\n", nr_article_published(a));
	if (nr_article_url(a)[0])
		printf("url: %s\n", nr_article_url(a));
	printf("format: %s, %zu paragraphs, %zu sentences, %zu bytes\n",
	       nr_format_name(nr_article_format(a)), nr_article_paragraph_count(a),
	       nr_article_sentence_count(a), len);
	size_t n = nr_article_sentence_count(a), para = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		nr_span s = nr_article_sentence(a, i);
		size_t p = nr_article_sentence_paragraph(a, i);
		if (p != para) {
			putchar('\n');
			para = p;
		}
		printf("%4zu  %.*s\n", i + 1, (int)(s.end - s.start), text + s.start);
	}
	putchar('\n');
}

static int on_item(const nr_read_item *item, void *payload)
{
	inspect_ctx *ctx = payload;
	if (item->error) {
		ctx->errors++;
		cli_error("%s: %s", item->source, item->message ? item->message
							: nr_strerror(item->error));
		if (!ctx->text_format) {
			char *js = NULL;
			if (nr_read_item_error_json(item, &js) == NR_OK) {
				puts(js);
				nr_free(js);
			}
		}
		return 0;
	}
	ctx->articles++;
	if (ctx->text_format) {
		print_text(item->article);
	} else {
		char *js = NULL;
		int rc = nr_article_to_json(item->article, ctx->json_flags, &js);
		if (rc == NR_OK) {
			puts(js);
			nr_free(js);
		} else {
			ctx->errors++;
			cli_error("%s: cannot write JSON: %s", item->source, nr_strerror(rc));
		}
	}
	nr_article_free(item->article);
	return 0;
}

static void on_path(const char *path, void *payload)
{
	inspect_ctx *ctx = payload;
	nr_read_file(path, &ctx->opts, on_item, ctx);
	fflush(stdout);
}

/* A path the walk could not expand is a failed input like any other: it
 * gets its stderr line and its JSON error record. */
static void on_path_error(const char *path, const char *reason, void *payload)
{
	inspect_ctx *ctx = payload;
	nr_read_item item = { NULL, NR_EIO, reason, path, 0, ctx->opts.format };
	on_item(&item, ctx);
	fflush(stdout);
}

static void inspect_usage(FILE *f)
{
	fprintf(f,
		"usage: newsrules inspect [options] FILE|DIR|-...\n"
		"\n"
		"Read articles and print, per article, one JSON object per line with\n"
		"id, title, byline, published, text, paragraphs[] and sentences[]\n"
		"(start/end are 0-based byte offsets into text, end exclusive).\n"
		"\n"
		"options:\n"
		"  -f, --format json|text   output format (default json)\n"
		"  -i, --input-format F     auto, text, html, feed (rss/atom), nitf, jsonl\n"
		"      --max-bytes N        refuse inputs larger than N bytes (default 16 MiB)\n"
		"      --tokens             include tokens[] in JSON output\n"
		"      --pretty             indent JSON output\n"
		"  -h, --help               show this help\n"
		"\n"
		"Exit status: 0 all inputs read, 1 some input failed, 2 usage error.\n");
}

int cmd_inspect(int argc, char **argv)
{
	inspect_ctx ctx = { 0 };
	nr_read_options def = NR_READ_OPTIONS_INIT;
	ctx.opts = def;
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "input-format", required_argument, NULL, 'i' },
		{ "max-bytes", required_argument, NULL, 'm' },
		{ "tokens", no_argument, NULL, 't' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:i:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (!strcmp(optarg, "text"))
				ctx.text_format = true;
			else if (!strcmp(optarg, "json") || !strcmp(optarg, "jsonl"))
				ctx.text_format = false;
			else {
				cli_error("unknown output format '%s' (json or text)", optarg);
				return NR_EXIT_USAGE;
			}
			break;
		case 'i':
			if (nr_format_parse(&ctx.opts.format, optarg) != NR_OK) {
				cli_error("unknown input format '%s' (auto, text, html, feed, nitf, jsonl)",
					  optarg);
				return NR_EXIT_USAGE;
			}
			break;
		case 'm': {
			char *end;
			/* strtoull takes "-5" as a huge number and skips blanks:
			 * only plain digits are a size. */
			errno = 0;
			unsigned long long v = strtoull(optarg, &end, 10);
			if (optarg[0] < '0' || optarg[0] > '9' || *end || errno || v == 0 ||
			    v > SIZE_MAX) {
				cli_error("--max-bytes wants a positive number, not '%s'", optarg);
				return NR_EXIT_USAGE;
			}
			ctx.opts.max_bytes = (size_t)v;
			break;
		}
		case 't':
			ctx.json_flags |= NR_JSON_TOKENS;
			break;
		case 'p':
			ctx.json_flags |= NR_JSON_PRETTY;
			break;
		case 'h':
			inspect_usage(stdout);
			return NR_EXIT_OK;
		default:
			inspect_usage(stderr);
			return NR_EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		cli_error("inspect: no input (give files, directories or - for stdin)");
		inspect_usage(stderr);
		return NR_EXIT_USAGE;
	}
	cli_walk_inputs(argv + optind, argc - optind, on_path, on_path_error, &ctx);
	return ctx.errors ? NR_EXIT_INPUT_ERROR : NR_EXIT_OK;
}
