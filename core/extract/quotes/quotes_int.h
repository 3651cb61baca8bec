/*
 * quotes_int.h - what the quote extractor's passes share: the per-article
 * context, the quotation candidates, the token tests they all ask (kept
 * static inline: they run for nearly every token), and the functions one
 * pass borrows from another. Private to core/extract/quotes/.
 *
 * The passes, in the order nr_quotes__run() calls them:
 *   marks.c        quotation marks, classified and paired into spans
 *   frames.c       each span framed by an attribution before or after it
 *   reported.c     reported speech in the sentences left over
 *   transcripts.c  "NAME: ..." paragraphs of a transcript
 *   speakers.c     speakers resolved from the speaker phrases
 *   pronouns.c     ... and "he", "she", "they" from the sentences before
 * with cues.c (speech verbs, word classes, clause starts) and subjects.c
 * (speaker noun phrases) under the frames and reported speech.
 */
#ifndef NR_QUOTES_INT_H
#define NR_QUOTES_INT_H

#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* Working state                                                       */

enum { MARK_OPEN = 1, MARK_CLOSE = 2, MARK_EITHER = 3 };

typedef struct qmark {
	uint32_t tok;  /* first token of the mark */
	uint32_t ntok; /* 2 for '' */
	uint32_t start, end;
	uint8_t dir;
	bool dbl;
} qmark;

/* A stretch between paired marks. */
typedef struct span {
	uint32_t open, close; /* mark indexes; close == UINT32_MAX: paragraph end */
	uint32_t start, end;  /* bytes */
	bool single;
} span;

/* A quotation being built, before speakers are resolved. */
typedef struct qcand {
	uint32_t start, end;
	uint8_t kind;
	bool has_frame;         /* an attribution was found */
	bool unattributed;      /* direct quote with no frame: may continue a speaker */
	bool single;            /* made of single marks */
	int32_t subj_s, subj_e; /* speaker NP tokens [s, e), -1 when none */
	int32_t cue_s, cue_e;   /* cue tokens [s, e), -1 when none */
	const char *lemma;
	uint32_t sentence;
	uint32_t paragraph;
	uint32_t open_tok;  /* first token of the content */
	uint32_t close_tok; /* last token of the content */
	bool mixed_ok;      /* framing may take words after the mark */
	uint32_t tail_end;  /* content runs on to this token (exclusive), 0: no */
	bool turn;          /* transcript turn: subj_s..subj_e is its label */
} qcand;

typedef struct cue {
	uint32_t ntok;
	const char *lemma;
	const char *form; /* base, 3sg, past, pastpart, ing, or "" */
	const char *cls;  /* speech_verbs class ("assertive", "deny", ...) */
	bool according;   /* "according to" */
} cue;

/* A speaker as resolved: an entity, or a name as written. */
typedef struct resolved {
	int32_t entity;
	const char *name; /* arena */
	char gender;
	uint32_t sentence;
	bool person;
	bool group;
} resolved;

/* Per-token lexicon answers, each computed once (qctx.tflags). */
enum { TF_CUE_DONE = 1, TF_CUE = 2, TF_NOUN_DONE = 16, TF_NOUN = 32 };

/* The classes of word_classes.tsv the extractor tests (q_*), as bits. */
enum {
	QW_SUBJECT_PRONOUN = 1u << 0,
	QW_OBJECT_PRONOUN = 1u << 1,
	QW_BEFORE_VERB = 1u << 2,
	QW_DETERMINER = 1u << 3,
	QW_GROUP_NOUN = 1u << 4,
	QW_SPEAKER_MODIFIER = 1u << 5,
	QW_ROLE_NOUN = 1u << 6,
	QW_TIME = 1u << 7,
	QW_PREPOSITION = 1u << 8,
	QW_TELL_VERB = 1u << 9,
	QW_NAMING_VERB = 1u << 10,
	QW_CLAUSE_VERB = 1u << 11,
	QW_NEGATIVE = 1u << 12,
	QW_FINITE = 1u << 13,
	QW_LY_NOUN = 1u << 14,
	QW_KNOWN = 1u << 15, /* a token's bits are filled in */
	/* Not classes: could the word be a cue ("according", or a verb form
	 * the lexicons know), once known. */
	QW_CUEWORD_KNOWN = 1u << 16,
	QW_CUEWORD = 1u << 17,
	/* ... and whether it begins no speech verb (cues.c), once known. */
	QW_SPEECH_KNOWN = 1u << 18,
	QW_SPEECH_NONE = 1u << 19,
	/* ... and whether titles.tsv and function_words.tsv list it. */
	QW_TITLE_KNOWN = 1u << 20,
	QW_TITLE = 1u << 21,
	QW_FW_KNOWN = 1u << 22,
	QW_FW = 1u << 23,
	QW_CLASSES = 0x7fffu /* the class bits above */
};

/* Class lists already turned into bits, by address (see cues.c). */
enum { QW_MEMO_SLOTS = 64 };
typedef struct qw_memo {
	const char *cls;
	uint16_t bits;
} qw_memo;

/* One article's analysis. The per-token arrays are malloc'd once and
 * freed by nr_quotes__run(); the results go to the article's arena. */
typedef struct qctx {
	nr_article *a;
	const nr_lexicon_set *lex;
	nr_words *words; /* the article's words (extract/words.h) */
	const char *t;
	const nr_token *tok;
	uint32_t ntok;
	uint32_t *tsent;  /* sentence of each token */
	uint8_t *used;    /* token already inside a quote or its frame */
	uint8_t *tflags;  /* TF_*: per-token lexicon answers, computed once */
	cue *cues;        /* valid where tflags has TF_CUE */
	qw_memo *qw_memo; /* QW_MEMO_SLOTS */
	/* The lexicon's class bits of each QW_* name (cues.c); when one
	 * has none, classes are read from the rows (qw_rows). */
	uint64_t qw_mask[16];
	bool qw_masked; /* qw_mask is filled in */
	bool qw_rows;
	unsigned title_scans;
	/* frames.c: the first framed cue of sentence-start fb_first, or
	 * UINT32_MAX when there is none before fb_scanned. */
	uint32_t fb_first, fb_scanned, fb_hit;
	qcand *c;
	size_t nc, capc;
	qmark *m;
	size_t nm, capm;
	bool oom;
} qctx;

/* ------------------------------------------------------------------ */
/* Token helpers                                                       */

static inline size_t tlen(const qctx *q, uint32_t i) { return q->tok[i].end - q->tok[i].start; }

static inline const char *ttext(const qctx *q, uint32_t i) { return q->t + q->tok[i].start; }

/* Is token i the word w[0..n), up to ASCII case? */
static inline bool tis_n(const qctx *q, uint32_t i, const char *w, size_t n)
{
	if (i >= q->ntok || tlen(q, i) != n)
		return false;
	const char *s = ttext(q, i);
	for (size_t k = 0; k < n; k++) {
		unsigned a = (unsigned char)s[k], b = (unsigned char)w[k];
		if (a != b && (a - 'A' < 26u ? a + 32u : a) != (b - 'A' < 26u ? b + 32u : b))
			return false;
	}
	return true;
}

/* Is token i the word w (a string literal), up to ASCII case? Asked of
 * nearly every token: the length is known when it compiles. */
#define tis(q, i, w) tis_n((q), (i), "" w "", sizeof("" w "") - 1)

/* The same for a word that is no literal. */
static inline bool tis_str(const qctx *q, uint32_t i, const char *w)
{
	return tis_n(q, i, w, strlen(w));
}

static inline bool tpunct(const qctx *q, uint32_t i, char c)
{
	return i < q->ntok && q->tok[i].kind == NR_TOKEN_PUNCT && tlen(q, i) == 1 &&
	       ttext(q, i)[0] == c;
}

/* Punctuation of U+2000-U+2FFF ("―", "—", "…"): a dash to the frames. */
static inline bool tdash_mark(const qctx *q, uint32_t i)
{
	return q->tok[i].kind == NR_TOKEN_PUNCT && (unsigned char)ttext(q, i)[0] == 0xE2;
}

static inline bool tcap(const qctx *q, uint32_t i)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD)
		return false;
	uint32_t cp;
	nr_utf8__decode(ttext(q, i), tlen(q, i), &cp);
	return nr_uc__is_upper(cp);
}

static inline bool tposs(const qctx *q, uint32_t i)
{
	return i < q->ntok && q->tok[i].kind == NR_TOKEN_WORD &&
	       (tis(q, i, "'s") || tis(q, i, "\xE2\x80\x99s"));
}

/* "a"/"an": what follows is a noun ("a court order", "a Quinn tweet"). */
static inline bool tarticle(const qctx *q, uint32_t i) { return tis(q, i, "a") || tis(q, i, "an"); }

static inline uint32_t sent_first(const qctx *q, uint32_t s)
{
	return (uint32_t)q->a->sentences[s].first_token;
}

static inline uint32_t sent_end(const qctx *q, uint32_t s)
{
	return (uint32_t)(q->a->sentences[s].first_token + q->a->sentences[s].ntokens);
}

static inline uint32_t para_of_tok(const qctx *q, uint32_t i)
{
	return q->a->sentences[q->tsent[i]].paragraph;
}

/* First token at or after byte position b. */
static inline uint32_t tok_at_byte(const qctx *q, uint32_t b)
{
	return nr_tokens__first_at(q->tok, q->ntok, b);
}

/* ------------------------------------------------------------------ */
/* Word classes and cues (cues.c)                                      */

/* The QW_* bits of a word (or a lemma): every word_classes row for it. */
unsigned nr_quotes__word_classes(const qctx *q, const char *w, size_t n);
/* The QW_* classes of a cue's lemma ("say" for "said"), asked only of the
 * few cues whose clause is looked for. */
unsigned nr_quotes__cue_classes(const qctx *q, const cue *c);
/* The lexicon's class bits for the QW_* classes (qctx.qw_mask). */
void nr_quotes__class_masks(qctx *q);
/* The QW_* bits of token i's word, with QW_KNOWN; worked out once per
 * word of the article. */
unsigned nr_quotes__token_classes(const qctx *q, uint32_t i);

/* Is token i a word of class `bit` (QW_*)? Asked about the same tokens
 * again and again: each word is looked up once. */
static inline bool tclass(const qctx *q, uint32_t i, unsigned bit)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD)
		return false;
	unsigned wc = nr_words__at(q->words, i)->pass[NR_WORD_QUOTES];
	if (!(wc & QW_KNOWN))
		wc = nr_quotes__token_classes(q, i);
	return (wc & bit) != 0;
}

/* Heads of speaking groups, roles and writings ("officials", "the letter"). */
static inline bool group_noun(const qctx *q, uint32_t i) { return tclass(q, i, QW_GROUP_NOUN); }

static inline bool is_title_word(const qctx *q, uint32_t i)
{
	if (i >= q->ntok || q->tok[i].kind != NR_TOKEN_WORD)
		return false;
	uint32_t *f = nr_words__at(q->words, i)->pass + NR_WORD_QUOTES;
	if (!(*f & QW_TITLE_KNOWN))
		*f |= QW_TITLE_KNOWN |
		      (nr_words__lookup(q->words, i, NR_LEX_TITLES) ? QW_TITLE : 0);
	return (*f & QW_TITLE) != 0;
}

/* Look token i up as a cue and remember the answer in tflags and cues. */
void nr_quotes__cue_find(const qctx *q, uint32_t i);

/* Is there a speech verb (or "according to") at token i? Cues are asked
 * for many times per token: each token is looked up once. */
static inline bool cue_at(const qctx *q, uint32_t i, cue *out)
{
	if (i >= q->ntok)
		return false;
	if (!(q->tflags[i] & TF_CUE_DONE)) {
		/* Most tokens: short, no word, or a word known to be no cue
		 * (cues.c's cue_word), answered without the call. */
		if (q->tok[i].kind != NR_TOKEN_WORD || tlen(q, i) < 3 ||
		    (nr_words__at(q->words, i)->pass[NR_WORD_QUOTES] &
		     (QW_CUEWORD_KNOWN | QW_CUEWORD)) == QW_CUEWORD_KNOWN) {
			q->tflags[i] |= TF_CUE_DONE;
			return false;
		}
		nr_quotes__cue_find(q, i);
	}
	if (!(q->tflags[i] & TF_CUE))
		return false;
	*out = q->cues[i];
	return true;
}

static inline bool cue_finite(const cue *c) { return strcmp(c->form, "ing") != 0; }

/* Where the reported clause starts after a cue ending at token i, in the
 * sentence ending at se; 0 when the cue does not introduce one. */
uint32_t nr_quotes__clause_after(const qctx *q, uint32_t i, uint32_t se, const cue *c,
				 bool want_that);
/* Last token (exclusive) of a sentence's content: drops the final stop. */
uint32_t nr_quotes__content_end(const qctx *q, uint32_t s_first, uint32_t s_end);

/* ------------------------------------------------------------------ */
/* Speaker noun phrases (subjects.c)                                   */

/* May token i sit inside a speaker noun phrase? */
bool nr_quotes__np_word(const qctx *q, uint32_t i);
/* Does the phrase [s, e) have a head the lexicons accept as a speaker? */
bool nr_quotes__np_ok(const qctx *q, uint32_t s, uint32_t e);
/* A sentence-initial capitalised word that opens a clause, not a name. */
bool nr_quotes__starter(const qctx *q, uint32_t i);
/* The subject ending right before token `end`, looking back to `lo`. */
bool nr_quotes__subject_before(const qctx *q, uint32_t lo, uint32_t end, int32_t *ss, int32_t *se);
/* The subject starting at token s (inversion: "said the minister"). */
bool nr_quotes__subject_after(const qctx *q, uint32_t s, uint32_t hi, int32_t *ss, int32_t *se);
/* The source after "according to", up to a comma or the sentence end. */
bool nr_quotes__according_np(const qctx *q, uint32_t s, uint32_t hi, int32_t *ss, int32_t *se);
/* Where the subject of sentence s may start, after an opening phrase. */
uint32_t nr_quotes__subject_start(const qctx *q, uint32_t s);

/* ------------------------------------------------------------------ */
/* Candidates (quotes.c) and the passes                                */

/* A candidate with no subject and no cue; NULL (and q->oom) when memory
 * is short. */
qcand *nr_quotes__cand_new(qctx *q);
/* Mark tokens [s, e) as taken by a quotation or its frame. */
void nr_quotes__mark_used(qctx *q, uint32_t s, uint32_t e);

static inline void cand_set_subject(qcand *c, int32_t s, int32_t e)
{
	c->subj_s = s;
	c->subj_e = e;
}

static inline void cand_set_cue(qcand *c, uint32_t at, const cue *k)
{
	c->cue_s = (int32_t)at;
	c->cue_e = (int32_t)(at + k->ntok);
	c->lemma = k->lemma;
}

/* Pass 1 (marks.c): the quoted spans in text order, doubles and singles;
 * NULL when memory is short. Free with free(). */
span *nr_quotes__find_spans(qctx *q, size_t *nspans);
/* Pass 2 (frames.c): frame span si into a candidate; how many spans it
 * took (two for a quotation interrupted by its attribution). */
size_t nr_quotes__frame_span(qctx *q, const span *sp, size_t nsp, size_t si);
/* Pass 3 (reported.c): reported speech in sentence s. */
void nr_quotes__reported_sentence(qctx *q, uint32_t s);
/* Pass 4 (transcripts.c): transcript turns replace what they cover. */
void nr_quotes__transcript_turns(qctx *q);

/* ------------------------------------------------------------------ */
/* Speakers (speakers.c, pronouns.c, transcripts.c)                    */

/* How far back the speakers before a quote are searched: a sentence of
 * thousands of quotes must not make each search as long as the text. */
#define HIST_BACK 200

/* Speaker of candidate c from its subject phrase; hist holds the nh
 * speakers before it, in text order. */
void nr_quotes__resolve_speaker(qctx *q, const qcand *c, const resolved *hist, size_t nh,
				resolved *out);
/* A quoted paragraph's speaker from the sentence leading in to it. */
void nr_quotes__lead_in_subject(qctx *q, const qcand *c, size_t ci, resolved *out);
/* "he", "she", "they" of candidate c from the speakers and subjects before. */
bool nr_quotes__resolve_pronoun(qctx *q, const qcand *c, const resolved *hist, size_t nh,
				resolved *out);
/* Speaker of a transcript turn, from its label. */
void nr_quotes__resolve_turn(qctx *q, const qcand *c, resolved *out);
/* The person subject of sentence s before lim; see pronouns.c. */
bool nr_quotes__sentence_subject(const qctx *q, size_t ci, uint32_t s, uint32_t lim,
				 const char *pron, bool *chain, resolved *out);
/* The body or group subject of sentence s before lim; see pronouns.c. */
bool nr_quotes__group_subject(qctx *q, size_t ci, uint32_t s, uint32_t lim, bool chain_ok,
			      bool *chain, resolved *out);
/* A person's name from the first first name on; gender of a person. */
const char *nr_quotes__ent_name(const qctx *q, const nr_entity *en);
char nr_quotes__ent_gender(const qctx *q, const nr_entity *en);
/* Gender of the first word of a name, 'm', 'f' or 0. */
char nr_quotes__name_gender(const qctx *q, const char *name);

#endif /* NR_QUOTES_INT_H */
