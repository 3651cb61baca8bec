/*
 * check_dedup.c - the near-duplicate store of `watch` (cli/dedup.c) on an
 * in-memory SQLite database: a copy of a story joins the story of its
 * first copy; the story's alerts go out once per rule, actor and target;
 * the same article again gets the same verdicts; unrelated stories and
 * expired ones are not duplicates.
 */
#include "testutil.h"
#include "dedup.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED NR_FIXTURES "/../../examples/articles/voa-haqqani.txt"

static sqlite3 *db;
static dedup *dd;

static void setup(void)
{
	ck_assert_int_eq(sqlite3_open(":memory:", &db), SQLITE_OK);
	char *err = NULL;
	dedup_options o = { 3600.0, 0 };
	ck_assert_msg(dedup_open(&dd, db, &o, &err), "%s", err ? err : "");
}

static void teardown(void)
{
	dedup_close(dd);
	sqlite3_close(db);
}

static nr_fingerprint fp_text(const char *text)
{
	nr_article *a = NULL;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), NULL), NR_OK);
	nr_fingerprint fp;
	nr_article_fingerprint(a, &fp);
	nr_article_free(a);
	return fp;
}

static char *seed_body(size_t cut)
{
	FILE *f = fopen(SEED, "rb");
	ck_assert(f != NULL);
	char *buf = calloc(1, 1 << 16);
	size_t n = fread(buf, 1, (1 << 16) - 1, f);
	fclose(f);
	if (cut && cut < n)
		buf[cut] = 0;
	return buf;
}

static const dedup_alert accuse_pk = { "accusation", "White House", "Pakistan" };
static const dedup_alert deny_pk = { "denial", "Pakistan", "" };
static const dedup_alert accuse_af = { "accusation", "White House", "Afghanistan" };

static void see(const char *key, const nr_fingerprint *fp, double now, const dedup_alert *al,
		size_t n, bool *keep, dedup_verdict *v)
{
	char *err = NULL;
	ck_assert_msg(dedup_article(dd, key, NULL, fp, now, al, n, keep, v, &err), "%s",
		      err ? err : "");
}

START_TEST(copies_join_the_first_story)
{
	char *full = seed_body(0);
	char *cut = seed_body(strlen(full) * 2 / 3);
	nr_fingerprint f1 = fp_text(full), f2 = fp_text(cut);
	dedup_alert al[2] = { accuse_pk, deny_pk };
	bool keep[3];
	dedup_verdict v;
	see("wire/1", &f1, 100, al, 2, keep, &v);
	ck_assert(!v.duplicate);
	ck_assert(keep[0] && keep[1]);
	ck_assert_uint_eq(v.suppressed, 0);

	/* The cut copy from another outlet: the same two alerts are the
	 * story's already; a new target is new. */
	dedup_alert al2[3] = { accuse_pk, deny_pk, accuse_af };
	see("paper/7", &f2, 200, al2, 3, keep, &v);
	ck_assert(v.duplicate);
	ck_assert_str_eq(v.original, "wire/1");
	ck_assert_double_ge(v.containment, NR_FINGERPRINT_NEAR);
	ck_assert(!keep[0] && !keep[1] && keep[2]);
	ck_assert_uint_eq(v.suppressed, 2);

	/* A third copy joins the same story, named after its first copy;
	 * the alert the second copy added is the story's now. */
	see("blog/3", &f1, 300, al2, 3, keep, &v);
	ck_assert(v.duplicate);
	ck_assert_str_eq(v.original, "wire/1");
	ck_assert(!keep[0] && !keep[1] && !keep[2]);

	/* The second copy again (a rescan after a restart): as the first time. */
	see("paper/7", &f2, 400, al2, 3, keep, &v);
	ck_assert(v.duplicate);
	ck_assert(!keep[0] && !keep[1] && keep[2]);
	/* And the first: its alerts are its own. */
	see("wire/1", &f1, 400, al, 2, keep, &v);
	ck_assert(!v.duplicate);
	ck_assert(keep[0] && keep[1]);
	free(full);
	free(cut);
}
END_TEST

START_TEST(other_stories_and_expiry)
{
	char *full = seed_body(0);
	nr_fingerprint f1 = fp_text(full);
	nr_fingerprint other = fp_text(
	    "The central bank left its main interest rate unchanged at 4.25 percent on "
	    "Thursday, saying inflation was easing more slowly than expected. Economists had "
	    "widely expected the decision, and markets barely moved after it was announced by "
	    "the governor at a news conference in the capital.");
	bool keep[1];
	dedup_verdict v;
	see("a", &f1, 0, &accuse_pk, 1, keep, &v);
	see("b", &other, 10, &accuse_pk, 1, keep, &v);
	ck_assert(!v.duplicate);
	ck_assert(keep[0]);

	/* Past the window (3,600 s) the first copy is forgotten. */
	char *err = NULL;
	ck_assert_msg(dedup_expire(dd, 5000, &err), "%s", err ? err : "");
	see("c", &f1, 5000, &accuse_pk, 1, keep, &v);
	ck_assert(!v.duplicate);
	ck_assert(keep[0]);
	/* Within it, a copy is found. */
	see("d", &f1, 5100, &accuse_pk, 1, keep, &v);
	ck_assert(v.duplicate);
	ck_assert_str_eq(v.original, "c");
	ck_assert(!keep[0]);
	free(full);
}
END_TEST

START_TEST(short_bodies_by_exact_hash)
{
	nr_fingerprint a = fp_text("Talks resumed on Monday.");
	nr_fingerprint b = fp_text("TALKS resumed, on Monday!");
	nr_fingerprint c = fp_text("Talks resumed on Tuesday.");
	bool keep[1];
	dedup_verdict v;
	see("s1", &a, 0, &deny_pk, 1, keep, &v);
	see("s2", &b, 1, &deny_pk, 1, keep, &v);
	ck_assert(v.duplicate);
	ck_assert(!keep[0]);
	see("s3", &c, 2, &deny_pk, 1, keep, &v);
	ck_assert(!v.duplicate);
	ck_assert(keep[0]);
}
END_TEST

Suite *dedup_suite(void)
{
	Suite *s = suite_create("dedup");
	TCase *tc = tcase_create("store");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, copies_join_the_first_story);
	tcase_add_test(tc, other_stories_and_expiry);
	tcase_add_test(tc, short_bodies_by_exact_hash);
	suite_add_tcase(s, tc);
	return s;
}
