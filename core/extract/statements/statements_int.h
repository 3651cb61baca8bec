/*
 * statements_int.h - what the statement extractor's passes share: the
 * per-article context, the statement being built, the token tests (the
 * st_* and q_* word classes of word_classes.tsv, asked once per token),
 * and the functions one pass borrows from another. Private to
 * core/extract/statements/.
 *
 * For each sentence, in text order, statements.c asks:
 *   acts.c      is this token a cue (a cameo_verbs verb read as a verb),
 *               and which act does its object select?
 *   polarity.c  what stands between the cue and its subject: negation,
 *               modality, the passive;
 *   clauses.c   the subject before the cue, the object, addressee, agent
 *               and content after it;
 *   parties.c   who those phrases name: an entity, a resolved pronoun, a
 *               group as written; its kind, office and country.
 * Every look is a bounded window around the cue: a statement costs the
 * same in a sentence of ten words and in one of ten thousand.
 */
#ifndef NR_STATEMENTS_INT_H
#define NR_STATEMENTS_INT_H

#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

/* Windows, in tokens. */
enum {
	W_BRIDGE = 10,  /* auxiliaries and adverbs between a subject and its verb */
	W_NP = 8,       /* words of one noun phrase */
	W_APPOS = 14,   /* an apposition between commas */
	W_AGENT = 8,    /* from a passive verb to its "by" */
	W_CONTENT = 48, /* what a statement says, after its verb */
	W_ROWS = 24,    /* cameo_verbs rows of one verb form */
	W_PRONOUN = 48  /* mentions looked at to resolve a pronoun */
};

/* The word classes the extractor tests, as bits (see acts.c). */
enum {
	SW_NEGATION = 1u << 0,
	SW_REFUSAL = 1u << 1,
	SW_CHAIN = 1u << 2,
	SW_HEDGE = 1u << 3,
	SW_FUTURE = 1u << 4,
	SW_CONDITION = 1u << 5,
	SW_BE = 1u << 6,
	SW_TARGET_PREP = 1u << 7,
	SW_CONTENT_PREP = 1u << 8,
	SW_AGENT_PREP = 1u << 9,
	SW_CLAUSE_BREAK = 1u << 10,
	SW_COORDINATOR = 1u << 11,
	SW_RELATIVE = 1u << 12,
	SW_POSSESSIVE = 1u << 13,
	SW_INFINITIVE = 1u << 14,
	SW_PRONOUN = 1u << 15,
	SW_FIRST_PERSON = 1u << 16,
	SW_MALE = 1u << 17,
	SW_FEMALE = 1u << 18,
	SW_DETERMINER = 1u << 19,  /* q_determiner */
	SW_BEFORE_VERB = 1u << 20, /* q_before_verb */
	SW_PREPOSITION = 1u << 21, /* q_preposition */
	SW_GROUP_NOUN = 1u << 22,  /* q_group_noun */
	SW_MODIFIER = 1u << 23,    /* q_speaker_modifier */
	SW_TIME = 1u << 24,        /* q_time, weekday */
	SW_SOURCE_PREP = 1u << 25, /* st_source_prep */
	SW_NEUTER = 1u << 26,      /* st_neuter */
	/* Not classes: whether the word may start a cameo_verbs form or
	 * phrase (nr_lexicon__may_start), once known. */
	SW_CAMEO_KNOWN = 1u << 27,
	SW_CAMEO_FORM = 1u << 28,
	SW_CAMEO_PHRASE = 1u << 29,
	SW_KNOWN = 1u << 31 /* the class bits are filled in */
};
/* Classes past the 32 bits of an enum: what a speaker's own words do
 * (predicates.c). */
#define SW_OBLIGE (1ull << 32)        /* st_obligation: "should", "ought", "needs" */
#define SW_REBUT (1ull << 33)         /* st_rebuttal: "untrue", "baseless", "nonsense" */
#define SW_TRUTH (1ull << 34)         /* st_truth: "true", "accurate" (rebut when negated) */
#define SW_WRONG (1ull << 35)         /* st_wrongdoing: "lied", "liar", "corrupt" */
#define SW_CLAIM (1ull << 36)         /* st_claim: "allegations", "report", "that" */
#define SW_INTENSE (1ull << 37)       /* st_intensifier: "complete", "utter", "load" */
#define SW_NO_CALL (1ull << 38)       /* st_no_call: "have", "know" after a modal */
#define SW_SECOND_PERSON (1ull << 39) /* st_second_person: "you" */
/* Names in acts.c's SW_NAMES (the class names the bits above stand for). */
enum { SW_NAME_COUNT = 36 };

/* A phrase of the text: tokens [s, e), its head token, what it names. */
typedef struct phrase {
	uint32_t s, e, head;
	int32_t mention; /* mention covering the head, or -1 */
	bool ok;
	bool share; /* no phrase: the subject of the clause before ("and accused") */
} phrase;

/* What an entity is as an actor, found once per entity (parties.c). */
typedef struct efacts {
	const char *kind, *country;
	bool official, done;
} efacts;

/* What a cue verb is and does, as acts.c found it. */
typedef struct cue {
	uint32_t tok, ntok; /* tokens [tok, tok + ntok) */
	uint32_t next;      /* token after it, or after a particle a time
			       words put apart ("called Friday for") */
	const nr_lex_entry *row;
	const char *form; /* base, 3sg, past, pastpart, ing */
	bool objrow;      /* the row was chosen by its object */
	bool saying;      /* a verb of plain saying (act "comment") */
} cue;

/* The cameo_verbs rows of one verb form and particle (acts.c). */
typedef struct rowset {
	const nr_lex_entry *key;          /* the entry the form matched */
	const nr_lex_entry *own;          /* the verb's own row, or NULL */
	const nr_lex_entry *rows[W_ROWS]; /* the rows its objects choose */
	size_t n;
} rowset;

/* One article's extraction. */
typedef struct sctx {
	nr_article *a;
	const nr_lexicon_set *lex;
	nr_words *words; /* the article's words (extract/words.h); SW_* per word */
	const char *t;
	const nr_token *tok;
	uint32_t ntok;
	int32_t *tmention;  /* mention covering each token, or -1 */
	int32_t *tquote;    /* quote whose content covers each token, or -1 */
	int32_t *cue_quote; /* quote whose cue starts at each token, or -1 */
	/* Entity facts, computed once per entity (parties.c). */
	efacts *ef;
	rowset *rows; /* 64 slots, by entry address (acts.c) */
	/* Class lists already turned into bits, by address (acts.c). */
	const char *cls_memo[256];
	uint64_t cls_bits[256];
	/* The lexicon's class bits of each SW_* name (acts.c); when one has
	 * none, classes are read from the rows (sw_rows). */
	uint64_t sw_mask[SW_NAME_COUNT];
	bool sw_masked;   /* sw_mask is filled in */
	uint64_t sw_high; /* the lexicon bits of the classes past 32 bits */
	bool sw_rows;
	/* Strings copied into the article's arena, by source address. */
	const char *intern_src[64];
	const char *intern_dst[64];
	nr_statement *st;
	size_t nst, capst;
	cue says[4]; /* the sentence's verbs of saying, the last four */
	size_t nsays;
	uint32_t sent;                 /* the sentence being read */
	uint32_t sent_first, sent_end; /* its tokens */
	bool sent_question;            /* it ends with "?" */
	bool oom;
} sctx;

/* What sits between a subject and its verb (polarity.c). */
typedef struct bridge {
	uint32_t subj_end; /* token after the subject: the bridge starts here */
	bool negated, passive, hedged, future, progressive;
} bridge;

/* ------------------------------------------------------------------ */
/* Token helpers                                                       */

static inline size_t tlen(const sctx *x, uint32_t i) { return x->tok[i].end - x->tok[i].start; }
static inline const char *ttext(const sctx *x, uint32_t i) { return x->t + x->tok[i].start; }

static inline bool tword(const sctx *x, uint32_t i)
{
	return i < x->ntok && x->tok[i].kind == NR_TOKEN_WORD;
}

static inline bool tpunct(const sctx *x, uint32_t i, char c)
{
	return i < x->ntok && x->tok[i].kind == NR_TOKEN_PUNCT && tlen(x, i) == 1 &&
	       ttext(x, i)[0] == c;
}

static inline bool tquote_mark(const sctx *x, uint32_t i)
{
	return i < x->ntok && x->tok[i].kind == NR_TOKEN_QUOTE;
}

/* The SW_* bits of a word, over every word_classes row for it (acts.c). */
uint64_t nr_st__classes_slow(sctx *x, uint32_t i);
/* The lexicon's class bits for the SW_* classes (sctx.sw_mask). */
void nr_st__class_masks(sctx *x);

/* The classes past 32 bits of word i (predicates.c, parties.c ask for
 * them), kept shifted down in the word's NR_WORD_STATEMENTS_HIGH slot
 * under SWH_KNOWN once worked out (acts.c). */
#define SWH_KNOWN (1u << 31)
uint64_t nr_st__classes_high_slow(sctx *x, uint32_t i);
static inline uint64_t nr_st__classes_high(sctx *x, uint32_t i)
{
	uint32_t h = nr_words__at(x->words, i)->pass[NR_WORD_STATEMENTS_HIGH];
	return h & SWH_KNOWN ? (uint64_t)(h & ~SWH_KNOWN) << 32 : nr_st__classes_high_slow(x, i);
}

static inline bool tclass(sctx *x, uint32_t i, uint64_t bits)
{
	if (!tword(x, i))
		return false;
	if (bits >> 32 && (nr_st__classes_high(x, i) & bits))
		return true;
	uint32_t w = nr_words__at(x->words, i)->pass[NR_WORD_STATEMENTS];
	if (!(w & SW_KNOWN))
		w = (uint32_t)nr_st__classes_slow(x, i);
	return (w & (uint32_t)bits) != 0;
}

/* The entry of lexicon `lex` for word i, or NULL; a Bloom filter answers
 * for most words without a look-up (titles: nr_lexicon__title). */
const nr_lex_entry *nr_st__lookup(sctx *x, int lex, uint32_t i);
/* Is token i a word of upper-case first letter? */
bool nr_st__cap(const sctx *x, uint32_t i);
/* "didn't", "won't": a word ending in n't (any apostrophe). */
bool nr_st__nt(const sctx *x, uint32_t i);
/* A possessive "'s" token, or a word ending in it. */
bool nr_st__possessive_s(const sctx *x, uint32_t i);
/* An adverb by its shape: a lower-case word of five letters or more in -ly. */
bool nr_st__ly(const sctx *x, uint32_t i);

/* nr_lexicon__may_start() of word i in cameo_verbs, once per word
 * (acts.c): a nonzero mix of NR_LEXSTART_* when it may start a cue. */
int nr_st__cameo_start(sctx *x, uint32_t i);

/* Might word i start a cue? Asked of every word: the word's bits first. */
static inline bool nr_st__cameo_word(sctx *x, uint32_t i)
{
	if (x->tok[i].kind != NR_TOKEN_WORD)
		return false;
	uint32_t b = nr_words__at(x->words, i)->pass[NR_WORD_STATEMENTS];
	if (b & SW_CAMEO_KNOWN)
		return (b & (SW_CAMEO_FORM | SW_CAMEO_PHRASE)) != 0;
	return nr_st__cameo_start(x, i) != 0;
}

/* Can token i start a cue at all, by what is known of it without a
 * look-up? Not a name: a mention of an entity, or a word capitalised
 * inside a sentence ("Hail", "Charge") unless a quote's own verb. Asked
 * of every token: inline. */
static inline bool nr_st__may_cue(const sctx *x, uint32_t i)
{
	/* No verb of speech or stance is shorter than three letters ("ask",
	 * "vow"), and a third of the words of news are. */
	if (x->tok[i].kind != NR_TOKEN_WORD || tlen(x, i) < 3)
		return false;
	if (x->cue_quote[i] >= 0)
		return true;
	if (x->tmention[i] >= 0)
		return false;
	unsigned char c0 = (unsigned char)ttext(x, i)[0];
	if (i == x->sent_first || tquote_mark(x, i - 1))
		return true;
	return c0 >= 0x80 ? !nr_st__cap(x, i) : !(c0 >= 'A' && c0 <= 'Z');
}

/* ------------------------------------------------------------------ */
/* acts.c: cues and their acts                                         */

/* A cue starting at token i (inside the current sentence): true and *c
 * filled when a cameo_verbs form starts there and reads as a verb. The
 * caller has checked nr_st__may_cue(). */
bool nr_st__cue_at(sctx *x, uint32_t i, cue *c);

/* Choose the row for the cue's object phrase (may be !ok): the row whose
 * objects name its head noun, else the verb's own row. False when the
 * verb has no row for this object (a verb known only with some objects). */
bool nr_st__choose_row(sctx *x, cue *c, const phrase *obj);
/* Is the act of the cue's row `act`? */
bool nr_st__act_is(const cue *c, const char *act);
/* Is the act of the cue verb's own row (whatever its object) `act`? */
bool nr_st__own_act_is(sctx *x, const cue *c, const char *act);

/* ------------------------------------------------------------------ */
/* polarity.c: what stands between subject and verb                    */

/* Walk back from the cue over auxiliaries, negations, modals, adverbs and
 * "refused to". */
bridge nr_st__bridge(sctx *x, const cue *c);
/* An "if" or "unless" opening the clause before token `from`. */
bool nr_st__conditional(sctx *x, uint32_t from);
/* Is a past form directly followed by its content ("accused of",
 * "blamed for") with no object: a reduced passive? */
bool nr_st__reduced_passive(sctx *x, const cue *c);

/* ------------------------------------------------------------------ */
/* clauses.c: phrases around the cue                                    */

/* The subject of the cue: the phrase ending before the bridge. */
phrase nr_st__subject(sctx *x, const cue *c, const bridge *b);
/* The subject the sentence opens with (its first name or pronoun). */
phrase nr_st__first_subject(sctx *x);
/* The noun phrase starting at token i (an object, an agent, an
 * addressee), within the sentence. */
phrase nr_st__np_after(sctx *x, uint32_t i);
/* Does a phrase name a party (a mention, pronoun, group or role), not a
 * thing ("the attack", "an apology")? */
bool nr_st__party_like(sctx *x, const phrase *p);
/* The "by X" agent of a passive cue, looking ahead from token i; with
 * `from`, "from X" too (the author of "an apology from X"). */
phrase nr_st__agent(sctx *x, uint32_t i, bool from);
/* The same right at token k ("the accusation by X", "an apology from X"). */
phrase nr_st__agent_at(sctx *x, uint32_t k, bool from);
/* Token after a clause that starts at i: the sentence end (less its
 * final stop), a ";", or a comma before "but", "while", ... */
uint32_t nr_st__clause_end(sctx *x, uint32_t i);
/* The first mention inside phrase p before its head ("Pakistan's
 * accusation", "U.S. accusations"): the thing's owner; or -1. */
int32_t nr_st__possessor(sctx *x, const phrase *p);

/* ------------------------------------------------------------------ */
/* parties.c: who a phrase names                                        */

/* Fill a party from a phrase (entity, resolved pronoun or group). */
void nr_st__party_of(sctx *x, const phrase *p, nr_party *out);
/* Fill a party from an entity. */
void nr_st__party_entity(sctx *x, int32_t entity, uint32_t start, uint32_t end, nr_party *out);
/* A party named by a pronoun, resolved again to another entity than
 * `exclude` ("X accused him": not X), or left unresolved. */
void nr_st__party_other(sctx *x, nr_party *p, int32_t exclude);
/* Fill a party from a quote's speaker. */
void nr_st__party_speaker(sctx *x, const nr_quote *q, nr_party *out);
/* A copy of a lexicon string in the article's arena (remembered by
 * address); NULL when memory is short. */
const char *nr_st__intern(sctx *x, const char *s);

/* ------------------------------------------------------------------ */
/* statements.c: what the other passes build statements with          */

/* A statement with no parties yet, its cue tokens [cs, ce). */
void nr_st__init(sctx *x, uint32_t cs, uint32_t ce, nr_statement *st);
/* Add it to the article's; false when memory is short (x->oom). */
bool nr_st__push(sctx *x, const nr_statement *st);
/* The bytes of tokens [s, e) into *bs, *be (left alone when empty). */
void nr_st__span(const sctx *x, uint32_t s, uint32_t e, uint32_t *bs, uint32_t *be);
/* The modality the bridge, a condition or a question gives. */
nr_modality nr_st__modality(sctx *x, const bridge *b, uint32_t subj_start);
/* A verb in its bare form ("resign") or a modal: what a demand asks. */
bool nr_st__bare(sctx *x, uint32_t k);
/* Who says what a verb of saying reports: its quote's speaker or its
 * subject. */
void nr_st__sayer(sctx *x, cue *c, nr_party *out);

/* ------------------------------------------------------------------ */
/* predicates.c: statements no verb of speech makes                    */

/* In the current sentence's quotes and in what its verbs of saying
 * report: denials, charges and demands made by the speaker's own words
 * ("That is untrue", "Blair lied", "the minister should resign"). */
void nr_st__predicates(sctx *x);

#endif /* NR_STATEMENTS_INT_H */
