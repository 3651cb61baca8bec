/*
 * transcripts.c - pass 4 of the quote extractor: paragraphs of a
 * transcript ("HOLT: ...", "“MARA HOLT: ...") are direct quotes of the
 * labelled speaker and replace whatever the passes before found inside
 * them. A label counts when it names a person of the article or recurs
 * among two speakers or more, so that "UPDATE:" or "BYLINE:" does not.
 */
#include "extract/quotes/quotes_int.h"

/* A word written all in capitals, two letters at least ("HOLT",
 * "O'NEILL"), not one initial ("Q", "A"). */
static bool tcaps_word(const qctx *q, uint32_t i)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD)
		return false;
	const char *w = ttext(q, i);
	size_t n = tlen(q, i), k = 0;
	unsigned letters = 0;
	while (k < n) {
		uint32_t cp;
		k += nr_utf8__decode(w + k, n - k, &cp);
		if (nr_uc__is_upper(cp))
			letters++;
		else if (cp != '-' && cp != '\'' && cp != 0x2019)
			return false;
	}
	return letters >= 2;
}

/* The label of a paragraph opening "NAME: ..." or "“JOHN SMITH: ...",
 * tokens [*ls, *le); the content starts at *cs. */
static bool turn_label(const qctx *q, uint32_t first, uint32_t end, uint32_t *ls, uint32_t *le,
		       uint32_t *cs)
{
	uint32_t i = first;
	/* An opening mark before the label: transcripts quoted whole. */
	while (i < end && i < first + 2 && q->tok[i].kind == NR_TOKEN_QUOTE)
		i++;
	uint32_t s = i;
	while (i < end && i < s + 3 && tcaps_word(q, i))
		i++;
	if (i == s || !tpunct(q, i, ':') || i + 1 >= end)
		return false;
	*ls = s;
	*le = i;
	*cs = i + 1;
	return true;
}

static bool same_word_ci(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && strncasecmp(a, b, an) == 0;
}

/* Person entity whose name ends with the label's last word, the most
 * mentioned one when several do ("PETROV"), or -1. */
static int32_t turn_entity(const qctx *q, uint32_t last)
{
	const nr_article *a = q->a;
	int32_t best = -1;
	for (size_t k = 0; k < a->nentities; k++) {
		const nr_entity *en = &a->entities[k];
		if (en->type != NR_ENTITY_PERSON || !en->name)
			continue;
		const char *sp = strrchr(en->name, ' ');
		const char *lw = sp ? sp + 1 : en->name;
		if (!same_word_ci(lw, strlen(lw), ttext(q, last), tlen(q, last)))
			continue;
		if (best < 0 || en->nmentions > a->entities[best].nmentions)
			best = (int32_t)k;
	}
	return best;
}

/* A paragraph that opens with a turn label. */
typedef struct turn {
	uint32_t s, e;     /* label tokens */
	uint32_t cs;       /* first token of what was said */
	uint32_t pend;     /* end of the paragraph (token) */
	uint32_t sentence; /* first sentence of the paragraph */
	uint32_t para;
} turn;

/* Bounded: label counting is quadratic in the turns, so a longer
 * transcript keeps its first MAXT turns as turns. */
enum { MAXT = 512 };

/* The paragraphs that open with a label, up to MAXT of them. */
static size_t collect_turns(const qctx *q, turn *tv)
{
	const nr_article *a = q->a;
	size_t nt = 0;
	for (uint32_t s = 0; s < a->nsentences && nt < MAXT; s++) {
		if (s > 0 && a->sentences[s - 1].paragraph == a->sentences[s].paragraph)
			continue;
		uint32_t pe = s;
		while (pe + 1 < a->nsentences &&
		       a->sentences[pe + 1].paragraph == a->sentences[s].paragraph)
			pe++;
		turn t;
		if (!turn_label(q, sent_first(q, s), sent_end(q, pe), &t.s, &t.e, &t.cs))
			continue;
		t.pend = sent_end(q, pe);
		t.sentence = s;
		t.para = a->sentences[s].paragraph;
		tv[nt++] = t;
	}
	return nt;
}

/* Do the labels of turns i and j end with the same word? */
static bool same_last_word(const qctx *q, const turn *ti, const turn *tj)
{
	return same_word_ci(ttext(q, tj->e - 1), tlen(q, tj->e - 1), ttext(q, ti->e - 1),
			    tlen(q, ti->e - 1));
}

/* How many speakers the labels name: their distinct last words. */
static size_t distinct_labels(const qctx *q, const turn *tv, size_t nt)
{
	size_t ndistinct = 0;
	for (size_t i = 0; i < nt; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = same_last_word(q, &tv[i], &tv[j]);
		ndistinct += !seen;
	}
	return ndistinct;
}

/* Turn t becomes a direct quote of its label. Whatever overlaps the
 * paragraph is dropped: quotes inside the turn are the speaker's words,
 * marks around it are not a quotation. False when memory is short. */
static bool add_turn(qctx *q, const turn *t)
{
	uint32_t ps = q->tok[sent_first(q, t->sentence)].start;
	uint32_t pend = q->tok[t->pend - 1].end;
	size_t w = 0;
	for (size_t k = 0; k < q->nc; k++)
		if (!(q->c[k].start < pend && q->c[k].end > ps))
			q->c[w++] = q->c[k];
	q->nc = w;
	qcand *c = nr_quotes__cand_new(q);
	if (!c)
		return false;
	c->kind = NR_QUOTE_DIRECT;
	c->start = q->tok[t->cs].start;
	c->end = pend;
	c->open_tok = t->cs;
	c->close_tok = t->pend - 1;
	c->has_frame = true;
	c->turn = true;
	c->subj_s = (int32_t)t->s;
	c->subj_e = (int32_t)t->e;
	c->sentence = t->sentence;
	c->paragraph = t->para;
	nr_quotes__mark_used(q, t->s, t->pend);
	return true;
}

/* Paragraphs that are turns of a transcript ("HOLT: ...", "MARA
 * HOLT: ...") become direct quotes of the labelled speaker; whatever
 * was found inside them gives way. A label counts when it names a
 * person of the article or when its last word labels two turns at
 * least among two speakers or more: "UPDATE:" or "BYLINE:" does not. */
void nr_quotes__transcript_turns(qctx *q)
{
	turn *tv = malloc(MAXT * sizeof(*tv));
	if (!tv) {
		q->oom = true;
		return;
	}
	size_t nt = collect_turns(q, tv);
	size_t ndistinct = distinct_labels(q, tv, nt);
	for (size_t i = 0; i < nt && !q->oom; i++) {
		size_t times = 0;
		for (size_t j = 0; j < nt; j++)
			times += same_last_word(q, &tv[i], &tv[j]);
		if (turn_entity(q, tv[i].e - 1) < 0 && !(times >= 2 && ndistinct >= 2))
			continue;
		if (!add_turn(q, &tv[i]))
			break;
	}
	free(tv);
}

/* Speaker of a transcript turn: the person the label names, else the
 * label in title case ("MARA HOLT" -> "Mara Holt"). */
void nr_quotes__resolve_turn(qctx *q, const qcand *c, resolved *out)
{
	uint32_t s = (uint32_t)c->subj_s, e = (uint32_t)c->subj_e;
	int32_t ent = e - s == 1 ? turn_entity(q, e - 1) : -1;
	if (ent >= 0) {
		out->entity = ent;
		out->name = nr_quotes__ent_name(q, &q->a->entities[ent]);
		out->gender = q->a->entities[ent].gender;
		out->person = true;
		return;
	}
	/* "HOLT:" after "MARA HOLT:": the fuller label. */
	for (size_t k = 0; k < q->nc && e - s == 1; k++) {
		const qcand *o = &q->c[k];
		if (o->turn && o->subj_e - o->subj_s > 1 &&
		    same_word_ci(ttext(q, (uint32_t)o->subj_e - 1),
				 tlen(q, (uint32_t)o->subj_e - 1), ttext(q, s), tlen(q, s))) {
			s = (uint32_t)o->subj_s;
			e = (uint32_t)o->subj_e;
			break;
		}
	}
	size_t n = q->tok[e - 1].end - q->tok[s].start;
	char *name = nr_arena__alloc(&q->a->arena, n + 1);
	if (!name)
		return;
	size_t w = 0;
	for (uint32_t i = s; i < e; i++) {
		if (w)
			name[w++] = ' ';
		const char *t = ttext(q, i);
		size_t l = tlen(q, i);
		bool first = true;
		for (size_t k = 0; k < l; k++) {
			unsigned char ch = (unsigned char)t[k];
			/* Lower-case ASCII after the first letter and after a
			 * hyphen; other bytes are copied. */
			name[w++] = (char)(!first && ch >= 'A' && ch <= 'Z' ? ch | 0x20 : ch);
			first = ch == '-';
		}
	}
	name[w] = '\0';
	out->name = name;
	out->gender = nr_quotes__name_gender(q, name);
	out->person = true;
}
