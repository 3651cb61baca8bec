/*
 * scanner.h - the scanner's record, shared by its files: scanner.c (make,
 * scan, the circuit breaker), rebind.c (moving to another rule set, the
 * rule slot) and stats.c (per-rule statistics).
 */
#ifndef NR_SCANNER_H
#define NR_SCANNER_H

#include "lua/objects.h"
#include "rules/prefilter.h"

struct nr_scanner {
	const nr_ruleset *rs;
	nr_scanner_options opts;
	nr_sandbox sb;
	nr_watch watch; /* deadlines inside C, and nr_scanner_interrupt() */
	nr_scan_ctx ctx;
	int *match_ref;  /* per rule */
	int *env_ref;    /* per file */
	unsigned *fails; /* consecutive failures per rule */
	bool *suspect;   /* fails reached max_failures: probe after the scan */
	bool *disabled;
	bool probing;        /* running a rule on its probe article */
	char probe_why[512]; /* how it failed there */
	unsigned long (*counts)[NR_OUTCOME_COUNT_];
	unsigned char *last;      /* outcome per rule on the last article */
	uint64_t *ns;             /* time per rule */
	unsigned long (*logs)[2]; /* news.log lines per rule: logged, held back */
	/* The set's lexicons, or the scanner's own built on first use (then
	 * freed with it); either way they survive state rebuilds. */
	nr_lexicon *lex;
	char **errors;
	size_t nerrors, cap_errors;
	char last_error[512];
	nr_kwscan kw;   /* the keyword pass over the article */
	bool reference; /* decide by memmem in `lower` instead (tests) */
	nr_buf lower;   /* lowercased title + text, for the reference */
	bool any_keywords;
	bool broken;     /* the state could not be rebuilt: nothing runs */
	bool stillborn;  /* the rules did not load: nothing runs, ever */
	size_t baseline; /* heap right after the rules loaded */
	unsigned resets; /* times the state was rebuilt */
	/* Statistics beyond the counts above (stats.c): alerts handed out
	 * and extraction time per rule. */
	unsigned long *nalerts;
	uint64_t *ans;
	/* The article deadline of the running scan (nr__now_ns time), 0:
	 * none. */
	int64_t article_end;
	/* nr_scanner_follow(): the slot last followed and its generation. */
	const void *slot;
	uint64_t slot_gen;
};

/* The per-rule arrays of `s` for its set `s->rs` (calloc'd; `last` set to
 * "no outcome"); false when memory runs out (free what is there with
 * nr_scanner__free_rules). */
bool nr_scanner__alloc_rules(nr_scanner *s);
void nr_scanner__free_rules(nr_scanner *s);
/* A fresh sandboxed state at s->sb with every rule file of s->rs run in it
 * again; NR_ERULE with the reason in msg, NR_ENOMEM. */
int nr_scanner__load_state(nr_scanner *s, char *msg, size_t msglen);

#endif /* NR_SCANNER_H */
