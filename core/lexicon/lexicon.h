/*
 * lexicon.h - general-knowledge word lists (countries, places, first
 * names, titles, organisations, speech verbs, function words) compiled
 * into the library, plus per-engine user additions. Internal for now.
 *
 * A set holds the built-in lexicons (parsed once, immutable, shared by
 * reference between sets) and its own user additions. Lookups on a set
 * never allocate and may run from any number of threads at once (a view,
 * nr_lexicon__view, allocates and serves one thread); additions
 * (nr_lexicon__add*, nr_lexicon__load*) must happen before the set is
 * shared, because they race with readers; views made before one are
 * stale (a warm view is then made afresh).
 *
 * Matching folds case (ASCII, Latin-1, Latin Extended-A), strips the
 * accents of those letters, treats ’ as ' and collapses whitespace, so
 * "SÃO  paulo" finds "São Paulo". A form listed with a leading '=' in a
 * data file (or added with NR_LEXF_EXACT_CASE) only matches with exactly
 * that case: "=US" is the country, "us" is not; "=WHO" is the agency.
 */
#ifndef NR_LEXICON_H
#define NR_LEXICON_H

#include "base/base.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The built-in lexicons, in this order; user lexicons get ids after. */
typedef enum nr_lex_id {
	NR_LEX_COUNTRIES = 0,  /* countries.tsv */
	NR_LEX_LOCATIONS,      /* locations.tsv: continents, regions, states, cities */
	NR_LEX_FIRST_NAMES,    /* first_names.tsv */
	NR_LEX_TITLES,         /* titles.tsv: offices, ranks, professions, honorifics */
	NR_LEX_ORGANIZATIONS,  /* organizations.tsv: well-known bodies */
	NR_LEX_ORG_CUES,       /* org_cues.tsv: words that make a name an organisation */
	NR_LEX_GOV_ACTORS,     /* government_actors.tsv: "White House" -> United States */
	NR_LEX_SPEECH_VERBS,   /* speech_verbs.tsv: every inflected form, with class */
	NR_LEX_VERBS,          /* verbs.tsv: irregular and common verbs, every form */
	NR_LEX_FUNCTION_WORDS, /* function_words.tsv: stop words, sentence starters */
	NR_LEX_WORD_CLASSES,   /* word_classes.tsv: closed classes the extractors test */
	NR_LEX_CAMEO_VERBS,    /* cameo_verbs.tsv: verbs of speech and stance, act, CAMEO code */
	NR_LEX_ACTOR_KINDS,    /* actor_kinds.tsv: "ministry" -> ministry, "rebels" -> group */
	NR_LEX_PERSONS,        /* persons.tsv: people's names; ships empty, users fill it */
	NR_LEX_BUILTIN_COUNT
} nr_lex_id;

#define NR_LEX_ANY (-1) /* lookups: any lexicon */

typedef enum nr_official {
	NR_OFFICIAL_NO = 0,
	NR_OFFICIAL_YES = 1,
	NR_OFFICIAL_DEPENDS = 2 /* official only when the affiliation is a government */
} nr_official;

#define NR_LEXF_EXACT_CASE 0x01u /* matches only with the listed case */
#define NR_LEXF_USER 0x02u       /* added at run time, not built in */

/*
 * One form of one entry. Strings are NUL-terminated, never NULL ("" when
 * a column is empty) and live as long as the set (built-ins: as long as
 * any set sharing them).
 *
 * Field meanings per lexicon:
 *   countries:         canonical = country name; cls = "name" | "alias" |
 *                      "demonym"; country = canonical; extra = capital;
 *                      fields = name iso2 iso3 capital demonyms aliases
 *   locations:         canonical = place; cls = kind (continent, region,
 *                      territory, state, city); country = its country or ""
 *   first_names:       canonical = the name; gender = 'm' | 'f' | 'u'
 *   titles:            canonical = title; cls = class (head_of_state,
 *                      minister, military, ...); official
 *   organizations:     canonical = name; cls = kind; country = home country
 *   org_cues:          canonical = full word ("Corp." -> "Corporation");
 *                      cls = "head" | "suffix" | "both"
 *   government_actors: canonical = phrase; country; cls = what it stands for
 *   speech_verbs:      canonical = lemma; cls = speech class (assertive,
 *                      accuse, deny, ...); extra = particle ("on" in
 *                      "called on") or ""; form = base/3sg/past/...
 *   verbs:             canonical = lemma; form as above
 *   function_words:    cls = class(es), '|'-separated
 *   word_classes:      as function_words
 *   cameo_verbs:       canonical = lemma; cls = act ("accuse", "deny", ...);
 *                      extra = particle or ""; form as for verbs;
 *                      fields = lemma particle act cameo objects forms
 *   actor_kinds:       canonical = the noun; cls = kind (nr_lexicon__actor_kinds);
 *                      official
 *   persons:           canonical = the person's name (aliases share it)
 *   user lexicons:     fields = phrase [canonical [class]]
 */
typedef struct nr_lex_entry {
	const char *phrase;    /* the form as listed, whitespace folded */
	const char *canonical; /* never "" */
	const char *cls;
	const char *country;
	const char *extra;
	const char *form;          /* verbs: base, 3sg, past, pastpart, ing; else "" */
	const char *const *fields; /* the data row the form came from */
	uint8_t nfields;
	uint8_t flags;    /* NR_LEXF_* */
	uint8_t official; /* nr_official (titles) */
	char gender;      /* 'm' 'f' 'u' for first names, else 0 */
	uint16_t lexicon; /* nr_lex_id or a user lexicon id */
	uint16_t nwords;  /* space-separated words in the folded form */
	/* Internal: the classes of a word_classes row as bits
	 * (nr_lexicon__class_bit), and the hash chain. */
	uint64_t classes_;
	uint64_t hash_;
	const char *key_; /* folded form */
	uint32_t keylen_;
	const struct nr_lex_entry *next_; /* next entry with the same key */
} nr_lex_entry;

/* Compiled-in data files (generated by cmake/embed.cmake). */
typedef struct nr_lex_blob {
	const char *name; /* file name without extension */
	const unsigned char *data;
	size_t len;
} nr_lex_blob;

extern const nr_lex_blob nr_lexicon__blobs[];
extern const size_t nr_lexicon__nblobs;

typedef struct nr_lexicon_builtins nr_lexicon_builtins;
typedef struct nr_lexicon_set nr_lexicon_set;

/*
 * The built-ins parsed from the compiled-in data, with their hash tables:
 * one copy per process, made on first use (pthread_once) and kept until
 * exit, retained for the caller. It is immutable and reference counted
 * (atomically), so sets in different threads share it. On failure returns
 * NR_ENOMEM or NR_EPARSE with a reason ("countries.tsv:12: ...") in *err.
 */
int nr_lexicon__builtins_new(nr_lexicon_builtins **out, nr_buf *err);
/*
 * The same from other data (one blob per built-in lexicon, by name), with
 * the same strict checks: how tests prove that a broken file is refused.
 */
int nr_lexicon__builtins_from(nr_lexicon_builtins **out, const nr_lex_blob *blobs, size_t nblobs,
			      nr_buf *err);
void nr_lexicon__builtins_retain(nr_lexicon_builtins *b);
void nr_lexicon__builtins_release(nr_lexicon_builtins *b); /* NULL ok */

/*
 * A set over `builtins` (retained; pass NULL to build a private copy).
 * NR_OK, NR_ENOMEM, or NR_EPARSE (built-in data broken) with *err set.
 */
int nr_lexicon__set_new(nr_lexicon_set **out, nr_lexicon_builtins *builtins, nr_buf *err);
void nr_lexicon__set_free(nr_lexicon_set *set); /* NULL ok */

/* The kinds of actor actor_kinds.tsv may name ("government", "ministry",
 * ...), NULL-terminated: static strings. */
extern const char *const nr_lexicon__actor_kinds[];

/* Lexicon id for a name ("countries", or a user lexicon), or -1. */
int nr_lexicon__id(const nr_lexicon_set *set, const char *name);
/* Name of a lexicon id, or NULL. */
const char *nr_lexicon__name(const nr_lexicon_set *set, int id);
/* Number of lexicons (built-in and user). */
int nr_lexicon__count(const nr_lexicon_set *set);
/* Rows (not forms) held by a lexicon, built-in plus user. */
size_t nr_lexicon__rows(const nr_lexicon_set *set, int id);
/* Forms (hash keys) held by a lexicon, built-in plus user. */
size_t nr_lexicon__forms(const nr_lexicon_set *set, int id);

/*
 * Add entries at run time. `lexicon` names a built-in (the row must then
 * follow that lexicon's data format, see docs/lexicons.md) or any other
 * name [a-z0-9_.-]+, which creates a user lexicon whose rows are
 * "phrase[<TAB>canonical[<TAB>class]]". load() takes a whole buffer in the
 * data-file syntax (comments, blank lines); `source` names it in errors.
 * On a malformed row returns NR_EPARSE with "source:line: reason" in *err
 * and keeps the rows before it. A row repeating one already there is
 * ignored. Not thread-safe against concurrent lookups.
 */
int nr_lexicon__add(nr_lexicon_set *set, const char *lexicon, const char *row, nr_buf *err);
int nr_lexicon__load(nr_lexicon_set *set, const char *lexicon, const char *data, size_t len,
		     const char *source, nr_buf *err);
/* As load(), from a file (NR_EIO when it cannot be read). */
int nr_lexicon__load_file(nr_lexicon_set *set, const char *lexicon, const char *path, nr_buf *err);

/*
 * The lenient reading of a user's lexicon, which one bad row never stops:
 * a row (or a form of it) that breaks the format or a limit (bad UTF-8, a
 * form over 200 bytes, a wrong column, a NUL byte) is skipped and reported
 * to `warn` as "source:line: reason; skipped"; the rest loads. The first
 * NR_LEX_MAX_WARNINGS such rows are reported one by one, then how many
 * more there were. A row of a built-in lexicon may give its first column
 * alone where the others have a default (a plain list of names: see
 * docs/lexicons.md). Returns NR_OK, or NR_EINVAL (bad lexicon name),
 * NR_ENOMEM, NR_EIO (the file cannot be read) or NR_ETOOBIG (larger than
 * NR_LEX_MAX_FILE) with the reason, naming the source, in *err.
 */
typedef void (*nr_lex_warn_fn)(void *payload, const char *message);
#define NR_LEX_MAX_WARNINGS 50
#define NR_LEX_MAX_FILE (256u * 1024u * 1024u)
int nr_lexicon__load_lenient(nr_lexicon_set *set, const char *lexicon, const char *data, size_t len,
			     const char *source, nr_lex_warn_fn warn, void *payload, nr_buf *err);
int nr_lexicon__load_file_lenient(nr_lexicon_set *set, const char *lexicon, const char *path,
				  nr_lex_warn_fn warn, void *payload, nr_buf *err);
/* The whole of a file, at most `max` bytes, appended to b: NR_OK, NR_EIO,
 * NR_ETOOBIG or NR_ENOMEM with "path: reason" in *err (may be NULL). */
int nr_lexicon__read_file(const char *path, size_t max, nr_buf *b, nr_buf *err);
/* Is lexicon `id` a built-in one? */
static inline bool nr_lexicon__is_builtin(int id) { return id >= 0 && id < NR_LEX_BUILTIN_COUNT; }

/*
 * First entry for a phrase in lexicon `lex` (or NR_LEX_ANY); user entries
 * come before built-ins. NULL when absent.
 */
const nr_lex_entry *nr_lexicon__lookup(const nr_lexicon_set *set, int lex, const char *phrase,
				       size_t len);
/* Every entry for a phrase (up to cap); returns how many there are. */
size_t nr_lexicon__lookup_all(const nr_lexicon_set *set, int lex, const char *phrase, size_t len,
			      const nr_lex_entry **out, size_t cap);
/* The same for an entry's own phrase as listed (e->phrase), found by the
 * key the entry keeps: the entries listed with it. */
size_t nr_lexicon__entry_all(const nr_lexicon_set *set, const nr_lex_entry *e, int lex,
			     const nr_lex_entry **out, size_t cap);

typedef struct nr_lex_match {
	const nr_lex_entry *entry;
	size_t ntokens;  /* tokens covered, from the start position */
	bool possessive; /* the last token carried a 's that was dropped */
} nr_lex_match;

/*
 * A view of `set` for the analysis of one article, allocated in `arena`:
 * the same lookups with the same answers, but each phrase asked about is
 * folded and hashed once and its lemma found once, however often the
 * extractors ask. `hint` is about how many words will be asked about (the
 * article's tokens). Use a view from one thread, never add to or free it;
 * it lives as long as both set and arena. When memory is short it is set
 * itself.
 */
const nr_lexicon_set *nr_lexicon__view(const nr_lexicon_set *set, nr_arena *arena, size_t hint);

/*
 * A phrase as a view remembers it. A question asked of the record gives
 * the answer the same question asked by text gives, without hashing the
 * text and finding the record again: the extractors find each token of an
 * article once (extract/words.c) and ask their questions of its record.
 * Records live as long as the view.
 */
typedef struct nr_lex_word nr_lex_word;
/* The view's record of w[0..n), made on the first question; NULL when
 * `set` is no view, the phrase is too long to be a key, the view is full
 * or memory is short: ask by text then. */
nr_lex_word *nr_lexicon__word(const nr_lexicon_set *set, const char *w, size_t n);
/* The records of the n tokens toks (spans into text) into out[0..n),
 * each marked seen under generation gen (nr_lexicon__word_seen); false
 * when one has none. */
bool nr_lexicon__words(const nr_lexicon_set *set, const char *text, const nr_token *toks, size_t n,
		       uint32_t gen, nr_lex_word **out);
/*
 * Room on a record for what a user of views works out of the phrase and
 * the set alone (nothing of one article): NR_LEX_WORD_FACTS numbers, 0
 * until set, kept as long as the record, which may be longer than one
 * analysis (nr_lexicon__borrow_view). Slot i belongs to one user
 * (extract/words.h).
 */
#define NR_LEX_WORD_FACTS 4
/* A record begins with what its users read most (inline, below); the
 * rest is the lexicon's. */
typedef struct nr_lex_word_head {
	uint32_t facts[NR_LEX_WORD_FACTS];
	uint32_t mark_gen, marks; /* nr_lexicon__word_marks(), NR_LEX_WORD_SEEN */
	nr_lex_word *caseless;    /* nr_lexicon__word_caseless(), once found */
} nr_lex_word_head;
static inline nr_lex_word_head *nr_lexicon__word_head(nr_lex_word *w)
{
	return (nr_lex_word_head *)(void *)w;
}
static inline uint32_t *nr_lexicon__word_facts(nr_lex_word *w)
{
	return nr_lexicon__word_head(w)->facts;
}
/* Room on a record for entries of the set a user picks out of the
 * phrase's (NULL until set), under the same terms as the facts. */
#define NR_LEX_WORD_REFS 2
const void **nr_lexicon__word_refs(nr_lex_word *w);
/*
 * What one analysis notes of the words of its article ("written in lower
 * case somewhere"), on their records instead of in sets of its own: a
 * generation number per analysis under a view (0 when `set` is no view),
 * and bits marked on a record under a generation, read back as 0 under
 * any other.
 */
uint32_t nr_lexicon__view_generation(const nr_lexicon_set *set);
/* The mark nr_lexicon__words() makes, the one users may not. */
#define NR_LEX_WORD_SEEN (1u << 31)
static inline void nr_lexicon__word_mark(nr_lex_word *w, uint32_t gen, uint32_t bits)
{
	nr_lex_word_head *h = nr_lexicon__word_head(w);
	if (h->mark_gen != gen) {
		h->mark_gen = gen;
		h->marks = 0;
	}
	h->marks |= bits;
}
static inline uint32_t nr_lexicon__word_marks(nr_lex_word *w, uint32_t gen)
{
	nr_lex_word_head *h = nr_lexicon__word_head(w);
	return h->mark_gen == gen ? h->marks & ~NR_LEX_WORD_SEEN : 0;
}
/* Is the phrase a token of the analysis of generation gen (it was given
 * to nr_lexicon__words() under it)? */
static inline bool nr_lexicon__word_seen(nr_lex_word *w, uint32_t gen)
{
	nr_lex_word_head *h = nr_lexicon__word_head(w);
	return h->mark_gen == gen && (h->marks & NR_LEX_WORD_SEEN);
}
/* The record of the phrase with its ASCII capitals lowered ("Labour" ->
 * "labour"; w itself when it has none): phrases equal up to ASCII case
 * share it. NULL when the view cannot make it (full, short of memory). */
nr_lex_word *nr_lexicon__word_caseless_slow(const nr_lexicon_set *set, nr_lex_word *w);
static inline nr_lex_word *nr_lexicon__word_caseless(const nr_lexicon_set *set, nr_lex_word *w)
{
	nr_lex_word *c = nr_lexicon__word_head(w)->caseless;
	return c ? c : nr_lexicon__word_caseless_slow(set, w);
}
/* Can the record's phrase have an entry in lexicon `lex` (or NR_LEX_ANY)?
 * False only when it surely has none. */
bool nr_lexicon__word_may_hold(const nr_lex_word *w, int lex);
/* nr_lexicon__lookup_all() and nr_lexicon__lookup() of the record's
 * phrase. */
size_t nr_lexicon__word_all(const nr_lex_word *w, int lex, const nr_lex_entry **out, size_t cap);
const nr_lex_entry *nr_lexicon__word_first(const nr_lex_word *w, int lex);
/* nr_lexicon__lemma() of the record's phrase. */
const char *nr_lexicon__word_lemma(const nr_lexicon_set *set, nr_lex_word *w);
/* nr_lexicon__may_start() of the record's phrase. */
int nr_lexicon__word_may_start(const nr_lexicon_set *set, nr_lex_word *w, int lex);
/*
 * The classes of the record's phrase in word_classes (its first
 * NR_LEX_CLASS_ROWS entries there, as nr_lexicon__lookup_all() gives them),
 * as a mask of nr_lexicon__class_bit() bits: what the extractors test a
 * token against, in one look.
 */
#define NR_LEX_CLASS_ROWS 8
uint64_t nr_lexicon__word_classes(nr_lex_word *w);
/*
 * The bit of a word_classes class in those masks: 1 << i for the i-th
 * class name of the built-in data, or 0 when the data has no such class
 * (or more classes than a mask holds): then ask by rows.
 */
uint64_t nr_lexicon__class_bit(const nr_lexicon_set *set, const char *name);

/*
 * Can a phrase of lexicon `lex` (not NR_LEX_ANY) start with the word
 * w[0..n)? NR_LEXSTART_FORM when the word is one of its forms,
 * NR_LEXSTART_PHRASE when it is the first word of a longer one (both
 * bits may be set), 0 when neither. One look-up, which a view remembers,
 * and one probe: the cheap test before nr_lexicon__match() on every word
 * of an article (which only a phrase start needs).
 */
/* Might w[0..n) begin a form of built-in lexicon `lex`? False only when
 * it surely does not: a Bloom filter of first words, no look-up. */
bool nr_lexicon__maybe_start(const nr_lexicon_set *set, int lex, const char *w, size_t n);
#define NR_LEXSTART_FORM 1
#define NR_LEXSTART_PHRASE 2
int nr_lexicon__may_start(const nr_lexicon_set *set, int lex, const char *w, size_t n);

/*
 * Call fn for every form of lexicon `lex` (or NR_LEX_ANY): user entries,
 * then built-ins, in no particular order. A non-zero return stops the
 * walk and is returned.
 */
int nr_lexicon__foreach(const nr_lexicon_set *set, int lex,
			int (*fn)(const nr_lex_entry *e, void *payload), void *payload);

/*
 * Longest phrase of lexicon `lex` starting at token `i` of `toks` (spans
 * into `text`). Tokens that touch (no space between) join without a
 * space, so "U" "." "S" "." finds "U.S.". A trailing 's or ’s on the last
 * token is tried without it ("Pakistan's"). Returns tokens matched (0
 * when nothing matches) and fills *m.
 */
size_t nr_lexicon__match(const nr_lexicon_set *set, int lex, const char *text, const nr_token *toks,
			 size_t ntoks, size_t i, nr_lex_match *m);
/* The same when `first` is the view's record of token i (NULL: none). */
size_t nr_lexicon__match_word(const nr_lexicon_set *set, int lex, const char *text,
			      const nr_token *toks, size_t ntoks, size_t i, nr_lex_word *first,
			      nr_lex_match *m);

/*
 * Lemma of a verb form the lexicons know ("said" -> "say", "denies" ->
 * "deny", "called" -> "call"), or NULL. Borrowed from the set.
 */
const char *nr_lexicon__lemma(const nr_lexicon_set *set, const char *word, size_t len);
/*
 * Rule-based lemma for any English verb form (for words no lexicon
 * knows): strips -s/-es/-ies, -ed/-ied, -ing, undoes consonant doubling
 * and restores a dropped e by common spelling rules. Writes a lowercase
 * NUL-terminated lemma into out (cap bytes) and returns its length, or 0
 * when it does not fit.
 */
size_t nr_lexicon__lemma_guess(const char *word, size_t len, char *out, size_t cap);
/* Lemma from the lexicons, else guessed; into out as above. */
size_t nr_lexicon__lemma_into(const nr_lexicon_set *set, const char *word, size_t len, char *out,
			      size_t cap);

/*
 * The country a name, alias, demonym or adjective stands for ("Pakistani",
 * "U.S.", "Britain"): the country's "name" entry (fields hold its codes,
 * capital, demonyms), or NULL.
 */
const nr_lex_entry *nr_lexicon__country(const nr_lexicon_set *set, const char *phrase, size_t len);
/* The country an ISO 3166 alpha-2 or alpha-3 code names, or NULL. */
const nr_lex_entry *nr_lexicon__country_by_code(const nr_lexicon_set *set, const char *code);
/*
 * Identities (identity.c): what a name stands for in every article,
 * whatever alias the article used. The id of a country is its ISO 3166
 * alpha-3 code ("USA"); of an organisation the organizations lexicon
 * lists, "org:" and its listed name folded, apostrophes and full stops
 * dropped, other runs of non-alphanumerics made one '-'
 * ("org:european-union"); of a government actor, "gov:" the same way
 * ("gov:white-house"). `canonical` is the listed name ("United States",
 * "European Union"), borrowed from the set.
 */
#define NR_LEX_ID_MAX 232
typedef struct nr_lex_identity {
	const nr_lex_entry *entry; /* the country's "name" entry, or the row */
	const char *canonical;
	char id[NR_LEX_ID_MAX];
} nr_lex_identity;
/* The identity of a countries (any form but it is the country's),
 * organizations or government_actors entry; false (and *out zeroed) for
 * any other entry. */
bool nr_lexicon__identity_of(const nr_lexicon_set *set, const nr_lex_entry *e,
			     nr_lex_identity *out);
/* The country a place stands for when it acts ("Washington said"): a
 * city of locations or a government_actors row that is its country's
 * capital in countries.tsv and that government_actors lists as standing
 * for "government" (and nothing else: "Brussels" stands for the EU).
 * False when it stands for none ("Lisbon" is listed nowhere there). */
bool nr_lexicon__acting(const nr_lexicon_set *set, const nr_lex_entry *place, nr_lex_identity *out);
/* The identity of a name as an actor's name: an organisation, a country
 * by name or alias (not demonym), a capital standing for its country, a
 * government actor. Forms listed with '=' match in their case only. */
bool nr_lexicon__identify(const nr_lexicon_set *set, const char *name, size_t n,
			  nr_lex_identity *out);

/* A title or office ("Sen.", "foreign minister"), or NULL. */
const nr_lex_entry *nr_lexicon__title(const nr_lexicon_set *set, const char *phrase, size_t len);
/* 'm', 'f' or 'u' for a known first name, else 0. */
char nr_lexicon__gender(const nr_lexicon_set *set, const char *name, size_t len);
/* Is the word a function word (stop word or sentence starter)? */
bool nr_lexicon__is_function_word(const nr_lexicon_set *set, const char *word, size_t len);

/*
 * Is the word (ending in '.') a listed abbreviation: "Gen.", "Sen.",
 * "Calif.", "U.S.", "Corp."? For the segmenter, which must not end a
 * sentence there.
 */
bool nr_lexicon__is_abbreviation(const nr_lexicon_set *set, const char *word, size_t len);

/*
 * The words of the built-in word_classes lexicon (the compiled-in data,
 * not a set's additions) that carry one of the n (1 to 32) classes named
 * in `classes`, as a word set: bit i of a word's value stands for
 * classes[i]. A word listed with '=' matches only in that case, the
 * others in any ASCII case. For stages that have no lexicon set (the
 * segmenter): build it once, then share it read-only. NR_OK, NR_ENOMEM,
 * NR_EINVAL, or NR_EPARSE when the data is broken or has no word of a
 * class asked for, with the reason in *err (may be NULL); on failure *ws
 * is left empty.
 */
int nr_lexicon__class_set(nr_wordset *ws, const char *const *classes, size_t n, nr_buf *err);

/*
 * Fold a phrase the way keys are folded (see above) into out; returns the
 * length, or SIZE_MAX when it does not fit in cap - 1 bytes.
 */
size_t nr_lexicon__fold(const char *s, size_t len, char *out, size_t cap);

/*
 * The views a lexicon keeps warm between analyses (public.c): an article
 * asks about the words the ones before it asked about, and a view that
 * stays remembers them. A few analyses at a time, in any threads, may each
 * borrow one; the others make a view of their own.
 */
typedef struct nr_lexicon_warm nr_lexicon_warm;

/* The public nr_lexicon wraps an internal set. */
struct nr_lexicon {
	nr_lexicon_set *set;
	nr_buf error;
	nr_lexicon_warm *warm; /* NULL: none kept */
};

/*
 * A view of lex's set for one analysis: a warm one when one is free (made
 * afresh when the set has changed or it grew past its bound), else one
 * made in `arena` as nr_lexicon__view() does. *slot says which, for
 * nr_lexicon__give_back(), which the caller must call when done.
 */
const nr_lexicon_set *nr_lexicon__borrow_view(const nr_lexicon *lex, nr_arena *arena, size_t hint,
					      int *slot);
void nr_lexicon__give_back(const nr_lexicon *lex, int slot);
/* The warm views of a new lexicon (NULL when memory is short: then it
 * keeps none), and their end. */
nr_lexicon_warm *nr_lexicon__warm_new(void);
void nr_lexicon__warm_free(nr_lexicon_warm *w); /* NULL ok */

/* ------------------------------------------------------------------ */
/* textwords.c: the words news.lexicon matches on.                      */

/* A word of a text: bytes [start, end) and the hash of its bytes with
 * ASCII letters lowered (nr_lexicon__word_hash). */
typedef struct nr_lexword {
	uint32_t start, end;
	uint32_t hash;
} nr_lexword;

/* The next word at or after pos in s[0..len): a run of letters and digits
 * (any script), hyphens inside it included. False when there is none. */
bool nr_lexicon__next_word(const char *s, size_t len, size_t pos, size_t *ws, size_t *we);
/* FNV-1a of w[0..n) with ASCII letters lowered. */
uint32_t nr_lexicon__word_hash(const char *w, size_t n);
/* The words of a's text, in order, split on first call and kept with the
 * article (freed with it; an article is read by one thread at a time).
 * NULL with *n = 0 when memory ran out: callers split the text themselves. */
const nr_lexword *nr_lexicon__article_words(nr_article *a, size_t *n);

#endif /* NR_LEXICON_H */
