/* dedup.c - near-duplicate stories in the watcher's state (dedup.h). */
#include "dedup.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEDUP_BANDS 32u
/* Candidates confirmed per article at most: a flood of near-identical
 * boilerplate stories cannot make one article cost more than this. */
#define DEDUP_MAX_CANDIDATES 256u

enum {
	Q_DOC_BY_KEY,
	Q_DOC_BY_EXACT,
	Q_DOC_BY_ID,
	Q_BAND_DOCS,
	Q_DOC_INSERT,
	Q_DOC_STORY,
	Q_BAND_INSERT,
	Q_ALERT_GET,
	Q_ALERT_PUT,
	NQ
};

static const char *const dedup_sql[NQ] = {
	"SELECT id, story, original, containment FROM dedup_docs WHERE key = ?1",
	"SELECT id, story, original FROM dedup_docs WHERE exact = ?1 ORDER BY seen LIMIT 1",
	"SELECT sig, shingles, exact, story, original FROM dedup_docs WHERE id = ?1",
	"SELECT doc FROM dedup_bands WHERE band = ?1",
	"INSERT INTO dedup_docs(key, seen, exact, shingles, sig, story, original, containment) "
	"VALUES (?1, ?2, ?3, ?4, ?5, 0, '', 0)",
	"UPDATE dedup_docs SET story = ?2, original = ?3, containment = ?4 WHERE id = ?1",
	"INSERT OR IGNORE INTO dedup_bands(band, doc) VALUES (?1, ?2)",
	"SELECT doc FROM dedup_alerts WHERE story = ?1 AND rule = ?2 AND actor = ?3 AND target = "
	"?4",
	"INSERT INTO dedup_alerts(story, rule, actor, target, doc) VALUES (?1, ?2, ?3, ?4, ?5)",
};

static const char dedup_schema[] =
    "CREATE TABLE IF NOT EXISTS dedup_docs("
    " id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, seen REAL NOT NULL,"
    " exact INTEGER NOT NULL, shingles INTEGER NOT NULL, sig BLOB NOT NULL,"
    " story INTEGER NOT NULL, original TEXT NOT NULL, containment REAL NOT NULL);"
    "CREATE INDEX IF NOT EXISTS dedup_docs_exact ON dedup_docs(exact);"
    "CREATE INDEX IF NOT EXISTS dedup_docs_seen ON dedup_docs(seen);"
    "CREATE TABLE IF NOT EXISTS dedup_bands("
    " band INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY(band, doc)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS dedup_alerts("
    " story INTEGER NOT NULL, rule TEXT NOT NULL, actor TEXT NOT NULL, target TEXT NOT NULL,"
    " doc INTEGER NOT NULL, PRIMARY KEY(story, rule, actor, target)) WITHOUT ROWID;";

struct dedup {
	sqlite3 *db;
	dedup_options o;
	sqlite3_stmt *q[NQ];
};

static bool dedup_fail(sqlite3 *db, const char *what, char **err)
{
	if (err) {
		const char *m = sqlite3_errmsg(db);
		size_t n = strlen(what) + strlen(m) + 32;
		*err = malloc(n);
		if (*err)
			snprintf(*err, n, "dedup: %s: %s", what, m);
	}
	return false;
}

bool dedup_open(dedup **out, sqlite3 *db, const dedup_options *o, char **err)
{
	*out = NULL;
	dedup *d = calloc(1, sizeof *d);
	if (!d) {
		if (err)
			*err = strdup("dedup: out of memory");
		return false;
	}
	d->db = db;
	d->o.window_s = o && o->window_s > 0 ? o->window_s : 24.0 * 3600.0;
	d->o.min_containment = o && o->min_containment > 0 ? o->min_containment
							   : NR_FINGERPRINT_NEAR;
	if (sqlite3_exec(db, dedup_schema, NULL, NULL, NULL) != SQLITE_OK) {
		dedup_fail(db, "creating the tables", err);
		free(d);
		return false;
	}
	for (int i = 0; i < NQ; i++)
		if (sqlite3_prepare_v3(db, dedup_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &d->q[i],
				       NULL) != SQLITE_OK) {
			dedup_fail(db, dedup_sql[i], err);
			dedup_close(d);
			return false;
		}
	*out = d;
	return true;
}

void dedup_close(dedup *d)
{
	if (!d)
		return;
	for (int i = 0; i < NQ; i++)
		sqlite3_finalize(d->q[i]);
	free(d);
}

/* Reset a statement for its next use. */
static sqlite3_stmt *dedup_q(dedup *d, int i)
{
	sqlite3_reset(d->q[i]);
	sqlite3_clear_bindings(d->q[i]);
	return d->q[i];
}

static uint64_t band_key(const nr_fingerprint *fp, unsigned b)
{
	uint64_t x = (uint64_t)fp->minhash[2 * b] | (uint64_t)fp->minhash[2 * b + 1] << 32;
	x ^= (uint64_t)(b + 1) * 0x9e3779b97f4a7c15ull;
	x ^= x >> 31;
	x *= 0xbf58476d1ce4e5b9ull;
	return x ^ (x >> 29);
}

/* The nearest earlier article to fp among its band candidates: its story
 * and that story's first copy. */
typedef struct near_doc {
	int64_t story;
	char original[512];
	double containment;
	bool exact; /* found by its exact hash */
} near_doc;

static void copy_text(char *dst, size_t cap, const unsigned char *s)
{
	snprintf(dst, cap, "%s", s ? (const char *)s : "");
}

/* Confirm candidate `id` on its whole signature; better than *best? */
static bool confirm(dedup *d, int64_t id, const nr_fingerprint *fp, near_doc *best)
{
	sqlite3_stmt *q = dedup_q(d, Q_DOC_BY_ID);
	sqlite3_bind_int64(q, 1, id);
	int rc = sqlite3_step(q);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE;
	nr_fingerprint other;
	const void *sig = sqlite3_column_blob(q, 0);
	if (!sig || sqlite3_column_bytes(q, 0) != (int)sizeof other.minhash)
		return true;
	memcpy(other.minhash, sig, sizeof other.minhash);
	other.shingles = (uint32_t)sqlite3_column_int64(q, 1);
	other.exact = (uint64_t)sqlite3_column_int64(q, 2);
	if (!nr_fingerprint_near(fp, &other, d->o.min_containment))
		return true;
	double c = nr_fingerprint_containment(fp, &other);
	int64_t story = sqlite3_column_int64(q, 3);
	/* The nearest wins; between equals, the older story. */
	if (c > best->containment || (c == best->containment && story < best->story)) {
		best->containment = c;
		best->story = story;
		copy_text(best->original, sizeof best->original, sqlite3_column_text(q, 4));
	}
	return true;
}

static bool find_near(dedup *d, const nr_fingerprint *fp, near_doc *best, char **err)
{
	best->story = 0;
	best->containment = 0;
	best->exact = false;
	sqlite3_stmt *q = dedup_q(d, Q_DOC_BY_EXACT);
	sqlite3_bind_int64(q, 1, (int64_t)fp->exact);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		best->story = sqlite3_column_int64(q, 1);
		best->containment = 1.0;
		best->exact = true;
		copy_text(best->original, sizeof best->original, sqlite3_column_text(q, 2));
		return true;
	}
	if (rc != SQLITE_DONE)
		return dedup_fail(d->db, "looking up an exact copy", err);
	if (fp->shingles < NR_FINGERPRINT_MIN_SHINGLES)
		return true;
	int64_t seen[DEDUP_MAX_CANDIDATES];
	size_t nseen = 0;
	for (unsigned b = 0; b < DEDUP_BANDS && nseen < DEDUP_MAX_CANDIDATES; b++) {
		q = dedup_q(d, Q_BAND_DOCS);
		sqlite3_bind_int64(q, 1, (int64_t)band_key(fp, b));
		while ((rc = sqlite3_step(q)) == SQLITE_ROW && nseen < DEDUP_MAX_CANDIDATES) {
			int64_t id = sqlite3_column_int64(q, 0);
			size_t k = 0;
			while (k < nseen && seen[k] != id)
				k++;
			if (k == nseen)
				seen[nseen++] = id;
		}
		if (rc != SQLITE_DONE && rc != SQLITE_ROW)
			return dedup_fail(d->db, "looking up candidates", err);
	}
	for (size_t k = 0; k < nseen; k++)
		if (!confirm(d, seen[k], fp, best))
			return dedup_fail(d->db, "reading a candidate", err);
	return true;
}

static bool insert_doc(dedup *d, const char *key, const char *label, const nr_fingerprint *fp,
		       double now, const near_doc *near, int64_t *id, char **err)
{
	sqlite3_stmt *q = dedup_q(d, Q_DOC_INSERT);
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_double(q, 2, now);
	sqlite3_bind_int64(q, 3, (int64_t)fp->exact);
	sqlite3_bind_int64(q, 4, fp->shingles);
	sqlite3_bind_blob(q, 5, fp->minhash, sizeof fp->minhash, SQLITE_STATIC);
	if (sqlite3_step(q) != SQLITE_DONE)
		return dedup_fail(d->db, "recording a fingerprint", err);
	*id = sqlite3_last_insert_rowid(d->db);
	q = dedup_q(d, Q_DOC_STORY);
	sqlite3_bind_int64(q, 1, *id);
	sqlite3_bind_int64(q, 2, near->story ? near->story : *id);
	sqlite3_bind_text(q, 3,
			  near->story ? near->original
			  : label     ? label
				      : key,
			  -1, SQLITE_STATIC);
	sqlite3_bind_double(q, 4, near->containment);
	if (sqlite3_step(q) != SQLITE_DONE)
		return dedup_fail(d->db, "recording a story", err);
	/* An exact copy finds no candidate its original's bands would not:
	 * only its row is kept (a wire story repeated a thousand times
	 * costs a thousand rows, not 33,000). */
	if (fp->shingles < NR_FINGERPRINT_MIN_SHINGLES || near->exact)
		return true;
	for (unsigned b = 0; b < DEDUP_BANDS; b++) {
		q = dedup_q(d, Q_BAND_INSERT);
		sqlite3_bind_int64(q, 1, (int64_t)band_key(fp, b));
		sqlite3_bind_int64(q, 2, *id);
		if (sqlite3_step(q) != SQLITE_DONE)
			return dedup_fail(d->db, "recording a band", err);
	}
	return true;
}

/* keep: the story has no such alert yet (now recorded as this doc's), or
 * this doc gave it (the same article again). */
static bool decide_alert(dedup *d, int64_t story, int64_t doc, const dedup_alert *a, bool *keep,
			 char **err)
{
	sqlite3_stmt *q = dedup_q(d, Q_ALERT_GET);
	sqlite3_bind_int64(q, 1, story);
	sqlite3_bind_text(q, 2, a->rule ? a->rule : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, a->actor ? a->actor : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, a->target ? a->target : "", -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_ROW) {
		*keep = sqlite3_column_int64(q, 0) == doc;
		return true;
	}
	if (rc != SQLITE_DONE)
		return dedup_fail(d->db, "looking up an alert", err);
	q = dedup_q(d, Q_ALERT_PUT);
	sqlite3_bind_int64(q, 1, story);
	sqlite3_bind_text(q, 2, a->rule ? a->rule : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 3, a->actor ? a->actor : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(q, 4, a->target ? a->target : "", -1, SQLITE_STATIC);
	sqlite3_bind_int64(q, 5, doc);
	if (sqlite3_step(q) != SQLITE_DONE)
		return dedup_fail(d->db, "recording an alert", err);
	*keep = true;
	return true;
}

/* The article `key` again: its story as recorded. */
static int known_doc(dedup *d, const char *key, int64_t *id, near_doc *near, char **err)
{
	sqlite3_stmt *q = dedup_q(d, Q_DOC_BY_KEY);
	sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	if (rc == SQLITE_DONE)
		return 0;
	if (rc != SQLITE_ROW) {
		dedup_fail(d->db, "looking up an article", err);
		return -1;
	}
	*id = sqlite3_column_int64(q, 0);
	near->story = sqlite3_column_int64(q, 1);
	copy_text(near->original, sizeof near->original, sqlite3_column_text(q, 2));
	near->containment = sqlite3_column_double(q, 3);
	return 1;
}

bool dedup_article(dedup *d, const char *key, const char *label, const nr_fingerprint *fp,
		   double now, const dedup_alert *alerts, size_t n, bool *keep, dedup_verdict *v,
		   char **err)
{
	memset(v, 0, sizeof *v);
	int64_t id = 0;
	near_doc near = { 0 };
	int known = known_doc(d, key, &id, &near, err);
	if (known < 0)
		return false;
	if (!known &&
	    (!find_near(d, fp, &near, err) || !insert_doc(d, key, label, fp, now, &near, &id, err)))
		return false;
	int64_t story = near.story ? near.story : id;
	v->duplicate = story != id;
	if (v->duplicate) {
		snprintf(v->original, sizeof v->original, "%s", near.original);
		v->containment = near.containment;
	}
	for (size_t i = 0; i < n; i++) {
		if (!decide_alert(d, story, id, &alerts[i], &keep[i], err))
			return false;
		v->suppressed += !keep[i];
	}
	return true;
}

bool dedup_expire(dedup *d, double now, char **err)
{
	static const char sql[] =
	    "DELETE FROM dedup_bands WHERE doc IN (SELECT id FROM dedup_docs WHERE seen < ?1);"
	    "DELETE FROM dedup_docs WHERE seen < ?1;"
	    "DELETE FROM dedup_alerts WHERE story NOT IN (SELECT story FROM dedup_docs);";
	const char *tail = sql;
	while (*tail) {
		sqlite3_stmt *q = NULL;
		if (sqlite3_prepare_v2(d->db, tail, -1, &q, &tail) != SQLITE_OK)
			return dedup_fail(d->db, "expiring", err);
		if (!q)
			break;
		if (sqlite3_bind_parameter_count(q) > 0)
			sqlite3_bind_double(q, 1, now - d->o.window_s);
		int rc = sqlite3_step(q);
		sqlite3_finalize(q);
		if (rc != SQLITE_DONE)
			return dedup_fail(d->db, "expiring", err);
	}
	return true;
}
