/*
 * statements.c - statements: who accuses, denies, demands or threatens
 * whom. The driver.
 *
 * Every cue (a cameo_verbs verb, read as a verb) makes one statement. Its
 * act is the verb's, or the one its object selects; its actor is the
 * speaker of the quote the verb attributes, else the subject of the verb
 * (the agent, "by X", of a passive); its target the object, the
 * addressee ("appealed to X"), or the subject of a passive. A statement
 * whose verb sits inside someone's quote is reported by that speaker
 * ("officials said X accused Y"), unless its subject is the speaker's own
 * "we" or "I". Negation, modality and voice come from the words between
 * subject and verb (polarity.c).
 *
 * Working memory is a few per-token arrays, malloc'd once per article and
 * freed before returning; the statements live in the article's arena.
 * Each cue costs a bounded window of tokens and a few binary searches, so
 * the pass is linear in the article's size however its sentences run.
 */
#include "extract/statements/statements_int.h"

#include <strings.h>

/* Tokens to the first mention they overlap, mention by mention (both
 * lists are sorted, and mentions do not overlap): a token inside no
 * mention costs nothing but the fill. */
static void map_mentions(sctx *x)
{
	const nr_article *a = x->a;
	memset(x->tmention, 0xff, x->ntok * sizeof(*x->tmention));
	uint32_t t = 0;
	for (size_t m = 0; m < a->nmentions; m++) {
		const nr_mention *mm = &a->mentions[m];
		while (t < x->ntok && x->tok[t].end <= mm->start)
			t++;
		for (uint32_t k = t; k < x->ntok && x->tok[k].start < mm->end; k++)
			if (x->tmention[k] < 0)
				x->tmention[k] = (int32_t)m;
	}
}

/* First token starting at or after byte b. */
static uint32_t tok_at(const sctx *x, uint32_t b)
{
	return nr_tokens__first_at(x->tok, x->ntok, b);
}

/* Tokens to the quote whose content holds them (the first, when two
 * overlap) and to the quote whose cue they start; each token once. */
static void map_quotes(sctx *x)
{
	const nr_article *a = x->a;
	memset(x->tquote, 0xff, x->ntok * sizeof(*x->tquote));
	memset(x->cue_quote, 0xff, x->ntok * sizeof(*x->cue_quote));
	uint32_t done = 0;
	for (size_t q = 0; q < a->nquotes; q++) {
		const nr_quote *qu = &a->quotes[q];
		uint32_t k = tok_at(x, qu->start);
		if (k < done)
			k = done;
		for (; k < x->ntok && x->tok[k].end <= qu->end; k++)
			x->tquote[k] = (int32_t)q;
		if (k > done)
			done = k;
		if (qu->cue_end > qu->cue_start) {
			uint32_t c = tok_at(x, qu->cue_start);
			if (c < x->ntok && x->cue_quote[c] < 0)
				x->cue_quote[c] = (int32_t)q;
		}
	}
}

static bool st_ctx_init(sctx *x, nr_article *a, nr_words *words)
{
	memset(x, 0, sizeof(*x));
	x->a = a;
	x->words = words;
	x->lex = words->lex;
	x->t = a->text;
	x->tok = a->tokens;
	x->ntok = (uint32_t)a->ntokens;
	x->tmention = malloc(a->ntokens * sizeof(*x->tmention));
	x->tquote = malloc(a->ntokens * sizeof(*x->tquote));
	x->cue_quote = malloc(a->ntokens * sizeof(*x->cue_quote));
	x->ef = calloc(a->nentities + 1, sizeof(*x->ef));
	/* The caches need only their keys cleared. */
	x->rows = malloc(64 * sizeof(*x->rows));
	if (!x->tmention || !x->tquote || !x->cue_quote || !x->ef || !x->rows)
		return false;
	for (size_t i = 0; i < 64; i++)
		x->rows[i].key = NULL;
	map_mentions(x);
	map_quotes(x);
	return true;
}

static void st_ctx_free(sctx *x)
{
	free(x->tmention);
	free(x->tquote);
	free(x->cue_quote);
	free(x->ef);
	free(x->rows);
	free(x->st);
}

/* ------------------------------------------------------------------ */
/* One statement                                                       */

nr_modality nr_st__modality(sctx *x, const bridge *b, uint32_t subj_start)
{
	if (x->sent_question)
		return NR_MODALITY_QUESTION;
	if (b->hedged || nr_st__conditional(x, subj_start))
		return NR_MODALITY_HEDGED;
	return b->future ? NR_MODALITY_FUTURE : NR_MODALITY_ASSERTED;
}

void nr_st__span(const sctx *x, uint32_t s, uint32_t e, uint32_t *bs, uint32_t *be)
{
	if (e > s && e <= x->ntok) {
		*bs = x->tok[s].start;
		*be = x->tok[e - 1].end;
	}
}

/* Where what is said begins after token k: past "of", "for", "that",
 * "to", a comma or a colon. */
static uint32_t content_from(sctx *x, uint32_t k)
{
	if (k < x->sent_end && (tclass(x, k, SW_CONTENT_PREP | SW_INFINITIVE | SW_RELATIVE) ||
				tpunct(x, k, ',') || tpunct(x, k, ':')))
		return k + 1;
	return k;
}

/* Is token k a verb in its bare form ("resign", "be") or a modal
 * ("should", "must"): what a demand asks of someone, not what they did? */
bool nr_st__bare(sctx *x, uint32_t k)
{
	if (k < x->sent_end && tquote_mark(x, k))
		k++; /* that Pyongyang "stop ..." */
	if (k >= x->sent_end || !tword(x, k) || nr_st__cap(x, k))
		return false;
	if (tclass(x, k, SW_HEDGE))
		return true;
	const char *w = ttext(x, k);
	size_t n = tlen(x, k);
	const char *lemma = nr_words__lemma(x->words, k);
	if (lemma)
		return strlen(lemma) == n && !strncmp(lemma, w, n);
	/* A verb no lexicon lists: bare unless it ends as a tense does. */
	return n > 3 && w[n - 1] != 's' && !(w[n - 2] == 'e' && w[n - 1] == 'd') &&
	       !(n > 4 && !strncmp(w + n - 3, "ing", 3));
}

static bool said_subject_ends(sctx *x, uint32_t k);

/* The parts after an active verb: target and content (and what a denial
 * denies). `after` is the token after the cue. */
static void after_active(sctx *x, cue *c, uint32_t after, nr_statement *st)
{
	phrase tgt = { 0, 0, 0, -1, false, false }, obj = tgt;
	/* "demanded on Saturday that": past the time. */
	for (uint32_t n = 0; n < 3 && after < x->sent_end && tclass(x, after, SW_TIME) &&
			     !tclass(x, after, SW_DETERMINER);
	     n++)
		after++;
	uint32_t from = after;
	if (tclass(x, after, SW_TARGET_PREP)) {
		/* "appealed to X", "agreed with X", "hit out at X". */
		phrase p = nr_st__np_after(x, after + 1);
		if (nr_st__party_like(x, &p)) {
			tgt = p;
			from = p.e;
		}
	} else {
		obj = nr_st__np_after(x, after);
	}
	if (!nr_st__choose_row(x, c, &obj)) {
		c->row = NULL;
		return;
	}
	/* A denial's object is what it denies, whoever it names; a charge's
	 * is whom it charges, even "it". */
	bool charge = nr_st__act_is(c, "accuse") || nr_st__act_is(c, "criticize");
	bool pronoun = obj.ok && obj.e == obj.head + 1 && tclass(x, obj.head, SW_PRONOUN);
	/* "suggested Germany saw the EU as": the object is the subject of a
	 * clause, not whom a call is made to ("urged Germany to"). */
	bool call = nr_st__act_is(c, "appeal") || nr_st__act_is(c, "demand");
	if (call && obj.ok && said_subject_ends(x, obj.e) && !nr_st__bare(x, obj.e) &&
	    !tclass(x, obj.e, SW_NEGATION | SW_INFINITIVE))
		obj.ok = false;
	if (obj.ok && !c->objrow && !nr_st__act_is(c, "deny") &&
	    ((charge && pronoun) || nr_st__party_like(x, &obj))) {
		tgt = obj; /* "accused India of", "urged the government to" */
		from = obj.e;
	} else if (obj.ok) {
		/* A thing: "rejected the accusation", "condemned the attack by
		 * rebels". Its owner or author is the target. */
		int32_t own = nr_st__possessor(x, &obj);
		if (own >= 0) {
			tgt.s = tok_at(x, x->a->mentions[own].start);
			for (tgt.e = tgt.s; tgt.e < obj.e && x->tmention[tgt.e] == own; tgt.e++)
				;
			tgt.head = tgt.e - 1;
			tgt.mention = own;
			tgt.ok = tgt.e > tgt.s;
		} else {
			tgt = nr_st__agent_at(x, obj.e, true);
		}
		if (nr_st__act_is(c, "deny"))
			nr_st__span(x, obj.s, obj.e, &st->denied_start, &st->denied_end);
		from = obj.s;
	}
	uint32_t cs = obj.ok && !tgt.ok ? obj.s : content_from(x, from);
	if (!tgt.ok && tclass(x, from, SW_RELATIVE) && !nr_st__act_is(c, "deny") &&
	    !nr_st__act_is(c, "comment")) {
		/* "demanded that Iran release", "urged that it should": who is to
		 * act. ("insisted that he did": no one.) */
		phrase p = nr_st__np_after(x, from + 1);
		if (nr_st__party_like(x, &p) && (charge || nr_st__bare(x, p.e)))
			tgt = p; /* "alleged that the firms were abusing": the accused */
	}
	if (tgt.ok)
		nr_st__party_of(x, &tgt, &st->target);
	nr_st__span(x, cs, nr_st__clause_end(x, cs), &st->content_start, &st->content_end);
	if (nr_st__act_is(c, "deny") && !st->denied_end && tclass(x, from, SW_RELATIVE))
		nr_st__span(x, cs, nr_st__clause_end(x, cs), &st->denied_start, &st->denied_end);
}

/* The parts of a passive: the subject is the target, "by X" the actor. */
static void passive_parts(sctx *x, cue *c, const phrase *subj, nr_statement *st)
{
	uint32_t after = c->next;
	phrase none = { 0, 0, 0, -1, false, false };
	if (!nr_st__choose_row(x, c, &none)) {
		c->row = NULL;
		return;
	}
	phrase agent = nr_st__agent(x, after, false);
	if (agent.ok)
		nr_st__party_of(x, &agent, &st->actor);
	if (subj->ok)
		nr_st__party_of(x, subj, &st->target);
	uint32_t cs = after;
	if (agent.ok && agent.s == after + 1)
		cs = agent.e;
	cs = content_from(x, cs);
	nr_st__span(x, cs, nr_st__clause_end(x, cs), &st->content_start, &st->content_end);
}

/* The actor of an active statement: the quote's speaker, the subject, or
 * the actor of the statement before it in the clause ("and accused"). */
static void actor_of(sctx *x, const phrase *subj, nr_statement *st)
{
	if (subj->share) {
		if (x->nst && x->st[x->nst - 1].sentence == x->sent) {
			st->actor = x->st[x->nst - 1].actor;
			return;
		}
		/* "X quit the party and accused it": the sentence's subject. */
		phrase first = nr_st__first_subject(x);
		nr_st__party_of(x, &first, &st->actor);
		return;
	}
	nr_st__party_of(x, subj, &st->actor);
}

/* Does a verb follow the phrase ending before token k ("said Iran had",
 * "say Iran accused"): was the phrase the subject of what was said? */
static bool said_subject_ends(sctx *x, uint32_t k)
{
	if (k >= x->sent_end || !tword(x, k) || nr_st__cap(x, k))
		return false;
	if (tclass(x, k, SW_BE | SW_BEFORE_VERB | SW_HEDGE | SW_FUTURE | SW_NEGATION))
		return true;
	return nr_words__lemma(x->words, k) != NULL;
}

/* Quotes: the statement a quote's cue makes is the speaker's; one made
 * inside a quote is reported by its speaker, or is the speaker's own
 * when its subject is "we" or "I". */
static void quote_parts(sctx *x, const cue *c, const phrase *subj, nr_statement *st)
{
	int32_t own = x->cue_quote[c->tok], in = x->tquote[c->tok];
	const nr_article *a = x->a;
	if (own >= 0) {
		const nr_quote *q = &a->quotes[own];
		st->quote = own;
		if (st->voice == NR_VOICE_ACTIVE)
			nr_st__party_speaker(x, q, &st->actor);
		/* What follows the verb may be the speaker ("said X") or the
		 * subject of what was said ("said Iran had"): no addressee. But
		 * "accused India of" keeps India, and its own content. */
		nr_party *t = &st->target;
		bool in_content = t->end > t->start && t->start < q->end && t->end > q->start;
		uint32_t next = tok_at(x, t->end);
		/* Kept: "accused India of", "demanded that Iran release", "alleged
		 * that the firms were". Dropped: "said Iran had". */
		bool keep = in_content && strcmp(c->row->cls, "comment") &&
			    (!said_subject_ends(x, next) || nr_st__bare(x, next) ||
			     nr_st__act_is(c, "accuse") || nr_st__act_is(c, "criticize"));
		if ((in_content && !keep) ||
		    (t->end > t->start && t->start < q->speaker_end && t->end > q->speaker_start)) {
			memset(t, 0, sizeof(*t));
			t->entity = -1;
			t->kind = t->country = "";
		}
		/* The quote's content, unless the target was the verb's object
		 * and the content comes after it ("accused India of backing"). */
		if (!keep || tok_at(x, t->start) != c->next) {
			st->content_start = q->start;
			st->content_end = q->end;
		}
		return;
	}
	if (in < 0)
		return;
	st->quote = in;
	const nr_quote *q = &a->quotes[in];
	if (subj->ok && tclass(x, subj->head, SW_FIRST_PERSON) && st->voice == NR_VOICE_ACTIVE)
		nr_st__party_speaker(x, q, &st->actor);
	else
		nr_st__party_speaker(x, q, &st->reported);
}

static bool same_party(const nr_party *a, const nr_party *b)
{
	if (a->entity >= 0 || b->entity >= 0)
		return a->entity == b->entity;
	return a->name && b->name && !strcmp(a->name, b->name);
}

/* The actor of a verb of saying noted in this sentence (a quote's
 * speaker, or the verb's subject), found only when a statement sits in
 * what it says. */
void nr_st__sayer(sctx *x, cue *c, nr_party *out)
{
	int32_t own = x->cue_quote[c->tok];
	if (own >= 0) {
		nr_st__party_speaker(x, &x->a->quotes[own], out);
		return;
	}
	bridge b = nr_st__bridge(x, c);
	phrase subj = nr_st__subject(x, c, &b);
	nr_st__party_of(x, &subj, out);
}

/* "Officials say Iran accused Israel": a statement inside what a verb of
 * saying before it in the sentence reports is reported by whoever says
 * it, when no quote said so already. */
static void reported_by_statement(sctx *x, nr_statement *st)
{
	uint32_t at = x->tok[0].start <= st->cue_start ? st->cue_start : 0;
	for (size_t k = x->nsays; !st->reported.name && k > 0; k--) {
		cue *say = &x->says[k - 1];
		uint32_t from = say->tok + say->ntok, to = nr_st__clause_end(x, from);
		if (from >= x->sent_end || at < x->tok[from].start ||
		    (to > from && at >= x->tok[to - 1].end))
			continue;
		nr_st__sayer(x, say, &st->reported);
	}
	/* "The defence secretary said he would": a pronoun nothing else
	 * resolves is the one who says so. */
	if (!st->actor.name && st->reported.name && st->actor.end > st->actor.start)
		st->actor = st->reported;
	if (same_party(&st->reported, &st->actor)) {
		memset(&st->reported, 0, sizeof(st->reported));
		st->reported.entity = -1;
		st->reported.kind = st->reported.country = "";
	}
}

bool nr_st__push(sctx *x, const nr_statement *st)
{
	if (x->nst == x->capst && !nr__grow((void **)&x->st, &x->capst, sizeof(*x->st), 64)) {
		x->oom = true;
		return false;
	}
	x->st[x->nst++] = *st;
	return true;
}

void nr_st__init(sctx *x, uint32_t cs, uint32_t ce, nr_statement *st)
{
	memset(st, 0, sizeof(*st));
	nr_party *ps[3] = { &st->actor, &st->target, &st->reported };
	for (int i = 0; i < 3; i++) {
		ps[i]->entity = -1;
		ps[i]->kind = ps[i]->country = "";
	}
	st->quote = -1;
	st->sentence = x->sent;
	nr_st__span(x, cs, ce, &st->cue_start, &st->cue_end);
}

/* "denied accusing him": a gerund a denial takes for object is denied. */
static bool denied_before(sctx *x, const cue *c)
{
	if (strcmp(c->form, "ing") || !x->nst)
		return false;
	const nr_statement *p = &x->st[x->nst - 1];
	return p->sentence == x->sent && !strcmp(p->act, "deny") &&
	       p->cue_end <= x->tok[c->tok].start && tok_at(x, p->cue_end) == c->tok;
}

static void statement_at(sctx *x, cue *c)
{
	/* Verbs of saying (CAMEO 010, act "comment") make quotes, not
	 * statements: they are only noted, for what they report. */
	if (c->saying) {
		if (x->nsays == NR_ARRAY_LEN(x->says))
			memmove(x->says, x->says + 1, sizeof(x->says) - sizeof(*x->says));
		else
			x->nsays++;
		x->says[x->nsays - 1] = *c;
		return;
	}
	nr_statement st;
	nr_st__init(x, c->tok, c->tok + c->ntok, &st);
	bridge b = nr_st__bridge(x, c);
	bool passive = b.passive || nr_st__reduced_passive(x, c);
	/* A quote's own cue has its speaker already ("said X", "X said"). */
	phrase subj = { 0, 0, 0, -1, false, false };
	if (passive || x->cue_quote[c->tok] < 0)
		subj = nr_st__subject(x, c, &b);
	st.voice = passive ? NR_VOICE_PASSIVE : NR_VOICE_ACTIVE;
	st.negated = b.negated || denied_before(x, c);
	st.modality = nr_st__modality(x, &b, subj.ok ? subj.s : b.subj_end);
	if (passive) {
		passive_parts(x, c, &subj, &st);
	} else {
		after_active(x, c, c->next, &st);
		if (c->row)
			actor_of(x, &subj, &st);
	}
	if (!c->row)
		return;
	quote_parts(x, c, &subj, &st);
	/* "X accused him": him is not X. */
	if (st.target.entity >= 0 && st.target.entity == st.actor.entity)
		nr_st__party_other(x, &st.target, st.actor.entity);
	reported_by_statement(x, &st);
	st.act = nr_st__intern(x, c->row->cls);
	st.cameo = nr_st__intern(x, c->row->nfields > 3 ? c->row->fields[3] : "");
	nr_st__push(x, &st);
}

static void sentence_statements(sctx *x, uint32_t s)
{
	const nr_sentence *se = &x->a->sentences[s];
	x->sent = s;
	x->sent_first = se->first_token;
	x->sent_end = se->first_token + se->ntokens;
	uint32_t last = x->sent_end;
	while (last > x->sent_first && tquote_mark(x, last - 1))
		last--;
	x->sent_question = last > x->sent_first && tpunct(x, last - 1, '?');
	x->nsays = 0;
	for (uint32_t i = x->sent_first; i < x->sent_end && !x->oom; i++) {
		cue c;
		if (!nr_st__cameo_word(x, i) || !nr_st__may_cue(x, i) || !nr_st__cue_at(x, i, &c))
			continue;
		statement_at(x, &c);
		i = c.next - 1;
	}
	if (!x->oom)
		nr_st__predicates(x);
}

/* The entity that a mention within the party's words names and that
 * bears its name (its name or listed name, up to ASCII case), or -1: a
 * speaker the quote extractor named without its entity. A few mentions
 * at most, found by a binary search. */
static int32_t entity_named(const nr_article *a, const nr_party *p)
{
	size_t m = nr_mentions__from(a, p->start);
	for (size_t k = 0; k < 8 && m + k < a->nmentions; k++) {
		const nr_mention *mm = &a->mentions[m + k];
		if (mm->start >= p->end)
			break;
		if (mm->entity >= a->nentities)
			continue;
		const nr_entity *en = &a->entities[mm->entity];
		if (!strcasecmp(en->name, p->name) ||
		    (en->canonical && !strcasecmp(en->canonical, p->name)))
			return (int32_t)mm->entity;
	}
	return -1;
}

/* A party's identity as it acts: its entity's (a capital acting stands
 * for its country), or the entity's its name and words are ("The
 * European Union" for a speaker named "European Union"); none for a
 * group as written. */
static void identify_party(const nr_article *a, nr_party *p)
{
	p->id = "";
	p->canonical = p->name;
	int32_t e = p->entity;
	if ((e < 0 || (size_t)e >= a->nentities) && p->name && p->end > p->start)
		e = entity_named(a, p);
	if (e < 0 || (size_t)e >= a->nentities)
		return;
	const nr_entity *en = &a->entities[e];
	p->id = en->act_id;
	p->canonical = en->act_canonical;
}

/* Hand the statements to the article, and to each quote its own. */
static int publish(sctx *x)
{
	nr_article *a = x->a;
	nr_statement *out = x->nst ? nr_arena__alloc(&a->arena, x->nst * sizeof(*out)) : NULL;
	int32_t *qs = a->nquotes ? nr_arena__alloc(&a->arena, a->nquotes * sizeof(*qs)) : NULL;
	if ((x->nst && !out) || (a->nquotes && !qs))
		return NR_ENOMEM;
	if (x->nst)
		memcpy(out, x->st, x->nst * sizeof(*out));
	for (size_t i = 0; i < x->nst; i++) {
		identify_party(a, &out[i].actor);
		identify_party(a, &out[i].target);
		identify_party(a, &out[i].reported);
	}
	for (size_t q = 0; q < a->nquotes; q++)
		qs[q] = -1;
	for (size_t i = 0; i < x->nst; i++) {
		int32_t q = out[i].quote;
		if (q >= 0 && x->cue_quote[tok_at(x, out[i].cue_start)] == q && qs[q] < 0)
			qs[q] = (int32_t)i;
	}
	a->statements = out;
	a->nstatements = x->nst;
	a->quote_statement = qs;
	return NR_OK;
}

int nr_statements__run(nr_article *a, const nr_lexicon_set *lex)
{
	if (!a || !lex)
		return NR_EINVAL;
	a->statements = NULL;
	a->nstatements = 0;
	a->quote_statement = NULL;
	if (!a->ntokens || !a->nsentences || a->ntokens > UINT32_MAX - 2)
		return NR_OK;
	nr_words own, *words = nr_words__for(a, lex, &own);
	if (!words)
		return NR_ENOMEM;
	sctx x;
	int rc = NR_ENOMEM;
	if (st_ctx_init(&x, a, words)) {
		/* The article's deadline, once per sentence (as the other
		 * passes): nothing is published when it passes. */
		int late = NR_OK;
		for (uint32_t s = 0; s < a->nsentences && !x.oom && !late; s++)
			if (!(late = nr_deadline__check(a->deadline)))
				sentence_statements(&x, s);
		rc = late ? late : x.oom ? NR_ENOMEM : publish(&x);
	}
	st_ctx_free(&x);
	if (words == &own)
		nr_words__free(&own);
	return rc;
}
