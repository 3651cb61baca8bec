/*
 * host.h - declarations shared by the files of the Lua rule host.
 * Nothing here is public. Lua and PCRE2 types stay on this side of the
 * line: include/newsrules.h never sees them.
 */
#ifndef NR_HOST_H
#define NR_HOST_H

#include "extract.h"
#include "internal.h"

#include <lauxlib.h>
#include <lua.h>
#include <stdatomic.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* Metatable names (also what __tostring and error messages call them). */
#define NR_MT_ARTICLE "newsrules.Article"
#define NR_MT_SPAN "newsrules.Span"
#define NR_MT_REGEX "newsrules.Regex"
#define NR_MT_LEXICON "newsrules.Lexicon"
#define NR_MT_ENTITY "newsrules.Entity"
#define NR_MT_QUOTE "newsrules.Quote"

/* ------------------------------------------------------------------ */
/* ruleset.c                                                            */

typedef struct nr_example {
	char *text;
	int expect;
	char *actor; /* or NULL */
	int line;
} nr_example;

typedef struct nr_rule {
	char *id, *title, *severity;
	char **tags;
	size_t ntags;
	char **keywords; /* lowercased */
	size_t nkeywords;
	nr_example *examples;
	size_t nexamples;
	size_t file; /* index into the set's files */
	int line;    /* where rule{ is called */
} nr_rule;

typedef struct nr_rfile {
	char *name;
	char *source;
	size_t len;
} nr_rfile;

/* A regex compiled while the set loaded, shared read-only by every scanner
 * (PCRE2 code and its JIT code may be matched from many threads at once,
 * each with its own match data and JIT stack). */
typedef struct nr_rx {
	uint32_t options;
	char *pattern;
	size_t len;
	pcre2_code *code;
} nr_rx;

typedef struct nr_diag {
	char *text;
	nr_diag_level level;
} nr_diag;

struct nr_ruleset {
	nr_ruleset_options opts;
	nr_rfile *files;
	size_t nfiles, cap_files;
	nr_rule *rules;
	size_t nrules, cap_rules;
	nr_diag *diags;
	size_t ndiags, cap_diags;
	size_t rejected;
	uint64_t hash_state;
	char hash[17];
	nr_rx *rx;
	size_t nrx, cap_rx;
	char last_error[1024];
	atomic_int frozen; /* set by the first nr_scanner_new() */
	/* Lexicons built while files loaded (news.lexicon("name")), or NULL;
	 * lookups are thread-safe, so scanners share it read-only. */
	nr_lexicon *lex;
};

void nr_rule__free(nr_rule *r);

/* ------------------------------------------------------------------ */
/* sandbox.c: budgets, allow-listed environments, bounded patterns.    */

typedef struct nr_sandbox {
	lua_State *L;
	/* memory */
	size_t mem_used, mem_cap;
	bool mem_limited; /* the cap applies (during calls into rules) */
	/* instructions and wall clock */
	unsigned long instr_budget, instr_used;
	unsigned int deadline_ms;
	struct timespec deadline;
	/* The first budget tripped during the current call (an nr_outcome
	 * error class), or 0. Once set, the hook fires on every instruction
	 * so that pcall inside a rule cannot swallow it. */
	int tripped;
	char trip_msg[160];
	/* PCRE2 */
	pcre2_general_context *gctx;
	pcre2_compile_context *cctx;
	pcre2_match_context *mctx;
	pcre2_jit_stack *jit_stack;
	pcre2_match_data *md;
	/* What the bindings reach through the state (the scanner, or NULL
	 * while a rule set is loading). */
	void *host;
	/* Regexes: while a set loads, `loading` collects them; a scanner's
	 * state borrows them from `shared`. */
	nr_ruleset *loading;
	const nr_ruleset *shared;
	/* Built-in lexicons for news.lexicon("name") and the extractors: made
	 * on first use into *lexp, which points at own_lex unless the owner
	 * (a scanner, whose lexicons outlive a state rebuild) says otherwise. */
	nr_lexicon *own_lex;
	nr_lexicon **lexp;
} nr_sandbox;

/* How many instructions pass between hook calls. */
#define NR_HOOK_EVERY 1000

int nr_sandbox__init(nr_sandbox *sb, size_t mem_cap,
		     unsigned long instr_budget, unsigned int deadline_ms);
void nr_sandbox__close(nr_sandbox *sb);
/* A sandbox record over someone else's state (the `newsrules` Lua module
 * in a stock interpreter): PCRE2 contexts and lexicons, no budgets, no
 * allow-list. It claims the state's extra space. */
int nr_sandbox__init_host(nr_sandbox *sb, lua_State *L);
void nr_sandbox__close_host(nr_sandbox *sb);
/* The lexicon set of the state, built on first use; raises on failure. */
const nr_lexicon *nr_sandbox__lexicon(lua_State *L);
static inline nr_sandbox *nr_sandbox__get(lua_State *L)
{
	return *(nr_sandbox **)lua_getextraspace(L);
}
/* Arm the budgets for one call into rule code / disarm after it. */
void nr_sandbox__arm(nr_sandbox *sb);
void nr_sandbox__disarm(nr_sandbox *sb);
/* Record a tripped budget (first one wins) and make the hook fire on every
 * instruction from now on. */
void nr_sandbox__trip(nr_sandbox *sb, int outcome, const char *fmt, ...)
	NR_PRINTF(3, 4);
/* Record a tripped budget and raise it as a Lua error. */
int nr_sandbox__raise(lua_State *L, int outcome, const char *fmt, ...)
	NR_PRINTF(3, 4);

/*
 * Call the function below `nargs` arguments on the stack in protected mode
 * with a traceback handler. Returns the lua_pcall status; on error leaves
 * a one-line message on the stack.
 */
int nr_sandbox__pcall(lua_State *L, int nargs, int nresults);

/*
 * Push a fresh environment for one rule file: an empty proxy whose reads
 * fall through to the call's scratch globals, then the file's own
 * top-level globals, then a private copy of the allow-listed library.
 * Writes go to the file's globals while `loading`, to the scratch table
 * afterwards. `rule_fn` is the C function behind `rule{}` (upvalue: the
 * light userdata `collector`). Also pushes nothing else.
 */
void nr_sandbox__push_env(lua_State *L, lua_CFunction rule_fn, void *collector);
/* Switch env at index from loading to running. */
void nr_sandbox__env_run(lua_State *L, int env_idx);
/* Drop the scratch globals of env at index (fresh globals per rule call). */
void nr_sandbox__env_clear(lua_State *L, int env_idx);

/* What rule{} does with each declaration while a file loads. */
typedef struct nr_collector {
	bool loading;      /* rule{} is only valid while the file runs */
	bool scanner;      /* false: build nr_rule entries; true: keep match fns */
	const char *file;  /* name for messages */
	/* rule set mode */
	nr_ruleset *rs;
	nr_rule *rules;
	size_t nrules, cap_rules;
	nr_rule pending;   /* freed by the caller if a raise cut parsing short */
	size_t rx_mark;    /* shared regexes before this file */
	size_t nerrors;
	/* scanner mode: registry ref of a table id -> match function */
	int matches_ref;
} nr_collector;

/* Record a diagnostic on the set. */
void nr_ruleset__diag(nr_ruleset *rs, nr_diag_level level, const char *fmt, ...)
	NR_PRINTF(3, 4);

/*
 * Load and run one rule file in a fresh declaration environment under the
 * sandbox's budgets. On LUA_OK the environment (switched to run mode) is
 * left on the stack; otherwise a one-line message is.
 */
int nr_ruleset__run_file(nr_sandbox *sb, nr_collector *c, const char *name,
			 const char *src, size_t len);

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
nr_regex *nr_news__regex_cached(lua_State *L, const char *pat, size_t len,
				uint32_t options);
/*
 * Run regex on subject[0..len) from `start`. Returns 1 and fills *ms and *me
 * on a match, 0 on none; raises on a limit. `checked` skips the UTF check.
 */
int nr_news__regex_exec(lua_State *L, nr_regex *re, const char *subject,
			size_t len, size_t start, bool checked, size_t *ms,
			size_t *me);
/* Is the value at idx a lexicon? Find its first match in s[0..len):
 * returns 1 and the byte span, or 0. */
bool nr_news__is_lexicon(lua_State *L, int idx);
int nr_news__lexicon_find(lua_State *L, int lex_idx, const char *s,
			  size_t len, size_t from, size_t *ms, size_t *me);
/* Push a lexicon holding one word (cached per state). */
void nr_news__lexicon_word(lua_State *L, const char *w, size_t len);

/* ------------------------------------------------------------------ */
/* lua_article.c: article and span userdata, alerts.                   */

typedef struct nr_alert_ev {
	nr_span span;
	const char *text;
} nr_alert_ev;

struct nr_alert {
	const nr_ruleset *rs;
	const nr_rule *rule;
	const nr_article *article;
	const char *severity;
	const char *message;
	nr_alert_ev *ev;
	size_t nev;
	const char *actor, *target;
	const char *fields_json;
	nr_alert *next;
};

/* What one scan exposes to the bindings. */
typedef struct nr_scan_ctx {
	const nr_article *article; /* NULL outside a scan */
	uint64_t gen;              /* bumped per article */
	int text_ref;              /* registry ref to article.text, or LUA_NOREF */
	const nr_ruleset *rs;
	const nr_rule *rule;       /* the rule being run */
	unsigned int max_alerts;
	nr_arena arena;            /* alerts of the running rule */
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

#endif /* NR_HOST_H */
