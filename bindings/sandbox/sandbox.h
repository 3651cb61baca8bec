/*
 * sandbox.h - a Lua state that untrusted rule code can run in: an
 * allow-listed library, an accounting allocator with a memory cap, an
 * instruction count and a wall-clock deadline (held inside C by a
 * watchdog, which also carries the host's interrupt), bounded library
 * calls, a pre-scan of rule files, PCRE2 contexts with limits. Knows
 * nothing of rules or articles.
 */
#ifndef NR_SANDBOX_H
#define NR_SANDBOX_H

#include "base/base.h"

#include <lauxlib.h>
#include <lua.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

/* ------------------------------------------------------------------ */
/* watch.c: a thread that stops budgeted code at its deadline, and the  */
/* interrupt flag another thread raises.                                */

typedef struct nr_watch {
	atomic_int stop;                /* raised by nr_watch__interrupt() */
	_Atomic(lua_State *) armed;     /* the state running budgeted code */
	atomic_int pokers;              /* pokes in progress */
	_Atomic(long long) deadline_ns; /* of the armed code; 0: none */
	lua_Hook hook;                  /* what a poke installs */
	int64_t period_ns;              /* how long an idle watch sleeps */
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	bool quit, running;
} nr_watch;

/* Start the thread (signals blocked); NR_ENOMEM when it cannot start.
 * `hook` is installed to fire on every call and instruction at the armed
 * deadline; `period_ms` is the deadline length (how long to sleep idle). */
int nr_watch__start(nr_watch *w, lua_Hook hook, unsigned int period_ms);
void nr_watch__stop(nr_watch *w);
/* Publish the state running budgeted code until `deadline_ns` / withdraw
 * it (waits for pokes in progress: after this, none touches the state). */
void nr_watch__arm(nr_watch *w, lua_State *L, int64_t deadline_ns);
void nr_watch__disarm(nr_watch *w);
/* Make the armed state's hook fire at its next instruction or call.
 * Lock-free and async-signal-safe. */
void nr_watch__poke(nr_watch *w, lua_Hook hook);
/* Raise `stop`, then poke. Lock-free and async-signal-safe. */
void nr_watch__interrupt(nr_watch *w);
/* Wait until no poke is in progress (one may be walking the state). */
static inline void nr_watch__wait_pokes(nr_watch *w)
{
	while (atomic_load(&w->pokers))
		sched_yield();
}

/* ------------------------------------------------------------------ */
/* sandbox.c: budgets, allow-listed environments, bounded patterns.    */

/* Room for the metatables of the bindings' object types (NR_T_COUNT). */
#define NR_SANDBOX_TYPES 16

typedef struct nr_sandbox {
	lua_State *L;
	/* Each object type's metatable, by address (lua/object.c): a type
	 * check compares pointers instead of looking a key up. */
	const void *types[NR_SANDBOX_TYPES];
	/* memory */
	size_t mem_used, mem_cap;
	bool mem_limited; /* the cap applies (during calls into rules) */
	/* instructions and wall clock */
	unsigned long instr_budget, instr_used;
	unsigned int deadline_ms;
	int64_t deadline_ns; /* nr__now_ns() time of the armed call's deadline */
	/* The watchdog: the owner's (a scanner's, set after init), or the
	 * sandbox's own, started on first arm. `obey_stop`: the owner's
	 * interrupt applies to the code being run (not to rule files run
	 * again when a state is rebuilt). */
	nr_watch *watch;
	nr_watch own_watch;
	bool obey_stop;
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
	struct nr_ruleset *loading;
	const struct nr_ruleset *shared;
	/* What rule{} records into while a rule file's top level runs, NULL
	 * at any other time (rule{} called from match() finds NULL). */
	void *decl;
	/* Built-in lexicons for news.lexicon("name") and the extractors: made
	 * on first use into *lexp, which points at own_lex unless the owner
	 * (a scanner, whose lexicons outlive a state rebuild) says otherwise. */
	nr_lexicon *own_lex;
	nr_lexicon **lexp;
	/* What the state opens besides Lua's libraries (see nr_sandbox_lib). */
	const struct nr_sandbox_lib *libs;
	/* The owner's deadline for all its calls together (a scanner's
	 * article deadline: nr__now_ns() time, 0 none, `article_ms` long):
	 * past it a call trips NR_OUTCOME_ERR_ARTICLE_DEADLINE. */
	int64_t article_ns;
	unsigned int article_ms;
} nr_sandbox;

/* How many instructions pass between hook calls. */
#define NR_HOOK_EVERY 1000

/*
 * Libraries a sandboxed state opens besides Lua's allow-listed ones, as
 * Lua's linit.c lists its own: `open` pushes the library, which becomes
 * the global `name`; with no name, `open` registers what it needs (object
 * metatables) and pushes nothing. The list ends with a zeroed entry.
 */
typedef struct nr_sandbox_lib {
	const char *name;
	void (*open)(lua_State *L);
} nr_sandbox_lib;

int nr_sandbox__init(nr_sandbox *sb, size_t mem_cap, unsigned long instr_budget,
		     unsigned int deadline_ms, const nr_sandbox_lib *libs);
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
/* The budgets' hook (what the watchdog pokes in). */
void nr_sandbox__hook(lua_State *L, lua_Debug *ar);
/* Arm the budgets for one call into rule code / disarm after it. */
void nr_sandbox__arm(nr_sandbox *sb);
void nr_sandbox__disarm(nr_sandbox *sb);
/* For C work the armed call starts (extraction): a deadline as far off as
 * a call's, from now, so that the work does not pay for the time the rule
 * spent before it; and the interrupt flag. False when nothing is armed. */
bool nr_sandbox__deadline(const nr_sandbox *sb, nr_deadline *out);
/* The armed call's deadline moves `ns` later: C work it started (an
 * extraction, which has a deadline of its own) is not charged to it. The
 * article deadline stays. */
void nr_sandbox__extend(nr_sandbox *sb, int64_t ns);
/* Has the article deadline passed? */
bool nr_sandbox__article_late(const nr_sandbox *sb);
/* For long loops in C: raise (as the hook would) when the armed call's
 * deadline has passed or the owner interrupted it. Cheap; call it every
 * few thousand steps. */
void nr_sandbox__poll(lua_State *L);
/* Record a tripped budget (first one wins) and make the hook fire on every
 * instruction from now on. */
void nr_sandbox__trip(nr_sandbox *sb, int outcome, const char *fmt, ...) NR_PRINTF(3, 4);
/* Record a tripped budget and raise it as a Lua error. */
int nr_sandbox__raise(lua_State *L, int outcome, const char *fmt, ...) NR_PRINTF(3, 4);

/*
 * bounded.c: the library functions whose single call could outrun every
 * budget (the hook only runs between instructions and calls), replaced in
 * the string table at `idx` (find, match, gmatch, gsub, rep) and the table
 * table at `idx` (move, insert, remove, sort) by bounded ones.
 */
void nr_sandbox__bound_string(lua_State *L, int idx);
void nr_sandbox__bound_table(lua_State *L, int idx);

/*
 * pattern.c: the most steps Lua's matcher may take running pattern p over
 * a subject of n bytes (see the file's comment): with the subject's bytes
 * `s`, or, when s is NULL, over n bytes of ordinary text (a repeated class
 * that holds the space runs the whole text, any other a long word).
 * `how`: NR_PAT_FIND (find, match: a leading '^' anchors, the first match
 * ends the search), NR_PAT_GSUB (anchors, every match), NR_PAT_GMATCH
 * ('^' is a plain character, every match). `scratch` holds
 * nr_sandbox__pattern_scratch(plen) bytes aligned as malloc's. A call over
 * NR_PATTERN_STEPS_MAX is refused: at the few nanoseconds a step takes,
 * well under a second.
 */
#define NR_PATTERN_STEPS_MAX 1e8
enum { NR_PAT_FIND, NR_PAT_GSUB, NR_PAT_GMATCH };
size_t nr_sandbox__pattern_scratch(size_t plen);
double nr_sandbox__pattern_steps(const char *p, size_t plen, int how, const char *s, size_t n,
				 void *scratch);

/*
 * chunk.c: load a rule file's text (never bytecode) as luaL_loadbufferx()
 * does, after refusing what Lua 5.4.4 cannot take safely: chains of more
 * than 100 field accesses, nesting more than 100 levels deep. Pushes the
 * chunk, or a "name:line: reason" message and returns LUA_ERRSYNTAX.
 */
int nr_sandbox__load(lua_State *L, const char *src, size_t len, const char *chunkname);
/*
 * The chunk nr_sandbox__load() just pushed (top of the stack), dumped as
 * Lua bytecode with its debug information (errors name the same lines),
 * into a malloc'd buffer (*out, *n); false when memory runs out. For the
 * library's own cache of what it parsed: a state that runs the same source
 * again loads the dump instead of parsing it (nr_sandbox__load_dump).
 */
bool nr_sandbox__dump(lua_State *L, char **out, size_t *n);
/*
 * Push the chunk a dump made by nr_sandbox__dump() holds. Only those dumps,
 * kept in C memory no rule can reach or change, are ever loaded as
 * bytecode: rules themselves can load none (crafted bytecode can crash
 * the VM). Returns the lua_load status.
 */
int nr_sandbox__load_dump(lua_State *L, const char *bc, size_t n, const char *chunkname);

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
 * afterwards. `rule_fn` is the C function behind `rule{}`; it finds what
 * to record into in the sandbox record (`decl`). Pushes nothing else.
 */
void nr_sandbox__push_env(lua_State *L, lua_CFunction rule_fn);
/* Switch env at index from loading to running. */
void nr_sandbox__env_run(lua_State *L, int env_idx);
/* Switch env at index from loading to frozen: assignments to its globals
 * raise (a module's, shared by every file that requires it). */
void nr_sandbox__env_freeze(lua_State *L, int env_idx);
/* Drop the scratch globals of env at index (fresh globals per rule call). */
void nr_sandbox__env_clear(lua_State *L, int env_idx);
/* Push the two tables behind env at index: the file's top-level globals,
 * then its library copy (what its reads fall through to). */
void nr_sandbox__env_tables(lua_State *L, int env_idx);
/* Is `name` one of the globals rules are told they cannot have (os, io,
 * require, ...)? */
bool nr_sandbox__blocked(const char *name);

/* tostring.c: tostring() and string.format without addresses ("table:
 * #3"; %p refused). */
int nr_sandbox__tostring(lua_State *L);
/* setmetatable for rules (metatable.c): no __gc, no weak keys, and a
 * snapshot the rule cannot change afterwards. */
int nr_sandbox__setmetatable(lua_State *L);
void nr_sandbox__wrap_format(lua_State *L, int strlib);

#endif /* NR_SANDBOX_H */
