/*
 * speakers.c - who a speaker phrase names: a person named in it (not a
 * possessor: "Novak's spokesman" is the spokesman; a role named by its
 * apposition is that person), else a body or place that is the whole head
 * ("the White House"), else the phrase as written ("Novak administration
 * officials"). Person names are given from their first first name on
 * ("Crooked Anna Petrov" is Anna Petrov); two people joined by "and"
 * speak as a group. A paragraph that is only a quotation may take the
 * subject of the sentence that closes the one before.
 */
#include "extract/quotes/quotes_int.h"

char nr_quotes__name_gender(const qctx *q, const char *name)
{
	size_t n = 0;
	while (name[n] && name[n] != ' ')
		n++;
	char g = nr_lexicon__gender(q->lex, name, n);
	return g == 'm' || g == 'f' ? g : 0;
}

/* Title words at the start of a name ("Admiral", "Foreign Minister",
 * "Mr."): how many tokens, up to e. */
static uint32_t skip_titles(const qctx *q, uint32_t s, uint32_t e)
{
	uint32_t i = s;
	while (i < e) {
		if (tclass(q, i, QW_DETERMINER)) {
			i++;
			continue;
		}
		nr_lex_match m;
		size_t n = nr_lexicon__match(q->lex, NR_LEX_TITLES, q->t, q->tok, q->ntok, i, &m);
		if (n && i + n < e && !m.possessive) {
			i += (uint32_t)n;
			continue;
		}
		/* Affiliations before a title: "White House Press Secretary",
		 * "Pakistani Prime Minister". */
		if (tcap(q, i) && i + 1 < e) {
			uint32_t j = i + 1;
			while (
			    j < e && tcap(q, j) &&
			    !nr_lexicon__match(q->lex, NR_LEX_TITLES, q->t, q->tok, q->ntok, j, &m))
				j++;
			if (j < e && j - i <= 3 &&
			    nr_lexicon__match(q->lex, NR_LEX_TITLES, q->t, q->tok, q->ntok, j,
					      &m) &&
			    j + m.ntokens < e && !m.possessive) {
				i = j + (uint32_t)m.ntokens;
				continue;
			}
		}
		break;
	}
	return i;
}

/* A fuller name for a surname, from capitalised runs earlier in the text
 * (fallback when the entity extractor found none). */
static const char *fuller_name(qctx *q, uint32_t s, uint32_t e, uint32_t before_tok)
{
	if (e - s != 1 || !tcap(q, s))
		return NULL;
	/* Bounded look back: a long article must not make this quadratic. */
	for (uint32_t i = before_tok > 4000 ? before_tok - 4000 : 1; i < before_tok && i < q->ntok;
	     i++) {
		if (tlen(q, i) != tlen(q, s) || memcmp(ttext(q, i), ttext(q, s), tlen(q, s)) != 0)
			continue;
		uint32_t b = i;
		while (b > 0 && tcap(q, b - 1) && i - (b - 1) <= 3 && !is_title_word(q, b - 1) &&
		       !nr_quotes__starter(q, b - 1) && q->tsent[b - 1] == q->tsent[i])
			b--;
		if (b < i && nr_lexicon__gender(q->lex, ttext(q, b), tlen(q, b)))
			return nr_arena__strndup(&q->a->arena, q->t + q->tok[b].start,
						 q->tok[i].end - q->tok[b].start);
	}
	return NULL;
}

/* A role: its title [ts, e) ("prime minister", "spokesman") and the
 * words before it in the speaker phrase, from rs ("Republican
 * presidential" of "the Republican presidential nominee"). */
typedef struct role {
	uint32_t rs, ts, e;
} role;

/* Is token w one of the words of the role before its title? */
static bool in_role_words(const qctx *q, const role *r, uint32_t w)
{
	for (uint32_t k = r->rs; k < r->ts; k++)
		if (tlen(q, k) == tlen(q, w) && !strncasecmp(ttext(q, k), ttext(q, w), tlen(q, w)))
			return true;
	return false;
}

/* Do the tokens ending right before token t read as the role's title
 * ("prime minister" before "Tony Blair"), and not as another office
 * ("deputy prime minister"), nor of another body ("Holyrood leader X"
 * is not "the Scottish Conservative leader")? */
static bool role_before(const qctx *q, uint32_t t, const role *r)
{
	uint32_t n = r->e - r->ts;
	if (t < n)
		return false;
	for (uint32_t k = 0; k < n; k++) {
		uint32_t a = t - n + k, b = r->ts + k;
		if (tlen(q, a) != tlen(q, b) || strncasecmp(ttext(q, a), ttext(q, b), tlen(q, b)))
			return false;
	}
	uint32_t p = t - n;
	if (p == 0 || in_role_words(q, r, p - 1))
		return true;
	/* "the Scottish Conservative leader" is not "Holyrood leader X". */
	bool affiliated = false;
	for (uint32_t k = r->rs; k < r->ts; k++)
		affiliated |= tcap(q, k);
	if (affiliated && tcap(q, p - 1) && !tclass(q, p - 1, QW_DETERMINER))
		return false;
	/* A capitalised word before it is a body ("White House spokesman
	 * X") unless it opens a longer office ("Deputy Prime Minister X"). */
	if (tcap(q, p - 1)) {
		nr_lex_match m;
		return nr_lexicon__match(q->lex, NR_LEX_TITLES, q->t, q->tok, t, p - 1, &m) < 2;
	}
	return !(is_title_word(q, p - 1) || tclass(q, p - 1, QW_ROLE_NOUN) ||
		 tclass(q, p - 1, QW_SPEAKER_MODIFIER));
}

/* The person the article names right after the role's title (the
 * "spokesman" of "White House spokesman Paul Vance"), or -1. */
static int32_t entity_after_role(qctx *q, const role *r)
{
	const nr_article *a = q->a;
	int32_t found = -1;
	/* A scan of all mentions: allowed a bounded number of times per
	 * article so that thousands of "the spokesman said" stay linear. */
	if (q->title_scans++ >= 64)
		return -1;
	for (size_t mi = 0; mi < a->nmentions; mi++) {
		const nr_mention *m = &a->mentions[mi];
		if (a->entities[m->entity].type != NR_ENTITY_PERSON)
			continue;
		uint32_t t = tok_at_byte(q, m->start);
		if (t > 0 && role_before(q, t, r)) {
			if (found >= 0 && found != (int32_t)m->entity)
				return -1; /* two candidates: leave it as written */
			found = (int32_t)m->entity;
		}
	}
	return found;
}

/* Where the title ending the role phrase [rs, e) starts: the longest
 * title of the lexicons ending at e, else its last word. */
static uint32_t role_title_start(const qctx *q, uint32_t rs, uint32_t e)
{
	for (uint32_t k = rs; k + 1 < e; k++) {
		nr_lex_match m;
		size_t n = nr_lexicon__match(q->lex, NR_LEX_TITLES, q->t, q->tok, e, k, &m);
		if (n && k + n == e && !m.possessive)
			return k;
	}
	return e - 1;
}

/* A person's name without words the extractor let in front of it:
 * "Crooked Anna Petrov", "Democrat Luis Delgado", "Elections Joan
 * Meyer" name the person from the first first name on. A pointer into
 * the entity's own name; other entities are returned as they are. */
const char *nr_quotes__ent_name(const qctx *q, const nr_entity *en)
{
	const char *n = en->name;
	if (!n || en->type != NR_ENTITY_PERSON)
		return n;
	size_t l0 = 0;
	while (n[l0] && n[l0] != ' ')
		l0++;
	if (!n[l0] || nr_lexicon__gender(q->lex, n, l0))
		return n;
	const char *w = n + l0 + 1;
	while (*w) {
		size_t l = 0;
		while (w[l] && w[l] != ' ')
			l++;
		if (!w[l])
			break; /* the last word stays a surname */
		char g = nr_lexicon__gender(q->lex, w, l);
		if (g == 'm' || g == 'f')
			return w;
		w += l + 1;
	}
	return n;
}

/* Gender of a person entity: the extractor's, else the first word of
 * its name the first-names list knows ("Crooked Anna Petrov" is a
 * woman even with a stray modifier in front). */
char nr_quotes__ent_gender(const qctx *q, const nr_entity *en)
{
	if (en->gender == 'm' || en->gender == 'f')
		return en->gender;
	const char *n = en->name;
	if (!n)
		return 0;
	while (*n) {
		size_t l = 0;
		while (n[l] && n[l] != ' ')
			l++;
		if (!n[l])
			break; /* the surname: "Rice", "Warren" are first names too */
		char g = nr_lexicon__gender(q->lex, n, l);
		if (g == 'm' || g == 'f')
			return g;
		n += l + 1;
	}
	return 0;
}

/* "I've", "I'd", "We're": a first-person pronoun with its verb glued on. */
static bool first_person_contraction(const qctx *q, uint32_t i)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD)
		return false;
	const char *w = ttext(q, i);
	size_t n = tlen(q, i), p = 0;
	if (n >= 2 && (w[0] == 'I' || w[0] == 'i'))
		p = 1;
	else if (n >= 3 && (w[0] == 'W' || w[0] == 'w') && (w[1] == 'e' || w[1] == 'E'))
		p = 2;
	else
		return false;
	size_t a = w[p] == '\''                                         ? p + 1
		   : p + 2 < n && memcmp(w + p, "\xE2\x80\x99", 3) == 0 ? p + 3
									: 0;
	/* "I've", "We'd", not a name such as "I'Anson". */
	if (!a || n - a > 2)
		return false;
	for (size_t k = a; k < n; k++)
		if (w[k] < 'a' || w[k] > 'z')
			return false;
	return true;
}

/* "Mr. Grassby and Ms. Lehane say": two people named either side of
 * "and" speak together, as a group ("they" may refer to them later). */
static bool pair_of_people(qctx *q, uint32_t s, uint32_t e, resolved *out)
{
	uint32_t x = s + 1;
	while (x + 1 < e && !(tlen(q, x) == 3 && tis(q, x, "and")))
		x++;
	if (x + 1 >= e)
		return false;
	const nr_article *a = q->a;
	int32_t p[2] = { -1, -1 };
	for (size_t mi = nr_mentions__from(a, q->tok[s].start);
	     mi < a->nmentions && a->mentions[mi].start < q->tok[e - 1].end; mi++) {
		const nr_mention *m = &a->mentions[mi];
		if (a->entities[m->entity].type != NR_ENTITY_PERSON || m->end > q->tok[e - 1].end)
			return false;
		int side = m->start > q->tok[x].start;
		if (p[side] >= 0 && p[side] != (int32_t)m->entity)
			return false;
		p[side] = (int32_t)m->entity;
	}
	if (p[0] < 0 || p[1] < 0 || p[0] == p[1] || !tcap(q, e - 1) || !tcap(q, x - 1))
		return false;
	const char *n0 = nr_quotes__ent_name(q, &a->entities[p[0]]),
		   *n1 = nr_quotes__ent_name(q, &a->entities[p[1]]);
	size_t l0 = strlen(n0), l1 = strlen(n1);
	char *n = nr_arena__calloc(&q->a->arena, l0 + l1 + 6, 1);
	if (!n)
		return false;
	memcpy(n, n0, l0);
	memcpy(n + l0, " and ", 5);
	memcpy(n + l0 + 5, n1, l1);
	out->entity = -1;
	out->name = n;
	out->gender = 0;
	out->person = false;
	out->group = true;
	return true;
}

/* Does a lexicon know token i as more than a word class? The word
 * classes are closed-class helpers, not knowledge of a name. */
static bool known_word(const qctx *q, uint32_t i)
{
	const nr_lex_entry *all[8];
	size_t n = nr_lexicon__lookup_all(q->lex, NR_LEX_ANY, ttext(q, i), tlen(q, i), all,
					  NR_ARRAY_LEN(all));
	if (n > NR_ARRAY_LEN(all))
		return true;
	for (size_t k = 0; k < n; k++)
		if (all[k]->lexicon != NR_LEX_WORD_CLASSES)
			return true;
	return false;
}

/* "for", "of", "at": between a name and the body it speaks for. */
static bool link_word(const qctx *q, uint32_t i)
{
	return tis(q, i, "for") || tis(q, i, "of") || tis(q, i, "at");
}

/* Is the token before l a link after a capitalised name that starts
 * after s ("Dana Reyes for ...")? */
static bool name_then_link(const qctx *q, uint32_t s, uint32_t l)
{
	return l > s + 1 && link_word(q, l - 1) && tcap(q, l - 2) && !is_title_word(q, l - 2);
}

/* The mentions inside a speaker phrase that may name the speaker. */
typedef struct phrase_ents {
	int32_t person;      /* a person named in it, -1: none */
	int32_t head;        /* the mention ending the phrase, -1: none */
	uint32_t head_start; /* where that mention starts (bytes) */
} phrase_ents;

/* Entity mentions inside the phrase [s, e). A person named in it is the
 * speaker ("Representative Charles B. Rangel of New York") unless
 * possessive ("Novak's spokesman"); otherwise a body or place that is
 * the whole head ("the White House"). */
static void phrase_mentions(const qctx *q, uint32_t s, uint32_t e, bool head_name, phrase_ents *pe)
{
	const nr_article *a = q->a;
	uint32_t bs = q->tok[s].start, be = q->tok[e - 1].end;
	pe->person = pe->head = -1;
	pe->head_start = be;
	for (size_t mi = nr_mentions__from(a, bs); mi < a->nmentions && a->mentions[mi].start < be;
	     mi++) {
		const nr_mention *m = &a->mentions[mi];
		if (m->end > be || m->start < bs)
			continue;
		const nr_entity *en = &a->entities[m->entity];
		uint32_t after = tok_at_byte(q, m->end);
		bool poss = after < e && tposs(q, after);
		/* "Dana Reyes for Civic Polling": a name before the link
		 * is the speaker, whatever the body after it was taken for. */
		bool linked = name_then_link(q, s, tok_at_byte(q, m->start));
		if (en->type == NR_ENTITY_PERSON && !poss && head_name && !linked &&
		    m->kind != NR_MENTION_DEMONYM)
			pe->person = (int32_t)m->entity;
		if (m->end == be && m->kind != NR_MENTION_DEMONYM && m->start < pe->head_start) {
			pe->head = (int32_t)m->entity;
			pe->head_start = m->start;
		}
	}
}

/* "Dana Reyes for Civic Polling", "Mr. Morgan of the Sierra Club": the
 * name before the link speaks for the body starting at token hs. Where
 * that name ends, or 0. */
static uint32_t name_before_link(const qctx *q, uint32_t s, uint32_t hs)
{
	uint32_t l = hs;
	while (l > s && !link_word(q, l - 1))
		l--;
	while (l > s + 1 && tclass(q, l - 1, QW_DETERMINER))
		l--;
	return name_then_link(q, s, l) ? l - 1 : 0;
}

/* The entity the phrase [s, *e) names, or -1; *e is cut back to the
 * name when one stands before a link to a body. */
static int32_t phrase_entity(const qctx *q, uint32_t s, uint32_t *e, bool head_name)
{
	phrase_ents pe;
	phrase_mentions(q, s, *e, head_name, &pe);
	if (pe.person >= 0)
		return pe.person;
	if (pe.head < 0 || !head_name)
		return -1;
	uint32_t hs = tok_at_byte(q, pe.head_start);
	uint32_t l = name_before_link(q, s, hs);
	if (l) {
		*e = l;
		return -1;
	}
	/* The mention must cover the capitalised head, not its last word
	 * only ("Federal Bureau of Prisons" found as "Prisons"); a
	 * determiner before it is no part of a name ("The SEC said"). */
	if (hs == s || !tcap(q, hs - 1) || tposs(q, hs - 1) || is_title_word(q, hs - 1) ||
	    (hs - 1 == s && tclass(q, s, QW_DETERMINER)))
		return pe.head;
	return -1;
}

/* The entity of a mention spanning exactly tokens [ws, e), or -1;
 * demonyms name a people, not who speaks ("Swedish"). */
static int32_t exact_mention(const qctx *q, uint32_t ws, uint32_t e)
{
	const nr_article *a = q->a;
	uint32_t bs = q->tok[ws].start, be = q->tok[e - 1].end;
	size_t mi = nr_mentions__from(a, bs);
	for (; mi < a->nmentions && a->mentions[mi].start <= bs; mi++)
		if (a->mentions[mi].start == bs && a->mentions[mi].end == be &&
		    a->mentions[mi].kind != NR_MENTION_DEMONYM)
			return (int32_t)a->mentions[mi].entity;
	return -1;
}

static void speaker_entity(const qctx *q, int32_t ent, resolved *out)
{
	const nr_entity *en = &q->a->entities[ent];
	out->entity = ent;
	out->name = nr_quotes__ent_name(q, en);
	out->gender = en->type == NR_ENTITY_PERSON ? nr_quotes__ent_gender(q, en) : 0;
	out->person = en->type == NR_ENTITY_PERSON;
	out->group = !out->person;
}

/* "President Tomas Novak's spokesman": the spokesman; the person the
 * article names with that title, when just one. */
static bool role_person(qctx *q, uint32_t s, uint32_t ws, uint32_t e, resolved *out)
{
	const nr_article *a = q->a;
	if (e - ws < 1 || !a->nentities)
		return false;
	if (!(tis(q, e - 1, "spokesman") || tis(q, e - 1, "spokeswoman") ||
	      tis(q, e - 1, "spokesperson") || is_title_word(q, e - 1)))
		return false;
	/* The role is what follows a possessor: "Novak's spokesman". */
	bool poss = false;
	uint32_t rs = ws;
	for (uint32_t i = ws; i < e; i++)
		if (tposs(q, i)) {
			poss = true;
			rs = i + 1;
		}
	role r = { rs, rs < e ? role_title_start(q, rs, e) : e, e };
	int32_t pe = rs < e ? entity_after_role(q, &r) : -1;
	if (pe < 0)
		return false;
	if (!poss && !(tclass(q, s, QW_DETERMINER) && e - s <= 5))
		return false;
	out->entity = pe;
	out->name = nr_quotes__ent_name(q, &a->entities[pe]);
	out->gender = a->entities[pe].gender;
	out->person = true;
	return true;
}

/* A phrase without a name ("the minister", "officials"): the person the
 * article names with that role, else the phrase as written from ws. */
static void speaker_role(qctx *q, uint32_t s, uint32_t ws, uint32_t e, resolved *out)
{
	if (role_person(q, s, ws, e, out))
		return;
	out->name = nr_arena__strndup(&q->a->arena, q->t + q->tok[ws].start,
				      q->tok[e - 1].end - q->tok[ws].start);
	out->group = true;
	/* A singular role ("the minister", "the spokesman") is a person. */
	uint32_t h = e - 1;
	size_t hl = tlen(q, h);
	out->person = !(hl > 1 && (ttext(q, h)[hl - 1] == 's')) && is_title_word(q, h);
}

/* The name of a speaker already seen that ends with the surname at
 * token ns, among the last HIST_BACK. */
static const char *surname_seen(const qctx *q, uint32_t ns, const resolved *hist, size_t nh)
{
	for (size_t h = nh; h-- > 0 && nh - h <= HIST_BACK;) {
		const char *n = hist[h].name;
		if (!n || !hist[h].person)
			continue;
		size_t nl = strlen(n), wl = tlen(q, ns);
		if (nl > wl && n[nl - wl - 1] == ' ' && memcmp(n + nl - wl, ttext(q, ns), wl) == 0)
			return n;
	}
	return NULL;
}

/* Is the name as written [ns, e) a person? Titles before it or a first
 * name say so; organisations and places as written ("the White House")
 * are not. */
static bool name_is_person(const qctx *q, uint32_t ws, uint32_t ns, uint32_t e, bool full)
{
	const char *w = q->t + q->tok[ns].start;
	size_t n = q->tok[e - 1].end - q->tok[ns].start;
	bool person = ns > ws || nr_lexicon__gender(q->lex, ttext(q, ns), tlen(q, ns)) != 0 ||
		      (e - ns == 1 && !known_word(q, ns));
	if (full)
		person = true;
	if (nr_lexicon__lookup(q->lex, NR_LEX_GOV_ACTORS, w, n) ||
	    nr_lexicon__lookup(q->lex, NR_LEX_ORGANIZATIONS, w, n) ||
	    nr_lexicon__country(q->lex, w, n))
		person = false;
	return person;
}

/* A name as written ([ws, e) without its titles), or the fuller form of
 * it the text or an earlier speaker gives. */
static void speaker_name(qctx *q, uint32_t s, uint32_t ws, uint32_t e, const resolved *hist,
			 size_t nh, resolved *out)
{
	uint32_t ns = skip_titles(q, ws, e);
	if (ns >= e)
		ns = ws;
	const char *full = fuller_name(q, ns, e, s);
	if (!full && e - ns == 1)
		full = surname_seen(q, ns, hist, nh);
	out->name = full ? full
			 : nr_arena__strndup(&q->a->arena, q->t + q->tok[ns].start,
					     q->tok[e - 1].end - q->tok[ns].start);
	out->gender = out->name ? nr_quotes__name_gender(q, out->name) : 0;
	out->person = name_is_person(q, ws, ns, e, full != NULL);
	out->group = !out->person;
}

/* "he", "she", "they" as the subject: whom it refers to; an unresolved
 * "he" or "she" is still a person of that gender. */
static void speaker_pronoun(qctx *q, const qcand *c, const resolved *hist, size_t nh, resolved *out)
{
	uint32_t s = (uint32_t)c->subj_s;
	nr_quotes__resolve_pronoun(q, c, hist, nh, out);
	out->sentence = c->sentence;
	if (!out->name && (tis(q, s, "he") || tis(q, s, "she")))
		out->person = true;
	if (tis(q, s, "he") && !out->gender)
		out->gender = 'm';
	if (tis(q, s, "she") && !out->gender)
		out->gender = 'f';
}

/* The person named with the role [ws, e) set off after the name: "Ana
 * Ruiz, the Labour MP for Leeds North, ...". -1 when none, or two. */
static int32_t role_in_apposition(qctx *q, uint32_t ws, uint32_t e)
{
	const nr_article *a = q->a;
	int32_t found = -1;
	if (q->title_scans++ >= 64)
		return -1;
	for (size_t mi = 0; mi < a->nmentions; mi++) {
		const nr_mention *m = &a->mentions[mi];
		if (a->entities[m->entity].type != NR_ENTITY_PERSON)
			continue;
		uint32_t t = tok_at_byte(q, m->end);
		if (!tpunct(q, t, ','))
			continue;
		t++;
		if (tclass(q, t, QW_DETERMINER))
			t++;
		uint32_t k = 0;
		while (k < e - ws && t + k < q->ntok && tlen(q, t + k) == tlen(q, ws + k) &&
		       !strncasecmp(ttext(q, t + k), ttext(q, ws + k), tlen(q, ws + k)))
			k++;
		if (k < e - ws)
			continue;
		if (found >= 0 && found != (int32_t)m->entity)
			return -1;
		found = (int32_t)m->entity;
	}
	return found;
}

/* "the Labour MP for Birkenhead", "the minister for Europe": an office
 * and the seat or brief it is for, not a body. The place names no
 * speaker: the speaker is the person who holds the office, when the
 * article names them with it, else the office as written. */
static bool seat_role(qctx *q, uint32_t s, uint32_t e, resolved *out)
{
	uint32_t l = s + 1;
	while (l + 1 < e && !((tis(q, l, "for") || tis(q, l, "of")) && is_title_word(q, l - 1)))
		l++;
	if (l + 1 >= e)
		return false;
	for (uint32_t k = l + 1; k < e; k++)
		if (!tcap(q, k))
			return false;
	/* "Ana Ruiz, MP for Leeds": her name is in it; "a spokesman for
	 * Acme Corp": the body speaks. */
	const nr_article *a = q->a;
	for (size_t mi = nr_mentions__from(a, q->tok[s].start);
	     mi < a->nmentions && a->mentions[mi].start < q->tok[e - 1].end; mi++) {
		uint8_t ty = a->entities[a->mentions[mi].entity].type;
		if (ty == NR_ENTITY_PERSON ||
		    (ty == NR_ENTITY_ORGANIZATION && a->mentions[mi].start > q->tok[l].start))
			return false;
	}
	/* "Secretary of State": the link is inside a title. */
	for (uint32_t k = l > s + 3 ? l - 3 : s; k < l; k++) {
		nr_lex_match m;
		if (nr_lexicon__match(q->lex, NR_LEX_TITLES, q->t, q->tok, e, k, &m) > l - k + 1)
			return false;
	}
	uint32_t ws = s;
	while (ws < l - 1 && tclass(q, ws, QW_DETERMINER))
		ws++;
	int32_t ent = role_in_apposition(q, ws, e);
	if (ent >= 0) {
		speaker_entity(q, ent, out);
		return true;
	}
	out->name = nr_arena__strndup(&q->a->arena, q->t + q->tok[ws].start,
				      q->tok[e - 1].end - q->tok[ws].start);
	out->person = true;
	out->group = false;
	return true;
}

/* Speaker of a candidate from its subject phrase. */
void nr_quotes__resolve_speaker(qctx *q, const qcand *c, const resolved *hist, size_t nh,
				resolved *out)
{
	memset(out, 0, sizeof(*out));
	out->entity = -1;
	out->sentence = c->sentence;
	if (c->subj_s < 0)
		return;
	if (c->turn) {
		nr_quotes__resolve_turn(q, c, out);
		return;
	}
	uint32_t s = (uint32_t)c->subj_s, e = (uint32_t)c->subj_e;
	if (e - s == 1 && first_person_contraction(q, s)) {
		/* "I've said", "We'd argue": the writer, left unnamed. */
		out->person = true;
		return;
	}
	if (e - s == 1 && tclass(q, s, QW_SUBJECT_PRONOUN)) {
		speaker_pronoun(q, c, hist, nh, out);
		return;
	}
	if (pair_of_people(q, s, e, out))
		return;
	if (seat_role(q, s, e, out))
		return;
	bool head_name = tcap(q, e - 1) && !group_noun(q, e - 1);
	int32_t ent = phrase_entity(q, s, &e, head_name);
	if (ent >= 0) {
		speaker_entity(q, ent, out);
		return;
	}
	/* Skip determiners for the group as written. */
	uint32_t ws = s;
	while (ws < e - 1 && tclass(q, ws, QW_DETERMINER))
		ws++;
	/* A phrase that is one mention of an entity is that entity ("the
	 * State Department" found as a whole); a lone name is left to the
	 * fuller form the text gives it. */
	ent = head_name && e - ws == 1 ? -1 : exact_mention(q, ws, e);
	if (ent >= 0) {
		speaker_entity(q, ent, out);
		return;
	}
	if (!head_name)
		speaker_role(q, s, ws, e, out);
	else
		speaker_name(q, s, ws, e, hist, nh, out);
}

/* A paragraph that is only a quotation, after a paragraph whose last
 * sentence has a person or body as its subject and no quotation ("Lind
 * praised the mayor's work.", "The council issued a statement."): that
 * subject is the speaker. */
void nr_quotes__lead_in_subject(qctx *q, const qcand *c, size_t ci, resolved *out)
{
	const nr_article *a = q->a;
	uint32_t p = c->paragraph;
	if (p == 0 || a->paragraphs[p].start != c->start || c->sentence == 0)
		return;
	uint32_t ls = c->sentence - 1;
	if (a->sentences[ls].paragraph + 1 != p)
		return;
	/* Nothing quoted in that sentence: a quotation there has its own
	 * speaker, already considered. */
	for (size_t j = ci; j-- > 0 && q->c[j].end > a->sentences[ls].start;)
		if (q->c[j].start < a->sentences[ls].end)
			return;
	for (uint32_t t = sent_first(q, ls); t < sent_end(q, ls); t++)
		if (q->tok[t].kind == NR_TOKEN_QUOTE)
			return;
	resolved r;
	bool chain = false;
	if (nr_quotes__sentence_subject(q, ci, ls, sent_end(q, ls), NULL, &chain, &r) ||
	    nr_quotes__group_subject(q, ci, ls, sent_end(q, ls), false, &chain, &r)) {
		if (!r.name)
			return;
		*out = r;
		out->sentence = c->sentence;
	}
}
