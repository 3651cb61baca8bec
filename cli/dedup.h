/*
 * dedup.h - near-duplicate stories for `newsrules watch`: which article a
 * new one copies, and which of its alerts the story has already given.
 *
 * Every article's fingerprint (nr_article_fingerprint) is kept in the
 * watcher's SQLite state for a window of time (--dedup-window). A new
 * article near one of them (nr_fingerprint_near at --dedup-threshold)
 * joins that article's story: the story is named after its first copy,
 * and an alert of the new article whose rule, actor and target the story
 * has alerted on before is not delivered again; new ones are, and are
 * then the story's too. Candidates are found by locality-sensitive
 * hashing: the 64 MinHash slots in 32 bands of two, each band's pair an
 * indexed key, so two bodies whose shingle sets resemble each other at
 * J share a key with probability 1 - (1 - J^2)^32 (0.87 at J = 0.25, a
 * story cut to a quarter of its length; 0.003 at J = 0.01, unrelated
 * news); each candidate is then confirmed on its whole signature. Bodies
 * too short for a signature are matched on their exact hash alone.
 *
 * Everything is in the database handed to dedup_open(), inside whatever
 * transaction the caller holds, so that a story's record commits with the
 * alerts it lets out.
 */
#ifndef NR_CLI_DEDUP_H
#define NR_CLI_DEDUP_H

#include "newsrules.h"

#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct dedup dedup;

typedef struct dedup_options {
	double window_s;        /* how long a fingerprint is kept; default 24 h */
	double min_containment; /* default NR_FINGERPRINT_NEAR */
} dedup_options;

/* One alert of the article: what makes it the same as an earlier one. */
typedef struct dedup_alert {
	const char *rule;
	const char *actor; /* "" when none */
	const char *target;
} dedup_alert;

typedef struct dedup_verdict {
	bool duplicate;     /* the article copies an earlier one */
	char original[512]; /* the story's first copy: its label */
	double containment; /* of the nearer of the two in the other */
	size_t suppressed;  /* alerts the story had given already */
} dedup_verdict;

/* Create the tables (if new) and the statements on `db`; false with a
 * malloc'd message in *err (free it) on failure. */
bool dedup_open(dedup **out, sqlite3 *db, const dedup_options *o, char **err);
void dedup_close(dedup *d);

/*
 * Record the article `key` (unique to it), shown as `label` (its id; NULL:
 * the key), seen at `now` (seconds, any epoch the caller keeps) with
 * fingerprint `fp`, and decide for each of its `n` alerts
 * whether it goes out: keep[i] false when the story gave the same rule,
 * actor and target before. A key seen before is the same article again
 * (a rescan after a restart): its story and verdicts are as the first
 * time. False with *err on a database error.
 */
bool dedup_article(dedup *d, const char *key, const char *label, const nr_fingerprint *fp,
		   double now, const dedup_alert *alerts, size_t n, bool *keep, dedup_verdict *v,
		   char **err);

/* Forget fingerprints older than the window (their stories' alerts too,
 * once the story has no copy left in it). */
bool dedup_expire(dedup *d, double now, char **err);

#endif
