/*
 * bench_dedup.c - how far apart the near-duplicate fingerprints of the
 * same story and of different stories are, to choose and defend the
 * threshold `watch` uses (docs/watch.md), and what a fingerprint costs.
 *
 *   newsrules-bench-dedup [-v] [-k K] DIR|FILE...
 *
 * Different stories: every pair of inputs whose bodies differ (the exact
 * hash apart), both with at least NR_FINGERPRINT_MIN_SHINGLES shingles:
 * the share whose estimated containment reaches each threshold (-v lists
 * the pairs at or above T - 0.2, to read whether they are the same story
 * after all). Same story: each input rewritten as another outlet would run
 * it, one edit at a time:
 *   trim     its last third of paragraphs cut (at least one);
 *   brief    only its first third of paragraphs kept (at least one);
 *   relead   its first paragraph replaced by another article's;
 *   tail     another article's first paragraph appended (furniture);
 *   edit     one word in twenty replaced;
 *   mixed    trim + relead + edit together;
 * and the share of rewrites whose containment in the original reaches
 * each threshold. The summary line gives them at T (-t, default
 * NR_FINGERPRINT_NEAR):
 *
 *   bench-dedup: articles=... pairs=... t=... false_pairs=... trim=... ...
 *
 * With -s N, also the cost of watch's store (cli/dedup.c) on a file in
 * /tmp: N unrelated fingerprints first (random signatures: a window of N
 * stories), then every input recorded, with an alert each, in one
 * transaction per article as watch does:
 *
 *   bench-dedup-store: window=N articles=... us_article=... duplicates=...
 */
#include "newsrules.h"
#include "inputs.h"
#include "dedup.h"

#include <sqlite3.h>
#include <unistd.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROG "newsrules-bench-dedup"

typedef struct story {
	char *name;
	char *body; /* malloc'd copy of the text */
	size_t len;
	nr_span *paras;
	size_t npara;
	nr_fingerprint fp;
} story;

typedef struct corpus {
	story *v;
	size_t n, cap;
	const char *name; /* of the input being read */
} corpus;

static void die(const char *what) { bench_die(PROG, what); }

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		die("out of memory");
	return p;
}

static int on_item(const nr_read_item *item, void *payload)
{
	corpus *c = payload;
	if (!item->article)
		return 0;
	nr_article *a = item->article;
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 256;
		c->v = realloc(c->v, c->cap * sizeof *c->v);
		if (!c->v)
			die("out of memory");
	}
	story *s = &c->v[c->n++];
	const char *text = nr_article_text(a, &s->len);
	s->body = xmalloc(s->len + 1);
	memcpy(s->body, text, s->len);
	s->body[s->len] = 0;
	s->npara = nr_article_paragraph_count(a);
	s->paras = xmalloc(s->npara * sizeof *s->paras);
	for (size_t i = 0; i < s->npara; i++)
		s->paras[i] = nr_article_paragraph(a, i);
	s->name = strdup(item->source ? item->source : "?");
	nr_article_fingerprint(a, &s->fp);
	nr_article_free(a);
	return 0;
}

/* The text of paragraphs [from, to) of s, each followed by a blank line. */
static void put_paras(char **buf, size_t *len, size_t *cap, const story *s, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < s->npara; i++) {
		size_t n = s->paras[i].end - s->paras[i].start;
		if (*len + n + 3 > *cap) {
			*cap = (*len + n + 3) * 2;
			*buf = realloc(*buf, *cap);
			if (!*buf)
				die("out of memory");
		}
		memcpy(*buf + *len, s->body + s->paras[i].start, n);
		*len += n;
		memcpy(*buf + *len, "\n\n", 2);
		*len += 2;
	}
}

/* One word in twenty replaced by "xx" (words: runs of letters). */
static void edit_words(char *buf, size_t len)
{
	size_t word = 0;
	for (size_t i = 0; i < len;) {
		if (!((buf[i] | 32) >= 'a' && (buf[i] | 32) <= 'z')) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < len && (buf[j] | 32) >= 'a' && (buf[j] | 32) <= 'z')
			j++;
		if (++word % 20 == 0 && j - i >= 2) {
			buf[i] = buf[i + 1] = 'x';
			memmove(buf + i + 2, buf + j, len - j);
			memset(buf + len - (j - i - 2), ' ', j - i - 2);
		}
		i = i + 2 <= j ? i + 2 : j;
	}
}

enum { V_TRIM, V_BRIEF, V_RELEAD, V_TAIL, V_EDIT, V_MIXED, NVARIANTS };
static const char *const variant_names[NVARIANTS] = { "trim", "brief", "relead",
						      "tail", "edit",  "mixed" };

/* Rewrite story s (other: the article lending a paragraph) as variant v
 * and return its containment in s, or -1 when the rewrite is too short. */
static double variant_containment(const story *s, const story *other, int v)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	size_t keep = s->npara - (s->npara >= 3 ? s->npara / 3 : 1);
	bool relead = v == V_RELEAD || v == V_MIXED;
	if (relead)
		put_paras(&buf, &len, &cap, other, 0, 1);
	size_t brief = s->npara / 3 ? s->npara / 3 : 1;
	put_paras(&buf, &len, &cap, s, relead ? 1 : 0,
		  v == V_TRIM || v == V_MIXED ? keep
		  : v == V_BRIEF              ? brief
					      : s->npara);
	if (v == V_TAIL)
		put_paras(&buf, &len, &cap, other, 0, 1);
	if (v == V_EDIT || v == V_MIXED)
		edit_words(buf, len);
	nr_article *a = NULL;
	double d = -1;
	if (buf && nr_article_from_text(&a, buf, len, NULL) == NR_OK) {
		nr_fingerprint fp;
		nr_article_fingerprint(a, &fp);
		if (fp.shingles >= NR_FINGERPRINT_MIN_SHINGLES)
			d = nr_fingerprint_near(&fp, &s->fp, 0.01)
				? nr_fingerprint_containment(&fp, &s->fp)
				: 0.0;
		nr_article_free(a);
	}
	free(buf);
	return d;
}

/* Counts of values at or above each tenth: at[k] counts v >= k / 10. */
typedef struct tenths {
	unsigned long at[11];
	unsigned long n;
} tenths;

static void tenths_add(tenths *t, double v)
{
	t->n++;
	for (unsigned k = 0; k <= 10; k++)
		if (v + 1e-9 >= k / 10.0)
			t->at[k]++;
}

static double tenths_share(const tenths *t, double th)
{
	unsigned k = (unsigned)(th * 10.0 + 0.5);
	return t->n ? (double)t->at[k > 10 ? 10 : k] / (double)t->n : 0.0;
}

static void print_tenths(const char *what, const tenths *t)
{
	printf("%-9s n=%-8lu", what, t->n);
	for (unsigned k = 3; k <= 9; k++)
		printf(" >=0.%u: %.4f", k, tenths_share(t, k / 10.0));
	printf("\n");
}

static void different_stories(const corpus *c, bool verbose, double th, tenths *t)
{
	for (size_t i = 0; i < c->n; i++) {
		const story *a = &c->v[i];
		if (a->fp.shingles < NR_FINGERPRINT_MIN_SHINGLES)
			continue;
		for (size_t j = i + 1; j < c->n; j++) {
			const story *b = &c->v[j];
			if (b->fp.shingles < NR_FINGERPRINT_MIN_SHINGLES ||
			    a->fp.exact == b->fp.exact)
				continue;
			double d = nr_fingerprint_near(&a->fp, &b->fp, 0.01)
				       ? nr_fingerprint_containment(&a->fp, &b->fp)
				       : 0.0;
			tenths_add(t, d);
			if (verbose && d >= th - 0.2)
				printf("near %.2f: %s %s\n", d, a->name, b->name);
		}
	}
}

static uint64_t rnd_state = 0x853c49e6748fea9bull;
static uint32_t rnd32(void)
{
	rnd_state = rnd_state * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(rnd_state >> 32);
}

static void store_exec(sqlite3 *db, const char *sql)
{
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(db));
}

/* watch's store: `window` random stories, then every input, timed. */
static void store_bench(const corpus *c, unsigned long window, bool per_article)
{
	char path[] = "/tmp/nr-bench-dedup.XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		die("cannot create a file in /tmp");
	close(fd);
	sqlite3 *db;
	dedup *d;
	char *err = NULL;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die("cannot open the store");
	store_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
	if (!dedup_open(&d, db, NULL, &err))
		die(err);
	dedup_alert al = { "rule", "actor", "target" };
	bool keep;
	dedup_verdict v;
	char key[64];
	store_exec(db, "BEGIN");
	for (unsigned long i = 0; i < window; i++) {
		nr_fingerprint fp;
		fp.exact = ((uint64_t)rnd32() << 32 | rnd32()) | 1;
		fp.shingles = 400;
		for (unsigned k = 0; k < NR_FINGERPRINT_HASHES; k++)
			fp.minhash[k] = rnd32();
		snprintf(key, sizeof key, "filler/%lu", i);
		if (!dedup_article(d, key, NULL, &fp, 0, &al, 1, &keep, &v, &err))
			die(err);
	}
	store_exec(db, "COMMIT");
	size_t dups = 0;
	double t0 = bench_cpu_seconds();
	if (!per_article)
		store_exec(db, "BEGIN");
	for (size_t i = 0; i < c->n; i++) {
		if (per_article)
			store_exec(db, "BEGIN");
		if (!dedup_article(d, c->v[i].name, NULL, &c->v[i].fp, 1, &al, 1, &keep, &v, &err))
			die(err);
		if (per_article)
			store_exec(db, "COMMIT");
		dups += v.duplicate;
	}
	if (!per_article)
		store_exec(db, "COMMIT");
	double t = bench_cpu_seconds() - t0;
	printf("bench-dedup-store: window=%lu articles=%zu us_article=%.1f duplicates=%zu\n",
	       window, c->n, c->n ? t * 1e6 / (double)c->n : 0.0, dups);
	dedup_close(d);
	sqlite3_close(db);
	unlink(path);
	char side[sizeof path + 8];
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: " PROG " [-v] [-k K] DIR|FILE...\n"
		"\n"
		"Distances between the near-duplicate fingerprints of different\n"
		"stories and of rewrites of the same story; what one costs.\n"
		"\n"
		"  -t T   the containment threshold the summary reports (default %.2f)\n"
		"  -v     list the pairs of different inputs at or above T - 0.2\n",
		NR_FINGERPRINT_NEAR);
}

int main(int argc, char **argv)
{
	bool verbose = false;
	double th = NR_FINGERPRINT_NEAR;
	long store = -1;
	int opt;
	while ((opt = getopt(argc, argv, "vt:s:h")) != -1) {
		if (opt == 'v')
			verbose = true;
		else if (opt == 't')
			th = atof(optarg);
		else if (opt == 's')
			store = atol(optarg);
		else {
			usage(opt == 'h' ? stdout : stderr);
			return opt == 'h' ? 0 : 2;
		}
	}
	if (optind >= argc || th <= 0.0 || th > 1.0) {
		usage(stderr);
		return 2;
	}
	inputs in = { 0 };
	inputs_load(&in, PROG, argv + optind, argc - optind);
	corpus c = { 0 };
	nr_read_options ro = NR_READ_OPTIONS_INIT;
	double t0 = bench_cpu_seconds();
	inputs_read(&in, &ro, on_item, &c);
	double t_read = bench_cpu_seconds() - t0;

	/* The cost of a fingerprint alone: each body again, 5 times. */
	nr_article **arts = xmalloc(c.n * sizeof *arts);
	size_t nart = 0;
	for (size_t i = 0; i < c.n; i++)
		if (nr_article_from_text(&arts[nart], c.v[i].body, c.v[i].len, NULL) == NR_OK)
			nart++;
	t0 = bench_cpu_seconds();
	volatile uint32_t sink = 0;
	for (int r = 0; r < 5; r++)
		for (size_t i = 0; i < nart; i++) {
			nr_fingerprint fp;
			nr_article_fingerprint(arts[i], &fp);
			sink ^= fp.minhash[0];
		}
	double t_fp = (bench_cpu_seconds() - t0) / 5.0;
	for (size_t i = 0; i < nart; i++)
		nr_article_free(arts[i]);
	free(arts);

	tenths diff = { { 0 }, 0 };
	different_stories(&c, verbose, th, &diff);
	print_tenths("different", &diff);

	tenths vt[NVARIANTS];
	memset(vt, 0, sizeof vt);
	for (size_t i = 0; i < c.n; i++) {
		if (c.v[i].fp.shingles < NR_FINGERPRINT_MIN_SHINGLES || c.v[i].npara < 2)
			continue;
		const story *other = &c.v[(i + c.n / 2) % c.n];
		for (int v = 0; v < NVARIANTS; v++) {
			double d = variant_containment(&c.v[i], other, v);
			if (d >= 0)
				tenths_add(&vt[v], d);
		}
	}
	for (int v = 0; v < NVARIANTS; v++)
		print_tenths(variant_names[v], &vt[v]);
	printf("fingerprint: %.1f us/article (read+segment %.1f us/article)\n",
	       nart ? t_fp * 1e6 / (double)nart : 0.0, c.n ? t_read * 1e6 / (double)c.n : 0.0);
	printf("bench-dedup: articles=%zu pairs=%lu t=%.2f false_pairs=%lu", c.n, diff.n, th,
	       (unsigned long)(tenths_share(&diff, th) * (double)diff.n + 0.5));
	for (int v = 0; v < NVARIANTS; v++)
		printf(" %s=%.4f", variant_names[v], tenths_share(&vt[v], th));
	printf("\n");
	if (store >= 0) {
		store_bench(&c, (unsigned long)store, true);
		store_bench(&c, (unsigned long)store, false);
	}
	for (size_t i = 0; i < c.n; i++) {
		free(c.v[i].name);
		free(c.v[i].body);
		free(c.v[i].paras);
	}
	free(c.v);
	inputs_free(&in);
	return 0;
}
