/* lexicon.c - compiled-in word lists and per-engine additions, looked up
 * through one open-addressing hash of folded forms per table. */
#include "lexicon/lexicon.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest folded form; longer rows are rejected so lookups can fold into
 * a stack buffer without allocating. */
#define LEX_MAXKEY 200
#define LEX_MAXCOLS 8
#define LEX_MAXLIST 64

static const char *const builtin_names[NR_LEX_BUILTIN_COUNT] = {
	"countries",     "locations",      "first_names",       "titles",
	"organizations", "org_cues",       "government_actors", "speech_verbs",
	"verbs",         "function_words", "word_classes",
};

/* ------------------------------------------------------------------ */
/* Folding                                                               */

/* Latin Extended-A (U+0100..U+017F) to ASCII base letters. */
static const char latin_ext_a[129] = "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkk"
				     "LlLlLlLlLlNnNnNnnNnOoOo"
				     "Oo"
				     "OoRrRrRrSsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs";

/* Latin-1 letters U+00C0..U+00FF; '*' marks the few with two-letter or
 * no folding, handled in code. */
static const char latin_1[65] = "aaaaaa*ceeeeiiiidnooooo*ouuuuy**aaaaaa*ceeeeiiiidnooooo*ouuuuy*y";

static size_t fold_cp(uint32_t cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
		return 1;
	}
	if (cp >= 0xC0 && cp <= 0xFF) {
		char c = latin_1[cp - 0xC0];
		if (c != '*') {
			out[0] = c;
			return 1;
		}
		switch (cp) {
		case 0xC6:
		case 0xE6:
			out[0] = 'a';
			out[1] = 'e';
			return 2;
		case 0xDE:
		case 0xFE:
			out[0] = 't';
			out[1] = 'h';
			return 2;
		case 0xDF:
			out[0] = 's';
			out[1] = 's';
			return 2;
		default: break; /* x and division sign: copied below */
		}
	} else if (cp >= 0x100 && cp <= 0x17F) {
		if (cp == 0x152 || cp == 0x153) {
			out[0] = 'o';
			out[1] = 'e';
			return 2;
		}
		char c = latin_ext_a[cp - 0x100];
		out[0] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		return 1;
	} else if (cp >= 0x218 && cp <= 0x21B) { /* Romanian comma letters */
		out[0] = cp < 0x21A ? 's' : 't';
		return 1;
	} else if (cp == 0x2019 || cp == 0x2018 || cp == 0x2BC || cp == 0x60 || cp == 0xB4) {
		out[0] = '\'';
		return 1;
	} else if (cp == 0x2010 || cp == 0x2011) {
		out[0] = '-';
		return 1;
	}
	/* Anything else keeps its bytes. */
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

static bool is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' ||
	       nr_uc__is_space(cp);
}

/*
 * Append s[0..len) to out[*n..cap) folded (fold) or as is, whitespace
 * runs made one space; *pending_space carries a run across calls. False
 * when it does not fit.
 */
static bool norm_append(char *out, size_t *n, size_t cap, const char *s, size_t len, bool fold,
			bool *pending_space)
{
	size_t i = 0;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		char t[4];
		size_t tn, k;
		if (b < 0x80) {
			/* ASCII fast path: most of news text. */
			if (b == ' ' || (b >= '\t' && b <= '\r')) {
				*pending_space = *n > 0;
				i++;
				continue;
			}
			if (*pending_space) {
				if (*n + 1 >= cap)
					return false;
				out[(*n)++] = ' ';
				*pending_space = false;
			}
			if (*n + 1 >= cap)
				return false;
			out[(*n)++] = (char)(fold && b >= 'A' && b <= 'Z' ? b + 32 : b);
			i++;
			continue;
		} else {
			uint32_t cp;
			k = nr_utf8__decode(s + i, len - i, &cp);
			if (is_space_cp(cp)) {
				*pending_space = *n > 0;
				i += k;
				continue;
			}
			if (fold) {
				tn = fold_cp(cp, t);
			} else {
				memcpy(t, s + i, k);
				tn = k;
			}
		}
		if (*pending_space) {
			if (*n + 1 >= cap)
				return false;
			out[(*n)++] = ' ';
			*pending_space = false;
		}
		if (*n + tn >= cap)
			return false;
		memcpy(out + *n, t, tn);
		*n += tn;
		i += k;
	}
	out[*n] = '\0';
	return true;
}

/* Does s[0..len), whitespace folded and trimmed, equal phrase exactly? */
static bool raw_equals(const char *phrase, const char *s, size_t len)
{
	size_t i = 0, j = 0;
	bool space = false;
	while (i < len) {
		unsigned char b = (unsigned char)s[i];
		if (b == ' ' || (b >= '\t' && b <= '\r')) {
			space = j > 0;
			i++;
			continue;
		}
		if (b >= 0x80) {
			uint32_t cp;
			size_t k = nr_utf8__decode(s + i, len - i, &cp);
			if (is_space_cp(cp)) {
				space = j > 0;
				i += k;
				continue;
			}
		}
		if (space) {
			if (phrase[j++] != ' ')
				return false;
			space = false;
		}
		if (phrase[j] != (char)b)
			return false;
		j++;
		i++;
	}
	return phrase[j] == '\0';
}

size_t nr_lexicon__fold(const char *s, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	bool sp = false;
	if (cap == 0)
		return SIZE_MAX;
	out[0] = '\0';
	if (!norm_append(out, &n, cap, s, len, true, &sp))
		return SIZE_MAX;
	return n;
}

#define FNV_OFFSET 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

static uint64_t hash_finish(uint64_t h)
{
	h ^= h >> 29; /* FNV's low bits are weak; the table indexes by them */
	return h | 1; /* 0 marks an empty prefix slot */
}

static uint64_t hash_bytes(const char *s, size_t len)
{
	uint64_t h = FNV_OFFSET;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= FNV_PRIME;
	}
	return hash_finish(h);
}

/*
 * Fold a phrase into a fresh key (key[LEX_MAXKEY + 1]) as norm_append()
 * does and hash it as hash_bytes() does. A plain ASCII word, which is
 * what is asked about nearly every time, takes one pass. False when the
 * phrase does not fit.
 */
static bool fold_key(const char *s, size_t len, char *key, size_t *klen, uint64_t *h)
{
	if (len <= LEX_MAXKEY) {
		uint64_t x = FNV_OFFSET;
		size_t i;
		for (i = 0; i < len; i++) {
			unsigned char b = (unsigned char)s[i];
			if (b <= ' ' || b >= 0x80)
				break; /* whitespace, controls, UTF-8: the long way */
			if (b >= 'A' && b <= 'Z')
				b += 32;
			key[i] = (char)b;
			x = (x ^ b) * FNV_PRIME;
		}
		if (i == len) {
			key[len] = '\0';
			*klen = len;
			*h = hash_finish(x);
			return true;
		}
	}
	bool sp = false;
	*klen = 0;
	if (!norm_append(key, klen, LEX_MAXKEY + 1, s, len, true, &sp))
		return false;
	*h = hash_bytes(key, *klen);
	return true;
}

/* ------------------------------------------------------------------ */
/* Hash table of forms                                                   */

typedef struct lex_table {
	nr_lex_entry **slots; /* chain heads, one per distinct key */
	size_t cap, nkeys;
	uint64_t *prefixes; /* hashes of every word prefix of every key */
	size_t pcap, nprefixes;
	size_t maxkey;
} lex_table;

static void table_free(lex_table *t)
{
	free(t->slots);
	free(t->prefixes);
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

static bool prefix_has(const lex_table *t, uint64_t h)
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

static const nr_lex_entry *table_find(const lex_table *t, const char *key, size_t len, uint64_t h)
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
static bool table_insert(lex_table *t, nr_lex_entry *e)
{
	if ((t->nkeys + 1) * 2 > t->cap && !table_grow(t))
		return false;
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
		if (e->key_[i] == ' ' && !prefix_add(t, hash_bytes(e->key_, i)))
			return false;
	}
	t->slots[j] = e;
	t->nkeys++;
	if (e->keylen_ > t->maxkey)
		t->maxkey = e->keylen_;
	return true;
}

/* ------------------------------------------------------------------ */
/* Sets and built-ins                                                    */

struct nr_lexicon_builtins {
	atomic_int refs;
	nr_arena arena;
	lex_table table;
	size_t rows[NR_LEX_BUILTIN_COUNT];
	size_t forms[NR_LEX_BUILTIN_COUNT];
	const nr_lex_entry **countries; /* the "name" entry of each country */
	size_t ncountries, capcountries;
};

typedef struct lex_cache lex_cache;

struct nr_lexicon_set {
	nr_lexicon_builtins *b;
	nr_arena arena;
	lex_table user;
	char **names; /* user lexicon names; id = NR_LEX_BUILTIN_COUNT + i */
	size_t nnames;
	size_t *rows, *forms; /* user additions per id */
	lex_cache *cache;     /* views only (nr_lexicon__view): answers so far */
};

/* What one parse of data needs to know. */
typedef struct lex_loader {
	nr_arena *arena;
	lex_table *table;
	const lex_table *other; /* built-ins, when loading user rows */
	nr_lexicon_builtins *b; /* for country checks and the code index */
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
} lex_loader;

static int fail(lex_loader *ld, int rc, const char *fmt, ...) NR_PRINTF(3, 4);

static int fail(lex_loader *ld, int rc, const char *fmt, ...)
{
	if (ld->err && ld->rc == NR_OK) {
		char msg[256];
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(msg, sizeof(msg), fmt, ap);
		va_end(ap);
		ld->err->len = 0;
		if (ld->line)
			nr_buf__printf(ld->err, "%s:%zu: %s", ld->source, ld->line, msg);
		else
			nr_buf__printf(ld->err, "%s: %s", ld->source, msg);
	}
	if (ld->rc == NR_OK)
		ld->rc = rc;
	return rc;
}

typedef struct form_spec {
	const char *form;      /* may start with '=' */
	const char *canonical; /* NULL: the form itself */
	const char *cls, *country, *extra, *tag;
	char gender;
	uint8_t official;
} form_spec;

static const char *dup_str(lex_loader *ld, const char *s)
{
	if (!s)
		return "";
	return nr_arena__strndup(ld->arena, s, strlen(s));
}

static bool same_folded(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return true;
	char fa[LEX_MAXKEY + 1], fb[LEX_MAXKEY + 1];
	size_t na = nr_lexicon__fold(a, strlen(a), fa, sizeof(fa));
	size_t nb = nr_lexicon__fold(b, strlen(b), fb, sizeof(fb));
	return na != SIZE_MAX && na == nb && memcmp(fa, fb, na) == 0;
}

/* Same lexicon, canonical (up to case and accents), particle and country:
 * one meaning listed twice. */
static bool same_meaning(const nr_lex_entry *e, const lex_loader *ld, const char *canonical,
			 const form_spec *fs)
{
	return e->lexicon == ld->lex && same_folded(e->canonical, canonical) &&
	       strcmp(e->extra, fs->extra ? fs->extra : "") == 0 &&
	       strcmp(e->country, fs->country ? fs->country : "") == 0;
}

static int add_form(lex_loader *ld, const form_spec *fs)
{
	const char *form = fs->form;
	uint8_t flags = ld->strict ? 0 : NR_LEXF_USER;
	if (form[0] == '=') {
		flags |= NR_LEXF_EXACT_CASE;
		form++;
	}
	size_t flen = strlen(form);
	if (flen == 0)
		return fail(ld, NR_EPARSE, "empty form");
	if (form[0] == ' ' || form[flen - 1] == ' ')
		return fail(ld, NR_EPARSE, "form '%s' has surrounding spaces", form);
	char key[LEX_MAXKEY + 1], raw[LEX_MAXKEY + 1];
	size_t klen = nr_lexicon__fold(form, flen, key, sizeof(key));
	size_t rlen = 0;
	bool sp = false;
	if (klen == SIZE_MAX || klen == 0 ||
	    !norm_append(raw, &rlen, sizeof(raw), form, flen, false, &sp))
		return fail(ld, NR_EPARSE, "form '%.40s' is empty or longer than %d bytes", form,
			    LEX_MAXKEY);
	if (ld->strict && rlen != flen)
		return fail(ld, NR_EPARSE, "form '%s' has repeated or odd spaces", form);
	const char *canonical = fs->canonical ? fs->canonical : raw;
	const char *extra = fs->extra ? fs->extra : "";
	uint64_t h = hash_bytes(key, klen);

	/* A repeated form: within one row (irregular verbs whose forms
	 * coincide) it is simply skipped; across rows it is a data error in
	 * the built-ins and a no-op for user additions. */
	for (const lex_table *t = ld->table; t; t = t == ld->table ? ld->other : NULL) {
		for (const nr_lex_entry *e = table_find(t, key, klen, h); e; e = e->next_) {
			if (!same_meaning(e, ld, canonical, fs))
				continue;
			if (e->fields == ld->fields || !ld->strict)
				return NR_OK;
			return fail(ld, NR_EPARSE, "duplicate form '%s' (for '%s')", raw,
				    canonical);
		}
	}

	nr_lex_entry *e = nr_arena__calloc(ld->arena, 1, sizeof(*e));
	char *kcopy = nr_arena__strndup(ld->arena, key, klen);
	char *rcopy = nr_arena__strndup(ld->arena, raw, rlen);
	if (!e || !kcopy || !rcopy)
		return fail(ld, NR_ENOMEM, "out of memory");
	e->phrase = rcopy;
	e->canonical = fs->canonical ? fs->canonical : rcopy;
	e->cls = fs->cls ? fs->cls : "";
	e->country = fs->country ? fs->country : "";
	e->extra = extra;
	e->form = fs->tag ? fs->tag : "";
	e->fields = ld->fields;
	e->nfields = ld->nfields;
	e->flags = flags;
	e->official = fs->official;
	e->gender = fs->gender;
	e->lexicon = (uint16_t)ld->lex;
	e->nwords = 1;
	for (size_t i = 0; i < klen; i++)
		e->nwords += key[i] == ' ';
	e->hash_ = h;
	e->key_ = kcopy;
	e->keylen_ = (uint32_t)klen;
	if (!table_insert(ld->table, e))
		return fail(ld, NR_ENOMEM, "out of memory");
	ld->forms[ld->lex]++;
	return NR_OK;
}

/* Split a '|' list in place; empty lists give 0 items. */
static int split_list(lex_loader *ld, char *s, char **items, size_t cap)
{
	if (!*s)
		return 0;
	size_t n = 0;
	for (;;) {
		char *bar = strchr(s, '|');
		if (bar)
			*bar = '\0';
		if (!*s) {
			fail(ld, NR_EPARSE, "empty item in a '|' list");
			return -1;
		}
		if (n == cap) {
			fail(ld, NR_EPARSE, "more than %zu items in a list", cap);
			return -1;
		}
		items[n++] = s;
		if (!bar)
			break;
		s = bar + 1;
	}
	return (int)n;
}

static bool is_ident(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
			return false;
	}
	return true;
}

/* The canonical name of a known country (its "name" entry), or NULL. */
static const nr_lex_entry *find_country_name(const lex_table *t, const char *s)
{
	char key[LEX_MAXKEY + 1];
	size_t klen = nr_lexicon__fold(s, strlen(s), key, sizeof(key));
	if (klen == SIZE_MAX)
		return NULL;
	for (const nr_lex_entry *e = table_find(t, key, klen, hash_bytes(key, klen)); e;
	     e = e->next_) {
		if (e->lexicon == NR_LEX_COUNTRIES && strcmp(e->cls, "name") == 0)
			return e;
	}
	return NULL;
}

static int check_country(lex_loader *ld, const char *country)
{
	if (!*country)
		return NR_OK;
	const nr_lex_entry *e = find_country_name(ld->table, country);
	if (!e && ld->other)
		e = find_country_name(ld->other, country);
	if (!e)
		return fail(ld, NR_EPARSE, "unknown country '%s'", country);
	if (strcmp(e->canonical, country) != 0)
		return fail(ld, NR_EPARSE, "country '%s' should read '%s'", country, e->canonical);
	return NR_OK;
}

/* Regular English inflection: 3sg, past (= past participle), -ing. */
static bool is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

/* One vowel group and consonant-vowel-consonant at the end: "stop",
 * "ban", not "say", "fix", "need" or "visit". */
static bool doubles_final(const char *w, size_t n)
{
	if (n < 3)
		return false;
	char c = w[n - 1];
	if (is_vowel(c) || c == 'w' || c == 'x' || c == 'y')
		return false;
	if (!is_vowel(w[n - 2]) || is_vowel(w[n - 3]))
		return false;
	size_t groups = 0;
	for (size_t i = 0; i < n; i++) {
		if (is_vowel(w[i]) && (i == 0 || !is_vowel(w[i - 1])))
			groups++;
	}
	return groups == 1;
}

static void inflect(const char *w, char out[4][64])
{
	size_t n = strlen(w);
	char last = w[n - 1], prev = n > 1 ? w[n - 2] : 0;
	/* 3sg */
	if (last == 's' || last == 'x' || last == 'z' ||
	    (last == 'h' && (prev == 'c' || prev == 's')) || (last == 'o' && !is_vowel(prev)))
		snprintf(out[0], 64, "%ses", w);
	else if (last == 'y' && !is_vowel(prev))
		snprintf(out[0], 64, "%.*sies", (int)(n - 1), w);
	else
		snprintf(out[0], 64, "%ss", w);
	/* past */
	if (last == 'e')
		snprintf(out[1], 64, "%sd", w);
	else if (last == 'y' && !is_vowel(prev))
		snprintf(out[1], 64, "%.*sied", (int)(n - 1), w);
	else if (doubles_final(w, n))
		snprintf(out[1], 64, "%s%ced", w, last);
	else
		snprintf(out[1], 64, "%sed", w);
	memcpy(out[2], out[1], 64);
	/* -ing */
	if (last == 'e' && prev == 'i')
		snprintf(out[3], 64, "%.*sying", (int)(n - 2), w);
	else if (last == 'e' && prev != 'e' && prev != 'y' && prev != 'o' && n > 2)
		snprintf(out[3], 64, "%.*sing", (int)(n - 1), w);
	else if (doubles_final(w, n))
		snprintf(out[3], 64, "%s%cing", w, last);
	else
		snprintf(out[3], 64, "%sing", w);
}

static bool is_lower_word(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		if (!(*s >= 'a' && *s <= 'z') && *s != '-')
			return false;
	}
	return true;
}

/* Add a verb's five forms, each followed by the particle if any. */
static int add_verb(lex_loader *ld, const char *lemma, char *forms_col, const char *cls,
		    const char *particle)
{
	static const char *const tags[5] = { "base", "3sg", "past", "pastpart", "ing" };
	if (!is_lower_word(lemma))
		return fail(ld, NR_EPARSE, "verb lemma '%s' is not a lowercase word", lemma);
	char gen[4][64];
	const char *forms[13] = { lemma };
	size_t nforms = 5;
	if (*forms_col) {
		char *items[LEX_MAXLIST];
		int n = split_list(ld, forms_col, items, LEX_MAXLIST);
		if (n < 0)
			return ld->rc;
		if (n < 4 || n > 12)
			return fail(ld, NR_EPARSE,
				    "verb forms must be 3sg|past|pastpart|ing[|more], got %d items",
				    n);
		for (int i = 0; i < n; i++) {
			if (!is_lower_word(items[i]) || strlen(items[i]) > 60)
				return fail(ld, NR_EPARSE,
					    "verb form '%.60s' is not a lowercase word", items[i]);
			forms[i + 1] = items[i];
		}
		nforms = (size_t)n + 1;
	} else {
		if (strlen(lemma) > 50)
			return fail(ld, NR_EPARSE, "verb lemma too long");
		inflect(lemma, gen);
		for (int i = 0; i < 4; i++)
			forms[i + 1] = gen[i];
	}
	for (size_t i = 0; i < nforms; i++) {
		char buf[160];
		if (*particle)
			snprintf(buf, sizeof(buf), "%s %s", forms[i], particle);
		else
			snprintf(buf, sizeof(buf), "%s", forms[i]);
		form_spec fs = { .form = buf,
				 .canonical = lemma,
				 .cls = cls,
				 .extra = particle,
				 .tag = i < 5 ? tags[i] : "other" };
		if (add_form(ld, &fs) != NR_OK)
			return ld->rc;
	}
	return NR_OK;
}

static int parse_official(lex_loader *ld, const char *s, uint8_t *out)
{
	if (strcmp(s, "yes") == 0)
		*out = NR_OFFICIAL_YES;
	else if (strcmp(s, "no") == 0)
		*out = NR_OFFICIAL_NO;
	else if (strcmp(s, "depends") == 0)
		*out = NR_OFFICIAL_DEPENDS;
	else
		return fail(ld, NR_EPARSE, "official must be yes, no or depends, not '%s'", s);
	return NR_OK;
}

static bool is_upper_code(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < 'A' || s[i] > 'Z')
			return false;
	}
	return true;
}

static int add_list(lex_loader *ld, char *col, form_spec fs)
{
	char *items[LEX_MAXLIST];
	int n = split_list(ld, col, items, LEX_MAXLIST);
	if (n < 0)
		return ld->rc;
	for (int i = 0; i < n; i++) {
		fs.form = items[i];
		if (add_form(ld, &fs) != NR_OK)
			return ld->rc;
	}
	return NR_OK;
}

static int track_country(lex_loader *ld)
{
	nr_lexicon_builtins *b = ld->b;
	if (!b)
		return NR_OK;
	char key[LEX_MAXKEY + 1];
	const char *name = ld->fields[0];
	size_t klen = nr_lexicon__fold(name, strlen(name), key, sizeof(key));
	const nr_lex_entry *e = table_find(ld->table, key, klen, hash_bytes(key, klen));
	for (; e; e = e->next_) {
		if (e->lexicon == NR_LEX_COUNTRIES && e->fields == ld->fields)
			break;
	}
	if (!e)
		return NR_OK;
	if (b->ncountries == b->capcountries) {
		size_t ncap = b->capcountries ? b->capcountries * 2 : 256;
		const nr_lex_entry **nc = realloc(b->countries, ncap * sizeof(*nc));
		if (!nc)
			return fail(ld, NR_ENOMEM, "out of memory");
		b->countries = nc;
		b->capcountries = ncap;
	}
	b->countries[b->ncountries++] = e;
	return NR_OK;
}

/* Columns per built-in lexicon (user lexicons take 1 to 3). */
static const uint8_t builtin_cols[NR_LEX_BUILTIN_COUNT] = {
	6, 4, 2, 4, 4, 3, 4, 4, 2, 2, 2,
};

/* Parse one row (cols are arena copies, owned by the row) into forms. */
static int add_row(lex_loader *ld, char **c, size_t n)
{
	form_spec fs = { 0 };
	const char *form = c[0];
	const char *name = ld->fields[0]; /* without the '=' marker */
	switch (ld->lex) {
	case NR_LEX_COUNTRIES: {
		if (!is_upper_code(c[1], 2) || !is_upper_code(c[2], 3))
			return fail(ld, NR_EPARSE, "bad ISO codes '%s' '%s'", c[1], c[2]);
		if (ld->strict && ld->b) {
			for (size_t i = 0; i < ld->b->ncountries; i++) {
				const char *const *f = ld->b->countries[i]->fields;
				if (strcmp(f[1], c[1]) == 0 || strcmp(f[2], c[2]) == 0)
					return fail(ld, NR_EPARSE, "ISO code of '%s' repeats '%s'",
						    name, f[0]);
			}
		}
		fs = (form_spec){ .form = form,
				  .canonical = name,
				  .cls = "name",
				  .country = name,
				  .extra = c[3] };
		if (add_form(ld, &fs) != NR_OK || (ld->strict && track_country(ld) != NR_OK))
			return ld->rc;
		fs.cls = "demonym";
		if (add_list(ld, c[4], fs) != NR_OK)
			return ld->rc;
		fs.cls = "alias";
		return add_list(ld, c[5], fs);
	}
	case NR_LEX_LOCATIONS: {
		static const char *const kinds[] = { "continent", "region", "territory", "state",
						     "province",  "city",   NULL };
		bool ok = false;
		for (size_t i = 0; kinds[i]; i++)
			ok = ok || strcmp(kinds[i], c[1]) == 0;
		if (!ok)
			return fail(ld, NR_EPARSE, "unknown location kind '%s'", c[1]);
		if (check_country(ld, c[2]) != NR_OK)
			return ld->rc;
		fs = (form_spec){ .form = form, .canonical = name, .cls = c[1], .country = c[2] };
		if (add_form(ld, &fs) != NR_OK)
			return ld->rc;
		return add_list(ld, c[3], fs);
	}
	case NR_LEX_FIRST_NAMES:
		if (strcmp(c[1], "m") && strcmp(c[1], "f") && strcmp(c[1], "u"))
			return fail(ld, NR_EPARSE, "gender must be m, f or u, not '%s'", c[1]);
		fs = (form_spec){ .form = form, .canonical = name, .gender = c[1][0] };
		return add_form(ld, &fs);
	case NR_LEX_TITLES:
		fs = (form_spec){ .form = form, .canonical = name, .cls = c[2] };
		if (parse_official(ld, c[1], &fs.official) != NR_OK)
			return ld->rc;
		if (!is_ident(c[2]))
			return fail(ld, NR_EPARSE, "bad title class '%s'", c[2]);
		if (add_form(ld, &fs) != NR_OK)
			return ld->rc;
		return add_list(ld, c[3], fs);
	case NR_LEX_ORGANIZATIONS:
	case NR_LEX_GOV_ACTORS:
		if (!is_ident(c[1]) && ld->lex == NR_LEX_ORGANIZATIONS)
			return fail(ld, NR_EPARSE, "bad organisation kind '%s'", c[1]);
		if (ld->lex == NR_LEX_GOV_ACTORS && !is_ident(c[2]))
			return fail(ld, NR_EPARSE, "bad role '%s'", c[2]);
		{
			const char *country = ld->lex == NR_LEX_GOV_ACTORS ? c[1] : c[2];
			const char *kind = ld->lex == NR_LEX_GOV_ACTORS ? c[2] : c[1];
			if (ld->lex == NR_LEX_GOV_ACTORS && !*country)
				return fail(ld, NR_EPARSE, "government actor without a country");
			if (check_country(ld, country) != NR_OK)
				return ld->rc;
			fs = (form_spec){
				.form = form, .canonical = name, .cls = kind, .country = country
			};
		}
		if (add_form(ld, &fs) != NR_OK)
			return ld->rc;
		return add_list(ld, c[3], fs);
	case NR_LEX_ORG_CUES:
		if (strcmp(c[1], "head") && strcmp(c[1], "suffix") && strcmp(c[1], "both"))
			return fail(ld, NR_EPARSE,
				    "position must be head, suffix or both, not '%s'", c[1]);
		fs = (form_spec){ .form = form, .canonical = *c[2] ? c[2] : name, .cls = c[1] };
		return add_form(ld, &fs);
	case NR_LEX_SPEECH_VERBS:
		if (!is_ident(c[1]))
			return fail(ld, NR_EPARSE, "bad speech class '%s'", c[1]);
		if (*c[2] && (!is_lower_word(c[2]) || strlen(c[2]) > 40))
			return fail(ld, NR_EPARSE, "bad particle '%s'", c[2]);
		return add_verb(ld, name, c[3], c[1], c[2]);
	case NR_LEX_VERBS: return add_verb(ld, name, c[1], "", "");
	case NR_LEX_FUNCTION_WORDS:
	case NR_LEX_WORD_CLASSES: {
		char *items[LEX_MAXLIST];
		char tmp[256];
		snprintf(tmp, sizeof(tmp), "%s", c[1]);
		int k = split_list(ld, tmp, items, LEX_MAXLIST);
		if (k <= 0)
			return k < 0 ? ld->rc : fail(ld, NR_EPARSE, "no class");
		for (int i = 0; i < k; i++) {
			if (!is_ident(items[i]))
				return fail(ld, NR_EPARSE, "bad class '%s'", items[i]);
		}
		fs = (form_spec){ .form = form, .canonical = name, .cls = c[1] };
		return add_form(ld, &fs);
	}
	default:
		fs = (form_spec){ .form = form,
				  .canonical = n > 1 && *c[1] ? c[1] : NULL,
				  .cls = n > 2 ? c[2] : "" };
		if (fs.canonical && fs.canonical[0] == '=')
			fs.canonical++;
		return add_form(ld, &fs);
	}
}

/* Parse one line: NR_OK for comments and blanks too. */
static int parse_line(lex_loader *ld, const char *s, size_t len)
{
	if (!ld->strict && len && s[len - 1] == '\r')
		len--;
	if (len == 0 || s[0] == '#')
		return NR_OK;
	if (!nr_utf8__valid(s, len))
		return fail(ld, NR_EPARSE, "invalid UTF-8");
	if (ld->strict) {
		bool blank = true;
		for (size_t i = 0; i < len; i++)
			blank = blank && (s[i] == ' ' || s[i] == '\t');
		if (blank)
			return fail(ld, NR_EPARSE, "whitespace-only line");
	} else {
		size_t i = 0;
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i == len)
			return NR_OK;
	}
	char *row = nr_arena__strndup(ld->arena, s, len);
	if (!row)
		return fail(ld, NR_ENOMEM, "out of memory");
	char *cols[LEX_MAXCOLS];
	size_t n = 0;
	for (char *p = row;;) {
		if (n == LEX_MAXCOLS)
			return fail(ld, NR_EPARSE, "too many columns");
		cols[n++] = p;
		char *tab = strchr(p, '\t');
		if (!tab)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	for (size_t i = 0; i < n; i++) {
		char *c = cols[i];
		size_t cl = strlen(c);
		if (memchr(c, '\r', cl) || memchr(c, '\v', cl) || memchr(c, '\f', cl))
			return fail(ld, NR_EPARSE, "control character in column %zu", i + 1);
		if (cl && (c[0] == ' ' || c[cl - 1] == ' ')) {
			if (ld->strict)
				return fail(ld, NR_EPARSE, "column %zu has surrounding spaces",
					    i + 1);
			while (*c == ' ')
				c++;
			cl = strlen(c);
			while (cl && c[cl - 1] == ' ')
				c[--cl] = '\0';
			cols[i] = c;
		}
	}
	if (ld->lex < NR_LEX_BUILTIN_COUNT) {
		if (n != builtin_cols[ld->lex])
			return fail(ld, NR_EPARSE, "%zu columns, %s takes %u", n,
				    builtin_names[ld->lex], builtin_cols[ld->lex]);
	} else if (n > 3) {
		return fail(ld, NR_EPARSE, "%zu columns, a user lexicon takes 1 to 3", n);
	}
	if (!*cols[0])
		return fail(ld, NR_EPARSE, "empty first column");
	/* Keep the row's columns: entries point at them. */
	const char **fields = nr_arena__alloc(ld->arena, n * sizeof(*fields));
	if (!fields)
		return fail(ld, NR_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++) {
		fields[i] = dup_str(ld, cols[i]);
		if (!fields[i])
			return fail(ld, NR_ENOMEM, "out of memory");
	}
	/* The '=' exact-case marker belongs to the key, not the value. */
	if (fields[0][0] == '=')
		fields[0]++;
	ld->fields = fields;
	ld->nfields = (uint8_t)n;
	int rc = add_row(ld, cols, n);
	if (rc == NR_OK)
		ld->rows[ld->lex]++;
	return rc;
}

static int parse_text(lex_loader *ld, const char *data, size_t len)
{
	size_t pos = 0;
	ld->line = 0;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - data) : len;
		ld->line++;
		if (memchr(data + pos, '\0', end - pos))
			return fail(ld, NR_EPARSE, "NUL byte");
		if (parse_line(ld, data + pos, end - pos) != NR_OK)
			return ld->rc;
		pos = end + 1;
	}
	if (ld->strict && len && data[len - 1] != '\n') {
		ld->line = 0;
		return fail(ld, NR_EPARSE, "no newline at end of file");
	}
	return NR_OK;
}

static void builtins_destroy(nr_lexicon_builtins *b)
{
	table_free(&b->table);
	free(b->countries);
	nr_arena__free(&b->arena);
	free(b);
}

/* Every capital in countries.tsv is a city too, so locations.tsv need
 * not repeat the small ones; those it lists already are left alone. */
static int add_capitals(nr_lexicon_builtins *b, nr_buf *err)
{
	lex_loader ld = { .arena = &b->arena,
			  .table = &b->table,
			  .b = b,
			  .lex = NR_LEX_LOCATIONS,
			  .source = "countries.tsv",
			  .strict = true,
			  .err = err,
			  .rows = b->rows,
			  .forms = b->forms };
	for (size_t i = 0; i < b->ncountries; i++) {
		const nr_lex_entry *c = b->countries[i];
		const char *cap = c->extra;
		if (!*cap)
			continue;
		bool known = false;
		const nr_lex_entry *all[16];
		size_t n = 0;
		char key[LEX_MAXKEY + 1];
		size_t klen = nr_lexicon__fold(cap, strlen(cap), key, sizeof(key));
		for (const nr_lex_entry *e =
			 table_find(&b->table, key, klen, hash_bytes(key, klen));
		     e && n < 16; e = e->next_)
			all[n++] = e;
		for (size_t k = 0; k < n; k++) {
			known = known || (all[k]->lexicon == NR_LEX_LOCATIONS &&
					  strcmp(all[k]->country, c->canonical) == 0);
		}
		if (known)
			continue;
		const char **fields = nr_arena__alloc(&b->arena, 4 * sizeof(*fields));
		if (!fields)
			return NR_ENOMEM;
		fields[0] = cap;
		fields[1] = "city";
		fields[2] = c->canonical;
		fields[3] = "";
		ld.fields = fields;
		ld.nfields = 4;
		form_spec fs = {
			.form = cap, .canonical = cap, .cls = "city", .country = c->canonical
		};
		if (add_form(&ld, &fs) != NR_OK)
			return ld.rc;
		b->rows[NR_LEX_LOCATIONS]++;
	}
	return NR_OK;
}

int nr_lexicon__builtins_new(nr_lexicon_builtins **out, nr_buf *err)
{
	return nr_lexicon__builtins_from(out, nr_lexicon__blobs, nr_lexicon__nblobs, err);
}

int nr_lexicon__builtins_from(nr_lexicon_builtins **out, const nr_lex_blob *blobs, size_t nblobs,
			      nr_buf *err)
{
	*out = NULL;
	nr_lexicon_builtins *b = calloc(1, sizeof(*b));
	if (!b) {
		if (err)
			nr_buf__puts(err, "out of memory");
		return NR_ENOMEM;
	}
	atomic_init(&b->refs, 1);
	nr_arena__init(&b->arena);
	/* Lexicon order, not file order: later lexicons check countries. */
	for (int lex = 0; lex < NR_LEX_BUILTIN_COUNT; lex++) {
		const nr_lex_blob *blob = NULL;
		for (size_t i = 0; i < nblobs; i++) {
			if (strcmp(blobs[i].name, builtin_names[lex]) == 0)
				blob = &blobs[i];
		}
		char source[64];
		snprintf(source, sizeof(source), "%s.tsv", builtin_names[lex]);
		lex_loader ld = { .arena = &b->arena,
				  .table = &b->table,
				  .b = b,
				  .lex = lex,
				  .source = source,
				  .strict = true,
				  .err = err,
				  .rows = b->rows,
				  .forms = b->forms };
		if (!blob) {
			fail(&ld, NR_EPARSE, "lexicon missing from the build");
		} else {
			parse_text(&ld, (const char *)blob->data, blob->len);
		}
		if (ld.rc != NR_OK) {
			builtins_destroy(b);
			return ld.rc;
		}
	}
	int rc = add_capitals(b, err);
	if (rc != NR_OK) {
		builtins_destroy(b);
		return rc;
	}
	*out = b;
	return NR_OK;
}

void nr_lexicon__builtins_retain(nr_lexicon_builtins *b)
{
	atomic_fetch_add_explicit(&b->refs, 1, memory_order_relaxed);
}

void nr_lexicon__builtins_release(nr_lexicon_builtins *b)
{
	if (b && atomic_fetch_sub_explicit(&b->refs, 1, memory_order_acq_rel) == 1)
		builtins_destroy(b);
}

int nr_lexicon__set_new(nr_lexicon_set **out, nr_lexicon_builtins *builtins, nr_buf *err)
{
	*out = NULL;
	nr_lexicon_set *s = calloc(1, sizeof(*s));
	if (!s)
		goto oom;
	nr_arena__init(&s->arena);
	s->rows = calloc(NR_LEX_BUILTIN_COUNT, sizeof(*s->rows));
	s->forms = calloc(NR_LEX_BUILTIN_COUNT, sizeof(*s->forms));
	if (!s->rows || !s->forms)
		goto oom;
	if (builtins) {
		nr_lexicon__builtins_retain(builtins);
		s->b = builtins;
	} else {
		int rc = nr_lexicon__builtins_new(&s->b, err);
		if (rc != NR_OK) {
			nr_lexicon__set_free(s);
			return rc;
		}
	}
	*out = s;
	return NR_OK;
oom:
	nr_lexicon__set_free(s);
	if (err)
		nr_buf__puts(err, "out of memory");
	return NR_ENOMEM;
}

void nr_lexicon__set_free(nr_lexicon_set *s)
{
	if (!s)
		return;
	nr_lexicon__builtins_release(s->b);
	table_free(&s->user);
	nr_arena__free(&s->arena);
	free(s->names);
	free(s->rows);
	free(s->forms);
	free(s);
}

int nr_lexicon__id(const nr_lexicon_set *s, const char *name)
{
	for (int i = 0; i < NR_LEX_BUILTIN_COUNT; i++) {
		if (strcmp(builtin_names[i], name) == 0)
			return i;
	}
	for (size_t i = 0; s && i < s->nnames; i++) {
		if (strcmp(s->names[i], name) == 0)
			return NR_LEX_BUILTIN_COUNT + (int)i;
	}
	return -1;
}

const char *nr_lexicon__name(const nr_lexicon_set *s, int id)
{
	if (id >= 0 && id < NR_LEX_BUILTIN_COUNT)
		return builtin_names[id];
	if (id >= NR_LEX_BUILTIN_COUNT && (size_t)(id - NR_LEX_BUILTIN_COUNT) < s->nnames)
		return s->names[id - NR_LEX_BUILTIN_COUNT];
	return NULL;
}

int nr_lexicon__count(const nr_lexicon_set *s) { return NR_LEX_BUILTIN_COUNT + (int)s->nnames; }

size_t nr_lexicon__rows(const nr_lexicon_set *s, int id)
{
	if (id < 0 || id >= nr_lexicon__count(s))
		return 0;
	return (id < NR_LEX_BUILTIN_COUNT ? s->b->rows[id] : 0) + s->rows[id];
}

size_t nr_lexicon__forms(const nr_lexicon_set *s, int id)
{
	if (id < 0 || id >= nr_lexicon__count(s))
		return 0;
	return (id < NR_LEX_BUILTIN_COUNT ? s->b->forms[id] : 0) + s->forms[id];
}

static bool valid_lexicon_name(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == '-'))
			return false;
	}
	return true;
}

/* The id of `name`, creating a user lexicon when it is new; -1 on error. */
static int lexicon_for_add(nr_lexicon_set *s, const char *name, nr_buf *err)
{
	int id = nr_lexicon__id(s, name);
	if (id >= 0)
		return id;
	if (!valid_lexicon_name(name)) {
		if (err) {
			err->len = 0;
			nr_buf__printf(err, "invalid lexicon name '%.64s' (want [a-z0-9_.-]+)",
				       name);
		}
		return NR_EINVAL;
	}
	if (s->nnames >= 4096) {
		if (err)
			nr_buf__puts(err, "too many lexicons");
		return NR_EINVAL;
	}
	size_t total = NR_LEX_BUILTIN_COUNT + s->nnames + 1;
	char **names = realloc(s->names, (s->nnames + 1) * sizeof(*names));
	if (names)
		s->names = names;
	size_t *rows = realloc(s->rows, total * sizeof(*rows));
	if (rows)
		s->rows = rows;
	size_t *forms = realloc(s->forms, total * sizeof(*forms));
	if (forms)
		s->forms = forms;
	char *copy = nr_arena__strndup(&s->arena, name, strlen(name));
	if (!names || !rows || !forms || !copy) {
		if (err)
			nr_buf__puts(err, "out of memory");
		return NR_ENOMEM;
	}
	s->rows[total - 1] = 0;
	s->forms[total - 1] = 0;
	s->names[s->nnames++] = copy;
	return (int)total - 1;
}

int nr_lexicon__load(nr_lexicon_set *s, const char *lexicon, const char *data, size_t len,
		     const char *source, nr_buf *err)
{
	int id = lexicon_for_add(s, lexicon, err);
	if (id < 0)
		return id;
	lex_loader ld = { .arena = &s->arena,
			  .table = &s->user,
			  .other = &s->b->table,
			  .lex = id,
			  .source = source ? source : "<lexicon>",
			  .strict = false,
			  .err = err,
			  .rows = s->rows,
			  .forms = s->forms };
	return parse_text(&ld, data, len);
}

int nr_lexicon__add(nr_lexicon_set *s, const char *lexicon, const char *row, nr_buf *err)
{
	if (strchr(row, '\n')) {
		if (err) {
			err->len = 0;
			nr_buf__puts(err, "a lexicon row cannot hold a newline");
		}
		return NR_EINVAL;
	}
	return nr_lexicon__load(s, lexicon, row, strlen(row), "<row>", err);
}

int nr_lexicon__load_file(nr_lexicon_set *s, const char *lexicon, const char *path, nr_buf *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (err) {
			err->len = 0;
			nr_buf__printf(err, "%s: %s", path, strerror(errno));
		}
		return NR_EIO;
	}
	nr_buf b = NR_BUF_INIT;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		nr_buf__put(&b, chunk, n);
	bool bad = ferror(f);
	fclose(f);
	if (bad || b.oom) {
		if (err) {
			err->len = 0;
			nr_buf__printf(err, "%s: %s", path, bad ? "read error" : "out of memory");
		}
		nr_buf__free(&b);
		return bad ? NR_EIO : NR_ENOMEM;
	}
	int rc = nr_lexicon__load(s, lexicon, b.data ? b.data : "", b.len, path, err);
	nr_buf__free(&b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Lookups                                                               */

/* raw is the input as written: already whitespace-folded (norm) or not. */
static bool entry_ok(const nr_lex_entry *e, int lex, const char *raw, size_t rlen, bool norm)
{
	if (lex != NR_LEX_ANY && e->lexicon != lex)
		return false;
	if (!(e->flags & NR_LEXF_EXACT_CASE))
		return true;
	if (!norm)
		return raw_equals(e->phrase, raw, rlen);
	return strlen(e->phrase) == rlen && memcmp(e->phrase, raw, rlen) == 0;
}

/* The chains (user, then built-in) holding one folded key. */
static void find_chains(const nr_lexicon_set *s, const char *key, size_t klen, uint64_t h,
			const nr_lex_entry *chains[2])
{
	chains[0] = table_find(&s->user, key, klen, h);
	chains[1] = table_find(&s->b->table, key, klen, h);
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

/* Entries for one folded key across user then built-in tables. */
static size_t collect(const nr_lexicon_set *s, int lex, const char *key, size_t klen,
		      const char *raw, size_t rlen, bool norm, const nr_lex_entry **out, size_t cap)
{
	const nr_lex_entry *chains[2];
	find_chains(s, key, klen, hash_bytes(key, klen), chains);
	return collect_chains(chains, lex, raw, rlen, norm, out, cap);
}

static bool any_prefix(const nr_lexicon_set *s, const char *key, size_t klen)
{
	uint64_t h = hash_bytes(key, klen);
	return prefix_has(&s->b->table, h) || prefix_has(&s->user, h);
}

/* ------------------------------------------------------------------ */
/* Per-article views                                                     */

/*
 * An article asks about the same few hundred words thousands of times
 * (every extractor, every lexicon, the lemma of each candidate verb), so
 * a view remembers, per phrase as written, what only depends on that
 * text: its folded form and the hash chains for it. What the lexicon
 * filter and exact-case entries decide is still worked out per call, from
 * the chains, exactly as an uncached lookup does.
 */

#define VIEW_MAX_PHRASES (1u << 16) /* beyond this, look up uncached */
#define VIEW_NOFOLD UINT32_MAX      /* the phrase does not fold (too long) */

enum {
	MEMO_LEMMA = 0x01,  /* lemma is known */
	MEMO_PREFIX = 0x02, /* prefix is known */
	MEMO_POSS = 0x04    /* poss[] is known */
};

typedef struct memo {
	uint64_t hash;   /* of raw */
	const char *raw; /* as written (arena copy) */
	uint32_t rlen;
	uint32_t klen;                 /* folded length, or VIEW_NOFOLD */
	const char *key;               /* folded, NUL-terminated */
	uint64_t khash;                /* hash_bytes() of key, when it folds */
	const nr_lex_entry *chains[2]; /* user, built-in chains for key */
	const nr_lex_entry *poss[2];   /* the same for key less a final 's */
	const char *lemma;             /* nr_lexicon__lemma() */
	uint32_t lexmask;              /* lex_bit() of every entry in chains */
	bool prefix;                   /* key begins a longer listed phrase */
	uint8_t known;                 /* MEMO_*: what is filled in lazily */
} memo;

struct lex_cache {
	nr_arena *arena;
	memo **slots;
	size_t cap, n;
	char *pool; /* memos are carved from arena chunks of VIEW_POOL */
	size_t pool_left;
};

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

/* memcmp(a, b, n) == 0 for short strings without the call, as
 * copy_short() copies them. */
static inline bool same_short(const char *a, const char *b, size_t n)
{
	if (n >= 8 && n <= 16) {
		uint64_t a0, a1, b0, b1;
		memcpy(&a0, a, 8);
		memcpy(&b0, b, 8);
		memcpy(&a1, a + n - 8, 8);
		memcpy(&b1, b + n - 8, 8);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	if (n >= 4 && n < 8) {
		uint32_t a0, a1, b0, b1;
		memcpy(&a0, a, 4);
		memcpy(&b0, b, 4);
		memcpy(&a1, a + n - 4, 4);
		memcpy(&b1, b + n - 4, 4);
		return ((a0 ^ b0) | (a1 ^ b1)) == 0;
	}
	if (n > 16)
		return memcmp(a, b, n) == 0;
	for (size_t k = 0; k < n; k++)
		if (a[k] != b[k])
			return false;
	return true;
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

/* A lexicon's bit in memo.lexmask; the ids past 30 share the last one. */
static inline uint32_t lex_bit(int lex) { return lex < 31 ? 1u << lex : 1u << 31; }

/* Can the chains hold an entry of lexicon lex? Most look-ups of a word in
 * one lexicon fail: this says so without walking the chains. */
static inline bool memo_may_hold(const memo *p, int lex)
{
	return lex == NR_LEX_ANY ? p->lexmask != 0 : (p->lexmask & lex_bit(lex)) != 0;
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

/*
 * What the view knows about raw[0..len), folding and finding it the first
 * time. NULL when this set is not a view or memory is short: the caller
 * then looks up uncached.
 */
static memo *cache_add(const nr_lexicon_set *s, const char *raw, size_t len, uint64_t h, size_t j);

static inline memo *cache_get(const nr_lexicon_set *s, const char *raw, size_t len)
{
	lex_cache *c = s->cache;
	/* Text far longer than any key is not worth remembering. */
	if (!c || len > LEX_MAXKEY * 4)
		return NULL;
	uint64_t h = nr_hash__bytes(raw, len);
	size_t j = (size_t)h & (c->cap - 1);
	for (memo *p; (p = c->slots[j]) != NULL; j = (j + 1) & (c->cap - 1)) {
		if (p->hash == h && p->rlen == len && same_short(p->raw, raw, len))
			return p;
	}
	return cache_add(s, raw, len, h, j);
}

/* The first time: fold raw, find its chains and remember them in the
 * empty slot j that the probe for hash h ended at. Kept out of line so
 * that the probe above stays small where it is inlined. */
static memo *cache_add(const nr_lexicon_set *s, const char *raw, size_t len, uint64_t h, size_t j)
{
	lex_cache *c = s->cache;
	if (c->n >= VIEW_MAX_PHRASES)
		return NULL;
	char key[LEX_MAXKEY + 1];
	size_t klen;
	uint64_t kh = 0;
	bool folds = fold_key(raw, len, key, &klen, &kh);
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
		find_chains(s, key, klen, kh, p->chains);
		for (int t = 0; t < 2; t++)
			for (const nr_lex_entry *e = p->chains[t]; e; e = e->next_)
				p->lexmask |= lex_bit(e->lexicon);
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

/* lookup_all() for a phrase the view knows: what a look-up of raw (the
 * same text) gives. */
static size_t memo_lookup(const memo *p, int lex, const char *raw, size_t len,
			  const nr_lex_entry **out, size_t cap)
{
	if (p->klen == VIEW_NOFOLD || p->klen == 0 || !memo_may_hold(p, lex))
		return 0;
	return collect_chains(p->chains, lex, raw, len, false, out, cap);
}

/* Chains for p's key less its final 's (the caller has checked it ends
 * so). */
static const nr_lex_entry *const *memo_poss(const nr_lexicon_set *s, memo *p)
{
	if (!(p->known & MEMO_POSS)) {
		find_chains(s, p->key, p->klen - 2, hash_bytes(p->key, p->klen - 2), p->poss);
		p->known |= MEMO_POSS;
	}
	return p->poss;
}

static bool memo_prefix(const nr_lexicon_set *s, memo *p)
{
	if (!(p->known & MEMO_PREFIX)) {
		/* any_prefix(), with the hash fold_key() gave. */
		p->prefix = prefix_has(&s->b->table, p->khash) || prefix_has(&s->user, p->khash);
		p->known |= MEMO_PREFIX;
	}
	return p->prefix;
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

size_t nr_lexicon__lookup_all(const nr_lexicon_set *s, int lex, const char *phrase, size_t len,
			      const nr_lex_entry **out, size_t cap)
{
	const memo *p = cache_get(s, phrase, len);
	if (p)
		return memo_lookup(p, lex, phrase, len, out, cap);
	char key[LEX_MAXKEY + 1];
	size_t klen;
	uint64_t h;
	if (!fold_key(phrase, len, key, &klen, &h) || klen == 0)
		return 0;
	const nr_lex_entry *chains[2];
	find_chains(s, key, klen, h, chains);
	return collect_chains(chains, lex, phrase, len, false, out, cap);
}

const nr_lex_entry *nr_lexicon__lookup(const nr_lexicon_set *s, int lex, const char *phrase,
				       size_t len)
{
	const nr_lex_entry *e = NULL;
	return nr_lexicon__lookup_all(s, lex, phrase, len, &e, 1) ? e : NULL;
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

size_t nr_lexicon__match(const nr_lexicon_set *s, int lex, const char *text, const nr_token *toks,
			 size_t ntoks, size_t i, nr_lex_match *m)
{
	/* The folded key is built word by word; the text as written, which
	 * only exact-case entries compare against, is the span itself. */
	char key[LEX_MAXKEY + 1];
	size_t klen = 0;
	const char *raw = text + toks[i].start;
	size_t maxkey = s->b->table.maxkey > s->user.maxkey ? s->b->table.maxkey : s->user.maxkey;
	memo *first = cache_get(s, raw, toks[i].end - toks[i].start);
	m->entry = NULL;
	m->ntokens = 0;
	m->possessive = false;
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
				if (!(j - 1 == i && first ? memo_prefix(s, first)
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
			if (!norm_append(key, &klen, sizeof(key), text + t->start,
					 t->end - t->start, true, &sp1))
				break;
		}
		if (klen > maxkey + 2)
			break;
		bool hit = j == i && first
			       ? memo_may_hold(first, lex) &&
				     collect_chains(first->chains, lex, raw, rlen, false, &e, 1)
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
				? collect_chains(memo_poss(s, first), lex, raw, rlen - rcut, false,
						 &e, 1)
				: collect(s, lex, key, klen - 2, raw, rlen - rcut, false, &e, 1)) {
				m->entry = e;
				m->ntokens = j - i + 1;
				m->possessive = true;
			}
		}
	}
	return m->ntokens;
}

const char *nr_lexicon__lemma(const nr_lexicon_set *s, const char *word, size_t len)
{
	/* One look-up for both lexicons: this runs for nearly every word of
	 * an article. The first entry of each lexicon is what a look-up in
	 * that lexicon alone would give. */
	memo *p = cache_get(s, word, len);
	if (p && (p->known & MEMO_LEMMA))
		return p->lemma;
	const nr_lex_entry *all[32], *e = NULL, *v = NULL;
	size_t n = p ? (p->lexmask & (lex_bit(NR_LEX_SPEECH_VERBS) | lex_bit(NR_LEX_VERBS))
			    ? memo_lookup(p, NR_LEX_ANY, word, len, all, NR_ARRAY_LEN(all))
			    : 0)
		     : nr_lexicon__lookup_all(s, NR_LEX_ANY, word, len, all, NR_ARRAY_LEN(all));
	for (size_t i = 0; i < n && i < NR_ARRAY_LEN(all); i++) {
		if (all[i]->lexicon == NR_LEX_SPEECH_VERBS && !e)
			e = all[i];
		else if (all[i]->lexicon == NR_LEX_VERBS && !v)
			v = all[i];
	}
	if ((!e || *e->extra) && v)
		e = v;
	const char *lemma = e && !*e->extra ? e->canonical : NULL;
	if (p) {
		p->lemma = lemma;
		p->known |= MEMO_LEMMA;
	}
	return lemma;
}

static bool ends_with(const char *w, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && memcmp(w + n - k, suf, k) == 0;
}

/* After stripping -ed/-ing: undo doubling ("stopp" -> "stop") or restore
 * an e ("mak" -> "make") by the usual spelling patterns. */
static size_t restore_stem(char *w, size_t n)
{
	if (n >= 3 && w[n - 1] == w[n - 2] && !is_vowel(w[n - 1]) && w[n - 1] != 'l' &&
	    w[n - 1] != 's' && w[n - 1] != 'z' && w[n - 1] != 'f')
		return n - 1;
	/* Restore the silent e that -ed/-ing took away, by the endings that
	 * English verbs with one have: -ve, -ze, -ue, -ce, -rge, -ange/-enge,
	 * -ate, -yse, -ise, -use, consonant + le, and one-syllable CVC stems
	 * ("hop(e)d"; a doubled consonant was undone above). */
	if (n >= 2) {
		char c = w[n - 1], p = w[n - 2];
		char pp = n >= 3 ? w[n - 3] : 0;
		bool add_e = false;
		if (c == 'v' || c == 'u' || (c == 'z' && p != 'z'))
			add_e = true;
		else if (c == 'c')
			add_e = is_vowel(p) || p == 'n' || p == 'r';
		else if (c == 'g')
			add_e = p == 'r' || p == 'd' ||
				(p == 'n' && (pp == 'a' || pp == 'e') && n >= 5);
		else if (n >= 3 && !is_vowel(c) && c != 'w' && c != 'x' && c != 'y' &&
			 is_vowel(p) && p != 'e' && doubles_final(w, n))
			add_e = true;
		else if ((c == 't' && p == 'a' && n >= 5) || (c == 's' && p == 'y') ||
			 (c == 's' && p == 'i' && n >= 6) || (c == 's' && p == 'u'))
			add_e = true;
		else if (c == 'l' && (p == 'b' || p == 't' || p == 'k' || p == 'd' || p == 'p' ||
				      p == 'g' || p == 'z' || p == 'c'))
			add_e = true;
		if (add_e) {
			w[n] = 'e';
			return n + 1;
		}
	}
	return n;
}

size_t nr_lexicon__lemma_guess(const char *word, size_t len, char *out, size_t cap)
{
	char w[LEX_MAXKEY + 2];
	size_t n = nr_lexicon__fold(word, len, w, sizeof(w) - 1);
	if (n == SIZE_MAX)
		return 0;
	if (n > 4 && ends_with(w, n, "ies")) {
		n -= 3;
		w[n++] = 'y';
	} else if (n > 4 && ends_with(w, n, "ied")) {
		n -= 3;
		w[n++] = 'y';
	} else if (n > 4 &&
		   (ends_with(w, n, "sses") || ends_with(w, n, "ches") || ends_with(w, n, "shes") ||
		    ends_with(w, n, "xes") || ends_with(w, n, "zzes"))) {
		n -= 2;
	} else if (n > 3 && ends_with(w, n, "oes")) {
		n -= 2;
	} else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
		   w[n - 2] != 'i') {
		n -= 1;
	} else if (n > 4 && ends_with(w, n, "eed")) {
		/* "agreed", "freed": drop the d only */
		n -= 1;
	} else if (n > 3 && ends_with(w, n, "ed")) {
		n = restore_stem(w, n - 2);
	} else if (n > 4 && ends_with(w, n, "ing")) {
		n = restore_stem(w, n - 3);
	}
	if (n + 1 > cap)
		return 0;
	memcpy(out, w, n);
	out[n] = '\0';
	return n;
}

size_t nr_lexicon__lemma_into(const nr_lexicon_set *s, const char *word, size_t len, char *out,
			      size_t cap)
{
	const char *l = nr_lexicon__lemma(s, word, len);
	if (l) {
		size_t n = strlen(l);
		if (n + 1 > cap)
			return 0;
		memcpy(out, l, n + 1);
		return n;
	}
	return nr_lexicon__lemma_guess(word, len, out, cap);
}

const nr_lex_entry *nr_lexicon__country(const nr_lexicon_set *s, const char *phrase, size_t len)
{
	const nr_lex_entry *e = nr_lexicon__lookup(s, NR_LEX_COUNTRIES, phrase, len);
	if (!e)
		return NULL;
	if (strcmp(e->cls, "name") == 0)
		return e;
	const nr_lex_entry *name = find_country_name(&s->b->table, e->canonical);
	if (!name)
		name = find_country_name(&s->user, e->canonical);
	return name ? name : e;
}

const nr_lex_entry *nr_lexicon__country_by_code(const nr_lexicon_set *s, const char *code)
{
	size_t n = strlen(code);
	if (n != 2 && n != 3)
		return NULL;
	for (size_t i = 0; i < s->b->ncountries; i++) {
		const nr_lex_entry *e = s->b->countries[i];
		if (strcasecmp(e->fields[n == 2 ? 1 : 2], code) == 0)
			return e;
	}
	return NULL;
}

const nr_lex_entry *nr_lexicon__title(const nr_lexicon_set *s, const char *phrase, size_t len)
{
	return nr_lexicon__lookup(s, NR_LEX_TITLES, phrase, len);
}

char nr_lexicon__gender(const nr_lexicon_set *s, const char *name, size_t len)
{
	const nr_lex_entry *e = nr_lexicon__lookup(s, NR_LEX_FIRST_NAMES, name, len);
	return e ? e->gender : 0;
}

bool nr_lexicon__is_function_word(const nr_lexicon_set *s, const char *word, size_t len)
{
	return nr_lexicon__lookup(s, NR_LEX_FUNCTION_WORDS, word, len) != NULL;
}

bool nr_lexicon__is_abbreviation(const nr_lexicon_set *s, const char *word, size_t len)
{
	if (len < 2 || word[len - 1] != '.')
		return false;
	const nr_lex_entry *all[8];
	size_t n = nr_lexicon__lookup_all(s, NR_LEX_ANY, word, len, all, 8);
	for (size_t i = 0; i < n && i < 8; i++) {
		/* The listed form must end in the period too ("Gen." is an
		 * abbreviation; "Gen" is not part of the question). */
		size_t pl = strlen(all[i]->phrase);
		if (pl && all[i]->phrase[pl - 1] == '.')
			return true;
	}
	return false;
}
