/*
 * names.c - who an alert's actor and target are, beyond the name it
 * gives: the identity a name the rule wrote stands for, and whether a name
 * someone expects ("US", an example's `actor`) names the same party
 * (nr_alert_names). Identities are the core's (lexicon/identity.c).
 */
#include "alerts/alert.h"
#include "extract/access.h"

#include <string.h>
#include <strings.h>

bool nr_alert__own_field(const char *k)
{
	static const char *const own[] = { "actor",     "target",          "actor_id",
					   "target_id", "actor_canonical", "target_canonical" };
	for (size_t i = 0; i < sizeof(own) / sizeof(*own); i++)
		if (!strcmp(k, own[i]))
			return true;
	return false;
}

void nr_alert__who_of_name(const nr_article *a, const nr_lexicon *lex, const char *s, size_t n,
			   nr_alert_who *who)
{
	who->id = who->canonical = NULL;
	if (!s || !n || memchr(s, '\0', n))
		return;
	long e = a ? nr_article__entity_named(a, s, n) : -1;
	if (e >= 0) {
		nr_article__entity_acting(a, (size_t)e, &who->id, &who->canonical);
		return;
	}
	if (lex && nr_lexicon__identify(lex->set, s, n, &who->lexid)) {
		who->id = who->lexid.id;
		who->canonical = who->lexid.canonical;
	}
}

int nr_alert_names(const nr_alert *al, nr_party_role role, const char *name)
{
	if (!al || !name || (role != NR_PARTY_ACTOR && role != NR_PARTY_TARGET))
		return 0;
	bool actor = role == NR_PARTY_ACTOR;
	const char *who = actor ? al->actor : al->target;
	size_t len = actor ? al->actor_len : al->target_len;
	const char *id = actor ? al->actor_id : al->target_id;
	size_t n = strlen(name);
	if (!who)
		return 0;
	if (n == len && strncasecmp(who, name, n) == 0)
		return 1;
	if (!id)
		return 0;
	if (!strcasecmp(id, name))
		return 1;
	nr_alert_who other;
	nr_alert__who_of_name(al->article, al->lex, name, n, &other);
	return other.id && !strcmp(other.id, id);
}
