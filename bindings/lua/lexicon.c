/*
 * lexicon.c - news.lexicon: sets of word sequences, matched on word
 * boundaries, case-insensitively (ASCII), with common English inflections
 * of the first and last word generated unless the list says
 * `exact = true`; or a lexicon of the core (built-in or loaded), by name.
 *
 * An entry may have any number of words up to NR_LEX_KEY_MAX bytes: every
 * word prefix of an entry is in the set too (as `false`), so a match at a
 * word goes on only while the words so far begin some entry, and a long
 * entry costs nothing where the text does not follow it.
 */
#include "lua/objects.h"

#include <stdlib.h>
#include <string.h>

/* Longest entry, its words lowered and joined by single spaces. Every
 * form of the core's lexicons fits (they are at most 200 bytes). */
#define NR_LEX_KEY_MAX 256

typedef struct l_lexicon {
	int maxwords;
	int nentries;
	/* Bitmap of hashed first words: most words of a text start no entry,
	 * and this says so without touching the Lua table. */
	uint64_t first[64];
} l_lexicon;

static unsigned word_bit(const char *w, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)w[i];
		h *= 16777619u;
	}
	return h & 4095u;
}

static void mark_first(l_lexicon *lx, const char *key, size_t klen)
{
	const char *sp = memchr(key, ' ', klen);
	unsigned b = word_bit(key, sp ? (size_t)(sp - key) : klen);
	lx->first[b >> 6] |= 1ull << (b & 63);
}

static bool maybe_first(const l_lexicon *lx, const char *w, size_t n)
{
	unsigned b = word_bit(w, n);
	return (lx->first[b >> 6] >> (b & 63)) & 1u;
}

static bool word_cp(uint32_t cp)
{
	return nr_uc__is_alpha(cp) || nr_uc__is_digit(cp) || (cp >= '0' && cp <= '9') ||
	       (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

/* Next word at or after pos: letters and digits, joined by inner hyphens. */
static bool next_word(const char *s, size_t len, size_t pos, size_t *ws, size_t *we)
{
	uint32_t cp;
	while (pos < len) {
		size_t n = nr_utf8__decode(s + pos, len - pos, &cp);
		if (word_cp(cp))
			break;
		pos += n;
	}
	if (pos >= len)
		return false;
	*ws = pos;
	while (pos < len) {
		size_t n = nr_utf8__decode(s + pos, len - pos, &cp);
		if (word_cp(cp)) {
			pos += n;
			continue;
		}
		if (cp == '-' && pos + 1 < len) {
			uint32_t c2;
			nr_utf8__decode(s + pos + 1, len - pos - 1, &c2);
			if (word_cp(c2)) {
				pos += 1;
				continue;
			}
		}
		break;
	}
	*we = pos;
	return true;
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
	while (next_word(s, len, pos, &a, &b)) {
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

/* Every word prefix of key maps to false unless it is an entry itself:
 * a match goes on past a word only while the words so far begin one. */
static void mark_prefixes(lua_State *L, int set, const char *key, size_t klen)
{
	for (size_t p = 1; p < klen; p++) {
		if (key[p] != ' ')
			continue;
		lua_pushlstring(L, key, p);
		lua_pushvalue(L, -1);
		if (lua_rawget(L, set) != LUA_TNIL) {
			lua_pop(L, 2);
			continue;
		}
		lua_pop(L, 1);
		lua_pushboolean(L, 0);
		lua_rawset(L, set);
	}
}

/* A key maps to true, or to the form as written when the entry only
 * matches with that case ("US" the country, not "us"); a key that only
 * begins entries maps to false. A case-insensitive entry wins over an
 * exact-case one with the same key. */
static void set_key(lua_State *L, l_lexicon *lx, int set, const char *key, size_t klen,
		    const char *cased)
{
	mark_first(lx, key, klen);
	mark_prefixes(L, set, key, klen);
	lua_pushlstring(L, key, klen);
	if (cased) {
		lua_pushvalue(L, -1);
		lua_rawget(L, set);
		bool caseless = lua_toboolean(L, -1) && lua_type(L, -1) == LUA_TBOOLEAN;
		lua_pop(L, 1);
		if (caseless) {
			lua_pop(L, 1);
			return;
		}
		lua_pushlstring(L, cased, klen);
	} else {
		lua_pushboolean(L, 1);
	}
	lua_rawset(L, set);
}

/* Add one entry (and its inflections) to the set table at `set`. */
static int add_entry(lua_State *L, l_lexicon *lx, int set, const char *s, size_t len, bool exact,
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
	set_key(L, lx, set, key, klen, cased ? raw : NULL);
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
				set_key(L, lx, set, k2, k2len, NULL);
		}
	}
	return n;
}

static l_lexicon *new_lexicon(lua_State *L)
{
	l_lexicon *lx = lua_newuserdatauv(L, sizeof(*lx), 1);
	lx->maxwords = 0;
	lx->nentries = 0;
	memset(lx->first, 0, sizeof(lx->first));
	luaL_setmetatable(L, NR_MT_LEXICON);
	lua_newtable(L);
	lua_setiuservalue(L, -2, 1);
	return lx;
}

static void lexicon_add(lua_State *L, int lexidx, const char *s, size_t len, bool exact, bool cased)
{
	lexidx = lua_absindex(L, lexidx);
	l_lexicon *lx = lua_touserdata(L, lexidx);
	lua_getiuservalue(L, lexidx, 1);
	int n = add_entry(L, lx, lua_gettop(L), s, len, exact, cased);
	lua_pop(L, 1);
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

/* news.lexicon("name") or ("name:class"): a lexicon of the core, built-in
 * or loaded (-L, a lexicons/ folder, nr_ruleset_add_lexicon()), built
 * once per state from the state's lexicon set and cached. */
static int builtin_lexicon(lua_State *L, const char *spec, size_t len)
{
	lua_pushliteral(L, "b/");
	lua_pushlstring(L, spec, len);
	lua_concat(L, 2);
	int key = lua_gettop(L);
	if (nr_news__cache_get(L, key) == LUA_TUSERDATA)
		return 1;
	lua_pop(L, 1);
	const nr_lexicon_set *set = nr_sandbox__lexicon(L)->set;
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
	new_lexicon(L);
	builtin_walk w = { L, lua_gettop(L), colon ? colon + 1 : NULL, colon ? len - nlen - 1 : 0,
			   0 };
	nr_lexicon__foreach(set, id, add_builtin, &w);
	if (!w.added && w.cls)
		return luaL_error(L, "news.lexicon: no entry of class '%s' in '%s'", w.cls, name);
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
	return luaL_testudata(L, idx, NR_MT_LEXICON) != NULL;
}

int nr_news__lexicon_find(lua_State *L, int lex_idx, const char *s, size_t len, size_t from,
			  size_t *ms, size_t *me)
{
	lex_idx = lua_absindex(L, lex_idx);
	l_lexicon *lx = luaL_checkudata(L, lex_idx, NR_MT_LEXICON);
	if (lx->maxwords == 0)
		return 0;
	lua_getiuservalue(L, lex_idx, 1);
	int set = lua_gettop(L);
	size_t pos = from, ws, we;
	unsigned words = 0;
	while (next_word(s, len, pos, &ws, &we)) {
		if ((++words & 4095) == 0)
			nr_sandbox__poll(L); /* a text of any length */
		char key[NR_LEX_KEY_MAX], raw[NR_LEX_KEY_MAX];
		size_t klen = 0, rlen = 0, a = ws, b = we, best_end = 0;
		if (we - ws < sizeof(key)) {
			lower_append(key, &klen, s + ws, we - ws);
			bool maybe = maybe_first(lx, key, klen);
			klen = 0;
			if (!maybe) {
				pos = we;
				continue;
			}
		}
		for (int n = 0; n < lx->maxwords; n++) {
			if (n) {
				if (!next_word(s, len, b, &a, &b))
					break;
				if (klen + 1 >= sizeof(key))
					break;
				key[klen++] = ' ';
				raw[rlen++] = ' ';
			}
			if (klen + (b - a) >= sizeof(key))
				break;
			lower_append(key, &klen, s + a, b - a);
			memcpy(raw + rlen, s + a, b - a);
			rlen += b - a;
			lua_pushlstring(L, key, klen);
			int t = lua_rawget(L, set);
			if (t == LUA_TNIL) {
				lua_pop(L, 1);
				break; /* no entry begins with these words */
			}
			if (t == LUA_TBOOLEAN && lua_toboolean(L, -1)) {
				best_end = b; /* longest match at this start wins */
			} else if (t == LUA_TSTRING) {
				size_t cl;
				const char *cased = lua_tolstring(L, -1, &cl);
				if (cl == rlen && !memcmp(cased, raw, rlen))
					best_end = b;
			}
			lua_pop(L, 1);
		}
		if (best_end) {
			*ms = ws;
			*me = best_end;
			lua_pop(L, 1);
			return 1;
		}
		pos = we;
	}
	lua_pop(L, 1);
	return 0;
}

void nr_news__lexicon_word(lua_State *L, const char *w, size_t len)
{
	lua_pushliteral(L, "w/");
	lua_pushlstring(L, w, len);
	lua_concat(L, 2);
	int key = lua_gettop(L);
	if (nr_news__cache_get(L, key) != LUA_TUSERDATA) {
		lua_pop(L, 1);
		new_lexicon(L);
		lexicon_add(L, lua_gettop(L), w, len, false, false);
		nr_news__cache_put(L, key, -1);
	}
	lua_remove(L, key);
}

void nr_news__entry_forms(lua_State *L, const char *s, size_t len)
{
	l_lexicon lx;
	memset(&lx, 0, sizeof(lx));
	lua_newtable(L);
	add_entry(L, &lx, lua_gettop(L), s, len, false, false);
}

void nr_news__lexicon_forms(lua_State *L, int idx)
{
	luaL_checkudata(L, idx, NR_MT_LEXICON);
	lua_getiuservalue(L, idx, 1);
}

bool nr_news__lexicon_is_form(lua_State *L, int idx)
{
	return lua_type(L, idx) != LUA_TBOOLEAN || lua_toboolean(L, idx);
}

static int lexicon_tostring(lua_State *L)
{
	l_lexicon *lx = luaL_checkudata(L, 1, NR_MT_LEXICON);
	lua_pushfstring(L, NR_MT_LEXICON "(%d entries)", lx->nentries);
	return 1;
}

/* lex:match(s) -> start, stop (1-based, inclusive) of the first entry in s. */
static int lexicon_find_m(lua_State *L)
{
	luaL_checkudata(L, 1, NR_MT_LEXICON);
	size_t len, ms, me;
	const char *s = luaL_checklstring(L, 2, &len);
	if (!nr_news__lexicon_find(L, 1, s, len, 0, &ms, &me)) {
		lua_pushnil(L);
		return 1;
	}
	lua_pushinteger(L, (lua_Integer)ms + 1);
	lua_pushinteger(L, (lua_Integer)me);
	return 2;
}

static int lexicon_test(lua_State *L)
{
	luaL_checkudata(L, 1, NR_MT_LEXICON);
	size_t len, ms, me;
	const char *s = luaL_checklstring(L, 2, &len);
	lua_pushboolean(L, nr_news__lexicon_find(L, 1, s, len, 0, &ms, &me));
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
