/*
 * entities_int.h - what the entity extractor's passes share: the per-article
 * context, candidate mentions, per-token flags and lexicon facts, and the
 * small token questions every pass asks (inline, as they are asked per
 * token). Private to core/extract/entities/.
 *
 * The passes, in the order nr_entities__run() calls them:
 *   capitals.c    token shapes and where capital letters mean something
 *   candidates.c  sentences scanned into candidate mentions (names.c says
 *                 which words make up a name, lookups.c what the lexicons
 *                 say about a token)
 *   typing.c      person, organisation or place; titles and affiliations
 *   resolve.c     short forms join full names, undecided types settle
 *                 (keys.c holds the hash sets of cands and tokens)
 *   mentions.c    candidates grouped into entities and mention arrays
 */
#ifndef NR_ENTITIES_INT_H
#define NR_ENTITIES_INT_H

#include "extract/extract.h"

#include <stdlib.h>
#include <string.h>

/* Token flags. */
#define TF_CAP 0x01        /* first letter upper case */
#define TF_ALLCAPS 0x02    /* every letter upper case, two or more letters */
#define TF_UNRELIABLE 0x04 /* sentence start, headline, ALL-CAPS line */
#define TF_HYPHEN 0x08     /* holds a '-' between letters */
#define TF_USED 0x10       /* consumed by a mention or a title */
#define TF_INITIAL 0x20    /* first word of a sentence or quotation */
#define TF_LOWER4 0x40     /* four bytes or more from a lower-case a-z */
#define TF_MIXED 0x80      /* ... with an ASCII capital after ("iPhone") */

/* Candidate origin. */
enum {
	SRC_LEX = 1, /* a lexicon entry: country, place, organisation */
	SRC_CUE,     /* capitalised run with an organisation cue */
	SRC_ACRONYM, /* ALL-CAPS short word */
	SRC_PERSON,  /* first name, title or speech verb says person */
	SRC_SHAPE,   /* capitalised run without other evidence */
	SRC_DEMONYM  /* "Pakistani" */
};

typedef struct cand {
	uint32_t start, end; /* mention bytes */
	uint32_t tok0, tok1; /* tokens [tok0, tok1) */
	uint32_t sentence;
	uint8_t type; /* nr_entity_type, or 0 undecided */
	uint8_t kind; /* nr_mention_kind */
	uint8_t src;
	uint8_t guess; /* type suggested by context when undecided */
	uint8_t nwords;
	bool dropped;
	bool allcaps;            /* written in capitals only */
	bool common;             /* type is a default guess: test for a common noun */
	const nr_lex_entry *lex; /* lexicon entry, or NULL */
	const char *key;         /* canonical form for grouping */
	uint32_t keylen;
	int32_t target; /* person/org cand this one joins, or -1 */
	const nr_lex_entry *title;
	uint32_t title_start, title_end;
	char hgender;   /* 'm' or 'f' an honorific gives ("Mr", "Ms"), or 0 */
	bool portfolio; /* title is a minister's brief ("Trade Secretary") */
	bool company;   /* the words around it say a company ("shares in X") */
	int32_t affil;  /* cand index of the affiliation, or -1 */
	int32_t entity;
} cand;

/* keys.c: hash sets of cands and tokens by their text, which bound their
 * probes: past KEYS_PROBE_MAX slots a set is rebuilt under the next seed,
 * up to KEYS_SEEDS seeds. */
#define KEYS_PROBE_MAX 32
#define KEYS_SEEDS 4

typedef struct keyset {
	uint32_t *slot; /* element index + 1, 0 when empty */
	size_t mask;
	size_t bound;  /* no element sits further past its home slot */
	uint32_t seed; /* 0 until keys collided by design */
} keyset;

/* The hash of element `elem` of the set's owner under `seed`. */
typedef uint32_t (*keyset_hash_fn)(const void *owner, uint32_t elem, uint32_t seed);

/* The folded hash of s[0..n) under one of the sets' seeds. */
static inline uint32_t nr_ent__fold(const char *s, size_t n, uint32_t seed)
{
	return seed ? nr_hash__fold_seeded(s, n, seed * 0x9e3779b97f4a7c15ull)
		    : nr_hash__fold(s, n);
}

/* s's elements into cap slots under the first seed from `seed` on that
 * keeps every probe within the bound (or none, when seeds run out). False
 * when out of memory: s is then as it was. */
bool nr_ent__keyset_rebuild(keyset *s, size_t cap, uint32_t seed, keyset_hash_fn hash,
			    const void *owner);

/* Cands by key text, and by type too when `typed`. */
typedef struct keytab {
	keyset set;
	const cand *c; /* the cands, while rebuilding */
	bool typed;
} keytab;

bool nr_ent__keytab_init(keytab *t, size_t n, bool typed);
void nr_ent__keytab_free(keytab *t);
int32_t nr_ent__keytab_get(keytab *t, const cand *c, const char *key, size_t keylen, uint8_t type,
			   int32_t insert);

/* A word's shape (TF_CAP, TF_ALLCAPS, TF_HYPHEN) kept with its facts,
 * above them: a word's shape is worked out once per word of the view. */
#define ENT_SHAPE_KNOWN (1u << 16)
#define ENT_SHAPE_SHIFT 17
/* ... and its naming and title entries as a word alone (lookups.c): the
 * entries on its record (nr_lexicon__word_refs), the naming one's lexicon
 * in ENT_M1_LEX. */
#define ENT_M1_KNOWN (1u << 29)
#define ENT_M1_SHIFT 25
#define ENT_M1_LEX (0xfu << ENT_M1_SHIFT)

/* Lexicon facts about a single token (computed on first use). */
#define LX_DONE 0x01
#define LX_FW 0x02       /* function word */
#define LX_CAL 0x04      /* weekday or month */
#define LX_FNAME 0x08    /* first name */
#define LX_VERB 0x10     /* verb form */
#define LX_SPEECH 0x20   /* speech verb form */
#define LX_CUE_HEAD 0x40 /* organisation cue opening a name */
#define LX_CUE_SUFFIX 0x80
#define LX_TITLE 0x100   /* a title by itself ("spokesman") */
#define LX_MATCHED 0x200 /* mc[i] is filled */
/* Entity word classes (word_classes.tsv, ent_*). */
#define LX_PARTICLE 0x400      /* ent_name_particle: "al", "bin", "van" */
#define LX_PLACE_NOUN 0x800    /* ent_place_noun: "city", "province" */
#define LX_POSTNOMINAL 0x1000  /* ent_postnominal: "MP", "QC" (any case) */
#define LX_COMPANY_NOUN 0x2000 /* ent_company_noun: "shares", "profits" */
#define LX_COMPANY_HEAD 0x4000 /* ent_company_head: "firm", "carmaker" */
#define LX_ORG_HEAD 0x8000     /* ent_org_head: "department", "charity" */

/* The longest naming-lexicon and title matches at a token. */
typedef struct mcache {
	const nr_lex_entry *name, *title;
	uint8_t nlen, tlen, lexid;
} mcache;

typedef struct ctx {
	nr_article *a;
	const nr_lexicon_set *lex;
	nr_words *words; /* the article's words (extract/words.h) */
	const char *text;
	nr_token *toks;
	uint8_t *tf;
	int32_t *end_cand;   /* cand whose last token is this one, or -1 */
	int32_t *start_cand; /* cand whose first token is this one, or -1 */
	uint16_t *lx;        /* LX_* facts per token, computed once */
	struct mcache *mc;   /* lexicon matches per start token */
	size_t cur_se;       /* end token of the sentence being scanned */
	size_t cur_numbers;  /* number tokens in that sentence */
	/* What the article writes in lower case, and capitalised where
	 * capitals are reliable: marks on the view's records (capitals.c);
	 * sets, built on first need, when a record is missing. */
	bool marks;
	keyset lowset; /* lower-case words */
	size_t nlow;
	bool lowset_built;
	keyset capset; /* words capitalised where capitals mean something */
	bool capset_built;
	cand *c;
	size_t nc, capc;
	bool oom;
} ctx;

/* ------------------------------------------------------------------ */
/* Token text.                                                          */

static inline const char *tok_s(const ctx *x, size_t i) { return x->text + x->toks[i].start; }

static inline size_t tok_n(const ctx *x, size_t i) { return x->toks[i].end - x->toks[i].start; }

/* Is token i the (lower-case ASCII) word w[0..n), in any case? */
static inline bool tok_is_n(const ctx *x, size_t i, const char *w, size_t n)
{
	if (tok_n(x, i) != n)
		return false;
	const char *s = tok_s(x, i);
	for (size_t k = 0; k < n; k++) {
		char c = s[k];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != w[k])
			return false;
	}
	return true;
}

/* Is token i the (lower-case ASCII) word w, in any case? */
#define tok_is(x, i, w) tok_is_n((x), (i), (w), sizeof(w) - 1)

/* "Mr", "Mrs", "Ms", in any case. */
static inline bool tok_is_mister(const ctx *x, size_t i)
{
	return tok_is(x, i, "mr") || tok_is(x, i, "mrs") || tok_is(x, i, "ms");
}

static inline char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* Equal up to ASCII case; eight bytes at a time, as keys are compared
 * on every probe of the extractor's tables. */
static inline bool eq_fold(const char *a, size_t an, const char *b, size_t bn)
{
	if (an != bn)
		return false;
	size_t i = 0;
	for (; i + 8 <= an; i += 8) {
		uint64_t wa, wb;
		memcpy(&wa, a + i, 8);
		memcpy(&wb, b + i, 8);
		if (wa != wb && nr_ascii__lower8(wa) != nr_ascii__lower8(wb))
			return false;
	}
	for (; i < an; i++)
		if (a[i] != b[i] && ascii_lower(a[i]) != ascii_lower(b[i]))
			return false;
	return true;
}

/* Are s[0..n) all ASCII letters? The entity word classes hold ASCII words
 * that match up to ASCII case only; the lexicon also folds accents ("dé"
 * finds "de"), so a word must pass this before a class answers for it. */
static inline bool ascii_letters(const char *s, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (!((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z')))
			return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* Lexicon questions about a token (lookups.c), cached per token.       */

uint16_t nr_ent__facts_slow(const ctx *x, size_t i);
const mcache *nr_ent__matches_slow(const ctx *x, size_t i);
/* Is the phrase s[0..n) listed in word class `name` (word_classes.tsv)? */
bool nr_ent__in_word_class(const ctx *x, const char *s, size_t n, const char *name);

/* The LX_* facts of token i. */
static inline uint16_t facts(const ctx *x, size_t i)
{
	if (x->lx[i] & LX_DONE)
		return x->lx[i];
	return nr_ent__facts_slow(x, i);
}

/* The naming and title entries starting at token i, longest first. */
static inline const mcache *matches(const ctx *x, size_t i)
{
	if (x->lx[i] & LX_MATCHED)
		return &x->mc[i];
	return nr_ent__matches_slow(x, i);
}

static inline bool is_fw(const ctx *x, size_t i) { return (facts(x, i) & LX_FW) != 0; }

/* Weekdays and months, capitalised anywhere, are not names. */
static inline bool is_calendar(const ctx *x, size_t i) { return (facts(x, i) & LX_CAL) != 0; }

static inline bool is_first_name(const ctx *x, size_t i) { return (facts(x, i) & LX_FNAME) != 0; }

static inline bool is_speech_verb(const ctx *x, size_t i)
{
	if (x->toks[i].kind != NR_TOKEN_WORD || (x->tf[i] & TF_CAP))
		return false;
	return (facts(x, i) & LX_SPEECH) != 0;
}

/* A capitalised organisation cue, opening a name (head) or closing it. */
static inline bool is_cue(const ctx *x, size_t i, bool head)
{
	if (!(x->tf[i] & TF_CAP))
		return false;
	return (facts(x, i) & (head ? LX_CUE_HEAD : LX_CUE_SUFFIX)) != 0;
}

/* Longest match at token i among the naming lexicons, within [i, lim);
 * *lexid says which. */
static inline size_t name_match(const ctx *x, size_t i, size_t lim, const nr_lex_entry **out,
				int *lexid)
{
	const mcache *mc = matches(x, i);
	*out = mc->name;
	*lexid = mc->lexid;
	if (!mc->name || i + mc->nlen > lim)
		return 0;
	return mc->nlen;
}

/* Longest title at token i within [i, lim). */
static inline size_t title_match(const ctx *x, size_t i, size_t lim, const nr_lex_entry **out)
{
	const mcache *mc = matches(x, i);
	*out = mc->title;
	if (!mc->title || i + mc->tlen > lim)
		return 0;
	return mc->tlen;
}

/* ------------------------------------------------------------------ */
/* The passes' entry points.                                            */

/* capitals.c */
bool nr_ent__mark_tokens(ctx *x);
bool nr_ent__capset_has(const ctx *x, const char *s, size_t n);
/* The same for token i's text. */
bool nr_ent__capset_has_tok(const ctx *x, size_t i);
bool nr_ent__lower_has(ctx *x, const char *s, size_t n);

/* names.c */
#define RUN_MAX 64 /* tokens in a capitalised run: no name is that long */
bool nr_ent__name_word_slow(const ctx *x, size_t i);
/* A capitalised word no mention has taken that may be part of a name:
 * asked of every word after a capital, which most are not. */
static inline bool nr_ent__name_word(const ctx *x, size_t i)
{
	return x->toks[i].kind == NR_TOKEN_WORD && (x->tf[i] & (TF_CAP | TF_USED)) == TF_CAP &&
	       nr_ent__name_word_slow(x, i);
}
size_t nr_ent__run_end(const ctx *x, size_t i, size_t lim, size_t *plain);
bool nr_ent__initials_name(const ctx *x, size_t i, size_t lim);
bool nr_ent__hyphen_split(const ctx *x, size_t i);

/* candidates.c */
cand *nr_ent__add_cand(ctx *x, uint32_t start, uint32_t end, uint32_t tok0, uint32_t tok1,
		       uint32_t sentence);
void nr_ent__scan_sentence(ctx *x, uint32_t si);

/* typing.c */
void nr_ent__type_name_run(ctx *x, cand *c, size_t n0, size_t n1, size_t sb, size_t se);
void nr_ent__attach_title(ctx *x, cand *c, size_t q, size_t p, const nr_lex_entry *te, size_t sb);
void nr_ent__apposition(ctx *x, cand *c, size_t se);
bool nr_ent__is_postnominal(const ctx *x, size_t i);
bool nr_ent__gov_affiliation(const ctx *x, const cand *af);
/* Is the title an honorific ("Mr", "Sir", "Dr"), not an office? */
static inline bool nr_ent__honorific(const nr_lex_entry *te)
{
	return te && strcmp(te->cls, "honorific") == 0;
}

/* resolve.c */
int nr_ent__resolve(ctx *x);

/* mentions.c */
const char *nr_ent__cand_name(const cand *c);
void nr_ent__sort_cands(ctx *x);
/* What an affiliation is: a government body, a company, or neither. */
enum { AF_GOV = 1, AF_COMPANY = 2 };
int nr_ent__build(ctx *x, char **affil_names, const uint8_t *affil_gov);

#endif
