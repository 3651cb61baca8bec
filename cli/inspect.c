/* inspect.c - `newsrules inspect`: what the core makes of each article. */
#include "cli.h"
#include "walk.h"

#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct inspect_ctx {
	bool text_format;
	unsigned int json_flags;
	nr_read_options opts;
	nr_lexicon *lex;
	bool extract;
	size_t articles, errors;
} inspect_ctx;

/* Article strings come from its writer: cli_print writes them safe. */
static void print_article_text(const nr_article *a)
{
	size_t len;
	const char *text = nr_article_text(a, &len);
	cli_print(stdout, "== %s\n", nr_article_id(a));
	cli_print(stdout, "title: %s\n", nr_article_title(a)[0] ? nr_article_title(a) : "(none)");
	if (nr_article_byline(a)[0])
		cli_print(stdout, "byline: %s\n", nr_article_byline(a));
	if (nr_article_published(a)[0])
		cli_print(stdout, "published: %s\n", nr_article_published(a));
	if (nr_article_url(a)[0])
		cli_print(stdout, "url: %s\n", nr_article_url(a));
	cli_print(stdout, "format: %s, %zu paragraphs, %zu sentences, %zu bytes\n",
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
		cli_print(stdout, "%4zu  %.*s\n", i + 1, (int)(s.end - s.start), text + s.start);
	}
	putchar('\n');
	if (!nr_article_is_analyzed(a))
		return;
	size_t ne = nr_article_entity_count(a);
	cli_print(stdout, "entities (%zu):\n", ne);
	for (size_t i = 0; i < ne; i++) {
		nr_entity_info e;
		nr_article_entity(a, i, &e);
		cli_print(stdout, "  %-13s %s", nr_entity_type_name(e.type), e.name);
		const char *id, *canonical;
		nr_article_entity_identity(a, i, &id, &canonical);
		if (id[0] && strcmp(canonical, e.name) != 0)
			cli_print(stdout, " [%s, %s]", id, canonical);
		else if (id[0])
			cli_print(stdout, " [%s]", id);
		if (e.title[0])
			cli_print(stdout, " — %s", e.title);
		if (e.affiliation[0])
			cli_print(stdout, ", %s", e.affiliation);
		if (e.type == NR_ENTITY_PERSON)
			fputs(e.official ? " [official]" : " [not official]", stdout);
		cli_print(stdout, " (%zu mention%s)\n", e.mention_count,
			  e.mention_count == 1 ? "" : "s");
	}
	size_t nq = nr_article_quote_count(a);
	printf("\nquotes (%zu):\n", nq);
	for (size_t i = 0; i < nq; i++) {
		nr_quote_info q;
		nr_article_quote(a, i, &q);
		cli_print(stdout, "  %-8s %s", nr_quote_kind_name(q.kind),
			  q.speaker ? q.speaker : "(unknown)");
		if (q.cue.end > q.cue.start)
			cli_print(stdout, " [%.*s]", (int)(q.cue.end - q.cue.start),
				  text + q.cue.start);
		cli_print(stdout, ": %.*s\n", (int)(q.content.end - q.content.start),
			  text + q.content.start);
	}
	putchar('\n');
}

static int on_item(const nr_read_item *item, void *payload)
{
	inspect_ctx *ctx = payload;
	if (item->error) {
		ctx->errors++;
		cli_error("%s: %s", item->source,
			  item->message ? item->message : nr_strerror(item->error));
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
	if (ctx->extract) {
		int rc = nr_article_analyze(item->article, ctx->lex);
		if (rc != NR_OK) {
			ctx->errors++;
			cli_error("%s: entity and quote extraction failed: %s", item->source,
				  nr_strerror(rc));
		}
	}
	if (ctx->text_format) {
		print_article_text(item->article);
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

static int on_stream_item(const nr_read_item *item, void *payload)
{
	int r = on_item(item, payload);
	fflush(stdout);
	return r;
}

/* nr_read_file reads a stream record by record (JSON Lines, RS-framed):
 * each item is written out as soon as it is read. */
static void on_path(const char *path, void *payload)
{
	inspect_ctx *ctx = payload;
	nr_read_file(path, &ctx->opts, cli_is_stream(path) ? on_stream_item : on_item, ctx);
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
	fprintf(f, "usage: newsrules inspect [options] FILE|DIR|-...\n"
		   "\n"
		   "Read articles and print, per article, one JSON object per line with\n"
		   "id, title, byline, published, text, paragraphs[] and sentences[]\n"
		   "(start/end are 0-based byte offsets into text, end exclusive).\n"
		   "\n"
		   "options:\n"
		   "  -f, --format json|text   output format (default json)\n"
		   "  -i, --input-format F     auto, text, html, feed (rss/atom), nitf, jsonl\n"
		   "      --max-bytes N        refuse an input larger than N bytes, or one\n"
		   "                           record of a JSON Lines or RS-framed input\n"
		   "                           (default 16 MiB)\n"
		   "  -L, --lexicon NAME=FILE  add the rows of FILE (TSV or a plain list) to\n"
		   "                           lexicon NAME: persons, organizations, titles ...\n"
		   "                           (repeatable; see docs/lexicons.md)\n"
		   "      --no-extract         skip entity and quotation extraction\n"
		   "      --tokens             include tokens[] in JSON output\n"
		   "      --pretty             indent JSON output\n"
		   "  -h, --help               show this help\n"
		   "\n"
		   "Exit status: 0 all inputs read, 1 some input failed, 2 usage error.\n");
}

/* Sentinel of the option parsers: go on (any other value is the exit
 * status to end with). */
#define INSPECT_GO_ON (-1)

static void lexicon_warning(const char *msg, void *payload)
{
	(void)payload;
	cli_error("warning: %s", msg);
}

/* -L NAME=FILE: the rows of FILE added to lexicon NAME; a row that cannot
 * be read is a warning, a file that cannot be read an error. */
static int add_lexicon(inspect_ctx *ctx, char *arg)
{
	char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1]) {
		cli_error("--lexicon wants NAME=FILE, not '%s'", arg);
		return NR_EXIT_USAGE;
	}
	*eq = '\0';
	if (nr_lexicon_add_file(ctx->lex, arg, eq + 1, lexicon_warning, NULL) != NR_OK) {
		cli_error("%s", nr_lexicon_last_error(ctx->lex));
		return NR_EXIT_USAGE;
	}
	return INSPECT_GO_ON;
}

/* One option of inspect (getopt's c and optarg). */
static int parse_inspect_option(int c, char *arg, inspect_ctx *ctx)
{
	switch (c) {
	case 'f':
		return cli_parse_output_format(arg, "json", &ctx->text_format) ? INSPECT_GO_ON
									       : NR_EXIT_USAGE;
	case 'i':
	case 'm': return cli_parse_read_option(c, arg, &ctx->opts) ? INSPECT_GO_ON : NR_EXIT_USAGE;
	case 't': ctx->json_flags |= NR_JSON_TOKENS; return INSPECT_GO_ON;
	case 'X': ctx->extract = false; return INSPECT_GO_ON;
	case 'L': return add_lexicon(ctx, arg);
	case 'p': ctx->json_flags |= NR_JSON_PRETTY; return INSPECT_GO_ON;
	case 'h': inspect_usage(stdout); return NR_EXIT_OK;
	default: inspect_usage(stderr); return NR_EXIT_USAGE;
	}
}

static int parse_inspect_args(int argc, char **argv, inspect_ctx *ctx)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "input-format", required_argument, NULL, 'i' },
		{ "max-bytes", required_argument, NULL, 'm' },
		{ "tokens", no_argument, NULL, 't' },
		{ "lexicon", required_argument, NULL, 'L' },
		{ "no-extract", no_argument, NULL, 'X' },
		{ "pretty", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:i:L:h", longopts, NULL)) != -1) {
		int st = parse_inspect_option(c, optarg, ctx);
		if (st != INSPECT_GO_ON)
			return st;
	}
	if (optind >= argc) {
		cli_error("inspect: no input (give files, directories or - for stdin)");
		inspect_usage(stderr);
		return NR_EXIT_USAGE;
	}
	return INSPECT_GO_ON;
}

int cmd_inspect(int argc, char **argv)
{
	inspect_ctx ctx = { 0 };
	nr_read_options def = NR_READ_OPTIONS_INIT;
	ctx.opts = def;
	ctx.extract = true;
	if (nr_lexicon_new(&ctx.lex) != NR_OK) {
		cli_error("cannot build the built-in lexicons");
		return NR_EXIT_INPUT_ERROR;
	}
	int status = parse_inspect_args(argc, argv, &ctx);
	if (status == INSPECT_GO_ON) {
		cli_walk_inputs(argv + optind, argc - optind, on_path, on_path_error, &ctx);
		status = ctx.errors ? NR_EXIT_INPUT_ERROR : NR_EXIT_OK;
	}
	nr_lexicon_free(ctx.lex);
	return status;
}
