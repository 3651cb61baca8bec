/*
 * newsrules.h - the public C API of newsrules.
 *
 * newsrules turns news articles (plain text, HTML, RSS/Atom, NITF, JSON Lines)
 * into clean text with paragraphs, sentences and tokens, on which extractors
 * and rules work.
 *
 * Conventions:
 *  - Every handle is opaque. Constructors are `int nr_x_new(nr_x **out, ...)`
 *    and return NR_OK (0) or a negative NR_E* code; destructors accept NULL.
 *  - Strings and spans returned by getters are borrowed: they stay valid until
 *    the object they came from is freed.
 *  - Spans are 0-based, end-exclusive byte offsets into the article text,
 *    which is always valid UTF-8.
 *  - The library keeps no global state, never prints and never exits. It does
 *    not call process-wide setters of the libraries it uses.
 */
#ifndef NEWSRULES_H
#define NEWSRULES_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define NR_EXTERN __declspec(dllexport)
#elif defined(__GNUC__)
#define NR_EXTERN __attribute__((visibility("default")))
#else
#define NR_EXTERN
#endif

#define NR_VERSION_MAJOR 0
#define NR_VERSION_MINOR 1
#define NR_VERSION_PATCH 0
#define NR_VERSION_STRING "0.1.0"

/** Library version as "MAJOR.MINOR.PATCH"; static storage. */
NR_EXTERN const char *nr_version(void);

/*
 * Error codes. Append-only: a code once published keeps its value.
 */
enum {
	NR_OK = 0,
	NR_ERROR = -1,         /* unspecified failure */
	NR_ENOMEM = -2,        /* out of memory */
	NR_EINVAL = -3,        /* invalid argument */
	NR_EIO = -4,           /* the file could not be read */
	NR_ETOOBIG = -5,       /* input larger than the configured cap */
	NR_EEMPTY = -6,        /* input holds no text */
	NR_EBINARY = -7,       /* input is binary, not text or markup */
	NR_EPARSE = -8,        /* malformed input in the detected format */
	NR_EFORMAT = -9,       /* unknown or unsupported input format */
	NR_ENESTING = -10,     /* markup nested deeper than the parser allows */
	NR_EABORT = -11,       /* a callback asked to stop */
	NR_ERULE = -12,        /* a rule file failed to load or validate */
	NR_ERUNTIME = -13,     /* a rule failed while scanning an article */
	NR_EFROZEN = -14,      /* the rule set is in use and can no longer change */
	NR_EINTERRUPTED = -15, /* nr_scanner_interrupt() stopped the scan */
	NR_ETIMEOUT = -16      /* a deadline passed before the work was done */
};

/** Static, human-readable text for an error code. Never NULL. */
NR_EXTERN const char *nr_strerror(int code);

/* ------------------------------------------------------------------ */
/* Input formats                                                       */

typedef enum nr_format {
	NR_FORMAT_AUTO = 0, /* detect from content and file extension */
	NR_FORMAT_TEXT,
	NR_FORMAT_HTML,
	NR_FORMAT_FEED, /* RSS 2.0 / RSS 1.0 / Atom: one article per item */
	NR_FORMAT_NITF,
	NR_FORMAT_JSONL /* one JSON object per line */
} nr_format;

/** Name of a format ("text", "html", "feed", "nitf", "jsonl"); static. */
NR_EXTERN const char *nr_format_name(nr_format format);

/**
 * Parse a format name as given on a command line ("text", "txt", "html",
 * "rss", "atom", "feed", "nitf", "jsonl", "json", "auto").
 * Returns NR_OK and sets *out, or NR_EFORMAT.
 */
NR_EXTERN int nr_format_parse(nr_format *out, const char *name);

/**
 * Guess the format of a buffer. `name` (a file name, may be NULL) breaks
 * ties by extension; the content decides first.
 */
NR_EXTERN nr_format nr_format_detect(const char *data, size_t len, const char *name);

/* ------------------------------------------------------------------ */
/* Articles                                                            */

typedef struct nr_article nr_article;

/** A byte span into the article text: [start, end). */
typedef struct nr_span {
	size_t start;
	size_t end;
} nr_span;

/** Token classes, as returned by nr_article_token(). */
typedef enum nr_token_kind {
	NR_TOKEN_WORD = 1,   /* letters, digits inside words, ' and - joins */
	NR_TOKEN_NUMBER = 2, /* 12, 3.5, 1,000, 9/11 */
	NR_TOKEN_PUNCT = 3,  /* any other non-space character */
	NR_TOKEN_QUOTE = 4   /* a quotation mark of any style */
} nr_token_kind;

#define NR_READ_OPTIONS_VERSION 1
#define NR_DEFAULT_MAX_BYTES (16u * 1024u * 1024u)

typedef struct nr_read_options {
	unsigned int version; /* NR_READ_OPTIONS_VERSION */
	nr_format format;     /* NR_FORMAT_AUTO to detect */
	size_t max_bytes;     /* cap on one record (a JSON line, an RS-framed
				 record) or on a whole input of another format;
				 0 means NR_DEFAULT_MAX_BYTES */
	const char *name;     /* source name for ids and messages; may be NULL */
} nr_read_options;

#define NR_READ_OPTIONS_INIT                                     \
	{                                                        \
		NR_READ_OPTIONS_VERSION, NR_FORMAT_AUTO, 0, NULL \
	}

/**
 * One outcome of reading: an article or an error. A file may yield several
 * (a feed, a JSON Lines file): every item and every failed item is reported,
 * so that count in = count out.
 */
typedef struct nr_read_item {
	/* The article, or NULL when `error` is set. Ownership passes to the
	 * callback, which must release it with nr_article_free(). */
	nr_article *article;
	int error;           /* NR_OK or a negative NR_E* code */
	const char *message; /* one-line reason when error != NR_OK; borrowed */
	const char *source;  /* the input's name ("-" for stdin); borrowed */
	size_t index;        /* 0-based item number within the input */
	nr_format format;    /* format the input was read as */
} nr_read_item;

/** Return 0 to go on, non-zero to stop reading (reported as NR_EABORT). */
typedef int (*nr_read_cb)(const nr_read_item *item, void *payload);

/**
 * Read every article in a buffer and hand each outcome to `cb`.
 * Returns NR_OK if every item was read, else the code of the first failure
 * (which was also reported through `cb`). `opts` may be NULL.
 * The same as one nr_reader_push() of the whole buffer and
 * nr_reader_finish(): a buffer and a stream of the same bytes give the
 * same items.
 */
NR_EXTERN int nr_read_buffer(const char *data, size_t len, const nr_read_options *opts,
			     nr_read_cb cb, void *payload);

/**
 * Like nr_read_buffer() on the contents of `path` ("-" reads stdin), read
 * through a push reader (nr_read_fd()): a JSON Lines file or stream is
 * read record by record, in memory O(its longest record), whatever its
 * size. A file that cannot be opened, or of another format and over the
 * cap, is reported through `cb` as an error item too.
 */
NR_EXTERN int nr_read_file(const char *path, const nr_read_options *opts, nr_read_cb cb,
			   void *payload);

/*
 * Reading a stream. A push reader takes an input in chunks of any size, as
 * they arrive, and hands every complete record to `cb` from inside
 * nr_reader_push():
 *   - JSON Lines (format NR_FORMAT_JSONL, or detected from the first bytes:
 *     '{' then '"'): each line is read when its newline arrives. Memory is
 *     O(the longest line); max_bytes caps one line: a longer one becomes
 *     one error item ("line N: record over the ...-byte limit, skipped")
 *     and reading goes on at the next line. A first object that spans
 *     several lines may be one pretty-printed document; it is kept until
 *     that is decided. A JSON array is read whole, at the end.
 *   - RS-framed (RFC 7464 style): when the first non-blank byte is 0x1E,
 *     each record runs from one 0x1E to the next (or to the end) and is a
 *     whole document of any format, detected per record unless opts->format
 *     names one. A record that is JSON text (RFC 7464: 0x1E, a JSON
 *     value, a line feed) is read at the line feed after its value; any
 *     other when the next 0x1E arrives (or at the end), so a writer that
 *     wants such a record read at once ends it with 0x1E too. max_bytes
 *     caps one record; error messages start "record N: ", ids default to
 *     "NAME#INDEX".
 *   - anything else is kept, up to max_bytes, and read at nr_reader_finish();
 *     over the cap it is one error item, and later bytes are dropped.
 * nr_read_buffer() is this reader fed once, so the items, their order, ids
 * and messages are the same whatever the chunking (only the message of a
 * whole input over the cap differs: a buffer knows its size). Since later
 * records may not have arrived, JSON Lines is checked for binary bytes up
 * to the end of its first record, not over its first 8 KiB
 * (docs/formats.md). Item indices run across the whole stream.
 *
 * A reader object is used by one thread at a time; any number of readers
 * (and nr_read_buffer/file/fd calls) may run on different threads at once.
 * The callback runs on the pushing thread. See docs/formats.md, "Streams",
 * for a worked example (read a socket, scan each article).
 */
typedef struct nr_reader nr_reader;

/**
 * Start reading a stream. `opts` may be NULL (format detected, default cap,
 * source name "<stream>"); its name is copied. NR_EINVAL for a NULL `out`
 * or `cb` or an unknown options version, NR_ENOMEM.
 */
NR_EXTERN int nr_reader_new(nr_reader **out, const nr_read_options *opts, nr_read_cb cb,
			    void *payload);

/**
 * Hand the next `len` bytes to the reader; every record they complete is
 * reported through the callback before this returns. Returns NR_OK while
 * reading goes on (records that fail are error items, not return codes),
 * NR_EABORT once the callback asked to stop (later pushes are ignored),
 * NR_ENOMEM when memory ran out (also an error item), NR_EINVAL after
 * nr_reader_finish().
 */
NR_EXTERN int nr_reader_push(nr_reader *r, const void *data, size_t len);

/**
 * End of input: reads what is left (a last line without a newline, the
 * last RS record, a whole document). Returns NR_OK if every item of the
 * stream was read, else the code of the first failure, as nr_read_buffer()
 * does. Call it once; then only nr_reader_free().
 */
NR_EXTERN int nr_reader_finish(nr_reader *r);

/** Free a reader (finished or not). NULL is accepted. */
NR_EXTERN void nr_reader_free(nr_reader *r);

/**
 * Read a file descriptor to its end through a push reader (the descriptor
 * is not closed). The source name is opts->name, else "-" for 0 and
 * "<fd N>" otherwise. A read error is an error item (NR_EIO). For a
 * regular file whose size is over the cap (and that is no JSON Lines or
 * RS-framed input) the error item says so and the rest is not read.
 */
NR_EXTERN int nr_read_fd(int fd, const nr_read_options *opts, nr_read_cb cb, void *payload);

/**
 * Build an article from plain text (UTF-8 or Latin-1; repaired as needed).
 * No headline detection or furniture removal: the text is taken as body.
 * `title` may be NULL.
 */
NR_EXTERN int nr_article_from_text(nr_article **out, const char *text, size_t len,
				   const char *title);

NR_EXTERN void nr_article_free(nr_article *article);

/* Metadata. Each returns "" when absent (never NULL). */
NR_EXTERN const char *nr_article_id(const nr_article *a);
NR_EXTERN const char *nr_article_title(const nr_article *a);
NR_EXTERN const char *nr_article_byline(const nr_article *a);
NR_EXTERN const char *nr_article_published(const nr_article *a);
NR_EXTERN const char *nr_article_url(const nr_article *a);
NR_EXTERN const char *nr_article_source(const nr_article *a);
NR_EXTERN const char *nr_article_language(const nr_article *a);
NR_EXTERN nr_format nr_article_format(const nr_article *a);

/**
 * Fields of a JSON Lines record that the article model has no place for,
 * as a JSON object text, or NULL when there are none.
 */
NR_EXTERN const char *nr_article_extra_json(const nr_article *a);

/** The clean text (valid UTF-8, NUL-terminated); *len gets its length. */
NR_EXTERN const char *nr_article_text(const nr_article *a, size_t *len);

NR_EXTERN size_t nr_article_paragraph_count(const nr_article *a);
NR_EXTERN nr_span nr_article_paragraph(const nr_article *a, size_t i);
NR_EXTERN size_t nr_article_sentence_count(const nr_article *a);
NR_EXTERN nr_span nr_article_sentence(const nr_article *a, size_t i);
NR_EXTERN size_t nr_article_token_count(const nr_article *a);
NR_EXTERN nr_span nr_article_token(const nr_article *a, size_t i, nr_token_kind *kind);

/** Index of the paragraph holding sentence i. */
NR_EXTERN size_t nr_article_sentence_paragraph(const nr_article *a, size_t i);
/** First token of sentence i and the number of its tokens. */
NR_EXTERN size_t nr_article_sentence_tokens(const nr_article *a, size_t i, size_t *count);

/*
 * Near-duplicate fingerprints: the same story from two outlets (a cut end,
 * another first paragraph, a few words changed) shares most of its
 * three-word shingles. A fingerprint holds a MinHash signature of the
 * body's shingle set (not the title's or metadata's), words ASCII case
 * folded and apostrophes dropped, from which the resemblance (Jaccard
 * index) and the containment of two bodies' shingle sets are estimated;
 * docs/watch.md gives the measurements behind the defaults.
 */
#define NR_FINGERPRINT_HASHES 64u

typedef struct nr_fingerprint {
	uint64_t exact;    /* equal for bodies equal up to case, spacing and
			      punctuation; 0 for a body without words */
	uint32_t shingles; /* three-word shingles in the body (with repeats) */
	uint32_t minhash[NR_FINGERPRINT_HASHES]; /* all 0xffffffff without any */
} nr_fingerprint;

/* Below this many shingles a signature says too little: near() then asks
 * for the exact hash to match. */
#define NR_FINGERPRINT_MIN_SHINGLES 20u
/* The default least containment of two near-duplicates. */
#define NR_FINGERPRINT_NEAR 0.5

/** Fingerprint the body of `a` (read-only: threads may share `a`). */
NR_EXTERN int nr_article_fingerprint(const nr_article *a, nr_fingerprint *out);
/** Estimated resemblance of the two bodies' shingle sets, |A n B| / |A u B|,
 * from 0 to 1 (1 also when the exact hashes are equal). */
NR_EXTERN double nr_fingerprint_resemblance(const nr_fingerprint *a, const nr_fingerprint *b);
/** Estimated share of the smaller body's shingles that the other has,
 * |A n B| / min(|A|, |B|), from 0 to 1: a story cut to its first
 * paragraphs is contained in the full one. */
NR_EXTERN double nr_fingerprint_containment(const nr_fingerprint *a, const nr_fingerprint *b);
/** 1 when a and b are near-duplicates: the same exact hash, or both with at
 * least NR_FINGERPRINT_MIN_SHINGLES shingles, a resemblance of at least
 * 1/16 (so that a short body's containment is not noise scaled up) and a
 * containment of at least `min_containment` (NR_FINGERPRINT_NEAR by
 * default); else 0. */
NR_EXTERN int nr_fingerprint_near(const nr_fingerprint *a, const nr_fingerprint *b,
				  double min_containment);

/* ------------------------------------------------------------------ */
/* Lexicons, entities and quotations                                   */

/*
 * A lexicon set: the built-in word lists (countries, places, first names,
 * titles and offices, organisations, speech verbs, ...) compiled into the
 * library, plus the caller's additions. Read-only once built, so one set
 * may serve any number of threads; additions must come before sharing.
 * It remembers the words of the articles analysed with it, for the next
 * ones (a few analyses at a time; memory bounded, a few MB each), so
 * analyse many articles with one set rather than a set each.
 */
typedef struct nr_lexicon nr_lexicon;

/**
 * A set holding the built-in lexicons. NR_OK or NR_ENOMEM. The built-ins
 * are parsed once per process, by the first set, rule set or scanner that
 * needs them, and shared read-only by all (kept until the process exits:
 * a leak checker reports them as still reachable, not lost).
 */
NR_EXTERN int nr_lexicon_new(nr_lexicon **out);
NR_EXTERN void nr_lexicon_free(nr_lexicon *lex);
/**
 * Add the rows of a lexicon file (docs/lexicons.md gives the formats) to
 * the built-in lexicon `name` ("titles", "first_names", ...) or to a user
 * lexicon of that name. On NR_EPARSE or NR_EIO, the reason, with file and
 * line, is read from nr_lexicon_last_error().
 */
NR_EXTERN int nr_lexicon_load_file(nr_lexicon *lex, const char *name, const char *path);
NR_EXTERN const char *nr_lexicon_last_error(const nr_lexicon *lex);

/** What a lenient load reports: "file:line: reason; skipped" (borrowed
 * for the call). */
typedef void (*nr_warning_cb)(const char *message, void *payload);
/**
 * As nr_lexicon_load_file(), the way a user's lexicon should be read: the
 * file is the lexicon's TSV format or a plain list (one word or phrase a
 * line, `#` comments, blank lines ignored), and a row or form that breaks
 * the format or a limit (bad UTF-8, more than 200 bytes, a wrong column)
 * is skipped and reported to `warn` (may be NULL) while the rest loads.
 * NR_OK; NR_EINVAL (a name not [a-z0-9_.-]+), NR_EIO (the file cannot be
 * read), NR_ETOOBIG (over 256 MiB) or NR_ENOMEM, with the reason, naming
 * the file, in nr_lexicon_last_error().
 */
NR_EXTERN int nr_lexicon_add_file(nr_lexicon *lex, const char *name, const char *path,
				  nr_warning_cb warn, void *payload);
/** The same from memory; `source` names it in warnings (NULL: "<name>"). */
NR_EXTERN int nr_lexicon_add_string(nr_lexicon *lex, const char *name, const char *data, size_t len,
				    const char *source, nr_warning_cb warn, void *payload);

/*
 * The lexicons of a set, 0 <= i < nr_lexicon_count(): the built-in ones
 * in the order of docs/lexicons.md, then those a user added, in the order
 * they were made. Names are borrowed from the set; rows and forms count
 * built-in and added ones (a form is a phrase that can be looked up: a
 * row's name, aliases, inflected forms).
 */
NR_EXTERN size_t nr_lexicon_count(const nr_lexicon *lex);
NR_EXTERN const char *nr_lexicon_name(const nr_lexicon *lex, size_t i); /* NULL past the end */
NR_EXTERN int nr_lexicon_is_builtin(const nr_lexicon *lex, size_t i);
NR_EXTERN size_t nr_lexicon_rows(const nr_lexicon *lex, size_t i);
NR_EXTERN size_t nr_lexicon_forms(const nr_lexicon *lex, size_t i);

/** One form of a lexicon, as nr_lexicon_foreach() gives it (borrowed). */
typedef struct nr_lexicon_form {
	const char *phrase;    /* as listed, whitespace folded */
	const char *canonical; /* the name of its row ("U.N." -> "United Nations") */
	const char *cls;       /* its class(es), '|'-separated, or "" */
	const void *row;       /* the same value for every form of one row */
	int exact_case;        /* matches only in the listed case ("=US") */
	int user;              /* added, not built in */
} nr_lexicon_form;
typedef int (*nr_lexicon_form_cb)(const nr_lexicon_form *form, void *payload);
/**
 * Call `fn` for every form of lexicon `spec`: a name ("organizations") or
 * a name and class ("speech_verbs:deny", which takes the forms listing the
 * class), added forms before built-in ones, in no particular order. A
 * non-zero return from fn stops the walk and is returned; NR_EINVAL when
 * the set has no such lexicon (nr_lexicon_name() lists those it has). A
 * class no form lists gives no call.
 */
NR_EXTERN int nr_lexicon_foreach(const nr_lexicon *lex, const char *spec, nr_lexicon_form_cb fn,
				 void *payload);

typedef enum nr_entity_type {
	NR_ENTITY_PERSON = 1,
	NR_ENTITY_ORGANIZATION = 2,
	NR_ENTITY_LOCATION = 3
} nr_entity_type;

typedef enum nr_quote_kind {
	NR_QUOTE_DIRECT = 1,  /* “...,” said X */
	NR_QUOTE_MIXED = 2,   /* X called it “complicated” */
	NR_QUOTE_INDIRECT = 3 /* X said Friday it is critical that ... */
} nr_quote_kind;

/** "person", "organization", "location"; "direct", "mixed", "indirect". */
NR_EXTERN const char *nr_entity_type_name(nr_entity_type t);
NR_EXTERN const char *nr_quote_kind_name(nr_quote_kind k);

/**
 * Extract entities, quotations and statements, once: later calls return
 * at once. `lex` may be NULL for the built-in lexicons (built once per
 * article then, so pass a shared set when reading many articles). An
 * article must not be analysed from two threads at the same time.
 * nr_article_is_analyzed() says whether entities and quotations are there
 * (a scan extracts them, and statements only for a rule that asks); on
 * failure, what failed is left empty.
 */
NR_EXTERN int nr_article_analyze(nr_article *a, const nr_lexicon *lex);
NR_EXTERN int nr_article_is_analyzed(const nr_article *a);

/** One entity: borrowed strings, "" when absent, valid while the article lives. */
typedef struct nr_entity_info {
	const char *name; /* the fullest form the article uses (the form every
			     article shares: nr_article_entity_identity) */
	nr_entity_type type;
	const char *title;       /* "Press Secretary", "Admiral", "" */
	const char *affiliation; /* "White House", "Pakistan", "" */
	int official;            /* 1 for holders of public office or rank */
	size_t mention_count;
} nr_entity_info;

NR_EXTERN size_t nr_article_entity_count(const nr_article *a);
/** NR_OK, or NR_EINVAL when i is out of range. */
NR_EXTERN int nr_article_entity(const nr_article *a, size_t i, nr_entity_info *out);
/** Span of mention j of entity i ({0,0} when out of range). */
NR_EXTERN nr_span nr_article_entity_mention(const nr_article *a, size_t i, size_t j);
/**
 * What entity i is in every article, whatever alias this one used: *id
 * is a country's ISO 3166 alpha-3 code ("USA" for "US", "U.S.", "America",
 * "United States"), "org:" and the listed name in lower case with '-'
 * for an organisation of the lexicons ("org:european-union" for "EU", "the
 * European Union"), "gov:..." for a government actor ("gov:white-house"),
 * "" when no lexicon knows the entity (people, other places, organisations
 * found by their shape); *canonical is the name the lexicon lists
 * ("United States", "European Union"), else the entity's name. Either
 * pointer may be NULL. Borrowed, valid while the article lives. NR_OK, or
 * NR_EINVAL when i is out of range.
 */
NR_EXTERN int nr_article_entity_identity(const nr_article *a, size_t i, const char **id,
					 const char **canonical);

/** One attributed statement. */
typedef struct nr_quote_info {
	nr_span content; /* the quoted or reported content */
	nr_quote_kind kind;
	const char *speaker;   /* canonical entity name or group as written; NULL if unknown */
	long speaker_entity;   /* index into the entities, or -1 */
	nr_span speaker_span;  /* where the speaker is named ({0,0} if nowhere) */
	nr_span cue;           /* the attribution verb ({0,0} if none) */
	const char *cue_lemma; /* "say", "deny", "call"; "" if no cue */
	size_t sentence;       /* sentence holding the start of the content */
} nr_quote_info;

NR_EXTERN size_t nr_article_quote_count(const nr_article *a);
NR_EXTERN int nr_article_quote(const nr_article *a, size_t i, nr_quote_info *out);

typedef enum nr_modality {
	NR_MODALITY_ASSERTED = 1, /* "X accused Y" */
	NR_MODALITY_HEDGED = 2,   /* "X could accuse Y", "if X accuses Y" */
	NR_MODALITY_FUTURE = 3,   /* "X will accuse Y" */
	NR_MODALITY_QUESTION = 4  /* "Did X accuse Y?" */
} nr_modality;

typedef enum nr_voice {
	NR_VOICE_ACTIVE = 1, /* "X accused Y of ..." */
	NR_VOICE_PASSIVE = 2 /* "Y was accused by X of ..." */
} nr_voice;

/** "asserted", "hedged", "future", "question"; "active", "passive". */
NR_EXTERN const char *nr_modality_name(nr_modality m);
NR_EXTERN const char *nr_voice_name(nr_voice v);

/**
 * One party to a statement: who makes it, who it is aimed at, or who
 * reports it. `name` is NULL when there is no such party (or the text
 * names it only by a pronoun the extractor could not resolve: then `span`
 * still says where).
 */
typedef struct nr_party_info {
	nr_span span;        /* where the text names it ({0,0} if nowhere) */
	long entity;         /* index into the entities, or -1 */
	const char *name;    /* canonical entity name or the phrase as written; NULL */
	const char *kind;    /* "government", "ministry", "military", "police", "court",
				"party", "legislature", "company", "ngo",
				"intergovernmental", "media", "sports", "group",
				"person", "organization"; "" when unknown */
	int official;        /* 1 when it holds or speaks for a public office */
	const char *country; /* ISO 3166 alpha-3 ("PAK"), "" when unknown */
} nr_party_info;

/**
 * One statement: an act of speech or stance (accuse, deny, demand,
 * threaten, ...: the classes of the cameo_verbs lexicon, docs/lexicons.md)
 * by an actor, about or toward a target. Strings are borrowed and valid
 * while the article lives; spans are {0,0} when the text has no such part.
 */
typedef struct nr_statement_info {
	const char *act;        /* "accuse", "deny", "demand", "threaten", ... */
	const char *cameo;      /* its CAMEO code: "112", "016", ... */
	nr_party_info actor;    /* who makes it */
	nr_party_info target;   /* who it is aimed at (name NULL: none said) */
	nr_span content;        /* what is said: the charge, the demand, ... */
	nr_span cue;            /* the verb ("accused", "called on") */
	size_t sentence;        /* sentence holding the cue */
	int negated;            /* "did not deny", "refused to accuse" */
	nr_modality modality;   /* asserted, hedged, future, question */
	nr_voice voice;         /* passive: "Y was accused by X" */
	nr_party_info reported; /* who reports it ("officials say X accused
				   Y"): name NULL when it is told first-hand */
	long quote;             /* the quote it comes from or sits in, or -1 */
	nr_span denied;         /* for a denial: what is denied ("the
				   accusations"), when the text says it */
} nr_statement_info;

/**
 * Statements of an article, in order of their cues: what
 * nr_article_analyze() computed. Until it has run (a scan computes them
 * only for a rule that asks, in its own pass), there are none.
 */
NR_EXTERN size_t nr_article_statement_count(const nr_article *a);
/** NR_OK, or NR_EINVAL when i is out of range. */
NR_EXTERN int nr_article_statement(const nr_article *a, size_t i, nr_statement_info *out);

/** The parties of a statement, and of an alert. */
typedef enum nr_party_role {
	NR_PARTY_ACTOR = 0,
	NR_PARTY_TARGET = 1,
	NR_PARTY_REPORTED = 2 /* statements only */
} nr_party_role;

/**
 * A party's identity as it acts (see nr_article_entity_identity): its
 * entity's, except that a capital that acts stands for its country's
 * government ("Washington said": "USA", "United States"); a group as
 * written ("Pakistani officials") has id "" and its phrase as canonical.
 * *canonical is NULL when the party has no name. NR_OK, or NR_EINVAL when
 * statement i or the role does not exist.
 */
NR_EXTERN int nr_article_party_identity(const nr_article *a, size_t i, nr_party_role role,
					const char **id, const char **canonical);

/* ------------------------------------------------------------------ */
/* Output                                                              */

#define NR_JSON_PRETTY 0x1u /* indented output instead of one line */
#define NR_JSON_TOKENS 0x2u /* include tokens[] (large) */

/**
 * Serialise an article as one JSON object (inspect's format).
 * On NR_OK *out holds a NUL-terminated string to release with nr_free().
 */
NR_EXTERN int nr_article_to_json(const nr_article *a, unsigned int flags, char **out);

/**
 * Serialise a failed read item as a JSON error record
 * {"error": ..., "code": ..., "source": ..., "index": ...}.
 */
NR_EXTERN int nr_read_item_error_json(const nr_read_item *item, char **out);

/** Release memory the library handed out (strings from *_json). */
NR_EXTERN void nr_free(void *p);

/* ------------------------------------------------------------------ */
/* Rule sets, scanners and alerts                                      */
/*
 * Rules are Lua files (see docs/rules.md). A rule set is loaded once and is
 * then read-only: any number of threads may each create a scanner on it.
 * A scanner owns one sandboxed Lua state and is used by one thread at a
 * time; it runs every rule of the set over an article and hands each alert
 * to a callback.
 */

typedef struct nr_ruleset nr_ruleset;
typedef struct nr_scanner nr_scanner;
typedef struct nr_alert nr_alert;

#define NR_RULESET_OPTIONS_VERSION 3

typedef struct nr_ruleset_options {
	unsigned int version;           /* NR_RULESET_OPTIONS_VERSION (1, 2 still accepted) */
	int strict;                     /* non-zero: the first rejected file stops loading */
	size_t max_file_bytes;          /* per rule file; 0 means 4 MiB */
	unsigned long max_instructions; /* for running one file at load; 0: 10M */
	size_t max_memory;              /* Lua heap while loading; 0 means 64 MiB */
	/* Version 2. The Lua heap all files together keep once loaded (what
	 * every scanner starts with): the file that would pass it is
	 * rejected. 0 means 128 MiB, half a scanner's default heap. */
	size_t max_retained;
	/* Version 3. Non-zero: lint each file that loads, as `newsrules
	 * check` does (globals nothing defines, methods no object has, Lua
	 * patterns the budget would refuse on a paragraph, keywords that miss
	 * the rule's cue lists), each finding a warning diagnostic naming its
	 * file, line and kind ("[undefined-global]"). It reads the file's
	 * bytecode and the values it left, never runs rule code; a Lua whose
	 * bytecode it cannot read gets no lint. 0 (the default) saves the few
	 * milliseconds a file's lint takes. */
	int lint;
} nr_ruleset_options;

#define NR_RULESET_OPTIONS_INIT                              \
	{                                                    \
		NR_RULESET_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0 \
	}

/** Create an empty rule set. `opts` may be NULL. */
NR_EXTERN int nr_ruleset_new(nr_ruleset **out, const nr_ruleset_options *opts);
NR_EXTERN void nr_ruleset_free(nr_ruleset *rs);

/**
 * Load a rule file, or every *.lua file under a directory (sorted,
 * recursive, hidden entries and `lexicons/` folders skipped), after the
 * lexicons of the `lexicons/` folder of the directory (or of the file's
 * directory), as nr_ruleset_add_lexicon() attaches them, each folder once.
 * Rule files are text only; bytecode is
 * refused. A file with any error is rejected as a whole and its problems
 * are recorded as diagnostics; other files still load unless the set is
 * strict. Returns NR_OK when every file loaded, NR_ERULE when some file was
 * rejected, NR_EFROZEN once a scanner has been created on the set.
 */
NR_EXTERN int nr_ruleset_add_path(nr_ruleset *rs, const char *path);

/** Like nr_ruleset_add_path() on a buffer; `name` appears in messages. */
NR_EXTERN int nr_ruleset_add_string(nr_ruleset *rs, const char *name, const char *source,
				    size_t len);

/**
 * Add Lua source that rule files can `require "name"` (a module), for
 * embedders whose modules do not live in files. `name` is letters, digits,
 * '_' and '-', parts joined by '.'. A module file in a rule file's folder,
 * in lib/ under it or in lib/ under a rules directory given to
 * nr_ruleset_add_path() is found before one added here (docs/rules.md,
 * "Modules"). Add modules before the files that require them. NR_EINVAL
 * for a bad or taken name, NR_EFROZEN once a scanner uses the set.
 */
NR_EXTERN int nr_ruleset_add_module(nr_ruleset *rs, const char *name, const char *source,
				    size_t len);

/** The modules the set keeps, 0 <= i < count: the path a module was read
 *  from, or the name it was added under. */
NR_EXTERN size_t nr_ruleset_module_count(const nr_ruleset *rs);
NR_EXTERN const char *nr_ruleset_module(const nr_ruleset *rs, size_t i);

/**
 * Attach a user lexicon to the set: the rows of the file at `path` (a
 * plain list or a TSV file, as nr_lexicon_add_file() reads it) become
 * lexicon `name`, or are added to it. The set's rules reach it as
 * news.lexicon("name") (and "name:class" for the class column), and when
 * `name` is a lexicon the extractors read (persons, organizations, titles,
 * first_names, locations, countries, government_actors, org_cues, ...:
 * docs/lexicons.md), the entity and quote extraction of every scanner made
 * from the set uses its rows too. Attach lexicons before the rule files
 * that use them. A row that cannot be read is skipped with a warning
 * diagnostic ("path:line: reason; skipped"). Returns NR_OK; NR_EIO,
 * NR_ETOOBIG or NR_EINVAL (a bad name) with an error diagnostic naming the
 * file; NR_ENOMEM; NR_EFROZEN once a scanner uses the set. A rules
 * directory's `lexicons/` folder is attached the same way by
 * nr_ruleset_add_path() (docs/rules.md).
 */
NR_EXTERN int nr_ruleset_add_lexicon(nr_ruleset *rs, const char *name, const char *path);
/** The same from memory; `source` names it in diagnostics (NULL: the name). */
NR_EXTERN int nr_ruleset_add_lexicon_string(nr_ruleset *rs, const char *name, const char *data,
					    size_t len, const char *source);
/**
 * The set's lexicons (the built-ins with what was attached, and what its
 * files built while loading), borrowed until the set is freed; NULL when
 * the set has none of its own (its scanners then build the built-ins).
 */
NR_EXTERN const nr_lexicon *nr_ruleset_lexicon(const nr_ruleset *rs);

/** Last error message ("file:line: reason"), or "" when there is none. */
NR_EXTERN const char *nr_ruleset_last_error(const nr_ruleset *rs);

typedef enum nr_diag_level {
	NR_DIAG_ERROR = 0,  /* the file was rejected */
	NR_DIAG_WARNING = 1 /* the rule loaded but may be weak or slow */
} nr_diag_level;

/** Everything loading found wrong, in order, each as "file:line: text". */
NR_EXTERN size_t nr_ruleset_diagnostic_count(const nr_ruleset *rs);
NR_EXTERN const char *nr_ruleset_diagnostic(const nr_ruleset *rs, size_t i, nr_diag_level *level);

/** Number of files loaded and rejected so far. */
NR_EXTERN size_t nr_ruleset_file_count(const nr_ruleset *rs);
NR_EXTERN size_t nr_ruleset_rejected_count(const nr_ruleset *rs);

/** A hex digest of every loaded source, for telling rule set versions apart. */
NR_EXTERN const char *nr_ruleset_hash(const nr_ruleset *rs);

/* Rules of the set, 0 <= i < nr_ruleset_rule_count(). Strings are borrowed
 * from the rule set. */
NR_EXTERN size_t nr_ruleset_rule_count(const nr_ruleset *rs);
NR_EXTERN const char *nr_ruleset_rule_id(const nr_ruleset *rs, size_t i);
NR_EXTERN const char *nr_ruleset_rule_title(const nr_ruleset *rs, size_t i);
NR_EXTERN const char *nr_ruleset_rule_severity(const nr_ruleset *rs, size_t i);
NR_EXTERN const char *nr_ruleset_rule_file(const nr_ruleset *rs, size_t i, int *line);
NR_EXTERN size_t nr_ruleset_rule_tag_count(const nr_ruleset *rs, size_t i);
NR_EXTERN const char *nr_ruleset_rule_tag(const nr_ruleset *rs, size_t i, size_t t);
/* The rule's `examples`: text, expected number of alerts, and the actor
 * one of them should name (NULL when the example gives none). */
NR_EXTERN size_t nr_ruleset_example_count(const nr_ruleset *rs, size_t i);
NR_EXTERN const char *nr_ruleset_example(const nr_ruleset *rs, size_t i, size_t e, int *expect,
					 const char **actor);
/** Line of example e in its file (the rule's line when it cannot tell). */
NR_EXTERN int nr_ruleset_example_line(const nr_ruleset *rs, size_t i, size_t e);

/*
 * What example e states about the alert it expects, beyond the count: its
 * expectations, in this order: "actor", "target", "message", then
 * "fields.KEY" for each entry of its `fields` (keys sorted). An example
 * passes when the rule raises exactly `expect` alerts and, if it states
 * any expectation, one of them meets every one (docs/rules.md, "Examples").
 */
NR_EXTERN size_t nr_ruleset_example_expect_count(const nr_ruleset *rs, size_t i, size_t e);
/**
 * Expectation k of example e: returns its name ("actor", "fields.act")
 * and sets *want (may be NULL) to the value it asks for as a JSON text:
 * "\"India\"", "3", "0.5", "false", or "null" when it asks that the alert
 * have none (`target = false`). NULL when out of range. Borrowed from the
 * rule set.
 */
NR_EXTERN const char *nr_ruleset_example_expect(const nr_ruleset *rs, size_t i, size_t e, size_t k,
						const char **want);
/**
 * Does `al` meet expectation k of example e? 1 yes, 0 no, -1 when k, e or i
 * is out of range. actor and target: equal once case, the accents of Latin
 * letters, ’ against ' and runs of spaces are set aside; message: contains
 * the text (case-sensitive); fields.KEY: the alert's field of that key has
 * that type and value (a number equals the same number written as an
 * integer or a float).
 */
NR_EXTERN int nr_ruleset_example_meets(const nr_ruleset *rs, size_t i, size_t e, size_t k,
				       const nr_alert *al);

/** Severity name -> rank: info 0, low 1, medium 2, high 3, critical 4; -1. */
NR_EXTERN int nr_severity_rank(const char *name);

#define NR_SCANNER_OPTIONS_VERSION 2

typedef struct nr_scanner_options {
	unsigned int version;           /* NR_SCANNER_OPTIONS_VERSION */
	unsigned long max_instructions; /* per rule call; 0 means 20M */
	size_t max_memory;              /* Lua heap of the scanner; 0: 256 MiB */
	unsigned int deadline_ms;       /* wall clock per rule per article, and for
					   each extraction pass a rule starts
					   (which is not charged to the rule's
					   own); 0: 2000 */
	unsigned int max_failures;      /* articles failed in a row before a rule
					   runs on its probe article (its first
					   example), disabled for the scanner's
					   life if it fails there too; 0: 5;
					   UINT_MAX: never (a host that shares
					   articles out between scanners keeps
					   the count in input order itself, see
					   nr_scanner_probe_rule()) */
	unsigned int max_alerts;        /* per rule per article; 0 means 1000 */
	/* Version 2. Wall clock for a whole nr_scanner_scan() call: the
	 * keyword pass, every rule, the extraction rules start, the probes of
	 * the circuit breaker; 0 (the default): none. Past it, the running
	 * rule stops at its next instruction, call or extraction step and it
	 * and the rules after it end as NR_OUTCOME_ERR_ARTICLE_DEADLINE (not
	 * counted as failures: the article, not the rule, ran out of time);
	 * the scan returns NR_ETIMEOUT, its alerts so far delivered. */
	unsigned int article_deadline_ms;
} nr_scanner_options;

#define NR_SCANNER_OPTIONS_INIT                              \
	{                                                    \
		NR_SCANNER_OPTIONS_VERSION, 0, 0, 0, 0, 0, 0 \
	}

/**
 * Create a scanner: a fresh sandboxed Lua state with the set's rules, and
 * a watchdog thread (signals blocked) that stops a rule at its deadline
 * even inside a long library call; NR_ENOMEM when it cannot start.
 * From then on the set cannot change (NR_EFROZEN). The scanner holds a
 * reference to the set (see nr_ruleset_retain()): the host may free its
 * own while scanners still run on it. On failure *out is NULL, except when the rules
 * are at fault (NR_ERULE: a file that does not declare the same rules
 * when it runs again): then, as sqlite3_open() does, *out holds a scanner
 * that runs nothing and whose nr_scanner_last_error() says why
 * ("file:line: reason"); free it with nr_scanner_free(). Nothing of the
 * set but its atomic frozen flag is written, so threads may create
 * scanners on one set at once.
 */
NR_EXTERN int nr_scanner_new(nr_scanner **out, const nr_ruleset *rs,
			     const nr_scanner_options *opts);
NR_EXTERN void nr_scanner_free(nr_scanner *s);

/** Return 0 to go on, non-zero to stop the scan (reported as NR_EABORT).
 * The alert and everything read from it are valid during the call only. */
typedef int (*nr_alert_cb)(const nr_alert *alert, void *payload);

/**
 * Run every enabled rule over `a`. Each rule ends as a match, no match, an
 * error (kept apart from the others: every other rule still runs) or
 * skipped (none of its keywords occurs). Returns NR_OK, NR_ERUNTIME when a
 * rule failed (see nr_scanner_error_count()), NR_EABORT, NR_EINTERRUPTED
 * (see nr_scanner_interrupt()), NR_ETIMEOUT (the article deadline of
 * nr_scanner_options version 2 passed), NR_ENOMEM, or NR_ERULE on a
 * scanner whose creation failed.
 *
 * Scanning may analyse the article: the first rule that asks for entities
 * or quotes extracts them into `a` with the scanner's lexicons, and the
 * first that asks for statements the statements too, as
 * nr_article_analyze() would (each once per article; later scans and the
 * caller reuse the result). Hence `a` is not const, and an article must
 * not be scanned or analysed by two threads at the same time.
 */
NR_EXTERN int nr_scanner_scan(nr_scanner *s, nr_article *a, nr_alert_cb cb, void *payload);

/** Like nr_scanner_scan() with the one rule `rule` (an index). */
NR_EXTERN int nr_scanner_scan_rule(nr_scanner *s, nr_article *a, size_t rule, nr_alert_cb cb,
				   void *payload);

/**
 * The circuit breaker, for a host that shares articles out between
 * several scanners (max_failures UINT_MAX on each) and wants the verdicts
 * one scanner would give: it counts each rule's failures in a row in input
 * order (an error outcome adds one, a match or no-match clears the count,
 * the others leave it) and, when a count reaches the limit, calls this
 * on any one scanner of the set: rule `rule` runs on its probe article as
 * the scanner itself would do after `failures` failures in a row. Returns
 * NR_OK when the rule stays on, NR_ERUNTIME when it failed there too and
 * is now disabled on `s` (the host then disables it on its other scanners
 * with nr_scanner_disable_rule()); either way the notice is
 * nr_scanner_error(s, 0), as after a scan, and the count starts again.
 * NR_EINTERRUPTED when there was no verdict (the probe could not be built,
 * or was interrupted): the rule stays on and the count goes on. NR_EINVAL,
 * NR_ERULE as for a scan.
 */
NR_EXTERN int nr_scanner_probe_rule(nr_scanner *s, size_t rule, unsigned failures);
/** Disable rule `rule` on `s` for the scanner's life: from the next scan on
 * it counts as NR_OUTCOME_DISABLED. NR_OK or NR_EINVAL. */
NR_EXTERN int nr_scanner_disable_rule(nr_scanner *s, size_t rule);

/**
 * Stop the scan running on `s` as soon as possible, from any thread or a
 * signal handler (lock-free, async-signal-safe). The running rule ends as
 * NR_OUTCOME_INTERRUPTED at its next instruction or function call, or at
 * the next sentence of an entity, quote or statement extraction it
 * started, within 4,096 words of a lexicon match, or as a regex match
 * returns (one match runs to its end); the rules after it do not run and count as interrupted too; the
 * scan call returns NR_EINTERRUPTED, its alerts so far delivered. An
 * interrupted rule is not counted as a failure. A call while no scan runs
 * has no effect (each scan starts afresh), and one racing with the start
 * or the end of a scan may be lost. `s` must stay alive during the call.
 */
NR_EXTERN void nr_scanner_interrupt(nr_scanner *s);

/** Message of the last failure, "" when there is none. */
NR_EXTERN const char *nr_scanner_last_error(const nr_scanner *s);

/** Problems of the last scan call, each naming rule id, file and line:
 * rule errors, and notices (a rule stopped at the alert cap, a rule
 * disabled after repeated errors or kept on after its probe article, the
 * Lua state rebuilt because rules kept too much memory between articles).
 * Strings are valid until the next scan call. */
NR_EXTERN size_t nr_scanner_error_count(const nr_scanner *s);
NR_EXTERN const char *nr_scanner_error(const nr_scanner *s, size_t i);

/** How a rule's run over one article ended. Append-only. */
typedef enum nr_outcome {
	NR_OUTCOME_MATCH = 0,            /* one or more alerts */
	NR_OUTCOME_NOMATCH,              /* ran, no alert */
	NR_OUTCOME_SKIPPED,              /* keywords prefilter: not run */
	NR_OUTCOME_DISABLED,             /* not run: disabled after repeated errors */
	NR_OUTCOME_ERR_RUNTIME,          /* a Lua error raised by the rule */
	NR_OUTCOME_ERR_INSTRUCTIONS,     /* instruction budget exceeded */
	NR_OUTCOME_ERR_MEMORY,           /* memory budget exceeded */
	NR_OUTCOME_ERR_BLOCKED,          /* reached for something the sandbox denies */
	NR_OUTCOME_ERR_REGEX,            /* a regex or pattern hit its match limits */
	NR_OUTCOME_ERR_DEADLINE,         /* wall-clock deadline passed */
	NR_OUTCOME_INTERRUPTED,          /* nr_scanner_interrupt() stopped it, or
					    the scan before the rule's turn */
	NR_OUTCOME_ERR_ARTICLE_DEADLINE, /* the article deadline passed
					    (nr_scanner_options version 2)
					    while it ran or before its turn */
	NR_OUTCOME_COUNT_                /* outcomes in this version; grows */
} nr_outcome;

/** Name of an outcome ("match", "error-memory", ...); static. */
NR_EXTERN const char *nr_outcome_name(nr_outcome o);

/** Outcomes of rule `rule` counted over the scanner's life. */
NR_EXTERN unsigned long nr_scanner_rule_outcomes(const nr_scanner *s, size_t rule, nr_outcome o);

/**
 * The outcome of rule `rule` on the article the scanner scanned last
 * (nr_scanner_scan(); for nr_scanner_scan_rule(), the rule it ran), or
 * NR_OUTCOME_COUNT_ when the rule had none there (no scan yet, a scan the
 * alert callback stopped before the rule's turn, or another rule's
 * nr_scanner_scan_rule()). One call per rule instead of reading every
 * count: what a host that keeps its own per-article account needs.
 */
NR_EXTERN nr_outcome nr_scanner_rule_last_outcome(const nr_scanner *s, size_t rule);

/**
 * Wall-clock nanoseconds spent in rule `rule` over the scanner's life,
 * including the extraction (entities, quotes, statements) it triggered.
 */
NR_EXTERN uint64_t nr_scanner_rule_time_ns(const nr_scanner *s, size_t rule);
/** Of that, nanoseconds spent extracting entities, quotes and statements. */
NR_EXTERN uint64_t nr_scanner_analysis_time_ns(const nr_scanner *s);

/*
 * Log lines: what rules write with news.log(...) or print(...), for
 * debugging. The library never prints: it hands each line to a callback
 * the host sets, which may write it anywhere (the command writes them to
 * stderr or --log FILE). Without a callback, lines are counted and
 * dropped. Lines are rate-limited (docs/rules.md, "Debugging a rule"): at
 * most NR_LOG_MAX_PER_RULE per rule per article and NR_LOG_MAX_PER_ARTICLE
 * per article for all rules together (for a file's top level: per file);
 * past that, lines are counted, and after the rule (or file) one note
 * stands for them (`suppressed` > 0, message "N log lines suppressed").
 * A line is at most NR_LOG_MAX_LINE bytes (longer ones are cut, and say
 * so).
 */
#define NR_LOG_MAX_PER_RULE 100
#define NR_LOG_MAX_PER_ARTICLE 1000
#define NR_LOG_MAX_LINE 4096

/** One log line, borrowed for the callback's duration. Members may be
 * added at the end; the library allocates the struct. */
typedef struct nr_log_line {
	const char *rule;    /* rule id; NULL for a file's top-level code */
	const char *article; /* article id ("" when it has none); NULL at load */
	const char *file;    /* rule file of the news.log call */
	int line;            /* its line in that file, 0 when unknown */
	const char *message; /* the arguments' tostring(), tab-separated; any
				bytes (make them safe before a terminal sees
				them); NUL-terminated, but may hold NULs */
	size_t message_len;
	unsigned long suppressed; /* > 0: a note standing for that many
				     lines dropped by the rate limit */
} nr_log_line;

typedef void (*nr_log_cb)(const nr_log_line *line, void *payload);

/**
 * Where the lines rules log while `s` scans go (cb NULL: nowhere). Called
 * from inside the rule's call, on the scanning thread: the time it takes
 * counts against the rule's deadline. Lines a rule logs on its probe
 * article (see nr_scanner_options.max_failures) are dropped.
 */
NR_EXTERN void nr_scanner_set_log(nr_scanner *s, nr_log_cb cb, void *payload);
/**
 * Where the lines that rule files log from their top level go while they
 * load into `rs` (nr_ruleset_add_path() and _add_string()); a scanner
 * running the files again logs nothing for them.
 */
NR_EXTERN void nr_ruleset_set_log(nr_ruleset *rs, nr_log_cb cb, void *payload);
/** Lines rule `rule` logged over the scanner's life (handed to the
 * callback, or dropped for want of one), and in *suppressed (may be NULL)
 * those the rate limit held back. */
NR_EXTERN unsigned long nr_scanner_log_count(const nr_scanner *s, size_t rule,
					     unsigned long *suppressed);

/* Alerts. Everything returned is borrowed for the callback's duration. */
NR_EXTERN const char *nr_alert_rule_id(const nr_alert *al);
NR_EXTERN const char *nr_alert_title(const nr_alert *al);
NR_EXTERN const char *nr_alert_severity(const nr_alert *al);
NR_EXTERN size_t nr_alert_tag_count(const nr_alert *al);
NR_EXTERN const char *nr_alert_tag(const nr_alert *al, size_t i);
NR_EXTERN const char *nr_alert_message(const nr_alert *al);
NR_EXTERN size_t nr_alert_evidence_count(const nr_alert *al);
/** Evidence span i (0-based, end-exclusive) and its text (NUL-terminated). */
NR_EXTERN nr_span nr_alert_evidence(const nr_alert *al, size_t i, const char **text);
/** Who acts and who is acted upon, as the rule named them (an entity by
 * its name); NULL when the rule did not say. */
NR_EXTERN const char *nr_alert_actor(const nr_alert *al);
NR_EXTERN const char *nr_alert_target(const nr_alert *al);
/** Byte lengths of the message, actor and target (0 when NULL). A rule's
 * string may hold NUL bytes, which end the C strings above early; the
 * lengths and the JSON form (\u0000) keep the rest. */
NR_EXTERN size_t nr_alert_message_len(const nr_alert *al);
NR_EXTERN size_t nr_alert_actor_len(const nr_alert *al);
NR_EXTERN size_t nr_alert_target_len(const nr_alert *al);
/**
 * Who the alert's actor (NR_PARTY_ACTOR) or target (NR_PARTY_TARGET) is
 * in every article (see nr_article_party_identity): for an entity or a
 * statement party the rule gave, its identity as it acts; for a name the
 * rule wrote, the identity of the article's entity of that name, else of
 * the country or organisation the lexicons list under it. *id and
 * *canonical ("USA", "United States") are both NULL when unknown. Either
 * pointer may be NULL. NR_OK, or NR_EINVAL for another role.
 */
NR_EXTERN int nr_alert_identity(const nr_alert *al, nr_party_role role, const char **id,
				const char **canonical);
/**
 * Does `name` name the alert's actor (NR_PARTY_ACTOR) or target
 * (NR_PARTY_TARGET)? 1 when it is the alert's name for it up to ASCII
 * case, or its id, or a name the scan's lexicons list for the same
 * country or organisation ("US", "U.S.", "America", "Washington" for an
 * actor "United States"); 0 otherwise, and when the alert has none. What
 * `newsrules test` checks an example's actor and target with.
 */
NR_EXTERN int nr_alert_names(const nr_alert *al, nr_party_role role, const char *name);
/** The rule's extra `fields` as a JSON object text ("{}" when none). */
NR_EXTERN const char *nr_alert_fields_json(const nr_alert *al);
/** The article the alert is about. */
NR_EXTERN const nr_article *nr_alert_article(const nr_alert *al);

/**
 * The alert as one JSON object (scan's JSON Lines record): rule, title,
 * severity, tags, message, evidence[] {start,end,text}, fields {actor,
 * target, ...}, article {id,title,url,published, and for a JSON Lines
 * record extra}, ruleset. What the article part repeats is bounded: what
 * is too large is named, with its size, in article.left_out
 * (docs/formats.md). Release the string with nr_free().
 */
NR_EXTERN int nr_alert_to_json(const nr_alert *al, char **out);

#define NR_ALERT_JSON_TEXT \
	0x1u /* article.text: the clean text the evidence
				      offsets point into */
#define NR_ALERT_JSON_CONTEXT \
	0x2u /* evidence[].context {start,end,text}: the
				      sentences holding the span and one on
				      either side */

/**
 * nr_alert_to_json() with more: `flags` is 0 (the same output) or
 * NR_ALERT_JSON_* ORed. A text longer than NR_ALERT_MAX_TEXT bytes is
 * null and named in article.left_out, as other oversized members are.
 */
#define NR_ALERT_MAX_TEXT (1024u * 1024u)
NR_EXTERN int nr_alert_to_json_ext(const nr_alert *al, unsigned int flags, char **out);

/**
 * The span of the sentences holding evidence i, widened by `around`
 * sentences on either side (within the article); {0,0} when i is out of
 * range.
 */
NR_EXTERN nr_span nr_alert_evidence_context(const nr_alert *al, size_t i, size_t around);

/* ---- host functions: C callable from rules (news.host.NAME) ----------- */

/** One call of a host function from a rule: its arguments and results. */
typedef struct nr_call nr_call;

/** What an argument is (Lua's nil, boolean, number, string). */
typedef enum nr_value_type {
	NR_VALUE_NONE = 0, /* past the last argument */
	NR_VALUE_NIL,
	NR_VALUE_BOOLEAN,
	NR_VALUE_NUMBER,
	NR_VALUE_STRING
} nr_value_type;

/**
 * A host function. It reads its arguments and hands its results back
 * through `call` (valid during the call only) and returns NR_OK, or an
 * error (nr_call_error() says what) that becomes the rule's runtime error.
 * It runs on the thread of whichever scanner runs the rule, so several at
 * once when scanners run on several threads: it must be thread-safe, and
 * so must what `payload` points at. It must not call back into the
 * scanner that called it.
 */
typedef int (*nr_host_fn)(nr_call *call, void *payload);

/**
 * Make `fn` callable from the set's rules as news.host.NAME(...), with
 * `payload` handed to every call. NAME is a Lua identifier of at most 64
 * bytes ([A-Za-z_][A-Za-z0-9_]*, no keyword) not taken yet. Add functions
 * before the rule files that use them: a file's top level may call them
 * while it loads, and lint (options.lint) warns about a name the set does
 * not have when the file loads. The sandbox's budgets apply to every call
 * (docs/rules.md, "Host functions"). NR_OK; NR_EINVAL (no set or fn, a
 * bad or taken name, with nr_ruleset_last_error() saying which);
 * NR_ENOMEM; NR_EFROZEN once a scanner uses the set.
 */
NR_EXTERN int nr_ruleset_add_function(nr_ruleset *rs, const char *name, nr_host_fn fn,
				      void *payload);
/** Host functions of the set, in the order added; names borrowed. */
NR_EXTERN size_t nr_ruleset_function_count(const nr_ruleset *rs);
NR_EXTERN const char *nr_ruleset_function(const nr_ruleset *rs, size_t i);

/** The name the rule called the function by (NAME of news.host.NAME). */
NR_EXTERN const char *nr_call_name(const nr_call *call);
/** The id of the rule calling, or NULL while a rule file's top level runs. */
NR_EXTERN const char *nr_call_rule_id(const nr_call *call);
NR_EXTERN size_t nr_call_arg_count(const nr_call *call);
/** Argument i's type (0-based); NR_VALUE_NONE past the last one. */
NR_EXTERN nr_value_type nr_call_arg_type(const nr_call *call, size_t i);
/** Argument i when it is a string (bytes, may hold NULs; NUL-terminated;
 * *len set when len is not NULL), borrowed until the function returns;
 * NULL for any other type (numbers are not converted). */
NR_EXTERN const char *nr_call_arg_string(const nr_call *call, size_t i, size_t *len);
/** Argument i when it is a number, else 0. */
NR_EXTERN double nr_call_arg_number(const nr_call *call, size_t i);
/** Argument i when it is a number with an integer value (fits int64_t):
 * NR_OK and *out; else NR_EINVAL. */
NR_EXTERN int nr_call_arg_integer(const nr_call *call, size_t i, int64_t *out);
/** Argument i's truth as Lua sees it: 0 for nil, false or none, else 1. */
NR_EXTERN int nr_call_arg_boolean(const nr_call *call, size_t i);

/**
 * Results, in order: the rule gets them as the function's return values
 * (at most NR_CALL_MAX_RESULTS). A string is copied. NR_OK; NR_ETOOBIG
 * when there are too many results or a string would take the scanner past
 * its memory budget (then the call fails with that reason, whatever the
 * function returns); NR_ENOMEM.
 */
#define NR_CALL_MAX_RESULTS 16
NR_EXTERN int nr_call_return_nil(nr_call *call);
NR_EXTERN int nr_call_return_boolean(nr_call *call, int value);
NR_EXTERN int nr_call_return_number(nr_call *call, double value);
NR_EXTERN int nr_call_return_integer(nr_call *call, int64_t value);
NR_EXTERN int nr_call_return_string(nr_call *call, const char *s, size_t len);

/**
 * Fail the call with a message (printf format): the rule stops with the
 * runtime error "news.host.NAME: message" (with its file and line), as
 * for error() in the rule; a pcall in the rule can catch it. Returns
 * NR_ERUNTIME, for `return nr_call_error(call, "...")`.
 */
#if defined(__GNUC__)
#define NR_CALL_FORMAT __attribute__((format(printf, 2, 3)))
#else
#define NR_CALL_FORMAT
#endif
NR_EXTERN int nr_call_error(nr_call *call, const char *fmt, ...) NR_CALL_FORMAT;

/* ------------------------------------------------------------------ */
/* For embedders: shared and reloaded rule sets, alert copies, per-rule */
/* statistics, error names (docs/embedding.md)                          */

/** The code's name as the header spells it ("NR_OK", "NR_ENOMEM", ...),
 * for logs and bindings; "unknown" for a code this version lacks. Static. */
NR_EXTERN const char *nr_error_name(int code);

/**
 * Take one more reference to `rs` (atomic: any thread, any time); returns
 * `rs`. nr_ruleset_free() drops one and frees the set with the last. The
 * creator holds one, each scanner bound to the set another, so a host
 * that replaces its set frees the old one at once and the scanners still
 * running on it keep it alive until they move (nr_scanner_rebind()) or are
 * freed. A set's contents must not change once shared (NR_EFROZEN from
 * the first scanner on); retaining does not freeze it.
 */
NR_EXTERN nr_ruleset *nr_ruleset_retain(nr_ruleset *rs);

/**
 * Move `s` to the rule set `rs`, between scans, on the thread that uses
 * `s`: a fresh Lua state with the set's rules replaces the old one (both
 * live during the call), the scanner's reference moves to the new set,
 * and its per-rule counts, times, log counts, circuit breaker and disabled
 * rules start afresh (rule indices are the new set's). Options, the log
 * callback and the scanner's thread stay. The same set: NR_OK, nothing
 * changes. On failure the scanner keeps its old set and state, and
 * nr_scanner_last_error() says why: NR_ERULE (the rules did not come back
 * in the new state: "file:line: reason"), NR_ENOMEM, NR_EINVAL. A scanner
 * whose creation failed (NR_ERULE) comes to life on a set that loads.
 */
NR_EXTERN int nr_scanner_rebind(nr_scanner *s, const nr_ruleset *rs);
/** The set `s` runs, borrowed while `s` stays bound to it. */
NR_EXTERN const nr_ruleset *nr_scanner_ruleset(const nr_scanner *s);

/*
 * A rule slot: "the current rule set" that a reloading host publishes and
 * that scanners on other threads pick up between articles. Every function
 * is thread-safe. A reload builds a new set, publishes it with one
 * nr_ruleslot_set(), and drops its own reference; each worker calls
 * nr_scanner_follow() before its next article, so articles in flight
 * finish on the set they started on and each article's alerts come from
 * exactly one set.
 */
typedef struct nr_ruleslot nr_ruleslot;

/** A slot holding `rs` (a reference is taken; NULL: empty). NR_OK, NR_ENOMEM. */
NR_EXTERN int nr_ruleslot_new(nr_ruleslot **out, nr_ruleset *rs);
/** Drop the slot's reference to its set. */
NR_EXTERN void nr_ruleslot_free(nr_ruleslot *slot);
/** Publish `rs` (a reference is taken; NULL empties the slot); the
 * reference to the set it held is dropped. The generation grows by one. */
NR_EXTERN void nr_ruleslot_set(nr_ruleslot *slot, nr_ruleset *rs);
/** The current set with a reference taken for the caller (release it with
 * nr_ruleset_free()), or NULL when the slot is empty. */
NR_EXTERN nr_ruleset *nr_ruleslot_get(nr_ruleslot *slot);
/** How many times the slot was set: a cheap "did it change" (atomic). */
NR_EXTERN uint64_t nr_ruleslot_generation(const nr_ruleslot *slot);
/**
 * Between articles, on the scanner's thread: when the slot was set since
 * `s` last followed it, rebind `s` to its current set (a no-op when that
 * is the set `s` runs, or the slot is empty). Costs one atomic load when
 * nothing changed. NR_OK, or nr_scanner_rebind()'s failure: `s` keeps its
 * set, and tries the slot's set again only once the slot is set again.
 */
NR_EXTERN int nr_scanner_follow(nr_scanner *s, nr_ruleslot *slot);

/**
 * An alert in one call. Strings are borrowed from the alert (for the
 * callback's duration, or the copy's life); lengths as the nr_alert_*_len
 * functions give them. Members may be added at the end, with a new
 * version: set `version` before the call.
 */
#define NR_ALERT_INFO_VERSION 1

typedef struct nr_alert_info {
	unsigned int version; /* NR_ALERT_INFO_VERSION */
	const char *rule_id;
	const char *title;
	const char *severity; /* the alert's: the rule's unless it chose */
	int severity_rank;    /* nr_severity_rank(severity) */
	const char *message;  /* never NULL */
	size_t message_len;
	const char *actor; /* NULL when the rule did not say */
	size_t actor_len;
	const char *target; /* NULL when the rule did not say */
	size_t target_len;
	const char *actor_id; /* nr_alert_identity(); NULL when unknown */
	const char *target_id;
	size_t tag_count;        /* nr_alert_tag() */
	size_t evidence_count;   /* nr_alert_evidence() */
	const char *fields_json; /* "{}" when none */
	const char *article_id;  /* "" when the article has none */
	const char *article_title;
	const char *article_url;
	const char *article_published;
	const char *ruleset_hash; /* nr_ruleset_hash() of the rule's set */
} nr_alert_info;

#define NR_ALERT_INFO_INIT                                                                         \
	{                                                                                          \
		NR_ALERT_INFO_VERSION, NULL, NULL, NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, NULL, \
		    0, 0, NULL, NULL, NULL, NULL, NULL, NULL                                       \
	}

/** Fill `out` (its `version` set by the caller). NR_OK, or NR_EINVAL for a
 * NULL pointer or a version this library does not know. */
NR_EXTERN int nr_alert_get_info(const nr_alert *al, nr_alert_info *out);

/**
 * A copy of an alert that owns everything it needs and outlives the
 * callback, the scan, the article and the scanner (it holds a reference
 * to the rule set, for the rule's id, title and tags). Every nr_alert_*
 * function works on it and nr_alert_to_json()/_ext() give the same bytes
 * as on the original, but nr_alert_article() is NULL, and nr_alert_names()
 * knows the article's entities no more: it compares with the alert's
 * name, its id, and (for a set with lexicons of its own) what they list.
 * It keeps the article's metadata, its pass-through fields, the sentence
 * spans, and the text when at most NR_ALERT_MAX_TEXT bytes (else the
 * evidence contexts only): a copy may take about its article's size.
 * NR_OK, NR_EINVAL, NR_ENOMEM. Free with nr_alert_free(); a copy may
 * move between threads, one at a time.
 */
NR_EXTERN int nr_alert_copy(const nr_alert *al, nr_alert **out);
/** Free a copy (NULL is fine). Never an alert the scanner handed out. */
NR_EXTERN void nr_alert_free(nr_alert *al);

/**
 * One rule's statistics on a scanner, since it was made, rebound or
 * reset: outcome counts, alerts handed out, wall-clock time in the rule
 * (extraction it started included) and, of that, in extraction, and log
 * lines. Add new members at the end, with a new version.
 */
#define NR_RULE_STATS_VERSION 1
#define NR_RULE_STATS_OUTCOMES 16 /* room for NR_OUTCOME_COUNT_ to grow */

typedef struct nr_rule_stats {
	unsigned int version;                           /* NR_RULE_STATS_VERSION */
	unsigned long outcomes[NR_RULE_STATS_OUTCOMES]; /* by nr_outcome */
	unsigned long runs;      /* articles it ran on (match, no match, error) */
	unsigned long alerts;    /* alerts handed to the callback */
	uint64_t time_ns;        /* in the rule, extraction included */
	uint64_t analysis_ns;    /* of that, extracting (entities, quotes, statements) */
	unsigned long log_lines; /* news.log / print lines */
	unsigned long log_suppressed;
} nr_rule_stats;

#define NR_RULE_STATS_INIT                                     \
	{                                                      \
		NR_RULE_STATS_VERSION, { 0 }, 0, 0, 0, 0, 0, 0 \
	}

/** Rule `rule`'s statistics into `out` (its `version` set by the caller).
 * NR_OK, or NR_EINVAL (no such rule, a version unknown). */
NR_EXTERN int nr_scanner_rule_stats(const nr_scanner *s, size_t rule, nr_rule_stats *out);
/** Start every count and time of `s` afresh (nr_scanner_analysis_time_ns()
 * too); the circuit breaker and disabled rules are kept. */
NR_EXTERN void nr_scanner_reset_stats(nr_scanner *s);
/** Add `src` into `dst` (both filled by nr_scanner_rule_stats(), e.g. for
 * one rule on several scanners of one set). NR_OK or NR_EINVAL. */
NR_EXTERN int nr_rule_stats_merge(nr_rule_stats *dst, const nr_rule_stats *src);

#ifdef __cplusplus
}
#endif

#endif /* NEWSRULES_H */
