/*
 * check_reload.c - reference-counted rule sets, nr_scanner_rebind() and
 * the rule slot: a scanner outlives the host's reference to its set, moves
 * to another set between articles (or keeps its own when the new one
 * fails in it), and scanner threads follow a slot that a reload thread
 * keeps setting, each article's alerts coming from exactly one set. CI
 * runs this suite under ThreadSanitizer too (.ci/run).
 */
#include "testutil.h"

#include <check.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A set of `n` rules, each raising one alert whose message is `tag`. */
static nr_ruleset *make_set(const char *tag, int n)
{
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	for (int i = 0; i < n; i++) {
		char src[512], name[32];
		snprintf(src, sizeof(src),
			 "rule { id = 'set%s-%d', title = 'T', severity = 'low',\n"
			 "  match = function(a) a:alert{ message = '%s' } end }\n",
			 tag[0] == 'A' ? "a" : "b", i, tag);
		snprintf(name, sizeof(name), "%s%d.lua", tag, i);
		ck_assert_int_eq(nr_ruleset_add_string(rs, name, src, strlen(src)), NR_OK);
	}
	return rs;
}

/* A set whose second file declares another rule when the scanner runs the
 * files again (its math.random continues from the first file's draw). */
static nr_ruleset *make_broken_set(void)
{
	const char *a = "local _ = math.random()\n"
			"rule { id = 'a', title = 'A', severity = 'low', match = function() end }";
	const char *b = "rule { id = 'b' .. math.random(1, 1000000000), title = 'B',\n"
			"  severity = 'low', match = function() end }";
	nr_ruleset *rs;
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "a.lua", a, strlen(a)), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "b.lua", b, strlen(b)), NR_OK);
	return rs;
}

/* The alerts of one article: how many, and their messages' first bytes. */
typedef struct seen {
	int n;
	char tags[16];
} seen;

static int collect(const nr_alert *al, void *payload)
{
	seen *s = payload;
	if (s->n < (int)sizeof(s->tags))
		s->tags[s->n] = nr_alert_message(al)[0];
	s->n++;
	return 0;
}

static seen scan_one(nr_scanner *sc, nr_article *a)
{
	seen s = { 0 };
	ck_assert_int_eq(nr_scanner_scan(sc, a, collect, &s), NR_OK);
	return s;
}

static nr_article *article(void)
{
	nr_article *a;
	ck_assert_int_eq(nr_article_from_text(&a, "The minister spoke.", 19, NULL), NR_OK);
	return a;
}

START_TEST(scanner_outlives_the_hosts_reference)
{
	nr_ruleset *rs = make_set("A", 2);
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, rs, NULL), NR_OK);
	ck_assert_ptr_eq(nr_ruleset_retain(rs), rs);
	nr_ruleset_free(rs); /* the retain's */
	nr_ruleset_free(rs); /* the creator's: the scanner keeps the set */
	nr_article *a = article();
	seen s = scan_one(sc, a);
	ck_assert_int_eq(s.n, 2);
	ck_assert_str_eq(nr_ruleset_rule_id(nr_scanner_ruleset(sc), 1), "seta-1");
	nr_scanner_free(sc); /* and frees it: ASan says if not */
	nr_article_free(a);
	ck_assert_ptr_null(nr_ruleset_retain(NULL));
}
END_TEST

START_TEST(rebind_moves_and_starts_counts_afresh)
{
	nr_ruleset *a = make_set("A", 2), *b = make_set("B", 3);
	nr_scanner *sc;
	nr_article *art = article();
	ck_assert_int_eq(nr_scanner_new(&sc, a, NULL), NR_OK);
	ck_assert_int_eq(scan_one(sc, art).n, 2);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_MATCH), 1);
	ck_assert_int_eq(nr_scanner_rebind(sc, a), NR_OK); /* the same set: nothing */
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_MATCH), 1);
	ck_assert_int_eq(nr_scanner_rebind(sc, b), NR_OK);
	nr_ruleset_free(a); /* the scanner left it: this frees it */
	ck_assert_ptr_eq(nr_scanner_ruleset(sc), b);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_MATCH), 0);
	ck_assert_int_eq(nr_scanner_rule_last_outcome(sc, 2), NR_OUTCOME_COUNT_);
	seen s = scan_one(sc, art);
	ck_assert_int_eq(s.n, 3);
	ck_assert_int_eq(memcmp(s.tags, "BBB", 3), 0);
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 2, NR_OUTCOME_MATCH), 1);
	ck_assert_int_eq(nr_scanner_rebind(sc, NULL), NR_EINVAL);
	ck_assert_int_eq(nr_scanner_rebind(NULL, b), NR_EINVAL);
	nr_scanner_free(sc);
	nr_ruleset_free(b);
	nr_article_free(art);
}
END_TEST

START_TEST(failed_rebind_keeps_the_old_set)
{
	nr_ruleset *a = make_set("A", 1), *bad = make_broken_set();
	nr_scanner *sc;
	nr_article *art = article();
	ck_assert_int_eq(nr_scanner_new(&sc, a, NULL), NR_OK);
	ck_assert_int_eq(scan_one(sc, art).n, 1);
	ck_assert_int_eq(nr_scanner_rebind(sc, bad), NR_ERULE);
	ck_assert_ptr_nonnull(strstr(nr_scanner_last_error(sc), "b.lua:1: rule 'b"));
	ck_assert_ptr_nonnull(strstr(nr_scanner_last_error(sc), "did not come back"));
	ck_assert_ptr_eq(nr_scanner_ruleset(sc), a);
	nr_ruleset_free(bad); /* the scanner took no reference to it */
	/* The old set still runs, with its counts. */
	seen s = scan_one(sc, art);
	ck_assert_int_eq(s.n, 1);
	ck_assert_int_eq(s.tags[0], 'A');
	ck_assert_uint_eq(nr_scanner_rule_outcomes(sc, 0, NR_OUTCOME_MATCH), 2);
	nr_scanner_free(sc);
	nr_ruleset_free(a);
	nr_article_free(art);
}
END_TEST

START_TEST(stillborn_scanner_comes_to_life)
{
	nr_ruleset *bad = make_broken_set(), *b = make_set("B", 1);
	nr_scanner *sc = NULL;
	nr_article *art = article();
	ck_assert_int_eq(nr_scanner_new(&sc, bad, NULL), NR_ERULE);
	ck_assert_ptr_nonnull(sc);
	nr_ruleset_free(bad);
	ck_assert_int_eq(nr_scanner_scan(sc, art, NULL, NULL), NR_ERULE);
	ck_assert_int_eq(nr_scanner_rebind(sc, b), NR_OK);
	ck_assert_str_eq(nr_scanner_last_error(sc), "");
	ck_assert_int_eq(scan_one(sc, art).n, 1);
	nr_scanner_free(sc);
	nr_ruleset_free(b);
	nr_article_free(art);
}
END_TEST

START_TEST(slot_get_set_follow)
{
	nr_ruleslot *slot;
	nr_ruleset *a = make_set("A", 1), *b = make_set("B", 2);
	ck_assert_int_eq(nr_ruleslot_new(&slot, NULL), NR_OK);
	ck_assert_ptr_null(nr_ruleslot_get(slot));
	ck_assert_uint_eq(nr_ruleslot_generation(slot), 0);
	nr_ruleslot_set(slot, a);
	nr_ruleset_free(a); /* the slot holds it now */
	ck_assert_uint_eq(nr_ruleslot_generation(slot), 1);
	nr_ruleset *cur = nr_ruleslot_get(slot);
	ck_assert_ptr_eq(cur, a);
	nr_scanner *sc;
	ck_assert_int_eq(nr_scanner_new(&sc, cur, NULL), NR_OK);
	nr_ruleset_free(cur);
	nr_article *art = article();
	ck_assert_int_eq(nr_scanner_follow(sc, slot), NR_OK);
	ck_assert_int_eq(scan_one(sc, art).n, 1);
	nr_ruleslot_set(slot, b);
	ck_assert_int_eq(nr_scanner_follow(sc, slot), NR_OK);
	ck_assert_ptr_eq(nr_scanner_ruleset(sc), b);
	ck_assert_int_eq(scan_one(sc, art).n, 2);
	/* A set that fails in the scanner: tried once, the old set kept. */
	nr_ruleset *bad = make_broken_set();
	nr_ruleslot_set(slot, bad);
	nr_ruleset_free(bad);
	ck_assert_int_eq(nr_scanner_follow(sc, slot), NR_ERULE);
	ck_assert_int_eq(nr_scanner_follow(sc, slot), NR_OK);
	ck_assert_ptr_eq(nr_scanner_ruleset(sc), b);
	ck_assert_int_eq(scan_one(sc, art).n, 2);
	/* Emptied: the scanner stays where it is. */
	nr_ruleslot_set(slot, NULL);
	ck_assert_int_eq(nr_scanner_follow(sc, slot), NR_OK);
	ck_assert_ptr_eq(nr_scanner_ruleset(sc), b);
	nr_ruleset_free(b);
	nr_ruleslot_free(slot);
	ck_assert_int_eq(scan_one(sc, art).n, 2); /* b lives on in the scanner */
	nr_scanner_free(sc);
	nr_article_free(art);
	nr_ruleslot_free(NULL);
}
END_TEST

/* ---- threads ------------------------------------------------------------ */

#define WORKERS 3
#define RELOADS 12

typedef struct shared {
	nr_ruleslot *slot;
	atomic_int done;     /* the reloads are over */
	atomic_int articles; /* scanned so far, by every worker */
	atomic_int exited;   /* workers that have stopped */
} shared;

typedef struct worker {
	shared *sh;
	int bad; /* articles whose alerts mixed sets or miscounted */
	int scanned;
	char last; /* the set of the last article: 'A' or 'B' */
	int rc;
} worker;

/* Sets alternate: generation g has tag 'A' + g % 2 and 2 + g % 2 rules. */
static bool consistent(const seen *s)
{
	if (s->n < 2)
		return false;
	for (int i = 1; i < s->n; i++)
		if (s->tags[i] != s->tags[0])
			return false;
	return s->n == (s->tags[0] == 'A' ? 2 : 3);
}

static void *work(void *arg)
{
	worker *w = arg;
	nr_ruleset *rs = nr_ruleslot_get(w->sh->slot);
	nr_scanner *sc;
	nr_article *a;
	if ((w->rc = nr_scanner_new(&sc, rs, NULL))) {
		atomic_fetch_add(&w->sh->exited, 1);
		return NULL;
	}
	nr_ruleset_free(rs);
	nr_article_from_text(&a, "The minister spoke on Monday.", 29, NULL);
	for (int final = 0; final < 2; final++) {
		/* After the reloads, one more article: the last set's. */
		do {
			if ((w->rc = nr_scanner_follow(sc, w->sh->slot)))
				break;
			seen s = { 0 };
			if ((w->rc = nr_scanner_scan(sc, a, collect, &s)))
				break;
			w->bad += !consistent(&s);
			w->last = s.tags[0];
			w->scanned++;
			atomic_fetch_add(&w->sh->articles, 1);
		} while (!final && !atomic_load(&w->sh->done));
	}
	nr_article_free(a);
	nr_scanner_free(sc);
	atomic_fetch_add(&w->sh->exited, 1);
	return NULL;
}

/* Publish a fresh set RELOADS times while the workers scan, waiting for
 * a few articles between reloads. */
static void reload(shared *sh)
{
	for (int g = 1; g <= RELOADS; g++) {
		int before = atomic_load(&sh->articles);
		nr_ruleset *rs = g % 2 ? make_set("B", 3) : make_set("A", 2);
		nr_ruleslot_set(sh->slot, rs);
		nr_ruleset_free(rs);
		while (atomic_load(&sh->articles) < before + WORKERS && !atomic_load(&sh->exited))
			sched_yield();
	}
	atomic_store(&sh->done, 1);
}

START_TEST(threads_follow_a_reloading_slot)
{
	shared sh;
	nr_ruleset *first = make_set("A", 2);
	ck_assert_int_eq(nr_ruleslot_new(&sh.slot, first), NR_OK);
	nr_ruleset_free(first);
	atomic_init(&sh.done, 0);
	atomic_init(&sh.articles, 0);
	atomic_init(&sh.exited, 0);
	pthread_t t[WORKERS];
	worker w[WORKERS];
	memset(w, 0, sizeof(w));
	for (int i = 0; i < WORKERS; i++) {
		w[i].sh = &sh;
		ck_assert_int_eq(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	reload(&sh);
	for (int i = 0; i < WORKERS; i++)
		pthread_join(t[i], NULL);
	for (int i = 0; i < WORKERS; i++) {
		ck_assert_int_eq(w[i].rc, NR_OK);
		ck_assert_int_eq(w[i].bad, 0);
		ck_assert_int_gt(w[i].scanned, 1);
		ck_assert_int_eq(w[i].last, RELOADS % 2 ? 'B' : 'A');
	}
	ck_assert_uint_eq(nr_ruleslot_generation(sh.slot), RELOADS);
	nr_ruleslot_free(sh.slot);
}
END_TEST

Suite *reload_suite(void)
{
	Suite *s = suite_create("reload");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, scanner_outlives_the_hosts_reference);
	tcase_add_test(tc, rebind_moves_and_starts_counts_afresh);
	tcase_add_test(tc, failed_rebind_keeps_the_old_set);
	tcase_add_test(tc, stillborn_scanner_comes_to_life);
	tcase_add_test(tc, slot_get_set_follow);
	tcase_add_test(tc, threads_follow_a_reloading_slot);
	suite_add_tcase(s, tc);
	return s;
}
