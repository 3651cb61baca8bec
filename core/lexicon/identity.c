/*
 * identity.c - what a name stands for in every article, whatever alias
 * the article used: a country's ISO 3166 alpha-3 code and its listed
 * name ("US", "U.S.", "America" -> USA, "United States"); for an
 * organisation or a government actor the lexicons list, an id made of its
 * listed name ("EU", "the European Union" -> org:european-union); and, for
 * a capital that acts ("Washington said") and that government_actors
 * lists as standing for its government, that country. All of it from the
 * data files, nothing listed here.
 */
#include "lexicon/lexicon.h"

#include <string.h>

/* Are phrases a and b the same once folded as keys are? */
static bool same_key(const char *a, const char *b)
{
	char fa[256], fb[256];
	size_t na = nr_lexicon__fold(a, strlen(a), fa, sizeof(fa));
	size_t nb = nr_lexicon__fold(b, strlen(b), fb, sizeof(fb));
	return na != SIZE_MAX && na == nb && memcmp(fa, fb, na) == 0;
}

/* "org:" or "gov:" and the listed name folded (case and accents), its
 * apostrophes and full stops dropped and every other run of anything but
 * letters and digits made one '-': "org:united-nations-childrens-fund". */
static bool slug_id(const char *prefix, const char *name, nr_lex_identity *out)
{
	char folded[NR_LEX_ID_MAX];
	size_t n = nr_lexicon__fold(name, strlen(name), folded, sizeof(folded));
	size_t k = strlen(prefix);
	if (n == SIZE_MAX || k >= sizeof(out->id))
		return false;
	memcpy(out->id, prefix, k);
	bool dash = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)folded[i];
		if (c == '\'' || c == '.')
			continue;
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)) {
			dash = k > strlen(prefix);
			continue;
		}
		if (k + 2 >= sizeof(out->id))
			return false;
		if (dash)
			out->id[k++] = '-';
		dash = false;
		out->id[k++] = (char)c;
	}
	out->id[k] = '\0';
	return k > strlen(prefix);
}

/* The identity of country entry e (any of its forms). */
static bool country_identity(const nr_lexicon_set *set, const nr_lex_entry *e, nr_lex_identity *out)
{
	const nr_lex_entry *ce = nr_lexicon__country(set, e->phrase, strlen(e->phrase));
	if (!ce || ce->nfields < 3 || !*ce->fields[2] || strlen(ce->fields[2]) >= sizeof(out->id))
		return false;
	out->entry = ce;
	out->canonical = ce->canonical;
	strcpy(out->id, ce->fields[2]);
	return true;
}

bool nr_lexicon__identity_of(const nr_lexicon_set *set, const nr_lex_entry *e, nr_lex_identity *out)
{
	memset(out, 0, sizeof(*out));
	bool ok = false;
	if (e && e->lexicon == NR_LEX_COUNTRIES)
		ok = country_identity(set, e, out);
	else if (e && e->lexicon == NR_LEX_ORGANIZATIONS)
		ok = slug_id("org:", e->canonical, out);
	else if (e && e->lexicon == NR_LEX_GOV_ACTORS)
		ok = slug_id("gov:", e->canonical, out);
	if (ok && !out->entry) {
		out->entry = e;
		out->canonical = e->canonical;
	}
	if (!ok)
		memset(out, 0, sizeof(*out));
	return ok;
}

/* Does government_actors list the place `name` of `country` as standing
 * for its government, and for nothing else ("Brussels" stands for the
 * European Union)? */
static bool stands_for_government(const nr_lexicon_set *set, const char *name, const char *country)
{
	const nr_lex_entry *all[8];
	size_t n = nr_lexicon__lookup_all(set, NR_LEX_GOV_ACTORS, name, strlen(name), all, 8);
	bool gov = false;
	for (size_t i = 0; i < n && i < 8; i++) {
		if (!same_key(all[i]->canonical, name))
			continue;
		if (strcmp(all[i]->cls, "government") != 0)
			return false;
		gov = gov || same_key(all[i]->country, country);
	}
	return gov;
}

bool nr_lexicon__acting(const nr_lexicon_set *set, const nr_lex_entry *place, nr_lex_identity *out)
{
	memset(out, 0, sizeof(*out));
	if (!place || !*place->country)
		return false;
	if (place->lexicon == NR_LEX_LOCATIONS ? strcmp(place->cls, "city") != 0
					       : place->lexicon != NR_LEX_GOV_ACTORS)
		return false;
	const nr_lex_entry *ce = nr_lexicon__country(set, place->country, strlen(place->country));
	if (!ce || ce->nfields < 4 || !same_key(ce->fields[3], place->canonical) ||
	    !stands_for_government(set, place->canonical, place->country))
		return false;
	return country_identity(set, ce, out);
}

/* The first entry of lexicon lex for name[0..n) that is not a demonym
 * ("Americans" names no country). */
static const nr_lex_entry *named(const nr_lexicon_set *set, int lex, const char *name, size_t n)
{
	const nr_lex_entry *all[8];
	size_t got = nr_lexicon__lookup_all(set, lex, name, n, all, 8);
	for (size_t i = 0; i < got && i < 8; i++)
		if (lex != NR_LEX_COUNTRIES || strcmp(all[i]->cls, "demonym") != 0)
			return all[i];
	return NULL;
}

/* The identity of name[0..n) as listed (see nr_lexicon__identify). */
static bool identify_as_listed(const nr_lexicon_set *set, const char *name, size_t n,
			       nr_lex_identity *out)
{
	memset(out, 0, sizeof(*out));
	const nr_lex_entry *e = named(set, NR_LEX_ORGANIZATIONS, name, n);
	if (!e)
		e = named(set, NR_LEX_COUNTRIES, name, n);
	if (e)
		return nr_lexicon__identity_of(set, e, out);
	static const int places[] = { NR_LEX_GOV_ACTORS, NR_LEX_LOCATIONS };
	for (size_t i = 0; i < sizeof(places) / sizeof(*places); i++) {
		const nr_lex_entry *all[8];
		size_t got = nr_lexicon__lookup_all(set, places[i], name, n, all, 8);
		for (size_t k = 0; k < got && k < 8; k++)
			if (nr_lexicon__acting(set, all[k], out))
				return true;
	}
	e = named(set, NR_LEX_GOV_ACTORS, name, n);
	return e && nr_lexicon__identity_of(set, e, out);
}

bool nr_lexicon__identify(const nr_lexicon_set *set, const char *name, size_t n,
			  nr_lex_identity *out)
{
	if (identify_as_listed(set, name, n, out))
		return true;
	/* "the US", "The EU": the article is no part of the name, unless
	 * listed with it ("the States", "The Hague"). */
	if (n > 4 && (name[0] == 't' || name[0] == 'T') && !strncmp(name + 1, "he ", 3))
		return identify_as_listed(set, name + 4, n - 4, out);
	return false;
}
