/*
 * bench_reload.c - what reloading and keeping alerts cost an embedder:
 * nr_scanner_rebind() to a freshly loaded set (the shipped pack by
 * default), nr_scanner_follow() when nothing changed, and nr_alert_copy()
 * + nr_alert_free() per alert (with the JSON of the copy for comparison).
 *
 *   newsrules-bench-reload [RULES_DIR [ARTICLE [ROUNDS]]]
 */
#include "newsrules.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static nr_ruleset *load(const char *dir)
{
	nr_ruleset *rs;
	if (nr_ruleset_new(&rs, NULL) || nr_ruleset_add_path(rs, dir)) {
		fprintf(stderr, "bench-reload: %s does not load\n", dir);
		exit(1);
	}
	return rs;
}

typedef struct copies {
	double copy_s, json_s;
	unsigned long n;
} copies;

static int on_alert(const nr_alert *al, void *payload)
{
	copies *c = payload;
	nr_alert *copy;
	double t0 = now_s();
	if (nr_alert_copy(al, &copy) != NR_OK)
		return 1;
	double t1 = now_s();
	char *json;
	if (nr_alert_to_json(copy, &json) == NR_OK)
		nr_free(json);
	double t2 = now_s();
	nr_alert_free(copy);
	c->copy_s += (t1 - t0) + (now_s() - t2);
	c->json_s += t2 - t1;
	c->n++;
	return 0;
}

static int on_item(const nr_read_item *item, void *payload)
{
	if (item->article)
		*(nr_article **)payload = item->article;
	return 0;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : NR_SOURCE_RULES_DIR;
	const char *path = argc > 2 ? argv[2] : NR_SOURCE_ARTICLE;
	int rounds = argc > 3 ? atoi(argv[3]) : 50;
	nr_article *a = NULL;
	nr_read_file(path, NULL, on_item, &a);
	if (!a)
		return 1;
	nr_ruleset *rs = load(dir);
	nr_ruleslot *slot;
	nr_scanner *sc;
	if (nr_ruleslot_new(&slot, rs) || nr_scanner_new(&sc, rs, NULL))
		return 1;
	nr_ruleset_free(rs);
	double load_s = 0, rebind_s = 0;
	for (int i = 0; i < rounds; i++) {
		double t0 = now_s();
		nr_ruleset *next = load(dir);
		double t1 = now_s();
		if (nr_scanner_rebind(sc, next) != NR_OK)
			return 1;
		rebind_s += now_s() - t1;
		load_s += t1 - t0;
		nr_ruleset_free(next);
	}
	long follows = 1000000;
	nr_scanner_follow(sc, slot);
	double t0 = now_s();
	for (long i = 0; i < follows; i++)
		nr_scanner_follow(sc, slot);
	double follow_s = now_s() - t0;
	copies c = { 0 };
	for (int i = 0; i < rounds; i++)
		nr_scanner_scan(sc, a, on_alert, &c);
	printf("rules=%zu load_ms=%.3f rebind_ms=%.3f follow_unchanged_ns=%.1f alerts=%lu "
	       "copy_free_us=%.2f copy_json_us=%.2f\n",
	       nr_ruleset_rule_count(nr_scanner_ruleset(sc)), load_s * 1e3 / rounds,
	       rebind_s * 1e3 / rounds, follow_s * 1e9 / (double)follows, c.n,
	       c.n ? c.copy_s * 1e6 / (double)c.n : 0, c.n ? c.json_s * 1e6 / (double)c.n : 0);
	nr_scanner_free(sc);
	nr_ruleslot_free(slot);
	nr_article_free(a);
	return 0;
}
