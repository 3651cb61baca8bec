/*
 * bench_prefilter.c - the keyword pass against the memmem search it
 * replaced, for a generated rule set of any size.
 *
 *   newsrules-bench-prefilter [-R RULES] [-k KEYWORDS] [-n N] DIR|FILE...
 *
 * The inputs are read into articles first. RULES rules (default 1000) of
 * KEYWORDS keywords each (default 6) are made from the articles' own words
 * of four letters or more, a third of them cut to a stem, picked with a
 * fixed seed: analyst-style keywords with realistic hit rates. Printed:
 * the automaton's size and build time, then the CPU time of N passes
 * (default 3) over every article deciding which rules run, by the pass and
 * by lowercase + memmem per keyword per rule, and that both decided the
 * same. The last line sums it up:
 *
 *   bench-prefilter: rules=... keywords=... patterns=... states=...
 *                    bytes=... build_ms=... pass_mb_s=... memmem_mb_s=...
 */
#include "newsrules.h"
#include "inputs.h"
#include "rules/prefilter.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PROG "newsrules-bench-prefilter"

typedef struct corpus {
	nr_article **v;
	size_t n, cap;
	size_t bytes;
} corpus;

static int keep_article(const nr_read_item *item, void *payload)
{
	corpus *c = payload;
	if (!item->article)
		return 0;
	if (c->n == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 256;
		c->v = realloc(c->v, c->cap * sizeof(*c->v));
		if (!c->v)
			bench_die(PROG, "out of memory");
	}
	size_t len;
	nr_article_text(item->article, &len);
	c->bytes += len + strlen(nr_article_title(item->article)) + 1;
	c->v[c->n++] = item->article;
	return 0;
}

static unsigned long next_rand(unsigned long *seed)
{
	*seed = *seed * 6364136223846793005ul + 1442695040888963407ul;
	return *seed >> 33;
}

/* Words of 4+ ASCII letters from the texts, lowercased, in a buffer of
 * NUL-separated strings (repeats kept: frequent words are picked more). */
static nr_buf corpus_words(const corpus *c, size_t *n)
{
	nr_buf w = NR_BUF_INIT;
	*n = 0;
	for (size_t a = 0; a < c->n; a++) {
		size_t len, i = 0;
		const char *t = nr_article_text(c->v[a], &len);
		while (i < len) {
			size_t j = i;
			while (j < len && ((t[j] | 32) >= 'a' && (t[j] | 32) <= 'z'))
				j++;
			if (j - i >= 4) {
				for (size_t k = i; k < j; k++)
					nr_buf__putc(&w, (char)(t[k] | 32));
				nr_buf__putc(&w, '\0');
				++*n;
			}
			i = j + 1;
		}
	}
	return w;
}

/* The generated rule file. */
static char *make_rules(const corpus *c, unsigned long nrules, unsigned long nkw)
{
	size_t nwords;
	nr_buf words = corpus_words(c, &nwords);
	if (!nwords)
		bench_die(PROG, "no words in the inputs");
	const char **index = malloc(nwords * sizeof(*index));
	size_t k = 0;
	for (size_t i = 0; i < words.len; i += strlen(words.data + i) + 1)
		index[k++] = words.data + i;
	nr_buf src = NR_BUF_INIT;
	unsigned long seed = 42;
	for (unsigned long r = 0; r < nrules; r++) {
		nr_buf__printf(
		    &src, "rule { id = 'g%lu', title = 'g', severity = 'low', keywords = {", r);
		for (unsigned long j = 0; j < nkw; j++) {
			const char *w = index[next_rand(&seed) % nwords];
			size_t len = strlen(w);
			if (next_rand(&seed) % 3 == 0 && len > 5)
				len -= 1 + next_rand(&seed) % 2; /* a stem */
			nr_buf__printf(&src, "%s'%.*s'", j ? ", " : " ", (int)len, w);
		}
		nr_buf__puts(&src, " }, match = function() end }\n");
	}
	free(index);
	nr_buf__free(&words);
	return src.data;
}

/* CPU seconds of n passes deciding which rules run; *runs counts them. */
static double time_passes(const corpus *c, const nr_ruleset *rs, const nr_prefilter *pf,
			  bool reference, unsigned long n, unsigned long *runs)
{
	nr_kwscan ks;
	nr_kwscan__init(&ks, pf);
	nr_buf lower = NR_BUF_INIT;
	*runs = 0;
	double t0 = bench_cpu_seconds();
	for (unsigned long p = 0; p < n; p++)
		for (size_t a = 0; a < c->n; a++) {
			size_t len;
			const char *text = nr_article_text(c->v[a], &len);
			const char *title = nr_article_title(c->v[a]);
			if (reference)
				nr_prefilter__lower(&lower, title, strlen(title), text, len);
			else
				nr_kwscan__run(&ks, title, strlen(title), text, len);
			for (size_t r = 0; r < rs->nrules; r++)
				*runs += reference
					     ? nr_prefilter__reference_hit(&rs->rules[r], &lower)
					     : nr_kwscan__rule_hit(&ks, r);
		}
	double t = bench_cpu_seconds() - t0;
	nr_buf__free(&lower);
	nr_kwscan__free(&ks);
	return t;
}

int main(int argc, char **argv)
{
	unsigned long nrules = 1000, nkw = 6, repeat = 3;
	int opt;
	while ((opt = getopt(argc, argv, "R:k:n:h")) != -1) {
		if (opt == 'R')
			nrules = strtoul(optarg, NULL, 10);
		else if (opt == 'k')
			nkw = strtoul(optarg, NULL, 10);
		else if (opt == 'n' && !bench_parse_repeat(PROG, optarg, &repeat))
			return 2;
		else if (opt != 'n') {
			fprintf(opt == 'h' ? stdout : stderr,
				"usage: " PROG " [-R RULES] [-k KEYWORDS] [-n N] DIR|FILE...\n");
			return opt == 'h' ? 0 : 2;
		}
	}
	if (optind >= argc || !nrules || !nkw || nkw > 256)
		bench_die(PROG, "give files or directories; RULES >= 1, 1 <= KEYWORDS <= 256");
	inputs in;
	inputs_load(&in, PROG, argv + optind, argc - optind);
	corpus c = { 0 };
	nr_read_options ro = NR_READ_OPTIONS_INIT;
	inputs_read(&in, &ro, keep_article, &c);
	char *src = make_rules(&c, nrules, nkw);
	nr_ruleset *rs;
	if (nr_ruleset_new(&rs, NULL) || nr_ruleset_add_string(rs, "gen.lua", src, strlen(src)))
		bench_die(PROG, "the generated rules did not load");
	const nr_prefilter *pf = nr_prefilter__get(rs);
	if (!pf)
		bench_die(PROG, "out of memory building the automaton");
	unsigned long runs_pass, runs_ref;
	double t_pass = time_passes(&c, rs, pf, false, repeat, &runs_pass);
	double t_ref = time_passes(&c, rs, pf, true, repeat, &runs_ref);
	double mb = (double)c.bytes * (double)repeat / 1e6;
	printf("%zu articles, %.1f MB; %lu rules x %lu keywords\n", c.n, c.bytes / 1e6, nrules,
	       nkw);
	printf("automaton: %zu patterns, %zu states, %zu byte classes, %zu bytes, built in "
	       "%.2f ms\n",
	       pf->npat, nr_acm__states(pf->acm), nr_acm__classes(pf->acm), pf->bytes,
	       pf->build_ns / 1e6);
	printf("pass:   %.3f s CPU, %.1f MB/s; memmem: %.3f s CPU, %.1f MB/s; rule runs %lu "
	       "vs %lu (%s)\n",
	       t_pass, mb / t_pass, t_ref, mb / t_ref, runs_pass, runs_ref,
	       runs_pass == runs_ref ? "same" : "DIFFERENT");
	printf("bench-prefilter: rules=%lu keywords=%lu patterns=%zu states=%zu bytes=%zu "
	       "build_ms=%.2f pass_mb_s=%.1f memmem_mb_s=%.1f\n",
	       nrules, nkw, pf->npat, nr_acm__states(pf->acm), pf->bytes, pf->build_ns / 1e6,
	       mb / t_pass, mb / t_ref);
	for (size_t i = 0; i < c.n; i++)
		nr_article_free(c.v[i]);
	free(c.v);
	free(src);
	nr_ruleset_free(rs);
	inputs_free(&in);
	return runs_pass == runs_ref ? 0 : 1;
}
