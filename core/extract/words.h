/*
 * words.h - the words of one article as the extractors see them: for each
 * token, the lexicon view's record of its text, found once per article
 * and shared by the entity, quotation and statement passes instead of
 * hashed, folded and looked up again by each pass at each token. A pass
 * keeps what it works out of a word and the lexicons alone (its
 * word-class bits, say) in the word's slot for that pass, where every
 * token of that word, and, with a warm view, later articles, find it.
 *
 * nr_article__analyze() makes the table once for all passes (a->words);
 * a pass run without it makes its own.
 */
#ifndef NR_WORDS_H
#define NR_WORDS_H

#include "article/article.h"
#include "lexicon/lexicon.h"

/* The passes' slots in a word's facts (nr_lexicon__word_facts). */
enum {
	NR_WORD_ENTITIES,
	NR_WORD_QUOTES,
	NR_WORD_STATEMENTS,
	NR_WORD_STATEMENTS_HIGH, /* the statement classes past 32 bits */
	NR_WORD_PASSES
};

/* The marks the passes make on records in one analysis. */
enum {
	NR_WORD_MARK_LOWER = 1u << 0, /* entities: a lower-case word of 4 bytes or more */
	NR_WORD_MARK_CAP = 1u << 1    /* entities: capitalised where capitals are reliable */
};

typedef struct nr_word {
	nr_lex_word *lw; /* the view's record; NULL when it keeps none */
	/* Each pass's facts about the word, 0 until it works them out: on
	 * the record, or the token's own when there is none. */
	uint32_t *pass;
} nr_word;

typedef struct nr_words {
	const nr_lexicon_set *lex; /* the view the records are in */
	const char *text;
	const nr_token *toks;
	uint32_t ntoks;
	nr_word *tw; /* per token */
	/* This analysis under the view, for marks on records
	 * (nr_lexicon__word_mark); 0 when there is no view. */
	uint32_t gen;
	bool recorded;  /* every token has a record */
	nr_arena arena; /* the view when the set given was none, facts of
			 * tokens without a record */
} nr_words;

/*
 * The words of a's tokens under `lex` (a view of it is made when it is
 * none). NR_OK, NR_ENOMEM (nothing to free then), or NR_ETOOBIG.
 */
int nr_words__init(nr_words *ws, const nr_article *a, const nr_lexicon_set *lex);
void nr_words__free(nr_words *ws);

/*
 * The table a pass of `a` under `lex` reads: the one nr_article__analyze()
 * made, else one made into *own (free it with nr_words__free() when the
 * result is own). NULL when memory is short.
 */
nr_words *nr_words__for(nr_article *a, const nr_lexicon_set *lex, nr_words *own);

static inline const nr_word *nr_words__at(const nr_words *ws, uint32_t tok) { return &ws->tw[tok]; }

/* The questions of lexicon.h, asked of token tok's word. */
size_t nr_words__all(const nr_words *ws, uint32_t tok, int lex, const nr_lex_entry **out,
		     size_t cap);
const nr_lex_entry *nr_words__lookup(const nr_words *ws, uint32_t tok, int lex);
const char *nr_words__lemma(const nr_words *ws, uint32_t tok);
uint64_t nr_words__classes(const nr_words *ws, uint32_t tok);
int nr_words__may_start(const nr_words *ws, uint32_t tok, int lex);
/* nr_lexicon__match() at token i of toks[0..ntoks) (a prefix of the
 * article's tokens). */
size_t nr_words__match(const nr_words *ws, int lex, size_t ntoks, uint32_t i, nr_lex_match *m);

#endif /* NR_WORDS_H */
