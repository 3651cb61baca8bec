/*
 * rules.h - a compiled rule set (the files, the rules they declare, their
 * regexes and diagnostics) and the `rule{}` declaration that fills it.
 * A set is read-only once a scanner uses it and shared by all scanners.
 */
#ifndef NR_RULES_H
#define NR_RULES_H

#include "sandbox/sandbox.h"

#include <stdatomic.h>

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
	size_t retained; /* Lua heap the file keeps once it has run */
} nr_rfile;

/* A regex compiled while the set loaded, shared read-only by every scanner
 * (PCRE2 code and its JIT code may be matched from many threads at once,
 * each with its own match data and JIT stack). */
typedef struct nr_rx {
	uint32_t options;
	char *pattern;
	size_t len;
	pcre2_code *code;
	uint64_t hash; /* of options and pattern, to find it quickly */
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
	char last_error[1024];
	atomic_int frozen; /* set by the first nr_scanner_new() */
	/* Lexicons built while files loaded (news.lexicon("name")), or NULL;
	 * lookups are thread-safe, so scanners share it read-only. */
	nr_lexicon *lex;
};

void nr_rule__free(nr_rule *r);
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
	size_t index;     /* of the file in the set (its caches, news.c) */
	/* rule set mode */
	nr_ruleset *rs;
	nr_rule *rules;
	size_t nrules, cap_rules;
	nr_rule pending; /* freed by the caller if a raise cut parsing short */
	size_t rx_mark;  /* shared regexes before this file */
	size_t nerrors;
	size_t retained; /* heap the file keeps after running (rule set mode) */
	/* Registry ref (when > 0) of a table id -> match function: a scanner
	 * takes its rules from it; a set keeps them there only so that what
	 * they hold stays reachable while the file's heap is measured. */
	int matches_ref;
} nr_collector;

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
/* lint.c: warnings on a file that loaded (see lint.h), made while the   */
/* state it ran in, with its environment at the top of the stack, is    */
/* still open. Never fails: what it cannot read it leaves alone.        */

void nr_rules__lint(nr_sandbox *sb, const nr_collector *c, const char *name, const char *src,
		    size_t len);

#endif /* NR_RULES_H */
