/*
 * article.h - the article model: metadata, the cleaned text, and the spans
 * the later stages fill in (paragraphs here, sentences and tokens from
 * core/segment/, entities, mentions, quotes and statements from
 * core/extract/). Only
 * the core sees these structs: the layers above read an article through
 * functions (include/newsrules.h, core/extract/access.h).
 */
#ifndef NR_ARTICLE_H
#define NR_ARTICLE_H

#ifndef NR_CORE_BUILD
#error "core/article/article.h is internal to the core: use the accessor functions"
#endif

#include "base/base.h"

/* ------------------------------------------------------------------ */
/* article.c: the article model and its builder.                        */

typedef struct nr_sentence {
	uint32_t start, end;
	uint32_t paragraph;
	uint32_t first_token;
	uint32_t ntokens;
} nr_sentence;

struct nr_article {
	nr_arena arena;
	nr_format format;
	/* Metadata: NUL-terminated, valid UTF-8, whitespace folded; "" if absent. */
	const char *id, *title, *byline, *published, *url, *source, *language;
	char *extra_json; /* malloc'd, or NULL */
	/* What an alert repeats of extra_json (jsonl.c, docs/formats.md): a
	 * JSON object {"extra": {...}, "left_out": [...]}, malloc'd, or NULL. */
	char *extra_alert;

	/* Body under construction; becomes `text` at finish. */
	nr_buf body;
	char *text;
	size_t text_len;

	nr_pspan *paragraphs;
	size_t nparagraphs, cap_paragraphs;
	nr_sentence *sentences;
	size_t nsentences;
	nr_token *tokens;
	size_t ntokens;

	/* Filled by nr_article_analyze() (core/extract.h), arena-allocated:
	 * entities and quotes when `analyzed`, statements when `stated` (a
	 * pass of its own, run when first asked for). */
	bool analyzed;
	bool stated;
	const nr_deadline *deadline; /* polled by the extractors; NULL: none */
	/* The token table the passes share (extract/words.h) while
	 * nr_article__analyze() runs them; NULL otherwise. */
	struct nr_words *words;
	struct nr_entity *entities;
	size_t nentities;
	struct nr_mention *mentions; /* every mention of every entity, by start */
	size_t nmentions;
	/* Every entity's name, listed name and acting name, sorted up to
	 * ASCII case (nr_article__entity_named). */
	struct nr_entity_key *entity_keys;
	size_t nentity_keys;
	struct nr_quote *quotes; /* by content start */
	size_t nquotes;
	struct nr_statement *statements; /* by cue start */
	size_t nstatements;
	int32_t *quote_statement; /* per quote: the statement it gives, or -1 */
	/* The words lexicons match on (lexicon/textwords.c), split the first
	 * time a rule asks; malloc'd. nlexwords == SIZE_MAX: could not be. */
	struct nr_lexword *lexwords;
	size_t nlexwords;
};

/* The most of its pass-through fields (compact JSON) that every alert on
 * an article repeats; larger ones are named in the alert, not repeated. */
#define NR_EXTRA_ALERT_MAX (16u * 1024u)

typedef enum nr_meta {
	NR_META_ID,
	NR_META_TITLE,
	NR_META_BYLINE,
	NR_META_PUBLISHED,
	NR_META_URL,
	NR_META_SOURCE,
	NR_META_LANGUAGE
} nr_meta;

int nr_article__new(nr_article **out, nr_format format);
/*
 * Set a metadata field from UTF-8 bytes: control characters dropped,
 * whitespace folded and trimmed. An empty result leaves the field unset.
 * Setting a field that is already set replaces it.
 */
int nr_article__set_meta(nr_article *a, nr_meta field, const char *s, size_t len);
bool nr_article__has_meta(const nr_article *a, nr_meta field);
/*
 * Append a paragraph of UTF-8 text: invalid bytes repaired, NULs and
 * control characters dropped, invisible characters removed, whitespace
 * runs folded to one space, ends trimmed. Empty paragraphs are skipped.
 * Paragraphs are joined with "\n\n" in the final text.
 */
int nr_article__add_paragraph(nr_article *a, const char *s, size_t len);
/* Freeze the body into `text` (sentences and tokens come from
 * core/segment/, see nr_read__finish). Later calls do nothing. */
int nr_article__finish(nr_article *a);

/* Fold whitespace and drop control characters into `out` (no trimming of
 * the buffer's prior contents). Used for metadata and paragraphs alike. */
void nr_text__clean_append(nr_buf *out, const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* json.c: the article's own fields as JSON (jansson values).           */

struct json_t;

/* A string member, null when val is NULL or "". NR_OK or NR_ENOMEM. */
int nr_json__set_str(struct json_t *obj, const char *key, const char *val);
/* {"start": start, "end": end}, or NULL when out of memory. */
struct json_t *nr_json__span(size_t start, size_t end);
/*
 * Start inspect's object for an article: metadata, text, paragraphs,
 * sentences (and tokens with NR_JSON_TOKENS). *out is the object, or NULL
 * when none could be made; a non-zero return with an object means some
 * member is missing for want of memory.
 */
int nr_article__json_begin(struct json_t **out, const nr_article *a, unsigned int flags);
/* Add the pass-through fields, serialise into *out (nr_free) and release
 * the object. NR_OK or NR_ENOMEM. */
int nr_article__json_end(struct json_t *o, const nr_article *a, unsigned int flags, char **out);

#endif /* NR_ARTICLE_H */
