/*
 * predicates.c - statements no verb of speech makes: what the words of a
 * quote do by themselves. Inside a quote (direct or reported), or in what
 * a verb of saying reports ("saying that X should"), the speaker
 *   denies    when a claim is called untrue: "That is completely untrue",
 *             "the allegations were baseless", "it is not true";
 *   accuses   when a party is said to do wrong: "Blair lied", "he is a
 *             liar", "the firm was corrupt";
 *   demands   when a party is told what it must do: "the minister should
 *             resign", "Pyongyang must stop", "Congress needs to act".
 * The words come from word_classes.tsv (st_rebuttal, st_truth,
 * st_wrongdoing, st_claim, st_obligation, st_intensifier, st_no_call);
 * the subject is found as for a verb of speech (clauses.c). A word of
 * both kinds ("lies", "fabricated") is told apart by its subject: a claim
 * is denied, a party accused. The speaker's own side ("we must", "I
 * lied") says nothing of another.
 */
#include "extract/statements/statements_int.h"

enum { W_PREDICATE = 6 }; /* words between a copula and its predicate */

/* "That's", "it's": a copula written as "'s" after a pronoun for a claim. */
static bool copula_s(sctx *x, uint32_t k)
{
	return k > x->sent_first && nr_st__possessive_s(x, k) && tlen(x, k) <= 4 &&
	       x->tmention[k - 1] < 0 && tclass(x, k - 1, SW_CLAIM | SW_PRONOUN);
}

/* The copula a predicate at token i follows ("is untrue", "was a lie",
 * "is a load of nonsense", "are false and misleading"), or UINT32_MAX;
 * *neg when a negation stands between ("is not true", "isn't true"),
 * *again when another predicate does ("false and misleading": the
 * statement is the first's). */
static uint32_t copula_before(sctx *x, uint32_t i, bool *neg, bool *again)
{
	*neg = *again = false;
	bool joined = false; /* "partial and inaccurate": any adjective before "and" */
	int spare = 1;       /* and one more anywhere: "a disgusting fraud" */
	for (uint32_t k = i, n = 0; k > x->sent_first && n < W_PREDICATE; n++) {
		uint32_t p = k - 1;
		if (tclass(x, p, SW_BE) || copula_s(x, p)) {
			*neg = *neg || nr_st__nt(x, p);
			return p;
		}
		if (tquote_mark(x, p)) { /* was "false and misleading" */
			k = p;
			continue;
		}
		bool was_joined = joined;
		joined = tclass(x, p, SW_COORDINATOR) || tpunct(x, p, ',');
		if (tclass(x, p, SW_NEGATION) || nr_st__nt(x, p))
			*neg = true;
		else if (tclass(x, p, SW_REBUT | SW_TRUTH | SW_WRONG))
			*again = true;
		else if (!joined && !tclass(x, p, SW_INTENSE | SW_DETERMINER) && !nr_st__ly(x, p) &&
			 !((was_joined || (spare > 0 && spare--)) && tword(x, p) &&
			   !nr_st__cap(x, p) && x->tmention[p] < 0))
			return UINT32_MAX;
		k = p;
	}
	return UINT32_MAX;
}

/* Does the predicate at token i end its phrase ("is untrue.", "a liar
 * who", "false in every way"), rather than modify a noun ("the wrong
 * thing to do")? */
static bool predicate_ends(sctx *x, uint32_t i)
{
	uint32_t k = i + 1;
	if (k >= x->sent_end || !tword(x, k) || nr_st__cap(x, k) || x->tmention[k] >= 0)
		return true;
	return tclass(x, k,
		      SW_COORDINATOR | SW_RELATIVE | SW_CONTENT_PREP | SW_PREPOSITION |
			  SW_TARGET_PREP | SW_CLAUSE_BREAK | SW_TIME | SW_CONDITION);
}

/* A cue of one token for the phrase finders. */
static cue cue_at(uint32_t i, const char *form)
{
	cue c;
	memset(&c, 0, sizeof(c));
	c.tok = i;
	c.ntok = 1;
	c.next = i + 1;
	c.form = form;
	return c;
}

/* The form of a wrongdoing verb, by its ending: what the bridge needs to
 * tell a progressive ("is lying") from a passive ("was misled"). */
static const char *form_of(const sctx *x, uint32_t i)
{
	size_t n = tlen(x, i);
	const char *w = ttext(x, i);
	if (n > 4 && !strncmp(w + n - 3, "ing", 3))
		return "ing";
	if (n > 3 && !strncmp(w + n - 2, "ed", 2))
		return "past";
	return "base";
}

/* The subject before a cue, its bridge into *b. */
static phrase subject_of(sctx *x, const cue *c, bridge *b)
{
	*b = nr_st__bridge(x, c);
	phrase p = nr_st__subject(x, c, b);
	if (p.share || p.ok || b->subj_end <= x->sent_first)
		return p;
	/* "That is untrue", "this was a lie": a pronoun for a claim, which no
	 * noun phrase of a party covers. */
	uint32_t k = b->subj_end - 1;
	if (tclass(x, k, SW_CLAIM) && x->tmention[k] < 0) {
		/* The phrase's words as found ("Robin Butler's comments"). */
		if (!(p.e == k + 1 && p.head == k && p.s <= k))
			p.s = k;
		p.head = k;
		p.e = k + 1;
		p.mention = -1;
		p.ok = true;
	}
	return p;
}

/* Is the phrase the speaker's own side ("we", "I", "my party")? */
static bool own_side(sctx *x, const phrase *p)
{
	return tclass(x, p->head, SW_FIRST_PERSON) ||
	       (p->s < p->head && tclass(x, p->s, SW_FIRST_PERSON));
}

/* Who says the words at a token: a quote's speaker, or the sayer of a
 * verb of saying whose clause holds them. */
typedef struct source {
	int32_t quote; /* the quote, or -1 */
	int said;      /* index into x->says, or -1 */
} source;

/* Has the quote's own verb made this act already ("\"They lied,\" the
 * minister accused them"): one utterance, one statement. Looks at the
 * last few statements only. */
static bool said_already(const sctx *x, source src, const char *act)
{
	if (src.quote < 0)
		return false;
	for (size_t k = x->nst, n = 0; k > 0 && n < 8; k--, n++) {
		const nr_statement *p = &x->st[k - 1];
		if (p->quote == src.quote && !strcmp(p->act, act))
			return true;
	}
	return false;
}

/* A statement of the source's speaker, cue [cs, ce). */
static void speaker_statement(sctx *x, source src, uint32_t cs, uint32_t ce, const char *act,
			      const char *cameo, nr_statement *st)
{
	nr_st__init(x, cs, ce, st);
	st->quote = src.quote;
	st->voice = NR_VOICE_ACTIVE;
	st->act = nr_st__intern(x, act);
	st->cameo = nr_st__intern(x, cameo);
	if (src.quote >= 0)
		nr_st__party_speaker(x, &x->a->quotes[src.quote], &st->actor);
	else
		nr_st__sayer(x, &x->says[src.said], &st->actor);
}

/* "Robin Butler's comments are inaccurate", "the U.S. allegations": the
 * claim's owner, a name right before its head or before the "'s" there. */
static void claim_owner(sctx *x, const phrase *subj, nr_party *out)
{
	uint32_t e = subj->head;
	if (e > subj->s && nr_st__possessive_s(x, e - 1) && x->tmention[e - 1] < 0)
		e--;
	if (e <= subj->s || x->tmention[e - 1] < 0)
		return;
	int32_t own = x->tmention[e - 1];
	uint32_t s = e - 1;
	while (s > subj->s && x->tmention[s - 1] == own)
		s--;
	phrase p = { s, e, e - 1, own, true, false };
	nr_st__party_of(x, &p, out);
}

/* A denial: a claim called untrue at token i. */
static void rebuttal_at(sctx *x, uint32_t i, source q)
{
	bool neg, again;
	uint32_t be = copula_before(x, i, &neg, &again);
	/* "is untrue" but not "is not false"; "is not true" but not "is true". */
	if (be == UINT32_MAX || again || neg != (tclass(x, i, SW_TRUTH) && !tclass(x, i, SW_REBUT)))
		return;
	/* "it is wrong to attack civilians": a judgement of a deed. */
	if (!predicate_ends(x, i) || (i + 1 < x->sent_end && tclass(x, i + 1, SW_INFINITIVE)))
		return;
	cue c = cue_at(be, "base");
	bridge b;
	phrase subj = subject_of(x, &c, &b);
	if (!subj.ok || b.negated || !tclass(x, subj.head, SW_CLAIM))
		return;
	if (said_already(x, q, "deny"))
		return;
	nr_statement st;
	speaker_statement(x, q, i, i + 1, "deny", "016", &st);
	st.modality = nr_st__modality(x, &b, subj.s);
	nr_st__span(x, subj.s, subj.e, &st.denied_start, &st.denied_end);
	nr_st__span(x, subj.s, i + 1, &st.content_start, &st.content_end);
	claim_owner(x, &subj, &st.target);
	nr_st__push(x, &st);
}

/* A charge: a party said to do wrong at token i ("lied", "a liar"). */
static void wrongdoing_at(sctx *x, uint32_t i, source q)
{
	bool neg, again;
	uint32_t be = copula_before(x, i, &neg, &again);
	if (again || (be != UINT32_MAX && !predicate_ends(x, i)))
		return;
	cue c = be == UINT32_MAX ? cue_at(i, form_of(x, i)) : cue_at(be, "base");
	bridge b;
	phrase subj = subject_of(x, &c, &b);
	/* "was misled by": the deed done to the subject, not by it. */
	if (be == UINT32_MAX && b.passive)
		return;
	if (!nr_st__party_like(x, &subj) || own_side(x, &subj) || tclass(x, subj.head, SW_CLAIM))
		return;
	if (said_already(x, q, "accuse"))
		return;
	nr_statement st;
	speaker_statement(x, q, i, i + 1, "accuse", "112", &st);
	st.negated = neg || b.negated;
	st.modality = nr_st__modality(x, &b, subj.s);
	nr_st__party_of(x, &subj, &st.target);
	nr_st__span(x, subj.s, nr_st__clause_end(x, subj.s), &st.content_start, &st.content_end);
	nr_st__push(x, &st);
}

/* A past participle by its shape ("sacked", "taken", "shown"). */
static bool participle(sctx *x, uint32_t k)
{
	if (k >= x->sent_end || !tword(x, k) || nr_st__cap(x, k))
		return false;
	size_t n = tlen(x, k);
	const char *w = ttext(x, k);
	return n > 3 && (!strncmp(w + n - 2, "ed", 2) || !strncmp(w + n - 2, "en", 2) ||
			 !strncmp(w + n - 2, "wn", 2));
}

/* A demand: "X should/must [not] VERB", "X ought/needs to VERB". */
static void obligation_at(sctx *x, uint32_t i, source q)
{
	uint32_t v = i + 1;
	if (!tclass(x, i, SW_HEDGE)) {
		/* "ought to", "needs to": the infinitive marker first. */
		if (!tclass(x, v, SW_INFINITIVE))
			return;
		v++;
	}
	for (uint32_t n = 0; n < 3 && v < x->sent_end &&
			     (tclass(x, v, SW_NEGATION) || nr_st__nt(x, v) || nr_st__ly(x, v));
	     n++)
		v++;
	/* "should have known", "should know": what ought to be so, no call
	 * to act; "should be the capital": a status, unless a passive
	 * ("should be sacked"). */
	if (v >= x->sent_end || tclass(x, v, SW_NO_CALL) || !nr_st__bare(x, v) ||
	    tclass(x, v, SW_HEDGE))
		return;
	if (tclass(x, v, SW_BE) && !participle(x, v + 1))
		return;
	cue c = cue_at(i, "base");
	bridge b;
	phrase subj = subject_of(x, &c, &b);
	/* "whether Britain should exit", "if he should resign": a question
	 * put, no call made. */
	if (!nr_st__party_like(x, &subj) || own_side(x, &subj) || nr_st__conditional(x, subj.s))
		return;
	if (said_already(x, q, "demand"))
		return;
	nr_statement st;
	speaker_statement(x, q, i, i + 1, "demand", "100", &st);
	/* The modal is the demand, not a hedge of it; a condition or a
	 * question still is. */
	b.hedged = false;
	st.modality = nr_st__modality(x, &b, subj.s);
	nr_st__party_of(x, &subj, &st.target);
	nr_st__span(x, v, nr_st__clause_end(x, v), &st.content_start, &st.content_end);
	nr_st__push(x, &st);
}

/* The verb of saying of this sentence whose clause holds token i. */
static int said_at(sctx *x, uint32_t i)
{
	for (size_t k = x->nsays; k > 0; k--) {
		const cue *say = &x->says[k - 1];
		uint32_t from = say->tok + say->ntok;
		if (i >= from && i < nr_st__clause_end(x, from))
			return (int)(k - 1);
	}
	return -1;
}

void nr_st__predicates(sctx *x)
{
	for (uint32_t i = x->sent_first; i < x->sent_end && !x->oom; i++) {
		if (!tword(x, i) || x->tmention[i] >= 0 ||
		    !tclass(x, i, SW_REBUT | SW_TRUTH | SW_WRONG | SW_OBLIGE))
			continue;
		source q = { x->tquote[i], -1 };
		if (q.quote < 0 && (q.said = said_at(x, i)) < 0)
			continue;
		if (tclass(x, i, SW_OBLIGE))
			obligation_at(x, i, q);
		else if (tclass(x, i, SW_REBUT | SW_TRUTH)) {
			size_t before = x->nst;
			rebuttal_at(x, i, q);
			if (x->nst == before && tclass(x, i, SW_WRONG))
				wrongdoing_at(x, i, q);
		} else {
			wrongdoing_at(x, i, q);
		}
	}
}
