/*
 * prefilter.h - every rule's keywords found in one pass over an article.
 *
 * A rule set's keywords (lowercased, deduplicated across rules) become one
 * automaton (core/base/acm.h), built by the first scanner and then shared
 * read-only by all. Per article, a scanner's nr_kwscan runs it once over
 * title + "\n" + text: which rules have a keyword there (the others are
 * skipped), and where the keywords occur in the text (article:hits()).
 */
#ifndef NR_PREFILTER_H
#define NR_PREFILTER_H

#include "base/acm.h"
#include "rules/rules.h"

typedef struct nr_prefilter {
	nr_acm *acm;
	size_t npat;
	/* pattern p -> the keywords (numbered across rules, rule by rule)
	 * it stands for: kw_of[pat_first[p] .. pat_first[p + 1]) */
	uint32_t *pat_first, *kw_of;
	/* keyword k -> its pattern and its rule; rule r's keywords are
	 * rule_first[r] .. rule_first[r + 1] */
	uint32_t *kw_pat, *kw_rule, *rule_first;
	/* keyword k spells a pattern an earlier keyword of its rule spells */
	bool *kw_dup;
	size_t nkw, nrules;
	/* `\b` as news.regex compiles it: where article:hits{word_start}
	 * needs PCRE2's Unicode word characters */
	pcre2_code *word_boundary;
	size_t bytes;      /* all of the above */
	uint64_t build_ns; /* how long building took */
} nr_prefilter;

/* The set's prefilter, built on first call (from any thread: the first to
 * finish publishes it, the others drop theirs). NULL when out of memory;
 * a set without keywords has one with no patterns. Freed with the set. */
const nr_prefilter *nr_prefilter__get(const nr_ruleset *rs);
void nr_prefilter__free(nr_prefilter *pf);

/* One keyword occurrence in the article's text: `start` a byte offset
 * into the text, `pat` the pattern. */
typedef struct nr_hit {
	uint32_t start;
	uint32_t pat;
} nr_hit;

/* What one pass found, in a scanner's buffers reused across articles. */
typedef struct nr_kwscan {
	const nr_prefilter *pf;
	uint64_t *rules; /* bit per rule: a keyword occurs */
	uint32_t *seen;  /* per pattern: the pass it last occurred in */
	uint32_t pass;
	size_t title_len; /* hits before title_len + 1 are the title's */
	nr_hit *hits;     /* in the text, by end */
	size_t nhits, cap_hits, max_hits;
	/* More hits than max_hits: those of a rule are found again when
	 * asked for (nr_kwscan__rule_hits). */
	bool overflow;
	bool oom; /* a buffer could not grow: every rule runs */
	/* hits grouped by pattern, built when first asked for */
	uint32_t *by_pat_first, *by_pat;
	size_t cap_by_pat;
	bool grouped;
	const char *text; /* the article's, while it is scanned */
	size_t text_len;
} nr_kwscan;

void nr_kwscan__init(nr_kwscan *ks, const nr_prefilter *pf);
void nr_kwscan__free(nr_kwscan *ks);
/* One pass over title + "\n" + text. */
void nr_kwscan__run(nr_kwscan *ks, const char *title, size_t tlen, const char *text, size_t len);
/* Does a keyword of rule r occur (true too when the pass could not tell)? */
bool nr_kwscan__rule_hit(const nr_kwscan *ks, size_t r);

/* A hit of one of a rule's keywords: `kw` numbers the keyword across
 * rules (nr_prefilter's). */
typedef struct nr_rule_hit {
	uint32_t start, end; /* in the text, end exclusive */
	uint32_t kw;
} nr_rule_hit;

/* Rule r's hits in the text into out[] (room for *n on entry; on return
 * how many there are, which may be more than fit), by start, longest
 * first; a keyword declared twice (or as two spellings of one pattern)
 * reports once. Returns false when out of memory. */
bool nr_kwscan__rule_hits(nr_kwscan *ks, size_t r, nr_rule_hit *out, size_t *n);

/* The reference the pass must agree with (tests; scanner option): rule
 * r's keywords searched with memmem() in `lower`, title + "\n" + text
 * with ASCII lowercased. */
void nr_prefilter__lower(nr_buf *lower, const char *title, size_t tlen, const char *text,
			 size_t len);
bool nr_prefilter__reference_hit(const nr_rule *r, const nr_buf *lower);

/* scanner.c: decide which rules run with the reference instead of the
 * pass (which still gives article:hits()). For tests. */
void nr_scanner__reference_keywords(nr_scanner *s, bool on);

#endif /* NR_PREFILTER_H */
