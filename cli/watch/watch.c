/*
 * watch.c - `newsrules watch [options] SOURCE...`: options, start, stop.
 * The pieces are described in watch.h; the user's guide is docs/watch.md.
 */
#include "watch.h"

#include "net.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WATCH_MAX_JOBS 256
/* Items waiting for a worker, per worker; and scanned, for delivery. */
#define WATCH_QUEUE_PER_JOB 8
#define WATCH_OUT_QUEUE 512

static void watch_usage(FILE *f)
{
	fprintf(f, "usage: newsrules watch [options] SOURCE...\n"
		   "\n"
		   "Run rules over articles as they arrive, until stopped. SOURCE is:\n"
		   "  DIR            the files in it (sorted), then every file written or\n"
		   "                 moved into it or a new folder under it (inotify);\n"
		   "                 hidden and partial (*.part, *.tmp, ...) files skipped\n"
		   "  -              a JSON Lines stream on stdin, scanned record by record\n"
		   "  http(s)://URL  an RSS/Atom feed polled every --poll seconds; each new\n"
		   "                 item scanned once (by guid, else link)\n"
		   "Alerts are scan's JSON Lines records (\"ruleset\": the hash of the rule\n"
		   "set that made them); an input that cannot be read gives scan's error\n"
		   "record, on stderr and to the sinks.\n"
		   "\n"
		   "options:\n"
		   "  -r, --rules FILE|DIR     rule file or directory (repeatable); default:\n"
		   "                           the shipped rule pack. Reloaded on SIGHUP or\n"
		   "                           when a file under them changes\n"
		   "  -L, --lexicon NAME=FILE  as for scan (repeatable)\n"
		   "  -i, --input-format F     auto, text, html, feed, nitf, jsonl\n"
		   "      --max-bytes N        refuse an input file or stdin record larger\n"
		   "                           than N bytes (default 16 MiB)\n"
		   "      --deadline-ms N      wall-clock budget per rule per article (2000)\n"
		   "      --max-instructions N Lua instructions per rule per article\n"
		   "      --max-memory N       Lua heap of each scanner in bytes\n"
		   "  -j, --jobs N             N scanning threads (default 1; 0 or auto: one\n"
		   "                           per CPU); alerts go out as articles finish\n"
		   "      --state DIR          keep what was seen and delivered in\n"
		   "                           DIR/state.db (SQLite): a restart neither\n"
		   "                           re-alerts nor misses anything (default: a\n"
		   "                           temporary file, for this run only)\n"
		   "      --sink SPEC          where alerts go (repeatable; default -):\n"
		   "                             -                 stdout, JSON Lines\n"
		   "                             file:PATH[?rotate=SIZE[&keep=N]]  appended,\n"
		   "                                               fsync'd per batch, exactly\n"
		   "                                               once across crashes; rotated\n"
		   "                                               past SIZE (100M), N old\n"
		   "                                               files kept (5)\n"
		   "                             exec:COMMAND      one long-lived /bin/sh -c\n"
		   "                                               COMMAND fed the lines on its\n"
		   "                                               stdin, restarted if it exits\n"
		   "                             http(s)://URL     POSTed batches, retried\n"
		   "      --stats-every SECONDS  print counters as one JSON line on stderr\n"
		   "      --poll SECONDS       feed period (default 300)\n"
		   "      --dedup-window D     how long an article's fingerprint is kept for\n"
		   "                           near-duplicate stories: seconds, or 90m, 24h,\n"
		   "                           7d (default 24h); a copy of a story seen\n"
		   "                           within it gives no alert the story gave (same\n"
		   "                           rule, actor and target); its other alerts\n"
		   "                           carry \"duplicate_of\"\n"
		   "      --dedup-threshold C  least containment of a copy (default 0.5)\n"
		   "      --no-dedup           every article's alerts, copies or not\n"
		   "  -h, --help               show this help\n"
		   "\n"
		   "Signals: SIGHUP reloads the rules (a broken rule file keeps the running\n"
		   "set); SIGTERM or SIGINT stop taking input, finish what was taken, deliver\n"
		   "it, and exit 0. With stdin as the only source, the end of the stream\n"
		   "does the same. A failed delivery is kept in the state and tried again.\n"
		   "\n"
		   "Exit status: 0 stopped cleanly; 1 could not start or run; 2 usage\n"
		   "error; 3 the rules could not be loaded at start.\n");
}

enum {
	OPT_MAX_BYTES = 256,
	OPT_DEADLINE,
	OPT_INSTRUCTIONS,
	OPT_MEMORY,
	OPT_STATE,
	OPT_SINK,
	OPT_STATS,
	OPT_POLL,
	OPT_DEDUP_WINDOW,
	OPT_DEDUP_THRESHOLD,
	OPT_NO_DEDUP
};
#define GO_ON (-1)

static int parse_jobs(const char *arg, int *jobs)
{
	unsigned long long v;
	if (!strcmp(arg, "auto") || !strcmp(arg, "0")) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		*jobs = n < 1 ? 1 : n > WATCH_MAX_JOBS ? WATCH_MAX_JOBS : (int)n;
		return GO_ON;
	}
	if (!cli_parse_count("jobs", arg, WATCH_MAX_JOBS, &v))
		return NR_EXIT_USAGE;
	*jobs = (int)v;
	return GO_ON;
}

static int parse_seconds(const char *name, const char *arg, unsigned *out)
{
	unsigned long long v;
	if (!cli_parse_count(name, arg, 86400ull * 365, &v))
		return NR_EXIT_USAGE;
	*out = (unsigned)v;
	return GO_ON;
}

/* --dedup-window: a number of seconds, or with s, m, h or d. */
static int parse_window(const char *arg, double *out)
{
	char *end;
	double v = strtod(arg, &end);
	double unit = !strcmp(end, "") || !strcmp(end, "s") ? 1
		      : !strcmp(end, "m")                   ? 60
		      : !strcmp(end, "h")                   ? 3600
		      : !strcmp(end, "d")                   ? 86400
							    : 0;
	if (end == arg || !(v > 0) || !unit || v * unit > 86400.0 * 365) {
		cli_error("--dedup-window wants a duration such as 3600, 90m, 24h or 7d (at most "
			  "a year), not '%s'",
			  arg);
		return NR_EXIT_USAGE;
	}
	*out = v * unit;
	return GO_ON;
}

static int parse_threshold(const char *arg, double *out)
{
	char *end;
	double v = strtod(arg, &end);
	if (end == arg || *end || !(v > 0) || v > 1) {
		cli_error("--dedup-threshold wants a containment above 0 and at most 1, not '%s'",
			  arg);
		return NR_EXIT_USAGE;
	}
	*out = v;
	return GO_ON;
}

static int parse_budget(int c, const char *arg, nr_scanner_options *so)
{
	unsigned long long v;
	const char *name = c == OPT_DEADLINE       ? "deadline-ms"
			   : c == OPT_INSTRUCTIONS ? "max-instructions"
						   : "max-memory";
	if (!cli_parse_count(name, arg, c == OPT_DEADLINE ? 3600000ull : SIZE_MAX, &v))
		return NR_EXIT_USAGE;
	if (c == OPT_DEADLINE)
		so->deadline_ms = (unsigned)v;
	else if (c == OPT_INSTRUCTIONS)
		so->max_instructions = (unsigned long)v;
	else
		so->max_memory = (size_t)v;
	return GO_ON;
}

static int parse_option(int c, char *arg, watch_opts *o)
{
	switch (c) {
	case 'r': o->rules[o->nrules++] = arg; return GO_ON;
	case 'L': return cli_lexicon_option(arg) ? GO_ON : NR_EXIT_USAGE;
	case 'i': return cli_parse_read_option('i', arg, &o->read) ? GO_ON : NR_EXIT_USAGE;
	case OPT_MAX_BYTES:
		return cli_parse_read_option('m', arg, &o->read) ? GO_ON : NR_EXIT_USAGE;
	case OPT_DEADLINE:
	case OPT_INSTRUCTIONS:
	case OPT_MEMORY: return parse_budget(c, arg, &o->so);
	case 'j': return parse_jobs(arg, &o->jobs);
	case OPT_STATE: o->state_dir = arg; return GO_ON;
	case OPT_SINK: return watch_sink_parse(&o->sinks[o->nsinks++], arg) ? GO_ON : NR_EXIT_USAGE;
	case OPT_STATS: return parse_seconds("stats-every", arg, &o->stats_every);
	case OPT_POLL: return parse_seconds("poll", arg, &o->poll);
	case OPT_DEDUP_WINDOW: return parse_window(arg, &o->dedup_window);
	case OPT_DEDUP_THRESHOLD: return parse_threshold(arg, &o->dedup_threshold);
	case OPT_NO_DEDUP: o->no_dedup = true; return GO_ON;
	case 'h': watch_usage(stdout); return NR_EXIT_OK;
	default: watch_usage(stderr); return NR_EXIT_USAGE;
	}
}

static int parse_args(int argc, char **argv, watch_opts *o)
{
	static const struct option longopts[] = {
		{ "rules", required_argument, NULL, 'r' },
		{ "lexicon", required_argument, NULL, 'L' },
		{ "input-format", required_argument, NULL, 'i' },
		{ "max-bytes", required_argument, NULL, OPT_MAX_BYTES },
		{ "deadline-ms", required_argument, NULL, OPT_DEADLINE },
		{ "max-instructions", required_argument, NULL, OPT_INSTRUCTIONS },
		{ "max-memory", required_argument, NULL, OPT_MEMORY },
		{ "jobs", required_argument, NULL, 'j' },
		{ "state", required_argument, NULL, OPT_STATE },
		{ "sink", required_argument, NULL, OPT_SINK },
		{ "stats-every", required_argument, NULL, OPT_STATS },
		{ "poll", required_argument, NULL, OPT_POLL },
		{ "dedup-window", required_argument, NULL, OPT_DEDUP_WINDOW },
		{ "dedup-threshold", required_argument, NULL, OPT_DEDUP_THRESHOLD },
		{ "no-dedup", no_argument, NULL, OPT_NO_DEDUP },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "r:L:i:j:h", longopts, NULL)) != -1) {
		int st = parse_option(c, optarg, o);
		if (st != GO_ON)
			return st;
	}
	if (optind >= argc) {
		cli_error("watch: no source (give directories, - for stdin, or feed URLs)");
		watch_usage(stderr);
		return NR_EXIT_USAGE;
	}
	o->sources = argv + optind;
	o->nsources = (size_t)(argc - optind);
	size_t stdin_sources = 0;
	for (size_t i = 0; i < o->nsources; i++)
		stdin_sources += !strcmp(o->sources[i], "-");
	if (stdin_sources > 1) {
		cli_error("watch: - (stdin) given more than once");
		return NR_EXIT_USAGE;
	}
	if (!o->nsinks && !watch_sink_parse(&o->sinks[o->nsinks++], "-"))
		return NR_EXIT_USAGE;
	return GO_ON;
}

/* Signals go to the signalfd of the main loop: blocked in every thread
 * (the workers inherit the mask). A closed pipe is an error, not death. */
static void block_signals(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
}

static bool open_sinks(watch_ctx *ctx)
{
	for (size_t i = 0; i < ctx->o.nsinks; i++)
		if (!watch_sink_open(&ctx->o.sinks[i]))
			return false;
	return true;
}

/* Start, run until stopped, stop; the exit status. */
static int run_watch(watch_ctx *ctx)
{
	block_signals();
	/* libcurl's process-wide set-up, before any thread. */
	if (net_global_init() != NET_OK) {
		cli_error("watch: cannot initialise libcurl");
		return NR_EXIT_INPUT_ERROR;
	}
	if (!watch_state_open(&ctx->state, ctx->o.state_dir) ||
	    !watch_dedup_open(ctx, &ctx->hook_payload))
		return NR_EXIT_INPUT_ERROR;
	if (!watch_rules_load(ctx, true))
		return NR_EXIT_RULES;
	if (!open_sinks(ctx) || !watch_deliver_recover(ctx))
		return NR_EXIT_INPUT_ERROR;
	watch_queue_init(&ctx->in_q, (size_t)ctx->o.jobs * WATCH_QUEUE_PER_JOB);
	watch_queue_init(&ctx->out_q, WATCH_OUT_QUEUE);
	int status = NR_EXIT_INPUT_ERROR;
	if (watch_deliver_start(ctx) && watch_workers_start(ctx))
		status = watch_loop(ctx);
	/* Stop taking input; what was taken is scanned and delivered. */
	watch_workers_join(ctx);
	watch_deliver_join(ctx);
	if (ctx->o.stats_every)
		watch_print_stats(ctx);
	watch_queue_destroy(&ctx->in_q);
	watch_queue_destroy(&ctx->out_q);
	return status;
}

static void free_ctx(watch_ctx *ctx)
{
	for (size_t i = 0; i < ctx->o.nsinks; i++)
		watch_sink_close(&ctx->o.sinks[i]);
	watch_feeds_free(ctx);
	watch_dedup_close(ctx->hook_payload);
	watch_state_close(ctx->state);
	nr_ruleslot_free(ctx->slot);
	for (size_t i = 0; i < ctx->nerr_rules; i++)
		free(ctx->err_rules[i]);
	free(ctx->err_rules);
	free(ctx->err_counts);
	free(ctx->o.rules);
	free(ctx->o.sinks);
	pthread_mutex_destroy(&ctx->stats_mu);
}

int cmd_watch(int argc, char **argv)
{
	watch_ctx ctx = { 0 };
	nr_read_options rdef = NR_READ_OPTIONS_INIT;
	nr_scanner_options sdef = NR_SCANNER_OPTIONS_INIT;
	ctx.o.read = rdef;
	ctx.o.so = sdef;
	ctx.o.jobs = 1;
	ctx.o.poll = 300;
	ctx.o.dedup_window = 86400;
	ctx.o.dedup_threshold = NR_FINGERPRINT_NEAR;
	ctx.sfd = -1;
	ctx.main_thread = pthread_self();
	ctx.hook = watch_dedup_hook;
	pthread_mutex_init(&ctx.stats_mu, NULL);
	/* Room for every argument: -r and --sink may repeat. */
	ctx.o.rules = calloc((size_t)argc + 1, sizeof(*ctx.o.rules));
	ctx.o.sinks = calloc((size_t)argc + 1, sizeof(*ctx.o.sinks));
	int status = NR_EXIT_INPUT_ERROR;
	if (!ctx.o.rules || !ctx.o.sinks) {
		cli_error("out of memory");
	} else {
		status = parse_args(argc, argv, &ctx.o);
		if (status == GO_ON)
			status = run_watch(&ctx);
	}
	free_ctx(&ctx);
	return status;
}
