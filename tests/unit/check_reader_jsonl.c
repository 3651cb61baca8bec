/* check_reader_jsonl.c - JSON Lines: fields, extra fields, bad lines. */
#include "testutil.h"

#include "extract/access.h"

#include <check.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

START_TEST(mixed_good_and_bad_lines)
{
	tu_result r;
	tu_read_fixture(&r, "reader_jsonl/mixed.jsonl", NR_FORMAT_AUTO);
	/* 8 lines, two blank: 6 records in, 6 items out. */
	ck_assert_uint_eq(r.items, 6);
	ck_assert_uint_eq(r.narticles, 3);
	ck_assert_uint_eq(r.nerrors, 3);
	ck_assert_int_eq(r.rc, NR_EPARSE);

	const nr_article *a = r.articles[0];
	ck_assert_int_eq(nr_article_format(a), NR_FORMAT_JSONL);
	ck_assert_str_eq(nr_article_id(a), "ng-5512");
	ck_assert_str_eq(nr_article_title(a), "Port strike enters second week");
	ck_assert_str_eq(nr_article_url(a), "https://portgazette.example/5512");
	ck_assert_str_eq(nr_article_published(a), "2025-11-03T10:00:00Z");
	ck_assert_str_eq(nr_article_source(a), "Port Gazette");
	ck_assert_str_eq(nr_article_byline(a), "Lena Marsh");
	ck_assert_str_eq(nr_article_language(a), "en");
	ck_assert_uint_eq(nr_article_paragraph_count(a), 2);
	ck_assert_str_eq(
	    nr_article_extra_json(a),
	    "{\"section\":\"business\",\"tags\":[\"labour\",\"shipping\"],\"wordcount\":41}");

	a = r.articles[1];
	ck_assert_str_eq(nr_article_byline(a), "Omar Haddad");
	ck_assert_str_eq(nr_article_published(a), "2025-11-02");
	ck_assert(tu_contains(a, "after a two-year renovation."));
	ck_assert(tu_contains(a, "to see the restored mosaics."));
	ck_assert(!tu_contains(a, "<p>"));
	ck_assert_ptr_null(nr_article_extra_json(a));

	ck_assert_int_eq(r.errors[0], NR_EPARSE);
	ck_assert(strncmp(r.messages[0], "line 3: invalid JSON: ", 22) == 0);
	ck_assert_int_eq(r.errors[1], NR_EEMPTY);
	ck_assert_str_eq(r.messages[1], "line 4: no \"text\" or \"html\" field");
	ck_assert_int_eq(r.errors[2], NR_EPARSE);
	ck_assert_str_eq(r.messages[2], "line 7: not a JSON object");

	a = r.articles[2];
	ck_assert_str_eq(nr_article_title(a), "Rail fares to rise in January");
	ck_assert_str_eq(nr_article_source(a), "Transit Times");
	/* No id of its own: source name plus item number (6th item). */
	ck_assert(strstr(nr_article_id(a), "mixed.jsonl#6") != NULL);
	tu_free(&r);
}
END_TEST

START_TEST(crlf_and_latin1)
{
	tu_result r;
	tu_read_fixture(&r, "reader_jsonl/crlf_latin1.jsonl", NR_FORMAT_JSONL);
	ck_assert_int_eq(r.rc, NR_OK);
	ck_assert_uint_eq(r.narticles, 2);
	ck_assert_str_eq(nr_article_title(r.articles[0]),
			 "Caf\xC3\xA9 owners protest new rent rules");
	ck_assert(tu_contains(r.articles[0], "Caf\xC3\xA9 owners marched to city hall"));
	ck_assert(!tu_contains(r.articles[1], "\r"));
	ck_assert_str_eq(nr_article_id(r.articles[1]), "c2");
	tu_free(&r);
}
END_TEST

START_TEST(array_and_pretty_object)
{
	tu_result r;
	tu_read_fixture(&r, "reader_jsonl/array.json", NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.items, 3);
	ck_assert_uint_eq(r.narticles, 2);
	ck_assert_str_eq(r.messages[0], "item 2: no text in the text/html field");
	ck_assert_str_eq(tu_text(r.articles[0]), "First item of a JSON array export.");
	ck_assert_str_eq(tu_text(r.articles[1]), "Third item, given as HTML.");
	tu_free(&r);

	tu_read_fixture(&r, "reader_jsonl/pretty.json", NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(nr_article_id(r.articles[0]), "p1");
	ck_assert_str_eq(nr_article_extra_json(r.articles[0]),
			 "{\"extra_field\":{\"nested\":[1,2]}}");
	tu_free(&r);
}
END_TEST

START_TEST(field_shapes)
{
	tu_result r;
	tu_read(&r,
		"{\"id\": 42, \"headline\": \"Numbers\", \"body\": \"Body alias works.\","
		" \"author\": [{\"name\": \"A. One\"}, \"B. Two\"], \"title\": [\"odd\"]}\n"
		"{\"id\": null, \"content\": \"Content alias.\", \"lang\": \"fr\"}\n"
		"{\"text\": \"\\u00e9t\\u00e9 chaud\", \"byline\": {\"name\": \"C. Three\"}}\n",
		NR_FORMAT_JSONL);
	ck_assert_uint_eq(r.narticles, 3);
	ck_assert_str_eq(nr_article_id(r.articles[0]), "42");
	ck_assert_str_eq(nr_article_title(r.articles[0]), "Numbers");
	ck_assert_str_eq(nr_article_byline(r.articles[0]), "A. One, B. Two");
	ck_assert_str_eq(tu_text(r.articles[0]), "Body alias works.");
	/* A known field of an unusable shape is kept, not lost. */
	ck_assert_str_eq(nr_article_extra_json(r.articles[0]), "{\"title\":[\"odd\"]}");
	ck_assert_str_eq(nr_article_id(r.articles[1]), "test#2");
	ck_assert_str_eq(nr_article_language(r.articles[1]), "fr");
	ck_assert_str_eq(tu_text(r.articles[2]), "\xC3\xA9t\xC3\xA9 chaud");
	ck_assert_str_eq(nr_article_byline(r.articles[2]), "C. Three");
	tu_free(&r);
}
END_TEST

START_TEST(hostile_json)
{
	tu_result r;
	/* 100,000 nested arrays: jansson's depth limit, one clean error. */
	static char deep[200010];
	memset(deep, '[', 100000);
	memset(deep + 100000, ']', 100000);
	deep[200000] = '\0';
	tu_read(&r, deep, NR_FORMAT_JSONL);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_EPARSE);
	ck_assert(strstr(r.messages[0], "invalid JSON") != NULL);
	tu_free(&r);

	/* A deep value inside an otherwise good record. */
	static char rec[4200];
	size_t n = (size_t)snprintf(rec, sizeof(rec), "{\"text\": \"Fine.\", \"x\": ");
	for (int i = 0; i < 2000; i++)
		rec[n++] = '[';
	for (int i = 0; i < 2000; i++)
		rec[n++] = ']';
	rec[n++] = '}';
	rec[n] = '\0';
	tu_read(&r, rec, NR_FORMAT_JSONL);
	ck_assert_uint_eq(r.items, 1);
	tu_free(&r);

	tu_read(&r, "\n\n  \n{\"text\": \"only\"}\n", NR_FORMAT_JSONL);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_uint_eq(r.narticles, 1);
	tu_free(&r);

	tu_read(&r, "not json at all\n", NR_FORMAT_JSONL);
	ck_assert_uint_eq(r.items, 1);
	ck_assert(strncmp(r.messages[0], "line 1: invalid JSON: ", 22) == 0);
	tu_free(&r);

	tu_read(&r, "[]", NR_FORMAT_JSONL);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_EEMPTY);
	tu_free(&r);
}
END_TEST

START_TEST(large_extra_fields)
{
	/* A 1 MB field: the article keeps it whole (inspect shows it once);
	 * the form every alert repeats names it with its size instead, and
	 * keeps the small fields around it, in record order. */
	size_t cap = 1000200;
	char *rec = malloc(cap);
	ck_assert_ptr_nonnull(rec);
	size_t n = (size_t)snprintf(rec, cap,
				    "{\"desk\": \"metro\", \"text\": \"Fine.\", \"blob\": \"");
	memset(rec + n, 'x', 1000000);
	n += 1000000;
	snprintf(rec + n, cap - n, "\", \"tags\": [\"a\"]}\n");
	tu_result r;
	tu_read(&r, rec, NR_FORMAT_JSONL);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_uint_eq(strlen(nr_article_extra_json(a)), 1000000 + 39);
	ck_assert_str_eq(nr_article__extra_alert(a),
			 "{\"extra\":{\"desk\":\"metro\",\"tags\":[\"a\"]},"
			 "\"left_out\":[{\"name\":\"blob\",\"bytes\":1000002}]}");
	tu_free(&r);

	/* Small fields only: the alert form is the fields as they are. */
	tu_read(&r, "{\"text\": \"Fine.\", \"desk\": \"metro\", \"n\": 2}\n", NR_FORMAT_JSONL);
	ck_assert_str_eq(nr_article__extra_alert(r.articles[0]),
			 "{\"extra\":{\"desk\":\"metro\",\"n\":2}}");
	tu_free(&r);

	/* Thousands of small fields past the budget: 16 named, the rest
	 * counted. */
	n = (size_t)snprintf(rec, cap, "{\"text\": \"Fine.\"");
	for (int i = 0; i < 3000; i++)
		n += (size_t)snprintf(rec + n, cap - n, ", \"f%04d\": \"vvvvvvvvvv\"", i);
	snprintf(rec + n, cap - n, "}\n");
	tu_read(&r, rec, NR_FORMAT_JSONL);
	const char *form = nr_article__extra_alert(r.articles[0]);
	ck_assert_uint_le(strlen(form), 16 * 1024 + 2048);
	ck_assert_ptr_nonnull(strstr(form, "{\"more\":"));
	ck_assert_uint_eq(strlen(nr_article_extra_json(r.articles[0])), 3000 * 21 + 1);
	tu_free(&r);
	free(rec);
}
END_TEST

Suite *reader_jsonl_suite(void)
{
	Suite *s = suite_create("reader_jsonl");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, mixed_good_and_bad_lines);
	tcase_add_test(tc, crlf_and_latin1);
	tcase_add_test(tc, array_and_pretty_object);
	tcase_add_test(tc, field_shapes);
	tcase_add_test(tc, hostile_json);
	tcase_add_test(tc, large_extra_fields);
	suite_add_tcase(s, tc);
	return s;
}
