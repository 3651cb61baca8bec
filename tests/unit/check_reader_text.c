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

START_TEST(hard_wrapped_lines_join)
{
	tu_result r;
	tu_read(&r,
		"Storm Closes Ports Along the Coast\n\n"
		"Port authorities closed three harbours on Tuesday as a storm with\n"
		"winds of up to 120 km/h moved along the coast, officials said in a\n"
		"statement issued shortly after dawn.\n\n"
		"Ferry services were cancelled until further notice and fishing boats\n"
		"were ordered to stay in port while the warning remains in force for\n"
		"the whole of the northern region.\n",
		NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Storm Closes Ports Along the Coast");
	ck_assert_uint_eq(nr_article_paragraph_count(a), 2);
	ck_assert(tu_contains(a, "storm with winds of up to"));
	tu_free(&r);
}
END_TEST

START_TEST(no_headline_when_first_line_is_prose)
{
	tu_result r;
	tu_read(&r,
		"The minister resigned on Monday after weeks of pressure, aides said.\n"
		"A successor will be named this week.\n",
		NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(nr_article_title(r.articles[0]), "");
	ck_assert_uint_eq(nr_article_paragraph_count(r.articles[0]), 2);
	tu_free(&r);
}
END_TEST

START_TEST(byline_kicker_and_notices)
{
	tu_result r;
	tu_read(&r,
		"WORLD\r\n\r\n"
		"Ceasefire Talks Resume in Geneva\r\n\r\n"
		"By Maria Lopez\r\n\r\n"
		"We use cookies to improve your experience. By continuing you accept our cookie "
		"policy.\r\n\r\n"
		"Negotiators returned to the table on Thursday.\r\n\r\n"
		"Sign up for our newsletter to get the news in your inbox.\r\n\r\n"
		"The talks are expected to last a week.\r\n",
		NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Ceasefire Talks Resume in Geneva");
	ck_assert_str_eq(nr_article_byline(a), "Maria Lopez");
	ck_assert_str_eq(tu_text(a), "Negotiators returned to the table on Thursday.\n\n"
				     "The talks are expected to last a week.");
	tu_free(&r);
}
END_TEST

START_TEST(navigation_menu_at_top)
{
	tu_result r;
	tu_read(&r,
		"Home\nWorld\nBusiness\nSport\nWeather\n\n"
		"Rail Strike Called Off\n\n"
		"Unions called off Friday's strike after a late offer.\n\n"
		"Trains will run normally.\n",
		NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Rail Strike Called Off");
	ck_assert(!tu_contains(a, "Weather"));
	ck_assert_uint_eq(nr_article_paragraph_count(a), 2);
	tu_free(&r);
}
END_TEST

START_TEST(latin1_is_converted)
{
	tu_result r;
	/* "Café owners in Málaga" in ISO-8859-1, with a windows-1252 curly quote. */
	tu_read(
	    &r,
	    "Caf\xe9 Owners Protest\n\nCaf\xe9 owners in M\xe1laga said \x93no\x94 to the tax.\n",
	    NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(nr_article_title(r.articles[0]), "Caf\xc3\xa9 Owners Protest");
	ck_assert_str_eq(
	    tu_text(r.articles[0]),
	    "Caf\xc3\xa9 owners in M\xc3\xa1laga said \xe2\x80\x9cno\xe2\x80\x9d to the tax.");
	tu_free(&r);
}
END_TEST

START_TEST(control_bytes_and_whitespace)
{
	tu_result r;
	tu_read_len(&r, "Budget Vote Delayed\n\nThe\x01 vote\t\tis   delayed\x7f.\xc2\xa0 Again.\n",
		    56, NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(tu_text(r.articles[0]), "The vote is delayed. Again.");
	tu_free(&r);
}
END_TEST

START_TEST(only_furniture_is_an_error)
{
	tu_result r;
	tu_read(&r, "Share this\n\nXS\nSM\nMD\nLG\n", NR_FORMAT_TEXT);
	ck_assert_uint_eq(r.narticles, 0);
	ck_assert_uint_eq(r.nerrors, 1);
	ck_assert_int_eq(r.errors[0], NR_EEMPTY);
	ck_assert_int_eq(r.rc, NR_EEMPTY);
	tu_free(&r);
}
END_TEST

START_TEST(from_text_keeps_everything)
{
	nr_article *a = NULL;
	const char *t = "Pakistan Denies Claims\n\nIslamabad rejected the report.";
	ck_assert_int_eq(nr_article_from_text(&a, t, strlen(t), "Given Title"), NR_OK);
	ck_assert_str_eq(nr_article_title(a), "Given Title");
	ck_assert(tu_contains(a, "Pakistan Denies Claims"));
	nr_article_free(a);
}
END_TEST

Suite *reader_text_suite(void)
{
	Suite *s = suite_create("reader_text");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, headline_and_furniture);
	tcase_add_test(tc, seed_example);
	tcase_add_test(tc, hard_wrapped_lines_join);
	tcase_add_test(tc, no_headline_when_first_line_is_prose);
	tcase_add_test(tc, byline_kicker_and_notices);
	tcase_add_test(tc, navigation_menu_at_top);
	tcase_add_test(tc, latin1_is_converted);
	tcase_add_test(tc, control_bytes_and_whitespace);
	tcase_add_test(tc, only_furniture_is_an_error);
	tcase_add_test(tc, from_text_keeps_everything);
	suite_add_tcase(s, tc);
	return s;
}
