/*
 * scan_jobs.c - `scan --jobs N`: one scanner per thread over the one rule
 * set, and output exactly as one scanner gives it.
 *
 * The reader (the main thread) hands each input item to the pool in input
 * order; a worker scans an article into memory (its alerts, log lines,
 * the scanner's messages and each rule's outcome); the main thread then
 * commits the items in input order: it writes what they wrote, decides
 * which rule errors are shown (once per rule and kind), counts outcomes,
 * and runs the circuit breaker over them. The breaker is the one thing a
 * scanner decides from the articles before (a rule failing five in a row
 * is tried on its probe article and disabled if it fails there too), so
 * the scanners leave it to the main thread, which keeps the count in input
 * order and has one scanner run the probe (nr_scanner_probe_rule()). An
 * article a worker scanned with a rule that the breaker had switched off
 * by then in input order has that rule's alerts, log lines and errors left
 * out, as if it had not run. With one job there is no thread: each item is
 * scanned and committed as it is read, by the same code.
 */
#include "scan.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The failures in a row after which a rule runs on its probe article:
 * nr_scanner_options.max_failures' default. */
#define SCAN_MAX_FAILURES 5u
/* Items in flight per worker: queued, scanned or waiting for their turn. */
#define SCAN_WINDOW_PER_JOB 8u

static int cmp_id(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The index of rule `id`, SIZE_MAX when there is none. */
static size_t rule_index(const scan_ctx *ctx, const char *id)
{
	if (!id)
		return SIZE_MAX;
	const char **hit = bsearch(&id, ctx->ids, ctx->nrules, sizeof(*ctx->ids), cmp_id);
	return hit ? ctx->id_index[hit - ctx->ids] : SIZE_MAX;
}

/* The rule a scanner message names ("rule '<id>' (file:line) ..."). */
static size_t message_rule(const scan_ctx *ctx, const char *msg)
{
	if (strncmp(msg, "rule '", 6) != 0)
		return SIZE_MAX;
	for (size_t r = 0; r < ctx->nrules; r++) {
		const char *rid = nr_ruleset_rule_id(ctx->rs, r);
		size_t n = strlen(rid);
		if (!strncmp(msg + 6, rid, n) && !strncmp(msg + 6 + n, "' (", 3))
			return r;
	}
	return SIZE_MAX;
}

/* ---- jobs ------------------------------------------------------------- */

static scan_job *job_new(scan_job_kind kind)
{
	scan_job *job = calloc(1, sizeof(*job));
	if (job)
		job->kind = kind;
	return job;
}

static void job_free(scan_job *job)
{
	if (!job)
		return;
	nr_article_free(job->article);
	for (int s = 0; s < SCAN_STREAMS; s++) {
		if (job->f[s])
			fclose(job->f[s]);
		free(job->buf[s]);
	}
	for (size_t i = 0; i < job->nerrors; i++)
		free(job->errors[i]);
	free(job->errors);
	free(job->segs);
	free(job->outcome);
	free(job->logs);
	free(job->source);
	free(job);
}

/* Memory streams for the job's output; false when they cannot be had. */
static bool job_open(scan_job *job, int streams)
{
	for (int s = 0; s < streams; s++)
		if (!(job->f[s] = open_memstream(&job->buf[s], &job->len[s])))
			return false;
	return true;
}

/* Close the streams: buf and len hold what was written. */
static bool job_close(scan_job *job)
{
	bool ok = true;
	for (int s = 0; s < SCAN_STREAMS; s++) {
		if (job->f[s] && (ferror(job->f[s]) || fclose(job->f[s]) != 0))
			ok = false;
		job->f[s] = NULL;
	}
	return ok;
}

scan_job *scan_note_job(const char *err, const char *out, bool input_error)
{
	scan_job *job = job_new(JOB_NOTE);
	if (!job)
		return NULL;
	job->input_error = input_error;
	if (!job_open(job, SCAN_ERR + 1)) {
		job->oom = true;
	} else {
		fputs(err, job->f[SCAN_ERR]);
		if (out)
			fputs(out, job->f[SCAN_OUT]);
		job->oom = !job_close(job);
	}
	return job;
}

scan_job *scan_article_job(nr_article *a, const char *source)
{
	scan_job *job = job_new(JOB_ARTICLE);
	if (!job) {
		nr_article_free(a);
		return NULL;
	}
	job->article = a;
	job->source = strdup(source);
	if (!job->source)
		job->oom = true;
	return job;
}

scan_job *scan_flush_job(void) { return job_new(JOB_FLUSH); }

static void add_seg(scan_job *job, int stream, size_t rule, long start, unsigned alerts)
{
	long end = ftell(job->f[stream]);
	if (rule == SIZE_MAX || start < 0 || end < start)
		return;
	if (job->nsegs == job->cap_segs) {
		size_t cap = job->cap_segs ? job->cap_segs * 2 : 16;
		scan_seg *n = realloc(job->segs, cap * sizeof(*n));
		if (!n) {
			job->oom = true;
			return;
		}
		job->segs = n;
		job->cap_segs = cap;
	}
	job->segs[job->nsegs++] = (scan_seg){ stream, rule, (size_t)start, (size_t)end, alerts };
}

/* ---- on a worker ------------------------------------------------------ */

static int worker_alert(const nr_alert *al, void *payload)
{
	scan_worker *w = payload;
	scan_job *job = w->job;
	if (!scan_wanted(w->ctx, al))
		return 0;
	size_t r = rule_index(w->ctx, nr_alert_rule_id(al));
	long out = ftell(job->f[SCAN_OUT]), err = ftell(job->f[SCAN_ERR]);
	scan_write_alert(w->ctx, al, job->f[SCAN_OUT], job->f[SCAN_ERR], job->source);
	add_seg(job, SCAN_OUT, r, out, 1);
	add_seg(job, SCAN_ERR, r, err, 0);
	job->alerts++;
	return 0;
}

static void worker_log(const nr_log_line *ll, void *payload)
{
	scan_worker *w = payload;
	int stream = cli_logger.f ? SCAN_LOG : SCAN_ERR;
	long start = ftell(w->job->f[stream]);
	w->log.f = w->job->f[stream];
	cli_log_write(ll, &w->log);
	add_seg(w->job, stream, rule_index(w->ctx, ll->rule), start, 0);
}

/* Rules the breaker switched off since the worker last looked. */
static void sync_off(scan_worker *w)
{
	unsigned gen = atomic_load(&w->ctx->off_gen);
	if (gen == w->off_seen)
		return;
	for (size_t r = 0; r < w->ctx->nrules; r++)
		if (atomic_load(&w->ctx->off[r]))
			nr_scanner_disable_rule(w->scanner, r);
	w->off_seen = gen;
}

/* Each rule's outcome and log lines on the article just scanned (its log
 * lines: what the scanner's count grew by, for the rules that ran). */
static bool take_outcomes(scan_worker *w, scan_job *job)
{
	size_t n = w->ctx->nrules;
	job->outcome = calloc(n ? n : 1, 1);
	job->logs = calloc(n ? n : 1, sizeof(*job->logs));
	if (!job->outcome || !job->logs)
		return false;
	for (size_t r = 0; r < n; r++) {
		nr_outcome o = nr_scanner_rule_last_outcome(w->scanner, r);
		job->outcome[r] = (unsigned char)(o == NR_OUTCOME_COUNT_ ? 0 : o);
		if (o == NR_OUTCOME_SKIPPED || o == NR_OUTCOME_DISABLED || o == NR_OUTCOME_COUNT_)
			continue; /* it did not run: it logged nothing */
		unsigned long held, lines = nr_scanner_log_count(w->scanner, r, &held);
		job->logs[r][0] = lines - w->logs[r][0];
		job->logs[r][1] = held - w->logs[r][1];
		w->logs[r][0] = lines;
		w->logs[r][1] = held;
	}
	return true;
}

static bool take_errors(const nr_scanner *s, scan_job *job)
{
	size_t n = nr_scanner_error_count(s);
	if (!n)
		return true;
	if (!(job->errors = calloc(n, sizeof(*job->errors))))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((job->errors[job->nerrors] = strdup(nr_scanner_error(s, i))) != NULL)
			job->nerrors++;
	return job->nerrors == n;
}

static void scan_work(void *arg, int worker, void *payload)
{
	scan_ctx *ctx = payload;
	scan_job *job = arg;
	scan_worker *w = &ctx->workers[worker];
	if (job->oom || !job_open(job, cli_logger.f ? SCAN_STREAMS : SCAN_ERR + 1)) {
		job->oom = true;
		return;
	}
	sync_off(w);
	w->job = job;
	nr_scanner_scan(w->scanner, job->article, worker_alert, w);
	w->job = NULL;
	if (!take_outcomes(w, job) || !take_errors(w->scanner, job) || !job_close(job))
		job->oom = true;
	nr_article_free(job->article);
	job->article = NULL;
}

/* ---- in input order, on the main thread -------------------------------- */

/*
 * Which rule and error class a scanner message is about. Messages read
 * "rule '<id>' (<file>:<line>) on <article>: <class>: <reason>"; anything
 * else (a rule being disabled) is a notice.
 */
static bool error_origin(const scan_ctx *ctx, const char *msg, size_t *rule, int *outcome)
{
	size_t r = message_rule(ctx, msg);
	if (r == SIZE_MAX)
		return false;
	const char *on = strstr(msg + 6 + strlen(nr_ruleset_rule_id(ctx->rs, r)), ") on ");
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

/* A scanner message: a rule error is shown the first time for its rule and
 * class and counted after; a notice is shown. */
static void report_message(scan_ctx *ctx, const char *msg)
{
	size_t r;
	int o;
	if (!error_origin(ctx, msg, &r, &o)) {
		cli_error("%s", msg); /* a notice, such as a rule disabled */
		return;
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

/* Is rule r's output on this article left out: switched off in input
 * order while a worker ran it? */
static bool dropped(const scan_ctx *ctx, const scan_job *job, size_t r)
{
	return r < ctx->nrules && atomic_load(&ctx->off[r]) &&
	       job->outcome[r] != NR_OUTCOME_DISABLED;
}

/* Write stream s of the job to f, less the bytes of dropped rules. */
static void write_stream(const scan_ctx *ctx, const scan_job *job, int s, FILE *f)
{
	size_t pos = 0;
	for (size_t i = 0; i < job->nsegs; i++) {
		const scan_seg *g = &job->segs[i];
		if (g->stream != s || !dropped(ctx, job, g->rule))
			continue;
		fwrite(job->buf[s] + pos, 1, g->start - pos, f);
		pos = g->end;
	}
	if (job->len[s] > pos)
		fwrite(job->buf[s] + pos, 1, job->len[s] - pos, f);
}

static nr_scanner *referee(scan_ctx *ctx)
{
	if (!ctx->referee && ctx->nworkers > 0) {
		/* A scanner of its own, so that no worker's is touched. */
		if (nr_scanner_new(&ctx->referee, ctx->rs, &ctx->so) != NR_OK) {
			nr_scanner_free(ctx->referee);
			ctx->referee = NULL;
		}
		ctx->own_referee = ctx->referee != NULL;
	}
	return ctx->referee;
}

/* Rule r failed SCAN_MAX_FAILURES articles in a row: its probe decides. */
static void probe(scan_ctx *ctx, size_t r)
{
	nr_scanner *s = referee(ctx);
	if (!s)
		return; /* no probe, no verdict: the rule stays on */
	int rc = nr_scanner_probe_rule(s, r, ctx->fails[r]);
	for (size_t i = 0; i < nr_scanner_error_count(s); i++)
		report_message(ctx, nr_scanner_error(s, i));
	if (rc == NR_EINTERRUPTED)
		return;
	ctx->fails[r] = 0;
	if (rc == NR_ERUNTIME) {
		atomic_store(&ctx->off[r], true);
		atomic_fetch_add(&ctx->off_gen, 1);
	}
}

/* Count each rule's outcome on the article, in input order, and run the
 * breaker: true when some rule is to be probed. */
static bool count_outcomes(scan_ctx *ctx, const scan_job *job, bool *suspect)
{
	bool any = false;
	for (size_t r = 0; r < ctx->nrules; r++) {
		suspect[r] = false;
		if (atomic_load(&ctx->off[r])) {
			ctx->counts[r][NR_OUTCOME_DISABLED]++;
			continue;
		}
		nr_outcome o = (nr_outcome)job->outcome[r];
		ctx->counts[r][o]++;
		ctx->logs[r][0] += job->logs[r][0];
		ctx->logs[r][1] += job->logs[r][1];
		if (o >= NR_OUTCOME_ERR_RUNTIME && o != NR_OUTCOME_INTERRUPTED &&
		    o != NR_OUTCOME_ERR_ARTICLE_DEADLINE) {
			if (++ctx->fails[r] >= SCAN_MAX_FAILURES)
				any = suspect[r] = true;
		} else if (o == NR_OUTCOME_MATCH || o == NR_OUTCOME_NOMATCH) {
			ctx->fails[r] = 0;
		}
	}
	return any;
}

static void commit_article(scan_ctx *ctx, scan_job *job)
{
	ctx->articles++;
	for (size_t i = 0; i < job->nsegs; i++)
		if (dropped(ctx, job, job->segs[i].rule))
			job->alerts -= job->segs[i].alerts;
	ctx->alerts += job->alerts;
	write_stream(ctx, job, SCAN_OUT, stdout);
	write_stream(ctx, job, SCAN_ERR, stderr);
	if (cli_logger.f)
		write_stream(ctx, job, SCAN_LOG, cli_logger.f);
	for (size_t i = 0; i < job->nerrors; i++)
		if (!dropped(ctx, job, message_rule(ctx, job->errors[i])))
			report_message(ctx, job->errors[i]);
	bool *suspect = calloc(ctx->nrules ? ctx->nrules : 1, sizeof(*suspect));
	if (!suspect) {
		cli_error("out of memory");
		ctx->errors++;
		return;
	}
	if (count_outcomes(ctx, job, suspect))
		for (size_t r = 0; r < ctx->nrules; r++)
			if (suspect[r])
				probe(ctx, r);
	free(suspect);
}

static void scan_commit(void *arg, void *payload)
{
	scan_ctx *ctx = payload;
	scan_job *job = arg;
	if (job->oom) {
		cli_error("%s: out of memory scanning an article", job->source ? job->source : "-");
		ctx->errors++;
	} else if (job->kind == JOB_ARTICLE) {
		commit_article(ctx, job);
	} else if (job->kind == JOB_NOTE) {
		ctx->errors += job->input_error;
		fwrite(job->buf[SCAN_ERR], 1, job->len[SCAN_ERR], stderr);
		fwrite(job->buf[SCAN_OUT], 1, job->len[SCAN_OUT], stdout);
	} else {
		fflush(stdout);
	}
	if (ctx->streaming && job->kind != JOB_FLUSH)
		fflush(stdout);
	job_free(job);
}

void scan_jobs_submit(scan_ctx *ctx, scan_job *job)
{
	if (!job) {
		cli_error("out of memory");
		ctx->errors++;
		return;
	}
	cli_pool_submit(ctx->pool, job, job->kind == JOB_ARTICLE && !job->oom);
}

/* ---- start, end, --stats ------------------------------------------------ */

static bool alloc_counts(scan_ctx *ctx)
{
	size_t n = ctx->nrules ? ctx->nrules : 1;
	ctx->ids = calloc(n, sizeof(*ctx->ids));
	ctx->id_index = calloc(n, sizeof(*ctx->id_index));
	ctx->counts = calloc(n, sizeof(*ctx->counts));
	ctx->logs = calloc(n, sizeof(*ctx->logs));
	ctx->fails = calloc(n, sizeof(*ctx->fails));
	ctx->off = calloc(n, sizeof(*ctx->off));
	ctx->logged = calloc(n * NR_OUTCOME_COUNT_, sizeof(*ctx->logged));
	ctx->hidden = calloc(n * NR_OUTCOME_COUNT_, sizeof(*ctx->hidden));
	ctx->workers = calloc((size_t)ctx->jobs, sizeof(*ctx->workers));
	if (!ctx->ids || !ctx->id_index || !ctx->counts || !ctx->logs || !ctx->fails || !ctx->off ||
	    !ctx->logged || !ctx->hidden || !ctx->workers)
		return false;
	for (size_t r = 0; r < ctx->nrules; r++) {
		ctx->ids[r] = nr_ruleset_rule_id(ctx->rs, r);
		atomic_init(&ctx->off[r], false);
	}
	qsort(ctx->ids, ctx->nrules, sizeof(*ctx->ids), cmp_id);
	for (size_t r = 0; r < ctx->nrules; r++) {
		const char *id = nr_ruleset_rule_id(ctx->rs, r);
		const char **at = bsearch(&id, ctx->ids, ctx->nrules, sizeof(*ctx->ids), cmp_id);
		ctx->id_index[at - ctx->ids] = r;
	}
	return true;
}

/* The scanners, one per job, each with its own copy of the log counts. */
static int start_scanners(scan_ctx *ctx)
{
	for (int i = 0; i < ctx->jobs; i++) {
		scan_worker *w = &ctx->workers[i];
		size_t n = ctx->nrules ? ctx->nrules : 1;
		w->ctx = ctx;
		w->logs = calloc(n, sizeof(*w->logs));
		if (!w->logs) {
			cli_error("out of memory");
			return NR_EXIT_INPUT_ERROR;
		}
		int rc = nr_scanner_new(&w->scanner, ctx->rs, &ctx->so);
		ctx->nworkers = i + 1;
		if (rc) {
			cli_error("cannot start a scanner: %s", cli_scanner_error(w->scanner, rc));
			return NR_EXIT_RULES;
		}
		nr_scanner_set_log(w->scanner, worker_log, w);
	}
	return NR_EXIT_OK;
}

int scan_jobs_start(scan_ctx *ctx)
{
	ctx->nrules = nr_ruleset_rule_count(ctx->rs);
	/* Each scanner leaves the breaker to the input-order count here. */
	ctx->so.max_failures = UINT_MAX;
	atomic_init(&ctx->off_gen, 0);
	if (!alloc_counts(ctx)) {
		cli_error("out of memory");
		return NR_EXIT_INPUT_ERROR;
	}
	int st = start_scanners(ctx);
	if (st != NR_EXIT_OK)
		return st;
	int threads = ctx->jobs > 1 ? ctx->jobs : 0;
	if (!threads)
		ctx->referee = ctx->workers[0].scanner;
	ctx->pool = cli_pool_new(threads, (size_t)ctx->jobs * SCAN_WINDOW_PER_JOB, scan_work,
				 scan_commit, ctx);
	if (!ctx->pool) {
		cli_error("cannot start %d scanning threads", threads);
		return NR_EXIT_INPUT_ERROR;
	}
	return NR_EXIT_OK;
}

void scan_jobs_sync(scan_ctx *ctx)
{
	cli_pool_drain(ctx->pool);
	fflush(stdout);
}

void scan_jobs_finish(scan_ctx *ctx)
{
	cli_pool_finish(ctx->pool);
	ctx->pool = NULL;
}

void scan_jobs_free(scan_ctx *ctx)
{
	cli_pool_finish(ctx->pool);
	ctx->pool = NULL;
	for (int i = 0; ctx->workers && i < ctx->nworkers; i++) {
		nr_scanner_free(ctx->workers[i].scanner);
		free(ctx->workers[i].logs);
	}
	if (ctx->own_referee)
		nr_scanner_free(ctx->referee);
	free(ctx->workers);
	free(ctx->ids);
	free(ctx->id_index);
	free(ctx->counts);
	free(ctx->logs);
	free(ctx->fails);
	free(ctx->off);
	free(ctx->logged);
	free(ctx->hidden);
}

void scan_report_hidden(const scan_ctx *ctx)
{
	for (size_t r = 0; r < ctx->nrules; r++)
		for (int o = 0; o < NR_OUTCOME_COUNT_; o++) {
			unsigned long n = ctx->hidden[r * NR_OUTCOME_COUNT_ + (size_t)o];
			if (n)
				cli_error(
				    "rule '%s': %lu more %s error%s not shown (the first is above)",
				    nr_ruleset_rule_id(ctx->rs, r), n,
				    nr_outcome_name((nr_outcome)o), n == 1 ? "" : "s");
		}
}

/* Time in rule r (SIZE_MAX: in extraction) over every scanner. */
static double time_ms(const scan_ctx *ctx, size_t r)
{
	uint64_t ns = 0;
	nr_rule_stats sum = NR_RULE_STATS_INIT;
	for (int i = 0; i < ctx->nworkers; i++) {
		nr_rule_stats one = NR_RULE_STATS_INIT;
		if (r == SIZE_MAX)
			ns += nr_scanner_analysis_time_ns(ctx->workers[i].scanner);
		else if (nr_scanner_rule_stats(ctx->workers[i].scanner, r, &one) == NR_OK)
			nr_rule_stats_merge(&sum, &one);
	}
	return (double)(r == SIZE_MAX ? ns : sum.time_ns) / 1e6;
}

void scan_print_stats(const scan_ctx *ctx)
{
	fprintf(stderr, "%zu articles, %zu alerts, %zu input errors, %zu rule errors\n",
		ctx->articles, ctx->alerts, ctx->errors, ctx->rule_errors);
	fprintf(stderr, "  entity and quote extraction: %.3f ms\n", time_ms(ctx, SIZE_MAX));
	unsigned long logged = 0, held = 0;
	for (size_t r = 0; r < ctx->nrules; r++) {
		fprintf(stderr, "  %-32s %10.3f ms", nr_ruleset_rule_id(ctx->rs, r),
			time_ms(ctx, r));
		for (int o = 0; o < NR_OUTCOME_COUNT_; o++) {
			unsigned long n = ctx->counts[r][o];
			if (n)
				fprintf(stderr, " %s=%lu", nr_outcome_name((nr_outcome)o), n);
		}
		unsigned long n = ctx->logs[r][0], sup = ctx->logs[r][1];
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
