/*
 * alert.h - what a rule reports: the alert record and the list of one
 * rule's alerts on one article, built in an arena while the rule runs
 * (nr_alert__add, from plain C values the Lua side has read), read
 * through the nr_alert_* functions of the public header, and its one
 * JSON form.
 */
#ifndef NR_ALERT_H
#define NR_ALERT_H

#include "rules/rules.h"

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

/* The alerts of the running rule on one article, in raising order. Their
 * memory is one arena, dropped whole once the host has seen them (so a
 * rule that fails halfway through an alert leaks nothing). */
typedef struct nr_alert_list {
	nr_arena arena;
	nr_alert *head, **tail;
	size_t count;
	unsigned int max; /* per rule per article */
} nr_alert_list;

void nr_alert__list_init(nr_alert_list *l, unsigned int max);
/* Forget the alerts and free their memory; the list is ready again. */
void nr_alert__list_reset(nr_alert_list *l);
void nr_alert__list_free(nr_alert_list *l);
static inline bool nr_alert__list_full(const nr_alert_list *l) { return l->count >= l->max; }

/*
 * One alert as a rule describes it. Strings are byte ranges (not
 * NUL-terminated) and need not be valid UTF-8: alerts leave as JSON, so a
 * string a rule cut mid-character is repaired (U+FFFD), not lost.
 */
typedef struct nr_alert_draft {
	const char *severity; /* a valid severity name, or NULL for the rule's */
	const char *message;  /* NULL: the rule's title */
	size_t message_len;
	const nr_span *evidence; /* spans of the article text */
	size_t nevidence;
	const char *actor, *target; /* NULL when the rule did not say */
	size_t actor_len, target_len;
	const char *fields_json; /* a JSON object text, or NULL for "{}" */
} nr_alert_draft;

/*
 * Copy an alert of `rule` (in `rs`) on article `a` into the list's arena
 * and append it. NR_OK, NR_ETOOBIG when the list already holds its
 * maximum, NR_ENOMEM.
 */
int nr_alert__add(nr_alert_list *l, const nr_ruleset *rs, const nr_rule *rule, const nr_article *a,
		  const nr_alert_draft *d);

#endif /* NR_ALERT_H */
