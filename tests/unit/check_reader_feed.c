/* check_reader_feed.c - RSS 2.0, RSS 1.0 and Atom: items, metadata, bodies. */
#include "testutil.h"

#include <check.h>
#include <pthread.h>
#include <string.h>

START_TEST(wordpress_rss)
{
	tu_result r;
	tu_read_fixture(&r, "reader_feed/wordpress.rss", NR_FORMAT_AUTO);
	ck_assert_int_eq(r.rc, NR_OK);
	ck_assert_uint_eq(r.items, 2);
	ck_assert_uint_eq(r.narticles, 2);
	const nr_article *a = r.articles[0];
	ck_assert_int_eq(nr_article_format(a), NR_FORMAT_FEED);
	ck_assert_str_eq(nr_article_title(a),
			 "Ferry Service to Pine Island Suspended After Dock Inspection");
	ck_assert_str_eq(nr_article_id(a), "https://lakesideledger.example/?p=48213");
	ck_assert_str_eq(nr_article_url(a),
			 "https://lakesideledger.example/2025/11/04/ferry-service-suspended/");
	ck_assert_str_eq(nr_article_byline(a), "Marta Kowalczyk");
	ck_assert_str_eq(nr_article_published(a), "2025-11-04T16:45:00Z");
	ck_assert_str_eq(nr_article_source(a), "The Lakeside Ledger");
	ck_assert_str_eq(nr_article_language(a), "en-US");
	/* content:encoded wins over the teaser in description. */
	ck_assert(tu_contains(a, "leaving about 300 residents to rely on private boats."));
	ck_assert(tu_contains(a, "\xE2\x80\x9CWe cannot put passengers on a structure"));
	ck_assert(tu_contains(a, "Islanders said the timing could hardly be worse"));
	ck_assert(!tu_contains(a, "appeared first on"));
	ck_assert(!tu_contains(a, "<p>"));
	ck_assert(!tu_contains(a, "Media title must not be used"));
	ck_assert(strncmp(tu_text(a), "The county suspended ferry service", 34) == 0);
	ck_assert_uint_ge(nr_article_paragraph_count(a), 3);

	a = r.articles[1];
	ck_assert_str_eq(nr_article_title(a), "School Board Approves Later Start Time");
	ck_assert_str_eq(nr_article_published(a), "2025-11-03T21:10:00-05:00");
	ck_assert_str_eq(nr_article_byline(a), "Ben Adeyemi");
	ck_assert(tu_contains(a, "voted 5-2 on Monday"));
	ck_assert(tu_contains(a, "Opponents said the change would complicate bus routes."));
	tu_free(&r);
}
END_TEST

START_TEST(broken_item_does_not_stop_others)
{
	tu_result r;
	tu_read_fixture(&r, "reader_feed/one_broken_item.rss", NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.items, 3);
	ck_assert_uint_eq(r.narticles, 2);
	ck_assert_uint_eq(r.nerrors, 1);
	ck_assert_int_eq(r.errors[0], NR_EEMPTY);
	ck_assert_str_eq(r.messages[0], "item 2: no text");
	ck_assert_int_eq(r.rc, NR_EEMPTY);

	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Bridge reopens after repairs");
	ck_assert_str_eq(nr_article_byline(a), "Sam Ortega"); /* from "desk@... (Sam Ortega)" */
	ck_assert_str_eq(nr_article_published(a), "2025-11-05T07:30:00Z");
	ck_assert_str_eq(nr_article_language(a), "en");
	ck_assert_str_eq(tu_text(a), "The Elm Street bridge reopened to traffic on Wednesday "
				     "after three months of repairs.");

	a = r.articles[1];
	ck_assert_str_eq(nr_article_id(a), "vw-1003");
	/* A non-permalink guid is not a URL; this item has no link. */
	ck_assert_str_eq(nr_article_url(a), "");
	ck_assert_uint_eq(nr_article_paragraph_count(a), 2);
	ck_assert_str_eq(tu_text(a), "The central library will stay open until 8 p.m. on "
				     "Saturdays starting this month.\n\n"
				     "Staff said demand for study space had grown.");
	tu_free(&r);
}
END_TEST

START_TEST(rss1_rdf_latin1)
{
	tu_result r;
	tu_read_fixture(&r, "reader_feed/rdf.rss", NR_FORMAT_AUTO);
	ck_assert_int_eq(r.rc, NR_OK);
	ck_assert_uint_eq(r.narticles, 2);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Milchpreis steigt im Oktober leicht");
	ck_assert_str_eq(nr_article_id(a), "http://agrarbote.example/artikel/771");
	ck_assert_str_eq(nr_article_url(a), "http://agrarbote.example/artikel/771");
	ck_assert_str_eq(nr_article_byline(a), "J\xC3\xB6rg B\xC3\xA4umler");
	ck_assert_str_eq(nr_article_published(a), "2025-10-31T09:00:00+01:00");
	ck_assert_str_eq(nr_article_source(a), "Agrarbote Nachrichten");
	ck_assert_str_eq(nr_article_language(a), "de");
	ck_assert(tu_contains(a, "Landwirte in S\xC3\xBC"
				 "ddeutschland"));
	ck_assert_str_eq(nr_article_title(r.articles[1]),
			 "Neue Regeln f\xC3\xBCr D\xC3\xBCngung ab M\xC3\xA4rz");
	tu_free(&r);
}
END_TEST

START_TEST(atom_xhtml_html_text)
{
	tu_result r;
	tu_read_fixture(&r, "reader_feed/xhtml.atom", NR_FORMAT_AUTO);
	ck_assert_int_eq(r.rc, NR_OK);
	ck_assert_uint_eq(r.narticles, 3);

	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Seagrass Meadows Return to the Estuary");
	ck_assert_str_eq(nr_article_id(a), "tag:coastobserver.example,2025:seagrass");
	/* rel=alternate, resolved against xml:base; the enclosure is ignored. */
	ck_assert_str_eq(nr_article_url(a),
			 "https://coastobserver.example/science/2025/seagrass-returns");
	ck_assert_str_eq(nr_article_published(a), "2025-11-01T08:30:00Z");
	ck_assert_str_eq(nr_article_byline(a), "Priya Raman");
	ck_assert_str_eq(nr_article_source(a), "Coast Observer");
	ck_assert_str_eq(nr_article_language(a), "en-GB");
	/* xhtml content over the summary. */
	ck_assert(tu_contains(a, "Seagrass is growing back across the lower estuary"));
	ck_assert(tu_contains(a, "said marine biologist Tomas Lindqvist."));
	ck_assert(!tu_contains(a, "Survey divers counted"));
	ck_assert(!tu_contains(a, "<p"));
	ck_assert(!tu_contains(a, "xmlns"));

	a = r.articles[1];
	ck_assert_str_eq(nr_article_title(a), "Storm Ciara Closes Harbour"); /* type=html */
	ck_assert_str_eq(nr_article_url(a),
			 "https://coastobserver.example/news/storm-closes-harbour");
	ck_assert_str_eq(nr_article_published(a), "2025-10-29T17:45:00Z"); /* updated */
	ck_assert_str_eq(nr_article_byline(a), "Coast Observer Desk");     /* feed author */
	ck_assert(tu_contains(a, "gusts reached 110 km/h."));
	ck_assert(tu_contains(a, "Ferries will resume on Thursday."));
	ck_assert(!tu_contains(a, "&lt;"));

	a = r.articles[2];
	ck_assert_str_eq(nr_article_language(a), "cy");
	ck_assert_uint_eq(nr_article_paragraph_count(a), 2);
	ck_assert_str_eq(tu_text(a), "High water at Porth Bay is at 06:12 and 18:40 on Tuesday.\n\n"
				     "Low water follows about six hours later.");
	tu_free(&r);
}
END_TEST

START_TEST(default_ids_and_empty_feed)
{
	tu_result r;
	tu_read(&r,
		"<rss version=\"2.0\"><channel><title>Briefs</title>"
		"<item><title>A</title><description>First brief.</description></item>"
		"<item><title>B</title><description>Second brief.</description></item>"
		"</channel></rss>",
		NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.narticles, 2);
	ck_assert_str_eq(nr_article_id(r.articles[0]), "test#1");
	ck_assert_str_eq(nr_article_id(r.articles[1]), "test#2");
	ck_assert_str_eq(tu_text(r.articles[1]), "Second brief.");
	tu_free(&r);

	tu_read(&r, "<rss version=\"2.0\"><channel><title>Nothing</title></channel></rss>",
		NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_EEMPTY);
	ck_assert_str_eq(r.messages[0], "the feed has no items");
	tu_free(&r);

	tu_read(&r, "<?xml version=\"1.0\"?><catalog><book/></catalog>", NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_EFORMAT);
	ck_assert_str_eq(r.messages[0], "not an RSS or Atom feed: root element <catalog>");
	tu_free(&r);
}
END_TEST

START_TEST(html_entities_in_description)
{
	/* Escaped HTML in a plain description, and a CDATA one with <br>s. */
	tu_result r;
	tu_read(&r,
		"<rss version=\"2.0\"><channel><title>T</title>"
		"<item><title>Esc</title><description>&lt;p&gt;Rates rose 0.25 points.&lt;/p&gt;"
		"&lt;p&gt;Markets &amp;amp; banks reacted calmly.&lt;/p&gt;</description></item>"
		"<item><title>Plain</title><description>Tom &amp; Jerry sued.</description></item>"
		"</channel></rss>",
		NR_FORMAT_FEED);
	ck_assert_uint_eq(r.narticles, 2);
	ck_assert(tu_contains(r.articles[0], "Rates rose 0.25 points."));
	ck_assert(tu_contains(r.articles[0], "Markets & banks reacted calmly."));
	ck_assert(!tu_contains(r.articles[0], "<p>"));
	ck_assert_str_eq(tu_text(r.articles[1]), "Tom & Jerry sued.");
	tu_free(&r);
}
END_TEST

START_TEST(html_entities_repaired)
{
	/* &nbsp;, &eacute; and a bare '&' are not XML, but feeds carry them. */
	tu_result r;
	tu_read(&r,
		"<rss version=\"2.0\"><channel><title>AT&T Watch</title><item>"
		"<title>Caf&eacute;&nbsp;owners win R&D grant</title>"
		"<description>Prices rose &mdash; 5% &amp; more; see &unknown; <![CDATA[a &nbsp; "
		"b]]></description>"
		"</item></channel></rss>",
		NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_source(a), "AT&T Watch");
	ck_assert_str_eq(nr_article_title(a), "Caf\xC3\xA9 owners win R&D grant");
	ck_assert(tu_contains(a, "Prices rose \xE2\x80\x94 5% & more; see &unknown;"));
	tu_free(&r);

	/* With a DOCTYPE the document's entities are its own: no repair. */
	tu_read(&r,
		"<!DOCTYPE rss [<!ENTITY x \"y\">]><rss><channel><item>"
		"<description>a &nbsp; b</description></item></channel></rss>",
		NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_EPARSE);
	ck_assert_str_eq(r.messages[0], "XML parse error at line 1: Entity 'nbsp' not defined");
	tu_free(&r);
}
END_TEST

START_TEST(media_rss_description)
{
	tu_result r;
	tu_read(&r,
		"<feed xmlns=\"http://www.w3.org/2005/Atom\" "
		"xmlns:media=\"http://search.yahoo.com/mrss/\">"
		"<title>Channel</title><entry><id>v1</id><title>Clip</title>"
		"<media:group><media:title>Clip</media:title>"
		"<media:description>Footage shows the new tram line on its first "
		"day.</media:description>"
		"</media:group></entry></feed>",
		NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(tu_text(r.articles[0]),
			 "Footage shows the new tram line on its first day.");
	tu_free(&r);

	tu_read(&r, "<rss version=\"2.0\"></rss>", NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_str_eq(r.messages[0], "RSS feed without a <channel>");
	tu_free(&r);
}
END_TEST

START_TEST(rfc822_dates)
{
	tu_result r;
	tu_read(
	    &r,
	    "<rss version=\"2.0\"><channel><title>T</title>"
	    "<item><pubDate>Sat, 1 Nov 25 07:05 EST</pubDate><description>One.</description></item>"
	    "<item><pubDate>04 Nov 2025 09:15:00 "
	    "+0530</pubDate><description>Two.</description></item>"
	    "<item><pubDate>sometime last week</pubDate><description>Three.</description></item>"
	    "</channel></rss>",
	    NR_FORMAT_FEED);
	ck_assert_uint_eq(r.narticles, 3);
	ck_assert_str_eq(nr_article_published(r.articles[0]), "2025-11-01T07:05:00-05:00");
	ck_assert_str_eq(nr_article_published(r.articles[1]), "2025-11-04T09:15:00+05:30");
	ck_assert_str_eq(nr_article_published(r.articles[2]), "sometime last week");
	tu_free(&r);
}
END_TEST

START_TEST(declared_windows_1251)
{
	tu_result r;
	tu_read_fixture(&r, "reader_feed/cp1251.rss", NR_FORMAT_AUTO);
	ck_assert_int_eq(r.rc, NR_OK);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	/* "Городской совет утвердил бюджет" */
	ck_assert_str_eq(nr_article_title(a),
			 "\xD0\x93\xD0\xBE\xD1\x80\xD0\xBE\xD0\xB4\xD1\x81\xD0\xBA\xD0\xBE\xD0\xB9 "
			 "\xD1\x81\xD0\xBE\xD0\xB2\xD0\xB5\xD1\x82 "
			 "\xD1\x83\xD1\x82\xD0\xB2\xD0\xB5\xD1\x80\xD0\xB4\xD0\xB8\xD0\xBB "
			 "\xD0\xB1\xD1\x8E\xD0\xB4\xD0\xB6\xD0\xB5\xD1\x82");
	ck_assert_str_eq(nr_article_language(a), "ru");
	ck_assert_str_eq(nr_article_id(a), "vk-20251104-17");
	ck_assert_str_eq(nr_article_published(a), "2025-11-04T19:00:00+03:00");
	ck_assert_uint_eq(nr_article_paragraph_count(a), 1);
	tu_free(&r);
}
END_TEST

static void *read_many(void *arg)
{
	size_t *ok = arg;
	for (int i = 0; i < 40; i++) {
		tu_result r;
		tu_read_fixture(&r,
				(i % 2) ? "reader_feed/xhtml.atom" : "reader_feed/wordpress.rss",
				NR_FORMAT_AUTO);
		if (r.rc == NR_OK && r.narticles == ((i % 2) ? 3u : 2u) &&
		    tu_contains(r.articles[1], (i % 2) ? "Ferries will resume" : "voted 5-2"))
			(*ok)++;
		tu_free(&r);
	}
	return NULL;
}

START_TEST(parallel_readers)
{
	/* Readers share no state: four threads parse at once. */
	pthread_t th[4];
	size_t ok[4] = { 0, 0, 0, 0 };
	for (int i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&th[i], NULL, read_many, &ok[i]), 0);
	for (int i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		ck_assert_uint_eq(ok[i], 40);
	}
}
END_TEST

START_TEST(detects_feeds)
{
	const char *rss = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>";
	const char *atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>";
	const char *rdf = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/>";
	ck_assert_int_eq(nr_format_detect(rss, strlen(rss), NULL), NR_FORMAT_FEED);
	ck_assert_int_eq(nr_format_detect(atom, strlen(atom), NULL), NR_FORMAT_FEED);
	ck_assert_int_eq(nr_format_detect(rdf, strlen(rdf), NULL), NR_FORMAT_FEED);
	/* Prolog, comment and DOCTYPE with a subset before the root. */
	const char *prolog =
	    "<?xml version=\"1.0\"?>\n<!-- generated -->\n"
	    "<!DOCTYPE rss [ <!ENTITY org \"Acme > Co\"> ]>\n<rss version=\"2.0\"/>";
	ck_assert_int_eq(nr_format_detect(prolog, strlen(prolog), NULL), NR_FORMAT_FEED);
	/* An HTML page with licence RDF and a mention of <rss> stays HTML. */
	const char *page = "<!DOCTYPE html>\n<html><head><title>Blog</title></head><body>"
			   "<p>Subscribe via &lt;rss&gt; or <code><rss></code></p><!--\n"
			   "<rdf:RDF xmlns=\"http://creativecommons.org/ns#\"></rdf:RDF>\n-->"
			   "</body></html>";
	ck_assert_int_eq(nr_format_detect(page, strlen(page), NULL), NR_FORMAT_HTML);
	const char *nitf = "<?xml version=\"1.0\"?><!DOCTYPE nitf SYSTEM \"nitf.dtd\"><nitf/>";
	ck_assert_int_eq(nr_format_detect(nitf, strlen(nitf), "story.xml"), NR_FORMAT_NITF);
}
END_TEST

Suite *reader_feed_suite(void)
{
	Suite *s = suite_create("reader_feed");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, wordpress_rss);
	tcase_add_test(tc, broken_item_does_not_stop_others);
	tcase_add_test(tc, rss1_rdf_latin1);
	tcase_add_test(tc, atom_xhtml_html_text);
	tcase_add_test(tc, default_ids_and_empty_feed);
	tcase_add_test(tc, html_entities_in_description);
	tcase_add_test(tc, html_entities_repaired);
	tcase_add_test(tc, media_rss_description);
	tcase_add_test(tc, rfc822_dates);
	tcase_add_test(tc, declared_windows_1251);
	tcase_add_test(tc, parallel_readers);
	tcase_add_test(tc, detects_feeds);
	suite_add_tcase(s, tc);
	return s;
}
