#define _GNU_SOURCE /* memmem */
/*
 * prefilter.c - the rule set's keywords in one automaton, and the pass a
 * scanner makes with it over each article.
 *
 * Keywords are kept lowercased (declare.c), so equal strings are equal
 * patterns; the automaton folds ASCII in the text, which gives what
 * lowercasing the text and memmem() gave, the reference kept below.
 * A pattern stands for every keyword, in any rule, spelled that way.
 */
#include "rules/prefilter.h"

#include <stdlib.h>
#include <string.h>

/* ---- building ----------------------------------------------------------- */

typedef struct kw_entry {
	const char *s;
	uint32_t kw;
} kw_entry;

static int entry_cmp(const void *a, const void *b)
{
	const kw_entry *x = a, *y = b;
	int c = strcmp(x->s, y->s);
	return c ? c : (x->kw > y->kw) - (x->kw < y->kw);
}

void nr_prefilter__free(nr_prefilter *pf)
{
	if (!pf)
		return;
	nr_acm__free(pf->acm);
	pcre2_code_free(pf->word_boundary);
	free(pf->pat_first);
	free(pf->kw_of);
	free(pf->kw_pat);
	free(pf->kw_rule);
	free(pf->rule_first);
	free(pf->kw_dup);
	free(pf);
}

/* Keyword numbers rule by rule, and each keyword's entry. */
static bool number_keywords(nr_prefilter *pf, const nr_ruleset *rs, kw_entry *e)
{
	uint32_t k = 0;
	for (size_t r = 0; r < rs->nrules; r++) {
		pf->rule_first[r] = k;
		for (size_t i = 0; i < rs->rules[r].nkeywords; i++, k++) {
			e[k].s = rs->rules[r].keywords[i];
			e[k].kw = k;
			pf->kw_rule[k] = (uint32_t)r;
		}
	}
	pf->rule_first[rs->nrules] = k;
	qsort(e, pf->nkw, sizeof(*e), entry_cmp);
	return true;
}

/* Patterns from the sorted entries (equal strings next to each other, by
 * keyword number), then the automaton over them. */
static bool make_patterns(nr_prefilter *pf, const kw_entry *e)
{
	const char **pats = malloc((pf->nkw ? pf->nkw : 1) * sizeof(*pats));
	size_t *lens = malloc((pf->nkw ? pf->nkw : 1) * sizeof(*lens));
	bool ok = pats && lens;
	for (size_t i = 0; ok && i < pf->nkw; i++) {
		if (i == 0 || strcmp(e[i].s, e[i - 1].s)) {
			pats[pf->npat] = e[i].s;
			lens[pf->npat] = strlen(e[i].s);
			pf->pat_first[pf->npat++] = (uint32_t)i;
		}
		pf->kw_of[i] = e[i].kw;
		pf->kw_pat[e[i].kw] = (uint32_t)(pf->npat - 1);
		/* a rule's keywords are numbered in a row: its spellings of
		 * one pattern are next to each other, the first one first */
		pf->kw_dup[e[i].kw] = i > 0 && !strcmp(e[i].s, e[i - 1].s) &&
				      pf->kw_rule[e[i].kw] == pf->kw_rule[e[i - 1].kw];
	}
	if (ok) {
		pf->pat_first[pf->npat] = (uint32_t)pf->nkw;
		pf->acm = nr_acm__new(pats, lens, pf->npat);
		ok = pf->acm != NULL;
	}
	free(pats);
	free(lens);
	return ok;
}

static nr_prefilter *build(const nr_ruleset *rs)
{
	int64_t t0 = nr__now_ns();
	nr_prefilter *pf = calloc(1, sizeof(*pf));
	if (!pf)
		return NULL;
	pf->nrules = rs->nrules;
	for (size_t r = 0; r < rs->nrules; r++)
		pf->nkw += rs->rules[r].nkeywords;
	size_t nk = pf->nkw ? pf->nkw : 1;
	kw_entry *e = malloc(nk * sizeof(*e));
	pf->pat_first = malloc((nk + 1) * sizeof(uint32_t));
	pf->kw_of = malloc(nk * sizeof(uint32_t));
	pf->kw_pat = malloc(nk * sizeof(uint32_t));
	pf->kw_rule = malloc(nk * sizeof(uint32_t));
	pf->rule_first = malloc((rs->nrules + 1) * sizeof(uint32_t));
	pf->kw_dup = malloc(nk * sizeof(*pf->kw_dup));
	if (!e || !pf->kw_dup || !pf->pat_first || !pf->kw_of || !pf->kw_pat || !pf->kw_rule ||
	    !pf->rule_first || pf->nkw >= UINT32_MAX || !number_keywords(pf, rs, e) ||
	    !make_patterns(pf, e)) {
		free(e);
		nr_prefilter__free(pf);
		return NULL;
	}
	free(e);
	/* the options regex.c compiles every news.regex with */
	int err;
	PCRE2_SIZE off;
	pf->word_boundary = pcre2_compile((PCRE2_SPTR) "\\b", 2,
					  PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &err,
					  &off, NULL);
	if (!pf->word_boundary) {
		nr_prefilter__free(pf);
		return NULL;
	}
	pf->bytes = sizeof(*pf) + nr_acm__size(pf->acm) + (pf->npat + 1 + 3 * pf->nkw) * 4 +
		    pf->nkw + (rs->nrules + 1) * 4;
	pf->build_ns = (uint64_t)(nr__now_ns() - t0);
	return pf;
}

const nr_prefilter *nr_prefilter__get(const nr_ruleset *rs)
{
	nr_ruleset *set = (nr_ruleset *)rs; /* the one pointer a scanner writes */
	nr_prefilter *pf = atomic_load(&set->prefilter);
	if (pf)
		return pf;
	pf = build(rs);
	if (!pf)
		return NULL;
	nr_prefilter *none = NULL;
	if (!atomic_compare_exchange_strong(&set->prefilter, &none, pf)) {
		nr_prefilter__free(pf); /* another scanner's came first */
		return none;
	}
	return pf;
}

/* ---- the pass ---------------------------------------------------------- */

void nr_kwscan__init(nr_kwscan *ks, const nr_prefilter *pf)
{
	memset(ks, 0, sizeof(*ks));
	ks->pf = pf;
	ks->rules = calloc(pf->nrules / 64 + 1, sizeof(*ks->rules));
	ks->seen = calloc(pf->npat ? pf->npat : 1, sizeof(*ks->seen));
	ks->oom = !ks->rules || !ks->seen;
}

void nr_kwscan__free(nr_kwscan *ks)
{
	free(ks->rules);
	free(ks->seen);
	free(ks->hits);
	free(ks->by_pat_first);
	free(ks->by_pat);
	memset(ks, 0, sizeof(*ks));
}

static void keep_hit(nr_kwscan *ks, uint32_t pat, size_t start)
{
	if (ks->nhits == ks->max_hits || start - ks->title_len - 1 >= UINT32_MAX) {
		ks->overflow = true;
		return;
	}
	if (ks->nhits == ks->cap_hits &&
	    !nr__grow((void **)&ks->hits, &ks->cap_hits, sizeof(*ks->hits), 64)) {
		ks->overflow = true; /* found again when a rule asks */
		return;
	}
	ks->hits[ks->nhits].start = (uint32_t)(start - ks->title_len - 1);
	ks->hits[ks->nhits++].pat = pat;
}

static void on_hit(void *ud, uint32_t pat, size_t end)
{
	nr_kwscan *ks = ud;
	const nr_prefilter *pf = ks->pf;
	if (ks->seen[pat] != ks->pass) {
		ks->seen[pat] = ks->pass;
		for (uint32_t i = pf->pat_first[pat]; i < pf->pat_first[pat + 1]; i++) {
			uint32_t r = pf->kw_rule[pf->kw_of[i]];
			ks->rules[r / 64] |= 1ull << (r % 64);
		}
	}
	size_t start = end - nr_acm__length(pf->acm, pat);
	if (start > ks->title_len && !ks->overflow)
		keep_hit(ks, pat, start);
}

void nr_kwscan__run(nr_kwscan *ks, const char *title, size_t tlen, const char *text, size_t len)
{
	const nr_prefilter *pf = ks->pf;
	ks->nhits = 0;
	ks->overflow = false;
	ks->grouped = false;
	ks->title_len = tlen;
	/* the hit buffers (16 bytes a hit with the grouping) stay within the
	 * text's size, the old lowercased copy's: the pack finds one hit in
	 * 300 bytes of news, and more are found again when asked for */
	ks->max_hits = 4096 + len / 16;
	ks->text = text;
	ks->text_len = len;
	if (ks->oom || !pf->npat)
		return;
	if (++ks->pass == 0) { /* wrapped: forget every pass before */
		memset(ks->seen, 0, pf->npat * sizeof(*ks->seen));
		ks->pass = 1;
	}
	memset(ks->rules, 0, (pf->nrules / 64 + 1) * sizeof(*ks->rules));
	uint32_t st = nr_acm__run(pf->acm, NR_ACM_START, title, tlen, 0, on_hit, ks);
	st = nr_acm__run(pf->acm, st, "\n", 1, tlen, on_hit, ks);
	nr_acm__run(pf->acm, st, text, len, tlen + 1, on_hit, ks);
}

bool nr_kwscan__rule_hit(const nr_kwscan *ks, size_t r)
{
	return ks->oom || (ks->rules[r / 64] >> (r % 64) & 1);
}

/* ---- a rule's hits ----------------------------------------------------- */

/* Group the hits by pattern (counting sort: each group stays in order). */
static bool group(nr_kwscan *ks)
{
	const nr_prefilter *pf = ks->pf;
	size_t need = ks->nhits > pf->npat + 1 ? ks->nhits : pf->npat + 1;
	if (need > ks->cap_by_pat) {
		uint32_t *a = realloc(ks->by_pat_first, need * sizeof(*a));
		if (a)
			ks->by_pat_first = a;
		uint32_t *b = a ? realloc(ks->by_pat, need * sizeof(*b)) : NULL;
		if (!b)
			return false;
		ks->by_pat = b;
		ks->cap_by_pat = need;
	}
	uint32_t *first = ks->by_pat_first;
	memset(first, 0, (pf->npat + 1) * sizeof(*first));
	for (size_t i = 0; i < ks->nhits; i++)
		first[ks->hits[i].pat + 1]++;
	for (size_t p = 0; p < pf->npat; p++)
		first[p + 1] += first[p];
	for (size_t i = 0; i < ks->nhits; i++)
		ks->by_pat[first[ks->hits[i].pat]++] = (uint32_t)i;
	/* first[p] is now where group p ends: move it back to its start */
	memmove(first + 1, first, pf->npat * sizeof(*first));
	first[0] = 0;
	ks->grouped = true;
	return true;
}

typedef struct rehit {
	const nr_prefilter *pf;
	size_t r;
	nr_rule_hit *out;
	size_t n, cap;
} rehit;

/* A hit of the pass made again for one rule (its hits overflowed). */
static void on_rehit(void *ud, uint32_t pat, size_t end)
{
	rehit *h = ud;
	const nr_prefilter *pf = h->pf;
	for (uint32_t i = pf->pat_first[pat]; i < pf->pat_first[pat + 1]; i++) {
		uint32_t k = pf->kw_of[i];
		if (pf->kw_rule[k] != h->r)
			continue;
		if (h->n < h->cap) {
			size_t len = nr_acm__length(pf->acm, pat);
			h->out[h->n] = (nr_rule_hit){ (uint32_t)(end - len), (uint32_t)end, k };
		}
		h->n++;
		return; /* the rule's first spelling of it */
	}
}

static int hit_cmp(const void *a, const void *b)
{
	const nr_rule_hit *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	return (x->kw > y->kw) - (x->kw < y->kw);
}

bool nr_kwscan__rule_hits(nr_kwscan *ks, size_t r, nr_rule_hit *out, size_t *n)
{
	const nr_prefilter *pf = ks->pf;
	size_t cap = *n, count = 0;
	if (ks->oom || r >= pf->nrules || !pf->npat || !nr_kwscan__rule_hit(ks, r)) {
		*n = 0;
		return !ks->oom;
	}
	if (ks->overflow || ks->text_len >= UINT32_MAX) {
		rehit h = { pf, r, out, 0, cap };
		nr_acm__run(pf->acm, NR_ACM_START, ks->text, ks->text_len, 0, on_rehit, &h);
		count = h.n;
	} else {
		if (!ks->grouped && !group(ks))
			return false;
		for (uint32_t k = pf->rule_first[r]; k < pf->rule_first[r + 1]; k++) {
			if (pf->kw_dup[k])
				continue;
			uint32_t p = pf->kw_pat[k];
			uint32_t len = (uint32_t)nr_acm__length(pf->acm, p);
			for (uint32_t i = ks->by_pat_first[p]; i < ks->by_pat_first[p + 1]; i++) {
				const nr_hit *h = &ks->hits[ks->by_pat[i]];
				if (count < cap)
					out[count] = (nr_rule_hit){ h->start, h->start + len, k };
				count++;
			}
		}
	}
	if (count && count <= cap)
		qsort(out, count, sizeof(*out), hit_cmp);
	*n = count;
	return true;
}

/* ---- the reference ----------------------------------------------------- */

void nr_prefilter__lower(nr_buf *lower, const char *title, size_t tlen, const char *text,
			 size_t len)
{
	lower->len = 0;
	nr_buf__put(lower, title, tlen);
	nr_buf__putc(lower, '\n');
	nr_buf__put(lower, text, len);
	for (size_t i = 0; i < lower->len; i++) {
		char c = lower->data[i];
		if (c >= 'A' && c <= 'Z')
			lower->data[i] = (char)(c - 'A' + 'a');
	}
}

bool nr_prefilter__reference_hit(const nr_rule *r, const nr_buf *lower)
{
	if (lower->oom)
		return true; /* cannot tell: run the rule */
	for (size_t k = 0; k < r->nkeywords; k++)
		if (memmem(lower->data, lower->len, r->keywords[k], strlen(r->keywords[k])))
			return true;
	return false;
}
