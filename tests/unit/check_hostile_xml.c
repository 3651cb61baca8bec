/*
 * check_hostile_xml.c - XML that attacks the parser: entity bombs, external
 * entities, deep nesting, truncation, garbage. Every case must end in one
 * clean article or one clear error, quickly, with nothing printed and no
 * file read.
 */
#include "testutil.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/*
 * Read with stdout and stderr redirected to a scratch file, and check
 * that the library printed nothing. (A blow-up shows as the suite's
 * timeout; speed is measured by bench/, not asserted here.)
 */
static void quiet_read(tu_result *r, const char *data, size_t len, nr_format f)
{
	char path[] = "/tmp/nr_hostile_out_XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	fflush(stdout);
	fflush(stderr);
	int save_out = dup(1), save_err = dup(2);
	dup2(fd, 1);
	dup2(fd, 2);
	tu_read_len(r, data, len, f);
	fflush(stdout);
	fflush(stderr);
	dup2(save_out, 1);
	dup2(save_err, 2);
	close(save_out);
	close(save_err);
	struct stat st;
	ck_assert_int_eq(fstat(fd, &st), 0);
	close(fd);
	unlink(path);
	ck_assert_msg(st.st_size == 0, "the library printed %lld bytes", (long long)st.st_size);
}

static int any_text_contains(const tu_result *r, const char *needle)
{
	for (size_t i = 0; i < r->narticles; i++) {
		if (tu_contains(r->articles[i], needle) ||
		    strstr(nr_article_title(r->articles[i]), needle))
			return 1;
	}
	for (size_t i = 0; i < r->nerrors; i++)
		if (strstr(r->messages[i], needle))
			return 1;
	return 0;
}

#define LAUGHS_DTD                                                                        \
	"<!ENTITY lol \"lol\">"                                                           \
	"<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"           \
	"<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">" \
	"<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">" \
	"<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">" \
	"<!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">" \
	"<!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">" \
	"<!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">" \
	"<!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">" \
	"<!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">"

START_TEST(billion_laughs)
{
	tu_result r;
	const char *feed = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [" LAUGHS_DTD "]>\n"
			   "<rss version=\"2.0\"><channel><title>t</title><item><title>x</title>"
			   "<description>&lol9;</description></item></channel></rss>";
	quiet_read(&r, feed, strlen(feed), NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_uint_eq(r.narticles, 0);
	ck_assert_int_eq(r.errors[0], NR_EPARSE);
	ck_assert_msg(strstr(r.messages[0], "XML parse error at line") &&
			  strstr(r.messages[0], "entity"),
		      "message: %s", r.messages[0]);
	tu_free(&r);

	const char *nitf = "<!DOCTYPE nitf [" LAUGHS_DTD "]><nitf><body><body.content>"
			   "<p>&lol9;</p></body.content></body></nitf>";
	quiet_read(&r, nitf, strlen(nitf), NR_FORMAT_NITF);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_EPARSE);
	tu_free(&r);

	/* The bomb in an attribute value. */
	const char *attr = "<!DOCTYPE feed [" LAUGHS_DTD "]>"
			   "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>"
			   "<link href=\"&lol9;\"/><content>x</content></entry></feed>";
	quiet_read(&r, attr, strlen(attr), NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_EPARSE);
	tu_free(&r);
}
END_TEST

START_TEST(quadratic_blowup)
{
	/* One entity referenced 20,000 times: 64 KiB x 20,000 = 1.3 GB, and
	 * 4 KB x 20,000 = 80 MB if expanded. The output stays within a small
	 * multiple of the input. */
	size_t sizes[] = { 65536, 4000 };
	for (size_t k = 0; k < 2; k++) {
		size_t ent = sizes[k], refs = 20000;
		size_t cap = ent + refs * 3 + 512;
		char *doc = malloc(cap);
		ck_assert_ptr_nonnull(doc);
		size_t n = (size_t)snprintf(doc, cap, "<!DOCTYPE rss [<!ENTITY a \"");
		for (size_t i = 0; i < ent; i++)
			doc[n++] = (i % 4 == 3) ? ' ' : 'a';
		n += (size_t)snprintf(doc + n, cap - n, "\">]><rss><channel><item><description>");
		for (size_t i = 0; i < refs; i++) {
			memcpy(doc + n, "&a;", 3);
			n += 3;
		}
		n += (size_t)snprintf(doc + n, cap - n, "</description></item></channel></rss>");
		tu_result r;
		quiet_read(&r, doc, n, NR_FORMAT_FEED);
		ck_assert_uint_eq(r.items, 1);
		if (r.narticles)
			ck_assert_uint_le(strlen(tu_text(r.articles[0])), 2 * n);
		else
			ck_assert(r.errors[0] == NR_EPARSE || r.errors[0] == NR_EEMPTY);
		tu_free(&r);
		free(doc);
	}
}
END_TEST

START_TEST(external_entities_never_read)
{
	/* A file of our own with a marker, and /etc/passwd. */
	char path[] = "/tmp/nr_xxe_secret_XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	const char *secret = "TOP-SECRET-MARKER-7731";
	ck_assert_int_eq(write(fd, secret, strlen(secret)), (ssize_t)strlen(secret));
	close(fd);

	char doc[2048];
	tu_result r;
	/* Each form is the text before and after the file name. */
	const char *forms[][2] = {
		/* general entity in content */
		{ "<!DOCTYPE rss [<!ENTITY x SYSTEM \"file://",
		  "\">]><rss><channel><item><title>t</title><description>Leak: &x; end."
		  "</description></item></channel></rss>" },
		/* parameter entity pulling in a DTD */
		{ "<!DOCTYPE rss [<!ENTITY % p SYSTEM \"file://",
		  "\"> %p;]><rss><channel><item><description>Plain story.</description></item>"
		  "</channel></rss>" },
		/* external DTD subset */
		{ "<!DOCTYPE rss SYSTEM \"file://",
		  "\"><rss><channel><item><description>Subset story.</description></item>"
		  "</channel></rss>" },
		/* XInclude is not processed */
		{ "<rss xmlns:xi=\"http://www.w3.org/2001/XInclude\"><channel><item><description>"
		  "Story <xi:include href=\"file://",
		  "\" parse=\"text\"/> here.</description></item></channel></rss>" },
	};
	const char *targets[] = { path, "/etc/passwd" };
	for (size_t t = 0; t < 2; t++) {
		for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
			snprintf(doc, sizeof(doc), "%s%s%s", forms[i][0], targets[t], forms[i][1]);
			quiet_read(&r, doc, strlen(doc), NR_FORMAT_AUTO);
			ck_assert_uint_eq(r.items, 1);
			ck_assert_msg(!any_text_contains(&r, secret), "form %zu read the file", i);
			ck_assert_msg(!any_text_contains(&r, "root:"), "form %zu read passwd", i);
			if (r.narticles)
				ck_assert(tu_contains(r.articles[0], "story") ||
					  tu_contains(r.articles[0], "Story") ||
					  tu_contains(r.articles[0], "Leak"));
			tu_free(&r);
		}
	}

	/* The same in NITF. */
	snprintf(doc, sizeof(doc),
		 "<!DOCTYPE nitf [<!ENTITY x SYSTEM \"file://%s\">]>"
		 "<nitf><body><body.content><p>A &x; B</p></body.content></body></nitf>",
		 path);
	quiet_read(&r, doc, strlen(doc), NR_FORMAT_NITF);
	ck_assert_uint_eq(r.items, 1);
	ck_assert(!any_text_contains(&r, secret));
	tu_free(&r);
	unlink(path);
}
END_TEST

START_TEST(parameter_entities)
{
	tu_result r;
	/* An internal parameter entity that declares a general one is fine. */
	const char *ok =
	    "<!DOCTYPE rss [<!ENTITY % decl \"<!ENTITY org 'Harbour Authority'>\"> %decl;]>"
	    "<rss><channel><item><description>The &org; met on Monday.</description>"
	    "</item></channel></rss>";
	quiet_read(&r, ok, strlen(ok), NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(tu_text(r.articles[0]), "The Harbour Authority met on Monday.");
	tu_free(&r);

	/* Parameter entities multiplying inside the DTD. */
	const char *bomb =
	    "<!DOCTYPE rss ["
	    "<!ENTITY % a \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\">"
	    "<!ENTITY % b \"%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;%a;\">"
	    "<!ENTITY % c \"%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;%b;\">"
	    "<!ENTITY % d \"%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;%c;\">"
	    "<!ENTITY % e \"%d;%d;%d;%d;%d;%d;%d;%d;%d;%d;%d;%d;%d;%d;%d;%d;\">"
	    "<!ENTITY % f \"%e;%e;%e;%e;%e;%e;%e;%e;%e;%e;%e;%e;%e;%e;%e;%e;\">"
	    "<!ENTITY g \"%f;\">"
	    "]><rss><channel><item><description>&g;</description></item></channel></rss>";
	quiet_read(&r, bomb, strlen(bomb), NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	if (r.narticles)
		ck_assert_uint_lt(strlen(tu_text(r.articles[0])), 1u << 20);
	else
		ck_assert(r.errors[0] == NR_EPARSE || r.errors[0] == NR_EEMPTY);
	tu_free(&r);
}
END_TEST

START_TEST(deep_nesting)
{
	size_t depth = 100000;
	const char *open_tag = "<div>", *close_tag = "</div>";
	size_t cap = depth * 11 + 256;
	char *doc = malloc(cap);
	ck_assert_ptr_nonnull(doc);
	tu_result r;

	/* Elements 100,000 deep inside a feed item. */
	size_t n = (size_t)snprintf(doc, cap, "<rss><channel><item><description>");
	for (size_t i = 0; i < depth; i++, n += 5)
		memcpy(doc + n, open_tag, 5);
	doc[n++] = 'x';
	for (size_t i = 0; i < depth; i++, n += 6)
		memcpy(doc + n, close_tag, 6);
	n += (size_t)snprintf(doc + n, cap - n, "</description></item></channel></rss>");
	quiet_read(&r, doc, n, NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_ENESTING);
	ck_assert(strncmp(r.messages[0], "XML parse error at line 1: ", 27) == 0);
	tu_free(&r);

	/* The same depth in NITF, unclosed. */
	n = (size_t)snprintf(doc, cap, "<nitf><body><body.content>");
	for (size_t i = 0; i < depth; i++, n += 5)
		memcpy(doc + n, open_tag, 5);
	quiet_read(&r, doc, n, NR_FORMAT_NITF);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_ENESTING);
	tu_free(&r);

	/* Escaped HTML 100,000 deep inside a description: the XML is flat,
	 * the HTML body is not. */
	n = (size_t)snprintf(doc, cap, "<rss><channel><item><description>");
	for (size_t i = 0; i < depth / 2; i++, n += 11)
		memcpy(doc + n, "&lt;div&gt;", 11);
	n += (size_t)snprintf(doc + n, cap - n, "deep text</description></item></channel></rss>");
	quiet_read(&r, doc, n, NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	if (!r.narticles)
		ck_assert(r.errors[0] == NR_ENESTING || r.errors[0] == NR_EPARSE ||
			  r.errors[0] == NR_EEMPTY);
	tu_free(&r);
	free(doc);
}
END_TEST

START_TEST(truncated)
{
	tu_result r;
	const char *doc =
	    "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n"
	    "<title>Cut</title>\n<item><title>One</title>\n<description><![CDATA[<p>The "
	    "council met";
	for (size_t cut = 1; cut <= strlen(doc); cut += 7) {
		quiet_read(&r, doc, cut, NR_FORMAT_FEED);
		ck_assert_uint_eq(r.items, 1);
		ck_assert_uint_eq(r.narticles, 0);
		ck_assert(r.errors[0] == NR_EPARSE || r.errors[0] == NR_EEMPTY);
		if (r.errors[0] == NR_EPARSE)
			ck_assert(strncmp(r.messages[0], "XML parse error at line ", 24) == 0);
		ck_assert(strchr(r.messages[0], '\n') == NULL);
		tu_free(&r);
	}
	quiet_read(&r, doc, strlen(doc), NR_FORMAT_FEED);
	ck_assert_str_eq(r.messages[0], "XML parse error at line 6: CData section not finished");
	tu_free(&r);
}
END_TEST

START_TEST(binary_garbage)
{
	tu_result r;
	unsigned char buf[4096];
	unsigned int seed = 12345;
	/* With NULs: refused before any parser runs. */
	for (size_t i = 0; i < sizeof(buf); i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (unsigned char)(seed >> 16);
	}
	memcpy(buf, "<rss>", 5);
	quiet_read(&r, (const char *)buf, sizeof(buf), NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_EBINARY);
	tu_free(&r);

	/* High bytes only: reaches the XML parser, which refuses it. */
	for (size_t i = 0; i < sizeof(buf); i++) {
		seed = seed * 1103515245u + 12345u;
		buf[i] = (unsigned char)(0x80 | (seed >> 16));
	}
	memcpy(buf, "<rss><channel><item><description>", 33);
	nr_format fs[] = { NR_FORMAT_FEED, NR_FORMAT_NITF };
	for (size_t k = 0; k < 2; k++) {
		quiet_read(&r, (const char *)buf, sizeof(buf), fs[k]);
		ck_assert_uint_eq(r.items, 1);
		ck_assert_uint_eq(r.narticles, 0);
		ck_assert_int_eq(r.errors[0], NR_EPARSE);
		tu_free(&r);
	}

	/* Not XML at all. */
	quiet_read(&r, "just words, no markup", 21, NR_FORMAT_FEED);
	ck_assert_uint_eq(r.items, 1);
	ck_assert_int_eq(r.errors[0], NR_EPARSE);
	tu_free(&r);
}
END_TEST

START_TEST(utf16_declared_but_converted)
{
	/* UTF-16 input is converted to UTF-8 by read.c; the declaration
	 * still says UTF-16 and must not make the parser refuse it. */
	const char *s = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><item>"
			"<description>Converted text.</description></item></channel></rss>";
	size_t n = strlen(s);
	char *u16 = malloc(2 * n + 2);
	ck_assert_ptr_nonnull(u16);
	u16[0] = (char)0xFF;
	u16[1] = (char)0xFE;
	for (size_t i = 0; i < n; i++) {
		u16[2 + 2 * i] = s[i];
		u16[3 + 2 * i] = 0;
	}
	tu_result r;
	quiet_read(&r, u16, 2 * n + 2, NR_FORMAT_AUTO);
	ck_assert_uint_eq(r.narticles, 1);
	ck_assert_str_eq(tu_text(r.articles[0]), "Converted text.");
	tu_free(&r);
	free(u16);
}
END_TEST

Suite *hostile_xml_suite(void)
{
	Suite *s = suite_create("hostile_xml");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, billion_laughs);
	tcase_add_test(tc, quadratic_blowup);
	tcase_add_test(tc, external_entities_never_read);
	tcase_add_test(tc, parameter_entities);
	tcase_add_test(tc, deep_nesting);
	tcase_add_test(tc, truncated);
	tcase_add_test(tc, binary_garbage);
	tcase_add_test(tc, utf16_declared_but_converted);
	suite_add_tcase(s, tc);
	return s;
}
