/* scan.c - `newsrules scan`: run a rule set over articles, print alerts. */
#include "scan.h"
#include "walk.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

bool scan_wanted(const scan_ctx *ctx, const nr_alert *al)
{
	if (nr_severity_rank(nr_alert_severity(al)) < ctx->min_rank)
		return false;
	if (!ctx->ntags)
		return true;
	for (size_t i = 0; i < nr_alert_tag_count(al); i++)
		for (size_t t = 0; t < ctx->ntags; t++)
			if (!strcmp(nr_alert_tag(al, i), ctx->tags[t]))
				return true;
	return false;
}

/* Text written safe; with `lines`, a paragraph break (a run of newlines)
 * starts a new indented line instead of showing as \n. */
static void put_text(FILE *f, const char *s, size_t n, bool lines)
{
	const char *end = s + n, *nl;
	while (lines && (nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		cli_put_safe(f, s, (size_t)(nl - s));
		fputs("\n    ", f);
		for (s = nl; s < end && *s == '\n'; s++)
			;
	}
	cli_put_safe(f, s, (size_t)(end - s));
}

/* The sentence(s) around evidence i, with the span highlighted on a
 * terminal (bold yellow) and marked with ‹ › elsewhere when it is only part
 * of them; with --with-text, one more sentence on either side. */
static void print_evidence(FILE *f, const nr_alert *al, size_t i, bool color, bool context)
{
	const nr_article *a = nr_alert_article(al);
	size_t len;
	const char *text = nr_article_text(a, &len);
	nr_span ev = nr_alert_evidence(al, i, NULL);
	if (ev.end > len || ev.start > ev.end)
		return;
	size_t from = ev.start, to = ev.end;
	size_t n = context ? 0 : nr_article_sentence_count(a);
	for (size_t k = 0; k < n; k++) {
		nr_span s = nr_article_sentence(a, k);
		if (s.start <= ev.start && ev.start < s.end && s.start < from)
			from = s.start;
		if (s.start < ev.end && ev.end <= s.end && s.end > to)
			to = s.end;
	}
	if (context) {
		nr_span c = nr_alert_evidence_context(al, i, 1);
		from = c.start;
		to = c.end;
	}
	bool whole = from == ev.start && to == ev.end;
	const char *on = color ? "\033[1;33m" : (whole ? "" : "\u2039");
	const char *off = color ? "\033[0m" : (whole ? "" : "\u203a");
	fputs("    ", f);
	put_text(f, text + from, ev.start - from, context);
	fputs(on, f);
	put_text(f, text + ev.start, ev.end - ev.start, context);
	fputs(off, f);
	put_text(f, text + ev.end, to - ev.end, context);
	fputc('\n', f);
}

static void put_or_dash(FILE *f, const char *s, size_t len)
{
	if (s)
		cli_put_safe(f, s, len);
	else
		fputc('-', f);
}

/* An article's id or title, which every alert on it repeats: whole up to
 * META_MAX bytes (as in the JSON form), else its size only. */
#define META_MAX 4096

static void put_meta(FILE *f, const char *s)
{
	if (strnlen(s, META_MAX + 1) <= META_MAX)
		cli_print(f, "%s", s);
	else
		cli_print(f, "(%zu bytes, left out)", strlen(s));
}

/* After an actor or target whose identity is known, " [USA]", or
 * " [USA, United States]" when the alert names it otherwise. */
static void put_identity(FILE *f, const nr_alert *al, nr_party_role role)
{
	const char *id = NULL, *canonical = NULL;
	nr_alert_identity(al, role, &id, &canonical);
	const char *name = role == NR_PARTY_ACTOR ? nr_alert_actor(al) : nr_alert_target(al);
	if (!id)
		return;
	if (name && strcmp(name, canonical) == 0)
		cli_print(f, " [%s]", id);
	else
		cli_print(f, " [%s, %s]", id, canonical);
}

static void print_alert_text(FILE *f, const scan_ctx *ctx, const nr_alert *al)
{
	const nr_article *a = nr_alert_article(al);
	const char *title = nr_article_title(a);
	bool color = ctx->color;
	/* Every string here is a rule's or an article's: written safe. */
	fputs(color ? "\033[1m" : "", f);
	put_meta(f, nr_article_id(a));
	fputs(color ? "\033[0m" : "", f);
	cli_print(f, "  [%s] %s: ", nr_alert_severity(al), nr_alert_rule_id(al));
	cli_put_safe(f, nr_alert_message(al), nr_alert_message_len(al));
	fputc('\n', f);
	if (title[0]) {
		fputs("    article: ", f);
		put_meta(f, title);
		fputc('\n', f);
	}
	if (nr_alert_actor(al) || nr_alert_target(al)) {
		fputs("    actor: ", f);
		put_or_dash(f, nr_alert_actor(al), nr_alert_actor_len(al));
		put_identity(f, al, NR_PARTY_ACTOR);
		fputs("   target: ", f);
		put_or_dash(f, nr_alert_target(al), nr_alert_target_len(al));
		put_identity(f, al, NR_PARTY_TARGET);
		fputc('\n', f);
	}
	for (size_t i = 0; i < nr_alert_evidence_count(al); i++)
		print_evidence(f, al, i, color, ctx->json_flags != 0);
	fputc('\n', f);
}

void scan_error_to(FILE *f, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(f, "%s: ", nr_cli_prog);
	cli_vprint_line(f, fmt, ap);
	va_end(ap);
}

void scan_write_alert(const scan_ctx *ctx, const nr_alert *al, FILE *f, FILE *err,
		      const char *source)
{
	if (ctx->text_format) {
		print_alert_text(f, ctx, al);
		return;
	}
	char *js = NULL;
	int rc = nr_alert_to_json_ext(al, ctx->json_flags, &js);
	if (rc == NR_OK) {
		fputs(js, f);
		fputc('\n', f);
		nr_free(js);
	} else {
		scan_error_to(err, "%s: cannot write an alert as JSON: %s", source,
			      nr_strerror(rc));
	}
}

/* "newsrules: <what>: <reason>\n", as cli_error() writes it; malloc'd,
 * NULL for want of memory. */
static char *error_line(const char *what, const char *reason)
{
	char *s = NULL;
	size_t len;
	FILE *f = open_memstream(&s, &len);
	if (!f)
		return NULL;
	scan_error_to(f, "%s: %s", what, reason);
	if (fclose(f) != 0) {
		free(s);
		return NULL;
	}
	return s;
}

static int on_item(const nr_read_item *item, void *payload)
{
	scan_ctx *ctx = payload;
	if (!item->error) {
		scan_jobs_submit(ctx, scan_article_job(item->article, item->source));
		return 0;
	}
	/* Reported exactly as inspect does, so nothing is lost. */
	char *err = error_line(item->source,
			       item->message ? item->message : nr_strerror(item->error));
	char *js = NULL, *line = NULL;
	bool oom = !err;
	if (err && !ctx->text_format && nr_read_item_error_json(item, &js) == NR_OK) {
		if ((line = malloc(strlen(js) + 2)) != NULL)
			sprintf(line, "%s\n", js);
		oom = !line;
		nr_free(js);
	}
	scan_jobs_submit(ctx, oom ? NULL : scan_note_job(err, line, true));
	free(err);
	free(line);
	return 0;
}

/* A stream (stdin, a pipe, a FIFO) is pushed to a reader as it comes:
 * each article is scanned when its record is complete, and what is done
 * is written out whenever the input is quiet. */
typedef struct scan_stream {
	scan_ctx *ctx;
	nr_reader *reader;
} scan_stream;

static bool stream_chunk(const char *data, size_t len, void *payload)
{
	scan_stream *st = payload;
	return nr_reader_push(st->reader, data, len) != NR_EABORT;
}

static void stream_idle(void *payload)
{
	scan_stream *st = payload;
	scan_jobs_sync(st->ctx);
}

static void scan_stream_input(scan_ctx *ctx, const char *path)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	nr_read_options o = ctx->opts;
	o.name = path;
	scan_stream st = { ctx, NULL };
	if (fd < 0 || nr_reader_new(&st.reader, &o, on_item, ctx) != NR_OK) {
		/* The reader reports why as an error record. */
		nr_read_file(path, &ctx->opts, on_item, ctx);
	} else {
		ctx->streaming = true;
		int err = cli_read_chunks(fd, stream_chunk, stream_idle, &st);
		nr_reader_finish(st.reader);
		nr_reader_free(st.reader);
		if (err) {
			char msg[256];
			snprintf(msg, sizeof(msg), "read error: %s", strerror(err));
			nr_read_item item = { NULL, NR_EIO, msg, path, 0, ctx->opts.format };
			on_item(&item, ctx);
		}
		ctx->streaming = false;
	}
	if (fd >= 0 && !is_stdin)
		close(fd);
}

static void on_path(const char *path, void *payload)
{
	scan_ctx *ctx = payload;
	if (cli_is_stream(path))
		scan_stream_input(ctx, path);
	else
		nr_read_file(path, &ctx->opts, on_item, ctx);
	scan_jobs_submit(ctx, scan_flush_job());
}

static void on_path_error(const char *path, const char *reason, void *payload)
{
	scan_ctx *ctx = payload;
	char *err = error_line(path, reason);
	scan_jobs_submit(ctx, err ? scan_note_job(err, NULL, true) : NULL);
	free(err);
}

static void scan_usage(FILE *f)
{
	fprintf(f, "usage: newsrules scan [options] FILE|DIR|-...\n"
		   "\n"
		   "Run Lua rules over articles. Each alert is one JSON object per line:\n"
		   "rule, title, severity, tags[], message, evidence[] {start,end,text}\n"
		   "(0-based byte offsets into the article text, end exclusive), fields\n"
		   "{actor, target, actor_id, actor_canonical, target_id, target_canonical,\n"
		   "...}, article {id,title,url,published,extra}\n"
		   "(values too large to repeat per alert named in article.left_out),\n"
		   "ruleset. With --with-text, article.text holds that text itself.\n"
		   "An input that cannot be read is reported as in 'inspect'.\n"
		   "'-' (stdin), a pipe or a FIFO is read as it comes: each JSON Lines\n"
		   "record (or 0x1E-framed document) is scanned when it is complete and\n"
		   "its alerts are written at once, while the stream is still open\n"
		   "(docs/formats.md, \"Streams\").\n"
		   "\n"
		   "options:\n"
		   "  -r, --rules FILE|DIR     rule file or directory (repeatable); default:\n"
		   "                           the shipped rule pack\n"
		   "  -L, --lexicon NAME=FILE  load FILE (TSV or a plain list) as lexicon NAME\n"
		   "                           for the rules and, for persons, organizations,\n"
		   "                           titles ..., the extractors (repeatable)\n"
		   "  -f, --format jsonl|text  output format (default jsonl)\n"
		   "  -i, --input-format F     auto, text, html, feed (rss/atom), nitf, jsonl\n"
		   "      --max-bytes N        refuse an input larger than N bytes, or one\n"
		   "                           record of a JSON Lines or RS-framed input\n"
		   "                           (default 16 MiB)\n"
		   "      --min-severity S     only alerts of severity S or above\n"
		   "                           (info, low, medium, high, critical)\n"
		   "      --tag T              only alerts of rules tagged T (repeatable)\n"
		   "      --with-text[=full|context]  alerts carry the text the evidence offsets\n"
		   "                           point into: article.text, the whole clean text\n"
		   "                           (full, the default), or evidence[].context\n"
		   "                           {start,end,text}, the sentences holding each\n"
		   "                           span and one on either side (context); text\n"
		   "                           output prints that context around the evidence\n"
		   "      --log FILE           write the lines rules log (news.log, print) to\n"
		   "                           FILE instead of stderr\n"
		   "      --stats              print per-rule time, outcome counts and log\n"
		   "                           lines to stderr\n"
		   "      --alert-status       exit with status 4 when alerts were found\n"
		   "      --color auto|always|never  highlight evidence in text output\n"
		   "                           (auto: on a terminal, unless NO_COLOR is set)\n"
		   "      --strict             stop when a rule file is rejected\n"
		   "  -j, --jobs N             scan with N threads, one scanner each (default\n"
		   "                           1; 0 or auto: one per online CPU). Output,\n"
		   "                           messages, --stats counts and the exit status\n"
		   "                           are those of --jobs 1, in input order; at most\n"
		   "                           8 articles per thread are held at once\n"
		   "      --deadline-ms N      wall-clock budget per rule per article (2000)\n"
		   "      --max-instructions N Lua instructions per rule per article (20000000)\n"
		   "      --max-memory N       Lua heap of the scanner in bytes (256 MiB)\n"
		   "  -h, --help               show this help\n"
		   "\n"
		   "A rule failing on an article (error, budget overrun) is reported on\n"
		   "stderr, once per rule and kind of error, and the scan goes on.\n"
		   "\n"
		   "Exit status: 0 clean; 1 some input failed; 2 usage error; 3 a rule\n"
		   "file was rejected or a rule failed on an article (with --strict a\n"
		   "rejected file stops everything); 4 alerts found, with --alert-status\n"
		   "and nothing failed. When several apply: 2, then 3, then 1, then 4.\n");
}

/* What the command line asks of scan beyond the scan context. */
typedef struct scan_args {
	char **rules; /* -r paths */
	size_t nrules;
	bool strict, alert_status;
	const char *color; /* auto, always, never */
} scan_args;

/* Sentinel of the option parsers: go on (any other value is the exit
 * status to end with). */
#define SCAN_GO_ON (-1)
/* The most --jobs threads. */
#define SCAN_MAX_JOBS 256
/* Long options without a letter. */
enum { SCAN_OPT_LOG = 256, SCAN_OPT_WITH_TEXT };

/* --deadline-ms, --max-instructions, --max-memory: the scanner's budgets. */
static int parse_budget(int c, const char *arg, nr_scanner_options *so)
{
	unsigned long long v;
	const char *name = c == 'D' ? "deadline-ms" : c == 'I' ? "max-instructions" : "max-memory";
	if (!cli_parse_count(name, arg, c == 'D' ? 3600000ull : SIZE_MAX, &v))
		return NR_EXIT_USAGE;
	if (c == 'D')
		so->deadline_ms = (unsigned)v;
	else if (c == 'I')
		so->max_instructions = (unsigned long)v;
	else
		so->max_memory = (size_t)v;
	return SCAN_GO_ON;
}

/* --jobs N: N scanning threads; 0 or auto: one per online CPU. */
static int parse_jobs(const char *arg, int *jobs)
{
	char *end;
	unsigned long v = strtoul(arg, &end, 10);
	if (!strcmp(arg, "auto") || (arg[0] == '0' && !arg[1])) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		*jobs = n < 1 ? 1 : n > SCAN_MAX_JOBS ? SCAN_MAX_JOBS : (int)n;
	} else if (arg[0] >= '1' && arg[0] <= '9' && !*end && v <= SCAN_MAX_JOBS) {
		*jobs = (int)v;
	} else {
		cli_error("--jobs wants a whole number from 1 to %d, or 0 or auto (one per "
			  "online CPU), not '%s'",
			  SCAN_MAX_JOBS, arg);
		return NR_EXIT_USAGE;
	}
	return SCAN_GO_ON;
}

/* One option of scan (getopt's c and optarg). */
static int parse_scan_option(int c, char *arg, scan_ctx *ctx, scan_args *a)
{
	switch (c) {
	case 'r': a->rules[a->nrules++] = arg; return SCAN_GO_ON;
	case 'L': return cli_lexicon_option(arg) ? SCAN_GO_ON : NR_EXIT_USAGE;
	case 'A': a->alert_status = true; return SCAN_GO_ON;
	case 'C':
		if (strcmp(arg, "auto") && strcmp(arg, "always") && strcmp(arg, "never")) {
			cli_error("--color wants auto, always or never, not '%s'", arg);
			return NR_EXIT_USAGE;
		}
		a->color = arg;
		return SCAN_GO_ON;
	case 'f':
		return cli_parse_output_format(arg, "jsonl", &ctx->text_format) ? SCAN_GO_ON
										: NR_EXIT_USAGE;
	case 'i':
	case 'm': return cli_parse_read_option(c, arg, &ctx->opts) ? SCAN_GO_ON : NR_EXIT_USAGE;
	case 's':
		ctx->min_rank = nr_severity_rank(arg);
		if (ctx->min_rank < 0) {
			cli_error("unknown severity '%s' (info, low, medium, high, critical)", arg);
			return NR_EXIT_USAGE;
		}
		return SCAN_GO_ON;
	case 't': ctx->tags[ctx->ntags++] = arg; return SCAN_GO_ON;
	case 'S': ctx->stats = true; return SCAN_GO_ON;
	case 'j': return parse_jobs(arg, &ctx->jobs);
	case 'X': a->strict = true; return SCAN_GO_ON;
	case 'D':
	case 'I':
	case 'M': return parse_budget(c, arg, &ctx->so);
	case SCAN_OPT_LOG: return cli_log_open(arg) ? SCAN_GO_ON : NR_EXIT_USAGE;
	case SCAN_OPT_WITH_TEXT:
		if (!arg || !strcmp(arg, "full"))
			ctx->json_flags = NR_ALERT_JSON_TEXT;
		else if (!strcmp(arg, "context"))
			ctx->json_flags = NR_ALERT_JSON_CONTEXT;
		else {
			cli_error("--with-text wants full or context, not '%s'", arg);
			return NR_EXIT_USAGE;
		}
		return SCAN_GO_ON;
	case 'h': scan_usage(stdout); return NR_EXIT_OK;
	default: scan_usage(stderr); return NR_EXIT_USAGE;
	}
}

static int parse_scan_args(int argc, char **argv, scan_ctx *ctx, scan_args *a)
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "lexicon", required_argument, NULL, 'L' },
		{ "format", required_argument, NULL, 'f' },
		{ "input-format", required_argument, NULL, 'i' },
		{ "max-bytes", required_argument, NULL, 'm' },
		{ "min-severity", required_argument, NULL, 's' },
		{ "tag", required_argument, NULL, 't' },
		{ "stats", no_argument, NULL, 'S' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "strict", no_argument, NULL, 'X' },
		{ "deadline-ms", required_argument, NULL, 'D' },
		{ "max-instructions", required_argument, NULL, 'I' },
		{ "max-memory", required_argument, NULL, 'M' },
		{ "color", required_argument, NULL, 'C' },
		{ "alert-status", no_argument, NULL, 'A' },
		{ "log", required_argument, NULL, SCAN_OPT_LOG },
		{ "with-text", optional_argument, NULL, SCAN_OPT_WITH_TEXT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "r:L:f:i:j:h", longopts, NULL)) != -1) {
		int st = parse_scan_option(c, optarg, ctx, a);
		if (st != SCAN_GO_ON)
			return st;
	}
	if (optind >= argc) {
		cli_error("scan: no input (give files, directories or - for stdin)");
		scan_usage(stderr);
		return NR_EXIT_USAGE;
	}
	return SCAN_GO_ON;
}

/* Colour on "always", or on "auto" when stdout is a terminal that can. */
static bool want_color(const char *color)
{
	if (!strcmp(color, "always"))
		return true;
	if (strcmp(color, "auto"))
		return false;
	const char *term = getenv("TERM");
	return isatty(STDOUT_FILENO) && !getenv("NO_COLOR") && term && strcmp(term, "dumb") != 0;
}

/* Load the rules, start the scanners, scan every input; the exit status. */
static int run_scan(scan_ctx *ctx, const scan_args *a, char **inputs, int ninputs)
{
	nr_ruleset *rs = NULL;
	int rc = cli_load_rules(&rs, a->rules, a->nrules, a->strict, false);
	if (!rs || (rc && a->strict)) {
		nr_ruleset_free(rs);
		return NR_EXIT_RULES;
	}
	bool rejected = rc != NR_OK;
	ctx->rs = rs;
	int status = scan_jobs_start(ctx);
	if (status == NR_EXIT_OK) {
		cli_walk_inputs(inputs, ninputs, on_path, on_path_error, ctx);
		scan_jobs_finish(ctx);
		scan_report_hidden(ctx);
		if (ctx->stats)
			scan_print_stats(ctx);
		status = (rejected || ctx->rule_errors)     ? NR_EXIT_RULES
			 : ctx->errors                      ? NR_EXIT_INPUT_ERROR
			 : (a->alert_status && ctx->alerts) ? NR_EXIT_ALERTS
							    : NR_EXIT_OK;
	}
	scan_jobs_free(ctx);
	nr_ruleset_free(rs);
	return status;
}

int cmd_scan(int argc, char **argv)
{
	scan_ctx ctx = { 0 };
	nr_read_options def = NR_READ_OPTIONS_INIT;
	ctx.opts = def;
	nr_scanner_options sdef = NR_SCANNER_OPTIONS_INIT;
	ctx.so = sdef;
	ctx.jobs = 1;
	scan_args a = { NULL, 0, false, false, "auto" };
	/* Room for every argument: -r and --tag may repeat. */
	a.rules = calloc((size_t)argc + 1, sizeof(*a.rules));
	ctx.tags = calloc((size_t)argc + 1, sizeof(*ctx.tags));
	int status = NR_EXIT_INPUT_ERROR;
	if (!a.rules || !ctx.tags) {
		cli_error("out of memory");
	} else {
		status = parse_scan_args(argc, argv, &ctx, &a);
		if (status == SCAN_GO_ON) {
			ctx.color = want_color(a.color);
			status = run_scan(&ctx, &a, argv + optind, argc - optind);
		}
	}
	if (!cli_log_close() && status == NR_EXIT_OK)
		status = NR_EXIT_INPUT_ERROR;
	free(a.rules);
	free(ctx.tags);
	return status;
}
