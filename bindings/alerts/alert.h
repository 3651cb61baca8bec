/*
 * alert.h - what a rule reports: the alert record and the list of one
 * rule's alerts on one article, built in an arena while the rule runs
 * (nr_alert__add, from plain C values the Lua side has read), read
 * through the nr_alert_* functions of the public header, and its one
 * JSON form.
 */
#ifndef NR_ALERT_H
#define NR_ALERT_H

#include "lexicon/lexicon.h"
#include "rules/rules.h"

/*
 * What one alert may carry and what one rule's alerts on one article may
 * hold in all (docs/rules.md, "The sandbox"). The strings are the rule's;
 * the arena they are copied into is the host's, outside the Lua heap, so
 * without these a rule could make the host copy a 20 MiB string a
 * thousand times.
 */
#define NR_ALERT_MAX_STRING (64u * 1024u) /* message, actor, target: bytes each */
#define NR_ALERT_MAX_EVIDENCE 32          /* evidence spans */
#define NR_ALERT_MAX_FIELDS 64            /* entries of `fields` */
#define NR_ALERT_MAX_KEY 128              /* bytes of a `fields` key */
#define NR_ALERT_MAX_VALUE 4096u          /* bytes of a `fields` string value */
#define NR_ALERT_MAX_BYTES (32u << 20)    /* one rule's alerts on one article */
/* Bytes of an article's id, title, url or published that every alert
 * repeats; a longer value is left out and named (NR_EXTRA_ALERT_MAX bounds
 * the pass-through fields the same way). */
#define NR_ALERT_MAX_META 4096u

typedef struct nr_alert_ev {
	nr_span span;
	const char *text;
	size_t len;
} nr_alert_ev;

/* Strings keep their length: a rule's string may hold NUL bytes, which
 * the JSON form keeps (\u0000). */
struct nr_alert {
	const nr_ruleset *rs;
	const nr_rule *rule;
	const nr_article *article;
	const char *severity;
	const char *message;
	size_t message_len;
	nr_alert_ev *ev;
	size_t nev;
	const char *actor, *target;
	size_t actor_len, target_len;
	/* Who they are in every article (nr_alert_identity), NULL: unknown. */
	const char *actor_id, *actor_canonical, *target_id, *target_canonical;
	const nr_lexicon *lex; /* the scan's, for nr_alert_names(); or NULL */
	const char *fields_json;
	nr_alert *next;
	/* A copy (nr_alert_copy): what it keeps of the article, which it
	 * does not point to (article is NULL); NULL for a scanner's alert. */
	const struct nr_alert_snap *snap;
};

/* What an alert copy keeps of its article, for its accessors and JSON. */
typedef struct nr_alert_snap {
	const char *id, *title, *url, *published; /* "" when absent */
	const char *extra;                        /* nr_article__extra_alert(), or NULL */
	const char *text;                         /* NULL when over NR_ALERT_MAX_TEXT */
	size_t text_len;                          /* the article's, even when not kept */
	nr_span *sentences;
	size_t nsentences;
	/* Per evidence: the text of its context (nr_alert_evidence_context
	 * with one sentence around), for when `text` is not kept. */
	const char **context;
} nr_alert_snap;

/* The alerts of the running rule on one article, in raising order. Their
 * memory is one arena, dropped whole once the host has seen them (so a
 * rule that fails halfway through an alert leaks nothing). */
typedef struct nr_alert_list {
	nr_arena arena;
	nr_alert *head, **tail;
	size_t count;
	unsigned int max; /* per rule per article */
	size_t bytes;     /* what the alerts' drafts asked for (nr_alert__draft_size) */
	bool capped;      /* the rule asked for more than `max`: the scanner keeps those */
} nr_alert_list;

void nr_alert__list_init(nr_alert_list *l, unsigned int max);
/* Forget the alerts and free their memory; the list is ready again. */
void nr_alert__list_reset(nr_alert_list *l);
void nr_alert__list_free(nr_alert_list *l);
static inline bool nr_alert__list_full(const nr_alert_list *l) { return l->count >= l->max; }

/* Who an actor or target is in every article: id and canonical name,
 * both NULL when unknown; `lexid` holds them when the lexicons gave them. */
typedef struct nr_alert_who {
	const char *id, *canonical;
	nr_lex_identity lexid;
} nr_alert_who;

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
	nr_alert_who actor_who, target_who;
	const nr_lexicon *lex;   /* the scan's lexicons, or NULL */
	const char *fields_json; /* a JSON object text, or NULL for "{}" */
} nr_alert_draft;

/* Bytes the alert of a draft takes in the arena (before UTF-8 repair):
 * what counts against NR_ALERT_MAX_BYTES. */
size_t nr_alert__draft_size(const nr_alert_draft *d);
/* Would one more alert of `size` bytes pass the list's byte limit? */
static inline bool nr_alert__list_fits(const nr_alert_list *l, size_t size)
{
	return size <= NR_ALERT_MAX_BYTES && l->bytes <= NR_ALERT_MAX_BYTES - size;
}

/*
 * Copy an alert of `rule` (in `rs`) on article `a` into the list's arena
 * and append it. NR_OK, NR_ETOOBIG when the list already holds its
 * maximum count or bytes, NR_ENOMEM.
 */
/*
 * Who a party an alert names by the name s[0..n) (a rule's string) is,
 * into *who: the article's entity of that name as it acts (no one when
 * that entity has no id), else the country or organisation lex lists
 * under that name (lex and a may be NULL).
 */
void nr_alert__who_of_name(const nr_article *a, const nr_lexicon *lex, const char *s, size_t n,
			   nr_alert_who *who);

/* Is `k` a member of an alert's fields that the alert itself sets
 * (actor, target and their ids), which a rule's `fields` may not? */
bool nr_alert__own_field(const char *k);

int nr_alert__add(nr_alert_list *l, const nr_ruleset *rs, const nr_rule *rule, const nr_article *a,
		  const nr_alert_draft *d);

#endif /* NR_ALERT_H */
