/*
 * lexicon.c - news.lexicon: sets of word sequences, matched on word
 * boundaries, case-insensitively (ASCII), with common English inflections
 * of the first and last word generated unless the list says
 * `exact = true`; or a lexicon of the core (built-in or loaded), by name.
 *
 * A lexicon is a hash set in C: its keys are the entries' words lowered
 * and joined by single spaces, hashed word by word, so that a text's
 * words, hashed once (nr_lexicon__article_words: once per article, for
 * every rule), are looked up without building a string. An entry may have
 * any number of words up to NR_LEX_KEY_MAX bytes: every word prefix of an
 * entry is in the set too (as a prefix), so a match at a word goes on
 * only while the words so far begin some entry, and a long entry costs
 * nothing where the text does not follow it. Its memory is the state's
 * (charged to the rules' budget); the Lua table of its forms, which lint
 * and news.keywords read, is made only when they ask.
 */
#include "lua/objects.h"

#include <stdlib.h>
#include <string.h>

/* Longest entry, its words lowered and joined by single spaces. Every
 * form of the core's lexicons fits (they are at most 200 bytes). */
#define NR_LEX_KEY_MAX 256

enum { LX_EMPTY, LX_PREFIX, LX_FORM, LX_CASED };

typedef struct lx_slot {
	uint64_t hash;
	uint32_t key;   /* offset of the key in bytes */
	uint32_t cased; /* LX_CASED: offset of the form as written (klen bytes) */
	uint16_t klen;
	uint8_t kind; /* LX_* */
} lx_slot;

/* User values: 1 the table of forms (nil until asked for), 2 the slots,
 * 3 the bytes of the keys; a lexicon borrowed from the rule set
 * (nr_lexshare) has no 2 and 3: its slots and bytes are the set's. */
typedef struct l_lexicon {
	int maxwords;
	int nentries;
	/* Bitmap of hashed first words: most words of a text start no entry,
	 * and this says so without a probe. */
	uint64_t first[64];
	lx_slot *slots;
	uint32_t mask, used;
	char *bytes;
	size_t nbytes, capbytes;
} l_lexicon;

#define LX_SEED 0x84222325cbf29ce4ull

/* The hash of a key, word by word: what the words of a text give too. */
static uint64_t key_mix(uint64_t h, uint32_t word)
{
	h ^= word;
	h *= 0x9E3779B97F4A7C15ull;
	return h ^ (h >> 31);
}

static uint64_t key_hash(const char *key, size_t klen)
{
	uint64_t h = LX_SEED;
	for (size_t p = 0; p <= klen;) {
		const char *sp = memchr(key + p, ' ', klen - p);
		size_t e = sp ? (size_t)(sp - key) : klen;
		h = key_mix(h, nr_lexicon__word_hash(key + p, e - p));
		p = e + 1;
	}
	return h;
}

static void mark_first(l_lexicon *lx, const char *key, size_t klen)
{
	const char *sp = memchr(key, ' ', klen);
	unsigned b = nr_lexicon__word_hash(key, sp ? (size_t)(sp - key) : klen) & 4095u;
	lx->first[b >> 6] |= 1ull << (b & 63);
}

static bool maybe_first(const l_lexicon *lx, uint32_t word_hash)
{
	unsigned b = word_hash & 4095u;
	return (lx->first[b >> 6] >> (b & 63)) & 1u;
}

/* ---- the set ------------------------------------------------------------- */

/* The slot of key, or the empty slot where it would go. */
static lx_slot *slot_of(const l_lexicon *lx, uint64_t h, const char *key, size_t klen)
{
	for (uint32_t i = (uint32_t)h & lx->mask;; i = (i + 1) & lx->mask) {
		lx_slot *s = &lx->slots[i];
		if (s->kind == LX_EMPTY ||
		    (s->hash == h && s->klen == klen && !memcmp(lx->bytes + s->key, key, klen)))
			return s;
	}
}

/* Room for one more key of klen bytes and a form as written. */
static void reserve(lua_State *L, int lexidx, l_lexicon *lx, size_t klen)
{
	if ((lx->used + 1) * 2 > lx->mask + 1) {
		uint32_t cap = (lx->mask + 1) * 2;
		lx_slot *ns = lua_newuserdatauv(L, cap * sizeof(*ns), 0);
		memset(ns, 0, cap * sizeof(*ns));
		for (uint32_t i = 0; i <= lx->mask; i++) {
			const lx_slot *o = &lx->slots[i];
			if (o->kind == LX_EMPTY)
				continue;
			uint32_t j = (uint32_t)o->hash & (cap - 1);
			while (ns[j].kind != LX_EMPTY)
				j = (j + 1) & (cap - 1);
			ns[j] = *o;
		}
		lua_setiuservalue(L, lexidx, 2);
		lx->slots = ns;
		lx->mask = cap - 1;
	}
	if (lx->nbytes + 2 * klen > lx->capbytes) {
		size_t cap = lx->capbytes * 2 + 2 * klen;
		char *nb = lua_newuserdatauv(L, cap, 0);
		memcpy(nb, lx->bytes, lx->nbytes);
		lua_setiuservalue(L, lexidx, 3);
		lx->bytes = nb;
		lx->capbytes = cap;
	}
}

static uint32_t put_bytes(l_lexicon *lx, const char *s, size_t n)
{
	uint32_t at = (uint32_t)lx->nbytes;
	memcpy(lx->bytes + at, s, n);
	lx->nbytes += n;
	return at;
}

/* Set key to kind (cased: the form as written), inserting it when new;
 * an existing key keeps its slot. Returns the slot. */
static lx_slot *put_key(lua_State *L, int lexidx, l_lexicon *lx, const char *key, size_t klen,
			int kind, bool insert_only)
{
	reserve(L, lexidx, lx, klen);
	uint64_t h = key_hash(key, klen);
	lx_slot *s = slot_of(lx, h, key, klen);
	if (s->kind == LX_EMPTY) {
		s->hash = h;
		s->key = put_bytes(lx, key, klen);
		s->klen = (uint16_t)klen;
		s->kind = (uint8_t)kind;
		lx->used++;
	} else if (!insert_only) {
		s->kind = (uint8_t)kind;
	}
	return s;
}

/* Every word prefix of key is a prefix unless it is an entry itself:
 * a match goes on past a word only while the words so far begin one. */
static void mark_prefixes(lua_State *L, int lexidx, l_lexicon *lx, const char *key, size_t klen)
{
	for (size_t p = 1; p < klen; p++)
		if (key[p] == ' ')
			put_key(L, lexidx, lx, key, p, LX_PREFIX, true);
}

/* A key is a form, or a form as written when the entry only matches with
 * that case ("US" the country, not "us"). A case-insensitive entry wins
 * over an exact-case one with the same key. */
static void set_key(lua_State *L, int lexidx, l_lexicon *lx, const char *key, size_t klen,
		    const char *cased)
{
	mark_first(lx, key, klen);
	mark_prefixes(L, lexidx, lx, key, klen);
	if (!cased) {
		put_key(L, lexidx, lx, key, klen, LX_FORM, false);
		return;
	}
	reserve(L, lexidx, lx, klen);
	lx_slot *s = slot_of(lx, key_hash(key, klen), key, klen);
	if (s->kind == LX_FORM)
		return;
	s = put_key(L, lexidx, lx, key, klen, LX_CASED, false);
	s->cased = put_bytes(lx, cased, klen);
}

static void lower_append(char *key, size_t *klen, const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = w[i];
		key[(*klen)++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
	}
}

static bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static bool ascii_word(const char *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (w[i] < 'a' || w[i] > 'z')
			return false;
	return true;
}

/* Forms of w (lowercase ASCII) a verb or noun takes in news text. */
static int inflect(const char *w, size_t n, char forms[][48], int max)
{
	int k = 0;
#define ADD(...)                                               \
	do {                                                   \
		if (k < max)                                   \
			snprintf(forms[k++], 48, __VA_ARGS__); \
	} while (0)
	if (n < 3 || n > 40 || !ascii_word(w, n))
		return 0;
	char last = w[n - 1], prev = w[n - 2];
	int ni = (int)n;
	if (last == 'e') {
		ADD("%.*ss", ni, w);
		ADD("%.*sd", ni, w);
		if (prev == 'i')
			ADD("%.*sying", ni - 2, w);
		else if (prev == 'e')
			ADD("%.*sing", ni, w);
		else
			ADD("%.*sing", ni - 1, w);
	} else if (last == 'y' && !is_vowel(prev)) {
		ADD("%.*sies", ni - 1, w);
		ADD("%.*sied", ni - 1, w);
		ADD("%.*sing", ni, w);
	} else {
		bool sib = last == 's' || last == 'x' || last == 'z' ||
			   (last == 'h' && (prev == 'c' || prev == 's'));
		ADD("%.*s%s", ni, w, sib ? "es" : "s");
		ADD("%.*sed", ni, w);
		ADD("%.*sing", ni, w);
		/* ban -> banned, admit -> admitted: doubling after a short vowel. */
		if (!is_vowel(last) && last != 'w' && last != 'x' && last != 'y' &&
		    is_vowel(prev) && n >= 3 && !is_vowel(w[n - 3])) {
			ADD("%.*s%ced", ni, w, last);
			ADD("%.*s%cing", ni, w, last);
		}
	}
#undef ADD
	return k;
}

/* The most words an entry of NR_LEX_KEY_MAX bytes can have. */
#define NR_LEX_MAX_WORDS (NR_LEX_KEY_MAX / 2)

/* Normalise an entry into its words; returns the count, or -1 when the
 * words do not fit in a key. */
static int entry_words(const char *s, size_t len, size_t ws[], size_t we[])
{
	int n = 0;
	size_t pos = 0, a, b, klen = 0;
	while (nr_lexicon__next_word(s, len, pos, &a, &b)) {
		klen += (n ? 1 : 0) + (b - a);
		if (n == NR_LEX_MAX_WORDS || klen >= NR_LEX_KEY_MAX)
			return -1;
		ws[n] = a;
		we[n] = b;
		n++;
		pos = b;
	}
	return n;
}

/* Add one entry (and its inflections) to the set table at `set`. */
static int add_entry(lua_State *L, int lexidx, l_lexicon *lx, const char *s, size_t len, bool exact,
		     bool cased)
{
	size_t ws[NR_LEX_MAX_WORDS], we[NR_LEX_MAX_WORDS];
	int n = entry_words(s, len, ws, we);
	if (n < 0) {
		char msg[160];
		snprintf(msg, sizeof(msg), "news.lexicon: entry '%.40s...' is longer than %d bytes",
			 s, NR_LEX_KEY_MAX - 1);
		return luaL_error(L, "%s", msg);
	}
	if (n == 0)
		return 0;
	char key[NR_LEX_KEY_MAX], raw[NR_LEX_KEY_MAX];
	size_t klen = 0, rlen = 0;
	for (int i = 0; i < n; i++) {
		if (i) {
			key[klen++] = ' ';
			raw[rlen++] = ' ';
		}
		lower_append(key, &klen, s + ws[i], we[i] - ws[i]);
		memcpy(raw + rlen, s + ws[i], we[i] - ws[i]);
		rlen += we[i] - ws[i];
	}
	set_key(L, lexidx, lx, key, klen, cased ? raw : NULL);
	if (exact || cased)
		return n;
	/* Inflect the first word (verbs: "accuse of") and the last (nouns:
	 * "foreign minister"). */
	for (int which = 0; which < (n > 1 ? 2 : 1); which++) {
		int wi = which ? n - 1 : 0;
		char w[48];
		size_t wl = 0;
		if (we[wi] - ws[wi] >= sizeof(w))
			continue;
		lower_append(w, &wl, s + ws[wi], we[wi] - ws[wi]);
		char forms[8][48];
		int nf = inflect(w, wl, forms, 8);
		for (int f = 0; f < nf; f++) {
			char k2[NR_LEX_KEY_MAX];
			size_t k2len = 0;
			bool fits = true;
			for (int i = 0; i < n && fits; i++) {
				const char *part = s + ws[i];
				size_t plen = we[i] - ws[i];
				if (i)
					k2[k2len++] = ' ';
				if (i == wi) {
					size_t fl = strlen(forms[f]);
					if (k2len + fl >= sizeof(k2)) {
						fits = false;
						break;
					}
					memcpy(k2 + k2len, forms[f], fl);
					k2len += fl;
				} else {
					if (k2len + plen >= sizeof(k2)) {
						fits = false;
						break;
					}
					lower_append(k2, &k2len, part, plen);
				}
			}
			if (fits)
				set_key(L, lexidx, lx, k2, k2len, NULL);
		}
	}
	return n;
}

static l_lexicon *new_lexicon(lua_State *L)
{
	l_lexicon *lx = lua_newuserdatauv(L, sizeof(*lx), 3);
	memset(lx, 0, sizeof(*lx));
	nr_lua__set_type(L, NR_T_LEXICON);
	lx->slots = lua_newuserdatauv(L, 16 * sizeof(lx_slot), 0);
	memset(lx->slots, 0, 16 * sizeof(lx_slot));
	lx->mask = 15;
	lua_setiuservalue(L, -2, 2);
	lx->bytes = lua_newuserdatauv(L, 256, 0);
	lx->capbytes = 256;
	lua_setiuservalue(L, -2, 3);
	return lx;
}

static void lexicon_add(lua_State *L, int lexidx, const char *s, size_t len, bool exact, bool cased)
{
	lexidx = lua_absindex(L, lexidx);
	l_lexicon *lx = lua_touserdata(L, lexidx);
	int n = add_entry(L, lexidx, lx, s, len, exact, cased);
	if (n > lx->maxwords)
		lx->maxwords = n;
	if (n > 0)
		lx->nentries++;
}

typedef struct builtin_walk {
	lua_State *L;
	int lx;
	const char *cls; /* class filter or NULL */
	size_t clslen;
	size_t added;
} builtin_walk;

/* Is `want` one of the '|'-separated classes in cls? */
static bool has_class(const char *cls, const char *want, size_t wl)
{
	for (const char *p = cls; *p;) {
		const char *bar = strchr(p, '|');
		size_t n = bar ? (size_t)(bar - p) : strlen(p);
		if (n == wl && !memcmp(p, want, wl))
			return true;
		if (!bar)
			break;
		p = bar + 1;
	}
	return false;
}

static int add_builtin(const nr_lex_entry *e, void *payload)
{
	builtin_walk *w = payload;
	if (w->cls && !has_class(e->cls, w->cls, w->clslen))
		return 0;
	/* The built-ins list every form (verbs: base, 3sg, past, participle,
	 * -ing), so nothing is inflected here. */
	lexicon_add(w->L, w->lx, e->phrase, strlen(e->phrase), true,
		    (e->flags & NR_LEXF_EXACT_CASE) != 0);
	w->added++;
	return 0;
}

/* Raise "no lexicon 'x' (built-in: countries, ...; loaded: watch, ...)". */
static int no_such_lexicon(lua_State *L, const nr_lexicon_set *set, const char *spec)
{
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	lua_pushfstring(L, "news.lexicon: no lexicon '%s' (built-in: ", spec);
	luaL_addvalue(&b);
	int n = nr_lexicon__count(set);
	for (int i = 0; i < n; i++) {
		if (i == NR_LEX_BUILTIN_COUNT)
			luaL_addstring(&b, "; loaded: ");
		else if (i)
			luaL_addstring(&b, ", ");
		luaL_addstring(&b, nr_lexicon__name(set, i));
	}
	luaL_addstring(&b, n > NR_LEX_BUILTIN_COUNT ? ")" : "; none loaded)");
	luaL_pushresult(&b);
	return lua_error(L);
}

/*
 * A built-in lexicon ("speech_verbs:accuse") is the same in every state of
 * a rule set: the first state to build one while the set loads copies it
 * into the set (slots and key bytes in plain memory), and every later
 * state -- the other files' loading states, every scanner on any thread --
 * borrows that copy instead of building its own. The set's list only grows
 * while files load, one at a time; once the set is frozen it is read-only.
 * The memory is the set's, as for its shared regexes.
 */
struct nr_lexshare {
	const nr_lexicon_set *set; /* what it was built from */
	char *spec;
	size_t len;
	l_lexicon lx; /* slots and bytes malloc'ed */
};

void nr_news__lexshare_free(struct nr_lexshare *sh)
{
	if (!sh)
		return;
	free(sh->spec);
	free(sh->lx.slots);
	free(sh->lx.bytes);
	free(sh);
}

static const struct nr_lexshare *find_lexshare(const nr_sandbox *sb, const nr_lexicon_set *set,
					       const char *spec, size_t len)
{
	const nr_ruleset *rs = !sb ? NULL : sb->shared ? sb->shared : sb->loading;
	for (size_t i = 0; rs && i < rs->nlexshare; i++) {
		const struct nr_lexshare *sh = rs->lexshare[i];
		if (sh->set == set && sh->len == len && !memcmp(sh->spec, spec, len))
			return sh;
	}
	return NULL;
}

/* Keep a copy of the lexicon just built in the loading set; on no memory,
 * nothing is kept (later states build their own). */
static void add_lexshare(nr_sandbox *sb, const nr_lexicon_set *set, const char *spec, size_t len,
			 const l_lexicon *lx)
{
	nr_ruleset *rs = sb ? sb->loading : NULL;
	if (!rs || sb->shared)
		return;
	if (rs->nlexshare == rs->cap_lexshare &&
	    !nr__grow((void **)&rs->lexshare, &rs->cap_lexshare, sizeof(*rs->lexshare), 16))
		return;
	struct nr_lexshare *sh = calloc(1, sizeof(*sh));
	size_t nslots = (size_t)lx->mask + 1;
	if (sh) {
		sh->set = set;
		sh->len = len;
		sh->lx = *lx;
		sh->spec = nr__memdup0(spec, len);
		sh->lx.slots = malloc(nslots * sizeof(*lx->slots));
		sh->lx.bytes = malloc(lx->nbytes ? lx->nbytes : 1);
	}
	if (!sh || !sh->spec || !sh->lx.slots || !sh->lx.bytes) {
		nr_news__lexshare_free(sh);
		return;
	}
	memcpy(sh->lx.slots, lx->slots, nslots * sizeof(*lx->slots));
	memcpy(sh->lx.bytes, lx->bytes, lx->nbytes);
	sh->lx.capbytes = lx->nbytes;
	rs->lexshare[rs->nlexshare++] = sh;
}

/* A lexicon object over the set's copy. */
static void borrow_lexicon(lua_State *L, const struct nr_lexshare *sh)
{
	l_lexicon *lx = lua_newuserdatauv(L, sizeof(*lx), 3);
	*lx = sh->lx;
	nr_lua__set_type(L, NR_T_LEXICON);
}

/* news.lexicon("name") or ("name:class"): a lexicon of the core, built-in
 * or loaded (-L, a lexicons/ folder, nr_ruleset_add_lexicon()), built
 * once per rule set from its lexicon set (borrowed by every state, see
 * nr_lexshare) and cached per state. */
static int builtin_lexicon(lua_State *L, const char *spec, size_t len)
{
	lua_pushliteral(L, "b/");
	lua_pushlstring(L, spec, len);
	lua_concat(L, 2);
	int key = lua_gettop(L);
	if (nr_news__cache_get(L, key) == LUA_TUSERDATA)
		return 1;
	lua_pop(L, 1);
	nr_sandbox *sb = nr_sandbox__get(L);
	const nr_lexicon_set *set = nr_sandbox__lexicon(L)->set;
	const struct nr_lexshare *sh = find_lexshare(sb, set, spec, len);
	if (sh) {
		borrow_lexicon(L, sh);
		nr_news__cache_put(L, key, -1);
		return 1;
	}
	const char *colon = memchr(spec, ':', len);
	size_t nlen = colon ? (size_t)(colon - spec) : len;
	char name[72];
	int id = -1;
	if (nlen < sizeof(name)) {
		memcpy(name, spec, nlen);
		name[nlen] = '\0';
		id = nr_lexicon__id(set, name);
	}
	if (id < 0 || strlen(spec) != len)
		return no_such_lexicon(L, set, lua_tostring(L, key) + 2);
	l_lexicon *lx = new_lexicon(L);
	builtin_walk w = { L, lua_gettop(L), colon ? colon + 1 : NULL, colon ? len - nlen - 1 : 0,
			   0 };
	nr_lexicon__foreach(set, id, add_builtin, &w);
	if (!w.added && w.cls)
		return luaL_error(L, "news.lexicon: no entry of class '%s' in '%s'", w.cls, name);
	add_lexshare(sb, set, spec, len, lx);
	nr_news__cache_put(L, key, -1);
	return 1;
}

int nr_news__lexicon(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TSTRING) {
		size_t len;
		const char *spec = lua_tolstring(L, 1, &len);
		return builtin_lexicon(L, spec, len);
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_getfield(L, 1, "exact");
	bool exact = lua_toboolean(L, -1);
	lua_pop(L, 1);
	new_lexicon(L);
	int lx = lua_gettop(L);
	lua_Integer n = luaL_len(L, 1);
	for (lua_Integer i = 1; i <= n; i++) {
		if ((i & 1023) == 0)
			nr_sandbox__poll(L); /* a long list (or a __len that says so) */
		if (lua_geti(L, 1, i) != LUA_TSTRING)
			return luaL_error(L, "news.lexicon: entry %d is a %s, not a string", (int)i,
					  luaL_typename(L, -1));
		size_t len;
		const char *s = lua_tolstring(L, -1, &len);
		lexicon_add(L, lx, s, len, exact, false);
		lua_pop(L, 1);
	}
	lua_settop(L, lx);
	return 1;
}

bool nr_news__is_lexicon(lua_State *L, int idx)
{
	return nr_lua__test(L, idx, NR_T_LEXICON) != NULL;
}

/* ---- matching ------------------------------------------------------------ */

/* Do the words w[0..n) of text, lowered and joined by single spaces (or,
 * lowered = false, as written), make the klen bytes at key? */
static bool words_are(const char *key, size_t klen, const char *text, const nr_lexword *w, int n,
		      bool lowered)
{
	size_t p = 0;
	for (int i = 0; i < n; i++) {
		if (i && (p >= klen || key[p++] != ' '))
			return false;
		size_t wl = w[i].end - w[i].start;
		if (p + wl > klen)
			return false;
		const char *t = text + w[i].start;
		for (size_t j = 0; j < wl; j++) {
			char c = t[j];
			if (lowered && c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != key[p + j])
				return false;
		}
		p += wl;
	}
	return p == klen;
}

/* A match in progress from a first word: the key so far, the end of the
 * longest entry found. */
typedef struct lx_walk {
	uint64_t h;
	size_t klen, best;
} lx_walk;

/* Take word n (w[0..n] the words from the first): false when no entry
 * begins with the words so far, so that the match is over. */
static bool walk_step(const l_lexicon *lx, lx_walk *k, const char *text, const nr_lexword *w, int n)
{
	size_t wl = w[n].end - w[n].start;
	if (n && k->klen + 1 >= NR_LEX_KEY_MAX)
		return false;
	k->klen += n ? 1 : 0;
	if (k->klen + wl >= NR_LEX_KEY_MAX)
		return false;
	k->klen += wl;
	k->h = key_mix(k->h, w[n].hash);
	for (uint32_t i = (uint32_t)k->h & lx->mask;; i = (i + 1) & lx->mask) {
		const lx_slot *s = &lx->slots[i];
		if (s->kind == LX_EMPTY)
			return false;
		if (s->hash != k->h || s->klen != k->klen ||
		    !words_are(lx->bytes + s->key, s->klen, text, w, n + 1, true))
			continue;
		if (s->kind == LX_FORM ||
		    (s->kind == LX_CASED &&
		     words_are(lx->bytes + s->cased, s->klen, text, w, n + 1, false)))
			k->best = w[n].end; /* the longest match at this start wins */
		return true;
	}
}

/* The first match in s[from..len), splitting the words as it goes: for
 * strings that are not an article's text, and the reference the words
 * split once per article must agree with. */
static int find_in_string(lua_State *L, const l_lexicon *lx, const char *s, size_t len, size_t from,
			  size_t *ms, size_t *me)
{
	nr_lexword w[NR_LEX_MAX_WORDS];
	size_t pos = from, ws, we;
	unsigned words = 0;
	while (nr_lexicon__next_word(s, len, pos, &ws, &we)) {
		if ((++words & 4095) == 0)
			nr_sandbox__poll(L); /* a text of any length */
		pos = we;
		uint32_t h = nr_lexicon__word_hash(s + ws, we - ws);
		if (we - ws >= NR_LEX_KEY_MAX || !maybe_first(lx, h))
			continue;
		w[0] = (nr_lexword){ (uint32_t)ws, (uint32_t)we, h };
		lx_walk k = { LX_SEED, 0, 0 };
		for (int n = 0; n < lx->maxwords; n++) {
			size_t a, b;
			if (n && !nr_lexicon__next_word(s, len, w[n - 1].end, &a, &b))
				break;
			if (n)
				w[n] = (nr_lexword){ (uint32_t)a, (uint32_t)b,
						     nr_lexicon__word_hash(s + a, b - a) };
			if (!walk_step(lx, &k, s, w, n))
				break;
		}
		if (k.best) {
			*ms = ws;
			*me = k.best;
			return 1;
		}
	}
	return 0;
}

/* Index of the first word starting at or after pos. */
static size_t word_at(const nr_lexword *w, size_t n, size_t pos)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (w[mid].start < pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The same on the article's words, split once: -1 when [from, len) cuts
 * a word (the words of the range are then not the article's). */
static int find_in_article(lua_State *L, const l_lexicon *lx, nr_article *a, const char *text,
			   size_t len, size_t from, size_t *ms, size_t *me)
{
	size_t nw;
	const nr_lexword *w = nr_lexicon__article_words(a, &nw);
	if (!w)
		return -1;
	size_t i = word_at(w, nw, from), j = word_at(w, nw, len);
	if ((i > 0 && w[i - 1].end > from) || (j > i && w[j - 1].end > len))
		return -1;
	for (size_t k = i; k < j; k++) {
		if (((k - i + 1) & 4095) == 0)
			nr_sandbox__poll(L);
		if (w[k].end - w[k].start >= NR_LEX_KEY_MAX || !maybe_first(lx, w[k].hash))
			continue;
		lx_walk st = { LX_SEED, 0, 0 };
		size_t lim = j - k < (size_t)lx->maxwords ? j - k : (size_t)lx->maxwords;
		for (size_t n = 0; n < lim; n++)
			if (!walk_step(lx, &st, text, w + k, (int)n))
				break;
		if (st.best) {
			*ms = w[k].start;
			*me = st.best;
			return 1;
		}
	}
	return 0;
}

int nr_news__lexicon_find(lua_State *L, int lex_idx, nr_article *a, const char *s, size_t len,
			  size_t from, size_t *ms, size_t *me)
{
	const l_lexicon *lx = lua_touserdata(L, lex_idx);
	if (lx->maxwords == 0 || from > len)
		return 0;
	if (a && s == nr_article_text(a, NULL)) {
		int found = find_in_article(L, lx, a, s, len, from, ms, me);
		if (found >= 0)
			return found;
	}
	return find_in_string(L, lx, s, len, from, ms, me);
}

/* s:has("word") asks for the same few words on every sentence of every
 * article: a table keyed by the word string itself (no key to build)
 * answers before the running file's cache, and is dropped for a new one
 * when it holds NR_WORDS_MAX words, so that it stays small. */
#define NR_WORDS_MAX 256
static const char WORDS_KEY = 'w';

void nr_news__lexicon_word(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	if (lua_rawgetp(L, LUA_REGISTRYINDEX, &WORDS_KEY) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_createtable(L, 0, 16);
		lua_pushvalue(L, -1);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &WORDS_KEY);
	}
	int words = lua_gettop(L);
	lua_pushvalue(L, idx);
	if (lua_rawget(L, words) == LUA_TUSERDATA) {
		lua_remove(L, words);
		return;
	}
	lua_pop(L, 1);
	size_t len;
	const char *w = lua_tolstring(L, idx, &len);
	lua_pushliteral(L, "w/");
	lua_pushvalue(L, idx);
	lua_concat(L, 2);
	int key = lua_gettop(L);
	if (nr_news__cache_get(L, key) != LUA_TUSERDATA) {
		lua_pop(L, 1);
		new_lexicon(L);
		lexicon_add(L, lua_gettop(L), w, len, false, false);
		nr_news__cache_put(L, key, -1);
	}
	lua_remove(L, key);
	/* count at [0]: words are strings, so no key collides with it */
	lua_rawgeti(L, words, 0);
	lua_Integer n = lua_tointeger(L, -1) + 1;
	lua_pop(L, 1);
	if (n > NR_WORDS_MAX) {
		lua_createtable(L, 0, 16);
		lua_replace(L, words);
		lua_pushvalue(L, words);
		lua_rawsetp(L, LUA_REGISTRYINDEX, &WORDS_KEY);
		n = 1;
	}
	lua_pushinteger(L, n);
	lua_rawseti(L, words, 0);
	lua_pushvalue(L, idx);
	lua_pushvalue(L, -2);
	lua_rawset(L, words);
	lua_remove(L, words);
}

/* ---- the table of forms (lint, news.keywords) ---------------------------- */

/* Push the forms table of the lexicon at idx, made on first use. */
static void push_forms_table(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	if (lua_getiuservalue(L, idx, 1) == LUA_TTABLE)
		return;
	lua_pop(L, 1);
	const l_lexicon *lx = lua_touserdata(L, idx);
	lua_createtable(L, 0, (int)lx->used);
	for (uint32_t i = 0; i <= lx->mask; i++) {
		const lx_slot *s = &lx->slots[i];
		if (s->kind == LX_EMPTY)
			continue;
		lua_pushlstring(L, lx->bytes + s->key, s->klen);
		if (s->kind == LX_CASED)
			lua_pushlstring(L, lx->bytes + s->cased, s->klen);
		else
			lua_pushboolean(L, s->kind == LX_FORM);
		lua_rawset(L, -3);
	}
	lua_pushvalue(L, -1);
	lua_setiuservalue(L, idx, 1);
}

void nr_news__entry_forms(lua_State *L, const char *s, size_t len)
{
	l_lexicon *lx = new_lexicon(L);
	add_entry(L, lua_gettop(L), lx, s, len, false, false);
	push_forms_table(L, -1);
	lua_remove(L, -2);
}

void nr_news__lexicon_forms(lua_State *L, int idx)
{
	nr_lua__check(L, idx, NR_T_LEXICON);
	push_forms_table(L, idx);
}

bool nr_news__lexicon_is_form(lua_State *L, int idx)
{
	return lua_type(L, idx) != LUA_TBOOLEAN || lua_toboolean(L, idx);
}

static int lexicon_tostring(lua_State *L)
{
	l_lexicon *lx = nr_lua__check(L, 1, NR_T_LEXICON);
	lua_pushfstring(L, NR_MT_LEXICON "(%d entries)", lx->nentries);
	return 1;
}

/* lex:match(s) -> start, stop (1-based, inclusive) of the first entry in s. */
static int lexicon_find_m(lua_State *L)
{
	nr_lua__check(L, 1, NR_T_LEXICON);
	size_t len, ms, me;
	const char *s = luaL_checklstring(L, 2, &len);
	if (!nr_news__lexicon_find(L, 1, NULL, s, len, 0, &ms, &me)) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushinteger(L, (lua_Integer)ms + 1);
	lua_pushinteger(L, (lua_Integer)me);
	return 2;
}

/* lex:test(s): a string, or a span (entity, quote, ...) of the article,
 * whose words are the article's, split once. */
static int lexicon_test(lua_State *L)
{
	nr_lua__check(L, 1, NR_T_LEXICON);
	size_t len, ms, me;
	if (lua_type(L, 2) == LUA_TUSERDATA) {
		uint32_t s0, e0;
		nr_article *a = nr_lua__check_spanlike(L, 2, &s0, &e0)->a;
		const char *text = nr_article_text(a, NULL);
		lua_pushboolean(L, nr_news__lexicon_find(L, 1, a, text, e0, s0, &ms, &me));
		return 1;
	}
	const char *s = luaL_checklstring(L, 2, &len);
	lua_pushboolean(L, nr_news__lexicon_find(L, 1, NULL, s, len, 0, &ms, &me));
	return 1;
}

void nr_news__lexicon_open(lua_State *L)
{
	static const luaL_Reg methods[] = {
		{ "find", lexicon_find_m },
		{ "test", lexicon_test },
		{ NULL, NULL },
	};
	static const nr_lua_type type = {
		NR_MT_LEXICON, methods, NULL, lexicon_tostring, NULL, NULL
	};
	nr_lua__new_type(L, &type);
}
