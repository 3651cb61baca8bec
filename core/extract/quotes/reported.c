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

void nr_quotes__reported_sentence(qctx *q, uint32_t s)
{
	uint32_t f = sent_first(q, s), e = sent_end(q, s);
	if (e - f < 4)
		return;
	uint32_t cend = nr_quotes__content_end(q, f, e);
	for (uint32_t i = f; i < e; i++) {
		if (q->used[i])
			continue;
		cue k;
		if (!cue_at(q, i, &k))
			continue;
		qcand tmp;
		memset(&tmp, 0, sizeof(tmp));
		tmp.subj_s = tmp.subj_e = -1;
		tmp.kind = NR_QUOTE_INDIRECT;
		tmp.cue_s = (int32_t)i;
		tmp.cue_e = (int32_t)(i + k.ntok);
		tmp.lemma = k.lemma;
		tmp.has_frame = true;
		int32_t ss, sse;
		uint32_t from = 0, to = 0;
		if (k.according) {
			if (!nr_quotes__according_np(q, i + 2, e, &ss, &sse))
				continue;
			tmp.subj_s = ss;
			tmp.subj_e = sse;
			if (i == f || (i == f + 1 && tpunct(q, f, ','))) {
				/* "According to X, CLAUSE." */
				uint32_t j = (uint32_t)sse;
				while (j < e && !tpunct(q, j, ','))
					j++;
				if (j + 2 >= cend)
					continue;
				from = j + 1;
				to = cend;
			} else if (i > f && tpunct(q, i - 1, ',')) {
				/* "CLAUSE, according to X." */
				from = f;
				to = i - 1;
			} else {
				continue;
			}
		} else {
			if (!cue_finite(&k))
				continue;
			/* Passive and infinitive uses are not attributions. */
			if (i > f &&
			    (tis(q, i - 1, "to") || tis(q, i - 1, "be") || tis(q, i - 1, "been") ||
			     tis(q, i - 1, "being") || tis(q, i - 1, "is") ||
			     tis(q, i - 1, "was") || tis(q, i - 1, "were") || tis(q, i - 1, "are")))
				continue;
			bool subj = nr_quotes__subject_before(q, f, i, &ss, &sse);
			/* "a Mara Quinn tweet attacking ...": a noun. */
			if (subj && strcmp(k.form, "base") == 0 &&
			    (tis(q, (uint32_t)ss, "a") || tis(q, (uint32_t)ss, "an")))
				continue;
			if (subj && ss > (int32_t)f) {
				/* Subject must open the sentence or a clause. */
				uint32_t b = (uint32_t)ss - 1;
				bool ok = tpunct(q, b, ',') || tis(q, b, "and") ||
					  tis(q, b, "but") || tis(q, b, "that") ||
					  tis(q, b, "while") || tis(q, b, "as") ||
					  tis(q, b, "because") || tis(q, b, "when") ||
					  tis(q, b, "where") || tis(q, b, "after") ||
					  tis(q, b, "before") || tis(q, b, "though") ||
					  tis(q, b, "although") || tis(q, b, "since") ||
					  tis(q, b, "if") || tis(q, b, "so") || tpunct(q, b, ';') ||
					  tpunct(q, b, ':') || tpunct(q, b, '(') ||
					  q->tok[b].kind == NR_TOKEN_QUOTE ||
					  nr_quotes__starter(q, b) ||
					  (tpunct(q, b, '-') ||
					   (q->tok[b].kind == NR_TOKEN_PUNCT &&
					    (unsigned char)ttext(q, b)[0] == 0xE2));
				if (!ok && b > f) {
					/* "Last week, ..." "On Friday Vance said" */
					ok = tclass(q, b, QW_TIME);
				}
				if (!ok)
					subj = false;
			}
			if (subj) {
				tmp.subj_s = ss;
				tmp.subj_e = sse;
				/* "denies U.S. accusations that ...": a noun with a clause. */
				uint32_t c0 = i + k.ntok;
				from = nr_quotes__clause_after(q, c0, cend, &k, false);
				if (!from && strcmp(k.lemma, "deny") == 0) {
					for (uint32_t j = c0; j < c0 + 5 && j < cend; j++)
						if (tis(q, j, "that")) {
							from = c0;
							break;
						}
				}
				bool act = false;
				if (!from && act_verb(&k)) {
					from = act_object(q, c0, cend);
					act = from != 0;
				}
				to = cend;
				if (from)
					to = next_frame(q, from,
							act ? act_end(q, from, cend) : cend);
				if (!from) {
					/* "CLAUSE, X said.": the subject after a comma and
					 * nothing said after the verb. */
					uint32_t c = (uint32_t)ss;
					if (c < f + 5 || !tpunct(q, c - 1, ',') || i - c > 8 ||
					    tclass(q, f, QW_PREPOSITION) ||
					    !frame_ends(q, c0, cend))
						continue;
					from = f;
					to = c - 1;
				}
				/* A later cue in the same sentence with its own subject
				 * ("X said ..., but Y said ...") ends this content. */
			} else if (i > f + 3 && tpunct(q, i - 1, ',') && i + k.ntok < e) {
				/* "CLAUSE, said X." */
				if (!nr_quotes__subject_after(q, i + k.ntok, e, &ss, &sse))
					continue;
				uint32_t rest = (uint32_t)sse;
				while (rest < e && q->tok[rest].kind == NR_TOKEN_PUNCT)
					rest++;
				tmp.subj_s = ss;
				tmp.subj_e = sse;
				from = f;
				to = i - 1;
			} else if (i > f + 3) {
				/* "CLAUSE, X said." */
				uint32_t c = i;
				while (c > f && !tpunct(q, c - 1, ','))
					c--;
				if (c <= f + 2 || i - c > 8)
					continue;
				if (!nr_quotes__subject_before(q, c, i, &ss, &sse) ||
				    (uint32_t)ss != c)
					continue;
				/* Only when the frame ends the sentence. */
				if (!frame_ends(q, i + k.ntok, cend))
					continue;
				tmp.subj_s = ss;
				tmp.subj_e = sse;
				from = f;
				to = c - 1;
			} else {
				continue;
			}
		}
		if (from >= to || to - from < 2)
			continue;
		/* Content already claimed by a quotation: leave it to that one. */
		bool taken = false;
		for (uint32_t j = from; j < to && !taken; j++)
			taken = q->used[j];
		if (taken)
			continue;
		/* Content ends before a comma-led continuation of the frame? No:
		 * PolNeAR keeps the whole clause. */
		qcand *c = nr_quotes__cand_new(q);
		if (!c)
			return;
		*c = tmp;
		c->start = q->tok[from].start;
		c->end = q->tok[to - 1].end;
		c->open_tok = from;
		c->close_tok = to - 1;
		c->sentence = s;
		c->paragraph = q->a->sentences[s].paragraph;
		nr_quotes__mark_used(q, (uint32_t)c->cue_s, (uint32_t)c->cue_e);
		nr_quotes__mark_used(q, (uint32_t)c->subj_s, (uint32_t)c->subj_e);
		nr_quotes__mark_used(q, from, to);
		i = to;
	}
}
