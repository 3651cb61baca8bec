/*
 * extract.h - the entity and quotation model shared by the extractors
 * (entities/, quotes/) and JSON output; the layers above the core read it
 * through functions (include/newsrules.h, extract/access.h). Everything
 * lives in the article's arena and is computed once per article by
 * nr_article_analyze().
 */
#ifndef NR_EXTRACT_H
#define NR_EXTRACT_H

#include "article/article.h"
#include "extract/access.h"
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
	uint32_t *mentions;      /* indexes into a->mentions, in text order */
	uint32_t nmentions;
} nr_entity;

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

/* The first mention ending after byte b (a->mentions is sorted by start
 * and its spans do not overlap, so by end too): the first one that
 * overlaps or follows b. Binary search. */
size_t nr_mentions__from(const nr_article *a, uint32_t b);

/* Entities and their mentions; runs first. */
int nr_entities__run(nr_article *a, const nr_lexicon_set *lex);
/* Quotations and speakers; may add pronoun/nominal mentions to entities. */
int nr_quotes__run(nr_article *a, const nr_lexicon_set *lex);

#endif
