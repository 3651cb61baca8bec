/*
 * embed.c - a monitoring host embedding newsrules.
 *
 * Loads a rule set once, then scans the articles of each file given on the
 * command line on its own thread, each thread with its own scanner (a
 * scanner owns a Lua state and must not be shared). Alerts come back
 * through a callback; rule errors are read from the scanner.
 *
 *   embed RULES_DIR FILE...
 */
#include <newsrules.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

typedef struct job {
	const nr_ruleset *rules;
	const char *path;
	nr_scanner *scanner;
	unsigned alerts, errors;
	pthread_mutex_t *out; /* one printer at a time */
} job;

static int on_alert(const nr_alert *al, void *payload)
{
	job *j = payload;
	j->alerts++;
	const char *evidence = "";
	if (nr_alert_evidence_count(al) > 0)
		nr_alert_evidence(al, 0, &evidence);
	pthread_mutex_lock(j->out);
	printf("%s\t%s\t%s\t%s\t%.80s\n", j->path, nr_alert_severity(al), nr_alert_rule_id(al),
	       nr_alert_actor(al) ? nr_alert_actor(al) : "-", evidence);
	pthread_mutex_unlock(j->out);
	return 0; /* non-zero would stop the scan */
}

static int on_article(const nr_read_item *item, void *payload)
{
	job *j = payload;
	if (item->error) {
		j->errors++;
		fprintf(stderr, "%s: %s\n", item->source, item->message);
		return 0;
	}
	if (nr_scanner_scan(j->scanner, item->article, on_alert, j) != NR_OK) {
		for (size_t i = 0; i < nr_scanner_error_count(j->scanner); i++)
			fprintf(stderr, "%s\n", nr_scanner_error(j->scanner, i));
		j->errors++;
	}
	nr_article_free(item->article); /* the callback owns the article */
	return 0;
}

static void *worker(void *arg)
{
	job *j = arg;
	nr_scanner_options opts = NR_SCANNER_OPTIONS_INIT;
	opts.deadline_ms = 500;      /* per rule per article */
	opts.max_memory = 64u << 20; /* Lua heap of this scanner */
	int rc = nr_scanner_new(&j->scanner, j->rules, &opts);
	if (rc != NR_OK) {
		/* A scanner handed back on failure holds the reason (the rules
		 * are at fault); otherwise the code says it. */
		fprintf(stderr, "scanner: %s\n",
			j->scanner && nr_scanner_last_error(j->scanner)[0]
			    ? nr_scanner_last_error(j->scanner)
			    : nr_strerror(rc));
		nr_scanner_free(j->scanner);
		j->errors++;
		return NULL;
	}
	nr_read_file(j->path, NULL, on_article, j);
	nr_scanner_free(j->scanner);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: %s RULES FILE...\n", argv[0]);
		return 2;
	}
	nr_ruleset *rules;
	if (nr_ruleset_new(&rules, NULL) != NR_OK)
		return 1;
	if (nr_ruleset_add_path(rules, argv[1]) != NR_OK) {
		/* The good files are loaded; say what was wrong with the others. */
		for (size_t i = 0; i < nr_ruleset_diagnostic_count(rules); i++) {
			nr_diag_level level;
			const char *d = nr_ruleset_diagnostic(rules, i, &level);
			if (level == NR_DIAG_ERROR)
				fprintf(stderr, "%s\n", d);
		}
	}
	printf("# %zu rules, version %s\n", nr_ruleset_rule_count(rules), nr_ruleset_hash(rules));

	int n = argc - 2;
	job *jobs = calloc((size_t)n, sizeof(*jobs));
	pthread_t *threads = calloc((size_t)n, sizeof(*threads));
	pthread_mutex_t out = PTHREAD_MUTEX_INITIALIZER;
	if (!jobs || !threads)
		return 1;
	for (int i = 0; i < n; i++) {
		jobs[i] = (job){ .rules = rules, .path = argv[i + 2], .out = &out };
		pthread_create(&threads[i], NULL, worker, &jobs[i]);
	}
	unsigned alerts = 0, errors = 0;
	for (int i = 0; i < n; i++) {
		pthread_join(threads[i], NULL);
		alerts += jobs[i].alerts;
		errors += jobs[i].errors;
	}
	printf("# %u alerts, %u errors\n", alerts, errors);
	free(jobs);
	free(threads);
	nr_ruleset_free(rules); /* after every scanner is gone */
	return errors ? 1 : 0;
}
