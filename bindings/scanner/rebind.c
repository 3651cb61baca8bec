/*
 * rebind.c - moving a scanner to another rule set between articles, and
 * the rule slot: "the current rule set" that a reloading host publishes
 * and its scanners follow.
 *
 * A scanner's state for its set (the Lua state, the keyword pass, the
 * per-rule arrays) is built anew for the new set while the old one stays,
 * so that a failure leaves the scanner as it was. A sandbox only ever
 * works at s->sb: its Lua state's allocator and PCRE2 contexts point
 * there. So the two states take turns at that address: the new one is
 * built there, set aside, the old one put back and closed, and the new
 * one put in its place. The watchdog thread, the options, the log
 * callback and the alert list stay with the scanner.
 */
#include "scanner/scanner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What a scanner holds for the set it is bound to. */
typedef struct bound {
	const nr_ruleset *rs;
	nr_sandbox sb;
	nr_kwscan kw;
	nr_lexicon *lex;
	int *match_ref, *env_ref;
	unsigned *fails;
	bool *suspect, *disabled;
	unsigned long (*counts)[NR_OUTCOME_COUNT_];
	unsigned char *last;
	uint64_t *ns, *ans;
	unsigned long (*logs)[2];
	unsigned long *nalerts;
	bool any_keywords, broken, stillborn;
	size_t baseline;
	unsigned resets;
	uint64_t analyze_ns;
} bound;

/* Move the scanner's binding into *b, leaving the scanner's fields zeroed. */
static void take(bound *b, nr_scanner *s)
{
	b->rs = s->rs;
	b->sb = s->sb;
	b->kw = s->kw;
	b->lex = s->lex;
	b->match_ref = s->match_ref;
	b->env_ref = s->env_ref;
	b->fails = s->fails;
	b->suspect = s->suspect;
	b->disabled = s->disabled;
	b->counts = s->counts;
	b->last = s->last;
	b->ns = s->ns;
	b->ans = s->ans;
	b->logs = s->logs;
	b->nalerts = s->nalerts;
	b->any_keywords = s->any_keywords;
	b->broken = s->broken;
	b->stillborn = s->stillborn;
	b->baseline = s->baseline;
	b->resets = s->resets;
	b->analyze_ns = s->ctx.analyze_ns;
	memset(&s->sb, 0, sizeof(s->sb));
	memset(&s->kw, 0, sizeof(s->kw));
	s->match_ref = s->env_ref = NULL;
	s->fails = NULL;
	s->suspect = s->disabled = NULL;
	s->counts = NULL;
	s->last = NULL;
	s->ns = s->ans = NULL;
	s->logs = NULL;
	s->nalerts = NULL;
	s->any_keywords = s->broken = s->stillborn = false;
	s->baseline = 0;
	s->resets = 0;
	s->ctx.analyze_ns = 0;
}

/* Put a binding taken with take() back into the scanner. */
static void put(nr_scanner *s, const bound *b)
{
	s->rs = b->rs;
	s->ctx.rs = b->rs;
	s->sb = b->sb;
	s->kw = b->kw;
	s->lex = b->lex;
	s->match_ref = b->match_ref;
	s->env_ref = b->env_ref;
	s->fails = b->fails;
	s->suspect = b->suspect;
	s->disabled = b->disabled;
	s->counts = b->counts;
	s->last = b->last;
	s->ns = b->ns;
	s->ans = b->ans;
	s->logs = b->logs;
	s->nalerts = b->nalerts;
	s->any_keywords = b->any_keywords;
	s->broken = b->broken;
	s->stillborn = b->stillborn;
	s->baseline = b->baseline;
	s->resets = b->resets;
	s->ctx.analyze_ns = b->analyze_ns;
}

/* Free what the scanner holds for its set; `keep_lex`: its lexicons
 * moved on to the new binding. */
static void release(nr_scanner *s, bool keep_lex)
{
	nr_sandbox__close(&s->sb);
	nr_kwscan__free(&s->kw);
	nr_scanner__free_rules(s);
	if (!keep_lex && s->lex != s->rs->lex)
		nr_lexicon_free(s->lex);
	s->lex = NULL;
}

/* Build the scanner's binding to `rs` in place (its old one taken). */
static int build_binding(nr_scanner *s, const nr_ruleset *rs, nr_lexicon *own_lex, char *msg,
			 size_t msglen)
{
	s->rs = rs;
	s->ctx.rs = rs;
	/* The scanner's own built-in lexicons serve a set without any. */
	s->lex = rs->lex ? rs->lex : own_lex;
	snprintf(msg, msglen, "out of memory");
	const nr_prefilter *pf = nr_prefilter__get(rs);
	if (!pf)
		return NR_ENOMEM;
	nr_kwscan__init(&s->kw, pf);
	if (s->kw.oom || !nr_scanner__alloc_rules(s))
		return NR_ENOMEM;
	return nr_scanner__load_state(s, msg, msglen);
}

int nr_scanner_rebind(nr_scanner *s, const nr_ruleset *rs)
{
	if (!s || !rs)
		return NR_EINVAL;
	if (rs == s->rs && !s->stillborn)
		return NR_OK;
	nr_ruleset__freeze(rs);
	bound old, neu;
	take(&old, s);
	nr_lexicon *own = old.rs && old.lex != old.rs->lex ? old.lex : NULL;
	char msg[sizeof(s->last_error)];
	int rc = build_binding(s, rs, own, msg, sizeof(msg));
	if (rc) {
		release(s, s->lex == own);
		put(s, &old);
		snprintf(s->last_error, sizeof(s->last_error),
			 "cannot move to the new rule set: %.440s", msg);
		return rc;
	}
	take(&neu, s);
	put(s, &old);
	release(s, neu.lex == own && own);
	nr_ruleset_free((nr_ruleset *)old.rs); /* the scanner's reference */
	put(s, &neu);
	nr_ruleset_retain((nr_ruleset *)rs);
	s->last_error[0] = '\0';
	return NR_OK;
}

const nr_ruleset *nr_scanner_ruleset(const nr_scanner *s) { return s ? s->rs : NULL; }

/* ---- the rule slot ------------------------------------------------------ */

struct nr_ruleslot {
	pthread_mutex_t mu;
	nr_ruleset *rs;        /* a reference of the slot's own, or NULL */
	_Atomic(uint64_t) gen; /* sets so far */
};

int nr_ruleslot_new(nr_ruleslot **out, nr_ruleset *rs)
{
	if (!out)
		return NR_EINVAL;
	*out = NULL;
	nr_ruleslot *slot = calloc(1, sizeof(*slot));
	if (!slot)
		return NR_ENOMEM;
	if (pthread_mutex_init(&slot->mu, NULL)) {
		free(slot);
		return NR_ENOMEM;
	}
	slot->rs = nr_ruleset_retain(rs);
	atomic_init(&slot->gen, 0);
	*out = slot;
	return NR_OK;
}

void nr_ruleslot_free(nr_ruleslot *slot)
{
	if (!slot)
		return;
	nr_ruleset_free(slot->rs);
	pthread_mutex_destroy(&slot->mu);
	free(slot);
}

void nr_ruleslot_set(nr_ruleslot *slot, nr_ruleset *rs)
{
	if (!slot)
		return;
	nr_ruleset_retain(rs);
	pthread_mutex_lock(&slot->mu);
	nr_ruleset *old = slot->rs;
	slot->rs = rs;
	atomic_fetch_add(&slot->gen, 1);
	pthread_mutex_unlock(&slot->mu);
	nr_ruleset_free(old); /* outside the lock: it may free the whole set */
}

/* The current set, retained, and the generation it belongs to. */
static nr_ruleset *slot_get(nr_ruleslot *slot, uint64_t *gen)
{
	pthread_mutex_lock(&slot->mu);
	nr_ruleset *rs = nr_ruleset_retain(slot->rs);
	*gen = atomic_load(&slot->gen);
	pthread_mutex_unlock(&slot->mu);
	return rs;
}

nr_ruleset *nr_ruleslot_get(nr_ruleslot *slot)
{
	uint64_t gen;
	return slot ? slot_get(slot, &gen) : NULL;
}

uint64_t nr_ruleslot_generation(const nr_ruleslot *slot)
{
	return slot ? atomic_load(&((nr_ruleslot *)slot)->gen) : 0;
}

int nr_scanner_follow(nr_scanner *s, nr_ruleslot *slot)
{
	if (!s || !slot)
		return NR_EINVAL;
	if (s->slot == slot && atomic_load(&slot->gen) == s->slot_gen)
		return NR_OK;
	uint64_t gen;
	nr_ruleset *rs = slot_get(slot, &gen);
	int rc = rs ? nr_scanner_rebind(s, rs) : NR_OK;
	nr_ruleset_free(rs);
	s->slot = slot; /* a failed set is not tried again until the next */
	s->slot_gen = gen;
	return rc;
}
