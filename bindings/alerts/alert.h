/*
 * alert.h - what a rule reports: the alert record, built in the scan's
 * arena while a rule runs, read through the nr_alert_* functions of the
 * public header, and its one JSON form.
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

#endif /* NR_ALERT_H */
