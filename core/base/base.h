/*
 * base.h - the utilities every stage of the core builds on: an arena, a
 * growable buffer and array growth, UTF-8 and Unicode classes, the one
 * hash. Nothing here knows what an article is. Cross-file helpers are
 * named nr_<module>__<verb>.
 */
#ifndef NR_BASE_H
#define NR_BASE_H

#include "newsrules.h"

#include <stdarg.h>
#include <stdatomic.h>
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
/* Forget everything allocated and keep the memory for what comes next
 * (as one block, when there were several). */
void nr_arena__reset(nr_arena *arena);
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

#define NR_BUF_INIT               \
	{                         \
		NULL, 0, 0, false \
	}

/* Doubles the capacity *cap (to `first` when 0) of the array *arr of
 * `elem`-byte items. False, with *arr and *cap unchanged, when out of
 * memory or the size would overflow. */
bool nr__grow(void **arr, size_t *cap, size_t elem, size_t first);
/* A malloc'd copy of n bytes (NULs included) with a NUL after them, or
 * NULL when out of memory. */
char *nr__memdup0(const void *p, size_t n);

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
bool nr_uc__is_quote(uint32_t cp); /* " “ ” „ « » ‘ ’ ‚ ‹ › ' and primes */
bool nr_uc__is_dash(uint32_t cp);

/* ------------------------------------------------------------------ */
/* hash.c: the one hash of the core's tables.                           */

/* Any bytes, eight a step (0 is a possible value). */
uint64_t nr_hash__bytes(const char *s, size_t n);
/* The same words in any ASCII case hash alike; never 0 (0 can mark an
 * empty slot). */
uint32_t nr_hash__fold(const char *s, size_t n);
/* nr_hash__fold() (seed 0) and others like it: keys crafted to collide
 * under one seed scatter under another. */
uint32_t nr_hash__fold_seeded(const char *s, size_t n, uint64_t seed);

/* ASCII 'A'..'Z' to lower case in eight bytes at once: bit 5 set on
 * capitals, nothing else touched (the high bit keeps UTF-8 bytes out). */
static inline uint64_t nr_ascii__lower8(uint64_t w)
{
	uint64_t h7 = w & 0x7f7f7f7f7f7f7f7full;
	uint64_t az = ((h7 + 0x3f3f3f3f3f3f3f3full) ^ (h7 + 0x2525252525252525ull)) & ~w &
		      0x8080808080808080ull;
	return w | (az >> 2);
}

/* ------------------------------------------------------------------ */
/* wordset.c: a read-only set of words -> class bits, built once.      */

typedef struct nr_wordset_word nr_wordset_word;

typedef struct nr_wordset {
	nr_wordset_word *words;
	size_t nwords, cap;
	uint32_t *slots; /* 1 + index into words, 0 when empty */
	size_t nslots;   /* a power of two, at least twice nwords */
	nr_arena strings;
} nr_wordset;

void nr_wordset__init(nr_wordset *ws);
void nr_wordset__free(nr_wordset *ws); /* NULL ok; leaves it empty, as init */
/*
 * Add a word with class bits. An exact word only matches in its case;
 * any other in every ASCII case ("no", "No", "NO"). The same word added
 * again under the same rule gets both bits. False when out of memory or
 * the word is empty. Not thread-safe: build first, then share.
 */
bool nr_wordset__add(nr_wordset *ws, const char *s, size_t len, bool exact, uint32_t bits);
/* The bits of every word that s[0..len) matches, 0 when none. Never
 * allocates; safe from any number of threads once built. */
uint32_t nr_wordset__get(const nr_wordset *ws, const char *s, size_t len);
/* clock.c: when long work gives up.                                    */

/* CLOCK_MONOTONIC in nanoseconds. */
int64_t nr__now_ns(void);

/*
 * A point in time after which long work stops, and a flag another thread
 * may raise to stop it sooner. The work polls it at natural steps (the
 * extractors once per sentence and between passes).
 */
typedef struct nr_deadline {
	int64_t at_ns;          /* nr__now_ns() time; 0: none */
	const atomic_int *stop; /* non-zero: stop now; may be NULL */
} nr_deadline;

/* NR_OK, NR_EINTERRUPTED when `stop` is raised, NR_ETIMEOUT once `at_ns`
 * has passed; NR_OK for NULL. */
int nr_deadline__check(const nr_deadline *d);

/* ------------------------------------------------------------------ */
/* Byte spans into a text: a paragraph, a token (with its nr_token_kind). */

typedef struct nr_pspan {
	uint32_t start, end;
} nr_pspan;

typedef struct nr_token {
	uint32_t start, end;
	uint8_t kind; /* nr_token_kind */
} nr_token;

#endif /* NR_BASE_H */
