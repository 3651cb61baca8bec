/*
 * check_concurrency.c - several threads, each with its own scanner over one
 * shared rule set (and its lexicons), reading HTML, NITF, feeds, JSON Lines
 * and text at the same time, from the first read of the process on (the
 * readers' and segmenter's one-time setup races here if anywhere). Half
 * the threads read through push readers (nr_reader_push in chunks of
 * changing sizes, one reader per thread), the others whole buffers, then
 * the other way round. Every
 * thread must get exactly the alerts one thread alone gets. CI runs this
 * suite under ThreadSanitizer too (.ci/run), where a data race fails it.
 */
#include "testutil.h"

#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4
#define ROUNDS 2

static const char *const files[] = {
	"reader_html/realistic.html",
	"reader_html/latin1.html",
	"reader_nitf/plain.nitf",
	"reader_feed/wordpress.rss",
	"reader_feed/xhtml.atom",
	"reader_jsonl/mixed.jsonl",
	"read/latin1-story.txt",
	"../../examples/articles/voa-haqqani.txt",
	"../../examples/articles/story.nitf.xml",
};
#define NFILES (sizeof(files) / sizeof(files[0]))

/* Every primitive a rule can reach: regexes, lexicons, entities, quotes,
 * statements, keywords. */
static const char RULE[] =
    "local said = news.regex([[\\b(?:said|says|told)\\b]], 'i')\n"
    "local countries = news.lexicon('countries')\n"
    "rule { id = 'everything', title = 'Everything', severity = 'low',\n"
    "  match = function(a)\n"
    "    for s in a:sentences() do\n"
    "      if said:find(s.text) and s:has(countries) then\n"
    "        a:alert{ message = 'said', evidence = s }\n"
    "      end\n"
    "    end\n"
    "    for q in a:quotes() do a:alert{ message = 'q ' .. (q.speaker_name or '?'), evidence = q } "
    "end\n"
    "    for e in a:entities('person') do a:alert{ message = 'p ' .. e.name, evidence = e } end\n"
    "    for st in a:statements() do a:alert{ message = 's ' .. st.act, evidence = st.sentence } "
    "end\n"
    "  end }\n";

static char *inputs[NFILES];
static size_t input_len[NFILES];
static nr_ruleset *rs;

static void load_inputs(void)
{
	for (size_t i = 0; i < NFILES; i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/%s", NR_FIXTURES, files[i]);
		FILE *f = fopen(path, "rb");
		ck_assert_msg(f != NULL, "%s", path);
		fseek(f, 0, SEEK_END);
		long n = ftell(f);
		fseek(f, 0, SEEK_SET);
		inputs[i] = malloc((size_t)n + 1);
		ck_assert_ptr_nonnull(inputs[i]);
		ck_assert_uint_eq(fread(inputs[i], 1, (size_t)n, f), (size_t)n);
		input_len[i] = (size_t)n;
		fclose(f);
	}
}

/* What the alerts of one input were: their count and a hash of their JSON. */
typedef struct digest {
	size_t alerts, articles;
	uint64_t hash;
} digest;

typedef struct worker {
	pthread_barrier_t *start;
	size_t first; /* the input it starts with */
	int push;     /* 1: push readers in the first round, buffers in the second */
	nr_scanner *sc;
	int rc;
	digest d[NFILES];
	digest *cur;
} worker;

static int on_alert(const nr_alert *al, void *payload)
{
	digest *d = payload;
	char *js = NULL;
	if (nr_alert_to_json(al, &js) != NR_OK)
		return 1;
	for (const char *p = js; *p; p++)
		d->hash = (d->hash ^ (unsigned char)*p) * 1099511628211ull;
	d->alerts++;
	nr_free(js);
	return 0;
}

static int on_item(const nr_read_item *item, void *payload)
{
	worker *w = payload;
	if (!item->article)
		return 0;
	w->cur->articles++;
	if (nr_scanner_scan(w->sc, item->article, on_alert, w->cur) != NR_OK)
		w->rc = 1;
	nr_article_free(item->article);
	return 0;
}

/* An input through a push reader, in chunks of 1 to 997 bytes. */
static void push_all(worker *w, size_t i, const nr_read_options *o)
{
	nr_reader *r;
	if (nr_reader_new(&r, o, on_item, w) != NR_OK) {
		w->rc = 4;
		return;
	}
	size_t step = 1 + (i * 389 + w->first * 53) % 997;
	for (size_t pos = 0; pos < input_len[i]; pos += step) {
		size_t n = input_len[i] - pos < step ? input_len[i] - pos : step;
		if (nr_reader_push(r, inputs[i] + pos, n) != NR_OK)
			w->rc = 4;
	}
	nr_reader_finish(r);
	nr_reader_free(r);
}

/* Every input once, from `first` on; the digests of the first round. */
static void scan_all(worker *w, size_t first, int round)
{
	for (size_t k = 0; k < NFILES; k++) {
		size_t i = (first + k) % NFILES;
		digest d = { 0, 0, 14695981039346656037ull };
		w->cur = &d;
		nr_read_options o = NR_READ_OPTIONS_INIT;
		o.name = files[i];
		if ((w->push + round) % 2)
			push_all(w, i, &o);
		else
			nr_read_buffer(inputs[i], input_len[i], &o, on_item, w);
		if (round == 0)
			w->d[i] = d;
		else if (d.hash != w->d[i].hash || d.alerts != w->d[i].alerts)
			w->rc = 2; /* a scanner gave something else the second time */
	}
}

static void *work(void *arg)
{
	worker *w = arg;
	if (w->start)
		pthread_barrier_wait(w->start);
	/* Scanners made at once on the one set, then, every one of them
	 * alive, reading and scanning at once. */
	if (nr_scanner_new(&w->sc, rs, NULL) != NR_OK)
		w->rc = 3;
	if (w->start)
		pthread_barrier_wait(w->start);
	if (w->rc)
		return NULL;
	for (int r = 0; r < ROUNDS; r++)
		scan_all(w, w->first, r);
	nr_scanner_free(w->sc);
	return NULL;
}

START_TEST(scanners_share_a_ruleset)
{
	load_inputs();
	ck_assert_int_eq(nr_ruleset_new(&rs, NULL), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_path(rs, NR_FIXTURES "/../../rules"), NR_OK);
	ck_assert_int_eq(nr_ruleset_add_string(rs, "everything.lua", RULE, strlen(RULE)), NR_OK);
	/* The threads first: nothing in the process has read or analysed yet. */
	pthread_barrier_t start;
	ck_assert_int_eq(pthread_barrier_init(&start, NULL, THREADS), 0);
	pthread_t th[THREADS];
	static worker w[THREADS];
	for (int i = 0; i < THREADS; i++) {
		w[i] = (worker){ .start = &start, .first = (size_t)i * 2 % NFILES, .push = i % 2 };
		ck_assert_int_eq(pthread_create(&th[i], NULL, work, &w[i]), 0);
	}
	for (int i = 0; i < THREADS; i++)
		pthread_join(th[i], NULL);
	pthread_barrier_destroy(&start);
	/* Then one thread alone. */
	worker alone = { .start = NULL, .first = 0 };
	work(&alone);
	ck_assert_int_eq(alone.rc, 0);
	size_t total = 0;
	for (size_t i = 0; i < NFILES; i++) {
		ck_assert_msg(alone.d[i].articles > 0, "%s read", files[i]);
		total += alone.d[i].alerts;
	}
	ck_assert_uint_gt(total, 20);
	for (int t = 0; t < THREADS; t++) {
		ck_assert_int_eq(w[t].rc, 0);
		for (size_t i = 0; i < NFILES; i++) {
			ck_assert_msg(w[t].d[i].alerts == alone.d[i].alerts &&
					  w[t].d[i].hash == alone.d[i].hash,
				      "thread %d, %s: %zu alerts, alone %zu", t, files[i],
				      w[t].d[i].alerts, alone.d[i].alerts);
		}
	}
	nr_ruleset_free(rs);
	for (size_t i = 0; i < NFILES; i++)
		free(inputs[i]);
}
END_TEST

Suite *concurrency_suite(void)
{
	Suite *s = suite_create("concurrency");
	TCase *tc = tcase_create("core");
	/* Four scanners starting at once; slower under ThreadSanitizer. */
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, scanners_share_a_ruleset);
	suite_add_tcase(s, tc);
	return s;
}
