/*
 * view.c - per-article views of a lexicon set: the memo of what each
 * phrase asked about folds to and which hash chains hold it.
 */
#include "lexicon/lexicon_int.h"

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
	const size_t align = _Alignof(memo);
	size = (size + align - 1) & ~(align - 1);
	if (c->pool_left < size) {
		size_t want = size > VIEW_POOL ? size : VIEW_POOL;
		char *chunk = nr_arena__alloc(c->arena, want);
		if (!chunk)
			return NULL;
		c->pool = chunk;
		c->pool_left = want;
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
	c->slots = ns; /* the old array stays in the arena until it goes */
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
	char key[LEX_MAXKEY + 1];
	size_t klen;
	uint64_t kh = 0;
	bool folds = nr_lexicon__fold_key(raw, len, key, &klen, &kh);
	if (!folds)
		klen = 0;
	/* One allocation: the memo, then raw and key with their NULs. */
	memo *p = memo_alloc(c, sizeof(*p) + len + klen + 2);
	if (!p)
		return NULL;
	char *rcopy = (char *)(p + 1), *kcopy = rcopy + len + 1;
	copy_short(rcopy, raw, len);
	rcopy[len] = '\0';
	copy_short(kcopy, key, klen);
	kcopy[klen] = '\0';
	p->hash = h;
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
	p->prefix = false;
	p->known = 0;
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
	c->pool = NULL;
	c->pool_left = 0;
	/* A shallow copy: the tables are shared and only read through it. */
	*v = *set;
	nr_arena__init(&v->arena);
	v->cache = c;
	return v;
}
