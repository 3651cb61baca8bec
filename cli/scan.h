/*
 * scan.h - the pieces of `newsrules scan` shared by scan.c (options,
 * alerts written out) and scan_jobs.c (articles scanned by --jobs
 * threads, their output committed in input order).
 */
#ifndef NR_CLI_SCAN_H
#define NR_CLI_SCAN_H

#include "cli.h"
#include "pool.h"

#include <stdatomic.h>

/* Streams of a job's output: stdout, stderr, the --log file. */
enum { SCAN_OUT, SCAN_ERR, SCAN_LOG, SCAN_STREAMS };

/* Bytes of one stream written for rule `rule` (an alert, a log line):
 * left out when the rule turns out to be disabled at that article. */
typedef struct scan_seg {
	int stream;
	size_t rule, start, end;
	unsigned alerts;
} scan_seg;

typedef enum scan_job_kind {
	JOB_ARTICLE, /* scan it */
	JOB_NOTE,    /* written as it is (an input error) */
	JOB_FLUSH    /* the end of an input file: stdout is flushed */
} scan_job_kind;

/* One item of input and, once scanned, everything it writes. */
typedef struct scan_job {
	scan_job_kind kind;
	bool input_error; /* a note about an input that failed */
	bool oom;         /* its output could not be kept */
	nr_article *article;
	char *source;
	char *buf[SCAN_STREAMS];
	size_t len[SCAN_STREAMS];
	FILE *f[SCAN_STREAMS];
	scan_seg *segs;
	size_t nsegs, cap_segs;
	size_t alerts;
	unsigned char *outcome;   /* per rule: its nr_outcome on the article */
	unsigned long (*logs)[2]; /* per rule: log lines, lines held back */
	char **errors;            /* the scanner's errors and notices */
	size_t nerrors;
} scan_job;

typedef struct scan_ctx scan_ctx;

/* A --jobs thread: its scanner, and its rules' log counts so far (for
 * the lines of one article, the difference). */
typedef struct scan_worker {
	scan_ctx *ctx;
	nr_scanner *scanner;
	scan_job *job; /* being scanned */
	cli_log log;   /* writes into the job's log stream */
	unsigned off_seen;
	unsigned long (*logs)[2];
} scan_worker;

struct scan_ctx {
	bool text_format;
	bool color; /* highlight evidence (text format on a terminal) */
	bool stats;
	unsigned json_flags; /* --with-text: NR_ALERT_JSON_TEXT or _CONTEXT */
	int min_rank;
	char **tags; /* --tag values */
	size_t ntags;
	int jobs; /* --jobs */
	nr_read_options opts;
	nr_scanner_options so;
	const nr_ruleset *rs;
	size_t nrules;
	const char **ids; /* rule ids sorted, for their index */
	size_t *id_index;
	scan_worker *workers;
	int nworkers;
	nr_scanner *referee; /* runs the probes; one of the workers' with one job */
	bool own_referee;
	cli_pool *pool;
	bool streaming; /* reading a stream: output flushed after each article */
	size_t articles, alerts, errors, rule_errors;
	/* Rule errors are logged once per rule and class; the rest counted. */
	bool *logged;          /* [rule * NR_OUTCOME_COUNT_ + outcome] */
	unsigned long *hidden; /* same shape: errors not shown */
	/* In input order: outcomes and log lines per rule, failures in a
	 * row, and the rules the circuit breaker switched off. */
	unsigned long (*counts)[NR_OUTCOME_COUNT_];
	unsigned long (*logs)[2];
	unsigned *fails;
	atomic_bool *off;
	atomic_uint off_gen;
};

/* scan.c: one alert written to `f` as the format asks. */
void scan_write_alert(const scan_ctx *ctx, const nr_alert *al, FILE *f, FILE *err,
		      const char *source);
bool scan_wanted(const scan_ctx *ctx, const nr_alert *al);
/* "newsrules: <message>\n" into f, as cli_error() writes it. */
void scan_error_to(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* scan_jobs.c: the scanners, the pool and the order of output. */
/* NR_EXIT_OK, or the exit status to end with (a message was printed). */
int scan_jobs_start(scan_ctx *ctx);
void scan_jobs_submit(scan_ctx *ctx, scan_job *job);
/* A job holding `err` (and `out`) as they are. */
scan_job *scan_note_job(const char *err, const char *out, bool input_error);
scan_job *scan_article_job(nr_article *a, const char *source);
scan_job *scan_flush_job(void);
/* Commit every job in flight and flush stdout (the input is quiet). */
void scan_jobs_sync(scan_ctx *ctx);
void scan_jobs_finish(scan_ctx *ctx);
void scan_jobs_free(scan_ctx *ctx);
void scan_print_stats(const scan_ctx *ctx);
void scan_report_hidden(const scan_ctx *ctx);

#endif
