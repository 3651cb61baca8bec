/*
 * pronouns.c - "he", "she" and "they" as speakers. "he"/"she" go to the
 * speaker or the subject of the nearest sentence before, gender
 * permitting: the subject is the first person of the main clause (not in
 * an opening phrase, not a possessor, not after a preposition), and a
 * sentence led by the same pronoun ("He paused", "His audio") hands over
 * to the one before. "they" goes to a body or plural group that is the
 * clause subject ("Republicans had ...", "Harbour critics, like ..."), by
 * the same chains.
 */
#include "extract/quotes/quotes_int.h"

static bool gender_ok(char want, char have) { return !want || !have || want == have; }

/* Is byte pos inside the content of candidate ci or one shortly before
 * it? Names inside what someone said are not who said it. */
static bool in_content(const qctx *q, size_t ci, uint32_t pos)
{
	size_t lo = ci > 24 ? ci - 24 : 0;
	for (size_t j = ci + 1; j-- > lo;)
		if (j < q->nc && q->c[j].start <= pos && pos < q->c[j].end)
			return true;
	return false;
}

/* Is sentence s led by the pronoun itself ("He paused", "His audio was
 * quieter"): the same one, named in a sentence before? */
static bool led_by_pronoun(const qctx *q, size_t ci, uint32_t s, uint32_t from, uint32_t lim,
			   const char *pron)
{
	for (uint32_t i = from; i < from + 3 && i < lim && i < sent_end(q, s); i++) {
		if (q->tok[i].kind == NR_TOKEN_QUOTE)
			continue;
		const char *poss = strcmp(pron, "he") == 0 ? "his" : "her";
		return (tis_str(q, i, pron) || tis_str(q, i, poss)) &&
		       !in_content(q, ci, q->tok[i].start);
	}
	return false;
}

/* The first person mention near the start of the main clause (from),
 * before lim, not a possessor ("Petrov's rival") nor the object of a
 * preposition. */
static bool person_subject(const qctx *q, size_t ci, uint32_t s, uint32_t from, uint32_t lim,
			   resolved *out)
{
	const nr_article *a = q->a;
	size_t mi = nr_mentions__from(a, q->tok[from].start);
	for (; mi < a->nmentions && a->mentions[mi].start < a->sentences[s].end; mi++) {
		const nr_mention *m = &a->mentions[mi];
		const nr_entity *en = &a->entities[m->entity];
		/* Mentions follow text order: past the window for one, past
		 * it for all (so a long sentence is not walked to its end). */
		uint32_t t = tok_at_byte(q, m->start);
		if (t > from + 8 || t >= lim)
			return false;
		if (en->type != NR_ENTITY_PERSON || in_content(q, ci, m->start))
			continue;
		uint32_t after = tok_at_byte(q, m->end);
		if (after < sent_end(q, s) && tposs(q, after))
			continue;
		uint32_t b = t;
		while (b > from && (tclass(q, b - 1, QW_DETERMINER) || is_title_word(q, b - 1)))
			b--;
		if (b > from && tclass(q, b - 1, QW_PREPOSITION))
			continue;
		out->entity = (int32_t)m->entity;
		out->name = nr_quotes__ent_name(q, en);
		out->gender = nr_quotes__ent_gender(q, en);
		out->person = true;
		out->group = false;
		out->sentence = s;
		return true;
	}
	return false;
}

/* An article without entities: a capitalised run with a known first
 * name near the start of sentence s. */
static bool first_name_run(const qctx *q, uint32_t s, uint32_t lim, resolved *out)
{
	const nr_sentence *st = &q->a->sentences[s];
	uint32_t f = st->first_token, e = f + (uint32_t)st->ntokens;
	for (uint32_t i = f; i < e && i < f + 6 && i < lim; i++) {
		if (!tcap(q, i))
			continue;
		char g = nr_lexicon__gender(q->lex, ttext(q, i), tlen(q, i));
		if (!g || !tcap(q, i + 1) || i + 1 >= e)
			continue;
		uint32_t j = i + 1;
		while (j < e && tcap(q, j) && j < i + 4)
			j++;
		out->entity = -1;
		out->name = nr_arena__strndup(&q->a->arena, q->t + q->tok[i].start,
					      q->tok[j - 1].end - q->tok[i].start);
		out->gender = g == 'u' ? 0 : g;
		out->person = true;
		out->group = false;
		out->sentence = s;
		return out->name != NULL;
	}
	return false;
}

/* Subject of sentence s before token lim: the first person mention near
 * the start of the main clause, not a possessor ("Petrov's rival") nor
 * the object of a preposition. A sentence whose subject is the pronoun
 * itself ("He paused ...", "His audio ...") names nobody: *chain is set
 * instead. */
bool nr_quotes__sentence_subject(const qctx *q, size_t ci, uint32_t s, uint32_t lim,
				 const char *pron, bool *chain, resolved *out)
{
	uint32_t from = nr_quotes__subject_start(q, s);
	if (chain)
		*chain = false;
	if (pron && chain && led_by_pronoun(q, ci, s, from, lim, pron)) {
		*chain = true;
		return false;
	}
	/* Mentions exist only with entities: the two never compete. */
	return person_subject(q, ci, s, from, lim, out) ||
	       (q->a->nentities == 0 && first_name_run(q, s, lim, out));
}

static bool has_apostrophe(const qctx *q, uint32_t i)
{
	const char *w = ttext(q, i);
	size_t n = tlen(q, i);
	for (size_t k = 0; k < n; k++)
		if (w[k] == '\'' || (k + 2 < n && memcmp(w + k, "\xE2\x80\x99", 3) == 0))
			return true;
	return false;
}

/* An organisation named near the start of the clause at from ("the
 * Security Council"), not inside what someone said. */
static bool org_subject(const qctx *q, size_t ci, uint32_t s, uint32_t from, uint32_t lim,
			resolved *out)
{
	const nr_article *a = q->a;
	for (size_t mi = nr_mentions__from(a, q->tok[from].start);
	     mi < a->nmentions && a->mentions[mi].start < q->tok[lim - 1].end; mi++) {
		const nr_mention *m = &a->mentions[mi];
		if (tok_at_byte(q, m->start) > from + 3)
			break;
		const nr_entity *en = &a->entities[m->entity];
		if (en->type != NR_ENTITY_ORGANIZATION || in_content(q, ci, m->start))
			continue;
		out->entity = (int32_t)m->entity;
		out->name = nr_quotes__ent_name(q, en);
		out->gender = 0;
		out->person = false;
		out->group = true;
		out->sentence = s;
		return true;
	}
	return false;
}

/* A verb or a clause boundary after the head ending before i:
 * "Republicans had", "critics, like", "officials said", "states led
 * by"; after a possessor also "is". */
static bool verb_follows(const qctx *q, uint32_t i, uint32_t end, bool owner)
{
	cue k;
	return i < end &&
	       (tclass(q, i, QW_BEFORE_VERB) || cue_at(q, i, &k) || tpunct(q, i, ',') ||
		tis(q, i, "of") || tis(q, i, "who") || tis(q, i, "are") || tis(q, i, "were") ||
		tis(q, i, "have") || tis(q, i, "say") || (owner && tis(q, i, "is")) ||
		(tlen(q, i) > 3 && memcmp(ttext(q, i) + tlen(q, i) - 2, "ed", 2) == 0));
}

/* A plural noun phrase as written opening the clause at from
 * ("Republicans had ...", "Twenty-seven states led by ...", "Okafor's
 * campaign said"), before lim. */
static bool plural_np_subject(qctx *q, uint32_t s, uint32_t from, uint32_t lim, resolved *out)
{
	uint32_t end = sent_end(q, s);
	uint32_t i = from;
	if (tclass(q, i, QW_DETERMINER) && !tis(q, i, "that"))
		i++;
	uint32_t np = i;
	cue k;
	/* "Okafor's campaign", "the mayor's aides": a possessor opens it. */
	bool owner = tcap(q, i) && tposs(q, i + 1) && !nr_quotes__starter(q, i);
	if (owner)
		i += 2;
	while (i < lim && i < np + 4 && q->tok[i].kind == NR_TOKEN_WORD &&
	       !tclass(q, i, QW_PREPOSITION) && !tclass(q, i, QW_BEFORE_VERB) &&
	       !tclass(q, i, QW_SUBJECT_PRONOUN) && !tis(q, i, "of") && !tis(q, i, "by") &&
	       !tis(q, i, "who") && !tis(q, i, "that") && !tposs(q, i) && !cue_at(q, i, &k))
		i++;
	/* The head: the last plural word ("states", "Republicans"), or after
	 * a possessor a body ("Okafor's campaign"). */
	uint32_t hs = owner ? np + 2 : np;
	while (i > hs) {
		size_t l = tlen(q, i - 1);
		const char *w = ttext(q, i - 1);
		if (l > 3 && (w[l - 1] == 's' || w[l - 1] == 'S') && w[l - 2] != 's' &&
		    w[l - 2] != '\'')
			break;
		if (owner && i == hs + 1 && group_noun(q, i - 1) && !is_title_word(q, i - 1))
			break;
		i--;
	}
	if (i == hs || nr_quotes__starter(q, np))
		return false;
	for (uint32_t x = hs; x < i; x++)
		if (has_apostrophe(q, x) || tclass(q, x, QW_OBJECT_PRONOUN))
			return false; /* "She'll present", not a noun phrase */
	if (!verb_follows(q, i, end, owner))
		return false;
	out->entity = -1;
	out->name = nr_arena__strndup(&q->a->arena, q->t + q->tok[np].start,
				      q->tok[i - 1].end - q->tok[np].start);
	out->gender = 0;
	out->person = false;
	out->group = true;
	out->sentence = s;
	return out->name != NULL;
}

/* The subject of sentence s as a body or group, before token lim: an
 * organisation named near the start of the clause ("the Security
 * Council"), else a plural noun phrase as written ("Republicans had ...",
 * "Twenty-seven states led by ..."). With chain, a clause led by
 * "they" sets *chain instead. */
bool nr_quotes__group_subject(qctx *q, size_t ci, uint32_t s, uint32_t lim, bool chain_ok,
			      bool *chain, resolved *out)
{
	uint32_t from = nr_quotes__subject_start(q, s), end = sent_end(q, s);
	if (lim > end)
		lim = end;
	while (from < lim && q->tok[from].kind == NR_TOKEN_QUOTE)
		from++;
	if (from >= lim)
		return false;
	if (chain_ok && (tis(q, from, "they") || tis(q, from, "their"))) {
		*chain = !in_content(q, ci, q->tok[from].start);
		return false;
	}
	if (org_subject(q, ci, s, from, lim, out))
		return true;
	if (in_content(q, ci, q->tok[from].start))
		return false;
	return plural_np_subject(q, s, from, lim, out);
}

#define MENTION_BACK 200

/* The pronoun being resolved. */
typedef struct pron {
	uint32_t pt;     /* its token */
	uint32_t s;      /* its sentence */
	char want;       /* 'm' for "he", 'f' for "she", else 0 */
	bool plural;     /* "they" (or "we") */
	int32_t not_ent; /* the entity it was said to, -1: none */
} pron;

/* Would speaker h do: a person of a compatible gender for "he"/"she", a
 * body or group for "they", and not the one spoken to? */
static bool speaker_fits(const pron *p, const resolved *h)
{
	if (p->plural ? h->person : !h->person)
		return false;
	if (!h->name || (h->entity >= 0 && h->entity == p->not_ent))
		return false;
	return p->plural || gender_ok(p->want, h->gender);
}

/* "He told Ms Reyes: “...”", "she told Okafor that ...": the person
 * named between the cue and what was said is spoken to, so the pronoun
 * before the cue is someone else. -1 when nobody is named there. */
static int32_t addressee(const qctx *q, const qcand *c)
{
	cue k;
	if (c->cue_s < 0 || (uint32_t)c->cue_e >= q->ntok || !cue_at(q, (uint32_t)c->cue_s, &k) ||
	    !(nr_quotes__cue_classes(q, &k) & QW_TELL_VERB))
		return -1;
	/* Up to what was said, or a few words on when it came before. */
	uint32_t ce = (uint32_t)c->cue_e, se = sent_end(q, q->tsent[ce]);
	uint32_t end = c->open_tok > ce ? c->open_tok : (ce + 6 < se ? ce + 6 : se);
	const nr_article *a = q->a;
	uint32_t b = q->tok[ce].start, e = end < q->ntok ? q->tok[end].start : q->tok[ce].end;
	/* A few mentions in: a sentence of thousands of names between a
	 * cue and its quote must not make each pronoun walk them all. */
	size_t mi = nr_mentions__from(a, b);
	for (size_t n = 0; mi < a->nmentions && a->mentions[mi].start < e && n < 8; mi++, n++)
		if (a->entities[a->mentions[mi].entity].type == NR_ENTITY_PERSON)
			return (int32_t)a->mentions[mi].entity;
	return -1;
}

/* The latest speaker of a quote in sentence k that fits, among the last
 * HIST_BACK. */
static bool speaker_in_sentence(const pron *p, uint32_t k, const resolved *hist, size_t nh,
				resolved *out)
{
	for (size_t h = nh; h-- > 0 && nh - h <= HIST_BACK;) {
		/* hist follows text order: stop once before sentence k. */
		if (hist[h].sentence < k)
			break;
		if (hist[h].sentence != k || !speaker_fits(p, &hist[h]))
			continue;
		*out = hist[h];
		return true;
	}
	return false;
}

/* "they": the body or group that is the subject of sentence k, of its
 * clause before the pronoun when k is the pronoun's own; "They sent a
 * letter" hands over to the sentence before. */
static bool they_subject(qctx *q, const qcand *c, const pron *p, size_t nh, uint32_t k,
			 resolved *out)
{
	uint32_t s = p->s, pt = p->pt;
	/* Nothing before it but what was said ("The weapons are new, they
	 * argue, but ..."). */
	if (k == s &&
	    (pt == sent_first(q, s) || q->tok[pt].start > c->start || tpunct(q, pt - 1, ',')))
		return false;
	bool chain = false;
	return nr_quotes__group_subject(q, nh, k, k == s ? pt : sent_end(q, k), k < s, &chain, out);
}

/* Any compatible person mentioned in sentence k before the pronoun: the
 * last one, a known gender before an unknown; among the last MENTION_BACK
 * mentions, so that a sentence of thousands of names and pronouns stays
 * linear. */
static bool person_mentioned(const qctx *q, const pron *p, size_t nh, uint32_t k, resolved *out)
{
	const nr_article *a = q->a;
	const nr_sentence *st = &a->sentences[k];
	uint32_t blim = k == p->s ? q->tok[p->pt].start : st->end;
	int32_t best = -1;
	bool best_known = false;
	size_t lo = nr_mentions__from(a, st->start), hi = nr_mentions__from(a, blim);
	while (hi < a->nmentions && a->mentions[hi].start < blim)
		hi++;
	if (hi > lo + MENTION_BACK)
		lo = hi - MENTION_BACK;
	for (size_t mi = lo; mi < hi; mi++) {
		const nr_entity *en = &a->entities[a->mentions[mi].entity];
		if (in_content(q, nh, a->mentions[mi].start) || en->type != NR_ENTITY_PERSON ||
		    (int32_t)a->mentions[mi].entity == p->not_ent)
			continue;
		char g = nr_quotes__ent_gender(q, en);
		if (!gender_ok(p->want, g))
			continue;
		bool known = p->want && g == p->want;
		if (best < 0 || known || !best_known) {
			best = (int32_t)a->mentions[mi].entity;
			best_known = known;
		}
	}
	if (best < 0)
		return false;
	out->entity = best;
	out->name = nr_quotes__ent_name(q, &a->entities[best]);
	out->gender = nr_quotes__ent_gender(q, &a->entities[best]);
	out->person = true;
	return true;
}

/* "he"/"she": the subject of sentence k (of the clause before the
 * pronoun in its own sentence), else a person mentioned in it. A
 * sentence led by the same pronoun hands over to the one before. */
static bool he_she_in_sentence(const qctx *q, const pron *p, size_t nh, uint32_t k, resolved *out)
{
	resolved r;
	bool chain = false;
	const char *pw = p->want == 'm' ? "he" : p->want == 'f' ? "she" : NULL;
	uint32_t s = p->s, pt = p->pt;
	uint32_t lim = k == s ? pt : sent_end(q, k);
	if (k < s || (pt > sent_first(q, s) && !tpunct(q, pt - 1, ','))) {
		if (nr_quotes__sentence_subject(q, nh, k, lim, k < s ? pw : NULL, &chain, &r) &&
		    gender_ok(p->want, r.gender) && (r.entity < 0 || r.entity != p->not_ent)) {
			*out = r;
			return true;
		}
	}
	if (chain)
		return false;
	return person_mentioned(q, p, nh, k, out);
}

/* "he"/"she": salience first (who spoke, who was the subject), gender
 * as a filter where it is known. Preferring a known gender over a closer
 * candidate of unknown gender was tried and measured worse: names the
 * lexicon cannot sex are common among recent speakers. */
bool nr_quotes__resolve_pronoun(qctx *q, const qcand *c, const resolved *hist, size_t nh,
				resolved *out)
{
	pron p = { (uint32_t)c->subj_s, c->sentence, 0, false, addressee(q, c) };
	p.plural = tis(q, p.pt, "they") || tis(q, p.pt, "we");
	if (tis(q, p.pt, "he"))
		p.want = 'm';
	else if (tis(q, p.pt, "she"))
		p.want = 'f';
	if (tis(q, p.pt, "i") || tis(q, p.pt, "we")) {
		/* Inside a quote "I"/"we" is the quoted speaker; outside it is
		 * the writer: leave as written. */
		return true;
	}
	uint32_t lo = p.s > 5 ? p.s - 5 : 0;
	for (uint32_t k = p.s + 1; k-- > lo;) {
		if (speaker_in_sentence(&p, k, hist, nh, out))
			return true;
		if (p.plural ? they_subject(q, c, &p, nh, k, out)
			     : he_she_in_sentence(q, &p, nh, k, out))
			return true;
	}
	/* Nothing close by: the last person quoted, if not too far back. */
	for (size_t h = nh; h-- > 0 && nh - h <= HIST_BACK;) {
		if (hist[h].sentence + 20 < p.s)
			break;
		if (!speaker_fits(&p, &hist[h]))
			continue;
		*out = hist[h];
		return true;
	}
	return false;
}
