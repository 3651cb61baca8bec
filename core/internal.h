/*
 * internal.h - declarations shared between the files of the core library.
 * Nothing here is part of the public API. Cross-file helpers are named
 * nr_<module>__<verb>.
 */
#ifndef NR_INTERNAL_H
#define NR_INTERNAL_H

#include "newsrules.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define NR_UNUSED(x) ((void)(x))
#define NR_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#if defined(__GNUC__)
#define NR_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define NR_PRINTF(f, a)
#endif

/* ------------------------------------------------------------------ */
/* arena.c: bump allocator; everything an article owns lives in one.    */

typedef struct nr_arena_block nr_arena_block;

typedef struct nr_arena {
	nr_arena_block *head;
	size_t total; /* bytes held by all blocks */
} nr_arena;

void nr_arena__init(nr_arena *arena);
void nr_arena__free(nr_arena *arena);
/* Aligned to max_align_t; NULL on out of memory. */
void *nr_arena__alloc(nr_arena *arena, size_t size);
void *nr_arena__calloc(nr_arena *arena, size_t n, size_t size);
/* Copy of s[0..len) plus a NUL terminator. */
char *nr_arena__strndup(nr_arena *arena, const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* buf.c: growable byte buffer (always NUL-terminated when non-empty).  */

typedef struct nr_buf {
	char *data;
	size_t len;
	size_t cap;
	bool oom; /* sticky: an append failed */
} nr_buf;

#define NR_BUF_INIT { NULL, 0, 0, false }

/* Doubles the capacity *cap (to `first` when 0) of the array *arr of
 * `elem`-byte items. False, with *arr and *cap unchanged, when out of
 * memory or the size would overflow. */
bool nr__grow(void **arr, size_t *cap, size_t elem, size_t first);

void nr_buf__free(nr_buf *b);
bool nr_buf__reserve(nr_buf *b, size_t extra);
void nr_buf__put(nr_buf *b, const char *s, size_t len);
void nr_buf__puts(nr_buf *b, const char *s);
void nr_buf__putc(nr_buf *b, char c);
void nr_buf__printf(nr_buf *b, const char *fmt, ...) NR_PRINTF(2, 3);
/* Hand the bytes over (caller frees); the buffer is left empty. */
char *nr_buf__detach(nr_buf *b, size_t *len);

/* ------------------------------------------------------------------ */
/* utf8.c: decoding, repair, encoding detection.                        */

#define NR_REPLACEMENT 0xFFFDu

/*
 * Decode one code point from s[0..len). Returns the number of bytes used
 * (>= 1) and sets *cp; an invalid sequence yields *cp = NR_REPLACEMENT and
 * consumes one byte. len must be > 0.
 */
size_t nr_utf8__decode(const char *s, size_t len, uint32_t *cp);
/* Append the UTF-8 form of cp. */
void nr_utf8__encode(nr_buf *b, uint32_t cp);
bool nr_utf8__valid(const char *s, size_t len);

typedef enum nr_encoding {
	NR_ENC_UTF8 = 0,
	NR_ENC_LATIN1, /* windows-1252, the superset news pages use */
	NR_ENC_UTF16LE,
	NR_ENC_UTF16BE
} nr_encoding;

/*
 * Guess how a byte buffer is encoded: a BOM decides; otherwise valid UTF-8
 * stays UTF-8, and text whose high bytes mostly fail to form UTF-8 is
 * taken as windows-1252.
 */
nr_encoding nr_utf8__guess(const char *s, size_t len);

/*
 * Convert s[0..len) in `enc` to valid UTF-8 (BOM dropped, invalid bytes
 * replaced with U+FFFD). Appends to `out`.
 */
void nr_utf8__convert(nr_buf *out, const char *s, size_t len, nr_encoding enc);

/*
 * Convert s[0..len) from a charset iconv knows into UTF-8, appended to
 * `out`: a byte that cannot be decoded becomes U+FFFD and decoding goes
 * on after it; a sequence cut short at the end becomes one U+FFFD.
 * Returns false, appending nothing, when iconv does not know the charset.
 */
bool nr_utf8__from_charset(nr_buf *out, const char *s, size_t len, const char *charset);

/* Does s[0..len) start with the lowercase ASCII `prefix`, ignoring case? */
bool nr_ascii__prefix_ci(const char *s, size_t len, const char *prefix);

/* True when the buffer looks binary (NULs, many control bytes) and has no
 * UTF-16 BOM. */
bool nr_utf8__looks_binary(const char *s, size_t len);

/* Unicode helpers for the segmenter and readers. */
bool nr_uc__is_space(uint32_t cp);     /* incl. NBSP, U+2000..200A, U+3000 */
bool nr_uc__is_invisible(uint32_t cp); /* zero-width chars, soft hyphen, BOM */
bool nr_uc__is_alpha(uint32_t cp);     /* letters (Latin, Greek, Cyrillic, CJK ...) */
bool nr_uc__is_upper(uint32_t cp);
bool nr_uc__is_lower(uint32_t cp);
bool nr_uc__is_digit(uint32_t cp);
bool nr_uc__is_quote(uint32_t cp);     /* " “ ” „ « » ‘ ’ ‚ ‹ › ' and primes */
bool nr_uc__is_dash(uint32_t cp);

/* ------------------------------------------------------------------ */
/* article.c: the article model and its builder.                        */

typedef struct nr_pspan {
	uint32_t start, end;
} nr_pspan;

typedef struct nr_sentence {
	uint32_t start, end;
	uint32_t paragraph;
	uint32_t first_token;
	uint32_t ntokens;
} nr_sentence;

typedef struct nr_token {
	uint32_t start, end;
	uint8_t kind; /* nr_token_kind */
} nr_token;

struct nr_article {
	nr_arena arena;
	nr_format format;
	/* Metadata: NUL-terminated, valid UTF-8, whitespace folded; "" if absent. */
	const char *id, *title, *byline, *published, *url, *source, *language;
	char *extra_json; /* malloc'd, or NULL */

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

	/* Filled by nr_article_analyze() (core/extract.h), arena-allocated. */
	bool analyzed;
	struct nr_entity *entities;
	size_t nentities;
	struct nr_mention *mentions; /* every mention of every entity, by start */
	size_t nmentions;
	struct nr_quote *quotes;     /* by content start */
	size_t nquotes;
};

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
int nr_article__set_meta(nr_article *a, nr_meta field, const char *s,
			 size_t len);
bool nr_article__has_meta(const nr_article *a, nr_meta field);
/*
 * Append a paragraph of UTF-8 text: invalid bytes repaired, NULs and
 * control characters dropped, invisible characters removed, whitespace
 * runs folded to one space, ends trimmed. Empty paragraphs are skipped.
 * Paragraphs are joined with "\n\n" in the final text.
 */
int nr_article__add_paragraph(nr_article *a, const char *s, size_t len);
/* Freeze the body, compute paragraphs, sentences and tokens. */
int nr_article__finish(nr_article *a);

/* Fold whitespace and drop control characters into `out` (no trimming of
 * the buffer's prior contents). Used for metadata and paragraphs alike. */
void nr_text__clean_append(nr_buf *out, const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* segment.c: sentences and tokens over the finished text.              */

int nr_segment__run(nr_article *a);

/* ------------------------------------------------------------------ */
/* read.c: the reading context every reader reports through.           */

typedef struct nr_reader_ctx {
	nr_read_cb cb;
	void *payload;
	const char *source; /* file name, "-" or "<buffer>" */
	nr_format format;
	size_t max_bytes;
	size_t index;      /* next item index */
	int first_error;   /* first failure seen, or NR_OK */
	bool stop;         /* the callback asked to stop */
} nr_reader_ctx;

/* Report a finished article (ownership passes on) or an error. Both return
 * false when reading should stop. */
bool nr_read__emit(nr_reader_ctx *ctx, nr_article *a);
bool nr_read__fail(nr_reader_ctx *ctx, int code, const char *fmt, ...)
	NR_PRINTF(3, 4);

/*
 * Default id for the next article: the source name, with "#N" (1-based)
 * appended for the items of a multi-article input.
 */
int nr_read__default_id(nr_reader_ctx *ctx, nr_article *a, bool multi);

/* Readers. Each reports every article and every failure through ctx and
 * returns NR_OK unless it could not run at all. `data` is raw input. */
int nr_reader_text__read(nr_reader_ctx *ctx, const char *data, size_t len);
int nr_reader_html__read(nr_reader_ctx *ctx, const char *data, size_t len);
int nr_reader_feed__read(nr_reader_ctx *ctx, const char *data, size_t len);
int nr_reader_nitf__read(nr_reader_ctx *ctx, const char *data, size_t len);
int nr_reader_jsonl__read(nr_reader_ctx *ctx, const char *data, size_t len);

/*
 * Extract an article body from HTML into `a` (paragraphs added, title,
 * byline, published, url and language set where the page gives them and
 * the field is still unset). Used by the HTML reader and for HTML inside
 * feeds and JSON Lines. `fragment` is true for snippets (feed content)
 * where the whole input is the body and no boilerplate scoring is wanted.
 * On failure returns a code and writes a reason into `err`.
 */
int nr_html__extract(nr_article *a, const char *html, size_t len,
		     bool fragment, nr_buf *err);

/*
 * Plain-text body: split into paragraphs (blank lines, or one per line for
 * scraped text; hard-wrapped lines are joined), drop page furniture, and
 * when `detect_title` is set, take a headline from the top.
 */
int nr_text__extract(nr_article *a, const char *utf8, size_t len,
		     bool detect_title);

#endif /* NR_INTERNAL_H */
