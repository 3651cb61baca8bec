/*
 * table.c - the open-addressing hash table of folded forms (one per
 * built-ins, one per set for its user rows) and the look-ups over them:
 * by phrase, every entry, the longest phrase over tokens.
 */
#include "lexicon/lexicon_int.h"

#include <stdlib.h>

void nr_lexicon__table_free(lex_table *t)
{
	free(t->slots);
	free(t->prefixes);
	free(t->bloom);
	free(t->skeys);
	free(t->smasks);
	memset(t, 0, sizeof(*t));
}

static bool table_grow(lex_table *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 1024;
	nr_lex_entry **ns = calloc(ncap, sizeof(*ns));
	if (!ns)
		return false;
	for (size_t i = 0; i < t->cap; i++) {
		nr_lex_entry *e = t->slots[i];
		if (!e)
			continue;
		size_t j = (size_t)(e->hash_ >> 1) & (ncap - 1);
		while (ns[j])
			j = (j + 1) & (ncap - 1);
		ns[j] = e;
	}
	free(t->slots);
	t->slots = ns;
	t->cap = ncap;
	return true;
}

static bool prefix_add(lex_table *t, uint64_t h)
{
	if ((t->nprefixes + 1) * 2 > t->pcap) {
		size_t ncap = t->pcap ? t->pcap * 2 : 1024;
		uint64_t *np = calloc(ncap, sizeof(*np));
		if (!np)
			return false;
		for (size_t i = 0; i < t->pcap; i++) {
			uint64_t v = t->prefixes[i];
			if (!v)
				continue;
			size_t j = (size_t)(v >> 1) & (ncap - 1);
			while (np[j])
				j = (j + 1) & (ncap - 1);
			np[j] = v;
		}
		free(t->prefixes);
		t->prefixes = np;
		t->pcap = ncap;
	}
	size_t j = (size_t)(h >> 1) & (t->pcap - 1);
	while (t->prefixes[j]) {
		if (t->prefixes[j] == h)
			return true;
		j = (j + 1) & (t->pcap - 1);
	}
	t->prefixes[j] = h;
	t->nprefixes++;
	return true;
}

bool nr_lexicon__prefix_has(const lex_table *t, uint64_t h)
{
	if (!t->pcap)
		return false;
	size_t j = (size_t)(h >> 1) & (t->pcap - 1);
	while (t->prefixes[j]) {
		if (t->prefixes[j] == h)
			return true;
		j = (j + 1) & (t->pcap - 1);
	}
	return false;
}

/* The map of phrase starts: open addressing on the key hash (never 0). */
static bool starts_grow(lex_table *t)
{
	size_t ncap = t->scap ? t->scap * 2 : 1024;
	uint64_t *nk = calloc(ncap, sizeof(*nk));
	uint32_t *nm = calloc(ncap, sizeof(*nm));
	if (!nk || !nm) {
		free(nk);
		free(nm);
		return false;
	}
	for (size_t i = 0; i < t->scap; i++) {
		if (!t->skeys[i])
			continue;
		size_t j = (size_t)(t->skeys[i] >> 1) & (ncap - 1);
		while (nk[j])
			j = (j + 1) & (ncap - 1);
		nk[j] = t->skeys[i];
		nm[j] = t->smasks[i];
	}
	free(t->skeys);
	free(t->smasks);
	t->skeys = nk;
	t->smasks = nm;
	t->scap = ncap;
	return true;
}

static bool starts_add(lex_table *t, uint64_t h, int lex)
{
	if (lex >= NR_LEX_BUILTIN_COUNT)
		return true; /* user lexicons ask the prefix index */
	if ((t->nstarts + 1) * 2 > t->scap && !starts_grow(t))
		return false;
	size_t j = (size_t)(h >> 1) & (t->scap - 1);
	while (t->skeys[j] && t->skeys[j] != h)
		j = (j + 1) & (t->scap - 1);
	if (!t->skeys[j]) {
		t->skeys[j] = h;
		t->nstarts++;
	}
	t->smasks[j] |= nr_lexicon__lex_bit(lex);
	return true;
}

uint32_t nr_lexicon__starts_of(const lex_table *t, uint64_t h)
{
	if (!t->scap)
		return 0;
	for (size_t j = (size_t)(h >> 1) & (t->scap - 1); t->skeys[j]; j = (j + 1) & (t->scap - 1))
		if (t->skeys[j] == h)
			return t->smasks[j];
	return 0;
}

/* The Bloom filters: 2^16 bits per built-in lexicon, two bits per word. */
#define BLOOM_WORDS 1024u

/* FNV-1a over an ASCII word with bit 5 of every byte set: the folded key
 * of an ASCII word is its lower case, and words that differ otherwise only
 * collide, which a Bloom filter allows. False for a word with non-ASCII
 * bytes, whose folded key may be any ASCII ("Bogotá"). */
static bool ascii_word_hash(const char *s, size_t n, uint32_t *out)
{
	uint32_t h = 2166136261u;
	unsigned any = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned char)s[i];
		any |= c;
		h = (h ^ (c | 0x20u)) * 16777619u;
	}
	*out = h;
	return !(any & 0x80u);
}

static bool bloom_add(lex_table *t, const nr_lex_entry *e)
{
	if (e->lexicon >= NR_LEX_BUILTIN_COUNT)
		return true;
	if (!t->bloom && !(t->bloom = calloc((size_t)NR_LEX_BUILTIN_COUNT * BLOOM_WORDS, 8)))
		return false;
	const char *sp = memchr(e->key_, ' ', e->keylen_);
	uint32_t h;
	if (!ascii_word_hash(e->key_, sp ? (size_t)(sp - e->key_) : e->keylen_, &h))
		return true; /* only ASCII words ask the filter */
	uint64_t *b = t->bloom + (size_t)e->lexicon * BLOOM_WORDS;
	b[(h & 0xffff) >> 6] |= 1ull << (h & 63);
	b[(h >> 16) >> 6] |= 1ull << ((h >> 16) & 63);
	return true;
}

static inline bool bloom_has(const lex_table *t, int lex, uint32_t h)
{
	if (!t->bloom)
		return false;
	const uint64_t *b = t->bloom + (size_t)lex * BLOOM_WORDS;
	return (b[(h & 0xffff) >> 6] >> (h & 63) & 1) &&
	       (b[(h >> 16) >> 6] >> ((h >> 16) & 63) & 1);
}

/* The prefix index also holds, for each lexicon, the first words of its
 * phrases, salted by the lexicon: whether a word can start a phrase of
 * one lexicon is then one probe (nr_lexicon__may_start). */
static uint64_t lex_start_hash(uint64_t first, int lex)
{
	return (first ^ ((uint64_t)(lex + 1) * 0x9E3779B97F4A7C15ull)) | 1;
}

bool nr_lexicon__table_insert(lex_table *t, nr_lex_entry *e)
{
	if ((t->nkeys + 1) * 2 > t->cap && !table_grow(t))
		return false;
	if (!bloom_add(t, e))
		return false;
	/* Per lexicon, even when another lexicon listed the key first. */
	const char *sp = memchr(e->key_, ' ', e->keylen_);
	if (sp) {
		uint64_t first = nr_lexicon__key_hash(e->key_, (size_t)(sp - e->key_));
		if (!prefix_add(t, lex_start_hash(first, e->lexicon)) ||
		    !starts_add(t, first, e->lexicon))
			return false;
	}
	size_t j = (size_t)(e->hash_ >> 1) & (t->cap - 1);
	for (nr_lex_entry *s; (s = t->slots[j]) != NULL; j = (j + 1) & (t->cap - 1)) {
		if (s->hash_ == e->hash_ && s->keylen_ == e->keylen_ &&
		    memcmp(s->key_, e->key_, e->keylen_) == 0) {
			while (s->next_)
				s = (nr_lex_entry *)s->next_;
			s->next_ = e;
			return true;
		}
	}
	for (size_t i = 0; i < e->keylen_; i++) {
		if (e->key_[i] == ' ' && !prefix_add(t, nr_lexicon__key_hash(e->key_, i)))
			return false;
	}
	t->slots[j] = e;
	t->nkeys++;
	if (e->keylen_ > t->maxkey)
		t->maxkey = e->keylen_;
	return true;
}

const nr_lex_entry *nr_lexicon__country_name(const lex_table *t, const char *s)
{
	char key[LEX_MAXKEY + 1];
	size_t klen = nr_lexicon__fold(s, strlen(s), key, sizeof(key));
	if (klen == SIZE_MAX)
		return NULL;
	for (const nr_lex_entry *e =
		 nr_lexicon__table_find(t, key, klen, nr_lexicon__key_hash(key, klen));
	     e; e = e->next_) {
		if (e->lexicon == NR_LEX_COUNTRIES && strcmp(e->cls, "name") == 0)
			return e;
	}
	return NULL;
}

/* raw is the input as written: already whitespace-folded (norm) or not. */
static bool entry_ok(const nr_lex_entry *e, int lex, const char *raw, size_t rlen, bool norm)
{
	if (lex != NR_LEX_ANY && e->lexicon != lex)
		return false;
	if (!(e->flags & NR_LEXF_EXACT_CASE))
		return true;
	if (!norm)
		return nr_lexicon__raw_equals(e->phrase, raw, rlen);
	return strlen(e->phrase) == rlen && memcmp(e->phrase, raw, rlen) == 0;
}

/* The entries of two chains that lexicon lex and the text as written
 * (raw) accept, in order. */
static size_t collect_chains(const nr_lex_entry *const chains[2], int lex, const char *raw,
			     size_t rlen, bool norm, const nr_lex_entry **out, size_t cap)
{
	size_t n = 0;
	for (int t = 0; t < 2; t++) {
		for (const nr_lex_entry *e = chains[t]; e; e = e->next_) {
			if (!entry_ok(e, lex, raw, rlen, norm))
				continue;
			if (n < cap)
				out[n] = e;
			n++;
		}
	}
	return n;
}

/* The first entry of two chains that lexicon lex and the text as written
 * accept, or NULL: collect_chains() for one, without walking on. */
static const nr_lex_entry *first_of_chains(const nr_lex_entry *const chains[2], int lex,
					   const char *raw, size_t rlen, bool norm)
{
	for (int t = 0; t < 2; t++)
		for (const nr_lex_entry *e = chains[t]; e; e = e->next_)
			if (entry_ok(e, lex, raw, rlen, norm))
				return e;
	return NULL;
}

/* Entries for one folded key across user then built-in tables. */
static size_t collect(const nr_lexicon_set *s, int lex, const char *key, size_t klen,
		      const char *raw, size_t rlen, bool norm, const nr_lex_entry **out, size_t cap)
{
	const nr_lex_entry *chains[2];
	nr_lexicon__find_chains(s, key, klen, nr_lexicon__key_hash(key, klen), chains);
	return collect_chains(chains, lex, raw, rlen, norm, out, cap);
}

static bool any_prefix(const nr_lexicon_set *s, const char *key, size_t klen)
{
	uint64_t h = nr_lexicon__key_hash(key, klen);
	return nr_lexicon__prefix_has(&s->b->table, h) || nr_lexicon__prefix_has(&s->user, h);
}

/* What a look-up of raw (the same text) gives. */
size_t nr_lexicon__memo_lookup(const memo *p, int lex, const char *raw, size_t len,
			       const nr_lex_entry **out, size_t cap)
{
	if (p->klen == VIEW_NOFOLD || p->klen == 0 || !nr_lexicon__memo_may_hold(p, lex))
		return 0;
	return collect_chains(p->chains, lex, raw, len, false, out, cap);
}

/* Chains for p's key less its final 's (the caller has checked it ends
 * so). */
static const nr_lex_entry *const *memo_poss(const nr_lexicon_set *s, memo *p)
{
	if (!(p->known & MEMO_POSS)) {
		nr_lexicon__find_chains(s, p->key, p->klen - 2,
					nr_lexicon__key_hash(p->key, p->klen - 2), p->poss);
		p->known |= MEMO_POSS;
	}
	return p->poss;
}

static bool memo_prefix(const nr_lexicon_set *s, memo *p)
{
	if (!(p->known & MEMO_PREFIX)) {
		/* any_prefix(), with the hash nr_lexicon__fold_key() gave. */
		p->prefix = nr_lexicon__prefix_has(&s->b->table, p->khash) ||
			    nr_lexicon__prefix_has(&s->user, p->khash);
		p->known |= MEMO_PREFIX;
	}
	return p->prefix;
}

/* The built-in lexicons a phrase of which p's key begins, found once. */
static uint32_t memo_starts(const nr_lexicon_set *s, memo *p);

/* May a phrase of lexicon lex go on after the word p? Only when the word
 * begins one: of that lexicon, when it is a built-in one (the map of
 * phrase starts says so in one look); of any, else. */
static bool first_goes_on(const nr_lexicon_set *s, memo *p, int lex)
{
	if (lex >= 0 && lex < NR_LEX_BUILTIN_COUNT)
		return (memo_starts(s, p) & nr_lexicon__lex_bit(lex)) != 0;
	return memo_prefix(s, p);
}

size_t nr_lexicon__lookup_all(const nr_lexicon_set *s, int lex, const char *phrase, size_t len,
			      const nr_lex_entry **out, size_t cap)
{
	const memo *p = nr_lexicon__memo_get(s, phrase, len);
	if (p)
		return nr_lexicon__memo_lookup(p, lex, phrase, len, out, cap);
	char key[LEX_MAXKEY + 1];
	size_t klen;
	uint64_t h;
	if (!nr_lexicon__fold_key(phrase, len, key, &klen, &h) || klen == 0)
		return 0;
	const nr_lex_entry *chains[2];
	nr_lexicon__find_chains(s, key, klen, h, chains);
	return collect_chains(chains, lex, phrase, len, false, out, cap);
}

size_t nr_lexicon__entry_all(const nr_lexicon_set *s, const nr_lex_entry *e, int lex,
			     const nr_lex_entry **out, size_t cap)
{
	/* An entry's key is its phrase folded, and its hash the key's. */
	const nr_lex_entry *chains[2];
	nr_lexicon__find_chains(s, e->key_, e->keylen_, e->hash_, chains);
	return collect_chains(chains, lex, e->phrase, strlen(e->phrase), false, out, cap);
}

const nr_lex_entry *nr_lexicon__lookup(const nr_lexicon_set *s, int lex, const char *phrase,
				       size_t len)
{
	const memo *p = nr_lexicon__memo_get(s, phrase, len);
	if (p)
		return nr_lexicon__word_first(p, lex);
	const nr_lex_entry *e = NULL;
	return nr_lexicon__lookup_all(s, lex, phrase, len, &e, 1) ? e : NULL;
}

const nr_lex_entry *nr_lexicon__word_first(const nr_lex_word *w, int lex)
{
	if (w->klen == VIEW_NOFOLD || w->klen == 0 || !nr_lexicon__memo_may_hold(w, lex))
		return NULL;
	return first_of_chains(w->chains, lex, w->raw, w->rlen, false);
}

int nr_lexicon__foreach(const nr_lexicon_set *s, int lex,
			int (*fn)(const nr_lex_entry *e, void *payload), void *payload)
{
	const lex_table *tables[2] = { &s->user, &s->b->table };
	for (int t = 0; t < 2; t++) {
		for (size_t i = 0; i < tables[t]->cap; i++) {
			for (const nr_lex_entry *e = tables[t]->slots[i]; e; e = e->next_) {
				if (lex != NR_LEX_ANY && e->lexicon != lex)
					continue;
				int rc = fn(e, payload);
				if (rc)
					return rc;
			}
		}
	}
	return 0;
}

static bool lex_starts(const nr_lexicon_set *s, uint64_t h, int lex)
{
	uint64_t v = lex_start_hash(h, lex);
	return nr_lexicon__prefix_has(&s->b->table, v) || nr_lexicon__prefix_has(&s->user, v);
}

bool nr_lexicon__maybe_start(const nr_lexicon_set *s, int lex, const char *w, size_t n)
{
	uint32_t h32;
	return !(lex >= 0 && lex < NR_LEX_BUILTIN_COUNT && ascii_word_hash(w, n, &h32) &&
		 !bloom_has(&s->b->table, lex, h32) && !bloom_has(&s->user, lex, h32));
}

/* The built-in lexicons a phrase of which p's key begins, found once. */
static uint32_t memo_starts(const nr_lexicon_set *s, memo *p)
{
	if (!(p->known & MEMO_STARTS)) {
		p->starts = nr_lexicon__starts_of(&s->b->table, p->khash) |
			    nr_lexicon__starts_of(&s->user, p->khash);
		p->known |= MEMO_STARTS;
	}
	return p->starts;
}

/* nr_lexicon__may_start() of w[0..n), whose record p is (NULL: none). */
static int may_start_memo(const nr_lexicon_set *s, int lex, memo *p, const char *w, size_t n)
{
	if (!nr_lexicon__maybe_start(s, lex, w, n))
		return 0;
	if (p) {
		if (p->klen == VIEW_NOFOLD || !p->klen)
			return 0;
		return (nr_lexicon__memo_may_hold(p, lex) &&
				nr_lexicon__memo_lookup(p, lex, w, n, NULL, 0)
			    ? NR_LEXSTART_FORM
			    : 0) |
		       (lex_starts(s, p->khash, lex) ? NR_LEXSTART_PHRASE : 0);
	}
	char key[LEX_MAXKEY + 1];
	size_t klen;
	uint64_t h;
	if (!nr_lexicon__fold_key(w, n, key, &klen, &h) || klen == 0)
		return 0;
	return (nr_lexicon__lookup(s, lex, w, n) ? NR_LEXSTART_FORM : 0) |
	       (lex_starts(s, h, lex) ? NR_LEXSTART_PHRASE : 0);
}

int nr_lexicon__may_start(const nr_lexicon_set *s, int lex, const char *w, size_t n)
{
	if (!nr_lexicon__maybe_start(s, lex, w, n))
		return 0;
	return may_start_memo(s, lex, nr_lexicon__memo_get(s, w, n), w, n);
}

int nr_lexicon__word_may_start(const nr_lexicon_set *s, nr_lex_word *w, int lex)
{
	if (lex < 0 || lex >= NR_LEX_BUILTIN_COUNT)
		return may_start_memo(s, lex, w, w->raw, w->rlen);
	/* A form of lex begins with the word itself, and a phrase with a
	 * first word whose key hashes as the word's: the Bloom filter of
	 * nr_lexicon__maybe_start() could only say no to what these do. */
	if (w->klen == VIEW_NOFOLD || !w->klen)
		return 0;
	return (nr_lexicon__memo_may_hold(w, lex) &&
			nr_lexicon__memo_lookup(w, lex, w->raw, w->rlen, NULL, 0)
		    ? NR_LEXSTART_FORM
		    : 0) |
	       (memo_starts(s, w) & nr_lexicon__lex_bit(lex) ? NR_LEXSTART_PHRASE : 0);
}

size_t nr_lexicon__match(const nr_lexicon_set *s, int lex, const char *text, const nr_token *toks,
			 size_t ntoks, size_t i, nr_lex_match *m)
{
	return nr_lexicon__match_word(
	    s, lex, text, toks, ntoks, i,
	    nr_lexicon__memo_get(s, text + toks[i].start, toks[i].end - toks[i].start), m);
}

/* The first entry of lexicon lex for record p's phrase (raw), or for it
 * less a final 's; *poss says which. NULL when neither has one. */
static const nr_lex_entry *record_entry(const nr_lexicon_set *s, memo *p, int lex, bool *poss)
{
	const nr_lex_entry *e = nr_lexicon__memo_may_hold(p, lex)
				    ? first_of_chains(p->chains, lex, p->raw, p->rlen, false)
				    : NULL;
	*poss = false;
	if (e || p->klen <= 2 || p->key[p->klen - 2] != '\'' || p->key[p->klen - 1] != 's')
		return e;
	/* Possessive: raw may end in ’s (4 bytes) or 's (2). */
	size_t rcut = p->rlen >= 4 && memcmp(p->raw + p->rlen - 4, "\xe2\x80\x99s", 4) == 0 ? 4 : 2;
	e = first_of_chains(memo_poss(s, p), lex, p->raw, p->rlen - rcut, false);
	*poss = e != NULL;
	return e;
}

/*
 * nr_lexicon__match_word() through the view's records of the spans from
 * token i, which remember their keys, entries and whether they begin a
 * longer phrase: the text of "Prime Minister" is folded and looked up
 * once a view. False when a span's record is missing or its key is not
 * the one the words would make (a word that folds to nothing): the
 * caller then builds the keys word by word.
 */
static bool match_records(const nr_lexicon_set *s, int lex, const char *text, const nr_token *toks,
			  size_t ntoks, size_t i, memo *first, size_t maxkey, nr_lex_match *m)
{
	memo *prev = first;
	for (size_t j = i; j < ntoks; j++) {
		const nr_token *t = &toks[j];
		memo *sp = first;
		if (j > i) {
			const nr_token *p = &toks[j - 1];
			if (t->start < p->end)
				break;
			bool gap = t->start > p->end;
			if (gap) {
				for (uint32_t k = p->end; k < t->start; k++) {
					char c = text[k];
					if (c != ' ' && c != '\t' && c != '\n' && c != '\r' &&
					    (unsigned char)c < 0x80)
						return true;
				}
				if (!(j - 1 == i ? first_goes_on(s, first, lex)
						 : memo_prefix(s, prev)))
					break;
				if (prev->klen + 1 > maxkey)
					break;
			}
			sp = nr_lexicon__memo_get(s, text + toks[i].start, t->end - toks[i].start);
			if (!sp || sp->klen == VIEW_NOFOLD)
				return false;
			if (sp->klen <= prev->klen + gap ||
			    memcmp(sp->key, prev->key, prev->klen) ||
			    (gap && sp->key[prev->klen] != ' '))
				return false;
		}
		if (sp->klen > maxkey + 2)
			break;
		bool poss;
		const nr_lex_entry *e = record_entry(s, sp, lex, &poss);
		if (e) {
			m->entry = e;
			m->ntokens = j - i + 1;
			m->possessive = poss;
		}
		prev = sp;
	}
	return true;
}

static void match_clear(nr_lex_match *m)
{
	m->entry = NULL;
	m->ntokens = 0;
	m->possessive = false;
}

size_t nr_lexicon__match_word(const nr_lexicon_set *s, int lex, const char *text,
			      const nr_token *toks, size_t ntoks, size_t i, nr_lex_word *first,
			      nr_lex_match *m)
{
	size_t maxkey = s->b->table.maxkey > s->user.maxkey ? s->b->table.maxkey : s->user.maxkey;
	match_clear(m);
	if (first && first->klen != VIEW_NOFOLD && first->klen > 0 &&
	    match_records(s, lex, text, toks, ntoks, i, first, maxkey, m))
		return m->ntokens;
	match_clear(m);
	/* The folded key is built word by word; the text as written, which
	 * only exact-case entries compare against, is the span itself. */
	char key[LEX_MAXKEY + 1];
	size_t klen = 0;
	const char *raw = text + toks[i].start;
	for (size_t j = i; j < ntoks; j++) {
		const nr_token *t = &toks[j];
		if (j > i) {
			const nr_token *p = &toks[j - 1];
			if (t->start < p->end)
				break;
			if (t->start > p->end) {
				/* Only whitespace may separate the words of a phrase,
				 * and only a known phrase start may go on. */
				for (uint32_t k = p->end; k < t->start; k++) {
					char c = text[k];
					if (c != ' ' && c != '\t' && c != '\n' && c != '\r' &&
					    (unsigned char)c < 0x80)
						return m->ntokens;
				}
				if (!(j - 1 == i && first ? first_goes_on(s, first, lex)
							  : any_prefix(s, key, klen)))
					break;
				if (klen + 1 > maxkey)
					break;
				key[klen++] = ' ';
			}
		}
		size_t rlen = t->end - toks[i].start;
		const nr_lex_entry *e = NULL;
		if (j == i && first) {
			/* The first word, as a view remembers it. */
			if (first->klen == VIEW_NOFOLD)
				break;
			klen = first->klen;
			memcpy(key, first->key, klen + 1);
		} else {
			bool sp1 = false;
			if (!nr_lexicon__norm_append(key, &klen, sizeof(key), text + t->start,
						     t->end - t->start, true, &sp1))
				break;
		}
		if (klen > maxkey + 2)
			break;
		bool hit = j == i && first
			       ? nr_lexicon__memo_may_hold(first, lex) &&
				     (e = first_of_chains(first->chains, lex, raw, rlen, false))
			       : collect(s, lex, key, klen, raw, rlen, false, &e, 1);
		if (hit) {
			m->entry = e;
			m->ntokens = j - i + 1;
			m->possessive = false;
		} else if (klen > 2 && key[klen - 2] == '\'' && key[klen - 1] == 's') {
			/* Possessive: raw may end in ’s (4 bytes) or 's (2). */
			size_t rcut = rlen >= 4 && memcmp(raw + rlen - 4, "\xe2\x80\x99s", 4) == 0
					  ? 4
					  : 2;
			if (j == i && first
				? (e = first_of_chains(memo_poss(s, first), lex, raw, rlen - rcut,
						       false)) != NULL
				: collect(s, lex, key, klen - 2, raw, rlen - rcut, false, &e, 1)) {
				m->entry = e;
				m->ntokens = j - i + 1;
				m->possessive = true;
			}
		}
	}
	return m->ntokens;
}
