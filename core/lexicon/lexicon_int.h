/*
 * lexicon_int.h - what the files of the lexicon stage share: the hash
 * tables of folded forms, the built-ins and set structs, the loader of
 * data rows, and the memo a per-article view keeps. Only the files of
 * core/lexicon include it; lexicon.h stays the stage's header.
 */
#ifndef NR_LEXICON_INT_H
#define NR_LEXICON_INT_H

#include "lexicon/lexicon.h"

#include <stdatomic.h>
#include <string.h>

/* Longest folded form; longer rows are rejected so lookups can fold into
 * a stack buffer without allocating. */
#define LEX_MAXKEY 200
#define LEX_MAXCOLS 8
#define LEX_MAXLIST 64

/* Names of the built-in lexicons, by nr_lex_id (lexicon.c). */
extern const char *const nr_lexicon__builtin_names[NR_LEX_BUILTIN_COUNT];

/* ------------------------------------------------------------------ */
/* fold.c: folding phrases into keys, and the keys' hash.                */

/*
 * Append s[0..len) to out[*n..cap) folded (fold) or as is, whitespace
 * runs made one space; *pending_space carries a run across calls. False
 * when it does not fit.
 */
bool nr_lexicon__norm_append(char *out, size_t *n, size_t cap, const char *s, size_t len, bool fold,
			     bool *pending_space);
/* Does s[0..len), whitespace folded and trimmed, equal phrase exactly? */
bool nr_lexicon__raw_equals(const char *phrase, const char *s, size_t len);
/* The hash of a folded key, as the tables store it: the core's one hash
 * (base/hash.c), never 0, as 0 marks an empty prefix slot. */
static inline uint64_t nr_lexicon__key_hash(const char *key, size_t len)
{
	return nr_hash__bytes(key, len) | 1;
}
/*
 * Fold a phrase into a fresh key (key[LEX_MAXKEY + 1]) and hash it as
 * nr_lexicon__key_hash() does. False when the phrase does not fit.
 */
bool nr_lexicon__fold_key(const char *s, size_t len, char *key, size_t *klen, uint64_t *h);
/*
 * The key of s[0..len) (len <= LEX_MAXKEY) when it is printable ASCII
 * without spaces, which is what nearly every word of news is: its capitals
 * lowered, eight bytes at a time, into key (room for len + 8 bytes; not
 * NUL-terminated). *same says that there were none. False, with key
 * undefined, for any other phrase: fold it with nr_lexicon__fold_key().
 */
bool nr_lexicon__ascii_key(const char *s, size_t len, char *key, bool *same);

/* ------------------------------------------------------------------ */
/* table.c: one open-addressing table of folded forms.                   */

typedef struct lex_table {
	nr_lex_entry **slots; /* chain heads, one per distinct key */
	size_t cap, nkeys;
	uint64_t *prefixes; /* hashes of every word prefix of every key */
	size_t pcap, nprefixes;
	size_t maxkey;
	/* Per built-in lexicon, a Bloom filter of the first words of its keys,
	 * by a hash cheap enough to ask about every word of an article
	 * (nr_lexicon__maybe_start); NULL until the first insert. */
	uint64_t *bloom;
	/* The first words of keys of two words or more, by their key's hash,
	 * each with the built-in lexicons (nr_lexicon__lex_bit) that have
	 * such a key: which lexicons a word may start a phrase of, in one
	 * probe (nr_lexicon__word_may_start). */
	uint64_t *skeys;
	uint32_t *smasks;
	size_t scap, nstarts;
} lex_table;

void nr_lexicon__table_free(lex_table *t);
/* The chain of entries whose folded key is key[0..len) (hash h), or NULL.
 * Inline: every look-up of a word probes here, mostly in vain. */
static inline const nr_lex_entry *nr_lexicon__table_find(const lex_table *t, const char *key,
							 size_t len, uint64_t h)
{
	if (!t->cap || len > t->maxkey)
		return NULL;
	size_t j = (size_t)(h >> 1) & (t->cap - 1);
	for (const nr_lex_entry *e; (e = t->slots[j]) != NULL; j = (j + 1) & (t->cap - 1)) {
		if (e->hash_ == h && e->keylen_ == len && memcmp(e->key_, key, len) == 0)
			return e;
	}
	return NULL;
}
/* Insert e (key fields set) at the end of its key's chain. */
bool nr_lexicon__table_insert(lex_table *t, nr_lex_entry *e);
/* Does some key of t start with the words whose key hashes to h? */
bool nr_lexicon__prefix_has(const lex_table *t, uint64_t h);
/* The built-in lexicons (nr_lexicon__lex_bit) with a key in t of two
 * words or more whose first word's key hashes to h. */
uint32_t nr_lexicon__starts_of(const lex_table *t, uint64_t h);
/* The canonical name of a known country (its "name" entry), or NULL. */
const nr_lex_entry *nr_lexicon__country_name(const lex_table *t, const char *s);

/* ------------------------------------------------------------------ */
/* Built-ins and sets (lexicon.c, load.c).                               */

/* Class names of word_classes rows that masks have a bit for. */
#define LEX_MAXCLASSES 64

/* The slot of class name `name` in b->class_slots: where its bit index is
 * kept, or the empty slot where it would go (lexicon.c). */
size_t nr_lexicon__class_slot(const struct nr_lexicon_builtins *b, const char *name);

struct nr_lexicon_builtins {
	atomic_int refs;
	nr_arena arena;
	lex_table table;
	const char *class_names[LEX_MAXCLASSES]; /* bit i names class_names[i] */
	size_t nclass_names;
	uint8_t class_slots[LEX_MAXCLASSES * 4]; /* by name hash: bit index + 1, 0 empty */
	size_t rows[NR_LEX_BUILTIN_COUNT];
	size_t forms[NR_LEX_BUILTIN_COUNT];
	const nr_lex_entry **countries; /* the "name" entry of each country */
	size_t ncountries, capcountries;
};

/* The process's built-ins if they have been made already, else NULL
 * (never makes them): for a stage that can read them instead of parsing
 * a data file of its own (load.c). */
const struct nr_lexicon_builtins *nr_lexicon__builtins_made(void);

typedef struct lex_cache lex_cache;

struct nr_lexicon_set {
	nr_lexicon_builtins *b;
	nr_arena arena;
	lex_table user;
	char **names; /* user lexicon names; id = NR_LEX_BUILTIN_COUNT + i */
	size_t nnames;
	size_t *rows, *forms; /* user additions per id */
	lex_cache *cache;     /* views only (nr_lexicon__view): answers so far */
	uint64_t version;     /* bumped by every addition: views made before are stale */
};

/* The chains (user, then built-in) holding one folded key. */
static inline void nr_lexicon__find_chains(const nr_lexicon_set *s, const char *key, size_t klen,
					   uint64_t h, const nr_lex_entry *chains[2])
{
	chains[0] = nr_lexicon__table_find(&s->user, key, klen, h);
	chains[1] = nr_lexicon__table_find(&s->b->table, key, klen, h);
}

/* ------------------------------------------------------------------ */
/* load.c: data rows into forms.                                         */

/* What one parse of data needs to know. */
typedef struct lex_loader {
	nr_arena *arena;
	lex_table *table;
	const lex_table *other; /* built-ins, when loading user rows */
	nr_lexicon_builtins *b; /* for country checks and the code index */
	/* Whose class names word_classes rows take their bits from; new
	 * names are added only when it is b (the built-ins being made). */
	nr_lexicon_builtins *classes;
	int lex;
	const char *source;
	size_t line;
	bool strict;
	nr_buf *err;
	size_t *rows, *forms;
	/* The current row. */
	const char *const *fields;
	uint8_t nfields;
	int rc;
	/* The lenient reading (nr_lexicon__load_lenient): a row's failure
	 * goes to warn, not err, and the next row is read. */
	nr_lex_warn_fn warn;
	void *warn_payload;
	size_t nwarnings;
	char row_error[320];
} lex_loader;

/*
 * Parse data in the .tsv syntax into ld->table: NR_OK, or the first
 * error (NR_EPARSE, NR_ENOMEM) with "source:line: reason" in ld->err.
 * Rows before a bad one are kept.
 */
int nr_lexicon__parse(lex_loader *ld, const char *data, size_t len);

/* ------------------------------------------------------------------ */
/* morph.c: regular English verb inflection.                             */

/* The 3sg, past, past participle and -ing forms of the verb w (at most
 * 50 bytes) by the regular rules. */
void nr_lexicon__inflect(const char *w, char out[4][64]);

/* ------------------------------------------------------------------ */
/* view.c: what a per-article view remembers per phrase.                 */

#define VIEW_MAX_PHRASES (1u << 16) /* beyond this, look up uncached */
#define VIEW_NOFOLD UINT32_MAX      /* the phrase does not fold (too long) */

enum {
	MEMO_LEMMA = 0x01,  /* lemma is known */
	MEMO_PREFIX = 0x02, /* prefix is known */
	MEMO_POSS = 0x04,   /* poss[] is known */
	MEMO_STARTS = 0x08, /* starts is known */
	MEMO_CLASSES = 0x10 /* classes is known */
};

typedef struct nr_lex_word {
	/* What every token of the word reads, in its first cache line: what
	 * users keep on it, and what the probe compares. */
	nr_lex_word_head head; /* first: nr_lexicon__word_facts() */
	uint64_t hash;         /* of raw (nr_lexicon__view_hash) */
	uint64_t w0, w1;       /* raw's edge words, which are raw when rlen <= 16 */
	uint32_t rlen;
	uint32_t klen;                      /* folded length, or VIEW_NOFOLD */
	const char *raw;                    /* as written (arena copy) */
	const char *key;                    /* folded, NUL-terminated */
	uint64_t khash;                     /* nr_lexicon__key_hash() of key, when it folds */
	const nr_lex_entry *chains[2];      /* user, built-in chains for key */
	const nr_lex_entry *poss[2];        /* the same for key less a final 's */
	const char *lemma;                  /* nr_lexicon__lemma() */
	uint32_t lexmask;                   /* nr_lexicon__lex_bit() of every entry in chains */
	uint32_t starts;                    /* built-in lexicons with a phrase the key begins */
	uint64_t classes;                   /* nr_lexicon__word_classes() */
	bool prefix;                        /* key begins a longer listed phrase */
	uint8_t known;                      /* MEMO_*: what is filled in lazily */
	const void *refs[NR_LEX_WORD_REFS]; /* nr_lexicon__word_refs() */
} memo;

struct lex_cache {
	nr_arena *arena;
	memo **slots;
	size_t cap, n;
	uint32_t gen; /* analyses under the view (nr_lexicon__view_generation) */
	char *pool;   /* memos are carved from arena chunks of VIEW_POOL */
	size_t pool_left;
};

/* The edge words of s[0..n): its first and last eight bytes (four, when
 * shorter; its bytes one by one under four), which overlap and so hold
 * every byte of a string of 16 bytes or fewer. */
static inline void nr_lexicon__edges(const char *s, size_t n, uint64_t *w0, uint64_t *w1)
{
	if (n >= 8) {
		memcpy(w0, s, 8);
		memcpy(w1, s + n - 8, 8);
	} else if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		*w0 = a;
		*w1 = b;
	} else {
		*w0 = n ? (unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8 |
			      (uint64_t)(unsigned char)s[n - 1] << 16
			: 0;
		*w1 = 0;
	}
}

/* The hash a view's memo table keys raw text by: the edge words mixed
 * with the length, and the middle of what is longer than 16 bytes. A
 * probe that matches hash, length and edge words has found a string of
 * 16 bytes or fewer without reading it again. */
static inline uint64_t nr_lexicon__view_hash(const char *s, size_t n, uint64_t w0, uint64_t w1)
{
	uint64_t h = (w0 * 0x9e3779b97f4a7c15ull) ^ (w1 * 0xbf58476d1ce4e5b9ull) ^ n;
	for (size_t i = 8; i + 8 < n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0x94d049bb133111ebull;
	}
	return h ^ (h >> 31);
}

/*
 * The first time a view sees raw[0..len): fold it, find its chains and
 * remember them in the empty slot j that the probe for hash h ended at.
 * NULL when memory is short or the view is full.
 */
memo *nr_lexicon__memo_add(const nr_lexicon_set *s, const char *raw, size_t len, uint64_t h,
			   size_t j);
/* nr_lexicon__lookup_all() for a phrase the view knows (table.c). */
size_t nr_lexicon__memo_lookup(const memo *p, int lex, const char *raw, size_t len,
			       const nr_lex_entry **out, size_t cap);

/* A lexicon's bit in memo.lexmask; the ids past 30 share the last one. */
static inline uint32_t nr_lexicon__lex_bit(int lex) { return lex < 31 ? 1u << lex : 1u << 31; }

/* Can the chains hold an entry of lexicon lex? Most look-ups of a word in
 * one lexicon fail: this says so without walking the chains. */
static inline bool nr_lexicon__memo_may_hold(const memo *p, int lex)
{
	return lex == NR_LEX_ANY ? p->lexmask != 0 : (p->lexmask & nr_lexicon__lex_bit(lex)) != 0;
}

/* The record of raw[0..len) (hash h, edge words w0 w1) in c, or NULL and
 * in *j the empty slot where it would go. */
static inline memo *nr_lexicon__memo_probe(const lex_cache *c, const char *raw, size_t len,
					   uint64_t h, uint64_t w0, uint64_t w1, size_t *j)
{
	size_t k = (size_t)h & (c->cap - 1);
	for (memo *p; (p = c->slots[k]) != NULL; k = (k + 1) & (c->cap - 1)) {
		if (p->hash == h && p->rlen == len && p->w0 == w0 && p->w1 == w1 &&
		    (len <= 16 || memcmp(p->raw, raw, len) == 0))
			return p;
	}
	*j = k;
	return NULL;
}

/*
 * What the view knows about raw[0..len), folding and finding it the first
 * time. NULL when this set is not a view or memory is short: the caller
 * then looks up uncached. Inline: every look-up of an article probes here.
 */
static inline memo *nr_lexicon__memo_get(const nr_lexicon_set *s, const char *raw, size_t len)
{
	lex_cache *c = s->cache;
	/* Text far longer than any key is not worth remembering. */
	if (!c || len > LEX_MAXKEY * 4)
		return NULL;
	uint64_t w0, w1;
	nr_lexicon__edges(raw, len, &w0, &w1);
	uint64_t h = nr_lexicon__view_hash(raw, len, w0, w1);
	size_t j;
	memo *p = nr_lexicon__memo_probe(c, raw, len, h, w0, w1, &j);
	return p ? p : nr_lexicon__memo_add(s, raw, len, h, j);
}

#endif /* NR_LEXICON_INT_H */
