/*
 * work.c - the rule-set generations and the --jobs workers.
 *
 * Each generation is a rule set with a reference count: the watcher holds
 * the current one, each worker the one its scanner was made from. A
 * reload publishes a new generation; a worker moves to it between two
 * articles (a new scanner on the new set), so an article in flight ends
 * on the set it started with and every article's alerts come from one
 * generation. The last worker to leave a generation frees it.
 */
#include "watch.h"

#include <stdlib.h>
#include <string.h>

void watch_rules_release(watch_rules *r)
{
	if (r && atomic_fetch_sub(&r->refs, 1) == 1) {
		nr_ruleset_free(r->rs);
		free(r);
	}
}

static watch_rules *rules_current(watch_ctx *ctx)
{
	pthread_mutex_lock(&ctx->rules_mu);
	watch_rules *r = ctx->rules;
	atomic_fetch_add(&r->refs, 1);
	pthread_mutex_unlock(&ctx->rules_mu);
	return r;
}

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

bool watch_rules_load(watch_ctx *ctx, bool first)
{
	nr_ruleset *rs = NULL;
	int rc = cli_load_rules(&rs, ctx->o.rules, ctx->o.nrules, false, false);
	if (rc != NR_OK || !rules_usable(ctx, rs)) {
		nr_ruleset_free(rs);
		if (!first)
			cli_error("watch: reload failed (see above): still running rule set "
				  "generation %u (%s)",
				  atomic_load(&ctx->generation), nr_ruleset_hash(ctx->rules->rs));
		return false;
	}
	watch_rules *r = calloc(1, sizeof(*r));
	if (!r) {
		nr_ruleset_free(rs);
		cli_error("out of memory");
		return false;
	}
	r->rs = rs;
	atomic_init(&r->refs, 1);
	pthread_mutex_lock(&ctx->rules_mu);
	watch_rules *old = ctx->rules;
	r->generation = old ? old->generation + 1 : 1;
	ctx->rules = r;
	atomic_store(&ctx->generation, r->generation);
	pthread_mutex_unlock(&ctx->rules_mu);
	watch_rules_release(old);
	if (!first) {
		atomic_fetch_add(&ctx->c.reloads, 1);
		cli_error("watch: rule set generation %u loaded (%s, %zu rules)", r->generation,
			  nr_ruleset_hash(rs), nr_ruleset_rule_count(rs));
	}
	return true;
}

/* ---- a worker ---------------------------------------------------------- */

typedef struct watch_worker {
	watch_ctx *ctx;
	nr_scanner *scanner;
	watch_rules *rules;
} watch_worker;

/* Move to the current generation if there is a newer one. */
static void refresh(watch_worker *w)
{
	if (w->rules && w->rules->generation == atomic_load(&w->ctx->generation))
		return;
	watch_rules *r = rules_current(w->ctx);
	nr_scanner *s = NULL;
	int rc = nr_scanner_new(&s, r->rs, &w->ctx->o.so);
	if (rc != NR_OK) {
		cli_error("watch: cannot start a scanner on rule set generation %u: %s",
			  r->generation, cli_scanner_error(s, rc));
		nr_scanner_free(s);
		watch_rules_release(r);
		return;
	}
	nr_scanner_free(w->scanner);
	watch_rules_release(w->rules);
	w->scanner = s;
	w->rules = r;
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
	const nr_ruleset *rs = w->rules->rs;
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
	it->generation = w->rules->generation;
	int rc = nr_scanner_scan(w->scanner, it->article, on_alert, it);
	if (rc != NR_OK && rc != NR_ERUNTIME)
		add_rule_error(it, NULL, NR_OUTCOME_COUNT_, nr_strerror(rc));
	collect_errors(w, it);
}

static void *worker_main(void *arg)
{
	watch_worker w = { arg, NULL, NULL };
	watch_item *it;
	while ((it = watch_queue_pop(&w.ctx->in_q)) != NULL) {
		if (it->article)
			scan_item(&w, it);
		watch_queue_push(&w.ctx->out_q, it);
	}
	nr_scanner_free(w.scanner);
	watch_rules_release(w.rules);
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
