/*
 * dedup.c - the near-duplicate policy of `watch` (docs/watch.md, "Near-
 * duplicate stories"), on cli/dedup.c's store in the state's database.
 *
 * watch_dedup_hook() is called once per article, inside the transaction
 * that records the article's batch and marks it done, before any alert is
 * delivered: the article joins the story of an earlier near-duplicate
 * within the window, or starts one; an alert whose rule, actor and target
 * the story has given before is dropped (and recorded against the story's
 * first copy in `duplicates`), the others carry "duplicate_of"; a copy that
 * held alerts back leaves one record for the sinks. All of it commits
 * with the batch or not at all, so a restart that scans an article again
 * gives it the same verdicts.
 */
#include "watch.h"

#include "../dedup.h"

#include <jansson.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* How often the window is swept of old fingerprints, in seconds. */
#define DEDUP_SWEEP_EVERY 60.0

typedef struct watch_dedup {
	dedup *store;
	double last_sweep;
	int64_t run;
	unsigned long seq; /* keys of articles not kept in the state */
} watch_dedup;

static double dedup_wall_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

bool watch_dedup_open(watch_ctx *ctx, void **out)
{
	*out = NULL;
	if (ctx->o.no_dedup)
		return true;
	watch_dedup *wd = calloc(1, sizeof(*wd));
	if (!wd) {
		cli_error("out of memory");
		return false;
	}
	dedup_options o = { ctx->o.dedup_window, ctx->o.dedup_threshold };
	char *err = NULL;
	if (!dedup_open(&wd->store, watch_state_db(ctx->state), &o, &err)) {
		cli_error("watch: %s", err ? err : "cannot open the near-duplicate store");
		free(err);
		free(wd);
		return false;
	}
	wd->run = watch_state_run(ctx->state);
	*out = wd;
	return true;
}

void watch_dedup_close(void *payload)
{
	watch_dedup *wd = payload;
	if (!wd)
		return;
	dedup_close(wd->store);
	free(wd);
}

bool watch_dedup_record(watch_state *st, const char *item, const char *duplicate_of,
			const watch_alert *al)
{
	sqlite3_stmt *q;
	sqlite3 *db = watch_state_db(st);
	if (sqlite3_prepare_v2(db, "INSERT INTO duplicates VALUES(?, ?, ?, ?, ?, ?)", -1, &q,
			       NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_text(q, 1, item, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, duplicate_of, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, al ? al->rule : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, al ? al->actor : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, al ? al->target : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_double(q, 6, dedup_wall_now());
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE;
}

/* `,"duplicate_of":"<original>"` spliced in before the alert's closing
 * brace. */
static void mark_alert(watch_alert *a, const char *original)
{
	json_t *s = json_string(original);
	char *val = s ? json_dumps(s, JSON_ENCODE_ANY) : NULL;
	json_decref(s);
	size_t n = strlen(a->json);
	char *js = val && n && a->json[n - 1] == '}' ? malloc(n + strlen(val) + 18) : NULL;
	if (js) {
		memcpy(js, a->json, n - 1);
		sprintf(js + n - 1, ",\"duplicate_of\":%s}", val);
		free(a->json);
		a->json = js;
	}
	free(val);
}

/* The record a copy leaves for the sinks. */
static char *copy_record(const watch_item *it, const dedup_verdict *v)
{
	json_t *o = json_pack("{s:s, s:s, s:s, s:f, s:I}", "duplicate_of", v->original, "article",
			      it->id, "source", it->source ? it->source : "", "containment",
			      (double)(int)(v->containment * 100.0 + 0.5) / 100.0, "suppressed",
			      (json_int_t)v->suppressed);
	char *js = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(3))
		     : NULL;
	json_decref(o);
	return js;
}

static void decide(watch_dedup *wd, watch_state *st, watch_item *it, const char *key)
{
	size_t n = it->nalerts;
	dedup_alert *al = calloc(n ? n : 1, sizeof(*al));
	bool *keep = calloc(n ? n : 1, sizeof(*keep));
	dedup_verdict v;
	char *err = NULL;
	if (!al || !keep) {
		it->oom = true;
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		al[i] = (dedup_alert){ it->alerts[i].rule,
				       it->alerts[i].actor ? it->alerts[i].actor : "",
				       it->alerts[i].target ? it->alerts[i].target : "" };
	if (!dedup_article(wd->store, key, it->id, &it->fp, dedup_wall_now(), al, n, keep, &v,
			   &err)) {
		/* The article's alerts all go out: better twice than never. */
		cli_error("watch: %s: %s", it->source, err ? err : "near-duplicate check failed");
		goto done;
	}
	if (!v.duplicate)
		goto done;
	for (size_t i = 0; i < n; i++) {
		if (keep[i]) {
			mark_alert(&it->alerts[i], v.original);
			continue;
		}
		it->alerts[i].dropped = true;
		watch_dedup_record(st, key, v.original, &it->alerts[i]);
	}
	if (!n)
		watch_dedup_record(st, key, v.original, NULL);
	if (v.suppressed)
		it->dup_json = copy_record(it, &v);
done:
	free(err);
	free(al);
	free(keep);
}

void watch_dedup_hook(watch_state *st, watch_item *it, void *payload)
{
	watch_dedup *wd = payload;
	if (!wd || !it->id || !it->has_fp)
		return;
	double now = dedup_wall_now();
	if (now - wd->last_sweep >= DEDUP_SWEEP_EVERY) {
		char *err = NULL;
		if (!dedup_expire(wd->store, now, &err))
			cli_error("watch: %s",
				  err ? err : "cannot sweep the near-duplicate window");
		free(err);
		wd->last_sweep = now;
	}
	/* Articles the state does not keep (stdin's) are new each time. */
	char own[96];
	const char *key = it->key;
	if (!key) {
		snprintf(own, sizeof own, "run %lld #%lu", (long long)wd->run, ++wd->seq);
		key = own;
	}
	decide(wd, st, it, key);
}
