/*
 * entities.c - people, organisations and places named in an article.
 *
 * One pass over the tokens proposes candidate mentions from the lexicons
 * (countries, places, organisations, government actors, titles, first
 * names), from the shape of capitalised runs and from organisation cue
 * words; a second pass resolves them at document level: surnames join the
 * fuller name ("Vance" -> "Paul Vance"), single words that are part of a
 * known organisation name join it, undecided words take the type the rest
 * of the article gives them. Capitals at sentence starts, in headlines and
 * in ALL-CAPS lines say nothing about names, so words there count only
 * when the lexicons or a reliably capitalised use elsewhere vouch for them.
 *
 * Cost is linear in tokens: a few hash lookups per capitalised word, scratch
 * arrays malloc'd once per article, results in the article's arena.
 */
#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

/* Token flags. */
#define TF_CAP 0x01        /* first letter upper case */
#define TF_ALLCAPS 0x02    /* every letter upper case, two or more letters */
#define TF_UNRELIABLE 0x04 /* sentence start, headline, ALL-CAPS line */
#define TF_HYPHEN 0x08     /* holds a '-' between letters */
#define TF_USED 0x10       /* consumed by a mention or a title */
#define TF_INITIAL 0x20    /* first word of a sentence or quotation */

#define FIRST_WORD 9 /* key type: a person's first word */

/* Candidate origin. */
enum {
	SRC_LEX = 1, /* a lexicon entry: country, place, organisation */
	SRC_CUE,     /* capitalised run with an organisation cue */
	SRC_ACRONYM, /* ALL-CAPS short word */
	SRC_PERSON,  /* first name, title or speech verb says person */
	SRC_SHAPE,   /* capitalised run without other evidence */
	SRC_DEMONYM  /* "Pakistani" */
};

typedef struct cand {
	uint32_t start, end; /* mention bytes */
	uint32_t tok0, tok1; /* tokens [tok0, tok1) */
	uint32_t sentence;
	uint8_t type; /* nr_entity_type, or 0 undecided */
	uint8_t kind; /* nr_mention_kind */
	uint8_t src;
	uint8_t guess; /* type suggested by context when undecided */
	uint8_t nwords;
	bool dropped;
	bool allcaps;            /* written in capitals only */
	bool common;             /* type is a default guess: test for a common noun */
	const nr_lex_entry *lex; /* lexicon entry, or NULL */
	const char *key;         /* canonical form for grouping */
	uint32_t keylen;
	int32_t target; /* person/org cand this one joins, or -1 */
	const nr_lex_entry *title;
	uint32_t title_start, title_end;
	int32_t affil; /* cand index of the affiliation, or -1 */
	int32_t entity;
} cand;

/* Lexicon facts about a single token (computed on first use). */
#define LX_DONE 0x01
#define LX_FW 0x02       /* function word */
#define LX_CAL 0x04      /* weekday or month */
#define LX_FNAME 0x08    /* first name */
#define LX_VERB 0x10     /* verb form */
#define LX_SPEECH 0x20   /* speech verb form */
#define LX_CUE_HEAD 0x40 /* organisation cue opening a name */
#define LX_CUE_SUFFIX 0x80
#define LX_TITLE 0x100   /* a title by itself ("spokesman") */
#define LX_MATCHED 0x200 /* mc[i] is filled */
/* Entity word classes (word_classes.tsv, ent_*). */
#define LX_PARTICLE 0x400     /* ent_name_particle: "al", "bin", "van" */
#define LX_PLACE_NOUN 0x800   /* ent_place_noun: "city", "province" */
#define LX_POSTNOMINAL 0x1000 /* ent_postnominal: "MP", "QC" (any case) */

/* The longest naming-lexicon and title matches at a token. */
typedef struct mcache {
	const nr_lex_entry *name, *title;
	uint8_t nlen, tlen, lexid;
} mcache;

typedef struct ctx {
	nr_article *a;
	const nr_lexicon_set *lex;
	const char *text;
	nr_token *toks;
	uint8_t *tf;
	int32_t *end_cand;   /* cand whose last token is this one, or -1 */
	int32_t *start_cand; /* cand whose first token is this one, or -1 */
	uint16_t *lx;        /* LX_* facts per token, computed once */
	struct mcache *mc;   /* lexicon matches per start token */
	size_t cur_se;       /* end token of the sentence being scanned */
	size_t cur_numbers;  /* number tokens in that sentence */
	uint32_t *lowset;    /* lower-case words, built on first need */
	size_t lowmask, nlow;
	bool lowset_built;
	/* Words capitalised where capitals mean something. */
	uint32_t *capset;
	size_t capmask;
	cand *c;
	size_t nc, capc;
	bool oom;
} ctx;

/* ------------------------------------------------------------------ */
/* Small text helpers.                                                  */

static inline const char *tok_s(const ctx *x, size_t i) { return x->text + x->toks[i].start; }

static inline size_t tok_n(const ctx *x, size_t i) { return x->toks[i].end - x->toks[i].start; }

static bool tok_is_n(const ctx *x, size_t i, const char *w, size_t n)
{
	if (tok_n(x, i) != n)
		return false;
	const char *s = tok_s(x, i);
	for (size_t k = 0; k < n; k++) {
		char c = s[k];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[k])
			return false;
	}
	return true;
}

/* Is token i the (lower-case ASCII) word w, in any case? */
#define tok_is(x, i, w) tok_is_n((x), (i), (w), sizeof(w) - 1)

static inline char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

static bool eq_fold(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return false;
	size_t i = 0;
	for (; i + 8 <= an; i += 8) {
		uint64_t wa, wb;
		memcpy(&wa, a + i, 8);
		memcpy(&wb, b + i, 8);
		if (wa != wb && nr_ascii__lower8(wa) != nr_ascii__lower8(wb))
			return false;
	}
	for (; i < an; i++)
		if (a[i] != b[i] && lower(a[i]) != lower(b[i]))
			return false;
	return true;
}

static bool is_dash_tok(const ctx *x, size_t i)
{
	uint32_t cp;
	size_t n = tok_n(x, i);
	return n && nr_utf8__decode(tok_s(x, i), n, &cp) == n && nr_uc__is_dash(cp);
}

static void classify_token(ctx *x, size_t i)
{
	const nr_token *t = &x->toks[i];
	if (t->kind != NR_TOKEN_WORD)
		return;
	const char *s = x->text + t->start;
	size_t n = t->end - t->start, k = 0;
	if (n && s[0] >= 'a' && s[0] <= 'z') {
		/* Most words: lower case, only the hyphen matters (inside the
		 * word; short enough to look for without a call). */
		for (size_t k2 = 1; k2 + 1 < n; k2++) {
			if (s[k2] == '-') {
				x->tf[i] |= TF_HYPHEN;
				break;
			}
		}
		return;
	}
	size_t letters = 0, upper = 0;
	bool first = true, hy = false;
	while (k < n) {
		uint32_t cp;
		size_t used;
		unsigned char ch = (unsigned char)s[k];
		if (ch < 0x80) {
			cp = ch;
			used = 1;
			if (ch == '-' && k > 0 && k + 1 < n)
				hy = true;
			bool up = ch >= 'A' && ch <= 'Z';
			if (up || (ch >= 'a' && ch <= 'z')) {
				letters++;
				if (up) {
					upper++;
					if (first)
						x->tf[i] |= TF_CAP;
				}
				first = false;
			}
			k++;
			continue;
		}
		used = nr_utf8__decode(s + k, n - k, &cp);
		if (cp == '-' && k > 0 && k + 1 < n)
			hy = true;
		if (nr_uc__is_alpha(cp)) {
			letters++;
			if (nr_uc__is_upper(cp)) {
				upper++;
				if (first)
					x->tf[i] |= TF_CAP;
			}
			first = false;
		}
		k += used;
	}
	if (letters >= 2 && upper == letters)
		x->tf[i] |= TF_ALLCAPS;
	if (hy)
		x->tf[i] |= TF_HYPHEN;
}

/* ------------------------------------------------------------------ */
/* The set of words capitalised where capitals are reliable.            */

static void capset_add(ctx *x, size_t i)
{
	uint32_t h = nr_hash__fold(tok_s(x, i), tok_n(x, i));
	size_t p = h & x->capmask;
	for (;;) {
		uint32_t v = x->capset[p];
		if (!v) {
			x->capset[p] = (uint32_t)i + 1;
			return;
		}
		if (eq_fold(tok_s(x, v - 1), tok_n(x, v - 1), tok_s(x, i), tok_n(x, i)))
			return;
		p = (p + 1) & x->capmask;
	}
}

static bool capset_has(const ctx *x, const char *s, size_t n)
{
	uint32_t h = nr_hash__fold(s, n);
	size_t p = h & x->capmask;
	for (;;) {
		uint32_t v = x->capset[p];
		if (!v)
			return false;
		if (eq_fold(tok_s(x, v - 1), tok_n(x, v - 1), s, n))
			return true;
		p = (p + 1) & x->capmask;
	}
}

/* The words lower_has() keeps are four bytes or more: their first and
 * last four, folded, tell them apart well enough and cost two loads. */
static inline uint32_t hash_fold4(const char *s, size_t n)
{
	uint32_t a, b;
	memcpy(&a, s, 4);
	memcpy(&b, s + n - 4, 4);
	uint64_t h = (nr_ascii__lower8(((uint64_t)b << 32) | a) ^ n) * 0x9e3779b97f4a7c15ull;
	return (uint32_t)(h >> 32);
}

/* Token i (not in the set) into the lower-case set, which has room. */
static void lowset_put(ctx *x, size_t i)
{
	size_t p = hash_fold4(tok_s(x, i), tok_n(x, i)) & x->lowmask;
	while (x->lowset[p])
		p = (p + 1) & x->lowmask;
	x->lowset[p] = (uint32_t)i + 1;
	x->nlow++;
}

/* Twice the room, or false (the set is then left as it was). */
static bool lowset_grow(ctx *x, size_t cap)
{
	uint32_t *old = x->lowset;
	size_t oldcap = old ? x->lowmask + 1 : 0;
	uint32_t *ns = calloc(cap, sizeof(*ns));
	if (!ns)
		return false;
	x->lowset = ns;
	x->lowmask = cap - 1;
	x->nlow = 0;
	for (size_t p = 0; p < oldcap; p++)
		if (old[p])
			lowset_put(x, old[p] - 1);
	free(old);
	return true;
}

/*
 * Is the word written in lower case somewhere in the article? Then a
 * capitalised use of it is likely a common noun ("Prison", "Rights").
 */
static bool lower_has(ctx *x, const char *s, size_t n)
{
	/* Short words are function words; nouns worth asking about are
	 * longer. The set is built on the first question, as small as the
	 * article's distinct words allow: it grows when half full. */
	if (n < 4)
		return false;
	if (!x->lowset_built) {
		x->lowset_built = true;
		size_t cap = 64;
		while (cap < x->a->ntokens / 2)
			cap <<= 1;
		if (!lowset_grow(x, cap))
			return false; /* no answer is a safe answer */
		for (size_t i = 0; i < x->a->ntokens; i++) {
			const char *w = tok_s(x, i);
			size_t wn = tok_n(x, i);
			if (wn < 4 || w[0] < 'a' || w[0] > 'z' || x->toks[i].kind != NR_TOKEN_WORD)
				continue;
			size_t p = hash_fold4(w, wn) & x->lowmask;
			for (;;) {
				uint32_t v = x->lowset[p];
				if (!v)
					break;
				if (eq_fold(tok_s(x, v - 1), tok_n(x, v - 1), w, wn))
					break;
				p = (p + 1) & x->lowmask;
			}
			if (x->lowset[p])
				continue;
			if ((x->nlow + 1) * 2 > x->lowmask + 1) {
				if (!lowset_grow(x, (x->lowmask + 1) * 2)) {
					free(x->lowset);
					x->lowset = NULL;
					return false;
				}
				lowset_put(x, i);
			} else {
				x->lowset[p] = (uint32_t)i + 1;
				x->nlow++;
			}
		}
	}
	if (!x->lowset)
		return false;
	size_t p = hash_fold4(s, n) & x->lowmask;
	for (;;) {
		uint32_t v = x->lowset[p];
		if (!v)
			return false;
		if (eq_fold(tok_s(x, v - 1), tok_n(x, v - 1), s, n))
			return true;
		p = (p + 1) & x->lowmask;
	}
}

/* ------------------------------------------------------------------ */
/* Lexicon questions.                                                   */

/* Is `name` one of the '|'-separated classes in cls? */
static bool class_has(const char *cls, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = cls; *p;) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && memcmp(p, name, n) == 0)
			return true;
		if (!bar)
			break;
		p = bar + 1;
	}
	return false;
}

/* The LX_* bits of the entity's own word classes. */
static uint16_t word_class_facts(const char *cls)
{
	uint16_t f = 0;
	if (class_has(cls, "ent_name_particle"))
		f |= LX_PARTICLE;
	if (class_has(cls, "ent_place_noun"))
		f |= LX_PLACE_NOUN;
	if (class_has(cls, "ent_postnominal"))
		f |= LX_POSTNOMINAL;
	return f;
}

/* Is the phrase s[0..n) listed in word class `name`? For the classes
 * asked about parts of words, which have no token to cache facts on. */
static bool in_word_class(const ctx *x, const char *s, size_t n, const char *name)
{
	const nr_lex_entry *all[8];
	size_t got = nr_lexicon__lookup_all(x->lex, NR_LEX_WORD_CLASSES, s, n, all, 8);
	for (size_t k = 0; k < got && k < 8; k++)
		if (class_has(all[k]->cls, name))
			return true;
	return false;
}

/* Are s[0..n) all ASCII letters? Word lists once compared bytes with
 * ASCII case folding; the lexicon also folds accents, so a word it may
 * answer for must first pass this. */
static bool ascii_letters(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
			return false;
	return true;
}

static uint16_t facts_of(const nr_lex_entry *const *all, size_t n)
{
	uint16_t f = LX_DONE;
	for (size_t k = 0; k < n; k++) {
		const nr_lex_entry *e = all[k];
		switch (e->lexicon) {
		case NR_LEX_FUNCTION_WORDS:
			f |= LX_FW;
			if (strstr(e->cls, "weekday") || strstr(e->cls, "month"))
				f |= LX_CAL;
			break;
		case NR_LEX_FIRST_NAMES: f |= LX_FNAME; break;
		case NR_LEX_TITLES: f |= LX_TITLE; break;
		case NR_LEX_VERBS: f |= LX_VERB; break;
		case NR_LEX_SPEECH_VERBS: f |= LX_SPEECH | LX_VERB; break;
		case NR_LEX_WORD_CLASSES: f |= word_class_facts(e->cls); break;
		case NR_LEX_ORG_CUES:
			if (strcmp(e->cls, "suffix") != 0)
				f |= LX_CUE_HEAD;
			if (strcmp(e->cls, "head") != 0)
				f |= LX_CUE_SUFFIX;
			break;
		default: break;
		}
	}
	return f;
}

static const struct mcache *matches(const ctx *cx, size_t i, size_t lim);

static uint16_t facts(const ctx *x, size_t i)
{
	if (x->lx[i] & LX_DONE)
		return x->lx[i];
	/* Capitalised words will be matched anyway: one lookup for both. */
	if ((x->tf[i] & TF_CAP) && i < x->cur_se && !(x->lx[i] & LX_MATCHED)) {
		matches(x, i, x->cur_se);
		if (x->lx[i] & LX_DONE)
			return x->lx[i];
	}
	const nr_lex_entry *all[24];
	size_t n = nr_lexicon__lookup_all(x->lex, NR_LEX_ANY, tok_s(x, i), tok_n(x, i), all, 24);
	x->lx[i] |= facts_of(all, n < 24 ? n : 24);
	return x->lx[i];
}

static bool is_fw(const ctx *x, size_t i) { return (facts(x, i) & LX_FW) != 0; }

/* Weekdays and months, capitalised anywhere, are not names. */
static bool is_calendar(const ctx *x, size_t i) { return (facts(x, i) & LX_CAL) != 0; }

static bool is_first_name(const ctx *x, size_t i) { return (facts(x, i) & LX_FNAME) != 0; }

static bool is_speech_verb(const ctx *x, size_t i)
{
	if (x->toks[i].kind != NR_TOKEN_WORD || (x->tf[i] & TF_CAP))
		return false;
	return (facts(x, i) & LX_SPEECH) != 0;
}

static bool is_cue(const ctx *x, size_t i, bool head)
{
	if (!(x->tf[i] & TF_CAP))
		return false;
	return (facts(x, i) & (head ? LX_CUE_HEAD : LX_CUE_SUFFIX)) != 0;
}

static bool is_roman(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXLCDM", s[i]))
			return false;
	return true;
}

static int name_rank(int lexid)
{
	switch (lexid) {
	case NR_LEX_ORGANIZATIONS: return 4;
	case NR_LEX_GOV_ACTORS: return 3;
	case NR_LEX_COUNTRIES: return 2;
	case NR_LEX_LOCATIONS: return 1;
	}
	return 0;
}

/*
 * One walk of the shared lexicon table from token i finds the longest
 * phrase of any lexicon; the naming and title entries are then looked up
 * by length, longest first. Cached: several rules ask about one token.
 */
/* Fill mc from the entries of one span of `len` tokens. */
static void note_entries(ctx *x, mcache *mc, const nr_lex_entry *const *all, size_t got, size_t len)
{
	const nr_lex_entry *best = NULL;
	int bl = -1;
	bool place = false;
	for (size_t k = 0; k < got; k++) {
		int l = all[k]->lexicon;
		if (l == NR_LEX_LOCATIONS || l == NR_LEX_COUNTRIES)
			place = true;
		if (l == NR_LEX_TITLES && !mc->title) {
			mc->title = all[k];
			mc->tlen = (uint8_t)len;
		}
		if (name_rank(l) > name_rank(bl)) {
			best = all[k];
			bl = l;
		}
	}
	/* "Washington" the government is also the city: a place. */
	if (best && bl == NR_LEX_GOV_ACTORS && place) {
		for (size_t k = 0; k < got; k++)
			if (all[k]->lexicon == NR_LEX_COUNTRIES ||
			    all[k]->lexicon == NR_LEX_LOCATIONS) {
				best = all[k];
				bl = all[k]->lexicon;
				break;
			}
	}
	if (best && !mc->name) {
		mc->name = best;
		mc->nlen = (uint8_t)len;
		mc->lexid = (uint8_t)bl;
	}
	NR_UNUSED(x);
}

/* Words that may go on inside a lexicon phrase after a first word. */
static bool may_continue(const ctx *x, size_t i, size_t j)
{
	if (j >= x->cur_se)
		return false;
	if (x->toks[j].start == x->toks[i].end)
		return true; /* "U" "." "S" "." */
	if (x->toks[j].kind != NR_TOKEN_WORD)
		return false;
	if (x->tf[j] & TF_CAP)
		return true;
	/* "Secretary of State", "Bosnia and Herzegovina", "Abu Bakr al
	 * Baghdadi". */
	return tok_is(x, j, "of") || tok_is(x, j, "for") || tok_is(x, j, "and") ||
	       tok_is(x, j, "de") || tok_is(x, j, "al") || tok_is(x, j, "bin");
}

/*
 * The naming and title entries starting at token i, longest first: one
 * lookup for the word itself, and a walk of the shared lexicon table only
 * when the next word could continue a phrase. Cached: several rules ask
 * about one token.
 */
static const mcache *matches(const ctx *cx, size_t i, size_t lim)
{
	ctx *x = (ctx *)cx; /* the caches are scratch */
	mcache *mc = &x->mc[i];
	NR_UNUSED(lim);
	if (x->lx[i] & LX_MATCHED)
		return mc;
	memset(mc, 0, sizeof(*mc));
	x->lx[i] |= LX_MATCHED;
	if (x->toks[i].kind != NR_TOKEN_WORD)
		return mc;
	if (may_continue(x, i, i + 1)) {
		nr_lex_match m;
		size_t n = nr_lexicon__match(x->lex, NR_LEX_ANY, x->text, x->toks, x->cur_se, i,
					     &m);
		if (n && m.possessive)
			n--;
		if (n > 255)
			n = 255;
		for (size_t len = n; len >= 2; len--) {
			const nr_lex_entry *all[24];
			size_t got = nr_lexicon__lookup_all(
			    x->lex, NR_LEX_ANY, tok_s(x, i),
			    x->toks[i + len - 1].end - x->toks[i].start, all, 24);
			note_entries(x, mc, all, got < 24 ? got : 24, len);
			if (mc->name && mc->title)
				break;
		}
	}
	const nr_lex_entry *all[24];
	size_t got = nr_lexicon__lookup_all(x->lex, NR_LEX_ANY, tok_s(x, i), tok_n(x, i), all, 24);
	if (got > 24)
		got = 24;
	if (!(x->lx[i] & LX_DONE))
		x->lx[i] |= facts_of(all, got);
	note_entries(x, mc, all, got, 1);
	return mc;
}

/* Longest match at token i among the naming lexicons; *lexid says which. */
static size_t name_match(const ctx *x, size_t i, size_t lim, const nr_lex_entry **out, int *lexid)
{
	const mcache *mc = matches(x, i, lim);
	*out = mc->name;
	*lexid = mc->lexid;
	if (!mc->name || i + mc->nlen > lim)
		return 0;
	return mc->nlen;
}

/* Letters after a British or Irish name: offices and ranks, not names.
 * Only in capitals ("MP", not "mp"). */
static bool is_postnominal(const ctx *x, size_t i)
{
	const char *s = tok_s(x, i);
	size_t n = tok_n(x, i);
	for (size_t k = 0; k < n; k++)
		if (s[k] < 'A' || s[k] > 'Z')
			return false;
	return (facts(x, i) & LX_POSTNOMINAL) != 0;
}

/* Longest title at token i within [i, lim). */

static size_t title_match(const ctx *x, size_t i, size_t lim, const nr_lex_entry **out)
{
	const mcache *mc = matches(x, i, lim);
	*out = mc->title;
	if (!mc->title || i + mc->tlen > lim)
		return 0;
	return mc->tlen;
}

/* ------------------------------------------------------------------ */
/* Candidates.                                                          */

static cand *add_cand(ctx *x, uint32_t start, uint32_t end, uint32_t tok0, uint32_t tok1,
		      uint32_t sentence)
{
	if (x->nc == x->capc && !nr__grow((void **)&x->c, &x->capc, sizeof(cand), 64)) {
		x->oom = true;
		return NULL;
	}
	cand *c = &x->c[x->nc++];
	memset(c, 0, sizeof(*c));
	c->start = start;
	c->end = end;
	c->tok0 = tok0;
	c->tok1 = tok1;
	c->sentence = sentence;
	c->kind = NR_MENTION_NAME;
	c->target = -1;
	c->affil = -1;
	c->entity = -1;
	c->key = x->text + start;
	c->keylen = end - start;
	c->nwords = (uint8_t)(tok1 - tok0 > 255 ? 255 : tok1 - tok0);
	bool caps = true;
	for (uint32_t t = tok0; t < tok1; t++)
		if (x->toks[t].kind == NR_TOKEN_WORD && !(x->tf[t] & TF_ALLCAPS))
			caps = false;
	c->allcaps = caps;
	if (tok1 > tok0) {
		x->start_cand[tok0] = (int32_t)(x->nc - 1);
		x->end_cand[tok1 - 1] = (int32_t)(x->nc - 1);
	}
	return c;
}

/* A candidate of `type`, found by `src`, over tokens [i, end), which it
 * takes. NULL when out of memory. */
static cand *add_run(ctx *x, size_t i, size_t end, uint32_t sent, uint8_t type, uint8_t src)
{
	cand *c = add_cand(x, x->toks[i].start, x->toks[end - 1].end, (uint32_t)i, (uint32_t)end,
			   sent);
	if (c) {
		c->type = type;
		c->src = src;
	}
	for (size_t k = i; k < end; k++)
		x->tf[k] |= TF_USED;
	return c;
}

static uint8_t lex_type(int lexid, const nr_lex_entry *e)
{
	if (lexid == NR_LEX_ORGANIZATIONS || lexid == NR_LEX_GOV_ACTORS)
		return NR_ENTITY_ORGANIZATION;
	NR_UNUSED(e);
	return NR_ENTITY_LOCATION;
}

/* A lexicon hit at tokens [i, i+n). Demonyms name nothing by themselves. */
static cand *add_lex(ctx *x, size_t i, size_t n, uint32_t sent, const nr_lex_entry *e, int lexid)
{
	cand *c = add_cand(x, x->toks[i].start, x->toks[i + n - 1].end, (uint32_t)i,
			   (uint32_t)(i + n), sent);
	if (!c)
		return NULL;
	c->lex = e;
	c->src = SRC_LEX;
	c->type = lex_type(lexid, e);
	c->key = e->canonical;
	c->keylen = (uint32_t)strlen(e->canonical);
	if (lexid == NR_LEX_COUNTRIES) {
		const nr_lex_entry *ce = nr_lexicon__country(x->lex, e->phrase, strlen(e->phrase));
		if (ce) {
			c->key = ce->canonical;
			c->keylen = (uint32_t)strlen(ce->canonical);
		}
		if (strcmp(e->cls, "demonym") == 0) {
			c->src = SRC_DEMONYM;
			c->kind = NR_MENTION_DEMONYM;
		} else if (strcmp(e->cls, "alias") == 0) {
			c->kind = NR_MENTION_ALIAS;
		}
	} else if (lexid == NR_LEX_ORGANIZATIONS &&
		   !eq_fold(e->phrase, strlen(e->phrase), e->canonical, strlen(e->canonical))) {
		c->kind = NR_MENTION_ALIAS;
	}
	for (size_t k = i; k < i + n; k++)
		x->tf[k] |= TF_USED;
	return c;
}

/*
 * A word that can be part of a name here: capitalised and, where capitals
 * are unreliable, vouched for by a reliable use elsewhere or a lexicon.
 */
/* A cue word inside a run: "Red Star Belgrade" no, "American League
 * Championship" yes. */
static bool inner_cue(const ctx *x, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (is_cue(x, k, false) && !is_first_name(x, k))
			return true;
	return false;
}

/* "P." or "J.R.": initials. */
static bool is_initials(const ctx *x, size_t i)
{
	const char *s = tok_s(x, i);
	size_t n = tok_n(x, i);
	if (n < 2 || n % 2)
		return false;
	for (size_t k = 0; k < n; k += 2)
		if (s[k] < 'A' || s[k] > 'Z' || s[k + 1] != '.')
			return false;
	return true;
}

static bool name_word(const ctx *x, size_t i);

/* Initials before a capitalised word open a person's name anywhere. */
static bool initials_name(const ctx *x, size_t i, size_t lim)
{
	return is_initials(x, i) && i + 1 < lim && x->toks[i + 1].kind == NR_TOKEN_WORD &&
	       (x->tf[i + 1] & TF_CAP) && !(x->tf[i + 1] & TF_USED) && !is_initials(x, i + 1);
}

static bool hyphen_split(const ctx *x, size_t i);

/*
 * A sentence's first word that is also a verb ("Ban", "Will", "Hope")
 * opens a name when reliably capitalised words follow it and the run is
 * then said to speak or is described: "Ban Ki-moon said", "Will Ostrander,
 * the mayor,". Otherwise it is the verb ("Ban Smoking in Parks").
 */
static bool verb_opens_name(const ctx *x, size_t i)
{
	if (!(x->tf[i] & TF_INITIAL))
		return false;
	size_t j = i + 1, end = x->cur_se;
	while (j < end && j < i + 4 && x->toks[j].kind == NR_TOKEN_WORD &&
	       (x->tf[j] & (TF_CAP | TF_UNRELIABLE | TF_USED)) == TF_CAP && !is_calendar(x, j))
		j++;
	if (j == i + 1 || j >= end)
		return false;
	if (tok_is(x, j, ",") && j + 1 < end)
		return tok_is(x, j + 1, "the") || tok_is(x, j + 1, "a") || tok_is(x, j + 1, "an") ||
		       tok_is(x, j + 1, "who");
	return tok_is(x, j, "said") || tok_is(x, j, "says") || tok_is(x, j, "told") ||
	       tok_is(x, j, "added");
}

static bool name_word(const ctx *x, size_t i)
{
	if (x->toks[i].kind != NR_TOKEN_WORD || !(x->tf[i] & TF_CAP))
		return false;
	if (x->tf[i] & TF_USED)
		return false;
	if (is_initials(x, i))
		return true;
	if ((x->tf[i] & TF_HYPHEN) && hyphen_split(x, i))
		return false; /* "Washington-based", "U.S.-Pakistani" */
	if (is_calendar(x, i))
		return false;
	if (x->tf[i] & TF_UNRELIABLE) {
		if (is_fw(x, i))
			return false;
		if (x->tf[i] & TF_ALLCAPS) {
			/* In an ALL-CAPS line only a reliable use vouches. */
			return capset_has(x, tok_s(x, i), tok_n(x, i));
		}
		if (capset_has(x, tok_s(x, i), tok_n(x, i)))
			return true;
		if (facts(x, i) & LX_VERB)
			return verb_opens_name(x, i);
		if (is_first_name(x, i))
			return true;
		/* "Jansher Khan beat ...": a sentence's first word before a
		 * reliably capitalised one. */
		size_t j = i + 1;
		/* "Stoke 4 3 1 0": the label of a row in a table of figures. */
		if ((x->tf[i] & TF_INITIAL) && j < x->cur_se &&
		    x->toks[j].kind == NR_TOKEN_NUMBER && x->cur_numbers >= 3)
			return true;
		if ((x->tf[i] & TF_INITIAL) && j < x->a->ntokens &&
		    x->toks[j].kind == NR_TOKEN_WORD &&
		    (x->tf[j] & (TF_CAP | TF_UNRELIABLE | TF_USED)) == TF_CAP && !is_calendar(x, j))
			return true;
		return false;
	}
	if (tok_n(x, i) == 1)
		return false; /* "I", "A", list letters */
	if (tok_s(x, i)[0] == 'I' &&
	    (tok_s(x, i)[1] == '\'' || (unsigned char)tok_s(x, i)[1] == 0xE2))
		return false; /* "I'm", "I’ll" */
	return true;
}

/* Lower-case words allowed inside a name ("Abu Bakr al Baghdadi"). */
static bool particle(const ctx *x, size_t i)
{
	size_t n = tok_n(x, i);
	if ((x->tf[i] & TF_CAP) || n < 2 || n > 5 || x->toks[i].kind != NR_TOKEN_WORD)
		return false;
	return ascii_letters(tok_s(x, i), n) && (facts(x, i) & LX_PARTICLE);
}

static bool connector(const ctx *x, size_t i)
{
	return tok_is(x, i, "of") || tok_is(x, i, "for") || tok_is(x, i, "on") || tok_is(x, i, "&");
}

/*
 * The capitalised run starting at i (i itself a name word): name words,
 * particles between them, and "of/for/on [the]" before more name words
 * (kept only for organisations). *plain is the end before any connector.
 */
static size_t run_end(const ctx *x, size_t i, size_t lim, size_t *plain)
{
	size_t j = i + 1;
	*plain = 0;
	while (j < lim) {
		if (name_word(x, j)) {
			j++;
			continue;
		}
		if (particle(x, j) && j + 1 < lim && name_word(x, j + 1)) {
			j += 2;
			continue;
		}
		/* "Department for Trade and Industry": "and" only inside a
		 * name that opens with an organisation cue. */
		if ((connector(x, j) || (tok_is(x, j, "and") && *plain && is_cue(x, i, true))) &&
		    j + 1 < lim) {
			size_t k = j + 1;
			if (tok_is(x, k, "the") && k + 1 < lim)
				k++;
			if (name_word(x, k)) {
				if (!*plain)
					*plain = j;
				j = k + 1;
				continue;
			}
		}
		break;
	}
	if (!*plain)
		*plain = j;
	return j;
}

/* Longest title ending right before token p (at most 5 tokens back). */
static size_t title_before(const ctx *x, size_t p, size_t sb, const nr_lex_entry **out)
{
	*out = NULL;
	/* Titles end in a word that is a title by itself ("foreign
	 * minister", "senior analyst"): a cheap test before the walk. */
	if (p == sb || x->toks[p - 1].kind != NR_TOKEN_WORD || !(facts(x, p - 1) & LX_TITLE))
		return 0;
	/* Lower-case titles ("foreign minister") are not in the match
	 * cache, which walks phrases from capitals only. */
	for (size_t k = 4; k >= 1; k--) {
		if (p < sb + k)
			continue;
		size_t q = p - k;
		if (x->toks[q].kind != NR_TOKEN_WORD)
			continue;
		nr_lex_match m;
		size_t n = nr_lexicon__match(x->lex, NR_LEX_TITLES, x->text, x->toks, p, q, &m);
		if (n == k && !m.possessive) {
			*out = m.entry;
			return k;
		}
	}
	return 0;
}

static void attach_title(ctx *x, cand *c, size_t q, size_t p, const nr_lex_entry *te, size_t sb)
{
	c->title = te;
	c->title_start = x->toks[q].start;
	c->title_end = x->toks[p - 1].end;
	for (size_t k = q; k < p; k++)
		x->tf[k] |= TF_USED;
	/* "White House Press Secretary", "Pakistani Prime Minister",
	 * "Kenya's foreign minister". */
	if (q > sb) {
		size_t e = q - 1;
		if (e > sb && (tok_is(x, e, "'s") || tok_is(x, e, "\xe2\x80\x99s")))
			e--;
		int32_t a = x->end_cand[e];
		if (a >= 0 && x->c[a].type != NR_ENTITY_PERSON)
			c->affil = a;
	}
}

static uint8_t context_guess(const ctx *x, size_t t0, size_t t1, size_t sb, size_t se)
{
	/* "Leicester, Dorset and Torbay": in a list, a word takes the type
	 * of a place next to it. */
	if (t0 >= sb + 2 &&
	    (tok_is(x, t0 - 1, ",") || tok_is(x, t0 - 1, "and") || tok_is(x, t0 - 1, "or"))) {
		int32_t k = x->end_cand[t0 - 2];
		if (k >= 0 &&
		    (x->c[k].type == NR_ENTITY_LOCATION ||
		     (!x->c[k].type && x->c[k].guess == NR_ENTITY_LOCATION)) &&
		    x->c[k].src != SRC_DEMONYM)
			return NR_ENTITY_LOCATION;
	}
	if (t1 + 1 < se && (tok_is(x, t1, "and") || tok_is(x, t1, "or"))) {
		const nr_lex_entry *e;
		int l;
		if (name_match(x, t1 + 1, se, &e, &l) && l == NR_LEX_LOCATIONS)
			return NR_ENTITY_LOCATION;
	}
	/* "Tavildara, Tajikistan": a place, then its country or state. */
	if (t1 + 1 < se && tok_is(x, t1, ",")) {
		const nr_lex_entry *e;
		int l;
		if (name_match(x, t1 + 1, se, &e, &l) &&
		    (l == NR_LEX_COUNTRIES || strcmp(e->cls, "state") == 0) &&
		    strcmp(e->cls, "demonym") != 0)
			return NR_ENTITY_LOCATION;
	}
	/* "in/at/from X" is rarely the subject of what follows. */
	if (t0 > sb && (tok_is(x, t0 - 1, "in") || tok_is(x, t0 - 1, "at") ||
			tok_is(x, t0 - 1, "from") || tok_is(x, t0 - 1, "near")))
		return NR_ENTITY_LOCATION;
	if (t1 < se && is_speech_verb(x, t1))
		return NR_ENTITY_PERSON;
	if (t0 > sb) {
		size_t p = t0 - 1;
		if (is_speech_verb(x, p))
			return NR_ENTITY_PERSON;
		if (tok_is(x, p, "to"))
			return NR_ENTITY_LOCATION;
		if (tok_is(x, p, "of") && p > sb &&
		    ascii_letters(tok_s(x, p - 1), tok_n(x, p - 1)) &&
		    (facts(x, p - 1) & LX_PLACE_NOUN))
			return NR_ENTITY_LOCATION;
		if (tok_is(x, p, "the"))
			return NR_ENTITY_ORGANIZATION;
		if (tok_is(x, p, "mr") || tok_is(x, p, "mrs") || tok_is(x, p, "ms"))
			return NR_ENTITY_PERSON;
	}
	return 0;
}

/*
 * Is a hyphenated word a compound to take apart ("U.S.-Pakistani",
 * "Washington-based") rather than a name ("Jean-Michel", "Ata-ur-Rehman")?
 */
/*
 * "Ki-moon", "Jae-in", "Geun-hye": a given name of two short syllables
 * joined by a hyphen, not a word with a suffix ("Washington-based") or a
 * prefix ("Anti-war", "Pro-government").
 */
static bool syllable_name(const ctx *x, const char *first, size_t fl, const char *second, size_t sl)
{
	if (fl < 2 || fl > 5 || sl < 2 || sl > 5 || first[0] < 'A' || first[0] > 'Z')
		return false;
	for (size_t k = 1; k < fl; k++)
		if (first[k] < 'a' || first[k] > 'z')
			return false;
	for (size_t k = 0; k < sl; k++)
		if (second[k] < 'a' || second[k] > 'z')
			return false;
	return !in_word_class(x, first, fl, "ent_compound_prefix");
}

static bool hyphen_split(const ctx *x, size_t i)
{
	const char *s = tok_s(x, i);
	size_t n = tok_n(x, i);
	const char *h = memchr(s, '-', n);
	if (!h)
		return false;
	const char *last = s + n;
	while (last > s && last[-1] != '-')
		last--;
	size_t fl = (size_t)(h - s);
	if (last < s + n && *last >= 'a' && *last <= 'z')
		return !syllable_name(x, s, fl, last, (size_t)(s + n - last));
	return nr_lexicon__lookup(x->lex, NR_LEX_COUNTRIES, s, fl) ||
	       nr_lexicon__lookup(x->lex, NR_LEX_ORGANIZATIONS, s, fl) ||
	       nr_lexicon__lookup(x->lex, NR_LEX_LOCATIONS, s, fl) || !(x->tf[i] & TF_CAP);
}

/* "al-Qaida-linked", "U.S.-Pakistani", "Washington-based". */
static void hyphen_parts(ctx *x, size_t i, uint32_t sent)
{
	const char *s = tok_s(x, i);
	size_t n = tok_n(x, i), off = 0;
	/* Bounded work on hostile words ("a-b-a-b-..."): a few parts, and
	 * prefixes no longer than any lexicon phrase. */
	for (int parts = 0; off < n && parts < 8; parts++) {
		/* Longest prefix, ending at a hyphen or the end, in a lexicon. */
		size_t best = 0;
		const nr_lex_entry *be = NULL;
		int bl = 0;
		size_t top = n - off > 64 ? off + 64 : n;
		for (size_t e = top; e > off; e--) {
			if (e != n && s[e] != '-')
				continue;
			static const int order[] = { NR_LEX_ORGANIZATIONS, NR_LEX_COUNTRIES,
						     NR_LEX_LOCATIONS };
			for (size_t k = 0; k < NR_ARRAY_LEN(order); k++) {
				const nr_lex_entry *le = nr_lexicon__lookup(x->lex, order[k],
									    s + off, e - off);
				if (le) {
					best = e;
					be = le;
					bl = order[k];
					break;
				}
			}
			if (be)
				break;
		}
		if (be && !(be->flags & NR_LEXF_EXACT_CASE &&
			    strncmp(be->phrase, s + off, best - off) != 0)) {
			uint32_t st = x->toks[i].start + (uint32_t)off;
			cand *c = add_cand(x, st, x->toks[i].start + (uint32_t)best, (uint32_t)i,
					   (uint32_t)i, sent);
			if (!c)
				return;
			c->lex = be;
			c->src = SRC_LEX;
			c->type = lex_type(bl, be);
			c->key = be->canonical;
			c->keylen = (uint32_t)strlen(be->canonical);
			if (bl == NR_LEX_COUNTRIES) {
				const nr_lex_entry *ce = nr_lexicon__country(x->lex, be->phrase,
									     strlen(be->phrase));
				if (ce) {
					c->key = ce->canonical;
					c->keylen = (uint32_t)strlen(ce->canonical);
				}
				if (strcmp(be->cls, "demonym") == 0) {
					c->src = SRC_DEMONYM;
					c->kind = NR_MENTION_DEMONYM;
				}
			}
			off = best + 1;
			continue;
		}
		/* A capitalised part before a lower-case tail: a name. */
		const char *h = memchr(s + off, '-', n - off);
		size_t e = h ? (size_t)(h - s) : n;
		if (e > off && s[off] >= 'A' && s[off] <= 'Z' && h && e + 1 < n &&
		    s[e + 1] >= 'a' && s[e + 1] <= 'z' && capset_has(x, s + off, e - off)) {
			cand *c = add_cand(x, x->toks[i].start + (uint32_t)off,
					   x->toks[i].start + (uint32_t)e, (uint32_t)i, (uint32_t)i,
					   sent);
			if (!c)
				return;
			c->src = SRC_SHAPE;
		}
		off = e + 1;
	}
}

/* "X, a senior analyst at the Y", "X is a senior analyst at Y". */
static void apposition(ctx *x, cand *c, size_t se)
{
	size_t k = c->tok1;
	if (k >= se)
		return;
	if (tok_is(x, k, ",") || tok_is(x, k, "is") || tok_is(x, k, "was"))
		k++;
	else
		return;
	if (k < se && (tok_is(x, k, "a") || tok_is(x, k, "an") || tok_is(x, k, "the")))
		k++;
	size_t t0 = k;
	for (size_t p = k; p < se && p < k + 3; p++) {
		nr_lex_match m;
		size_t n = nr_lexicon__match(x->lex, NR_LEX_TITLES, x->text, x->toks, se, p, &m);
		if (n && !m.possessive) {
			c->title = m.entry;
			c->title_start = x->toks[t0].start;
			c->title_end = x->toks[p + n - 1].end;
			size_t q = p + n;
			if (q < se && (tok_is(x, q, "at") || tok_is(x, q, "of") ||
				       tok_is(x, q, "with") || tok_is(x, q, "for"))) {
				q++;
				if (q < se && tok_is(x, q, "the"))
					q++;
				/* The body named there: an organisation first. */
				int32_t pick = -1;
				for (size_t r = q; r < se && r < q + 3; r++) {
					int32_t ci = x->start_cand[r];
					if (ci < 0)
						continue;
					if (x->c[ci].type == NR_ENTITY_ORGANIZATION ||
					    x->c[ci].src == SRC_CUE) {
						pick = ci;
						break;
					}
					if (pick < 0)
						pick = ci;
				}
				c->affil = pick;
			}
			return;
		}
		if (x->tf[p] & TF_CAP)
			return;
	}
}

static void scan_sentence(ctx *x, uint32_t si)
{
	const nr_sentence *S = &x->a->sentences[si];
	size_t sb = S->first_token, se = sb + S->ntokens;
	size_t i = sb;
	size_t pending_person_from = x->nc;
	x->cur_se = se;
	size_t numbers = 0;
	for (size_t k = sb; k < se; k++)
		numbers += x->toks[k].kind == NR_TOKEN_NUMBER;
	x->cur_numbers = numbers;
	while (i < se && !x->oom) {
		if (x->toks[i].kind != NR_TOKEN_WORD || (x->tf[i] & TF_USED)) {
			i++;
			continue;
		}
		const nr_lex_entry *le;
		int lexid = 0;
		size_t L = 0;
		bool cap = (x->tf[i] & TF_CAP) != 0;
		bool any_upper = cap;
		/* Lower-case words matter only as compounds ("al-Qaida"). */
		if (!cap && (x->tf[i] & TF_HYPHEN)) {
			const char *s = tok_s(x, i);
			for (size_t k = 0; k < tok_n(x, i); k++)
				if (s[k] >= 'A' && s[k] <= 'Z')
					any_upper = true;
		}
		if (!any_upper) {
			i++;
			continue;
		}
		L = name_match(x, i, se, &le, &lexid);
		if (L && (le->flags & NR_LEXF_EXACT_CASE) == 0 && (x->tf[i] & TF_UNRELIABLE) &&
		    is_fw(x, i) && L == 1)
			L = 0; /* "May", "Chad" opening a sentence */
		if (!L && (x->tf[i] & TF_HYPHEN) && hyphen_split(x, i)) {
			hyphen_parts(x, i, si);
			i++;
			continue;
		}
		if (!cap && !L) {
			i++;
			continue;
		}
		size_t plain = i, R = i;
		if (!L && initials_name(x, i, se)) {
			size_t pl;
			R = run_end(x, i, se, &pl);
			R = pl;
			if (!add_run(x, i, R, si, NR_ENTITY_PERSON, SRC_PERSON))
				return;
			i = R;
			continue;
		}
		if (cap && name_word(x, i))
			R = run_end(x, i, se, &plain);
		else if (!L) {
			/* Unvouched capital at a sentence start: a title may
			 * still open a name ("Admiral Okoro said"). */
			const nr_lex_entry *te0;
			size_t tn = title_match(x, i, se, &te0);
			if (tn && i + tn < se && name_word(x, i + tn)) {
				size_t pl;
				R = run_end(x, i + tn, se, &pl);
				plain = pl;
			} else {
				i++;
				continue;
			}
		}
		size_t runlen = R > i ? R - i : 0;
		/* "Men", "Total", "Former" capitalised alone: words; so is
		 * a cue alone ("League", "Network"). */
		if (runlen == 1 && !L &&
		    (is_fw(x, i) || is_cue(x, i, false) || is_cue(x, i, true))) {
			i++;
			continue;
		}
		/* A head cue needs its "of": "House of Lords", not "House
		 * Speaker Ann Lee". */
		bool cue = runlen >= 2 &&
			   (is_cue(x, R - 1, false) || (plain < R && (is_cue(x, i, true) ||
								      /* "Roper Center for ..." */
								      is_cue(x, plain - 1, true))));
		/* "Hong Kong Open", "Washington Post": a place opening a
		 * longer name is part of an organisation's (or event's) name,
		 * unless a title or another lexicon name follows it. */
		if (L && runlen > L && !cue && cap &&
		    (lexid == NR_LEX_COUNTRIES || lexid == NR_LEX_LOCATIONS ||
		     lexid == NR_LEX_ORGANIZATIONS) &&
		    strcmp(le->cls, "demonym") != 0 && !(x->tf[i] & TF_ALLCAPS)) {
			const nr_lex_entry *e2;
			int l2;
			size_t k = i + L;
			if (!title_match(x, k, se, &e2) && !name_match(x, k, se, &e2, &l2) &&
			    !is_first_name(x, k) && plain > k)
				cue = true, R = plain;
		}
		if (L && (L >= runlen || !cue)) {
			cand *c = add_lex(x, i, L, si, le, lexid);
			/* "Chicago 5 Boston 3": in a table of scores a city
			 * or state stands for its team. */
			if (c && lexid == NR_LEX_LOCATIONS && i + L < se &&
			    x->toks[i + L].kind == NR_TOKEN_NUMBER && numbers >= 3 &&
			    (strcmp(le->cls, "city") == 0 || strcmp(le->cls, "state") == 0)) {
				c->type = NR_ENTITY_ORGANIZATION;
				c->src = SRC_CUE;
				c->key = x->text + c->start;
				c->keylen = c->end - c->start;
			}
			i += L;
			continue;
		}
		if (cue) {
			add_run(x, i, R, si, NR_ENTITY_ORGANIZATION, SRC_CUE);
			i = R;
			continue;
		}
		/* A title opening the run: "Admiral Ruth Okoro". */
		const nr_lex_entry *tme;
		size_t T = title_match(x, i, R, &tme);
		if (!T) {
			/* ... or inside it: "New Home Secretary Ann Lee",
			 * "Labour MP Ann Lee". What comes before the title
			 * is taken up on its own. */
			for (size_t k = i + 1; k + 1 < R; k++) {
				const nr_lex_entry *te2;
				size_t t2 = title_match(x, k, R, &te2);
				if (t2 && k + t2 < R && name_word(x, k + t2)) {
					R = k;
					plain = plain < R ? plain : R;
					runlen = R - i;
					break;
				}
			}
			if (runlen == 1 && is_fw(x, i)) {
				i++;
				continue;
			}
		}
		if (T && i + T >= R) {
			/* A title alone ("the Chairman"). */
			for (size_t k = i; k < i + T; k++)
				x->tf[k] |= TF_USED;
			i += T;
			continue;
		}
		size_t n0 = T ? i + T : i;
		size_t n1 = plain > n0 ? plain : R;
		if (T) {
			size_t pl;
			if (n0 < se && name_word(x, n0)) {
				run_end(x, n0, se, &pl);
				n1 = pl;
				/* "Major League Baseball", "General Motors": a
				 * cue after the title makes it a name of a body. */
				bool body = false;
				for (size_t k = n0; k < n1 && !body; k++)
					body = is_cue(x, k, false) && !is_first_name(x, k);
				if (body) {
					if (!add_run(x, i, n1, si, NR_ENTITY_ORGANIZATION, SRC_CUE))
						return;
					i = n1;
					continue;
				}
			} else {
				for (size_t k = i; k < i + T; k++)
					x->tf[k] |= TF_USED;
				i += T;
				continue;
			}
		}
		/* Post-nominals close a name, they are no part of it:
		 * "Frank Mole MP", "Ana Ruiz QC". */
		if (n1 - n0 >= 3 && is_postnominal(x, n1 - 1))
			n1--;
		/* A name run may hold a lexicon place after the name
		 * ("Simmons Leicestershire" never happens; "Okoro Washington"
		 * rarely): stop before a lexicon hit past the first word. */
		bool fname = n1 - n0 >= 2 && is_first_name(x, n0);
		for (size_t k = n0 + 1; k < n1 && !fname; k++) {
			const nr_lex_entry *e2;
			int l2;
			if (name_match(x, k, se, &e2, &l2)) {
				n1 = k;
				break;
			}
		}
		cand *c = add_cand(x, x->toks[n0].start, x->toks[n1 - 1].end, (uint32_t)n0,
				   (uint32_t)n1, si);
		if (!c)
			return;
		for (size_t k = i; k < n1; k++)
			x->tf[k] |= TF_USED;
		c->src = SRC_SHAPE;
		bool allcaps = c->allcaps;
		if (T) {
			c->type = NR_ENTITY_PERSON;
			c->src = SRC_PERSON;
			attach_title(x, c, i, n0, tme, sb);
		} else {
			const nr_lex_entry *te;
			size_t tk = title_before(x, n0, sb, &te);
			size_t gap = 0;
			/* "the foreign minister, Ana Duarte, said" */
			if (!tk && n0 > sb + 1 && tok_is(x, n0 - 1, ",") && n1 < se &&
			    tok_is(x, n1, ",") && is_first_name(x, n0) && n1 - n0 >= 2) {
				tk = title_before(x, n0 - 1, sb, &te);
				gap = tk ? 1 : 0;
			}
			if (tk) {
				c->type = NR_ENTITY_PERSON;
				c->src = SRC_PERSON;
				attach_title(x, c, n0 - gap - tk, n0 - gap, te, sb);
			} else if (n1 - n0 >= 2 && !allcaps && is_first_name(x, n0)) {
				c->type = NR_ENTITY_PERSON;
				c->src = SRC_PERSON;
			} else if (n1 - n0 == 1 && (x->tf[n0] & TF_ALLCAPS) &&
				   !(x->tf[n0] & TF_UNRELIABLE) && tok_n(x, n0) <= 6 &&
				   !is_roman(tok_s(x, n0), tok_n(x, n0))) {
				c->type = NR_ENTITY_ORGANIZATION;
				c->src = SRC_ACRONYM;
			} else if (n1 - n0 >= 2 && is_roman(tok_s(x, n1 - 1), tok_n(x, n1 - 1))) {
				/* "World War II", "Apollo XI": events, craft. */
				c->dropped = true;
				c->guess = NR_ENTITY_ORGANIZATION;
			} else if (!is_first_name(x, n0) && (facts(x, n1 - 1) & LX_TITLE) &&
				   !(x->tf[n1 - 1] & TF_ALLCAPS)) {
				/* "Industry Secretary", "Defence Minister": an
				 * office, not a name. */
				c->dropped = true;
				c->guess = NR_ENTITY_ORGANIZATION;
			} else if (n1 - n0 >= 2 && inner_cue(x, n0 + 1, n1)) {
				c->type = NR_ENTITY_ORGANIZATION;
				c->src = SRC_CUE;
			} else if (n1 - n0 >= 2) {
				c->guess = context_guess(x, n0, n1, sb, se);
				/* "Woodhill Prison", "Human Rights": a last word
				 * the article also writes in lower case names no
				 * person. */
				if (!c->guess) {
					c->guess = NR_ENTITY_PERSON;
					c->common = true; /* checked in resolve() */
				}
			} else {
				c->guess = context_guess(x, n0, n1, sb, se);
				c->common = !c->guess; /* checked in resolve() */
			}
		}
		i = n1;
	}
	/* Titles and employers given after the name. */
	for (size_t k = pending_person_from; k < x->nc; k++) {
		cand *c = &x->c[k];
		if (c->type == NR_ENTITY_PERSON && !c->title)
			apposition(x, c, se);
	}
}

/* ------------------------------------------------------------------ */
/* Document-level resolution.                                           */

typedef struct keytab {
	int32_t *slot; /* cand index + 1 */
	size_t mask;
} keytab;

static bool keytab_init(keytab *t, size_t n)
{
	size_t cap = 16;
	while (cap < n * 2 + 2)
		cap <<= 1;
	t->slot = calloc(cap, sizeof(*t->slot));
	t->mask = cap - 1;
	return t->slot != NULL;
}

/* Find or insert (by key text and type): returns the cand index stored. */
static int32_t keytab_get(keytab *t, const cand *c, const char *key, size_t keylen, uint8_t type,
			  int32_t insert)
{
	uint32_t h = nr_hash__fold(key, keylen) ^ type;
	size_t p = h & t->mask;
	for (;;) {
		int32_t v = t->slot[p];
		if (!v) {
			if (insert >= 0)
				t->slot[p] = insert + 1;
			return insert;
		}
		const cand *o = &c[v - 1];
		if (o->type == type && eq_fold(o->key, o->keylen, key, keylen))
			return v - 1;
		p = (p + 1) & t->mask;
	}
}

/* Last word of a cand's text. */
static void last_word(const ctx *x, const cand *c, const char **s, size_t *n)
{
	const char *b = x->text + c->start, *e = x->text + c->end;
	const char *p = e;
	while (p > b && p[-1] != ' ')
		p--;
	*s = p;
	*n = (size_t)(e - p);
}

static int cmp_cand_start(const void *pa, const void *pb)
{
	const cand *a = pa, *b = pb;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

/*
 * Does s[0..n) hold a word of class ent_government written Capitalised,
 * anywhere, even inside a longer word ("Policeman")? Such a word starts
 * with a capital and goes on in lower case: every such stretch of s is
 * asked about.
 */
static bool has_government_word(const ctx *x, const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (s[k] < 'A' || s[k] > 'Z')
			continue;
		for (size_t e = k + 1; e < n && s[e] >= 'a' && s[e] <= 'z'; e++)
			if (in_word_class(x, s + k, e + 1 - k, "ent_government"))
				return true;
	}
	return false;
}

static bool gov_affiliation(const ctx *x, const cand *af)
{
	if (!af)
		return false;
	if (af->src == SRC_DEMONYM || af->type == NR_ENTITY_LOCATION)
		return true;
	if (af->lex && af->lex->lexicon == NR_LEX_GOV_ACTORS)
		return true;
	if (af->lex && af->lex->lexicon == NR_LEX_ORGANIZATIONS) {
		const char *k = af->lex->cls;
		return strcmp(k, "agency") == 0 || strcmp(k, "intelligence") == 0 ||
		       strcmp(k, "military") == 0 || strcmp(k, "court") == 0;
	}
	/* "Ministry of ...", "Department of ...", "... Police". */
	return has_government_word(x, x->text + af->start, af->end - af->start);
}

/* Is a one-word name shown as someone speaking: "Okafor said", "Mr.
 * Okafor"? Not "said Okafor general manager ..." (a firm's name opens
 * that phrase), nor a plural ("Eagles said": a team). */
static bool spoke_alone(const ctx *x, const cand *c)
{
	size_t t0 = c->tok0, t1 = c->tok1;
	const char *w = x->text + c->start;
	size_t n = c->end - c->start;
	if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's')
		return false;
	if (t0 > 0 &&
	    (tok_is(x, t0 - 1, "mr") || tok_is(x, t0 - 1, "mrs") || tok_is(x, t0 - 1, "ms")))
		return true;
	if (t1 >= x->a->ntokens || !is_speech_verb(x, t1))
		return false;
	/* A finite verb ("said", "says", "told"), not a noun that is also
	 * a verb's base form ("a Democratic state"). */
	char last = tok_s(x, t1)[tok_n(x, t1) - 1];
	return last == 'd' || last == 's';
}

static const char *cand_name(ctx *x, const cand *c)
{
	if (c->src == SRC_DEMONYM || (c->lex && c->type == NR_ENTITY_LOCATION) ||
	    (c->lex && c->lex->lexicon == NR_LEX_GOV_ACTORS))
		return c->key;
	return NULL;
}

static int resolve(ctx *x)
{
	cand *c = x->c;
	size_t nc = x->nc;
	keytab surname = { 0 }, keys = { 0 };
	int rc = NR_ENOMEM;
	if (!keytab_init(&keys, nc))
		goto out;

	/*
	 * The tables compare a stored cand's key, so surnames and org words
	 * are keyed through small shadow records.
	 */
	typedef struct shadow {
		const char *s;
		size_t n;
		int32_t cand;
	} shadow;
	size_t nsh = 0, capsh = 4;
	for (size_t k = 0; k < nc; k++)
		if (c[k].nwords >= 2)
			capsh += c[k].nwords;
	shadow *sh = malloc(capsh * sizeof(*sh));
	cand *sc = malloc(capsh * sizeof(*sc));
	if (!sh || !sc) {
		free(sh);
		free(sc);
		goto out;
	}
	if (!keytab_init(&surname, capsh))
		goto out2;
	for (size_t k = 0; k < nc; k++) {
		cand *ck = &c[k];
		bool person = ck->type == NR_ENTITY_PERSON ||
			      (!ck->type && ck->guess == NR_ENTITY_PERSON);
		bool org = ck->type == NR_ENTITY_ORGANIZATION &&
			   (ck->src == SRC_CUE || ck->src == SRC_LEX);
		if (ck->nwords < 2 || !(person || org) || ck->src == SRC_DEMONYM)
			continue;
		const char *b = x->text + ck->start, *e = x->text + ck->end;
		const char *p = b;
		while (p < e && nsh + 1 < capsh) {
			const char *q = memchr(p, ' ', (size_t)(e - p));
			if (!q)
				q = e;
			bool lastw = q == e;
			/* People: the surname; organisations: every capitalised
			 * word but the cue ("Tamsin" of "Tamsin Network"). */
			bool firstw = p == b;
			if ((person && (lastw || firstw)) ||
			    (org && !lastw && p[0] >= 'A' && p[0] <= 'Z')) {
				sc[nsh].key = p;
				sc[nsh].keylen = (uint32_t)(q - p);
				sc[nsh].type = person ? (lastw ? NR_ENTITY_PERSON : FIRST_WORD)
						      : NR_ENTITY_ORGANIZATION;
				sh[nsh].cand = (int32_t)k;
				int32_t v = keytab_get(&surname, sc, p, (size_t)(q - p),
						       sc[nsh].type, (int32_t)nsh);
				if (v == (int32_t)nsh)
					nsh++;
				else if (person && c[sh[v].cand].nwords < ck->nwords)
					sh[v].cand = (int32_t)k;
			}
			p = q + 1;
		}
	}
	/* Single words join the person or organisation they abbreviate. */
	for (size_t k = 0; k < nc; k++) {
		cand *ck = &c[k];
		if (ck->src == SRC_DEMONYM || ck->src == SRC_LEX || ck->src == SRC_CUE ||
		    ck->src == SRC_ACRONYM)
			continue;
		if (ck->nwords > 1 && ck->type != NR_ENTITY_PERSON && ck->guess != NR_ENTITY_PERSON)
			continue;
		const char *s = x->text + ck->start;
		size_t n = ck->end - ck->start;
		if (ck->nwords > 1)
			last_word(x, ck, &s, &n);
		int32_t v = keytab_get(&surname, sc, s, n, NR_ENTITY_PERSON, -1);
		if (v >= 0 && sh[v].cand != (int32_t)k && c[sh[v].cand].nwords > ck->nwords) {
			const cand *full = &c[sh[v].cand];
			/* "Tom Okoro" and "Thomas Okoro" stay apart only if
			 * both have first names; a lone surname joins. */
			if (ck->nwords == 1 ||
			    eq_fold(x->text + full->start, strcspn(x->text + full->start, " "),
				    x->text + ck->start, strcspn(x->text + ck->start, " "))) {
				ck->type = NR_ENTITY_PERSON;
				ck->key = full->key;
				ck->keylen = full->keylen;
				ck->target = sh[v].cand;
				continue;
			}
		}
		if (ck->nwords == 1 && !ck->type) {
			/* "Wang" for "Wang Dan", "Jansher" for "Jansher Khan". */
			v = keytab_get(&surname, sc, s, n, FIRST_WORD, -1);
			if (v >= 0 && sh[v].cand != (int32_t)k) {
				const cand *full = &c[sh[v].cand];
				ck->type = NR_ENTITY_PERSON;
				ck->key = full->key;
				ck->keylen = full->keylen;
				ck->target = sh[v].cand;
				continue;
			}
			v = keytab_get(&surname, sc, s, n, NR_ENTITY_ORGANIZATION, -1);
			if (v >= 0) {
				const cand *org = &c[sh[v].cand];
				ck->type = NR_ENTITY_ORGANIZATION;
				ck->key = org->key;
				ck->keylen = org->keylen;
				ck->target = sh[v].cand;
			}
		}
	}

	/* Undecided: the type the same name has elsewhere, else context. */
	{
		/* A type-blind table of decided names. */
		free(keys.slot);
		if (!keytab_init(&keys, nc))
			goto out2;
		for (size_t k = 0; k < nc; k++) {
			if (!c[k].type || c[k].src == SRC_DEMONYM)
				continue;
			uint8_t t = c[k].type;
			c[k].type = 0; /* insert type-blind */
			keytab_get(&keys, c, c[k].key, c[k].keylen, 0, (int32_t)k);
			c[k].type = t;
		}
		/* A lone surname the article once shows speaking ("Okafor
		 * said", "Mr. Okafor") is that person where the context says
		 * nothing or little ("the Okafor campaign", "Okafor leaned
		 * in"): one name, one type. Undecided cands all have type
		 * 0 here, so the table compares keys only. */
		keytab spoke = { 0 };
		if (!keytab_init(&spoke, nc))
			goto out2;
		for (size_t k = 0; k < nc; k++)
			if (!c[k].type && c[k].src != SRC_DEMONYM && c[k].nwords == 1 &&
			    c[k].guess == NR_ENTITY_PERSON && spoke_alone(x, &c[k]))
				keytab_get(&spoke, c, c[k].key, c[k].keylen, 0, (int32_t)k);
		for (size_t k = 0; k < nc; k++)
			if (!c[k].type && c[k].src != SRC_DEMONYM && c[k].nwords == 1 &&
			    c[k].guess != NR_ENTITY_PERSON &&
			    keytab_get(&spoke, c, c[k].key, c[k].keylen, 0, -1) >= 0) {
				c[k].guess = NR_ENTITY_PERSON;
				c[k].common = false;
			}
		free(spoke.slot);
	}
	for (size_t k = 0; k < nc; k++) {
		if (c[k].type || c[k].src == SRC_DEMONYM)
			continue;
		/* Temporarily blind every cand's type for the lookup. */
		size_t p = (nr_hash__fold(c[k].key, c[k].keylen)) & keys.mask;
		uint8_t found = 0;
		for (;;) {
			int32_t v = keys.slot[p];
			if (!v)
				break;
			if (eq_fold(c[v - 1].key, c[v - 1].keylen, c[k].key, c[k].keylen)) {
				found = c[v - 1].type;
				break;
			}
			p = (p + 1) & keys.mask;
		}
		if (found)
			c[k].type = found;
		else if (c[k].common) {
			/* A default guess: a word the article also writes in
			 * lower case is a common noun ("Prison", "Radio"). */
			const char *w;
			size_t wn;
			last_word(x, &c[k], &w, &wn);
			bool low = lower_has(x, w, wn);
			if (c[k].nwords == 1) {
				c[k].type = NR_ENTITY_ORGANIZATION;
				c[k].dropped = low;
			} else {
				c[k].type = low ? NR_ENTITY_ORGANIZATION : NR_ENTITY_PERSON;
			}
		} else if (c[k].guess)
			c[k].type = c[k].guess;
		else
			c[k].type = NR_ENTITY_ORGANIZATION;
	}

	/* Demonyms count only for a country the article names. */
	free(keys.slot);
	if (!keytab_init(&keys, nc))
		goto out2;
	for (size_t k = 0; k < nc; k++)
		if (c[k].src != SRC_DEMONYM && c[k].type)
			keytab_get(&keys, c, c[k].key, c[k].keylen, c[k].type, (int32_t)k);
	for (size_t k = 0; k < nc; k++)
		if (c[k].src == SRC_DEMONYM) {
			if (keytab_get(&keys, c, c[k].key, c[k].keylen, NR_ENTITY_LOCATION, -1) < 0)
				c[k].dropped = true;
		}

	/* Keep the mentions that stand. Cand indexes (target, start_cand,
	 * end_cand) are stale from here on; `affil` carries each cand's
	 * original index so the caller can re-map what it parked. */
	size_t nkeep = 0;
	for (size_t k = 0; k < nc; k++)
		if (!c[k].dropped && c[k].end > c[k].start)
			c[nkeep++] = c[k];
	x->nc = nkeep;
	rc = NR_OK;
out2:
	free(sh);
	free(sc);
out:
	free(surname.slot);
	free(keys.slot);
	return rc;
}

/* ------------------------------------------------------------------ */

typedef struct ent_acc {
	int32_t best;   /* cand giving the name */
	int32_t titled; /* cand giving title/affiliation */
	uint32_t n;
} ent_acc;

static bool better_name(const ctx *x, const cand *a, const cand *b)
{
	/* Is a a better source for the name than b? */
	if (a->allcaps != b->allcaps)
		return !a->allcaps;
	if (a->nwords != b->nwords)
		return a->nwords > b->nwords;
	NR_UNUSED(x);
	return (a->end - a->start) > (b->end - b->start);
}

static int build(ctx *x, char **affil_names, bool *affil_gov)
{
	nr_article *a = x->a;
	cand *c = x->c;
	size_t nc = x->nc;
	keytab keys = { 0 };
	if (!keytab_init(&keys, nc))
		return NR_ENOMEM;
	ent_acc *acc = calloc(nc + 1, sizeof(*acc));
	if (!acc) {
		free(keys.slot);
		return NR_ENOMEM;
	}
	size_t ne = 0;
	for (size_t k = 0; k < nc; k++) {
		int32_t f = keytab_get(&keys, c, c[k].key, c[k].keylen, c[k].type, (int32_t)k);
		if (f == (int32_t)k) {
			acc[ne].best = (int32_t)k;
			acc[ne].titled = c[k].title ? (int32_t)k : -1;
			c[k].entity = (int32_t)ne++;
		} else {
			int32_t e = c[f].entity;
			c[k].entity = e;
			if (better_name(x, &c[k], &c[acc[e].best]) && c[k].src != SRC_DEMONYM)
				acc[e].best = (int32_t)k;
			/* An office beats "Mr." or "Ms". */
			if (c[k].title && (acc[e].titled < 0 ||
					   (strcmp(c[acc[e].titled].title->cls, "honorific") == 0 &&
					    strcmp(c[k].title->cls, "honorific") != 0)))
				acc[e].titled = (int32_t)k;
		}
		acc[c[k].entity].n++;
	}
	free(keys.slot);

	nr_entity *ents = nr_arena__calloc(&a->arena, ne ? ne : 1, sizeof(*ents));
	nr_mention *ms = nr_arena__calloc(&a->arena, nc ? nc : 1, sizeof(*ms));
	uint32_t *idx = nr_arena__calloc(&a->arena, nc ? nc : 1, sizeof(*idx));
	if (!ents || !ms || !idx) {
		free(acc);
		return NR_ENOMEM;
	}
	uint32_t off = 0;
	for (size_t e = 0; e < ne; e++) {
		ents[e].mentions = idx + off;
		off += acc[e].n;
		acc[e].n = 0;
	}
	int rc = NR_OK;
	for (size_t k = 0; k < nc; k++) {
		nr_mention *m = &ms[k];
		m->start = c[k].start;
		m->end = c[k].end;
		m->entity = (uint32_t)c[k].entity;
		m->sentence = c[k].sentence;
		m->kind = c[k].kind;
		nr_entity *en = &ents[c[k].entity];
		en->mentions[acc[c[k].entity].n++] = (uint32_t)k;
		en->nmentions = acc[c[k].entity].n;
	}
	for (size_t e = 0; e < ne && !rc; e++) {
		nr_entity *en = &ents[e];
		const cand *b = &c[acc[e].best];
		en->type = b->type;
		const char *nm = cand_name(x, b);
		if (!nm && b->lex && b->lex->lexicon == NR_LEX_ORGANIZATIONS) {
			/* The canonical form if the article uses it, else the
			 * fullest form it uses ("ISI", "NATO"). */
			for (uint32_t j = 0; j < en->nmentions; j++) {
				const nr_mention *m = &ms[en->mentions[j]];
				if (eq_fold(x->text + m->start, m->end - m->start, b->key,
					    b->keylen))
					nm = b->key;
			}
		}
		if (nm)
			en->name = nm;
		else
			en->name = nr_arena__strndup(&a->arena, x->text + b->start,
						     b->end - b->start);
		en->title = "";
		en->affiliation = "";
		if (en->type == NR_ENTITY_PERSON) {
			/* From a first name only: a name used alone is a
			 * surname as often as not ("Clinton", "Warren"). */
			const char *nb = x->text + b->start;
			size_t fw = strcspn(nb, " ");
			char gd = fw < b->end - b->start ? nr_lexicon__gender(x->lex, nb, fw) : 0;
			en->gender = gd == 'm' || gd == 'f' ? gd : 0;
		}
		if (acc[e].titled >= 0) {
			const cand *t = &c[acc[e].titled];
			en->title = nr_arena__strndup(&a->arena, x->text + t->title_start,
						      t->title_end - t->title_start);
			size_t ti = (size_t)acc[e].titled;
			if (affil_names[ti])
				en->affiliation = affil_names[ti];
			if (t->title->official == NR_OFFICIAL_YES)
				en->official = true;
			else if (t->title->official == NR_OFFICIAL_DEPENDS)
				en->official = affil_gov[ti];
		}
		if (!en->name || !en->title)
			rc = NR_ENOMEM;
	}
	free(acc);
	if (rc)
		return rc;
	a->entities = ents;
	a->nentities = ne;
	a->mentions = ms;
	a->nmentions = nc;
	return NR_OK;
}

int nr_entities__run(nr_article *a, const nr_lexicon_set *lex)
{
	if (!a || !lex)
		return NR_EINVAL;
	a->entities = NULL;
	a->nentities = 0;
	a->mentions = NULL;
	a->nmentions = 0;
	if (!a->ntokens || !a->text)
		return NR_OK;
	if (a->ntokens > UINT32_MAX / 4)
		return NR_ETOOBIG;
	ctx x = { 0 };
	x.a = a;
	x.lex = lex;
	x.text = a->text;
	x.toks = a->tokens;
	size_t nt = a->ntokens;
	x.tf = calloc(nt, 1);
	x.end_cand = malloc(nt * sizeof(*x.end_cand));
	x.start_cand = malloc(nt * sizeof(*x.start_cand));
	x.lx = calloc(nt, sizeof(*x.lx));
	x.mc = malloc(nt * sizeof(*x.mc)); /* filled on first use */
	int rc = NR_ENOMEM;
	char **affil_names = NULL;
	bool *affil_gov = NULL;
	if (!x.tf || !x.end_cand || !x.start_cand || !x.lx || !x.mc)
		goto done;
	memset(x.end_cand, 0xff, nt * sizeof(*x.end_cand));
	memset(x.start_cand, 0xff, nt * sizeof(*x.start_cand));

	/* Token shapes, unreliable capitals, the reliable capital set (it
	 * only holds capitalised words: sized for them, at most half full). */
	size_t ncap = 0;
	for (size_t i = 0; i < nt; i++) {
		classify_token(&x, i);
		ncap += (x.tf[i] & TF_CAP) != 0;
	}
	size_t capn = 16;
	while (capn < ncap * 2)
		capn <<= 1;
	x.capset = calloc(capn, sizeof(*x.capset));
	x.capmask = capn - 1;
	if (!x.capset)
		goto done;
	for (size_t s = 0; s < a->nsentences; s++) {
		const nr_sentence *S = &a->sentences[s];
		size_t b = S->first_token, e = b + S->ntokens;
		size_t words = 0, caps = 0, allc = 0, nums = 0;
		for (size_t i = b; i < e; i++) {
			if (x.toks[i].kind == NR_TOKEN_NUMBER)
				nums++;
			if (x.toks[i].kind != NR_TOKEN_WORD)
				continue;
			words++;
			if (x.tf[i] & TF_CAP)
				caps++;
			if (x.tf[i] & TF_ALLCAPS)
				allc++;
		}
		bool shouty = allc * 10 >= words * 6 && allc > 0;
		/* Headline case: nearly every word capitalised and no full
		 * stop (tables of results end with one). */
		bool stop = e > b && (tok_is(&x, e - 1, ".") || tok_is(&x, e - 1, "?") ||
				      tok_is(&x, e - 1, "!"));
		bool headline = !stop && words >= 4 && words <= 16 && nums <= 1 &&
				caps * 10 >= words * 8;
		bool start = true;
		for (size_t i = b; i < e; i++) {
			const nr_token *t = &x.toks[i];
			if (t->kind != NR_TOKEN_WORD) {
				if (t->kind == NR_TOKEN_QUOTE ||
				    (t->kind == NR_TOKEN_PUNCT &&
				     (tok_is(&x, i, ":") || tok_is(&x, i, "(") ||
				      tok_is(&x, i, "-") || tok_is(&x, i, ";") ||
				      is_dash_tok(&x, i))))
					start = true;
				continue;
			}
			if (start && !shouty && !headline)
				x.tf[i] |= TF_INITIAL;
			if (start || shouty || headline || (x.tf[i] & TF_ALLCAPS && words <= 2))
				x.tf[i] |= TF_UNRELIABLE;
			else if (x.tf[i] & TF_CAP)
				capset_add(&x, i);
			start = false;
		}
	}

	for (size_t s = 0; s < a->nsentences && !x.oom; s++)
		scan_sentence(&x, (uint32_t)s);
	if (x.oom)
		goto done;

	/* Affiliation names and government-ness, before cands move. */
	affil_names = calloc(x.nc + 1, sizeof(*affil_names));
	affil_gov = calloc(x.nc + 1, sizeof(*affil_gov));
	if (!affil_names || !affil_gov)
		goto done;
	for (size_t k = 0; k < x.nc; k++) {
		cand *ck = &x.c[k];
		if (ck->affil < 0)
			continue;
		const cand *af = &x.c[ck->affil];
		const char *nm = cand_name(&x, af);
		affil_names[k] = nm ? (char *)nm
				    : nr_arena__strndup(&a->arena, x.text + af->start,
							af->end - af->start);
		if (!affil_names[k])
			goto done;
		affil_gov[k] = gov_affiliation(&x, af);
	}
	/* Affiliation names and flags are parked in arrays by cand index;
	 * from here `affil` holds each cand's original index so they can
	 * follow the cands through compaction and sorting. */
	for (size_t k = 0; k < x.nc; k++)
		x.c[k].affil = (int32_t)k;
	rc = resolve(&x);
	if (rc)
		goto done;
	{
		/* resolve() compacted cands; re-map the parked arrays. */
		char **an = calloc(x.nc + 1, sizeof(*an));
		bool *ag = calloc(x.nc + 1, sizeof(*ag));
		if (!an || !ag) {
			free(an);
			free(ag);
			rc = NR_ENOMEM;
			goto done;
		}
		/* Sort happens in build(); map by original index now. */
		for (size_t k = 0; k < x.nc; k++) {
			an[k] = affil_names[x.c[k].affil];
			ag[k] = affil_gov[x.c[k].affil];
			x.c[k].affil = (int32_t)k;
		}
		free(affil_names);
		free(affil_gov);
		affil_names = an;
		affil_gov = ag;
	}
	{
		/* build() sorts: carry the parked values through it. */
		char **an = calloc(x.nc + 1, sizeof(*an));
		bool *ag = calloc(x.nc + 1, sizeof(*ag));
		if (!an || !ag) {
			free(an);
			free(ag);
			rc = NR_ENOMEM;
			goto done;
		}
		if (x.nc)
			qsort(x.c, x.nc, sizeof(*x.c), cmp_cand_start);
		for (size_t k = 0; k < x.nc; k++) {
			an[k] = affil_names[x.c[k].affil];
			ag[k] = affil_gov[x.c[k].affil];
		}
		free(affil_names);
		free(affil_gov);
		affil_names = an;
		affil_gov = ag;
	}
	rc = build(&x, affil_names, affil_gov);
done:
	free(affil_names);
	free(affil_gov);
	free(x.tf);
	free(x.end_cand);
	free(x.start_cand);
	free(x.capset);
	free(x.lowset);
	free(x.lx);
	free(x.mc);
	free(x.c);
	if (rc == NR_ENOMEM && !x.oom)
		return rc;
	return x.oom ? NR_ENOMEM : rc;
}

size_t nr_mentions__from(const nr_article *a, uint32_t b)
{
	size_t lo = 0, hi = a->nmentions;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->mentions[mid].end <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}
