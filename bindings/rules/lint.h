/*
 * lint.h - what the linter's passes share (lint.c, lintpat.c, cues.c): the
 * file being linted, its bytecode, the warnings gathered so far.
 *
 * The linter runs once a rule file has loaded, in the state it loaded in:
 * it reads the file's bytecode (luac.c) and the values its top level left
 * (the rules' match functions, their upvalues, the file's globals), and
 * never runs rule code. Its findings are warnings on the rule set, each
 * naming its file, line and kind ("[undefined-global]"); a comment
 * "-- check: ignore [kind ...]" on the line, or alone on the line before,
 * silences them there.
 */
#ifndef NR_LINT_H
#define NR_LINT_H

#include "rules/luac.h"
#include "rules/rules.h"

typedef struct nr_lint_msg {
	int line;
	size_t seq; /* order made, for a stable sort by line */
	char *text;
} nr_lint_msg;

typedef struct nr_lint {
	lua_State *L;
	int env; /* the file's environment (absolute index) */
	nr_ruleset *rs;
	const nr_collector *c;
	const char *file, *src;
	size_t len;
	nr_arena arena;        /* what lives as long as the lint: the bytecode, caches */
	nr_arena scratch;      /* what one rule's or one function's pass needs */
	const nr_proto *chunk; /* the file's bytecode */
	nr_lint_msg *msgs;
	size_t nmsgs, cap;
	size_t work; /* what the cue lint has done (cues.c bounds it) */
} nr_lint;

/* A warning of kind `kind` at `line` (unless a comment silences it). */
void nr_lint__warn(nr_lint *lt, int line, const char *kind, const char *fmt, ...) NR_PRINTF(4, 5);
/* The line of the first of `field` (keywords, ...) after rule r's line in
 * the source, or the rule's line. */
int nr_lint__field_line(const nr_lint *lt, const nr_rule *r, const char *field);
/* A closest name to `name` among the string keys of the table at `set`
 * (at most two edits away), or NULL. */
const char *nr_lint__nearest(lua_State *L, int set, const char *name);

/* Room for item n in the array *arr of *cap items of `elem` bytes, in the
 * lint's scratch arena (freed with it, even when a Lua error cuts a pass
 * short; reset after each rule's pass). */
bool nr_lint__grow(nr_lint *lt, void **arr, size_t *cap, size_t n, size_t elem);
/* Call fn on every function of the tree under f. */
void nr_lint__each_proto(nr_lint *lt, const nr_proto *f,
			 void (*fn)(nr_lint *lt, const nr_proto *f, void *arg), void *arg);

/* lintpat.c: constant Lua patterns the budget would refuse on a paragraph. */
/* Mark the value at the top of the stack in the table at `seen`: true the
 * first time a walk meets it (it is left on the stack either way). */
bool nr_lint__first_visit(lua_State *L, int seen);
void nr_lint__patterns(nr_lint *lt);
/* cues.c: keywords against the cue lists each rule's match reaches. */
void nr_lint__cues(nr_lint *lt);
/* linthost.c: news.host.NAME against the set's host functions. */
void nr_lint__host(nr_lint *lt);

#endif /* NR_LINT_H */
