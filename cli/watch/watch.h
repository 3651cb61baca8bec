/*
 * watch.h - `newsrules watch`: a daemon that scans articles as they
 * arrive. The pieces and the threads:
 *
 *   main thread (loop.c)   signals (signalfd), inotify on the source
 *                          directories and the rule paths, stdin, timers;
 *                          reads each input into items and submits them
 *   workers (work.c)       --jobs threads, one scanner each, on the
 *                          current rule-set generation (reload swaps it)
 *   delivery (deliver.c)   one thread: groups scanned items into batches,
 *                          records each batch in the state (write-ahead),
 *                          writes it to every sink, marks it delivered
 *
 * The state (state.c) is SQLite, on disk with --state DIR, in a temporary file
 * without. docs/watch.md is the user's description.
 */
#ifndef NR_CLI_WATCH_H
#define NR_CLI_WATCH_H

#include "../cli.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/types.h>

/* ---- items ---------------------------------------------------------- */

/* One alert of a scanned article, as its JSON line and the parts the
 * near-duplicate hook compares. */
typedef struct watch_alert {
	char *json; /* scan's JSON form, no newline */
	char *rule, *actor, *target;
	bool dropped; /* set by the hook: not delivered */
} watch_alert;

/* A rule that failed on the article: its id, outcome and message. */
typedef struct watch_rule_error {
	char *rule;
	nr_outcome outcome;
	char *message; /* the scanner's message naming it; may be NULL */
} watch_rule_error;

/* One unit of input: an article to scan, or an error record. */
typedef struct watch_item {
	struct watch_item *next;
	char *key;           /* state key; NULL when not kept (stdin) */
	char *source;        /* the input's name, for messages */
	nr_article *article; /* NULL for an error record */
	char *error_line;    /* "newsrules: source: reason" for stderr */
	char *error_json;    /* the error record (scan's form) for sinks */
	/* Filled by the worker that scanned it. */
	watch_alert *alerts;
	size_t nalerts, cap_alerts;
	watch_rule_error *rule_errors;
	size_t nrule_errors;
	bool oom; /* results incomplete for want of memory */
	/* The body's near-duplicate fingerprint (worker), and the record of
	 * a copy of an earlier story that the dedup hook leaves for the
	 * sinks (JSON, no newline; NULL when none). */
	nr_fingerprint fp;
	bool has_fp;
	char *dup_json;
	/* The article's id: the worker frees the article once scanned, so
	 * that batches waiting for delivery hold only their lines. */
	char *id;
} watch_item;

void watch_item_free(watch_item *it);
/* An error record item: `reason` about `source` (either may be an
 * nr_read_item's). NULL for want of memory. */
watch_item *watch_error_item(const char *source, const char *reason, const char *json);
/* The item of a reader's outcome (the article taken over, or an error
 * record), with state key `key` (NULL: none). NULL for want of memory
 * (the article freed). */
watch_item *watch_item_from_read(const nr_read_item *item, const char *key);

/* A bounded FIFO of items between threads; closed: pop returns NULL once
 * empty, push never blocks. */
typedef struct watch_queue {
	pthread_mutex_t mu;
	pthread_cond_t not_empty, not_full;
	watch_item *head, *tail;
	size_t n, cap;
	bool closed;
} watch_queue;

void watch_queue_init(watch_queue *q, size_t cap);
void watch_queue_destroy(watch_queue *q);
void watch_queue_push(watch_queue *q, watch_item *it);
/* Wait for one item; NULL once closed and empty. */
watch_item *watch_queue_pop(watch_queue *q);
/* Up to `max` items that are there, waiting at most `ms` for the first
 * (0: not at all); the number taken into out[]. */
size_t watch_queue_pop_some(watch_queue *q, watch_item **out, size_t max, int ms);
void watch_queue_close(watch_queue *q);
size_t watch_queue_depth(watch_queue *q);
/* Closed and empty: nothing more will come. */
bool watch_queue_finished(watch_queue *q);

/* ---- state (state.c) ------------------------------------------------ */

typedef struct watch_state watch_state;

/* Open DIR/state.db (created; DIR too), or a temporary one (deleted at close) when
 * dir is NULL; false after printing why. Takes an exclusive lock on the
 * directory: one watcher per state. */
bool watch_state_open(watch_state **out, const char *dir);
void watch_state_close(watch_state *st);
/* This run's number (1 for a new state). */
int64_t watch_state_run(const watch_state *st);

/* A file about to be read: false when it was read in this run already,
 * or when every item it held is done. */
bool watch_state_file_begin(watch_state *st, const char *file_key);
void watch_state_file_end(watch_state *st, const char *file_key, size_t nitems);
/* An item about to be scanned: true when it is to be (marked taken now),
 * false when it is done or taken in this run. */
bool watch_state_take(watch_state *st, const char *key, const char *file_key);

/* A batch as recorded: every line it delivers and the items it completes. */
typedef struct watch_batch {
	int64_t id;
	char *data; /* JSON lines, each ending in \n */
	size_t len;
	watch_item **items;
	size_t nitems;
} watch_batch;

struct watch_sink;
/* The dedup hook (dedup.c): called once per article inside the batch's
 * transaction, before its alerts are delivered. */
typedef void (*watch_article_hook)(watch_state *st, watch_item *it, void *payload);

/*
 * In one transaction: run `hook` on each article, `build` the batch's
 * lines from what the hook left, record them and, for each sink, a pending delivery (with a file sink's size
 * before it), and mark the batch's items done. b->id is set. False after
 * printing why (nothing recorded).
 */
typedef bool (*watch_batch_build)(watch_batch *b);
bool watch_state_record(watch_state *st, watch_batch *b, struct watch_sink **sinks, size_t nsinks,
			watch_article_hook hook, void *payload, watch_batch_build build);
/* The delivery of batch `id` to `sink` is done (a file sink's size now
 * `size`, else -1); the batch goes when it has no delivery left. */
void watch_state_delivered(watch_state *st, int64_t id, const char *sink, int64_t size);
/* Pending deliveries (to sink `only`, NULL: any), oldest first: fn(batch id, sink id, offset, data,
 * len). Stops when fn returns false. */
typedef bool (*watch_pending_fn)(int64_t id, const char *sink, int64_t offset, const char *data,
				 size_t len, void *payload);
void watch_state_pending(watch_state *st, const char *only, watch_pending_fn fn, void *payload);
/* Is item `key` done, or taken in this run? (A feed's seen().) */
bool watch_state_seen(watch_state *st, const char *key);
/* Were items of `file_key` taken and not done, by any run? */
bool watch_state_has_taken(watch_state *st, const char *file_key);
size_t watch_state_pending_count(watch_state *st, const char *sink);

/* Feeds: validators and the keys of items seen. */
bool watch_state_feed_get(watch_state *st, const char *url, char **etag, char **last_modified);
void watch_state_feed_set(watch_state *st, const char *url, const char *etag,
			  const char *last_modified);

/* For the near-duplicate policy (dedup.c): the database, usable inside
 * the hook only (the state's lock is held, a transaction open). */
struct sqlite3 *watch_state_db(watch_state *st);

/* ---- sinks (sink.c) ------------------------------------------------- */

typedef enum watch_sink_kind { SINK_STDOUT, SINK_FILE, SINK_EXEC, SINK_HTTP } watch_sink_kind;

typedef struct watch_sink {
	watch_sink_kind kind;
	char *spec; /* as given; the sink's id in the state */
	/* file */
	char *path;
	int fd;
	off_t size;
	unsigned long long rotate; /* bytes; 0: never */
	unsigned keep;             /* old files kept */
	/* exec */
	char *command;
	pid_t pid;
	unsigned failures; /* in a row, for the back-off */
	/* http */
	void *http;
	double retry_at; /* monotonic seconds: nothing before then */
	bool backlog;    /* batches pending in the state: delivered in order */
	/* Bytes of those batches: a file sink's next batch starts after them
	 * (the offset recorded for it). */
	unsigned long long pending_bytes;
} watch_sink;

/* sink_http.c: the webhook of cli/net. */
bool watch_sink_http_open(watch_sink *s);
bool watch_sink_http_write(watch_sink *s, const char *data, size_t len);
void watch_sink_http_close(watch_sink *s);

/* Parse --sink SPEC; false after a usage error. */
bool watch_sink_parse(watch_sink *s, const char *spec);
/* Open what the sink writes to; false after printing why. */
bool watch_sink_open(watch_sink *s);
void watch_sink_close(watch_sink *s);
/* Before a batch of `len` bytes: rotate a file sink that would pass its
 * size; the offset the batch starts at (-1 for other kinds). */
int64_t watch_sink_prepare(watch_sink *s, size_t len);
/* Write a batch: true when it is delivered (written, flushed, fsync'd),
 * false when it is to be tried again (retry_at set, a message printed). */
bool watch_sink_write(watch_sink *s, const char *data, size_t len);
/* A batch found pending at start: a file sink is cut back to `offset`
 * first, so that nothing is written twice. */
bool watch_sink_redo(watch_sink *s, int64_t offset, const char *data, size_t len);

/* ---- the watcher ---------------------------------------------------- */

typedef struct watch_opts {
	char **rules; /* -r paths */
	size_t nrules;
	nr_read_options read;
	nr_scanner_options so;
	int jobs;
	const char *state_dir;
	watch_sink *sinks;
	size_t nsinks;
	unsigned stats_every; /* seconds; 0: never */
	unsigned poll;        /* feed period, seconds */
	char **sources;
	size_t nsources;
	/* Near-duplicate stories (dedup.c): off, the window in seconds, the
	 * least containment. */
	bool no_dedup;
	double dedup_window;
	double dedup_threshold;
} watch_opts;

typedef struct watch_counters {
	atomic_ulong in, out, alerts, errors, rule_errors, reloads, batches;
} watch_counters;

typedef struct watch_ctx {
	watch_opts o;
	watch_state *state;
	watch_queue in_q, out_q;
	/* The current rule set, followed by the workers' scanners; its
	 * generation (1, 2, ...) and hash, for messages. */
	nr_ruleslot *slot;
	atomic_uint generation;
	char hash[64];
	pthread_t *workers;
	int nworkers;
	pthread_t deliverer;
	bool deliverer_started;
	atomic_bool stopping; /* SIGTERM: stop taking input */
	watch_counters c;
	/* Errors by rule, for --stats-every: guarded by stats_mu. */
	pthread_mutex_t stats_mu;
	char **err_rules;
	unsigned long *err_counts;
	size_t nerr_rules;
	watch_article_hook hook;
	void *hook_payload;
	pthread_t main_thread;
	int sfd;     /* signalfd of SIGHUP, SIGTERM, SIGINT */
	void *feeds; /* feeds.c */
} watch_ctx;

/* work.c */
/* Load the rules and publish them; false (the running set kept) after
 * printing why. */
bool watch_rules_load(watch_ctx *ctx, bool first);
bool watch_workers_start(watch_ctx *ctx);
void watch_workers_join(watch_ctx *ctx);
/* Take an item in (main thread): skipped when the state has it done;
 * blocks while the queue is full. */
void watch_submit(watch_ctx *ctx, watch_item *it, const char *file_key);

/* deliver.c */
bool watch_deliver_start(watch_ctx *ctx);
void watch_deliver_join(watch_ctx *ctx);
/* Deliveries left pending by an earlier run (file sinks cut back first). */
bool watch_deliver_recover(watch_ctx *ctx);
void watch_count_rule_error(watch_ctx *ctx, const char *rule);

/* dedup.c: the near-duplicate policy (docs/watch.md). open: on the
 * state's database, as the options say (nothing with --no-dedup); the
 * hook's payload is what it leaves in *out. The hook: called once per
 * article inside the batch's transaction; drops the alerts the story has
 * given, marks the others with duplicate_of, leaves it->dup_json. The
 * record: an article (`item`, its key) against an earlier one (one row per
 * alert held back; al NULL: the article as a whole). */
bool watch_dedup_open(watch_ctx *ctx, void **out);
void watch_dedup_close(void *payload);
void watch_dedup_hook(watch_state *st, watch_item *it, void *payload);
bool watch_dedup_record(watch_state *st, const char *item, const char *duplicate_of,
			const watch_alert *al);

/* loop.c: the main thread's loop until a stop; the exit status. */
int watch_loop(watch_ctx *ctx);
/* Act on signals that came (main thread, between items). */
void watch_poll_signals(watch_ctx *ctx);

/* feeds.c: http(s) sources, polled every --poll seconds. */
bool watch_feeds_add(watch_ctx *ctx, const char *url);
/* The feed thread: polls each feed now, then every --poll seconds. */
bool watch_feeds_start(watch_ctx *ctx);
/* Stop it (a transfer in progress is cut within about a second). */
void watch_feeds_stop(watch_ctx *ctx);
size_t watch_feeds_count(watch_ctx *ctx);
void watch_feeds_free(watch_ctx *ctx);
void watch_print_stats(watch_ctx *ctx);

/* source_dir.c */
typedef struct watch_dirs watch_dirs;
bool watch_dirs_new(watch_dirs **out, watch_ctx *ctx);
void watch_dirs_free(watch_dirs *d);
/* Add a source directory: watched (recursively), then its files read. */
bool watch_dirs_add(watch_dirs *d, const char *path);
/* Add a rule path to watch for changes (a file's folder, a directory). */
bool watch_dirs_add_rules(watch_dirs *d, const char *path);
int watch_dirs_fd(const watch_dirs *d);
/* Handle what inotify reports; *rules_changed set when a rule path was. */
void watch_dirs_read(watch_dirs *d, bool *rules_changed);

/* source_stdin.c */
typedef struct watch_stdin watch_stdin;
bool watch_stdin_new(watch_stdin **out, watch_ctx *ctx, int fd);
void watch_stdin_free(watch_stdin *s);
/* Read what is there; false at the end of the stream (all submitted). */
bool watch_stdin_read(watch_stdin *s);

/* Monotonic seconds. */
double watch_now(void);

#endif
