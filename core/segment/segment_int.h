/*
 * segment_int.h - what the segmenter's files share: the state of one run
 * over an article, the word classes its decisions test, and the calls
 * from the run (segment.c) to the tokeniser (tokens.c) and the sentence
 * splitter (sentences.c). Only core/segment includes it.
 */
#ifndef NR_SEGMENT_INT_H
#define NR_SEGMENT_INT_H

#include "segment/segment.h"

/* One run over an article: its text and the output arrays' capacities. */
typedef struct seg_ctx {
	nr_article *a;
	const char *t;
	size_t cap_tokens;
	size_t cap_sentences;
	/* The tokeniser's state within a paragraph. */
	bool squote_open;  /* a single quotation is open */
	uint8_t prev_kind; /* kind of the previous token */
	size_t prev_end;   /* end of the previous token, (size_t)-1 at the start */
} seg_ctx;

/* ------------------------------------------------------------------ */
/* segment.c: the word classes, from the lexicon data.                  */

/*
 * The closed classes of words the decisions test, listed in the lexicon
 * data (word_classes.tsv, where each is explained). Abbreviations are
 * looked up with their period, and in exact case: "etc." is one, "Etc."
 * is not.
 */
enum {
	WORD_ABBR_NEVER_ENDS = 1u << 0, /* "Gen.", "v.", "e.g." */
	WORD_ABBR_MAY_END = 1u << 1,    /* "Inc.", "Jan.", "Calif." */
	WORD_ABBR_NUMERIC = 1u << 2,    /* "No." before a number */
	WORD_ABBR = WORD_ABBR_NEVER_ENDS | WORD_ABBR_MAY_END | WORD_ABBR_NUMERIC,
	WORD_SENTENCE_OPENER = 1u << 3, /* "The", "However" */
	WORD_SAYING_VERB = 1u << 4      /* "said", "asked" */
};

/* The WORD_* classes of s[0..len) (0 for none). Only during a run, which
 * builds them first. */
uint32_t nr_segment__word_class(const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* tokens.c: words and tokens.                                          */

/* Append the tokens of the paragraph text[ps..pe) to the article; false
 * when out of memory. */
bool nr_segment__tokenize_paragraph(seg_ctx *c, size_t ps, size_t pe);
/* Is text[s..e) one upper-case letter, an initial ("George W. Bush")? */
bool nr_segment__is_initial(const char *t, size_t s, size_t e);

/* The case of a token as the splitter reads it (NX_*). */
enum { NX_OTHER = 0, NX_UPPER, NX_LOWER, NX_DIGIT };
int nr_segment__case_of(const char *t, const nr_token *k);

/* ------------------------------------------------------------------ */
/* sentences.c: sentence boundaries.                                    */

/* Append the sentences over the tokens [t0, t1) of paragraph para; false
 * when out of memory. */
bool nr_segment__split_paragraph(seg_ctx *c, size_t para, size_t t0, size_t t1);

#endif /* NR_SEGMENT_INT_H */
