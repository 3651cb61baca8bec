/*
 * state.c - what `watch` remembers, in SQLite (WAL): which files and
 * items were taken and done, the batches recorded before they are
 * written (write-ahead) and their pending deliveries per sink, each file
 * sink's size after its last batch, feed validators, and the tables of
 * the near-duplicate policy. One connection, used under one mutex by the
 * main thread (taking items) and the delivery thread (batches).
 *
 * WAL with synchronous=NORMAL: a commit survives the process being
 * killed (the data is in the OS's hands); a power cut may lose the last
 * commits, which then are scanned and delivered again.
 */
#include "watch.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct watch_state {
	sqlite3 *db;
	pthread_mutex_t mu;
	int lock_fd;
	int64_t run;
};

enum { ITEM_TAKEN = 1, ITEM_DONE = 2 };

static const char *const schema =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA synchronous=NORMAL;"
    "CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value);"
    /* A file read (path + device/inode + size + mtime): the run that
	 * read it last and how many items it held. */
    "CREATE TABLE IF NOT EXISTS files(key TEXT PRIMARY KEY, run INTEGER,"
    " nitems INTEGER);"
    /* An item: 1 taken (by `run`), 2 done (by `batch`). */
    "CREATE TABLE IF NOT EXISTS items(key TEXT PRIMARY KEY, file TEXT,"
    " state INTEGER NOT NULL, run INTEGER, batch INTEGER, at REAL);"
    "CREATE INDEX IF NOT EXISTS items_file ON items(file);"
    "CREATE TABLE IF NOT EXISTS batches(id INTEGER PRIMARY KEY AUTOINCREMENT, at REAL,"
    " data BLOB NOT NULL);"
    /* A batch not yet delivered to a sink; `offset`: a file sink's size
	 * before it. */
    "CREATE TABLE IF NOT EXISTS deliveries(batch INTEGER NOT NULL, sink TEXT"
    " NOT NULL, offset INTEGER, PRIMARY KEY(batch, sink));"
    /* Each sink's checkpoint: a file sink's size after its last batch. */
    "CREATE TABLE IF NOT EXISTS sinks(sink TEXT PRIMARY KEY, size INTEGER,"
    " batch INTEGER, at REAL);"
    "CREATE TABLE IF NOT EXISTS feeds(url TEXT PRIMARY KEY, etag TEXT,"
    " last_modified TEXT, polled REAL);"
    /* The near-duplicate policy's record of an article against an
	 * earlier one (dedup.c; the fingerprints are cli/dedup.c's tables). */
    "CREATE TABLE IF NOT EXISTS duplicates(item TEXT NOT NULL, duplicate_of"
    " TEXT NOT NULL, rule TEXT, actor TEXT, target TEXT, at REAL);"
    "INSERT OR IGNORE INTO meta VALUES('schema', 1);"
    "INSERT OR IGNORE INTO meta VALUES('run', 0);"
    "UPDATE meta SET value = value + 1 WHERE key = 'run';";

static double wall_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* DIR/lock, locked for this process's life (released by the kernel
 * however the process ends). */
static bool lock_dir(watch_state *st, const char *dir)
{
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		cli_error("watch: --state %s: %s", dir, strerror(errno));
		return false;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/lock", dir);
	st->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (st->lock_fd < 0) {
		cli_error("watch: --state %s: %s", path, strerror(errno));
		return false;
	}
	if (flock(st->lock_fd, LOCK_EX | LOCK_NB) != 0) {
		cli_error("watch: --state %s is in use by another watcher", dir);
		return false;
	}
	return true;
}

static bool exec_sql(watch_state *st, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(st->db, sql, NULL, NULL, &err) == SQLITE_OK)
		return true;
	cli_error("watch: state: %s", err ? err : sqlite3_errmsg(st->db));
	sqlite3_free(err);
	return false;
}

static int64_t query_int(watch_state *st, const char *sql, const char *arg, int64_t def)
{
	sqlite3_stmt *q;
	int64_t v = def;
	if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
		return def;
	if (arg)
		sqlite3_bind_text(q, 1, arg, -1, SQLITE_STATIC);
	if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_type(q, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	return v;
}

bool watch_state_open(watch_state **out, const char *dir)
{
	watch_state *st = calloc(1, sizeof(*st));
	*out = NULL;
	if (!st) {
		cli_error("out of memory");
		return false;
	}
	st->lock_fd = -1;
	pthread_mutex_init(&st->mu, NULL);
	char path[4096];
	snprintf(path, sizeof path, "%s/state.db", dir ? dir : "");
	bool ok = !dir || lock_dir(st, dir);
	/* Without a directory: SQLite's private temporary database (""), on
	 * disk and deleted at close, so that a long run's near-duplicate
	 * window is held in SQLite's bounded page cache, not in memory. */
	if (ok && sqlite3_open_v2(dir ? path : "", &st->db,
				  SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
				  NULL) != SQLITE_OK) {
		cli_error("watch: state %s: %s", dir ? path : "(temporary)",
			  st->db ? sqlite3_errmsg(st->db) : "out of memory");
		ok = false;
	}
	if (ok) {
		sqlite3_busy_timeout(st->db, 5000);
		ok = exec_sql(st, schema);
	}
	if (!ok) {
		watch_state_close(st);
		return false;
	}
	st->run = query_int(st, "SELECT value FROM meta WHERE key = 'run'", NULL, 1);
	*out = st;
	return true;
}

void watch_state_close(watch_state *st)
{
	if (!st)
		return;
	if (st->db)
		sqlite3_close_v2(st->db);
	if (st->lock_fd >= 0)
		close(st->lock_fd);
	pthread_mutex_destroy(&st->mu);
	free(st);
}

int64_t watch_state_run(const watch_state *st) { return st->run; }

sqlite3 *watch_state_db(watch_state *st) { return st->db; }

/* Run one statement with text/int arguments: "t" binds a string (NULL as
 * NULL), "i" an int64. False after printing why. */
static bool run_stmt(watch_state *st, const char *sql, const char *types, ...)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) {
		cli_error("watch: state: %s", sqlite3_errmsg(st->db));
		return false;
	}
	va_list ap;
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 't') {
			const char *s = va_arg(ap, const char *);
			if (s)
				sqlite3_bind_text(q, i + 1, s, -1, SQLITE_TRANSIENT);
		} else if (types[i] == 'i') {
			sqlite3_bind_int64(q, i + 1, va_arg(ap, int64_t));
		} else {
			sqlite3_bind_double(q, i + 1, va_arg(ap, double));
		}
	}
	va_end(ap);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		cli_error("watch: state: %s", sqlite3_errmsg(st->db));
		return false;
	}
	return true;
}

bool watch_state_file_begin(watch_state *st, const char *file_key)
{
	pthread_mutex_lock(&st->mu);
	int64_t run = query_int(st, "SELECT run FROM files WHERE key = ?", file_key, -1);
	int64_t n = query_int(st, "SELECT nitems FROM files WHERE key = ?", file_key, -1);
	bool go = run != st->run;
	if (go && n >= 0) {
		int64_t done = query_int(
		    st, "SELECT count(*) FROM items WHERE file = ?1 AND state = 2", file_key, 0);
		go = done < n;
	}
	if (go)
		run_stmt(st,
			 "INSERT INTO files VALUES(?1, ?2, NULL) ON CONFLICT(key) DO UPDATE"
			 " SET run = ?2",
			 "ti", file_key, st->run);
	pthread_mutex_unlock(&st->mu);
	return go;
}

void watch_state_file_end(watch_state *st, const char *file_key, size_t nitems)
{
	pthread_mutex_lock(&st->mu);
	run_stmt(st, "UPDATE files SET nitems = ?2 WHERE key = ?1", "ti", file_key,
		 (int64_t)nitems);
	pthread_mutex_unlock(&st->mu);
}

/* Is `key` to be taken (not done, not taken in this run)? With `mark`,
 * it is marked taken by this run. */
static bool watch_state_take_locked(watch_state *st, const char *key, const char *file_key,
				    bool mark)
{
	sqlite3_stmt *q;
	bool take = true;
	if (sqlite3_prepare_v2(st->db, "SELECT state, run FROM items WHERE key = ?", -1, &q,
			       NULL) == SQLITE_OK) {
		sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW)
			take = sqlite3_column_int(q, 0) == ITEM_TAKEN &&
			       sqlite3_column_int64(q, 1) != st->run;
		sqlite3_finalize(q);
	}
	if (take && mark)
		run_stmt(st,
			 "INSERT INTO items(key, file, state, run, at) VALUES(?1, ?2, 1, ?3, ?4)"
			 " ON CONFLICT(key) DO UPDATE SET run = ?3, at = ?4",
			 "ttid", key, file_key, st->run, wall_now());
	return take;
}

bool watch_state_take(watch_state *st, const char *key, const char *file_key)
{
	pthread_mutex_lock(&st->mu);
	bool take = watch_state_take_locked(st, key, file_key, true);
	pthread_mutex_unlock(&st->mu);
	return take;
}

/* Inside the transaction: the batch row, its deliveries, its items. */
static bool record_rows(watch_state *st, watch_batch *b, watch_sink **sinks, size_t nsinks)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(st->db, "INSERT INTO batches(at, data) VALUES(?, ?)", -1, &q,
			       NULL) != SQLITE_OK)
		return false;
	sqlite3_bind_double(q, 1, wall_now());
	sqlite3_bind_blob64(q, 2, b->data ? b->data : "", b->len, SQLITE_STATIC);
	int rc = sqlite3_step(q);
	sqlite3_finalize(q);
	if (rc != SQLITE_DONE)
		return false;
	b->id = sqlite3_last_insert_rowid(st->db);
	for (size_t i = 0; b->len && i < nsinks; i++) {
		int64_t off = watch_sink_prepare(sinks[i], b->len);
		if (!run_stmt(st, "INSERT INTO deliveries VALUES(?, ?, ?)", "iti", b->id,
			      sinks[i]->spec, off))
			return false;
	}
	for (size_t i = 0; i < b->nitems; i++)
		if (b->items[i]->key &&
		    !run_stmt(st,
			      "INSERT INTO items(key, state, batch, at) VALUES(?1, 2, ?2, ?3)"
			      " ON CONFLICT(key) DO UPDATE SET state = 2, batch = ?2, at = ?3",
			      "tid", b->items[i]->key, b->id, wall_now()))
			return false;
	if (!b->len)
		return run_stmt(st, "DELETE FROM batches WHERE id = ?", "i", b->id);
	return true;
}

bool watch_state_record(watch_state *st, watch_batch *b, watch_sink **sinks, size_t nsinks,
			watch_article_hook hook, void *payload, watch_batch_build build)
{
	pthread_mutex_lock(&st->mu);
	bool ok = exec_sql(st, "BEGIN IMMEDIATE");
	if (ok && hook)
		for (size_t i = 0; i < b->nitems; i++)
			if (b->items[i]->id)
				hook(st, b->items[i], payload);
	if (ok)
		ok = build(b) && record_rows(st, b, sinks, nsinks);
	if (ok)
		ok = exec_sql(st, "COMMIT");
	else
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	pthread_mutex_unlock(&st->mu);
	return ok;
}

void watch_state_delivered(watch_state *st, int64_t id, const char *sink, int64_t size)
{
	pthread_mutex_lock(&st->mu);
	exec_sql(st, "BEGIN IMMEDIATE");
	run_stmt(st, "DELETE FROM deliveries WHERE batch = ? AND sink = ?", "it", id, sink);
	if (size >= 0)
		run_stmt(st, "INSERT OR REPLACE INTO sinks VALUES(?, ?, ?, ?)", "tiid", sink, size,
			 id, wall_now());
	run_stmt(st,
		 "DELETE FROM batches WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM deliveries"
		 " WHERE batch = ?1)",
		 "i", id);
	exec_sql(st, "COMMIT");
	pthread_mutex_unlock(&st->mu);
}

void watch_state_pending(watch_state *st, const char *only, watch_pending_fn fn, void *payload)
{
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *q;
	const char *sql = "SELECT d.batch, d.sink, d.offset, b.data FROM deliveries d JOIN"
			  " batches b ON b.id = d.batch WHERE ?1 IS NULL OR d.sink = ?1"
			  " ORDER BY d.batch";
	if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK) {
		pthread_mutex_unlock(&st->mu);
		return;
	}
	if (only)
		sqlite3_bind_text(q, 1, only, -1, SQLITE_STATIC);
	/* Copied out, so that fn runs without the lock (it may record). */
	typedef struct row {
		int64_t id, off;
		char *sink, *data;
		size_t len;
	} row;
	row *rows = NULL;
	size_t n = 0, cap = 0;
	while (sqlite3_step(q) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			row *nr = realloc(rows, cap * sizeof(*nr));
			if (!nr)
				break;
			rows = nr;
		}
		size_t len = (size_t)sqlite3_column_bytes(q, 3);
		row r = { sqlite3_column_int64(q, 0),
			  sqlite3_column_type(q, 2) == SQLITE_NULL ? -1
								   : sqlite3_column_int64(q, 2),
			  strdup((const char *)sqlite3_column_text(q, 1)), malloc(len + 1), len };
		if (!r.sink || !r.data) {
			free(r.sink);
			free(r.data);
			break;
		}
		memcpy(r.data, sqlite3_column_blob(q, 3), len);
		rows[n++] = r;
	}
	sqlite3_finalize(q);
	pthread_mutex_unlock(&st->mu);
	bool go = true;
	for (size_t i = 0; i < n; i++) {
		if (go)
			go = fn(rows[i].id, rows[i].sink, rows[i].off, rows[i].data, rows[i].len,
				payload);
		free(rows[i].sink);
		free(rows[i].data);
	}
	free(rows);
}

size_t watch_state_pending_count(watch_state *st, const char *sink)
{
	pthread_mutex_lock(&st->mu);
	int64_t n = query_int(st, "SELECT count(*) FROM deliveries WHERE ?1 IS NULL OR sink = ?1",
			      sink, 0);
	pthread_mutex_unlock(&st->mu);
	return (size_t)n;
}

static char *column_dup(sqlite3_stmt *q, int i)
{
	const unsigned char *s = sqlite3_column_text(q, i);
	return s ? strdup((const char *)s) : NULL;
}

bool watch_state_feed_get(watch_state *st, const char *url, char **etag, char **last_modified)
{
	*etag = *last_modified = NULL;
	pthread_mutex_lock(&st->mu);
	sqlite3_stmt *q;
	bool found = false;
	if (sqlite3_prepare_v2(st->db, "SELECT etag, last_modified FROM feeds WHERE url = ?", -1,
			       &q, NULL) == SQLITE_OK) {
		sqlite3_bind_text(q, 1, url, -1, SQLITE_STATIC);
		if (sqlite3_step(q) == SQLITE_ROW) {
			*etag = column_dup(q, 0);
			*last_modified = column_dup(q, 1);
			found = true;
		}
		sqlite3_finalize(q);
	}
	pthread_mutex_unlock(&st->mu);
	return found;
}

void watch_state_feed_set(watch_state *st, const char *url, const char *etag,
			  const char *last_modified)
{
	pthread_mutex_lock(&st->mu);
	run_stmt(st, "INSERT OR REPLACE INTO feeds VALUES(?, ?, ?, ?)", "tttd", url, etag,
		 last_modified, wall_now());
	pthread_mutex_unlock(&st->mu);
}

bool watch_state_seen(watch_state *st, const char *key)
{
	pthread_mutex_lock(&st->mu);
	bool take = watch_state_take_locked(st, key, NULL, false);
	pthread_mutex_unlock(&st->mu);
	return !take;
}

bool watch_state_has_taken(watch_state *st, const char *file_key)
{
	pthread_mutex_lock(&st->mu);
	bool n = query_int(st, "SELECT count(*) FROM items WHERE file = ? AND state = 1", file_key,
			   0) > 0;
	pthread_mutex_unlock(&st->mu);
	return n;
}
