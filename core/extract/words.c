/*
 * words.c - the words of one article: each token's text found once in the
 * lexicon view, distinct words numbered by the view's record of them, and
 * the lexicon questions the passes ask of a token answered from that
 * record. An article asks about the same few hundred words thousands of
 * times; this way each token costs one hash and each distinct word one
 * fold and one look-up, however many passes ask.
 */
#include "extract/words.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(NR_WORD_PASSES <= NR_LEX_WORD_FACTS, "a slot per pass");
_Static_assert(sizeof(nr_word) == 2 * sizeof(nr_lex_word *), "records fill half the table");

int nr_words__init(nr_words *ws, const nr_article *a, const nr_lexicon_set *lex)
{
	memset(ws, 0, sizeof(*ws));
	if (a->ntokens >= UINT32_MAX)
		return NR_ETOOBIG;
	nr_arena__init(&ws->arena);
	ws->lex = nr_lexicon__view(lex, &ws->arena, a->ntokens);
	ws->text = a->text;
	ws->toks = a->tokens;
	ws->ntoks = (uint32_t)a->ntokens;
	ws->tw = malloc((a->ntokens + 1) * sizeof(*ws->tw));
	if (!ws->tw) {
		nr_words__free(ws);
		return NR_ENOMEM;
	}
	ws->gen = nr_lexicon__view_generation(ws->lex);
	/* The records first, in one loop the view runs; the records' places
	 * in the table go into the second half of it meanwhile. */
	nr_lex_word **recs = (nr_lex_word **)(void *)ws->tw + ws->ntoks;
	ws->recorded = nr_lexicon__words(ws->lex, ws->text, ws->toks, ws->ntoks, ws->gen, recs);
	for (uint32_t i = 0; i < ws->ntoks; i++) {
		nr_lex_word *lw = recs[i];
		nr_word *w = &ws->tw[i];
		w->lw = lw;
		w->pass = lw ? nr_lexicon__word_facts(lw)
			     : nr_arena__calloc(&ws->arena, NR_WORD_PASSES, sizeof(*w->pass));
		if (!w->pass) {
			nr_words__free(ws);
			return NR_ENOMEM;
		}
	}
	return NR_OK;
}

void nr_words__free(nr_words *ws)
{
	free(ws->tw);
	nr_arena__free(&ws->arena);
	memset(ws, 0, sizeof(*ws));
}

nr_words *nr_words__for(nr_article *a, const nr_lexicon_set *lex, nr_words *own)
{
	if (a->words && a->words->lex == lex)
		return a->words;
	return nr_words__init(own, a, lex) == NR_OK ? own : NULL;
}

/* ------------------------------------------------------------------ */
/* Questions of a token's word.                                        */

static inline const char *tok_text(const nr_words *ws, uint32_t tok)
{
	return ws->text + ws->toks[tok].start;
}

static inline size_t tok_len(const nr_words *ws, uint32_t tok)
{
	return ws->toks[tok].end - ws->toks[tok].start;
}

size_t nr_words__all(const nr_words *ws, uint32_t tok, int lex, const nr_lex_entry **out,
		     size_t cap)
{
	nr_lex_word *lw = ws->tw[tok].lw;
	if (lw)
		return nr_lexicon__word_may_hold(lw, lex) ? nr_lexicon__word_all(lw, lex, out, cap)
							  : 0;
	return nr_lexicon__lookup_all(ws->lex, lex, tok_text(ws, tok), tok_len(ws, tok), out, cap);
}

const nr_lex_entry *nr_words__lookup(const nr_words *ws, uint32_t tok, int lex)
{
	nr_lex_word *lw = ws->tw[tok].lw;
	if (lw)
		return nr_lexicon__word_first(lw, lex);
	return nr_lexicon__lookup(ws->lex, lex, tok_text(ws, tok), tok_len(ws, tok));
}

const char *nr_words__lemma(const nr_words *ws, uint32_t tok)
{
	nr_lex_word *lw = ws->tw[tok].lw;
	if (lw)
		return nr_lexicon__word_lemma(ws->lex, lw);
	return nr_lexicon__lemma(ws->lex, tok_text(ws, tok), tok_len(ws, tok));
}

uint64_t nr_words__classes(const nr_words *ws, uint32_t tok)
{
	nr_lex_word *lw = ws->tw[tok].lw;
	if (lw)
		return nr_lexicon__word_classes(lw);
	const nr_lex_entry *all[NR_LEX_CLASS_ROWS];
	size_t n = nr_lexicon__lookup_all(ws->lex, NR_LEX_WORD_CLASSES, tok_text(ws, tok),
					  tok_len(ws, tok), all, NR_ARRAY_LEN(all));
	uint64_t m = 0;
	for (size_t k = 0; k < n && k < NR_ARRAY_LEN(all); k++)
		m |= all[k]->classes_;
	return m;
}

int nr_words__may_start(const nr_words *ws, uint32_t tok, int lex)
{
	nr_lex_word *lw = ws->tw[tok].lw;
	if (lw)
		return nr_lexicon__word_may_start(ws->lex, lw, lex);
	return nr_lexicon__may_start(ws->lex, lex, tok_text(ws, tok), tok_len(ws, tok));
}

size_t nr_words__match(const nr_words *ws, int lex, size_t ntoks, uint32_t i, nr_lex_match *m)
{
	return nr_lexicon__match_word(ws->lex, lex, ws->text, ws->toks, ntoks, i, ws->tw[i].lw, m);
}
