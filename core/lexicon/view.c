/*
 * view.c - per-article views of a lexicon set: the memo of what each
 * phrase asked about folds to and which hash chains hold it.
 */
#include "lexicon/lexicon_int.h"

#include <stddef.h>
#include <stdlib.h>

/*
 * An article asks about the same few hundred words thousands of times
 * (every extractor, every lexicon, the lemma of each candidate verb), so
 * a view remembers, per phrase as written, what only depends on that
 * text: its folded form and the hash chains for it. What the lexicon
 * filter and exact-case entries decide is still worked out per call, from
 * the chains, exactly as an uncached lookup does.
 */

#define VIEW_POOL 8192u

/* Room for one memo and its strings: a bump in the current chunk, as a
 * view makes one for nearly every distinct word of an article. */
static void *memo_alloc(lex_cache *c, size_t size)
{
	/* A record starts a cache line, so that what every token of its word
	 * reads (the head and what the probe compares) is one line. */
	const size_t align = 64;
	size = (size + align - 1) & ~(align - 1);
	if (c->pool_left < size) {
		size_t want = size > VIEW_POOL ? size : VIEW_POOL;
		char *chunk = nr_arena__alloc(c->arena, want + align);
		if (!chunk)
			return NULL;
		size_t skew = (align - ((uintptr_t)chunk & (align - 1))) & (align - 1);
		c->pool = chunk + skew;
		c->pool_left = want + align - skew;
	}
	void *p = c->pool;
	c->pool += size;
	c->pool_left -= size;
	return p;
}

/* memcpy() of a short string without the call: at most two loads and two
 * stores of a fixed width, overlapping in the middle. */
static inline void copy_short(char *dst, const char *src, size_t n)
{
	if (n >= 8 && n <= 16) {
		uint64_t a, b;
		memcpy(&a, src, 8);
		memcpy(&b, src + n - 8, 8);
		memcpy(dst, &a, 8);
		memcpy(dst + n - 8, &b, 8);
	} else if (n >= 4 && n < 8) {
		uint32_t a, b;
		memcpy(&a, src, 4);
		memcpy(&b, src + n - 4, 4);
		memcpy(dst, &a, 4);
		memcpy(dst + n - 4, &b, 4);
	} else if (n >= 2 && n < 4) {
		uint16_t a, b;
		memcpy(&a, src, 2);
		memcpy(&b, src + n - 2, 2);
		memcpy(dst, &a, 2);
		memcpy(dst + n - 2, &b, 2);
	} else if (n == 1) {
		dst[0] = src[0];
	} else if (n > 16) {
		memcpy(dst, src, n);
	}
}

/* Give memory the view no longer needs to the pool records are carved
 * from, when it is more than what the pool has left. */
static void recycle(lex_cache *c, void *mem, size_t size)
{
	const size_t align = 64;
	size_t skew = (align - ((uintptr_t)mem & (align - 1))) & (align - 1);
	if (size <= skew || size - skew <= c->pool_left)
		return;
	c->pool = (char *)mem + skew;
	c->pool_left = size - skew;
}

static bool cache_grow(lex_cache *c)
{
	size_t ncap = c->cap * 2;
	memo **ns = nr_arena__calloc(c->arena, ncap, sizeof(*ns));
	if (!ns)
		return false;
	for (size_t i = 0; i < c->cap; i++) {
		memo *p = c->slots[i];
		if (!p)
			continue;
		size_t j = (size_t)p->hash & (ncap - 1);
		while (ns[j])
			j = (j + 1) & (ncap - 1);
		ns[j] = p;
	}
	/* The old array stays in the arena until it goes: records are carved
	 * from it, memory already written once, rather than from new. */
	recycle(c, c->slots, c->cap * sizeof(*c->slots));
	c->slots = ns;
	c->cap = ncap;
	return true;
}

/* Kept out of line so that the probe of nr_lexicon__memo_get() stays
 * small where it is inlined. */
memo *nr_lexicon__memo_add(const nr_lexicon_set *s, const char *raw, size_t len, uint64_t h,
			   size_t j)
{
	lex_cache *c = s->cache;
	if (c->n >= VIEW_MAX_PHRASES)
		return NULL;
	char key[LEX_MAXKEY + 8];
	size_t klen;
	uint64_t kh = 0;
	bool folds, same = false;
	if (len <= LEX_MAXKEY && nr_lexicon__ascii_key(raw, len, key, &same)) {
		/* A word in lower case is its own key. */
		folds = true;
		klen = len;
		kh = nr_lexicon__key_hash(key, klen);
	} else if (!(folds = nr_lexicon__fold_key(raw, len, key, &klen, &kh))) {
		klen = 0;
	}
	/* One allocation: the memo, then raw and key with their NULs (one
	 * string when they are the same). */
	memo *p = memo_alloc(c, sizeof(*p) + len + (same ? 0 : klen + 1) + 1);
	if (!p)
		return NULL;
	char *rcopy = (char *)(p + 1), *kcopy = same ? rcopy : rcopy + len + 1;
	copy_short(rcopy, raw, len);
	rcopy[len] = '\0';
	if (!same) {
		copy_short(kcopy, key, klen);
		kcopy[klen] = '\0';
	}
	p->hash = h;
	nr_lexicon__edges(raw, len, &p->w0, &p->w1);
	p->raw = rcopy;
	p->rlen = (uint32_t)len;
	p->key = kcopy;
	p->klen = folds ? (uint32_t)klen : VIEW_NOFOLD;
	p->khash = kh;
	p->lexmask = 0;
	if (folds) {
		nr_lexicon__find_chains(s, key, klen, kh, p->chains);
		for (int t = 0; t < 2; t++)
			for (const nr_lex_entry *e = p->chains[t]; e; e = e->next_)
				p->lexmask |= nr_lexicon__lex_bit(e->lexicon);
	} else {
		p->chains[0] = NULL;
		p->chains[1] = NULL;
	}
	p->lemma = NULL;
	p->starts = 0;
	p->prefix = false;
	p->known = 0;
	memset(&p->head, 0, sizeof(p->head));
	memset(p->refs, 0, sizeof(p->refs));
	c->slots[j] = p;
	c->n++;
	if (c->n * 2 > c->cap)
		cache_grow(c); /* on failure the table is fuller, still correct */
	return p;
}

const nr_lexicon_set *nr_lexicon__view(const nr_lexicon_set *set, nr_arena *arena, size_t hint)
{
	if (set->cache)
		return set;
	nr_lexicon_set *v = nr_arena__alloc(arena, sizeof(*v));
	lex_cache *c = nr_arena__alloc(arena, sizeof(*c));
	size_t cap = 256;
	while (cap < hint && cap < VIEW_MAX_PHRASES * 2)
		cap *= 2;
	memo **slots = nr_arena__calloc(arena, cap, sizeof(*slots));
	if (!v || !c || !slots)
		return set;
	c->arena = arena;
	c->slots = slots;
	c->cap = cap;
	c->n = 0;
	c->gen = 0;
	c->pool = NULL;
	c->pool_left = 0;
	/* A shallow copy: the tables are shared and only read through it. */
	*v = *set;
	nr_arena__init(&v->arena);
	v->cache = c;
	return v;
}

/* ------------------------------------------------------------------ */
/* Records asked about directly.                                       */

_Static_assert(offsetof(memo, raw) == 64, "a record's probe and head are one cache line");

nr_lex_word *nr_lexicon__word(const nr_lexicon_set *set, const char *w, size_t n)
{
	return nr_lexicon__memo_get(set, w, n);
}

bool nr_lexicon__words(const nr_lexicon_set *set, const char *text, const nr_token *toks, size_t n,
		       uint32_t gen, nr_lex_word **out)
{
	lex_cache *c = set->cache;
	bool all = true;
	for (size_t i = 0; i < n; i++) {
		/* nr_lexicon__memo_get(), its probe kept in this loop. */
		const char *raw = text + toks[i].start;
		size_t len = toks[i].end - toks[i].start, j;
		memo *p = NULL;
		if (c && len <= LEX_MAXKEY * 4) {
			uint64_t w0, w1;
			nr_lexicon__edges(raw, len, &w0, &w1);
			uint64_t h = nr_lexicon__view_hash(raw, len, w0, w1);
			p = nr_lexicon__memo_probe(c, raw, len, h, w0, w1, &j);
			if (!p)
				p = nr_lexicon__memo_add(set, raw, len, h, j);
			if (p)
				nr_lexicon__word_mark(p, gen, NR_LEX_WORD_SEEN);
		}
		out[i] = p;
		all &= p != NULL;
	}
	return all;
}

const void **nr_lexicon__word_refs(nr_lex_word *w) { return w->refs; }

uint32_t nr_lexicon__view_generation(const nr_lexicon_set *set)
{
	lex_cache *c = set->cache;
	if (!c)
		return 0;
	if (++c->gen == 0)
		++c->gen; /* after 2^32 analyses: stale marks could read as new */
	return c->gen;
}

nr_lex_word *nr_lexicon__word_caseless_slow(const nr_lexicon_set *set, nr_lex_word *w)
{
	size_t n = w->rlen, k = 0;
	while (k < n && !(w->raw[k] >= 'A' && w->raw[k] <= 'Z'))
		k++;
	if (k == n)
		return w->head.caseless = w;
	char buf[LEX_MAXKEY * 4];
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(w->raw[i] >= 'A' && w->raw[i] <= 'Z' ? w->raw[i] + 32 : w->raw[i]);
	return w->head.caseless = nr_lexicon__memo_get(set, buf, n);
}

bool nr_lexicon__word_may_hold(const nr_lex_word *w, int lex)
{
	return w->klen != VIEW_NOFOLD && w->klen != 0 && nr_lexicon__memo_may_hold(w, lex);
}

size_t nr_lexicon__word_all(const nr_lex_word *w, int lex, const nr_lex_entry **out, size_t cap)
{
	return nr_lexicon__memo_lookup(w, lex, w->raw, w->rlen, out, cap);
}

uint64_t nr_lexicon__word_classes(nr_lex_word *w)
{
	if (!(w->known & MEMO_CLASSES)) {
		const nr_lex_entry *all[NR_LEX_CLASS_ROWS];
		size_t n = nr_lexicon__word_may_hold(w, NR_LEX_WORD_CLASSES)
			       ? nr_lexicon__word_all(w, NR_LEX_WORD_CLASSES, all,
						      NR_ARRAY_LEN(all))
			       : 0;
		w->classes = 0;
		for (size_t k = 0; k < n && k < NR_ARRAY_LEN(all); k++)
			w->classes |= all[k]->classes_;
		w->known |= MEMO_CLASSES;
	}
	return w->classes;
}

/* ------------------------------------------------------------------ */
/* Views kept warm between analyses.                                   */

/* Analyses that may hold a warm view at once; more make their own. */
#define WARM_SLOTS 4
/* A warm view that remembers more phrases than this is made afresh
 * before its next analysis: memory stays bounded however varied the
 * articles (a view holds at most VIEW_MAX_PHRASES while one runs). */
#define WARM_MAX_PHRASES (1u << 15)

typedef struct warm_slot {
	atomic_flag busy;
	bool made;
	nr_arena arena;
	const nr_lexicon_set *view;
	uint64_t version; /* of the set when the view was made */
} warm_slot;

struct nr_lexicon_warm {
	warm_slot slot[WARM_SLOTS];
};

nr_lexicon_warm *nr_lexicon__warm_new(void)
{
	nr_lexicon_warm *w = calloc(1, sizeof(*w));
	if (!w)
		return NULL;
	for (int i = 0; i < WARM_SLOTS; i++)
		atomic_flag_clear(&w->slot[i].busy);
	return w;
}

void nr_lexicon__warm_free(nr_lexicon_warm *w)
{
	if (!w)
		return;
	for (int i = 0; i < WARM_SLOTS; i++)
		if (w->slot[i].made)
			nr_arena__free(&w->slot[i].arena);
	free(w);
}

/* Make slot k's view afresh unless it is current and within bounds. */
static const nr_lexicon_set *warm_view(warm_slot *k, const nr_lexicon_set *set, size_t hint)
{
	if (k->made && k->version == set->version && k->view->cache &&
	    k->view->cache->n <= WARM_MAX_PHRASES)
		return k->view;
	/* The memory of the view made before is written again rather than
	 * new memory. */
	if (k->made)
		nr_arena__reset(&k->arena);
	else
		nr_arena__init(&k->arena);
	k->made = true;
	k->version = set->version;
	/* Room for the vocabulary of many articles from the start. */
	k->view = nr_lexicon__view(set, &k->arena, hint > 8192 ? hint : 8192);
	return k->view;
}

const nr_lexicon_set *nr_lexicon__borrow_view(const nr_lexicon *lex, nr_arena *arena, size_t hint,
					      int *slot)
{
	*slot = -1;
	if (lex->set->cache || !lex->warm)
		return nr_lexicon__view(lex->set, arena, hint);
	for (int i = 0; i < WARM_SLOTS; i++) {
		warm_slot *k = &lex->warm->slot[i];
		if (atomic_flag_test_and_set_explicit(&k->busy, memory_order_acquire))
			continue;
		*slot = i;
		return warm_view(k, lex->set, hint);
	}
	return nr_lexicon__view(lex->set, arena, hint);
}

void nr_lexicon__give_back(const nr_lexicon *lex, int slot)
{
	if (slot >= 0)
		atomic_flag_clear_explicit(&lex->warm->slot[slot].busy, memory_order_release);
}
