/*
 * fuzz_reader_text.c - libFuzzer target for the plain-text reader.
 *
 * Any bytes go through nr_read_buffer as text; every article that comes
 * out must hold the library's promises: valid UTF-8 text without control
 * characters, spans inside the text and in order, and JSON that jansson
 * can write. A broken promise aborts, which libFuzzer reports as a crash.
 */
#include "base/base.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                              \
	do {                                                                                     \
		if (!(cond)) {                                                                   \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                                 \
		}                                                                                \
	} while (0)

static void check_clean(const char *s, size_t len)
{
	CHECK(nr_utf8__valid(s, len));
	CHECK(strlen(s) == len); /* no NUL inside */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		CHECK(c >= 0x20 || c == '\n');
		CHECK(c != 0x7F);
	}
}

/* What one read produced, to compare two reads of the same bytes. */
typedef struct outcome {
	size_t items;
	int error;
	char *json; /* the article's JSON (with tokens), or NULL */
} outcome;

static char *check_article(const nr_article *a)
{
	size_t len;
	const char *text = nr_article_text(a, &len);
	check_clean(text, len);
	static const char *(*const meta[])(const nr_article *) = {
		nr_article_id,  nr_article_title,  nr_article_byline,   nr_article_published,
		nr_article_url, nr_article_source, nr_article_language,
	};
	for (size_t i = 0; i < sizeof(meta) / sizeof(meta[0]); i++) {
		const char *m = meta[i](a);
		CHECK(m != NULL);
		check_clean(m, strlen(m));
		CHECK(strchr(m, '\n') == NULL);
	}

	size_t np = nr_article_paragraph_count(a), prev_end = 0;
	for (size_t i = 0; i < np; i++) {
		nr_span p = nr_article_paragraph(a, i);
		CHECK(p.start < p.end && p.end <= len);
		CHECK(i == 0 || p.start >= prev_end);
		prev_end = p.end;
	}
	size_t ns = nr_article_sentence_count(a), nt = nr_article_token_count(a);
	prev_end = 0;
	for (size_t i = 0; i < ns; i++) {
		nr_span s = nr_article_sentence(a, i);
		CHECK(s.start < s.end && s.end <= len);
		CHECK(s.start >= prev_end);
		prev_end = s.end;
		size_t para = nr_article_sentence_paragraph(a, i);
		CHECK(para < np);
		nr_span p = nr_article_paragraph(a, para);
		CHECK(s.start >= p.start && s.end <= p.end);
		size_t count, first = nr_article_sentence_tokens(a, i, &count);
		CHECK(count == 0 || first + count <= nt);
	}
	prev_end = 0;
	for (size_t i = 0; i < nt; i++) {
		nr_token_kind kind;
		nr_span t = nr_article_token(a, i, &kind);
		CHECK(t.start < t.end && t.end <= len);
		CHECK(t.start >= prev_end);
		CHECK(kind >= NR_TOKEN_WORD && kind <= NR_TOKEN_QUOTE);
		prev_end = t.end;
	}

	char *js = NULL;
	CHECK(nr_article_to_json(a, NR_JSON_TOKENS, &js) == NR_OK);
	CHECK(js != NULL && js[0] == '{');
	return js;
}

static int on_item(const nr_read_item *item, void *payload)
{
	outcome *out = payload;
	out->items++;
	out->error = item->error;
	if (item->article) {
		CHECK(item->error == NR_OK);
		char *js = check_article(item->article);
		if (!out->json)
			out->json = js;
		else
			nr_free(js);
		nr_article_free(item->article);
	} else {
		CHECK(item->error < 0);
		CHECK(item->message != NULL && item->message[0] != '\0');
		char *js = NULL;
		CHECK(nr_read_item_error_json(item, &js) == NR_OK);
		nr_free(js);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.format = NR_FORMAT_TEXT;
	o.name = "fuzz.txt";
	outcome first = { 0, 0, NULL }, again = { 0, 0, NULL };
	int rc = nr_read_buffer((const char *)data, size, &o, on_item, &first);
	/* A text input is one article or one error: never zero, never more. */
	CHECK(first.items == 1);
	CHECK(rc <= 0 && rc == first.error);

	/* No global state: the same bytes read the same way twice. A
	 * difference means uninitialised memory or hidden state. */
	int rc2 = nr_read_buffer((const char *)data, size, &o, on_item, &again);
	CHECK(rc2 == rc && again.items == 1);
	CHECK((first.json == NULL) == (again.json == NULL));
	CHECK(!first.json || strcmp(first.json, again.json) == 0);
	nr_free(first.json);
	nr_free(again.json);

	/* The embedding entry point takes the same bytes without detection. */
	nr_article *a = NULL;
	rc = nr_article_from_text(&a, (const char *)data, size, "Fuzz");
	if (rc == NR_OK) {
		nr_free(check_article(a));
		nr_article_free(a);
	} else {
		CHECK(a == NULL);
	}
	return 0;
}
