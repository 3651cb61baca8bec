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
	int32_t ss, sse;
	if (cue_at(q, i, &k) && cue_finite(&k) && !k.according) {
		if (nr_quotes__subject_after(q, i + k.ntok, se, &ss, &sse)) {
			c->subj_s = ss;
			c->subj_e = sse;
			c->cue_s = (int32_t)i;
			c->cue_e = (int32_t)(i + k.ntok);
			c->lemma = k.lemma;
			return (uint32_t)sse;
		}
		return 0;
	}
	if (cue_at(q, i, &k) && k.according) {
		if (nr_quotes__according_np(q, i + 2, se, &ss, &sse)) {
			c->subj_s = ss;
			c->subj_e = sse;
			c->cue_s = (int32_t)i;
			c->cue_e = (int32_t)(i + 2);
			c->lemma = k.lemma;
			return (uint32_t)sse;
		}
		return 0;
	}
	/* Subject first: find the cue within the next tokens, allowing an
	 * apposition between commas. */
	uint32_t lim = i + 40 < se ? i + 40 : se;
	for (uint32_t j = i + 1; j < lim; j++) {
		if (q->tok[j].kind == NR_TOKEN_QUOTE)
			break;
		if (!cue_at(q, j, &k) || !cue_finite(&k) || k.according)
			continue;
		/* "White House press secretary Jon Ericson": a bare verb form
		 * before a role word modifies it. */
		if (strcmp(k.form, "base") == 0 && k.ntok == 1 &&
		    (is_title_word(q, j + 1) || tclass(q, j + 1, QW_ROLE_NOUN)) && tcap(q, j + 2))
			continue;
		/* "“unhinged” a Mara Quinn tweet": a bare verb form after a
		 * singular "a ..." is a noun, not a clause ("put it" is not). */
		if (strcmp(k.form, "base") == 0 && k.ntok == 1) {
			uint32_t x = j;
			while (x > i && q->tok[x - 1].kind == NR_TOKEN_WORD &&
			       !tclass(q, x - 1, QW_DETERMINER))
				x--;
			if (x > i && (tis(q, x - 1, "a") || tis(q, x - 1, "an")))
				continue;
		}
		bool near = j <= i + 12;
		if (near && nr_quotes__subject_before(q, i, j, &ss, &sse) && (uint32_t)ss > i + 1 &&
		    tpunct(q, (uint32_t)ss - 1, ',') && c->mixed_ok) {
			/* "“...” for criminal behavior, she said": the words
			 * between belong to the content. */
			c->subj_s = ss;
			c->subj_e = sse;
			c->cue_s = (int32_t)j;
			c->cue_e = (int32_t)(j + k.ntok);
			c->lemma = k.lemma;
			c->tail_end = (uint32_t)ss - 1;
			return j + k.ntok;
		}
		if (tpunct(q, j - 1, ',') && nr_quotes__subject_after(q, i, j, &ss, &sse) &&
		    (uint32_t)ss == i && tpunct(q, (uint32_t)sse, ',')) {
			/* "Scott Pruitt, the attorney general of Oklahoma, one of
			 * the states suing, said". */
			c->subj_s = ss;
			c->subj_e = sse;
			c->cue_s = (int32_t)j;
			c->cue_e = (int32_t)(j + k.ntok);
			c->lemma = k.lemma;
			return j + k.ntok;
		}
		bool subj = near && nr_quotes__subject_before(q, i, j, &ss, &sse);
		if (subj && (uint32_t)ss > i + 1 &&
		    (tis(q, (uint32_t)ss - 1, "in") || tis(q, (uint32_t)ss - 1, "at") ||
		     tis(q, (uint32_t)ss - 1, "for") || tis(q, (uint32_t)ss - 1, "from"))) {
			/* "a narrator in the Okafor ad asks", "an aide at the
			 * embassy said": a role and where it is. */
			int32_t s0, e0;
			if (nr_quotes__subject_before(q, i, (uint32_t)ss - 1, &s0, &e0) &&
			    (uint32_t)s0 == i && !tcap(q, (uint32_t)e0 - 1) &&
			    group_noun(q, (uint32_t)e0 - 1))
				ss = s0;
		}
		if (subj && ((uint32_t)ss == i ||
			     ((uint32_t)ss == i + 1 && q->tok[i].kind == NR_TOKEN_WORD &&
			      ((!tclass(q, i, QW_PREPOSITION) && !tclass(q, i, QW_DETERMINER)) ||
			       /* "“...,” as a ministry memo put it" */
			       tis(q, i, "as"))))) {
			/* "panel Chairman Rep. Jason Chaffetz said". */
			c->subj_s = ss;
			c->subj_e = sse;
			c->cue_s = (int32_t)j;
			c->cue_e = (int32_t)(j + k.ntok);
			c->lemma = k.lemma;
			return j + k.ntok;
		}
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
			      tpunct(q, i, '-') ||
			      (q->tok[i].kind == NR_TOKEN_PUNCT &&
			       (unsigned char)ttext(q, i)[0] == 0xE2)))
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

size_t nr_quotes__frame_span(qctx *q, const span *sp, size_t nsp, size_t si)
{
	const span *s = &sp[si];
	uint32_t ot = q->m[s->open].tok;
	uint32_t ct = s->close == UINT32_MAX ? 0 : q->m[s->close].tok + q->m[s->close].ntok - 1;
	uint32_t end_byte = s->end;
	if (s->close == UINT32_MAX) {
		ct = tok_at_byte(q, end_byte);
		ct = ct > 0 ? ct - 1 : 0;
	}
	uint32_t s0 = q->tsent[ot], s1 = q->tsent[ct];
	uint32_t f0 = sent_first(q, s0), e1 = sent_end(q, s1);
	uint32_t nwords = 0;
	for (uint32_t i = ot; i <= ct; i++)
		nwords += q->tok[i].kind == NR_TOKEN_WORD || q->tok[i].kind == NR_TOKEN_NUMBER;
	if (nwords == 0)
		return 1;

	qcand tmp;
	memset(&tmp, 0, sizeof(tmp));
	tmp.subj_s = tmp.subj_e = tmp.cue_s = tmp.cue_e = -1;
	tmp.start = s->start;
	tmp.end = end_byte;
	tmp.kind = NR_QUOTE_DIRECT;
	tmp.single = s->single;
	tmp.open_tok = ot;
	tmp.close_tok = ct;

	/* Text before the mark in its sentence. */
	bool pre_empty = only_frame_punct(q, f0, ot);
	uint32_t after = ct + 1;
	bool post_empty = only_frame_punct(q, after, e1);
	uint32_t frame_end = 0;
	if (!post_empty) {
		tmp.mixed_ok = pre_empty;
		frame_end = frame_after(q, after, e1, &tmp);
		if (frame_end && tmp.tail_end > after) {
			tmp.kind = NR_QUOTE_MIXED;
			tmp.end = q->tok[tmp.tail_end - 1].end;
		}
	}
	if (!frame_end && post_empty && s1 + 1 < q->a->nsentences &&
	    q->a->sentences[s1 + 1].paragraph == q->a->sentences[s1].paragraph) {
		/* "“...?” Vitter demanded." split into two sentences after the
		 * question mark: a next sentence that is only a frame. */
		uint32_t n0 = sent_first(q, s1 + 1), n1 = sent_end(q, s1 + 1);
		if (n1 - n0 <= 12 && !tclass(q, n0, QW_SUBJECT_PRONOUN)) {
			uint32_t fe = frame_after(q, n0, n1, &tmp);
			if (fe && only_frame_punct(q, fe, n1))
				frame_end = fe, after = n0;
			else
				tmp.subj_s = tmp.subj_e = tmp.cue_s = tmp.cue_e = -1;
		}
	}
	if (!frame_end) {
		/* "“...”― Pamela Padilla": a dash and a name, no verb; the
		 * segmenter may have put them in a sentence of their own. */
		uint32_t d = after, de = e1;
		if (post_empty && s1 + 1 < q->a->nsentences &&
		    q->a->sentences[s1 + 1].paragraph == q->a->sentences[s1].paragraph) {
			d = sent_first(q, s1 + 1);
			de = sent_end(q, s1 + 1);
		}
		if (d < de && q->tok[d].kind == NR_TOKEN_PUNCT &&
		    (tpunct(q, d, '-') || (unsigned char)ttext(q, d)[0] == 0xE2)) {
			int32_t ss, sse;
			if (nr_quotes__subject_after(q, d + 1, de, &ss, &sse) &&
			    tcap(q, (uint32_t)ss) && only_frame_punct(q, (uint32_t)sse, de)) {
				tmp.subj_s = ss;
				tmp.subj_e = sse;
				frame_end = (uint32_t)sse;
			}
		}
	}
	bool post_frame = frame_end != 0;
	size_t consumed = 1;
	if (post_frame && si + 1 < nsp && !s->single && !sp[si + 1].single) {
		/* "“A,” he said, “B.”" and "“A,” he said, but “B”": one
		 * quotation interrupted by its attribution. */
		const span *n = &sp[si + 1];
		uint32_t nt = q->m[n->open].tok;
		uint32_t j = frame_end;
		while (j < nt && (q->tok[j].kind == NR_TOKEN_PUNCT || tclass(q, j, QW_TIME) ||
				  tis(q, j, "but") || tis(q, j, "and") || tis(q, j, "then") ||
				  tis(q, j, "adding")))
			j++;
		if (j < nt && nt - j <= 16 && q->tsent[nt] == q->tsent[frame_end - 1] &&
		    (tpunct(q, nt - 1, ',') || tpunct(q, nt - 1, ':'))) {
			/* "“A,” Quinn said during a rally in Dover, Del.,
			 * “B”": a setting between the two parts, and no other
			 * speaker. */
			cue kk;
			uint32_t x = j;
			while (x < nt && !cue_at(q, x, &kk))
				x++;
			if (x == nt)
				j = nt;
		}
		if (j == nt && q->tsent[nt] <= q->tsent[frame_end - 1] + 0 &&
		    para_of_tok(q, nt) == para_of_tok(q, ct)) {
			tmp.end = n->end;
			consumed = 2;
		}
	}
	if (post_frame) {
		/* The rest of the sentence must be trailing matter: an
		 * apposition, a time, "adding", another quote. */
		tmp.has_frame = true;
	}
	cue k;
	uint32_t cue_tok = 0;
	bool pre_frame = false;
	if (!pre_empty && !post_frame) {
		qcand t2 = tmp;
		if (frame_before(q, f0, ot, &t2, &k, &cue_tok)) {
			/* "X said: “...”" or "X said the U.S. “can't live with us”". */
			uint32_t cl = cue_tok + k.ntok;
			bool direct = only_frame_punct(q, cl, ot);
			if (!direct) {
				/* Time words only between cue and mark still make it direct. */
				uint32_t j = cl;
				while (j < ot && (tclass(q, j, QW_TIME) || tpunct(q, j, ',') ||
						  tpunct(q, j, ':')))
					j++;
				direct = j == ot &&
					 (tpunct(q, ot - 1, ':') || tpunct(q, ot - 1, ','));
			}
			t2.has_frame = true;
			if (direct) {
				t2.kind = NR_QUOTE_DIRECT;
			} else if (k.according) {
				/* "According to X, the talks “failed”": the clause after
				 * the comma is the content. */
				uint32_t j = cl;
				while (j < ot && !tpunct(q, j, ','))
					j++;
				uint32_t from = j < ot ? j + 1 : ot;
				uint32_t to = nr_quotes__content_end(q, f0, e1);
				t2.kind = NR_QUOTE_MIXED;
				t2.start = q->tok[from].start;
				if (to > ct + 1)
					t2.end = q->tok[to - 1].end;
				t2.open_tok = from;
				nr_quotes__mark_used(q, f0, e1);
			} else {
				uint32_t from = k.classes & QW_NAMING_VERB
						    ? 0
						    : nr_quotes__clause_after(q, cl, e1, &k, false);
				/* "called the relationship “complicated”", "described
				 * her as “a disgrace”": what was said about whom runs
				 * from the cue on. */
				if (!from && ot > cl && ot - cl <= 20 && !tis(q, cl, "on") &&
				    !tis(q, cl, "for")) {
					from = cl;
					/* "told one of his protégés on a regular basis
					 * that “...”": the clause starts at "that". */
					for (uint32_t x = ot; x-- > cl;)
						if (tis(q, x, "that")) {
							from = x;
							break;
						}
				}
				t2.kind = NR_QUOTE_MIXED;
				if (from && from <= ot) {
					uint32_t to = nr_quotes__content_end(q, f0, e1);
					t2.start = q->tok[from].start;
					if (to > ct + 1)
						t2.end = q->tok[to - 1].end;
					t2.open_tok = from;
					nr_quotes__mark_used(q, f0, e1);
				}
			}
			tmp = t2;
			pre_frame = true;
		}
	}
	if (post_frame && !pre_empty) {
		/* "The agency is “a loyal arm,” Okoro said": the sentence up to
		 * the mark is part of what was said. */
		tmp.kind = NR_QUOTE_MIXED;
		bool clause_like = true;
		for (uint32_t i = f0; i < ot; i++) {
			cue kk;
			int32_t a0, a1;
			if (cue_at(q, i, &kk) && cue_finite(&kk) &&
			    nr_quotes__subject_before(q, f0, i, &a0, &a1)) {
				clause_like = false;
				break;
			}
		}
		if (clause_like) {
			tmp.start = q->tok[f0].start;
			tmp.open_tok = f0;
		}
	}
	if (!tmp.has_frame && pre_empty && !s->single && f0 == sent_first(q, s0) &&
	    q->a->paragraphs[para_of_tok(q, ot)].start == s->start && f0 > 0 &&
	    tpunct(q, f0 - 1, ':') && q->tsent[f0 - 1] + 1 == s0) {
		/* "Caddell continued:" closing the paragraph before. */
		uint32_t ps = q->tsent[f0 - 1];
		uint32_t pf = sent_first(q, ps), colon = f0 - 1;
		qcand t2 = tmp;
		uint32_t ctok = 0;
		int32_t is, ise;
		if (frame_before(q, pf, colon, &t2, &k, &ctok) && t2.subj_s >= 0 &&
		    only_frame_punct(q, ctok + k.ntok, colon)) {
			tmp = t2;
			tmp.has_frame = true;
		} else if (cue_at(q, pf, &k) && cue_finite(&k) && !k.according &&
			   nr_quotes__subject_after(q, pf + k.ntok, colon, &is, &ise) &&
			   (uint32_t)ise == colon) {
			/* "Stated Okafor:", "Added the mayor:". */
			tmp.subj_s = is;
			tmp.subj_e = ise;
			tmp.cue_s = (int32_t)pf;
			tmp.cue_e = (int32_t)(pf + k.ntok);
			tmp.lemma = k.lemma;
			tmp.has_frame = true;
		} else if (colon > pf + 1 && q->tok[colon - 1].kind == NR_TOKEN_WORD &&
			   !tcap(q, colon - 1)) {
			int32_t ss, sse;
			if (nr_quotes__subject_before(q, pf, colon - 1, &ss, &sse) &&
			    (uint32_t)ss <= pf + 1) {
				tmp.subj_s = ss;
				tmp.subj_e = sse;
				tmp.cue_s = (int32_t)colon - 1;
				tmp.cue_e = (int32_t)colon;
				tmp.lemma = NULL;
				tmp.has_frame = true;
			}
		}
		if (!tmp.has_frame)
			colon_subject(q, ps, colon, &tmp);
	}
	if (!tmp.has_frame) {
		/* Unattributed. Scare quotes inside a sentence are not speech;
		 * a quoted sentence or paragraph is, and may belong to the
		 * speaker of the paragraph before. */
		if (!pre_empty || s->single)
			return 1;
		if (nwords < 3)
			return 1;
		tmp.unattributed = true;
	} else if (tmp.kind == NR_QUOTE_MIXED && !pre_frame && !post_frame) {
		return 1;
	}
	if (s->single && tmp.kind == NR_QUOTE_MIXED && nwords < 2)
		return 1;
	qcand *c = nr_quotes__cand_new(q);
	if (!c)
		return consumed;
	*c = tmp;
	c->sentence = q->tsent[c->open_tok < q->ntok ? c->open_tok : ot];
	c->paragraph = para_of_tok(q, ot);
	nr_quotes__mark_used(q, ot, ct + 1);
	if (c->cue_s >= 0)
		nr_quotes__mark_used(q, (uint32_t)c->cue_s, (uint32_t)c->cue_e);
	if (c->subj_s >= 0)
		nr_quotes__mark_used(q, (uint32_t)c->subj_s, (uint32_t)c->subj_e);
	if (post_frame)
		nr_quotes__mark_used(q, after, frame_end);
	if (consumed == 2) {
		const span *n = &sp[si + 1];
		nr_quotes__mark_used(q, q->m[n->open].tok, tok_at_byte(q, n->end));
	}
	return consumed;
}
