/* scan.c - `newsrules scan`: run a rule set over articles, print alerts. */
#include "cli.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

typedef struct scan_ctx {
	bool text_format;
	bool color; /* highlight evidence (text format on a terminal) */
	bool stats;
	unsigned json_flags; /* --with-text: NR_ALERT_JSON_TEXT or _CONTEXT */
	int min_rank;
	char **tags; /* --tag values */
	size_t ntags;
	nr_read_options opts;
	nr_scanner *scanner;
	const nr_ruleset *rs;
	size_t articles, alerts, errors, rule_errors;
	/* Rule errors are logged once per rule and class; the rest counted. */
	bool *logged;          /* [rule * NR_OUTCOME_COUNT_ + outcome] */
	unsigned long *hidden; /* same shape: errors not shown */
	nr_scanner_options so;
	const char *source;
} scan_ctx;

static bool wanted(const scan_ctx *ctx, const nr_alert *al)
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
static void put_text(const char *s, size_t n, bool lines)
{
	const char *end = s + n, *nl;
	while (lines && (nl = memchr(s, '\n', (size_t)(end - s))) != NULL) {
		cli_put_safe(stdout, s, (size_t)(nl - s));
		fputs("\n    ", stdout);
		for (s = nl; s < end && *s == '\n'; s++)
			;
	}
	cli_put_safe(stdout, s, (size_t)(end - s));
}

/* The sentence(s) around evidence i, with the span highlighted on a
 * terminal (bold yellow) and marked with ‹ › elsewhere when it is only part
 * of them; with --with-text, one more sentence on either side. */
static void print_evidence(const nr_alert *al, size_t i, bool color, bool context)
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
	fputs("    ", stdout);
	put_text(text + from, ev.start - from, context);
	fputs(on, stdout);
	put_text(text + ev.start, ev.end - ev.start, context);
	fputs(off, stdout);
	put_text(text + ev.end, to - ev.end, context);
	putchar('\n');
}

static void put_or_dash(const char *s, size_t len)
{
	if (s)
		cli_put_safe(stdout, s, len);
	else
		putchar('-');
}

/* An article's id or title, which every alert on it repeats: whole up to
 * META_MAX bytes (as in the JSON form), else its size only. */
#define META_MAX 4096

static void put_meta(const char *s)
{
	if (strnlen(s, META_MAX + 1) <= META_MAX)
		cli_print(stdout, "%s", s);
	else
		cli_print(stdout, "(%zu bytes, left out)", strlen(s));
}

/* After an actor or target whose identity is known, " [USA]", or
 * " [USA, United States]" when the alert names it otherwise. */
static void put_identity(const nr_alert *al, nr_party_role role)
{
	const char *id = NULL, *canonical = NULL;
	nr_alert_identity(al, role, &id, &canonical);
	const char *name = role == NR_PARTY_ACTOR ? nr_alert_actor(al) : nr_alert_target(al);
	if (!id)
		return;
	if (name && strcmp(name, canonical) == 0)
		cli_print(stdout, " [%s]", id);
	else
		cli_print(stdout, " [%s, %s]", id, canonical);
}

static void print_alert_text(const scan_ctx *ctx, const nr_alert *al)
{
	const nr_article *a = nr_alert_article(al);
	const char *title = nr_article_title(a);
	bool color = ctx->color;
	/* Every string here is a rule's or an article's: written safe. */
	fputs(color ? "\033[1m" : "", stdout);
	put_meta(nr_article_id(a));
	fputs(color ? "\033[0m" : "", stdout);
	cli_print(stdout, "  [%s] %s: ", nr_alert_severity(al), nr_alert_rule_id(al));
	cli_put_safe(stdout, nr_alert_message(al), nr_alert_message_len(al));
	putchar('\n');
	if (title[0]) {
		fputs("    article: ", stdout);
		put_meta(title);
		putchar('\n');
	}
	if (nr_alert_actor(al) || nr_alert_target(al)) {
		fputs("    actor: ", stdout);
		put_or_dash(nr_alert_actor(al), nr_alert_actor_len(al));
		put_identity(al, NR_PARTY_ACTOR);
		fputs("   target: ", stdout);
		put_or_dash(nr_alert_target(al), nr_alert_target_len(al));
		put_identity(al, NR_PARTY_TARGET);
		putchar('\n');
	}
	for (size_t i = 0; i < nr_alert_evidence_count(al); i++)
		print_evidence(al, i, color, ctx->json_flags != 0);
	putchar('\n');
}

static int on_alert(const nr_alert *al, void *payload)
{
	scan_ctx *ctx = payload;
	if (!wanted(ctx, al))
		return 0;
	ctx->alerts++;
	if (ctx->text_format) {
		print_alert_text(ctx, al);
		return 0;
	}
	char *js = NULL;
	int rc = nr_alert_to_json_ext(al, ctx->json_flags, &js);
	if (rc == NR_OK) {
		puts(js);
		nr_free(js);
	} else {
		cli_error("%s: cannot write an alert as JSON: %s", ctx->source, nr_strerror(rc));
	}
	return 0;
}

/*
 * Which rule and error class a scanner message is about. Messages read
 * "rule '<id>' (<file>:<line>) on <article>: <class>: <reason>"; anything
 * else (a rule being disabled) is a notice.
 */
static bool error_origin(const scan_ctx *ctx, const char *msg, size_t *rule, int *outcome)
{
	if (strncmp(msg, "rule '", 6) != 0)
		return false;
	const char *id = msg + 6;
	for (size_t r = 0; r < nr_ruleset_rule_count(ctx->rs); r++) {
		const char *rid = nr_ruleset_rule_id(ctx->rs, r);
		size_t n = strlen(rid);
		if (strncmp(id, rid, n) != 0 || strncmp(id + n, "' (", 3) != 0)
			continue;
		const char *on = strstr(id + n, ") on ");
		for (int o = NR_OUTCOME_ERR_RUNTIME; on && o < NR_OUTCOME_COUNT_; o++) {
			char tag[64];
			snprintf(tag, sizeof(tag), ": %s: ", nr_outcome_name((nr_outcome)o));
			if (strstr(on, tag)) {
				*rule = r;
				*outcome = o;
				return true;
			}
		}
		return false;
	}
	return false;
}

static void report_hidden(const scan_ctx *ctx)
{
	for (size_t r = 0; r < nr_ruleset_rule_count(ctx->rs); r++)
		for (int o = 0; o < NR_OUTCOME_COUNT_; o++) {
			unsigned long n = ctx->hidden[r * NR_OUTCOME_COUNT_ + (size_t)o];
			if (n)
				cli_error(
				    "rule '%s': %lu more %s error%s not shown (the first is above)",
				    nr_ruleset_rule_id(ctx->rs, r), n,
				    nr_outcome_name((nr_outcome)o), n == 1 ? "" : "s");
		}
}

static int on_item(const nr_read_item *item, void *payload)
{
	scan_ctx *ctx = payload;
	if (item->error) {
		/* Reported exactly as inspect does, so nothing is lost. */
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
	ctx->source = item->source;
	nr_scanner_scan(ctx->scanner, item->article, on_alert, ctx);
	for (size_t i = 0; i < nr_scanner_error_count(ctx->scanner); i++) {
		const char *msg = nr_scanner_error(ctx->scanner, i);
		size_t r;
		int o;
		if (!error_origin(ctx, msg, &r, &o)) {
			cli_error("%s", msg); /* a notice, such as a rule disabled */
			continue;
		}
		ctx->rule_errors++;
		size_t k = r * NR_OUTCOME_COUNT_ + (size_t)o;
		if (ctx->logged[k]) {
			ctx->hidden[k]++;
		} else {
			ctx->logged[k] = true;
			cli_error("%s", msg);
		}
	}
	nr_article_free(item->article);
	return 0;
}

static void on_path(const char *path, void *payload)
{
	scan_ctx *ctx = payload;
	nr_read_file(path, &ctx->opts, on_item, ctx);
	fflush(stdout);
}

static void on_path_error(const char *path, const char *reason, void *payload)
{
	scan_ctx *ctx = payload;
	ctx->errors++;
	cli_error("%s: %s", path, reason);
}

static void print_stats(const scan_ctx *ctx)
{
	fprintf(stderr, "%zu articles, %zu alerts, %zu input errors, %zu rule errors\n",
		ctx->articles, ctx->alerts, ctx->errors, ctx->rule_errors);
	fprintf(stderr, "  entity and quote extraction: %.3f ms\n",
		(double)nr_scanner_analysis_time_ns(ctx->scanner) / 1e6);
	unsigned long logged = 0, held = 0;
	for (size_t r = 0; r < nr_ruleset_rule_count(ctx->rs); r++) {
		fprintf(stderr, "  %-32s %10.3f ms", nr_ruleset_rule_id(ctx->rs, r),
			(double)nr_scanner_rule_time_ns(ctx->scanner, r) / 1e6);
		for (int o = 0; o < NR_OUTCOME_COUNT_; o++) {
			unsigned long n = nr_scanner_rule_outcomes(ctx->scanner, r, (nr_outcome)o);
			if (n)
				fprintf(stderr, " %s=%lu", nr_outcome_name((nr_outcome)o), n);
		}
		unsigned long sup, n = nr_scanner_log_count(ctx->scanner, r, &sup);
		if (n)
			fprintf(stderr, " log=%lu", n);
		if (sup)
			fprintf(stderr, " log-suppressed=%lu", sup);
		logged += n;
		held += sup;
		fputc('\n', stderr);
	}
	fprintf(stderr, "  log lines (news.log, print): %lu written, %lu suppressed\n", logged,
		held);
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
		   "\n"
		   "options:\n"
		   "  -r, --rules FILE|DIR     rule file or directory (repeatable); default:\n"
		   "                           the shipped rule pack\n"
		   "  -L, --lexicon NAME=FILE  load FILE (TSV or a plain list) as lexicon NAME\n"
		   "                           for the rules and, for persons, organizations,\n"
		   "                           titles ..., the extractors (repeatable)\n"
		   "  -f, --format jsonl|text  output format (default jsonl)\n"
		   "  -i, --input-format F     auto, text, html, feed (rss/atom), nitf, jsonl\n"
		   "      --max-bytes N        refuse inputs larger than N bytes (default 16 MiB)\n"
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
	while ((c = getopt_long(argc, argv, "r:L:f:i:h", longopts, NULL)) != -1) {
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

/* Load the rules, make the scanner, scan every input; the exit status. */
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
	rc = nr_scanner_new(&ctx->scanner, rs, &ctx->so);
	if (rc) {
		cli_error("cannot start a scanner: %s", cli_scanner_error(ctx->scanner, rc));
		nr_scanner_free(ctx->scanner);
		nr_ruleset_free(rs);
		return NR_EXIT_RULES;
	}
	nr_scanner_set_log(ctx->scanner, cli_log_write, &cli_logger);
	size_t slots = nr_ruleset_rule_count(rs) * NR_OUTCOME_COUNT_;
	ctx->logged = calloc(slots ? slots : 1, sizeof(*ctx->logged));
	ctx->hidden = calloc(slots ? slots : 1, sizeof(*ctx->hidden));
	int status = NR_EXIT_INPUT_ERROR;
	if (!ctx->logged || !ctx->hidden) {
		cli_error("out of memory");
	} else {
		cli_walk_inputs(inputs, ninputs, on_path, on_path_error, ctx);
		report_hidden(ctx);
		if (ctx->stats)
			print_stats(ctx);
		status = (rejected || ctx->rule_errors)     ? NR_EXIT_RULES
			 : ctx->errors                      ? NR_EXIT_INPUT_ERROR
			 : (a->alert_status && ctx->alerts) ? NR_EXIT_ALERTS
							    : NR_EXIT_OK;
	}
	nr_scanner_free(ctx->scanner);
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
	free(ctx.logged);
	free(ctx.hidden);
	free(a.rules);
	free(ctx.tags);
	return status;
}
