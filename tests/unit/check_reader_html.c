/* check_reader_html.c - HTML reader: metadata sources, body extraction,
 * inline spacing, encodings, fragments and hostile pages. */
#include "testutil.h"
#include "read/read.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Text of an HTML fragment, through nr_html__extract directly. */
static char *fragment_text(const char *html, size_t *nparas)
{
	nr_article *a;
	ck_assert_int_eq(nr_article__new(&a, NR_FORMAT_HTML), NR_OK);
	nr_buf err = NR_BUF_INIT;
	int rc = nr_html__extract(a, html, strlen(html), true, &err);
	ck_assert_msg(rc == NR_OK, "extract failed: %s", err.data ? err.data : "");
	ck_assert_int_eq(nr_read__finish(a), NR_OK);
	char *s = strdup(tu_text(a));
	if (nparas)
		*nparas = nr_article_paragraph_count(a);
	nr_buf__free(&err);
	nr_article_free(a);
	return s;
}

START_TEST(realistic_page)
{
	tu_result r;
	tu_read_fixture(&r, "reader_html/realistic.html", NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.nerrors, 0);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Harbour bridge reopens after two-year repair");
	ck_assert_str_eq(nr_article_byline(a), "Mira Castell");
	ck_assert_str_eq(nr_article_published(a), "2024-03-14T09:30:00Z");
	ck_assert_str_eq(nr_article_url(a), "https://ledger.example/news/harbour-bridge-reopens");
	ck_assert_str_eq(nr_article_source(a), "The Coastal Ledger");
	ck_assert_str_eq(nr_article_language(a), "en-GB");
	ck_assert_uint_eq(nr_article_format(a), NR_FORMAT_HTML);
	/* The six blocks of the story, one paragraph each, nothing else. */
	ck_assert_uint_eq(nr_article_paragraph_count(a), 6);
	ck_assert(strncmp(tu_text(a), "The harbour bridge reopened to traffic on Thursday", 50) ==
		  0);
	ck_assert(tu_contains(a, "\n\nRepairs cost more than planned\n\nThe work,"));
	ck_assert(tu_contains(a, "the deck joints"));
	ck_assert(tu_contains(a, "stays at 40 tonnes until a final inspection in June."));
	static const char *const absent[] = {
		"cookies",
		"Accept",
		"Sport",
		"Home",
		"Advertisement",
		"Buy now",
		"Share",
		"Photo: Ledger staff",
		"Council approves",
		"Read more",
		"Transport Correspondent",
		"Most read",
		"Storm warning",
		"morning briefing",
		"Finally!",
		"Forty-eight",
		"All rights reserved",
		"one euro a week",
		"analytics",
		"display",
	};
	for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
		ck_assert_msg(!tu_contains(a, absent[i]), "boilerplate kept: %s", absent[i]);
	/* The headline is metadata, not body. */
	ck_assert(!tu_contains(a, "Harbour bridge reopens"));
	tu_free(&r);
}
END_TEST

START_TEST(short_story_long_comments)
{
	/* Two short paragraphs of story and a longer comment thread: the
	 * relaxed attempts must not trade the story for the comments. */
	tu_result r;
	tu_read_fixture(&r, "reader_html/short_with_comments.html", NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_uint_eq(nr_article_paragraph_count(a), 2);
	ck_assert(strncmp(tu_text(a), "The harbour bridge reopened", 27) == 0);
	ck_assert(!tu_contains(a, "nobody at the council"));
	tu_free(&r);
}
END_TEST

START_TEST(split_story_page)
{
	/* An article split in two parts around a captioned image, with an
	 * embedded social post, a hover card, a timestamp line, a read-more
	 * link and a follow-us promo. */
	tu_result r;
	tu_read_fixture(&r, "reader_html/split_story.html", NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Night trains return to the northern line");
	ck_assert_str_eq(nr_article_byline(a), "Oskar Lind");
	ck_assert_str_eq(nr_article_published(a), "2025-01-20T07:00:00Z");
	ck_assert_uint_eq(nr_article_paragraph_count(a), 7);
	ck_assert(strncmp(tu_text(a), "Sleeper trains will run again", 29) == 0);
	/* Both parts, and the quoted post between them. */
	ck_assert(tu_contains(a, "according to the operator's plans."));
	ck_assert(tu_contains(a, "a public Transport Minister consultation in which"));
	ck_assert(tu_contains(a, "\n\nFinally a way to get north without an airport"));
	ck_assert(tu_contains(a, "starting at forty euros per person."));
	static const char *const absent[] = {
		"Updated 9:15", "Minister visits", "sleeper carriages at the depot",
		"archive",      "Read more",       "Follow Rail Review",
		"More stories", "Station roof",    "Log in",
		"Home",
	};
	for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++)
		ck_assert_msg(!tu_contains(a, absent[i]), "boilerplate kept: %s", absent[i]);
	tu_free(&r);
}
END_TEST

START_TEST(jsonld_graph_metadata)
{
	tu_result r;
	tu_read_fixture(&r, "reader_html/jsonld_graph.html", NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Feira de ciências reúne escolas da região");
	ck_assert_str_eq(nr_article_byline(a), "Lúcia Prado, Rui Matos");
	ck_assert_str_eq(nr_article_published(a), "2023-10-02T14:00:00-03:00");
	ck_assert_str_eq(nr_article_language(a), "pt-BR");
	ck_assert_uint_eq(nr_article_paragraph_count(a), 2);
	/* The DOM body is long enough: the short articleBody is not used. */
	ck_assert(!tu_contains(a, "Texto estruturado"));
	ck_assert(tu_contains(a, "Mais de quarenta escolas"));
	tu_free(&r);
}
END_TEST

START_TEST(jsonld_body_fallback)
{
	tu_result r;
	tu_read(&r,
		"<html><head><script type=\"application/ld+json\">"
		"[{\"@type\":\"BlogPosting\",\"headline\":\"Gardens in winter\","
		"\"articleBody\":\"Most gardens look bare in January, but the soil is busy all the "
		"same, "
		"and the work done now decides how the beds look in summer.\\nCover the beds with "
		"leaves "
		"or compost, leave the seed heads for the birds, and wait for the first dry week "
		"before "
		"digging anything at all.\\nPrune the apple trees while they sleep, cutting out "
		"crossed "
		"branches and anything dead, and keep the cuts clean.\"}]</script></head>"
		"<body><div id=\"app\"><p>Loading</p></div></body></html>",
		NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Gardens in winter");
	ck_assert_uint_eq(nr_article_paragraph_count(a), 3);
	ck_assert(strncmp(tu_text(a), "Most gardens look bare in January", 33) == 0);
	ck_assert(!tu_contains(a, "Loading"));
	tu_free(&r);
}
END_TEST

START_TEST(title_site_name)
{
	tu_result r;
	/* No site name known: a short last segment after " - " is the site. */
	tu_read_fixture(&r, "reader_html/title_strip.html", NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(nr_article_title(r.articles[0]),
			 "Wind farm plan wins approval after long review");
	tu_free(&r);

	/* og:site_name known: exactly that is stripped, from either end and
	 * with an em dash or a bar. */
	static const char *const pages[] = {
		"<html><head><meta property=\"og:site_name\" content=\"Daily Post\">"
		"<title>Tram line to extend to the airport \xE2\x80\x94 Daily Post</title></head>",
		"<html><head><meta property=\"og:site_name\" content=\"Daily Post\">"
		"<meta property=\"og:title\" content=\"Tram line to extend to the airport | Daily "
		"Post\"></head>",
		"<html><head><meta property=\"og:site_name\" content=\"Daily Post\">"
		"<title>Daily Post | Tram line to extend to the airport</title></head>",
	};
	for (size_t i = 0; i < 3; i++) {
		char page[2048];
		snprintf(page, sizeof(page),
			 "%s<body><article><p>The tram line will reach the airport by 2027, the "
			 "city said, after the national government agreed to pay half of the cost "
			 "of the extension.</p></article></body></html>",
			 pages[i]);
		tu_read(&r, page, NR_FORMAT_HTML);
		ck_assert_uint_eq(r.narticles, 1);
		ck_assert_str_eq(nr_article_title(r.articles[0]),
				 "Tram line to extend to the airport");
		tu_free(&r);
	}

	/* A title whose last segment is long is kept whole. */
	tu_read(&r,
		"<title>Why the river flooded - and what the town can do about it next time</title>"
		"<p>The river rose two metres in a night, the highest level in forty years, and "
		"the old flood wall gave way in two places.</p>",
		NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(nr_article_title(r.articles[0]),
			 "Why the river flooded - and what the town can do about it next time");
	tu_free(&r);
}
END_TEST

START_TEST(byline_and_date_sources)
{
	tu_result r;
	tu_read(
	    &r,
	    "<html><head><meta name=\"DC.date\" content=\"2022-05-01\"></head><body>"
	    "<article><h1>Ferry strike ends</h1><p class=\"byline\">By Tomas Reed</p>"
	    "<p>The ferry crews returned to work on Sunday after the union accepted a pay offer "
	    "of four percent, ending a strike that lasted nine days.</p>"
	    "<p>Services will run to the normal timetable from Monday, the operator said.</p>"
	    "</article></body></html>",
	    NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Ferry strike ends");
	ck_assert_str_eq(nr_article_byline(a), "Tomas Reed");
	ck_assert_str_eq(nr_article_published(a), "2022-05-01");
	/* Byline line and headline are not body text. */
	ck_assert(strncmp(tu_text(a), "The ferry crews", 15) == 0);
	ck_assert_uint_eq(nr_article_paragraph_count(a), 2);
	tu_free(&r);

	tu_read(&r,
		"<html><body><div class=\"post\"><span itemprop=\"author\">Ana Ruiz</span>"
		"<time datetime=\"2021-09-09T10:00\">Sept 9</time>"
		"<p>The library will open on Sundays from next month, the council said on "
		"Thursday, after a trial during the summer drew more visitors than expected.</p>"
		"</div></body></html>",
		NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(nr_article_byline(r.articles[0]), "Ana Ruiz");
	ck_assert_str_eq(nr_article_published(r.articles[0]), "2021-09-09T10:00");
	tu_free(&r);
}
END_TEST

START_TEST(fallback_metadata_and_bom)
{
	/* twitter:title when there is no og:title, canonical link for the
	 * URL, a UTF-8 BOM in front of a page that declares windows-1252. */
	tu_result r;
	tu_read(&r,
		"\xEF\xBB\xBF<html><head><meta charset=\"windows-1252\">"
		"<meta name=\"twitter:title\" content=\"Dock workers vote to strike\">"
		"<link rel=\"canonical\" href=\"https://port.example/strike\"></head>"
		"<body><p>Dock workers in the port voted on Friday to strike next week, the union "
		"said, in a dispute over night shifts and pay that has lasted since the spring.</p>"
		"<p>\xE2\x80\x9CWe have no other choice,\xE2\x80\x9D a union official "
		"said.</p></body></html>",
		NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_uint_eq(nr_article_format(a), NR_FORMAT_HTML);
	ck_assert_str_eq(nr_article_title(a), "Dock workers vote to strike");
	ck_assert_str_eq(nr_article_url(a), "https://port.example/strike");
	ck_assert(tu_contains(a, "\xE2\x80\x9CWe have no other choice,\xE2\x80\x9D"));
	tu_free(&r);
}
END_TEST

START_TEST(inline_spacing)
{
	size_t n;
	char *s = fragment_text("<p>W<b>ord</b> split, <i>italic</i><span> then</span> a "
				"<a href=\"x\">link</a>.</p><div>One<br>Two<br/><br/>Three</div>"
				"<ul><li>first</li><li>second</li></ul><p>x<sup>2</sup> &amp; "
				"caf&eacute;&nbsp;au&#160;lait</p>",
				&n);
	ck_assert_str_eq(s, "Word split, italic then a link.\n\nOne\n\nTwo\n\nThree\n\n"
			    "first\n\nsecond\n\nx2 & café au lait");
	ck_assert_uint_eq(n, 7);
	free(s);

	/* Table cells and headings are their own paragraphs: no glued words. */
	s = fragment_text("<h2>Results</h2><table><tr><td>North</td><td>12</td></tr>"
			  "<tr><td>South</td><td>9</td></tr></table>",
			  NULL);
	ck_assert_str_eq(s, "Results\n\nNorth\n\n12\n\nSouth\n\n9");
	free(s);
}
END_TEST

START_TEST(fragment_mode)
{
	nr_article *a;
	ck_assert_int_eq(nr_article__new(&a, NR_FORMAT_FEED), NR_OK);
	ck_assert_int_eq(nr_article__set_meta(a, NR_META_TITLE, "Feed title", 10), NR_OK);
	const char *html = "<h1>Inside heading</h1><p>First paragraph of the item.</p>"
			   "<p>Second one, <a href=\"/more\">with a link</a>.</p>Trailing text"
			   "<script>alert(1)</script><style>p{}</style>";
	nr_buf err = NR_BUF_INIT;
	ck_assert_int_eq(nr_html__extract(a, html, strlen(html), true, &err), NR_OK);
	ck_assert_int_eq(nr_read__finish(a), NR_OK);
	/* Everything is body (no scoring drops the short link paragraph),
	 * the set title stays. */
	ck_assert_str_eq(tu_text(a), "Inside heading\n\nFirst paragraph of the item.\n\n"
				     "Second one, with a link.\n\nTrailing text");
	ck_assert_str_eq(nr_article_title(a), "Feed title");
	nr_buf__free(&err);
	nr_article_free(a);

	/* Plain text is a fragment too; markup-free text is not a page. */
	char *s = fragment_text("just words &amp; more", NULL);
	ck_assert_str_eq(s, "just words & more");
	free(s);
	ck_assert_int_eq(nr_article__new(&a, NR_FORMAT_HTML), NR_OK);
	ck_assert_int_eq(nr_html__extract(a, "just words", 10, false, &err), NR_EPARSE);
	ck_assert(strstr(err.data, "not an HTML document") != NULL);
	nr_buf__free(&err);
	ck_assert_int_eq(nr_html__extract(a, "<p> </p><script>x</script>", 26, true, &err),
			 NR_EEMPTY);
	nr_buf__free(&err);
	nr_article_free(a);
}
END_TEST

START_TEST(only_unset_metadata)
{
	nr_article *a;
	ck_assert_int_eq(nr_article__new(&a, NR_FORMAT_JSONL), NR_OK);
	ck_assert_int_eq(nr_article__set_meta(a, NR_META_TITLE, "Given", 5), NR_OK);
	const char *html =
	    "<html lang=\"de\"><head><meta property=\"og:title\" content=\"Page title\">"
	    "<meta name=\"author\" content=\"Jo Berg\"></head><body><p>Der Text des "
	    "Artikels steht hier, lang genug, um als Absatz zu gelten.</p></body></html>";
	nr_buf err = NR_BUF_INIT;
	ck_assert_int_eq(nr_html__extract(a, html, strlen(html), false, &err), NR_OK);
	ck_assert_str_eq(a->title, "Given");
	ck_assert_str_eq(a->byline, "Jo Berg");
	ck_assert_str_eq(a->language, "de");
	nr_buf__free(&err);
	nr_article_free(a);
}
END_TEST

START_TEST(latin1_declared)
{
	tu_result r;
	tu_read_fixture(&r, "reader_html/latin1.html", NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert_str_eq(nr_article_title(a), "Café");
	ck_assert(tu_contains(a, "Le café de la gare"));
	ck_assert(tu_contains(a, "«Nous avons gardé le vieux comptoir»"));
	ck_assert(!tu_contains(a, "\xEF\xBF\xBD")); /* no U+FFFD */
	tu_free(&r);
}
END_TEST

START_TEST(undeclared_windows_1252)
{
	tu_result r;
	tu_read_fixture(&r, "reader_html/undeclared_1252.html", NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	const nr_article *a = r.articles[0];
	ck_assert(tu_contains(a, "the “temporary” car park"));
	ck_assert(tu_contains(a, "year – and possibly"));
	ck_assert(tu_contains(a, "paid € 2 an hour"));
	tu_free(&r);

	/* Declared windows-1251 goes through iconv. */
	tu_read(&r,
		"<meta charset=\"windows-1251\"><p>\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0! "
		"\xdd\xf2\xee \xf2\xe5\xea\xf1\xf2 \xed\xe0 \xf0\xf3\xf1\xf1\xea\xee\xec.</p>",
		NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(tu_text(r.articles[0]), "Привет, мир! Это текст на русском.");
	tu_free(&r);

	/* Valid UTF-8 wins over a stale Latin-1 declaration. */
	tu_read(&r, "<meta charset=\"iso-8859-1\"><p>Crème brûlée for the café, said the chef.</p>",
		NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(tu_text(r.articles[0]), "Crème brûlée for the café, said the chef.");
	tu_free(&r);
}
END_TEST

START_TEST(deep_nesting)
{
	size_t depth = 100000;
	nr_buf b = NR_BUF_INIT;
	nr_buf__puts(&b, "<html><body>");
	for (size_t i = 0; i < depth; i++)
		nr_buf__puts(&b, "<div>");
	nr_buf__puts(&b, "Deep text at the bottom of the page.");
	for (size_t i = 0; i < depth; i++)
		nr_buf__puts(&b, "</div>");
	nr_buf__puts(&b, "</body></html>");
	ck_assert(!b.oom);
	tu_result r;
	tu_read_len(&r, b.data, b.len, NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 0);
	ck_assert_uint_eq(r.nerrors, 1);
	ck_assert_int_eq(r.errors[0], NR_ENESTING);
	ck_assert(strstr(r.messages[0], "nested deeper") != NULL);
	tu_free(&r);
	nr_buf__free(&b);

	/* Text before the deep part survives as an article. */
	nr_buf__puts(&b, "<html><body><p>The story starts here, with a full sentence of text.</p>");
	for (size_t i = 0; i < depth; i++)
		nr_buf__puts(&b, "<span><i>");
	nr_buf__puts(&b, "x</body></html>");
	tu_read_len(&r, b.data, b.len, NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert(strncmp(tu_text(r.articles[0]), "The story starts here", 21) == 0);
	tu_free(&r);
	nr_buf__free(&b);
}
END_TEST

START_TEST(entity_bomb)
{
	nr_buf b = NR_BUF_INIT;
	nr_buf__puts(&b, "<!DOCTYPE html [\n<!ENTITY a0 \"boom\">\n");
	for (int i = 1; i < 12; i++) {
		nr_buf__printf(&b, "<!ENTITY a%d \"", i);
		for (int k = 0; k < 10; k++)
			nr_buf__printf(&b, "&a%d;", i - 1);
		nr_buf__puts(&b, "\">\n");
	}
	nr_buf__puts(&b, "]>\n<html><body><p>&a11; The council met on Monday.</p></body></html>");
	tu_result r;
	tu_read_len(&r, b.data, b.len, NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	size_t len;
	nr_article_text(r.articles[0], &len);
	ck_assert_uint_lt(len, 100);
	ck_assert(!tu_contains(r.articles[0], "boom"));
	ck_assert(!tu_contains(r.articles[0], "ENTITY"));
	ck_assert(tu_contains(r.articles[0], "The council met on Monday."));
	tu_free(&r);
	nr_buf__free(&b);
}
END_TEST

START_TEST(binary_and_garbage)
{
	tu_result r;
	static const char bin[] = "\x7f"
				  "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0<html>\x01\x02\x03";
	tu_read_len(&r, bin, sizeof(bin) - 1, NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 0);
	ck_assert_uint_eq(r.nerrors, 1);
	ck_assert_int_eq(r.errors[0], NR_EBINARY);
	tu_free(&r);

	/* Random printable garbage with stray markup: an outcome, no crash. */
	unsigned int seed = 12345;
	char junk[20000];
	for (size_t i = 0; i < sizeof(junk) - 1; i++) {
		seed = seed * 1103515245u + 12345u;
		static const char alphabet[] = "<>/=\"' abcdefghijklmnop!-&;#[]\n\xc3\xa9";
		junk[i] = alphabet[(seed >> 16) % (sizeof(alphabet) - 1)];
	}
	junk[sizeof(junk) - 1] = '\0';
	tu_read(&r, junk, NR_FORMAT_HTML);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_uint_eq(r.narticles + r.nerrors, 1);
	tu_free(&r);

	/* No markup at all. */
	tu_read(&r, "plain words only, nothing else", NR_FORMAT_HTML);
	ck_assert_uint_eq(r.nerrors, 1);
	ck_assert_int_eq(r.errors[0], NR_EPARSE);
	tu_free(&r);
}
END_TEST

START_TEST(empty_body)
{
	tu_result r;
	tu_read(&r,
		"<html><head><title>Nothing here</title><script>var x = 'words words';</script>"
		"</head><body>\n<div class=\"wrapper\"> </div><!-- a comment with text "
		"--></body></html>",
		NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 0);
	ck_assert_uint_eq(r.nerrors, 1);
	ck_assert_int_eq(r.errors[0], NR_EEMPTY);
	ck_assert_str_eq(r.messages[0], "no article text found in the page");
	tu_free(&r);
}
END_TEST

START_TEST(huge_attribute)
{
	size_t big = 8u << 20;
	nr_buf b = NR_BUF_INIT;
	nr_buf__puts(&b, "<html><body><p data-x=\"");
	ck_assert(nr_buf__reserve(&b, big + 200));
	memset(b.data + b.len, 'a', big);
	b.len += big;
	nr_buf__puts(&b,
		     "\">A paragraph after an enormous attribute, still read.</p></body></html>");
	tu_result r;
	tu_read_len(&r, b.data, b.len, NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(tu_text(r.articles[0]),
			 "A paragraph after an enormous attribute, still read.");
	tu_free(&r);
	nr_buf__free(&b);
}
END_TEST

START_TEST(nothing_on_stderr)
{
	/* Malformed markup, bad encodings, bogus JSON-LD: libxml2 must stay
	 * silent. Capture fd 2 while reading. */
	char path[] = "/tmp/nr_html_stderr_XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fflush(stderr);
	int saved = dup(2);
	dup2(fd, 2);
	tu_result r;
	tu_read(
	    &r,
	    "<html><head><meta charset=\"no-such-charset\"><script type=\"application/ld+json\">"
	    "{bad json</script></head><body><p>Unclosed <b><i>tags</b> and &bogus; "
	    "entities \xff\xfe bytes</i></p></div></span><foo:bar x=1 x=2><p>More text "
	    "after the broken part of the page, long enough to count.</body></html></html>",
	    NR_FORMAT_HTML);
	tu_free(&r);
	tu_read_fixture(&r, "reader_html/realistic.html", NR_FORMAT_HTML);
	tu_free(&r);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	off_t size = lseek(fd, 0, SEEK_END);
	close(fd);
	unlink(path);
	ck_assert_int_eq((int)size, 0);
}
END_TEST

START_TEST(large_page)
{
	/* A 4 MB page of dense markup reads as one article (throughput is
	 * measured by bench/, not here). */
	nr_buf b = NR_BUF_INIT;
	nr_buf__puts(&b, "<html><body><div class=\"content\">");
	while (b.len < (4u << 20))
		nr_buf__puts(
		    &b, "<p>The committee met again on Tuesday, and after a long debate, "
			"<a href=\"/x\">members</a> agreed to <b>publish</b> the report in "
			"full next month.</p>\n<div class=\"ad\"><a href=\"/ad\">Ad</a></div>");
	nr_buf__puts(&b, "</div></body></html>");
	tu_result r;
	tu_read_len(&r, b.data, b.len, NR_FORMAT_HTML);
	ck_assert_uint_eq(r.narticles, 1);
	tu_free(&r);
	nr_buf__free(&b);
}
END_TEST

Suite *reader_html_suite(void)
{
	Suite *s = suite_create("reader_html");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, realistic_page);
	tcase_add_test(tc, short_story_long_comments);
	tcase_add_test(tc, split_story_page);
	tcase_add_test(tc, jsonld_graph_metadata);
	tcase_add_test(tc, jsonld_body_fallback);
	tcase_add_test(tc, title_site_name);
	tcase_add_test(tc, byline_and_date_sources);
	tcase_add_test(tc, fallback_metadata_and_bom);
	tcase_add_test(tc, inline_spacing);
	tcase_add_test(tc, fragment_mode);
	tcase_add_test(tc, only_unset_metadata);
	tcase_add_test(tc, latin1_declared);
	tcase_add_test(tc, undeclared_windows_1252);
	tcase_add_test(tc, deep_nesting);
	tcase_add_test(tc, entity_bomb);
	tcase_add_test(tc, binary_and_garbage);
	tcase_add_test(tc, empty_body);
	tcase_add_test(tc, huge_attribute);
	tcase_add_test(tc, nothing_on_stderr);
	tcase_add_test(tc, large_page);
	suite_add_tcase(s, tc);
	return s;
}
