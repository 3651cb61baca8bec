/*
 * check_reader_push.c - the push reader (nr_reader_new/push/finish, and
 * nr_read_fd): every fixture and example, pushed in 1-byte, random-sized
 * and whole chunks, gives exactly the items a whole read gives (ids, texts,
 * errors, indices, formats); JSON Lines records leave from inside push as
 * soon as their newline arrives; max_bytes caps one record; RS framing.
 */
#include "testutil.h"
#include "read/read.h"

#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LIT(s) (s), (sizeof(s) - 1)

/* Every item, as one line of text: what two reads are compared by. */
typedef struct trace {
	nr_buf out;
	size_t items, articles, errors;
	size_t stop_after; /* return non-zero on this item (1-based); 0 never */
} trace;

static int collect(const nr_read_item *item, void *payload)
{
	trace *t = payload;
	t->items++;
	nr_buf__printf(&t->out, "#%zu %s %s err=%d", item->index, item->source,
		       nr_format_name(item->format), item->error);
	if (item->article) {
		size_t len;
		const char *text = nr_article_text(item->article, &len);
		const char *extra = nr_article_extra_json(item->article);
		nr_buf__printf(&t->out,
			       " id=%s title=%s extra=%s text=", nr_article_id(item->article),
			       nr_article_title(item->article), extra ? extra : "-");
		nr_buf__put(&t->out, text, len);
		t->articles++;
		nr_article_free(item->article);
	} else {
		ck_assert_ptr_nonnull(item->message);
		ck_assert_ptr_null(strchr(item->message, '\n'));
		nr_buf__printf(&t->out, " msg=%s", item->message);
		t->errors++;
	}
	nr_buf__putc(&t->out, '\n');
	return t->stop_after && t->items >= t->stop_after;
}

static void trace_free(trace *t) { nr_buf__free(&t->out); }

static const char *trace_text(const trace *t) { return t->out.data ? t->out.data : ""; }

/* Chunk sizes: 0 = whole, 1 = one byte at a time, -1 = random sizes. */
static int push_read(trace *t, const char *data, size_t len, const nr_read_options *o, int chunk,
		     unsigned seed)
{
	nr_read_options named = *o;
	if (!named.name)
		named.name = "<buffer>"; /* nr_read_buffer's default, for comparing */
	nr_reader *r;
	ck_assert_int_eq(nr_reader_new(&r, &named, collect, t), NR_OK);
	size_t pos = 0;
	while (pos < len) {
		size_t n = chunk == 0  ? len - pos
			   : chunk > 0 ? (size_t)chunk
				       : 1 + (size_t)rand_r(&seed) % 700;
		if (n > len - pos)
			n = len - pos;
		int rc = nr_reader_push(r, data + pos, n);
		if (rc == NR_EABORT)
			break;
		ck_assert_int_eq(rc, NR_OK);
		pos += n;
	}
	int rc = nr_reader_finish(r);
	nr_reader_free(r);
	return rc;
}

/* The reading before streaming existed: the whole input through the
 * checks and the format's reader at once. */
static int old_read(trace *t, const char *data, size_t len, const nr_read_options *o)
{
	nr_reader_ctx ctx = { 0 };
	ctx.cb = collect;
	ctx.payload = t;
	ctx.source = o->name ? o->name : "<buffer>";
	ctx.max_bytes = NR_DEFAULT_MAX_BYTES;
	ctx.format = o->format;
	nr_xml__quiet(&ctx.quiet);
	nr_read__bytes(&ctx, data, len, o->name);
	nr_xml__unquiet(&ctx.quiet);
	return ctx.first_error;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	nr_buf b = NR_BUF_INIT;
	char tmp[4096];
	size_t n;
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0)
		nr_buf__put(&b, tmp, n);
	fclose(f);
	*len = b.len;
	nr_buf__putc(&b, '\0');
	return b.data;
}

/* The same bytes, read whole (old and new) and pushed three ways. */
static void same_items(const char *data, size_t len, const char *name, nr_format format)
{
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.name = name;
	o.format = format;
	trace whole = { 0 }, old = { 0 };
	int rc = nr_read_buffer(data, len, &o, collect, &whole);
	int orc = old_read(&old, data, len, &o);
	ck_assert_msg(whole.items > 0, "%s: no items", name);
	if (!memchr(data, 0x1E, len)) { /* RS framing is new */
		ck_assert_str_eq(trace_text(&whole), trace_text(&old));
		ck_assert_int_eq(rc, orc);
	}
	const int chunks[] = { 0, 1, -1, -1, 7 };
	for (size_t k = 0; k < sizeof(chunks) / sizeof(chunks[0]); k++) {
		trace t = { 0 };
		int prc = push_read(&t, data, len, &o, chunks[k], (unsigned)k * 7919u);
		ck_assert_msg(strcmp(trace_text(&t), trace_text(&whole)) == 0,
			      "%s (format %s), chunks %d:\n--- pushed\n%s--- whole\n%s", name,
			      nr_format_name(format), chunks[k], trace_text(&t),
			      trace_text(&whole));
		ck_assert_int_eq(prc, rc);
		trace_free(&t);
	}
	trace_free(&whole);
	trace_free(&old);
}

static const char *const inputs[] = {
	"read/latin1-story.txt",
	"read/utf16le-story.txt",
	"reader_feed/cp1251.rss",
	"reader_feed/one_broken_item.rss",
	"reader_feed/rdf.rss",
	"reader_feed/wordpress.rss",
	"reader_feed/xhtml.atom",
	"reader_html/jsonld_graph.html",
	"reader_html/latin1.html",
	"reader_html/realistic.html",
	"reader_html/short_with_comments.html",
	"reader_html/split_story.html",
	"reader_html/title_strip.html",
	"reader_html/undeclared_1252.html",
	"reader_jsonl/array.json",
	"reader_jsonl/crlf_latin1.jsonl",
	"reader_jsonl/mixed.jsonl",
	"reader_jsonl/pretty.json",
	"reader_nitf/namespaced.xml",
	"reader_nitf/nobody.xml",
	"reader_nitf/plain.nitf",
	"../../examples/articles/feed.atom",
	"../../examples/articles/feed.rss",
	"../../examples/articles/stories.jsonl",
	"../../examples/articles/story.nitf.xml",
	"../../examples/articles/voa-haqqani.txt",
};

START_TEST(every_fixture_any_chunking)
{
	const char *rel = inputs[_i];
	char path[1024];
	snprintf(path, sizeof(path), "%s/%s", NR_FIXTURES, rel);
	size_t len;
	char *data = slurp(path, &len);
	/* Detected by content and name, by content alone, and forced. */
	same_items(data, len, rel, NR_FORMAT_AUTO);
	same_items(data, len, NULL, NR_FORMAT_AUTO);
	same_items(data, len, rel, NR_FORMAT_JSONL);
	same_items(data, len, rel, NR_FORMAT_TEXT);
	free(data);
}
END_TEST

/* Hand-made inputs: each edge of line handling, read whole and pushed. */
static const struct {
	const char *data;
	size_t len;
} edges[] = {
	{ LIT("{\"text\":\"One.\"}\r\n{\"text\":\"Two.\"}\r\n") },
	{ LIT("{\"text\":\"No newline at the end.\"}") },
	{ LIT("\n\n  \n{\"text\":\"After blanks.\"}\n\n\n{\"text\":\"And more.\"}\n  \n") },
	{ LIT("\xEF\xBB\xBF{\"text\":\"With a BOM.\"}\n{\"text\":\"Two.\"}\n") },
	{ LIT("\xEF\xBB\xBF") },
	{ LIT("") },
	{ LIT("   \n\t\n") },
	{ LIT("\0\0\0{\"text\":\"NUL first.\"}\n") },
	{ LIT("{\"text\":\"NUL inside\0 a line.\"}\n{\"text\":\"Next.\"}\n") },
	{ LIT("{\"text\":\"Good.\"}\nnot json\n{\"text\":\"Good again.\"}\n") },
	{ LIT("{\n  \"text\": \"Pretty, one document.\"\n}\n") },
	{ LIT("{\n  \"text\": \"Pretty, then more.\"\n}\n{\"text\":\"x\"}\n") },
	{ LIT("{\"text\": \"a raw\nnewline in a string\"}\n{\"text\":\"Fine.\"}\n") },
	{ LIT("{\"a\": [1,\n2]}\n") },
	{ LIT("[{\"text\":\"In an array.\"},{\"text\":\"Two.\"}]\n") },
	{ LIT("[Updated] This is prose, not JSON.\n") },
	{ LIT("{Editor's note} prose again.\n") },
	{ LIT("{\"text\":\"Caf\xe9 in Latin-1.\"}\n") },
	{ LIT("<html><body><p>An HTML page that is long enough to be read as a story, with "
	      "a sentence or two.</p></body></html>") },
	{ LIT("\xFF\xFE{\0\"\0t\0e\0x\0t\0\"\0:\0\"\0U\0\"\0}\0") },
	{ LIT("{}\n{\"text\":\"\"}\n[]\n") },
	{ LIT("{\"text\":\"\\u00e9t\\u00e9 \\\"quoted\\\" {brace}\"}\n") },
	{ LIT(
	    "\x1E{\"text\":\"A.\"} tail\n\x1E [1,\n2]\n\n{\"text\":\"B.\"}\n\x1E\x1E<p>C D.</p>") },
	{ LIT("\0\x1E \x1E\n") },
	{ LIT("  \x1E{\"text\":\"}\\\\\"}\n\x1E{\"text\":\"no end\n") },
};

START_TEST(edge_inputs_any_chunking)
{
	same_items(edges[_i].data, edges[_i].len, "edge.jsonl", NR_FORMAT_AUTO);
	same_items(edges[_i].data, edges[_i].len, "-", NR_FORMAT_AUTO);
	same_items(edges[_i].data, edges[_i].len, NULL, NR_FORMAT_JSONL);
}
END_TEST

/* A record leaves from inside the push that brings its newline. */
START_TEST(records_leave_from_push)
{
	trace t = { 0 };
	nr_reader *r;
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.name = "-";
	ck_assert_int_eq(nr_reader_new(&r, &o, collect, &t), NR_OK);
	ck_assert_int_eq(nr_reader_push(r, LIT("{\"id\":\"a\",\"text\":\"First story.\"}")), NR_OK);
	ck_assert_uint_eq(t.items, 0);
	ck_assert_int_eq(nr_reader_push(r, LIT("\n{\"text\":\"Sec")), NR_OK);
	ck_assert_uint_eq(t.articles, 1);
	ck_assert_int_eq(nr_reader_push(r, LIT("ond story.\"}\r\n")), NR_OK);
	ck_assert_uint_eq(t.articles, 2);
	ck_assert_int_eq(nr_reader_push(r, LIT("{\"text\":\"Third, no newline.\"}")), NR_OK);
	ck_assert_uint_eq(t.articles, 2);
	ck_assert_int_eq(nr_reader_finish(r), NR_OK);
	ck_assert_uint_eq(t.articles, 3);
	ck_assert_ptr_nonnull(strstr(trace_text(&t), "#1 - jsonl err=0 id=stdin#2 "));
	/* Used after finish. */
	ck_assert_int_eq(nr_reader_push(r, LIT("x")), NR_EINVAL);
	ck_assert_int_eq(nr_reader_finish(r), NR_EINVAL);
	nr_reader_free(r);
	trace_free(&t);
}
END_TEST

/* A line over max_bytes in the middle: one error naming its line, the
 * next line is still read, count in = count out, whatever the chunking. */
START_TEST(oversize_record_then_next)
{
	nr_buf in = NR_BUF_INIT;
	nr_buf__puts(&in, "{\"text\":\"Short one.\"}\n{\"text\":\"");
	for (int i = 0; i < 300; i++)
		nr_buf__puts(&in, "Long. ");
	nr_buf__puts(&in, "\"}\n\n{\"text\":\"After the long one.\"}\n{\"text\":\"");
	for (int i = 0; i < 300; i++)
		nr_buf__puts(&in, "Long. ");
	nr_buf__puts(&in, "\"}");
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.name = "s";
	o.max_bytes = 1000;
	trace whole = { 0 };
	ck_assert_int_eq(nr_read_buffer(in.data, in.len, &o, collect, &whole), NR_ETOOBIG);
	ck_assert_uint_eq(whole.articles, 2);
	ck_assert_uint_eq(whole.errors, 2);
	ck_assert_ptr_nonnull(strstr(
	    trace_text(&whole), "#1 s jsonl err=-5 msg=line 2: record over the 1000-byte limit"));
	ck_assert_ptr_nonnull(strstr(trace_text(&whole), "#2 s jsonl err=0 id=s#3 "));
	ck_assert_ptr_nonnull(strstr(trace_text(&whole), "#3 s jsonl err=-5 msg=line 5: record"));
	const int chunks[] = { 1, -1, 999, 1000, 1001 };
	for (size_t k = 0; k < sizeof(chunks) / sizeof(chunks[0]); k++) {
		trace t = { 0 };
		ck_assert_int_eq(push_read(&t, in.data, in.len, &o, chunks[k], (unsigned)k),
				 NR_ETOOBIG);
		ck_assert_str_eq(trace_text(&t), trace_text(&whole));
		trace_free(&t);
	}
	trace_free(&whole);
	nr_buf__free(&in);
}
END_TEST

/* Any size of JSON Lines is read when each record fits the cap. */
START_TEST(stream_larger_than_cap)
{
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.max_bytes = 200;
	trace t = { 0 };
	nr_reader *r;
	ck_assert_int_eq(nr_reader_new(&r, &o, collect, &t), NR_OK);
	for (int i = 0; i < 500; i++) {
		char line[128];
		int n = snprintf(line, sizeof(line), "{\"id\":\"n%d\",\"text\":\"Story %d.\"}\n", i,
				 i);
		ck_assert_int_eq(nr_reader_push(r, line, (size_t)n), NR_OK);
		ck_assert_uint_eq(t.articles, (size_t)i + 1);
	}
	ck_assert_int_eq(nr_reader_finish(r), NR_OK);
	nr_reader_free(r);
	ck_assert_ptr_nonnull(strstr(trace_text(&t), "#499 <stream> jsonl err=0 id=n499 "));
	trace_free(&t);
	/* Another format is capped whole: one error, nothing kept. */
	trace h = { 0 };
	ck_assert_int_eq(nr_reader_new(&r, &o, collect, &h), NR_OK);
	for (int i = 0; i < 10; i++)
		ck_assert_int_eq(nr_reader_push(r, LIT("<html><body><p>Forty bytes of it.</p>\n")),
				 NR_OK);
	ck_assert_uint_eq(h.errors, 1);
	ck_assert_int_eq(nr_reader_finish(r), NR_ETOOBIG);
	nr_reader_free(r);
	ck_assert_str_eq(trace_text(&h), "#0 <stream> auto err=-5 msg=input is over the "
					 "200-byte limit\n");
	trace_free(&h);
}
END_TEST

/* RS-framed records: each a document of its own format, read when the next
 * RS arrives; blank records skipped; one over the cap skipped alone. */
START_TEST(rs_framing)
{
	nr_buf in = NR_BUF_INIT;
	nr_buf__puts(&in, "\x1E{\"id\":\"j1\",\"text\":\"A JSON story.\"}\n");
	nr_buf__puts(&in, "\x1E<html><head><title>Page</title></head><body><p>An HTML story that "
			  "has a sentence.</p></body></html>\n");
	nr_buf__puts(&in, "\x1E   \n");
	nr_buf__puts(&in, "\x1EPlain text story.\n\nWith a second paragraph here.\n");
	nr_buf__puts(&in, "\x1E");
	for (int i = 0; i < 100; i++)
		nr_buf__puts(&in, "Too long. ");
	nr_buf__puts(&in, "\x1E{\"text\":\"After it.\"}\n\x1E{not json at all\n");
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.name = "rs";
	o.max_bytes = 500;
	trace whole = { 0 };
	ck_assert_int_eq(nr_read_buffer(in.data, in.len, &o, collect, &whole), NR_ETOOBIG);
	const char *w = trace_text(&whole);
	ck_assert_uint_eq(whole.articles, 5);
	ck_assert_ptr_nonnull(strstr(w, "#0 rs jsonl err=0 id=j1 "));
	ck_assert_ptr_nonnull(strstr(w, "#1 rs html err=0 id=rs#2 title=Page "));
	ck_assert_ptr_nonnull(strstr(w, "#2 rs text err=0 id=rs#3 "));
	ck_assert_ptr_nonnull(strstr(w, "#3 rs auto err=-5 msg=record 5: over the 500-byte limit"));
	ck_assert_ptr_nonnull(strstr(w, "#4 rs jsonl err=0 id=rs#5 "));
	ck_assert_ptr_nonnull(strstr(w, "#5 rs text err=0 id=rs#6 "));
	ck_assert_uint_eq(whole.items, 6);
	const int chunks[] = { 1, -1, 64 };
	for (size_t k = 0; k < sizeof(chunks) / sizeof(chunks[0]); k++) {
		trace t = { 0 };
		ck_assert_int_eq(push_read(&t, in.data, in.len, &o, chunks[k], (unsigned)k),
				 NR_ETOOBIG);
		ck_assert_str_eq(trace_text(&t), w);
		trace_free(&t);
	}
	/* A JSON text record (RFC 7464) leaves at the line feed after its
	 * value; another document when the next RS arrives. */
	trace t = { 0 };
	nr_reader *r;
	ck_assert_int_eq(nr_reader_new(&r, &o, collect, &t), NR_OK);
	ck_assert_int_eq(nr_reader_push(r, LIT("\x1E{\"text\":\"One {\\\"x\\\"}.\"}")), NR_OK);
	ck_assert_uint_eq(t.items, 0);
	ck_assert_int_eq(nr_reader_push(r, LIT("\n")), NR_OK);
	ck_assert_uint_eq(t.articles, 1);
	ck_assert_int_eq(nr_reader_push(r, LIT("\x1E{\n  \"text\": \"Pretty.\"\n}\n")), NR_OK);
	ck_assert_uint_eq(t.articles, 2);
	ck_assert_int_eq(nr_reader_push(r, LIT("\x1E<p>An HTML story, a sentence.</p>\n")), NR_OK);
	ck_assert_uint_eq(t.items, 2);
	ck_assert_int_eq(nr_reader_push(r, LIT("\x1E")), NR_OK);
	ck_assert_uint_eq(t.articles, 3);
	ck_assert_int_eq(nr_reader_finish(r), NR_OK);
	ck_assert_uint_eq(t.items, 3);
	ck_assert_ptr_nonnull(strstr(trace_text(&t), "text=One {\"x\"}."));
	nr_reader_free(r);
	trace_free(&t);
	trace_free(&whole);
	nr_buf__free(&in);
}
END_TEST

/* Errors: bad arguments, a stop from the callback, binary input, an empty
 * stream, and the documented binary check of JSON Lines. */
START_TEST(errors)
{
	nr_reader *r = (nr_reader *)1;
	nr_read_options bad = NR_READ_OPTIONS_INIT;
	bad.version = 99;
	trace t = { 0 };
	ck_assert_int_eq(nr_reader_new(NULL, NULL, collect, &t), NR_EINVAL);
	ck_assert_int_eq(nr_reader_new(&r, NULL, NULL, &t), NR_EINVAL);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(nr_reader_new(&r, &bad, collect, &t), NR_EINVAL);
	ck_assert_int_eq(nr_reader_push(NULL, "x", 1), NR_EINVAL);
	ck_assert_int_eq(nr_reader_finish(NULL), NR_EINVAL);
	nr_reader_free(NULL);

	/* The callback stops after the first item: push says so, later bytes
	 * are ignored, finish reports NR_EABORT. */
	t.stop_after = 1;
	ck_assert_int_eq(nr_reader_new(&r, NULL, collect, &t), NR_OK);
	ck_assert_int_eq(nr_reader_push(r, LIT("{\"text\":\"A.\"}\n{\"text\":\"B.\"}\n")),
			 NR_EABORT);
	ck_assert_int_eq(nr_reader_push(r, LIT("{\"text\":\"C.\"}\n")), NR_EABORT);
	ck_assert_int_eq(nr_reader_finish(r), NR_EABORT);
	ck_assert_uint_eq(t.items, 1);
	nr_reader_free(r);
	trace_free(&t);

	/* An empty stream: one error item at finish. */
	trace e = { 0 };
	ck_assert_int_eq(nr_reader_new(&r, NULL, collect, &e), NR_OK);
	ck_assert_int_eq(nr_reader_finish(r), NR_EEMPTY);
	ck_assert_str_eq(trace_text(&e), "#0 <stream> auto err=-6 msg=input is empty\n");
	nr_reader_free(r);
	trace_free(&e);

	/* JSON Lines is checked for binary up to its first record: a NUL
	 * after it is that line's error, not the whole input's. */
	trace b = { 0 };
	ck_assert_int_eq(nr_read_buffer(LIT("{\"text\":\"Fine.\"}\n\0\0\0\n"), NULL, collect, &b),
			 NR_EPARSE);
	ck_assert_uint_eq(b.articles, 1);
	ck_assert_uint_eq(b.errors, 1);
	trace_free(&b);
	trace c = { 0 };
	ck_assert_int_eq(nr_read_buffer(LIT("\0{\"text\":\"Fine.\"}\n"), NULL, collect, &c),
			 NR_EBINARY);
	ck_assert_uint_eq(c.items, 1);
	trace_free(&c);
}
END_TEST

/* nr_read_fd on a pipe and nr_read_file on a JSON Lines file larger than
 * the cap. */
START_TEST(fd_and_file)
{
	int p[2];
	ck_assert_int_eq(pipe(p), 0);
	const char in[] = "{\"text\":\"Through a pipe.\"}\n{\"text\":\"Twice.\"}\n";
	ck_assert_int_eq(write(p[1], in, sizeof(in) - 1), (ssize_t)sizeof(in) - 1);
	close(p[1]);
	trace t = { 0 };
	ck_assert_int_eq(nr_read_fd(p[0], NULL, collect, &t), NR_OK);
	close(p[0]);
	ck_assert_uint_eq(t.articles, 2);
	char want[64];
	snprintf(want, sizeof(want), "#1 <fd %d> jsonl err=0 id=<fd %d>#2 ", p[0], p[0]);
	ck_assert_ptr_nonnull(strstr(trace_text(&t), want));
	trace_free(&t);

	char path[] = "/tmp/nr_push_XXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	for (int i = 0; i < 100; i++)
		ck_assert_int_eq(write(fd, in, sizeof(in) - 1), (ssize_t)sizeof(in) - 1);
	close(fd);
	nr_read_options o = NR_READ_OPTIONS_INIT;
	o.max_bytes = 100;
	o.format = NR_FORMAT_JSONL;
	trace f = { 0 };
	ck_assert_int_eq(nr_read_file(path, &o, collect, &f), NR_OK);
	ck_assert_uint_eq(f.articles, 200);
	trace_free(&f);
	/* Another format over the cap is refused by its size. */
	o.format = NR_FORMAT_TEXT;
	trace g = { 0 };
	ck_assert_int_eq(nr_read_file(path, &o, collect, &g), NR_ETOOBIG);
	ck_assert_uint_eq(g.items, 1);
	ck_assert_ptr_nonnull(strstr(trace_text(&g), "msg=file is 4500 bytes, over the 100-byte"));
	trace_free(&g);
	unlink(path);
}
END_TEST

Suite *reader_push_suite(void)
{
	Suite *s = suite_create("reader_push");
	TCase *tc = tcase_create("push");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, every_fixture_any_chunking, 0, sizeof(inputs) / sizeof(inputs[0]));
	tcase_add_loop_test(tc, edge_inputs_any_chunking, 0, sizeof(edges) / sizeof(edges[0]));
	tcase_add_test(tc, records_leave_from_push);
	tcase_add_test(tc, oversize_record_then_next);
	tcase_add_test(tc, stream_larger_than_cap);
	tcase_add_test(tc, rs_framing);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, fd_and_file);
	suite_add_tcase(s, tc);
	return s;
}
