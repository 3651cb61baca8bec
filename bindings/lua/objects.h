/*
 * objects.h - the Lua face of the engine: the `news` library (regexes,
 * lexicons) and the article, span, entity, quote, statement and party
 * objects rules read.
 * They read articles through the core's functions only (newsrules.h and
 * core/extract/access.h).
 */
#ifndef NR_OBJECTS_H
#define NR_OBJECTS_H

#include "alerts/alert.h"
#include "extract/access.h"
#include "lexicon/lexicon.h"
#include "sandbox/sandbox.h"

/* Metatable names (also what __tostring and error messages call them). */
#define NR_MT_ARTICLE "newsrules.Article"
#define NR_MT_SPAN "newsrules.Span"
#define NR_MT_REGEX "newsrules.Regex"
#define NR_MT_LEXICON "newsrules.Lexicon"
#define NR_MT_ENTITY "newsrules.Entity"
#define NR_MT_QUOTE "newsrules.Quote"
#define NR_MT_STATEMENT "newsrules.Statement"
#define NR_MT_PARTY "newsrules.Party"

/* The same types as small numbers: what a metatable says it is, read by
 * pointer (nr_lua__test) rather than by name through the registry. */
enum {
	NR_T_NONE,
	NR_T_ARTICLE,
	NR_T_SPAN,
	NR_T_REGEX,
	NR_T_LEXICON,
	NR_T_ENTITY,
	NR_T_QUOTE,
	NR_T_STATEMENT,
	NR_T_PARTY,
	NR_T_COUNT
};

/* What a sandboxed state opens: the `news` library and the objects. */
extern const nr_sandbox_lib nr_lua__libs[];

/* ------------------------------------------------------------------ */
/* news.c, regex.c, lexicon.c: the `news` table, regexes and lexicons.  */

typedef struct nr_regex {
	pcre2_code *code; /* matched by PCRE2's interpreter */
	pcre2_code *jit;  /* its JIT form once made (regex.c), or NULL */
	uint32_t ncap;
	bool owned;     /* false: borrowed from the rule set */
	bool jit_done;  /* tried: `jit` is all there will be */
	size_t rx;      /* borrowed: its index in the set's list */
	uint32_t work;  /* matching done so far, in uses (regex.c) */
	size_t charged; /* bytes counted against the heap budget */
} nr_regex;

/* Register the Regex and Lexicon metatables; push the `news` table. */
void nr_news__open(lua_State *L);
/* Set news.host (host.c) on the `news` table at index. */
void nr_news__host_open(lua_State *L, int news);
/* The `newsrules` module's nr.ruleset (luaruleset.c): registers the
 * RuleSet type, pushes the constructor. */
int nr_luamod__ruleset(lua_State *L);
/* The running file's cache of compiled regexes and lexicons (news.c):
 * push the value under the string at `key` (nil when absent) and return
 * its type; store the value at `value` under `key` (raises when a file's
 * top level compiles more than the cache pins). */
int nr_news__cache_get(lua_State *L, int key);
void nr_news__cache_put(lua_State *L, int key, int value);

/* regex.c: news.regex(pattern [, flags]) and the Regex metatable. */
int nr_news__regex(lua_State *L);
void nr_news__regex_open(lua_State *L);
/* Compiled regex for a pattern string (cached per state); raises on error. */
nr_regex *nr_news__regex_cached(lua_State *L, const char *pat, size_t len, uint32_t options);
/*
 * Run regex on subject[0..len) from `start`. Returns 1 and fills *ms and *me
 * on a match, 0 on none; raises on a limit. `checked` skips the UTF check.
 */
int nr_news__regex_exec(lua_State *L, nr_regex *re, const char *subject, size_t len, size_t start,
			bool checked, size_t *ms, size_t *me);

/* keywords.c: news.literals and news.cue_keywords into the news table at
 * index `news`. */
void nr_news__keywords_open(lua_State *L, int news);
/* log.c: news.log(...), which is also the global print(...). */
int nr_news__log(lua_State *L);
/* Hand the note "N log lines suppressed" to cb (nothing when n is 0). */
void nr_log__note(nr_log_cb cb, void *payload, const char *rule, const char *article,
		  const char *file, unsigned long n);
/* lexkeywords.c: news.keywords(lexicon, ...): keywords covering their forms. */
int nr_news__keywords(lua_State *L);

/* lexicon.c: news.lexicon(list | name) and the Lexicon metatable. */
int nr_news__lexicon(lua_State *L);
void nr_news__lexicon_open(lua_State *L);
/* Is the value at idx a lexicon? Find the first match of the lexicon at
 * lex_idx (which the caller has checked is one) in s[from..len):
 * returns 1 and the byte span, or 0. When `a` is given and s is its text,
 * the article's words, split and hashed once per article, are looked up
 * (unless the range cuts a word); otherwise s is split on the way, as
 * lex:test(string) does: the reference tests hold the words to. */
bool nr_news__is_lexicon(lua_State *L, int idx);
/* A built-in lexicon a rule set keeps for its states (lexicon.c). */
struct nr_lexshare;
void nr_news__lexshare_free(struct nr_lexshare *sh);
int nr_news__lexicon_find(lua_State *L, int lex_idx, nr_article *a, const char *s, size_t len,
			  size_t from, size_t *ms, size_t *me);
/* Push a lexicon holding the one word or phrase, the string at idx
 * (cached per state). */
void nr_news__lexicon_word(lua_State *L, int idx);
/* Push the table whose keys are the forms the lexicon at idx matches
 * (lowercased, words joined by one space, inflections included), and the
 * word prefixes of its longer entries: */
void nr_news__lexicon_forms(lua_State *L, int idx);
/* Is the value at idx of that table a form's? The table also maps each
 * word prefix of a longer entry ("ruling" of "ruling out") to false. */
bool nr_news__lexicon_is_form(lua_State *L, int idx);
/* Push a table whose keys are the forms news.lexicon{ s } would match:
 * s lowercased and, unless it is short or not plain ASCII, inflected. */
void nr_news__entry_forms(lua_State *L, const char *s, size_t len);

/* ------------------------------------------------------------------ */
/* The scan the objects belong to.                                     */

/* What one scan exposes to the bindings. */
typedef struct nr_scan_ctx {
	nr_article *article; /* NULL outside a scan; analysed on demand */
	uint64_t gen;        /* bumped per article */
	int text_ref;        /* registry ref to article.text, or LUA_NOREF */
	const nr_ruleset *rs;
	const nr_rule *rule; /* the rule being run */
	/* Where the rules' keywords occur in the article (scanner.c), or
	 * NULL (the `newsrules` module): article:hits(). */
	struct nr_kwscan *kw;
	nr_alert_list alerts; /* what the running rule raised */
	/* The `newsrules` Lua module: objects own their article (no scan). */
	bool module;
	uint64_t analyze_ns; /* time spent extracting entities, quotes, statements */
	/* Extraction of article generation `late_gen` ran out of time: later
	 * rules on it fail at once instead of trying again. */
	uint64_t late_gen;
	/* news.log: the host's callback, and the lines of the running rule
	 * and of the article so far (rate limits), those held back by them,
	 * and whether lines are dropped (a probe article). */
	nr_log_cb log_cb;
	void *log_payload;
	unsigned log_rule, log_article;
	unsigned long log_suppressed;
	bool log_off;
} nr_scan_ctx;

static inline nr_scan_ctx *nr_lua__ctx(lua_State *L) { return nr_sandbox__get(L)->host; }

/* ------------------------------------------------------------------ */
/* object.c: what the article, span, entity and quote objects share.    */

/*
 * Every object starts with the same head: the article it points into and
 * the scan generation it was made in. Objects made by the `newsrules` Lua
 * module (ctx->module) instead keep their article alive: the article
 * userdata owns it and every child holds the article in its user value.
 */
typedef struct nr_lua_head {
	nr_article *a; /* analysed when a rule asks for entities or quotes */
	uint64_t gen;
} nr_lua_head;

typedef struct nr_lua_article {
	nr_lua_head h;
	nr_article *owned; /* module mode: freed with the userdata */
} nr_lua_article;

enum {
	NR_SPAN_MATCH,
	NR_SPAN_SENTENCE,
	NR_SPAN_PARAGRAPH,
	NR_SPAN_MENTION,
	NR_SPAN_PART,
	NR_SPAN_HIT /* index: the keyword, numbered across rules (prefilter.h) */
};

typedef struct nr_lua_span {
	nr_lua_head h;
	uint32_t start, end; /* 0-based, end-exclusive */
	int32_t index;       /* sentence, paragraph or mention number, or -1 */
	int kind;            /* NR_SPAN_* */
} nr_lua_span;

/* Entities and quotes: an index into the article's. */
typedef struct nr_lua_item {
	nr_lua_head h;
	uint32_t index;
} nr_lua_item;

/* A statement's actor, target or reporter: the statement and which. */
typedef struct nr_lua_party {
	nr_lua_head h;
	uint32_t index;
	uint8_t role; /* 0 actor, 1 target, 2 reported_by */
} nr_lua_party;

/* A metatable: __index reads `methods` first, then calls `index` (when
 * given) for fields; __newindex refuses; __gc and __eq when given. */
typedef struct nr_lua_type {
	const char *name;
	const luaL_Reg *methods;
	lua_CFunction index, tostring, eq, gc;
} nr_lua_type;

/* Register a metatable; leaves the stack as it was. */
void nr_lua__new_type(lua_State *L, const nr_lua_type *t);
/* The NR_T_* type of the value at idx (NR_T_NONE for anything else), and
 * the userdata at idx when it has type `type` (NULL, or raise as
 * luaL_checkudata does): one metatable read, no registry lookup by name. */
int nr_lua__type_of(lua_State *L, int idx);
void *nr_lua__test(lua_State *L, int idx, int type);
void *nr_lua__check(lua_State *L, int idx, int type);
/* Give the value on top of the stack the metatable of `type`. */
void nr_lua__set_type(lua_State *L, int type);
bool nr_lua__is_alive(lua_State *L, const nr_lua_head *h);
/* The article behind an object, or raise (an object kept past its scan). */
nr_article *nr_lua__live(lua_State *L, const nr_lua_head *h);
/* New object of `size` bytes (a head first) for the article of the object
 * at `owner`; pushed with metatable `mt`. */
void *nr_lua__new_object(lua_State *L, size_t size, int type, int owner);
/* Extract entities and quotes of `a` if no rule has yet; raises on failure. */
void nr_lua__analyze(lua_State *L, nr_article *a);
/* The same for statements (entities and quotes first, if need be). */
void nr_lua__analyze_statements(lua_State *L, nr_article *a);
/* Optional entity type argument ("person", ...): 0 for any. */
int nr_lua__opt_entity_type(lua_State *L, int arg);

/* ------------------------------------------------------------------ */
/* article.c, span.c, entity.c, quote.c: the objects.                  */

void nr_article__lua_open(lua_State *L);
/* Push the article userdata for the current scan. */
void nr_article__lua_push(lua_State *L, nr_scan_ctx *ctx);
/* Module mode: push an article userdata that owns `a` (freed by __gc). The
 * caller must not raise between creating `a` and this call's return. */
void nr_article__lua_push_owned(lua_State *L, nr_article *a);

/* hits.c: article:hits([options]), and the `keyword` of a hit span
 * (pushes it and returns 1, or 0). */
int nr_article__hits(lua_State *L);
int nr_article__push_hit_keyword(lua_State *L, int32_t kw);

void nr_lua__span_open(lua_State *L);
nr_lua_span *nr_lua__push_span(lua_State *L, int owner, size_t start, size_t end, int kind,
			       int32_t index);
void nr_lua__push_sentence(lua_State *L, int owner, const nr_article *a, size_t i);
/* Iterators: spans of kind NR_SPAN_SENTENCE or NR_SPAN_PARAGRAPH numbered
 * [first, stop); matches of the matcher at `matcher` (a pattern string, a
 * regex or a lexicon) in the text's bytes [start, end). */
void nr_lua__push_span_list(lua_State *L, int owner, int kind, size_t first, size_t stop);
int nr_lua__push_find(lua_State *L, int owner, int matcher, size_t start, size_t end);
/* Byte range of a span, an entity (its first mention), a quote (its
 * content), a statement (its parts) or a party (where it is named);
 * raises for anything else or an expired object. */
const nr_lua_head *nr_lua__check_spanlike(lua_State *L, int idx, uint32_t *start, uint32_t *end);
/* start, stop and text of a byte range; returns 1 when k was one of them. */
int nr_lua__push_span_field(lua_State *L, const nr_article *a, uint32_t s0, uint32_t e0,
			    const char *k);
/* The first 40 bytes of a range (fewer, to end on a whole character),
 * "..." when it was longer. */
void nr_lua__push_excerpt(lua_State *L, const nr_article *a, uint32_t s0, uint32_t e0);
/* Span methods that entities and quotes have too. */
int nr_lua__span_sentence(lua_State *L);
int nr_lua__span_sentences(lua_State *L);
int nr_lua__span_find(lua_State *L);
int nr_lua__span_has(lua_State *L);
int nr_lua__span_entities(lua_State *L);
int nr_lua__span_mentions(lua_State *L);
int nr_lua__span_statements(lua_State *L);

void nr_lua__entity_open(lua_State *L);
void nr_lua__push_entity(lua_State *L, int owner, size_t i);

void nr_lua__quote_open(lua_State *L);
void nr_lua__push_quote(lua_State *L, int owner, size_t i);

/* statement.c: statements and their parties. */
void nr_lua__statement_open(lua_State *L);
void nr_lua__push_statement(lua_State *L, int owner, size_t i);
/* Iterator over the statements whose cue starts in bytes [start, end),
 * filtered by the act name or list of names at `arg` (none: all). */
int nr_lua__push_statements(lua_State *L, int owner, int arg, size_t start, size_t end);
/* The bytes statement i covers (its cue, content and named parties). */
void nr_lua__statement_span(const nr_article *a, size_t i, uint32_t *start, uint32_t *end);
/* A party's record (into *si); raises for an expired object. */
const nr_party_info *nr_lua__party_info(lua_State *L, const nr_lua_party *p, nr_statement_info *si);

#endif /* NR_OBJECTS_H */
