/*
 * acm.c - Aho-Corasick over byte classes, compiled to a full DFA.
 *
 * Bytes that occur in no pattern share class 0 and ASCII capitals share
 * their small letter's class, so a row of the transition table has as
 * many entries as the patterns use distinct (folded) bytes, typically 40
 * to 70, and folding costs nothing while scanning. Transitions hold the
 * next state's row offset (state number x classes) with the top bit set
 * when that state ends a pattern, or a shorter one along its suffix chain:
 * the scanning loop is a load, a mask and a test per byte.
 *
 * Each state keeps the pattern it spells, if it spells one (`term`), and
 * the nearest state down its failure chain that ends a pattern (`dict`),
 * so the occurrences ending at a byte are the walk term, dict, dict, ...:
 * as many steps as occurrences.
 */
#include "base/acm.h"

#include <stdlib.h>
#include <string.h>

#define OUT_BIT 0x80000000u
#define NO_PAT UINT32_MAX

struct nr_acm {
	uint8_t cls[256];
	uint32_t nclass;
	uint32_t nstates;
	uint32_t *delta; /* nstates x nclass: next row | OUT_BIT */
	uint32_t *term;  /* per state: the pattern it spells, or NO_PAT */
	uint32_t *dict;  /* per state: next state down the failure chain
			    that spells a pattern, or 0 */
	uint32_t *plen;  /* per pattern */
	size_t npat;
};

static uint8_t fold_ascii(uint8_t b) { return b >= 'A' && b <= 'Z' ? (uint8_t)(b + 32) : b; }

/* Number the folded bytes the patterns use from 1, in byte order. */
static void make_classes(nr_acm *m, const char *const *pats, const size_t *lens, size_t n)
{
	bool used[256] = { false };
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < lens[i]; j++)
			used[fold_ascii((uint8_t)pats[i][j])] = true;
	uint32_t next = 1;
	for (int b = 0; b < 256; b++)
		m->cls[b] = used[b] ? (uint8_t)next++ : 0;
	for (int b = 'A'; b <= 'Z'; b++)
		m->cls[b] = m->cls[b + 32];
	m->nclass = next;
}

/* The trie: delta holds child state numbers (0: none), term the patterns. */
static bool make_trie(nr_acm *m, const char *const *pats, const size_t *lens, size_t n,
		      size_t max_states)
{
	m->nstates = 1;
	for (size_t i = 0; i < n; i++) {
		uint32_t st = 0;
		if (!lens[i])
			return false;
		for (size_t j = 0; j < lens[i]; j++) {
			uint32_t *slot =
			    &m->delta[(size_t)st * m->nclass + m->cls[(uint8_t)pats[i][j]]];
			if (!*slot) {
				if (m->nstates >= max_states)
					return false;
				*slot = m->nstates++;
			}
			st = *slot;
		}
		if (m->term[st] == NO_PAT)
			m->term[st] = (uint32_t)i;
		m->plen[i] = (uint32_t)lens[i];
	}
	return true;
}

/* Breadth first, a state's missing transitions are its failure state's,
 * which is shallower and so already complete. */
static bool make_dfa(nr_acm *m)
{
	uint32_t *fail = calloc(m->nstates, sizeof(*fail));
	uint32_t *queue = malloc((size_t)m->nstates * sizeof(*queue));
	if (!fail || !queue) {
		free(fail);
		free(queue);
		return false;
	}
	size_t head = 0, tail = 0, C = m->nclass;
	queue[tail++] = 0;
	while (head < tail) {
		uint32_t u = queue[head++];
		uint32_t *row = &m->delta[(size_t)u * C];
		const uint32_t *frow = &m->delta[(size_t)fail[u] * C];
		for (size_t c = 0; c < C; c++) {
			uint32_t v = row[c];
			if (!v) {
				row[c] = u ? frow[c] : 0;
				continue;
			}
			uint32_t f = u ? frow[c] : 0;
			fail[v] = f;
			m->dict[v] = m->term[f] != NO_PAT ? f : m->dict[f];
			queue[tail++] = v;
		}
	}
	free(fail);
	free(queue);
	for (size_t i = 0; i < (size_t)m->nstates * C; i++) {
		uint32_t v = m->delta[i];
		bool out = m->term[v] != NO_PAT || m->dict[v];
		m->delta[i] = (uint32_t)(v * C) | (out ? OUT_BIT : 0);
	}
	return true;
}

void nr_acm__free(nr_acm *m)
{
	if (!m)
		return;
	free(m->delta);
	free(m->term);
	free(m->dict);
	free(m->plen);
	free(m);
}

nr_acm *nr_acm__new(const char *const *pats, const size_t *lens, size_t n)
{
	nr_acm *m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	make_classes(m, pats, lens, n);
	size_t max_states = 1;
	for (size_t i = 0; i < n; i++)
		max_states += lens[i];
	/* Row offsets and the flag share 32 bits. */
	if (n >= NO_PAT || max_states > (OUT_BIT - 1) / m->nclass) {
		free(m);
		return NULL;
	}
	m->npat = n;
	m->delta = calloc(max_states * m->nclass, sizeof(*m->delta));
	m->term = malloc(max_states * sizeof(*m->term));
	m->dict = calloc(max_states, sizeof(*m->dict));
	m->plen = malloc((n ? n : 1) * sizeof(*m->plen));
	if (!m->delta || !m->term || !m->dict || !m->plen) {
		nr_acm__free(m);
		return NULL;
	}
	memset(m->term, 0xff, max_states * sizeof(*m->term));
	if (!make_trie(m, pats, lens, n, max_states) || !make_dfa(m)) {
		nr_acm__free(m);
		return NULL;
	}
	/* Give back what the bound on the states over-reserved. */
	uint32_t *d = realloc(m->delta, (size_t)m->nstates * m->nclass * sizeof(*d));
	if (d)
		m->delta = d;
	uint32_t *t = realloc(m->term, (size_t)m->nstates * sizeof(*t));
	if (t)
		m->term = t;
	t = realloc(m->dict, (size_t)m->nstates * sizeof(*t));
	if (t)
		m->dict = t;
	return m;
}

size_t nr_acm__size(const nr_acm *m)
{
	if (!m)
		return 0;
	return sizeof(*m) + (size_t)m->nstates * (m->nclass + 2) * sizeof(uint32_t) +
	       m->npat * sizeof(uint32_t);
}

size_t nr_acm__states(const nr_acm *m) { return m ? m->nstates : 0; }

size_t nr_acm__classes(const nr_acm *m) { return m ? m->nclass : 0; }

size_t nr_acm__length(const nr_acm *m, uint32_t i) { return i < m->npat ? m->plen[i] : 0; }

/* The occurrences ending at state st (a state number), longest first. */
static void report_ends(const nr_acm *m, uint32_t st, size_t end, nr_acm_fn fn, void *ud)
{
	if (m->term[st] != NO_PAT)
		fn(ud, m->term[st], end);
	for (st = m->dict[st]; st; st = m->dict[st])
		fn(ud, m->term[st], end);
}

uint32_t nr_acm__run(const nr_acm *m, uint32_t state, const char *s, size_t n, size_t base,
		     nr_acm_fn fn, void *ud)
{
	const uint32_t *delta = m->delta;
	const uint8_t *cls = m->cls;
	const unsigned char *p = (const unsigned char *)s;
	uint32_t row = state;
	for (size_t i = 0; i < n; i++) {
		uint32_t t = delta[row + cls[p[i]]];
		row = t & ~OUT_BIT;
		if (t & OUT_BIT)
			report_ends(m, row / m->nclass, base + i + 1, fn, ud);
	}
	return row;
}
