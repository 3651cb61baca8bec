/*
 * check_fingerprint.c - near-duplicate fingerprints (core/article/
 * fingerprint.c): the same story cut, re-led, re-cased or re-punctuated
 * stays near; different stories do not; short bodies match only exactly;
 * the title and metadata do not count.
 */
#include "testutil.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEED NR_FIXTURES "/../../examples/articles/voa-haqqani.txt"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	char *buf = malloc(1 << 16);
	*len = fread(buf, 1, (1 << 16) - 1, f);
	buf[*len] = 0;
	fclose(f);
	return buf;
}

static nr_fingerprint fp_of(const char *text, const char *title)
{
	nr_article *a = NULL;
	ck_assert_int_eq(nr_article_from_text(&a, text, strlen(text), title), NR_OK);
	nr_fingerprint fp;
	ck_assert_int_eq(nr_article_fingerprint(a, &fp), NR_OK);
	nr_article_free(a);
	return fp;
}

/* The seed article's body from its paragraph `from` up to (not including)
 * `to` (blank-line separated; the first is the headline, left out). */
static char *paragraphs(const char *text, int from, int to)
{
	char *out = calloc(1, strlen(text) + 3);
	size_t used = 0;
	int para = 0;
	const char *p = text;
	while (*p && para < to) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (para >= from && n) {
			memcpy(out + used, p, n);
			memcpy(out + used + n, "\n\n", 3);
			used += n + 2;
		}
		if (!end)
			break;
		p = end + 2;
		while (*p == '\n')
			p++;
		para++;
	}
	return out;
}

START_TEST(same_story_rewritten)
{
	size_t len;
	char *seed = slurp(SEED, &len);
	char *body = paragraphs(seed, 1, 1000);
	nr_fingerprint full = fp_of(body, NULL);
	ck_assert_uint_ge(full.shingles, 300);

	/* Cut to its first two thirds. */
	int n = 0;
	for (const char *p = body; (p = strstr(p, "\n\n")); p += 2)
		n++;
	char *trim = paragraphs(seed, 1, 1 + n * 2 / 3);
	nr_fingerprint t = fp_of(trim, "Another outlet's headline");
	ck_assert(nr_fingerprint_near(&t, &full, NR_FINGERPRINT_NEAR));
	ck_assert(nr_fingerprint_near(&full, &t, NR_FINGERPRINT_NEAR));
	ck_assert_double_ge(nr_fingerprint_containment(&t, &full), 0.8);
	ck_assert_double_lt(nr_fingerprint_resemblance(&t, &full), 0.9);

	/* Another first line, and the words in another case, with other
	 * apostrophes and punctuation: the exact hash sees through the last. */
	char *relead = malloc(strlen(body) + 200);
	strcpy(relead, "WASHINGTON (Wire) -- Reporting by the wire's correspondents.\n\n");
	strcat(relead, body);
	nr_fingerprint r = fp_of(relead, NULL);
	ck_assert(nr_fingerprint_near(&r, &full, NR_FINGERPRINT_NEAR));
	char *upper = strdup(body);
	for (char *p = upper; *p; p++) {
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 32);
		else if (*p == ',')
			*p = ';';
	}
	nr_fingerprint u = fp_of(upper, "A title");
	ck_assert(u.exact == full.exact);
	ck_assert_double_eq(nr_fingerprint_resemblance(&u, &full), 1.0);
	ck_assert(memcmp(u.minhash, full.minhash, sizeof u.minhash) == 0);

	/* A different story is far. */
	nr_fingerprint other = fp_of(
	    "The central bank left its main interest rate unchanged at 4.25 percent on "
	    "Thursday, saying inflation was easing more slowly than expected. Economists "
	    "had widely expected the decision, and markets barely moved after it was "
	    "announced by the governor at a news conference in the capital.",
	    NULL);
	ck_assert_uint_ge(other.shingles, NR_FINGERPRINT_MIN_SHINGLES);
	ck_assert(!nr_fingerprint_near(&other, &full, NR_FINGERPRINT_NEAR));
	ck_assert_double_lt(nr_fingerprint_containment(&other, &full), 0.2);
	free(seed);
	free(body);
	free(trim);
	free(relead);
	free(upper);
}
END_TEST

START_TEST(short_bodies_match_exactly_only)
{
	nr_fingerprint a = fp_of("Talks resumed on Monday.", NULL);
	nr_fingerprint b = fp_of("talks resumed on monday!", "Other title");
	nr_fingerprint c = fp_of("Talks resumed on Tuesday.", NULL);
	ck_assert_uint_lt(a.shingles, NR_FINGERPRINT_MIN_SHINGLES);
	ck_assert(nr_fingerprint_near(&a, &b, NR_FINGERPRINT_NEAR));
	ck_assert(!nr_fingerprint_near(&a, &c, NR_FINGERPRINT_NEAR));
	/* No words: no fingerprint, near nothing, not even itself. */
	nr_fingerprint e = fp_of("...", NULL);
	ck_assert_uint_eq(e.exact, 0);
	ck_assert_uint_eq(e.shingles, 0);
	ck_assert(!nr_fingerprint_near(&e, &e, NR_FINGERPRINT_NEAR));
	ck_assert_int_eq(nr_article_fingerprint(NULL, &e), NR_EINVAL);
}
END_TEST

Suite *fingerprint_suite(void)
{
	Suite *s = suite_create("fingerprint");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, same_story_rewritten);
	tcase_add_test(tc, short_bodies_match_exactly_only);
	suite_add_tcase(s, tc);
	return s;
}
