/*
 * read.h - the readers: bytes in one of the input formats become articles,
 * reported one by one through a reader context. Internal to core/read/.
 */
#ifndef NR_READ_H
#define NR_READ_H

#include "article/article.h"

/* context.c: the reading context every reader reports through.        */

/*
 * The thread's libxml2 error handlers, kept aside while a reader runs.
 * libxml2 reports what it cannot tie to a parser (out of memory, a bad
 * URI) through the thread's handlers, which print to stderr by default,
 * and keeps the thread's last error in memory it allocates. A read swaps
 * in silent handlers and puts the caller's back before every callback and
 * at its end, so the host's own use of libxml2 sees no difference. The
 * handlers are stored untyped to keep libxml2 out of this header.
 */
typedef struct nr_xml_quiet {
	void (*serror)(void);
	void *sctx;
	void (*gerror)(void);
	void *gctx;
	bool had_error; /* the thread had a last error before the read */
	bool active;
} nr_xml_quiet;

/* libxml2's one-time setup, done once per process whichever thread asks
 * first (xml.c); every reader that uses libxml2 calls it before anything
 * else of libxml2's. */
void nr_xml__init(void);
/* Silence / restore (xml.c); each is a no-op when already in that state. */
void nr_xml__quiet(nr_xml_quiet *q);
void nr_xml__unquiet(nr_xml_quiet *q);

typedef struct nr_reader_ctx {
	nr_read_cb cb;
	void *payload;
	const char *source; /* file name, "-" or "<buffer>" */
	nr_format format;
	size_t max_bytes;
	size_t index;    /* next item index */
	int first_error; /* first failure seen, or NR_OK */
	bool stop;       /* the callback asked to stop */
	nr_xml_quiet quiet;
	size_t failures;    /* error items reported so far */
	const char *prefix; /* put before every error message ("record 3: "), or NULL */
	bool framed;        /* a record of an RS-framed stream: ids always get "#N" */
} nr_reader_ctx;

/* Freeze an article's text and segment it: what a reader does to an
 * article before it emits it. */
int nr_read__finish(nr_article *a);

/* Report a finished article (ownership passes on) or an error. Both return
 * false when reading should stop. */
bool nr_read__emit(nr_reader_ctx *ctx, nr_article *a);
bool nr_read__fail(nr_reader_ctx *ctx, int code, const char *fmt, ...) NR_PRINTF(3, 4);

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
 * One line of JSON Lines input (jsonl.c), as the line reader and the
 * stream reader both read it: a UTF-8 BOM (on line 1) and blanks around
 * are trimmed, a blank line is no record (*record false), any other line is
 * one article or one error item. Returns false when reading should stop;
 * *rc is NR_ENOMEM when memory ran out (reading stops too).
 */
bool nr_jsonl__line(nr_reader_ctx *ctx, const char *s, size_t n, size_t lineno, bool *record,
		    int *rc);

/* read.c: one whole input (a buffer, a stream read at its end, or a record
 * of an RS-framed stream) through the empty, binary and UTF-16 checks,
 * format detection (`name` for its extension) and the format's reader. No
 * size check: the caller applied the cap. Reports every failure. */
int nr_read__bytes(nr_reader_ctx *ctx, const char *data, size_t len, const char *name);

/* stream.c, for read.c: the size of a file (for the cap message), and
 * whether the rest of the input can be left unread (refused, or the
 * callback asked to stop). */
void nr_reader__set_size(nr_reader *r, uintmax_t size);
bool nr_reader__refused(const nr_reader *r);
/* A read error: one error item, and the rest of the input is dropped. */
void nr_reader__fail_io(nr_reader *r, int err);

/* Would a whole input of these bytes be refused as binary? (read.c) */
bool nr_read__binary(const char *data, size_t len);

/*
 * Extract an article body from HTML into `a` (paragraphs added, title,
 * byline, published, url and language set where the page gives them and
 * the field is still unset). Used by the HTML reader and for HTML inside
 * feeds and JSON Lines. `fragment` is true for snippets (feed content)
 * where the whole input is the body and no boilerplate scoring is wanted.
 * On failure returns a code and writes a reason into `err`.
 */
int nr_html__extract(nr_article *a, const char *html, size_t len, bool fragment, nr_buf *err);

/*
 * Plain-text body: split into paragraphs (blank lines, or one per line for
 * scraped text; hard-wrapped lines are joined), drop page furniture, and
 * when `detect_title` is set, take a headline from the top.
 */
int nr_text__extract(nr_article *a, const char *utf8, size_t len, bool detect_title);

/* Words of a cleaned text (runs between single spaces), for the shape
 * tests of headlines and titles. */
size_t nr_text__count_words(const char *s, size_t len);

/* dates.c: dates as the ISO 8601 extended form ("2025-11-04T09:15:00Z"). */

/*
 * An RFC 822 date ("Tue, 04 Nov 2025 09:15:00 +0100") as ISO 8601
 * ("2025-11-04T09:15:00+01:00") into `out` (at least 32 bytes). Returns
 * false, leaving `out` alone, when the text is not such a date.
 */
bool nr_date__rfc822_to_iso(const char *s, char *out, size_t outlen);

/*
 * An ISO 8601 basic date, as NITF's norm attributes write it
 * ("20251104T093000+0000", time and zone optional), in the extended form
 * ("2025-11-04T09:30:00Z") into `out` (at least 32 bytes, not
 * NUL-terminated). Returns its length, or 0 when `s` is not such a date.
 */
size_t nr_date__iso_basic_to_extended(const char *s, char *out, size_t outlen);

#endif /* NR_READ_H */
