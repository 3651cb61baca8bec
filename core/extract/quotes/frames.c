/*
 * frames.c - pass 2 of the quote extractor: each quoted span is framed by
 * an attribution after it (", said X", ", X said", "― Name", even in the
 * next sentence after "?”"), before it ("X said: “...”", "X continued:"
 * closing the paragraph before), or a speech verb earlier in the sentence
 * (mixed: "X said the U.S. “can't live with us”", "X called the
 * relationship “complicated”"). A quote interrupted by its attribution
 * ("“A,” he said, “B”") is one quote.
 */
#include "extract/quotes/quotes_int.h"

/*
 * An attribution starting with its verb right after the mark: "said X",
 * "according to X". Sets subject and cue; returns the token after the
 * subject, or 0.
 */
static uint32_t frame_verb_first(const qctx *q, uint32_t i, uint32_t se, const cue *k, qcand *c)
{
	int32_t ss, sse;
	bool found = k->according ? nr_quotes__according_np(q, i + 2, se, &ss, &sse)
				  : nr_quotes__subject_after(q, i + k->ntok, se, &ss, &sse);
	if (!found)
		return 0;
	cand_set_subject(c, ss, sse);
	cand_set_cue(c, i, k);
	return (uint32_t)sse;
}

/* A bare verb form at j that is a noun, not the frame's verb: before a
 * role word and a name ("White House press secretary Jon Ericson"), or
 * after a singular "a ..." ("“unhinged” a Mara Quinn tweet"; "put it" is
 * a verb). */
static bool bare_form_is_noun(const qctx *q, uint32_t i, uint32_t j, const cue *k)
{
	if (strcmp(k->form, "base") != 0 || k->ntok != 1)
		return false;
	if ((is_title_word(q, j + 1) || tclass(q, j + 1, QW_ROLE_NOUN)) && tcap(q, j + 2))
		return true;
	uint32_t x = j;
	while (x > i && q->tok[x - 1].kind == NR_TOKEN_WORD && !tclass(q, x - 1, QW_DETERMINER))
		x--;
	return x > i && tarticle(q, x - 1);
}

/* "a narrator in the Okafor ad asks", "an aide at the embassy said": a
 * role and where it is. Where the subject found at ss starts once the
 * role before it is taken in. */
static int32_t role_before_place(const qctx *q, uint32_t i, int32_t ss)
{
	uint32_t p = (uint32_t)ss - 1;
	if ((uint32_t)ss <= i + 1 ||
	    !(tis(q, p, "in") || tis(q, p, "at") || tis(q, p, "for") || tis(q, p, "from")))
		return ss;
	int32_t s0, e0;
	if (nr_quotes__subject_before(q, i, p, &s0, &e0) && (uint32_t)s0 == i &&
	    !tcap(q, (uint32_t)e0 - 1) && group_noun(q, (uint32_t)e0 - 1))
		return s0;
	return ss;
}

/*
 * The subject between the end of the quote (token i) and the verb at j:
 * "she said", "Scott Pruitt, the attorney general of Oklahoma, said",
 * "panel Chairman Rep. Jason Chaffetz said". Sets subject and cue;
 * returns the token after the verb, or 0.
 */
static uint32_t frame_subject_first(const qctx *q, uint32_t i, uint32_t j, const cue *k, qcand *c)
{
	int32_t ss, sse;
	bool near = j <= i + 12;
	if (near && nr_quotes__subject_before(q, i, j, &ss, &sse) && (uint32_t)ss > i + 1 &&
	    tpunct(q, (uint32_t)ss - 1, ',') && c->mixed_ok) {
		/* "“...” for criminal behavior, she said": the words
		 * between belong to the content. */
		cand_set_subject(c, ss, sse);
		cand_set_cue(c, j, k);
		c->tail_end = (uint32_t)ss - 1;
		return j + k->ntok;
	}
	if (tpunct(q, j - 1, ',') && nr_quotes__subject_after(q, i, j, &ss, &sse) &&
	    (uint32_t)ss == i && tpunct(q, (uint32_t)sse, ',')) {
		/* "Scott Pruitt, the attorney general of Oklahoma, one of
		 * the states suing, said". */
		cand_set_subject(c, ss, sse);
		cand_set_cue(c, j, k);
		return j + k->ntok;
	}
	if (!near || !nr_quotes__subject_before(q, i, j, &ss, &sse))
		return 0;
	ss = role_before_place(q, i, ss);
	/* The subject opens the frame, or follows one word that is not a
	 * preposition or determiner ("“...,” as a ministry memo put it"). */
	if (!((uint32_t)ss == i ||
	      ((uint32_t)ss == i + 1 && q->tok[i].kind == NR_TOKEN_WORD &&
	       ((!tclass(q, i, QW_PREPOSITION) && !tclass(q, i, QW_DETERMINER)) ||
		tis(q, i, "as")))))
		return 0;
	cand_set_subject(c, ss, sse);
	cand_set_cue(c, j, k);
	return j + k->ntok;
}

/*
 * An attribution right after a closing mark, in its sentence: "said X",
 * "X said", "X, a senior analyst, said", "he added in an interview".
 * Sets subject and cue; returns the token after the frame, or 0.
 */
static uint32_t frame_after(qctx *q, uint32_t i, uint32_t se, qcand *c)
{
	while (i < se &&
	       (tpunct(q, i, ',') || (q->tok[i].kind == NR_TOKEN_PUNCT && tlen(q, i) > 1 &&
				      (unsigned char)ttext(q, i)[0] == 0xE2)))
		i++;
	if (i >= se)
		return 0;
	cue k;
	if (cue_at(q, i, &k) && (k.according || cue_finite(&k)))
		return frame_verb_first(q, i, se, &k, c);
	/* Subject first: find the cue within the next tokens, allowing an
	 * apposition between commas. */
	uint32_t lim = i + 40 < se ? i + 40 : se;
	for (uint32_t j = i + 1; j < lim; j++) {
		if (q->tok[j].kind == NR_TOKEN_QUOTE)
			break;
		if (!cue_at(q, j, &k) || !cue_finite(&k) || k.according)
			continue;
		if (bare_form_is_noun(q, i, j, &k))
			continue;
		uint32_t end = frame_subject_first(q, i, j, &k, c);
		if (end)
			return end;
	}
	return 0;
}

/* The noun phrase opening the main clause of the sentence starting at
 * s_first, ending before lim and followed by a lower-case word (its
 * verb): "In August, several environmental groups granted ...". */
static bool clause_subject(const qctx *q, uint32_t s_first, uint32_t lim, int32_t *ss, int32_t *se)
{
	uint32_t f = nr_quotes__subject_start(q, q->tsent[s_first]);
	/* After a quotation in the sentence: "“...,” X said, suggesting". */
	for (uint32_t x = lim; x-- > f;)
		if (q->tok[x].kind == NR_TOKEN_QUOTE) {
			f = x + 1;
			while (f < lim && q->tok[f].kind == NR_TOKEN_PUNCT)
				f++;
			break;
		}
	if (f >= lim)
		return false;
	/* "X said as much, arguing ...": the subject of that verb. */
	for (uint32_t j = f + 1; j < lim; j++) {
		cue k;
		if (q->tok[j].kind == NR_TOKEN_QUOTE)
			break;
		if (cue_at(q, j, &k) && cue_finite(&k) && !k.according &&
		    nr_quotes__subject_before(q, f, j, ss, se) &&
		    !(strcmp(k.form, "base") == 0 &&
		      (tis(q, (uint32_t)*ss, "a") || tis(q, (uint32_t)*ss, "an"))))
			return true;
	}
	/* A person named first, not a possessor: "Democratic nominee Ana
	 * Lind, ...", "Lind's campaign manager Jo Marsh". */
	const nr_article *a = q->a;
	for (size_t mi = nr_mentions__from(a, q->tok[f].start);
	     mi < a->nmentions && a->mentions[mi].start < q->tok[lim - 1].end; mi++) {
		const nr_mention *m = &a->mentions[mi];
		uint32_t t = tok_at_byte(q, m->start), after = tok_at_byte(q, m->end);
		if (t > f + 6)
			break;
		if (a->entities[m->entity].type != NR_ENTITY_PERSON || tposs(q, after) ||
		    (t > f && (tclass(q, t - 1, QW_PREPOSITION) || tis(q, t - 1, "of"))))
			continue;
		bool lead = true; /* only its description before it */
		for (uint32_t x = f; x < t && lead; x++)
			lead = nr_quotes__np_word(q, x) || tclass(q, x, QW_DETERMINER);
		if (!lead)
			break;
		*ss = (int32_t)t;
		*se = (int32_t)after;
		return after < lim;
	}
	uint32_t e = f, h = 0;
	if (tclass(q, e, QW_DETERMINER))
		e++;
	/* Modifiers, then a head: a group noun ("several environmental
	 * groups", "The Harbour Council"). */
	for (uint32_t x = e; x < lim && x < f + 6; x++) {
		if (q->tok[x].kind != NR_TOKEN_WORD || tclass(q, x, QW_PREPOSITION) ||
		    tis(q, x, "of") || tposs(q, x))
			break;
		if (group_noun(q, x))
			h = x + 1;
		else if (h || !(tcap(q, x) || nr_quotes__np_word(q, x) || x < e + 3))
			break;
	}
	e = h;
	if (e == 0 || e >= lim || tcap(q, e) || q->tok[e].kind != NR_TOKEN_WORD || tposs(q, e) ||
	    tclass(q, e, QW_PREPOSITION) || tis(q, e, "of") || !nr_quotes__np_ok(q, f, e) ||
	    nr_quotes__starter(q, f))
		return false;
	*ss = (int32_t)f;
	*se = (int32_t)e;
	return true;
}

/* Does the subject starting at ss open the clause a finite cue with a
 * subject of its own reports ("X added the government had pledged")? A
 * pronoun there ("X says he hopes", "the statement noted they had said")
 * is left to speak: it is the same speaker, or the one the reporter
 * means. */
static bool inside_reported_clause(const qctx *q, uint32_t s_first, uint32_t ss)
{
	if (ss <= s_first || tclass(q, ss, QW_SUBJECT_PRONOUN))
		return false;
	uint32_t b = ss - 1;
	if (tis(q, b, "that") && b > s_first)
		b--;
	cue k;
	int32_t a0, a1;
	return cue_at(q, b, &k) && cue_finite(&k) && !k.according &&
	       nr_quotes__subject_before(q, s_first, b, &a0, &a1);
}

/*
 * The speech verb before position `limit` in its sentence with a subject
 * before it (mixed quotes and "X said: “...”"). Scans back from the mark.
 */
static bool frame_before(qctx *q, uint32_t s_first, uint32_t limit, qcand *c, cue *kout,
			 uint32_t *cue_tok)
{
	for (uint32_t j = limit; j-- > s_first;) {
		if (q->used[j])
			return false;
		if (q->tok[j].kind == NR_TOKEN_QUOTE)
			return false;
		cue k;
		if (!cue_at(q, j, &k))
			continue;
		int32_t ss, sse;
		if (k.according) {
			if (nr_quotes__according_np(q, j + 2, limit, &ss, &sse)) {
				c->subj_s = ss;
				c->subj_e = sse;
			}
		} else if (!cue_finite(&k)) {
			/* "Groups granted him an extension, saying his “...”":
			 * the subject of the clause the participle hangs on. */
			if (j == s_first || !tpunct(q, j - 1, ',') ||
			    !clause_subject(q, s_first, j, &ss, &sse))
				continue;
			c->subj_s = ss;
			c->subj_e = sse;
		} else if (!nr_quotes__subject_before(q, s_first, j, &ss, &sse)) {
			/* "I laughed and said, “...”": the subject of the first
			 * verb, when the cue introduces the quotation. */
			if (!(j > s_first + 2 && (tis(q, j - 1, "and") || tis(q, j - 1, "then")) &&
			      (tpunct(q, j + k.ntok, ',') || tpunct(q, j + k.ntok, ':')) &&
			      j + k.ntok + 1 == limit))
				continue;
			uint32_t x = j - 1;
			while (x > s_first && !tclass(q, x - 1, QW_SUBJECT_PRONOUN) &&
			       !(tcap(q, x - 1) && !nr_quotes__starter(q, x - 1)))
				x--;
			if (x <= s_first || !nr_quotes__subject_before(q, s_first, x, &ss, &sse))
				continue;
			c->subj_s = ss;
			c->subj_e = sse;
		} else if (!tpunct(q, limit - 1, ':') &&
			   inside_reported_clause(q, s_first, (uint32_t)ss)) {
			/* "X added the government had pledged “...”": the
			 * frame is the outer one, further back ("X reports Y
			 * told them: “...”" is Y's). */
			continue;
		} else if (k.ntok == 1 && strcmp(k.form, "base") == 0 &&
			   (tis(q, (uint32_t)ss, "a") || tis(q, (uint32_t)ss, "an"))) {
			/* "a court order to ...": a noun. */
			continue;
		} else if (k.ntok == 1 && ttext(q, j)[tlen(q, j) - 1] == 's' &&
			   !tis(q, j, "says") && (uint32_t)ss > s_first &&
			   tis(q, (uint32_t)ss - 1, "of")) {
			/* "rated 32% of Republican claims as “false”": a plural
			 * noun after "of", not a subject and its verb. */
			continue;
		} else {
			c->subj_s = ss;
			c->subj_e = sse;
		}
		c->cue_s = (int32_t)j;
		c->cue_e = (int32_t)(j + k.ntok);
		c->lemma = k.lemma;
		*kout = k;
		*cue_tok = j;
		return true;
	}
	return false;
}

static bool only_frame_punct(const qctx *q, uint32_t s, uint32_t e)
{
	for (uint32_t i = s; i < e; i++)
		if (q->tok[i].kind != NR_TOKEN_PUNCT && q->tok[i].kind != NR_TOKEN_QUOTE)
			return false;
	return true;
}

/* "On July 6, Delgado made the following comment:" closing the paragraph
 * before a quoted one: the person opening its main clause, followed by a
 * verb, introduces the quote. */
static void colon_subject(qctx *q, uint32_t ps, uint32_t colon, qcand *c)
{
	const nr_article *a = q->a;
	uint32_t from = nr_quotes__subject_start(q, ps);
	size_t mi = nr_mentions__from(a, q->tok[from].start);
	for (; mi < a->nmentions && a->mentions[mi].start < q->tok[colon].start; mi++) {
		const nr_mention *m = &a->mentions[mi];
		uint32_t t = tok_at_byte(q, m->start), after = tok_at_byte(q, m->end);
		/* Only numbers, commas, determiners and titles before it. */
		for (uint32_t i = from; i < t; i++)
			if (!(q->tok[i].kind == NR_TOKEN_NUMBER || tpunct(q, i, ',') ||
			      tclass(q, i, QW_DETERMINER) || is_title_word(q, i) ||
			      tpunct(q, i, '-') || tdash_mark(q, i)))
				return;
		if (a->entities[m->entity].type != NR_ENTITY_PERSON || after >= colon ||
		    q->tok[after].kind != NR_TOKEN_WORD || tcap(q, after) || tposs(q, after) ||
		    tclass(q, after, QW_PREPOSITION) || tis(q, after, "of") || tis(q, after, "and"))
			return;
		c->subj_s = (int32_t)t;
		c->subj_e = (int32_t)after;
		c->cue_s = (int32_t)colon - 1;
		c->cue_e = (int32_t)colon;
		c->lemma = NULL;
		c->has_frame = true;
		return;
	}
}

/* A quoted span as tokens, and what its sentences hold around it. */
typedef struct fspan {
	const span *s;
	uint32_t ot, ct;    /* first token of the opening mark, last of the closing one */
	uint32_t s0, s1;    /* sentences of ot and ct */
	uint32_t f0, e1;    /* first token of s0, end of s1 */
	uint32_t nwords;    /* words and numbers of the span */
	bool pre_empty;     /* only punctuation before ot in s0 */
	bool post_empty;    /* only punctuation after ct in s1 */
	uint32_t after;     /* where a frame after the quote starts */
	uint32_t frame_end; /* token after that frame, 0: none */
} fspan;

/* The tokens and sentences of span s; false when it holds no word. */
static bool fspan_init(const qctx *q, const span *s, fspan *fs)
{
	memset(fs, 0, sizeof(*fs));
	fs->s = s;
	fs->ot = q->m[s->open].tok;
	if (s->close == UINT32_MAX) {
		uint32_t ct = tok_at_byte(q, s->end);
		fs->ct = ct > 0 ? ct - 1 : 0;
	} else {
		fs->ct = q->m[s->close].tok + q->m[s->close].ntok - 1;
	}
	fs->s0 = q->tsent[fs->ot];
	fs->s1 = q->tsent[fs->ct];
	fs->f0 = sent_first(q, fs->s0);
	fs->e1 = sent_end(q, fs->s1);
	for (uint32_t i = fs->ot; i <= fs->ct; i++)
		fs->nwords += q->tok[i].kind == NR_TOKEN_WORD || q->tok[i].kind == NR_TOKEN_NUMBER;
	if (fs->nwords == 0)
		return false;
	fs->pre_empty = only_frame_punct(q, fs->f0, fs->ot);
	fs->after = fs->ct + 1;
	fs->post_empty = only_frame_punct(q, fs->after, fs->e1);
	return true;
}

/* The candidate of a span before any frame: a direct quote, marks and all. */
static void cand_of_span(const fspan *fs, qcand *c)
{
	memset(c, 0, sizeof(*c));
	c->subj_s = c->subj_e = c->cue_s = c->cue_e = -1;
	c->start = fs->s->start;
	c->end = fs->s->end;
	c->kind = NR_QUOTE_DIRECT;
	c->single = fs->s->single;
	c->open_tok = fs->ot;
	c->close_tok = fs->ct;
}

static bool next_sentence_same_para(const qctx *q, uint32_t s)
{
	return s + 1 < q->a->nsentences &&
	       q->a->sentences[s + 1].paragraph == q->a->sentences[s].paragraph;
}

/* "“...?” Vitter demanded." split into two sentences after the question
 * mark: a next sentence that is only a frame. */
static void frame_next_sentence(qctx *q, fspan *fs, qcand *c)
{
	uint32_t n0 = sent_first(q, fs->s1 + 1), n1 = sent_end(q, fs->s1 + 1);
	if (n1 - n0 > 12 || tclass(q, n0, QW_SUBJECT_PRONOUN))
		return;
	uint32_t fe = frame_after(q, n0, n1, c);
	if (fe && only_frame_punct(q, fe, n1)) {
		fs->frame_end = fe;
		fs->after = n0;
	} else {
		c->subj_s = c->subj_e = c->cue_s = c->cue_e = -1;
	}
}

/* "“...”― Pamela Padilla": a dash and a name, no verb; the segmenter may
 * have put them in a sentence of their own. */
static void frame_dash_name(const qctx *q, fspan *fs, qcand *c)
{
	uint32_t d = fs->after, de = fs->e1;
	if (fs->post_empty && next_sentence_same_para(q, fs->s1)) {
		d = sent_first(q, fs->s1 + 1);
		de = sent_end(q, fs->s1 + 1);
	}
	if (!(d < de && q->tok[d].kind == NR_TOKEN_PUNCT &&
	      (tpunct(q, d, '-') || tdash_mark(q, d))))
		return;
	int32_t ss, sse;
	if (nr_quotes__subject_after(q, d + 1, de, &ss, &sse) && tcap(q, (uint32_t)ss) &&
	    only_frame_punct(q, (uint32_t)sse, de)) {
		cand_set_subject(c, ss, sse);
		fs->frame_end = (uint32_t)sse;
	}
}

/* An attribution after the quote: in its sentence, in a next sentence
 * that is only a frame, or a dash and a name. Sets fs->frame_end. */
static void frame_following(qctx *q, fspan *fs, qcand *c)
{
	if (!fs->post_empty) {
		c->mixed_ok = fs->pre_empty;
		fs->frame_end = frame_after(q, fs->after, fs->e1, c);
		if (fs->frame_end && c->tail_end > fs->after) {
			c->kind = NR_QUOTE_MIXED;
			c->end = q->tok[c->tail_end - 1].end;
		}
	}
	if (!fs->frame_end && fs->post_empty && next_sentence_same_para(q, fs->s1))
		frame_next_sentence(q, fs, c);
	if (!fs->frame_end)
		frame_dash_name(q, fs, c);
}

/* "“A,” he said, “B.”" and "“A,” he said, but “B”": one quotation
 * interrupted by its attribution. Is span n the second part? */
static bool continues_after_frame(const qctx *q, const fspan *fs, const span *n)
{
	uint32_t nt = q->m[n->open].tok;
	uint32_t j = fs->frame_end, fsent = q->tsent[fs->frame_end - 1];
	while (j < nt &&
	       (q->tok[j].kind == NR_TOKEN_PUNCT || tclass(q, j, QW_TIME) || tis(q, j, "but") ||
		tis(q, j, "and") || tis(q, j, "then") || tis(q, j, "adding")))
		j++;
	if (j < nt && nt - j <= 16 && q->tsent[nt] == fsent &&
	    (tpunct(q, nt - 1, ',') || tpunct(q, nt - 1, ':'))) {
		/* "“A,” Quinn said during a rally in Dover, Del., “B”": a
		 * setting between the two parts, and no other speaker. */
		cue kk;
		uint32_t x = j;
		while (x < nt && !cue_at(q, x, &kk))
			x++;
		if (x == nt)
			j = nt;
	}
	return j == nt && q->tsent[nt] <= fsent && para_of_tok(q, nt) == para_of_tok(q, fs->ct);
}

/* The content runs from token `from` to the end of the sentence (the
 * words said about the quote are part of it). */
static void content_to_sentence_end(qctx *q, const fspan *fs, uint32_t from, qcand *c)
{
	uint32_t to = nr_quotes__content_end(q, fs->f0, fs->e1);
	c->start = q->tok[from].start;
	if (to > fs->ct + 1)
		c->end = q->tok[to - 1].end;
	c->open_tok = from;
	nr_quotes__mark_used(q, fs->f0, fs->e1);
}

/* Does a cue ending at cl introduce the quotation at ot directly ("X
 * said: “...”", "X said on Friday, “...”")? */
static bool cue_introduces_mark(const qctx *q, uint32_t cl, uint32_t ot)
{
	if (only_frame_punct(q, cl, ot))
		return true;
	uint32_t j = cl;
	while (j < ot && (tclass(q, j, QW_TIME) || tpunct(q, j, ',') || tpunct(q, j, ':')))
		j++;
	return j == ot && (tpunct(q, ot - 1, ':') || tpunct(q, ot - 1, ','));
}

/* A mixed quote after a cue ending at cl: "called the relationship
 * “complicated”", "described her as “a disgrace”", "said the U.S. “can't
 * live with us”": what was said about whom runs from the cue on. */
static void mixed_content(qctx *q, const fspan *fs, uint32_t cl, const cue *k, qcand *c)
{
	uint32_t ot = fs->ot;
	uint32_t from = nr_quotes__cue_classes(q, k) & QW_NAMING_VERB
			    ? 0
			    : nr_quotes__clause_after(q, cl, fs->e1, k, false);
	if (!from && ot > cl && ot - cl <= 20 && !tis(q, cl, "on") && !tis(q, cl, "for")) {
		from = cl;
		/* "told one of his protégés on a regular basis that “...”":
		 * the clause starts at "that". */
		for (uint32_t x = ot; x-- > cl;)
			if (tis(q, x, "that")) {
				from = x;
				break;
			}
	}
	c->kind = NR_QUOTE_MIXED;
	if (from && from <= ot)
		content_to_sentence_end(q, fs, from, c);
}

/* "X said: “...”" or "X said the U.S. “can't live with us”": a cue
 * before the mark in its sentence frames the quote. */
static bool frame_preceding(qctx *q, const fspan *fs, qcand *c)
{
	qcand t2 = *c;
	cue k;
	uint32_t cue_tok = 0;
	if (!frame_before(q, fs->f0, fs->ot, &t2, &k, &cue_tok))
		return false;
	uint32_t cl = cue_tok + k.ntok;
	t2.has_frame = true;
	if (cue_introduces_mark(q, cl, fs->ot)) {
		t2.kind = NR_QUOTE_DIRECT;
	} else if (k.according) {
		/* "According to X, the talks “failed”": the clause after
		 * the comma is the content. */
		uint32_t j = cl;
		while (j < fs->ot && !tpunct(q, j, ','))
			j++;
		t2.kind = NR_QUOTE_MIXED;
		content_to_sentence_end(q, fs, j < fs->ot ? j + 1 : fs->ot, &t2);
	} else {
		mixed_content(q, fs, cl, &k, &t2);
	}
	*c = t2;
	return true;
}

/* Is there a finite cue with a subject in the sentence from f0 up to ot?
 * Asked for every quote of the sentence, so the first such cue, or how
 * far there is none, is kept: a long sentence of quotes is walked once. */
static bool framed_before(qctx *q, uint32_t f0, uint32_t ot)
{
	if (q->fb_first != f0) {
		q->fb_first = f0;
		q->fb_scanned = f0;
		q->fb_hit = UINT32_MAX;
	}
	for (uint32_t i = q->fb_scanned; q->fb_hit == UINT32_MAX && i < ot; i++) {
		cue kk;
		int32_t a0, a1;
		if (cue_at(q, i, &kk) && cue_finite(&kk) &&
		    nr_quotes__subject_before(q, f0, i, &a0, &a1))
			q->fb_hit = i;
		q->fb_scanned = i + 1;
	}
	return q->fb_hit < ot;
}

/* "The agency is “a loyal arm,” Okoro said": the sentence up to the mark
 * is part of what was said, unless a frame of its own is in it. */
static void clause_before_mark(qctx *q, const fspan *fs, qcand *c)
{
	c->kind = NR_QUOTE_MIXED;
	if (framed_before(q, fs->f0, fs->ot))
		return;
	c->start = q->tok[fs->f0].start;
	c->open_tok = fs->f0;
}

/* Does the span open a paragraph right after one ending in a colon? */
static bool after_colon_paragraph(const qctx *q, const fspan *fs)
{
	uint32_t f0 = fs->f0;
	return fs->pre_empty && !fs->s->single &&
	       q->a->paragraphs[para_of_tok(q, fs->ot)].start == fs->s->start && f0 > 0 &&
	       tpunct(q, f0 - 1, ':') && q->tsent[f0 - 1] + 1 == fs->s0;
}

/* "Caddell continued:", "Stated Okafor:", "The mayor told them:" closing
 * the paragraph before: its speaker introduces the quote. */
static void frame_colon_paragraph(qctx *q, const fspan *fs, qcand *c)
{
	uint32_t ps = q->tsent[fs->f0 - 1];
	uint32_t pf = sent_first(q, ps), colon = fs->f0 - 1;
	qcand t2 = *c;
	cue k;
	uint32_t ctok = 0;
	int32_t ss, sse;
	if (frame_before(q, pf, colon, &t2, &k, &ctok) && t2.subj_s >= 0 &&
	    only_frame_punct(q, ctok + k.ntok, colon)) {
		*c = t2;
		c->has_frame = true;
	} else if (cue_at(q, pf, &k) && cue_finite(&k) && !k.according &&
		   nr_quotes__subject_after(q, pf + k.ntok, colon, &ss, &sse) &&
		   (uint32_t)sse == colon) {
		/* "Stated Okafor:", "Added the mayor:". */
		cand_set_subject(c, ss, sse);
		cand_set_cue(c, pf, &k);
		c->has_frame = true;
	} else if (colon > pf + 1 && q->tok[colon - 1].kind == NR_TOKEN_WORD &&
		   !tcap(q, colon - 1)) {
		if (nr_quotes__subject_before(q, pf, colon - 1, &ss, &sse) &&
		    (uint32_t)ss <= pf + 1) {
			cand_set_subject(c, ss, sse);
			c->cue_s = (int32_t)colon - 1;
			c->cue_e = (int32_t)colon;
			c->lemma = NULL;
			c->has_frame = true;
		}
	}
	if (!c->has_frame)
		colon_subject(q, ps, colon, c);
}

/* Does the candidate stand as a quotation? Unattributed scare quotes
 * inside a sentence are not speech; a quoted sentence or paragraph is,
 * and may belong to the speaker of the paragraph before. */
static bool cand_stands(const fspan *fs, qcand *c, bool pre_frame, bool post_frame)
{
	if (!c->has_frame) {
		if (!fs->pre_empty || fs->s->single || fs->nwords < 3)
			return false;
		c->unattributed = true;
	} else if (c->kind == NR_QUOTE_MIXED && !pre_frame && !post_frame) {
		return false;
	}
	return !(fs->s->single && c->kind == NR_QUOTE_MIXED && fs->nwords < 2);
}

/* Add the candidate; its quote, frame and second part (next, when the
 * attribution interrupts it) are taken. */
static void add_span_cand(qctx *q, const fspan *fs, const qcand *tmp, const span *next)
{
	qcand *c = nr_quotes__cand_new(q);
	if (!c)
		return;
	*c = *tmp;
	c->sentence = q->tsent[c->open_tok < q->ntok ? c->open_tok : fs->ot];
	c->paragraph = para_of_tok(q, fs->ot);
	nr_quotes__mark_used(q, fs->ot, fs->ct + 1);
	if (c->cue_s >= 0)
		nr_quotes__mark_used(q, (uint32_t)c->cue_s, (uint32_t)c->cue_e);
	if (c->subj_s >= 0)
		nr_quotes__mark_used(q, (uint32_t)c->subj_s, (uint32_t)c->subj_e);
	if (fs->frame_end)
		nr_quotes__mark_used(q, fs->after, fs->frame_end);
	if (next)
		nr_quotes__mark_used(q, q->m[next->open].tok, tok_at_byte(q, next->end));
}

/* "the broadcast of “Fox News Sunday,”", "an interview on “Face the
 * Nation,”": capitalised words in marks after a preposition name a show,
 * a book or a film, and a frame after them ("...,” the senator said the
 * bill was dead") is not theirs. */
static bool quoted_title(const qctx *q, const fspan *fs)
{
	uint32_t p = fs->ot;
	if (fs->pre_empty || p <= fs->f0 || fs->nwords > 8 ||
	    !(tclass(q, p - 1, QW_PREPOSITION) || tis(q, p - 1, "of") || tis(q, p - 1, "on")))
		return false;
	bool cap = false;
	for (uint32_t i = p + 1; i < fs->ct; i++) {
		if (q->tok[i].kind == NR_TOKEN_WORD && !tcap(q, i) &&
		    !nr_lexicon__lookup(q->lex, NR_LEX_FUNCTION_WORDS, ttext(q, i), tlen(q, i)))
			return false;
		cap |= tcap(q, i);
	}
	return cap;
}

size_t nr_quotes__frame_span(qctx *q, const span *sp, size_t nsp, size_t si)
{
	const span *s = &sp[si];
	fspan fs;
	if (!fspan_init(q, s, &fs))
		return 1;
	qcand tmp;
	cand_of_span(&fs, &tmp);
	frame_following(q, &fs, &tmp);
	if (fs.frame_end && quoted_title(q, &fs)) {
		cand_of_span(&fs, &tmp);
		fs.frame_end = 0;
	}
	bool post_frame = fs.frame_end != 0;
	const span *next = NULL;
	if (post_frame && si + 1 < nsp && !s->single && !sp[si + 1].single &&
	    continues_after_frame(q, &fs, &sp[si + 1])) {
		next = &sp[si + 1];
		tmp.end = next->end;
	}
	/* The rest of the sentence after a frame must be trailing matter:
	 * an apposition, a time, "adding", another quote. */
	if (post_frame)
		tmp.has_frame = true;
	bool pre_frame = !fs.pre_empty && !post_frame && frame_preceding(q, &fs, &tmp);
	if (post_frame && !fs.pre_empty)
		clause_before_mark(q, &fs, &tmp);
	if (!tmp.has_frame && after_colon_paragraph(q, &fs))
		frame_colon_paragraph(q, &fs, &tmp);
	if (!cand_stands(&fs, &tmp, pre_frame, post_frame))
		return 1;
	add_span_cand(q, &fs, &tmp, next);
	return next ? 2 : 1;
}
