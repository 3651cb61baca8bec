/*
 * reported.c - pass 3 of the quote extractor: sentences left over are
 * searched for reported speech: "X said (that) ...", "X told reporters
 * ...", "..., X said.", "according to X, ...". Content spans follow the
 * PolNeAR conventions: reported speech starts after the cue (with "that")
 * and ends before the sentence's final punctuation.
 */
#include "extract/quotes/quotes_int.h"

/* Speech acts whose object is what was said: accusing, blaming,
 * denying, urging, threatening, warning, condemning, pledging. */
static bool act_verb(const cue *c)
{
	static const char *const ACTS[] = { "accuse",   "criticize", "deny",   "demand",
					    "threaten", "warn",      "promise" };
	for (size_t k = 0; c->cls && k < NR_ARRAY_LEN(ACTS); k++)
		if (strcmp(c->cls, ACTS[k]) == 0)
			return true;
	return false;
}

/*
 * Content of a speech act with a noun-phrase object ("accused Borduria of
 * arming the rebels", "denied the allegations", "urged the council to
 * act"): everything after the verb, once times are skipped. 0 when
 * nothing that can be an object follows.
 */
static uint32_t act_object(const qctx *q, uint32_t j, uint32_t se)
{
	uint32_t guard = 0;
	while (j < se && guard++ < 4 &&
	       (tclass(q, j, QW_TIME) || (tis(q, j, "on") && tclass(q, j + 1, QW_TIME))))
		j++;
	if (j + 1 >= se || q->tok[j].kind == NR_TOKEN_PUNCT || q->tok[j].kind == NR_TOKEN_QUOTE)
		return 0;
	return j;
}

/*
 * End of a speech act's object: the clause stops at ", and", ", but" or
 * ";" ("accused the mayor of lying, and the mayor's office said ...").
 */
static uint32_t act_end(const qctx *q, uint32_t j, uint32_t se)
{
	for (uint32_t k = j + 1; k < se; k++) {
		if (tpunct(q, k, ';'))
			return k;
		if (tpunct(q, k, ',') && k + 1 < se &&
		    (tis(q, k + 1, "and") || tis(q, k + 1, "but") || tis(q, k + 1, "while") ||
		     tis(q, k + 1, "whereas")))
			return k;
	}
	return se;
}

/* Where reported content starting at `from` ends: before "and Y
 * accused ...", "but Y said ...", "; Y said ...", a second frame with a
 * subject of its own, else at cend. */
static uint32_t next_frame(const qctx *q, uint32_t from, uint32_t cend)
{
	for (uint32_t x = from + 2; x + 2 < cend; x++) {
		if (q->used[x] || q->tok[x].kind == NR_TOKEN_QUOTE)
			return cend;
		/* Cheap tests first: this runs over every reported clause. */
		const char *w = ttext(q, x);
		if (tlen(q, x) == 3 ? !((w[0] | 0x20) == 'a' && tis(q, x, "and")) &&
					  !((w[0] | 0x20) == 'b' && tis(q, x, "but"))
				    : !tpunct(q, x, ';'))
			continue;
		for (uint32_t y = x + 2; y < cend && y <= x + 6; y++) {
			cue k;
			int32_t ss, se;
			/* Names and punctuation are no verbs: spare the lookup. */
			if (q->tok[y].kind != NR_TOKEN_WORD || tcap(q, y))
				continue;
			if (!cue_at(q, y, &k) || !cue_finite(&k) || k.according)
				continue;
			if (nr_quotes__subject_before(q, x + 1, y, &ss, &se) &&
			    (uint32_t)ss == x + 1 && (uint32_t)se == y &&
			    !tclass(q, x + 1, QW_DETERMINER))
				return x > from + 2 && tpunct(q, x - 1, ',') ? x - 1 : x;
			break;
		}
	}
	return cend;
}

/* Does the frame of "CLAUSE, X said" end at r: nothing but a day, an
 * object pronoun, or a comma or preposition leading on ("said Friday",
 * "told reporters", "said in a statement")? */
static bool frame_ends(const qctx *q, uint32_t r, uint32_t cend)
{
	while (r < cend && (tclass(q, r, QW_TIME) || tclass(q, r, QW_OBJECT_PRONOUN)))
		r++;
	return r >= cend || tpunct(q, r, ',') || tclass(q, r, QW_PREPOSITION);
}

/* A sentence searched for reported speech. */
typedef struct rsent {
	uint32_t f, e; /* first token, end */
	uint32_t cend; /* end of its content, before the final stop */
} rsent;

/* "According to X, CLAUSE." or "CLAUSE, according to X.": the clause on
 * the other side of the source. */
static bool according_content(const qctx *q, const rsent *r, uint32_t i, qcand *c, uint32_t *from,
			      uint32_t *to)
{
	int32_t ss, sse;
	if (!nr_quotes__according_np(q, i + 2, r->e, &ss, &sse))
		return false;
	cand_set_subject(c, ss, sse);
	if (i == r->f || (i == r->f + 1 && tpunct(q, r->f, ','))) {
		/* "According to X, CLAUSE." */
		uint32_t j = (uint32_t)sse;
		while (j < r->e && !tpunct(q, j, ','))
			j++;
		if (j + 2 >= r->cend)
			return false;
		*from = j + 1;
		*to = r->cend;
		return true;
	}
	if (i > r->f && tpunct(q, i - 1, ',')) {
		/* "CLAUSE, according to X." */
		*from = r->f;
		*to = i - 1;
		return true;
	}
	return false;
}

/* Passive and infinitive uses ("to say", "was told") are not
 * attributions. */
static bool passive_or_infinitive(const qctx *q, uint32_t f, uint32_t i)
{
	return i > f && (tis(q, i - 1, "to") || tis(q, i - 1, "be") || tis(q, i - 1, "been") ||
			 tis(q, i - 1, "being") || tis(q, i - 1, "is") || tis(q, i - 1, "was") ||
			 tis(q, i - 1, "were") || tis(q, i - 1, "are"));
}

/* Does a subject after token b open the sentence (first token f) or a
 * clause? Subjects elsewhere are objects or inside a phrase. */
static bool opens_clause(const qctx *q, uint32_t f, uint32_t b)
{
	if (tpunct(q, b, ',') || tis(q, b, "and") || tis(q, b, "but") || tis(q, b, "that") ||
	    tis(q, b, "while") || tis(q, b, "as") || tis(q, b, "because") || tis(q, b, "when") ||
	    tis(q, b, "where") || tis(q, b, "after") || tis(q, b, "before") ||
	    tis(q, b, "though") || tis(q, b, "although") || tis(q, b, "since") || tis(q, b, "if") ||
	    tis(q, b, "so") || tpunct(q, b, ';') || tpunct(q, b, ':') || tpunct(q, b, '(') ||
	    q->tok[b].kind == NR_TOKEN_QUOTE || nr_quotes__starter(q, b) || tpunct(q, b, '-') ||
	    tdash_mark(q, b))
		return true;
	/* "Last week, ..." "On Friday Vance said" */
	return b > f && tclass(q, b, QW_TIME);
}

/*
 * What a cue at i, its subject starting at ss, reports: the clause after
 * it ("X said (that) ...", "X denied U.S. accusations that ...", "X
 * accused Y of ..."), up to a second frame; else, when nothing is said
 * after the verb, the clause before the comma ("CLAUSE, X said.").
 */
static bool content_after_subject(const qctx *q, const rsent *r, uint32_t i, const cue *k,
				  uint32_t ss, uint32_t *from, uint32_t *to)
{
	uint32_t c0 = i + k->ntok, cend = r->cend;
	uint32_t fr = nr_quotes__clause_after(q, c0, cend, k, false);
	if (!fr && strcmp(k->lemma, "deny") == 0) {
		/* "denies U.S. accusations that ...": a noun with a clause. */
		for (uint32_t j = c0; j < c0 + 5 && j < cend; j++)
			if (tis(q, j, "that")) {
				fr = c0;
				break;
			}
	}
	bool act = false;
	if (!fr && act_verb(k)) {
		fr = act_object(q, c0, cend);
		act = fr != 0;
	}
	if (fr) {
		/* A later cue in the same sentence with its own subject ("X
		 * said ..., but Y said ...") ends this content. */
		*from = fr;
		*to = next_frame(q, fr, act ? act_end(q, fr, cend) : cend);
		return true;
	}
	if (ss < r->f + 5 || !tpunct(q, ss - 1, ',') || i - ss > 8 ||
	    tclass(q, r->f, QW_PREPOSITION) || !frame_ends(q, c0, cend))
		return false;
	*from = r->f;
	*to = ss - 1;
	return true;
}

/* "CLAUSE, said X.": the subject after the verb. */
static bool clause_then_inverted(const qctx *q, const rsent *r, uint32_t i, const cue *k, qcand *c,
				 uint32_t *from, uint32_t *to)
{
	int32_t ss, sse;
	if (!nr_quotes__subject_after(q, i + k->ntok, r->e, &ss, &sse))
		return false;
	cand_set_subject(c, ss, sse);
	*from = r->f;
	*to = i - 1;
	return true;
}

/* "CLAUSE, X said.": a subject right after the last comma, and only a
 * time or a setting after the verb. */
static bool clause_then_frame(const qctx *q, const rsent *r, uint32_t i, const cue *k, qcand *c,
			      uint32_t *from, uint32_t *to)
{
	uint32_t cm = i;
	while (cm > r->f && i - cm <= 8 && !tpunct(q, cm - 1, ','))
		cm--; /* no further: a long sentence of cues would cost its square */
	if (cm <= r->f + 2 || i - cm > 8)
		return false;
	int32_t ss, sse;
	if (!nr_quotes__subject_before(q, cm, i, &ss, &sse) || (uint32_t)ss != cm)
		return false;
	if (!frame_ends(q, i + k->ntok, r->cend))
		return false;
	cand_set_subject(c, ss, sse);
	*from = r->f;
	*to = cm - 1;
	return true;
}

/* Reported speech framed by a speech verb at i: its subject before it
 * ("X said ..."), or after it at the end of the sentence. */
static bool verb_content(const qctx *q, const rsent *r, uint32_t i, const cue *k, qcand *c,
			 uint32_t *from, uint32_t *to)
{
	/* "a campaign threatened by the party": a participle, not a frame. */
	if (!cue_finite(k) || passive_or_infinitive(q, r->f, i) || tis(q, i + k->ntok, "by"))
		return false;
	int32_t ss, sse;
	bool subj = nr_quotes__subject_before(q, r->f, i, &ss, &sse);
	/* "a Mara Quinn tweet attacking ...": a noun. */
	if (subj && strcmp(k->form, "base") == 0 && tarticle(q, (uint32_t)ss))
		return false;
	if (subj && ss > (int32_t)r->f && !opens_clause(q, r->f, (uint32_t)ss - 1))
		subj = false;
	if (subj) {
		cand_set_subject(c, ss, sse);
		if (content_after_subject(q, r, i, k, (uint32_t)ss, from, to))
			return true;
		/* "Security, stability and growth would lead, said Mr Ode":
		 * what looked like a subject set off by commas was the
		 * clause, and the subject follows the verb. */
		cand_set_subject(c, -1, -1);
		return i > r->f + 3 && tpunct(q, i - 1, ',') &&
		       !(nr_quotes__cue_classes(q, k) & QW_TELL_VERB) &&
		       clause_then_inverted(q, r, i, k, c, from, to) &&
		       (c->subj_e >= (int32_t)r->cend || tpunct(q, (uint32_t)c->subj_e, ','));
	}
	if (i > r->f + 3 && tpunct(q, i - 1, ',') && i + k->ntok < r->e)
		return clause_then_inverted(q, r, i, k, c, from, to);
	if (i > r->f + 3)
		return clause_then_frame(q, r, i, k, c, from, to);
	return false;
}

/* Content already claimed by a quotation is left to that one. */
static bool content_taken(const qctx *q, uint32_t from, uint32_t to)
{
	for (uint32_t j = from; j < to; j++)
		if (q->used[j])
			return true;
	return false;
}

/* Add the reported quotation [from, to) of sentence s; its cue, subject
 * and content are taken. False when memory is short. */
static bool add_reported(qctx *q, uint32_t s, const qcand *tmp, uint32_t from, uint32_t to)
{
	/* The content does not end before a comma-led continuation of the
	 * frame: PolNeAR keeps the whole clause. */
	qcand *c = nr_quotes__cand_new(q);
	if (!c)
		return false;
	*c = *tmp;
	c->start = q->tok[from].start;
	c->end = q->tok[to - 1].end;
	c->open_tok = from;
	c->close_tok = to - 1;
	c->sentence = s;
	c->paragraph = q->a->sentences[s].paragraph;
	nr_quotes__mark_used(q, (uint32_t)c->cue_s, (uint32_t)c->cue_e);
	nr_quotes__mark_used(q, (uint32_t)c->subj_s, (uint32_t)c->subj_e);
	nr_quotes__mark_used(q, from, to);
	return true;
}

void nr_quotes__reported_sentence(qctx *q, uint32_t s)
{
	rsent r = { sent_first(q, s), sent_end(q, s), 0 };
	if (r.e - r.f < 4)
		return;
	r.cend = nr_quotes__content_end(q, r.f, r.e);
	for (uint32_t i = r.f; i < r.e; i++) {
		if (q->used[i])
			continue;
		cue k;
		if (!cue_at(q, i, &k))
			continue;
		qcand tmp;
		memset(&tmp, 0, sizeof(tmp));
		tmp.subj_s = tmp.subj_e = -1;
		tmp.kind = NR_QUOTE_INDIRECT;
		cand_set_cue(&tmp, i, &k);
		tmp.has_frame = true;
		uint32_t from = 0, to = 0;
		bool found = k.according ? according_content(q, &r, i, &tmp, &from, &to)
					 : verb_content(q, &r, i, &k, &tmp, &from, &to);
		if (!found || from >= to || to - from < 2 || content_taken(q, from, to))
			continue;
		if (!add_reported(q, s, &tmp, from, to))
			return;
		i = to;
	}
}
