/*
 * access.h - what the layers above the core read of an analysed article
 * beyond include/newsrules.h: its mentions (every name, demonym, alias,
 * pronoun or nominal resolved to an entity, in text order), the entity
 * fields the public nr_entity_info leaves out, and how statements line up
 * with positions and quotes. Functions and small value
 * records only, so the article's structs stay inside the core: this
 * header needs no NR_CORE_BUILD.
 */
#ifndef NR_ACCESS_H
#define NR_ACCESS_H

#include "base/base.h"

typedef enum nr_mention_kind {
	NR_MENTION_NAME = 1,    /* "Paul Vance", "Vance", "Admiral Vance" */
	NR_MENTION_PRONOUN = 2, /* "he", "she", "they" resolved to the entity */
	NR_MENTION_NOMINAL = 3, /* "the spokesman", "the group" resolved */
	NR_MENTION_DEMONYM = 4, /* "Pakistani" for Pakistan */
	NR_MENTION_ALIAS = 5    /* "U.S." for United States: a lexicon alias */
} nr_mention_kind;

/* One mention, by value. */
typedef struct nr_mention_info {
	nr_span span;
	size_t entity;   /* index of the entity it names */
	size_t sentence; /* index of the sentence holding it */
	nr_mention_kind kind;
} nr_mention_info;

/* Number of mentions (0 until the article is analysed). */
size_t nr_article__mention_count(const nr_article *a);
/* Mention i, or a zeroed record (kind 0) when i is out of range. */
nr_mention_info nr_article__mention(const nr_article *a, size_t i);
/* Index of the first mention ending after byte `pos`: the first one that
 * overlaps or follows it (mentions are sorted and do not overlap). A
 * binary search; the mention count when there is none. */
size_t nr_article__mentions_from(const nr_article *a, size_t pos);
/*
 * The first mention at index `from` or after that lies wholly inside
 * `span` and names an entity of type `type` (0: any), or SIZE_MAX when
 * the span holds no more. Walk a span with from =
 * nr_article__mentions_from(a, span.start), then the last answer + 1.
 */
size_t nr_article__mention_within(const nr_article *a, nr_span span, int type, size_t from);
/* Index into the mentions of mention j of entity i, or SIZE_MAX when
 * either is out of range. */
size_t nr_article__entity_mention_index(const nr_article *a, size_t i, size_t j);
/* Entity i's identity as it acts (nr_article_entity_identity, but a
 * capital stands for its country): "" and its name when no lexicon knows
 * it. False when i is out of range. */
bool nr_article__entity_acting(const nr_article *a, size_t i, const char **id,
			       const char **canonical);
/* The entity that goes by the name s[0..n) (its name, listed name or
 * the name it acts under, up to ASCII case), the first of them; -1 when
 * none does. A binary search. */
long nr_article__entity_named(const nr_article *a, const char *s, size_t n);
/* Grammatical gender of entity i: 'm', 'f', or 0 when unknown. */
char nr_article__entity_gender(const nr_article *a, size_t i);

/* Index of the first statement whose cue starts at byte `pos` or after
 * (statements are in cue order): a binary search; the statement count
 * when there is none. */
size_t nr_article__statements_from(const nr_article *a, size_t pos);
/* The statement quote i's cue makes ("X accused Y, ..." as a quote), or
 * -1 when it makes none. */
long nr_article__quote_statement(const nr_article *a, size_t i);

/* The pass-through fields of a JSON Lines record as every alert on it
 * repeats them (core/read/jsonl.c): a JSON object text {"extra": {...},
 * "left_out": [...]}, or NULL when the record has none. */
const char *nr_article__extra_alert(const nr_article *a);

/*
 * Entities and quotes, once (nr_article_is_analyzed() says when), not
 * statements: nr_article_analyze()'s first part, which gives up, leaving
 * the article unanalysed, with NR_ETIMEOUT or NR_EINTERRUPTED when `dl`
 * says so (polled once per sentence and between passes); dl may be NULL.
 */
int nr_article__analyze(nr_article *a, const nr_lexicon *lex, const nr_deadline *dl);
/*
 * Statements, once, after entities and quotes (made first if need be, as
 * nr_article__analyze does, under the same `dl`). The statement pass polls
 * `dl` once per sentence; when it fails the article has no statements
 * (and is not stated: a later call tries again), while entities and quotes
 * made before stay.
 */
int nr_article__analyze_statements(nr_article *a, const nr_lexicon *lex, const nr_deadline *dl);
/* Has the statement pass run on `a` (statements read as computed)? */
bool nr_article__is_stated(const nr_article *a);

#endif /* NR_ACCESS_H */
