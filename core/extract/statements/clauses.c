/*
 * clauses.c - the phrases around a statement verb: the subject before it
 * (through an apposition, a relative "who", a shared subject "and
 * accused"), and after it the object, an addressee ("appealed to X"), the
 * agent of a passive ("by X") and where what is said ends.
 */
#include "extract/statements/statements_int.h"

static phrase no_phrase(void)
{
	phrase p = { 0, 0, 0, -1, false, false };
	return p;
}

/* First token of the mention covering token i (mentions cover whole
 * tokens in practice: tmention holds the mention of every token it
 * touches). */
static uint32_t mention_first(const sctx *x, uint32_t i, uint32_t lo)
{
	int32_t m = x->tmention[i];
	while (i > lo && x->tmention[i - 1] == m)
		i--;
	return i;
}

/* A word that can stand inside a noun phrase before its head. */
static bool np_word(sctx *x, uint32_t i)
{
	if (x->tok[i].kind == NR_TOKEN_NUMBER || nr_st__possessive_s(x, i))
		return true;
	if (!tword(x, i))
		return false;
	return !tclass(x, i,
		       SW_PREPOSITION | SW_CONTENT_PREP | SW_TARGET_PREP | SW_AGENT_PREP |
			   SW_RELATIVE | SW_COORDINATOR | SW_BE | SW_BEFORE_VERB | SW_HEDGE |
			   SW_FUTURE | SW_CLAUSE_BREAK | SW_NEGATION | SW_PRONOUN | SW_CONDITION |
			   SW_TIME);
}

/* Can token h head a phrase that names a party? */
static bool party_head(sctx *x, uint32_t h)
{
	if (x->tmention[h] >= 0 || tclass(x, h, SW_PRONOUN | SW_GROUP_NOUN))
		return true;
	if (nr_st__lookup(x, NR_LEX_ACTOR_KINDS, h) || nr_st__lookup(x, NR_LEX_TITLES, h))
		return true;
	return nr_st__cap(x, h) && h != x->sent_first;
}

/* The noun phrase whose last token is `last`, looking back to lo. */
static phrase np_ending(sctx *x, uint32_t last, uint32_t lo)
{
	phrase p = no_phrase();
	if (last < lo || last >= x->ntok || !tword(x, last) || !np_word(x, last)) {
		if (!(last >= lo && last < x->ntok && tclass(x, last, SW_PRONOUN)))
			return p;
	}
	p.head = last;
	p.e = last + 1;
	p.mention = x->tmention[last];
	uint32_t s = p.mention >= 0 ? mention_first(x, last, lo) : last;
	if (!tclass(x, last, SW_PRONOUN)) {
		/* Modifiers: "Pakistan's foreign ministry", "the two senior
		 * officials", "Interior Minister Rehman Malik". */
		for (uint32_t n = 0; s > lo && n < W_NP; n++) {
			uint32_t k = s - 1;
			if (x->tmention[k] >= 0) {
				s = mention_first(x, k, lo);
				continue;
			}
			if (tclass(x, k, SW_DETERMINER | SW_POSSESSIVE) &&
			    !tclass(x, k, SW_RELATIVE)) {
				s = k;
				break;
			}
			if (!np_word(x, k) ||
			    (nr_st__cap(x, k) && k == x->sent_first && !party_head(x, k)))
				break;
			s = k;
		}
	}
	p.s = s;
	p.ok = party_head(x, last);
	return p;
}

/* The subject of the clause holding token k: marked to share the actor
 * of the statement before it in the sentence ("said ... and accused"). */
static phrase shared(void)
{
	phrase p = no_phrase();
	p.share = true;
	return p;
}

phrase nr_st__subject(sctx *x, const cue *c, const bridge *b)
{
	uint32_t j = b->subj_end, lo = x->sent_first;
	if (j <= lo)
		return no_phrase();
	uint32_t k = j - 1;
	bool ing = !strcmp(c->form, "ing");
	if (tclass(x, k, SW_COORDINATOR | SW_CLAUSE_BREAK) || (ing && tpunct(x, k, ',')))
		return shared();
	if (tclass(x, k, SW_RELATIVE)) {
		/* "the minister, who denied": the antecedent. */
		if (k > lo && tpunct(x, k - 1, ','))
			k--;
		return k > lo ? np_ending(x, k - 1, lo) : no_phrase();
	}
	if (tpunct(x, k, ',')) {
		/* "X, the foreign minister, accused": back over the apposition. */
		for (uint32_t q = k, n = 0; q > lo && n < W_APPOS; q--, n++)
			if (tpunct(x, q - 1, ','))
				return q - 1 > lo ? np_ending(x, q - 2, lo) : no_phrase();
		return no_phrase();
	}
	phrase p = np_ending(x, k, lo);
	/* "wrote to him on Tuesday accusing him": a participle with no
	 * subject of its own shares the sentence's. */
	return !p.ok && ing ? shared() : p;
}

phrase nr_st__first_subject(sctx *x)
{
	uint32_t lo = x->sent_first, hi = x->sent_end;
	/* "The party's leader Nicola Sturgeon wrote ...": the whole phrase. */
	phrase whole = nr_st__np_after(x, lo);
	if (nr_st__party_like(x, &whole))
		return whole;
	for (uint32_t k = lo; k < hi && k < lo + W_NP; k++) {
		if (x->tmention[k] >= 0) {
			int32_t m = x->tmention[k];
			while (k + 1 < hi && x->tmention[k + 1] == m)
				k++;
			return np_ending(x, k, lo);
		}
		if (tclass(x, k, SW_PRONOUN))
			return np_ending(x, k, lo);
	}
	return no_phrase();
}

/* Words of a phrase starting at k: a determiner, modifiers, mentions
 * ("Pakistan's foreign ministry"); returns its last token, or UINT32_MAX. */
static uint32_t np_words(sctx *x, uint32_t k, uint32_t hi, uint32_t *end)
{
	uint32_t last = UINT32_MAX, start = k;
	while (k < hi && k - start < W_NP) {
		if (x->tmention[k] >= 0) {
			int32_t m = x->tmention[k];
			while (k < hi && x->tmention[k] == m)
				k++;
			last = k - 1;
			/* A name ends the phrase but for "'s ..." or the noun it
			 * modifies ("the Pakistan government"): "that Iran release"
			 * goes on with a verb. */
			if (k < hi && !nr_st__possessive_s(x, k) && x->tmention[k] < 0 &&
			    !(tword(x, k) && (nr_st__lookup(x, NR_LEX_ACTOR_KINDS, k) ||
					      nr_st__lookup(x, NR_LEX_TITLES, k))))
				break;
			continue;
		}
		if (!np_word(x, k) || (k > start && tclass(x, k, SW_DETERMINER | SW_POSSESSIVE)))
			break;
		/* "the accusations levelled", "reports circulating": a verb
		 * after the head. */
		size_t n = tlen(x, k);
		const char *w = ttext(x, k);
		if (last != UINT32_MAX && !nr_st__possessive_s(x, k) && !nr_st__cap(x, k) &&
		    n > 4 && (!memcmp(w + n - 2, "ed", 2) || !memcmp(w + n - 3, "ing", 3)))
			break;
		if (!nr_st__possessive_s(x, k))
			last = k;
		k++;
	}
	*end = k;
	return last;
}

phrase nr_st__np_after(sctx *x, uint32_t i)
{
	phrase p = no_phrase();
	uint32_t hi = x->sent_end, k = i;
	if (k >= hi || (!tword(x, k) && x->tok[k].kind != NR_TOKEN_NUMBER))
		return p;
	if (tclass(x, k, SW_PRONOUN) && x->tmention[k] < 0) {
		p.s = p.head = k;
		p.e = k + 1;
		p.ok = true;
		return p;
	}
	if (tclass(x, k, SW_DETERMINER | SW_POSSESSIVE) && !tclass(x, k, SW_RELATIVE))
		k++;
	uint32_t end, last = np_words(x, k, hi, &end);
	if (last == UINT32_MAX)
		return p;
	/* "India and Pakistan": one more conjunct, when it is a name. */
	if (end + 1 < hi && tclass(x, end, SW_COORDINATOR) &&
	    (x->tmention[end + 1] >= 0 || nr_st__cap(x, end + 1))) {
		uint32_t end2, last2 = np_words(x, end + 1, hi, &end2);
		if (last2 != UINT32_MAX)
			last = last2;
	}
	p.s = i;
	p.e = last + 1;
	p.head = last;
	p.mention = x->tmention[last];
	p.ok = true;
	return p;
}

bool nr_st__party_like(sctx *x, const phrase *p)
{
	if (!p->ok)
		return false;
	/* "reject it": a thing, unless the extractors said whom it names. */
	if (p->e == p->head + 1 && tclass(x, p->head, SW_NEUTER))
		return x->tmention[p->head] >= 0;
	if (p->mention >= 0) {
		const nr_mention *m = &x->a->mentions[p->mention];
		return m->entity < x->a->nentities;
	}
	return party_head(x, p->head);
}

phrase nr_st__agent(sctx *x, uint32_t i, bool from)
{
	uint32_t prep = SW_AGENT_PREP | (from ? SW_SOURCE_PREP : 0);
	uint32_t hi = x->sent_end;
	for (uint32_t k = i, n = 0; k < hi && n < W_AGENT; k++, n++) {
		if (tpunct(x, k, ';') || tclass(x, k, SW_CLAUSE_BREAK | SW_RELATIVE))
			break;
		if (tclass(x, k, prep)) {
			phrase p = nr_st__np_after(x, k + 1);
			if (nr_st__party_like(x, &p))
				return p;
			break;
		}
	}
	return no_phrase();
}

phrase nr_st__agent_at(sctx *x, uint32_t k, bool from)
{
	if (k < x->sent_end && tclass(x, k, SW_AGENT_PREP | (from ? SW_SOURCE_PREP : 0))) {
		phrase p = nr_st__np_after(x, k + 1);
		if (nr_st__party_like(x, &p))
			return p;
	}
	return no_phrase();
}

uint32_t nr_st__clause_end(sctx *x, uint32_t i)
{
	uint32_t hi = x->sent_end;
	/* The sentence's final stop and closing marks are no part of it. */
	while (hi > i && (x->tok[hi - 1].kind == NR_TOKEN_PUNCT || tquote_mark(x, hi - 1)))
		hi--;
	uint32_t k = i;
	for (uint32_t n = 0; k < hi && n < W_CONTENT; k++, n++) {
		if (tpunct(x, k, ';') || tquote_mark(x, k))
			break;
		if (tpunct(x, k, ',') && tclass(x, k + 1, SW_CLAUSE_BREAK))
			break;
	}
	while (k > i && tpunct(x, k - 1, ','))
		k--;
	return k;
}

int32_t nr_st__possessor(sctx *x, const phrase *p)
{
	/* "Pakistan's accusation", "U.S. accusations": a name before the head. */
	for (uint32_t k = p->s; k < p->head; k++)
		if (x->tmention[k] >= 0 && x->tmention[k] != x->tmention[p->head])
			return x->tmention[k];
	return -1;
}
