/* testutil.c - helpers shared by the Check suites. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int collect(const nr_read_item *item, void *payload)
{
	tu_result *r = payload;
	r->items++;
	if (item->article) {
		if (r->narticles < 64)
			r->articles[r->narticles++] = item->article;
		else
			nr_article_free(item->article);
	} else if (r->nerrors < 64) {
		r->errors[r->nerrors] = item->error;
		snprintf(r->messages[r->nerrors], sizeof(r->messages[0]), "%s",
			 item->message ? item->message : "");
		r->nerrors++;
	}
	return 0;
}

void tu_read_len(tu_result *r, const char *data, size_t len, nr_format format)
{
	memset(r, 0, sizeof(*r));
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.format = format;
	o.name = "test";
	r->rc = nr_read_buffer(data, len, &o, collect, r);
}

void tu_read(tu_result *r, const char *data, nr_format format)
{
	tu_read_len(r, data, strlen(data), format);
}

void tu_read_fixture(tu_result *r, const char *relpath, nr_format format)
{
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", NR_FIXTURES, relpath);
	memset(r, 0, sizeof(*r));
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.format = format;
	r->rc = nr_read_file(path, &o, collect, r);
}

void tu_free(tu_result *r)
{
	for (size_t i = 0; i < r->narticles; i++)
		nr_article_free(r->articles[i]);
	memset(r, 0, sizeof(*r));
}

const char *tu_text(const nr_article *a) { return nr_article_text(a, NULL); }

const char *tu_sentence(const nr_article *a, size_t i)
{
	static char buf[8192];
	nr_span s = nr_article_sentence(a, i);
	size_t n = s.end - s.start;
	if (n >= sizeof(buf))
		n = sizeof(buf) - 1;
	memcpy(buf, tu_text(a) + s.start, n);
	buf[n] = '\0';
	return buf;
}

int tu_contains(const nr_article *a, const char *needle)
{
	return strstr(tu_text(a), needle) != NULL;
}

int tu_has_diag(const nr_ruleset *rs, int level, const char *part)
{
	for (size_t i = 0; i < nr_ruleset_diagnostic_count(rs); i++) {
		nr_diag_level lv;
		const char *d = nr_ruleset_diagnostic(rs, i, &lv);
		if ((level < 0 || (int)lv == level) && strstr(d, part))
			return 1;
	}
	return 0;
}

void tu_analyze(tu_result *r, const char *headline, const char *body, const nr_lexicon *lex)
{
	size_t n = strlen(headline) + strlen(body) + 3;
	char *buf = malloc(n);
	ck_assert_ptr_nonnull(buf);
	snprintf(buf, n, "%s\n\n%s", headline, body);
	tu_read(r, buf, NR_FORMAT_TEXT);
	free(buf);
	ck_assert_uint_eq(r->narticles, 1);
	ck_assert_int_eq(nr_article_analyze(r->articles[0], lex), NR_OK);
}

const char *tu_span_text(const nr_article *a, nr_span s)
{
	static char buf[4][512];
	static int k;
	char *out = buf[k++ & 3];
	size_t n = s.end > s.start ? s.end - s.start : 0;
	if (n >= sizeof(buf[0]))
		n = sizeof(buf[0]) - 1;
	memcpy(out, tu_text(a) + s.start, n);
	out[n] = '\0';
	return out;
}
