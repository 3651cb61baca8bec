/*
 * extract.h - the entity, quotation and statement model shared by the
 * extractors (entities/, quotes/, statements/) and JSON output; the layers
 * above the core read it through functions (include/newsrules.h,
 * extract/access.h). Everything lives in the article's arena and is
 * computed once per article: entities and quotes by nr_article__analyze(),
 * statements by nr_article__analyze_statements() (both by
 * nr_article_analyze()).
 */
#ifndef NR_EXTRACT_H
#define NR_EXTRACT_H

#include "article/article.h"
#include "extract/access.h"
#include "extract/words.h"
#include "lexicon/lexicon.h"

typedef struct nr_mention {
	uint32_t start, end; /* byte span in the text */
	uint32_t entity;     /* index into a->entities */
	uint32_t sentence;   /* index into a->sentences */
	uint8_t kind;        /* nr_mention_kind */
} nr_mention;

typedef struct nr_entity {
	const char *name; /* canonical, NUL-terminated */
	uint8_t type;     /* nr_entity_type */
	bool official;
	char gender;             /* 'm', 'f' or 0 */
	const char *title;       /* "" when none */
	const char *affiliation; /* "" when none */
	/* The same in every article (lexicon/identity.c): the id, "" when no
	 * lexicon knows the entity, and the lexicon's name, else `name`; then
	 * what it stands for when it acts (a capital: its country). */
	const char *id, *canonical;
	const char *act_id, *act_canonical;
	uint32_t *mentions; /* indexes into a->mentions, in text order */
	uint32_t nmentions;
} nr_entity;

/* A name an entity goes by (extract/entities/mentions.c). */
typedef struct nr_entity_key {
	const char *s;
	uint32_t len;
	uint32_t entity;
} nr_entity_key;

typedef struct nr_quote {
	uint32_t start, end;                 /* content span */
	uint8_t kind;                        /* nr_quote_kind */
	int32_t speaker_entity;              /* index into a->entities, or -1 */
	const char *speaker;                 /* canonical name, group as written, or NULL */
	uint32_t speaker_start, speaker_end; /* as written (0,0 when absent) */
	uint32_t cue_start, cue_end;         /* attribution verb (0,0 when none) */
	const char *cue_lemma;               /* "" when no cue */
	uint32_t sentence;                   /* sentence holding the content start */
} nr_quote;

/* A party to a statement (actor, target, reporter). */
typedef struct nr_party {
	uint32_t start, end; /* as written (0,0 when nowhere) */
	int32_t entity;      /* index into a->entities, or -1 */
	const char *name;    /* canonical name or phrase as written; NULL: none */
	const char *kind;    /* nr_lexicon__actor_kinds[...] or "" */
	const char *country; /* ISO alpha-3 or "" */
	/* Its entity's identity as it acts (act_id, act_canonical); for a
	 * group as written, "" and its name. */
	const char *id, *canonical;
	bool official;
} nr_party;

typedef struct nr_statement {
	const char *act, *cameo; /* arena copies */
	nr_party actor, target, reported;
	uint32_t content_start, content_end;
	uint32_t cue_start, cue_end;
	uint32_t denied_start, denied_end;
	uint32_t sentence;
	int32_t quote;    /* the quote it comes from or sits in, or -1 */
	uint8_t modality; /* nr_modality */
	uint8_t voice;    /* nr_voice */
	bool negated;
} nr_statement;

/* The first mention ending after byte b (a->mentions is sorted by start
 * and its spans do not overlap, so by end too): the first one that
 * overlaps or follows b. Binary search. */
size_t nr_mentions__from(const nr_article *a, uint32_t b);

/* Entities and their mentions; runs first. */
int nr_entities__run(nr_article *a, const nr_lexicon_set *lex);
/* Quotations and speakers; may add pronoun/nominal mentions to entities. */
int nr_quotes__run(nr_article *a, const nr_lexicon_set *lex);
/* Statements (actor -> act -> target), from the cues, entities and quotes. */
int nr_statements__run(nr_article *a, const nr_lexicon_set *lex);

/* The first of tokens t[0..n) that starts at or after byte b (n when
 * none): a binary search over the article's tokens, sorted by start. */
static inline uint32_t nr_tokens__first_at(const nr_token *t, uint32_t n, uint32_t b)
{
	uint32_t lo = 0, hi = n;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (t[mid].start < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

#endif
