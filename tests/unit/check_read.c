/* check_read.c - the reading entry points: format names and detection,
 * and how nr_read_buffer / nr_read_file turn bad input into exactly one
 * error record with a code and a reason. */
#include "testutil.h"
#include "read/read.h"

#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIT(s) (s), (sizeof(s) - 1)

/* Every callback, in order. */
typedef struct seen {
	size_t items, articles, errors;
	int codes[16];
	char messages[16][512];
	char sources[16][256];
	size_t indexes[16];
	nr_format formats[16];
	char *titles[16];
	char *texts[16];
	int stop_after; /* return non-zero on this item (1-based); 0 never */
} seen;

static int record(const nr_read_item *item, void *payload)
{
	seen *s = payload;
	size_t k = s->items++;
	if (k < 16) {
		s->codes[k] = item->error;
		snprintf(s->messages[k], sizeof(s->messages[k]), "%s",
			 item->message ? item->message : "");
		snprintf(s->sources[k], sizeof(s->sources[k]), "%s",
			 item->source ? item->source : "(null)");
		s->indexes[k] = item->index;
		s->formats[k] = item->format;
	}
	if (item->article) {
		ck_assert_int_eq(item->error, NR_OK);
		ck_assert_ptr_null(item->message);
		if (k < 16) {
			s->titles[k] = strdup(nr_article_title(item->article));
			s->texts[k] = strdup(nr_article_text(item->article, NULL));
		}
		s->articles++;
		nr_article_free(item->article);
	} else {
		ck_assert_int_lt(item->error, 0);
		ck_assert_ptr_nonnull(item->message);
		ck_assert(item->message[0] != '\0');
		/* One line: a reason fit for "file: reason" on stderr. */
		ck_assert_ptr_null(strchr(item->message, '\n'));
		s->errors++;
	}
	return s->stop_after && s->items >= (size_t)s->stop_after;
}

static void seen_free(seen *s)
{
	for (size_t i = 0; i < 16; i++) {
		free(s->titles[i]);
		free(s->texts[i]);
	}
	memset(s, 0, sizeof(*s));
}

static int read_buf(seen *s, const char *data, size_t len, nr_format f, size_t max,
		    const char *name)
{
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.format = f;
	o.max_bytes = max;
	o.name = name;
	return nr_read_buffer(data, len, &o, record, s);
}

/* ---------------------------------------------------------------- */

START_TEST(format_names)
{
	static const struct {
		const char *name;
		nr_format f;
	} ok[] = {
		{ "auto", NR_FORMAT_AUTO },    { "text", NR_FORMAT_TEXT },
		{ "txt", NR_FORMAT_TEXT },     { "plain", NR_FORMAT_TEXT },
		{ "html", NR_FORMAT_HTML },    { "HTM", NR_FORMAT_HTML },
		{ "feed", NR_FORMAT_FEED },    { "rss", NR_FORMAT_FEED },
		{ "Atom", NR_FORMAT_FEED },    { "nitf", NR_FORMAT_NITF },
		{ "jsonl", NR_FORMAT_JSONL },  { "JSON", NR_FORMAT_JSONL },
		{ "ndjson", NR_FORMAT_JSONL },
	};
	for (size_t i = 0; i < NR_ARRAY_LEN(ok); i++) {
		nr_format f = (nr_format)99;
		ck_assert_int_eq(nr_format_parse(&f, ok[i].name), NR_OK);
		ck_assert_int_eq(f, ok[i].f);
	}
	nr_format f = NR_FORMAT_HTML;
	ck_assert_int_eq(nr_format_parse(&f, "pdf"), NR_EFORMAT);
	ck_assert_int_eq(nr_format_parse(&f, ""), NR_EFORMAT);
	ck_assert_int_eq(nr_format_parse(&f, "html "), NR_EFORMAT);
	ck_assert_int_eq(f, NR_FORMAT_HTML); /* untouched on failure */
	ck_assert_int_eq(nr_format_parse(NULL, "html"), NR_EINVAL);
	ck_assert_int_eq(nr_format_parse(&f, NULL), NR_EINVAL);

	/* Every format's name parses back to it. */
	for (int k = NR_FORMAT_AUTO; k <= NR_FORMAT_JSONL; k++) {
		ck_assert_int_eq(nr_format_parse(&f, nr_format_name((nr_format)k)), NR_OK);
		ck_assert_int_eq(f, k);
	}
	ck_assert_str_eq(nr_format_name((nr_format)77), "unknown");
}
END_TEST

START_TEST(error_strings)
{
	const char *seen_msgs[16] = { 0 };
	for (int code = NR_OK; code >= NR_EABORT; code--) {
		const char *m = nr_strerror(code);
		ck_assert_ptr_nonnull(m);
		ck_assert(m[0] != '\0');
		for (int k = 0; k < -code; k++)
			ck_assert_str_ne(m, seen_msgs[k]);
		seen_msgs[-code] = m;
	}
	ck_assert_str_eq(nr_strerror(-1000), "unknown error");
	ck_assert_str_eq(nr_strerror(5), "unknown error");
	ck_assert_str_eq(nr_version(), NR_VERSION_STRING);
}
END_TEST

#define DETECT(lit, name) nr_format_detect(LIT(lit), (name))

START_TEST(detect_by_content)
{
	ck_assert_int_eq(DETECT("The council met on Monday.", NULL), NR_FORMAT_TEXT);
	ck_assert_int_eq(DETECT("<!DOCTYPE html><html><body><p>Hi</p>", NULL), NR_FORMAT_HTML);
	ck_assert_int_eq(DETECT("<p>A fragment</p>", NULL), NR_FORMAT_HTML);
	ck_assert_int_eq(DETECT("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>", NULL),
			 NR_FORMAT_FEED);
	ck_assert_int_eq(DETECT("<rdf:RDF xmlns:rdf=\"x\"><channel>", NULL), NR_FORMAT_FEED);
	ck_assert_int_eq(
	    DETECT("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">", NULL),
	    NR_FORMAT_FEED);
	ck_assert_int_eq(DETECT("<?xml version=\"1.0\"?>\n<NITF><head>", NULL), NR_FORMAT_NITF);
	ck_assert_int_eq(DETECT("{\"title\": \"A\", \"text\": \"B\"}\n{\"title\": \"C\"}", NULL),
			 NR_FORMAT_JSONL);
	ck_assert_int_eq(DETECT("[{\"title\": \"A\"}]", NULL), NR_FORMAT_JSONL);
	/* BOM and leading blank lines do not hide the first character. */
	ck_assert_int_eq(DETECT("\xEF\xBB\xBF\n\n  \t<html>", NULL), NR_FORMAT_HTML);
	ck_assert_int_eq(DETECT("\xEF\xBB\xBF{\"a\":1}", NULL), NR_FORMAT_JSONL);
	ck_assert_int_eq(nr_format_detect("", 0, NULL), NR_FORMAT_TEXT);
	ck_assert_int_eq(nr_format_detect(NULL, 0, NULL), NR_FORMAT_TEXT);
}
END_TEST

START_TEST(detect_with_extension)
{
	/* Content decides first: a .txt holding an RSS feed is a feed. */
	ck_assert_int_eq(DETECT("<rss version=\"2.0\">", "news.txt"), NR_FORMAT_FEED);
	/* The extension breaks ties the content leaves open. */
	ck_assert_int_eq(DETECT("<?xml version=\"1.0\"?>\n<channel>", "wire.rss"), NR_FORMAT_FEED);
	ck_assert_int_eq(DETECT("<?xml version=\"1.0\"?>\n<doc>", "story.nitf"), NR_FORMAT_NITF);
	/* A JSON-looking file named .txt is still text. */
	ck_assert_int_eq(DETECT("{\"title\": \"A\"}", "note.txt"), NR_FORMAT_TEXT);
	/* Prose that opens with a bracket is text, with any name or none... */
	ck_assert_int_eq(DETECT("{Editor's note} The vote was close.", NULL), NR_FORMAT_TEXT);
	ck_assert_int_eq(DETECT("[Updated 10:05] The vote was close.", "-"), NR_FORMAT_TEXT);
	ck_assert_int_eq(DETECT("[ Reuters ] Markets fell.", "wire"), NR_FORMAT_TEXT);
	/* ...unless the name says JSON Lines, whose reader then reports the error. */
	ck_assert_int_eq(DETECT("[Updated 10:05] The vote was close.", "x.jsonl"), NR_FORMAT_JSONL);
	/* Real JSON openings, spaced out. */
	ck_assert_int_eq(DETECT("{ \n \"id\": 1}", NULL), NR_FORMAT_JSONL);
	ck_assert_int_eq(DETECT("{}", NULL), NR_FORMAT_JSONL);
	ck_assert_int_eq(DETECT("[ {\"id\": 1} ]", NULL), NR_FORMAT_JSONL);
	ck_assert_int_eq(DETECT("[\"a\"]", NULL), NR_FORMAT_JSONL);
	ck_assert_int_eq(DETECT("[]", NULL), NR_FORMAT_JSONL);
	ck_assert_int_eq(DETECT("{", NULL), NR_FORMAT_JSONL);
	/* An .html file that opens with text but has markup later. */
	ck_assert_int_eq(DETECT("Headline\n<p>Body</p>", "page.HTML"), NR_FORMAT_HTML);
	ck_assert_int_eq(DETECT("Headline only, no markup.", "page.html"), NR_FORMAT_TEXT);
	/* A dot in a directory name is no extension. */
	ck_assert_int_eq(DETECT("<?xml version=\"1.0\"?>\n<doc>", "feeds.rss/story"),
			 NR_FORMAT_HTML);
	ck_assert_int_eq(DETECT("Plain words.", "dir/story.jsonl"), NR_FORMAT_TEXT);
}
END_TEST

/* ---------------------------------------------------------------- */

START_TEST(read_plain_article)
{
	seen s = { 0 };
	static const char art[] = "Bridge Reopens After Repairs\n\n"
				  "The old bridge reopened to traffic on Friday.\n\n"
				  "Engineers said the repairs took six months.\n";
	int rc = read_buf(&s, LIT(art), NR_FORMAT_AUTO, 0, "bridge.txt");
	ck_assert_int_eq(rc, NR_OK);
	ck_assert_uint_eq(s.items, 1);
	ck_assert_uint_eq(s.articles, 1);
	ck_assert_str_eq(s.sources[0], "bridge.txt");
	ck_assert_uint_eq(s.indexes[0], 0);
	ck_assert_int_eq(s.formats[0], NR_FORMAT_TEXT);
	ck_assert_str_eq(s.titles[0], "Bridge Reopens After Repairs");
	ck_assert_str_eq(s.texts[0], "The old bridge reopened to traffic on Friday.\n\n"
				     "Engineers said the repairs took six months.");
	seen_free(&s);

	/* Without options or a name. */
	rc = nr_read_buffer(LIT(art), NULL, record, &s);
	ck_assert_int_eq(rc, NR_OK);
	ck_assert_str_eq(s.sources[0], "<buffer>");
	seen_free(&s);
}
END_TEST

static void expect_one_error(const char *data, size_t len, size_t max, int code,
			     const char *msg_part)
{
	seen s = { 0 };
	int rc = read_buf(&s, data, len, NR_FORMAT_AUTO, max, "in.txt");
	ck_assert_int_eq(rc, code);
	ck_assert_uint_eq(s.items, 1);
	ck_assert_uint_eq(s.errors, 1);
	ck_assert_int_eq(s.codes[0], code);
	ck_assert_str_eq(s.sources[0], "in.txt");
	ck_assert_uint_eq(s.indexes[0], 0);
	ck_assert_msg(strstr(s.messages[0], msg_part) != NULL, "message '%s' lacks '%s'",
		      s.messages[0], msg_part);
	seen_free(&s);
}

START_TEST(read_empty_inputs)
{
	expect_one_error("", 0, 0, NR_EEMPTY, "empty");
	expect_one_error(NULL, 0, 0, NR_EEMPTY, "empty");
	expect_one_error(LIT(" \n\t\r\n  \n"), 0, NR_EEMPTY, "whitespace");
	expect_one_error(LIT("\xEF\xBB\xBF"), 0, NR_EEMPTY, "whitespace");
	expect_one_error(LIT("\xEF\xBB\xBF \n"), 0, NR_EEMPTY, "whitespace");
	/* Only page furniture: read, then nothing left (the wording is the
	 * text reader's). */
	expect_one_error(LIT("Share this\n\nAdvertisement\n"), 0, NR_EEMPTY, "");
}
END_TEST

START_TEST(read_binary)
{
	static const char png[] = "\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\0\x10";
	expect_one_error(LIT(png), 0, NR_EBINARY, "binary");
	static const char gz[] = "\x1F\x8B\x08\0\0\0\0\0\0\x03";
	expect_one_error(LIT(gz), 0, NR_EBINARY, "binary");
	/* Many control bytes, no NUL. */
	char junk[400];
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i % 3 == 0 ? 0x02 : 'a');
	expect_one_error(junk, sizeof(junk), 0, NR_EBINARY, "binary");
}
END_TEST

START_TEST(read_too_big)
{
	static const char art[] = "Headline Here\n\nA sentence of body text.\n";
	size_t n = sizeof(art) - 1;
	expect_one_error(art, n, n - 1, NR_ETOOBIG, "limit");
	/* Exactly at the cap is fine. */
	seen s = { 0 };
	ck_assert_int_eq(read_buf(&s, art, n, NR_FORMAT_AUTO, n, "x"), NR_OK);
	ck_assert_uint_eq(s.articles, 1);
	seen_free(&s);
	/* The size check comes before any other: a big empty input is too big. */
	char *blank = malloc(4096);
	ck_assert_ptr_nonnull(blank);
	memset(blank, ' ', 4096);
	expect_one_error(blank, 4096, 1000, NR_ETOOBIG, "4096 bytes");
	free(blank);
}
END_TEST

START_TEST(read_bad_arguments)
{
	seen s = { 0 };
	nr_read_options o = NR_READ_OPTIONS_INIT;
	ck_assert_int_eq(nr_read_buffer("x", 1, &o, NULL, NULL), NR_EINVAL);
	ck_assert_int_eq(nr_read_buffer(NULL, 5, &o, record, &s), NR_EINVAL);
	o.version = 0;
	ck_assert_int_eq(nr_read_buffer("x", 1, &o, record, &s), NR_EINVAL);
	o.version = NR_READ_OPTIONS_VERSION + 1;
	ck_assert_int_eq(nr_read_buffer("x", 1, &o, record, &s), NR_EINVAL);
	ck_assert_int_eq(nr_read_file("x", &o, record, &s), NR_EINVAL);
	o.version = NR_READ_OPTIONS_VERSION;
	ck_assert_int_eq(nr_read_file(NULL, &o, record, &s), NR_EINVAL);
	ck_assert_int_eq(nr_read_file("x", &o, NULL, NULL), NR_EINVAL);
	/* Argument errors are returned, never reported as items. */
	ck_assert_uint_eq(s.items, 0);
}
END_TEST

START_TEST(read_callback_abort)
{
	static const char art[] = "Harbour Plan Approved\n\nThe plan passed by nine votes.\n";
	seen s = { 0 };
	s.stop_after = 1;
	ck_assert_int_eq(read_buf(&s, LIT(art), NR_FORMAT_TEXT, 0, "a"), NR_EABORT);
	ck_assert_uint_eq(s.articles, 1);
	seen_free(&s);

	/* Stopping on an error item keeps that error as the result. */
	s.stop_after = 1;
	ck_assert_int_eq(read_buf(&s, "", 0, NR_FORMAT_AUTO, 0, "a"), NR_EEMPTY);
	ck_assert_uint_eq(s.items, 1);
	seen_free(&s);
}
END_TEST

START_TEST(read_encodings)
{
	seen s = { 0 };
	static const char latin1[] =
	    "Caf\xE9 Reopens\n\n\x93We are back,\x94 said the owner, Ren\xE9.\n";
	ck_assert_int_eq(read_buf(&s, LIT(latin1), NR_FORMAT_AUTO, 0, "l.txt"), NR_OK);
	ck_assert_str_eq(s.titles[0], "Caf\xC3\xA9 Reopens");
	ck_assert_str_eq(s.texts[0], "\xE2\x80\x9CWe are back,\xE2\x80\x9D said the owner, "
				     "Ren\xC3\xA9.");
	seen_free(&s);

	/* UTF-16 BE with a BOM: the NULs do not make it binary. */
	static const char be[] = "\xFE\xFF\0O\0n\0e\0 \0l\0i\0n\0e\0.\0\n";
	ck_assert_int_eq(read_buf(&s, LIT(be), NR_FORMAT_AUTO, 0, "b.txt"), NR_OK);
	ck_assert_uint_eq(s.articles, 1);
	ck_assert_str_eq(s.texts[0], "One line.");
	ck_assert_int_eq(s.formats[0], NR_FORMAT_TEXT);
	seen_free(&s);

	/* A UTF-16 file holding only a BOM and blanks is empty, not binary. */
	static const char blank16[] = "\xFF\xFE \0\n\0";
	ck_assert_int_eq(read_buf(&s, LIT(blank16), NR_FORMAT_AUTO, 0, "e.txt"), NR_EEMPTY);
	ck_assert_uint_eq(s.items, 1);
	ck_assert_str_eq(s.messages[0], "input holds only whitespace");
	seen_free(&s);

	/* Stray invalid bytes in UTF-8 are repaired, and control bytes dropped. */
	static const char bad[] =
	    "Vote Count \xC3\xA9t\xC3\xA9\n\nThe tally\x01 ended at 51\xFF.\n";
	ck_assert_int_eq(read_buf(&s, LIT(bad), NR_FORMAT_TEXT, 0, "u.txt"), NR_OK);
	ck_assert_str_eq(s.texts[0], "The tally ended at 51\xEF\xBF\xBD.");
	seen_free(&s);
}
END_TEST

/* ---------------------------------------------------------------- */

static void fixture_path(char *out, size_t cap, const char *rel)
{
	snprintf(out, cap, "%s/%s", NR_FIXTURES, rel);
}

START_TEST(file_fixtures)
{
	char path[1024];
	seen s = { 0 };
	fixture_path(path, sizeof(path), "read/latin1-story.txt");
	ck_assert_int_eq(nr_read_file(path, NULL, record, &s), NR_OK);
	ck_assert_uint_eq(s.articles, 1);
	ck_assert_str_eq(s.sources[0], path);
	ck_assert_str_eq(s.titles[0], "Caf\xC3\xA9 Owners Protest New Terrace Rules");
	ck_assert(nr_utf8__valid(s.texts[0], strlen(s.texts[0])));
	ck_assert_ptr_nonnull(strstr(s.texts[0], "\xE2\x80\x9CWe were never asked,\xE2\x80\x9D "
						 "said Ren\xC3\xA9"
						 "e Dupr\xC3\xA9"));
	seen_free(&s);

	fixture_path(path, sizeof(path), "read/utf16le-story.txt");
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.name = "ferry";
	ck_assert_int_eq(nr_read_file(path, &o, record, &s), NR_OK);
	ck_assert_str_eq(s.sources[0], "ferry");
	ck_assert_str_eq(s.titles[0], "Ferry Service Resumes After Storm");
	ck_assert_str_eq(s.texts[0], "The island ferry sailed again on Sunday after three days "
				     "in port.\n\nOfficials said the timetable would return to "
				     "normal by Wednesday.");
	seen_free(&s);
}
END_TEST

START_TEST(file_errors)
{
	char path[1024];
	seen s = { 0 };
	fixture_path(path, sizeof(path), "read/no-such-file.txt");
	ck_assert_int_eq(nr_read_file(path, NULL, record, &s), NR_EIO);
	ck_assert_uint_eq(s.items, 1);
	ck_assert_ptr_nonnull(strstr(s.messages[0], "cannot open"));
	ck_assert_ptr_nonnull(strstr(s.messages[0], "No such file"));
	ck_assert_str_eq(s.sources[0], path);
	seen_free(&s);

	fixture_path(path, sizeof(path), "read");
	ck_assert_int_eq(nr_read_file(path, NULL, record, &s), NR_EIO);
	ck_assert_uint_eq(s.items, 1);
	ck_assert_str_eq(s.messages[0], "is a directory");
	seen_free(&s);

	/* Refused by size before anything is read. */
	fixture_path(path, sizeof(path), "read/latin1-story.txt");
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.max_bytes = 64;
	ck_assert_int_eq(nr_read_file(path, &o, record, &s), NR_ETOOBIG);
	ck_assert_uint_eq(s.items, 1);
	ck_assert_ptr_nonnull(strstr(s.messages[0], "over the 64-byte limit"));
	seen_free(&s);
}
END_TEST

START_TEST(error_record_json)
{
	nr_read_item item = {
		NULL, NR_EBINARY, "input looks binary", "dir/a.bin", 3, NR_FORMAT_AUTO
	};
	char *js = NULL;
	ck_assert_int_eq(nr_read_item_error_json(&item, &js), NR_OK);
	ck_assert_ptr_nonnull(js);
	ck_assert_ptr_null(strchr(js, '\n'));
	json_error_t jerr;
	json_t *o = json_loads(js, 0, &jerr);
	ck_assert_msg(o != NULL, "bad JSON: %s", js);
	ck_assert_str_eq(json_string_value(json_object_get(o, "error")), "input looks binary");
	ck_assert_str_eq(json_string_value(json_object_get(o, "code")), nr_strerror(NR_EBINARY));
	ck_assert_str_eq(json_string_value(json_object_get(o, "source")), "dir/a.bin");
	ck_assert_int_eq(json_integer_value(json_object_get(o, "index")), 3);
	json_decref(o);
	nr_free(js);

	/* A source name that needs escaping stays exact. */
	item.source = "we\"ird\\name\n.txt";
	item.message = NULL;
	ck_assert_int_eq(nr_read_item_error_json(&item, &js), NR_OK);
	o = json_loads(js, 0, &jerr);
	ck_assert_ptr_nonnull(o);
	ck_assert_str_eq(json_string_value(json_object_get(o, "source")), "we\"ird\\name\n.txt");
	ck_assert_str_eq(json_string_value(json_object_get(o, "error")), nr_strerror(NR_EBINARY));
	json_decref(o);
	nr_free(js);
	ck_assert_int_eq(nr_read_item_error_json(NULL, &js), NR_EINVAL);
}
END_TEST

Suite *read_suite(void)
{
	Suite *s = suite_create("read");
	TCase *tc = tcase_create("formats");
	tcase_add_test(tc, format_names);
	tcase_add_test(tc, error_strings);
	tcase_add_test(tc, detect_by_content);
	tcase_add_test(tc, detect_with_extension);
	suite_add_tcase(s, tc);

	tc = tcase_create("buffer");
	tcase_add_test(tc, read_plain_article);
	tcase_add_test(tc, read_empty_inputs);
	tcase_add_test(tc, read_binary);
	tcase_add_test(tc, read_too_big);
	tcase_add_test(tc, read_bad_arguments);
	tcase_add_test(tc, read_callback_abort);
	tcase_add_test(tc, read_encodings);
	suite_add_tcase(s, tc);

	tc = tcase_create("file");
	tcase_add_test(tc, file_fixtures);
	tcase_add_test(tc, file_errors);
	tcase_add_test(tc, error_record_json);
	suite_add_tcase(s, tc);
	return s;
}
