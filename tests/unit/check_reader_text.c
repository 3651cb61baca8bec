/* check_reader_text.c - plain-text reader: headline, furniture, paragraphs. */
#include "testutil.h"

#include <check.h>
#include <string.h>

START_TEST(headline_and_furniture)
{
	tu_result r;
	tu_read(&r,
		"Skip to main content\n\nBreaking News\n\n"
		"Council Approves New Budget for Harbour Repairs\n\n"
		"Mayor Ana Ortiz at the harbour (file photo)\n"
		"Mayor Ana Ortiz at the harbour (file photo)\n\n"
		"The city council approved the budget on Monday.\n"
		"Work starts in spring.\n\n"
		"Share this\n\nXS\nSM\nMD\nLG\n",
		NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Council Approves New Budget for Harbour Repairs");
	ck_assert_str_eq(tu_text(a), "The city council approved the budget on Monday.\n\n"
				     "Work starts in spring.");
	ck_assert_uint_eq(nr_article_paragraph_count(a), 2);
	tu_free(&r);
}
END_TEST

START_TEST(seed_example)
{
	tu_result r;
	tu_read_fixture(&r, "../../examples/articles/voa-haqqani.txt", NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a),
			 "White House Calls on Pakistan to Break Links With Haqqani Network");
	ck_assert(strncmp(tu_text(a), "The White House is calling on Pakistan", 38) == 0);
	ck_assert(!tu_contains(a, "file photo"));
	ck_assert(!tu_contains(a, "Accessibility"));
	ck_assert(!tu_contains(a, "\nLG"));
	ck_assert(tu_contains(a, "can’t live without us.”"));
	tu_free(&r);
}
END_TEST

Suite *reader_text_suite(void)
{
	Suite *s = suite_create("reader_text");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, headline_and_furniture);
	tcase_add_test(tc, seed_example);
	suite_add_tcase(s, tc);
	return s;
}
