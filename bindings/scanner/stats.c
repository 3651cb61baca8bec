/*
 * stats.c - per-rule statistics of a scanner: outcome counts, alerts,
 * time in the rule and in the extraction it started, log lines; reset, and
 * merged across scanners by the host.
 */
#include "scanner/scanner.h"

#include <string.h>

_Static_assert(NR_OUTCOME_COUNT_ <= NR_RULE_STATS_OUTCOMES,
	       "nr_rule_stats.outcomes has room for every outcome");

int nr_scanner_rule_stats(const nr_scanner *s, size_t rule, nr_rule_stats *out)
{
	if (!s || !out || out->version < 1 || out->version > NR_RULE_STATS_VERSION ||
	    rule >= s->rs->nrules)
		return NR_EINVAL;
	memset(out, 0, sizeof(*out));
	out->version = NR_RULE_STATS_VERSION;
	for (int o = 0; o < NR_OUTCOME_COUNT_; o++) {
		out->outcomes[o] = s->counts[rule][o];
		if (o == NR_OUTCOME_MATCH || o == NR_OUTCOME_NOMATCH ||
		    (o >= NR_OUTCOME_ERR_RUNTIME && o != NR_OUTCOME_INTERRUPTED &&
		     o != NR_OUTCOME_ERR_ARTICLE_DEADLINE))
			out->runs += s->counts[rule][o];
	}
	out->alerts = s->nalerts[rule];
	out->time_ns = s->ns[rule];
	out->analysis_ns = s->ans[rule];
	out->log_lines = s->logs[rule][0];
	out->log_suppressed = s->logs[rule][1];
	return NR_OK;
}

void nr_scanner_reset_stats(nr_scanner *s)
{
	if (!s)
		return;
	size_t n = s->rs->nrules;
	if (n) {
		memset(s->counts, 0, n * sizeof(*s->counts));
		memset(s->nalerts, 0, n * sizeof(*s->nalerts));
		memset(s->ns, 0, n * sizeof(*s->ns));
		memset(s->ans, 0, n * sizeof(*s->ans));
		memset(s->logs, 0, n * sizeof(*s->logs));
	}
	s->ctx.analyze_ns = 0;
}

int nr_rule_stats_merge(nr_rule_stats *dst, const nr_rule_stats *src)
{
	if (!dst || !src || dst->version < 1 || dst->version > NR_RULE_STATS_VERSION ||
	    src->version < 1 || src->version > NR_RULE_STATS_VERSION)
		return NR_EINVAL;
	for (int o = 0; o < NR_RULE_STATS_OUTCOMES; o++)
		dst->outcomes[o] += src->outcomes[o];
	dst->runs += src->runs;
	dst->alerts += src->alerts;
	dst->time_ns += src->time_ns;
	dst->analysis_ns += src->analysis_ns;
	dst->log_lines += src->log_lines;
	dst->log_suppressed += src->log_suppressed;
	return NR_OK;
}
