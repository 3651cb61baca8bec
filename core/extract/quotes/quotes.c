/*
 * quotes.c - quotations and their speakers: the driver.
 *
 * Four passes over the article's tokens, all linear, each in a file of
 * its own (see quotes_int.h): quotation marks are paired into spans
 * (marks.c); each span is framed by an attribution before or after it
 * (frames.c); sentences left over are searched for reported speech
 * (reported.c); paragraphs of a transcript become quotes of the
 * labelled speaker (transcripts.c). The candidates are then sorted,
 * nested ones dropped, continuations merged, and speakers resolved in
 * text order (speakers.c, pronouns.c), so that a pronoun can lean on who
 * spoke just before it. An unattributed quote right after a quote by X,
 * in the same or the next paragraph, is X's.
 *
 * Content spans follow the PolNeAR conventions: a direct quote keeps its
 * marks, reported speech starts after the cue (with "that") and ends
 * before the sentence's final punctuation.
 *
 * Working memory is a few per-token arrays and the candidate list, all
 * malloc'd once per article and freed before returning; the results live
 * in the article's arena. Every look-back is bounded.
 */
#include "extract/quotes/quotes_int.h"

qcand *nr_quotes__cand_new(qctx *q)
{
	if (q->nc == q->capc && !nr__grow((void **)&q->c, &q->capc, sizeof(qcand), 32)) {
		q->oom = true;
		return NULL;
	}
	qcand *c = &q->c[q->nc++];
	memset(c, 0, sizeof(*c));
	c->subj_s = c->subj_e = c->cue_s = c->cue_e = -1;
	return c;
}

void nr_quotes__mark_used(qctx *q, uint32_t s, uint32_t e)
{
	for (uint32_t i = s; i < e && i < q->ntok; i++)
		q->used[i] = 1;
}

static int cand_cmp(const void *x, const void *y)
{
	const qcand *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end > b->end ? -1 : a->end < b->end;
}

/* Drop candidates nested in an earlier one (the list is sorted). */
static void drop_nested(qctx *q)
{
	size_t w = 0;
	for (size_t i = 0; i < q->nc; i++) {
		if (w && q->c[i].start < q->c[w - 1].end && q->c[i].end <= q->c[w - 1].end)
			continue;
		q->c[w++] = q->c[i];
	}
	q->nc = w;
}

/* Merge a quote that continues an attributed one in the same paragraph:
 * "“A,” said X. “B.”" and "“A,” he said, “B.”". */
static void merge_continuations(qctx *q)
{
	size_t w = 0;
	for (size_t i = 0; i < q->nc; i++) {
		qcand *c = &q->c[i];
		if (w && c->unattributed && c->kind == NR_QUOTE_DIRECT) {
			qcand *p = &q->c[w - 1];
			if (p->kind == NR_QUOTE_DIRECT && p->has_frame &&
			    p->paragraph == c->paragraph && p->cue_s > (int32_t)p->close_tok &&
			    c->sentence <= q->tsent[p->cue_s] + 1) {
				p->end = c->end;
				p->close_tok = c->close_tok;
				continue;
			}
		}
		q->c[w++] = *c;
	}
	q->nc = w;
}

/* The speaker of candidate i, the speakers before it in hist: from its
 * own frame; an unattributed quoted paragraph right after one attributed
 * to X is X's, else it may take the subject leading in to it. */
static void speaker_of(qctx *q, size_t i, const resolved *hist, resolved *r)
{
	const qcand *c = &q->c[i];
	nr_quotes__resolve_speaker(q, c, hist, i, r);
	if (c->unattributed && i > 0) {
		const qcand *p = &q->c[i - 1];
		if (hist[i - 1].name && (p->paragraph == c->paragraph ||
					 (p->paragraph + 1 == c->paragraph &&
					  q->a->paragraphs[c->paragraph].start == c->start))) {
			*r = hist[i - 1];
			r->sentence = c->sentence;
		}
	}
	if (c->unattributed && !r->name)
		nr_quotes__lead_in_subject(q, c, i, r);
}

/* The cue's lemma as reported: a one-word cue's own lemma where the
 * lexicons know the form, else the lemma the cue was found with. */
static const char *cue_lemma(const qctx *q, const qcand *c)
{
	char buf[64];
	const char *lem = c->lemma;
	uint32_t t = (uint32_t)c->cue_s;
	if (c->cue_e - c->cue_s == 1 &&
	    nr_lexicon__lemma_into(q->lex, ttext(q, t), tlen(q, t), buf, sizeof buf)) {
		const char *l2 = nr_lexicon__lemma(q->lex, ttext(q, t), tlen(q, t));
		if (l2)
			lem = l2;
	}
	return lem ? lem : "";
}

/* The quotation as the article holds it. */
static void quote_of(const qctx *q, const qcand *c, const resolved *r, nr_quote *o)
{
	o->start = c->start;
	o->end = c->end;
	o->kind = c->kind;
	o->speaker_entity = r->entity;
	o->speaker = r->name;
	if (c->subj_s >= 0) {
		o->speaker_start = q->tok[c->subj_s].start;
		o->speaker_end = q->tok[c->subj_e - 1].end;
	}
	o->cue_lemma = "";
	if (c->cue_s >= 0) {
		o->cue_start = q->tok[c->cue_s].start;
		o->cue_end = q->tok[c->cue_e - 1].end;
		o->cue_lemma = cue_lemma(q, c);
	}
	o->sentence = c->sentence;
}

/* Sort the candidates, drop nested ones, merge continuations, resolve
 * the speakers in text order and hand the quotations to the article. */
static int publish_quotes(qctx *q)
{
	nr_article *a = q->a;
	if (q->nc > 1)
		qsort(q->c, q->nc, sizeof(*q->c), cand_cmp);
	drop_nested(q);
	merge_continuations(q);
	nr_quote *out = q->nc ? nr_arena__calloc(&a->arena, q->nc, sizeof(*out)) : NULL;
	resolved *hist = q->nc ? calloc(q->nc, sizeof(*hist)) : NULL;
	if (q->nc && (!out || !hist)) {
		free(hist);
		return NR_ENOMEM;
	}
	for (size_t i = 0; i < q->nc; i++) {
		resolved r;
		speaker_of(q, i, hist, &r);
		hist[i] = r;
		hist[i].sentence = q->c[i].sentence;
		quote_of(q, &q->c[i], &r, &out[i]);
		/* The lemma is the lexicon's: a copy, as the article may
		 * outlive the lexicons (nr_article_analyze(a, NULL)). */
		const char *lem = out[i].cue_lemma;
		if (*lem && !(out[i].cue_lemma = nr_arena__strndup(&a->arena, lem, strlen(lem)))) {
			free(hist);
			return NR_ENOMEM;
		}
	}
	free(hist);
	a->quotes = out;
	a->nquotes = q->nc;
	return NR_OK;
}

/* The per-token working arrays; false when memory is short (what was
 * allocated is freed by ctx_free()). */
static bool ctx_init(qctx *q, nr_article *a, nr_words *words)
{
	memset(q, 0, sizeof(*q));
	q->a = a;
	q->words = words;
	q->lex = words->lex;
	q->t = a->text;
	q->tok = a->tokens;
	q->ntok = (uint32_t)a->ntokens;
	q->fb_first = UINT32_MAX; /* nothing kept yet */
	q->tsent = malloc(a->ntokens * sizeof(*q->tsent));
	q->used = calloc(a->ntokens, 1);
	q->tflags = calloc(a->ntokens, sizeof(*q->tflags));
	q->cues = malloc(a->ntokens * sizeof(*q->cues));
	q->qw_memo = calloc(QW_MEMO_SLOTS, sizeof(*q->qw_memo));
	if (!q->tsent || !q->used || !q->tflags || !q->cues || !q->qw_memo)
		return false;
	for (size_t s = 0; s < a->nsentences; s++)
		for (size_t i = 0; i < a->sentences[s].ntokens; i++)
			q->tsent[a->sentences[s].first_token + i] = (uint32_t)s;
	return true;
}

static void ctx_free(qctx *q)
{
	free(q->tsent);
	free(q->used);
	free(q->tflags);
	free(q->cues);
	free(q->qw_memo);
	free(q->c);
	free(q->m);
}

/* The four passes, in order; each leaves candidates in q->c. */
/* The passes, each checking the article's deadline once per quote or
 * sentence (nr_article__analyze gives extraction one). */
static int find_candidates(qctx *q)
{
	const nr_deadline *dl = q->a->deadline;
	size_t ns = 0;
	span *sp = nr_quotes__find_spans(q, &ns);
	if (!sp)
		return NR_ENOMEM;
	int rc = NR_OK;
	for (size_t i = 0; i < ns && !q->oom && !rc;)
		if (!(rc = nr_deadline__check(dl)))
			i += nr_quotes__frame_span(q, sp, ns, i);
	free(sp);
	for (uint32_t s = 0; s < q->a->nsentences && !q->oom && !rc; s++)
		if (!(rc = nr_deadline__check(dl)))
			nr_quotes__reported_sentence(q, s);
	if (!q->oom && !rc)
		nr_quotes__transcript_turns(q);
	return q->oom ? NR_ENOMEM : rc;
}

int nr_quotes__run(nr_article *a, const nr_lexicon_set *lex)
{
	if (!a || !lex)
		return NR_EINVAL;
	a->quotes = NULL;
	a->nquotes = 0;
	if (!a->ntokens || !a->nsentences || a->ntokens > UINT32_MAX - 2)
		return NR_OK;
	nr_words own, *words = nr_words__for(a, lex, &own);
	if (!words)
		return NR_ENOMEM;
	qctx q;
	int rc = ctx_init(&q, a, words) ? find_candidates(&q) : NR_ENOMEM;
	if (rc == NR_OK)
		rc = publish_quotes(&q);
	ctx_free(&q);
	if (words == &own)
		nr_words__free(&own);
	return rc;
}
