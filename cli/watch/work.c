/*
 * work.c - the rule-set generations and the --jobs workers.
 *
 * The current rule set lives in a rule slot (nr_ruleslot): a reload
 * publishes a new set there, and each worker's scanner follows the slot
 * between two articles (nr_scanner_follow), so an article in flight ends
 * on the set it started with and every article's alerts come from one
 * generation. A scanner holds a reference to its set: the last one to
 * move on frees the old set.
 */
#include "watch.h"

#include <stdlib.h>
#include <string.h>

/* Can a scanner be made from rs? (A file may declare other rules when
 * it runs again; better found now than by every worker.) */
static bool rules_usable(watch_ctx *ctx, nr_ruleset *rs)
{
	nr_scanner *s = NULL;
	int rc = nr_scanner_new(&s, rs, &ctx->o.so);
	if (rc != NR_OK)
		cli_error("watch: cannot scan with the rule set: %s", cli_scanner_error(s, rc));
	nr_scanner_free(s);
	return rc == NR_OK;
}

/* Publish rs as the current set (the slot takes its own reference). */
static bool publish(watch_ctx *ctx, nr_ruleset *rs)
{
	if (!ctx->slot) {
		if (nr_ruleslot_new(&ctx->slot, rs) != NR_OK) {
			cli_error("out of memory");
			return false;
		}
	} else {
		nr_ruleslot_set(ctx->slot, rs);
	}
	snprintf(ctx->hash, sizeof ctx->hash, "%s", nr_ruleset_hash(rs));
	atomic_fetch_add(&ctx->generation, 1);
	return true;
}

bool watch_rules_load(watch_ctx *ctx, bool first)
{
	nr_ruleset *rs = NULL;
	int rc = cli_load_rules(&rs, ctx->o.rules, ctx->o.nrules, false, false);
	if (rc != NR_OK || !rules_usable(ctx, rs)) {
		nr_ruleset_free(rs);
		if (!first)
			cli_error("watch: reload failed (see above): still running rule set "
				  "generation %u (%s)",
				  atomic_load(&ctx->generation), ctx->hash);
		return false;
	}
	bool ok = publish(ctx, rs);
	nr_ruleset_free(rs); /* the slot and the scanners hold it now */
	if (ok && !first) {
		atomic_fetch_add(&ctx->c.reloads, 1);
		cli_error("watch: rule set generation %u loaded (%s, %zu rules)",
			  atomic_load(&ctx->generation), ctx->hash, nr_ruleset_rule_count(rs));
	}
	return ok;
}

/* ---- a worker ---------------------------------------------------------- */

typedef struct watch_worker {
	watch_ctx *ctx;
	nr_scanner *scanner;
} watch_worker;

/* A line a rule logs (news.log, print): to stderr as scan writes it,
 * formatted first so that lines of several workers never mix. */
static void worker_log(const nr_log_line *ll, void *payload)
{
	(void)payload;
	char *s = NULL;
	size_t n;
	FILE *f = open_memstream(&s, &n);
	if (!f)
		return;
	cli_log lg = { f, NULL, 0, 0 };
	cli_log_write(ll, &lg);
	if (fclose(f) == 0)
		fputs(s, stderr);
	free(s);
}

/* A scanner on the current set, or on the newest set published. */
static void refresh(watch_worker *w)
{
	int rc;
	if (w->scanner) {
		rc = nr_scanner_follow(w->scanner, w->ctx->slot);
		if (rc != NR_OK)
			cli_error("watch: a scanner stays on its rule set: %s",
				  cli_scanner_error(w->scanner, rc));
		return;
	}
	nr_ruleset *rs = nr_ruleslot_get(w->ctx->slot);
	rc = rs ? nr_scanner_new(&w->scanner, rs, &w->ctx->o.so) : NR_EINVAL;
	nr_ruleset_free(rs); /* the scanner holds its own reference */
	if (rc != NR_OK) {
		cli_error("watch: cannot start a scanner: %s", cli_scanner_error(w->scanner, rc));
		nr_scanner_free(w->scanner);
		w->scanner = NULL;
		return;
	}
	nr_scanner_set_log(w->scanner, worker_log, NULL);
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

static int on_alert(const nr_alert *al, void *payload)
{
	watch_item *it = payload;
	if (it->nalerts == it->cap_alerts) {
		size_t cap = it->cap_alerts ? it->cap_alerts * 2 : 4;
		watch_alert *n = realloc(it->alerts, cap * sizeof(*n));
		if (!n) {
			it->oom = true;
			return 0;
		}
		it->alerts = n;
		it->cap_alerts = cap;
	}
	watch_alert a = { NULL, dup_or_null(nr_alert_rule_id(al)), dup_or_null(nr_alert_actor(al)),
			  dup_or_null(nr_alert_target(al)), false };
	if (nr_alert_to_json(al, &a.json) != NR_OK || !a.rule) {
		free(a.json);
		free(a.rule);
		free(a.actor);
		free(a.target);
		it->oom = true;
		return 0;
	}
	/* Copied: the JSON is the library's allocation. */
	char *js = strdup(a.json);
	nr_free(a.json);
	a.json = js;
	if (!js)
		it->oom = true;
	else
		it->alerts[it->nalerts++] = a;
	return 0;
}

/* The scanner's message about rule `id`, if any. */
static const char *rule_message(const nr_scanner *s, const char *id)
{
	size_t n = strlen(id);
	for (size_t i = 0; i < nr_scanner_error_count(s); i++) {
		const char *m = nr_scanner_error(s, i);
		if (!strncmp(m, "rule '", 6) && !strncmp(m + 6, id, n) &&
		    !strncmp(m + 6 + n, "' (", 3))
			return m;
	}
	return NULL;
}

static void add_rule_error(watch_item *it, const char *rule, nr_outcome o, const char *msg)
{
	watch_rule_error *n = realloc(it->rule_errors, (it->nrule_errors + 1) * sizeof(*n));
	if (!n) {
		it->oom = true;
		return;
	}
	it->rule_errors = n;
	n[it->nrule_errors++] = (watch_rule_error){ dup_or_null(rule), o, dup_or_null(msg) };
}

/* Rules that failed on the article, and the scanner's notices. */
static void collect_errors(watch_worker *w, watch_item *it)
{
	const nr_ruleset *rs = nr_scanner_ruleset(w->scanner);
	size_t nerr = nr_scanner_error_count(w->scanner), named = 0;
	for (size_t r = 0; nerr && r < nr_ruleset_rule_count(rs); r++) {
		nr_outcome o = nr_scanner_rule_last_outcome(w->scanner, r);
		if (o < NR_OUTCOME_ERR_RUNTIME || o > NR_OUTCOME_ERR_DEADLINE)
			continue;
		const char *id = nr_ruleset_rule_id(rs, r);
		add_rule_error(it, id, o, rule_message(w->scanner, id));
		named++;
	}
	if (named < nerr)
		for (size_t i = 0; i < nerr; i++) {
			const char *m = nr_scanner_error(w->scanner, i);
			bool seen = false;
			for (size_t k = 0; k < it->nrule_errors && !seen; k++)
				seen = it->rule_errors[k].message &&
				       !strcmp(it->rule_errors[k].message, m);
			if (!seen)
				add_rule_error(it, NULL, NR_OUTCOME_COUNT_, m);
		}
}

static void scan_item(watch_worker *w, watch_item *it)
{
	refresh(w);
	if (!w->scanner) {
		it->oom = true;
		return;
	}
	int rc = nr_scanner_scan(w->scanner, it->article, on_alert, it);
	if (rc != NR_OK && rc != NR_ERUNTIME && rc != NR_ETIMEOUT)
		add_rule_error(it, NULL, NR_OUTCOME_COUNT_, nr_strerror(rc));
	collect_errors(w, it);
	/* Here, on the workers, rather than on the one delivery thread. */
	if (!w->ctx->o.no_dedup)
		it->has_fp = nr_article_fingerprint(it->article, &it->fp) == NR_OK;
	it->id = strdup(nr_article_id(it->article));
	if (!it->id)
		it->oom = true;
	nr_article_free(it->article);
	it->article = NULL;
}

static void *worker_main(void *arg)
{
	watch_worker w = { arg, NULL };
	watch_item *it;
	while ((it = watch_queue_pop(&w.ctx->in_q)) != NULL) {
		if (it->article)
			scan_item(&w, it);
		watch_queue_push(&w.ctx->out_q, it);
	}
	nr_scanner_free(w.scanner);
	return NULL;
}

bool watch_workers_start(watch_ctx *ctx)
{
	ctx->workers = calloc((size_t)ctx->o.jobs, sizeof(*ctx->workers));
	if (!ctx->workers) {
		cli_error("out of memory");
		return false;
	}
	for (int i = 0; i < ctx->o.jobs; i++) {
		if (pthread_create(&ctx->workers[i], NULL, worker_main, ctx) != 0) {
			cli_error("watch: cannot start a worker thread");
			return false;
		}
		ctx->nworkers++;
	}
	return true;
}

void watch_workers_join(watch_ctx *ctx)
{
	watch_queue_close(&ctx->in_q);
	for (int i = 0; i < ctx->nworkers; i++)
		pthread_join(ctx->workers[i], NULL);
	free(ctx->workers);
	ctx->workers = NULL;
	ctx->nworkers = 0;
}

void watch_submit(watch_ctx *ctx, watch_item *it, const char *file_key)
{
	if (pthread_equal(pthread_self(), ctx->main_thread))
		watch_poll_signals(ctx);
	if (!it)
		return;
	if (it->key && !watch_state_take(ctx->state, it->key, file_key)) {
		watch_item_free(it);
		return;
	}
	atomic_fetch_add(&ctx->c.in, 1);
	watch_queue_push(&ctx->in_q, it);
}
