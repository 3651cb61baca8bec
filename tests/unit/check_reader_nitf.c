/* check_reader_nitf.c - NITF documents: headline, byline, dates, body. */
#include "testutil.h"

#include <check.h>
#include <string.h>

START_TEST(namespaced_with_media)
{
	tu_result r;
	tu_read_fixture(&r, "reader_nitf/namespaced.xml", NR_FORMAT_AUTO);
	ck_assert_int_eq(r.rc, NR_OK);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_int_eq(nr_article_format(a), NR_FORMAT_NITF);
	/* hl1 wins over head/title. */
	ck_assert_str_eq(nr_article_title(a), "River Barges Sail Half Empty as Drought Drags On");
	ck_assert_str_eq(nr_article_id(a), "NWS-2025-1104-0231");
	ck_assert_str_eq(nr_article_published(a), "2025-11-04T09:30:00Z");
	ck_assert_str_eq(nr_article_byline(a), "Helena Voss");
	ck_assert_str_eq(nr_article_source(a), "Northwind Wire");
	ck_assert_str_eq(nr_article_url(a), "https://northwind.example/2025/11/04/barges");
	ck_assert_str_eq(nr_article_language(a), "en-US");
	/* The subtitle opens the text; captions, credits and taglines are gone. */
	ck_assert(strncmp(tu_text(a),
			  "Freight rates on the upper river have tripled since August\n\n",
			  60) == 0);
	ck_assert(tu_contains(a, "Barge operators on the upper river are loading"));
	ck_assert(tu_contains(a, "\"We are turning customers away.\""));
	ck_assert(tu_contains(a, "\n\nRates climb\n\nFreight rates have tripled since August, "));
	ck_assert(tu_contains(a, "before the end of the month."));
	ck_assert(!tu_contains(a, "Riverton lock"));
	ck_assert(!tu_contains(a, "Karl Denk"));
	ck_assert(!tu_contains(a, "editing by"));
	ck_assert(!tu_contains(a, "Low water forces")); /* abstract, body has text */
	ck_assert_uint_eq(nr_article_paragraph_count(a), 6);
	tu_free(&r);
}
END_TEST

START_TEST(no_namespace_latin1_dateline)
{
	tu_result r;
	tu_read_fixture(&r, "reader_nitf/plain.nitf", NR_FORMAT_AUTO);
	ck_assert_int_eq(r.rc, NR_OK);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Night Buses Saved After Late Council Vote");
	ck_assert_str_eq(nr_article_id(a), "gazette-88123");
	ck_assert_str_eq(nr_article_byline(a), "ANNA LEHTO");
	ck_assert_str_eq(nr_article_published(a), "2025-10-30"); /* story.date text */
	ck_assert_str_eq(tu_text(a),
			 "The city council voted narrowly on Thursday to keep the "
			 "three night bus routes that officials had proposed to cut.\n\n"
			 "Caf\xC3\xA9 owners in the old town had campaigned for the service.");
	tu_free(&r);
}
END_TEST

START_TEST(no_body_text)
{
	tu_result r;
	tu_read_fixture(&r, "reader_nitf/nobody.xml", NR_FORMAT_NITF);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_uint_eq(r.narticles, 0);
	ck_assert_int_eq(r.errors[0], NR_EEMPTY);
	ck_assert_str_eq(r.messages[0], "NITF document has no body text");
	tu_free(&r);
}
END_TEST

START_TEST(title_fallback_and_wrong_root)
{
	tu_result r;
	tu_read(&r,
		"<nitf><head><title>Index title</title></head><body><body.content>"
		"<block>Loose text in a block.<p>Then a paragraph.</p></block>"
		"</body.content></body></nitf>",
		NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(nr_article_title(r.articles[0]), "Index title");
	ck_assert_str_eq(nr_article_id(r.articles[0]), "test");
	ck_assert_str_eq(tu_text(r.articles[0]), "Loose text in a block.\n\nThen a paragraph.");
	tu_free(&r);

	/* Basic-format dates become extended; odd ones are kept. */
	tu_read(&r,
		"<nitf><head><docdata><date.issue norm=\"20251104T0930-0500\"/></docdata></head>"
		"<body><body.content><p>One.</p></body.content></body></nitf>",
		NR_FORMAT_NITF);
	ck_assert_str_eq(nr_article_published(r.articles[0]), "2025-11-04T09:30:00-05:00");
	tu_free(&r);
	tu_read(&r,
		"<nitf><head><docdata><date.issue norm=\"Nov 4th\"/></docdata></head>"
		"<body><body.content><p>One.</p></body.content></body></nitf>",
		NR_FORMAT_NITF);
	ck_assert_str_eq(nr_article_published(r.articles[0]), "Nov 4th");
	tu_free(&r);

	tu_read(&r, "<news><p>x</p></news>", NR_FORMAT_NITF);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_EFORMAT);
	ck_assert_str_eq(r.messages[0], "not an NITF document: root element <news>");
	tu_free(&r);

	tu_read(&r, "<nitf><body><body.content><p>cut off", NR_FORMAT_NITF);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_EPARSE);
	ck_assert(strncmp(r.messages[0], "XML parse error at line 1: ", 27) == 0);
	tu_free(&r);
}
END_TEST

Suite *reader_nitf_suite(void)
{
	Suite *s = suite_create("reader_nitf");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, namespaced_with_media);
	tcase_add_test(tc, no_namespace_latin1_dateline);
	tcase_add_test(tc, no_body_text);
	tcase_add_test(tc, title_fallback_and_wrong_root);
	suite_add_tcase(s, tc);
	return s;
}
