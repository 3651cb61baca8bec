/*
 * lookups.c - what the lexicons say about a token, asked once per token:
 * its facts (function word, first name, verb, cue, title, entity word
 * classes) and the longest naming and title phrases that start there.
 */
#include "entities_int.h"

/* Is `name` one of the '|'-separated classes in cls? */
static bool lists_class(const char *cls, const char *name)
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

/* The entity extractor's word classes kept as LX_* facts. */
// clang-format off
#define ENT_CLASS(s, bit) { s, sizeof(s) - 1, bit }
// clang-format on
static const struct {
	const char *name;
	size_t len;
	uint16_t bit;
} ENT_CLASSES[] = {
	ENT_CLASS("ent_name_particle", LX_PARTICLE),
	ENT_CLASS("ent_place_noun", LX_PLACE_NOUN),
	ENT_CLASS("ent_postnominal", LX_POSTNOMINAL),
	ENT_CLASS("ent_company_noun", LX_COMPANY_NOUN),
	ENT_CLASS("ent_company_head", LX_COMPANY_HEAD),
	ENT_CLASS("ent_org_head", LX_ORG_HEAD),
};
#undef ENT_CLASS

/* The LX_* bits of a '|'-separated class list, in one pass over it: it
 * is read for every word the extractor asks about. */
static uint16_t word_class_facts(const char *cls)
{
	uint16_t f = 0;
	while (*cls) {
		size_t n = 0;
		while (cls[n] && cls[n] != '|')
			n++;
		if (n > 4 && cls[0] == 'e' && cls[3] == '_')
			for (size_t k = 0; k < NR_ARRAY_LEN(ENT_CLASSES); k++)
				if (ENT_CLASSES[k].len == n && !memcmp(cls, ENT_CLASSES[k].name, n))
					f |= ENT_CLASSES[k].bit;
		cls += n + (cls[n] == '|');
	}
	return f;
}

/* For the classes asked about parts of words, which have no token to
 * cache facts on. */
bool nr_ent__in_word_class(const ctx *x, const char *s, size_t n, const char *name)
{
	/* The word's record knows its classes' bits, when the class has one. */
	uint64_t bit = nr_lexicon__class_bit(x->lex, name);
	nr_lex_word *w = bit ? nr_lexicon__word(x->lex, s, n) : NULL;
	if (w)
		return (nr_lexicon__word_classes(w) & bit) != 0;
	const nr_lex_entry *all[8];
	size_t got = nr_lexicon__lookup_all(x->lex, NR_LEX_WORD_CLASSES, s, n, all, 8);
	for (size_t k = 0; k < got && k < 8; k++)
		if (lists_class(all[k]->cls, name))
			return true;
	return false;
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

/* The facts of token i's word from its entries all[0..n), worked out
 * once per word of the article. */
static uint16_t word_facts(const ctx *x, size_t i, const nr_lex_entry *const *all, size_t n)
{
	const nr_word *w = nr_words__at(x->words, (uint32_t)i);
	if (!(w->pass[NR_WORD_ENTITIES] & LX_DONE))
		w->pass[NR_WORD_ENTITIES] |= facts_of(all, n);
	return (uint16_t)w->pass[NR_WORD_ENTITIES];
}

uint16_t nr_ent__facts_slow(const ctx *x, size_t i)
{
	/* Capitalised words will be matched anyway: one lookup for both. */
	if ((x->tf[i] & TF_CAP) && i < x->cur_se && !(x->lx[i] & LX_MATCHED)) {
		matches(x, i);
		if (x->lx[i] & LX_DONE)
			return x->lx[i];
	}
	const nr_word *w = nr_words__at(x->words, (uint32_t)i);
	if (w->pass[NR_WORD_ENTITIES] & LX_DONE) {
		x->lx[i] |= (uint16_t)w->pass[NR_WORD_ENTITIES];
		return x->lx[i];
	}
	const nr_lex_entry *all[24];
	size_t n = nr_words__all(x->words, (uint32_t)i, NR_LEX_ANY, all, 24);
	x->lx[i] |= word_facts(x, i, all, n < 24 ? n : 24);
	return x->lx[i];
}

static int name_rank(int lexid)
{
	switch (lexid) {
	case NR_LEX_PERSONS: return 5; /* only a user's list: it knows best */
	case NR_LEX_ORGANIZATIONS: return 4;
	case NR_LEX_GOV_ACTORS: return 3;
	case NR_LEX_COUNTRIES: return 2;
	case NR_LEX_LOCATIONS: return 1;
	}
	return 0;
}

/* Fill mc from the entries of one span of `len` tokens. */
static void note_entries(mcache *mc, const nr_lex_entry *const *all, size_t got, size_t len)
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

/* The phrases of two tokens or more starting at token i: one walk of the
 * shared lexicon table finds the longest phrase of any lexicon, then the
 * naming and title entries are looked up by length, longest first. */
static void match_phrases(const ctx *x, mcache *mc, size_t i)
{
	nr_lex_match m;
	size_t n = nr_words__match(x->words, NR_LEX_ANY, x->cur_se, (uint32_t)i, &m);
	if (n && m.possessive)
		n--;
	if (n > 255)
		n = 255;
	for (size_t len = n; len >= 2; len--) {
		const nr_lex_entry *all[24];
		size_t got = nr_lexicon__lookup_all(x->lex, NR_LEX_ANY, tok_s(x, i),
						    x->toks[i + len - 1].end - x->toks[i].start,
						    all, 24);
		note_entries(mc, all, got < 24 ? got : 24, len);
		if (mc->name && mc->title)
			break;
	}
}

/*
 * The naming and title entries starting at token i, longest first: one
 * lookup for the word itself, and a walk of the shared lexicon table only
 * when the next word could continue a phrase. Cached: several rules ask
 * about one token.
 */
/* The naming and title entries of word i alone, and its facts: from its
 * record once worked out there, once per word of the view. */
static void record_matches(ctx *x, size_t i, mcache *one)
{
	const nr_word *w = nr_words__at(x->words, (uint32_t)i);
	uint32_t f = w->pass[NR_WORD_ENTITIES];
	const void **refs = w->lw ? nr_lexicon__word_refs(w->lw) : NULL;
	if (refs && (f & ENT_M1_KNOWN) && (f & LX_DONE)) {
		one->name = refs[0];
		one->title = refs[1];
		one->nlen = one->tlen = 1;
		one->lexid = (uint8_t)((f & ENT_M1_LEX) >> ENT_M1_SHIFT);
		if (!(x->lx[i] & LX_DONE))
			x->lx[i] |= (uint16_t)f;
		return;
	}
	const nr_lex_entry *all[24];
	size_t got = nr_words__all(x->words, (uint32_t)i, NR_LEX_ANY, all, 24);
	if (got > 24)
		got = 24;
	uint16_t facts = word_facts(x, i, all, got);
	if (!(x->lx[i] & LX_DONE))
		x->lx[i] |= facts;
	note_entries(one, all, got, 1);
	if (refs && one->lexid < 16) {
		refs[0] = one->name;
		refs[1] = one->title;
		w->pass[NR_WORD_ENTITIES] |= ENT_M1_KNOWN | (uint32_t)one->lexid << ENT_M1_SHIFT;
	}
}

const mcache *nr_ent__matches_slow(const ctx *cx, size_t i)
{
	ctx *x = (ctx *)cx; /* the caches are scratch */
	mcache *mc = &x->mc[i];
	memset(mc, 0, sizeof(*mc));
	x->lx[i] |= LX_MATCHED;
	if (x->toks[i].kind != NR_TOKEN_WORD)
		return mc;
	if (may_continue(x, i, i + 1))
		match_phrases(x, mc, i);
	/* The word alone fills in what no phrase did. */
	mcache one;
	memset(&one, 0, sizeof(one));
	record_matches(x, i, &one);
	if (one.title && !mc->title) {
		mc->title = one.title;
		mc->tlen = 1;
	}
	if (one.name && !mc->name) {
		mc->name = one.name;
		mc->nlen = 1;
		mc->lexid = one.lexid;
	}
	return mc;
}
