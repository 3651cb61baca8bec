/*
 * dedup.c - the seam of the near-duplicate policy. watch_dedup_hook() is
 * called once per article, inside the transaction that records the
 * article's batch and marks it done, before any alert is delivered: it
 * may drop alerts (watch_alert.dropped) and record the article against an
 * earlier one with watch_dedup_record(); both then happen with the batch
 * or not at all. The tables it has (state.c): fingerprints(item,
 * fingerprint, at) and duplicates(item, duplicate_of, rule, actor, target,
 * at). The policy itself (fingerprint, window, threshold) is issue #15's
 * "near-duplicate stories" part; until it lands every alert goes out.
 */
#include "watch.h"

#include <sqlite3.h>
#include <time.h>

bool watch_dedup_record(watch_state *st, const char *item, const char *duplicate_of,
			const watch_alert *al)
{
	sqlite3_stmt *q;
	sqlite3 *db = watch_state_db(st);
	if (sqlite3_prepare_v2(db, "INSERT INTO duplicates VALUES(?, ?, ?, ?, ?, ?)", -1, &q,
			       NULL) != SQLITE_OK)
		return false;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	sqlite3_bind_text(q, 1, item, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 2, duplicate_of, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, al ? al->rule : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, al ? al->actor : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 5, al ? al->target : NULL, -1, SQLITE_STATIC);
	sqlite3_bind_double(q, 6, (double)ts.tv_sec + ts.tv_nsec / 1e9);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	return rc == SQLITE_DONE;
}

void watch_dedup_hook(watch_state *st, watch_item *it, void *payload)
{
	(void)st;
	(void)it;
	(void)payload;
}
