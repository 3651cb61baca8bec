/*
 * resolve.c - document-level resolution of the candidates: surnames and
 * first words join the fuller name ("Vance" -> "Paul Vance"), single
 * words that are part of a known organisation name join it, undecided
 * names take the type the rest of the article gives them (or lose out as
 * common nouns), demonyms stand only for a country the article names.
 */
#include "entities_int.h"

#define FIRST_WORD 9 /* key type: a person's first word */

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

/* ------------------------------------------------------------------ */
/* Short forms join full names.                                         */

/*
 * The words of multi-word names, by which shorter mentions join them: a
 * person's surname (type NR_ENTITY_PERSON) and first word (FIRST_WORD),
 * an organisation's capitalised words but its cue. The table compares a
 * stored cand's key, so each word is keyed through a shadow cand (sc),
 * and owner[] names the cand it stands for.
 */
typedef struct wordidx {
	keytab tab;
	cand *sc;
	int32_t *owner;
	size_t n, cap;
} wordidx;

/* One word of cand k; a person's word already there goes to the name
 * with more words. */
static void index_word(const ctx *x, wordidx *wi, const char *w, size_t len, uint8_t type, size_t k,
		       bool person)
{
	size_t n = wi->n;
	wi->sc[n].key = w;
	wi->sc[n].keylen = (uint32_t)len;
	wi->sc[n].type = type;
	wi->owner[n] = (int32_t)k;
	int32_t v = nr_ent__keytab_get(&wi->tab, wi->sc, w, len, type, (int32_t)n);
	if (v == (int32_t)n)
		wi->n++;
	else if (person && x->c[wi->owner[v]].nwords < x->c[k].nwords)
		wi->owner[v] = (int32_t)k;
}

/* People: the surname and first word; organisations: every capitalised
 * word but the cue ("Tamsin" of "Tamsin Network"). */
static void index_cand_words(const ctx *x, wordidx *wi, size_t k)
{
	const cand *ck = &x->c[k];
	bool person = ck->type == NR_ENTITY_PERSON || (!ck->type && ck->guess == NR_ENTITY_PERSON);
	bool org = ck->type == NR_ENTITY_ORGANIZATION && (ck->src == SRC_CUE || ck->src == SRC_LEX);
	if (ck->nwords < 2 || !(person || org) || ck->src == SRC_DEMONYM)
		return;
	const char *b = x->text + ck->start, *e = x->text + ck->end;
	const char *p = b;
	while (p < e && wi->n + 1 < wi->cap) {
		const char *q = memchr(p, ' ', (size_t)(e - p));
		if (!q)
			q = e;
		bool lastw = q == e;
		bool firstw = p == b;
		if ((person && (lastw || firstw)) ||
		    (org && !lastw && p[0] >= 'A' && p[0] <= 'Z')) {
			uint8_t type = person ? (lastw ? NR_ENTITY_PERSON : FIRST_WORD)
					      : NR_ENTITY_ORGANIZATION;
			index_word(x, wi, p, (size_t)(q - p), type, k, person);
		}
		p = q + 1;
	}
}

/* The word index of every multi-word name. False when out of memory. */
static bool index_words(const ctx *x, wordidx *wi)
{
	wi->cap = 4;
	for (size_t k = 0; k < x->nc; k++)
		if (x->c[k].nwords >= 2)
			wi->cap += x->c[k].nwords;
	wi->owner = malloc(wi->cap * sizeof(*wi->owner));
	wi->sc = malloc(wi->cap * sizeof(*wi->sc));
	if (!wi->owner || !wi->sc || !nr_ent__keytab_init(&wi->tab, wi->cap, true))
		return false;
	for (size_t k = 0; k < x->nc; k++)
		index_cand_words(x, wi, k);
	return true;
}

/* ck is a short form of the cand at `target`: it takes that name. */
static void join_to(cand *ck, const cand *c, int32_t target, uint8_t type)
{
	ck->type = type;
	ck->key = c[target].key;
	ck->keylen = c[target].keylen;
	ck->target = target;
}

/* A single word (or a person's name) joins the person or organisation it
 * abbreviates: "Okoro" -> "Tom Okoro", "Wang" for "Wang Dan", "Tamsin"
 * for "Tamsin Network". */
static void join_short_form(const ctx *x, wordidx *wi, size_t k)
{
	cand *c = x->c, *ck = &c[k];
	if (ck->src == SRC_DEMONYM || ck->src == SRC_LEX || ck->src == SRC_CUE ||
	    ck->src == SRC_ACRONYM)
		return;
	if (ck->nwords > 1 && ck->type != NR_ENTITY_PERSON && ck->guess != NR_ENTITY_PERSON)
		return;
	const char *s = x->text + ck->start;
	size_t n = ck->end - ck->start;
	if (ck->nwords > 1)
		last_word(x, ck, &s, &n);
	keytab *tab = &wi->tab;
	int32_t v = nr_ent__keytab_get(tab, wi->sc, s, n, NR_ENTITY_PERSON, -1);
	if (v >= 0 && wi->owner[v] != (int32_t)k && c[wi->owner[v]].nwords > ck->nwords) {
		const cand *full = &c[wi->owner[v]];
		/* "Tom Okoro" and "Thomas Okoro" stay apart only if both
		 * have first names; a lone surname joins. */
		if (ck->nwords == 1 ||
		    eq_fold(x->text + full->start, strcspn(x->text + full->start, " "),
			    x->text + ck->start, strcspn(x->text + ck->start, " "))) {
			join_to(ck, c, wi->owner[v], NR_ENTITY_PERSON);
			return;
		}
	}
	if (ck->nwords != 1 || ck->type)
		return;
	v = nr_ent__keytab_get(tab, wi->sc, s, n, FIRST_WORD, -1);
	if (v >= 0 && wi->owner[v] != (int32_t)k) {
		join_to(ck, c, wi->owner[v], NR_ENTITY_PERSON);
		return;
	}
	v = nr_ent__keytab_get(tab, wi->sc, s, n, NR_ENTITY_ORGANIZATION, -1);
	if (v >= 0)
		join_to(ck, c, wi->owner[v], NR_ENTITY_ORGANIZATION);
}

/* ------------------------------------------------------------------ */
/* Undecided names.                                                     */

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
	if (t0 > 0 && tok_is_mister(x, t0 - 1))
		return true;
	if (t1 >= x->a->ntokens || !is_speech_verb(x, t1))
		return false;
	/* A finite verb ("said", "says", "told"), not a noun that is also
	 * a verb's base form ("a Democratic state"). */
	char last = tok_s(x, t1)[tok_n(x, t1) - 1];
	return last == 'd' || last == 's';
}

/* An undecided one-word name. */
static bool lone_undecided(const cand *c)
{
	return !c->type && c->src != SRC_DEMONYM && c->nwords == 1;
}

/*
 * A lone surname the article once shows speaking ("Okafor said", "Mr.
 * Okafor") is that person where the context says nothing or little ("the
 * Okafor campaign", "Okafor leaned in"): one name, one type. Undecided
 * cands all have type 0 here, so the table compares keys only.
 */
static bool guess_speakers(ctx *x)
{
	cand *c = x->c;
	keytab spoke = { 0 };
	if (!nr_ent__keytab_init(&spoke, x->nc, false))
		return false;
	for (size_t k = 0; k < x->nc; k++)
		if (lone_undecided(&c[k]) && c[k].guess == NR_ENTITY_PERSON &&
		    spoke_alone(x, &c[k]))
			nr_ent__keytab_get(&spoke, c, c[k].key, c[k].keylen, 0, (int32_t)k);
	for (size_t k = 0; k < x->nc; k++)
		if (lone_undecided(&c[k]) && c[k].guess != NR_ENTITY_PERSON &&
		    nr_ent__keytab_get(&spoke, c, c[k].key, c[k].keylen, 0, -1) >= 0) {
			c[k].guess = NR_ENTITY_PERSON;
			c[k].common = false;
		}
	nr_ent__keytab_free(&spoke);
	return true;
}

/* The first decided name of each key, whatever its type (the table
 * compares keys only, so a later one with an earlier one's key finds it
 * and stays out). */
static void index_decided(ctx *x, keytab *keys)
{
	cand *c = x->c;
	for (size_t k = 0; k < x->nc; k++)
		if (c[k].type && c[k].src != SRC_DEMONYM)
			nr_ent__keytab_get(keys, c, c[k].key, c[k].keylen, 0, (int32_t)k);
}

/* The type of the first decided name with ck's key, or 0. */
static uint8_t decided_type(const ctx *x, keytab *keys, const cand *ck)
{
	int32_t v = nr_ent__keytab_get(keys, x->c, ck->key, ck->keylen, 0, -1);
	return v >= 0 ? x->c[v].type : 0;
}

/* Undecided: the type the same name has elsewhere, else context. */
static void settle_type(ctx *x, keytab *keys, cand *ck)
{
	uint8_t found = decided_type(x, keys, ck);
	if (found) {
		ck->type = found;
	} else if (ck->common) {
		/* A default guess: a word the article also writes in lower
		 * case is a common noun ("Prison", "Radio"). */
		const char *w;
		size_t wn;
		last_word(x, ck, &w, &wn);
		bool low = nr_ent__lower_has(x, w, wn);
		if (ck->nwords == 1) {
			ck->type = NR_ENTITY_ORGANIZATION;
			ck->dropped = low;
		} else {
			ck->type = low ? NR_ENTITY_ORGANIZATION : NR_ENTITY_PERSON;
		}
	} else if (ck->guess) {
		ck->type = ck->guess;
	} else {
		ck->type = NR_ENTITY_ORGANIZATION;
	}
}

static int settle_undecided(ctx *x)
{
	keytab keys = { 0 };
	if (!nr_ent__keytab_init(&keys, x->nc, false))
		return NR_ENOMEM;
	index_decided(x, &keys);
	if (!guess_speakers(x)) {
		nr_ent__keytab_free(&keys);
		return NR_ENOMEM;
	}
	for (size_t k = 0; k < x->nc; k++)
		if (!x->c[k].type && x->c[k].src != SRC_DEMONYM)
			settle_type(x, &keys, &x->c[k]);
	nr_ent__keytab_free(&keys);
	return NR_OK;
}

/* How strongly cand c says its type: a lexicon entry most, then what
 * its own words or a company's context say (a cue, an acronym, a title
 * or first name), then a guess from the words around it. */
static unsigned type_weight(const cand *c)
{
	if (c->src == SRC_LEX)
		return 1000;
	if (c->company)
		return 200;
	if (c->src == SRC_CUE || c->src == SRC_ACRONYM || c->src == SRC_PERSON)
		return 40;
	return c->common ? 1 : 3;
}

/* Does cand c take part in its name's one type? */
static bool unified(const cand *c)
{
	return !c->dropped && c->src != SRC_DEMONYM && c->type >= NR_ENTITY_PERSON &&
	       c->type <= NR_ENTITY_LOCATION;
}

/*
 * One name, one type: the mentions of a name the article types in
 * several ways ("shares in X" a company, "in X" a place, "X said" a
 * person) take the type their evidence weighs most for, summed over the
 * article. Demonyms stand for their country and keep to it.
 */
static int unify_types(ctx *x)
{
	cand *c = x->c;
	keytab keys = { 0 };
	unsigned(*w)[4] = calloc(x->nc + 1, sizeof(*w));
	if (!w || !nr_ent__keytab_init(&keys, x->nc, false)) {
		free(w);
		return NR_ENOMEM;
	}
	for (size_t k = 0; k < x->nc; k++) {
		if (!unified(&c[k]))
			continue;
		int32_t f = nr_ent__keytab_get(&keys, c, c[k].key, c[k].keylen, 0, (int32_t)k);
		w[f][c[k].type] += type_weight(&c[k]);
	}
	for (size_t k = 0; k < x->nc; k++) {
		if (!unified(&c[k]))
			continue;
		/* A lexicon's entry keeps the type it was found with. */
		if (c[k].lex)
			continue;
		int32_t f = nr_ent__keytab_get(&keys, c, c[k].key, c[k].keylen, 0, -1);
		/* Ties go to a body: a name the article only guesses at is a
		 * firm or a group more often than a person or a place. */
		static const uint8_t order[] = { NR_ENTITY_ORGANIZATION, NR_ENTITY_PERSON,
						 NR_ENTITY_LOCATION };
		uint8_t best = order[0];
		for (size_t t = 1; t < NR_ARRAY_LEN(order); t++)
			if (w[f][order[t]] > w[f][best])
				best = order[t];
		c[k].type = best;
	}
	free(w);
	nr_ent__keytab_free(&keys);
	return NR_OK;
}

/* Demonyms count only for a country the article names. */
static int drop_orphan_demonyms(ctx *x)
{
	cand *c = x->c;
	keytab keys = { 0 };
	if (!nr_ent__keytab_init(&keys, x->nc, true))
		return NR_ENOMEM;
	for (size_t k = 0; k < x->nc; k++)
		if (c[k].src != SRC_DEMONYM && c[k].type)
			nr_ent__keytab_get(&keys, c, c[k].key, c[k].keylen, c[k].type, (int32_t)k);
	for (size_t k = 0; k < x->nc; k++)
		if (c[k].src == SRC_DEMONYM &&
		    nr_ent__keytab_get(&keys, c, c[k].key, c[k].keylen, NR_ENTITY_LOCATION, -1) < 0)
			c[k].dropped = true;
	nr_ent__keytab_free(&keys);
	return NR_OK;
}

/*
 * Resolve the cands at document level, then keep the mentions that
 * stand. Cand indexes (target, start_cand, end_cand) are stale from here
 * on; `affil` carries each cand's original index so the caller can
 * re-map what it parked.
 */
int nr_ent__resolve(ctx *x)
{
	wordidx wi = { 0 };
	int rc = index_words(x, &wi) ? NR_OK : NR_ENOMEM;
	for (size_t k = 0; k < x->nc && !rc; k++)
		join_short_form(x, &wi, k);
	nr_ent__keytab_free(&wi.tab);
	free(wi.sc);
	free(wi.owner);
	if (!rc)
		rc = settle_undecided(x);
	if (!rc)
		rc = unify_types(x);
	if (!rc)
		rc = drop_orphan_demonyms(x);
	if (rc)
		return rc;
	size_t nkeep = 0;
	for (size_t k = 0; k < x->nc; k++)
		if (!x->c[k].dropped && x->c[k].end > x->c[k].start)
			x->c[nkeep++] = x->c[k];
	x->nc = nkeep;
	return NR_OK;
}
