/*
 * rules.h - a compiled rule set (the files, the rules they declare, their
 * regexes and diagnostics) and the `rule{}` declaration that fills it.
 * A set is read-only once a scanner uses it and shared by all scanners
 * (but for the keyword prefilter the first scanner builds and publishes).
 */
#ifndef NR_RULES_H
#define NR_RULES_H

#include "sandbox/sandbox.h"

#include <stdatomic.h>

/* ------------------------------------------------------------------ */
/* ruleset.c                                                            */

/* One expectation of an example about the alert it names (examples.c). */
typedef enum nr_want_kind {
	NR_WANT_NONE,   /* the alert has no such value (`target = false`) */
	NR_WANT_STRING, /* actor, target: equal once folded; message: contains */
	NR_WANT_NUMBER,
	NR_WANT_BOOLEAN
} nr_want_kind;

typedef struct nr_want {
	char *name; /* "actor", "target", "message", "fields.KEY" */
	nr_want_kind kind;
	char *text; /* STRING: the string itself */
	size_t len;
	double num;   /* NUMBER */
	bool boolean; /* BOOLEAN */
	char *json;   /* the value as JSON text ("null" for NONE) */
} nr_want;

typedef struct nr_example {
	char *text;
	int expect;
	char *actor; /* or NULL (also when it says `actor = false`) */
	int line;
	nr_want *wants; /* actor, target, message, fields.* in that order */
	size_t nwants;
} nr_example;

typedef struct nr_rule {
	char *id, *title, *severity;
	char **tags;
	size_t ntags;
	char **keywords; /* lowercased */
	size_t nkeywords;
	char **declared; /* as written, when one had a capital; else NULL */
	nr_example *examples;
	size_t nexamples;
	size_t file; /* index into the set's files */
	int line;    /* where rule{ is called */
} nr_rule;

/* A source's main chunk as the set's load parsed it (nr_sandbox__dump):
 * scanners load it instead of parsing the source again. NULL: parse. */
typedef struct nr_dump {
	char *bc;
	size_t len;
} nr_dump;

typedef struct nr_rfile {
	char *name;
	char *source;
	size_t len;
	size_t retained; /* Lua heap the file keeps once it has run */
	nr_dump dump;
} nr_rfile;

/* A module rule files require: read from disk while the set loaded
 * (`path` where it was found) or added by name (nr_ruleset_add_module). */
typedef struct nr_rmodule {
	char *path;
	char *source;
	size_t len;
	bool registered;
	nr_dump dump; /* made by the first state of the set's load that runs it */
} nr_rmodule;

/* A regex compiled while the set loaded, shared read-only by every scanner
 * (PCRE2 code and its JIT code may be matched from many threads at once,
 * each with its own match data and JIT stack). `code` is never written
 * after it is compiled; its JIT form is a separate copy (`jit`), compiled
 * by whichever state first uses the regex often enough (regex.c), once:
 * `jit_claim` goes 0 -> 1 for the one that compiles it, and `jit` is
 * published with release order, NULL until then (or for good when the
 * platform has no JIT: `jit_claim` stays 1). */
typedef struct nr_rx {
	uint32_t options;
	char *pattern;
	size_t len;
	pcre2_code *code;
	uint64_t hash; /* of options and pattern, to find it quickly */
	_Atomic(pcre2_code *) jit;
	atomic_int jit_claim;
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
	size_t retained; /* the files' retained heaps, summed */
	uint64_t hash_state;
	char hash[17];
	nr_rx *rx;
	size_t nrx, cap_rx;
	nr_rmodule *mods;
	size_t nmods, cap_mods;
	/* Rules directories (the folder of a file given alone): where
	 * `require` looks in lib/. */
	char **roots;
	size_t nroots, cap_roots;
	char last_error[1024];
	atomic_int frozen; /* set by the first nr_scanner_new() */
	/* Every rule's keywords in one automaton (prefilter.h): built by the
	 * first scanner once the set is frozen, published with one atomic
	 * compare-and-swap, then read-only. */
	_Atomic(struct nr_prefilter *) prefilter;
	/* Lexicons built while files loaded (news.lexicon("name")) or
	 * attached (lexicons.c), or NULL; lookups are thread-safe, so
	 * scanners share it read-only. */
	nr_lexicon *lex;
	/* news.lexicon("name[:class]") as the files built it, in plain
	 * memory (lexicon.c): added while files load, read-only once the set
	 * is frozen; every later state borrows them instead of building its
	 * own copy. */
	struct nr_lexshare **lexshare;
	size_t nlexshare, cap_lexshare;
	/* Where the files' top-level news.log lines go (nr_ruleset_set_log). */
	nr_log_cb log_cb;
	void *log_payload;
	/* The lexicons/ folders attached so far (real paths): each once. */
	char **lexdirs;
	size_t nlexdirs;
	/* Host functions (hostfn.c), in the order added: news.host.NAME. */
	struct nr_hostfn *fns;
	size_t nfns, cap_fns;
	/* References: the creator's, one per nr_ruleset_retain(), one per
	 * scanner bound to the set (nr_scanner_new, nr_scanner_rebind). The
	 * last nr_ruleset_free() frees it. */
	atomic_size_t refs;
};

void nr_rule__free(nr_rule *r);
/* Fold bytes into the set's digest (every source it keeps). */
void nr_ruleset__digest(nr_ruleset *rs, const void *p, size_t n);
void nr_example__free(nr_example *e);
/* Mark the set as used by a scanner: from now on it cannot change. The
 * one write a scanner makes to the set it shares, to an atomic flag. */
void nr_ruleset__freeze(const nr_ruleset *rs);

/* ------------------------------------------------------------------ */
/* declare.c: rule{} while a file loads.                               */

/* What rule{} does with each declaration while a file loads. It lives on
 * the loader's stack; the sandbox record points at it (`decl`) only while
 * the file's top level runs. */
typedef struct nr_collector {
	bool scanner;     /* false: build nr_rule entries; true: keep match fns */
	const char *file; /* name for messages */
	const char *src;  /* its source, for the lines of examples */
	size_t len;
	size_t index; /* of the file in the set (its caches, news.c) */
	/* rule set mode */
	nr_ruleset *rs;
	nr_rule *rules;
	size_t nrules, cap_rules;
	nr_rule pending; /* freed by the caller if a raise cut parsing short */
	size_t rx_mark;  /* shared regexes before this file */
	size_t nerrors;
	size_t retained;    /* heap the file keeps after running (rule set mode) */
	unsigned log_lines; /* news.log lines of its top level, and those held back */
	unsigned long log_suppressed;
	bool returned; /* its top level returned a value (a module's way) */
	/* Registry ref (when > 0) of a table id -> match function: a scanner
	 * takes its rules from it; a set keeps them there only so that what
	 * they hold stays reachable while the file's heap is measured. */
	int matches_ref;
	/* The file's chunk: loaded from `dump` when it has one (a scanner's
	 * state); dumped into it by a set's load (taken by the set). */
	nr_dump dump;
} nr_collector;

/* Where a rule's examples are in its file's source: the text of each is
 * searched for after the previous one (Lua keeps no line numbers for
 * table fields); text written with escapes is not found and keeps the
 * rule's line. */
typedef struct nr_example_cursor {
	const char *src; /* NULL: no source, every example gets the rule's line */
	size_t len, from;
	int line, rule_line;
} nr_example_cursor;

void nr_example__cursor(nr_example_cursor *cur, const char *src, size_t len, int rule_line);
/* Read examples[i], the table at `ex` (raw: no metamethod runs), into e.
 * Every problem is reported through `report`, with the example's line,
 * as "examples[i]: ..."; false when there was one. examples.c */
typedef void (*nr_example_report)(void *site, int line, const char *msg);
bool nr_example__parse(lua_State *L, int ex, size_t i, nr_example *e, nr_example_cursor *cur,
		       nr_example_report report, void *site);

/* ------------------------------------------------------------------ */
/* lexicons.c: user lexicons attached to the set.                      */

/* Attach the lexicons/ folder of rules directory `dir`, once per folder;
 * what goes wrong is a diagnostic. NR_OK or the first failure's code. */
int nr_ruleset__add_dir_lexicons(nr_ruleset *rs, const char *dir);
/* The same for the directory holding rule file `path`. */
int nr_ruleset__add_file_lexicons(nr_ruleset *rs, const char *path);
/* Free what lexicons.c keeps on the set. */
void nr_ruleset__lexicons_free(nr_ruleset *rs);

/* Record a diagnostic on the set. */
void nr_ruleset__diag(nr_ruleset *rs, nr_diag_level level, const char *fmt, ...) NR_PRINTF(3, 4);

/*
 * Load and run one rule file in a fresh declaration environment under the
 * sandbox's budgets. On LUA_OK the environment (switched to run mode) is
 * left on the stack; otherwise a one-line message is.
 */
int nr_ruleset__run_file(nr_sandbox *sb, nr_collector *c, const char *name, const char *src,
			 size_t len);

/* ------------------------------------------------------------------ */
/* hostfn.c: C functions the host makes callable as news.host.NAME.    */

typedef struct nr_hostfn {
	char *name;
	nr_host_fn fn;
	void *payload;
} nr_hostfn;

/* The set's function called `name`, or NULL. */
const nr_hostfn *nr_ruleset__function(const nr_ruleset *rs, const char *name);
void nr_ruleset__functions_free(nr_ruleset *rs);

/* ------------------------------------------------------------------ */
/* modules.c: require "name".                                          */

/* `require` as rule code sees it (a library function of the sandbox). */
int nr_rules__require(lua_State *L);
/* Push it (nr_lua__libs makes it the global `require`). */
void nr_rules__open_require(lua_State *L);
bool nr_ruleset__module_name_ok(const char *name);
/* The module kept at `path` (or added under that name), or NULL. */
const nr_rmodule *nr_ruleset__module(const nr_ruleset *rs, const char *path, bool registered);
/* Keep a copy of a module's source in the set (and in its digest). */
const nr_rmodule *nr_ruleset__keep_module(nr_ruleset *rs, const char *path, const char *src,
					  size_t len, bool registered);

/* ------------------------------------------------------------------ */
/* lint.c: warnings on a file that loaded (see lint.h), made while the   */
/* state it ran in, with its environment at the top of the stack, is    */
/* still open. Never fails: what it cannot read it leaves alone.        */

void nr_rules__lint(nr_sandbox *sb, const nr_collector *c, const char *name, const char *src,
		    size_t len);

#endif /* NR_RULES_H */
