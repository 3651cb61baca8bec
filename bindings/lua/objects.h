/*
 * objects.h - the Lua face of the engine: the `news` library (regexes,
 * lexicons) and the article, span, entity and quote objects rules read.
 * They read articles through the core's functions only.
 */
#ifndef NR_OBJECTS_H
#define NR_OBJECTS_H

#include "alerts/alert.h"
#include "lexicon/lexicon.h"
#include "sandbox/sandbox.h"

/* Metatable names (also what __tostring and error messages call them). */
#define NR_MT_ARTICLE "newsrules.Article"
#define NR_MT_SPAN "newsrules.Span"
#define NR_MT_REGEX "newsrules.Regex"
#define NR_MT_LEXICON "newsrules.Lexicon"
#define NR_MT_ENTITY "newsrules.Entity"
#define NR_MT_QUOTE "newsrules.Quote"

/* What a sandboxed state opens: the `news` library and the objects. */
extern const nr_sandbox_lib nr_lua__libs[];

/* ------------------------------------------------------------------ */
/* lua_news.c: news.regex and news.lexicon.                            */

typedef struct nr_regex {
	pcre2_code *code;
	uint32_t ncap;
	bool owned; /* false: borrowed from the rule set */
} nr_regex;

/* Register the Regex and Lexicon metatables; push the `news` table. */
void nr_news__open(lua_State *L);
/* Compiled regex for a pattern string (cached per state); raises on error. */
nr_regex *nr_news__regex_cached(lua_State *L, const char *pat, size_t len, uint32_t options);
/*
 * Run regex on subject[0..len) from `start`. Returns 1 and fills *ms and *me
 * on a match, 0 on none; raises on a limit. `checked` skips the UTF check.
 */
int nr_news__regex_exec(lua_State *L, nr_regex *re, const char *subject, size_t len, size_t start,
			bool checked, size_t *ms, size_t *me);
/* Is the value at idx a lexicon? Find its first match in s[0..len):
 * returns 1 and the byte span, or 0. */
bool nr_news__is_lexicon(lua_State *L, int idx);
int nr_news__lexicon_find(lua_State *L, int lex_idx, const char *s, size_t len, size_t from,
			  size_t *ms, size_t *me);
/* Push a lexicon holding one word (cached per state). */
void nr_news__lexicon_word(lua_State *L, const char *w, size_t len);

/* ------------------------------------------------------------------ */
/* lua_article.c: article and span userdata, alerts.                   */

/* What one scan exposes to the bindings. */
typedef struct nr_scan_ctx {
	nr_article *article; /* NULL outside a scan; analysed on demand */
	uint64_t gen;        /* bumped per article */
	int text_ref;        /* registry ref to article.text, or LUA_NOREF */
	const nr_ruleset *rs;
	const nr_rule *rule; /* the rule being run */
	unsigned int max_alerts;
	nr_arena arena; /* alerts of the running rule */
	nr_alert *alerts, **tail;
	size_t nalerts;
	/* The `newsrules` Lua module: objects own their article (no scan). */
	bool module;
	uint64_t analyze_ns; /* time spent extracting entities and quotes */
} nr_scan_ctx;

void nr_article__lua_open(lua_State *L);
/* Push the article userdata for the current scan. */
void nr_article__lua_push(lua_State *L, nr_scan_ctx *ctx);
/* Module mode: push an article userdata that owns `a` (freed by __gc). The
 * caller must not raise between creating `a` and this call's return. */
void nr_article__lua_push_owned(lua_State *L, nr_article *a);

#endif /* NR_OBJECTS_H */
