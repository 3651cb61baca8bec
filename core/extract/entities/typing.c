/*
 * typing.c - what a name found by its shape is: a person (a title or a
 * first name says so), an organisation (an acronym, a cue word), a place,
 * or undecided with a guess from the words around it; the titles and
 * affiliations of people ("Pakistani Prime Minister X", "X, a senior
 * analyst at Y"), and whether an affiliation is a government body.
 */
#include "entities_int.h"

/* Roman numerals: "World War II", "Apollo XI". */
static bool is_roman(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!strchr("IVXLCDM", s[i]))
			return false;
	return true;
}

/* A cue word inside a run: "Red Star Belgrade" no, "American League
 * Championship" yes. */
static bool inner_cue(const ctx *x, size_t a, size_t b)
{
	for (size_t k = a; k < b; k++)
		if (is_cue(x, k, false) && !is_first_name(x, k))
			return true;
	return false;
}

/* Letters after a British or Irish name: offices and ranks, not names.
 * Only in capitals ("MP", not "mp"). */
bool nr_ent__is_postnominal(const ctx *x, size_t i)
{
	const char *s = tok_s(x, i);
	size_t n = tok_n(x, i);
	for (size_t k = 0; k < n; k++)
		if (s[k] < 'A' || s[k] > 'Z')
			return false;
	return (facts(x, i) & LX_POSTNOMINAL) != 0;
}

/* ------------------------------------------------------------------ */
/* Titles.                                                              */

/* Longest title ending right before token p (at most 4 tokens back). */
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

/* The gender the honorific at token q gives ("Mr", "Ms."), or 0. */
static char honorific_gender(const ctx *x, size_t q)
{
	const char *w = tok_s(x, q);
	size_t n = tok_n(x, q);
	if (n && w[n - 1] == '.')
		n--;
	if (!n || !ascii_letters(w, n))
		return 0;
	if (nr_ent__in_word_class(x, w, n, "ent_male"))
		return 'm';
	return nr_ent__in_word_class(x, w, n, "ent_female") ? 'f' : 0;
}

void nr_ent__attach_title(ctx *x, cand *c, size_t q, size_t p, const nr_lex_entry *te, size_t sb)
{
	if (nr_ent__honorific(te))
		c->hgender = honorific_gender(x, q);
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

/* The body an apposition's title is held at, from token q on ("at the
 * Y"): an organisation first, else the first candidate, else -1. */
static int32_t apposition_body(const ctx *x, size_t q, size_t se)
{
	if (q < se && tok_is(x, q, "the"))
		q++;
	int32_t pick = -1;
	for (size_t r = q; r < se && r < q + 3; r++) {
		int32_t ci = x->start_cand[r];
		if (ci < 0)
			continue;
		if (x->c[ci].type == NR_ENTITY_ORGANIZATION || x->c[ci].src == SRC_CUE)
			return ci;
		if (pick < 0)
			pick = ci;
	}
	return pick;
}

/* "X, a senior analyst at the Y", "X is a senior analyst at Y". */
void nr_ent__apposition(ctx *x, cand *c, size_t se)
{
	size_t k = c->tok1;
	if (k >= se)
		return;
	if (!(tok_is(x, k, ",") || tok_is(x, k, "is") || tok_is(x, k, "was")))
		return;
	k++;
	if (k < se && (tok_is(x, k, "a") || tok_is(x, k, "an") || tok_is(x, k, "the")))
		k++;
	size_t t0 = k;
	for (size_t p = k; p < se && p < k + 3; p++) {
		/* "who is to become chairman", "and production chief": no
		 * description of the name. */
		if (tok_is(x, p, "to") || tok_is(x, p, "and") || tok_is(x, p, "or") ||
		    tok_is(x, p, "who") || tok_is(x, p, "which") || tok_is(x, p, "whose") ||
		    (facts(x, p) & (LX_VERB | LX_TITLE)) == LX_VERB)
			return;
		nr_lex_match m;
		size_t n = nr_lexicon__match(x->lex, NR_LEX_TITLES, x->text, x->toks, se, p, &m);
		/* "the Tory co-chairman": the title is the last of a run. */
		while (n && !m.possessive && p + n < se) {
			nr_lex_match m2;
			size_t n2 = nr_lexicon__match(x->lex, NR_LEX_TITLES, x->text, x->toks, se,
						      p + n, &m2);
			if (!n2 || m2.possessive)
				break;
			p += n;
			n = n2;
			m = m2;
		}
		if (n && !m.possessive) {
			c->title = m.entry;
			c->title_start = x->toks[t0].start;
			c->title_end = x->toks[p + n - 1].end;
			size_t q = p + n;
			if (q < se && (tok_is(x, q, "at") || tok_is(x, q, "of") ||
				       tok_is(x, q, "with") || tok_is(x, q, "for")))
				c->affil = apposition_body(x, q + 1, se);
			return;
		}
		if (x->tf[p] & TF_CAP)
			return;
	}
}

/* ------------------------------------------------------------------ */
/* Guesses from context.                                                */

/* Places named next to places: "Leicester, Dorset and Torbay",
 * "Tavildara, Tajikistan", "in/at/from X". NR_ENTITY_LOCATION or 0. */
static uint8_t guess_place(const ctx *x, size_t t0, size_t t1, size_t sb, size_t se)
{
	/* In a list, a word takes the type of a place next to it. */
	if (t0 >= sb + 2 &&
	    (tok_is(x, t0 - 1, ",") || tok_is(x, t0 - 1, "and") || tok_is(x, t0 - 1, "or"))) {
		int32_t k = x->end_cand[t0 - 2];
		if (k >= 0 &&
		    (x->c[k].type == NR_ENTITY_LOCATION ||
		     (!x->c[k].type && x->c[k].guess == NR_ENTITY_LOCATION)) &&
		    x->c[k].src != SRC_DEMONYM)
			return NR_ENTITY_LOCATION;
	}
	const nr_lex_entry *e;
	int l;
	if (t1 + 1 < se && (tok_is(x, t1, "and") || tok_is(x, t1, "or"))) {
		if (name_match(x, t1 + 1, se, &e, &l) && l == NR_LEX_LOCATIONS)
			return NR_ENTITY_LOCATION;
	}
	/* A place, then its country or state. */
	if (t1 + 1 < se && tok_is(x, t1, ",")) {
		if (name_match(x, t1 + 1, se, &e, &l) &&
		    (l == NR_LEX_COUNTRIES || strcmp(e->cls, "state") == 0) &&
		    strcmp(e->cls, "demonym") != 0)
			return NR_ENTITY_LOCATION;
	}
	/* "the Labour MP for Birkenhead", "Senator for Tasmania": a seat. */
	const nr_lex_entry *te;
	if (t0 > sb + 1 && tok_is(x, t0 - 1, "for") && title_before(x, t0 - 1, sb, &te) &&
	    strcmp(te->cls, "legislator") == 0)
		return NR_ENTITY_LOCATION;
	/* "in/at/from X" is rarely the subject of what follows. */
	if (t0 > sb && (tok_is(x, t0 - 1, "in") || tok_is(x, t0 - 1, "at") ||
			tok_is(x, t0 - 1, "from") || tok_is(x, t0 - 1, "near")))
		return NR_ENTITY_LOCATION;
	return 0;
}

/* The type the words around tokens [t0, t1) suggest, or 0. */
static uint8_t context_guess(const ctx *x, size_t t0, size_t t1, size_t sb, size_t se)
{
	uint8_t place = guess_place(x, t0, t1, sb, se);
	if (place)
		return place;
	if (t1 < se && is_speech_verb(x, t1))
		return NR_ENTITY_PERSON;
	if (t0 <= sb)
		return 0;
	size_t p = t0 - 1;
	if (is_speech_verb(x, p))
		return NR_ENTITY_PERSON;
	if (tok_is(x, p, "to"))
		return NR_ENTITY_LOCATION;
	/* "the city of X", "the outskirts of X". */
	if (tok_is(x, p, "of") && p > sb && ascii_letters(tok_s(x, p - 1), tok_n(x, p - 1)) &&
	    (facts(x, p - 1) & LX_PLACE_NOUN))
		return NR_ENTITY_LOCATION;
	if (tok_is(x, p, "the"))
		return NR_ENTITY_ORGANIZATION;
	if (tok_is_mister(x, p))
		return NR_ENTITY_PERSON;
	return 0;
}

/* ------------------------------------------------------------------ */
/* Companies.                                                           */

/* Is token i a word with the entity word class fact `lx` (LX_*), in
 * lower case (or capitalised only as a sentence's first word)? */
static bool word_of(const ctx *x, size_t i, uint16_t lx)
{
	return i < x->a->ntokens && x->toks[i].kind == NR_TOKEN_WORD &&
	       (!(x->tf[i] & TF_CAP) || (x->tf[i] & TF_INITIAL)) &&
	       ascii_letters(tok_s(x, i), tok_n(x, i)) && (facts(x, i) & lx);
}

/* "posted", "reported": a verb of a company's results (asked of verbs
 * only: the class is looked up, not kept per token). */
static bool business_verb(const ctx *x, size_t i)
{
	return i < x->a->ntokens && x->toks[i].kind == NR_TOKEN_WORD && !(x->tf[i] & TF_CAP) &&
	       (facts(x, i) & LX_VERB) && ascii_letters(tok_s(x, i), tok_n(x, i)) &&
	       nr_ent__in_word_class(x, tok_s(x, i), tok_n(x, i), "ent_business_verb");
}

/* "firm", "bank", "carmaker", "chipmaker": a noun for a company. */
static bool company_head(const ctx *x, size_t i)
{
	size_t n = tok_n(x, i);
	return word_of(x, i, LX_COMPANY_HEAD) ||
	       (n > 6 && !(x->tf[i] & TF_CAP) && memcmp(tok_s(x, i) + n - 5, "maker", 5) == 0);
}

/* "X, the French media group", "X, a small accountancy firm", "X, the
 * charity": a company noun (or, without `company`, a body's) heads a
 * description of X; "X, the former head of the agency" is a person. */
static bool described_as(const ctx *x, size_t t1, size_t se, bool company)
{
	if (t1 + 2 >= se || !tok_is(x, t1, ","))
		return false;
	size_t k = t1 + 1;
	if (!(tok_is(x, k, "the") || tok_is(x, k, "a") || tok_is(x, k, "an")))
		return false;
	for (k++; k < se && k < t1 + 7 && x->toks[k].kind == NR_TOKEN_WORD; k++) {
		if (tok_is(x, k, "of") || tok_is(x, k, "at") || tok_is(x, k, "for") ||
		    tok_is(x, k, "in") || tok_is(x, k, "with") || tok_is(x, k, "who") ||
		    tok_is(x, k, "which") || tok_is(x, k, "that"))
			return false;
		if (company ? company_head(x, k) : word_of(x, k, LX_ORG_HEAD))
			return !(k + 1 < se && tok_is(x, k + 1, "'s"));
	}
	return false;
}

/* "X posted a loss of ...", "X reported record profits": a verb of
 * results, then a company noun before the clause ends. */
static bool reports_results(const ctx *x, size_t t1, size_t se)
{
	if (!business_verb(x, t1))
		return false;
	for (size_t k = t1 + 1; k < se && k <= t1 + 5 && x->toks[k].kind == NR_TOKEN_WORD; k++)
		if (word_of(x, k, LX_COMPANY_NOUN))
			return true;
	return false;
}

/* What the words around a name say of it. */
enum { CTX_NONE, CTX_BODY, CTX_COMPANY };

/* "the agriculture department X", "a spokeswoman for X", "X, the
 * charity": a body, of whatever kind. */
static bool body_context(const ctx *x, size_t t0, size_t t1, size_t sb, size_t se)
{
	if (t0 > sb && word_of(x, t0 - 1, LX_ORG_HEAD))
		return true;
	/* "a spokeswoman for X" speaks for a body; "chief executive of X",
	 * "a partner at X" hold a role in one. */
	const nr_lex_entry *te = NULL;
	if (t0 >= sb + 2 && !(x->tf[t0 - 2] & TF_CAP) &&
	    (tok_is(x, t0 - 1, "for") || tok_is(x, t0 - 1, "of") || tok_is(x, t0 - 1, "at")) &&
	    title_before(x, t0 - 1, sb, &te)) {
		if (tok_is(x, t0 - 1, "for") && strcmp(te->cls, "spokesperson") == 0)
			return true;
		if ((tok_is(x, t0 - 1, "of") || tok_is(x, t0 - 1, "at")) &&
		    te->official != NR_OFFICIAL_YES && !nr_ent__honorific(te))
			return true;
	}
	return t1 < se && described_as(x, t1, se, false);
}

/* A role no public office holds as such, between the body and the
 * person: "Acme chief executive Ana Lee", "Acme partner Ana Lee". */
static bool role_after(const ctx *x, size_t t1, size_t se)
{
	if (!(facts(x, t1) & LX_TITLE))
		return false;
	/* Lower-case titles are not in the match cache. */
	nr_lex_match m;
	size_t n = nr_lexicon__match(x->lex, NR_LEX_TITLES, x->text, x->toks, se, t1, &m);
	return n && !m.possessive && m.entry->official != NR_OFFICIAL_YES &&
	       !nr_ent__honorific(m.entry) && t1 + n < se && nr_ent__name_word(x, t1 + n);
}

/* Do the words around the name [t0, t1) say it is a company ("shares in
 * X", "the firm X", "X shares", "X's profits", "X, the media group", "X
 * chief executive Ana Lee", "X reported record profits") or some other
 * body ("the department X", "a spokesman for X")? */
static int name_context(const ctx *x, size_t t0, size_t t1, size_t sb, size_t se)
{
	if (t0 >= sb + 2 &&
	    (tok_is(x, t0 - 1, "in") || tok_is(x, t0 - 1, "of") || tok_is(x, t0 - 1, "at")) &&
	    word_of(x, t0 - 2, LX_COMPANY_NOUN))
		return CTX_COMPANY;
	if (t0 > sb && company_head(x, t0 - 1))
		return CTX_COMPANY;
	if (t1 < se && (word_of(x, t1, LX_COMPANY_NOUN) ||
			(t1 + 1 < se && (tok_is(x, t1, "'s") || tok_is(x, t1, "\xe2\x80\x99s")) &&
			 word_of(x, t1 + 1, LX_COMPANY_NOUN)) ||
			described_as(x, t1, se, true) || reports_results(x, t1, se)))
		return CTX_COMPANY;
	if (t1 < se && role_after(x, t1, se))
		return CTX_BODY;
	return body_context(x, t0, t1, sb, se) ? CTX_BODY : CTX_NONE;
}

/* ------------------------------------------------------------------ */
/* Deciding a name's type.                                              */

/* A title just before the name makes it a person's: "foreign minister
 * Ana Duarte", or set off by commas, "the foreign minister, Ana Duarte,
 * said". */
static bool type_by_title_before(ctx *x, cand *c, size_t n0, size_t n1, size_t sb, size_t se)
{
	const nr_lex_entry *te;
	size_t tk = title_before(x, n0, sb, &te);
	size_t gap = 0;
	if (!tk && n0 > sb + 1 && tok_is(x, n0 - 1, ",") && n1 < se && tok_is(x, n1, ",") &&
	    is_first_name(x, n0) && n1 - n0 >= 2) {
		tk = title_before(x, n0 - 1, sb, &te);
		gap = tk ? 1 : 0;
	}
	/* "regulator AMF", "broadcaster CNN": a body's initials after a
	 * description are no person's name. */
	if (!tk || (n1 - n0 == 1 && (x->tf[n0] & TF_ALLCAPS) && !(x->tf[n0] & TF_UNRELIABLE)))
		return false;
	c->type = NR_ENTITY_PERSON;
	c->src = SRC_PERSON;
	nr_ent__attach_title(x, c, n0 - gap - tk, n0 - gap, te, sb);
	return true;
}

/*
 * The type of the untitled name c over tokens [n0, n1) of the sentence
 * [sb, se), from its own words first (first name, acronym, numeral,
 * office, cue), else a guess from context that resolve.c may revise.
 */
void nr_ent__type_name_run(ctx *x, cand *c, size_t n0, size_t n1, size_t sb, size_t se)
{
	if (type_by_title_before(x, c, n0, n1, sb, se))
		return;
	int said = name_context(x, n0, n1, sb, se);
	if (said != CTX_NONE) {
		c->type = NR_ENTITY_ORGANIZATION;
		c->src = SRC_CUE;
		c->company = said == CTX_COMPANY;
		return;
	}
	if (n1 - n0 >= 2 && !c->allcaps && is_first_name(x, n0)) {
		c->type = NR_ENTITY_PERSON;
		c->src = SRC_PERSON;
	} else if (n1 - n0 == 1 && (x->tf[n0] & TF_ALLCAPS) && !(x->tf[n0] & TF_UNRELIABLE) &&
		   tok_n(x, n0) <= 6 && !is_roman(tok_s(x, n0), tok_n(x, n0))) {
		c->type = NR_ENTITY_ORGANIZATION;
		c->src = SRC_ACRONYM;
	} else if (n1 - n0 >= 2 && is_roman(tok_s(x, n1 - 1), tok_n(x, n1 - 1))) {
		/* "World War II", "Apollo XI": events, craft. */
		c->dropped = true;
		c->guess = NR_ENTITY_ORGANIZATION;
	} else if (!is_first_name(x, n0) && (facts(x, n1 - 1) & LX_TITLE) &&
		   !(x->tf[n1 - 1] & TF_ALLCAPS)) {
		/* "Industry Secretary", "Defence Minister": an office, not
		 * a name. */
		c->dropped = true;
		c->guess = NR_ENTITY_ORGANIZATION;
	} else if (n1 - n0 >= 2 && inner_cue(x, n0 + 1, n1)) {
		c->type = NR_ENTITY_ORGANIZATION;
		c->src = SRC_CUE;
	} else if (n1 - n0 >= 2) {
		c->guess = context_guess(x, n0, n1, sb, se);
		/* "Woodhill Prison", "Human Rights": a last word the article
		 * also writes in lower case names no person. */
		if (!c->guess) {
			c->guess = NR_ENTITY_PERSON;
			c->common = true; /* checked in nr_ent__resolve() */
		}
	} else {
		c->guess = context_guess(x, n0, n1, sb, se);
		c->common = !c->guess; /* checked in nr_ent__resolve() */
	}
}

/* ------------------------------------------------------------------ */
/* Government affiliations.                                             */

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
			if (nr_ent__in_word_class(x, s + k, e + 1 - k, "ent_government"))
				return true;
	}
	return false;
}

/* Is the affiliation a government body, which makes a title such as
 * "spokesman" an official's? */
bool nr_ent__gov_affiliation(const ctx *x, const cand *af)
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
