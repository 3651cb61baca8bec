/*
 * polarity.c - what stands between a subject and its statement verb:
 * negation ("did not deny", "never accused", "refused to condemn"),
 * modality ("could threaten", "will demand", "if X accuses"), the
 * passive ("was accused", "has been urged", "accused of" after a noun).
 */
#include "extract/statements/statements_int.h"

/* Is token k a verb that hands its subject to the "to" clause after it
 * ("continued to deny", "threatened to sue")? */
static bool hands_on(sctx *x, uint32_t k)
{
	if (tclass(x, k, SW_CHAIN | SW_REFUSAL | SW_FUTURE))
		return true;
	nr_lex_match m;
	return tword(x, k) && !nr_st__cap(x, k) &&
	       nr_words__match(x->words, NR_LEX_CAMEO_VERBS, k + 1, k, &m) == 1;
}

/* One step back over token k; false when k is no part of a bridge. */
static bool bridge_step(sctx *x, uint32_t k, bridge *b)
{
	if (!tword(x, k))
		return false;
	if (tclass(x, k, SW_NEGATION) || nr_st__nt(x, k))
		b->negated = true;
	else if (tclass(x, k, SW_HEDGE))
		b->hedged = true;
	else if (tclass(x, k, SW_FUTURE))
		b->future = true;
	else if (tclass(x, k, SW_BE))
		b->progressive = true; /* passive or progressive: the form says */
	else if (tclass(x, k, SW_REFUSAL))
		b->negated = true; /* "refused" in "refused to": see below */
	else if (!tclass(x, k, SW_BEFORE_VERB | SW_TIME | SW_CHAIN) && !nr_st__ly(x, k))
		return false;
	return true;
}

bridge nr_st__bridge(sctx *x, const cue *c)
{
	bridge b = { 0 };
	uint32_t j = c->tok, lo = x->sent_first;
	for (int steps = 0; j > lo && steps < W_BRIDGE; steps++) {
		uint32_t k = j - 1;
		if (tclass(x, k, SW_INFINITIVE) && k > lo && hands_on(x, k - 1)) {
			/* "refused to", "going to", "threatened to": over both. */
			if (tclass(x, k - 1, SW_REFUSAL))
				b.negated = true;
			if (tclass(x, k - 1, SW_FUTURE))
				b.future = true;
			j = k - 1;
			continue;
		}
		if (tclass(x, k, SW_REFUSAL | SW_CHAIN) && !tclass(x, k, SW_BE))
			break; /* "refused" only counts before "to" */
		if (!bridge_step(x, k, &b))
			break;
		j = k;
	}
	b.subj_end = j;
	bool be = b.progressive;
	b.progressive = be && !strcmp(c->form, "ing");
	b.passive = be && (!strcmp(c->form, "past") || !strcmp(c->form, "pastpart"));
	return b;
}

bool nr_st__conditional(sctx *x, uint32_t from)
{
	/* "If X accuses", "unless Y agrees": the word before the subject.
	 * ("If ..., X would" is a clause of its own.) */
	return from > x->sent_first && tclass(x, from - 1, SW_CONDITION);
}

bool nr_st__reduced_passive(sctx *x, const cue *c)
{
	if (strcmp(c->form, "past") && strcmp(c->form, "pastpart"))
		return false;
	uint32_t after = c->next;
	if (after >= x->sent_end)
		return false;
	/* "criticised by X": always. */
	if (tclass(x, after, SW_AGENT_PREP))
		return true;
	/* "accused of", "blamed for", "praised for" with no object between:
	 * the acts whose object is always a party. */
	return tclass(x, after, SW_CONTENT_PREP) &&
	       (nr_st__act_is(c, "accuse") || nr_st__act_is(c, "criticize") ||
		nr_st__act_is(c, "praise"));
}
